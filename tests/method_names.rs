//! Method names as a person would write them (`tests/fixtures/method_names.yaml`):
//! FastAPI's and NestJS's decorations dropped, plain ids as they are,
//! `x-rust-name` over all (on operations, schemas and properties), and
//! names that would collide left decorated.
//! That this file compiles is half the test; the requests show each method
//! is the operation it is named after.

use payment_apis_suite::fixtures::method_names::{Client, FindAllCall, types};
use wiremock::ResponseTemplate;

mod common;

use common::{answering, received};

#[tokio::test]
async fn fastapi_nestjs_plain_and_x_rust_name_operations_by_their_names() {
    let item = serde_json::json!({"id": "i1", "item_type": "book"});
    let server = answering(ResponseTemplate::new(200).set_body_json(&item)).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    // FastAPI: read_item_items__item_id__get, create_item_items__post.
    let read = client.read_item("i1").await.unwrap().into_body();
    // x-rust-name on the property `item_type`.
    assert_eq!(
        (read.id.as_str(), read.kind.as_deref()),
        ("i1", Some("book"))
    );
    assert_eq!(received(&server).await.url.path(), "/items/i1");

    let server = answering(ResponseTemplate::new(201).set_body_json(&item)).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client.create_item(&types::Item::new("i1")).await.unwrap();
    assert_eq!(received(&server).await.url.path(), "/items/");

    // NestJS: UsersController_findAll; its call type named after the method.
    let server =
        answering(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"name": "ann"}])))
            .await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    // x-rust-name on the schema `UserDto`.
    let call: FindAllCall<'_> = client.find_all().limit(2);
    let users: Vec<types::User> = call.await.unwrap().into_body();
    assert_eq!(users[0].name.as_deref(), Some("ann"));
    assert_eq!(received(&server).await.url.path(), "/users");

    let server = answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client.list_orders().await.unwrap();
    assert_eq!(received(&server).await.url.path(), "/orders");

    // x-rust-name over health_check_health_get.
    let server = answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client.ping().await.unwrap();
    assert_eq!(received(&server).await.url.path(), "/health");

    // list_a_get and list_b_get would both be `list`: kept as they are.
    let server = answering(ResponseTemplate::new(204)).await;
    let client = Client::with_base_url(server.uri()).build().unwrap();
    client.list_a_get().await.unwrap();
    client.list_b_get().await.unwrap();
}
