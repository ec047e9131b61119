//! The `[area]` table: where the partnership is, read into a
//! [`PartnershipArea`](tryghed_geography::PartnershipArea).
//!
//! Two forms: `name = "…"`, a delområde of the embedded city layer "Udsatte byområder"; or
//! `outline = "…geojson"`, a file next to the agreement file. Either may have `estates`: a
//! list of records (`{ id, name, owner, homes }`, no outlines) or a GeoJSON file of estate
//! outlines. Every problem is reported at the key it comes from, with the file it names.

use std::fmt;
use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;
use tryghed_geography::{Estate, EstateId, PartnershipArea};
use tryghed_parties::{Parties, PartyId};

use super::Checker;

/// The largest outline or estates file read (64 MiB): room for
/// [`tryghed_geography::MAX_VERTICES`] positions, refused before it is read whole.
pub const MAX_AREA_FILE_BYTES: u64 = 64 << 20;

/// Where an agreement's area outline comes from (`[area]` in the file).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AreaOrigin {
    /// `name = "…"`: a delområde of the embedded city layer "Udsatte byområder" (2023-07-18).
    #[doc(alias = "delområde")]
    CityLayer {
        /// The delområde's name, e.g. `Ved Folehaven`.
        delomraade: String,
    },
    /// `outline = "…"`: a GeoJSON file.
    File {
        /// The file, as found (relative to the agreement file's folder).
        path: PathBuf,
    },
}

impl fmt::Display for AreaOrigin {
    /// In Danish, for a reader: `delområdet "Ryparken" i kortlaget "Udsatte byområder"` or
    /// `filen omraade.geojson`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AreaOrigin::CityLayer { delomraade } => write!(
                f,
                "delområdet \"{delomraade}\" i Københavns Kommunes kortlag \"Udsatte byområder\" (18. juli 2023)"
            ),
            AreaOrigin::File { path } => write!(f, "filen {}", path.display()),
        }
    }
}

/// The area as read, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct DeclaredArea {
    pub(crate) area: PartnershipArea,
    pub(crate) origin: AreaOrigin,
    pub(crate) estates_file: Option<PathBuf>,
    /// `note`: what the outline is, in Danish, for the report's map.
    pub(crate) note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArea {
    name: Option<Spanned<String>>,
    outline: Option<Spanned<String>>,
    estates: Option<Spanned<RawEstates>>,
    credit: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
}

/// `estates`: a file name, or a list of estate records.
pub(super) enum RawEstates {
    File(String),
    Records(Vec<Spanned<RawEstate>>),
}

