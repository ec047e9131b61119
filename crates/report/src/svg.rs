//! A small SVG writer for the report's charts and map: shapes and text in user units, every
//! text at a font size in user units, escaped, and the root element with `role="img"`, a
//! `<title>` and a `<desc>` (what the chart shows, with its values in words).
//!
//! The charts are written by hand rather than through a plotting library so that every text
//! has a known size (the phone test requires 11 px on a 360 px screen), the legends can live
//! in the HTML, and the output stays small and stable.

use std::fmt::Write as _;

/// Text anchoring along the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A marker shape: the series of a chart differ by shape and line style, not by colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// The smallest font size used in any chart, in user units. With charts [`WIDTH`] units wide
/// shown at least 336 px wide (a 360 px phone less the page's padding), text is at least
/// `16 × 336 / 460 ≈ 11,7 px`.
pub(crate) const MIN_FONT: f64 = 16.0;
/// The width of every chart and of the map, in user units.
pub(crate) const WIDTH: f64 = 460.0;

/// Escapes text for SVG (XML) content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, `-0` written `0`.
fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_owned()
    } else if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// An SVG document being written.
#[derive(Debug)]
pub(crate) struct Svg {
    width: f64,
    height: f64,
    body: String,
}

impl Svg {
    pub(crate) fn new(width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            body: String::new(),
        }
    }

    /// Raw markup (already escaped).
    pub(crate) fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    pub(crate) fn line(
        &mut self,
        from: (f64, f64),
        to: (f64, f64),
        stroke: &str,
        width: f64,
        dash: Option<&str>,
    ) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"{}/>"#,
            n(from.0),
            n(from.1),
            n(to.0),
            n(to.1),
            n(width),
            dash_attr(dash)
        );
    }

    pub(crate) fn polyline(
        &mut self,
        points: &[(f64, f64)],
        stroke: &str,
        width: f64,
        dash: Option<&str>,
    ) {
        if points.len() < 2 {
            return;
        }
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = write!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round"{}/>"#,
            pts.join(" "),
            n(width),
            dash_attr(dash)
        );
    }

    pub(crate) fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &str,
        stroke: Option<(&str, f64)>,
    ) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"{}/>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0)),
            stroke_attr(stroke)
        );
    }

    /// A closed path of rings (`M … Z` per ring), filled with the even-odd rule so that holes
    /// stay open.
    pub(crate) fn rings(
        &mut self,
        rings: &[Vec<(f64, f64)>],
        fill: &str,
        stroke: Option<(&str, f64)>,
    ) {
        let mut d = String::new();
        for ring in rings {
            for (i, (x, y)) in ring.iter().enumerate() {
                d.push(if i == 0 { 'M' } else { 'L' });
                d.push_str(&n(*x));
                d.push(',');
                d.push_str(&n(*y));
            }
            d.push('Z');
        }
        if d.is_empty() {
            return;
        }
        let _ = write!(
            self.body,
            r#"<path d="{d}" fill="{fill}" fill-rule="evenodd" stroke-linejoin="round"{}/>"#,
            stroke_attr(stroke)
        );
    }

    pub(crate) fn polygon(&mut self, points: &[(f64, f64)], fill: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = write!(
            self.body,
            r#"<polygon points="{}" fill="{fill}"/>"#,
            pts.join(" ")
        );
    }

    /// Text at `(x, y)` (the baseline), `size` user units, optionally bold.
    #[allow(clippy::too_many_arguments)] // position, size, anchor, weight, colour, text
    pub(crate) fn text(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        anchor: Anchor,
        bold: bool,
        fill: &str,
        text: &str,
    ) {
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}"{} fill="{fill}">{}</text>"#,
            n(x),
            n(y),
            n(size.max(MIN_FONT)),
            anchor.as_str(),
            if bold { r#" font-weight="bold""# } else { "" },
            esc(text)
        );
    }

    /// Text with a white halo, readable over lines and fills.
    #[allow(clippy::too_many_arguments)] // position, size, anchor, weight, colour, text
    pub(crate) fn label(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        anchor: Anchor,
        bold: bool,
        fill: &str,
        text: &str,
    ) {
        let _ = write!(
            self.body,
            r##"<text x="{}" y="{}" font-size="{}" text-anchor="{}"{} fill="{fill}" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            n(x),
            n(y),
            n(size.max(MIN_FONT)),
            anchor.as_str(),
            if bold { r#" font-weight="bold""# } else { "" },
            esc(text)
        );
    }

    /// A marker of `shape` centred on `(x, y)` with "radius" `r`, filled with `colour` and
    /// outlined in white so that overlapping markers stay apart.
    pub(crate) fn marker(&mut self, shape: Marker, x: f64, y: f64, r: f64, colour: &str) {
        let outline = r##" stroke="#fff" stroke-width="1.5""##;
        let _ = match shape {
            Marker::Circle => write!(
                self.body,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{colour}"{outline}/>"#,
                n(x),
                n(y),
                n(r)
            ),
            Marker::Square => write!(
                self.body,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{colour}"{outline}/>"#,
                n(x - r * 0.9),
                n(y - r * 0.9),
                n(r * 1.8),
                n(r * 1.8)
            ),
            Marker::Triangle => write!(
                self.body,
                r#"<polygon points="{},{} {},{} {},{}" fill="{colour}"{outline}/>"#,
                n(x),
                n(y - r * 1.15),
                n(x - r * 1.1),
                n(y + r * 0.8),
                n(x + r * 1.1),
                n(y + r * 0.8)
            ),
            Marker::Diamond => write!(
                self.body,
                r#"<polygon points="{},{} {},{} {},{} {},{}" fill="{colour}"{outline}/>"#,
                n(x),
                n(y - r * 1.2),
                n(x + r * 1.2),
                n(y),
                n(x),
                n(y + r * 1.2),
                n(x - r * 1.2),
                n(y)
            ),
        };
    }

    /// The finished document: `role="img"`, named by its `<title>` and described by its
    /// `<desc>`; it scales to its container (CSS) in the proportions of its viewBox.
    pub(crate) fn finish(self, id: &str, title: &str, desc: &str) -> String {
        let id = esc(id);
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{}</svg>"#,
            esc(title),
            esc(desc),
            self.body,
            w = n(self.width),
            h = n(self.height),
        )
    }
}

