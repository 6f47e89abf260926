//! Kadosei through a local mock server: idempotency keys, retries that
//! reuse them, per-call options, decimal money, typed errors.

mod common;

use codegen_runtime::Error;
use payment_apis::kadosei::{self, types};
use wiremock::matchers::{body_json, header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PATH: &str = "/api/v1/sessions";

fn request() -> types::CreateCheckoutSessionRequest {
    common::decode(&common::example(
        &common::spec("kadosei"),
        PATH,
        "post",
        None,
    ))
}

async fn client(server: &MockServer) -> kadosei::Client {
    kadosei::Client::with_base_url(server.uri())
        .bearer_token("ks_test_123")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn creates_a_session_with_the_callers_key() {
    let spec = common::spec("kadosei");
    let body = common::example(&spec, PATH, "post", None);
    let answer = common::example(&spec, PATH, "post", Some("201"));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .and(header("authorization", "Bearer ks_test_123"))
        .and(header("idempotency-key", "order-2024-001-attempt"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(201).set_body_json(&answer))
        .expect(1)
        .mount(&server)
        .await;
    let response = client(&server)
        .await
        .create_checkout_session(&request())
        .idempotency_key("order-2024-001-attempt")
        .await
        .unwrap();
    assert_eq!(response.status, 201);
    assert_eq!(
        response.idempotency_key.as_deref(),
        Some("order-2024-001-attempt")
    );
    assert_eq!(serde_json::to_value(&response.body).unwrap(), answer);
    let sent =
        String::from_utf8(server.received_requests().await.unwrap()[0].body.clone()).unwrap();
    for exact in [
        "\"total\":140.76",
        "\"shipping\":9.95",
        "\"tax\":11.81",
        "\"unitPrice\":119",
    ] {
        assert!(sent.contains(exact), "{exact} not in {sent}");
    }
}

#[tokio::test]
async fn generates_a_key_and_reuses_it_on_retry() {
    let spec = common::spec("kadosei");
    let answer = common::example(&spec, PATH, "post", Some("201"));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header_exists("idempotency-key"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(&answer))
        .mount(&server)
        .await;
    let response = client(&server)
        .await
        .create_checkout_session(&request())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "a keyed POST is retried on 503");
    let keys: Vec<_> = requests
        .iter()
        .map(|r| {
            r.headers
                .get("idempotency-key")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(keys[0], keys[1], "the retry reuses the key");
    assert!(uuid::Uuid::parse_str(&keys[0]).is_ok_and(|u| u.get_version_num() == 4));
    assert_eq!(response.idempotency_key.as_deref(), Some(keys[0].as_str()));
}

#[tokio::test]
async fn an_overlong_key_is_refused_before_sending() {
    let server = MockServer::start().await;
    let key = "k".repeat(256);
    let err = client(&server)
        .await
        .create_checkout_session(&request())
        .idempotency_key(key)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(v) if v.violations[0].path == "Idempotency-Key"),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn every_documented_error_status_is_typed() {
    let spec = common::spec("kadosei");
    for status in [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504] {
        let server = MockServer::start().await;
        let body = common::example(&spec, PATH, "post", Some(&status.to_string()));
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&body))
            .mount(&server)
            .await;
        let c = kadosei::Client::with_base_url(server.uri())
            .bearer_token("ks_test_123")
            .retry_policy(codegen_runtime::RetryPolicy::none())
            .build()
            .unwrap();
        let err = c.create_checkout_session(&request()).await.unwrap_err();
        let Error::Api(api) = &err else {
            panic!("{status}: {err:?}")
        };
        assert_eq!(api.status, status);
        let typed = match &api.body {
            kadosei::CreateCheckoutSessionError::BadRequest(e)
            | kadosei::CreateCheckoutSessionError::UnprocessableEntity(e)
            | kadosei::CreateCheckoutSessionError::Unauthorized(e) => e.clone(),
            other => {
                assert_ne!(other.kind(), "");
                continue;
            }
        };
        assert_eq!(typed.status_code, Some(i64::from(status)));
        match (status, &typed.message) {
            (400 | 422, Some(types::ErrorResponseMessage::StringList(list))) => {
                assert!(!list.is_empty())
            }
            (401, Some(types::ErrorResponseMessage::String(s))) => assert_eq!(s, "Unauthorized"),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn per_call_options_change_only_their_call() {
    let spec = common::spec("kadosei");
    let answer = common::example(&spec, PATH, "post", Some("201"));
    let server = MockServer::start().await;
    // The first POST is answered too late, the next with 503, then 201.
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(&answer)
                .set_delay(std::time::Duration::from_millis(800)),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let unavailable = common::example(&spec, PATH, "post", Some("503"));
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_json(&unavailable))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("x-request-id", "req-7"))
        .and(header("authorization", "Bearer ks_test_123"))
        .respond_with(ResponseTemplate::new(201).set_body_json(&answer))
        .mount(&server)
        .await;
    let client = client(&server).await;
    let late = client
        .create_checkout_session(&request())
        .timeout(std::time::Duration::from_millis(100))
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .await
        .unwrap_err();
    assert!(matches!(late, Error::Timeout(_)), "{late:?}");
    // No retries for this call: the 503 is the answer.
    let refused = client
        .create_checkout_session(&request())
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, Error::Api(api) if api.status == 503),
        "{refused:?}"
    );
    let made = client
        .create_checkout_session(&request())
        .header("x-request-id", "req-7")
        .await
        .unwrap();
    assert_eq!(made.status, 201);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    // A header that cannot be sent fails the call before sending.
    let bad = client
        .create_checkout_session(&request())
        .header("x-note", "line\nbreak")
        .await
        .unwrap_err();
    assert!(matches!(bad, Error::InvalidRequest(_)), "{bad:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
