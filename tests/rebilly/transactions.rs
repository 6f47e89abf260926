//! Transactions and the cashier's notification (../shared/seeds/004: "Do not
//! interpret this notification as a confirmation, complete a GET request to
//! confirm the result of the transaction").

use super::*;

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
