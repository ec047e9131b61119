//! The typed status report and its rows. Everything here is data: the builder
//! ([`crate::ReportBuilder`]) fills it in, the renderers read it, and serde writes and reads it
//! back (the JSON form).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tryghed_budget::Dkk;
use tryghed_core::Year;
use tryghed_disclosure::{PublishedCount, SuppressionThreshold};

/// Generates `&`-returning accessors, one per field, with the given docs.
macro_rules! accessors {
    ($ty:ident { $($(#[$doc:meta])* $field:ident : $ret:ty),* $(,)? }) => {
        impl $ty {
            $(
                $(#[$doc])*
                pub fn $field(&self) -> &$ret {
                    &self.$field
                }
            )*
        }
    };
}

/// Options for building a report: the suppression threshold, and whether the report is the
/// published form (the default) or carries exact figures for internal use.
///
/// ```
/// use tryghed_disclosure::SuppressionThreshold;
/// use tryghed_report::ReportOptions;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let options = ReportOptions::default().with_suppression_threshold(SuppressionThreshold::new(10)?);
/// assert_eq!(options.suppression_threshold().get(), 10);
/// assert!(!options.is_unsuppressed());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReportOptions {
    suppression_threshold: SuppressionThreshold,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    unsuppressed: bool,
}

impl Default for ReportOptions {
    /// The published form, counts below 5 suppressed.
    fn default() -> Self {
        Self {
            suppression_threshold: SuppressionThreshold::DEFAULT,
            unsuppressed: false,
        }
    }
}

impl ReportOptions {
    /// Counts of reports **below** `threshold` (0 included) are never published: they print
    /// as `< threshold`, and nothing derived from them (a rate, a change, a trend, a status
    /// word that bounds them, a chart point, a total minus its other parts) is published
    /// either (statistical disclosure control, diskretionering). The threshold cannot be
    /// lower than [`SuppressionThreshold::MIN`]: exact figures come only from
    /// [`unsuppressed`](Self::unsuppressed).
    #[doc(alias = "diskretionering")]
    #[must_use]
    pub fn with_suppression_threshold(mut self, threshold: SuppressionThreshold) -> Self {
        self.suppression_threshold = threshold;
        self
    }

    /// The suppression threshold (default 5).
    pub fn suppression_threshold(&self) -> SuppressionThreshold {
        self.suppression_threshold
    }

    /// Exact figures for internal use: every count as it is, every status as the goals
    /// library decides it, and the report stamped
    /// [`CONFIDENTIAL_STAMP`](tryghed_disclosure::CONFIDENTIAL_STAMP) ("fortroligt – ikke
    /// til offentliggørelse"). Only [`render_json`](crate::render_json) renders such a
    /// report; Markdown and HTML are published forms and refuse it.
    #[doc(alias = "fortroligt")]
    #[must_use]
    pub fn unsuppressed(mut self) -> Self {
        self.unsuppressed = true;
        self
    }

    /// Whether the report carries exact figures ([`unsuppressed`](Self::unsuppressed)).
    pub fn is_unsuppressed(&self) -> bool {
        self.unsuppressed
    }
}

/// The verdict on a goal or an indicator, as printed in the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReportStatus {
    /// Opfyldt.
    Met,
    /// Ikke opfyldt.
    NotMet,
    /// På rette vej (towards a later target year).
    OnTrack,
    /// Ikke på rette vej.
    OffTrack,
    /// Afventer: a baseline or a figure is missing.
    Pending {
        /// Why, in Danish.
        reason: String,
    },
    /// Monitoreres: no target.
    Monitored,
    /// Ikke vist: the verdict would bound a count below the suppression threshold ("ikke
    /// opfyldt" against a baseline of 0 says the suppressed count is 1–4), so the published
    /// report does not give it.
    #[doc(alias = "diskretioneret")]
    Withheld {
        /// Why, in Danish.
        reason: String,
    },
}

impl ReportStatus {
    /// The Danish label: `opfyldt`, `ikke opfyldt`, `på rette vej`, `ikke på rette vej`,
    /// `afventer`, `monitoreres`, `ikke vist`.
    pub fn label(&self) -> &'static str {
        match self {
            ReportStatus::Met => "opfyldt",
            ReportStatus::NotMet => "ikke opfyldt",
            ReportStatus::OnTrack => "på rette vej",
            ReportStatus::OffTrack => "ikke på rette vej",
            ReportStatus::Pending { .. } => "afventer",
            ReportStatus::Monitored => "monitoreres",
            ReportStatus::Withheld { .. } => "ikke vist",
        }
    }

    /// A short machine key for styling: `met`, `not-met`, `on-track`, `off-track`, `pending`,
    /// `monitored`, `withheld`.
    pub fn key(&self) -> &'static str {
        match self {
            ReportStatus::Met => "met",
            ReportStatus::NotMet => "not-met",
            ReportStatus::OnTrack => "on-track",
            ReportStatus::OffTrack => "off-track",
            ReportStatus::Pending { .. } => "pending",
            ReportStatus::Monitored => "monitored",
            ReportStatus::Withheld { .. } => "withheld",
        }
    }
}

impl std::fmt::Display for ReportStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl From<&tryghed_goals::Status> for ReportStatus {
    fn from(s: &tryghed_goals::Status) -> Self {
        use tryghed_goals::Status;
        match s {
            Status::Met => ReportStatus::Met,
            Status::NotMet => ReportStatus::NotMet,
            Status::OnTrack => ReportStatus::OnTrack,
            Status::OffTrack => ReportStatus::OffTrack,
            Status::Monitored => ReportStatus::Monitored,
            Status::Pending { reason } => ReportStatus::Pending {
                reason: reason.clone(),
            },
            // A status added to tryghed-goals later is never shown as met.
            _ => ReportStatus::Pending {
                reason: s.to_string(),
            },
        }
    }
}

/// A count of police reports as the report carries it: in the published form a
/// [`PublishedCount`] (which keeps no value below the threshold), in an
/// [unsuppressed](ReportOptions::unsuppressed) report the exact number.
///
/// `Display` prints the published form (`14`, `1.234`, `< 5`, `skjult`) or the exact number.
/// The JSON form is the published count's (`{"status":"shown","value":14,"threshold":5}`,
/// `{"status":"suppressed","threshold":5}`, `{"status":"complementary","threshold":5}`) or
/// `{"status":"exact","value":3}`.
///
/// ```
/// use tryghed_disclosure::SuppressionThreshold;
/// use tryghed_report::Count;
///
/// let c = Count::new(3, SuppressionThreshold::default());
/// assert_eq!(c.to_string(), "< 5");
/// assert_eq!(c.value(), None);
/// assert_eq!(Count::exact(3).value(), Some(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
#[doc(alias = "diskretionering")]
#[doc(alias = "anmeldelser")]
pub struct Count(CountRepr);

/// A published count in its own serde form (validated by `tryghed-disclosure`), or an exact
/// one as `{"status":"exact","value":3}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
enum CountRepr {
    Published(PublishedCount),
    Exact(ExactForm),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case", deny_unknown_fields)]
enum ExactForm {
    Exact { value: u64 },
}

impl Count {
    /// The published form of a raw count under `threshold`.
    pub fn new(raw: u64, threshold: SuppressionThreshold) -> Self {
        Self(CountRepr::Published(PublishedCount::new(raw, threshold)))
    }

    /// A published count as it is (e.g. after complementary suppression).
    pub fn published(count: PublishedCount) -> Self {
        Self(CountRepr::Published(count))
    }

    /// An exact count, for an [unsuppressed](ReportOptions::unsuppressed) report only.
    pub fn exact(raw: u64) -> Self {
        Self(CountRepr::Exact(ExactForm::Exact { value: raw }))
    }

    /// The number, when the report may print it: a shown published count or an exact one.
    pub fn value(&self) -> Option<u64> {
        match self.0 {
            CountRepr::Published(p) => p.value(),
            CountRepr::Exact(ExactForm::Exact { value }) => Some(value),
        }
    }

    /// The published count (`None` for an exact one).
    pub fn as_published(&self) -> Option<PublishedCount> {
        match self.0 {
            CountRepr::Published(p) => Some(p),
            CountRepr::Exact(_) => None,
        }
    }

    /// Whether the number is hidden (below the threshold, or by complementary suppression).
    pub fn is_hidden(&self) -> bool {
        self.value().is_none()
    }

    /// Whether this is an exact count of an unsuppressed report.
    pub fn is_exact(&self) -> bool {
        matches!(self.0, CountRepr::Exact(_))
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            CountRepr::Published(p) => p.fmt(f),
            CountRepr::Exact(ExactForm::Exact { value }) => f.write_str(&crate::fmt::int(value)),
        }
    }
}

/// A measured value in the unit of its indicator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Figure {
    /// A share (a fraction between 0 and 1), exact as observed.
    Share {
        /// The share as a decimal fraction (`0.77`).
        #[serde(with = "rust_decimal::serde::str")]
        fraction: Decimal,
    },
    /// A count of reports.
    Count {
        /// The count.
        count: Count,
    },
    /// A number fixed without its counts, e.g. a baseline rate written into the agreement.
    Number {
        /// The value.
        #[serde(with = "rust_decimal::serde::str")]
        value: Decimal,
    },
    /// Reports per 1,000 residents, derived from a count and the residents. A hidden count
    /// has no rate (it would give the count back).
    Rate {
        /// The count of reports.
        count: Count,
        /// The residents of the area.
        residents: u64,
        /// `count × 1000 / residents`; `None` when the count is hidden.
        #[serde(with = "rust_decimal::serde::str_option")]
        rate: Option<Decimal>,
    },
    /// A number the published report does not give because it would give back a count below
    /// the threshold: a rate set by an amendment that a small count rounds to.
    #[doc(alias = "diskretioneret")]
    Withheld,
}

/// The baseline an indicator is judged from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
#[doc(alias = "basisår")]
pub enum BaselineCell {
    /// Not fixed yet, with the agreement's note.
    Pending {
        /// When and how it will be fixed.
        note: String,
    },
    /// Fixed for a year; `value` is `None` when the year's figure is not among the inputs.
    Known {
        /// The baseline year.
        year: Year,
        /// The value, when known.
        value: Option<Figure>,
    },
    /// The indicator has no baseline (its target needs none).
    None,
}

/// Another area's value in the same year (Valby, København).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "sammenligning")]
pub struct Reference {
    pub(crate) area: String,
    pub(crate) area_name: String,
    pub(crate) value: Figure,
}

accessors!(Reference {
    /// The area id (`valby`, `kobenhavn`).
    area: str,
    /// The area's Danish name (`Valby`, `København`).
    area_name: str,
    /// Its value.
    value: Figure,
});

/// A Wilson confidence interval of a survey share, rounded to six decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "konfidensinterval")]
pub struct IntervalCell {
    #[serde(with = "rust_decimal::serde::str")]
    pub(crate) lower: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub(crate) upper: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub(crate) confidence: Decimal,
}

accessors!(IntervalCell {
    /// The lower bound (a fraction).
    lower: Decimal,
    /// The upper bound (a fraction).
    upper: Decimal,
    /// The confidence level (`0.95`).
    confidence: Decimal,
});

