//! Survey statistics: Wilson confidence intervals and tests for a change in a share.
//!
//! A partnership area's share in the Tryghedsundersøgelse rests on a few hundred answers, so
//! its 95 % interval is roughly ± 5 percentage points and most year-to-year changes are
//! within chance. This module quantifies that.
//!
//! # Wilson score interval
//!
//! For an observed share p̂ from n respondents and the normal quantile z (1.96 for 95 %):
//!
//! ```text
//! centre = (p̂ + z²/2n) / (1 + z²/n)
//! half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
//! ```
//!
//! Unlike the textbook `p̂ ± z·√(p̂(1 − p̂)/n)` it never leaves [0, 1] and behaves at shares
//! near 0 and 1. It always contains p̂ (the result is clamped to guard floating-point
//! rounding).
//!
//! # Two-proportion z test
//!
//! [`TwoProportionZTest`] compares the shares p̂₁ (n₁) and p̂₂ (n₂) of two years with the
//! pooled share p = (p̂₁n₁ + p̂₂n₂)/(n₁ + n₂): `z = (p̂₂ − p̂₁) / √(p(1 − p)(1/n₁ + 1/n₂))`,
//! with a two-sided (default) or one-sided p-value from the standard normal distribution and
//! the significance level α (default 0.05). The city reports changes as "statistisk
//! signifikant" without publishing its test, so the test is a parameter: implement
//! [`SignificanceTest`] for another one.
//!
//! These are statistics, not money: they use `f64`. The normal distribution functions are
//! accurate to about 1e-7 (p-values) and 1e-9 (quantiles).

use std::fmt;

use crate::{GoalsError, Share};

/// A share observed among a number of respondents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Proportion {
    share: Share,
    respondents: u64,
}

impl Proportion {
    /// `share` among `respondents` (n).
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidValue`] when `respondents` is 0.
    pub fn new(share: Share, respondents: u64) -> Result<Self, GoalsError> {
        if respondents == 0 {
            return Err(GoalsError::InvalidValue {
                value: "0".into(),
                reason: "a share needs at least one respondent".into(),
            });
        }
        Ok(Self { share, respondents })
    }
    /// The observed share.
    pub fn share(self) -> Share {
        self.share
    }
    /// The number of respondents.
    pub fn respondents(self) -> u64 {
        self.respondents
    }
    #[allow(clippy::cast_precision_loss)]
    fn n(self) -> f64 {
        self.respondents as f64
    }
}

/// A confidence interval for a share, both ends in [0, 1].
///
/// With the `serde` feature, reading one back refuses ends outside [0, 1], a lower end above
/// the upper one and a confidence level outside (0, 1).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawInterval"))]
pub struct Interval {
    lower: f64,
    upper: f64,
    confidence: f64,
}

/// The serde form of [`Interval`], checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawInterval {
    lower: f64,
    upper: f64,
    confidence: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawInterval> for Interval {
    type Error = GoalsError;

    fn try_from(raw: RawInterval) -> Result<Self, GoalsError> {
        z_for_confidence(raw.confidence)?;
        if !(0.0 <= raw.lower && raw.lower <= raw.upper && raw.upper <= 1.0) {
            return Err(GoalsError::InvalidValue {
                value: format!("{}–{}", raw.lower, raw.upper),
                reason: "an interval's ends lie in [0, 1], the lower end first".into(),
            });
        }
        Ok(Self {
            lower: raw.lower,
            upper: raw.upper,
            confidence: raw.confidence,
        })
    }
}

impl Interval {
    /// The lower end.
    pub fn lower(self) -> f64 {
        self.lower
    }
    /// The upper end.
    pub fn upper(self) -> f64 {
        self.upper
    }
    /// The confidence level, e.g. 0.95.
    pub fn confidence(self) -> f64 {
        self.confidence
    }
    /// Whether `x` lies in the interval (ends included).
    pub fn contains(self, x: f64) -> bool {
        self.lower <= x && x <= self.upper
    }
}

/// Danish: `95 %-konfidensinterval 72,1–81,4 %`.
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lower = format!("{:.1}", self.lower * 100.0).replace('.', ",");
        let upper = format!("{:.1}", self.upper * 100.0).replace('.', ",");
        write!(
            f,
            "{:.0}\u{a0}%-konfidensinterval {lower}–{upper} %",
            self.confidence * 100.0
        )
    }
}

/// The Wilson score interval for `p` at `confidence` (e.g. 0.95). See the
/// [module docs](self).
///
/// # Errors
///
/// [`GoalsError::InvalidValue`] unless `0 < confidence < 1`.
///
/// ```
/// use tryghed_goals::{Proportion, Share, wilson_interval};
/// let p = Proportion::new(Share::new(77, 100)?, 400)?;
/// let i = wilson_interval(p, 0.95)?;
/// assert!(i.lower() > 0.72 && i.upper() < 0.81 && i.contains(0.77));
/// # Ok::<(), tryghed_goals::GoalsError>(())
/// ```
#[doc(alias = "konfidensinterval")]
pub fn wilson_interval(p: Proportion, confidence: f64) -> Result<Interval, GoalsError> {
    let z = z_for_confidence(confidence)?;
    let n = p.n();
    let ph = p.share.to_f64();
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (ph + z2 / (2.0 * n)) / denom;
    let half = z / denom * (ph * (1.0 - ph) / n + z2 / (4.0 * n * n)).sqrt();
    let lower = (centre - half).clamp(0.0, 1.0).min(ph);
    let upper = (centre + half).clamp(0.0, 1.0).max(ph);
    Ok(Interval {
        lower,
        upper,
        confidence,
    })
}

fn z_for_confidence(confidence: f64) -> Result<f64, GoalsError> {
    if !(confidence > 0.0 && confidence < 1.0) {
        return Err(GoalsError::InvalidValue {
            value: confidence.to_string(),
            reason: "a confidence level lies strictly between 0 and 1".into(),
        });
    }
    Ok(normal_quantile(1.0 - (1.0 - confidence) / 2.0))
}

/// The result of a significance test.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TestOutcome {
    statistic: f64,
    p_value: f64,
    alpha: f64,
}

