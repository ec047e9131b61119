//! Every rule of the plan validation, with its message and position.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{folehaven_context, folehaven_context_with_funds};
use tryghed_budget::Dkk;
use tryghed_plan::{Collaboration, Diagnostic, PlanCheck, Severity, check_plan};

/// A synthetic activity as TOML: id, responsible, partners (TOML array text), budget.
fn synthetic_activity(id: &str, responsible: &str, partners: &str, budget: &str) -> String {
    format!(
        "\n[[activities]]\nid = \"{id}\"\ntitle = \"Synthetic {id}\"\nfocus_area = \"kommunikation\"\nresponsible = \"{responsible}\"\npartners = {partners}\nbudget = {budget}\n\n[[activities.deliverables]]\nid = \"d\"\nwhat = \"Something\"\ndue = 2026-06-30\n"
    )
}

fn synthetic_plan(activities: &[String]) -> String {
    let mut text = "year = 2026\n".to_owned();
    for a in activities {
        text.push_str(a);
    }
    text
}

fn check(text: &str) -> PlanCheck {
    check_plan(text, "plan.toml", &folehaven_context())
}

/// The only diagnostic of `check`, which must be an error.
fn only_error(check: &PlanCheck) -> &Diagnostic {
    let errors: Vec<&Diagnostic> = check
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{:#?}", check.diagnostics());
    errors[0]
}

fn at(d: &Diagnostic) -> (usize, usize) {
    let l = d.location().expect("a location");
    (l.line(), l.column())
}

/// `multi` activities with two partners and `single` with one organisation.
fn mixed(multi: usize, single: usize) -> String {
    let mut activities = Vec::new();
    for i in 0..multi {
        activities.push(synthetic_activity(
            &format!("m{i}"),
            "okf",
            "[\"politi\"]",
            "0",
        ));
    }
    for i in 0..single {
        activities.push(synthetic_activity(&format!("s{i}"), "okf", "[]", "0"));
    }
    synthetic_plan(&activities)
}

#[test]
fn collaboration_edges() {
    assert!(check(&mixed(3, 1)).is_valid(), "3 of 4 is 75 %");
    assert!(!check(&mixed(2, 1)).is_valid(), "2 of 3 is below 75 %");
    assert!(!check(&mixed(74, 25)).is_valid(), "74 of 99 is below 75 %");
    assert!(check(&mixed(75, 25)).is_valid(), "75 of 100 is 75 %");
    assert!(Collaboration::new(3, 4).is_met());
    assert!(!Collaboration::new(2, 3).is_met());
    assert!(!Collaboration::new(74, 99).is_met());
    assert!(Collaboration::new(75, 100).is_met());
    assert!(Collaboration::new(0, 0).is_met());
    assert_eq!(Collaboration::new(2, 3).missing(), 1);
    assert_eq!(Collaboration::new(74, 99).missing(), 1);
    assert_eq!(Collaboration::new(0, 4).missing(), 3);
}

#[test]
fn collaboration_error_message_and_position() {
    let checked = check(&mixed(2, 1));
    let error = only_error(&checked);
    assert_eq!(
        error.message(),
        "kun 2 af 3 aktiviteter involverer to eller flere samarbejdspartnere; aftalen kræver mindst 75 %"
    );
    assert_eq!(error.field(), "activities[2].partners");
    // The third activity's header (its partners array is empty): 13 lines per activity.
    assert_eq!(at(error), (29, 1));
    assert!(
        error
            .help()
            .unwrap()
            .contains("aktiviteter med kun én organisation: s0")
    );
}

#[test]
fn counting_partners() {
    let context = folehaven_context();
    let plan = |responsible: &str, partners: &str| {
        check_plan(
            &synthetic_plan(&[synthetic_activity("a", responsible, partners, "0")]),
            "p.toml",
            &context,
        )
    };
    let multi = |c: PlanCheck| c.collaboration().unwrap().multi_partner();
    // The responsible party named again as partner does not count twice (and is warned about).
    let same = plan("okf", "[\"okf\"]");
    assert_eq!(multi(same.clone()), 0);
    assert!(
        same.diagnostics()
            .iter()
            .any(|d| d.severity() == Severity::Warning
                && d.message().contains("er den ansvarlige part selv"))
    );
    // A unit counts as its organisation: SSP is part of Socialforvaltningen.
    assert_eq!(multi(plan("sof", "[\"ssp\"]")), 0);
    assert_eq!(multi(plan("okf", "[\"ssp\"]")), 1);
    // Each forvaltning is a samarbejdspartner of its own (section 4 names them as parter).
    assert_eq!(multi(plan("okf", "[\"tmf\"]")), 1);
    // Københavns Kommune named beside one of its forvaltninger is one organisation, not two,
    // whichever is named first, and a warning says so.
    let nested = plan("kk", "[\"okf\"]");
    assert_eq!(multi(nested.clone()), 0);
    assert!(
        nested
            .diagnostics()
            .iter()
            .any(|d| d.severity() == Severity::Warning
                && d.message()
                    .contains("Økonomiforvaltningen er en del af Københavns Kommune")),
        "{:#?}",
        nested.diagnostics()
    );
    assert_eq!(multi(plan("okf", "[\"kk\"]")), 0);
    // Københavns Kommune with SSP (a unit of Socialforvaltningen): one.
    assert_eq!(multi(plan("kk", "[\"ssp\"]")), 0);
    // Københavns Kommune with two forvaltninger: the two forvaltninger.
    assert_eq!(multi(plan("kk", "[\"okf\", \"buf\"]")), 1);
    // External organisations count, inside or outside, once per name.
    assert_eq!(
        multi(plan(
            "okf",
            "[{ name = \"Forening\", located = \"outside\" }]"
        )),
        1
    );
    assert_eq!(
        multi(plan(
            "okf",
            "[{ name = \"Forening\", located = \"inside\" }]"
        )),
        1
    );
}

#[test]
fn budget_over_by_one_ore_is_caught() {
    let text = synthetic_plan(&[
        synthetic_activity("a", "okf", "[\"politi\"]", "\"1.000.000,00 kr.\""),
        synthetic_activity("b", "okf", "[\"politi\"]", "\"50.000,01 kr.\""),
    ]);
    let checked = check(&text);
    let error = only_error(&checked);
    assert_eq!(
        error.message(),
        "aktiviteternes budgetter er i alt 1.050.000,01 kr., hvilket er 0,01 kr. mere end aktivitetsmidlerne for 2026 (1.050.000,00 kr.)"
    );
    assert_eq!(error.field(), "activities[1].budget");
    assert_eq!(at(error), (22, 10));
    assert_eq!(
        checked.budget().unwrap().remainder(),
        Some(Dkk::from_ore(-1))
    );

    let exact = text.replace("50.000,01", "50.000,00");
    let checked = check(&exact);
    assert!(checked.is_valid(), "{:#?}", checked.diagnostics());
    assert_eq!(checked.budget().unwrap().remainder(), Some(Dkk::ZERO));
}

#[test]
fn unknown_funds_are_a_warning_not_a_limit() {
    let text = synthetic_plan(&[synthetic_activity("a", "okf", "[\"politi\"]", "5000000")]);
    let checked = check_plan(&text, "p.toml", &folehaven_context_with_funds(&[]));
    assert!(checked.is_valid());
    assert!(checked.diagnostics().iter().any(|d| d.message()
        == "aktivitetsmidlerne for 2026 kendes ikke, så budgettets sum (5.000.000,00 kr.) blev ikke kontrolleret"));
}

#[test]
fn year_outside_the_period() {
    let text = synthetic_plan(&[synthetic_activity("a", "okf", "[\"politi\"]", "0")])
        .replace("year = 2026", "year = 2030");
    let checked = check(&text);
    let error = only_error(&checked);
    assert_eq!(
        error.message(),
        "tryghedsplanen er for 2030, uden for aftaleperioden 2026–2029"
    );
    assert_eq!((error.field(), at(error)), ("year", (1, 8)));
}

#[test]
fn unknown_focus_area() {
    let text = synthetic_plan(&[synthetic_activity("a", "okf", "[\"politi\"]", "0")])
        .replace("\"kommunikation\"", "\"kommunikatoin\"");
    let checked = check(&text);
    let error = only_error(&checked);
    assert_eq!(
        error.message(),
        "aktiviteten \"a\": indsatsområdet \"kommunikatoin\" er ikke et af aftalens"
    );
    assert_eq!(
        (error.field(), at(error)),
        ("activities[0].focus_area", (6, 14))
    );
    assert!(
        error
            .help()
            .unwrap()
            .contains("kommunikation, tryggere-byrum, positive-faellesskaber")
    );
}

#[test]
fn unknown_responsible_and_partner() {
    let text = synthetic_plan(&[synthetic_activity("a", "okff", "[\"sab\", \"3c\"]", "0")]);
    let checked = check(&text);
    let errors: Vec<&Diagnostic> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 2, "{:#?}", checked.diagnostics());
    assert_eq!(
        errors[0].message(),
        "aktiviteten \"a\": den ansvarlige part \"okff\" er ikke part i aftalen"
    );
    assert_eq!(
        (errors[0].field(), at(errors[0])),
        ("activities[0].responsible", (7, 15))
    );
    assert_eq!(
        errors[1].message(),
        "aktiviteten \"a\": samarbejdspartneren \"3c\" er ikke part i aftalen"
    );
    assert_eq!(
        (errors[1].field(), at(errors[1])),
        ("activities[0].partners[1]", (8, 20))
    );
}

