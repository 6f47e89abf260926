//! Seeing every call (feature `tracing`): one span per call with its
//! operation, method, path template, API, status, attempts and time,
//! retries as events, and no personal data or credential anywhere in them.
//! Alone in its test binary: tracing caches which callsites are enabled
//! per process, so a test running without a subscriber beside it could
//! hide events from this one.
#![cfg(feature = "tracing")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use codegen_runtime::{
    Api, ApiInfo, ClientBuilder, ClientCore, Param, RequestParts, RetryPolicy, SchemeKind,
    SecurityScheme, Style,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

struct Payouts(ClientCore);

impl Api for Payouts {
    const INFO: ApiInfo = ApiInfo {
        title: "Payouts API",
        version: "1",
        schemes: &[SecurityScheme {
            name: "bearer",
            kind: SchemeKind::Bearer,
            used: true,
        }],
        default_headers: &[],
    };
    fn from_core(core: ClientCore) -> Self {
        Payouts(core)
    }
}

fn quick() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

/// A confirmation of a payout whose id is personal data.
fn confirm(id: &str) -> RequestParts {
    let mut parts = RequestParts::start(reqwest::Method::PUT, "/public/payout/{}/confirm");
    parts.operation("confirm_payout", "/public/payout/{payoutId}/confirm");
    parts.security(&[&["bearer"]]);
    parts.path_param(&Param::new("payoutId", Style::Simple, false), id);
    parts.header_param(
        &Param::new("X-Customer-Email", Style::Simple, false),
        "jane@example.com",
    );
    parts
}

/// Collects everything a subscriber is told, as text.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_call_is_one_span_with_its_retries_and_no_personal_data() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let api: Payouts = ClientBuilder::new(server.uri())
        .bearer_token("sk_live_secret_token")
        .retry_policy(quick())
        .build()
        .unwrap();
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let dispatch = tracing::Dispatch::new(subscriber);
    let _guard = tracing::dispatcher::set_default(&dispatch);
    // An idempotent PUT: retried after the 503.
    let response = api.0.send::<()>(confirm("po_12345")).await.unwrap();
    assert_eq!(response.status.as_u16(), 200);
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "otel.name=\"confirm_payout\"",
        "url.template=\"/public/payout/{payoutId}/confirm\"",
        "api=\"Payouts API\"",
        "http.request.method=\"PUT\"",
        "retrying",
        "attempt=1",
        "retry_after=true",
        "http.response.status_code=200",
        "attempts=2",
        "elapsed_ms=",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    for secret in [
        "po_12345",
        "jane@example.com",
        "sk_live_secret_token",
        "Bearer",
    ] {
        assert!(!text.contains(secret), "{secret:?} leaked into:\n{text}");
    }
}
