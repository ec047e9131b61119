//! `Deserialize` for [`Agreement`]: the serialised form is turned back into the file format
//! and read by the same checker as a file, so nothing that a file could not hold gets in.

use std::fmt;

use serde::Deserialize as _;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::{Table, Value};
use tryghed_geography::PartnershipArea;

use super::{Agreement, FORMAT_VERSION};
use crate::AgreementError;

/// The key under which TOML's own deserialiser hands out a date (`2026-01-01` unquoted).
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> serde::Deserialize<'de> for Agreement {
    /// Reads the form [`Agreement`] serialises to (from JSON or any self-describing format):
    /// it is turned back into the agreement file's shape (dates as dates, the area by its
    /// delområde and estate records, `format_version` added when absent) and checked by the
    /// same code as [`Agreement::from_toml_str`], so every rule of the file applies and the
    /// derived parts (the area's outline, the plan and meeting contexts) are rebuilt, never
    /// taken from the data. An area read from an outline or estates file is refused: its
    /// files are not in the data (read the agreement file with [`Agreement::from_path`]).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Lenient(value) = Lenient::deserialize(deserializer)?;
        let Some(Value::Table(table)) = value else {
            return Err(de::Error::custom("an agreement is a table of fields"));
        };
        let stated = stated_area(&table).map_err(de::Error::custom)?;
        let text = file_form(table).map_err(de::Error::custom)?;
        let agreement = Agreement::parse(&text, "<serde>", None).map_err(de::Error::custom)?;
        if let Some(stated) = stated
            && agreement.area() != Some(&stated)
        {
            return Err(de::Error::custom(refused(
                "area",
                "is not the area its delområde and estates give in the city layer (the outline, credit and properties are the layer's, never taken from the data)",
            )));
        }
        Ok(agreement)
    }
}

/// The area as the data states it (without where it came from), read through the
/// geography crate's own checks, to be compared with the area the checker rebuilds.
fn stated_area(table: &Table) -> Result<Option<PartnershipArea>, AgreementError> {
    let Some(Value::Table(area)) = table.get("area") else {
        return Ok(None);
    };
    let mut area = area.clone();
    for key in ["origin", "note", "estates_file"] {
        area.remove(key);
    }
    PartnershipArea::deserialize(Value::Table(area))
        .map(Some)
        .map_err(|e| refused("area", &e.to_string()))
}

/// The serialised form as the file's TOML text.
fn file_form(mut table: Table) -> Result<String, AgreementError> {
    table
        .entry("format_version")
        .or_insert_with(|| Value::Integer(i64::from(FORMAT_VERSION)));
    if let Some(Value::Table(period)) = table.get_mut("period") {
        as_date(period.get_mut("start"));
        as_date(period.get_mut("end"));
    }
    if let Some(Value::Table(decision)) = table.get_mut("decision") {
        as_date(decision.get_mut("date"));
    }
    if let Some(Value::Array(amendments)) = table.get_mut("amendments") {
        for amendment in amendments {
            if let Value::Table(amendment) = amendment {
                as_date(amendment.get_mut("date"));
            }
        }
    }
    if let Some(area) = table.remove("area") {
        table.insert("area".to_owned(), area_form(area)?);
    }
    toml::to_string(&Value::Table(table)).map_err(|e| refused("", &e.to_string()))
}

/// A date serialised as text (`"2026-01-01"`) as a TOML date, for the checker; anything else
/// is left for the checker to refuse.
fn as_date(value: Option<&mut Value>) {
    if let Some(value) = value
        && let Value::String(text) = value
        && let Ok(date) = text.parse::<toml::value::Datetime>()
    {
        *value = Value::Datetime(date);
    }
}

fn refused(field: &str, reason: &str) -> AgreementError {
    AgreementError::Inconsistent {
        what: "agreement",
        field: if field.is_empty() {
            "(whole)".to_owned()
        } else {
            field.to_owned()
        },
        reason: reason.to_owned(),
    }
}

