//! Shared by the integration tests: a context with the Folehaven agreement's facts.
#![allow(dead_code, clippy::unwrap_used, clippy::missing_panics_doc)]

use std::collections::BTreeMap;
use tryghed_plan::Year;

use tryghed_budget::Dkk;
use tryghed_parties::{Parties, Party, PartyKind};
use tryghed_plan::{FocusArea, PlanContext};

/// The parties, focus areas and period of the Folehaven agreement 2026–2029 (as in the
/// agreement's data file), with the activity funds of 1.050.000 kr. for `funded_years`.
pub(crate) fn folehaven_context_with_funds(funded_years: &[i32]) -> PlanContext {
    let party = |id: &str, name: &str, kind| Party::new(id.parse().unwrap(), name, kind).unwrap();
    let under = |p: Party, parent: &str| p.with_parent(parent.parse().unwrap()).unwrap();
    let parties = Parties::new(vec![
        party("kk", "Københavns Kommune", PartyKind::Municipality),
        under(
            party("okf", "Økonomiforvaltningen", PartyKind::Administration),
            "kk",
        ),
        under(
            party("sof", "Socialforvaltningen", PartyKind::Administration),
            "kk",
        ),
        under(
            party(
                "buf",
                "Børne- og Ungdomsforvaltningen",
                PartyKind::Administration,
            ),
            "kk",
        ),
        under(
            party(
                "tmf",
                "Teknik- og Miljøforvaltningen",
                PartyKind::Administration,
            ),
            "kk",
        ),
        under(
            party(
                "bif",
                "Beskæftigelses- og Integrationsforvaltningen",
                PartyKind::Administration,
            ),
            "kk",
        ),
        under(
            party(
                "suf",
                "Sundheds- og Omsorgsforvaltningen",
                PartyKind::Administration,
            ),
            "kk",
        ),
        under(
            party(
                "kff",
                "Kultur- og Fritidsforvaltningen",
                PartyKind::Administration,
            ),
            "kk",
        ),
        under(party("ssp", "SSP", PartyKind::Unit), "sof"),
        under(
            party(
                "sikker-by",
                "Kontor for Sikker By og Udsatte Boligområder",
                PartyKind::Unit,
            ),
            "okf",
        ),
        party("politi", "Københavns Politi", PartyKind::Police),
        party("3b", "Boligforeningen 3B", PartyKind::HousingAssociation),
        party("sab", "Boligforeningen SAB", PartyKind::HousingAssociation),
    ])
    .unwrap();
    let areas = vec![
        FocusArea::new("kommunikation".parse().unwrap(), "Kommunikation").unwrap(),
        FocusArea::new("tryggere-byrum".parse().unwrap(), "Tryggere byrum").unwrap(),
        FocusArea::new(
            "positive-faellesskaber".parse().unwrap(),
            "Flere positive fællesskaber",
        )
        .unwrap(),
    ];
    let funds = funded_years
        .iter()
        .map(|&year| {
            (
                Year::new(year).unwrap(),
                Dkk::from_kroner(1_050_000).unwrap(),
            )
        })
        .collect::<BTreeMap<_, _>>();
    PlanContext::new(
        Year::new(2026).unwrap()..=Year::new(2029).unwrap(),
        &parties,
        areas,
        funds,
    )
    .unwrap()
}

/// The Folehaven context with the activity funds of every year of the period.
pub(crate) fn folehaven_context() -> PlanContext {
    folehaven_context_with_funds(&[2026, 2027, 2028, 2029])
}
