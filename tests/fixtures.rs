//! The type mapping, construct by construct: each fixture spec in
//! `tests/fixtures/` is generated at build time (see `build.rs`), pinned by
//! a snapshot (`tests/snapshots.rs`), and its types are exercised here
//! against JSON samples.

use codegen_runtime::{Nullable, Validate};
use payment_apis_suite::fixtures::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Decodes `json` as `T`, checks it encodes back to the same JSON, and
/// returns the value.
fn round_trip<T: Serialize + DeserializeOwned>(json: Value) -> T {
    let value: T = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}: {json}"));
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json,
        "{text}"
    );
    value
}

#[test]
fn objects_distinguish_absent_null_and_value() {
    use objects::types::Presence;
    let p: Presence = round_trip(json!({"req": "a", "reqNullable": null}));
    assert_eq!(
        (p.opt, p.req_nullable, p.opt_nullable),
        (None, None, Nullable::Absent)
    );
    let p: Presence = round_trip(json!({"req": "a", "reqNullable": "x", "optNullable": null}));
    assert_eq!(
        (p.req_nullable.as_deref(), p.opt_nullable),
        (Some("x"), Nullable::Null)
    );
    let p: Presence =
        round_trip(json!({"req": "a", "opt": "o", "reqNullable": null, "optNullable": 7}));
    assert_eq!(p.opt_nullable, Nullable::Value(7));
    // Required means present, even when nullable.
    assert!(serde_json::from_value::<Presence>(json!({"req": "a"})).is_err());
    assert!(serde_json::from_value::<Presence>(json!({"reqNullable": null})).is_err());
}

#[test]
fn inline_objects_get_names_from_their_context() {
    let n: objects::types::Nested =
        round_trip(json!({"inner": {"id": "i", "tags": ["t"]}, "list": [{"n": 1}, {}]}));
    let _: &objects::types::NestedInner = &n.inner;
    let _: &objects::types::NestedListItem = &n.list.as_ref().unwrap()[0];
}

#[test]
fn enums_keep_unknown_values() {
    use enums::types::{Holder, Level, Status};
    let h: Holder = round_trip(json!({"status": "SUCCEEDED", "level": 2, "inline": "b"}));
    assert_eq!(
        (h.status, h.level),
        (Some(Status::Succeeded), Some(Level::V2))
    );
    let h: Holder = round_trip(json!({"status": "DISPUTED", "level": 7, "inline": "z"}));
    assert_eq!(h.status, Some(Status::Other2("DISPUTED".into())));
    assert_eq!(h.level, Some(Level::Other(7)));
    assert_eq!(h.inline.unwrap().to_string(), "z");
    assert_eq!("3ds".parse::<Status>().unwrap(), Status::V3ds);
    assert_eq!(Status::Empty.to_string(), "");
    assert_eq!(Status::RequiresAction.as_str(), "requires_action");
    assert_eq!(Level::V3.value(), 3);
    let version: Holder = round_trip(json!({"version": -2}));
    assert_eq!(version.version.map(|v| v.value()), Some(-2));
    let wrong = serde_json::from_value::<Holder>(json!({"version": 3})).unwrap_err();
    assert!(
        wrong.to_string().contains(r#"the only value is "-2""#),
        "{wrong}"
    );
    let negative: Level = serde_json::from_value(json!(-1)).unwrap();
    assert_eq!(
        (negative.value(), negative.to_string()),
        (-1, "-1".to_string())
    );
}

#[test]
fn enum_values_written_as_another_type_take_the_declared_type() {
    // `type: integer, enum: ["1", "2", "4"]` and `type: string, enum: [10, 20]`.
    use enums::types::{Code, Holder, Scopes};
    let h: Holder = round_trip(json!({"scopes": 4, "code": "10"}));
    assert_eq!((h.scopes, h.code), (Some(Scopes::V4), Some(Code::V10)));
    let h: Holder = round_trip(json!({"scopes": 8, "code": "30"}));
    assert_eq!(
        (h.scopes, h.code),
        (Some(Scopes::Other(8)), Some(Code::Other("30".into())))
    );
    // An answer may carry the form the values are written in: it reads too,
    // and is sent back in the declared type.
    let h: Holder = serde_json::from_value(json!({"scopes": "4", "code": 10})).unwrap();
    assert_eq!((&h.scopes, &h.code), (&Some(Scopes::V4), &Some(Code::V10)));
    assert_eq!(
        serde_json::to_value(&h).unwrap(),
        json!({"scopes": 4, "code": "10"})
    );
    assert!(serde_json::from_value::<Holder>(json!({"scopes": "four"})).is_err());
}

#[test]
fn discriminated_unions_write_the_tag_once() {
    use unions::types::{Card, PaymentMethodByName, PaymentMethodMapped};
    let m: PaymentMethodMapped = round_trip(json!({"type": "bank_account", "iban": "DE00"}));
    assert!(matches!(m, PaymentMethodMapped::Bank(ref b) if b.iban == "DE00"));
    // The variant decides the tag, whatever the member's own field says.
    let card = PaymentMethodMapped::Card(Card {
        r#type: "wrong".into(),
        last4: "4242".into(),
    });
    let text = serde_json::to_string(&card).unwrap();
    assert_eq!(text.matches("\"type\"").count(), 1, "{text}");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({"type": "card", "last4": "4242"})
    );
    // An unknown tag still decodes, and re-encodes as it came.
    let unknown: PaymentMethodMapped = round_trip(json!({"type": "crypto", "chain": "btc"}));
    assert!(matches!(unknown, PaymentMethodMapped::Unknown(_)));
    // Without a mapping, the tag is the schema name.
    let w: PaymentMethodByName = round_trip(json!({"type": "Wallet", "provider": "x"}));
    assert!(matches!(w, PaymentMethodByName::Wallet(_)));
}

