//! The published form of `tryghed goals`: every count of police reports as the report
//! publishes it (`tryghed-disclosure` through `tryghed-report`), so that `goals` never prints
//! what `report` hides. Exact figures only with `--unsuppressed`, stamped confidential.

use std::collections::BTreeMap;
use tryghed_agreement::Year;

use serde_json::{Value, json};
use tryghed_agreement::Agreement;
use tryghed_goals::{Observations, Source};
use tryghed_report::{
    BaselineCell, Figure, PlanInput, ReportBuilder, ReportOptions, ReportStatus, StatusReport,
};

use crate::common::CliError;

/// What the published report says about each indicator and goal.
pub(crate) struct PublishedGoals {
    /// Police-report indicators: their published status, figure, baseline and sentence.
    indicators: BTreeMap<String, PublishedIndicator>,
    /// Goals: their published status and reason, for goals with police-report indicators.
    goals: BTreeMap<String, (ReportStatus, String)>,
}

struct PublishedIndicator {
    status: ReportStatus,
    value: Option<Figure>,
    baseline: Option<BaselineCell>,
    explanation: String,
}

impl PublishedGoals {
    /// The published report for `year` built from the same inputs as the evaluation.
    pub(crate) fn new(
        agreement: &Agreement,
        year: Year,
        observations: &Observations,
        plan: Option<PlanInput>,
        options: ReportOptions,
    ) -> Result<Self, CliError> {
        let mut builder = ReportBuilder::new(agreement)
            .year(year)
            .observations(observations.clone(), None)
            .options(options);
        if let Some(plan) = plan {
            builder = builder.plan(plan);
        }
        let report = builder
            .build()
            .map_err(|e| CliError::Invalid(format!("fejl: {}", e.message_da())))?;
        Ok(Self::from_report(agreement, &report))
    }

    fn from_report(agreement: &Agreement, report: &StatusReport) -> Self {
        let police: Vec<String> = agreement
            .goals()
            .iter()
            .flat_map(tryghed_goals::Goal::indicators)
            .filter(|gi| gi.indicator().source() == Source::PoliceReportRegister)
            .map(|gi| gi.indicator().id().to_string())
            .collect();
        let mut indicators = BTreeMap::new();
        for row in report.goals() {
            if police.iter().any(|p| p == row.indicator()) {
                indicators.insert(
                    row.indicator().to_owned(),
                    PublishedIndicator {
                        status: row.status().clone(),
                        value: row.value().clone(),
                        baseline: Some(row.baseline().clone()),
                        explanation: row.explanation().to_owned(),
                    },
                );
            }
        }
        // Monitored categories are rows of the crime table only.
        for row in report.crime() {
            indicators
                .entry(row.indicator().to_owned())
                .or_insert_with(|| PublishedIndicator {
                    status: row.status().clone(),
                    value: row
                        .series()
                        .iter()
                        .find(|p| p.year() == report.crime_year())
                        .map(|p| Figure::Count { count: *p.count() }),
                    baseline: Some(row.baseline().clone()),
                    explanation: format!(
                        "{} {}: {}.",
                        row.name(),
                        report.crime_year(),
                        row.series()
                            .iter()
                            .find(|p| p.year() == report.crime_year())
                            .map_or_else(
                                || "ingen tal".to_owned(),
                                |p| format!("{} anmeldelser", p.count())
                            )
                    ),
                });
        }
        let goals = agreement
            .goals()
            .iter()
            .filter(|g| {
                g.indicators()
                    .iter()
                    .any(|gi| gi.indicator().source() == Source::PoliceReportRegister)
            })
            .filter_map(|g| {
                let line = report
                    .summary()
                    .iter()
                    .find(|s| s.goal() == g.id().as_str())?;
                Some((
                    g.id().to_string(),
                    (line.status().clone(), line.reason().to_owned()),
                ))
            })
            .collect();
        Self { indicators, goals }
    }

    /// The explanation of indicator `id` as published, when it is a police-report indicator.
    pub(crate) fn explanation(&self, id: &str) -> Option<&str> {
        self.indicators.get(id).map(|i| i.explanation.as_str())
    }

    /// The status of goal `id` as published, when it has police-report indicators.
    pub(crate) fn goal_status(&self, id: &str) -> Option<&ReportStatus> {
        self.goals.get(id).map(|(s, _)| s)
    }

    /// The JSON document of `tryghed goals` with every police-report indicator replaced by its
    /// published form (status, value, baseline, explanation: nothing else), and the status and
    /// explanation of each goal with such indicators by the report's.
    pub(crate) fn publish(&self, mut document: Value) -> Result<Value, CliError> {
        let Some(goals) = document.get_mut("goals").and_then(Value::as_array_mut) else {
            return Ok(document);
        };
        for goal in goals {
            let id = goal["goal"].as_str().unwrap_or_default().to_owned();
            if let Some((status, reason)) = self.goals.get(&id) {
                if let ReportStatus::Withheld { reason } = status {
                    goal["status"] = json!({"status": "withheld", "reason": reason});
                }
                goal["explanation"] = Value::String(reason.clone());
            }
            let Some(indicators) = goal.get_mut("indicators").and_then(Value::as_array_mut) else {
                continue;
            };
            for indicator in indicators {
                let iid = indicator["indicator"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let Some(p) = self.indicators.get(&iid) else {
                    continue;
                };
                let status = match &p.status {
                    ReportStatus::Withheld { reason } => {
                        json!({"status": "withheld", "reason": reason})
                    }
                    _ => indicator["status"].clone(),
                };
                *indicator = json!({
                    "indicator": iid,
                    "name": indicator["name"].clone(),
                    "unit": indicator["unit"].clone(),
                    "year": indicator["year"].clone(),
                    "status": status,
                    "value": to_value(&p.value)?,
                    "baseline": to_value(&p.baseline)?,
                    "explanation": p.explanation,
                });
            }
        }
        Ok(document)
    }
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, CliError> {
    serde_json::to_value(v).map_err(|e| CliError::Usage(format!("fejl: JSON: {e}")))
}
