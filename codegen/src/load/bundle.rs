//! References to other documents (`common.yaml#/components/schemas/Money`),
//! resolved from the document's own location (its folder, or its URL) and
//! copied into the document's own components, so the rest of the generator
//! sees one self-contained document.
//!
//! The network is reached only where the user pointed: a document read
//! from a URL may refer to others on its origin; a reference to another
//! origin, or an `http(s)` reference inside a document read from a file,
//! is refused unless remote references are allowed (see `load::fetch`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::fetch::{Fetcher, Url};
use crate::diagnostics::{Segment, pointer_of};

/// Problems found while bundling: (pointer in the main document, message).
pub type Notes = Vec<(String, String)>;

/// Where a document is: a file or a URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    File(PathBuf),
    Url(Url),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Url(url) => write!(f, "{url}"),
        }
    }
}

impl Location {
    /// Where `target` (a reference without its fragment) points from here.
    fn join(&self, target: &str) -> Result<Location, String> {
        if super::fetch::is_url(target) {
            return Url::parse(target).map(Location::Url);
        }
        match self {
            Location::Url(url) => url.join(target).map(Location::Url),
            Location::File(path) if target.is_empty() => Ok(Location::File(path.clone())),
            Location::File(path) => {
                let dir = path.parent().unwrap_or(Path::new("."));
                Ok(Location::File(normalize(&dir.join(target))))
            }
        }
    }

    /// The file name or last URL segment, to name what is imported.
    fn stem(&self) -> Option<String> {
        match self {
            Location::File(path) => path.file_stem()?.to_str().map(str::to_string),
            Location::Url(url) => url.stem().map(str::to_string),
        }
    }
}

/// What references may reach.
pub struct Reach<'a> {
    /// The main document's location.
    pub base: &'a Location,
    /// References to other origins (and from files to URLs) are followed.
    pub allow_remote: bool,
    /// Fetches URLs (made when the first one is needed).
    pub fetcher: Option<&'a Fetcher>,
}

impl Reach<'_> {
    /// Refuses what the user did not point at.
    fn check(&self, reference: &str, target: &Location) -> Result<(), String> {
        let Location::Url(url) = target else {
            if matches!(self.base, Location::Url(_)) {
                return Err(format!(
                    "$ref '{reference}': a document read from a URL may not refer to local files"
                ));
            }
            return Ok(());
        };
        if self.allow_remote {
            return Ok(());
        }
        match self.base {
            Location::Url(base) if base.origin() == url.origin() => Ok(()),
            Location::Url(base) => Err(format!(
                "$ref '{reference}' is refused: {url} is on another origin than the document ({}); the network is reached only where you pointed. Download it and refer to it by a relative path, or allow remote references (--allow-remote-refs, Config::allow_remote_refs(true))",
                base.origin()
            )),
            Location::File(_) => Err(format!(
                "$ref '{reference}' is refused: the document was read from a file and this reference is on the network ({url}); generation reaches the network only where you point it. Download it and refer to it by a relative path, or allow remote references (--allow-remote-refs, Config::allow_remote_refs(true))"
            )),
        }
    }
}

struct Bundler<'a> {
    reach: &'a Reach<'a>,
    own_fetcher: Option<Fetcher>,
    documents: HashMap<Location, Result<(Location, Value), String>>,
    /// (document, fragment) → the local reference it became.
    imported: HashMap<(Location, String), String>,
    /// Components to add, by kind and name.
    added: Vec<(String, String, Value)>,
    taken: HashMap<String, Vec<String>>,
}

