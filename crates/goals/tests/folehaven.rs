//! Evaluation of the Folehaven goals (fixture mirroring the agreement) with the agreement's
//! 2025 figures and synthetic later figures.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use rust_decimal::Decimal;
use tryghed_goals::Year;
use tryghed_goals::{
    AreaId, Baseline, EvalOptions, Goal, GoalEvaluation, Observation, Observations, Share,
    Significance, Status, Target, evaluate,
};

#[derive(Debug, serde::Deserialize, serde::Serialize)]
struct Fixture {
    goals: Vec<Goal>,
}

const GOALS: &str = include_str!("fixtures/folehaven-goals.toml");
const AGREEMENT_2025: &str = include_str!("fixtures/agreement-2025.csv");
const SYNTHETIC_2026: &str = include_str!("fixtures/synthetic-2026.csv");

fn goals() -> Vec<Goal> {
    toml::from_str::<Fixture>(GOALS).unwrap().goals
}

/// The goals after the (here synthetic) amendment that fixes the 2025 crime baselines: the
/// partnership area's own 2025 observations.
fn goals_with_crime_baselines() -> Vec<Goal> {
    let text = GOALS.replace(
        "baseline = { pending = \"Baseline for 2025 fastlægges ved den første afrapportering til Økonomiudvalget i 2026\" }",
        "baseline = { year = 2025 }",
    );
    toml::from_str::<Fixture>(&text).unwrap().goals
}

fn observations(files: &[&str]) -> Observations {
    let mut all = Observations::new();
    for f in files {
        all.merge(Observations::from_csv_str(f).unwrap()).unwrap();
    }
    all
}

fn eval(goal: &Goal, obs: &Observations, year: i32) -> GoalEvaluation {
    evaluate(goal, obs, Year::new(year).unwrap(), &EvalOptions::default())
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn fixture_has_the_three_goals() {
    let g = goals();
    let ids: Vec<&str> = g.iter().map(|g| g.id().as_str()).collect();
    assert_eq!(ids, ["tryghed", "kriminalitet", "samarbejde"]);
    assert_eq!(g[0].indicators().len(), 2);
    assert_eq!(g[1].indicators().len(), 8);
    assert_eq!(
        g[1].indicators()
            .iter()
            .filter(|i| i.is_monitor_only())
            .count(),
        4
    );
    assert!(matches!(
        g[1].indicators()[0].baseline(),
        Some(Baseline::Pending { .. })
    ));
    assert_eq!(
        g[2].indicators()[0].targets(),
        [Target::ShareAtLeast {
            minimum: Share::new(3, 4).unwrap()
        }]
    );
}

#[test]
fn toml_round_trip_is_lossless() {
    let fixture = Fixture { goals: goals() };
    let text = toml::to_string(&fixture).unwrap();
    let back: Fixture = toml::from_str(&text).unwrap();
    assert_eq!(back.goals, fixture.goals);
    let json = serde_json::to_string(&fixture.goals).unwrap();
    let back: Vec<Goal> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, fixture.goals);
}

#[test]
fn invalid_definitions_are_rejected_on_the_way_in() {
    let bad = GOALS.replacen(
        "direction = \"higher_is_better\"",
        "direction = \"lower_is_better\"",
        1,
    );
    let e = toml::from_str::<Fixture>(&bad).unwrap_err().to_string();
    assert!(e.contains("increase_every_year"), "{e}");
    let bad = GOALS.replace(
        "numerator = 3, denominator = 4",
        "numerator = 5, denominator = 4",
    );
    assert!(toml::from_str::<Fixture>(&bad).is_err());
    let bad = GOALS.replace("{ kind = \"monitor_only\" }", "{ kind = \"watch\" }");
    assert!(toml::from_str::<Fixture>(&bad).is_err());
    let bad = GOALS.replacen(
        "baseline = { year = 2025 }",
        "baseline = { year = 2025, value = \"77\" }",
        1,
    );
    let e = toml::from_str::<Fixture>(&bad).unwrap_err().to_string();
    assert!(e.contains("77%"), "{e}");
}

#[test]
fn year_2025_survey_goal_pending_with_values_comparisons_and_gap() {
    let obs = observations(&[AGREEMENT_2025]);
    let g = goals();
    let e = eval(&g[0], &obs, 2025);
    assert!(e.status().is_pending(), "{}", e.explanation());
    let n = &e.indicators()[0];
    assert_eq!(n.value(), Some(d("0.77")));
    assert_eq!(n.respondents(), None);
    assert_eq!(n.interval(), None);
    let cmp: Vec<(&str, Decimal)> = n
        .comparisons()
        .iter()
        .map(|c| (c.area().as_str(), c.value()))
        .collect();
    assert_eq!(cmp, [("kobenhavn", d("0.88")), ("valby", d("0.88"))]);
    let approach = &n.targets()[1];
    assert_eq!(approach.gap(), Some(d("0.11")));
    assert!(
        approach.explanation().contains("11,0 procentpoint"),
        "{}",
        approach.explanation()
    );
    assert!(n.explanation().contains("antal respondenter ukendt"));
    // 2025 is the baseline year: nothing to judge yet, and the verdict says why.
    assert!(
        n.verdict().starts_with("Afventer: 2025 er basisåret"),
        "{}",
        n.verdict()
    );
    let night = &e.indicators()[1];
    assert_eq!(night.targets()[1].gap(), Some(d("0.10")));
}

