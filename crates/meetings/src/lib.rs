//! The meeting log (mødelog) of a Copenhagen safety partnership, checked against the
//! agreement's organisation.
//!
//! The agreement of a tryghedspartnerskab says how its bodies meet: for Folehaven the
//! styregruppe "mødes efter behov, dog mindst én gang årligt" and has a representative of every
//! deltager, the arbejdsgruppe "mødes 8-10 gange årligt" with every forvaltning and partner, and
//! the projektleder is the arbejdsgruppe's tovholder. This crate reads the projektleder's
//! yearly log of those meetings (a TOML file: date, body, attendees per party, chair, decisions,
//! follow-up actions; see [`format`](mod@format)), checks it against a [`MeetingContext`] built from the
//! agreement with [`tryghed_parties::Governance::check`] underneath, and reports **every**
//! problem at once as a [`Diagnostic`] with file, line, column and field, telling the
//! agreement's requirements (errors) from what it calls *væsentligt* (warnings), in Danish and
//! quoting the agreement. It also sums a year up ([`MeetingsSummary`]: meetings held and
//! planned per body against the rule, attendance per party, decisions and actions) for the
//! status report, and writes a commented skeleton for a new year ([`skeleton`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use tryghed_meetings::{Cadence, CheckOptions, MeetingContext, check_meetings};
//! use tryghed_parties::{
//!     Body, BodyKind, Governance, MeetingRule, Parties, Party, PartyKind, Post,
//! };
//! use tryghed_parties::Year;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // What the agreement says (normally `Agreement::meeting_context()` in tryghed-agreement).
//! let kk = "kk".parse()?;
//! let parties = Parties::new(vec![
//!     Party::new(kk, "Københavns Kommune", PartyKind::Municipality)?,
//!     Party::new("okf".parse()?, "Økonomiforvaltningen", PartyKind::Administration)?
//!         .with_parent("kk".parse()?)?,
//!     Party::new("politi".parse()?, "Københavns Politi", PartyKind::Police)?,
//! ])?;
//! let governance = Governance::new(vec![Body::new(
//!     "arbejdsgruppe".parse()?,
//!     BodyKind::WorkingGroup,
//!     "Arbejdsgruppe",
//! )?])?
//! .with_meeting_rule(
//!     MeetingRule::new(BodyKind::WorkingGroup, 8, Some(10))?
//!         .with_wording("Arbejdsgruppen mødes 8-10 gange årligt.")?,
//! )?
//! .with_post(Post::new("projektleder", "okf".parse()?)?.leading(BodyKind::WorkingGroup));
//! let context = MeetingContext::new(Year::new(2026)?..=Year::new(2029)?, parties, governance)?;
//!
//! let text = r#"
//! year = 2026
//!
//! [[meetings]]
//! body = "arbejdsgruppe"
//! date = 2026-01-15
//! chair = "politi"
//! attendees = ["okf", "politi"]
//! decisions = ["Eksempel: tryghedsplanen sendes til styregruppen"]
//! "#;
//! // Checked in January 2027: 2026 is over, and one meeting is fewer than eight.
//! let as_of = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
//! let check = check_meetings(text, "møder-2026.toml", &context, CheckOptions::new(as_of));
//! for diagnostic in check.diagnostics() {
//!     println!("{diagnostic}");
//! }
//! let messages: Vec<&str> = check.diagnostics().iter().map(|d| d.message()).collect();
//! assert_eq!(
//!     messages,
//!     [
//!         "arbejdsgruppen holdt 1 møde i 2026; aftalen kræver mindst 8",
//!         "Arbejdsgruppens møde den 2026-01-15 blev ledet af Københavns Politi (politi), \
//!          men projektleder (Økonomiforvaltningen (okf)) er tovholder",
//!     ]
//! );
//! let summary = check.summary().ok_or("no summary")?;
//! assert_eq!(summary.bodies()[0].cadence(), Cadence::TooFew);
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! - `serde`: `Serialize` for the public types (the log, the check with its diagnostics, the
//!   summary), for services and `tryghed meetings check --format json`; `Deserialize` for
//!   [`MeetingsSummary`] (with [`YearState`] and [`Cadence`]), its derived facts recomputed
//!   and checked on the way in. A log is read from its file with [`check_meetings`].
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod check;
mod context;
mod error;
mod log;
mod names;
mod read;
mod schema;
mod skeleton;
mod summary;

#[doc = include_str!("../docs/format.md")]
pub mod format {}

pub use check::{CheckOptions, MeetingCheck, check_meetings};
pub use context::MeetingContext;
pub use error::MeetingsError;
pub use log::{Action, Attendee, MeetingLog, MeetingRecord};
pub use schema::meetings_schema;
pub use skeleton::skeleton;
pub use summary::{
    ActionItem, BodySummary, Cadence, Decision, MeetingsSummary, PartyAttendance, YearState,
};
/// The year types of this crate's API, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{Year, YearError, Years};
pub use tryghed_diagnostics::{Diagnostic, Location, Severity};
