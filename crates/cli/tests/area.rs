//! Any partnership from a data file: `count`, `locate` and `report` follow the area the
//! agreement declares in `[area]` (issue 17), checked against an independent classification
//! (GEOS, through the geography crate's reference points) and on the example partnership.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::fmt::Write as _;

use support::{run, temp_file};

/// GEOS 3.14.1's classification of 4,000 points into the city layer's delområder
/// (crates/geography/tests/data/README.md says how it was made).
const GEOS: &str = include_str!("../../geography/tests/data/city_areas_classification_geos.csv");
const EMBEDDED: &str = include_str!("../../agreement/data/folehaven-2026-2029.toml");

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The reference points as a police extract (every report an indbrud, code 1320, in 2025),
/// and how many GEOS puts in each delområde.
fn extract() -> (String, Vec<(String, usize)>) {
    let mut text = String::from("id,date,code,lon,lat\n");
    let mut inside: Vec<(String, usize)> = Vec::new();
    for (i, line) in GEOS.lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        let _ = writeln!(text, "R{i},2025-06-01,1320,{},{}", f[0], f[1]);
        let name = f.get(2).copied().unwrap_or("");
        if !name.is_empty() {
            match inside.iter_mut().find(|(n, _)| n == name) {
                Some((_, k)) => *k += 1,
                None => inside.push((name.to_owned(), 1)),
            }
        }
    }
    (text, inside)
}

/// The embedded agreement with `[area] name` set to `name` (and no estate records).
fn agreement_for(name: &str) -> String {
    let start = EMBEDDED.find("estates = [").unwrap();
    let end = start + EMBEDDED[start..].find("]\n").unwrap() + 2;
    let text = format!("{}{}", &EMBEDDED[..start], &EMBEDDED[end..]);
    text.replace("name = \"Ved Folehaven\"", &format!("name = {name:?}"))
}

/// The exact count for `omraade` and outside, from `tryghed count --format csv`.
fn counts(csv: &str) -> (u64, u64) {
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (area, category, count) = (col("area"), col("category"), col("count"));
    let (mut inside, mut outside) = (0, 0);
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        if f[category] != "indbrud" {
            continue;
        }
        let n: u64 = f[count].parse().unwrap_or(0);
        match f[area] {
            "omraade" => inside += n,
            "udenfor" | "outside" | "" => outside += n,
            _ => {}
        }
    }
    (inside, outside)
}

#[test]
fn count_follows_the_declared_area_as_geos_classifies_it() {
    let (text, inside) = extract();
    let extract = temp_file("udtraek.csv", &text);
    let extract = extract.to_str().unwrap();
    for name in ["Ryparken", "Tingbjerg/Husum", "Ved Jagtvej"] {
        let agreement = temp_file("aftale.toml", &agreement_for(name));
        let out = run(&[
            "count",
            extract,
            "--agreement",
            agreement.to_str().unwrap(),
            "--crs",
            "4326",
            "--x-column",
            "lon",
            "--y-column",
            "lat",
            "--format",
            "csv",
        ]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        let expected = inside
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, k)| *k) as u64;
        assert!(expected > 0, "{name}: the reference has points inside");
        let (got, outside) = counts(&out.stdout);
        assert_eq!(got, expected, "{name}:\n{}", out.stdout);
        assert_eq!(got + outside, 4_000, "{name}:\n{}", out.stdout);
    }
}

