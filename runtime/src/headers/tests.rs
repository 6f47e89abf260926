//! Tests of `headers`.

use super::*;
use reqwest::header::HeaderValue;

#[test]
fn values_are_typed_and_malformed_ones_are_named() {
    let mut headers = HeaderMap::new();
    headers.insert("x-limit", HeaderValue::from_static(" 3600 "));
    headers.insert("x-remaining", HeaderValue::from_static("lots"));
    headers.insert("location", HeaderValue::from_static("/cashiers/1"));
    headers.append("x-ids", HeaderValue::from_static("1, 2"));
    headers.append("x-ids", HeaderValue::from_static("3"));
    headers.insert("x-bad-ids", HeaderValue::from_static("1, two"));
    headers.insert("x-bytes", HeaderValue::from_bytes(b"\xff").unwrap());
    let mut h = HeaderReader::new(&headers);
    assert_eq!(h.value::<i64>("x-limit"), Some(3600));
    assert_eq!(h.value::<i64>("x-remaining"), None);
    assert_eq!(h.value::<i64>("x-absent"), None);
    assert_eq!(
        h.value::<String>("location").as_deref(),
        Some("/cashiers/1")
    );
    assert_eq!(h.values::<u8>("x-ids"), Some(vec![1, 2, 3]));
    assert_eq!(h.values::<u8>("x-bad-ids"), None);
    assert_eq!(h.values::<u8>("x-none"), None);
    assert_eq!(h.value::<String>("x-bytes"), None);
    assert_eq!(h.finish(), ["x-remaining", "x-bad-ids", "x-bytes"]);
}
