//! Stage 1, load: read the file (or the URL a server serves it at), parse
//! YAML or JSON, apply overlays, check the declared version, normalise 3.1
//! and 3.2 onto one shape, deserialize into `openapiv3`, and keep what
//! diagnostics need to point back into the text.

mod bundle;
mod deserialize;
pub mod ext;
pub mod fetch;
mod keys;
mod locate;
mod oai;
pub mod overlay;
mod path_refs;
pub(crate) mod schema_values;
mod tree;
mod v31;
mod v32;
mod walk;
mod written;

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Excerpt, GenerateError, Severity};
pub use bundle::Location;
use deserialize::deserialize_spec;
pub(crate) use keys::suggestion;
pub use locate::SourceMap;
use locate::diagnostic_at;
pub(crate) use locate::percent_decode;
pub use written::{Belongs, Misplaced, Written, fragment_pointer, pointer_segments};

/// A parsed spec and its source.
pub struct Document {
    pub path: PathBuf,
    pub text: String,
    /// What openapiv3's model does not keep: where each `$ref` points,
    /// which `explode`s encodings state.
    pub written: Written,
    pub spec: openapiv3::OpenAPI,
    /// Why a reference into another file could not be followed, by reference.
    pub unresolved_files: std::collections::HashMap<String, String>,
    /// What loading approximated (OpenAPI 3.1 constructs): (pointer, message).
    pub notes: Vec<(String, String)>,
    /// Schema keywords whose value has no reading as the JSON type OpenAPI
    /// gives them, taken out of the document (`pattern: 0`): (pointer of
    /// the keyword, message). Lower makes each an error, or with
    /// `--lenient` a warning.
    pub invalid_values: Vec<(String, String)>,
    /// OpenAPI 3.1 `webhooks`: notifications the API sends, by name.
    pub webhooks: Vec<(String, openapiv3::PathItem)>,
    /// Operations of methods without a fixed field (3.2 `query` and
    /// `additionalOperations`, or `x-oai-additionalOperations`), by path:
    /// (method as sent, operation).
    pub additional_operations:
        std::collections::HashMap<String, Vec<(String, openapiv3::Operation)>>,
    /// Fields loading moved (pointer now, pointer in the source), latest
    /// last: diagnostics are placed where the author wrote the field.
    pub renames: Vec<(String, String)>,
    /// The overlays applied before anything else read the document, and
    /// where each value they wrote came from: diagnostics about such a
    /// value point into the overlay.
    pub overlays: overlay::Applied,
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
        for d in diagnostics.iter_mut().filter(|d| d.file == self.path) {
            d.pointer = source_pointer(&self.renames, &d.pointer);
        }
        // What an overlay wrote is placed in the overlay; the rest where
        // the original document has it.
        let in_document = if self.overlays.is_empty() {
            vec![true; diagnostics.len()]
        } else {
            self.overlays.place(diagnostics, &self.path)
        };
        let mut diagnostics: Vec<&mut Diagnostic> = diagnostics
            .iter_mut()
            .zip(in_document)
            .filter_map(|(d, here)| here.then_some(d))
            .collect();
        let map =
            SourceMap::for_pointers(&self.text, diagnostics.iter().map(|d| d.pointer.as_str()));
        let lines: Vec<&str> = self.text.lines().map(str::trim_end).collect();
        // Each line's character offsets once, however many diagnostics
        // point into it (a minified document is a single line).
        let mut starts = std::collections::HashMap::new();
        for d in diagnostics.iter_mut() {
            d.position = map.locate(&d.pointer);
            d.excerpt = d.position.and_then(|(line, col)| {
                let text = lines.get(line - 1)?;
                let starts = starts
                    .entry(line)
                    .or_insert_with(|| crate::diagnostics::CharIndex::new(text));
                Some(Excerpt::indexed(text, starts, col))
            });
        }
    }
}

/// Reads and parses a spec: a file, or an `http(s)` URL (see [`fetch`]).
/// With `allow_remote_refs`, references to other origins (or, from a
/// file, to any URL) are fetched; otherwise they are refused.
pub fn load(spec: &Path, allow_remote_refs: bool) -> Result<Document, GenerateError> {
    load_with_overlays(spec, allow_remote_refs, &[])
}

