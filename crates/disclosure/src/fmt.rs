//! Danish digits: thousands with dots (`1.234`), decimals with a comma (`45,3`).

/// `n` with thousands dots: `1234567` → `1.234.567`.
pub(crate) fn int(n: u128) -> String {
    let digits = n.to_string();
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number of tenths with one decimal: `453` → `45,3`, `12345` → `1.234,5`.
pub(crate) fn tenths(t: u128) -> String {
    format!("{},{}", int(t / 10), t % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn danish_forms() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1_000), "1.000");
        assert_eq!(int(1_234_567), "1.234.567");
        assert_eq!(tenths(0), "0,0");
        assert_eq!(tenths(453), "45,3");
        assert_eq!(tenths(12_345), "1.234,5");
    }

    proptest! {
        /// The dots never change the digits and sit every three from the right.
        #[test]
        fn int_groups_digits(n in any::<u128>()) {
            let s = int(n);
            prop_assert_eq!(s.replace('.', ""), n.to_string());
            for (i, part) in s.split('.').enumerate() {
                let ok = if i == 0 { (1..=3).contains(&part.len()) } else { part.len() == 3 };
                prop_assert!(ok, "{}", s);
            }
        }
    }
}
