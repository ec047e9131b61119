//! Validation of a plan against a [`PlanContext`]: the rules of the agreement.

use crate::Year;
use std::collections::BTreeSet;

use chrono::Datelike;
use tryghed_budget::{ActivityId, Dkk};
use tryghed_goals::Share;
use tryghed_parties::PartyId;

use crate::partial::{PartialActivity, PartialPlan};
use crate::site::{DeliverablePart, Part, Site};
use crate::{Activity, Diagnostic, Partner, Plan, PlanContext, PlanStatus};

/// How the plan's budget compares with the year's activity funds (aktivitetsmidler).
#[doc(alias = "budgetforbrug")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BudgetUse {
    year: Year,
    total: Dkk,
    funds: Option<Dkk>,
}

impl BudgetUse {
    /// The plan's year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The sum of the activities' budgets.
    pub fn total(&self) -> Dkk {
        self.total
    }

    /// The year's activity funds, if the context knows them.
    #[doc(alias = "aktivitetsmidler")]
    pub fn funds(&self) -> Option<Dkk> {
        self.funds
    }

    /// `funds − total` (negative when the plan spends too much), if the funds are known.
    #[doc(alias = "restbeløb")]
    pub fn remainder(&self) -> Option<Dkk> {
        self.funds
            .and_then(|funds| funds.checked_sub(self.total).ok())
    }

    /// Whether the total is within the funds; `None` when the funds are unknown.
    pub fn is_within_funds(&self) -> Option<bool> {
        self.funds.map(|funds| self.total <= funds)
    }
}

/// The collaboration rule of the agreement (goal 3): how many of the plan's activities involve
/// two or more samarbejdspartnere.
///
/// > "Ud af det samlede antal aktiviteter i tryghedsplanen, skal minimum 75 % involvere to
/// > eller flere samarbejdspartnere, lokaliseret i eller udenfor partnerskabsområdet."
/// > (section 2, goal 3)
///
/// An activity involves the organisations named as its responsible party and its partners,
/// counted without repetition, by one rule that `tryghed plan` and `tryghed report` share:
///
/// - **Each forvaltning is a samarbejdspartner of its own.** Section 4 names them as
///   separate parties: "Tryghedspartnerskabet Folehaven består af følgende parter:
///   Københavns Kommunes syv forvaltninger …, Københavns Politi, Boligforeningen 3B,
///   Boligforeningen SAB", the styregruppe has "repræsentanter fra hver deltager", and goal 3
///   exists "for at understøtte det tværgående samarbejde". So Teknik- og
///   Miljøforvaltningen with Børne- og Ungdomsforvaltningen is two; folding every forvaltning
///   into Københavns Kommune would make the agreement's own cross-administration work count
///   as one organisation.
/// - **A unit counts as the party it is part of** (see [`PlanContext::organisation_of`]):
///   "Socialforvaltningen, herunder SSP", so SSP with Socialforvaltningen is one, and SSP with
///   Børne- og Ungdomsforvaltningen two.
/// - **A party and a party it is part of count once** (see [`PlanContext::is_within`]):
///   Københavns Kommune named beside Økonomiforvaltningen is one organisation, not two. This
///   is *our* reading where the agreement is silent: a name that includes another adds no
///   partner.
/// - **Organisations outside the agreement count**, inside or outside the area ("lokaliseret
///   i eller udenfor partnerskabsområdet"), told apart by name (ignoring case and surrounding
///   white space).
///
/// An activity with two or more such organisations counts as multi-partner. The rule holds
/// when `4 · multi ≥ 3 · total`, exactly (via [`Share::is_at_least`]). A plan with no
/// activities holds it vacuously; [`Plan::validate`] warns about such a plan.
#[doc(alias = "samarbejdsandel")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Collaboration {
    multi_partner: u64,
    total: u64,
}

impl Collaboration {
    /// Counts of multi-partner activities and of all activities.
    ///
    /// `multi_partner` is capped at `total`.
    pub fn new(multi_partner: u64, total: u64) -> Self {
        Collaboration {
            multi_partner: multi_partner.min(total),
            total,
        }
    }