#[test]
fn duplicate_ids() {
    let text = synthetic_plan(&[
        synthetic_activity("a", "okf", "[\"politi\"]", "0"),
        synthetic_activity("a", "okf", "[\"politi\"]", "0"),
    ]);
    let checked = check(&text);
    let error = only_error(&checked);
    assert_eq!(
        error.message(),
        "aktivitets-id'et \"a\" bruges mere end én gang"
    );
    assert_eq!((error.field(), at(error)), ("activities[1].id", (17, 6)));

    let text = synthetic_plan(&[synthetic_activity("a", "okf", "[\"politi\"]", "0")
        + "\n[[activities.deliverables]]\nid = \"d\"\nwhat = \"Again\"\ndue = 2026-07-01\n"]);
    let checked = check(&text);
    let error = only_error(&checked);
    assert_eq!(
        error.message(),
        "aktiviteten \"a\": leverance-id'et \"d\" bruges mere end én gang"
    );
    assert_eq!(
        (error.field(), at(error)),
        ("activities[0].deliverables[1].id", (17, 6))
    );
}

#[test]
fn deliverable_due_after_the_year_is_a_warning() {
    let text = synthetic_plan(&[synthetic_activity("a", "okf", "[\"politi\"]", "0")])
        .replace("due = 2026-06-30", "due = 2027-01-15");
    let checked = check(&text);
    assert!(checked.is_valid());
    let warning = &checked.diagnostics()[0];
    assert_eq!(warning.severity(), Severity::Warning);
    assert_eq!(
        warning.message(),
        "aktiviteten \"a\": leverancen \"d\" har frist 2027-01-15, efter planåret 2026"
    );
    assert_eq!(
        (warning.field(), at(warning)),
        ("activities[0].deliverables[0].due", (14, 7))
    );
}

