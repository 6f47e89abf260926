//! The error every generated operation returns.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::runtime::auth::ProviderError;
use crate::runtime::validate::ValidationError;

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

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}{}", self.status, message_suffix(&self.raw))
    }
}

fn message_suffix(body: &[u8]) -> String {
    api_message(body)
        .map(|m| format!(": {m}"))
        .unwrap_or_default()
}

/// The human-readable message in an API's error body, found by the field
/// names error bodies use (`message`, `errorMessage`, `detail`, `title`,
/// `description`, nested under `error` or `errors`).
pub fn api_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    find_message(&value, 0)
}

fn find_message(value: &serde_json::Value, depth: usize) -> Option<String> {
    use serde_json::Value;
    if depth > 4 {
        return None;
    }
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|v| find_message(v, depth + 1))
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(map) => {
            let text = |key: &str| map.get(key).and_then(|v| find_message(v, depth + 1));
            if let (Some(title), Some(detail)) = (text("title"), text("detail")) {
                return Some(format!("{title}: {detail}"));
            }
            [
                "message",
                "errorMessage",
                "error_message",
                "detail",
                "title",
                "description",
                "error_description",
            ]
            .into_iter()
            .find_map(text)
            .or_else(|| ["error", "errors", "fault"].into_iter().find_map(text))
        }
        _ => None,
    }
}

/// A client could not be built from its builder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot build the client: {0}")]
pub struct BuildError(pub String);
