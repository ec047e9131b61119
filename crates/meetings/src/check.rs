//! [`check_meetings`]: read a meeting log and check it against the agreement's organisation.

use crate::Year;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use tryghed_diagnostics::{Diagnostic, Severity, Span, TomlReader, render_all};
use tryghed_parties::{BodyKind, Meeting, Membership, RuleViolation};

use crate::names::{definite, genitive, meetings as n_meetings, quoted};
use crate::read::{ReadMeeting, TOP_KEYS, read_meeting, read_year};
use crate::summary::{YearState, summarise};
use crate::{MeetingContext, MeetingLog, MeetingRecord, MeetingsSummary};

/// How a meeting log is checked: the day of the check, and optionally the year it must be for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CheckOptions {
    as_of: NaiveDate,
    year: Option<Year>,
}

impl CheckOptions {
    /// Check as on `as_of` (normally today): meetings up to that day are held, later ones
    /// planned, and "at least N a year" is an error only for a year that is over.
    pub fn new(as_of: NaiveDate) -> Self {
        CheckOptions { as_of, year: None }
    }

    /// These options, requiring the log to be for `year`.
    #[must_use]
    pub fn for_year(mut self, year: Year) -> Self {
        self.year = Some(year);
        self
    }

    /// The day of the check.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The year the log must be for, if required.
    pub fn year(&self) -> Option<Year> {
        self.year
    }
}

/// The result of [`check_meetings`]: every problem with its place, the log when it could be
/// read whole, and the year summed up from what could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeetingCheck {
    origin: String,
    valid: bool,
    diagnostics: Vec<Diagnostic>,
    summary: Option<MeetingsSummary>,
    #[cfg_attr(feature = "serde", serde(skip))]
    log: Option<MeetingLog>,
}

impl MeetingCheck {
    /// Whether the log keeps the agreement's organisation: no diagnostic is an error.
    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// The file name given to [`check_meetings`].
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Every error and warning, in file order.
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

    /// The log, when every field of the file could be read (it may still break a rule of the
    /// organisation: see [`MeetingCheck::is_valid`]).
    pub fn log(&self) -> Option<&MeetingLog> {
        self.log.as_ref()
    }

    /// The year summed up from every meeting whose body and date could be read; `None` when
    /// the year could not be read.
    pub fn summary(&self) -> Option<&MeetingsSummary> {
        self.summary.as_ref()
    }

    /// Every diagnostic in the style of rustc (Danish), quoting `source`, followed by a line
    /// counting errors and warnings.
    pub fn render(&self, source: &str) -> String {
        let mut out = render_all(&self.diagnostics, source);
        if !out.is_empty() {
            out.push('\n');
        }
        let counts = counts_da(self.error_count(), self.warning_count());
        if self.valid {
            let _ = writeln!(
                out,
                "{}: mødeloggen overholder aftalens organisering ({counts})",
                self.origin
            );
        } else {
            let _ = writeln!(
                out,
                "fejl: {} overholder ikke aftalens organisering ({counts})",
                self.origin
            );
        }
        out
    }
}

/// "1 fejl, 2 advarsler".
pub(crate) fn counts_da(errors: usize, warnings: usize) -> String {
    format!(
        "{errors} fejl, {warnings} {}",
        if warnings == 1 {
            "advarsel"
        } else {
            "advarsler"
        }
    )
}

