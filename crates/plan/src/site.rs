//! Where in a plan a diagnostic belongs, before it is tied to a file position.

use std::ops::Range;

/// A place in a plan, by the indices of the file (those of the typed plan when read whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// The file as a whole.
    File,
    /// The `year` field.
    Year,
    /// The `status` field (the `year` line when the status is left out).
    Status,
    /// The `[approval]` table, or its date.
    Approval { date: bool },
    /// A `[[revisions]]` table, or its date.
    Revision(usize, bool),
    /// One activity, or one of its fields.
    Activity(usize, Part),
}

/// A part of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Whole,
    Id,
    FocusArea,
    Responsible,
    Partners,
    Partner(usize),
    Budget,
    Indicator(usize),
    Deliverable(usize, DeliverablePart),
    Objective(usize),
}

/// A part of a deliverable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeliverablePart {
    Id,
    Due,
}

impl Site {
    /// The field path (activity indices are those of the file).
    pub(crate) fn field(self) -> String {
        match self {
            Site::File => String::new(),
            Site::Year => "year".to_owned(),
            Site::Status => "status".to_owned(),
            Site::Approval { date: false } => "approval".to_owned(),
            Site::Approval { date: true } => "approval.date".to_owned(),
            Site::Revision(i, false) => format!("revisions[{i}]"),
            Site::Revision(i, true) => format!("revisions[{i}].date"),
            Site::Activity(i, part) => {
                let base = format!("activities[{i}]");
                let rest = match part {
                    Part::Whole => String::new(),
                    Part::Id => ".id".to_owned(),
                    Part::FocusArea => ".focus_area".to_owned(),
                    Part::Responsible => ".responsible".to_owned(),
                    Part::Partners => ".partners".to_owned(),
                    Part::Partner(j) => format!(".partners[{j}]"),
                    Part::Budget => ".budget".to_owned(),
                    Part::Indicator(j) => format!(".indicators[{j}]"),
                    Part::Objective(j) => format!(".objectives[{j}].id"),
                    Part::Deliverable(k, d) => {
                        let sub = match d {
                            DeliverablePart::Id => ".id",
                            DeliverablePart::Due => ".due",
                        };
                        format!(".deliverables[{k}]{sub}")
                    }
                };
                base + &rest
            }
        }
    }
}

/// The byte spans of one activity's parts in the file (missing parts: `None`).
#[derive(Debug, Clone, Default)]
pub(crate) struct ActivitySpans {
    pub(crate) whole: Range<usize>,
    pub(crate) id: Option<Range<usize>>,
    pub(crate) focus_area: Option<Range<usize>>,
    pub(crate) responsible: Option<Range<usize>>,
    pub(crate) partners: Vec<Range<usize>>,
    pub(crate) budget: Option<Range<usize>>,
    pub(crate) indicators: Vec<Range<usize>>,
    pub(crate) deliverables: Vec<DeliverableSpans>,
    pub(crate) objectives: Vec<Range<usize>>,
}

/// The byte spans of one deliverable's parts.
#[derive(Debug, Clone, Default)]
pub(crate) struct DeliverableSpans {
    pub(crate) whole: Range<usize>,
    pub(crate) id: Option<Range<usize>>,
    pub(crate) due: Option<Range<usize>>,
}

/// The spans of a parsed plan, by activity index in the file.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpanMap {
    pub(crate) year: Option<Range<usize>>,
    pub(crate) status: Option<Range<usize>>,
    /// The `[approval]` table and its date.
    pub(crate) approval: Option<(Range<usize>, Option<Range<usize>>)>,
    /// Each `[[revisions]]` table and its date.
    pub(crate) revisions: Vec<(Range<usize>, Option<Range<usize>>)>,
    pub(crate) activities: Vec<ActivitySpans>,
}

impl SpanMap {
    /// The span of `site`, falling back to the enclosing item when the part has none.
    pub(crate) fn span(&self, site: Site) -> Option<Range<usize>> {
        match site {
            Site::File => None,
            Site::Year => self.year.clone(),
            Site::Status => self.status.clone().or_else(|| self.year.clone()),
            Site::Approval { date } => self.approval.as_ref().map(|(whole, d)| {
                if date {
                    d.clone().unwrap_or_else(|| whole.clone())
                } else {
                    whole.clone()
                }
            }),
            Site::Revision(i, date) => self.revisions.get(i).map(|(whole, d)| {
                if date {
                    d.clone().unwrap_or_else(|| whole.clone())
                } else {
                    whole.clone()
                }
            }),
            Site::Activity(i, part) => {
                let a = self.activities.get(i)?;
                let own = match part {
                    Part::Whole => None,
                    Part::Id => a.id.clone(),
                    Part::FocusArea => a.focus_area.clone(),
                    Part::Responsible => a.responsible.clone(),
                    Part::Partners => a.partners.first().cloned(),
                    Part::Partner(j) => a.partners.get(j).cloned(),
                    Part::Budget => a.budget.clone(),
                    Part::Indicator(j) => a.indicators.get(j).cloned(),
                    Part::Objective(j) => a.objectives.get(j).cloned(),
                    Part::Deliverable(k, d) => a.deliverables.get(k).map(|s| match d {
                        DeliverablePart::Id => s.id.clone().unwrap_or_else(|| s.whole.clone()),
                        DeliverablePart::Due => s.due.clone().unwrap_or_else(|| s.whole.clone()),
                    }),
                };
                Some(own.unwrap_or_else(|| a.whole.clone()))
            }
        }
    }
}
