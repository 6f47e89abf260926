//! Bodies and answers: request bodies, responses, media types, their encodings
//! and examples.

use openapiv3::{ReferenceOr, StatusCode};
use serde_json::Value;

use super::Lowerer;
use super::schemas::Sch;
use crate::diagnostics::child;
use crate::ident::Scope;
use crate::load::{Written, ext, fragment_pointer};
use crate::model::{
    Body, MediaKind, Operation, Outcome, PartEncodings, PropertyEncoding, StatusMatch,
    StreamFormat, Style, TypeRef,
};

impl<'a> Lowerer<'a> {
    pub(super) fn request_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        camel: &str,
        pointer: &str,
    ) -> Option<Body> {
        let (body, reference) = match self.resolver.request_body(body) {
            Ok(b) => b,
            Err(message) => {
                self.error(pointer, message);
                return None;
            }
        };
        let content_pointer = child(pointer, "content");
        let (content_type, media, kind) = pick_media(&body.content)?;
        let mut kind = self.stream_kind(kind, media);
        if let MediaKind::Stream(StreamFormat::Sse(_)) = kind {
            self.warn(
                &child(&content_pointer, content_type),
                "a request body of server-sent events is sent as text, not as typed items",
            );
            kind = MediaKind::Text;
        }
        for other in body.content.keys().filter(|k| *k != content_type) {
            self.note(&child(&content_pointer, other), format!("request media type {other:?} is not generated; the client sends {content_type:?}"));
        }
        // Binary strings of a multipart body are file parts.
        self.multipart = kind == MediaKind::Multipart;
        let ty = match (kind, &media.schema) {
            (
                MediaKind::Json | MediaKind::Form | MediaKind::Multipart | MediaKind::Stream(_),
                Some(s),
            ) => self.type_of(
                Sch::from(s),
                &format!(
                    "{camel}Request{}",
                    if matches!(kind, MediaKind::Stream(_)) {
                        "Item"
                    } else {
                        ""
                    }
                ),
                &child(&child(&content_pointer, content_type), "schema"),
            ),
            (
                MediaKind::Json | MediaKind::Form | MediaKind::Multipart | MediaKind::Stream(_),
                None,
            ) => TypeRef::Json,
            (MediaKind::Text, _) => TypeRef::String,
            (MediaKind::Binary, _) => TypeRef::Json,
        };
        self.multipart = false;
        let examples = examples(&media.example, &media.examples, is_json(content_type));
        self.attach_examples(&ty, examples);
        let positional = (kind == MediaKind::Multipart)
            .then(|| positional(media, matches!(ty, TypeRef::Vec(_))))
            .flatten();
        Some(Body {
            positional,
            media: kind,
            content_type: content_type.to_string(),
            ty,
            required: body.required,
            docs: super::docs(None, body.description.as_ref(), false),
            encoding: match kind {
                MediaKind::Form | MediaKind::Multipart => {
                    // openapiv3 reads a missing `explode` as false; the tree
                    // tells whether the spec said so.
                    let at = reference.map_or_else(|| pointer.to_string(), fragment_pointer);
                    let media_pointer = child(&child(&at, "content"), content_type);
                    property_encodings(media, &self.doc.written, &media_pointer)
                }
                _ => Vec::new(),
            },
        })
    }

    pub(super) fn responses(
        &mut self,
        op: &mut Operation,
        camel: &str,
        responses: &'a openapiv3::Responses,
        pointer: &str,
    ) {
        let mut cases: Vec<(StatusMatch, &'a ReferenceOr<openapiv3::Response>, String)> = responses
            .responses
            .iter()
            .map(|(code, r)| {
                let status = match code {
                    StatusCode::Code(c) => StatusMatch::Code(*c),
                    StatusCode::Range(r) => StatusMatch::Range(*r),
                };
                (status, r, child(pointer, &code.to_string()))
            })
            .collect();
        if let Some(default) = &responses.default {
            cases.push((StatusMatch::Default, default, child(pointer, "default")));
        }
        let is_success =
            |s: &StatusMatch| matches!(s, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
        let any_success = cases.iter().any(|(s, _, _)| is_success(s));
        let mut success_scope = Scope::new();
        let mut error_scope = Scope::new();
        error_scope.reserve("Other");
        let success_count = cases.iter().filter(|(s, _, _)| is_success(s)).count();
        let mut headers = super::headers::Collected::default();
        for (status, response, r_pointer) in cases {
            let (response, _) = match self.resolver.response(response) {
                Ok(r) => r,
                Err(message) => {
                    self.error(&r_pointer, message);
                    continue;
                }
            };
            if !response.links.is_empty() {
                self.warn(
                    &child(&r_pointer, "links"),
                    "links are not generated; follow them by calling the linked operation",
                );
            }
            let success = is_success(&status) || (!any_success && status == StatusMatch::Default);
            self.collect_headers(
                &mut headers,
                camel,
                &status,
                success,
                &response.headers,
                &r_pointer,
            );
            let word = status_word(&status);
            let hint = if success {
                if success_count > 1 {
                    format!("{camel}{word}Body")
                } else {
                    format!("{camel}ResponseBody")
                }
            } else {
                format!("{camel}{word}Body")
            };
            let content_pointer = child(&r_pointer, "content");
            let body = match pick_media(&response.content) {
                Some((content_type, media, kind)) => {
                    let accepted = if content_type.contains('*') {
                        None
                    } else {
                        Some(
                            content_type
                                .split(';')
                                .next()
                                .unwrap_or(content_type)
                                .trim(),
                        )
                    };
                    if let Some(ct) = accepted.filter(|ct| !op.accept.iter().any(|a| a == ct)) {
                        op.accept.push(ct.to_string());
                    }
                    let kind = self.stream_kind(kind, media);
                    let ty = match (kind, &media.schema) {
                        (MediaKind::Json, Some(s)) => self.type_of(
                            Sch::from(s),
                            &hint,
                            &child(&child(&content_pointer, content_type), "schema"),
                        ),
                        (MediaKind::Stream(_), Some(s)) => self.type_of(
                            Sch::from(s),
                            &if success && success_count == 1 {
                                format!("{camel}Item")
                            } else {
                                format!("{camel}{word}Item")
                            },
                            &child(&child(&content_pointer, content_type), "schema"),
                        ),
                        (MediaKind::Json | MediaKind::Stream(_), None)
                        | (MediaKind::Form | MediaKind::Multipart, _) => TypeRef::Json,
                        (MediaKind::Text, _) => TypeRef::String,
                        (MediaKind::Binary, _) => TypeRef::Json,
                    };
                    // Form and multipart answers are rare; they are handed over as bytes.
                    let kind = if matches!(kind, MediaKind::Form | MediaKind::Multipart) {
                        MediaKind::Binary
                    } else {
                        kind
                    };
                    let examples = examples(&media.example, &media.examples, is_json(content_type));
                    self.attach_examples(&ty, examples);
                    Some((kind, ty))
                }
                None => None,
            };
            let scope = if success {
                &mut success_scope
            } else {
                &mut error_scope
            };
            let outcome = Outcome {
                variant: scope.claim(&word),
                status,
                docs: super::docs(
                    response_summary(response),
                    Some(&response.description),
                    false,
                ),
                body,
                boxed: false,
            };
            if success {
                op.success.push(outcome)
            } else {
                op.errors.push(outcome)
            }
        }
        op.headers = self.finish_headers(camel, headers);
    }

    /// Examples of a body that is a named type become tests of that type.
    pub(super) fn attach_examples(&mut self, ty: &TypeRef, examples: Vec<serde_json::Value>) {
        if let TypeRef::Named(id) = ty
            && let Some(def) = self.handles.get_mut(*id)
        {
            for example in examples {
                if !def.examples.contains(&example) {
                    def.examples.push(example);
                }
            }
        }
    }
}

/// `application/json` and every `+json` type (`application/problem+json`).
pub(crate) fn is_json(content_type: &str) -> bool {
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or(content_type)
        .trim()
        .to_ascii_lowercase();
    ct == "application/json" || ct.ends_with("+json") || ct.ends_with("/json")
}

/// The `encoding` entries of a form or multipart body, in spec order;
/// `media_pointer` is where the media type object is written.
pub(super) fn property_encodings(
    media: &openapiv3::MediaType,
    written: &Written,
    media_pointer: &str,
) -> Vec<PropertyEncoding> {
    media
        .encoding
        .iter()
        .map(|(name, e)| {
            let explode = written
                .explode(media_pointer, name)
                .or(e.explode.then_some(true));
            let style = e.style.as_ref().map(|s| match s {
                openapiv3::QueryStyle::Form => Style::Form,
                openapiv3::QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                openapiv3::QueryStyle::PipeDelimited => Style::PipeDelimited,
                openapiv3::QueryStyle::DeepObject => Style::DeepObject,
            });
            let style = match (style, explode) {
                (Some(style), explode) => Some((style, explode.unwrap_or(style == Style::Form))),
                (None, Some(explode)) => Some((Style::Form, explode)),
                (None, None) => None,
            };
            PropertyEncoding {
                name: name.clone(),
                content_type: e.content_type.clone(),
                style,
                allow_reserved: e.allow_reserved,
            }
        })
        .collect()
}

/// The media type the client uses: JSON first, then form, text, bytes.
pub(super) fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType, MediaKind)> {
    let kind_of = |ct: &str| {
        let ct = ct
            .split(';')
            .next()
            .unwrap_or(ct)
            .trim()
            .to_ascii_lowercase();
        if ct == "application/json" {
            Some((0, MediaKind::Json))
        } else if ct.ends_with("+json")
            || ct.ends_with("/json")
            || ct == "*/*"
            || ct == "application/*"
        {
            Some((1, MediaKind::Json))
        } else if ct == "application/x-www-form-urlencoded" {
            Some((2, MediaKind::Form))
        } else if ct == "multipart/form-data" || ct == "multipart/mixed" {
            Some((2, MediaKind::Multipart))
        } else if ct.starts_with("text/") {
            Some((3, MediaKind::Text))
        } else {
            Some((4, MediaKind::Binary))
        }
    };
    content
        .iter()
        .filter_map(|(ct, m)| {
            // A stream of typed items, after JSON itself.
            let kind = match super::streams::streamed(ct, m) {
                Some(format) => Some((2, MediaKind::Stream(format))),
                None => kind_of(ct),
            };
            kind.map(|(rank, kind)| (rank, ct.as_str(), m, kind))
        })
        .min_by_key(|(rank, ..)| *rank)
        .map(|(_, ct, m, kind)| (ct, m, kind))
}

