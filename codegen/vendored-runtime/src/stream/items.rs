//! [`Items<T>`]: a stream of typed items over a stream of byte chunks.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::{Format, Framing, Records, SseEvent, SseItem, SseParser, TooLarge};

/// A boxed error from the byte source.
pub(super) type SourceError = Box<dyn std::error::Error + Send + Sync>;

pub(super) type Source = Pin<Box<dyn Stream<Item = Result<Bytes, SourceError>> + Send>>;

/// What went wrong with one item of a stream, or with the stream.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// The item's text is not a value of the item type. The stream goes on.
    #[error("a streamed item could not be decoded: {source}")]
    Decode {
        /// The item as received (an event's data, a line, a record).
        text: String,
        #[source]
        source: serde_json::Error,
    },
    /// The item is larger than the limit and was skipped. The stream goes on.
    #[error("a streamed item is larger than {limit} bytes and was skipped")]
    TooLarge { limit: usize },
    /// Reading the answer failed; the stream ends after this.
    #[error("reading the stream failed: {0}")]
    Transport(#[source] SourceError),
}

impl From<TooLarge> for StreamError {
    fn from(e: TooLarge) -> Self {
        StreamError::TooLarge { limit: e.limit }
    }
}

/// What turns bytes into item texts.
#[derive(Debug)]
enum Decoder {
    Sse(SseParser, SseItem),
    Records(Records),
}

/// The typed items of a streamed answer, read as they arrive: a
/// [`Stream`] of `Result<T, StreamError>`, or call [`Items::next`].
///
/// Items are decoded with serde from each event (see [`SseItem`]), line or
/// record. A generated client's streaming operation returns one inside its
/// `Response`; [`Items::from_chunks`] and [`Items::new`] make one from any
/// bytes (a stand-in server in tests, another transport).
pub struct Items<T> {
    source: Option<Source>,
    decoder: Decoder,
    sentinel: Option<&'static str>,
    /// The sentinel arrived: nothing more is handed out.
    ended: bool,
    item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("decoder", &self.decoder)
            .field("open", &self.source.is_some())
            .finish_non_exhaustive()
    }
}

