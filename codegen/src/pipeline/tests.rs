//! Tests of `pipeline`.

use super::*;

/// The 3.1 twins of the specs (tests/fixtures/v31) generate the same
/// Rust, and the same diagnostics, as the 3.0 originals.
#[test]
fn the_3_1_twins_of_the_specs_generate_the_same_rust() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let options = Options {
        example_tests: true,
        ..Options::default()
    };
    let generate = |text: String| {
        let doc = load::load_str(Path::new("spec.yaml"), text).unwrap();
        let lowered = lower::lower(&doc, &options);
        let formatted = format_api(&lowered.api, &options, "// header").unwrap();
        let diagnostics: Vec<(String, String)> = lowered
            .diagnostics
            .into_iter()
            .map(|d| (d.pointer, d.message))
            .collect();
        (formatted.types, formatted.client, diagnostics)
    };
    for name in ["omno", "kadosei", "primer", "rebilly"] {
        let read = |path: String| std::fs::read_to_string(root.join(path)).unwrap();
        let (types, client, diagnostics) = generate(read(format!("specs/{name}.yaml")));
        let (twin_types, twin_client, twin_diagnostics) =
            generate(read(format!("tests/fixtures/v31/{name}.yaml")));
        assert!(types == twin_types, "{name}: the types differ");
        assert!(client == twin_client, "{name}: the clients differ");
        assert_eq!(diagnostics, twin_diagnostics, "{name}");
    }
}