#[test]
fn values_that_cannot_be_read_are_all_reported() {
    let text = synthetic_plan(&[
        synthetic_activity("A", "okf", "[\"politi\", 5]", "1.5"),
        synthetic_activity("b", "okf", "[{ name = \"x\" }]", "\"1,505\""),
    ])
    .replacen("due = 2026-06-30", "due = \"30-06-2026\"", 1);
    let checked = check(&text);
    let messages: Vec<(usize, usize, &str)> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (at(d).0, at(d).1, d.field()))
        .collect();
    assert_eq!(
        messages,
        [
            (4, 6, "activities[0].id"),
            (8, 23, "activities[0].partners[1]"),
            (9, 10, "activities[0].budget"),
            (14, 7, "activities[0].deliverables[0].due"),
            (21, 13, "activities[1].partners[0]"),
            (22, 10, "activities[1].budget"),
        ]
    );
    assert!(checked.budget().is_none(), "aggregates are skipped");
    let partner = checked
        .diagnostics()
        .iter()
        .find(|d| d.field() == "activities[0].partners[1]")
        .unwrap();
    assert_eq!(
        partner.message(),
        "en samarbejdspartner kan ikke være et heltal"
    );
    assert!(checked.diagnostics().iter().any(
        |d| d.severity() == Severity::Warning && d.message().contains("blev ikke kontrolleret")
    ));
    let budget = checked
        .diagnostics()
        .iter()
        .find(|d| d.field() == "activities[0].budget")
        .unwrap();
    assert_eq!(
        budget.message(),
        "et budget kan ikke være et decimaltal, som ikke er præcist til øren"
    );
}

