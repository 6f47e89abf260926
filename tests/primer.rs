//! Primer through a local mock server: API key and version headers, the
//! query-parameter GET and the PATCH.

mod common;

use payment_apis::primer::{self, types};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PATH: &str = "/client-session";

async fn client(server: &MockServer) -> primer::Client {
    primer::Client::with_base_url(server.uri())
        .api_key("primer-key")
        .retry_policy(common::quick_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_operation_sends_key_and_version() {
    let spec = common::spec("primer");
    let server = MockServer::start().await;
    for (verb, status) in [("post", "200"), ("patch", "200"), ("get", "200")] {
        let answer = common::example(&spec, PATH, verb, Some(status));
        let mut mock = Mock::given(method(verb.to_uppercase().as_str()))
            .and(path(PATH))
            .and(header("x-api-key", "primer-key"))
            .and(header("x-api-version", "2.4"));
        if verb == "get" {
            mock = mock.and(query_param("clientToken", "token-1"));
        } else {
            mock = mock.and(body_json(common::example(&spec, PATH, verb, None)));
        }
        mock.respond_with(ResponseTemplate::new(200).set_body_json(&answer))
            .expect(1)
            .mount(&server)
            .await;
    }
    let c = client(&server).await;
    let create: types::ClientSessionRequest =
        common::decode(&common::example(&spec, PATH, "post", None));
    let session = c.create_client_session(&create).await.unwrap();
    assert_eq!(
        serde_json::to_value(&session.body).unwrap(),
        common::example(&spec, PATH, "post", Some("200"))
    );
    let update: types::ClientSessionUpdateRequest =
        common::decode(&common::example(&spec, PATH, "patch", None));
    c.update_client_session(&update).await.unwrap();
    let fetched = c.get_client_session("token-1").await.unwrap();
    assert!(!fetched.client_token.is_empty());
}

#[tokio::test]
async fn the_version_header_can_be_overridden() {
    let server = MockServer::start().await;
    let spec = common::spec("primer");
    Mock::given(header("x-api-version", "2.5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::example(
            &spec,
            PATH,
            "get",
            Some("200"),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let c = primer::Client::with_base_url(server.uri())
        .api_key("k")
        .default_header("X-API-VERSION", "2.5")
        .build()
        .unwrap();
    c.get_client_session("t").await.unwrap();
}

#[tokio::test]
async fn documented_errors_are_typed() {
    let spec = common::spec("primer");
    for status in [400, 422] {
        let server = MockServer::start().await;
        let body = common::example(&spec, PATH, "post", Some(&status.to_string()));
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&body))
            .mount(&server)
            .await;
        let err = client(&server)
            .await
            .create_client_session(&types::ClientSessionRequest::default())
            .await
            .unwrap_err();
        let detail = match err.api_error() {
            Some(
                primer::CreateClientSessionError::BadRequest(e)
                | primer::CreateClientSessionError::UnprocessableEntity(e),
            ) => e.error.clone().expect("error details"),
            other => panic!("{status}: {other:?}"),
        };
        let description = detail.description.clone().unwrap();
        assert!(err.to_string().contains(&description), "{err}");
    }
}

#[tokio::test]
async fn constraints_are_checked_before_sending() {
    let server = MockServer::start().await;
    let body = types::ClientSessionRequest {
        order_id: Some(String::new()),
        currency_code: Some("EURO".into()),
        ..Default::default()
    };
    let err = client(&server)
        .await
        .create_client_session(&body)
        .await
        .unwrap_err();
    let codegen_runtime::Error::Validation(v) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<_> = v.violations.iter().map(|v| v.path.as_str()).collect();
    assert!(
        paths.contains(&"orderId") && paths.contains(&"currencyCode"),
        "{paths:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
