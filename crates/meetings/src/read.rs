//! Reading the meeting log file field by field, every problem reported at its place.

use std::collections::BTreeSet;

use crate::Year;
use chrono::{Datelike, NaiveDate};
use tryghed_diagnostics::{Diagnostic, Span, Table, TomlReader, Value, quote};
use tryghed_parties::{BodyKind, PartyId};

use crate::names::help_parties;
use crate::{Action, Attendee, MeetingContext, MeetingRecord};

pub(crate) const TOP_KEYS: &[&str] = &["year", "meetings"];
pub(crate) const MEETING_KEYS: &[&str] = &[
    "body",
    "date",
    "chair",
    "attendees",
    "guests",
    "decisions",
    "actions",
];
pub(crate) const ATTENDEE_KEYS: &[&str] = &["party", "person"];
pub(crate) const ACTION_KEYS: &[&str] = &["what", "owner", "due"];

/// A meeting as far as it could be read: the record (when its body and date could be read),
/// whether every field of it could be read, and the places the rules point at.
pub(crate) struct ReadMeeting {
    pub(crate) index: usize,
    pub(crate) record: Option<MeetingRecord>,
    pub(crate) complete: bool,
    pub(crate) whole: Span,
    pub(crate) date: Option<Span>,
    pub(crate) chair: Option<Span>,
}

impl ReadMeeting {
    pub(crate) fn field(&self, name: &str) -> String {
        format!("meetings[{}].{name}", self.index)
    }
}

/// The year of the file: `Some((year, span))` when it could be read as a calendar year.
pub(crate) fn read_year(reader: &mut TomlReader<'_>, root: &Table<'_, '_>) -> Option<(Year, Span)> {
    if !root.has("year") {
        reader.push(
            Some(0..0),
            Diagnostic::error("year", "mødeloggens år (year) mangler")
                .with_help("begynd filen med f.eks. `year = 2026`"),
        );
        return None;
    }
    let (year, span) = root.integer(reader, "year")?;
    if let Ok(y) = Year::from_i64(year) {
        Some((y, span))
    } else {
        let (min, max) = (Year::MIN, Year::MAX);
        reader.error(
            span,
            "year",
            format!("{year} er ikke et kalenderår fra {min} til {max}"),
        );
        None
    }
}

/// A party id at `value` (a text), which must be a party of the agreement.
fn read_party(
    reader: &mut TomlReader<'_>,
    context: &MeetingContext,
    text: &str,
    span: Span,
    field: String,
) -> Option<PartyId> {
    let Ok(id) = PartyId::new(text) else {
        reader.push(
            Some(span),
            Diagnostic::error(
                field,
                format!(
                    "{} er ikke et part-id (små bogstaver a-z, cifre og '-')",
                    quote(text)
                ),
            )
            .with_help(help_parties(context)),
        );
        return None;
    };
    if context.is_party(&id) {
        Some(id)
    } else {
        reader.push(
            Some(span),
            Diagnostic::error(field, format!("{} er ikke part i aftalen", quote(text)))
                .with_help(help_parties(context)),
        );
        None
    }
}

fn read_body(
    reader: &mut TomlReader<'_>,
    context: &MeetingContext,
    table: &Table<'_, '_>,
) -> Option<BodyKind> {
    let (text, span) = table.string(reader, "body")?;
    let field = table.field("body");
    let kind = match text.parse::<BodyKind>() {
        Ok(kind) if kind != BodyKind::Secretariat => kind,
        _ => {
            reader.push(
                Some(span),
                Diagnostic::error(
                    field,
                    format!("{} er ikke et organ, der holder møder", quote(text)),
                )
                .with_help("skriv body = \"styregruppe\" eller body = \"arbejdsgruppe\""),
            );
            return None;
        }
    };
    if context.governance().body(kind).is_none() {
        reader.error(
            span,
            field,
            format!("aftalens organisering har ingen {}", kind.label_da()),
        );
        return None;
    }
    Some(kind)
}

fn read_attendee(
    reader: &mut TomlReader<'_>,
    context: &MeetingContext,
    value: &Value<'_, '_>,
) -> Option<Attendee> {
    if let Some(text) = value.as_str() {
        return read_party(reader, context, text, value.span(), value.path().to_owned())
            .map(Attendee::new);
    }
    let Some(table) = value.as_table() else {
        value.expected(
            reader,
            "et part-id (\"okf\") eller { party = \"okf\", person = \"…\" }",
        );
        return None;
    };
    table.deny_unknown(reader, ATTENDEE_KEYS);
    let party = table
        .string(reader, "party")
        .and_then(|(text, span)| read_party(reader, context, text, span, table.field("party")));
    let person = table.optional_string(reader, "person");
    let attendee = Attendee::new(party?);
    match person {
        Some((name, _)) => attendee.with_person(name).ok(),
        None if table.has("person") => None,
        None => Some(attendee),
    }
}

