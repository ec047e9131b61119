//! The crate's single error type.

use std::fmt;

use chrono::NaiveDate;

use crate::governance::BodyKind;
use crate::id::PartyId;
use tryghed_core::SlugError;

/// Everything that can go wrong when building the values of this crate.
///
/// Every variant carries the offending value so that the message alone tells a
/// user what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PartiesError {
    /// A slug identifier ([`PartyId`](crate::PartyId) or [`BodyId`](crate::BodyId)) is malformed;
    /// [`SlugError::what`] says which.
    #[error(transparent)]
    InvalidSlug(#[from] SlugError),
    /// A CVR number does not have exactly eight characters.
    #[error(
        "invalid CVR number {value:?}: it has {length} characters, a CVR number has exactly 8 digits"
    )]
    #[non_exhaustive]
    CvrLength {
        /// The rejected text.
        value: String,
        /// Its length in characters.
        length: usize,
    },
    /// A CVR number contains something other than the digits 0–9.
    #[error("invalid CVR number {value:?}: {found:?} at position {position} is not a digit 0-9")]
    #[non_exhaustive]
    CvrNotDigit {
        /// The rejected text.
        value: String,
        /// The first character that is not a digit.
        found: char,
        /// Its position (1-based, in characters).
        position: usize,
    },
    /// A CVR number starts with 0; CVR numbers run from 10000000 upward.
    #[error("invalid CVR number {value:?}: a CVR number does not start with 0")]
    #[non_exhaustive]
    CvrLeadingZero {
        /// The rejected text.
        value: String,
    },
    /// A CVR number fails the modulus-11 check.
    #[error(
        "invalid CVR number {value:?}: modulus-11 check failed (weighted sum {weighted_sum} leaves remainder {remainder} when divided by 11)"
    )]
    #[non_exhaustive]
    CvrChecksum {
        /// The rejected text.
        value: String,
        /// The sum of the digits weighted 2, 7, 6, 5, 4, 3, 2, 1.
        weighted_sum: u32,
        /// `weighted_sum % 11`, which must be 0.
        remainder: u32,
    },
    /// A Danish municipality code (kommunekode) is not three digits from 100 to 999.
    #[error(
        "invalid municipality code {value:?}: a kommunekode has exactly 3 digits and does not start with 0"
    )]
    #[non_exhaustive]
    InvalidMunicipalityCode {
        /// The rejected text.
        value: String,
    },
    /// A text field that must hold something is empty or only whitespace.
    #[error("{field} must not be empty{}", context_suffix(.context.as_deref()))]
    #[non_exhaustive]
    Empty {
        /// The field, e.g. `"name"`, `"identifier scheme"`, `"role"`.
        field: &'static str,
        /// Where: the party or body it belongs to, when known.
        context: Option<String>,
    },
    /// A text field starts or ends with whitespace (it is rejected, not trimmed).
    #[error("{field} {value:?} starts or ends with whitespace")]
    #[non_exhaustive]
    SurroundingWhitespace {
        /// The field.
        field: &'static str,
        /// The rejected text.
        value: String,
    },
    /// A name (such as a party kind or body kind) is not one of the known names.
    #[error("unknown {what} {value:?}")]
    #[non_exhaustive]
    UnknownName {
        /// What was being parsed, e.g. `"party kind"`.
        what: &'static str,
        /// The rejected text.
        value: String,
    },
    /// A party names itself as its parent.
    #[error("party {party} cannot be its own parent")]
    #[non_exhaustive]
    SelfParent {
        /// The party.
        party: PartyId,
    },
    /// The party list breaks one or more rules; every problem found is listed.
    #[error("{} in the party list: {}", count(.issues.len(), "problem"), join(.issues))]
    #[non_exhaustive]
    InvalidParties {
        /// All problems, in the order found.
        issues: Vec<RegistryIssue>,
    },
    /// A membership ends before it starts.
    #[error("membership of {party} in the {body}: it ends on {to} before it starts on {from}")]
    #[non_exhaustive]
    MembershipDates {
        /// The member party.
        party: PartyId,
        /// The body.
        body: BodyKind,
        /// Start date.
        from: NaiveDate,
        /// End date, earlier than `from`.
        to: NaiveDate,
    },
    /// A full-time-equivalent figure is out of range or not a number.
    #[error("invalid årsværk (FTE) {value:?}: {problem}")]
    #[non_exhaustive]
    InvalidFte {
        /// The rejected text or number.
        value: String,
        /// What is wrong.
        problem: &'static str,
    },
    /// A meeting rule's maximum is below its minimum.
    #[error("meeting rule for the {body}: maximum {max} per year is below minimum {min}")]
    #[non_exhaustive]
    InvalidMeetingRule {
        /// The body.
        body: BodyKind,
        /// Minimum per year.
        min: u32,
        /// Maximum per year.
        max: u32,
    },
    /// Two governance bodies share an id.
    #[error("body id {id} is used by more than one body")]
    #[non_exhaustive]
    DuplicateBody {
        /// The repeated id.
        id: String,
    },
    /// A rule refers to a kind of body that the governance does not have.
    #[error("a {rule} rule refers to the {body}, but no body of that kind is defined")]
    #[non_exhaustive]
    RuleForMissingBody {
        /// `"meeting"` or `"representation"`.
        rule: &'static str,
        /// The body kind.
        body: BodyKind,
    },
}

