//! In-process timings of generation against its floor (reading the spec and
//! deserializing it into `openapiv3::OpenAPI`), for the four specs and
//! GitHub's 13 MB description. `cargo bench -p codegen --bench generation`.
//! Whole-process figures and peak memory come from `scripts/bench.sh`.

use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn spec_path(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    match name {
        "github" => root.join("../shared/corpus/large/github_api.github.com.json"),
        api => root.join(format!("specs/{api}.yaml")),
    }
}

const SPECS: &[&str] = &["omno", "kadosei", "primer", "rebilly"];

#[divan::bench(args = SPECS)]
fn floor(name: &str) -> openapiv3::OpenAPI {
    let text = std::fs::read_to_string(spec_path(name)).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[divan::bench(args = SPECS)]
fn generate(name: &str) -> usize {
    let api = codegen::Config::new()
        .spec(spec_path(name))
        .generate()
        .unwrap()
        .remove(0);
    api.types.len() + api.client.len()
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn github_floor() -> openapiv3::OpenAPI {
    let text = std::fs::read_to_string(spec_path("github")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn github_generate() -> usize {
    let api = codegen::Config::new()
        .spec(spec_path("github"))
        .generate()
        .unwrap()
        .remove(0);
    api.types.len() + api.client.len()
}
