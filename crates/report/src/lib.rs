//! tryghed-report (work in progress).