impl<T> Items<T> {
    /// Items of `format` read from `bytes`, a stream of chunks split
    /// anywhere.
    pub fn new<S, E>(format: Format, bytes: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<SourceError>,
    {
        let source: Source = Box::pin(MapErr(Box::pin(bytes)));
        Items {
            source: Some(source),
            decoder: match format {
                Format::Sse(item) => Decoder::Sse(SseParser::new(), item),
                Format::JsonLines => Decoder::Records(Records::new(Framing::Lines)),
                Format::JsonSeq => Decoder::Records(Records::new(Framing::Seq)),
            },
            sentinel: Some("[DONE]"),
            ended: false,
            item: PhantomData,
        }
    }

    /// Items of `format` read from chunks already at hand.
    pub fn from_chunks<C: Into<Bytes>>(
        format: Format,
        chunks: impl IntoIterator<Item = C>,
    ) -> Self {
        let chunks: Vec<Result<Bytes, SourceError>> =
            chunks.into_iter().map(|c| Ok(c.into())).collect();
        Self::new(format, Chunks(chunks.into_iter()))
    }

    /// The `data` of a server-sent event that ends the stream cleanly
    /// (`[DONE]` unless set; `None`: only the end of the answer ends it).
    pub fn sentinel(mut self, sentinel: Option<&'static str>) -> Self {
        self.sentinel = sentinel;
        self
    }

    /// The size limit of one item, in bytes ([`super::DEFAULT_MAX_ITEM`]
    /// unless set).
    pub fn max_item_size(mut self, limit: usize) -> Self {
        self.decoder = match self.decoder {
            Decoder::Sse(_, item) => Decoder::Sse(SseParser::with_limit(limit), item),
            Decoder::Records(_) => {
                let framing = self.framing();
                Decoder::Records(Records::with_limit(framing, limit))
            }
        };
        self
    }

    fn framing(&self) -> Framing {
        match &self.decoder {
            Decoder::Records(r) => r.framing(),
            Decoder::Sse(..) => Framing::Lines,
        }
    }

    /// For server-sent events, the last event ID seen (for a reconnection's
    /// `Last-Event-ID` header).
    pub fn last_event_id(&self) -> Option<&str> {
        match &self.decoder {
            Decoder::Sse(parser, _) => parser.last_event_id(),
            Decoder::Records(_) => None,
        }
    }

    /// Stops reading: the connection is released and no more items come.
    pub fn close(&mut self) {
        self.source = None;
        self.ended = true;
    }
}

impl<T: DeserializeOwned> Items<T> {
    /// The next item; `None` once the stream ended.
    pub async fn next(&mut self) -> Option<Result<T, StreamError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The next item the decoder holds, if any.
    fn decoded(&mut self) -> Option<Result<T, StreamError>> {
        if self.ended {
            return None;
        }
        match &mut self.decoder {
            Decoder::Sse(parser, item) => {
                let event = match parser.next_event()? {
                    Ok(event) => event,
                    Err(e) => return Some(Err(e.into())),
                };
                if self.sentinel.is_some_and(|s| s == event.data) {
                    self.source = None;
                    self.ended = true;
                    return None;
                }
                Some(decode_event(&event, *item))
            }
            Decoder::Records(records) => Some(match records.next_record()? {
                Ok(record) => {
                    serde_json::from_slice(&record).map_err(|source| StreamError::Decode {
                        text: String::from_utf8_lossy(&record).into_owned(),
                        source,
                    })
                }
                Err(e) => Err(e.into()),
            }),
        }
    }
}

/// An event as the object an `itemSchema` describes.
#[derive(Serialize)]
struct EventObject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    data: Data<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry: Option<u64>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Data<'a> {
    Text(&'a str),
    Json(&'a RawValue),
}

fn decode_event<T: DeserializeOwned>(event: &SseEvent, item: SseItem) -> Result<T, StreamError> {
    let failed = |source| StreamError::Decode {
        text: event.data.clone(),
        source,
    };
    match item {
        SseItem::Data => serde_json::from_str(&event.data).map_err(failed),
        SseItem::Event { json_data } => {
            // The data's own JSON goes in as it is (numbers keep their text).
            let raw: Option<&RawValue> = if json_data {
                Some(serde_json::from_str(&event.data).map_err(failed)?)
            } else {
                None
            };
            let object = EventObject {
                event: event.event.as_deref(),
                data: match raw {
                    Some(raw) => Data::Json(raw),
                    None => Data::Text(&event.data),
                },
                id: event.id.as_deref(),
                retry: event.retry,
            };
            let text = serde_json::to_string(&object).map_err(failed)?;
            serde_json::from_str(&text).map_err(failed)
        }
    }
}

impl<T: DeserializeOwned> Stream for Items<T> {
    type Item = Result<T, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.decoded() {
                return Poll::Ready(Some(item));
            }
            let Some(source) = this.source.as_mut() else {
                return Poll::Ready(None);
            };
            match source.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => match &mut this.decoder {
                    Decoder::Sse(parser, _) => parser.feed(&chunk),
                    Decoder::Records(records) => records.feed(&chunk),
                },
                Poll::Ready(Some(Err(e))) => {
                    this.source = None;
                    return Poll::Ready(Some(Err(StreamError::Transport(e))));
                }
                Poll::Ready(None) => {
                    this.source = None;
                    match &mut this.decoder {
                        Decoder::Sse(parser, _) => parser.finish(),
                        Decoder::Records(records) => records.finish(),
                    }
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// A byte stream with its errors boxed.
pub(super) struct MapErr<S>(pub(super) Pin<Box<S>>);

impl<S, E> Stream for MapErr<S>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Into<SourceError>,
{
    type Item = Result<Bytes, SourceError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|r| r.map_err(Into::into)))
    }
}

/// Chunks at hand, as a stream.
pub(super) struct Chunks(pub(super) std::vec::IntoIter<Result<Bytes, SourceError>>);

impl Stream for Chunks {
    type Item = Result<Bytes, SourceError>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.next())
    }
}
