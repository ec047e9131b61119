//! The serde forms: hand-written TOML reads into validated values, invalid data is an
//! error naming the value, and JSON round trips are lossless.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::NaiveDate;
use tryghed_parties::Year;
use tryghed_parties::{
    BodyKind, Cvr, Fte, Governance, Meeting, Membership, Parties, Party, PartyKind, RuleViolation,
};

/// A synthetic document in the shape the agreement crate uses. Names and ids of real
/// parties are used, but the roster and meetings are made up.
const SYNTHETIC_DOC: &str = r#"
[[parties]]
id = "kk"
name = "Københavns Kommune"
kind = "municipality"
identifiers = [{ scheme = "DK-CVR", id = "64942212" }, { scheme = "DK-KOMMUNE", id = "101" }]

[[parties]]
id = "okf"
name = "Økonomiforvaltningen"
abbreviation = "ØKF"
kind = "administration"
parent = "kk"

[[parties]]
id = "politi"
name = "Københavns Politi"
kind = "police"

[governance]
bodies = [
  { id = "styregruppe", kind = "steering_group", name = "Styregruppe" },
  { id = "arbejdsgruppe", kind = "working_group", name = "Arbejdsgruppe" },
]
meeting_rules = [
  { body = "steering_group", min_per_year = 1 },
  { body = "working_group", min_per_year = 8, max_per_year = 10 },
]
representation_rules = [
  { body = "steering_group", requirement = "every_party" },
  { body = "working_group", requirement = "all_administrations_and_partners" },
]
posts = [{ title = "projektleder", held_by = "okf", fte = "0.5" }]

[[synthetic_roster]]
party = "okf"
body = "steering_group"
role = "formand"
person = "Synthetic Person"
from = "2026-01-01"
to = "2029-12-31"

[[synthetic_roster]]
party = "politi"
body = "steering_group"
role = "medlem"

[[synthetic_meetings]]
body = "steering_group"
date = "2026-03-01"
"#;

#[derive(serde::Deserialize)]
struct Doc {
    parties: Parties,
    governance: Governance,
    synthetic_roster: Vec<Membership>,
    synthetic_meetings: Vec<Meeting>,
}

#[test]
fn reads_the_toml_forms() {
    let doc: Doc = toml::from_str(SYNTHETIC_DOC).unwrap();
    assert_eq!(doc.parties.len(), 3);
    let kk = doc.parties.get("kk").unwrap();
    assert_eq!(kk.cvr(), Some(Cvr::new("64942212").unwrap()));
    let okf = doc.parties.get("okf").unwrap();
    assert_eq!(okf.name(), "Økonomiforvaltningen");
    assert_eq!(okf.abbreviation(), Some("ØKF"));
    assert_eq!(okf.kind(), PartyKind::Administration);
    assert_eq!(okf.parent().unwrap().as_str(), "kk");
    assert_eq!(doc.governance.bodies().len(), 2);
    assert_eq!(
        doc.governance.posts()[0].fte(),
        Some("0.5".parse::<Fte>().unwrap())
    );
    assert_eq!(
        doc.synthetic_roster[0].to(),
        NaiveDate::from_ymd_opt(2029, 12, 31)
    );

    let found = doc.governance.check(
        &doc.parties,
        &doc.synthetic_roster,
        &doc.synthetic_meetings,
        Year::new(2026).unwrap(),
    );
    let text: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "2026: party okf has no active representative in the arbejdsgruppe",
            "2026: party politi has no active representative in the arbejdsgruppe",
            "2026: the arbejdsgruppe met 0 times, at least 8 required",
        ]
    );
}

