//! tryghed-agreement (work in progress).
