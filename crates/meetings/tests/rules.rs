//! Every organisation rule, positive and negative, against a synthetic context shaped like the
//! Folehaven agreement's organisation (section 4).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;
use tryghed_meetings::Year;

use chrono::NaiveDate;
use tryghed_meetings::{
    Cadence, CheckOptions, MeetingCheck, MeetingContext, Severity, YearState, check_meetings,
    meetings_schema, skeleton,
};
use tryghed_parties::{
    Body, BodyKind, Governance, MeetingRule, Parties, Party, PartyKind, Post,
    RepresentationRequirement, RepresentationRule,
};

const STEERING: &str = "Styregruppen mødes efter behov, dog mindst én gang årligt.";
const WORKING: &str = "Arbejdsgruppen mødes 8-10 gange årligt.";
const TOVHOLDER: &str = "Kontor for Sikker By og Udsatte Boligområder udpeger en projektleder, som samtidig fungerer som tovholder for arbejdsgruppen.";

/// A synthetic agreement: two forvaltninger (one with SSP, one with the secretariat's office),
/// the police and a housing association; the Folehaven rules with their words.
fn context() -> MeetingContext {
    let party = |id: &str, name: &str, kind| Party::new(id.parse().unwrap(), name, kind).unwrap();
    let parties = Parties::new(vec![
        party("kk", "Københavns Kommune", PartyKind::Municipality),
        party("okf", "Økonomiforvaltningen", PartyKind::Administration)
            .with_parent("kk".parse().unwrap())
            .unwrap(),
        party("sof", "Socialforvaltningen", PartyKind::Administration)
            .with_parent("kk".parse().unwrap())
            .unwrap(),
        party("ssp", "SSP", PartyKind::Unit)
            .with_parent("sof".parse().unwrap())
            .unwrap(),
        party(
            "sikker-by",
            "Kontor for Sikker By og Udsatte Boligområder",
            PartyKind::Unit,
        )
        .with_parent("okf".parse().unwrap())
        .unwrap(),
        party("politi", "Københavns Politi", PartyKind::Police),
        party("3b", "Boligforeningen 3B", PartyKind::HousingAssociation),
    ])
    .unwrap();
    let body = |id: &str, kind, name| Body::new(id.parse().unwrap(), kind, name).unwrap();
    let governance = Governance::new(vec![
        body("styregruppe", BodyKind::SteeringGroup, "Styregruppe"),
        body("arbejdsgruppe", BodyKind::WorkingGroup, "Arbejdsgruppe"),
        body("sekretariat", BodyKind::Secretariat, "Sekretariat"),
    ])
    .unwrap()
    .with_meeting_rule(
        MeetingRule::new(BodyKind::SteeringGroup, 1, None)
            .unwrap()
            .with_wording(STEERING)
            .unwrap(),
    )
    .unwrap()
    .with_meeting_rule(
        MeetingRule::new(BodyKind::WorkingGroup, 8, Some(10))
            .unwrap()
            .with_wording(WORKING)
            .unwrap(),
    )
    .unwrap()
    .with_representation_rule(RepresentationRule::new(
        BodyKind::SteeringGroup,
        RepresentationRequirement::EveryParty,
    ))
    .unwrap()
    .with_representation_rule(
        RepresentationRule::new(
            BodyKind::WorkingGroup,
            RepresentationRequirement::AllAdministrationsAndPartners,
        )
        .with_wording("det er væsentligt, at alle forvaltninger og partnere er repræsenteret")
        .unwrap(),
    )
    .unwrap()
    .with_post(
        Post::new("projektleder", "sikker-by".parse().unwrap())
            .unwrap()
            .leading(BodyKind::WorkingGroup)
            .with_wording(TOVHOLDER)
            .unwrap(),
    );
    MeetingContext::new(
        Year::new(2026).unwrap()..=Year::new(2029).unwrap(),
        parties,
        governance,
    )
    .unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// After the year: every rule can be judged.
fn after_2026() -> CheckOptions {
    CheckOptions::new(date(2027, 1, 15))
}

const EVERYONE: &str = r#"["sikker-by", "sof", "politi", "3b"]"#;

/// A meeting table.
fn meeting(body: &str, day: &str, chair: Option<&str>, attendees: &str) -> String {
    let mut out = format!("\n[[meetings]]\nbody = \"{body}\"\ndate = {day}\n");
    if let Some(chair) = chair {
        let _ = writeln!(out, "chair = \"{chair}\"");
    }
    let _ = writeln!(out, "attendees = {attendees}");
    out
}

/// A log of 2026 with one styregruppe meeting and `n` arbejdsgruppe meetings (the 1st–28th
/// of successive months, then December), everyone present, the projektleder chairing.
fn log(n: u32) -> String {
    let mut text = "year = 2026\n".to_owned();
    text.push_str(&meeting("styregruppe", "2026-02-24", None, EVERYONE));
    for i in 0..n {
        let (month, day) = (1 + i % 12, 1 + i / 12);
        text.push_str(&meeting(
            "arbejdsgruppe",
            &format!("2026-{month:02}-{day:02}"),
            Some("sikker-by"),
            EVERYONE,
        ));
    }
    text
}

fn check(text: &str, options: CheckOptions) -> MeetingCheck {
    check_meetings(text, "møder-2026.toml", &context(), options)
}

/// (severity, line, field, message) of every diagnostic.
fn found(check: &MeetingCheck) -> Vec<(Severity, usize, String, String)> {
    check
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.severity(),
                d.location().map_or(0, tryghed_meetings::Location::line),
                d.field().to_owned(),
                d.message().to_owned(),
            )
        })
        .collect()
}