/// Whether the change from the year before is statistically significant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
#[doc(alias = "signifikans")]
pub enum SignificanceCell {
    /// Significant at level `alpha`.
    Significant {
        /// The p-value, rounded to six decimals.
        #[serde(with = "rust_decimal::serde::str")]
        p_value: Decimal,
        /// The level.
        #[serde(with = "rust_decimal::serde::str")]
        alpha: Decimal,
    },
    /// Within chance at level `alpha`.
    NotSignificant {
        /// The p-value, rounded to six decimals.
        #[serde(with = "rust_decimal::serde::str")]
        p_value: Decimal,
        /// The level.
        #[serde(with = "rust_decimal::serde::str")]
        alpha: Decimal,
    },
    /// No test was possible, and why (Danish).
    NotComputable {
        /// Why.
        reason: String,
    },
}

/// The change of an indicator from the year before.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "ændring")]
pub struct ChangeCell {
    #[serde(with = "rust_decimal::serde::str")]
    pub(crate) from: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub(crate) to: Decimal,
    pub(crate) significance: SignificanceCell,
}

accessors!(ChangeCell {
    /// Last year's value (a fraction for shares).
    from: Decimal,
    /// This year's value.
    to: Decimal,
    /// Whether the change is significant.
    significance: SignificanceCell,
});

/// One line of the summary: a goal, its status and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "sammenfatning")]
pub struct SummaryLine {
    pub(crate) goal: String,
    pub(crate) title: String,
    pub(crate) status: ReportStatus,
    pub(crate) reason: String,
}

accessors!(SummaryLine {
    /// The goal id (`tryghed`, `kriminalitet`, `samarbejde`).
    goal: str,
    /// The goal's Danish title.
    title: str,
    /// The goal's status.
    status: ReportStatus,
    /// Why, in one Danish sentence.
    reason: str,
});

/// One row of the goals table: an indicator with a target.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "målsætning")]
#[doc(alias = "indikator")]
pub struct GoalRow {
    pub(crate) goal: String,
    pub(crate) indicator: String,
    pub(crate) name: String,
    pub(crate) year: Year,
    pub(crate) baseline: BaselineCell,
    pub(crate) value: Option<Figure>,
    pub(crate) references: Vec<Reference>,
    pub(crate) target: String,
    pub(crate) status: ReportStatus,
    pub(crate) respondents: Option<u64>,
    pub(crate) interval: Option<IntervalCell>,
    pub(crate) change: Option<ChangeCell>,
    pub(crate) verdict: String,
    pub(crate) explanation: String,
}

accessors!(GoalRow {
    /// The goal id.
    goal: str,
    /// The indicator id.
    indicator: str,
    /// The indicator's Danish name.
    name: str,
    /// The year the value describes (the survey year, or the calendar year of the reports).
    year: Year,
    /// The baseline.
    baseline: BaselineCell,
    /// The value in [`year`](Self::year), when observed.
    value: Option<Figure>,
    /// Valby's and København's values in the same year, when observed.
    references: [Reference],
    /// The target rule in Danish.
    target: str,
    /// The verdict.
    status: ReportStatus,
    /// The number of survey respondents, when known.
    respondents: Option<u64>,
    /// The Wilson interval of a survey share, when the respondents are known.
    interval: Option<IntervalCell>,
    /// The change from the year before.
    change: Option<ChangeCell>,
    /// The verdict in one plain Danish sentence, with the numbers behind it (for survey and
    /// plan indicators; crime verdicts are written in the crime section).
    verdict: str,
    /// The goals library's explanation (Danish), for the record.
    explanation: str,
});

/// One year's count of a crime category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountPoint {
    pub(crate) year: Year,
    pub(crate) count: Count,
    #[serde(default)]
    pub(crate) residents: Option<u64>,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub(crate) rate: Option<Decimal>,
}

accessors!(CountPoint {
    /// The calendar year of the reports.
    year: Year,
    /// The count.
    count: Count,
    /// The residents of the area that year, for a rate row.
    residents: Option<u64>,
    /// Reports per 1.000 indbyggere, for a rate row whose count is shown (never of a hidden
    /// count).
    rate: Option<Decimal>,
});

/// Which way a count went from the year before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
#[doc(alias = "udvikling")]
pub enum Trend {
    /// More reports than the year before.
    Rising,
    /// Fewer reports.
    Falling,
    /// The same number.
    Unchanged,
    /// This year's or last year's figure is missing.
    Unknown,
    /// This year's or last year's count is hidden: a trend would tell their order.
    Withheld,
}

impl Trend {
    /// The Danish label: `stigende`, `faldende`, `uændret`, `ukendt`, `ikke vist`.
    pub fn label(self) -> &'static str {
        match self {
            Trend::Rising => "stigende",
            Trend::Falling => "faldende",
            Trend::Unchanged => "uændret",
            Trend::Unknown => "ukendt",
            Trend::Withheld => "ikke vist",
        }
    }
}

/// Where a crime category's offence codes come from, as the report marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
#[doc(alias = "kodeliste")]
pub enum CodeList {
    /// An official source confirms the codes (the police's own grouping).
    Official,
    /// The codes come from public analyses, not the police's own grouping (which is not
    /// public): "kodeliste: offentlige analyser, ikke politiets gruppering". Every category of
    /// the embedded code list.
    PublicAnalyses,
    /// No codes are known, so the category cannot be counted (trusler, chikane).
    Missing,
}

impl CodeList {
    /// The report's mark for the category, in Danish; empty for an official list.
    pub fn mark(self) -> &'static str {
        match self {
            CodeList::Official => "",
            CodeList::PublicAnalyses => "kodeliste: offentlige analyser, ikke politiets gruppering",
            CodeList::Missing => "kodeliste mangler: kan ikke opgøres",
        }
    }
}

/// A crime category (gerningstype) with its yearly counts in the partnership area.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "kriminalitet")]
#[doc(alias = "gerningstype")]
pub struct CrimeRow {
    pub(crate) indicator: String,
    pub(crate) category: String,
    pub(crate) name: String,
    pub(crate) monitored_only: bool,
    pub(crate) codes: CodeList,
    pub(crate) per_1000: bool,
    pub(crate) baseline: BaselineCell,
    pub(crate) series: Vec<CountPoint>,
    pub(crate) trend: Trend,
    pub(crate) status: ReportStatus,
}

accessors!(CrimeRow {
    /// The indicator id (`straffelov-per-1000`, `indbrud`, …).
    indicator: str,
    /// The category id (`chikane`, `indbrud`, …).
    category: str,
    /// The Danish name.
    name: str,
    /// Whether the agreement only monitors it (no target).
    monitored_only: bool,
    /// Where its offence codes come from.
    codes: CodeList,
    /// Whether its target is a rate per 1.000 indbyggere (straffelovskriminalitet): the
    /// series then carries the residents and rates.
    per_1000: bool,
    /// The baseline.
    baseline: BaselineCell,
    /// The counts per calendar year, oldest first.
    series: [CountPoint],
    /// The change into the reported crime year.
    trend: Trend,
    /// The verdict (monitored categories: `monitoreres`).
    status: ReportStatus,
});

/// How the baseline of the crime targets stands in this report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum BaselineFixing {
    /// This report fixes it: "Baseline for 2025 fastlægges ifm. den første afrapportering til
    /// Økonomiudvalget i 2026 og tilføjes partnerskabsaftalen herefter." (the report of the
    /// year after the baseline year, while the baselines are pending).
    ThisReport,
    /// Still pending in a later report: fixed at the first report, but not yet added to the
    /// agreement by an amendment.
    NotYetAdded,
    /// Fixed by an amendment of the agreement.
    Amendment {
        /// The amendment's date, `YYYY-MM-DD`.
        date: String,
        /// Its title.
        title: String,
    },
    /// Written into the agreement itself.
    InAgreement,
}

/// One row of the baseline table, in the agreement's own form ("Gerningstype / Mål /
/// Baseline 2025").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineRow {
    pub(crate) indicator: String,
    pub(crate) name: String,
    pub(crate) target: String,
    pub(crate) value: Option<Figure>,
}

accessors!(BaselineRow {
    /// The indicator id.
    indicator: str,
    /// The gerningstype as the agreement's table names it.
    name: str,
    /// The target in the agreement's words ("Minimum fastholdelse").
    target: str,
    /// The baseline: a count, or for straffelovskriminalitet the count with its residents and
    /// rate per 1.000 indbyggere; published through the disclosure control.
    value: Option<Figure>,
});

/// The agreement's baseline table for crime: the baseline year, how it is fixed, and a row
/// per gerningstype with a target.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "baseline")]
pub struct BaselineTable {
    pub(crate) year: Year,
    pub(crate) fixing: BaselineFixing,
    pub(crate) rows: Vec<BaselineRow>,
}

accessors!(BaselineTable {
    /// The baseline year (2025).
    year: Year,
    /// Whether this report fixes it, or which amendment did.
    fixing: BaselineFixing,
    /// The rows, in the agreement's order.
    rows: [BaselineRow],
});

/// A point of a survey time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharePoint {
    pub(crate) year: Year,
    #[serde(with = "rust_decimal::serde::str")]
    pub(crate) fraction: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) respondents: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) interval: Option<IntervalCell>,
}

accessors!(SharePoint {
    /// The survey year.
    year: Year,
    /// The share as a fraction.
    fraction: Decimal,
    /// The number of respondents, when known.
    respondents: Option<u64>,
    /// The 95 % Wilson interval, when the number of respondents is known.
    interval: Option<IntervalCell>,
});

/// One area's series of a survey share.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaSeries {
    pub(crate) area: String,
    pub(crate) area_name: String,
    pub(crate) points: Vec<SharePoint>,
}

accessors!(AreaSeries {
    /// The area id.
    area: str,
    /// The Danish name.
    area_name: str,
    /// The points, oldest first.
    points: [SharePoint],
});

/// A guide for the eye, **not the agreement's target**: the steady straight line from the
/// baseline to the reference's level in the target year ("jævn fremskrivning til
/// københavnerniveau, ikke aftalens mål"). The agreement asks the share to rise every year and
/// come closer to København's level ("nærme sig københavnerniveau i 2029"), not to follow
/// this line; no status is decided by it (see `tryghed_goals::eval`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "jævn fremskrivning")]
pub struct Guide {
    pub(crate) from: SharePoint,
    pub(crate) to: SharePoint,
}

accessors!(Guide {
    /// The baseline (year and share).
    from: SharePoint,
    /// The reference's latest known level, placed in the target year.
    to: SharePoint,
});

/// A survey indicator over the years, for the chart.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "Tryghedsundersøgelsen")]
#[doc(alias = "trygge borgere")]
pub struct SurveySeries {
    pub(crate) indicator: String,
    pub(crate) name: String,
    pub(crate) areas: Vec<AreaSeries>,
    pub(crate) guide: Option<Guide>,
}

accessors!(SurveySeries {
    /// The indicator id.
    indicator: str,
    /// The Danish name.
    name: str,
    /// The partnership area first, then the references.
    areas: [AreaSeries],
    /// The guide line (not the target), when the baseline and the reference are known.
    guide: Option<Guide>,
});

