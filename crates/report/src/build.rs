//! Building a [`StatusReport`] from the agreement, the observations, the plan and the ledger.

use std::collections::BTreeSet;
use tryghed_core::Year;

use rust_decimal::Decimal;
use tryghed_agreement::{Agreement, PlanCount, evaluate_goals};
use tryghed_budget::{BudgetOverview, Ledger, LineUse, YearLedger};
use tryghed_geography::PartnershipArea;
use tryghed_goals::{
    AreaId, Baseline, CategorySet, Dimension, EvalOptions, Goal, GoalIndicator,
    IndicatorEvaluation, IndicatorId, Observations, Significance, Source, Status, Target, Unit,
};
use tryghed_meetings::{Cadence, MeetingCheck};

use tryghed_disclosure::{Comparison, PublishedRate, SuppressionThreshold};

use crate::ReportError;
use crate::cells::Cells;
use crate::fmt as dk;
use crate::model::{
    ActivitiesSection, ActivityRow, AreaSection, AreaSeries, BaselineCell, BaselineFixing,
    BaselineRow, BaselineTable, BudgetActivityRow, BudgetLineRow, BudgetSection, BudgetYearRow,
    ChangeCell, CodeList, CollaborationRow, Count, CountPoint, CrimeRow, Delivery, DeliveryCounts,
    EstateRow, Figure, FocusGroup, GoalRow, Guide, IntervalCell, NextPlanSection,
    OrganisationAction, OrganisationAttendance, OrganisationBody, OrganisationDecision,
    OrganisationFinding, OrganisationSection, PlanFunds, PlanInput, Reference, ReportOptions,
    ReportStatus, SharePoint, SignificanceCell, SourceNote, StatusReport, SummaryLine,
    SurveySeries, Trend, WholeBudgetSection,
};

/// What the report says where an area's outline has no known source to credit.
pub(crate) const NO_CREDIT: &str = "Kilden til områdets afgrænsning er ikke angivet i aftalen.";

/// Builds a [`StatusReport`] (the annual status for Økonomiudvalget).
///
/// Start from an agreement; add what you have. Nothing is required beyond the agreement:
/// every missing input is listed in the report ([`StatusReport::missing`]).
///
/// ```
/// use tryghed_agreement::{Agreement, PlanCount, evaluate_goals};
/// use tryghed_report::{ReportBuilder, Year};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let agreement = Agreement::folehaven();
/// let report = ReportBuilder::new(&agreement).year(Year::new(2026)?).build()?;
/// assert_eq!(*report.crime_year(), Year::new(2025)?);
/// assert!(report.missing().iter().any(|m| m.contains("Tryghedsundersøgelsen 2026")));
/// # Ok(())
/// # }
/// ```
#[doc(alias = "afrapportering")]
#[derive(Debug, Clone)]
pub struct ReportBuilder<'a> {
    agreement: &'a Agreement,
    year: Option<Year>,
    observations: Option<(Observations, Option<String>)>,
    plan: Option<PlanInput>,
    ledger: Option<&'a Ledger>,
    options: ReportOptions,
    goals: Option<Vec<Goal>>,
    categories: Option<CategorySet>,
    area: Option<PartnershipArea>,
    area_source: Option<String>,
    examples: Vec<String>,
    issued: Option<chrono::NaiveDate>,
    meetings: Option<&'a MeetingCheck>,
    year_ledger: Option<&'a YearLedger>,
    next_plan: Option<PlanInput>,
}

/// Whether a name or title marks its input as made-up data: it contains one of the words
/// "eksempel", "example", "synthetic" or "syntetisk" (any case, also inside a longer word
/// such as `synthetic-observationer-2026.csv` or "Eksempel: tryghedsplan 2026").
#[doc(alias = "eksempel")]
pub fn is_example_marker(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["eksempel", "example", "synthetic", "syntetisk"]
        .iter()
        .any(|w| lower.contains(w))
}

impl<'a> ReportBuilder<'a> {
    /// A report on `agreement`, with the figures the agreement states itself.
    pub fn new(agreement: &'a Agreement) -> Self {
        Self {
            agreement,
            year: None,
            observations: None,
            plan: None,
            ledger: None,
            options: ReportOptions::default(),
            goals: None,
            categories: None,
            area: None,
            area_source: None,
            examples: Vec::new(),
            issued: None,
            meetings: None,
            year_ledger: None,
            next_plan: None,
        }
    }

    /// Marks the report as made from example or synthetic data: its title then starts
    /// "EKSEMPEL" and a banner names `what` (an input's name or a reason). The builder also
    /// marks the report by itself when the observations' source name or the plan's title is
    /// an example marker ([`is_example_marker`]); call this for the other inputs (the CLI
    /// does it for every input file whose name is one, and for `--eksempel`).
    #[doc(alias = "eksempel")]
    #[must_use]
    pub fn example(mut self, what: impl Into<String>) -> Self {
        let what = what.into();
        if !self.examples.contains(&what) {
            self.examples.push(what);
        }
        self
    }

    /// The date of issue (udgivelsesdato), printed in the header and on every printed page.
    #[doc(alias = "udgivelsesdato")]
    #[must_use]
    pub fn issued(mut self, date: chrono::NaiveDate) -> Self {
        self.issued = Some(date);
        self
    }

    /// The report's year: the year of the Tryghedsundersøgelse it goes with. Crime figures
    /// are those of the calendar year before. Default: the latest year the observations
    /// describe (a crime year counts as the year after), else the period's first year.
    #[must_use]
    pub fn year(mut self, year: Year) -> Self {
        self.year = Some(year);
        self
    }

    /// Observations (survey shares, counts of reports, residents), added to the figures the
    /// agreement states. `source` names them in the report's list of sources (e.g. the file
    /// name).
    #[must_use]
    pub fn observations(mut self, observations: Observations, source: Option<String>) -> Self {
        self.observations = Some((observations, source));
        self
    }

    /// The year's tryghedsplan and its follow-up.
    #[must_use]
    pub fn plan(mut self, plan: PlanInput) -> Self {
        self.plan = Some(plan);
        self
    }

    /// Next year's tryghedsplan (for the report's year + 1): the report gets a short section
    /// "Tryghedsplan for <år>" (its status, activities, owners, samarbejdspartnere and budget
    /// against the activity funds) and a line on the summary page. A plan for another year
    /// is [`ReportError::NextPlanYear`] when the report is built.
    ///
    /// ```
    /// use tryghed_agreement::Agreement;
    /// use tryghed_report::{ActivityRow, PlanInput, PlanStatusRow, ReportBuilder, ReportError, Year};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let agreement = Agreement::folehaven();
    /// let activity = ActivityRow::new("vandring", "Eksempel: Tryghedsvandring", "tryggere-byrum", "Boligforeningen 3B", vec!["Københavns Politi".into()])?;
    /// let next = PlanInput::new(Year::new(2027)?, "Eksempel: Tryghedsplan 2027", false, vec![activity])?
    ///     .with_status(PlanStatusRow::draft());
    /// let report = ReportBuilder::new(&agreement).year(Year::new(2026)?).next_plan(next.clone()).build()?;
    /// let section = report.next_plan().as_ref().ok_or("no section")?;
    /// assert_eq!(section.year(), &Year::new(2027)?);
    ///
    /// // The plan of the report's own year is not next year's.
    /// let wrong = ReportBuilder::new(&agreement).year(Year::new(2027)?).next_plan(next).build();
    /// assert!(matches!(wrong, Err(ReportError::NextPlanYear { .. })));
    /// # Ok(())
    /// # }
    /// ```
    #[doc(alias = "næste års tryghedsplan")]
    #[must_use]
    pub fn next_plan(mut self, plan: PlanInput) -> Self {
        self.next_plan = Some(plan);
        self
    }

    /// The ledger of the year's activity funds.
    #[must_use]
    pub fn ledger(mut self, ledger: &'a Ledger) -> Self {
        self.ledger = Some(ledger);
        self
    }

    /// Options (suppression threshold).
    #[must_use]
    pub fn options(mut self, options: ReportOptions) -> Self {
        self.options = options;
        self
    }

    /// Goals to evaluate instead of the agreement's.
    #[must_use]
    pub fn goals(mut self, goals: Vec<Goal>) -> Self {
        self.goals = Some(goals);
        self
    }

    /// The crime categories (default: tryghed-goals' `straffelov-2026` set).
    #[must_use]
    pub fn categories(mut self, categories: CategorySet) -> Self {
        self.categories = Some(categories);
        self
    }

    /// The partnership area (default: the Folehaven area for the Folehaven agreement). Use
    /// it to supply estate outlines.
    #[must_use]
    pub fn partnership_area(mut self, area: PartnershipArea) -> Self {
        self.area = Some(area);
        self
    }

    /// What the area's outline is and where it comes from, in one or two Danish sentences,
    /// printed under the map (default for a supplied area: that its source is not given; for
    /// the embedded Folehaven area: the layer it comes from and that taking it as the
    /// partnership area is an interpretation).
    #[must_use]
    pub fn area_source(mut self, note: impl Into<String>) -> Self {
        self.area_source = Some(note.into());
        self
    }

