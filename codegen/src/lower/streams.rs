//! Streamed content: a sequential media type with an item schema (OpenAPI
//! 3.2 `itemSchema`, or `x-oai-itemSchema`) is a stream of typed items.

use openapiv3::{MediaType, ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::schemas::Sch;
use crate::load::ext;
use crate::model::{MediaKind, SseItem, StreamFormat};

/// The stream format of a media type whose schema describes each item
/// (for `text/event-stream`, what an item is made of is decided by
/// [`Lowerer::stream_kind`]).
pub(super) fn streamed(content_type: &str, media: &MediaType) -> Option<StreamFormat> {
    if media.extensions.get(ext::STREAMED) != Some(&serde_json::Value::Bool(true)) {
        return None;
    }
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    Some(match essence.as_str() {
        "text/event-stream" => StreamFormat::Sse(SseItem::Data),
        e if e == "application/json-seq" || e.ends_with("+json-seq") => StreamFormat::JsonSeq,
        _ => StreamFormat::JsonLines,
    })
}

/// The properties of an object schema (typed or not).
fn properties(schema: &Schema) -> Option<&indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Some(&o.properties),
        SchemaKind::Any(any) if !any.properties.is_empty() => Some(&any.properties),
        _ => None,
    }
}

impl<'a> Lowerer<'a> {
    /// The media kind of a picked media type, its stream's items decided:
    /// an event stream whose item schema is an object with `data` has the
    /// events as items (their `data` JSON unless it is a string), else the
    /// items are each event's `data`, read as JSON.
    pub(super) fn stream_kind(&self, kind: MediaKind, media: &'a MediaType) -> MediaKind {
        let MediaKind::Stream(StreamFormat::Sse(_)) = kind else {
            return kind;
        };
        let event = media
            .schema
            .as_ref()
            .and_then(|s| self.resolve(Sch::from(s)))
            .and_then(properties)
            .and_then(|props| props.get("data"));
        let Some(data) = event else {
            return MediaKind::Stream(StreamFormat::Sse(SseItem::Data));
        };
        let marked = media.extensions.get(ext::JSON_DATA) == Some(&serde_json::Value::Bool(true));
        let text = match self.resolve(Sch::from(data)) {
            Some(s) => {
                matches!(
                    s.schema_kind,
                    SchemaKind::Type(Type::String(_)) | SchemaKind::Any(_)
                ) && properties(s).is_none()
            }
            None => true,
        };
        MediaKind::Stream(StreamFormat::Sse(SseItem::Event {
            json_data: marked || !text,
        }))
    }
}
