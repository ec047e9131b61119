//! Every command that prints counts of police reports for a person publishes them: a count
//! below the threshold, and whatever would give it away, is hidden by default; exact figures
//! only with `--unsuppressed`, stamped "fortroligt – ikke til offentliggørelse".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::fmt::Write as _;

use support::{run, temp_file};

const STAMP: &str = "fortroligt – ikke til offentliggørelse";

/// The Folehaven agreement with an amendment that sets the 2025 baselines of vold/våben (9)
/// and indbrud (0).
fn amended_agreement() -> std::path::PathBuf {
    let toml = include_str!("../../agreement/data/folehaven-2026-2029.toml");
    temp_file(
        "aftale-med-tillaeg.toml",
        &format!(
            "{toml}\n[[amendments]]\ndate = 2026-06-15\ntitle = \"synthetic baselines\"\nbaselines = [\n  {{ indicator = \"vold-vaaben\", baseline = {{ year = 2025, value = 9 }} }},\n  {{ indicator = \"indbrud\", baseline = {{ year = 2025, value = 0 }} }},\n]\n"
        ),
    )
}

/// Observations for 2025 and 2026 where vold/våben, hærværk and indbrud are `hidden`.
fn observations(vold: u64) -> String {
    format!(
        "indicator,area,year,value,respondents\n\
         indbyggere,omraade,2025,2100,\n\
         indbyggere,omraade,2026,2080,\n\
         straffelov-per-1000,omraade,2025,210,\n\
         straffelov-per-1000,omraade,2026,200,\n\
         vold-vaaben,omraade,2025,9,\n\
         vold-vaaben,omraade,2026,{vold},\n\
         haervaerk,omraade,2026,{vold},\n\
         indbrud,omraade,2026,{vold},\n"
    )
}

/// `tryghed goals --year 2027` on the amended agreement and `observations`.
fn goals(observations: &std::path::Path, format: &str, extra: &[&str]) -> support::Output {
    let agreement = amended_agreement();
    let mut args = vec![
        "goals",
        "--agreement",
        agreement.to_str().unwrap(),
        "--year",
        "2027",
        "--observations",
        observations.to_str().unwrap(),
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out
}

/// The indicator `id` of a `tryghed goals` JSON document.
fn indicator<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["goals"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["indicators"].as_array().unwrap())
        .find(|i| i["indicator"] == id)
        .unwrap()
}

