//! Rebilly through a local mock server: alternative credentials, two
//! success statuses with different meanings, typed rate-limit headers,
//! problem-details errors; reading a transaction, and the cashier's
//! notification confirmed by that read.

mod common;

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

// ---------------------------------------------------------------------------
// Transactions and the cashier's notification (../shared/seeds/004: "Do not
// interpret this notification as a confirmation, complete a GET request to
// confirm the result of the transaction").

const TXN: &str = "txn_01HXYZB7C8D9E0F1G2H3J4K5MN";

/// The documented answer of `GET /transactions/{id}`: every property, the
/// nullable ones that are not set `null`.
fn transaction_example() -> Value {
    common::example(
        &common::spec("rebilly"),
        "/transactions/{id}",
        "get",
        Some("200"),
    )
}

/// Every property of the answer with a value, nullable ones included.
fn every_property_set() -> Value {
    let mut t = transaction_example();
    let o = t.as_object_mut().unwrap();
    o.insert(
        "parentTransactionId".into(),
        json!("txn_01HXYZ0PARENT000000000000"),
    );
    o.insert("disputeTime".into(), json!("2024-02-01T09:00:00Z"));
    o.insert("discrepancyTime".into(), json!("2024-02-02T10:30:00Z"));
    o.insert("disputeStatus".into(), json!("under-review"));
    o.insert("isDisputed".into(), json!(true));
    o.insert("status".into(), json!("disputed"));
    t
}

/// Every nullable property `null`.
fn every_nullable_null() -> Value {
    let mut t = transaction_example();
    let o = t.as_object_mut().unwrap();
    for key in [
        "parentTransactionId",
        "gatewayAccountId",
        "gatewayTransactionId",
        "gatewayName",
        "settlementTime",
        "disputeTime",
        "discrepancyTime",
        "disputeStatus",
        "billingDescriptor",
        "bin",
        "arn",
        "redirectUrl",
        "notificationUrl",
    ] {
        assert!(o.contains_key(key), "{key}");
        o.insert(key.into(), Value::Null);
    }
    let contact = o["billingAddress"].as_object_mut().unwrap();
    for key in [
        "firstName",
        "lastName",
        "organization",
        "address",
        "address2",
        "city",
        "region",
        "country",
        "postalCode",
        "dob",
        "jobTitle",
    ] {
        contact.insert(key.into(), Value::Null);
    }
    for response in ["response", "avsResponse", "cvvResponse"] {
        let r = o["gateway"][response].as_object_mut().unwrap();
        for key in ["code", "message", "originalCode", "originalMessage"] {
            r.insert(key.into(), Value::Null);
        }
    }
    t.as_object_mut().unwrap()["paymentInstrument"] =
        json!({"method": "bank-transfer", "paymentInstrumentId": "inst_1", "reference": null});
    t
}

