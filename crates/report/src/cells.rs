//! Every count of police reports in the report, published once and read from here by every
//! section (goals table, crime table, summary, charts, JSON): the one place where the report
//! applies `tryghed-disclosure`.
//!
//! **Primary suppression**: a count below the threshold is a suppressed [`PublishedCount`].
//!
//! **Complementary suppression**: the crime categories are sets of offence codes, and some lie
//! inside others (indbrud `1316`, `1320` inside straffelovskriminalitet `1`). For each area and
//! year, each category with categories inside it forms a table "total and parts": the parts
//! are the largest categories inside it that are disjoint from each other, and the table is a
//! partition when their codes cover the total's, otherwise a total with an unshown rest. Each
//! table goes through [`protect_total`]; a cell hidden by any table is hidden everywhere. Two
//! categories that overlap without one containing the other give no sum and are not a table.
//!
//! Years and areas are not tables of each other: the report never prints a sum over years,
//! nor Valby without the partnership area.

use std::collections::{BTreeMap, BTreeSet};

use tryghed_disclosure::{PublishedCount, SuppressionThreshold, TotalLayout, protect_total};
use tryghed_goals::{AreaId, IndicatorId, Observations, ObservedValue, OffenceCode};

use crate::model::Count;

/// The counts of the report, keyed by indicator, area and year.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cells {
    map: BTreeMap<(IndicatorId, AreaId, u16), Count>,
}

/// A count indicator and the codes of its crime category (empty when it has none).
#[derive(Debug, Clone)]
pub(crate) struct CountIndicator {
    pub(crate) id: IndicatorId,
    pub(crate) codes: Vec<OffenceCode>,
}

