//! The leak property test: no count below the threshold reaches a published report, in any
//! format, by any road.
//!
//! # Method
//!
//! A published output reveals a hidden count exactly when it *depends* on it. So for each
//! random world (counts 0–20 per crime category, area — the partnership area, Valby,
//! København — and year, residents, survey shares, amended 2025 baselines and a threshold
//! 3–10) the test builds a second world that differs **only in hidden values**: every count
//! below the threshold, and every amended baseline below it, is replaced by another value below
//! it (keeping every shown count, and so the total of straffelovskriminalitet whenever it is
//! shown, as it was). A reader of the published report cannot tell the two worlds apart, so the
//! Markdown, the HTML (tables, charts, axis ranges, map, sentences, the "Mangler" box) and the
//! published JSON of every year 2026–2029 must be **byte for byte the same** in both. Whatever
//! road a hidden count took into an output — a cell, a sentence, a change, a trend, a rate, a
//! status word, a chart point, an axis end — would make them differ.
//!
//! In addition every count object of the published JSON is checked: a shown count is at least
//! the threshold, and a suppressed or complementary one carries no value.
//!
//! # Why it cannot pass vacuously
//!
//! - Every world has hidden counts (the generator forces some below the threshold), and the
//!   test asserts that the published JSON of some year marks a count suppressed.
//! - The second world really differs: the `--unsuppressed` JSON (exact figures) of the two
//!   worlds is asserted to differ for the years that show a hidden count, so the report did
//!   read the changed values and the published forms agree only because they hide them.
//! - The test was seen to fail when a leak was put in on purpose (a hidden count printed raw
//!   in the explanation, a trend computed from hidden counts, the status check switched off).
//!
//! What it does not vary: cells hidden by complementary suppression keep their values (their
//! choice depends on the shown cells only; the unit tests of `tryghed-disclosure` check that
//! subtraction recovers nothing from them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use tryghed_report::Year;

use proptest::prelude::*;
use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
use tryghed_disclosure::{PublishedRate, SuppressionThreshold};
use tryghed_goals::{Observation, Observations, Share};
use tryghed_report::{ReportBuilder, ReportOptions, render_html, render_json, render_markdown};

/// The police-report indicators of the Folehaven goals (straffelov first, then its parts).
const STRAFFELOV: &str = "straffelov-per-1000";
const PARTS: [&str; 3] = ["indbrud", "tyveri-roeveri", "haervaerk"];
const OTHERS: [&str; 4] = ["vold-vaaben", "narkotika", "trusler", "chikane"];
const AREAS: [&str; 3] = ["omraade", "valby", "kobenhavn"];
/// Crime years: 2025–2028 are reported in 2026–2029; earlier years fill the series.
const YEARS: std::ops::RangeInclusive<u16> = 2023..=2028;

/// The library's year type for a year of this test's model.
fn yr(year: u16) -> Year {
    Year::new(i32::from(year)).unwrap()
}
const SURVEY: [&str; 2] = ["tryg-i-nabolaget", "tryg-aften-nat"];

#[derive(Debug, Clone)]
struct World {
    threshold: u64,
    /// Counts of the parts and the other categories, by indicator, area and year (absent when
    /// not observed).
    counts: BTreeMap<(String, String, u16), u64>,
    /// Straffelov's reports outside the three parts, by area and year (at least 3, so that
    /// the perturbation can move a part by one without changing a shown total).
    rest: BTreeMap<(String, u16), u64>,
    residents: BTreeMap<(String, u16), u64>,
    shares: BTreeMap<(String, String, u16), (u64, u64)>,
    /// Baselines set by an amendment for 2025: counts, and straffelov's rate in tenths.
    amended_counts: BTreeMap<String, u64>,
    amended_rate_tenths: Option<u64>,
}

impl World {
    /// Straffelov i alt: the three parts that are observed plus the rest.
    fn straffelov(&self, area: &str, year: u16) -> Option<u64> {
        let rest = *self.rest.get(&(area.to_owned(), year))?;
        let parts: u64 = PARTS
            .iter()
            .filter_map(|p| self.counts.get(&((*p).to_owned(), area.to_owned(), year)))
            .sum();
        Some(rest + parts)
    }

    fn observations(&self) -> Observations {
        let mut obs = Observations::new();
        for ((ind, area, year), &n) in &self.counts {
            obs.insert(
                Observation::count(ind.parse().unwrap(), area.parse().unwrap(), yr(*year), n)
                    .unwrap(),
            )
            .unwrap();
        }
        for (area, year) in self.rest.keys() {
            let total = self.straffelov(area, *year).unwrap();
            obs.insert(
                Observation::count(
                    STRAFFELOV.parse().unwrap(),
                    area.parse().unwrap(),
                    yr(*year),
                    total,
                )
                .unwrap(),
            )
            .unwrap();
        }
        for ((area, year), &r) in &self.residents {
            obs.insert(Observation::residents(area.parse().unwrap(), yr(*year), r).unwrap())
                .unwrap();
        }
        for ((ind, area, year), &(k, n)) in &self.shares {
            obs.insert(
                Observation::share(
                    ind.parse().unwrap(),
                    area.parse().unwrap(),
                    yr(*year),
                    Share::new(k, n).unwrap(),
                    Some(n),
                )
                .unwrap(),
            )
            .unwrap();
        }
        obs
    }

