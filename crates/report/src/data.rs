//! Provisional data: the Folehaven agreement's goals and its 2025 survey figures, carried here
//! until `tryghed-agreement` exposes them. Both files are in `data/` with their sources.

use serde::Deserialize;
use tryghed_agreement::Agreement;
use tryghed_goals::{Goal, Observations};

use crate::ReportError;

/// The id of the embedded Folehaven agreement these files belong to.
const FOLEHAVEN_ID: &str = "folehaven-2026-2029";

const GOALS_TOML: &str = include_str!("../data/folehaven-goals.toml");
const FIGURES_2025_CSV: &str = include_str!("../data/folehaven-2025.csv");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalsFile {
    goals: Vec<Goal>,
}

/// The goals of `agreement`, when known to this crate (only the Folehaven agreement's).
pub(crate) fn goals_of(agreement: &Agreement) -> Result<Option<Vec<Goal>>, ReportError> {
    if agreement.id() != FOLEHAVEN_ID {
        return Ok(None);
    }
    let file: GoalsFile = toml::from_str(GOALS_TOML).map_err(|e| ReportError::InvalidInput {
        field: "data/folehaven-goals.toml".into(),
        reason: e.to_string(),
    })?;
    Ok(Some(file.goals))
}

/// The figures `agreement` states itself (the Folehaven 2025 survey shares).
pub(crate) fn figures_of(agreement: &Agreement) -> Result<Observations, ReportError> {
    if agreement.id() != FOLEHAVEN_ID {
        return Ok(Observations::new());
    }
    Ok(Observations::from_csv_str(FIGURES_2025_CSV)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        let a = Agreement::folehaven();
        let goals = goals_of(&a).unwrap().unwrap();
        assert_eq!(goals.len(), 3);
        assert_eq!(goals[1].indicators().len(), 8);
        let figures = figures_of(&a).unwrap();
        assert_eq!(figures.len(), 6);
    }
}
