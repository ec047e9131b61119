//! What the counter is told: columns, coordinate system, delimiter, layer, what to do with
//! invalid rows.

use std::fmt;
use std::str::FromStr;

use tryghed_geography::Crs;

use crate::CountError;

/// How to read an extract: the column names, the coordinate system of the positions, the
/// field delimiter, and whether invalid rows stop the count.
///
/// The defaults ([`CountOptions::new`]):
///
/// | setting | default |
/// |---|---|
/// | id column (optional) | `id` |
/// | date column | `date` |
/// | offence-code column (gerningskode) | `code` |
/// | x column (easting or longitude) | `x` |
/// | y column (northing or latitude) | `y` |
/// | coordinate system | EPSG:25832 (metres), the city's own |
/// | delimiter | read from the header line: `;` or `,` |
/// | invalid rows | an error naming the line |
/// | longest record | [`DEFAULT_MAX_RECORD_BYTES`] (1 MiB) |
///
/// ```
/// use tryghed_count::CountOptions;
/// use tryghed_geography::Crs;
/// let options = CountOptions::new()
///     .with_crs(Crs::Wgs84)
///     .with_x_column("lon")
///     .with_y_column("lat")
///     .with_delimiter(b';')
///     .with_skip_invalid(true);
/// assert_eq!(options.x_column(), "lon");
/// assert_eq!(options.id_column(), Some("id"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CountOptions {
    id: Option<String>,
    date: String,
    code: String,
    x: String,
    y: String,
    crs: Crs,
    delimiter: Option<u8>,
    skip_invalid: bool,
    max_record_bytes: usize,
}

/// The longest record (row, with its line ending) an extract may have by default: 1 MiB.
/// A police-report row is about a hundred bytes; a longer record is refused with
/// [`CountError::RecordTooLong`] so that no single row can take unbounded memory.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 1 << 20;

impl Default for CountOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl CountOptions {
    /// The defaults (see the table above).
    pub fn new() -> Self {
        Self {
            id: Some("id".to_owned()),
            date: "date".to_owned(),
            code: "code".to_owned(),
            x: "x".to_owned(),
            y: "y".to_owned(),
            crs: Crs::Etrs89Utm32,
            delimiter: None,
            skip_invalid: false,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }

    /// The column with the report id, or `None` for none. The id only names rows in
    /// messages; when the header lacks it, rows are named by line alone. Reports are not
    /// de-duplicated by id (that would need memory growing with the extract).
    #[must_use]
    pub fn with_id_column(mut self, name: Option<impl Into<String>>) -> Self {
        self.id = name.map(Into::into);
        self
    }
    /// The column with the report date (ISO `2026-03-01` or Danish `01-03-2026`).
    #[must_use]
    pub fn with_date_column(mut self, name: impl Into<String>) -> Self {
        self.date = name.into();
        self
    }
    /// The column with the offence code (gerningskode).
    #[doc(alias = "gerningskode")]
    #[must_use]
    pub fn with_code_column(mut self, name: impl Into<String>) -> Self {
        self.code = name.into();
        self
    }
    /// The column with the easting (EPSG:25832) or longitude (EPSG:4326).
    #[must_use]
    pub fn with_x_column(mut self, name: impl Into<String>) -> Self {
        self.x = name.into();
        self
    }
    /// The column with the northing (EPSG:25832) or latitude (EPSG:4326).
    #[must_use]
    pub fn with_y_column(mut self, name: impl Into<String>) -> Self {
        self.y = name.into();
        self
    }
    /// The coordinate system of the positions.
    #[must_use]
    pub fn with_crs(mut self, crs: Crs) -> Self {
        self.crs = crs;
        self
    }
    /// The field delimiter, e.g. `b';'` for a Danish spreadsheet export. Without it the
    /// delimiter is read from the header line of each extract
    /// ([`detect_delimiter`](tryghed_diagnostics::detect_delimiter): `;` or `,`), as every
    /// CSV reader of the tryghed crates does.
    #[must_use]
    pub fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = Some(delimiter);
        self
    }
    /// Whether invalid rows are counted as skipped (per [`SkipReason`]) instead of stopping
    /// the count with an error.
    #[must_use]
    pub fn with_skip_invalid(mut self, skip: bool) -> Self {
        self.skip_invalid = skip;
        self
    }

