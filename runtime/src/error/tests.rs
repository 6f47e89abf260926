//! Tests of `error`.

use super::api_message;

#[test]
fn finds_the_message_of_common_error_shapes() {
    let cases = [
        (
            r#"{"errorKey":"k","errorMessage":"Payout not found","errorCode":404}"#,
            "Payout not found",
        ),
        (
            r#"{"statusCode":400,"message":["a","b"],"error":"Bad Request"}"#,
            "a; b",
        ),
        (
            r#"{"error":{"errorId":"X","description":"Bad token"}}"#,
            "Bad token",
        ),
        (
            r#"{"title":"Invalid data","detail":"currency is invalid","status":422}"#,
            "Invalid data: currency is invalid",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(
            api_message(body.as_bytes()).as_deref(),
            Some(expected),
            "{body}"
        );
    }
    assert_eq!(api_message(b"<html>bad gateway</html>"), None);
}

#[test]
fn what_python_servers_answer_has_its_message_found() {
    let cases = [
        (
            r#"{"exception_message":"Flow run not found."}"#,
            "Flow run not found.",
        ),
        (
            r#"{"detail":"Wallet does not exist."}"#,
            "Wallet does not exist.",
        ),
        (
            r#"{"detail":[{"loc":["body","amount"],"msg":"field required","type":"value_error.missing"}]}"#,
            "body.amount: field required",
        ),
        (r#"{"Message":"Access denied"}"#, "Access denied"),
        (r#"{"error":{"code":4,"message":"quota"}}"#, "quota"),
    ];
    for (body, expected) in cases {
        assert_eq!(
            api_message(body.as_bytes()).as_deref(),
            Some(expected),
            "{body}"
        );
    }
}

#[test]
fn without_a_message_field_the_display_shows_the_start_of_the_body() {
    let e = crate::Error::<()>::UnexpectedStatus {
        status: reqwest::StatusCode::BAD_GATEWAY,
        headers: Box::default(),
        body: bytes::Bytes::from_static(b"<html>\n  <h1>502 Bad   Gateway</h1>\n</html>"),
    };
    assert_eq!(
        e.to_string(),
        "unexpected HTTP status 502 Bad Gateway: <html> <h1>502 Bad Gateway</h1> </html>"
    );
    let long = "x".repeat(300);
    let e = crate::Error::<()>::UnexpectedStatus {
        status: reqwest::StatusCode::BAD_REQUEST,
        headers: Box::default(),
        body: bytes::Bytes::from(long),
    };
    assert!(e.to_string().ends_with(&format!("{}...", "x".repeat(200))));
}
