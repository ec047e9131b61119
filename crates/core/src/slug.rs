//! The slug rule shared by every tryghed identifier, and [`slug_id!`](crate::slug_id) which
//! defines an identifier type by it.

use std::fmt;

/// The longest slug accepted, in characters (all ASCII, so also in bytes).
pub const SLUG_MAX_LEN: usize = 64;

/// The longest part of a rejected text kept in a [`SlugError`], in characters.
const KEPT: usize = 100;

/// Checks `value` against the slug rule of every tryghed identifier.
///
/// A slug has 1 to [`SLUG_MAX_LEN`] (64) characters from `a`–`z`, `0`–`9`, `-` and `_`, and
/// starts with a letter or a digit. Danish letters are not allowed (write æ, ø, å as ae, oe,
/// aa), so an id is safe in file names, URLs and CSV; the Danish name of the thing lives
/// beside its id. The rule is **ours**: the agreement names parties and activities, it does
/// not give them ids. It is the union of the rules the crates had before they shared one, so
/// no id any of them accepted is refused now. `what` names the kind of id in the error
/// (`"party id"`).
///
/// ```
/// use tryghed_core::{SlugProblem, check_slug};
///
/// assert!(check_slug("party id", "politi").is_ok());
/// let err = check_slug("party id", "ØKF").unwrap_err();
/// assert_eq!(err.problem(), SlugProblem::BadChar { found: 'Ø', position: 1 });
/// assert_eq!(err.to_string(), "invalid party id \"ØKF\": 'Ø' at position 1 is not allowed (use a-z, 0-9, '-' and '_')");
/// ```
///
/// # Errors
///
/// [`SlugError`] saying which part of the rule `value` breaks (the first found, in the order
/// empty, character, length, start).
pub fn check_slug(what: &'static str, value: &str) -> Result<(), SlugError> {
    let fail = |problem| {
        Err(SlugError {
            what,
            value: value.chars().take(KEPT).collect(),
            problem,
        })
    };
    if value.is_empty() {
        return fail(SlugProblem::Empty);
    }
    if let Some((index, found)) = value
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
    {
        return fail(SlugProblem::BadChar {
            found,
            position: index + 1,
        });
    }
    // Only ASCII remains, so bytes are characters.
    if value.len() > SLUG_MAX_LEN {
        return fail(SlugProblem::TooLong {
            length: value.len(),
        });
    }
    if let Some(found) = value.chars().next().filter(|&c| c == '-' || c == '_') {
        return fail(SlugProblem::BadStart { found });
    }
    Ok(())
}

/// A text that is not a valid slug identifier: which kind of id, the text, and the problem.
///
/// Each crate's error type wraps it (for example `PartiesError::InvalidSlug`), so a caller
/// can match the [`SlugProblem`] whichever crate refused the id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("invalid {what} {value:?}: {problem}")]
pub struct SlugError {
    what: &'static str,
    value: String,
    problem: SlugProblem,
}

impl SlugError {
    /// The kind of identifier, such as `"party id"` or `"activity id"`.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// The rejected text (its first 100 characters when it is longer).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// What is wrong with it.
    pub fn problem(&self) -> SlugProblem {
        self.problem
    }

    /// The message in Danish, for people: `what_da` names the kind of id in Danish
    /// (`"aktivitets-id"`).
    ///
    /// ```
    /// let err = tryghed_core::check_slug("activity id", "Natteravne").unwrap_err();
    /// assert_eq!(
    ///     err.message_da("aktivitets-id"),
    ///     "\"Natteravne\" er ikke et gyldigt aktivitets-id: 'N' på plads 1 er ikke tilladt (brug a-z, 0-9, '-' og '_')"
    /// );
    /// ```
    pub fn message_da(&self, what_da: &str) -> String {
        format!(
            "\"{}\" er ikke et gyldigt {what_da}: {}",
            self.value,
            self.problem.message_da()
        )
    }
}

/// What is wrong with a slug identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SlugProblem {
    /// It is empty.
    Empty,
    /// It has more than [`SLUG_MAX_LEN`] characters.
    TooLong {
        /// Its length in characters.
        length: usize,
    },
    /// It contains a character other than `a`–`z`, `0`–`9`, `-` and `_`.
    BadChar {
        /// The first such character.
        found: char,
        /// Its position (1-based, in characters).
        position: usize,
    },
    /// It starts with `-` or `_` instead of a letter or digit.
    BadStart {
        /// The first character.
        found: char,
    },
}

impl SlugProblem {
    /// The problem in Danish: `det er tomt`, `'Ø' på plads 1 er ikke tilladt (…)`.
    pub fn message_da(self) -> String {
        match self {
            Self::Empty => "det er tomt".to_owned(),
            Self::TooLong { length } => {
                format!("det har {length} tegn, højst {SLUG_MAX_LEN} er tilladt")
            }
            Self::BadChar { found, position } => {
                format!("{found:?} på plads {position} er ikke tilladt (brug a-z, 0-9, '-' og '_')")
            }
            Self::BadStart { found } => {
                format!("det skal begynde med et bogstav eller et ciffer, ikke {found:?}")
            }
        }
    }
}

