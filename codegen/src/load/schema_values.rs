//! Schema keywords whose value is not of the JSON type OpenAPI gives them
//! (`pattern: 0`, `minLength: "1"`, `nullable: "true"`, `type: {…}`).
//! openapiv3 refuses the whole schema for one of them, with no place
//! finer than the schema. Here each is found at its keyword, after 3.1
//! and 3.2 are rewritten onto the 3.0 shape and before openapiv3 reads
//! the tree:
//!
//! - a value with one reading is read so, with a warning: a number or a
//!   flag written as a string (`"10"`, `"true"`), `type: [string, null]`
//!   in 3.0, an exclusive bound given as a number (3.1's form) in 3.0,
//!   `required: true` on a property (JSON Schema draft 3: the property is
//!   required by its object), one value or one schema where a list
//!   belongs, `items` given as a list of one schema, a discriminator
//!   given as its property name; a count written as an integral float
//!   (`1.0`) is that integer, silently;
//! - a value with no reading is taken out of the tree and listed in
//!   [`Repaired::invalid`]: lower makes each an error, or with `--lenient`
//!   a warning (the keyword is ignored).

use serde_json::{Map, Number, Value};

use super::keys::Kind;
use super::walk::{Visit, walk};

/// What the checks found: warnings for values read another way, and the
/// values taken out, each (pointer of the keyword, message).
#[derive(Default)]
pub(crate) struct Repaired {
    pub(crate) notes: Vec<(String, String)>,
    pub(crate) invalid: Vec<(String, String)>,
}

/// The JSON type a keyword's value must have, as openapiv3 reads it.
#[derive(Clone, Copy)]
enum Expect {
    Text,
    Number,
    Count,
    Flag,
    Texts,
    Values,
    Schemas,
    SchemaMap,
    Schema,
    SchemaOrFlag,
    Object,
}

const KEYWORDS: &[(&str, Expect)] = &[
    ("type", Expect::Text),
    ("format", Expect::Text),
    ("pattern", Expect::Text),
    ("title", Expect::Text),
    ("description", Expect::Text),
    ("multipleOf", Expect::Number),
    ("maximum", Expect::Number),
    ("minimum", Expect::Number),
    ("exclusiveMaximum", Expect::Flag),
    ("exclusiveMinimum", Expect::Flag),
    ("maxLength", Expect::Count),
    ("minLength", Expect::Count),
    ("maxItems", Expect::Count),
    ("minItems", Expect::Count),
    ("maxProperties", Expect::Count),
    ("minProperties", Expect::Count),
    ("uniqueItems", Expect::Flag),
    ("nullable", Expect::Flag),
    ("readOnly", Expect::Flag),
    ("writeOnly", Expect::Flag),
    ("deprecated", Expect::Flag),
    ("required", Expect::Texts),
    ("enum", Expect::Values),
    ("allOf", Expect::Schemas),
    ("oneOf", Expect::Schemas),
    ("anyOf", Expect::Schemas),
    ("properties", Expect::SchemaMap),
    ("items", Expect::Schema),
    ("not", Expect::Schema),
    ("additionalProperties", Expect::SchemaOrFlag),
    ("discriminator", Expect::Object),
    ("externalDocs", Expect::Object),
    ("xml", Expect::Object),
];

/// Checks every schema of the document (`raw`, on the 3.0 shape).
pub(super) fn repair(raw: &mut Value) -> Repaired {
    let mut checks = Checks::default();
    walk(raw, Kind::Root, "#", &mut checks);
    checks.0
}

/// Checks one schema a reference points at outside the places a walk of
/// the document reaches (`#/components/schemas/A/definitions/b`), at
/// `pointer`, and the schemas in it.
pub(crate) fn repair_schema(value: &mut Value, pointer: &str) -> Repaired {
    let mut checks = Checks::default();
    walk(value, Kind::Schema, pointer, &mut checks);
    checks.0
}

#[derive(Default)]
struct Checks(Repaired);

impl Visit for Checks {
    fn object(&mut self, kind: Kind, object: &mut Map<String, Value>, pointer: &str) {
        if kind == Kind::Schema && !object.contains_key("$ref") {
            self.schema(object, pointer);
        }
    }
}

impl Checks {
    fn note(&mut self, pointer: &str, key: &str, message: String) {
        self.0
            .notes
            .push((crate::diagnostics::child(pointer, key), message));
    }

    fn invalid(&mut self, pointer: &str, key: &str, value: &Value, expected: &str) {
        self.0.invalid.push((
            crate::diagnostics::child(pointer, key),
            format!(
                "`{key}` is {}, where OpenAPI allows {expected}",
                shown(value)
            ),
        ));
    }

