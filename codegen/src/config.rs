//! The library's front door for build scripts and the CLI: which specs,
//! which options, and what to make of them (a crate, or module files).

use std::path::{Path, PathBuf};

use quote::quote;

use crate::diagnostics::{Diagnostic, GenerateError, Severity};
use crate::pipeline::{GeneratedApi, generate_api, generate_api_from_text, header, module_tokens};
use crate::shared::Dependency;
use crate::shared::Options;
use crate::write::{self, FileSet};
use crate::{emit, vendor};

/// The configuration that makes the committed bindings crate
/// (`payment-apis`) from every `*.yaml`/`*.json` spec in `specs_dir`, in
/// file-name order. Spec paths are kept as given (relative), so generated
/// headers are the same on every machine.
///
/// A spec's overlay is `overlays/<stem>.yaml` (or `.yml`, `.json`) in
/// `specs_dir`, named after the spec it fixes (`specs/overlays/omno.yaml`
/// for `specs/omno.yaml`); it holds as many actions as the fixes need. An
/// overlay there that names no spec is an error, so a misspelt name never
/// leaves a fix silently unapplied.
pub fn bindings_config(specs_dir: &Path) -> std::io::Result<Config> {
    let documents = |dir: &Path| -> std::io::Result<Vec<PathBuf>> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("yaml" | "yml" | "json")
                    )
            })
            .collect();
        found.sort();
        Ok(found)
    };
    let specs = documents(specs_dir)?;
    let overlays_dir = specs_dir.join("overlays");
    let overlays = if overlays_dir.is_dir() {
        documents(&overlays_dir)?
    } else {
        Vec::new()
    };
    if let Some(orphan) = overlays
        .iter()
        .find(|o| !specs.iter().any(|s| s.file_stem() == o.file_stem()))
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{} fixes no spec: an overlay in {} is named after the spec it applies to ({})",
                orphan.display(),
                overlays_dir.display(),
                specs
                    .iter()
                    .filter_map(|s| s.file_name()?.to_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    // The committed crate uses the workspace's runtime crate beside it, and
    // its answers can be stored or forwarded as JSON.
    let mut config = Config::new()
        .crate_name("payment-apis")
        .example_tests(true)
        .serialize_all(true)
        .runtime_path("../runtime");
    for spec in specs {
        let fixes: Vec<&PathBuf> = overlays
            .iter()
            .filter(|o| o.file_stem() == spec.file_stem())
            .collect();
        config = config.spec(&spec);
        for overlay in fixes {
            config = config.overlay(overlay);
        }
    }
    Ok(config)
}

/// Where a generated crate gets the runtime its code calls.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Runtime {
    /// A copy inside the crate (`src/runtime/`, generated from the one
    /// runtime source): the crate builds wherever it is moved and can be
    /// packaged and published as it is.
    #[default]
    Vendored,
    /// A dependency on `codegen-runtime`, as given: a version (`0.1`), a
    /// TOML value (`{ git = "https://..." }`) or the whole line
    /// (`codegen-runtime = { path = "../runtime" }`).
    Dependency(String),
}

impl Runtime {
    /// The `Cargo.toml` line of a `Dependency`.
    fn line(spec: &str) -> Result<String, String> {
        let spec = spec.trim();
        let versionish = !spec.is_empty()
            && spec
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .*^~=<>,-+".contains(c));
        if spec.starts_with("codegen-runtime") || spec.starts_with("codegen_runtime") {
            if spec.contains('=') && !spec.contains('\n') {
                return Ok(spec.to_string());
            }
        } else if (spec.starts_with('{') && spec.ends_with('}') && !spec.contains('\n'))
            || (spec.starts_with('"') && spec.ends_with('"') && spec.len() > 1)
        {
            return Ok(format!("codegen-runtime = {spec}"));
        } else if versionish {
            return Ok(format!("codegen-runtime = \"{spec}\""));
        }
        Err(format!(
            "--runtime-dep {spec:?}: expected a version (0.1), a TOML value ({{ git = \"...\" }}) or a line `codegen-runtime = ...`"
        ))
    }
}

