//! What reaches the server is exactly what the wire encoder built: the
//! query string, headers, cookies and body bytes, through `ClientCore`
//! (reqwest and url re-encode nothing).

use std::collections::BTreeMap;

use codegen_runtime::{
    Api, ApiInfo, ClientBuilder, ClientCore, Error, FilePart, Param, PropertyEncoding,
    RequestParts, SchemeKind, SecurityScheme, Style,
};
use reqwest::Method;
use serde::Serialize;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug)]
struct TestApi(ClientCore);

impl Api for TestApi {
    const INFO: ApiInfo = ApiInfo {
        title: "Wire",
        version: "1",
        schemes: &[SecurityScheme {
            name: "queryKey",
            kind: SchemeKind::ApiKeyQuery("api_key"),
            used: true,
        }],
        default_headers: &[],
    };
    fn from_core(core: ClientCore) -> Self {
        TestApi(core)
    }
}

async fn server() -> (MockServer, TestApi) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let api = ClientBuilder::<TestApi>::new(server.uri())
        .api_key("k 1&x")
        .build()
        .unwrap();
    (server, api)
}

/// Sends `parts` and returns the one request the server received.
async fn exchange(parts: RequestParts) -> wiremock::Request {
    let (server, api) = server().await;
    let status = api.0.send::<()>(parts).await.unwrap().status;
    assert_eq!(status, 200);
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    received.remove(0)
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> &'r str {
    request.headers.get(name).unwrap().to_str().unwrap()
}

#[derive(Serialize)]
struct Created {
    gt: i64,
    #[serde(with = "codegen_runtime::decimal")]
    lte: rust_decimal::Decimal,
}

#[tokio::test]
async fn parameters_arrive_byte_for_byte() {
    let mut parts = RequestParts::start(Method::GET, "/v1/customers/{}/charges{}");
    let created = Created {
        gt: 1_700_000_000,
        lte: "10.50".parse().unwrap(),
    };
    parts
        .security(&[&["queryKey"]])
        .path_param(&Param::new("customer", Style::Simple, false), "cus 1/é")
        .path_param(&Param::new("range", Style::Matrix, true), &[1, 2])
        .query_param(&Param::new("created", Style::DeepObject, true), &created)
        .query_param(
            &Param::new("expand", Style::DeepObject, true),
            &["data.source", "customer"],
        )
        .query_param(&Param::new("ids", Style::PipeDelimited, false), &[1, 2])
        .query_param(
            &Param::new("words", Style::SpaceDelimited, false),
            &["a b", "c"],
        )
        .query_param(&Param::new("csv", Style::Form, false), &["x", "y"])
        .query_param(&Param::new("absent", Style::Form, true), &None::<i32>)
        .query_param(
            &Param::new("next", Style::Form, true).allow_reserved(),
            "https://x.example/a?b=c,d",
        )
        .query_param(
            &Param::new("filter", Style::Json, false),
            &BTreeMap::from([("a", [1])]),
        )
        .header_param(
            &Param::new("X-Ids", Style::Simple, true),
            &BTreeMap::from([("a", 1), ("b", 2)]),
        )
        .cookie_param(
            &Param::new("prefs", Style::Form, true),
            &["dark", "wide mode"],
        );
    let request = exchange(parts).await;
    assert_eq!(
        request.url.path(),
        "/v1/customers/cus%201%2F%C3%A9/charges;range=1;range=2"
    );
    assert_eq!(
        request.url.query(),
        Some(
            "created[gt]=1700000000&created[lte]=10.50&expand[0]=data.source&expand[1]=customer\
             &ids=1|2&words=a%20b%20c&csv=x,y&next=https://x.example/a?b=c,d\
             &filter=%7B%22a%22%3A%5B1%5D%7D&api_key=k+1%26x"
        )
    );
    assert_eq!(header(&request, "x-ids"), "a=1,b=2");
    assert_eq!(header(&request, "cookie"), "prefs=dark; prefs=wide%20mode");
}

#[tokio::test]
async fn a_query_in_the_template_is_kept() {
    let mut parts = RequestParts::start(Method::GET, "/search?type=a");
    parts.query_param(&Param::new("q", Style::Form, true), "x y");
    parts.query_param(&Param::new("n", Style::Form, true), &1);
    let request = exchange(parts).await;
    assert_eq!(request.url.query(), Some("type=a&q=x%20y&n=1"));
    // An empty query in the template, and a `#` that allowReserved keeps
    // literal: still the query, never the start of a fragment.
    let mut parts = RequestParts::start(Method::GET, "/search?");
    parts.query_param(&Param::new("q", Style::Form, true), "x y");
    let request = exchange(parts).await;
    assert_eq!(request.url.query(), Some("q=x%20y"));
    let mut parts = RequestParts::start(Method::GET, "/search");
    parts.query_param(
        &Param::new("next", Style::Form, true).allow_reserved(),
        "a#b?c",
    );
    parts.query_param(&Param::new("n", Style::Form, true), &1);
    let request = exchange(parts).await;
    assert_eq!(request.url.query(), Some("next=a%23b?c&n=1"));
    assert_eq!(request.url.fragment(), None);
}

#[derive(Serialize)]
struct Customer {
    email: &'static str,
    address: BTreeMap<&'static str, &'static str>,
    metadata: BTreeMap<&'static str, i32>,
    items: Vec<BTreeMap<&'static str, &'static str>>,
    tags: Vec<&'static str>,
    options: Vec<&'static str>,
}

