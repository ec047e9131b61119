//! Reading back what this crate serialises: every value goes through the same checks as its
//! constructor, derived facts are recomputed and a value that disagrees is refused.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use tryghed_agreement::{Agreement, Evaluation, PlanCount, Year};
use tryghed_goals::Observations;

fn year(y: i32) -> Year {
    Year::new(y).unwrap()
}

/// A JSON round trip: the value written and read back is equal.
fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(&back, value);
    back
}

/// Refused as data (not as malformed JSON), with the reason in the message.
fn refused<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    json: &serde_json::Value,
    reason: &str,
) {
    let err = serde_json::from_value::<T>(json.clone()).unwrap_err();
    assert!(err.to_string().contains(reason), "{reason:?} not in {err}");
    let err = serde_json::from_str::<T>(&json.to_string()).unwrap_err();
    assert_eq!(err.classify(), serde_json::error::Category::Data, "{err}");
}

/// Synthetic figures for the survey of `y`, the crime of `y − 1` and the plan of `y`.
fn synthetic(y: i32, night: u32, burglaries: u64) -> Observations {
    Observations::from_csv_str(&format!(
        "indicator,area,year,value,respondents\n\
         tryg-aften-nat,omraade,{y},{night}%,380\n\
         tryg-aften-nat,kobenhavn,{y},80%,3600\n\
         indbrud,omraade,{},{burglaries},\n",
        y - 1
    ))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn an_evaluation_reads_back_equal(
        y in 2026_i32..=2029,
        night in 40_u32..=95,
        burglaries in 0_u64..200,
        plan in proptest::option::of((0_u64..8, 0_u64..8)),
    ) {
        let agreement = Agreement::folehaven();
        let plan = plan.map(|(a, b)| PlanCount::new(year(y), a.min(b), a.max(b), "synthetic").unwrap());
        let evaluation = agreement
            .evaluate(year(y), &synthetic(y, night, burglaries), plan.as_ref())
            .unwrap();
        let back = round_trip(&evaluation);
        prop_assert_eq!(back.observations(), evaluation.observations());
        if let Some(plan) = &plan {
            round_trip(plan);
        }
    }
}

#[test]
fn an_evaluation_that_contradicts_itself_is_refused() {
    let agreement = Agreement::folehaven();
    let plan = PlanCount::new(year(2026), 4, 5, "tryghedsplan-2026.toml (synthetic)").unwrap();
    let evaluation = agreement
        .evaluate(year(2026), &synthetic(2026, 71, 14), Some(&plan))
        .unwrap();
    let json = serde_json::to_value(&evaluation).unwrap();
    assert!(
        json["observations"]
            .as_array()
            .is_some_and(|o| o.len() >= 3)
    );

    let with = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = json.clone();
        edit(&mut v);
        v
    };
    refused::<Evaluation>(
        &with(&|v| v["crime_year"] = 2024.into()),
        "crime_year is 2024",
    );
    refused::<Evaluation>(
        &with(&|v| v["plan_year"] = 2027.into()),
        "plan_year is 2027",
    );
    refused::<Evaluation>(&with(&|v| v["survey_year"] = 2027.into()), "crime_year");
    refused::<Evaluation>(
        &with(&|v| v["goals"][0]["year"] = 2020.into()),
        "goals[0].year",
    );
    refused::<Evaluation>(
        &with(&|v| v["goals"][0]["indicators"][0]["year"] = 2025.into()),
        "goals[0].indicators[0].year",
    );
    refused::<Evaluation>(
        &with(&|v| {
            let first = v["goals"][0].clone();
            v["goals"].as_array_mut().unwrap().push(first);
        }),
        "evaluated twice",
    );
    refused::<Evaluation>(
        &with(&|v| {
            let first = v["observations"][0].clone();
            v["observations"].as_array_mut().unwrap().push(first);
        }),
        "duplicate",
    );
    refused::<Evaluation>(
        &with(&|v| v["notes"] = serde_json::json!([" "])),
        "notes[0] is empty",
    );
    refused::<Evaluation>(&with(&|v| v["verdict"] = "opfyldt".into()), "unknown field");
    // The goals' own checks apply inside: a survey year no Year holds.
    refused::<Evaluation>(&with(&|v| v["survey_year"] = 1850.into()), "1850");
}

#[test]
fn a_plan_count_reads_back_through_its_constructor() {
    let plan = PlanCount::new(year(2026), 4, 5, "tryghedsplan-2026.toml").unwrap();
    round_trip(&plan);
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["multi_partner"], 4);
    let mut bad = json.clone();
    bad["multi_partner"] = 6.into();
    refused::<PlanCount>(&bad, "6 activities with two or more partners of only 5");
    let mut bad = json;
    bad["year"] = 3000.into();
    refused::<PlanCount>(&bad, "3000");
}
