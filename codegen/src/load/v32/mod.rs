//! OpenAPI 3.2 documents, rewritten onto the 3.1 shape (then normalised
//! as 3.1 documents are), with what 3.2 adds kept as extensions (see
//! [`super::ext`]) for the lowering to read.
//!
//! Every rewrite that moves a field records a rename (where the field is
//! now → where the author wrote it), so diagnostics about it still point
//! into the source. Anything not supported is a note at its place.

mod self_uri;

use serde_json::{Map, Value};

use super::ext;
use super::keys::Kind;
use super::walk::{Visit, walk};
use crate::diagnostics::child;

type Object = Map<String, Value>;

/// The methods a path item has fixed fields for (3.2 adds `query`).
const FIXED_METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// What rewriting a 3.2 document found: notes (pointer, message) and
/// renames (pointer now, pointer in the source).
#[derive(Debug, Default)]
pub struct Rewritten {
    pub notes: Vec<(String, String)>,
    pub renames: Vec<(String, String)>,
}

/// Rewrites an OpenAPI 3.2 document onto the 3.1 shape.
pub fn normalize(doc: &mut Value) -> Rewritten {
    let mut cx = Normalizer::default();
    let Some(root) = doc.as_object_mut() else {
        return cx.done;
    };
    if let Some(base) = root.shift_remove("$self") {
        match base {
            Value::String(base) => self_uri::rebase(root, &base, &mut cx.done.notes),
            _ => cx.note("#/$self", "`$self` is not a string; ignored"),
        }
    }
    // Media type components first: the places that reference them get
    // copies already rewritten.
    if let Some(Value::Object(components)) = root.get_mut("components")
        && let Some(types) = components.shift_remove("mediaTypes")
    {
        match types {
            Value::Object(mut types) => {
                for (name, media) in types.iter_mut() {
                    let pointer = child("#/components/mediaTypes", name);
                    walk(media, Kind::MediaType, &pointer, &mut cx);
                }
                cx.media_types = types;
            }
            _ => cx.note(
                "#/components/mediaTypes",
                "not a map of media types; dropped",
            ),
        }
    }
    let mut root_value = Value::Object(std::mem::take(root));
    walk(&mut root_value, Kind::Root, "#", &mut cx);
    *doc = root_value;
    if let Some(root) = doc.as_object_mut() {
        root.insert("openapi".into(), Value::String("3.1.1".into()));
    }
    cx.done
}

#[derive(Default)]
struct Normalizer {
    done: Rewritten,
    /// `components/mediaTypes`, rewritten, for `$ref`s to them.
    media_types: Object,
}

impl Visit for Normalizer {
    fn object(&mut self, kind: Kind, object: &mut Object, pointer: &str) {
        match kind {
            Kind::PathItem => self.path_item(object, pointer),
            Kind::Parameter => self.parameter(object, pointer),
            Kind::Header => self.content_refs(object, pointer),
            Kind::RequestBody => self.content_refs(object, pointer),
            Kind::Response => {
                self.content_refs(object, pointer);
                self.rename(object, pointer, "summary", ext::SUMMARY);
                // Optional since 3.2; openapiv3 requires it.
                object
                    .entry("description")
                    .or_insert_with(|| Value::String(String::new()));
            }
            Kind::MediaType => {
                self.rename(object, pointer, "itemSchema", ext::ITEM_SCHEMA);
                self.rename(object, pointer, "itemEncoding", ext::ITEM_ENCODING);
                self.rename(object, pointer, "prefixEncoding", ext::PREFIX_ENCODING);
            }
            Kind::Encoding => {
                for key in ["encoding", "itemEncoding", "prefixEncoding"] {
                    if object.shift_remove(key).is_some() {
                        self.note(
                            &child(pointer, key),
                            "nested encodings (of a multipart part that is itself multipart) are not supported; dropped",
                        );
                    }
                }
            }
            Kind::Example => self.example(object, pointer),
            Kind::Tag => {
                self.rename(object, pointer, "summary", ext::SUMMARY);
                self.rename(object, pointer, "parent", ext::PARENT);
                self.rename(object, pointer, "kind", ext::KIND);
            }
            Kind::Discriminator => {
                self.rename(object, pointer, "defaultMapping", ext::DEFAULT_MAPPING)
            }
            Kind::Xml => {
                // XML is not generated; the node type changes nothing here.
                object.shift_remove("nodeType");
            }
            Kind::SecurityScheme => {
                self.rename(object, pointer, "deprecated", ext::DEPRECATED);
                self.rename(
                    object,
                    pointer,
                    "oauth2MetadataUrl",
                    ext::OAUTH2_METADATA_URL,
                );
            }
            Kind::OAuthFlows => self.rename(
                object,
                pointer,
                "deviceAuthorization",
                ext::DEVICE_AUTHORIZATION,
            ),
            Kind::OAuthFlow => self.rename(
                object,
                pointer,
                "deviceAuthorizationUrl",
                ext::DEVICE_AUTHORIZATION_URL,
            ),
            Kind::Server => self.rename(object, pointer, "name", ext::SERVER_NAME),
            _ => {}
        }
    }
}

