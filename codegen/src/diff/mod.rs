//! What a change of spec does to the generated Rust API (`codegen diff`).
//!
//! Compares two lowered models, not two texts: lower decides every name,
//! type and shape users' code touches, so a change between two models is a
//! change users see. Each is classified as **breaking** (code that compiled
//! may stop compiling, or behave differently: a removed or renamed item, a
//! field that became required, a changed type, a removed enum value, a
//! parameter that moved, a changed error type) or **additive** (a new
//! operation, optional field, enum value of an open enum), with the place
//! in the document that caused it; the report says which semver bump the
//! crate needs. Documentation changes are counted, not listed.

mod client;
mod operations;
mod types;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::Config;
use crate::diagnostics::{Diagnostic, GenerateError, Severity};
use crate::load::Document;
use crate::model::{Api, Docs, MediaKind, TypeId, TypeKind, TypeRef};
use crate::pipeline::{Lowered, lower_spec, lower_spec_text};
use crate::shared::Options;

/// One version of a document to compare.
#[derive(Debug, Clone)]
pub enum Version {
    /// A file, or the `http(s)` URL it is served at.
    Path(PathBuf),
    /// Text read elsewhere (the committed version of a file); `name` names
    /// it in the report (`HEAD:specs/omno.yaml`).
    Text { name: PathBuf, text: String },
}

impl Version {
    /// The version of the file `path` committed in git's `HEAD` (run in
    /// the file's folder), or why there is none.
    pub fn committed(path: &Path) -> Result<Version, String> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .ok_or_else(|| format!("{}: not a file name", path.display()))?;
        let output = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["show", &format!("HEAD:./{file}")])
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !output.status.success() {
            let why = String::from_utf8_lossy(&output.stderr);
            return Err(format!(
                "no committed version of {}: {}",
                path.display(),
                why.trim()
            ));
        }
        let text = String::from_utf8(output.stdout)
            .map_err(|_| format!("the committed {} is not UTF-8", path.display()))?;
        let name = format!("HEAD:{}", path.display()).replace('\\', "/");
        Ok(Version::Text {
            name: PathBuf::from(name),
            text,
        })
    }

    fn lower(&self, options: &Options) -> Result<Lowered, GenerateError> {
        match self {
            Version::Path(path) => lower_spec(path, options),
            Version::Text { name, text } => lower_spec_text(name, text.clone(), options),
        }
    }
}

/// The changes from the document `old` to `new`, both read as `config`
/// reads a document (its options, and the overlays given before any spec),
/// placed in the documents.
pub fn compare_specs(
    old: &Version,
    new: &Version,
    config: &Config,
) -> Result<Report, GenerateError> {
    compare_versions(old, new, &config.options())
}

fn compare_versions(
    old: &Version,
    new: &Version,
    options: &Options,
) -> Result<Report, GenerateError> {
    let old = old.lower(options)?;
    let new = new.lower(options)?;
    Ok(compare_documents(&old.api, &old.doc, &new.api, &new.doc))
}

/// For each spec of `config` that differs from its version committed in
/// git (`HEAD`), the report of what the change does to users (or why none
/// could be made); specs with no committed version are left out. What a
/// bare `codegen` prints when it regenerates a repository's bindings.
pub fn committed_changes(config: &Config) -> Vec<(PathBuf, Result<Report, GenerateError>)> {
    let mut out = Vec::new();
    for (spec, options) in config.spec_options() {
        let Ok(before) = Version::committed(&spec) else {
            continue;
        };
        let unchanged = match (&before, std::fs::read_to_string(&spec)) {
            (Version::Text { text, .. }, Ok(now)) => *text == now,
            _ => false,
        };
        if unchanged {
            continue;
        }
        let report = compare_versions(&before, &Version::Path(spec.clone()), &options);
        out.push((spec, report));
    }
    out
}

/// Whether users' code can keep compiling and behaving as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Code that compiled may stop compiling, or behave differently.
    Breaking,
    /// Something new; what compiled still compiles and does the same.
    Additive,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
        }
    }
}