impl TestOutcome {
    /// A test result: the statistic, its p-value and the level α it is judged at.
    pub fn new(statistic: f64, p_value: f64, alpha: f64) -> Self {
        Self {
            statistic,
            p_value,
            alpha,
        }
    }
    /// The test statistic (z for the two-proportion test).
    pub fn statistic(self) -> f64 {
        self.statistic
    }
    /// The p-value.
    pub fn p_value(self) -> f64 {
        self.p_value
    }
    /// The significance level α.
    pub fn alpha(self) -> f64 {
        self.alpha
    }
    /// Whether `p_value < alpha`.
    pub fn is_significant(self) -> bool {
        self.p_value < self.alpha
    }
}

/// A test of whether a share changed between two surveys. Pluggable: the city does not
/// publish which test it uses.
pub trait SignificanceTest: fmt::Debug + Send + Sync {
    /// A short description, e.g. "tosidet test for to andele (z), α = 0,05".
    fn describe(&self) -> String;
    /// Tests the change from `before` to `after`.
    fn test(&self, before: Proportion, after: Proportion) -> TestOutcome;
}

/// Which alternative hypothesis a test considers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Alternative {
    /// The share changed, in either direction (the default).
    #[default]
    TwoSided,
    /// The share rose.
    Greater,
}

/// The pooled two-proportion z test (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoProportionZTest {
    alpha: f64,
    alternative: Alternative,
}

impl Default for TwoProportionZTest {
    /// Two-sided, α = 0.05.
    fn default() -> Self {
        Self {
            alpha: 0.05,
            alternative: Alternative::TwoSided,
        }
    }
}

impl TwoProportionZTest {
    /// A test at level `alpha` with the given alternative.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidValue`] unless `0 < alpha < 1`.
    pub fn new(alpha: f64, alternative: Alternative) -> Result<Self, GoalsError> {
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(GoalsError::InvalidValue {
                value: alpha.to_string(),
                reason: "α lies strictly between 0 and 1".into(),
            });
        }
        Ok(Self { alpha, alternative })
    }
    /// The significance level.
    pub fn alpha(self) -> f64 {
        self.alpha
    }
}

impl SignificanceTest for TwoProportionZTest {
    fn describe(&self) -> String {
        let side = match self.alternative {
            Alternative::TwoSided => "tosidet",
            Alternative::Greater => "ensidet",
        };
        format!(
            "{side} z-test for to andele, α = {}",
            self.alpha.to_string().replace('.', ",")
        )
    }

    fn test(&self, before: Proportion, after: Proportion) -> TestOutcome {
        let (n1, n2) = (before.n(), after.n());
        let (p1, p2) = (before.share.to_f64(), after.share.to_f64());
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
        let z = if se > 0.0 && se.is_finite() {
            (p2 - p1) / se
        } else {
            0.0 // both shares 0 or both 1: no evidence of change
        };
        let p_value = match self.alternative {
            Alternative::TwoSided => (2.0 * normal_sf(z.abs())).min(1.0),
            Alternative::Greater => normal_sf(z),
        };
        TestOutcome::new(z, p_value, self.alpha)
    }
}

