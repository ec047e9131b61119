//! Crime categories (gerningstyper) as versioned sets of offence codes, and a fast matcher.
//!
//! # Offence codes and prefix semantics
//!
//! Danish crime statistics classify a report by an offence code (gerningskode,
//! "overtrædelsens art"), a string of digits whose leading digits form a hierarchy:
//! `1` is the straffelov, `12` its voldsforbrydelser, `1210` one offence under those; `32`
//! is the særlov on euforiserende stoffer, `3210` one offence under it.
//!
//! A category is a **set** of codes that may come from different branches (vold/våben is
//! `12` from the straffelov and `34` from våbenloven). A category code `c` *matches* an
//! offence code `o` when `o` starts with `c`:
//!
//! | offence code | categories (embedded straffelov 2026 file) |
//! |---|---|
//! | `1320` | straffelovskriminalitet, indbrud |
//! | `1210` | straffelovskriminalitet, vold/våben |
//! | `3210` | narkotika (not the straffelov total: `32` is a særlov) |
//! | `2110` | none (færdselsloven: "other") |
//!
//! A code therefore counts in every category it matches, typically the total and one type.
//!
//! # The data files
//!
//! [`CategorySet::straffelov_2026`] loads the embedded file for the 2026–2029 agreements
//! ([`STRAFFELOV_2026_TOML`]). The 2022–2025 agreements measured "borgervendt kriminalitet";
//! no code list for that grouping is public, so no file for it is shipped: load your own with
//! [`CategorySet::from_toml_str`]. The format is the embedded file's:
//!
//! ```toml
//! version = "min-gruppering-2026"
//! name = "Min gruppering"
//! sources = "Hvor koderne kommer fra"
//!
//! [[category]]
//! id = "indbrud"
//! name = "Indbrud"
//! codes = ["1316", "1320"]
//! verified = true          # only when an official source confirms the codes
//! source = "Københavns Politi, gerningskodegruppering 2026"   # optional: where the codes come from
//! note = "optional"
//! ```
//!
//! `verified` says whether an **official** source confirms the code list (the police's own
//! grouping, or an official classification naming these codes): it marks the category in
//! reports and never changes a count. The police's grouping is not public, so the embedded
//! file marks every category `verified = false` with a `source` saying the codes come from
//! public analyses. A category with no codes (trusler and chikane in the embedded file)
//! cannot be counted: its count is *unknown*, which a caller must report as such, never as 0
//! (see [`Category::is_countable`]).
//!
//! # Speed
//!
//! The set compiles its codes into a digit trie once; [`CategorySet::matches`] walks at
//! most 12 nodes and returns a [`CategoryMatches`] bitset (no allocation), so counting
//! millions of reports is cheap.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use crate::{CategoryId, GoalsError};

/// The embedded category file for the 2026–2029 agreements (straffelovskriminalitet and the
/// seven gerningstyper).
pub const STRAFFELOV_2026_TOML: &str =
    include_str!("../data/crime-categories-straffelov-2026.toml");

/// The most categories a [`CategorySet`] can hold (the width of [`CategoryMatches`]).
pub const MAX_CATEGORIES: usize = 64;

const MAX_CODE_LEN: usize = 12;

/// An offence code (gerningskode): 1–12 ASCII digits, e.g. `1320`, `3210`, `12`.
///
/// `Copy` and allocation-free, so matching millions of codes costs no heap traffic.
///
/// ```
/// use tryghed_goals::OffenceCode;
/// let c: OffenceCode = "1320".parse()?;
/// assert!(c.starts_with(&"13".parse()?));
/// assert!("13a".parse::<OffenceCode>().is_err());
/// # Ok::<(), tryghed_goals::GoalsError>(())
/// ```
#[doc(alias = "gerningskode")]
#[doc(alias = "overtrædelsens art")]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OffenceCode {
    len: u8,
    digits: [u8; MAX_CODE_LEN],
}

