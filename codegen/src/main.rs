//! `codegen`: regenerate the committed bindings, check them, or generate a
//! crate from any spec.
//!
//! Exit codes: 0 success; 1 a bad spec (or stale files with `--check`);
//! 2 a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codegen::Config;
use codegen::diagnostics::{Diagnostic, GenerateError, Verbosity, render};

/// How much of the diagnostics to print (`--quiet`, `--verbose`).
static VERBOSITY: std::sync::OnceLock<Verbosity> = std::sync::OnceLock::new();

fn verbosity() -> Verbosity {
    VERBOSITY.get().copied().unwrap_or_default()
}
use codegen::write::{self, FileSet};

#[derive(Parser)]
#[command(
    name = "codegen",
    version,
    about = "Typed async Rust clients from OpenAPI 3.0.x, 3.1.x and 3.2.x documents (YAML or JSON)",
    long_about = "Typed async Rust clients from OpenAPI 3.0.x, 3.1.x and 3.2.x documents (YAML or JSON; \
Swagger 2.0 is refused). `codegen generate SPEC --out DIR` writes a crate that builds wherever it is \
moved (SPEC may be the URL a server serves the document at); without a command, the bindings of this repository (`generated/` from `specs/`) are regenerated."
)]
struct Cli {
    /// Write nothing; exit 1 naming each file that is out of date.
    #[arg(long, global = true)]
    check: bool,
    /// Redact this property (wire name) in Debug output, besides `x-sensitive: true` ones.
    #[arg(long = "sensitive-field", value_name = "NAME", global = true)]
    sensitive_fields: Vec<String>,
    /// Generate despite schema keywords with values OpenAPI does not allow
    /// (an unknown `type`): each is a warning, and the value is kept as JSON.
    #[arg(long, global = true)]
    lenient: bool,
    /// Follow `$ref`s to other origins than the document's (and, in a
    /// document read from a file, to any http(s) URL); refused by default.
    #[arg(long, global = true)]
    allow_remote_refs: bool,
    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every warning at every place, and the notes: what the
    /// generator decided (paginators, media types it does not send).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a standalone crate from one spec.
    Generate {
        /// The OpenAPI 3.0.x, 3.1.x or 3.2.x document (YAML or JSON): a file,
        /// or the http(s) URL a server serves it at
        /// (`http://127.0.0.1:8000/openapi.json`; 60 s and 64 MiB at most).
        spec: PathBuf,
        /// The crate's directory; replaced atomically.
        #[arg(long)]
        out: PathBuf,
        /// An OpenAPI Overlay (1.0 or 1.1, YAML or JSON) to apply to the
        /// document before it is read; repeat it to apply several, in order.
        /// The document's file is left as it is.
        #[arg(long = "overlay", value_name = "FILE")]
        overlays: Vec<PathBuf>,
        /// The package name (default: from the spec's file name).
        #[arg(long)]
        crate_name: Option<String>,
        /// Depend on codegen-runtime instead of carrying a copy of it: a
        /// version (`0.1`), a TOML value (`{ git = "https://..." }`) or a
        /// whole line (`codegen-runtime = "0.1"`).
        #[arg(long, value_name = "SPEC", conflicts_with = "runtime_path")]
        runtime_dep: Option<String>,
        /// Depend on codegen-runtime at this path (as the crate's Cargo.toml
        /// should write it) instead of carrying a copy of it.
        #[arg(long, value_name = "PATH")]
        runtime_path: Option<String>,
        /// One cargo feature per tag (`tag-pulls`), all on by default, so a
        /// user can compile only the tags they call.
        #[arg(long)]
        tag_features: bool,
        /// Also write `tests/contract.rs`: one test per operation that calls
        /// the server at `CONTRACT_BASE_URL` (e.g. a Prism mock of the spec)
        /// with the spec's examples and checks the typed answer.
        #[arg(long)]
        contract_tests: bool,
        /// Every type implements `Serialize`, also those only answers carry
        /// (to store or forward an answer as JSON); by default only the
        /// types requests carry do, which compiles faster.
        #[arg(long)]
        serialize_all: bool,
        /// Also write `examples/decode_check.rs`, which decodes JSON values
        /// into the type of the schema their JSON pointer names and encodes
        /// them back (for testing the generator; `scripts/decode_check.py`).
        #[arg(long)]
        decode_check: bool,
    },
    /// What a change of spec does to the generated Rust API: each change to
    /// a type, field, enum value, operation, parameter or answer, breaking
    /// or additive, with the place in the document that caused it, and the
    /// semver bump the crate needs. With one document, it is compared with
    /// its version committed in git (`HEAD`).
    Diff {
        /// The old document (a file or an http(s) URL); with NEW left out,
        /// the new one, compared with its committed version.
        old: PathBuf,
        /// The new document.
        new: Option<PathBuf>,
        /// An OpenAPI Overlay to apply to both documents before comparing;
        /// repeat it to apply several, in order.
        #[arg(long = "overlay", value_name = "FILE")]
        overlays: Vec<PathBuf>,
        /// `text` for a person, `json` for tools.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// The crate's current version: the report names the next one.
        #[arg(long = "crate-version", value_name = "VERSION")]
        version: Option<String>,
        /// Exit 1 when a change is breaking (for CI).
        #[arg(long)]
        fail_on_breaking: bool,
    },
    /// Write a document with overlays applied, for tools that read the
    /// document themselves (a mock server, a validator): the same document
    /// `generate --overlay` reads, with nothing else changed.
    Overlay {
        /// The OpenAPI document (YAML or JSON): a file or an http(s) URL.
        spec: PathBuf,
        /// An OpenAPI Overlay (1.0 or 1.1) to apply; repeat it to apply
        /// several, in order.
        #[arg(long = "overlay", value_name = "FILE", required = true)]
        overlays: Vec<PathBuf>,
        /// The file to write: YAML when its name ends in `.yaml` or `.yml`,
        /// JSON otherwise (default: standard output, in the document's own
        /// format). References relative to the document are resolved from
        /// where the result is, so write it beside the document when it
        /// has any.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// mimalloc for the CLI (the `mimalloc` feature, on by default): 35-45% less
/// time on large documents for 15-20% more peak memory (BENCHMARKS.md). The
/// library never sets an allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Transparent huge pages off for this process (see `libc` in
/// codegen/Cargo.toml): mimalloc returns memory it no longer uses to the
/// system and takes it back, and with THP every page taken back is a
/// 2 MiB page the kernel zeroes again.
#[cfg(all(feature = "mimalloc", target_os = "linux"))]
fn without_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process; it
    // reads no memory of ours. An error (an old kernel) changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(all(feature = "mimalloc", target_os = "linux")))]
fn without_huge_pages() {}

fn main() -> ExitCode {
    without_huge_pages();
    let cli = Cli::parse();
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    VERBOSITY.set(verbosity).ok();
    let mut config = Config::new()
        .lenient(cli.lenient)
        .allow_remote_refs(cli.allow_remote_refs);
    for f in &cli.sensitive_fields {
        config = config.sensitive_field(f);
    }
    let result = match cli.command {
        None => match workspace_root() {
            Some(root) => regenerate_bindings(&root, config, cli.check),
            None => {
                eprintln!(
                    "error: without a command, codegen regenerates the bindings of its own repository (specs/, generated/, runtime/), and none is here; to generate a crate: codegen generate SPEC --out DIR"
                );
                Err(2)
            }
        },
        Some(Command::Generate {
            spec,
            out,
            overlays,
            crate_name,
            runtime_dep,
            runtime_path,
            tag_features,
            contract_tests,
            serialize_all,
            decode_check,
        }) => {
            let mut config = config.spec(spec);
            for overlay in overlays {
                config = config.overlay(overlay);
            }
            let mut config = config
                .tag_features(tag_features)
                .contract_tests(contract_tests)
                .serialize_all(serialize_all)
                .decode_check(decode_check);
            if let Some(name) = crate_name {
                config = config.crate_name(name);
            }
            if let Some(spec) = runtime_dep {
                config = config.runtime_dep(spec);
            }
            if let Some(path) = runtime_path {
                config = config.runtime_path(path);
            }
            config
                .standalone_crate(&out)
                .map(|(files, warnings)| (out, files, warnings))
                .map_err(report)
                .and_then(|(out, files, warnings)| finish(&out, &files, &warnings, cli.check))
        }
        Some(Command::Overlay {
            spec,
            overlays,
            out,
        }) => write_overlaid(&spec, &overlays, out.as_deref(), cli.check),
        Some(Command::Diff {
            old,
            new,
            overlays,
            format,
            version,
            fail_on_breaking,
        }) => {
            let mut config = config;
            for overlay in overlays {
                config = config.overlay(overlay);
            }
            let args = DiffArgs {
                format,
                version: version.as_deref(),
                fail_on_breaking,
            };
            api_diff(&old, new.as_deref(), &config, &args)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

/// The repository whose bindings a bare `codegen` regenerates: the one
/// `cargo run` names (its `CARGO_MANIFEST_DIR`, read when it runs), or the
/// first directory up from here with `specs/`, `generated/` and `runtime/`.
fn workspace_root() -> Option<PathBuf> {
    let is_root = |d: &Path| {
        ["specs", "generated", "runtime"]
            .iter()
            .all(|s| d.join(s).is_dir())
    };
    if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
        let dir = PathBuf::from(dir);
        if let Some(root) = dir.ancestors().find(|d| is_root(d)) {
            return Some(root.to_path_buf());
        }
    }
    let here = std::env::current_dir().ok()?;
    here.ancestors().find(|d| is_root(d)).map(Path::to_path_buf)
}

fn regenerate_bindings(root: &Path, options: Config, check: bool) -> Result<(), u8> {
    // Relative paths keep the generated headers the same on every machine.
    std::env::set_current_dir(root).map_err(|e| {
        eprintln!("error: cannot enter {}: {e}", root.display());
        1
    })?;
    let mut config = codegen::bindings_config(Path::new("specs")).map_err(|e| {
        eprintln!("error: specs/: {e}");
        1
    })?;
    config = config.with_options_of(&options);
    let out = PathBuf::from("generated");
    let (files, warnings) = config.multi_api_crate(&out).map_err(report)?;
    finish(&out, &files, &warnings, check)?;
    if !check && verbosity() != Verbosity::Quiet {
        report_changes(&config, crate_version(&out).as_deref());
    }
    Ok(())
}

struct DiffArgs<'a> {
    format: Format,
    version: Option<&'a str>,
    fail_on_breaking: bool,
}

/// `codegen diff`: the report of the changes from `old` to `new` (or from
/// the committed version of `old` to `old`).
fn api_diff(old: &Path, new: Option<&Path>, config: &Config, args: &DiffArgs) -> Result<(), u8> {
    use codegen::diff::{Impact, Version};
    let (before, after) = match new {
        Some(new) => (Version::Path(old.to_path_buf()), new),
        None => (
            Version::committed(old).map_err(|e| {
                eprintln!("error: {e}");
                1
            })?,
            old,
        ),
    };
    let report = codegen::diff::compare_specs(&before, &Version::Path(after.to_path_buf()), config)
        .map_err(report)?;
    let name = after.display().to_string().replace('\\', "/");
    match args.format {
        Format::Text => print!("{}", report.render(&name, args.version)),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report.to_json(&name, args.version)).unwrap_or_default()
        ),
    }
    if args.fail_on_breaking && report.count(Impact::Breaking) > 0 {
        return Err(1);
    }
    Ok(())
}

/// After `generated/` is regenerated: what changed in each API since the
/// committed version of its spec, as `codegen diff` reports it, so the
/// author sees the semver consequence beside the diff of the Rust.
fn report_changes(config: &Config, version: Option<&str>) {
    for (spec, report) in codegen::diff::committed_changes(config) {
        let name = spec.display().to_string().replace('\\', "/");
        match report {
            Ok(report) => eprint!("{}", report.render(&name, version)),
            Err(e) => eprintln!(
                "{name}: no change report: the committed version does not generate ({} problems)",
                e.errors().count()
            ),
        }
    }
}

/// The version of the crate in `dir` (its `Cargo.toml`'s `version = ".."`).
fn crate_version(dir: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    manifest.lines().find_map(|l| {
        let value = l.strip_prefix("version")?.trim_start().strip_prefix('=')?;
        Some(value.trim().trim_matches('"').to_string())
    })
}

/// `codegen overlay`: the document with `overlays` applied, written to
/// `out` (or printed); with `check`, compared with `out` instead.
fn write_overlaid(
    spec: &Path,
    overlays: &[PathBuf],
    out: Option<&Path>,
    check: bool,
) -> Result<(), u8> {
    if let Some(out) = out
        && let (Ok(a), Ok(b)) = (std::fs::canonicalize(out), std::fs::canonicalize(spec))
        && a == b
    {
        eprintln!(
            "error: --out {} is the document itself; an overlay leaves the document as it is, so write the result elsewhere",
            out.display()
        );
        return Err(2);
    }
    let overlaid = codegen::load::overlaid(spec, overlays).map_err(report)?;
    eprint!("{}", render(&overlaid.warnings, verbosity()));
    let yaml = match out.and_then(|o| o.extension()).and_then(|e| e.to_str()) {
        Some(ext) => ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"),
        None => out.is_none() && !overlaid.json,
    };
    let text = if yaml {
        serde_yaml::to_string(&overlaid.value).map_err(|e| e.to_string())
    } else {
        serde_json::to_string_pretty(&overlaid.value)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string())
    }
    .map_err(|e| {
        eprintln!("error: cannot write the document: {e}");
        1
    })?;
    let Some(out) = out else {
        if check {
            eprintln!("error: --check compares with a file: give --out");
            return Err(2);
        }
        print!("{text}");
        return Ok(());
    };
    if check {
        if std::fs::read(out).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(());
        }
        eprintln!("stale: {}", out.display());
        return Err(1);
    }
    write::write_file_if_changed(out, &text).map_err(|e| {
        eprintln!("error: writing {}: {e}", out.display());
        1
    })?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

fn finish(out: &Path, files: &FileSet, warnings: &[Diagnostic], check: bool) -> Result<(), u8> {
    eprint!("{}", render(warnings, verbosity()));
    if check {
        let report = write::check(out, files).map_err(|e| {
            eprintln!("error: cannot read {}: {e}", out.display());
            1
        })?;
        if report.is_fresh() {
            return Ok(());
        }
        for f in &report.changed {
            eprintln!("stale: {}", f.display());
        }
        for f in &report.missing {
            eprintln!("missing: {}", f.display());
        }
        for f in &report.extra {
            eprintln!("not generated: {}", f.display());
        }
        eprintln!(
            "{} is out of date: run `cargo run -p codegen`",
            out.display()
        );
        return Err(1);
    }
    write::write_tree(out, files).map_err(|e| {
        eprintln!("error: writing {}: {e}", out.display());
        1
    })?;
    eprintln!("generated {} ({} files)", out.display(), files.len());
    Ok(())
}

fn report(e: GenerateError) -> u8 {
    eprint!("{}", render(&e.diagnostics, verbosity()));
    let errors = e.errors().count();
    eprintln!(
        "error: {errors} problem{}; nothing was written",
        if errors == 1 { "" } else { "s" }
    );
    1
}
