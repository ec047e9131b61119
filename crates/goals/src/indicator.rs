//! Indicators (indikatorer): what is measured, in which unit, from which source.

use std::fmt;

use crate::{CategoryId, GoalsError, IndicatorId};

/// The unit an indicator is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Unit {
    /// Share of the survey's respondents (andel af respondenterne), e.g. the share who feel
    /// safe. Observed as a [`Share`](crate::Share), ideally with the number of respondents.
    #[doc(alias = "andel")]
    ShareOfRespondents,
    /// Number of police reports (antal anmeldelser) in a calendar year.
    #[doc(alias = "anmeldelser")]
    NumberOfReports,
    /// Police reports per 1,000 residents (anmeldelser per 1.000 indbyggere). Never observed
    /// directly: derived from a count of reports and the number of residents.
    #[cfg_attr(feature = "serde", serde(rename = "reports_per_1000_residents"))]
    ReportsPer1000Residents,
    /// Share of the tryghedsplan's activities (andel af aktiviteterne), observed as an exact
    /// ratio `activities with the property / all activities`.
    ShareOfPlanActivities,
}

impl Unit {
    /// Whether values of this unit are shares between 0 and 1.
    pub fn is_share(self) -> bool {
        matches!(self, Unit::ShareOfRespondents | Unit::ShareOfPlanActivities)
    }

    /// The Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Unit::ShareOfRespondents => "andel af respondenterne",
            Unit::NumberOfReports => "antal anmeldelser",
            Unit::ReportsPer1000Residents => "anmeldelser per 1.000 indbyggere",
            Unit::ShareOfPlanActivities => "andel af tryghedsplanens aktiviteter",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Direction {
    /// Higher values are better (e.g. the share who feel safe).
    HigherIsBetter,
    /// Lower values are better (e.g. reports of crime).
    LowerIsBetter,
}

impl Direction {
    /// The Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "højere er bedre",
            Direction::LowerIsBetter => "lavere er bedre",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where the figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Source {
    /// Københavns Kommunes Tryghedsundersøgelse: the yearly survey, published in spring.
    #[doc(alias = "tryghedsundersøgelsen")]
    Tryghedsundersoegelsen,
    /// Københavns Politis anmeldelsesregister: the police's register of reports.
    #[doc(alias = "anmeldelsesregister")]
    PoliceReportRegister,
    /// The partnership's yearly tryghedsplan.
    #[doc(alias = "tryghedsplan")]
    Tryghedsplan,
}

impl Source {
    /// The Danish label.
    pub fn label(self) -> &'static str {
        match self {
            Source::Tryghedsundersoegelsen => "Københavns Kommunes Tryghedsundersøgelse",
            Source::PoliceReportRegister => "Københavns Politis anmeldelsesregister",
            Source::Tryghedsplan => "tryghedsplanen",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The aspect an indicator looks at.
///
/// Serde form: `"neighbourhood"`, `"evening_night"`, `"collaboration"`, or
/// `{ crime_category = "indbrud" }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Dimension {
    /// Safety in one's neighbourhood (tryghed i nabolaget).
    #[doc(alias = "nabolag")]
    Neighbourhood,
    /// Safety in the evening and at night (aften- og nattetimer).
    #[doc(alias = "aften- og nattetimer")]
    EveningNight,
    /// Reports in one crime category (gerningstype), see [`CategorySet`](crate::CategorySet).
    #[doc(alias = "gerningstype")]
    CrimeCategory(CategoryId),
    /// Collaboration between the partners (samarbejde), e.g. activities with several partners.
    #[doc(alias = "samarbejde")]
    Collaboration,
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dimension::Neighbourhood => f.write_str("nabolaget"),
            Dimension::EveningNight => f.write_str("aften- og nattetimer"),
            Dimension::CrimeCategory(c) => write!(f, "gerningstype {c}"),
            Dimension::Collaboration => f.write_str("samarbejde"),
        }
    }
}

/// An indicator (indikator): a measured quantity with its unit, direction, source and
/// dimension.
///
/// ```
/// use tryghed_goals::{Dimension, Direction, Indicator, Source, Unit};
/// let i = Indicator::new(
///     "tryg-i-nabolaget".parse()?,
///     "Andel trygge borgere i nabolaget",
///     Unit::ShareOfRespondents,
///     Direction::HigherIsBetter,
///     Source::Tryghedsundersoegelsen,
///     Dimension::Neighbourhood,
/// )?;
/// assert_eq!(i.name(), "Andel trygge borgere i nabolaget");
/// # Ok::<(), tryghed_goals::GoalsError>(())
/// ```
#[doc(alias = "indikator")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "crate::serde_forms::RawIndicator",
        into = "crate::serde_forms::RawIndicator"
    )
)]
pub struct Indicator {
    id: IndicatorId,
    name: String,
    unit: Unit,
    direction: Direction,
    source: Source,
    dimension: Dimension,
}

impl Indicator {
    /// A new indicator.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidGoal`] when the name is blank or the id is the reserved
    /// [`IndicatorId::residents`].
    pub fn new(
        id: IndicatorId,
        name: impl Into<String>,
        unit: Unit,
        direction: Direction,
        source: Source,
        dimension: Dimension,
    ) -> Result<Self, GoalsError> {
        let name = name.into();
        let err = |field: &str, reason: &str| GoalsError::InvalidGoal {
            goal: id.to_string(),
            field: field.to_owned(),
            reason: reason.to_owned(),
        };
        if name.trim().is_empty() {
            return Err(err("name", "an indicator needs a Danish name"));
        }
        if id.is_residents() {
            return Err(err(
                "id",
                "`indbyggere` is reserved for the number of residents",
            ));
        }
        Ok(Self {
            id,
            name,
            unit,
            direction,
            source,
            dimension,
        })
    }

    /// The identifier.
    pub fn id(&self) -> &IndicatorId {
        &self.id
    }
    /// The Danish name, e.g. "Andel trygge borgere i nabolaget".
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The unit.
    pub fn unit(&self) -> Unit {
        self.unit
    }
    /// Which way is better.
    pub fn direction(&self) -> Direction {
        self.direction
    }
    /// The source of the figures.
    pub fn source(&self) -> Source {
        self.source
    }
    /// The dimension.
    pub fn dimension(&self) -> &Dimension {
        &self.dimension
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.unit)
    }
}
