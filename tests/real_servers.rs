//! The rules for reading what real servers send (README, "Reading what
//! servers really send"), on `tests/fixtures/real_servers.yaml`: a FastAPI
//! payments server's document and answers (LNbits' invoices) and a Pydantic
//! union of automation actions (Prefect's). Each answer below is what such
//! a server sends, not what its document says.

use codegen_runtime::{Error, Nullable};
use payment_apis_suite::fixtures::real_servers::{Client, CreateInvoiceError, types};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

async fn received(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

/// An invoice as LNbits answers its creation: `201`, and date-times
/// without an offset (Python's naive `datetime.isoformat()`).
fn invoice() -> serde_json::Value {
    json!({
        "checking_id": "c0ffee",
        "payment_hash": "5f1a",
        "amount": 21000,
        "status": "pending",
        "time": "2026-12-05T11:03:12.611204",
        "expiry": "2026-12-05T12:03:12",
        "memo": null
    })
}

#[tokio::test]
async fn an_undeclared_success_decodes_as_the_documented_one_keeping_its_status() {
    // The document declares only 200; the server answers 201 Created.
    let server = server(ResponseTemplate::new(201).set_body_json(invoice())).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let request = types::CreateInvoice::new(false, 21000).with_memo("coffee");
    let created = client.create_invoice(&request).await.unwrap();
    assert_eq!(
        created.status.as_u16(),
        201,
        "the caller sees the status sent"
    );
    assert_eq!(created.payment_hash, "5f1a");
    // Nullable text takes `&str` like any other text field.
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&received(&server).await.body).unwrap(),
        json!({"out": false, "amount": 21000, "memo": "coffee"})
    );
}

#[tokio::test]
async fn an_undeclared_success_whose_body_fits_nothing_is_an_unexpected_status() {
    let server = server(ResponseTemplate::new(202).set_body_json(json!({"queued": true}))).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client
        .create_invoice(&types::CreateInvoice::new(true, 1))
        .await
        .unwrap_err();
    let Error::UnexpectedStatus { status, body, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(status.as_u16(), 202);
    assert_eq!(&body[..], br#"{"queued":true}"#);
}

#[tokio::test]
async fn a_date_time_without_an_offset_is_utc_and_written_back_as_sent() {
    let server = server(ResponseTemplate::new(200).set_body_json(invoice())).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let payment = client.get_payment("5f1a").await.unwrap().into_body();
    let expiry = payment.expiry.as_ref().expect("present");
    assert_eq!(expiry.offset(), None);
    assert_eq!(
        expiry.timestamp(),
        "2026-12-05T12:03:12Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            .timestamp()
    );
    assert_eq!(payment.time.to_string(), "2026-12-05T11:03:12.611204");
    assert_eq!(payment.memo, Nullable::Null);
    // Stored or forwarded, the answer is what the server sent.
    assert_eq!(serde_json::to_value(&payment).unwrap(), invoice());
}

#[tokio::test]
async fn the_servers_message_is_in_the_errors_display() {
    // An undeclared 404 with FastAPI's `detail`.
    let mock = server(
        ResponseTemplate::new(404).set_body_json(json!({"detail": "Payment does not exist."})),
    )
    .await;
    let client = Client::with_base_url(mock.uri()).build().unwrap();
    let err = client.get_payment("nope").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected HTTP status 404 Not Found: Payment does not exist."
    );

    // A 400 where 422 is documented, in another server's shape.
    let mock = server(ResponseTemplate::new(400).set_body_json(
        json!({"exception_message": "Invalid amount: must be positive.", "exception_detail": {}}),
    ))
    .await;
    let client = Client::with_base_url(mock.uri()).build().unwrap();
    let err = client
        .create_invoice(&types::CreateInvoice::new(false, -1))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .ends_with(": Invalid amount: must be positive."),
        "{err}"
    );

    // The documented 422, Pydantic's list of problems with where they are.
    let mock = server(ResponseTemplate::new(422).set_body_json(json!({"detail": [
        {"loc": ["body", "amount"], "msg": "Input should be a valid integer", "type": "int_parsing"}
    ]})))
    .await;
    let client = Client::with_base_url(mock.uri()).build().unwrap();
    let err = client
        .create_invoice(&types::CreateInvoice::new(false, 1))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 422 Unprocessable Entity: body.amount: Input should be a valid integer"
    );
    let Some(CreateInvoiceError::UnprocessableEntity(problem)) = err.api_error() else {
        panic!("{err:?}");
    };
    let detail = &problem.detail.as_ref().unwrap()[0];
    assert_eq!(
        detail.loc,
        [
            types::LocationItem::String("body".into()),
            types::LocationItem::String("amount".into())
        ]
    );
}

#[test]
fn a_union_told_apart_by_const_decodes_into_exactly_one_member() {
    let actions: Vec<types::Actions> = serde_json::from_value(json!([
        {"type": "do-nothing"},
        {"type": "run-deployment", "deployment_id": "0b5a3b6e-4f5e-4a0b-9a1e-6c0e0c7a1f00"},
        {"type": "pause-deployment", "deployment_id": null},
        {"type": "send-notification", "block_document_id": "x"}
    ]))
    .unwrap();
    assert!(matches!(actions[0], types::Actions::DoNothing(_)));
    let types::Actions::RunDeployment(run) = &actions[1] else {
        panic!("{:?}", actions[1]);
    };
    assert!(matches!(run.deployment_id, Nullable::Value(_)));
    assert!(matches!(actions[2], types::Actions::PauseDeployment(_)));
    // A kind of action this client does not know is kept, not mistaken.
    assert!(matches!(&actions[3], types::Actions::Unknown(v) if v["type"] == "send-notification"));

    // A constant is its own value: the only one that decodes, and the one
    // `new()` writes.
    assert!(serde_json::from_value::<types::DoNothing>(json!({"type": "run-deployment"})).is_err());
    assert_eq!(types::DoNothingType::default().as_str(), "do-nothing");
}

#[test]
fn anyof_of_values_of_different_types_is_one_of_them() {
    let loc: Vec<types::LocationItem> = serde_json::from_value(json!(["body", 0])).unwrap();
    assert_eq!(
        loc,
        [
            types::LocationItem::String("body".into()),
            types::LocationItem::Integer(0)
        ]
    );
}

#[tokio::test]
async fn a_credential_no_operation_asks_for_is_refused_or_sent_everywhere() {
    // `security: []` at the top, a basic scheme the server really wants.
    let err = Client::with_base_url("http://127.0.0.1:9")
        .basic_auth("admin", "secret")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("would never be sent"), "{err}");

    let server = server(ResponseTemplate::new(200).set_body_json(invoice())).await;
    let client = Client::with_base_url(server.uri())
        .basic_auth("admin", "secret")
        .authenticate_every_request()
        .build()
        .unwrap();
    client.get_payment("5f1a").await.unwrap();
    assert_eq!(
        received(&server)
            .await
            .headers
            .get("authorization")
            .unwrap(),
        "Basic YWRtaW46c2VjcmV0"
    );
}
