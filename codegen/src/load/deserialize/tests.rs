use serde_json::{Value, json};

use super::{PIECE, deserialize_spec};

/// A document with `paths` path items and `schemas` schemas, more than a
/// piece of each.
fn document(paths: usize, schemas: usize) -> Value {
    let paths: serde_json::Map<String, Value> = (0..paths)
        .map(|i| {
            let item = json!({"get": {"responses": {"200": {"description": "ok"}}}});
            (format!("/p{i}"), item)
        })
        .collect();
    let schemas: serde_json::Map<String, Value> = (0..schemas)
        .map(|i| (format!("S{i}"), json!({"type": "string"})))
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas, "x-note": true}
    })
}

#[test]
fn pieces_are_put_together_in_the_documents_order() {
    let (paths, schemas) = (PIECE * 5 + 7, PIECE * 3 + 1);
    let spec = deserialize_spec(document(paths, schemas)).unwrap();
    let read: Vec<&String> = spec.paths.paths.keys().collect();
    let written: Vec<String> = (0..paths).map(|i| format!("/p{i}")).collect();
    assert_eq!(read, written.iter().collect::<Vec<_>>());
    let components = spec.components.unwrap();
    let read: Vec<&String> = components.schemas.keys().collect();
    let written: Vec<String> = (0..schemas).map(|i| format!("S{i}")).collect();
    assert_eq!(read, written.iter().collect::<Vec<_>>());
    assert!(components.extensions.contains_key("x-note"));
    assert_eq!(spec.info.title, "t");
}

#[test]
fn the_first_failure_in_the_document_is_told() {
    let mut doc = document(PIECE * 4, PIECE * 2);
    // Wrong in a late piece of `paths` and in the first of `components`:
    // `paths` comes first in the document.
    doc["paths"][format!("/p{}", PIECE * 3 + 2)]["get"]["responses"] = json!(7);
    doc["components"]["schemas"]["S0"] = json!({"type": 7});
    let (pointer, _) = deserialize_spec(doc.clone()).unwrap_err();
    assert!(pointer.starts_with("#/paths"), "{pointer}");
    // And the rest of the document before either.
    doc["info"] = json!(3);
    let (pointer, _) = deserialize_spec(doc).unwrap_err();
    assert_eq!(pointer, "#/info");
}

#[test]
fn a_document_with_no_path_and_no_components_is_read() {
    let spec = deserialize_spec(json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {}
    }))
    .unwrap();
    assert!(spec.paths.paths.is_empty());
    assert!(spec.components.is_none());
}
