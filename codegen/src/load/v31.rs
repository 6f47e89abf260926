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

    /// One schema object: its subschemas first (so each rule sees them in
    /// their final shape and notes point at where they were written), then
    /// its own keywords.
    fn schema(&mut self, schema: &mut Object, pointer: &str, depth: usize) {
        if self.too_deep(pointer, depth) {
            return;
        }
        self.subschemas(schema, pointer, depth + 1);
        self.drop_keywords(schema, pointer);
        examples_to_example(schema);
        self.exclusive_bound(schema, pointer, "exclusiveMinimum", "minimum", |b, n| b > n);
        self.exclusive_bound(schema, pointer, "exclusiveMaximum", "maximum", |b, n| b < n);
        self.content_encoding(schema, pointer);
        const_to_enum(schema);
        self.tuple(schema, pointer);
        self.type_list(schema, pointer);
        enum_union(schema);
        nullable_ref(schema);
        nullable_union(schema);
        wrap_ref(schema);
    }

    fn subschemas(&mut self, schema: &mut Object, pointer: &str, depth: usize) {
        for (key, value) in schema.iter_mut() {
            match (key.as_str(), value) {
                ("properties", Value::Object(children)) => {
                    let pointer = child(pointer, key);
                    // A property whose schema is `false` may not appear:
                    // there is nothing to generate for it.
                    let forbidden: Vec<String> = children
                        .iter()
                        .filter(|(_, schema)| **schema == Value::Bool(false))
                        .map(|(name, _)| name.clone())
                        .collect();
                    for name in forbidden {
                        children.shift_remove(&name);
                        self.note(
                            &child(&pointer, &name),
                            "the property may not appear (its schema is `false`); it is left out",
                        );
                    }
                    for (name, c) in children.iter_mut() {
                        self.schema_slot(c, &child(&pointer, name), depth);
                    }
                }
                ("patternProperties" | "$defs" | "definitions", Value::Object(children)) => {
                    let pointer = child(pointer, key);
                    for (name, c) in children.iter_mut() {
                        self.schema_slot(c, &child(&pointer, name), depth);
                    }
                }
                ("allOf" | "oneOf" | "anyOf" | "prefixItems", Value::Array(children)) => {
                    let pointer = child(pointer, key);
                    for (i, c) in children.iter_mut().enumerate() {
                        self.schema_slot(c, &child(&pointer, &i.to_string()), depth);
                    }
                }
                // Boolean `items` is rewritten by `tuple`, and boolean
                // `additionalProperties` is valid 3.0.
                ("items" | "additionalProperties", value) if value.is_object() => {
                    self.schema_slot(value, &child(pointer, key), depth);
                }
                ("not", value) => self.schema_slot(value, &child(pointer, key), depth),
                _ => {}
            }
        }
    }

    /// Keywords OpenAPI 3.0 does not have. Those that only identify or
    /// annotate go silently; those that constrain values are noted.
    fn drop_keywords(&mut self, schema: &mut Object, pointer: &str) {
        for key in [
            "$schema",
            "$id",
            "$anchor",
            "$dynamicAnchor",
            "$vocabulary",
            "$comment",
            "propertyNames",
            "contentSchema",
        ] {
            schema.shift_remove(key);
        }
        let conditional: Vec<&str> = ["if", "then", "else"]
            .into_iter()
            .filter(|k| schema.shift_remove(*k).is_some())
            .collect();
        if let Some(first) = conditional.first() {
            self.note(
                &child(pointer, first),
                "if/then/else is not expressible in OpenAPI 3.0; the conditional constraint is dropped",
            );
        }
        for key in ["dependentRequired", "dependentSchemas"] {
            if schema.shift_remove(key).is_some() {
                self.note(
                    &child(pointer, key),
                    format!("{key} is not expressible in OpenAPI 3.0; the constraint is dropped"),
                );
            }
        }
        for key in ["unevaluatedProperties", "unevaluatedItems"] {
            if let Some(value) = schema.shift_remove(key)
                && !accepts_everything(&value)
            {
                self.note(
                    &child(pointer, key),
                    format!("{key} is not expressible in OpenAPI 3.0; the constraint is dropped"),
                );
            }
        }
        let contains = schema.shift_remove("contains");
        schema.shift_remove("minContains");
        schema.shift_remove("maxContains");
        if contains.is_some() {
            self.note(
                &child(pointer, "contains"),
                "contains (with minContains/maxContains) is not expressible in OpenAPI 3.0; the constraint is dropped",
            );
        }
        if schema.shift_remove("$dynamicRef").is_some() {
            self.note(
                &child(pointer, "$dynamicRef"),
                "$dynamicRef is not supported; the reference is dropped",
            );
        }
    }

    /// Numeric `exclusiveMinimum: n` (3.1) is 3.0's `minimum: n,
    /// exclusiveMinimum: true`, unless an inclusive bound beside it is
    /// already stricter (`bound_wins(bound, n)`). Boolean forms stay.
    fn exclusive_bound(
        &mut self,
        schema: &mut Object,
        pointer: &str,
        exclusive: &str,
        inclusive: &str,
        bound_wins: fn(f64, f64) -> bool,
    ) {
        let limit = match schema.get(exclusive) {
            Some(Value::Number(n)) => n.clone(),
            Some(Value::Bool(_)) | None => return,
            Some(_) => {
                schema.shift_remove(exclusive);
                self.note(
                    &child(pointer, exclusive),
                    format!("{exclusive} is neither a number nor a boolean; dropped"),
                );
                return;
            }
        };
        let bound = schema.get(inclusive).and_then(Value::as_f64);
        match (bound, limit.as_f64()) {
            (Some(b), Some(n)) if bound_wins(b, n) => {
                schema.shift_remove(exclusive);
            }
            _ => {
                schema.insert(inclusive.into(), Value::Number(limit));
                schema.insert(exclusive.into(), Value::Bool(true));
            }
        }
    }

    /// `contentEncoding: base64` is `format: byte`; a binary
    /// `contentMediaType` without an encoding is `format: binary`.
    fn content_encoding(&mut self, schema: &mut Object, pointer: &str) {
        let encoding = schema.shift_remove("contentEncoding");
        let media = schema.shift_remove("contentMediaType");
        let format = match (&encoding, &media) {
            (Some(Value::String(e)), _) if e.eq_ignore_ascii_case("base64") => Some("byte"),
            (Some(e), _) => {
                self.note(
                    &child(pointer, "contentEncoding"),
                    format!("contentEncoding {e} is not modelled; the value stays a plain string"),
                );
                None
            }
            (None, Some(Value::String(m))) if is_binary_media(m) => Some("binary"),
            _ => None,
        };
        if let Some(format) = format
            && may_be_string(schema)
            && !schema.contains_key("format")
        {
            schema.insert("format".into(), Value::String(format.into()));
        }
    }

    /// `prefixItems` (a tuple) becomes an array of one schema: the single
    /// schema of every position when they are all equal, any value when
    /// they differ, or the `items` already there. Boolean `items` (3.1)
    /// become a schema or a `maxItems`.
    fn tuple(&mut self, schema: &mut Object, pointer: &str) {
        let prefix = schema.shift_remove("prefixItems");
        let prefix_len = match &prefix {
            Some(Value::Array(list)) => list.len(),
            _ => 0,
        };
        match schema.get("items") {
            Some(Value::Bool(true)) => {
                schema.insert("items".into(), Value::Object(Object::new()));
            }
            Some(Value::Bool(false)) => {
                // Nothing past the prefix: exactly a length limit.
                schema.shift_remove("items");
                if !schema.contains_key("maxItems") {
                    schema.insert("maxItems".into(), Value::from(prefix_len));
                }
            }
            _ => {}
        }
        let Some(prefix) = prefix else {
            return;
        };
        let pointer = child(pointer, "prefixItems");
        let Value::Array(list) = prefix else {
            self.note(&pointer, "prefixItems is not a list; dropped");
            return;
        };
        let message = if schema.contains_key("items") {
            "prefixItems (a tuple) is not expressible in OpenAPI 3.0; the array is typed by its `items` alone"
        } else {
            let same = list
                .split_first()
                .is_some_and(|(first, rest)| rest.iter().all(|x| x == first));
            let items = if same { list.into_iter().next() } else { None };
            schema.insert(
                "items".into(),
                items.unwrap_or_else(|| Value::Object(Object::new())),
            );
            if same {
                "prefixItems (a tuple) is not expressible in OpenAPI 3.0; every position has the same schema, which becomes `items`"
            } else {
                "prefixItems (a tuple) is not expressible in OpenAPI 3.0; the positions differ, so the array's items are left untyped"
            }
        };
        self.note(&pointer, message);
    }

    /// `type` as a list (3.1). With `null` and one other type: that type,
    /// `nullable`. Several types: a `oneOf` of one member per type, each
    /// taking the keywords that apply only to it (`integer` goes when
    /// `number` is there: it adds nothing).
    ///
    /// Beside an existing `oneOf`/`anyOf`, the list is not turned into a
    /// second union (an `allOf` of two unions is something the lowering
    /// cannot make a type of): the first non-null type is kept, with a
    /// note. The existing alternatives shape the value anyway.
    fn type_list(&mut self, schema: &mut Object, pointer: &str) {
        let Some(Value::Array(list)) = schema.get("type") else {
            return;
        };
        let mut null = false;
        let mut odd = false;
        let mut kinds: Vec<String> = Vec::new();
        for t in list {
            match t.as_str() {
                Some("null") => null = true,
                Some(kind) if !kinds.iter().any(|k| k == kind) => kinds.push(kind.to_string()),
                Some(_) => {}
                None => odd = true,
            }
        }
        let pointer = child(pointer, "type");
        if odd {
            self.note(
                &pointer,
                "type lists a value that is not a string; it is ignored",
            );
        }
        if kinds.iter().any(|k| k == "number") {
            kinds.retain(|k| k != "integer");
        }
        if null && !kinds.is_empty() {
            schema.insert("nullable".into(), Value::Bool(true));
        }
        match kinds.as_slice() {
            [] if null => {
                schema.insert("type".into(), Value::String("null".into()));
            }
            [] => {
                schema.shift_remove("type");
                self.note(&pointer, "type lists no type; dropped");
            }
            [one] => {
                schema.insert("type".into(), Value::String(one.clone()));
            }
            [first, ..] if schema.contains_key("oneOf") || schema.contains_key("anyOf") => {
                let message = format!(
                    "type lists {}; beside oneOf/anyOf only the first, {first}, is kept (the alternatives shape the value)",
                    kinds.join(", ")
                );
                schema.insert("type".into(), Value::String(first.clone()));
                self.note(&pointer, message);
            }
            _ => split_types(schema, &kinds),
        }
    }

    // ----- path items and webhooks -----

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

