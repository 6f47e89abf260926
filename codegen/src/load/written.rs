//! What lower reads of the document as written, where openapiv3's model
//! does not keep it: what each `$ref` points at (a reference may point
//! anywhere, `#/paths/~1chargers/get/parameters/0`), and which `explode`s
//! an encoding states (openapiv3 reads a missing one as `false`).
//!
//! Collected in one walk just before deserialization consumes the tree
//! (see `deserialize.rs`), so the tree is not kept while lowering: for
//! Microsoft Graph beta that is about 345 MB.

use crate::shared::HashMap;

use indexmap::IndexMap;
use serde_json::Value;

use super::locate::percent_decode;
use crate::diagnostics::child;

/// The component kinds a reference may name by key (openapiv3's model
/// has them by key; a reference to one is not read here).
const COMPONENT_KINDS: [&str; 7] = [
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "examples",
    "securitySchemes",
];

/// What a `$ref` of the document points at.
#[derive(Debug)]
enum Target {
    /// Nothing: the pointer finds no value in the document.
    Missing,
    /// A component named by key (`#/components/schemas/Pet`).
    Component,
    /// Any other place: the value there, as written.
    Value(Value),
}

/// See the module's documentation.
#[derive(Debug, Default)]
pub struct Written {
    /// Every `$ref` of the document that is a fragment (`#…`), once, in
    /// document order.
    references: IndexMap<String, Target>,
    /// `explode` as an encoding entry states it, by the entry's pointer
    /// (plain JSON pointer: `#/paths/~1pets/post/requestBody/content/…/encoding/tags`).
    explodes: HashMap<String, bool>,
    /// References written where one kind of object belongs that point at
    /// another kind, in document order (see [`Misplaced`]).
    misplaced: Vec<Misplaced>,
}

/// A `$ref` that stands where a schema belongs and points at a parameter
/// or a response (`schema: {$ref: '#/components/responses/Status'}`), or
/// stands where a response or a request body belongs and points at a
/// schema (`requestBody: {$ref: '#/components/schemas/Pet'}`). Such a
/// document is invalid; lower refuses it, or with `--lenient` reads the
/// target as the kind its place needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Misplaced {
    /// The reference as written.
    pub reference: String,
    /// The plain JSON pointer of the object holding the `$ref`.
    pub site: String,
    /// What the place holds.
    pub belongs: Belongs,
}

/// The kind of object a misplaced reference's place holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Belongs {
    Schema,
    Response,
    RequestBody,
}

impl Written {
    /// Reads `root` (the whole document) once.
    pub fn collect(root: &Value) -> Written {
        let mut written = Written::default();
        let mut fragments: Vec<&str> = Vec::new();
        // Iterative, so depth costs heap, not stack.
        let mut stack: Vec<(usize, Segment, &Value)> = vec![(0, Segment::Root, root)];
        let mut path: Vec<Segment> = Vec::new();
        while let Some((depth, segment, value)) = stack.pop() {
            path.truncate(depth);
            path.push(segment);
            match value {
                Value::Object(map) => {
                    // A media type: under `content`, keyed by its type.
                    let media = matches!(
                        path.as_slice(),
                        [.., Segment::Key("content"), Segment::Key(_)]
                    );
                    if let Some(Value::String(s)) = map.get("$ref")
                        && s.starts_with('#')
                    {
                        fragments.push(s);
                        if let Some(belongs) = misplaced(&path, s) {
                            written.misplaced.push(Misplaced {
                                reference: s.clone(),
                                site: pointer(&path),
                                belongs,
                            });
                        }
                    }
                    if media && let Some(Value::Object(entries)) = map.get("encoding") {
                        let at = child(&pointer(&path), "encoding");
                        for (name, entry) in entries {
                            if let Some(explode) = entry.get("explode").and_then(Value::as_bool) {
                                written.explodes.insert(child(&at, name), explode);
                            }
                        }
                    }
                    // Children pushed last first, so they are read in order.
                    for (key, v) in map.iter().rev() {
                        // Examples are payloads: a `$ref` key there is data.
                        if !matches!(key.as_str(), "example" | "examples")
                            && (v.is_object() || v.is_array())
                        {
                            stack.push((depth + 1, Segment::Key(key), v));
                        }
                    }
                }
                Value::Array(items) => {
                    let nested = items.iter().enumerate().rev();
                    for (i, v) in nested.filter(|(_, v)| v.is_object() || v.is_array()) {
                        stack.push((depth + 1, Segment::Index(i), v));
                    }
                }
                _ => {}
            }
        }
        for reference in fragments {
            if written.references.contains_key(reference) {
                continue;
            }
            let segments = pointer_segments(&reference[1..]);
            let target = match (pointer_target(root, &segments), segments.as_slice()) {
                (None, _) => Target::Missing,
                (Some(_), [first, kind, _])
                    if first == "components" && COMPONENT_KINDS.contains(&kind.as_str()) =>
                {
                    Target::Component
                }
                (Some(value), _) => Target::Value(value.clone()),
            };
            written.references.insert(reference.to_string(), target);
        }
        written
    }