    /// The year the report will be for: the one given with [`ReportBuilder::year`], else the
    /// latest year the observations report on (a crime year counts as the year after), else
    /// the agreement period's first year. Lets a caller check an input's year before
    /// building.
    pub fn report_year(&self) -> Year {
        let goals = self
            .goals
            .as_deref()
            .unwrap_or_else(|| self.agreement.goals());
        self.year
            .or_else(|| {
                self.observations
                    .as_ref()
                    .and_then(|(user, _)| tryghed_agreement::latest_report_year(goals, user))
            })
            .unwrap_or_else(|| self.agreement.period().first_year())
    }

    /// The year's ledger of **every** budget line (projektledelse and aktivitetsmidler): the
    /// report gets the whole-budget view (both lines this year; every year of the period with
    /// allocated, committed, spent and free; overspending flagged) and, unless
    /// [`ReportBuilder::ledger`] gave one, its activity funds as the activity-funds section.
    /// A ledger whose year is not the report's is [`ReportError::LedgerYear`], one whose funds
    /// are not the agreement's [`ReportError::InvalidInput`], when the report is built.
    #[doc(alias = "årsregnskab")]
    #[must_use]
    pub fn year_ledger(mut self, ledger: &'a YearLedger) -> Self {
        self.year_ledger = Some(ledger);
        if self.ledger.is_none() {
            self.ledger = Some(ledger.activity_funds());
        }
        self
    }

    /// The year's meeting log, checked against the agreement's organisation with
    /// [`tryghed_meetings::check_meetings`] (as of the date of issue, normally): the report
    /// gets an "Organisering" section with meetings held against the agreement's rules,
    /// attendance per party, decisions and follow-up actions. The rules the log breaks are
    /// findings of the section, not input errors; a log that could not be read whole
    /// ([`MeetingCheck::log`] is `None`) or is for another year than the report's is
    /// [`ReportError::InvalidInput`] when the report is built.
    #[doc(alias = "mødelog")]
    #[must_use]
    pub fn meetings(mut self, check: &'a MeetingCheck) -> Self {
        self.meetings = Some(check);
        self
    }

    /// Builds the report.
    ///
    /// # Errors
    ///
    /// [`ReportError::InvalidInput`] when the year lies outside the agreement's report years
    /// (its baseline year to the period's last year); [`ReportError::Agreement`] when an
    /// observation contradicts a figure the agreement states or is for a year after the
    /// period; [`ReportError::LedgerYear`] when the ledger is for another year than the
    /// report; [`ReportError::Goals`] /
    /// [`ReportError::Geography`] when the embedded data cannot be read (a bug).
    pub fn build(self) -> Result<StatusReport, ReportError> {
        Build::new(self)?.run()
    }
}

/// The state of one build.
struct Build<'a> {
    agreement: &'a Agreement,
    year: Year,
    crime_year: Year,
    observations: Observations,
    source_label: Option<String>,
    has_user_observations: bool,
    plan: Option<PlanInput>,
    ledger: Option<&'a Ledger>,
    options: ReportOptions,
    goals: Option<Vec<Goal>>,
    categories: CategorySet,
    area: Option<PartnershipArea>,
    area_note: String,
    examples: Vec<String>,
    issued: Option<chrono::NaiveDate>,
    meetings: Option<&'a MeetingCheck>,
    next_plan: Option<PlanInput>,
    whole_budget: Option<BudgetOverview>,
    caveats: Vec<String>,
    missing: Vec<String>,
    /// Every count of police reports, published (or exact for an unsuppressed report).
    cells: Cells,
}

fn area_name(area: &AreaId) -> String {
    match area.as_str() {
        "omraade" => "Partnerskabsområdet".to_owned(),
        "valby" => "Valby".to_owned(),
        "kobenhavn" => "København".to_owned(),
        other => other.to_owned(),
    }
}

/// Replaces area ids in the goals library's Danish reasons with names.
fn humanise(reason: &str) -> String {
    reason
        .replace("omraade", "partnerskabsområdet")
        .replace("kobenhavn", "København")
        .replace("valby", "Valby")
}

fn to_dec6(x: f64) -> Decimal {
    Decimal::try_from(x).map_or(Decimal::ZERO, |d| d.round_dp(6))
}

impl<'a> Build<'a> {
    #[allow(clippy::too_many_lines)] // every input, checked and merged in one place
    fn new(b: ReportBuilder<'a>) -> Result<Self, ReportError> {
        let mut observations = b.agreement.observations().clone();
        let mut has_user_observations = false;
        let mut source_label = None;
        let mut user_latest: Option<Year> = None;
        let goals = Some(b.goals.unwrap_or_else(|| b.agreement.goals().to_vec()));
        let mut examples = b.examples.clone();
        // A title that names an input already marked (the CLI titles a plan by its file
        // name) adds nothing.
        if let Some(plan) = &b.plan
            && is_example_marker(plan.title())
            && !examples.iter().any(|e| plan.title().contains(e.as_str()))
        {
            examples.push(plan.title().to_owned());
        }
        if let Some(plan) = &b.next_plan
            && is_example_marker(plan.title())
            && !examples.iter().any(|e| plan.title().contains(e.as_str()))
        {
            examples.push(plan.title().to_owned());
        }
        if let Some((user, label)) = b.observations {
            if let Some(l) = label.as_deref()
                && is_example_marker(l)
                && !examples.iter().any(|e| e == l)
            {
                examples.push(l.to_owned());
            }
            source_label = label;
            has_user_observations = !user.is_empty();
            // A crime count (and the residents behind rates) of year Y goes with the survey
            // of Y + 1: the same rule as `tryghed goals`.
            user_latest =
                tryghed_agreement::latest_report_year(goals.as_deref().unwrap_or_default(), &user);
            let known: BTreeSet<&IndicatorId> = goals
                .iter()
                .flatten()
                .flat_map(Goal::indicators)
                .map(|gi| gi.indicator().id())
                .collect();
            let outside = b.agreement.observations_outside_years(&user);
            if !outside.is_empty() {
                return Err(ReportError::Agreement(
                    tryghed_agreement::AgreementError::observations_do_not_fit(outside),
                ));
            }
            observations = observations.merged_with(&user, |id| known.contains(id))?;
        }
        let first_year = b.agreement.period().first_year();
        let year = b.year.or(user_latest).unwrap_or(first_year);
        let last_year = b.agreement.period().last_year();
        let baseline_year = b.agreement.baseline_year();
        if year < baseline_year || year > last_year {
            return Err(ReportError::InvalidInput {
                field: "year".into(),
                reason: format!(
                    "{year} is outside the agreement's report years {baseline_year}–{last_year}"
                ),
            });
        }
        if let Some(ledger) = b.ledger
            && ledger.year() != year
        {
            // A ledger of 2031 was shown in the status for 2026.
            return Err(ReportError::LedgerYear {
                ledger: ledger.year(),
                report: year,
            });
        }
        if let Some(next) = &b.next_plan {
            let plan = *next.year();
            if year.checked_add(1) != Some(plan) {
                return Err(ReportError::NextPlanYear { plan, report: year });
            }
            if plan > last_year {
                return Err(ReportError::InvalidInput {
                    field: "next_plan.year".into(),
                    reason: format!(
                        "{plan} is after the agreement period {first_year}–{last_year}: there is no tryghedsplan for it"
                    ),
                });
            }
        }
        // The survey of a year reports the crime of the year before.
        let Some(crime_year) = tryghed_goals::crime_year_reported_in(year) else {
            return Err(ReportError::InvalidInput {
                field: "year".into(),
                reason: format!("{year} has no year before it to take crime figures from"),
            });
        };
        if let Some(check) = b.meetings {
            let summary = check.summary().filter(|_| check.log().is_some());
            match summary {
                None => {
                    return Err(ReportError::InvalidInput {
                        field: "meetings".into(),
                        reason: format!(
                            "the meeting log {} could not be read whole ({} errors); check it with `tryghed meetings check`",
                            check.origin(),
                            check.error_count()
                        ),
                    });
                }
                Some(s) if s.year() != year => {
                    return Err(ReportError::InvalidInput {
                        field: "meetings".into(),
                        reason: format!(
                            "the meeting log {} is for {}, the report for {year}",
                            check.origin(),
                            s.year()
                        ),
                    });
                }
                Some(_) => {}
            }
        }
        let whole_budget = match b.year_ledger {
            None => None,
            Some(ledger) if ledger.year() != year => {
                return Err(ReportError::LedgerYear {
                    ledger: ledger.year(),
                    report: year,
                });
            }
            Some(ledger) => Some(
                BudgetOverview::new(b.agreement.budget(), std::slice::from_ref(ledger)).map_err(
                    |e| ReportError::InvalidInput {
                        field: "ledger".into(),
                        reason: e.to_string(),
                    },
                )?,
            ),
        };
        let categories = match b.categories {
            Some(c) => c,
            None => CategorySet::straffelov_2026()?,
        };
        let (area, area_note) = match b.area {
            Some(a) => {
                let note = b.area_source.clone().unwrap_or_else(|| {
                    format!(
                        "Afgrænsningen \"{}\" er angivet sammen med rapportens grundlag; dens kilde er ikke oplyst.",
                        a.area().name()
                    )
                });
                (Some(a), note)
            }
            None => match b.agreement.area() {
                Some(a) => {
                    let note = b
                        .area_source
                        .clone()
                        .unwrap_or_else(|| declared_outline_note(b.agreement, a));
                    (Some(a.clone()), note)
                }
                None => (None, String::new()),
            },
        };
        let count_indicators: Vec<(IndicatorId, Option<tryghed_goals::CategoryId>)> = goals
            .iter()
            .flatten()
            .flat_map(Goal::indicators)
            .filter(|gi| gi.indicator().source() == Source::PoliceReportRegister)
            .map(|gi| {
                let category = match gi.indicator().dimension() {
                    Dimension::CrimeCategory(c) => Some(c.clone()),
                    _ => None,
                };
                (gi.indicator().id().clone(), category)
            })
            .collect();
        let cells = Cells::new(
            &observations,
            &count_indicators,
            &categories,
            (!b.options.is_unsuppressed()).then(|| b.options.suppression_threshold()),
        );
        Ok(Self {
            agreement: b.agreement,
            year,
            crime_year,
            observations,
            source_label,
            has_user_observations,
            plan: b.plan,
            ledger: b.ledger,
            options: b.options,
            goals,
            categories,
            area,
            area_note,
            examples,
            issued: b.issued,
            meetings: b.meetings,
            next_plan: b.next_plan,
            whole_budget,
            caveats: Vec::new(),
            missing: Vec::new(),
            cells,
        })
    }

