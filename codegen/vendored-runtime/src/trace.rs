//! Tracing (feature `tracing`): one span per call, named after the
//! operation (`otel.name`), with the HTTP method, the path template (never
//! the filled path, which may hold personal data), the API's title, and,
//! when the call ends, the status, the number of attempts and the elapsed
//! time. Retries, `Retry-After` waits and credential fetches are events in
//! it. No value of a parameter, header, credential or body is ever
//! recorded. Without the feature every function here is empty and nothing
//! of `tracing` is compiled.

#[cfg(not(feature = "tracing"))]
use std::time::Duration;

#[cfg(feature = "tracing")]
pub(crate) use enabled::*;

#[cfg(feature = "tracing")]
mod enabled {
    use std::time::Duration;

    use crate::runtime::request::RequestParts;

    /// The span of one call.
    pub(crate) fn span(api: &'static str, parts: &RequestParts) -> tracing::Span {
        let (operation, template) = parts.operation.unwrap_or(("request", ""));
        tracing::info_span!(
            "api_call",
            otel.name = operation,
            operation,
            api,
            http.request.method = parts.method.as_str(),
            url.template = template,
            http.response.status_code = tracing::field::Empty,
            attempts = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        )
    }

    pub(crate) fn finished(status: Option<u16>, attempts: u32, elapsed: Duration) {
        let span = tracing::Span::current();
        if let Some(status) = status {
            span.record("http.response.status_code", status);
        }
        span.record("attempts", attempts);
        span.record("elapsed_ms", elapsed.as_millis() as u64);
    }

    pub(crate) fn retrying(attempt: u32, wait: Duration, why: &str, retry_after: bool) {
        tracing::info!(
            attempt,
            wait_ms = wait.as_millis() as u64,
            retry_after,
            reason = why,
            "retrying"
        );
    }

    pub(crate) fn fetching_credentials(scheme: &'static str) {
        tracing::debug!(scheme, "fetching credentials");
    }
}

#[cfg(not(feature = "tracing"))]
pub(crate) fn finished(_: Option<u16>, _: u32, _: Duration) {}

#[cfg(not(feature = "tracing"))]
pub(crate) fn retrying(_: u32, _: Duration, _: &str, _: bool) {}

#[cfg(not(feature = "tracing"))]
pub(crate) fn fetching_credentials(_: &'static str) {}
