//! Tests of `load/written`.

use super::*;
use serde_json::json;

#[test]
fn references_and_explodes() {
    let doc = json!({
        "paths": {"/a": {"post": {
            "parameters": [{"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/Q"}}],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {
                "schema": {"$ref": "#/paths/~1a/post/parameters/0/schema"},
                "encoding": {"tags": {"explode": false}, "ids": {"style": "form"}},
                "example": {"$ref": "#/not/a/reference"}
            }}},
            "responses": {"200": {"$ref": "#/components/responses/Missing"}}
        }}},
        "components": {"schemas": {"Q": {"type": "string"}, "P": {"$ref": "#/paths/~1a/post/parameters/0"}}}
    });
    let written = Written::collect(&doc);
    let order: Vec<&str> = written.references.keys().map(String::as_str).collect();
    assert_eq!(
        order,
        [
            "#/components/schemas/Q",
            "#/paths/~1a/post/parameters/0/schema",
            "#/components/responses/Missing",
            "#/paths/~1a/post/parameters/0",
        ]
    );
    assert!(written.resolves("#/components/schemas/Q"));
    assert!(!written.resolves("#/components/responses/Missing"));
    assert!(!written.resolves("#/not/a/reference"));
    let elsewhere: Vec<&str> = written.elsewhere().map(|(r, _)| r).collect();
    assert_eq!(
        elsewhere,
        [
            "#/paths/~1a/post/parameters/0/schema",
            "#/paths/~1a/post/parameters/0"
        ]
    );
    let media = "#/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded";
    assert_eq!(written.explode(media, "tags"), Some(false));
    assert_eq!(written.explode(media, "ids"), None);
}

#[test]
fn an_explode_is_found_through_a_percent_encoded_reference() {
    let doc = json!({"components": {"requestBodies": {"Pet Form": {"content": {
        "application/x-www-form-urlencoded": {"encoding": {"tags": {"explode": true}}}
    }}}}});
    let written = Written::collect(&doc);
    let body = fragment_pointer("#/components/requestBodies/Pet%20Form");
    let media = child(
        &child(&body, "content"),
        "application/x-www-form-urlencoded",
    );
    assert_eq!(written.explode(&media, "tags"), Some(true));
    assert_eq!(written.explode(&media, "other"), None);
}

#[test]
fn fragments_become_plain_pointers() {
    assert_eq!(
        fragment_pointer("#/paths/~1jobs~1%7Bid%7D/get"),
        "#/paths/~1jobs~1{id}/get"
    );
    assert_eq!(fragment_pointer("#"), "#");
}

#[test]
fn references_to_the_wrong_kind_of_object_are_found_where_they_stand() {
    let doc = json!({
        "paths": {"/a": {"get": {
            "parameters": [{"name": "q", "in": "query", "schema": {
                "type": "array", "items": {"$ref": "#/paths/~1b/get/parameters/0"}
            }}],
            "responses": {
                "200": {"content": {"application/json": {"schema": {"$ref": "#/components/responses/R"}}}},
                "400": {"$ref": "#/components/schemas/E"},
                "404": {"$ref": "#/components/responses/R"}
            }
        }, "post": {
            "requestBody": {"$ref": "#/components/schemas/E"},
            "responses": {"204": {"$ref": "#/components/responses/R"}}
        }}},
        "components": {
            "responses": {"R": {"description": "r"}, "S": {"$ref": "#/components/schemas/E"}},
            "schemas": {
                "E": {"description": "e"},
                "Holder": {"properties": {
                    "responses": {"items": {"$ref": "#/components/schemas/E"}},
                    "all": {"allOf": [{"$ref": "#/components/parameters/P"}]}
                }}
            }
        }
    });
    let written = Written::collect(&doc);
    let found: Vec<(&str, &str, Belongs)> = written
        .misplaced()
        .iter()
        .map(|m| (m.site.as_str(), m.reference.as_str(), m.belongs))
        .collect();
    assert_eq!(
        found,
        [
            (
                "#/paths/~1a/get/parameters/0/schema/items",
                "#/paths/~1b/get/parameters/0",
                Belongs::Schema
            ),
            (
                "#/paths/~1a/get/responses/200/content/application~1json/schema",
                "#/components/responses/R",
                Belongs::Schema
            ),
            (
                "#/paths/~1a/get/responses/400",
                "#/components/schemas/E",
                Belongs::Response
            ),
            (
                "#/paths/~1a/post/requestBody",
                "#/components/schemas/E",
                Belongs::RequestBody
            ),
            (
                "#/components/responses/S",
                "#/components/schemas/E",
                Belongs::Response
            ),
            (
                "#/components/schemas/Holder/properties/all/allOf/0",
                "#/components/parameters/P",
                Belongs::Schema
            ),
        ]
    );
}
