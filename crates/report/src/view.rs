//! The printed view of a report: every number formatted in Danish, suppression applied.
//! Markdown and HTML render this view with their templates.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;
use tryghed_core::Year;

use crate::charts::ChartFigure;
use crate::fmt as dk;
use crate::model::{
    Achievement, BaselineCell, BaselineFixing, Delivery, Figure, PlanStatusRow, ReportStatus,
    SignificanceCell, StatusReport,
};

/// A figure in print: counts as published (`14`, `< 5`, `skjult`), no rate of a hidden count.
pub(crate) fn figure_text(f: &Figure) -> String {
    match f {
        Figure::Share { fraction } => dk::percent(*fraction),
        Figure::Count { count } => count.to_string(),
        Figure::Number { value } => dk::number(*value, 1),
        Figure::Rate {
            count,
            residents,
            rate,
        } => match (count.value(), rate) {
            (Some(_), Some(rate)) => format!(
                "{} ({count} anmeldelser, {} indbyggere)",
                dk::number(*rate, 1),
                dk::int(*residents)
            ),
            _ => format!("{count} anmeldelser (ingen rate)"),
        },
        Figure::Withheld => "ikke vist".to_owned(),
    }
}

fn baseline_text(b: &BaselineCell) -> String {
    match b {
        BaselineCell::Pending { .. } => "afventer".into(),
        BaselineCell::Known {
            year,
            value: Some(v),
        } => format!("{} ({year})", figure_text(v)),
        BaselineCell::Known { year, value: None } => format!("mangler ({year})"),
        _ => "–".into(),
    }
}

fn status_text(s: &ReportStatus) -> (String, String, String) {
    let reason = match s {
        ReportStatus::Pending { reason } | ReportStatus::Withheld { reason } => reason.clone(),
        _ => String::new(),
    };
    (s.label().to_owned(), s.key().to_owned(), reason)
}

#[derive(Debug, Serialize)]
pub(crate) struct View {
    title: String,
    /// The document's title: "Status 2026: …", "EKSEMPEL – Status 2026: …".
    doc_title: String,
    example: Option<String>,
    issued: Option<String>,
    sender: Option<String>,
    /// The running footer of every printed page.
    page_footer: String,
    district: String,
    year: Year,
    crime_year: Year,
    period: String,
    threshold: u64,
    summary: Vec<VSummary>,
    /// The summary page for Økonomiudvalget: the overall conclusion in two sentences, the
    /// year's budget use, the main deviations, the year's meetings, what the committee is
    /// asked to note.
    front: VFront,
    goals: Vec<VGoal>,
    verdicts: Vec<VVerdict>,
    crime_years: Vec<Year>,
    crime: Vec<VCrime>,
    baseline: Option<VBaseline>,
    activities: Option<VActivities>,
    deviations: Option<VDeviations>,
    next_plan: Option<VNextPlan>,
    collaboration: Option<VCollab>,
    budget: Option<VBudget>,
    whole_budget: Option<VWhole>,
    organisation: Option<VOrganisation>,
    area: Option<VArea>,
    sources: Vec<VSource>,
    caveats: Vec<String>,
    missing: Vec<String>,
    pub(crate) figures: Option<VFigures>,
}

#[derive(Debug, Serialize)]
struct VSummary {
    title: String,
    status: String,
    key: String,
    reason: String,
}

#[derive(Debug, Serialize)]
struct VFront {
    conclusion: String,
    budget: Option<String>,
    over: bool,
    deviations: Vec<String>,
    /// "og 3 afvigelser mere (se Afvigelser og opfølgning)", when the list is cut short.
    more_deviations: Option<String>,
    organisation: Option<String>,
    next_plan: Option<String>,
    to_note: String,
}

/// "1 opfyldt, 2 afventer" from the goals' statuses, in the order of the labels.
fn status_counts(r: &StatusReport) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for line in r.summary() {
        let label = line.status().label();
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(label, n)| format!("{n} {label}"))
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

/// How many deviations the summary page names; the rest are in "Afvigelser og opfølgning"
/// (ours: the agreement does not say how many the committee reads).
const FRONT_DEVIATIONS: usize = 5;

/// A deviation's reason: the follow-up's reason, else the owner's note (follow-ups written
/// before the `reason` field put it there), else none.
fn deviation_reason(d: &crate::model::DeliverableRow) -> Option<&str> {
    d.reason().as_deref().or(d.note().as_deref())
}

/// One deviation on the summary page: "Aktivitet: leverance – ikke leveret. Begrundelse: ….
/// Handling: …. Ny frist: …."
fn front_deviation(
    activity: &str,
    what: &str,
    status: &str,
    reason: Option<&str>,
    action: Option<&str>,
    new_due: Option<chrono::NaiveDate>,
) -> String {
    let mut text = format!(
        "{activity}: {what} – {status}. Begrundelse: {}. Handling: {}.",
        reason.map_or("ikke oplyst", |t| t.trim_end_matches('.')),
        action.map_or("ikke oplyst", |t| t.trim_end_matches('.')),
    );
    if let Some(due) = new_due {
        let _ = write!(text, " Ny frist: {}.", dk::long_date(due));
    }
    text
}

