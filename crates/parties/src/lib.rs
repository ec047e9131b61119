//! tryghed-parties (work in progress).
