//! The runtime a generated crate carries inside itself: its `runtime`
//! module, so the crate builds wherever it is moved and can be packaged.
//!
//! There is one runtime source, `runtime/src` (the `codegen-runtime`
//! crate). `cargo run -p codegen` copies it into `codegen/vendored-runtime/`
//! in the form a generated crate holds it: paths from `crate::` become
//! `crate::runtime::`, test modules are left out, and its dependencies are
//! listed with their versions. The codegen build script embeds that copy,
//! so the generator (also as a published crate) needs nothing beside
//! itself; `cargo run -p codegen -- --check` and a test fail when the copy
//! is stale.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::shared::{Dependency, MARKER};
use crate::write::FileSet;

/// Where the copy lives, relative to the workspace.
pub const COPY_DIR: &str = "codegen/vendored-runtime";

/// The manifest of the copy: the runtime's version and dependencies.
const MANIFEST: &str = "runtime.json";

/// The files of the copy, embedded by `build.rs`: (path, text).
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/vendored_runtime.rs"));

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    version: String,
    dependencies: Vec<Dependency>,
}

fn manifest() -> Manifest {
    EMBEDDED
        .iter()
        .find(|(path, _)| *path == MANIFEST)
        .and_then(|(_, text)| serde_json::from_str(text).ok())
        .unwrap_or(Manifest {
            version: String::new(),
            dependencies: Vec::new(),
        })
}

/// The runtime's dependencies, which a crate that carries it must list.
pub fn dependencies() -> Vec<Dependency> {
    manifest().dependencies
}

/// The runtime's files for `src/runtime/` of a generated crate, each with
/// the generated-file header.
pub fn runtime_files() -> FileSet {
    let header = format!(
        "// {MARKER}: a copy of codegen-runtime {}. Do not edit: regenerate instead.\n",
        manifest().version
    );
    EMBEDDED
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(path, text)| {
            let path = path.strip_prefix("src/").unwrap_or(path);
            (
                Path::new("src/runtime").join(path),
                format!("{header}{text}"),
            )
        })
        .collect()
}

/// What `codegen/vendored-runtime/` should hold, made from the runtime
/// crate of the workspace at `root` (its dependencies read with
/// `cargo metadata`).
pub fn snapshot(root: &Path) -> Result<FileSet, String> {
    let src = root.join("runtime/src");
    let mut files = FileSet::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                // Test-only modules (`#[cfg(test)] mod tests;`) stay behind.
                if path.file_name().is_none_or(|n| n != "tests") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let rel = path.strip_prefix(&src).unwrap_or(&path);
            let rel = if rel == Path::new("lib.rs") {
                Path::new("mod.rs")
            } else {
                rel
            };
            let text = relocate(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            files.insert(Path::new("src").join(rel), text);
        }
    }
    let manifest = runtime_manifest(root)?;
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    files.insert(MANIFEST.into(), format!("{json}\n"));
    Ok(files)
}

/// Runtime source as a module of another crate: `crate::` paths (and
/// `$crate::` in its macros) point into `crate::runtime`, and test items
/// (`#[cfg(test)]` at the start of a line, up to the `}` that closes them
/// at the start of a line) are left out. The result must parse.
pub fn relocate(text: &str) -> Result<String, String> {
    let mut kept = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line != "#[cfg(test)]" {
            kept.push(line);
            continue;
        }
        for item in lines.by_ref() {
            if item == "}" || (!item.starts_with([' ', '\t', '#']) && item.ends_with(';')) {
                break;
            }
        }
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in kept {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            out.push_str(&rest[..at]);
            out.push_str("crate::");
            rest = &rest[at + "crate::".len()..];
            // Exported macros (`__deserialize_struct`) are at the crate's root.
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && !rest.starts_with("__") {
                out.push_str("runtime::");
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    syn::parse_file(&out).map_err(|e| format!("the relocated runtime does not parse: {e}"))?;
    Ok(out)
}

fn runtime_manifest(root: &Path) -> Result<Manifest, String> {
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
        .arg(root.join("runtime/Cargo.toml"))
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    let package = metadata["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "codegen-runtime"))
        .ok_or("cargo metadata lists no codegen-runtime package")?;
    let mut dependencies: Vec<Dependency> = package["dependencies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["kind"].is_null() && d["target"].is_null())
        .map(|d| Dependency {
            name: d["name"].as_str().unwrap_or_default().to_string(),
            version: d["req"]
                .as_str()
                .unwrap_or("*")
                .trim_start_matches('^')
                .to_string(),
            default_features: d["uses_default_features"].as_bool().unwrap_or(true),
            features: d["features"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f.as_str().map(str::to_string))
                .collect(),
            optional: d["optional"].as_bool().unwrap_or(false),
        })
        .collect();
    dependencies.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Manifest {
        version: package["version"].as_str().unwrap_or_default().to_string(),
        dependencies,
    })
}

/// Writes the copy into `dir` (only files that changed; files it no longer
/// has are removed).
pub fn write_copy(dir: &Path, files: &FileSet) -> std::io::Result<()> {
    for (rel, text) in files {
        crate::write::write_file_if_changed(&dir.join(rel), text)?;
    }
    let report = crate::write::check(dir, files)?;
    for extra in report.extra {
        std::fs::remove_file(extra)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relocated_source_points_into_the_module_and_drops_tests() {
        let text = "use crate::a::B;\nmacro_rules! m { () => { $crate::Nullable; $crate::__m!() } }\nfn f() -> my_crate::X { crate::g() }\n\n#[cfg(test)]\nmod tests {\n    fn t() {}\n}\n";
        assert_eq!(
            relocate(text).unwrap(),
            "use crate::runtime::a::B;\nmacro_rules! m { () => { $crate::runtime::Nullable; $crate::__m!() } }\nfn f() -> my_crate::X { crate::runtime::g() }\n"
        );
    }

    #[test]
    fn the_embedded_copy_has_the_runtime_and_its_dependencies() {
        let files = runtime_files();
        assert!(
            files.contains_key(Path::new("src/runtime/mod.rs")),
            "{:?}",
            files.keys()
        );
        assert!(files.values().all(|t| !t.contains("#[cfg(test)]")));
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
}
