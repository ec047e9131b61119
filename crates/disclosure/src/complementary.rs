//! Complementary suppression of a total and its parts.

use std::collections::BTreeSet;

use crate::count::State;
use crate::{DisclosureError, PublishedCount, SuppressionThreshold};

/// How the parts of a table relate to its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TotalLayout {
    /// The parts sum to the total: every report lies in exactly one part (reports per estate
    /// of the area, when the estates cover it).
    Partition,
    /// The parts are disjoint and lie within the total, and the rest of the total is not a
    /// cell of the table (straffelovskriminalitet i alt beside indbrud, tyveri/røveri and
    /// hærværk, whose offence codes are disjoint parts of straffeloven). The unshown rest
    /// hides a suppressed part as a hidden cell would, because a reader cannot bound it.
    WithRemainder,
}

impl TotalLayout {
    const fn words(self) -> &'static str {
        match self {
            TotalLayout::Partition => "a partition: the parts must sum to the total",
            TotalLayout::WithRemainder => "parts within a total: their sum must not exceed it",
        }
    }
}

/// A total and its parts after primary and complementary suppression
/// ([`protect_total`]), in the parts' order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProtectedTotal {
    total: PublishedCount,
    parts: Vec<PublishedCount>,
}

impl ProtectedTotal {
    /// The total as it may be published.
    #[must_use]
    pub fn total(&self) -> PublishedCount {
        self.total
    }

    /// The parts as they may be published, in the order given.
    #[must_use]
    pub fn parts(&self) -> &[PublishedCount] {
        &self.parts
    }
}

