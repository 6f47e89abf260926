//! Multipart bodies whose parts are given by position (OpenAPI 3.2
//! `prefixEncoding` and `itemEncoding`, `multipart/mixed` and kin): one
//! part per item of an array, in order, without names.

use std::borrow::Cow;

use serde::Serialize;

use super::body::concrete;
use super::{Wire, to_wire};
use crate::request::RequestParts;

/// The parts of `items` with `boundary`: the n-th part's `Content-Type` is
/// `prefix[n]`, else `item`, else its own (a file's type, `application/json`
/// for objects and arrays, `text/plain` for text).
fn parts(
    items: &[Wire],
    prefix: &[Option<&str>],
    item: Option<&str>,
    boundary: &str,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for (i, value) in items.iter().enumerate() {
        let given = prefix.get(i).copied().flatten().or(item).and_then(concrete);
        let (default, data): (&str, Cow<'_, [u8]>) = match value {
            Wire::Null => continue,
            Wire::File(file) => (
                file.content_type()
                    .and_then(concrete)
                    .unwrap_or("application/octet-stream"),
                Cow::Borrowed(file.data().as_ref()),
            ),
            Wire::Seq(_) | Wire::Map(_) => (
                "application/json",
                value
                    .to_json()
                    .map_err(|e| format!("part {i} of the multipart body has no JSON text: {e}"))?
                    .into_bytes()
                    .into(),
            ),
            scalar => (
                "text/plain",
                scalar.as_text().unwrap_or_default().as_bytes().into(),
            ),
        };
        // A JSON part type for a scalar sends its JSON text.
        let content_type = given.unwrap_or(default);
        let data = match (value, super::is_json(content_type)) {
            (Wire::String(_), true) => Cow::Owned(
                value
                    .to_json()
                    .map_err(|e| format!("part {i} of the multipart body has no JSON text: {e}"))?
                    .into_bytes(),
            ),
            _ => data,
        };
        out.extend_from_slice(
            format!("--{boundary}\r\nContent-Type: {content_type}\r\n\r\n").as_bytes(),
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok(out)
}

impl RequestParts {
    /// A multipart body of type `media_type` (`multipart/mixed`) from an
    /// array: one part per item, in order; the n-th part's `Content-Type`
    /// is `prefix[n]` if given, else `item`, else its own (see the module).
    pub fn multipart_parts<T: Serialize + ?Sized>(
        &mut self,
        media_type: &'static str,
        body: &T,
        prefix: &[Option<&'static str>],
        item: Option<&'static str>,
    ) -> &mut Self {
        let items = match to_wire(body) {
            Ok(Wire::Seq(items)) => items,
            Ok(_) => {
                self.fail("a multipart body by position must be an array".into());
                return self;
            }
            Err(e) => {
                self.fail(format!("the multipart body could not be serialized: {e}"));
                return self;
            }
        };
        let boundary = format!("codegen-{}", uuid::Uuid::new_v4().simple());
        match parts(&items, prefix, item, &boundary) {
            Ok(bytes) => {
                let essence = media_type.split(';').next().unwrap_or(media_type).trim();
                let content_type = format!("{essence}; boundary={boundary}");
                self.body = Some((content_type.into(), bytes.into()));
            }
            Err(problem) => self.fail(problem),
        }
        self
    }
}

#[cfg(test)]
mod tests;
