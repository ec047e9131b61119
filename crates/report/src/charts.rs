//! The figures of the HTML page: the survey shares, crime against the baseline, and the map
//! of the area. Each figure is one or more small SVG panels ([`crate::svg`]), a legend in
//! HTML, notes, and a data table with the same values for readers who cannot see the chart.
//!
//! Every value drawn or written here is a published value: counts come from the report's
//! published cells ([`Count`]), a hidden count is never a point, a label, an axis end or a
//! word, and a year whose count is hidden is marked "< 5" / "skjult" at the top of the panel,
//! where it says nothing about its size.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use tryghed_core::Year;
use tryghed_geography::{Layer, PartnershipArea, Utm32};

use crate::fmt as dk;
use crate::model::{BaselineCell, BaselineFixing, CrimeRow, Figure, StatusReport, SurveySeries};
use crate::svg::{Anchor, MIN_FONT, Marker, Svg, WIDTH, swatch, ticks};

/// A figure of the page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChartFigure {
    /// The figure's id (`fig-survey`, `fig-crime`, `fig-map`).
    pub(crate) id: String,
    /// Its caption's title.
    pub(crate) title: String,
    /// Its panels, each an SVG with its own heading.
    pub(crate) panels: Vec<ChartPanel>,
    /// What the lines, markers and fills mean.
    pub(crate) legend: Vec<LegendItem>,
    /// Notes below the figure (sources, suppression, what a line is not).
    pub(crate) notes: Vec<String>,
    /// The values of the figure as a table.
    pub(crate) table: DataTable,
}

/// One SVG panel with its heading.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChartPanel {
    pub(crate) heading: String,
    pub(crate) svg: String,
}

/// One legend entry: a decorative swatch and its text.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LegendItem {
    pub(crate) swatch: String,
    pub(crate) text: String,
}

/// A data table: caption, column headings, and rows whose first cell heads the row.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataTable {
    pub(crate) caption: String,
    pub(crate) head: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// Colours with at least 3:1 contrast against white (WCAG 1.4.11); series differ by marker
/// shape and line style as well.
const AREA: &str = "#005eb8";
const VALBY: &str = "#a85400";
const CPH: &str = "#4d4d4d";
const OTHER: &str = "#00775a";
const BASELINE: &str = "#b00020";
const AXIS: &str = "#767676";
const GRID: &str = "#e4e4e4";
const INK: &str = "#1b1b1b";
const MUTED: &str = "#4d4d4d";

/// How one area's series is drawn.
#[derive(Debug, Clone, Copy)]
struct Style {
    colour: &'static str,
    width: f64,
    dash: Option<&'static str>,
    marker: Marker,
}

fn style(area: &str) -> Style {
    match area {
        "omraade" => Style {
            colour: AREA,
            width: 3.0,
            dash: None,
            marker: Marker::Circle,
        },
        "valby" => Style {
            colour: VALBY,
            width: 2.5,
            dash: Some("8 4"),
            marker: Marker::Square,
        },
        "kobenhavn" => Style {
            colour: CPH,
            width: 2.5,
            dash: Some("2 4"),
            marker: Marker::Triangle,
        },
        _ => Style {
            colour: OTHER,
            width: 2.5,
            dash: Some("10 3 2 3"),
            marker: Marker::Diamond,
        },
    }
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The plot area of a panel and its scales: years along x with half a year of margin on each
/// side (a single year sits in the middle), values along y.
#[derive(Debug, Clone, Copy)]
struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    first: Year,
    last: Year,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn x(&self, year: Year) -> f64 {
        let step = self.year_width();
        self.left + (f64::from(year.years_since(self.first)) + 0.5) * step
    }

    fn year_width(&self) -> f64 {
        (self.right - self.left) / (f64::from(self.last.years_since(self.first).max(0)) + 1.0)
    }

    fn y(&self, v: f64) -> f64 {
        if self.hi <= self.lo {
            return self.bottom;
        }
        self.bottom - (v - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)
    }

    /// Grid lines, the y tick labels (`label`), the axes and a label per year.
    fn axes(&self, svg: &mut Svg, y_ticks: &[f64], label: &dyn Fn(f64) -> String) {
        for &t in y_ticks {
            let y = self.y(t);
            svg.line((self.left, y), (self.right, y), GRID, 1.0, None);
            svg.text(
                self.left - 6.0,
                y + 5.5,
                MIN_FONT,
                Anchor::End,
                false,
                MUTED,
                &label(t),
            );
        }
        svg.line(
            (self.left, self.bottom),
            (self.right, self.bottom),
            AXIS,
            1.5,
            None,
        );
        svg.line(
            (self.left, self.top),
            (self.left, self.bottom),
            AXIS,
            1.5,
            None,
        );
        let every = if self.last.years_since(self.first) >= 7 {
            2
        } else {
            1
        };
        for year in self.first.through(self.last) {
            let x = self.x(year);
            svg.line((x, self.bottom), (x, self.bottom + 5.0), AXIS, 1.5, None);
            if year.years_since(self.first) % every == 0 {
                svg.text(
                    x,
                    self.bottom + 22.0,
                    MIN_FONT,
                    Anchor::Middle,
                    false,
                    MUTED,
                    &year.to_string(),
                );
            }
        }
    }
}

/// `lo`–`hi` widened to round steps of `step`, with `pad` of margin, within `min`–`max`.
fn padded(lo: f64, hi: f64, pad: f64, step: f64, min: f64, max: f64) -> (f64, f64) {
    let mut a = ((lo - pad) / step).floor() * step;
    let mut b = ((hi + pad) / step).ceil() * step;
    a = a.max(min);
    b = b.min(max);
    if b - a < 2.0 * step {
        b = (a + 2.0 * step).min(max);
        a = (b - 2.0 * step).max(min);
    }
    (a, b)
}

