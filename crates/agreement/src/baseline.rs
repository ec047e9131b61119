//! Fixing the pending baselines: the amendment that adds the baseline year's figures to the
//! agreement.
//!
//! > "Baseline for 2025 fastlægges ifm. den første afrapportering til Økonomiudvalget i 2026
//! > og tilføjes partnerskabsaftalen herefter." (section 2)
//!
//! [`Agreement::baseline_amendment`] turns the baseline year's counts (and residents, for the
//! rate per 1.000 indbyggere) into one `[[amendments]]` entry of the agreement format: it adds
//! those figures as the agreement's own observations and sets each pending baseline to the
//! observed value of that year (`baseline = { year = 2025 }`), so the rate is derived exactly
//! from its count and residents, never typed twice or rounded.

use std::fmt::Write as _;

use chrono::NaiveDate;
use tryghed_goals::{
    AreaId, Baseline, IndicatorId, Observation, Observations, ObservedValue, Target, Unit,
};

use crate::{Agreement, AgreementError, Year};

/// An amendment that fixes the pending baselines of an agreement from a year's figures;
/// [`BaselineAmendment::to_toml`] writes it as an `[[amendments]]` entry to append to the
/// agreement file.
#[doc(alias = "tillæg")]
#[doc(alias = "baseline")]
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineAmendment {
    year: Year,
    date: NaiveDate,
    source: String,
    indicators: Vec<(IndicatorId, String)>,
    observations: Vec<Observation>,
}

