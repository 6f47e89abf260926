//! Creates an Omno payout in the sandbox, then confirms it.
//! `OMNO_TOKEN=... cargo run --example omno_payout`

use payment_apis::omno::{self, types};
use rust_decimal::Decimal;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = omno::Client::sandbox()
        .bearer_token(std::env::var("OMNO_TOKEN")?)
        .build()?;
    let customer = types::Customer {
        external_user_id: "123456789".into(),
        first_name: "John".into(),
        last_name: "Doe".into(),
        email: "john.doe@example.com".into(),
        phone_number: "1 1234567890".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1990, 12, 1).ok_or("date")?,
        billing: types::Billing {
            address: "123 Main St".into(),
            city: "Atlanta".into(),
            state: "GA".into(),
            country_code: "US".into(),
            postal_code: "30308".into(),
        },
        kyc: None,
    };
    let payout = types::CreatePayoutRequest {
        order_id: "order-944732".into(),
        value: Decimal::new(10050, 2),
        currency: "USD".into(),
        kyc_verified: true,
        customer,
        router_id: None,
        direct_route_id: None,
        merchant_additional_data: None,
    };
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
