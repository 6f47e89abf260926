//! Contract tests against Prism, a mock server that validates requests
//! against the spec: every operation of every spec is called through the
//! generated client, Prism must report no request violation (nor a response
//! one, but for the format of a date-time the spec marks
//! `x-datetime-without-offset`), and the decoded responses must equal the
//! spec's examples.
//!
//! The harness installs the pinned Prism itself (`npm ci` in tests/prism);
//! it needs Node.js and npm on the PATH, nothing else.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::sync::Mutex;
use std::time::Duration;

use codegen_runtime::Response;
use payment_apis::{kadosei, omno, primer, rebilly};
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

static INSTALL: Mutex<()> = Mutex::new(());

/// Installs the pinned Prism from the committed lockfile, once.
fn prism_binary() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/prism");
    let bin = dir.join("node_modules/.bin/prism");
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if !bin.exists() {
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .status()
            .expect("npm is needed to install Prism (Node.js 18+ and npm on the PATH)");
        assert!(status.success(), "npm ci in tests/prism failed");
    }
    bin
}

/// A running Prism mocking one spec; killed when dropped.
struct Prism {
    child: Child,
    url: String,
}

impl Prism {
    async fn start(spec: &str) -> Prism {
        let bin = prism_binary();
        let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("specs")
            .join(format!("{spec}.yaml"));
        let mut child = Command::new(bin)
            .args(["mock", "-h", "127.0.0.1", "-p", "0"])
            .arg(&spec)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("prism starts");
        let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        let url = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.expect("prism output") {
                if let Some(at) = line.find("Prism is listening on ") {
                    return line[at + "Prism is listening on ".len()..]
                        .trim()
                        .to_string();
                }
                assert!(!line.contains("fatal"), "prism failed: {line}");
            }
            panic!("prism exited before it was ready");
        })
        .await
        .expect("prism is ready within 60 s");
        // Keep reading so Prism never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Prism { child, url }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Properties the specs mark `x-datetime-without-offset`: the API sends
/// them without an offset on purpose, so Prism, which checks the spec's
/// examples as RFC 3339, flags their format.
fn without_offset() -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    for (name, schema) in props {
                        if schema["x-datetime-without-offset"] == Value::Bool(true) {
                            out.push(name.clone());
                        }
                    }
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for api in ["kadosei", "omno", "primer", "rebilly"] {
        walk(&common::spec(api), &mut out);
    }
    out
}

/// Prism reported no violation, but for the format of an offset-less
/// date-time the spec declares as such.
fn assert_no_violations(headers: &reqwest::header::HeaderMap) {
    let Some(report) = headers.get("sl-violations") else {
        return;
    };
    let violations: Vec<Value> = serde_json::from_slice(report.as_bytes()).expect("a JSON report");
    let allowed = without_offset();
    for v in &violations {
        let location = v["location"].as_array().expect("a location");
        let expected = location.first() == Some(&Value::from("response"))
            && v["code"] == "format"
            && location
                .last()
                .and_then(Value::as_str)
                .is_some_and(|name| allowed.iter().any(|a| a == name));
        assert!(expected, "Prism reported a violation: {v}");
    }
}

/// The response carries no violation report and decodes to the example.
fn assert_matches_example<T: Serialize, H>(response: &Response<T, H>, example: &Value) {
    assert_no_violations(&response.headers);
    assert_eq!(&serde_json::to_value(&response.body).unwrap(), example);
}

#[tokio::test]
async fn omno_against_prism() {
    let prism = Prism::start("omno").await;
    let spec = common::spec("omno");
    let client = omno::Client::with_base_url(&prism.url)
        .bearer_token("token")
        .build()
        .unwrap();
    let session = client
        .create_cashier_session(&common::decode(&common::example(
            &spec,
            "/public/cashier/session",
            "post",
            None,
        )))
        .await
        .unwrap();
    assert_matches_example(
        &session,
        &common::example(&spec, "/public/cashier/session", "post", Some("200")),
    );
    let payout = client
        .create_payout(&common::decode(&common::example(
            &spec,
            "/public/payout",
            "post",
            None,
        )))
        .await
        .unwrap();
    assert_matches_example(
        &payout,
        &common::example(&spec, "/public/payout", "post", Some("200")),
    );
    let id = "944732c4608c441aa91379478b91f76e";
    let fetched = client.fetch_payout_transaction(id).await.unwrap();
    assert_matches_example(
        &fetched,
        &common::example(&spec, "/public/payout/{payoutId}", "get", Some("200")),
    );
    let confirmed = client.confirm_payout(id).await.unwrap();
    assert_matches_example(
        &confirmed,
        &common::example(
            &spec,
            "/public/payout/{payoutId}/confirm",
            "put",
            Some("200"),
        ),
    );
    let rejected = client.reject_payout(id).await.unwrap();
    assert_matches_example(
        &rejected,
        &common::example(
            &spec,
            "/public/payout/{payoutId}/reject",
            "put",
            Some("200"),
        ),
    );
}

