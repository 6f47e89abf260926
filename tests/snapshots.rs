//! Pins the generated code of every fixture (`tests/fixtures/*.yaml`): a
//! change to the generator is reviewed as a diff of the Rust it produces
//! (`cargo insta review`). The specs' code is pinned once, as the committed
//! crate `generated/` (tests/generated_is_fresh.rs), and reviewed there.

use std::path::Path;

#[test]
fn every_spec_generates_without_warnings() {
    // As the committed crate is generated (codegen::bindings_config).
    let config = codegen::Config::new()
        .example_tests(true)
        .serialize_all(true);
    for spec in ["kadosei", "omno", "primer", "rebilly"] {
        // Relative, as the CLI names it: the header is part of the snapshot.
        let path = Path::new("specs").join(format!("{spec}.yaml"));
        let api = config
            .clone()
            .spec(&path)
            .generate()
            .map(|mut apis| apis.remove(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            api.warnings.is_empty(),
            "{spec}: unexpected warnings: {:?}",
            api.warnings
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let path = Path::new("specs/primer.yaml");
    let config = codegen::Config::new().spec(path);
    let first = config.generate().unwrap().remove(0);
    let second = config.generate().unwrap().remove(0);
    assert_eq!(first.types, second.types);
    assert_eq!(first.client, second.client);
}

#[test]
fn generated_code_of_every_fixture() {
    let mut fixtures: Vec<_> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 10);
    for path in fixtures {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let api = codegen::Config::new()
            .spec(&path)
            .generate()
            .map(|mut apis| apis.remove(0))
            .unwrap_or_else(|e| panic!("{e}"));
        insta::assert_snapshot!(format!("fixture_{name}_types"), api.types);
        insta::assert_snapshot!(format!("fixture_{name}_client"), api.client);
    }
}
