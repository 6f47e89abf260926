//! Rebilly through a local mock server: alternative credentials, two
//! success statuses with different meanings, typed rate-limit headers,
//! problem-details errors; reading a transaction, and the cashier's
//! notification confirmed by that read (`transactions`); the spec against
//! the seed it was written from (`seed`).

#[path = "../common/mod.rs"]
mod common;
mod seed;
mod transactions;

use codegen_runtime::{Error, UrlTemplate};
use payment_apis::rebilly::{self, CreateCashierResponse, types};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn request() -> types::CashierRequest {
    common::decode(&common::example(
        &common::spec("rebilly"),
        "/cashiers",
        "post",
        None,
    ))
}

#[tokio::test]
async fn created_and_existing_are_told_apart() {
    let spec = common::spec("rebilly");
    for (status, api_key) in [(201, true), (200, false)] {
        let server = MockServer::start().await;
        let answer = common::example(&spec, "/cashiers", "post", Some(&status.to_string()));
        let auth = if api_key {
            header("reb-apikey", "reb-key")
        } else {
            header("authorization", "Bearer jwt-token")
        };
        Mock::given(method("POST"))
            .and(path("/cashiers"))
            .and(auth)
            .and(body_json(common::example(&spec, "/cashiers", "post", None)))
            .respond_with(rate_limited(ResponseTemplate::new(status)).set_body_json(&answer))
            .expect(1)
            .mount(&server)
            .await;
        let builder = rebilly::Client::with_base_url(server.uri());
        let client = if api_key {
            builder.api_key("reb-key")
        } else {
            builder.bearer_token("jwt-token")
        }
        .build()
        .unwrap();
        let response = client.create_cashier(&request()).await.unwrap();
        let cashier = match (status, &response.body) {
            (201, CreateCashierResponse::Created(c)) | (200, CreateCashierResponse::Ok(c)) => c,
            other => panic!("{other:?}"),
        };
        // The documented answer, every field filled, decodes and encodes back.
        assert_eq!(serde_json::to_value(cashier).unwrap(), answer);
        let headers = response.typed_headers();
        assert_eq!(headers.location.as_deref(), Some(LOCATION));
        assert_eq!(
            (headers.x_rate_limit_limit, headers.x_rate_limit_remaining),
            (Some(3600), Some(3599))
        );
        assert!(headers.malformed.is_empty());
    }
}

const LOCATION: &str =
    "https://api.rebilly.com/organizations/org/cashiers/cashier_01HXYZ9KLMNOP0123456789ABC";

fn rate_limited(template: ResponseTemplate) -> ResponseTemplate {
    template
        .insert_header("Location", LOCATION)
        .insert_header("X-RateLimit-Limit", "3600")
        .insert_header("X-RateLimit-Remaining", "3599")
}

async fn api_key_client(server: &MockServer) -> rebilly::Client {
    rebilly::Client::with_base_url(server.uri())
        .api_key("k")
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_documented_answers_decode_with_new_and_nullable_fields() {
    let spec = common::spec("rebilly");
    let created: types::Cashier =
        common::decode(&common::example(&spec, "/cashiers", "post", Some("201")));
    assert!(created.can_withdraw);
    assert_eq!(
        created.links.as_ref().unwrap()[0].rel.as_deref(),
        Some("self")
    );
    assert!(
        created
            .cashier_token
            .as_ref()
            .is_some_and(|t| t.starts_with("eyJ"))
    );
    assert_eq!(
        created.last_deposit_request_id.as_deref(),
        Some("dep_01HXYZ7QRSTUV0123456789DEF")
    );
    // Once the deposit request is expired or completed, the token is `null`.
    let existing: types::Cashier =
        common::decode(&common::example(&spec, "/cashiers", "post", Some("200")));
    assert_eq!(existing.cashier_token, codegen_runtime::Nullable::Null);
    assert_eq!(
        (existing.expiration_time, existing.notification_url),
        (None, None)
    );
    assert!(!existing.can_withdraw);
    // The answer's required fields must be there (`canWithdraw` left out here).
    let mut partial: Value = common::example(&spec, "/cashiers", "post", Some("201"));
    partial.as_object_mut().unwrap().remove("canWithdraw");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(&partial))
        .mount(&server)
        .await;
    let err = api_key_client(&server)
        .await
        .create_cashier(&request())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn a_malformed_rate_limit_header_does_not_fail_a_created_cashier() {
    let spec = common::spec("rebilly");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("X-RateLimit-Remaining", "plenty")
                .set_body_json(common::example(&spec, "/cashiers", "post", Some("201"))),
        )
        .mount(&server)
        .await;
    let response = api_key_client(&server)
        .await
        .create_cashier(&request())
        .await
        .unwrap();
    assert!(matches!(response.body, CreateCashierResponse::Created(_)));
    let headers = response.typed_headers();
    assert_eq!(headers.x_rate_limit_remaining, None);
    assert_eq!(headers.malformed, ["X-RateLimit-Remaining"]);
    // Absent headers are `None`, and the raw text is still there.
    assert_eq!((headers.location, headers.x_rate_limit_limit), (None, None));
    assert_eq!(response.header("x-ratelimit-remaining"), Some("plenty"));
}

