//! `tryghed locate` as a user runs it, checked against the GEOS reference classification.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};

/// 4,000 points with the area GEOS 3.14.1 (shapely 2.2) found for each: lon,lat,delomraade.
const GEOS: &str = include_str!("../../geography/tests/data/city_areas_classification_geos.csv");

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn city_layer_reproduces_the_geos_delomraade_column() {
    let input = temp_file("geos.csv", GEOS);
    let out = run(&["locate", input.to_str().unwrap(), "--layer", "city"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = lines(&out.stdout);
    let want = lines(GEOS);
    assert_eq!(got.len(), want.len());
    assert_eq!(got[0], "lon,lat,delomraade,area");
    for (k, (g, w)) in got.iter().zip(&want).enumerate().skip(1) {
        // Every input column unchanged, then the area, which must equal delomraade.
        let delomraade = w.rsplit(',').next().unwrap();
        assert_eq!(*g, format!("{w},{delomraade}"), "line {}", k + 1);
    }
}

#[test]
fn partnership_layer_names_ved_folehaven_and_writes_a_file() {
    let input = temp_file("geos.csv", GEOS);
    let output = input.with_file_name("located.csv");
    let out = run(&[
        "locate",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&output).unwrap();
    let mut inside = 0;
    for (g, w) in lines(&text).iter().zip(lines(GEOS)).skip(1) {
        let area = g.rsplit(',').next().unwrap();
        let expected = if w.ends_with(",Ved Folehaven") {
            "Ved Folehaven"
        } else {
            ""
        };
        assert_eq!(area, expected, "{w}");
        inside += usize::from(!area.is_empty());
    }
    assert_eq!(inside, 344);
}

#[test]
fn metres_with_named_columns_keep_every_column() {
    let input = temp_file(
        "synthetic_reports.csv",
        "id,x,y,note\n1,720350,6172550,\"inside, with a comma\"\n2,700000,6172550,outside\n",
    );
    let out = run(&[
        "locate",
        input.to_str().unwrap(),
        "--crs",
        "25832",
        "--x-column",
        "x",
        "--y-column",
        "y",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "id,x,y,note,area\n1,720350,6172550,\"inside, with a comma\",Ved Folehaven\n2,700000,6172550,outside,\n"
    );
}

#[test]
fn an_invalid_coordinate_is_an_error_naming_its_line() {
    let text = "lon,lat\n12.5005,55.6505\n12.5,abc\n,55.6\n";
    let input = temp_file("synthetic_bad.csv", text);
    let output = input.with_file_name("out.csv");
    let out = run(&[
        "locate",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("linje 3"), "{}", out.stderr);
    assert!(out.stderr.contains("\"abc\""), "{}", out.stderr);
    assert!(!output.exists(), "no partial output file is left behind");

    let out = run(&["locate", input.to_str().unwrap(), "--skip-invalid"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "lon,lat,area\n12.5005,55.6505,Ved Folehaven\n12.5,abc,\n,55.6,\n"
    );
    assert!(out.stderr.contains("sprang 2 række(r)"), "{}", out.stderr);
    assert!(out.stderr.contains("linje 3"), "{}", out.stderr);
}

#[test]
fn out_of_range_and_missing_columns_are_invalid_input() {
    let input = temp_file("synthetic_range.csv", "lon,lat\n200,55\n");
    let out = run(&["locate", input.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("linje 2") && out.stderr.contains("out of range"),
        "{}",
        out.stderr
    );

    let input = temp_file("synthetic_columns.csv", "x,y\n12.5,55.6\n");
    let out = run(&["locate", input.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("ingen kolonne \"lon\""),
        "{}",
        out.stderr
    );

    let out = run(&["locate", "/nonexistent/reports.csv"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

/// Issue 13, item 14: the Danish spreadsheet export (`;` and a decimal comma, padded header
/// names) that `count` reads is read by `locate` too, and written back with `;`.
#[test]
fn a_danish_spreadsheet_export_is_read_with_its_delimiter_and_decimal_comma() {
    let text = "id; lon ;lat \n1;12,5005;55,6505\n2;12,6;55,7\n";
    let input = temp_file("synthetic_semicolons.csv", text);
    let out = run(&["locate", input.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "id; lon ;lat ;area\n1;12,5005;55,6505;Ved Folehaven\n2;12,6;55,7;\n"
    );
    // A wrong --delimiter names the columns it found and the option.
    let out = run(&["locate", input.to_str().unwrap(), "--delimiter", ","]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("synthetic_semicolons.csv linje 1")
            && out.stderr.contains("ingen kolonne \"lon\"")
            && out.stderr.contains("--delimiter"),
        "{}",
        out.stderr
    );
}

/// Issue 13, item 11: a Windows-1252 export is invalid input (exit 1) at its line, with the
/// hint, never an I/O error or a Rust debug dump.
#[test]
fn a_windows_1252_file_is_invalid_input_with_a_hint() {
    let input = support::temp_bytes(
        "synthetic_cp1252.csv",
        b"lon,lat,note\n12.5005,55.6505,ok\n12.5005,55.6505,\xE6ldre\n",
    );
    let out = run(&["locate", input.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("linje 3")
            && out.stderr.contains("\"note\"")
            && out
                .stderr
                .contains("filen ser ud til at være Windows-1252; gem den som UTF-8"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("Utf8 {"), "{}", out.stderr);
}

#[test]
fn a_record_over_the_limit_is_refused_naming_its_line() {
    let text = format!("lon,lat,note\n12.5,55.6,{}\n", "x".repeat(2 << 20));
    let input = temp_file("synthetic_long.csv", &text);
    let out = run(&["locate", input.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("linje 2") && out.stderr.contains("længere end"),
        "{}",
        out.stderr
    );
}