    /// The number of activities with two or more partners.
    pub fn multi_partner(&self) -> u64 {
        self.multi_partner
    }

    /// The number of activities.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// `multi_partner / total`, or `None` for a plan with no activities.
    #[doc(alias = "andel")]
    pub fn share(&self) -> Option<Share> {
        Share::new(self.multi_partner, self.total).ok()
    }

    /// Whether at least 75 % of the activities have two or more partners (exact; true for a
    /// plan with no activities).
    ///
    /// ```
    /// use tryghed_plan::Collaboration;
    ///
    /// assert!(Collaboration::new(3, 4).is_met());
    /// assert!(!Collaboration::new(2, 3).is_met());
    /// assert!(!Collaboration::new(74, 99).is_met());
    /// assert!(Collaboration::new(75, 100).is_met());
    /// ```
    pub fn is_met(&self) -> bool {
        match (self.share(), Share::new(3, 4)) {
            (Some(share), Ok(required)) => share.is_at_least(required),
            _ => true,
        }
    }

    /// How many more activities would have to become multi-partner for the rule to hold.
    pub fn missing(&self) -> u64 {
        // Smallest k with 4·(multi + k) ≥ 3·total.
        let need = u128::from(self.total) * 3;
        let have = u128::from(self.multi_partner) * 4;
        u64::try_from(need.saturating_sub(have).div_ceil(4)).unwrap_or(u64::MAX)
    }
}

/// An organisation involved in an activity, for counting distinct partners.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Organisation {
    Party(PartyId),
    External(String),
}

fn organisation_of(context: &PlanContext, id: &PartyId) -> Organisation {
    Organisation::Party(context.organisation_of(id).unwrap_or(id).clone())
}

fn partner_organisation(context: &PlanContext, partner: &Partner) -> Organisation {
    match partner {
        Partner::Party(id) => organisation_of(context, id),
        Partner::External(external) => {
            Organisation::External(external.name().trim().to_lowercase())
        }
    }
}

/// The distinct organisations among `responsible` (if known) and `partners`, in the order
/// first named, by the rule described at [`Collaboration`]: units folded into their party,
/// and a party dropped when another named party is part of it.
fn involved_organisations<'a>(
    context: &PlanContext,
    responsible: Option<&PartyId>,
    partners: impl IntoIterator<Item = &'a Partner>,
) -> Vec<Organisation> {
    let mut seen: Vec<Organisation> = Vec::new();
    let named = responsible
        .map(|id| organisation_of(context, id))
        .into_iter()
        .chain(
            partners
                .into_iter()
                .map(|p| partner_organisation(context, p)),
        );
    for organisation in named {
        if !seen.contains(&organisation) {
            seen.push(organisation);
        }
    }
    let parties: Vec<PartyId> = seen
        .iter()
        .filter_map(|o| match o {
            Organisation::Party(id) => Some(id.clone()),
            Organisation::External(_) => None,
        })
        .collect();
    seen.retain(|o| match o {
        Organisation::Party(outer) => !parties.iter().any(|inner| context.is_within(inner, outer)),
        Organisation::External(_) => true,
    });
    seen
}

/// The number of distinct organisations among `responsible` (if known) and `partners`.
fn count_organisations<'a>(
    context: &PlanContext,
    responsible: Option<&PartyId>,
    partners: impl IntoIterator<Item = &'a Partner>,
) -> usize {
    involved_organisations(context, responsible, partners).len()
}

impl Activity {
    /// The number of distinct organisations involved: the responsible party and its partners,
    /// counted by the rule described at [`Collaboration`].
    #[doc(alias = "antal samarbejdspartnere")]
    pub fn organisations(&self, context: &PlanContext) -> usize {
        count_organisations(context, Some(self.responsible()), self.partners())
    }

