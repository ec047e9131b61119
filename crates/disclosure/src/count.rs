//! A count that knows whether it may be published, and what a reader can learn from it.

use crate::{SuppressionThreshold, fmt};

/// How a suppressed cell that is *not* below the threshold is printed: a cell hidden by
/// complementary suppression ([`crate::protect_total`]) so that subtraction recovers nothing.
pub const COMPLEMENTARY_LABEL: &str = "skjult";

/// A count of police reports (anmeldelser) as it may be published.
///
/// Built only from a raw count and a [`SuppressionThreshold`] ([`PublishedCount::new`]), or by
/// complementary suppression ([`crate::protect_total`]). A suppressed count **does not hold its
/// raw value**: nothing that receives a `PublishedCount` (a template, a sentence, a JSON
/// writer) can print it, by accident or otherwise. It prints (`Display`) as a Danish count:
///
/// | raw count | printed | [`value`](Self::value) |
/// |---|---|---|
/// | 14 | `14` | `Some(14)` |
/// | 1234 | `1.234` | `Some(1234)` |
/// | 0 to 4 (threshold 5) | `< 5` | `None` |
/// | hidden by complementary suppression | `skjult` ([`COMPLEMENTARY_LABEL`]) | `None` |
///
/// ```
/// use tryghed_disclosure::{PublishedCount, SuppressionThreshold};
///
/// let t = SuppressionThreshold::default();
/// assert_eq!(PublishedCount::new(1234, t).to_string(), "1.234");
/// assert_eq!(PublishedCount::new(0, t).to_string(), "< 5");
/// assert_eq!(PublishedCount::new(4, t).value(), None);
/// assert_eq!(PublishedCount::new(5, t).value(), Some(5));
/// ```
///
/// With the `serde` feature it serialises as
/// `{"status":"shown","value":14,"threshold":5}`, `{"status":"suppressed","threshold":5}` or
/// `{"status":"complementary","threshold":5}`, and deserialising checks that a shown value is
/// not below its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "crate::serde_form::CountForm",
        into = "crate::serde_form::CountForm"
    )
)]
#[doc(alias = "anmeldelser")]
#[doc(alias = "diskretionering")]
#[doc(alias = "antal")]
pub struct PublishedCount {
    state: State,
    threshold: SuppressionThreshold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum State {
    Shown(u64),
    /// Below the threshold; the raw value is gone.
    Suppressed,
    /// At or above the threshold, hidden so that subtraction recovers no suppressed part.
    Complementary,
}

/// What kind of publication a [`PublishedCount`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Publication {
    /// The value is shown.
    Shown,
    /// The value is below the threshold and printed `< threshold`.
    Suppressed,
    /// The value is at or above the threshold but hidden by complementary suppression.
    Complementary,
}

impl PublishedCount {
    /// The published form of a raw count: shown when it is at or above `threshold`, otherwise
    /// suppressed (0 included).
    #[must_use]
    pub const fn new(raw: u64, threshold: SuppressionThreshold) -> Self {
        let state = if threshold.suppresses(raw) {
            State::Suppressed
        } else {
            State::Shown(raw)
        };
        Self { state, threshold }
    }

    pub(crate) const fn from_parts(state: State, threshold: SuppressionThreshold) -> Self {
        Self { state, threshold }
    }

    /// The value when it is shown; `None` when it is suppressed or hidden.
    #[must_use]
    pub const fn value(self) -> Option<u64> {
        match self.state {
            State::Shown(n) => Some(n),
            State::Suppressed | State::Complementary => None,
        }
    }

    /// How it is published.
    #[must_use]
    pub const fn publication(self) -> Publication {
        match self.state {
            State::Shown(_) => Publication::Shown,
            State::Suppressed => Publication::Suppressed,
            State::Complementary => Publication::Complementary,
        }
    }

    /// Whether the value is shown.
    #[must_use]
    pub const fn is_shown(self) -> bool {
        matches!(self.state, State::Shown(_))
    }

    /// Whether the value is not shown, for either reason (below the threshold, or hidden by
    /// complementary suppression).
    #[must_use]
    pub const fn is_hidden(self) -> bool {
        !self.is_shown()
    }

    /// The threshold it was published under.
    #[must_use]
    pub const fn threshold(self) -> SuppressionThreshold {
        self.threshold
    }

    /// The same count hidden as well: a shown count becomes
    /// [`Publication::Complementary`]; a hidden one stays as it is. Hiding more is always
    /// allowed; there is no way back.
    #[must_use]
    pub const fn withheld(self) -> Self {
        match self.state {
            State::Shown(_) => Self::from_parts(State::Complementary, self.threshold),
            State::Suppressed | State::Complementary => self,
        }
    }