#[tokio::test]
async fn too_many_requests_tells_when_to_retry() {
    let spec = common::spec("rebilly");
    let server = MockServer::start().await;
    let body = common::example(&spec, "/cashiers", "post", Some("429"));
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-RateLimit-Retry-After", "1705320000")
                .set_body_json(&body),
        )
        .mount(&server)
        .await;
    let err = api_key_client(&server)
        .await
        .create_cashier(&request())
        .await
        .unwrap_err();
    let Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert!(matches!(
        api.body,
        rebilly::CreateCashierError::TooManyRequests(_)
    ));
    assert_eq!(
        api.typed_headers().x_rate_limit_retry_after,
        Some(1_705_320_000)
    );
    assert_eq!(
        err.typed_headers().unwrap().x_rate_limit_retry_after,
        Some(1_705_320_000)
    );
}

#[tokio::test]
async fn deposit_limits_and_ids_are_checked_before_sending() {
    let server = MockServer::start().await;
    let limits = types::DepositLimits::new().with_minimum("0.001".parse().unwrap());
    let body =
        types::CashierRequest::new("c".repeat(51), "web_1", "USD").with_deposit_limits(limits);
    let err = api_key_client(&server)
        .await
        .create_cashier(&body)
        .await
        .unwrap_err();
    let Error::Validation(v) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<&str> = v.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["customerId", "depositLimits.minimum"], "{v}");
    assert!(server.received_requests().await.unwrap().is_empty());
    // Balances stay optional request fields (read-only in Rebilly's description).
    let sent = serde_json::to_value(
        types::CashierRequest::new("c", "w", "USD")
            .with_balance(rust_decimal::Decimal::new(1025, 2)),
    )
    .unwrap();
    assert_eq!(
        sent,
        json!({"customerId": "c", "websiteId": "w", "currency": "USD", "balance": 10.25})
    );
}

#[tokio::test]
async fn problem_details_are_typed_and_displayed() {
    let spec = common::spec("rebilly");
    for status in [401, 403, 422, 429] {
        let server = MockServer::start().await;
        let body = common::example(&spec, "/cashiers", "post", Some(&status.to_string()));
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&body))
            .mount(&server)
            .await;
        let client = rebilly::Client::with_base_url(server.uri())
            .api_key("k")
            .retry_policy(codegen_runtime::RetryPolicy::none())
            .build()
            .unwrap();
        let err = client.create_cashier(&request()).await.unwrap_err();
        assert!(
            err.to_string().contains(body["title"].as_str().unwrap()),
            "{err}"
        );
        if let Some(rebilly::CreateCashierError::UnprocessableEntity(problem)) = err.api_error() {
            assert_eq!(
                problem.invalid_fields.as_ref().unwrap()[0].field.as_deref(),
                Some("currency")
            );
        } else {
            assert!(matches!(err, Error::Api(_)), "{status}: {err:?}");
        }
    }
}

#[tokio::test]
async fn environments_take_the_organization() {
    let client = rebilly::Client::sandbox("org 1/2")
        .api_key("k")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url(),
        "https://api-sandbox.rebilly.com/organizations/org%201%2F2"
    );
    let client = rebilly::Client::production("acme")
        .bearer_token("t")
        .build()
        .unwrap();
    assert_eq!(
        client.base_url(),
        "https://api.rebilly.com/organizations/acme"
    );
}

#[tokio::test]
async fn missing_credentials_are_reported_before_sending() {
    let server = MockServer::start().await;
    let client = rebilly::Client::with_base_url(server.uri())
        .build()
        .unwrap();
    let err = client.create_cashier(&request()).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest(m) if m.contains("ApiKey") && m.contains("JWT")),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
