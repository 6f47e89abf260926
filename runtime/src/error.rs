//! The error every generated operation returns.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::auth::ProviderError;
use crate::headers::{ErrorHeaders, TypedHeaders};
use crate::validate::ValidationError;

/// What can go wrong calling an operation. `E` is the operation's own enum
/// of documented error responses, chosen by status code.
#[derive(Debug, thiserror::Error)]
pub enum Error<E> {
    /// The API answered with a documented error status; the body is typed.
    #[error("{0}")]
    Api(Box<ApiError<E>>),
    /// The API answered with a status the spec does not document.
    #[error("unexpected HTTP status {status}{}", message_suffix(body))]
    UnexpectedStatus {
        status: StatusCode,
        headers: Box<HeaderMap>,
        body: Bytes,
    },
    /// The body did not match the documented schema for its status.
    #[error("HTTP {status}: the response body could not be decoded: {source}")]
    Decode {
        status: StatusCode,
        headers: Box<HeaderMap>,
        /// The raw body, kept for diagnosis.
        body: Bytes,
        #[source]
        source: serde_json::Error,
    },
    /// No answer arrived within the configured timeout.
    #[error("the request timed out")]
    Timeout(#[source] reqwest::Error),
    /// Connecting, sending or reading failed.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// The request body broke a constraint of the spec; nothing was sent.
    #[error("{0}")]
    Validation(#[from] ValidationError),
    /// The request could not be built (a header with a line break, a path
    /// parameter that would change the path, an unconfigured credential);
    /// nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// A middleware layer (feature `middleware`) failed the request.
    #[error("middleware: {0}")]
    Middleware(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A credential provider failed.
    #[error("credentials for {scheme} could not be obtained: {source}")]
    Credentials {
        scheme: &'static str,
        #[source]
        source: ProviderError,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The typed body of a documented error response.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(&e.body),
            _ => None,
        }
    }

    /// The headers of the answer, when the server answered.
    pub fn response_headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(e) => Some(&e.headers),
            Error::UnexpectedStatus { headers, .. } | Error::Decode { headers, .. } => {
                Some(headers)
            }
            _ => None,
        }
    }

    /// The operation's declared response headers, typed, when the server
    /// answered (also when its body did not decode): a 429's retry hint,
    /// for instance. Never fails: see [`crate::headers`].
    pub fn typed_headers(&self) -> Option<E::Headers>
    where
        E: ErrorHeaders,
    {
        self.response_headers().map(E::Headers::from_headers)
    }
}

/// A documented error response: its status, headers and typed body.
#[derive(Debug)]
pub struct ApiError<E> {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: E,
    /// The body as received, for logging or fields the spec leaves out.
    pub raw: Bytes,
}

impl<E> Error<E> {
    /// A documented error response with this status and typed body, no
    /// headers: what a stand-in for the API returns in tests.
    pub fn api(status: u16, body: E) -> Self {
        Error::Api(Box::new(ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: HeaderMap::new(),
            body,
            raw: Bytes::new(),
        }))
    }
}

impl<E: ErrorHeaders> ApiError<E> {
    /// The operation's declared response headers, typed, decoded from
    /// [`ApiError::headers`] on each call. Never fails: see [`crate::headers`].
    pub fn typed_headers(&self) -> E::Headers {
        E::Headers::from_headers(&self.headers)
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}{}", self.status, message_suffix(&self.raw))
    }
}

fn message_suffix(body: &[u8]) -> String {
    api_message(body)
        .or_else(|| body_start(body))
        .map(|m| format!(": {m}"))
        .unwrap_or_default()
}

/// The start of a body that holds no message field, as one line of text:
/// what a person needs to see why a call failed (an HTML error page, a
/// plain-text reason, JSON of an unknown shape).
fn body_start(body: &[u8]) -> Option<String> {
    const LIMIT: usize = 200;
    let text = std::str::from_utf8(body).ok()?;
    let line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if line.is_empty() {
        return None;
    }
    Some(match line.char_indices().nth(LIMIT) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line,
    })
}

/// The human-readable message in an API's error body, found by the field
/// names error bodies use (`message`, `errorMessage`, `detail`, `title`,
/// `description`, `error_description`, `exception_message`, `msg`,
/// `reason`, in any case, nested under `error`, `errors` or `fault`); a
/// validation error that names where (`{"loc": ["body", "amount"], "msg":
/// ...}`, as FastAPI and Pydantic write them) says where.
pub fn api_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    find_message(&value, 0)
}

fn find_message(value: &serde_json::Value, depth: usize) -> Option<String> {
    use serde_json::Value;
    const MESSAGES: [&str; 11] = [
        "message",
        "errormessage",
        "error_message",
        "exception_message",
        "exceptionmessage",
        "detail",
        "msg",
        "title",
        "description",
        "error_description",
        "reason",
    ];
    if depth > 4 {
        return None;
    }
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|v| find_message(v, depth + 1))
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(map) => {
            let text = |key: &str| {
                map.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                    .and_then(|(_, v)| find_message(v, depth + 1))
            };
            if let (Some(title), Some(detail)) = (text("title"), text("detail")) {
                return Some(format!("{title}: {detail}"));
            }
            if let (Some(Value::Array(loc)), Some(msg)) = (map.get("loc"), text("msg")) {
                let place: Vec<String> = loc
                    .iter()
                    .map(|p| match p {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                return Some(format!("{}: {msg}", place.join(".")));
            }
            MESSAGES
                .into_iter()
                .find_map(text)
                .or_else(|| ["error", "errors", "fault"].into_iter().find_map(text))
        }
        _ => None,
    }
}

/// A value that a type allowing one value only (a `const`, or an `enum`
/// of one) does not hold: what tells the members of a union apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{found:?} is not allowed here: the only value is {expected:?}")]
pub struct NotAllowed {
    pub expected: &'static str,
    pub found: String,
}

/// A client could not be built from its builder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot build the client: {0}")]
pub struct BuildError(pub String);

/// The error type of an operation whose spec documents no error response.
/// It has no value: such an operation never fails with [`Error::Api`];
/// an error status it answers is [`Error::UnexpectedStatus`]. Every such
/// operation shares it, where each had an empty enum of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoDocumentedErrors {}

impl NoDocumentedErrors {
    /// The variant's name, for logs and metrics (there is none).
    pub fn kind(&self) -> &'static str {
        match *self {}
    }
}

#[cfg(test)]
mod tests;