/// Suppresses a total and its parts so that no suppressed part can be recovered, or even
/// narrowed, by subtraction.
///
/// **Primary suppression**: every count below the threshold is suppressed (`< 5`).
///
/// **Complementary suppression** (when the total is shown and a part is suppressed): a reader
/// who subtracts the shown parts from the total learns the sum of the hidden cells. Each
/// suppressed part must still be able to take every value from 0 to threshold − 1 given that
/// sum, the other hidden cells and what the reader knows of them (a suppressed cell is 0 to
/// threshold − 1, a cell hidden by complementary suppression is at least the threshold, the
/// unshown rest of a [`TotalLayout::WithRemainder`] total is any number from 0). While that
/// fails, the **smallest shown part whose hiding makes it hold** is hidden as well (printed
/// [`COMPLEMENTARY_LABEL`](crate::COMPLEMENTARY_LABEL)); when no single part is enough, the
/// largest shown part is hidden and the search goes on; when no shown part is left, the total
/// is hidden. One suppressed part alone in a partition is therefore always joined by another
/// hidden part, and so are two suppressed parts whose sum would give them away (`< 5` and
/// `< 5` in a total of 8 are both 4).
///
/// The rule protects against subtraction within this one table. A cell that also appears in
/// another table (the same count in a chart, a summary sentence, a rate) must be printed from
/// this result there too. It does not hide which part was chosen as the complementary one.
///
/// # Example: reports per estate (a partition)
///
/// ```
/// use tryghed_disclosure::{SuppressionThreshold, TotalLayout, protect_total};
///
/// # fn main() -> Result<(), tryghed_disclosure::DisclosureError> {
/// // Folehaven 12, Bærhaven 3, Elmehaven 9, Elleparken 20: in all 44.
/// let t = SuppressionThreshold::default();
/// let table = protect_total(44, &[12, 3, 9, 20], TotalLayout::Partition, t)?;
/// let printed: Vec<String> = table.parts().iter().map(ToString::to_string).collect();
/// // 44 − 12 − 20 = 12 = Bærhaven + Elmehaven, and Elmehaven ≥ 5: Bærhaven can be 0–4.
/// assert_eq!(printed, ["12", "< 5", "skjult", "20"]);
/// assert_eq!(table.total().to_string(), "44");
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// [`DisclosureError::PartsDoNotFit`] when the parts do not sum to the total
/// ([`TotalLayout::Partition`]) or exceed it ([`TotalLayout::WithRemainder`]).
#[doc(alias = "sekundær diskretionering")]
#[doc(alias = "komplementær diskretionering")]
pub fn protect_total(
    total: u64,
    parts: &[u64],
    layout: TotalLayout,
    threshold: SuppressionThreshold,
) -> Result<ProtectedTotal, DisclosureError> {
    let parts_sum: u128 = parts.iter().map(|&p| u128::from(p)).sum();
    let fits = match layout {
        TotalLayout::Partition => parts_sum == u128::from(total),
        TotalLayout::WithRemainder => parts_sum <= u128::from(total),
    };
    if !fits {
        return Err(DisclosureError::PartsDoNotFit {
            total,
            parts_sum,
            layout: layout.words(),
        });
    }
    let mut out = ProtectedTotal {
        total: PublishedCount::new(total, threshold),
        parts: parts
            .iter()
            .map(|&p| PublishedCount::new(p, threshold))
            .collect(),
    };
    let primary = out.parts.iter().filter(|p| !p.is_shown()).count() as u128;
    if !out.total.is_shown() || primary == 0 {
        // A suppressed total leaves nothing to subtract from (and its parts are all below it).
        return Ok(out);
    }
    let thr = u128::from(threshold.get());
    let remainder = u128::from(total) - parts_sum;
    // The sum of the hidden cells as a reader gets it by subtraction, and their count.
    let mut hidden_sum: u128 = remainder
        + parts
            .iter()
            .filter(|&&p| threshold.suppresses(p))
            .map(|&p| u128::from(p))
            .sum::<u128>();
    let mut complementary: u128 = 0;
    let free_rest = matches!(layout, TotalLayout::WithRemainder);
    let mut candidates: BTreeSet<(u64, usize)> = parts
        .iter()
        .enumerate()
        .filter(|&(_, &p)| !threshold.suppresses(p))
        .map(|(i, &p)| (p, i))
        .collect();
    loop {
        if every_value_possible(hidden_sum, primary, complementary, free_rest, thr) {
            return Ok(out);
        }
        // Hiding a part of value c adds c to the sum and `thr` to what the other hidden cells
        // are known to hold at least, and leaves the sum unbounded above (a complementary
        // cell has no upper bound). It is enough when the new sum reaches the others' least
        // total plus thr − 1: c ≥ (complementary + 1)·thr + thr − 1 − sum.
        let needed = ((complementary + 2) * thr - 1).saturating_sub(hidden_sum);
        let needed = u64::try_from(needed).unwrap_or(u64::MAX);
        let pick = candidates
            .range((needed, 0)..)
            .next()
            .or_else(|| candidates.iter().next_back())
            .copied();
        let Some((value, index)) = pick else {
            out.total = out.total.withheld();
            return Ok(out);
        };
        candidates.remove(&(value, index));
        if let Some(cell) = out.parts.get_mut(index) {
            *cell = PublishedCount::from_parts(State::Complementary, threshold);
        }
        hidden_sum += u128::from(value);
        complementary += 1;
    }
}

