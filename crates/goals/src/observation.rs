//! Observations (målinger): the yearly figures that goals are evaluated against, and the
//! observations CSV format (documented in `docs/observations.md`).
//!
//! # Years
//!
//! An observation's year is the year the figure *describes*: a survey share under the year of
//! the survey, a count of reports under the calendar year the reports were made. The
//! Tryghedsundersøgelse published in year Y reports the crime of year Y − 1
//! ([`crime_year_reported_in`]); record those counts under Y − 1. The 2025 crime baselines are
//! therefore counts for calendar 2025, published with the 2026 survey.

use crate::Year;
use std::collections::BTreeMap;
use std::fmt;
use std::io;

use rust_decimal::Decimal;

use crate::{AreaId, GoalsError, IndicatorId, Share};

/// The calendar year of the crime figures that the Tryghedsundersøgelse of `survey_year`
/// reports: `survey_year − 1`.
///
/// `None` only for the first year a [`Year`] can hold (1900), which has no year before it.
///
/// ```
/// use tryghed_goals::{Year, crime_year_reported_in};
///
/// assert_eq!(crime_year_reported_in(Year::new(2026)?), Some(Year::new(2025)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn crime_year_reported_in(survey_year: Year) -> Option<Year> {
    survey_year.previous()
}

/// The value of one observation, exactly as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ObservedValue {
    /// A whole number: reports (anmeldelser) or residents (indbyggere).
    Count(u64),
    /// An exact share: a survey share (`77%`, `317/412`) or a share of plan activities
    /// (`12/15`).
    Share(Share),
}

impl ObservedValue {
    /// Parses the CSV/TOML form: a whole number (`14`), a percentage (`77%`), a ratio
    /// (`12/15`) or a fraction with a decimal point (`0.77`).
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidValue`] / [`GoalsError::InvalidShare`] when it is none of those.
    pub fn parse(s: &str) -> Result<Self, GoalsError> {
        let t = s.trim();
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            return t.parse::<u64>().map(ObservedValue::Count).map_err(|_| {
                GoalsError::InvalidValue {
                    value: s.to_owned(),
                    reason: "too large for a count".into(),
                }
            });
        }
        t.parse::<Share>().map(ObservedValue::Share)
    }

    /// The form written to CSV: `14`, `77%`, `12/15`.
    pub fn to_machine_string(self) -> String {
        match self {
            ObservedValue::Count(n) => n.to_string(),
            ObservedValue::Share(s) => s.to_machine_string(),
        }
    }
}

/// An observation's value, with its number of respondents where known.
fn with_respondents(observation: &Observation) -> String {
    match observation.respondents() {
        Some(n) => format!("{} (n = {n})", observation.value()),
        None => observation.value().to_string(),
    }
}

impl fmt::Display for ObservedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObservedValue::Count(n) => write!(f, "{n}"),
            ObservedValue::Share(s) => write!(f, "{s}"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ObservedValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ObservedValue::Count(n) => s.serialize_u64(*n),
            ObservedValue::Share(sh) => s.serialize_str(&sh.to_machine_string()),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ObservedValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ObservedValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number or a share such as \"77%\" or \"12/15\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ObservedValue, E> {
                Ok(ObservedValue::Count(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ObservedValue, E> {
                u64::try_from(v)
                    .map(ObservedValue::Count)
                    .map_err(|_| E::custom(format!("a count cannot be negative: {v}")))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ObservedValue, E> {
                ObservedValue::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// One observation (måling): the value of an indicator for an area in a year.
///
/// For survey shares, `respondents` is the number of people who answered (n), needed for
/// confidence intervals and significance tests; `None` when unknown (the agreement's 2025
/// figures give no n). The number of residents of an area is an observation of the reserved
/// indicator [`IndicatorId::residents`]; rates per 1,000 residents are derived, never stored.
///
/// ```
/// use tryghed_goals::{AreaId, Observation, Share, Year};
/// let o = Observation::share(
///     "tryg-i-nabolaget".parse()?,
///     AreaId::partnership(),
///     Year::new(2025)?,
///     Share::new(77, 100)?,
///     None, // the agreement gives no number of respondents
/// )?;
/// assert_eq!(o.year(), Year::new(2025)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "måling")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawObservation", into = "RawObservation")
)]
pub struct Observation {
    indicator: IndicatorId,
    area: AreaId,
    year: Year,
    value: ObservedValue,
    respondents: Option<u64>,
}

