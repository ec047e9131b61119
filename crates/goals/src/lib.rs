//! tryghed-goals (work in progress).
