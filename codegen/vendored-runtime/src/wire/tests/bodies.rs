//! Form and multipart bodies, byte for byte.

use std::collections::BTreeMap;
use std::str::FromStr;

use reqwest::Method;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;

use super::Amount;
use crate::runtime::RequestParts;
use crate::runtime::wire::{FilePart, PropertyEncoding, Style};

fn body(p: &RequestParts) -> (String, String) {
    assert_eq!(p.invalid, None);
    let (content_type, bytes) = p.body.clone().expect("no body");
    (
        content_type.into_owned(),
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

fn form<T: Serialize>(value: &T, encoding: &[PropertyEncoding]) -> String {
    let mut p = RequestParts::start(Method::POST, "/");
    p.form_body(value, encoding);
    let (content_type, text) = body(&p);
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    text
}

fn form_problem<T: Serialize>(value: &T, encoding: &[PropertyEncoding]) -> String {
    let mut p = RequestParts::start(Method::POST, "/");
    p.form_body(value, encoding);
    p.invalid.expect("accepted")
}

#[derive(Serialize)]
struct Address {
    city: &'static str,
    line1: &'static str,
}

#[derive(Serialize)]
struct Item {
    price: &'static str,
    quantity: u32,
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
struct Customer {
    email: &'static str,
    address: Address,
    metadata: BTreeMap<&'static str, &'static str>,
    items: Vec<Item>,
    tags: Vec<&'static str>,
    description: Option<&'static str>,
    balance: Amount,
    active: bool,
    none_yet: Vec<i32>,
}

fn customer() -> Customer {
    Customer {
        email: "jenny@example.com",
        address: Address {
            city: "Atlanta",
            line1: "1 Main St.",
        },
        metadata: BTreeMap::from([("order_id", "6735"), ("note", "a&b=c")]),
        items: vec![Item {
            price: "price_1",
            quantity: 2,
            tags: vec!["x"],
        }],
        tags: vec!["a", "b c"],
        description: None,
        balance: Amount(Decimal::from_str("10.50").unwrap()),
        active: true,
        none_yet: vec![],
    }
}

#[test]
fn form_bodies_use_bracket_notation_for_nested_values() {
    let expected = "email=jenny%40example.com&address[city]=Atlanta&address[line1]=1+Main+St.\
        &metadata[note]=a%26b%3Dc&metadata[order_id]=6735\
        &items[0][price]=price_1&items[0][quantity]=2&items[0][tags][0]=x\
        &tags=a&tags=b+c&balance=10.50&active=true";
    assert_eq!(form(&customer(), &[]), expected);
}

#[test]
fn form_bodies_follow_each_property_encoding() {
    // Keys in sorted order: serde_json's map sorts them unless a crate in
    // the build enables `preserve_order`, and this test runs both ways.
    let value = json!({
        "csv": {"a": 1, "b": "c,d"},
        "expand": ["a", "b"],
        "ids": [1, 2],
        "meta": {"k": 1, "s": "x y"},
        "obj": {"a": 1},
        "patch": {"a": [1]},
        "piped": [1, 2],
        "plain": "p q",
        "rows": [[1, 2]],
        "spaced": ["a", "b c"],
        "url": "http://x/y?z=1&b c+d",
    });
    let encoding = [
        PropertyEncoding::new("ids").style(Style::Form, false),
        PropertyEncoding::new("spaced").style(Style::SpaceDelimited, false),
        PropertyEncoding::new("piped").style(Style::PipeDelimited, false),
        PropertyEncoding::new("expand").style(Style::DeepObject, true),
        PropertyEncoding::new("meta").content_type("application/json"),
        PropertyEncoding::new("patch").content_type("application/merge-patch+json"),
        PropertyEncoding::new("url").allow_reserved(),
        PropertyEncoding::new("plain").content_type("text/plain"),
        PropertyEncoding::new("obj").style(Style::Form, true),
        PropertyEncoding::new("csv").style(Style::Form, false),
        // Style wins over the content type.
        PropertyEncoding::new("rows")
            .content_type("application/json")
            .style(Style::DeepObject, true),
    ];
    assert_eq!(
        form(&value, &encoding),
        "csv=a,1,b,c%2Cd&expand[0]=a&expand[1]=b&ids=1,2\
         &meta=%7B%22k%22%3A1%2C%22s%22%3A%22x+y%22%7D&obj[a]=1\
         &patch=%7B%22a%22%3A%5B1%5D%7D&piped=1|2&plain=p+q\
         &rows[0][0]=1&rows[0][1]=2&spaced=a%20b+c&url=http://x/y?z=1%26b+c%2Bd"
    );
}

#[test]
fn form_values_a_style_cannot_express_are_errors() {
    let nested = json!({"filter": {"a": {"b": 1}}});
    let encoding = [PropertyEncoding::new("filter").style(Style::Form, false)];
    assert_eq!(
        form_problem(&nested, &encoding),
        "the form property \"filter\" cannot be written in style form (explode false): \
         an array or object inside an object"
    );
    let encoding = [PropertyEncoding::new("filter").style(Style::Matrix, false)];
    assert!(form_problem(&nested, &encoding).contains("\"filter\""));
    let file = json!({"f": 1});
    let with_file = BTreeMap::from([("doc", FilePart::new("x"))]);
    assert!(form_problem(&with_file, &[]).contains("a file cannot be a parameter"));
    assert_eq!(form(&file, &[]), "f=1");
    assert_eq!(form_problem(&[1, 2], &[]), "a form body must be an object");
}

#[derive(Serialize)]
struct Upload {
    #[serde(rename = "we\"ird\r\nname")]
    name: &'static str,
    count: i32,
    meta: BTreeMap<&'static str, i32>,
    tags: Vec<&'static str>,
    logo: FilePart,
    raw: FilePart,
    doc: FilePart,
    skip: Option<i32>,
    price: Amount,
    list: Vec<Vec<i32>>,
    flag: bool,
}

#[test]
fn multipart_parts_have_their_types_and_files_their_names() {
    let upload = Upload {
        name: "Jenny \"J\"",
        count: 3,
        meta: BTreeMap::from([("k", 1)]),
        tags: vec!["x", "y"],
        logo: FilePart::new(&b"\x89PNG"[..])
            .with_file_name("logo.png")
            .with_content_type("image/png"),
        raw: FilePart::new("xyz"),
        doc: FilePart::new("<a/>").with_file_name("d\"1\".xml"),
        skip: None,
        price: Amount(Decimal::from_str("10.50").unwrap()),
        list: vec![vec![1, 2]],
        flag: false,
    };
    let encoding = [
        PropertyEncoding::new("count").content_type("text/plain; charset=utf-8"),
        PropertyEncoding::new("raw").content_type("image/png, image/*"),
        PropertyEncoding::new("doc").content_type("application/xml"),
        PropertyEncoding::new("meta").content_type("application/vnd.api+json"),
        PropertyEncoding::new("logo").content_type("image/jpeg"),
    ];
    let mut p = RequestParts::start(Method::POST, "/");
    p.multipart_body(&upload, &encoding);
    assert_eq!(p.invalid, None);
    let (content_type, bytes) = p.body.clone().unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap()
        .to_string();
    let part = |head: &str, data: &[u8]| {
        let mut part =
            format!("--{boundary}\r\nContent-Disposition: form-data; {head}\r\n\r\n").into_bytes();
        part.extend_from_slice(data);
        part.extend_from_slice(b"\r\n");
        part
    };
    let expected = [
        part("name=\"we%22ird%0D%0Aname\"", b"Jenny \"J\""),
        part(
            "name=\"count\"\r\nContent-Type: text/plain; charset=utf-8",
            b"3",
        ),
        part(
            "name=\"meta\"\r\nContent-Type: application/vnd.api+json",
            b"{\"k\":1}",
        ),
        part("name=\"tags\"", b"x"),
        part("name=\"tags\"", b"y"),
        // A file's own type comes before the encoding's.
        part(
            "name=\"logo\"; filename=\"logo.png\"\r\nContent-Type: image/png",
            b"\x89PNG",
        ),
        // A list of types or a wildcard is no Content-Type.
        part(
            "name=\"raw\"; filename=\"raw\"\r\nContent-Type: application/octet-stream",
            b"xyz",
        ),
        part(
            "name=\"doc\"; filename=\"d%221%22.xml\"\r\nContent-Type: application/xml",
            b"<a/>",
        ),
        part("name=\"price\"", b"10.50"),
        part("name=\"list\"\r\nContent-Type: application/json", b"[1,2]"),
        part("name=\"flag\"", b"false"),
        format!("--{boundary}--\r\n").into_bytes(),
    ]
    .concat();
    assert_eq!(
        String::from_utf8_lossy(&bytes),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(bytes.as_ref(), expected.as_slice());
}

#[test]
fn multipart_bodies_must_be_objects() {
    let mut p = RequestParts::start(Method::POST, "/");
    p.multipart_body(&"text", &[]);
    assert_eq!(
        p.invalid.as_deref(),
        Some("a multipart body must be an object")
    );
}

#[test]
fn json_bodies_take_any_json_media_type() {
    let mut p = RequestParts::start(Method::PATCH, "/");
    p.json_body(
        "application/merge-patch+json",
        &json!({"n": 1, "name": null}),
    );
    assert_eq!(
        body(&p),
        (
            "application/merge-patch+json".to_string(),
            r#"{"n":1,"name":null}"#.to_string()
        )
    );
    let mut p = RequestParts::start(Method::POST, "/");
    p.json_body(
        "application/json",
        &Amount(Decimal::from_str("10.50").unwrap()),
    );
    assert_eq!(
        body(&p),
        ("application/json".to_string(), "10.50".to_string())
    );
}
