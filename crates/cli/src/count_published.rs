//! The published form of `tryghed count`'s table and summary.
//!
//! Each cell (area or outside × category, other or all × year) is a [`PublishedCount`]:
//! below the threshold it is `< 5`, 0 included. Within each area and year the cells that add
//! up ([`CategorySet::sum_tables`]: straffelovskriminalitet and the categories inside it;
//! [`CategorySet::sum_table_of_all`]: every report, the largest disjoint categories and the
//! reports in no category) go through complementary suppression, so that no subtraction gives
//! a hidden cell back. A rate is given only for a shown count. The summary's accounting (rows
//! in the areas, outside, skipped; reports with codes in no category) are totals of the same
//! cells over areas and years, so the published summary says only whether it adds up; the
//! numbers come with `--unsuppressed`.

use std::collections::{BTreeMap, BTreeSet};
use tryghed_agreement::Year;

use serde::Serialize;
use tryghed_count::{AreaKey, CategoryKey, CountReport, CountTable};
use tryghed_disclosure::{PublishedCount, SuppressionThreshold, TotalLayout, protect_total};
use tryghed_goals::{CategorySet, SumTable};

/// A cell's key: area (or outside), category (or other, all), year.
type Key = (AreaKey, CategoryKey, Year);

/// The table's cells as they may be published.
pub(crate) struct PublishedTable {
    cells: BTreeMap<Key, PublishedCount>,
    threshold: SuppressionThreshold,
}

impl PublishedTable {
    /// Primary and complementary suppression of every cell of `table`.
    pub(crate) fn new(
        table: &CountTable,
        categories: &CategorySet,
        threshold: SuppressionThreshold,
    ) -> Self {
        let mut raw: BTreeMap<Key, u64> = BTreeMap::new();
        for row in table.rows() {
            if let Some(n) = row.count() {
                raw.insert((row.area().clone(), row.category().clone(), row.year()), n);
            }
        }
        let mut cells: BTreeMap<Key, PublishedCount> = raw
            .iter()
            .map(|(k, &n)| (k.clone(), PublishedCount::new(n, threshold)))
            .collect();
        let id = |i: usize| {
            categories
                .get(i)
                .map(|c| CategoryKey::Category(c.id().clone()))
        };
        let sums: Vec<(CategoryKey, Vec<CategoryKey>, SumTable)> = categories
            .sum_tables()
            .into_iter()
            .filter_map(|t| {
                let parts = t.parts().iter().filter_map(|&p| id(p)).collect();
                Some((id(t.total()?)?, parts, t))
            })
            .chain(categories.sum_table_of_all().map(|t| {
                let mut parts: Vec<CategoryKey> = t.parts().iter().filter_map(|&p| id(p)).collect();
                parts.push(CategoryKey::Other);
                (CategoryKey::All, parts, t)
            }))
            .collect();
        let places: BTreeSet<(AreaKey, Year)> =
            raw.keys().map(|(a, _, y)| (a.clone(), *y)).collect();
        for (area, year) in &places {
            for (total, parts, sum) in &sums {
                let key = |c: &CategoryKey| (area.clone(), c.clone(), *year);
                let Some(&total_n) = raw.get(&key(total)) else {
                    continue;
                };
                let observed: Vec<(Key, u64)> = parts
                    .iter()
                    .filter_map(|c| raw.get(&key(c)).map(|&n| (key(c), n)))
                    .collect();
                if observed.is_empty() {
                    continue;
                }
                let layout = if sum.is_partition() && observed.len() == parts.len() {
                    TotalLayout::Partition
                } else {
                    TotalLayout::WithRemainder
                };
                let values: Vec<u64> = observed.iter().map(|(_, n)| *n).collect();
                let mut hide = |k: &Key| {
                    if let Some(c) = cells.get_mut(k) {
                        *c = c.withheld();
                    }
                };
                match protect_total(total_n, &values, layout, threshold) {
                    Ok(p) => {
                        if p.total().is_hidden() {
                            hide(&key(total));
                        }
                        for ((k, _), c) in observed.iter().zip(p.parts()) {
                            if c.is_hidden() {
                                hide(k);
                            }
                        }
                    }
                    // Parts above their total contradict the code lists: nothing may be
                    // subtracted from the total.
                    Err(_) => hide(&key(total)),
                }
            }
        }
        Self { cells, threshold }
    }

    /// The published cell, when the table has a count there.
    pub(crate) fn get(
        &self,
        area: &AreaKey,
        category: &CategoryKey,
        year: Year,
    ) -> Option<PublishedCount> {
        self.cells
            .get(&(area.clone(), category.clone(), year))
            .copied()
    }
}

/// The published JSON of `tryghed count`.
#[derive(Serialize)]
pub(crate) struct PublishedDocument {
    threshold: SuppressionThreshold,
    layer: String,
    crs: String,
    category_set: String,
    /// Whether read = classified + outside + skipped (the numbers: `--unsuppressed`).
    adds_up: bool,
    skips: Vec<PublishedSkip>,
    /// The codes that matched no category (their counts: `--unsuppressed`).
    unknown_codes: Vec<String>,
    rows: Vec<PublishedRow>,
}

#[derive(Serialize)]
struct PublishedSkip {
    reason: String,
    first_lines: Vec<u64>,
}

#[derive(Serialize)]
struct PublishedRow {
    area: String,
    area_name: String,
    category: String,
    category_name: String,
    year: Year,
    /// `None` for a category whose count is unknown (no confirmed codes).
    count: Option<PublishedCount>,
    residents: Option<u64>,
    /// Only for a shown count.
    rate_per_1000: Option<String>,
}

impl PublishedDocument {
    pub(crate) fn new(report: &CountReport, table: &PublishedTable) -> Self {
        let s = report.summary();
        let rows = report
            .table()
            .rows()
            .map(|r| {
                let count = table.get(r.area(), r.category(), r.year());
                PublishedRow {
                    area: r.area().to_string(),
                    area_name: r.area_name().to_owned(),
                    category: r.category().to_string(),
                    category_name: r.category_name().to_owned(),
                    year: r.year(),
                    count,
                    residents: r.residents(),
                    rate_per_1000: r
                        .rate_per_1000()
                        .filter(|_| count.is_some_and(PublishedCount::is_shown))
                        .map(|d| d.to_string()),
                }
            })
            .collect();
        Self {
            threshold: table.threshold,
            layer: s.layer().to_owned(),
            crs: s.crs().to_string(),
            category_set: s.category_set().to_owned(),
            adds_up: s.adds_up(),
            skips: s
                .skips()
                .iter()
                .map(|k| PublishedSkip {
                    reason: k.reason().label_da().to_owned(),
                    first_lines: k.first_lines().to_vec(),
                })
                .collect(),
            unknown_codes: s
                .unknown_codes()
                .iter()
                .map(|c| c.code().to_string())
                .collect(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_categories_give_two_sums() {
        let set = CategorySet::straffelov_2026().unwrap();
        assert_eq!(set.sum_tables().len(), 1);
        assert!(set.sum_table_of_all().is_some());
    }
}
