//! Goal 1 as the agreement words it: "Andelen af trygge borgere … skal årligt stige og nærme
//! sig københavnerniveau i 2029". Property tests (1,000 cases each) against an independent
//! formulation in exact rational arithmetic, and of the verdict's monotonicity.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::cmp::Ordering;
use tryghed_goals::Year;

use proptest::prelude::*;
use tryghed_goals::{
    AreaId, Baseline, Dimension, Direction, EvalOptions, Goal, GoalIndicator, Indicator,
    Observation, Observations, Share, Source, Status, Target, Unit, evaluate,
};

const BASE: u16 = 2025;
const BY: u16 = 2029;

/// The library's year type for a year of this test's integer reference model.
fn yr(year: u16) -> Year {
    Year::new(i32::from(year)).unwrap()
}

fn goal() -> Goal {
    let indicator = Indicator::new(
        "tryg".parse().unwrap(),
        "synthetic tryg",
        Unit::ShareOfRespondents,
        Direction::HigherIsBetter,
        Source::Tryghedsundersoegelsen,
        Dimension::EveningNight,
    )
    .unwrap();
    let gi = GoalIndicator::new(
        indicator,
        Some(Baseline::Observed { year: yr(BASE) }),
        vec![
            Target::IncreaseEveryYear,
            Target::ApproachReference {
                reference_area: AreaId::copenhagen(),
                by_year: yr(BY),
            },
        ],
    )
    .unwrap();
    Goal::new("tryghed".parse().unwrap(), "synthetic", vec![gi]).unwrap()
}

/// A share as (numerator, denominator), with an optional number of respondents.
type Obs = (u64, u64, Option<u64>);

fn arb_share() -> impl Strategy<Value = Obs> {
    (1u64..2_000, any::<u64>(), prop::option::of(50u64..5_000))
        .prop_map(|(d, n, r)| (n % (d + 1), d, r))
}

/// One year's figures: the area's share and København's.
fn arb_year() -> impl Strategy<Value = (Obs, Obs)> {
    (arb_share(), arb_share())
}

/// Figures for every year 2025..=year, and the year (2026–2030).
fn arb_series() -> impl Strategy<Value = (u16, Vec<(Obs, Obs)>)> {
    (2026u16..=2030).prop_flat_map(|year| {
        (
            Just(year),
            prop::collection::vec(arb_year(), usize::from(year - BASE) + 1),
        )
    })
}

fn observations(series: &[(Obs, Obs)]) -> Observations {
    let mut obs = Observations::new();
    for (i, (area, kbh)) in series.iter().enumerate() {
        let year = BASE + u16::try_from(i).unwrap();
        for (place, (n, d, r)) in [(AreaId::partnership(), area), (AreaId::copenhagen(), kbh)] {
            let share = Share::new(*n, *d).unwrap();
            obs.insert(
                Observation::share("tryg".parse().unwrap(), place, yr(year), share, *r).unwrap(),
            )
            .unwrap();
        }
    }
    obs
}

fn status(series: &[(Obs, Obs)], year: u16) -> Status {
    let e = evaluate(
        &goal(),
        &observations(series),
        yr(year),
        &EvalOptions::default(),
    );
    e.indicators()[0].status().clone()
}

/// Exact rational a/b ? c/d for small denominators.
fn cmp(a: (i128, i128), b: (i128, i128)) -> Ordering {
    (a.0 * b.1).cmp(&(b.0 * a.1))
}

/// København's share minus the area's, as an exact ratio.
fn gap(area: &Obs, kbh: &Obs) -> (i128, i128) {
    let (an, ad) = (i128::from(area.0), i128::from(area.1));
    let (kn, kd) = (i128::from(kbh.0), i128::from(kbh.1));
    (kn * ad - an * kd, kd * ad)
}

fn share(o: &Obs) -> (i128, i128) {
    (i128::from(o.0), i128::from(o.1))
}

