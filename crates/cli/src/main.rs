//! The `tryghed` command-line tool.
fn main() {}
