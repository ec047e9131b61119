//! tryghed-budget (work in progress).