#[test]
fn an_untagged_object_goes_to_the_member_that_declares_most_of_its_keys() {
    use unions::types::Route;
    // The first member reads all three values; only the second declares
    // `override`, so that value is the second's and keeps it.
    let r: Route = round_trip(json!({"src": "/a", "override": true}));
    assert!(
        matches!(r, Route::Object2(ref v) if v.r#override == Some(true)),
        "{r:?}"
    );
    // With a key no member declares too (the schemas allow any): still the
    // member that declares the most of them.
    let r: Route =
        serde_json::from_value(json!({"src": "/a", "override": false, "x-trace": 1})).unwrap();
    assert!(
        matches!(r, Route::Object2(ref v) if v.r#override == Some(false)),
        "{r:?}"
    );
    let r: Route = round_trip(json!({"src": "/a", "dest": "/b"}));
    assert!(matches!(r, Route::Object(_)), "{r:?}");
    // Keys both declare: the first, in order; keys neither declares: the
    // first that reads it, dropping them (as before).
    assert!(matches!(
        serde_json::from_value::<Route>(json!({"src": "/a", "status": 301})).unwrap(),
        Route::Object(_)
    ));
    assert!(matches!(
        serde_json::from_value::<Route>(json!({"src": "/a", "other": 1})).unwrap(),
        Route::Object(_)
    ));
    let e = serde_json::from_value::<Route>(json!({"dest": "/b"})).unwrap_err();
    assert_eq!(
        e.to_string(),
        "data did not match any variant of untagged enum Route"
    );
}

#[test]
fn untagged_unions_pick_the_most_specific_variant() {
    use unions::types::Untagged;
    assert!(matches!(
        round_trip::<Untagged>(json!({"type": "card", "last4": "1"})),
        Untagged::Card(_)
    ));
    assert!(matches!(
        round_trip::<Untagged>(json!({"type": "wallet"})),
        Untagged::Wallet(_)
    ));
    assert!(matches!(
        round_trip::<Untagged>(json!(5)),
        Untagged::Integer(5)
    ));
    assert!(matches!(
        round_trip::<Untagged>(json!("text")),
        Untagged::String(_)
    ));
}

#[test]
fn any_of_keeps_every_matching_member() {
    use unions::types::Either;
    let both: Either = round_trip(json!({"type": "card", "last4": "1", "nickname": "n"}));
    assert!(
        both.card.is_some() && both.nickname.as_ref().unwrap().nickname.as_deref() == Some("n")
    );
    let one: Either = round_trip(json!({"nickname": "x"}));
    assert!(one.card.is_none() && one.nickname.is_some());
    assert!(serde_json::from_value::<Either>(json!(3)).is_err());
}

#[test]
fn properties_beside_an_any_of_of_objects_take_every_members_properties() {
    use unions::types::Holdings;
    let h: Holdings = round_trip(json!({"success": true, "cards": ["c"], "last4": "4242"}));
    assert_eq!(h.cards.as_deref(), Some(&["c".to_string()][..]));
    assert_eq!(h.last4.as_deref(), Some("4242"));
    assert!(h.accounts.is_none());
    round_trip::<Holdings>(json!({"success": false, "accounts": ["a"]}));
    assert!(
        serde_json::from_value::<Holdings>(json!({"cards": []})).is_err(),
        "success is required"
    );
}

#[test]
fn an_any_of_whose_members_allow_null_admits_null() {
    use unions::types::Readings;
    let readings: Readings = round_trip(json!([{"a": 1}, 2, 2.5, "x", null]));
    assert_eq!(readings.len(), 5);
    assert!(readings[4].is_none());
    assert_eq!(readings[1].as_ref().and_then(|r| r.integer), Some(2));
}

#[test]
fn a_typed_schema_beside_an_any_of_with_a_nullable_member_refuses_null() {
    use unions::types::Sensors;
    let sensors: Sensors = round_trip(json!([{"id": "a"}, {"id": "b", "name": "n"}]));
    assert_eq!(sensors[1].id.as_deref(), Some("b"));
    assert!(serde_json::from_value::<Sensors>(json!([null])).is_err());
}

#[test]
fn a_reference_to_a_base_with_a_discriminator_holds_what_extends_it() {
    use unions::types::{AnyPet, Household};
    let home: Household = round_trip(json!({
        "pets": [
            {"petType": "Cat", "name": "Tom", "huntingSkill": "lazy"},
            {"petType": "dog", "name": "Rex", "packSize": 3},
            {"petType": "kitten", "name": "Kit", "huntingSkill": "none", "ageWeeks": 8},
            {"petType": "Parrot", "name": "Polly"},
        ],
        "favourite": {"petType": "dog", "name": "Rex", "packSize": 3},
    }));
    let pets = home.pets.unwrap();
    assert!(matches!(&pets[0], AnyPet::Cat(c) if c.hunting_skill.as_deref() == Some("lazy")));
    assert!(matches!(&pets[1], AnyPet::Dog(d) if d.pack_size == 3));
    assert!(matches!(&pets[2], AnyPet::Kitten(k) if k.age_weeks == Some(8)));
    // A tag no schema claims is the base's: it holds what the base declares.
    assert!(matches!(&pets[3], AnyPet::Pet(p) if p.pet_type == "Parrot"));
    assert!(matches!(home.favourite, Some(AnyPet::Dog(_))));
    // A dog without a dog's required property is still a pet (the schema
    // referred to is Pet's); one that is not even a pet is refused.
    let pet: AnyPet = round_trip(json!({"petType": "dog", "name": "Rex"}));
    assert!(matches!(pet, AnyPet::Pet(_)), "{pet:?}");
    assert!(serde_json::from_value::<AnyPet>(json!({"petType": "dog"})).is_err());
}

#[test]
fn an_any_of_of_objects_is_written_back_whole_its_arrays_item_by_item() {
    use unions::types::SiteReports;
    let reports: SiteReports = round_trip(json!({
        "page": 1,
        "results": [{"id": "a", "wifi": 1.5}, {"id": "b", "wired": 2.5}],
    }));
    assert!(reports.object.is_some() && reports.object2.is_some());
}

#[test]
fn all_of_merges_properties_and_required_lists() {
    use unions::types::Merged;
    let m: Merged =
        round_trip(json!({"type": "card", "last4": "1", "holder": "h", "expires": "2030-01-31"}));
    assert_eq!(m.expires.unwrap().to_string(), "2030-01-31");
    assert!(
        serde_json::from_value::<Merged>(json!({"type": "card", "last4": "1"})).is_err(),
        "holder is required"
    );
}

#[test]
fn additional_properties_map_to_maps_flattened_fields_or_refusal() {
    use maps::types::{Closed, Counts, FreeForm, Holder, Open, Typed};
    let o: Open = round_trip(json!({"id": "1", "extra": {"x": [1]}}));
    assert_eq!(o.additional_properties["extra"], json!({"x": [1]}));
    let t: Typed = round_trip(json!({"id": "1", "a": 1, "b": 2}));
    assert_eq!(t.additional_properties.len(), 2);
    assert!(serde_json::from_value::<Typed>(json!({"a": "not a number"})).is_err());
    round_trip::<Closed>(json!({"id": "1"}));
    assert!(serde_json::from_value::<Closed>(json!({"id": "1", "extra": true})).is_err());
    let c: Counts = round_trip(json!({"a": 1}));
    assert_eq!(c["a"], 1);
    round_trip::<FreeForm>(json!({"anything": [null, {"goes": true}]}));
    round_trip::<Holder>(json!({"anything": [1, "two"], "metadata": {"k": "v"}}));
}

#[test]
fn formats_map_to_rust_types_and_money_keeps_its_digits() {
    let sample = json!({
        "day": "2024-02-29", "moment": "2024-01-15T11:00:00Z", "id": "e4b8c1a2-b088-4e79-99ad-2c3e0fa3f1b9",
        "small": -5, "big": 9007199254740993_i64, "single": 1.5, "double": 2.25, "blob": "aGVsbG8=", "raw": "bytes",
        "email": "a@b.c", "link": "https://x.y/z", "money": 140.76, "prices": [0.1, 19.99, 119], "maybeMoney": null
    });
    let f: formats::types::Formats = round_trip(sample);
    assert_eq!(f.money.to_string(), "140.76");
    assert_eq!(f.big, 9007199254740993);
    assert_eq!(f.id.get_version_num(), 4);
    let text = serde_json::to_string(&f).unwrap();
    assert!(
        text.contains("\"money\":140.76") && text.contains("\"prices\":[0.1,19.99,119]"),
        "{text}"
    );
    assert_eq!(f.maybe_money, Nullable::Null);
}

#[test]
fn spec_defaults_fill_absent_fields() {
    use defaults::types::{Mode, Settings};
    let s: Settings = serde_json::from_value(json!({})).unwrap();
    assert_eq!(
        (s.retries, s.label.as_str(), s.enabled, s.ratio),
        (3, "main", true, 0.5)
    );
    assert_eq!(
        (s.fee.to_string().as_str(), s.mode.clone()),
        ("1.25", Mode::Safe)
    );
    // An array default is documented, not applied.
    assert_eq!(s.tags, None);
    assert_eq!(Settings::default(), s);
    let s: Settings = serde_json::from_value(json!({"retries": 9, "mode": "fast"})).unwrap();
    assert_eq!((s.retries, s.mode), (9, Mode::Fast));
}

#[test]
fn constraints_are_validated_with_field_paths() {
    use constraints::types::{Line, Order};
    let ok: Order =
        round_trip(json!({"reference": "AB-1", "quantity": 2, "items": ["a"], "price": 10.25}));
    assert!(ok.validate().is_ok());
    let bad = Order::new("ab 123456", 11, vec![])
        .with_discount(1.0)
        .with_price("0.125".parse().unwrap())
        .with_lines(vec![Line::new("x")]);
    let err = bad.validate().unwrap_err();
    let paths: Vec<&str> = err.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "reference",
            "reference",
            "quantity",
            "discount",
            "price",
            "items",
            "lines[0].sku"
        ],
        "{err}"
    );
    let long_item = Order::new("A", 1, vec!["12345".into()]);
    assert_eq!(
        long_item.validate().unwrap_err().violations[0].path,
        "items[0]"
    );
}

