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

use percent_encoding::utf8_percent_encode;
use serde::de::DeserializeOwned;

use crate::wire::UNRESERVED;

mod parse;

use parse::{encode, parse, read};

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
impl From<UrlTemplate> for crate::Nullable<String> {
    fn from(template: UrlTemplate) -> Self {
        crate::Nullable::Value(template.text)
    }
}

impl From<&UrlTemplate> for crate::Nullable<String> {
    fn from(template: &UrlTemplate) -> Self {
        crate::Nullable::Value(template.text.clone())
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