/// How far a deliverable (leverance) was delivered, from the follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
#[doc(alias = "leveret")]
#[doc(alias = "opfølgning")]
pub enum Delivery {
    /// Leveret.
    Delivered,
    /// Delvist leveret.
    PartlyDelivered,
    /// Ikke leveret.
    NotDelivered,
    /// No follow-up for it (ikke afrapporteret).
    NotReported,
}

impl Delivery {
    /// The Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Delivery::Delivered => "leveret",
            Delivery::PartlyDelivered => "delvist leveret",
            Delivery::NotDelivered => "ikke leveret",
            Delivery::NotReported => "ikke afrapporteret",
        }
    }
}

/// A deliverable (leverance) of an activity and what the follow-up says about it.
///
/// A deliverable not delivered in full is a deviation (afvigelse): it may carry the activity
/// owner's reason (begrundelse), the action taken (handling) and a new deadline (ny frist),
/// set with [`DeliverableRow::with_deviation`]. A delivered or not reported deliverable has
/// none.
///
/// Deserialising goes through [`DeliverableRow::new`], [`DeliverableRow::with_due`] and
/// [`DeliverableRow::with_deviation`]: a blank description, or a reason, action or new
/// deadline on a deliverable that is not a deviation, is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawDeliverable", into = "RawDeliverable")]
#[doc(alias = "leverance")]
#[doc(alias = "afvigelse")]
pub struct DeliverableRow {
    pub(crate) what: String,
    pub(crate) delivery: Delivery,
    pub(crate) note: Option<String>,
    pub(crate) due: Option<chrono::NaiveDate>,
    pub(crate) reason: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) new_due: Option<chrono::NaiveDate>,
}

/// The serde form of [`DeliverableRow`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeliverable {
    what: String,
    delivery: Delivery,
    #[serde(default)]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    due: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    new_due: Option<chrono::NaiveDate>,
}

impl TryFrom<RawDeliverable> for DeliverableRow {
    type Error = crate::ReportError;
    fn try_from(raw: RawDeliverable) -> Result<Self, Self::Error> {
        let mut row = DeliverableRow::new(raw.what, raw.delivery, raw.note)?;
        if let Some(due) = raw.due {
            row = row.with_due(due);
        }
        if raw.reason.is_some() || raw.action.is_some() || raw.new_due.is_some() {
            row = row.with_deviation(raw.reason, raw.action, raw.new_due)?;
        }
        Ok(row)
    }
}

impl From<DeliverableRow> for RawDeliverable {
    fn from(d: DeliverableRow) -> Self {
        RawDeliverable {
            what: d.what,
            delivery: d.delivery,
            note: d.note,
            due: d.due,
            reason: d.reason,
            action: d.action,
            new_due: d.new_due,
        }
    }
}

/// A text trimmed; a blank one is none.
fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

impl DeliverableRow {
    /// A deliverable with its follow-up.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when `what` is blank.
    pub fn new(
        what: impl Into<String>,
        delivery: Delivery,
        note: Option<String>,
    ) -> Result<Self, crate::ReportError> {
        let what = what.into();
        if what.trim().is_empty() {
            return Err(crate::ReportError::InvalidInput {
                field: "deliverable.what".into(),
                reason: "a deliverable needs a description".into(),
            });
        }
        Ok(Self {
            what,
            delivery,
            note: note.filter(|n| !n.trim().is_empty()),
            due: None,
            reason: None,
            action: None,
            new_due: None,
        })
    }

    /// With the deadline the plan gives it (frist).
    #[doc(alias = "frist")]
    #[must_use]
    pub fn with_due(mut self, due: chrono::NaiveDate) -> Self {
        self.due = Some(due);
        self
    }

    /// With what the follow-up says about a deviation: why it was not delivered in full
    /// (begrundelse), what is done about it (handling) and the new deadline (ny frist). Texts
    /// are trimmed; a blank one is none.
    ///
    /// ```
    /// use tryghed_report::{DeliverableRow, Delivery};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let row = DeliverableRow::new("Nye lamper", Delivery::NotDelivered, None)?
    ///     .with_deviation(
    ///         Some("Eksempel: leverandøren er forsinket".into()),
    ///         Some("Eksempel: nyt tilbud indhentet".into()),
    ///         chrono::NaiveDate::from_ymd_opt(2027, 4, 30),
    ///     )?;
    /// assert!(row.is_deviation());
    /// assert_eq!(row.action().as_deref(), Some("Eksempel: nyt tilbud indhentet"));
    ///
    /// // A delivered deliverable is no deviation.
    /// let done = DeliverableRow::new("Rapport", Delivery::Delivered, None)?;
    /// assert!(done.with_deviation(Some("?".into()), None, None).is_err());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the deliverable
    /// is not a deviation ([`DeliverableRow::is_deviation`]: delivered, or not reported) and
    /// any of the three is given.
    #[doc(alias = "begrundelse")]
    #[doc(alias = "handling")]
    #[doc(alias = "ny frist")]
    pub fn with_deviation(
        mut self,
        reason: Option<String>,
        action: Option<String>,
        new_due: Option<chrono::NaiveDate>,
    ) -> Result<Self, crate::ReportError> {
        let reason = trimmed(reason);
        let action = trimmed(action);
        if !self.is_deviation() && (reason.is_some() || action.is_some() || new_due.is_some()) {
            return Err(crate::ReportError::InvalidInput {
                field: format!("deliverable {:?}", self.what),
                reason: format!(
                    "it is {}, not a deviation: it has no reason, action or new deadline",
                    self.delivery.label()
                ),
            });
        }
        self.reason = reason;
        self.action = action;
        self.new_due = new_due;
        Ok(self)
    }

    /// Whether it is a deviation (afvigelse): delivered in part or not delivered.
    #[doc(alias = "afvigelse")]
    pub fn is_deviation(&self) -> bool {
        matches!(
            self.delivery,
            Delivery::PartlyDelivered | Delivery::NotDelivered
        )
    }

    /// Forgets the follow-up's status: not reported, without a deviation.
    fn unreported(&mut self) {
        self.delivery = Delivery::NotReported;
        self.reason = None;
        self.action = None;
        self.new_due = None;
    }
}

accessors!(DeliverableRow {
    /// What is to be delivered.
    what: str,
    /// How far it was delivered.
    delivery: Delivery,
    /// The activity owner's note.
    note: Option<String>,
    /// The deadline in the plan (frist), when known.
    due: Option<chrono::NaiveDate>,
    /// Why a deviation was not delivered in full (begrundelse), when reported.
    reason: Option<String>,
    /// What is done about a deviation (handling), when reported.
    action: Option<String>,
    /// A deviation's new deadline (ny frist), when reported.
    new_due: Option<chrono::NaiveDate>,
});

/// How far an activity's objective (målsætning) was achieved, from the follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
#[doc(alias = "målopfyldelse")]
pub enum Achievement {
    /// Opnået.
    Achieved,
    /// Delvist opnået.
    PartlyAchieved,
    /// Ikke opnået.
    NotAchieved,
    /// No follow-up for it (ikke afrapporteret).
    NotReported,
}

impl Achievement {
    /// The Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Achievement::Achieved => "opnået",
            Achievement::PartlyAchieved => "delvist opnået",
            Achievement::NotAchieved => "ikke opnået",
            Achievement::NotReported => "ikke afrapporteret",
        }
    }
}

/// An activity's objective (målsætning) and what the follow-up says about it: the agreement
/// asks the activity owners to report "om de har opnået leverancer og målsætninger for deres
/// aktivitet" (section 4).
///
/// An objective achieved in part or not at all is a deviation (afvigelse) and may carry the
/// owner's reason (begrundelse) and action (handling), set with
/// [`ObjectiveRow::with_deviation`]; an objective has no deadline, so no new one either.
/// Deserialising goes through [`ObjectiveRow::new`] and [`ObjectiveRow::with_deviation`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawObjective", into = "RawObjective")]
#[doc(alias = "målsætning")]
pub struct ObjectiveRow {
    pub(crate) what: String,
    pub(crate) achievement: Achievement,
    pub(crate) note: Option<String>,
    pub(crate) reason: Option<String>,
    pub(crate) action: Option<String>,
}

/// The serde form of [`ObjectiveRow`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObjective {
    what: String,
    achievement: Achievement,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    action: Option<String>,
}

impl TryFrom<RawObjective> for ObjectiveRow {
    type Error = crate::ReportError;
    fn try_from(raw: RawObjective) -> Result<Self, Self::Error> {
        let row = ObjectiveRow::new(raw.what, raw.achievement, raw.note)?;
        if raw.reason.is_some() || raw.action.is_some() {
            return row.with_deviation(raw.reason, raw.action);
        }
        Ok(row)
    }
}

impl From<ObjectiveRow> for RawObjective {
    fn from(o: ObjectiveRow) -> Self {
        RawObjective {
            what: o.what,
            achievement: o.achievement,
            note: o.note,
            reason: o.reason,
            action: o.action,
        }
    }
}

impl ObjectiveRow {
    /// An objective with its follow-up; a blank note is none.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when `what` is blank.
    pub fn new(
        what: impl Into<String>,
        achievement: Achievement,
        note: Option<String>,
    ) -> Result<Self, crate::ReportError> {
        let what = what.into();
        if what.trim().is_empty() {
            return Err(crate::ReportError::InvalidInput {
                field: "objective.what".into(),
                reason: "an objective needs a description".into(),
            });
        }
        Ok(Self {
            what,
            achievement,
            note: trimmed(note),
            reason: None,
            action: None,
        })
    }

    /// With the reason it was not achieved in full (begrundelse) and what is done about it
    /// (handling); texts are trimmed, a blank one is none.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the objective is
    /// not a deviation (achieved, or not reported) and either is given.
    pub fn with_deviation(
        mut self,
        reason: Option<String>,
        action: Option<String>,
    ) -> Result<Self, crate::ReportError> {
        let reason = trimmed(reason);
        let action = trimmed(action);
        if !self.is_deviation() && (reason.is_some() || action.is_some()) {
            return Err(crate::ReportError::InvalidInput {
                field: format!("objective {:?}", self.what),
                reason: format!(
                    "it is {}, not a deviation: it has no reason or action",
                    self.achievement.label()
                ),
            });
        }
        self.reason = reason;
        self.action = action;
        Ok(self)
    }

    /// Whether it is a deviation (afvigelse): achieved in part or not achieved.
    pub fn is_deviation(&self) -> bool {
        matches!(
            self.achievement,
            Achievement::PartlyAchieved | Achievement::NotAchieved
        )
    }

    /// Forgets the follow-up's status: not reported, without a deviation.
    fn unreported(&mut self) {
        self.achievement = Achievement::NotReported;
        self.reason = None;
        self.action = None;
    }
}

accessors!(ObjectiveRow {
    /// What the activity aims at.
    what: str,
    /// How far it was achieved.
    achievement: Achievement,
    /// The activity owner's note.
    note: Option<String>,
    /// Why a deviation was not achieved in full (begrundelse), when reported.
    reason: Option<String>,
    /// What is done about a deviation (handling), when reported.
    action: Option<String>,
});

