//! Tests of `load/schema_values`.

use std::path::Path;

use serde_json::json;

use super::*;

fn document(schemas: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    })
}

fn schema<'a>(doc: &'a Value, name: &str) -> &'a Value {
    &doc["components"]["schemas"][name]
}

#[test]
fn right_values_are_left_alone() {
    let schemas = json!({
        "A": {"type": "object", "required": ["a"], "nullable": true,
              "properties": {"a": {"type": "string", "minLength": 1, "pattern": "^a",
                                   "enum": ["a", null]},
                             "b": {"$ref": "#/components/schemas/B", "required": true}},
              "additionalProperties": false, "discriminator": {"propertyName": "a"}},
        "B": {"type": "array", "items": {"type": "number", "maximum": 1.5,
                                          "exclusiveMaximum": true}},
    });
    let mut doc = document(schemas.clone());
    let found = repair(&mut doc);
    assert!(found.notes.is_empty(), "{:?}", found.notes);
    assert!(found.invalid.is_empty(), "{:?}", found.invalid);
    assert_eq!(doc, document(schemas));
}

#[test]
fn values_with_one_reading_are_read_so_with_a_note() {
    let mut doc = document(json!({
        "S": {"type": ["string", "null"], "minLength": "2", "maxLength": 8.0,
              "enum": "only", "pattern": "^o"},
        "F": {"type": "string", "nullable": "true"},
        "N": {"type": "number", "maximum": "10", "exclusiveMinimum": 0},
        "L": {"type": "array", "items": [{"type": "string"}]},
        "U": {"oneOf": {"$ref": "#/components/schemas/S"}, "discriminator": "kind"},
    }));
    let found = repair(&mut doc);
    assert!(found.invalid.is_empty(), "{:?}", found.invalid);
    assert_eq!(
        schema(&doc, "S"),
        &json!({"type": "string", "nullable": true, "minLength": 2, "maxLength": 8,
                "enum": ["only"], "pattern": "^o"})
    );
    assert_eq!(
        schema(&doc, "N"),
        &json!({"type": "number", "maximum": 10, "minimum": 0, "exclusiveMinimum": true})
    );
    assert_eq!(
        schema(&doc, "L"),
        &json!({"type": "array", "items": {"type": "string"}})
    );
    assert_eq!(
        schema(&doc, "U"),
        &json!({"oneOf": [{"$ref": "#/components/schemas/S"}],
                "discriminator": {"propertyName": "kind"}})
    );
    let at: Vec<&str> = found.notes.iter().map(|(p, _)| p.as_str()).collect();
    // An integral float is the count it is: no note.
    assert!(!at.contains(&"#/components/schemas/S/maxLength"), "{at:?}");
    for pointer in [
        "#/components/schemas/S/type",
        "#/components/schemas/S/minLength",
        "#/components/schemas/F/nullable",
        "#/components/schemas/S/enum",
        "#/components/schemas/N/maximum",
        "#/components/schemas/N/exclusiveMinimum",
        "#/components/schemas/L/items",
        "#/components/schemas/U/oneOf",
        "#/components/schemas/U/discriminator",
    ] {
        assert!(at.contains(&pointer), "{pointer} not in {at:?}");
    }
    let (_, message) = &found.notes[at.iter().position(|p| p.ends_with("S/type")).unwrap()];
    assert_eq!(
        message,
        "`type` is `[\"string\",\"null\"]`; read as `type: string` with `nullable: true`"
    );
}

#[test]
fn an_exclusive_bound_as_a_number_keeps_the_stricter_bound() {
    let mut doc = document(json!({
        "Looser": {"type": "integer", "minimum": 5, "exclusiveMinimum": 1},
        "Stricter": {"type": "integer", "maximum": 5, "exclusiveMaximum": 1},
    }));
    let found = repair(&mut doc);
    assert!(found.invalid.is_empty());
    assert_eq!(
        schema(&doc, "Looser"),
        &json!({"type": "integer", "minimum": 5})
    );
    assert_eq!(
        schema(&doc, "Stricter"),
        &json!({"type": "integer", "maximum": 1, "exclusiveMaximum": true})
    );
}

