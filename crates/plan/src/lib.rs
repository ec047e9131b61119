//! tryghed-plan (work in progress).
