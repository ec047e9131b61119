//! [`Dkk`]: an amount in Danish kroner, exact to the øre.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{AmountErrorKind, BudgetError};

/// An amount in Danish kroner (DKK), exact to the øre.
///
/// The value is a [`rust_decimal::Decimal`] that always has exactly two decimals (one øre is
/// 0,01 kr.). Its range is every whole number of øre that fits in an `i64`, from
/// [`Dkk::MIN`] (−92.233.720.368.547.758,08 kr.) to [`Dkk::MAX`] (92.233.720.368.547.758,07 kr.):
/// far beyond any municipal budget, and every operation that could leave it returns
/// [`BudgetError::Overflow`] instead of wrapping or rounding.
///
/// Amounts may be negative, because a difference (the remaining funds of an activity that
/// overran, a correction) can be. Where a negative amount makes no sense the type that holds it
/// says so and rejects it: budget lines, allocations and transactions are never negative.
///
/// # Text forms
///
/// [`Display`](fmt::Display) gives the Danish form `1.467.000,00 kr.` (also [`Dkk::danish`]);
/// the alternate flag `{:#}` gives the machine form `1467000.00` (also [`Dkk::machine`]), which
/// is also the serde form. Width and alignment (`{:>20}`) are honoured.
///
/// [`FromStr`] reads both forms and a few more. After surrounding whitespace, an optional
/// leading `-` and an optional trailing `kr.` or `kr` (with or without a space before it) are
/// removed, the number must follow these rules:
///
/// | text | result | rule |
/// |---|---|---|
/// | `1467000` | 1.467.000,00 kr. | digits alone are whole kroner |
/// | `1467000.50`, `1.5` | 1.467.000,50 kr., 1,50 kr. | one `.` with one or two digits after it is a decimal point (machine form) |
/// | `1.467.000` | 1.467.000,00 kr. | two or more `.` are Danish thousands separators |
/// | `1.467.000,50`, `1.467,5` | 1.467.000,50 kr., 1.467,50 kr. | `,` is the Danish decimal comma; `.` before it separate thousands |
/// | `1,5`, `0,05` | 1,50 kr., 0,05 kr. | a decimal comma needs no thousands separators |
/// | `-1.467.000,50 kr.`, ` 12 kr ` | negative, 12,00 kr. | sign, `kr.`/`kr` and whitespace around |
/// | `417.000 kr.`, `1.467 kr` | 417.000,00 kr., 1.467,00 kr. | with `kr.` the text is Danish, so `.` only separates thousands |
/// | `1.5 kr.`, `1467000.50 kr.` | **error** (bad grouping) | the same: with `kr.` write decimals with `,` |
/// | `1.467`, `1.500` | **error** (ambiguous) | one `.` followed by exactly three digits and no `,`: thousands or decimals? Write `1467`, `1.467,00` or `1,467` |
/// | `1,467.00`, `1,467,000` | **error** (English grouping) | `,` before a `.`, or more than one `,` |
/// | `1.46.000`, `0.467.000`, `1.4670,00` | **error** (bad grouping) | after the first group (1–3 digits, not starting with 0) every group has exactly 3 digits |
/// | `1,505`, `1467.000`, `0.125` | **error** (too many decimals) | at most two decimals; never rounded |
/// | `,50`, `1.`, `1,` | **error** (missing digits) | both sides of a separator need digits |
/// | ``, `kr.`, `-` | **error** (empty) | |
/// | `1 467 000`, `+5`, `5 DKK` | **error** (invalid character) | no spaces inside the number, no `+`, no other currency marks |
///
/// Every error quotes the text it was given.
///
/// # Examples
///
/// ```
/// use tryghed_budget::Dkk;
///
/// let total: Dkk = "1.467.000 kr.".parse()?;
/// assert_eq!(total, Dkk::from_kroner(1_467_000)?);
/// assert_eq!(total.to_string(), "1.467.000,00 kr.");
/// assert_eq!(total.machine(), "1467000.00");
/// assert_eq!(Dkk::from_ore(-150).to_string(), "-1,50 kr.");
/// assert!("1.467".parse::<Dkk>().is_err()); // 1467 or 1,467?
/// # Ok::<(), tryghed_budget::BudgetError>(())
/// ```
#[doc(alias = "kroner")]
#[doc(alias = "øre")]
#[doc(alias = "kr.")]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Dkk(Decimal);