impl BaselineAmendment {
    /// The baseline year.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The amendment's date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }
    /// The indicators whose baseline it fixes, with their Danish names.
    pub fn indicators(&self) -> impl Iterator<Item = &IndicatorId> {
        self.indicators.iter().map(|(id, _)| id)
    }
    /// The figures it adds to the agreement (counts and residents of the baseline year).
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// The amendment as an `[[amendments]]` entry of the agreement format, with comments, to
    /// append to the agreement file.
    pub fn to_toml(&self) -> String {
        let year = self.year;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n# --- Tillæg: baseline {year} for kriminaliteten -------------------------------------------"
        );
        let _ = writeln!(
            out,
            "# \"Baseline for {year} fastlægges ifm. den første afrapportering til Økonomiudvalget i {} og\n# tilføjes partnerskabsaftalen herefter.\" Tallene er fra {}.",
            year.saturating_add(1),
            self.source
        );
        let _ = writeln!(
            out,
            "# Tallene er anmeldelser (personoplysninger): den offentlige afrapportering viser tal under\n# diskretioneringsgrænsen som \"< 5\". Skriv tillægget til sidst i aftalefilen."
        );
        let _ = writeln!(out, "[[amendments]]");
        let _ = writeln!(out, "date = {}", self.date);
        let _ = writeln!(out, "title = \"Baseline {year} for kriminaliteten\"");
        let _ = writeln!(
            out,
            "description = \"Baseline for {year} fastlagt ved afrapporteringen til Økonomiudvalget: {}.\"",
            self.indicators
                .iter()
                .map(|(_, name)| name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(out, "baselines = [");
        for (id, name) in &self.indicators {
            let _ = writeln!(
                out,
                "    {{ indicator = \"{id}\", baseline = {{ year = {year} }} }}, # {name}"
            );
        }
        let _ = writeln!(out, "]");
        let _ = writeln!(out, "observations = [");
        for o in &self.observations {
            let value = match o.value() {
                ObservedValue::Count(n) => n.to_string(),
                ObservedValue::Share(s) => format!("\"{}\"", s.to_machine_string()),
                // A value kind added later is written in its machine form.
                other => format!("\"{other}\""),
            };
            let _ = writeln!(
                out,
                "    {{ indicator = \"{}\", area = \"{}\", year = {}, value = {value} }},",
                o.indicator(),
                o.area(),
                o.year()
            );
        }
        let _ = writeln!(out, "]");
        out
    }
}

impl Agreement {
    /// The amendment that fixes the agreement's pending baselines (the targets "som minimum
    /// fastholdes på 2025-niveau") from the `year`'s figures in `observations`: the count of
    /// every such indicator in the partnership area, and the residents where the indicator is a
    /// rate per 1.000 indbyggere. `source` names the figures in the amendment's comment.
    ///
    /// # Errors
    ///
    /// [`AgreementError::BaselineNotPossible`] when no baseline is pending (they are fixed
    /// already), or a figure is missing or contradicts the agreement; the message lists every
    /// missing figure.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
    /// use tryghed_goals::{Observations, Year};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // Synthetic 2025 counts.
    /// let counts = Observations::from_csv_str(
    ///     "indicator,area,year,value,respondents\n\
    ///      straffelov-per-1000,omraade,2025,210,\n\
    ///      indbyggere,omraade,2025,2100,\n\
    ///      indbrud,omraade,2025,14,\n\
    ///      tyveri-roeveri,omraade,2025,40,\n\
    ///      vold-vaaben,omraade,2025,20,\n",
    /// )?;
    /// let date = NaiveDate::from_ymd_opt(2026, 6, 15).ok_or("date")?;
    /// let amendment = Agreement::folehaven().baseline_amendment(Year::new(2025)?, date, &counts, "synthetic")?;
    /// // Appended to the agreement file, the baselines are fixed.
    /// let amended = Agreement::from_toml_str(&format!("{FOLEHAVEN_TOML}{}", amendment.to_toml()))?;
    /// assert_eq!(amended.amendments().len(), 1);
    /// assert!(amended.pending_baselines().is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn baseline_amendment(
        &self,
        year: Year,
        date: NaiveDate,
        observations: &Observations,
        source: &str,
    ) -> Result<BaselineAmendment, AgreementError> {
        let pending = self.pending_baselines();
        if pending.is_empty() {
            return Err(AgreementError::BaselineNotPossible {
                problems: vec![match self.baseline_fixed_by() {
                    Some((date, title)) => format!(
                        "the baselines are fixed already, by the amendment of {date} (\"{title}\")"
                    ),
                    None => "the agreement has no pending baseline to fix".to_owned(),
                }],
            });
        }
        let merged = self.merge_observations(observations)?;
        let area = AreaId::partnership();
        let mut problems = Vec::new();
        let mut indicators = Vec::new();
        let mut figures = Vec::new();
        let mut residents_needed = false;
        for gi in pending {
            let id = gi.indicator().id();
            match merged.get(id, &area, year) {
                Some(o) if matches!(o.value(), ObservedValue::Count(_)) => {
                    figures.push(o.clone());
                    indicators.push((id.clone(), gi.indicator().name().to_owned()));
                }
                Some(o) => problems.push(format!(
                    "{id} {area} {year}: the baseline needs a count of reports, not {}",
                    o.value()
                )),
                None => problems.push(format!(
                    "{id} {area} {year}: the baseline needs the {year} count ({}), which the observations do not give",
                    gi.indicator().name()
                )),
            }
            residents_needed |= gi.indicator().unit() == Unit::ReportsPer1000Residents;
        }
        if residents_needed {
            match merged.get(&IndicatorId::residents(), &area, year) {
                Some(o) => figures.push(o.clone()),
                None => problems.push(format!(
                    "{} {area} {year}: the rate per 1.000 indbyggere needs the residents of {year}, which the observations do not give",
                    IndicatorId::residents()
                )),
            }
        }
        let period = self.period();
        if date < period.start() || date > period.end() {
            problems.push(format!(
                "the amendment's date {date} lies outside the agreement's period ({period}): an amendment changes an agreement in force"
            ));
        }
        if !problems.is_empty() {
            return Err(AgreementError::BaselineNotPossible { problems });
        }
        Ok(BaselineAmendment {
            year,
            date,
            source: source.to_owned(),
            indicators,
            observations: figures,
        })
    }

    /// The indicators whose target needs a baseline that is still pending (for Folehaven until
    /// the 2025 baseline is added by an amendment: straffelovskriminalitet per 1.000
    /// indbyggere, indbrud, tyveri/røveri, vold/våben).
    pub fn pending_baselines(&self) -> Vec<&tryghed_goals::GoalIndicator> {
        self.goals()
            .iter()
            .flat_map(tryghed_goals::Goal::indicators)
            .filter(|gi| matches!(gi.baseline(), Some(Baseline::Pending { .. })))
            .filter(|gi| gi.targets().contains(&Target::NotAboveBaseline))
            .collect()
    }

    /// The date and title of the latest amendment that set a baseline, if any.
    pub fn baseline_fixed_by(&self) -> Option<(NaiveDate, &str)> {
        self.amendments()
            .iter()
            .rev()
            .find(|a| !a.baselines().is_empty())
            .map(|a| (a.date(), a.title()))
    }

    /// The year whose crime figures are the baseline of a pending "som minimum fastholdes"
    /// target: the year before the period (for Folehaven 2025, "Baseline for 2025"). A
    /// period that starts in 1900, the first [`Year`], has no year before it; its baseline
    /// year is then 1900 itself.
    pub fn baseline_year(&self) -> Year {
        self.period().first_year().saturating_sub(1)
    }
}
