//! Creates (or finds) a Rebilly cashier and tells which happened.
//! `REBILLY_ORGANIZATION=... REBILLY_API_KEY=... cargo run --example rebilly_cashier`

use payment_apis::rebilly::{self, CreateCashierResponse, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = rebilly::Client::sandbox(&std::env::var("REBILLY_ORGANIZATION")?)
        .api_key(std::env::var("REBILLY_API_KEY")?)
        .build()?;
    let cashier = types::Cashier {
        customer_id: "cus_01HXYZ".into(),
        website_id: "web_0YV7DE".into(),
        currency: "USD".into(),
        ..serde_json::from_value(
            serde_json::json!({"customerId": "", "websiteId": "", "currency": ""}),
        )?
    };
    match client.create_cashier(&cashier).await?.into_body() {
        CreateCashierResponse::Created(c) => println!("created cashier {:?}", c.id),
        CreateCashierResponse::Ok(c) => println!("cashier {:?} already existed", c.id),
    }
    Ok(())
}