impl Dkk {
    /// Zero kroner.
    pub const ZERO: Dkk = Dkk(Decimal::from_parts(0, 0, 0, false, 2));
    /// The largest amount: `i64::MAX` øre.
    pub const MAX: Dkk = Dkk(Decimal::from_parts(u32::MAX, 0x7FFF_FFFF, 0, false, 2));
    /// The smallest (most negative) amount: `i64::MIN` øre.
    pub const MIN: Dkk = Dkk(Decimal::from_parts(0, 0x8000_0000, 0, true, 2));

    /// An amount of whole øre (1 kr. = 100 øre). Every `i64` is a valid amount.
    #[doc(alias = "øre")]
    pub fn from_ore(ore: i64) -> Dkk {
        Dkk(Decimal::new(ore, 2))
    }

    /// An amount of whole kroner.
    ///
    /// # Errors
    ///
    /// [`BudgetError::OutOfRange`] when `kroner × 100` does not fit in an `i64`.
    #[doc(alias = "kroner")]
    pub fn from_kroner(kroner: i64) -> Result<Dkk, BudgetError> {
        kroner
            .checked_mul(100)
            .map(Dkk::from_ore)
            .ok_or_else(|| BudgetError::OutOfRange {
                value: kroner.to_string(),
            })
    }

    /// The amount in whole øre.
    pub fn ore(self) -> i64 {
        // The invariant (scale 2, mantissa within i64) makes the fallback unreachable.
        i64::try_from(self.0.mantissa()).unwrap_or_default()
    }

    /// The amount as a decimal number of kroner with exactly two decimals.
    pub fn to_decimal(self) -> Decimal {
        self.0
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.ore() < 0
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.ore() == 0
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Overflow`] when the result is outside the range.
    pub fn checked_add(self, other: Dkk) -> Result<Dkk, BudgetError> {
        self.ore()
            .checked_add(other.ore())
            .map(Dkk::from_ore)
            .ok_or_else(|| overflow(format!("{self} + {other}")))
    }

    /// `self - other`.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Overflow`] when the result is outside the range.
    pub fn checked_sub(self, other: Dkk) -> Result<Dkk, BudgetError> {
        self.ore()
            .checked_sub(other.ore())
            .map(Dkk::from_ore)
            .ok_or_else(|| overflow(format!("{self} - {other}")))
    }

    /// `self × factor`, e.g. a yearly amount times a number of years.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Overflow`] when the result is outside the range.
    pub fn checked_mul(self, factor: i64) -> Result<Dkk, BudgetError> {
        self.ore()
            .checked_mul(factor)
            .map(Dkk::from_ore)
            .ok_or_else(|| overflow(format!("{self} × {factor}")))
    }

    /// `-self`.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Overflow`] for [`Dkk::MIN`], whose negation is outside the range.
    pub fn checked_neg(self) -> Result<Dkk, BudgetError> {
        self.ore()
            .checked_neg()
            .map(Dkk::from_ore)
            .ok_or_else(|| overflow(format!("-({self})")))
    }

    /// The sum of many amounts.
    ///
    /// The sum is accumulated in 128-bit øre, so only the final result has to be in range:
    /// `[MAX, 1 øre, -1 øre]` sums to `MAX`.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Overflow`] when the sum is outside the range.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_budget::Dkk;
    /// let years = [Dkk::from_kroner(1_467_000)?; 4];
    /// assert_eq!(Dkk::checked_sum(years)?.to_string(), "5.868.000,00 kr.");
    /// # Ok::<(), tryghed_budget::BudgetError>(())
    /// ```
    pub fn checked_sum<I: IntoIterator<Item = Dkk>>(amounts: I) -> Result<Dkk, BudgetError> {
        let mut sum: i128 = 0;
        let mut count: usize = 0;
        for amount in amounts {
            count = count.saturating_add(1);
            sum = sum
                .checked_add(i128::from(amount.ore()))
                .ok_or_else(|| overflow(format!("the sum of {count} amounts")))?;
        }
        i64::try_from(sum)
            .map(Dkk::from_ore)
            .map_err(|_| overflow(format!("the sum of {count} amounts ({sum} øre)")))
    }