/// A variant name for a status.
pub(crate) fn status_word(status: &StatusMatch) -> String {
    let code = match status {
        StatusMatch::Code(c) => *c,
        StatusMatch::Range(r) => return format!("Status{r}xx"),
        StatusMatch::Default => return "Default".into(),
    };
    let word = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        418 => "ImATeapot",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    };
    word.to_string()
}

/// The example's value: `value` (or 3.2 `dataValue`), else, for a JSON
/// media type, its `serializedValue` read as JSON.
pub(super) fn example_value(example: &openapiv3::Example, json: bool) -> Option<Value> {
    if let Some(value) = &example.value {
        return Some(value.clone());
    }
    let serialized = ext::text(&example.extensions, ext::SERIALIZED_VALUE)?;
    json.then(|| serde_json::from_str(serialized).ok())
        .flatten()
}

/// The examples of a media type or parameter: `example`, then each of `examples`.
pub(super) fn examples(
    example: &Option<Value>,
    examples: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>,
    json: bool,
) -> Vec<Value> {
    example
        .iter()
        .cloned()
        .chain(examples.values().filter_map(|e| match e {
            ReferenceOr::Item(e) => example_value(e, json),
            ReferenceOr::Reference { .. } => None,
        }))
        .collect()
}

/// The parts of a multipart body by position: when the media type has
/// `prefixEncoding`/`itemEncoding` (3.2, or `x-oai-*`), or its schema is an array.
pub(super) fn positional(media: &openapiv3::MediaType, array: bool) -> Option<PartEncodings> {
    let content_type = |e: &Value| {
        e.get("contentType")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let prefix: Vec<Option<String>> = match media.extensions.get(ext::PREFIX_ENCODING) {
        Some(Value::Array(list)) => list.iter().map(content_type).collect(),
        _ => Vec::new(),
    };
    let item = media
        .extensions
        .get(ext::ITEM_ENCODING)
        .and_then(content_type);
    let given = media.extensions.contains_key(ext::PREFIX_ENCODING)
        || media.extensions.contains_key(ext::ITEM_ENCODING);
    (given || array).then_some(PartEncodings { prefix, item })
}

/// A response's summary (3.2).
pub(super) fn response_summary(response: &openapiv3::Response) -> Option<&String> {
    match response.extensions.get(ext::SUMMARY) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}
