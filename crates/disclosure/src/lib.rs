//! Statistical disclosure control (diskretionering) for published counts of police reports:
//! the one module every published number of `tryghed` passes through.
//!
//! Police-report counts (anmeldelser) for a few thousand residents are personal data: "2
//! anmeldelser af vold" in a small area can point at people. This crate makes the rule a
//! *type*. A [`PublishedCount`] is built only from a raw count and a [`SuppressionThreshold`]
//! (default 5); below the threshold it keeps **no** raw value, so no template, sentence or JSON
//! writer that receives it can print one. Everything derived from counts goes through the same
//! gate:
//!
//! - **changes and trends** ([`PublishedCount::change_to`]): only between two shown counts;
//! - **rates per 1.000 indbyggere** ([`PublishedRate`]): none from a hidden count, and no
//!   stated rate that gives back a count below the threshold (rate × residents / 1.000);
//! - **status words** ([`PublishedCount::compare`], [`Bounds::compare`]): a verdict such as
//!   "ikke opfyldt" is only safe when the published forms already decide it ("ikke opfyldt"
//!   against a baseline of 0 says the hidden value is 1–4);
//! - **totals and parts** ([`protect_total`]): complementary suppression, so that subtracting
//!   the shown parts from a total recovers (or narrows) no suppressed part.
//!
//! Exact figures exist only in an output the user asks for explicitly; it carries
//! [`CONFIDENTIAL_STAMP`].
//!
//! # Example
//!
//! ```
//! use tryghed_disclosure::{
//!     Comparison, PublishedCount, PublishedRate, SuppressionThreshold, TotalLayout,
//!     protect_total,
//! };
//!
//! # fn main() -> Result<(), tryghed_disclosure::DisclosureError> {
//! let t = SuppressionThreshold::default(); // 5
//!
//! // Counts print in Danish; below the threshold (0 included) only "< 5".
//! let vold_2024 = PublishedCount::new(3, t);
//! let vold_2025 = PublishedCount::new(7, t);
//! assert_eq!(format!("{vold_2024} → {vold_2025}"), "< 5 → 7");
//! assert_eq!(vold_2024.value(), None);
//!
//! // No change towards or from a hidden count, and no rate of one.
//! assert!(vold_2024.change_to(vold_2025).is_none());
//! assert!(PublishedRate::from_count(vold_2024, 3_000).is_none());
//!
//! // A status word only where it bounds nothing: against a baseline of 2 (also "< 5"),
//! // "held at the baseline" would tell the order of two hidden counts.
//! assert_eq!(vold_2024.compare(Comparison::AtMost, PublishedCount::new(2, t)), None);
//!
//! // Straffelovskriminalitet i alt 38 with indbrud 14, tyveri/røveri 22 and hærværk 2:
//! // 38 − 14 − 22 = 2 would give hærværk away, so the next smallest part is hidden too.
//! let table = protect_total(38, &[14, 22, 2], TotalLayout::WithRemainder, t)?;
//! let printed: Vec<String> = table.parts().iter().map(ToString::to_string).collect();
//! assert_eq!(printed, ["skjult", "22", "< 5"]);
//! # Ok(())
//! # }
//! ```
//!
//! # The rules and why
//!
//! | rule | why |
//! |---|---|
//! | a count below the threshold is printed `< threshold`, 0 included | a 0 or a 1 in a small area points at people; printing 0 would also tell which `< 5` cells are not 0 |
//! | the threshold is at least 3; 0 does not switch suppression off | our rule: 1 or 2 would publish the most identifying counts; exact figures come only from an explicit, stamped output |
//! | no change or trend with a hidden count at either end | `< 5` then 7 with `+4` says 3 |
//! | no rate from a hidden count; no stated rate that a small count rounds to | rate × residents / 1.000 is the count |
//! | a status word only when the published forms decide it | "ikke opfyldt" against 0 says 1–4 |
//! | complementary suppression of totals and parts | the total minus the shown parts is the hidden part |
//!
//! # Cargo features
//!
//! - `serde` (off by default): `Serialize`/`Deserialize` for [`SuppressionThreshold`] (a
//!   number, validated) and [`PublishedCount`] (`{"status":"shown","value":14,"threshold":5}`,
//!   `{"status":"suppressed","threshold":5}`, `{"status":"complementary","threshold":5}`;
//!   a shown value below its threshold is rejected).

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod complementary;
mod count;
mod error;
mod fmt;
mod rate;
#[cfg(feature = "serde")]
mod serde_form;
mod threshold;

pub use complementary::{ProtectedTotal, TotalLayout, protect_total};
pub use count::{
    Bounds, COMPLEMENTARY_LABEL, Comparison, CountChange, Direction, Publication, PublishedCount,
};
pub use error::DisclosureError;
pub use rate::PublishedRate;
pub use threshold::SuppressionThreshold;

/// The stamp on every output that carries exact figures (`tryghed report --format json
/// --unsuppressed`): "fortroligt – ikke til offentliggørelse".
#[doc(alias = "fortroligt")]
pub const CONFIDENTIAL_STAMP: &str = "fortroligt – ikke til offentliggørelse";