/// Copies every schema, parameter, response... that `doc` references in
/// another file into `doc`'s components and points the references at them.
/// Also says whether `doc` has references into other files at all (and so
/// may have changed).
pub fn bundle(doc: &mut Value, reach: &Reach) -> (Notes, bool) {
    let mut notes = Notes::new();
    let mut external = Vec::new();
    collect(doc, is_external, &mut external);
    if external.is_empty() {
        return (notes, false);
    }
    let mut taken: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(components) = doc.get("components").and_then(Value::as_object) {
        for (kind, items) in components {
            if let Some(items) = items.as_object() {
                taken.insert(kind.clone(), items.keys().cloned().collect());
            }
        }
    }
    let mut b = Bundler {
        reach,
        own_fetcher: None,
        documents: HashMap::new(),
        imported: HashMap::new(),
        added: Vec::new(),
        taken,
    };
    for (pointer, reference) in external {
        match b.import(reach.base, &reference, 0) {
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

fn is_external(reference: &str) -> bool {
    !reference.starts_with('#')
}

/// Every reference that `keep` accepts, outside example payloads, with the
/// pointer of the object holding it (from `#`).
fn collect(value: &Value, keep: fn(&str) -> bool, out: &mut Vec<(String, String)>) {
    collect_within(value, &mut Vec::new(), keep, out);
}

/// [`collect`] below `value`, which is at `path`: the path is kept as the
/// keys it passes through, and a pointer is written only for what is
/// found, so walking a large document allocates nothing for the rest.
fn collect_within<'v>(
    value: &'v Value,
    path: &mut Vec<Segment<'v>>,
    keep: fn(&str) -> bool,
    out: &mut Vec<(String, String)>,
) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(s)) if keep(s) => {
                        out.push((pointer_of(path), s.clone()))
                    }
                    ("$ref", Value::String(_)) | ("example" | "examples", _) => {}
                    _ => {
                        path.push(Segment::Key(k));
                        collect_within(v, path, keep, out);
                        path.pop();
                    }
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                collect_within(v, path, keep, out);
                path.pop();
            }
        }
        _ => {}
    }
}

impl Bundler<'_> {
    /// Imports the target of `reference` (written in the document at
    /// `from`) and returns the local reference that now stands for it.
    fn import(&mut self, from: &Location, reference: &str, depth: usize) -> Result<String, String> {
        if depth > 64 {
            return Err(format!(
                "$ref '{reference}': references nest more than 64 files deep"
            ));
        }
        let (target, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let location = from
            .join(target)
            .map_err(|e| format!("$ref '{reference}': {e}"))?;
        self.reach.check(reference, &location)?;
        let key = (location.clone(), fragment.to_string());
        if let Some(local) = self.imported.get(&key) {
            return Ok(local.clone());
        }
        let (read_from, document) = self.read(&location).map_err(|e| {
            format!("$ref '{reference}': cannot read {location} (resolved from {from}): {e}")
        })?;
        let target = if fragment.is_empty() {
            Some(&document)
        } else {
            document.pointer(&super::locate::percent_decode(fragment))
        };
        let mut target = target
            .cloned()
            .ok_or_else(|| format!("$ref '{reference}': {location} has nothing at #{fragment}"))?;
        let (kind, wanted) = component_of(fragment, &location);
        let name = self.claim(&kind, &wanted);
        let local = format!(
            "#/components/{kind}/{}",
            name.replace('~', "~0").replace('/', "~1")
        );
        self.imported.insert(key, local.clone());
        // References inside the imported value are relative to its own
        // document (where it was read from, after redirects).
        let mut inner = Vec::new();
        collect(&target, |_| true, &mut inner);
        for (pointer, r) in inner {
            let resolved = self.import(&read_from, &r, depth + 1)?;
            if let Some(slot) = target.pointer_mut(&format!("{}/$ref", &pointer[1..])) {
                *slot = Value::String(resolved);
            }
        }
        self.added.push((kind, name, target));
        Ok(local)
    }

    /// The document at `location`, parsed, and where it was read from.
    fn read(&mut self, location: &Location) -> Result<(Location, Value), String> {
        if let Some(known) = self.documents.get(location) {
            return known.clone();
        }
        let read = match location {
            Location::File(path) => read(path).map(|v| (location.clone(), v)),
            Location::Url(url) => {
                let fetcher = match self.reach.fetcher {
                    Some(f) => f,
                    None => self.own_fetcher.get_or_insert_with(Fetcher::default),
                };
                fetcher.get_value(url).map(|(at, v)| (Location::Url(at), v))
            }
        };
        self.documents.insert(location.clone(), read.clone());
        read
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
fn component_of(fragment: &str, location: &Location) -> (String, String) {
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
        .or_else(|| location.stem())
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
mod tests;
