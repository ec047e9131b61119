//! Exact shares (andele) as integer ratios.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::GoalsError;

/// An exact share (andel) between 0 and 1: `numerator / denominator`.
///
/// The ratio is kept as given (`12/16` stays `12/16`, so the counts behind a share are not
/// lost); equality and ordering compare the values exactly by integer cross-multiplication,
/// so `Share::new(3, 4) == Share::new(75, 100)`.
///
/// ```
/// use tryghed_goals::Share;
/// let s: Share = "77%".parse()?;
/// assert_eq!(s, Share::new(77, 100)?);
/// assert_eq!(s.to_string(), "77 %");
/// assert!(Share::new(3, 4)? > Share::new(74, 99)?);
/// # Ok::<(), tryghed_goals::GoalsError>(())
/// ```
#[doc(alias = "andel")]
#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Share {
    numerator: u64,
    denominator: u64,
}

/// The reasons a value is refused, in English (the stable text of [`GoalsError`]) and in
/// Danish ([`GoalsError::message_da`]).
pub(crate) mod reason {
    pub(crate) const DENOMINATOR_ZERO: &str = "the denominator must be positive";
    pub(crate) const OVER_ONE: &str = "a share cannot exceed 1 (numerator > denominator)";
    pub(crate) const NUMERATOR: &str = "the numerator is not a whole number";
    pub(crate) const DENOMINATOR: &str = "the denominator is not a whole number";
    pub(crate) const NOT_A_SHARE: &str =
        "expected a percentage (77%), a ratio (317/412) or a fraction";
    pub(crate) const NEGATIVE: &str = "a share cannot be negative";
    pub(crate) const DIGITS: &str = "too many digits for a share";
    pub(crate) const DECIMALS: &str = "too many decimals for a share";
    pub(crate) const COUNT_TOO_LARGE: &str = "too large for a count";

    /// The Danish sentence for a reason of this module (the English text for another).
    pub(crate) fn da(reason: &str) -> &str {
        match reason {
            DENOMINATOR_ZERO => "nævneren skal være større end 0",
            OVER_ONE => "en andel kan ikke være over 100 % (tælleren er større end nævneren)",
            NUMERATOR => "tælleren er ikke et helt tal",
            DENOMINATOR => "nævneren er ikke et helt tal",
            NOT_A_SHARE => {
                "skriv et helt tal (et antal) eller en andel som 77%, 317/412 eller 0.77"
            }
            NEGATIVE => "en andel kan ikke være negativ",
            DIGITS => "andelen har for mange cifre",
            DECIMALS => "andelen har for mange decimaler",
            COUNT_TOO_LARGE => "tallet er for stort til et antal",
            other => other,
        }
    }
}

impl Share {
    /// `numerator / denominator`.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidShare`] when `denominator` is 0 or `numerator > denominator`.
    pub fn new(numerator: u64, denominator: u64) -> Result<Self, GoalsError> {
        let err = |reason| GoalsError::InvalidShare {
            numerator,
            denominator,
            reason,
        };
        if denominator == 0 {
            return Err(err(reason::DENOMINATOR_ZERO));
        }
        if numerator > denominator {
            return Err(err(reason::OVER_ONE));
        }
        Ok(Self {
            numerator,
            denominator,
        })
    }

    /// The numerator as given (e.g. the number of activities with several partners).
    pub fn numerator(self) -> u64 {
        self.numerator
    }

    /// The denominator as given (e.g. the total number of activities).
    pub fn denominator(self) -> u64 {
        self.denominator
    }

    /// Whether `self ≥ other`, exactly: `self.num · other.den ≥ other.num · self.den`.
    pub fn is_at_least(self, other: Share) -> bool {
        self >= other
    }

    /// The share as a decimal fraction (`0.77`). Exact when the denominator divides a power
    /// of ten; otherwise rounded to rust_decimal's 28 significant digits.
    pub fn to_decimal(self) -> Decimal {
        // Both fit in a Decimal (96-bit mantissa) and the denominator is positive, so
        // division cannot fail; fall back to zero defensively rather than panic.
        Decimal::from(self.numerator)
            .checked_div(Decimal::from(self.denominator))
            .unwrap_or(Decimal::ZERO)
    }

    /// The share as an `f64` (for statistics only).
    #[allow(clippy::cast_precision_loss)]
    pub fn to_f64(self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }

    fn cross(self, other: Share) -> (u128, u128) {
        (
            u128::from(self.numerator) * u128::from(other.denominator),
            u128::from(other.numerator) * u128::from(self.denominator),
        )
    }

    /// Parses the forms written in observation files and TOML: `"77%"`, `"77.5%"` (a
    /// percentage with optional decimals), `"317/412"` (a ratio) or a decimal fraction
    /// `"0.77"`.
    fn parse(s: &str) -> Result<Self, GoalsError> {
        let t = s.trim();
        let bad = |reason: &str| GoalsError::InvalidValue {
            value: s.to_owned(),
            reason: reason.to_owned(),
        };
        if let Some((n, d)) = t.split_once('/') {
            let n: u64 = n.trim().parse().map_err(|_| bad(reason::NUMERATOR))?;
            let d: u64 = d.trim().parse().map_err(|_| bad(reason::DENOMINATOR))?;
            return Share::new(n, d);
        }
        let (number, percent) = match t.strip_suffix('%') {
            Some(p) => (p.trim_end(), true),
            None => (t, false),
        };
        let dec = Decimal::from_str_exact(number).map_err(|_| bad(reason::NOT_A_SHARE))?;
        if dec.is_sign_negative() {
            return Err(bad(reason::NEGATIVE));
        }
        let mantissa = u64::try_from(dec.mantissa()).map_err(|_| bad(reason::DIGITS))?;
        let scale = dec.scale() + u32::from(percent) * 2;
        let denominator = 10u64
            .checked_pow(scale)
            .ok_or_else(|| bad(reason::DECIMALS))?;
        Share::new(mantissa, denominator)
    }
}