/// An activity of the year's tryghedsplan as the report shows it.
///
/// Whether it involves two or more samarbejdspartnere ([`ActivityRow::is_multi_partner`]) is
/// computed from the organisations it involves ([`ActivityRow::organisations`]), never
/// stored: deserialising goes through [`ActivityRow::new`] and
/// [`ActivityRow::with_organisations`], and a JSON `multi_partner` that disagrees with the
/// organisations is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawActivity", into = "RawActivity")]
#[doc(alias = "aktivitet")]
pub struct ActivityRow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) focus_area: String,
    pub(crate) responsible: String,
    pub(crate) partners: Vec<String>,
    pub(crate) organisations: Vec<String>,
    pub(crate) budget: Option<Dkk>,
    pub(crate) deliverables: Vec<DeliverableRow>,
    pub(crate) objectives: Vec<ObjectiveRow>,
}

/// The serde form of [`ActivityRow`]; `multi_partner` is written for readers and checked on
/// the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActivity {
    id: String,
    title: String,
    focus_area: String,
    responsible: String,
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    organisations: Option<Vec<String>>,
    #[serde(default)]
    multi_partner: Option<bool>,
    #[serde(default)]
    budget: Option<Dkk>,
    #[serde(default)]
    deliverables: Vec<DeliverableRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    objectives: Vec<ObjectiveRow>,
}

impl TryFrom<RawActivity> for ActivityRow {
    type Error = crate::ReportError;
    fn try_from(raw: RawActivity) -> Result<Self, Self::Error> {
        let mut row = ActivityRow::new(
            raw.id,
            raw.title,
            raw.focus_area,
            raw.responsible,
            raw.partners,
        )?;
        if let Some(organisations) = raw.organisations {
            row = row.with_organisations(organisations)?;
        }
        if let Some(budget) = raw.budget {
            row = row.with_budget(budget)?;
        }
        row = row
            .with_deliverables(raw.deliverables)
            .with_objectives(raw.objectives);
        if let Some(stated) = raw.multi_partner
            && stated != row.is_multi_partner()
        {
            return Err(crate::ReportError::InvalidInput {
                field: format!("activity {:?}.multi_partner", row.id),
                reason: format!(
                    "says {stated}, but the activity involves {} organisation(s): it is computed, not given",
                    row.organisations.len()
                ),
            });
        }
        Ok(row)
    }
}

impl From<ActivityRow> for RawActivity {
    fn from(a: ActivityRow) -> Self {
        let multi = a.is_multi_partner();
        RawActivity {
            id: a.id,
            title: a.title,
            focus_area: a.focus_area,
            responsible: a.responsible,
            partners: a.partners,
            organisations: Some(a.organisations),
            multi_partner: Some(multi),
            budget: a.budget,
            deliverables: a.deliverables,
            objectives: a.objectives,
        }
    }
}

/// The names, trimmed, without repeats (ignoring case), first spelling kept.
fn distinct_names<'a>(names: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = name.trim();
        if !out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            out.push(name.to_owned());
        }
    }
    out
}

impl ActivityRow {
    /// An activity: its id, title, focus area id (one of the agreement's), the responsible
    /// party's name and the partners' names (parties or external organisations).
    ///
    /// Its organisations are the distinct names (trimmed, ignoring case); for rows of a
    /// checked plan, [`PlanInput::from_plan`] sets them by the plan crate's rule, where a
    /// unit counts as the party it is part of ([`tryghed_plan::Collaboration`]).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the id, title,
    /// focus area or responsible party is blank, or a partner is blank.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        focus_area: impl Into<String>,
        responsible: impl Into<String>,
        partners: Vec<String>,
    ) -> Result<Self, crate::ReportError> {
        let id = id.into();
        let bad = |field: &str, reason: &str| crate::ReportError::InvalidInput {
            field: format!("activity {id:?}.{field}"),
            reason: reason.to_owned(),
        };
        let title = title.into();
        let focus_area = focus_area.into();
        let responsible = responsible.into();
        for (field, value) in [
            ("id", &id),
            ("title", &title),
            ("focus_area", &focus_area),
            ("responsible", &responsible),
        ] {
            if value.trim().is_empty() {
                return Err(bad(field, "must not be blank"));
            }
        }
        if partners.iter().any(|p| p.trim().is_empty()) {
            return Err(bad("partners", "a partner's name must not be blank"));
        }
        let organisations = distinct_names(std::iter::once(&responsible).chain(&partners));
        Ok(Self {
            id,
            title,
            focus_area,
            responsible,
            partners,
            organisations,
            budget: None,
            deliverables: Vec::new(),
            objectives: Vec::new(),
        })
    }

    /// With the distinct organisations it involves, counted by a rule other than distinct
    /// names (such as the plan crate's, where SSP counts as Socialforvaltningen).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the list is
    /// empty, a name is blank or repeats (ignoring case), or it names more organisations than
    /// the activity names parties (the responsible party and the partners).
    pub fn with_organisations(
        mut self,
        organisations: Vec<String>,
    ) -> Result<Self, crate::ReportError> {
        let bad = |reason: String| crate::ReportError::InvalidInput {
            field: format!("activity {:?}.organisations", self.id),
            reason,
        };
        if organisations.is_empty() {
            return Err(bad(
                "an activity involves at least its responsible party".into()
            ));
        }
        if organisations.iter().any(|o| o.trim().is_empty()) {
            return Err(bad("an organisation's name must not be blank".into()));
        }
        if distinct_names(&organisations).len() != organisations.len() {
            return Err(bad("an organisation is named twice".into()));
        }
        if organisations.len() > 1 + self.partners.len() {
            return Err(bad(format!(
                "{} organisations, but the activity names only {} parties",
                organisations.len(),
                1 + self.partners.len()
            )));
        }
        self.organisations = organisations;
        Ok(self)
    }

    /// With its budget from the activity funds.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the budget is
    /// negative.
    pub fn with_budget(mut self, budget: Dkk) -> Result<Self, crate::ReportError> {
        if budget.is_negative() {
            return Err(crate::ReportError::InvalidInput {
                field: format!("activity {:?}.budget", self.id),
                reason: format!("a budget cannot be negative: {budget}"),
            });
        }
        self.budget = Some(budget);
        Ok(self)
    }

    /// With its deliverables and their follow-up.
    #[must_use]
    pub fn with_deliverables(mut self, deliverables: Vec<DeliverableRow>) -> Self {
        self.deliverables = deliverables;
        self
    }

    /// With its objectives (målsætninger) and their follow-up.
    #[must_use]
    pub fn with_objectives(mut self, objectives: Vec<ObjectiveRow>) -> Self {
        self.objectives = objectives;
        self
    }

    /// Whether two or more samarbejdspartnere are involved (the agreement's goal 3):
    /// computed from [`ActivityRow::organisations`].
    pub fn is_multi_partner(&self) -> bool {
        self.organisations.len() >= 2
    }
}

accessors!(ActivityRow {
    /// The activity id.
    id: str,
    /// The title.
    title: str,
    /// The focus area id.
    focus_area: str,
    /// The responsible party.
    responsible: str,
    /// The partners.
    partners: [String],
    /// The distinct organisations it involves, by the counting rule of goal 3.
    organisations: [String],
    /// The budget from the activity funds.
    budget: Option<Dkk>,
    /// The deliverables.
    deliverables: [DeliverableRow],
    /// The objectives (målsætninger).
    objectives: [ObjectiveRow],
});

/// Where a tryghedsplan stands (planstatus): a draft, approved, or revised after approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
#[doc(alias = "planstatus")]
pub enum PlanStage {
    /// Udkast: not yet approved.
    #[doc(alias = "udkast")]
    Draft,
    /// Godkendt.
    #[doc(alias = "godkendt")]
    Approved,
    /// Revideret: changed after its approval.
    #[doc(alias = "revideret")]
    Revised,
}

impl PlanStage {
    /// The Danish word: udkast, godkendt, revideret.
    pub fn label(self) -> &'static str {
        match self {
            PlanStage::Draft => "udkast",
            PlanStage::Approved => "godkendt",
            PlanStage::Revised => "revideret",
        }
    }
}

/// A revision of an approved tryghedsplan: when, and why.
///
/// Deserialising goes through [`PlanRevision::new`]: a blank reason is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRevision", into = "RawRevision")]
#[doc(alias = "revision")]
pub struct PlanRevision {
    pub(crate) date: chrono::NaiveDate,
    pub(crate) reason: String,
}

/// The serde form of [`PlanRevision`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRevision {
    date: chrono::NaiveDate,
    reason: String,
}

impl TryFrom<RawRevision> for PlanRevision {
    type Error = crate::ReportError;
    fn try_from(raw: RawRevision) -> Result<Self, Self::Error> {
        PlanRevision::new(raw.date, raw.reason)
    }
}

impl From<PlanRevision> for RawRevision {
    fn from(r: PlanRevision) -> Self {
        RawRevision {
            date: r.date,
            reason: r.reason,
        }
    }
}

impl PlanRevision {
    /// A revision on `date` for `reason` (trimmed).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the reason is
    /// blank.
    pub fn new(
        date: chrono::NaiveDate,
        reason: impl Into<String>,
    ) -> Result<Self, crate::ReportError> {
        let reason = reason.into().trim().to_owned();
        if reason.is_empty() {
            return Err(crate::ReportError::InvalidInput {
                field: format!("revision {date}.reason"),
                reason: "a revision needs a reason".into(),
            });
        }
        Ok(Self { date, reason })
    }
}

accessors!(PlanRevision {
    /// The day of the revision.
    date: chrono::NaiveDate,
    /// Why the plan was revised (begrundelse).
    reason: str,
});

/// A tryghedsplan's status as the report shows it: its stage, who approved it and when, and
/// its revisions since.
///
/// The stage follows the approval and the revisions, as in the plan file's rules: a draft
/// has neither, an approved plan an approval and no revision, a revised plan an approval and
/// at least one revision, each on or after the one before. Deserialising goes through
/// [`PlanStatusRow::draft`], [`PlanStatusRow::approved`] and [`PlanStatusRow::revised`], so
/// a JSON status that breaks this is refused.
///
/// ```
/// use tryghed_report::{PlanRevision, PlanStage, PlanStatusRow};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).ok_or("date");
/// let status = PlanStatusRow::approved(day(2, 24)?, "styregruppe")?
///     .revised(PlanRevision::new(day(11, 17)?, "Eksempel: belysningen er forsinket")?)?;
/// assert_eq!(status.stage(), &PlanStage::Revised);
/// assert_eq!(
///     status.text(),
///     "revideret (godkendt 24. februar 2026 af styregruppe; revideret 17. november 2026: Eksempel: belysningen er forsinket)"
/// );
/// // A revision before the approval is refused.
/// assert!(PlanStatusRow::approved(day(2, 24)?, "styregruppe")?
///     .revised(PlanRevision::new(day(1, 5)?, "for tidligt")?)
///     .is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawPlanStatus", into = "RawPlanStatus")]
#[doc(alias = "planstatus")]
#[doc(alias = "godkendelse")]
pub struct PlanStatusRow {
    pub(crate) stage: PlanStage,
    pub(crate) approved_on: Option<chrono::NaiveDate>,
    pub(crate) approved_by: Option<String>,
    pub(crate) revisions: Vec<PlanRevision>,
}

