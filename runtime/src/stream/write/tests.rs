//! Tests of `stream::write`.

use reqwest::Method;
use serde_json::json;

use crate::RequestParts;

#[test]
fn sequences_are_written_item_by_item() {
    let items = [json!({"a": 1}), json!("x")];
    let mut parts = RequestParts::start(Method::POST, "/");
    parts.json_lines_body("application/jsonl", &items);
    let (ct, body) = parts.body.clone().unwrap();
    assert_eq!(
        (ct.as_ref(), body.as_ref()),
        ("application/jsonl", &b"{\"a\":1}\n\"x\"\n"[..])
    );
    parts.json_seq_body("application/json-seq", &items);
    let (_, body) = parts.body.unwrap();
    assert_eq!(body.as_ref(), b"\x1e{\"a\":1}\n\x1e\"x\"\n");
}
