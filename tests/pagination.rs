//! Paging through four pages of each convention of
//! `tests/fixtures/pagination.yaml`, lazily, with an error on page three
//! that ends the stream after it is yielded.

use payment_apis_suite::fixtures::pagination::Client;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ids(from: u32) -> Vec<Value> {
    (from..from + 2)
        .map(|i| json!({"id": format!("c{i}")}))
        .collect()
}

async fn page(
    server: &MockServer,
    at: &str,
    query: Option<(&str, &str)>,
    missing: &str,
    body: Value,
) {
    let mock = Mock::given(method("GET")).and(path(at));
    let mock = match query {
        Some((k, v)) => mock.and(query_param(k, v)),
        None => mock.and(query_param_is_missing(missing)),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

async fn collect<T, C: Clone + PartialEq, E: std::fmt::Debug>(
    mut pages: codegen_runtime::paginate::Pages<'_, T, C, E>,
) -> (Vec<T>, Option<String>) {
    let mut items = Vec::new();
    while let Some(item) = pages.next().await {
        match item {
            Ok(item) => items.push(item),
            Err(e) => return (items, Some(e.to_string())),
        }
    }
    (items, None)
}

fn client(server: &MockServer) -> Client {
    Client::with_base_url(server.uri())
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn has_more_and_starting_after() {
    let server = MockServer::start().await;
    page(
        &server,
        "/customers",
        None,
        "starting_after",
        json!({"data": ids(1), "has_more": true}),
    )
    .await;
    page(
        &server,
        "/customers",
        Some(("starting_after", "c2")),
        "",
        json!({"data": ids(3), "has_more": true}),
    )
    .await;
    page(
        &server,
        "/customers",
        Some(("starting_after", "c4")),
        "",
        json!({"data": ids(5), "has_more": true}),
    )
    .await;
    page(
        &server,
        "/customers",
        Some(("starting_after", "c6")),
        "",
        json!({"data": ids(7), "has_more": false}),
    )
    .await;
    let (items, error) = collect(client(&server).list_customers().limit(2).stream()).await;
    assert_eq!(error, None);
    let ids: Vec<String> = items.into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"]);
    // Every request kept the caller's own parameters.
    for request in server.received_requests().await.unwrap() {
        assert!(request.url.query().unwrap().contains("limit=2"));
    }
}

#[tokio::test]
async fn a_cursor_in_the_answer_with_an_error_on_page_three() {
    let server = MockServer::start().await;
    page(
        &server,
        "/events",
        None,
        "cursor",
        json!({"items": ids(1), "next_cursor": "p2"}),
    )
    .await;
    page(
        &server,
        "/events",
        Some(("cursor", "p2")),
        "",
        json!({"items": ids(3), "next_cursor": "p3"}),
    )
    .await;
    Mock::given(method("GET"))
        .and(query_param("cursor", "p3"))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .expect(1)
        .mount(&server)
        .await;
    let (items, error) = collect(client(&server).list_events().stream()).await;
    assert_eq!(items.len(), 4, "two pages before the error");
    assert!(error.unwrap().contains("500"), "the error is the last item");
}

#[tokio::test]
async fn page_numbers_while_a_next_link_is_given() {
    let server = MockServer::start().await;
    for n in 1..=4 {
        let mut response = ResponseTemplate::new(200).set_body_json(ids(n * 10));
        if n < 4 {
            let next = format!(
                "<{}/repos?per_page=2&page={}>; rel=\"next\"",
                server.uri(),
                n + 1
            );
            response = response.insert_header("Link", next.as_str());
        }
        let mock = Mock::given(path("/repos"));
        let mock = if n == 1 {
            mock.and(query_param("page", "1"))
        } else {
            mock.and(query_param("page", n.to_string().as_str()))
        };
        mock.respond_with(response).expect(1).mount(&server).await;
    }
    let (items, error) = collect(client(&server).list_repos().stream()).await;
    assert_eq!(error, None);
    assert_eq!(items.len(), 8);
    assert_eq!(items[7].id, "c41");
}

#[tokio::test]
async fn page_numbers_until_an_empty_page() {
    let server = MockServer::start().await;
    for n in 0..4 {
        page(
            &server,
            "/orders",
            Some(("page", &n.to_string())),
            "",
            json!({"results": ids(n * 10)}),
        )
        .await;
    }
    page(
        &server,
        "/orders",
        Some(("page", "4")),
        "",
        json!({"results": []}),
    )
    .await;
    let (items, error) = collect(client(&server).list_orders().stream()).await;
    assert_eq!(error, None);
    assert_eq!(
        items.len(),
        8,
        "pages 0 to 3, then the empty page 4 ends it"
    );
}

#[tokio::test]
async fn a_declared_convention_is_followed() {
    let server = MockServer::start().await;
    page(
        &server,
        "/payouts",
        None,
        "from",
        json!({"entries": ids(1), "continuation": "k2"}),
    )
    .await;
    page(
        &server,
        "/payouts",
        Some(("from", "k2")),
        "",
        json!({"entries": ids(3), "continuation": ""}),
    )
    .await;
    let (items, error) = collect(client(&server).list_payouts().stream()).await;
    assert_eq!(error, None);
    assert_eq!(items.len(), 4, "an empty cursor is the last page");
}