    /// The longest record (row, with its line ending) accepted, in bytes; a longer one is an
    /// error ([`CountError::RecordTooLong`]), also with `skip_invalid`. Default
    /// [`DEFAULT_MAX_RECORD_BYTES`]; `usize::MAX` accepts any length (memory then grows with
    /// the longest row).
    #[must_use]
    pub fn with_max_record_bytes(mut self, bytes: usize) -> Self {
        self.max_record_bytes = bytes;
        self
    }

    /// The id column, if any.
    pub fn id_column(&self) -> Option<&str> {
        self.id.as_deref()
    }
    /// The date column.
    pub fn date_column(&self) -> &str {
        &self.date
    }
    /// The offence-code column.
    pub fn code_column(&self) -> &str {
        &self.code
    }
    /// The x column (easting or longitude).
    pub fn x_column(&self) -> &str {
        &self.x
    }
    /// The y column (northing or latitude).
    pub fn y_column(&self) -> &str {
        &self.y
    }
    /// The coordinate system of the positions.
    pub fn crs(&self) -> Crs {
        self.crs
    }
    /// The field delimiter given, or `None` when it is read from each extract's header.
    pub fn delimiter(&self) -> Option<u8> {
        self.delimiter
    }
    /// Whether invalid rows are skipped and counted rather than an error.
    pub fn skip_invalid(&self) -> bool {
        self.skip_invalid
    }
    /// The longest record accepted, in bytes.
    pub fn max_record_bytes(&self) -> usize {
        self.max_record_bytes
    }

    /// Checks the options: column names not blank, the four required ones distinct, a
    /// delimiter that is not a quote, newline or digit.
    pub(crate) fn validate(&self) -> Result<(), CountError> {
        let named = [
            ("date column", &self.date),
            ("code column", &self.code),
            ("x column", &self.x),
            ("y column", &self.y),
        ];
        for (option, name) in named
            .iter()
            .copied()
            .chain(self.id.iter().map(|n| ("id column", n)))
        {
            if name.trim().is_empty() {
                return Err(CountError::Options {
                    option,
                    reason: "a column name must not be blank".to_owned(),
                    reason_da: "et kolonnenavn må ikke være tomt".to_owned(),
                });
            }
        }
        for (i, (option, name)) in named.iter().enumerate() {
            if let Some((other, _)) = named.iter().skip(i + 1).find(|(_, n)| n == name) {
                return Err(CountError::Options {
                    option,
                    reason: format!("{name:?} is also the {other}"),
                    reason_da: format!("\"{name}\" er også {other}"),
                });
            }
        }
        if self.max_record_bytes == 0 {
            return Err(CountError::Options {
                option: "max record bytes",
                reason: "0 would refuse every record".to_owned(),
                reason_da: "0 ville afvise hver række".to_owned(),
            });
        }
        if let Some(d) = self.delimiter
            && (d == b'"' || d == b'\n' || d == b'\r' || d.is_ascii_digit() || !d.is_ascii())
        {
            return Err(CountError::Options {
                option: "delimiter",
                reason: format!("{:?} cannot separate fields", char::from(d)),
                reason_da: format!("{:?} kan ikke skille felter", char::from(d)),
            });
        }
        Ok(())
    }
}

/// Which areas reports are classified into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum LayerChoice {
    /// The Folehaven partnership area (partnerskabsområdet) alone: Københavns Kommune's
    /// outline "Ved Folehaven". Its area id in observations is `omraade`
    /// ([`AreaId::partnership`](tryghed_goals::AreaId::partnership)).
    #[default]
    #[doc(alias = "partnerskabsområde")]
    Partnership,
    /// The city's 17 "udsatte byområder" (15 names: features that share a name count as one
    /// area). Area ids are the names as slugs: `ved-folehaven`, `tingbjerg-husum`, …
    #[doc(alias = "udsatte byområder")]
    City,
}