/// Whether each of `primary` suppressed cells can take every value `0 ..= thr − 1` given that
/// the hidden cells sum to `sum`, that `complementary` of them are at least `thr`, and that a
/// free rest (any number from 0) may be among them.
fn every_value_possible(
    sum: u128,
    primary: u128,
    complementary: u128,
    free_rest: bool,
    thr: u128,
) -> bool {
    // The others' least total: complementary cells at the threshold, the rest at 0.
    let others_min = complementary * thr;
    // A primary cell can reach thr − 1 when the others can take what is left.
    let reaches_top = sum >= others_min + (thr - 1);
    // It can be 0 when the others can hold the whole sum: unbounded with a complementary
    // cell or a free rest, otherwise each other primary holds at most thr − 1.
    let reaches_zero = complementary > 0 || free_rest || sum <= (primary - 1) * (thr - 1);
    reaches_top && reaches_zero
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Publication;
    use proptest::prelude::*;

    fn thr(t: u64) -> SuppressionThreshold {
        SuppressionThreshold::new(t).unwrap()
    }

    fn printed(p: &ProtectedTotal) -> (String, Vec<String>) {
        (
            p.total().to_string(),
            p.parts().iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn one_small_part_of_a_partition_takes_the_next_smallest_with_it() {
        let p = protect_total(44, &[12, 3, 9, 20], TotalLayout::Partition, thr(5)).unwrap();
        assert_eq!(
            printed(&p),
            (
                "44".into(),
                vec!["12".into(), "< 5".into(), "skjult".into(), "20".into()]
            )
        );
    }

    #[test]
    fn a_part_exactly_at_the_threshold_is_not_enough() {
        // Hiding 5 with 3: the reader knows the hidden 5 is ≥ 5, so 3 + 5 = 8 says the
        // suppressed part is at most 3. The next part that is enough is 6.
        let p = protect_total(34, &[3, 5, 6, 20], TotalLayout::Partition, thr(5)).unwrap();
        assert_eq!(printed(&p).1, ["< 5", "5", "skjult", "20"]);
    }

    #[test]
    fn two_small_parts_whose_sum_gives_them_away() {
        // 8 = < 5 + < 5 means 4 and 4: a third cell must be hidden, here the total itself.
        let p = protect_total(8, &[4, 4], TotalLayout::Partition, thr(5)).unwrap();
        assert_eq!(
            printed(&p),
            ("skjult".into(), vec!["< 5".into(), "< 5".into()])
        );
        // 4 + 0 = 4: both can be anything 0–4, nothing more to hide.
        let p = protect_total(104, &[4, 0, 100], TotalLayout::Partition, thr(5)).unwrap();
        assert_eq!(printed(&p).1, ["< 5", "< 5", "100"]);
    }

    #[test]
    fn an_unshown_rest_hides_a_small_part_when_it_is_large_enough() {
        // Straffelov 120; indbrud 14, tyveri/røveri 22, hærværk 3: 120 − 36 = 84 is hærværk
        // plus every other straffelov report: nothing comes back.
        let p = protect_total(120, &[14, 22, 3], TotalLayout::WithRemainder, thr(5)).unwrap();
        assert_eq!(printed(&p).1, ["14", "22", "< 5"]);
        // Straffelov 38: 38 − 14 − 22 = 2 says hærværk ≤ 2. Hide the next smallest.
        let p = protect_total(38, &[14, 22, 2], TotalLayout::WithRemainder, thr(5)).unwrap();
        assert_eq!(printed(&p).1, ["skjult", "22", "< 5"]);
    }

    #[test]
    fn nothing_is_hidden_without_a_suppressed_part_and_a_small_total_hides_all() {
        let p = protect_total(40, &[10, 30], TotalLayout::Partition, thr(5)).unwrap();
        assert_eq!(printed(&p), ("40".into(), vec!["10".into(), "30".into()]));
        let p = protect_total(4, &[1, 3], TotalLayout::Partition, thr(5)).unwrap();
        assert_eq!(
            printed(&p),
            ("< 5".into(), vec!["< 5".into(), "< 5".into()])
        );
        let p = protect_total(9, &[], TotalLayout::WithRemainder, thr(5)).unwrap();
        assert_eq!(printed(&p), ("9".into(), vec![]));
    }

    #[test]
    fn parts_that_do_not_fit_are_an_error() {
        let e = protect_total(10, &[6, 6], TotalLayout::Partition, thr(5)).unwrap_err();
        assert!(matches!(
            e,
            DisclosureError::PartsDoNotFit {
                total: 10,
                parts_sum: 12,
                ..
            }
        ));
        assert!(protect_total(10, &[6, 6], TotalLayout::WithRemainder, thr(5)).is_err());
        assert!(protect_total(12, &[6, 5], TotalLayout::Partition, thr(5)).is_err());
        // u64::MAX parts do not overflow.
        assert!(
            protect_total(
                u64::MAX,
                &[u64::MAX, u64::MAX],
                TotalLayout::WithRemainder,
                thr(5)
            )
            .is_err()
        );
    }

    #[test]
    fn many_parts_at_the_threshold_stay_linear() {
        // 100.000 parts of exactly 5 and one of 3: no single part is enough, each adds no
        // slack; the search hides parts until none is left, then the total.
        let mut parts = vec![5u64; 100_000];
        parts.push(3);
        let total = parts.iter().sum();
        let p = protect_total(total, &parts, TotalLayout::Partition, thr(5)).unwrap();
        assert!(p.total().is_hidden());
    }

    /// What the reader knows about one cell.
    #[derive(Clone, Copy)]
    enum Known {
        Exact(u64),
        Range(u64, u64),
    }

    /// Every value the hidden cells other than `skip` can sum to, up to `cap`, by dynamic
    /// programming over their known ranges (independent of the closed form in the code).
    fn reachable(cells: &[Known], skip: usize, cap: u64) -> Vec<bool> {
        let cap = usize::try_from(cap).unwrap();
        let mut can = vec![false; cap + 1];
        can[0] = true;
        for (i, c) in cells.iter().enumerate() {
            if i == skip {
                continue;
            }
            let (lo, hi) = match *c {
                Known::Exact(v) => (v, v),
                Known::Range(lo, hi) => (lo, hi),
            };
            let mut next = vec![false; cap + 1];
            for (s, _) in can.iter().enumerate().filter(|&(_, &b)| b) {
                for v in lo..=hi {
                    let t = s + usize::try_from(v).unwrap();
                    if t > cap {
                        break;
                    }
                    next[t] = true;
                }
            }
            can = next;
        }
        can
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3_000))]

        /// The audit of a reader who subtracts: for every suppressed part and every value
        /// 0..threshold, some table consistent with everything printed has that value there.
        /// Checked by brute force over the hidden cells' known ranges.
        #[test]
        fn subtraction_recovers_nothing(
            parts in proptest::collection::vec(0u64..16, 1..5),
            rest in 0u64..12,
            with_rest in any::<bool>(),
            t in 3u64..8,
        ) {
            let (layout, rest) = if with_rest { (TotalLayout::WithRemainder, rest) } else { (TotalLayout::Partition, 0) };
            let total: u64 = parts.iter().sum::<u64>() + rest;
            let p = protect_total(total, &parts, layout, thr(t)).unwrap();
            // Primary suppression is exactly "below the threshold".
            for (&raw, cell) in parts.iter().zip(p.parts()) {
                prop_assert_eq!(cell.publication() == Publication::Suppressed, raw < t);
            }
            let Some(total_shown) = p.total().value() else {
                // Hidden or suppressed total: there is no sum to subtract from.
                return Ok(());
            };
            let cap = total_shown;
            let mut cells: Vec<Known> = p.parts().iter().map(|c| match c.publication() {
                Publication::Shown => Known::Exact(c.value().unwrap()),
                Publication::Suppressed => Known::Range(0, t - 1),
                _ => Known::Range(t, cap),
            }).collect();
            if with_rest {
                cells.push(Known::Range(0, cap));
            }
            for (i, c) in p.parts().iter().enumerate() {
                if c.publication() != Publication::Suppressed {
                    continue;
                }
                let others = reachable(&cells, i, cap);
                for v in 0..t {
                    let possible = v <= cap && others[usize::try_from(cap - v).unwrap()];
                    prop_assert!(possible, "part {} cannot be {} in {:?} → {:?}", i, v, parts, printed(&p));
                }
            }
        }

        /// Complementary suppression hides shown cells only when a part is suppressed, and
        /// never turns a shown total into a hidden one while a shown part is left.
        #[test]
        fn hides_only_what_it_must(parts in proptest::collection::vec(5u64..40, 0..6), t in 3u64..6) {
            let total = parts.iter().sum();
            let p = protect_total(total, &parts, TotalLayout::Partition, thr(t)).unwrap();
            prop_assert!(p.parts().iter().all(|c| c.is_shown()));
            if total >= t {
                prop_assert!(p.total().is_shown());
            }
        }
    }
}