// ----- rewrites that note nothing -----

/// A schema's `examples` list (3.1) gives its first entry to `example`.
fn examples_to_example(schema: &mut Object) {
    let Some(examples) = schema.shift_remove("examples") else {
        return;
    };
    if schema.contains_key("example") {
        return;
    }
    if let Value::Array(list) = examples
        && let Some(first) = list.into_iter().next()
    {
        schema.insert("example".into(), first);
    }
}

/// `const: v` is `enum: [v]`; a missing `type` is the JSON kind of `v`.
fn const_to_enum(schema: &mut Object) {
    let Some(value) = schema.shift_remove("const") else {
        return;
    };
    if !schema.contains_key("type")
        && let Some(kind) = scalar_kind(&value, true)
    {
        schema.insert("type".into(), Value::String(kind.into()));
    }
    schema.insert("enum".into(), Value::Array(vec![value]));
}

/// `oneOf`/`anyOf` whose members only pin values (3.1 `const`s, by now
/// one-value `enum`s) of one type, plus perhaps a `null` member: one
/// `enum`. The union's values are the same; the members' own
/// descriptions are lost.
fn enum_union(schema: &mut Object) {
    let other_shape = [
        "enum",
        "properties",
        "additionalProperties",
        "items",
        "allOf",
    ]
    .into_iter()
    .any(|k| schema.contains_key(k));
    if other_shape || (schema.contains_key("oneOf") && schema.contains_key("anyOf")) {
        return;
    }
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = schema.get(key) else {
            continue;
        };
        let Some((kind, values, null)) = pinned_values(members) else {
            continue;
        };
        match schema.get("type") {
            None => {}
            Some(Value::String(t)) if kind.as_deref() == Some(t.as_str()) => {}
            Some(_) => continue,
        }
        if !schema.contains_key("type")
            && let Some(kind) = kind
        {
            schema.insert("type".into(), Value::String(kind));
        }
        let null = null || values.iter().any(Value::is_null);
        schema.shift_remove(key);
        schema.insert("enum".into(), Value::Array(values));
        if null {
            schema.insert("nullable".into(), Value::Bool(true));
        }
        return;
    }
}