    /// The references that point elsewhere than a component by key, with
    /// the value each points at, in document order.
    pub fn elsewhere(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.references.iter().filter_map(|(r, t)| match t {
            Target::Value(v) => Some((r.as_str(), v)),
            _ => None,
        })
    }

    /// The references whose place holds one kind of object and whose
    /// target another (a schema's place, a parameter), in document order.
    pub fn misplaced(&self) -> &[Misplaced] {
        &self.misplaced
    }

    /// Whether the document has a value where `reference` points.
    pub fn resolves(&self, reference: &str) -> bool {
        matches!(
            self.references.get(reference),
            Some(Target::Component | Target::Value(_))
        )
    }

    /// The `explode` that the encoding of `property` states, in the media
    /// type object at `media` (a plain JSON pointer).
    pub fn explode(&self, media: &str, property: &str) -> Option<bool> {
        let entry = child(&child(media, "encoding"), property);
        self.explodes.get(&entry).copied()
    }
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// What the place of a `$ref` at `path` holds, when `reference` points
/// at an object of another kind: a schema's place (`schema`, `items`, a
/// property, a member of `allOf`, ...) holding a reference to a parameter
/// or a response, or a response's place (an entry of `responses`) or a
/// request body's (`requestBody`) holding a reference to a schema. Read from the last two segments of
/// each, as written (the kinds' names need no unescaping), so the walk
/// makes no string for the references that are in place.
fn misplaced(path: &[Segment], reference: &str) -> Option<Belongs> {
    let mut written = reference.rsplit('/');
    let target = written.nth(1)?;
    let belongs = match path {
        [
            ..,
            Segment::Key("components"),
            Segment::Key("responses"),
            Segment::Key(_),
        ] => Belongs::Response,
        [.., Segment::Key("responses"), Segment::Key(code)] if status_key(code) => {
            Belongs::Response
        }
        [
            ..,
            Segment::Key("components"),
            Segment::Key("requestBodies"),
            Segment::Key(_),
        ]
        | [.., Segment::Key("requestBody")] => Belongs::RequestBody,
        [.., Segment::Key(parent), Segment::Key(_)]
            if matches!(
                *parent,
                "properties" | "patternProperties" | "$defs" | "definitions"
            ) =>
        {
            Belongs::Schema
        }
        [.., Segment::Key(parent), Segment::Index(_)]
            if matches!(*parent, "allOf" | "anyOf" | "oneOf" | "prefixItems") =>
        {
            Belongs::Schema
        }
        [.., Segment::Key(last)]
            if matches!(*last, "schema" | "items" | "additionalProperties" | "not") =>
        {
            Belongs::Schema
        }
        _ => return None,
    };
    let elsewhere = match belongs {
        Belongs::Schema => matches!(target, "parameters" | "responses"),
        Belongs::Response | Belongs::RequestBody => target == "schemas",
    };
    elsewhere.then_some(belongs)
}

/// A key of an operation's `responses`: `default`, a status code
/// (`200`) or a range (`4XX`).
fn status_key(key: &str) -> bool {
    key == "default" || (key.len() == 3 && matches!(key.as_bytes()[0], b'1'..=b'5'))
}

/// The plain JSON pointer of a path of segments.
fn pointer(path: &[Segment]) -> String {
    path.iter()
        .fold(String::from("#"), |at, segment| match segment {
            Segment::Root => at,
            Segment::Key(key) => child(&at, key),
            Segment::Index(i) => child(&at, &i.to_string()),
        })
}

/// The segments of a URI fragment that is a JSON pointer
/// (`/paths/~1jobs~1%7Bid%7D/get`): percent-decoded as RFC 3986 says of a
/// fragment, then unescaped as RFC 6901 says of a pointer.
pub fn pointer_segments(fragment: &str) -> Vec<String> {
    match percent_decode(fragment).strip_prefix('/') {
        Some(rest) => rest
            .split('/')
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect(),
        None => Vec::new(),
    }
}

/// A reference's fragment (`#/components/requestBodies/Pet%20Form`) as the
/// plain JSON pointer lower writes (`#/components/requestBodies/Pet Form`).
pub fn fragment_pointer(reference: &str) -> String {
    let fragment = reference.strip_prefix('#').unwrap_or(reference);
    pointer_segments(fragment)
        .iter()
        .fold(String::from("#"), |at, segment| child(&at, segment))
}

/// The value at a pointer's segments (array items by index).
fn pointer_target<'v>(root: &'v Value, segments: &[String]) -> Option<&'v Value> {
    segments
        .iter()
        .try_fold(root, |value, segment| match value {
            Value::Object(map) => map.get(segment),
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?),
            _ => None,
        })
}

#[cfg(test)]
mod tests;