    fn thr(&self) -> SuppressionThreshold {
        self.options.suppression_threshold()
    }

    /// Whether the report is the published form (not unsuppressed).
    fn published(&self) -> bool {
        !self.options.is_unsuppressed()
    }

    #[allow(clippy::too_many_lines)] // one pass in the report's order
    fn run(mut self) -> Result<StatusReport, ReportError> {
        let goals = self.goals.take().unwrap_or_default();
        if goals.is_empty() {
            self.missing.push(
                "Aftalen indeholder ingen målsætninger i maskinlæsbar form, så målene kan ikke vurderes."
                    .into(),
            );
        }
        // The collaboration count of the plan, by the rule its rows were counted with.
        let plan_counts = self.plan.as_ref().map(|p| {
            let total = p.activities().len() as u64;
            let multi = p
                .activities()
                .iter()
                .filter(|a| a.is_multi_partner())
                .count() as u64;
            (multi, total)
        });
        let plan_count = match (&self.plan, plan_counts) {
            (Some(p), Some((multi, total))) => Some(PlanCount::new(
                *p.year(),
                multi,
                total,
                p.title().to_owned(),
            )?),
            _ => None,
        };
        // The one evaluation every caller uses: survey of Y, crime of Y − 1, plan of Y.
        let evaluation = evaluate_goals(
            &goals,
            self.year,
            &self.observations,
            plan_count.as_ref(),
            &EvalOptions::default(),
        )?;
        self.caveats.extend(evaluation.notes().iter().cloned());
        let obs = evaluation.observations().clone();
        let mut summary = Vec::new();
        let mut goal_rows = Vec::new();
        let mut crime = Vec::new();
        let mut survey = Vec::new();
        let mut collaboration = None;
        let mut pending_baselines = BTreeSet::new();
        let mut shares_without_n = false;
        let mut shares_with_n = false;
        for (goal, ev) in goals.iter().zip(evaluation.goals()) {
            let mut parts = Vec::new();
            // The goal's status from its indicators' as published: a withheld indicator could
            // be met or not met.
            let mut goal_best: Option<Status> = None;
            let mut goal_worst: Option<Status> = None;
            let mut any_withheld = false;
            for (gi, ie) in goal.indicators().iter().zip(ev.indicators()) {
                if let Some(Baseline::Pending { note }) = gi.baseline() {
                    pending_baselines.insert(note.clone());
                }
                if gi.indicator().unit() == Unit::ShareOfRespondents && ie.value().is_some() {
                    if ie.respondents().is_some() {
                        shares_with_n = true;
                    } else {
                        shares_without_n = true;
                    }
                    // A change whose significance cannot be computed (the year before has no
                    // number of respondents) needs the caveat too.
                    if ie.change().is_some_and(|c| {
                        matches!(c.significance(), Significance::NotComputable { .. })
                    }) {
                        shares_without_n = true;
                    }
                }
                let row = self.goal_row(goal, gi, ie, &obs);
                if !gi.is_monitor_only() {
                    parts.push(Self::summary_part(gi, ie, &row));
                    let (best, worst) = if matches!(row.status, ReportStatus::Withheld { .. }) {
                        any_withheld = true;
                        (Status::Met, Status::NotMet)
                    } else {
                        (ie.status().clone(), ie.status().clone())
                    };
                    goal_best = Some(goal_best.map_or(best.clone(), |s| s.worst(best)));
                    goal_worst = Some(goal_worst.map_or(worst.clone(), |s| s.worst(worst)));
                }
                if gi.indicator().source() == Source::PoliceReportRegister {
                    crime.push(self.crime_row(gi, &row));
                }
                if gi.indicator().unit() == Unit::ShareOfRespondents {
                    survey.push(self.survey_series(gi));
                }
                if let Some(Target::ShareAtLeast { minimum }) = gi
                    .targets()
                    .iter()
                    .find(|t| matches!(t, Target::ShareAtLeast { .. }))
                    && gi.indicator().source() == Source::Tryghedsplan
                {
                    // From the plan when given (it wins over an observation, with a
                    // note), else from the observation the verdict used.
                    let counts = plan_counts
                        .or_else(|| ie.share().map(|s| (s.numerator(), s.denominator())));
                    collaboration = Some(CollaborationRow {
                        multi_partner: counts.map(|c| c.0),
                        total: counts.map(|c| c.1),
                        minimum_numerator: minimum.numerator(),
                        minimum_denominator: minimum.denominator(),
                        status: row.status.clone(),
                    });
                }
                if !gi.is_monitor_only() {
                    goal_rows.push(row);
                }
            }
            let status = if any_withheld
                && (goal_best != goal_worst || goal_best.as_ref() != Some(ev.status()))
            {
                ReportStatus::Withheld {
                    reason: format!(
                        "målets status ville afsløre et antal under {} (diskretionering)",
                        self.thr()
                    ),
                }
            } else {
                ReportStatus::from(ev.status())
            };
            let reason = if parts.is_empty() {
                "Indikatorerne monitoreres uden mål.".to_owned()
            } else {
                format!("{}.", parts.join("; "))
            };
            summary.push(SummaryLine {
                goal: goal.id().to_string(),
                title: goal.title().to_owned(),
                status,
                reason,
            });
        }
        let baseline = self.baseline_table(&goals);
        self.note_missing_figures(&goals);
        self.note_caveats(&pending_baselines, shares_without_n, shares_with_n, &crime);
        self.note_our_rules(&goals);
        let activities = self.activities();
        let next_plan = self.next_plan_section();
        let budget = self.budget();
        let organisation = self.organisation();
        let whole_budget = self.whole_budget();
        let area = self.area_section();
        let sources = self.sources();
        let period = self.agreement.period();
        Ok(StatusReport {
            confidential: self
                .options
                .is_unsuppressed()
                .then(|| tryghed_disclosure::CONFIDENTIAL_STAMP.to_owned()),
            agreement_id: self.agreement.id().to_owned(),
            agreement_title: self.agreement.title().to_owned(),
            example: (!self.examples.is_empty()).then(|| self.examples.join(", ")),
            issued: self.issued,
            sender: self.agreement.secretariat().map(|p| {
                // The secretariat with the party it belongs to ("…, Økonomiforvaltningen").
                match p
                    .parent()
                    .and_then(|id| self.agreement.parties().get(id.as_str()))
                {
                    Some(parent) => format!("{}, {}", p.name(), parent.name()),
                    None => p.name().to_owned(),
                }
            }),
            district: self.agreement.district().map(str::to_owned),
            year: self.year,
            crime_year: self.crime_year,
            period_first_year: period.first_year(),
            period_last_year: period.last_year(),
            options: self.options,
            summary,
            goals: goal_rows,
            survey,
            crime,
            baseline,
            activities,
            collaboration,
            budget,
            whole_budget,
            organisation,
            next_plan,
            area,
            sources,
            caveats: self.caveats,
            missing: self.missing,
        })
    }