/// Reads the meeting log `text` (named `origin` in messages) and checks it against the
/// agreement's organisation in `context`, reporting every problem at once with its line,
/// column and field. The rules are described in the [format documentation](mod@crate::format).
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use tryghed_meetings::{CheckOptions, MeetingContext, check_meetings};
/// use tryghed_parties::{Body, BodyKind, Governance, MeetingRule, Parties, Party, PartyKind, Year};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let parties = Parties::new(vec![
/// #     Party::new("politi".parse()?, "Københavns Politi", PartyKind::Police)?,
/// # ])?;
/// # let governance = Governance::new(vec![Body::new(
/// #     "styregruppe".parse()?,
/// #     BodyKind::SteeringGroup,
/// #     "Styregruppe",
/// # )?])?
/// # .with_meeting_rule(MeetingRule::new(BodyKind::SteeringGroup, 1, None)?)?;
/// # let context = MeetingContext::new(Year::new(2026)?..=Year::new(2029)?, parties, governance)?;
/// let text = r#"
/// year = 2026
///
/// [[meetings]]
/// body = "styregruppe"
/// date = 2026-03-10
/// attendees = ["politi", "politii"]
/// "#;
/// let as_of = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
/// let check = check_meetings(text, "møder-2026.toml", &context, CheckOptions::new(as_of));
/// assert!(!check.is_valid());
/// let unknown = &check.diagnostics()[0];
/// assert_eq!(unknown.message(), "\"politii\" er ikke part i aftalen");
/// assert_eq!(unknown.field(), "meetings[0].attendees[1]");
/// assert_eq!(unknown.location().map(|l| l.line()), Some(7));
/// # Ok(())
/// # }
/// ```
#[must_use = "the check finds problems only for those who read them"]
pub fn check_meetings(
    text: &str,
    origin: &str,
    context: &MeetingContext,
    options: CheckOptions,
) -> MeetingCheck {
    let mut reader = TomlReader::new(origin, text);
    let Some(document) = reader.parse() else {
        return finish(reader, origin, None, None);
    };
    let root = document.root();
    root.deny_unknown(&mut reader, TOP_KEYS);
    let year = read_year(&mut reader, &root);
    let mut year_ok = year.is_some();
    if let Some((year, span)) = &year {
        if !context.years().contains(*year) {
            year_ok = false;
            reader.error(
                span.clone(),
                "year",
                format!(
                    "mødeloggen er for {year}, uden for aftaleperioden {}–{}",
                    context.first_year(),
                    context.last_year()
                ),
            );
        }
        if let Some(asked) = options.year
            && asked != *year
        {
            year_ok = false;
            reader.error(
                span.clone(),
                "year",
                format!("mødeloggen er for {year}, men kontrollen gælder {asked} (--year)"),
            );
        }
    }
    let tables = root.tables(&mut reader, "meetings");
    let read: Vec<ReadMeeting> = tables
        .iter()
        .enumerate()
        .map(|(index, table)| {
            read_meeting(
                &mut reader,
                context,
                table,
                index,
                year.as_ref().map(|y| y.0),
            )
        })
        .collect();
    let complete = reader.errors_since(0) == 0;

    let Some((year, year_span)) = year else {
        return finish(reader, origin, None, None);
    };
    let in_year: Vec<&ReadMeeting> = read
        .iter()
        .filter(|m| {
            m.record
                .as_ref()
                .is_some_and(|r| r.date().year() == year.get())
        })
        .collect();
    check_meeting_rules(&mut reader, context, &in_year, options.as_of);
    check_same_day(&mut reader, &in_year);
    if year_ok {
        check_year(
            &mut reader,
            context,
            year,
            &year_span,
            &in_year,
            options.as_of,
        );
    }
    if read.is_empty() {
        reader.warning(
            year_span.clone(),
            "meetings",
            format!("mødeloggen for {year} har ingen møder"),
        );
    }
    let records = in_year.iter().filter_map(|m| m.record.as_ref());
    let summary = summarise(year, records, context, options.as_of);
    let log = complete
        .then(|| MeetingLog::new(year, read.into_iter().filter_map(|m| m.record).collect()));
    finish(reader, origin, log, Some(summary))
}

fn finish(
    reader: TomlReader<'_>,
    origin: &str,
    log: Option<MeetingLog>,
    summary: Option<MeetingsSummary>,
) -> MeetingCheck {
    let diagnostics = reader.finish();
    MeetingCheck {
        origin: origin.to_owned(),
        valid: !diagnostics.iter().any(Diagnostic::is_error),
        diagnostics,
        summary,
        log,
    }
}