fn read_action(
    reader: &mut TomlReader<'_>,
    context: &MeetingContext,
    table: &Table<'_, '_>,
    meeting_date: Option<NaiveDate>,
) -> Option<Action> {
    table.deny_unknown(reader, ACTION_KEYS);
    let what = table.string(reader, "what");
    let owner = table
        .string(reader, "owner")
        .and_then(|(text, span)| read_party(reader, context, text, span, table.field("owner")));
    let due = table.date(reader, "due");
    if let (Some((due, span)), Some(date)) = (&due, meeting_date)
        && *due < date
    {
        reader.warning(
            span.clone(),
            table.field("due"),
            format!("fristen {due} ligger før mødet den {date}"),
        );
    }
    Action::new(what?.0, owner?, due?.0).ok()
}

/// Texts in a list (decisions, guests): each must be a text that is not blank.
fn read_texts<'d>(
    reader: &mut TomlReader<'_>,
    table: &Table<'d, '_>,
    key: &str,
) -> (Vec<&'d str>, bool) {
    let before = reader.len();
    let present = table.has(key);
    let texts: Vec<&str> = table
        .array(reader, key)
        .iter()
        .filter_map(|value| value.text(reader).map(|(text, _)| text))
        .collect();
    (texts, !present || reader.len() == before)
}

/// Reads meeting `index` field by field.
#[allow(clippy::too_many_lines, reason = "one field after the other")]
pub(crate) fn read_meeting(
    reader: &mut TomlReader<'_>,
    context: &MeetingContext,
    table: &Table<'_, '_>,
    index: usize,
    year: Option<Year>,
) -> ReadMeeting {
    let before = reader.len();
    table.deny_unknown(reader, MEETING_KEYS);
    let body = read_body(reader, context, table);
    let date = table.date(reader, "date");
    if let (Some((date, span)), Some(year)) = (&date, year)
        && date.year() != year.get()
    {
        reader.push(
            Some(span.clone()),
            Diagnostic::error(
                table.field("date"),
                format!("mødet den {date} ligger ikke i mødeloggens år {year}"),
            )
            .with_help("en mødelog gælder ét kalenderår; skriv mødet i det års log"),
        );
    }
    let chair_span = table.get("chair").map(|v| v.span());
    let chair = table
        .optional_string(reader, "chair")
        .and_then(|(text, span)| read_party(reader, context, text, span, table.field("chair")));

    let mut attendees: Vec<Attendee> = Vec::new();
    let mut seen: BTreeSet<Attendee> = BTreeSet::new();
    for value in table.array(reader, "attendees") {
        let Some(attendee) = read_attendee(reader, context, &value) else {
            continue;
        };
        if !seen.insert(attendee.clone()) {
            reader.warning(
                value.span(),
                value.path().to_owned(),
                format!(
                    "{} står allerede på deltagerlisten for dette møde",
                    context.party_label(attendee.party())
                ),
            );
            continue;
        }
        attendees.push(attendee);
    }
    let (guests, _) = read_texts(reader, table, "guests");
    let (decisions, _) = read_texts(reader, table, "decisions");
    let meeting_date = date.as_ref().map(|(d, _)| *d);
    let actions: Vec<Action> = table
        .tables(reader, "actions")
        .iter()
        .filter_map(|action| read_action(reader, context, action, meeting_date))
        .collect();
    // Only errors make the meeting incomplete; a warning (a repeated attendee) does not.
    let complete = reader.errors_since(before) == 0;

    let record = match (body, &date) {
        (Some(body), Some((date, _))) => {
            let mut record = MeetingRecord::new(body, *date);
            record.chair = chair;
            record.attendees = attendees;
            record.guests = guests.into_iter().map(str::to_owned).collect();
            record.decisions = decisions.into_iter().map(str::to_owned).collect();
            record.actions = actions;
            Some(record)
        }
        _ => None,
    };
    ReadMeeting {
        index,
        record,
        complete,
        whole: table.span(),
        date: date.map(|(_, span)| span),
        chair: chair_span,
    }
}
