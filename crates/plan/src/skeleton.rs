//! [`skeleton`]: a commented, empty plan for a year, to start from.

use crate::Year;
use std::fmt::Write as _;

use crate::{PlanContext, PlanError};

/// A plan file for `year` with no activities: a commented template that lists the
/// agreement's focus areas, parties and the year's activity funds, and shows (commented out)
/// the shape of one activity. It reads as a valid plan with one warning (no activities).
///
/// # Errors
///
/// [`PlanError::YearOutsidePeriod`] when `year` lies outside the agreement period.
///
/// # Examples
///
/// ```
/// # use std::collections::BTreeMap;
/// # use tryghed_parties::Parties;
/// # use tryghed_plan::{FocusArea, Plan, PlanContext, Year, skeleton};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let areas = vec![FocusArea::new("kommunikation".parse()?, "Kommunikation")?];
/// # let context = PlanContext::new(Year::new(2026)?..=Year::new(2029)?, &Parties::new(vec![])?, areas, BTreeMap::new())?;
/// let text = skeleton(Year::new(2027)?, &context)?;
/// assert!(text.contains("#   kommunikation"));
/// assert!(Plan::from_toml_str(&text)?.activities().is_empty());
/// assert!(skeleton(Year::new(2030)?, &context).is_err());
/// # Ok(())
/// # }
/// ```
pub fn skeleton(year: Year, context: &PlanContext) -> Result<String, PlanError> {
    if !context.years().contains(year) {
        return Err(PlanError::YearOutsidePeriod {
            year,
            first: context.first_year(),
            last: context.last_year(),
        });
    }
    let mut out = String::new();
    let _ = writeln!(out, "# Tryghedsplan {year}");
    out.push_str(
        "#\n\
         # Written by `tryghed plan new`. The format is described in docs/plan-format.md.\n\
         # Check the plan with `tryghed plan check <file>` before it goes to the styregruppe.\n\
         #\n\
         # The rules of the agreement: every activity lies in one of the focus areas below and\n\
         # has a responsible party from the list below; the budgets together stay within the\n\
         # year's activity funds; at least 75 % of the activities involve two or more partners\n\
         # (the responsible party and its partners, inside or outside the area, each counted once).\n\
         #\n\
         # Focus areas (focus_area):\n",
    );
    let width = context
        .focus_areas()
        .iter()
        .map(|a| a.id().as_str().len())
        .max()
        .unwrap_or(0);
    for area in context.focus_areas() {
        let _ = writeln!(out, "#   {:<width$}  {}", area.id().as_str(), area.name());
    }
    out.push_str("#\n# Parties (responsible, partners):\n");
    let width = context
        .party_ids()
        .map(|id| id.as_str().len())
        .max()
        .unwrap_or(0);
    for id in context.party_ids() {
        let name = context.party_name(id).unwrap_or_default();
        let _ = writeln!(out, "#   {:<width$}  {name}", id.as_str());
    }
    match context.activity_funds(year) {
        Some(funds) => {
            let _ = writeln!(out, "#\n# Activity funds {year}: {funds}");
        }
        None => {
            let _ = writeln!(
                out,
                "#\n# Activity funds {year}: not known to the agreement data"
            );
        }
    }
    let first_area = context
        .focus_areas()
        .first()
        .map_or("…", |a| a.id().as_str());
    let first_party = context.party_ids().next().map_or("…", |id| id.as_str());
    let _ = write!(
        out,
        "\nyear = {year}\n\
         \n\
         # Copy this block once per activity and remove the leading \"# \".\n\
         # The ids are yours to choose (a-z, 0-9 and '-').\n\
         #\n\
         # [[activities]]\n\
         # id = \"…\"\n\
         # title = \"…\"\n\
         # description = \"…\"\n\
         # focus_area = \"{first_area}\"\n\
         # responsible = \"{first_party}\"\n\
         # partners = [\"…\", {{ name = \"…\", located = \"inside\" }}]\n\
         # budget = \"0 kr.\"\n\
         # status = \"planned\"\n\
         # indicators = []\n\
         #\n\
         # [[activities.deliverables]]\n\
         # id = \"…\"\n\
         # what = \"…\"\n\
         # due = {year}-12-31\n"
    );
    Ok(out)
}
