//! What a count gives: the summary (the accounting of every row) and the table of counts,
//! with residents and rates, and its conversion to observation rows.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use tryghed_goals::Year;

use rust_decimal::Decimal;
use tryghed_geography::Crs;
use tryghed_goals::{
    AreaId, CategoryId, Dimension, Indicator, IndicatorId, Observation, Observations, OffenceCode,
};

use crate::counter::{CountArea, CountCategory};
use crate::error::RowProblem;
use crate::{CountError, SkipReason};

#[cfg(feature = "serde")]
mod read_back;

/// The result of counting an extract: the [`CountSummary`] and the [`CountTable`].
///
/// With the `serde` feature a report is read back with every derived figure recomputed and
/// compared ([`CountError::Inconsistent`] when one disagrees): the summary adds up
/// (`rows_read = classified + outside + skipped`, the skips and the unknown codes sum to
/// their totals), the table has one row per year × area (and outside) × category (and
/// other, all) in its order, with the names, residents and rates that its areas,
/// categories and counts give, and the table's cells sum to the summary's rows inside,
/// outside and under "other".
///
/// ```
/// # #[cfg(feature = "serde")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tryghed_count::{CountOptions, CountReport, Counter, LayerChoice};
/// use tryghed_goals::CategorySet;
///
/// let counter = Counter::new(
///     LayerChoice::Partnership,
///     CategorySet::straffelov_2026()?,
///     CountOptions::new(),
/// )?;
/// // Synthetic reports in EPSG:25832: one inside Ved Folehaven, one far outside.
/// let extract = "id,date,code,x,y\nS1,2025-03-14,1320,720302.0,6172500.0\nS2,2025-05-02,1210,700000.0,6100000.0\n";
/// let report = counter.count(extract.as_bytes())?;
/// let json = serde_json::to_string(&report)?;
/// assert_eq!(serde_json::from_str::<CountReport>(&json)?, report);
///
/// // A summary that does not add up is refused.
/// let wrong = json.replace(r#""outside":1"#, r#""outside":0"#);
/// let error = serde_json::from_str::<CountReport>(&wrong).unwrap_err();
/// assert!(error.to_string().contains("rows_read"));
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "serde"))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "read_back::RawCountReport"))]
pub struct CountReport {
    summary: CountSummary,
    table: CountTable,
}

impl CountReport {
    pub(crate) fn new(summary: CountSummary, table: CountTable) -> Self {
        Self { summary, table }
    }

    /// The accounting: rows read, classified, outside, skipped, unknown codes.
    pub fn summary(&self) -> &CountSummary {
        &self.summary
    }

    /// The counts per area × category × year.
    pub fn table(&self) -> &CountTable {
        &self.table
    }

    /// Adds the residents of the areas, so that rows carry rates per 1,000 residents and
    /// [`observations`](CountReport::observations) include the residents.
    ///
    /// A residents entry names its area by name (`Ved Folehaven`) or id (`omraade`).
    ///
    /// # Errors
    ///
    /// [`CountError::Residents`] naming the line of an entry whose area is not in the
    /// layer, or of a second entry for the same area and year (one by name, one by id).
    pub fn with_residents(mut self, residents: &Residents) -> Result<Self, CountError> {
        use crate::error::{ResidentsProblem, ResidentsProblemKind};
        let known: Vec<String> = self
            .table
            .areas
            .iter()
            .map(|a| format!("{} ({})", a.name(), a.id()))
            .collect();
        let mut map = BTreeMap::new();
        let mut first: BTreeMap<(usize, Year), u64> = BTreeMap::new();
        let mut problems = Vec::new();
        for e in &residents.entries {
            let Some(slot) = self
                .table
                .areas
                .iter()
                .position(|a| a.name() == e.area || a.id().as_str() == e.area)
            else {
                problems.push(ResidentsProblem {
                    line: e.line,
                    column: Some("area"),
                    kind: ResidentsProblemKind::UnknownArea {
                        area: e.area.clone(),
                        known: known.clone(),
                    },
                });
                continue;
            };
            if let Some(&first_line) = first.get(&(slot, e.year)) {
                problems.push(ResidentsProblem {
                    line: e.line,
                    column: Some("area"),
                    kind: ResidentsProblemKind::Duplicate { first_line },
                });
                continue;
            }
            first.insert((slot, e.year), e.line);
            map.insert((slot, e.year), e.residents);
        }
        if !problems.is_empty() {
            return Err(CountError::Residents { problems });
        }
        self.table.residents = map;
        Ok(self)
    }

