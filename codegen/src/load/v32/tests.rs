//! Tests of `load/v32`.

use serde_json::json;

use super::*;

fn run(mut doc: Value) -> (Value, Rewritten) {
    let done = normalize(&mut doc);
    (doc, done)
}

#[test]
fn query_and_additional_operations_become_the_registered_extension() {
    let (doc, done) = run(json!({
        "openapi": "3.2.0",
        "paths": {"/a": {
            "query": {"operationId": "q", "responses": {"200": {"summary": "ok"}}},
            "additionalOperations": {
                "LINK": {"responses": {}},
                "post": {"responses": {}},
                "QUERY": {"responses": {}}
            },
            "x-oai-additionalOperations": {"UNLINK": {"responses": {}}}
        }}
    }));
    assert_eq!(doc["openapi"], "3.1.1");
    let item = &doc["paths"]["/a"];
    let methods: Vec<&String> = item[ext::ADDITIONAL_OPERATIONS]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(methods, ["QUERY", "LINK", "UNLINK"]);
    assert!(item.get("query").is_none() && item.get("additionalOperations").is_none());
    // Response descriptions are optional in 3.2; the summary is kept aside.
    let response = &item[ext::ADDITIONAL_OPERATIONS]["QUERY"]["responses"]["200"];
    assert_eq!(response["description"], "");
    assert_eq!(response[ext::SUMMARY], "ok");
    let notes: Vec<&str> = done.notes.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        notes,
        [
            "#/paths/~1a/additionalOperations/post",
            "#/paths/~1a/additionalOperations/QUERY"
        ]
    );
    let source = |p: &str| crate::load::source_pointer(&done.renames, p);
    assert_eq!(
        source("#/paths/~1a/x-oai-additionalOperations/QUERY/responses/200/x-codegen-summary"),
        "#/paths/~1a/query/responses/200/summary"
    );
    assert_eq!(
        source("#/paths/~1a/x-oai-additionalOperations/LINK"),
        "#/paths/~1a/additionalOperations/LINK"
    );
}

#[test]
fn fields_without_a_3_1_place_become_extensions() {
    let (doc, _) = run(json!({
        "openapi": "3.2.0",
        "servers": [{"url": "https://a", "name": "live"}],
        "tags": [{"name": "cards", "parent": "payments", "kind": "nav", "summary": "Cards"}],
        "paths": {"/a": {"get": {
            "parameters": [{"name": "q", "in": "querystring", "content": {"text/plain": {}}}],
            "responses": {"200": {"description": "ok", "content": {"text/event-stream": {
                "itemSchema": {"type": "object"},
                "examples": {"e": {"dataValue": {"a": 1}, "serializedValue": "{\"a\":1}"}}
            }}}}
        }}},
        "components": {
            "schemas": {"U": {"oneOf": [], "discriminator": {"propertyName": "t", "defaultMapping": "O"}}},
            "securitySchemes": {"o": {"type": "oauth2", "deprecated": true, "flows": {
                "deviceAuthorization": {"deviceAuthorizationUrl": "https://d", "tokenUrl": "https://t", "scopes": {}}
            }}}
        }
    }));
    assert_eq!(doc["servers"][0][ext::SERVER_NAME], "live");
    let tag = &doc["tags"][0];
    assert_eq!(
        (&tag[ext::PARENT], &tag[ext::KIND], &tag[ext::SUMMARY]),
        (&json!("payments"), &json!("nav"), &json!("Cards"))
    );
    let op = &doc["paths"]["/a"]["get"];
    assert_eq!(op["parameters"][0]["in"], "query");
    assert_eq!(op["parameters"][0][ext::QUERYSTRING], true);
    let media = &op["responses"]["200"]["content"]["text/event-stream"];
    assert_eq!(media[ext::ITEM_SCHEMA], json!({"type": "object"}));
    assert_eq!(media["examples"]["e"]["value"], json!({"a": 1}));
    assert_eq!(media["examples"]["e"][ext::SERIALIZED_VALUE], "{\"a\":1}");
    let components = &doc["components"];
    assert_eq!(
        components["schemas"]["U"]["discriminator"][ext::DEFAULT_MAPPING],
        "O"
    );
    let scheme = &components["securitySchemes"]["o"];
    assert_eq!(scheme[ext::DEPRECATED], true);
    let device = &scheme["flows"][ext::DEVICE_AUTHORIZATION];
    assert_eq!(device[ext::DEVICE_AUTHORIZATION_URL], "https://d");
}

#[test]
fn media_type_components_are_copied_where_referenced() {
    let (doc, done) = run(json!({
        "openapi": "3.2.0",
        "paths": {"/a": {"post": {
            "requestBody": {"content": {"application/json": {"$ref": "#/components/mediaTypes/Body"}}},
            "responses": {"200": {"description": "ok", "content": {
                "application/jsonl": {"$ref": "#/components/mediaTypes/Lines"},
                "text/plain": {"$ref": "#/components/mediaTypes/Nope"}
            }}}
        }}},
        "components": {"mediaTypes": {
            "Body": {"schema": {"type": "object"}},
            "Lines": {"itemSchema": {"type": "string"}}
        }}
    }));
    let op = &doc["paths"]["/a"]["post"];
    assert_eq!(
        op["requestBody"]["content"]["application/json"],
        json!({"schema": {"type": "object"}})
    );
    let lines = &op["responses"]["200"]["content"]["application/jsonl"];
    assert_eq!(lines[ext::ITEM_SCHEMA], json!({"type": "string"}));
    assert!(doc["components"].get("mediaTypes").is_none());
    assert_eq!(done.notes.len(), 1, "{:?}", done.notes);
    assert!(done.notes[0].1.contains("does not resolve"));
}

#[test]
fn hostile_shapes_do_not_panic() {
    for doc in [
        json!(null),
        json!({"openapi": "3.2.0", "$self": 5, "paths": {"/a": {"query": 1, "additionalOperations": []}}}),
        json!({"openapi": "3.2.0", "components": {"mediaTypes": []}, "tags": [1, {"name": []}]}),
        json!({"openapi": "3.2.0", "paths": {"/a": {"get": {"parameters": [{"in": "querystring"}], "responses": {"200": []}}}}}),
    ] {
        run(doc);
    }
}