    /// The names of the distinct organisations involved, in the order first named, by the
    /// rule described at [`Collaboration`]: a party by its name in `context` (a unit by the
    /// party it is part of), an external organisation by its name as written.
    ///
    /// ```
    /// # use std::collections::BTreeMap;
    /// use tryghed_parties::{Parties, Party, PartyKind};
    /// use tryghed_plan::{FocusArea, Plan, PlanContext, Year};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let parties = Parties::new(vec![
    ///     Party::new("kk".parse()?, "Københavns Kommune", PartyKind::Municipality)?,
    ///     Party::new("sof".parse()?, "Socialforvaltningen", PartyKind::Administration)?
    ///         .with_parent("kk".parse()?)?,
    ///     Party::new("buf".parse()?, "Børne- og Ungdomsforvaltningen", PartyKind::Administration)?
    ///         .with_parent("kk".parse()?)?,
    ///     Party::new("ssp".parse()?, "SSP", PartyKind::Unit)?.with_parent("sof".parse()?)?,
    /// ])?;
    /// let areas = vec![FocusArea::new("positive-faellesskaber".parse()?, "Flere positive fællesskaber")?];
    /// let context = PlanContext::new(Year::new(2026)?..=Year::new(2029)?, &parties, areas, BTreeMap::new())?;
    /// let plan = Plan::from_toml_str(r#"
    /// year = 2026
    /// [[activities]]
    /// id = "fritidsjob"
    /// title = "Fritidsjob"
    /// focus_area = "positive-faellesskaber"
    /// responsible = "sof"
    /// partners = ["ssp", "kk", "buf"]
    /// budget = 0
    /// "#)?;
    /// let activity = &plan.activities()[0];
    /// // SSP is part of Socialforvaltningen; Københavns Kommune contains both forvaltninger.
    /// assert_eq!(
    ///     activity.organisation_names(&context),
    ///     ["Socialforvaltningen", "Børne- og Ungdomsforvaltningen"]
    /// );
    /// assert!(activity.is_multi_partner(&context));
    /// # Ok(())
    /// # }
    /// ```
    pub fn organisation_names(&self, context: &PlanContext) -> Vec<String> {
        let written = |key: &str| {
            self.partners().iter().find_map(|p| match p {
                Partner::External(e) if e.name().trim().to_lowercase() == key => {
                    Some(e.name().trim().to_owned())
                }
                _ => None,
            })
        };
        involved_organisations(context, Some(self.responsible()), self.partners())
            .into_iter()
            .map(|o| match o {
                Organisation::Party(id) => context
                    .party_name(&id)
                    .map_or_else(|| id.to_string(), str::to_owned),
                Organisation::External(key) => written(&key).unwrap_or(key),
            })
            .collect()
    }

    /// Whether the activity involves two or more partners ([`Collaboration`]).
    pub fn is_multi_partner(&self, context: &PlanContext) -> bool {
        self.organisations(context) >= 2
    }
}

impl Plan {
    /// The collaboration count of the plan (goal 3 of the agreement).
    pub fn collaboration(&self, context: &PlanContext) -> Collaboration {
        let multi = self
            .activities()
            .iter()
            .filter(|a| a.is_multi_partner(context))
            .count();
        Collaboration::new(
            u64::try_from(multi).unwrap_or(u64::MAX),
            u64::try_from(self.activities().len()).unwrap_or(u64::MAX),
        )
    }

    /// The plan's budget total against the year's activity funds.
    ///
    /// # Errors
    ///
    /// [`tryghed_budget::BudgetError::Overflow`] if the total does not fit in a [`Dkk`].
    pub fn budget_use(
        &self,
        context: &PlanContext,
    ) -> Result<BudgetUse, tryghed_budget::BudgetError> {
        let total = Dkk::checked_sum(self.activities().iter().map(Activity::budget))?;
        Ok(BudgetUse {
            year: self.year(),
            total,
            funds: context.activity_funds(self.year()),
        })
    }

