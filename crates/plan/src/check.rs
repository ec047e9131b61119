//! [`check_plan`]: read a plan file and validate it against the agreement in one step.

use std::fmt::Write as _;

use crate::parse::parse;
use crate::validate::validate;
use crate::{BudgetUse, Collaboration, Diagnostic, Plan, PlanContext, PlanError, Severity};

/// The result of [`check_plan`]: every problem with its place, and what could be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlanCheck {
    origin: String,
    valid: bool,
    diagnostics: Vec<Diagnostic>,
    budget: Option<BudgetUse>,
    collaboration: Option<Collaboration>,
    #[cfg_attr(feature = "serde", serde(skip))]
    plan: Option<Plan>,
}

impl PlanCheck {
    /// Whether the plan keeps the agreement: no diagnostic is an error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// The file name given to [`check_plan`].
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Every error and warning, in file order (by line and column).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// The budget total against the activity funds, when the year and every activity's budget
    /// could be read.
    pub fn budget(&self) -> Option<&BudgetUse> {
        self.budget.as_ref()
    }

    /// The collaboration count, when every activity's responsible party and partners could be
    /// read.
    pub fn collaboration(&self) -> Option<&Collaboration> {
        self.collaboration.as_ref()
    }

    /// The plan, when every field of the file could be read (it may still break the
    /// agreement's rules: see [`PlanCheck::is_valid`]).
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_ref()
    }

    /// Every diagnostic in the style of rustc, quoting `source` (the checked text), followed
    /// by a line counting errors and warnings.
    pub fn render(&self, source: &str) -> String {
        let mut out = crate::render_all(&self.diagnostics, source);
        if !out.is_empty() {
            out.push('\n');
        }
        let (errors, warnings) = (self.error_count(), self.warning_count());
        let counts = format!(
            "{errors} fejl, {warnings} {}",
            if warnings == 1 {
                "advarsel"
            } else {
                "advarsler"
            }
        );
        if self.valid {
            let _ = writeln!(
                out,
                "{}: tryghedsplanen overholder aftalen ({counts})",
                self.origin
            );
        } else {
            let _ = writeln!(
                out,
                "fejl: {} overholder ikke aftalen ({counts})",
                self.origin
            );
        }
        out
    }
}

/// Reads the plan file `text` (named `origin` in messages, e.g. its path) and validates it
/// against `context`, reporting every problem at once with its line, column and field.
///
/// A file that is not TOML, or whose top level has the wrong shape (`year` not an integer,
/// `activities` not an array of tables, an unknown key), stops at that first
/// problem, as a compiler stops at a syntax error. Inside an activity or deliverable every
/// field is read on its own: a value that cannot be read (an unknown key, a value of the wrong
/// TOML type, an id with a capital letter, a budget of 1,505 kr., a date that is not one) is
/// reported at its place, and every rule of [`Plan::validate`] about one field still runs on
/// all the fields that could be read (known focus area and parties, unique ids, deliverable
/// dates within the year, known indicators). Only the checks over all activities need every
/// activity's value: the budget total is skipped when the year or some budget cannot be read,
/// the collaboration rule when some responsible party or partner cannot be read, each with a
/// warning naming those fields, rather than computed on part of the plan.
///
/// # Examples
///
/// ```
/// # use std::collections::BTreeMap;
/// # use tryghed_budget::Dkk;
/// # use tryghed_parties::{Parties, Party, PartyKind};
/// # use tryghed_plan::{FocusArea, PlanContext, Year, check_plan};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let parties = Parties::new(vec![
/// #     Party::new("3b".parse()?, "Boligforeningen 3B", PartyKind::HousingAssociation)?,
/// # ])?;
/// # let areas = vec![FocusArea::new("kommunikation".parse()?, "Kommunikation")?];
/// # let funds = BTreeMap::from([(Year::new(2026)?, Dkk::from_kroner(1_050_000)?)]);
/// # let context = PlanContext::new(Year::new(2026)?..=Year::new(2029)?, &parties, areas, funds)?;
/// let text = r#"
/// year = 2026
///
/// [[activities]]
/// id = "nyhedsbrev"
/// title = "Nyhedsbrev"
/// focus_area = "kommunikation"
/// responsible = "3b"
/// partners = ["politii"]
/// budget = 10000
/// "#;
/// let check = check_plan(text, "plan.toml", &context);
/// assert!(!check.is_valid());
/// let unknown = check.diagnostics().iter().find(|d| d.is_error()).ok_or("no error")?;
/// assert_eq!(unknown.field(), "activities[0].partners[0]");
/// assert_eq!(unknown.location().map(|l| (l.line(), l.column())), Some((9, 13)));
/// # Ok(())
/// # }
/// ```
#[must_use = "the check finds problems only for those who read them"]
pub fn check_plan(text: &str, origin: &str, context: &PlanContext) -> PlanCheck {
    let parsed = parse(text, origin);
    let mut diagnostics = parsed.diagnostics;
    let mut budget = None;
    let mut collaboration = None;
    if let Some(partial) = &parsed.partial {
        let found = validate(partial, context);
        for (site, diagnostic) in found.diagnostics {
            let mut diagnostic = diagnostic.with_field(site.field());
            if let Some(span) = parsed.spans.span(site) {
                diagnostic = diagnostic.with_location(crate::Location::from_span_indexed(
                    origin,
                    text,
                    &parsed.lines,
                    span,
                ));
            }
            diagnostics.push(diagnostic);
        }
        budget = found.budget;
        collaboration = found.collaboration;
    }
    let plan = parsed.plan;
    diagnostics.sort_by(|a, b| a.location().cmp(&b.location()));
    PlanCheck {
        origin: origin.to_owned(),
        valid: !diagnostics.iter().any(Diagnostic::is_error),
        diagnostics,
        budget,
        collaboration,
        plan,
    }
}

impl Plan {
    /// Reads a plan from the text of a plan file, without checking it against an agreement.
    ///
    /// # Errors
    ///
    /// [`PlanError::Invalid`] listing every problem of reading (not TOML, wrong shape, values
    /// that are not ids, amounts or dates, missing fields), each with line and column.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_plan::{Plan, Year};
    ///
    /// let plan = Plan::from_toml_str("year = 2026\n")?;
    /// assert_eq!(plan.year(), Year::new(2026)?);
    /// assert!(plan.activities().is_empty());
    /// assert!(Plan::from_toml_str("year = \"2026\"\n").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Plan, PlanError> {
        Plan::parse_toml(text, "<string>")
    }

    /// As [`Plan::from_toml_str`], naming the text `origin` (e.g. its path) in locations.
    ///
    /// # Errors
    ///
    /// As [`Plan::from_toml_str`].
    pub fn parse_toml(text: &str, origin: &str) -> Result<Plan, PlanError> {
        let parsed = parse(text, origin);
        match parsed.plan {
            Some(plan) if parsed.diagnostics.is_empty() => Ok(plan),
            _ => Err(PlanError::Invalid {
                origin: origin.to_owned(),
                diagnostics: parsed.diagnostics,
            }),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Plan {
    /// Reads the shape of the plan file (from TOML, JSON or any self-describing format),
    /// with the same checks as [`Plan::from_toml_str`]; dates may be strings `"2026-06-30"`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = toml::Value::deserialize(deserializer)?;
        let text = toml::to_string(&value).map_err(D::Error::custom)?;
        Plan::parse_toml(&text, "<serde>").map_err(D::Error::custom)
    }
}
