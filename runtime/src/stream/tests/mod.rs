//! The stream reader: every framing rule, and chunks split at every byte.

use bytes::Bytes;
use serde::Deserialize;
use serde_json::{Value, json};

use super::*;

fn event(event: Option<&str>, data: &str, id: Option<&str>, retry: Option<u64>) -> SseEvent {
    SseEvent {
        event: event.map(str::to_string),
        data: data.to_string(),
        id: id.map(str::to_string),
        retry,
    }
}

/// Every event of `text`, fed in the given pieces.
fn sse_events(pieces: &[&[u8]]) -> Vec<Result<SseEvent, TooLarge>> {
    let mut parser = SseParser::new();
    let mut out = Vec::new();
    for piece in pieces {
        parser.feed(piece);
        out.extend(std::iter::from_fn(|| parser.next_event()));
    }
    parser.finish();
    out.extend(std::iter::from_fn(|| parser.next_event()));
    out
}

/// The same events whether `text` comes whole, byte by byte, or split
/// in two at every position.
fn sse_all_splits(text: &[u8]) -> Vec<SseEvent> {
    let whole: Vec<SseEvent> = sse_events(&[text])
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let bytes: Vec<&[u8]> = text.chunks(1).collect();
    assert_eq!(
        sse_events(&bytes)
            .into_iter()
            .map(Result::unwrap)
            .collect::<Vec<_>>(),
        whole,
        "byte by byte"
    );
    for at in 0..=text.len() {
        let (a, b) = text.split_at(at);
        let split: Vec<SseEvent> = sse_events(&[a, b])
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(split, whole, "split at {at}");
    }
    whole
}

#[test]
fn sse_fields_are_kept_and_data_lines_joined() {
    let text = b"event: delta\nid: 7\nretry: 1500\ndata: first\ndata:second\ndata\n\n";
    assert_eq!(
        sse_all_splits(text),
        [event(
            Some("delta"),
            "first\nsecond\n",
            Some("7"),
            Some(1500)
        )]
    );
}

#[test]
fn sse_comments_unknown_fields_and_blocks_without_data_dispatch_nothing() {
    let text = b": keep-alive\n\nfoo: bar\nevent: x\n\nretry: 10\n\n:\ndata: a\n\n";
    let events = sse_all_splits(text);
    assert_eq!(events, [event(None, "a", None, None)]);
}

#[test]
fn sse_line_ends_are_lf_crlf_or_cr_even_across_chunks() {
    let text = b"data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r";
    assert_eq!(
        sse_all_splits(text),
        [
            event(None, "a\nb\nc", None, None),
            event(None, "d", None, None)
        ]
    );
}

#[test]
fn sse_a_byte_order_mark_is_skipped_only_at_the_start() {
    let text = b"\xEF\xBB\xBFdata: a\n\n\xEF\xBB\xBFdata: b\n\n";
    let events = sse_all_splits(text);
    // The second BOM starts a line whose field is "\u{feff}data": unknown.
    assert_eq!(events, [event(None, "a", None, None)]);
    // A first byte that only looks like a BOM's start is the line's start.
    assert_eq!(sse_all_splits(b"\xEFdata: x\n\ndata: y\n\n").len(), 1);
}

#[test]
fn sse_ids_carry_over_and_bad_ids_and_retries_are_ignored() {
    let text = b"id: 1\ndata: a\n\ndata: b\n\nid: x\0y\nretry: 12a\ndata: c\n\nid\ndata: d\n\n";
    assert_eq!(
        sse_all_splits(text),
        [
            event(None, "a", Some("1"), None),
            event(None, "b", Some("1"), None),
            event(None, "c", Some("1"), None),
            event(None, "d", None, None),
        ]
    );
}

#[test]
fn sse_an_unfinished_event_at_the_end_is_dropped() {
    assert_eq!(
        sse_all_splits(b"data: a\n\ndata: partial\n"),
        [event(None, "a", None, None)]
    );
    let mut parser = SseParser::new();
    parser.feed(b"retry: 3000\ndata: x");
    parser.finish();
    assert!(parser.next_event().is_none());
    assert_eq!(parser.reconnection_time(), Some(3000));
}

#[test]
fn sse_events_over_the_limit_are_reported_once_and_skipped() {
    let mut parser = SseParser::with_limit(8);
    parser.feed(b"data: 0123456789\ndata: more\n\ndata: ok\n\n");
    assert_eq!(parser.next_event(), Some(Err(TooLarge { limit: 8 })));
    assert_eq!(parser.next_event(), Some(Ok(event(None, "ok", None, None))));
    assert_eq!(parser.next_event(), None);
    // Many short data lines add up too.
    let mut parser = SseParser::with_limit(10);
    parser.feed(b"data: abc\ndata: abc\ndata: abc\n\ndata: ok\n\n");
    assert_eq!(parser.next_event(), Some(Err(TooLarge { limit: 10 })));
    assert_eq!(parser.next_event(), Some(Ok(event(None, "ok", None, None))));
}

