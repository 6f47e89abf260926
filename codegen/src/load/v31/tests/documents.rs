//! Tests of whole documents: where schemas are found, examples left as data,
//! path items, webhooks, nesting and hostile shapes, the corpus, the twins.

use super::*;

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
            std::fs::read_to_string(root.join(format!("tests/fixtures/v31/{name}.yaml"))).unwrap();
        let original: Value = serde_yaml::from_str(&original_text).unwrap();
        let mut twin: Value = serde_yaml::from_str(&twin_text).unwrap();
        assert_eq!(twin["openapi"], "3.1.0", "{name}");
        assert!(!twin_text.contains("nullable"), "{name}");
        let notes = normalize(&mut twin);
        assert!(notes.is_empty(), "{name}: {notes:?}");
        assert_eq!(twin, original, "{name}");
    }
}