// ---------------------------------------------------------------------------------------
// (a) The survey.

/// The survey figure: one panel per survey indicator.
pub(crate) fn survey_figure(report: &StatusReport) -> ChartFigure {
    let series = report.survey();
    let mut panels = Vec::new();
    let mut rows = Vec::new();
    let mut areas_seen: Vec<(String, String)> = Vec::new();
    let mut any_guide = false;
    let mut any_interval = false;
    for (i, s) in series.iter().enumerate() {
        for a in s.areas() {
            if !areas_seen.iter().any(|(id, _)| id == a.area()) {
                areas_seen.push((a.area().to_owned(), a.area_name().to_owned()));
            }
            any_interval |= a.points().iter().any(|p| p.interval().is_some());
        }
        any_guide |= s.guide().is_some();
        panels.push(ChartPanel {
            heading: s.name().to_owned(),
            svg: survey_panel(&format!("chart-survey-{}", i + 1), s, report),
        });
        rows.extend(survey_rows(s));
    }
    let mut legend: Vec<LegendItem> = areas_seen
        .iter()
        .map(|(id, name)| {
            let st = style(id);
            LegendItem {
                swatch: swatch(st.colour, st.width, st.dash, Some(st.marker)),
                text: name.clone(),
            }
        })
        .collect();
    if any_interval {
        legend.push(LegendItem {
            swatch: interval_swatch(),
            text: "Lodret streg: 95 %-konfidensinterval".into(),
        });
    }
    if any_guide {
        legend.push(LegendItem {
            swatch: swatch(AREA, 2.0, Some("2 5"), None),
            text: "Jævn fremskrivning til københavnerniveau, ikke aftalens mål".into(),
        });
    }
    let mut notes = vec![
        "Kilde: Københavns Kommunes Tryghedsundersøgelse. Andelen af borgere, der føler sig trygge."
            .to_owned(),
    ];
    if any_guide {
        notes.push("Den stiplede hjælpelinje går jævnt fra baselineåret til Københavns seneste niveau i målåret. Den er ikke aftalens mål: aftalen kræver, at andelen stiger hvert år og nærmer sig københavnerniveau.".into());
    }
    if series.is_empty() {
        notes.push("Ingen tal fra Tryghedsundersøgelsen.".into());
    }
    ChartFigure {
        id: "fig-survey".into(),
        title: "Andel trygge borgere (Tryghedsundersøgelsen)".into(),
        panels,
        legend,
        notes,
        table: DataTable {
            caption: "Tal bag figuren: andel trygge borgere".into(),
            head: vec![
                "Indikator".into(),
                "År".into(),
                "Område".into(),
                "Andel".into(),
                "95 %-konfidensinterval".into(),
            ],
            rows,
        },
    }
}

fn interval_swatch() -> String {
    let mut s = Svg::new(40.0, 16.0);
    s.line((20.0, 1.0), (20.0, 15.0), AREA, 2.0, None);
    s.line((16.0, 1.0), (24.0, 1.0), AREA, 2.0, None);
    s.line((16.0, 15.0), (24.0, 15.0), AREA, 2.0, None);
    let out = s.finish("x", "", "");
    // A decorative swatch: no title, hidden from screen readers.
    let body = out
        .split_once("</desc>")
        .map_or("", |(_, b)| b.trim_end_matches("</svg>"));
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="swatch" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" focusable="false">{body}</svg>"#
    )
}

fn interval_text(i: &crate::model::IntervalCell) -> String {
    format!(
        "{}–{}",
        dk::percent(*i.lower()).trim_end_matches(" %"),
        dk::percent(*i.upper())
    )
}

fn survey_rows(s: &SurveySeries) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut years: Vec<Year> = s
        .areas()
        .iter()
        .flat_map(|a| a.points().iter().map(|p| *p.year()))
        .collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        for a in s.areas() {
            if let Some(p) = a.points().iter().find(|p| *p.year() == year) {
                let interval = match (p.interval(), p.respondents()) {
                    (Some(i), Some(n)) => format!("{} (n = {})", interval_text(i), dk::int(*n)),
                    _ => "n ukendt".to_owned(),
                };
                rows.push(vec![
                    s.name().to_owned(),
                    year.to_string(),
                    a.area_name().to_owned(),
                    dk::percent(*p.fraction()),
                    interval,
                ]);
            }
        }
    }
    if let Some(g) = s.guide() {
        rows.push(vec![
            s.name().to_owned(),
            format!("{}–{}", g.from().year(), g.to().year()),
            "Jævn fremskrivning (ikke aftalens mål)".to_owned(),
            format!(
                "{} → {}",
                dk::percent(*g.from().fraction()),
                dk::percent(*g.to().fraction())
            ),
            "–".to_owned(),
        ]);
    }
    rows
}

