//! Official identifiers: [`Cvr`] and [`Identifier`].

use std::fmt;
use std::str::FromStr;

use crate::error::PartiesError;

/// The weights of the CVR modulus-11 check, first digit first.
const CVR_WEIGHTS: [u32; 8] = [2, 7, 6, 5, 4, 3, 2, 1];

/// A Danish CVR number (Det Centrale Virksomhedsregister), e.g. `64942212` for
/// Københavns Kommune.
///
/// # The rule
///
/// A CVR number is exactly eight ASCII digits `d1 … d8` such that
///
/// * the first digit is not 0 (CVR numbers are issued from 10000000 upward;
///   this crate rejects a leading 0 rather than guess whether it was padding), and
/// * the weighted sum `2·d1 + 7·d2 + 6·d3 + 5·d4 + 4·d5 + 3·d6 + 2·d7 + 1·d8` is
///   divisible by 11 (the modulus-11 check).
///
/// Nothing is trimmed: spaces, signs or a `DK` prefix are errors.
///
/// ```
/// use tryghed_parties::Cvr;
///
/// let kk: Cvr = "64942212".parse()?;
/// assert_eq!(kk.to_string(), "64942212");
/// assert_eq!(kk.get(), 64_942_212);
/// assert!(Cvr::new("64942213").is_err()); // fails the check
/// # Ok::<(), tryghed_parties::PartiesError>(())
/// ```
///
/// With the `serde` feature it is a string of eight digits, validated when read.
#[doc(alias = "cvr-nummer")]
#[doc(alias = "CVR")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct Cvr(u32);

impl Cvr {
    /// Validates an eight-digit CVR number given as text.
    ///
    /// # Errors
    ///
    /// * [`PartiesError::CvrLength`] unless it has exactly 8 characters,
    /// * [`PartiesError::CvrNotDigit`] for a character other than `0`–`9`,
    /// * [`PartiesError::CvrLeadingZero`] when it starts with `0`,
    /// * [`PartiesError::CvrChecksum`] when the modulus-11 check fails.
    pub fn new(value: &str) -> Result<Self, PartiesError> {
        let length = value.chars().count();
        if length != 8 {
            return Err(PartiesError::CvrLength {
                value: value.to_owned(),
                length,
            });
        }
        let mut number = 0_u32;
        let mut weighted_sum = 0_u32;
        for ((index, ch), weight) in value.chars().enumerate().zip(CVR_WEIGHTS) {
            let Some(digit) = ch.to_digit(10) else {
                return Err(PartiesError::CvrNotDigit {
                    value: value.to_owned(),
                    found: ch,
                    position: index + 1,
                });
            };
            number = number * 10 + digit;
            weighted_sum += weight * digit;
        }
        if value.starts_with('0') {
            return Err(PartiesError::CvrLeadingZero {
                value: value.to_owned(),
            });
        }
        let remainder = weighted_sum % 11;
        if remainder != 0 {
            return Err(PartiesError::CvrChecksum {
                value: value.to_owned(),
                weighted_sum,
                remainder,
            });
        }
        Ok(Self(number))
    }

    /// Validates a CVR number given as a number.
    ///
    /// # Errors
    ///
    /// As [`Cvr::new`] on the decimal digits of `value`: a number below
    /// 10000000 or above 99999999 does not have eight digits
    /// ([`PartiesError::CvrLength`]).
    ///
    /// ```
    /// use tryghed_parties::Cvr;
    /// assert_eq!(Cvr::from_u32(64_942_212)?.get(), 64_942_212);
    /// assert!(Cvr::from_u32(1_234).is_err());
    /// # Ok::<(), tryghed_parties::PartiesError>(())
    /// ```
    pub fn from_u32(value: u32) -> Result<Self, PartiesError> {
        Self::new(&value.to_string())
    }

    /// The number, e.g. `64942212`.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Cvr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Always eight digits: the first one is never 0.
        write!(f, "{}", self.0)
    }
}

