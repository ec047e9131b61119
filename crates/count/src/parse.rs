//! Allocation-free parsing of the fields of one row: dates, coordinates.

use tryghed_goals::Year;

/// The calendar year of a date given as ISO `2026-03-01` or Danish `01-03-2026`, with an
/// optional time after a space or `T` (ignored). `None` unless the date exists (month 1–12,
/// day within the month, leap years) and its year is a [`Year`] (1900–2199).
pub(crate) fn year_of(field: &[u8]) -> Option<Year> {
    let field = field.trim_ascii();
    let date = match field.iter().position(|&b| b == b' ' || b == b'T') {
        Some(end) => field.get(..end)?,
        None => field,
    };
    let &[a0, a1, a2, a3, a4, a5, a6, a7, a8, a9] = date else {
        return None;
    };
    let (year, month, day) = if a4 == b'-' && a7 == b'-' {
        (
            digits([a0, a1, a2, a3])?,
            digits([a5, a6])?,
            digits([a8, a9])?,
        )
    } else if a2 == b'-' && a5 == b'-' {
        (
            digits([a6, a7, a8, a9])?,
            digits([a3, a4])?,
            digits([a0, a1])?,
        )
    } else {
        return None;
    };
    let year = Year::new(i32::try_from(year).ok()?).ok()?;
    (day >= 1 && day <= days_in_month(year, month)?).then_some(year)
}

/// The value of ASCII digits, or `None` if any byte is not a digit.
fn digits<const N: usize>(bytes: [u8; N]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn days_in_month(year: Year, month: u32) -> Option<u32> {
    let year = u16::from(year);
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if leap { 29 } else { 28 }),
        _ => None,
    }
}

/// A finite number, with a decimal point or a Danish decimal comma (`720302,5`), surrounding
/// spaces allowed. `None` for anything else, including NaN and infinities.
pub(crate) fn number(field: &[u8]) -> Option<f64> {
    let field = field.trim_ascii();
    let value = if let Ok(v) = std::str::from_utf8(field).ok()?.parse::<f64>() {
        v
    } else {
        // One decimal comma and no point: copy to a small buffer with a point.
        let comma = field.iter().position(|&b| b == b',')?;
        if field.len() > 64
            || field.iter().rposition(|&b| b == b',') != Some(comma)
            || field.contains(&b'.')
        {
            return None;
        }
        let mut buf = [0u8; 64];
        let out = buf.get_mut(..field.len())?;
        out.copy_from_slice(field);
        *out.get_mut(comma)? = b'.';
        std::str::from_utf8(out).ok()?.parse::<f64>().ok()?
    };
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(year_of(b"2026-03-01").map(Year::get), Some(2026));
        assert_eq!(year_of(b"01-03-2026").map(Year::get), Some(2026));
        assert_eq!(year_of(b" 2024-02-29 ").map(Year::get), Some(2024));
        assert_eq!(year_of(b"29-02-2024").map(Year::get), Some(2024));
        assert_eq!(year_of(b"2025-12-31T23:59:59").map(Year::get), Some(2025));
        assert_eq!(year_of(b"31-12-2025 23:59").map(Year::get), Some(2025));
        for bad in [
            &b"2025-02-29"[..],
            b"2026-13-01",
            b"2026-00-10",
            b"2026-04-31",
            b"2026-3-1",
            b"01/03/2026",
            b"2026-03-0x",
            b"",
            b"0000-01-01",
            b"2026-03-01x",
            b"\xff\xfe",
        ] {
            assert_eq!(year_of(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(year_of(b"1900-02-29"), None);
        // Existing dates outside the years a Year holds.
        assert_eq!(year_of(b"1899-12-31"), None);
        assert_eq!(year_of(b"01-01-2200"), None);
        assert_eq!(year_of(b"1900-01-01").map(Year::get), Some(1900));
        assert_eq!(year_of(b"2000-02-29").map(Year::get), Some(2000));
    }

    #[test]
    fn numbers_with_point_or_comma() {
        assert_eq!(number(b"720302.5"), Some(720_302.5));
        assert_eq!(number(b" 720302,5 "), Some(720_302.5));
        assert_eq!(number(b"-12"), Some(-12.0));
        assert_eq!(number(b"55.65e0"), Some(55.65));
        for bad in [
            &b"NaN"[..],
            b"inf",
            b"",
            b"12,3,4",
            b"1.2,3",
            b"abc",
            b"\xff",
            b"1e999",
        ] {
            assert_eq!(number(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
