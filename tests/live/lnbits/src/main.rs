//! User scenarios against a live LNbits 1.6.2 (FastAPI; FakeWallet funding
//! source, SQLite), through the client generated from the document it
//! serves. One line per scenario; `scripts/live.py` reads them.

#[path = "../../common.rs"]
#[macro_use]
mod common;

use codegen_runtime::Secret;
use common::{Outcome, expect_error, run};
use lnbits_client::{Client, types};
use serde_json::json;

/// A client for the served document's origin, with a wallet key.
fn client(key: &str) -> Client {
    Client::served()
        .credential("APIKeyHeader", Secret::new(key))
        .build()
        .expect("client")
}

fn anonymous() -> Client {
    Client::served().build().expect("client")
}

fn e<E: std::fmt::Debug>(e: codegen_runtime::Error<E>) -> String {
    common::seen(&e)
}

async fn new_account(name: &str) -> Result<types::Wallet, String> {
    let account = anonymous()
        .api_create_account(&types::CreateWallet::new().with_name(name))
        .await
        .map_err(e)?
        .into_body();
    Ok(account)
}

async fn invoice(key: &str, sats: f64, memo: &str) -> Result<types::Payment, String> {
    let created = client(key)
        .api_payments_create(
            &types::CreateInvoice::new()
                .with_out(false)
                .with_amount(sats)
                .with_memo(memo),
        )
        .await
        .map_err(e)?;
    check!(created.status.as_u16() == 201, "status {}", created.status);
    Ok(created.into_body())
}

/// POST /api/v1/account: a new account and its first wallet.
async fn create_account() -> Outcome {
    let wallet = new_account("live shop").await?;
    check!(wallet.name == "live shop", "name {:?}", wallet.name);
    check!(
        wallet.adminkey.len() == 32,
        "adminkey {:?}",
        wallet.adminkey
    );
    check!(wallet.inkey != wallet.adminkey, "inkey equals adminkey");
    check!(!wallet.deleted, "a new wallet is deleted");
    Ok(())
}

/// GET /api/v1/wallet with the invoice key: the wallet's name and balance.
async fn read_wallet() -> Outcome {
    let wallet = new_account("read back").await?;
    let read = client(&wallet.inkey)
        .api_wallet()
        .await
        .map_err(e)?
        .into_body();
    check!(read["name"] == "read back", "name {}", read["name"]);
    check!(read["balance"] == 0, "balance {}", read["balance"]);
    Ok(())
}

/// PATCH /api/v1/wallet with the admin key, then read back.
async fn rename_wallet() -> Outcome {
    let wallet = new_account("before").await?;
    let updated = client(&wallet.adminkey)
        .api_update_wallet()
        .body(
            types::BodyApiUpdateWalletApiV1WalletPatch::new()
                .with_name("after")
                .with_currency("EUR"),
        )
        .await
        .map_err(e)?
        .into_body();
    check!(updated.name == "after", "name {:?}", updated.name);
    let read = client(&wallet.inkey)
        .api_wallet()
        .await
        .map_err(e)?
        .into_body();
    check!(read["name"] == "after", "read back {}", read["name"]);
    Ok(())
}

/// POST /api/v1/payments (an incoming invoice): 201 with the invoice.
async fn create_invoice() -> Outcome {
    let wallet = new_account("invoices").await?;
    let created = invoice(&wallet.inkey, 2100.0, "live invoice").await?;
    check!(
        created.amount == 2_100_000,
        "amount {} msat",
        created.amount
    );
    check!(
        created.memo.as_deref() == Some("live invoice"),
        "memo {:?}",
        created.memo
    );
    check!(created.status == "pending", "status {:?}", created.status);
    check!(
        created.bolt11.starts_with("lnbc21u"),
        "bolt11 {:?}",
        created.bolt11
    );
    check!(
        created.wallet_id == wallet.id,
        "wallet {:?}",
        created.wallet_id
    );
    check!(created.expiry.is_some(), "no expiry");
    Ok(())
}

/// GET /api/v1/payments/{hash}: the invoice read back, unpaid.
async fn read_invoice() -> Outcome {
    let wallet = new_account("read invoice").await?;
    let created = invoice(&wallet.inkey, 21.0, "read me").await?;
    // Without a key LNbits answers only `paid` and `preimage`; this
    // operation takes the key as its own `X-Api-Key` header parameter (it
    // declares no security scheme), and then adds the details.
    let brief = client(&wallet.inkey)
        .api_payment(&json!(created.payment_hash))
        .await
        .map_err(e)?
        .into_body();
    check!(
        brief == json!({"paid": false, "preimage": null}),
        "without a key: {brief}"
    );
    let status = client(&wallet.inkey)
        .api_payment(&json!(created.payment_hash))
        .x_api_key(wallet.inkey.clone())
        .await
        .map_err(e)?
        .into_body();
    check!(status["paid"] == false, "paid {}", status["paid"]);
    check!(
        status["status"] == "pending",
        "status {} in {status}",
        status["status"]
    );
    check!(
        status["details"]["memo"] == "read me",
        "memo {}",
        status["details"]["memo"]
    );
    check!(
        status["details"]["amount"] == 21_000,
        "amount {}",
        status["details"]["amount"]
    );
    Ok(())
}

