//! What a request puts on the wire: parameters in their OpenAPI `style`,
//! and form, multipart and JSON bodies, byte for byte.
//!
//! Values are first serialized into a [`Wire`] tree ([`to_wire`]), which
//! keeps numbers' exact text (a decimal `10.50` stays `10.50`); the styles
//! and body encodings then write that tree. The [`RequestParts`] methods
//! [`path_param`](crate::RequestParts::path_param),
//! [`query_param`](crate::RequestParts::query_param),
//! [`header_param`](crate::RequestParts::header_param),
//! [`cookie_param`](crate::RequestParts::cookie_param),
//! [`form_body`](crate::RequestParts::form_body),
//! [`multipart_body`](crate::RequestParts::multipart_body) and
//! [`json_body`](crate::RequestParts::json_body) use them; a value a style cannot
//! express makes the request invalid (`Error::InvalidRequest`, naming the
//! parameter) before anything is sent.
//!
//! Percent-encoding:
//! - path: everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`)
//!   is encoded; the style's own `.`, `;`, `=` and `,` are literal.
//! - query: values as in the path (a space is `%20`); names keep `[` and
//!   `]` literal, as do the brackets of `deepObject`; `,` and `|` of the
//!   delimited styles are literal. With `allowReserved`, the reserved
//!   characters `:/?[]@!$()*+,;=` stay literal, but `#`, `&` and `%` are
//!   still encoded (they would end the query, split it or start an
//!   escape), and so is `'`, which URL parsers would encode anyway.
//! - header: nothing is encoded; control characters are refused.
//! - cookie: characters outside RFC 6265's cookie-octets, and `%`, are
//!   encoded; the style's `,` is literal.
//! - form bodies: the `application/x-www-form-urlencoded` byte serializer
//!   (a space is `+`), brackets of the bracket notation literal.
//!
//! [`RequestParts`]: crate::RequestParts

use std::fmt;

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC};

mod body;
mod file;
mod params;
mod parts;
mod positional;
mod querystring;
mod value;

#[cfg(test)]
mod tests;

pub use file::FilePart;
pub(crate) use file::base64;
pub use querystring::QueryString;
pub use value::{MapBuilder, SeqBuilder, Wire, WireError, WireSerializer, to_wire};

/// A parameter's `style`; [`Style::Json`] stands for a parameter described
/// by `content: application/json` instead of a schema.
///
/// Styles other than `deepObject` and JSON take primitives, arrays of
/// primitives and objects of primitives; anything nested deeper is an
/// error. Null items and properties are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Query and cookie: `id=3&id=4` / `id=3,4`; exploded objects become
    /// one parameter per property.
    Form,
    /// Query: `id=3%204`; with explode, as `form` (`id=3&id=4`).
    SpaceDelimited,
    /// Query: `id=3|4`; with explode, as `form` (`id=3&id=4`).
    PipeDelimited,
    /// Query: `id[role]=admin`, nested `id[a][b]=1`, arrays indexed
    /// `id[0]=a`; explode is ignored, a primitive is `id=5`.
    DeepObject,
    /// Path and header: `3,4`; objects `role,admin` or, exploded, `role=admin`.
    Simple,
    /// Path: `.3,4` or, exploded, `.3.4`.
    Label,
    /// Path: `;id=3,4` or, exploded, `;id=3;id=4`.
    Matrix,
    /// The value's compact JSON text, then encoded for its location.
    Json,
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
            Style::Json => "content application/json",
        })
    }
}

/// A parameter as the spec describes it: name, style, explode and
/// allowReserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub style: Style,
    pub explode: bool,
    /// Query parameters only: reserved characters stay literal.
    pub allow_reserved: bool,
}

impl Param {
    pub const fn new(name: &'static str, style: Style, explode: bool) -> Self {
        Param {
            name,
            style,
            explode,
            allow_reserved: false,
        }
    }

    /// Style `simple`: the default of path and header parameters.
    pub const fn simple(name: &'static str, explode: bool) -> Self {
        Param::new(name, Style::Simple, explode)
    }

    /// Style `form`: the default of query and cookie parameters.
    pub const fn form(name: &'static str, explode: bool) -> Self {
        Param::new(name, Style::Form, explode)
    }

    pub const fn allow_reserved(self) -> Self {
        Param {
            allow_reserved: true,
            ..self
        }
    }
}

/// The `encoding` entry of one property of a form or multipart body.
///
/// In a form body, `style`, `explode` or `allow_reserved` (when any is
/// set) decide how the property is written, else a JSON `content_type`
/// (`application/json` or any `+json`) sends its JSON text. In a multipart
/// body only `content_type` counts: it becomes the part's `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropertyEncoding {
    pub name: &'static str,
    pub content_type: Option<&'static str>,
    pub style: Option<Style>,
    pub explode: Option<bool>,
    pub allow_reserved: bool,
}

impl PropertyEncoding {
    pub const fn new(name: &'static str) -> Self {
        PropertyEncoding {
            name,
            content_type: None,
            style: None,
            explode: None,
            allow_reserved: false,
        }
    }

    pub const fn content_type(self, ct: &'static str) -> Self {
        PropertyEncoding {
            content_type: Some(ct),
            ..self
        }
    }

    pub const fn style(self, style: Style, explode: bool) -> Self {
        PropertyEncoding {
            style: Some(style),
            explode: Some(explode),
            ..self
        }
    }

    pub const fn allow_reserved(self) -> Self {
        PropertyEncoding {
            allow_reserved: true,
            ..self
        }
    }
}

/// Whether a media type is JSON: `application/json` or any `+json`.
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// RFC 3986 unreserved characters stay, everything else is encoded.
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query names: brackets (`filter[status]`, `deepObject`) stay literal.
const QUERY_NAME: &AsciiSet = &UNRESERVED.remove(b'[').remove(b']');

/// allowReserved query values: RFC 3986 reserved characters stay, except
/// `#`, `&` (they end or split the query) and `'` (URL parsers encode it).
const QUERY_RESERVED: &AsciiSet = &UNRESERVED
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// allowReserved values in a form body: as [`QUERY_RESERVED`], but `+`
/// (a space in this format) stays encoded and `'` literal; `*` is literal
/// in the form byte serializer already. Spaces are written as `+`.
const FORM_RESERVED: &AsciiSet = &QUERY_RESERVED.add(b'+').remove(b'\'').add(b' ');

/// Cookie values: everything outside RFC 6265 cookie-octets, and `%`.
const COOKIE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Cookie names: also `=`, which would end the name.
const COOKIE_NAME: &AsciiSet = &COOKIE.add(b'=');
