//! The streaming counter: header, rows, tallies.

use std::collections::HashMap;
use std::io::{self, Read};
use tryghed_goals::Year;

use csv::ByteRecord;
use tryghed_geography::{Crs, CrsCoord, Layer, Locator, PartnershipArea, Utm32, Wgs84};
use tryghed_goals::{AreaId, CategoryId, CategorySet, OffenceCode};

use tryghed_diagnostics::LineEnds;

use crate::CountError;
use crate::error::{HeaderProblem, RowProblem};
use crate::options::{CountOptions, LayerChoice, SkipReason};
use crate::parse::{number, year_of};
use crate::report::{CountReport, CountSummary, CountTable, SkipStat, UnknownCode};

/// How many distinct unknown offence codes a summary lists; rows with further distinct
/// codes are still counted under "other" and in [`CountSummary::unlisted_unknown_rows`].
pub const MAX_LISTED_UNKNOWN_CODES: usize = 1_000;

/// How many line numbers a summary keeps per skip reason (the first ones).
pub const FIRST_LINES: usize = 10;

/// An area that reports are counted in: its name in the layer and its id in observations.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[doc(alias = "område")]
pub struct CountArea {
    name: String,
    id: AreaId,
}

impl CountArea {
    pub(crate) fn new(name: String, id: AreaId) -> Self {
        CountArea { name, id }
    }

    /// The name in the layer, e.g. `Ved Folehaven`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The id used in observation rows, e.g. `omraade`.
    pub fn id(&self) -> &AreaId {
        &self.id
    }
}

/// A crime category as counted: its id and Danish name, and whether its count means
/// anything ([`Category::is_countable`](tryghed_goals::Category::is_countable)).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[doc(alias = "gerningstype")]
pub struct CountCategory {
    id: CategoryId,
    name: String,
    countable: bool,
}

impl CountCategory {
    pub(crate) fn new(id: CategoryId, name: String, countable: bool) -> Self {
        CountCategory {
            id,
            name,
            countable,
        }
    }

    /// The id, e.g. `indbrud`.
    pub fn id(&self) -> &CategoryId {
        &self.id
    }
    /// The Danish name, e.g. `Indbrud`.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Whether the category's code list is verified and not empty. When `false` its count
    /// is unknown: tables show no number and no observation is written.
    pub fn is_countable(&self) -> bool {
        self.countable
    }
}

enum AnyLocator {
    Wgs84(Locator<Wgs84>),
    Utm32(Locator<Utm32>),
}

/// A prepared counter: the layer's index in the extract's coordinate system, the category
/// matcher and the options. Build it once; count any number of extracts with it.
///
/// See the [crate docs](crate) for the input format and an example.
#[doc(alias = "optælling")]
#[doc(alias = "tæller")]
pub struct Counter {
    locator: AnyLocator,
    /// For each area of the layer (in layer order), its slot in `areas`.
    slot_of: Vec<usize>,
    areas: Vec<CountArea>,
    categories: CategorySet,
    counted: Vec<CountCategory>,
    options: CountOptions,
    layer_name: String,
}

impl std::fmt::Debug for Counter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counter")
            .field("layer", &self.layer_name)
            .field("areas", &self.areas.len())
            .field("categories", &self.categories.version())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// The column positions found in the header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cols {
    id: Option<usize>,
    date: usize,
    code: usize,
    x: usize,
    y: usize,
    /// The delimiter the extract is read with.
    #[cfg_attr(not(feature = "rayon"), allow(dead_code))]
    delimiter: u8,
}

impl Counter {
    /// A counter for one of the embedded layers.
    ///
    /// # Errors
    ///
    /// [`CountError::Options`] for invalid options; [`CountError::Geography`] if the layer
    /// cannot be prepared (not expected for the embedded data).
    pub fn new(
        layer: LayerChoice,
        categories: CategorySet,
        options: CountOptions,
    ) -> Result<Self, CountError> {
        match layer {
            LayerChoice::Partnership => {
                Self::for_area(&PartnershipArea::folehaven()?, categories, options)
            }
            LayerChoice::City => Self::build(&Layer::city()?, "city", categories, options, slug),
        }
    }

    /// A counter for one partnership area, e.g. the one an agreement declares
    /// (`tryghed_agreement::Agreement::area`): every report inside its outline counts for the
    /// area id `omraade` ([`AreaId::partnership`]), the id the agreement's observations use.
    ///
    /// # Errors
    ///
    /// As [`Counter::new`].
    ///
    /// ```
    /// use tryghed_count::{CountOptions, Counter};
    /// use tryghed_geography::{PartnershipArea, Wgs84};
    /// use tryghed_goals::CategorySet;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let area = PartnershipArea::from_city_layer("Tingbjerg/Husum")?;
    /// let counter = Counter::for_area(&area, CategorySet::straffelov_2026()?, CountOptions::new())?;
    /// let p = Wgs84::new(12.4766, 55.7146)?.to_utm32()?;
    /// let extract = format!("id,date,code,x,y\n1,2025-03-01,1320,{},{}\n", p.easting(), p.northing());
    /// let report = counter.count(extract.as_bytes())?;
    /// assert_eq!(report.table().areas()[0].name(), "Tingbjerg/Husum");
    /// assert_eq!(report.summary().classified(), 1);
    /// # Ok(())
    /// # }
    /// ```
    #[doc(alias = "partnerskabsområde")]
    pub fn for_area(
        area: &PartnershipArea,
        categories: CategorySet,
        options: CountOptions,
    ) -> Result<Self, CountError> {
        let layer = Layer::new(vec![area.area().clone()])?;
        Self::build(&layer, "partnership", categories, options, |_| {
            Ok(AreaId::partnership())
        })
    }

