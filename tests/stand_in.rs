//! Application code written against an API's trait (`omno::OmnoApi`) runs
//! unchanged with the real `Client` and with a stand-in a test supplies:
//! no network, typed answers and typed errors.

use std::collections::BTreeMap;
use std::sync::Mutex;

use codegen_runtime::{CallOptions, Error, Response};
use payment_apis::omno::{self, Http400To500Error, OmnoApi, types};

/// The application's own code: create a payout and confirm it, or say why not.
async fn pay_out(
    api: &impl OmnoApi,
    request: &types::CreatePayoutRequest,
) -> Result<String, String> {
    let created = api
        .create_payout(request)
        .idempotency_key(format!("payout-{}", request.order_id))
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
/// of payouts over a limit.
#[derive(Default)]
struct StandIn {
    confirmed: Mutex<Vec<String>>,
}

fn not_used<T, E>() -> Result<T, Error<E>> {
    Err(Error::InvalidRequest("not used by this test".into()))
}

impl OmnoApi for StandIn {
    async fn send_create_cashier_session(
        &self,
        _: &types::CreateCashierSessionRequest,
        _: CallOptions,
    ) -> omno::Result<types::CashierSession, Http400To500Error> {
        not_used()
    }

    async fn send_create_payout(
        &self,
        body: &types::CreatePayoutRequest,
        options: CallOptions,
    ) -> omno::Result<types::Payout, Http400To500Error> {
        // The caller's key reaches the implementation.
        assert_eq!(
            options.idempotency_key(),
            Some(format!("payout-{}", body.order_id).as_str())
        );
        let id = format!("po_{}", body.order_id);
        Ok(Response::new(
            200,
            types::Payout {
                payout_id: Some(id),
                ..Default::default()
            },
        ))
    }

    async fn send_fetch_payout_transaction(
        &self,
        _: &str,
        _: CallOptions,
    ) -> omno::Result<types::PayoutTransaction, Http400To500Error> {
        not_used()
    }

    async fn send_confirm_payout(
        &self,
        payout_id: &str,
        _: CallOptions,
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

    async fn send_reject_payout(
        &self,
        _: &str,
        _: CallOptions,
    ) -> omno::Result<BTreeMap<String, serde_json::Value>, Http400To500Error> {
        not_used()
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

/// Optional parameters through the trait: the caller names them on the
/// call the trait's method returns (`api.get_transaction(id).expand(..)`),
/// never a `…Params` literal; a stand-in implements the sending method and
/// is given them as a struct, with the call's options.
mod optional_parameters {
    use std::sync::Mutex;

    use codegen_runtime::{CallOptions, Error, Response};
    use payment_apis::rebilly::{
        self, CreateCashierError, CreateCashierHeaders, CreateCashierResponse, GetTransactionError,
        GetTransactionParams, RebillyApi, types,
    };

    /// The application's own code, generic over the API.
    async fn settled(api: &impl RebillyApi, id: &str) -> Result<String, String> {
        let transaction = api
            .get_transaction(id)
            .expand("customer")
            .idempotency_key("lookup-1")
            .await
            .map_err(|e| e.to_string())?;
        Ok(transaction.body.id.clone().unwrap_or_default())
    }

    /// What one call asked: the id, `expand`, the idempotency key.
    type Asked = (String, Option<String>, Option<String>);

    #[derive(Default)]
    struct StandIn {
        asked: Mutex<Vec<Asked>>,
    }

    impl RebillyApi for StandIn {
        async fn send_create_cashier(
            &self,
            _: &types::CashierRequest,
            _: CallOptions,
        ) -> rebilly::Result<CreateCashierResponse, CreateCashierError, CreateCashierHeaders>
        {
            Err(Error::InvalidRequest("not used by this test".into()))
        }

        async fn send_get_transaction(
            &self,
            id: &str,
            params: GetTransactionParams,
            options: CallOptions,
        ) -> rebilly::Result<types::Transaction, GetTransactionError> {
            self.asked.lock().unwrap().push((
                id.to_string(),
                params.expand,
                options.idempotency_key().map(str::to_string),
            ));
            Ok(Response::new(
                200,
                types::Transaction {
                    id: Some(id.to_string()),
                    ..Default::default()
                },
            ))
        }
    }

    #[tokio::test]
    async fn a_stand_in_is_given_the_optional_parameters_and_options() {
        let api = StandIn::default();
        assert_eq!(settled(&api, "txn_1").await, Ok("txn_1".to_string()));
        assert_eq!(
            *api.asked.lock().unwrap(),
            [(
                "txn_1".to_string(),
                Some("customer".to_string()),
                Some("lookup-1".to_string())
            )]
        );
    }

    #[tokio::test]
    async fn the_client_sends_them_through_the_same_trait() {
        let client = rebilly::Client::with_base_url("http://127.0.0.1:9")
            .api_key("sk_test")
            .retry_policy(codegen_runtime::RetryPolicy::none())
            .build()
            .unwrap();
        let outcome = settled(&client, "txn_1").await;
        assert!(
            outcome.unwrap_err().contains("transport"),
            "a transport error"
        );
    }
}
