//! Keys that openapiv3 would drop without a word. Every key of an OpenAPI
//! object that is neither one of the object's fixed fields nor an `x-`
//! extension is reported, with a suggestion when one fixed field is close
//! (`coNtent` → `content`, `requried` → `required`).
//!
//! The walk reads the JSON tree before any normalisation, so positions
//! point at what the author wrote. Pointers are built only for the keys
//! reported.

mod fields;
mod fields32;

pub(super) use fields::{Holds, Kind, fields};
pub(super) use fields32::added_in_3_2;
use serde_json::{Map, Value};

use crate::diagnostics::{Segment, pointer_of, push_segment};

struct Walk<'a> {
    v31: bool,
    v32: bool,
    path: Vec<Segment<'a>>,
    found: Vec<(String, String)>,
}

/// The unknown keys of `doc`, as (pointer, message), in document order.
pub fn unknown_keys(doc: &Value) -> Vec<(String, String)> {
    let version = doc.get("openapi").and_then(Value::as_str);
    let v32 = version.is_some_and(|v| v.starts_with("3.2"));
    let v31 = v32 || version.is_some_and(|v| v.starts_with("3.1"));
    let mut walk = Walk {
        v31,
        v32,
        path: Vec::new(),
        found: Vec::new(),
    };
    walk.value(doc, Kind::Root);
    walk.found
}

impl<'a> Walk<'a> {
    fn pointer(&self, last: &str) -> String {
        let mut pointer = pointer_of(&self.path);
        push_segment(&mut pointer, last);
        pointer
    }

    fn value(&mut self, value: &'a Value, kind: Kind) {
        let Value::Object(object) = value else {
            return;
        };
        // A Reference Object: its siblings are ignored by the 3.0 rules and
        // are annotations in 3.1; nothing to check.
        if object.contains_key("$ref")
            && kind != Kind::PathItem
            && !(self.v31 && kind == Kind::Schema)
        {
            return;
        }
        match kind {
            Kind::Paths => self.entries(object, Kind::PathItem),
            Kind::Responses => self.entries(object, Kind::Response),
            Kind::Callback => self.entries(object, Kind::PathItem),
            _ => self.object(object, kind),
        }
    }

    /// A map whose keys are names (paths, status codes, expressions).
    fn entries(&mut self, object: &'a Map<String, Value>, kind: Kind) {
        for (key, value) in object {
            if key.starts_with("x-") {
                continue;
            }
            self.path.push(Segment::Key(key));
            self.value(value, kind);
            self.path.pop();
        }
    }

    fn object(&mut self, object: &'a Map<String, Value>, kind: Kind) {
        let (fixed, added) = fields(kind, self.v31);
        let added_32 = if self.v32 { added_in_3_2(kind) } else { &[] };
        let known = || fixed.iter().chain(added).chain(added_32);
        for (key, value) in object {
            if key.starts_with("x-") {
                continue;
            }
            let Some(holds) = known()
                .find(|(name, _)| name == key)
                .map(|(_, holds)| *holds)
            else {
                // A 3.1 schema may carry any keyword (an annotation of
                // JSON Schema 2020-12): only a near miss of a known one
                // (`requried`) is worth a word.
                let near_miss_only = self.v31 && kind == Kind::Schema;
                if !near_miss_only || suggestion(key, known().map(|(n, _)| *n)).is_some() {
                    let message = unknown_message(key, kind, known().map(|(n, _)| *n));
                    self.found.push((self.pointer(key), message));
                }
                continue;
            };
            self.path.push(Segment::Key(key));
            match (holds, value) {
                (Holds::Value, _) => {}
                (Holds::One(kind), value) => self.value(value, kind),
                (Holds::Map(kind), Value::Object(map)) => {
                    for (name, value) in map {
                        self.path.push(Segment::Key(name));
                        self.value(value, kind);
                        self.path.pop();
                    }
                }
                (Holds::List(kind), Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.path.push(Segment::Index(i));
                        self.value(item, kind);
                        self.path.pop();
                    }
                }
                _ => {}
            }
            self.path.pop();
        }
    }
}

fn unknown_message<'k>(key: &str, kind: Kind, known: impl Iterator<Item = &'k str>) -> String {
    let what = match kind {
        Kind::Root => "the OpenAPI object",
        Kind::Schema => "a schema",
        Kind::PathItem => "a path item",
        Kind::Operation => "an operation",
        Kind::Parameter => "a parameter",
        Kind::RequestBody => "a request body",
        Kind::MediaType => "a media type",
        Kind::Response => "a response",
        Kind::Header => "a header",
        Kind::Components => "components",
        Kind::SecurityScheme => "a security scheme",
        _ => "this object",
    };
    let shown: String = key.chars().take(60).collect();
    match suggestion(key, known) {
        Some(close) => format!(
            "`{shown}` is not a field of {what} and is ignored; did you mean `{close}`? (extensions start with `x-`)"
        ),
        None => format!(
            "`{shown}` is not a field of {what} and is ignored (extensions start with `x-`)"
        ),
    }
}

/// The one known field close to `key`: equal but for case, or within a
/// small edit distance (a transposition counts as one edit).
pub(crate) fn suggestion<'k>(key: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let known: Vec<&str> = known.collect();
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    let limit = if key.chars().count() <= 4 { 1 } else { 2 };
    let lower = key.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for candidate in known {
        let d = distance(&lower, &candidate.to_ascii_lowercase());
        if d > limit {
            continue;
        }
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, candidate));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, c)| c)
}

/// Optimal string alignment distance (Levenshtein plus adjacent swaps).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return usize::MAX;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests;
