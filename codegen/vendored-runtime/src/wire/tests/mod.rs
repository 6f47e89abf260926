//! Exact-bytes tests of the wire encoder.

use rust_decimal::Decimal;
use serde::Serialize;

mod bodies;
mod errors;
mod params;
mod value;

/// The object of the OpenAPI style tables.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct User {
    pub(super) role: &'static str,
    pub(super) first_name: &'static str,
}

pub(super) fn admin() -> User {
    User {
        role: "admin",
        first_name: "Alex",
    }
}

/// A decimal as generated code writes it.
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct Amount(#[serde(with = "crate::runtime::decimal")] pub(super) Decimal);