/// The standard normal survival function 1 − Φ(x), via erfc.
fn normal_sf(x: f64) -> f64 {
    0.5 * erfc(x / std::f64::consts::SQRT_2)
}

/// Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let ans = t * poly.exp();
    if x >= 0.0 { ans } else { 2.0 - ans }
}

/// The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation,
/// relative error < 1.2e-9).
fn normal_quantile(p: f64) -> f64 {
    const P_LOW: f64 = 0.024_25;
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let horner = |coeffs: &[f64], x: f64| coeffs.iter().fold(0.0, |acc, c| acc * x + c);
    let tail = |q: f64| {
        let r = (-2.0 * q.ln()).sqrt();
        horner(&C, r) / (horner(&D, r) * r + 1.0)
    };
    if p < P_LOW {
        tail(p)
    } else if p <= 1.0 - P_LOW {
        let q = p - 0.5;
        let r = q * q;
        horner(&A, r) * q / (horner(&B, r) * r + 1.0)
    } else {
        -tail(1.0 - p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(n: u64, d: u64, resp: u64) -> Proportion {
        Proportion::new(Share::new(n, d).unwrap(), resp).unwrap()
    }

    #[cfg(feature = "serde")]
    #[test]
    fn interval_reads_back_and_refuses_crossed_ends() {
        let i = wilson_interval(prop(77, 100, 400), 0.95).unwrap();
        let json = serde_json::to_string(&i).unwrap();
        assert_eq!(serde_json::from_str::<Interval>(&json).unwrap(), i);
        for bad in [
            r#"{"lower":0.8,"upper":0.7,"confidence":0.95}"#,
            r#"{"lower":-0.1,"upper":0.7,"confidence":0.95}"#,
            r#"{"lower":0.1,"upper":0.7,"confidence":1.0}"#,
        ] {
            assert!(serde_json::from_str::<Interval>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn quantile_and_cdf_reference_values() {
        // Reference values from standard normal tables / R's qnorm and pnorm.
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-8);
        assert!((normal_quantile(0.995) - 2.575_829_303_548_901).abs() < 1e-8);
        assert!((normal_quantile(0.01) + 2.326_347_874_040_841).abs() < 1e-8);
        assert!((normal_sf(1.959_963_984_540_054) - 0.025).abs() < 1e-7);
        assert!((normal_sf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_sf(-1.0) - 0.841_344_746_068_542_9).abs() < 1e-7);
    }

    #[test]
    fn wilson_reference_value() {
        // 77 of 100 at 95 %: the Wilson interval without continuity correction
        // (as R's `prop.test(77, 100, correct = FALSE)`), computed independently in Python:
        // 0.678456 .. 0.841567.
        let i = wilson_interval(prop(77, 100, 100), 0.95).unwrap();
        assert!((i.lower() - 0.678_456).abs() < 1e-4, "{}", i.lower());
        assert!((i.upper() - 0.841_567).abs() < 1e-4, "{}", i.upper());
        let zero = wilson_interval(prop(0, 1, 10), 0.95).unwrap();
        assert!(zero.lower() == 0.0 && zero.upper() > 0.0);
        assert!(wilson_interval(prop(1, 2, 10), 1.0).is_err());
        assert_eq!(
            wilson_interval(prop(77, 100, 100), 0.95)
                .unwrap()
                .to_string(),
            "95\u{a0}%-konfidensinterval 67,8–84,2 %"
        );
    }

    #[test]
    fn z_test_reference_value() {
        // 70 % of 300 vs 80 % of 300: pooled 0.75, se = sqrt(.75*.25*(2/300)) = 0.035355,
        // z = 2.8284, two-sided p = 0.004678.
        let t = TwoProportionZTest::default();
        let r = t.test(prop(70, 100, 300), prop(80, 100, 300));
        assert!((r.statistic() - 2.828_427).abs() < 1e-5);
        assert!((r.p_value() - 0.004_678).abs() < 1e-5);
        assert!(r.is_significant());
        // 77 % → 80 % with 300 each: z ≈ 0.90, not significant.
        let r = t.test(prop(77, 100, 300), prop(80, 100, 300));
        assert!(!r.is_significant() && r.p_value() > 0.3);
        let one = TwoProportionZTest::new(0.05, Alternative::Greater).unwrap();
        let r1 = one.test(prop(70, 100, 300), prop(80, 100, 300));
        assert!((r1.p_value() - 0.002_339).abs() < 1e-5);
        let same = t.test(prop(1, 1, 5), prop(1, 1, 9));
        assert!((same.p_value() - 1.0).abs() < 1e-12 && same.statistic().abs() < 1e-12);
        assert!(TwoProportionZTest::new(0.0, Alternative::TwoSided).is_err());
        assert!(t.describe().contains("0,05"));
    }
}
