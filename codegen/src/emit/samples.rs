//! Sample values for contract tests, made from the model. Every sample
//! satisfies every constraint of its schema that the model knows (lengths,
//! patterns, formats, ranges, steps, item counts, enums, required fields,
//! discriminators): a spec example is kept where it does, and each part of
//! it that breaks one (a phone number off its pattern, a code over its
//! `maxLength`, a missing required field) is replaced by a made value.
//! Made values are the least ones the constraints accept, so output is
//! deterministic.

use std::cell::RefCell;
use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{Map, Value, json};

use crate::model::{
    Api, Constraints, EnumRepr, ExtraFields, Field, Struct, TypeKind, TypeRef, UnionMode,
};

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
            (TypeRef::Named(name), v) => return self.fit_named(v, name, depth),
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

    fn fit_named(&self, v: &Value, name: &str, depth: usize) -> Value {
        let Some(def) = self.api.type_def(name) else {
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
                    self.named(name, depth)
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
                        return self.named(name, depth);
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
                    self.named(name, depth)
                }
            }
            (TypeKind::Alias(target), v) => {
                self.fit_at(v, target, &Constraints::default(), depth + 1)
            }
            _ => self.named(name, depth),
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

/// Whether a string satisfies its lengths (in characters, as JSON Schema
/// counts them), its pattern (as the client's `regex` checks it) and its
/// format.
fn string_fits(s: &str, c: &Constraints) -> bool {
    let len = s.chars().count() as u64;
    c.min_length.is_none_or(|min| len >= min)
        && c.max_length.is_none_or(|max| len <= max)
        && c.pattern.as_deref().is_none_or(|p| pattern_matches(p, s))
        && c.format.as_deref().is_none_or(|f| format_fits(f, s))
}

/// Whether `s` matches `pattern`; a pattern the regex crate cannot compile
/// (look-around, back-references) is not checked, as the client does not.
fn pattern_matches(pattern: &str, s: &str) -> bool {
    thread_local! {
        static COMPILED: RefCell<HashMap<String, Option<regex::Regex>>> = RefCell::default();
    }
    COMPILED.with_borrow_mut(|compiled| {
        compiled
            .entry(pattern.to_string())
            .or_insert_with(|| regex::Regex::new(pattern).ok())
            .as_ref()
            .is_none_or(|re| re.is_match(s))
    })
}