    /// Validates the plan against the agreement's facts and returns every problem found,
    /// errors and warnings, in plan order. The plan keeps the agreement when no diagnostic is
    /// an error.
    ///
    /// These diagnostics have a field path but no file location; [`check_plan`] reads a plan
    /// file and places each one at its line and column.
    ///
    /// The rules are listed in the [format documentation](mod@crate::format): the year lies in the agreement period;
    /// every focus area and party is the agreement's; activity ids are unique, and deliverable
    /// ids within an activity; the budget total is within the year's activity funds; at least
    /// 75 % of the activities involve two or more partners ([`Collaboration`]). Warnings: a
    /// deliverable due outside the plan year, an activity without deliverables, a partner that
    /// repeats the responsible party or another partner, an unknown indicator, unknown
    /// activity funds, a plan with no activities.
    ///
    /// [`check_plan`]: crate::check_plan
    #[must_use = "the problems found are the result of the validation"]
    pub fn validate(&self, context: &PlanContext) -> Vec<Diagnostic> {
        validate(&PartialPlan::from(self), context)
            .diagnostics
            .into_iter()
            .map(|(site, diagnostic)| diagnostic.with_field(site.field()))
            .collect()
    }
}

/// What validation found.
pub(crate) struct Validation {
    pub(crate) diagnostics: Vec<(Site, Diagnostic)>,
    pub(crate) budget: Option<BudgetUse>,
    pub(crate) collaboration: Option<Collaboration>,
}

/// Validates what could be read of a plan. Every rule about one field runs on every field
/// that could be read; the budget total needs the year and every budget, and the
/// collaboration count every responsible party and partner, so each is skipped (with a warning
/// naming the fields that prevented it) when one of those could not be read.
pub(crate) fn validate(plan: &PartialPlan, context: &PlanContext) -> Validation {
    let mut out = Vec::new();
    let year = plan.year;
    let in_period = year.is_some_and(|year| context.years().contains(year));
    if let Some(year) = year
        && !in_period
    {
        out.push((
            Site::Year,
            Diagnostic::error(
                "",
                format!(
                    "tryghedsplanen er for {year}, uden for aftaleperioden {}–{}",
                    context.first_year(),
                    context.last_year()
                ),
            ),
        ));
    }
    check_lifecycle(plan, &mut out);
    let mut seen_ids = BTreeSet::new();
    for (i, activity) in plan.activities.iter().enumerate() {
        if let Some(id) = &activity.id
            && !seen_ids.insert(id)
        {
            out.push((
                Site::Activity(i, Part::Id),
                Diagnostic::error(
                    "",
                    format!("aktivitets-id'et \"{id}\" bruges mere end én gang"),
                )
                .with_help("giv hver aktivitet sit eget id; opfølgningen henviser til det"),
            ));
        }
        check_activity(i, activity, year, context, &mut out);
    }

    if plan.activities.is_empty() {
        let message = match year {
            Some(year) => format!("tryghedsplanen for {year} har ingen aktiviteter"),
            None => "tryghedsplanen har ingen aktiviteter".to_owned(),
        };
        out.push((
            Site::File,
            Diagnostic::warning("", message)
                .with_help("tilføj aktiviteter som [[activities]]-afsnit (se formatbeskrivelsen)"),
        ));
    }
    let budget = check_budget(plan, context, in_period, &mut out);
    let collaboration = check_collaboration(plan, context, &mut out);
    Validation {
        diagnostics: out,
        budget,
        collaboration,
    }
}

