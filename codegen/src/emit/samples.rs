//! Sample values for contract tests, made from the model: the least value
//! every constraint accepts (lengths, ranges, steps, formats, patterns,
//! enums, required fields, discriminators).

use serde_json::{Map, Value, json};

use crate::model::{Api, Constraints, EnumRepr, TypeKind, TypeRef, UnionMode};

/// How deep a sample value nests before required recursion is cut off.
const DEPTH: usize = 8;

/// Makes values that satisfy a type's schema: examples first, then the
/// least value every constraint accepts.
pub struct Sampler<'a> {
    api: &'a Api,
}

impl<'a> Sampler<'a> {
    pub fn new(api: &'a Api) -> Self {
        Sampler { api }
    }

    /// The type's first example, when the spec gives one.
    pub fn example(&self, ty: &TypeRef) -> Option<&'a Value> {
        match ty {
            TypeRef::Named(name) => self.api.type_def(name)?.examples.first(),
            _ => None,
        }
    }

    /// Whether an example has the JSON shape of `ty` (specs are not always
    /// right about their own examples).
    pub fn fits(&self, example: &Value, ty: &TypeRef) -> bool {
        match (ty, example) {
            (TypeRef::I32 | TypeRef::I64, v) => v.is_i64() || v.is_u64(),
            (TypeRef::F32 | TypeRef::F64, v) => v.is_number(),
            (TypeRef::Decimal, v) => {
                v.is_number() || v.as_str().is_some_and(|s| s.parse::<f64>().is_ok())
            }
            (TypeRef::Bool, v) => v.is_boolean(),
            (
                TypeRef::String | TypeRef::Date | TypeRef::DateTime | TypeRef::Uuid | TypeRef::File,
                v,
            ) => v.is_string(),
            (TypeRef::Vec(inner), Value::Array(items)) => items.iter().all(|i| self.fits(i, inner)),
            (TypeRef::Map(_), v) => v.is_object(),
            (TypeRef::Nullable(inner), v) => v.is_null() || self.fits(v, inner),
            (TypeRef::Named(name), v) => match self.api.type_def(name).map(|d| &d.kind) {
                Some(TypeKind::Struct(_)) => v.is_object(),
                Some(TypeKind::Enum(e)) => match e.repr {
                    EnumRepr::String => v.is_string(),
                    EnumRepr::Integer => v.is_i64(),
                },
                Some(TypeKind::Alias(target)) => self.fits(v, target),
                _ => true,
            },
            (TypeRef::Json, _) => true,
            _ => false,
        }
    }

    pub fn value(&self, ty: &TypeRef, c: &Constraints, depth: usize) -> Value {
        match ty {
            TypeRef::String => Value::String(string(c)),
            TypeRef::Bool => Value::Bool(true),
            TypeRef::I32 | TypeRef::I64 => json!(integer(c)),
            TypeRef::F32 | TypeRef::F64 | TypeRef::Decimal => number(c),
            TypeRef::Date => json!("2024-01-15"),
            TypeRef::DateTime => json!("2024-01-15T10:30:00Z"),
            TypeRef::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            TypeRef::Json => json!({}),
            // A file part reads its bytes from base64.
            TypeRef::File => json!("Y29udHJhY3Q="),
            TypeRef::Vec(inner) => {
                let item_constraints = c.items.as_deref().cloned().unwrap_or_default();
                let count = c
                    .min_items
                    .unwrap_or(1)
                    .max(1)
                    .min(c.max_items.unwrap_or(1));
                let item = self.value(inner, &item_constraints, depth + 1);
                Value::Array(vec![item; count as usize])
            }
            TypeRef::Map(_) => json!({}),
            TypeRef::Nullable(inner) => self.value(inner, c, depth),
            TypeRef::Named(name) => self.named(name, depth),
        }
    }

    fn named(&self, name: &str, depth: usize) -> Value {
        let Some(def) = self.api.type_def(name) else {
            return json!({});
        };
        if depth > DEPTH {
            return json!({});
        }
        match &def.kind {
            TypeKind::Struct(s) => {
                let mut object = Map::new();
                for f in s.fields.iter().filter(|f| f.required && !f.read_only) {
                    let value = match f.examples.first() {
                        Some(example) if self.fits(example, &f.ty) => example.clone(),
                        _ => self.value(&f.ty, &f.constraints, depth + 1),
                    };
                    object.insert(f.wire_name.clone(), value);
                }
                Value::Object(object)
            }
            TypeKind::Enum(e) => match (e.repr, e.variants.first()) {
                (EnumRepr::Integer, Some(v)) => v
                    .wire
                    .parse::<i64>()
                    .map_or_else(|_| json!(v.wire), |n| json!(n)),
                (EnumRepr::String, Some(v)) => json!(v.wire),
                (_, None) => json!("value"),
            },
            TypeKind::Union(u) => {
                let Some(first) = u.variants.first() else {
                    return json!({});
                };
                let mut value = self.value(&first.ty, &Constraints::default(), depth + 1);
                if let (UnionMode::Tagged { property, .. }, Some(tag), Value::Object(o)) =
                    (&u.mode, first.tags.first(), &mut value)
                {
                    o.insert(property.clone(), json!(tag));
                }
                value
            }
            TypeKind::Alias(target) => self.value(target, &Constraints::default(), depth + 1),
        }
    }
}

