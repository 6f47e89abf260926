//! `--decode-check` (`Config::decode_check`): a standalone crate gets
//! `examples/decode_check.rs`, whose table names every generated type by
//! the JSON pointer of its schema, with what the check does with it; without
//! the option nothing changes. The program itself is built and run on known
//! good and bad values by the workspace's `tests/decode_check.rs`.

use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/decode_check/fixture.yaml")
}

fn crate_files(decode_check: bool) -> codegen::write::FileSet {
    let (files, _) = codegen::Config::new()
        .spec(fixture())
        .crate_name("pets-api")
        .decode_check(decode_check)
        .standalone_crate(Path::new("pets-api"))
        .unwrap_or_else(|e| panic!("{e}"));
    files
}

fn harness() -> String {
    let files = crate_files(true);
    files
        .get(Path::new("examples/decode_check.rs"))
        .expect("the crate has the program")
        .clone()
}

#[test]
fn every_schema_is_listed_by_its_pointer_with_its_check() {
    let text = harness();
    for row in [
        r##"("#/components/schemas/Pet", "types::Pet", "round-trip")"##,
        r##"("#/components/schemas/Kind", "types::Kind", "round-trip")"##,
        r##"("#/components/schemas/Money", "types::Money", "round-trip")"##,
        // Only an answer carries it: no Serialize, so it is only decoded.
        r##"("#/components/schemas/Receipt", "types::Receipt", "decode")"##,
        r##"("#/components/schemas/Anything", "types::Anything", "round-trip,value")"##,
        r##"("#/components/schemas/Shape", "types::Shape", "round-trip")"##,
        // File parts of a multipart body are never JSON.
        r##"("#/components/schemas/Upload", "types::Upload", "skip")"##,
        // Inline schemas are listed too, at their own pointers.
        r##"("#/components/schemas/Pet/properties/owner", "types::PetOwner", "round-trip")"##,
    ] {
        let row: String = row.split_whitespace().collect();
        let table: String = text.split_whitespace().collect();
        assert!(table.contains(&row), "{row} is not in\n{text}");
    }
    assert!(text.contains("use pets_api::types;"), "{text}");
    assert!(text.contains("use pets_api::runtime as codegen_runtime;"), "{text}");
    // A decimal alias is read through the codec its fields use.
    assert!(
        text.contains(r#"#[serde(with = "codegen_runtime::decimal")] rust_decimal::Decimal"#),
        "{text}"
    );
    assert!(!text.contains("Upload>"), "a skipped type is never decoded:\n{text}");
}

#[test]
fn the_option_adds_one_file_and_changes_nothing_else() {
    let plain = crate_files(false);
    let checked = crate_files(true);
    let extra: Vec<_> = checked.keys().filter(|p| !plain.contains_key(*p)).collect();
    assert_eq!(extra, [Path::new("examples/decode_check.rs")]);
    for (path, text) in &plain {
        assert_eq!(checked.get(path), Some(text), "{} changed", path.display());
    }
    assert_eq!(harness(), harness(), "the same spec gives the same program");
}