impl Cells {
    /// The counts of `indicators` in `observations`: exact when `threshold` is `None`,
    /// otherwise published with primary and complementary suppression.
    pub(crate) fn new(
        observations: &Observations,
        indicators: &[CountIndicator],
        threshold: Option<SuppressionThreshold>,
    ) -> Self {
        let ids: BTreeSet<&IndicatorId> = indicators.iter().map(|i| &i.id).collect();
        let mut raw: BTreeMap<(IndicatorId, AreaId, u16), u64> = BTreeMap::new();
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
        let mut published: BTreeMap<(IndicatorId, AreaId, u16), PublishedCount> = raw
            .iter()
            .map(|(k, &n)| (k.clone(), PublishedCount::new(n, threshold)))
            .collect();
        let places: BTreeSet<(AreaId, u16)> = raw.keys().map(|(_, a, y)| (a.clone(), *y)).collect();
        for table in tables(indicators) {
            for (area, year) in &places {
                let key = |i: usize| {
                    indicators
                        .get(i)
                        .map(|x| (x.id.clone(), area.clone(), *year))
                };
                let Some(total_key) = key(table.total) else {
                    continue;
                };
                let Some(&total) = raw.get(&total_key) else {
                    continue;
                };
                let parts: Vec<((IndicatorId, AreaId, u16), u64)> = table
                    .parts
                    .iter()
                    .filter_map(|&i| key(i))
                    .filter_map(|k| raw.get(&k).map(|&n| (k, n)))
                    .collect();
                if parts.is_empty() {
                    continue;
                }
                // A part that is not observed is part of the unshown rest.
                let layout = if table.partition && parts.len() == table.parts.len() {
                    TotalLayout::Partition
                } else {
                    TotalLayout::WithRemainder
                };
                let values: Vec<u64> = parts.iter().map(|(_, n)| *n).collect();
                let protected = protect_total(total, &values, layout, threshold);
                let mut hide = |k: &(IndicatorId, AreaId, u16)| {
                    if let Some(c) = published.get_mut(k) {
                        *c = c.withheld();
                    }
                };
                match protected {
                    Ok(p) => {
                        if p.total().is_hidden() {
                            hide(&total_key);
                        }
                        for ((k, _), c) in parts.iter().zip(p.parts()) {
                            if c.is_hidden() {
                                hide(k);
                            }
                        }
                    }
                    // Parts that exceed their total contradict the code lists: hide the
                    // total, so that nothing can be subtracted from it.
                    Err(_) => hide(&total_key),
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
    pub(crate) fn get(&self, indicator: &IndicatorId, area: &AreaId, year: u16) -> Option<Count> {
        self.map
            .get(&(indicator.clone(), area.clone(), year))
            .copied()
    }
}

/// A total and its parts, as indices into the indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Table {
    total: usize,
    parts: Vec<usize>,
    partition: bool,
}

/// Whether every code of `inner` lies under a code of `outer` (an empty `inner` lies nowhere).
fn within(inner: &[OffenceCode], outer: &[OffenceCode]) -> bool {
    !inner.is_empty() && inner.iter().all(|c| outer.iter().any(|o| c.starts_with(o)))
}

/// Whether no code of `a` lies under or over a code of `b`.
fn disjoint(a: &[OffenceCode], b: &[OffenceCode]) -> bool {
    a.iter()
        .all(|x| b.iter().all(|y| !x.starts_with(y) && !y.starts_with(x)))
}

/// Whether the codes `by` cover every code under `code`: one of them is a prefix of it, or it
/// has longer codes under it in `by` and each of its ten extensions is covered.
fn covered(code: &OffenceCode, by: &[OffenceCode]) -> bool {
    if by.iter().any(|b| code.starts_with(b)) {
        return true;
    }
    if !by.iter().any(|b| b.starts_with(code)) {
        return false;
    }
    (0..10u8)
        .all(|d| OffenceCode::new(&format!("{code}{d}")).is_ok_and(|longer| covered(&longer, by)))
}

/// The tables of total and parts among `indicators`.
fn tables(indicators: &[CountIndicator]) -> Vec<Table> {
    let mut out = Vec::new();
    for (t, total) in indicators.iter().enumerate() {
        if total.codes.is_empty() {
            continue;
        }
        // Categories strictly inside the total (the same set is the same count, not a part).
        let inside: Vec<usize> = indicators
            .iter()
            .enumerate()
            .filter(|&(i, x)| {
                i != t && within(&x.codes, &total.codes) && !within(&total.codes, &x.codes)
            })
            .map(|(i, _)| i)
            .collect();
        // The largest ones: not inside another of them (of two equal sets, the first).
        let codes = |i: usize| indicators.get(i).map_or(&[][..], |x| x.codes.as_slice());
        let contains = |j: usize, i: usize| {
            within(codes(i), codes(j)) && (!within(codes(j), codes(i)) || j < i)
        };
        let top: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&i| !inside.iter().any(|&j| j != i && contains(j, i)))
            .collect();
        // Disjoint from each other, in order.
        let mut parts: Vec<usize> = Vec::new();
        for i in top {
            if parts.iter().all(|&j| disjoint(codes(i), codes(j))) {
                parts.push(i);
            }
        }
        if parts.is_empty() {
            continue;
        }
        let part_codes: Vec<OffenceCode> = parts
            .iter()
            .filter_map(|&i| indicators.get(i))
            .flat_map(|x| x.codes.iter().copied())
            .collect();
        let partition = total.codes.iter().all(|c| covered(c, &part_codes));
        out.push(Table {
            total: t,
            parts,
            partition,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tryghed_goals::{CategorySet, Observation};

    fn codes(list: &[&str]) -> Vec<OffenceCode> {
        list.iter().map(|c| OffenceCode::new(c).unwrap()).collect()
    }

    fn ind(id: &str, list: &[&str]) -> CountIndicator {
        CountIndicator {
            id: id.parse().unwrap(),
            codes: codes(list),
        }
    }

    /// The embedded category set's indicators (as the Folehaven goals use them).
    fn folehaven() -> Vec<CountIndicator> {
        let set = CategorySet::straffelov_2026().unwrap();
        let c = |id: &str| {
            set.by_id(&id.parse().unwrap())
                .map(|c| c.codes().to_vec())
                .unwrap()
        };
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
        .map(|(i, cat)| CountIndicator {
            id: i.parse().unwrap(),
            codes: c(cat),
        })
        .collect()
    }

    #[test]
    fn the_embedded_categories_make_one_table_straffelov_with_a_rest() {
        let t = tables(&folehaven());
        // straffelov (0) with indbrud (1), tyveri/røveri (2), hærværk (4); vold/våben and
        // narkotika reach outside straffeloven (34, 32), trusler and chikane have no codes.
        assert_eq!(
            t,
            vec![Table {
                total: 0,
                parts: vec![1, 2, 4],
                partition: false
            }]
        );
    }

    #[test]
    fn coverage_makes_a_partition() {
        let all: Vec<String> = (0..10).map(|d| format!("1{d}")).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        assert!(covered(&OffenceCode::new("1").unwrap(), &codes(&all)));
        assert!(!covered(&OffenceCode::new("1").unwrap(), &codes(&all[1..])));
        assert!(covered(&OffenceCode::new("12").unwrap(), &codes(&["1"])));
        let x = vec![
            ind("i-alt", &["1"]),
            ind("a", &["10", "11", "12", "13", "14"]),
            ind("b", &["15", "16", "17", "18", "19"]),
            ind("c", &["12"]), // inside a: not a top-level part
        ];
        assert_eq!(
            tables(&x)[0],
            Table {
                total: 0,
                parts: vec![1, 2],
                partition: true
            }
        );
    }

    #[test]
    fn complementary_suppression_reaches_every_reader_of_the_cells() {
        let inds = folehaven();
        let area = AreaId::partnership();
        let mut obs = Observations::new();
        for (id, n) in [
            ("straffelov-per-1000", 38),
            ("indbrud", 14),
            ("tyveri-roeveri", 22),
            ("haervaerk", 2),
            ("narkotika", 9),
        ] {
            obs.insert(Observation::count(id.parse().unwrap(), area.clone(), 2025, n).unwrap())
                .unwrap();
        }
        let t = SuppressionThreshold::default();
        let cells = Cells::new(&obs, &inds, Some(t));
        let get = |id: &str| {
            cells
                .get(&id.parse().unwrap(), &area, 2025)
                .unwrap()
                .to_string()
        };
        // 38 − 14 − 22 = 2 would give hærværk away: indbrud (the next smallest) is hidden.
        assert_eq!(get("haervaerk"), "< 5");
        assert_eq!(get("indbrud"), "skjult");
        assert_eq!(get("tyveri-roeveri"), "22");
        assert_eq!(get("straffelov-per-1000"), "38");
        assert_eq!(get("narkotika"), "9");
        // Exact for internal use.
        let exact = Cells::new(&obs, &inds, None);
        assert_eq!(
            exact
                .get(&"haervaerk".parse().unwrap(), &area, 2025)
                .and_then(|c| c.value()),
            Some(2)
        );
    }

    #[test]
    fn parts_above_their_total_hide_the_total() {
        let inds = folehaven();
        let area = AreaId::partnership();
        let mut obs = Observations::new();
        for (id, n) in [
            ("straffelov-per-1000", 10),
            ("indbrud", 8),
            ("haervaerk", 3),
            ("tyveri-roeveri", 6),
        ] {
            obs.insert(Observation::count(id.parse().unwrap(), area.clone(), 2025, n).unwrap())
                .unwrap();
        }
        let cells = Cells::new(&obs, &inds, Some(SuppressionThreshold::default()));
        let get = |id: &str| {
            cells
                .get(&id.parse().unwrap(), &area, 2025)
                .unwrap()
                .to_string()
        };
        assert_eq!(get("straffelov-per-1000"), "skjult");
        assert_eq!(get("haervaerk"), "< 5");
    }
}