    /// The counts as observation rows of `tryghed-goals`, the input of `tryghed goals` and
    /// `tryghed report`: one count per area (never "outside"), countable category and year,
    /// under the indicator id that `indicators` gives the category, plus the residents
    /// (indicator `indbyggere`) attached with [`with_residents`](Self::with_residents).
    /// Write them with [`tryghed_goals::write_csv`].
    ///
    /// Years are calendar years of the report dates. The Tryghedsundersøgelse of year Y
    /// reports the crime of year Y − 1 ([`tryghed_goals::crime_year_reported_in`]): these
    /// rows are already in the crime year, as the goals expect.
    ///
    /// # Errors
    ///
    /// [`CountError::Goals`] if two mappings give the same indicator for one area and year.
    pub fn observations(&self, indicators: &IndicatorMap) -> Result<Observations, CountError> {
        let t = &self.table;
        let mut out = Observations::new();
        for (yi, &year) in t.years.iter().enumerate() {
            for (slot, area) in t.areas.iter().enumerate() {
                for (ci, cat) in t.categories.iter().enumerate() {
                    if !cat.is_countable() {
                        continue;
                    }
                    let Some(n) = t.cell(yi, slot, ci) else {
                        continue;
                    };
                    for id in indicators.indicators_for(cat.id()) {
                        out.insert(Observation::count(id, area.id().clone(), year, n)?)?;
                    }
                }
            }
        }
        for (&(slot, year), &n) in &t.residents {
            if let Some(area) = t.areas.get(slot) {
                out.insert(Observation::residents(area.id().clone(), year, n)?)?;
            }
        }
        Ok(out)
    }
}

/// The accounting of a count. Nothing is dropped: `rows_read == classified + outside +
/// skipped` always ([`adds_up`](CountSummary::adds_up)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[doc(alias = "opgørelse")]
pub struct CountSummary {
    pub(crate) layer: String,
    pub(crate) crs: Crs,
    pub(crate) category_set: String,
    pub(crate) rows_read: u64,
    pub(crate) classified: u64,
    pub(crate) outside: u64,
    pub(crate) skipped: u64,
    pub(crate) skips: Vec<SkipStat>,
    pub(crate) other_rows: u64,
    pub(crate) unknown_codes: Vec<UnknownCode>,
    pub(crate) unlisted_unknown_rows: u64,
}

impl CountSummary {
    /// The layer counted into: `partnership`, `city` or `custom`.
    pub fn layer(&self) -> &str {
        &self.layer
    }
    /// The coordinate system the positions were read in.
    pub fn crs(&self) -> Crs {
        self.crs
    }
    /// The version of the category set, e.g. `straffelov-2026`.
    pub fn category_set(&self) -> &str {
        &self.category_set
    }
    /// Data rows read (not counting the header; blank lines are not rows).
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }
    /// Rows whose position lies inside an area.
    pub fn classified(&self) -> u64 {
        self.classified
    }
    /// Valid rows whose position lies outside every area (or exactly on a boundary).
    pub fn outside(&self) -> u64 {
        self.outside
    }
    /// Invalid rows skipped (only with `skip_invalid`; otherwise the count stops at the
    /// first).
    pub fn skipped(&self) -> u64 {
        self.skipped
    }
    /// Per reason: how many rows were skipped and the first line numbers.
    pub fn skips(&self) -> &[SkipStat] {
        &self.skips
    }
    /// Valid rows (inside or outside) whose offence code matches no category: counted under
    /// "other".
    pub fn other_rows(&self) -> u64 {
        self.other_rows
    }
    /// The unknown codes (matching no category) with their rows, most frequent first; at
    /// most [`MAX_LISTED_UNKNOWN_CODES`](crate::MAX_LISTED_UNKNOWN_CODES) distinct codes.
    pub fn unknown_codes(&self) -> &[UnknownCode] {
        &self.unknown_codes
    }
    /// Rows with unknown codes beyond the listed ones.
    pub fn unlisted_unknown_rows(&self) -> u64 {
        self.unlisted_unknown_rows
    }
    /// Whether `rows_read == classified + outside + skipped` (always true: a check for
    /// readers of the summary).
    pub fn adds_up(&self) -> bool {
        self.classified
            .checked_add(self.outside)
            .and_then(|s| s.checked_add(self.skipped))
            == Some(self.rows_read)
    }
}