/// Compares `a + b` with `c + d` exactly (all four shares), or `None` when the exact
/// products do not fit in 128 bits (denominators beyond about 2³² after reduction).
///
/// Comparing gaps needs it: `ref₁ − v₁ < ref₂ − v₂` exactly when `ref₁ + v₂ < ref₂ + v₁`.
pub(crate) fn cmp_sums(a: Share, b: Share, c: Share, d: Share) -> Option<Ordering> {
    let (ln, ld) = sum(a.reduced(), b.reduced())?;
    let (rn, rd) = sum(c.reduced(), d.reduced())?;
    Some(ln.checked_mul(rd)?.cmp(&rn.checked_mul(ld)?))
}

/// `a + b` as an unreduced ratio of u128s.
fn sum(a: Share, b: Share) -> Option<(u128, u128)> {
    let (an, ad) = (u128::from(a.numerator), u128::from(a.denominator));
    let (bn, bd) = (u128::from(b.numerator), u128::from(b.denominator));
    let numerator = an.checked_mul(bd)?.checked_add(bn.checked_mul(ad)?)?;
    Some((numerator, ad.checked_mul(bd)?))
}

impl Share {
    /// The same value in lowest terms.
    fn reduced(self) -> Share {
        let g = gcd(self.numerator, self.denominator).max(1);
        Share {
            numerator: self.numerator / g,
            denominator: self.denominator / g,
        }
    }
}

impl PartialEq for Share {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = self.cross(*other);
        a == b
    }
}

impl Eq for Share {}

impl std::hash::Hash for Share {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let g = gcd(self.numerator, self.denominator).max(1);
        (self.numerator / g).hash(state);
        (self.denominator / g).hash(state);
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl PartialOrd for Share {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Share {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = self.cross(*other);
        a.cmp(&b)
    }
}

/// Shows `77 %` when the denominator is 100, otherwise `317/412 (76,9 %)` (Danish decimal
/// comma, one decimal).
impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.denominator == 100 {
            write!(f, "{} %", self.numerator)
        } else {
            write!(
                f,
                "{}/{} ({})",
                self.numerator,
                self.denominator,
                crate::fmt::percent(self.to_decimal())
            )
        }
    }
}

impl FromStr for Share {
    type Err = GoalsError;
    fn from_str(s: &str) -> Result<Self, GoalsError> {
        Share::parse(s)
    }
}

impl TryFrom<String> for Share {
    type Error = GoalsError;
    fn try_from(s: String) -> Result<Self, GoalsError> {
        Share::parse(&s)
    }
}

/// The machine form: `77%` when the denominator is 100, otherwise `numerator/denominator`.
/// [`FromStr`] reads it back to an equal share.
impl From<Share> for String {
    fn from(s: Share) -> String {
        s.to_machine_string()
    }
}

impl Share {
    /// The form written to CSV and TOML: `77%` when the denominator is 100, else `317/412`.
    pub fn to_machine_string(self) -> String {
        if self.denominator == 100 {
            format!("{}%", self.numerator)
        } else {
            format!("{}/{}", self.numerator, self.denominator)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_forms() {
        assert_eq!(
            "77%".parse::<Share>().unwrap(),
            Share::new(77, 100).unwrap()
        );
        assert_eq!(
            "77.5 %".parse::<Share>().unwrap(),
            Share::new(775, 1000).unwrap()
        );
        let r: Share = "317/412".parse().unwrap();
        assert_eq!((r.numerator(), r.denominator()), (317, 412));
        assert_eq!("0.75".parse::<Share>().unwrap(), Share::new(3, 4).unwrap());
        for bad in ["", "x", "101%", "5/4", "1/0", "-3%", "1.5", "3/x"] {
            assert!(bad.parse::<Share>().is_err(), "{bad}");
        }
    }

    #[test]
    fn exact_comparison() {
        let s = |n, d| Share::new(n, d).unwrap();
        assert_eq!(s(3, 4), s(75, 100));
        assert!(s(74, 99) < s(3, 4));
        assert!(s(2, 3) < s(3, 4));
        assert!(s(u64::MAX, u64::MAX) == s(1, 1));
    }

    #[test]
    fn sums_compare_exactly() {
        let s = |n, d| Share::new(n, d).unwrap();
        // 1/3 + 2/3 = 1 = 1/2 + 1/2, which rounded decimals cannot tell.
        assert_eq!(
            cmp_sums(s(1, 3), s(2, 3), s(1, 2), s(1, 2)),
            Some(Ordering::Equal)
        );
        assert_eq!(
            cmp_sums(s(80, 100), s(70, 100), s(80, 100), s(71, 100)),
            Some(Ordering::Less)
        );
        // Denominators that do not reduce and do not fit: no answer rather than a wrong one.
        let big = s(u64::MAX - 1, u64::MAX);
        assert_eq!(cmp_sums(big, big, big, s(1, u64::MAX - 2)), None);
    }

    #[test]
    fn machine_form_round_trips() {
        for s in ["77%", "317/412", "0/5", "1/1"] {
            let share: Share = s.parse().unwrap();
            assert_eq!(share.to_machine_string(), s);
            assert_eq!(share.to_machine_string().parse::<Share>().unwrap(), share);
        }
    }

    #[test]
    fn display_is_danish() {
        assert_eq!(Share::new(77, 100).unwrap().to_string(), "77 %");
        assert_eq!(
            Share::new(317, 412).unwrap().to_string(),
            "317/412 (76,9 %)"
        );
    }
}
