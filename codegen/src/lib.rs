//! Generates typed async Rust clients from OpenAPI 3.0, 3.1 and 3.2 documents.
//!
//! The stages are visible in the modules: [`load`] reads and parses a spec,
//! [`lower`] resolves references and decides every name into a [`model`],
//! [`emit`] turns the model into token trees, and [`write`](mod@write) formats and
//! writes them atomically.
//!
//! From a build script:
//!
//! ```no_run
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! codegen::Config::new().spec("specs/omno.yaml").write_modules(&out).unwrap();
//! // then in src: mod omno { include!(concat!(env!("OUT_DIR"), "/omno.rs")); }
//! ```

pub mod diagnostics;
pub mod emit;
pub mod ident;
pub mod load;
pub mod lower;
pub mod model;
pub mod write;

use std::path::{Path, PathBuf};

use diagnostics::{Diagnostic, GenerateError, Severity};
use quote::quote;
use write::FileSet;

/// Choices that change what is generated.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Property names (wire names, any case) redacted in `Debug` in addition
    /// to those marked `x-sensitive: true` in the spec.
    pub sensitive_fields: Vec<String>,
    /// Emit a test per spec example: it must decode into its type and
    /// encode back to the same JSON.
    pub example_tests: bool,
    /// One cargo feature per tag (`tag-pulls`), all on by default: each
    /// operation, and each type, is compiled only with a feature that needs it.
    pub tag_features: bool,
    /// Write `tests/contract.rs` into a standalone crate: one test per
    /// operation against the server at `CONTRACT_BASE_URL`.
    pub contract_tests: bool,
}

/// One API, generated and formatted.
#[derive(Debug, Clone)]
pub struct GeneratedApi {
    /// The module name (from the spec's file name: `omno`).
    pub module: String,
    pub title: String,
    /// Lines of the module's doc comment.
    pub doc: Vec<String>,
    /// The formatted bodies of the `types` and `client` modules.
    pub types: String,
    pub client: String,
    /// The per-tag cargo features (empty unless `tag_features`), each with
    /// the features it turns on (a parent tag's, its children's).
    pub features: Vec<(String, Vec<String>)>,
    /// Warnings: constructs generated with a documented fallback.
    pub warnings: Vec<Diagnostic>,
    /// The contract tests (`tests/contract.rs`) when asked for, naming the
    /// crate as `my_api` (replaced by the crate's name when written).
    pub contract_tests: Option<String>,
    /// The spec as named in headers.
    pub source: String,
}

/// Loads, lowers and emits one spec.
pub fn generate_api(spec: &Path, options: &Options) -> Result<GeneratedApi, GenerateError> {
    let started = std::time::Instant::now();
    let doc = load::load_file(spec)?;
    timing("load", started);
    generate_document(doc, options)
}

/// Emits and formats the types and client modules of `api`, in pieces, on
/// every available core (at most four: pieces are small, threads are not).
fn format_api(
    api: &model::Api,
    options: &Options,
    header: &str,
) -> Result<(String, String), String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut modules = write::format_modules(
        vec![
            (header.to_string(), emit::types_pieces(api, options)),
            (header.to_string(), emit::client_pieces(api, options)),
        ],
        threads,
    )?;
    let client = modules.pop().unwrap_or_default();
    let types = modules.pop().unwrap_or_default();
    Ok((types, client))
}