/// The plan's status against its approval and revisions: an approved plan has an approval, a
/// revised one also a revision, and the dates follow each other.
fn check_lifecycle(plan: &PartialPlan, out: &mut Vec<(Site, Diagnostic)>) {
    let Some(status) = plan.status else {
        return;
    };
    let approved = plan.approval.is_some();
    let revised = !plan.revisions.is_empty();
    match status {
        PlanStatus::Draft if approved => out.push((
            Site::Approval { date: false },
            Diagnostic::error("", "tryghedsplanen har en godkendelse ([approval]), men dens status er udkast")
                .with_help("skriv status = \"approved\" (eller \"revised\", hvis den er revideret siden)"),
        )),
        PlanStatus::Draft if revised => out.push((
            Site::Revision(0, false),
            Diagnostic::error("", "tryghedsplanen har en revision, men er hverken godkendt eller revideret")
                .with_help("en revision ændrer en godkendt plan; tilføj [approval], og skriv status = \"revised\""),
        )),
        PlanStatus::Approved | PlanStatus::Revised if !approved => out.push((
            Site::Status,
            Diagnostic::error(
                "",
                format!("tryghedsplanen er {}, men der står ikke, hvem der godkendte den og hvornår", status.label_da()),
            )
            .with_help("tilføj [approval] med date = ÅÅÅÅ-MM-DD og body = \"styregruppe\" (eller det organ, der godkendte den)"),
        )),
        PlanStatus::Revised if !revised => out.push((
            Site::Status,
            Diagnostic::error("", "tryghedsplanen er revideret, men har ingen revision ([[revisions]])")
                .with_help("tilføj [[revisions]] med date og reason (begrundelsen)"),
        )),
        PlanStatus::Approved if revised => out.push((
            Site::Revision(0, false),
            Diagnostic::error("", "tryghedsplanen har en revision, men dens status er godkendt")
                .with_help("skriv status = \"revised\""),
        )),
        _ => {}
    }
    let approval_date = plan.approval.flatten();
    if let (Some(date), Some(year)) = (approval_date, plan.year)
        && date.year() > year.get()
    {
        out.push((
            Site::Approval { date: true },
            Diagnostic::warning(
                "",
                format!("tryghedsplanen for {year} er godkendt {date}, efter planåret"),
            ),
        ));
    }
    let mut previous = approval_date;
    for (i, date) in plan.revisions.iter().enumerate() {
        let Some(date) = *date else {
            continue;
        };
        if let Some(approved) = approval_date
            && date < approved
        {
            out.push((
                Site::Revision(i, true),
                Diagnostic::error(
                    "",
                    format!("revisionen den {date} ligger før godkendelsen den {approved}"),
                ),
            ));
        } else if let Some(before) = previous
            && date < before
        {
            out.push((
                Site::Revision(i, true),
                Diagnostic::warning(
                    "",
                    format!("revisionen den {date} står efter en revision den {before}; skriv dem i datoorden"),
                ),
            ));
        }
        if let Some(year) = plan.year
            && date.year() != year.get()
        {
            out.push((
                Site::Revision(i, true),
                Diagnostic::warning(
                    "",
                    format!("revisionen den {date} ligger uden for planåret {year}"),
                ),
            ));
        }
        previous = Some(date);
    }
}

/// How an activity is named in messages: by its id, or by its place when the id is unreadable.
fn named(i: usize, id: Option<&ActivityId>) -> String {
    match id {
        Some(id) => format!("aktiviteten \"{id}\""),
        None => format!("aktiviteten activities[{i}]"),
    }
}

