//! Amounts in Danish kroner: any text is an amount or an error, never a panic; an amount
//! read is written in the Danish form (`1.467.000,00 kr.`) and in the machine form and read
//! back from both to the same amount.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryghed_budget::Dkk;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(amount) = text.parse::<Dkk>() else {
        return;
    };
    let danish = amount.to_string();
    assert_eq!(danish.parse::<Dkk>().ok(), Some(amount), "{danish}");
    let machine = format!("{amount:#}");
    assert_eq!(machine.parse::<Dkk>().ok(), Some(amount), "{machine}");
});
