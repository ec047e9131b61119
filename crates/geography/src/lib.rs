//! tryghed-geography (work in progress).
