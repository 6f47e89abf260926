//! The library's front door for build scripts and the CLI: which specs,
//! which options, and what to make of them (a crate, or module files).

use std::path::{Path, PathBuf};

use quote::quote;

use crate::diagnostics::{Diagnostic, GenerateError, Severity};
use crate::write::{self, FileSet};
use crate::{GeneratedApi, Options, emit, generate_api, header, module_tokens};

/// The configuration that makes the committed bindings crate
/// (`payment-apis`) from every `*.yaml`/`*.json` spec in `specs_dir`, in
/// file-name order. Spec paths are kept as given (relative), so generated
/// headers are the same on every machine.
pub fn bindings_config(specs_dir: &Path) -> std::io::Result<Config> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(specs_dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    specs.sort();
    let mut config = Config::new().crate_name("payment-apis").example_tests(true);
    for spec in specs {
        config = config.spec(spec);
    }
    Ok(config)
}

/// A generator configuration, for build scripts and the CLI.
#[derive(Debug, Clone)]
pub struct Config {
    specs: Vec<PathBuf>,
    options: Options,
    crate_name: Option<String>,
    runtime_path: Option<String>,
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
            options: Options::default(),
            crate_name: None,
            runtime_path: None,
        }
    }

    /// Adds a spec (YAML or JSON).
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.specs.push(path.into());
        self
    }

    /// Takes the generation options (not the specs) of `other`.
    pub fn with_options_of(mut self, other: &Config) -> Self {
        self.options
            .sensitive_fields
            .extend(other.options.sensitive_fields.iter().cloned());
        self.options.lenient |= other.options.lenient;
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

    /// Emits tests that round-trip every example of the spec through its type.
    pub fn example_tests(mut self, on: bool) -> Self {
        self.options.example_tests = on;
        self
    }

    /// One cargo feature per tag in generated crates (see [`Options::tag_features`]).
    pub fn tag_features(mut self, on: bool) -> Self {
        self.options.tag_features = on;
        self
    }

    /// The package name of a generated crate.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Where a generated crate finds `codegen-runtime` (a path as written
    /// in its `Cargo.toml`); by default the runtime beside this generator.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = Some(path.into());
        self
    }

    fn generate_all(&self) -> Result<Vec<GeneratedApi>, GenerateError> {
        let mut apis = Vec::new();
        let mut diagnostics = Vec::new();
        for spec in &self.specs {
            match generate_api(spec, &self.options) {
                Ok(api) => apis.push(api),
                Err(e) => diagnostics.extend(e.diagnostics),
            }
        }
        if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            return Err(GenerateError { diagnostics });
        }
        Ok(apis)
    }

    /// The files of a crate with one module per spec, each behind a cargo
    /// feature (how `generated/` is made), and the warnings.
    pub fn multi_api_crate(&self, out: &Path) -> Result<(FileSet, Vec<Diagnostic>), GenerateError> {
        let apis = self.generate_all()?;
        let name = self
            .crate_name
            .clone()
            .unwrap_or_else(|| "generated-apis".into());
        let mut files = FileSet::new();
        let mut warnings = Vec::new();
        let mut modules = Vec::new();
        for api in apis {
            let dir = PathBuf::from("src").join(&api.module);
            let root = emit::crate_files::api_root(&api.doc, None);
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
            emit::crate_files::multi_lib(&titles, &modules),
            &header("specs"),
        )
        .map_err(|m| GenerateError::io(out, m))?;
        files.insert("src/lib.rs".into(), lib);
        let features: Vec<String> = modules.iter().map(|(_, f)| f.clone()).collect();
        let runtime = self.runtime_for(out);
        files.insert(
            "Cargo.toml".into(),
            emit::crate_files::cargo_toml(&name, &titles, &runtime, &features, false),
        );
        Ok((files, warnings))
    }

    /// The files of a standalone crate from the (single) spec: `types` and
    /// `Client` at its root.
    pub fn standalone_crate(
        &self,
        out: &Path,
    ) -> Result<(FileSet, Vec<Diagnostic>), GenerateError> {
        let mut apis = self.generate_all()?;
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
        let mut files = FileSet::new();
        let root = emit::crate_files::api_root(&api.doc, None);
        let root = write::format_file(
            quote!(#root pub use codegen_runtime as runtime;),
            &header(&api.source),
        )
        .map_err(|m| GenerateError::io(out, m))?;
        files.insert("src/lib.rs".into(), root);
        files.insert("src/types.rs".into(), api.types);
        files.insert("src/client.rs".into(), api.client);
        let description = format!("Typed client for {}", api.title);
        files.insert(
            "Cargo.toml".into(),
            emit::crate_files::cargo_toml(
                &name,
                &description,
                &self.runtime_for(out),
                &api.features,
                true,
            ),
        );
        Ok((files, api.warnings))
    }

    /// Writes one self-contained module file per spec into `out_dir`
    /// (`omno.rs`), for a build script to `include!`. Files whose content
    /// did not change are not touched.
    pub fn write_modules(&self, out_dir: &Path) -> Result<Vec<PathBuf>, GenerateError> {
        let apis = self.generate_all()?;
        let mut written = Vec::new();
        for api in apis {
            let tokens = emit::crate_files::api_root(
                &api.doc,
                Some((
                    module_tokens(&api.types, out_dir)?,
                    module_tokens(&api.client, out_dir)?,
                )),
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

    /// The runtime's path as seen from `out`: relative when both are local.
    fn runtime_for(&self, out: &Path) -> String {
        if let Some(p) = &self.runtime_path {
            return p.clone();
        }
        let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
        let runtime = runtime.canonicalize().unwrap_or(runtime);
        let out_abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
        relative(&runtime, &out_abs)
            .unwrap_or(runtime)
            .display()
            .to_string()
            .replace('\\', "/")
    }
}

/// `target` relative to `base`, when they share a root.
fn relative(target: &Path, base: &Path) -> Option<PathBuf> {
    let target: Vec<_> = target.components().collect();
    let base: Vec<_> = normalize(base)
        .components()
        .map(|c| c.as_os_str().to_owned())
        .collect();
    let target_os: Vec<_> = target.iter().map(|c| c.as_os_str().to_owned()).collect();
    let common = target_os
        .iter()
        .zip(&base)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for c in &target_os[common..] {
        out.push(c);
    }
    Some(out)
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