#[test]
fn locate_follows_the_declared_area_as_geos_classifies_it() {
    let (text, _) = extract();
    let extract = temp_file("punkter.csv", &text);
    let agreement = temp_file("aftale.toml", &agreement_for("Ryparken"));
    let out = run(&[
        "locate",
        extract.to_str().unwrap(),
        "--agreement",
        agreement.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let located: Vec<&str> = out.stdout.lines().skip(1).collect();
    let reference: Vec<&str> = GEOS.lines().skip(1).collect();
    assert_eq!(located.len(), reference.len());
    for (line, (got, expected)) in located.iter().zip(&reference).enumerate() {
        let got = got.rsplit(',').next().unwrap();
        let expected = expected.rsplit(',').next().unwrap();
        assert_eq!(
            got == "Ryparken",
            expected == "Ryparken",
            "line {}",
            line + 2
        );
    }
}

#[test]
fn the_example_partnership_counts_and_locates_in_its_own_area() {
    let extract = example("eksempel-ryparken-anmeldelser-syntetiske.csv");
    let agreement = example("eksempel-partnerskab-ryparken.toml");
    let out = run(&[
        "count",
        &extract,
        "--agreement",
        &agreement,
        "--crs",
        "4326",
        "--x-column",
        "lon",
        "--y-column",
        "lat",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Ryparken"), "{}", out.stdout);
    assert!(!out.stdout.contains("Folehaven"), "{}", out.stdout);
    let out = run(&["locate", &extract, "--agreement", &agreement]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let inside = out
        .stdout
        .lines()
        .filter(|l| l.ends_with(",Ryparken"))
        .count();
    assert_eq!(inside, 21, "{}", out.stdout);
}

#[test]
fn the_example_partnership_s_report_is_about_its_area_and_never_folehaven() {
    let agreement = example("eksempel-partnerskab-ryparken.toml");
    for format in ["md", "html", "json"] {
        let out = run(&[
            "report",
            "--agreement",
            &agreement,
            "--year",
            "2026",
            "--observations",
            &example("eksempel-ryparken-observationer-2026.csv"),
            "--plan",
            &example("eksempel-ryparken-tryghedsplan-2026.toml"),
            "--ledger",
            &example("eksempel-ryparken-regnskab-2026.toml"),
            "--format",
            format,
        ]);
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        let text = out.stdout;
        assert!(!text.contains("Folehaven"), "{format}: {text}");
        assert!(!text.contains("Valby"), "{format}: {text}");
        assert!(text.contains("Ryparken"), "{format}");
        assert!(text.to_lowercase().contains("eksempel"), "{format}");
        if format == "html" {
            assert!(
                text.contains("Kort over partnerskabsområdet Ryparken"),
                "{text}"
            );
            assert!(text.contains("<path"), "the map is drawn");
        }
    }
}

#[test]
fn an_agreement_without_an_area_is_exit_1_for_the_partnership_layer() {
    let start = EMBEDDED.find("[area]").unwrap();
    let end = EMBEDDED.find("# \"de to første").unwrap();
    let text = format!("{}{}", &EMBEDDED[..start], &EMBEDDED[end..]);
    let agreement = temp_file("uden-omraade.toml", &text);
    let extract = temp_file(
        "u.csv",
        "id,date,code,x,y\n1,2025-01-01,1320,720302.0,6172500.0\n",
    );
    let out = run(&[
        "count",
        extract.to_str().unwrap(),
        "--agreement",
        agreement.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("[area]"), "{}", out.stderr);
    // The city layer needs no area.
    let out = run(&[
        "count",
        extract.to_str().unwrap(),
        "--agreement",
        agreement.to_str().unwrap(),
        "--layer",
        "city",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn bad_area_inputs_are_exit_1_with_file_and_line() {
    let unknown = temp_file("aftale.toml", &agreement_for("Tingbjerg"));
    let out = run(&["agreement", "--agreement", unknown.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("aftale.toml:"), "{}", out.stderr);
    assert!(out.stderr.contains("\"Tingbjerg/Husum\""), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("\"Tingbjerg\" er ikke et delområde i kortlaget \"Udsatte byområder\""),
        "{}",
        out.stderr
    );

    let missing = EMBEDDED.replace(
        "name = \"Ved Folehaven\"",
        "outline = \"findes-ikke.geojson\"",
    );
    let missing = temp_file("aftale.toml", &missing);
    let out = run(&["agreement", "--agreement", missing.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("findes-ikke.geojson"), "{}", out.stderr);
    assert!(
        out.stderr.contains("kan ikke læses (filen findes ikke)"),
        "{}",
        out.stderr
    );
    let line = EMBEDDED
        .lines()
        .position(|l| l == "name = \"Ved Folehaven\"")
        .unwrap()
        + 1;
    assert!(
        out.stderr.contains(&format!("aftale.toml:{line}")),
        "{}",
        out.stderr
    );

    // Overlapping estate outlines in the estates file next to the agreement.
    let square = |id: &str, x0: f64, y0: f64| {
        format!(
            r#"{{"type":"Feature","properties":{{"estate":"{id}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{},{y0}],[{},{}],[{x0},{}],[{x0},{y0}]]]}}}}"#,
            x0 + 40.0,
            x0 + 40.0,
            y0 + 40.0,
            y0 + 40.0
        )
    };
    let overlapping = format!(
        r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::25832"}}}},"features":[{},{}]}}"#,
        square("folehaven", 720_280.0, 6_172_480.0),
        square("elleparken", 720_300.0, 6_172_500.0)
    );
    let estates = temp_file("afdelinger.geojson", &overlapping);
    let start = EMBEDDED.find("estates = [").unwrap();
    let end = start + EMBEDDED[start..].find("]\n").unwrap() + 2;
    let text = format!(
        "{}estates = {:?}\n{}",
        &EMBEDDED[..start],
        estates.to_str().unwrap(),
        &EMBEDDED[end..]
    );
    let agreement = estates.with_file_name("aftale.toml");
    std::fs::write(&agreement, text).unwrap();
    let out = run(&["agreement", "--agreement", agreement.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("afdelinger.geojson"), "{}", out.stderr);
    assert!(out.stderr.contains("area.estates"), "{}", out.stderr);
    assert!(out.stderr.contains("overlapper"), "{}", out.stderr);
    // In Danish throughout: none of the library's English reasons.
    for english in [
        "overlap ",
        "cannot be read",
        "is not a delområde",
        "feature ",
    ] {
        assert!(!out.stderr.contains(english), "{english}: {}", out.stderr);
    }
}