impl fmt::Display for LayerChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LayerChoice::Partnership => "partnership",
            LayerChoice::City => "city",
        })
    }
}

impl FromStr for LayerChoice {
    type Err = CountError;
    fn from_str(s: &str) -> Result<Self, CountError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "partnership" | "partnerskab" => Ok(LayerChoice::Partnership),
            "city" | "by" => Ok(LayerChoice::City),
            _ => Err(CountError::Options {
                option: "layer",
                reason: format!("{s:?} is not a layer (partnership or city)"),
                reason_da: format!("\"{s}\" er ikke et kortlag (partnerskab eller by)"),
            }),
        }
    }
}

/// Why a row was not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum SkipReason {
    /// A required field (date, code, x or y) is absent (the row is too short) or empty.
    MissingField,
    /// The date is not an existing date in ISO or Danish form, or its year is outside
    /// 1900–2199 (the range of [`Year`](tryghed_goals::Year)).
    BadDate,
    /// A coordinate is not a finite number (or, for EPSG:4326, out of ±180° / ±90°).
    BadCoordinate,
    /// The offence code is not 1–12 digits. (A well-formed code that matches no category is
    /// not invalid: it is counted under "other".)
    BadCode,
}

impl SkipReason {
    /// Every reason, in the order reported.
    pub const ALL: [SkipReason; 4] = [
        SkipReason::MissingField,
        SkipReason::BadDate,
        SkipReason::BadCoordinate,
        SkipReason::BadCode,
    ];

    /// A short English label: `missing field`, `bad date`, `bad coordinate`, `bad code`.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::MissingField => "missing field",
            SkipReason::BadDate => "bad date",
            SkipReason::BadCoordinate => "bad coordinate",
            SkipReason::BadCode => "bad offence code",
        }
    }

    /// The label in Danish, for Danish summaries: `manglende felt`, `ugyldig dato`,
    /// `ugyldig koordinat`, `ugyldig gerningskode`.
    pub fn label_da(self) -> &'static str {
        match self {
            SkipReason::MissingField => "manglende felt",
            SkipReason::BadDate => "ugyldig dato",
            SkipReason::BadCoordinate => "ugyldig koordinat",
            SkipReason::BadCode => "ugyldig gerningskode",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            SkipReason::MissingField => 0,
            SkipReason::BadDate => 1,
            SkipReason::BadCoordinate => 2,
            SkipReason::BadCode => 3,
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_an_english_and_a_danish_label() {
        for reason in SkipReason::ALL {
            assert!(!reason.label().is_empty());
            assert!(!reason.label_da().is_empty());
            assert_ne!(reason.label(), reason.label_da());
        }
    }

    #[test]
    fn options_are_checked() {
        assert!(CountOptions::new().validate().is_ok());
        let e = CountOptions::new()
            .with_y_column("x")
            .validate()
            .unwrap_err();
        assert!(e.to_string().contains("\"x\""), "{e}");
        assert!(
            CountOptions::new()
                .with_date_column(" ")
                .validate()
                .is_err()
        );
        assert!(
            CountOptions::new()
                .with_id_column(Some(""))
                .validate()
                .is_err()
        );
        assert!(
            CountOptions::new()
                .with_id_column(None::<String>)
                .validate()
                .is_ok()
        );
        assert!(CountOptions::new().with_delimiter(b'"').validate().is_err());
        assert!(CountOptions::new().with_delimiter(b';').validate().is_ok());
    }

    #[test]
    fn layer_parses() {
        assert_eq!("city".parse::<LayerChoice>().unwrap(), LayerChoice::City);
        assert_eq!(
            "Partnership".parse::<LayerChoice>().unwrap(),
            LayerChoice::Partnership
        );
        assert!("valby".parse::<LayerChoice>().is_err());
        assert_eq!(LayerChoice::City.to_string(), "city");
    }

    #[test]
    fn reasons_index_in_order() {
        for (i, r) in SkipReason::ALL.iter().enumerate() {
            assert_eq!(r.index(), i);
        }
    }
}
