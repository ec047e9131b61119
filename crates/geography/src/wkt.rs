//! A small WKT reader for `MULTIPOLYGON` and `POLYGON`, enough for the embedded outline.
//! It returns errors with byte offsets and never panics.

use crate::GeoError;
use crate::geometry::RawPolygon;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn err(&self, message: impl Into<String>) -> GeoError {
        GeoError::Wkt {
            offset: self.pos,
            message: message.into(),
        }
    }

    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<(), GeoError> {
        if self.eat(c) {
            Ok(())
        } else {
            let found = self.rest().chars().next();
            Err(self.err(format!("expected {c:?}, found {found:?}")))
        }
    }

    fn keyword(&mut self) -> String {
        self.skip_ws();
        let rest = self.rest();
        let len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let word = rest.get(..len).unwrap_or("").to_ascii_uppercase();
        self.pos += len;
        word
    }

    fn number(&mut self) -> Result<f64, GeoError> {
        self.skip_ws();
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
            .unwrap_or(rest.len());
        let token = rest.get(..len).unwrap_or("");
        match token.parse::<f64>() {
            Ok(v) if v.is_finite() => {
                self.pos += len;
                Ok(v)
            }
            _ => Err(self.err(format!("expected a finite number, found {token:?}"))),
        }
    }

    fn ring(&mut self) -> Result<Vec<[f64; 2]>, GeoError> {
        self.expect('(')?;
        let mut ring = Vec::new();
        loop {
            let x = self.number()?;
            let y = self.number()?;
            ring.push([x, y]);
            if !self.eat(',') {
                break;
            }
        }
        self.expect(')')?;
        Ok(ring)
    }

    fn polygon(&mut self) -> Result<RawPolygon, GeoError> {
        self.expect('(')?;
        let mut rings = vec![self.ring()?];
        while self.eat(',') {
            rings.push(self.ring()?);
        }
        self.expect(')')?;
        Ok(rings)
    }
}

/// Parses `MULTIPOLYGON (((x y, …)), …)` or `POLYGON ((x y, …), …)` into raw polygons.
pub(crate) fn parse_polygonal(text: &str) -> Result<Vec<RawPolygon>, GeoError> {
    let mut p = Parser { text, pos: 0 };
    let kind = p.keyword();
    let polygons = match kind.as_str() {
        "MULTIPOLYGON" => {
            p.expect('(')?;
            let mut polys = vec![p.polygon()?];
            while p.eat(',') {
                polys.push(p.polygon()?);
            }
            p.expect(')')?;
            polys
        }
        "POLYGON" => vec![p.polygon()?],
        other => {
            return Err(GeoError::Wkt {
                offset: 0,
                message: format!("expected MULTIPOLYGON or POLYGON, found {other:?}"),
            });
        }
    };
    p.skip_ws();
    if p.rest().is_empty() {
        Ok(polygons)
    } else {
        Err(p.err("unexpected text after the geometry"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_multipolygon_and_polygon() {
        let mp = parse_polygonal(
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5), (1e0 2, -3.5 4)))",
        )
        .unwrap();
        assert_eq!(mp.len(), 2);
        assert_eq!(mp[1].len(), 2);
        assert_eq!(mp[1][1], vec![[1.0, 2.0], [-3.5, 4.0]]);
        let p = parse_polygonal(" polygon((0 0,1 0,1 1,0 0)) ").unwrap();
        assert_eq!(p[0][0].len(), 4);
    }

    #[test]
    fn errors_carry_offsets() {
        let e = parse_polygonal("MULTIPOLYGON (((0 0, 1 x").unwrap_err();
        assert!(
            matches!(
                &e,
                GeoError::Wkt { offset: 23, message } if message == "expected a finite number, found \"\""
            ),
            "{e:?}"
        );
        assert!(parse_polygonal("POINT (1 2)").is_err());
        assert!(parse_polygonal("POLYGON ((0 0, 1 0, 1 1, 0 0)) junk").is_err());
        assert!(parse_polygonal("POLYGON ((0 0, 1 0, 1 1, 0 0)").is_err());
        assert!(parse_polygonal("").is_err());
        assert!(parse_polygonal("POLYGON ((0 0, 1e999 0, 1 1, 0 0))").is_err());
    }
}