#[test]
fn draft_3_required_lists_the_property_in_its_object() {
    let mut doc = document(json!({
        "O": {"type": "object", "required": ["a"],
              "properties": {"a": {"type": "string"},
                             "b": {"type": "string", "required": true},
                             "c": {"type": "string", "required": false}}},
        "Top": {"type": "string", "required": true},
    }));
    let found = repair(&mut doc);
    assert_eq!(
        schema(&doc, "O"),
        &json!({"type": "object", "required": ["a", "b"],
                "properties": {"a": {"type": "string"}, "b": {"type": "string"},
                               "c": {"type": "string"}}})
    );
    let notes: Vec<&str> = found.notes.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        notes,
        [
            "#/components/schemas/O/properties/b/required",
            "#/components/schemas/O/properties/c/required"
        ]
    );
    // Not a property: no object to list it in.
    assert_eq!(found.invalid.len(), 1);
    assert_eq!(found.invalid[0].0, "#/components/schemas/Top/required");
    assert_eq!(schema(&doc, "Top"), &json!({"type": "string"}));
}

#[test]
fn values_with_no_reading_are_taken_out_and_listed() {
    let mut doc = document(json!({
        "P": {"type": "object", "properties": {
            "t": {"type": "string", "pattern": 0, "minLength": -1, "readOnly": "yes"},
            "bad": true,
        }, "required": ["t", 3], "allOf": [{"type": "object"}, "x"]},
        "Wrapped": {"type": {"type": "string", "enum": ["a"]}},
        "Many": {"type": ["string", "integer"]},
    }));
    let found = repair(&mut doc);
    let invalid: Vec<(&str, &str)> = found
        .invalid
        .iter()
        .map(|(p, m)| (p.as_str(), m.as_str()))
        .collect();
    assert_eq!(
        invalid,
        [
            (
                "#/components/schemas/P/properties/t/pattern",
                "`pattern` is `0`, where OpenAPI allows a string"
            ),
            (
                "#/components/schemas/P/properties/t/minLength",
                "`minLength` is `-1`, where OpenAPI allows a whole number of at least 0"
            ),
            (
                "#/components/schemas/P/properties/t/readOnly",
                "`readOnly` is `\"yes\"`, where OpenAPI allows true or false"
            ),
            (
                "#/components/schemas/P/properties/bad",
                "`bad` is `true`, where OpenAPI allows a schema"
            ),
            (
                "#/components/schemas/P/required",
                "`required` is `[\"t\",3]`, where OpenAPI allows a list of property names"
            ),
            (
                "#/components/schemas/P/allOf",
                "`allOf` is `[{\"type\":\"object\"},\"x\"]`, where OpenAPI allows a list of schemas"
            ),
            (
                "#/components/schemas/Wrapped/type",
                "`type` is `{\"type\":\"string\",\"enum\":[\"a\"]}`, where OpenAPI allows a string"
            ),
            (
                "#/components/schemas/Many/type",
                "`type` is `[\"string\",\"integer\"]`, where OpenAPI allows one type name (in OpenAPI 3.0)"
            ),
        ]
    );
    assert_eq!(
        schema(&doc, "P"),
        &json!({"type": "object", "properties": {"t": {"type": "string"}},
                "required": ["t"], "allOf": [{"type": "object"}]})
    );
    assert_eq!(schema(&doc, "Wrapped"), &json!({}));
    // What is left reads as OpenAPI.
    serde_json::from_value::<openapiv3::OpenAPI>(doc).unwrap();
}

#[test]
fn a_loaded_document_lists_what_was_taken_out() {
    let text = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"S": {"type": "string", "pattern": 0, "maxLength": "9"}}}}"#;
    let doc = crate::load::load_str(Path::new("t.json"), text.to_string()).unwrap();
    assert_eq!(
        doc.invalid_values,
        [(
            "#/components/schemas/S/pattern".to_string(),
            "`pattern` is `0`, where OpenAPI allows a string".to_string()
        )]
    );
    assert!(
        doc.notes
            .iter()
            .any(|(p, m)| p == "#/components/schemas/S/maxLength"
                && m == "`maxLength` is `\"9\"`; read as the number 9")
    );
}
