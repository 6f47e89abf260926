//! OpenAPI 3.1 documents go through the same model as 3.0: the 3.1 twins of
//! the four specs generate exactly the Rust of their originals, and every
//! 3.1 document of the public corpus generates without errors (the
//! `tests/corpus31` crate compiles them, with warnings denied).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The output without its first line, which names the source file.
fn body(text: &str) -> &str {
    text.split_once('\n').map_or(text, |(_, rest)| rest)
}

/// One spec generated as a build script gets it, examples tested or not.
fn generate(
    path: &std::path::Path,
    example_tests: bool,
) -> Result<codegen::GeneratedApi, codegen::diagnostics::GenerateError> {
    codegen::Config::new()
        .spec(path)
        .example_tests(example_tests)
        .generate()
        .map(|mut apis| apis.remove(0))
}

#[test]
fn twins_of_the_four_specs_generate_the_same_rust() {
    for api in ["omno", "kadosei", "primer", "rebilly"] {
        let v30 = generate(&root().join(format!("specs/{api}.yaml")), true).unwrap();
        let v31 = generate(&root().join(format!("tests/fixtures/v31/{api}.yaml")), true)
            .unwrap_or_else(|e| panic!("{api}: {e}"));
        assert!(v31.warnings.is_empty(), "{api}: {:?}", v31.warnings);
        assert_eq!(body(&v30.types), body(&v31.types), "{api}: types differ");
        assert_eq!(
            body(&v30.client),
            body(&v31.client),
            "{api}: client differs"
        );
    }
}

#[test]
fn corpus_documents_in_3_1_generate() {
    let corpus = root().join("../shared/corpus");
    let Ok(index) = std::fs::read_to_string(corpus.join("INDEX.tsv")) else {
        eprintln!("no corpus at {}; skipped", corpus.display());
        return;
    };
    let mut seen = 0;
    for line in index.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(file), Some(version)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !version.starts_with("3.1") {
            continue;
        }
        seen += 1;
        let api = generate(&corpus.join(file), false).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            syn::parse_file(&api.types).is_ok() && syn::parse_file(&api.client).is_ok(),
            "{file}"
        );
    }
    assert!(
        seen >= 8,
        "expected the corpus's 3.1 documents, found {seen}"
    );
}

#[test]
fn webhooks_get_payload_types_and_parsers() {
    let api = generate(&root().join("tests/fixtures/webhooks.yaml"), false).unwrap();
    assert!(
        api.client
            .contains("pub fn parse_payment_succeeded_webhook("),
        "{}",
        api.client
    );
    assert!(api.types.contains("pub struct PaymentEvent"));
}

/// A `null` member nested in a union, or a map whose values may be null:
/// null has a home in the type (vercel's edge-config items; GitHub's
/// metadata), once.
#[test]
fn null_in_nested_unions_and_map_values_decodes() {
    let spec = r#"
openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Items:
      type: object
      additionalProperties:
        oneOf:
          - oneOf: [{type: string}, {type: number}, {type: 'null'}]
          - type: array
            items: {type: string}
    Metadata:
      type: object
      additionalProperties:
        oneOf: [{type: string}, {type: integer}]
        nullable: true
    Either:
      oneOf:
        - {type: string, nullable: true}
        - {type: integer, nullable: true}
"#;
    let api = codegen::Config::new()
        .generate_text("nulls.yaml", spec.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let types = api.types.replace(char::is_whitespace, "");
    assert!(
        types.contains("Value(Option<ItemsValueValue>)"),
        "{}",
        api.types
    );
    assert!(
        types.contains("BTreeMap<String,Option<MetadataValue>>"),
        "{}",
        api.types
    );
    // Two members allow null: only the first holds it.
    assert!(
        types.contains("String(Option<String>)") && types.contains("Integer(i64)"),
        "{}",
        api.types
    );
}