    /// A counter for any layer (e.g. read with
    /// [`Layer::from_geojson`](tryghed_geography::Layer::from_geojson)); it is transformed
    /// once into the options' coordinate system. Areas that share a name count as one; each
    /// area's id is its name as a slug (`Ved Folehaven` → `ved-folehaven`, æ/ø/å → ae/oe/aa).
    ///
    /// # Errors
    ///
    /// [`CountError::Options`] for invalid options or a name that gives no slug;
    /// [`CountError::Geography`] if the layer cannot be transformed.
    pub fn with_layer<P: CrsCoord>(
        layer: &Layer<P>,
        categories: CategorySet,
        options: CountOptions,
    ) -> Result<Self, CountError> {
        Self::build(layer, "custom", categories, options, slug)
    }

    fn build<P: CrsCoord>(
        layer: &Layer<P>,
        layer_name: &str,
        categories: CategorySet,
        options: CountOptions,
        id_of: impl Fn(&str) -> Result<AreaId, CountError>,
    ) -> Result<Self, CountError> {
        options.validate()?;
        let locator = match options.crs() {
            Crs::Wgs84 => AnyLocator::Wgs84(Locator::new(layer.transform::<Wgs84>()?)),
            Crs::Etrs89Utm32 => AnyLocator::Utm32(Locator::new(layer.transform::<Utm32>()?)),
            other => {
                return Err(CountError::Options {
                    option: "crs",
                    reason: format!("{other} is not supported (EPSG:4326 or EPSG:25832)"),
                    reason_da: format!(
                        "{other} understøttes ikke (brug EPSG:4326 eller EPSG:25832)"
                    ),
                });
            }
        };
        let mut areas: Vec<CountArea> = Vec::new();
        let mut slot_of = Vec::with_capacity(layer.areas().len());
        for area in layer.areas() {
            let slot = if let Some(i) = areas.iter().position(|a| a.name == area.name()) {
                i
            } else {
                let id = id_of(area.name())?;
                if let Some(clash) = areas.iter().find(|a| a.id == id) {
                    return Err(CountError::Options {
                        option: "layer",
                        reason: format!(
                            "areas {:?} and {:?} would both have the id {id}",
                            clash.name,
                            area.name()
                        ),
                        reason_da: format!(
                            "områderne \"{}\" og \"{}\" ville begge få id'et {id}",
                            clash.name,
                            area.name()
                        ),
                    });
                }
                areas.push(CountArea {
                    name: area.name().to_owned(),
                    id,
                });
                areas.len() - 1
            };
            slot_of.push(slot);
        }
        let counted = categories
            .categories()
            .iter()
            .map(|c| CountCategory {
                id: c.id().clone(),
                name: c.name().to_owned(),
                countable: c.is_countable(),
            })
            .collect();
        let layer_name = layer_name.to_owned();
        Ok(Self {
            locator,
            slot_of,
            areas,
            categories,
            counted,
            options,
            layer_name,
        })
    }

    /// The areas counted, in layer order (features sharing a name merged).
    pub fn areas(&self) -> &[CountArea] {
        &self.areas
    }

    /// The category set the codes are matched against.
    pub fn categories(&self) -> &CategorySet {
        &self.categories
    }

    /// The options.
    pub fn options(&self) -> &CountOptions {
        &self.options
    }

    fn reader_builder(delimiter: u8) -> csv::ReaderBuilder {
        let mut b = csv::ReaderBuilder::new();
        b.has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(1 << 16);
        b
    }