impl OffenceCode {
    /// Validates `code`.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidOffenceCode`] unless `code` is 1–12 ASCII digits.
    pub fn new(code: &str) -> Result<Self, GoalsError> {
        let err = |reason| GoalsError::InvalidOffenceCode {
            value: code.to_owned(),
            reason,
        };
        if code.is_empty() {
            return Err(err("must not be empty"));
        }
        if code.len() > MAX_CODE_LEN {
            return Err(err("must be at most 12 digits"));
        }
        let mut digits = [0u8; MAX_CODE_LEN];
        for (slot, b) in digits.iter_mut().zip(code.bytes()) {
            if !b.is_ascii_digit() {
                return Err(err("may contain only the digits 0–9"));
            }
            *slot = b - b'0';
        }
        #[allow(clippy::cast_possible_truncation)] // len ≤ 12, checked above
        Ok(Self {
            len: code.len() as u8,
            digits,
        })
    }

    /// The digits as numbers 0–9.
    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.digits.iter().copied().take(usize::from(self.len))
    }

    /// Whether `self` lies under `prefix` in the hierarchy (`1320` starts with `13`, and
    /// with itself).
    pub fn starts_with(&self, prefix: &OffenceCode) -> bool {
        prefix.len <= self.len && prefix.digits().zip(self.digits()).all(|(a, b)| a == b)
    }

    /// The number of digits.
    #[allow(clippy::len_without_is_empty)] // never empty
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }
}

impl fmt::Display for OffenceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.digits() {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for OffenceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OffenceCode({self})")
    }
}

impl FromStr for OffenceCode {
    type Err = GoalsError;
    fn from_str(s: &str) -> Result<Self, GoalsError> {
        Self::new(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for OffenceCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for OffenceCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        OffenceCode::new(&s).map_err(serde::de::Error::custom)
    }
}

/// One crime category (gerningstype): a named set of offence-code prefixes.
#[doc(alias = "gerningstype")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Category {
    id: CategoryId,
    name: String,
    codes: Vec<OffenceCode>,
    verified: bool,
    source: Option<String>,
    note: Option<String>,
}

impl Category {
    /// The identifier, e.g. `indbrud`.
    pub fn id(&self) -> &CategoryId {
        &self.id
    }
    /// The Danish name, e.g. "Tyveri/røveri".
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The code prefixes that count in this category.
    pub fn codes(&self) -> &[OffenceCode] {
        &self.codes
    }
    /// Whether an official source confirms the code list (the police's own grouping, or an
    /// official classification naming the codes). `false` for every category of the embedded
    /// file: its codes come from public analyses, and the police's grouping is not public.
    pub fn is_verified(&self) -> bool {
        self.verified
    }
    /// Where the codes come from, as the file says.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }
    /// Whether a count for this category means anything: it has codes. When `false`
    /// (trusler and chikane in the embedded file), report the count as unknown, never as 0.
    pub fn is_countable(&self) -> bool {
        !self.codes.is_empty()
    }
    /// The note on the codes' provenance or caveats, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// The categories an offence code counts in: a bitset over the indices of a
/// [`CategorySet`]. `Copy`, no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CategoryMatches(u64);

impl CategoryMatches {
    /// Whether the code counts in no category ("other").
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The number of categories matched.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    /// Whether the category at `index` of the set is matched.
    pub fn contains(self, index: usize) -> bool {
        index < MAX_CATEGORIES && self.0 & (1u64 << index) != 0
    }
    /// The indices of the matched categories, ascending (the order of the file).
    pub fn indices(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            if bits == 0 {
                None
            } else {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(i)
            }
        })
    }
    /// The raw bits (bit `i` = category `i`).
    pub fn bits(self) -> u64 {
        self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Node {
    /// Child per digit; 0 means none (the root, node 0, is never a child).
    children: [u32; 10],
    /// Categories whose code ends at this node.
    mask: u64,
}

/// A versioned set of crime categories with a compiled prefix matcher.
///
/// ```
/// use tryghed_goals::{CategorySet, OffenceCode};
/// let set = CategorySet::straffelov_2026()?;
/// let ids: Vec<&str> = set
///     .matching("1320".parse()?)
///     .map(|c| c.id().as_str())
///     .collect();
/// assert_eq!(ids, ["straffelovskriminalitet", "indbrud"]);
/// assert!(set.matches("2110".parse()?).is_empty());
/// # Ok::<(), tryghed_goals::GoalsError>(())
/// ```
#[doc(alias = "gerningstyper")]
#[doc(alias = "straffelovskriminalitet")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySet {
    version: String,
    name: String,
    sources: String,
    categories: Vec<Category>,
    trie: Vec<Node>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: String,
    name: String,
    sources: String,
    #[serde(rename = "category", default)]
    categories: Vec<toml::Spanned<RawCategory>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: toml::Spanned<String>,
    name: String,
    codes: Vec<toml::Spanned<String>>,
    verified: bool,
    #[serde(default)]
    source: Option<String>,
    note: Option<String>,
}

