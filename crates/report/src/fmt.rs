//! Danish number formatting: thousands with dots, decimals with a comma, `77 %`.

use rust_decimal::{Decimal, RoundingStrategy};

/// `d` rounded half away from zero to `dp` decimals, with thousands dots and a decimal comma:
/// `1234.5` with 1 → `1.234,5`.
pub(crate) fn number(d: Decimal, dp: u32) -> String {
    let r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.prec$}", r.abs(), prec = dp as usize);
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    if r.is_sign_negative() && !r.is_zero() {
        out.push('-');
    }
    out.push_str(&group(int));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// Thousands dots in a string of ASCII digits.
fn group(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A whole number with thousands dots: `2150` → `2.150`.
pub(crate) fn int(n: u64) -> String {
    group(&n.to_string())
}

/// A fraction as a percentage: whole percentages without decimals (`77 %`), otherwise one
/// decimal (`76,9 %`).
pub(crate) fn percent(fraction: Decimal) -> String {
    let p = fraction * Decimal::ONE_HUNDRED;
    let one = p.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    if one.fract().is_zero() {
        format!("{} %", number(one, 0))
    } else {
        format!("{} %", number(one, 1))
    }
}

/// A difference of fractions in percentage points, signed: `+4,0 procentpoint`.
pub(crate) fn points(fraction: Decimal) -> String {
    let p = fraction * Decimal::ONE_HUNDRED;
    let sign = if p.is_sign_positive() && !p.is_zero() {
        "+"
    } else {
        ""
    };
    format!("{sign}{} procentpoint", number(p, 1))
}

/// A date in Danish: `2026-11-17` → `17. november 2026`.
pub(crate) fn long_date(date: chrono::NaiveDate) -> String {
    tryghed_diagnostics::format_date_da(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_are_danish() {
        let d = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(long_date(d), "5. januar 2027");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(long_date(d), "31. december 2026");
    }

    #[test]
    fn danish_forms() {
        assert_eq!(number(Decimal::new(12345, 1), 1), "1.234,5");
        assert_eq!(number(Decimal::new(1_467_000, 0), 2), "1.467.000,00");
        assert_eq!(number(Decimal::new(-5, 2), 1), "-0,1");
        assert_eq!(number(Decimal::new(-4, 2), 1), "0,0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1.000");
        assert_eq!(int(1_234_567), "1.234.567");
        assert_eq!(percent(Decimal::new(77, 2)), "77 %");
        assert_eq!(percent(Decimal::new(7694, 4)), "76,9 %");
        assert_eq!(percent(Decimal::new(79_996, 5)), "80 %");
        assert_eq!(points(Decimal::new(4, 2)), "+4,0 procentpoint");
        assert_eq!(points(Decimal::new(-11, 3)), "-1,1 procentpoint");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// Thousands dots never change the digits, and sit every three from the right.
        #[test]
        fn int_groups_digits(n in proptest::prelude::any::<u64>()) {
            let s = int(n);
            proptest::prop_assert_eq!(s.replace('.', ""), n.to_string());
            for (i, part) in s.split('.').enumerate() {
                if i == 0 {
                    proptest::prop_assert!((1..=3).contains(&part.len()));
                } else {
                    proptest::prop_assert_eq!(part.len(), 3);
                }
            }
        }

        /// A Danish number reads back (dots dropped, comma as point) to the rounded value.
        #[test]
        fn number_reads_back(m in -10_000_000_000i64..10_000_000_000, dp in 0u32..4) {
            let d = Decimal::new(m, 3);
            let s = number(d, dp);
            let back: Decimal = s.replace('.', "").replace(',', ".").parse().unwrap();
            let r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
            proptest::prop_assert_eq!(back, r);
        }

        /// Suppression is exactly "below the threshold", and a hidden count holds no number.
        #[test]
        fn count_suppressed_below_threshold(v in 0u64..100, t in 3u64..100) {
            let t = tryghed_disclosure::SuppressionThreshold::new(t).unwrap();
            let c = crate::Count::new(v, t);
            proptest::prop_assert_eq!(c.is_hidden(), v < t.get());
            proptest::prop_assert_eq!(c.value(), (v >= t.get()).then_some(v));
            proptest::prop_assert_eq!(crate::Count::exact(v).value(), Some(v));
        }
    }
}
