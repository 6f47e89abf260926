//! A serde `Serializer` into [`Wire`], a value tree that keeps the exact
//! text of numbers, the order of properties and file parts.

use std::fmt;

use serde::ser::{self, Serialize, Serializer};

use super::file::{FILE_TOKEN, FilePart, take_pending_file};

/// The struct name serde_json gives a `RawValue` (what
/// [`crate::runtime::decimal`] writes) and, with `arbitrary_precision`, a number.
const RAW_TOKENS: [&str; 2] = [
    "$serde_json::private::RawValue",
    "$serde_json::private::Number",
];

/// A value as it goes on the wire, before a parameter style or body
/// encoding writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Wire {
    /// `None`, `()`, a unit struct, JSON `null`.
    Null,
    Bool(bool),
    /// A number's exact text: `10.50` stays `10.50`.
    Number(String),
    String(String),
    Seq(Vec<Wire>),
    /// An object or map, in the order its properties were serialized.
    Map(Vec<(String, Wire)>),
    File(FilePart),
}

impl Wire {
    /// The text of a string, number or boolean; `None` for anything else.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Wire::Bool(true) => Some("true"),
            Wire::Bool(false) => Some("false"),
            Wire::Number(text) | Wire::String(text) => Some(text),
            _ => None,
        }
    }

    /// Compact JSON text; numbers keep their digits, files are base64 strings.
    pub fn to_json(&self) -> Result<String, WireError> {
        serde_json::to_string(self).map_err(|e| WireError(e.to_string()))
    }
}

impl Serialize for Wire {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        match self {
            Wire::Null => serializer.serialize_unit(),
            Wire::Bool(b) => serializer.serialize_bool(*b),
            Wire::Number(text) => match serde_json::value::RawValue::from_string(text.clone()) {
                Ok(raw) => raw.serialize(serializer),
                Err(_) => serializer.serialize_str(text),
            },
            Wire::String(text) => serializer.serialize_str(text),
            Wire::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Wire::Map(props) => {
                let mut map = serializer.serialize_map(Some(props.len()))?;
                for (key, value) in props {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            Wire::File(file) => file.serialize(serializer),
        }
    }
}

/// Why a value could not be turned into a [`Wire`] tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError(pub(crate) String);

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WireError {}

impl ser::Error for WireError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WireError(msg.to_string())
    }
}

/// Serializes `value` into a [`Wire`] tree.
///
/// Decimals written by [`crate::runtime::decimal`] keep their digits, integers and
/// floats get their shortest text (a float that is not finite is an
/// error), unit enum variants their serde name, `None` and `()` become
/// [`Wire::Null`], newtypes are transparent, maps and structs keep their
/// order, and a [`FilePart`] becomes [`Wire::File`]. Map keys must be
/// strings, numbers or unit variants.
pub fn to_wire<T: Serialize + ?Sized>(value: &T) -> Result<Wire, WireError> {
    value.serialize(WireSerializer)
}

/// The serializer behind [`to_wire`].
#[derive(Debug, Clone, Copy)]
pub struct WireSerializer;

fn number(text: impl ToString) -> Result<Wire, WireError> {
    Ok(Wire::Number(text.to_string()))
}

fn float(value: f64, text: String) -> Result<Wire, WireError> {
    if value.is_finite() {
        Ok(Wire::Number(text))
    } else {
        Err(WireError(format!("the number {text} cannot be written")))
    }
}

impl Serializer for WireSerializer {
    type Ok = Wire;
    type Error = WireError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = SeqBuilder;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = MapBuilder;