/// One survey panel.
#[allow(clippy::too_many_lines)] // data, range, axes, series, labels, description
fn survey_panel(id: &str, s: &SurveySeries, report: &StatusReport) -> String {
    let height = 300.0;
    let mut svg = Svg::new(WIDTH, height);
    let mut first = *report.year();
    let mut last = *report.year();
    let mut values: Vec<f64> = Vec::new();
    for a in s.areas() {
        for p in a.points() {
            first = first.min(*p.year());
            last = last.max(*p.year());
            values.push(f(*p.fraction()) * 100.0);
            if let Some(i) = p.interval() {
                values.push(f(*i.lower()) * 100.0);
                values.push(f(*i.upper()) * 100.0);
            }
        }
    }
    if let Some(g) = s.guide() {
        first = first.min(*g.from().year());
        last = last.max(*g.to().year());
        values.push(f(*g.from().fraction()) * 100.0);
        values.push(f(*g.to().fraction()) * 100.0);
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if values.is_empty() {
        (0.0, 100.0)
    } else {
        padded(lo, hi, 3.0, 5.0, 0.0, 100.0)
    };
    let frame = Frame {
        left: 58.0,
        top: 14.0,
        right: WIDTH - 14.0,
        bottom: height - 36.0,
        first,
        last,
        lo,
        hi,
    };
    let step = if hi - lo > 30.0 { 10.0 } else { 5.0 };
    let y_ticks: Vec<f64> = ticks(lo, hi, 7)
        .into_iter()
        .filter(|t| (t / step).fract().abs() < 1e-9)
        .collect();
    frame.axes(&mut svg, &y_ticks, &|v| format!("{v:.0} %"));
    // The guide line first, under the data.
    if let Some(g) = s.guide() {
        svg.line(
            (
                frame.x(*g.from().year()),
                frame.y(f(*g.from().fraction()) * 100.0),
            ),
            (
                frame.x(*g.to().year()),
                frame.y(f(*g.to().fraction()) * 100.0),
            ),
            AREA,
            2.0,
            Some("2 5"),
        );
    }
    // Dodge: markers of areas with (nearly) the same share in a year are set side by side,
    // so that coinciding lines stay distinguishable.
    let offset = |area: &str, year: Year| -> f64 {
        let mut here: Vec<(f64, &str)> = s
            .areas()
            .iter()
            .filter_map(|a| {
                a.points()
                    .iter()
                    .find(|p| *p.year() == year)
                    .map(|p| (f(*p.fraction()) * 100.0, a.area()))
            })
            .collect();
        here.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some(pos) = here.iter().position(|(_, a)| *a == area) else {
            return 0.0;
        };
        let v = here.get(pos).map_or(0.0, |h| h.0);
        let group: Vec<&str> = here
            .iter()
            .filter(|(w, _)| (w - v).abs() < 1.5)
            .map(|(_, a)| *a)
            .collect();
        if group.len() < 2 {
            return 0.0;
        }
        let i = group.iter().position(|a| *a == area).unwrap_or(0);
        #[allow(clippy::cast_precision_loss)]
        let k = (i as f64) - (group.len() as f64 - 1.0) / 2.0;
        k * 11.0
    };
    // References first, the partnership area on top.
    let mut order: Vec<&crate::model::AreaSeries> = s.areas().iter().collect();
    order.sort_by_key(|a| a.area() == "omraade");
    for a in &order {
        let st = style(a.area());
        let pts: Vec<(f64, f64)> = a
            .points()
            .iter()
            .map(|p| {
                (
                    frame.x(*p.year()) + offset(a.area(), *p.year()),
                    frame.y(f(*p.fraction()) * 100.0),
                )
            })
            .collect();
        svg.polyline(&pts, st.colour, st.width, st.dash);
        for (p, (x, _)) in a.points().iter().zip(&pts) {
            if let Some(i) = p.interval() {
                let (y0, y1) = (
                    frame.y(f(*i.lower()) * 100.0),
                    frame.y(f(*i.upper()) * 100.0),
                );
                svg.line((*x, y0), (*x, y1), st.colour, 2.0, None);
                svg.line((*x - 4.0, y0), (*x + 4.0, y0), st.colour, 2.0, None);
                svg.line((*x - 4.0, y1), (*x + 4.0, y1), st.colour, 2.0, None);
            }
        }
        for (x, y) in &pts {
            svg.marker(st.marker, *x, *y, 5.5, st.colour);
        }
    }
    // The partnership area's values in words beside its points.
    if let Some(a) = s.areas().iter().find(|a| a.area() == "omraade") {
        for p in a.points() {
            let x = frame.x(*p.year()) + offset(a.area(), *p.year());
            let y = frame.y(f(*p.fraction()) * 100.0);
            let below = p
                .interval()
                .map_or(y + 24.0, |i| frame.y(f(*i.lower()) * 100.0) + 20.0);
            let y_label = if below < frame.bottom - 4.0 {
                below
            } else {
                y - 12.0
            };
            svg.label(
                x + 8.0,
                y_label,
                MIN_FONT,
                Anchor::Start,
                true,
                AREA,
                &dk::percent(*p.fraction()),
            );
        }
    }
    let title = format!("{}, {first}–{last}", s.name());
    svg.finish(id, &title, &survey_desc(s))
}

/// The panel's values in words.
fn survey_desc(s: &SurveySeries) -> String {
    let mut parts = vec![format!("{} efter år.", s.name())];
    for a in s.areas() {
        let values: Vec<String> = a
            .points()
            .iter()
            .map(|p| {
                let mut t = format!("{} i {}", dk::percent(*p.fraction()), p.year());
                if let (Some(i), Some(n)) = (p.interval(), p.respondents()) {
                    let _ = write!(
                        t,
                        " (95 %-konfidensinterval {}, n = {})",
                        interval_text(i),
                        dk::int(*n)
                    );
                }
                t
            })
            .collect();
        parts.push(format!("{}: {}.", a.area_name(), values.join(", ")));
    }
    if let Some(g) = s.guide() {
        parts.push(format!(
            "Stiplet hjælpelinje, jævn fremskrivning til københavnerniveau og ikke aftalens mål: fra {} i {} til {} i {}.",
            dk::percent(*g.from().fraction()),
            g.from().year(),
            dk::percent(*g.to().fraction()),
            g.to().year()
        ));
    }
    parts.join(" ")
}

// ---------------------------------------------------------------------------------------
// (b) Crime.

/// The baseline of a crime panel in the panel's unit, with its label.
fn crime_baseline(row: &CrimeRow, report: &StatusReport) -> Option<(f64, String)> {
    let value = |fig: &Figure| -> Option<f64> {
        match fig {
            Figure::Count { count } => count.value().map(|v| {
                #[allow(clippy::cast_precision_loss)]
                let v = v as f64;
                v
            }),
            Figure::Rate { count, rate, .. } if *row.per_1000() => count.value().and(rate.map(f)),
            Figure::Rate { count, .. } => count.value().map(|v| {
                #[allow(clippy::cast_precision_loss)]
                let v = v as f64;
                v
            }),
            Figure::Number { value } => Some(f(*value)),
            _ => None,
        }
    };
    match row.baseline() {
        BaselineCell::Known {
            year,
            value: Some(fig),
        } => value(fig).map(|v| (v, format!("baseline {year}"))),
        BaselineCell::Pending { .. } => {
            // The year the baseline is fixed in: the agreement's table shows its values.
            let table = report.baseline().as_ref()?;
            let fig = table
                .rows()
                .iter()
                .find(|r| r.indicator() == row.indicator())?
                .value()
                .as_ref()?;
            let label = match table.fixing() {
                BaselineFixing::ThisReport => format!("baseline {} (fastlægges nu)", table.year()),
                _ => format!("baseline {} (ikke tilføjet aftalen)", table.year()),
            };
            value(fig).map(|v| (v, label))
        }
        _ => None,
    }
}

/// The value a crime panel plots for a year, or the published word that stands instead.
enum Plotted {
    Value(f64),
    Hidden(String),
}

fn plotted(row: &CrimeRow, p: &crate::model::CountPoint) -> Plotted {
    match p.count().value() {
        None => Plotted::Hidden(p.count().to_string()),
        Some(_) if *row.per_1000() => p.rate().map_or_else(
            || Plotted::Hidden("ingen rate".into()),
            |r| Plotted::Value(f(r)),
        ),
        Some(v) => {
            #[allow(clippy::cast_precision_loss)]
            let v = v as f64;
            Plotted::Value(v)
        }
    }
}

fn plotted_text(row: &CrimeRow, v: f64) -> String {
    if *row.per_1000() {
        dk::number(Decimal::try_from(v).unwrap_or_default(), 1)
    } else {
        let d = Decimal::try_from(v.round()).unwrap_or_default();
        dk::number(d, 0)
    }
}

fn crime_heading(row: &CrimeRow) -> String {
    if *row.per_1000() {
        format!("{} per 1.000 indbyggere", row.name())
    } else {
        format!("{}, antal anmeldelser", row.name())
    }
}

/// The crime figure: one panel per category with a target.
#[allow(clippy::too_many_lines)] // panels, data table, legend, notes
pub(crate) fn crime_figure(report: &StatusReport) -> ChartFigure {
    let rows: Vec<&CrimeRow> = report
        .crime()
        .iter()
        .filter(|c| !*c.monitored_only())
        .collect();
    let thr = report.options().suppression_threshold();
    let panels: Vec<ChartPanel> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| ChartPanel {
            heading: crime_heading(row),
            svg: crime_panel(&format!("chart-crime-{}", i + 1), row, report),
        })
        .collect();
    let years: Vec<Year> = {
        let mut y: Vec<Year> = rows
            .iter()
            .flat_map(|r| r.series().iter().map(|p| *p.year()))
            .chain(std::iter::once(*report.crime_year()))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let mut head = vec!["Gerningstype".to_owned()];
    head.extend(years.iter().map(ToString::to_string));
    head.push("Baseline".into());
    let table_rows = rows
        .iter()
        .map(|row| {
            let mut cells = vec![crime_heading(row)];
            for y in &years {
                cells.push(row.series().iter().find(|p| p.year() == y).map_or_else(
                    || "–".to_owned(),
                    |p| match plotted(row, p) {
                        Plotted::Value(v) if *row.per_1000() => {
                            format!("{} ({} anmeldelser)", plotted_text(row, v), p.count())
                        }
                        Plotted::Value(v) => plotted_text(row, v),
                        Plotted::Hidden(word) if *row.per_1000() && p.count().value().is_some() => {
                            format!("{} anmeldelser ({word})", p.count())
                        }
                        Plotted::Hidden(word) => word,
                    },
                ));
            }
            cells.push(crime_baseline(row, report).map_or_else(
                || match row.baseline() {
                    BaselineCell::Pending { .. } => "afventer".to_owned(),
                    _ => "ikke vist".to_owned(),
                },
                |(v, label)| format!("{} ({label})", plotted_text(row, v)),
            ));
            cells
        })
        .collect();
    let mut legend = vec![LegendItem {
        swatch: swatch(AREA, 3.0, None, Some(Marker::Circle)),
        text: "Partnerskabsområdet".into(),
    }];
    if rows.iter().any(|r| crime_baseline(r, report).is_some()) {
        legend.push(LegendItem {
            swatch: swatch(BASELINE, 2.0, Some("6 4"), None),
            text: "Baseline (målet: som minimum fastholdes)".into(),
        });
    }
    if rows.iter().any(|r| {
        r.series()
            .iter()
            .any(|p| matches!(plotted(r, p), Plotted::Hidden(_)))
    }) {
        legend.push(LegendItem {
            swatch: hidden_swatch(),
            text: format!("År, hvor tallet ikke vises (under {thr} eller skjult)"),
        });
    }
    let mut notes = vec![format!(
        "Kilde: Københavns Politi. Anmeldelser i partnerskabsområdet per kalenderår til og med {}. Antal under {thr} og skjulte antal vises ikke (diskretionering); året er markeret i figuren.",
        report.crime_year()
    )];
    if rows
        .iter()
        .any(|r| matches!(r.baseline(), BaselineCell::Pending { .. }))
    {
        let drawn = rows.iter().any(|r| crime_baseline(r, report).is_some());
        let table = report.baseline().as_ref();
        let year = table.map_or(report.crime_year().saturating_sub(1), |t| *t.year());
        notes.push(match (table.map(crate::model::BaselineTable::fixing), drawn) {
            (Some(BaselineFixing::ThisReport), true) => format!("Baseline {year} fastlægges med denne afrapportering; den stiplede linje viser {year}-tallene, som bliver baseline."),
            (Some(BaselineFixing::ThisReport), false) => format!("Baseline {year} fastlægges med denne afrapportering, men tallene for {year} mangler, så den kan ikke tegnes."),
            _ => format!("Baseline {year} afventer: den er endnu ikke tilføjet partnerskabsaftalen."),
        });
    }
    if rows.is_empty() {
        notes.push("Aftalen har ingen kriminalitetsmål.".into());
    }
    ChartFigure {
        id: "fig-crime".into(),
        title: format!(
            "Anmeldelser i partnerskabsområdet mod baseline, til og med {}",
            report.crime_year()
        ),
        panels,
        legend,
        notes,
        table: DataTable {
            caption: "Tal bag figuren: anmeldelser i partnerskabsområdet".into(),
            head,
            rows: table_rows,
        },
    }
}

fn hidden_swatch() -> String {
    r##"<svg xmlns="http://www.w3.org/2000/svg" class="swatch" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" focusable="false"><rect x="12" y="0" width="16" height="16" fill="#ececec" stroke="#767676" stroke-width="1" stroke-dasharray="3 2"/></svg>"##.to_owned()
}

#[allow(clippy::too_many_lines)] // data, range, axes, series, hidden years, baseline, words
fn crime_panel(id: &str, row: &CrimeRow, report: &StatusReport) -> String {
    let height = 280.0;
    let mut svg = Svg::new(WIDTH, height);
    let last = *report.crime_year();
    let first = row
        .series()
        .iter()
        .map(|p| *p.year())
        .min()
        .unwrap_or(last)
        .min(last);
    let points: Vec<(Year, Plotted)> = row
        .series()
        .iter()
        .map(|p| (*p.year(), plotted(row, p)))
        .collect();
    let baseline = crime_baseline(row, report);
    // Only shown values (and a shown baseline) set the range.
    let max = points
        .iter()
        .filter_map(|(_, p)| match p {
            Plotted::Value(v) => Some(*v),
            Plotted::Hidden(_) => None,
        })
        .chain(baseline.as_ref().map(|b| b.0))
        .fold(0.0_f64, f64::max);
    let any_shown = points.iter().any(|(_, p)| matches!(p, Plotted::Value(_)));
    // Without a shown value there is no scale to draw: the panel says so instead.
    let y_ticks = if any_shown || baseline.is_some() {
        ticks(
            0.0,
            (max * 1.3).max(if *row.per_1000() { 1.0 } else { 5.0 }),
            5,
        )
    } else {
        Vec::new()
    };
    let hi = y_ticks.last().copied().unwrap_or(1.0).max(max * 1.25);
    let frame = Frame {
        left: 58.0,
        top: 30.0,
        right: WIDTH - 14.0,
        bottom: height - 36.0,
        first,
        last,
        lo: 0.0,
        hi,
    };
    let whole = !*row.per_1000() || y_ticks.iter().all(|t| t.fract() == 0.0);
    frame.axes(&mut svg, &y_ticks, &|v| {
        let d = Decimal::try_from(v).unwrap_or_default();
        if whole {
            dk::number(d, 0)
        } else {
            dk::number(d, 1)
        }
    });
    // Years without a shown value: a band over the whole height, labelled with the published
    // word at the top (its position says nothing about the hidden number).
    let mut marked: Vec<(Year, String)> = points
        .iter()
        .filter_map(|(y, p)| match p {
            Plotted::Hidden(w) => Some((*y, w.clone())),
            Plotted::Value(_) => None,
        })
        .collect();
    if !row.series().iter().any(|p| *p.year() == last) {
        marked.push((last, "mangler".into()));
    }
    for (year, word) in &marked {
        let x = frame.x(*year);
        let w = (frame.year_width() * 0.7).min(70.0);
        svg.raw(&format!(
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ececec" stroke="#767676" stroke-width="1" stroke-dasharray="3 2"/>"##,
            x - w / 2.0,
            frame.top,
            w,
            frame.bottom - frame.top
        ));
        svg.text(
            x,
            frame.top - 8.0,
            MIN_FONT,
            Anchor::Middle,
            true,
            MUTED,
            word,
        );
    }
    if let Some((b, label)) = &baseline {
        let y = frame.y(*b);
        svg.line(
            (frame.left, y),
            (frame.right, y),
            BASELINE,
            2.0,
            Some("6 4"),
        );
        // Below the line at the left, clear of the value labels above the points; above it
        // when the line runs along the bottom.
        let ly = if y + 22.0 < frame.bottom - 4.0 {
            y + 20.0
        } else {
            y - 8.0
        };
        svg.label(
            frame.left + 6.0,
            ly,
            MIN_FONT,
            Anchor::Start,
            false,
            BASELINE,
            label,
        );
    }
    // The line joins consecutive shown years only: it breaks at a hidden or missing year.
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut prev: Option<Year> = None;
    let mut shown: Vec<(f64, f64, f64)> = Vec::new();
    for (year, p) in &points {
        match p {
            Plotted::Value(v) => {
                let pt = (frame.x(*year), frame.y(*v));
                if prev.is_some_and(|y| y.next() != Some(*year)) {
                    svg.polyline(&run, AREA, 3.0, None);
                    run.clear();
                }
                run.push(pt);
                shown.push((pt.0, pt.1, *v));
                prev = Some(*year);
            }
            Plotted::Hidden(_) => {
                svg.polyline(&run, AREA, 3.0, None);
                run.clear();
                prev = None;
            }
        }
    }
    svg.polyline(&run, AREA, 3.0, None);
    if !any_shown {
        let text = if row.series().is_empty() {
            format!("Ingen tal for {last}")
        } else {
            "Ingen tal, der kan vises".to_owned()
        };
        svg.text(
            f64::midpoint(frame.left, frame.right),
            f64::midpoint(frame.top, frame.bottom) + 6.0,
            MIN_FONT,
            Anchor::Middle,
            false,
            MUTED,
            &text,
        );
    }
    for (x, y, v) in &shown {
        svg.marker(Marker::Circle, *x, *y, 5.5, AREA);
        svg.label(
            *x,
            *y - 12.0,
            MIN_FONT,
            Anchor::Middle,
            true,
            AREA,
            &plotted_text(row, *v),
        );
    }
    // In words.
    let mut words: Vec<String> = points
        .iter()
        .map(|(y, p)| match p {
            Plotted::Value(v) => format!("{y}: {}", plotted_text(row, *v)),
            Plotted::Hidden(w) => format!("{y}: {w} (ikke vist)"),
        })
        .collect();
    if !row.series().iter().any(|p| *p.year() == last) {
        words.push(format!("{last}: mangler"));
    }
    let mut desc = format!(
        "{} i partnerskabsområdet, {first}–{last}. {}.",
        crime_heading(row),
        words.join("; ")
    );
    match &baseline {
        Some((b, label)) => {
            let _ = write!(desc, " Stiplet linje: {label}, {}.", plotted_text(row, *b));
        }
        None => desc.push_str(" Ingen baseline vist."),
    }
    let title = format!(
        "{} i partnerskabsområdet, {first}–{last}",
        crime_heading(row)
    );
    svg.finish(id, &title, &desc)
}

// ---------------------------------------------------------------------------------------
// (c) The map.

/// The embedded city layer in EPSG:25832, transformed once per process.
fn city_layer() -> Option<&'static Layer<Utm32>> {
    static CITY: std::sync::OnceLock<Option<Layer<Utm32>>> = std::sync::OnceLock::new();
    CITY.get_or_init(|| Layer::<Utm32>::city_utm32().ok())
        .as_ref()
}

