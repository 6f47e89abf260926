//! A request as the generated code describes it: method, encoded path,
//! query, headers, body, security requirements and idempotency key. The
//! client turns it into HTTP, once per attempt.

use bytes::Bytes;
use percent_encoding::utf8_percent_encode;
use reqwest::Method;

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
    /// The operation's name and path template, for traces.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    pub(crate) operation: Option<(&'static str, &'static str)>,
    pub(crate) idempotency: Option<(String, String)>,
    /// The longest idempotency key the spec allows.
    pub(crate) idempotency_max: Option<u64>,
    /// The caller's choices for this call: a timeout and a retry policy
    /// instead of the client's, and headers set last.
    pub(crate) timeout: Option<std::time::Duration>,
    pub(crate) retry: Option<crate::retry::RetryPolicy>,
    pub(crate) extra_headers: Vec<(String, String)>,
    /// The first problem found while describing the request; reported
    /// before anything is sent.
    pub(crate) invalid: Option<String>,
}

impl RequestParts {
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
            operation: None,
            idempotency: None,
            idempotency_max: None,
            timeout: None,
            retry: None,
            extra_headers: Vec::new(),
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

    /// Which operation this is (`create_payout`) and its path as the spec
    /// writes it (`/public/payout/{payoutId}`): what a trace shows, never
    /// the filled path.
    pub fn operation(&mut self, name: &'static str, path: &'static str) -> &mut Self {
        self.operation = Some((name, path));
        self
    }

    /// Starts a request whose method has no `Method` constant (`QUERY`,
    /// `LINK`), named as it goes on the wire; see [`RequestParts::start`].
    /// A name that is not an HTTP token makes the request invalid.
    pub fn start_custom(method: &str, template: &str) -> Self {
        match Method::from_bytes(method.as_bytes()) {
            Ok(m) => Self::start(m, template),
            Err(_) => {
                let mut parts = Self::start(Method::GET, template);
                parts.fail(format!("{method:?} is not a valid HTTP method"));
                parts
            }
        }
    }

    /// The security requirement: alternatives, each a set of scheme names
    /// that must all be applied. Empty means no authentication.
    pub fn security(&mut self, requirement: &'static [&'static [&'static str]]) -> &mut Self {
        self.security = requirement;
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

    /// The operation's idempotency-key header (and the longest key its
    /// spec allows): a new UUID v4 goes out in it unless the caller gives
    /// a key ([`Call::idempotency_key`](crate::Call::idempotency_key)).
    pub fn idempotency(&mut self, header: &str, max_length: Option<u64>) -> &mut Self {
        self.idempotency_max = max_length;
        self.idempotency_key(header, None)
    }

    /// The media types the operation reads from its answers: the server
    /// picks among the ones it can send (`application/json` rather than
    /// XML or JWE when both are documented).
    pub fn accept(&mut self, media_types: &'static str) -> &mut Self {
        self.push_header("accept", media_types.to_string());
        self
    }

    /// A body sent as it is, with its media type.
    pub fn raw_body(&mut self, content_type: &'static str, body: impl Into<Bytes>) -> &mut Self {
        self.body = Some((content_type.into(), body.into()));
        self
    }

    /// Whether a failed attempt may be sent again: the method is idempotent
    /// (`QUERY` too: safe and idempotent, with a body), or the request
    /// carries an idempotency key.
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
            || self.method.as_str() == "QUERY"
    }
}

#[cfg(test)]
mod tests;
