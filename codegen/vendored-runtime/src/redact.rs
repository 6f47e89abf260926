//! Redaction for `Debug` output of generated types: fields holding personal
//! data or secrets print as `[redacted]`, so logging a request never leaks
//! an email address, a date of birth or a token.

use std::fmt;

/// Prints `[redacted]` in place of a value.
pub struct Redacted;

/// The value generated `Debug` impls print in place of a sensitive field.
pub const REDACTED: Redacted = Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
