//! A GeoJSON layer: a layer or an error, never a panic; a layer read is written and read back
//! to the same areas with the same outlines (a round trip).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryghed_geography::{Layer, Utm32, Wgs84};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(layer) = Layer::<Wgs84>::from_geojson(text, "name") {
        let back = Layer::<Wgs84>::from_geojson(&layer.to_geojson(), "name")
            .expect("a layer written reads back");
        assert_eq!(back.areas().len(), layer.areas().len());
        for (a, b) in layer.areas().iter().zip(back.areas()) {
            assert_eq!(a.name(), b.name());
            assert_eq!(a.geometry(), b.geometry());
        }
    }
    let _ = Layer::<Utm32>::from_geojson(text, "delomraade");
});
