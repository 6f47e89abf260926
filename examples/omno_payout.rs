//! Creates an Omno payout in the sandbox, then confirms it.
//! `OMNO_TOKEN=... cargo run --example omno_payout`

use payment_apis::omno::{self, types};
use rust_decimal::Decimal;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = omno::Client::sandbox()
        .bearer_token(std::env::var("OMNO_TOKEN")?)
        .build()?;
    let customer = types::Customer::new(
        "123456789",
        "John",
        "Doe",
        "john.doe@example.com",
        "1 1234567890",
        chrono::NaiveDate::from_ymd_opt(1990, 12, 1).ok_or("date")?,
        types::Billing::new("123 Main St", "Atlanta", "GA", "US", "30308"),
    );
    let payout = types::CreatePayoutRequest::new(
        "order-944732",
        Decimal::new(10050, 2),
        "USD",
        true,
        customer,
    );
    // Debug output redacts the customer's personal data.
    println!("sending {payout:?}");
    let created = client.create_payout(&payout).await?.into_body();
    println!("payout {:?} is {:?}", created.payout_id, created.status);
    if let Some(id) = created.payout_id {
        client.confirm_payout(&id).await?;
        println!("confirmed");
    }
    Ok(())
}