/// The rows skipped for one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SkipStat {
    pub(crate) reason: SkipReason,
    pub(crate) rows: u64,
    pub(crate) first_lines: Vec<u64>,
    pub(crate) first: Option<RowProblem>,
}

impl SkipStat {
    /// The reason.
    pub fn reason(&self) -> SkipReason {
        self.reason
    }
    /// How many rows.
    pub fn rows(&self) -> u64 {
        self.rows
    }
    /// The first line numbers, ascending (at most [`FIRST_LINES`](crate::FIRST_LINES)).
    pub fn first_lines(&self) -> &[u64] {
        &self.first_lines
    }
    /// The first such row's problem in full.
    pub fn first(&self) -> Option<&RowProblem> {
        self.first.as_ref()
    }
}

/// An offence code that matches no category, and how many rows had it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UnknownCode {
    pub(crate) code: OffenceCode,
    pub(crate) rows: u64,
}

impl UnknownCode {
    /// The code.
    pub fn code(&self) -> OffenceCode {
        self.code
    }
    /// The rows with it.
    pub fn rows(&self) -> u64 {
        self.rows
    }
}

/// Which area a table cell is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AreaKey {
    /// An area of the layer, by its id.
    Area(AreaId),
    /// Outside every area of the layer.
    Outside,
}

impl fmt::Display for AreaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AreaKey::Area(id) => write!(f, "{id}"),
            AreaKey::Outside => f.write_str("outside"),
        }
    }
}

/// Which category a table cell is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CategoryKey {
    /// A category of the set, by its id.
    Category(CategoryId),
    /// Reports whose code matches no category (written `other`).
    Other,
    /// Every report, whatever its code (written `all`).
    All,
}

impl fmt::Display for CategoryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CategoryKey::Category(id) => write!(f, "{id}"),
            CategoryKey::Other => f.write_str("other"),
            CategoryKey::All => f.write_str("all"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AreaKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CategoryKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The name shown for reports outside every area.
pub const OUTSIDE_NAME: &str = "Uden for områderne";
/// The name shown for reports whose code matches no category.
pub const OTHER_NAME: &str = "Andet (ingen kategori)";
/// The name shown for all reports.
pub const ALL_NAME: &str = "Alle anmeldelser";

/// Counts per area (and "outside") × category (and "other", "all") × calendar year.
///
/// A report counts in every category its code matches (typically the straffelov total and
/// one type), so categories do not add up to "all"; "other" and the matched categories
/// together cover every report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[doc(alias = "tabel")]
pub struct CountTable {
    pub(crate) areas: Vec<CountArea>,
    pub(crate) categories: Vec<CountCategory>,
    years: Vec<Year>,
    /// `[year][area slot incl. outside][category incl. other, all]`.
    counts: Vec<u64>,
    residents: BTreeMap<(usize, Year), u64>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for CountTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("CountTable", 4)?;
        st.serialize_field("areas", &self.areas)?;
        st.serialize_field("categories", &self.categories)?;
        st.serialize_field("years", &self.years)?;
        st.serialize_field("rows", &self.rows().collect::<Vec<_>>())?;
        st.end()
    }
}

