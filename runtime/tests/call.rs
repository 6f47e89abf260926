//! `Call`, the future every operation whose answers are read whole returns:
//! it sends when polled, decodes by status, passes transport failures on
//! as the operation's error type, and a refused call sends nothing.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use codegen_runtime::validate::{Path, Validator};
use codegen_runtime::{
    Api, ApiInfo, Call, ClientBuilder, ClientCore, Error, NoDocumentedErrors, RawResponse,
    ReadError, RequestParts, Response, TypedHeaders,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug)]
struct TestApi(ClientCore);

impl Api for TestApi {
    const INFO: ApiInfo = ApiInfo {
        title: "Test",
        version: "1",
        schemes: &[],
        default_headers: &[],
    };
    fn from_core(core: ClientCore) -> Self {
        TestApi(core)
    }
}

#[derive(Debug, PartialEq)]
enum ThingError {
    NotFound(String),
}

fn decode(raw: RawResponse) -> Result<Response<u32>, Error<ThingError>> {
    match raw.status.as_u16() {
        200 => raw.json::<u32, _>(),
        404 => Err(raw.api_error(ThingError::NotFound)),
        _ => Err(raw.unexpected()),
    }
}

fn thing(api: &TestApi) -> Call<'_, u32, ThingError> {
    Call::new(
        &api.0,
        RequestParts::start(reqwest::Method::GET, "/thing"),
        decode,
    )
}

/// What generated code writes for an error enum whose operations end in
/// `Call::json` (or `text`, `empty`).
impl ReadError for ThingError {
    fn read_error(raw: RawResponse) -> Error<Self> {
        match raw.status.as_u16() {
            404 => raw.api_error(ThingError::NotFound),
            _ => raw.unexpected(),
        }
    }
}

/// A declared response header, as generated.
#[derive(Debug, PartialEq)]
struct ThingHeaders {
    etag: Option<String>,
}

impl TypedHeaders for ThingHeaders {
    fn from_headers(headers: &reqwest::header::HeaderMap) -> Self {
        let etag = headers.get("etag").and_then(|v| v.to_str().ok());
        ThingHeaders {
            etag: etag.map(str::to_string),
        }
    }
}

fn get() -> RequestParts {
    RequestParts::start(reqwest::Method::GET, "/thing")
}

async fn answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/thing"))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_string(body)
                .insert_header("etag", "\"v1\""),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_plain_call_reads_its_success_and_leaves_errors_to_the_error_type() {
    let server = answering(200, "7").await;
    let client = api(&server.uri());
    let call: Call<'_, u32, ThingError, ThingHeaders> = Call::json(&client.0, get(), Some(200));
    let answer = call.await.unwrap();
    assert_eq!((answer.status.as_u16(), answer.body), (200, 7));
    assert_eq!(answer.typed_headers().etag.as_deref(), Some("\"v1\""));

    let server = answering(404, "\"gone\"").await;
    let client = api(&server.uri());
    let call: Call<'_, u32, ThingError> = Call::json(&client.0, get(), Some(200));
    let error = call.await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&ThingError::NotFound("gone".into()))
    );

    let server = answering(500, "oops").await;
    let client = api(&server.uri());
    let call: Call<'_, String, ThingError> = Call::text(&client.0, get(), None);
    let error = call.await.unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedStatus { status, .. } if status.as_u16() == 500),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_plain_call_reads_an_undeclared_2xx_as_its_declared_success() {
    // Documented 200, answered 201 with a body that fits: the success.
    let server = answering(201, "7").await;
    let client = api(&server.uri());
    let call: Call<'_, u32, ThingError> = Call::json(&client.0, get(), Some(200));
    let answer = call.await.unwrap();
    assert_eq!((answer.status.as_u16(), answer.body), (201, 7));
    // A 201 whose body does not fit is an unexpected status, where the
    // documented 200 with the same body is a decoding error.
    let server = answering(201, "not json").await;
    let client = api(&server.uri());
    let call: Call<'_, u32, ThingError> = Call::json(&client.0, get(), Some(200));
    let error = call.await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedStatus { .. }), "{error:?}");
    let server = answering(200, "not json").await;
    let client = api(&server.uri());
    let call: Call<'_, u32, ThingError> = Call::json(&client.0, get(), Some(200));
    let error = call.await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    // A range reads every 2XX alike: a body that does not fit is a
    // decoding error, whatever the status.
    let server = answering(201, "not json").await;
    let client = api(&server.uri());
    let call: Call<'_, u32, ThingError> = Call::json(&client.0, get(), None);
    let error = call.await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn an_empty_success_ignores_its_body_and_no_documented_errors_are_unexpected() {
    let server = answering(204, "").await;
    let client = api(&server.uri());
    let call: Call<'_, (), NoDocumentedErrors> = Call::empty(&client.0, get(), Some(204));
    assert_eq!(call.await.unwrap().status.as_u16(), 204);
    let server = answering(404, "\"gone\"").await;
    let client = api(&server.uri());
    let call: Call<'_, (), NoDocumentedErrors> = Call::empty(&client.0, get(), None);
    let error = call.await.unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedStatus { status, .. } if status.as_u16() == 404),
        "{error:?}"
    );
}

fn api(base_url: &str) -> TestApi {
    ClientBuilder::<TestApi>::new(base_url).build().unwrap()
}

#[tokio::test]
async fn a_call_sends_when_awaited_and_decodes_by_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/thing"))
        .respond_with(ResponseTemplate::new(200).set_body_string("7"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/thing"))
        .respond_with(ResponseTemplate::new(404).set_body_string("\"gone\""))
        .mount(&server)
        .await;
    let api = api(&server.uri());
    let call = thing(&api);
    // Made but not awaited: nothing is sent.
    assert!(server.received_requests().await.unwrap().is_empty());
    assert!(format!("{call:?}").contains("ready"));
    assert_eq!(call.await.unwrap().body, 7);
    let error = thing(&api).await.unwrap_err();
    assert_eq!(
        error.api_error(),
        Some(&ThingError::NotFound("gone".into()))
    );
}

#[tokio::test]
async fn a_transport_failure_is_the_operations_error() {
    // Nothing listens on a port just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let api = api(&format!("http://127.0.0.1:{port}"));
    let error: Error<ThingError> = thing(&api).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn a_refused_call_sends_nothing_and_reports_the_violations() {
    let server = MockServer::start().await;
    let mut validator = Validator::default();
    validator.length(&Path::ROOT.field("code"), "toolong", None, Some(4));
    let call: Call<'_, u32, ThingError> = Call::refused(validator.finish().unwrap_err());
    assert!(format!("{call:?}").contains("refused"));
    let error = call.await.unwrap_err();
    assert!(
        matches!(&error, Error::Validation(v) if v.to_string().contains("code")),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn a_call_polled_after_it_completed_is_an_error_not_a_panic() {
    let mut validator = Validator::default();
    validator.length(&Path::ROOT.field("code"), "toolong", None, Some(4));
    let mut call: Call<'_, u32, ThingError> = Call::refused(validator.finish().unwrap_err());
    let mut cx = Context::from_waker(Waker::noop());
    assert!(matches!(
        Pin::new(&mut call).poll(&mut cx),
        Poll::Ready(Err(Error::Validation(_)))
    ));
    assert!(matches!(
        Pin::new(&mut call).poll(&mut cx),
        Poll::Ready(Err(Error::InvalidRequest(_)))
    ));
}

#[test]
fn a_call_is_send() {
    fn send<T: Send>(_: &T) {}
    let api = api("http://127.0.0.1:9");
    send(&thing(&api));
}
