//! Generates typed async Rust clients from OpenAPI 3.0, 3.1 and 3.2 documents.
//!
//! The stages are visible in the modules: [`load`] reads and parses a spec,
//! [`lower`] resolves references and decides every name into a [`model`],
//! [`emit`] turns the model into token trees, and [`write`](mod@write) formats and
//! writes them atomically; [`diff`] compares two models (`codegen diff`). `pipeline` runs them in that order (the
//! functions re-exported here); [`Config`] is how the CLI and build scripts
//! drive it; [`vendor`] relocates the runtime's own source (from
//! `codegen-runtime`) into crates that carry it. Data flows one way: no file
//! imports another in a cycle, and none is over 600 lines
//! (`codegen/tests/architecture.rs` checks both).
//!
//! From a build script:
//!
//! ```no_run
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! codegen::Config::new().spec("specs/omno.yaml").write_modules(&out).unwrap();
//! // then in src: mod omno { include!(concat!(env!("OUT_DIR"), "/omno.rs")); }
//! ```

mod config;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod ident;
pub mod load;
pub mod lower;
pub mod model;
mod pipeline;
pub mod shared;
pub mod vendor;
pub mod write;

pub use config::{Config, Runtime, bindings_config};
pub use pipeline::{
    GeneratedApi, Lowered, generate_api, generate_api_from_text, lower_spec, lower_spec_text,
    memory_kib,
};
pub use shared::Options;