#[test]
fn missing_fields_point_at_the_activity() {
    let text = "year = 2026\n\n[[activities]]\nid = \"a\"\n";
    let checked = check(text);
    let missing: Vec<(&str, &str)> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            assert_eq!(at(d), (3, 1));
            (d.field(), d.message())
        })
        .collect();
    assert_eq!(
        missing,
        [
            ("activities[0].title", "aktivitetens titel (title) mangler"),
            (
                "activities[0].focus_area",
                "aktivitetens indsatsområde (focus_area) mangler"
            ),
            (
                "activities[0].responsible",
                "aktivitetens ansvarlige part (responsible) mangler"
            ),
            (
                "activities[0].budget",
                "aktivitetens budget (budget) mangler"
            ),
        ]
    );
}

#[test]
fn syntax_errors_stop_with_a_position() {
    // An unknown key in an activity is an error at the key; the activity is otherwise whole.
    let text = synthetic_plan(&[synthetic_activity("a", "okf", "[\"politi\"]", "0")]).replacen(
        "[[activities]]\n",
        "[[activities]]\nbudgte = 5\n",
        1,
    );
    let checked = check(&text);
    let error = only_error(&checked);
    assert!(
        error.message().contains("ukendt felt \"budgte\""),
        "{}",
        error.message()
    );
    assert_eq!(at(error).0, 4);
    let checked = check("year = \n");
    assert!(!checked.is_valid());
}

#[test]
fn an_empty_plan_is_valid_with_a_warning() {
    let checked = check("year = 2026\n");
    assert!(checked.is_valid());
    assert_eq!(checked.warning_count(), 1);
    assert_eq!(
        checked.diagnostics()[0].message(),
        "tryghedsplanen for 2026 har ingen aktiviteter"
    );
    assert!(checked.collaboration().unwrap().is_met());
}

#[test]
fn rendering_points_at_the_column() {
    let text = synthetic_plan(&[synthetic_activity("a", "okff", "[\"politi\"]", "0")]);
    let checked = check(&text);
    let rendered = checked.render(&text);
    assert!(
        rendered.contains(
            "fejl: aktiviteten \"a\": den ansvarlige part \"okff\" er ikke part i aftalen\n --> plan.toml:7:15\n  |\n7 | responsible = \"okff\"\n  |               ^^^^^^\n  = felt: activities[0].responsible\n"
        ),
        "{rendered}"
    );
    assert!(rendered.ends_with("fejl: plan.toml overholder ikke aftalen (1 fejl, 0 advarsler)\n"));
}

