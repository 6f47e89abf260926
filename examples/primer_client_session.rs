//! Creates a Primer client session in the sandbox and prints when its token
//! expires. `PRIMER_API_KEY=... cargo run --example primer_client_session`
//! (`PRIMER_BASE_URL` points it at another server, a mock for instance).

use payment_apis::primer::{self, types};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = std::env::var("PRIMER_API_KEY")?;
    let builder = match std::env::var("PRIMER_BASE_URL") {
        Ok(url) => primer::Client::with_base_url(url),
        Err(_) => primer::Client::sandbox(),
    };
    let client = builder.api_key(key).build()?;
    let request = types::ClientSessionRequest::new()
        .with_order_id("order-123")
        .with_currency_code("EUR")
        .with_amount(1299);
    match client.create_client_session(&request).await {
        Ok(session) => println!(
            "client token expires at {}",
            session.client_token_expiration_date
        ),
        Err(err) => eprintln!("could not create the session: {err}"),
    }
    Ok(())
}
