//! The written-out `Serialize` of generated structs (`__serde_struct!`)
//! writes what serde's derive with the attributes generated structs had
//! writes, in JSON and on the wire (parameters, forms), whatever the values.

use std::collections::BTreeMap;

use codegen_runtime::{Nullable, to_wire};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// As the derive wrote it.
#[derive(serde::Serialize)]
struct Derived {
    #[serde(rename = "orderId")]
    order_id: String,
    #[serde(with = "codegen_runtime::decimal")]
    value: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(
        rename = "fee",
        skip_serializing_if = "Option::is_none",
        with = "codegen_runtime::decimal"
    )]
    fee: Option<Decimal>,
    #[serde(skip_serializing_if = "codegen_runtime::Nullable::is_absent")]
    parent: Nullable<String>,
    /// Required and nullable: `null` is written.
    closed: Option<bool>,
    /// Defaulted: always written.
    retries: i64,
    tags: Vec<String>,
}

/// As generated now.
struct Written {
    order_id: String,
    value: Decimal,
    note: Option<String>,
    fee: Option<Decimal>,
    parent: Nullable<String>,
    closed: Option<bool>,
    retries: i64,
    tags: Vec<String>,
}

codegen_runtime::__serde_struct! {
    Written {
        order_id: "orderId" required,
        value: "value" required via codegen_runtime::decimal,
        note: "note" optional,
        fee: "fee" optional via codegen_runtime::decimal,
        parent: "parent" optional,
        closed: "closed" required,
        retries: "retries" default(|| 3),
        tags: "tags" required,
    }
    deny
}

#[derive(serde::Serialize)]
struct DerivedOpen {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<i32>,
    #[serde(flatten)]
    additional_properties: BTreeMap<String, serde_json::Value>,
}

struct WrittenOpen {
    id: String,
    size: Option<i32>,
    additional_properties: BTreeMap<String, serde_json::Value>,
}

codegen_runtime::__serde_struct! {
    WrittenOpen { id: "id" required, size: "size" optional }
    keep(additional_properties)
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..8).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn nullable() -> impl Strategy<Value = Nullable<String>> {
    prop_oneof![
        Just(Nullable::Absent),
        Just(Nullable::Null),
        "[a-z]{0,4}".prop_map(Nullable::Value),
    ]
}

proptest! {
    #[test]
    fn the_written_impl_writes_what_the_derive_wrote(
        order_id in "\\PC{0,8}",
        value in decimal(),
        note in proptest::option::of("[a-z ]{0,6}"),
        fee in proptest::option::of(decimal()),
        parent in nullable(),
        closed in proptest::option::of(any::<bool>()),
        retries in any::<i64>(),
        tags in proptest::collection::vec("[a-z]{1,3}", 0..3),
    ) {
        let derived = Derived {
            order_id: order_id.clone(),
            value,
            note: note.clone(),
            fee,
            parent: parent.clone(),
            closed,
            retries,
            tags: tags.clone(),
        };
        let written = Written { order_id, value, note, fee, parent, closed, retries, tags };
        prop_assert_eq!(
            serde_json::to_string(&written).unwrap(),
            serde_json::to_string(&derived).unwrap()
        );
        prop_assert_eq!(to_wire(&written).unwrap(), to_wire(&derived).unwrap());
    }

    #[test]
    fn kept_properties_follow_the_fields_as_the_flattened_map_did(
        id in "[a-z]{0,4}",
        size in proptest::option::of(any::<i32>()),
        extra in proptest::collection::btree_map("x[a-z]{0,3}", any::<i64>(), 0..3),
    ) {
        let extra: BTreeMap<String, serde_json::Value> =
            extra.into_iter().map(|(k, v)| (k, v.into())).collect();
        let derived = DerivedOpen { id: id.clone(), size, additional_properties: extra.clone() };
        let written = WrittenOpen { id, size, additional_properties: extra };
        prop_assert_eq!(
            serde_json::to_string(&written).unwrap(),
            serde_json::to_string(&derived).unwrap()
        );
        prop_assert_eq!(to_wire(&written).unwrap(), to_wire(&derived).unwrap());
    }
}
