//! Tests of `load/path_refs`.

use serde_json::json;

use super::*;

fn run(doc: Value) -> (Value, Vec<String>) {
    let mut doc = doc;
    let notes = resolve(doc.as_object_mut().unwrap());
    (doc, notes.into_iter().map(|(p, _)| p).collect())
}

#[test]
fn a_path_item_may_point_at_another_path() {
    let get = json!({"responses": {"200": {"description": "ok"}}});
    let (out, notes) = run(json!({
        "paths": {
            "/ip-address": {"get": get},
            "/support/ip-address": {"$ref": "#/paths/~1ip-address"},
            "/jobs/{id}": {"$ref": "#/paths/~1jobs~1%7Bid%7D"},
            "/elsewhere": {"$ref": "#/paths/~1nowhere"}
        }
    }));
    assert_eq!(out["paths"]["/support/ip-address"], json!({"get": get}));
    // Pointing at itself is a cycle: left as it was, with a note.
    assert_eq!(
        out["paths"]["/jobs/{id}"],
        json!({"$ref": "#/paths/~1jobs~1%7Bid%7D"})
    );
    assert_eq!(
        notes,
        ["#/paths/~1jobs~1{id}/$ref", "#/paths/~1elsewhere/$ref"]
    );
}

#[test]
fn a_callback_may_be_a_reference_to_a_component() {
    let item = json!({"post": {"responses": {"200": {"description": "ok"}}}});
    let (out, notes) = run(json!({
        "paths": {"/search": {"get": {
            "responses": {},
            "callbacks": {"index": {"$ref": "#/components/callbacks/searchIndex"}}
        }}},
        "components": {"callbacks": {"searchIndex": {"{$request.query.url}": item}}}
    }));
    assert_eq!(
        out["paths"]["/search"]["get"]["callbacks"]["index"],
        json!({"{$request.query.url}": item})
    );
    assert!(notes.is_empty());
}

#[test]
fn copying_stops_at_its_budget() {
    // Each level refers to the one below twice: 2^40 copies unless cut.
    let mut paths = Object::new();
    for i in 0..40 {
        let next = format!("#/paths/~1p{}", i + 1);
        paths.insert(
            format!("/p{i}"),
            json!({"get": {"responses": {}, "callbacks": {
                "a": {"{$url}": {"$ref": next}},
                "b": {"{$url}": {"$ref": next}}
            }}}),
        );
    }
    let (_, notes) = run(json!({ "paths": paths }));
    assert!(!notes.is_empty());
}
