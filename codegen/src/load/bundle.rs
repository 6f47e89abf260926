//! References to other files (`common.yaml#/components/schemas/Money`),
//! resolved from the spec's folder and copied into the document's own
//! components, so the rest of the generator sees one self-contained
//! document. Remote URLs are left alone (the resolver refuses them: the
//! generator never touches the network).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Problems found while bundling: (pointer in the main document, message).
pub type Notes = Vec<(String, String)>;

struct Bundler<'a> {
    base: &'a Path,
    files: HashMap<PathBuf, Result<Value, String>>,
    /// (file, fragment) → the local reference it became.
    imported: HashMap<(PathBuf, String), String>,
    /// Components to add, by kind and name.
    added: Vec<(String, String, Value)>,
    taken: HashMap<String, Vec<String>>,
}

/// Copies every schema, parameter, response... that `doc` references in
/// another file into `doc`'s components and points the references at them.
/// Also says whether `doc` has references into other files at all (and so
/// may have changed).
pub fn bundle(doc: &mut Value, spec_path: &Path) -> (Notes, bool) {
    let mut notes = Notes::new();
    let mut external = Vec::new();
    collect(doc, &mut String::from("#"), is_file_ref, &mut external);
    if external.is_empty() {
        return (notes, false);
    }
    let base = spec_path.parent().unwrap_or(Path::new("."));
    let mut taken: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(components) = doc.get("components").and_then(Value::as_object) {
        for (kind, items) in components {
            if let Some(items) = items.as_object() {
                taken.insert(kind.clone(), items.keys().cloned().collect());
            }
        }
    }
    let mut b = Bundler {
        base,
        files: HashMap::new(),
        imported: HashMap::new(),
        added: Vec::new(),
        taken,
    };
    for (pointer, reference) in external {
        match b.import(base, &reference, 0) {
            Ok(local) => {
                if let Some(slot) = doc.pointer_mut(&format!("{}/$ref", &pointer[1..])) {
                    *slot = Value::String(local);
                }
            }
            Err(message) => notes.push((pointer, message)),
        }
    }
    let root = doc.as_object_mut();
    if let Some(root) = root {
        let components = root
            .entry("components")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(components) = components.as_object_mut() {
            for (kind, name, value) in b.added {
                let items = components
                    .entry(kind)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Some(items) = items.as_object_mut() {
                    items.insert(name, value);
                }
            }
        }
    }
    (notes, true)
}

fn is_file_ref(reference: &str) -> bool {
    !reference.starts_with('#')
        && !reference.starts_with("http://")
        && !reference.starts_with("https://")
}

