#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The worked example shared by the tests: the embedded Folehaven agreement with SYNTHETIC
//! observations, a SYNTHETIC plan with follow-up and a SYNTHETIC ledger (all "Eksempel").

use tryghed_agreement::Agreement;
use tryghed_budget::{Dkk, Ledger};
use tryghed_goals::Observations;
use tryghed_report::Year;
use tryghed_report::{
    ActivityRow, DeliverableRow, Delivery, PlanInput, ReportBuilder, StatusReport,
};

/// The synthetic observations CSV.
pub(crate) const SYNTHETIC_OBSERVATIONS: &str = include_str!("../data/synthetic_observations.csv");
/// The synthetic ledger TOML.
pub(crate) const SYNTHETIC_LEDGER: &str = include_str!("../data/synthetic_ledger.toml");

fn kr(n: i64) -> Dkk {
    Dkk::from_kroner(n).unwrap()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| (*x).to_owned()).collect()
}

/// A made-up plan for 2026: four activities, three with two or more parties (75 %).
pub(crate) fn synthetic_plan() -> PlanInput {
    let activities = vec![
        ActivityRow::new(
            "synthetic-natteravne",
            "Eksempel: natlige tryghedsvandringer",
            "tryggere-byrum",
            "Københavns Politi",
            s(&["Boligforeningen 3B", "Socialforvaltningen"]),
        )
        .unwrap()
        .with_budget(kr(250_000))
        .unwrap()
        .with_deliverables(vec![
            DeliverableRow::new("Eksempel: 40 vandringer", Delivery::Delivered, None).unwrap(),
            DeliverableRow::new(
                "Eksempel: rapport om utrygge steder",
                Delivery::PartlyDelivered,
                Some("Eksempel: udkast | klar i august".into()),
            )
            .unwrap(),
        ]),
        ActivityRow::new(
            "synthetic-lektiecafe",
            "Eksempel: lektiecafé for unge",
            "positive-faellesskaber",
            "Børne- og Ungdomsforvaltningen",
            s(&["Kultur- og Fritidsforvaltningen"]),
        )
        .unwrap()
        .with_budget(kr(400_000))
        .unwrap()
        .with_deliverables(vec![
            DeliverableRow::new("Eksempel: 30 ugers åbent", Delivery::Delivered, None).unwrap(),
        ]),
        ActivityRow::new(
            "synthetic-belysning",
            "Eksempel: bedre belysning <stier>",
            "tryggere-byrum",
            "Teknik- og Miljøforvaltningen",
            s(&["Boligforeningen SAB"]),
        )
        .unwrap()
        .with_budget(kr(150_000))
        .unwrap()
        .with_deliverables(vec![
            DeliverableRow::new("Eksempel: 12 nye lamper", Delivery::NotDelivered, None).unwrap(),
        ]),
        ActivityRow::new(
            "synthetic-nyhedsbrev",
            "Eksempel: nyhedsbrev til beboerne",
            "kommunikation",
            "Økonomiforvaltningen",
            vec![],
        )
        .unwrap()
        .with_budget(kr(50_000))
        .unwrap()
        .with_deliverables(vec![
            DeliverableRow::new("Eksempel: 4 numre", Delivery::NotReported, None).unwrap(),
        ]),
    ];
    PlanInput::new(
        Year::new(2026).unwrap(),
        "Eksempel: tryghedsplan 2026",
        true,
        activities,
    )
    .unwrap()
}

/// The synthetic observations.
pub(crate) fn synthetic_observations() -> Observations {
    Observations::from_csv_str(SYNTHETIC_OBSERVATIONS).unwrap()
}

/// The synthetic ledger.
pub(crate) fn synthetic_ledger() -> Ledger {
    toml::from_str(SYNTHETIC_LEDGER).unwrap()
}

/// The embedded data only (the README's command).
pub(crate) fn embedded_report() -> StatusReport {
    let agreement = Agreement::folehaven();
    ReportBuilder::new(&agreement).build().unwrap()
}

/// The worked example.
pub(crate) fn example_report() -> StatusReport {
    let agreement = Agreement::folehaven();
    let ledger = synthetic_ledger();
    ReportBuilder::new(&agreement)
        .year(Year::new(2026).unwrap())
        .observations(
            synthetic_observations(),
            Some("synthetic_observations.csv".into()),
        )
        .plan(synthetic_plan())
        .ledger(&ledger)
        .build()
        .unwrap()
}

/// Checks that `html` is well-formed: every element closed in order, void elements and
/// self-closing tags allowed, attributes quoted. Returns the names of the elements seen.
pub(crate) fn check_well_formed(html: &str) -> Vec<String> {
    const VOID: [&str; 7] = ["meta", "br", "link", "img", "hr", "input", "col"];
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").expect("unclosed comment");
            rest = &rest[end + 3..];
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = rest.find('>').expect("unclosed declaration");
            rest = &rest[end + 1..];
            continue;
        }
        // Find the end of the tag, skipping quoted attribute values.
        let mut quote = None;
        let mut end = None;
        for (i, c) in rest.char_indices().skip(1) {
            match (c, quote) {
                ('"' | '\'', None) => quote = Some(c),
                (c, Some(q)) if c == q => quote = None,
                ('<', None) => panic!("'<' inside a tag near {:?}", &rest[..i.min(80)]),
                ('>', None) => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.expect("unclosed tag");
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_lowercase();
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> without an open tag"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect::<String>()
            .to_lowercase();
        assert!(!name.is_empty(), "empty tag");
        seen.push(name.clone());
        if tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        if name == "style" || name == "script" {
            let close = format!("</{name}>");
            let end = rest.find(&close).expect("unclosed style/script");
            rest = &rest[end + close.len()..];
            continue;
        }
        stack.push(name);
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    seen
}
