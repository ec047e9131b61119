//! Cross-crate tests of the tryghed workspace.
//!
//! The tests live in `tests/tests/*.rs`; this library is empty on purpose.