/// The values, their common type and whether a `{type: null}` member is
/// there, when every member of a union is a bare `enum` (or that null).
fn pinned_values(members: &[Value]) -> Option<(Option<String>, Vec<Value>, bool)> {
    let mut kind: Option<&str> = None;
    let mut values: Vec<Value> = Vec::new();
    let mut null = false;
    for member in members {
        let member = member.as_object()?;
        if member
            .keys()
            .any(|k| !matches!(k.as_str(), "enum" | "type" | "title" | "description"))
        {
            return None;
        }
        let t = match member.get("type") {
            None => None,
            Some(Value::String(t)) => Some(t.as_str()),
            Some(_) => return None,
        };
        match (member.get("enum"), t) {
            (None, Some("null")) => null = true,
            (Some(Value::Array(list)), t) if t != Some("null") => {
                if let Some(t) = t {
                    if kind.is_some_and(|k| k != t) {
                        return None;
                    }
                    kind = Some(t);
                }
                for v in list {
                    if !values.contains(v) {
                        values.push(v.clone());
                    }
                }
            }
            _ => return None,
        }
    }
    if values.is_empty() {
        return None;
    }
    Some((kind.map(String::from), values, null))
}

/// A reference or `null` (`oneOf`/`anyOf` of a bare `$ref` and `{type:
/// null}`) is 3.0's nullable reference: `allOf: [{$ref}]` with `nullable`.
fn nullable_ref(schema: &mut Object) {
    if schema.contains_key("allOf") {
        return;
    }
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = schema.get(key) else {
            continue;
        };
        let is_null = |m: &Value| m == &json!({"type": "null"});
        let is_ref = |m: &Value| {
            m.as_object()
                .is_some_and(|o| o.len() == 1 && o.get("$ref").is_some_and(Value::is_string))
        };
        let reference = match members.as_slice() {
            [a, b] if is_ref(a) && is_null(b) => a.clone(),
            [a, b] if is_null(a) && is_ref(b) => b.clone(),
            _ => continue,
        };
        schema.shift_remove(key);
        schema.insert("allOf".into(), Value::Array(vec![reference]));
        schema.insert("nullable".into(), Value::Bool(true));
        return;
    }
}

/// A union with a `{type: null}` member admits null. The lowering drops
/// such members; `nullable` keeps what they said.
fn nullable_union(schema: &mut Object) {
    let null_member = ["oneOf", "anyOf"].into_iter().any(|key| {
        matches!(schema.get(key), Some(Value::Array(members))
            if members.iter().any(|m| m.get("type").and_then(Value::as_str) == Some("null")))
    });
    if null_member {
        schema.insert("nullable".into(), Value::Bool(true));
    }
}

/// `$ref` beside other keywords (3.1) is 3.0's `allOf: [{$ref}]` with the
/// keywords beside it; the lowering reads that as a reference with flags.
fn wrap_ref(schema: &mut Object) {
    if schema.len() < 2
        || !matches!(schema.get("$ref"), Some(Value::String(_)))
        || matches!(schema.get("allOf"), Some(v) if !v.is_array())
    {
        return;
    }
    let Some(reference) = schema.shift_remove("$ref") else {
        return;
    };
    let mut all_of = vec![json!({ "$ref": reference })];
    if let Some(Value::Array(existing)) = schema.shift_remove("allOf") {
        all_of.extend(existing);
    }
    let mut wrapped = Object::new();
    wrapped.insert("allOf".into(), Value::Array(all_of));
    wrapped.extend(std::mem::take(schema));
    *schema = wrapped;
}

/// The `oneOf` for a `type` list of several types: one member per type,
/// each taking the keywords that apply to that type alone. A single
/// member left (an `enum` excluded the others) merges back.
fn split_types(schema: &mut Object, kinds: &[String]) {
    const STRING: &[&str] = &["pattern", "minLength", "maxLength"];
    const NUMERIC: &[&str] = &[
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ];
    const ARRAY: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];
    const OBJECT: &[&str] = &[
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
        "patternProperties",
    ];
    let position = |kind: &str| kinds.iter().position(|k| k == kind);
    schema.shift_remove("type");
    let mut members: Vec<Object> = kinds
        .iter()
        .map(|k| {
            let mut member = Object::new();
            member.insert("type".into(), Value::String(k.clone()));
            member
        })
        .collect();
    let numeric = position("number").or_else(|| position("integer"));
    for (keywords, target) in [
        (STRING, position("string")),
        (NUMERIC, numeric),
        (ARRAY, position("array")),
        (OBJECT, position("object")),
    ] {
        let Some(member) = target.and_then(|t| members.get_mut(t)) else {
            continue;
        };
        for keyword in keywords {
            if let Some(value) = schema.shift_remove(*keyword) {
                member.insert((*keyword).into(), value);
            }
        }
    }
    if let Some(Value::String(format)) = schema.get("format") {
        let target = match format.as_str() {
            "int32" | "int64" => numeric,
            "float" | "double" => position("number"),
            _ => position("string"),
        };
        if let Some(member) = target.and_then(|t| members.get_mut(t))
            && let Some(format) = schema.shift_remove("format")
        {
            member.insert("format".into(), format);
        }
    }
    if let Some(Value::Array(values)) = schema.get("enum") {
        // Each value goes to the member of its kind; a member no value fits
        // cannot match anything and goes.
        let mut buckets: Vec<Vec<Value>> = vec![Vec::new(); members.len()];
        for value in values {
            let kind = match scalar_kind(value, position("integer").is_some()) {
                Some(kind) => Some(kind),
                None => match value {
                    Value::Object(_) => Some("object"),
                    Value::Array(_) => Some("array"),
                    _ => None,
                },
            };
            if let Some(bucket) = kind.and_then(&position).and_then(|i| buckets.get_mut(i)) {
                bucket.push(value.clone());
            }
        }
        if buckets.iter().any(|b| !b.is_empty()) {
            schema.shift_remove("enum");
            members = members
                .into_iter()
                .zip(buckets)
                .filter(|(_, bucket)| !bucket.is_empty())
                .map(|(mut member, bucket)| {
                    member.insert("enum".into(), Value::Array(bucket));
                    member
                })
                .collect();
        }
    }
    if members.len() == 1 {
        for member in members {
            schema.extend(member);
        }
    } else {
        let members = members.into_iter().map(Value::Object).collect();
        schema.insert("oneOf".into(), Value::Array(members));
    }
}

/// The JSON Schema type of a scalar; whole numbers are `integer` when
/// `integers` (else `number`).
fn scalar_kind(value: &Value, integers: bool) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if integers && (n.is_i64() || n.is_u64()) => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    }
}

