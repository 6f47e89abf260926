//! Relocates the runtime's files for the crates codegen writes (see
//! `src/vendor.rs`): once, here, so that codegen never parses them itself.
//! Writes `relocated_runtime.rs` into `OUT_DIR`, which `src/vendor.rs`
//! includes.

use std::fmt::Write;
use std::path::PathBuf;

#[path = "src/vendor/relocate.rs"]
mod relocate;

fn main() {
    // The runtime's files come from the codegen-runtime build dependency,
    // which cargo rebuilds (and this script reruns) when they change.
    println!("cargo::rerun-if-changed=src/vendor/relocate.rs");
    let files = relocate::all().unwrap_or_else(|e| {
        // The runtime's own source: a failure is a bug of this build.
        panic!("internal error: relocating {e}")
    });
    let mut out = String::new();
    writeln!(out, "pub(crate) const LIB: &str = {:?};", relocate::LIB).unwrap();
    out.push_str("pub(crate) const FILES: &[(&str, &str)] = &[\n");
    for (path, text) in &files {
        writeln!(out, "    ({path:?}, {text:?}),").unwrap();
    }
    out.push_str("];\n");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("relocated_runtime.rs"), out).expect("writing into OUT_DIR");
}