/// [`load`], with `overlays` (Overlay 1.0 or 1.1 files) applied in order
/// to the document as written, before anything else reads it.
pub fn load_with_overlays(
    spec: &Path,
    allow_remote_refs: bool,
    overlays: &[PathBuf],
) -> Result<Document, GenerateError> {
    let overlays = overlay::read_all(overlays)?;
    match spec.to_str() {
        Some(url) if fetch::is_url(url) => load_url_with(
            url,
            allow_remote_refs,
            &fetch::Fetcher::default(),
            &overlays,
        ),
        _ => load_file_reaching(spec, allow_remote_refs, &overlays),
    }
}

/// Reads and parses a spec file; references to URLs are refused.
pub fn load_file(path: &Path) -> Result<Document, GenerateError> {
    load_file_reaching(path, false, &[])
}

fn load_file_reaching(
    path: &Path,
    allow_remote_refs: bool,
    overlays: &[overlay::Overlay],
) -> Result<Document, GenerateError> {
    let text = read_text(path)?;
    let base = Location::File(path.to_path_buf());
    let reach = bundle::Reach {
        base: &base,
        allow_remote: allow_remote_refs,
        fetcher: None,
    };
    load_reaching(path, text, &reach, overlays)
}

/// A spec file's text.
fn read_text(path: &Path) -> Result<String, GenerateError> {
    let bytes = std::fs::read(path)
        .map_err(|e| GenerateError::io(path, format!("cannot read the spec: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|e| GenerateError::io(path, format!("the spec is not UTF-8: {e}")))
}

/// Fetches and parses the document served at `url`: references relative
/// to it are fetched from its origin, relative server URLs are resolved
/// against it. Diagnostics and generated headers name the URL as given
/// (normalised: lower-case scheme and host, no default port, no fragment).
pub fn load_url(
    url: &str,
    allow_remote_refs: bool,
    fetcher: &fetch::Fetcher,
) -> Result<Document, GenerateError> {
    load_url_with(url, allow_remote_refs, fetcher, &[])
}

fn load_url_with(
    url: &str,
    allow_remote_refs: bool,
    fetcher: &fetch::Fetcher,
    overlays: &[overlay::Overlay],
) -> Result<Document, GenerateError> {
    let parsed = fetch::Url::parse(url).map_err(|m| GenerateError::io(Path::new(url), m))?;
    let name = PathBuf::from(parsed.to_string());
    let (served_at, text) = fetcher
        .get(&parsed)
        .map_err(|m| GenerateError::io(&name, m))?;
    let base = Location::Url(served_at);
    let reach = bundle::Reach {
        base: &base,
        allow_remote: allow_remote_refs,
        fetcher: Some(fetcher),
    };
    load_reaching(&name, text, &reach, overlays)
}

/// A document with overlays applied and nothing else done: its tree as
/// written (references, version and every field as they are), for tools
/// that read the document themselves (`codegen overlay`).
#[derive(Debug)]
pub struct Overlaid {
    /// The document as it reads with the overlays applied.
    pub value: Value,
    /// Whether the document was written as JSON (otherwise YAML).
    pub json: bool,
    /// What the overlays warned about (a target that selects nothing),
    /// placed in the overlay files.
    pub warnings: Vec<Diagnostic>,
}

/// Applies `overlays` (Overlay 1.0 or 1.1 files), in order, to the spec
/// (a file, or an `http(s)` URL): the document [`load_with_overlays`]
/// reads, before anything else is done to it. Nothing checks that the
/// result is a valid OpenAPI document.
pub fn overlaid(spec: &Path, overlays: &[PathBuf]) -> Result<Overlaid, GenerateError> {
    let overlays = overlay::read_all(overlays)?;
    let (name, text) = match spec.to_str() {
        Some(url) if fetch::is_url(url) => {
            let parsed =
                fetch::Url::parse(url).map_err(|m| GenerateError::io(Path::new(url), m))?;
            let name = PathBuf::from(parsed.to_string());
            let fetcher = fetch::Fetcher::default();
            let (_, text) = fetcher
                .get(&parsed)
                .map_err(|m| GenerateError::io(&name, m))?;
            (name, text)
        }
        _ => (spec.to_path_buf(), read_text(spec)?),
    };
    let json = text.trim_start().starts_with('{');
    let mut tree = parse_tree(&name, &text, json)?;
    let applied = overlay::apply(&mut tree.value, &name, &overlays)?;
    Ok(Overlaid {
        value: tree.value,
        json,
        warnings: applied.warnings,
    })
}

/// Parses spec text; `path` names it in diagnostics and is the base of
/// its file references; references to URLs are refused.
pub fn load_str(path: &Path, text: String) -> Result<Document, GenerateError> {
    load_str_with_overlays(path, text, &[])
}

/// [`load_str`], with `overlays` (Overlay 1.0 or 1.1 files) applied in
/// order to the document as written.
pub fn load_str_with_overlays(
    path: &Path,
    text: String,
    overlays: &[PathBuf],
) -> Result<Document, GenerateError> {
    let overlays = overlay::read_all(overlays)?;
    let base = Location::File(path.to_path_buf());
    let reach = bundle::Reach {
        base: &base,
        allow_remote: false,
        fetcher: None,
    };
    load_reaching(path, text, &reach, &overlays)
}

fn load_reaching(
    path: &Path,
    text: String,
    reach: &bundle::Reach,
    overlays: &[overlay::Overlay],
) -> Result<Document, GenerateError> {
    let is_json = text.trim_start().starts_with('{');
    let mut tree = parse_tree(path, &text, is_json)?;
    let mut applied = overlay::apply(&mut tree.value, path, overlays)?;
    let mut finished = finish(path, &text, tree, reach, &applied, Values::AsWritten);
    if let Err(Unfinished::Unreadable(_)) = finished {
        // openapiv3 refused a value: once more from the text, each schema
        // keyword's value checked (load/schema_values.rs). Only then: a
        // document openapiv3 reads is read as written, at no extra cost.
        let mut tree = parse_tree(path, &text, is_json)?;
        applied = overlay::apply(&mut tree.value, path, overlays)?;
        finished = finish(path, &text, tree, reach, &applied, Values::Checked);
    }
    let parts = finished.map_err(Unfinished::error).map_err(|mut e| {
        // Placed in the overlay that wrote the value, if one did.
        if !applied.is_empty() {
            let in_document = applied.place(&mut e.diagnostics, path);
            for (d, here) in e.diagnostics.iter_mut().zip(in_document) {
                if here {
                    d.position = SourceMap::build(&text).locate(&d.pointer);
                    d.excerpt = d.position.and_then(|(line, col)| {
                        Some(Excerpt::of(text.lines().nth(line - 1)?.trim_end(), col))
                    });
                }
            }
        }
        e
    })?;
    Ok(Document {
        path: path.to_path_buf(),
        text,
        written: parts.written,
        spec: parts.spec,
        unresolved_files: parts.unresolved_files,
        notes: parts.notes,
        invalid_values: parts.invalid_values,
        webhooks: parts.webhooks,
        additional_operations: parts.additional_operations,
        renames: parts.renames,
        overlays: applied,
    })
}

/// Where the field at `pointer` (in the loaded tree) was written, given
/// the renames loading made (applied latest first).
pub fn source_pointer(renames: &[(String, String)], pointer: &str) -> String {
    let mut pointer = pointer.to_string();
    for (now, before) in renames.iter().rev() {
        if let Some(rest) = pointer.strip_prefix(now.as_str())
            && (rest.is_empty() || rest.starts_with('/'))
        {
            pointer = format!("{before}{rest}");
        }
    }
    pointer
}

/// What loading makes of the text, apart from the text itself.
struct Loaded {
    written: Written,
    spec: openapiv3::OpenAPI,
    unresolved_files: std::collections::HashMap<String, String>,
    notes: Vec<(String, String)>,
    invalid_values: Vec<(String, String)>,
    webhooks: Vec<(String, openapiv3::PathItem)>,
    additional_operations: std::collections::HashMap<String, Vec<(String, openapiv3::Operation)>>,
    renames: Vec<(String, String)>,
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

/// How [`finish`] reads schema keywords whose value is not of the JSON
/// type OpenAPI gives them.
#[derive(Clone, Copy, PartialEq)]
enum Values {
    /// As written: openapiv3 refuses the schema holding one.
    AsWritten,
    /// Checked first (`schema_values::repair`).
    Checked,
}

/// Why [`finish`] gave no document.
enum Unfinished {
    Failed(GenerateError),
    /// openapiv3 refused a value read as written.
    Unreadable(GenerateError),
}

impl Unfinished {
    fn error(self) -> GenerateError {
        match self {
            Unfinished::Failed(e) | Unfinished::Unreadable(e) => e,
        }
    }
}

impl From<GenerateError> for Unfinished {
    fn from(e: GenerateError) -> Self {
        Unfinished::Failed(e)
    }
}

/// Checks the version, reports unknown and duplicate keys, normalises
/// 3.1, bundles file references and deserializes into openapiv3.
fn finish(
    path: &Path,
    text: &str,
    tree: tree::Tree,
    reach: &bundle::Reach,
    applied: &overlay::Applied,
    values: Values,
) -> Result<Loaded, Unfinished> {
    // What the document says, with what its overlays add.
    let mentions = |s: &str| text.contains(s) || applied.texts().any(|t| t.contains(s));
    let fail = |pointer: &str, position, message| failure(path, text, pointer, position, message);
    let mut raw = tree.value;
    if !raw.is_object() {
        return Err(fail(
            "#",
            Some((1, 1)),
            "the document is not an object: expected an OpenAPI description".into(),
        )
        .into());
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
    // 3.2 documents are rewritten onto the 3.1 shape, what 3.2 adds kept as
    // extensions; 3.1 documents onto the 3.0 shape: one model for all.
    let version = raw
        .get("openapi")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let is_3_2 = version.starts_with("3.2");
    let is_3_1 = is_3_2 || version.starts_with("3.1");
    let mut renames = Vec::new();
    if is_3_2 {
        let rewritten = v32::normalize(&mut raw);
        notes.extend(rewritten.notes);
        renames.extend(rewritten.renames);
    }
    // Before 3.2, a stream's `schema` types its items (see load/oai.rs).
    let legacy_streams = !is_3_2
        && ["event-stream", "jsonl", "ndjson", "json-seq", "jsonlines"]
            .iter()
            .any(|m| mentions(m));
    if is_3_2 || legacy_streams || mentions("x-oai-") {
        let rewritten = oai::normalize(&mut raw, legacy_streams);
        notes.extend(rewritten.notes);
        renames.extend(rewritten.renames);
    }
    if is_3_1 {
        notes.extend(v31::normalize(&mut raw));
    } else if let Some(root) = raw.as_object_mut() {
        notes.extend(path_refs::resolve(root));
    }
    // Keyword values openapiv3 refuses the whole schema for.
    let mut invalid_values = Vec::new();
    if values == Values::Checked {
        let repaired = schema_values::repair(&mut raw);
        notes.extend(repaired.notes);
        invalid_values = repaired.invalid;
    }
    for (pointer, _) in notes.iter_mut().chain(invalid_values.iter_mut()) {
        *pointer = source_pointer(&renames, pointer);
    }
    if let Location::Url(url) = reach.base {
        fetch::absolute_servers(&mut raw, url);
    }
    let mut unresolved_files = std::collections::HashMap::new();
    let (bundle_notes, _) = bundle::bundle(&mut raw, reach);
    for (pointer, message) in bundle_notes {
        let reference = raw
            .pointer(&format!("{}/$ref", &pointer[1..]))
            .and_then(Value::as_str)
            .unwrap_or_default();
        unresolved_files.insert(reference.to_string(), message);
    }
    let written = Written::collect(&raw);
    let spec = deserialize_spec(raw).map_err(|(pointer, message)| {
        let pointer = source_pointer(&renames, &pointer);
        let position = SourceMap::build(text).locate(&pointer);
        let e = fail(
            &pointer,
            position,
            format!("not a valid OpenAPI 3.0 document here: {message}"),
        );
        match values {
            Values::AsWritten => Unfinished::Unreadable(e),
            Values::Checked => Unfinished::Failed(e),
        }
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
    let additional_operations = ext::additional_operations(&spec, &renames, &mut notes);
    Ok(Loaded {
        written,
        spec,
        unresolved_files,
        notes,
        invalid_values,
        webhooks,
        additional_operations,
        renames,
    })
}

fn check_version(raw: &Value) -> Result<(), (String, String)> {
    if let Some(swagger) = raw.get("swagger") {
        return Err((
            "#/swagger".into(),
            format!(
                "this is a Swagger {} document; OpenAPI 3.0, 3.1 and 3.2 are accepted. Convert it first, for example with swagger2openapi",
                swagger.as_str().unwrap_or("2.0")
            ),
        ));
    }
    match raw.get("openapi").and_then(Value::as_str) {
        Some(v)
            if ["3.0", "3.1", "3.2"].iter().any(|minor| {
                v == *minor || v.strip_prefix(minor).is_some_and(|p| p.starts_with('.'))
            }) =>
        {
            Ok(())
        }
        Some(v) => Err((
            "#/openapi".into(),
            format!(
                "OpenAPI version {v:?} is not supported; this generator accepts 3.0.x, 3.1.x and 3.2.x"
            ),
        )),
        None => Err((
            "#".into(),
            "the `openapi` version field is missing; is this an OpenAPI document?".into(),
        )),
    }
}