/// The serde form of [`PlanStatusRow`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanStatus {
    stage: PlanStage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approved_on: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    approved_by: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<PlanRevision>,
}

impl TryFrom<RawPlanStatus> for PlanStatusRow {
    type Error = crate::ReportError;
    fn try_from(raw: RawPlanStatus) -> Result<Self, Self::Error> {
        let bad = |reason: &str| crate::ReportError::InvalidInput {
            field: "plan.status".into(),
            reason: reason.to_owned(),
        };
        let mut row = match (raw.approved_on, raw.approved_by) {
            (None, None) => PlanStatusRow::draft(),
            (Some(date), Some(body)) => PlanStatusRow::approved(date, body)?,
            _ => return Err(bad("an approval needs both its date and its body")),
        };
        for revision in raw.revisions {
            row = row.revised(revision)?;
        }
        if row.stage != raw.stage {
            return Err(bad(&format!(
                "the stage says {}, but the approval and revisions make it {}",
                raw.stage.label(),
                row.stage.label()
            )));
        }
        Ok(row)
    }
}

impl From<PlanStatusRow> for RawPlanStatus {
    fn from(r: PlanStatusRow) -> Self {
        RawPlanStatus {
            stage: r.stage,
            approved_on: r.approved_on,
            approved_by: r.approved_by,
            revisions: r.revisions,
        }
    }
}

impl PlanStatusRow {
    /// A draft (udkast): not approved.
    pub fn draft() -> Self {
        Self {
            stage: PlanStage::Draft,
            approved_on: None,
            approved_by: None,
            revisions: Vec::new(),
        }
    }

    /// Approved (godkendt) on `date` by `body` (trimmed), e.g. "styregruppe".
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when `body` is blank.
    pub fn approved(
        date: chrono::NaiveDate,
        body: impl Into<String>,
    ) -> Result<Self, crate::ReportError> {
        let body = body.into().trim().to_owned();
        if body.is_empty() {
            return Err(crate::ReportError::InvalidInput {
                field: "plan.status.approved_by".into(),
                reason: "an approval names the body that gave it".into(),
            });
        }
        Ok(Self {
            stage: PlanStage::Approved,
            approved_on: Some(date),
            approved_by: Some(body),
            revisions: Vec::new(),
        })
    }

    /// This status with one more revision: the stage becomes revised (revideret).
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the plan is a
    /// draft (only an approved plan is revised) or the revision is dated before the approval
    /// or the revision before it.
    pub fn revised(mut self, revision: PlanRevision) -> Result<Self, crate::ReportError> {
        let Some(approved) = self.approved_on else {
            return Err(crate::ReportError::InvalidInput {
                field: "plan.status.revisions".into(),
                reason: "a draft is not revised: only an approved plan is".into(),
            });
        };
        let before = self.revisions.last().map_or(approved, |r| r.date);
        if revision.date < before {
            return Err(crate::ReportError::InvalidInput {
                field: "plan.status.revisions".into(),
                reason: format!(
                    "the revision of {} comes before {before}: revisions follow the approval in date order",
                    revision.date
                ),
            });
        }
        self.revisions.push(revision);
        self.stage = PlanStage::Revised;
        Ok(self)
    }

    /// The status of a [`tryghed_plan::Plan`].
    ///
    /// # Errors
    ///
    /// As [`PlanStatusRow::approved`] and [`PlanStatusRow::revised`], and
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the plan's status
    /// does not follow its approval and revisions (`tryghed plan check` reports that at its
    /// line).
    pub fn from_plan(plan: &tryghed_plan::Plan) -> Result<Self, crate::ReportError> {
        let mut row = match plan.approval() {
            None => PlanStatusRow::draft(),
            Some(a) => PlanStatusRow::approved(a.date(), a.body())?,
        };
        for r in plan.revisions() {
            row = row.revised(PlanRevision::new(r.date(), r.reason())?)?;
        }
        let stated = match plan.status() {
            tryghed_plan::PlanStatus::Draft => PlanStage::Draft,
            tryghed_plan::PlanStatus::Approved => PlanStage::Approved,
            _ => PlanStage::Revised,
        };
        if stated != row.stage {
            return Err(crate::ReportError::InvalidInput {
                field: format!("plan {}.status", plan.year()),
                reason: format!(
                    "the plan says {}, but its approval and revisions make it {}",
                    stated.label(),
                    row.stage.label()
                ),
            });
        }
        Ok(row)
    }

    /// The status in one Danish phrase: "udkast, ikke godkendt", "godkendt 24. februar 2026
    /// af styregruppe", "revideret (godkendt …; revideret 17. november 2026: …)".
    pub fn text(&self) -> String {
        let approval = match (&self.approved_on, &self.approved_by) {
            (Some(date), Some(body)) => {
                format!("godkendt {} af {body}", crate::fmt::long_date(*date))
            }
            _ => return "udkast, ikke godkendt".to_owned(),
        };
        if self.revisions.is_empty() {
            return approval;
        }
        let revisions: Vec<String> = self
            .revisions
            .iter()
            .map(|r| format!("revideret {}: {}", crate::fmt::long_date(r.date), r.reason))
            .collect();
        format!("revideret ({approval}; {})", revisions.join("; "))
    }
}

accessors!(PlanStatusRow {
    /// Draft, approved or revised.
    stage: PlanStage,
    /// The day of the approval, once approved.
    approved_on: Option<chrono::NaiveDate>,
    /// The body that approved it (e.g. "styregruppe"), once approved.
    approved_by: Option<String>,
    /// The revisions since the approval, in date order.
    revisions: [PlanRevision],
});

/// The year's tryghedsplan as input to the report: its year, whether it is example data, and
/// its activities.
///
/// Deserialising goes through [`PlanInput::new`] (and each activity through
/// [`ActivityRow::new`]): a blank title or a repeated activity id is refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawPlanInput", into = "RawPlanInput")]
pub struct PlanInput {
    pub(crate) year: Year,
    pub(crate) title: String,
    pub(crate) follow_up: bool,
    pub(crate) activities: Vec<ActivityRow>,
    pub(crate) status: Option<PlanStatusRow>,
}

/// The serde form of [`PlanInput`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanInput {
    year: Year,
    title: String,
    follow_up: bool,
    activities: Vec<ActivityRow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<PlanStatusRow>,
}

impl TryFrom<RawPlanInput> for PlanInput {
    type Error = crate::ReportError;
    fn try_from(raw: RawPlanInput) -> Result<Self, Self::Error> {
        let plan = PlanInput::new(raw.year, raw.title, raw.follow_up, raw.activities)?;
        Ok(match raw.status {
            Some(status) => plan.with_status(status),
            None => plan,
        })
    }
}

impl From<PlanInput> for RawPlanInput {
    fn from(p: PlanInput) -> Self {
        RawPlanInput {
            year: p.year,
            title: p.title,
            follow_up: p.follow_up,
            activities: p.activities,
            status: p.status,
        }
    }
}

impl PlanInput {
    /// The plan for `year` with a title (e.g. "Tryghedsplan 2026", or "Eksempel: …" for
    /// made-up data) and its activities. `follow_up` says whether the deliverables carry the
    /// activity owners' follow-up; without it every deliverable is shown as not reported.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`](crate::ReportError::InvalidInput) when the title is blank
    /// or an activity id repeats.
    pub fn new(
        year: Year,
        title: impl Into<String>,
        follow_up: bool,
        mut activities: Vec<ActivityRow>,
    ) -> Result<Self, crate::ReportError> {
        let title = title.into();
        if title.trim().is_empty() {
            return Err(crate::ReportError::InvalidInput {
                field: "plan.title".into(),
                reason: "must not be blank".into(),
            });
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, a) in activities.iter().enumerate() {
            if !seen.insert(a.id.as_str()) {
                return Err(crate::ReportError::InvalidInput {
                    field: format!("plan.activities[{i}].id"),
                    reason: format!("the activity id {:?} repeats", a.id),
                });
            }
        }
        if !follow_up {
            for a in &mut activities {
                for d in &mut a.deliverables {
                    d.unreported();
                }
                for o in &mut a.objectives {
                    o.unreported();
                }
            }
        }
        Ok(Self {
            year,
            title,
            follow_up,
            activities,
            status: None,
        })
    }

    /// With the plan's status (udkast, godkendt, revideret), shown in the report.
    #[doc(alias = "planstatus")]
    #[must_use]
    pub fn with_status(mut self, status: PlanStatusRow) -> Self {
        self.status = Some(status);
        self
    }
}

impl PlanInput {
    /// The report's view of a [`tryghed_plan::Plan`] and, when given, its follow-up: party
    /// ids become the parties' names from `context`, each activity's organisations are counted
    /// by the plan crate's rule ([`tryghed_plan::Activity::organisation_names`]), and each
    /// deliverable takes its status from the follow-up (not reported when the follow-up has
    /// none for it).
    ///
    /// # Errors
    ///
    /// As [`PlanInput::new`] and [`ActivityRow::new`] (a plan that parsed passes).
    #[doc(alias = "tryghedsplan")]
    pub fn from_plan(
        plan: &tryghed_plan::Plan,
        follow_up: Option<&tryghed_plan::FollowUp>,
        context: &tryghed_plan::PlanContext,
        title: impl Into<String>,
    ) -> Result<Self, crate::ReportError> {
        let name = |id: &tryghed_parties::PartyId| {
            context
                .party_name(id)
                .map_or_else(|| id.to_string(), str::to_owned)
        };
        let mut rows = Vec::new();
        for a in plan.activities() {
            let partners = a
                .partners()
                .iter()
                .map(|p| match p {
                    tryghed_plan::Partner::Party(id) => name(id),
                    tryghed_plan::Partner::External(e) => e.name().to_owned(),
                    other => format!("{other:?}"),
                })
                .collect();
            let mut deliverables = Vec::new();
            for d in a.deliverables() {
                let report = follow_up.and_then(|f| f.report(a.id(), d.id()));
                let delivery = match report.map(tryghed_plan::DeliverableReport::status) {
                    Some(tryghed_plan::DeliveryStatus::Delivered) => Delivery::Delivered,
                    Some(tryghed_plan::DeliveryStatus::PartlyDelivered) => {
                        Delivery::PartlyDelivered
                    }
                    Some(tryghed_plan::DeliveryStatus::NotDelivered) => Delivery::NotDelivered,
                    _ => Delivery::NotReported,
                };
                let mut row = DeliverableRow::new(
                    d.what(),
                    delivery,
                    report.and_then(|r| r.note()).map(str::to_owned),
                )?
                .with_due(d.due());
                if let Some(r) = report.filter(|_| row.is_deviation()) {
                    row = row.with_deviation(
                        r.reason().map(str::to_owned),
                        r.action().map(str::to_owned),
                        r.new_due(),
                    )?;
                }
                deliverables.push(row);
            }
            let mut objectives = Vec::new();
            for o in a.objectives() {
                let report = follow_up.and_then(|f| f.objective_report(a.id(), o.id()));
                let achievement = match report.map(tryghed_plan::ObjectiveReport::status) {
                    Some(tryghed_plan::ObjectiveStatus::Achieved) => Achievement::Achieved,
                    Some(tryghed_plan::ObjectiveStatus::PartlyAchieved) => {
                        Achievement::PartlyAchieved
                    }
                    Some(tryghed_plan::ObjectiveStatus::NotAchieved) => Achievement::NotAchieved,
                    _ => Achievement::NotReported,
                };
                let mut row = ObjectiveRow::new(
                    o.what(),
                    achievement,
                    report.and_then(|r| r.note()).map(str::to_owned),
                )?;
                if let Some(r) = report.filter(|_| row.is_deviation()) {
                    row = row.with_deviation(
                        r.reason().map(str::to_owned),
                        r.action().map(str::to_owned),
                    )?;
                }
                objectives.push(row);
            }
            let row = ActivityRow::new(
                a.id().to_string(),
                a.title(),
                a.focus_area().as_str(),
                name(a.responsible()),
                partners,
            )?
            .with_organisations(a.organisation_names(context))?
            .with_budget(a.budget())?
            .with_deliverables(deliverables)
            .with_objectives(objectives);
            rows.push(row);
        }
        Ok(
            PlanInput::new(plan.year(), title, follow_up.is_some(), rows)?
                .with_status(PlanStatusRow::from_plan(plan)?),
        )
    }
}

