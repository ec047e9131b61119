//! The annual status (årlig status) of a Copenhagen safety partnership for Økonomiudvalget:
//! built as a typed [`StatusReport`], then rendered as Markdown, one self-contained HTML page
//! with charts and a map, or JSON.
//!
//! Once a year the partnership reports to Økonomiudvalget together with the publication of
//! Københavns Kommunes Tryghedsundersøgelse: the status of each goal, the monitored crime
//! types, the year's activities and what they delivered. [`ReportBuilder`] builds that report
//! from the agreement ([`tryghed_agreement::Agreement`]), the year, the observations
//! ([`tryghed_goals::Observations`]), the year's plan and follow-up ([`PlanInput`]) and the
//! ledger of the activity funds ([`tryghed_budget::Ledger`]). Only the agreement is required:
//! whatever is missing is said plainly in the report ([`StatusReport::missing`]), and nothing
//! unknown is reported as met.
//!
//! # Example
//!
//! ```
//! use tryghed_agreement::Agreement;
//! use tryghed_report::{ReportBuilder, render_markdown, Year};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The embedded Folehaven agreement with its own 2025 figures, nothing else.
//! let agreement = Agreement::folehaven();
//! let report = ReportBuilder::new(&agreement).year(Year::new(2026)?).build()?;
//!
//! let markdown = render_markdown(&report)?;
//! assert!(markdown.starts_with("# Status 2026: Folehaven Tryghedspartnerskab 2026–2029"));
//! assert!(markdown.contains("77 %"));                // the 2025 baseline from the agreement
//! assert!(markdown.contains("Mangler i grundlaget")); // and what the 2026 status still needs
//! # Ok(())
//! # }
//! ```
//!
//! # Contents, in order
//!
//! 1. **Summary**: one line per goal, its status and why ([`StatusReport::summary`]).
//! 2. **Goals table**: indicator, baseline, value, Valby and København, target rule, status,
//!    and for survey shares the 95 % Wilson interval and whether the change from the year
//!    before is significant ([`StatusReport::goals`]).
//! 3. **Crime**: the categories with targets and the monitored ones (chikane, hærværk,
//!    narkotika, trusler), counts per calendar year and their trend ([`StatusReport::crime`]).
//! 4. **Activities** of the tryghedsplan by focus area with their deliverables and the plan's
//!    status ([`StatusReport::activities`]), then the **deviations** (afvigelser): every
//!    deliverable delivered in part or not delivered, with the follow-up's reason, action and
//!    new deadline ([`ActivitiesSection::deviations`], [`DeliverableRow::with_deviation`]),
//!    and every objective (målsætning) achieved in part or not achieved
//!    ([`ActivitiesSection::objective_deviations`]).
//! 5. **Collaboration**: the share of activities with two or more partners against the
//!    agreement's 75 %, compared exactly in integers ([`StatusReport::collaboration`]).
//! 6. **Budget use** when a ledger is given ([`StatusReport::budget`]).
//! 7. **Next year's tryghedsplan** when given ([`ReportBuilder::next_plan`],
//!    [`StatusReport::next_plan`]): its status, activities and budget.
//! 8. **Area, data sources and caveats**: pending baselines, survey margins, unknown estate
//!    outlines, unverified offence codes, and every missing input.
//!
//! # Years
//!
//! The report's year is the year of the Tryghedsundersøgelse it goes with; the crime figures
//! are those of the calendar year before ([`tryghed_goals::crime_year_reported_in`]). The 2026
//! report shows the 2026 survey and the crime of 2025.
//!
//! # Formats
//!
//! - [`render_markdown`]: Danish Markdown with tables, for documents and e-mail.
//! - [`render_html`]: one self-contained HTML page (inline CSS and SVG, no scripts, no
//!   external assets) for the screen, the phone and A4 paper: a print stylesheet with page
//!   numbers and a running footer (title, year, date of issue, sender), a `<caption>` and
//!   scoped headers on every table. Its figures are small SVG panels the crate writes itself:
//!   (a) the share of safe residents over the years with 95 % intervals against Valby and
//!   København, with a dashed guide line labelled "jævn fremskrivning til københavnerniveau,
//!   ikke aftalens mål" (a guide, never a verdict); (b) crime against the baseline, rates
//!   plotted as rates, a year whose count is hidden marked as such and not drawn; (c) a map of
//!   the area outline in EPSG:25832 metres, true to scale, north up, with the neighbouring
//!   udsatte byområder of the embedded city layer, a scale bar, the data credit and the
//!   estates whose outlines are known. Every chart has a `<title>`, a `<desc>` giving its
//!   published values in words and a data table in `<details>`. Templates are minijinja with
//!   HTML auto-escaping.
//! - [`render_json`]: the serde form of [`StatusReport`] (the published form, or the exact figures
//!   stamped confidential); it reads back into an equal report.
//!
//! All printed numbers are Danish: `77 %`, `45,3`, `1.467.000,00 kr.`.
//!
//! # Statistical disclosure control (diskretionering)
//!
//! Every count of police reports in the report goes through `tryghed-disclosure` once, when
//! the report is built, and every section reads it from there: a [`Count`] of the published
//! report is a [`tryghed_disclosure::PublishedCount`], which keeps no value below
//! [`ReportOptions::suppression_threshold`] (default 5, 0 included). Nothing derived from a
//! hidden count is published: no rate, change, trend or chart point, no status that bounds it
//! ([`ReportStatus::Withheld`]), no sentence written from it; baselines set by an amendment and
//! comparison areas are counts like any other; where a total and its parts are shown, more
//! cells are hidden (complementary suppression) so that subtraction recovers nothing. The rules,
//! their reasons and a worked example: `docs/report.md`, "Diskretionering".
//!
//! ```
//! use tryghed_agreement::Agreement;
//! use tryghed_goals::{AreaId, Observation, Observations};
//! use tryghed_report::{ReportBuilder, ReportOptions, render_json, render_markdown, Year};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut obs = Observations::new();
//! obs.insert(Observation::count("indbrud".parse()?, AreaId::partnership(), Year::new(2025)?, 3)?)?;
//! let agreement = Agreement::folehaven();
//!
//! let report = ReportBuilder::new(&agreement).year(Year::new(2026)?).observations(obs.clone(), None).build()?;
//! assert!(render_markdown(&report)?.contains("| Indbrud (kodeliste: offentlige analyser, ikke politiets gruppering) | < 5 |"));
//! // The published JSON has no value for it either.
//! assert!(render_json(&report)?.contains(r#""status": "suppressed""#));
//!
//! // Exact figures only when asked for: JSON only, stamped.
//! let exact = ReportBuilder::new(&agreement)
//!     .year(Year::new(2026)?)
//!     .observations(obs, None)
//!     .options(ReportOptions::default().unsuppressed())
//!     .build()?;
//! assert!(render_json(&exact)?.contains("fortroligt – ikke til offentliggørelse"));
//! assert!(render_markdown(&exact).is_err());
//! # Ok(())
//! # }
//! ```
//!
//! # Cargo features
//!
//! This crate has no optional features: serde is always on because the JSON form is one of
//! its outputs.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod build;
mod cells;
mod charts;
mod error;
mod fmt;
mod model;
mod render;
mod svg;
mod view;

pub use build::{ReportBuilder, is_example_marker};
pub use error::ReportError;
pub use model::{
    Achievement, ActivitiesSection, ActivityRow, AreaSection, AreaSeries, BaselineCell,
    BaselineFixing, BaselineRow, BaselineTable, BudgetActivityRow, BudgetLineRow, BudgetSection,
    BudgetYearRow, ChangeCell, CodeList, CollaborationRow, Count, CountPoint, CrimeRow,
    DeliverableRow, Delivery, DeliveryCounts, EstateRow, Figure, FocusGroup, GoalRow, Guide,
    IntervalCell, NextPlanSection, ObjectiveRow, OrganisationAction, OrganisationAttendance,
    OrganisationBody, OrganisationDecision, OrganisationFinding, OrganisationSection, PlanFunds,
    PlanInput, PlanRevision, PlanStage, PlanStatusRow, Reference, ReportOptions, ReportStatus,
    SharePoint, SignificanceCell, SourceNote, StatusReport, SummaryLine, SurveySeries, Trend,
    WholeBudgetSection,
};
pub use render::{render_html, render_html_with_area, render_json, render_markdown};
/// The year type of the report's API, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{Year, YearError};
