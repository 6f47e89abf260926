//! Tests of `lower/schemas/constraints`.

use crate::model::{Constraints, TypeDef, TypeKind};

fn lowered(spec: &str) -> crate::model::Api {
    let doc = crate::load::load_str(std::path::Path::new("t.json"), spec.into()).unwrap();
    crate::lower::lower(&doc, &crate::shared::Options::default()).api
}

fn field<'a>(def: &'a TypeDef, name: &str) -> &'a Constraints {
    let TypeKind::Struct(s) = &def.kind else {
        panic!("{} is not a struct", def.name)
    };
    &s.fields
        .iter()
        .find(|f| f.wire_name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
        .constraints
}

#[test]
fn bounds_the_rust_type_holds_are_left_out() {
    let spec = r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
      "paths": {"/things": {"get": {"operationId": "list", "parameters": [
          {"name": "top", "in": "query", "schema": {"type": "integer", "format": "int32", "minimum": -2147483648, "maximum": 2147483647}},
          {"name": "skip", "in": "query", "schema": {"type": "integer", "format": "int32", "minimum": 0, "maximum": 2147483647}}
        ], "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
      "components": {"schemas": {"Thing": {"type": "object", "properties": {
        "whole": {"type": "integer", "format": "int32", "minimum": -2147483648, "maximum": 2147483647},
        "wide": {"type": "integer", "format": "int64", "minimum": -9223372036854775808, "maximum": 9223372036854775807},
        "positive": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 2147483647},
        "below": {"type": "integer", "format": "int32", "minimum": -2147483648, "exclusiveMaximum": true, "maximum": 2147483647},
        "counts": {"type": "array", "maxItems": 3, "items": {"type": "integer", "format": "int32", "minimum": -2147483648, "maximum": 2147483647}}
      }}}}}"##;
    let api = lowered(spec);
    let thing = api.types.iter().find(|t| t.name == "Thing").unwrap();
    assert!(field(thing, "whole").is_empty());
    assert!(field(thing, "wide").is_empty());
    // A bound tighter than the type's is kept; the other is not.
    let positive = field(thing, "positive");
    assert_eq!((positive.minimum, positive.maximum), (Some(1.0), None));
    // An exclusive maximum at the type's largest value excludes it.
    let below = field(thing, "below");
    assert_eq!((below.minimum, below.maximum), (None, Some(2147483647.0)));
    assert!(below.exclusive_maximum);
    // Array items: their implied bounds go, the array's own stay.
    let counts = field(thing, "counts");
    assert_eq!((counts.max_items, counts.items.is_none()), (Some(3), true));
    let op = &api.operations[0];
    let param = |name: &str| {
        &op.params
            .iter()
            .find(|p| p.wire_name == name)
            .unwrap()
            .constraints
    };
    assert!(param("top").is_empty());
    assert_eq!(
        (param("skip").minimum, param("skip").maximum),
        (Some(0.0), None)
    );
}
