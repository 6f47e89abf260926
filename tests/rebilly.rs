//! Rebilly through a local mock server: alternative credentials, two
//! success statuses with different meanings, problem-details errors.

mod common;

use codegen_runtime::Error;
use payment_apis::rebilly::{self, CreateCashierResponse, types};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn request() -> types::Cashier {
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
            .respond_with(ResponseTemplate::new(status).set_body_json(&answer))
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
        match (status, &response.body) {
            (201, CreateCashierResponse::Created(c)) | (200, CreateCashierResponse::Ok(c)) => {
                assert_eq!(serde_json::to_value(c).unwrap(), answer)
            }
            other => panic!("{other:?}"),
        }
    }
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
