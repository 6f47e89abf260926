//! Generates a module from every OpenAPI 3.1 document listed in the public
//! corpus's INDEX.tsv (`$CORPUS`, default `../shared/corpus` beside the
//! repository). `src/lib.rs` includes them with warnings denied, so a 3.1
//! document whose bindings do not compile cleanly fails the build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-env-changed=CORPUS");
    let corpus = std::env::var_os("CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/corpus"));

    let documents = documents_in_3_1(&corpus);
    let mut all = String::new();
    let mut names = String::new();
    if documents.is_empty() {
        println!(
            "cargo:warning=no OpenAPI 3.1 documents found in {} (set CORPUS); nothing to compile",
            corpus.display()
        );
    } else {
        let config = documents
            .iter()
            .fold(codegen::Config::new(), |c, d| c.spec(d));
        let written = match config.write_modules(&out) {
            Ok(written) => written,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        for path in &written {
            let module = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("module name");
            writeln!(
                all,
                "pub mod {module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{module}.rs\")); }}"
            )
            .unwrap();
            writeln!(
                names,
                "(\"{module}\", |url| {module}::Client::with_base_url(url).build().map(|_| ()).map_err(|e| e.to_string())),"
            )
            .unwrap();
        }
    }
    let text = format!(
        "{all}\n/// Builds a client against a base URL.\npub type BuildClient = fn(&str) -> Result<(), String>;\n/// Every module, with a function that builds its client.\npub const CLIENTS: &[(&str, BuildClient)] = &[{names}];\n/// How many 3.1 documents the corpus index lists.\npub static LISTED: usize = {};\n",
        documents.len()
    );
    std::fs::write(out.join("all.rs"), text).expect("OUT_DIR is writable");
}

/// The 3.1 documents of the corpus index, in its order.
fn documents_in_3_1(corpus: &Path) -> Vec<PathBuf> {
    let index = corpus.join("INDEX.tsv");
    println!("cargo:rerun-if-changed={}", index.display());
    let Ok(text) = std::fs::read_to_string(&index) else {
        return Vec::new();
    };
    let mut documents = Vec::new();
    for line in text.lines().skip(1) {
        let mut cols = line.split('\t');
        if let (Some(file), Some(version)) = (cols.next(), cols.next())
            && version.starts_with("3.1")
        {
            let path = corpus.join(file);
            println!("cargo:rerun-if-changed={}", path.display());
            documents.push(path);
        }
    }
    documents
}
