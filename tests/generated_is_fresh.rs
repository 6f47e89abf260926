//! Fails when `generated/` differs from what `specs/` generate, and says
//! which command brings it up to date.

use std::path::Path;

#[test]
fn committed_bindings_match_the_specs() {
    let config = codegen::bindings_config(Path::new("specs")).expect("specs/ is readable");
    let out = Path::new("generated");
    let (files, _) = config
        .multi_api_crate(out)
        .unwrap_or_else(|e| panic!("{e}"));
    let report = codegen::write::check(out, &files).expect("generated/ is readable");
    assert!(
        report.is_fresh(),
        "generated/ is out of date with specs/: run `cargo run -p codegen`\nchanged: {:?}\nmissing: {:?}\nnot generated: {:?}",
        report.changed,
        report.missing,
        report.extra
    );
}

#[test]
fn the_vendored_runtime_matches_runtime_src() {
    let copy = codegen::vendor::snapshot(Path::new(".")).unwrap_or_else(|e| panic!("{e}"));
    let dir = Path::new(codegen::vendor::COPY_DIR);
    let report = codegen::write::check(dir, &copy).expect("the copy is readable");
    assert!(
        report.is_fresh(),
        "{} is out of date with runtime/: run `cargo run -p codegen`\nchanged: {:?}\nmissing: {:?}\nnot copied: {:?}",
        dir.display(),
        report.changed,
        report.missing,
        report.extra
    );
}

#[test]
fn the_generator_carries_the_copy_it_was_built_with() {
    // What `codegen generate` writes is the copy on disk (embedded by build.rs).
    let embedded = codegen::vendor::runtime_files();
    let on_disk = codegen::vendor::snapshot(Path::new(".")).unwrap();
    let sources = on_disk
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"));
    assert_eq!(embedded.len(), sources.count());
}