/// One problem in a list of parties, found by [`Parties::new`](crate::Parties::new).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RegistryIssue {
    /// Two parties share an id.
    #[non_exhaustive]
    DuplicateId {
        /// The repeated id.
        id: PartyId,
        /// Position (0-based) of the first party with the id.
        first: usize,
        /// Position (0-based) of the later party with the same id.
        again: usize,
    },
    /// A party's parent is not in the list.
    #[non_exhaustive]
    UnknownParent {
        /// The party.
        party: PartyId,
        /// The parent id that does not resolve.
        parent: PartyId,
    },
    /// Parents form a cycle; the parties are listed from the smallest id, each
    /// followed by its parent.
    #[non_exhaustive]
    ParentCycle {
        /// The parties in the cycle.
        cycle: Vec<PartyId>,
    },
}

impl fmt::Display for RegistryIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DuplicateId { id, first, again } => write!(
                f,
                "party id {id} is used at positions {first} and {again} (counting from 0)"
            ),
            Self::UnknownParent { party, parent } => write!(
                f,
                "party {party} has parent {parent}, which is not in the list"
            ),
            Self::ParentCycle { cycle } => {
                f.write_str("parents form a cycle: ")?;
                for party in cycle {
                    write!(f, "{party} -> ")?;
                }
                match cycle.first() {
                    Some(first) => write!(f, "{first}"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl PartiesError {
    /// The problem as a Danish sentence for the person who wrote the file (the `Display` text
    /// is English and stable for services).
    ///
    /// ```
    /// use tryghed_parties::Cvr;
    ///
    /// let e = "1234567".parse::<Cvr>().unwrap_err();
    /// assert_eq!(e.message_da(), "CVR-nummeret \"1234567\" har 7 tegn; et CVR-nummer har præcis 8 cifre");
    /// ```
    #[must_use]
    pub fn message_da(&self) -> String {
        match self {
            Self::InvalidSlug(e) => e.message_da("et id"),
            Self::CvrLength { value, length } => format!(
                "CVR-nummeret \"{value}\" har {length} tegn; et CVR-nummer har præcis 8 cifre"
            ),
            Self::CvrNotDigit {
                value,
                found,
                position,
            } => format!(
                "CVR-nummeret \"{value}\": tegnet '{found}' på plads {} er ikke et ciffer",
                position + 1
            ),
            Self::CvrLeadingZero { value } => {
                format!("CVR-nummeret \"{value}\" begynder med 0, det gør et CVR-nummer aldrig")
            }
            Self::CvrChecksum { value, .. } => format!(
                "CVR-nummeret \"{value}\" består ikke modulus 11-kontrollen; tjek for tastefejl"
            ),
            Self::InvalidMunicipalityCode { value } => format!(
                "kommunekoden \"{value}\" er ugyldig: en kommunekode har præcis 3 cifre og begynder ikke med 0"
            ),
            Self::Empty { field, context } => format!(
                "{field} må ikke være tom{}",
                context
                    .as_deref()
                    .map_or_else(String::new, |c| format!(" (i {c})"))
            ),
            Self::SurroundingWhitespace { field, value } => {
                format!("{field} \"{value}\" begynder eller slutter med mellemrum")
            }
            Self::UnknownName { what, value } => format!("ukendt {what} \"{value}\""),
            Self::SelfParent { party } => {
                format!("parten {party} kan ikke være sin egen overordnede")
            }
            Self::InvalidParties { issues } => issues
                .iter()
                .map(RegistryIssue::message_da)
                .collect::<Vec<_>>()
                .join("; "),
            Self::MembershipDates {
                party,
                body,
                from,
                to,
            } => format!("{party}s medlemskab af {body} slutter {to}, før det begynder {from}"),
            Self::InvalidFte { value, .. } => {
                format!("\"{value}\" er ikke et antal årsværk (skriv fx \"1.5\")")
            }
            Self::InvalidMeetingRule { body, min, max } => {
                format!("mødereglen for {body}: højst {max} om året er mindre end mindst {min}")
            }
            Self::DuplicateBody { id } => format!("organ-id'et {id} bruges af flere organer"),
            Self::RuleForMissingBody { rule, body } => {
                format!("en regel ({rule}) nævner {body}, men der er ikke noget organ af den slags")
            }
        }
    }
}

impl RegistryIssue {
    /// The issue as a Danish sentence.
    #[must_use]
    pub fn message_da(&self) -> String {
        match self {
            Self::DuplicateId { id, first, again } => format!(
                "part-id'et {id} bruges både af part nr. {} og nr. {}",
                first + 1,
                again + 1
            ),
            Self::UnknownParent { party, parent } => {
                format!("parten {party} har den overordnede {parent}, som ikke er i listen")
            }
            Self::ParentCycle { cycle } => {
                let mut names: Vec<String> = cycle.iter().map(ToString::to_string).collect();
                if let Some(first) = cycle.first() {
                    names.push(first.to_string());
                }
                format!("de overordnede går i ring: {}", names.join(" → "))
            }
        }
    }
}

fn context_suffix(context: Option<&str>) -> String {
    context.map_or_else(String::new, |c| format!(" (in {c})"))
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_bounds<T: std::error::Error + Send + Sync + 'static>() {}
        assert_bounds::<PartiesError>();
    }
}