#[test]
fn year_2025_crime_goal_pending_its_baseline_and_collaboration_pending_data() {
    let obs = observations(&[AGREEMENT_2025]);
    let g = goals();
    let crime = eval(&g[1], &obs, 2025);
    assert!(crime.status().is_pending());
    let collab = eval(&g[2], &obs, 2025);
    assert!(collab.status().is_pending());
    // Even with 2026 counts, a pending baseline is pending, never met.
    let obs = observations(&[AGREEMENT_2025, SYNTHETIC_2026]);
    let crime = eval(&g[1], &obs, 2026);
    for i in crime.indicators().iter().take(4) {
        match i.status() {
            Status::Pending { reason } => assert!(reason.contains("afventer"), "{reason}"),
            s => panic!("{s}"),
        }
    }
    assert!(crime.status().is_pending());
}

#[test]
fn year_2026_synthetic_statuses() {
    let obs = observations(&[AGREEMENT_2025, SYNTHETIC_2026]);
    let g = goals_with_crime_baselines();

    let tryghed = eval(&g[0], &obs, 2026);
    let n = &tryghed.indicators()[0];
    // 77 % → 80 %: a rise, and the gap to København narrowed from 11 to 8 points.
    assert_eq!(*n.targets()[0].status(), Status::Met);
    assert_eq!(*n.targets()[1].status(), Status::OnTrack);
    assert_eq!(n.targets()[1].gap(), Some(d("0.08")));
    assert_eq!(
        n.targets()[1].baseline_gap().map(|g| (g.year(), g.gap())),
        Some((Year::new(2025).unwrap(), d("0.11")))
    );
    // The straight line is only a guide: it asks 79,75 % in 2026, and decides nothing.
    assert_eq!(n.targets()[1].guide(), Some(d("0.7975")));
    assert_eq!(*n.status(), Status::OnTrack);
    assert!(n.interval().unwrap().contains(0.80));
    // 2025 has no n: no test possible, and the verdict says so and why.
    assert!(matches!(
        n.change().unwrap().significance(),
        Significance::NotComputable { .. }
    ));
    assert!(
        n.verdict()
            .contains("signifikans ukendt: antallet af besvarelser for 2025 kendes ikke"),
        "{}",
        n.verdict()
    );
    // 70 % → 71 % and the gap 10 → 9 points: both conditions hold. The straight line
    // (72,5 %) would have said "ikke på rette vej"; the agreement's words do not.
    let night = &tryghed.indicators()[1];
    assert_eq!(*night.targets()[0].status(), Status::Met);
    assert_eq!(*night.targets()[1].status(), Status::OnTrack);
    assert_eq!(night.targets()[1].guide(), Some(d("0.725")));
    assert_eq!(*tryghed.status(), Status::OnTrack);
    assert_eq!(
        night.verdict(),
        "På rette vej: andelen steg fra 70 % til 71 % (+1,0 procentpoint; signifikans ukendt: \
         antallet af besvarelser for 2025 kendes ikke, og uden det kan ændringen ikke testes), og \
         afstanden til København blev mindre: 9,0 procentpoint mod 10,0 procentpoint i 2025."
    );

    let crime = eval(&g[1], &obs, 2026);
    let st: Vec<&Status> = crime
        .indicators()
        .iter()
        .map(tryghed_goals::IndicatorEvaluation::status)
        .collect();
    // rate 100 → 96,15; indbrud 14 → 16; tyveri 40 → 38; vold 20 → 20 (held).
    assert_eq!(st[0], &Status::Met);
    assert_eq!(crime.indicators()[0].baseline(), Some(d("100")));
    assert_eq!(st[1], &Status::NotMet);
    assert_eq!(st[2], &Status::Met);
    assert_eq!(st[3], &Status::Met);
    assert_eq!(
        st[4],
        &Status::Pending {
            reason: "ingen måling for partnerskabsområdet i 2026".into()
        }
    );
    assert_eq!(st[5], &Status::Monitored);
    // Monitored indicators do not affect the goal; indbrud does.
    assert_eq!(*crime.status(), Status::NotMet);

    let collab = eval(&g[2], &obs, 2026);
    assert_eq!(*collab.status(), Status::Met);
    assert!(collab.indicators()[0].explanation().contains("12 af 15"));
    assert_eq!(
        collab.indicators()[0].verdict(),
        "Opfyldt: 12 af 15 (80 %) mod mindst 75 %."
    );
}

#[test]
fn significance_is_reported_when_both_years_have_respondents() {
    let mut obs = observations(&[AGREEMENT_2025, SYNTHETIC_2026]);
    let id = "tryg-i-nabolaget".parse().unwrap();
    let a = AreaId::partnership();
    // synthetic 2027: 83 % of 380 (from 80 % of 380: z ≈ 1.07, not significant)
    obs.insert(
        Observation::share(
            id,
            a,
            Year::new(2027).unwrap(),
            Share::new(83, 100).unwrap(),
            Some(380),
        )
        .unwrap(),
    )
    .unwrap();
    let g = goals();
    let e = eval(&g[0], &obs, 2027);
    let n = &e.indicators()[0];
    assert_eq!(*n.targets()[0].status(), Status::Met);
    assert!(matches!(
        n.change().unwrap().significance(),
        Significance::NotSignificant { .. }
    ));
    assert!(
        n.targets()[0]
            .explanation()
            .contains("ikke statistisk signifikant")
    );
    let strict = evaluate(
        &g[0],
        &obs,
        Year::new(2027).unwrap(),
        &EvalOptions::default().require_significant_rise(true),
    );
    assert_eq!(
        *strict.indicators()[0].targets()[0].status(),
        Status::NotMet
    );
}

#[test]
fn evaluation_serialises_to_json() {
    let obs = observations(&[AGREEMENT_2025, SYNTHETIC_2026]);
    let e = eval(&goals()[0], &obs, 2026);
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["status"]["status"], "on_track");
    assert_eq!(v["indicators"][1]["targets"][1]["guide"], "0.7250");
    assert_eq!(v["indicators"][0]["value"], "0.80");
}
