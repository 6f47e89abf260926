//! Sending a request whose answer may be a stream: a streamed status
//! leaves the body unread, to be read item by item (or chunk by chunk, a
//! download); any other is read whole, as [`ClientCore::send`] does.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::{Download, Format, Items};
use crate::client::ClientCore;
use crate::error::Error;
use crate::request::RequestParts;
use crate::response::{RawResponse, Response};

/// The answer to [`ClientCore::open`].
#[derive(Debug)]
pub enum Opened {
    /// A status whose body is a stream: not read yet.
    Stream(OpenStream),
    /// Any other status, its body read whole.
    Read(RawResponse),
}

/// An answer whose body is still to be read, as a stream of items.
#[derive(Debug)]
pub struct OpenStream {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub idempotency_key: Option<String>,
    body: reqwest::Response,
}

impl OpenStream {
    /// The response, its body the stream's typed items in `format`.
    pub fn items<T: DeserializeOwned>(self, format: Format) -> Response<Items<T>> {
        let items = Items::new(format, self.body.bytes_stream());
        Response::from_parts(self.status, self.headers, items, self.idempotency_key)
    }

    /// The response, its body a download read chunk by chunk.
    pub fn download(self) -> Response<Download> {
        let download = Download::new(self.body.bytes_stream());
        Response::from_parts(self.status, self.headers, download, self.idempotency_key)
    }
}

impl ClientCore {
    /// Sends a request (retrying as [`ClientCore::send`] does) whose answer
    /// is a stream of `format` when `streamed(status)` holds. `Accept` asks
    /// for the format unless the request sets it.
    ///
    /// The client's `timeout` does not apply to a stream, which may stay
    /// open for as long as the server sends: only connecting is timed (set
    /// a read timeout on the `reqwest::Client` given to `http_client`, or
    /// wrap reads in `tokio::time::timeout`, to bound a silent server).
    pub async fn open<E>(
        &self,
        mut parts: RequestParts,
        format: Format,
        streamed: impl Fn(u16) -> bool,
    ) -> Result<Opened, Error<E>> {
        if !parts
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("accept"))
        {
            parts.push_header("accept", format.media_type().to_string());
        }
        self.open_body(parts, streamed).await
    }

    /// Sends a request as [`ClientCore::open`] does, its `Accept` as the
    /// request sets it: for a binary answer read as a [`Download`].
    pub async fn open_body<E>(
        &self,
        parts: RequestParts,
        streamed: impl Fn(u16) -> bool,
    ) -> Result<Opened, Error<E>> {
        let mut response = self.exchange(&parts, true).await?;
        let status = response.status();
        if !streamed(status.as_u16()) {
            return Ok(Opened::Read(ClientCore::read(response, &parts).await?));
        }
        let headers = std::mem::take(response.headers_mut());
        Ok(Opened::Stream(OpenStream {
            status,
            headers,
            idempotency_key: parts.idempotency.as_ref().map(|(_, key)| key.clone()),
            body: response,
        }))
    }
}