/// The rules about one meeting: attendees recorded, the chair among them, the tovholder.
fn check_meeting_rules(
    reader: &mut TomlReader<'_>,
    context: &MeetingContext,
    meetings: &[&ReadMeeting],
    as_of: NaiveDate,
) {
    for read in meetings {
        let Some(record) = &read.record else {
            continue;
        };
        if !record.is_held(as_of) {
            continue;
        }
        let (body, date) = (record.body(), record.date());
        // An unreadable attendee list is reported where it is; only a list that is truly
        // empty (or absent) is a missing record of who came.
        if record.attendees().is_empty() && read.complete {
            reader.push(
                Some(read.whole.clone()),
                Diagnostic::error(
                    read.field("attendees"),
                    format!(
                        "{} møde den {date} er holdt, men deltagerne er ikke noteret",
                        capital(&genitive(body))
                    ),
                )
                .with_help(
                    "skriv attendees = [\"okf\", …] med en part for hver deltager; uden dem kan repræsentationen ikke kontrolleres",
                ),
            );
        }
        if let Some(chair) = record.chair()
            && !record.attendees().is_empty()
            && !record.attendees().iter().any(|a| a.party() == chair)
        {
            reader.push(
                read.chair.clone(),
                Diagnostic::error(
                    read.field("chair"),
                    format!(
                        "mødelederen {} står ikke blandt mødets deltagere",
                        context.party_label(chair)
                    ),
                ),
            );
        }
        let Some(post) = context.leader_of(body) else {
            continue;
        };
        let holder = post.held_by();
        let says = post.wording().map_or_else(
            || {
                format!(
                    "aftalen gør {} til tovholder for {}",
                    post.title(),
                    definite(body)
                )
            },
            |w| format!("aftalen: {}", quoted(w)),
        );
        match record.chair() {
            None if read.complete => reader.push(
                Some(read.whole.clone()),
                Diagnostic::warning(
                    read.field("chair"),
                    format!(
                        "{} møde den {date} har ingen mødeleder (chair), så det kan ikke kontrolleres, at {} var tovholder",
                        capital(&genitive(body)),
                        post.title()
                    ),
                )
                .with_help(format!("skriv chair = \"{holder}\"; {says}")),
            ),
            Some(chair) if chair != holder => reader.push(
                read.chair.clone(),
                Diagnostic::error(
                    read.field("chair"),
                    format!(
                        "{} møde den {date} blev ledet af {}, men {} ({}) er tovholder",
                        capital(&genitive(body)),
                        context.party_label(chair),
                        post.title(),
                        context.party_label(holder)
                    ),
                )
                .with_help(says),
            ),
            _ => {}
        }
    }
}