    fn agreement(&self) -> Agreement {
        let mut baselines = Vec::new();
        for (ind, v) in &self.amended_counts {
            baselines.push(format!(
                "{{ indicator = \"{ind}\", baseline = {{ year = 2025, value = {v} }} }}"
            ));
        }
        if let Some(t) = self.amended_rate_tenths {
            baselines.push(format!(
                "{{ indicator = \"{STRAFFELOV}\", baseline = {{ year = 2025, value = \"{}.{}\" }} }}",
                t / 10,
                t % 10
            ));
        }
        if baselines.is_empty() {
            return Agreement::folehaven();
        }
        let mut text = FOLEHAVEN_TOML.to_owned();
        write!(
            text,
            "\n[[amendments]]\ndate = 2026-06-15\ntitle = \"synthetic baselines\"\nbaselines = [{}]\n",
            baselines.join(", ")
        )
        .unwrap();
        Agreement::from_toml_str(&text).unwrap()
    }

    fn threshold(&self) -> SuppressionThreshold {
        SuppressionThreshold::new(self.threshold).unwrap()
    }

    /// The same world with every hidden value replaced by another hidden value.
    fn perturbed(&self) -> World {
        let t = self.threshold;
        let other = |v: u64| if v > 0 { v - 1 } else { 1 };
        let mut w = self.clone();
        for ind in OTHERS {
            for area in AREAS {
                for year in YEARS {
                    let k = (ind.to_owned(), area.to_owned(), year);
                    if let Some(v) = w.counts.get_mut(&k)
                        && *v < t
                    {
                        *v = other(*v);
                    }
                }
            }
        }
        // The parts of straffelov: move each hidden part, and keep a shown total as it was
        // (the rest takes the difference); a hidden total may change, but stays hidden.
        for area in AREAS {
            for year in YEARS {
                let key = |p: &str| (p.to_owned(), area.to_owned(), year);
                let Some(total) = self.straffelov(area, year) else {
                    for p in PARTS {
                        if let Some(v) = w.counts.get_mut(&key(p))
                            && *v < t
                        {
                            *v = other(*v);
                        }
                    }
                    continue;
                };
                let rest = self.rest[&(area.to_owned(), year)];
                let mut trial = w.clone();
                let mut sum = 0;
                for p in PARTS {
                    if let Some(v) = trial.counts.get_mut(&key(p)) {
                        if *v < t {
                            *v = other(*v);
                        }
                        sum += *v;
                    }
                }
                let new_rest = if total >= t {
                    total.checked_sub(sum)
                } else {
                    (sum + rest < t).then_some(rest)
                };
                if let Some(r) = new_rest {
                    trial.rest.insert((area.to_owned(), year), r);
                    w = trial;
                }
            }
        }
        for v in w.amended_counts.values_mut() {
            if *v < t {
                *v = other(*v);
            }
        }
        // An amended rate that is withheld is moved to another withheld rate, if there is one.
        if let Some(r) = self.amended_rate_tenths {
            let residents: Vec<u64> = self
                .residents
                .iter()
                .filter(|((a, _), _)| a == "omraade")
                .map(|(_, &r)| r)
                .collect();
            let withheld = |tenths: u64| {
                residents.iter().any(|&res| {
                    PublishedRate::stated(tenths, Some(res), self.threshold()).is_none()
                })
            };
            if withheld(r) {
                w.amended_rate_tenths = [r + 1, r.saturating_sub(1)]
                    .into_iter()
                    .find(|&x| x != r && withheld(x))
                    .or(Some(r));
            }
        }
        w
    }
}