#[test]
fn follow_up_is_checked_against_the_plan() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tryghedsplan-2026-eksempel.toml"
    ))
    .unwrap();
    let checked = check(&text);
    assert!(checked.is_valid(), "{:#?}", checked.diagnostics());
    let plan = checked.plan().unwrap();
    let follow = "year = 2026\n\n[[deliverables]]\nactivity = \"nyhedsbrevet\"\ndeliverable = \"nr-1\"\nstatus = \"delivered\"\n\n[[deliverables]]\nactivity = \"belysning\"\ndeliverable = \"lamper\"\nstatus = \"not-delivered\"\n";
    let result = tryghed_plan::check_follow_up(follow, "f.toml", plan);
    assert!(!result.is_valid());
    let error = result.diagnostics().iter().find(|d| d.is_error()).unwrap();
    assert_eq!(
        error.message(),
        "tryghedsplanen for 2026 har ingen aktivitet \"nyhedsbrevet\""
    );
    assert_eq!(
        (error.field(), at(error)),
        ("deliverables[0].activity", (4, 12))
    );
    assert!(result.diagnostics().iter().any(|d| d.message()
        == "leverancen \"lamper\" i aktiviteten \"belysning\" er ikke leveret, men afvigelsen har ingen begrundelse"));
    let summary = result.follow_up().unwrap().summary(plan);
    assert_eq!(summary.total().not_delivered(), 1);
    assert_eq!(summary.total().not_reported(), 5);
    assert_eq!(summary.total().total(), 6);
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip_through_json() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/tryghedsplan-2026-eksempel.toml"
    ))
    .unwrap();
    let plan = tryghed_plan::Plan::from_toml_str(&text).unwrap();
    let json = serde_json::to_string(&plan).unwrap();
    let back: tryghed_plan::Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(plan, back);
    let bad = json.replace("\"okf\"", "\"OKF\"");
    assert!(serde_json::from_str::<tryghed_plan::Plan>(&bad).is_err());
}

#[test]
fn an_unknown_key_does_not_hide_the_rest_of_the_activity() {
    let checked = check("year = 2026\n[[activities]]\nid = \"a\"\nbudgte = 5\ntitle = 5\n");
    let errors: Vec<(usize, usize, &str)> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (at(d).0, at(d).1, d.field()))
        .collect();
    assert_eq!(
        errors,
        [
            (2, 1, "activities[0].focus_area"),
            (2, 1, "activities[0].responsible"),
            (2, 1, "activities[0].budget"),
            (4, 1, "activities[0].budgte"),
            (5, 1, "activities[0].title"),
        ]
    );
    let errors: Vec<&Diagnostic> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors[3]
            .message()
            .starts_with("ukendt felt \"budgte\"; felterne her er: id, title"),
        "{}",
        errors[3].message()
    );
    assert_eq!(errors[4].message(), "her skal stå en tekst, ikke et heltal");
    assert!(checked.plan().is_none());
}

#[test]
fn an_unreadable_budget_does_not_hide_the_other_problems_of_its_activity() {
    let text = synthetic_plan(&[
        synthetic_activity("dup", "okf", "[\"politi\"]", "0"),
        synthetic_activity("dup", "okff", "[\"politi\"]", "\"1e3\""),
    ]);
    let checked = check(&text);
    let errors: Vec<(usize, usize, &str)> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (at(d).0, at(d).1, d.field()))
        .collect();
    assert_eq!(
        errors,
        [
            (17, 6, "activities[1].id"),
            (20, 15, "activities[1].responsible"),
            (22, 10, "activities[1].budget"),
        ],
        "{:#?}",
        checked.diagnostics()
    );
    let messages: Vec<&str> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::message)
        .collect();
    assert_eq!(
        messages[0],
        "aktivitets-id'et \"dup\" bruges mere end én gang"
    );
    assert_eq!(
        messages[1],
        "aktiviteten \"dup\": den ansvarlige part \"okff\" er ikke part i aftalen"
    );
    // The budget total is skipped, and the warning says which field prevented it.
    assert!(checked.budget().is_none());
    let skipped: Vec<&Diagnostic> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.severity() == Severity::Warning)
        .collect();
    assert_eq!(skipped.len(), 1, "{skipped:#?}");
    assert_eq!(
        skipped[0].message(),
        "budgettets sum og grænsen på årets aktivitetsmidler blev ikke kontrolleret, fordi activities[1].budget (aktiviteten \"dup\") ikke kunne læses"
    );
    assert_eq!(
        (at(skipped[0]), skipped[0].field()),
        ((22, 10), "activities[1].budget")
    );
    // Every party could be read, so the collaboration rule still ran.
    assert_eq!(checked.collaboration(), Some(&Collaboration::new(2, 2)));
    assert!(checked.plan().is_none());
}

