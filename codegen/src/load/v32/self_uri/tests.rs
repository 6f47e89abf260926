//! Tests of `load/v32/self_uri`.

use super::*;

fn at(base: &str, reference: &str) -> Option<String> {
    rebased(&parse(base), reference)
}

#[test]
fn references_to_the_document_itself_become_local() {
    let base = "https://api.example.com/v2/openapi.yaml";
    assert_eq!(
        at(
            base,
            "https://api.example.com/v2/openapi.yaml#/components/schemas/Pet"
        )
        .as_deref(),
        Some("#/components/schemas/Pet")
    );
    assert_eq!(
        at(base, "HTTPS://API.example.com/v2/./x/../openapi.yaml#/a").as_deref(),
        Some("#/a")
    );
    assert_eq!(at(base, "/v2/openapi.yaml#/b").as_deref(), Some("#/b"));
    assert_eq!(at(base, "openapi.yaml").as_deref(), Some("#"));
    assert_eq!(at(base, "#/components/schemas/Pet"), None);
}

#[test]
fn references_beside_it_become_paths_from_its_folder() {
    let base = "https://api.example.com/v2/openapi.yaml";
    assert_eq!(
        at(base, "https://api.example.com/v2/common/money.yaml#/Money").as_deref(),
        Some("common/money.yaml#/Money")
    );
    assert_eq!(
        at(base, "https://api.example.com/shared/errors.yaml").as_deref(),
        Some("../shared/errors.yaml")
    );
    // Relative references already are what they should be.
    assert_eq!(at(base, "common/money.yaml#/Money"), None);
    assert_eq!(at(base, "../shared/errors.yaml"), None);
    // Another host is remote: left as written.
    assert_eq!(at(base, "https://other.example.com/v2/x.yaml#/X"), None);
}

#[test]
fn a_relative_self_still_names_the_document() {
    assert_eq!(
        at("/apis/openapi.json", "/apis/openapi.json#/x").as_deref(),
        Some("#/x")
    );
    assert_eq!(
        at("openapi.json", "openapi.json#/x").as_deref(),
        Some("#/x")
    );
    assert_eq!(remove_dot_segments("/a/b/c/./../../g"), "/a/g");
    assert_eq!(remove_dot_segments("mid/content=5/../6"), "mid/6");
}

#[test]
fn rebasing_rewrites_every_reference() {
    let mut doc: Value = serde_json::json!({
        "paths": {"/p": {"get": {"responses": {"200": {"$ref": "https://x.test/api/openapi.yaml#/components/responses/Ok"}}}}},
        "components": {"schemas": {"A": {"items": [{"$ref": "https://x.test/api/b.yaml#/B"}]}}}
    });
    let mut notes = Vec::new();
    rebase(
        doc.as_object_mut().unwrap(),
        "https://x.test/api/openapi.yaml",
        &mut notes,
    );
    assert!(notes.is_empty());
    assert_eq!(
        doc["paths"]["/p"]["get"]["responses"]["200"]["$ref"],
        "#/components/responses/Ok"
    );
    assert_eq!(
        doc["components"]["schemas"]["A"]["items"][0]["$ref"],
        "b.yaml#/B"
    );
}
