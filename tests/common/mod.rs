//! Helpers shared by the mock-server tests: spec examples, quick retries,
//! and a mock that answers anything and records the request.
#![allow(dead_code)]

pub mod trickle;

use std::time::Duration;

use serde_json::Value;

/// The spec `name` (`omno`) as JSON.
pub fn spec(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("specs/{name}.yaml")).expect("spec exists");
    serde_yaml::from_str(&text).expect("spec is YAML")
}

/// The example of a request or response body, by operation and status
/// (`None` for the request body), following `$ref`s to components.
pub fn example(spec: &Value, path: &str, method: &str, status: Option<&str>) -> Value {
    let op = &spec["paths"][path][method];
    let mut node = match status {
        None => op["requestBody"].clone(),
        Some(s) => op["responses"][s].clone(),
    };
    while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let pointer = reference.trim_start_matches('#');
        node = spec.pointer(pointer).expect("ref resolves").clone();
    }
    node["content"]["application/json"]["example"].clone()
}

/// Retries fast enough for tests.
pub fn quick_retries() -> codegen_runtime::RetryPolicy {
    codegen_runtime::RetryPolicy {
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_secs(3),
        ..codegen_runtime::RetryPolicy::default()
    }
}

/// Decodes a JSON value as `T`, panicking with the reason.
pub fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("example does not decode: {e}"))
}

/// A mock server that answers every request with `response`.
pub async fn answering(response: wiremock::ResponseTemplate) -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// The one request `server` received.
pub async fn received(server: &wiremock::MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}