fn line_of(text: &str, needle: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(nth)
        .map(|(i, _)| i + 1)
        .unwrap()
}

#[test]
fn a_complete_year_that_keeps_every_rule_is_valid_without_warnings() {
    for n in [8, 9, 10] {
        let checked = check(&log(n), after_2026());
        assert!(checked.is_valid(), "{n}: {:?}", found(&checked));
        assert!(
            checked.diagnostics().is_empty(),
            "{n}: {:?}",
            found(&checked)
        );
        let summary = checked.summary().unwrap();
        assert_eq!(summary.state(), YearState::Complete);
        let working = summary.body(BodyKind::WorkingGroup).unwrap();
        assert_eq!(
            (working.held(), working.cadence()),
            (u64::from(n), Cadence::Met)
        );
    }
}

#[test]
fn the_styregruppe_must_meet_at_least_once_in_a_complete_year() {
    let text = log(8).replacen(
        "body = \"styregruppe\"",
        "body = \"arbejdsgruppe\"\nchair = \"sikker-by\"",
        1,
    );
    let checked = check(&text, after_2026());
    assert!(!checked.is_valid());
    let errors: Vec<_> = found(&checked)
        .into_iter()
        .filter(|d| d.0 == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].1, 1, "at the year");
    assert_eq!(
        errors[0].3,
        "styregruppen holdt 0 møder i 2026; aftalen kræver mindst 1"
    );
    let help = checked.diagnostics()[0].help().unwrap();
    assert!(help.contains(&format!("»{STEERING}«")), "{help}");
    // No representation warnings for a body that did not meet at all.
    assert!(
        found(&checked)
            .iter()
            .all(|d| !d.3.contains("repræsenteret"))
    );
}

