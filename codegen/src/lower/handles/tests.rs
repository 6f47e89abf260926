//! Tests of `lower/handles`.

use crate::model::{Api, TypeKind, TypeRef};

fn lower(spec: &str) -> crate::lower::Lowered {
    let doc = crate::load::load_str(std::path::Path::new("t.json"), spec.into()).unwrap();
    crate::lower::lower(&doc, &crate::shared::Options::default())
}

fn field_type<'a>(api: &'a Api, ty: &str, field: &str) -> &'a TypeRef {
    let def = api.types.iter().find(|t| t.name == ty).unwrap();
    let TypeKind::Struct(s) = &def.kind else {
        panic!("{ty} is no struct")
    };
    &s.fields
        .iter()
        .find(|f| f.name.plain() == field)
        .unwrap()
        .ty
}

#[test]
fn ids_are_places_in_the_finished_types() {
    // `Node` is named first and finished last: its id while lowering is
    // not its place; `next` refers to it before it exists.
    let lowered = lower(
        r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
              "components": {"schemas": {"Node": {"type": "object", "properties": {
                "next": {"$ref": "#/components/schemas/Node"},
                "child": {"type": "object", "properties": {"x": {"type": "string"}}}}}}}}"##,
    );
    let api = &lowered.api;
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["NodeChild", "Node"]);
    let TypeRef::Named(next) = field_type(api, "Node", "next") else {
        panic!()
    };
    let TypeRef::Named(child) = field_type(api, "Node", "child") else {
        panic!()
    };
    assert_eq!(
        (api.type_name(*next), api.type_name(*child)),
        ("Node", "NodeChild")
    );
}

#[test]
fn a_cycle_of_references_is_an_error_and_leaves_no_dangling_id() {
    let lowered = lower(
        r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
              "components": {"schemas": {
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"$ref": "#/components/schemas/A"},
                "Holder": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}}}}}}"##,
    );
    let errors: Vec<&str> = lowered
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(errors, ["`A` is defined only as itself: a cycle of $ref"]);
    // Whatever the model holds, every id in it names a type.
    for def in &lowered.api.types {
        for c in def.kind.children() {
            if let Some(id) = c.ty.named() {
                assert!(
                    lowered.api.type_def(id).is_some(),
                    "{} holds a dangling id",
                    def.name
                );
            }
        }
    }
}

#[test]
fn renumbering_drops_a_name_no_type_was_made_for() {
    use crate::model::{Docs, Field, Struct, TypeDef};
    let mut handles = super::Handles::default();
    let ghost = handles.named("Ghost");
    let field = |ty| Field::required("f", ty);
    let holder = |ty| {
        TypeKind::Struct(Struct {
            fields: vec![field(ty)],
            extra: crate::model::ExtraFields::Ignore,
        })
    };
    // `Holder` is named after `Ghost`, and `Last` after both.
    let last = handles.named("Last");
    handles.push(TypeDef::new(
        "Holder".into(),
        "#/h",
        Docs::default(),
        holder(ghost),
    ));
    handles.push(TypeDef::new(
        "Last".into(),
        "#/l",
        Docs::default(),
        holder(last),
    ));
    let mut api = Api {
        title: String::new(),
        api_trait: String::new(),
        version: String::new(),
        description: None,
        types: std::mem::take(&mut handles.types),
        operations: Vec::new(),
        error_enums: Vec::new(),
        servers: Vec::new(),
        security_schemes: Vec::new(),
        default_headers: Vec::new(),
        webhooks: Vec::new(),
        tags: Vec::new(),
        features: Vec::new(),
        webhooks_part: None,
    };
    let dangling = handles.renumber(&mut api);
    assert_eq!(dangling, [("#/h".to_string(), "Ghost".to_string())]);
    assert_eq!(field_type(&api, "Holder", "f"), &TypeRef::Json);
    let TypeRef::Named(id) = field_type(&api, "Last", "f") else {
        panic!()
    };
    assert_eq!((id.index(), api.type_name(*id)), (1, "Last"));
}
