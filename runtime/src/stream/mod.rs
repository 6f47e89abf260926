//! Streamed answers: server-sent events (`text/event-stream`), JSON Lines
//! (`application/jsonl`, `application/x-ndjson`) and JSON text sequences
//! (`application/json-seq`), read incrementally and decoded item by item;
//! and binary answers as a [`Download`], written to a file chunk by chunk.
//!
//! The pieces, from the bottom up:
//! - [`SseParser`]: `text/event-stream` bytes in, [`SseEvent`]s out;
//! - [`Records`]: JSON Lines or JSON-seq bytes in, one record per value out;
//! - [`Items<T>`]: a [`Stream`] of typed items, `Result<T, StreamError>`,
//!   over any stream of byte chunks; a generated client's streaming
//!   operation returns one in its `Response`, reading the answer as it
//!   arrives (never the whole body at once).
//!
//! An item that does not decode, or is larger than the limit, is an
//! [`StreamError`] in its place, and the stream goes on; a transport error
//! ends it. For server-sent events, an event whose `data` is the sentinel
//! (`[DONE]` unless changed with [`Items::sentinel`]) ends the stream
//! cleanly.
//!
//! ```
//! use codegen_runtime::stream::{Format, Items, SseItem};
//!
//! #[derive(serde::Deserialize, Debug, PartialEq)]
//! struct Delta { text: String }
//!
//! # async fn run() {
//! // A stand-in for a server: the chunks split events anywhere.
//! let chunks = ["data: {\"te", "xt\":\"a\"}\n\n: ping\n\ndata: [DO", "NE]\n\n"];
//! let mut items: Items<Delta> = Items::from_chunks(Format::Sse(SseItem::Data), chunks);
//! assert_eq!(items.next().await.unwrap().unwrap(), Delta { text: "a".into() });
//! assert!(items.next().await.is_none());
//! # }
//! ```
//!
//! [`Stream`]: futures_core::Stream

mod download;
mod items;
mod open;
mod records;
mod sse;
mod write;

#[cfg(test)]
mod tests;

pub use download::Download;
pub use items::{Items, StreamError};
pub use open::{OpenStream, Opened};
pub use records::{Framing, Records};
pub use sse::{SseEvent, SseParser};

/// The largest item (an event, a line, a record) read unless changed:
/// 16 MiB. Past it the item is a [`StreamError::TooLarge`] and is skipped.
pub const DEFAULT_MAX_ITEM: usize = 16 * 1024 * 1024;

/// An item went over the size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// The limit, in bytes.
    pub limit: usize,
}

/// How the items of a stream are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `text/event-stream`: server-sent events, each item made from one event.
    Sse(SseItem),
    /// `application/jsonl`, `application/x-ndjson`: one JSON value per line.
    JsonLines,
    /// `application/json-seq`: JSON text sequences (RFC 7464).
    JsonSeq,
}

impl Format {
    /// The media type asked for in `Accept`.
    pub fn media_type(&self) -> &'static str {
        match self {
            Format::Sse(_) => "text/event-stream",
            Format::JsonLines => "application/jsonl, application/x-ndjson",
            Format::JsonSeq => "application/json-seq",
        }
    }
}

/// What a typed item is made of, for server-sent events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SseItem {
    /// The item is the event: an object with `data`, and `event`, `id` and
    /// `retry` when the event has them (the `itemSchema` of OpenAPI 3.2
    /// describes such an object). With `json_data`, `data` is the JSON
    /// value the data text holds; otherwise the text itself.
    Event { json_data: bool },
    /// The item is the event's `data`, read as JSON.
    Data,
}
