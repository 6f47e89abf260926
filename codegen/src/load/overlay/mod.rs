//! OpenAPI Overlays 1.0 and 1.1: a file of actions (`target` an RFC 9535
//! JSONPath; `update`, `remove` or 1.1's `copy`) applied, in order, to a
//! document as it was written, before anything else reads it. A vendor's
//! defects are fixed without editing (or forking) the vendor's file.
//!
//! What the specification leaves to tools, decided here:
//! - a `target` that selects nothing is a warning at the action's `target`;
//!   so is a `copy` source that selects nothing (the action does nothing);
//! - Overlay 1.0 targets objects and arrays only: a primitive target is
//!   a warning, and is replaced or removed as 1.1 does;
//! - `null` in an `update` (YAML's empty value, as the specification's
//!   Structured Overlay example writes `components:`) stands for the
//!   structure it mirrors: it replaces a primitive, leaves an object or an
//!   array as it is, and is not inserted where the document has nothing;
//!   a `null` in the document is replaced by whatever the update holds;
//! - an action with both `update` and `copy` is an error (1.1 gives each
//!   "no impact" when the other is there, and its schema allows one);
//!   `remove: true` beside either is applied, and the other is warned as
//!   ignored, as the specification says.
//!
//! Where each value of the result came from is recorded ([`Applied`]), so a
//! diagnostic about the resulting document points at the overlay that put
//! the value there, or at the value's place in the original document.

mod apply;
mod provenance;
mod read;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use crate::diagnostics::{GenerateError, Severity};
pub use apply::apply;
pub use provenance::{Applied, Origin};
pub use read::{Overlay, Version};

/// Reads every overlay of `paths`, all problems together.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<Overlay>, GenerateError> {
    let mut overlays = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        match Overlay::read(path) {
            Ok(o) => overlays.push(o),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(GenerateError { diagnostics });
    }
    Ok(overlays)
}
