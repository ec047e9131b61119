//! [`skeleton`]: a commented, empty plan for a year, to start from.

use crate::Year;
use std::fmt::Write as _;

use crate::{PlanContext, PlanError};

/// A plan file for `year` with no activities: a template with Danish comments that lists the
/// agreement's focus areas, parties and the year's activity funds, and shows (commented out)
/// the approval, a revision and the shape of one activity. It reads as a valid draft plan with
/// one warning (no activities).
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
         # Skrevet af `tryghed plan new`. Formatet er beskrevet i dokumentationen til\n\
         # tryghed-plan (crates/plan/docs/format.md). Kontrollér planen med\n\
         # `tryghed plan check <fil>`, før den går til styregruppen.\n\
         #\n\
         # Aftalens regler: hver aktivitet hører til et af indsatsområderne nedenfor og har en\n\
         # ansvarlig part fra listen nedenfor; budgetterne holder sig tilsammen inden for årets\n\
         # aktivitetsmidler; mindst 75 % af aktiviteterne involverer to eller flere\n\
         # samarbejdspartnere (den ansvarlige part og dens samarbejdspartnere, i eller uden for\n\
         # området, hver talt én gang).\n\
         #\n\
         # Indsatsområder (focus_area):\n",
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
    out.push_str("#\n# Parter (responsible, partners):\n");
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
            let _ = writeln!(out, "#\n# Aktivitetsmidler {year}: {funds}");
        }
        None => {
            let _ = writeln!(
                out,
                "#\n# Aktivitetsmidler {year}: kendes ikke i aftalens data"
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
         status = \"draft\"                # \"draft\" (udkast), \"approved\" (godkendt) eller \"revised\" (revideret)\n\
         \n\
         # Når planen er godkendt: skriv status = \"approved\", og fjern \"# \" her.\n\
         # [approval]\n\
         # date = {year}-02-15\n\
         # body = \"styregruppe\"\n\
         #\n\
         # Hvis planen revideres i løbet af året: skriv status = \"revised\", og ét afsnit pr. revision.\n\
         # [[revisions]]\n\
         # date = {year}-06-15\n\
         # reason = \"…\"\n\
         \n\
         # Kopiér denne blok for hver aktivitet, og fjern \"# \" foran linjerne.\n\
         # Id'erne vælger I selv (a-z, 0-9 og '-').\n\
         #\n\
         # [[activities]]\n\
         # id = \"…\"\n\
         # title = \"…\"\n\
         # description = \"…\"\n\
         # focus_area = \"{first_area}\"\n\
         # responsible = \"{first_party}\"\n\
         # partners = [\"…\", {{ name = \"…\", located = \"inside\" }}]   # samarbejdspartnere\n\
         # budget = \"0 kr.\"\n\
         # status = \"planned\"            # planned, ongoing, completed eller cancelled\n\
         # indicators = []\n\
         #\n\
         # [[activities.deliverables]]   # leverancer: hvad, og hvornår\n\
         # id = \"…\"\n\
         # what = \"…\"\n\
         # due = {year}-12-31\n\
         #\n\
         # [[activities.objectives]]     # målsætninger for aktiviteten\n\
         # id = \"…\"\n\
         # what = \"…\"\n"
    );
    Ok(out)
}
