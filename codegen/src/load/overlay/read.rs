//! Reading an overlay: its structure checked against Overlay 1.0 or 1.1,
//! every problem placed (file, line, column) in the overlay's text.

use std::path::{Path, PathBuf};

use serde_json::Value;
use serde_json_path::JsonPath;

use crate::diagnostics::{Diagnostic, GenerateError, Severity, child};
use crate::load::keys::suggestion;
use crate::load::locate::{SourceMap, diagnostic_at};
use crate::load::tree;

/// The Overlay Specification versions this reads (`major.minor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    V1_0,
    V1_1,
}

/// A parsed and checked overlay document.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub path: PathBuf,
    pub text: String,
    pub version: Version,
    pub title: String,
    /// The `info.version` of the overlay itself.
    pub info_version: String,
    pub description: Option<String>,
    /// The document the overlay says it applies to, as written.
    pub extends: Option<String>,
    pub(super) actions: Vec<Action>,
    /// What reading it found that does not stop it (unknown-but-harmless
    /// forms, keys given twice).
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
pub(super) struct Action {
    /// The action's index in `actions`.
    pub(super) index: usize,
    pub(super) target: JsonPath,
    pub(super) target_text: String,
    pub(super) kind: Kind,
}

#[derive(Debug, Clone)]
pub(super) enum Kind {
    Update(Value),
    Copy(JsonPath, String),
    Remove,
    /// `remove: false` alone.
    Nothing,
}

impl Overlay {
    /// Reads and checks an overlay file (YAML or JSON).
    pub fn read(path: &Path) -> Result<Overlay, GenerateError> {
        let bytes = std::fs::read(path)
            .map_err(|e| GenerateError::io(path, format!("cannot read the overlay: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| GenerateError::io(path, format!("the overlay is not UTF-8: {e}")))?;
        Overlay::parse(path, text)
    }

    /// Checks overlay text; `path` names it in diagnostics.
    pub fn parse(path: &Path, text: String) -> Result<Overlay, GenerateError> {
        let source = Source {
            path: path.to_path_buf(),
            text,
        };
        let parsed = if source.text.trim_start().starts_with('{') {
            tree::from_json(&source.text).map_err(|e| {
                source.error_at(
                    "#",
                    Some((e.line(), e.column())),
                    format!("invalid JSON: {e}"),
                )
            })
        } else {
            tree::from_yaml(&source.text).map_err(|e| {
                let position = e.location().map(|l| (l.line(), l.column()));
                source.error_at("#", position, format!("invalid YAML: {e}"))
            })
        }?;
        let mut reader = Reader {
            source: &source,
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        for pointer in &parsed.duplicates {
            reader.warn(
                pointer,
                "this key is given more than once in its object; only the last one is used",
            );
        }
        let read = reader.overlay(&parsed.value);
        let (Some((version, info, extends, actions)), true) = (read, reader.errors.is_empty())
        else {
            let mut diagnostics = reader.errors;
            diagnostics.extend(reader.warnings);
            if diagnostics.iter().all(|d| d.severity != Severity::Error) {
                diagnostics.push(source.diagnostic(
                    Severity::Error,
                    "#",
                    "the overlay could not be read".into(),
                ));
            }
            return Err(GenerateError { diagnostics });
        };
        let warnings = reader.warnings;
        Ok(Overlay {
            path: source.path,
            text: source.text,
            version,
            title: info.0,
            info_version: info.1,
            description: info.2,
            extends,
            actions,
            warnings,
        })
    }

    /// How many actions it has.
    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// A diagnostic at `pointer` of this overlay, placed.
    pub(crate) fn diagnostic(
        &self,
        severity: Severity,
        pointer: &str,
        message: String,
    ) -> Diagnostic {
        Source::borrowed(&self.path, &self.text).diagnostic(severity, pointer, message)
    }
}

/// A file's name and text, for placing diagnostics.
struct Source {
    path: PathBuf,
    text: String,
}

impl Source {
    fn borrowed(path: &Path, text: &str) -> Source {
        Source {
            path: path.to_path_buf(),
            text: text.to_string(),
        }
    }

    fn diagnostic(&self, severity: Severity, pointer: &str, message: String) -> Diagnostic {
        // The document itself (`#`) is at its start.
        let position = SourceMap::for_pointers(&self.text, [pointer])
            .locate(pointer)
            .or(Some((1, 1)));
        diagnostic_at(&self.path, &self.text, severity, pointer, position, message)
    }

    fn error_at(
        &self,
        pointer: &str,
        position: Option<(usize, usize)>,
        message: String,
    ) -> GenerateError {
        GenerateError {
            diagnostics: vec![diagnostic_at(
                &self.path,
                &self.text,
                Severity::Error,
                pointer,
                position,
                message,
            )],
        }
    }
}

/// Checks the overlay's structure, collecting every problem.
struct Reader<'a> {
    source: &'a Source,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

type Info = (String, String, Option<String>);

impl Reader<'_> {
    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let d = self
            .source
            .diagnostic(Severity::Error, pointer, message.into());
        self.errors.push(d);
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let d = self
            .source
            .diagnostic(Severity::Warning, pointer, message.into());
        self.warnings.push(d);
    }

    fn overlay(&mut self, root: &Value) -> Option<(Version, Info, Option<String>, Vec<Action>)> {
        let Value::Object(map) = root else {
            self.error(
                "#",
                "an overlay is an object with `overlay`, `info` and `actions`",
            );
            return None;
        };
        let version = match map.get("overlay") {
            Some(Value::String(v)) => match version(v) {
                Some(version) => Some(version),
                None => {
                    self.error(
                        "#/overlay",
                        format!(
                            "Overlay version {v:?} is not supported; this generator applies 1.0.x and 1.1.x"
                        ),
                    );
                    None
                }
            },
            Some(other) => {
                self.error(
                    "#/overlay",
                    format!(
                        "`overlay` is the Overlay Specification version as a string (\"1.0.0\" or \"1.1.0\"), not {}",
                        kind_of(other)
                    ),
                );
                None
            }
            None if map.contains_key("openapi") || map.contains_key("swagger") => {
                self.error(
                    "#",
                    "this is an OpenAPI document, not an overlay: an overlay has `overlay: 1.0.0` (or 1.1.0), `info` and `actions`",
                );
                None
            }
            None => {
                self.error(
                    "#",
                    "the `overlay` version field is missing (`overlay: 1.0.0` or `1.1.0`); is this an overlay?",
                );
                None
            }
        };
        let v = version.unwrap_or(Version::V1_1);
        self.fields(map, "#", &["overlay", "info", "extends", "actions"], &[], v);
        let info = self.info(map.get("info"), v);
        let extends = match map.get("extends") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(
                    "#/extends",
                    format!(
                        "`extends` is the URI of the document the overlay applies to, a string, not {}",
                        kind_of(other)
                    ),
                );
                None
            }
        };
        let actions = match map.get("actions") {
            Some(Value::Array(items)) if !items.is_empty() => items
                .iter()
                .enumerate()
                .filter_map(|(i, a)| self.action(i, a, v))
                .collect(),
            Some(Value::Array(_)) => {
                self.error(
                    "#/actions",
                    "`actions` holds no action; it needs at least one",
                );
                Vec::new()
            }
            Some(other) => {
                self.error(
                    "#/actions",
                    format!("`actions` is a list of actions, not {}", kind_of(other)),
                );
                Vec::new()
            }
            None => {
                self.error("#", "the overlay has no `actions`");
                Vec::new()
            }
        };
        Some((version?, info?, extends, actions))
    }

