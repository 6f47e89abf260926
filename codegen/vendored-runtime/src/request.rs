//! A request as the generated code describes it: method, encoded path,
//! query, headers, body, security requirements and idempotency key. The
//! client turns it into HTTP, once per attempt.

use std::fmt::Display;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use serde::Serialize;

/// Everything that is not an RFC 3986 unreserved character is encoded, so a
/// value can never add a `/`, `?` or `#` to the path it is put in.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes one path parameter as a single path segment.
///
/// Fails for values that no encoding can keep inside one segment: empty,
/// `.` and `..` (URL parsers resolve these, encoded or not).
pub fn encode_path_segment(value: &str) -> Result<String, String> {
    let encoded = utf8_percent_encode(value, PATH_SEGMENT).to_string();
    match encoded.to_ascii_lowercase().as_str() {
        "" => Err("a path parameter is empty".into()),
        "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e." => Err(format!(
            "the path parameter {value:?} would change the path"
        )),
        _ => Ok(encoded),
    }
}

/// A parameter's value as text: strings as they are, numbers and booleans
/// as JSON writes them, enums by their wire value, dates in RFC 3339, and
/// anything else as compact JSON.
pub fn param<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// How a query parameter holding several values is written
/// (`style` and `explode` of the parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `a=1&a=2` (form, explode: true; the default).
    FormExploded,
    /// `a=1,2` (form, explode: false).
    Form,
    /// `a=1%202` (spaceDelimited).
    SpaceDelimited,
    /// `a=1|2` (pipeDelimited).
    PipeDelimited,
}

