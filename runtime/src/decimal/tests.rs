//! Tests of `decimal`.

use super::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Amounts {
    #[serde(with = "crate::decimal")]
    total: Decimal,
    #[serde(
        default,
        with = "crate::decimal",
        skip_serializing_if = "Option::is_none"
    )]
    tax: Option<Decimal>,
    #[serde(with = "crate::decimal")]
    items: Vec<Decimal>,
}

#[test]
fn exact_digits_both_ways() {
    let json = r#"{"total":140.76,"tax":11.81,"items":[119,9.95,0.1]}"#;
    let parsed: Amounts = serde_json::from_str(json).unwrap();
    assert_eq!(parsed.total, Decimal::from_str("140.76").unwrap());
    assert_eq!(parsed.items[2], Decimal::from_str("0.1").unwrap());
    assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
}

#[test]
fn many_digits_are_not_rounded_on_the_way_out() {
    let a = Amounts {
        total: Decimal::from_str("12345678901234567.89").unwrap(),
        tax: None,
        items: vec![],
    };
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        r#"{"total":12345678901234567.89,"items":[]}"#
    );
}

#[test]
fn reading_keeps_every_digit_and_the_scale() {
    let parsed: Amounts =
        serde_json::from_str(r#"{"total":12345678901234.5678,"tax":12.50,"items":[1e2,-0.10]}"#)
            .unwrap();
    assert_eq!(parsed.total.to_string(), "12345678901234.5678");
    assert_eq!(parsed.tax.unwrap().to_string(), "12.50");
    assert_eq!(parsed.items[0], Decimal::from(100));
    assert_eq!(parsed.items[1].to_string(), "-0.10");
    // Through a buffered (untagged) value the text is gone: equal value.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Amounts(Amounts),
    }
    let Either::Amounts(buffered) = serde_json::from_str(r#"{"total":12.50,"items":[]}"#).unwrap();
    assert_eq!(buffered.total, Decimal::from_str("12.5").unwrap());
    for bad in [
        r#"{"total":true,"items":[]}"#,
        r#"{"total":"x","items":[]}"#,
        r#"{"total":null,"items":[]}"#,
    ] {
        assert!(serde_json::from_str::<Amounts>(bad).is_err(), "{bad}");
    }
}

#[test]
fn numeric_strings_are_accepted() {
    let parsed: Amounts = serde_json::from_str(r#"{"total":"1.50","items":[]}"#).unwrap();
    assert_eq!(parsed.total.to_string(), "1.50");
}
