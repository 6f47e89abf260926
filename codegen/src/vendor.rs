//! The runtime a generated crate carries inside itself: its `runtime`
//! module, so the crate builds wherever it is moved and can be packaged.
//!
//! There is one runtime source, `runtime/src`: the `codegen-runtime` crate,
//! which with its `source` feature only exposes its own files
//! (`codegen_runtime::source`). codegen's build script relocates them
//! (`vendor/relocate.rs`) with a parser (syn, with proc-macro2's span
//! locations, editing the text at the places the syntax tree names, so
//! comments and layout stay), and codegen carries the result:
//! - paths from `crate::` (and `$crate::` in macros) point into
//!   `crate::runtime::`, except to the macros it exports, which stay at the
//!   crate's root;
//! - test items (`#[cfg(test)]`), the `source` module and the runtime
//!   crate's own feature gate (`#[cfg(feature = "client")]`) are left out;
//! - doc examples that name `codegen_runtime::` name the crate's module
//!   instead, so the crate's own `cargo test` runs them.

use std::path::Path;

use codegen_runtime::source;

use crate::shared::{Dependency, MARKER};
use crate::write::FileSet;

/// What the build script relocated: `LIB`, which stands for the
/// generated crate's library name in the texts, and `FILES`, each file of
/// the copy as (path, text).
mod relocated {
    include!(concat!(env!("OUT_DIR"), "/relocated_runtime.rs"));
}

#[cfg(test)]
mod relocate;

/// The runtime's dependencies, which a crate that carries it must list.
pub fn dependencies() -> Vec<Dependency> {
    source::DEPENDENCIES
        .iter()
        .map(|d| Dependency {
            optional: d.optional,
            ..Dependency::new(d.name, d.version, d.default_features, d.features)
        })
        .collect()
}

/// The runtime's files for `src/runtime/` of the crate named `crate_name`,
/// each with the generated-file header.
pub fn runtime_files(crate_name: &str) -> FileSet {
    let header = format!(
        "// {MARKER}: a copy of codegen-runtime {}. Do not edit: regenerate instead.\n",
        source::VERSION
    );
    let lib = crate_name.replace('-', "_");
    relocated::FILES
        .iter()
        .map(|(path, text)| {
            (
                Path::new("src/runtime").join(path),
                format!("{header}{}", text.replace(relocated::LIB, &lib)),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