#[test]
fn sse_invalid_utf8_is_replaced() {
    let events = sse_all_splits(b"data: caf\xC3\xA9 \xFF\n\n");
    assert_eq!(events[0].data, "caf\u{e9} \u{fffd}");
}

fn records(framing: Framing, pieces: &[&[u8]]) -> Vec<String> {
    let mut r = Records::new(framing);
    let mut out = Vec::new();
    for piece in pieces {
        r.feed(piece);
        out.extend(std::iter::from_fn(|| r.next_record()));
    }
    r.finish();
    out.extend(std::iter::from_fn(|| r.next_record()));
    out.into_iter()
        .map(|r| String::from_utf8(r.unwrap()).unwrap())
        .collect()
}

fn records_all_splits(framing: Framing, text: &[u8]) -> Vec<String> {
    let whole = records(framing, &[text]);
    let bytes: Vec<&[u8]> = text.chunks(1).collect();
    assert_eq!(records(framing, &bytes), whole, "byte by byte");
    for at in 0..=text.len() {
        let (a, b) = text.split_at(at);
        assert_eq!(records(framing, &[a, b]), whole, "split at {at}");
    }
    whole
}

#[test]
fn json_lines_split_on_lf_skip_blank_lines_and_keep_a_last_line() {
    let text = b"{\"a\":1}\r\n\n  \n[1,2]\n\"s\\n\"\n42";
    assert_eq!(
        records_all_splits(Framing::Lines, text),
        ["{\"a\":1}", "[1,2]", "\"s\\n\"", "42"]
    );
}

#[test]
fn json_seq_records_start_with_rs_and_may_span_lines() {
    let text = b"\x1e{\"a\":\n 1}\n\x1e\"x\\\"}\"\n\x1e7\n\x1e[1,\n2]\n";
    assert_eq!(
        records_all_splits(Framing::Seq, text),
        ["{\"a\":\n 1}", "\"x\\\"}\"", "7", "[1,\n2]"]
    );
    // A truncated value ends at the next RS and fails to decode later.
    assert_eq!(
        records_all_splits(Framing::Seq, b"\x1e{\"a\":\x1e{}\n"),
        ["{\"a\":", "{}"]
    );
}

#[test]
fn records_over_the_limit_are_reported_and_skipped() {
    let mut r = Records::with_limit(Framing::Lines, 4);
    r.feed(b"[1,2,3,4]\n[1]\n");
    assert_eq!(r.next_record(), Some(Err(TooLarge { limit: 4 })));
    assert_eq!(r.next_record(), Some(Ok(b"[1]".to_vec())));
    let mut r = Records::with_limit(Framing::Seq, 4);
    r.feed(b"\x1e[1,2,3,4]\n\x1e[1]\n");
    assert_eq!(r.next_record(), Some(Err(TooLarge { limit: 4 })));
    assert_eq!(r.next_record(), Some(Ok(b"[1]".to_vec())));
}

#[derive(Debug, Deserialize, PartialEq)]
struct Tick {
    n: i64,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Event {
    event: Option<String>,
    data: Tick,
    id: Option<String>,
    retry: Option<u64>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct TextEvent {
    data: String,
}

/// Every item of `chunks`, run to its end.
fn collect<T: serde::de::DeserializeOwned>(
    format: Format,
    chunks: Vec<Bytes>,
) -> Vec<Result<T, StreamError>> {
    let mut items = Items::<T>::from_chunks(format, chunks);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut out = Vec::new();
        while let Some(item) = items.next().await {
            out.push(item);
        }
        out
    })
}

fn ok<T>(items: Vec<Result<T, StreamError>>) -> Vec<T> {
    items.into_iter().map(|i| i.unwrap()).collect()
}

#[test]
fn sse_items_are_typed_from_the_data_across_any_chunks() {
    let text = "data: {\"n\":1}\n\n: ping\n\ndata: {\"n\":\ndata: 2}\n\n";
    for size in 1..text.len() {
        let chunks: Vec<Bytes> = text
            .as_bytes()
            .chunks(size)
            .map(Bytes::copy_from_slice)
            .collect();
        let items: Vec<Tick> = ok(collect(Format::Sse(SseItem::Data), chunks));
        assert_eq!(items, [Tick { n: 1 }, Tick { n: 2 }], "chunks of {size}");
    }
}

