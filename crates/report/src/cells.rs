//! Every count of police reports in the report, published once and read from here by every
//! section (goals table, crime table, summary, charts, JSON): the one place where the report
//! applies `tryghed-disclosure`.
//!
//! **Primary suppression**: a count below the threshold is a suppressed [`PublishedCount`].
//!
//! **Complementary suppression**: the crime categories are sets of offence codes, and some lie
//! inside others (indbrud `1316`, `1320` inside straffelovskriminalitet `1`). For each area and
//! year, each table of total and parts that the categories imply
//! ([`CategorySet::sum_tables`]) goes through [`protect_total`]; a cell hidden by any table is
//! hidden everywhere.
//!
//! Years and areas are not tables of each other: the report never prints a sum over years,
//! nor Valby without the partnership area.

use std::collections::{BTreeMap, BTreeSet};
use tryghed_core::Year;

use tryghed_disclosure::{PublishedCount, SuppressionThreshold, TotalLayout, protect_total};
use tryghed_goals::{AreaId, CategoryId, CategorySet, IndicatorId, Observations, ObservedValue};

use crate::model::Count;

/// The key of a cell: indicator, area, year.
type Key = (IndicatorId, AreaId, Year);

/// The counts of the report, keyed by indicator, area and year.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cells {
    map: BTreeMap<Key, Count>,
}

impl Cells {
    /// The counts of `indicators` (each with its crime category, if any) in `observations`:
    /// exact when `threshold` is `None`, otherwise published with primary and complementary
    /// suppression over the sums that `categories` imply ([`CategorySet::sum_tables`]).
    pub(crate) fn new(
        observations: &Observations,
        indicators: &[(IndicatorId, Option<CategoryId>)],
        categories: &CategorySet,
        threshold: Option<SuppressionThreshold>,
    ) -> Self {
        let ids: BTreeSet<&IndicatorId> = indicators.iter().map(|(i, _)| i).collect();
        let mut raw: BTreeMap<Key, u64> = BTreeMap::new();
        for o in observations.iter() {
            if let ObservedValue::Count(n) = o.value()
                && ids.contains(o.indicator())
            {
                raw.insert((o.indicator().clone(), o.area().clone(), o.year()), n);
            }
        }
        let Some(threshold) = threshold else {
            return Self {
                map: raw.into_iter().map(|(k, n)| (k, Count::exact(n))).collect(),
            };
        };
        let mut published: BTreeMap<Key, PublishedCount> = raw
            .iter()
            .map(|(k, &n)| (k.clone(), PublishedCount::new(n, threshold)))
            .collect();
        // The indicators of each category, in the goals' order.
        let of = |index: usize| -> Vec<&IndicatorId> {
            let Some(category) = categories.get(index) else {
                return Vec::new();
            };
            indicators
                .iter()
                .filter(|(_, c)| c.as_ref() == Some(category.id()))
                .map(|(i, _)| i)
                .collect()
        };
        let places: BTreeSet<(AreaId, Year)> =
            raw.keys().map(|(_, a, y)| (a.clone(), *y)).collect();
        for table in categories.sum_tables() {
            let Some(total_category) = table.total() else {
                continue;
            };
            let parts: Vec<&IndicatorId> = table
                .parts()
                .iter()
                .filter_map(|&p| of(p).first().copied())
                .collect();
            for total in of(total_category) {
                for (area, year) in &places {
                    let key = |i: &IndicatorId| (i.clone(), area.clone(), *year);
                    let observed: Vec<(Key, u64)> = parts
                        .iter()
                        .filter_map(|&i| raw.get(&key(i)).map(|&n| (key(i), n)))
                        .collect();
                    // A part that is not observed is part of the unshown rest.
                    let layout = if table.is_partition() && observed.len() == table.parts().len() {
                        TotalLayout::Partition
                    } else {
                        TotalLayout::WithRemainder
                    };
                    protect(
                        &mut published,
                        &raw,
                        &key(total),
                        &observed,
                        layout,
                        threshold,
                    );
                }
            }
        }
        Self {
            map: published
                .into_iter()
                .map(|(k, c)| (k, Count::published(c)))
                .collect(),
        }
    }

    /// The count of `indicator` in `area` and `year`, as the report may print it.
    pub(crate) fn get(&self, indicator: &IndicatorId, area: &AreaId, year: Year) -> Option<Count> {
        self.map
            .get(&(indicator.clone(), area.clone(), year))
            .copied()
    }
}

