//! The rules for reading what real servers send (README, "Reading what
//! servers really send"), on `tests/fixtures/real_servers.yaml` (parts of
//! the documents LNbits 1.6.2 and Prefect 3.9.1 serve). The answers are the
//! ones those servers sent, captured by the live suite (`scripts/live.py
//! --capture`, `tests/live/fixtures/`), replayed here byte for byte.

use codegen_runtime::{Error, Nullable};
use payment_apis_suite::fixtures::real_servers::{Client, UnprocessableEntityError, types};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;

use common::{answering, received};

/// A captured exchange: `(status, body)` of what the server answered.
fn captured(name: &str) -> (u16, Value) {
    let path = format!(
        "{}/tests/live/fixtures/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let exchange: Value = serde_json::from_str(&text).unwrap();
    let status = exchange["response"]["status"].as_u64().unwrap() as u16;
    (status, exchange["response"]["body"].clone())
}

/// A server that answers every request with a captured exchange.
async fn replaying(name: &str) -> MockServer {
    let (status, body) = captured(name);
    answering(ResponseTemplate::new(status).set_body_json(body)).await
}

#[tokio::test]
async fn an_undeclared_success_decodes_as_the_documented_one_keeping_its_status() {
    // Prefect's POST /flows/ declares 200 and answers 201 Created.
    let server = replaying("prefect/create_flow_201").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let request = types::FlowCreate::new("fixture-flow").with_tags(["nightly".to_string()]);
    let created = client.create_flow(&request).await.unwrap();
    assert_eq!(
        created.status.as_u16(),
        201,
        "the caller sees the status sent"
    );
    assert_eq!(created.name, "fixture-flow");
    assert_eq!(created.tags.as_deref(), Some(&["nightly".to_string()][..]));
    assert_eq!(
        created.created.as_ref().map(|t| t.to_string()).as_deref(),
        Some("2026-12-05T14:02:33.970009Z")
    );
}

#[tokio::test]
async fn an_undeclared_success_whose_body_fits_nothing_is_an_unexpected_status() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"queued": true})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client
        .create_flow(&types::FlowCreate::new("f"))
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
    // LNbits' new invoice: `expiry` without an offset, `time` with one.
    let server = replaying("lnbits/create_invoice_201").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let request = types::CreateInvoice::new(false, 2100).with_memo("fixture");
    let payment = client.create_invoice(&request).await.unwrap().into_body();
    let (_, sent) = captured("lnbits/create_invoice_201");
    let expiry = payment.expiry.as_ref().expect("present");
    assert_eq!(expiry.offset(), None);
    let written = sent["expiry"].as_str().unwrap();
    assert!(
        !written.ends_with('Z') && !written.contains('+'),
        "{written}"
    );
    assert_eq!(expiry.to_string(), written, "written back as sent");
    assert_eq!(
        expiry.timestamp(),
        format!("{written}Z")
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            .timestamp(),
        "read as UTC"
    );
    assert_eq!(payment.time.to_string(), sent["time"].as_str().unwrap());
    assert_eq!(payment.memo, Nullable::Value("fixture".into()));
    // Nullable text takes `&str` like any other text field.
    assert_eq!(
        serde_json::from_slice::<Value>(&received(&server).await.body).unwrap(),
        json!({"out": false, "amount": 2100, "memo": "fixture"})
    );
}

#[tokio::test]
async fn the_servers_message_is_in_the_errors_display() {
    // LNbits: a validation error as 400, where the document says 422.
    let server = replaying("lnbits/error_400_validation").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client
        .create_invoice(&types::CreateInvoice::new(false, 1))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected HTTP status 400 Bad Request: body.unit: The provided unit is not supported"
    );

    // LNbits: an undeclared 404 with FastAPI's `detail`.
    let server = replaying("lnbits/error_404_payment").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client.get_payment("nope").await.unwrap_err();
    let (_, body) = captured("lnbits/error_404_payment");
    assert_eq!(
        err.to_string(),
        format!(
            "unexpected HTTP status 404 Not Found: {}",
            body["detail"].as_str().unwrap()
        )
    );

    // Prefect: the documented 422, in another shape than it documents.
    let server = replaying("prefect/error_422_exception_message").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client
        .create_variable(&types::VariableCreate::new("Bad Name!", json!(1)))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 422 Unprocessable Entity: Invalid request received."
    );
}

#[tokio::test]
async fn a_validation_error_in_its_documented_shape_says_where() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({"detail": [
            {"loc": ["body", "amount"], "msg": "Input should be a valid integer", "type": "int_parsing"}
        ]})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client
        .create_invoice(&types::CreateInvoice::new(false, 1))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 422 Unprocessable Entity: body.amount: Input should be a valid integer"
    );
    let Some(UnprocessableEntityError::UnprocessableEntity(problem)) = err.api_error() else {
        panic!("{err:?}");
    };
    assert_eq!(
        problem.detail.as_ref().unwrap()[0].loc,
        [
            types::LocationItem::String("body".into()),
            types::LocationItem::String("amount".into())
        ]
    );
}

#[test]
fn a_union_told_apart_by_const_decodes_into_exactly_one_member() {
    // The actions of an automation, as Prefect reads it back.
    let (_, automation) = captured("prefect/read_automation_200");
    let actions: Vec<types::Actions> =
        serde_json::from_value(automation["actions"].clone()).unwrap();
    let kinds: Vec<&str> = actions
        .iter()
        .map(|a| match a {
            types::Actions::DoNothing(_) => "do-nothing",
            types::Actions::RunDeployment(_) => "run-deployment",
            types::Actions::PauseDeployment(_) => "pause-deployment",
            types::Actions::CancelFlowRun(_) => "cancel-flow-run",
            types::Actions::ChangeFlowRunState(_) => "change-flow-run-state",
            types::Actions::Unknown(v) => v["type"].as_str().unwrap_or("?"),
        })
        .collect();
    // The two kinds this document leaves out are kept, not mistaken.
    assert_eq!(
        kinds,
        [
            "do-nothing",
            "cancel-flow-run",
            "change-flow-run-state",
            "pause-work-queue",
            "send-notification"
        ]
    );
    assert!(matches!(&actions[3], types::Actions::Unknown(_)));
    let types::Actions::ChangeFlowRunState(change) = &actions[2] else {
        panic!("{:?}", actions[2]);
    };
    assert_eq!(change.state.as_str(), "CANCELLED");

    // A constant is its own value: the only one that decodes, and the one
    // a fresh value holds.
    assert!(
        serde_json::from_value::<types::DoNothing>(json!({"type": "cancel-flow-run"})).is_err()
    );
    assert_eq!(
        serde_json::to_value(types::DoNothing::default()).unwrap(),
        json!({"type": "do-nothing"})
    );
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

    let server = replaying("prefect/create_flow_201").await;
    let client = Client::with_base_url(server.uri())
        .basic_auth("admin", "secret")
        .authenticate_every_request()
        .build()
        .unwrap();
    client
        .create_flow(&types::FlowCreate::new("f"))
        .await
        .unwrap();
    assert_eq!(
        received(&server)
            .await
            .headers
            .get("authorization")
            .unwrap(),
        "Basic YWRtaW46c2VjcmV0"
    );
}