impl<'de> Deserialize<'de> for RawEstates {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = RawEstates;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a GeoJSON file name, or a list of estates such as [{ id = \"afdeling-a\", name = \"Afdeling A\" }]",
                )
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawEstates, E> {
                Ok(RawEstates::File(value.to_owned()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawEstates, A::Error> {
                let mut records = Vec::new();
                while let Some(record) = seq.next_element()? {
                    records.push(record);
                }
                Ok(RawEstates::Records(records))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// One estate record (afdeling): `{ id = "folehaven", name = "Folehaven", owner = "3b",
/// homes = 972 }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEstate {
    id: Spanned<String>,
    name: Spanned<String>,
    owner: Option<Spanned<PartyId>>,
    homes: Option<u32>,
}

impl Checker<'_> {
    /// Reads `[area]`: the outline, the estates and the credit, each problem at its key.
    #[allow(
        clippy::too_many_lines,
        reason = "every form of the [area] table, each problem in English and Danish"
    )]
    pub(super) fn area(
        &mut self,
        raw: Spanned<RawArea>,
        parties: Option<&Parties>,
    ) -> Option<DeclaredArea> {
        let table = raw.span();
        let raw = raw.into_inner();
        let (mut area, origin) = match (raw.name, raw.outline) {
            (Some(_), Some(outline)) => {
                self.report(
                    outline.span(),
                    "area.outline",
                    "give either name (a delområde of the city layer) or outline (a GeoJSON file), not both",
                    "angiv enten name (et delområde i kortlaget) eller outline (en GeoJSON-fil), ikke begge",
                );
                return None;
            }
            (None, None) => {
                self.report(
                    table,
                    "area",
                    "the area needs name (a delområde of the city layer \"Udsatte byområder\") or outline (a GeoJSON file next to the agreement file)",
                    "området skal have name (et delområde i kortlaget \"Udsatte byområder\") eller outline (en GeoJSON-fil ved siden af aftalefilen)",
                );
                return None;
            }
            (Some(name), None) => {
                if let Some(credit) = &raw.credit {
                    self.report(
                        credit.span(),
                        "area.credit",
                        "a delområde of the city layer is credited as its licence asks (Københavns Kommune, Udsatte byområder, CC BY 4.0): credit is only for an outline file",
                        "et delområde i kortlaget krediteres, som licensen kræver (Københavns Kommune, Udsatte byområder, CC BY 4.0): credit bruges kun til en omridsfil",
                    );
                }
                let span = name.span();
                let name = name.into_inner();
                match PartnershipArea::from_city_layer(&name) {
                    Ok(area) => (area, AreaOrigin::CityLayer { delomraade: name }),
                    Err(error) => {
                        self.report(span, "area.name", error.to_string(), error.message_da());
                        return None;
                    }
                }
            }
            (None, Some(outline)) => {
                let span = outline.span();
                let (path, text) = self.area_file(&outline, "area.outline")?;
                match PartnershipArea::from_geojson(&text) {
                    Ok(mut area) => {
                        if let Some(credit) = raw.credit {
                            let credit = self.non_empty(credit, "area.credit");
                            area = area.with_credit(credit);
                        }
                        (area, AreaOrigin::File { path })
                    }
                    Err(error) => {
                        self.report(
                            span,
                            "area.outline",
                            format!("{}: {error}", path.display()),
                            format!("{}: {}", path.display(), error.message_da()),
                        );
                        return None;
                    }
                }
            }
        };
        let mut estates_file = None;
        match raw.estates {
            None => {}
            Some(estates) => {
                let span = estates.span();
                match estates.into_inner() {
                    RawEstates::Records(records) => {
                        let records = self.estate_records(records, parties)?;
                        match area.with_estates(records) {
                            Ok(a) => area = a,
                            Err(error) => {
                                self.report(
                                    span,
                                    "area.estates",
                                    error.to_string(),
                                    error.message_da(),
                                );
                                return None;
                            }
                        }
                    }
                    RawEstates::File(name) => {
                        let name = Spanned::new(span.clone(), name);
                        let (path, text) = self.area_file(&name, "area.estates")?;
                        match area.with_estate_outlines(&text) {
                            Ok(a) => area = a,
                            Err(error) => {
                                self.report(
                                    span,
                                    "area.estates",
                                    format!("{}: {error}", path.display()),
                                    format!("{}: {}", path.display(), error.message_da()),
                                );
                                return None;
                            }
                        }
                        self.estate_owners(&area, parties, span, &path);
                        estates_file = Some(path);
                    }
                }
            }
        }
        let note = raw.note.map(|n| self.non_empty(n, "area.note"));
        Some(DeclaredArea {
            area,
            origin,
            estates_file,
            note,
        })
    }

    /// The estate records, each id a slug and each owner a party of the agreement.
    fn estate_records(
        &mut self,
        records: Vec<Spanned<RawEstate>>,
        parties: Option<&Parties>,
    ) -> Option<Vec<Estate>> {
        let mut estates = Vec::with_capacity(records.len());
        let mut clean = true;
        for (i, record) in records.into_iter().enumerate() {
            let record = record.into_inner();
            let field = format!("area.estates[{i}]");
            let id_span = record.id.span();
            let id = match EstateId::new(record.id.into_inner()) {
                Ok(id) => Some(id),
                Err(error) => {
                    self.report(
                        id_span,
                        format!("{field}.id"),
                        error.to_string(),
                        error.message_da(),
                    );
                    clean = false;
                    None
                }
            };
            let name = self.non_empty(record.name, &format!("{field}.name"));
            let owner = record.owner.map(|owner| {
                let span = owner.span();
                let owner = owner.into_inner();
                if parties.is_some_and(|p| p.get(&owner).is_none()) {
                    self.report(
                        span,
                        format!("{field}.owner"),
                        format!(
                            "unknown party {:?}: it is not among [[parties]]",
                            owner.as_str()
                        ),
                        format!(
                            "ukendt part \"{}\": den står ikke blandt [[parties]]",
                            owner.as_str()
                        ),
                    );
                }
                owner.as_str().to_owned()
            });
            if let Some(id) = id {
                estates.push(Estate::new(id, name, owner, record.homes));
            }
        }
        clean.then_some(estates)
    }

    /// The owners an estates file names must be parties of the agreement.
    fn estate_owners(
        &mut self,
        area: &PartnershipArea,
        parties: Option<&Parties>,
        span: Range<usize>,
        path: &Path,
    ) {
        let Some(parties) = parties else { return };
        for estate in area.estates() {
            if let Some(owner) = estate.owner() {
                let known = owner
                    .parse::<PartyId>()
                    .ok()
                    .is_some_and(|id| parties.get(&id).is_some());
                if !known {
                    self.report(
                        span.clone(),
                        "area.estates",
                        format!(
                            "{}: estate {:?} names the owner {owner:?}, which is not among [[parties]]",
                            path.display(),
                            estate.id().as_str()
                        ),
                        format!(
                            "{}: afdelingen \"{}\" har ejeren \"{owner}\", som ikke står blandt [[parties]]",
                            path.display(),
                            estate.id().as_str()
                        ),
                    );
                }
            }
        }
    }

    /// Reads the file `name` names, relative to the agreement file's folder: at most
    /// [`MAX_AREA_FILE_BYTES`], UTF-8 (a byte-order mark is dropped).
    fn area_file(&mut self, name: &Spanned<String>, field: &str) -> Option<(PathBuf, String)> {
        let span = name.span();
        let given = Path::new(name.get_ref().as_str());
        if given.as_os_str().is_empty() {
            self.report(span, field, "must name a file", "skal nævne en fil");
            return None;
        }
        let path = match (given.is_absolute(), self.dir) {
            (true, _) => given.to_owned(),
            (false, Some(dir)) => dir.join(given),
            (false, None) => {
                self.report(
                    span,
                    field,
                    format!(
                        "{} is relative to the agreement file's folder, but this agreement was not read from a file (use Agreement::from_path or Agreement::from_toml_str_in)",
                        given.display()
                    ),
                    format!(
                        "{} er regnet fra aftalefilens mappe, men denne aftale er ikke læst fra en fil",
                        given.display()
                    ),
                );
                return None;
            }
        };
        match read_area_file(&path) {
            Ok(text) => Some((path, text)),
            Err((reason, reason_da)) => {
                self.report(
                    span,
                    field,
                    format!("{}: {reason}", path.display()),
                    format!("{}: {reason_da}", path.display()),
                );
                None
            }
        }
    }
}

/// The file's text, or why it cannot be had (in English and Danish).
fn read_area_file(path: &Path) -> Result<String, (String, String)> {
    let file = std::fs::File::open(path).map_err(|e| {
        (
            format!("cannot be read: {e}"),
            format!("kan ikke læses ({})", io_da(&e)),
        )
    })?;
    let too_large = || {
        (
            format!("is larger than {} MiB", MAX_AREA_FILE_BYTES >> 20),
            format!("er større end {} MiB", MAX_AREA_FILE_BYTES >> 20),
        )
    };
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err((
                "is a folder, not a file".to_owned(),
                "er en mappe, ikke en fil".to_owned(),
            ));
        }
        if meta.is_file() && meta.len() > MAX_AREA_FILE_BYTES {
            return Err(too_large());
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_AREA_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            (
                format!("cannot be read: {e}"),
                format!("kan ikke læses ({})", io_da(&e)),
            )
        })?;
    if bytes.len() as u64 > MAX_AREA_FILE_BYTES {
        return Err(too_large());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e
            .as_bytes()
            .get(..at)
            .map_or(1, |b| b.split(|&c| c == b'\n').count());
        (
            format!("is not UTF-8 text (line {line}, byte {at}); save it as UTF-8"),
            format!("er ikke UTF-8-tekst (linje {line}, byte {at}); gem den som UTF-8"),
        )
    })
}