    /// The Danish form, `1.467.000,00 kr.` (the same as [`Display`](fmt::Display)).
    pub fn danish(self) -> String {
        let ore = self.ore();
        let magnitude = ore.unsigned_abs();
        let kroner = (magnitude / 100).to_string();
        let mut out = String::with_capacity(kroner.len() + kroner.len() / 3 + 8);
        if ore < 0 {
            out.push('-');
        }
        let first = match kroner.len() % 3 {
            0 => 3,
            n => n,
        };
        for (i, c) in kroner.chars().enumerate() {
            if i >= first && (i - first) % 3 == 0 {
                out.push('.');
            }
            out.push(c);
        }
        out.push(',');
        push_two_digits(&mut out, magnitude % 100);
        out.push_str(" kr.");
        out
    }

    /// The machine form, `1467000.00`: no grouping, a decimal point, always two decimals.
    /// This is the serde form.
    pub fn machine(self) -> String {
        let ore = self.ore();
        let magnitude = ore.unsigned_abs();
        let mut out = String::new();
        if ore < 0 {
            out.push('-');
        }
        out.push_str(&(magnitude / 100).to_string());
        out.push('.');
        push_two_digits(&mut out, magnitude % 100);
        out
    }
}

fn push_two_digits(out: &mut String, n: u64) {
    if n < 10 {
        out.push('0');
    }
    out.push_str(&n.to_string());
}

fn overflow(operation: String) -> BudgetError {
    BudgetError::Overflow { operation }
}

impl fmt::Display for Dkk {
    /// `1.467.000,00 kr.`; with `{:#}` the machine form `1467000.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.pad(&self.machine())
        } else {
            f.pad(&self.danish())
        }
    }
}

impl fmt::Debug for Dkk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Dkk({})", self.machine())
    }
}

impl From<Dkk> for Decimal {
    fn from(value: Dkk) -> Decimal {
        value.0
    }
}

impl TryFrom<Decimal> for Dkk {
    type Error = BudgetError;

    /// An amount from a decimal number of kroner. `1.5` and `1.50` are both 1,50 kr.;
    /// `1.505` is an error, never rounded.
    ///
    /// # Errors
    ///
    /// [`BudgetError::SubOre`] with more than two decimals after normalisation;
    /// [`BudgetError::OutOfRange`] outside the range of [`Dkk`].
    fn try_from(value: Decimal) -> Result<Dkk, BudgetError> {
        let normal = value.normalize();
        if normal.scale() > 2 {
            return Err(BudgetError::SubOre { value });
        }
        let mut scaled = normal;
        scaled.rescale(2);
        // rescale may fail to reach scale 2 only if the mantissa would exceed 96 bits.
        if scaled.scale() != 2 {
            return Err(BudgetError::OutOfRange {
                value: value.to_string(),
            });
        }
        i64::try_from(scaled.mantissa())
            .map(Dkk::from_ore)
            .map_err(|_| BudgetError::OutOfRange {
                value: value.to_string(),
            })
    }
}

impl FromStr for Dkk {
    type Err = BudgetError;

    /// Reads an amount by the rules in the [type documentation](Dkk#text-forms).
    fn from_str(s: &str) -> Result<Dkk, BudgetError> {
        parse(s).map_err(|kind| BudgetError::InvalidAmount {
            input: s.to_owned(),
            kind,
        })
    }
}