fn world() -> impl Strategy<Value = World> {
    let cells = AREAS.len() * YEARS.clone().count();
    let n_counts = (PARTS.len() + OTHERS.len()) * cells;
    (
        3u64..=10,
        prop::collection::vec(prop::option::weighted(0.85, 0u64..=20), n_counts),
        prop::collection::vec(prop::option::weighted(0.9, 3u64..=20), cells),
        prop::collection::vec(1_900u64..2_300, cells),
        prop::collection::vec((60u64..95, any::<bool>()), SURVEY.len() * AREAS.len() * 4),
        prop::collection::vec(
            prop::option::weighted(0.5, 0u64..=20),
            PARTS.len() + OTHERS.len(),
        ),
        prop::option::weighted(0.5, 0u64..=200),
        0usize..OTHERS.len(),
    )
        .prop_map(
            |(threshold, counts, rest, residents, shares, amended, rate, forced)| {
                let mut w = World {
                    threshold,
                    counts: BTreeMap::new(),
                    rest: BTreeMap::new(),
                    residents: BTreeMap::new(),
                    shares: BTreeMap::new(),
                    amended_counts: BTreeMap::new(),
                    amended_rate_tenths: rate,
                };
                let mut it = counts.into_iter();
                for ind in PARTS.iter().chain(OTHERS.iter()) {
                    for area in AREAS {
                        for year in YEARS {
                            if let Some(Some(v)) = it.next() {
                                w.counts
                                    .insert(((*ind).to_owned(), area.to_owned(), year), v);
                            }
                        }
                    }
                }
                // At least one hidden count in the partnership area's 2025 row.
                w.counts
                    .insert((OTHERS[forced].to_owned(), "omraade".to_owned(), 2025), 0);
                let mut it = rest.into_iter();
                for area in AREAS {
                    for year in YEARS {
                        if let Some(Some(r)) = it.next() {
                            w.rest.insert((area.to_owned(), year), r);
                        }
                    }
                }
                let mut it = residents.into_iter();
                for (i, area) in AREAS.iter().enumerate() {
                    for year in YEARS {
                        // Valby and København are larger (the figures are made up).
                        let scale = [1, 30, 300][i];
                        if let Some(r) = it.next() {
                            w.residents.insert(((*area).to_owned(), year), r * scale);
                        }
                    }
                }
                let mut it = shares.into_iter();
                for ind in SURVEY {
                    for area in AREAS {
                        for year in 2026..=2029 {
                            if let Some((pct, present)) = it.next()
                                && present
                            {
                                w.shares.insert(
                                    (ind.to_owned(), area.to_owned(), year),
                                    (pct * 4, 400),
                                );
                            }
                        }
                    }
                }
                for (ind, v) in PARTS.iter().chain(OTHERS.iter()).zip(amended) {
                    // Amendments set baselines of the targeted categories only.
                    if let Some(v) = v
                        && !matches!(*ind, "haervaerk" | "narkotika" | "trusler" | "chikane")
                    {
                        w.amended_counts.insert((*ind).to_owned(), v);
                    }
                }
                w
            },
        )
}

/// The three published outputs of `world` for `year`, and the unsuppressed JSON.
fn outputs(world: &World, year: u16) -> ([String; 3], String) {
    let agreement = world.agreement();
    let obs = world.observations();
    let options = ReportOptions::default().with_suppression_threshold(world.threshold());
    let report = ReportBuilder::new(&agreement)
        .year(yr(year))
        .observations(obs.clone(), Some("observationer.csv".into()))
        .options(options)
        .build()
        .unwrap();
    let exact = ReportBuilder::new(&agreement)
        .year(yr(year))
        .observations(obs, Some("observationer.csv".into()))
        .options(options.unsuppressed())
        .build()
        .unwrap();
    (
        [
            render_markdown(&report).unwrap(),
            render_html(&report).unwrap(),
            render_json(&report).unwrap(),
        ],
        render_json(&exact).unwrap(),
    )
}

/// Every count object in a published JSON document: shown ones are at least the threshold,
/// hidden ones carry no value, and nothing is exact. Returns how many are hidden.
fn check_counts(v: &serde_json::Value, threshold: u64) -> Result<usize, TestCaseError> {
    let mut hidden = 0;
    match v {
        serde_json::Value::Object(map) => {
            if let Some(status) = map.get("status").and_then(|s| s.as_str())
                && map.contains_key("threshold")
            {
                match status {
                    "shown" => {
                        let n = map["value"].as_u64().unwrap();
                        prop_assert!(n >= threshold, "a shown count {} below {}", n, threshold);
                    }
                    "suppressed" | "complementary" => {
                        prop_assert!(
                            !map.contains_key("value"),
                            "a hidden count with a value: {:?}",
                            map
                        );
                        hidden += 1;
                    }
                    other => prop_assert!(false, "unknown count status {other}"),
                }
            }
            prop_assert!(!map.contains_key("confidential"));
            prop_assert!(map.get("status").and_then(|s| s.as_str()) != Some("exact"));
            for x in map.values() {
                hidden += check_counts(x, threshold)?;
            }
        }
        serde_json::Value::Array(items) => {
            for x in items {
                hidden += check_counts(x, threshold)?;
            }
        }
        _ => {}
    }
    Ok(hidden)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_hidden_count_reaches_a_published_report(w in world()) {
        let other = w.perturbed();
        let mut hidden_somewhere = false;
        for year in 2026..=2029 {
            let (published, exact) = outputs(&w, year);
            let (published_other, exact_other) = outputs(&other, year);
            for (format, (a, b)) in ["Markdown", "HTML", "JSON"].iter().zip(published.iter().zip(&published_other)) {
                if a != b {
                    let line = a.lines().zip(b.lines()).find(|(x, y)| x != y);
                    prop_assert!(false, "{format} {year} depends on a hidden value: {:?}", line);
                }
            }
            let json: serde_json::Value = serde_json::from_str(&published[2]).unwrap();
            let hidden = check_counts(&json, w.threshold)?;
            if hidden > 0 {
                hidden_somewhere = true;
                // The worlds differ in what the report read: the exact forms tell them apart.
                prop_assert_ne!(&exact, &exact_other, "the perturbation changed nothing in {}", year);
            }
        }
        prop_assert!(hidden_somewhere, "no hidden count in any year");
    }
}
