//! Generates the bindings from `specs/` at build time with the codegen
//! library: the mode for a project that does not commit generated code.
//! `src/lib.rs` includes the result; `tests/build_script.rs` uses it.

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let specs = root.join("specs");
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&specs)
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    paths.sort();
    let mut config = codegen::Config::new();
    for path in paths {
        println!("cargo:rerun-if-changed={}", path.display());
        config = config.spec(path);
    }
    if let Err(e) = config.write_modules(&out) {
        // Every problem, with its place in the spec, then a failed build.
        for d in &e.diagnostics {
            println!("cargo:warning={d}");
        }
        eprintln!("{e}");
        std::process::exit(1);
    }
}