#[tokio::test]
async fn client_checks_scalar_arguments_before_sending() {
    use constraints::{Client, types::Order};
    // Nothing listens on port 9: a request that were sent would fail to connect.
    let client = Client::with_base_url("http://127.0.0.1:9").build().unwrap();
    let order = Order::new("A", 1, vec!["a".into()]);
    let err = client.put_order(4, &order).code("12345").await.unwrap_err();
    let codegen_runtime::Error::Validation(e) = &err else {
        panic!("expected a validation error, got {err:?}");
    };
    let paths: Vec<&str> = e.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["row", "code"], "{e}");
}

/// An optional body is set with `.body(..)`: absent, the request goes
/// out without one; given, it is checked before anything is sent.
#[tokio::test]
async fn an_optional_body_is_set_on_the_call_and_checked_when_given() {
    use constraints::{Client, types::Order};
    use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client.draft_order().await.unwrap();
    let invalid = Order::new("a b", 1, vec!["a".into()]);
    let err = client.draft_order().body(invalid).await.unwrap_err();
    let codegen_runtime::Error::Validation(e) = &err else {
        panic!("expected a validation error, got {err:?}");
    };
    let paths: Vec<&str> = e.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["reference"], "{e}");
    client
        .draft_order()
        .body(Order::new("A-1", 2, vec!["ab".into()]))
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2, "the invalid body was not sent");
    assert!(sent[0].body.is_empty(), "no body when none is set");
    assert_eq!(
        serde_json::from_slice::<Value>(&sent[1].body).unwrap(),
        json!({"reference": "A-1", "quantity": 2, "items": ["ab"]})
    );
    assert_eq!(sent[1].headers["content-type"], "application/json");
}