    /// The "Organisering" section from the meeting log (checked in [`Build::new`]).
    fn organisation(&self) -> Option<OrganisationSection> {
        let check = self.meetings?;
        let summary = check.summary()?;
        let bodies = summary
            .bodies()
            .iter()
            .map(|b| {
                let rule = match (b.min_per_year(), b.max_per_year()) {
                    (Some(min), Some(max)) if min == max => format!("{min} om året"),
                    (Some(min), Some(max)) => format!("{min}-{max} om året"),
                    (Some(min), None) => format!("mindst {min} om året"),
                    (None, _) => "ingen regel".to_owned(),
                };
                let status = match b.cadence() {
                    Cadence::Met => ReportStatus::Met,
                    Cadence::TooFew => ReportStatus::NotMet,
                    Cadence::MinimumReached | Cadence::OnTrack => ReportStatus::OnTrack,
                    Cadence::TooMany | Cadence::ShortOfPlan => ReportStatus::OffTrack,
                    _ => ReportStatus::Monitored,
                };
                OrganisationBody {
                    name: b.name().to_owned(),
                    held: b.held(),
                    planned: b.planned(),
                    rule,
                    wording: b.wording().map(str::to_owned),
                    cadence: b.cadence().label_da().to_owned(),
                    status,
                    attendance: b
                        .attendance()
                        .iter()
                        .map(|a| OrganisationAttendance {
                            party: a.name().to_owned(),
                            meetings: a.meetings(),
                            required: a.is_required(),
                        })
                        .collect(),
                    decisions: b
                        .decisions()
                        .iter()
                        .map(|d| OrganisationDecision {
                            date: d.date(),
                            text: d.text().to_owned(),
                        })
                        .collect(),
                    actions: b
                        .actions()
                        .iter()
                        .map(|a| OrganisationAction {
                            meeting: a.meeting(),
                            what: a.what().to_owned(),
                            owner: a.owner_name().to_owned(),
                            due: a.due(),
                        })
                        .collect(),
                }
            })
            .collect();
        let findings = check
            .diagnostics()
            .iter()
            .map(|d| OrganisationFinding {
                error: d.severity() == tryghed_diagnostics::Severity::Error,
                message: d.message().to_owned(),
            })
            .collect();
        let source = std::path::Path::new(check.origin())
            .file_name()
            .map_or_else(
                || check.origin().to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        Some(OrganisationSection {
            year: summary.year(),
            as_of: summary.as_of(),
            state: summary.state().label_da().to_owned(),
            source,
            bodies,
            findings,
        })
    }

    /// The figure of a police-report indicator in `area` and `year`, from the published
    /// cells: a count, or a rate whose count is shown.
    fn count_figure(
        &self,
        unit: Unit,
        id: &IndicatorId,
        area: &AreaId,
        year: Year,
    ) -> Option<Figure> {
        let count = self.cells.get(id, area, year)?;
        if unit == Unit::ReportsPer1000Residents {
            let residents = self.observations.residents(area, year)?;
            let rate = match count.value() {
                Some(_) => self.observations.rate_per_1000(id, area, year),
                None => None,
            };
            Some(Figure::Rate {
                count,
                residents,
                rate,
            })
        } else {
            Some(Figure::Count { count })
        }
    }

    /// The figure of an indicator in `area` and `year`: survey shares from `obs`, counts from
    /// the published cells.
    fn figure(
        &self,
        unit: Unit,
        obs: &Observations,
        id: &IndicatorId,
        area: &AreaId,
        year: Year,
    ) -> Option<Figure> {
        match obs.get(id, area, year)?.value() {
            tryghed_goals::ObservedValue::Share(s) => Some(Figure::Share {
                fraction: s.to_decimal(),
            }),
            tryghed_goals::ObservedValue::Count(_) => self.count_figure(unit, id, area, year),
            _ => None,
        }
    }

    fn value_figure(&self, ie: &IndicatorEvaluation, obs: &Observations) -> Option<Figure> {
        let value = ie.value()?;
        match ie.unit() {
            Unit::NumberOfReports | Unit::ReportsPer1000Residents => self.figure(
                ie.unit(),
                obs,
                ie.indicator(),
                &AreaId::partnership(),
                ie.year(),
            ),
            _ => Some(Figure::Share { fraction: value }),
        }
    }

    /// A baseline value set by an amendment, as the report may print it. A count is a count
    /// like any other; a rate is withheld when a count below the threshold rounds to it with
    /// the residents the report knows.
    fn set_baseline(&self, unit: Unit, value: Decimal) -> Figure {
        if unit.is_share() {
            return Figure::Share { fraction: value };
        }
        let whole = (value.fract().is_zero() && !value.is_sign_negative())
            .then(|| u64::try_from(value).ok())
            .flatten();
        if !self.published() {
            return match (unit, whole) {
                (Unit::NumberOfReports, Some(n)) => Figure::Count {
                    count: Count::exact(n),
                },
                _ => Figure::Number { value },
            };
        }
        if unit == Unit::ReportsPer1000Residents {
            let tenths = (value * Decimal::TEN).round();
            let Some(tenths) = u64::try_from(tenths).ok() else {
                return Figure::Withheld;
            };
            let area = AreaId::partnership();
            let residents: Vec<u64> = self
                .observations
                .iter()
                .filter(|o| o.area() == &area && o.indicator().is_residents())
                .filter_map(|o| match o.value() {
                    tryghed_goals::ObservedValue::Count(n) => Some(n),
                    _ => None,
                })
                .collect();
            let safe = if residents.is_empty() {
                PublishedRate::stated(tenths, None, self.thr()).is_some()
            } else {
                residents
                    .iter()
                    .all(|&r| PublishedRate::stated(tenths, Some(r), self.thr()).is_some())
            };
            return if safe {
                Figure::Number {
                    value: Decimal::new(i64::try_from(tenths).unwrap_or(i64::MAX), 1),
                }
            } else {
                Figure::Withheld
            };
        }
        match whole {
            Some(n) => Figure::Count {
                count: Count::new(n, self.thr()),
            },
            // A count that is not whole: shown only at or above the threshold.
            None if value >= Decimal::from(self.thr().get()) => Figure::Number { value },
            None => Figure::Count {
                count: Count::new(0, self.thr()),
            },
        }
    }

    fn baseline_cell(&self, gi: &GoalIndicator, obs: &Observations) -> BaselineCell {
        match gi.baseline() {
            None => BaselineCell::None,
            Some(Baseline::Pending { note }) => BaselineCell::Pending { note: note.clone() },
            Some(Baseline::Observed { year }) => BaselineCell::Known {
                year: *year,
                value: self.figure(
                    gi.indicator().unit(),
                    obs,
                    gi.indicator().id(),
                    &AreaId::partnership(),
                    *year,
                ),
            },
            Some(Baseline::Set { year, value }) => BaselineCell::Known {
                year: *year,
                value: Some(self.set_baseline(gi.indicator().unit(), *value)),
            },
            Some(other) => BaselineCell::Pending {
                note: format!("{other:?}"),
            },
        }
    }

    fn target_text(gi: &GoalIndicator) -> String {
        let base_year = gi.baseline().and_then(Baseline::year);
        let texts: Vec<String> = gi
            .targets()
            .iter()
            .map(|t| match t {
                Target::IncreaseEveryYear => "stiger hvert år".to_owned(),
                Target::ApproachReference {
                    reference_area,
                    by_year,
                } => format!(
                    "nærmer sig niveauet i {} i {by_year}",
                    area_name(reference_area)
                ),
                Target::NotAboveBaseline => match base_year {
                    Some(y) => format!("som minimum fastholdt på {y}-niveau"),
                    None => "som minimum fastholdt på 2025-niveau (baseline afventer)".to_owned(),
                },
                Target::ShareAtLeast { minimum } => {
                    format!("mindst {}", dk::percent(minimum.to_decimal()))
                }
                Target::MonitorOnly => "monitoreres (intet mål)".to_owned(),
                other => other.to_string(),
            })
            .collect();
        texts.join("; ")
    }

    fn goal_row(
        &self,
        goal: &Goal,
        gi: &GoalIndicator,
        ie: &IndicatorEvaluation,
        obs: &Observations,
    ) -> GoalRow {
        let unit = gi.indicator().unit();
        let police = gi.indicator().source() == Source::PoliceReportRegister;
        let references = ie
            .comparisons()
            .iter()
            .filter_map(|c| {
                let value = if unit.is_share() {
                    Figure::Share {
                        fraction: c.value(),
                    }
                } else if police {
                    // A comparison area's count is a count like any other.
                    self.figure(unit, obs, gi.indicator().id(), c.area(), ie.year())?
                } else {
                    Figure::Number { value: c.value() }
                };
                Some(Reference {
                    area: c.area().to_string(),
                    area_name: area_name(c.area()),
                    value,
                })
            })
            .collect();
        let interval = ie.interval().map(|i| IntervalCell {
            lower: to_dec6(i.lower()),
            upper: to_dec6(i.upper()),
            confidence: to_dec6(i.confidence()),
        });
        // No change from or towards a hidden count.
        let change_shown = !police || {
            let at = |y: Year| {
                self.cells
                    .get(gi.indicator().id(), &AreaId::partnership(), y)
                    .is_some_and(|c| !c.is_hidden())
            };
            at(ie.year()) && at(ie.year().saturating_sub(1))
        };
        let change = ie.change().filter(|_| change_shown).map(|c| ChangeCell {
            from: c.from(),
            to: c.to(),
            significance: match c.significance() {
                Significance::Significant { outcome } => SignificanceCell::Significant {
                    p_value: to_dec6(outcome.p_value()),
                    alpha: to_dec6(outcome.alpha()),
                },
                Significance::NotSignificant { outcome } => SignificanceCell::NotSignificant {
                    p_value: to_dec6(outcome.p_value()),
                    alpha: to_dec6(outcome.alpha()),
                },
                Significance::NotComputable { reason } => SignificanceCell::NotComputable {
                    reason: reason.clone(),
                },
                other => SignificanceCell::NotComputable {
                    reason: format!("{other:?}"),
                },
            },
        });
        let status = match ie.status() {
            Status::Pending { reason } => ReportStatus::Pending {
                reason: self.pending_reason(gi, ie, reason),
            },
            s => ReportStatus::from(s),
        };
        let baseline = self.baseline_cell(gi, obs);
        let value = self.value_figure(ie, obs);
        let status = if police && self.published() {
            self.published_status(gi, ie, status, value.as_ref(), &baseline)
        } else {
            status
        };
        let explanation = if police && self.published() {
            // The goals library writes its explanation from the exact counts: the published
            // report writes its own from the published figures.
            Self::published_explanation(gi, ie, value.as_ref(), &baseline, &status)
        } else {
            humanise(ie.explanation())
        };
        GoalRow {
            goal: goal.id().to_string(),
            indicator: gi.indicator().id().to_string(),
            name: gi.indicator().name().to_owned(),
            year: ie.year(),
            baseline,
            value,
            references,
            target: Self::target_text(gi),
            status,
            respondents: ie.respondents(),
            interval,
            change,
            verdict: match gi.indicator().source() {
                // A crime verdict names counts; the crime section publishes them.
                Source::PoliceReportRegister => String::new(),
                _ => humanise(ie.verdict()),
            },
            explanation,
        }
    }

    /// The explanation of a police-report indicator, written from its published figures.
    fn published_explanation(
        gi: &GoalIndicator,
        ie: &IndicatorEvaluation,
        value: Option<&Figure>,
        baseline: &BaselineCell,
        status: &ReportStatus,
    ) -> String {
        let text = |f: Option<&Figure>| match f {
            Some(Figure::Count { count }) => format!("{count} anmeldelser"),
            Some(f) => crate::view::figure_text(f),
            None => "mangler".to_owned(),
        };
        let base = match baseline {
            BaselineCell::Known { year, value } => {
                format!("baseline {} ({year})", text(value.as_ref()))
            }
            BaselineCell::Pending { .. } => "baseline afventer".to_owned(),
            _ => "ingen baseline".to_owned(),
        };
        format!(
            "{} {}: {}; {base}; status: {}.",
            gi.indicator().name(),
            ie.year(),
            text(value),
            status.label()
        )
    }

    /// The status of a police-report indicator as the published report may give it: a
    /// verdict is withheld when it would bound a hidden count. For "som minimum fastholdt på
    /// baseline-niveau" (value ≤ baseline) it is given when the published forms decide it
    /// (and agree with the goals library); for any other target, and for rates, whenever a
    /// count it rests on is hidden.
    fn published_status(
        &self,
        gi: &GoalIndicator,
        ie: &IndicatorEvaluation,
        status: ReportStatus,
        value: Option<&Figure>,
        baseline: &BaselineCell,
    ) -> ReportStatus {
        let met = match status {
            ReportStatus::Met | ReportStatus::OnTrack => true,
            ReportStatus::NotMet | ReportStatus::OffTrack => false,
            other => return other,
        };
        let hidden = |f: Option<&Figure>| match f {
            Some(Figure::Count { count } | Figure::Rate { count, .. }) => count.is_hidden(),
            Some(Figure::Withheld) => true,
            _ => false,
        };
        let base_figure = match baseline {
            BaselineCell::Known { value, .. } => value.as_ref(),
            _ => None,
        };
        let previous = self
            .cells
            .get(
                gi.indicator().id(),
                &AreaId::partnership(),
                ie.year().saturating_sub(1),
            )
            .is_some_and(|c| c.is_hidden());
        if !hidden(value) && !hidden(base_figure) && !previous {
            return status;
        }
        let only_held = gi
            .targets()
            .iter()
            .all(|t| matches!(t, Target::NotAboveBaseline | Target::MonitorOnly));
        let decided = match (value, base_figure) {
            (Some(Figure::Count { count: v }), Some(Figure::Count { count: b })) if only_held => v
                .as_published()
                .zip(b.as_published())
                .and_then(|(v, b)| v.compare(Comparison::AtMost, b)),
            _ => None,
        };
        if decided == Some(met) {
            status
        } else {
            ReportStatus::Withheld {
                reason: format!(
                    "status ville afsløre et antal under {} (diskretionering)",
                    self.thr()
                ),
            }
        }
    }

    /// A plain Danish reason for a pending indicator.
    fn pending_reason(&self, gi: &GoalIndicator, ie: &IndicatorEvaluation, raw: &str) -> String {
        let year = ie.year();
        if ie.value().is_none() {
            return match gi.indicator().source() {
                Source::Tryghedsundersoegelsen => {
                    format!("tal fra Tryghedsundersøgelsen {year} for området mangler")
                }
                Source::PoliceReportRegister
                    if gi.indicator().unit() == Unit::ReportsPer1000Residents =>
                {
                    format!("anmeldelser og indbyggertal for {year} mangler")
                }
                Source::PoliceReportRegister => format!("anmeldelser for {year} mangler"),
                Source::Tryghedsplan => format!("tryghedsplanen for {year} mangler"),
                _ => humanise(raw),
            };
        }
        if let Some(Baseline::Pending { .. }) = gi.baseline() {
            let base = self.agreement.baseline_year();
            return if year == base {
                format!("{base} er basisåret; baseline {base} fastlægges med denne afrapportering")
            } else {
                format!("baseline {base} er endnu ikke tilføjet partnerskabsaftalen")
            };
        }
        if gi.baseline().and_then(Baseline::year) == Some(year) {
            return format!(
                "{year} er basisåret; første sammenligning er {}",
                year.get() + 1
            );
        }
        humanise(raw)
    }

    fn summary_part(gi: &GoalIndicator, ie: &IndicatorEvaluation, row: &GoalRow) -> String {
        let name = gi.indicator().name();
        let value = row.value.as_ref().map(crate::view::figure_text);
        match (&row.status, value) {
            (ReportStatus::Pending { reason }, _) => format!("{name}: afventer ({reason})"),
            (s, Some(v)) => format!("{name}: {s} ({v} i {})", ie.year()),
            (s, None) => format!("{name}: {s}"),
        }
    }

    /// The agreement's baseline table ("Gerningstype / Mål / Baseline 2025") for the targets
    /// "som minimum fastholdes": in the report of the year after the baseline year marked as
    /// fixed by this report, later as fixed by the amendment that added it.
    fn baseline_table(&self, goals: &[Goal]) -> Option<BaselineTable> {
        let targeted: Vec<&GoalIndicator> = goals
            .iter()
            .flat_map(Goal::indicators)
            .filter(|gi| gi.targets().contains(&Target::NotAboveBaseline))
            .collect();
        if targeted.is_empty() {
            return None;
        }
        let pending = targeted
            .iter()
            .any(|gi| matches!(gi.baseline(), Some(Baseline::Pending { .. })));
        let year = if pending {
            self.agreement.baseline_year()
        } else {
            targeted
                .iter()
                .find_map(|gi| gi.baseline().and_then(Baseline::year))?
        };
        let fixing = match (pending, self.agreement.baseline_fixed_by()) {
            (true, _) if self.crime_year == year => BaselineFixing::ThisReport,
            (true, _) => BaselineFixing::NotYetAdded,
            (false, Some((date, title))) => BaselineFixing::Amendment {
                date: date.to_string(),
                title: title.to_owned(),
            },
            (false, None) => BaselineFixing::InAgreement,
        };
        let area = AreaId::partnership();
        let rows = targeted
            .iter()
            .map(|gi| {
                let id = gi.indicator().id();
                let unit = gi.indicator().unit();
                let name = match gi.indicator().dimension() {
                    Dimension::CrimeCategory(c) if c.as_str() == "straffelovskriminalitet" => {
                        "Antal anmeldelser af straffelovskriminalitet".to_owned()
                    }
                    Dimension::CrimeCategory(c) => self.categories.by_id(c).map_or_else(
                        || gi.indicator().name().to_owned(),
                        |cat| cat.name().to_owned(),
                    ),
                    _ => gi.indicator().name().to_owned(),
                };
                let value = match gi.baseline() {
                    Some(Baseline::Set { value, .. }) => Some(self.set_baseline(unit, *value)),
                    _ => self.count_figure(unit, id, &area, year).or_else(|| {
                        self.cells
                            .get(id, &area, year)
                            .map(|count| Figure::Count { count })
                    }),
                };
                BaselineRow {
                    indicator: id.to_string(),
                    name,
                    target: "Minimum fastholdelse".to_owned(),
                    value,
                }
            })
            .collect();
        Some(BaselineTable { year, fixing, rows })
    }

    fn crime_row(&self, gi: &GoalIndicator, row: &GoalRow) -> CrimeRow {
        let id = gi.indicator().id();
        let (category, name, verified, codes_known) = match gi.indicator().dimension() {
            Dimension::CrimeCategory(c) => match self.categories.by_id(c) {
                Some(cat) => (
                    c.to_string(),
                    cat.name().to_owned(),
                    cat.is_verified(),
                    cat.is_countable(),
                ),
                None => (
                    c.to_string(),
                    gi.indicator().name().to_owned(),
                    false,
                    false,
                ),
            },
            _ => (id.to_string(), gi.indicator().name().to_owned(), true, true),
        };
        let area = AreaId::partnership();
        let series: Vec<CountPoint> = self
            .observations
            .iter()
            .filter(|o| o.indicator() == id && o.area() == &area && o.year() <= self.crime_year)
            .filter_map(|o| {
                let year = o.year();
                let count = self.cells.get(id, &area, year)?;
                let (residents, rate) =
                    match self.count_figure(gi.indicator().unit(), id, &area, year) {
                        Some(Figure::Rate {
                            residents, rate, ..
                        }) => (Some(residents), rate),
                        _ => (None, None),
                    };
                Some(CountPoint {
                    year,
                    count,
                    residents,
                    rate,
                })
            })
            .collect();
        let per_1000 = gi.indicator().unit() == Unit::ReportsPer1000Residents;
        // A rate row goes by its rates (the target is the rate), a count row by its counts;
        // a value of a hidden count is never there.
        let at = |y: Year| -> Option<Option<Decimal>> {
            let p = series.iter().find(|p| p.year == y)?;
            match p.count.value() {
                // Hidden: there is a value, and it is not shown.
                None => Some(None),
                // A rate without residents is unknown, not hidden.
                Some(_) if per_1000 => p.rate.map(Some),
                Some(n) => Some(Some(Decimal::from(n))),
            }
        };
        // A trend between hidden counts, or from or towards one, would tell their order.
        let trend = match (at(self.crime_year.saturating_sub(1)), at(self.crime_year)) {
            (Some(Some(a)), Some(Some(b))) if b > a => Trend::Rising,
            (Some(Some(a)), Some(Some(b))) if b < a => Trend::Falling,
            (Some(Some(_)), Some(Some(_))) => Trend::Unchanged,
            (Some(_), Some(_)) => Trend::Withheld,
            _ => Trend::Unknown,
        };
        CrimeRow {
            indicator: id.to_string(),
            category,
            name,
            monitored_only: gi.is_monitor_only(),
            codes: match (verified, codes_known) {
                (_, false) => CodeList::Missing,
                (true, true) => CodeList::Official,
                (false, true) => CodeList::PublicAnalyses,
            },
            per_1000,
            baseline: row.baseline.clone(),
            series,
            trend,
            status: row.status.clone(),
        }
    }

    fn survey_series(&self, gi: &GoalIndicator) -> SurveySeries {
        let id = gi.indicator().id();
        let mut areas: Vec<AreaId> = self
            .observations
            .iter()
            .filter(|o| o.indicator() == id)
            .map(|o| o.area().clone())
            .collect();
        areas.sort();
        areas.dedup();
        let order = |a: &AreaId| match a.as_str() {
            "omraade" => 0,
            "valby" => 1,
            "kobenhavn" => 2,
            _ => 3,
        };
        areas.sort_by_key(|a| (order(a), a.clone()));
        let points = |a: &AreaId| -> Vec<SharePoint> {
            self.observations
                .iter()
                .filter(|o| o.indicator() == id && o.area() == a && o.year() <= self.year)
                .filter_map(|o| match o.value() {
                    tryghed_goals::ObservedValue::Share(s) => Some(SharePoint {
                        year: o.year(),
                        fraction: s.to_decimal(),
                        respondents: o.respondents(),
                        interval: o.respondents().and_then(|n| survey_interval(s, n)),
                    }),
                    _ => None,
                })
                .collect()
        };
        let series: Vec<AreaSeries> = areas
            .iter()
            .map(|a| AreaSeries {
                area: a.to_string(),
                area_name: area_name(a),
                points: points(a),
            })
            .filter(|s| !s.points.is_empty())
            .collect();
        let guide = gi.targets().iter().find_map(|t| match t {
            Target::ApproachReference {
                reference_area,
                by_year,
            } => {
                let b = gi.baseline().and_then(Baseline::year)?;
                let from = points(&AreaId::partnership())
                    .into_iter()
                    .find(|p| p.year == b)?;
                let to = points(reference_area).into_iter().next_back()?;
                Some(Guide {
                    from,
                    to: SharePoint {
                        year: *by_year,
                        fraction: to.fraction,
                        respondents: None,
                        interval: None,
                    },
                })
            }
            _ => None,
        });
        SurveySeries {
            indicator: id.to_string(),
            name: gi.indicator().name().to_owned(),
            areas: series,
            guide,
        }
    }

    fn note_missing_figures(&mut self, goals: &[Goal]) {
        let area = AreaId::partnership();
        let mut survey_missing = false;
        let mut crime_missing = Vec::new();
        let mut rate = false;
        for gi in goals.iter().flat_map(Goal::indicators) {
            let id = gi.indicator().id();
            match gi.indicator().source() {
                Source::Tryghedsundersoegelsen => {
                    survey_missing |= self.observations.get(id, &area, self.year).is_none();
                }
                Source::PoliceReportRegister => {
                    if self.observations.get(id, &area, self.crime_year).is_none() {
                        crime_missing.push(gi.indicator().name().to_owned());
                    }
                    rate |= gi.indicator().unit() == Unit::ReportsPer1000Residents;
                }
                _ => {}
            }
        }
        if survey_missing {
            self.missing.push(format!(
                "Tryghedsundersøgelsen {}: ingen tal for partnerskabsområdet blandt de angivne observationer.",
                self.year
            ));
        }
        if !crime_missing.is_empty() {
            self.missing.push(format!(
                "Anmeldelser for {} mangler: {}.",
                self.crime_year,
                crime_missing.join(", ")
            ));
        }
        if rate
            && self
                .observations
                .residents(&area, self.crime_year)
                .is_none()
        {
            self.missing.push(format!(
                "Indbyggertallet for partnerskabsområdet i {} mangler, så raten per 1.000 indbyggere kan ikke beregnes.",
                self.crime_year
            ));
        }
        match &self.plan {
            None => self.missing.push(format!(
                "Tryghedsplanen for {} er ikke angivet: aktiviteter, leverancer og samarbejdsandel kan ikke opgøres.",
                self.year
            )),
            Some(p) if !*p.follow_up() => self.missing.push(
                "Opfølgningen på tryghedsplanen er ikke angivet: leverancerne vises som ikke afrapporteret."
                    .into(),
            ),
            Some(_) => {}
        }
        if self.ledger.is_none() {
            self.missing.push(
                "Regnskabet for aktivitetsmidlerne er ikke angivet: forbruget vises ikke.".into(),
            );
        }
        if let Some(next) = self.year.checked_add(1)
            && self.next_plan.is_none()
            && next <= self.agreement.period().last_year()
        {
            self.missing.push(format!(
                "Tryghedsplanen for {next} er ikke angivet: næste års aktiviteter og budget vises ikke."
            ));
        }
        if self.meetings.is_none() {
            self.missing.push(format!(
                "Mødeloggen for {} er ikke angivet: styregruppens og arbejdsgruppens møder (Organisering) kan ikke opgøres.",
                self.year
            ));
        }
    }

    /// Where the agreement is silent, the rule is the project's: say so where a reader sees
    /// the verdict.
    fn note_our_rules(&mut self, goals: &[Goal]) {
        let goal_one = goals.iter().flat_map(Goal::indicators).find_map(|gi| {
            let rises = gi.targets().contains(&Target::IncreaseEveryYear);
            gi.targets().iter().find_map(|t| match t {
                Target::ApproachReference {
                    reference_area,
                    by_year,
                } if rises => Some((area_name(reference_area), *by_year)),
                _ => None,
            })
        });
        if let Some((place, by_year)) = goal_one {
            let base = self.agreement.baseline_year();
            self.caveats.push(format!(
                "Målet om trygge borgere vurderes efter aftalens ordlyd (\"skal årligt stige og nærme sig københavnerniveau i {by_year}\"): andelen skal være steget fra året før, og afstanden til {place} skal være mindre end året før og end i {base}; i {by_year} skal afstanden være mindre end i {base}. Projektets regler, hvor aftalen ikke siger mere: begge dele skal holde, en andel på eller over {place}s niveau tæller som nærmere, og en andel, der ikke er steget, er \"ikke opfyldt\" for året; en stigning tæller, også når den ikke er statistisk signifikant (aftalen siger \"stige\", ikke \"stige signifikant\"), og vurderingen siger, om den er. Den stiplede linje i figuren (i HTML- og PDF-udgaven) er en jævn fremskrivning til københavnerniveau, ikke aftalens mål."
            ));
        }
        if self.plan.is_some() {
            self.caveats.push(
                "Samarbejdspartnere tælles efter projektets regel, den samme som i kontrollen af tryghedsplanen: hver forvaltning for sig (aftalen nævner de syv forvaltninger som hver sin part), en enhed som den forvaltning, den hører under (SSP under Socialforvaltningen), og Københavns Kommune nævnt sammen med en af sine forvaltninger som én samarbejdspartner."
                    .into(),
            );
        }
    }

    fn note_caveats(
        &mut self,
        pending: &BTreeSet<String>,
        without_n: bool,
        with_n: bool,
        crime: &[CrimeRow],
    ) {
        let base = self.agreement.baseline_year();
        for note in pending {
            if self.crime_year == base {
                self.caveats.push(format!(
                    "Kriminalitetsmålene kan ikke vurderes i denne afrapportering: {base} er basisåret, og baseline {base} fastlægges med den (se tabellen \"Baseline {base}\"). Målene vurderes første gang for {} i afrapporteringen {}.",
                    base.get() + 1,
                    base.get() + 2
                ));
            } else {
                self.caveats.push(format!(
                    "Baseline for kriminaliteten afventer: {note}. Indtil den er tilføjet aftalen, vurderes målene som \"afventer\" og aldrig som opfyldt."
                ));
            }
        }
        // The agreement's own caveats (quoted in its data file): the 2025 survey figures cover
        // the area before the extension; other actors and factors affect the results.
        self.caveats
            .splice(0..0, self.agreement.caveats().iter().cloned());
        if without_n {
            self.caveats.push(
                "Signifikans: En ændring fra året før kan kun testes, når antallet af besvarelser kendes for begge år. For nogle andele kendes det ikke (aftalen angiver ikke antallet af besvarelser bag sine 2025-tal), så der gives hverken konfidensinterval eller test for dem, og vurderingen siger \"signifikans ukendt\". Et område med nogle hundrede besvarelser har typisk en usikkerhed på omkring ±5 procentpoint, så de fleste ændringer fra år til år er ikke statistisk signifikante."
                    .into(),
            );
        }
        if with_n {
            self.caveats.push(
                "Intervallerne er 95 %-konfidensintervaller (Wilson). Ændringer fra året før er testet med en tosidet test for to andele på 5 %-niveau."
                    .into(),
            );
        }
        // Which code lists are not the police's own grouping, and which are missing.
        let public: Vec<String> = crime
            .iter()
            .filter(|c| c.codes == CodeList::PublicAnalyses)
            .map(|c| c.name.to_lowercase())
            .collect();
        let missing: Vec<String> = crime
            .iter()
            .filter(|c| c.codes == CodeList::Missing)
            .map(|c| c.name.to_lowercase())
            .collect();
        let public: Vec<&str> = public.iter().map(String::as_str).collect();
        let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
        if !public.is_empty() {
            self.caveats.push(format!(
                "Gerningstyperne er opgjort efter en kodeliste fra offentlige analyser, ikke efter Københavns Politis egen gruppering, som ikke er offentlig ({}). Politiets egne tal kan derfor afvige.",
                join_and(&public)
            ));
        }
        if !missing.is_empty() {
            self.caveats.push(format!(
                "For {} er der ikke fundet gerningskoder, så de kan ikke opgøres; de vises som manglende, aldrig som 0.",
                join_and(&missing)
            ));
        }
        if !crime.is_empty() {
            self.caveats.push(format!(
                "Kriminalitetstallene gælder kalenderåret {}, som afrapporteres sammen med Tryghedsundersøgelsen {}. Det er projektets læsning af aftalen: baseline for 2025 \"fastlægges ifm. den første afrapportering til Økonomiudvalget i 2026\", og et kalenderårs anmeldelser kan først opgøres, når året er slut.",
                self.crime_year, self.year
            ));
            if self.published() {
                let t = self.thr();
                self.caveats.push(format!(
                    "Antal anmeldelser under {t} (også 0) vises som \"< {t}\". Der vises ingen rate, ændring, udvikling eller status, som ville afsløre dem, og hvor et antal kan findes ved at trække de viste dele fra totalen, skjules også den næstmindste del (\"skjult\") (diskretionering)."
                ));
            }
        }
        if let Some(area) = &self.area {
            if area.estates().iter().all(|e| e.boundary().is_none()) {
                self.caveats.push(
                    "Der findes ingen offentlig afgrænsning af de enkelte afdelinger; kortet viser hele partnerskabsområdet."
                        .into(),
                );
            }
            let unknown: Vec<&str> = area
                .estates()
                .iter()
                .filter(|e| e.owner().is_none())
                .map(tryghed_geography::Estate::name)
                .collect();
            if !unknown.is_empty() {
                self.caveats.push(format!(
                    "Ejeren af {} er ikke fundet i offentlige kilder.",
                    join_and(&unknown)
                ));
            }
        }
    }

    /// The plan's activities by focus area (the agreement's order, then any other, with a
    /// caveat), and its budget against the activity funds of its year.
    fn grouped(&mut self, plan: &PlanInput) -> (Vec<FocusGroup>, Option<PlanFunds>) {
        let mut groups: Vec<FocusGroup> = self
            .agreement
            .focus_areas()
            .iter()
            .map(|f| FocusGroup {
                focus_area: f.id().as_str().to_owned(),
                name: f.name().to_owned(),
                activities: Vec::new(),
            })
            .collect();
        for a in plan.activities() {
            if let Some(g) = groups.iter_mut().find(|g| g.focus_area == a.focus_area()) {
                g.activities.push(a.clone());
            } else {
                self.caveats.push(format!(
                    "Aktiviteten \"{}\" ligger i indsatsområdet \"{}\", som ikke er et af aftalens.",
                    a.title(),
                    a.focus_area()
                ));
                groups.push(FocusGroup {
                    focus_area: a.focus_area().to_owned(),
                    name: a.focus_area().to_owned(),
                    activities: vec![a.clone()],
                });
            }
        }
        let budgets: Option<Vec<tryghed_budget::Dkk>> =
            plan.activities().iter().map(|a| *a.budget()).collect();
        let total = budgets.and_then(|b| tryghed_budget::Dkk::checked_sum(b).ok());
        let funds = self
            .agreement
            .annual_budget(*plan.year())
            .map(|b| b.activity_funds().amount());
        let funds = total.zip(funds).map(|(total, funds)| PlanFunds {
            total,
            funds,
            status: if total <= funds {
                ReportStatus::Met
            } else {
                ReportStatus::NotMet
            },
        });
        (groups, funds)
    }

    fn activities(&mut self) -> Option<ActivitiesSection> {
        let plan = self.plan.take()?;
        let mut deliveries = DeliveryCounts::default();
        for d in plan.activities().iter().flat_map(ActivityRow::deliverables) {
            match d.delivery() {
                Delivery::Delivered => deliveries.delivered += 1,
                Delivery::PartlyDelivered => deliveries.partly_delivered += 1,
                Delivery::NotDelivered => deliveries.not_delivered += 1,
                _ => deliveries.not_reported += 1,
            }
        }
        let (groups, funds) = self.grouped(&plan);
        let section = ActivitiesSection {
            plan_year: *plan.year(),
            title: plan.title().to_owned(),
            follow_up: *plan.follow_up(),
            groups,
            deliveries,
            funds,
            status: plan.status().clone(),
        };
        self.plan = Some(plan);
        Some(section)
    }

    /// Next year's plan: its activities without their deliverables (nothing is delivered
    /// yet), grouped and priced like this year's.
    fn next_plan_section(&mut self) -> Option<NextPlanSection> {
        let plan = self.next_plan.take()?;
        let (mut groups, funds) = self.grouped(&plan);
        for a in groups.iter_mut().flat_map(|g| g.activities.iter_mut()) {
            a.deliverables.clear();
            a.objectives.clear();
        }
        Some(NextPlanSection {
            year: *plan.year(),
            title: plan.title().to_owned(),
            status: plan.status().clone(),
            groups,
            funds,
        })
    }

    fn budget(&self) -> Option<BudgetSection> {
        let s = self.ledger?.summary();
        let title = |id: &str| {
            self.plan.as_ref().and_then(|p| {
                p.activities()
                    .iter()
                    .find(|a| a.id() == id)
                    .map(|a| a.title().to_owned())
            })
        };
        Some(BudgetSection {
            year: s.year(),
            funds: s.funds(),
            allocated: s.allocated(),
            unallocated: s.unallocated(),
            committed: s.committed(),
            spent: s.spent(),
            remaining: s.remaining(),
            overrun: s.overrun(),
            activities: s
                .activities()
                .iter()
                .map(|b| BudgetActivityRow {
                    activity: b.activity().to_string(),
                    title: title(b.activity().as_ref()),
                    allocated: b.allocated(),
                    committed: b.committed(),
                    spent: b.spent(),
                    remaining: b.remaining(),
                    overrun: b.overrun(),
                })
                .collect(),
        })
    }

    /// The whole-budget view from the overview built in [`Build::new`].
    fn whole_budget(&self) -> Option<WholeBudgetSection> {
        let o = self.whole_budget.as_ref()?;
        let row = |l: &LineUse| BudgetLineRow {
            name: l.name().to_owned(),
            allocated: l.allocated(),
            committed: l.committed(),
            spent: l.spent(),
            free: l.free(),
        };
        let totals = |t: tryghed_budget::LineTotals| BudgetLineRow {
            name: "I alt".to_owned(),
            allocated: t.allocated(),
            committed: t.committed(),
            spent: t.spent(),
            free: t.free(),
        };
        let this = o.year(self.year)?;
        Some(WholeBudgetSection {
            year: self.year,
            lines: this.lines().iter().map(row).collect(),
            total: totals(this.total()),
            period: o
                .years()
                .iter()
                .map(|y| BudgetYearRow {
                    year: y.year(),
                    booked: y.is_booked(),
                    amounts: BudgetLineRow {
                        name: y.year().to_string(),
                        ..totals(y.total())
                    },
                })
                .collect(),
            period_lines: o.lines().iter().map(row).collect(),
            period_total: totals(o.total()),
        })
    }

    fn area_section(&self) -> Option<AreaSection> {
        let area = self.area.as_ref()?;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let m2 = area.area().area_m2().round().max(0.0) as u64;
        Some(AreaSection {
            name: area.area().name().to_owned(),
            area_m2: m2,
            estates: area
                .estates()
                .iter()
                .map(|e| EstateRow {
                    name: e.name().to_owned(),
                    owner: e.owner().map(|o| {
                        // The geography names owners by party id; show the party's name.
                        self.agreement
                            .parties()
                            .get(o)
                            .map_or_else(|| o.to_owned(), |p| p.name().to_owned())
                    }),
                    homes: e.homes(),
                    outline_known: e.boundary().is_some(),
                })
                .collect(),
            credit: area
                .credit_da()
                .map_or_else(|| NO_CREDIT.to_owned(), str::to_owned),
            outline_note: self.area_note.clone(),
        })
    }

    fn sources(&self) -> Vec<SourceNote> {
        let mut out = vec![SourceNote {
            name: "Partnerskabsaftalen".into(),
            detail: format!(
                "{}: målsætninger, indsatsområder, budget og tallene fra Tryghedsundersøgelsen 2025.",
                self.agreement.title()
            ),
        }];
        let user = if self.has_user_observations {
            match &self.source_label {
                Some(l) => format!(" Øvrige tal fra {l}."),
                None => " Øvrige tal fra de angivne observationer.".into(),
            }
        } else {
            String::new()
        };
        out.push(SourceNote {
            name: "Københavns Kommunes Tryghedsundersøgelse".into(),
            detail: format!(
                "Andel trygge borgere i partnerskabsområdet{} og København.{user}",
                self.agreement
                    .district()
                    .map_or_else(String::new, |d| format!(", {d}"))
            ),
        });
        out.push(SourceNote {
            name: "Københavns Politis anmeldelsesregister".into(),
            detail: format!(
                "Anmeldelser i partnerskabsområdet per kalenderår; gerningstyperne er opgjort som sæt af gerningskoder ({}).",
                self.categories.version()
            ),
        });
        if let Some(p) = &self.plan {
            out.push(SourceNote {
                name: "Tryghedsplanen".into(),
                detail: format!(
                    "{}{}.",
                    p.title(),
                    if *p.follow_up() {
                        " med aktivitetsejernes opfølgning"
                    } else {
                        " (uden opfølgning)"
                    }
                ),
            });
        }
        if let Some(l) = self.ledger {
            out.push(SourceNote {
                name: "Regnskab".into(),
                detail: format!(
                    "Aktivitetsmidlerne {}: bevilling, disponering og forbrug.",
                    l.year()
                ),
            });
        }
        if let Some(a) = &self.area {
            out.push(SourceNote {
                name: "Kort".into(),
                detail: format!(
                    "Områdeafgrænsningen \"{}\" i EPSG:25832. {}",
                    a.area().name(),
                    a.credit_da().unwrap_or(NO_CREDIT)
                ),
            });
        }
        out
    }
}

/// What the outline is, from where the agreement's `[area]` takes it and the agreement's own
/// `[area] note` (for the embedded agreement: that the delområde is the partnership area is our
/// reading).
fn declared_outline_note(agreement: &Agreement, area: &PartnershipArea) -> String {
    let mut note = if let Some(tryghed_agreement::AreaOrigin::File { path }) =
        agreement.area_origin()
    {
        format!(
            "Afgrænsningen \"{}\" er læst fra filen {}, som aftalen angiver.",
            area.area().name(),
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )
        )
    } else {
        let group = area
            .area()
            .properties()
            .get("byomraade")
            .and_then(|v| v.as_str())
            .map_or_else(String::new, |g| format!(" (byområdet {g})"));
        format!(
            "Afgrænsningen er delområdet \"{}\"{group} i Københavns Kommunes kortlag \"Udsatte byområder\" (udgaven fra 18. juli 2023).",
            area.area().name()
        )
    };
    if let Some(own) = agreement.area_note() {
        note.push(' ');
        note.push_str(own);
    }
    note
}

