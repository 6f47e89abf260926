//! OpenAPI 3.1 documents, rewritten onto the 3.0 shape that `openapiv3` and
//! the lowering understand, so that one intermediate model serves both
//! versions.
//!
//! [`normalize`] works on the parsed JSON, before it is deserialized. It
//! rewrites schema objects wherever a document holds them (components,
//! parameters, headers, media types, callbacks, webhooks, path items, and
//! the subschemas of schemas) and never example payloads: `example`,
//! `examples`, `default`, `enum` and extension values are data. Everything
//! it drops or approximates comes back as a (JSON pointer, message) note.
//!
//! The input is untrusted: no step indexes, unwraps or panics on odd
//! shapes (a value of the wrong kind is left as written, for the
//! deserializer to report), recursion stops at [`MAX_DEPTH`] levels, and
//! copying referenced path items has a budget.

use serde_json::{Map, Value, json};

use crate::diagnostics::child;

/// How deep nested schemas, and path items inside callbacks, are followed.
const MAX_DEPTH: usize = 256;

/// The default `jsonSchemaDialect` of OpenAPI 3.1.
const OAS_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

type Object = Map<String, Value>;

/// Rewrites an OpenAPI 3.1 document onto the 3.0 shape. Returns notes: (JSON pointer, message)
/// for everything dropped or approximated (they become warnings).
pub fn normalize(doc: &mut serde_json::Value) -> Vec<(String, String)> {
    let mut cx = Normalizer::default();
    let Some(root) = doc.as_object_mut() else {
        cx.note("#", "the document is not an object; nothing was normalised");
        return cx.notes;
    };
    cx.dialect(root);
    // Schemas first, each at its own place (so notes point into the
    // source); then path items are copied to where they are referenced.
    cx.document(root);
    cx.notes.extend(super::path_refs::resolve(root));
    cx.move_webhooks(root);
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Object(Object::new()));
    }
    root.insert("openapi".into(), Value::String("3.0.3".into()));
    cx.notes
}

#[derive(Default)]
struct Normalizer {
    notes: Vec<(String, String)>,
}

impl Normalizer {
    fn note(&mut self, pointer: &str, message: impl Into<String>) {
        self.notes.push((pointer.to_string(), message.into()));
    }

    fn too_deep(&mut self, pointer: &str, depth: usize) -> bool {
        if depth < MAX_DEPTH {
            return false;
        }
        self.note(
            pointer,
            format!("nested more than {MAX_DEPTH} levels deep; left as written from here on"),
        );
        true
    }

    // ----- the document: where schemas live -----

    fn dialect(&mut self, root: &mut Object) {
        if let Some(dialect) = root.shift_remove("jsonSchemaDialect")
            && dialect.as_str() != Some(OAS_DIALECT)
        {
            self.note(
                "#/jsonSchemaDialect",
                format!(
                    "jsonSchemaDialect {dialect} is not the OpenAPI 3.1 base dialect; schemas are read as that dialect anyway"
                ),
            );
        }
    }

    fn document(&mut self, root: &mut Object) {
        for key in ["paths", "webhooks", "x-webhooks"] {
            let Some(Value::Object(items)) = root.get_mut(key) else {
                continue;
            };
            let pointer = child("#", key);
            for (name, item) in items.iter_mut() {
                if key == "paths" && name.starts_with("x-") {
                    continue;
                }
                self.path_item(item, &child(&pointer, name), 0);
            }
        }
        let Some(Value::Object(components)) = root.get_mut("components") else {
            return;
        };
        for (kind, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else {
                continue;
            };
            let pointer = child("#/components", kind);
            for (name, entry) in entries.iter_mut() {
                let here = child(&pointer, name);
                match kind.as_str() {
                    "schemas" => self.schema_slot(entry, &here, 0),
                    "parameters" | "headers" => self.parameter(entry, &here, 0),
                    "requestBodies" => self.request_body(entry, &here, 0),
                    "responses" => self.response(entry, &here, 0),
                    "callbacks" => self.callback(entry, &here, 0),
                    "pathItems" => self.path_item(entry, &here, 0),
                    "securitySchemes" => self.security_scheme(entry, &here),
                    _ => {}
                }
            }
        }
    }

    fn path_item(&mut self, item: &mut Value, pointer: &str, depth: usize) {
        if self.too_deep(pointer, depth) {
            return;
        }
        let Value::Object(item) = item else {
            return;
        };
        self.parameters(item, pointer, depth);
        for method in METHODS {
            if let Some(op) = item.get_mut(method) {
                self.operation(op, &child(pointer, method), depth);
            }
        }
        // Other methods (3.2 `query`, `additionalOperations`), by then here.
        let key = super::ext::ADDITIONAL_OPERATIONS;
        if let Some(Value::Object(ops)) = item.get_mut(key) {
            let pointer = child(pointer, key);
            for (method, op) in ops.iter_mut() {
                self.operation(op, &child(&pointer, method), depth);
            }
        }
    }

    fn parameters(&mut self, owner: &mut Object, pointer: &str, depth: usize) {
        if let Some(Value::Array(list)) = owner.get_mut("parameters") {
            let pointer = child(pointer, "parameters");
            for (i, p) in list.iter_mut().enumerate() {
                self.parameter(p, &child(&pointer, &i.to_string()), depth);
            }
        }
    }