    fn schema(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        // Cheap for the schemas that are right, nearly all of them: each
        // key is looked up, nothing is copied.
        let wrong: Vec<(String, Expect)> = object
            .iter()
            .filter_map(|(key, value)| {
                let (_, expect) = KEYWORDS.iter().find(|(k, _)| k == key)?;
                (!fits(*expect, value, key, pointer)).then(|| (key.clone(), *expect))
            })
            .collect();
        for (key, expect) in wrong {
            let Some(value) = object.remove(&key) else {
                continue;
            };
            // Reading another keyword may have written this one.
            if fits(expect, &value, &key, pointer) {
                object.insert(key, value);
                continue;
            }
            if let Some(read) = self.read(object, pointer, &key, expect, value) {
                object.insert(key, read);
            }
        }
        self.draft_3_required(object, pointer);
    }

    /// The value of a keyword that does not fit, read the one way it can
    /// be (with a note), or `None` when it has no reading (listed as
    /// invalid) or was moved elsewhere.
    fn read(
        &mut self,
        object: &mut Map<String, Value>,
        pointer: &str,
        key: &str,
        expect: Expect,
        value: Value,
    ) -> Option<Value> {
        let noted = |checks: &mut Self, read: Value, how: &str| {
            checks.note(
                pointer,
                key,
                format!("`{key}` is {}; read as {how}", shown(&value)),
            );
            Some(read)
        };
        match (expect, &value) {
            (Expect::Number, Value::String(s)) => match number(s) {
                Some(n) => noted(self, Value::Number(n.clone()), &format!("the number {n}")),
                None => self.no_reading(pointer, key, &value, "a number"),
            },
            (Expect::Count, Value::Number(n)) => match n.as_f64().and_then(count) {
                Some(c) => Some(Value::from(c)),
                None => self.no_reading(pointer, key, &value, "a whole number of at least 0"),
            },
            (Expect::Count, Value::String(s)) => {
                match number(s).and_then(|n| n.as_f64()).and_then(count) {
                    Some(c) => noted(self, Value::from(c), &format!("the number {c}")),
                    None => self.no_reading(pointer, key, &value, "a whole number of at least 0"),
                }
            }
            (Expect::Flag, Value::Number(n)) if key.starts_with("exclusive") => {
                // 3.1's form in a 3.0 document: the bound itself.
                let bound = if key == "exclusiveMinimum" {
                    "minimum"
                } else {
                    "maximum"
                };
                let stricter = match object.get(bound).and_then(Value::as_f64) {
                    None => true,
                    Some(other) => match (n.as_f64(), bound) {
                        (Some(n), "minimum") => n >= other,
                        (Some(n), _) => n <= other,
                        (None, _) => false,
                    },
                };
                if stricter {
                    object.insert(bound.to_string(), Value::Number(n.clone()));
                }
                let how = if stricter {
                    format!(
                        "`{bound}: {n}` with `{key}: true` (OpenAPI 3.1's form in a 3.0 document)"
                    )
                } else {
                    format!("nothing: `{bound}` is stricter (OpenAPI 3.1's form in a 3.0 document)")
                };
                noted(self, Value::Bool(true), &how).filter(|_| stricter)
            }
            (Expect::Flag | Expect::SchemaOrFlag, Value::String(s))
                if s == "true" || s == "false" =>
            {
                noted(self, Value::Bool(s == "true"), &format!("`{s}`"))
            }
            (Expect::Text, Value::Array(types)) if key == "type" => {
                let named: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
                let others: Vec<&str> = named.iter().copied().filter(|t| *t != "null").collect();
                match others.as_slice() {
                    [one] if named.len() == types.len() => {
                        let nullable = named.len() > others.len();
                        if nullable {
                            object.insert("nullable".into(), Value::Bool(true));
                        }
                        let how = if nullable {
                            format!("`type: {one}` with `nullable: true`")
                        } else {
                            format!("`type: {one}`")
                        };
                        noted(self, Value::String(one.to_string()), &how)
                    }
                    _ => self.no_reading(pointer, key, &value, "one type name (in OpenAPI 3.0)"),
                }
            }
            (Expect::Texts, Value::Bool(_)) if in_properties(pointer) => {
                // Draft 3's form: the object holding the property reads it.
                object.insert(key.to_string(), value);
                None
            }
            (Expect::Texts, Value::Array(names)) => {
                let kept: Vec<Value> = names.iter().filter(|n| n.is_string()).cloned().collect();
                self.invalid(pointer, key, &value, "a list of property names");
                Some(Value::Array(kept))
            }
            (Expect::Values, v) if !v.is_null() => noted(
                self,
                Value::Array(vec![value.clone()]),
                "a list of that one value",
            ),
            (Expect::Schemas, Value::Object(_)) => noted(
                self,
                Value::Array(vec![value.clone()]),
                "a list of that one schema",
            ),
            (Expect::Schema, Value::Array(items)) if key == "items" && items.len() == 1 => {
                let one = items[0].clone();
                noted(self, one, "the one schema it holds (a list of them)")
            }
            (Expect::Object, Value::String(name)) if key == "discriminator" => {
                let mut d = Map::new();
                d.insert("propertyName".into(), Value::String(name.clone()));
                noted(self, Value::Object(d), &format!("`propertyName: {name}`"))
            }
            (Expect::Schemas, Value::Array(_)) => {
                // Members that are not schemas are left out.
                self.invalid(pointer, key, &value, "a list of schemas");
                let Value::Array(members) = value else {
                    return None;
                };
                Some(Value::Array(
                    members.into_iter().filter(Value::is_object).collect(),
                ))
            }
            (Expect::SchemaMap, Value::Object(_)) => {
                let Value::Object(properties) = value else {
                    return None;
                };
                let mut kept = Map::new();
                for (name, schema) in properties {
                    if schema.is_object() {
                        kept.insert(name, schema);
                    } else {
                        let at = crate::diagnostics::child(pointer, key);
                        self.invalid(&at, &name, &schema, "a schema");
                    }
                }
                Some(Value::Object(kept))
            }
            (expect, _) => self.no_reading(pointer, key, &value, expected(expect)),
        }
    }

