//! Every way a security scheme puts its credential on a request, and how
//! requirements combine: alternatives, combinations, anonymous access.

use codegen_runtime::{
    Api, ApiInfo, ClientBuilder, ClientCore, Error, RequestParts, SchemeKind, SecurityScheme,
};
use wiremock::matchers::{header, method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug)]
struct TestApi(ClientCore);

impl Api for TestApi {
    const INFO: ApiInfo = ApiInfo {
        title: "Test",
        version: "1",
        schemes: &[
            SecurityScheme {
                name: "bearer",
                kind: SchemeKind::Bearer,
                used: true,
            },
            SecurityScheme {
                name: "basic",
                kind: SchemeKind::Basic,
                used: true,
            },
            SecurityScheme {
                name: "headerKey",
                kind: SchemeKind::ApiKeyHeader("X-Key"),
                used: true,
            },
            SecurityScheme {
                name: "queryKey",
                kind: SchemeKind::ApiKeyQuery("api_key"),
                used: true,
            },
            SecurityScheme {
                name: "cookieKey",
                kind: SchemeKind::ApiKeyCookie("session"),
                used: true,
            },
        ],
        default_headers: &[("X-Version", "1")],
    };
    fn from_core(core: ClientCore) -> Self {
        TestApi(core)
    }
}

async fn call(
    api: &TestApi,
    security: &'static [&'static [&'static str]],
) -> Result<u16, Error<()>> {
    let mut parts = RequestParts::start(reqwest::Method::GET, "/thing");
    parts.security(security);
    parts.cookie_param(
        &codegen_runtime::Param::new("lang", codegen_runtime::Style::Form, true),
        "en",
    );
    api.0.send::<()>(parts).await.map(|r| r.status.as_u16())
}

fn builder(server: &MockServer) -> ClientBuilder<TestApi> {
    ClientBuilder::<TestApi>::new(server.uri())
}

#[tokio::test]
async fn each_scheme_kind_is_applied() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Basic dXNlcjpwYXNz"))
        .and(query_param("api_key", "q-secret"))
        .and(header("cookie", "lang=en; session=c-secret"))
        .and(header("x-version", "1"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let api = builder(&server)
        .basic_auth("user", "pass")
        .credential("queryKey", codegen_runtime::Secret::new("q-secret"))
        .credential("cookieKey", codegen_runtime::Secret::new("c-secret"))
        .build()
        .unwrap();
    // One requirement combining three schemes.
    assert_eq!(
        call(&api, &[&["basic", "queryKey", "cookieKey"]])
            .await
            .unwrap(),
        200
    );
}

#[tokio::test]
async fn the_first_satisfiable_alternative_is_used() {
    let server = MockServer::start().await;
    Mock::given(header("x-key", "h-secret"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let api = builder(&server)
        .credential("headerKey", codegen_runtime::Secret::new("h-secret"))
        .build()
        .unwrap();
    // bearer is not configured: the header key alternative is taken.
    assert_eq!(
        call(&api, &[&["bearer"], &["headerKey"]]).await.unwrap(),
        200
    );
    let received = server.received_requests().await.unwrap();
    assert!(received[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn optional_security_sends_nothing_and_missing_security_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let api = builder(&server).build().unwrap();
    // `security: [{}, {bearer: []}]`: anonymous access is an alternative.
    assert_eq!(call(&api, &[&[], &["bearer"]]).await.unwrap(), 200);
    assert!(
        matches!(call(&api, &[&["bearer"]]).await, Err(Error::InvalidRequest(m)) if m.contains("bearer"))
    );
}

#[test]
fn builder_problems_are_reported_together() {
    let err = ClientBuilder::<TestApi>::new("not a url")
        .api_key("k")
        .credential("nope", codegen_runtime::Secret::new("x"))
        .build()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("nope") && text.contains("API key") && text.contains("not an absolute"),
        "{text}"
    );
}

/// An API whose document says no operation needs credentials (its
/// `security` is `[]`) though it declares a basic scheme: what a server
/// that requires basic auth anyway looks like from its document.
#[derive(Debug)]
struct OpenDoor(ClientCore);

impl Api for OpenDoor {
    const INFO: ApiInfo = ApiInfo {
        title: "Open",
        version: "1",
        schemes: &[SecurityScheme {
            name: "basic",
            kind: SchemeKind::Basic,
            used: false,
        }],
        default_headers: &[],
    };
    fn from_core(core: ClientCore) -> Self {
        OpenDoor(core)
    }
}

#[tokio::test]
async fn a_credential_no_operation_asks_for_is_refused_unless_sent_everywhere() {
    let server = MockServer::start().await;
    let err = ClientBuilder::<OpenDoor>::new(server.uri())
        .basic_auth("user", "pass")
        .build()
        .unwrap_err();
    assert!(
        err.to_string().contains("\"basic\" would never be sent")
            && err.to_string().contains(".authenticate_every_request()"),
        "{err}"
    );

    Mock::given(method("GET"))
        .and(header("authorization", "Basic dXNlcjpwYXNz"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let api = ClientBuilder::<OpenDoor>::new(server.uri())
        .basic_auth("user", "pass")
        .authenticate_every_request()
        .build()
        .unwrap();
    let mut parts = RequestParts::start(reqwest::Method::GET, "/flows");
    parts.security(&[]);
    assert_eq!(api.0.send::<()>(parts).await.unwrap().status.as_u16(), 200);
}

#[tokio::test]
async fn sent_everywhere_the_operations_own_scheme_still_wins_its_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer b-secret"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let api = builder(&server)
        .basic_auth("user", "pass")
        .bearer_token("b-secret")
        .authenticate_every_request()
        .build()
        .unwrap();
    assert_eq!(call(&api, &[&["bearer"]]).await.unwrap(), 200);
}

#[tokio::test]
async fn schemes_the_client_cannot_apply_are_left_to_default_headers() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "payone-hmac-sha256 signed"))
        .respond_with(ResponseTemplate::new(200))
        .expect(2)
        .mount(&server)
        .await;
    // `hmac` is an HTTP scheme the generator does not know: it is not among
    // the API's schemes, and the caller signs with a default header.
    let api = builder(&server)
        .default_header("Authorization", "payone-hmac-sha256 signed")
        .build()
        .unwrap();
    assert_eq!(call(&api, &[&["hmac"]]).await.unwrap(), 200);
    // A known scheme without a credential still refuses its alternative.
    assert!(matches!(
        call(&api, &[&["hmac", "bearer"]]).await,
        Err(Error::InvalidRequest(m)) if m.contains("hmac + bearer")
    ));
    // An alternative the client can satisfy whole comes first.
    let keyed = builder(&server)
        .default_header("Authorization", "payone-hmac-sha256 signed")
        .credential("headerKey", codegen_runtime::Secret::new("h-secret"))
        .build()
        .unwrap();
    assert_eq!(
        call(&keyed, &[&["hmac"], &["headerKey"]]).await.unwrap(),
        200
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[1].headers.get("x-key").unwrap(), "h-secret");
}