/// Every reference that `keep` accepts, outside example payloads, with the
/// pointer of the object holding it. `at` is the pointer of `value`; it is
/// extended and cut back in place, so walking a large document allocates
/// only for what it finds.
fn collect(
    value: &Value,
    at: &mut String,
    keep: fn(&str) -> bool,
    out: &mut Vec<(String, String)>,
) {
    let len = at.len();
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(s)) if keep(s) => out.push((at.clone(), s.clone())),
                    ("$ref", Value::String(_)) | ("example" | "examples", _) => {}
                    _ => {
                        at.push('/');
                        at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                        collect(v, at, keep, out);
                        at.truncate(len);
                    }
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                use std::fmt::Write as _;
                let _ = write!(at, "/{i}");
                collect(v, at, keep, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

impl Bundler<'_> {
    /// Imports the target of `reference` (relative to `dir`) and returns the
    /// local reference that now stands for it.
    fn import(&mut self, dir: &Path, reference: &str, depth: usize) -> Result<String, String> {
        if depth > 64 {
            return Err(format!(
                "$ref '{reference}': references nest more than 64 files deep"
            ));
        }
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let path = normalize(&dir.join(file));
        let key = (path.clone(), fragment.to_string());
        if let Some(local) = self.imported.get(&key) {
            return Ok(local.clone());
        }
        let document = self
            .files
            .entry(path.clone())
            .or_insert_with(|| read(&path))
            .clone()
            .map_err(|e| {
                format!(
                    "$ref '{reference}': cannot read {} (resolved from {}): {e}",
                    path.display(),
                    self.base.display()
                )
            })?;
        let target = if fragment.is_empty() {
            Some(&document)
        } else {
            document.pointer(fragment)
        };
        let mut target = target.cloned().ok_or_else(|| {
            format!(
                "$ref '{reference}': {} has nothing at #{fragment}",
                path.display()
            )
        })?;
        let (kind, wanted) = component_of(fragment, &path);
        let name = self.claim(&kind, &wanted);
        let local = format!(
            "#/components/{kind}/{}",
            name.replace('~', "~0").replace('/', "~1")
        );
        self.imported.insert(key, local.clone());
        // References inside the imported value are relative to its own file.
        let mut inner = Vec::new();
        collect(&target, &mut String::from("#"), |_| true, &mut inner);
        let file_dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        for (pointer, r) in inner {
            if r.starts_with("http://") || r.starts_with("https://") {
                continue;
            }
            let absolute = if let Some(local_fragment) = r.strip_prefix('#') {
                format!(
                    "{}#{local_fragment}",
                    path.file_name()
                        .and_then(|f| f.to_str())
                        .unwrap_or_default()
                )
            } else {
                r.clone()
            };
            let resolved = self.import(&file_dir, &absolute, depth + 1)?;
            if let Some(slot) = target.pointer_mut(&format!("{}/$ref", &pointer[1..])) {
                *slot = Value::String(resolved);
            }
        }
        self.added.push((kind, name, target));
        Ok(local)
    }

    fn claim(&mut self, kind: &str, wanted: &str) -> String {
        let taken = self.taken.entry(kind.to_string()).or_default();
        let mut name = wanted.to_string();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        taken.push(name.clone());
        name
    }
}

/// The component kind and name an imported value takes: its own when it
/// comes from another document's components, else a schema named after
/// the last pointer segment (or the file).
fn component_of(fragment: &str, path: &Path) -> (String, String) {
    let segments: Vec<String> = fragment
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    if let [first, kind, name] = segments.as_slice()
        && first == "components"
    {
        return (kind.clone(), name.clone());
    }
    let name = segments
        .last()
        .filter(|s| !s.is_empty())
        .cloned()
        .or_else(|| {
            path.file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| "Imported".to_string());
    ("schemas".to_string(), name)
}

fn read(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| format!("invalid JSON: {e}"))
    } else {
        serde_yaml::from_str(&text).map_err(|e| format!("invalid YAML: {e}"))
    }
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_schemas_and_their_own_references() {
        let dir = std::env::temp_dir().join(format!("codegen-bundle-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("shared")).unwrap();
        std::fs::write(
            dir.join("shared/common.yaml"),
            "components:\n  schemas:\n    Money:\n      type: object\n      properties:\n        currency: {$ref: '#/components/schemas/Currency'}\n    Currency: {type: string}\n",
        )
        .unwrap();
        let mut doc: Value = serde_json::json!({
            "openapi": "3.0.3",
            "components": {"schemas": {
                "Payout": {"type": "object", "properties": {"value": {"$ref": "shared/common.yaml#/components/schemas/Money"}}},
                "Currency": {"type": "integer"}
            }}
        });
        let (notes, _) = bundle(&mut doc, &dir.join("spec.yaml"));
        assert!(notes.is_empty(), "{notes:?}");
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["Payout"]["properties"]["value"]["$ref"],
            "#/components/schemas/Money"
        );
        // The imported Currency does not replace the document's own.
        assert_eq!(
            schemas["Money"]["properties"]["currency"]["$ref"],
            "#/components/schemas/Currency2"
        );
        assert_eq!(schemas["Currency2"]["type"], "string");
        assert_eq!(schemas["Currency"]["type"], "integer");
        let mut missing: Value = serde_json::json!({"a": {"$ref": "nope.yaml#/X"}});
        let (notes, _) = bundle(&mut missing, &dir.join("spec.yaml"));
        assert!(notes[0].1.contains("cannot read"), "{notes:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