type Bbox = (f64, f64, f64, f64);

fn bbox(g: &geo_types::MultiPolygon<f64>) -> Option<Bbox> {
    let mut b: Option<Bbox> = None;
    for p in &g.0 {
        for c in &p.exterior().0 {
            b = Some(match b {
                None => (c.x, c.y, c.x, c.y),
                Some((a, bb, cc, d)) => (a.min(c.x), bb.min(c.y), cc.max(c.x), d.max(c.y)),
            });
        }
    }
    b.filter(|(a, b, c, d)| c > a && d > b)
}

/// Facts about the map for the page: the neighbours drawn, for the notes and the table.
#[derive(Debug, Clone, Default)]
struct MapFacts {
    neighbours: Vec<(String, String, f64)>,
    scale_m: f64,
}

/// The map figure: the outline, neighbouring udsatte byområder for context (no network),
/// estates with known outlines, north arrow and scale bar; the credit and what the outline
/// is go in the notes.
#[allow(clippy::too_many_lines)] // map, legend, notes, table
pub(crate) fn map_figure(report: &StatusReport, area: Option<&PartnershipArea>) -> ChartFigure {
    let (svg, facts) = if let Some(a) = area {
        draw_map(report, a)
    } else {
        let mut s = Svg::new(WIDTH, 120.0);
        s.text(
            WIDTH / 2.0,
            66.0,
            MIN_FONT,
            Anchor::Middle,
            false,
            MUTED,
            "Intet kort: områdets afgrænsning er ikke kendt.",
        );
        (
            s.finish(
                "chart-map",
                "Intet kort",
                "Områdets afgrænsning er ikke kendt.",
            ),
            MapFacts::default(),
        )
    };
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    let mut legend = Vec::new();
    if let (Some(a), Some(section)) = (area, report.area()) {
        legend.push(LegendItem {
            swatch: fill_swatch("#cfe3f6", "#003b73", 2.5),
            text: format!(
                "Partnerskabsområdet (afgrænsningen \"{}\")",
                a.area().name()
            ),
        });
        if !facts.neighbours.is_empty() {
            legend.push(LegendItem {
                swatch: fill_swatch("#ececec", "#767676", 1.0),
                text: "Andre udsatte byområder i Københavns Kommunes kortlag".into(),
            });
        }
        if section.estates().iter().any(|e| *e.outline_known()) {
            legend.push(LegendItem {
                swatch: fill_swatch("#f3d9bf", "#a85400", 2.0),
                text: "Afdeling med kendt afgrænsning".into(),
            });
        }
        notes.push(section.outline_note().to_owned());
        let unknown: Vec<&str> = section
            .estates()
            .iter()
            .filter(|e| !*e.outline_known())
            .map(crate::model::EstateRow::name)
            .collect();
        if !unknown.is_empty() {
            notes.push(format!(
                "Afgrænsningen af {} er ikke kendt og er ikke tegnet.",
                join_and(&unknown)
            ));
        }
        notes.push(format!(
            "EPSG:25832 (ETRS89 / UTM 32N), nord opad, målestoksforholdet vist med målestokken ({} m). {}",
            dk::int(whole_m(facts.scale_m)),
            section.credit()
        ));
        // The neighbours come from the city layer, whose licence asks for its credit.
        if !facts.neighbours.is_empty() && a.credit() != Some(tryghed_geography::DATA_CREDIT) {
            notes.push(tryghed_geography::DATA_CREDIT_DA.to_owned());
        }
        rows.push(vec![
            a.area().name().to_owned(),
            "partnerskabsområdet".to_owned(),
            format!("{} m²", dk::int(*section.area_m2())),
        ]);
        for (name, group, m2) in &facts.neighbours {
            rows.push(vec![
                name.clone(),
                format!("andet udsat byområde ({group})"),
                format!("{} m²", dk::int(whole_m(*m2))),
            ]);
        }
    }
    ChartFigure {
        id: "fig-map".into(),
        title: report.area().as_ref().map_or_else(
            || "Intet kort".to_owned(),
            |s| {
                format!(
                    "Kort: partnerskabsområdet, afgrænsningen \"{}\" ({} m²)",
                    s.name(),
                    dk::int(*s.area_m2())
                )
            },
        ),
        panels: vec![ChartPanel {
            heading: String::new(),
            svg,
        }],
        legend,
        notes,
        table: DataTable {
            caption: "Områderne på kortet".into(),
            head: vec!["Område".into(), "Hvad".into(), "Areal".into()],
            rows,
        },
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole_m(v: f64) -> u64 {
    if v.is_finite() && v > 0.0 {
        v.round() as u64
    } else {
        0
    }
}

fn fill_swatch(fill: &str, stroke: &str, width: f64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="swatch" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" focusable="false"><rect x="6" y="2" width="28" height="12" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/></svg>"#
    )
}

/// "a", "a og b", "a, b og c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

#[allow(clippy::too_many_lines)] // extent, neighbours, area, estates, decorations, words
fn draw_map(report: &StatusReport, a: &PartnershipArea) -> (String, MapFacts) {
    let geometry = a.area().geometry();
    let Some((x0, y0, x1, y1)) = bbox(geometry) else {
        let mut s = Svg::new(WIDTH, 120.0);
        s.text(
            WIDTH / 2.0,
            66.0,
            MIN_FONT,
            Anchor::Middle,
            false,
            MUTED,
            "Områdets afgrænsning er tom.",
        );
        return (
            s.finish("chart-map", "Intet kort", "Områdets afgrænsning er tom."),
            MapFacts::default(),
        );
    };
    let width = WIDTH;
    let height = 440.0;
    // The extent: the outline with a margin of context around it, in the frame's proportions.
    let margin = ((x1 - x0).max(y1 - y0) * 0.35).max(300.0);
    let (mut ex0, mut ey0, mut ex1, mut ey1) = (x0 - margin, y0 - margin, x1 + margin, y1 + margin);
    let aspect = width / height;
    let (w_m, h_m) = (ex1 - ex0, ey1 - ey0);
    if w_m / h_m < aspect {
        let grow = (h_m * aspect - w_m) / 2.0;
        ex0 -= grow;
        ex1 += grow;
    } else {
        let grow = (w_m / aspect - h_m) / 2.0;
        ey0 -= grow;
        ey1 += grow;
    }
    let scale = width / (ex1 - ex0);
    // North up: northing grows upwards, rows grow downwards.
    let px = |x: f64, y: f64| ((x - ex0) * scale, (ey1 - y) * scale);
    let rings = |g: &geo_types::MultiPolygon<f64>| -> Vec<Vec<(f64, f64)>> {
        g.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|r| r.0.iter().map(|c| px(c.x, c.y)).collect())
            .collect()
    };
    let mut svg = Svg::new(width, height);
    // The SVG clips what lies outside its view box (inline SVG has `overflow: hidden`).
    svg.rect(0.0, 0.0, width, height, "#fbfbfb", None);
    // Context: the other udsatte byområder of the embedded city layer inside the extent.
    let mut facts = MapFacts::default();
    let mut labels: Vec<(f64, f64, String)> = Vec::new();
    if let Some(city) = city_layer() {
        for other in city.areas() {
            let Some((ox0, oy0, ox1, oy1)) = bbox(other.geometry()) else {
                continue;
            };
            if ox1 < ex0 || ox0 > ex1 || oy1 < ey0 || oy0 > ey1 {
                continue;
            }
            // The partnership area's own feature is drawn as the partnership area.
            let same = other.name() == a.area().name()
                && (other.area_m2() - a.area().area_m2()).abs() < 0.01 * a.area().area_m2();
            if same {
                continue;
            }
            svg.rings(&rings(other.geometry()), "#ececec", Some(("#767676", 1.0)));
            let group = other
                .properties()
                .get("byomraade")
                .and_then(|v| v.as_str())
                .unwrap_or("udsat byområde")
                .to_owned();
            if !facts.neighbours.iter().any(|(n, _, _)| n == other.name()) {
                facts
                    .neighbours
                    .push((other.name().to_owned(), group, other.area_m2()));
            }
            // Label the visible part of its box, when there is room.
            let (vx0, vy0, vx1, vy1) = (ox0.max(ex0), oy0.max(ey0), ox1.min(ex1), oy1.min(ey1));
            let (lx, ly) = px(f64::midpoint(vx0, vx1), f64::midpoint(vy0, vy1));
            if (vx1 - vx0) * scale > 60.0 && (vy1 - vy0) * scale > 30.0 {
                labels.push((lx, ly, other.name().to_owned()));
            }
        }
    }
    svg.rings(&rings(geometry), "#cfe3f6", Some(("#003b73", 2.5)));
    let estate_colours = ["#a85400", "#00775a", "#6e3fa3", "#b00020"];
    let mut estate_labels = Vec::new();
    for (i, estate) in a.estates().iter().enumerate() {
        let Some(b) = estate.boundary() else { continue };
        let c = estate_colours
            .get(i % estate_colours.len())
            .copied()
            .unwrap_or(AREA);
        svg.rings(&rings(b), "#f3d9bf", Some((c, 2.0)));
        if let Some((bx0, by0, bx1, by1)) = bbox(b) {
            let (lx, ly) = px(f64::midpoint(bx0, bx1), f64::midpoint(by0, by1));
            estate_labels.push((lx, ly, estate.name().to_owned()));
        }
    }
    for (x, y, name) in &labels {
        let lx = x.clamp(70.0, width - 70.0);
        let ly = y.clamp(40.0, height - 60.0);
        svg.label(lx, ly, MIN_FONT, Anchor::Middle, false, MUTED, name);
    }
    for (x, y, name) in &estate_labels {
        svg.label(*x, *y, MIN_FONT, Anchor::Middle, false, INK, name);
    }
    let (cx, cy) = px(f64::midpoint(x0, x1), f64::midpoint(y0, y1));
    if estate_labels.is_empty() {
        svg.label(
            cx,
            cy + 6.0,
            18.0,
            Anchor::Middle,
            true,
            "#003b73",
            a.area().name(),
        );
    }
    // The district, top left.
    if let Some(d) = report.district() {
        svg.label(
            12.0,
            28.0,
            18.0,
            Anchor::Start,
            true,
            INK,
            &format!("Bydel: {d}"),
        );
    }
    // North arrow, top right.
    let (nx, ny) = (width - 30.0, 16.0);
    svg.polygon(
        &[
            (nx, ny),
            (nx - 11.0, ny + 30.0),
            (nx, ny + 23.0),
            (nx + 11.0, ny + 30.0),
        ],
        INK,
    );
    svg.label(nx, ny + 50.0, 18.0, Anchor::Middle, true, INK, "N");
    // Scale bar, bottom left: a round length about a quarter of the map's width.
    let target = (ex1 - ex0) / 4.0;
    let length = [50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0]
        .into_iter()
        .rfind(|l| *l <= target)
        .unwrap_or(50.0);
    facts.scale_m = length;
    let bar = length * scale;
    let (bx, by) = (14.0, height - 18.0);
    svg.rect(bx - 6.0, by - 36.0, bar + 56.0, 46.0, "#ffffff", None);
    svg.rect(bx, by, bar / 2.0, 8.0, INK, None);
    svg.rect(
        bx + bar / 2.0,
        by,
        bar / 2.0,
        8.0,
        "#ffffff",
        Some((INK, 1.5)),
    );
    svg.text(bx, by - 8.0, MIN_FONT, Anchor::Start, false, INK, "0");
    svg.text(
        bx + bar,
        by - 8.0,
        MIN_FONT,
        Anchor::Middle,
        false,
        INK,
        &format!("{} m", dk::int(whole_m(length))),
    );
    // Credit, bottom right (the full credit is below the map), when the map shows data of
    // the embedded city layer (a delområde, or the neighbours).
    if a.credit() == Some(tryghed_geography::DATA_CREDIT) || !facts.neighbours.is_empty() {
        svg.label(
            width - 8.0,
            height - 10.0,
            MIN_FONT,
            Anchor::End,
            false,
            MUTED,
            "© Københavns Kommune, CC BY 4.0",
        );
    }
    let neighbours: Vec<&str> = facts
        .neighbours
        .iter()
        .map(|(n, _, _)| n.as_str())
        .collect();
    let mut desc = format!(
        "Kort over partnerskabsområdet, afgrænsningen \"{}\" ({} m²){}, nord opad, med en målestok på {} m.",
        a.area().name(),
        dk::int(whole_m(a.area().area_m2())),
        report
            .district()
            .as_ref()
            .map_or_else(String::new, |d| format!(" i {d}")),
        dk::int(whole_m(length))
    );
    if !neighbours.is_empty() {
        let _ = write!(
            desc,
            " Andre udsatte byområder i kortudsnittet: {}.",
            join_and(&neighbours)
        );
    }
    let known: Vec<&str> = estate_labels.iter().map(|(_, _, n)| n.as_str()).collect();
    if known.is_empty() {
        desc.push_str(" Afdelingernes afgrænsninger er ikke kendt og er ikke tegnet.");
    } else {
        let _ = write!(
            desc,
            " Afdelinger tegnet med deres afgrænsning: {}.",
            join_and(&known)
        );
    }
    let title = format!("Kort over partnerskabsområdet {}", a.area().name());
    (svg.finish("chart-map", &title, &desc), facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_year_sits_in_the_middle_of_the_axis() {
        let y2025 = Year::new(2025).unwrap();
        let frame = Frame {
            left: 0.0,
            top: 0.0,
            right: 100.0,
            bottom: 100.0,
            first: y2025,
            last: y2025,
            lo: 0.0,
            hi: 10.0,
        };
        assert!((frame.x(y2025) - 50.0).abs() < 1e-9);
        let y2026 = Year::new(2026).unwrap();
        let two = Frame {
            last: y2026,
            ..frame
        };
        assert!((two.x(y2025) - 25.0).abs() < 1e-9 && (two.x(y2026) - 75.0).abs() < 1e-9);
    }

    #[test]
    fn padded_ranges_are_round_and_bounded() {
        assert_eq!(padded(77.0, 88.0, 3.0, 5.0, 0.0, 100.0), (70.0, 95.0));
        assert_eq!(padded(97.0, 99.0, 3.0, 5.0, 0.0, 100.0), (90.0, 100.0));
        assert_eq!(padded(50.0, 50.0, 0.0, 5.0, 0.0, 100.0), (50.0, 60.0));
    }
}
