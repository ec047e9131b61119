//! Problems found in a safety partnership's files, each with file, line, column and field, and
//! a TOML reader that finds all of them in one run.
//!
//! The projektleder of a tryghedspartnerskab writes several files a year by hand: the
//! tryghedsplan, the follow-up (opfølgning) of its deliverables, the meeting log (mødelog) and
//! the ledger (regnskab). A reader of any of them should say **everything** that is wrong at
//! once, each problem where it is, in words the person can act on. This crate gives the
//! readers of `tryghed-plan`, `tryghed-meetings` and `tryghed-budget` one shape for that:
//!
//! * [`Diagnostic`]: how serious ([`Severity`]), where ([`Location`]), which field (a path such
//!   as `meetings[2].attendees[0]`), what is wrong and how to fix it; rendered in the style of
//!   rustc with Danish labels by [`Diagnostic::render`] and [`render_all`].
//! * [`TomlReader`]: parses TOML keeping the place of every key and value; the accessors of
//!   [`Table`] and [`Value`] report a missing field, a value of the wrong type or an unknown key
//!   at its place (in Danish) and return `None`, so a reader carries on with the other fields.
//! * What every reader of a hand-made file shares: [`detect_delimiter`] (`;` or `,` from a CSV
//!   header line), [`parse_decimal`] (a Danish decimal comma where the delimiter is `;`),
//!   [`header_name`], [`quote`] (at most [`QUOTE_LIMIT`] characters of a value in a message)
//!   and [`NotUtf8`] (the line of the first bad byte, with a hint when the file looks like
//!   Windows-1252).
//!
//! Messages are Danish sentences for the person who wrote the file; the severity, location and
//! field are the stable part for services.
//!
//! # Example
//!
//! ```
//! use tryghed_diagnostics::{TomlReader, render_all};
//!
//! let text = "year = 2026\n\n[[meetings]]\nbody = 7\n";
//! let mut reader = TomlReader::new("møder-2026.toml", text);
//! let document = reader.parse().ok_or("not TOML")?;
//! let root = document.root();
//! for meeting in root.tables(&mut reader, "meetings") {
//!     let _ = meeting.string(&mut reader, "body");
//!     let _ = meeting.date(&mut reader, "date");
//! }
//! let diagnostics = reader.finish();
//! let shown = render_all(&diagnostics, text);
//! assert!(shown.contains("fejl: her skal stå en tekst, ikke et heltal"));
//! assert!(shown.contains("--> møder-2026.toml:4:8"));
//! assert!(shown.contains("= felt: meetings[0].date"));
//! # Ok::<(), &str>(())
//! ```
//!
//! # Features
//!
//! - `serde`: `Serialize` and `Deserialize` for [`Diagnostic`], [`Location`] and [`Severity`].
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod diagnostic;
mod lines;
mod reader;
mod text;

pub use diagnostic::{Diagnostic, LineIndex, Location, Severity, render_all};
pub use lines::LineEnds;
pub use reader::{
    Document, QUOTE_LIMIT, Span, Table, TomlReader, Value, format_date_da, parse_date_da, quote,
    sorted,
};
pub use text::{Encoding, NotUtf8, detect_delimiter, header_name, parse_decimal};