#[test]
fn json_round_trip_is_lossless() {
    let doc: Doc = toml::from_str(SYNTHETIC_DOC).unwrap();
    let json = serde_json::to_string(&doc.parties).unwrap();
    assert_eq!(serde_json::from_str::<Parties>(&json).unwrap(), doc.parties);
    let json = serde_json::to_string(&doc.governance).unwrap();
    assert_eq!(
        serde_json::from_str::<Governance>(&json).unwrap(),
        doc.governance
    );
    let json = serde_json::to_string(&doc.synthetic_roster).unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<Membership>>(&json).unwrap(),
        doc.synthetic_roster
    );
    // The party form is compact: optional fields left out when empty.
    let politi = serde_json::to_string(doc.parties.get("politi").unwrap()).unwrap();
    assert_eq!(
        politi,
        r#"{"id":"politi","name":"Københavns Politi","kind":"police"}"#
    );
    let okf = serde_json::to_string(doc.parties.get("okf").unwrap()).unwrap();
    assert_eq!(
        okf,
        r#"{"id":"okf","name":"Økonomiforvaltningen","abbreviation":"ØKF","kind":"administration","parent":"kk"}"#
    );
    assert_eq!(
        serde_json::to_string(&doc.governance.posts()[0]).unwrap(),
        r#"{"title":"projektleder","held_by":"okf","fte":"0.5"}"#
    );
}

fn party_err(toml_party: &str) -> String {
    toml::from_str::<Party>(toml_party).unwrap_err().to_string()
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct OnlyParties {
    parties: Parties,
}

#[test]
fn invalid_data_is_an_error_naming_the_value() {
    assert!(
        party_err("id = \"ØKF\"\nname = \"x\"\nkind = \"administration\"")
            .contains("invalid party id \"ØKF\"")
    );
    assert!(
        party_err("id = \"okf\"\nname = \"\"\nkind = \"administration\"")
            .contains("name must not be empty (in okf)")
    );
    assert!(party_err("id = \"okf\"\nname = \"x\"\nkind = \"ministry\"").contains("ministry"));
    assert!(
        party_err("id = \"okf\"\nname = \"x\"\nkind = \"administration\"\nparent = \"okf\"")
            .contains("party okf cannot be its own parent")
    );
    assert!(party_err("id = \"okf\"\nname = \"x\"\nkind = \"administration\"\nidentifiers = [{ scheme = \"DK-CVR\", id = \"64942213\" }]").contains("modulus-11 check failed"));
    assert!(
        party_err("id = \"okf\"\nname = \"x\"\nkind = \"administration\"\nnavn = \"typo\"")
            .contains("navn")
    );

    let parties = r#"parties = [
        { id = "a", name = "Synthetic A", kind = "other", parent = "b" },
        { id = "b", name = "Synthetic B", kind = "other", parent = "a" },
        { id = "b", name = "Synthetic B again", kind = "other" },
        { id = "c", name = "Synthetic C", kind = "other", parent = "zz" },
    ]"#;
    let err = toml::from_str::<OnlyParties>(parties)
        .unwrap_err()
        .to_string();
    assert!(err.contains("3 problems in the party list"), "{err}");
    assert!(
        err.contains("party id b is used at positions 1 and 2"),
        "{err}"
    );
    assert!(err.contains("party c has parent zz"), "{err}");
    assert!(err.contains("parents form a cycle: a -> b -> a"), "{err}");
}