impl CountTable {
    pub(crate) fn new(
        areas: Vec<CountArea>,
        categories: Vec<CountCategory>,
        years: Vec<Year>,
        counts: Vec<u64>,
    ) -> Self {
        Self {
            areas,
            categories,
            years,
            counts,
            residents: BTreeMap::new(),
        }
    }

    /// The areas, in layer order.
    pub fn areas(&self) -> &[CountArea] {
        &self.areas
    }
    /// The categories, in the order of the category set.
    pub fn categories(&self) -> &[CountCategory] {
        &self.categories
    }
    /// The calendar years that occur in the extract's valid rows, ascending.
    pub fn years(&self) -> &[Year] {
        &self.years
    }

    fn stride(&self) -> usize {
        self.categories.len() + 2
    }

    /// The raw cell: year index, area slot (`areas.len()` = outside), category slot
    /// (`categories.len()` = other, `+ 1` = all).
    fn cell(&self, year: usize, slot: usize, cat: usize) -> Option<u64> {
        let per_year = (self.areas.len() + 1) * self.stride();
        self.counts
            .get(year * per_year + slot * self.stride() + cat)
            .copied()
    }

    /// The count for an area, category and year: `None` when the year does not occur in
    /// the extract, the area or category is unknown, or the category is not countable (its
    /// count is unknown, not 0).
    pub fn count(&self, area: &AreaKey, category: &CategoryKey, year: Year) -> Option<u64> {
        let yi = self.years.iter().position(|&y| y == year)?;
        let slot = match area {
            AreaKey::Area(id) => self.areas.iter().position(|a| a.id() == id)?,
            AreaKey::Outside => self.areas.len(),
        };
        let ci = match category {
            CategoryKey::Category(id) => {
                let i = self.categories.iter().position(|c| c.id() == id)?;
                if !self.categories.get(i)?.is_countable() {
                    return None;
                }
                i
            }
            CategoryKey::Other => self.categories.len(),
            CategoryKey::All => self.categories.len() + 1,
        };
        self.cell(yi, slot, ci)
    }

    /// The residents given for an area and year.
    pub fn residents(&self, area: &AreaId, year: Year) -> Option<u64> {
        let slot = self.areas.iter().position(|a| a.id() == area)?;
        self.residents.get(&(slot, year)).copied()
    }