/// The process's resident and peak resident memory in KiB (`VmRSS` and
/// `VmHWM`; Linux only), for `CODEGEN_TIMINGS` and the benchmarks.
#[doc(hidden)]
pub fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// With `CODEGEN_TIMINGS` set, prints how long each stage took (stderr).
fn timing(stage: &str, since: std::time::Instant) {
    if std::env::var_os("CODEGEN_TIMINGS").is_some() {
        let rss = memory_kib()
            .map(|(resident, peak)| format!(" (resident {resident} KiB, peak {peak} KiB)"))
            .unwrap_or_default();
        eprintln!(
            "codegen: {stage}: {:.1} ms{rss}",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Generates from spec text; `name` stands for the file in diagnostics
/// and headers (for fuzzing, tests and tools that hold the text).
pub fn generate_api_from_text(
    name: &Path,
    text: String,
    options: &Options,
) -> Result<GeneratedApi, GenerateError> {
    generate_document(load::load_str(name, text)?, options)
}

fn generate_document(
    doc: load::Document,
    options: &Options,
) -> Result<GeneratedApi, GenerateError> {
    let spec = doc.path.clone();
    let spec = spec.as_path();
    let started = std::time::Instant::now();
    let lowered = lower::lower(&doc, options);
    timing("lower", started);
    let (errors, warnings): (Vec<_>, Vec<_>) = lowered
        .diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        return Err(GenerateError {
            diagnostics: errors.into_iter().chain(warnings).collect(),
        });
    }
    let api = lowered.api;
    let source = spec.display().to_string().replace('\\', "/");
    let header = header(&source);
    let started = std::time::Instant::now();
    let (types, client) =
        format_api(&api, options, &header).map_err(|m| GenerateError::io(spec, m))?;
    let contract_tests = if options.contract_tests {
        Some(
            write::format_file(emit::contract_tests(&api), &header)
                .map_err(|m| GenerateError::io(spec, m))?,
        )
    } else {
        None
    };
    timing("emit and format", started);
    let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
    let mut doc_lines = vec![format!(" {} {}", api.title, api.version)];
    if let Some(d) = &api.description {
        doc_lines.push(String::new());
        doc_lines.extend(emit::docs::lines(&model::Docs {
            description: Some(d.clone()),
            ..model::Docs::default()
        }));
    }
    Ok(GeneratedApi {
        module: ident::snake(stem),
        title: api.title.clone(),
        doc: doc_lines,
        types,
        client,
        features: if options.tag_features {
            emit::features::with_children(&api)
        } else {
            Vec::new()
        },
        warnings,
        source,
        contract_tests,
    })
}

/// A formatted module back as tokens, to nest it in a single-file module.
fn module_tokens(text: &str, out_dir: &Path) -> Result<proc_macro2::TokenStream, GenerateError> {
    text.parse().map_err(|e| {
        GenerateError::io(
            out_dir,
            format!("internal error: generated code does not parse: {e}"),
        )
    })
}

fn header(source: &str) -> String {
    format!(
        "// {} from {source}. Do not edit: change the spec and regenerate.",
        write::MARKER
    )
}

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
        self
    }

    /// Redacts properties with this wire name in `Debug` output.
    pub fn sensitive_field(mut self, name: impl Into<String>) -> Self {
        self.options.sensitive_fields.push(name.into());
        self
    }

    /// Emits tests that round-trip every example of the spec through its type.
    /// Write contract tests into a standalone crate (see [`Options::contract_tests`]).
    pub fn contract_tests(mut self, on: bool) -> Self {
        self.options.contract_tests = on;
        self
    }

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
        let features: Vec<(String, Vec<String>)> = modules
            .iter()
            .map(|(_, f)| (f.clone(), Vec::new()))
            .collect();
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
        let contract = api.contract_tests.is_some();
        if let Some(tests) = api.contract_tests {
            let lib = name.replace('-', "_");
            files.insert(
                "tests/contract.rs".into(),
                tests.replace("use my_api::", &format!("use {lib}::")),
            );
        }
        let description = format!("Typed client for {}", api.title);
        let mut manifest = emit::crate_files::cargo_toml(
            &name,
            &description,
            &self.runtime_for(out),
            &api.features,
            true,
        );
        if contract {
            manifest.push_str(emit::crate_files::CONTRACT_DEV_DEPENDENCIES);
        }
        files.insert("Cargo.toml".into(), manifest);
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
