//! Rebilly's cashier from end to end: create (or find) a cashier whose
//! notification URL keeps Rebilly's `{id}` and `{result}` placeholders,
//! receive the notification, confirm it with `get_transaction`, and act on
//! the result that GET answers (the notification itself is not a
//! confirmation).
//!
//! ```text
//! REBILLY_ORGANIZATION=... REBILLY_API_KEY=... \
//! NOTIFY_URL=https://shop.example/rebilly/notify LISTEN=127.0.0.1:8080 \
//!     cargo run --example rebilly_cashier
//! ```
//!
//! `NOTIFY_URL` is where Rebilly can reach this program (a tunnel or proxy
//! forwarding to `LISTEN`, keeping the path). `REBILLY_BASE_URL`, instead of
//! `REBILLY_ORGANIZATION`, points the client at a mock such as
//! `prism mock specs/rebilly.yaml`; then notify it yourself:
//! `curl -X POST 'http://127.0.0.1:8080/rebilly/notify?customer=cus_01HXYZ4ABCDEF0123456789XYZ&transaction=txn_1&result=approved'`.

use payment_apis::rebilly::{self, CreateCashierResponse, types};
use payment_apis::runtime::UrlTemplate;
use rust_decimal::Decimal;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const CUSTOMER: &str = "cus_01HXYZ4ABCDEF0123456789XYZ";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let builder = match std::env::var("REBILLY_BASE_URL") {
        Ok(mock) => rebilly::Client::with_base_url(mock),
        Err(_) => rebilly::Client::sandbox(&std::env::var("REBILLY_ORGANIZATION")?),
    };
    let client = builder.api_key(std::env::var("REBILLY_API_KEY")?).build()?;

    // 1. The notification URL: your own parameters are percent-encoded, the
    //    placeholders written as they are, for Rebilly to replace.
    let notify = UrlTemplate::builder(std::env::var("NOTIFY_URL")?)
        .query("customer", CUSTOMER)
        .query_placeholder("transaction", "id")
        .query_placeholder("result", "result")
        .build()?;
    // Rebilly fills `{id}` and `{result}` (TransactionNotification's fields), no other.
    notify.check_placeholders(&["id", "result"], &["id", "result"])?;

    let cashier = types::CashierRequest::new(CUSTOMER, "web_0YV7DE4Z26DQSA1AC92FBJ7SEG", "USD")
        .with_balance(Decimal::new(15025, 2))
        .with_redirect_url(Some("https://www.example.com/cashier/return".to_string()))
        .with_notification_url(&notify);
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

    // 2. Wait for the notification. Answer 2xx only once the result is
    //    confirmed: any other status makes Rebilly send it again.
    let listener = TcpListener::bind(std::env::var("LISTEN")?).await?;
    println!("waiting for Rebilly's notification at {notify}");
    loop {
        let (mut stream, _) = listener.accept().await?;
        let target = request_target(&mut stream).await?;
        let status = match confirm(&client, &notify, &target).await {
            Ok(Some(outcome)) => {
                println!("{outcome}");
                "200 OK"
            }
            // Not final yet: let Rebilly ask again later.
            Ok(None) => "503 Service Unavailable",
            Err(e) => {
                eprintln!("notification {target} refused: {e}");
                "400 Bad Request"
            }
        };
        let answer = format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        stream.write_all(answer.as_bytes()).await?;
        if status.starts_with("200") {
            return Ok(());
        }
    }
}

/// 3. Read the notification, confirm it with a GET, act on the GET's result.
async fn confirm(
    client: &rebilly::Client,
    notify: &UrlTemplate,
    target: &str,
) -> Result<Option<String>, Box<dyn std::error::Error>> {
    // Anyone can call this URL: what it says only tells which transaction to read.
    let notification: types::TransactionNotification = notify.read_as(target)?;
    println!(
        "Rebilly says transaction {} is {}",
        notification.id, notification.result
    );
    let transaction = client.get_transaction(&notification.id).await?.into_body();
    if transaction.customer_id.as_deref() != Some(CUSTOMER) {
        return Err(format!("transaction {} is not {CUSTOMER}'s", notification.id).into());
    }
    let amount = transaction.amount.unwrap_or_default();
    let currency = transaction.currency.as_deref().unwrap_or("?");
    Ok(match transaction.result {
        Some(types::TransactionResult::Approved) => {
            Some(format!("approved: credit {amount} {currency}"))
        }
        Some(
            result @ (types::TransactionResult::Declined
            | types::TransactionResult::Canceled
            | types::TransactionResult::Abandoned),
        ) => Some(format!("{result}: nothing to credit")),
        // `unknown`, a value this client does not know, or none yet.
        _ => None,
    })
}

/// The target of the HTTP request on `stream` (`/rebilly/notify?...`), as
/// received. Its headers and body are read and dropped, so that the answer
/// is not cut off by unread input.
async fn request_target(
    stream: &mut tokio::net::TcpStream,
) -> Result<String, Box<dyn std::error::Error>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).await?;
    // POST /rebilly/notify?customer=...&transaction=...&result=... HTTP/1.1
    let target = line
        .split(' ')
        .nth(1)
        .ok_or("not an HTTP request")?
        .to_string();
    let mut length = 0;
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    Ok(target)
}