    /// Every cell as a row, by year, then area (outside last), then category (other and
    /// all last). Zero counts are rows too: zero reports is a finding.
    pub fn rows(&self) -> impl Iterator<Item = CountRow> + '_ {
        let n_areas = self.areas.len();
        let n_cats = self.categories.len();
        self.years.iter().enumerate().flat_map(move |(yi, &year)| {
            (0..=n_areas)
                .flat_map(move |slot| (0..n_cats + 2).map(move |ci| self.row(yi, year, slot, ci)))
        })
    }

    fn row(&self, yi: usize, year: Year, slot: usize, ci: usize) -> CountRow {
        let (area, area_name) = match self.areas.get(slot) {
            Some(a) => (AreaKey::Area(a.id().clone()), a.name().to_owned()),
            None => (AreaKey::Outside, OUTSIDE_NAME.to_owned()),
        };
        let n_cats = self.categories.len();
        let (category, category_name, countable) = match self.categories.get(ci) {
            Some(c) => (
                CategoryKey::Category(c.id().clone()),
                c.name().to_owned(),
                c.is_countable(),
            ),
            None if ci == n_cats => (CategoryKey::Other, OTHER_NAME.to_owned(), true),
            None => (CategoryKey::All, ALL_NAME.to_owned(), true),
        };
        let count = if countable {
            self.cell(yi, slot, ci)
        } else {
            None
        };
        let residents = self.residents.get(&(slot, year)).copied();
        let rate_per_1000 = match (count, residents) {
            (Some(c), Some(r)) => rate_per_1000(c, r),
            _ => None,
        };
        CountRow {
            area,
            area_name,
            category,
            category_name,
            year,
            count,
            residents,
            rate_per_1000,
        }
    }

    /// Writes the table as CSV with the header `area,area_name,category,category_name,year,
    /// count,residents,rate_per_1000`. `count` is empty for a category that is not
    /// countable (unknown, not 0); `residents` and `rate_per_1000` are empty without
    /// residents. Rates are exact decimals (`count × 1000 / residents`, as
    /// [`Observations::rate_per_1000`](tryghed_goals::Observations::rate_per_1000)).
    ///
    /// # Errors
    ///
    /// [`CountError::Io`] when writing fails.
    pub fn write_csv<W: io::Write>(&self, writer: W) -> Result<(), CountError> {
        let mut w = csv::Writer::from_writer(writer);
        let err = |e: csv::Error| {
            let message = e.to_string();
            match e.into_kind() {
                csv::ErrorKind::Io(io) => CountError::Io(io),
                _ => CountError::Io(io::Error::other(message)),
            }
        };
        w.write_record([
            "area",
            "area_name",
            "category",
            "category_name",
            "year",
            "count",
            "residents",
            "rate_per_1000",
        ])
        .map_err(err)?;
        let opt = |v: Option<String>| v.unwrap_or_default();
        for r in self.rows() {
            w.write_record([
                r.area.to_string(),
                r.area_name,
                r.category.to_string(),
                r.category_name,
                r.year.to_string(),
                opt(r.count.map(|n| n.to_string())),
                opt(r.residents.map(|n| n.to_string())),
                opt(r.rate_per_1000.map(|d| d.to_string())),
            ])
            .map_err(err)?;
        }
        w.flush()?;
        Ok(())
    }
}

/// `count × 1000 / residents`, exact where the expansion ends within 28 digits (as
/// `tryghed-goals` computes it).
fn rate_per_1000(count: u64, residents: u64) -> Option<Decimal> {
    Decimal::from(count)
        .checked_mul(Decimal::ONE_THOUSAND)?
        .checked_div(Decimal::from(residents))
        .map(|d| d.normalize())
}

/// One cell of a [`CountTable`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CountRow {
    area: AreaKey,
    area_name: String,
    category: CategoryKey,
    category_name: String,
    year: Year,
    count: Option<u64>,
    residents: Option<u64>,
    rate_per_1000: Option<Decimal>,
}

impl CountRow {
    /// The area (or outside).
    pub fn area(&self) -> &AreaKey {
        &self.area
    }
    /// The area's name.
    pub fn area_name(&self) -> &str {
        &self.area_name
    }
    /// The category (or other, all).
    pub fn category(&self) -> &CategoryKey {
        &self.category
    }
    /// The category's Danish name.
    pub fn category_name(&self) -> &str {
        &self.category_name
    }
    /// The calendar year of the report dates.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The number of reports (anmeldelser); `None` when the category is not countable.
    #[doc(alias = "anmeldelser")]
    pub fn count(&self) -> Option<u64> {
        self.count
    }
    /// The residents of the area in the year, when given.
    #[doc(alias = "indbyggere")]
    pub fn residents(&self) -> Option<u64> {
        self.residents
    }
    /// Reports per 1,000 residents, when the count and the residents are known.
    pub fn rate_per_1000(&self) -> Option<Decimal> {
        self.rate_per_1000
    }
}

/// The columns of the residents CSV.
const RESIDENTS_COLUMNS: [&str; 3] = ["area", "year", "residents"];

