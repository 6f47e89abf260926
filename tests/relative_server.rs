//! A server URL relative to where the document is served (`/api/v2/`), in a
//! document read from a file: `Client::at_origin` takes the origin, and
//! requests go to the server's path on it.

use payment_apis_suite::fixtures::relative_server::Client;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn at_origin_puts_the_servers_path_on_the_origin() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/items/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "7"})))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::at_origin(server.uri()).build().unwrap();
    assert_eq!(client.base_url(), format!("{}/api/v2", server.uri()));
    assert_eq!(client.get_item("7").await.unwrap().id, "7");
    // A trailing slash on the origin is not doubled.
    let client = Client::at_origin(format!("{}/", server.uri()))
        .build()
        .unwrap();
    assert_eq!(client.get_item("7").await.unwrap().id, "7");
}
