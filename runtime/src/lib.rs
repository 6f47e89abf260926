//! Runtime support shared by every client that `codegen` generates.
//!
//! Everything here is independent of any one API: the generated code supplies
//! what depends on the spec (types, paths, status codes, security schemes) and
//! calls into this crate for transport, retries, authentication, idempotency,
//! validation, redaction, reading streamed answers (the `stream` module), and
//! URL templates an API fills in before it calls them (`url_template`). It is
//! written, compiled and tested once.

pub mod auth;
mod call;
mod client;
pub mod contract;
pub mod datetime;
pub mod de;
pub mod decimal;
mod error;
pub mod headers;
pub mod nullable;
pub mod paginate;
pub mod redact;
mod request;
mod response;
pub mod retry;
mod shapes;
pub mod stream;
mod trace;
mod transport;
pub mod url_template;
pub mod validate;
pub mod wire;

pub use auth::{BasicCredentials, CredentialProvider, Secret};
pub use call::{Call, Decode};
pub use client::{Api, ApiInfo, ClientBuilder, ClientCore, SchemeKind, SecurityScheme, ServerInfo};
pub use datetime::LenientDateTime;
pub use error::{ApiError, BuildError, Error, NotAllowed, api_message};
pub use headers::{ErrorHeaders, HeaderReader, TypedHeaders};
pub use nullable::Nullable;
pub use request::{RequestParts, encode_path_segment};
pub use response::{RawResponse, Response};
pub use retry::RetryPolicy;
pub use url_template::UrlTemplate;
pub use validate::{Validate, ValidationError};
pub use wire::{FilePart, Param, PropertyEncoding, QueryString, Style, Wire, WireError, to_wire};

/// Re-exports the generated code relies on, so a generated crate needs no
/// direct dependency on them beyond what its `Cargo.toml` lists.
pub mod reexport {
    pub use bytes;
    pub use futures_core;
    pub use reqwest;
    /// The middleware crate a chain given to `ClientBuilder::middleware`
    /// is built with (feature `middleware`).
    #[cfg(feature = "middleware")]
    pub use reqwest_middleware;
}
