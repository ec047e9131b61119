//! The annual budget ([`AnnualBudget`]), its lines ([`BudgetLine`]) and the budget of a whole
//! agreement period ([`PeriodBudget`]).

use crate::Year;
use std::fmt;

use rust_decimal::Decimal;

use crate::error::BudgetError;
use crate::{Dkk, LineId};

/// What a budget line pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LineKind {
    /// Projektledelse: the project leader's salary (in Folehaven 417.000 kr. a year, 0,5 årsværk).
    #[doc(alias = "projektledelse")]
    ProjectManagement,
    /// Aktivitetsmidler: the funds the partnership allocates to the activities of the year's
    /// tryghedsplan (in Folehaven 1.050.000 kr. a year). Every annual budget has exactly one.
    #[doc(alias = "aktivitetsmidler")]
    ActivityFunds,
    /// Any other line.
    Other,
}

impl LineKind {
    /// The name used in data and messages: `project_management`, `activity_funds`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ProjectManagement => "project_management",
            Self::ActivityFunds => "activity_funds",
            Self::Other => "other",
        }
    }
}

impl fmt::Display for LineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One line of an annual budget (budgetlinje): an id, a Danish name, what it pays for, the amount
/// and, for salary lines, the full-time equivalents (årsværk) it pays for.
///
/// Invariants: the name is not blank, the amount and the FTE are not negative.
///
/// ```
/// use rust_decimal::Decimal;
/// use tryghed_budget::{BudgetLine, Dkk, LineId, LineKind};
///
/// let line = BudgetLine::new(
///     LineId::new("projektledelse")?,
///     "Projektledelse",
///     LineKind::ProjectManagement,
///     Dkk::from_kroner(417_000)?,
/// )?
/// .with_fte(Decimal::new(5, 1))?;
/// assert_eq!(line.fte(), Some(Decimal::new(5, 1)));
/// # Ok::<(), tryghed_budget::BudgetError>(())
/// ```
#[doc(alias = "budgetlinje")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "serde_forms::RawLine", into = "serde_forms::RawLine")
)]
pub struct BudgetLine {
    id: LineId,
    name: String,
    kind: LineKind,
    amount: Dkk,
    fte: Option<Decimal>,
}

impl BudgetLine {
    /// A budget line without an FTE.
    ///
    /// # Errors
    ///
    /// [`BudgetError::EmptyLineName`] for a blank name, [`BudgetError::NegativeLineAmount`] for a
    /// negative amount.
    pub fn new(
        id: LineId,
        name: impl Into<String>,
        kind: LineKind,
        amount: Dkk,
    ) -> Result<BudgetLine, BudgetError> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(BudgetError::EmptyLineName { line: id });
        }
        if amount.is_negative() {
            return Err(BudgetError::NegativeLineAmount { line: id, amount });
        }
        Ok(BudgetLine {
            id,
            name,
            kind,
            amount,
            fte: None,
        })
    }

    /// The same line with the full-time equivalents (årsværk) it pays for.
    ///
    /// # Errors
    ///
    /// [`BudgetError::NegativeFte`] for a negative value.
    #[doc(alias = "årsværk")]
    pub fn with_fte(mut self, fte: Decimal) -> Result<BudgetLine, BudgetError> {
        if fte.is_sign_negative() && !fte.is_zero() {
            return Err(BudgetError::NegativeFte { line: self.id, fte });
        }
        self.fte = Some(fte.normalize());
        Ok(self)
    }

    /// The line's id, e.g. `projektledelse`.
    pub fn id(&self) -> &LineId {
        &self.id
    }

    /// The line's Danish name, e.g. `Projektledelse`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the line pays for.
    pub fn kind(&self) -> LineKind {
        self.kind
    }

    /// The amount of the line for one year.
    pub fn amount(&self) -> Dkk {
        self.amount
    }

    /// The full-time equivalents (årsværk) the line pays for, if it is a salary line and the
    /// number is known.
    #[doc(alias = "årsværk")]
    pub fn fte(&self) -> Option<Decimal> {
        self.fte
    }
}