impl Normalizer {
    fn note(&mut self, pointer: &str, message: impl Into<String>) {
        self.done.notes.push((pointer.to_string(), message.into()));
    }

    /// Moves `from` to the extension `to`, and remembers where it was.
    fn rename(&mut self, object: &mut Object, pointer: &str, from: &str, to: &str) {
        let Some(value) = object.shift_remove(from) else {
            return;
        };
        if object.contains_key(to) {
            self.note(
                &child(pointer, from),
                format!("both `{from}` and `{to}` are given; `{from}` is used"),
            );
        }
        object.insert(to.to_string(), value);
        self.done
            .renames
            .push((child(pointer, to), child(pointer, from)));
    }

    /// `query` and `additionalOperations` become entries of the registered
    /// extension, `QUERY` first.
    fn path_item(&mut self, item: &mut Object, pointer: &str) {
        let query = item.shift_remove("query");
        let additional = item.shift_remove("additionalOperations");
        if query.is_none() && additional.is_none() {
            return;
        }
        let mut operations = match item.shift_remove(ext::ADDITIONAL_OPERATIONS) {
            Some(Value::Object(existing)) => existing,
            _ => Object::new(),
        };
        let target = child(pointer, ext::ADDITIONAL_OPERATIONS);
        let mut merged = Object::new();
        if let Some(op) = query {
            merged.insert("QUERY".into(), op);
            self.done
                .renames
                .push((child(&target, "QUERY"), child(pointer, "query")));
        }
        match additional {
            Some(Value::Object(additional)) => {
                let source = child(pointer, "additionalOperations");
                for (method, op) in additional {
                    let here = child(&source, &method);
                    if FIXED_METHODS.contains(&method.to_ascii_lowercase().as_str()) {
                        self.note(
                            &here,
                            format!(
                                "`{method}` has a fixed field of its own (`{}`); an additional operation may not name it, so it is skipped",
                                method.to_ascii_lowercase()
                            ),
                        );
                        continue;
                    }
                    if merged.contains_key(&method) {
                        self.note(
                            &here,
                            format!("`{method}` is given twice; this one is skipped"),
                        );
                        continue;
                    }
                    self.done.renames.push((child(&target, &method), here));
                    merged.insert(method, op);
                }
            }
            Some(_) => self.note(
                &child(pointer, "additionalOperations"),
                "not a map of operations; dropped",
            ),
            None => {}
        }
        for (method, op) in std::mem::take(&mut operations) {
            merged.entry(method).or_insert(op);
        }
        item.insert(ext::ADDITIONAL_OPERATIONS.into(), Value::Object(merged));
    }

    fn parameter(&mut self, parameter: &mut Object, pointer: &str) {
        self.content_refs(parameter, pointer);
        if parameter.get("in").and_then(Value::as_str) == Some("querystring") {
            parameter.insert("in".into(), Value::String("query".into()));
            parameter.insert(ext::QUERYSTRING.into(), Value::Bool(true));
            if !parameter.contains_key("content") {
                self.note(
                    pointer,
                    "a querystring parameter must be described by `content`; its value is sent as text",
                );
            }
        }
        if parameter.get("style").and_then(Value::as_str) == Some("cookie") {
            parameter.insert("style".into(), Value::String("form".into()));
            self.note(
                &child(pointer, "style"),
                "style `cookie` is sent as `form`: characters outside RFC 6265 cookie-octets are percent-encoded rather than passed through",
            );
        }
    }

    /// `content` entries that reference `components/mediaTypes` get a copy.
    fn content_refs(&mut self, owner: &mut Object, pointer: &str) {
        let Some(Value::Object(content)) = owner.get_mut("content") else {
            return;
        };
        for (media, entry) in content.iter_mut() {
            let Some(reference) = entry.get("$ref").and_then(Value::as_str) else {
                continue;
            };
            let here = child(&child(pointer, "content"), media);
            let target = reference
                .strip_prefix("#/components/mediaTypes/")
                .map(|name| name.replace("~1", "/").replace("~0", "~"))
                .and_then(|name| self.media_types.get(&name));
            match target {
                Some(target) => *entry = target.clone(),
                None => self.done.notes.push((
                    child(&here, "$ref"),
                    format!("media type reference {reference:?} does not resolve to components/mediaTypes; left as written"),
                )),
            }
        }
    }

    /// `dataValue` is the data form, what `value` holds for JSON;
    /// `serializedValue` is kept aside.
    fn example(&mut self, example: &mut Object, pointer: &str) {
        if let Some(data) = example.shift_remove("dataValue") {
            if example.contains_key("value") {
                self.note(
                    &child(pointer, "dataValue"),
                    "both `dataValue` and `value` are given; `dataValue` is used",
                );
            }
            example.insert("value".into(), data);
            self.done
                .renames
                .push((child(pointer, "value"), child(pointer, "dataValue")));
        }
        self.rename(example, pointer, "serializedValue", ext::SERIALIZED_VALUE);
    }
}

#[cfg(test)]
mod tests;