    fn serialize_bool(self, v: bool) -> Result<Wire, WireError> {
        Ok(Wire::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Wire, WireError> {
        number(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Wire, WireError> {
        // f32's own Display is its shortest text: 0.1f32 is "0.1".
        float(f64::from(v), v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<Wire, WireError> {
        float(v, v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<Wire, WireError> {
        Ok(Wire::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Wire, WireError> {
        Ok(Wire::String(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Wire, WireError> {
        // As serde_json writes them: an array of numbers.
        Ok(Wire::Seq(
            v.iter().map(|b| Wire::Number(b.to_string())).collect(),
        ))
    }
    fn serialize_none(self) -> Result<Wire, WireError> {
        Ok(Wire::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Wire, WireError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Wire, WireError> {
        Ok(Wire::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Wire, WireError> {
        Ok(Wire::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Wire, WireError> {
        Ok(Wire::String(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Wire, WireError> {
        if name == FILE_TOKEN
            && let Some(file) = take_pending_file()
        {
            return Ok(Wire::File(file));
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Wire, WireError> {
        Ok(Wire::Map(vec![(
            variant.to_string(),
            value.serialize(self)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, WireError> {
        Ok(SeqBuilder {
            variant: None,
            items: Vec::with_capacity(len.unwrap_or(0).min(256)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, WireError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, WireError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder, WireError> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, WireError> {
        Ok(MapBuilder {
            name: "",
            variant: None,
            props: Vec::with_capacity(len.unwrap_or(0).min(256)),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<MapBuilder, WireError> {
        let mut map = self.serialize_map(Some(len))?;
        map.name = name;
        Ok(map)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<MapBuilder, WireError> {
        let mut map = self.serialize_map(Some(len))?;
        map.variant = Some(variant);
        Ok(map)
    }
}

/// Collects a sequence, tuple or tuple variant.
#[derive(Debug)]
pub struct SeqBuilder {
    variant: Option<&'static str>,
    items: Vec<Wire>,
}

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WireError> {
        self.items.push(value.serialize(WireSerializer)?);
        Ok(())
    }

    fn finish(self) -> Result<Wire, WireError> {
        let seq = Wire::Seq(self.items);
        Ok(match self.variant {
            Some(variant) => Wire::Map(vec![(variant.to_string(), seq)]),
            None => seq,
        })
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for SeqBuilder {
            type Ok = Wire;
            type Error = WireError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WireError> {
                self.push(value)
            }
            fn end(self) -> Result<Wire, WireError> {
                self.finish()
            }
        }
    )*};
}

seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Collects a map, struct or struct variant, in order.
#[derive(Debug)]
pub struct MapBuilder {
    name: &'static str,
    variant: Option<&'static str>,
    props: Vec<(String, Wire)>,
    key: Option<String>,
}

impl MapBuilder {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), WireError> {
        self.props
            .push((key.to_string(), value.serialize(WireSerializer)?));
        Ok(())
    }

    fn finish(self) -> Result<Wire, WireError> {
        if RAW_TOKENS.contains(&self.name) {
            return match self.props.as_slice() {
                [(_, Wire::String(json))] => raw_json(json),
                _ => Err(WireError("a raw JSON value without its text".into())),
            };
        }
        let map = Wire::Map(self.props);
        Ok(match self.variant {
            Some(variant) => Wire::Map(vec![(variant.to_string(), map)]),
            None => map,
        })
    }
}

/// A serde_json raw value: a number keeps its text, anything else is
/// read as JSON.
fn raw_json(json: &str) -> Result<Wire, WireError> {
    let text = json.trim();
    if serde_json::from_str::<serde_json::Number>(text).is_ok() {
        return Ok(Wire::Number(text.to_string()));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| WireError(format!("invalid raw JSON: {e}")))?;
    to_wire(&value)
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Wire;
    type Error = WireError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WireError> {
        self.key = Some(key.serialize(KeySerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WireError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| WireError("a map value without its key".into()))?;
        self.field(&key, value)
    }
    fn end(self) -> Result<Wire, WireError> {
        self.finish()
    }
}

macro_rules! struct_impl {
    ($($trait:ident),*) => {$(
        impl ser::$trait for MapBuilder {
            type Ok = Wire;
            type Error = WireError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), WireError> {
                self.field(key, value)
            }
            fn end(self) -> Result<Wire, WireError> {
                self.finish()
            }
        }
    )*};
}

struct_impl!(SerializeStruct, SerializeStructVariant);

/// Map keys: strings, numbers, chars, unit variants (and newtypes of those).
struct KeySerializer;

fn bad_key() -> WireError {
    WireError("a map key must be a string or a number".into())
}

macro_rules! key_text {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<String, WireError> {
            Ok(v.to_string())
        }
    )*};
}

macro_rules! key_refused {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, _v: $ty) -> Result<String, WireError> {
            Err(bad_key())
        }
    )*};
}

impl Serializer for KeySerializer {
    type Ok = String;
    type Error = WireError;
    type SerializeSeq = ser::Impossible<String, WireError>;
    type SerializeTuple = ser::Impossible<String, WireError>;
    type SerializeTupleStruct = ser::Impossible<String, WireError>;
    type SerializeTupleVariant = ser::Impossible<String, WireError>;
    type SerializeMap = ser::Impossible<String, WireError>;
    type SerializeStruct = ser::Impossible<String, WireError>;
    type SerializeStructVariant = ser::Impossible<String, WireError>;

    key_text!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_char: char, serialize_str: &str);
    key_refused!(serialize_bool: bool, serialize_bytes: &[u8]);

    fn serialize_f32(self, v: f32) -> Result<String, WireError> {
        float(f64::from(v), v.to_string()).map(|_| v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, WireError> {
        float(v, v.to_string()).map(|_| v.to_string())
    }
    fn serialize_none(self) -> Result<String, WireError> {
        Err(bad_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<String, WireError> {
        Err(bad_key())
    }
    fn serialize_unit(self) -> Result<String, WireError> {
        Err(bad_key())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, WireError> {
        Err(bad_key())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, WireError> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, WireError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, WireError> {
        Err(bad_key())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, WireError> {
        Err(bad_key())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, WireError> {
        Err(bad_key())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, WireError> {
        Err(bad_key())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, WireError> {
        Err(bad_key())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, WireError> {
        Err(bad_key())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, WireError> {
        Err(bad_key())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, WireError> {
        Err(bad_key())
    }
}
