//! The suppression threshold.

use crate::DisclosureError;

/// The suppression threshold: a count of police reports **below** it is never published.
///
/// The default is 5: a published count is 5 or more, and every count from 0 to 4 is printed
/// `< 5`. Zero is a count like any other: "0 anmeldelser" in a small area is as telling as
/// "1 anmeldelse" (and a 0 printed next to `< 5` cells would say which cells are not 0).
///
/// The lowest threshold accepted is [`MIN`](Self::MIN) = 3, and 0 does **not** turn
/// suppression off. That is our rule, not the agreement's: a threshold of 1 or 2 would publish
/// the ones and twos that point most directly at a person, and a second road to exact figures
/// would make "published" mean nothing. Exact figures exist only in an output the user asks for
/// explicitly and that is stamped [`CONFIDENTIAL_STAMP`](crate::CONFIDENTIAL_STAMP)
/// (`tryghed report --format json --unsuppressed`). There is no upper limit: a higher
/// threshold only hides more.
///
/// ```
/// use tryghed_disclosure::SuppressionThreshold;
///
/// # fn main() -> Result<(), tryghed_disclosure::DisclosureError> {
/// assert_eq!(SuppressionThreshold::default().get(), 5);
/// let ten = SuppressionThreshold::new(10)?;
/// assert!(ten.suppresses(9) && !ten.suppresses(10));
/// assert!(SuppressionThreshold::new(0).is_err()); // no way to switch suppression off
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u64", into = "u64"))]
#[doc(alias = "diskretionering")]
#[doc(alias = "tærskel")]
#[doc(alias = "diskretionsgrænse")]
pub struct SuppressionThreshold(u64);

impl SuppressionThreshold {
    /// The lowest threshold accepted: 3 (our rule; see the type's docs).
    pub const MIN: u64 = 3;

    /// The default threshold: 5.
    pub const DEFAULT: Self = Self(5);

    /// A threshold of `value`.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::ThresholdTooLow`] when `value` is below [`MIN`](Self::MIN)
    /// (0 included).
    pub const fn new(value: u64) -> Result<Self, DisclosureError> {
        if value < Self::MIN {
            Err(DisclosureError::ThresholdTooLow {
                value,
                minimum: Self::MIN,
            })
        } else {
            Ok(Self(value))
        }
    }

    /// The threshold as a number.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0
    }

    /// Whether a count of `raw` is suppressed (is below the threshold).
    #[must_use]
    pub const fn suppresses(self, raw: u64) -> bool {
        raw < self.0
    }
}

impl Default for SuppressionThreshold {
    /// [`SuppressionThreshold::DEFAULT`] (5).
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u64> for SuppressionThreshold {
    type Error = DisclosureError;

    fn try_from(value: u64) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<SuppressionThreshold> for u64 {
    fn from(t: SuppressionThreshold) -> Self {
        t.0
    }
}

impl std::fmt::Display for SuppressionThreshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::SuppressionThreshold;
    use proptest::prelude::*;

    #[test]
    fn zero_one_two_are_rejected_three_is_the_lowest() {
        for v in 0..3 {
            assert!(SuppressionThreshold::new(v).is_err(), "{v}");
        }
        assert_eq!(
            SuppressionThreshold::new(3).map(SuppressionThreshold::get),
            Ok(3)
        );
        assert_eq!(SuppressionThreshold::default().get(), 5);
        assert_eq!(
            SuppressionThreshold::new(u64::MAX).map(u64::from),
            Ok(u64::MAX)
        );
    }

    proptest! {
        /// A threshold suppresses exactly the counts below it, 0 included.
        #[test]
        fn suppresses_exactly_below(t in 3u64..1_000, raw in 0u64..2_000) {
            let thr = SuppressionThreshold::new(t).unwrap();
            prop_assert_eq!(thr.suppresses(raw), raw < t);
            prop_assert!(thr.suppresses(0));
        }
    }
}
