//! `tryghed report` on the year's deviations (from the follow-up) and next year's plan
//! (`--next-plan`), as the projektleder runs it on the example files (issues 14 and 15).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The example plan and follow-up for 2026, with `extra` arguments, as `format`.
fn report(format: &str, extra: &[&str]) -> support::Output {
    let plan = example("tryghedsplan-2026-eksempel.toml");
    let follow_up = example("opfoelgning-2026-eksempel.toml");
    let mut args = vec![
        "report",
        "--year",
        "2026",
        "--plan",
        &plan,
        "--follow-up",
        &follow_up,
        "--date",
        "2026-05-12",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn every_deviation_of_the_follow_up_is_in_the_report_with_its_reason_action_and_new_deadline() {
    let out = report("md", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    assert!(md.contains("## Afvigelser og opfølgning"), "{md}");
    assert!(
        md.contains("| Leverance eller målsætning | Aktivitet | Status | Begrundelse | Handling | Ny frist |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| Nye lamper sat op langs stierne (frist 30. november 2026) | Eksempel: Bedre belysning på stierne (Teknik- og Miljøforvaltningen) | ikke leveret | Eksempel: leverandøren af lamperne er forsinket | Eksempel: planen er revideret 17. november; nyt tilbud indhentet, og lamperne sættes op i foråret | 30. april 2027 |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| Fjerde nummer udsendt (frist 15. december 2026) | Eksempel: Fælles nyhedsbrev til beboerne (Økonomiforvaltningen) | delvist leveret |"),
        "{md}"
    );
    // A delivered deliverable has no deviation row.
    let section = md
        .split("## Afvigelser og opfølgning")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    // Header, two deliverables and the objective achieved in part.
    assert_eq!(section.matches("\n| ").count(), 4, "{section}");
    assert!(
        section.contains("| Målsætning: Eksempel: Mindst 15 af de unge er stadig i job efter tre måneder | Eksempel: Fritidsjob til unge (Beskæftigelses- og Integrationsforvaltningen) | delvist opnået | Eksempel: 11 af de 22 unge var i job efter tre måneder | Eksempel: fritidsjobbet forlænges til foråret 2027 med en mentor fra SSP | – |"),
        "{section}"
    );
    assert!(
        !section.contains("Mindst halvdelen af husstandene"),
        "{section}"
    );
    assert!(
        md.contains(
            "Målsætninger: 1 opnået, 1 delvist opnået, 0 ikke opnået, 0 ikke afrapporteret."
        ),
        "{md}"
    );
    assert!(!section.contains("Første nummer udsendt"), "{section}");
    // The summary page: the undelivered first, with what is being done.
    let front = md.split("## Målsætninger").next().unwrap();
    let lamps = front
        .find("- Eksempel: Bedre belysning på stierne: Nye lamper sat op langs stierne – ikke leveret. Begrundelse: Eksempel: leverandøren af lamperne er forsinket. Handling: Eksempel: planen er revideret 17. november; nyt tilbud indhentet, og lamperne sættes op i foråret. Ny frist: 30. april 2027.")
        .expect(front);
    let letter = front
        .find("Fjerde nummer udsendt – delvist leveret")
        .unwrap();
    assert!(lamps < letter, "{front}");
    // The plan's own status.
    assert!(
        md.contains("Planens status: revideret (godkendt 24. februar 2026 af styregruppe; revideret 17. november 2026:"),
        "{md}"
    );
}

#[test]
fn the_json_carries_the_deviation_fields_and_reads_back() {
    let out = report("json", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let deliverables: Vec<&serde_json::Value> = json["activities"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["activities"].as_array().unwrap())
        .flat_map(|a| a["deliverables"].as_array().unwrap())
        .collect();
    let lamps = deliverables
        .iter()
        .find(|d| d["what"] == "Nye lamper sat op langs stierne")
        .unwrap();
    assert_eq!(lamps["delivery"], "not-delivered");
    assert_eq!(lamps["due"], "2026-11-30");
    assert_eq!(lamps["new_due"], "2027-04-30");
    assert_eq!(
        lamps["reason"],
        "Eksempel: leverandøren af lamperne er forsinket"
    );
    for d in deliverables.iter().filter(|d| d["delivery"] == "delivered") {
        for field in ["reason", "action", "new_due"] {
            assert!(d.get(field).is_none(), "{d}");
        }
    }
    assert_eq!(json["activities"]["status"]["stage"], "revised");
    let back: tryghed_report::StatusReport = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(back.activities().as_ref().unwrap().deviations().len(), 2);
}

#[test]
fn next_years_plan_gives_its_section_and_a_line_on_the_summary_page() {
    let next = example("tryghedsplan-2027-eksempel.toml");
    let out = report("md", &["--next-plan", &next]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    assert!(md.contains("## Tryghedsplan for 2027"), "{md}");
    assert!(
        md.contains("Tryghedsplanen fra tryghedsplan-2027-eksempel.toml. Status: udkast, ikke godkendt. 4 aktiviteter, heraf 3 med to eller flere samarbejdspartnere."),
        "{md}"
    );
    assert!(
        md.contains("| Eksempel: Fritidsjob til unge med mentor | Flere positive fællesskaber | Beskæftigelses- og Integrationsforvaltningen | SSP, Kultur- og Fritidsforvaltningen | 400.000,00 kr. |"),
        "{md}"
    );
    let front = md.split("## Målsætninger").next().unwrap();
    assert!(
        front.contains("Tryghedsplanen for 2027 (udkast, ikke godkendt): 4 aktiviteter, heraf 3 med to eller flere samarbejdspartnere; budget 760.000,00 kr., inden for aktivitetsmidlerne på 1.050.000,00 kr.\n"),
        "{front}"
    );
    assert!(
        !md.contains("Tryghedsplanen for 2027 er ikke angivet"),
        "{md}"
    );
    // Without it, the box of missing inputs names it, like the other inputs.
    let out = report("md", &[]);
    assert!(
        out.stdout.contains(
            "- Tryghedsplanen for 2027 er ikke angivet: næste års aktiviteter og budget vises ikke."
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("## Tryghedsplan for 2027"));
    // The JSON has the section, and it reads back.
    let out = report("json", &["--next-plan", &next]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["next_plan"]["year"], 2027);
    assert_eq!(json["next_plan"]["status"]["stage"], "draft");
    let back: tryghed_report::StatusReport = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(back.next_plan().as_ref().unwrap().activities().count(), 4);
}

#[test]
fn next_years_plan_of_another_year_is_refused() {
    // The year's own plan is not next year's.
    let out = report(
        "md",
        &["--next-plan", &example("tryghedsplan-2026-eksempel.toml")],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("tryghedsplan-2026-eksempel.toml: næste års tryghedsplan er for 2026, men rapporten gælder 2026; giv tryghedsplanen for 2027"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(example("tryghedsplan-2027-eksempel.toml")).unwrap();
    let later = temp_file(
        "plan-2028.toml",
        &text
            .replace("year = 2027", "year = 2028")
            .replace("due = 2027-", "due = 2028-"),
    );
    let out = report("md", &["--next-plan", later.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("næste års tryghedsplan er for 2028, men rapporten gælder 2026"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_invalid_next_plan_exits_1_with_every_problem_at_its_line() {
    let text = std::fs::read_to_string(example("tryghedsplan-2027-eksempel.toml")).unwrap();
    // A party the agreement does not have, twice.
    let bad = text
        .replacen("responsible = \"okf\"", "responsible = \"ukendt\"", 1)
        .replacen(
            "partners = [\"ssp\", \"kff\"]",
            "partners = [\"ssp\", \"ingen\"]",
            1,
        );
    let path = temp_file("next-plan.toml", &bad);
    let out = report("md", &["--next-plan", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let line = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for needle in ["\"ukendt\"", "\"ingen\""] {
        assert!(
            out.stderr
                .contains(&format!("next-plan.toml:{}:", line(needle))),
            "{needle}: {}",
            out.stderr
        );
    }
    // A status its approval does not bear out.
    let approved = text.replacen("status = \"draft\"", "status = \"approved\"", 1);
    let path = temp_file("next-plan-approved.toml", &approved);
    let out = report("md", &["--next-plan", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("next-plan-approved.toml:"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("approval"), "{}", out.stderr);
    // Unreadable.
    let path = temp_file("next-plan-broken.toml", "year = \"x\"\n");
    let out = report("md", &["--next-plan", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("next-plan-broken.toml"),
        "{}",
        out.stderr
    );
    // A missing file is I/O: exit 2.
    let out = report("md", &["--next-plan", "/nonexistent/plan-2027.toml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn the_html_shows_both_parts_with_captions_and_scoped_headers() {
    let next = example("tryghedsplan-2027-eksempel.toml");
    let out = report("html", &["--next-plan", &next]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = out.stdout;
    for caption in [
        "<caption id=\"cap-deviations\">Afvigelser fra tryghedsplanen og hvad der gøres ved dem</caption>",
        "<caption id=\"cap-next-plan\">Aktiviteter i tryghedsplanen for 2027</caption>",
    ] {
        assert!(html.contains(caption), "{caption}");
    }
    assert!(html.contains("<h2 id=\"h-afvigelser\">Afvigelser og opfølgning</h2>"));
    assert!(html.contains("<h2 id=\"h-naeste-plan\">Tryghedsplan for 2027</h2>"));
    assert!(html.contains("<th scope=\"col\">Ny frist</th>"));
}