#[test]
fn recursive_types_compile_and_round_trip() {
    use recursion::types::{Department, Employee, Node};
    let n: Node = round_trip(
        json!({"value": 1, "next": {"value": 2, "next": {"value": 3}}, "children": [{"value": 4}]}),
    );
    assert_eq!(n.next.as_ref().unwrap().next.as_ref().unwrap().value, 3);
    let e: Employee = round_trip(json!({"name": "a", "department": {"head": {"name": "b"}}}));
    let d: &Department = e.department.as_deref().unwrap();
    assert_eq!(d.head.name, "b");
}

#[test]
fn hostile_wire_names_keep_their_names_on_the_wire() {
    let all = json!({
        "type": "1", "self": "2", "Self": "3", "crate": "4", "super": "5", "r#type": "6", "$ref": "7",
        "1st": "8", "e-mail": "9", "e_mail": "10", "__proto__": "11", "<PAYMENT_METHOD_TYPE>": "12",
        "with space": "13", "😀": "14"
    });
    let k: naming::types::Keywords = round_trip(all);
    assert_eq!(k.r#type.as_deref(), Some("1"));
    assert_eq!(k.e_mail_2.as_deref(), Some("10"));
    assert_eq!(k.u1f600.as_deref(), Some("14"));
    let _: naming::types::ResultModel = round_trip(json!({"ok": true}));
    let _: naming::types::ParentChild2GrandChild = round_trip(json!({"leaf": "x"}));
    let _: naming::types::CreateThingRequest = round_trip(json!({"name": "n"}));
}

#[test]
#[allow(deprecated)]
fn read_only_and_write_only_fields_are_optional_both_ways() {
    use docs::types::Account;
    // A request leaves out what the server assigns...
    let request = Account::new().with_password("secret");
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"password": "secret"})
    );
    // ...and a response need not carry what is only sent.
    let response: Account = round_trip(json!({"id": "acc-1", "legacy": "x"}));
    assert_eq!(response.id.as_deref(), Some("acc-1"));
}