    /// Counts the reports of a CSV extract read from `reader`, one row at a time, in memory
    /// that does not grow with the extract.
    ///
    /// # Errors
    ///
    /// [`CountError::Header`] when the header lacks a configured column (or the input is
    /// empty); [`CountError::InvalidRow`] for the first invalid row unless
    /// [`CountOptions::with_skip_invalid`] is set; [`CountError::Io`] when reading fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_count::{CountError, CountOptions, Counter, LayerChoice, SkipReason};
    /// use tryghed_goals::CategorySet;
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // Synthetic reports in EPSG:25832; the second has no valid date.
    /// let extract = "id,date,code,x,y\n\
    ///     S1,2025-03-14,1320,720302.0,6172500.0\n\
    ///     S2,2025-02-30,1320,720302.0,6172500.0\n";
    /// let strict = Counter::new(LayerChoice::Partnership, CategorySet::straffelov_2026()?, CountOptions::new())?;
    /// // By default the first invalid row stops the count, naming its line.
    /// match strict.count(extract.as_bytes()) {
    ///     Err(CountError::InvalidRow(row)) => assert_eq!((row.line(), row.reason()), (3, SkipReason::BadDate)),
    ///     other => panic!("{other:?}"),
    /// }
    /// // With skip_invalid it is counted as skipped, and the accounting still adds up.
    /// let skipping = Counter::new(
    ///     LayerChoice::Partnership,
    ///     CategorySet::straffelov_2026()?,
    ///     CountOptions::new().with_skip_invalid(true),
    /// )?;
    /// let summary = skipping.count(extract.as_bytes())?.summary().clone();
    /// assert_eq!((summary.rows_read(), summary.classified(), summary.skipped()), (2, 1, 1));
    /// assert_eq!(summary.skips()[0].first_lines(), [3]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn count<R: Read>(&self, mut reader: R) -> Result<CountReport, CountError> {
        // The delimiter, when not given, from the header line.
        let mut head = Vec::new();
        read_first_line(&mut reader, &mut head)?;
        let delimiter = self
            .options
            .delimiter()
            .unwrap_or_else(|| tryghed_diagnostics::detect_delimiter(&head));
        let reader = io::Cursor::new(head).chain(reader);
        // The reader stops handing out bytes once the record being read passes the limit, so
        // a record that never ends takes no more than the limit in memory.
        let start = std::rc::Rc::new(std::cell::Cell::new((0, 1)));
        let limit = self.options.max_record_bytes();
        let bounded = Bounded::new(LineEnds::new(reader), std::rc::Rc::clone(&start), limit);
        let mut rdr = Self::reader_builder(delimiter).from_reader(bounded);
        let at_limit = |e: CountError, rdr: &csv::Reader<Bounded<LineEnds<_>>>| match e {
            CountError::Io(io)
                if io
                    .get_ref()
                    .is_some_and(<dyn std::error::Error + Send + Sync>::is::<LimitReached>) =>
            {
                let (byte, line) = start.get();
                CountError::RecordTooLong {
                    line: rdr.get_ref().inner.record_line(byte, line),
                    limit,
                }
            }
            other => other,
        };
        let mut rec = ByteRecord::new();
        let cols = match self.read_header(&mut rdr, &mut rec, delimiter) {
            Ok(cols) => cols,
            Err(e) => return Err(at_limit(e, &rdr)),
        };
        start.set((rdr.position().byte(), rdr.position().line()));
        let mut tally = Tally::new(self, MAX_LISTED_UNKNOWN_CODES);
        match self.count_records(&mut rdr, &cols, &mut tally, &mut rec, Some(&start)) {
            Ok(Some(problem)) => Err(CountError::InvalidRow(problem)),
            Ok(None) => Ok(self.report(tally)),
            Err(e) => Err(at_limit(e, &rdr)),
        }
    }

    /// Like [`count`](Counter::count), on all cores: the input is read in blocks of 1 MiB
    /// cut at record ends, and the blocks are parsed, classified and counted in parallel.
    /// The result is the same as [`count`](Counter::count)'s, including which invalid row
    /// is reported first. Memory stays bounded (a few blocks per thread).
    ///
    /// Blocks are cut at the last newline; a block that contains a quote character is cut
    /// by a CSV pass on the calling thread instead (a quoted field may hold a newline),
    /// which is slower but exact.
    ///
    /// # Errors
    ///
    /// As [`count`](Counter::count).
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_count::{CountOptions, Counter, LayerChoice, SyntheticExtract};
    /// use tryghed_goals::CategorySet;
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // 20.000 synthetic reports (seeded), some of them invalid.
    /// let mut extract = Vec::new();
    /// SyntheticExtract::new(20_000, 7).with_invalid_per_mille(5).write(&mut extract)?;
    /// let counter = Counter::new(
    ///     LayerChoice::City,
    ///     CategorySet::straffelov_2026()?,
    ///     CountOptions::new().with_skip_invalid(true),
    /// )?;
    /// let parallel = counter.par_count(extract.as_slice())?;
    /// assert_eq!(parallel, counter.count(extract.as_slice())?);
    /// assert!(parallel.summary().adds_up());
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "rayon")]
    pub fn par_count<R: Read>(&self, mut reader: R) -> Result<CountReport, CountError> {
        use rayon::prelude::*;
        const BLOCK: usize = 1 << 20;
        let batch = rayon::current_num_threads().max(1) * 2;
        let limit = self.options.max_record_bytes();

        // Every byte is scanned for record ends once, however long a record is: the time is
        // linear in the input, and a record longer than the limit is refused before it is
        // held whole.
        let mut pending: Vec<u8> = Vec::new();
        let mut eof = read_more(&mut reader, &mut pending, BLOCK)?;
        let delimiter = self
            .options
            .delimiter()
            .unwrap_or_else(|| tryghed_diagnostics::detect_delimiter(&pending));
        let mut ends = RecordEnds::new(delimiter);
        let (cols, mut line, mut last_cr) =
            self.par_header(&mut reader, &mut pending, &mut ends, &mut eof, delimiter)?;

        let mut total = Tally::new(self, MAX_LISTED_UNKNOWN_CODES);
        let mut free: Vec<Vec<u8>> = Vec::new();
        loop {
            let mut chunks: Vec<Vec<u8>> = Vec::with_capacity(batch);
            // A record too long, found after the chunks before it: those are counted first
            // (an invalid row in them comes first, as when counting sequentially).
            let mut refused = false;
            while chunks.len() < batch {
                if !eof && pending.len() < BLOCK {
                    let want = BLOCK - pending.len();
                    eof = read_more(&mut reader, &mut pending, want)?;
                }
                if pending.is_empty() {
                    break;
                }
                let cut = if eof {
                    pending.len()
                } else {
                    ends.scan(&pending);
                    if let Some(cut) = ends.last() {
                        cut
                    } else if too_long(&pending, 1, limit).is_some() {
                        refused = true;
                        break;
                    } else {
                        // One record longer than the buffer: read on.
                        eof = read_more(&mut reader, &mut pending, BLOCK)?;
                        continue;
                    }
                };
                // Move the tail into a recycled buffer, so that no block is reallocated.
                let mut next = free.pop().unwrap_or_default();
                next.clear();
                next.reserve(BLOCK + BLOCK / 4);
                next.extend_from_slice(pending.get(cut..).unwrap_or_default());
                pending.truncate(cut);
                chunks.push(std::mem::replace(&mut pending, next));
                ends.consumed(cut);
            }
            if chunks.is_empty() && !refused {
                break;
            }
            // Whether each chunk follows a \r (its first byte may be the \n of a \r\n).
            let mut after_cr = Vec::with_capacity(chunks.len());
            for chunk in &chunks {
                after_cr.push(last_cr);
                last_cr = chunk.last() == Some(&b'\r');
            }
            let results: Vec<Result<ChunkResult, CountError>> = chunks
                .par_iter()
                .zip(after_cr)
                .map(|(chunk, after_cr)| self.count_chunk(chunk, after_cr, &cols))
                .collect();
            for result in results {
                let offset = line.saturating_sub(1);
                let chunk = match result {
                    Ok(chunk) => chunk,
                    Err(CountError::RecordTooLong { line: at, limit }) => {
                        return Err(CountError::RecordTooLong {
                            line: at + offset,
                            limit,
                        });
                    }
                    Err(other) => return Err(other),
                };
                if let Some(mut problem) = chunk.problem {
                    problem.line += offset;
                    return Err(CountError::InvalidRow(problem));
                }
                total.merge(chunk.tally, offset);
                line += chunk.newlines;
            }
            if refused {
                let at = too_long(&pending, line, limit).unwrap_or(line);
                return Err(CountError::RecordTooLong { line: at, limit });
            }
            free.append(&mut chunks);
        }
        Ok(self.report(total))
    }

    /// The header of a parallel count: the first record, read once it is complete, then
    /// taken out of `pending`. Returns the columns, the line after the header and whether the
    /// header ended with `\r`.
    #[cfg(feature = "rayon")]
    fn par_header<R: Read>(
        &self,
        reader: &mut R,
        pending: &mut Vec<u8>,
        ends: &mut RecordEnds,
        eof: &mut bool,
        delimiter: u8,
    ) -> Result<(Cols, u64, bool), CountError> {
        const BLOCK: usize = 1 << 20;
        let limit = self.options.max_record_bytes();
        let header_end = loop {
            ends.scan(pending);
            if let Some(end) = ends.first() {
                break end;
            }
            if *eof {
                break pending.len();
            }
            if let Some(line) = too_long(pending, 1, limit) {
                return Err(CountError::RecordTooLong { line, limit });
            }
            *eof = read_more(reader, pending, BLOCK)?;
        };
        let (cols, line, last_cr) = {
            let head = pending.get(..header_end).unwrap_or_default();
            let mut rdr = Self::reader_builder(delimiter).from_reader(LineEnds::new(head));
            let mut rec = ByteRecord::new();
            let cols = self.read_header(&mut rdr, &mut rec, delimiter)?;
            (
                cols,
                1 + LineEnds::<&[u8]>::breaks_in(head),
                head.last() == Some(&b'\r'),
            )
        };
        pending.drain(..header_end);
        ends.consumed(header_end);
        Ok((cols, line, last_cr))
    }

    #[cfg(feature = "rayon")]
    fn count_chunk(
        &self,
        chunk: &[u8],
        after_cr: bool,
        cols: &Cols,
    ) -> Result<ChunkResult, CountError> {
        // The \n of a \r\n cut between two chunks belongs to the chunk before.
        let body = if after_cr {
            chunk.strip_prefix(b"\n").unwrap_or(chunk)
        } else {
            chunk
        };
        let mut rec = ByteRecord::new();
        let mut tally = Tally::new(self, usize::MAX);
        // The CSV reader drops a byte order mark at the start of what it reads, as it should
        // at the start of a file; a chunk starts in the middle of one, where the mark is data
        // (as the sequential count keeps it). Such a chunk is read behind one blank line, which
        // the reader skips, and its line numbers are taken back by that line.
        let lead = u64::from(body.starts_with(b"\xEF\xBB\xBF"));
        let blank: &[u8] = if lead == 1 { b"\n" } else { b"" };
        let mut rdr =
            Self::reader_builder(cols.delimiter).from_reader(LineEnds::new(blank.chain(body)));
        let problem = match self.count_records(&mut rdr, cols, &mut tally, &mut rec, None) {
            Ok(problem) => problem.map(|mut p| {
                p.line = p.line.saturating_sub(lead);
                p
            }),
            Err(CountError::RecordTooLong { line, limit }) => {
                return Err(CountError::RecordTooLong {
                    line: line.saturating_sub(lead),
                    limit,
                });
            }
            Err(other) => return Err(other),
        };
        tally.shift_lines_back(lead);
        let newlines = LineEnds::<&[u8]>::breaks_in(body);
        Ok(ChunkResult {
            tally,
            problem,
            newlines,
        })
    }

    fn read_header<R: Read + Place>(
        &self,
        rdr: &mut csv::Reader<R>,
        rec: &mut ByteRecord,
        delimiter: u8,
    ) -> Result<Cols, CountError> {
        let got = rdr.read_byte_record(rec).map_err(csv_error)?;
        if got {
            rdr.get_mut().place(rec);
            self.check_length(rdr, rec)?;
        }
        self.resolve_header(got.then_some(&*rec), delimiter)
    }

    /// Refuses a record longer than the options allow, naming its line.
    fn check_length<R: Read>(
        &self,
        rdr: &csv::Reader<R>,
        rec: &ByteRecord,
    ) -> Result<(), CountError> {
        let limit = self.options.max_record_bytes();
        let start = rec.position().map_or(0, csv::Position::byte);
        let length = rdr.position().byte().saturating_sub(start);
        if usize::try_from(length).map_or(true, |n| n > limit) {
            return Err(CountError::RecordTooLong {
                line: rec.position().map_or(1, csv::Position::line),
                limit,
            });
        }
        Ok(())
    }

    fn resolve_header(
        &self,
        header: Option<&ByteRecord>,
        delimiter: u8,
    ) -> Result<Cols, CountError> {
        let Some(header) = header else {
            return Err(CountError::Header {
                line: 1,
                problem: HeaderProblem::Empty,
                header: Vec::new(),
                delimiter,
            });
        };
        let line = header.position().map_or(1, csv::Position::line);
        let names: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let f = if i == 0 {
                    f.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f)
                } else {
                    f
                };
                String::from_utf8_lossy(f.trim_ascii()).into_owned()
            })
            .collect();
        let find = |name: &str| -> Result<Option<usize>, CountError> {
            let mut hits = names
                .iter()
                .enumerate()
                .filter(|(_, n)| *n == name)
                .map(|(i, _)| i);
            let first = hits.next();
            if hits.next().is_some() {
                return Err(CountError::Header {
                    line,
                    problem: HeaderProblem::RepeatedColumn {
                        column: name.to_owned(),
                    },
                    header: names.clone(),
                    delimiter,
                });
            }
            Ok(first)
        };
        let need = |name: &str| -> Result<usize, CountError> {
            find(name)?.ok_or_else(|| CountError::Header {
                line,
                problem: HeaderProblem::MissingColumn {
                    column: name.to_owned(),
                },
                header: names.clone(),
                delimiter,
            })
        };
        let o = &self.options;
        Ok(Cols {
            id: match o.id_column() {
                Some(name) => find(name)?,
                None => None,
            },
            date: need(o.date_column())?,
            code: need(o.code_column())?,
            x: need(o.x_column())?,
            y: need(o.y_column())?,
            delimiter,
        })
    }

    /// Counts records until the end, or until the first invalid row when rows are not
    /// skipped (returned as `Ok(Some(problem))`).
    fn count_records<R: Read + Place>(
        &self,
        rdr: &mut csv::Reader<R>,
        cols: &Cols,
        tally: &mut Tally,
        rec: &mut ByteRecord,
        record_start: Option<&std::cell::Cell<(u64, u64)>>,
    ) -> Result<Option<RowProblem>, CountError> {
        let skip = self.options.skip_invalid();
        while rdr.read_byte_record(rec).map_err(csv_error)? {
            rdr.get_mut().place(rec);
            self.check_length(rdr, rec)?;
            if let Some(start) = record_start {
                let next = rdr.position();
                start.set((next.byte(), next.line()));
            }
            tally.rows_read += 1;
            if let Err(problem) = self.count_row(rec, cols, tally) {
                if skip {
                    tally.skip(problem);
                } else {
                    return Ok(Some(problem));
                }
            }
        }
        Ok(None)
    }

    /// Parses, classifies and counts one row.
    #[inline]
    fn count_row(
        &self,
        rec: &ByteRecord,
        cols: &Cols,
        tally: &mut Tally,
    ) -> Result<(), RowProblem> {
        let problem = |reason: SkipReason, col: usize, value: &[u8]| {
            self.problem(rec, cols, reason, col, value)
        };
        let field = |col: usize| -> Result<&[u8], RowProblem> {
            match rec.get(col).map(<[u8]>::trim_ascii) {
                Some(f) if !f.is_empty() => Ok(f),
                _ => Err(problem(SkipReason::MissingField, col, b"")),
            }
        };
        let date = field(cols.date)?;
        let code_field = field(cols.code)?;
        let xf = field(cols.x)?;
        let yf = field(cols.y)?;
        let year = year_of(date).ok_or_else(|| problem(SkipReason::BadDate, cols.date, date))?;
        let code = std::str::from_utf8(code_field)
            .ok()
            .and_then(|s| OffenceCode::new(s).ok())
            .ok_or_else(|| problem(SkipReason::BadCode, cols.code, code_field))?;
        let x = number(xf).ok_or_else(|| problem(SkipReason::BadCoordinate, cols.x, xf))?;
        let y = number(yf).ok_or_else(|| problem(SkipReason::BadCoordinate, cols.y, yf))?;
        let hit = match &self.locator {
            AnyLocator::Utm32(loc) => loc.locate_xy(x, y),
            AnyLocator::Wgs84(loc) => {
                if !(-180.0..=180.0).contains(&x) {
                    return Err(problem(SkipReason::BadCoordinate, cols.x, xf));
                }
                if !(-90.0..=90.0).contains(&y) {
                    return Err(problem(SkipReason::BadCoordinate, cols.y, yf));
                }
                loc.locate_xy(x, y)
            }
        };
        let slot = if let Some(&slot) = hit.and_then(|i| self.slot_of.get(i)) {
            tally.classified += 1;
            slot
        } else {
            tally.outside += 1;
            self.areas.len()
        };
        let matches = self.categories.matches(code);
        if matches.is_empty() {
            tally.unknown.add(code, 1);
        }
        let n_cats = self.counted.len();
        let counts = tally.year_counts(year);
        let base = slot * (n_cats + 2);
        if let Some(row) = counts.get_mut(base..base + n_cats + 2) {
            if matches.is_empty() {
                if let Some(c) = row.get_mut(n_cats) {
                    *c += 1;
                }
            } else {
                for i in matches.indices() {
                    if let Some(c) = row.get_mut(i) {
                        *c += 1;
                    }
                }
            }
            if let Some(c) = row.get_mut(n_cats + 1) {
                *c += 1;
            }
        }
        Ok(())
    }

    #[cold]
    fn problem(
        &self,
        rec: &ByteRecord,
        cols: &Cols,
        reason: SkipReason,
        col: usize,
        value: &[u8],
    ) -> RowProblem {
        let o = &self.options;
        let column = if col == cols.date {
            o.date_column()
        } else if col == cols.code {
            o.code_column()
        } else if col == cols.x {
            o.x_column()
        } else {
            o.y_column()
        };
        RowProblem {
            line: rec.position().map_or(0, csv::Position::line),
            id: cols
                .id
                .and_then(|i| rec.get(i))
                .map(|f| String::from_utf8_lossy(f.trim_ascii()).into_owned())
                .filter(|s| !s.is_empty()),
            reason,
            column: column.to_owned(),
            value: String::from_utf8_lossy(value).into_owned(),
        }
    }

    fn report(&self, tally: Tally) -> CountReport {
        let per_year = tally.per_year;
        let mut years = tally.years;
        years.sort_unstable_by_key(|(y, _)| *y);
        let year_list: Vec<Year> = years.iter().map(|(y, _)| *y).collect();
        let mut counts = Vec::with_capacity(years.len() * per_year);
        for (_, v) in years {
            counts.extend(v);
        }
        let skips = SkipReason::ALL
            .iter()
            .zip(tally.skips)
            .filter(|(_, s)| s.count > 0)
            .map(|(&reason, s)| SkipStat {
                reason,
                rows: s.count,
                first_lines: s.first_lines,
                first: s.first,
            })
            .collect::<Vec<_>>();
        let skipped = skips.iter().map(|s| s.rows).sum();
        let other_rows = tally.unknown.total();
        let mut unknown: Vec<UnknownCode> = tally
            .unknown
            .list
            .iter()
            .map(|&(code, rows)| UnknownCode { code, rows })
            .collect();
        unknown.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.code.cmp(&b.code)));
        let summary = CountSummary {
            layer: self.layer_name.clone(),
            crs: self.options.crs(),
            category_set: self.categories.version().to_owned(),
            rows_read: tally.rows_read,
            classified: tally.classified,
            outside: tally.outside,
            skipped,
            skips,
            other_rows,
            unknown_codes: unknown,
            unlisted_unknown_rows: tally.unknown.unlisted,
        };
        let table = CountTable::new(self.areas.clone(), self.counted.clone(), year_list, counts);
        CountReport::new(summary, table)
    }
}