#[test]
fn a_year_under_way_is_not_yet_short_of_meetings() {
    // One arbejdsgruppe meeting held by 1 June, six planned later: 7 < 8, a warning only.
    let mut text = "year = 2026\n".to_owned();
    text.push_str(&meeting("styregruppe", "2026-02-24", None, EVERYONE));
    for month in [1, 7, 8, 9, 10, 11, 12] {
        text.push_str(&meeting(
            "arbejdsgruppe",
            &format!("2026-{month:02}-05"),
            Some("sikker-by"),
            EVERYONE,
        ));
    }
    let as_of = CheckOptions::new(date(2026, 6, 1));
    let checked = check(&text, as_of);
    assert!(checked.is_valid(), "{:?}", found(&checked));
    let warnings = found(&checked);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].3,
        "arbejdsgruppen har holdt 1 møde i 2026 og har 6 møder planlagt, i alt færre end de mindst 8, aftalen nævner"
    );
    let summary = checked.summary().unwrap();
    assert_eq!(summary.state(), YearState::UnderWay);
    let working = summary.body(BodyKind::WorkingGroup).unwrap();
    assert_eq!((working.held(), working.planned()), (1, 6));
    assert_eq!(working.cadence(), Cadence::ShortOfPlan);
    assert_eq!(
        summary.body(BodyKind::SteeringGroup).unwrap().cadence(),
        Cadence::MinimumReached
    );

    // With one more planned meeting the plan reaches 8: nothing to say.
    text.push_str(&meeting(
        "arbejdsgruppe",
        "2026-12-15",
        Some("sikker-by"),
        EVERYONE,
    ));
    let checked = check(&text, as_of);
    assert!(checked.diagnostics().is_empty(), "{:?}", found(&checked));
    assert_eq!(
        checked
            .summary()
            .unwrap()
            .body(BodyKind::WorkingGroup)
            .unwrap()
            .cadence(),
        Cadence::OnTrack
    );

    // The same log checked after the year: the planned meetings are now held meetings (they
    // have attendees), 9 in all.
    assert!(check(&text, after_2026()).is_valid());
    // But a log that stopped at 7 is an error once the year is over.
    let short = text.replace("date = 2026-12-15", "date = 2027-12-15");
    let checked = check(&short, after_2026());
    assert!(
        found(&checked).iter().any(|d| d.0 == Severity::Error
            && d.3 == "arbejdsgruppen holdt 7 møder i 2026; aftalen kræver mindst 8"),
        "{:?}",
        found(&checked)
    );
}

#[test]
fn the_arbejdsgruppe_meets_at_least_8_times() {
    let checked = check(&log(7), after_2026());
    assert!(!checked.is_valid());
    let d = &found(&checked)[0];
    assert_eq!(
        (d.0, d.1, d.3.as_str()),
        (
            Severity::Error,
            1,
            "arbejdsgruppen holdt 7 møder i 2026; aftalen kræver mindst 8"
        )
    );
    assert!(checked.diagnostics()[0].help().unwrap().contains(WORKING));
    assert_eq!(
        checked
            .summary()
            .unwrap()
            .body(BodyKind::WorkingGroup)
            .unwrap()
            .cadence(),
        Cadence::TooFew
    );
}

#[test]
fn the_arbejdsgruppe_meets_at_most_10_times_pointing_at_the_11th() {
    let text = log(11);
    // Meeting 11 is 2026-11-01 (the 1st of the 11th month).
    let checked = check(&text, CheckOptions::new(date(2026, 12, 1)));
    assert!(!checked.is_valid());
    let d = &found(&checked)[0];
    assert_eq!(d.1, line_of(&text, "date = 2026-11-01", 0));
    assert_eq!(d.2, "meetings[11].date");
    assert_eq!(
        d.3,
        "Arbejdsgruppens møde den 2026-11-01 er årets møde nr. 11 i 2026; aftalen nævner højst 10"
    );
    // Before that meeting is held it is a warning about the plan.
    let checked = check(&text, CheckOptions::new(date(2026, 10, 15)));
    assert!(checked.is_valid());
    assert_eq!(
        found(&checked)[0].3,
        "det planlagte møde den 2026-11-01 bliver arbejdsgruppens møde nr. 11 i 2026; aftalen nævner højst 10"
    );
}

