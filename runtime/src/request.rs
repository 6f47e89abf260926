//! A request as the generated code describes it: method, encoded path,
//! query, headers, body, security requirements and idempotency key. The
//! client turns it into HTTP, once per attempt.

use std::fmt::Display;

use bytes::Bytes;
use percent_encoding::utf8_percent_encode;
use reqwest::Method;
use serde::Serialize;

use crate::wire::UNRESERVED;

/// Encodes one path parameter as a single path segment: everything that
/// is not an RFC 3986 unreserved character is encoded, so a value can never
/// add a `/`, `?` or `#` to the path it is put in.
///
/// Fails for values that no encoding can keep inside one segment: empty,
/// `.` and `..` (URL parsers resolve these, encoded or not).
pub fn encode_path_segment(value: &str) -> Result<String, String> {
    let encoded = utf8_percent_encode(value, UNRESERVED).to_string();
    if encoded.is_empty() {
        Err("a path parameter is empty".into())
    } else if is_dot_segment(&encoded) {
        Err(format!(
            "the path parameter {value:?} would change the path"
        ))
    } else {
        Ok(encoded)
    }
}

/// Whether an encoded segment is one URL parsers resolve: `.` or `..`,
/// encoded or not.
pub(crate) fn is_dot_segment(encoded: &str) -> bool {
    matches!(
        encoded.to_ascii_lowercase().as_str(),
        "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
    )
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
    /// The template after the last placeholder filled, while one is left.
    pub(crate) path_rest: Option<String>,
    /// The query string, encoded, without `?`; sent as it is.
    pub(crate) query: String,
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
        let mut parts = RequestParts::start(method, template);
        for param in params {
            if parts.path_rest.is_some() {
                parts.fill_path(encode_path_segment(&param.to_string()));
            }
        }
        parts
    }

    pub(crate) fn empty(method: Method) -> Self {
        RequestParts {
            method,
            path: String::new(),
            path_rest: None,
            query: String::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            security: &[],
            idempotency: None,
            invalid: None,
        }
    }

    pub(crate) fn fail(&mut self, problem: String) {
        self.invalid.get_or_insert(problem);
    }

    /// The first problem found while describing the request, if any: it
    /// is reported before anything is sent.
    pub(crate) fn problem(&self) -> Option<String> {
        self.invalid.clone().or_else(|| {
            self.path_rest
                .is_some()
                .then(|| "a path parameter is missing".to_string())
        })
    }

    /// Appends encoded `name=value` pairs to the query string.
    pub(crate) fn push_query(&mut self, pairs: &str) {
        if pairs.is_empty() {
            return;
        }
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query.push_str(pairs);
    }

    /// One pair encoded as `application/x-www-form-urlencoded` (space `+`),
    /// as the query of the older methods always was.
    fn push_form_pair(&mut self, name: &str, value: &str) {
        let pair = format!(
            "{}={}",
            form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>(),
            form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>()
        );
        self.push_query(&pair);
    }

    /// A header; values with CR, LF or other control characters are refused.
    pub(crate) fn push_header(&mut self, name: &str, value: String) {
        if value.chars().any(|c| c.is_control() && c != '\t') {
            self.fail(format!(
                "the value of header {name} contains a line break or control character"
            ));
        } else {
            self.headers.push((name.to_string(), value));
        }
    }

    /// The security requirement: alternatives, each a set of scheme names
    /// that must all be applied. Empty means no authentication.
    pub fn security(&mut self, requirement: &'static [&'static [&'static str]]) -> &mut Self {
        self.security = requirement;
        self
    }

    /// A single-valued query parameter.
    pub fn query(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        self.push_form_pair(name, &value.to_string());
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
                values.for_each(|v| self.push_form_pair(name, &v));
                return self;
            }
            QueryStyle::Form => ",",
            QueryStyle::SpaceDelimited => " ",
            QueryStyle::PipeDelimited => "|",
        };
        let joined = values.collect::<Vec<_>>().join(separator);
        self.push_form_pair(name, &joined);
        self
    }

    /// A header parameter. Values containing CR, LF or other control
    /// characters are refused before sending: they could smuggle headers.
    pub fn header(&mut self, name: &str, value: &dyn Display) -> &mut Self {
        self.push_header(name, value.to_string());
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

    /// An `application/x-www-form-urlencoded` body: [`form_body`](Self::form_body)
    /// without encodings.
    pub fn form<T: Serialize + ?Sized>(&mut self, body: &T) -> &mut Self {
        self.form_body(body, &[])
    }

    /// A `multipart/form-data` body: [`multipart_body`](Self::multipart_body)
    /// without encodings.
    pub fn multipart<T: Serialize + ?Sized>(&mut self, body: &T) -> &mut Self {
        self.multipart_body(body, &[])
    }

    /// A JSON body.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) -> &mut Self {
        self.json_body("application/json", body)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_stay_inside_their_segment() {
        let p = RequestParts::new(Method::PUT, "/public/payout/{}/confirm", &[&"../x?y#z"]);
        assert_eq!(p.path, "/public/payout/..%2Fx%3Fy%23z/confirm");
        assert!(p.invalid.is_none());
        for bad in ["..", ".", ""] {
            let p = RequestParts::new(Method::PUT, "/p/{}/c", &[&bad]);
            assert!(p.invalid.is_some(), "{bad:?} accepted");
        }
    }

    #[test]
    fn headers_with_line_breaks_are_refused() {
        let mut p = RequestParts::new(Method::GET, "/", &[]);
        p.header("X-Test", &"a\r\nInjected: yes");
        assert!(p.invalid.unwrap().contains("X-Test"));
    }

    #[test]
    fn query_styles() {
        let mut p = RequestParts::new(Method::GET, "/", &[]);
        p.query_values("a", [1, 2], QueryStyle::FormExploded);
        p.query_values("b", [1, 2], QueryStyle::Form);
        p.query_values("c", ["x", "y"], QueryStyle::PipeDelimited);
        p.query("d", &"x y&z");
        assert_eq!(p.query, "a=1&a=2&b=1%2C2&c=x%7Cy&d=x+y%26z");
    }

    #[test]
    fn multipart_bodies_have_one_part_per_value() {
        let mut p = RequestParts::new(Method::POST, "/", &[]);
        p.multipart(&serde_json::json!({"name": "a\"b", "tags": ["x", "y"], "meta": {"k": 1}, "skip": null}));
        let (content_type, body) = p.body.unwrap();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap()
            .to_string();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 4);
        assert!(text.contains("name=\"name\"\r\n\r\na\"b\r\n"));
        assert!(text.contains("name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"k\":1}"));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        assert!(!text.contains("skip"));
    }

    #[test]
    fn only_safe_requests_may_retry() {
        assert!(RequestParts::new(Method::PUT, "/", &[]).may_retry());
        assert!(!RequestParts::new(Method::POST, "/", &[]).may_retry());
        let mut keyed = RequestParts::new(Method::POST, "/", &[]);
        keyed.idempotency_key("Idempotency-Key", None);
        assert!(keyed.may_retry());
        assert_eq!(keyed.idempotency.unwrap().1.len(), 36);
    }
}