#[test]
fn webhook_payloads_parse_into_their_types() {
    let event = webhooks::parse_payment_succeeded_webhook(
        br#"{"id": "evt_1", "amount": 12.50, "note": "final"}"#,
    )
    .unwrap();
    assert_eq!(event.id, "evt_1");
    // Read from the number's own text: the scale is kept (see runtime::decimal).
    assert_eq!(
        event.amount.map(|a| a.to_string()).as_deref(),
        Some("12.50")
    );
    assert_eq!(event.note, Some(webhooks::types::PaymentEventNote::Final));
    assert!(
        webhooks::parse_payment_succeeded_webhook(b"{\"amount\": 1}").is_err(),
        "id is required"
    );
}

#[test]
fn date_times_without_offset_are_read_as_utc_and_written_as_read() {
    use headers::types::Thing;
    let t: Thing = round_trip(json!({
        "at": "2026-12-01T12:30:45.123456", "strict": "2026-12-01T12:30:45Z", "maybe": null,
        "history": ["2026-12-01T12:30:45+02:00", "2026-12-01T12:30"], "wrapped": "2026-12-01T12:30:45.5"
    }));
    assert_eq!(t.at.utc().to_rfc3339(), "2026-12-01T12:30:45.123456+00:00");
    assert_eq!(t.at.offset(), None);
    assert_eq!(
        t.history.unwrap()[0].utc().to_rfc3339(),
        "2026-12-01T10:30:45+00:00"
    );
    // Every date-time reads without an offset (as UTC), not only those the
    // spec marks: servers send them whatever their documents say.
    let plain: Thing =
        round_trip(json!({"at": "2026-12-01T12:30:45Z", "strict": "2026-12-01T12:30:45"}));
    let strict = plain.strict.expect("present");
    assert_eq!(strict.offset(), None);
    assert_eq!(strict.to_rfc3339(), "2026-12-01T12:30:45+00:00");
}

