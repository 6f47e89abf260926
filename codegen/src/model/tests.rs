//! Tests of the model's walks.

use super::*;

fn field(name: &str, ty: TypeRef) -> Field {
    Field::required(name, ty)
}

/// Each kind's children, in order, with what they are to it.
#[test]
fn children_are_the_fields_then_the_kept_extra_the_members_or_the_target() {
    let roles = |kind: &TypeKind| -> Vec<String> {
        kind.children()
            .map(|c| {
                let role = match c.role {
                    Role::Field(f) => format!("field {}", f.name),
                    Role::Extra => "extra".into(),
                    Role::Member(v) => format!("member {}", v.name),
                    Role::Target => "target".into(),
                };
                format!(
                    "{role}: {:?}{}",
                    c.ty,
                    if c.boxed() { " boxed" } else { "" }
                )
            })
            .collect()
    };
    let mut next = field("next", TypeRef::Named(TypeId::new(0)));
    next.boxed = true;
    let node = TypeKind::Struct(Struct {
        fields: vec![field("id", TypeRef::I64), next],
        extra: ExtraFields::Keep(TypeRef::String),
    });
    assert_eq!(
        roles(&node),
        [
            "field id: I64",
            "field next: Named(TypeId(0)) boxed",
            "extra: String"
        ]
    );
    let union = TypeKind::Union(Union {
        mode: UnionMode::AnyOf,
        variants: vec![UnionVariant {
            name: "Node".into(),
            ty: TypeRef::Named(TypeId::new(0)),
            boxed: false,
            tags: Vec::new(),
        }],
    });
    assert_eq!(roles(&union), ["member Node: Named(TypeId(0))"]);
    let alias = TypeKind::Alias(TypeRef::Vec(Box::new(TypeRef::String)));
    assert_eq!(roles(&alias), ["target: Vec(String)"]);
    let denied = TypeKind::Struct(Struct {
        fields: Vec::new(),
        extra: ExtraFields::Deny,
    });
    assert!(roles(&denied).is_empty());
    let e = TypeKind::Enum(Enum {
        repr: EnumRepr::String,
        variants: Vec::new(),
        other: None,
        loose: false,
    });
    assert!(roles(&e).is_empty());
}
