//! [`Year`]: a calendar year that a partnership's data can name.

use std::fmt;
use std::iter::FusedIterator;
use std::str::FromStr;

/// A calendar year from [`Year::MIN`] (1900) to [`Year::MAX`] (2199).
///
/// Every tryghed crate takes and returns years as this type: budgets, agreement periods,
/// plans, observations, goal evaluations, counts and reports. The range is **our rule**, not
/// the agreement's: it holds every year a safety partnership's data can name (the oldest
/// statistics the crates read start in the 2000s, agreements run for a few years), with room
/// on both sides; anything outside it (`0`, `9999`, a period from year `1` to `100000000`) is a
/// typo, and cannot even be built. So a loop over a period's years is short, and a year plus
/// or minus a few years stays representable — [`Year::next`], [`Year::previous`] and
/// [`Year::checked_add`] say `None` at the edges instead of overflowing.
///
/// A `Year` converts losslessly into `i32`, `i64` and `u16`; from integers and text it is
/// checked ([`Year::new`], `TryFrom<i32>`, [`Year::from_i64`], [`FromStr`]). With the `serde` feature it is a plain JSON/TOML
/// integer, checked by the same rule when read; with `schemars` its schema states the range;
/// with `chrono` it converts from a [`chrono::NaiveDate`] and gives its first and last day.
///
/// ```
/// use tryghed_core::Year;
///
/// let first = Year::try_from(2026)?;
/// let last = Year::new(2029)?;
/// let years: Vec<i32> = first.through(last).map(i32::from).collect();
/// assert_eq!(years, [2026, 2027, 2028, 2029]);
/// assert_eq!(first.next(), Some(Year::try_from(2027)?));
/// assert_eq!(last.years_since(first), 3);
///
/// assert!(Year::try_from(0).is_err());
/// assert!(Year::try_from(9999).is_err());
/// assert!("20 26".parse::<Year>().is_err());
/// # Ok::<(), tryghed_core::YearError>(())
/// ```
#[doc(alias = "år")]
#[doc(alias = "årstal")]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(u16);

/// A number that is not a [`Year`]: it is outside [`Year::MIN`]..=[`Year::MAX`].
///
/// `Copy` and without a destructor, so [`Year::new`] can be used to build constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("the year {value} is outside {min}–{max}, the years tryghed accepts", min = Year::MIN, max = Year::MAX)]
pub struct YearError {
    value: i64,
}

impl YearError {
    /// The number given.
    pub fn value(&self) -> i64 {
        self.value
    }
}

/// A text that is not a [`Year`] (from [`Year`]'s [`FromStr`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseYearError {
    /// The text is not a whole number written with ASCII digits.
    #[error("{text:?} is not a year (write it with digits, such as 2026)")]
    #[non_exhaustive]
    NotANumber {
        /// The text given, cut to its first 40 characters.
        text: String,
    },
    /// The text is a number, but not a year tryghed accepts.
    #[error(transparent)]
    OutOfRange(#[from] YearError),
}

impl Year {
    /// The first year accepted: 1900.
    pub const MIN: Year = Year(1900);
    /// The last year accepted: 2199.
    pub const MAX: Year = Year(2199);

    /// Checks `value` against the accepted range.
    ///
    /// A `const fn`, so a constant year is checked when the program is compiled:
    ///
    /// ```
    /// use tryghed_core::Year;
    ///
    /// const FIRST: Year = match Year::new(2026) {
    ///     Ok(year) => year,
    ///     Err(_) => panic!("not a year"),
    /// };
    /// assert_eq!(FIRST.get(), 2026);
    /// assert_eq!(Year::new(1899).unwrap_err().value(), 1899);
    /// ```
    ///
    /// # Errors
    ///
    /// [`YearError`] when `value` is before 1900 or after 2199.
    pub const fn new(value: i32) -> Result<Year, YearError> {
        if value >= Year::MIN.0 as i32 && value <= Year::MAX.0 as i32 {
            // In range, so it fits a u16.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(Year(value as u16))
        } else {
            Err(YearError {
                value: value as i64,
            })
        }
    }

    /// The year as a number.
    pub const fn get(self) -> i32 {
        self.0 as i32
    }

    /// The following year, `None` after [`Year::MAX`].
    #[must_use]
    pub const fn next(self) -> Option<Year> {
        self.checked_add(1)
    }

    /// The year before, `None` before [`Year::MIN`].
    #[must_use]
    pub const fn previous(self) -> Option<Year> {
        self.checked_add(-1)
    }

