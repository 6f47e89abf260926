//! The wire, byte for byte: every parameter style, explode and body
//! encoding of `tests/fixtures/wire.yaml`, sent through its generated
//! client to a local server that records exactly what arrived.

use std::str::FromStr;

use payment_apis_suite::fixtures::wire::{Client, GetItemsError, types};
use rust_decimal::Decimal;
use serde_json::json;
use wiremock::{MockServer, Request, ResponseTemplate};

mod common;

use common::{answering, received};

async fn server(status: u16, content_type: &str, body: &str) -> MockServer {
    answering(ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type))
        .await
}

fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or_else(|| panic!("no {name} header"))
}

#[tokio::test]
async fn every_parameter_style_goes_out_as_the_spec_says() {
    let server = server(204, "text/plain", "").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let point = types::Point::new(1, 2);
    client
        .get_items(&[3, 4, 5], &["a".into(), "b/c".into()], &point)
        .tag(vec![3, 4])
        .csv(vec!["a".into(), "b c".into()])
        .spaced(vec![1, 2])
        .piped(vec![1, 2])
        .origin(types::Point::new(5, 6))
        .corner(types::Point::new(7, 8))
        .created(types::Range {
            gt: Some(1700000000),
            lte: None,
        })
        .expand(vec!["data.source".into(), "customer".into()])
        .filter(types::Point::new(9, 10))
        .next("https://shop.example/back?a=1&b=2#top")
        .q("50% off & more/less")
        .amount(Decimal::from_str("10.50").unwrap())
        .paid(false)
        .since("2026-12-01T12:30:45Z".parse().unwrap())
        .x_trace(vec!["t1".into(), "t2".into()])
        .x_point(types::Point::new(3, 4))
        .session("abc")
        .prefs(vec!["dark".into(), "compact".into()])
        .await
        .unwrap();
    let request = received(&server).await;
    assert_eq!(request.url.path(), "/items/3,4,5/.a.b%2Fc/;point=x,1,y,2");
    assert_eq!(
        request.url.query().unwrap(),
        [
            "tag=3&tag=4",
            "csv=a,b%20c",
            "spaced=1%202",
            "piped=1|2",
            "x=5&y=6",
            "corner=x,7,y,8",
            "created[gt]=1700000000",
            "expand[0]=data.source&expand[1]=customer",
            "filter=%7B%22x%22%3A9%2C%22y%22%3A10%7D",
            "next=https://shop.example/back?a=1%26b=2%23top",
            "q=50%25%20off%20%26%20more%2Fless",
            "amount=10.50",
            "paid=false",
            "since=2026-12-01T12%3A30%3A45Z",
        ]
        .join("&")
    );
    assert_eq!(header(&request, "x-trace"), "t1,t2");
    assert_eq!(header(&request, "x-point"), "x=3,y=4");
    assert_eq!(
        header(&request, "cookie"),
        "session=abc; prefs=dark,compact"
    );
}

#[tokio::test]
async fn absent_optional_parameters_are_left_out() {
    let server = server(204, "text/plain", "").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client
        .get_items(&[1], &["a".into()], &types::Point::new(0, 0))
        .await
        .unwrap();
    let request = received(&server).await;
    assert_eq!(request.url.path(), "/items/1/.a/;point=x,0,y,0");
    assert_eq!(request.url.query(), None);
    assert!(request.headers.get("x-trace").is_none());
    assert!(request.headers.get("cookie").is_none());
}

#[tokio::test]
async fn a_value_the_style_cannot_hold_is_refused_before_sending() {
    let server = server(204, "text/plain", "").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    // An empty path segment would change the path.
    let err = client
        .get_items(&[], &["a".into()], &types::Point::new(0, 0))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, codegen_runtime::Error::InvalidRequest(m) if m.contains("ids")),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn problem_json_errors_decode() {
    let server = server(
        400,
        "application/problem+json",
        r#"{"title":"Bad filter","detail":"x must be positive"}"#,
    )
    .await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client
        .get_items(&[1], &["a".into()], &types::Point::new(0, 0))
        .await
        .unwrap_err();
    let Some(GetItemsError::BadRequest(problem)) = err.api_error() else {
        panic!("{err:?}");
    };
    assert_eq!(problem.title.as_deref(), Some("Bad filter"));
}

#[tokio::test]
async fn form_bodies_nest_in_bracket_notation_and_follow_their_encodings() {
    let server = server(
        200,
        "application/vnd.api+json",
        r#"{"id":"cus_1","email":"jane@example.com","name":null}"#,
    )
    .await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let form = types::CustomerForm {
        email: "jane+1@example.com".into(),
        balance: Some(Decimal::from_str("140.70").unwrap()),
        address: Some(types::Address {
            city: Some("Atlanta".into()),
            line1: Some("1 Main St".into()),
        }),
        metadata: Some([("order_id".to_string(), "6735".to_string())].into()),
        items: Some(vec![types::Item {
            price: "price_1".into(),
            quantity: Some(2),
        }]),
        tags: Some(vec!["a".into(), "b".into()]),
        labels: Some(vec!["x".into(), "y".into()]),
        extra: Some(types::Point::new(1, 2)),
    };
    let customer = client.create_customer(&form).await.unwrap().body;
    assert_eq!(customer.id.as_deref(), Some("cus_1"));
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        [
            "email=jane%2B1%40example.com",
            "balance=140.70",
            "address[city]=Atlanta",
            "address[line1]=1+Main+St",
            "metadata[order_id]=6735",
            "items[0][price]=price_1",
            "items[0][quantity]=2",
            "tags=a",
            "tags=b",
            "labels=x,y",
            "extra=%7B%22x%22%3A1%2C%22y%22%3A2%7D",
        ]
        .join("&")
    );
}

#[tokio::test]
async fn plus_json_bodies_are_json_under_their_own_media_type() {
    let server = server(200, "application/json", r#"{"id":"cus_1"}"#).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let patch = types::Customer {
        name: codegen_runtime::Nullable::Value("Jane".into()),
        ..Default::default()
    };
    client.patch_customer("cus_1", &patch).await.unwrap();
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        "application/merge-patch+json"
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(),
        json!({"name": "Jane"})
    );
}

#[tokio::test]
async fn multipart_parts_carry_their_types_and_files_their_names() {
    let server = server(201, "text/plain", "").await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let upload = types::Upload {
        file: codegen_runtime::FilePart::new(&b"%PDF-1.7"[..])
            .with_file_name("invoice.pdf")
            .with_content_type("application/pdf"),
        note: Some("March".into()),
        meta: Some(types::Point::new(1, 2)),
        pages: Some(vec![codegen_runtime::FilePart::new(&b"\x89PNG"[..])]),
    };
    client.upload(&upload).await.unwrap();
    let request = received(&server).await;
    let content_type = header(&request, "content-type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart body");
    let body = String::from_utf8_lossy(&request.body).into_owned();
    let expected = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nMarch\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{{\"x\":1,\"y\":2}}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"pages\"; filename=\"pages\"\r\nContent-Type: application/octet-stream\r\n\r\n\u{fffd}PNG\r\n\
         --{b}--\r\n",
        b = boundary
    );
    assert_eq!(body, expected);
}