#[test]
fn every_deltager_should_be_represented_in_the_styregruppe() {
    let text = log(8).replacen(EVERYONE, r#"["sikker-by", "ssp", "politi"]"#, 1);
    let checked = check(&text, after_2026());
    assert!(checked.is_valid(), "a warning, not an error");
    let found = found(&checked);
    assert_eq!(found.len(), 1, "{found:?}");
    // SSP counts for Socialforvaltningen and Kontor for Sikker By for Økonomiforvaltningen, so
    // only 3B is missing.
    assert_eq!(found[0].0, Severity::Warning);
    assert_eq!(
        found[0].3,
        "Boligforeningen 3B (3b) var ikke repræsenteret på nogen af styregruppens 1 møde i 2026"
    );
    let attendance = checked
        .summary()
        .unwrap()
        .body(BodyKind::SteeringGroup)
        .unwrap()
        .attendance()
        .to_vec();
    let rows: Vec<(&str, u64, bool)> = attendance
        .iter()
        .map(|a| (a.party().as_str(), a.meetings(), a.is_required()))
        .collect();
    assert_eq!(
        rows,
        [
            ("okf", 1, true),
            ("sof", 1, true),
            ("politi", 1, true),
            ("3b", 0, true),
            ("kk", 1, false),
            ("ssp", 1, false),
            ("sikker-by", 1, false),
        ]
    );
}

#[test]
fn the_arbejdsgruppe_should_have_every_forvaltning_and_partner() {
    let text = log(8).replace(EVERYONE, r#"["sikker-by", "politi", "3b"]"#);
    let checked = check(&text, after_2026());
    assert!(checked.is_valid());
    let warnings: Vec<String> = found(&checked).into_iter().map(|d| d.3).collect();
    assert_eq!(
        warnings,
        [
            "Socialforvaltningen (sof) var ikke repræsenteret på nogen af styregruppens 1 møde i 2026",
            "Socialforvaltningen (sof) var ikke repræsenteret på nogen af arbejdsgruppens 8 møder i 2026",
        ]
    );
    let help = checked.diagnostics()[1].help().unwrap();
    assert!(help.contains("væsentligt"), "{help}");
    assert!(help.contains("fremmøde, ikke medlemskab"), "{help}");
}

#[test]
fn the_projektleder_is_tovholder_of_the_arbejdsgruppe() {
    let text = log(8).replacen("chair = \"sikker-by\"", "chair = \"politi\"", 1);
    let checked = check(&text, after_2026());
    assert!(!checked.is_valid());
    let d = &found(&checked)[0];
    assert_eq!(d.1, line_of(&text, "chair = \"politi\"", 0));
    assert_eq!(d.2, "meetings[1].chair");
    assert_eq!(
        d.3,
        "Arbejdsgruppens møde den 2026-01-01 blev ledet af Københavns Politi (politi), men projektleder (Kontor for Sikker By og Udsatte Boligområder (sikker-by)) er tovholder"
    );
    assert!(checked.diagnostics()[0].help().unwrap().contains(TOVHOLDER));

    // No chair recorded: a warning, since the rule cannot be checked.
    let text = log(8).replacen("chair = \"sikker-by\"\n", "", 1);
    let checked = check(&text, after_2026());
    assert!(checked.is_valid());
    let d = &found(&checked)[0];
    assert_eq!(
        (d.0, d.2.as_str()),
        (Severity::Warning, "meetings[1].chair")
    );

    // The styregruppe has no tovholder rule: any chair among the attendees is fine.
    let text = log(8).replacen(
        "date = 2026-02-24\n",
        "date = 2026-02-24\nchair = \"politi\"\n",
        1,
    );
    assert!(check(&text, after_2026()).diagnostics().is_empty());
}

#[test]
fn attendees_and_chair_must_be_known_and_consistent() {
    let text = log(8)
        .replacen(EVERYONE, r#"["sikker-by", "sof", "politii", "3b", 7]"#, 1)
        .replacen(
            "chair = \"sikker-by\"\nattendees = [\"sikker-by\",",
            "chair = \"sikker-by\"\nattendees = [",
            1,
        );
    let checked = check(&text, after_2026());
    let found = found(&checked);
    let errors: Vec<(usize, &str, &str)> = found
        .iter()
        .filter(|d| d.0 == Severity::Error)
        .map(|d| (d.1, d.2.as_str(), d.3.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                line_of(&text, "politii", 0),
                "meetings[0].attendees[2]",
                "\"politii\" er ikke part i aftalen"
            ),
            (
                line_of(&text, "politii", 0),
                "meetings[0].attendees[4]",
                "her skal stå et part-id (\"okf\") eller { party = \"okf\", person = \"…\" }, ikke et heltal"
            ),
            (
                line_of(&text, "chair = \"sikker-by\"", 0),
                "meetings[1].chair",
                "mødelederen Kontor for Sikker By og Udsatte Boligområder (sikker-by) står ikke blandt mødets deltagere"
            ),
        ],
        "{found:?}"
    );
}

#[test]
fn a_held_meeting_needs_its_attendees_a_planned_one_does_not() {
    let text = format!(
        "{}\n[[meetings]]\nbody = \"styregruppe\"\ndate = 2026-12-10\n",
        log(8)
    );
    // Planned on 1 December: fine.
    assert!(
        check(&text, CheckOptions::new(date(2026, 12, 1)))
            .diagnostics()
            .is_empty()
    );
    // Held by January: the attendees are missing.
    let checked = check(&text, after_2026());
    assert!(!checked.is_valid());
    let d = &found(&checked)[0];
    assert_eq!(d.2, "meetings[9].attendees");
    assert_eq!(
        d.3,
        "Styregruppens møde den 2026-12-10 er holdt, men deltagerne er ikke noteret"
    );
}

#[test]
fn the_year_must_be_there_in_the_period_and_the_one_asked_for_without_hiding_the_rest() {
    // Missing year: reported, and the meetings are still read.
    let text = log(8)
        .replacen("year = 2026\n", "", 1)
        .replacen("\"3b\"]", "\"3c\"]", 1);
    let checked = check(&text, after_2026());
    let fields: Vec<String> = found(&checked).into_iter().map(|d| d.2).collect();
    assert_eq!(fields, ["year", "meetings[0].attendees[3]"]);
    assert!(checked.summary().is_none());

    let checked = check(&log(8).replacen("2026\n", "2031\n", 1), after_2026());
    assert_eq!(
        found(&checked)[0].3,
        "mødeloggen er for 2031, uden for aftaleperioden 2026–2029"
    );

    let checked = check(&log(8), after_2026().for_year(Year::new(2027).unwrap()));
    let d = &found(&checked)[0];
    assert_eq!(
        (d.1, d.3.as_str()),
        (
            1,
            "mødeloggen er for 2026, men kontrollen gælder 2027 (--year)"
        )
    );
    assert!(check(&log(8), after_2026().for_year(Year::new(2026).unwrap())).is_valid());

    let text = log(8).replacen("date = 2026-02-24", "date = 2025-02-24", 1);
    let checked = check(&text, after_2026());
    let found = found(&checked);
    let d = found.iter().find(|d| d.2 == "meetings[0].date").unwrap();
    assert_eq!(d.1, line_of(&text, "2025-02-24", 0));
    assert_eq!(
        d.3,
        "mødet den 2025-02-24 ligger ikke i mødeloggens år 2026"
    );
    // The meeting does not count for 2026, so the styregruppe did not meet that year.
    assert!(
        found
            .iter()
            .any(|d| d.3.starts_with("styregruppen holdt 0 møder"))
    );
}

#[test]
fn fields_that_cannot_be_read_are_each_reported() {
    let text = format!(
        "{}\n[[meetings]]\nbody = \"sekretariat\"\ndate = \"2026-02-30\"\nroom = 4\ndecisions = [\"\", 5]\n\n[[meetings.actions]]\nwhat = \"x\"\nowner = \"kff\"\n",
        log(8)
    );
    let checked = check(&text, after_2026());
    let fields: Vec<String> = found(&checked).into_iter().map(|d| d.2).collect();
    assert_eq!(
        fields,
        [
            "meetings[9].body",
            "meetings[9].date",
            "meetings[9].room",
            "meetings[9].decisions[0]",
            "meetings[9].decisions[1]",
            "meetings[9].actions[0].due",
            "meetings[9].actions[0].owner",
        ],
        "{:?}",
        found(&checked)
    );
}

#[test]
fn warnings_for_repeats_and_early_deadlines() {
    let text = log(8)
        .replacen(EVERYONE, r#"["sikker-by", "sof", "politi", "3b", "3b"]"#, 1)
        .replacen(
            "\"3b\", \"3b\"]\n",
            "\"3b\", \"3b\"]\ndecisions = [\"Eksempel\"]\n\n[[meetings.actions]]\nwhat = \"Eksempel\"\nowner = \"3b\"\ndue = 2026-01-31\n",
            1,
        )
        + &meeting("arbejdsgruppe", "2026-08-01", Some("sikker-by"), EVERYONE);
    let checked = check(&text, after_2026());
    assert!(checked.is_valid());
    let messages: Vec<String> = found(&checked).into_iter().map(|d| d.3).collect();
    assert!(
        messages.contains(
            &"Boligforeningen 3B (3b) står allerede på deltagerlisten for dette møde".to_owned()
        ),
        "{messages:?}"
    );
    assert!(messages.contains(&"fristen 2026-01-31 ligger før mødet den 2026-02-24".to_owned()));
    assert!(
        messages.contains(
            &"arbejdsgruppen har to møder den 2026-08-01; er det samme møde skrevet to gange?"
                .to_owned()
        )
    );
}

#[test]
fn the_summary_lists_decisions_and_actions_of_held_meetings() {
    let text = log(8).replacen(
        &format!("{EVERYONE}\n"),
        &format!("{EVERYONE}\ndecisions = [\"Eksempel: planen godkendt\"]\n\n[[meetings.actions]]\nwhat = \"Eksempel: send planen\"\nowner = \"sikker-by\"\ndue = 2026-03-10\n"),
        1,
    );
    let checked = check(&text, after_2026());
    let steering = checked
        .summary()
        .unwrap()
        .body(BodyKind::SteeringGroup)
        .unwrap()
        .clone();
    assert_eq!(steering.decisions()[0].text(), "Eksempel: planen godkendt");
    assert_eq!(steering.decisions()[0].date(), date(2026, 2, 24));
    let action = &steering.actions()[0];
    assert_eq!(
        action.owner_name(),
        "Kontor for Sikker By og Udsatte Boligområder"
    );
    assert_eq!(action.due(), date(2026, 3, 10));
    assert_eq!(steering.wording(), Some(STEERING));
    let log = checked.log().unwrap();
    assert_eq!(log.meetings().len(), 9);
    assert_eq!(
        log.summary(&context(), date(2027, 1, 15)),
        *checked.summary().unwrap()
    );
}

#[test]
fn a_file_that_is_not_toml_lists_its_syntax_errors() {
    let checked = check("year = \n[[meetings]\n", after_2026());
    assert!(!checked.is_valid());
    assert!(
        checked.diagnostics()[0]
            .message()
            .starts_with("filen er ikke gyldig TOML")
    );
    assert!(checked.summary().is_none() && checked.log().is_none());
}

#[test]
fn the_skeleton_is_a_valid_log_with_one_warning() {
    let text = skeleton(Year::new(2027).unwrap(), &context()).unwrap();
    assert!(text.contains(STEERING) && text.contains(TOVHOLDER));
    assert!(text.contains("#   sikker-by  Kontor for Sikker By og Udsatte Boligområder"));
    let checked = check_meetings(
        &text,
        "møder-2027.toml",
        &context(),
        CheckOptions::new(date(2027, 1, 2)),
    );
    assert!(checked.is_valid());
    let messages: Vec<String> = found(&checked).into_iter().map(|d| d.3).collect();
    assert_eq!(messages, ["mødeloggen for 2027 har ingen møder"]);
    assert!(skeleton(Year::new(2030).unwrap(), &context()).is_err());
}

#[test]
fn the_committed_schema_matches_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/meetings.schema.json");
    let generated = meetings_schema();
    if std::env::var_os("TRYGHED_BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is out of date; regenerate it with\n  TRYGHED_BLESS=1 cargo test -p tryghed-meetings --test rules\nand commit the result"
    );
    let schema: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(schema["title"], "Mødelog");
    let meeting = &schema["$defs"]["MeetingFile"];
    let required: Vec<&str> = meeting["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["body", "date"]);
}

mod properties {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text gives a result, never a panic; a valid result has no error.
        #[test]
        fn any_text_is_checked_without_panicking(text in "[a-z_=\\[\\]\" 0-9\\-\n{},.]{0,200}") {
            let checked = super::check(&text, super::after_2026());
            prop_assert_eq!(
                checked.is_valid(),
                checked.diagnostics().iter().all(|d| !d.is_error())
            );
        }

        /// Removing attendees from a valid complete year never turns an error into nothing:
        /// whatever is removed, the cadence count stays the same.
        #[test]
        fn the_cadence_count_does_not_depend_on_attendance(n in 0u32..12, keep in 0usize..4) {
            let everyone = ["\"sikker-by\"", "\"sof\"", "\"politi\"", "\"3b\""];
            let fewer = format!("[\"sikker-by\", {}]", everyone[1..].iter().take(keep).copied().collect::<Vec<_>>().join(", "));
            let text = super::log(n).replace(super::EVERYONE, &fewer.replace(", ]", "]"));
            let checked = super::check(&text, super::after_2026());
            let working = checked.summary().unwrap().body(tryghed_parties::BodyKind::WorkingGroup).unwrap().clone();
            prop_assert_eq!(working.held(), u64::from(n));
        }
    }
}

/// A log with decisions and an action, for the summary's read-back.
#[cfg(feature = "serde")]
fn log_with_decisions(n: u32) -> String {
    let mut text = log(n);
    text.push_str(
        "decisions = [\"Tryghedsvandring i oktober (synthetic)\"]\n\
         actions = [{ what = \"Indkalde til tryghedsvandring\", owner = \"3b\", due = 2026-09-30 }]\n",
    );
    text
}

#[cfg(feature = "serde")]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    #[test]
    fn a_meetings_summary_reads_back_equal(n in 0_u32..14, day in 0_u32..800) {
        // From before the year to after it: not begun, under way and complete.
        let as_of = date(2025, 11, 1) + chrono::Days::new(u64::from(day));
        let text = log_with_decisions(n);
        let c = check(&text, CheckOptions::new(as_of));
        let summary = c.summary().unwrap();
        let json = serde_json::to_string(summary).unwrap();
        let back: tryghed_meetings::MeetingsSummary = serde_json::from_str(&json).unwrap();
        proptest::prop_assert_eq!(&back, summary);
    }
}

#[cfg(feature = "serde")]
#[test]
fn a_meetings_summary_that_contradicts_itself_is_refused() {
    let text = log_with_decisions(9);
    let c = check(&text, after_2026());
    let summary = c.summary().unwrap();
    let json = serde_json::to_value(summary).unwrap();
    assert_eq!(json["bodies"][1]["cadence"], "met", "{json}");
    assert_eq!(
        json["bodies"][1]["decisions"][0]["text"],
        "Tryghedsvandring i oktober (synthetic)"
    );
    let refused = |edit: &dyn Fn(&mut serde_json::Value), reason: &str| {
        let mut bad = json.clone();
        edit(&mut bad);
        let err = serde_json::from_value::<tryghed_meetings::MeetingsSummary>(bad).unwrap_err();
        assert!(err.to_string().contains(reason), "{reason:?} not in {err}");
    };
    refused(&|v| v["state"] = "under_way".into(), "state is \"i gang\"");
    refused(
        &|v| v["bodies"][1]["cadence"] = "too_few".into(),
        "bodies[1].cadence",
    );
    // Fewer held meetings than the minimum of 8: the stated "met" no longer follows.
    refused(&|v| v["bodies"][1]["held"] = 7.into(), "bodies[1].cadence");
    refused(
        &|v| v["bodies"][1]["planned"] = 2.into(),
        "the year 2026 is over",
    );
    refused(
        &|v| v["bodies"][1]["max_per_year"] = 5.into(),
        "below the minimum of 8",
    );
    refused(
        &|v| v["bodies"][1]["min_per_year"] = serde_json::Value::Null,
        "without a minimum",
    );
    refused(
        &|v| v["bodies"][1]["attendance"][0]["meetings"] = 12.into(),
        "bodies[1].attendance[0].meetings is 12",
    );
    refused(
        &|v| {
            let first = v["bodies"][1]["attendance"][0].clone();
            v["bodies"][1]["attendance"]
                .as_array_mut()
                .unwrap()
                .push(first);
        },
        "listed twice",
    );
    refused(
        &|v| v["bodies"][1]["decisions"][0]["date"] = "2027-01-20".into(),
        "bodies[1].decisions[0] is dated 2027-01-20",
    );
    refused(
        &|v| v["bodies"][1]["actions"][0]["what"] = "  ".into(),
        "bodies[1].actions[0].what is empty",
    );
    refused(
        &|v| {
            let first = v["bodies"][1].clone();
            v["bodies"].as_array_mut().unwrap().push(first);
        },
        "summed up twice",
    );
    refused(&|v| v["bodies"][0]["held"] = 0.into(), "bodies[0]");
    refused(&|v| v["as_of"] = "2026-13-01".into(), "input");
}