impl FromStr for Cvr {
    type Err = PartiesError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for Cvr {
    type Error = PartiesError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<Cvr> for String {
    fn from(cvr: Cvr) -> String {
        cvr.to_string()
    }
}

/// An identifier of an organisation in some register: a `scheme` plus an `id`,
/// as in IATI organisation identifiers (`DK-CVR` + `64942212`).
///
/// Known schemes are checked: a [`DK-CVR`](Identifier::SCHEME_CVR) id must be a valid
/// [`Cvr`], a [`DK-KOMMUNE`](Identifier::SCHEME_KOMMUNE) id a three-digit municipality
/// code. Other schemes are accepted as given, provided scheme and id are non-empty and
/// carry no surrounding whitespace.
///
/// ```
/// use tryghed_parties::{Cvr, Identifier};
///
/// let by_cvr = Identifier::cvr(Cvr::new("64942212")?);
/// assert_eq!(by_cvr.scheme(), "DK-CVR");
/// assert_eq!(by_cvr.to_string(), "DK-CVR-64942212");
/// assert_eq!(by_cvr.as_cvr(), Some(Cvr::new("64942212")?));
/// assert!(Identifier::new("DK-CVR", "12345678").is_err());
/// # Ok::<(), tryghed_parties::PartiesError>(())
/// ```
///
/// With the `serde` feature: `{ scheme = "DK-CVR", id = "64942212" }`, validated when read.
#[doc(alias = "identifikator")]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawIdentifier", into = "RawIdentifier")
)]
pub struct Identifier {
    scheme: String,
    id: String,
}

impl Identifier {
    /// The scheme for CVR numbers, as in IATI organisation identifiers (org-id.guide).
    pub const SCHEME_CVR: &'static str = "DK-CVR";
    /// This crate's scheme for Danish municipality codes (kommunekoder, e.g. `101` for
    /// Københavns Kommune). Not an org-id.guide list: a local convention.
    pub const SCHEME_KOMMUNE: &'static str = "DK-KOMMUNE";

    /// An identifier in any scheme.
    ///
    /// # Errors
    ///
    /// * [`PartiesError::Empty`] if `scheme` or `id` is empty or whitespace,
    /// * [`PartiesError::SurroundingWhitespace`] if either has leading or trailing whitespace,
    /// * for scheme `DK-CVR`, the errors of [`Cvr::new`],
    /// * for scheme `DK-KOMMUNE`, [`PartiesError::InvalidMunicipalityCode`].
    pub fn new(scheme: &str, id: &str) -> Result<Self, PartiesError> {
        check_text("identifier scheme", scheme, None)?;
        check_text("identifier id", id, Some(scheme))?;
        match scheme {
            Self::SCHEME_CVR => {
                Cvr::new(id)?;
            }
            Self::SCHEME_KOMMUNE => {
                let ok =
                    id.len() == 3 && id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with('0');
                if !ok {
                    return Err(PartiesError::InvalidMunicipalityCode {
                        value: id.to_owned(),
                    });
                }
            }
            _ => {}
        }
        Ok(Self {
            scheme: scheme.to_owned(),
            id: id.to_owned(),
        })
    }

    /// The `DK-CVR` identifier of a CVR number.
    pub fn cvr(cvr: Cvr) -> Self {
        Self {
            scheme: Self::SCHEME_CVR.to_owned(),
            id: cvr.to_string(),
        }
    }

    /// The `DK-KOMMUNE` identifier of a municipality code, e.g. `101` for Københavns Kommune.
    ///
    /// # Errors
    ///
    /// [`PartiesError::InvalidMunicipalityCode`] unless `code` is within 100..=999.
    #[doc(alias = "kommunekode")]
    pub fn municipality_code(code: u16) -> Result<Self, PartiesError> {
        Self::new(Self::SCHEME_KOMMUNE, &code.to_string())
    }

    /// The scheme, e.g. `DK-CVR`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The id within the scheme, e.g. `64942212`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The CVR number, if this is a `DK-CVR` identifier.
    pub fn as_cvr(&self) -> Option<Cvr> {
        if self.scheme == Self::SCHEME_CVR {
            Cvr::new(&self.id).ok()
        } else {
            None
        }
    }
}

/// `scheme-id`, the IATI way of writing an organisation identifier (`DK-CVR-64942212`).
impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.scheme, self.id)
    }
}

impl From<Cvr> for Identifier {
    fn from(cvr: Cvr) -> Self {
        Self::cvr(cvr)
    }
}

