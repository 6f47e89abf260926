//! The registered down-levelling extensions (`x-oai-*`), in documents of
//! any version (a 3.2 document has its fields moved there first): the
//! item schema of a sequential media type becomes its `schema`, marked as
//! describing each item, so the schema is normalised and lowered as any
//! other.
//!
//! Before 3.2 there is no `itemSchema`: in a 3.0 or 3.1 document the
//! `schema` of a sequential media type (`text/event-stream`, JSON Lines,
//! JSON-seq) is read as the type of each item, which is how such specs
//! are written, unless it is a string (the whole body as text or bytes).
//! An array schema's `items` are the items.

use serde_json::{Map, Value, json};

use super::ext;
use super::keys::Kind;
use super::walk::{Visit, walk};
use crate::diagnostics::{child, unescape_segment};

type Object = Map<String, Value>;

/// What rewriting found: notes and renames (pointer now, pointer before).
#[derive(Debug, Default)]
pub struct Rewritten {
    pub notes: Vec<(String, String)>,
    pub renames: Vec<(String, String)>,
}

/// How items of a media type follow one another, when they do.
pub fn is_sequential(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "text/event-stream"
            | "application/jsonl"
            | "application/x-ndjson"
            | "application/jsonlines"
            | "application/x-jsonlines"
            | "application/json-seq"
    ) || essence.ends_with("+json-seq")
}

/// Applies the `x-oai-*` media type extensions of `doc`; with
/// `schema_is_item` (a document before 3.2), a sequential media type's
/// `schema` is its item schema too.
pub fn normalize(doc: &mut Value, schema_is_item: bool) -> Rewritten {
    let mut cx = Normalizer {
        schema_is_item,
        ..Normalizer::default()
    };
    walk(doc, Kind::Root, "#", &mut cx);
    // Event schemas that are references: their `data` is rewritten in
    // the component (every use of it is an event, by construction).
    for (media_pointer, key) in std::mem::take(&mut cx.event_refs) {
        let schema = doc
            .pointer_mut("/components/schemas")
            .and_then(|s| s.get_mut(&key))
            .and_then(Value::as_object_mut);
        if let Some(schema) = schema
            && json_data(schema)
            && let Some(Value::Object(media)) = doc.pointer_mut(&json_pointer(&media_pointer))
        {
            media.insert(ext::JSON_DATA.into(), Value::Bool(true));
        }
    }
    cx.done
}

fn json_pointer(pointer: &str) -> String {
    pointer.trim_start_matches('#').to_string()
}

#[derive(Default)]
struct Normalizer {
    done: Rewritten,
    /// Before 3.2: a sequential media type's `schema` types its items.
    schema_is_item: bool,
    /// (media type pointer, component key) of event item schemas given by reference.
    event_refs: Vec<(String, String)>,
}

impl Visit for Normalizer {
    fn object(&mut self, kind: Kind, object: &mut Object, pointer: &str) {
        if kind == Kind::MediaType {
            self.media_type(object, pointer);
        }
    }
}

impl Normalizer {
    fn note(&mut self, pointer: &str, message: impl Into<String>) {
        self.done.notes.push((pointer.to_string(), message.into()));
    }

    fn media_type(&mut self, media: &mut Object, pointer: &str) {
        let name = unescape_segment(pointer.rsplit('/').next().unwrap_or_default());
        let essence = name
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let multipart = essence.starts_with("multipart/");
        for key in [ext::ITEM_ENCODING, ext::PREFIX_ENCODING] {
            if media.contains_key(key) && !multipart {
                media.shift_remove(key);
                self.note(
                    &child(pointer, key),
                    "item and prefix encodings apply to multipart media types only; ignored",
                );
            }
        }
        let mut here = child(pointer, ext::ITEM_SCHEMA);
        if self.schema_is_item
            && !media.contains_key(ext::ITEM_SCHEMA)
            && is_sequential(&essence)
            && let Some((item, from)) = item_of_whole(media)
        {
            here = match from {
                Some(items) => child(&child(pointer, "schema"), items),
                None => child(pointer, "schema"),
            };
            media.shift_remove("schema");
            media.insert(ext::ITEM_SCHEMA.into(), item);
        }
        let Some(mut item) = media.shift_remove(ext::ITEM_SCHEMA) else {
            return;
        };
        if multipart {
            media.insert(ext::ITEM_SCHEMA.into(), item);
            self.note(
                &here,
                "streamed multipart content (itemSchema) is not supported; the parts are not typed",
            );
            return;
        }
        if !is_sequential(&essence) {
            self.note(
                &here,
                format!("itemSchema applies to sequential media types (text/event-stream, application/jsonl, application/x-ndjson, application/json-seq), not {name}; ignored"),
            );
            return;
        }
        if media.contains_key("schema") {
            self.note(
                pointer,
                "the stream's items are typed by itemSchema; the `schema` of the whole content is not used",
            );
        }
        if essence == "text/event-stream"
            && let Value::Object(schema) = &mut item
        {
            let component = schema
                .get("$ref")
                .and_then(Value::as_str)
                .filter(|_| schema.len() == 1)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .filter(|k| !k.contains('/'))
                .map(unescape_segment);
            match component {
                Some(key) => self.event_refs.push((pointer.to_string(), key)),
                None => {
                    if json_data(schema) {
                        media.insert(ext::JSON_DATA.into(), Value::Bool(true));
                    }
                }
            }
        }
        media.insert("schema".into(), item);
        media.insert(ext::STREAMED.into(), Value::Bool(true));
        self.done.renames.push((child(pointer, "schema"), here));
    }
}

/// The item schema a 3.0/3.1 sequential media type's `schema` gives, and
/// whether it is the `items` of an array schema: none when the schema is
/// a string, the body as a whole.
fn item_of_whole(media: &Object) -> Option<(Value, Option<&'static str>)> {
    let schema = media.get("schema")?.as_object()?;
    let ty = schema.get("type");
    let is = |name: &str| match ty {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(ts)) => ts.iter().any(|t| t == name),
        _ => false,
    };
    if is("string") {
        return None;
    }
    if is("array")
        && let Some(items) = schema.get("items")
    {
        return Some((items.clone(), Some("items")));
    }
    Some((Value::Object(schema.clone()), None))
}

/// An event schema whose `data` is string-encoded JSON (`contentMediaType`
/// JSON, `contentSchema` its schema) gets the content schema as `data`'s
/// own; says whether it did.
fn json_data(event: &mut Object) -> bool {
    let Some(Value::Object(data)) = event.get_mut("properties").and_then(|p| p.get_mut("data"))
    else {
        return false;
    };
    let media = data.get("contentMediaType").and_then(Value::as_str);
    let is_json = media.is_some_and(|m| {
        let m = m
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        m == "application/json" || m.ends_with("+json")
    });
    if !is_json && !data.contains_key("contentSchema") {
        return false;
    }
    let content = data
        .shift_remove("contentSchema")
        .unwrap_or_else(|| json!({}));
    let mut content = match content {
        Value::Bool(true) => json!({}),
        other => other,
    };
    // The property's own description stays with it.
    if let (Value::Object(content), Some(description)) = (&mut content, data.get("description"))
        && !content.contains_key("description")
        && !content.contains_key("$ref")
    {
        content.insert("description".into(), description.clone());
    }
    *data = match content {
        Value::Object(object) => object,
        _ => Object::new(),
    };
    true
}

#[cfg(test)]
mod tests;
