//! Observations (målinger): the yearly figures that goals are evaluated against, and the
//! observations CSV format ([`format`](mod@crate::format)).
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

use crate::{
    AreaId, GoalsError, IndicatorId, ObservationColumn, ObservationProblem, ObservationProblemKind,
    Share,
};

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
                    reason: crate::share::reason::COUNT_TOO_LARGE.into(),
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
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<Observation>", into = "Vec<Observation>")
)]
pub struct Observations {
    map: BTreeMap<Key, Observation>,
    /// The line each observation was read from, for those read from a file (not part of
    /// equality: the same figures read from two files are equal).
    lines: BTreeMap<Key, u64>,
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

impl PartialEq for Observations {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map
    }
}

impl Eq for Observations {}

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
        use ObservationProblemKind as K;
        let mut merged = Observations::new();
        let mut problems = Vec::new();
        for observation in extra.iter() {
            let id = observation.indicator();
            let (area, year) = (observation.area(), observation.year());
            let line = extra.line_of(id, area, year);
            let at = |column: Option<ObservationColumn>, kind| {
                ObservationProblem::new(line, column, kind).for_observation(
                    id.as_str(),
                    area.as_str(),
                    year,
                )
            };
            if *id != IndicatorId::residents() && !known(id) {
                problems.push(at(
                    Some(ObservationColumn::Indicator),
                    K::UnknownIndicator {
                        indicator: id.as_str().to_owned(),
                    },
                ));
                continue;
            }
            let keep = match self.get(id, area, year) {
                None => true,
                Some(stated) if stated == observation => false,
                Some(stated)
                    if stated.value() == observation.value() && stated.respondents().is_none() =>
                {
                    true
                }
                Some(stated) => {
                    problems.push(at(
                        Some(ObservationColumn::Value),
                        K::Contradicts {
                            given: with_respondents(observation),
                            stated: with_respondents(stated),
                        },
                    ));
                    false
                }
            };
            if keep {
                let key = (id.clone(), area.clone(), year);
                if merged.map.contains_key(&key) {
                    problems.push(at(None, K::Duplicate { first_line: None }));
                } else {
                    if let Some(line) = line {
                        merged.lines.insert(key.clone(), line);
                    }
                    merged.map.insert(key, observation.clone());
                }
            }
        }
        for stated in self.iter() {
            let key = (stated.indicator.clone(), stated.area.clone(), stated.year);
            merged.map.entry(key).or_insert_with(|| stated.clone());
        }
        if problems.is_empty() {
            Ok(merged)
        } else {
            Err(GoalsError::ObservationsDoNotFit { problems })
        }
    }

    /// The line of the file the observation of `indicator`, `area` and `year` was read from,
    /// when it was read from one ([`Observations::from_csv_reader`]).
    pub fn line_of(&self, indicator: &IndicatorId, area: &AreaId, year: Year) -> Option<u64> {
        self.lines
            .get(&(indicator.clone(), area.clone(), year))
            .copied()
    }

    /// The latest year of any observation (the CLI's default year).
    pub fn latest_year(&self) -> Option<Year> {
        self.map.keys().map(|k| k.2).max()
    }

    /// Reads the observations CSV format ([`format`](mod@crate::format)).
    ///
    /// The header names the columns (any order; names trimmed): `indicator`, `area`, `year`,
    /// `value` are required, `respondents` is optional. Lines starting with `#` are comments.
    /// The delimiter is read from the header line (`;` or `,`, as
    /// [`tryghed_diagnostics::detect_delimiter`]). The line of each observation is kept
    /// ([`Observations::line_of`]) so that later checks can name it.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidObservations`] listing **every** problem of the file, each with
    /// its line and column: a missing, unknown or repeated column, a row with the wrong
    /// number of cells, a bad cell, a duplicate row; [`GoalsError::Io`] when reading fails.
    #[allow(
        clippy::too_many_lines,
        reason = "one linear pass over the rows, collecting every problem"
    )]
    pub fn from_csv_reader<R: io::Read>(mut reader: R) -> Result<Self, GoalsError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let delimiter = tryghed_diagnostics::detect_delimiter(&bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .comment(Some(b'#'))
            .flexible(true)
            .delimiter(delimiter)
            .trim(csv::Trim::All)
            .from_reader(tryghed_diagnostics::LineEnds::new(bytes.as_slice()).with_comment(b'#'));
        let mut problems: Vec<ObservationProblem> = Vec::new();
        let problem = |line: u64, column: Option<ObservationColumn>, kind| {
            ObservationProblem::new(Some(line), column, kind)
        };
        let headers = match rdr.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let message = e.to_string();
                return Err(match e.into_kind() {
                    csv::ErrorKind::Io(io) => GoalsError::Io(io),
                    _ => GoalsError::InvalidObservations {
                        problems: vec![problem(
                            1,
                            None,
                            ObservationProblemKind::Unreadable { message },
                        )],
                    },
                });
            }
        };
        // The header's own line (blank and comment lines may come before it).
        let header_line = headers
            .position()
            .map_or(1, |p| rdr.get_ref().record_line(p.byte(), p.line()));
        let index = header_columns(&headers, header_line)
            .map_err(|problems| GoalsError::InvalidObservations { problems })?;
        let width = headers.len() as u64;
        let mut out = Observations::new();
        let mut record = csv::ByteRecord::new();
        loop {
            match rdr.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => rdr.get_mut().place(&mut record),
                Err(e) => {
                    let line = rdr.get_ref().error_line(&e).unwrap_or(0);
                    let message = e.to_string();
                    match e.into_kind() {
                        csv::ErrorKind::Io(io) => return Err(GoalsError::Io(io)),
                        _ => problems.push(problem(
                            line,
                            None,
                            ObservationProblemKind::Unreadable { message },
                        )),
                    }
                    continue;
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() as u64 != width {
                problems.push(problem(
                    line,
                    None,
                    ObservationProblemKind::CellCount {
                        expected: width,
                        found: record.len() as u64,
                    },
                ));
                continue;
            }
            let Ok(text) = csv::StringRecord::from_byte_record(record.clone()) else {
                problems.push(problem(line, None, ObservationProblemKind::NotText));
                continue;
            };
            let cell = |column: ObservationColumn| -> &str {
                index
                    .get(column as usize)
                    .copied()
                    .flatten()
                    .and_then(|i| text.get(i))
                    .unwrap_or("")
            };
            match read_row(cell) {
                Ok(obs) => {
                    let key = (obs.indicator.clone(), obs.area.clone(), obs.year);
                    if let Some(&first) = out.lines.get(&key) {
                        problems.push(
                            problem(
                                line,
                                None,
                                ObservationProblemKind::Duplicate {
                                    first_line: Some(first),
                                },
                            )
                            .for_observation(
                                key.0.as_str(),
                                key.1.as_str(),
                                key.2,
                            ),
                        );
                        continue;
                    }
                    out.lines.insert(key.clone(), line);
                    out.map.insert(key, obs);
                }
                Err(row) => problems.extend(
                    row.into_iter()
                        .map(|(column, kind)| problem(line, Some(column), kind)),
                ),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(GoalsError::InvalidObservations { problems })
        }
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

/// The position of each column in the header, or every problem of the header (the rows
/// cannot be read without their columns).
fn header_columns(
    headers: &csv::ByteRecord,
    header_line: u64,
) -> Result<[Option<usize>; 5], Vec<ObservationProblem>> {
    let mut problems = Vec::new();
    let problem = |line: u64, column: Option<ObservationColumn>, kind| {
        ObservationProblem::new(Some(line), column, kind)
    };
    let mut index = [None::<usize>; 5];
    for (i, raw) in headers.iter().enumerate() {
        let name = String::from_utf8_lossy(raw);
        let name = tryghed_diagnostics::header_name(&name);
        let Some(column) = ObservationColumn::ALL.iter().position(|c| c.name() == name) else {
            problems.push(problem(
                header_line,
                None,
                ObservationProblemKind::UnknownColumn {
                    name: name.to_owned(),
                },
            ));
            continue;
        };
        if let Some(slot) = index.get_mut(column) {
            if slot.is_some() {
                problems.push(problem(
                    header_line,
                    ObservationColumn::ALL.get(column).copied(),
                    ObservationProblemKind::RepeatedColumn {
                        column: ObservationColumn::ALL
                            .get(column)
                            .copied()
                            .unwrap_or(ObservationColumn::Indicator),
                    },
                ));
            }
            *slot = Some(i);
        }
    }
    for (slot, column) in index.iter().zip(ObservationColumn::ALL).take(4) {
        if slot.is_none() {
            problems.push(problem(
                header_line,
                Some(column),
                ObservationProblemKind::MissingColumn { column },
            ));
        }
    }
    if problems.is_empty() {
        Ok(index)
    } else {
        Err(problems)
    }
}

/// One row's observation, or every problem of its cells.
fn read_row<'a>(
    cell: impl Fn(ObservationColumn) -> &'a str,
) -> Result<Observation, Vec<(ObservationColumn, ObservationProblemKind)>> {
    use ObservationColumn as C;
    use ObservationProblemKind as K;
    let mut problems = Vec::new();
    let id_problem = |value: &str, e: GoalsError| match e {
        GoalsError::InvalidId(slug) => K::InvalidId {
            value: value.to_owned(),
            problem: slug.problem(),
        },
        other => K::InvalidValue {
            value: value.to_owned(),
            reason: other.to_string(),
        },
    };
    let indicator = IndicatorId::new(cell(C::Indicator))
        .map_err(|e| problems.push((C::Indicator, id_problem(cell(C::Indicator), e))))
        .ok();
    let area = AreaId::new(cell(C::Area))
        .map_err(|e| problems.push((C::Area, id_problem(cell(C::Area), e))))
        .ok();
    let year_text = cell(C::Year);
    let year = year_text.parse::<Year>().ok();
    if year.is_none() {
        problems.push((
            C::Year,
            K::InvalidYear {
                value: year_text.to_owned(),
            },
        ));
    }
    let value_text = cell(C::Value);
    let negative = value_text
        .strip_prefix('-')
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
    let value = if negative {
        problems.push((
            C::Value,
            K::NegativeCount {
                value: value_text.to_owned(),
            },
        ));
        None
    } else {
        ObservedValue::parse(value_text)
            .map_err(|e| {
                problems.push((
                    C::Value,
                    K::InvalidValue {
                        value: value_text.to_owned(),
                        reason: e.to_string(),
                    },
                ));
            })
            .ok()
    };
    let resp_text = cell(C::Respondents);
    let respondents = if resp_text.is_empty() {
        Some(None)
    } else if let Ok(n) = resp_text.parse::<u64>() {
        Some(Some(n))
    } else {
        let digits = resp_text.bytes().all(|b| b.is_ascii_digit());
        problems.push((
            C::Respondents,
            K::InvalidRespondents {
                value: resp_text.to_owned(),
                too_large: digits,
            },
        ));
        None
    };
    let (Some(indicator), Some(area), Some(year), Some(value), Some(respondents)) =
        (indicator, area, year, value, respondents)
    else {
        return Err(problems);
    };
    Observation::new(indicator, area, year, value, respondents).map_err(|e| {
        let column = if respondents.is_some() && matches!(value, ObservedValue::Count(_)) {
            C::Respondents
        } else {
            C::Value
        };
        vec![(
            column,
            K::InvalidObservation {
                reason: match e {
                    GoalsError::InvalidObservation { reason, .. } => reason,
                    other => other.to_string(),
                },
            },
        )]
    })
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

    /// The first problem: its line, column (or the unknown column's name, or `-`) and
    /// message.
    fn err(text: &str) -> (u64, String, String) {
        match Observations::from_csv_str(text).unwrap_err() {
            GoalsError::InvalidObservations { problems } => {
                let p = &problems[0];
                let column = match (p.column(), p.kind()) {
                    (Some(c), _) => c.name().to_owned(),
                    (None, ObservationProblemKind::UnknownColumn { name }) => name.clone(),
                    (None, _) => "-".to_owned(),
                };
                (p.line().unwrap_or(0), column, p.to_string())
            }
            e => panic!("{e}"),
        }
    }

    /// Issue 13, item 8: the reader stopped at the first bad row; every problem is listed.
    #[test]
    fn every_problem_of_the_file_is_listed_with_line_and_column() {
        let text = "indicator,area,year,value,respondents\n\
                    x,omraade,20x5,1,\n\
                    x,omraade,2025,-3,\n\
                    x,Valby,2025,7%,99999999999999999999\n\
                    x,omraade,2026,1,\n\
                    x,omraade,2026,2,\n";
        let GoalsError::InvalidObservations { problems } =
            Observations::from_csv_str(text).unwrap_err()
        else {
            panic!("invalid");
        };
        let found: Vec<(Option<u64>, Option<&str>)> = problems
            .iter()
            .map(|p| (p.line(), p.column().map(ObservationColumn::name)))
            .collect();
        assert_eq!(
            found,
            [
                (Some(2), Some("year")),
                (Some(3), Some("value")),
                (Some(4), Some("area")),
                (Some(4), Some("respondents")),
                (Some(6), None),
            ]
        );
        // Item 15: the messages say what is wrong.
        assert!(matches!(
            problems[1].kind(),
            ObservationProblemKind::NegativeCount { .. }
        ));
        assert!(matches!(
            problems[3].kind(),
            ObservationProblemKind::InvalidRespondents {
                too_large: true,
                ..
            }
        ));
        assert!(
            problems[3].message_da().contains("for stort"),
            "{}",
            problems[3].message_da()
        );
    }

    #[test]
    fn a_huge_value_is_quoted_at_most_80_characters() {
        let text = format!(
            "indicator,area,year,value\nx,omraade,2025,{}\n",
            "9x".repeat(1_000_000)
        );
        let message = Observations::from_csv_str(&text).unwrap_err().to_string();
        assert!(message.len() < 1_000, "{} bytes", message.len());
        assert!(message.contains('…'));
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
        assert!(m.contains("first on line 2"), "{m}");
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
                .any(|p| p.to_string().contains("unknown indicator \"trygg\""))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("the agreement says 77 %"))
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
