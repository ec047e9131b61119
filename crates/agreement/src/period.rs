//! Periods of an agreement: the current one with exact dates, earlier ones by year.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::{AgreementError, Year, Years};

/// The period an agreement is in force, both ends included.
///
/// The Folehaven agreement runs from 2026-01-01 to 2029-12-31.
#[doc(alias = "aftaleperiode")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
    // The years of `start` and `end`, checked once in `new`.
    #[cfg_attr(feature = "serde", serde(skip))]
    first_year: Year,
    #[cfg_attr(feature = "serde", serde(skip))]
    last_year: Year,
}

impl Period {
    /// The period from `start` to `end`, both included.
    ///
    /// # Errors
    ///
    /// [`AgreementError::PeriodEndsBeforeStart`] when `end` is before `start`,
    /// [`AgreementError::PeriodOutsideYears`] when a day is outside the years a [`Year`] holds
    /// (1900–2199).
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use tryghed_agreement::{Period, Year};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let start = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    /// let end = NaiveDate::from_ymd_opt(2029, 12, 31).ok_or("date")?;
    /// let period = Period::new(start, end)?;
    /// assert!(period.years().eq(Year::new(2026)?.through(Year::new(2029)?)));
    /// assert!(Period::new(end, start).is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, AgreementError> {
        if end < start {
            return Err(AgreementError::PeriodEndsBeforeStart { start, end });
        }
        let year = |date: NaiveDate| {
            Year::new(date.year()).map_err(|source| AgreementError::PeriodOutsideYears {
                start,
                end,
                source,
            })
        };
        Ok(Period {
            start,
            end,
            first_year: year(start)?,
            last_year: year(end)?,
        })
    }

    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day of the period (included).
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// The calendar years the period touches, in order (Folehaven: 2026 to 2029).
    pub fn years(&self) -> Years {
        self.first_year.through(self.last_year)
    }

    /// The first calendar year the period touches.
    pub fn first_year(&self) -> Year {
        self.first_year
    }

    /// The last calendar year the period touches.
    pub fn last_year(&self) -> Year {
        self.last_year
    }

    /// Whether `date` lies in the period (both ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the period touches the calendar year `year`.
    pub fn contains_year(&self, year: Year) -> bool {
        self.years().contains(year)
    }
}

impl fmt::Display for Period {
    /// Formats as `2026-01-01–2029-12-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

/// A span of whole calendar years, both included, such as an earlier partnership period
/// (2018–2021) that the sources give only by year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct YearSpan {
    first_year: Year,
    last_year: Year,
}

impl YearSpan {
    /// The years `first_year..=last_year`.
    ///
    /// # Errors
    ///
    /// [`AgreementError::YearSpanEndsBeforeStart`] when `last_year < first_year`.
    pub fn new(first_year: Year, last_year: Year) -> Result<Self, AgreementError> {
        if last_year < first_year {
            return Err(AgreementError::YearSpanEndsBeforeStart {
                first_year,
                last_year,
            });
        }
        Ok(YearSpan {
            first_year,
            last_year,
        })
    }

    /// The first year of the span.
    pub fn first_year(&self) -> Year {
        self.first_year
    }

    /// The last year of the span (included).
    pub fn last_year(&self) -> Year {
        self.last_year
    }

    /// The years, in order.
    pub fn years(&self) -> Years {
        self.first_year.through(self.last_year)
    }
}

impl fmt::Display for YearSpan {
    /// Formats as `2018–2021`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.first_year, self.last_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn period_bounds_are_inclusive() {
        let period = Period::new(date(2026, 1, 1), date(2029, 12, 31)).unwrap();
        assert!(period.contains(date(2026, 1, 1)));
        assert!(period.contains(date(2029, 12, 31)));
        assert!(!period.contains(date(2025, 12, 31)));
        assert!(!period.contains(date(2030, 1, 1)));
        assert!(period.contains_year(Year::new(2029).unwrap()));
        assert!(!period.contains_year(Year::new(2030).unwrap()));
        assert_eq!(period.to_string(), "2026-01-01–2029-12-31");
    }

    #[test]
    fn a_period_cannot_end_before_it_starts() {
        let error = Period::new(date(2029, 12, 31), date(2026, 1, 1)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the period ends (2026-01-01) before it starts (2029-12-31)"
        );
        assert!(Period::new(date(2026, 1, 1), date(2026, 1, 1)).is_ok());
    }

    #[test]
    fn year_spans() {
        let span = YearSpan::new(Year::new(2018).unwrap(), Year::new(2021).unwrap()).unwrap();
        assert_eq!(span.to_string(), "2018–2021");
        assert_eq!(span.years().count(), 4);
        assert!(YearSpan::new(Year::new(2021).unwrap(), Year::new(2018).unwrap()).is_err());
    }
}