    fn no_reading(
        &mut self,
        pointer: &str,
        key: &str,
        value: &Value,
        expected: &str,
    ) -> Option<Value> {
        self.invalid(pointer, key, value, expected);
        None
    }

    /// `required: true` on the properties of this object (JSON Schema
    /// draft 3) lists them in its `required`.
    fn draft_3_required(&mut self, object: &mut Map<String, Value>, pointer: &str) {
        let Some(Value::Object(properties)) = object.get_mut("properties") else {
            return;
        };
        let mut required = Vec::new();
        for (name, property) in properties.iter_mut() {
            let Value::Object(property) = property else {
                continue;
            };
            if property.contains_key("$ref") {
                continue;
            }
            if let Some(Value::Bool(flag)) = property.get("required") {
                let flag = *flag;
                property.remove("required");
                let at = crate::diagnostics::child(
                    &crate::diagnostics::child(pointer, "properties"),
                    name,
                );
                let how = if flag {
                    format!(
                        "`{name}` listed in its object's `required` (JSON Schema draft 3's form)"
                    )
                } else {
                    "nothing: a property is optional unless listed (JSON Schema draft 3's form)"
                        .into()
                };
                self.note(
                    &at,
                    "required",
                    format!("`required` is {flag}; read as {how}"),
                );
                if flag {
                    required.push(Value::String(name.clone()));
                }
            }
        }
        if required.is_empty() {
            return;
        }
        match object.get_mut("required") {
            Some(Value::Array(list)) => {
                for name in required {
                    if !list.contains(&name) {
                        list.push(name);
                    }
                }
            }
            _ => {
                object.insert("required".into(), Value::Array(required));
            }
        }
    }
}

/// Whether `value` is what openapiv3 reads for `key` (a boolean `required`
/// on a property is left to the object holding it).
fn fits(expect: Expect, value: &Value, key: &str, pointer: &str) -> bool {
    match expect {
        Expect::Text => value.is_string(),
        Expect::Number => value.is_number(),
        Expect::Count => value.as_u64().is_some(),
        Expect::Flag => value.is_boolean(),
        Expect::Texts => match value {
            Value::Array(names) => names.iter().all(Value::is_string),
            Value::Bool(_) => key == "required" && in_properties(pointer),
            _ => false,
        },
        Expect::Values => value.is_array(),
        Expect::Schemas => value
            .as_array()
            .is_some_and(|members| members.iter().all(Value::is_object)),
        Expect::SchemaMap => value
            .as_object()
            .is_some_and(|map| map.values().all(Value::is_object)),
        Expect::Schema | Expect::Object => value.is_object(),
        Expect::SchemaOrFlag => value.is_object() || value.is_boolean(),
    }
}

/// The kind of value a keyword takes, for a message.
fn expected(expect: Expect) -> &'static str {
    match expect {
        Expect::Text => "a string",
        Expect::Number => "a number",
        Expect::Count => "a whole number of at least 0",
        Expect::Flag => "true or false",
        Expect::Texts => "a list of property names",
        Expect::Values => "a list of values",
        Expect::Schemas => "a list of schemas",
        Expect::SchemaMap => "a map of schemas",
        Expect::Schema => "a schema",
        Expect::SchemaOrFlag => "a schema, true or false",
        Expect::Object => "an object",
    }
}

/// Whether the schema at `pointer` is a property of an object schema.
fn in_properties(pointer: &str) -> bool {
    pointer
        .rsplit('/')
        .nth(1)
        .is_some_and(|parent| parent == "properties")
}

/// A string that is a JSON number.
fn number(text: &str) -> Option<Number> {
    match serde_json::from_str::<Value>(text.trim()) {
        Ok(Value::Number(n)) => Some(n),
        _ => None,
    }
}

/// An integral, non-negative float as the count it is.
fn count(f: f64) -> Option<u64> {
    (f >= 0.0 && f.fract() == 0.0 && f < 9.0e15).then_some(f as u64)
}

/// A value as a message shows it: JSON, cut short.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("`{}…`", text.chars().take(60).collect::<String>())
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests;
