//! Streamed answers and bodies: an operation whose success is a stream of
//! typed items returns `Response<codegen_runtime::stream::Items<T>>`, read
//! by the runtime's one stream reader as the answer arrives, and one whose
//! success is binary a `codegen_runtime::stream::Download`; a body of
//! JSON Lines or JSON-seq is sent from a slice of items.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Scope, ident, rust_type};
use crate::model::{Api, Operation, Outcome, SseItem, StatusMatch, StreamFormat, StreamRead};

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

/// The statuses whose answers are streamed, most specific first.
pub(super) fn streamed_statuses(op: &Operation) -> Vec<&StatusMatch> {
    op.streamed().into_iter().map(|(o, _)| &o.status).collect()
}

/// How a method sends its request and gets `raw`, the answer to dispatch
/// by status: through `open_body` when a success is streamed (those
/// statuses return at once, their bodies unread), else `send`.
/// `pattern` is an outcome's status as a match pattern.
pub fn send(
    api: &Api,
    op: &Operation,
    pattern: impl Fn(&Outcome) -> TokenStream,
    typed_headers: bool,
) -> TokenStream {
    let streamed = op.streamed();
    let Some(((last, last_read), init)) = streamed.split_last() else {
        return quote!(let raw = self.core.send(parts).await?;);
    };
    let typed = typed_headers.then(|| quote!(.with_typed_headers()));
    let answer = |outcome: &Outcome, read: StreamRead| {
        let open = match read {
            StreamRead::Items(stream_format, item) => {
                let item = rust_type(api, item, Scope::Client);
                let format = format(stream_format);
                quote!(stream.items::<#item>(#format))
            }
            StreamRead::Download => quote!(stream.download()),
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
        .filter(|o| o.stream_read().is_none())
        .filter(|o| {
            streamed
                .iter()
                .any(|(s, _)| o.status.specificity() < s.status.specificity())
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