accessors!(PlanInput {
    /// The plan's year.
    year: Year,
    /// The plan's title.
    title: str,
    /// Whether a follow-up was given.
    follow_up: bool,
    /// The activities.
    activities: [ActivityRow],
    /// The plan's status, when known.
    status: Option<PlanStatusRow>,
});

/// The activities of one focus area.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "indsatsområde")]
pub struct FocusGroup {
    pub(crate) focus_area: String,
    pub(crate) name: String,
    pub(crate) activities: Vec<ActivityRow>,
}

accessors!(FocusGroup {
    /// The focus area id.
    focus_area: str,
    /// Its Danish name.
    name: str,
    /// Its activities, in the plan's order.
    activities: [ActivityRow],
});

/// Deliverables counted by how far they were delivered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryCounts {
    pub(crate) delivered: u64,
    pub(crate) partly_delivered: u64,
    pub(crate) not_delivered: u64,
    pub(crate) not_reported: u64,
}

accessors!(DeliveryCounts {
    /// Leveret.
    delivered: u64,
    /// Delvist leveret.
    partly_delivered: u64,
    /// Ikke leveret.
    not_delivered: u64,
    /// Ikke afrapporteret.
    not_reported: u64,
});

/// The plan's activities by focus area and what was delivered.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "aktiviteter")]
pub struct ActivitiesSection {
    pub(crate) plan_year: Year,
    pub(crate) title: String,
    pub(crate) follow_up: bool,
    pub(crate) groups: Vec<FocusGroup>,
    pub(crate) deliveries: DeliveryCounts,
    pub(crate) funds: Option<PlanFunds>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<PlanStatusRow>,
}

/// The plan's budget against the year's activity funds (aktivitetsmidler): a verdict the
/// report states, not an input error (`tryghed plan check` is where a plan over the funds is
/// refused while it is written).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "aktivitetsmidler")]
pub struct PlanFunds {
    pub(crate) total: Dkk,
    pub(crate) funds: Dkk,
    pub(crate) status: ReportStatus,
}

accessors!(PlanFunds {
    /// The sum of the activities' budgets.
    total: Dkk,
    /// The year's activity funds in the agreement.
    funds: Dkk,
    /// Met when the total is within the funds, else not met.
    status: ReportStatus,
});

accessors!(ActivitiesSection {
    /// The plan's year.
    plan_year: Year,
    /// The plan's title.
    title: str,
    /// Whether the follow-up was given.
    follow_up: bool,
    /// The focus areas in the agreement's order (then any other), each with its activities.
    groups: [FocusGroup],
    /// The deliverables counted.
    deliveries: DeliveryCounts,
    /// The plan's budget against the activity funds, when every activity has a budget and the
    /// agreement gives the year's funds.
    funds: Option<PlanFunds>,
    /// The plan's status (udkast, godkendt, revideret), when known.
    status: Option<PlanStatusRow>,
});

impl ActivitiesSection {
    /// The deviations (afvigelser): every deliverable delivered in part or not delivered,
    /// with its activity, in the section's order (focus area by focus area, then the plan's
    /// order). A delivered or not reported deliverable is not among them.
    #[doc(alias = "afvigelser")]
    pub fn deviations(&self) -> Vec<(&ActivityRow, &DeliverableRow)> {
        self.groups
            .iter()
            .flat_map(|g| &g.activities)
            .flat_map(|a| a.deliverables.iter().map(move |d| (a, d)))
            .filter(|(_, d)| d.is_deviation())
            .collect()
    }

    /// The objectives (målsætninger) achieved in part or not achieved, with their activity,
    /// in the same order as [`ActivitiesSection::deviations`].
    pub fn objective_deviations(&self) -> Vec<(&ActivityRow, &ObjectiveRow)> {
        self.groups
            .iter()
            .flat_map(|g| &g.activities)
            .flat_map(|a| a.objectives.iter().map(move |o| (a, o)))
            .filter(|(_, o)| o.is_deviation())
            .collect()
    }
}

/// Next year's tryghedsplan (the report's year + 1), in short: its status and its
/// activities by focus area with owners, samarbejdspartnere and budget, without
/// deliverables (nothing is delivered yet).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "næste års tryghedsplan")]
pub struct NextPlanSection {
    pub(crate) year: Year,
    pub(crate) title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<PlanStatusRow>,
    pub(crate) groups: Vec<FocusGroup>,
    pub(crate) funds: Option<PlanFunds>,
}

accessors!(NextPlanSection {
    /// The plan's year (the report's year + 1).
    year: Year,
    /// The plan's title.
    title: str,
    /// Its status (udkast, godkendt, revideret), when known.
    status: Option<PlanStatusRow>,
    /// The focus areas in the agreement's order (then any other), each with its activities.
    groups: [FocusGroup],
    /// Its budget against that year's activity funds, when every activity has a budget.
    funds: Option<PlanFunds>,
});

impl NextPlanSection {
    /// Its activities, focus area by focus area.
    pub fn activities(&self) -> impl Iterator<Item = &ActivityRow> {
        self.groups.iter().flat_map(|g| &g.activities)
    }
}

/// The "Organisering" section: the year's meetings of the styregruppe and the arbejdsgruppe
/// from the meeting log, against the agreement's organisation (section 4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "organisering")]
#[doc(alias = "mødelog")]
pub struct OrganisationSection {
    pub(crate) year: Year,
    pub(crate) as_of: chrono::NaiveDate,
    pub(crate) state: String,
    pub(crate) source: String,
    pub(crate) bodies: Vec<OrganisationBody>,
    pub(crate) findings: Vec<OrganisationFinding>,
}

accessors!(OrganisationSection {
    /// The year of the meeting log (the report's year).
    year: Year,
    /// The day the log was read as of: meetings up to it are held, later ones planned (the
    /// report's date of issue).
    as_of: chrono::NaiveDate,
    /// Where the year stands on that day, in Danish: "ikke begyndt", "i gang", "afsluttet".
    state: str,
    /// The meeting log's file name.
    source: str,
    /// One entry per body with a meeting rule or meetings in the log.
    bodies: [OrganisationBody],
    /// The organisation rules the log breaks (errors) and the recommendations it does not
    /// follow (warnings), in the meetings check's Danish words: results to report, not input
    /// errors.
    findings: [OrganisationFinding],
});

/// One body's year of meetings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationBody {
    pub(crate) name: String,
    pub(crate) held: u64,
    pub(crate) planned: u64,
    pub(crate) rule: String,
    pub(crate) wording: Option<String>,
    pub(crate) cadence: String,
    pub(crate) status: ReportStatus,
    pub(crate) attendance: Vec<OrganisationAttendance>,
    pub(crate) decisions: Vec<OrganisationDecision>,
    pub(crate) actions: Vec<OrganisationAction>,
}

accessors!(OrganisationBody {
    /// The body's name in the agreement, e.g. "Styregruppe".
    name: str,
    /// Meetings held up to the day of the log.
    held: u64,
    /// Meetings planned after it.
    planned: u64,
    /// The meeting rule in short Danish: "mindst 1 om året", "8-10 om året", "ingen regel".
    rule: str,
    /// The agreement's own words for the rule, when the data has them.
    wording: Option<String>,
    /// How the meetings compare with the rule, in Danish (e.g. "på vej (året er ikke slut)").
    cadence: str,
    /// The same as a status for the badge: opfyldt, ikke opfyldt, på rette vej, ikke på rette
    /// vej, or monitoreres when there is no rule.
    status: ReportStatus,
    /// Per party: held meetings at which it was represented.
    attendance: [OrganisationAttendance],
    /// The decisions of the held meetings.
    decisions: [OrganisationDecision],
    /// The follow-up actions of the held meetings.
    actions: [OrganisationAction],
});

/// How often a party was represented at a body's held meetings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "fremmøde")]
pub struct OrganisationAttendance {
    pub(crate) party: String,
    pub(crate) meetings: u64,
    pub(crate) required: bool,
}

accessors!(OrganisationAttendance {
    /// The party's name.
    party: str,
    /// Held meetings at which it was represented.
    meetings: u64,
    /// Whether the agreement asks for it in the body.
    required: bool,
});

/// A decision of a held meeting, as the log words it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "beslutning")]
pub struct OrganisationDecision {
    pub(crate) date: chrono::NaiveDate,
    pub(crate) text: String,
}

accessors!(OrganisationDecision {
    /// The meeting's date.
    date: chrono::NaiveDate,
    /// The decision.
    text: str,
});

/// A follow-up action of a held meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "opfølgningspunkt")]
pub struct OrganisationAction {
    pub(crate) meeting: chrono::NaiveDate,
    pub(crate) what: String,
    pub(crate) owner: String,
    pub(crate) due: chrono::NaiveDate,
}

accessors!(OrganisationAction {
    /// The date of the meeting that decided it.
    meeting: chrono::NaiveDate,
    /// What is to be done.
    what: str,
    /// The party that owns it (its name).
    owner: str,
    /// The deadline.
    due: chrono::NaiveDate,
});

/// A rule the meeting log breaks (`error`) or a recommendation it does not follow
/// (`warning`), in the meetings check's words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationFinding {
    pub(crate) error: bool,
    pub(crate) message: String,
}

accessors!(OrganisationFinding {
    /// Whether it breaks a rule of the agreement (else it is a recommendation not followed).
    error: bool,
    /// The finding in Danish.
    message: str,
});

/// The collaboration share against the agreement's minimum.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "samarbejde")]
#[doc(alias = "samarbejdspartnere")]
pub struct CollaborationRow {
    pub(crate) multi_partner: Option<u64>,
    pub(crate) total: Option<u64>,
    pub(crate) minimum_numerator: u64,
    pub(crate) minimum_denominator: u64,
    pub(crate) status: ReportStatus,
}

accessors!(CollaborationRow {
    /// Activities with two or more partners (`None` without a plan).
    multi_partner: Option<u64>,
    /// All activities (`None` without a plan).
    total: Option<u64>,
    /// The minimum share's numerator (3 for 75 %).
    minimum_numerator: u64,
    /// The minimum share's denominator (4 for 75 %).
    minimum_denominator: u64,
    /// Met exactly when `denominator · multi ≥ numerator · total`.
    status: ReportStatus,
});