#[tokio::test]
async fn declared_response_headers_are_typed_and_never_fail_the_call() {
    use headers::types::CreateThingXModeHeader;
    use headers::{Client, CreateThingError};
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("Location", "https://x.example/things/1")
                .insert_header("X-Count", "not a number")
                .append_header("X-Ids", "1, 2")
                .append_header("X-Ids", "3")
                .insert_header("X-Mode", "fast")
                .insert_header("X-Seen", "2026-12-01T12:30:45.123456")
                .set_body_json(json!({"at": "2026-12-01T12:30:45"})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-Retry-In", "30")
                .set_body_string("slow down"),
        )
        .mount(&server)
        .await;
    let client = Client::with_base_url(server.uri())
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let created = client.create_thing().await.unwrap();
    let h = created.typed_headers();
    assert_eq!(h.location.as_deref(), Some("https://x.example/things/1"));
    assert_eq!(h.x_ids, Some(vec![1, 2, 3]));
    assert_eq!(h.x_mode, Some(CreateThingXModeHeader::Fast));
    assert_eq!(h.x_seen.unwrap().to_string(), "2026-12-01T12:30:45.123456");
    // Malformed: named, its field empty, the call still a success.
    assert_eq!(
        (h.x_count, h.malformed.as_slice()),
        (None, &["X-Count"][..])
    );
    assert_eq!(created.header("x-count"), Some("not a number"));
    // Absent headers are simply `None`.
    assert_eq!((h.x_tags, h.x_retry_in), (None, None));

    let err = client.create_thing().await.unwrap_err();
    let codegen_runtime::Error::Api(api) = &err else {
        panic!("{err:?}")
    };
    assert!(matches!(api.body, CreateThingError::TooManyRequests));
    assert_eq!(api.typed_headers().x_retry_in, Some(30));
    assert_eq!(err.typed_headers().and_then(|h| h.x_retry_in), Some(30));
}

#[test]
fn properties_beside_alternatives_go_into_every_member() {
    use unions::types::{Checks, Delay, Record};
    let a: Record =
        round_trip(json!({"name": "www", "ttl": 60, "type": "A", "value": "192.0.2.1"}));
    match a {
        Record::A(a) => assert_eq!(
            (a.name.as_str(), a.ttl, a.value.as_str()),
            ("www", Some(60), "192.0.2.1")
        ),
        other => panic!("{other:?}"),
    }
    let mx: Record = round_trip(json!({"name": "", "type": "MX", "priority": 10}));
    assert!(matches!(mx, Record::Mx(m) if m.priority == 10 && m.name.is_empty()));
    assert!(
        serde_json::from_value::<Record>(json!({"type": "A", "value": "192.0.2.1"})).is_err(),
        "name, required beside the oneOf, is required in each member"
    );
    let d: Delay =
        round_trip(json!({"type": "uniform", "lower": 1, "upper": 5, "fixedDelay": 2.5}));
    assert!(matches!(d, Delay::Uniform(u) if u.upper == Some(5) && u.fixed_delay == Some(2.5)));
    let d: Delay = round_trip(json!({"type": "lognormal", "median": 80}));
    assert!(matches!(d, Delay::LogNormal(l) if l.median == Some(80)));
    let c: Checks = round_trip(json!({"status": "completed", "conclusion": "success"}));
    assert_eq!(c.conclusion.as_deref(), Some("success"));
}

#[test]
fn inline_copies_share_one_struct_and_keep_their_names() {
    use shapes::types::*;
    // Both operations' 503 bodies are one struct, named after what the
    // copies' names end with; each copy's name is an alias of it.
    let body: ServiceUnavailableBody =
        serde_json::from_value(json!({"code": "maintenance"})).unwrap();
    let _: &ListOrdersServiceUnavailableBody = &body;
    let _: &ListRefundsServiceUnavailableBody = &body;
    let shared = |e: shapes::ListRefundsError| match e {
        shapes::ListRefundsError::ServiceUnavailable(b) => Some(b),
        _ => None,
    };
    assert!(shared(shapes::ListRefundsError::ServiceUnavailable(body.clone())).is_some());
    // A field described differently is another shape: its own struct.
    let timeout: ListRefundsGatewayTimeoutBody =
        serde_json::from_value(json!({"code": "ledger"})).unwrap();
    assert_eq!(timeout.code.as_deref(), Some("ledger"));
    // Bodies that hold copies (the `links`) but differ in their items do not merge.
    let orders: ListOrdersResponseBody = serde_json::from_value(
        json!({"data": [{"id": "o1"}], "links": {"next": "/orders?page=2"}}),
    )
    .unwrap();
    let refunds: ListRefundsResponseBody = serde_json::from_value(
        json!({"data": [{"id": "r1"}], "links": {"next": "/refunds?page=2"}}),
    )
    .unwrap();
    let _: Option<&ListOrdersResponseBodyLinks> = refunds.links.as_ref();
    assert_eq!(orders.data[0].id, "o1");
    let _: &Refund = &refunds.data[0];
}
