//! A user's reqwest-middleware layer around every attempt (feature
//! `middleware`).
#![cfg(feature = "middleware")]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codegen_runtime::{
    Api, ApiInfo, ClientBuilder, ClientCore, Param, RequestParts, RetryPolicy, SchemeKind,
    SecurityScheme, Style,
};
use wiremock::matchers::{header, method};
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

/// A layer that adds a header and records each attempt it sees.
struct Stamp {
    seen: Arc<Mutex<Vec<(u16, Duration)>>>,
}

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Stamp {
    async fn handle(
        &self,
        mut request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        request
            .headers_mut()
            .insert("x-stamped-by", "middleware".parse().unwrap());
        let started = Instant::now();
        let response = next.run(request, extensions).await?;
        self.seen
            .lock()
            .unwrap()
            .push((response.status().as_u16(), started.elapsed()));
        Ok(response)
    }
}

#[tokio::test]
async fn a_middleware_sees_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(header("x-stamped-by", "middleware"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(header("x-stamped-by", "middleware"))
        .and(header("authorization", "Bearer tok"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let chain = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(Stamp { seen: seen.clone() })
        .build();
    let api: Payouts = ClientBuilder::new(server.uri())
        .bearer_token("tok")
        .middleware(chain)
        .retry_policy(quick())
        .build()
        .unwrap();
    let response = api.0.send::<()>(confirm("po_1")).await.unwrap();
    assert_eq!(response.status.as_u16(), 200);
    let statuses: Vec<u16> = seen.lock().unwrap().iter().map(|(s, _)| *s).collect();
    assert_eq!(
        statuses,
        [502, 502, 200],
        "every attempt went through the layer"
    );
}

/// A layer that refuses: the call fails with `Error::Middleware`, unsent.
struct Refuse;

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Refuse {
    async fn handle(
        &self,
        _: reqwest::Request,
        _: &mut http::Extensions,
        _: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        Err(reqwest_middleware::Error::middleware(
            std::io::Error::other("blocked by policy"),
        ))
    }
}

#[tokio::test]
async fn a_refusing_middleware_is_a_typed_error() {
    let server = MockServer::start().await;
    let chain = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(Refuse)
        .build();
    let api: Payouts = ClientBuilder::new(server.uri())
        .bearer_token("tok")
        .middleware(chain)
        .build()
        .unwrap();
    let err = api.0.send::<()>(confirm("po_1")).await.unwrap_err();
    assert!(
        matches!(err, codegen_runtime::Error::Middleware(_)),
        "{err}"
    );
    assert!(err.to_string().contains("blocked by policy"));
    assert!(server.received_requests().await.unwrap().is_empty());
}
