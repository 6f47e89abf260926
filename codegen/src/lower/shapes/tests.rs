//! Tests of `lower::shapes`.

use crate::model::{Api, TypeKind, TypeRef};

fn lower(spec: &str) -> Api {
    crate::pipeline::lower_spec_text(
        std::path::Path::new("shapes.yaml"),
        spec.to_string(),
        &crate::shared::Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
    .api
}

fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    let def = api.types.iter().find(|t| *t.name == *name);
    &def.unwrap_or_else(|| panic!("no type {name}")).kind
}

fn alias_of(api: &Api, name: &str) -> Option<String> {
    match kind(api, name) {
        TypeKind::Alias(TypeRef::Named(id)) => Some(api.type_name(*id).to_string()),
        _ => None,
    }
}

#[test]
fn inline_copies_share_one_struct_and_components_keep_theirs() {
    let api = lower(
        r#"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  links: {type: object, properties: {next: {type: string}}}
        '503':
          description: down
          content:
            application/json:
              schema: {type: object, properties: {code: {type: string}, message: {type: string}}}
  /refunds:
    get:
      operationId: listRefunds
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  links: {type: object, properties: {next: {type: string}}}
        '503':
          description: down
          content:
            application/json:
              schema: {type: object, properties: {code: {type: string}, message: {type: string}}}
        '504':
          description: slow
          content:
            application/json:
              schema:
                type: object
                properties:
                  code: {type: string, description: another meaning}
                  message: {type: string}
components:
  schemas:
    Money: {type: object, properties: {amount: {type: string}, currency: {type: string}}}
    Price: {type: object, properties: {amount: {type: string}, currency: {type: string}}}
"#,
    );
    let names: Vec<&str> = api.types.iter().map(|t| &*t.name).collect();
    // Named after what the copies' names end with; each name an alias of it.
    let kept = "ServiceUnavailableBody";
    let alias = "ListRefundsServiceUnavailableBody";
    assert!(matches!(kind(&api, kept), TypeKind::Struct(_)), "{names:?}");
    assert_eq!(alias_of(&api, alias).as_deref(), Some(kept));
    assert_eq!(
        alias_of(&api, "ListOrdersServiceUnavailableBody").as_deref(),
        Some(kept)
    );
    // Structs holding copies merge too: the two bodies, whose `links` are
    // copies. Their names end in general words only: the shorter is kept.
    assert_eq!(
        alias_of(&api, "ListRefundsResponseBody").as_deref(),
        Some("ListOrdersResponseBody"),
        "{names:?}"
    );
    assert_eq!(
        alias_of(&api, "ListRefundsResponseBodyLinks").as_deref(),
        Some("ListOrdersResponseBodyLinks")
    );
    // A field described differently is another shape.
    assert!(matches!(
        kind(&api, "ListRefundsGatewayTimeoutBody"),
        TypeKind::Struct(_)
    ));
    // Components are named by the author: never merged.
    assert!(matches!(kind(&api, "Money"), TypeKind::Struct(_)));
    assert!(matches!(kind(&api, "Price"), TypeKind::Struct(_)));
    // Every reference goes to the struct kept.
    let refunds = api
        .operations
        .iter()
        .find(|o| o.id == "listRefunds")
        .unwrap();
    let named: Vec<&str> = refunds
        .type_refs()
        .filter_map(TypeRef::named)
        .map(|id| api.type_name(id))
        .collect();
    assert!(named.contains(&kept), "{named:?}");
    assert!(!named.contains(&alias), "{named:?}");
}

#[test]
fn copies_that_differ_below_stay_apart() {
    let api = lower(
        r#"
openapi: 3.0.3
info: {title: Tree, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  node: {type: object, properties: {name: {type: string}}}
  /b:
    get:
      operationId: getB
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  node: {type: object, properties: {name: {type: integer}}}
"#,
    );
    // Same names, different field types: both stay.
    assert!(matches!(
        kind(&api, "GetAResponseBodyNode"),
        TypeKind::Struct(_)
    ));
    assert!(matches!(
        kind(&api, "GetBResponseBodyNode"),
        TypeKind::Struct(_)
    ));
    assert!(matches!(
        kind(&api, "GetBResponseBody"),
        TypeKind::Struct(_)
    ));
}

#[test]
fn a_shared_name_is_whole_words_that_say_something() {
    let name = |names: &[&str]| super::shared_name(names.iter().copied());
    assert_eq!(
        name(&[
            "ListOrdersServiceUnavailableBody",
            "GetServiceUnavailableBody"
        ])
        .as_deref(),
        Some("ServiceUnavailableBody")
    );
    assert_eq!(
        name(&["ListOrdersResponseBody", "GetRefundResponseBody"]),
        None
    );
    assert_eq!(name(&["OrderLinks", "RefundLinks"]), None);
    assert_eq!(
        name(&["CreateRequestObject2", "UpdateRequestObject2"]),
        None
    );
    assert_eq!(name(&["PullRequestBase", "PullRequestHead"]), None);
    // Words left over from longer names are not where a name starts.
    assert_eq!(
        name(&[
            "GetTaskByIdResponseBodySessionsItem",
            "GetTaskByRepoAndIdResponseBodySessionsItem"
        ])
        .as_deref(),
        Some("SessionsItem")
    );
    // Not part of a word: `Rate` is not `Separate`'s end.
    assert_eq!(name(&["SeparateLimits", "RateLimits"]), None);
}