/// The budget of one year (årligt budget, bevilling): a total and the lines it is split into.
///
/// Invariants, checked by [`AnnualBudget::new`] and by deserialisation:
/// - there is at least one line and no two lines share an id;
/// - exactly one line is [`LineKind::ActivityFunds`] (the funds that allocations and the ledger
///   draw on) and at most one is [`LineKind::ProjectManagement`];
/// - no line is negative, and the lines sum to the total exactly, to the øre.
///
/// ```
/// use rust_decimal::Decimal;
/// use tryghed_budget::{AnnualBudget, BudgetLine, Dkk, LineId, LineKind, Year};
///
/// let pm = BudgetLine::new(LineId::new("projektledelse")?, "Projektledelse",
///     LineKind::ProjectManagement, Dkk::from_kroner(417_000)?)?.with_fte(Decimal::new(5, 1))?;
/// let funds = BudgetLine::new(LineId::new("aktivitetsmidler")?, "Aktivitetsmidler",
///     LineKind::ActivityFunds, Dkk::from_kroner(1_050_000)?)?;
/// let year = AnnualBudget::new(Year::new(2026)?, Dkk::from_kroner(1_467_000)?, vec![pm, funds])?;
/// assert_eq!(year.activity_funds().amount().to_string(), "1.050.000,00 kr.");
///
/// // A total that the lines do not reach is refused:
/// let short = AnnualBudget::new(Year::new(2026)?, Dkk::from_kroner(1_500_000)?, year.lines().to_vec());
/// assert!(short.unwrap_err().to_string().contains("sum to 1.467.000,00 kr."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "bevilling")]
#[doc(alias = "budget")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "serde_forms::RawAnnual", into = "serde_forms::RawAnnual")
)]
pub struct AnnualBudget {
    year: Year,
    total: Dkk,
    lines: Vec<BudgetLine>,
    /// A copy of the one activity-funds line, so the accessor needs no lookup that could fail.
    activity_funds: BudgetLine,
}

impl AnnualBudget {
    /// An annual budget, validated as described on the [type](AnnualBudget).
    ///
    /// # Errors
    ///
    /// [`BudgetError::NoLines`], [`BudgetError::DuplicateLine`], [`BudgetError::LineKindCount`],
    /// [`BudgetError::LinesDoNotSum`] (or [`BudgetError::Overflow`] if the lines cannot even be
    /// added up).
    pub fn new(
        year: Year,
        total: Dkk,
        lines: Vec<BudgetLine>,
    ) -> Result<AnnualBudget, BudgetError> {
        if lines.is_empty() {
            return Err(BudgetError::NoLines { year });
        }
        let mut seen = std::collections::HashSet::with_capacity(lines.len());
        for line in &lines {
            if !seen.insert(&line.id) {
                return Err(BudgetError::DuplicateLine {
                    year,
                    line: line.id.clone(),
                });
            }
        }
        let count = |kind| lines.iter().filter(|l| l.kind == kind).count();
        let funds_count = count(LineKind::ActivityFunds);
        if funds_count != 1 {
            return Err(BudgetError::LineKindCount {
                year,
                kind: LineKind::ActivityFunds,
                count: funds_count,
                expected: "exactly one",
            });
        }
        let pm_count = count(LineKind::ProjectManagement);
        if pm_count > 1 {
            return Err(BudgetError::LineKindCount {
                year,
                kind: LineKind::ProjectManagement,
                count: pm_count,
                expected: "at most one",
            });
        }
        let sum = Dkk::checked_sum(lines.iter().map(BudgetLine::amount))?;
        if sum != total {
            return Err(BudgetError::LinesDoNotSum {
                year,
                total,
                sum,
                // Both are whole øre in i64, so the difference fits in i128; shown saturated.
                difference: Dkk::from_ore(
                    i64::try_from(i128::from(total.ore()) - i128::from(sum.ore()))
                        .unwrap_or(if total > sum { i64::MAX } else { i64::MIN }),
                ),
            });
        }
        let activity_funds = lines
            .iter()
            .find(|l| l.kind == LineKind::ActivityFunds)
            .cloned()
            .ok_or(BudgetError::NoLines { year })?;
        Ok(AnnualBudget {
            year,
            total,
            lines,
            activity_funds,
        })
    }

