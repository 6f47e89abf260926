//! URLs with `{placeholders}` that an API fills in before it calls them.
//!
//! Some APIs take a URL they will call later (a notification, a redirect)
//! and replace placeholders in it with values of their own: Rebilly's
//! `notificationUrl` accepts `{id}` and `{result}`, replaced with a
//! transaction's ID and result. Such a URL has to reach the API with the
//! placeholders written literally, which a URL library does not do (it
//! percent-encodes `{` and `}` in a path), and the request that comes back
//! has to be read back into those values.
//!
//! [`UrlTemplate`] does both halves. It is made from text
//! ([`UrlTemplate::parse`]) or built ([`UrlTemplate::builder`], which
//! percent-encodes the literal parts you give and writes placeholders
//! literally), and its text ([`UrlTemplate::as_str`]) is what to send.
//! [`UrlTemplate::read`] reads the URL a request arrived at back into the
//! placeholders' values, and [`UrlTemplate::read_as`] into any type that
//! deserializes from them (a generated struct whose fields are named after
//! the placeholders).
//!
//! ```
//! use codegen_runtime::UrlTemplate;
//!
//! let notify = UrlTemplate::builder("https://shop.example/rebilly")
//!     .path_segment("notify")
//!     .query("shop", "eu west") // a literal: encoded
//!     .query_placeholder("transaction", "id")
//!     .query_placeholder("result", "result")
//!     .build()
//!     .unwrap();
//! assert_eq!(
//!     notify.as_str(),
//!     "https://shop.example/rebilly/notify?shop=eu%20west&transaction={id}&result={result}"
//! );
//!
//! // The request that arrives, as the server sees its target:
//! let read = notify
//!     .read("/rebilly/notify?shop=eu%20west&transaction=txn_1&result=approved")
//!     .unwrap();
//! assert_eq!(read.get("id"), Some("txn_1"));
//! assert_eq!(read.get("result"), Some("approved"));
//! ```
//!
//! What is read is what anyone who can reach the URL chose to send: treat
//! it as a hint of which resource to read back from the API, never as the
//! API's word. Nor is a template a secret: the API stores it and returns it
//! in its answers, and `Debug` shows it, so a token in it proves nothing.
//!
//! Only simple placeholders (`{name}`, the name made of ASCII letters,
//! digits and `_`) are supported, at most one per path segment or query
//! value (two in one could not be told apart when read back), in the path
//! or in query values, never in the scheme, host or a query key. A value
//! is read percent-decoded (and, in the query, with `+` as a space).

use std::fmt;
use std::str::FromStr;

use percent_encoding::{percent_decode_str, utf8_percent_encode};
use serde::de::DeserializeOwned;

use crate::runtime::wire::UNRESERVED;

/// A URL whose `{placeholders}` an API replaces before calling it; see the
/// [module documentation](self).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UrlTemplate {
    /// The text as sent, placeholders literal.
    text: String,
    /// `scheme://host[:port]`, lowercased, without a default port.
    origin: String,
    /// The path's segments, after the leading `/` (none for an empty path).
    path: Vec<Piece>,
    /// The query's parameters: decoded key and value pattern.
    query: Vec<(String, Piece)>,
}

/// A path segment or query value: literal text, or literal text around one
/// placeholder. Literal parts are decoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Piece {
    prefix: String,
    hole: Option<Hole>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Hole {
    name: String,
    suffix: String,
}

/// Why a template was refused; nothing was made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid URL template: {0}")]
pub struct UrlTemplateError(String);

/// Why a URL could not be read back into a template's placeholders.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The URL is not one the template makes: another host or path, a
    /// query parameter missing or given twice, a placeholder left unfilled.
    #[error("the URL does not match the template: {0}")]
    Mismatch(String),
    /// The placeholders' values do not decode into the type asked for.
    #[error("the placeholders do not decode: {0}")]
    Decode(#[source] serde_json::Error),
}

impl UrlTemplate {
    /// Reads a template: an absolute `http` or `https` URL whose
    /// `{name}` placeholders are written literally. Everything else must
    /// already be a valid URL (percent-encoded where needed): a character
    /// a URL cannot hold is refused, not encoded.
    pub fn parse(text: &str) -> Result<Self, UrlTemplateError> {
        parse(text)
    }

    /// Starts a template from a base URL (which may hold placeholders too);
    /// the builder's literal parts are percent-encoded and its
    /// placeholders written literally. Problems are reported by
    /// [`UrlTemplateBuilder::build`].
    pub fn builder(base: impl Into<String>) -> UrlTemplateBuilder {
        UrlTemplateBuilder {
            base: base.into(),
            segments: Vec::new(),
            query: Vec::new(),
        }
    }