impl fmt::Display for SlugProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("it is empty"),
            Self::TooLong { length } => write!(
                f,
                "it has {length} characters, at most {SLUG_MAX_LEN} are allowed"
            ),
            Self::BadChar { found, position } => write!(
                f,
                "{found:?} at position {position} is not allowed (use a-z, 0-9, '-' and '_')"
            ),
            Self::BadStart { found } => {
                write!(f, "it must start with a letter or digit, not {found:?}")
            }
        }
    }
}

/// Defines a slug identifier type: a newtype over `String` checked by [`check_slug`].
///
/// ```
/// # mod demo {
/// /// The error type of the crate that defines the id.
/// #[derive(Debug, thiserror::Error)]
/// pub enum MyError {
///     /// An id is not a slug.
///     #[error(transparent)]
///     InvalidId(#[from] tryghed_core::SlugError),
/// }
///
/// tryghed_core::slug_id! {
///     /// The id of a thing, such as `ting-1`.
///     pub struct ThingId;
///     what = "thing id", error = MyError
/// }
/// # }
/// # use demo::*;
/// let id: ThingId = "ting-1".parse()?;
/// assert_eq!(id, "ting-1");
/// assert!(matches!(ThingId::new("Ting"), Err(MyError::InvalidId(_))));
/// # Ok::<(), MyError>(())
/// ```
///
/// The type gets `new`, `as_str`, `into_string` and `MAX_LEN`; `Debug`, `Clone`, `Eq`,
/// `Ord`, `Hash`, `Display`, `FromStr`, `TryFrom<String>`, `TryFrom<&str>`,
/// `From<Id> for String`, `AsRef<str>`, `Borrow<str>` (maps keyed by the id can be queried
/// with a `&str`: equality, order and hash are those of the text) and `PartialEq<str>`. With
/// the defining crate's `serde` feature it is a plain string, checked when read. The error
/// type must implement `From<SlugError>`.
#[macro_export]
macro_rules! slug_id {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident;
        what = $what:literal, error = $err:ty $(,)?
    ) => {
        $(#[$meta])*
        ///
        /// A slug (the rule of [`tryghed_core::check_slug`]): 1 to 64 characters from `a`–`z`,
        /// `0`–`9`, `-` and `_`, starting with a letter or digit. With the `serde` feature it
        /// is a plain string, checked when read.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        $vis struct $name(String);

        impl $name {
            /// The longest accepted id, in characters.
            pub const MAX_LEN: usize = $crate::SLUG_MAX_LEN;

            #[doc = concat!("Checks `value` as a ", $what, ".")]
            ///
            /// # Errors
            ///
            /// The crate's error wrapping a [`tryghed_core::SlugError`] that says which part
            /// of the slug rule `value` breaks.
            pub fn new(value: impl Into<String>) -> Result<Self, $err> {
                let value = value.into();
                $crate::check_slug($what, &value)?;
                Ok(Self(value))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned `String`.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(&self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, $err> {
                Self::new(s)
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $err;
            fn try_from(value: String) -> Result<Self, $err> {
                Self::new(value)
            }
        }

        impl ::std::convert::TryFrom<&str> for $name {
            type Error = $err;
            fn try_from(value: &str) -> Result<Self, $err> {
                Self::new(value)
            }
        }

        impl ::std::convert::From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl ::std::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problem(value: &str) -> Option<SlugProblem> {
        check_slug("id", value).err().map(|e| e.problem())
    }

    #[test]
    fn each_problem() {
        assert_eq!(problem(""), Some(SlugProblem::Empty));
        assert_eq!(
            problem(&"a".repeat(65)),
            Some(SlugProblem::TooLong { length: 65 })
        );
        assert_eq!(problem(&"a".repeat(64)), None);
        assert_eq!(
            problem("ok f"),
            Some(SlugProblem::BadChar {
                found: ' ',
                position: 3
            })
        );
        assert_eq!(
            problem("økf"),
            Some(SlugProblem::BadChar {
                found: 'ø',
                position: 1
            })
        );
        assert_eq!(problem("-a"), Some(SlugProblem::BadStart { found: '-' }));
        assert_eq!(problem("_a"), Some(SlugProblem::BadStart { found: '_' }));
        for ok in [
            "okf",
            "3b",
            "a-",
            "a--b",
            "vold_vaaben",
            "natteravne-2026",
            "x",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn long_input_is_cut_in_the_error() {
        let long = "Å".repeat(10_000);
        let err = check_slug("id", &long).unwrap_err();
        assert_eq!(err.value().chars().count(), 100);
        assert_eq!(err.what(), "id");
    }

    proptest! {
        #[test]
        fn accepts_exactly_the_rule(value in "\\PC{0,70}") {
            let ok = !value.is_empty()
                && value.len() <= 64
                && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
                && value.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
            prop_assert_eq!(check_slug("id", &value).is_ok(), ok);
        }

        #[test]
        fn slugs_are_accepted(value in "[a-z0-9][a-z0-9_-]{0,63}") {
            prop_assert!(check_slug("id", &value).is_ok());
        }
    }
}