/// One activity's use of the activity funds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "forbrug")]
pub struct BudgetActivityRow {
    pub(crate) activity: String,
    pub(crate) title: Option<String>,
    pub(crate) allocated: Dkk,
    pub(crate) committed: Dkk,
    pub(crate) spent: Dkk,
    pub(crate) remaining: Dkk,
    pub(crate) overrun: Dkk,
}

accessors!(BudgetActivityRow {
    /// The activity id.
    activity: str,
    /// The activity's title, when the plan names it.
    title: Option<String>,
    /// Allocated (bevilget).
    allocated: Dkk,
    /// Committed (disponeret).
    committed: Dkk,
    /// Spent (forbrugt).
    spent: Dkk,
    /// Remaining of the allocation.
    remaining: Dkk,
    /// Spent beyond the allocation (recorded overruns).
    overrun: Dkk,
});

/// The use of the year's activity funds, from the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "aktivitetsmidler")]
#[doc(alias = "regnskab")]
pub struct BudgetSection {
    pub(crate) year: Year,
    pub(crate) funds: Dkk,
    pub(crate) allocated: Dkk,
    pub(crate) unallocated: Dkk,
    pub(crate) committed: Dkk,
    pub(crate) spent: Dkk,
    pub(crate) remaining: Dkk,
    pub(crate) overrun: Dkk,
    pub(crate) activities: Vec<BudgetActivityRow>,
}

accessors!(BudgetSection {
    /// The ledger's year.
    year: Year,
    /// The year's activity funds (aktivitetsmidler).
    funds: Dkk,
    /// Allocated to activities.
    allocated: Dkk,
    /// Not yet allocated.
    unallocated: Dkk,
    /// Committed.
    committed: Dkk,
    /// Spent.
    spent: Dkk,
    /// Remaining of the funds.
    remaining: Dkk,
    /// Recorded overruns.
    overrun: Dkk,
    /// Per activity.
    activities: [BudgetActivityRow],
});

/// The whole budget (both lines, every year of the agreement period), from the year's ledger
/// of every line: allocated (the agreement's amount), committed and not yet spent, spent, and
/// free, per line for the ledger's year and per year for the period.
///
/// Always `allocated = committed + spent + free` per row, and the lines of a year add up to
/// the agreement's yearly total (tryghed-budget's `BudgetOverview` guarantees both). A year
/// without a ledger shows its allocation as free and is marked not booked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "hele budgettet")]
#[doc(alias = "budgetoverblik")]
pub struct WholeBudgetSection {
    pub(crate) year: Year,
    pub(crate) lines: Vec<BudgetLineRow>,
    pub(crate) total: BudgetLineRow,
    pub(crate) period: Vec<BudgetYearRow>,
    pub(crate) period_lines: Vec<BudgetLineRow>,
    pub(crate) period_total: BudgetLineRow,
}

accessors!(WholeBudgetSection {
    /// The ledger's year (the report's year).
    year: Year,
    /// Each line in that year: projektledelse, aktivitetsmidler.
    lines: [BudgetLineRow],
    /// The year's lines together (the agreement's yearly total).
    total: BudgetLineRow,
    /// Every year of the agreement period, all lines together.
    period: [BudgetYearRow],
    /// Each line over the whole period.
    period_lines: [BudgetLineRow],
    /// The whole period, all lines.
    period_total: BudgetLineRow,
});

/// One budget line's (or a total's) allocated, committed, spent and free amounts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "budgetlinje")]
pub struct BudgetLineRow {
    pub(crate) name: String,
    pub(crate) allocated: Dkk,
    pub(crate) committed: Dkk,
    pub(crate) spent: Dkk,
    pub(crate) free: Dkk,
}

accessors!(BudgetLineRow {
    /// The line's name ("Projektledelse", "Aktivitetsmidler", or "I alt").
    name: str,
    /// The agreement's amount (bevilget).
    allocated: Dkk,
    /// Committed and not yet spent (disponeret).
    committed: Dkk,
    /// Spent (forbrugt).
    spent: Dkk,
    /// Neither (fri); negative when the line is over.
    free: Dkk,
});

impl BudgetLineRow {
    /// Whether more is committed and spent than allocated (overskredet).
    pub fn is_over(&self) -> bool {
        self.free.is_negative()
    }
}

/// One year of the agreement period, all lines together.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetYearRow {
    pub(crate) year: Year,
    pub(crate) booked: bool,
    pub(crate) amounts: BudgetLineRow,
}

accessors!(BudgetYearRow {
    /// The year.
    year: Year,
    /// Whether a ledger was given for it (else its allocation is all free).
    booked: bool,
    /// The year's amounts.
    amounts: BudgetLineRow,
});

/// An estate (afdeling) of the area as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "afdeling")]
pub struct EstateRow {
    pub(crate) name: String,
    pub(crate) owner: Option<String>,
    pub(crate) homes: Option<u32>,
    pub(crate) outline_known: bool,
}

accessors!(EstateRow {
    /// The estate's name.
    name: str,
    /// Its owner, when known.
    owner: Option<String>,
    /// Its number of homes, when known.
    homes: Option<u32>,
    /// Whether its outline is known (and drawn on the map).
    outline_known: bool,
});

/// The partnership area: its official outline's name and size, the estates and the credit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "kort")]
#[doc(alias = "partnerskabsområde")]
pub struct AreaSection {
    pub(crate) name: String,
    pub(crate) area_m2: u64,
    pub(crate) estates: Vec<EstateRow>,
    pub(crate) credit: String,
    #[serde(default)]
    pub(crate) outline_note: String,
}

accessors!(AreaSection {
    /// The outline's name ("Ved Folehaven").
    name: str,
    /// Its area in square metres, rounded to whole m².
    area_m2: u64,
    /// The estates.
    estates: [EstateRow],
    /// The data credit.
    credit: str,
    /// What the outline is and where it comes from, in Danish (for the embedded Folehaven
    /// area: a 2023 layer feature, taken as the partnership area by interpretation).
    outline_note: str,
});

/// A data source of the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "datakilder")]
#[doc(alias = "forbehold")]
pub struct SourceNote {
    pub(crate) name: String,
    pub(crate) detail: String,
}

accessors!(SourceNote {
    /// The source.
    name: str,
    /// What was used from it, in Danish.
    detail: str,
});

/// The annual status (årlig status) of a partnership for Økonomiudvalget.
///
/// Build it with [`crate::ReportBuilder`]; render it with [`crate::render_markdown`],
/// [`crate::render_html`] or [`crate::render_json`]. The JSON form reads back into an equal
/// report with `serde_json::from_str`.
#[doc(alias = "status")]
#[doc(alias = "afrapportering")]
#[doc(alias = "Økonomiudvalget")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusReport {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) confidential: Option<String>,
    pub(crate) agreement_id: String,
    pub(crate) agreement_title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) example: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) issued: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) sender: Option<String>,
    pub(crate) district: Option<String>,
    pub(crate) year: Year,
    pub(crate) crime_year: Year,
    pub(crate) period_first_year: Year,
    pub(crate) period_last_year: Year,
    pub(crate) options: ReportOptions,
    pub(crate) summary: Vec<SummaryLine>,
    pub(crate) goals: Vec<GoalRow>,
    pub(crate) survey: Vec<SurveySeries>,
    pub(crate) crime: Vec<CrimeRow>,
    pub(crate) baseline: Option<BaselineTable>,
    pub(crate) activities: Option<ActivitiesSection>,
    pub(crate) collaboration: Option<CollaborationRow>,
    pub(crate) budget: Option<BudgetSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) whole_budget: Option<WholeBudgetSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) organisation: Option<OrganisationSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) next_plan: Option<NextPlanSection>,
    pub(crate) area: Option<AreaSection>,
    pub(crate) sources: Vec<SourceNote>,
    pub(crate) caveats: Vec<String>,
    pub(crate) missing: Vec<String>,
}

