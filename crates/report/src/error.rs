//! The crate's error type.

/// Why a report could not be built or rendered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// An input (observations, goals, plan rows) is not usable; `field` names the part.
    #[error("invalid report input in {field}: {reason}")]
    #[non_exhaustive]
    InvalidInput {
        /// The input and field, e.g. `activities[2].partners`.
        field: String,
        /// What is wrong, with the value.
        reason: String,
    },
    /// The ledger is for another year than the report: a ledger of 2031 was once shown in
    /// the status for 2026.
    #[error(
        "the ledger is for {ledger}, the report for {report}: give the ledger of the report's year"
    )]
    LedgerYear {
        /// The ledger's year.
        ledger: crate::Year,
        /// The report's year.
        report: crate::Year,
    },
    /// Next year's tryghedsplan is not for the year after the report's.
    #[error(
        "next year's plan is for {plan}, the report for {report}: give the plan of the year after the report's"
    )]
    NextPlanYear {
        /// The plan's year.
        plan: crate::Year,
        /// The report's year.
        report: crate::Year,
    },
    /// The goals or observations library refused a value.
    #[error("goals: {0}")]
    Goals(#[from] tryghed_goals::GoalsError),
    /// The agreement's evaluation refused an input (e.g. a plan for another year than the
    /// report's).
    #[error("{0}")]
    Agreement(#[from] tryghed_agreement::AgreementError),
    /// The geography library refused a value (the map).
    #[error("geography: {0}")]
    Geography(#[from] tryghed_geography::GeoError),
    /// A template failed to render (a bug in this crate's templates).
    #[error("template {template}: {message}")]
    #[non_exhaustive]
    Template {
        /// The template's name.
        template: String,
        /// The engine's message.
        message: String,
    },
    /// A chart failed to draw.
    #[error("chart {chart}: {message}")]
    #[non_exhaustive]
    Chart {
        /// Which chart.
        chart: &'static str,
        /// The drawing backend's message.
        message: String,
    },
    /// A report with exact figures ([`ReportOptions::unsuppressed`](crate::ReportOptions::unsuppressed))
    /// was given to a published form: Markdown and HTML are for publication and only take
    /// the published report; exact figures are JSON only, stamped confidential.
    #[error(
        "the report carries exact figures (fortroligt – ikke til offentliggørelse): only JSON can be written from it, not {format}"
    )]
    #[non_exhaustive]
    Unsuppressed {
        /// The format that was asked for (`Markdown`, `HTML`).
        format: &'static str,
    },
    /// The report could not be written as JSON.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl ReportError {
    /// The problem in Danish, for a person (the `Display` text is English and stable for
    /// services). The goals, agreement and geography errors inside are given in Danish; an
    /// [`InvalidInput`](ReportError::InvalidInput), which mostly comes from a service's own
    /// report input, keeps its English reason behind a Danish lead.
    #[must_use]
    pub fn message_da(&self) -> String {
        match self {
            ReportError::InvalidInput { field, reason } => {
                format!("rapportens grundlag kan ikke bruges ({field}): {reason}")
            }
            ReportError::LedgerYear { ledger, report } => format!(
                "regnskabet er for {ledger}, afrapporteringen for {report}: giv regnskabet for afrapporteringens år"
            ),
            ReportError::NextPlanYear { plan, report } => format!(
                "næste års tryghedsplan er for {plan}, afrapporteringen for {report}: giv planen for året efter afrapporteringens"
            ),
            ReportError::Goals(e) => e.message_da(),
            ReportError::Agreement(e) => e.message_da(),
            ReportError::Geography(e) => format!("kortet: {}", e.message_da()),
            ReportError::Template { template, message } => {
                format!("skabelonen {template} kan ikke udfyldes ({message})")
            }
            ReportError::Chart { chart, message } => {
                format!("diagrammet {chart} kan ikke tegnes ({message})")
            }
            ReportError::Unsuppressed { format } => format!(
                "rapporten har de nøjagtige tal (fortroligt – ikke til offentliggørelse): den kan kun skrives som JSON, ikke som {format}"
            ),
            ReportError::Json(e) => format!("JSON kan ikke skrives ({e})"),
        }
    }
}