#[tokio::test]
async fn kadosei_against_prism() {
    let prism = Prism::start("kadosei").await;
    let spec = common::spec("kadosei");
    let client = kadosei::Client::with_base_url(&prism.url)
        .bearer_token("ks_test_1")
        .build()
        .unwrap();
    let body = common::decode(&common::example(&spec, "/api/v1/sessions", "post", None));
    let created = client.create_checkout_session(&body).await.unwrap();
    assert_matches_example(
        &created,
        &common::example(&spec, "/api/v1/sessions", "post", Some("201")),
    );
}

#[tokio::test]
async fn primer_against_prism() {
    let prism = Prism::start("primer").await;
    let spec = common::spec("primer");
    let client = primer::Client::with_base_url(&prism.url)
        .api_key("key")
        .build()
        .unwrap();
    let created = client
        .create_client_session(&common::decode(&common::example(
            &spec,
            "/client-session",
            "post",
            None,
        )))
        .await
        .unwrap();
    assert_matches_example(
        &created,
        &common::example(&spec, "/client-session", "post", Some("200")),
    );
    let updated = client
        .update_client_session(&common::decode(&common::example(
            &spec,
            "/client-session",
            "patch",
            None,
        )))
        .await
        .unwrap();
    assert_matches_example(
        &updated,
        &common::example(&spec, "/client-session", "patch", Some("200")),
    );
    let fetched = client
        .get_client_session(&created.client_token)
        .await
        .unwrap();
    assert_matches_example(
        &fetched,
        &common::example(&spec, "/client-session", "get", Some("200")),
    );
}

#[tokio::test]
async fn rebilly_against_prism() {
    let prism = Prism::start("rebilly").await;
    let spec = common::spec("rebilly");
    let body: rebilly::types::CashierRequest =
        common::decode(&common::example(&spec, "/cashiers", "post", None));
    // Prism answers the lowest documented 2xx unless asked for another.
    for (status, prefer) in [("200", "code=200"), ("201", "code=201")] {
        let client = rebilly::Client::with_base_url(&prism.url)
            .api_key("key")
            .default_header("Prefer", prefer)
            .build()
            .unwrap();
        let response = client.create_cashier(&body).await.unwrap();
        let cashier = match (&response.body, status) {
            (rebilly::CreateCashierResponse::Ok(c), "200")
            | (rebilly::CreateCashierResponse::Created(c), "201") => c,
            other => panic!("{other:?}"),
        };
        assert_no_violations(&response.headers);
        assert_eq!(
            serde_json::to_value(cashier).unwrap(),
            common::example(&spec, "/cashiers", "post", Some(status))
        );
        // The 201's declared headers carry the spec's examples, typed.
        if status == "201" {
            let headers = response.typed_headers();
            let declared = &spec["components"]["headers"];
            assert_eq!(
                headers.location.as_deref(),
                declared["Location"]["example"].as_str()
            );
            assert_eq!(
                headers.x_rate_limit_limit,
                declared["X-RateLimit-Limit"]["example"].as_i64()
            );
            assert_eq!(
                headers.x_rate_limit_remaining,
                declared["X-RateLimit-Remaining"]["example"].as_i64()
            );
            assert!(headers.malformed.is_empty(), "{:?}", headers.malformed);
        }
    }
    // The alternative credential (JWT bearer) satisfies the requirement too.
    let jwt = rebilly::Client::with_base_url(&prism.url)
        .bearer_token("jwt")
        .build()
        .unwrap();
    jwt.create_cashier(&body).await.unwrap();
    // The request's notification URL keeps its placeholders, and Prism takes it.
    assert!(
        serde_json::to_string(&body)
            .unwrap()
            .contains("transaction={id}&result={result}")
    );

    // The GET that confirms a transaction: its answer and each documented error.
    let id = "txn_01HXYZB7C8D9E0F1G2H3J4K5MN";
    let transaction = jwt.get_transaction(id).expand("customer").await.unwrap();
    assert_matches_example(
        &transaction,
        &common::example(&spec, "/transactions/{id}", "get", Some("200")),
    );
    for status in ["401", "403", "404"] {
        let client = rebilly::Client::with_base_url(&prism.url)
            .api_key("key")
            .default_header("Prefer", format!("code={status}"))
            .retry_policy(codegen_runtime::RetryPolicy::none())
            .build()
            .unwrap();
        let err = client
            .get_transaction(id)
            .expand("customer")
            .await
            .unwrap_err();
        let codegen_runtime::Error::Api(api) = &err else {
            panic!("{status}: {err:?}")
        };
        assert_no_violations(&api.headers);
        let problem = match &api.body {
            rebilly::GetTransactionError::Unauthorized(p)
            | rebilly::GetTransactionError::Forbidden(p)
            | rebilly::GetTransactionError::NotFound(p) => p,
        };
        assert_eq!(api.status.as_str(), status);
        assert_eq!(
            serde_json::to_value(problem).unwrap(),
            common::example(&spec, "/transactions/{id}", "get", Some(status))
        );
    }
}
