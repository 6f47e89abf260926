//! Tests of `load::bundle`.

use super::*;

#[test]
fn imports_schemas_and_their_own_references() {
    let dir = std::env::temp_dir().join(format!("codegen-bundle-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(
            dir.join("shared/common.yaml"),
            "components:\n  schemas:\n    Money:\n      type: object\n      properties:\n        currency: {$ref: '#/components/schemas/Currency'}\n    Currency: {type: string}\n",
        )
        .unwrap();
    let mut doc: Value = serde_json::json!({
        "openapi": "3.0.3",
        "components": {"schemas": {
            "Payout": {"type": "object", "properties": {"value": {"$ref": "shared/common.yaml#/components/schemas/Money"}}},
            "Currency": {"type": "integer"}
        }}
    });
    let base = Location::File(dir.join("spec.yaml"));
    let reach = Reach {
        base: &base,
        allow_remote: false,
        fetcher: None,
    };
    let (notes, _) = bundle(&mut doc, &reach);
    assert!(notes.is_empty(), "{notes:?}");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Payout"]["properties"]["value"]["$ref"],
        "#/components/schemas/Money"
    );
    // The imported Currency does not replace the document's own.
    assert_eq!(
        schemas["Money"]["properties"]["currency"]["$ref"],
        "#/components/schemas/Currency2"
    );
    assert_eq!(schemas["Currency2"]["type"], "string");
    assert_eq!(schemas["Currency"]["type"], "integer");
    let mut missing: Value = serde_json::json!({"a": {"$ref": "nope.yaml#/X"}});
    let (notes, _) = bundle(&mut missing, &reach);
    assert!(notes[0].1.contains("cannot read"), "{notes:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
