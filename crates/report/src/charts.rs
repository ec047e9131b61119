//! The three inline SVG charts of the HTML page, drawn with plotters' SVG backend (no font
//! files needed): the survey shares with the guide line, crime against the baseline, and the
//! map of the area.

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;
use tryghed_geography::PartnershipArea;

use crate::ReportError;
use crate::fmt as dk;
use crate::model::{BaselineCell, CrimeRow, Figure, StatusReport, SurveySeries};

const FONT: &str = "sans-serif";
const AREA_COLOUR: RGBColor = RGBColor(0, 94, 184);
const VALBY_COLOUR: RGBColor = RGBColor(230, 120, 0);
const CPH_COLOUR: RGBColor = RGBColor(90, 90, 90);
const OTHER_COLOUR: RGBColor = RGBColor(0, 140, 70);
const TRAJ_COLOUR: RGBColor = RGBColor(0, 94, 184);
/// The guide line's label: it is not the agreement's target.
const GUIDE_LABEL: &str = "Jævn fremskrivning til københavnerniveau, ikke aftalens mål";

fn err(chart: &'static str) -> impl Fn(String) -> ReportError {
    move |message| ReportError::Chart { chart, message }
}

fn colour(area: &str) -> RGBColor {
    match area {
        "omraade" => AREA_COLOUR,
        "valby" => VALBY_COLOUR,
        "kobenhavn" => CPH_COLOUR,
        _ => OTHER_COLOUR,
    }
}

/// A non-negative whole number in Danish form (`1.234`), for axis labels and lengths.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole(v: f64) -> String {
    // Rounded, clamped at zero and finite: the cast is exact for the sizes drawn here.
    let v = if v.is_finite() {
        v.round().max(0.0)
    } else {
        0.0
    };
    dk::int(v as u64)
}

fn pct(d: rust_decimal::Decimal) -> f64 {
    (d * rust_decimal::Decimal::ONE_HUNDRED)
        .to_f64()
        .unwrap_or(0.0)
}

/// Makes the SVG scale to its container: `width`/`height` become a max-width style, the
/// viewBox keeps the proportions. Adds a `role` and a title for screen readers.
fn responsive(svg: &str, id: &str, title: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::with_capacity(svg.len() + 200);
    if let Some(start) = svg.find("<svg") {
        let head_end = svg[start..].find('>').map_or(svg.len(), |e| start + e);
        let head = &svg[start..head_end];
        let mut new_head = String::from("<svg");
        for attr in split_attrs(head.trim_start_matches("<svg")) {
            if attr.starts_with("width=") {
                let w = attr.trim_start_matches("width=").trim_matches('"');
                let _ = write!(
                    new_head,
                    " style=\"width:100%;max-width:{w}px;height:auto\""
                );
            } else if !attr.starts_with("height=") {
                new_head.push(' ');
                new_head.push_str(attr);
            }
        }
        let _ = write!(
            new_head,
            " id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\""
        );
        out.push_str(&svg[..start]);
        out.push_str(&new_head);
        out.push('>');
        let _ = write!(out, "<title id=\"{id}-title\">{title}</title>");
        out.push_str(svg.get(head_end + 1..).unwrap_or(""));
    } else {
        out.push_str(svg);
    }
    out
}

/// Splits `a="x" b="y z"` into attributes.
fn split_attrs(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match (c, start, quoted) {
            ('"', _, q) => quoted = !q,
            (c, Some(b), false) if c.is_whitespace() => {
                out.push(s.get(b..i).unwrap_or(""));
                start = None;
            }
            (c, None, _) if !c.is_whitespace() => start = Some(i),
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push(s.get(b..).unwrap_or(""));
    }
    out
}

/// (a) The share of safe residents over the years, one panel per survey indicator, with
/// Valby and København and, labelled as such, the guide line (a steady line to København's
/// level, which is not the agreement's target).
pub(crate) fn survey_chart(report: &StatusReport) -> Result<String, ReportError> {
    let e = err("survey");
    let series = report.survey();
    let panels = series.len().max(1);
    let width = 1000u32;
    let height = 420u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|x| e(x.to_string()))?;
        let root = root
            .titled(
                "Andel trygge borgere (Tryghedsundersøgelsen)",
                (FONT, 22).into_font().style(FontStyle::Bold),
            )
            .map_err(|x| e(x.to_string()))?;
        if series.is_empty() {
            note(&root, "Ingen tal fra Tryghedsundersøgelsen.").map_err(&e)?;
        } else {
            #[allow(clippy::cast_possible_truncation)]
            let parts = root.split_evenly((1, panels));
            for (area, s) in parts.iter().zip(series) {
                survey_panel(area, s, report).map_err(&e)?;
            }
        }
        root.present().map_err(|x| e(x.to_string()))?;
    }
    Ok(responsive(
        &svg,
        "chart-survey",
        "Andel trygge borgere over årene sammenlignet med Valby og København, med en stiplet jævn fremskrivning til københavnerniveau, som ikke er aftalens mål",
    ))
}

