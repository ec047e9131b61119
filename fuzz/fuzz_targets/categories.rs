//! A crime-category file: a category set or an error, never a panic; every code the set is
//! asked about is matched without a panic, the same way twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryghed_goals::{CategorySet, OffenceCode};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(set) = CategorySet::from_toml_str(text) else {
        return;
    };
    for code in ["1320", "2110", "0", "99999999", "276"] {
        let Ok(code) = OffenceCode::new(code) else {
            continue;
        };
        let a: Vec<usize> = set.matches(code).indices().collect();
        let b: Vec<usize> = set.matches(code).indices().collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|&i| i < set.categories().len()));
    }
});
