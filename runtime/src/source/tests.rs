//! Tests of `source`.

use super::*;
use std::path::Path;

#[test]
fn every_source_file_is_carried() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut on_disk = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "tests") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                let rel = path.strip_prefix(&src).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                if rel != format!("{MODULE}.rs") {
                    on_disk.push(rel);
                }
            }
        }
    }
    on_disk.sort();
    let listed: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(
        listed, on_disk,
        "FILES lists src/ (tests and source.rs aside)"
    );
    for (path, text) in FILES {
        assert_eq!(
            *text,
            std::fs::read_to_string(src.join(path)).unwrap(),
            "{path}"
        );
    }
}

#[test]
fn dependencies_are_the_manifests() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let package = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "codegen-runtime")
        .unwrap();
    let client: Vec<&str> = package["features"][FEATURE]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_str()?.strip_prefix("dep:"))
        .collect();
    let mut found: Vec<(String, String, bool, Vec<String>, bool)> = package["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"].is_null() && d["target"].is_null())
        .map(|d| {
            let name = d["name"].as_str().unwrap().to_string();
            let optional = !client.contains(&name.as_str());
            (
                name,
                d["req"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches('^')
                    .to_string(),
                d["uses_default_features"].as_bool().unwrap(),
                d["features"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap().to_string())
                    .collect(),
                optional,
            )
        })
        .collect();
    found.sort();
    let declared: Vec<_> = DEPENDENCIES
        .iter()
        .map(|d| {
            (
                d.name.to_string(),
                d.version.to_string(),
                d.default_features,
                d.features.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
                d.optional,
            )
        })
        .collect();
    assert_eq!(declared, found);
}