fn note<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, text: &str) -> Result<(), String> {
    let (w, h) = area.dim_in_pixel();
    #[allow(clippy::cast_possible_wrap)]
    let (w, h) = (w as i32, h as i32);
    area.draw(&Rectangle::new(
        [(10, 10), (w - 10, h - 10)],
        ShapeStyle::from(&RGBColor(180, 180, 180)).stroke_width(1),
    ))
    .map_err(|x| x.to_string())?;
    let style = TextStyle::from((FONT, 16).into_font())
        .color(&RGBColor(60, 60, 60))
        .pos(Pos::new(HPos::Center, VPos::Center));
    let lines: Vec<&str> = text.split('\n').collect();
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    let n = lines.len() as i32;
    for (i, line) in (0..).zip(lines) {
        area.draw(&Text::new(
            line.to_owned(),
            (w / 2, h / 2 + (i - (n - 1) / 2) * 22),
            style.clone(),
        ))
        .map_err(|x| x.to_string())?;
    }
    Ok(())
}

fn survey_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &SurveySeries,
    report: &StatusReport,
) -> Result<(), String> {
    let mut first = i32::from(*report.year());
    let mut last = i32::from(*report.year());
    for a in s.areas() {
        for p in a.points() {
            first = first.min(i32::from(*p.year()));
            last = last.max(i32::from(*p.year()));
        }
    }
    if let Some(t) = s.guide() {
        first = first.min(i32::from(*t.from().year()));
        last = last.max(i32::from(*t.to().year()));
    }
    let mut chart = ChartBuilder::on(area)
        .caption(s.name(), (FONT, 17))
        .margin(12)
        .x_label_area_size(45)
        .y_label_area_size(60)
        .build_cartesian_2d(first..last, 50f64..100f64)
        .map_err(|x| x.to_string())?;
    #[allow(clippy::cast_sign_loss)]
    let years = (last - first + 1) as usize;
    chart
        .configure_mesh()
        .x_labels(years)
        .y_labels(6)
        .x_desc("År")
        .y_desc("Andel trygge (%)")
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|v| format!("{v:.0} %"))
        .axis_desc_style((FONT, 15))
        .label_style((FONT, 14))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|x| x.to_string())?;
    for a in s.areas() {
        let c = colour(a.area());
        let pts: Vec<(i32, f64)> = a
            .points()
            .iter()
            .map(|p| (i32::from(*p.year()), pct(*p.fraction())))
            .collect();
        // Valby is drawn wide and København narrow on top of it, so that when the two have
        // the same share (88 % in 2025) Valby still shows as a band around København's line.
        let (width, radius) = match a.area() {
            "omraade" => (3, 5),
            "valby" => (6, 8),
            _ => (2, 4),
        };
        chart
            .draw_series(LineSeries::new(pts.clone(), c.stroke_width(width)))
            .map_err(|x| x.to_string())?
            .label(a.area_name().to_owned())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], c.stroke_width(3)));
        chart
            .draw_series(pts.iter().map(|p| Circle::new(*p, radius, c.filled())))
            .map_err(|x| x.to_string())?;
    }
    if let Some(t) = s.guide() {
        let line = vec![
            (i32::from(*t.from().year()), pct(*t.from().fraction())),
            (i32::from(*t.to().year()), pct(*t.to().fraction())),
        ];
        chart
            .draw_series(DashedLineSeries::new(
                line,
                8,
                6,
                TRAJ_COLOUR.mix(0.7).stroke_width(2),
            ))
            .map_err(|x| x.to_string())?
            .label(GUIDE_LABEL)
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 8, y)], TRAJ_COLOUR.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(160, 160, 160))
        .label_font((FONT, 14))
        .draw()
        .map_err(|x| x.to_string())?;
    Ok(())
}