/// The number of residents (indbyggere) per area and year, for rates per 1,000.
///
/// Read from the residents CSV ([`residents_format`](mod@crate::residents_format)): the
/// columns `area`, `year`, `residents`, an area by its name in the layer or its id.
///
/// ```
/// use tryghed_count::Residents;
/// // synthetic figures
/// let r = Residents::from_csv_str("area,year,residents\nomraade,2025,2100\nomraade,2026,2150\n")?;
/// assert_eq!(r.entries().len(), 2);
/// # Ok::<(), tryghed_count::CountError>(())
/// ```
#[doc(alias = "indbyggere")]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Residents {
    entries: Vec<ResidentsEntry>,
    /// The line of the entry for each area and year (duplicates found in linear time).
    first: BTreeMap<(String, Year), u64>,
}

/// One line of a residents file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResidentsEntry {
    area: String,
    year: Year,
    residents: u64,
    line: u64,
}

impl ResidentsEntry {
    /// The area's name or id, as given.
    pub fn area(&self) -> &str {
        &self.area
    }
    /// The calendar year.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The number of residents (> 0).
    pub fn residents(&self) -> u64 {
        self.residents
    }
    /// The line in the file it came from (0 when added in code).
    pub fn line(&self) -> u64 {
        self.line
    }
}

impl Residents {
    /// No residents.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the residents of `area` (name or id) in `year`.
    ///
    /// # Errors
    ///
    /// [`CountError::Residents`] when `residents` is 0, the area is blank, or the area and
    /// year are already present.
    pub fn insert(
        &mut self,
        area: impl Into<String>,
        year: Year,
        residents: u64,
    ) -> Result<(), CountError> {
        self.push(area.into(), year, residents, 0)
    }

    fn push(
        &mut self,
        area: String,
        year: Year,
        residents: u64,
        line: u64,
    ) -> Result<(), CountError> {
        let problem = |column, kind| CountError::Residents {
            problems: vec![crate::error::ResidentsProblem { line, column, kind }],
        };
        self.check(&area, year, residents)
            .map_err(|(column, kind)| problem(column, kind))?;
        self.first.insert((area.clone(), year), line);
        self.entries.push(ResidentsEntry {
            area,
            year,
            residents,
            line,
        });
        Ok(())
    }

    /// What is wrong with an entry, if anything.
    fn check(
        &self,
        area: &str,
        year: Year,
        residents: u64,
    ) -> Result<(), (Option<&'static str>, crate::error::ResidentsProblemKind)> {
        use crate::error::ResidentsProblemKind as K;
        if area.trim().is_empty() {
            return Err((Some("area"), K::EmptyArea));
        }
        if residents == 0 {
            return Err((Some("residents"), K::Zero));
        }
        if let Some(&first_line) = self.first.get(&(area.to_owned(), year)) {
            return Err((Some("area"), K::Duplicate { first_line }));
        }
        Ok(())
    }

    /// The entries, in the order given.
    pub fn entries(&self) -> &[ResidentsEntry] {
        &self.entries
    }