/// Which document a change is placed in: the new one, or the old one for
/// what is gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Old,
    New,
}

/// One change to the generated API.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub impact: Impact,
    /// The Rust item as users' code names it (`types::Payout::amount`,
    /// `Client::create_payout`).
    pub item: String,
    /// What changed (`became required: Option<f64> → f64`).
    pub what: String,
    pub side: Side,
    /// Where in that document, as a JSON pointer.
    pub pointer: String,
    /// The file, and 1-based line and column, once placed.
    pub file: PathBuf,
    pub position: Option<(usize, usize)>,
}

/// The semver bump a change calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The version after `version` (`MAJOR.MINOR.PATCH`) with this bump, as
    /// Cargo reads semver: below 1.0, the minor number is the one that
    /// breaks (`0.3.1` breaking is `0.4.0`, additive `0.3.2`).
    pub fn next(self, version: &str) -> Option<String> {
        let core = version.split(['-', '+']).next()?;
        let parts: Vec<u64> = core
            .split('.')
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        let [major, minor, patch] = parts[..] else {
            return None;
        };
        let (major, minor, patch) = match self {
            Bump::None => return Some(version.to_string()),
            Bump::Major if major == 0 => (0, minor + 1, 0),
            Bump::Major => (major + 1, 0, 0),
            Bump::Minor if major == 0 => (0, minor, patch + 1),
            Bump::Minor => (major, minor + 1, 0),
            Bump::Patch => (major, minor, patch + 1),
        };
        Some(format!("{major}.{minor}.{patch}"))
    }
}

/// Every change between two versions of an API.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Breaking changes first, then additive ones; each group in the order
    /// of the API (types, then operations).
    pub changes: Vec<Change>,
    /// Changes to documentation only (summaries, descriptions, examples):
    /// a patch release at most.
    pub doc_changes: usize,
}

impl Report {
    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.doc_changes == 0
    }

    /// The bump the crate needs: major for a breaking change, minor for an
    /// additive one, patch for documentation.
    pub fn bump(&self) -> Bump {
        if self.count(Impact::Breaking) > 0 {
            Bump::Major
        } else if !self.changes.is_empty() {
            Bump::Minor
        } else if self.doc_changes > 0 {
            Bump::Patch
        } else {
            Bump::None
        }
    }

    /// The report for a person: a summary line, then one line per change
    /// (`breaking  types::Pet::name  became required ...  pets.yaml:40:9`).
    /// `name` says what API it is; `version`, the crate's current version.
    pub fn render(&self, name: &str, version: Option<&str>) -> String {
        let mut out = format!("{name}: {}\n", self.summary(version));
        for c in &self.changes {
            out.push_str(&format!(
                "  {:<9} {}: {}",
                c.impact.as_str(),
                c.item,
                c.what
            ));
            out.push_str(&format!(" ({})\n", c.location()));
        }
        out
    }

    fn summary(&self, version: Option<&str>) -> String {
        if self.is_empty() {
            return "no change to the generated API".into();
        }
        let mut parts = Vec::new();
        for impact in [Impact::Breaking, Impact::Additive] {
            let n = self.count(impact);
            if n > 0 {
                let s = if n == 1 { "" } else { "s" };
                parts.push(format!("{n} {} change{s}", impact.as_str()));
            }
        }
        if self.doc_changes > 0 {
            let s = if self.doc_changes == 1 { "" } else { "s" };
            parts.push(format!("{} documentation change{s}", self.doc_changes));
        }
        let bump = self.bump();
        let needs = match version.and_then(|v| Some((v, bump.next(v)?))) {
            Some((from, to)) => format!("a {} release ({from} → {to})", bump.as_str()),
            None => format!("a {} release", bump.as_str()),
        };
        format!("{}; needs {needs}", parts.join(", "))
    }

    /// The report for tools (`--format json`).
    pub fn to_json(&self, name: &str, version: Option<&str>) -> Value {
        let bump = self.bump();
        json!({
            "api": name,
            "bump": bump.as_str(),
            "version": version,
            "next_version": version.and_then(|v| bump.next(v)),
            "breaking": self.count(Impact::Breaking),
            "additive": self.count(Impact::Additive),
            "documentation": self.doc_changes,
            "changes": self.changes.iter().map(|c| json!({
                "impact": c.impact.as_str(),
                "item": c.item,
                "change": c.what,
                "document": match c.side { Side::Old => "old", Side::New => "new" },
                "file": c.file.display().to_string().replace('\\', "/"),
                "line": c.position.map(|p| p.0),
                "column": c.position.map(|p| p.1),
                "pointer": c.pointer,
            })).collect::<Vec<_>>(),
        })
    }
}

