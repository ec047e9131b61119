//! The counter against an independent count of the same synthetic extracts: rows split by
//! hand, positions tested with geo's plain `Contains` on every polygon, codes matched by a
//! naive string-prefix scan, years read with `split('-')`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use tryghed_count::Year;

use geo::Contains;
use tryghed_count::{
    AreaKey, CategoryKey, CountOptions, Counter, IndicatorMap, LayerChoice, Residents,
    SyntheticExtract,
};
use tryghed_geography::{Crs, CrsCoord, Layer, PartnershipArea, Utm32, Wgs84};
use tryghed_goals::{AreaId, CategorySet, Observations};

type Key = (String, String, u16);

/// The naive count: (area name or "outside", category id or "other"/"all", year) → n.
fn naive<P: CrsCoord>(text: &str, layer: &Layer<P>) -> BTreeMap<Key, u64> {
    let set = CategorySet::straffelov_2026().unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (date, code, x, y) = (f[1], f[2], f[3], f[4]);
        let parts: Vec<&str> = date.split('-').collect();
        let year: u16 = if parts[0].len() == 4 {
            parts[0].parse().unwrap()
        } else {
            parts[2].parse().unwrap()
        };
        let c = geo_types::coord! { x: x.parse::<f64>().unwrap(), y: y.parse::<f64>().unwrap() };
        let area = layer
            .areas()
            .iter()
            .find(|a| a.geometry().contains(&c))
            .map_or("outside".to_owned(), |a| a.name().to_owned());
        let mut cats: Vec<String> = set
            .categories()
            .iter()
            .filter(|cat| cat.is_countable())
            .filter(|cat| cat.codes().iter().any(|p| code.starts_with(&p.to_string())))
            .map(|cat| cat.id().to_string())
            .collect();
        let any_match = set
            .categories()
            .iter()
            .any(|cat| cat.codes().iter().any(|p| code.starts_with(&p.to_string())));
        if !any_match {
            cats.push("other".to_owned());
        }
        cats.push("all".to_owned());
        for cat in cats {
            *out.entry((area.clone(), cat, year)).or_insert(0) += 1;
        }
    }
    out
}

/// The counter's table in the same shape, zero cells left out.
fn counted(text: &str, layer: LayerChoice, crs: Crs) -> BTreeMap<Key, u64> {
    let counter = Counter::new(
        layer,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new().with_crs(crs),
    )
    .unwrap();
    let report = counter.count(text.as_bytes()).unwrap();
    let s = report.summary();
    assert!(s.adds_up());
    assert_eq!(s.skipped(), 0);
    let mut out = BTreeMap::new();
    for row in report.table().rows() {
        if let Some(n) = row.count().filter(|&n| n > 0) {
            let area = match row.area() {
                AreaKey::Outside => "outside".to_owned(),
                _ => row.area_name().to_owned(),
            };
            out.insert((area, row.category().to_string(), u16::from(row.year())), n);
        }
    }
    #[cfg(feature = "rayon")]
    assert_eq!(counter.par_count(text.as_bytes()).unwrap(), report);
    out
}

fn extract(rows: u64, seed: u64, crs: Crs) -> String {
    let mut v = Vec::new();
    SyntheticExtract::new(rows, seed)
        .with_crs(crs)
        .write(&mut v)
        .unwrap();
    String::from_utf8(v).unwrap()
}

#[test]
fn city_layer_in_metres_matches_naive_count() {
    let text = extract(60_000, 11, Crs::Etrs89Utm32);
    let expected = naive(&text, &Layer::<Utm32>::city_utm32().unwrap());
    let got = counted(&text, LayerChoice::City, Crs::Etrs89Utm32);
    assert_eq!(got, expected);
    // The extract reaches several areas, not just "outside".
    let areas: std::collections::BTreeSet<&String> = got.keys().map(|k| &k.0).collect();
    assert!(areas.len() > 5, "{areas:?}");
}

#[test]
fn city_layer_in_degrees_matches_naive_count() {
    let text = extract(40_000, 12, Crs::Wgs84);
    let expected = naive(&text, &Layer::<Wgs84>::city().unwrap());
    assert_eq!(counted(&text, LayerChoice::City, Crs::Wgs84), expected);
}

#[test]
fn partnership_layer_matches_naive_count() {
    let text = extract(60_000, 13, Crs::Etrs89Utm32);
    let area = PartnershipArea::folehaven().unwrap().area().clone();
    let expected = naive(&text, &Layer::new(vec![area]).unwrap());
    let got = counted(&text, LayerChoice::Partnership, Crs::Etrs89Utm32);
    assert_eq!(got, expected);
    assert!(got.keys().any(|k| k.0 == "Ved Folehaven"));
}

#[test]
fn observations_round_trip_through_the_goals_reader() {
    let text = extract(80_000, 14, Crs::Etrs89Utm32);
    let counter = Counter::new(
        LayerChoice::Partnership,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new(),
    )
    .unwrap();
    // synthetic residents
    let residents = Residents::from_csv_str(
        "area,year,residents\nomraade,2025,2100\nVed Folehaven,2026,2150\n",
    )
    .unwrap();
    let report = counter
        .count(text.as_bytes())
        .unwrap()
        .with_residents(&residents)
        .unwrap();
    let obs = report.observations(&IndicatorMap::category_ids()).unwrap();
    let mut csv = Vec::new();
    tryghed_goals::write_csv(obs.iter(), &mut csv).unwrap();
    let back = Observations::from_csv_reader(csv.as_slice()).unwrap();
    assert_eq!(back, obs);

    let a = AreaId::partnership();
    let id = |s: &str| -> tryghed_goals::CategoryId { s.parse().unwrap() };
    let ind = |s: &str| -> tryghed_goals::IndicatorId { s.parse().unwrap() };
    let indbrud = report
        .table()
        .count(
            &AreaKey::Area(a.clone()),
            &CategoryKey::Category(id("indbrud")),
            Year::new(2025).unwrap(),
        )
        .unwrap();
    assert!(indbrud > 0);
    assert_eq!(
        back.count(&ind("indbrud"), &a, Year::new(2025).unwrap()),
        Some(indbrud)
    );
    assert_eq!(back.residents(&a, Year::new(2026).unwrap()), Some(2150));
    // The rate the goals derive equals the table's.
    let row = report
        .table()
        .rows()
        .find(|r| {
            r.year() == Year::new(2025).unwrap()
                && r.category() == &CategoryKey::Category(id("straffelovskriminalitet"))
        })
        .unwrap();
    assert_eq!(
        back.rate_per_1000(
            &ind("straffelovskriminalitet"),
            &a,
            Year::new(2025).unwrap()
        ),
        row.rate_per_1000()
    );
    // No observation for an uncountable category, for "other" or for outside.
    assert!(back.iter().all(|o| o.indicator().as_str() != "trusler"));
    assert!(back.iter().all(|o| o.area() == &a));
    // 3 years × 6 countable categories + 2 residents.
    assert_eq!(back.len(), 3 * 6 + 2);
}

#[test]
fn residents_for_an_unknown_area_name_the_line() {
    let counter = Counter::new(
        LayerChoice::Partnership,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new(),
    )
    .unwrap();
    let report = counter
        .count(extract(10, 1, Crs::Etrs89Utm32).as_bytes())
        .unwrap();
    let residents = Residents::from_csv_str("area,year,residents\nValby,2025,50000\n").unwrap();
    let e = report.with_residents(&residents).unwrap_err().to_string();
    assert!(
        e.contains("line 2") && e.contains("Valby") && e.contains("omraade"),
        "{e}"
    );
}
