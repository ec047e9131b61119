//! A ledger in TOML or JSON: read through the validating serde forms or refused, never a
//! panic; a ledger read round-trips through JSON to an equal ledger.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryghed_budget::Ledger;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = [
        toml::from_str::<Ledger>(text).ok(),
        serde_json::from_str::<Ledger>(text).ok(),
    ];
    for ledger in read.into_iter().flatten() {
        let _ = ledger.summary();
        let json = serde_json::to_string(&ledger).expect("a ledger serialises");
        let back: Ledger = serde_json::from_str(&json).expect("its JSON reads back");
        assert_eq!(back, ledger);
    }
});