    /// This year moved by `years` (negative moves back), `None` outside the range.
    ///
    /// ```
    /// use tryghed_core::Year;
    /// let year = Year::try_from(2026)?;
    /// assert_eq!(year.checked_add(-4).map(Year::get), Some(2022));
    /// assert_eq!(Year::MAX.checked_add(1), None);
    /// # Ok::<(), tryghed_core::YearError>(())
    /// ```
    #[must_use]
    pub const fn checked_add(self, years: i32) -> Option<Year> {
        match (self.0 as i32).checked_add(years) {
            // In range, so it fits a u16.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(value) if value >= Year::MIN.0 as i32 && value <= Year::MAX.0 as i32 => {
                Some(Year(value as u16))
            }
            _ => None,
        }
    }

    /// This year moved by `years`, held at [`Year::MIN`] or [`Year::MAX`] at the edges.
    ///
    /// For labels and bounds ("from 2026"); where the edge matters, [`Year::checked_add`]
    /// says so instead.
    ///
    /// ```
    /// use tryghed_core::Year;
    /// assert_eq!(Year::new(2026)?.saturating_add(3).get(), 2029);
    /// assert_eq!(Year::MAX.saturating_add(1), Year::MAX);
    /// # Ok::<(), tryghed_core::YearError>(())
    /// ```
    #[must_use]
    pub const fn saturating_add(self, years: i32) -> Year {
        match self.checked_add(years) {
            Some(year) => year,
            None if years < 0 => Year::MIN,
            None => Year::MAX,
        }
    }

    /// This year moved back by `years`, held at [`Year::MIN`] or [`Year::MAX`] at the edges.
    ///
    /// ```
    /// use tryghed_core::Year;
    /// assert_eq!(Year::new(2026)?.saturating_sub(1).get(), 2025);
    /// assert_eq!(Year::MIN.saturating_sub(1), Year::MIN);
    /// # Ok::<(), tryghed_core::YearError>(())
    /// ```
    #[must_use]
    pub const fn saturating_sub(self, years: i32) -> Year {
        if years == i32::MIN {
            // -i32::MIN overflows; any such move is past the edge.
            return Year::MAX;
        }
        self.saturating_add(-years)
    }

    /// How many years `self` is after `earlier` (negative when it is before).
    pub const fn years_since(self, earlier: Year) -> i32 {
        self.0 as i32 - earlier.0 as i32
    }

    /// The years from `self` to `last`, both included; empty when `last` is before `self`.
    ///
    /// ```
    /// use tryghed_core::Year;
    /// let (a, b) = (Year::try_from(2026)?, Year::try_from(2029)?);
    /// assert_eq!(a.through(b).len(), 4);
    /// assert_eq!(b.through(a).count(), 0);
    /// assert_eq!(a.through(b).rev().next(), Some(b));
    /// # Ok::<(), tryghed_core::YearError>(())
    /// ```
    pub const fn through(self, last: Year) -> Years {
        Years {
            next: self.0,
            last: last.0,
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Year({})", self.0)
    }
}

impl From<Year> for i32 {
    fn from(year: Year) -> i32 {
        year.get()
    }
}

impl From<Year> for i64 {
    fn from(year: Year) -> i64 {
        i64::from(year.0)
    }
}

impl From<Year> for u16 {
    fn from(year: Year) -> u16 {
        year.0
    }
}

impl TryFrom<i32> for Year {
    type Error = YearError;
    fn try_from(value: i32) -> Result<Year, YearError> {
        Year::new(value)
    }
}

impl Year {
    /// Checks a wide integer, as a file reader has it; the error keeps the number as given.
    ///
    /// # Errors
    ///
    /// [`YearError`] when `value` is before 1900 or after 2199.
    pub fn from_i64(value: i64) -> Result<Year, YearError> {
        i32::try_from(value)
            .ok()
            .and_then(|value| Year::new(value).ok())
            .ok_or(YearError { value })
    }
}

impl FromStr for Year {
    type Err = ParseYearError;

    /// Reads a year written with ASCII digits, such as `2026` (an optional sign is accepted
    /// so that `-1` is reported as out of range; no spaces).
    fn from_str(s: &str) -> Result<Year, ParseYearError> {
        let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseYearError::NotANumber {
                text: s.chars().take(40).collect(),
            });
        }
        let value = match s.parse::<i64>() {
            Ok(value) => value,
            // Only digits, so the number is too large for an i64: out of range either way.
            Err(_) if s.starts_with('-') => i64::MIN,
            Err(_) => i64::MAX,
        };
        Ok(Year::from_i64(value)?)
    }
}

