//! Streamed answers and bodies: an operation whose success is a stream of
//! typed items returns `Response<codegen_runtime::stream::Items<T>>`, read
//! by the runtime's one stream reader as the answer arrives; a body of
//! JSON Lines or JSON-seq is sent from a slice of items.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, ident, rust_type};
use crate::model::{MediaKind, Operation, Outcome, SseItem, StreamFormat, TypeRef};

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

/// The success outcome whose body is a stream, if any (the first).
pub fn streamed(op: &Operation) -> Option<(&Outcome, StreamFormat, &TypeRef)> {
    op.success.iter().find_map(|o| match &o.body {
        Some((MediaKind::Stream(f), ty)) => Some((o, *f, ty)),
        _ => None,
    })
}

/// How a method sends its request and gets `raw`, the answer to dispatch
/// by status: through `open` when a success is streamed (that status
/// returns at once, its items unread), else `send`.
pub fn send(op: &Operation, statuses: TokenStream, typed_headers: bool) -> TokenStream {
    let Some((outcome, stream_format, item)) = streamed(op) else {
        return quote!(let raw = self.core.send(parts).await?;);
    };
    let item = rust_type(item, Scope::Client);
    let format = format(stream_format);
    let wrap = op.response_enum.as_ref().map(|e| {
        let e = ident(e);
        let v = ident(&outcome.variant);
        let construct = super::outcomes::construct(quote!(#e::#v), outcome);
        quote!(.map(#construct))
    });
    let typed = typed_headers.then(|| quote!(.with_typed_headers()));
    quote! {
        let raw = match self.core.open(parts, #format, |status| matches!(status, #statuses)).await? {
            codegen_runtime::stream::Opened::Stream(stream) => {
                return Ok(stream.items::<#item>() #wrap #typed);
            }
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