/// A short plain string `pattern` matches: each repetition at its least
/// count (one for `*` and `{0,n}`, none for `?`), each class at a letter or
/// digit where it has one, each alternation at its first branch. `None`
/// when the pattern does not parse or asks for what a sample cannot give.
fn matching(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Class, HirKind};
    fn walk(hir: &regex_syntax::hir::Hir, out: &mut String, depth: usize) -> Option<()> {
        if depth > 64 || out.len() > 4096 {
            return None;
        }
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
            HirKind::Class(Class::Unicode(class)) => {
                let ranges = class.ranges();
                let pick = ['a', 'A', '1', '0', 'x']
                    .into_iter()
                    .find(|c| ranges.iter().any(|r| r.start() <= *c && *c <= r.end()))
                    .or_else(|| {
                        ranges
                            .iter()
                            .flat_map(|r| [r.start(), r.end()])
                            .find(|c| !c.is_control())
                    })?;
                out.push(pick);
            }
            HirKind::Class(Class::Bytes(class)) => {
                let byte = class.ranges().first()?.start();
                out.push(char::from(byte).is_ascii().then_some(char::from(byte))?);
            }
            HirKind::Repetition(rep) => {
                // `x?` is left out; `x*` and `x{0,n}` give one.
                let count = match (rep.min, rep.max) {
                    (0, Some(0 | 1)) => 0,
                    (0, _) => 1,
                    (min, _) => min,
                };
                for _ in 0..count.min(256) {
                    walk(&rep.sub, out, depth + 1)?;
                }
            }
            HirKind::Capture(capture) => walk(&capture.sub, out, depth + 1)?,
            HirKind::Concat(parts) => {
                for part in parts {
                    walk(part, out, depth + 1)?;
                }
            }
            HirKind::Alternation(branches) => walk(branches.first()?, out, depth + 1)?,
        }
        Some(())
    }
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(64)
        .build()
        .parse(pattern)
        .ok()?;
    let mut out = String::new();
    walk(&hir, &mut out, 0)?;
    Some(out)
}

