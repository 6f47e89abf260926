//! Embeds the vendored copy of the runtime (`vendored-runtime/`, kept in
//! sync with `runtime/src` by `cargo run -p codegen`) as a list of
//! `(path, include_str!(..))` pairs. The copy is inside this package, so a
//! published codegen carries it too.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let copy = manifest.join("vendored-runtime");
    println!("cargo:rerun-if-changed={}", copy.display());
    let mut files = Vec::new();
    collect(&copy, &copy, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for rel in &files {
        println!("cargo:rerun-if-changed={}", copy.join(rel).display());
        let abs = copy.join(rel);
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            rel.replace('\\', "/"),
            abs.display().to_string()
        ));
    }
    out.push(']');
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(dest.join("vendored_runtime.rs"), out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.display().to_string());
        }
    }
}
