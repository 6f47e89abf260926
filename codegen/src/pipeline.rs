//! The pipeline of one document: load, lower, emit and format, with the
//! timings `CODEGEN_TIMINGS` prints. What becomes of the result (a crate,
//! modules for a build script) is [`Config`](crate::Config)'s.

use std::path::Path;

use crate::diagnostics::{Diagnostic, GenerateError, Severity};
use crate::shared::Options;
use crate::{emit, ident, load, lower, model, write};

/// One API, generated and formatted.
#[derive(Debug, Clone)]
pub struct GeneratedApi {
    /// The module name (from the spec's file name: `omno`).
    pub module: String,
    pub title: String,
    /// Lines of the module's doc comment: the guide of `emit::guide`, its
    /// quick start naming the crate `my_api`.
    pub doc: Vec<String>,
    /// The same guide as a README (Markdown, headings from `#`).
    pub readme: String,
    /// The formatted bodies of the `types` and `client` modules.
    pub types: String,
    pub client: String,
    /// Each feature's own modules (`split_tags`): `types/<stem>.rs` and
    /// `client/<stem>.rs`, as (file stem, text).
    pub type_parts: Vec<(String, String)>,
    pub client_parts: Vec<(String, String)>,
    /// The per-tag cargo features (empty unless `tag_features`), each with
    /// the features it turns on (a parent tag's, its children's).
    pub features: Vec<(String, Vec<String>)>,
    /// Warnings: constructs generated with a documented fallback.
    pub warnings: Vec<Diagnostic>,
    /// The contract tests (`tests/contract.rs`) when asked for, naming the
    /// crate as `my_api` (replaced by the crate's name when written).
    pub contract_tests: Option<String>,
    /// The decode-check program (`examples/decode_check.rs`) when asked
    /// for, naming the crate as `my_api`.
    pub decode_check: Option<String>,
    /// The spec as named in headers, with the overlays applied to it.
    pub source: String,
}

/// Loads, lowers and emits one spec: a file, or an `http(s)` URL the
/// document is served at.
pub(crate) fn generate_api(spec: &Path, options: &Options) -> Result<GeneratedApi, GenerateError> {
    generate_lowered(lower_spec(spec, options)?, options)
}

/// The formatted modules of an API: the shared `types` and `client`, and
/// each feature's own (file stem, text).
struct Formatted {
    types: String,
    client: String,
    type_parts: Vec<(String, String)>,
    client_parts: Vec<(String, String)>,
}

