//! Property tests: CVR and slug validation against independent formulas, membership
//! activity against a day-by-day count, and the meeting-cadence check against a naive count.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use tryghed_parties::Year;
use tryghed_parties::{
    Body, BodyId, BodyKind, Cvr, Governance, Meeting, MeetingRule, Membership, Parties, PartyId,
    RuleViolation,
};

/// The modulus-11 rule computed arithmetically from the number, not from its text.
fn cvr_rule(n: u32) -> bool {
    let weights = [2, 7, 6, 5, 4, 3, 2, 1];
    let mut sum = 0;
    for (i, w) in weights.iter().enumerate() {
        let digit = n / 10_u32.pow(7 - u32::try_from(i).unwrap()) % 10;
        sum += w * digit;
    }
    (10_000_000..=99_999_999).contains(&n) && sum % 11 == 0
}

fn slug_rule(s: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first != '-' && first != '_' && ok_char(first) => {}
        _ => return false,
    }
    s.chars().count() <= 64 && chars.all(ok_char)
}

const BODIES: [BodyKind; 3] = [
    BodyKind::SteeringGroup,
    BodyKind::WorkingGroup,
    BodyKind::Secretariat,
];

fn meeting_strategy() -> impl Strategy<Value = Meeting> {
    (0..3_usize, 2025..=2027_i32, 1..=365_u32).prop_map(|(body, year, day)| {
        Meeting::new(BODIES[body], NaiveDate::from_yo_opt(year, day).unwrap())
    })
}

fn rule_strategy() -> impl Strategy<Value = MeetingRule> {
    (0..3_usize, 0..14_u32, proptest::option::of(0..6_u32)).prop_map(|(body, min, extra)| {
        MeetingRule::new(BODIES[body], min, extra.map(|e| min + e)).unwrap()
    })
}

fn all_bodies() -> Governance {
    Governance::new(
        BODIES
            .iter()
            .map(|&kind| {
                Body::new(
                    BodyId::new(kind.label_da()).unwrap(),
                    kind,
                    "Synthetic body",
                )
                .unwrap()
            })
            .collect(),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn cvr_accepts_exactly_the_mod11_numbers(n in 0..=99_999_999_u32) {
        let text = format!("{n:08}");
        let expected = cvr_rule(n);
        let parsed = Cvr::new(&text);
        prop_assert_eq!(parsed.is_ok(), expected, "{}", text);
        prop_assert_eq!(Cvr::from_u32(n).is_ok(), expected);
        if let Ok(cvr) = parsed {
            prop_assert_eq!(cvr.get(), n);
            prop_assert_eq!(cvr.to_string(), text);
        }
    }

    #[test]
    fn cvr_accepts_exactly_the_mod11_numbers_among_valid_leading_digits(n in 10_000_000..=99_999_999_u32) {
        // Half the cases above start with 0 … 9; this keeps all 1000 on 8-digit numbers,
        // of which about one in eleven passes the check.
        prop_assert_eq!(Cvr::new(&n.to_string()).is_ok(), cvr_rule(n));
    }

    #[test]
    fn cvr_never_panics_on_any_text(s in any::<String>(), digits in "[0-9 x]{0,10}") {
        let _ = Cvr::new(&s);
        let _ = s.parse::<Cvr>();
        prop_assert_eq!(Cvr::new(&digits).is_ok(),
            digits.len() == 8 && digits.parse::<u32>().is_ok_and(cvr_rule));
    }

    #[test]
    fn slug_rule_matches(s in "[a-z0-9\\-A-Zø _]{0,68}", any_text in any::<String>()) {
        prop_assert_eq!(PartyId::new(&s).is_ok(), slug_rule(&s), "{:?}", s);
        prop_assert_eq!(PartyId::new(&any_text).is_ok(), slug_rule(&any_text));
        if let Ok(id) = PartyId::new(&s) {
            prop_assert_eq!(id.to_string().parse::<PartyId>().unwrap(), id);
        }
    }

    #[test]
    fn active_in_year_means_active_on_some_day(
        from in proptest::option::of(0..1500_u32),
        len in proptest::option::of(0..800_u32),
        open_start in any::<bool>(),
        year in 2024..=2030_i32,
    ) {
        let base = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let from_date = from.map(|d| base + chrono::Days::new(u64::from(d)));
        let to_date = match (from_date, len) {
            (Some(f), Some(l)) => Some(f + chrono::Days::new(u64::from(l))),
            (None, Some(l)) => Some(base + chrono::Days::new(u64::from(l))),
            (_, None) => None,
        };
        let from_date = if open_start { None } else { from_date };
        let m = Membership::new(PartyId::new("okf").unwrap(), BodyKind::WorkingGroup, "medlem")
            .unwrap()
            .with_period(from_date, to_date)
            .unwrap();
        let days = NaiveDate::from_ymd_opt(year, 1, 1).unwrap().iter_days()
            .take_while(|d| d.year() == year);
        let brute = days.into_iter().any(|d| m.active_on(d));
        prop_assert_eq!(m.active_in_year(Year::new(year).unwrap()), brute);
    }

    #[test]
    fn cadence_check_agrees_with_a_naive_count(
        meetings in proptest::collection::vec(meeting_strategy(), 0..60),
        rules in proptest::collection::vec(rule_strategy(), 0..4),
        year in 2024..=2028_i32,
    ) {
        let mut governance = all_bodies();
        for rule in &rules {
            governance = governance.with_meeting_rule(rule.clone()).unwrap();
        }
        let found = governance.check(&Parties::default(), &[], &meetings, Year::new(year).unwrap());

        let mut expected = Vec::new();
        for rule in &rules {
            let mut held = 0_usize;
            for m in &meetings {
                if m.body() == rule.body() && m.date().year() == year {
                    held += 1;
                }
            }
            if held < rule.min_per_year() as usize {
                expected.push(RuleViolation::TooFewMeetings {
                    year: Year::new(year).unwrap(), body: rule.body(), held, min: rule.min_per_year(),
                });
            }
            if let Some(max) = rule.max_per_year()
                && held > max as usize
            {
                expected.push(RuleViolation::TooManyMeetings { year: Year::new(year).unwrap(), body: rule.body(), held, max });
            }
        }
        prop_assert_eq!(found, expected);
    }
}