/// The main deviations for the summary page: the deliverables not delivered and objectives
/// not achieved first, then those delivered or achieved in part (deliverables before
/// objectives, the plan's order within), each with its reason, action and new deadline from
/// the follow-up; at most [`FRONT_DEVIATIONS`], and how many there are in all.
fn deviations(r: &StatusReport) -> (Vec<String>, usize) {
    let Some(a) = r.activities() else {
        return (Vec::new(), 0);
    };
    let mut all: Vec<(bool, String)> = a
        .deviations()
        .into_iter()
        .map(|(activity, d)| {
            (
                d.delivery() != &Delivery::NotDelivered,
                front_deviation(
                    activity.title(),
                    d.what(),
                    d.delivery().label(),
                    deviation_reason(d),
                    d.action().as_deref(),
                    *d.new_due(),
                ),
            )
        })
        .collect();
    all.extend(a.objective_deviations().into_iter().map(|(activity, o)| {
        (
            o.achievement() != &Achievement::NotAchieved,
            front_deviation(
                activity.title(),
                &format!("målsætningen »{}«", o.what()),
                o.achievement().label(),
                o.reason().as_deref().or(o.note().as_deref()),
                o.action().as_deref(),
                None,
            ),
        )
    }));
    // Stable: the order above within each rank.
    all.sort_by_key(|(partly, _)| *partly);
    let total = all.len();
    (
        all.into_iter()
            .take(FRONT_DEVIATIONS)
            .map(|(_, t)| t)
            .collect(),
        total,
    )
}

/// The year's budget use in one sentence: both lines when the whole ledger is given, else the
/// activity funds.
fn budget_line(
    r: &StatusReport,
    whole: Option<&crate::model::WholeBudgetSection>,
    activity_over: bool,
) -> Option<String> {
    let share = |used: Decimal, of: Decimal| {
        if of.is_zero() {
            "–".to_owned()
        } else {
            dk::percent(used / of)
        }
    };
    match (whole, r.budget().as_ref()) {
        (Some(w), _) => {
            let parts: Vec<String> = w
                .lines()
                .iter()
                .map(|l| {
                    let used = Decimal::from(*l.committed()) + Decimal::from(*l.spent());
                    format!(
                        "{} {} forbrugt og {} disponeret af {} ({} disponeret eller forbrugt{})",
                        l.name(),
                        l.spent(),
                        l.committed(),
                        l.allocated(),
                        share(used, Decimal::from(*l.allocated())),
                        if l.is_over() { ", overskredet" } else { "" }
                    )
                })
                .collect();
            let overruns =
                r.budget()
                    .as_ref()
                    .filter(|_| activity_over)
                    .map_or_else(String::new, |b| {
                        format!(
                            " Aktiviteter er overskredet med {} i alt (se Aktivitetsmidler).",
                            b.overrun()
                        )
                    });
            Some(format!(
                "Budget {}: {}.{overruns}",
                w.year(),
                parts.join("; ")
            ))
        }
        (None, Some(b)) => {
            let used = Decimal::from(*b.committed()) + Decimal::from(*b.spent());
            Some(format!(
                "Aktivitetsmidler {}: {} forbrugt og {} disponeret af {} ({} disponeret eller forbrugt{}). Projektledelsen er ikke med i regnskabet.",
                b.year(),
                b.spent(),
                b.committed(),
                b.funds(),
                share(used, Decimal::from(*b.funds())),
                if activity_over {
                    format!(", overskridelser {}", b.overrun())
                } else {
                    String::new()
                }
            ))
        }
        (None, None) => None,
    }
}

/// The year's meetings in one sentence for the summary page.
fn organisation_line(o: &crate::model::OrganisationSection) -> String {
    let bodies: Vec<String> = o
        .bodies()
        .iter()
        .map(|b| {
            format!(
                "{} {} holdt, {} planlagt ({}: {})",
                b.name().to_lowercase(),
                b.held(),
                b.planned(),
                b.rule(),
                b.status().label()
            )
        })
        .collect();
    format!(
        "Møder {} pr. {}: {}.",
        o.year(),
        danish_date(&o.as_of().to_string()),
        bodies.join("; ")
    )
}