    /// Reads the residents CSV ([`residents_format`](mod@crate::residents_format)).
    ///
    /// # Errors
    ///
    /// [`CountError::Residents`] listing **every** problem of the file, each with its line
    /// and column: a missing, unknown or repeated column, a row with the wrong number of
    /// cells, a bad year or number, a repeated area and year; [`CountError::Io`] when
    /// reading fails. The delimiter is read from the header line (`;` or `,`).
    #[allow(
        clippy::too_many_lines,
        reason = "one linear pass over the rows, collecting every problem"
    )]
    pub fn from_csv_reader<R: io::Read>(mut reader: R) -> Result<Self, CountError> {
        use crate::error::{ResidentsProblem, ResidentsProblemKind as K};
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .comment(Some(b'#'))
            .flexible(true)
            .delimiter(tryghed_diagnostics::detect_delimiter(&bytes))
            .trim(csv::Trim::All)
            .from_reader(tryghed_diagnostics::LineEnds::new(bytes.as_slice()).with_comment(b'#'));
        let mut problems = Vec::new();
        let at = |line: u64, column: Option<&'static str>, kind: K| ResidentsProblem {
            line,
            column,
            kind,
        };
        let headers = match rdr.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let message = e.to_string();
                return Err(match e.into_kind() {
                    csv::ErrorKind::Io(io) => CountError::Io(io),
                    _ => CountError::Residents {
                        problems: vec![at(1, None, K::Unreadable { message })],
                    },
                });
            }
        };
        // The header's own line (blank and comment lines may come before it).
        let header_line = headers
            .position()
            .map_or(1, |p| rdr.get_ref().record_line(p.byte(), p.line()));
        let mut idx = [None::<usize>; 3];
        for (i, raw) in headers.iter().enumerate() {
            let name = String::from_utf8_lossy(raw);
            let name = tryghed_diagnostics::header_name(&name);
            let Some(slot) = RESIDENTS_COLUMNS.iter().position(|c| *c == name) else {
                problems.push(at(
                    header_line,
                    None,
                    K::UnknownColumn {
                        name: name.to_owned(),
                    },
                ));
                continue;
            };
            match idx.get_mut(slot) {
                Some(s @ None) => *s = Some(i),
                _ => problems.push(at(
                    header_line,
                    RESIDENTS_COLUMNS.get(slot).copied(),
                    K::RepeatedColumn,
                )),
            }
        }
        for (slot, name) in idx.iter().zip(RESIDENTS_COLUMNS) {
            if slot.is_none() {
                problems.push(at(header_line, Some(name), K::MissingColumn));
            }
        }
        let [Some(ai), Some(yi), Some(ri)] = idx else {
            return Err(CountError::Residents { problems });
        };
        if !problems.is_empty() {
            return Err(CountError::Residents { problems });
        }
        let width = headers.len() as u64;
        let mut out = Residents::new();
        let mut record = csv::ByteRecord::new();
        loop {
            match rdr.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => rdr.get_mut().place(&mut record),
                Err(e) => {
                    let line = rdr.get_ref().error_line(&e).unwrap_or(0);
                    let message = e.to_string();
                    match e.into_kind() {
                        csv::ErrorKind::Io(io) => return Err(CountError::Io(io)),
                        _ => problems.push(at(line, None, K::Unreadable { message })),
                    }
                    continue;
                }
            }
            let line = record.position().map_or(0, csv::Position::line);
            if record.len() as u64 != width {
                problems.push(at(
                    line,
                    None,
                    K::CellCount {
                        expected: width,
                        found: record.len() as u64,
                    },
                ));
                continue;
            }
            let Ok(text) = csv::StringRecord::from_byte_record(record.clone()) else {
                problems.push(at(line, None, K::NotText));
                continue;
            };
            let cell = |i: usize| text.get(i).unwrap_or("");
            let year_text = cell(yi);
            let year = year_text.parse::<Year>().ok();
            if year.is_none() {
                problems.push(at(
                    line,
                    Some("year"),
                    K::InvalidYear {
                        value: year_text.to_owned(),
                    },
                ));
            }
            let count_text = cell(ri);
            let digits = !count_text.is_empty() && count_text.bytes().all(|b| b.is_ascii_digit());
            let residents = digits.then(|| count_text.parse::<u64>().ok()).flatten();
            if residents.is_none() {
                problems.push(at(
                    line,
                    Some("residents"),
                    K::InvalidResidents {
                        value: count_text.to_owned(),
                        too_large: digits,
                    },
                ));
            }
            let (Some(year), Some(residents)) = (year, residents) else {
                continue;
            };
            let area = cell(ai).to_owned();
            match out.check(&area, year, residents) {
                Ok(()) => {
                    out.first.insert((area.clone(), year), line);
                    out.entries.push(ResidentsEntry {
                        area,
                        year,
                        residents,
                        line,
                    });
                }
                Err((column, kind)) => problems.push(at(line, column, kind)),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(CountError::Residents { problems })
        }
    }

    /// Reads the residents CSV from a string.
    ///
    /// # Errors
    ///
    /// As [`Residents::from_csv_reader`].
    pub fn from_csv_str(text: &str) -> Result<Self, CountError> {
        Self::from_csv_reader(text.as_bytes())
    }
}