#[test]
fn invalid_governance_data_is_an_error() {
    let g = |text: &str| toml::from_str::<Governance>(text).unwrap_err().to_string();
    assert!(
        g(
            r#"bodies = [{ id = "s", kind = "steering_group", name = "S" }]
        meeting_rules = [{ body = "working_group", min_per_year = 8 }]"#
        )
        .contains(
            "a meeting rule refers to the arbejdsgruppe, but no body of that kind is defined"
        )
    );
    assert!(
        g(
            r#"bodies = [{ id = "w", kind = "working_group", name = "W" }]
        meeting_rules = [{ body = "working_group", min_per_year = 10, max_per_year = 8 }]"#
        )
        .contains("maximum 8 per year is below minimum 10")
    );
    assert!(
        g(
            r#"bodies = [{ id = "w", kind = "working_group", name = "W" }]
        posts = [{ title = "projektleder", held_by = "okf", fte = 0.5 }]"#
        )
        .contains("write it as a string")
    );
    assert!(
        g(
            r#"bodies = [{ id = "w", kind = "working_group", name = "W" }]
        posts = [{ title = "projektleder", held_by = "okf", fte = "0" }]"#
        )
        .contains("it must be more than 0")
    );
    let whole: Governance = toml::from_str(
        r#"bodies = [{ id = "w", kind = "working_group", name = "W" }]
        posts = [{ title = "projektleder", held_by = "okf", fte = 2 }]"#,
    )
    .unwrap();
    assert_eq!(whole.posts()[0].fte().unwrap().to_string(), "2");
    let m = toml::from_str::<Membership>(
        "party = \"okf\"\nbody = \"working_group\"\nrole = \"medlem\"\nfrom = \"2026-05-01\"\nto = \"2026-01-01\"",
    )
    .unwrap_err()
    .to_string();
    assert!(
        m.contains("it ends on 2026-01-01 before it starts on 2026-05-01"),
        "{m}"
    );
}

/// Dates are strings (`from = "2026-01-01"`); a native TOML date is refused with an
/// error, never misread.
#[test]
fn native_toml_dates_are_refused_with_an_error() {
    let err = toml::from_str::<Membership>(
        "party = \"okf\"\nbody = \"working_group\"\nrole = \"medlem\"\nfrom = 2026-01-01",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("date string"), "{err}");
}

#[test]
fn violations_serialise_tagged() {
    let v = RuleViolation::TooFewMeetings {
        year: Year::new(2026).unwrap(),
        body: BodyKind::WorkingGroup,
        held: 7,
        min: 8,
    };
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        r#"{"violation":"too_few_meetings","year":2026,"body":"working_group","held":7,"min":8}"#
    );
}

#[test]
fn representation_of_kinds_form() {
    let g: Governance = toml::from_str(
        r#"bodies = [{ id = "w", kind = "working_group", name = "W" }]
        representation_rules = [{ body = "working_group", requirement = { of_kinds = ["police", "housing_association"] } }]"#,
    )
    .unwrap();
    assert_eq!(
        g.representation_rules()[0].requirement(),
        &tryghed_parties::RepresentationRequirement::OfKinds(vec![
            PartyKind::Police,
            PartyKind::HousingAssociation
        ])
    );
}

#[test]
fn rules_and_posts_carry_the_agreements_words_and_the_tovholder() {
    let text = r#"
bodies = [{ id = "arbejdsgruppe", kind = "working_group", name = "Arbejdsgruppe" }]
meeting_rules = [
  { body = "working_group", min_per_year = 8, max_per_year = 10, wording = "Arbejdsgruppen mødes 8-10 gange årligt." },
]
representation_rules = [
  { body = "working_group", requirement = "all_administrations_and_partners", wording = "… væsentligt …" },
]
posts = [{ title = "projektleder", held_by = "okf", leads = "working_group", wording = "… tovholder …" }]
"#;
    let governance: Governance = toml::from_str(text).unwrap();
    assert_eq!(
        governance.meeting_rules()[0].wording(),
        Some("Arbejdsgruppen mødes 8-10 gange årligt.")
    );
    assert_eq!(
        governance.representation_rules()[0].wording(),
        Some("… væsentligt …")
    );
    let post = &governance.posts()[0];
    assert_eq!(post.leads(), Some(BodyKind::WorkingGroup));
    assert_eq!(post.wording(), Some("… tovholder …"));
    let json = serde_json::to_string(&governance).unwrap();
    let back: Governance = serde_json::from_str(&json).unwrap();
    assert_eq!(back, governance);
    // A blank wording is refused like any blank text.
    let blank = text.replace("\"… tovholder …\"", "\" \"");
    assert!(toml::from_str::<Governance>(&blank).is_err());
}
