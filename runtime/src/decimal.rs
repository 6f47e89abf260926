//! Exact decimal money on the wire.
//!
//! `rust_decimal`'s own serde support writes strings, or goes through `f64`.
//! These helpers write a decimal as a JSON number with exactly its digits
//! (`140.76` stays `140.76`) through `serde_json`'s raw values, and read
//! numbers and numeric strings. They avoid serde_json's `arbitrary_precision`
//! feature on purpose: it is global to a build and breaks numbers inside
//! untagged and flattened types for every other crate in it.
//!
//! Reading is exact: from serde_json the number's own text is taken (as a
//! raw value), so `12345678901234.5678` reads as exactly that and `12.50`
//! keeps its scale. Numeric strings keep every digit too. Only where a
//! value passes through an untagged or flattened type, whose input serde
//! buffers, is the text gone: there the number goes through the shortest
//! `f64` text, which is exact up to 15 significant digits and drops
//! trailing zeros (`12.50` reads as `12.5`, an equal value).
//!
//! Use `#[serde(with = "codegen_runtime::decimal")]` on a field of type
//! `Decimal`, or an `Option`, `Nullable`, `Vec`, `BTreeMap` or `Box` of
//! those, nested in any order.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};

crate::shapes::codec_shapes!(Decimal, write_decimal, read_decimal);

fn write_decimal<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    // A raw value is written verbatim by serde_json, and read as a number
    // with exactly these digits by the wire encoder (parameters, form and
    // multipart bodies); other serializers see a struct holding the text.
    let raw = serde_json::value::RawValue::from_string(value.to_string())
        .map_err(serde::ser::Error::custom)?;
    raw.serialize(serializer)
}

/// serde_json hands a value asked for under this name over as its raw text.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

fn read_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    // Other deserializers see an ordinary newtype and give the value.
    deserializer.deserialize_newtype_struct(RAW_VALUE, DecimalVisitor)
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // `f64`'s Display is the shortest text that reads back as the same
        // double, so 140.76 parses as exactly 140.76 rather than 140.7599...
        parse(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        // serde_json gives a raw value as a single-entry map holding its
        // JSON text (and, with `arbitrary_precision`, any number as one
        // holding its digits).
        match map.next_entry::<String, String>()? {
            Some((key, text)) if key == RAW_VALUE => parse_raw(&text),
            Some((_, digits)) => parse(&digits),
            None => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

/// A number's JSON text, or a JSON string holding a number.
fn parse_raw<E: de::Error>(text: &str) -> Result<Decimal, E> {
    let text = text.trim();
    if text.starts_with('"') {
        let inner: String = serde_json::from_str(text).map_err(E::custom)?;
        parse(&inner)
    } else {
        parse(text)
    }
}

fn parse<E: de::Error>(text: &str) -> Result<Decimal, E> {
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|e| E::custom(format!("invalid decimal {text:?}: {e}")))
}

#[cfg(test)]
mod tests;