impl Change {
    /// `file:line:col`, or the file and pointer where the line is unknown.
    pub fn location(&self) -> String {
        let file = self.file.display().to_string().replace('\\', "/");
        match self.position {
            Some((line, col)) => format!("{file}:{line}:{col}"),
            None => format!("{file} {}", self.pointer),
        }
    }
}

/// The changes from `old` to `new`, placed in the documents they were
/// lowered from (`old_doc`, `new_doc`).
pub(crate) fn compare_documents(
    old: &Api,
    old_doc: &Document,
    new: &Api,
    new_doc: &Document,
) -> Report {
    let mut report = compare(old, new);
    // The API trait is named after the file: two files of one API
    // (`pets-v1.yaml`, `pets-v2.yaml`) make one crate, named by its user.
    if old_doc.path.file_stem() != new_doc.path.file_stem() {
        report.changes.retain(|c| c.item != new.api_trait);
    }
    for (side, doc) in [(Side::Old, old_doc), (Side::New, new_doc)] {
        let mut placed: Vec<Diagnostic> = report
            .changes
            .iter()
            .filter(|c| c.side == side)
            .map(|c| doc.diagnostic(Severity::Note, &c.pointer, ""))
            .collect();
        doc.place(&mut placed);
        let mut placed = placed.into_iter();
        for c in report.changes.iter_mut().filter(|c| c.side == side) {
            if let Some(d) = placed.next() {
                c.file = d.file;
                c.position = d.position;
            }
        }
    }
    report
}

/// The changes from `old` to `new`, not yet placed in files.
pub(crate) fn compare(old: &Api, new: &Api) -> Report {
    let mut changes = Changes::new(old, new);
    types::compare(old, new, &mut changes);
    operations::compare(old, new, &mut changes);
    let Changes { mut list, docs, .. } = changes;
    // Stable: within each impact, the order the API has them.
    list.sort_by_key(|c| c.impact);
    Report {
        changes: list,
        doc_changes: docs,
    }
}

/// What the comparisons found so far, and the two APIs compared.
struct Changes<'a> {
    list: Vec<Change>,
    docs: usize,
    old: &'a Api,
    new: &'a Api,
    /// By type id of each side, an id of the type's name shared by both
    /// sides: a type of each API is the same type when its name is.
    joint_old: Vec<TypeId>,
    joint_new: Vec<TypeId>,
}