#[cfg(feature = "rayon")]
struct ChunkResult {
    tally: Tally,
    problem: Option<RowProblem>,
    newlines: u64,
}

/// Reads from `reader` into `buf` until a line break, 64 KiB or the end: enough to see the
/// header line's delimiters.
fn read_first_line<R: Read>(reader: &mut R, buf: &mut Vec<u8>) -> Result<(), CountError> {
    let mut chunk = [0u8; 4096];
    while buf.len() < (1 << 16) && !buf.contains(&b'\n') {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    Ok(())
}

/// Appends up to `want` bytes; `true` at the end of the input.
#[cfg(feature = "rayon")]
fn read_more<R: Read>(reader: &mut R, buf: &mut Vec<u8>, want: usize) -> Result<bool, CountError> {
    let target = buf.len() + want.max(1);
    buf.reserve(target - buf.len());
    while buf.len() < target {
        let n = reader
            .by_ref()
            .take((target - buf.len()) as u64)
            .read_to_end(buf)?;
        if n == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

fn csv_error(e: csv::Error) -> CountError {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => CountError::Io(io),
        _ => CountError::Io(io::Error::other(message)),
    }
}

/// An area's name as an [`AreaId`] slug.
fn slug(name: &str) -> Result<AreaId, CountError> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let s = match c {
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "oe",
            'å' => "aa",
            'é' | 'è' => "e",
            'ü' => "u",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if s == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(s);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(64);
    AreaId::new(out).map_err(|e| CountError::Options {
        option: "layer",
        reason: format!("area {name:?} gives no area id: {e}"),
        reason_da: format!(
            "området \"{name}\" giver intet område-id: {}",
            e.message_da()
        ),
    })
}

#[derive(Debug, Default)]
pub(crate) struct SkipTally {
    count: u64,
    first_lines: Vec<u64>,
    first: Option<RowProblem>,
}

/// Unknown codes in order of first appearance, up to a cap.
#[derive(Debug)]
pub(crate) struct UnknownCodes {
    index: HashMap<OffenceCode, usize>,
    list: Vec<(OffenceCode, u64)>,
    unlisted: u64,
    cap: usize,
}

impl UnknownCodes {
    fn add(&mut self, code: OffenceCode, rows: u64) {
        if let Some(&i) = self.index.get(&code) {
            if let Some(e) = self.list.get_mut(i) {
                e.1 += rows;
            }
        } else if self.list.len() < self.cap {
            self.index.insert(code, self.list.len());
            self.list.push((code, rows));
        } else {
            self.unlisted += rows;
        }
    }

    fn total(&self) -> u64 {
        self.list.iter().map(|e| e.1).sum::<u64>() + self.unlisted
    }
}

/// The running counts of one stream or chunk.
#[derive(Debug)]
pub(crate) struct Tally {
    per_year: usize,
    years: Vec<(Year, Vec<u64>)>,
    last: usize,
    rows_read: u64,
    classified: u64,
    outside: u64,
    skips: [SkipTally; 4],
    unknown: UnknownCodes,
}

impl Tally {
    fn new(counter: &Counter, cap: usize) -> Self {
        Self {
            per_year: (counter.areas.len() + 1) * (counter.counted.len() + 2),
            years: Vec::new(),
            last: 0,
            rows_read: 0,
            classified: 0,
            outside: 0,
            skips: Default::default(),
            unknown: UnknownCodes {
                index: HashMap::new(),
                list: Vec::new(),
                unlisted: 0,
                cap,
            },
        }
    }

    #[inline]
    fn year_counts(&mut self, year: Year) -> &mut [u64] {
        let hit = match self.years.get(self.last) {
            Some((y, _)) if *y == year => Some(self.last),
            _ => self.years.iter().position(|(y, _)| *y == year),
        };
        let i = hit.unwrap_or_else(|| {
            self.years.push((year, vec![0; self.per_year]));
            self.years.len() - 1
        });
        self.last = i;
        self.years
            .get_mut(i)
            .map_or(&mut [], |(_, v)| v.as_mut_slice())
    }

    fn skip(&mut self, problem: RowProblem) {
        if let Some(s) = self.skips.get_mut(problem.reason.index()) {
            s.count += 1;
            if s.first_lines.len() < FIRST_LINES {
                s.first_lines.push(problem.line);
            }
            if s.first.is_none() {
                s.first = Some(problem);
            }
        }
    }

    /// Takes `lines` off every line number kept (a chunk read behind blank lines).
    #[cfg(feature = "rayon")]
    fn shift_lines_back(&mut self, lines: u64) {
        if lines == 0 {
            return;
        }
        for skip in &mut self.skips {
            for line in &mut skip.first_lines {
                *line = line.saturating_sub(lines);
            }
            if let Some(p) = &mut skip.first {
                p.line = p.line.saturating_sub(lines);
            }
        }
    }

    /// Adds a later chunk's tally whose line numbers are relative to `line_offset`.
    #[cfg(feature = "rayon")]
    fn merge(&mut self, other: Tally, line_offset: u64) {
        self.rows_read += other.rows_read;
        self.classified += other.classified;
        self.outside += other.outside;
        for (year, counts) in other.years {
            for (a, b) in self.year_counts(year).iter_mut().zip(counts) {
                *a += b;
            }
        }
        for (mine, theirs) in self.skips.iter_mut().zip(other.skips) {
            mine.count += theirs.count;
            for line in theirs.first_lines {
                if mine.first_lines.len() < FIRST_LINES {
                    mine.first_lines.push(line + line_offset);
                }
            }
            if mine.first.is_none()
                && let Some(mut p) = theirs.first
            {
                p.line += line_offset;
                mine.first = Some(p);
            }
        }
        for (code, rows) in other.unknown.list {
            self.unknown.add(code, rows);
        }
        self.unknown.unlisted += other.unknown.unlisted;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Ved Folehaven").unwrap().as_str(), "ved-folehaven");
        assert_eq!(slug("Tingbjerg/Husum").unwrap().as_str(), "tingbjerg-husum");
        assert_eq!(slug("Ydre Nørrebro").unwrap().as_str(), "ydre-noerrebro");
        assert_eq!(slug("Urbanplanen mv.").unwrap().as_str(), "urbanplanen-mv");
        assert_eq!(
            slug("Ved Bispebjerg Parkallé").unwrap().as_str(),
            "ved-bispebjerg-parkalle"
        );
        assert!(slug("//").is_err());
    }

    #[test]
    fn city_layer_merges_shared_names() {
        let c = Counter::new(
            LayerChoice::City,
            CategorySet::straffelov_2026().unwrap(),
            CountOptions::new(),
        )
        .unwrap();
        assert_eq!(c.areas().len(), 15);
        assert_eq!(c.slot_of.len(), 17);
    }

    #[test]
    fn unknown_codes_cap() {
        let mut u = UnknownCodes {
            index: HashMap::new(),
            list: Vec::new(),
            unlisted: 0,
            cap: 2,
        };
        for code in ["2110", "2120", "2110", "9", "9"] {
            u.add(code.parse().unwrap(), 1);
        }
        assert_eq!(u.list.len(), 2);
        assert_eq!(u.unlisted, 2);
        assert_eq!(u.total(), 5);
    }
}

/// Finds where records end in a buffer that grows at its end and is consumed at its start,
/// looking at each byte once (with the CSV parser's own state machine, so quoted fields with
/// line breaks are handled as the parser handles them).
#[cfg(feature = "rayon")]
struct RecordEnds {
    parser: csv_core::Reader,
    /// Bytes of the buffer already scanned.
    scanned: usize,
    /// The end of the first record scanned, while it is in the buffer.
    first: Option<usize>,
    /// The end of the last complete record in the buffer.
    last: Option<usize>,
}

#[cfg(feature = "rayon")]
impl RecordEnds {
    fn new(delimiter: u8) -> Self {
        Self {
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            scanned: 0,
            first: None,
            last: None,
        }
    }

    /// Scans the bytes of `buf` not scanned yet.
    fn scan(&mut self, buf: &[u8]) {
        // The field contents are not needed: they are written over.
        let mut out = [0u8; 4096];
        let mut field_ends = [0usize; 64];
        loop {
            let input = buf.get(self.scanned..).unwrap_or_default();
            if input.is_empty() {
                // An empty input would tell the parser the data has ended.
                break;
            }
            let (result, read, _, _) = self.parser.read_record(input, &mut out, &mut field_ends);
            self.scanned += read;
            match result {
                csv_core::ReadRecordResult::Record => {
                    self.first.get_or_insert(self.scanned);
                    self.last = Some(self.scanned);
                }
                csv_core::ReadRecordResult::InputEmpty | csv_core::ReadRecordResult::End => {
                    break;
                }
                csv_core::ReadRecordResult::OutputFull
                | csv_core::ReadRecordResult::OutputEndsFull => {}
            }
            if read == 0 && result != csv_core::ReadRecordResult::Record {
                break;
            }
        }
    }

    fn first(&self) -> Option<usize> {
        self.first.filter(|&end| end > 0)
    }

    fn last(&self) -> Option<usize> {
        self.last.filter(|&end| end > 0)
    }

    /// The first `n` bytes of the buffer were taken (`n` is a record end, or the whole
    /// buffer).
    fn consumed(&mut self, n: usize) {
        self.scanned = self.scanned.saturating_sub(n);
        self.first = None;
        self.last = self
            .last
            .and_then(|end| end.checked_sub(n))
            .filter(|&end| end > 0);
    }
}

/// When `buf` (which starts where a record may start, at `line`) holds no record end and is
/// longer than `limit` after its blank lines: the line where that record starts, counted as
/// the CSV reader counts it (from the first blank line before it).
#[cfg(feature = "rayon")]
fn too_long(buf: &[u8], line: u64, limit: usize) -> Option<u64> {
    let blank = buf
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .count();
    (buf.len() - blank > limit).then_some(line)
}

/// The marker inside the I/O error [`Bounded`] gives when a record passes the limit.
#[derive(Debug)]
struct LimitReached;

impl std::fmt::Display for LimitReached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a record is longer than the limit")
    }
}

