//! The runtime's own source, for `codegen` to copy into the crates it
//! generates (as `progenitor_client::code()` does): one source, compiled
//! and tested here, carried as the `runtime` module of a crate that must
//! build wherever it is moved.
//!
//! `FILES` holds every file of `src/` but this one and the test modules
//! (`src/**/tests.rs`, `src/**/tests/`); a test checks that none is
//! missing. `codegen` relocates them (paths from `crate::` into
//! `crate::runtime::`, test items and this crate's feature gates left out)
//! with a parser when it writes a crate.

/// The runtime's version (the crate's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The module a crate leaves out of its copy: this one.
pub const MODULE: &str = "source";

/// The feature the whole runtime is behind in this crate, which a copy
/// does not have: its gates are left out.
pub const FEATURE: &str = "client";

/// `(path under src/, text)` of every source file a copy carries.
pub const FILES: &[(&str, &str)] = &[
    ("any_of.rs", include_str!("any_of.rs")),
    ("auth.rs", include_str!("auth.rs")),
    ("call.rs", include_str!("call.rs")),
    ("client/mod.rs", include_str!("client/mod.rs")),
    ("client/send.rs", include_str!("client/send.rs")),
    ("contract.rs", include_str!("contract.rs")),
    ("datetime.rs", include_str!("datetime.rs")),
    ("de.rs", include_str!("de.rs")),
    ("decimal.rs", include_str!("decimal.rs")),
    ("enums.rs", include_str!("enums.rs")),
    ("error.rs", include_str!("error.rs")),
    ("headers.rs", include_str!("headers.rs")),
    ("lib.rs", include_str!("lib.rs")),
    ("nullable.rs", include_str!("nullable.rs")),
    ("paginate.rs", include_str!("paginate.rs")),
    ("redact.rs", include_str!("redact.rs")),
    ("request.rs", include_str!("request.rs")),
    ("response.rs", include_str!("response.rs")),
    ("retry.rs", include_str!("retry.rs")),
    ("ser.rs", include_str!("ser.rs")),
    ("shapes.rs", include_str!("shapes.rs")),
    ("stream/download.rs", include_str!("stream/download.rs")),
    ("stream/items.rs", include_str!("stream/items.rs")),
    ("stream/mod.rs", include_str!("stream/mod.rs")),
    ("stream/open.rs", include_str!("stream/open.rs")),
    ("stream/records.rs", include_str!("stream/records.rs")),
    ("stream/sse.rs", include_str!("stream/sse.rs")),
    ("stream/write.rs", include_str!("stream/write.rs")),
    ("trace.rs", include_str!("trace.rs")),
    ("transport.rs", include_str!("transport.rs")),
    ("url_template/mod.rs", include_str!("url_template/mod.rs")),
    (
        "url_template/parse.rs",
        include_str!("url_template/parse.rs"),
    ),
    ("validate.rs", include_str!("validate.rs")),
    ("wire/body.rs", include_str!("wire/body.rs")),
    ("wire/file.rs", include_str!("wire/file.rs")),
    ("wire/mod.rs", include_str!("wire/mod.rs")),
    ("wire/params.rs", include_str!("wire/params.rs")),
    ("wire/parts.rs", include_str!("wire/parts.rs")),
    ("wire/positional.rs", include_str!("wire/positional.rs")),
    ("wire/querystring.rs", include_str!("wire/querystring.rs")),
    ("wire/value.rs", include_str!("wire/value.rs")),
];

/// A dependency of the runtime, as a crate that carries a copy lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dependency {
    pub name: &'static str,
    /// The version requirement, without `^`.
    pub version: &'static str,
    pub default_features: bool,
    pub features: &'static [&'static str],
    /// Behind a feature of the same meaning in the crate (`tracing`,
    /// `middleware`); the others are always there.
    pub optional: bool,
}

const fn dep(
    name: &'static str,
    version: &'static str,
    default_features: bool,
    features: &'static [&'static str],
) -> Dependency {
    Dependency {
        name,
        version,
        default_features,
        features,
        optional: false,
    }
}

/// The runtime's dependencies (`Cargo.toml`, with the workspace's
/// versions and features; a test checks them against `cargo metadata`),
/// by name.
pub const DEPENDENCIES: &[Dependency] = &[
    dep("base64", "0.23", false, &["std"]),
    dep("bytes", "1", true, &[]),
    dep("chrono", "0.4", false, &["std", "clock", "serde"]),
    dep("form_urlencoded", "1.2", true, &[]),
    dep("futures-core", "0.3", true, &[]),
    dep("percent-encoding", "2", true, &[]),
    dep("regex", "1", false, &["std", "unicode"]),
    dep(
        "reqwest",
        "0.13",
        false,
        &["default-tls", "http2", "json", "query", "stream"],
    ),
    Dependency {
        optional: true,
        ..dep("reqwest-middleware", "0.5", true, &[])
    },
    dep("rust_decimal", "1", false, &["std", "serde"]),
    dep("serde", "1", true, &["derive"]),
    dep("serde_json", "1", true, &["raw_value", "float_roundtrip"]),
    dep("thiserror", "2", true, &[]),
    dep("tokio", "1", true, &["time", "io-util"]),
    Dependency {
        optional: true,
        ..dep("tracing", "0.1", false, &["std"])
    },
    dep("uuid", "1", true, &["v4", "serde"]),
];

#[cfg(all(test, feature = "client"))]
mod tests;
