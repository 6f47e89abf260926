//! Sample values for contract tests, made from the model. Every sample
//! satisfies every constraint of its schema that the model knows (lengths,
//! patterns, formats, ranges, steps, item counts, enums, required fields,
//! discriminators): a spec example is kept where it does, and each part of
//! it that breaks one (a phone number off its pattern, a code over its
//! `maxLength`, a missing required field) is replaced by a made value.
//! Made values are the least ones the constraints accept, so output is
//! deterministic.

use serde_json::{Map, Value, json};

mod values;

use crate::model::{
    Api, Constraints, EnumRepr, ExtraFields, Field, Struct, TypeId, TypeKind, TypeRef, UnionMode,
};
use values::*;

/// How deep a sample value nests before required recursion is cut off.
const DEPTH: usize = 8;

/// The longest string a pattern is asked to give (a bound on `.*` and on
/// `minLength`).
const LONGEST: usize = 4096;

/// Makes values that satisfy a type's schema: examples where they fit,
/// else the least value every constraint accepts.
pub struct Sampler<'a> {
    api: &'a Api,
}

impl<'a> Sampler<'a> {
    /// The API whose values it makes.
    pub fn api(&self) -> &'a Api {
        self.api
    }

    pub fn new(api: &'a Api) -> Self {
        Sampler { api }
    }

    /// The type's first example, when the spec gives one.
    pub fn example(&self, ty: &TypeRef) -> Option<&'a Value> {
        match ty {
            TypeRef::Named(id) => self.api.type_def(*id)?.examples.first(),
            _ => None,
        }
    }

    /// `example` made to satisfy `ty` and `c`: kept where it does, each part
    /// that does not replaced by a made value, missing required fields
    /// added, surplus items dropped. A value of the wrong JSON shape is
    /// replaced whole.
    pub fn fit(&self, example: &Value, ty: &TypeRef, c: &Constraints) -> Value {
        self.fit_at(example, ty, c, 0)
    }

    fn fit_at(&self, v: &Value, ty: &TypeRef, c: &Constraints, depth: usize) -> Value {
        if depth > DEPTH {
            return v.clone();
        }
        let keep = match (ty, v) {
            (TypeRef::String, Value::String(s)) => string_fits(s, c),
            (TypeRef::Bool, Value::Bool(_)) => true,
            (TypeRef::I32, v) => v
                .as_i64()
                .is_some_and(|n| i32::try_from(n).is_ok() && in_range(n as f64, c)),
            (TypeRef::I64, v) => v.as_i64().is_some_and(|n| in_range(n as f64, c)),
            (TypeRef::F32 | TypeRef::F64, Value::Number(n)) => {
                n.as_f64().is_some_and(|n| in_range(n, c))
            }
            (TypeRef::Decimal, v) => match v {
                Value::Number(n) => n.as_f64().is_some_and(|n| in_range(n, c)),
                Value::String(s) => s.trim().parse::<f64>().is_ok_and(|n| in_range(n, c)),
                _ => false,
            },
            (TypeRef::Date, Value::String(s)) => is_date(s) && string_fits(s, c),
            (TypeRef::DateTime, Value::String(s)) => is_date_time(s) && string_fits(s, c),
            (TypeRef::Uuid, Value::String(s)) => is_uuid(s) && string_fits(s, c),
            (TypeRef::File, Value::String(_)) | (TypeRef::Json, _) => true,
            (TypeRef::Nullable(_), Value::Null) => true,
            (TypeRef::Nullable(inner), v) => return self.fit_at(v, inner, c, depth),
            (TypeRef::Vec(inner), Value::Array(items)) => {
                return self.fit_items(items, inner, c, depth);
            }
            (TypeRef::Map(inner), Value::Object(entries)) => {
                let entries = entries.iter().map(|(k, v)| {
                    (
                        k.clone(),
                        self.fit_at(v, inner, &Constraints::default(), depth + 1),
                    )
                });
                return Value::Object(entries.collect());
            }
            (TypeRef::Named(id), v) => return self.fit_named(v, *id, depth),
            _ => false,
        };
        if keep {
            v.clone()
        } else {
            self.value(ty, c, depth)
        }
    }

    /// An array's items, each made to fit, and as many as `minItems` and
    /// `maxItems` allow.
    fn fit_items(&self, items: &[Value], inner: &TypeRef, c: &Constraints, depth: usize) -> Value {
        let item_constraints = c.items.as_deref().cloned().unwrap_or_default();
        let max = c.max_items.map_or(usize::MAX, |m| m as usize);
        let mut out: Vec<Value> = items
            .iter()
            .take(max)
            .map(|item| self.fit_at(item, inner, &item_constraints, depth + 1))
            .collect();
        let min = c.min_items.unwrap_or(0).min(LONGEST as u64) as usize;
        if out.len() < min {
            let made = out
                .first()
                .cloned()
                .unwrap_or_else(|| self.value(inner, &item_constraints, depth + 1));
            out.resize(min.min(max), made);
        }
        Value::Array(out)
    }

    fn fit_named(&self, v: &Value, id: TypeId, depth: usize) -> Value {
        let Some(def) = self.api.type_def(id) else {
            return v.clone();
        };
        match (&def.kind, v) {
            (TypeKind::Struct(s), Value::Object(o)) => self.fit_struct(s, o, depth),
            (TypeKind::Enum(e), v) => {
                let known = e.variants.iter().any(|variant| match e.repr {
                    EnumRepr::String => v.as_str() == Some(variant.wire.as_str()),
                    EnumRepr::Integer => {
                        v.as_i64().map(|n| n.to_string()).as_deref() == Some(&variant.wire)
                    }
                });
                if known {
                    v.clone()
                } else {
                    self.named(id, depth)
                }
            }
            (TypeKind::Union(u), v) => {
                if let (UnionMode::Tagged { property, .. }, Value::Object(o)) = (&u.mode, v) {
                    let tag = o.get(property).and_then(Value::as_str);
                    let chosen = u
                        .variants
                        .iter()
                        .find(|x| tag.is_some_and(|t| x.tags.iter().any(|y| y == t)));
                    let (Some(variant), Some(tag)) = (chosen, tag) else {
                        return self.named(id, depth);
                    };
                    let mut fitted =
                        self.fit_at(v, &variant.ty, &Constraints::default(), depth + 1);
                    if let Value::Object(o) = &mut fitted {
                        o.entry(property.clone()).or_insert_with(|| json!(tag));
                    }
                    return fitted;
                }
                let default = Constraints::default();
                if u.variants
                    .iter()
                    .any(|x| self.fit_at(v, &x.ty, &default, depth + 1) == *v)
                {
                    v.clone()
                } else {
                    self.named(id, depth)
                }
            }
            (TypeKind::Alias(target), v) => {
                self.fit_at(v, target, &Constraints::default(), depth + 1)
            }
            _ => self.named(id, depth),
        }
    }

    /// An object made to fit a struct: its fields fitted, the required
    /// ones it lacks made, what `additionalProperties: false` refuses
    /// dropped.
    fn fit_struct(&self, s: &Struct, o: &Map<String, Value>, depth: usize) -> Value {
        let mut object = Map::new();
        for (key, value) in o {
            let value = match s.fields.iter().find(|f| f.wire_name == *key) {
                // `null` is absent to an optional field.
                Some(f) if value.is_null() && (f.nullable || !f.required) => value.clone(),
                Some(f) => self.fit_at(value, &f.ty, &f.constraints, depth + 1),
                None => match &s.extra {
                    ExtraFields::Deny => continue,
                    ExtraFields::Keep(ty) => {
                        self.fit_at(value, ty, &Constraints::default(), depth + 1)
                    }
                    ExtraFields::Ignore => value.clone(),
                },
            };
            object.insert(key.clone(), value);
        }
        for f in s.fields.iter().filter(|f| f.required && !f.read_only) {
            if !object.contains_key(&f.wire_name) {
                object.insert(f.wire_name.clone(), self.field(f, depth));
            }
        }
        Value::Object(object)
    }

    /// A required field's sample: its own example where it fits.
    fn field(&self, f: &Field, depth: usize) -> Value {
        match f.examples.first() {
            Some(example) if self.fit_at(example, &f.ty, &f.constraints, depth + 1) == *example => {
                example.clone()
            }
            _ => self.value(&f.ty, &f.constraints, depth + 1),
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
                    .min(c.max_items.unwrap_or(1).max(c.min_items.unwrap_or(0)))
                    .min(LONGEST as u64);
                let item = self.value(inner, &item_constraints, depth + 1);
                Value::Array(vec![item; count as usize])
            }
            TypeRef::Map(_) => json!({}),
            TypeRef::Nullable(inner) => self.value(inner, c, depth),
            TypeRef::Named(id) => self.named(*id, depth),
        }
    }

    fn named(&self, id: TypeId, depth: usize) -> Value {
        let Some(def) = self.api.type_def(id) else {
            return json!({});
        };
        if depth > DEPTH {
            return json!({});
        }
        match &def.kind {
            TypeKind::Struct(s) => {
                let mut object = Map::new();
                for f in s.fields.iter().filter(|f| f.required && !f.read_only) {
                    object.insert(f.wire_name.clone(), self.field(f, depth));
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

#[cfg(test)]
mod tests;