/// Which observation indicator each crime category's counts are written under.
///
/// [`IndicatorMap::category_ids`] (the default) writes each countable category under an
/// indicator with the category's own id (`indbrud` → `indbrud`). When the goals define
/// their own indicators, [`IndicatorMap::from_indicators`] takes every indicator whose
/// dimension is a crime category (a count or a rate indicator: a rate is derived from the
/// count and the residents by `tryghed-goals`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndicatorMap {
    /// `None`: the category ids themselves.
    pairs: Option<Vec<(CategoryId, IndicatorId)>>,
}

impl IndicatorMap {
    /// Each category under its own id.
    pub fn category_ids() -> Self {
        Self { pairs: None }
    }

    /// The indicators with a [`Dimension::CrimeCategory`]; categories no indicator measures
    /// get no observation.
    pub fn from_indicators<'a>(indicators: impl IntoIterator<Item = &'a Indicator>) -> Self {
        let pairs = indicators
            .into_iter()
            .filter_map(|i| match i.dimension() {
                Dimension::CrimeCategory(c) => Some((c.clone(), i.id().clone())),
                _ => None,
            })
            .collect();
        Self { pairs: Some(pairs) }
    }

    /// Adds one mapping (switching from the default to an explicit map).
    pub fn insert(&mut self, category: CategoryId, indicator: IndicatorId) {
        self.pairs
            .get_or_insert_with(Vec::new)
            .push((category, indicator));
    }

    /// The indicators a category is written under.
    pub fn indicators_for(&self, category: &CategoryId) -> Vec<IndicatorId> {
        match &self.pairs {
            None => IndicatorId::new(category.as_str()).into_iter().collect(),
            Some(pairs) => pairs
                .iter()
                .filter(|(c, _)| c == category)
                .map(|(_, i)| i.clone())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residents_file_errors_name_the_line() {
        let e = Residents::from_csv_str("area,year,residents\nomraade,2025,0\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = Residents::from_csv_str("area,year,residents\nomraade,25,10\n").unwrap_err();
        assert!(e.to_string().contains("\"25\""), "{e}");
        let e = Residents::from_csv_str("area,year,residents\nomraade,2025,2.100\n").unwrap_err();
        assert!(e.to_string().contains("2.100"), "{e}");
        let e = Residents::from_csv_str("area,year,residents\nx,2025,1\nx,2025,2\n").unwrap_err();
        assert!(
            e.to_string().contains("line 3") && e.to_string().contains("line 2"),
            "{e}"
        );
        let e = Residents::from_csv_str("area,year,people\n").unwrap_err();
        assert!(e.to_string().contains("people"), "{e}");
        let e = Residents::from_csv_str("area,year\n").unwrap_err();
        assert!(e.to_string().contains("residents"), "{e}");
        let ok =
            Residents::from_csv_str("# synthetic\nyear,residents,area\n2025,2100,Ved Folehaven\n")
                .unwrap();
        assert_eq!(ok.entries()[0].area(), "Ved Folehaven");
        assert_eq!(ok.entries()[0].line(), 3);
    }

    #[test]
    fn rate_matches_goals() {
        assert_eq!(rate_per_1000(3, 2000), Some("1.5".parse().unwrap()));
        assert_eq!(rate_per_1000(1, 0), None);
    }

    #[test]
    fn indicator_map() {
        let c: CategoryId = "indbrud".parse().unwrap();
        assert_eq!(
            IndicatorMap::category_ids().indicators_for(&c),
            vec!["indbrud".parse::<IndicatorId>().unwrap()]
        );
        let mut m = IndicatorMap::default();
        m.insert(c.clone(), "indbrud-antal".parse().unwrap());
        assert_eq!(m.indicators_for(&c).len(), 1);
        assert!(m.indicators_for(&"haervaerk".parse().unwrap()).is_empty());
    }
}