/// The serde form of an [`Observation`] (validated through [`Observation::new`]).
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    indicator: IndicatorId,
    area: AreaId,
    year: Year,
    value: ObservedValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    respondents: Option<u64>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawObservation> for Observation {
    type Error = GoalsError;
    fn try_from(r: RawObservation) -> Result<Self, GoalsError> {
        Observation::new(r.indicator, r.area, r.year, r.value, r.respondents)
    }
}

#[cfg(feature = "serde")]
impl From<Observation> for RawObservation {
    fn from(o: Observation) -> Self {
        RawObservation {
            indicator: o.indicator,
            area: o.area,
            year: o.year,
            value: o.value,
            respondents: o.respondents,
        }
    }
}

impl Observation {
    /// A validated observation.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidObservation`] when `respondents` is given for a count or is 0,
    /// or when a residents observation is not a positive count.
    pub fn new(
        indicator: IndicatorId,
        area: AreaId,
        year: Year,
        value: ObservedValue,
        respondents: Option<u64>,
    ) -> Result<Self, GoalsError> {
        let err = |reason: &str| GoalsError::InvalidObservation {
            indicator: indicator.to_string(),
            reason: reason.to_owned(),
        };
        match value {
            ObservedValue::Count(_) if respondents.is_some() => {
                return Err(err("respondents belong to survey shares, not to counts"));
            }
            ObservedValue::Count(0) if indicator.is_residents() => {
                return Err(err("an area has at least one resident"));
            }
            ObservedValue::Share(_) if indicator.is_residents() => {
                return Err(err("the number of residents is a count, not a share"));
            }
            _ => {}
        }
        if respondents == Some(0) {
            return Err(err("a survey share needs at least one respondent"));
        }
        Ok(Self {
            indicator,
            area,
            year,
            value,
            respondents,
        })
    }

    /// A survey or plan share, with the number of respondents when known.
    ///
    /// # Errors
    ///
    /// As [`Observation::new`].
    pub fn share(
        indicator: IndicatorId,
        area: AreaId,
        year: Year,
        share: Share,
        respondents: Option<u64>,
    ) -> Result<Self, GoalsError> {
        Self::new(
            indicator,
            area,
            year,
            ObservedValue::Share(share),
            respondents,
        )
    }

    /// A count of reports.
    ///
    /// # Errors
    ///
    /// As [`Observation::new`] (a residents count must be positive).
    pub fn count(
        indicator: IndicatorId,
        area: AreaId,
        year: Year,
        count: u64,
    ) -> Result<Self, GoalsError> {
        Self::new(indicator, area, year, ObservedValue::Count(count), None)
    }

    /// The number of residents (indbyggere) of `area` in `year`.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidObservation`] when `residents` is 0.
    #[doc(alias = "indbyggere")]
    pub fn residents(area: AreaId, year: Year, residents: u64) -> Result<Self, GoalsError> {
        Self::count(IndicatorId::residents(), area, year, residents)
    }

    /// The indicator.
    pub fn indicator(&self) -> &IndicatorId {
        &self.indicator
    }
    /// The area.
    pub fn area(&self) -> &AreaId {
        &self.area
    }
    /// The year the figure describes.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The value as given.
    pub fn value(&self) -> ObservedValue {
        self.value
    }
    /// The number of survey respondents, when known.
    pub fn respondents(&self) -> Option<u64> {
        self.respondents
    }
}

type Key = (IndicatorId, AreaId, Year);