/// Two meetings of one body on one day: probably the same meeting written twice.
fn check_same_day(reader: &mut TomlReader<'_>, meetings: &[&ReadMeeting]) {
    let mut seen: BTreeSet<(BodyKind, NaiveDate)> = BTreeSet::new();
    for read in meetings {
        let Some(record) = &read.record else {
            continue;
        };
        if !seen.insert((record.body(), record.date())) {
            reader.push(
                read.date.clone(),
                Diagnostic::warning(
                    read.field("date"),
                    format!(
                        "{} har to møder den {}; er det samme møde skrevet to gange?",
                        definite(record.body()),
                        record.date()
                    ),
                ),
            );
        }
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The year's rules, through [`tryghed_parties::Governance::check`]: how often each body met,
/// and whether every party its representation rule asks for came to at least one meeting.
#[allow(clippy::too_many_lines, reason = "one rule after the other")]
fn check_year(
    reader: &mut TomlReader<'_>,
    context: &MeetingContext,
    year: Year,
    year_span: &Span,
    meetings: &[&ReadMeeting],
    as_of: NaiveDate,
) {
    let state = YearState::of(year, as_of);
    let records: Vec<(&ReadMeeting, &MeetingRecord)> = meetings
        .iter()
        .filter_map(|read| read.record.as_ref().map(|r| (*read, r)))
        .collect();
    let done: Vec<&(&ReadMeeting, &MeetingRecord)> =
        records.iter().filter(|(_, r)| r.is_held(as_of)).collect();
    // The attendance of the held meetings as one-day memberships, and the held meetings.
    let roster: Vec<Membership> = done
        .iter()
        .flat_map(|(_, record)| {
            record.attendees().iter().filter_map(|attendee| {
                Membership::new(attendee.party().clone(), record.body(), "deltager")
                    .and_then(|m| m.with_period(Some(record.date()), Some(record.date())))
                    .ok()
            })
        })
        .collect();
    let held_meetings: Vec<Meeting> = done
        .iter()
        .map(|(_, r)| Meeting::new(r.body(), r.date()))
        .collect();
    let governance = context.governance();
    let violations = governance.check(context.parties(), &roster, &held_meetings, year);
    let planned = |body: BodyKind| {
        records
            .iter()
            .filter(|(_, r)| r.body() == body && !r.is_held(as_of))
            .count()
    };
    let wording = |body: BodyKind| {
        governance
            .meeting_rules()
            .iter()
            .find(|r| r.body() == body)
            .and_then(|r| r.wording())
            .map(|w| format!("aftalen: {}", quoted(w)))
    };
    let held_of = |body: BodyKind| done.iter().filter(|(_, r)| r.body() == body).count();
    for violation in &violations {
        match violation {
            RuleViolation::TooFewMeetings {
                body, held, min, ..
            } => {
                let body = *body;
                let planned = planned(body);
                let (held, min) = (count(*held), u64::from(*min));
                let mut diagnostic = match state {
                    YearState::Complete => Diagnostic::error(
                        "meetings",
                        format!(
                            "{} holdt {} i {year}; aftalen kræver mindst {min}",
                            definite(body),
                            n_meetings(held)
                        ),
                    ),
                    // An empty log gets one warning (no meetings), not one per body.
                    _ if meetings.is_empty() => continue,
                    _ if held.saturating_add(count(planned)) < min => Diagnostic::warning(
                        "meetings",
                        format!(
                            "{} har holdt {} i {year} og har {} planlagt, i alt færre end de mindst {min}, aftalen nævner",
                            definite(body),
                            n_meetings(held),
                            n_meetings(count(planned))
                        ),
                    )
                    .with_help(format!(
                        "året er ikke slut ({as_of}); det er først en fejl, når året er gået uden de møder"
                    )),
                    _ => continue,
                };
                if let Some(says) = wording(body) {
                    let text = match diagnostic.help() {
                        Some(before) => format!("{before}; {says}"),
                        None => says,
                    };
                    diagnostic = diagnostic.with_help(text);
                }
                reader.push(Some(year_span.clone()), diagnostic);
            }
            RuleViolation::TooManyMeetings { body, max, .. } => {
                let body = *body;
                let mut of_body: Vec<&&(&ReadMeeting, &MeetingRecord)> =
                    done.iter().filter(|(_, r)| r.body() == body).collect();
                of_body.sort_by_key(|(_, r)| r.date());
                let first_over = usize::try_from(*max).unwrap_or(usize::MAX);
                let Some((read, record)) = of_body.get(first_over).map(|m| **m) else {
                    continue;
                };
                let mut diagnostic = Diagnostic::error(
                    read.field("date"),
                    format!(
                        "{} møde den {} er årets møde nr. {} i {year}; aftalen nævner højst {max}",
                        capital(&genitive(body)),
                        record.date(),
                        first_over.saturating_add(1)
                    ),
                );
                if let Some(says) = wording(body) {
                    diagnostic = diagnostic.with_help(says);
                }
                reader.push(read.date.clone(), diagnostic);
            }
            RuleViolation::NotRepresented { body, party, .. } => {
                let body = *body;
                let n = held_of(body);
                if n == 0 {
                    // The cadence rule already says that the body did not meet.
                    continue;
                }
                let rule = governance
                    .representation_rules()
                    .iter()
                    .find(|r| r.body() == body);
                let mut why =
                    "mødeloggen viser fremmøde, ikke medlemskab; derfor er det en advarsel"
                        .to_owned();
                if let Some(wording) = rule.and_then(|r| r.wording()) {
                    let _ = write!(why, "; aftalen: {}", quoted(wording));
                }
                let so_far = if state == YearState::Complete {
                    String::new()
                } else {
                    format!(" (indtil {as_of})")
                };
                reader.push(
                    Some(year_span.clone()),
                    Diagnostic::warning(
                        "meetings",
                        format!(
                            "{} var ikke repræsenteret på nogen af {} {} i {year}{so_far}",
                            context.party_label(party),
                            genitive(body),
                            n_meetings(count(n))
                        ),
                    )
                    .with_help(why),
                );
            }
            _ => {}
        }
    }
    // A year under way whose held and planned meetings go over the maximum.
    if state != YearState::Complete {
        for rule in governance.meeting_rules() {
            let Some(max) = rule.max_per_year() else {
                continue;
            };
            let held = held_of(rule.body());
            let max = usize::try_from(max).unwrap_or(usize::MAX);
            if held > max {
                continue; // an error above
            }
            let mut planned: Vec<&(&ReadMeeting, &MeetingRecord)> = records
                .iter()
                .filter(|(_, r)| r.body() == rule.body() && !r.is_held(as_of))
                .collect();
            planned.sort_by_key(|(_, r)| r.date());
            if let Some((read, record)) = planned.get(max - held) {
                reader.push(
                    read.date.clone(),
                    Diagnostic::warning(
                        read.field("date"),
                        format!(
                            "det planlagte møde den {} bliver {} møde nr. {} i {year}; aftalen nævner højst {max}",
                            record.date(),
                            genitive(rule.body()),
                            max.saturating_add(1)
                        ),
                    ),
                );
            }
        }
    }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}
