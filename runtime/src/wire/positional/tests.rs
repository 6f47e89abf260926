//! Tests of `wire::positional`.

use serde_json::json;

use super::*;

#[test]
fn parts_follow_their_position() {
    let items = match to_wire(&json!(["a", {"k": 1}, "plain", "x"])).unwrap() {
        Wire::Seq(items) => items,
        _ => unreachable!(),
    };
    let body = parts(
        &items,
        &[Some("application/json"), None],
        Some("text/csv"),
        "B",
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "--B\r\nContent-Type: application/json\r\n\r\n\"a\"\r\n\
             --B\r\nContent-Type: text/csv\r\n\r\n{\"k\":1}\r\n\
             --B\r\nContent-Type: text/csv\r\n\r\nplain\r\n\
             --B\r\nContent-Type: text/csv\r\n\r\nx\r\n--B--\r\n"
    );
    let body = parts(&items[2..3], &[], None, "B").unwrap();
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("Content-Type: text/plain\r\n\r\nplain")
    );
}

#[test]
fn the_body_must_be_an_array() {
    let mut p = RequestParts::start(reqwest::Method::POST, "/");
    p.multipart_parts("multipart/mixed", &json!({"a": 1}), &[], None);
    assert!(p.problem().unwrap().contains("must be an array"));
    let mut p = RequestParts::start(reqwest::Method::POST, "/");
    p.multipart_parts("multipart/mixed", &json!([1]), &[], None);
    let (ct, _) = p.body.unwrap();
    assert!(ct.starts_with("multipart/mixed; boundary=codegen-"), "{ct}");
}
