//! Generates bindings at build time with the codegen library: the mode for
//! a project that does not commit generated code. `src/lib.rs` includes
//! the result: the four APIs of `specs/` (`built`), used by
//! `tests/build_script.rs`, and the fixtures of `tests/fixtures/`, whose
//! types the round-trip tests in `tests/fixtures.rs` exercise.

use std::path::{Path, PathBuf};

fn specs_in(dir: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "yaml"));
    paths.sort();
    for p in &paths {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    paths
}

fn generate(specs: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    // Like the committed crate, every type encodes: the tests compare the
    // two by their JSON and round-trip the fixtures' answers.
    let config = codegen::Config::new().serialize_all(true);
    let config = specs.iter().fold(config, |c, s| c.spec(s));
    match config.write_modules(out) {
        Ok(written) => written,
        Err(e) => {
            // Every problem, with its place in the spec, then a failed build.
            for d in &e.diagnostics {
                println!("cargo:warning={d}");
            }
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

fn main() {
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    generate(&specs_in(&root.join("specs")), &out);

    let fixtures_out = out.join("fixtures");
    let written = generate(&specs_in(&root.join("tests/fixtures")), &fixtures_out);
    let modules: String = written
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()))
        .map(|m| {
            format!(
                "pub mod {m} {{ include!(concat!(env!(\"OUT_DIR\"), \"/fixtures/{m}.rs\")); }}\n"
            )
        })
        .collect();
    std::fs::write(fixtures_out.join("all.rs"), modules).expect("OUT_DIR is writable");
}