fn front(r: &StatusReport) -> VFront {
    let goals = r.summary().len();
    let first = if goals == 0 {
        "Aftalen har ingen målsætninger i maskinlæsbar form, så målene kan ikke vurderes."
            .to_owned()
    } else {
        format!(
            "Af aftalens {goals} målsætninger er status i {}: {}.",
            r.year(),
            status_counts(r)
        )
    };
    // The year's budget: both lines when the whole ledger is given, else the activity funds.
    let whole = r.whole_budget().as_ref();
    let over_lines: Vec<String> = whole
        .map(|w| {
            w.lines()
                .iter()
                .filter(|l| l.is_over())
                .map(|l| l.name().to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let activity_over = r.budget().as_ref().is_some_and(|b| !b.overrun().is_zero());
    let over = !over_lines.is_empty() || activity_over;
    let budget = budget_line(r, whole, activity_over);
    let (deviations, slipped) = deviations(r);
    let more_deviations = (slipped > deviations.len()).then(|| {
        format!(
            "Og {} afvigelse{} mere: se Afvigelser og opfølgning.",
            slipped - deviations.len(),
            if slipped - deviations.len() == 1 {
                ""
            } else {
                "r"
            }
        )
    });
    let mut second = Vec::new();
    if let Some(w) = whole {
        second.push(match (over_lines.is_empty(), activity_over) {
            (true, false) => format!("budgettet for {} er ikke overskredet", w.year()),
            (true, true) => format!(
                "ingen budgetlinje for {} er overskredet, men enkelte aktiviteter er",
                w.year()
            ),
            (false, _) => format!("{} er overskredet", join_and(&over_lines)),
        });
    } else if activity_over {
        second.push("enkelte aktiviteter har overskredet deres midler".to_owned());
    }
    if let Some(a) = r.activities() {
        second.push(match a.deviations().len() {
            0 => "ingen leverancer er afrapporteret som ikke eller kun delvist leveret".to_owned(),
            1 => "1 leverance er ikke eller kun delvist leveret".to_owned(),
            n => format!("{n} leverancer er ikke eller kun delvist leveret"),
        });
        let has_objectives = a
            .groups()
            .iter()
            .flat_map(crate::model::FocusGroup::activities)
            .any(|x| !x.objectives().is_empty());
        if has_objectives {
            second.push(match a.objective_deviations().len() {
                0 => "ingen målsætninger er afrapporteret som ikke eller kun delvist opnået"
                    .to_owned(),
                1 => "1 målsætning er ikke eller kun delvist opnået".to_owned(),
                n => format!("{n} målsætninger er ikke eller kun delvist opnået"),
            });
        }
    }
    if let Some(o) = r.organisation() {
        let broken = o.findings().iter().filter(|f| *f.error()).count();
        second.push(match broken {
            0 => "mødeloggen overholder aftalens regler for organiseringen".to_owned(),
            n => format!("{n} af aftalens regler for organiseringen er ikke overholdt"),
        });
    }
    let second = if second.is_empty() {
        "Regnskab, tryghedsplan og mødelog er ikke angivet, så forbrug, leverancer og møder indgår ikke.".to_owned()
    } else {
        let mut text = second.join("; ");
        if let Some(c) = text.get(..1) {
            text = format!("{}{}", c.to_uppercase(), &text[1..]);
        }
        format!("{text}.")
    };
    let organisation = r.organisation().as_ref().map(organisation_line);
    VFront {
        conclusion: format!("{first} {second}"),
        budget,
        over,
        deviations,
        more_deviations,
        organisation,
        next_plan: r.next_plan().as_ref().map(next_plan_line),
        to_note: format!(
            "Aftalen: »Partnerskabet vil én gang årligt gøre status for opfyldelsen af målsætningerne om øget tryghed og mindre kriminalitet. Denne status forelægges for Økonomiudvalget ifm. offentliggørelsen af den årlige tryghedsundersøgelse.« Økonomiudvalget bedes tage status {} til efterretning (indstillingens ordlyd er vores).",
            r.year()
        ),
    }
}

/// Next year's plan in one sentence for the summary page.
fn next_plan_line(n: &crate::model::NextPlanSection) -> String {
    let activities: Vec<&crate::model::ActivityRow> = n.activities().collect();
    let multi = activities.iter().filter(|a| a.is_multi_partner()).count();
    let status = n
        .status()
        .as_ref()
        .map_or_else(|| "status ikke oplyst".to_owned(), PlanStatusRow::text);
    let mut text = format!(
        "Tryghedsplanen for {} ({status}): {} aktivitet{}, heraf {multi} med to eller flere samarbejdspartnere",
        n.year(),
        activities.len(),
        if activities.len() == 1 { "" } else { "er" }
    );
    if let Some(f) = n.funds() {
        let _ = write!(
            text,
            "; budget {}, {} aktivitetsmidlerne på {}",
            f.total(),
            if f.total() <= f.funds() {
                "inden for"
            } else {
                "over"
            },
            f.funds(),
        );
    }
    // An amount ends in "kr.": no second full stop.
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

#[derive(Debug, Serialize)]
struct VGoal {
    name: String,
    year: Year,
    baseline: String,
    value: String,
    interval: String,
    references: String,
    change: String,
    target: String,
    status: String,
    key: String,
    status_reason: String,
}

/// The agreement's baseline table.
#[derive(Debug, Serialize)]
struct VBaseline {
    year: Year,
    fixing: String,
    rows: Vec<VBaselineRow>,
}

#[derive(Debug, Serialize)]
struct VBaselineRow {
    name: String,
    target: String,
    value: String,
}

/// A sentence with its first letter in upper case ("styregruppen holdt …" → "Styregruppen …").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `2026-06-15` → `15. juni 2026` (the text as given when it is not such a date).
fn danish_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_or_else(|_| iso.to_owned(), tryghed_diagnostics::format_date_da)
}

/// A baseline in the agreement's table: a count, or the count with its rate per 1.000
/// indbyggere (no rate of a hidden count).
fn baseline_value(f: &Figure) -> String {
    match f {
        Figure::Rate {
            count,
            residents,
            rate: Some(rate),
        } if count.value().is_some() => format!(
            "{count} anmeldelser; {} per 1.000 indbyggere ({} indbyggere)",
            dk::number(*rate, 1),
            dk::int(*residents)
        ),
        Figure::Rate { count, .. } => format!("{count} anmeldelser (ingen rate)"),
        Figure::Number { value } => format!("{} per 1.000 indbyggere", dk::number(*value, 1)),
        other => figure_text(other),
    }
}

/// An indicator's verdict in one sentence.
#[derive(Debug, Serialize)]
struct VWhole {
    year: Year,
    lines: Vec<VMoney>,
    total: VMoney,
    period: Vec<VMoney>,
    period_lines: Vec<VMoney>,
    period_total: VMoney,
    over: Vec<String>,
}

#[derive(Debug, Serialize)]
struct VMoney {
    name: String,
    allocated: String,
    committed: String,
    spent: String,
    free: String,
    /// (committed + spent) / allocated, as a percentage.
    used: String,
    over: bool,
    booked: bool,
}

fn money_row(r: &crate::model::BudgetLineRow, booked: bool) -> VMoney {
    let allocated = Decimal::from(*r.allocated());
    let used = Decimal::from(*r.committed()) + Decimal::from(*r.spent());
    VMoney {
        name: r.name().to_owned(),
        allocated: r.allocated().to_string(),
        committed: r.committed().to_string(),
        spent: r.spent().to_string(),
        free: r.free().to_string(),
        used: if allocated.is_zero() {
            "–".to_owned()
        } else {
            dk::percent(used / allocated)
        },
        over: r.is_over(),
        booked,
    }
}

#[derive(Debug, Serialize)]
struct VOrganisation {
    year: Year,
    as_of: String,
    state: String,
    source: String,
    bodies: Vec<VOrgBody>,
    errors: Vec<String>,
    warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
struct VOrgBody {
    id: String,
    name: String,
    held: u64,
    /// "ved det holdte møde", "ved de 4 holdte møder".
    held_text: String,
    planned: u64,
    rule: String,
    wording: Option<String>,
    cadence: String,
    status: String,
    key: String,
    attendance: Vec<VOrgAttendance>,
    decisions: Vec<VOrgDated>,
    actions: Vec<VOrgAction>,
}

#[derive(Debug, Serialize)]
struct VOrgAttendance {
    party: String,
    meetings: u64,
    of: u64,
    required: bool,
}

#[derive(Debug, Serialize)]
struct VOrgDated {
    date: String,
    text: String,
}

#[derive(Debug, Serialize)]
struct VOrgAction {
    meeting: String,
    what: String,
    owner: String,
    due: String,
}

#[derive(Debug, Serialize)]
struct VVerdict {
    name: String,
    verdict: String,
}

#[derive(Debug, Serialize)]
struct VCrime {
    name: String,
    monitored_only: bool,
    /// How the code list stands, in Danish, when it is not the police's own grouping.
    codes: String,
    cells: Vec<String>,
    baseline: String,
    trend: String,
    status: String,
    key: String,
}

#[derive(Debug, Serialize)]
struct VActivities {
    title: String,
    /// "1 opnået, 1 delvist opnået, …", when the plan has objectives.
    objectives: String,
    status: Option<String>,
    plan_year: Year,
    follow_up: bool,
    groups: Vec<VGroup>,
    deliveries: String,
    funds: String,
    funds_key: String,
    funds_status: String,
}

#[derive(Debug, Serialize)]
struct VGroup {
    name: String,
    activities: Vec<VActivity>,
}

fn group_view(g: &crate::model::FocusGroup) -> VGroup {
    VGroup {
        name: g.name().to_owned(),
        activities: g
            .activities()
            .iter()
            .map(|x| VActivity {
                title: x.title().to_owned(),
                responsible: x.responsible().to_owned(),
                partners: if x.partners().is_empty() {
                    "–".into()
                } else {
                    x.partners().join(", ")
                },
                multi: if x.is_multi_partner() { "ja" } else { "nej" }.into(),
                budget: x
                    .budget()
                    .as_ref()
                    .map_or_else(|| "–".into(), ToString::to_string),
                deliverables: x
                    .deliverables()
                    .iter()
                    .map(|dl| VDeliverable {
                        what: dl.what().to_owned(),
                        delivery: dl.delivery().label().to_owned(),
                        key: delivery_key(*dl.delivery()).into(),
                        note: dl.note().clone().unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The badge style of a delivery: "delvist leveret" is not a success, so it has its own.
fn delivery_key(d: Delivery) -> &'static str {
    match d {
        Delivery::Delivered => "met",
        Delivery::PartlyDelivered => "partly",
        Delivery::NotDelivered => "not-met",
        _ => "pending",
    }
}

/// The sentence before a plan's activities on its budget against the activity funds, with
/// the badge's style and label.
fn funds_view(funds: Option<&crate::model::PlanFunds>, year: Year) -> (String, String, String) {
    let Some(f) = funds else {
        return (String::new(), String::new(), String::new());
    };
    let text = match f.total().checked_sub(*f.funds()) {
        Ok(over) if !over.is_negative() && !over.is_zero() => format!(
            "Aktiviteternes budget i alt, {}, overstiger aktivitetsmidlerne for {year} ({}) med {over}:",
            f.total(),
            f.funds(),
        ),
        _ => format!(
            "Aktiviteternes budget i alt, {}, ligger inden for aktivitetsmidlerne for {year} ({}):",
            f.total(),
            f.funds(),
        ),
    };
    (
        text,
        f.status().key().to_owned(),
        f.status().label().to_owned(),
    )
}

#[derive(Debug, Serialize)]
struct VActivity {
    title: String,
    responsible: String,
    partners: String,
    multi: String,
    budget: String,
    deliverables: Vec<VDeliverable>,
}

/// The section "Afvigelser og opfølgning".
#[derive(Debug, Serialize)]
struct VDeviations {
    follow_up: bool,
    rows: Vec<VDeviation>,
    not_reported: u64,
}

#[derive(Debug, Serialize)]
struct VDeviation {
    what: String,
    due: String,
    activity: String,
    responsible: String,
    status: String,
    key: String,
    reason: String,
    action: String,
    new_due: String,
}

/// The section "Tryghedsplan for <år>".
#[derive(Debug, Serialize)]
struct VNextPlan {
    year: Year,
    title: String,
    status: String,
    groups: Vec<VGroup>,
    count: String,
    funds: String,
    funds_key: String,
    funds_status: String,
}

#[derive(Debug, Serialize)]
struct VDeliverable {
    what: String,
    delivery: String,
    key: String,
    note: String,
}

#[derive(Debug, Serialize)]
struct VCollab {
    text: String,
    status: String,
    key: String,
}

#[derive(Debug, Serialize)]
struct VBudget {
    year: Year,
    funds: String,
    allocated: String,
    unallocated: String,
    committed: String,
    spent: String,
    remaining: String,
    overrun: String,
    has_overrun: bool,
    rows: Vec<VBudgetRow>,
}

#[derive(Debug, Serialize)]
struct VBudgetRow {
    activity: String,
    allocated: String,
    committed: String,
    spent: String,
    remaining: String,
}

#[derive(Debug, Serialize)]
struct VArea {
    name: String,
    area: String,
    estates: Vec<VEstate>,
    credit: String,
    note: String,
}

#[derive(Debug, Serialize)]
struct VEstate {
    name: String,
    owner: String,
    homes: String,
    outline: String,
}

#[derive(Debug, Serialize)]
struct VSource {
    name: String,
    detail: String,
}

/// The figures of the HTML page: panels, legend, notes and a data table each.
#[derive(Debug, Serialize)]
pub(crate) struct VFigures {
    pub(crate) survey: ChartFigure,
    pub(crate) crime: ChartFigure,
    pub(crate) map: ChartFigure,
}

#[allow(clippy::too_many_lines)] // one field per section of the report
pub(crate) fn view(r: &StatusReport) -> View {
    let thr = r.options().suppression_threshold().get();
    let summary = r
        .summary()
        .iter()
        .map(|s| {
            let (status, key, _) = status_text(s.status());
            VSummary {
                title: s.title().to_owned(),
                status,
                key,
                reason: s.reason().to_owned(),
            }
        })
        .collect();
    let goals = r
        .goals()
        .iter()
        .map(|g| {
            let (status, key, status_reason) = status_text(g.status());
            let interval = match (g.interval(), g.respondents()) {
                (Some(i), Some(n)) => format!(
                    "{}–{} (n = {})",
                    dk::percent(*i.lower()).trim_end_matches(" %"),
                    dk::percent(*i.upper()),
                    dk::int(*n)
                ),
                _ if g.value().is_some()
                    && r.survey().iter().any(|s| s.indicator() == g.indicator()) =>
                {
                    "n ukendt".into()
                }
                _ => "–".into(),
            };
            let change = match g.change() {
                Some(c) if matches!(g.value(), Some(Figure::Share { .. })) => {
                    let sig = match c.significance() {
                        SignificanceCell::Significant { .. } => "signifikant",
                        SignificanceCell::NotSignificant { .. } => "ikke signifikant",
                        _ => "signifikans ukendt",
                    };
                    format!("{} ({sig})", dk::points(*c.to() - *c.from()))
                }
                // The report carries no change from or towards a hidden count. Counts change
                // by whole numbers, rates by tenths.
                Some(c) => {
                    let d = *c.to() - *c.from();
                    let sign = if d.is_sign_positive() && !d.is_zero() {
                        "+"
                    } else {
                        ""
                    };
                    let places = u32::from(!matches!(g.value(), Some(Figure::Count { .. })));
                    format!("{sign}{}", dk::number(d, places))
                }
                None => "–".into(),
            };
            VGoal {
                name: g.name().to_owned(),
                year: *g.year(),
                baseline: baseline_text(g.baseline()),
                value: g
                    .value()
                    .as_ref()
                    .map_or_else(|| "mangler".into(), figure_text),
                interval,
                references: g
                    .references()
                    .iter()
                    .map(|x| format!("{} {}", x.area_name(), figure_text(x.value())))
                    .collect::<Vec<_>>()
                    .join(", "),
                change,
                target: g.target().to_owned(),
                status,
                key,
                status_reason,
            }
        })
        .collect();
    let verdicts = r
        .goals()
        .iter()
        .filter(|g| !g.verdict().is_empty())
        .map(|g| VVerdict {
            name: g.name().to_owned(),
            verdict: g.verdict().to_owned(),
        })
        .collect();
    let baseline = r.baseline().as_ref().map(|b| {
        let year = b.year();
        VBaseline {
            year: *year,
            fixing: match b.fixing() {
                BaselineFixing::ThisReport => format!(
                    "Baseline {year} fastlægges med denne afrapportering og tilføjes herefter partnerskabsaftalen (\"Baseline for {year} fastlægges ifm. den første afrapportering til Økonomiudvalget i {} og tilføjes partnerskabsaftalen herefter\")."
                    , year.get() + 1
                ),
                BaselineFixing::NotYetAdded => format!(
                    "Baseline {year} er endnu ikke tilføjet partnerskabsaftalen; tallene er {year}-tallene fra de angivne observationer, og målene vurderes først, når baselinen er tilføjet."
                ),
                BaselineFixing::Amendment { date, title } => format!(
                    "Baseline {year} er fastlagt ved tillæg til partnerskabsaftalen af {} (\"{title}\").",
                    danish_date(date)
                ),
                _ => format!("Baseline {year} står i partnerskabsaftalen."),
            },
            rows: b
                .rows()
                .iter()
                .map(|row| VBaselineRow {
                    name: row.name().to_owned(),
                    target: row.target().to_owned(),
                    value: row
                        .value()
                        .as_ref()
                        .map_or_else(|| "mangler".to_owned(), baseline_value),
                })
                .collect(),
        }
    });
    let first = r
        .crime()
        .iter()
        .flat_map(|c| c.series().iter().map(|p| *p.year()))
        .min()
        .unwrap_or(*r.crime_year())
        .max(r.crime_year().checked_add(-4).unwrap_or(Year::MIN));
    let crime_years: Vec<Year> = first.through(*r.crime_year()).collect();
    let crime = r
        .crime()
        .iter()
        .map(|c| {
            let (status, key, _) = status_text(c.status());
            VCrime {
                name: if *c.per_1000() {
                    format!("{} per 1.000 indbyggere", c.name())
                } else {
                    c.name().to_owned()
                },
                monitored_only: *c.monitored_only(),
                codes: c.codes().mark().to_owned(),
                cells: crime_years
                    .iter()
                    .map(|y| {
                        c.series().iter().find(|p| p.year() == y).map_or_else(
                            || "–".into(),
                            |p| match (*c.per_1000(), p.rate(), p.residents()) {
                                // A rate row shows the rate in every year, with its count and
                                // residents beside it.
                                (true, Some(rate), Some(residents)) => format!(
                                    "{} ({} anmeldelser, {} indbyggere)",
                                    dk::number(*rate, 1),
                                    p.count(),
                                    dk::int(*residents)
                                ),
                                (true, _, _) => format!("{} anmeldelser (ingen rate)", p.count()),
                                _ => p.count().to_string(),
                            },
                        )
                    })
                    .collect(),
                baseline: baseline_text(c.baseline()),
                // The report carries no trend from or towards a hidden count.
                trend: c.trend().label().to_owned(),
                status,
                key,
            }
        })
        .collect();
    let activities = r.activities().as_ref().map(|a| {
        let d = a.deliveries();
        let (funds, funds_key, funds_status) = funds_view(a.funds().as_ref(), *a.plan_year());
        let achieved: Vec<Achievement> = a
            .groups()
            .iter()
            .flat_map(crate::model::FocusGroup::activities)
            .flat_map(crate::model::ActivityRow::objectives)
            .map(|o| *o.achievement())
            .collect();
        let count = |want: Achievement| achieved.iter().filter(|x| **x == want).count();
        VActivities {
            title: a.title().to_owned(),
            objectives: if achieved.is_empty() {
                String::new()
            } else {
                format!(
                    "{} opnået, {} delvist opnået, {} ikke opnået, {} ikke afrapporteret",
                    count(Achievement::Achieved),
                    count(Achievement::PartlyAchieved),
                    count(Achievement::NotAchieved),
                    count(Achievement::NotReported)
                )
            },
            status: a.status().as_ref().map(PlanStatusRow::text),
            plan_year: *a.plan_year(),
            follow_up: *a.follow_up(),
            groups: a.groups().iter().map(group_view).collect(),
            deliveries: format!(
                "{} leveret, {} delvist leveret, {} ikke leveret, {} ikke afrapporteret",
                d.delivered(),
                d.partly_delivered(),
                d.not_delivered(),
                d.not_reported()
            ),
            funds,
            funds_key,
            funds_status,
        }
    });
    let deviations = r.activities().as_ref().map(|a| VDeviations {
        follow_up: *a.follow_up(),
        not_reported: *a.deliveries().not_reported(),
        rows: a
            .deviations()
            .into_iter()
            .map(|(activity, d)| VDeviation {
                what: d.what().to_owned(),
                due: d.due().map_or_else(String::new, dk::long_date),
                activity: activity.title().to_owned(),
                responsible: activity.responsible().to_owned(),
                status: d.delivery().label().to_owned(),
                key: delivery_key(*d.delivery()).to_owned(),
                reason: deviation_reason(d).unwrap_or("ikke oplyst").to_owned(),
                action: d.action().clone().unwrap_or_else(|| "ikke oplyst".into()),
                new_due: d
                    .new_due()
                    .map_or_else(|| "ikke oplyst".to_owned(), dk::long_date),
            })
            .chain(a.objective_deviations().into_iter().map(|(activity, o)| {
                VDeviation {
                    what: format!("Målsætning: {}", o.what()),
                    due: String::new(),
                    activity: activity.title().to_owned(),
                    responsible: activity.responsible().to_owned(),
                    status: o.achievement().label().to_owned(),
                    key: match o.achievement() {
                        Achievement::PartlyAchieved => "partly",
                        _ => "not-met",
                    }
                    .to_owned(),
                    reason: o
                        .reason()
                        .as_deref()
                        .or(o.note().as_deref())
                        .unwrap_or("ikke oplyst")
                        .to_owned(),
                    action: o.action().clone().unwrap_or_else(|| "ikke oplyst".into()),
                    // An objective has no deadline in the plan, so no new one.
                    new_due: "–".to_owned(),
                }
            }))
            .collect(),
    });
    let next_plan = r.next_plan().as_ref().map(|n| {
        let (funds, funds_key, funds_status) = funds_view(n.funds().as_ref(), *n.year());
        let total = n.activities().count();
        let multi = n.activities().filter(|a| a.is_multi_partner()).count();
        VNextPlan {
            year: *n.year(),
            title: n.title().to_owned(),
            status: n
                .status()
                .as_ref()
                .map_or_else(|| "ikke oplyst".to_owned(), PlanStatusRow::text),
            groups: n
                .groups()
                .iter()
                .filter(|g| !g.activities().is_empty())
                .map(group_view)
                .collect(),
            count: format!(
                "{total} aktivitet{}, heraf {multi} med to eller flere samarbejdspartnere.",
                if total == 1 { "" } else { "er" }
            ),
            funds,
            funds_key,
            funds_status,
        }
    });
    let collaboration = r.collaboration().as_ref().map(|c| {
        let (status, key, reason) = status_text(c.status());
        let min = tryghed_goals::Share::new(*c.minimum_numerator(), *c.minimum_denominator())
            .map(|s| dk::percent(s.to_decimal()))
            .unwrap_or_default();
        let text = match (c.multi_partner(), c.total()) {
            (Some(m), Some(t)) if *t > 0 => {
                let share = tryghed_goals::Share::new(*m, *t)
                    .map(|s| dk::percent(s.to_decimal()))
                    .unwrap_or_default();
                format!(
                    "{m} af {t} aktiviteter ({share}) involverer to eller flere samarbejdspartnere. Målet er mindst {min}."
                )
            }
            _ => format!("Kan ikke opgøres: {reason}. Målet er mindst {min}."),
        };
        VCollab { text, status, key }
    });
    let whole_budget = r.whole_budget().as_ref().map(|w| VWhole {
        year: *w.year(),
        lines: w.lines().iter().map(|l| money_row(l, true)).collect(),
        total: money_row(w.total(), true),
        period: w
            .period()
            .iter()
            .map(|y| money_row(y.amounts(), *y.booked()))
            .collect(),
        period_lines: w
            .period_lines()
            .iter()
            .map(|l| money_row(l, true))
            .collect(),
        period_total: money_row(w.period_total(), true),
        over: w
            .lines()
            .iter()
            .filter(|l| l.is_over())
            .map(|l| {
                format!(
                    "{} {} er overskredet: der er disponeret og forbrugt {} mere end bevilget.",
                    l.name(),
                    w.year(),
                    tryghed_budget::Dkk::ZERO
                        .checked_sub(*l.free())
                        .map_or_else(|_| l.free().to_string(), |d| d.to_string())
                )
            })
            .collect(),
    });
    let organisation = r.organisation().as_ref().map(|o| VOrganisation {
        year: *o.year(),
        as_of: danish_date(&o.as_of().to_string()),
        state: o.state().to_owned(),
        source: o.source().to_owned(),
        bodies: o
            .bodies()
            .iter()
            .enumerate()
            .map(|(i, b)| VOrgBody {
                id: format!("org-{}", i + 1),
                name: b.name().to_owned(),
                held: *b.held(),
                held_text: if *b.held() == 1 {
                    "ved det holdte møde".to_owned()
                } else {
                    format!("ved de {} holdte møder", b.held())
                },
                planned: *b.planned(),
                rule: b.rule().to_owned(),
                wording: b.wording().clone(),
                cadence: b.cadence().to_owned(),
                status: b.status().label().to_owned(),
                key: b.status().key().to_owned(),
                attendance: b
                    .attendance()
                    .iter()
                    .map(|a| VOrgAttendance {
                        party: a.party().to_owned(),
                        meetings: *a.meetings(),
                        of: *b.held(),
                        required: *a.required(),
                    })
                    .collect(),
                decisions: b
                    .decisions()
                    .iter()
                    .map(|d| VOrgDated {
                        date: danish_date(&d.date().to_string()),
                        text: d.text().to_owned(),
                    })
                    .collect(),
                actions: b
                    .actions()
                    .iter()
                    .map(|a| VOrgAction {
                        meeting: danish_date(&a.meeting().to_string()),
                        what: a.what().to_owned(),
                        owner: a.owner().to_owned(),
                        due: danish_date(&a.due().to_string()),
                    })
                    .collect(),
            })
            .collect(),
        errors: o
            .findings()
            .iter()
            .filter(|f| *f.error())
            .map(|f| capitalised(f.message()))
            .collect(),
        warnings: o
            .findings()
            .iter()
            .filter(|f| !*f.error())
            .map(|f| capitalised(f.message()))
            .collect(),
    });
    let budget = r.budget().as_ref().map(|b| VBudget {
        year: *b.year(),
        funds: b.funds().to_string(),
        allocated: b.allocated().to_string(),
        unallocated: b.unallocated().to_string(),
        committed: b.committed().to_string(),
        spent: b.spent().to_string(),
        remaining: b.remaining().to_string(),
        overrun: b.overrun().to_string(),
        has_overrun: !b.overrun().is_zero(),
        rows: b
            .activities()
            .iter()
            .map(|a| VBudgetRow {
                activity: a.title().clone().unwrap_or_else(|| a.activity().to_owned()),
                allocated: a.allocated().to_string(),
                committed: a.committed().to_string(),
                spent: a.spent().to_string(),
                remaining: a.remaining().to_string(),
            })
            .collect(),
    });
    let area = r.area().as_ref().map(|a| VArea {
        name: a.name().to_owned(),
        area: format!("{} m²", dk::int(*a.area_m2())),
        estates: a
            .estates()
            .iter()
            .map(|e| VEstate {
                name: e.name().to_owned(),
                owner: e.owner().clone().unwrap_or_else(|| "ukendt".into()),
                homes: e
                    .homes()
                    .map_or_else(|| "ukendt".into(), |h| dk::int(u64::from(h))),
                outline: if *e.outline_known() {
                    "kendt (vist på kortet)"
                } else {
                    "ikke kendt"
                }
                .into(),
            })
            .collect(),
        credit: a.credit().to_owned(),
        note: a.outline_note().to_owned(),
    });
    let doc_title = format!(
        "{}Status {}: {}",
        if r.example().is_some() {
            "EKSEMPEL – "
        } else {
            ""
        },
        r.year(),
        r.agreement_title()
    );
    let issued = r.issued().map(|d| danish_date(&d.to_string()));
    let mut footer = vec![doc_title.clone()];
    footer.push(issued.as_ref().map_or_else(
        || "udgivelsesdato ikke angivet".to_owned(),
        |d| format!("udgivet {d}"),
    ));
    if let Some(sender) = r.sender() {
        footer.push(sender.clone());
    }
    View {
        title: r.agreement_title().to_owned(),
        page_footer: footer.join(" · "),
        doc_title,
        example: r.example().clone(),
        issued,
        sender: r.sender().clone(),
        district: r.district().clone().unwrap_or_default(),
        year: *r.year(),
        crime_year: *r.crime_year(),
        period: format!("{}–{}", r.period_first_year(), r.period_last_year()),
        threshold: thr,
        summary,
        front: front(r),
        goals,
        verdicts,
        crime_years,
        crime,
        baseline,
        activities,
        deviations,
        next_plan,
        collaboration,
        budget,
        whole_budget,
        organisation,
        area,
        sources: r
            .sources()
            .iter()
            .map(|s| VSource {
                name: s.name().to_owned(),
                detail: s.detail().to_owned(),
            })
            .collect(),
        caveats: r.caveats().to_vec(),
        missing: r.missing().to_vec(),
        figures: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::{ActivityRow, DeliverableRow, Delivery, PlanInput, ReportBuilder, Year};

    /// A plan whose one activity has `statuses` as its deliverables, named d0, d1, ….
    fn plan(statuses: &[Delivery]) -> PlanInput {
        let deliverables = statuses
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let row = DeliverableRow::new(format!("d{i}"), *s, None).unwrap();
                if row.is_deviation() {
                    row.with_deviation(Some(format!("grund {i}")), None, None)
                        .unwrap()
                } else {
                    row
                }
            })
            .collect();
        let activity = ActivityRow::new("a", "Eksempel", "kommunikation", "3B", vec![])
            .unwrap()
            .with_deliverables(deliverables);
        PlanInput::new(Year::new(2026).unwrap(), "Eksempel", true, vec![activity]).unwrap()
    }

    #[test]
    fn the_summary_page_names_the_undelivered_first_and_at_most_five() {
        use Delivery::{Delivered, NotDelivered, PartlyDelivered};
        let agreement = tryghed_agreement::Agreement::folehaven();
        let statuses = [
            PartlyDelivered,
            Delivered,
            NotDelivered,
            PartlyDelivered,
            PartlyDelivered,
            NotDelivered,
            PartlyDelivered,
            PartlyDelivered,
        ];
        let report = ReportBuilder::new(&agreement)
            .year(Year::new(2026).unwrap())
            .plan(plan(&statuses))
            .build()
            .unwrap();
        let (front, total) = super::deviations(&report);
        assert_eq!(total, 7);
        let names: Vec<&str> = front
            .iter()
            .map(|t| t.split(" – ").next().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "Eksempel: d2",
                "Eksempel: d5",
                "Eksempel: d0",
                "Eksempel: d3",
                "Eksempel: d4"
            ]
        );
        assert!(front[0].contains("Begrundelse: grund 2. Handling: ikke oplyst."));
        let md = crate::render_markdown(&report).unwrap();
        assert!(
            md.contains("Og 2 afvigelser mere: se Afvigelser og opfølgning."),
            "{md}"
        );
        // The section lists every one of them, and no delivered deliverable.
        assert_eq!(md.matches("| Eksempel (3B) |").count(), 7, "{md}");
        assert!(!md.contains("| d1 |"));
    }

    #[test]
    fn a_follow_up_without_deviations_says_so() {
        let agreement = tryghed_agreement::Agreement::folehaven();
        let report = ReportBuilder::new(&agreement)
            .year(Year::new(2026).unwrap())
            .plan(plan(&[Delivery::Delivered, Delivery::NotReported]))
            .build()
            .unwrap();
        let md = crate::render_markdown(&report).unwrap();
        assert!(
            md.contains("Ingen afvigelser: alle afrapporterede leverancer er leveret og målsætninger opnået."),
            "{md}"
        );
        assert!(md.contains("1 leverance er ikke afrapporteret i opfølgningen."));
    }
}
