//! Rewrites of one schema that note nothing: `examples` to `example`,
//! `const` to `enum`, unions of constants or with `null`, `$ref` with
//! siblings, type lists split into `oneOf`.

use super::*;

/// A schema's `examples` list (3.1) gives its first entry to `example`.
pub(super) fn examples_to_example(schema: &mut Object) {
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
pub(super) fn const_to_enum(schema: &mut Object) {
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
pub(super) fn enum_union(schema: &mut Object) {
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
pub(super) fn pinned_values(members: &[Value]) -> Option<(Option<String>, Vec<Value>, bool)> {
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
pub(super) fn nullable_ref(schema: &mut Object) {
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
pub(super) fn nullable_union(schema: &mut Object) {
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
pub(super) fn wrap_ref(schema: &mut Object) {
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
pub(super) fn split_types(schema: &mut Object, kinds: &[String]) {
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
pub(super) fn scalar_kind(value: &Value, integers: bool) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if integers && (n.is_i64() || n.is_u64()) => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    }
}

/// `true`, or the empty schema.
pub(super) fn accepts_everything(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

pub(super) fn may_be_string(schema: &Object) -> bool {
    match schema.get("type") {
        None => true,
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
        Some(_) => false,
    }
}

/// Media types whose content is bytes, not text.
pub(super) fn is_binary_media(media: &str) -> bool {
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
