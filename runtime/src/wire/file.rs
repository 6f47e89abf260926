//! [`FilePart`]: bytes with an optional file name and media type, for
//! `multipart/form-data` file properties, and the base64 shared with
//! HTTP basic credentials.

use std::cell::RefCell;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};
use bytes::Bytes;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// The newtype name a [`FilePart`] serializes under; the wire serializer
/// recognises it, every other serializer sees the base64 text inside.
pub(crate) const FILE_TOKEN: &str = "$codegen_runtime::FilePart";

thread_local! {
    /// The file being serialized, handed to the wire serializer beside the
    /// serde data model (which has no way to carry bytes with a name).
    static PENDING: RefCell<Option<FilePart>> = const { RefCell::new(None) };
}

/// The file [`FilePart::serialize`] is serializing on this thread, if any.
pub(crate) fn take_pending_file() -> Option<FilePart> {
    PENDING.with(|pending| pending.borrow_mut().take())
}

/// Standard base64 with padding (RFC 4648).
pub(crate) fn base64(input: &[u8]) -> String {
    STANDARD.encode(input)
}

/// A file for a `multipart/form-data` part: its bytes, and optionally a
/// file name and a media type.
///
/// In a multipart body it becomes a part with `filename="..."` and its own
/// `Content-Type` (`application/octet-stream` when it has none). Every
/// other serializer (JSON, for instance) sees the bytes as a base64 string,
/// and deserializing reads a base64 string back (without name or type), so
/// types holding a `FilePart` can derive both `Serialize` and
/// `Deserialize`. A `FilePart` that passes through a serde adapter that
/// buffers values (an untagged or internally tagged enum) is seen as its
/// base64 text there too.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FilePart {
    file_name: Option<String>,
    content_type: Option<String>,
    data: Bytes,
}

impl FilePart {
    /// A file of these bytes, without name or type.
    pub fn new(data: impl Into<Bytes>) -> Self {
        FilePart {
            file_name: None,
            content_type: None,
            data: data.into(),
        }
    }

    /// The file name sent in the part's `Content-Disposition`.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The media type sent as the part's `Content-Type`.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    pub fn data(&self) -> &Bytes {
        &self.data
    }

    pub fn into_data(self) -> Bytes {
        self.data
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

/// The bytes as base64 text, written only by serializers other than the
/// wire serializer.
struct Base64<'a>(&'a [u8]);

impl Serialize for Base64<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64(self.0))
    }
}

impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        PENDING.with(|pending| *pending.borrow_mut() = Some(self.clone()));
        let result = serializer.serialize_newtype_struct(FILE_TOKEN, &Base64(&self.data));
        // Left there by any serializer other than the wire serializer.
        take_pending_file();
        result
    }
}

impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FileVisitor)
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = FilePart;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a base64 string or bytes")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<FilePart, E> {
        STANDARD_PAD_INDIFFERENT
            .decode(v)
            .map(FilePart::new)
            .map_err(|e| E::custom(format!("invalid base64: {e}")))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<FilePart, E> {
        Ok(FilePart::new(v.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<FilePart, E> {
        Ok(FilePart::new(v))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<FilePart, D::Error> {
        FilePart::deserialize(d)
    }
}

#[cfg(test)]
mod tests;
