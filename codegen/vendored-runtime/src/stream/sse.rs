//! An incremental `text/event-stream` parser, as the HTML standard's
//! "interpreting an event stream" describes it.

use std::collections::VecDeque;

use super::TooLarge;

/// One dispatched server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` field of the event's block; `None` means the default
    /// type, `message`.
    pub event: Option<String>,
    /// The `data:` lines of the block, joined with `\n`.
    pub data: String,
    /// The last event ID at dispatch: the latest `id:` field of the stream
    /// so far (it carries over to later events, as in the standard); `None`
    /// while no non-empty ID was set.
    pub id: Option<String>,
    /// A valid `retry:` field (milliseconds) of the event's block.
    pub retry: Option<u64>,
}

/// Reads `text/event-stream` bytes in chunks of any size and hands out
/// the events they complete.
///
/// Lines end with CRLF, LF or CR (also when a CRLF is split across two
/// chunks); a leading byte order mark is skipped; comment lines (`:`) and
/// unknown fields are ignored; a block without `data:` dispatches nothing;
/// an event still open when the stream ends is dropped. Invalid UTF-8 is
/// replaced (U+FFFD), as the standard's decoder does.
///
/// ```
/// use codegen_runtime::stream::SseParser;
///
/// let mut parser = SseParser::new();
/// parser.feed(b": keep-alive\nevent: delta\ndata: {\"n\"");
/// assert!(parser.next_event().is_none());
/// parser.feed(b":1}\r\ndata: more\r\n\r\n");
/// let event = parser.next_event().unwrap().unwrap();
/// assert_eq!(event.event.as_deref(), Some("delta"));
/// assert_eq!(event.data, "{\"n\":1}\nmore");
/// ```
#[derive(Debug)]
pub struct SseParser {
    /// The current line, before its end arrives.
    line: Vec<u8>,
    /// A CR ended the last line: an LF right after it belongs to it.
    after_cr: bool,
    /// Whether the first bytes (and a byte order mark) were looked at.
    started: bool,
    /// The block being read.
    data: String,
    has_data: bool,
    event: Option<String>,
    retry: Option<u64>,
    last_id: String,
    /// The stream's reconnection time: the latest valid `retry:`.
    reconnect: Option<u64>,
    /// The block went over the limit: the rest of it is skipped.
    skipping: bool,
    /// The current line is part of what is skipped (so its end is not a
    /// blank line).
    line_skipped: bool,
    max_event: usize,
    ready: VecDeque<Result<SseEvent, TooLarge>>,
}

impl Default for SseParser {
    fn default() -> Self {
        Self::new()
    }
}

impl SseParser {
    /// A parser for events of up to [`super::DEFAULT_MAX_ITEM`] bytes.
    pub fn new() -> Self {
        Self::with_limit(super::DEFAULT_MAX_ITEM)
    }

    /// A parser for events of up to `max_event` bytes: a larger one is
    /// reported as [`TooLarge`] once and skipped, and parsing goes on with
    /// the next event.
    pub fn with_limit(max_event: usize) -> Self {
        SseParser {
            line: Vec::new(),
            after_cr: false,
            started: false,
            data: String::new(),
            has_data: false,
            event: None,
            retry: None,
            last_id: String::new(),
            reconnect: None,
            skipping: false,
            line_skipped: false,
            max_event,
            ready: VecDeque::new(),
        }
    }

    /// Reads the next bytes of the stream.
    pub fn feed(&mut self, mut bytes: &[u8]) {
        if !self.started {
            // The byte order mark may itself arrive in pieces.
            let bom = b"\xEF\xBB\xBF";
            let have = self.line.len();
            let take = bytes.len().min(3 - have);
            // Not a BOM: what was held back is the start of the first line.
            if bom[have..have + take] == bytes[..take] {
                self.line.extend_from_slice(&bytes[..take]);
                bytes = &bytes[take..];
                if self.line.len() < 3 {
                    return;
                }
                self.line.clear();
            }
            self.started = true;
        }
        while !bytes.is_empty() {
            if self.after_cr {
                self.after_cr = false;
                if bytes[0] == b'\n' {
                    bytes = &bytes[1..];
                    continue;
                }
            }
            match bytes.iter().position(|b| *b == b'\n' || *b == b'\r') {
                Some(end) => {
                    self.push_line_bytes(&bytes[..end]);
                    self.after_cr = bytes[end] == b'\r';
                    bytes = &bytes[end + 1..];
                    self.end_line();
                }
                None => {
                    self.push_line_bytes(bytes);
                    bytes = &[];
                }
            }
        }
    }

    /// The stream ended: an event whose block did not end is dropped.
    pub fn finish(&mut self) {
        self.line.clear();
        self.reset_block();
        self.skipping = false;
        self.line_skipped = false;
    }

    /// The next complete event, in stream order; an event over the size
    /// limit is an `Err` in its place.
    pub fn next_event(&mut self) -> Option<Result<SseEvent, TooLarge>> {
        self.ready.pop_front()
    }

    /// The stream's last event ID, for a reconnection's `Last-Event-ID`.
    pub fn last_event_id(&self) -> Option<&str> {
        (!self.last_id.is_empty()).then_some(self.last_id.as_str())
    }

    /// The reconnection time the server asked for (`retry:`), in milliseconds.
    pub fn reconnection_time(&self) -> Option<u64> {
        self.reconnect
    }

    fn push_line_bytes(&mut self, bytes: &[u8]) {
        if self.skipping {
            self.line_skipped |= !bytes.is_empty();
            return;
        }
        // A line longer than the limit cannot belong to an event within it.
        if self.line.len() + bytes.len() > self.max_event {
            self.too_large();
            return;
        }
        self.line.extend_from_slice(bytes);
    }

    fn too_large(&mut self) {
        self.ready.push_back(Err(TooLarge {
            limit: self.max_event,
        }));
        self.skipping = true;
        self.line_skipped = true;
        self.line.clear();
        self.reset_block();
    }

    fn reset_block(&mut self) {
        self.data.clear();
        self.has_data = false;
        self.event = None;
        self.retry = None;
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        if std::mem::take(&mut self.line_skipped) {
            return;
        }
        if line.is_empty() {
            if self.skipping {
                self.skipping = false;
            } else {
                self.dispatch();
            }
            return;
        }
        if self.skipping || line[0] == b':' {
            return;
        }
        let line = String::from_utf8_lossy(&line);
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "event" => self.event = Some(value.to_string()),
            "data" => {
                if self.data.len() + value.len() + 1 > self.max_event {
                    self.too_large();
                    // This line has ended already.
                    self.line_skipped = false;
                    return;
                }
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.last_id = value.to_string(),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                // Too many digits for a u64: not a usable time, ignored.
                if let Ok(ms) = value.parse() {
                    self.retry = Some(ms);
                    self.reconnect = Some(ms);
                }
            }
            _ => {}
        }
    }

    fn dispatch(&mut self) {
        if !self.has_data {
            self.reset_block();
            return;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        let event = SseEvent {
            event: self.event.take(),
            data,
            id: self.last_event_id().map(str::to_string),
            retry: self.retry.take(),
        };
        self.reset_block();
        self.ready.push_back(Ok(event));
    }
}