    /// The same budget for another year.
    #[must_use]
    pub fn with_year(&self, year: Year) -> AnnualBudget {
        AnnualBudget {
            year,
            ..self.clone()
        }
    }

    /// The budget year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The year's total; equal to the sum of the lines.
    pub fn total(&self) -> Dkk {
        self.total
    }

    /// The lines, in the order given.
    pub fn lines(&self) -> &[BudgetLine] {
        &self.lines
    }

    /// The line with this id, if there is one.
    pub fn line(&self, id: &str) -> Option<&BudgetLine> {
        self.lines.iter().find(|l| l.id.as_str() == id)
    }

    /// The activity funds (aktivitetsmidler): the one line of kind [`LineKind::ActivityFunds`].
    #[doc(alias = "aktivitetsmidler")]
    pub fn activity_funds(&self) -> &BudgetLine {
        &self.activity_funds
    }

    /// The project-management line (projektledelse), if the budget has one.
    #[doc(alias = "projektledelse")]
    pub fn project_management(&self) -> Option<&BudgetLine> {
        self.lines
            .iter()
            .find(|l| l.kind == LineKind::ProjectManagement)
    }

    /// Whether `other` has the same total and lines (the year may differ).
    fn same_lines(&self, other: &AnnualBudget) -> bool {
        self.total == other.total && self.lines == other.lines
    }
}

/// The most years a [`PeriodBudget`] may span: 100. A partnership agreement runs a few
/// years (Folehaven 2026–2029); a longer period is a mistake in the data, refused before one
/// budget per year is allocated.
pub const MAX_PERIOD_YEARS: usize = 100;

/// The budget of an agreement period: one [`AnnualBudget`] for every year from the first to the
/// last, with no gaps and no duplicates, and the totals over the period.
///
/// ```
/// use tryghed_budget::{BudgetLine, Dkk, LineId, LineKind, PeriodBudget, Year};
///
/// let lines = vec![
///     BudgetLine::new(LineId::new("projektledelse")?, "Projektledelse",
///         LineKind::ProjectManagement, Dkk::from_kroner(417_000)?)?,
///     BudgetLine::new(LineId::new("aktivitetsmidler")?, "Aktivitetsmidler",
///         LineKind::ActivityFunds, Dkk::from_kroner(1_050_000)?)?,
/// ];
/// let period = PeriodBudget::uniform(Year::new(2026)?, Year::new(2029)?, Dkk::from_kroner(1_467_000)?, lines)?;
/// assert_eq!(period.total().to_string(), "5.868.000,00 kr.");
/// assert_eq!(period.line_total("aktivitetsmidler"), Some(Dkk::from_kroner(4_200_000)?));
/// assert_eq!(period.year(Year::new(2028)?).map(|b| b.total()), Some(Dkk::from_kroner(1_467_000)?));
/// assert!(period.year(Year::new(2030)?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "bevilling")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "serde_forms::RawPeriod", into = "serde_forms::RawPeriod")
)]
pub struct PeriodBudget {
    first: Year,
    last: Year,
    years: Vec<AnnualBudget>,
    total: Dkk,
    line_totals: Vec<(LineId, Dkk)>,
}

