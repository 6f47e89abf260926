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
