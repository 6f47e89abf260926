//! Tests of `de`.

use super::*;

/// What a generated struct's impl looks like, by hand.
#[derive(Debug, PartialEq)]
struct Payout {
    id: String,
    amount: rust_decimal::Decimal,
    note: Option<String>,
    extra: std::collections::BTreeMap<String, serde_json::Value>,
}

impl<'de> serde::Deserialize<'de> for Payout {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Payout;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("struct Payout")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Payout, A::Error> {
                let (mut f0, mut f1, mut f2) = (None, None, None);
                let mut extra = std::collections::BTreeMap::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "id" => map.put(&mut f0, "id"),
                        "amount" => map.put_seed(&mut f1, crate::decimal::seed(), "amount"),
                        "note" => map.put(&mut f2, "note"),
                        _ => map.next_value().map(|value| {
                            extra.insert(key.into_owned(), value);
                        }),
                    }?;
                }
                Ok(Payout {
                    id: f0.ok_or_else(|| de::Error::missing_field("id"))?,
                    amount: f1.ok_or_else(|| de::Error::missing_field("amount"))?,
                    note: f2.unwrap_or_default(),
                    extra,
                })
            }
        }
        deserializer.deserialize_map(V)
    }
}

#[test]
fn fields_are_read_exactly_and_checked() {
    let payout: Payout = serde_json::from_str(
        r#"{"id": "p\u00311", "amount": 12345678901234.5678, "x": [1], "note": null}"#,
    )
    .unwrap();
    assert_eq!(payout.id, "p11");
    assert_eq!(payout.amount.to_string(), "12345678901234.5678");
    assert_eq!(payout.note, None);
    assert_eq!(payout.extra["x"], serde_json::json!([1]));
    let value = serde_json::json!({"id": "p", "amount": "1.50"});
    let payout: Payout = serde_json::from_value(value).unwrap();
    assert_eq!(payout.amount.to_string(), "1.50");

    let missing = serde_json::from_str::<Payout>(r#"{"id": "p"}"#).unwrap_err();
    assert!(
        missing.to_string().contains("missing field `amount`"),
        "{missing}"
    );
    let twice =
        serde_json::from_str::<Payout>(r#"{"id": "p", "id": "q", "amount": 1}"#).unwrap_err();
    assert!(
        twice.to_string().contains("duplicate field `id`"),
        "{twice}"
    );
    let wrong = serde_json::from_str::<Payout>(r#"["p", 1]"#).unwrap_err();
    assert!(
        wrong.to_string().contains("expected struct Payout"),
        "{wrong}"
    );
}

#[test]
fn loose_text_writes_numbers_as_the_schemas_values_are_written() {
    #[derive(serde::Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "super::loose_text")]
        value: String,
    }
    let read = |json: &str| serde_json::from_str::<Holder>(json).map(|h| h.value);
    // The generator's text of an enum value written 10.0, 1.5, 10, "10".
    let written = |value: serde_json::Value| match value {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    for (json, value) in [
        (r#"{"value": 10.0}"#, serde_json::json!(10.0)),
        (r#"{"value": 1.5}"#, serde_json::json!(1.5)),
        (r#"{"value": 10}"#, serde_json::json!(10)),
        (r#"{"value": -3}"#, serde_json::json!(-3)),
        (r#"{"value": "10"}"#, serde_json::json!("10")),
        (r#"{"value": true}"#, serde_json::json!(true)),
    ] {
        assert_eq!(read(json).unwrap(), written(value), "{json}");
    }
    assert!(read(r#"{"value": null}"#).is_err());
}
