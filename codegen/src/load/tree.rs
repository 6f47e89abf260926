//! The document as a plain JSON tree, parsed from YAML or JSON text.
//!
//! Built by our own visitor instead of `serde_json::Value`'s so that a key
//! given twice in one object is noticed: both parsers keep the last one
//! silently, and a duplicated `responses:` or `minimum:` is most often a
//! mistake the author wants to hear about. The path to each value is
//! kept on the stack, so a pointer is built only for a duplicate.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A parsed tree and the pointers of the keys given more than once.
pub struct Tree {
    pub value: Value,
    pub duplicates: Vec<String>,
}

pub fn from_json(text: &str) -> Result<Tree, serde_json::Error> {
    let duplicates = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // Deep nesting is refused by serde_json's recursion limit.
    let value = Seed::root(&duplicates).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(Tree {
        value,
        duplicates: duplicates.into_inner(),
    })
}

pub fn from_yaml(text: &str) -> Result<Tree, serde_yaml::Error> {
    let duplicates = RefCell::new(Vec::new());
    let value = Seed::root(&duplicates).deserialize(serde_yaml::Deserializer::from_str(text))?;
    Ok(Tree {
        value,
        duplicates: duplicates.into_inner(),
    })
}

/// Where a value stands: a linked list of segments on the stack.
#[derive(Clone, Copy)]
enum Place<'a> {
    Root,
    Key(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
}

impl Place<'_> {
    fn pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut place = self;
        loop {
            match place {
                Place::Root => break,
                Place::Key(parent, key) => {
                    segments.push(crate::diagnostics::pointer_segment(key));
                    place = parent;
                }
                Place::Index(parent, i) => {
                    segments.push(i.to_string());
                    place = parent;
                }
            }
        }
        let mut pointer = String::from("#");
        for segment in segments.iter().rev() {
            pointer.push('/');
            pointer.push_str(segment);
        }
        pointer
    }
}

#[derive(Clone, Copy)]
struct Seed<'a> {
    place: &'a Place<'a>,
    duplicates: &'a RefCell<Vec<String>>,
}

impl<'a> Seed<'a> {
    fn root(duplicates: &'a RefCell<Vec<String>>) -> Self {
        Seed {
            place: &Place::Root,
            duplicates,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let place = Place::Index(self.place, items.len());
            let seed = Seed {
                place: &place,
                duplicates: self.duplicates,
            };
            match seq.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let place = Place::Key(self.place, &key);
            let seed = Seed {
                place: &place,
                duplicates: self.duplicates,
            };
            let value = map.next_value_seed(seed)?;
            if object.contains_key(&key) {
                self.duplicates.borrow_mut().push(place.pointer());
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests;
