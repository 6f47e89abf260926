//! Application code written against an API's trait (`omno::OmnoApi`) runs
//! unchanged with the real `Client` and with a stand-in a test supplies:
//! no network, typed answers and typed errors.

use std::collections::BTreeMap;
use std::sync::Mutex;

use codegen_runtime::{Error, Response};
use payment_apis::omno::{self, Http400To500Error, OmnoApi, types};

/// The application's own code: create a payout and confirm it, or say why not.
async fn pay_out(
    api: &impl OmnoApi,
    request: &types::CreatePayoutRequest,
) -> Result<String, String> {
    let created = api
        .create_payout(request)
        .await
        .map_err(|e| e.to_string())?;
    let id = created.body.payout_id.clone().ok_or("no payout id")?;
    match api.confirm_payout(&id).await {
        Ok(_) => Ok(id),
        Err(Error::Api(e)) => match &e.body {
            Http400To500Error::BadRequest(problem) => Err(format!(
                "declined: {}",
                problem.error_message.as_deref().unwrap_or("?")
            )),
            other => Err(other.kind().to_string()),
        },
        Err(e) => Err(e.to_string()),
    }
}

/// A stand-in that records what it was asked and declines confirmations
/// of payouts over a limit. It answers only the two operations `pay_out`
/// calls.
#[derive(Default)]
struct StandIn {
    confirmed: Mutex<Vec<String>>,
}

impl OmnoApi for StandIn {
    async fn create_payout(
        &self,
        body: &types::CreatePayoutRequest,
    ) -> omno::Result<types::Payout, Http400To500Error> {
        let id = format!("po_{}", body.order_id);
        Ok(Response::new(
            200,
            types::Payout {
                payout_id: Some(id),
                ..Default::default()
            },
        ))
    }

    async fn confirm_payout(
        &self,
        payout_id: &str,
    ) -> omno::Result<BTreeMap<String, serde_json::Value>, Http400To500Error> {
        self.confirmed.lock().unwrap().push(payout_id.to_string());
        if payout_id.ends_with("big") {
            return Err(Error::api(
                400,
                Http400To500Error::BadRequest(types::ErrorResponse {
                    error_message: Some("over the limit".into()),
                    ..Default::default()
                }),
            ));
        }
        Ok(Response::new(200, BTreeMap::new()))
    }
}

fn request(order_id: &str) -> types::CreatePayoutRequest {
    let mut request: types::CreatePayoutRequest =
        serde_json::from_value(common_example()).expect("the spec's example decodes");
    request.order_id = order_id.to_string();
    request
}

fn common_example() -> serde_json::Value {
    let spec: serde_json::Value =
        serde_yaml::from_str(&std::fs::read_to_string("specs/omno.yaml").unwrap()).unwrap();
    let body =
        &spec["paths"]["/public/payout"]["post"]["requestBody"]["content"]["application/json"];
    body["example"].clone()
}

#[tokio::test]
async fn application_code_runs_against_a_stand_in() {
    let api = StandIn::default();
    assert_eq!(pay_out(&api, &request("1")).await, Ok("po_1".to_string()));
    assert_eq!(
        pay_out(&api, &request("big")).await,
        Err("declined: over the limit".to_string())
    );
    assert_eq!(*api.confirmed.lock().unwrap(), ["po_1", "po_big"]);
}

#[tokio::test]
async fn the_client_is_the_same_trait() {
    // Nothing listens on port 9: the real client reports a transport error
    // through the same code path.
    let client = omno::Client::with_base_url("http://127.0.0.1:9")
        .bearer_token("sk_test")
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let outcome = pay_out(&client, &request("1")).await;
    assert!(
        outcome.unwrap_err().contains("transport"),
        "a transport error"
    );
}

#[tokio::test]
async fn an_operation_a_stand_in_does_not_answer_is_not_implemented() {
    let api = StandIn::default();
    match api.reject_payout("po_1").await {
        Err(Error::NotImplemented(operation)) => assert_eq!(operation, "reject_payout"),
        other => panic!("expected NotImplemented, got {other:?}"),
    }
    let e = api.fetch_payout_transaction("po_1").await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "`fetch_payout_transaction` is not implemented by this implementation of the API's trait"
    );
}

/// A stand-in that answers one operation and sends the others with a real
/// client.
struct Partial {
    client: omno::Client,
}

impl OmnoApi for Partial {
    fn client(&self) -> Option<&omno::Client> {
        Some(&self.client)
    }

    async fn create_payout(
        &self,
        _: &types::CreatePayoutRequest,
    ) -> omno::Result<types::Payout, Http400To500Error> {
        Ok(Response::new(200, types::Payout::default()))
    }
}

#[tokio::test]
async fn a_stand_in_can_send_what_it_does_not_answer_with_a_client() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("PUT"))
        .and(wiremock::matchers::path("/public/payout/po_1/reject"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = omno::Client::with_base_url(server.uri())
        .bearer_token("sk_test")
        .build()
        .unwrap();
    let api = Partial { client };
    assert!(api.create_payout(&request("1")).await.is_ok());
    assert!(api.reject_payout("po_1").await.is_ok());
}