    /// Reports keys that are neither fixed fields (of `v`) nor `x-`.
    fn fields(
        &mut self,
        map: &serde_json::Map<String, Value>,
        at: &str,
        fixed: &[&str],
        since_1_1: &[&str],
        v: Version,
    ) {
        for key in map.keys() {
            if key.starts_with("x-") || fixed.contains(&key.as_str()) {
                continue;
            }
            let here = child(at, key);
            if since_1_1.contains(&key.as_str()) {
                if v == Version::V1_0 {
                    self.error(
                        &here,
                        format!(
                            "`{key}` is an Overlay 1.1 field, and this overlay declares 1.0; write `overlay: 1.1.0`"
                        ),
                    );
                }
                continue;
            }
            let all: Vec<&str> = fixed.iter().chain(since_1_1).copied().collect();
            let hint = suggestion(key, all.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            self.error(
                &here,
                format!(
                    "`{key}` is not a field here (fields: {}; extensions start with `x-`){hint}",
                    all.iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }

    fn info(&mut self, info: Option<&Value>, v: Version) -> Option<Info> {
        let Some(info) = info else {
            self.error("#", "the overlay has no `info` (`title` and `version`)");
            return None;
        };
        let Value::Object(map) = info else {
            self.error(
                "#/info",
                format!("`info` is an object, not {}", kind_of(info)),
            );
            return None;
        };
        self.fields(map, "#/info", &["title", "version"], &["description"], v);
        let mut text = |key: &str, required: bool| match map.get(key) {
            Some(Value::String(s)) => Some(Some(s.clone())),
            None if !required => Some(None),
            None => {
                self.error("#/info", format!("`info.{key}` is required"));
                None
            }
            Some(other) => {
                self.error(
                    &child("#/info", key),
                    format!("`info.{key}` is a string, not {}", kind_of(other)),
                );
                None
            }
        };
        let title = text("title", true);
        let version = text("version", true);
        let description = text("description", false);
        Some((title??, version??, description?))
    }

    fn action(&mut self, index: usize, action: &Value, v: Version) -> Option<Action> {
        let at = format!("#/actions/{index}");
        let Value::Object(map) = action else {
            self.error(
                &at,
                format!(
                    "an action is an object with `target` and one of `update`, `copy` or `remove`, not {}",
                    kind_of(action)
                ),
            );
            return None;
        };
        self.fields(
            map,
            &at,
            &["target", "description", "update", "remove"],
            &["copy"],
            v,
        );
        if let Some(d) = map.get("description")
            && !d.is_string()
        {
            self.error(
                &child(&at, "description"),
                format!("`description` is a string, not {}", kind_of(d)),
            );
        }
        let target = match map.get("target") {
            Some(Value::String(t)) => self.path(&child(&at, "target"), t),
            Some(other) => {
                self.error(
                    &child(&at, "target"),
                    format!("`target` is a JSONPath (a string), not {}", kind_of(other)),
                );
                None
            }
            None => {
                self.error(&at, "the action has no `target` (a JSONPath)");
                None
            }
        };
        let remove = match map.get("remove") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.error(
                    &child(&at, "remove"),
                    format!("`remove` is `true` or `false`, not {}", kind_of(other)),
                );
                return None;
            }
        };
        let copy = match map.get("copy") {
            None => None,
            Some(Value::String(c)) => match self.path(&child(&at, "copy"), c) {
                Some(path) => Some((path, c.clone())),
                None => return None,
            },
            Some(other) => {
                self.error(
                    &child(&at, "copy"),
                    format!("`copy` is a JSONPath (a string), not {}", kind_of(other)),
                );
                return None;
            }
        };
        let update = map.get("update");
        let kind = match (remove, update, copy) {
            (Some(true), update, copy) => {
                if update.is_some() {
                    self.warn(
                        &child(&at, "update"),
                        "`update` is ignored: the action has `remove: true`",
                    );
                }
                if copy.is_some() {
                    self.warn(
                        &child(&at, "copy"),
                        "`copy` is ignored: the action has `remove: true`",
                    );
                }
                Kind::Remove
            }
            (_, Some(_), Some(_)) => {
                self.error(
                    &at,
                    "the action has both `update` and `copy`; give one (an update with the value, or a copy from the document)",
                );
                return None;
            }
            (_, Some(update), None) => Kind::Update(update.clone()),
            (_, None, Some((path, text))) => Kind::Copy(path, text),
            (Some(false), None, None) => {
                self.warn(
                    &at,
                    "this action does nothing: `remove: false` with neither `update` nor `copy`",
                );
                Kind::Nothing
            }
            (None, None, None) => {
                self.error(
                    &at,
                    if v == Version::V1_0 {
                        "the action has neither `update` nor `remove: true`"
                    } else {
                        "the action has none of `update`, `copy` or `remove: true`"
                    },
                );
                return None;
            }
        };
        let (target, target_text) = target.zip(map.get("target").and_then(Value::as_str))?;
        Some(Action {
            index,
            target,
            target_text: target_text.to_string(),
            kind,
        })
    }

    /// A JSONPath, parsed as RFC 9535 says.
    fn path(&mut self, at: &str, text: &str) -> Option<JsonPath> {
        match JsonPath::parse(text) {
            Ok(path) => Some(path),
            Err(e) => {
                let hint = if !text.starts_with('$') {
                    " (a JSONPath starts with `$`, the document's root)"
                } else if text.contains(".x-") || text.contains("@.x-") {
                    " (RFC 9535 names with `-` need brackets: `$.paths['/a'].get['x-name']`)"
                } else {
                    ""
                };
                self.error(
                    at,
                    format!(
                        "not an RFC 9535 JSONPath: {} at character {} of `{text}`{hint}",
                        e.message(),
                        e.position() + 1
                    ),
                );
                None
            }
        }
    }
}

fn version(text: &str) -> Option<Version> {
    let mut parts = text.split('.');
    let (major, minor, patch) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || major != "1" || !digits(patch) {
        return None;
    }
    match minor {
        "0" => Some(Version::V1_0),
        "1" => Some(Version::V1_1),
        _ => None,
    }
}

/// "an object", "a number" ...: what a value is, for messages.
pub(super) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null (an empty value)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