#[test]
fn sse_items_can_be_the_whole_event() {
    let text = "event: tick\nid: 9\nretry: 5\ndata: {\"n\": 1.0e0}\n\ndata: {\"n\":2}\n\n";
    let items: Vec<Result<Event, _>> = collect(
        Format::Sse(SseItem::Event { json_data: true }),
        vec![Bytes::from(text)],
    );
    // `1.0e0` is not an i64: an item-level error; the next item still comes.
    assert!(matches!(&items[0], Err(StreamError::Decode { text, .. }) if text == "{\"n\": 1.0e0}"));
    assert_eq!(
        items[1].as_ref().unwrap(),
        &Event {
            event: None,
            data: Tick { n: 2 },
            id: Some("9".into()),
            retry: None
        }
    );
    let text = "event: note\ndata: plain text\n\n";
    let items: Vec<TextEvent> = ok(collect(
        Format::Sse(SseItem::Event { json_data: false }),
        vec![Bytes::from(text)],
    ));
    assert_eq!(items[0].data, "plain text");
}

#[test]
fn the_sentinel_ends_the_stream_cleanly() {
    let text = "data: {\"n\":1}\n\ndata: [DONE]\n\ndata: {\"n\":2}\n\n";
    let items: Vec<Tick> = ok(collect(Format::Sse(SseItem::Data), vec![Bytes::from(text)]));
    assert_eq!(items, [Tick { n: 1 }]);
    // Without a sentinel, `[DONE]` is just an item that does not decode.
    let mut items = Items::<Tick>::from_chunks(Format::Sse(SseItem::Data), [text]).sentinel(None);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let all: Vec<_> = runtime.block_on(async {
        let mut out = Vec::new();
        while let Some(i) = items.next().await {
            out.push(i.is_ok());
        }
        out
    });
    assert_eq!(all, [true, false, true]);
}

#[test]
fn malformed_lines_are_item_errors_and_the_stream_goes_on() {
    let text = "{\"n\":1}\n{\"n\":\"x\"}\nnot json\n{\"n\":3}\n";
    let items: Vec<Result<Tick, _>> = collect(Format::JsonLines, vec![Bytes::from(text)]);
    let shape: Vec<bool> = items.iter().map(Result::is_ok).collect();
    assert_eq!(shape, [true, false, false, true]);
    let Err(StreamError::Decode { text, .. }) = &items[2] else {
        panic!("{:?}", items[2]);
    };
    assert_eq!(text, "not json");
    let items: Vec<Value> = ok(collect(
        Format::JsonSeq,
        vec![Bytes::from("\x1e{\"a\":\n[1]}\n\x1e2\n")],
    ));
    assert_eq!(items, [json!({"a": [1]}), json!(2)]);
}

#[test]
fn a_transport_error_ends_the_stream() {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    struct Failing(u8);
    impl futures_core::Stream for Failing {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            self.0 += 1;
            Poll::Ready(Some(match self.0 {
                1 => Ok(Bytes::from("{\"n\":1}\n{\"n\"")),
                _ => Err(std::io::Error::other("connection reset")),
            }))
        }
    }
    let mut items = Items::<Tick>::new(Format::JsonLines, Failing(0));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        assert_eq!(items.next().await.unwrap().unwrap(), Tick { n: 1 });
        let error = items.next().await.unwrap().unwrap_err();
        assert!(error.to_string().contains("connection reset"), "{error}");
        assert!(items.next().await.is_none());
    });
}

#[test]
fn formats_ask_for_their_media_type() {
    assert_eq!(Format::Sse(SseItem::Data).media_type(), "text/event-stream");
    assert!(
        Format::JsonLines
            .media_type()
            .contains("application/x-ndjson")
    );
    assert_eq!(Format::JsonSeq.media_type(), "application/json-seq");
}

#[test]
fn a_download_hands_out_chunks_and_reports_a_broken_answer_as_an_io_error() {
    use std::pin::Pin;
    use std::task::{Context, Poll};
    struct Broken(u8);
    impl futures_core::Stream for Broken {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            self.0 += 1;
            Poll::Ready(Some(match self.0 {
                1 => Ok(Bytes::from("part one, ")),
                _ => Err(std::io::Error::other("connection reset")),
            }))
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let whole = Download::from_chunks(["a", "bc", "", "d"])
            .bytes()
            .await
            .unwrap();
        assert_eq!(&whole[..], b"abcd");
        let mut written = Vec::new();
        let error = Download::new(Broken(0))
            .write_to(&mut written)
            .await
            .unwrap_err();
        // What arrived before the failure was written; the failure says why.
        assert_eq!(written, b"part one, ");
        assert_eq!(error.kind(), std::io::ErrorKind::Other);
        let source = error.get_ref().unwrap();
        assert!(source.to_string().contains("connection reset"), "{source}");
        let mut closed = Download::new(Broken(0));
        closed.close();
        assert!(closed.chunk().await.is_none());
    });
}