/// A collection of observations, at most one per (indicator, area, year).
///
/// ```
/// use tryghed_goals::{AreaId, Observation, Observations, Year};
/// let mut obs = Observations::new();
/// let a = AreaId::partnership();
/// // synthetic figures
/// obs.insert(Observation::count("straffelov".parse()?, a.clone(), Year::new(2026)?, 90)?)?;
/// obs.insert(Observation::residents(a.clone(), Year::new(2026)?, 2_000)?)?;
/// assert_eq!(
///     obs.rate_per_1000(&"straffelov".parse()?, &a, Year::new(2026)?),
///     Some("45".parse()?)
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With the `serde` feature it is a list of [`Observation`]s in key order (indicator, area,
/// year); reading one checks every observation and refuses a repeated indicator, area and
/// year, as [`Observations::insert`] does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<Observation>", into = "Vec<Observation>")
)]
pub struct Observations {
    map: BTreeMap<Key, Observation>,
}

impl TryFrom<Vec<Observation>> for Observations {
    type Error = GoalsError;

    /// Collects observations, refusing a repeated indicator, area and year.
    fn try_from(observations: Vec<Observation>) -> Result<Self, GoalsError> {
        let mut out = Observations::new();
        for observation in observations {
            out.insert(observation)?;
        }
        Ok(out)
    }
}

impl From<Observations> for Vec<Observation> {
    fn from(observations: Observations) -> Self {
        observations.map.into_values().collect()
    }
}

/// The columns of the observations CSV, in the order written.
pub const CSV_COLUMNS: [&str; 5] = ["indicator", "area", "year", "value", "respondents"];

impl Observations {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an observation.
    ///
    /// # Errors
    ///
    /// [`GoalsError::DuplicateObservation`] when one for the same indicator, area and year
    /// is already present (nothing is silently replaced).
    pub fn insert(&mut self, observation: Observation) -> Result<(), GoalsError> {
        let key = (
            observation.indicator.clone(),
            observation.area.clone(),
            observation.year,
        );
        if self.map.contains_key(&key) {
            return Err(GoalsError::DuplicateObservation {
                indicator: key.0.to_string(),
                area: key.1.to_string(),
                year: key.2,
            });
        }
        self.map.insert(key, observation);
        Ok(())
    }

    /// Adds every observation of `other`.
    ///
    /// # Errors
    ///
    /// [`GoalsError::DuplicateObservation`] on the first clash; observations before it are
    /// kept.
    pub fn merge(&mut self, other: Observations) -> Result<(), GoalsError> {
        for o in other.map.into_values() {
            self.insert(o)?;
        }
        Ok(())
    }

    /// Removes and returns the observation for `indicator`, `area`, `year`, if there is one.
    pub fn remove(
        &mut self,
        indicator: &IndicatorId,
        area: &AreaId,
        year: Year,
    ) -> Option<Observation> {
        self.map.remove(&(indicator.clone(), area.clone(), year))
    }

    /// The observation for `indicator`, `area`, `year`.
    pub fn get(&self, indicator: &IndicatorId, area: &AreaId, year: Year) -> Option<&Observation> {
        self.map.get(&(indicator.clone(), area.clone(), year))
    }

    /// The count observed for `indicator`, `area`, `year`, if it is a count.
    pub fn count(&self, indicator: &IndicatorId, area: &AreaId, year: Year) -> Option<u64> {
        match self.get(indicator, area, year)?.value {
            ObservedValue::Count(n) => Some(n),
            ObservedValue::Share(_) => None,
        }
    }

    /// The number of residents of `area` in `year`.
    #[doc(alias = "indbyggere")]
    pub fn residents(&self, area: &AreaId, year: Year) -> Option<u64> {
        self.count(&IndicatorId::residents(), area, year)
    }

    /// Reports per 1,000 residents, derived from the count of `indicator` and the residents
    /// of `area` in `year`: `count × 1000 / residents`, exact where the decimal expansion
    /// ends within 28 significant digits, otherwise rounded there. `None` when either is
    /// missing.
    pub fn rate_per_1000(
        &self,
        indicator: &IndicatorId,
        area: &AreaId,
        year: Year,
    ) -> Option<Decimal> {
        let count = self.count(indicator, area, year)?;
        let residents = self.residents(area, year)?;
        rate_per_1000(count, residents)
    }

