//! Generates typed async Rust clients from OpenAPI 3.0, 3.1 and 3.2 documents.
//!
//! [`Config`] is the one way in, for the CLI, build scripts and tests: it
//! names the specs and the choices, and generates, writes or checks.
//!
//! The stages are visible in the modules, data flowing one way: [`load`]
//! reads and parses a spec (and applies overlays), `lower` resolves
//! references and decides everything (names, types, boxing, which cargo
//! feature builds what) into a `model`, where a type is referred to by a
//! `TypeId` (its place in the model's list of types, resolved once in
//! lower) and every Rust name is a `RustIdent` (which knows whether it is
//! written `r#`), `emit` turns the model into token trees, reading it
//! only, and [`write`](mod@write) formats them with prettyplease (printing
//! what emit made, never editing the printed text) and writes them
//! atomically. `pipeline`
//! runs them in that order for one document;
//! [`diff`] compares two models (`codegen diff`); `vendor` relocates the
//! runtime's own source (from `codegen-runtime`) into crates that carry
//! it. No file imports another in a cycle, and none is over 600 lines
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
mod emit;
mod ident;
pub mod load;
mod lower;
mod model;
mod pipeline;
mod shared;
mod vendor;
pub mod write;

pub use config::{Config, Runtime, bindings_config};
pub use pipeline::{GeneratedApi, memory_kib};