accessors!(StatusReport {
    /// `Some("fortroligt – ikke til offentliggørelse")` when the report carries exact figures
    /// ([`ReportOptions::unsuppressed`]); `None` for the published form.
    confidential: Option<String>,
    /// The agreement's id.
    agreement_id: str,
    /// The agreement's title.
    agreement_title: str,
    /// `Some(why)` when the report is made from example or synthetic inputs: its title then
    /// starts "EKSEMPEL" and a banner says so. `why` names the inputs marked as examples (see
    /// [`ReportBuilder::example`](crate::ReportBuilder::example)).
    example: Option<String>,
    /// The date of issue (udgivelsesdato), printed in the header and the running footer.
    issued: Option<chrono::NaiveDate>,
    /// The sender: the agreement's secretariat (for Folehaven: Kontor for Sikker By og
    /// Udsatte Boligområder, Økonomiforvaltningen).
    sender: Option<String>,
    /// The district (bydel), when the agreement names it.
    district: Option<String>,
    /// The report's year: the year of the Tryghedsundersøgelse it goes with.
    year: Year,
    /// The calendar year of the crime figures (`year − 1`).
    crime_year: Year,
    /// The first year of the agreement period.
    period_first_year: Year,
    /// The last year of the agreement period.
    period_last_year: Year,
    /// The options it was built with.
    options: ReportOptions,
    /// One line per goal.
    summary: [SummaryLine],
    /// The goals table: one row per indicator with a target.
    goals: [GoalRow],
    /// The survey shares over the years (for the chart).
    survey: [SurveySeries],
    /// The crime categories, targeted and monitored.
    crime: [CrimeRow],
    /// The baseline table of the crime targets, in the agreement's form.
    baseline: Option<BaselineTable>,
    /// The plan's activities, when a plan was given.
    activities: Option<ActivitiesSection>,
    /// The collaboration share against the agreement's minimum, when the agreement has
    /// such a goal.
    collaboration: Option<CollaborationRow>,
    /// The use of the activity funds, when a ledger was given.
    budget: Option<BudgetSection>,
    /// The whole budget, both lines and the period, when the year's ledger of every line was
    /// given ([`ReportBuilder::year_ledger`](crate::ReportBuilder::year_ledger)).
    whole_budget: Option<WholeBudgetSection>,
    /// The year's meetings against the agreement's organisation, when a meeting log was
    /// given.
    organisation: Option<OrganisationSection>,
    /// Next year's tryghedsplan, when given
    /// ([`ReportBuilder::next_plan`](crate::ReportBuilder::next_plan)).
    next_plan: Option<NextPlanSection>,
    /// The partnership area, when its geography is known.
    area: Option<AreaSection>,
    /// The data sources.
    sources: [SourceNote],
    /// Caveats a reader must know.
    caveats: [String],
    /// Inputs that were missing, said plainly.
    missing: [String],
});

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn row(delivery: Delivery) -> DeliverableRow {
        DeliverableRow::new("Nye lamper", delivery, None).unwrap()
    }

    #[test]
    fn only_a_deviation_carries_a_reason_action_and_new_deadline() {
        for delivery in [Delivery::Delivered, Delivery::NotReported] {
            assert!(!row(delivery).is_deviation());
            assert!(
                row(delivery)
                    .with_deviation(Some("for sent".into()), None, None)
                    .is_err()
            );
            assert!(
                row(delivery)
                    .with_deviation(None, None, Some(day(2027, 4, 30)))
                    .is_err()
            );
            // Nothing (or only blanks) is no deviation either way.
            assert!(
                row(delivery)
                    .with_deviation(Some("  ".into()), None, None)
                    .is_ok()
            );
        }
        for delivery in [Delivery::PartlyDelivered, Delivery::NotDelivered] {
            let r = row(delivery)
                .with_deviation(
                    Some("  leverandøren er forsinket ".into()),
                    Some(String::new()),
                    Some(day(2027, 4, 30)),
                )
                .unwrap();
            assert!(r.is_deviation());
            assert_eq!(r.reason().as_deref(), Some("leverandøren er forsinket"));
            assert_eq!(r.action(), &None);
            assert_eq!(r.new_due(), &Some(day(2027, 4, 30)));
        }
    }

    #[test]
    fn a_deliverable_reads_back_through_its_constructors() {
        let r = row(Delivery::NotDelivered)
            .with_due(day(2026, 11, 30))
            .with_deviation(
                Some("forsinket".into()),
                Some("nyt tilbud".into()),
                Some(day(2027, 4, 30)),
            )
            .unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""new_due":"2027-04-30""#), "{json}");
        assert_eq!(serde_json::from_str::<DeliverableRow>(&json).unwrap(), r);
        // Older JSON without the new fields still reads.
        let old = r#"{"what":"Nye lamper","delivery":"delivered","note":null}"#;
        assert_eq!(
            serde_json::from_str::<DeliverableRow>(old).unwrap(),
            row(Delivery::Delivered)
        );
        // A delivered deliverable with a reason is refused.
        let bad = r#"{"what":"Nye lamper","delivery":"delivered","reason":"?"}"#;
        let err = serde_json::from_str::<DeliverableRow>(bad).unwrap_err();
        assert!(err.to_string().contains("not a deviation"), "{err}");
    }

    #[test]
    fn a_plan_without_follow_up_has_no_deviation() {
        let a = ActivityRow::new("a", "Eksempel", "kommunikation", "3B", vec![])
            .unwrap()
            .with_deliverables(vec![
                row(Delivery::NotDelivered)
                    .with_deviation(Some("forsinket".into()), None, None)
                    .unwrap(),
            ]);
        let plan = PlanInput::new(Year::new(2026).unwrap(), "Eksempel", false, vec![a]).unwrap();
        let d = &plan.activities()[0].deliverables()[0];
        assert_eq!(d.delivery(), &Delivery::NotReported);
        assert!(!d.is_deviation());
        assert_eq!(d.reason(), &None);
    }

    #[test]
    fn a_plan_status_follows_its_approval_and_revisions() {
        assert_eq!(PlanStatusRow::draft().stage(), &PlanStage::Draft);
        assert_eq!(PlanStatusRow::draft().text(), "udkast, ikke godkendt");
        assert!(PlanStatusRow::approved(day(2026, 2, 24), " ").is_err());
        let approved = PlanStatusRow::approved(day(2026, 2, 24), "styregruppe").unwrap();
        assert_eq!(approved.text(), "godkendt 24. februar 2026 af styregruppe");
        assert!(PlanRevision::new(day(2026, 3, 1), "  ").is_err());
        let revision = PlanRevision::new(day(2026, 11, 17), "forsinket").unwrap();
        assert!(
            PlanStatusRow::draft().revised(revision.clone()).is_err(),
            "a draft is not revised"
        );
        let early = PlanRevision::new(day(2026, 1, 5), "for tidligt").unwrap();
        assert!(approved.clone().revised(early).is_err());
        let revised = approved.revised(revision).unwrap();
        assert_eq!(revised.stage(), &PlanStage::Revised);
        let json = serde_json::to_string(&revised).unwrap();
        assert_eq!(
            serde_json::from_str::<PlanStatusRow>(&json).unwrap(),
            revised
        );
        // A stage that its approval and revisions contradict is refused.
        for bad in [
            r#"{"stage":"approved"}"#,
            r#"{"stage":"draft","approved_on":"2026-02-24","approved_by":"styregruppe"}"#,
            r#"{"stage":"revised","approved_on":"2026-02-24","approved_by":"styregruppe"}"#,
            r#"{"stage":"approved","approved_on":"2026-02-24"}"#,
        ] {
            assert!(serde_json::from_str::<PlanStatusRow>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_example_plan_and_follow_up_carry_their_deviations() {
        let agreement = tryghed_agreement::Agreement::folehaven();
        let context = agreement.plan_context();
        let plan_text = include_str!("../../../examples/tryghedsplan-2026-eksempel.toml");
        let plan = tryghed_plan::check_plan(plan_text, "plan.toml", &context)
            .plan()
            .cloned()
            .unwrap();
        let follow_text = include_str!("../../../examples/opfoelgning-2026-eksempel.toml");
        let check = tryghed_plan::check_follow_up(follow_text, "opfølgning.toml", &plan);
        let follow_up = check.follow_up().unwrap();
        let input = PlanInput::from_plan(&plan, Some(follow_up), &context, "Eksempel").unwrap();
        assert_eq!(
            input.status().as_ref().map(PlanStatusRow::stage),
            Some(&PlanStage::Revised)
        );
        let rows: Vec<&DeliverableRow> = input
            .activities()
            .iter()
            .flat_map(ActivityRow::deliverables)
            .collect();
        let deviations: Vec<&&DeliverableRow> = rows.iter().filter(|d| d.is_deviation()).collect();
        assert_eq!(deviations.len(), 2);
        let lamps = rows
            .iter()
            .find(|d| d.what() == "Nye lamper sat op langs stierne")
            .unwrap();
        assert_eq!(lamps.delivery(), &Delivery::NotDelivered);
        assert_eq!(lamps.due(), &Some(day(2026, 11, 30)));
        assert_eq!(lamps.new_due(), &Some(day(2027, 4, 30)));
        assert!(lamps.action().as_deref().unwrap().contains("nyt tilbud"));
        let objectives: Vec<&ObjectiveRow> = input
            .activities()
            .iter()
            .flat_map(ActivityRow::objectives)
            .collect();
        assert_eq!(objectives.len(), 2);
        let kept = objectives.iter().find(|o| o.is_deviation()).unwrap();
        assert_eq!(kept.achievement(), &Achievement::PartlyAchieved);
        assert!(kept.action().as_deref().unwrap().contains("mentor"));
        // Delivered ones carry none, even with a note.
        for d in rows.iter().filter(|d| !d.is_deviation()) {
            assert_eq!(d.reason(), &None);
            assert_eq!(d.action(), &None);
            assert_eq!(d.new_due(), &None);
        }
    }

    #[test]
    fn an_objective_deviation_carries_a_reason_and_action_and_reads_back() {
        let achieved = ObjectiveRow::new("Læsere", Achievement::Achieved, None).unwrap();
        assert!(!achieved.is_deviation());
        assert!(
            achieved
                .clone()
                .with_deviation(Some("?".into()), None)
                .is_err()
        );
        assert!(ObjectiveRow::new(" ", Achievement::Achieved, None).is_err());
        let partly = ObjectiveRow::new("Fastholdelse", Achievement::PartlyAchieved, None)
            .unwrap()
            .with_deviation(Some(" 11 af 22 ".into()), Some("mentor".into()))
            .unwrap();
        assert_eq!(partly.reason().as_deref(), Some("11 af 22"));
        let json = serde_json::to_string(&partly).unwrap();
        assert_eq!(serde_json::from_str::<ObjectiveRow>(&json).unwrap(), partly);
        let bad = r#"{"what":"Læsere","achievement":"achieved","action":"?"}"#;
        assert!(serde_json::from_str::<ObjectiveRow>(bad).is_err());
        // An activity without objectives writes none, and older JSON reads.
        let a = ActivityRow::new("a", "Eksempel", "kommunikation", "3B", vec![]).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("objectives"), "{json}");
        let with = a.with_objectives(vec![partly]);
        let json = serde_json::to_string(&with).unwrap();
        assert_eq!(serde_json::from_str::<ActivityRow>(&json).unwrap(), with);
        // Without a follow-up nothing is achieved or a deviation.
        let plan = PlanInput::new(Year::new(2026).unwrap(), "Eksempel", false, vec![with]).unwrap();
        let o = &plan.activities()[0].objectives()[0];
        assert_eq!(o.achievement(), &Achievement::NotReported);
        assert_eq!(o.reason(), &None);
    }

    proptest::proptest! {
        /// A status takes its revisions exactly when it is approved and they follow the
        /// approval in date order; its stage is then revised, and it reads back equal.
        #[test]
        fn a_plan_status_keeps_its_order(
            approved in proptest::option::of(0u64..400),
            revisions in proptest::collection::vec(0u64..400, 0..5),
        ) {
            let start = day(2026, 1, 1);
            let mut status = match approved {
                Some(d) => PlanStatusRow::approved(start + chrono::Days::new(d), "styregruppe").unwrap(),
                None => PlanStatusRow::draft(),
            };
            let mut before = approved;
            for r in &revisions {
                let revision = PlanRevision::new(start + chrono::Days::new(*r), "ændret").unwrap();
                let ok = before.is_some_and(|b| *r >= b);
                match status.clone().revised(revision) {
                    Ok(next) => {
                        proptest::prop_assert!(ok);
                        status = next;
                        before = Some(*r);
                    }
                    Err(_) => proptest::prop_assert!(!ok),
                }
            }
            let stage = match (status.approved_on(), status.revisions().is_empty()) {
                (None, _) => PlanStage::Draft,
                (Some(_), true) => PlanStage::Approved,
                (Some(_), false) => PlanStage::Revised,
            };
            proptest::prop_assert_eq!(status.stage(), &stage);
            let json = serde_json::to_string(&status).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<PlanStatusRow>(&json).unwrap(), status);
        }

        /// A deliverable takes a reason, action or new deadline exactly when it is a
        /// deviation, and every row it makes reads back from JSON equal.
        #[test]
        fn deviation_fields_only_on_deviations(
            status in 0usize..4,
            reason in proptest::option::of("[ a-zæøå]{0,12}"),
            action in proptest::option::of("[ a-zæøå]{0,12}"),
            new_due in proptest::option::of(0u32..2000),
        ) {
            let delivery = [
                Delivery::Delivered,
                Delivery::PartlyDelivered,
                Delivery::NotDelivered,
                Delivery::NotReported,
            ][status];
            let new_due = new_due.map(|d| day(2026, 1, 1) + chrono::Days::new(u64::from(d)));
            let given = reason.as_deref().is_some_and(|t| !t.trim().is_empty())
                || action.as_deref().is_some_and(|t| !t.trim().is_empty())
                || new_due.is_some();
            let made = row(delivery).with_deviation(reason, action, new_due);
            proptest::prop_assert_eq!(made.is_ok(), !given || row(delivery).is_deviation());
            if let Ok(made) = made {
                let json = serde_json::to_string(&made).unwrap();
                proptest::prop_assert_eq!(serde_json::from_str::<DeliverableRow>(&json).unwrap(), made);
            }
        }
    }
}
