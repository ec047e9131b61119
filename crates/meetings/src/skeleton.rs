//! [`skeleton`]: a commented, empty meeting log for a year, to start from.

use crate::Year;
use std::fmt::Write as _;

use tryghed_parties::BodyKind;

use crate::names::{definite, quoted};
use crate::{MeetingContext, MeetingsError};

/// A meeting log for `year` with no meetings: a template with Danish comments that lists the
/// agreement's rules for the meetings (in its own words, when the data has them), the parties'
/// ids and, commented out, the shape of one meeting. It reads as a valid log with one warning
/// (no meetings).
///
/// # Errors
///
/// [`MeetingsError::YearOutsidePeriod`] when `year` lies outside the agreement period.
///
/// # Examples
///
/// ```
/// # use chrono::NaiveDate;
/// # use tryghed_meetings::{CheckOptions, MeetingContext, check_meetings, skeleton};
/// # use tryghed_parties::{Governance, Parties, Year};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let context = MeetingContext::new(Year::new(2026)?..=Year::new(2029)?, Parties::new(vec![])?, Governance::default())?;
/// let text = skeleton(Year::new(2027)?, &context)?;
/// assert!(text.contains("year = 2027"));
/// let as_of = NaiveDate::from_ymd_opt(2027, 1, 2).ok_or("date")?;
/// assert!(check_meetings(&text, "møder-2027.toml", &context, CheckOptions::new(as_of)).is_valid());
/// assert!(skeleton(Year::new(2030)?, &context).is_err());
/// # Ok(())
/// # }
/// ```
pub fn skeleton(year: Year, context: &MeetingContext) -> Result<String, MeetingsError> {
    if !context.years().contains(year) {
        return Err(MeetingsError::YearOutsidePeriod {
            year,
            first: context.first_year(),
            last: context.last_year(),
        });
    }
    let governance = context.governance();
    let mut out = String::new();
    let _ = writeln!(out, "# Mødelog {year}");
    out.push_str(
        "#\n\
         # Skrevet af `tryghed meetings new`. Formatet er beskrevet i dokumentationen til\n\
         # tryghed-meetings (crates/meetings/docs/format.md). Kontrollér loggen med\n\
         # `tryghed meetings check <fil>`.\n\
         #\n\
         # Ét [[meetings]]-afsnit pr. møde i styregruppen eller arbejdsgruppen. Et møde med en\n\
         # dato efter kontroldagen tæller som planlagt, ikke som holdt.\n",
    );
    let mut rules = Vec::new();
    for rule in governance.meeting_rules() {
        let text = match (rule.wording(), rule.max_per_year()) {
            (Some(wording), _) => quoted(wording),
            (None, Some(max)) => format!("{}-{max} møder om året", rule.min_per_year()),
            (None, None) => format!("mindst {} møde(r) om året", rule.min_per_year()),
        };
        rules.push(format!("{}: {text}", definite(rule.body())));
    }
    for rule in governance.representation_rules() {
        if let Some(wording) = rule.wording() {
            rules.push(format!("{}: {}", definite(rule.body()), quoted(wording)));
        }
    }
    for post in governance.posts() {
        if let (Some(body), Some(wording)) = (post.leads(), post.wording()) {
            rules.push(format!(
                "{} som tovholder for {}: {}",
                post.title(),
                definite(body),
                quoted(wording)
            ));
        }
    }
    if !rules.is_empty() {
        out.push_str("#\n# Aftalens regler for møderne:\n");
        for rule in rules {
            let _ = writeln!(out, "#   {rule}");
        }
    }
    out.push_str("#\n# Parter (attendees, chair, owner):\n");
    let width = context
        .parties()
        .iter()
        .map(|p| p.id().as_str().len())
        .max()
        .unwrap_or(0);
    for party in context.parties() {
        let _ = writeln!(out, "#   {:<width$}  {}", party.id().as_str(), party.name());
    }
    let leader = context
        .leader_of(BodyKind::WorkingGroup)
        .map_or("…", |post| post.held_by().as_str());
    let _ = write!(
        out,
        "\nyear = {year}\n\
         \n\
         # Kopiér denne blok for hvert møde, og fjern \"# \" foran linjerne.\n\
         #\n\
         # [[meetings]]\n\
         # body = \"arbejdsgruppe\"        # \"styregruppe\" eller \"arbejdsgruppe\"\n\
         # date = {year}-01-15\n\
         # chair = \"{leader}\"             # mødelederen (tovholderen), en part\n\
         # attendees = [\"{leader}\", {{ party = \"…\", person = \"…\" }}]\n\
         # guests = []                    # deltagere, der ikke er parter\n\
         # decisions = [\"…\"]              # mødets beslutninger\n\
         #\n\
         # [[meetings.actions]]           # opfølgningspunkter: hvad, hvem, hvornår\n\
         # what = \"…\"\n\
         # owner = \"…\"\n\
         # due = {year}-02-15\n"
    );
    Ok(out)
}
