//! Stage 1, load: read the file, parse YAML or JSON, check the declared
//! version, deserialize into `openapiv3`, and keep what diagnostics need to
//! point back into the text.

mod bundle;
mod keys;
mod locate;
mod tree;
mod v31;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, GenerateError, Severity};
pub(crate) use keys::suggestion;
pub use locate::SourceMap;

/// A parsed spec and its source.
pub struct Document {
    pub path: PathBuf,
    pub text: String,
    /// The document as plain JSON, for what openapiv3 does not model
    /// (targets of arbitrary `$ref` pointers).
    pub raw: Value,
    pub spec: openapiv3::OpenAPI,
    /// Why a reference into another file could not be followed, by reference.
    pub unresolved_files: std::collections::HashMap<String, String>,
    /// What loading approximated (OpenAPI 3.1 constructs): (pointer, message).
    pub notes: Vec<(String, String)>,
    /// OpenAPI 3.1 `webhooks`: notifications the API sends, by name.
    pub webhooks: Vec<(String, openapiv3::PathItem)>,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Document {
    /// A diagnostic at `pointer`, with line, column and source line when
    /// the text has them.
    pub fn diagnostic(
        &self,
        severity: Severity,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        // Positions are filled in by `place`, all in one pass over the text.
        let position = None;
        diagnostic_at(
            &self.path,
            &self.text,
            severity,
            pointer,
            position,
            message.into(),
        )
    }
}

impl Document {
    /// Fills in line, column and source line of `diagnostics`.
    pub fn place(&self, diagnostics: &mut [Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        let map =
            SourceMap::for_pointers(&self.text, diagnostics.iter().map(|d| d.pointer.as_str()));
        let lines: Vec<&str> = self.text.lines().collect();
        for d in diagnostics {
            d.position = map.locate(&d.pointer);
            d.source_line = d
                .position
                .and_then(|(line, _)| lines.get(line - 1))
                .map(|l| l.trim_end().to_string());
        }
    }
}

fn diagnostic_at(
    path: &Path,
    text: &str,
    severity: Severity,
    pointer: &str,
    position: Option<(usize, usize)>,
    message: String,
) -> Diagnostic {
    let source_line = position
        .and_then(|(line, _)| text.lines().nth(line - 1))
        .map(|l| l.trim_end().to_string());
    Diagnostic {
        severity,
        file: path.to_path_buf(),
        position,
        pointer: pointer.to_string(),
        message,
        source_line,
    }
}

/// Reads and parses a spec file.
pub fn load_file(path: &Path) -> Result<Document, GenerateError> {
    let bytes = std::fs::read(path)
        .map_err(|e| GenerateError::io(path, format!("cannot read the spec: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| GenerateError::io(path, format!("the spec is not UTF-8: {e}")))?;
    load_str(path, text)
}

/// Parses spec text; `path` names it in diagnostics.
pub fn load_str(path: &Path, text: String) -> Result<Document, GenerateError> {
    let is_json = text.trim_start().starts_with('{');
    let parts = parse_tree(path, &text, is_json).and_then(|tree| finish(path, &text, tree))?;
    Ok(Document {
        path: path.to_path_buf(),
        text,
        raw: parts.raw,
        spec: parts.spec,
        unresolved_files: parts.unresolved_files,
        notes: parts.notes,
        webhooks: parts.webhooks,
    })
}

/// What loading makes of the text, apart from the text itself.
struct Loaded {
    raw: Value,
    spec: openapiv3::OpenAPI,
    unresolved_files: std::collections::HashMap<String, String>,
    notes: Vec<(String, String)>,
    webhooks: Vec<(String, openapiv3::PathItem)>,
}

fn failure(
    path: &Path,
    text: &str,
    pointer: &str,
    position: Option<(usize, usize)>,
    message: String,
) -> GenerateError {
    GenerateError {
        diagnostics: vec![diagnostic_at(
            path,
            text,
            Severity::Error,
            pointer,
            position,
            message,
        )],
    }
}

/// The document as a plain JSON tree.
fn parse_tree(path: &Path, text: &str, is_json: bool) -> Result<tree::Tree, GenerateError> {
    let fail = |pointer: &str, position, message| failure(path, text, pointer, position, message);
    if is_json {
        tree::from_json(text).map_err(|e| {
            fail(
                "#",
                Some((e.line(), e.column())),
                format!("invalid JSON: {e}"),
            )
        })
    } else {
        tree::from_yaml(text).map_err(|e| {
            let position = e.location().map(|l| (l.line(), l.column()));
            fail("#", position, format!("invalid YAML: {e}"))
        })
    }
}

/// Checks the version, reports unknown and duplicate keys, normalises
/// 3.1, bundles file references and deserializes into openapiv3.
fn finish(path: &Path, text: &str, tree: tree::Tree) -> Result<Loaded, GenerateError> {
    let fail = |pointer: &str, position, message| failure(path, text, pointer, position, message);
    let mut raw = tree.value;
    if !raw.is_object() {
        return Err(fail(
            "#",
            Some((1, 1)),
            "the document is not an object: expected an OpenAPI description".into(),
        ));
    }
    check_version(&raw).map_err(|(pointer, message)| {
        let position = SourceMap::build(text).locate(&pointer);
        fail(&pointer, position, message)
    })?;
    let mut notes: Vec<(String, String)> = tree
        .duplicates
        .into_iter()
        .map(|pointer| {
            let key = pointer.rsplit('/').next().unwrap_or_default();
            let key = crate::diagnostics::unescape_segment(key);
            let message = format!(
                "the key `{key}` is given more than once in this object; only the last one is used"
            );
            (pointer, message)
        })
        .collect();
    // Keys are checked as written, before 3.1 is rewritten.
    notes.extend(keys::unknown_keys(&raw));
    // 3.1 documents are rewritten onto the 3.0 shape: one model for both.
    let is_3_1 = raw
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.1"));
    if is_3_1 {
        notes.extend(v31::normalize(&mut raw));
    }
    let mut unresolved_files = std::collections::HashMap::new();
    let (bundle_notes, _) = bundle::bundle(&mut raw, path);
    for (pointer, message) in bundle_notes {
        let reference = raw
            .pointer(&format!("{}/$ref", &pointer[1..]))
            .and_then(Value::as_str)
            .unwrap_or_default();
        unresolved_files.insert(reference.to_string(), message);
    }
    let spec = deserialize_spec(&raw).map_err(|(pointer, message)| {
        let position = SourceMap::build(text).locate(&pointer);
        fail(
            &pointer,
            position,
            format!("not a valid OpenAPI 3.0 document here: {message}"),
        )
    })?;
    let mut webhooks = Vec::new();
    if let Some(Value::Object(items)) = spec.extensions.get("x-webhooks") {
        for (name, item) in items {
            match serde_json::from_value::<openapiv3::PathItem>(item.clone()) {
                Ok(item) => webhooks.push((name.clone(), item)),
                Err(e) => notes.push((
                    format!("#/webhooks/{}", crate::diagnostics::pointer_segment(name)),
                    format!("this webhook is not a valid path item and is skipped: {e}"),
                )),
            }
        }
    }
    Ok(Loaded {
        raw,
        spec,
        unresolved_files,
        notes,
        webhooks,
    })
}

/// Deserializes the tree into openapiv3: `paths` and `components`, the
/// bulk of a large document, on two threads, the small rest here.
///
/// Always from the tree, never from the text: openapiv3's `ReferenceOr`
/// buffers its input and parses it a second time on failure, and the two
/// parses disagree on input only text can hold (a key given twice), which
/// makes openapiv3 panic (`src/reference.rs:56`; see docs/openapiv3-reference-panic.md).
/// A tree has no duplicate keys, so both parses see the same value.
fn deserialize_spec(raw: &Value) -> Result<openapiv3::OpenAPI, (String, String)> {
    fn part<T: serde::de::DeserializeOwned>(
        value: &Value,
        prefix: &str,
    ) -> Result<T, (String, String)> {
        T::deserialize(value).map_err(|_| {
            // Again, slowly, for the place of the error.
            match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(_) => (
                    prefix.to_string(),
                    "the value could not be read".to_string(),
                ),
                Err(e) => {
                    let pointer = to_pointer(e.path());
                    (format!("{prefix}{}", &pointer[1..]), e.inner().to_string())
                }
            }
        })
    }
    let Value::Object(root) = raw else {
        return Err(("#".into(), "the document is not an object".into()));
    };
    // The rest of the document, with placeholders where the parts go.
    let rest: serde_json::Map<String, Value> = root
        .iter()
        .map(|(key, value)| match (key.as_str(), value) {
            ("paths" | "components", Value::Object(_)) => {
                (key.clone(), Value::Object(Default::default()))
            }
            _ => (key.clone(), value.clone()),
        })
        .collect();
    let object = |key: &str| root.get(key).filter(|v| v.is_object());
    std::thread::scope(|scope| {
        let components = object("components").map(|components| {
            scope.spawn(move || part::<openapiv3::Components>(components, "#/components"))
        });
        let paths = object("paths").map(|paths| part::<openapiv3::Paths>(paths, "#/paths"));
        let mut spec = part::<openapiv3::OpenAPI>(&Value::Object(rest), "#")?;
        if let Some(paths) = paths {
            spec.paths = paths?;
        }
        if let Some(components) = components {
            let components = components
                .join()
                .map_err(|_| ("#/components".to_string(), "could not be read".to_string()))?;
            spec.components = Some(components?);
        }
        Ok(spec)
    })
}

fn check_version(raw: &Value) -> Result<(), (String, String)> {
    if let Some(swagger) = raw.get("swagger") {
        return Err((
            "#/swagger".into(),
            format!(
                "this is a Swagger {} document; OpenAPI 3.0 and 3.1 are accepted. Convert it first, for example with swagger2openapi",
                swagger.as_str().unwrap_or("2.0")
            ),
        ));
    }
    match raw.get("openapi").and_then(Value::as_str) {
        Some(v) if v.starts_with("3.0.") || v == "3.0" || v.starts_with("3.1.") || v == "3.1" => {
            Ok(())
        }
        Some(v) => Err((
            "#/openapi".into(),
            format!(
                "OpenAPI version {v:?} is not supported; this generator accepts 3.0.x and 3.1.x"
            ),
        )),
        None => Err((
            "#".into(),
            "the `openapi` version field is missing; is this an OpenAPI document?".into(),
        )),
    }
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push_str(&format!("/{}", crate::diagnostics::pointer_segment(key)))
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}
