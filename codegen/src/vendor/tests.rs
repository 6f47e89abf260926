//! Tests of `vendor`.

use super::*;

#[test]
fn relocated_source_points_into_the_module_and_drops_tests() {
    let text = "use crate::a::B;\nuse crate::{c, d::E};\n#[macro_export]\nmacro_rules! __m { () => {} }\nmacro_rules! m { () => { $crate::Nullable; $crate::__m!() } }\n/// See [`crate::a`]; `codegen_runtime::x::Y`, `codegen_runtime::__m!`.\nfn f() -> my_crate::X { crate::g(); pub(crate) struct S; }\n#[cfg(feature = \"client\")]\npub mod a;\n#[cfg(feature = \"source\")]\npub mod source;\n\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\n";
    assert_eq!(
        relocate::relocate(text, &[])
            .unwrap()
            .replace(relocate::LIB, "lib"),
        "use crate::runtime::a::B;\nuse crate::runtime::{c, d::E};\n#[macro_export]\nmacro_rules! __m { () => {} }\nmacro_rules! m { () => { $crate::runtime::Nullable; $crate::__m!() } }\n/// See [`crate::runtime::a`]; `lib::runtime::x::Y`, `lib::__m!`.\nfn f() -> my_crate::X { crate::runtime::g(); pub(crate) struct S; }\npub mod a;\n"
    );
}

#[test]
fn every_runtime_file_relocates() {
    let files = runtime_files("some-api");
    assert_eq!(files.len(), source::FILES.len());
    let root = &files[Path::new("src/runtime/mod.rs")];
    assert!(!root.contains("mod source"), "{root}");
    assert!(!root.contains("feature = \"client\""), "{root}");
    for (path, text) in &files {
        assert!(!text.contains("#[cfg(test)]"), "{}", path.display());
        let docs = text.lines().map(str::trim_start);
        let mut docs = docs.filter(|l| l.starts_with("///") || l.starts_with("//!"));
        assert!(
            !docs.any(|l| l.contains("codegen_runtime::")),
            "{}",
            path.display()
        );
        assert!(!text.contains(relocated::LIB), "{}", path.display());
    }
    let deps = dependencies();
    assert!(deps.iter().any(|d| d.name == "reqwest"), "{deps:?}");
    // Where generated code and the runtime share a dependency, they agree.
    for generated in crate::emit::crate_files::dependencies() {
        if let Some(runtime) = deps.iter().find(|d| d.name == generated.name) {
            assert_eq!(runtime.version, generated.version, "{}", generated.name);
        }
    }
    let serde = deps.iter().find(|d| d.name == "serde").unwrap();
    assert_eq!(
        serde.line(),
        r#"serde = { version = "1", features = ["derive"] }"#
    );
}

/// What the build script wrote is the relocation of the runtime codegen
/// is built with.
#[test]
fn the_build_carries_the_runtime_relocated() {
    let fresh = relocate::all().unwrap();
    let built: Vec<(String, String)> = relocated::FILES
        .iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect();
    assert_eq!(fresh, built);
    assert_eq!(relocate::LIB, relocated::LIB);
}
