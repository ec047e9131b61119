//! Files that are not UTF-8 or are too large: invalid input (exit 1) naming the file and the
//! line of the first bad byte, with the Windows-1252 hint; never an I/O error (exit 2) or a
//! Rust debug dump.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_bytes, temp_file};
use tryghed_agreement::FOLEHAVEN_TOML;

const HINT: &str = "filen ser ud til at være Windows-1252; gem den som UTF-8";

fn assert_not_utf8(args: &[&str], file: &str, line: usize) {
    let out = run(args);
    assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
    assert!(
        out.stderr.contains(file) && out.stderr.contains(&format!("linje {line}")),
        "{args:?}: {}",
        out.stderr
    );
    assert!(out.stderr.contains(HINT), "{args:?}: {}", out.stderr);
    assert!(
        !out.stderr.contains("stream did not contain valid UTF-8")
            && !out.stderr.contains("Utf8 {"),
        "{args:?}: {}",
        out.stderr
    );
}

#[test]
fn observations_in_windows_1252_are_invalid_input_at_their_line() {
    // "Sjælland" typed in Excel on Danish Windows.
    let path = temp_bytes(
        "synthetic_obs_cp1252.csv",
        b"indicator,area,year,value,respondents\ntryg-i-nabolaget,omraade,2026,80%,380\n# Sj\xE6lland\n",
    );
    let p = path.to_str().unwrap();
    assert_not_utf8(
        &["goals", "--observations", p],
        "synthetic_obs_cp1252.csv",
        3,
    );
    assert_not_utf8(
        &["report", "--observations", p],
        "synthetic_obs_cp1252.csv",
        3,
    );
}

#[test]
fn residents_in_windows_1252_are_invalid_input_at_their_line() {
    let extract = temp_file("synthetic_extract.csv", "id,date,code,x,y\n");
    let residents = temp_bytes(
        "synthetic_res_cp1252.csv",
        b"area,year,residents\n\xD8stbro,2025,100\n",
    );
    assert_not_utf8(
        &[
            "count",
            extract.to_str().unwrap(),
            "--residents",
            residents.to_str().unwrap(),
        ],
        "synthetic_res_cp1252.csv",
        2,
    );
}

#[test]
fn an_agreement_or_plan_in_windows_1252_is_invalid_input() {
    let mut bytes = FOLEHAVEN_TOML.as_bytes().to_vec();
    bytes.extend_from_slice(b"\n# K\xF8benhavn\n");
    let agreement = temp_bytes("synthetic_aftale_cp1252.toml", &bytes);
    let line = FOLEHAVEN_TOML.lines().count() + 2;
    assert_not_utf8(
        &["agreement", "--agreement", agreement.to_str().unwrap()],
        "synthetic_aftale_cp1252.toml",
        line,
    );
    let plan = temp_bytes("synthetic_plan_cp1252.toml", b"year = 2026\n# \xE6\n");
    assert_not_utf8(
        &["plan", "check", plan.to_str().unwrap()],
        "synthetic_plan_cp1252.toml",
        2,
    );
}

#[test]
fn a_file_larger_than_its_limit_is_refused_before_it_is_read() {
    let text = format!("{FOLEHAVEN_TOML}# {}\n", "x".repeat(2 << 20));
    let agreement = temp_file("synthetic_big_aftale.toml", &text);
    let out = run(&["agreement", "--agreement", agreement.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("synthetic_big_aftale.toml") && out.stderr.contains("større end 1 MiB"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(FOLEHAVEN_TOML.as_bytes());
    let agreement = temp_bytes("synthetic_bom.toml", &bytes);
    let out = run(&["agreement", "--agreement", agreement.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Issue 13, item 6: `plan check` echoed a 100 MB value several times (524 MB on stderr).
#[test]
fn a_huge_value_is_never_echoed_in_full() {
    let text = format!(
        "year = 2026\n[[activities]]\nid = \"{}\"\ntitle = \"{}\"\n",
        "x".repeat(1 << 20),
        "y".repeat(1 << 20)
    );
    let plan = temp_file("synthetic_huge_values.toml", &text);
    let out = run(&["plan", "check", plan.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", &out.stderr[..out.stderr.len().min(2000)]);
    assert!(
        out.stderr.len() < 20_000,
        "{} bytes on stderr",
        out.stderr.len()
    );
    assert!(out.stderr.contains('…'));
}

/// Files saved by Excel (`\r\n`), with blank and comment lines: every CSV reader names the
/// line a problem is on, the header's included (the csv crate alone says one line early).
#[test]
fn windows_line_ends_blank_and_comment_lines_name_the_right_line() {
    let cases: [(&str, &str, &[&str], &str); 4] = [
        (
            "synthetic_obs_crlf.csv",
            "# made up\r\nindicator,area,year,value,respondents,bogus\r\n",
            &["goals", "--observations"],
            "linje 2: ukendt kolonne \"bogus\"",
        ),
        (
            "synthetic_obs_blank.csv",
            "indicator,area,year,value,respondents\r\n\r\n# c\r\ntryg-i-nabolaget,omraade,2026,x,380\r\n",
            &["goals", "--observations"],
            "linje 4, kolonne \"value\"",
        ),
        (
            "synthetic_extract_crlf.csv",
            "id,date,code,x,y\r\nc0,2026-03-01,1320,720302.0,6172500.0\r\nc1,r026-03-01,1320,720302.0,6172500.0\r\n",
            &["count"],
            "linje 3 (anmeldelse \"c1\")",
        ),
        (
            "synthetic_locate_crlf.csv",
            "id,lon,lat\r\na,12.47,55.65\r\n\r\nb,x,55.6\r\n",
            &["locate"],
            "linje 4: kolonnen \"lon\"",
        ),
    ];
    for (name, text, args, expected) in cases {
        let path = temp_file(name, text);
        let mut all: Vec<&str> = args.to_vec();
        all.push(path.to_str().unwrap());
        let out = run(&all);
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{name}: {}", out.stderr);
    }
}

/// A bad value in the observations is explained in Danish, by what it is (over 100 %, too
/// large, not a number): no English reason from the parser inside the Danish line.
#[test]
fn bad_observation_values_are_explained_in_danish() {
    let path = temp_file(
        "synthetic_obs_values.csv",
        "indicator,area,year,value,respondents\n\
         tryg-i-nabolaget,omraade,2026,x,380\n\
         tryg-i-nabolaget,omraade,2026,120%,380\n\
         straffelovskriminalitet,omraade,2025,1.5,\n\
         straffelovskriminalitet,omraade,2025,99999999999999999999,\n",
    );
    let out = run(&["goals", "--observations", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for expected in [
        "linje 2, kolonne \"value\": værdien \"x\" kan ikke bruges: skriv et helt tal",
        "linje 3, kolonne \"value\": værdien \"120%\" er over 100 %",
        "linje 4, kolonne \"value\": værdien \"1.5\" er over 100 %",
        "linje 5, kolonne \"value\": værdien \"99999999999999999999\" kan ikke bruges: tallet er for stort",
    ] {
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
    }
    for english in ["invalid", "expected", "share", "too large"] {
        assert!(!out.stderr.contains(english), "{english}: {}", out.stderr);
    }
}
