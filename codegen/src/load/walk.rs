//! A walk over every OpenAPI object of a document tree, by kind, for the
//! rewrites that work object by object (3.2 fields, `x-oai-*` extensions).
//! What each field holds comes from the fixed-field tables of `keys`.

use serde_json::{Map, Value};

use super::ext;
use super::keys::{Holds, Kind, added_in_3_2, fields};
use crate::diagnostics::push_segment;

/// How deep the walk follows nested objects.
const MAX_DEPTH: usize = 256;

/// Called once per object, after its children: a rewrite of the object
/// never hides one of theirs.
pub(super) trait Visit {
    fn object(&mut self, kind: Kind, object: &mut Map<String, Value>, pointer: &str);
}

/// Visits every object of `value` (an object of `kind` at `pointer`).
pub(super) fn walk(value: &mut Value, kind: Kind, pointer: &str, visit: &mut impl Visit) {
    let mut at = String::from(pointer);
    walk_at(value, kind, &mut at, 0, visit);
}

fn walk_at(value: &mut Value, kind: Kind, at: &mut String, depth: usize, visit: &mut impl Visit) {
    let Value::Object(object) = value else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    // A Reference Object: nothing of its own to rewrite.
    if object.contains_key("$ref") && !matches!(kind, Kind::PathItem | Kind::Schema) {
        return;
    }
    match kind {
        Kind::Paths | Kind::Callback => entries(object, Kind::PathItem, at, depth, visit),
        Kind::Responses => entries(object, Kind::Response, at, depth, visit),
        _ => {
            let (fixed, added) = fields(kind, true);
            let added_32 = added_in_3_2(kind);
            for (key, child_value) in object.iter_mut() {
                let holds = fixed
                    .iter()
                    .chain(added)
                    .chain(added_32)
                    .find(|(name, _)| name == key)
                    .map(|(_, holds)| *holds);
                let holds = match holds {
                    Some(holds) => holds,
                    // Methods of 3.0 and 3.1 documents beyond the fixed ones.
                    None if kind == Kind::PathItem && key == ext::ADDITIONAL_OPERATIONS => {
                        Holds::Map(Kind::Operation)
                    }
                    None => continue,
                };
                let len = at.len();
                match (holds, child_value) {
                    (Holds::Value, _) => {}
                    (Holds::One(kind), value) => {
                        push_segment(at, key);
                        walk_at(value, kind, at, depth + 1, visit);
                    }
                    (Holds::Map(kind), Value::Object(map)) => {
                        push_segment(at, key);
                        let here = at.len();
                        for (name, value) in map.iter_mut() {
                            push_segment(at, name);
                            walk_at(value, kind, at, depth + 1, visit);
                            at.truncate(here);
                        }
                    }
                    (Holds::List(kind), Value::Array(items)) => {
                        push_segment(at, key);
                        let here = at.len();
                        for (i, item) in items.iter_mut().enumerate() {
                            push_segment(at, &i.to_string());
                            walk_at(item, kind, at, depth + 1, visit);
                            at.truncate(here);
                        }
                    }
                    _ => {}
                }
                at.truncate(len);
            }
        }
    }
    visit.object(kind, object, at);
}

/// A map whose keys are names (paths, status codes, expressions).
fn entries(
    object: &mut Map<String, Value>,
    kind: Kind,
    at: &mut String,
    depth: usize,
    visit: &mut impl Visit,
) {
    let len = at.len();
    for (key, value) in object.iter_mut() {
        if !key.starts_with("x-") {
            push_segment(at, key);
            walk_at(value, kind, at, depth + 1, visit);
            at.truncate(len);
        }
    }
}