/// Complementary suppression of one total and its observed parts, into `published`.
fn protect(
    published: &mut BTreeMap<Key, PublishedCount>,
    raw: &BTreeMap<Key, u64>,
    total_key: &Key,
    parts: &[(Key, u64)],
    layout: TotalLayout,
    threshold: SuppressionThreshold,
) {
    let Some(&total) = raw.get(total_key) else {
        return;
    };
    if parts.is_empty() {
        return;
    }
    let mut hide = |k: &Key| {
        if let Some(c) = published.get_mut(k) {
            *c = c.withheld();
        }
    };
    let values: Vec<u64> = parts.iter().map(|(_, n)| *n).collect();
    match protect_total(total, &values, layout, threshold) {
        Ok(p) => {
            if p.total().is_hidden() {
                hide(total_key);
            }
            for ((k, _), c) in parts.iter().zip(p.parts()) {
                if c.is_hidden() {
                    hide(k);
                }
            }
        }
        // Parts that exceed their total contradict the code lists: hide the total, so that
        // nothing can be subtracted from it.
        Err(_) => hide(total_key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tryghed_goals::Observation;

    /// The Folehaven goals' count indicators and their categories.
    fn folehaven() -> Vec<(IndicatorId, Option<CategoryId>)> {
        [
            ("straffelov-per-1000", "straffelovskriminalitet"),
            ("indbrud", "indbrud"),
            ("tyveri-roeveri", "tyveri-roeveri"),
            ("vold-vaaben", "vold-vaaben"),
            ("haervaerk", "haervaerk"),
            ("narkotika", "narkotika"),
            ("trusler", "trusler"),
            ("chikane", "chikane"),
        ]
        .iter()
        .map(|(i, c)| (i.parse().unwrap(), Some(c.parse().unwrap())))
        .collect()
    }

    fn cells(counts: &[(&str, u64)]) -> (Cells, Cells) {
        let area = AreaId::partnership();
        let mut obs = Observations::new();
        for (id, n) in counts {
            obs.insert(
                Observation::count(
                    id.parse().unwrap(),
                    area.clone(),
                    Year::new(2025).unwrap(),
                    *n,
                )
                .unwrap(),
            )
            .unwrap();
        }
        let set = CategorySet::straffelov_2026().unwrap();
        (
            Cells::new(
                &obs,
                &folehaven(),
                &set,
                Some(SuppressionThreshold::default()),
            ),
            Cells::new(&obs, &folehaven(), &set, None),
        )
    }

    fn get(cells: &Cells, id: &str) -> String {
        cells
            .get(
                &id.parse().unwrap(),
                &AreaId::partnership(),
                Year::new(2025).unwrap(),
            )
            .unwrap()
            .to_string()
    }

    #[test]
    fn complementary_suppression_reaches_every_reader_of_the_cells() {
        let (published, exact) = cells(&[
            ("straffelov-per-1000", 38),
            ("indbrud", 14),
            ("tyveri-roeveri", 22),
            ("haervaerk", 2),
            ("narkotika", 9),
        ]);
        // 38 − 14 − 22 = 2 would give hærværk away: indbrud (the next smallest) is hidden.
        assert_eq!(get(&published, "haervaerk"), "< 5");
        assert_eq!(get(&published, "indbrud"), "skjult");
        assert_eq!(get(&published, "tyveri-roeveri"), "22");
        assert_eq!(get(&published, "straffelov-per-1000"), "38");
        assert_eq!(get(&published, "narkotika"), "9");
        // Exact for internal use.
        assert_eq!(get(&exact, "haervaerk"), "2");
    }

    #[test]
    fn a_large_rest_hides_a_small_part_without_help() {
        let (published, _) = cells(&[
            ("straffelov-per-1000", 120),
            ("indbrud", 14),
            ("tyveri-roeveri", 22),
            ("haervaerk", 3),
        ]);
        assert_eq!(get(&published, "haervaerk"), "< 5");
        assert_eq!(get(&published, "indbrud"), "14");
        assert_eq!(get(&published, "tyveri-roeveri"), "22");
    }

    #[test]
    fn parts_above_their_total_hide_the_total() {
        let (published, _) = cells(&[
            ("straffelov-per-1000", 10),
            ("indbrud", 8),
            ("haervaerk", 3),
            ("tyveri-roeveri", 6),
        ]);
        assert_eq!(get(&published, "straffelov-per-1000"), "skjult");
        assert_eq!(get(&published, "haervaerk"), "< 5");
    }
}
