//! Which counts add up under which: the totals and parts that a table of counts per crime
//! category contains, decided from the categories' offence codes.
//!
//! Statistical disclosure control needs this: where a table shows a total and its parts, a
//! suppressed part can be recovered by subtracting the shown parts from the total
//! (`tryghed-disclosure`'s complementary suppression). Two categories relate when their codes
//! do (prefix semantics, as in [`CategorySet::matches`]):
//!
//! - `A` **lies within** `B` when every code of `A` starts with a code of `B` (`1320` within
//!   `1`): every report counted in `A` is counted in `B`.
//! - `A` and `B` are **disjoint** when no code of one starts with a code of the other: no
//!   report counts in both.
//!
//! A [`SumTable`] is a total with the largest categories inside it that are disjoint from each
//! other: their counts sum to at most the total (exactly, when their codes cover the total's:
//! [`SumTable::is_partition`]). Categories that overlap without one containing the other give no
//! sum and are left out. With the embedded `straffelov-2026` set there is one table:
//! straffelovskriminalitet (`1`) with indbrud, tyveri/røveri and hærværk, and a rest.

use crate::{CategorySet, OffenceCode};

/// A total and the disjoint parts whose counts add up under it (indices into
/// [`CategorySet::categories`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[doc(alias = "total og dele")]
pub struct SumTable {
    total: Option<usize>,
    parts: Vec<usize>,
    partition: bool,
}

impl SumTable {
    /// The total's category; `None` for "every report, whatever its code"
    /// ([`CategorySet::sum_table_of_all`]).
    pub fn total(&self) -> Option<usize> {
        self.total
    }

    /// The parts: categories within the total, disjoint from each other, none within another
    /// category of the table, in the set's order.
    pub fn parts(&self) -> &[usize] {
        &self.parts
    }

    /// Whether the parts' codes cover the total's, so that their counts sum to it exactly
    /// (for [`CategorySet::sum_table_of_all`]: together with the reports whose code is in no
    /// category).
    pub fn is_partition(&self) -> bool {
        self.partition
    }
}

/// Whether every code of `inner` starts with a code of `outer` (an empty `inner` lies nowhere).
pub(crate) fn codes_within(inner: &[OffenceCode], outer: &[OffenceCode]) -> bool {
    !inner.is_empty() && inner.iter().all(|c| outer.iter().any(|o| c.starts_with(o)))
}

/// Whether no code of `a` starts with a code of `b`, nor the other way round.
pub(crate) fn codes_disjoint(a: &[OffenceCode], b: &[OffenceCode]) -> bool {
    a.iter()
        .all(|x| b.iter().all(|y| !x.starts_with(y) && !y.starts_with(x)))
}

/// Whether the codes `by` cover every code that starts with `code`: one of them is a prefix
/// of it, or each of its ten one-digit extensions is covered. The work is bounded by ten times
/// the number of distinct prefixes of `by`.
pub(crate) fn code_covered(code: &OffenceCode, by: &[OffenceCode]) -> bool {
    if by.iter().any(|b| code.starts_with(b)) {
        return true;
    }
    if !by.iter().any(|b| b.starts_with(code)) {
        return false;
    }
    (0..10u8).all(|d| {
        OffenceCode::new(&format!("{code}{d}")).is_ok_and(|longer| code_covered(&longer, by))
    })
}