    /// The template as it is sent, placeholders literal.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The placeholders' names, each once, in the order they appear.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for piece in self.pieces() {
            if let Some(hole) = &piece.hole
                && !names.contains(&hole.name.as_str())
            {
                names.push(&hole.name);
            }
        }
        names
    }

    /// Checks the placeholders against what the API offers: every one
    /// used must be `offered` (the API leaves any other as written), and
    /// every one `needed` must be used.
    pub fn check_placeholders(
        &self,
        offered: &[&str],
        needed: &[&str],
    ) -> Result<(), UrlTemplateError> {
        let used = self.placeholders();
        if let Some(unknown) = used.iter().find(|n| !offered.contains(n)) {
            return Err(UrlTemplateError(format!(
                "{{{unknown}}} is not a placeholder the API fills (it offers {offered:?})"
            )));
        }
        if let Some(missing) = needed.iter().find(|n| !used.contains(n)) {
            return Err(UrlTemplateError(format!(
                "the placeholder {{{missing}}} is needed but not used"
            )));
        }
        Ok(())
    }

    /// The URL the API would call: each placeholder replaced by its value,
    /// percent-encoded. Fails when a placeholder has no value. (What the
    /// API does; useful to test a handler.)
    pub fn fill(&self, values: &[(&str, &str)]) -> Result<String, UrlTemplateError> {
        let mut out = String::with_capacity(self.text.len());
        let mut rest = self.text.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open
                + rest[open..]
                    .find('}')
                    .expect("parsed placeholders are closed");
            let name = &rest[open + 1..close];
            let value = values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
                .ok_or_else(|| UrlTemplateError(format!("no value for {{{name}}}")))?;
            out.extend(utf8_percent_encode(value, UNRESERVED));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Reads the URL a request arrived at back into the placeholders'
    /// values. `url` is the request target as received, not decoded: its
    /// path and query (`/notify?id=txn_1`), or the absolute URL, whose
    /// scheme, host and port must then be the template's.
    ///
    /// The path must match segment by segment. Every query parameter of
    /// the template must be there exactly once; others are ignored. A
    /// placeholder must be filled: empty, or still `{name}`, is a mismatch,
    /// and so is one used twice with two values.
    pub fn read(&self, url: &str) -> Result<Placeholders, ReadError> {
        read(self, url).map_err(ReadError::Mismatch)
    }

    /// [`UrlTemplate::read`], then the values deserialized as `T`: a
    /// struct with a field per placeholder (each value a JSON string, so
    /// fields are strings or string enums).
    pub fn read_as<T: DeserializeOwned>(&self, url: &str) -> Result<T, ReadError> {
        self.read(url)?.deserialize()
    }

    fn pieces(&self) -> impl Iterator<Item = &Piece> {
        self.path.iter().chain(self.query.iter().map(|(_, p)| p))
    }
}

impl fmt::Display for UrlTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for UrlTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("UrlTemplate").field(&self.text).finish()
    }
}

impl FromStr for UrlTemplate {
    type Err = UrlTemplateError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse(text)
    }
}

impl AsRef<str> for UrlTemplate {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl From<UrlTemplate> for String {
    fn from(template: UrlTemplate) -> String {
        template.text
    }
}

/// A template is a value for a nullable URL field (`with_notification_url`).
impl From<UrlTemplate> for crate::runtime::Nullable<String> {
    fn from(template: UrlTemplate) -> Self {
        crate::runtime::Nullable::Value(template.text)
    }
}

impl From<&UrlTemplate> for crate::runtime::Nullable<String> {
    fn from(template: &UrlTemplate) -> Self {
        crate::runtime::Nullable::Value(template.text.clone())
    }
}

impl serde::Serialize for UrlTemplate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for UrlTemplate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Builds a [`UrlTemplate`] from a base URL, literal parts (encoded) and
/// placeholders (literal).
#[derive(Debug, Clone)]
pub struct UrlTemplateBuilder {
    base: String,
    segments: Vec<String>,
    query: Vec<(String, String)>,
}

impl UrlTemplateBuilder {
    /// Appends a path segment, percent-encoded (a `/` in it stays inside
    /// the segment).
    pub fn path_segment(mut self, segment: &str) -> Self {
        self.segments.push(encode(segment));
        self
    }

    /// Appends a path segment that is the placeholder `{name}`.
    pub fn path_placeholder(mut self, name: &str) -> Self {
        self.segments.push(format!("{{{name}}}"));
        self
    }

    /// Appends the query parameter `key=value`, both percent-encoded.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((encode(key), encode(value)));
        self
    }

    /// Appends the query parameter `key={name}`, the key percent-encoded.
    pub fn query_placeholder(mut self, key: &str, name: &str) -> Self {
        self.query.push((encode(key), format!("{{{name}}}")));
        self
    }