/// Emits and formats the types and client modules of `api`, in pieces, on
/// every available core (at most four: pieces are small, threads are not).
fn format_api(api: &model::Api, options: &Options, header: &str) -> Result<Formatted, String> {
    let threads = crate::shared::threads();
    let types = emit::types_modules(api, options);
    let client = emit::client_modules(api, options);
    let type_count = types.len();
    let (stems, modules): (Vec<Option<String>>, Vec<_>) = types
        .into_iter()
        .chain(client)
        .map(|(stem, pieces)| (stem, (header.to_string(), pieces)))
        .unzip();
    let texts = write::format_modules(modules, threads)?;
    let mut formatted = Formatted {
        types: String::new(),
        client: String::new(),
        type_parts: Vec::new(),
        client_parts: Vec::new(),
    };
    for (i, (stem, text)) in stems.into_iter().zip(texts).enumerate() {
        match (i < type_count, stem) {
            (true, None) => formatted.types = text,
            (false, None) => formatted.client = text,
            (true, Some(stem)) => formatted.type_parts.push((stem, text)),
            (false, Some(stem)) => formatted.client_parts.push((stem, text)),
        }
    }
    Ok(formatted)
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

/// Generates from spec text (with `options.overlays`); `name` stands for
/// the file in diagnostics and headers (for fuzzing, tests and tools that
/// hold the text).
pub(crate) fn generate_api_from_text(
    name: &Path,
    text: String,
    options: &Options,
) -> Result<GeneratedApi, GenerateError> {
    generate_lowered(lower_spec_text(name, text, options)?, options)
}

/// A document loaded and lowered: the model every emitter reads, the
/// document it came from (to place what is said about it) and the warnings.
#[derive(Debug)]
pub(crate) struct Lowered {
    pub api: model::Api,
    pub doc: load::Document,
    pub warnings: Vec<Diagnostic>,
}

/// Loads (with `options.overlays`) and lowers one spec, a file or an
/// `http(s)` URL, without emitting anything: what `codegen diff` compares.
pub(crate) fn lower_spec(spec: &Path, options: &Options) -> Result<Lowered, GenerateError> {
    let started = std::time::Instant::now();
    let doc = load::load_with_overlays(spec, options.allow_remote_refs, &options.overlays)?;
    timing("load", started);
    lower_document(doc, options)
}

/// [`lower_spec`] of spec text; `name` stands for the file in diagnostics
/// (`HEAD:specs/omno.yaml`, the committed version of a spec).
pub(crate) fn lower_spec_text(
    name: &Path,
    text: String,
    options: &Options,
) -> Result<Lowered, GenerateError> {
    lower_document(
        load::load_str_with_overlays(name, text, &options.overlays)?,
        options,
    )
}

fn lower_document(doc: load::Document, options: &Options) -> Result<Lowered, GenerateError> {
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
    Ok(Lowered {
        api: lowered.api,
        doc,
        warnings,
    })
}

/// Emits and formats a lowered API.
fn generate_lowered(lowered: Lowered, options: &Options) -> Result<GeneratedApi, GenerateError> {
    let Lowered { api, doc, warnings } = lowered;
    let spec = doc.path.clone();
    let spec = spec.as_path();
    let mut source = spec.display().to_string().replace('\\', "/");
    // The headers name the overlays that made the document what it is.
    let overlays: Vec<String> = doc
        .overlays
        .paths()
        .map(|p| p.display().to_string().replace('\\', "/"))
        .collect();
    if !overlays.is_empty() {
        let noun = if overlays.len() == 1 {
            "overlay"
        } else {
            "overlays"
        };
        source = format!("{source} with the {noun} {}", overlays.join(", "));
    }
    // The document is not read again: its trees (as large as the model and
    // the output together, for Microsoft Graph's 47 MB description) are
    // freed on another thread while this one emits.
    std::thread::spawn(move || drop(doc));
    let header = header(&source);
    let started = std::time::Instant::now();
    // The module's docs and the README (what the API is, how to reach it
    // and a first call, naming the crate `my_api`) are written beside the
    // modules, not after them.
    let (formatted, guide) = std::thread::scope(|scope| {
        let guide = scope.spawn(|| {
            let doc: Vec<String> = emit::guide::lines(&api, emit::guide::Target::Docs, 1)
                .into_iter()
                .map(|l| if l.is_empty() { l } else { format!(" {l}") })
                .collect();
            let readme = emit::guide::lines(&api, emit::guide::Target::Readme, 1).join("\n") + "\n";
            (doc, readme)
        });
        (format_api(&api, options, &header), guide.join())
    });
    let formatted = formatted.map_err(|m| GenerateError::io(spec, m))?;
    let (doc_lines, readme) =
        guide.map_err(|_| GenerateError::io(spec, "internal error: writing the guide failed"))?;
    let contract_tests = if options.contract_tests {
        Some(
            write::format_file(emit::contract_tests(&api), &header)
                .map_err(|m| GenerateError::io(spec, m))?,
        )
    } else {
        None
    };
    let decode_check = if options.decode_check {
        Some(
            write::format_file(emit::decode_check(&api), &header)
                .map_err(|m| GenerateError::io(spec, m))?,
        )
    } else {
        None
    };
    timing("emit and format", started);
    let url_stem = spec.to_str().filter(|s| load::fetch::is_url(s)).map(|s| {
        load::fetch::Url::parse(s)
            .ok()
            .and_then(|u| u.stem().map(str::to_string))
    });
    let stem = match &url_stem {
        Some(stem) => stem.as_deref().unwrap_or("api"),
        None => spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api"),
    };
    Ok(GeneratedApi {
        module: ident::snake(stem).to_string(),
        title: api.title.clone(),
        doc: doc_lines,
        readme,
        types: formatted.types,
        client: formatted.client,
        type_parts: formatted.type_parts,
        client_parts: formatted.client_parts,
        features: api.features.clone(),
        warnings,
        source,
        contract_tests,
        decode_check,
    })
}

/// A formatted module back as tokens, to nest it in a single-file module.
pub(crate) fn module_tokens(
    text: &str,
    out_dir: &Path,
) -> Result<proc_macro2::TokenStream, GenerateError> {
    text.parse().map_err(|e| {
        GenerateError::io(
            out_dir,
            format!("internal error: generated code does not parse: {e}"),
        )
    })
}

pub(crate) fn header(source: &str) -> String {
    format!(
        "// {} from {source}. Do not edit: change the spec and regenerate.",
        write::MARKER
    )
}

#[cfg(test)]
mod tests;