/// The years of a [`Year::through`] range, in order; double-ended and of known length.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Years {
    // Empty when next > last.
    next: u16,
    last: u16,
}

impl Years {
    /// Whether `year` is among the years not yet taken from the range.
    pub fn contains(&self, year: Year) -> bool {
        (self.next..=self.last).contains(&year.0)
    }
}

impl Iterator for Years {
    type Item = Year;

    fn next(&mut self) -> Option<Year> {
        if self.next > self.last {
            return None;
        }
        let year = Year(self.next);
        self.next += 1;
        Some(year)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len =
            usize::from(self.last.saturating_sub(self.next)) + usize::from(self.next <= self.last);
        (len, Some(len))
    }
}

impl DoubleEndedIterator for Years {
    fn next_back(&mut self) -> Option<Year> {
        if self.next > self.last {
            return None;
        }
        let year = Year(self.last);
        if self.last == self.next {
            // Leave the range empty without going below Year::MIN.
            self.next += 1;
        } else {
            self.last -= 1;
        }
        Some(year)
    }
}

impl ExactSizeIterator for Years {}
impl FusedIterator for Years {}

#[cfg(feature = "chrono")]
#[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
mod chrono_impls {
    use chrono::{Datelike, NaiveDate};

    use super::{Year, YearError};

    impl TryFrom<NaiveDate> for Year {
        type Error = YearError;

        /// The year of a date; dates before 1900 or after 2199 are out of range.
        fn try_from(date: NaiveDate) -> Result<Year, YearError> {
            Year::new(date.year())
        }
    }

    impl Year {
        /// 1 January of this year.
        #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
        pub fn first_day(self) -> NaiveDate {
            // Every year 1900–2199 is inside chrono's range, so the fallback is never used.
            NaiveDate::from_yo_opt(self.get(), 1).unwrap_or(NaiveDate::MIN)
        }

        /// 31 December of this year.
        #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
        pub fn last_day(self) -> NaiveDate {
            NaiveDate::from_ymd_opt(self.get(), 12, 31).unwrap_or(NaiveDate::MAX)
        }

        /// Whether `date` falls in this year.
        #[cfg_attr(docsrs, doc(cfg(feature = "chrono")))]
        pub fn contains(self, date: NaiveDate) -> bool {
            date.year() == self.get()
        }
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for Year {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> serde::Deserialize<'de> for Year {
    /// Reads an integer and checks it as [`Year::from_i64`] does.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Year, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Year;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a year from {} to {}", Year::MIN, Year::MAX)
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Year, E> {
                Year::from_i64(value).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Year, E> {
                Year::from_i64(i64::try_from(value).unwrap_or(i64::MAX)).map_err(E::custom)
            }
        }
        deserializer.deserialize_i64(Visitor)
    }
}

#[cfg(feature = "schemars")]
#[cfg_attr(docsrs, doc(cfg(feature = "schemars")))]
impl schemars::JsonSchema for Year {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Year".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": Year::MIN.get(),
            "maximum": Year::MAX.get(),
            "description": "A calendar year, 1900–2199."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edges() {
        assert_eq!(Year::try_from(1900).map(Year::get), Ok(1900));
        assert_eq!(Year::try_from(2199).map(Year::get), Ok(2199));
        assert_eq!(Year::try_from(1899), Err(YearError { value: 1899 }));
        assert_eq!(Year::try_from(2200), Err(YearError { value: 2200 }));
        assert_eq!(
            Year::from_i64(100_000_000),
            Err(YearError { value: 100_000_000 })
        );
        assert_eq!(Year::from_i64(i64::MIN).ok(), None);
        assert_eq!(Year::MAX.next(), None);
        assert_eq!(Year::MIN.previous(), None);
        assert_eq!(Year::MIN.checked_add(i32::MAX), None);
        assert_eq!(Year::MAX.checked_add(i32::MIN), None);
    }

