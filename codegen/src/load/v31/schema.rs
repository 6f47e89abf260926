//! Schema objects: their subschemas followed, then each 3.1 keyword
//! rewritten onto 3.0 (or dropped, with a note).

use super::*;

impl Normalizer {
    /// One schema object: its subschemas first (so each rule sees them in
    /// their final shape and notes point at where they were written), then
    /// its own keywords.
    pub(super) fn schema(&mut self, schema: &mut Object, pointer: &str, depth: usize) {
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

    pub(super) fn subschemas(&mut self, schema: &mut Object, pointer: &str, depth: usize) {
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
    pub(super) fn drop_keywords(&mut self, schema: &mut Object, pointer: &str) {
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
    pub(super) fn exclusive_bound(
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
    pub(super) fn content_encoding(&mut self, schema: &mut Object, pointer: &str) {
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
    pub(super) fn tuple(&mut self, schema: &mut Object, pointer: &str) {
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
    pub(super) fn type_list(&mut self, schema: &mut Object, pointer: &str) {
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
}