    /// The template, or what is wrong with it.
    pub fn build(self) -> Result<UrlTemplate, UrlTemplateError> {
        if self.base.contains('#') {
            return Err(UrlTemplateError(
                "a fragment (#...) is never sent to the server".into(),
            ));
        }
        let (head, base_query) = match self.base.split_once('?') {
            Some((head, query)) => (head.to_string(), Some(query)),
            None => (self.base.clone(), None),
        };
        let mut text = head;
        if !self.segments.is_empty() {
            // The base's path, if any, is kept; the segments go after it.
            let has_path = text
                .split_once("://")
                .is_some_and(|(_, rest)| rest.contains('/'));
            if !has_path || !text.ends_with('/') {
                text.push('/');
            }
            text.push_str(&self.segments.join("/"));
        }
        let mut pairs: Vec<String> = base_query
            .into_iter()
            .filter(|q| !q.is_empty())
            .map(str::to_string)
            .collect();
        pairs.extend(self.query.iter().map(|(k, v)| format!("{k}={v}")));
        if !pairs.is_empty() {
            text.push('?');
            text.push_str(&pairs.join("&"));
        }
        parse(&text)
    }
}

/// The values a URL gave a template's placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Placeholders {
    values: Vec<(String, String)>,
}

impl Placeholders {
    /// The value of the placeholder `name`, decoded.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every placeholder and its value, in the template's order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The values as `T`, each a JSON string under its placeholder's name.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, ReadError> {
        let object: serde_json::Map<String, serde_json::Value> = self
            .values
            .iter()
            .map(|(n, v)| (n.clone(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::from_value(serde_json::Value::Object(object)).map_err(ReadError::Decode)
    }
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn err<T>(message: impl Into<String>) -> Result<T, UrlTemplateError> {
    Err(UrlTemplateError(message.into()))
}

fn parse(text: &str) -> Result<UrlTemplate, UrlTemplateError> {
    check_characters(text)?;
    let Some((scheme, rest)) = text.split_once("://") else {
        return err(format!("{text:?} is not an absolute http(s) URL"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return err(format!("the scheme {scheme:?} is not http or https"));
    }
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(authority_end);
    if authority.is_empty() {
        return err("the URL has no host");
    }
    if authority.contains(['{', '}']) {
        return err("a placeholder in the host is not supported");
    }
    if authority.contains('@') {
        return err("user information (user:password@) does not belong in a URL an API stores");
    }
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let path = path
        .strip_prefix('/')
        .map(|p| p.split('/').map(|s| piece(s, false)).collect())
        .transpose()?
        .unwrap_or_default();
    let mut pairs: Vec<(String, Piece)> = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key.contains('{') {
            return err(format!(
                "a placeholder in the query key {key:?} is not supported"
            ));
        }
        let key =
            decode(key, true).ok_or_else(|| UrlTemplateError(format!("{key:?} is not UTF-8")))?;
        if pairs.iter().any(|(k, _)| *k == key) {
            return err(format!(
                "the query parameter {key:?} is given twice, so it could not be read back"
            ));
        }
        pairs.push((key, piece(value, true)?));
    }
    Ok(UrlTemplate {
        text: text.to_string(),
        origin: origin(&scheme, authority),
        path,
        query: pairs,
    })
}

/// Only what a URL may hold, `%` escapes complete, braces only around a
/// placeholder's name.
fn check_characters(text: &str) -> Result<(), UrlTemplateError> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'%' => {
                let ok = bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                if !ok {
                    return err(format!("an incomplete %-escape at byte {i}"));
                }
                i += 3;
                continue;
            }
            b'{' => {
                let close = text[i..].find('}').map(|c| i + c);
                let name = close.map(|c| &text[i + 1..c]);
                match name {
                    Some(name)
                        if !name.is_empty()
                            && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') =>
                    {
                        i = close.expect("found") + 1;
                        continue;
                    }
                    _ => {
                        return err(format!(
                            "a placeholder at byte {i} is not {{name}} (ASCII letters, digits, _)"
                        ));
                    }
                }
            }
            b'}' => return err(format!("a }} at byte {i} closes no placeholder")),
            b'#' => return err("a fragment (#...) is never sent to the server"),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => {}
            b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'?' | b'[' | b']' | b'@' | b'!' | b'$'
            | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            _ => {
                let c = text[i..].chars().next().expect("in bounds");
                return err(format!(
                    "{c:?} at byte {i} cannot be in a URL; percent-encode it (the builder does)"
                ));
            }
        }
        i += 1;
    }
    Ok(())
}

/// A path segment or query value of the template.
fn piece(raw: &str, query: bool) -> Result<Piece, UrlTemplateError> {
    let undecodable = || UrlTemplateError(format!("{raw:?} is not UTF-8 once decoded"));
    let Some(open) = raw.find('{') else {
        return Ok(Piece {
            prefix: decode(raw, query).ok_or_else(undecodable)?,
            hole: None,
        });
    };
    let close = open + raw[open..].find('}').expect("checked");
    let suffix = &raw[close + 1..];
    if suffix.contains('{') {
        return err(format!(
            "{raw:?} holds two placeholders, which could not be told apart when read back; \
             put them in two path segments or two query parameters"
        ));
    }
    Ok(Piece {
        prefix: decode(&raw[..open], query).ok_or_else(undecodable)?,
        hole: Some(Hole {
            name: raw[open + 1..close].to_string(),
            suffix: decode(suffix, query).ok_or_else(undecodable)?,
        }),
    })
}

/// Percent-decoded text (`+` a space in the query), if UTF-8.
fn decode(raw: &str, query: bool) -> Option<String> {
    let spaced;
    let raw = if query && raw.contains('+') {
        spaced = raw.replace('+', " ");
        spaced.as_str()
    } else {
        raw
    };
    percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// `scheme://host[:port]`, lowercased, a default port left out.
fn origin(scheme: &str, authority: &str) -> String {
    let authority = authority.to_ascii_lowercase();
    let default = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default).unwrap_or(&authority);
    format!("{scheme}://{authority}")
}

fn read(template: &UrlTemplate, url: &str) -> Result<Placeholders, String> {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let target = if url.starts_with('/') {
        url
    } else {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("{url:?} is neither a path nor an absolute URL"))?;
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let received = origin(&scheme.to_ascii_lowercase(), &rest[..end]);
        if received != template.origin {
            return Err(format!("{received} is not {}", template.origin));
        }
        &rest[end..]
    };
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, query),
        None => (target, ""),
    };
    let mut found = Placeholders::default();
    let segments: Vec<&str> = match path.strip_prefix('/') {
        Some(p) => p.split('/').collect(),
        None => Vec::new(),
    };
    // An empty path and `/` are the same resource.
    let empty = |s: &[&str]| s.is_empty() || s == [""];
    let expected_empty = template.path.is_empty()
        || (template.path.len() == 1
            && template.path[0]
                == Piece {
                    prefix: String::new(),
                    hole: None,
                });
    if !(expected_empty && empty(&segments)) {
        if segments.len() != template.path.len() {
            return Err(format!("the path {path:?} has another number of segments"));
        }
        for (raw, piece) in segments.iter().zip(&template.path) {
            let value = decode(raw, false).ok_or_else(|| format!("{raw:?} is not UTF-8"))?;
            take(piece, &value, &mut found).map_err(|m| format!("path segment {raw:?}: {m}"))?;
        }
    }
    let received: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match (decode(k, true), decode(v, true)) {
                (Some(k), Some(v)) => Ok((k, v)),
                _ => Err(format!("the query parameter {pair:?} is not UTF-8")),
            }
        })
        .collect::<Result<_, _>>()?;
    for (key, piece) in &template.query {
        let mut values = received.iter().filter(|(k, _)| k == key);
        let value = match (values.next(), values.next()) {
            (Some((_, v)), None) => v,
            (None, _) => return Err(format!("the query parameter {key:?} is missing")),
            (Some(_), Some(_)) => {
                return Err(format!("the query parameter {key:?} is given twice"));
            }
        };
        take(piece, value, &mut found).map_err(|m| format!("query parameter {key:?}: {m}"))?;
    }
    Ok(found)
}

/// Matches one decoded segment or value; records its placeholder's value.
fn take(piece: &Piece, value: &str, found: &mut Placeholders) -> Result<(), String> {
    let Some(hole) = &piece.hole else {
        return if value == piece.prefix {
            Ok(())
        } else {
            Err(format!("{value:?} is not {:?}", piece.prefix))
        };
    };
    let filled = value
        .strip_prefix(piece.prefix.as_str())
        .and_then(|v| v.strip_suffix(hole.suffix.as_str()))
        .ok_or_else(|| {
            format!(
                "{value:?} is not the template's text around {{{}}}",
                hole.name
            )
        })?;
    let name = &hole.name;
    if filled.is_empty() || filled == format!("{{{name}}}") {
        return Err(format!("the placeholder {{{name}}} was not filled"));
    }
    match found.get(name) {
        Some(earlier) if earlier != filled => Err(format!(
            "the placeholder {{{name}}} has two values, {earlier:?} and {filled:?}"
        )),
        Some(_) => Ok(()),
        None => {
            found.values.push((name.clone(), filled.to_string()));
            Ok(())
        }
    }
}