/// 1-based line and column of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(before.chars().count(), |p| {
        before.get(p + 1..).map_or(0, |s| s.chars().count())
    }) + 1;
    (line, col)
}

impl CategorySet {
    /// The embedded categories of the 2026–2029 agreements ([`STRAFFELOV_2026_TOML`]):
    /// straffelovskriminalitet, indbrud, tyveri/røveri, vold/våben, hærværk, narkotika, and
    /// trusler and chikane without codes. No category is verified: the codes come from public
    /// analyses, not the police's own grouping (which is not public).
    ///
    /// # Errors
    ///
    /// Never in practice: the embedded file is checked by this crate's tests. The `Result`
    /// keeps library code free of panics.
    pub fn straffelov_2026() -> Result<Self, GoalsError> {
        Self::from_toml_str(STRAFFELOV_2026_TOML)
    }

    /// Parses and validates a category file (the format is in the [module docs](self)).
    ///
    /// # Errors
    ///
    /// [`GoalsError::CategoryFile`] with line and column when the TOML is malformed, a
    /// field is missing or unknown, an id or code is invalid, an id repeats, a code repeats
    /// within a category, a verified category has no codes, or there are more than
    /// [`MAX_CATEGORIES`] categories.
    pub fn from_toml_str(text: &str) -> Result<Self, GoalsError> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            GoalsError::CategoryFile {
                line,
                column,
                message,
            }
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            GoalsError::CategoryFile {
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        if raw.version.trim().is_empty() {
            return Err(at(0, "`version` must not be empty".into()));
        }
        if raw.categories.len() > MAX_CATEGORIES {
            let start = raw
                .categories
                .get(MAX_CATEGORIES)
                .map_or(0, |c| c.span().start);
            return Err(at(
                start,
                format!(
                    "{} categories; at most {MAX_CATEGORIES} are supported",
                    raw.categories.len()
                ),
            ));
        }
        let mut categories: Vec<Category> = Vec::with_capacity(raw.categories.len());
        for spanned in raw.categories {
            let cat_start = spanned.span().start;
            let rc = spanned.into_inner();
            let id_span = rc.id.span();
            let id = CategoryId::new(rc.id.into_inner())
                .map_err(|e| at(id_span.start, e.to_string()))?;
            if categories.iter().any(|c| c.id == id) {
                return Err(at(id_span.start, format!("category id {id:?} repeats")));
            }
            if rc.name.trim().is_empty() {
                return Err(at(cat_start, format!("category {id:?} has an empty name")));
            }
            let mut codes: Vec<OffenceCode> = Vec::with_capacity(rc.codes.len());
            for code in rc.codes {
                let span = code.span();
                let c =
                    OffenceCode::new(code.get_ref()).map_err(|e| at(span.start, e.to_string()))?;
                if codes.contains(&c) {
                    return Err(at(
                        span.start,
                        format!("code {c} repeats in category {id:?}"),
                    ));
                }
                codes.push(c);
            }
            if rc.verified && codes.is_empty() {
                return Err(at(
                    cat_start,
                    format!(
                        "category {id:?} is marked verified but has no codes; \
                         set `verified = false` for an unknown code list"
                    ),
                ));
            }
            categories.push(Category {
                id,
                name: rc.name,
                codes,
                verified: rc.verified,
                source: rc.source.filter(|s| !s.trim().is_empty()),
                note: rc.note.filter(|n| !n.trim().is_empty()),
            });
        }
        Self::build(raw.version, raw.name, raw.sources, categories)
    }