#[allow(clippy::too_many_lines, reason = "one rule after the other")]
fn check_activity(
    i: usize,
    activity: &PartialActivity,
    year: Option<Year>,
    context: &PlanContext,
    out: &mut Vec<(Site, Diagnostic)>,
) {
    let at = |part| Site::Activity(i, part);
    let name = named(i, activity.id.as_ref());
    if let Some(focus_area) = &activity.focus_area
        && context.focus_area(focus_area).is_none()
    {
        let known: Vec<&str> = context
            .focus_areas()
            .iter()
            .map(|a| a.id().as_str())
            .collect();
        out.push((
            at(Part::FocusArea),
            Diagnostic::error(
                "",
                format!("{name}: indsatsområdet \"{focus_area}\" er ikke et af aftalens"),
            )
            .with_help(format!("brug et af: {}", known.join(", "))),
        ));
    }
    let responsible = activity.responsible.as_ref();
    if let Some(responsible) = responsible
        && !context.is_party(responsible)
    {
        out.push((
            at(Part::Responsible),
            Diagnostic::error(
                "",
                format!("{name}: den ansvarlige part \"{responsible}\" er ikke part i aftalen"),
            )
            .with_help(known_parties(context)),
        ));
    }
    let mut involved: BTreeSet<Organisation> = responsible
        .map(|id| organisation_of(context, id))
        .into_iter()
        .collect();
    let partners = activity.partners.iter().flatten().enumerate();
    for (j, partner) in partners.filter_map(|(j, p)| Some((j, p.as_ref()?))) {
        if let Partner::Party(id) = partner
            && !context.is_party(id)
        {
            out.push((
                at(Part::Partner(j)),
                Diagnostic::error(
                    "",
                    format!("{name}: samarbejdspartneren \"{id}\" er ikke part i aftalen"),
                )
                .with_help(format!(
                    "{}; skriv en organisation uden for aftalen som {{ name = \"…\", located = \"inside\" }} eller \"outside\"",
                    known_parties(context)
                )),
            ));
            involved.insert(organisation_of(context, id));
            continue;
        }
        let organisation = partner_organisation(context, partner);
        if let Organisation::Party(new) = &organisation
            && let Some(Organisation::Party(other)) = involved.iter().find(|o| match o {
                Organisation::Party(o) => context.is_within(o, new) || context.is_within(new, o),
                Organisation::External(_) => false,
            })
        {
            let (inner, outer) = if context.is_within(other, new) {
                (other, new)
            } else {
                (new, other)
            };
            let name = |id: &PartyId| context.party_name(id).unwrap_or(id.as_str()).to_owned();
            out.push((
                at(Part::Partner(j)),
                Diagnostic::warning(
                    "",
                    format!(
                        "{name_}: {} er en del af {}, så de to tæller som én samarbejdspartner",
                        name(inner),
                        name(outer),
                        name_ = named(i, activity.id.as_ref())
                    ),
                ),
            ));
        }
        if !involved.insert(organisation) {
            let message = match partner {
                Partner::Party(id) if Some(id) == responsible => format!(
                    "{name}: samarbejdspartneren \"{id}\" er den ansvarlige part selv og tælles ikke to gange"
                ),
                _ => format!(
                    "{name}: samarbejdspartneren \"{partner}\" er samme organisation som den ansvarlige part eller en tidligere samarbejdspartner og tælles ikke to gange"
                ),
            };
            out.push((at(Part::Partner(j)), Diagnostic::warning("", message)));
        }
    }
    let mut indicators = BTreeSet::new();
    let read = activity.indicators.iter().enumerate();
    for (j, indicator) in read.filter_map(|(j, x)| Some((j, x.as_ref()?))) {
        if !indicators.insert(indicator) {
            out.push((
                at(Part::Indicator(j)),
                Diagnostic::warning(
                    "",
                    format!("{name}: indikatoren \"{indicator}\" er nævnt mere end én gang"),
                ),
            ));
        } else if context
            .indicators()
            .is_some_and(|known| !known.contains(indicator))
        {
            out.push((
                at(Part::Indicator(j)),
                Diagnostic::warning(
                    "",
                    format!("{name}: indikatoren \"{indicator}\" er ikke en af aftalens"),
                ),
            ));
        }
    }
    let mut objective_ids = BTreeSet::new();
    for (k, id) in activity.objectives.iter().enumerate() {
        if let Some(id) = id
            && !objective_ids.insert(id)
        {
            out.push((
                at(Part::Objective(k)),
                Diagnostic::error(
                    "",
                    format!("{name}: målsætnings-id'et \"{id}\" bruges mere end én gang"),
                )
                .with_help("giv hver målsætning i en aktivitet sit eget id"),
            ));
        }
    }
    let Some(deliverables) = &activity.deliverables else {
        return;
    };
    if deliverables.is_empty() {
        out.push((
            at(Part::Whole),
            Diagnostic::warning("", format!("{name} har ingen leverancer")).with_help(
                "den aktivitetsansvarlige afrapporterer på leverancerne i opfølgningen; tilføj [[activities.deliverables]]",
            ),
        ));
    }
    let mut deliverable_ids = BTreeSet::new();
    for (k, deliverable) in deliverables.iter().enumerate() {
        let label = match &deliverable.id {
            Some(id) => {
                if !deliverable_ids.insert(id) {
                    out.push((
                        at(Part::Deliverable(k, DeliverablePart::Id)),
                        Diagnostic::error(
                            "",
                            format!("{name}: leverance-id'et \"{id}\" bruges mere end én gang"),
                        )
                        .with_help("giv hver leverance i en aktivitet sit eget id"),
                    ));
                }
                format!("leverancen \"{id}\"")
            }
            None => format!("leverancen deliverables[{k}]"),
        };
        let (Some(due), Some(year)) = (deliverable.due, year) else {
            continue;
        };
        if due.year() > year.get() {
            out.push((
                at(Part::Deliverable(k, DeliverablePart::Due)),
                Diagnostic::warning(
                    "",
                    format!("{name}: {label} har frist {due}, efter planåret {year}"),
                ),
            ));
        } else if due.year() < year.get() {
            out.push((
                at(Part::Deliverable(k, DeliverablePart::Due)),
                Diagnostic::warning(
                    "",
                    format!("{name}: {label} har frist {due}, før planåret {year}"),
                ),
            ));
        }
    }
}

