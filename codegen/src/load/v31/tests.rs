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

mod documents;
