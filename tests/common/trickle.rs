//! A local server that sends a streamed answer piece by piece.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A local HTTP/1.1 server that answers one request with a chunked body,
/// sending each piece only when the test says so (`next.send(())`), so a
/// test can tell items arrive while the answer is still open.
pub struct Trickle {
    pub url: String,
    pub next: tokio::sync::mpsc::UnboundedSender<()>,
    pub request: tokio::sync::oneshot::Receiver<String>,
}

pub async fn trickle(content_type: &'static str, pieces: Vec<&'static str>) -> Trickle {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (next, mut go) = tokio::sync::mpsc::unbounded_channel::<()>();
    let (seen, request) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            if socket.read(&mut byte).await.unwrap() == 0 {
                return;
            }
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head).into_owned();
        let length = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse::<usize>().unwrap())
            })
            .unwrap_or(0);
        let mut body = vec![0; length];
        socket.read_exact(&mut body).await.unwrap();
        let _ = seen.send(format!("{head}{}", String::from_utf8_lossy(&body)));
        let start = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\nx-stream-id: s-1\r\n\r\n"
        );
        socket.write_all(start.as_bytes()).await.unwrap();
        for piece in pieces {
            if go.recv().await.is_none() {
                return;
            }
            let chunk = format!("{:x}\r\n{piece}\r\n", piece.len());
            // The client may have stopped reading (a sentinel): that is fine.
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
            socket.flush().await.unwrap();
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    Trickle { url, next, request }
}

/// The future's (or call's) output, or a failed test after ten seconds.
pub async fn soon<T>(future: impl std::future::IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), future.into_future())
        .await
        .expect("in time")
}