/// (b) Crime against the baseline: one small panel per category with a target. Suppressed
/// counts are not drawn; a pending baseline is said in the panel.
pub(crate) fn crime_chart(report: &StatusReport) -> Result<String, ReportError> {
    let e = err("crime");
    let rows: Vec<&CrimeRow> = report
        .crime()
        .iter()
        .filter(|c| !*c.monitored_only())
        .collect();
    let thr = report.options().suppression_threshold();
    let width = 1000u32;
    let height = 640u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|x| e(x.to_string()))?;
        let root = root
            .titled(
                &format!(
                    "Anmeldelser i partnerskabsområdet mod baseline (kalenderår, til og med {})",
                    report.crime_year()
                ),
                (FONT, 20).into_font().style(FontStyle::Bold),
            )
            .map_err(|x| e(x.to_string()))?;
        if rows.is_empty() {
            note(&root, "Ingen kriminalitetsmål.").map_err(&e)?;
        } else {
            let (body, foot) = root.split_vertically(height - 70);
            let cols = 2usize;
            let rows_n = rows.len().div_ceil(cols);
            let parts = body.split_evenly((rows_n, cols));
            for (area, row) in parts.iter().zip(&rows) {
                crime_panel(area, row, report).map_err(&e)?;
            }
            let footer = format!(
                "Antal under {thr} og skjulte antal vises ikke (diskretionering). Prikket linje: baseline. Kilde: Københavns Politi."
            );
            foot.draw(&Text::new(
                footer,
                (20, 25),
                TextStyle::from((FONT, 14).into_font()).color(&RGBColor(60, 60, 60)),
            ))
            .map_err(|x| e(x.to_string()))?;
        }
        root.present().map_err(|x| e(x.to_string()))?;
    }
    Ok(responsive(
        &svg,
        "chart-crime",
        "Anmeldelser per år i partnerskabsområdet sammenlignet med baseline 2025",
    ))
}

#[allow(clippy::too_many_lines)] // one panel: data, axes, series, baseline
fn crime_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    row: &CrimeRow,
    report: &StatusReport,
) -> Result<(), String> {
    // Only shown counts are drawn, and only they set the axis: a hidden count is neither a
    // point nor a bound of the range.
    // A rate row (straffelovskriminalitet) is drawn in its target's unit, per 1.000
    // indbyggere; the others as counts.
    let per_1000 = *row.per_1000();
    let shown: Vec<(i32, f64)> = row
        .series()
        .iter()
        .filter_map(|p| {
            #[allow(clippy::cast_precision_loss)]
            let v = if per_1000 {
                p.count().value()?;
                (*p.rate())?.to_f64()?
            } else {
                p.count().value()? as f64
            };
            Some((i32::from(*p.year()), v))
        })
        .collect();
    let baseline = match row.baseline() {
        BaselineCell::Known {
            value: Some(Figure::Rate { count, rate, .. }),
            ..
        } if per_1000 => count.value().and(*rate).and_then(|r| r.to_f64()),
        BaselineCell::Known {
            value: Some(Figure::Number { value }),
            ..
        } if per_1000 => value.to_f64(),
        BaselineCell::Known {
            value: Some(Figure::Count { count } | Figure::Rate { count, .. }),
            ..
        } if !per_1000 => {
            #[allow(clippy::cast_precision_loss)]
            let v = count.value().map(|n| n as f64);
            v
        }
        _ => None,
    };
    let pending = matches!(row.baseline(), BaselineCell::Pending { .. });
    let title = if per_1000 {
        format!("{} (per 1.000 indbyggere)", row.name())
    } else {
        format!("{} (antal)", row.name())
    };
    if shown.is_empty() {
        let inner = area.titled(&title, (FONT, 16)).map_err(|x| x.to_string())?;
        let mut text = format!("Ingen tal for {} endnu.", report.crime_year());
        if row.series().iter().any(|p| p.count().is_hidden()) {
            "Kun tal under tærsklen – ikke vist.".clone_into(&mut text);
        }
        if pending {
            text.push_str("\nBaseline 2025 afventer.");
        }
        return note(&inner, &text);
    }
    let last = i32::from(*report.crime_year());
    let first = shown
        .iter()
        .map(|p| p.0)
        .min()
        .unwrap_or(last)
        .min(last - 1);
    let max = shown
        .iter()
        .map(|p| p.1)
        .chain(baseline)
        .fold(1.0_f64, f64::max)
        * 1.25;
    let caption = if pending {
        format!("{title} – baseline afventer")
    } else {
        title
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FONT, 16))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(first..last, 0f64..max)
        .map_err(|x| x.to_string())?;
    #[allow(clippy::cast_sign_loss)]
    let years = (last - first + 1) as usize;
    chart
        .configure_mesh()
        .x_labels(years)
        .y_labels(5)
        .x_desc("År")
        .y_desc(if per_1000 {
            "Per 1.000 indbyggere"
        } else {
            "Anmeldelser"
        })
        .x_label_formatter(&|y| y.to_string())
        .y_label_formatter(&|v| {
            if per_1000 {
                format!("{v:.0}")
            } else {
                whole(*v)
            }
        })
        .axis_desc_style((FONT, 14))
        .label_style((FONT, 13))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(|x| x.to_string())?;
    chart
        .draw_series(LineSeries::new(shown.clone(), AREA_COLOUR.stroke_width(3)))
        .map_err(|x| x.to_string())?;
    chart
        .draw_series(
            shown
                .iter()
                .map(|p| Circle::new(*p, 5, AREA_COLOUR.filled())),
        )
        .map_err(|x| x.to_string())?;
    if let Some(b) = baseline {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(first, b), (last, b)],
                4,
                4,
                RGBColor(200, 30, 30).stroke_width(2),
            ))
            .map_err(|x| x.to_string())?;
    }
    Ok(())
}

