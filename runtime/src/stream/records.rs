//! Splitting JSON Lines / NDJSON and JSON text sequences (RFC 7464) into
//! one record per JSON value, incrementally.

use std::collections::VecDeque;

use super::TooLarge;

/// The record separator of RFC 7464 (ASCII RS).
const RS: u8 = 0x1E;

/// How records are delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `application/jsonl`, `application/x-ndjson`: one JSON value per line
    /// (LF, or CRLF); blank lines are skipped.
    Lines,
    /// `application/json-seq` (and `+json-seq`): each value starts with RS
    /// and ends with LF; a value may span lines.
    Seq,
}

/// Reads bytes in chunks of any size and hands out the complete records,
/// each the text of one JSON value (not yet parsed).
///
/// ```
/// use codegen_runtime::stream::{Framing, Records};
///
/// let mut records = Records::new(Framing::Lines);
/// records.feed(b"{\"n\":1}\n{\"n\"");
/// records.feed(b":2}\r\n\n");
/// assert_eq!(records.next_record().unwrap().unwrap(), br#"{"n":1}"#);
/// assert_eq!(records.next_record().unwrap().unwrap(), br#"{"n":2}"#);
/// assert!(records.next_record().is_none());
/// ```
#[derive(Debug)]
pub struct Records {
    framing: Framing,
    current: Vec<u8>,
    /// Where a JSON value in `current` stands (sequences only).
    scan: Scan,
    /// The record went over the limit: the rest of it is skipped.
    skipping: bool,
    max_record: usize,
    ready: VecDeque<Result<Vec<u8>, TooLarge>>,
}

/// Enough of a JSON scanner to tell where a value ends: nesting depth and
/// whether the scan is inside a string.
#[derive(Debug, Default, Clone, Copy)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// A value has begun (a byte other than whitespace was seen).
    started: bool,
}

impl Scan {
    fn step(&mut self, b: u8) {
        if self.in_string {
            match (self.escaped, b) {
                (true, _) => self.escaped = false,
                (false, b'\\') => self.escaped = true,
                (false, b'"') => self.in_string = false,
                _ => {}
            }
            return;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            self.started = true;
        }
    }

    /// Whether what was scanned is a whole value, as far as a line end
    /// can tell (a scalar, or every bracket closed, outside any string).
    fn complete(&self) -> bool {
        self.started && self.depth == 0 && !self.in_string
    }
}

impl Records {
    /// A splitter for records of up to [`super::DEFAULT_MAX_ITEM`] bytes.
    pub fn new(framing: Framing) -> Self {
        Self::with_limit(framing, super::DEFAULT_MAX_ITEM)
    }

    /// A splitter for records of up to `max_record` bytes: a larger one is
    /// reported as [`TooLarge`] once and skipped.
    pub fn with_limit(framing: Framing, max_record: usize) -> Self {
        Records {
            framing,
            current: Vec::new(),
            scan: Scan::default(),
            skipping: false,
            max_record,
            ready: VecDeque::new(),
        }
    }

    /// How this splitter delimits records.
    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// Reads the next bytes of the stream.
    pub fn feed(&mut self, bytes: &[u8]) {
        match self.framing {
            Framing::Lines => self.feed_lines(bytes),
            Framing::Seq => self.feed_seq(bytes),
        }
    }

    /// The stream ended: a last record without its line end still counts.
    pub fn finish(&mut self) {
        if !self.skipping {
            self.emit();
        }
        self.skipping = false;
        self.current.clear();
        self.scan = Scan::default();
    }

    /// The next complete record, in stream order; a record over the size
    /// limit is an `Err` in its place.
    pub fn next_record(&mut self) -> Option<Result<Vec<u8>, TooLarge>> {
        self.ready.pop_front()
    }

    fn feed_lines(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            match bytes.iter().position(|b| *b == b'\n') {
                Some(end) => {
                    self.push(&bytes[..end]);
                    bytes = &bytes[end + 1..];
                    if self.skipping {
                        self.skipping = false;
                        self.current.clear();
                    } else {
                        self.emit();
                    }
                }
                None => {
                    self.push(bytes);
                    bytes = &[];
                }
            }
        }
    }

    fn feed_seq(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b == RS {
                // A new record starts; whatever came before it is one.
                if self.skipping {
                    self.skipping = false;
                    self.current.clear();
                } else {
                    self.emit();
                }
                self.scan = Scan::default();
                continue;
            }
            if self.skipping {
                continue;
            }
            self.scan.step(b);
            if b == b'\n' && self.scan.complete() {
                self.emit();
                self.scan = Scan::default();
                continue;
            }
            self.push(&[b]);
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.skipping {
            return;
        }
        if self.current.len() + bytes.len() > self.max_record {
            self.ready.push_back(Err(TooLarge {
                limit: self.max_record,
            }));
            self.skipping = true;
            self.current.clear();
            return;
        }
        self.current.extend_from_slice(bytes);
    }

    /// The current record, unless it is only whitespace.
    fn emit(&mut self) {
        let record = std::mem::take(&mut self.current);
        let text = record.trim_ascii();
        if !text.is_empty() {
            self.ready.push_back(Ok(text.to_vec()));
        }
    }
}