/// A request being described by generated code.
#[derive(Debug)]
pub struct RequestParts {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) cookies: Vec<String>,
    pub(crate) body: Option<(std::borrow::Cow<'static, str>, Bytes)>,
    pub(crate) security: &'static [&'static [&'static str]],
    pub(crate) idempotency: Option<(String, String)>,
    /// The first problem found while describing the request; reported
    /// before anything is sent.
    pub(crate) invalid: Option<String>,
}

impl RequestParts {
    /// Starts a request. `path` is a template whose `{}` placeholders are
    /// filled, in order, with `params` encoded as path segments.
    pub fn new(method: Method, template: &str, params: &[&dyn Display]) -> Self {
        let mut parts = RequestParts {
            method,
            path: String::with_capacity(template.len() + 16),
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            security: &[],
            idempotency: None,
            invalid: None,
        };
        let mut params = params.iter();
        let mut pieces = template.split("{}");
        if let Some(first) = pieces.next() {
            parts.path.push_str(first);
        }
        for piece in pieces {
            match params.next().map(|p| encode_path_segment(&p.to_string())) {
                Some(Ok(segment)) => parts.path.push_str(&segment),
                Some(Err(problem)) => parts.fail(problem),
                None => parts.fail("a path parameter is missing".into()),
            }
            parts.path.push_str(piece);
        }
        parts
    }

    fn fail(&mut self, problem: String) {
        self.invalid.get_or_insert(problem);
    }

    /// The security requirement: alternatives, each a set of scheme names
    /// that must all be applied. Empty means no authentication.
    pub fn security(&mut self, requirement: &'static [&'static [&'static str]]) -> &mut Self {
        self.security = requirement;
        self
    }

    /// A single-valued query parameter.
    pub fn query(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        self.query.push((name.to_string(), value.to_string()));
        self
    }

    /// A query parameter holding several values, written in `style`.
    pub fn query_values<I, T>(&mut self, name: &str, values: I, style: QueryStyle) -> &mut Self
    where
        I: IntoIterator<Item = T>,
        T: Display,
    {
        let values = values.into_iter().map(|v| v.to_string());
        let separator = match style {
            QueryStyle::FormExploded => {
                self.query.extend(values.map(|v| (name.to_string(), v)));
                return self;
            }
            QueryStyle::Form => ",",
            QueryStyle::SpaceDelimited => " ",
            QueryStyle::PipeDelimited => "|",
        };
        let joined = values.collect::<Vec<_>>().join(separator);
        self.query.push((name.to_string(), joined));
        self
    }

    /// A header parameter. Values containing CR, LF or other control
    /// characters are refused before sending: they could smuggle headers.
    pub fn header(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        let value = value.to_string();
        if value.chars().any(|c| c.is_control() && c != '\t') {
            self.fail(format!(
                "the value of header {name} contains a line break or control character"
            ));
        } else {
            self.headers.push((name.to_string(), value));
        }
        self
    }

    /// The idempotency key header: the caller's key, or a new UUID v4. The
    /// same key goes out on every retry.
    pub fn idempotency_key(&mut self, header: &str, key: Option<&str>) -> &mut Self {
        let key = key
            .map(str::to_string)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        if key.chars().any(|c| c.is_control()) {
            self.fail(format!(
                "the value of header {header} contains a line break or control character"
            ));
        }
        self.idempotency = Some((header.to_string(), key));
        self
    }

    /// A cookie parameter; all cookies of a request share one `Cookie` header.
    pub fn cookie(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        let value = value.to_string();
        if value.chars().any(|c| c.is_control() || c == ';') {
            self.fail(format!(
                "the value of cookie {name} contains a control character or ';'"
            ));
        } else {
            self.cookies.push(format!("{name}={value}"));
        }
        self
    }

    /// An `application/x-www-form-urlencoded` body.
    pub fn form<T: Serialize + ?Sized>(&mut self, body: &T) -> &mut Self {
        match serde_urlencoded::to_string(body) {
            Ok(text) => self.body = Some(("application/x-www-form-urlencoded".into(), text.into())),
            Err(e) => self.fail(format!("the body could not be form-encoded: {e}")),
        }
        self
    }

    /// A `multipart/form-data` body: one part per property of `body`
    /// (an object); arrays give one part per item, strings are sent as they
    /// are, other values as JSON.
    pub fn multipart<T: Serialize + ?Sized>(&mut self, body: &T) -> &mut Self {
        let fields = match serde_json::to_value(body) {
            Ok(serde_json::Value::Object(fields)) => fields,
            Ok(_) => {
                self.fail("a multipart body must be an object".into());
                return self;
            }
            Err(e) => {
                self.fail(format!("the body could not be serialized: {e}"));
                return self;
            }
        };
        let boundary = format!("codegen-{}", uuid::Uuid::new_v4().simple());
        let mut out = Vec::new();
        for (name, value) in fields {
            let items = match value {
                serde_json::Value::Null => continue,
                serde_json::Value::Array(items) => items,
                other => vec![other],
            };
            // Quotes and line breaks in a part name are percent-encoded (HTML's rule).
            let name = name
                .replace('"', "%22")
                .replace('\r', "%0D")
                .replace('\n', "%0A");
            for item in items {
                let (content_type, data) = match item {
                    serde_json::Value::String(s) => (None, s.into_bytes()),
                    v @ (serde_json::Value::Object(_) | serde_json::Value::Array(_)) => {
                        (Some("application/json"), v.to_string().into_bytes())
                    }
                    other => (None, other.to_string().into_bytes()),
                };
                out.extend_from_slice(
                    format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n")
                        .as_bytes(),
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
        self.body = Some((
            format!("multipart/form-data; boundary={boundary}").into(),
            out.into(),
        ));
        self
    }

    /// A JSON body.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(("application/json".into(), bytes.into())),
            Err(e) => self.fail(format!("the body could not be serialized: {e}")),
        }
        self
    }

    /// A body sent as it is, with its media type.
    pub fn raw_body(&mut self, content_type: &'static str, body: impl Into<Bytes>) -> &mut Self {
        self.body = Some((content_type.into(), body.into()));
        self
    }

    /// Whether a failed attempt may be sent again: the method is idempotent,
    /// or the request carries an idempotency key.
    pub fn may_retry(&self) -> bool {
        self.idempotency.is_some()
            || matches!(
                self.method,
                Method::GET
                    | Method::HEAD
                    | Method::PUT
                    | Method::DELETE
                    | Method::OPTIONS
                    | Method::TRACE
            )
    }
}
