//! OpenAPI 3.2 documents go through the same model: the 3.2 twins of the
//! four specs generate exactly the Rust of their originals, 3.0 documents
//! with the registered `x-oai-*` extensions mean what the 3.2 fields mean,
//! and what is not supported is a warning at its place in the source.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The output without its first line, which names the source file.
fn body(text: &str) -> &str {
    text.split_once('\n').map_or(text, |(_, rest)| rest)
}

fn generate(text: &str) -> Result<codegen::GeneratedApi, codegen::diagnostics::GenerateError> {
    codegen::Config::new()
        .example_tests(true)
        .generate_text(Path::new("spec.yaml"), text.to_string())
}

/// (line, column, pointer, message) of each warning.
fn warnings(text: &str) -> Vec<(usize, usize, String, String)> {
    let api = generate(text).unwrap_or_else(|e| panic!("{e}"));
    api.warnings
        .iter()
        .map(|d| {
            let (line, column) = d.position.unwrap_or((0, 0));
            (line, column, d.pointer.clone(), d.message.clone())
        })
        .collect()
}

#[test]
fn twins_of_the_four_specs_generate_the_same_rust() {
    let generate = |path: &Path| {
        codegen::Config::new()
            .spec(path)
            .example_tests(true)
            .generate()
            .map(|mut apis| apis.remove(0))
    };
    for api in ["omno", "kadosei", "primer", "rebilly"] {
        let v30 = generate(&root().join(format!("specs/{api}.yaml"))).unwrap();
        let path = root().join(format!("tests/fixtures/v32/{api}.yaml"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("openapi: 3.2.0\n$self: "), "{api}");
        assert!(text.contains("#/components/mediaTypes/"), "{api}");
        assert!(text.contains("dataValue:"), "{api}");
        let v32 = generate(&path).unwrap_or_else(|e| panic!("{api}: {e}"));
        assert!(v32.warnings.is_empty(), "{api}: {:?}", v32.warnings);
        assert_eq!(body(&v30.types), body(&v32.types), "{api}: types differ");
        assert_eq!(
            body(&v30.client),
            body(&v32.client),
            "{api}: client differs"
        );
    }
}

#[test]
fn the_version_check_accepts_3_2() {
    let doc = |version: &str| {
        format!("openapi: {version}\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n")
    };
    for ok in ["3.2.0", "3.2.1", "'3.2'"] {
        generate(&doc(ok)).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    for refused in ["3.3.0", "3.20.0", "4.0.0"] {
        let e = generate(&doc(refused)).unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(d.pointer, "#/openapi", "{refused}");
        assert_eq!(d.position, Some((1, 1)), "{refused}");
        assert!(
            d.message.contains("3.0.x, 3.1.x and 3.2.x"),
            "{}",
            d.message
        );
    }
}

/// A 3.2 document and its 3.0 down-levelled twin (the registered
/// `x-oai-*` extensions) generate the same Rust.
#[test]
fn registered_extensions_of_3_0_mean_what_3_2_says() {
    let v32 = r#"
openapi: 3.2.0
info: {title: Twins, version: "1"}
servers:
  - {url: "https://api.example.com", name: primary}
paths:
  /search:
    query:
      operationId: search
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {q: {type: string}}}
      responses:
        '200':
          description: Found.
          content:
            text/event-stream:
              itemSchema: {$ref: '#/components/schemas/Hit'}
    additionalOperations:
      LINK:
        operationId: link
        responses: {'204': {description: Linked.}}
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/mixed:
            schema: {type: array, items: {type: string}}
            prefixEncoding: [{contentType: application/json}]
            itemEncoding: {contentType: text/plain}
      responses: {'204': {description: Stored.}}
components:
  schemas:
    Hit: {type: object, properties: {id: {type: string}}}
  securitySchemes:
    oauth:
      type: oauth2
      deprecated: true
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          deviceAuthorizationUrl: https://auth.example.com/device
          scopes: {}
"#;
    let v30 = r#"
openapi: 3.0.3
info: {title: Twins, version: "1"}
servers:
  - {url: "https://api.example.com", x-oai-name: primary}
paths:
  /search:
    x-oai-additionalOperations:
      QUERY:
        operationId: search
        requestBody:
          content:
            application/json:
              schema: {type: object, properties: {q: {type: string}}}
        responses:
          '200':
            description: Found.
            content:
              text/event-stream:
                x-oai-itemSchema: {$ref: '#/components/schemas/Hit'}
      LINK:
        operationId: link
        responses: {'204': {description: Linked.}}
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/mixed:
            schema: {type: array, items: {type: string}}
            x-oai-prefixEncoding: [{contentType: application/json}]
            x-oai-itemEncoding: {contentType: text/plain}
      responses: {'204': {description: Stored.}}
components:
  schemas:
    Hit: {type: object, properties: {id: {type: string}}}
  securitySchemes:
    oauth:
      type: oauth2
      x-oai-deprecated: true
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          x-oai-deviceAuthorizationUrl: https://auth.example.com/device
          scopes: {}
"#;
    let a = generate(v32).unwrap();
    let b = generate(v30).unwrap();
    assert_eq!(body(&a.types), body(&b.types));
    assert_eq!(body(&a.client), body(&b.client));
    for needle in [
        "for_operation(\n            \"QUERY\",\n            \"search\",\n            \"/search\",",
        "for_operation(\n            \"LINK\",\n            \"link\",\n            \"/search\",",
        "codegen_runtime::stream::Items<types::Hit>",
        "pub fn primary()",
        "device codes at <https://auth.example.com/device>",
        "**Deprecated**",
        "Some(\"application/json\")",
        "multipart_parts(",
    ] {
        assert!(a.client.contains(needle), "no {needle:?} in\n{}", a.client);
    }
}

#[test]
fn what_is_not_supported_is_a_warning_at_its_place() {
    let text = r#"openapi: 3.2.0
info: {title: t, version: "1"}
paths:
  /a:
    additionalOperations:
      POST:
        responses: {'200': {description: ok}}
    query:
      operationId: q
      parameters:
        - {name: s, in: cookie, style: cookie, schema: {type: string}}
      requestBody:
        content:
          application/json:
            itemSchema: {type: string}
            schema:
              type: object
              if: {required: [a]}
              then: {required: [b]}
      responses:
        '200':
          content:
            multipart/mixed:
              itemSchema: {type: string}
            application/json:
              schema: {type: string}
        '201':
          content:
            application/json:
              $ref: '#/components/mediaTypes/Missing'
    get:
      parameters:
        - name: raw
          in: querystring
          schema: {type: string}
      responses:
        '200':
          content:
            multipart/form-data:
              schema: {type: object}
              encoding:
                file:
                  contentType: text/plain
                  prefixEncoding: [{contentType: text/plain}]
"#;
    let found = warnings(text);
    let at = |pointer: &str| {
        found
            .iter()
            .find(|(_, _, p, _)| p == pointer)
            .unwrap_or_else(|| panic!("no warning at {pointer}: {found:#?}"))
    };
    let (line, _, _, message) = at("#/paths/~1a/additionalOperations/POST");
    assert_eq!(*line, 6);
    assert!(message.contains("fixed field"), "{message}");
    let (line, _, _, message) = at("#/paths/~1a/query/parameters/0/style");
    assert_eq!(*line, 11);
    assert!(message.contains("style `cookie`"), "{message}");
    let (line, _, _, message) =
        at("#/paths/~1a/query/requestBody/content/application~1json/itemSchema");
    assert_eq!(*line, 15);
    assert!(message.contains("sequential media types"), "{message}");
    // A note of the 3.1 normalisation, inside the moved `query` operation,
    // still points where the author wrote it.
    let (line, _, _, message) =
        at("#/paths/~1a/query/requestBody/content/application~1json/schema/if");
    assert_eq!(*line, 18);
    assert!(message.contains("if/then/else"), "{message}");
    let (line, _, _, message) =
        at("#/paths/~1a/query/responses/200/content/multipart~1mixed/itemSchema");
    assert_eq!(*line, 24);
    assert!(message.contains("streamed multipart"), "{message}");
    let (line, _, _, message) =
        at("#/paths/~1a/query/responses/201/content/application~1json/$ref");
    assert_eq!(*line, 30);
    assert!(message.contains("components/mediaTypes"), "{message}");
    let (line, _, _, message) = at("#/paths/~1a/get/parameters/0");
    assert_eq!(*line, 33);
    assert!(
        message.contains("must be described by `content`"),
        "{message}"
    );
    let (line, _, _, message) = at(
        "#/paths/~1a/get/responses/200/content/multipart~1form-data/encoding/file/prefixEncoding",
    );
    assert_eq!(*line, 44);
    assert!(message.contains("nested encodings"), "{message}");
}

#[test]
fn unknown_keys_know_the_3_2_fields() {
    let text = |version: &str| {
        format!(
            r#"openapi: {version}
info: {{title: t, version: "1"}}
tags:
  - {{name: a, parent: b, kind: nav}}
  - {{name: b}}
paths:
  /a:
    query:
      operationId: q
      responses:
        '200':
          summary: ok
          content:
            text/event-stream:
              itemSchmea: {{type: object}}
"#
        )
    };
    let found = warnings(&text("3.2.0"));
    let unknown: Vec<&String> = found
        .iter()
        .filter(|(_, _, _, m)| m.contains("is not a field"))
        .map(|(_, _, _, m)| m)
        .collect();
    assert_eq!(unknown.len(), 1, "{found:#?}");
    assert!(
        unknown[0].contains("did you mean `itemSchema`"),
        "{}",
        unknown[0]
    );
    // In 3.1 the same fields are unknown.
    let found = warnings(&text("3.1.0"));
    let unknown: Vec<&str> = found
        .iter()
        .filter(|(_, _, _, m)| m.contains("is not a field"))
        .map(|(_, _, p, _)| p.as_str())
        .collect();
    assert_eq!(
        unknown,
        ["#/tags/0/parent", "#/tags/0/kind", "#/paths/~1a/query",],
        "{found:#?}"
    );
}

#[test]
fn a_parent_tag_s_feature_turns_on_its_children() {
    let out = std::env::temp_dir().join(format!("codegen-v32-tags-{}", std::process::id()));
    let config = codegen::Config::new()
        .spec(root().join("tests/fixtures/v32_tags.yaml"))
        .tag_features(true);
    let (files, warnings) = config.standalone_crate(&out).unwrap();
    let manifest = files.get(Path::new("Cargo.toml")).unwrap();
    for line in [
        "tag-payments = [\"tag-cards\", \"tag-refunds\"]\n",
        "tag-refunds = [\"tag-disputes\"]\n",
        "tag-cards = []\n",
        "tag-beta = []\n",
    ] {
        assert!(manifest.contains(line), "{line:?} not in\n{manifest}");
    }
    // The unknown parent is a warning at the tag.
    assert!(
        warnings
            .iter()
            .any(|d| d.pointer == "#/tags/5" && d.message.contains("nowhere")),
        "{warnings:?}"
    );
    let client = files.get(Path::new("src/client.rs")).unwrap();
    assert!(client.contains("/// - `payments` (`tag-payments`, nav): Payments"));
    assert!(client.contains("///     - `disputes` (`tag-disputes`): Chargebacks"));
}

#[test]
fn examples_data_and_serialized_values_become_example_tests() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/v32_models.yaml")).unwrap();
    let api = generate(&text).unwrap();
    // dataValue (a cat, and a bird the default variant takes), and the
    // serializedValue of a JSON media type, read as JSON.
    for example in [
        r#"\"name\":\"Tom\""#,
        r#"\"name\":\"Tweety\""#,
        r#"\"name\":\"Rex\""#,
    ] {
        assert!(
            api.types.contains(example),
            "{example} not in the example tests"
        );
    }
    // The response's summary leads its docs.
    assert!(api.client.contains("/// Nothing here."), "{}", api.client);
}

#[test]
fn deprecated_schemes_are_warned_about_and_documented() {
    let text = std::fs::read_to_string(root().join("tests/fixtures/v32_auth.yaml")).unwrap();
    let found = warnings(&text);
    let (line, column, _, message) = found
        .iter()
        .find(|(_, _, p, _)| p == "#/components/securitySchemes/legacyKey")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!((*line, *column), (66, 5));
    assert!(message.contains("deprecated"), "{message}");
    let api = generate(&text).unwrap();
    assert!(
        api.client
            .contains("/// - `legacyKey`. **Deprecated**: the API may stop accepting it."),
        "{}",
        api.client
    );
    assert!(api.client.contains(
        "device authorization (device codes at <https://auth.example.com/device>, token at <https://auth.example.com/token>)"
    ));
}