/// (c) The map of the partnership area in EPSG:25832 metres (true to scale, north up), with
/// the estates whose outlines are known, a scale bar, a north arrow and the data credit.
pub(crate) fn map_chart(area: Option<&PartnershipArea>) -> Result<String, ReportError> {
    let e = err("map");
    let width = 1000u32;
    let height = 760u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|x| e(x.to_string()))?;
        match area {
            None => note(&root, "Intet kort: områdets afgrænsning er ikke kendt.").map_err(&e)?,
            Some(a) => draw_map(&root, a, width, height).map_err(&e)?,
        }
        root.present().map_err(|x| e(x.to_string()))?;
    }
    let title = area.map_or_else(
        || "Intet kort".to_owned(),
        |a| format!("Kort over partnerskabsområdet {}", a.area().name()),
    );
    Ok(responsive(&svg, "chart-map", &title))
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_possible_wrap,
    clippy::too_many_lines,
    clippy::many_single_char_names
)]
fn draw_map<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: &PartnershipArea,
    width: u32,
    height: u32,
) -> Result<(), String> {
    let geometry = a.area().geometry();
    let coords: Vec<(f64, f64)> = geometry
        .0
        .iter()
        .flat_map(|p| p.exterior().0.iter().map(|c| (c.x, c.y)))
        .collect();
    let (min_x, max_x, min_y, max_y) = coords.iter().fold(
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
        |(a, b, c, d), (x, y)| (a.min(*x), b.max(*x), c.min(*y), d.max(*y)),
    );
    if coords.is_empty() || max_x <= min_x || max_y <= min_y {
        return note(root, "Områdets afgrænsning er tom.");
    }
    let top = 60.0;
    let bottom = 110.0;
    let side = 40.0;
    let w = f64::from(width);
    let h = f64::from(height);
    // One scale for both axes: metres map to pixels alike, so the map is true to scale.
    let scale = ((w - 2.0 * side) / (max_x - min_x)).min((h - top - bottom) / (max_y - min_y));
    let ox = side + ((w - 2.0 * side) - (max_x - min_x) * scale) / 2.0;
    let oy = top + ((h - top - bottom) - (max_y - min_y) * scale) / 2.0;
    // North up: northing grows upwards, pixel rows grow downwards.
    let px = |x: f64, y: f64| -> (i32, i32) {
        (
            (ox + (x - min_x) * scale).round() as i32,
            (oy + (max_y - y) * scale).round() as i32,
        )
    };
    let dark = RGBColor(0, 70, 140);
    root.draw(&Text::new(
        format!(
            "Partnerskabsområdet: {} ({} m²)",
            a.area().name(),
            whole(a.area().area_m2())
        ),
        (side as i32, 22),
        TextStyle::from((FONT, 20).into_font().style(FontStyle::Bold)),
    ))
    .map_err(|x| x.to_string())?;
    for polygon in &geometry.0 {
        let ring: Vec<(i32, i32)> = polygon.exterior().0.iter().map(|c| px(c.x, c.y)).collect();
        root.draw(&Polygon::new(
            ring.clone(),
            RGBColor(205, 225, 245).filled(),
        ))
        .map_err(|x| x.to_string())?;
        for hole in polygon.interiors() {
            let r: Vec<(i32, i32)> = hole.0.iter().map(|c| px(c.x, c.y)).collect();
            root.draw(&Polygon::new(r, WHITE.filled()))
                .map_err(|x| x.to_string())?;
        }
        root.draw(&PathElement::new(ring, dark.stroke_width(3)))
            .map_err(|x| x.to_string())?;
    }
    // Estates with known outlines.
    let estate_colours = [
        RGBColor(230, 120, 0),
        RGBColor(0, 140, 70),
        RGBColor(150, 60, 160),
        RGBColor(200, 30, 30),
    ];
    let mut known = 0usize;
    for (i, estate) in a.estates().iter().enumerate() {
        let Some(b) = estate.boundary() else { continue };
        known += 1;
        let c = estate_colours
            .get(i % estate_colours.len())
            .copied()
            .unwrap_or(dark);
        let mut sx = 0.0;
        let mut sy = 0.0;
        let mut n = 0.0;
        for polygon in &b.0 {
            let ring: Vec<(i32, i32)> = polygon.exterior().0.iter().map(|p| px(p.x, p.y)).collect();
            for p in &polygon.exterior().0 {
                sx += p.x;
                sy += p.y;
                n += 1.0;
            }
            root.draw(&Polygon::new(ring.clone(), c.mix(0.35).filled()))
                .map_err(|x| x.to_string())?;
            root.draw(&PathElement::new(ring, c.stroke_width(2)))
                .map_err(|x| x.to_string())?;
        }
        if n > 0.0 {
            root.draw(&Text::new(
                estate.name().to_owned(),
                px(sx / n, sy / n),
                TextStyle::from((FONT, 15).into_font()).pos(Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(|x| x.to_string())?;
        }
    }
    // North arrow, top right.
    let (nx, ny) = ((w - side - 20.0) as i32, 70);
    root.draw(&Polygon::new(
        vec![
            (nx, ny),
            (nx - 12, ny + 34),
            (nx, ny + 26),
            (nx + 12, ny + 34),
        ],
        RGBColor(40, 40, 40).filled(),
    ))
    .map_err(|x| x.to_string())?;
    root.draw(&Text::new(
        "N",
        (nx, ny + 50),
        TextStyle::from((FONT, 18).into_font().style(FontStyle::Bold))
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(|x| x.to_string())?;
    // Scale bar: a round length about a fifth of the map's width.
    let target = (max_x - min_x) / 5.0;
    let length = [50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0]
        .into_iter()
        .rfind(|l| *l <= target)
        .unwrap_or(50.0);
    let bar_px = (length * scale).round() as i32;
    let (bx, by) = (side as i32, (h - bottom + 35.0) as i32);
    root.draw(&Rectangle::new(
        [(bx, by), (bx + bar_px / 2, by + 8)],
        RGBColor(40, 40, 40).filled(),
    ))
    .map_err(|x| x.to_string())?;
    root.draw(&Rectangle::new(
        [(bx + bar_px / 2, by), (bx + bar_px, by + 8)],
        ShapeStyle::from(&RGBColor(40, 40, 40)).stroke_width(1),
    ))
    .map_err(|x| x.to_string())?;
    let small = TextStyle::from((FONT, 14).into_font()).color(&RGBColor(40, 40, 40));
    for (x, label) in [
        (bx, "0".to_owned()),
        (bx + bar_px, format!("{} m", whole(length))),
    ] {
        root.draw(&Text::new(
            label,
            (x, by - 8),
            small.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))
        .map_err(|x| x.to_string())?;
    }
    let estates_text = if a.estates().is_empty() {
        String::new()
    } else if known == 0 {
        let names: Vec<&str> = a
            .estates()
            .iter()
            .map(tryghed_geography::Estate::name)
            .collect();
        format!(
            "Afdelingernes afgrænsninger ({}) er ikke offentligt kendt og er ikke vist.",
            names.join(", ")
        )
    } else {
        format!("{known} afdelinger vist med deres afgrænsning.")
    };
    root.draw(&Text::new(
        format!("EPSG:25832 (ETRS89 / UTM 32N), nord opad. {estates_text}"),
        (bx, by + 34),
        small.clone(),
    ))
    .map_err(|x| x.to_string())?;
    root.draw(&Text::new(a.credit_da().to_owned(), (bx, by + 56), small))
        .map_err(|x| x.to_string())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_split_on_unquoted_spaces() {
        assert_eq!(
            split_attrs(r#" width="10" viewBox="0 0 1 2" xmlns="x""#),
            vec![r#"width="10""#, r#"viewBox="0 0 1 2""#, r#"xmlns="x""#]
        );
    }

    #[test]
    fn responsive_replaces_the_fixed_size() {
        let s = responsive(
            r#"<svg width="800" height="600" viewBox="0 0 800 600"><g/></svg>"#,
            "x",
            "T <1>",
        );
        assert!(s.starts_with(r#"<svg style="width:100%;max-width:800px;height:auto" viewBox="0 0 800 600" id="x""#), "{s}");
        assert!(
            s.contains("<title id=\"x-title\">T &lt;1&gt;</title><g/>"),
            "{s}"
        );
        assert!(!s.contains("height=\"600\""));
    }
}