impl std::error::Error for LimitReached {}

/// A reader for the sequential count that refuses to hand out more than the limit (plus
/// the CSV reader's buffer) past the start of the record being read. The counting loop
/// tells it where each record starts (byte offset and line).
struct Bounded<R> {
    inner: R,
    given: u64,
    record_start: std::rc::Rc<std::cell::Cell<(u64, u64)>>,
    allowance: u64,
}

impl<R> Bounded<R> {
    /// The CSV reader's buffer capacity ([`Counter::reader_builder`]): it may have read that
    /// far ahead of the record it is parsing.
    const READ_AHEAD: u64 = 1 << 16;

    fn new(inner: R, record_start: std::rc::Rc<std::cell::Cell<(u64, u64)>>, limit: usize) -> Self {
        let limit = u64::try_from(limit).unwrap_or(u64::MAX);
        Self {
            inner,
            given: 0,
            record_start,
            allowance: limit.saturating_add(Self::READ_AHEAD),
        }
    }
}

/// A reader under the CSV reader that puts each record on its line (see [`LineEnds`]).
trait Place {
    fn place(&mut self, record: &mut ByteRecord);
}

impl<R> Place for LineEnds<R> {
    fn place(&mut self, record: &mut ByteRecord) {
        LineEnds::place(self, record);
    }
}

impl<R> Place for Bounded<LineEnds<R>> {
    fn place(&mut self, record: &mut ByteRecord) {
        self.inner.place(record);
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (start, _) = self.record_start.get();
        if self.given.saturating_sub(start) > self.allowance {
            return Err(io::Error::other(LimitReached));
        }
        let n = self.inner.read(buf)?;
        self.given += n as u64;
        Ok(n)
    }
}
