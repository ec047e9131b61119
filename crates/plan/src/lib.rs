//! The yearly tryghedsplan of a Copenhagen safety partnership, checked against its agreement.
//!
//! Every year the arbejdsgruppe writes a tryghedsplan: the activities (aktiviteter) of the
//! year, each placed in one of the agreement's focus areas (indsatsområder), owned by a party,
//! with its partners (samarbejdspartnere), its share of the activity funds and its
//! deliverables (leverancer). Before the plan goes to the styregruppe the project leader needs
//! to know that it keeps the agreement. This crate reads the plan file (TOML, described in
//! [`format`](mod@format), with a JSON Schema from [`plan_schema`]), validates it against a
//! [`PlanContext`] built from the agreement, and reports **every** problem at once as a
//! [`Diagnostic`] with file, line, column and field. It also reads the year's follow-up
//! (opfølgning, [`FollowUp`]) and sums plans and follow-ups up ([`PlanSummary`],
//! [`FollowUpSummary`]).
//!
//! ```
//! use std::collections::BTreeMap;
//! use tryghed_budget::Dkk;
//! use tryghed_parties::{Parties, Party, PartyKind};
//! use tryghed_plan::{FocusArea, PlanContext, check_plan, Year};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // What the agreement says (normally `Agreement::plan_context()` in tryghed-agreement).
//! let parties = Parties::new(vec![
//!     Party::new("3b".parse()?, "Boligforeningen 3B", PartyKind::HousingAssociation)?,
//!     Party::new("politi".parse()?, "Københavns Politi", PartyKind::Police)?,
//! ])?;
//! let areas = vec![FocusArea::new("tryggere-byrum".parse()?, "Tryggere byrum")?];
//! let funds = BTreeMap::from([(Year::new(2026)?, Dkk::from_kroner(1_050_000)?)]);
//! let context = PlanContext::new(Year::new(2026)?..=Year::new(2029)?, &parties, areas, funds)?;
//!
//! let text = r#"
//! year = 2026
//!
//! [[activities]]
//! id = "tryghedsvandring"
//! title = "Tryghedsvandring"
//! focus_area = "tryggere-byrum"
//! responsible = "3b"
//! partners = ["politi", { name = "Valby Lokaludvalg", located = "outside" }]
//! budget = "25.000 kr."
//!
//! [[activities.deliverables]]
//! id = "rapport"
//! what = "Rapport med forslag til belysning"
//! due = 2026-11-30
//! "#;
//! let check = check_plan(text, "tryghedsplan-2026.toml", &context);
//! for diagnostic in check.diagnostics() {
//!     println!("{diagnostic}");
//! }
//! assert!(check.is_valid());
//! let budget = check.budget().ok_or("budget not computed")?;
//! assert_eq!(budget.remainder(), Some(Dkk::from_kroner(1_025_000)?));
//! assert!(check.collaboration().is_some_and(|c| c.is_met()));
//! # Ok(())
//! # }
//! ```
//!
//! # The rules
//!
//! [`Plan::validate`] lists them; in short: the year lies in the agreement period, every focus
//! area and party is the agreement's, ids are unique, the budget total is within the year's
//! activity funds, and at least 75 % of the activities involve two or more partners, counted
//! exactly as described at [`Collaboration`].
//!
//! # Features
//!
//! - `serde`: `Serialize` for the public types and `Deserialize` for [`Plan`] and
//!   [`FollowUp`] in the shape of their files (validated on the way in, like the files).
//!   Reading the files themselves needs no feature.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod check;
mod context;
mod error;
mod focus;
mod follow_up;
mod follow_up_check;
mod parse;
mod partial;
mod plan;
mod site;
mod skeleton;
mod summary;
mod validate;

#[doc = include_str!("../docs/format.md")]
pub mod format {}

pub use check::{PlanCheck, check_plan};
pub use context::PlanContext;
pub use error::PlanError;
pub use focus::{FocusArea, FocusAreaId};
pub use follow_up::{
    DeliverableReport, DeliveryStatus, Deviation, DeviationItem, FollowUp, FollowUpSummary,
    ObjectiveReport, ObjectiveStatus, ObjectiveTally, Tally,
};
pub use follow_up_check::{FollowUpCheck, check_follow_up, follow_up_schema};
pub use parse::plan_schema;
pub use plan::{
    Activity, ActivityStatus, Approval, Deliverable, DeliverableId, ExternalPartner, Locality,
    Objective, ObjectiveId, Partner, Plan, PlanStatus, Revision,
};
pub use skeleton::skeleton;
pub use summary::{FocusAreaSummary, PlanSummary};
/// The shared types this crate's API uses, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{ParseYearError, SlugError, SlugProblem, Year, YearError, Years};
pub use tryghed_diagnostics::{Diagnostic, Location, Severity, render_all};
pub use validate::{BudgetUse, Collaboration};