    /// What a reader knows about the raw value from the published form: exactly `n` when
    /// shown; `0 ..= threshold − 1` when suppressed; `threshold ..` (no upper bound) when hidden
    /// by complementary suppression.
    #[must_use]
    pub const fn bounds(self) -> Bounds {
        match self.state {
            State::Shown(n) => Bounds::exact(n),
            State::Suppressed => Bounds {
                lo: 0,
                hi: Some(self.threshold.get() - 1),
            },
            State::Complementary => Bounds {
                lo: self.threshold.get(),
                hi: None,
            },
        }
    }

    /// The change from `self` (the earlier year) to `later`, when both are shown. `None` when
    /// either is hidden: a change computed from or towards a hidden value gives it away
    /// (`< 5`, then 7 with a change of `+4`, says the hidden value was 3).
    #[must_use]
    #[doc(alias = "ændring")]
    #[doc(alias = "udvikling")]
    pub const fn change_to(self, later: Self) -> Option<CountChange> {
        match (self.value(), later.value()) {
            (Some(from), Some(to)) => Some(CountChange { from, to }),
            _ => None,
        }
    }

    /// Whether comparing `self` with `other` by `comparison` has an outcome a reader could
    /// not already tell from the two published forms: `Some(outcome)` when every pair of raw
    /// values consistent with them gives the same outcome (so a status word built on it
    /// reveals nothing), `None` when the outcome would bound a hidden value. See
    /// [`Bounds::compare`].
    ///
    /// ```
    /// use tryghed_disclosure::{Comparison, PublishedCount, SuppressionThreshold};
    ///
    /// let t = SuppressionThreshold::default();
    /// let hidden = PublishedCount::new(3, t); // "< 5"
    /// // "ikke opfyldt" against a baseline of 0 would say the hidden value is 1–4:
    /// assert_eq!(hidden.compare(Comparison::AtMost, PublishedCount::new(0, t)), None);
    /// // against a shown baseline of 12, "at most the baseline" is certain: safe to say.
    /// assert_eq!(hidden.compare(Comparison::AtMost, PublishedCount::new(12, t)), Some(true));
    /// ```
    #[must_use]
    pub const fn compare(self, comparison: Comparison, other: Self) -> Option<bool> {
        self.bounds().compare(comparison, other.bounds())
    }
}

impl std::fmt::Display for PublishedCount {
    /// `14`, `1.234`, `< 5`, or `skjult`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.state {
            State::Shown(n) => f.write_str(&fmt::int(u128::from(n))),
            State::Suppressed => write!(f, "< {}", fmt::int(u128::from(self.threshold.get()))),
            State::Complementary => f.write_str(COMPLEMENTARY_LABEL),
        }
    }
}

/// The change between two shown counts (`from` the earlier year, `to` the later).
///
/// Prints as a signed Danish number: `+3`, `-12`, `0`, `+1.204`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[doc(alias = "ændring")]
pub struct CountChange {
    from: u64,
    to: u64,
}

impl CountChange {
    /// The earlier count.
    #[must_use]
    pub const fn from(self) -> u64 {
        self.from
    }

    /// The later count.
    #[must_use]
    pub const fn to(self) -> u64 {
        self.to
    }

    /// `to − from`.
    #[must_use]
    pub const fn difference(self) -> i128 {
        self.to as i128 - self.from as i128
    }

    /// Which way it went.
    #[must_use]
    pub const fn direction(self) -> Direction {
        if self.to > self.from {
            Direction::Rising
        } else if self.to < self.from {
            Direction::Falling
        } else {
            Direction::Unchanged
        }
    }
}

impl std::fmt::Display for CountChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.difference();
        let sign = match d.signum() {
            1 => "+",
            -1 => "-",
            _ => "",
        };
        write!(f, "{sign}{}", fmt::int(d.unsigned_abs()))
    }
}

/// Which way a count went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[doc(alias = "udvikling")]
pub enum Direction {
    /// More than the year before.
    Rising,
    /// Fewer.
    Falling,
    /// The same.
    Unchanged,
}

impl Direction {
    /// `stigende`, `faldende`, `uændret`.
    #[must_use]
    pub const fn label_da(self) -> &'static str {
        match self {
            Direction::Rising => "stigende",
            Direction::Falling => "faldende",
            Direction::Unchanged => "uændret",
        }
    }
}

