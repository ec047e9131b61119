//! The agreement's goals, its 2025 figures and amendments that set baselines.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use tryghed_agreement::Year;
use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
use tryghed_goals::{
    AreaId, Baseline, EvalOptions, IndicatorId, ObservedValue, Share, Status, evaluate,
};

fn id(s: &str) -> IndicatorId {
    s.parse().unwrap()
}

#[test]
fn the_three_goals_and_the_2025_survey_figures_are_embedded() {
    let agreement = Agreement::folehaven();
    let goals: Vec<&str> = agreement.goals().iter().map(|g| g.id().as_str()).collect();
    assert_eq!(goals, ["tryghed", "kriminalitet", "samarbejde"]);
    let obs = agreement.observations();
    assert_eq!(obs.len(), 6);
    let share = |indicator: &str, area: AreaId| match obs
        .get(&id(indicator), &area, Year::new(2025).unwrap())
        .unwrap()
        .value()
    {
        ObservedValue::Share(share) => share,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        share("tryg-i-nabolaget", AreaId::partnership()),
        Share::new(77, 100).unwrap()
    );
    assert_eq!(
        share("tryg-i-nabolaget", AreaId::valby()),
        Share::new(88, 100).unwrap()
    );
    assert_eq!(
        share("tryg-i-nabolaget", AreaId::copenhagen()),
        Share::new(88, 100).unwrap()
    );
    assert_eq!(
        share("tryg-aften-nat", AreaId::partnership()),
        Share::new(70, 100).unwrap()
    );
    assert_eq!(
        share("tryg-aften-nat", AreaId::valby()),
        Share::new(81, 100).unwrap()
    );
    assert_eq!(
        share("tryg-aften-nat", AreaId::copenhagen()),
        Share::new(80, 100).unwrap()
    );
}

#[test]
fn the_crime_baselines_are_pending_until_an_amendment_sets_them() {
    let agreement = Agreement::folehaven();
    let (_, indbrud) = agreement.indicator(&id("indbrud")).unwrap();
    assert!(matches!(indbrud.baseline(), Some(Baseline::Pending { .. })));
    let crime = &agreement.goals()[1];
    let result = evaluate(
        crime,
        agreement.observations(),
        Year::new(2025).unwrap(),
        &EvalOptions::default(),
    );
    assert!(
        matches!(result.status(), Status::Pending { .. }),
        "{result:?}"
    );

    let text = format!(
        "{FOLEHAVEN_TOML}\n[[amendments]]\ndate = 2026-06-15\ntitle = \"synthetic baseline amendment\"\nbaselines = [{{ indicator = \"indbrud\", baseline = {{ year = 2025, value = 40 }} }}]\nobservations = [{{ indicator = \"indbrud\", area = \"omraade\", year = 2025, value = 40 }}]\n"
    );
    let amended = Agreement::from_toml_str(&text).unwrap();
    let (_, indbrud) = amended.indicator(&id("indbrud")).unwrap();
    assert!(
        matches!(indbrud.baseline(), Some(Baseline::Set { year, .. }) if year.get() == 2025),
        "{indbrud:?}"
    );
    assert_eq!(amended.amendments()[0].baselines().len(), 1);
    assert_eq!(amended.observations().len(), 7);
}

#[test]
fn an_observation_of_an_unknown_indicator_is_an_error_with_its_line() {
    let text = FOLEHAVEN_TOML.replacen(
        "indicator = \"tryg-aften-nat\"\narea = \"valby\"",
        "indicator = \"tryg-om-natten\"\narea = \"valby\"",
        1,
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("observations[4].indicator: unknown indicator \"tryg-om-natten\""),
        "{message}"
    );
}

#[test]
fn a_duplicate_observation_is_an_error() {
    let text = format!(
        "{FOLEHAVEN_TOML}\n[[observations]]\nindicator = \"tryg-i-nabolaget\"\narea = \"omraade\"\nyear = 2025\nvalue = \"78%\"\n"
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    assert!(error.to_string().contains("observations[6]"), "{error}");
}

#[test]
fn an_unknown_crime_category_is_an_error() {
    let text = FOLEHAVEN_TOML.replace(
        "dimension = { crime_category = \"indbrud\" }",
        "dimension = { crime_category = \"indbrud-i-kolonihaver\" }",
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("unknown crime category \"indbrud-i-kolonihaver\""),
        "{error}"
    );
}

#[test]
fn an_amendment_for_an_unknown_indicator_is_an_error() {
    let text = format!(
        "{FOLEHAVEN_TOML}\n[[amendments]]\ndate = 2026-06-15\ntitle = \"synthetic\"\nbaselines = [{{ indicator = \"lommetyveri\", baseline = {{ year = 2025, value = 3 }} }}]\n"
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("amendments[0].baselines[0]: unknown indicator \"lommetyveri\""),
        "{error}"
    );
}
