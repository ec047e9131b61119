//! Property tests: the projection round trip and the equality of every classification form.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::LazyLock;

use geo::Contains;
use proptest::prelude::*;
use tryghed_geography::{Layer, Locator, Utm32, Wgs84};

static CITY: LazyLock<Locator<Wgs84>> = LazyLock::new(|| Locator::new(Layer::city().unwrap()));
static CITY_M: LazyLock<Locator<Utm32>> =
    LazyLock::new(|| Locator::new(Layer::city_utm32().unwrap()));

/// Points over the city layer's bounding box and a margin around it.
fn city_point() -> impl Strategy<Value = Wgs84> {
    (12.40..12.70_f64, 55.60..55.75_f64).prop_map(|(lon, lat)| Wgs84::new(lon, lat).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn utm_to_wgs84_and_back_within_a_millimetre(
        // Denmark in EPSG:25832, Bornholm included.
        e in 430_000.0..900_000.0_f64,
        n in 6_040_000.0..6_410_000.0_f64,
    ) {
        let p = Utm32::new(e, n).unwrap();
        let back = p.to_wgs84().unwrap().to_utm32().unwrap();
        let d = (back.easting() - e).hypot(back.northing() - n);
        prop_assert!(d < 0.001, "{p}: off by {d} m");
    }

    #[test]
    fn single_batch_columnar_and_parallel_agree(points in prop::collection::vec(city_point(), 0..64)) {
        let single: Vec<_> = points.iter().map(|&p| CITY.locate_index(p)).collect();
        prop_assert_eq!(&CITY.locate_batch(&points), &single);
        let xs: Vec<f64> = points.iter().map(|p| p.lon()).collect();
        let ys: Vec<f64> = points.iter().map(|p| p.lat()).collect();
        prop_assert_eq!(&CITY.locate_columns(&xs, &ys).unwrap(), &single);
        #[cfg(feature = "rayon")]
        {
            prop_assert_eq!(&CITY.par_locate_batch(&points), &single);
            prop_assert_eq!(&CITY.par_locate_columns(&xs, &ys).unwrap(), &single);
        }
    }

    #[test]
    fn prepared_index_agrees_with_naive_contains(p in city_point()) {
        let naive = CITY
            .layer()
            .areas()
            .iter()
            .position(|a| a.geometry().contains(&geo::Point::new(p.lon(), p.lat())));
        prop_assert_eq!(CITY.locate_index(p), naive);
    }

    #[test]
    fn prepared_index_agrees_with_naive_contains_in_metres(
        e in 715_000.0..735_000.0_f64,
        n in 6_170_000.0..6_185_000.0_f64,
    ) {
        let naive = CITY_M
            .layer()
            .areas()
            .iter()
            .position(|a| a.geometry().contains(&geo::Point::new(e, n)));
        prop_assert_eq!(CITY_M.locate_index(Utm32::new(e, n).unwrap()), naive);
    }

    #[test]
    fn arbitrary_raw_values_never_panic(x in any::<f64>(), y in any::<f64>()) {
        let a = CITY.locate_xy(x, y);
        let b = CITY.locate_columns(&[x], &[y]).unwrap()[0];
        prop_assert_eq!(a, b);
        if !(x.is_finite() && y.is_finite()) {
            prop_assert_eq!(a, None);
        }
    }
}