/// A comparison a status word is built on (`value` *comparison* `other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Comparison {
    /// `value < other`.
    Below,
    /// `value ≤ other` (e.g. "at least held at the baseline level" for crime).
    AtMost,
    /// `value ≥ other`.
    AtLeast,
    /// `value > other`.
    Above,
}

/// What a reader knows about a raw value: `lo ..= hi`, with no upper bound when `hi` is
/// `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bounds {
    lo: u64,
    hi: Option<u64>,
}

impl Bounds {
    /// A value known exactly (a shown count, or a public number such as a target).
    #[must_use]
    pub const fn exact(n: u64) -> Self {
        Self { lo: n, hi: Some(n) }
    }

    /// The lowest value consistent with what is published.
    #[must_use]
    pub const fn lo(self) -> u64 {
        self.lo
    }

    /// The highest value consistent with what is published (`None`: no upper bound).
    #[must_use]
    pub const fn hi(self) -> Option<u64> {
        self.hi
    }

    /// Whether the value is known exactly.
    #[must_use]
    pub const fn is_exact(self) -> bool {
        matches!(self.hi, Some(h) if h == self.lo)
    }

    /// `Some(outcome)` when `a comparison b` has the same outcome for every `a` in `self` and
    /// `b` in `other`; `None` when it depends on the hidden values (saying it would narrow
    /// them).
    ///
    /// ```
    /// use tryghed_disclosure::{Bounds, Comparison};
    ///
    /// let hidden = tryghed_disclosure::PublishedCount::new(
    ///     2, tryghed_disclosure::SuppressionThreshold::default()).bounds(); // 0..=4
    /// assert_eq!(hidden.compare(Comparison::AtMost, Bounds::exact(4)), Some(true));
    /// assert_eq!(hidden.compare(Comparison::AtMost, Bounds::exact(3)), None);
    /// assert_eq!(hidden.compare(Comparison::Above, Bounds::exact(9)), Some(false));
    /// ```
    #[must_use]
    pub const fn compare(self, comparison: Comparison, other: Bounds) -> Option<bool> {
        match comparison {
            Comparison::AtMost => at_most(self, other),
            Comparison::Below => below(self, other),
            Comparison::AtLeast => at_most(other, self),
            Comparison::Above => below(other, self),
        }
    }
}

/// `a ≤ b` for all, for none, or it depends.
const fn at_most(a: Bounds, b: Bounds) -> Option<bool> {
    if let Some(a_hi) = a.hi
        && a_hi <= b.lo
    {
        return Some(true);
    }
    if let Some(b_hi) = b.hi
        && a.lo > b_hi
    {
        return Some(false);
    }
    None
}