impl<'a> Changes<'a> {
    fn new(old: &'a Api, new: &'a Api) -> Self {
        let mut names: std::collections::HashMap<&str, TypeId> = Default::default();
        let mut joint = |api: &'a Api| -> Vec<TypeId> {
            api.types
                .iter()
                .map(|t| {
                    let next = TypeId::new(names.len());
                    *names.entry(t.name.as_str()).or_insert(next)
                })
                .collect()
        };
        let (joint_old, joint_new) = (joint(old), joint(new));
        Changes {
            list: Vec::new(),
            docs: 0,
            old,
            new,
            joint_old,
            joint_new,
        }
    }

    /// A type of the old API as users' code writes it.
    fn old_spelling(&self, ty: &TypeRef) -> String {
        spell(self.old, ty)
    }

    /// A type of the new API as users' code writes it.
    fn new_spelling(&self, ty: &TypeRef) -> String {
        spell(self.new, ty)
    }

    /// The joint id of one side's type `id`.
    fn joint_id(&self, side: Side, id: TypeId) -> TypeId {
        match side {
            Side::Old => self.joint_old[id.index()],
            Side::New => self.joint_new[id.index()],
        }
    }

    /// One side's `ty` with its type id made the joint one of its name.
    fn joint(&self, side: Side, ty: &TypeRef) -> TypeRef {
        let mut ty = ty.clone();
        if let Some(id) = ty.named_mut() {
            *id = self.joint_id(side, *id);
        }
        ty
    }

    /// Whether a type reference of the old API and one of the new name the
    /// same type.
    fn same_ref(&self, old: &TypeRef, new: &TypeRef) -> bool {
        self.joint(Side::Old, old) == self.joint(Side::New, new)
    }

    /// Whether a body of the old API and one of the new are the same.
    fn same_body(
        &self,
        old: &Option<(MediaKind, TypeRef)>,
        new: &Option<(MediaKind, TypeRef)>,
    ) -> bool {
        match (old, new) {
            (Some((a, x)), Some((b, y))) => a == b && self.same_ref(x, y),
            (None, None) => true,
            _ => false,
        }
    }

    /// Whether a type of the old API and one of the new are alike,
    /// naming the same types.
    fn same_kind(&self, old: &TypeKind, new: &TypeKind) -> bool {
        let joint = |side: Side, kind: &TypeKind| {
            let mut kind = kind.clone();
            for ty in kind.children_mut() {
                *ty = self.joint(side, ty);
            }
            if let TypeKind::Struct(s) = &mut kind {
                for f in &mut s.fields {
                    f.alias = f.alias.map(|a| self.joint_id(side, a));
                }
            }
            kind
        };
        joint(Side::Old, old) == joint(Side::New, new)
    }

    fn push(&mut self, impact: Impact, item: &str, what: String, side: Side, pointer: &str) {
        self.list.push(Change {
            impact,
            item: item.to_string(),
            what,
            side,
            pointer: pointer.to_string(),
            file: PathBuf::new(),
            position: None,
        });
    }

    fn breaking(&mut self, item: &str, what: String, side: Side, pointer: &str) {
        self.push(Impact::Breaking, item, what, side, pointer);
    }

    fn additive(&mut self, item: &str, what: String, side: Side, pointer: &str) {
        self.push(Impact::Additive, item, what, side, pointer);
    }

    /// An item's documentation: counted; deprecation is additive (a
    /// warning in users' builds, nothing more).
    fn documentation(&mut self, item: &str, o: &Docs, n: &Docs, at: &str) {
        self.docs(
            &(&o.summary, &o.description, &o.notes),
            &(&n.summary, &n.description, &n.notes),
        );
        match (o.deprecated, n.deprecated) {
            (false, true) => self.additive(item, "deprecated".into(), Side::New, at),
            (true, false) => self.docs += 1,
            _ => {}
        }
    }

    /// Counts a documentation change when the two differ.
    fn docs<T: PartialEq>(&mut self, old: &T, new: &T) {
        if old != new {
            self.docs += 1;
        }
    }
}

/// A type as users' code writes it (`Vec<Pet>`, `Option<String>`).
fn spell(api: &Api, ty: &TypeRef) -> String {
    tidy(crate::emit::rust_type(api, ty, crate::emit::Scope::Types).to_string())
}

/// Token text as a person writes it: `Vec < Pet >` is `Vec<Pet>`.
fn tidy(tokens: String) -> String {
    tokens
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace(" : ", ": ")
        .replace("& ", "&")
        .replace("std::collections::", "")
        .replace("codegen_runtime::", "")
        .replace("chrono::", "")
        .replace("rust_decimal::", "")
        .replace("serde_json::", "")
        .replace("uuid::", "")
}

/// `a`, `a and b`, `a, b and c`, each in backticks.
fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests;