#[test]
fn a_malformed_date_does_not_hide_an_unknown_focus_area() {
    let text = synthetic_plan(&[synthetic_activity("a", "okf", "[\"politi\"]", "0")])
        .replacen("\"kommunikation\"", "\"kommunkation\"", 1)
        .replacen("due = 2026-06-30", "due = \"2026-13-01\"", 1);
    let checked = check(&text);
    let errors: Vec<(usize, usize, &str, &str)> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (at(d).0, at(d).1, d.field(), d.message()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                6,
                14,
                "activities[0].focus_area",
                "aktiviteten \"a\": indsatsområdet \"kommunkation\" er ikke et af aftalens"
            ),
            (
                14,
                7,
                "activities[0].deliverables[0].due",
                "\"2026-13-01\" er ikke en dato; skriv en dato som 2026-06-30"
            ),
        ]
    );
    // Budgets and parties could all be read, so the checks over all activities still ran.
    assert_eq!(checked.warning_count(), 0, "{:#?}", checked.diagnostics());
    assert_eq!(
        checked.budget().map(tryghed_plan::BudgetUse::total),
        Some(Dkk::ZERO)
    );
    assert_eq!(checked.collaboration(), Some(&Collaboration::new(1, 1)));
    assert!(checked.plan().is_none());
}

#[test]
fn an_unreadable_partner_skips_only_the_collaboration_rule() {
    let text = synthetic_plan(&[
        synthetic_activity("a", "okf", "[\"politi\", 5]", "0"),
        synthetic_activity("b", "okf", "\"politi\"", "2000000"),
    ]);
    let checked = check(&text);
    assert!(checked.collaboration().is_none());
    let skipped = checked
        .diagnostics()
        .iter()
        .find(|d| d.severity() == Severity::Warning)
        .unwrap();
    assert_eq!(
        skipped.message(),
        "optællingen af samarbejdspartnere og kravet om 75 % blev ikke kontrolleret, fordi activities[0].partners[1] (aktiviteten \"a\"), activities[1].partners (aktiviteten \"b\") ikke kunne læses"
    );
    assert_eq!(at(skipped), (8, 23));
    // The budgets could be read: the total is checked and over the funds.
    assert_eq!(
        checked.budget().map(tryghed_plan::BudgetUse::total),
        Some(Dkk::from_kroner(2_000_000).unwrap())
    );
    assert!(checked.diagnostics().iter().any(|d| d.is_error()
        && d.field() == "activities[1].budget"
        && d.message().starts_with("aktiviteternes budgetter er i alt")));
}

#[test]
fn an_unreadable_year_does_not_hide_the_activities() {
    let text = synthetic_plan(&[synthetic_activity("a", "okff", "[\"politi\"]", "0")]).replacen(
        "year = 2026",
        "year = 20260",
        1,
    );
    let checked = check(&text);
    let errors: Vec<(usize, usize, &str)> = checked
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (at(d).0, at(d).1, d.field()))
        .collect();
    assert_eq!(
        errors,
        [(1, 8, "year"), (7, 15, "activities[0].responsible")]
    );
    assert!(checked.budget().is_none());
    assert!(checked.diagnostics().iter().any(|d| d.severity() == Severity::Warning
        && d.message()
            == "budgettets sum og grænsen på årets aktivitetsmidler blev ikke kontrolleret, fordi planens år ikke kunne læses"));
    assert_eq!(checked.collaboration(), Some(&Collaboration::new(1, 1)));
}