/// A string of a legal length in the string's format (or pattern).
fn string(c: &Constraints) -> String {
    if let Some(text) = c.pattern.as_deref().and_then(matching) {
        return text;
    }
    let formatted = match c.format.as_deref() {
        Some("email") => Some("contract@example.com"),
        Some("uri" | "url" | "uri-reference" | "iri") => Some("https://example.com/contract"),
        Some("hostname") => Some("example.com"),
        Some("ipv4") => Some("192.0.2.1"),
        Some("ipv6") => Some("2001:db8::1"),
        Some("date") => Some("2024-01-15"),
        Some("date-time") => Some("2024-01-15T10:30:00Z"),
        Some("time") => Some("10:30:00Z"),
        Some("uuid") => Some("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        Some("byte") => Some("Y29udHJhY3Q="),
        _ => None,
    };
    if let Some(text) = formatted {
        return text.to_string();
    }
    let min = c.min_length.unwrap_or(1).max(1) as usize;
    let max = c.max_length.map_or(usize::MAX, |m| m as usize);
    let mut text = "string".to_string();
    while text.len() < min {
        text.push('x');
    }
    text.truncate(max.max(min.min(max)));
    text
}

/// The least integer inside the range and on the step, near 1.
fn integer(c: &Constraints) -> i64 {
    let step = c.multiple_of.map_or(1, |m| (m as i64).max(1));
    let mut low = c.minimum.map_or(1, |m| {
        let m = m.ceil() as i64;
        if c.exclusive_minimum && m as f64 == c.minimum.unwrap_or_default() {
            m + 1
        } else {
            m
        }
    });
    if c.minimum.is_none() && c.maximum.is_some_and(|max| max < 1.0) {
        low = c.maximum.unwrap_or_default().floor() as i64 - i64::from(c.exclusive_maximum);
    }
    let rounded = low.div_euclid(step) * step;
    if rounded < low {
        rounded + step
    } else {
        rounded
    }
}

/// A number inside the range, on the step when there is one.
fn number(c: &Constraints) -> Value {
    if c.multiple_of.is_some() || c.minimum.is_some() || c.maximum.is_some() {
        if let Some(step) = c.multiple_of.filter(|s| *s > 0.0) {
            let low = c.minimum.unwrap_or(step);
            let mut n = (low / step).ceil() * step;
            if c.exclusive_minimum && n <= low {
                n += step;
            }
            return json!(n);
        }
        let low = c.minimum.unwrap_or(1.0);
        let high = c.maximum.unwrap_or(low + 2.0);
        return json!((low + high) / 2.0);
    }
    json!(1.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_match_their_patterns() {
        for (pattern, expected) in [
            (r"^-?\d{0,10}(?:\.\d{0,2})?$", "1"),
            (r"^[A-Z]{3}$", "AAA"),
            (r"^(GB|IE)\d{2}[A-Z]{4}$", "GB11AAAA"),
            (r"^\+?[0-9 ]{7,15}$", "1111111"),
            (r"[a-z0-9-]+", "a"),
        ] {
            assert_eq!(matching(pattern).as_deref(), Some(expected), "{pattern}");
        }
        assert_eq!(matching("(unclosed"), None);
    }

    #[test]
    fn samples_satisfy_their_constraints() {
        let c = Constraints {
            min_length: Some(10),
            max_length: Some(12),
            ..Constraints::default()
        };
        assert_eq!(string(&c).len(), 10);
        let c = Constraints {
            max_length: Some(3),
            ..Constraints::default()
        };
        assert_eq!(string(&c), "str");
        let c = Constraints {
            minimum: Some(5.0),
            exclusive_minimum: true,
            multiple_of: Some(5.0),
            ..Constraints::default()
        };
        assert_eq!(integer(&c), 10);
        let c = Constraints {
            maximum: Some(-3.0),
            ..Constraints::default()
        };
        assert_eq!(integer(&c), -3);
        let c = Constraints {
            minimum: Some(0.0),
            exclusive_minimum: true,
            multiple_of: Some(0.01),
            ..Constraints::default()
        };
        assert!(number(&c).as_f64().unwrap() > 0.0);
        let c = Constraints {
            format: Some("email".into()),
            ..Constraints::default()
        };
        assert_eq!(string(&c), "contract@example.com");
    }
}