/// The 95 % Wilson interval of a survey share with `n` respondents, as the goals table
/// gives it (rounded to six decimals).
fn survey_interval(share: tryghed_goals::Share, n: u64) -> Option<IntervalCell> {
    let p = tryghed_goals::Proportion::new(share, n).ok()?;
    let i = tryghed_goals::wilson_interval(p, 0.95).ok()?;
    Some(IntervalCell {
        lower: to_dec6(i.lower()),
        upper: to_dec6(i.upper()),
        confidence: to_dec6(i.confidence()),
    })
}

/// "a", "a og b", "a, b og c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tryghed_goals::{Observation, Share};

    fn y(year: i32) -> Year {
        Year::new(year).unwrap()
    }

    fn next_plan(year: i32) -> PlanInput {
        let activity = ActivityRow::new(
            "vandring",
            "Eksempel: Tryghedsvandring",
            "tryggere-byrum",
            "Boligforeningen 3B",
            vec!["Københavns Politi".into()],
        )
        .unwrap()
        .with_budget(tryghed_budget::Dkk::from_kroner(25_000).unwrap())
        .unwrap();
        PlanInput::new(y(year), "Eksempel: Tryghedsplan", false, vec![activity]).unwrap()
    }

    #[test]
    fn next_years_plan_is_for_the_year_after_the_report() {
        let a = Agreement::folehaven();
        let report = ReportBuilder::new(&a)
            .year(y(2026))
            .next_plan(next_plan(2027))
            .build()
            .unwrap();
        let section = report.next_plan().as_ref().unwrap();
        assert_eq!(section.year(), &y(2027));
        assert_eq!(section.activities().count(), 1);
        let funds = section.funds().as_ref().unwrap();
        assert_eq!(
            funds.funds(),
            &tryghed_budget::Dkk::from_kroner(1_050_000).unwrap()
        );
        assert!(report.example().is_some(), "its title marks the report");
        assert!(
            !report.missing().iter().any(|m| m.contains("2027")),
            "{:?}",
            report.missing()
        );
        for wrong in [2026, 2028] {
            let err = ReportBuilder::new(&a)
                .year(y(2026))
                .next_plan(next_plan(wrong))
                .build()
                .unwrap_err();
            assert!(
                matches!(err, ReportError::NextPlanYear { plan, report } if plan == y(wrong) && report == y(2026)),
                "{err}"
            );
        }
        // After the agreement period there is no plan to give, and none is missing.
        let last = ReportBuilder::new(&a)
            .year(y(2029))
            .next_plan(next_plan(2030))
            .build()
            .unwrap_err();
        assert!(matches!(last, ReportError::InvalidInput { .. }), "{last}");
        let last = ReportBuilder::new(&a).year(y(2029)).build().unwrap();
        assert!(!last.missing().iter().any(|m| m.contains("2030")));
    }

    #[test]
    fn a_report_with_deviations_and_next_years_plan_reads_back_equal() {
        let a = Agreement::folehaven();
        let lamps = crate::DeliverableRow::new("Eksempel: lamper", Delivery::NotDelivered, None)
            .unwrap()
            .with_due(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
            .with_deviation(
                Some("Eksempel: forsinket".into()),
                Some("Eksempel: nyt tilbud".into()),
                chrono::NaiveDate::from_ymd_opt(2027, 4, 30),
            )
            .unwrap();
        let objective =
            crate::ObjectiveRow::new("Eksempel: job", crate::Achievement::NotAchieved, None)
                .unwrap()
                .with_deviation(None, Some("Eksempel: mentor".into()))
                .unwrap();
        let activity = ActivityRow::new("lys", "Eksempel: Lys", "tryggere-byrum", "3B", vec![])
            .unwrap()
            .with_deliverables(vec![lamps])
            .with_objectives(vec![objective]);
        let status = crate::PlanStatusRow::approved(
            chrono::NaiveDate::from_ymd_opt(2026, 2, 24).unwrap(),
            "styregruppe",
        )
        .unwrap();
        let plan = PlanInput::new(y(2026), "Eksempel: plan", true, vec![activity])
            .unwrap()
            .with_status(status.clone());
        let report = ReportBuilder::new(&a)
            .year(y(2026))
            .plan(plan)
            .next_plan(next_plan(2027).with_status(crate::PlanStatusRow::draft()))
            .build()
            .unwrap();
        let section = report.activities().as_ref().unwrap();
        assert_eq!(section.deviations().len(), 1);
        assert_eq!(section.objective_deviations().len(), 1);
        assert_eq!(section.status().as_ref(), Some(&status));
        let json = crate::render_json(&report).unwrap();
        let back: StatusReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn a_missing_next_plan_is_named_like_the_other_inputs() {
        let a = Agreement::folehaven();
        let report = ReportBuilder::new(&a).year(y(2026)).build().unwrap();
        assert!(
            report
                .missing()
                .iter()
                .any(|m| m.starts_with("Tryghedsplanen for 2027 er ikke angivet")),
            "{:?}",
            report.missing()
        );
        assert!(report.next_plan().is_none());
    }

    #[test]
    fn join_and_is_danish() {
        assert_eq!(join_and(&[]), "");
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a og b");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b og c");
    }

    #[test]
    fn merge_accepts_equal_and_refuses_contradictions() {
        let a = Agreement::folehaven();
        let mut base = a.observations().clone();
        let mut same = Observations::new();
        same.insert(
            Observation::share(
                "tryg-i-nabolaget".parse().unwrap(),
                AreaId::partnership(),
                Year::new(2025).unwrap(),
                Share::new(77, 100).unwrap(),
                Some(300),
            )
            .unwrap(),
        )
        .unwrap();
        base = base.merged_with(&same, |_| true).unwrap();
        assert_eq!(base.len(), 6);
        let o = base
            .get(
                &"tryg-i-nabolaget".parse().unwrap(),
                &AreaId::partnership(),
                Year::new(2025).unwrap(),
            )
            .unwrap();
        assert_eq!(o.respondents(), Some(300));
        let mut other = Observations::new();
        other
            .insert(
                Observation::share(
                    "tryg-i-nabolaget".parse().unwrap(),
                    AreaId::partnership(),
                    Year::new(2025).unwrap(),
                    Share::new(78, 100).unwrap(),
                    None,
                )
                .unwrap(),
            )
            .unwrap();
        let err = base.merged_with(&other, |_| true).unwrap_err().to_string();
        assert!(err.contains("contradicts"), "{err}");
    }
}
