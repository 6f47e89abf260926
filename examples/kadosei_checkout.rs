//! Creates a Kadosei checkout session with an idempotency key, so a retried
//! request can never create a second session.
//! `KADOSEI_BASE_URL=... KADOSEI_API_KEY=ks_test_... cargo run --example kadosei_checkout`

use payment_apis::kadosei::{self, types};
use rust_decimal::Decimal;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = kadosei::Client::production(&std::env::var("KADOSEI_BASE_URL")?)
        .bearer_token(std::env::var("KADOSEI_API_KEY")?)
        .build()?;
    let amount = types::Amount::new()
        .with_total(Decimal::new(14076, 2))
        .with_shipping(Decimal::new(995, 2))
        .with_tax(Decimal::new(1181, 2));
    let request = types::CreateCheckoutSessionRequest::new(
        "ORD-2024-001",
        "AUD",
        amount,
        types::Customer::new().with_email("jane.smith@example.com"),
    )
    .with_locale("en_AU");
    let session = client
        .create_checkout_session(&request)
        .idempotency_key("ORD-2024-001")
        .await?;
    println!(
        "checkout at {:?} (idempotency key {:?})",
        session.checkout_url, session.idempotency_key
    );
    Ok(())
}
