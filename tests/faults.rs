//! Faults a production client meets: what is retried and what never is,
//! timeouts, refused connections, garbage bodies, unknown values.

mod common;

use std::time::{Duration, Instant};

use codegen_runtime::{Error, RetryPolicy};
use payment_apis::{omno, primer};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn session_answer() -> serde_json::Value {
    common::example(
        &common::spec("primer"),
        "/client-session",
        "get",
        Some("200"),
    )
}

fn payout_request() -> omno::types::CreatePayoutRequest {
    common::decode(&common::example(
        &common::spec("omno"),
        "/public/payout",
        "post",
        None,
    ))
}

/// Retries 500 as well, to tell "retried when allowed" from "never".
fn retry_500() -> RetryPolicy {
    RetryPolicy {
        statuses: vec![500, 502, 503, 504, 429],
        ..common::quick_retries()
    }
}

#[tokio::test]
async fn a_500_then_200_is_retried_for_an_idempotent_get() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session_answer()))
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .retry_policy(retry_500())
        .build()
        .unwrap();
    c.get_client_session("t").await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_500_is_not_retried_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap();
    let err = c.get_client_session("t").await.unwrap_err();
    assert!(
        matches!(err, Error::UnexpectedStatus { status, .. } if status == 500),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_post_without_a_key_is_never_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let c = omno::Client::with_base_url(server.uri())
        .bearer_token("t")
        .retry_policy(retry_500())
        .build()
        .unwrap();
    let err = c.create_payout(&payout_request()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "the payout must not be sent twice"
    );
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session_answer()))
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap();
    let started = Instant::now();
    c.get_client_session("t").await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap();
    let err = c.get_client_session("t").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(session_answer())
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c.get_client_session("t").await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_after_retries() {
    // Bind then drop a listener: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let c = primer::Client::with_base_url(format!("http://127.0.0.1:{port}"))
        .api_key("k")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = c.get_client_session("t").await.unwrap_err();
    assert!(
        matches!(err, Error::Transport(ref e) if e.is_connect()),
        "{err:?}"
    );
    // Two backoffs happened (5 ms, then about 10 ms).
    assert!(started.elapsed() >= Duration::from_millis(5));
}

#[tokio::test]
async fn malformed_json_keeps_status_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"clientToken\": "))
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .build()
        .unwrap();
    match c.get_client_session("t").await.unwrap_err() {
        Error::Decode { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(&body[..], b"{\"clientToken\": ");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_html_502_page_is_reported_with_its_body() {
    let server = MockServer::start().await;
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let c = omno::Client::with_base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    match c.create_payout(&payout_request()).await.unwrap_err() {
        Error::UnexpectedStatus { status, body, .. } => {
            assert_eq!(status, 502);
            assert_eq!(&body[..], page.as_bytes());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn unknown_enum_values_and_extra_fields_still_decode() {
    let server = MockServer::start().await;
    let answer = json!({
        "payoutId": "p-1",
        "status": "ON_HOLD_FOR_REVIEW",
        "iframeUrls": {"card": "https://c", "apm": "https://a", "wallet": "https://w"},
        "brandNewField": {"nested": [1, 2, 3]}
    });
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
        .mount(&server)
        .await;
    let c = omno::Client::with_base_url(server.uri())
        .bearer_token("t")
        .build()
        .unwrap();
    let payout = c
        .create_payout(&payout_request())
        .await
        .unwrap()
        .into_body();
    assert_eq!(
        payout.status,
        Some(omno::types::PayoutStatus::Other(
            "ON_HOLD_FOR_REVIEW".into()
        ))
    );
    assert_eq!(
        payout.status.as_ref().unwrap().to_string(),
        "ON_HOLD_FOR_REVIEW"
    );
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused_unsent() {
    let server = MockServer::start().await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k\r\nX-Injected: 1")
        .build()
        .unwrap();
    let err = c.get_client_session("t").await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_credential_provider_is_asked_on_every_attempt() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session_answer()))
        .mount(&server)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let provider = move || {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        async move {
            Ok::<_, codegen_runtime::auth::ProviderError>(codegen_runtime::Secret::new(format!(
                "token-{n}"
            )))
        }
    };
    let c = primer::Client::with_base_url(server.uri())
        .api_key_provider(provider)
        .retry_policy(common::quick_retries())
        .build()
        .unwrap();
    c.get_client_session("t").await.unwrap();
    let keys: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["x-api-key"].to_str().unwrap().to_string())
        .collect();
    assert_eq!(
        keys,
        ["token-0", "token-1"],
        "a refreshed token is used without rebuilding the client"
    );
}