/// Whole kroner and øre read from digits, before the sign is applied.
fn parse(input: &str) -> Result<Dkk, AmountErrorKind> {
    let mut s = input.trim();
    // With `kr.` the text is in the Danish form, where '.' only separates thousands.
    let mut danish = false;
    if let Some(rest) = s.strip_suffix("kr.").or_else(|| s.strip_suffix("kr")) {
        s = rest.trim_end();
        danish = true;
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if s.is_empty() {
        return Err(AmountErrorKind::Empty);
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ','))
    {
        return Err(AmountErrorKind::InvalidCharacter(c));
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let (kroner, ore) = if commas > 1 {
        return Err(AmountErrorKind::EnglishGrouping);
    } else if let Some((int, frac)) = s.split_once(',') {
        if frac.contains('.') {
            return Err(AmountErrorKind::EnglishGrouping);
        }
        let kroner = if int.contains('.') {
            grouped(int)?
        } else {
            digits(int)?
        };
        (kroner, fraction(frac)?)
    } else if dots == 0 {
        (digits(s)?, 0)
    } else if dots == 1 && danish {
        (grouped(s)?, 0)
    } else if dots == 1 {
        let (int, frac) = s.split_once('.').ok_or(AmountErrorKind::MissingDigits)?;
        if frac.len() == 3 && is_first_group(int) {
            return Err(AmountErrorKind::Ambiguous);
        }
        (digits(int)?, fraction(frac)?)
    } else {
        (grouped(s)?, 0)
    };
    let magnitude = kroner
        .checked_mul(100)
        .and_then(|k| k.checked_add(ore))
        .ok_or(AmountErrorKind::OutOfRange)?;
    let signed = if negative {
        0_i128.checked_sub(i128::try_from(magnitude).map_err(|_| AmountErrorKind::OutOfRange)?)
    } else {
        i128::try_from(magnitude).ok()
    }
    .ok_or(AmountErrorKind::OutOfRange)?;
    i64::try_from(signed)
        .map(Dkk::from_ore)
        .map_err(|_| AmountErrorKind::OutOfRange)
}

/// A run of one or more digits as a number.
fn digits(s: &str) -> Result<u128, AmountErrorKind> {
    if s.is_empty() {
        return Err(AmountErrorKind::MissingDigits);
    }
    s.bytes().try_fold(0_u128, |acc, b| {
        acc.checked_mul(10)
            .and_then(|a| a.checked_add(u128::from(b - b'0')))
            .ok_or(AmountErrorKind::OutOfRange)
    })
}

/// Whether `s` can open Danish thousands grouping: 1–3 digits, not starting with 0.
fn is_first_group(s: &str) -> bool {
    (1..=3).contains(&s.len()) && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with `.` between thousands: `1.467.000`.
fn grouped(s: &str) -> Result<u128, AmountErrorKind> {
    let mut groups = s.split('.');
    let first = groups.next().unwrap_or_default();
    if first.is_empty() {
        return Err(AmountErrorKind::MissingDigits);
    }
    if !is_first_group(first) {
        return Err(AmountErrorKind::BadGrouping);
    }
    let mut value = digits(first)?;
    for group in groups {
        if group.is_empty() {
            return Err(AmountErrorKind::MissingDigits);
        }
        if group.len() != 3 {
            return Err(AmountErrorKind::BadGrouping);
        }
        value = value
            .checked_mul(1000)
            .and_then(|v| v.checked_add(digits(group).ok()?))
            .ok_or(AmountErrorKind::OutOfRange)?;
    }
    Ok(value)
}

/// One or two decimals as øre.
fn fraction(s: &str) -> Result<u128, AmountErrorKind> {
    match s.len() {
        0 => Err(AmountErrorKind::MissingDigits),
        1 => Ok(digits(s)? * 10),
        2 => digits(s),
        _ => Err(AmountErrorKind::TooManyDecimals),
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use std::fmt;

    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Dkk;
    use crate::error::{AmountErrorKind, BudgetError};

    impl Serialize for Dkk {
        /// The machine form as a string: `"1467000.00"`.
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&self.machine())
        }
    }

    impl<'de> Deserialize<'de> for Dkk {
        /// A string in any form [`FromStr`](std::str::FromStr) accepts, or an integer of whole
        /// kroner (`total = 1467000` in TOML). Floating-point numbers are rejected.
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Dkk, D::Error> {
            deserializer.deserialize_any(DkkVisitor)
        }
    }

    struct DkkVisitor;

    impl Visitor<'_> for DkkVisitor {
        type Value = Dkk;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(
                "an amount in kroner as a string (\"1467000.00\", \"1.467.000,00 kr.\") or an integer of whole kroner",
            )
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Dkk, E> {
            v.parse().map_err(E::custom)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dkk, E> {
            Dkk::from_kroner(v).map_err(E::custom)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dkk, E> {
            i64::try_from(v)
                .map_err(|_| BudgetError::OutOfRange {
                    value: v.to_string(),
                })
                .and_then(Dkk::from_kroner)
                .map_err(E::custom)
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dkk, E> {
            Err(E::custom(BudgetError::InvalidAmount {
                input: v.to_string(),
                kind: AmountErrorKind::Float,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> i64 {
        s.parse::<Dkk>()
            .unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
            .ore()
    }

    fn err(s: &str) -> AmountErrorKind {
        match s.parse::<Dkk>() {
            Err(BudgetError::InvalidAmount { input, kind }) => {
                assert_eq!(input, s, "the error quotes the input");
                kind
            }
            other => panic!("{s:?} should be rejected, got {other:?}"),
        }
    }

    #[test]
    fn accepts_the_documented_forms() {
        assert_eq!(ok("1467000"), 146_700_000);
        assert_eq!(ok("1467000.50"), 146_700_050);
        assert_eq!(ok("1467000.5"), 146_700_050);
        assert_eq!(ok("1.467.000"), 146_700_000);
        assert_eq!(ok("1.467.000,50"), 146_700_050);
        assert_eq!(ok("1.467.000,50 kr."), 146_700_050);
        assert_eq!(ok("1.467.000,50kr."), 146_700_050);
        assert_eq!(ok("1.467.000,50 kr"), 146_700_050);
        assert_eq!(ok("  -1.467.000,50 kr.  "), -146_700_050);
        assert_eq!(ok("1,5"), 150);
        assert_eq!(ok("1,50"), 150);
        assert_eq!(ok("0,05"), 5);
        assert_eq!(ok("1.467,5"), 146_750);
        assert_eq!(ok("1.5"), 150);
        assert_eq!(ok("0"), 0);
        assert_eq!(ok("-0"), 0);
        assert_eq!(ok("007"), 700);
        assert_eq!(ok("12 kr"), 1200);
        assert_eq!(ok("417.000 kr."), 41_700_000);
        assert_eq!(ok("-1.467 kr"), -146_700);
        assert_eq!(ok("92233720368547758.07"), i64::MAX);
        assert_eq!(ok("-92233720368547758.08"), i64::MIN);
        assert_eq!(ok("92.233.720.368.547.758,07 kr."), i64::MAX);
    }

    #[test]
    fn rejects_ambiguous_and_malformed_text() {
        assert_eq!(err("1.467"), AmountErrorKind::Ambiguous);
        assert_eq!(err("1.500"), AmountErrorKind::Ambiguous);
        assert_eq!(err("-1.467"), AmountErrorKind::Ambiguous);
        assert_eq!(err("1.5 kr."), AmountErrorKind::BadGrouping);
        assert_eq!(err("1467000.50 kr"), AmountErrorKind::BadGrouping);
        assert_eq!(err("1,467.00"), AmountErrorKind::EnglishGrouping);
        assert_eq!(err("1,467,000"), AmountErrorKind::EnglishGrouping);
        assert_eq!(err("1.46.000"), AmountErrorKind::BadGrouping);
        assert_eq!(err("0.467.000"), AmountErrorKind::BadGrouping);
        assert_eq!(err("1467.000.000"), AmountErrorKind::BadGrouping);
        assert_eq!(err("1.4670,00"), AmountErrorKind::BadGrouping);
        assert_eq!(err("1.467.000.50"), AmountErrorKind::BadGrouping);
        assert_eq!(err("1,505"), AmountErrorKind::TooManyDecimals);
        assert_eq!(err("1467.000"), AmountErrorKind::TooManyDecimals);
        assert_eq!(err("0.125"), AmountErrorKind::TooManyDecimals);
        assert_eq!(err("1.5050"), AmountErrorKind::TooManyDecimals);
        assert_eq!(err(",50"), AmountErrorKind::MissingDigits);
        assert_eq!(err("1."), AmountErrorKind::MissingDigits);
        assert_eq!(err("1,"), AmountErrorKind::MissingDigits);
        assert_eq!(err("1..000"), AmountErrorKind::MissingDigits);
        assert_eq!(err(""), AmountErrorKind::Empty);
        assert_eq!(err("   "), AmountErrorKind::Empty);
        assert_eq!(err("kr."), AmountErrorKind::Empty);
        assert_eq!(err("-"), AmountErrorKind::Empty);
        assert_eq!(err("1 467 000"), AmountErrorKind::InvalidCharacter(' '));
        assert_eq!(err("+5"), AmountErrorKind::InvalidCharacter('+'));
        assert_eq!(err("5 DKK"), AmountErrorKind::InvalidCharacter(' '));
        assert_eq!(err("--5"), AmountErrorKind::InvalidCharacter('-'));
        assert_eq!(err("1e6"), AmountErrorKind::InvalidCharacter('e'));
        assert_eq!(err("92233720368547758.08"), AmountErrorKind::OutOfRange);
        assert_eq!(
            err("99999999999999999999999999999999999999999"),
            AmountErrorKind::OutOfRange
        );
    }

    #[test]
    fn error_messages_quote_the_text() {
        let msg = "1.467".parse::<Dkk>().unwrap_err().to_string();
        assert!(
            msg.starts_with("invalid amount \"1.467\": ambiguous"),
            "{msg}"
        );
        let msg = "1,467.00".parse::<Dkk>().unwrap_err().to_string();
        assert!(
            msg.contains("\"1,467.00\"") && msg.contains("English"),
            "{msg}"
        );
        let msg = "1,505".parse::<Dkk>().unwrap_err().to_string();
        assert!(
            msg.contains("\"1,505\"") && msg.contains("two decimals"),
            "{msg}"
        );
    }

    #[test]
    fn formats_danish_and_machine() {
        let cases = [
            (0, "0,00 kr.", "0.00"),
            (5, "0,05 kr.", "0.05"),
            (-5, "-0,05 kr.", "-0.05"),
            (100_000, "1.000,00 kr.", "1000.00"),
            (99_999, "999,99 kr.", "999.99"),
            (146_700_000, "1.467.000,00 kr.", "1467000.00"),
            (-146_700_000, "-1.467.000,00 kr.", "-1467000.00"),
            (
                i64::MAX,
                "92.233.720.368.547.758,07 kr.",
                "92233720368547758.07",
            ),
            (
                i64::MIN,
                "-92.233.720.368.547.758,08 kr.",
                "-92233720368547758.08",
            ),
        ];
        for (ore, danish, machine) in cases {
            let d = Dkk::from_ore(ore);
            assert_eq!(d.to_string(), danish);
            assert_eq!(d.danish(), danish);
            assert_eq!(d.machine(), machine);
            assert_eq!(format!("{d:#}"), machine);
        }
        assert_eq!(format!("{:>12}", Dkk::from_ore(150)), "    1,50 kr.");
        assert_eq!(Dkk::MAX.ore(), i64::MAX);
        assert_eq!(Dkk::MIN.ore(), i64::MIN);
        assert_eq!(Dkk::ZERO.ore(), 0);
    }

    #[test]
    fn converts_from_decimal_without_rounding() {
        assert_eq!(Dkk::try_from(Decimal::new(15, 1)).unwrap().ore(), 150);
        assert_eq!(Dkk::try_from(Decimal::new(150, 2)).unwrap().ore(), 150);
        assert_eq!(Dkk::try_from(Decimal::new(15_000, 4)).unwrap().ore(), 150);
        let e = Dkk::try_from(Decimal::new(1505, 3)).unwrap_err();
        assert_eq!(
            e,
            BudgetError::SubOre {
                value: Decimal::new(1505, 3)
            }
        );
        assert!(e.to_string().contains("1.505"), "{e}");
        assert!(matches!(
            Dkk::try_from(Decimal::MAX),
            Err(BudgetError::OutOfRange { .. })
        ));
        let d = Dkk::from_ore(-123_456);
        assert_eq!(Dkk::try_from(Decimal::from(d)).unwrap(), d);
        assert_eq!(d.to_decimal().scale(), 2);
        assert_eq!(Dkk::try_from(Decimal::new(-0, 3)).unwrap(), Dkk::ZERO);
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let a = Dkk::from_kroner(1_467_000).unwrap();
        assert_eq!(a.checked_mul(4).unwrap().to_string(), "5.868.000,00 kr.");
        assert_eq!(
            a.checked_sub(Dkk::from_kroner(417_000).unwrap())
                .unwrap()
                .ore(),
            105_000_000
        );
        let e = Dkk::MAX.checked_add(Dkk::from_ore(1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "overflow: 92.233.720.368.547.758,07 kr. + 0,01 kr. is outside the supported range of amounts"
        );
        assert!(Dkk::MIN.checked_sub(Dkk::from_ore(1)).is_err());
        assert!(Dkk::MAX.checked_mul(2).is_err());
        assert!(Dkk::MIN.checked_neg().is_err());
        assert_eq!(Dkk::MAX.checked_neg().unwrap().ore(), -i64::MAX);
        assert!(Dkk::from_kroner(i64::MAX / 100 + 1).is_err());
        assert_eq!(
            Dkk::checked_sum([Dkk::MAX, Dkk::from_ore(1), Dkk::from_ore(-1)]).unwrap(),
            Dkk::MAX
        );
        let e = Dkk::checked_sum([Dkk::MAX, Dkk::from_ore(1)]).unwrap_err();
        assert!(e.to_string().contains("the sum of 2 amounts"), "{e}");
        assert_eq!(Dkk::checked_sum([]).unwrap(), Dkk::ZERO);
    }

    #[test]
    fn orders_by_value() {
        assert!(Dkk::from_ore(-1) < Dkk::ZERO);
        assert!(Dkk::from_ore(150) > Dkk::from_kroner(1).unwrap());
        assert!(Dkk::from_ore(-1).is_negative() && Dkk::ZERO.is_zero());
    }
}