/// A generator configuration, for build scripts and the CLI.
#[derive(Debug, Clone)]
pub struct Config {
    specs: Vec<PathBuf>,
    /// Per spec (same index), the overlays applied to it, in order.
    spec_overlays: Vec<Vec<PathBuf>>,
    /// Overlays added before any spec: applied to every spec, first.
    every_spec_overlays: Vec<PathBuf>,
    options: Options,
    crate_name: Option<String>,
    runtime: Runtime,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    pub fn new() -> Self {
        Config {
            specs: Vec::new(),
            spec_overlays: Vec::new(),
            every_spec_overlays: Vec::new(),
            options: Options::default(),
            crate_name: None,
            runtime: Runtime::Vendored,
        }
    }

    /// Adds a spec (YAML or JSON): a file, or the `http://` or `https://`
    /// URL a server serves it at (`"http://127.0.0.1:8000/openapi.json"`),
    /// fetched with a timeout and a size limit. References relative to a
    /// URL are fetched from its origin; relative server URLs become
    /// constructors for it. The module (and crate) is named after the
    /// file, or the URL's last segment.
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.specs.push(path.into());
        self.spec_overlays.push(Vec::new());
        self
    }

    /// Applies an OpenAPI Overlay (1.0 or 1.1, YAML or JSON) to the spec
    /// added last, after the overlays already given for it: the document
    /// is fixed as read, its file left as it is. Added before any spec, it
    /// applies to every spec. A malformed overlay stops generation with its
    /// file, line and column; a target that selects nothing is a warning.
    pub fn overlay(mut self, path: impl Into<PathBuf>) -> Self {
        match self.spec_overlays.last_mut() {
            Some(last) => last.push(path.into()),
            None => self.every_spec_overlays.push(path.into()),
        }
        self
    }

    /// The overlays of spec `index`, in the order they apply.
    fn overlays_of(&self, index: usize) -> Vec<PathBuf> {
        let own = self.spec_overlays.get(index).into_iter().flatten();
        self.every_spec_overlays
            .iter()
            .chain(own)
            .cloned()
            .collect()
    }

    /// Each spec, with the overlays applied to it in order.
    pub fn specs(&self) -> Vec<(PathBuf, Vec<PathBuf>)> {
        (0..self.specs.len())
            .map(|i| (self.specs[i].clone(), self.overlays_of(i)))
            .collect()
    }

    /// The options a document outside the specs is read with (`codegen
    /// diff`), the overlays given before any spec among them.
    pub(crate) fn options(&self) -> Options {
        Options {
            overlays: self.every_spec_overlays.clone(),
            ..self.options.clone()
        }
    }

    /// Each spec with the options it is read with (its overlays among
    /// them), as `generate` reads it: what `codegen diff` compares.
    pub(crate) fn spec_options(&self) -> Vec<(PathBuf, Options)> {
        (0..self.specs.len())
            .map(|i| {
                let options = Options {
                    overlays: self.overlays_of(i),
                    ..self.options.clone()
                };
                (self.specs[i].clone(), options)
            })
            .collect()
    }

    /// Takes the generation options (not the specs) of `other`.
    pub fn with_options_of(mut self, other: &Config) -> Self {
        self.options
            .sensitive_fields
            .extend(other.options.sensitive_fields.iter().cloned());
        self.options.lenient |= other.options.lenient;
        self.options.allow_remote_refs |= other.options.allow_remote_refs;
        self
    }

    /// Follows references to other origins than the document's (and, in a
    /// document read from a file, to any `http(s)` URL). By default they
    /// are refused with their location, so a document cannot make a build
    /// reach an address of its choosing.
    pub fn allow_remote_refs(mut self, on: bool) -> Self {
        self.options.allow_remote_refs = on;
        self
    }

    /// Schema keywords with values OpenAPI does not allow (`type: strin`)
    /// become warnings with a fallback instead of errors.
    pub fn lenient(mut self, on: bool) -> Self {
        self.options.lenient = on;
        self
    }

    /// Redacts properties with this wire name in `Debug` output.
    pub fn sensitive_field(mut self, name: impl Into<String>) -> Self {
        self.options.sensitive_fields.push(name.into());
        self
    }

    /// Write `tests/contract.rs` into a standalone crate: one test per
    /// operation that calls the server at `CONTRACT_BASE_URL` (a Prism mock
    /// of the spec, say) with the spec's examples and checks the answer.
    pub fn contract_tests(mut self, on: bool) -> Self {
        self.options.contract_tests = on;
        self
    }

    /// Every type implements `Serialize`, also those only answers carry (to
    /// store or forward an answer as JSON). By default only the types
    /// requests carry do: the client never encodes the others.
    pub fn serialize_all(mut self, on: bool) -> Self {
        self.options.serialize_all = on;
        self
    }

    /// Write `examples/decode_check.rs` into a standalone crate: a program
    /// that decodes JSON values into the type of the schema they name (by
    /// JSON pointer) and encodes them back (`scripts/decode_check.py`).
    pub fn decode_check(mut self, on: bool) -> Self {
        self.options.decode_check = on;
        self
    }

    /// Emits tests that round-trip every example of the spec through its type.
    pub fn example_tests(mut self, on: bool) -> Self {
        self.options.example_tests = on;
        self
    }

    /// One cargo feature per tag (`tag-pulls`), all on by default: each
    /// operation, and each type, is compiled only with a feature that
    /// needs it, so a user can compile only the tags they call.
    pub fn tag_features(mut self, on: bool) -> Self {
        self.options.tag_features = on;
        self
    }

    /// The package name of a generated crate.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Where a generated crate gets its runtime (by default a vendored copy).
    pub fn runtime(mut self, runtime: Runtime) -> Self {
        self.runtime = runtime;
        self
    }

    /// Generated crates depend on `codegen-runtime` as `spec` says (see
    /// [`Runtime::Dependency`]) instead of carrying a copy.
    pub fn runtime_dep(self, spec: impl Into<String>) -> Self {
        self.runtime(Runtime::Dependency(spec.into()))
    }

    /// Generated crates depend on `codegen-runtime` at this path (as their
    /// `Cargo.toml` should write it) instead of carrying a copy.
    pub fn runtime_path(self, path: impl AsRef<str>) -> Self {
        let path = serde_json::to_string(path.as_ref()).unwrap_or_default();
        self.runtime_dep(format!("{{ path = {path} }}"))
    }

    /// Generates every spec without writing anything: each API's modules as
    /// [`Config::write_modules`] writes them (naming the `codegen_runtime`
    /// crate), and its warnings. For tools and tests that look at the text.
    pub fn generate(&self) -> Result<Vec<GeneratedApi>, GenerateError> {
        self.generate_all(false, false)
    }

    /// [`Config::generate`] of spec text instead of the specs; `name`
    /// stands for its file in diagnostics and headers (fuzzing, tests,
    /// tools that hold the text). The overlays given before any spec apply.
    pub fn generate_text(
        &self,
        name: impl AsRef<Path>,
        text: String,
    ) -> Result<GeneratedApi, GenerateError> {
        generate_api_from_text(name.as_ref(), text, &self.options())
    }

    /// Generates every spec; `split`: each tag feature's own code in its
    /// own files (a standalone crate).
    fn generate_all(
        &self,
        vendored: bool,
        split: bool,
    ) -> Result<Vec<GeneratedApi>, GenerateError> {
        let mut options = Options {
            vendored_runtime: vendored,
            split_tags: split,
            ..self.options.clone()
        };
        let mut apis = Vec::new();
        let mut diagnostics = Vec::new();
        for (i, spec) in self.specs.iter().enumerate() {
            options.overlays = self.overlays_of(i);
            match generate_api(spec, &options) {
                Ok(api) => apis.push(api),
                Err(e) => diagnostics.extend(e.diagnostics),
            }
        }
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            return Err(GenerateError { diagnostics });
        }
        Ok(apis)
    }

    fn vendored(&self) -> bool {
        self.runtime == Runtime::Vendored
    }

    /// The `[dependencies]` lines of a generated crate: the runtime (or its
    /// own dependencies, when it carries a copy) and what generated code uses.
    fn dependencies(&self, out: &Path) -> Result<Vec<String>, GenerateError> {
        let generated = emit::crate_files::dependencies();
        match &self.runtime {
            Runtime::Vendored => Ok(Dependency::merge(vendor::dependencies(), generated)
                .iter()
                .map(Dependency::line)
                .collect()),
            Runtime::Dependency(spec) => {
                let line = Runtime::line(spec).map_err(|m| GenerateError::io(out, m))?;
                Ok(std::iter::once(line)
                    .chain(generated.iter().map(Dependency::line))
                    .collect())
            }
        }
    }

    /// The vendored runtime's files, when the crate (named `name`) carries
    /// it.
    fn runtime_files(&self, name: &str) -> FileSet {
        if self.vendored() {
            vendor::runtime_files(name)
        } else {
            FileSet::new()
        }
    }

    /// The files of a crate with one module per spec, each behind a cargo
    /// feature (how `generated/` is made), and the warnings.
    pub fn multi_api_crate(&self, out: &Path) -> Result<(FileSet, Vec<Diagnostic>), GenerateError> {
        let vendored = self.vendored();
        let apis = self.generate_all(vendored, false)?;
        let name = self
            .crate_name
            .clone()
            .unwrap_or_else(|| "generated-apis".into());
        let mut files = self.runtime_files(&name);
        let mut warnings = Vec::new();
        let mut modules = Vec::new();
        let lib = name.replace('-', "_");
        let mut readme = String::new();
        for api in apis {
            let dir = PathBuf::from("src").join(&api.module);
            let path = format!("{lib}::{}::", api.module);
            let doc = crate_path(&api.doc, &path);
            // Each API's guide a section of the crate's README.
            readme.push('\n');
            readme.push_str(&demoted(&crate_path_text(&api.readme, &path)));
            let root = emit::crate_files::api_root(&doc, None, vendored);
            let root = write::format_file(root, &header(&api.source))
                .map_err(|m| GenerateError::io(out, m))?;
            files.insert(dir.join("mod.rs"), root);
            files.insert(dir.join("types.rs"), api.types);
            files.insert(dir.join("client.rs"), api.client);
            modules.push((api.module.clone(), api.module.replace('_', "-")));
            warnings.extend(api.warnings);
        }
        let titles = format!(
            "Typed clients for: {}.",
            modules
                .iter()
                .map(|(m, _)| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let lib = write::format_file(
            emit::crate_files::multi_lib(&titles, &modules, vendored),
            &header("specs"),
        )
        .map_err(|m| GenerateError::io(out, m))?;
        files.insert("src/lib.rs".into(), lib);
        files.insert(
            "README.md".into(),
            format!("# {name}\n\n{titles}\n{readme}"),
        );
        let features: Vec<(String, Vec<String>)> = modules
            .iter()
            .map(|(_, f)| (f.clone(), Vec::new()))
            .collect();
        let dependencies = self.dependencies(out)?;
        files.insert(
            "Cargo.toml".into(),
            emit::crate_files::cargo_toml(&name, &titles, &dependencies, &features, false, false),
        );
        Ok((files, warnings))
    }

    /// The files of a standalone crate from the (single) spec: `types` and
    /// `Client` at its root, and the runtime it needs.
    pub fn standalone_crate(
        &self,
        out: &Path,
    ) -> Result<(FileSet, Vec<Diagnostic>), GenerateError> {
        let vendored = self.vendored();
        let mut apis = self.generate_all(vendored, true)?;
        if apis.len() != 1 {
            return Err(GenerateError::io(
                out,
                "a standalone crate is generated from exactly one spec",
            ));
        }
        let api = apis.remove(0);
        let name = self
            .crate_name
            .clone()
            .unwrap_or_else(|| api.module.replace('_', "-"));
        let mut files = self.runtime_files(&name);
        let path = format!("{}::", name.replace('-', "_"));
        let root = emit::crate_files::api_root(&crate_path(&api.doc, &path), None, vendored);
        files.insert("README.md".into(), crate_path_text(&api.readme, &path));
        let runtime = if vendored {
            quote! {
                /// The runtime every generated client shares (a copy of `codegen-runtime`).
                pub mod runtime;
            }
        } else {
            quote!(
                pub use codegen_runtime as runtime;
            )
        };
        let root = write::format_file(quote!(#root #runtime), &header(&api.source))
            .map_err(|m| GenerateError::io(out, m))?;
        files.insert("src/lib.rs".into(), root);
        files.insert("src/types.rs".into(), api.types);
        files.insert("src/client.rs".into(), api.client);
        for (stem, text) in api.type_parts {
            files.insert(format!("src/types/{stem}.rs").into(), text);
        }
        for (stem, text) in api.client_parts {
            files.insert(format!("src/client/{stem}.rs").into(), text);
        }
        let contract = api.contract_tests.is_some();
        if let Some(tests) = api.contract_tests {
            let lib = name.replace('-', "_");
            let mut tests = tests.replace("use my_api::", &format!("use {lib}::"));
            if vendored {
                tests = tests.replace("codegen_runtime::", &format!("{lib}::runtime::"));
            }
            files.insert("tests/contract.rs".into(), tests);
        }
        if let Some(harness) = api.decode_check {
            let lib = name.replace('-', "_");
            let harness = harness.replace("use my_api::", &format!("use {lib}::"));
            files.insert("examples/decode_check.rs".into(), harness);
        }
        let description = format!("Typed client for {}", api.title);
        let dependencies = self.dependencies(out)?;
        let mut manifest = emit::crate_files::cargo_toml(
            &name,
            &description,
            &dependencies,
            &api.features,
            true,
            true,
        );
        if contract {
            manifest.push_str(emit::crate_files::CONTRACT_DEV_DEPENDENCIES);
        }
        files.insert("Cargo.toml".into(), manifest);
        Ok((files, api.warnings))
    }

    /// Writes one self-contained module file per spec into `out_dir`
    /// (`omno.rs`), for a build script to `include!`; the including crate
    /// depends on `codegen-runtime`. Files whose content did not change are
    /// not touched.
    pub fn write_modules(&self, out_dir: &Path) -> Result<Vec<PathBuf>, GenerateError> {
        let apis = self.generate_all(false, false)?;
        let mut written = Vec::new();
        for api in apis {
            let tokens = emit::crate_files::api_root(
                &api.doc,
                Some((
                    module_tokens(&api.types, out_dir)?,
                    module_tokens(&api.client, out_dir)?,
                )),
                false,
            );
            let text = write::format_file(tokens, &header(&api.source))
                .map_err(|m| GenerateError::io(out_dir, m))?;
            let path = out_dir.join(format!("{}.rs", api.module));
            write::write_file_if_changed(&path, &text)
                .map_err(|e| GenerateError::io(&path, e.to_string()))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// The guide's lines with the crate's path (`omno_api::`) for the
/// `my_api::` its quick start names.
fn crate_path(lines: &[String], path: &str) -> Vec<String> {
    lines.iter().map(|l| crate_path_text(l, path)).collect()
}

/// Markdown with every heading one level down (outside code blocks).
fn demoted(markdown: &str) -> String {
    let mut fenced = false;
    let mut out = String::with_capacity(markdown.len() + 64);
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn crate_path_text(text: &str, path: &str) -> String {
    text.replace("use my_api::", &format!("use {path}"))
        .replace("my_api::Secret", &format!("{path}Secret"))
}

#[cfg(test)]
mod tests;
