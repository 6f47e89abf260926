//! Omno through a local mock server: every operation, exact requests,
//! every documented status decoded.

mod common;

use codegen_runtime::Error;
use payment_apis::omno::{self, types};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> omno::Client {
    omno::Client::with_base_url(server.uri())
        .bearer_token("omno-token")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn create_cashier_session_sends_the_documented_request() {
    let spec = common::spec("omno");
    let request = common::example(&spec, "/public/cashier/session", "post", None);
    let answer = common::example(&spec, "/public/cashier/session", "post", Some("200"));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/public/cashier/session"))
        .and(header("authorization", "Bearer omno-token"))
        .and(header("content-type", "application/json"))
        .and(body_json(&request))
        .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
        .expect(1)
        .mount(&server)
        .await;
    let body: types::CreateCashierSessionRequest = common::decode(&request);
    let session = client(&server)
        .await
        .create_cashier_session(&body)
        .await
        .unwrap();
    assert_eq!(session.status, 200);
    assert_eq!(serde_json::to_value(&session.body).unwrap(), answer);
}

#[tokio::test]
async fn create_payout_decodes_status_and_money() {
    let spec = common::spec("omno");
    let request = common::example(&spec, "/public/payout", "post", None);
    let answer = common::example(&spec, "/public/payout", "post", Some("200"));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/public/payout"))
        .and(body_json(&request))
        .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
        .mount(&server)
        .await;
    let body: types::CreatePayoutRequest = common::decode(&request);
    let payout = client(&server)
        .await
        .create_payout(&body)
        .await
        .unwrap()
        .into_body();
    assert_eq!(payout.status, Some(types::PayoutStatus::Created));
    let sent = &server.received_requests().await.unwrap()[0];
    // The decimal amount goes out with exactly its digits.
    assert!(
        String::from_utf8_lossy(&sent.body).contains(&format!("\"value\":{}", request["value"]))
    );
}

#[tokio::test]
async fn fetch_payout_transaction_decodes_the_documented_answer() {
    let spec = common::spec("omno");
    let answer = common::example(&spec, "/public/payout/{payoutId}", "get", Some("200"));
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/public/payout/944732c4608c441aa91379478b91f76e"))
        .and(header("authorization", "Bearer omno-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
        .expect(1)
        .mount(&server)
        .await;
    let payout = client(&server)
        .await
        .fetch_payout_transaction("944732c4608c441aa91379478b91f76e")
        .await
        .unwrap()
        .into_body();
    // Every documented field decodes, and encodes back to the same answer.
    assert_eq!(serde_json::to_value(&payout).unwrap(), answer);
    assert_eq!(payout.status, Some(types::PayoutStatus::Pending));
    assert_eq!(payout.amount, Some(rust_decimal::Decimal::from(100)));
    assert_eq!(payout.previous_transaction_count, Some(3));
    let reason = payout.status_reason.as_ref().unwrap();
    assert_eq!(
        reason.detailed_status.as_deref(),
        Some("WAITING_FOR_CONFIRMATION")
    );
    assert_eq!(
        payout.metadata.as_ref().unwrap()["campaign"],
        json!("spring")
    );
    // Card data is redacted in Debug.
    let printed = format!("{payout:?}");
    assert!(
        !printed.contains("411111") && !printed.contains("9f86d081"),
        "{printed}"
    );
}

#[tokio::test]
async fn fetched_payouts_need_no_field_and_keep_unknown_statuses() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/public/payout/p-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/public/payout/p-2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "p-2", "status": "SETTLED_ELSEWHERE"})),
        )
        .mount(&server)
        .await;
    let c = client(&server).await;
    let empty = c.fetch_payout_transaction("p-1").await.unwrap().into_body();
    assert_eq!(empty, types::PayoutTransaction::default());
    let unknown = c.fetch_payout_transaction("p-2").await.unwrap().into_body();
    assert_eq!(
        unknown.status,
        Some(types::PayoutStatus::Other("SETTLED_ELSEWHERE".into()))
    );
    assert_eq!(
        serde_json::to_value(&unknown).unwrap(),
        json!({"id": "p-2", "status": "SETTLED_ELSEWHERE"})
    );
}

#[tokio::test]
async fn confirm_and_reject_encode_the_payout_id_into_one_segment() {
    let server = MockServer::start().await;
    for action in ["confirm", "reject"] {
        Mock::given(method("PUT"))
            .and(path(format!("/public/payout/..%2Fx%3Fy%23z/{action}")))
            .and(header("authorization", "Bearer omno-token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let c = client(&server).await;
    assert!(c.confirm_payout("../x?y#z").await.unwrap().body.is_empty());
    assert!(c.reject_payout("../x?y#z").await.unwrap().body.is_empty());
    // A value no encoding can keep inside its segment is refused unsent.
    assert!(matches!(
        c.confirm_payout("..").await,
        Err(Error::InvalidRequest(_))
    ));
}

#[tokio::test]
async fn every_documented_error_status_is_typed() {
    let spec = common::spec("omno");
    let request: types::CreatePayoutRequest =
        common::decode(&common::example(&spec, "/public/payout", "post", None));
    for (status, kind) in [
        (400, "BadRequest"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (409, "Conflict"),
        (500, "InternalServerError"),
    ] {
        let server = MockServer::start().await;
        let body = common::example(&spec, "/public/payout", "post", Some(&status.to_string()));
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&body))
            .expect(1)
            .mount(&server)
            .await;
        let err = client(&server)
            .await
            .create_payout(&request)
            .await
            .unwrap_err();
        let Error::Api(api) = &err else {
            panic!("{status}: {err:?}")
        };
        assert_eq!(api.status, status);
        assert_eq!(api.body.kind(), kind);
        // Display shows the API's own message.
        let message = body["errorMessage"].as_str().unwrap();
        assert!(err.to_string().contains(message), "{err}");
    }
}

#[tokio::test]
async fn confirm_errors_carry_the_error_body() {
    let server = MockServer::start().await;
    let body = json!({"errorKey": "PAYOUT_NOT_FOUND", "errorMessage": "Payout not found", "errorCode": 404});
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(404).set_body_json(&body))
        .mount(&server)
        .await;
    let err = client(&server)
        .await
        .confirm_payout("p-1")
        .await
        .unwrap_err();
    match err.api_error() {
        Some(omno::Http400To500Error::NotFound(e)) => {
            assert_eq!(e.error_key.as_deref(), Some("PAYOUT_NOT_FOUND"));
            assert_eq!(e.error_code, Some(404));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn debug_output_redacts_personal_data_and_secrets() {
    let spec = common::spec("omno");
    let request: types::CreatePayoutRequest =
        common::decode(&common::example(&spec, "/public/payout", "post", None));
    let printed = format!("{request:?}");
    for secret in [
        "john.doe@example.com",
        "1 1234567890",
        "1990-12-01",
        "Doe",
        "123 Main St",
        "30308",
    ] {
        assert!(!printed.contains(secret), "{secret} leaked: {printed}");
    }
    assert!(printed.contains("[redacted]"));
    let client = omno::Client::production()
        .bearer_token("very-secret")
        .build()
        .unwrap();
    assert!(!format!("{client:?} {client}").contains("very-secret"));
    let _: Value = serde_json::to_value(&request).unwrap();
}
