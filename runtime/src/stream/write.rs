//! Bodies that are sequences of items: JSON Lines and JSON text sequences.

use serde::Serialize;

use crate::request::RequestParts;

/// The RFC 7464 record separator.
const RS: u8 = 0x1E;

impl RequestParts {
    /// A JSON Lines body (`application/jsonl`, `application/x-ndjson`): each
    /// item's compact JSON, then LF.
    pub fn json_lines_body<T: Serialize>(
        &mut self,
        content_type: &'static str,
        items: &[T],
    ) -> &mut Self {
        self.sequence_body(content_type, items, None)
    }

    /// A JSON text sequence body (`application/json-seq`): each item as RS,
    /// its JSON, LF.
    pub fn json_seq_body<T: Serialize>(
        &mut self,
        content_type: &'static str,
        items: &[T],
    ) -> &mut Self {
        self.sequence_body(content_type, items, Some(RS))
    }

    fn sequence_body<T: Serialize>(
        &mut self,
        content_type: &'static str,
        items: &[T],
        start: Option<u8>,
    ) -> &mut Self {
        let mut body = Vec::new();
        for (i, item) in items.iter().enumerate() {
            body.extend(start);
            if let Err(e) = serde_json::to_writer(&mut body, item) {
                self.fail(format!("item {i} of the body could not be serialized: {e}"));
                return self;
            }
            body.push(b'\n');
        }
        self.raw_body(content_type, body)
    }
}

#[cfg(test)]
mod tests;
