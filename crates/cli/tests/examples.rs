//! Every file in `examples/` works with the command it is an example for, so the README's
//! walkthrough keeps working.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::run;

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_readme_walkthrough_report_uses_every_example() {
    let out = run(&[
        "report",
        "--year",
        "2026",
        "--observations",
        &example("synthetic-observationer-2026.csv"),
        "--plan",
        &example("tryghedsplan-2026-eksempel.toml"),
        "--follow-up",
        &example("opfoelgning-2026-eksempel.toml"),
        "--ledger",
        &example("synthetic-regnskab-2026.toml"),
        "--meetings",
        &example("moeder-2026-eksempel.toml"),
        "--next-plan",
        &example("tryghedsplan-2027-eksempel.toml"),
        "--date",
        "2026-05-12",
        "--format",
        "md",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    // The 2026 status: the example plan, survey and ledger are all for 2026.
    // Made from the example files: the title says so.
    assert!(md.starts_with("# EKSEMPEL – Status 2026:"), "{md}");
    assert!(
        md.contains("| Andel trygge borgere i nabolaget | 2026 | 77 % (2025) | 80 % |"),
        "{md}"
    );
    assert!(
        !md.contains("Tryghedsplanen gælder 2026, mens rapporten gælder"),
        "{md}"
    );
    assert!(md.contains("4 af 5 aktiviteter (80 %)"), "{md}");
    assert!(md.contains("| Forbrugt | 412.500,00 kr. |"), "{md}");
    assert!(md.contains("| Overskridelser | 2.500,00 kr. |"), "{md}");
    assert!(
        md.contains("Leverancer: 4 leveret, 1 delvist leveret, 1 ikke leveret"),
        "{md}"
    );
    // The ledger of both lines gives the whole budget, and the summary page says what was used.
    assert!(
        md.contains("| Projektledelse | 417.000,00 kr. | 208.500,00 kr. | 208.500,00 kr. | 0,00 kr. | 100 % |"),
        "{md}"
    );
    assert!(
        md.contains("| 2027 (ikke bogført) | 1.467.000,00 kr. | 0,00 kr. | 0,00 kr. | 1.467.000,00 kr. | 0 % |"),
        "{md}"
    );
    assert!(
        md.contains("Ingen budgetlinje for 2026 er overskredet, men enkelte aktiviteter er; 2 leverancer er ikke eller kun delvist leveret; 1 målsætning er ikke eller kun delvist opnået; mødeloggen overholder aftalens regler for organiseringen."),
        "{md}"
    );
    assert!(
        md.contains("Økonomiudvalget bedes tage status 2026 til efterretning"),
        "{md}"
    );
    // The follow-up's deviations with what is done, and next year's plan (issues 14, 15).
    assert!(md.contains("## Afvigelser og opfølgning"), "{md}");
    assert!(md.contains("| 30. april 2027 |"), "{md}");
    assert!(md.contains("## Tryghedsplan for 2027"), "{md}");
    assert!(!md.contains("er ikke angivet"), "{md}");
    // The meeting log gives the Organisering section (issue 15).
    assert!(
        md.contains(
            "| Arbejdsgruppe | 4 | 5 | 8-10 om året | på rette vej: på vej (året er ikke slut) |"
        ),
        "{md}"
    );
}

#[test]
fn the_example_plan_passes_its_check() {
    let out = run(&["plan", "check", &example("tryghedsplan-2026-eksempel.toml")]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn the_example_plan_for_next_year_passes_its_check() {
    let out = run(&["plan", "check", &example("tryghedsplan-2027-eksempel.toml")]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("0 fejl, 0 advarsler"), "{}", out.stdout);
}

#[test]
fn the_example_observations_evaluate() {
    let out = run(&[
        "goals",
        "--observations",
        &example("synthetic-observationer-2026.csv"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn the_example_meeting_log_passes_its_check() {
    let out = run(&["meetings", "check", &example("moeder-2026-eksempel.toml")]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn the_example_follow_up_passes_with_its_plan() {
    let out = run(&[
        "plan",
        "summary",
        &example("tryghedsplan-2026-eksempel.toml"),
        "--follow-up",
        &example("opfoelgning-2026-eksempel.toml"),
    ]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("Afvigelser og handlinger:"),
        "{}",
        out.stdout
    );
}
