//! Rates per 1.000 indbyggere that give no suppressed count back.

use crate::{PublishedCount, SuppressionThreshold, fmt};

/// Reports per 1.000 indbyggere, with one decimal (the agreement's form: "45,3 per 1.000
/// indbyggere"), that may be published.
///
/// A rate is a count in disguise: rate × indbyggere / 1.000 gives the count back. So a rate is
/// only published when it cannot give back a hidden count:
///
/// - [`from_count`](Self::from_count): from a count that is shown (a hidden count has no rate);
/// - [`stated`](Self::stated): a rate given without its count (a baseline written into an
///   agreement or an amendment) is withheld when, with the residents a reader knows, it would
///   give back a count below the threshold.
///
/// ```
/// use tryghed_disclosure::{PublishedCount, PublishedRate, SuppressionThreshold};
///
/// let t = SuppressionThreshold::default();
/// let rate = PublishedRate::from_count(PublishedCount::new(136, t), 3_000);
/// assert_eq!(rate.map(|r| r.to_string()), Some("45,3".to_owned()));
/// assert_eq!(PublishedRate::from_count(PublishedCount::new(4, t), 3_000), None);
/// // 0,7 per 1.000 of 3.000 residents is 2 reports: withheld.
/// assert_eq!(PublishedRate::stated(7, Some(3_000), t), None);
/// assert!(PublishedRate::stated(453, Some(3_000), t).is_some());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[doc(alias = "rate")]
#[doc(alias = "per 1.000 indbyggere")]
pub struct PublishedRate {
    tenths: u64,
}

impl PublishedRate {
    /// The rate of a shown count among `residents`, rounded half up to one decimal. `None`
    /// when the count is hidden or `residents` is 0.
    #[must_use]
    pub fn from_count(count: PublishedCount, residents: u64) -> Option<Self> {
        let n = u128::from(count.value()?);
        let r = u128::from(residents);
        if r == 0 {
            return None;
        }
        // tenths = round(n · 10_000 / r), half up, in integers.
        let tenths = (n * 20_000 + r) / (2 * r);
        u64::try_from(tenths).ok().map(|tenths| Self { tenths })
    }

    /// A rate stated without its count, in tenths (`453` for 45,3), as it may be published.
    ///
    /// `residents` are the residents a reader knows (printed anywhere in the same output, or
    /// public): pass them whenever they are. The rate is withheld (`None`) when some count
    /// below `threshold` rounds to it: every count `k` with `k · 10.000 / residents` within half
    /// a tenth of the rate is one the reader cannot rule out. With `residents` unknown the rate
    /// gives no count back and is published.
    #[must_use]
    pub fn stated(
        tenths: u64,
        residents: Option<u64>,
        threshold: SuppressionThreshold,
    ) -> Option<Self> {
        let rate = Self { tenths };
        let Some(r) = residents.filter(|&r| r > 0) else {
            return Some(rate);
        };
        // Counts k with (2·tenths − 1)·r ≤ 20_000·k ≤ (2·tenths + 1)·r round to `tenths`
        // (both ends included: a reader cannot know how a half was rounded).
        let r = u128::from(r);
        let t = u128::from(tenths);
        let lo = (2 * t).saturating_sub(1) * r; // 20_000 · k ≥ lo
        let hi = (2 * t + 1) * r; // 20_000 · k ≤ hi
        let smallest = lo.div_ceil(20_000);
        let possible_small = smallest < u128::from(threshold.get()) && 20_000 * smallest <= hi;
        (!possible_small).then_some(rate)
    }

    /// The rate in tenths (`453` for 45,3 per 1.000).
    #[must_use]
    pub const fn tenths(self) -> u64 {
        self.tenths
    }
}

impl std::fmt::Display for PublishedRate {
    /// One decimal, Danish: `45,3`, `1.234,5`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&fmt::tenths(u128::from(self.tenths)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn thr(t: u64) -> SuppressionThreshold {
        SuppressionThreshold::new(t).unwrap()
    }

    #[test]
    fn rates_round_half_up_to_one_decimal() {
        let t = thr(5);
        let rate =
            |n, r| PublishedRate::from_count(PublishedCount::new(n, t), r).map(|x| x.to_string());
        assert_eq!(rate(136, 3_000), Some("45,3".into()));
        assert_eq!(rate(5, 2_000), Some("2,5".into()));
        assert_eq!(rate(5, 40_000), Some("0,1".into())); // 0,125 → 0,1
        assert_eq!(rate(6, 40_000), Some("0,2".into())); // 0,15 → 0,2 (half up)
        assert_eq!(rate(12_345, 10_000), Some("1.234,5".into()));
        assert_eq!(rate(10, 0), None);
        assert_eq!(rate(4, 3_000), None);
        let hidden = PublishedCount::new(50, t).withheld();
        assert_eq!(PublishedRate::from_count(hidden, 3_000), None);
    }

    #[test]
    fn stated_rates_that_give_back_a_small_count_are_withheld() {
        let t = thr(5);
        // 0,0 per 1.000: the count could be 0.
        assert_eq!(PublishedRate::stated(0, Some(3_000), t), None);
        // 1,3 per 1.000 of 3.000 is 3,9 → 4 reports.
        assert_eq!(PublishedRate::stated(13, Some(3_000), t), None);
        // 1,7 per 1.000 of 3.000 is 5,1 → 5 reports: published.
        assert!(PublishedRate::stated(17, Some(3_000), t).is_some());
        // Unknown residents: no count comes back.
        assert!(PublishedRate::stated(0, None, t).is_some());
        // A large city: 0,1 per 1.000 of 650.000 is 65 reports.
        assert!(PublishedRate::stated(1, Some(650_000), t).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// A published stated rate is one no count below the threshold rounds to, with the
        /// residents known (checked against every small count by brute force, with the rate
        /// of each computed as `from_count` does).
        #[test]
        fn a_published_rate_gives_back_no_small_count(
            tenths in 0u64..500, residents in 1u64..20_000, t in 3u64..10,
        ) {
            let thr = thr(t);
            let published = PublishedRate::stated(tenths, Some(residents), thr).is_some();
            // Does any count k < t, rounded either way at a half, give `tenths`?
            let gives_back = (0..t).any(|k| {
                let exact_twice = u128::from(k) * 20_000; // 2 · k · 10_000
                let r = u128::from(residents);
                // |k·10000/r − tenths| ≤ ½  ⇔  |2·k·10000 − 2·tenths·r| ≤ r
                exact_twice.abs_diff(2 * u128::from(tenths) * r) <= r
            });
            prop_assert_eq!(published, !gives_back);
        }

        /// `from_count` is the count's rate to the nearest tenth.
        #[test]
        fn from_count_is_nearest_tenth(n in 5u64..100_000, residents in 1u64..1_000_000) {
            let r = PublishedRate::from_count(PublishedCount::new(n, thr(5)), residents).unwrap();
            // |tenths − n·10.000/residents| ≤ ½, in integers.
            let twice_off = (2 * u128::from(r.tenths()) * u128::from(residents))
                .abs_diff(2 * u128::from(n) * 10_000);
            prop_assert!(twice_off <= u128::from(residents));
        }
    }
}