    fn operation(&mut self, op: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(op) = op else {
            return;
        };
        self.parameters(op, pointer, depth);
        if let Some(body) = op.get_mut("requestBody") {
            self.request_body(body, &child(pointer, "requestBody"), depth);
        }
        match op.get_mut("responses") {
            Some(Value::Object(responses)) => {
                let pointer = child(pointer, "responses");
                for (code, response) in responses.iter_mut() {
                    if !code.starts_with("x-") {
                        self.response(response, &child(&pointer, code), depth);
                    }
                }
            }
            Some(_) => {}
            None => {
                // Optional since 3.1; openapiv3 requires the field.
                op.insert("responses".into(), Value::Object(Object::new()));
                self.note(
                    pointer,
                    "the operation declares no responses (allowed since 3.1); read as an empty `responses`",
                );
            }
        }
        if let Some(Value::Object(callbacks)) = op.get_mut("callbacks") {
            let pointer = child(pointer, "callbacks");
            for (name, callback) in callbacks.iter_mut() {
                self.callback(callback, &child(&pointer, name), depth + 1);
            }
        }
    }

    fn callback(&mut self, callback: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(callback) = callback else {
            return;
        };
        if callback.contains_key("$ref") {
            return;
        }
        for (expression, item) in callback.iter_mut() {
            if !expression.starts_with("x-") {
                self.path_item(item, &child(pointer, expression), depth + 1);
            }
        }
    }

    /// A parameter or a header: a `schema`, or `content`. Their `example`
    /// and `examples` are data.
    fn parameter(&mut self, parameter: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(parameter) = parameter else {
            return;
        };
        if parameter.contains_key("$ref") {
            return;
        }
        if let Some(schema) = parameter.get_mut("schema") {
            self.schema_slot(schema, &child(pointer, "schema"), depth);
        }
        if let Some(content) = parameter.get_mut("content") {
            self.content(content, &child(pointer, "content"), depth);
        }
    }

    fn request_body(&mut self, body: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(body) = body else {
            return;
        };
        if body.contains_key("$ref") {
            return;
        }
        if let Some(content) = body.get_mut("content") {
            self.content(content, &child(pointer, "content"), depth);
        }
    }

    fn response(&mut self, response: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(response) = response else {
            return;
        };
        if response.contains_key("$ref") {
            return;
        }
        self.headers(response, pointer, depth);
        if let Some(content) = response.get_mut("content") {
            self.content(content, &child(pointer, "content"), depth);
        }
    }

    fn headers(&mut self, owner: &mut Object, pointer: &str, depth: usize) {
        if let Some(Value::Object(headers)) = owner.get_mut("headers") {
            let pointer = child(pointer, "headers");
            for (name, header) in headers.iter_mut() {
                self.parameter(header, &child(&pointer, name), depth);
            }
        }
    }

    /// A map of media types: each `schema`, and the headers of each
    /// `encoding`. Never `example` or `examples` (a map of Example objects).
    fn content(&mut self, content: &mut Value, pointer: &str, depth: usize) {
        let Value::Object(content) = content else {
            return;
        };
        for (media, media_type) in content.iter_mut() {
            let Value::Object(media_type) = media_type else {
                continue;
            };
            let pointer = child(pointer, media);
            if let Some(schema) = media_type.get_mut("schema") {
                self.schema_slot(schema, &child(&pointer, "schema"), depth);
            }
            if let Some(Value::Object(encodings)) = media_type.get_mut("encoding") {
                let pointer = child(&pointer, "encoding");
                for (property, encoding) in encodings.iter_mut() {
                    if let Value::Object(encoding) = encoding {
                        self.headers(encoding, &child(&pointer, property), depth);
                    }
                }
            }
        }
    }

    /// `mutualTLS` (new in 3.1) has no 3.0 counterpart; openapiv3 rejects
    /// unknown scheme types, so it becomes an HTTP scheme the lowering
    /// reports as unsupported, and requirements naming it stay valid.
    fn security_scheme(&mut self, scheme: &mut Value, pointer: &str) {
        let Value::Object(scheme) = scheme else {
            return;
        };
        if scheme.get("type").and_then(Value::as_str) != Some("mutualTLS") {
            return;
        }
        scheme.insert("type".into(), Value::String("http".into()));
        scheme.insert("scheme".into(), Value::String("mutualTLS".into()));
        self.note(
            pointer,
            "mutualTLS security has no OpenAPI 3.0 equivalent; read as an unsupported HTTP scheme (configure the client certificate on the HTTP client)",
        );
    }

    // ----- schemas -----

    /// A place that holds a schema. Boolean schemas (3.1) become objects.
    fn schema_slot(&mut self, slot: &mut Value, pointer: &str, depth: usize) {
        match slot {
            Value::Object(schema) => self.schema(schema, pointer, depth),
            Value::Bool(true) => *slot = Value::Object(Object::new()),
            Value::Bool(false) => {
                *slot = json!({ "not": {} });
                self.note(
                    pointer,
                    "the schema `false` (no value is valid) is written as `not: {}`",
                );
            }
            _ => {}
        }
    }

    /// `webhooks` (3.1) moves to the `x-webhooks` extension, which openapiv3
    /// keeps in `extensions`.
    fn move_webhooks(&mut self, root: &mut Object) {
        let Some(webhooks) = root.shift_remove("webhooks") else {
            return;
        };
        match root.get_mut("x-webhooks") {
            None => {
                root.insert("x-webhooks".into(), webhooks);
            }
            Some(Value::Object(existing)) => match webhooks {
                Value::Object(webhooks) => {
                    for (name, item) in webhooks {
                        if existing.contains_key(&name) {
                            self.note(
                                &child("#/webhooks", &name),
                                "x-webhooks already has a webhook by this name; this one is dropped",
                            );
                        } else {
                            existing.insert(name, item);
                        }
                    }
                }
                _ => self.note("#/webhooks", "webhooks is not a map; dropped"),
            },
            Some(_) => self.note(
                "#/webhooks",
                "x-webhooks is there and is not a map; webhooks are dropped",
            ),
        }
    }
}

mod rewrite;
mod schema;

use rewrite::*;

#[cfg(test)]
mod tests;