#[tokio::test]
async fn form_bodies_arrive_byte_for_byte() {
    let customer = Customer {
        email: "jenny+1@example.com",
        address: BTreeMap::from([("city", "Atlanta"), ("line1", "1 Main St")]),
        metadata: BTreeMap::from([("order_id", 6735)]),
        items: vec![BTreeMap::from([("price", "price_1")])],
        tags: vec!["a", "b"],
        options: vec!["x", "y"],
    };
    let mut parts = RequestParts::start(Method::POST, "/v1/customers");
    parts.form_body(
        &customer,
        &[PropertyEncoding::new("options").style(Style::Form, false)],
    );
    let request = exchange(parts).await;
    assert_eq!(
        header(&request, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "email=jenny%2B1%40example.com&address[city]=Atlanta&address[line1]=1+Main+St\
         &metadata[order_id]=6735&items[0][price]=price_1&tags=a&tags=b&options=x,y"
    );
}

#[derive(Serialize)]
struct Upload {
    purpose: &'static str,
    file: FilePart,
}

#[tokio::test]
async fn multipart_bodies_arrive_byte_for_byte() {
    let upload = Upload {
        purpose: "dispute_evidence",
        file: FilePart::new(vec![0u8, 1, 2, 255])
            .with_file_name("scan.pdf")
            .with_content_type("application/pdf"),
    };
    let mut parts = RequestParts::start(Method::POST, "/v1/files");
    parts.multipart_body(&upload, &[]);
    let request = exchange(parts).await;
    let content_type = header(&request, "content-type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n\
         dispute_evidence\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
         filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&[0, 1, 2, 255]);
    expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    assert_eq!(request.body, expected);
}

#[tokio::test]
async fn a_json_body_keeps_its_media_type() {
    let mut parts = RequestParts::start(Method::PATCH, "/v1/items/{}");
    parts
        .path_param(&Param::new("id", Style::Simple, false), &7)
        .json_body(
            "application/merge-patch+json",
            &serde_json::json!({"name": null}),
        );
    let request = exchange(parts).await;
    assert_eq!(request.url.path(), "/v1/items/7");
    assert_eq!(
        header(&request, "content-type"),
        "application/merge-patch+json"
    );
    assert_eq!(request.body, br#"{"name":null}"#);
}

#[tokio::test]
async fn values_a_style_cannot_express_are_never_sent() {
    let (server, api) = server().await;
    let mut unfilled = RequestParts::start(Method::GET, "/v1/{}");
    unfilled.query_param(&Param::new("ok", Style::Form, true), &1);
    let mut nested = RequestParts::start(Method::GET, "/v1");
    nested.query_param(&Param::new("ids", Style::Form, false), &[[1, 2]]);
    let mut header = RequestParts::start(Method::GET, "/v1");
    header.header_param(
        &Param::new("X-Filter", Style::Simple, false),
        &BTreeMap::from([("a", [1])]),
    );
    for (parts, expected) in [
        (unfilled, "a path parameter is missing"),
        (
            nested,
            "\"ids\" cannot be written in style form (explode false)",
        ),
        (
            header,
            "\"X-Filter\" cannot be written in style simple (explode false)",
        ),
    ] {
        match api.0.send::<()>(parts).await {
            Err(Error::InvalidRequest(problem)) => {
                assert!(problem.contains(expected), "{problem}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// The default-style shorthands (what generated code calls for most
/// parameters) write what the full descriptors write, and a scalar is
/// written the same exploded or not: the generator uses the shorthand for
/// a scalar whatever `explode` the spec gives it.
#[tokio::test]
async fn shorthands_match_descriptors_and_scalars_ignore_explode() {
    async fn sent(shorthand: bool, explode: bool) -> (String, String, String) {
        let mut parts = RequestParts::start(Method::GET, "/items/{}/{}");
        if shorthand {
            parts
                .path("id", "a b/é")
                .path("n", &-7)
                .query("q", "x y&z=1,2")
                .query("top", &5_i64)
                .query("on", &true)
                .query("ratio", &0.25)
                .header("X-Level", "eventual, strong")
                .cookie("session", "s 1;");
        } else {
            parts
                .path_param(&Param::new("id", Style::Simple, explode), "a b/é")
                .path_param(&Param::new("n", Style::Simple, explode), &-7)
                .query_param(&Param::new("q", Style::Form, explode), "x y&z=1,2")
                .query_param(&Param::new("top", Style::Form, explode), &5_i64)
                .query_param(&Param::new("on", Style::Form, explode), &true)
                .query_param(&Param::new("ratio", Style::Form, explode), &0.25)
                .header_param(
                    &Param::new("X-Level", Style::Simple, explode),
                    "eventual, strong",
                )
                .cookie_param(&Param::new("session", Style::Form, explode), "s 1;");
        }
        let request = exchange(parts).await;
        (
            format!(
                "{}?{}",
                request.url.path(),
                request.url.query().unwrap_or("")
            ),
            header(&request, "x-level").to_string(),
            header(&request, "cookie").to_string(),
        )
    }
    let short = sent(true, false).await;
    assert_eq!(short, sent(false, false).await);
    assert_eq!(short, sent(false, true).await);
    assert_eq!(
        short.0,
        "/items/a%20b%2F%C3%A9/-7?q=x%20y%26z%3D1%2C2&top=5&on=true&ratio=0.25"
    );
}