#[test]
fn goals_publish_by_default_and_give_exact_figures_only_when_asked() {
    let a = temp_file("a.csv", &observations(2));
    let b = temp_file("b.csv", &observations(4));
    for format in ["text", "json"] {
        let out_a = goals(&a, format, &[]);
        // Nothing in the published output depends on the hidden count (2 or 4).
        assert_eq!(out_a.stdout, goals(&b, format, &[]).stdout, "{format}");
        assert!(out_a.stdout.contains("< 5"), "{}", out_a.stdout);
        assert!(!out_a.stdout.to_lowercase().contains(STAMP), "{format}");
        // With --unsuppressed the exact figures are there, and the output is stamped.
        let exact_a = goals(&a, format, &["--unsuppressed"]);
        assert_ne!(
            exact_a.stdout,
            goals(&b, format, &["--unsuppressed"]).stdout,
            "{format}"
        );
        assert!(
            exact_a.stdout.to_lowercase().contains(STAMP),
            "{}",
            exact_a.stdout
        );
    }
    let json: serde_json::Value = serde_json::from_str(&goals(&a, "json", &[]).stdout).unwrap();
    let vold = indicator(&json, "vold-vaaben");
    assert_eq!(
        vold["value"]["count"],
        serde_json::json!({"status": "suppressed", "threshold": 5})
    );
    // 2 (or 4) against a baseline of 9: "opfyldt" is certain from "< 5" and 9, so it is shown.
    assert_eq!(vold["status"]["status"], "met");
    // Against a baseline of 0 "ikke opfyldt" would say the hidden count is 1–4: withheld, and
    // so is the goal's status, which would give it away.
    let indbrud = indicator(&json, "indbrud");
    assert_eq!(indbrud["status"]["status"], "withheld");
    assert_eq!(
        indbrud["baseline"]["value"]["count"]["status"],
        "suppressed"
    );
    let crime = json["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["goal"] == "kriminalitet")
        .unwrap();
    assert_eq!(crime["status"]["status"], "withheld");
}

#[test]
fn goals_refuse_a_threshold_that_would_switch_suppression_off() {
    let out = run(&["goals", "--suppression-threshold", "0"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

/// An extract with `indbrud` reports of indbrud (1320) and `other` other straffelov reports
/// (1010) in the area in 2025, and 30 reports outside it.
fn extract(indbrud: usize, other: usize) -> String {
    let mut text = String::from("id,date,code,x,y\n");
    let mut n = 0;
    let mut row = |code: &str, x: f64, y: f64| {
        n += 1;
        let _ = writeln!(text, "S{n},2025-03-14,{code},{x},{y}");
    };
    for _ in 0..indbrud {
        row("1320", 720_302.0, 6_172_500.0);
    }
    for _ in 0..other {
        row("1010", 720_302.0, 6_172_500.0);
    }
    for _ in 0..30 {
        row("1010", 700_000.0, 6_170_000.0);
    }
    text
}

#[test]
fn count_publishes_by_default_and_the_csv_stays_exact() {
    // 2 or 4 reports of indbrud, the same straffelov total (54): a reader cannot tell them
    // apart, and neither may the output.
    let a = temp_file("a.csv", &extract(2, 52));
    let b = temp_file("b.csv", &extract(4, 50));
    for format in ["text", "json"] {
        let out_a = run(&["count", a.to_str().unwrap(), "--format", format]);
        let out_b = run(&["count", b.to_str().unwrap(), "--format", format]);
        assert_eq!(out_a.code, 0, "{}", out_a.stderr);
        assert_eq!(out_a.stdout, out_b.stdout, "{format}");
        assert!(
            out_a.stdout.contains("< 5") || out_a.stdout.contains("\"suppressed\""),
            "{}",
            out_a.stdout
        );
        let exact_a = run(&[
            "count",
            a.to_str().unwrap(),
            "--format",
            format,
            "--unsuppressed",
        ]);
        let exact_b = run(&[
            "count",
            b.to_str().unwrap(),
            "--format",
            format,
            "--unsuppressed",
        ]);
        assert_ne!(exact_a.stdout, exact_b.stdout, "{format}");
        assert!(
            exact_a.stdout.to_lowercase().contains(STAMP),
            "{}",
            exact_a.stdout
        );
    }
    // Machine input stays exact, and says so on standard error.
    let csv = run(&["count", a.to_str().unwrap(), "--format", "csv"]);
    assert!(
        csv.stdout
            .contains("omraade,Ved Folehaven,indbrud,Indbrud,2025,2,"),
        "{}",
        csv.stdout
    );
    assert!(csv.stderr.contains(STAMP), "{}", csv.stderr);
}

#[test]
fn the_baseline_amendment_is_exact_and_says_so_when_a_count_is_small() {
    let obs = temp_file(
        "baseline.csv",
        "indicator,area,year,value,respondents\nindbyggere,omraade,2025,2100,\nstraffelov-per-1000,omraade,2025,210,\nindbrud,omraade,2025,3,\ntyveri-roeveri,omraade,2025,40,\nvold-vaaben,omraade,2025,20,\n",
    );
    let out = run(&[
        "baseline",
        "--year",
        "2025",
        "--observations",
        obs.to_str().unwrap(),
        "--date",
        "2026-06-15",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Machine input: the exact count goes into the amendment…
    assert!(out.stdout.contains("value = 3"), "{}", out.stdout);
    // …and standard error says that it is below the threshold and exact.
    assert!(
        out.stderr.contains("indbrud er under 5") && out.stderr.contains(STAMP),
        "{}",
        out.stderr
    );
}
