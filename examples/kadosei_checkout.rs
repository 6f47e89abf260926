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
    let request = types::CreateCheckoutSessionRequest {
        order_reference: "ORD-2024-001".into(),
        payment_method: types::PaymentMethod::Card,
        currency: "AUD".into(),
        amount: types::Amount {
            total: Some(Decimal::new(14076, 2)),
            shipping: Some(Decimal::new(995, 2)),
            tax: Some(Decimal::new(1181, 2)),
        },
        customer: types::Customer {
            email: Some("jane.smith@example.com".into()),
            ..Default::default()
        },
        additional_information: None,
        locale: Some("en_AU".into()),
        order_items: None,
        redirect_urls: None,
        shipping: None,
    };
    let session = client
        .create_checkout_session(&request, Some("ORD-2024-001"))
        .await?;
    println!(
        "checkout at {:?} (idempotency key {:?})",
        session.checkout_url, session.idempotency_key
    );
    Ok(())
}