impl CategorySet {
    /// The tables of total and parts among the categories (see the
    /// [module docs](crate::sums)): one for each category that has categories strictly inside
    /// it.
    ///
    /// ```
    /// use tryghed_goals::CategorySet;
    ///
    /// let set = CategorySet::straffelov_2026()?;
    /// let tables = set.sum_tables();
    /// assert_eq!(tables.len(), 1);
    /// let name = |i: usize| set.get(i).map(|c| c.id().to_string()).unwrap_or_default();
    /// assert_eq!(tables[0].total().map(name).as_deref(), Some("straffelovskriminalitet"));
    /// let parts: Vec<String> = tables[0].parts().iter().map(|&i| name(i)).collect();
    /// assert_eq!(parts, ["indbrud", "tyveri-roeveri", "haervaerk"]);
    /// assert!(!tables[0].is_partition()); // straffeloven has many other codes
    /// # Ok::<(), tryghed_goals::GoalsError>(())
    /// ```
    #[doc(alias = "diskretionering")]
    pub fn sum_tables(&self) -> Vec<SumTable> {
        let cats = self.categories();
        (0..cats.len())
            .filter_map(|t| {
                let total = cats.get(t)?.codes();
                if total.is_empty() {
                    return None;
                }
                let inside: Vec<usize> = (0..cats.len())
                    .filter(|&i| {
                        i != t
                            && cats.get(i).is_some_and(|c| {
                                codes_within(c.codes(), total) && !codes_within(total, c.codes())
                            })
                    })
                    .collect();
                self.table(Some(t), &inside, total)
            })
            .collect()
    }

    /// The table of "every report" (a count of all reports, whatever their code) with the
    /// largest disjoint categories as parts; the reports in no category are a further part
    /// that the caller counts. `None` when no category has codes.
    ///
    /// ```
    /// use tryghed_goals::CategorySet;
    ///
    /// let set = CategorySet::straffelov_2026()?;
    /// let all = set.sum_table_of_all().unwrap();
    /// // Straffelovskriminalitet (1); vold/våben and narkotika overlap it.
    /// assert_eq!(all.parts(), [0]);
    /// # Ok::<(), tryghed_goals::GoalsError>(())
    /// ```
    pub fn sum_table_of_all(&self) -> Option<SumTable> {
        let cats = self.categories();
        let every: Vec<OffenceCode> = (0..10u8)
            .filter_map(|d| OffenceCode::new(&d.to_string()).ok())
            .collect();
        let with_codes: Vec<usize> = (0..cats.len())
            .filter(|&i| cats.get(i).is_some_and(|c| !c.codes().is_empty()))
            .collect();
        let all_codes: Vec<OffenceCode> = with_codes
            .iter()
            .filter_map(|&i| cats.get(i))
            .flat_map(|c| c.codes().iter().copied())
            .collect();
        let mut table = self.table(None, &with_codes, &every)?;
        // With the reports in no category, the parts sum to every report exactly when they
        // cover every category's codes.
        let part_codes: Vec<OffenceCode> = table
            .parts
            .iter()
            .filter_map(|&i| cats.get(i))
            .flat_map(|c| c.codes().iter().copied())
            .collect();
        table.partition = all_codes.iter().all(|c| code_covered(c, &part_codes));
        Some(table)
    }

