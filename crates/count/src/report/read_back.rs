//! Reading a [`CountReport`] back from its serialised form: every derived figure is
//! recomputed from the parts and compared, never trusted.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use tryghed_geography::Crs;
use tryghed_goals::{AreaId, CategoryId, OffenceCode, Year};

use super::{
    ALL_NAME, AreaKey, CategoryKey, CountReport, CountSummary, CountTable, OTHER_NAME,
    OUTSIDE_NAME, SkipStat, UnknownCode, rate_per_1000,
};
use crate::counter::{CountArea, CountCategory};
use crate::error::RowProblem;
use crate::{CountError, FIRST_LINES, MAX_LISTED_UNKNOWN_CODES, SkipReason};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCountReport {
    summary: RawSummary,
    table: RawTable,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    layer: String,
    crs: Crs,
    category_set: String,
    rows_read: u64,
    classified: u64,
    outside: u64,
    skipped: u64,
    skips: Vec<RawSkip>,
    other_rows: u64,
    unknown_codes: Vec<RawUnknown>,
    unlisted_unknown_rows: u64,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkip {
    reason: SkipReason,
    rows: u64,
    first_lines: Vec<u64>,
    first: Option<RowProblem>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnknown {
    code: OffenceCode,
    rows: u64,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    areas: Vec<RawArea>,
    categories: Vec<RawCategory>,
    years: Vec<Year>,
    rows: Vec<RawRow>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    name: String,
    id: AreaId,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: CategoryId,
    name: String,
    countable: bool,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    area: String,
    area_name: String,
    category: String,
    category_name: String,
    year: Year,
    count: Option<u64>,
    residents: Option<u64>,
    rate_per_1000: Option<Decimal>,
}

fn wrong(field: impl Into<String>, reason: impl Into<String>) -> CountError {
    CountError::Inconsistent {
        field: field.into(),
        reason: reason.into(),
    }
}

/// `a + b + …`, or an error naming `field` when the sum leaves `u64`.
fn sum(field: &str, values: impl IntoIterator<Item = u64>) -> Result<u64, CountError> {
    values
        .into_iter()
        .try_fold(0_u64, u64::checked_add)
        .ok_or_else(|| wrong(field, "sums past the largest count"))
}

fn equal(field: &str, stated: u64, computed: u64, parts: &str) -> Result<(), CountError> {
    if stated == computed {
        Ok(())
    } else {
        Err(wrong(
            field,
            format!("is {stated}, but {parts} give {computed}"),
        ))
    }
}

fn not_blank(field: &str, value: &str) -> Result<(), CountError> {
    if value.trim().is_empty() {
        Err(wrong(field, "is empty"))
    } else {
        Ok(())
    }
}

impl TryFrom<RawCountReport> for CountReport {
    type Error = CountError;

    fn try_from(raw: RawCountReport) -> Result<CountReport, CountError> {
        let summary = summary(raw.summary)?;
        let table = table(raw.table)?;
        // The table's cells against the summary: inside, outside and "other".
        let n_areas = table.areas.len();
        let n_cats = table.categories.len();
        let all = n_cats + 1;
        let t = &table;
        let cells = |slots: std::ops::Range<usize>, cat: usize| {
            (0..t.years.len())
                .flat_map(move |yi| slots.clone().filter_map(move |slot| t.cell(yi, slot, cat)))
        };
        let inside = sum("table.rows", cells(0..n_areas, all))?;
        equal(
            "summary.classified",
            summary.classified,
            inside,
            "the table's \"all\" rows of the areas",
        )?;
        let outside = sum("table.rows", cells(n_areas..n_areas + 1, all))?;
        equal(
            "summary.outside",
            summary.outside,
            outside,
            "the table's \"all\" rows outside the areas",
        )?;
        let other = sum("table.rows", cells(0..n_areas + 1, n_cats))?;
        equal(
            "summary.other_rows",
            summary.other_rows,
            other,
            "the table's \"other\" rows",
        )?;
        Ok(CountReport::new(summary, table))
    }
}

#[allow(clippy::too_many_lines, reason = "one check after the other")]
fn summary(raw: RawSummary) -> Result<CountSummary, CountError> {
    not_blank("summary.layer", &raw.layer)?;
    not_blank("summary.category_set", &raw.category_set)?;
    let mut skips = Vec::with_capacity(raw.skips.len());
    for (i, s) in raw.skips.into_iter().enumerate() {
        let field = |what: &str| format!("summary.skips[{i}].{what}");
        if skips
            .last()
            .is_some_and(|p: &SkipStat| p.reason.index() >= s.reason.index())
        {
            return Err(wrong(
                field("reason"),
                "is repeated or out of order (one entry per reason, in the reasons' order)",
            ));
        }
        if s.rows == 0 {
            return Err(wrong(
                field("rows"),
                "is 0 (a reason without rows is left out)",
            ));
        }
        let expected = usize::try_from(s.rows).map_or(FIRST_LINES, |r| r.min(FIRST_LINES));
        if s.first_lines.len() != expected {
            return Err(wrong(
                field("first_lines"),
                format!(
                    "holds {} lines, but {} skipped rows give the first {expected}",
                    s.first_lines.len(),
                    s.rows
                ),
            ));
        }
        if s.first_lines
            .windows(2)
            .any(|w| matches!(w, [a, b] if b <= a))
        {
            return Err(wrong(field("first_lines"), "are not ascending"));
        }
        if let Some(first) = &s.first
            && (first.reason != s.reason || s.first_lines.first() != Some(&first.line))
        {
            return Err(wrong(
                field("first"),
                "is not the first of the reason's rows",
            ));
        }
        skips.push(SkipStat {
            reason: s.reason,
            rows: s.rows,
            first_lines: s.first_lines,
            first: s.first,
        });
    }
    let skipped = sum("summary.skipped", skips.iter().map(|s| s.rows))?;
    equal("summary.skipped", raw.skipped, skipped, "the skips")?;
    let rows_read = sum(
        "summary.rows_read",
        [raw.classified, raw.outside, raw.skipped],
    )?;
    equal(
        "summary.rows_read",
        raw.rows_read,
        rows_read,
        "classified + outside + skipped",
    )?;
    if raw.unknown_codes.len() > MAX_LISTED_UNKNOWN_CODES {
        return Err(wrong(
            "summary.unknown_codes",
            format!(
                "lists {} codes, more than the {MAX_LISTED_UNKNOWN_CODES} a count lists",
                raw.unknown_codes.len()
            ),
        ));
    }
    let mut codes = BTreeSet::new();
    let mut unknown_codes: Vec<UnknownCode> = Vec::with_capacity(raw.unknown_codes.len());
    for (i, u) in raw.unknown_codes.into_iter().enumerate() {
        let field = format!("summary.unknown_codes[{i}]");
        if u.rows == 0 || !codes.insert(u.code) {
            return Err(wrong(field, "is repeated or has no rows"));
        }
        if unknown_codes
            .last()
            .is_some_and(|p| (u.rows, p.code) > (p.rows, u.code))
        {
            return Err(wrong(
                field,
                "is out of order (most frequent first, then by code)",
            ));
        }
        unknown_codes.push(UnknownCode {
            code: u.code,
            rows: u.rows,
        });
    }
    let other = sum(
        "summary.other_rows",
        unknown_codes
            .iter()
            .map(|u| u.rows)
            .chain([raw.unlisted_unknown_rows]),
    )?;
    equal(
        "summary.other_rows",
        raw.other_rows,
        other,
        "the unknown codes and the unlisted rows",
    )?;
    Ok(CountSummary {
        layer: raw.layer,
        crs: raw.crs,
        category_set: raw.category_set,
        rows_read: raw.rows_read,
        classified: raw.classified,
        outside: raw.outside,
        skipped: raw.skipped,
        skips,
        other_rows: raw.other_rows,
        unknown_codes,
        unlisted_unknown_rows: raw.unlisted_unknown_rows,
    })
}

#[allow(
    clippy::too_many_lines,
    reason = "one row after the other, each checked"
)]
fn table(raw: RawTable) -> Result<CountTable, CountError> {
    let mut ids = BTreeSet::new();
    let mut areas = Vec::with_capacity(raw.areas.len());
    for (i, a) in raw.areas.into_iter().enumerate() {
        not_blank(&format!("table.areas[{i}].name"), &a.name)?;
        if !ids.insert(a.id.clone()) {
            return Err(wrong(format!("table.areas[{i}].id"), "is repeated"));
        }
        areas.push(CountArea::new(a.name, a.id));
    }
    let mut ids = BTreeSet::new();
    let mut categories = Vec::with_capacity(raw.categories.len());
    for (i, c) in raw.categories.into_iter().enumerate() {
        not_blank(&format!("table.categories[{i}].name"), &c.name)?;
        if !ids.insert(c.id.clone()) {
            return Err(wrong(format!("table.categories[{i}].id"), "is repeated"));
        }
        categories.push(CountCategory::new(c.id, c.name, c.countable));
    }
    if raw.years.windows(2).any(|w| matches!(w, [a, b] if b <= a)) {
        return Err(wrong("table.years", "are not ascending"));
    }
    let (n_areas, n_cats) = (areas.len(), categories.len());
    let expected = raw
        .years
        .len()
        .checked_mul(n_areas + 1)
        .and_then(|n| n.checked_mul(n_cats + 2));
    if expected != Some(raw.rows.len()) {
        return Err(wrong(
            "table.rows",
            format!(
                "holds {} rows, but {} years × {} areas and outside × {} categories, other and all give {}",
                raw.rows.len(),
                raw.years.len(),
                n_areas,
                n_cats,
                expected.map_or_else(|| "too many".to_owned(), |n| n.to_string())
            ),
        ));
    }
    let mut counts = Vec::with_capacity(raw.rows.len());
    let mut residents: BTreeMap<(usize, Year), u64> = BTreeMap::new();
    let mut rows = raw.rows.into_iter().enumerate();
    for &year in &raw.years {
        for slot in 0..=n_areas {
            let (area, area_name) = match areas.get(slot) {
                Some(a) => (AreaKey::Area(a.id().clone()), a.name()),
                None => (AreaKey::Outside, OUTSIDE_NAME),
            };
            let mut area_residents = None;
            for ci in 0..n_cats + 2 {
                let Some((i, row)) = rows.next() else {
                    return Err(wrong("table.rows", "ends early"));
                };
                let field = |what: &str| format!("table.rows[{i}].{what}");
                let (category, category_name, countable) = match categories.get(ci) {
                    Some(c) => (
                        CategoryKey::Category(c.id().clone()),
                        c.name(),
                        c.is_countable(),
                    ),
                    None if ci == n_cats => (CategoryKey::Other, OTHER_NAME, true),
                    None => (CategoryKey::All, ALL_NAME, true),
                };
                let expected = [
                    ("year", year.to_string(), row.year.to_string()),
                    ("area", area.to_string(), row.area.clone()),
                    ("area_name", area_name.to_owned(), row.area_name.clone()),
                    ("category", category.to_string(), row.category.clone()),
                    (
                        "category_name",
                        category_name.to_owned(),
                        row.category_name.clone(),
                    ),
                ];
                for (what, expected, found) in expected {
                    if expected != found {
                        return Err(wrong(
                            field(what),
                            format!("is {found:?}, but the table's order gives {expected:?} here"),
                        ));
                    }
                }
                let count = match (countable, row.count) {
                    (true, Some(n)) => n,
                    (false, None) => 0,
                    (true, None) => {
                        return Err(wrong(field("count"), "is missing for a countable category"));
                    }
                    (false, Some(n)) => {
                        return Err(wrong(
                            field("count"),
                            format!("is {n} for a category without codes (its count is unknown)"),
                        ));
                    }
                };
                counts.push(count);
                if slot == n_areas && row.residents.is_some() {
                    return Err(wrong(field("residents"), "is given outside the areas"));
                }
                if row.residents == Some(0) {
                    return Err(wrong(field("residents"), "is 0 (residents are above 0)"));
                }
                if ci == 0 {
                    area_residents = row.residents;
                } else if row.residents != area_residents {
                    return Err(wrong(
                        field("residents"),
                        "differs from the area's other rows of the year",
                    ));
                }
                let rate = match (row.count, row.residents) {
                    (Some(c), Some(r)) => rate_per_1000(c, r),
                    _ => None,
                };
                if row.rate_per_1000 != rate {
                    return Err(wrong(
                        field("rate_per_1000"),
                        format!(
                            "is {:?}, but the count and residents give {:?}",
                            row.rate_per_1000.map(|d| d.to_string()),
                            rate.map(|d| d.to_string())
                        ),
                    ));
                }
            }
            if let Some(n) = area_residents {
                residents.insert((slot, year), n);
            }
            // A report counts under "other" or its categories, and always under "all".
            let base = counts.len() - (n_cats + 2);
            let cells = counts.get(base..).unwrap_or_default();
            if let Some((&all, rest)) = cells.split_last()
                && let Some(i) = rest.iter().position(|&n| n > all)
            {
                return Err(wrong(
                    format!("table.rows (year {year}, area {area})"),
                    format!(
                        "row {} counts {}, more than the {all} reports under \"all\"",
                        i + 1,
                        rest.get(i).copied().unwrap_or_default()
                    ),
                ));
            }
        }
    }
    let mut table = CountTable::new(areas, categories, raw.years, counts);
    table.residents = residents;
    Ok(table)
}