    #[test]
    fn text() {
        assert_eq!("2026".parse::<Year>().map(Year::get), Ok(2026));
        assert_eq!(
            "-1".parse::<Year>(),
            Err(ParseYearError::OutOfRange(YearError { value: -1 }))
        );
        assert_eq!(
            "99999999999999999999999".parse::<Year>(),
            Err(ParseYearError::OutOfRange(YearError { value: i64::MAX }))
        );
        for bad in ["", " 2026", "2026 ", "20.26", "år", "-", "+"] {
            assert!(
                matches!(bad.parse::<Year>(), Err(ParseYearError::NotANumber { .. })),
                "{bad:?}"
            );
        }
        let long = "x".repeat(1000);
        let Err(ParseYearError::NotANumber { text }) = long.parse::<Year>() else {
            panic!("expected NotANumber");
        };
        assert_eq!(text.len(), 40);
        assert_eq!(
            Year::try_from(0).unwrap_err().to_string(),
            "the year 0 is outside 1900–2199, the years tryghed accepts"
        );
    }

    #[test]
    fn ranges() {
        let a = Year::try_from(2026).unwrap();
        let b = Year::try_from(2029).unwrap();
        let mut years = a.through(b);
        assert!(years.contains(a) && years.contains(b));
        assert_eq!(years.next_back(), Some(b));
        assert_eq!(years.len(), 3);
        assert!(!years.contains(b));
        let all: Vec<_> = Year::MIN.through(Year::MAX).collect();
        assert_eq!(all.len(), 300);
        let mut one = Year::MIN.through(Year::MIN);
        assert_eq!(one.next_back(), Some(Year::MIN));
        assert_eq!(one.next(), None);
        assert_eq!(one.len(), 0);
    }

    proptest! {
        #[test]
        fn accepted_exactly_in_range(value in any::<i64>()) {
            let year = Year::from_i64(value);
            prop_assert_eq!(year.is_ok(), (1900..=2199).contains(&value));
            if let Ok(year) = year {
                prop_assert_eq!(i64::from(year), value);
                prop_assert_eq!(year.to_string().parse::<Year>(), Ok(year));
                prop_assert_eq!(value.to_string().parse::<Year>(), Ok(year));
            } else {
                prop_assert_eq!(value.to_string().parse::<Year>(), Err(ParseYearError::OutOfRange(YearError { value })));
            }
        }

        #[test]
        fn through_matches_integer_range(a in 1900_i32..=2199, b in 1900_i32..=2199) {
            let (ya, yb) = (Year::try_from(a).unwrap(), Year::try_from(b).unwrap());
            let got: Vec<i32> = ya.through(yb).map(i32::from).collect();
            let want: Vec<i32> = (a..=b).collect();
            prop_assert_eq!(got.len(), ya.through(yb).len());
            prop_assert_eq!(&got, &want);
            let back: Vec<i32> = ya.through(yb).rev().map(i32::from).collect();
            prop_assert_eq!(back, want.into_iter().rev().collect::<Vec<_>>());
        }

        #[test]
        fn saturating_add_clamps_integer_addition(a in 1900_i32..=2199, d in any::<i32>()) {
            let year = Year::try_from(a).unwrap();
            let want = i64::from(a).saturating_add(i64::from(d)).clamp(1900, 2199);
            prop_assert_eq!(i64::from(year.saturating_add(d)), want);
            let want = i64::from(a).saturating_sub(i64::from(d)).clamp(1900, 2199);
            prop_assert_eq!(i64::from(year.saturating_sub(d)), want);
        }

        #[test]
        fn checked_add_is_integer_addition(a in 1900_i32..=2199, d in any::<i32>()) {
            let year = Year::try_from(a).unwrap();
            let want = a.checked_add(d).filter(|v| (1900..=2199).contains(v));
            prop_assert_eq!(year.checked_add(d).map(Year::get), want);
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_goes_through_the_check() {
        let year: Year = serde_json::from_str("2026").unwrap();
        assert_eq!(serde_json::to_string(&year).unwrap(), "2026");
        let err = serde_json::from_str::<Year>("9999").unwrap_err();
        assert!(err.to_string().contains("outside 1900–2199"), "{err}");
        assert!(serde_json::from_str::<Year>("100000000000000000000").is_err());
        assert!(serde_json::from_str::<Year>("18446744073709551615").is_err());
        assert!(serde_json::from_str::<Year>("-5").is_err());
        assert!(serde_json::from_str::<Year>("\"2026\"").is_err());
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn dates() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let year = Year::try_from(date).unwrap();
        assert_eq!(year.get(), 2026);
        assert!(year.contains(date) && !year.next().unwrap().contains(date));
        assert_eq!(year.first_day().to_string(), "2026-01-01");
        assert_eq!(Year::MAX.last_day().to_string(), "2199-12-31");
        let old = chrono::NaiveDate::from_ymd_opt(1066, 10, 14).unwrap();
        assert!(Year::try_from(old).is_err());
    }
}