    /// All observations, ordered by indicator, area, year.
    pub fn iter(&self) -> impl Iterator<Item = &Observation> + '_ {
        self.map.values()
    }

    /// The number of observations.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// These figures (the *stated* ones, such as those an agreement gives) together with
    /// `extra` (a year's observations from a file or a service).
    ///
    /// - Every observation in `extra` must be of an indicator for which `known` is true, or
    ///   the residents count ([`IndicatorId::residents`]); any other is a problem, so that a
    ///   mistyped indicator id is never silently ignored.
    /// - A stated figure given again must have the same value. It may add the number of
    ///   respondents the stated figure lacks (then it replaces it, so that an interval and a
    ///   significance test can be computed); any other difference is a problem, never a
    ///   silent choice between the two.
    ///
    /// # Errors
    ///
    /// [`GoalsError::ObservationsDoNotFit`] listing every problem.
    pub fn merged_with(
        &self,
        extra: &Observations,
        known: impl Fn(&IndicatorId) -> bool,
    ) -> Result<Observations, GoalsError> {
        let mut merged = Observations::new();
        let mut problems = Vec::new();
        for observation in extra.iter() {
            let id = observation.indicator();
            let place = format!("{id} {} {}", observation.area(), observation.year());
            if *id != IndicatorId::residents() && !known(id) {
                problems.push(format!(
                    "{place}: column \"indicator\": unknown indicator {:?}: no goal has it",
                    id.as_str(),
                ));
                continue;
            }
            let keep = match self.get(id, observation.area(), observation.year()) {
                None => true,
                Some(stated) if stated == observation => false,
                Some(stated)
                    if stated.value() == observation.value() && stated.respondents().is_none() =>
                {
                    true
                }
                Some(stated) => {
                    problems.push(format!(
                        "{place}: the file says {} but the agreement says {} (a figure that contradicts the agreement is never replaced)",
                        with_respondents(observation),
                        with_respondents(stated),
                    ));
                    false
                }
            };
            if keep && let Err(error) = merged.insert(observation.clone()) {
                problems.push(format!("{place}: {error}"));
            }
        }
        for stated in self.iter() {
            if merged
                .get(stated.indicator(), stated.area(), stated.year())
                .is_none()
                && let Err(error) = merged.insert(stated.clone())
            {
                problems.push(error.to_string());
            }
        }
        if problems.is_empty() {
            Ok(merged)
        } else {
            Err(GoalsError::ObservationsDoNotFit { problems })
        }
    }

    /// The latest year of any observation (the CLI's default year).
    pub fn latest_year(&self) -> Option<Year> {
        self.map.keys().map(|k| k.2).max()
    }

    /// Reads the observations CSV format (see `docs/observations.md`).
    ///
    /// The header names the columns (any order): `indicator`, `area`, `year`, `value` are
    /// required, `respondents` is optional. Lines starting with `#` are comments.
    ///
    /// # Errors
    ///
    /// [`GoalsError::Csv`] naming the line and column of the first bad cell, a missing or
    /// unknown column, a row with the wrong number of cells, or a duplicate row;
    /// [`GoalsError::Io`] when reading fails.
    #[allow(clippy::too_many_lines)] // one linear pass: header checks, then per-cell checks
    pub fn from_csv_reader<R: io::Read>(reader: R) -> Result<Self, GoalsError> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .comment(Some(b'#'))
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let csv_err = |e: csv::Error| -> GoalsError {
            let line = e.position().map_or(0, csv::Position::line);
            let message = e.to_string();
            match e.into_kind() {
                csv::ErrorKind::Utf8 { err, .. } => GoalsError::Csv {
                    line,
                    column: "-".into(),
                    message: format!("cell {} is not UTF-8 text", err.field() + 1),
                },
                csv::ErrorKind::Io(io) => GoalsError::Io(io),
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => GoalsError::Csv {
                    line,
                    column: "-".into(),
                    message: format!("{len} cells where the header has {expected_len}"),
                },
                _ => GoalsError::Csv {
                    line,
                    column: "-".into(),
                    message,
                },
            }
        };
        let headers = rdr.headers().map_err(csv_err)?.clone();
        let header_line = rdr.position().line().max(1);
        let mut index = [None::<usize>; 5];
        for (i, name) in headers.iter().enumerate() {
            let Some(slot) = CSV_COLUMNS.iter().position(|c| *c == name) else {
                return Err(GoalsError::Csv {
                    line: header_line,
                    column: name.to_owned(),
                    message: format!(
                        "unknown column {name:?}; the columns are {}",
                        CSV_COLUMNS.join(", ")
                    ),
                });
            };
            if let Some(s) = index.get_mut(slot) {
                if s.is_some() {
                    return Err(GoalsError::Csv {
                        line: header_line,
                        column: name.to_owned(),
                        message: format!("column {name:?} appears twice"),
                    });
                }
                *s = Some(i);
            }
        }
        for (slot, name) in index.iter().zip(CSV_COLUMNS).take(4) {
            if slot.is_none() {
                return Err(GoalsError::Csv {
                    line: header_line,
                    column: name.to_owned(),
                    message: format!("the header lacks the required column {name:?}"),
                });
            }
        }
        let mut out = Observations::new();
        let mut lines: BTreeMap<Key, u64> = BTreeMap::new();
        for record in rdr.records() {
            let record = record.map_err(csv_err)?;
            let line = record.position().map_or(0, csv::Position::line);
            let cell = |slot: usize| -> &str {
                index
                    .get(slot)
                    .copied()
                    .flatten()
                    .and_then(|i| record.get(i))
                    .unwrap_or("")
            };
            let bad = |column: &str, message: String| GoalsError::Csv {
                line,
                column: column.to_owned(),
                message,
            };
            let indicator =
                IndicatorId::new(cell(0)).map_err(|e| bad("indicator", e.to_string()))?;
            let area = AreaId::new(cell(1)).map_err(|e| bad("area", e.to_string()))?;
            let year_text = cell(2);
            let year: Year = year_text
                .parse()
                .map_err(|e: crate::ParseYearError| bad("year", e.to_string()))?;
            let value = ObservedValue::parse(cell(3)).map_err(|e| bad("value", e.to_string()))?;
            let resp_text = cell(4);
            let respondents = if resp_text.is_empty() {
                None
            } else {
                Some(resp_text.parse::<u64>().map_err(|_| {
                    bad(
                        "respondents",
                        format!("{resp_text:?} is not a whole number of respondents"),
                    )
                })?)
            };
            let obs = Observation::new(indicator, area, year, value, respondents).map_err(|e| {
                let column = if respondents.is_some() && matches!(value, ObservedValue::Count(_)) {
                    "respondents"
                } else {
                    "value"
                };
                bad(column, e.to_string())
            })?;
            let key = (obs.indicator.clone(), obs.area.clone(), obs.year);
            if let Some(first) = lines.get(&key) {
                return Err(bad(
                    "-",
                    format!(
                        "duplicate row for indicator {}, area {}, year {}; first on line {first}",
                        key.0, key.1, key.2
                    ),
                ));
            }
            lines.insert(key, line);
            out.insert(obs)?;
        }
        Ok(out)
    }

    /// Reads the CSV format from a string.
    ///
    /// # Errors
    ///
    /// As [`Observations::from_csv_reader`].
    pub fn from_csv_str(text: &str) -> Result<Self, GoalsError> {
        Self::from_csv_reader(text.as_bytes())
    }

    /// Writes every observation in the CSV format, with the header.
    ///
    /// # Errors
    ///
    /// [`GoalsError::Io`] when writing fails.
    pub fn write_csv<W: io::Write>(&self, writer: W) -> Result<(), GoalsError> {
        write_csv(self.iter(), writer)
    }
}