/// An I/O error's kind in Danish.
fn io_da(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::NotFound => "filen findes ikke",
        std::io::ErrorKind::PermissionDenied => "adgang nægtet",
        std::io::ErrorKind::IsADirectory => "det er en mappe",
        std::io::ErrorKind::InvalidData => "indholdet kan ikke læses",
        _ => "læsefejl",
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::{Agreement, FOLEHAVEN_TOML};
    use tryghed_geography::PartnershipArea;

    const NAME: &str = "name = \"Ved Folehaven\"";

    /// A fresh folder for one test's files (removed first if a run before left it).
    fn folder(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "tryghed-agreement-area-{test}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn square(name_key: &str, name: &str, x0: f64, y0: f64, side: f64) -> String {
        let (x1, y1) = (x0 + side, y0 + side);
        format!(
            r#"{{"type":"Feature","properties":{{"{name_key}":"{name}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}"#
        )
    }

    fn utm(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::25832"}}}},"features":[{}]}}"#,
            features.join(",")
        )
    }

    /// The estates list of the embedded file, replaced by `with`.
    fn without_estate_records(text: &str, with: &str) -> String {
        let start = text.find("estates = [").unwrap();
        let end = start + text[start..].find("]\n").unwrap() + 2;
        format!("{}{with}{}", &text[..start], &text[end..])
    }

    #[test]
    fn the_embedded_agreement_declares_the_folehaven_area() {
        let agreement = Agreement::folehaven();
        assert_eq!(
            agreement.area(),
            Some(&PartnershipArea::folehaven().unwrap())
        );
        assert_eq!(
            agreement.area_origin().map(ToString::to_string).as_deref(),
            Some(
                "delområdet \"Ved Folehaven\" i Københavns Kommunes kortlag \"Udsatte byområder\" (18. juli 2023)"
            )
        );
        assert!(agreement.area_files().is_empty());
    }

    #[test]
    fn an_unknown_delomraade_lists_the_layer_s_names_at_its_line() {
        let text = FOLEHAVEN_TOML.replace(NAME, "name = \"Folehaven\"");
        let error = Agreement::from_toml_str_named(&text, "aftale.toml").unwrap_err();
        let problems = error.problems();
        let p = problems.iter().find(|p| p.field() == "area.name").unwrap();
        let line = FOLEHAVEN_TOML.lines().position(|l| l == NAME).unwrap() + 1;
        assert_eq!(p.location().line(), line);
        assert!(
            p.message().contains("\"Tingbjerg/Husum\""),
            "{}",
            p.message()
        );
    }

    #[test]
    fn name_and_outline_together_or_neither_are_problems() {
        let both = FOLEHAVEN_TOML.replace(NAME, &format!("{NAME}\noutline = \"o.geojson\""));
        let e = Agreement::from_toml_str(&both).unwrap_err();
        assert!(
            e.problems().iter().any(|p| p.field() == "area.outline"),
            "{e}"
        );
        let neither = FOLEHAVEN_TOML.replace(NAME, "");
        let e = Agreement::from_toml_str(&neither).unwrap_err();
        assert!(e.problems().iter().any(|p| p.field() == "area"), "{e}");
    }

    #[test]
    fn outline_and_estates_files_are_read_next_to_the_agreement() {
        let dir = folder("files");
        std::fs::write(
            dir.join("omraade.geojson"),
            utm(&[square(
                "name",
                "Eksempelkvarteret",
                720_000.0,
                6_170_000.0,
                300.0,
            )]),
        )
        .unwrap();
        std::fs::write(
            dir.join("afdelinger.geojson"),
            utm(&[
                square("estate", "afdeling-a", 720_010.0, 6_170_010.0, 100.0),
                square("estate", "afdeling-b", 720_150.0, 6_170_010.0, 100.0),
            ]),
        )
        .unwrap();
        let text = without_estate_records(
            &FOLEHAVEN_TOML.replace(NAME, "outline = \"omraade.geojson\""),
            "estates = \"afdelinger.geojson\"\ncredit = \"Eksempeldata\"\n",
        );
        std::fs::write(dir.join("aftale.toml"), &text).unwrap();
        let agreement = Agreement::from_path(dir.join("aftale.toml")).unwrap();
        let area = agreement.area().unwrap();
        assert_eq!(area.area().name(), "Eksempelkvarteret");
        assert_eq!(area.estates().len(), 2);
        assert_eq!(area.credit_da(), Some("Eksempeldata"));
        assert_eq!(
            agreement.area_files(),
            vec![dir.join("omraade.geojson"), dir.join("afdelinger.geojson")]
        );

        // Overlapping estates: a problem at `estates`, naming the file.
        std::fs::write(
            dir.join("afdelinger.geojson"),
            utm(&[
                square("estate", "afdeling-a", 720_010.0, 6_170_010.0, 100.0),
                square("estate", "afdeling-b", 720_050.0, 6_170_050.0, 100.0),
            ]),
        )
        .unwrap();
        let e = Agreement::from_path(dir.join("aftale.toml")).unwrap_err();
        let p = e
            .problems()
            .into_iter()
            .find(|p| p.field() == "area.estates")
            .unwrap();
        assert!(
            p.message().contains("afdelinger.geojson"),
            "{}",
            p.message()
        );
        let line = text
            .lines()
            .position(|l| l.starts_with("estates ="))
            .unwrap()
            + 1;
        assert_eq!(p.location().line(), line);

        // A missing outline file: a problem at `outline`, naming the file.
        std::fs::remove_file(dir.join("omraade.geojson")).unwrap();
        let e = Agreement::from_path(dir.join("aftale.toml")).unwrap_err();
        let p = e
            .problems()
            .into_iter()
            .find(|p| p.field() == "area.outline")
            .unwrap();
        assert!(
            p.message().contains("omraade.geojson: cannot be read"),
            "{}",
            p.message()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_estate_owner_must_be_a_party() {
        let text = FOLEHAVEN_TOML.replace("owner = \"sab\"", "owner = \"fsb\"");
        let e = Agreement::from_toml_str(&text).unwrap_err();
        assert!(
            e.problems()
                .iter()
                .any(|p| p.field() == "area.estates[3].owner"),
            "{e}"
        );
    }
}
