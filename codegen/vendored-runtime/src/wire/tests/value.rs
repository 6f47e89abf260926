//! The serializer into `Wire` trees.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::Amount;
use crate::runtime::wire::{FilePart, Wire, to_wire};

fn s(text: &str) -> Wire {
    Wire::String(text.to_string())
}

fn n(text: &str) -> Wire {
    Wire::Number(text.to_string())
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
enum Status {
    InProgress,
    #[serde(rename = "DONE")]
    Done,
}

#[derive(Serialize)]
struct Id(u32);

#[derive(Serialize)]
enum Shape {
    Point(i32, i32),
    Circle { r: f64 },
    Named(&'static str),
}

#[derive(Serialize)]
struct Everything {
    zeta: Status,
    alpha: Option<Id>,
    missing: Option<i32>,
    unit: (),
    point: Shape,
    circle: Shape,
    named: Shape,
    by_number: BTreeMap<i32, bool>,
    by_status: BTreeMap<Status, char>,
    amount: Amount,
}

#[test]
fn serde_data_model_into_wire_in_order() {
    let value = Everything {
        zeta: Status::InProgress,
        alpha: Some(Id(7)),
        missing: None,
        unit: (),
        point: Shape::Point(1, -2),
        circle: Shape::Circle { r: 0.5 },
        named: Shape::Named("n"),
        by_number: BTreeMap::from([(2, true), (10, false)]),
        by_status: BTreeMap::from([(Status::Done, 'x')]),
        amount: Amount(Decimal::from_str("12345678901234567.890").unwrap()),
    };
    let map = |props: Vec<(&str, Wire)>| {
        Wire::Map(props.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    };
    assert_eq!(
        to_wire(&value).unwrap(),
        map(vec![
            ("zeta", s("in_progress")),
            ("alpha", n("7")),
            ("missing", Wire::Null),
            ("unit", Wire::Null),
            (
                "point",
                map(vec![("Point", Wire::Seq(vec![n("1"), n("-2")]))])
            ),
            ("circle", map(vec![("Circle", map(vec![("r", n("0.5"))]))])),
            ("named", map(vec![("Named", s("n"))])),
            (
                "by_number",
                map(vec![("2", Wire::Bool(true)), ("10", Wire::Bool(false))])
            ),
            ("by_status", map(vec![("DONE", s("x"))])),
            ("amount", n("12345678901234567.890")),
        ])
    );
}

#[test]
fn raw_json_keeps_numbers_and_reads_the_rest() {
    let number = RawValue::from_string(" 1.000 ".into()).unwrap();
    assert_eq!(to_wire(&number).unwrap(), n("1.000"));
    let object = RawValue::from_string(r#"{"a":[true,"x"]}"#.into()).unwrap();
    assert_eq!(
        to_wire(&object).unwrap(),
        Wire::Map(vec![(
            "a".into(),
            Wire::Seq(vec![Wire::Bool(true), s("x")])
        )])
    );
    let value: serde_json::Value = serde_json::from_str(r#"[1, -2, 2.5, null]"#).unwrap();
    assert_eq!(
        to_wire(&value).unwrap(),
        Wire::Seq(vec![n("1"), n("-2"), n("2.5"), Wire::Null])
    );
}

#[test]
fn unsupported_values_are_errors_not_panics() {
    assert_eq!(
        to_wire(&f64::INFINITY).unwrap_err().to_string(),
        "the number inf cannot be written"
    );
    assert!(to_wire(&f32::NAN).is_err());
    let bool_keys = BTreeMap::from([(true, 1)]);
    assert_eq!(
        to_wire(&bool_keys).unwrap_err().to_string(),
        "a map key must be a string or a number"
    );
    let seq_keys = BTreeMap::from([(vec![1], 1)]);
    assert!(to_wire(&seq_keys).is_err());
    let none_keys = BTreeMap::from([(None::<i32>, 1)]);
    assert!(to_wire(&none_keys).is_err());
}

#[test]
fn json_text_of_a_wire_tree_keeps_digits() {
    let value = (
        Amount(Decimal::from_str("10.50").unwrap()),
        "a\"b",
        FilePart::new("hi"),
    );
    let wire = to_wire(&value).unwrap();
    assert_eq!(wire.to_json().unwrap(), r#"[10.50,"a\"b","aGk="]"#);
    assert_eq!(
        Wire::Number("not a number".into()).to_json().unwrap(),
        r#""not a number""#
    );
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Upload {
    title: String,
    file: FilePart,
    more: Vec<FilePart>,
}

#[test]
fn file_parts_are_files_on_the_wire_and_base64_elsewhere() {
    let upload = Upload {
        title: "t".into(),
        file: FilePart::new("abc")
            .with_file_name("a.txt")
            .with_content_type("text/plain"),
        more: vec![FilePart::new(vec![0u8, 255])],
    };
    match to_wire(&upload).unwrap() {
        Wire::Map(props) => {
            assert_eq!(
                props[1],
                ("file".to_string(), Wire::File(upload.file.clone()))
            );
            assert_eq!(
                props[2].1,
                Wire::Seq(vec![Wire::File(upload.more[0].clone())])
            );
        }
        other => panic!("{other:?}"),
    }
    let json = serde_json::to_string(&upload).unwrap();
    assert_eq!(json, r#"{"title":"t","file":"YWJj","more":["AP8="]}"#);
    let back: Upload = serde_json::from_str(&json).unwrap();
    assert_eq!(back.file, FilePart::new("abc"));
    assert_eq!(back.more, upload.more);
    // Unpadded base64 is read too.
    let file: FilePart = serde_json::from_str(r#""AP8""#).unwrap();
    assert_eq!(file.data().as_ref(), [0, 255]);
}
