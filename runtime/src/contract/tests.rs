//! Tests of `contract`.

use super::*;

#[test]
fn prism_problems_are_read() {
    let body = br#"{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422,"detail":"Your request is not valid","validation":[{"location":["query","created"],"severity":"Error","code":"type","message":"must be object"}]}"#;
    assert_eq!(
        violation(body).unwrap(),
        "Invalid request: query.created: must be object"
    );
    assert_eq!(violation(br#"{"error":"x"}"#), None);
    assert_eq!(violation(&[0xff, 0xfe]), None);
}