fn known_parties(context: &PlanContext) -> String {
    let ids: Vec<&str> = context.party_ids().map(PartyId::as_str).collect();
    if ids.is_empty() {
        "aftalen har ingen parter".to_owned()
    } else {
        format!("aftalens parter er: {}", ids.join(", "))
    }
}

/// A warning that an aggregate check was skipped because of the unreadable `fields` (field
/// path and the activity's id, if readable); it points at the first of them.
fn skipped(what: &str, fields: &[(Site, Option<&ActivityId>)]) -> Option<(Site, Diagnostic)> {
    let (first, _) = fields.first()?;
    let names: Vec<String> = fields
        .iter()
        .map(|(site, id)| match id {
            Some(id) => format!("{} (aktiviteten \"{id}\")", site.field()),
            None => site.field(),
        })
        .collect();
    let (fix, list) = match names.as_slice() {
        [one] => ("den værdi", one.clone()),
        _ => ("de værdier", names.join(", ")),
    };
    Some((
        *first,
        Diagnostic::warning(
            "",
            format!("{what} blev ikke kontrolleret, fordi {list} ikke kunne læses"),
        )
        .with_help(format!(
            "en optælling over en del af planen ville vildlede; ret {fix}, og kontrollér igen"
        )),
    ))
}

/// The budget total against the funds, when the year and every budget could be read.
fn check_budget(
    plan: &PartialPlan,
    context: &PlanContext,
    in_period: bool,
    out: &mut Vec<(Site, Diagnostic)>,
) -> Option<BudgetUse> {
    const WHAT: &str = "budgettets sum og grænsen på årets aktivitetsmidler";
    let Some(year) = plan.year else {
        out.push((
            Site::Year,
            Diagnostic::warning(
                "",
                format!("{WHAT} blev ikke kontrolleret, fordi planens år ikke kunne læses"),
            ),
        ));
        return None;
    };
    let unreadable: Vec<(Site, Option<&ActivityId>)> = plan
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| a.budget.is_none())
        .map(|(i, a)| (Site::Activity(i, Part::Budget), a.id.as_ref()))
        .collect();
    if let Some(warning) = skipped(WHAT, &unreadable) {
        out.push(warning);
        return None;
    }
    let budgets: Vec<Dkk> = plan.activities.iter().filter_map(|a| a.budget).collect();
    let total = match Dkk::checked_sum(budgets.iter().copied()) {
        Ok(total) => total,
        Err(error) => {
            out.push((
                Site::File,
                Diagnostic::error(
                    "",
                    format!("budgettets sum kan ikke beregnes: {}", error.message_da()),
                ),
            ));
            return None;
        }
    };
    let used = BudgetUse {
        year,
        total,
        funds: context.activity_funds(year),
    };
    match used.funds() {
        Some(funds) if used.total() > funds => {
            // Point at the activity whose budget takes the running total over the funds.
            let mut running = Dkk::ZERO;
            let mut site = Site::File;
            for (i, budget) in budgets.iter().enumerate() {
                running = running.checked_add(*budget).unwrap_or(Dkk::MAX);
                if running > funds {
                    site = Site::Activity(i, Part::Budget);
                    break;
                }
            }
            let over = used.total().checked_sub(funds).unwrap_or(Dkk::MAX);
            out.push((
                site,
                Diagnostic::error(
                    "",
                    format!(
                        "aktiviteternes budgetter er i alt {}, hvilket er {over} mere end aktivitetsmidlerne for {year} ({funds})",
                        used.total()
                    ),
                )
                .with_help("sænk et eller flere budgetter, så summen holder sig inden for aktivitetsmidlerne"),
            ));
        }
        None if in_period => out.push((
            Site::Year,
            Diagnostic::warning(
                "",
                format!(
                    "aktivitetsmidlerne for {year} kendes ikke, så budgettets sum ({}) blev ikke kontrolleret",
                    used.total()
                ),
            ),
        )),
        Some(_) | None => {}
    }
    Some(used)
}