impl PeriodBudget {
    /// A period budget from annual budgets in any order; they are kept sorted by year.
    ///
    /// # Errors
    ///
    /// [`BudgetError::NoYears`] for no budgets, [`BudgetError::PeriodTooLong`] for more
    /// than [`MAX_PERIOD_YEARS`] budgets, [`BudgetError::DuplicateYear`] and
    /// [`BudgetError::MissingYear`] naming the year, [`BudgetError::Overflow`] if the period's
    /// totals are out of range.
    pub fn new(mut years: Vec<AnnualBudget>) -> Result<PeriodBudget, BudgetError> {
        if years.len() > MAX_PERIOD_YEARS {
            let (first, last) = years.iter().fold((Year::MAX, Year::MIN), |(a, b), y| {
                (a.min(y.year), b.max(y.year))
            });
            return Err(BudgetError::PeriodTooLong {
                first,
                last,
                limit: MAX_PERIOD_YEARS,
            });
        }
        years.sort_by_key(AnnualBudget::year);
        let (Some(first), Some(last)) = (years.first(), years.last()) else {
            return Err(BudgetError::NoYears);
        };
        let (first, last) = (first.year, last.year);
        // Sorted, so each year must be the one after its predecessor.
        for (before, b) in years.iter().zip(years.iter().skip(1)) {
            if b.year == before.year {
                return Err(BudgetError::DuplicateYear { year: b.year });
            }
            match before.year.next() {
                Some(expected) if expected < b.year => {
                    return Err(BudgetError::MissingYear {
                        year: expected,
                        first,
                        last,
                    });
                }
                _ => {}
            }
        }
        let total = Dkk::checked_sum(years.iter().map(AnnualBudget::total))?;
        let mut line_totals: Vec<(LineId, Dkk)> = Vec::new();
        let mut slot: std::collections::HashMap<&LineId, usize> = std::collections::HashMap::new();
        for line in years.iter().flat_map(|b| b.lines.iter()) {
            if let Some((_, sum)) = slot.get(&line.id).and_then(|&i| line_totals.get_mut(i)) {
                *sum = sum.checked_add(line.amount)?;
            } else {
                slot.insert(&line.id, line_totals.len());
                line_totals.push((line.id.clone(), line.amount));
            }
        }
        Ok(PeriodBudget {
            first,
            last,
            years,
            total,
            line_totals,
        })
    }

    /// The same total and lines in every year from `first` to `last` (inclusive).
    ///
    /// # Errors
    ///
    /// [`BudgetError::EmptyPeriod`] when `first > last`, [`BudgetError::PeriodTooLong`] for
    /// more than [`MAX_PERIOD_YEARS`] years (checked before anything is allocated), and every
    /// error of
    /// [`AnnualBudget::new`] and [`PeriodBudget::new`].
    pub fn uniform(
        first: Year,
        last: Year,
        total: Dkk,
        lines: Vec<BudgetLine>,
    ) -> Result<PeriodBudget, BudgetError> {
        if first > last {
            return Err(BudgetError::EmptyPeriod { first, last });
        }
        // Checked before one budget per year is allocated: `first_year = 1, last_year =
        // 100000000` once asked for 13.6 GB.
        let span = i64::from(last) - i64::from(first) + 1;
        if usize::try_from(span).map_or(true, |n| n > MAX_PERIOD_YEARS) {
            return Err(BudgetError::PeriodTooLong {
                first,
                last,
                limit: MAX_PERIOD_YEARS,
            });
        }
        let template = AnnualBudget::new(first, total, lines)?;
        PeriodBudget::new(first.through(last).map(|y| template.with_year(y)).collect())
    }

    /// The first year of the period.
    pub fn first_year(&self) -> Year {
        self.first
    }

    /// The last year of the period (inclusive).
    pub fn last_year(&self) -> Year {
        self.last
    }

    /// The annual budgets, one per year in order.
    pub fn years(&self) -> &[AnnualBudget] {
        &self.years
    }

    /// The budget of one year, if the year is in the period.
    pub fn year(&self, year: Year) -> Option<&AnnualBudget> {
        let index = usize::try_from(i64::from(year) - i64::from(self.first)).ok()?;
        self.years.get(index)
    }

    /// The total over the whole period (Folehaven: 4 × 1.467.000 = 5.868.000 kr.).
    pub fn total(&self) -> Dkk {
        self.total
    }

    /// The total over the period of the lines with this id, if any year has one.
    pub fn line_total(&self, id: &str) -> Option<Dkk> {
        self.line_totals
            .iter()
            .find(|(line, _)| line.as_str() == id)
            .map(|(_, sum)| *sum)
    }

    /// The total over the period per line id, in the order the ids first appear.
    pub fn line_totals(&self) -> impl Iterator<Item = (&LineId, Dkk)> {
        self.line_totals.iter().map(|(id, sum)| (id, *sum))
    }

    /// Whether every year has the same total and lines.
    pub fn is_uniform(&self) -> bool {
        self.years
            .first()
            .is_some_and(|first| self.years.iter().all(|b| b.same_lines(first)))
    }
}

#[cfg(feature = "serde")]
mod serde_forms {
    //! The data forms of the budget types. Deserialisation goes through the validating
    //! constructors, so invalid data cannot produce a value.

    use std::fmt;
    use std::str::FromStr;

