//! Estate outlines (GeoJSON, property `estate`) for the Folehaven partnership: accepted or
//! refused, never a panic; with outlines accepted, a locator classifies points without a
//! panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tryghed_geography::{PartnershipArea, Utm32};

static AREA: LazyLock<PartnershipArea> =
    LazyLock::new(|| PartnershipArea::folehaven().expect("the embedded area"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(area) = AREA.clone().with_estate_outlines(text)
        && let Ok(locator) = area.locator::<Utm32>()
    {
        for (x, y) in [
            (720_302.0, 6_172_500.0),
            (720_350.0, 6_172_550.0),
            (0.0, 0.0),
        ] {
            let _ = locator.locate_xy(x, y);
        }
    }
});