fn dash_attr(dash: Option<&str>) -> String {
    dash.map_or_else(String::new, |d| format!(r#" stroke-dasharray="{d}""#))
}

fn stroke_attr(stroke: Option<(&str, f64)>) -> String {
    stroke.map_or_else(String::new, |(c, w)| {
        format!(r#" stroke="{c}" stroke-width="{}""#, n(w))
    })
}

/// A small legend swatch (a line segment in the series' style with its marker), for the
/// HTML legend beside a chart. Decorative: the legend's text says what it is.
pub(crate) fn swatch(
    colour: &str,
    width: f64,
    dash: Option<&str>,
    marker: Option<Marker>,
) -> String {
    let mut s = Svg::new(40.0, 16.0);
    s.line((2.0, 8.0), (38.0, 8.0), colour, width, dash);
    if let Some(m) = marker {
        s.marker(m, 20.0, 8.0, 5.0, colour);
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="swatch" viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" focusable="false">{}</svg>"#,
        s.body
    )
}

/// "Nice" ticks from `lo` to `hi`: steps of 1, 2, 2,5 or 5 × 10ⁿ, at most `max` ticks.
pub(crate) fn ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || max < 2 {
        return vec![lo];
    }
    let span = hi - lo;
    #[allow(clippy::cast_precision_loss)] // a handful of ticks
    let raw = span / (max - 1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| {
            #[allow(clippy::cast_precision_loss)] // a handful of ticks
            let most = (max - 1) as f64;
            span / s <= most + 1e-9
        })
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() * step;
    let mut out = Vec::new();
    let mut k = 0.0;
    while first + k * step <= hi + step * 1e-9 && out.len() <= max {
        out.push(first + k * step);
        k += 1.0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_never_below_the_minimum_size() {
        let mut s = Svg::new(100.0, 50.0);
        s.text(1.0, 2.0, 9.0, Anchor::Start, false, "#000", "a < b & \"c\"");
        let out = s.finish("x", "T <1>", "D & e");
        assert!(out.contains(r#"font-size="16""#), "{out}");
        assert!(out.contains("a &lt; b &amp; &quot;c&quot;"), "{out}");
        assert!(out.contains(
            r#"<title id="x-title">T &lt;1&gt;</title><desc id="x-desc">D &amp; e</desc>"#
        ));
        assert!(out.contains(r#"role="img" aria-labelledby="x-title" aria-describedby="x-desc""#));
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 100.0, 6),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(ticks(60.0, 95.0, 6), vec![60.0, 70.0, 80.0, 90.0]);
        assert_eq!(ticks(0.0, 17.0, 5), vec![0.0, 5.0, 10.0, 15.0]);
        assert_eq!(ticks(3.0, 3.0, 5), vec![3.0]);
        assert!(ticks(0.0, 1.0e9, 6).len() <= 7);
    }

    #[test]
    fn coordinates_have_one_decimal() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.25), "1.3");
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(f64::NAN), "0");
    }
}
