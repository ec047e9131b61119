use super::*;

fn id(s: &str) -> PartyId {
    PartyId::new(s).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Synthetic parties shaped like a partnership: a municipality, two forvaltninger,
/// a unit inside one of them, police and a housing association.
fn synthetic_parties() -> Parties {
    let kk = Party::new(id("kk"), "Synthetic Kommune", PartyKind::Municipality).unwrap();
    let child = |s: &str, parent: &str, kind| {
        Party::new(id(s), &format!("Synthetic {s}"), kind)
            .unwrap()
            .with_parent(id(parent))
            .unwrap()
    };
    Parties::new(vec![
        kk,
        child("okf", "kk", PartyKind::Administration),
        child("sof", "kk", PartyKind::Administration),
        child("ssp", "sof", PartyKind::Unit),
        Party::new(id("politi"), "Synthetic Politi", PartyKind::Police).unwrap(),
        Party::new(
            id("3b"),
            "Synthetic Boligforening",
            PartyKind::HousingAssociation,
        )
        .unwrap(),
    ])
    .unwrap()
}

fn governance() -> Governance {
    Governance::new(vec![
        Body::new(
            BodyId::new("styregruppe").unwrap(),
            BodyKind::SteeringGroup,
            "Styregruppe",
        )
        .unwrap(),
        Body::new(
            BodyId::new("arbejdsgruppe").unwrap(),
            BodyKind::WorkingGroup,
            "Arbejdsgruppe",
        )
        .unwrap(),
    ])
    .unwrap()
    .with_meeting_rule(MeetingRule::new(BodyKind::SteeringGroup, 1, None).unwrap())
    .unwrap()
    .with_meeting_rule(MeetingRule::new(BodyKind::WorkingGroup, 8, Some(10)).unwrap())
    .unwrap()
    .with_representation_rule(RepresentationRule::new(
        BodyKind::SteeringGroup,
        RepresentationRequirement::EveryParty,
    ))
    .unwrap()
    .with_representation_rule(RepresentationRule::new(
        BodyKind::WorkingGroup,
        RepresentationRequirement::AllAdministrationsAndPartners,
    ))
    .unwrap()
    .with_post(
        Post::new("projektleder", id("okf"))
            .unwrap()
            .with_fte("0.5".parse().unwrap()),
    )
}

fn seat(party: &str, body: BodyKind) -> Membership {
    Membership::new(id(party), body, "medlem").unwrap()
}

fn full_roster() -> Vec<Membership> {
    let mut roster = Vec::new();
    for body in [BodyKind::SteeringGroup, BodyKind::WorkingGroup] {
        for party in ["okf", "sof", "politi", "3b"] {
            roster.push(seat(party, body));
        }
    }
    roster
}

fn meetings(body: BodyKind, year: i32, n: u32) -> Vec<Meeting> {
    (0..n)
        .map(|i| Meeting::new(body, date(year, 1 + i % 12, 1 + i / 12)))
        .collect()
}

#[test]
fn a_year_that_keeps_every_rule_has_no_violations() {
    let mut all = meetings(BodyKind::WorkingGroup, 2026, 9);
    all.extend(meetings(BodyKind::SteeringGroup, 2026, 1));
    let found = governance().check(
        &synthetic_parties(),
        &full_roster(),
        &all,
        Year::new(2026).unwrap(),
    );
    assert_eq!(found, []);
}

#[test]
fn every_broken_rule_is_reported() {
    // Police missing from the styregruppe, 3b from both; 7 working-group meetings,
    // no steering-group meeting.
    let roster: Vec<_> = full_roster()
        .into_iter()
        .filter(|m| {
            m.party() != "3b" && !(m.party() == "politi" && m.body() == BodyKind::SteeringGroup)
        })
        .collect();
    let all = meetings(BodyKind::WorkingGroup, 2026, 7);
    let found = governance().check(
        &synthetic_parties(),
        &roster,
        &all,
        Year::new(2026).unwrap(),
    );
    assert_eq!(
        found,
        vec![
            RuleViolation::NotRepresented {
                year: Year::new(2026).unwrap(),
                body: BodyKind::SteeringGroup,
                party: id("politi")
            },
            RuleViolation::NotRepresented {
                year: Year::new(2026).unwrap(),
                body: BodyKind::SteeringGroup,
                party: id("3b")
            },
            RuleViolation::NotRepresented {
                year: Year::new(2026).unwrap(),
                body: BodyKind::WorkingGroup,
                party: id("3b")
            },
            RuleViolation::TooFewMeetings {
                year: Year::new(2026).unwrap(),
                body: BodyKind::SteeringGroup,
                held: 0,
                min: 1
            },
            RuleViolation::TooFewMeetings {
                year: Year::new(2026).unwrap(),
                body: BodyKind::WorkingGroup,
                held: 7,
                min: 8
            },
        ]
    );
}

#[test]
fn too_many_meetings_and_other_years_ignored() {
    let mut all = meetings(BodyKind::WorkingGroup, 2026, 11);
    all.extend(meetings(BodyKind::WorkingGroup, 2025, 12));
    all.extend(meetings(BodyKind::SteeringGroup, 2027, 1));
    let found = governance().check(
        &synthetic_parties(),
        &full_roster(),
        &all,
        Year::new(2026).unwrap(),
    );
    assert_eq!(
        found,
        vec![
            RuleViolation::TooFewMeetings {
                year: Year::new(2026).unwrap(),
                body: BodyKind::SteeringGroup,
                held: 0,
                min: 1
            },
            RuleViolation::TooManyMeetings {
                year: Year::new(2026).unwrap(),
                body: BodyKind::WorkingGroup,
                held: 11,
                max: 10
            },
        ]
    );
}

#[test]
fn unit_seat_counts_for_its_parent_and_on_behalf_of_counts() {
    let mut roster: Vec<_> = full_roster()
        .into_iter()
        .filter(|m| m.party() != "sof" && m.party() != "politi")
        .collect();
    // SSP sits in both bodies itself; counts for SOF through the parent chain.
    roster.push(seat("ssp", BodyKind::SteeringGroup));
    roster.push(seat("ssp", BodyKind::WorkingGroup));
    // An ØKF employee sits for the police (synthetic arrangement).
    for body in [BodyKind::SteeringGroup, BodyKind::WorkingGroup] {
        roster.push(seat("okf", body).on_behalf_of(id("politi")));
    }
    let mut all = meetings(BodyKind::WorkingGroup, 2026, 8);
    all.extend(meetings(BodyKind::SteeringGroup, 2026, 1));
    assert_eq!(
        governance().check(
            &synthetic_parties(),
            &roster,
            &all,
            Year::new(2026).unwrap()
        ),
        []
    );
}

#[test]
fn membership_must_be_active_in_the_year() {
    let roster: Vec<_> = full_roster()
        .into_iter()
        .map(|m| {
            if m.party() == "politi" {
                m.with_period(Some(date(2024, 1, 1)), Some(date(2025, 12, 31)))
                    .unwrap()
            } else if m.party() == "3b" {
                // Active only on the last day of the year: still counts.
                m.with_period(Some(date(2026, 12, 31)), None).unwrap()
            } else {
                m
            }
        })
        .collect();
    let mut all = meetings(BodyKind::WorkingGroup, 2026, 8);
    all.extend(meetings(BodyKind::SteeringGroup, 2026, 1));
    let found = governance().check(
        &synthetic_parties(),
        &roster,
        &all,
        Year::new(2026).unwrap(),
    );
    let missing: Vec<_> = found
        .iter()
        .map(|v| match v {
            RuleViolation::NotRepresented { party, body, .. } => (party.as_str(), *body),
            other => panic!("unexpected {other}"),
        })
        .collect();
    assert_eq!(
        missing,
        [
            ("politi", BodyKind::SteeringGroup),
            ("politi", BodyKind::WorkingGroup)
        ]
    );
}

#[test]
fn unknown_parties_and_bodies_are_reported_once() {
    let mut roster = full_roster();
    roster.push(seat("ghost", BodyKind::WorkingGroup));
    roster.push(seat("ghost", BodyKind::SteeringGroup));
    roster.push(seat("okf", BodyKind::Secretariat).on_behalf_of(id("phantom")));
    let mut all = meetings(BodyKind::WorkingGroup, 2026, 8);
    all.extend(meetings(BodyKind::SteeringGroup, 2026, 1));
    all.extend(meetings(BodyKind::Secretariat, 2026, 2));
    let g = governance().with_post(Post::new("koordinator", id("nobody")).unwrap());
    let found = g.check(
        &synthetic_parties(),
        &roster,
        &all,
        Year::new(2026).unwrap(),
    );
    let text: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(
        text,
        [
            "2026: party ghost named in a membership is not in the party list",
            "2026: party phantom named in a membership on_behalf_of is not in the party list",
            "2026: party nobody named in a post is not in the party list",
            "2026: a membership refers to the sekretariat, but no body of that kind is defined",
            "2026: a meeting refers to the sekretariat, but no body of that kind is defined",
        ]
    );
}

#[test]
fn violation_display() {
    let v = RuleViolation::TooFewMeetings {
        year: Year::new(2027).unwrap(),
        body: BodyKind::WorkingGroup,
        held: 7,
        min: 8,
    };
    assert_eq!(
        v.to_string(),
        "2027: the arbejdsgruppe met 7 times, at least 8 required"
    );
    let v = RuleViolation::TooFewMeetings {
        year: Year::new(2027).unwrap(),
        body: BodyKind::WorkingGroup,
        held: 1,
        min: 8,
    };
    assert_eq!(
        v.to_string(),
        "2027: the arbejdsgruppe met 1 time, at least 8 required"
    );
    let v = RuleViolation::TooManyMeetings {
        year: Year::new(2027).unwrap(),
        body: BodyKind::WorkingGroup,
        held: 11,
        max: 10,
    };
    assert_eq!(
        v.to_string(),
        "2027: the arbejdsgruppe met 11 times, at most 10 allowed"
    );
    let v = RuleViolation::NotRepresented {
        year: Year::new(2026).unwrap(),
        body: BodyKind::SteeringGroup,
        party: id("sab"),
    };
    assert_eq!(
        v.to_string(),
        "2026: party sab has no active representative in the styregruppe"
    );
}

#[test]
fn constructor_errors() {
    assert_eq!(
        MeetingRule::new(BodyKind::WorkingGroup, 10, Some(8))
            .unwrap_err()
            .to_string(),
        "meeting rule for the arbejdsgruppe: maximum 8 per year is below minimum 10"
    );
    assert!(MeetingRule::new(BodyKind::WorkingGroup, 8, Some(8)).is_ok());
    assert_eq!(
        seat("okf", BodyKind::WorkingGroup)
            .with_period(Some(date(2026, 5, 1)), Some(date(2026, 4, 30)))
            .unwrap_err()
            .to_string(),
        "membership of okf in the arbejdsgruppe: it ends on 2026-04-30 before it starts on 2026-05-01"
    );
    assert!(
        seat("okf", BodyKind::WorkingGroup)
            .with_period(Some(date(2026, 5, 1)), Some(date(2026, 5, 1)))
            .is_ok()
    );
    assert_eq!(
        Membership::new(id("okf"), BodyKind::WorkingGroup, "")
            .unwrap_err()
            .to_string(),
        "role must not be empty (in okf)"
    );
    assert!(matches!(
        seat("okf", BodyKind::WorkingGroup).with_person(" x"),
        Err(PartiesError::SurroundingWhitespace {
            field: "person",
            ..
        })
    ));
    let body = |s: &str, kind| Body::new(BodyId::new(s).unwrap(), kind, "Synthetic body").unwrap();
    assert_eq!(
        Governance::new(vec![
            body("gruppe", BodyKind::WorkingGroup),
            body("gruppe", BodyKind::SteeringGroup)
        ])
        .unwrap_err()
        .to_string(),
        "body id gruppe is used by more than one body"
    );
    let g = Governance::new(vec![body("gruppe", BodyKind::WorkingGroup)]).unwrap();
    assert_eq!(
        g.clone()
            .with_meeting_rule(MeetingRule::new(BodyKind::SteeringGroup, 1, None).unwrap())
            .unwrap_err()
            .to_string(),
        "a meeting rule refers to the styregruppe, but no body of that kind is defined"
    );
    assert!(matches!(
        g.with_representation_rule(RepresentationRule::new(
            BodyKind::Secretariat,
            RepresentationRequirement::EveryParty
        )),
        Err(PartiesError::RuleForMissingBody {
            rule: "representation",
            ..
        })
    ));
    assert!(matches!(
        Body::new(BodyId::new("x").unwrap(), BodyKind::Secretariat, ""),
        Err(PartiesError::Empty { field: "name", .. })
    ));
    assert!(matches!(
        Post::new("", id("okf")),
        Err(PartiesError::Empty { field: "title", .. })
    ));
}

#[test]
fn fte_rules() {
    assert_eq!("0.5".parse::<Fte>().unwrap().get(), Decimal::new(5, 1));
    assert_eq!("0,5".parse::<Fte>().unwrap().get(), Decimal::new(5, 1));
    assert_eq!("100".parse::<Fte>().unwrap().get(), Fte::MAX);
    assert_eq!(
        "0".parse::<Fte>().unwrap_err().to_string(),
        "invalid årsværk (FTE) \"0\": it must be more than 0"
    );
    assert_eq!(
        Fte::new(Decimal::new(-5, 1)).unwrap_err().to_string(),
        "invalid årsværk (FTE) \"-0.5\": it must be more than 0"
    );
    assert_eq!(
        "100.01".parse::<Fte>().unwrap_err().to_string(),
        "invalid årsværk (FTE) \"100.01\": it must be at most 100"
    );
    assert_eq!(
        "halv".parse::<Fte>().unwrap_err().to_string(),
        "invalid årsværk (FTE) \"halv\": it is not a decimal number"
    );
    assert!(matches!(
        "1.000,5".parse::<Fte>(),
        Err(PartiesError::InvalidFte { .. })
    ));
    assert_eq!(Fte::new(Decimal::new(50, 2)).unwrap().to_string(), "0.50");
}

#[test]
fn body_kind_names() {
    for kind in BodyKind::ALL {
        assert_eq!(kind.as_str().parse::<BodyKind>().unwrap(), kind);
        assert_eq!(kind.label_da().parse::<BodyKind>().unwrap(), kind);
    }
    assert_eq!(BodyKind::SteeringGroup.to_string(), "styregruppe");
    assert_eq!(
        "bestyrelse".parse::<BodyKind>().unwrap_err().to_string(),
        "unknown body kind \"bestyrelse\""
    );
}

#[test]
fn requirements_select_parties() {
    let parties = synthetic_parties();
    let selected = |r: &RepresentationRequirement| -> Vec<&str> {
        parties
            .iter()
            .filter(|p| r.requires(p))
            .map(|p| p.id().as_str())
            .collect()
    };
    assert_eq!(
        selected(&RepresentationRequirement::EveryParty),
        ["okf", "sof", "politi", "3b"]
    );
    assert_eq!(
        selected(&RepresentationRequirement::AllAdministrationsAndPartners),
        ["okf", "sof", "politi", "3b"]
    );
    assert_eq!(
        selected(&RepresentationRequirement::OfKinds(vec![PartyKind::Unit])),
        ["ssp"]
    );
}

#[test]
fn membership_activity() {
    let m = seat("okf", BodyKind::WorkingGroup)
        .with_period(Some(date(2026, 3, 1)), Some(date(2027, 2, 28)))
        .unwrap();
    assert!(!m.active_on(date(2026, 2, 28)));
    assert!(m.active_on(date(2026, 3, 1)));
    assert!(m.active_on(date(2027, 2, 28)));
    assert!(!m.active_on(date(2027, 3, 1)));
    assert!(!m.active_in_year(Year::new(2025).unwrap()));
    assert!(m.active_in_year(Year::new(2026).unwrap()));
    assert!(m.active_in_year(Year::new(2027).unwrap()));
    assert!(!m.active_in_year(Year::new(2028).unwrap()));
    let open = seat("okf", BodyKind::WorkingGroup);
    assert!(open.active_in_year(Year::MIN) && open.active_in_year(Year::MAX));
}