/// Rejects empty text and text with surrounding whitespace (never trims).
pub(crate) fn check_text(
    field: &'static str,
    value: &str,
    context: Option<&str>,
) -> Result<(), PartiesError> {
    if value.trim().is_empty() {
        return Err(PartiesError::Empty {
            field,
            context: context.map(str::to_owned),
        });
    }
    if value.trim() != value {
        return Err(PartiesError::SurroundingWhitespace {
            field,
            value: value.to_owned(),
        });
    }
    Ok(())
}

/// The serde form of [`Identifier`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIdentifier {
    scheme: String,
    id: String,
}

#[cfg(feature = "serde")]
impl TryFrom<RawIdentifier> for Identifier {
    type Error = PartiesError;
    fn try_from(raw: RawIdentifier) -> Result<Self, Self::Error> {
        Self::new(&raw.scheme, &raw.id)
    }
}

#[cfg(feature = "serde")]
impl From<Identifier> for RawIdentifier {
    fn from(value: Identifier) -> Self {
        Self {
            scheme: value.scheme,
            id: value.id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn koebenhavns_kommune_is_valid() {
        let cvr = Cvr::new("64942212").unwrap();
        assert_eq!(cvr.get(), 64_942_212);
        assert_eq!(cvr.to_string(), "64942212");
        assert_eq!(Cvr::from_u32(64_942_212).unwrap(), cvr);
    }

    #[test]
    fn each_cvr_error_kind_with_message() {
        assert_eq!(
            Cvr::new("6494221").unwrap_err().to_string(),
            "invalid CVR number \"6494221\": it has 7 characters, a CVR number has exactly 8 digits"
        );
        assert!(matches!(
            Cvr::new("649422123"),
            Err(PartiesError::CvrLength { length: 9, .. })
        ));
        assert_eq!(
            Cvr::new("6494x212").unwrap_err().to_string(),
            "invalid CVR number \"6494x212\": 'x' at position 5 is not a digit 0-9"
        );
        // 0 + 7*2 + 6*9 + ... : a valid-looking number with a leading zero.
        assert!(matches!(
            Cvr::new("00000000"),
            Err(PartiesError::CvrLeadingZero { .. })
        ));
        assert_eq!(
            Cvr::new("01234567").unwrap_err().to_string(),
            "invalid CVR number \"01234567\": a CVR number does not start with 0"
        );
        // 2*6+7*4+6*9+5*4+4*2+3*2+2*1+1*3 = 133, 133 % 11 = 1.
        assert_eq!(
            Cvr::new("64942213").unwrap_err().to_string(),
            "invalid CVR number \"64942213\": modulus-11 check failed (weighted sum 133 leaves remainder 1 when divided by 11)"
        );
        assert!(matches!(
            Cvr::from_u32(1_234),
            Err(PartiesError::CvrLength { length: 4, .. })
        ));
        // Multi-byte characters count as characters, and are not digits.
        assert!(matches!(
            Cvr::new("６4942212"),
            Err(PartiesError::CvrNotDigit { position: 1, .. })
        ));
    }

    #[test]
    fn identifier_checks_known_schemes() {
        let id = Identifier::new("DK-CVR", "64942212").unwrap();
        assert_eq!(id, Identifier::cvr(Cvr::new("64942212").unwrap()));
        assert!(matches!(
            Identifier::new("DK-CVR", "64942213"),
            Err(PartiesError::CvrChecksum { .. })
        ));
        let kk = Identifier::municipality_code(101).unwrap();
        assert_eq!(kk.to_string(), "DK-KOMMUNE-101");
        assert_eq!(kk.as_cvr(), None);
        assert_eq!(
            Identifier::municipality_code(42).unwrap_err().to_string(),
            "invalid municipality code \"42\": a kommunekode has exactly 3 digits and does not start with 0"
        );
        assert!(Identifier::new("XI-EXAMPLE", "anything at all").is_ok());
    }

    #[test]
    fn identifier_rejects_empty_and_padded_text() {
        assert_eq!(
            Identifier::new(" ", "1").unwrap_err().to_string(),
            "identifier scheme must not be empty"
        );
        assert_eq!(
            Identifier::new("DK-CVR", "").unwrap_err().to_string(),
            "identifier id must not be empty (in DK-CVR)"
        );
        assert_eq!(
            Identifier::new("DK-CVR ", "64942212")
                .unwrap_err()
                .to_string(),
            "identifier scheme \"DK-CVR \" starts or ends with whitespace"
        );
    }
}