/// `true`, or the empty schema.
fn accepts_everything(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn may_be_string(schema: &Object) -> bool {
    match schema.get("type") {
        None => true,
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        Some(_) => false,
    }
}

/// Media types whose content is bytes, not text.
fn is_binary_media(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let textual = essence.ends_with("+xml") || essence.ends_with("+json");
    !textual
        && (["image/", "audio/", "video/", "font/"]
            .iter()
            .any(|p| essence.starts_with(p))
            || matches!(
                essence.as_str(),
                "application/octet-stream"
                    | "application/pdf"
                    | "application/zip"
                    | "application/gzip"
                    | "application/x-gzip"
                    | "application/x-tar"
                    | "application/x-7z-compressed"
            ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Normalises `doc` and returns it with the notes' pointers.
    fn run(mut doc: Value) -> (Value, Vec<String>) {
        let notes = normalize(&mut doc);
        (doc, notes.into_iter().map(|(p, _)| p).collect())
    }

    /// A document holding one component schema.
    fn with_schema(schema: Value) -> Value {
        json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {"S": schema}}
        })
    }

    /// Normalises one component schema; returns it and the notes' pointers.
    fn schema(schema: Value) -> (Value, Vec<String>) {
        let (doc, notes) = run(with_schema(schema));
        (doc["components"]["schemas"]["S"].clone(), notes)
    }

    fn deserializes(doc: &Value) {
        if let Err(e) = serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(doc) {
            panic!("not an openapiv3 document: {} at {}", e.inner(), e.path());
        }
    }

    #[test]
    fn type_with_null_becomes_nullable() {
        let (s, notes) = schema(json!({
            "type": "object",
            "properties": {
                "a": {"type": ["string", "null"], "format": "date"},
                "b": {"type": ["null", "integer"]},
                "c": {"type": ["boolean"]},
                "d": {"type": ["null"]},
                "e": {"type": "string", "nullable": true}
            }
        }));
        let p = &s["properties"];
        assert_eq!(
            p["a"],
            json!({"type": "string", "format": "date", "nullable": true})
        );
        assert_eq!(p["b"], json!({"type": "integer", "nullable": true}));
        assert_eq!(p["c"], json!({"type": "boolean"}));
        // `null` alone stays what it is.
        assert_eq!(p["d"], json!({"type": "null"}));
        // `nullable` in a 3.1 document is kept.
        assert_eq!(p["e"], json!({"type": "string", "nullable": true}));
        assert!(notes.is_empty(), "{notes:?}");
        // Property order is the document's.
        let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn several_types_become_a_one_of() {
        let (s, notes) = schema(json!({
            "description": "d",
            "type": ["string", "integer", "null"],
            "format": "int64",
            "minLength": 1,
            "minimum": 0,
            "default": 3
        }));
        assert_eq!(
            s,
            json!({
                "description": "d",
                "default": 3,
                "nullable": true,
                "oneOf": [
                    {"type": "string", "minLength": 1},
                    {"type": "integer", "minimum": 0, "format": "int64"}
                ]
            })
        );
        assert!(notes.is_empty(), "{notes:?}");

        // Object and array keywords go to their members; a string format
        // to the string member.
        let (s, _) = schema(json!({
            "type": ["object", "array", "string"],
            "properties": {"x": {"type": ["string", "null"]}},
            "required": ["x"],
            "items": {"const": 1},
            "format": "uuid"
        }));
        assert_eq!(
            s["oneOf"],
            json!([
                {"type": "object", "properties": {"x": {"type": "string", "nullable": true}}, "required": ["x"]},
                {"type": "array", "items": {"type": "integer", "enum": [1]}},
                {"type": "string", "format": "uuid"}
            ])
        );
    }

    #[test]
    fn several_types_split_their_enum_and_drop_members_it_excludes() {
        let (s, _) =
            schema(json!({"type": ["string", "integer", "boolean"], "enum": ["a", 1, "b", null]}));
        assert_eq!(
            s,
            json!({"oneOf": [
                {"type": "string", "enum": ["a", "b"]},
                {"type": "integer", "enum": [1]}
            ]})
        );
        // One member left: no union at all.
        let (s, _) = schema(json!({"type": ["string", "integer", "null"], "enum": ["a", "b"]}));
        assert_eq!(
            s,
            json!({"nullable": true, "type": "string", "enum": ["a", "b"]})
        );
    }

    #[test]
    fn integer_beside_number_adds_nothing() {
        let (s, notes) = schema(json!({"type": ["integer", "number", "null"], "minimum": 1}));
        assert_eq!(s, json!({"type": "number", "minimum": 1, "nullable": true}));
        assert!(notes.is_empty());
    }

    #[test]
    fn several_types_beside_a_one_of_keep_the_first_with_a_note() {
        let (s, notes) = schema(json!({
            "type": ["object", "string", "null"],
            "oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "string"}]
        }));
        assert_eq!(
            s,
            json!({
                "type": "object",
                "oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "string"}],
                "nullable": true
            })
        );
        assert_eq!(notes, ["#/components/schemas/S/type"]);
    }

    #[test]
    fn odd_type_lists_are_noted() {
        let (s, notes) = schema(json!({"type": []}));
        assert_eq!(s, json!({}));
        assert_eq!(notes, ["#/components/schemas/S/type"]);
        let (s, notes) = schema(json!({"type": ["string", 5]}));
        assert_eq!(s, json!({"type": "string"}));
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn const_becomes_a_one_value_enum() {
        let (s, _) = schema(json!({
            "properties": {
                "s": {"const": "x"},
                "i": {"const": 3},
                "n": {"const": 1.5},
                "b": {"const": false},
                "typed": {"type": "string", "const": "y", "description": "d"},
                "null": {"const": null},
                "obj": {"const": {"$ref": "not a reference", "type": ["a"]}}
            }
        }));
        let p = &s["properties"];
        assert_eq!(p["s"], json!({"type": "string", "enum": ["x"]}));
        assert_eq!(p["i"], json!({"type": "integer", "enum": [3]}));
        assert_eq!(p["n"], json!({"type": "number", "enum": [1.5]}));
        assert_eq!(p["b"], json!({"type": "boolean", "enum": [false]}));
        assert_eq!(
            p["typed"],
            json!({"type": "string", "description": "d", "enum": ["y"]})
        );
        assert_eq!(p["null"], json!({"enum": [null]}));
        // The value is data, even when it looks like a schema.
        assert_eq!(
            p["obj"],
            json!({"enum": [{"$ref": "not a reference", "type": ["a"]}]})
        );
    }

    #[test]
    fn unions_of_consts_become_an_enum() {
        let (s, notes) = schema(json!({
            "description": "op",
            "oneOf": [
                {"const": "create", "description": "makes"},
                {"const": "update"},
                {"type": "null"}
            ]
        }));
        assert_eq!(
            s,
            json!({"description": "op", "type": "string", "enum": ["create", "update"], "nullable": true})
        );
        assert!(notes.is_empty());
        // Mixed types, or members that say more, stay a union.
        let (s, _) = schema(json!({"anyOf": [{"const": "a"}, {"const": 1}]}));
        assert_eq!(s["anyOf"].as_array().map(Vec::len), Some(2));
        let (s, _) = schema(json!({"oneOf": [{"const": "a"}, {"type": "string", "minLength": 2}]}));
        assert_eq!(s["oneOf"].as_array().map(Vec::len), Some(2));
        let (s, _) =
            schema(json!({"properties": {"a": {}}, "oneOf": [{"const": "a"}, {"const": "b"}]}));
        assert_eq!(s["oneOf"].as_array().map(Vec::len), Some(2));
        let (s, _) = schema(json!({"type": "integer", "oneOf": [{"const": "a"}, {"const": "b"}]}));
        assert_eq!(s["oneOf"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn unions_with_a_null_member_are_nullable() {
        let (s, _) = schema(json!({
            "properties": {
                "one": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]},
                "any": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": ["null"]}]}
            }
        }));
        let p = &s["properties"];
        // A reference or null is 3.0's nullable reference.
        assert_eq!(
            p["one"],
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
        );
        assert_eq!(p["any"]["nullable"], json!(true));
        assert_eq!(p["any"]["anyOf"][2], json!({"type": "null"}));
    }

    #[test]
    fn schema_examples_give_their_first_to_example() {
        let (s, notes) = schema(json!({
            "type": "object",
            "examples": [{"a": 1}, {"a": 2}],
            "properties": {
                "kept": {"type": "string", "example": "old", "examples": ["new"]},
                "empty": {"type": "string", "examples": []}
            }
        }));
        assert_eq!(s["example"], json!({"a": 1}));
        assert!(s.get("examples").is_none());
        assert_eq!(
            s["properties"]["kept"],
            json!({"type": "string", "example": "old"})
        );
        assert_eq!(s["properties"]["empty"], json!({"type": "string"}));
        assert!(notes.is_empty());
    }

    #[test]
    fn numeric_exclusive_bounds_become_boolean_ones() {
        let (s, notes) = schema(json!({
            "properties": {
                "a": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10.5},
                // The inclusive bound is stricter: the exclusive one goes.
                "b": {"type": "integer", "minimum": 5, "exclusiveMinimum": 0, "maximum": 3, "exclusiveMaximum": 4},
                // The exclusive bound is stricter: it replaces the inclusive one.
                "c": {"type": "integer", "minimum": 0, "exclusiveMinimum": 0},
                "d": {"type": "integer", "minimum": 1, "exclusiveMinimum": true},
                "e": {"type": "integer", "exclusiveMaximum": "10"}
            }
        }));
        let p = &s["properties"];
        assert_eq!(
            p["a"],
            json!({"type": "number", "exclusiveMinimum": true, "exclusiveMaximum": true, "minimum": 0, "maximum": 10.5})
        );
        assert_eq!(
            p["b"],
            json!({"type": "integer", "minimum": 5, "maximum": 3})
        );
        assert_eq!(
            p["c"],
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})
        );
        assert_eq!(
            p["d"],
            json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true})
        );
        assert_eq!(p["e"], json!({"type": "integer"}));
        assert_eq!(
            notes,
            ["#/components/schemas/S/properties/e/exclusiveMaximum"]
        );
        deserializes(
            &run(with_schema(
                json!({"type": "integer", "exclusiveMinimum": 1}),
            ))
            .0,
        );
    }

    #[test]
    fn ref_with_siblings_becomes_an_all_of() {
        let (s, notes) = schema(json!({
            "properties": {
                "wrapped": {"$ref": "#/components/schemas/A", "description": "d", "readOnly": true, "x-sensitive": true},
                "alone": {"$ref": "#/components/schemas/A"},
                "annotated": {"$ref": "#/components/schemas/A", "$comment": "gone"},
                "joined": {"$ref": "#/components/schemas/A", "allOf": [{"$ref": "#/components/schemas/B"}]},
                "nullable": {"$ref": "#/components/schemas/A", "examples": [{"$ref": "data"}]}
            }
        }));
        let p = &s["properties"];
        assert_eq!(
            p["wrapped"],
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d", "readOnly": true, "x-sensitive": true})
        );
        assert_eq!(
            p["wrapped"]
                .as_object()
                .unwrap()
                .keys()
                .next()
                .map(String::as_str),
            Some("allOf")
        );
        assert_eq!(p["alone"], json!({"$ref": "#/components/schemas/A"}));
        assert_eq!(p["annotated"], json!({"$ref": "#/components/schemas/A"}));
        assert_eq!(
            p["joined"],
            json!({"allOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]})
        );
        assert_eq!(
            p["nullable"],
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "example": {"$ref": "data"}})
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn prefix_items_become_items() {
        let (s, notes) = schema(json!({
            "properties": {
                "same": {"type": "array", "prefixItems": [{"type": ["string", "null"]}, {"type": "string", "nullable": true}]},
                "mixed": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
                "tail": {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer"}},
                "closed": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}], "items": false}
            }
        }));
        let p = &s["properties"];
        // Compared once normalised: the two spellings are the same schema.
        assert_eq!(
            p["same"],
            json!({"type": "array", "items": {"type": "string", "nullable": true}})
        );
        assert_eq!(p["mixed"], json!({"type": "array", "items": {}}));
        assert_eq!(
            p["tail"],
            json!({"type": "array", "items": {"type": "integer"}})
        );
        assert_eq!(
            p["closed"],
            json!({"type": "array", "maxItems": 2, "items": {"type": "string"}})
        );
        let base = "#/components/schemas/S/properties";
        assert_eq!(
            notes,
            ["same", "mixed", "tail", "closed"].map(|p| format!("{base}/{p}/prefixItems"))
        );
    }

    #[test]
    fn boolean_items_and_schemas_become_objects() {
        let (s, notes) = schema(json!({
            "properties": {
                "any": true,
                "forbidden": false,
                "empty": {"type": "array", "items": false},
                "open": {"type": "array", "items": true},
                "map": {"type": "object", "additionalProperties": false}
            }
        }));
        let p = &s["properties"];
        assert_eq!(p["any"], json!({}));
        assert!(p.get("forbidden").is_none());
        assert_eq!(p["empty"], json!({"type": "array", "maxItems": 0}));
        assert_eq!(p["open"], json!({"type": "array", "items": {}}));
        assert_eq!(
            p["map"],
            json!({"type": "object", "additionalProperties": false})
        );
        assert_eq!(notes, ["#/components/schemas/S/properties/forbidden"]);
        let (s, notes) = schema(json!({"items": false, "not": true, "allOf": [false]}));
        assert_eq!(s, json!({"not": {}, "allOf": [{"not": {}}], "maxItems": 0}));
        assert_eq!(notes, ["#/components/schemas/S/allOf/0"]);
    }

    #[test]
    fn content_encoding_and_media_type_become_formats() {
        let (s, notes) = schema(json!({
            "properties": {
                "b64": {"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"},
                "raw": {"type": "string", "contentMediaType": "application/octet-stream"},
                "pdf": {"type": ["string", "null"], "contentMediaType": "application/pdf; charset=binary"},
                "json": {"type": "string", "contentMediaType": "application/json", "contentSchema": {"type": "object"}},
                "svg": {"type": "string", "contentMediaType": "image/svg+xml"},
                "hex": {"type": "string", "contentEncoding": "base16"},
                "kept": {"type": "string", "format": "uuid", "contentEncoding": "base64"},
                "number": {"type": "integer", "contentEncoding": "base64"}
            }
        }));
        let p = &s["properties"];
        assert_eq!(p["b64"], json!({"type": "string", "format": "byte"}));
        assert_eq!(p["raw"], json!({"type": "string", "format": "binary"}));
        assert_eq!(
            p["pdf"],
            json!({"type": "string", "format": "binary", "nullable": true})
        );
        assert_eq!(p["json"], json!({"type": "string"}));
        assert_eq!(p["svg"], json!({"type": "string"}));
        assert_eq!(p["hex"], json!({"type": "string"}));
        assert_eq!(p["kept"], json!({"type": "string", "format": "uuid"}));
        assert_eq!(p["number"], json!({"type": "integer"}));
        assert_eq!(
            notes,
            ["#/components/schemas/S/properties/hex/contentEncoding"]
        );
    }

    #[test]
    fn keywords_3_0_lacks_are_dropped_and_constraints_noted() {
        let (s, notes) = schema(json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://example.com/s",
            "$anchor": "s",
            "$comment": "c",
            "type": "object",
            "properties": {
                // A property may be called like a keyword.
                "$schema": {"type": "string"},
                "if": {"type": "string"}
            },
            "propertyNames": {"pattern": "^[a-z]+$"},
            "if": {"required": ["a"]},
            "then": {"required": ["b"]},
            "else": {"required": ["c"]},
            "dependentRequired": {"a": ["b"]},
            "dependentSchemas": {"a": {"required": ["b"]}},
            "unevaluatedProperties": false,
            "unevaluatedItems": true,
            "contains": {"type": "string"},
            "minContains": 1,
            "$defs": {"Inner": {"type": ["string", "null"], "$comment": "x"}}
        }));
        assert_eq!(
            s,
            json!({
                "type": "object",
                "properties": {"$schema": {"type": "string"}, "if": {"type": "string"}},
                "$defs": {"Inner": {"type": "string", "nullable": true}}
            })
        );
        let base = "#/components/schemas/S";
        assert_eq!(
            notes,
            [
                "if",
                "dependentRequired",
                "dependentSchemas",
                "unevaluatedProperties",
                "contains"
            ]
            .map(|k| format!("{base}/{k}"))
        );
        let (_, notes) = schema(json!({"type": "object", "unevaluatedProperties": {}}));
        assert!(notes.is_empty());
    }

    #[test]
    fn json_schema_dialect_is_dropped() {
        let mut doc = with_schema(json!({"type": "string"}));
        doc["jsonSchemaDialect"] = json!(OAS_DIALECT);
        let (out, notes) = run(doc.clone());
        assert!(out.get("jsonSchemaDialect").is_none());
        assert!(notes.is_empty());
        doc["jsonSchemaDialect"] = json!("https://json-schema.org/draft/2020-12/schema");
        let (out, notes) = run(doc);
        assert!(out.get("jsonSchemaDialect").is_none());
        assert_eq!(notes, ["#/jsonSchemaDialect"]);
    }

    #[test]
    fn schemas_are_found_everywhere_a_document_holds_them() {
        let t = || json!({"type": ["string", "null"]});
        let n = json!({"type": "string", "nullable": true});
        let media = || json!({"application/json": {"schema": t(), "encoding": {"p": {"headers": {"H": {"schema": t()}}}}}});
        let op = json!({
            "parameters": [{"name": "q", "in": "query", "schema": t()}, {"name": "c", "in": "query", "content": media()}],
            "requestBody": {"content": media()},
            "responses": {"200": {"description": "ok", "headers": {"H": {"schema": t()}}, "content": media()}},
            "callbacks": {"cb": {"{$request.body#/url}": {"post": {"requestBody": {"content": media()}, "responses": {}}}}}
        });
        let doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"parameters": [{"name": "p", "in": "query", "schema": t()}], "get": op.clone()}},
            "webhooks": {"w": {"post": op.clone()}},
            "components": {
                "schemas": {"S": t()},
                "parameters": {"P": {"name": "p", "in": "query", "schema": t()}},
                "headers": {"H": {"schema": t()}},
                "requestBodies": {"B": {"content": media()}},
                "responses": {"R": {"description": "r", "content": media()}},
                "callbacks": {"C": {"{$url}": {"put": op.clone()}}}
            }
        });
        let (out, notes) = run(doc);
        assert!(notes.is_empty(), "{notes:?}");
        let text = serde_json::to_string(&out).unwrap();
        assert!(!text.contains("\"null\""), "a type list is left: {text}");
        let m = &out["paths"]["/a"]["get"];
        assert_eq!(m["parameters"][0]["schema"], n);
        assert_eq!(
            m["parameters"][1]["content"]["application/json"]["schema"],
            n
        );
        assert_eq!(
            m["responses"]["200"]["content"]["application/json"]["encoding"]["p"]["headers"]["H"]["schema"],
            n
        );
        assert_eq!(
            out["x-webhooks"]["w"]["post"]["callbacks"]["cb"]["{$request.body#/url}"]["post"]["requestBody"]
                ["content"]["application/json"]["schema"],
            n
        );
        assert_eq!(out["components"]["headers"]["H"]["schema"], n);
        deserializes(&out);
    }

    #[test]
    fn examples_are_data_and_left_untouched() {
        let payload = json!({
            "type": ["string", "null"],
            "const": 1,
            "$ref": "#/components/schemas/S",
            "examples": [1, 2],
            "exclusiveMinimum": 3,
            "prefixItems": [true]
        });
        let doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"post": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}, "example": payload, "examples": {"e": {"value": payload}}}],
                "requestBody": {"content": {"application/json": {
                    "schema": {
                        "type": "object",
                        "example": payload,
                        "default": payload,
                        "enum": [payload],
                        "x-payload": payload,
                        "properties": {"p": {"type": "object", "examples": [payload]}}
                    },
                    "example": payload,
                    "examples": {"one": {"summary": "s", "value": payload}, "two": {"$ref": "#/components/examples/E"}}
                }}},
                "responses": {"200": {"description": "ok", "headers": {"H": {"schema": {"type": "string"}, "example": payload}}}}
            }}},
            "components": {"examples": {"E": {"value": payload}}, "schemas": {"S": {"type": "object"}}}
        });
        let (out, notes) = run(doc.clone());
        assert!(notes.is_empty(), "{notes:?}");
        let op = &out["paths"]["/a"]["post"];
        let media = &op["requestBody"]["content"]["application/json"];
        assert_eq!(media["example"], payload);
        assert_eq!(
            media["examples"],
            doc["paths"]["/a"]["post"]["requestBody"]["content"]["application/json"]["examples"]
        );
        for key in ["example", "default", "x-payload"] {
            assert_eq!(media["schema"][key], payload, "{key}");
        }
        assert_eq!(media["schema"]["enum"], json!([payload]));
        assert_eq!(media["schema"]["properties"]["p"]["example"], payload);
        assert_eq!(op["parameters"][0]["example"], payload);
        assert_eq!(op["parameters"][0]["examples"]["e"]["value"], payload);
        assert_eq!(op["responses"]["200"]["headers"]["H"]["example"], payload);
        assert_eq!(out["components"]["examples"], doc["components"]["examples"]);
        deserializes(&out);
    }

    #[test]
    fn path_items_are_copied_where_referenced() {
        let doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/pets": {"$ref": "#/components/pathItems/Pets"},
                "/also": {"$ref": "#/components/pathItems/Alias", "summary": "mine"},
                "/loop": {"$ref": "#/components/pathItems/Loop"},
                "/missing": {"$ref": "#/components/pathItems/Missing"}
            },
            "webhooks": {"newPet": {"$ref": "#/components/pathItems/Pets"}},
            "components": {"pathItems": {
                "Pets": {
                    "summary": "pets",
                    "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": ["array", "null"]}}}}}}
                },
                "Alias": {"$ref": "#/components/pathItems/Pets"},
                "Loop": {"get": {"responses": {}, "callbacks": {"c": {"{$url}": {"$ref": "#/components/pathItems/Loop"}}}}}
            }}
        });
        let (out, notes) = run(doc);
        let pets = json!({
            "summary": "pets",
            "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "nullable": true}}}}}}
        });
        assert_eq!(out["paths"]["/pets"], pets);
        assert_eq!(out["x-webhooks"]["newPet"], pets);
        // Through a chain of references; fields beside a reference win.
        let mut also = pets.clone();
        also["summary"] = json!("mine");
        assert_eq!(out["paths"]["/also"], also);
        // A cycle is cut at its second turn.
        assert_eq!(
            out["paths"]["/loop"]["get"]["callbacks"]["c"]["{$url}"],
            json!({"$ref": "#/components/pathItems/Loop"})
        );
        assert!(out["components"].get("pathItems").is_none());
        assert_eq!(
            notes,
            [
                "#/paths/~1loop/get/callbacks/c/{$url}/$ref",
                "#/paths/~1missing/$ref"
            ]
        );
    }

    #[test]
    fn webhooks_move_to_an_extension_and_paths_become_required() {
        let (out, notes) = run(json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}},
            "webhooks": {"hook": {"post": {"responses": {"200": {"description": "ok"}}}}}
        }));
        assert!(out.get("webhooks").is_none());
        assert_eq!(
            out["x-webhooks"]["hook"]["post"]["responses"]["200"]["description"],
            "ok"
        );
        assert_eq!(out["paths"], json!({}));
        assert_eq!(out["openapi"], "3.0.3");
        assert_eq!(out["info"]["summary"], "s");
        assert_eq!(out["info"]["license"]["identifier"], "MIT");
        assert!(notes.is_empty());
        let spec: openapiv3::OpenAPI = serde_json::from_value(out).unwrap();
        assert!(spec.extensions.contains_key("x-webhooks"));

        // An existing x-webhooks keeps its entries.
        let (out, notes) = run(json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "webhooks": {"a": {}, "b": {}},
            "x-webhooks": {"a": {"summary": "old"}}
        }));
        assert_eq!(out["x-webhooks"], json!({"a": {"summary": "old"}, "b": {}}));
        assert_eq!(notes, ["#/webhooks/a"]);
    }

    #[test]
    fn operations_without_responses_and_mutual_tls_are_read() {
        let (out, notes) = run(json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"security": [{"mtls": []}]}}},
            "components": {"securitySchemes": {"mtls": {"type": "mutualTLS", "description": "d"}}}
        }));
        assert_eq!(out["paths"]["/a"]["get"]["responses"], json!({}));
        assert_eq!(
            out["components"]["securitySchemes"]["mtls"],
            json!({"type": "http", "description": "d", "scheme": "mutualTLS"})
        );
        assert_eq!(
            notes,
            ["#/paths/~1a/get", "#/components/securitySchemes/mtls"]
        );
        deserializes(&out);
    }

    /// `{key: inner}` plus `fields`, built without `json!`, which would
    /// serialize (recursively) the value it is given.
    fn wrap(fields: Value, key: &str, inner: Value) -> Value {
        let mut outer = fields;
        if let Some(map) = outer.as_object_mut() {
            map.insert(key.into(), inner);
        }
        outer
    }

    #[test]
    fn deep_nesting_is_cut_with_a_note() {
        let mut s = json!({"type": ["string", "null"]});
        for _ in 0..1000 {
            s = wrap(json!({"type": "array"}), "items", s);
        }
        let (_, notes) = run(wrap(
            with_schema(json!({})),
            "components",
            wrap(json!({}), "schemas", wrap(json!({}), "S", s)),
        ));
        assert_eq!(notes.len(), 1);
        assert!(notes[0].ends_with("/items"));
        assert_eq!(notes[0].matches("/items").count(), MAX_DEPTH);

        // Callbacks nest path items, which hold schemas: one depth for all.
        let mut item = json!({"get": {"responses": {}}});
        for _ in 0..1000 {
            let callback = wrap(json!({}), "{$url}", item);
            let callbacks = wrap(json!({}), "c", callback);
            item = json!({"get": {"responses": {}}});
            if let Some(get) = item.get_mut("get").and_then(Value::as_object_mut) {
                get.insert("callbacks".into(), callbacks);
            }
        }
        let doc = wrap(
            json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}),
            "paths",
            wrap(json!({}), "/a", item),
        );
        let (_, notes) = run(doc);
        // Once while normalising schemas, once while resolving references.
        assert_eq!(notes.len(), 2, "{notes:?}");
    }

    #[test]
    fn hostile_shapes_do_not_panic() {
        for doc in [
            json!(null),
            json!([1, 2]),
            json!("openapi"),
            json!({}),
            json!({"paths": [], "webhooks": 3, "components": []}),
            json!({"paths": {"/a": 1, "/b": {"get": 2, "parameters": {"x": 1}}, "/c": {"$ref": 5}}}),
            json!({"paths": {"/a": {"get": {"responses": [], "requestBody": [], "callbacks": {"c": 1}}}}}),
            json!({"components": {"schemas": {"A": 1, "B": [], "C": {"properties": [], "items": 1, "allOf": {}, "type": 7}}}}),
            json!({"components": {"schemas": {"A": {"type": [[], {}], "enum": 5, "const": [], "prefixItems": 1, "items": false}}}}),
            json!({"components": {"schemas": {"A": {"$ref": 1, "x": 2}, "B": {"$ref": "#/x", "allOf": 3}, "C": {"oneOf": [1, null], "type": ["a", "b"]}}}}),
            json!({"components": {"pathItems": [], "securitySchemes": {"a": 1, "b": {"type": 2}}}}),
            json!({"components": {"pathItems": {"A": 1}}, "paths": {"/a": {"$ref": "#/components/pathItems/A"}}}),
            json!({"webhooks": {"a": 1}, "x-webhooks": 2}),
            json!({"webhooks": 1, "x-webhooks": {}}),
            json!({"jsonSchemaDialect": {"x": 1}}),
        ] {
            let mut doc = doc;
            let _ = normalize(&mut doc);
        }
    }

    #[test]
    fn a_small_3_1_document_deserializes() {
        let text = r##"
openapi: 3.1.0
jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
info:
  title: Pets
  version: 1.0.0
  summary: A pet store
  license: {name: MIT, identifier: MIT}
paths:
  /pets:
    $ref: '#/components/pathItems/Pets'
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
    get:
      responses:
        '200':
          description: A pet.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet', description: The pet.}
              examples:
                rex: {value: {id: 1, name: Rex, tag: null}}
webhooks:
  newPet:
    $ref: '#/components/pathItems/NewPet'
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer, format: int64, exclusiveMinimum: 0}
        name: {type: string, examples: [Rex]}
        tag: {type: [string, 'null']}
        kind: {const: dog}
        photo: {type: string, contentEncoding: base64}
        size: {type: [integer, string]}
        owner: {$ref: '#/components/schemas/Owner', readOnly: true}
        coordinates: {type: array, prefixItems: [{type: number}, {type: number}]}
    Owner:
      type: object
      properties:
        name: {type: string}
      unevaluatedProperties: false
  pathItems:
    Pets:
      get:
        responses:
          '200':
            description: Pets.
            content:
              application/json:
                schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    NewPet:
      post:
        requestBody:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
        responses:
          '200': {description: Received.}