/// Writes `observations` in the observations CSV format (header first), e.g. the counts
/// that `tryghed count` produces. [`Observations::from_csv_reader`] reads the output back to
/// equal observations.
///
/// # Errors
///
/// [`GoalsError::Io`] when writing fails.
pub fn write_csv<'a, W: io::Write>(
    observations: impl IntoIterator<Item = &'a Observation>,
    writer: W,
) -> Result<(), GoalsError> {
    let mut w = csv::Writer::from_writer(writer);
    let io_err = |e: csv::Error| {
        let message = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(io) => GoalsError::Io(io),
            _ => GoalsError::Io(io::Error::other(message)),
        }
    };
    w.write_record(CSV_COLUMNS).map_err(io_err)?;
    for o in observations {
        let year = o.year.to_string();
        let value = o.value.to_machine_string();
        let respondents = o.respondents.map(|n| n.to_string()).unwrap_or_default();
        w.write_record([
            o.indicator.as_str(),
            o.area.as_str(),
            &year,
            &value,
            &respondents,
        ])
        .map_err(io_err)?;
    }
    w.flush()?;
    Ok(())
}

/// `count × 1000 / residents`; `None` when `residents` is 0.
pub(crate) fn rate_per_1000(count: u64, residents: u64) -> Option<Decimal> {
    Decimal::from(count)
        .checked_mul(Decimal::ONE_THOUSAND)?
        .checked_div(Decimal::from(residents))
        .map(|d| d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYNTHETIC_CSV: &str = "\
# synthetic observations for tests
indicator,area,year,value,respondents
tryg-i-nabolaget,omraade,2026,80%,412
tryg-i-nabolaget,kobenhavn,2026,317/412,
straffelov,omraade,2026,90,
indbyggere,omraade,2026,2000,
";

    #[test]
    fn reads_and_writes_round_trip() {
        let obs = Observations::from_csv_str(SYNTHETIC_CSV).unwrap();
        assert_eq!(obs.len(), 4);
        let a = AreaId::partnership();
        let t: IndicatorId = "tryg-i-nabolaget".parse().unwrap();
        let o = obs.get(&t, &a, Year::new(2026).unwrap()).unwrap();
        assert_eq!(o.respondents(), Some(412));
        assert_eq!(
            o.value(),
            ObservedValue::Share(Share::new(80, 100).unwrap())
        );
        assert_eq!(obs.residents(&a, Year::new(2026).unwrap()), Some(2000));
        assert_eq!(
            obs.rate_per_1000(&"straffelov".parse().unwrap(), &a, Year::new(2026).unwrap()),
            Some(Decimal::from(45))
        );
        assert_eq!(obs.latest_year(), Year::new(2026).ok());
        let mut buf = Vec::new();
        obs.write_csv(&mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("indicator,area,year,value,respondents\n"));
        assert_eq!(Observations::from_csv_str(&text).unwrap(), obs);
    }

    #[test]
    fn column_order_is_free_and_respondents_optional() {
        let obs =
            Observations::from_csv_str("year,value,area,indicator\n2025,77%,omraade,x\n").unwrap();
        assert_eq!(obs.len(), 1);
    }

    fn err(text: &str) -> (u64, String, String) {
        match Observations::from_csv_str(text).unwrap_err() {
            GoalsError::Csv {
                line,
                column,
                message,
            } => (line, column, message),
            e => panic!("{e}"),
        }
    }

    #[test]
    fn bad_rows_name_line_and_column() {
        let h = "indicator,area,year,value,respondents\n";
        let (l, c, m) = err(&format!("{h}x,omraade,2025,77%,\nx,omraade,20x5,1,\n"));
        assert_eq!((l, c.as_str()), (3, "year"));
        assert!(m.contains("20x5"));
        let (l, c, _) = err(&format!("{h}x,omraade,2025,120%,\n"));
        assert_eq!((l, c.as_str()), (2, "value"));
        let (l, c, _) = err(&format!("{h}x,Valby,2025,1,\n"));
        assert_eq!((l, c.as_str()), (2, "area"));
        let (l, c, _) = err(&format!("{h}x,omraade,2025,1,400\n"));
        assert_eq!((l, c.as_str()), (2, "respondents"));
        let (l, c, _) = err(&format!("{h}x,omraade,2025,7%,many\n"));
        assert_eq!((l, c.as_str()), (2, "respondents"));
        let (l, c, m) = err(&format!("{h}x,omraade,2025,1,\nx,omraade,2025,2,\n"));
        assert_eq!((l, c.as_str()), (3, "-"));
        assert!(m.contains("line 2"), "{m}");
        let (l, _, m) = err(&format!("{h}x,omraade,2025\n"));
        assert_eq!(l, 2);
        assert!(m.contains("cells"), "{m}");
        let (_, c, _) = err("indicator,area,year,valu\n");
        assert_eq!(c, "valu");
        let (_, c, _) = err("indicator,area,year\n");
        assert_eq!(c, "value");
        let (l, c, _) = err(&format!("{h}indbyggere,omraade,2025,0,\n"));
        assert_eq!((l, c.as_str()), (2, "value"));
    }

    #[test]
    fn duplicates_are_rejected_not_replaced() {
        let mut obs = Observations::new();
        let o = Observation::count(
            "x".parse().unwrap(),
            AreaId::valby(),
            Year::new(2025).unwrap(),
            1,
        )
        .unwrap();
        obs.insert(o.clone()).unwrap();
        assert!(matches!(
            obs.insert(o),
            Err(GoalsError::DuplicateObservation { year, .. }) if year.get() == 2025
        ));
    }

    #[test]
    fn rate_is_exact_where_possible() {
        assert_eq!(rate_per_1000(3, 2000), Some("1.5".parse().unwrap()));
        assert_eq!(rate_per_1000(1, 0), None);
        let r = rate_per_1000(1, 3).unwrap();
        assert!(r.to_string().starts_with("333.333"));
    }

    #[test]
    fn merged_with_keeps_stated_figures_and_lists_every_problem() {
        let stated = Observations::from_csv_str(
            "indicator,area,year,value,respondents\ntryg,omraade,2025,77%,\n",
        )
        .unwrap();
        let known = |id: &IndicatorId| id.as_str() == "tryg";

        // The same figure with its respondents replaces the stated one; a new year is added.
        let extra = Observations::from_csv_str(
            "indicator,area,year,value,respondents\ntryg,omraade,2025,77%,300\ntryg,omraade,2026,80%,320\n",
        )
        .unwrap();
        let merged = stated.merged_with(&extra, known).unwrap();
        assert_eq!(merged.len(), 2);
        let id: IndicatorId = "tryg".parse().unwrap();
        assert_eq!(
            merged
                .get(&id, &AreaId::partnership(), Year::new(2025).unwrap())
                .unwrap()
                .respondents(),
            Some(300)
        );

        // An unknown indicator and a contradiction are both reported, in one error.
        let bad = Observations::from_csv_str(
            "indicator,area,year,value,respondents\ntryg,omraade,2025,78%,\ntrygg,omraade,2026,80%,\n",
        )
        .unwrap();
        let GoalsError::ObservationsDoNotFit { problems } =
            stated.merged_with(&bad, known).unwrap_err()
        else {
            panic!("wrong error")
        };
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("unknown indicator \"trygg\""))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("the agreement says 77 %"))
        );
        // The stated figures themselves are never changed.
        assert_eq!(stated.len(), 1);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn observations_read_back_from_json_and_refuse_repeats() {
        let obs = Observations::from_csv_str(
            "indicator,area,year,value,respondents\nindbrud,omraade,2025,14,\ntryg,omraade,2026,71%,380\n",
        )
        .unwrap();
        let json = serde_json::to_string(&obs).unwrap();
        assert!(json.starts_with("[{\"indicator\":\"indbrud\""), "{json}");
        let back: Observations = serde_json::from_str(&json).unwrap();
        assert_eq!(back, obs);
        let one = r#"{"indicator":"indbrud","area":"omraade","year":2025,"value":14}"#;
        let twice = format!("[{one},{one}]");
        let err = serde_json::from_str::<Observations>(&twice).unwrap_err();
        assert!(err.to_string().contains("duplicate observation"), "{err}");
        let bad_year = one.replace("2025", "25");
        assert!(serde_json::from_str::<Observations>(&format!("[{bad_year}]")).is_err());
    }
}
