//! Creates (or finds) a Rebilly cashier and tells which happened.
//! `REBILLY_ORGANIZATION=... REBILLY_API_KEY=... cargo run --example rebilly_cashier`

use payment_apis::rebilly::{self, CreateCashierResponse, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = rebilly::Client::sandbox(&std::env::var("REBILLY_ORGANIZATION")?)
        .api_key(std::env::var("REBILLY_API_KEY")?)
        .build()?;
    let cashier = types::Cashier::new("cus_01HXYZ", "web_0YV7DE", "USD")
        .with_balance(rust_decimal::Decimal::new(15025, 2))
        .with_redirect_url(Some("https://www.example.com/cashier/return".to_string()));
    match client.create_cashier(&cashier).await?.into_body() {
        CreateCashierResponse::Created(c) => println!("created cashier {:?}", c.id),
        CreateCashierResponse::Ok(c) => println!("cashier {:?} already existed", c.id),
    }
    Ok(())
}
