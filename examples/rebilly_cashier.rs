//! Creates (or finds) a Rebilly cashier, tells which happened, and reads the
//! typed rate-limit headers of the answer.
//! `REBILLY_ORGANIZATION=... REBILLY_API_KEY=... cargo run --example rebilly_cashier`

use payment_apis::rebilly::{self, CreateCashierResponse, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = rebilly::Client::sandbox(&std::env::var("REBILLY_ORGANIZATION")?)
        .api_key(std::env::var("REBILLY_API_KEY")?)
        .build()?;
    let cashier = types::CashierRequest::new("cus_01HXYZ", "web_0YV7DE", "USD")
        .with_balance(rust_decimal::Decimal::new(15025, 2))
        .with_redirect_url(Some("https://www.example.com/cashier/return".to_string()));
    let response = client.create_cashier(&cashier).await?;
    let headers = response.typed_headers();
    match response.into_body() {
        CreateCashierResponse::Created(c) => {
            println!("created cashier {} at {:?}", c.id, headers.location)
        }
        CreateCashierResponse::Ok(c) => println!("cashier {} already existed", c.id),
    }
    if let Some(remaining) = headers.x_rate_limit_remaining {
        println!("{remaining} requests left in this window");
    }
    Ok(())
}