/// The rule written out independently: (a) rose from the year before; (b) before 2029 the gap
/// is smaller than the year before's and than 2025's, from 2029 smaller than 2025's; at or
/// above København counts as closer. Both must hold.
fn expected(series: &[(Obs, Obs)], year: u16) -> Status {
    let at = |y: u16| &series[usize::from(y - BASE)];
    let (cur, cur_k) = at(year);
    let (prev, prev_k) = at(year - 1);
    let (base, base_k) = at(BASE);
    let rose = cmp(share(cur), share(prev)) == Ordering::Greater;
    let reached = cmp(share(cur), share(cur_k)) != Ordering::Less;
    let g = gap(cur, cur_k);
    let closer_than = |other: (i128, i128)| reached || cmp(g, other) == Ordering::Less;
    if year >= BY {
        if rose && closer_than(gap(base, base_k)) {
            Status::Met
        } else {
            Status::NotMet
        }
    } else if !rose {
        Status::NotMet
    } else if closer_than(gap(base, base_k)) && closer_than(gap(prev, prev_k)) {
        Status::OnTrack
    } else {
        Status::OffTrack
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// With every figure present the verdict is exactly the agreement's two conditions.
    #[test]
    fn verdict_matches_the_rule_written_out((year, series) in arb_series()) {
        prop_assert_eq!(status(&series, year), expected(&series, year));
    }

    /// "Rose and narrowed" is never "ikke på rette vej" (nor "ikke opfyldt"). The current
    /// year is built to rise and narrow: the area just above last year's share, København
    /// less than the smaller earlier gap above it.
    #[test]
    fn rose_and_narrowed_is_never_off_track(
        (year, series) in arb_series(),
        up in 0i128..50,
        slack in 0i128..50,
    ) {
        let mut series = series;
        let i = usize::from(year - BASE);
        let (prev, prev_k) = series[i - 1];
        let (base, base_k) = series[0];
        // Just above last year's share, in thousandths.
        let n = i128::from(prev.0) * 1000 / i128::from(prev.1) + 1 + up;
        prop_assume!(n <= 1000);
        // The smaller of last year's and the baseline year's gaps, p/q.
        let (gp, gb) = (gap(&prev, &prev_k), gap(&base, &base_k));
        let (p, q) = if cmp(gp, gb) == Ordering::Less { gp } else { gb };
        // The largest j with j/1000 < p/q, less some slack.
        let j = (p * 1000).div_euclid(q) - i128::from((p * 1000).rem_euclid(q) == 0) - slack;
        let k = (n + j).clamp(0, 1000);
        series[i].0 = (u64::try_from(n).unwrap(), 1000, series[i].0.2);
        series[i].1 = (u64::try_from(k).unwrap(), 1000, series[i].1.2);
        let (cur, cur_k) = series[i];
        let rose = cmp(share(&cur), share(&prev)) == Ordering::Greater;
        let g = gap(&cur, &cur_k);
        let narrowed = cmp(g, gp) == Ordering::Less && cmp(g, gb) == Ordering::Less;
        prop_assume!(rose && narrowed);
        let s = status(&series, year);
        prop_assert!(matches!(s, Status::OnTrack | Status::Met), "{s}");
    }

    /// A higher share this year never gives a worse verdict, with or without figures missing.
    #[test]
    fn a_higher_share_never_worsens(
        (year, series) in arb_series(),
        rise in 1u64..2_000,
        drop_year in prop::option::of(2025u16..2030),
    ) {
        let i = usize::from(year - BASE);
        let (n, d, r) = series[i].0;
        prop_assume!(n < d);
        let higher = (n + rise.min(d - n), d, r);
        let mut better = series.clone();
        better[i].0 = higher;
        let (a, b) = match drop_year.filter(|&y| y < year) {
            Some(y) => {
                // The same figure missing in both: the area's share of an earlier year.
                let oa = without(&observations(&series), y);
                let ob = without(&observations(&better), y);
                let g = goal();
                let opts = EvalOptions::default();
                (
                    evaluate(&g, &oa, yr(year), &opts).indicators()[0].status().clone(),
                    evaluate(&g, &ob, yr(year), &opts).indicators()[0].status().clone(),
                )
            }
            None => (status(&series, year), status(&better, year)),
        };
        prop_assert!(!b.is_worse_than(&a), "{a} → {b}");
    }

    /// A smaller gap (København lower this year) never gives a worse verdict.
    #[test]
    fn a_smaller_gap_never_worsens((year, series) in arb_series(), fall in 1u64..2_000) {
        let i = usize::from(year - BASE);
        let (n, d, r) = series[i].1;
        prop_assume!(n > 0);
        let mut closer = series.clone();
        closer[i].1 = (n - fall.min(n), d, r);
        let (a, b) = (status(&series, year), status(&closer, year));
        prop_assert!(!b.is_worse_than(&a), "{a} → {b}");
    }

    /// Significance informs but does not decide: the numbers of respondents never change the
    /// verdict under the default options.
    #[test]
    fn respondents_do_not_decide((year, series) in arb_series()) {
        let without_n: Vec<(Obs, Obs)> = series
            .iter()
            .map(|&((an, ad, _), (kn, kd, _))| ((an, ad, None), (kn, kd, None)))
            .collect();
        prop_assert_eq!(status(&series, year), status(&without_n, year));
    }
}

/// The observations without the area's figure of `year`.
fn without(obs: &Observations, year: u16) -> Observations {
    let mut out = Observations::new();
    for o in obs.iter() {
        if !(o.year() == yr(year) && *o.area() == AreaId::partnership()) {
            out.insert(o.clone()).unwrap();
        }
    }
    out
}

/// The README's example: 70 % → 71 % with København at 80 %: rose and narrowed, on track.
#[test]
fn the_issue_example_is_on_track() {
    let series = [
        ((70, 100, None), (80, 100, None)),
        ((71, 100, Some(380)), (80, 100, Some(3_600))),
    ];
    assert_eq!(status(&series, 2026), Status::OnTrack);
}

/// Only one condition holds: the verdict is the failing one, and the sentence says both.
#[test]
fn one_condition_alone_is_not_enough() {
    let g = goal();
    // The share rose (70 → 72) but København rose more (80 → 84): the gap widened.
    let rose_wider = [
        ((70, 100, None), (80, 100, None)),
        ((72, 100, None), (84, 100, None)),
    ];
    let e = evaluate(
        &g,
        &observations(&rose_wider),
        yr(2026),
        &EvalOptions::default(),
    );
    let ind = &e.indicators()[0];
    assert_eq!(*ind.status(), Status::OffTrack);
    assert!(
        ind.verdict()
            .starts_with("Ikke på rette vej: andelen steg fra 70 % til 72 %"),
        "{}",
        ind.verdict()
    );
    assert!(
        ind.verdict()
            .contains(", men afstanden til København er ikke mindre end i 2025"),
        "{}",
        ind.verdict()
    );
    // The share fell (70 → 69) while København fell more (80 → 75): the gap narrowed.
    let fell_closer = [
        ((70, 100, None), (80, 100, None)),
        ((69, 100, None), (75, 100, None)),
    ];
    let e = evaluate(
        &g,
        &observations(&fell_closer),
        yr(2026),
        &EvalOptions::default(),
    );
    let ind = &e.indicators()[0];
    assert_eq!(*ind.status(), Status::NotMet);
    assert!(
        ind.verdict()
            .starts_with("Ikke opfyldt: andelen faldt fra 70 % til 69 %"),
        "{}",
        ind.verdict()
    );
    assert!(
        ind.verdict()
            .contains(", men afstanden til København blev mindre"),
        "{}",
        ind.verdict()
    );
}

/// 2029: "nærmet sig" when the 2029 gap is smaller than the 2025 gap, whatever 2028 was.
#[test]
fn in_2029_the_gap_is_compared_with_2025() {
    let mut series: Vec<(Obs, Obs)> = vec![((70, 100, None), (80, 100, None))];
    series.extend(
        [(75, 80), (79, 80), (76, 80), (77, 80)].map(|(a, k)| ((a, 100, None), (k, 100, None))),
    );
    let e = evaluate(
        &goal(),
        &observations(&series),
        yr(2029),
        &EvalOptions::default(),
    );
    let ind = &e.indicators()[0];
    // 76 → 77 rose; gap 3 points in 2029 against 10 in 2025 (2028's 4 does not matter).
    assert_eq!(*ind.status(), Status::Met);
    assert!(
        ind.verdict().contains("har nærmet sig københavnerniveau"),
        "{}",
        ind.verdict()
    );
    assert_eq!(ind.targets()[1].previous_gap(), None);
}

/// A significant and a non-significant rise are both a rise, and the sentence says which.
#[test]
fn significance_is_stated_not_decisive() {
    let significant = [
        ((60, 100, Some(2_000)), (80, 100, None)),
        ((70, 100, Some(2_000)), (80, 100, None)),
    ];
    let e = evaluate(
        &goal(),
        &observations(&significant),
        yr(2026),
        &EvalOptions::default(),
    );
    assert!(
        e.indicators()[0]
            .verdict()
            .contains("statistisk signifikant, p = 0,000"),
        "{}",
        e.indicators()[0].verdict()
    );
    let not = [
        ((70, 100, Some(300)), (80, 100, None)),
        ((71, 100, Some(300)), (80, 100, None)),
    ];
    let e = evaluate(
        &goal(),
        &observations(&not),
        yr(2026),
        &EvalOptions::default(),
    );
    assert_eq!(*e.indicators()[0].status(), Status::OnTrack);
    assert!(
        e.indicators()[0]
            .verdict()
            .contains("ikke statistisk signifikant"),
        "{}",
        e.indicators()[0].verdict()
    );
}