    /// The table of `total` with the largest, mutually disjoint categories of `inside`.
    fn table(
        &self,
        total: Option<usize>,
        inside: &[usize],
        total_codes: &[OffenceCode],
    ) -> Option<SumTable> {
        let cats = self.categories();
        let codes = |i: usize| cats.get(i).map_or(&[][..], |c| c.codes());
        // Of two equal code sets, the first stands for both.
        let contains = |j: usize, i: usize| {
            codes_within(codes(i), codes(j)) && (!codes_within(codes(j), codes(i)) || j < i)
        };
        let mut parts: Vec<usize> = Vec::new();
        for &i in inside {
            let top = !inside.iter().any(|&j| j != i && contains(j, i));
            if top && parts.iter().all(|&j| codes_disjoint(codes(i), codes(j))) {
                parts.push(i);
            }
        }
        if parts.is_empty() {
            return None;
        }
        let part_codes: Vec<OffenceCode> = parts
            .iter()
            .flat_map(|&i| codes(i).iter().copied())
            .collect();
        let partition = total_codes.iter().all(|c| code_covered(c, &part_codes));
        Some(SumTable {
            total,
            parts,
            partition,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    fn codes(list: &[&str]) -> Vec<OffenceCode> {
        list.iter().map(|c| OffenceCode::new(c).unwrap()).collect()
    }

    fn set(categories: &[(&str, &[&str])]) -> CategorySet {
        try_set(categories).unwrap()
    }

    fn try_set(categories: &[(&str, &[&str])]) -> Result<CategorySet, crate::GoalsError> {
        let mut text = String::from("version = \"t\"\nname = \"t\"\nsources = \"test\"\n");
        for (id, list) in categories {
            let list: Vec<String> = list.iter().map(|c| format!("\"{c}\"")).collect();
            let _ = write!(
                text,
                "[[category]]\nid = \"{id}\"\nname = \"{id}\"\ncodes = [{}]\nverified = true\n",
                list.join(", ")
            );
        }
        CategorySet::from_toml_str(&text)
    }

    #[test]
    fn relations_follow_the_prefixes() {
        assert!(codes_within(&codes(&["1320"]), &codes(&["1"])));
        assert!(!codes_within(&codes(&["1320", "34"]), &codes(&["1"])));
        assert!(!codes_within(&[], &codes(&["1"])));
        assert!(codes_disjoint(&codes(&["1316"]), &codes(&["1332"])));
        assert!(!codes_disjoint(&codes(&["12"]), &codes(&["1210"])));
        let tens: Vec<String> = (0..10).map(|d| format!("1{d}")).collect();
        let tens: Vec<&str> = tens.iter().map(String::as_str).collect();
        assert!(code_covered(&OffenceCode::new("1").unwrap(), &codes(&tens)));
        assert!(!code_covered(
            &OffenceCode::new("1").unwrap(),
            &codes(&tens[1..])
        ));
    }

    #[test]
    fn a_covering_set_of_parts_is_a_partition_and_nested_parts_are_left_out() {
        let s = set(&[
            ("i-alt", &["1"]),
            ("a", &["10", "11", "12", "13", "14"]),
            ("b", &["15", "16", "17", "18", "19"]),
            ("c", &["12"]),
        ]);
        let t = s.sum_tables();
        // i-alt with a and b (c is inside a); a with c.
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].total(), t[0].parts(), t[0].is_partition()),
            (Some(0), &[1, 2][..], true)
        );
        assert_eq!(
            (t[1].total(), t[1].parts(), t[1].is_partition()),
            (Some(1), &[3][..], false)
        );
        let all = s.sum_table_of_all().unwrap();
        assert_eq!((all.parts(), all.is_partition()), (&[0][..], true));
    }

    #[test]
    fn overlapping_categories_give_no_sum() {
        let s = set(&[("x", &["12", "34"]), ("y", &["1", "32"])]);
        assert!(s.sum_tables().is_empty());
        let all = s.sum_table_of_all().unwrap();
        assert_eq!((all.parts(), all.is_partition()), (&[0][..], false));
    }

    proptest! {
        /// The parts of every table lie within its total and are pairwise disjoint, so their
        /// counts can only sum to at most the total (checked on random code sets).
        #[test]
        fn parts_are_inside_and_disjoint(
            raw in proptest::collection::vec(proptest::collection::vec("[0-9]{1,3}", 1..4), 1..6)
        ) {
            let cats: Vec<(String, Vec<String>)> = raw
                .into_iter()
                .enumerate()
                .map(|(i, c)| (format!("k{i}"), c))
                .collect();
            let refs: Vec<(&str, Vec<&str>)> = cats
                .iter()
                .map(|(id, c)| (id.as_str(), c.iter().map(String::as_str).collect()))
                .collect();
            let refs: Vec<(&str, &[&str])> = refs.iter().map(|(id, c)| (*id, c.as_slice())).collect();
            let Ok(s) = try_set(&refs) else {
                return Err(TestCaseError::reject("not a valid category file"));
            };
            let code_of = |i: usize| s.get(i).unwrap().codes().to_vec();
            for t in s.sum_tables().iter().chain(s.sum_table_of_all().iter()) {
                for (n, &p) in t.parts().iter().enumerate() {
                    if let Some(total) = t.total() {
                        prop_assert!(codes_within(&code_of(p), &code_of(total)));
                    }
                    for &q in &t.parts()[n + 1..] {
                        prop_assert!(codes_disjoint(&code_of(p), &code_of(q)));
                    }
                }
            }
        }
    }
}