/// `a < b` for all, for none, or it depends.
const fn below(a: Bounds, b: Bounds) -> Option<bool> {
    if let Some(a_hi) = a.hi
        && a_hi < b.lo
    {
        return Some(true);
    }
    if let Some(b_hi) = b.hi
        && a.lo >= b_hi
    {
        return Some(false);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn thr(t: u64) -> SuppressionThreshold {
        SuppressionThreshold::new(t).unwrap()
    }

    #[test]
    fn prints_danish_counts() {
        let t = thr(5);
        assert_eq!(PublishedCount::new(14, t).to_string(), "14");
        assert_eq!(PublishedCount::new(1_234, t).to_string(), "1.234");
        assert_eq!(PublishedCount::new(5, t).to_string(), "5");
        assert_eq!(PublishedCount::new(4, t).to_string(), "< 5");
        assert_eq!(PublishedCount::new(0, t).to_string(), "< 5");
        assert_eq!(PublishedCount::new(0, thr(1_000)).to_string(), "< 1.000");
        assert_eq!(PublishedCount::new(9, t).withheld().to_string(), "skjult");
    }

    #[test]
    fn a_suppressed_count_holds_no_value() {
        // The Debug form is what a careless `{:?}` in a template would print.
        let c = PublishedCount::new(3, thr(5));
        let debug = format!("{c:?}");
        assert!(!debug.contains('3'), "{debug}");
        assert_eq!(c, PublishedCount::new(1, thr(5)));
    }

    #[test]
    fn changes_only_between_shown_counts() {
        let t = thr(5);
        let c = |n| PublishedCount::new(n, t);
        assert_eq!(
            c(7).change_to(c(10)).map(|d| d.to_string()),
            Some("+3".into())
        );
        assert_eq!(
            c(10).change_to(c(7)).map(|d| d.to_string()),
            Some("-3".into())
        );
        assert_eq!(
            c(7).change_to(c(7)).map(CountChange::direction),
            Some(Direction::Unchanged)
        );
        assert_eq!(
            c(1_210).change_to(c(6)).map(|d| d.to_string()),
            Some("-1.204".into())
        );
        assert_eq!(c(4).change_to(c(10)), None);
        assert_eq!(c(10).change_to(c(4)), None);
        assert_eq!(c(10).withheld().change_to(c(12)), None);
    }

    #[test]
    fn status_words_that_bound_a_hidden_value_are_refused() {
        let t = thr(5);
        let c = |n| PublishedCount::new(n, t);
        // The issue's case: baseline 0, value hidden.
        assert_eq!(c(3).compare(Comparison::AtMost, c(0)), None);
        // Both hidden: the outcome would reveal their order.
        assert_eq!(c(3).compare(Comparison::AtMost, c(2)), None);
        // Hidden value, shown baseline ≥ threshold − 1: certain.
        assert_eq!(c(3).compare(Comparison::AtMost, c(5)), Some(true));
        // Shown value above a hidden baseline: certainly not at most.
        assert_eq!(c(8).compare(Comparison::AtMost, c(2)), Some(false));
        // Shown value equal to the threshold against a hidden baseline: certainly above.
        assert_eq!(c(5).compare(Comparison::Above, c(4)), Some(true));
        // Complementary cells have no upper bound.
        assert_eq!(c(3).compare(Comparison::Below, c(9).withheld()), Some(true));
        assert_eq!(c(9).withheld().compare(Comparison::AtMost, c(20)), None);
    }

    fn count() -> impl Strategy<Value = (u64, bool)> {
        (0u64..40, any::<bool>())
    }

    fn published((raw, hide): (u64, bool), t: SuppressionThreshold) -> PublishedCount {
        let c = PublishedCount::new(raw, t);
        if hide { c.withheld() } else { c }
    }

    fn holds(cmp: Comparison, a: u64, b: u64) -> bool {
        match cmp {
            Comparison::Below => a < b,
            Comparison::AtMost => a <= b,
            Comparison::AtLeast => a >= b,
            Comparison::Above => a > b,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Shown exactly when at or above the threshold; a shown count prints its value,
        /// a suppressed one prints only the threshold.
        #[test]
        fn shown_iff_at_or_above_threshold(raw in 0u64..1_000, t in 3u64..50) {
            let c = PublishedCount::new(raw, thr(t));
            prop_assert_eq!(c.is_shown(), raw >= t);
            prop_assert_eq!(c.value(), (raw >= t).then_some(raw));
            if raw < t {
                prop_assert_eq!(c.to_string(), format!("< {}", fmt::int(u128::from(t))));
            } else {
                prop_assert_eq!(c.to_string().replace('.', ""), raw.to_string());
            }
            let b = c.bounds();
            prop_assert!(b.lo() <= raw && b.hi().is_none_or(|h| raw <= h));
        }

        /// `compare` is sound against brute force: `Some(o)` only when every pair of raw
        /// values consistent with both published forms gives `o`, and `None` only when two
        /// consistent pairs disagree (it never withholds a certain outcome).
        #[test]
        fn compare_agrees_with_brute_force(a in count(), b in count(), t in 3u64..10, k in 0usize..4) {
            let t = thr(t);
            let cmp = [Comparison::Below, Comparison::AtMost, Comparison::AtLeast, Comparison::Above][k];
            let (pa, pb) = (published(a, t), published(b, t));
            // Raw values a reader cannot tell apart from the published forms, up to 100
            // (far enough above every count here to stand for "no upper bound").
            let consistent = |p: PublishedCount| (0u64..100).filter(move |&v| {
                let q = PublishedCount::new(v, t);
                if p.is_shown() { q == p } else { p.bounds().lo() <= v && p.bounds().hi().is_none_or(|h| v <= h) }
            });
            let outcomes: std::collections::BTreeSet<bool> = consistent(pa)
                .flat_map(|x| consistent(pb).map(move |y| holds(cmp, x, y)))
                .collect();
            let expected = if outcomes.len() == 1 { outcomes.first().copied() } else { None };
            prop_assert_eq!(pa.compare(cmp, pb), expected);
        }

        /// A change exists exactly when both counts are shown, and it is their difference.
        #[test]
        fn change_only_when_both_shown(a in 0u64..30, b in 0u64..30, t in 3u64..10) {
            let (pa, pb) = (PublishedCount::new(a, thr(t)), PublishedCount::new(b, thr(t)));
            let ch = pa.change_to(pb);
            prop_assert_eq!(ch.is_some(), a >= t && b >= t);
            if let Some(ch) = ch {
                prop_assert_eq!(ch.difference(), i128::from(b) - i128::from(a));
            }
        }
    }
}
