//! Application code written against `omno::OmnoApi` runs with the real
//! `Client` or with a stand-in: here, a stand-in that approves small
//! payouts and declines the rest, so the example runs without a network.
//! `cargo run --example omno_stand_in` (with `OMNO_TOKEN` set, the same
//! code runs against the sandbox).

use std::collections::BTreeMap;

use payment_apis::omno::{self, Http400To500Error, OmnoApi, types};
use payment_apis::runtime::{CallOptions, Error, Response};
use rust_decimal::Decimal;

/// The application's own code: pays out and says what happened. The
/// payout is keyed by its order, so a retry never pays twice.
async fn pay_out(api: &impl OmnoApi, request: &types::CreatePayoutRequest) -> String {
    let key = format!("payout-{}", request.order_id);
    let created = match api.create_payout(request).idempotency_key(key).await {
        Ok(created) => created.into_body(),
        Err(e) => return format!("not created: {e}"),
    };
    let Some(id) = created.payout_id else {
        return "created without an id".into();
    };
    match api.confirm_payout(&id).await {
        Ok(_) => format!("{id} confirmed"),
        Err(Error::Api(e)) => format!("{id} declined: {}", e.body.kind()),
        Err(e) => format!("{id} not confirmed: {e}"),
    }
}

/// Approves payouts up to 100.00.
struct StandIn;

impl OmnoApi for StandIn {
    async fn send_create_cashier_session(
        &self,
        _: &types::CreateCashierSessionRequest,
        _: CallOptions,
    ) -> omno::Result<types::CashierSession, Http400To500Error> {
        Err(Error::InvalidRequest("not used here".into()))
    }

    async fn send_create_payout(
        &self,
        body: &types::CreatePayoutRequest,
        _: CallOptions,
    ) -> omno::Result<types::Payout, Http400To500Error> {
        let id = if body.value > Decimal::new(10000, 2) {
            "po_big"
        } else {
            "po_small"
        };
        let payout = types::Payout {
            payout_id: Some(id.into()),
            ..Default::default()
        };
        Ok(Response::new(200, payout))
    }

    async fn send_fetch_payout_transaction(
        &self,
        _: &str,
        _: CallOptions,
    ) -> omno::Result<types::PayoutTransaction, Http400To500Error> {
        Err(Error::InvalidRequest("not used here".into()))
    }

    async fn send_confirm_payout(
        &self,
        payout_id: &str,
        _: CallOptions,
    ) -> omno::Result<BTreeMap<String, serde_json::Value>, Http400To500Error> {
        if payout_id == "po_big" {
            let problem = types::ErrorResponse {
                error_message: Some("over the limit".into()),
                ..Default::default()
            };
            return Err(Error::api(400, Http400To500Error::BadRequest(problem)));
        }
        Ok(Response::new(200, BTreeMap::new()))
    }

    async fn send_reject_payout(
        &self,
        _: &str,
        _: CallOptions,
    ) -> omno::Result<BTreeMap<String, serde_json::Value>, Http400To500Error> {
        Err(Error::InvalidRequest("not used here".into()))
    }
}

fn request(amount: Decimal) -> types::CreatePayoutRequest {
    let customer = types::Customer::new(
        "123456789",
        "John",
        "Doe",
        "john.doe@example.com",
        "1 1234567890",
        chrono::NaiveDate::from_ymd_opt(1990, 12, 1).unwrap_or_default(),
        types::Billing::new("123 Main St", "Atlanta", "GA", "US", "30308"),
    );
    types::CreatePayoutRequest::new("order-1", amount, "USD", true, customer)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    for amount in [Decimal::new(5000, 2), Decimal::new(25000, 2)] {
        println!(
            "stand-in, {amount}: {}",
            pay_out(&StandIn, &request(amount)).await
        );
    }
    if let Ok(token) = std::env::var("OMNO_TOKEN") {
        let client = omno::Client::sandbox().bearer_token(token).build()?;
        println!(
            "sandbox: {}",
            pay_out(&client, &request(Decimal::new(5000, 2))).await
        );
    }
    Ok(())
}