    fn build(
        version: String,
        name: String,
        sources: String,
        categories: Vec<Category>,
    ) -> Result<Self, GoalsError> {
        let mut trie = vec![Node::default()];
        for (index, category) in categories.iter().enumerate() {
            let bit = 1u64 << index; // index < MAX_CATEGORIES, checked by the caller
            for code in &category.codes {
                let mut node = 0usize;
                for d in code.digits() {
                    let next = trie
                        .get(node)
                        .and_then(|n| n.children.get(usize::from(d)))
                        .copied()
                        .unwrap_or(0);
                    node = if next == 0 {
                        let new =
                            u32::try_from(trie.len()).map_err(|_| GoalsError::CategoryFile {
                                line: 0,
                                column: 0,
                                message: "too many codes".into(),
                            })?;
                        trie.push(Node::default());
                        if let Some(slot) = trie
                            .get_mut(node)
                            .and_then(|n| n.children.get_mut(usize::from(d)))
                        {
                            *slot = new;
                        }
                        new as usize
                    } else {
                        next as usize
                    };
                }
                if let Some(n) = trie.get_mut(node) {
                    n.mask |= bit;
                }
            }
        }
        Ok(Self {
            version,
            name,
            sources,
            categories,
            trie,
        })
    }

    /// The file's version tag, e.g. `straffelov-2026`.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// The set's Danish name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Where the codes come from.
    pub fn sources(&self) -> &str {
        &self.sources
    }
    /// The categories, in file order (their indices are those of [`CategoryMatches`]).
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }
    /// The category at `index`.
    pub fn get(&self, index: usize) -> Option<&Category> {
        self.categories.get(index)
    }
    /// The category with id `id`.
    pub fn by_id(&self, id: &CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| &c.id == id)
    }
    /// The index of the category with id `id`.
    pub fn index_of(&self, id: &CategoryId) -> Option<usize> {
        self.categories.iter().position(|c| &c.id == id)
    }

    /// Every category `code` counts in (prefix semantics, see the [module docs](self)).
    /// Walks at most 12 trie nodes; does not allocate.
    #[inline]
    pub fn matches(&self, code: OffenceCode) -> CategoryMatches {
        let mut mask = 0u64;
        let mut node = 0usize;
        for d in code.digits() {
            let Some(next) = self
                .trie
                .get(node)
                .and_then(|n| n.children.get(usize::from(d)))
                .copied()
                .filter(|&c| c != 0)
            else {
                break;
            };
            node = next as usize;
            mask |= self.trie.get(node).map_or(0, |n| n.mask);
        }
        CategoryMatches(mask)
    }

    /// The categories `code` counts in, as references, in file order.
    pub fn matching(&self, code: OffenceCode) -> impl Iterator<Item = &Category> + '_ {
        self.matches(code)
            .indices()
            .filter_map(move |i| self.categories.get(i))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CategorySet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("CategorySet", 4)?;
        st.serialize_field("version", &self.version)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("sources", &self.sources)?;
        st.serialize_field("category", &self.categories)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> OffenceCode {
        s.parse().unwrap()
    }

    fn ids(set: &CategorySet, c: &str) -> Vec<String> {
        set.matching(code(c)).map(|c| c.id().to_string()).collect()
    }

    #[test]
    fn embedded_file_parses_with_all_categories() {
        let set = CategorySet::straffelov_2026().unwrap();
        assert_eq!(set.version(), "straffelov-2026");
        let all: Vec<&str> = set.categories().iter().map(|c| c.id().as_str()).collect();
        assert_eq!(
            all,
            [
                "straffelovskriminalitet",
                "indbrud",
                "tyveri-roeveri",
                "vold-vaaben",
                "haervaerk",
                "narkotika",
                "trusler",
                "chikane"
            ]
        );
        for unverified in ["trusler", "chikane"] {
            let c = set.by_id(&unverified.parse().unwrap()).unwrap();
            assert!(!c.is_verified() && c.codes().is_empty() && !c.is_countable());
            assert!(c.note().unwrap().contains("Unverified"));
        }
        // No code list has an official source (the police's grouping is not public): none is
        // verified, each says where its codes come from, and those with codes are counted.
        for c in set.categories() {
            assert!(!c.is_verified(), "{}", c.id());
            assert!(c.source().is_some_and(|s| !s.is_empty()), "{}", c.id());
            assert_eq!(c.is_countable(), !c.codes().is_empty(), "{}", c.id());
        }
        assert!(
            set.by_id(&"indbrud".parse().unwrap())
                .unwrap()
                .source()
                .unwrap()
                .contains("ikke politiets gruppering")
        );
    }

    #[test]
    fn prefix_semantics() {
        let set = CategorySet::straffelov_2026().unwrap();
        assert_eq!(ids(&set, "1320"), ["straffelovskriminalitet", "indbrud"]);
        assert_eq!(ids(&set, "1316"), ["straffelovskriminalitet", "indbrud"]);
        assert_eq!(
            ids(&set, "1210"),
            ["straffelovskriminalitet", "vold-vaaben"]
        );
        assert_eq!(ids(&set, "12"), ["straffelovskriminalitet", "vold-vaaben"]);
        assert_eq!(
            ids(&set, "1380"),
            ["straffelovskriminalitet", "tyveri-roeveri"]
        );
        assert_eq!(ids(&set, "1390"), ["straffelovskriminalitet", "haervaerk"]);
        assert_eq!(ids(&set, "1435"), ["straffelovskriminalitet", "narkotika"]);
        assert_eq!(ids(&set, "3210"), ["narkotika"]);
        assert_eq!(ids(&set, "3410"), ["vold-vaaben"]);
        assert_eq!(ids(&set, "1"), ["straffelovskriminalitet"]);
        // A code shorter than a category code does not count in it: `13` is not indbrud.
        assert_eq!(ids(&set, "13"), ["straffelovskriminalitet"]);
        assert!(ids(&set, "2110").is_empty());
        assert!(ids(&set, "3").is_empty());
        assert!(set.matches(code("9999")).is_empty());
    }

    #[test]
    fn matcher_agrees_with_naive_prefix_scan() {
        let set = CategorySet::straffelov_2026().unwrap();
        for n in 0..20_000u32 {
            for s in [n.to_string(), format!("{n:04}")] {
                let c = code(&s);
                let naive: Vec<usize> = set
                    .categories()
                    .iter()
                    .enumerate()
                    .filter(|(_, cat)| cat.codes().iter().any(|p| c.starts_with(p)))
                    .map(|(i, _)| i)
                    .collect();
                let fast: Vec<usize> = set.matches(c).indices().collect();
                assert_eq!(fast, naive, "{s}");
            }
        }
    }

    #[test]
    fn offence_code_validation() {
        for bad in ["", "12a", " 12", "-1", "1234567890123", "１２"] {
            assert!(bad.parse::<OffenceCode>().is_err(), "{bad:?}");
        }
        assert_eq!(code("0012").to_string(), "0012");
        assert_eq!(code("123456789012").len(), 12);
    }

    #[test]
    fn file_errors_name_line_and_column() {
        let text = "version = \"v\"\nname = \"n\"\nsources = \"s\"\n\n[[category]]\nid = \"a\"\nname = \"A\"\ncodes = [\"12\", \"1x\"]\nverified = true\n";
        match CategorySet::from_toml_str(text).unwrap_err() {
            GoalsError::CategoryFile {
                line,
                column,
                message,
            } => {
                assert_eq!((line, column), (8, 16), "{message}");
                assert!(message.contains("1x"));
            }
            e => panic!("{e}"),
        }
        let dup = "version = \"v\"\nname = \"n\"\nsources = \"s\"\n[[category]]\nid = \"a\"\nname = \"A\"\ncodes = [\"1\"]\nverified = true\n[[category]]\nid = \"a\"\nname = \"B\"\ncodes = [\"2\"]\nverified = true\n";
        let e = CategorySet::from_toml_str(dup).unwrap_err().to_string();
        assert!(e.contains("line 10") && e.contains("repeats"), "{e}");
        let syntax = "version = \"v\"\nname = \n";
        let e = CategorySet::from_toml_str(syntax).unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
        let unknown = "version = \"v\"\nname = \"n\"\nsources = \"s\"\ncolour = 1\n";
        let e = CategorySet::from_toml_str(unknown).unwrap_err().to_string();
        assert!(e.contains("colour"), "{e}");
        let verified_empty = "version = \"v\"\nname = \"n\"\nsources = \"s\"\n[[category]]\nid = \"a\"\nname = \"A\"\ncodes = []\nverified = true\n";
        assert!(CategorySet::from_toml_str(verified_empty).is_err());
    }

    #[test]
    fn user_file_with_own_grouping() {
        let text = "version = \"borgervendt-synthetic\"\nname = \"n\"\nsources = \"synthetic test data\"\n[[category]]\nid = \"vold-uden-1210\"\nname = \"Vold\"\ncodes = [\"1220\", \"1230\"]\nverified = true\n";
        let set = CategorySet::from_toml_str(text).unwrap();
        assert_eq!(ids(&set, "1230"), ["vold-uden-1210"]);
        assert!(ids(&set, "1210").is_empty());
    }
}