    use crate::Year;
    use rust_decimal::Decimal;
    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{AnnualBudget, BudgetLine, LineKind, PeriodBudget};
    use crate::error::BudgetError;
    use crate::{Dkk, LineId};

    /// A full-time equivalent in data: a string (`"0.5"` or `"0,5"`) or an integer; a float is
    /// rejected like a float amount.
    #[derive(Clone, Copy)]
    pub(crate) struct Fte(Decimal);

    impl Serialize for Fte {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&self.0.to_string())
        }
    }

    impl<'de> Deserialize<'de> for Fte {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fte, D::Error> {
            d.deserialize_any(FteVisitor)
        }
    }

    struct FteVisitor;

    impl Visitor<'_> for FteVisitor {
        type Value = Fte;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("full-time equivalents as a string such as \"0.5\" or an integer")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Fte, E> {
            let text = v.trim().replacen(',', ".", 1);
            Decimal::from_str(&text).map(Fte).map_err(|e| {
                E::custom(BudgetError::InvalidFte {
                    input: v.to_owned(),
                    reason: e.to_string(),
                })
            })
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Fte, E> {
            Ok(Fte(Decimal::from(v)))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Fte, E> {
            Ok(Fte(Decimal::from(v)))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Fte, E> {
            Err(E::custom(BudgetError::InvalidFte {
                input: v.to_string(),
                reason:
                    "a floating-point number is not accepted; write it as a string, e.g. \"0.5\""
                        .to_owned(),
            }))
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct RawLine {
        id: LineId,
        name: String,
        kind: LineKind,
        amount: Dkk,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fte: Option<Fte>,
    }

    impl TryFrom<RawLine> for BudgetLine {
        type Error = BudgetError;

        fn try_from(raw: RawLine) -> Result<BudgetLine, BudgetError> {
            let line = BudgetLine::new(raw.id, raw.name, raw.kind, raw.amount)?;
            match raw.fte {
                Some(Fte(fte)) => line.with_fte(fte),
                None => Ok(line),
            }
        }
    }

    impl From<BudgetLine> for RawLine {
        fn from(line: BudgetLine) -> RawLine {
            RawLine {
                id: line.id,
                name: line.name,
                kind: line.kind,
                amount: line.amount,
                fte: line.fte.map(Fte),
            }
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct RawAnnual {
        year: Year,
        total: Dkk,
        lines: Vec<BudgetLine>,
    }

    impl TryFrom<RawAnnual> for AnnualBudget {
        type Error = BudgetError;

        fn try_from(raw: RawAnnual) -> Result<AnnualBudget, BudgetError> {
            AnnualBudget::new(raw.year, raw.total, raw.lines)
        }
    }

    impl From<AnnualBudget> for RawAnnual {
        fn from(b: AnnualBudget) -> RawAnnual {
            RawAnnual {
                year: b.year,
                total: b.total,
                lines: b.lines,
            }
        }
    }

    /// Either the uniform form (`first_year`/`last_year` or `years`, with `total` and `lines`)
    /// or the per-year form (`annual`).
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(crate) struct RawPeriod {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        first_year: Option<Year>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_year: Option<Year>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        years: Option<Vec<Year>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<Dkk>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lines: Option<Vec<BudgetLine>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        annual: Option<Vec<AnnualBudget>>,
    }

    impl TryFrom<RawPeriod> for PeriodBudget {
        type Error = BudgetError;

        fn try_from(raw: RawPeriod) -> Result<PeriodBudget, BudgetError> {
            let form = |msg: &str| Err(BudgetError::PeriodForm(msg.to_owned()));
            if let Some(annual) = raw.annual {
                if raw.first_year.is_some()
                    || raw.last_year.is_some()
                    || raw.years.is_some()
                    || raw.total.is_some()
                    || raw.lines.is_some()
                {
                    return form(
                        "use either `annual` (one budget per year) or `total` and `lines` for every year, not both",
                    );
                }
                return PeriodBudget::new(annual);
            }
            let (Some(total), Some(lines)) = (raw.total, raw.lines) else {
                return form(
                    "missing `total` and `lines` (same budget every year) or `annual` (one budget per year)",
                );
            };
            match (raw.first_year, raw.last_year, raw.years) {
                (Some(first), Some(last), None) => PeriodBudget::uniform(first, last, total, lines),
                (None, None, Some(years)) => {
                    let Some(&first) = years.first() else {
                        return form("`years` is empty");
                    };
                    let template = AnnualBudget::new(first, total, lines)?;
                    PeriodBudget::new(years.into_iter().map(|y| template.with_year(y)).collect())
                }
                (_, _, Some(_)) => {
                    form("use either `years` or `first_year` and `last_year`, not both")
                }
                _ => form("give both `first_year` and `last_year`, or `years`"),
            }
        }
    }

    impl From<PeriodBudget> for RawPeriod {
        fn from(p: PeriodBudget) -> RawPeriod {
            let mut raw = RawPeriod {
                first_year: None,
                last_year: None,
                years: None,
                total: None,
                lines: None,
                annual: None,
            };
            if p.is_uniform() {
                if let Some(first) = p.years.into_iter().next() {
                    raw.first_year = Some(p.first);
                    raw.last_year = Some(p.last);
                    raw.total = Some(first.total);
                    raw.lines = Some(first.lines);
                }
            } else {
                raw.annual = Some(p.years);
            }
            raw
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(k: i64) -> Dkk {
        Dkk::from_kroner(k).unwrap()
    }

    fn line(id: &str, kind: LineKind, amount: Dkk) -> BudgetLine {
        BudgetLine::new(LineId::new(id).unwrap(), id, kind, amount).unwrap()
    }

    /// The Folehaven lines from section 5 of the agreement.
    fn folehaven_lines() -> Vec<BudgetLine> {
        vec![
            line("projektledelse", LineKind::ProjectManagement, kr(417_000))
                .with_fte(Decimal::new(5, 1))
                .unwrap(),
            line("aktivitetsmidler", LineKind::ActivityFunds, kr(1_050_000)),
        ]
    }

    #[test]
    fn folehaven_year_and_period() {
        let year =
            AnnualBudget::new(Year::new(2026).unwrap(), kr(1_467_000), folehaven_lines()).unwrap();
        assert_eq!(year.activity_funds().amount(), kr(1_050_000));
        let pm = year.project_management().unwrap();
        assert_eq!(pm.amount(), kr(417_000));
        assert_eq!(pm.fte(), Some(Decimal::new(5, 1)));
        assert_eq!(year.line("projektledelse"), Some(pm));
        assert!(year.line("andet").is_none());

        let period = PeriodBudget::uniform(
            Year::new(2026).unwrap(),
            Year::new(2029).unwrap(),
            kr(1_467_000),
            folehaven_lines(),
        )
        .unwrap();
        assert_eq!(period.first_year(), Year::new(2026).unwrap());
        assert_eq!(period.last_year(), Year::new(2029).unwrap());
        assert_eq!(period.years().len(), 4);
        assert_eq!(period.total(), kr(5_868_000));
        assert_eq!(period.line_total("projektledelse"), Some(kr(1_668_000)));
        assert_eq!(period.line_total("aktivitetsmidler"), Some(kr(4_200_000)));
        assert!(period.is_uniform());
        for (y, b) in Year::new(2026)
            .unwrap()
            .through(Year::new(2029).unwrap())
            .zip(period.years())
        {
            assert_eq!(b.year(), y);
            assert_eq!(period.year(y), Some(b));
        }
        assert!(
            period.year(Year::new(2025).unwrap()).is_none() && period.year(Year::MIN).is_none()
        );
    }

    #[test]
    fn annual_budget_errors_name_year_and_values() {
        let e = AnnualBudget::new(Year::new(2026).unwrap(), kr(1_467_001), folehaven_lines())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "budget 2026: the lines sum to 1.467.000,00 kr. but the total is 1.467.001,00 kr. \
             (difference 1,00 kr.)"
        );
        let e = AnnualBudget::new(Year::new(2026).unwrap(), Dkk::ZERO, vec![]).unwrap_err();
        assert_eq!(e.to_string(), "budget 2026: there are no budget lines");
        let mut lines = folehaven_lines();
        lines.push(line("aktivitetsmidler", LineKind::Other, Dkk::ZERO));
        let e = AnnualBudget::new(Year::new(2026).unwrap(), kr(1_467_000), lines).unwrap_err();
        assert_eq!(
            e.to_string(),
            "budget 2026: the line id aktivitetsmidler is used twice"
        );
        let lines = vec![line("projektledelse", LineKind::ProjectManagement, kr(1))];
        let e = AnnualBudget::new(Year::new(2027).unwrap(), kr(1), lines).unwrap_err();
        assert_eq!(
            e.to_string(),
            "budget 2027: 0 lines of kind activity_funds, expected exactly one"
        );
        let lines = vec![
            line("a", LineKind::ProjectManagement, kr(1)),
            line("b", LineKind::ProjectManagement, kr(1)),
            line("c", LineKind::ActivityFunds, kr(1)),
        ];
        let e = AnnualBudget::new(Year::new(2027).unwrap(), kr(3), lines).unwrap_err();
        assert!(
            e.to_string()
                .contains("2 lines of kind project_management, expected at most one")
        );
        let lines = vec![
            line("a", LineKind::ActivityFunds, Dkk::MAX),
            line("b", LineKind::Other, Dkk::MAX),
        ];
        assert!(matches!(
            AnnualBudget::new(Year::new(2027).unwrap(), Dkk::MAX, lines),
            Err(BudgetError::Overflow { .. })
        ));
    }

    #[test]
    fn budget_line_errors() {
        let id = LineId::new("x").unwrap();
        let e = BudgetLine::new(id.clone(), " ", LineKind::Other, Dkk::ZERO).unwrap_err();
        assert_eq!(e.to_string(), "budget line x: the name is empty");
        let e = BudgetLine::new(id.clone(), "X", LineKind::Other, Dkk::from_ore(-1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "budget line x: the amount -0,01 kr. is negative"
        );
        let e = BudgetLine::new(id, "X", LineKind::Other, Dkk::ZERO)
            .unwrap()
            .with_fte(Decimal::new(-5, 1))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "budget line x: the full-time equivalent (årsværk) -0.5 is negative"
        );
    }

    #[test]
    fn period_errors_name_the_year() {
        let y =
            AnnualBudget::new(Year::new(2026).unwrap(), kr(1_467_000), folehaven_lines()).unwrap();
        let e =
            PeriodBudget::new(vec![y.clone(), y.with_year(Year::new(2028).unwrap())]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "budget period 2026–2028: the year 2027 has no budget"
        );
        let e = PeriodBudget::new(vec![
            y.with_year(Year::new(2027).unwrap()),
            y.clone(),
            y.clone(),
        ])
        .unwrap_err();
        assert_eq!(e.to_string(), "budget period: the year 2026 appears twice");
        assert!(matches!(
            PeriodBudget::new(vec![]),
            Err(BudgetError::NoYears)
        ));
        let e = PeriodBudget::uniform(
            Year::new(2029).unwrap(),
            Year::new(2026).unwrap(),
            kr(1_467_000),
            folehaven_lines(),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "budget period 2029–2026 is empty");
        // Unsorted input is sorted.
        let p = PeriodBudget::new(vec![y.with_year(Year::new(2027).unwrap()), y.clone()]).unwrap();
        assert_eq!(p.first_year(), Year::new(2026).unwrap());
    }

    #[test]
    fn period_with_changing_lines() {
        let a =
            AnnualBudget::new(Year::new(2026).unwrap(), kr(1_467_000), folehaven_lines()).unwrap();
        let b = AnnualBudget::new(
            Year::new(2027).unwrap(),
            kr(100),
            vec![
                line("aktivitetsmidler", LineKind::ActivityFunds, kr(60)),
                line("synthetic-andet", LineKind::Other, kr(40)),
            ],
        )
        .unwrap();
        let p = PeriodBudget::new(vec![a, b]).unwrap();
        assert!(!p.is_uniform());
        assert_eq!(p.line_total("aktivitetsmidler"), Some(kr(1_050_060)));
        assert_eq!(p.line_total("synthetic-andet"), Some(kr(40)));
        assert_eq!(p.line_total("projektledelse"), Some(kr(417_000)));
        let ids: Vec<&str> = p.line_totals().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            ["projektledelse", "aktivitetsmidler", "synthetic-andet"]
        );
    }
}
