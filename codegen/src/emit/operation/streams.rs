//! Streamed answers and bodies: an operation whose success is a stream of
//! typed items returns `Response<codegen_runtime::stream::Items<T>>`, read
//! by the runtime's one stream reader as the answer arrives, and one whose
//! success is binary a `codegen_runtime::stream::Download`; a body of
//! JSON Lines or JSON-seq is sent from a slice of items.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, ident, rust_type};
use crate::model::{MediaKind, Operation, Outcome, SseItem, StatusMatch, StreamFormat, TypeRef};

/// `codegen_runtime::stream::Items<T>` for an item type.
pub fn items_type(item: &TypeRef) -> TokenStream {
    let item = rust_type(item, Scope::Client);
    quote!(codegen_runtime::stream::Items<#item>)
}

/// The runtime's name of a stream format.
fn format(format: StreamFormat) -> TokenStream {
    let path = quote!(codegen_runtime::stream);
    match format {
        StreamFormat::Sse(SseItem::Data) => quote!(#path::Format::Sse(#path::SseItem::Data)),
        StreamFormat::Sse(SseItem::Event { json_data }) => {
            quote!(#path::Format::Sse(#path::SseItem::Event { json_data: #json_data }))
        }
        StreamFormat::JsonLines => quote!(#path::Format::JsonLines),
        StreamFormat::JsonSeq => quote!(#path::Format::JsonSeq),
    }
}

/// How a streamed answer's body is read.
#[derive(Clone, Copy)]
pub enum Read<'a> {
    /// Typed items in a stream format.
    Items(StreamFormat, &'a TypeRef),
    /// Bytes, chunk by chunk: a `codegen_runtime::stream::Download`.
    Download,
}

/// The success outcomes whose bodies are read as they arrive: streams of
/// items, and binary answers (downloads).
/// The most specific status first (a code, then a range, then `default`),
/// as OpenAPI matches them.
pub fn streamed(op: &Operation) -> Vec<(&Outcome, Read<'_>)> {
    let mut streamed: Vec<_> = op
        .success
        .iter()
        .filter_map(|o| Some((o, read(o)?)))
        .collect();
    streamed.sort_by_key(|(o, _)| specificity(&o.status));
    streamed
}

/// How an outcome's body is read as it arrives; `None`: read whole.
fn read(outcome: &Outcome) -> Option<Read<'_>> {
    match &outcome.body {
        Some((MediaKind::Stream(f), ty)) => Some(Read::Items(*f, ty)),
        Some((MediaKind::Binary, _)) => Some(Read::Download),
        _ => None,
    }
}

fn specificity(status: &StatusMatch) -> u8 {
    match status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    }
}

/// How a method sends its request and gets `raw`, the answer to dispatch
/// by status: through `open_body` when a success is streamed (those
/// statuses return at once, their bodies unread), else `send`.
/// `pattern` is an outcome's status as a match pattern.
pub fn send(
    op: &Operation,
    pattern: impl Fn(&Outcome) -> TokenStream,
    typed_headers: bool,
) -> TokenStream {
    let streamed = streamed(op);
    let Some(((last, last_read), init)) = streamed.split_last() else {
        return quote!(let raw = self.core.send(parts).await?;);
    };
    let typed = typed_headers.then(|| quote!(.with_typed_headers()));
    let answer = |outcome: &Outcome, read: Read| {
        let open = match read {
            Read::Items(stream_format, item) => {
                let item = rust_type(item, Scope::Client);
                let format = format(stream_format);
                quote!(stream.items::<#item>(#format))
            }
            Read::Download => quote!(stream.download()),
        };
        let wrap = op.response_enum.as_ref().map(|e| {
            let e = ident(e);
            let v = ident(&outcome.variant);
            let construct = super::outcomes::construct(quote!(#e::#v), outcome);
            quote!(.map(#construct))
        });
        quote!(#open #wrap #typed)
    };
    let statuses = streamed.iter().map(|(o, _)| pattern(o));
    // A success read whole whose status is more specific than a streamed
    // one's (`200` beside a streamed `2XX`) is not streamed.
    let whole: Vec<TokenStream> = op
        .success
        .iter()
        .filter(|o| read(o).is_none())
        .filter(|o| {
            streamed
                .iter()
                .any(|(s, _)| specificity(&o.status) < specificity(&s.status))
        })
        .map(&pattern)
        .collect();
    let not_whole = (!whole.is_empty()).then(|| quote!(!matches!(status, #(#whole)|*) &&));
    let last = answer(last, *last_read);
    let answered = if init.is_empty() {
        last
    } else {
        let arms = init.iter().map(|(o, r)| {
            let pat = pattern(o);
            let answer = answer(o, *r);
            quote!(#pat => #answer,)
        });
        quote!(match stream.status.as_u16() { #(#arms)* _ => #last })
    };
    quote! {
        let raw = match self.core.open_body(parts, |status| #not_whole matches!(status, #(#statuses)|*)).await? {
            codegen_runtime::stream::Opened::Stream(stream) => return Ok(#answered),
            codegen_runtime::stream::Opened::Read(raw) => raw,
        };
    }
}

/// Puts a streamed request body (a slice of items) on the request.
pub fn body(content_type: &str, format: StreamFormat) -> TokenStream {
    let ct = Literal::string(content_type);
    match format {
        StreamFormat::JsonSeq => quote!(parts.json_seq_body(#ct, body);),
        // Event streams are sent as text; lowering never makes one a stream.
        StreamFormat::JsonLines | StreamFormat::Sse(_) => quote!(parts.json_lines_body(#ct, body);),
    }
}
