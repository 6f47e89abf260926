//! Tests of `load/keys`.

use super::*;

fn found(text: &str) -> Vec<(String, String)> {
    unknown_keys(&serde_yaml::from_str(text).unwrap())
}

#[test]
fn typos_are_found_with_a_suggestion() {
    let found = found(
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    put:
      requestBody:
        coNtent: {}
      responses:
        '200': {description: ok, x-extra: 1}
components:
  schemas:
    A: {type: object, requried: [a], properties: {a: {type: string, maxLengh: 3}}}
    B: {$ref: '#/components/schemas/A', description: ignored sibling}
"#,
    );
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0].0, "#/paths/~1a/put/requestBody/coNtent");
    assert!(
        found[0].1.contains("did you mean `content`"),
        "{}",
        found[0].1
    );
    assert_eq!(found[1].0, "#/components/schemas/A/requried");
    assert!(found[1].1.contains("did you mean `required`"));
    assert_eq!(found[2].0, "#/components/schemas/A/properties/a/maxLengh");
    assert!(found[2].1.contains("did you mean `maxLength`"));
}

#[test]
fn versions_have_their_own_fields() {
    let text = r#"
openapi: VERSION
info: {title: t, version: "1", summary: s}
paths: {}
components:
  schemas:
    A: {type: object, const: 1, prefixItems: [{type: string, fromat: x}]}
"#;
    let v30 = found(&text.replace("VERSION", "3.0.3"));
    let keys: Vec<&str> = v30.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        keys,
        [
            "#/info/summary",
            "#/components/schemas/A/const",
            "#/components/schemas/A/prefixItems"
        ]
    );
    let v31 = found(&text.replace("VERSION", "3.1.0"));
    assert_eq!(v31.len(), 1, "{v31:?}");
    assert_eq!(v31[0].0, "#/components/schemas/A/prefixItems/0/fromat");
    assert!(v31[0].1.contains("did you mean `format`"));
}

#[test]
fn names_are_not_fields() {
    // Property names, path names, status codes, examples and scopes are
    // the author's; only fixed fields are checked.
    let found = found(
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      responses:
        default: {description: ok, content: {application/json: {example: {anything: 1}}}}
components:
  schemas:
    A: {type: object, properties: {type: {type: string}, requried: {type: string}}}
  securitySchemes:
    o: {type: oauth2, flows: {implicit: {authorizationUrl: u, scopes: {read: r}}}}
"#,
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn no_suggestion_when_nothing_is_close() {
    let message = unknown_message("zzz", Kind::Schema, fields::SCHEMA.iter().map(|(n, _)| *n));
    assert!(!message.contains("did you mean"), "{message}");
    assert_eq!(distance("requried", "required"), 1);
}
