//! Runtime support shared by every client that `codegen` generates.
//!
//! Everything here is independent of any one API: the generated code supplies
//! what depends on the spec (types, paths, status codes, security schemes) and
//! calls into this crate for transport, retries, authentication, idempotency,
//! validation, redaction, reading streamed answers (the `stream` module), and
//! URL templates an API fills in before it calls them (`url_template`). It is
//! written, compiled and tested once.
//!
//! As the `codegen-runtime` crate, everything is behind its default feature
//! `client`; with only the feature `source` (what `codegen` depends on) it
//! holds nothing but the `source` module: these files, which a crate made
//! by `codegen generate` carries as its `runtime` module.

#[cfg(feature = "source")]
pub mod source;

#[cfg(feature = "client")]
pub mod any_of;
#[cfg(feature = "client")]
pub mod auth;
#[cfg(feature = "client")]
mod call;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
pub mod contract;
#[cfg(feature = "client")]
pub mod datetime;
#[cfg(feature = "client")]
pub mod de;
#[cfg(feature = "client")]
pub mod decimal;
#[cfg(feature = "client")]
mod enums;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
pub mod headers;
#[cfg(feature = "client")]
pub mod nullable;
#[cfg(feature = "client")]
pub mod paginate;
#[cfg(feature = "client")]
pub mod redact;
#[cfg(feature = "client")]
mod request;
#[cfg(feature = "client")]
mod response;
#[cfg(feature = "client")]
pub mod retry;
#[cfg(feature = "client")]
pub mod ser;
#[cfg(feature = "client")]
mod shapes;
#[cfg(feature = "client")]
pub mod stream;
#[cfg(feature = "client")]
mod trace;
#[cfg(feature = "client")]
mod transport;
#[cfg(feature = "client")]
pub mod url_template;
#[cfg(feature = "client")]
pub mod validate;
#[cfg(feature = "client")]
pub mod wire;

#[cfg(feature = "client")]
pub use auth::{BasicCredentials, BoxFuture, CredentialProvider, Secret};
#[cfg(feature = "client")]
pub use call::{Answer, ApiCall, Call, CallOptions, Decode};
#[cfg(feature = "client")]
pub use client::{Api, ApiInfo, ClientBuilder, ClientCore, SchemeKind, SecurityScheme, ServerInfo};
#[cfg(feature = "client")]
pub use datetime::LenientDateTime;
#[cfg(feature = "client")]
pub use error::{ApiError, BuildError, Error, NoDocumentedErrors, NotAllowed, api_message};
#[cfg(feature = "client")]
pub use headers::{ErrorHeaders, HeaderReader, TypedHeaders};
#[cfg(feature = "client")]
pub use nullable::Nullable;
#[cfg(feature = "client")]
pub use request::{RequestParts, encode_path_segment};
#[cfg(feature = "client")]
pub use response::{RawResponse, ReadError, Response};
#[cfg(feature = "client")]
pub use retry::RetryPolicy;
#[cfg(feature = "client")]
pub use url_template::UrlTemplate;
#[cfg(feature = "client")]
pub use validate::{Validate, ValidationError};
#[cfg(feature = "client")]
pub use wire::{FilePart, Param, PropertyEncoding, QueryString, Style, Wire, WireError, to_wire};

/// What an operation's call gives: its typed answer, or its error `E` (the
/// operation's error enum). Each generated API re-exports it as
/// `Result`, so signatures read `omno::Result<Payout, Http400To500Error>`.
#[cfg(feature = "client")]
pub type Result<T, E, H = ()> = std::result::Result<Response<T, H>, Error<E>>;

#[cfg(feature = "client")]
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
