//! Bodies: `application/x-www-form-urlencoded` and `multipart/form-data`,
//! following each property's `encoding`.

use std::borrow::Cow;

use super::params::{Codec, Location, PairStyle, Pairs, pairs, problem};
use super::{PropertyEncoding, Style, Wire, is_json};

fn properties<'w>(body: &'w Wire, what: &str) -> Result<&'w [(String, Wire)], String> {
    match body {
        Wire::Map(props) => Ok(props),
        _ => Err(format!("a {what} body must be an object")),
    }
}

fn find<'e>(encoding: &'e [PropertyEncoding], name: &str) -> Option<&'e PropertyEncoding> {
    encoding.iter().find(|e| e.name == name)
}

/// An `application/x-www-form-urlencoded` body.
///
/// Without an encoding entry a property is written in form style with
/// explode (`k=v`, arrays `k=a&k=b`); nested objects and arrays holding
/// objects or arrays go out in bracket notation (`address[city]=Atlanta`,
/// `items[0][price]=p`). An entry's `style`/`explode` (form, the delimited
/// styles, deepObject) or JSON content type takes over.
pub(crate) fn form(body: &Wire, encoding: &[PropertyEncoding]) -> Result<String, String> {
    let mut out = Pairs::default();
    for (name, value) in properties(body, "form")? {
        let default = PairStyle {
            codec: Codec::Form,
            style: Style::Form,
            explode: true,
            reserved: false,
            brackets: true,
        };
        let how = match find(encoding, name) {
            Some(e) if e.style.is_some() || e.explode.is_some() || e.allow_reserved => {
                let style = e.style.unwrap_or(Style::Form);
                PairStyle {
                    style,
                    explode: e.explode.unwrap_or(style == Style::Form),
                    reserved: e.allow_reserved,
                    ..default
                }
            }
            Some(e) if e.content_type.is_some_and(is_json) => PairStyle {
                style: Style::Json,
                ..default
            },
            _ => default,
        };
        pairs(&mut out, how, name, value)
            .map_err(|why| problem(Location::FormBody, name, how.style, how.explode, why))?;
    }
    Ok(out.0)
}

/// Quotes and line breaks in a part or file name are percent-encoded
/// (HTML's rule).
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A media type usable as a `Content-Type` header: one concrete type,
/// not a list of alternatives or a wildcard.
pub(super) fn concrete(ct: &str) -> Option<&str> {
    let ct = ct.trim();
    (!ct.is_empty() && !ct.contains([',', '*', '\r', '\n'])).then_some(ct)
}

/// A `multipart/form-data` body with `boundary`: one part per property,
/// one per item of an array. Strings, numbers and booleans are sent as
/// text without `Content-Type`, objects and arrays as JSON
/// (`application/json`), files with their file name and type
/// (`application/octet-stream` if they have none). An encoding entry's
/// `content_type` replaces the default (a file's own type comes first).
pub(crate) fn multipart(
    body: &Wire,
    encoding: &[PropertyEncoding],
    boundary: &str,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for (name, value) in properties(body, "multipart")? {
        let given = find(encoding, name).and_then(|e| e.content_type.and_then(concrete));
        let items = match value {
            Wire::Null => continue,
            Wire::Seq(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        for item in items {
            let mut disposition = format!("form-data; name=\"{}\"", quoted(name));
            let (content_type, data): (Option<&str>, Cow<'_, [u8]>) = match item {
                Wire::Null => continue,
                Wire::File(file) => {
                    let file_name = file.file_name().unwrap_or(name);
                    disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
                    let ct = file.content_type().and_then(concrete).or(given);
                    let ct = ct.unwrap_or("application/octet-stream");
                    (Some(ct), Cow::Borrowed(file.data().as_ref()))
                }
                Wire::Seq(_) | Wire::Map(_) => {
                    let json = item.to_json().map_err(|e| {
                        format!("the multipart property {name:?} has no JSON text: {e}")
                    })?;
                    (
                        Some(given.unwrap_or("application/json")),
                        json.into_bytes().into(),
                    )
                }
                scalar => (
                    given,
                    scalar.as_text().unwrap_or_default().as_bytes().into(),
                ),
            };
            out.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n").as_bytes(),
            );
            if let Some(ct) = content_type {
                out.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&data);
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok(out)
}
