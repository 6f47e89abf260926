//! A whole query string from one value (OpenAPI 3.2 `in: querystring`):
//! written by the same encoders as the rest of this module.

use percent_encoding::{AsciiSet, utf8_percent_encode};
use serde::Serialize;

use super::{PropertyEncoding, UNRESERVED, Wire, body};
use crate::request::RequestParts;

/// How a parameter `in: querystring` writes its value, by the media type
/// of its `content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryString<'e> {
    /// `application/x-www-form-urlencoded`: an object's properties as
    /// `name=value` pairs, exactly as a form body writes them (a space is
    /// `+`, nested values in bracket notation), following the `encoding`
    /// entries of the properties they name.
    Form(&'e [PropertyEncoding]),
    /// A JSON media type: the value's JSON text, percent-encoded.
    Json,
    /// Any other media type (`text/plain`): the value, a string, is the
    /// query string; characters a query cannot hold are percent-encoded
    /// (`%` too, unless it starts a percent-encoded triple).
    Text,
}

/// What a query may hold as it is (RFC 3986 `query`): unreserved
/// characters, sub-delimiters, `:`, `@`, `/` and `?`. `%` is decided
/// apart, since a valid triple stays.
const QUERY_TEXT: &AsciiSet = &UNRESERVED
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?');

/// `text` made fit for a query: percent-encoded triples are kept.
fn query_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.extend(utf8_percent_encode(&rest[..at], QUERY_TEXT));
        let after = &rest.as_bytes()[at + 1..];
        let triple =
            after.len() >= 2 && after[0].is_ascii_hexdigit() && after[1].is_ascii_hexdigit();
        out.push_str(if triple { "%" } else { "%25" });
        rest = &rest[at + 1..];
    }
    out.extend(utf8_percent_encode(rest, QUERY_TEXT));
    out
}

impl RequestParts {
    /// The whole query string from `value` (a parameter `in: querystring`,
    /// named `name` in errors), written as `how` says; `None` leaves it
    /// out. Other query parameters, if any, follow it.
    pub fn query_string<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        how: QueryString<'_>,
        value: &T,
    ) -> &mut Self {
        let wire = match super::to_wire(value) {
            Ok(Wire::Null) => return self,
            Ok(wire) => wire,
            Err(e) => {
                self.fail(format!(
                    "the query string {name:?} could not be serialized: {e}"
                ));
                return self;
            }
        };
        let written = match how {
            QueryString::Form(encoding) => body::form(&wire, encoding)
                .map_err(|why| format!("the query string {name:?}: {why}")),
            QueryString::Json => wire
                .to_json()
                .map(|json| utf8_percent_encode(&json, UNRESERVED).to_string())
                .map_err(|e| format!("the query string {name:?} has no JSON text: {e}")),
            QueryString::Text => match &wire {
                Wire::String(text) => Ok(query_text(text)),
                _ => Err(format!(
                    "the query string {name:?} is not a string, which its media type needs"
                )),
            },
        };
        match written {
            Ok(query) => {
                // Ahead of any other query parameter: it is the query string.
                let rest = std::mem::take(&mut self.query);
                self.push_query(&query);
                self.push_query(&rest);
            }
            Err(problem) => self.fail(problem),
        }
        self
    }
}

#[cfg(test)]
mod tests;