/// Whether `s` is in `format` (the formats a mock server checks; others
/// are free text).
fn format_fits(format: &str, s: &str) -> bool {
    match format {
        "email" => s.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !s.contains(char::is_whitespace)
        }),
        "uri" | "url" | "iri" => s.split_once(':').is_some_and(|(scheme, rest)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.is_empty()
                && !s.contains(char::is_whitespace)
        }),
        "uri-reference" | "iri-reference" => !s.contains(char::is_whitespace),
        "hostname" => {
            !s.is_empty()
                && s.len() <= 253
                && s.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                })
        }
        "ipv4" => s.parse::<Ipv4Addr>().is_ok(),
        "ipv6" => s.parse::<Ipv6Addr>().is_ok(),
        "date" => is_date(s),
        "date-time" => is_date_time(s),
        "time" => is_time(s),
        "uuid" => is_uuid(s),
        "byte" => {
            s.len().is_multiple_of(4)
                && s.trim_end_matches('=')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
        }
        _ => true,
    }
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD` with a real month and day.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || !digits(y) || !digits(m) || !digits(d) {
        return false;
    }
    let (year, month, day): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        d.parse().unwrap_or(0),
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `HH:MM:SS[.frac]` and an offset (`Z`, `+01:00`).
fn is_time(s: &str) -> bool {
    let (clock, offset) = match s.find(['Z', 'z', '+', '-']) {
        Some(i) => s.split_at(i),
        None => return false,
    };
    let offset_ok = matches!(offset, "Z" | "z")
        || (offset.len() == 6
            && digits(&offset[1..3])
            && &offset[3..4] == ":"
            && digits(&offset[4..6]));
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "0"));
    let parts: Vec<&str> = hms.split(':').collect();
    offset_ok
        && digits(fraction)
        && parts.len() == 3
        && parts.iter().all(|p| p.len() == 2 && digits(p))
        && parts[0] < "24"
        && parts[1] < "60"
        && parts[2] <= "60"
}

/// An RFC 3339 date-time.
fn is_date_time(s: &str) -> bool {
    s.split_once(['T', 't', ' '])
        .is_some_and(|(date, time)| is_date(date) && is_time(time))
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn in_range(n: f64, c: &Constraints) -> bool {
    let above = c.minimum.is_none_or(|min| {
        if c.exclusive_minimum {
            n > min
        } else {
            n >= min
        }
    });
    let below = c.maximum.is_none_or(|max| {
        if c.exclusive_maximum {
            n < max
        } else {
            n <= max
        }
    });
    let on_step = c.multiple_of.filter(|m| *m > 0.0).is_none_or(|m| {
        let q = n / m;
        (q - q.round()).abs() < 1e-9
    });
    above && below && on_step
}

/// The shortest and longest strings `hir` matches, in characters (`None`:
/// no bound).
fn span(hir: &Hir) -> (usize, Option<usize>) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (0, Some(0)),
        HirKind::Literal(literal) => {
            let n = String::from_utf8_lossy(&literal.0).chars().count();
            (n, Some(n))
        }
        HirKind::Class(_) => (1, Some(1)),
        HirKind::Repetition(rep) => {
            let (min, max) = span(&rep.sub);
            let times = |n: u32| (n as usize).saturating_mul(min).min(LONGEST * 4);
            let upper = match (rep.max, max) {
                (_, Some(0)) => Some(0),
                (Some(n), Some(max)) => Some((n as usize).saturating_mul(max)),
                _ => None,
            };
            (times(rep.min), upper)
        }
        HirKind::Capture(capture) => span(&capture.sub),
        HirKind::Concat(parts) => parts.iter().map(span).fold((0, Some(0)), |a, b| {
            (
                a.0.saturating_add(b.0),
                a.1.zip(b.1).map(|(x, y)| x.saturating_add(y)),
            )
        }),
        HirKind::Alternation(branches) => {
            let spans: Vec<_> = branches.iter().map(span).collect();
            let min = spans.iter().map(|s| s.0).min().unwrap_or(0);
            let max = spans
                .iter()
                .map(|s| s.1)
                .try_fold(0, |a, b| b.map(|b| a.max(b)));
            (min, max)
        }
    }
}

/// Appends to `out` a string `hir` matches, as near `want` characters long
/// as the pattern allows: each class at a letter or digit where it has
/// one, each repetition at the fewest rounds that reach the length, the
/// extra length where there is the most room for it, each alternation at
/// its first branch that can be that long.
fn generate(hir: &Hir, want: usize, out: &mut String, depth: usize) -> Option<()> {
    if depth > 64 || out.len() > LONGEST * 4 {
        return None;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges();
            let contains = |c: &char| ranges.iter().any(|r| r.start() <= *c && *c <= r.end());
            let pick = ['a', 'A', '1', '0', 'x']
                .into_iter()
                .find(contains)
                .or_else(|| (' '..='~').find(|c| !c.is_whitespace() && contains(c)))
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
            let (min, max) = span(&rep.sub);
            let least = rep.min as usize;
            let most = rep.max.map_or(LONGEST, |m| (m as usize).min(LONGEST));
            // The fewest rounds that can reach `want`.
            let rounds = match max {
                _ if want <= least.saturating_mul(min) => least,
                Some(0) => least,
                Some(max) => want.div_ceil(max).clamp(least, most.max(least)),
                None => least.max(1).min(most.max(least)),
            };
            let mut left = want;
            for round in 0..rounds {
                let after = (rounds - round - 1).saturating_mul(min);
                let share = left.saturating_sub(after).max(min);
                let share = max.map_or(share, |max| share.min(max));
                let before = out.chars().count();
                generate(&rep.sub, share, out, depth + 1)?;
                left = left.saturating_sub(out.chars().count() - before);
            }
        }
        HirKind::Capture(capture) => generate(&capture.sub, want, out, depth + 1)?,
        HirKind::Concat(parts) => {
            let spans: Vec<_> = parts.iter().map(span).collect();
            let least: usize = spans.iter().map(|s| s.0).sum();
            let mut extra = want.saturating_sub(least);
            let mut wants: Vec<usize> = spans.iter().map(|s| s.0).collect();
            // The extra length goes to the parts with the most room first.
            let mut order: Vec<usize> = (0..parts.len()).collect();
            order.sort_by_key(|&i| {
                std::cmp::Reverse(
                    spans[i]
                        .1
                        .map_or(usize::MAX, |m| m.saturating_sub(spans[i].0)),
                )
            });
            for i in order {
                let room = spans[i]
                    .1
                    .map_or(usize::MAX, |m| m.saturating_sub(spans[i].0));
                let given = extra.min(room);
                wants[i] += given;
                extra -= given;
            }
            for (part, want) in parts.iter().zip(wants) {
                generate(part, want, out, depth + 1)?;
            }
        }
        HirKind::Alternation(branches) => {
            let branch = branches
                .iter()
                .find(|b| {
                    let (min, max) = span(b);
                    min <= want && max.is_none_or(|max| want <= max)
                })
                .or_else(|| branches.first())?;
            generate(branch, want, out, depth + 1)?;
        }
    }
    Some(())
}

/// A plain string `pattern` matches, as near `want` characters long as it
/// allows. `None` when the pattern does not parse or asks for what a
/// sample cannot give.
fn matching(pattern: &str, want: usize) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(64)
        .build()
        .parse(pattern)
        .ok()?;
    let (min, max) = span(&hir);
    let want = want.max(min).min(max.unwrap_or(usize::MAX)).min(LONGEST);
    let mut out = String::new();
    generate(&hir, want, &mut out, 0)?;
    Some(out)
}

/// A string of a legal length, in the string's format, matching its
/// pattern: the format's example where it fits, else one made from the
/// pattern, else `string` padded or cut to length.
fn string(c: &Constraints) -> String {
    let min = c.min_length.unwrap_or(1).max(1) as usize;
    let max = c.max_length.map_or(usize::MAX, |m| m as usize);
    let formatted = match c.format.as_deref() {
        Some("email") => Some("contract@example.com"),
        Some("uri" | "url" | "uri-reference" | "iri" | "iri-reference") => {
            Some("https://example.com/contract")
        }
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
    if let Some(text) = formatted.filter(|t| string_fits(t, c)) {
        return text.to_string();
    }
    if let Some(pattern) = c.pattern.as_deref() {
        // As long as `minLength` asks; then the shortest the pattern gives.
        let tries = [min.min(LONGEST), 1];
        let made: Vec<String> = tries.iter().filter_map(|w| matching(pattern, *w)).collect();
        if let Some(text) = made.iter().find(|t| string_fits(t, c)) {
            return text.clone();
        }
        // An unanchored pattern matches inside a longer string.
        if let Some(text) = made.first() {
            let pad = "x".repeat(min.min(LONGEST).saturating_sub(text.chars().count()));
            let padded = [format!("{text}{pad}"), format!("{pad}{text}")];
            if let Some(text) = padded.into_iter().find(|t| string_fits(t, c)) {
                return text;
            }
        }
        if let Some(text) = made.into_iter().next() {
            return text;
        }
    }
    if let Some(text) = formatted {
        return text.to_string();
    }
    let mut text = "string".to_string();
    while text.len() < min.min(LONGEST) {
        text.push('x');
    }
    text.truncate(max.max(min.min(max)));
    text
}

/// The least integer inside the range and on the step, near 1.
fn integer(c: &Constraints) -> i64 {
    let step = c.multiple_of.map_or(1, |m| (m as i64).max(1));
    let low = match c.minimum {
        Some(m) => {
            let ceil = m.ceil() as i64;
            if c.exclusive_minimum && ceil as f64 == m {
                ceil + 1
            } else {
                ceil
            }
        }
        None => 1,
    };
    let up = |n: i64| {
        let rounded = n.div_euclid(step) * step;
        if rounded < n { rounded + step } else { rounded }
    };
    let value = up(low);
    match c.maximum {
        Some(max) if value as f64 > max || (c.exclusive_maximum && value as f64 >= max) => {
            let mut high = max.floor() as i64;
            if c.exclusive_maximum && high as f64 == max {
                high -= 1;
            }
            let down = high.div_euclid(step) * step;
            if c.minimum.is_none() || down >= low {
                down
            } else {
                value
            }
        }
        _ => value,
    }
}

/// A number inside the range, on the step when there is one.
fn number(c: &Constraints) -> Value {
    if let Some(step) = c.multiple_of.filter(|s| *s > 0.0) {
        let low = c.minimum.unwrap_or(step);
        let mut n = (low / step).ceil() * step;
        if c.exclusive_minimum && n <= low {
            n += step;
        }
        if c.maximum
            .is_some_and(|max| n > max || (c.exclusive_maximum && n >= max))
        {
            let max = c.maximum.unwrap_or_default();
            let mut down = (max / step).floor() * step;
            if c.exclusive_maximum && down >= max {
                down -= step;
            }
            n = down;
        }
        return json!(n);
    }
    match (c.minimum, c.maximum) {
        (None, None) => json!(1.5),
        (Some(low), Some(high)) => json!((low + high) / 2.0),
        (Some(low), None) => json!(low + 1.0),
        (None, Some(high)) => json!(if high > 1.5 { 1.5 } else { high - 1.0 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shortest(pattern: &str) -> Option<String> {
        matching(pattern, 1)
    }

    #[test]
    fn strings_match_their_patterns() {
        for (pattern, expected) in [
            (r"^-?\d{0,10}(?:\.\d{0,2})?$", "1"),
            (r"^[A-Z]{3}$", "AAA"),
            (r"^(GB|IE)\d{2}[A-Z]{4}$", "GB11AAAA"),
            (r"^\+?[0-9 ]{7,15}$", "1111111"),
            (r"[a-z0-9-]+", "a"),
            (r"^\+[1-9]\d{1,14}$", "+11"),
            (r"^\d{1,13}$|^\d{1,13}\.\d{1,5}$", "1"),
        ] {
            assert_eq!(shortest(pattern).as_deref(), Some(expected), "{pattern}");
            assert!(pattern_matches(pattern, expected), "{pattern}");
        }
        assert_eq!(shortest("(unclosed"), None);
    }

    #[test]
    fn patterns_and_lengths_are_met_together() {
        for (pattern, min, max) in [
            (r"^[a-z0-9-]+$", 5, 10),
            (r"^\+[1-9]\d{1,14}$", 8, 16),
            (r"^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$", 15, 34),
            (r"^.{3,}$", 12, 20),
            (r"^(abc|[0-9]{6,8})$", 7, 7),
            (r"[A-Z]", 4, 4),
        ] {
            let c = Constraints {
                pattern: Some(pattern.into()),
                min_length: Some(min),
                max_length: Some(max),
                ..Constraints::default()
            };
            let made = string(&c);
            assert!(string_fits(&made, &c), "{pattern} {min}..{max}: {made:?}");
        }
        // A format's example is kept only where the pattern takes it.
        let c = Constraints {
            format: Some("email".into()),
            pattern: Some(r"^[a-z]+@bank\.example$".into()),
            ..Constraints::default()
        };
        assert_eq!(string(&c), "a@bank.example");
    }

    #[test]
    fn examples_that_break_a_constraint_are_not_kept() {
        let phone = Constraints {
            pattern: Some(r"^\+[1-9]\d{1,14}$".into()),
            ..Constraints::default()
        };
        assert!(!string_fits("+1 (555) 010-9999", &phone));
        assert!(string_fits("+15550109999", &phone));
        let routing = Constraints {
            max_length: Some(9),
            ..Constraints::default()
        };
        assert!(!string_fits("1231231234556", &routing));
        let email = Constraints {
            format: Some("email".into()),
            ..Constraints::default()
        };
        assert!(!string_fits("not an address", &email));
        for (date, ok) in [
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("2025-10-15T13:52:38.330Z", false),
        ] {
            assert_eq!(is_date(date), ok, "{date}");
        }
        for (time, ok) in [
            ("2025-10-15T13:52:38.330Z", true),
            ("2025-10-15T13:52:38+02:00", true),
            ("2025-10-15 13:52", false),
            ("2025-10-15", false),
        ] {
            assert_eq!(is_date_time(time), ok, "{time}");
        }
    }

    #[test]
    fn examples_keep_what_fits_and_lose_what_does_not() {
        let spec = r##"{
          "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
          "paths": {"/users": {"post": {
            "requestBody": {"required": true, "content": {"application/json": {
              "schema": {"$ref": "#/components/schemas/User"}}}},
            "responses": {"204": {"description": "ok"}}}}},
          "components": {"schemas": {"User": {
            "type": "object",
            "required": ["name", "phone", "routing", "kind", "tags"],
            "properties": {
              "name": {"type": "string"},
              "phone": {"type": "string", "pattern": "^\\+[1-9]\\d{1,14}$"},
              "routing": {"type": "string", "maxLength": 9},
              "kind": {"type": "string", "enum": ["person", "company"]},
              "tags": {"type": "array", "minItems": 2, "items": {"type": "string", "minLength": 3}},
              "email": {"type": "string", "format": "email"}
            }}}}
        }"##;
        let doc = crate::load::load_str(std::path::Path::new("t.json"), spec.into()).unwrap();
        let api = crate::lower::lower(&doc, &crate::shared::Options::default()).api;
        let sampler = Sampler::new(&api);
        let ty = TypeRef::Named("User".into());
        let example = json!({
            "name": "Jane", "phone": "+1 (555) 010-9999", "routing": "1231231234556",
            "kind": "robot", "tags": ["ab"], "email": "jane@example.com"
        });
        let fitted = sampler.fit(&example, &ty, &Constraints::default());
        assert_eq!(
            fitted,
            json!({
                "name": "Jane", "phone": "+11", "routing": "string",
                "kind": "person", "tags": ["string", "string"], "email": "jane@example.com"
            })
        );
        assert_eq!(sampler.fit(&fitted, &ty, &Constraints::default()), fitted);
        // A missing required field is made; a value of the wrong shape is replaced.
        let fitted = sampler.fit(&json!({"name": "Jane"}), &ty, &Constraints::default());
        assert_eq!(fitted["routing"], json!("string"));
        assert_eq!(
            sampler.fit(&json!("Jane"), &ty, &Constraints::default())["name"],
            json!("string")
        );
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
            maximum: Some(1.0),
            exclusive_maximum: true,
            ..Constraints::default()
        };
        assert_eq!(integer(&c), 0);
        let c = Constraints {
            minimum: Some(0.0),
            exclusive_minimum: true,
            multiple_of: Some(0.01),
            ..Constraints::default()
        };
        assert!(number(&c).as_f64().unwrap() > 0.0);
        let c = Constraints {
            maximum: Some(0.5),
            multiple_of: Some(0.25),
            ..Constraints::default()
        };
        assert!(in_range(number(&c).as_f64().unwrap(), &c));
        let c = Constraints {
            maximum: Some(1.0),
            ..Constraints::default()
        };
        assert!(in_range(number(&c).as_f64().unwrap(), &c));
        let c = Constraints {
            format: Some("email".into()),
            ..Constraints::default()
        };
        assert_eq!(string(&c), "contract@example.com");
    }
}