#[tokio::test]
async fn a_maximal_transaction_decodes_through_the_client() {
    for answer in [
        transaction_example(),
        every_property_set(),
        every_nullable_null(),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(format!("/transactions/{TXN}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
            .expect(1)
            .mount(&server)
            .await;
        let transaction = api_key_client(&server)
            .await
            .get_transaction(TXN)
            .await
            .unwrap()
            .into_body();
        // Nothing is lost or changed: absent, null and values come back as sent.
        assert_eq!(serde_json::to_value(&transaction).unwrap(), answer);
        assert_eq!(transaction.id.as_deref(), Some(TXN));
        assert_eq!(transaction.result, Some(types::TransactionResult::Approved));
        assert_eq!(transaction.r#type, Some(types::TransactionType::Sale));
        // Money is exact.
        assert_eq!(
            transaction.amount,
            Some(rust_decimal::Decimal::new(15025, 2))
        );
        assert_eq!(transaction.report_amount.unwrap().to_string(), "138.7");
        assert_eq!(transaction.links.as_ref().unwrap().len(), 2);
    }
    let full: types::Transaction = common::decode(&every_property_set());
    assert_eq!(
        full.dispute_status,
        codegen_runtime::Nullable::Value(types::TransactionDisputeStatus::UnderReview)
    );
    assert_eq!(full.status, Some(types::TransactionStatus::Disputed));
    assert_eq!(
        full.discrepancy_time.as_ref().unwrap().to_rfc3339(),
        "2024-02-02T10:30:00+00:00"
    );
    let instrument = full.payment_instrument.as_ref().unwrap();
    let vaulted = instrument.vaulted_instrument.as_ref().unwrap();
    assert_eq!(vaulted.method, types::VaultedInstrumentMethod::PaymentCard);
    assert_eq!(
        full.gateway
            .as_ref()
            .unwrap()
            .avs_response
            .as_ref()
            .unwrap()
            .code,
        codegen_runtime::Nullable::Value("Y".to_string())
    );
    let nulls: types::Transaction = common::decode(&every_nullable_null());
    assert_eq!(nulls.dispute_status, codegen_runtime::Nullable::Null);
    assert_eq!(nulls.gateway_name, codegen_runtime::Nullable::Null);
    let alternative = nulls.payment_instrument.as_ref().unwrap();
    let alternative = alternative.alternative_instrument.as_ref().unwrap();
    assert_eq!(alternative.method, "bank-transfer");
    assert_eq!(alternative.reference, codegen_runtime::Nullable::Null);
    // No property is required: an empty object is a transaction.
    let empty: types::Transaction = common::decode(&json!({}));
    assert_eq!(empty, types::Transaction::default());
}

#[test]
fn values_the_spec_does_not_list_are_kept() {
    let mut answer = transaction_example();
    let o = answer.as_object_mut().unwrap();
    o.insert("result".into(), json!("pending-review"));
    o.insert("status".into(), json!("archived"));
    o.insert("type".into(), json!("payout"));
    o.insert("disputeStatus".into(), json!("pre-arbitration"));
    o.insert("gatewayName".into(), json!("SomeNewGateway"));
    o.insert(
        "paymentInstrument".into(),
        json!({"method": "cash", "receivedBy": "Front desk"}),
    );
    let transaction: types::Transaction = common::decode(&answer);
    assert_eq!(
        transaction.result,
        Some(types::TransactionResult::Other("pending-review".into()))
    );
    assert_eq!(
        transaction.status,
        Some(types::TransactionStatus::Other("archived".into()))
    );
    let cash = transaction.payment_instrument.as_ref().unwrap();
    assert_eq!(
        cash.cash_instrument
            .as_ref()
            .unwrap()
            .received_by
            .as_deref(),
        Some("Front desk")
    );
    // A cash instrument has no ID, so it is no vaulted one.
    assert!(cash.vaulted_instrument.is_none());
    assert_eq!(serde_json::to_value(&transaction).unwrap(), answer);
}

#[test]
fn the_billing_contact_is_redacted_in_debug() {
    let transaction: types::Transaction = common::decode(&transaction_example());
    let printed = format!("{transaction:?}");
    for personal in [
        "Jane",
        "Smith",
        "36 Craven St",
        "Floor 2",
        "WC2N 5NF",
        "+44 20 7946 0000",
        "jane.smith@example.com",
        "1980-04-01",
    ] {
        assert!(!printed.contains(personal), "{personal} in {printed}");
    }
    assert!(printed.contains(TXN), "{printed}");
}

#[tokio::test]
async fn get_transaction_sends_the_id_expand_and_either_credential() {
    for api_key in [true, false] {
        let server = MockServer::start().await;
        let auth = if api_key {
            header("reb-apikey", "reb-key")
        } else {
            header("authorization", "Bearer jwt-token")
        };
        Mock::given(method("GET"))
            .and(path("/transactions/txn~1.a-b_c%40d"))
            .and(query_param("expand", "customer,website"))
            .and(auth)
            .respond_with(ResponseTemplate::new(200).set_body_json(transaction_example()))
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
        client
            .get_transaction("txn~1.a-b_c@d")
            .expand("customer,website")
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn an_id_rebilly_cannot_hold_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = api_key_client(&server).await;
    // A notification is anyone's to forge: its id never leaves the path segment.
    for id in [
        "../cashiers",
        "txn_1?expand=customer",
        "txn 1",
        "",
        &"t".repeat(51),
    ] {
        let err = client.get_transaction(id).await.unwrap_err();
        let Error::Validation(v) = &err else {
            panic!("{id:?}: {err:?}")
        };
        assert!(v.violations.iter().all(|v| v.path == "id"), "{v}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn get_transaction_errors_are_typed_problems() {
    let spec = common::spec("rebilly");
    for status in [401, 403, 404] {
        let server = MockServer::start().await;
        let body = common::example(
            &spec,
            "/transactions/{id}",
            "get",
            Some(&status.to_string()),
        );
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&body))
            .mount(&server)
            .await;
        let err = api_key_client(&server)
            .await
            .get_transaction(TXN)
            .await
            .unwrap_err();
        let problem = match (status, err.api_error()) {
            (401, Some(rebilly::GetTransactionError::Unauthorized(p)))
            | (403, Some(rebilly::GetTransactionError::Forbidden(p)))
            | (404, Some(rebilly::GetTransactionError::NotFound(p))) => p,
            other => panic!("{other:?}"),
        };
        assert_eq!(serde_json::to_value(problem).unwrap(), body);
        assert!(
            err.to_string().contains(body["title"].as_str().unwrap()),
            "{err}"
        );
    }
}

/// What the merchant does once it has read the transaction back.
#[derive(Debug, PartialEq)]
enum Outcome {
    Credit(rust_decimal::Decimal),
    Refuse(types::TransactionResult),
    Wait,
}

/// The merchant's handler of a notification: read the URL it arrived at,
/// confirm with a GET, act on the result the GET answers (never on the
/// notification's).
async fn on_notification(
    client: &rebilly::Client,
    notify: &UrlTemplate,
    target: &str,
    customer_id: &str,
) -> Result<(types::TransactionNotification, Outcome), Box<dyn std::error::Error>> {
    let notification: types::TransactionNotification = notify.read_as(target)?;
    let transaction = client.get_transaction(&notification.id).await?.into_body();
    if transaction.customer_id.as_deref() != Some(customer_id) {
        return Err("the transaction is another customer's".into());
    }
    let outcome = match transaction.result {
        Some(types::TransactionResult::Approved) => Outcome::Credit(
            transaction
                .amount
                .ok_or("an approved transaction without amount")?,
        ),
        Some(
            refused @ (types::TransactionResult::Declined
            | types::TransactionResult::Canceled
            | types::TransactionResult::Abandoned),
        ) => Outcome::Refuse(refused),
        _ => Outcome::Wait,
    };
    Ok((notification, outcome))
}

/// Rebilly's side of a notification, as the seed describes it: the
/// placeholders of the URL it was given are replaced, and it POSTs there.
async fn notify_like_rebilly(notification_url: &str, id: &str, result: &str) {
    let url = notification_url
        .replace("{id}", id)
        .replace("{result}", result);
    let sent = reqwest::Client::new().post(&url).send().await.unwrap();
    assert!(sent.status().is_success());
}

/// The request target (path and query, still encoded) of the one request
/// a server received.
async fn received_target(server: &MockServer) -> String {
    let received = server.received_requests().await.unwrap();
    let [request] = received.as_slice() else {
        panic!("{} requests", received.len())
    };
    match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_string(),
    }
}

#[tokio::test]
async fn the_notification_says_approved_but_the_transaction_read_back_wins() {
    let rebilly_server = MockServer::start().await;
    let merchant = MockServer::start().await;
    let client = api_key_client(&rebilly_server).await;

    // 1. The cashier is created with a notification URL whose placeholders
    //    reach Rebilly as written, the merchant's own reference encoded.
    let notify = UrlTemplate::builder(format!("{}/rebilly/notify", merchant.uri()))
        .query("deposit", "dep 2024/0001")
        .query_placeholder("transaction", "id")
        .query_placeholder("result", "result")
        .build()
        .unwrap();
    notify
        .check_placeholders(&["id", "result"], &["id", "result"])
        .unwrap();
    let expected_url = format!(
        "{}/rebilly/notify?deposit=dep%202024%2F0001&transaction={{id}}&result={{result}}",
        merchant.uri()
    );
    assert_eq!(notify.as_str(), expected_url);
    let spec = common::spec("rebilly");
    Mock::given(method("POST"))
        .and(path("/cashiers"))
        .respond_with(ResponseTemplate::new(201).set_body_json(common::example(
            &spec,
            "/cashiers",
            "post",
            Some("201"),
        )))
        .expect(1)
        .mount(&rebilly_server)
        .await;
    let customer = "cus_01HXYZ4ABCDEF0123456789XYZ";
    let cashier = types::CashierRequest::new(customer, "web_0YV7DE4Z26DQSA1AC92FBJ7SEG", "USD")
        .with_notification_url(&notify);
    client.create_cashier(&cashier).await.unwrap();
    let sent = &rebilly_server.received_requests().await.unwrap()[0];
    assert!(
        std::str::from_utf8(&sent.body)
            .unwrap()
            .contains("transaction={id}&result={result}"),
        "{}",
        String::from_utf8_lossy(&sent.body)
    );
    let given: Value = serde_json::from_slice(&sent.body).unwrap();
    let given = given["notificationUrl"].as_str().unwrap();
    assert_eq!(given, expected_url);

    // 2. Rebilly notifies: approved, it says.
    Mock::given(method("POST"))
        .and(path("/rebilly/notify"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&merchant)
        .await;
    notify_like_rebilly(given, TXN, "approved").await;

    // 3. The GET that confirms answers declined: the GET wins.
    let mut declined = transaction_example();
    declined["result"] = json!("declined");
    Mock::given(method("GET"))
        .and(path(format!("/transactions/{TXN}")))
        .and(header("reb-apikey", "k"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&declined))
        .expect(1)
        .mount(&rebilly_server)
        .await;
    let target = received_target(&merchant).await;
    let (notification, outcome) = on_notification(&client, &notify, &target, customer)
        .await
        .unwrap();
    assert_eq!(notification.id, TXN);
    assert_eq!(notification.result, types::TransactionResult::Approved);
    assert_eq!(outcome, Outcome::Refuse(types::TransactionResult::Declined));
}

#[tokio::test]
async fn a_result_the_notification_does_not_list_is_confirmed_too() {
    let rebilly_server = MockServer::start().await;
    let merchant = MockServer::start().await;
    let client = api_key_client(&rebilly_server).await;
    let notify =
        UrlTemplate::parse(&format!("{}/hooks/{{id}}/{{result}}", merchant.uri())).unwrap();
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&merchant)
        .await;
    // Rebilly does not list the values of {result}: an unknown one is kept.
    notify_like_rebilly(notify.as_str(), TXN, "pending-review").await;
    Mock::given(method("GET"))
        .and(path(format!("/transactions/{TXN}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction_example()))
        .expect(1)
        .mount(&rebilly_server)
        .await;
    let target = received_target(&merchant).await;
    assert_eq!(target, format!("/hooks/{TXN}/pending-review"));
    let (notification, outcome) =
        on_notification(&client, &notify, &target, "cus_01HXYZ4ABCDEF0123456789XYZ")
            .await
            .unwrap();
    assert_eq!(
        notification.result,
        types::TransactionResult::Other("pending-review".into())
    );
    assert_eq!(
        outcome,
        Outcome::Credit(rust_decimal::Decimal::new(15025, 2))
    );
}

#[tokio::test]
async fn a_forged_or_foreign_notification_changes_nothing() {
    let server = MockServer::start().await;
    let client = api_key_client(&server).await;
    let notify =
        UrlTemplate::parse("https://shop.example/rebilly/notify?transaction={id}&result={result}")
            .unwrap();
    let customer = "cus_01HXYZ4ABCDEF0123456789XYZ";
    for target in [
        "/rebilly/other?transaction=txn_1&result=approved",
        "/rebilly/notify?transaction=txn_1",
        "/rebilly/notify?transaction={id}&result=approved",
        "/rebilly/notify?transaction=txn_1&transaction=txn_2&result=approved",
    ] {
        let err = on_notification(&client, &notify, target, customer)
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("does not match"),
            "{target}: {err}"
        );
    }
    // An id Rebilly cannot hold never reaches it.
    let err = on_notification(
        &client,
        &notify,
        "/rebilly/notify?transaction=..%2Fcashiers&result=approved",
        customer,
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("pattern"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
    // A real transaction of another customer is not credited.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(transaction_example()))
        .mount(&server)
        .await;
    let err = on_notification(
        &client,
        &notify,
        &format!("/rebilly/notify?transaction={TXN}&result=approved"),
        "cus_someone_else",
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("another customer"), "{err}");
}

// ---------------------------------------------------------------------------
// The spec against the seed it was written from.

/// `../shared/seeds/004_7a0dd7b2d73ee0b9.txt` (Rebilly's `POST /cashiers`),
/// when it is beside the repository.
fn seed() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds/004_7a0dd7b2d73ee0b9.txt");
    let text = std::fs::read_to_string(&path).ok();
    if text.is_none() {
        println!("skipped: {} is not beside the repository", path.display());
    }
    text
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The schema `#/components/schemas/<name>`, through one `$ref`.
fn schema<'a>(spec: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => spec
            .pointer(r.trim_start_matches('#'))
            .expect("ref resolves"),
        None => node,
    }
}

#[test]
fn the_cashier_request_has_the_seeds_fields() {
    let Some(seed) = seed() else { return };
    let spec = common::spec("rebilly");
    assert!(seed.starts_with("POST /cashiers"), "{seed}");
    let op = &spec["paths"]["/cashiers"]["post"];
    let request = schema(
        &spec,
        &op["requestBody"]["content"]["application/json"]["schema"],
    );
    let fields = seed_fields(&seed);
    assert_eq!(fields.len(), 11, "{fields:?}");
    for (name, ty, required) in fields {
        let (parent, prop) = match name.split_once('.') {
            Some((parent, prop)) => (schema(&spec, &request["properties"][parent]), prop),
            None => (request, name.as_str()),
        };
        let property = schema(&spec, &parent["properties"][prop]);
        let expected = ty.to_lowercase();
        assert_eq!(property["type"].as_str(), Some(expected.as_str()), "{name}");
        let listed = parent["required"]
            .as_array()
            .is_some_and(|r| r.iter().any(|n| n == prop));
        assert_eq!(listed, required, "{name}: required");
    }
}

/// `name Type Yes|No` lines of the seed's table of request body fields.
fn seed_fields(seed: &str) -> Vec<(String, String, bool)> {
    let body = seed
        .split_once("Request body fields")
        .expect("the seed lists the request body fields")
        .1;
    body.lines()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                [
                    name,
                    ty @ ("String" | "Number" | "Object" | "Boolean" | "Integer" | "Array"),
                    req @ ("Yes" | "No"),
                ] => Some((name.to_string(), ty.to_string(), *req == "Yes")),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn the_notification_is_described_as_the_seed_says_and_confirmed_by_a_get() {
    let Some(seed) = seed() else { return };
    let spec = common::spec("rebilly");
    let seed_text = words(&seed);
    let start = seed_text
        .find("URL where a server-to-server POST notification is sent.")
        .expect("the seed describes notificationUrl");
    let end = seed_text[start..]
        .find("accordingly.")
        .map(|e| start + e + "accordingly.".len())
        .unwrap();
    let described = &seed_text[start..end];
    assert!(described.contains("complete a GET request to confirm the result of the transaction"));
    let schemas = &spec["components"]["schemas"];
    for owner in ["CashierRequest", "Transaction"] {
        let docs = words(
            schemas[owner]["properties"]["notificationUrl"]["description"]
                .as_str()
                .unwrap(),
        );
        assert!(docs.contains(described), "{owner}: {docs}");
        // Placeholders are part of the URL: not a plain `uri`.
        assert_eq!(
            schemas[owner]["properties"]["notificationUrl"]["format"], "uri-template",
            "{owner}"
        );
    }
    // The placeholders the seed names are the notification's fields...
    let mut placeholders: Vec<&str> = described
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    placeholders.sort();
    placeholders.dedup();
    assert_eq!(placeholders, ["id", "result"]);
    let notification = &schemas["TransactionNotification"];
    for name in &placeholders {
        assert!(notification["properties"].get(*name).is_some(), "{name}");
    }
    // ...and the GET that confirms reads the transaction by that id, whose
    // result has the notification's type.
    let get = &spec["paths"]["/transactions/{id}"]["get"];
    assert_eq!(get["operationId"], "GetTransaction");
    assert_eq!(get["parameters"][0]["name"], "id");
    assert_eq!(get["parameters"][0]["in"], "path");
    let answer = schema(
        &spec,
        &get["responses"]["200"]["content"]["application/json"]["schema"],
    );
    assert_eq!(
        answer["properties"]["result"],
        notification["properties"]["result"]
    );
    assert_eq!(
        answer["properties"]["id"]["maxLength"],
        notification["properties"]["id"]["maxLength"]
    );
}
