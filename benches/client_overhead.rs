//! The cost of the generated client over a hand-written reqwest + serde
//! call doing the same request, against a minimal HTTP server on loopback.
//! `cargo bench --bench client_overhead` prints one JSON object; the ratio
//! is generated time over hand-written time (budget: at most 1.05).
//!
//! Both send the same request with the same settings: the generated client's
//! defaults (a 30 s timeout per attempt, a 10 s connect timeout, a user
//! agent) are set on the hand-written one too, so the ratio is the cost of
//! the generated code, not of a different configuration.

use std::time::{Duration, Instant};

use payment_apis::primer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TIMEOUT: Duration = Duration::from_secs(30);
const USER_AGENT: &str = "client-overhead-bench";

const BODY: &str = r#"{"clientToken":"tok_123","clientTokenExpirationDate":"2024-01-16T11:00:00Z","orderId":"order-1","currencyCode":"EUR","amount":700,"metadata":{"productId":1001}}"#;

/// Answers every request on a keep-alive connection with `BODY`.
async fn serve(listener: TcpListener) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        tokio::spawn(async move {
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
                BODY.len()
            );
            let mut buf = Vec::with_capacity(4096);
            let mut chunk = [0u8; 4096];
            loop {
                let Ok(n) = socket.read(&mut chunk).await else {
                    return;
                };
                if n == 0 {
                    return;
                }
                buf.extend_from_slice(&chunk[..n]);
                // Requests here are GETs without a body: one per blank line.
                while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    buf.drain(..end + 4);
                    if socket.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            }
        });
    }
}

async fn generated(client: &primer::Client, n: usize) -> Duration {
    let started = Instant::now();
    for _ in 0..n {
        let session = client
            .get_client_session("tok_123")
            .await
            .expect("generated call");
        std::hint::black_box(session);
    }
    started.elapsed()
}

async fn hand_written(http: &reqwest::Client, base: &str, n: usize) -> Duration {
    let started = Instant::now();
    for _ in 0..n {
        let response = http
            .get(format!("{base}/client-session"))
            .query(&[("clientToken", "tok_123")])
            .header("X-API-KEY", "key")
            .header("X-API-VERSION", "2.4")
            .timeout(TIMEOUT)
            .send()
            .await
            .expect("hand-written call");
        assert!(response.status().is_success());
        let session: primer::types::ClientSessionWithToken =
            response.json().await.expect("decodes");
        std::hint::black_box(session);
    }
    started.elapsed()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // `cargo test` runs benches in test mode: keep that quick.
    let quick =
        std::env::args().any(|a| a == "--test") || !std::env::args().any(|a| a == "--bench");
    let (rounds, n) = if quick { (1, 50) } else { (21, 2000) };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(serve(listener));
        let client = primer::Client::with_base_url(&base)
            .api_key("key")
            .retry_policy(codegen_runtime::RetryPolicy::none())
            .user_agent(USER_AGENT)
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("hand-written client");
        // Warm both connection pools.
        generated(&client, n / 10 + 1).await;
        hand_written(&http, &base, n / 10 + 1).await;
        // Rounds are paired and alternate which side goes first, so drift in
        // the machine's speed (other jobs, frequency) falls on both sides;
        // the ratio is the median of the per-round ratios.
        let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            let (a, b) = if round % 2 == 0 {
                let a = generated(&client, n).await.as_secs_f64();
                (a, hand_written(&http, &base, n).await.as_secs_f64())
            } else {
                let b = hand_written(&http, &base, n).await.as_secs_f64();
                (generated(&client, n).await.as_secs_f64(), b)
            };
            ours.push(a);
            theirs.push(b);
            ratios.push(a / b);
        }
        let (ours, theirs) = (median(ours), median(theirs));
        println!(
            "{{\"requests\":{n},\"rounds\":{rounds},\"generated_rps\":{:.0},\"hand_written_rps\":{:.0},\"ratio\":{:.3}}}",
            n as f64 / ours,
            n as f64 / theirs,
            median(ratios)
        );
    });
}