/// GET /api/v1/payments/paginated: a memo filter, pages of two.
async fn list_invoices_filtered_in_pages() -> Outcome {
    let wallet = new_account("pages").await?;
    for (sats, memo) in [
        (1.0, "coffee"),
        (2.0, "coffee"),
        (3.0, "coffee"),
        (4.0, "tea"),
    ] {
        invoice(&wallet.inkey, sats, memo).await?;
    }
    let api = client(&wallet.inkey);
    let page = |offset: i64| {
        api.payment_list_api_v1_payments_paginated_get()
            .memo("coffee")
            .limit(2)
            .offset(offset)
            .sortby("amount")
            .direction(types::Direction::Asc)
    };
    let first = page(0)
        .await
        .map_err(e)?
        .into_body();
    check!(first.total == 3, "total {}", first.total);
    let amounts: Vec<_> = first.data.iter().map(|p| p["amount"].clone()).collect();
    check!(
        amounts == [json!(1000), json!(2000)],
        "first page {amounts:?}"
    );
    let second = page(2)
        .await
        .map_err(e)?
        .into_body();
    let amounts: Vec<_> = second.data.iter().map(|p| p["amount"].clone()).collect();
    check!(amounts == [json!(3000)], "second page {amounts:?}");
    Ok(())
}

/// DELETE /api/v1/wallet/{id} as its user (logged in by user ID, a
/// bearer token); the wallet's key no longer works.
async fn delete_wallet() -> Outcome {
    let wallet = new_account("doomed").await?;
    let login = anonymous()
        .login_usr(&types::LoginUsr::new(wallet.user.as_str()))
        .await
        .map_err(e)?
        .into_body();
    let token = login["access_token"]
        .as_str()
        .ok_or(format!("login {login}"))?;
    let user = Client::served()
        .credential("HTTPBearer", Secret::new(token))
        .build()
        .map_err(|e| e.to_string())?;
    user.api_delete_wallet(&wallet.id)
        .await
        .map_err(e)?;
    expect_error(
        client(&wallet.inkey).api_wallet().await,
        404,
        "Wallet not found.",
    )
}

/// A key LNbits does not know: 404 (undocumented), with its message.
async fn error_unknown_key() -> Outcome {
    expect_error(
        client("0123456789abcdef0123456789abcdef")
            .api_wallet()
            .await,
        404,
        "Wallet not found.",
    )
}

/// Paying with the invoice key: 403 (the document says 401).
async fn error_invoice_key_cannot_pay() -> Outcome {
    let wallet = new_account("payer").await?;
    expect_error(
        client(&wallet.inkey)
            .api_payments_create(
                &types::CreateInvoice::new()
                    .with_out(true)
                    .with_bolt11("lnbc1garbage"),
            )
            .await,
        403,
        "Invoice (or Admin) key required.",
    )
}

/// Paying a malformed invoice: 520 with a JSON message.
async fn error_bad_bolt11() -> Outcome {
    let wallet = new_account("payer").await?;
    expect_error(
        client(&wallet.adminkey)
            .api_payments_create(
                &types::CreateInvoice::new()
                    .with_out(true)
                    .with_bolt11("lnbc1garbage"),
            )
            .await,
        520,
        "Bolt11 decoding failed.",
    )
}

/// A unit LNbits does not support: a validation error sent as 400 (the
/// document says 422).
async fn error_validation_as_400() -> Outcome {
    let wallet = new_account("units").await?;
    let mut body = types::CreateInvoice::new()
        .with_out(false)
        .with_amount(10.0);
    body.unit = "XYZ".into();
    expect_error(
        client(&wallet.inkey).api_payments_create(&body).await,
        400,
        "The provided unit is not supported",
    )
}

/// An invoice that does not exist: 404 with its message.
async fn error_unknown_payment() -> Outcome {
    let wallet = new_account("lookup").await?;
    expect_error(
        client(&wallet.inkey)
            .api_payment(&json!("0".repeat(64)))
            .await,
        404,
        "Payment does not exist.",
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut ok = true;
    ok &= run("create_account", create_account()).await;
    ok &= run("read_wallet", read_wallet()).await;
    ok &= run("rename_wallet", rename_wallet()).await;
    ok &= run("create_invoice", create_invoice()).await;
    ok &= run("read_invoice", read_invoice()).await;
    ok &= run(
        "list_invoices_filtered_in_pages",
        list_invoices_filtered_in_pages(),
    )
    .await;
    ok &= run("delete_wallet", delete_wallet()).await;
    ok &= run("error_unknown_key", error_unknown_key()).await;
    ok &= run(
        "error_invoice_key_cannot_pay",
        error_invoice_key_cannot_pay(),
    )
    .await;
    ok &= run("error_bad_bolt11", error_bad_bolt11()).await;
    ok &= run("error_validation_as_400", error_validation_as_400()).await;
    ok &= run("error_unknown_payment", error_unknown_payment()).await;
    std::process::exit(if ok { 0 } else { 1 });
}