/// The collaboration count and its 75 % rule, when every responsible party and partner could
/// be read.
fn check_collaboration(
    plan: &PartialPlan,
    context: &PlanContext,
    out: &mut Vec<(Site, Diagnostic)>,
) -> Option<Collaboration> {
    let mut unreadable = Vec::new();
    let mut multi = Vec::new();
    for (i, activity) in plan.activities.iter().enumerate() {
        let id = activity.id.as_ref();
        if activity.responsible.is_none() {
            unreadable.push((Site::Activity(i, Part::Responsible), id));
        }
        match &activity.partners {
            None => unreadable.push((Site::Activity(i, Part::Partners), id)),
            Some(partners) => {
                for (j, partner) in partners.iter().enumerate() {
                    if partner.is_none() {
                        unreadable.push((Site::Activity(i, Part::Partner(j)), id));
                    }
                }
                let count = count_organisations(
                    context,
                    activity.responsible.as_ref(),
                    partners.iter().flatten(),
                );
                multi.push((i, id, count >= 2));
            }
        }
    }
    if let Some(warning) = skipped(
        "optællingen af samarbejdspartnere og kravet om 75 %",
        &unreadable,
    ) {
        out.push(warning);
        return None;
    }
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let counted = Collaboration::new(
        count(multi.iter().filter(|&&(_, _, m)| m).count()),
        count(plan.activities.len()),
    );
    if counted.is_met() {
        return Some(counted);
    }
    let mut single: Vec<(String, usize)> = multi
        .iter()
        .filter(|&&(_, _, m)| !m)
        .map(|&(i, id, _)| {
            (
                id.map_or_else(|| format!("activities[{i}]"), ToString::to_string),
                i,
            )
        })
        .collect();
    let site = single
        .first()
        .map_or(Site::File, |&(_, i)| Site::Activity(i, Part::Partners));
    single.sort_unstable();
    let ids: Vec<&str> = single.iter().map(|(id, _)| id.as_str()).collect();
    out.push((
        site,
        Diagnostic::error(
            "",
            format!(
                "kun {} af {} aktiviteter involverer to eller flere samarbejdspartnere; aftalen kræver mindst 75 %",
                counted.multi_partner(),
                counted.total()
            ),
        )
        .with_help(format!(
            "mindst {} {} mere skal have en samarbejdspartner ud over den ansvarlige part; aktiviteter med kun én organisation: {}",
            counted.missing(),
            if counted.missing() == 1 { "aktivitet" } else { "aktiviteter" },
            ids.join(", ")
        )),
    ));
    Some(counted)
}