"##;
        let mut doc: Value = serde_yaml::from_str(text).unwrap();
        let notes = normalize(&mut doc);
        let pointers: Vec<&str> = notes.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "#/components/schemas/Pet/properties/coordinates/prefixItems",
                "#/components/schemas/Owner/unevaluatedProperties"
            ]
        );
        deserializes(&doc);
        let spec: openapiv3::OpenAPI = serde_json::from_value(doc.clone()).unwrap();
        assert_eq!(spec.openapi, "3.0.3");
        assert_eq!(spec.paths.paths.len(), 2);
        assert!(spec.extensions["x-webhooks"]["newPet"]["post"].is_object());
        let pet = &doc["components"]["schemas"]["Pet"]["properties"];
        assert_eq!(
            pet["size"],
            json!({"oneOf": [{"type": "integer"}, {"type": "string"}]})
        );
        assert_eq!(pet["coordinates"]["items"], json!({"type": "number"}));
    }

    const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

    /// Every 3.1 document of the shared corpus normalises and deserializes.
    #[test]
    fn corpus_3_1_documents_deserialize() {
        let corpus = Path::new(CORPUS);
        if !corpus.is_dir() {
            println!("note: {CORPUS} is absent; the corpus test is skipped");
            return;
        }
        for file in [
            "oai/oai-learn_v3.1_tictactoe.yaml",
            "oai/oai_v3.1_non-oauth-scopes.yaml",
            "oai/oai_v3.1_webhook-example.yaml",
            "apisguru/discourse.local.json",
            "apisguru/listennotes.com.json",
            "apisguru/placekit.co.json",
            "apisguru/rentcast.io.json",
            "apisguru/vercel.com.json",
        ] {
            let text = std::fs::read_to_string(corpus.join(file)).unwrap();
            let mut doc: Value = if file.ends_with(".json") {
                serde_json::from_str(&text).unwrap()
            } else {
                serde_yaml::from_str(&text).unwrap()
            };
            assert_eq!(doc["openapi"], "3.1.0", "{file}");
            let had_webhooks = doc.get("webhooks").is_some();
            let notes = normalize(&mut doc);
            println!("{file}: {} notes", notes.len());
            for (pointer, message) in &notes {
                println!("  {pointer}: {message}");
            }
            if let Err(e) = serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&doc) {
                panic!("{file}: {} at {}", e.inner(), e.path());
            }
            assert_eq!(doc.get("x-webhooks").is_some(), had_webhooks, "{file}");
        }
    }

    /// The 3.1 twins of the specs normalise to the 3.0 originals (that
    /// they generate the same Rust is pipeline's test).
    #[test]
    fn the_3_1_twins_of_the_specs_normalise_to_the_originals() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for name in ["omno", "kadosei", "primer", "rebilly"] {
            let original_text =
                std::fs::read_to_string(root.join(format!("specs/{name}.yaml"))).unwrap();
            let twin_text =
                std::fs::read_to_string(root.join(format!("tests/fixtures/v31/{name}.yaml")))
                    .unwrap();
            let original: Value = serde_yaml::from_str(&original_text).unwrap();
            let mut twin: Value = serde_yaml::from_str(&twin_text).unwrap();
            assert_eq!(twin["openapi"], "3.1.0", "{name}");
            assert!(!twin_text.contains("nullable"), "{name}");
            let notes = normalize(&mut twin);
            assert!(notes.is_empty(), "{name}: {notes:?}");
            assert_eq!(twin, original, "{name}");
        }
    }
}
