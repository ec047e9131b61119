//! The rows `tryghed locate` reads: any CSV bytes, in either dialect, give points that the
//! constructors accept or refuse, and every accepted point is classified by the prepared
//! locator exactly as by geo's `Contains` on each area (the reference).
#![no_main]

use std::sync::LazyLock;

use geo::Contains;
use libfuzzer_sys::fuzz_target;
use tryghed_diagnostics::{detect_delimiter, parse_decimal};
use tryghed_geography::{Layer, Locator, Utm32, Wgs84};

static CITY: LazyLock<Layer<Wgs84>> = LazyLock::new(|| Layer::city().expect("city layer"));
static LOCATOR: LazyLock<Locator<Wgs84>> = LazyLock::new(|| Locator::new(CITY.clone()));
static CITY_M: LazyLock<Layer<Utm32>> = LazyLock::new(|| Layer::city_utm32().expect("city layer"));
static LOCATOR_M: LazyLock<Locator<Utm32>> = LazyLock::new(|| Locator::new(CITY_M.clone()));

fn check_wgs84(x: f64, y: f64) {
    let got = LOCATOR.locate_xy(x, y);
    let want = Wgs84::new(x, y).ok().and_then(|p| {
        CITY.areas().iter().position(|a| {
            a.geometry()
                .contains(&geo_types::Point::new(p.lon(), p.lat()))
        })
    });
    assert_eq!(got, want, "({x}, {y})");
}

fn check_utm(x: f64, y: f64) {
    let got = LOCATOR_M.locate_xy(x, y);
    let want = Utm32::new(x, y).ok().and_then(|_| {
        CITY_M
            .areas()
            .iter()
            .position(|a| a.geometry().contains(&geo_types::Point::new(x, y)))
    });
    assert_eq!(got, want, "({x}, {y})");
}

fuzz_target!(|data: &[u8]| {
    let delimiter = detect_delimiter(data);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(data);
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        rows += 1;
        if rows > 64 {
            break;
        }
        let value = |i: usize| {
            record
                .get(i)
                .and_then(|f| std::str::from_utf8(f).ok())
                .and_then(|t| parse_decimal(t, delimiter))
        };
        if let (Some(x), Some(y)) = (value(0), value(1)) {
            check_wgs84(x, y);
            check_utm(x, y);
        }
    }
    // The raw bytes as coordinates too, to reach every part of the plane.
    for pair in data.chunks_exact(16).take(16) {
        let (a, b) = pair.split_at(8);
        let x = f64::from_le_bytes(a.try_into().unwrap_or_default());
        let y = f64::from_le_bytes(b.try_into().unwrap_or_default());
        check_wgs84(x, y);
        check_utm(x, y);
    }
});