/// The serialised area (`origin`, `note`, the area itself) as the file's `[area]`: the
/// delområde by name and the estates as records; the outline and the credit are the city
/// layer's, rebuilt by the checker.
fn area_form(area: Value) -> Result<Value, AgreementError> {
    const FROM_FILE: &str = "comes from an outline or estates file, which is not in the data; read the agreement file with Agreement::from_path";
    let Value::Table(mut area) = area else {
        return Err(refused("area", "is not a table"));
    };
    if area.contains_key("estates_file") {
        return Err(refused("area.estates_file", FROM_FILE));
    }
    let delomraade = match area.remove("origin") {
        Some(Value::Table(origin)) => match origin.get("city_layer") {
            Some(Value::Table(layer)) => match layer.get("delomraade") {
                Some(Value::String(name)) => name.clone(),
                _ => return Err(refused("area.origin.city_layer", "names no delomraade")),
            },
            _ if origin.contains_key("file") => return Err(refused("area.origin", FROM_FILE)),
            _ => return Err(refused("area.origin", "is neither city_layer nor file")),
        },
        _ => return Err(refused("area.origin", "is missing")),
    };
    let mut form = Table::new();
    form.insert("name".to_owned(), Value::String(delomraade));
    if let Some(note) = area.remove("note") {
        form.insert("note".to_owned(), note);
    }
    if let Some(Value::Array(estates)) = area.remove("estates")
        && !estates.is_empty()
    {
        let mut records = Vec::with_capacity(estates.len());
        for (i, estate) in estates.into_iter().enumerate() {
            let Value::Table(mut estate) = estate else {
                return Err(refused(&format!("area.estates[{i}]"), "is not a table"));
            };
            if estate.remove("boundary").is_some() {
                return Err(refused(&format!("area.estates[{i}].boundary"), FROM_FILE));
            }
            records.push(Value::Table(estate));
        }
        form.insert("estates".to_owned(), Value::Array(records));
    }
    Ok(Value::Table(form))
}

/// A self-describing value as TOML: `null` (an absent optional field) is left out, TOML's
/// own dates are kept as dates.
struct Lenient(Option<Value>);

impl<'de> serde::Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor)
    }
}

struct LenientVisitor;

impl<'de> Visitor<'de> for LenientVisitor {
    type Value = Lenient;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the serialised form of an agreement")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Lenient, E> {
        Ok(Lenient(Some(Value::Boolean(v))))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Lenient, E> {
        Ok(Lenient(Some(Value::Integer(v))))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Lenient, E> {
        i64::try_from(v)
            .map(|v| Lenient(Some(Value::Integer(v))))
            .map_err(|_| E::custom(format!("the number {v} is too large")))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Lenient, E> {
        Ok(Lenient(Some(Value::Float(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Lenient, E> {
        Ok(Lenient(Some(Value::String(v.to_owned()))))
    }

    fn visit_string<E>(self, v: String) -> Result<Lenient, E> {
        Ok(Lenient(Some(Value::String(v))))
    }

    fn visit_unit<E>(self) -> Result<Lenient, E> {
        Ok(Lenient(None))
    }

    fn visit_none<E>(self) -> Result<Lenient, E> {
        Ok(Lenient(None))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Lenient, D::Error> {
        deserializer.deserialize_any(LenientVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient, A::Error> {
        let mut items = Vec::new();
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item.ok_or_else(|| de::Error::custom("a list holds a null"))?);
        }
        Ok(Lenient(Some(Value::Array(items))))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lenient, A::Error> {
        let mut table = Table::new();
        while let Some(key) = map.next_key::<String>()? {
            let Lenient(value) = map.next_value()?;
            if key == TOML_DATETIME_KEY
                && let Some(Value::String(text)) = &value
            {
                let date = text.parse().map_err(de::Error::custom)?;
                return Ok(Lenient(Some(Value::Datetime(date))));
            }
            if table.contains_key(&key) {
                return Err(de::Error::custom(format!("the key {key:?} is given twice")));
            }
            if let Some(value) = value {
                table.insert(key, value);
            }
        }
        Ok(Lenient(Some(Value::Table(table))))
    }
}
