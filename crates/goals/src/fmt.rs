//! Danish number formatting for explanations (decimal comma).

use rust_decimal::{Decimal, RoundingStrategy};

/// `d` rounded to `dp` decimals with a decimal comma, trailing zeros kept to `dp`.
pub(crate) fn number(d: Decimal, dp: u32) -> String {
    let r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    let mut s = format!("{r:.prec$}", prec = dp as usize);
    if let Some(pos) = s.find('.') {
        s.replace_range(pos..=pos, ",");
    }
    if s.starts_with('-') && r.is_zero() {
        s.remove(0);
    }
    s
}

/// A fraction shown as a percentage: `0.769` → `76,9 %`; whole percentages without decimals.
pub(crate) fn percent(fraction: Decimal) -> String {
    let p = fraction * Decimal::ONE_HUNDRED;
    if p.fract().is_zero() {
        format!("{} %", number(p, 0))
    } else {
        format!("{} %", number(p, 1))
    }
}

/// A difference of fractions shown in percentage points: `0.11` → `11,0 procentpoint`.
pub(crate) fn points(fraction: Decimal) -> String {
    format!(
        "{} procentpoint",
        number(fraction * Decimal::ONE_HUNDRED, 1)
    )
}

/// An f64 probability with a decimal comma (three decimals).
pub(crate) fn prob(p: f64) -> String {
    format!("{p:.3}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn danish_forms() {
        assert_eq!(percent(Decimal::new(77, 2)), "77 %");
        assert_eq!(percent(Decimal::new(7694, 4)), "76,9 %");
        assert_eq!(points(Decimal::new(11, 2)), "11,0 procentpoint");
        assert_eq!(number(Decimal::new(-1, 3), 1), "0,0");
        assert_eq!(number(Decimal::new(45_25, 2), 1), "45,3");
        assert_eq!(prob(0.04999), "0,050");
    }
}
