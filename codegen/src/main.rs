//! `codegen`: regenerate the committed bindings, check them, or generate a
//! crate from any spec.
//!
//! Exit codes: 0 success; 1 a bad spec (or stale files with `--check`);
//! 2 a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use codegen::Config;
use codegen::diagnostics::{Diagnostic, GenerateError};
use codegen::write::{self, FileSet};

#[derive(Parser)]
#[command(
    name = "codegen",
    version,
    about = "Typed async Rust clients from OpenAPI 3.0, 3.1 and 3.2 documents"
)]
struct Cli {
    /// Write nothing; exit 1 naming each file that is out of date.
    #[arg(long, global = true)]
    check: bool,
    /// Redact this property (wire name) in Debug output, besides `x-sensitive: true` ones.
    #[arg(long = "sensitive-field", value_name = "NAME", global = true)]
    sensitive_fields: Vec<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a standalone crate from one spec.
    Generate {
        /// The OpenAPI document (YAML or JSON).
        spec: PathBuf,
        /// The crate's directory; replaced atomically.
        #[arg(long)]
        out: PathBuf,
        /// The package name (default: from the spec's file name).
        #[arg(long)]
        crate_name: Option<String>,
        /// Path to codegen-runtime as the crate's Cargo.toml should name it.
        #[arg(long)]
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut config = Config::new();
    for f in &cli.sensitive_fields {
        config = config.sensitive_field(f);
    }
    let result = match cli.command {
        None => {
            // The workspace this binary belongs to, wherever cargo runs it from.
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
            regenerate_bindings(&root, config, cli.check)
        }
        Some(Command::Generate {
            spec,
            out,
            crate_name,
            runtime_path,
            tag_features,
            contract_tests,
        }) => {
            let mut config = config
                .spec(spec)
                .tag_features(tag_features)
                .contract_tests(contract_tests);
            if let Some(name) = crate_name {
                config = config.crate_name(name);
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
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}

fn regenerate_bindings(root: &Path, options: Config, check: bool) -> Result<(), u8> {
    // Relative paths keep the generated headers the same on every machine.
    std::env::set_current_dir(root).map_err(|e| {
        eprintln!("error: cannot enter {}: {e}", root.display());
        1
    })?;
    let mut config = codegen::bindings_config(Path::new("specs")).map_err(|e| {
        eprintln!("error: cannot read specs/: {e}");
        1
    })?;
    config = config.with_options_of(&options);
    let out = PathBuf::from("generated");
    let (files, warnings) = config.multi_api_crate(&out).map_err(report)?;
    finish(&out, &files, &warnings, check)
}

fn finish(out: &Path, files: &FileSet, warnings: &[Diagnostic], check: bool) -> Result<(), u8> {
    for w in warnings {
        eprintln!("{w}");
    }
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
    for d in &e.diagnostics {
        eprintln!("{d}");
    }
    let errors = e.errors().count();
    eprintln!(
        "error: {errors} problem{} in the spec; nothing was written",
        if errors == 1 { "" } else { "s" }
    );
    1
}
