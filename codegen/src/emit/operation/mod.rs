//! One operation's emission: its method's signature, the checks of its
//! arguments, the request it builds, how it sends it and how it reads the
//! answer by status; and the types and paginator that go with it.

mod dispatch;
pub mod headers;
pub mod outcomes;
mod paginate;
mod request;
pub mod signature;
mod streams;
mod validation;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs;
use crate::model::{Api, Operation};
use signature::Signature;

/// One operation's client method, and its paginator (`*_stream`) if it is
/// a list operation.
pub struct Method {
    pub def: TokenStream,
    pub stream: Option<TokenStream>,
}

pub fn method(api: &Api, op: &Operation) -> Method {
    let Signature {
        name,
        deprecated,
        args,
        names,
        output,
    } = signature::signature(op);
    // A method whose answers are all read whole returns a `Call`: a plain
    // function, the sending shared in the runtime. One that streams an
    // answer is `async`, as it returns the stream before the body is read.
    let streamed = streams::streamed_statuses(op);
    let streams = !streamed.is_empty();
    let doc = doc_lines(op, streams);
    let validation = validation::block(&validation::checks(api, op), streams);
    let start = request::start(op);
    let setup = request::setup(op);
    let dispatch = dispatch::dispatch(op, &streamed);
    let def = if streams {
        let send = streams::send(
            op,
            |o| dispatch::pattern(&o.status, true),
            headers::response_param(op).is_some(),
        );
        quote! {
            #(#[doc = #doc])*
            #deprecated
            pub async fn #name(&self, #(#args),*) -> #output {
                #validation
                let mut parts = #start;
                #(#setup)*
                #send
                #dispatch
            }
        }
    } else {
        let (success, error, typed) = signature::outcome_types(op);
        let dispatch = if typed.is_some() {
            quote!({ #dispatch })
        } else {
            dispatch
        };
        quote! {
            #(#[doc = #doc])*
            #deprecated
            pub fn #name(&self, #(#args),*) -> codegen_runtime::Call<'_, #success, #error #typed> {
                #validation
                let mut parts = #start;
                #(#setup)*
                codegen_runtime::Call::new(&self.core, parts, |raw| #dispatch)
            }
        }
    };
    let stream = paginate::stream(op, &args, &names);
    Method { def, stream }
}

/// The method's doc: the operation's, its method and path, and what the
/// idempotency key does (a streaming method is `async`, without a `Call`'s
/// options).
fn doc_lines(op: &Operation, streams: bool) -> Vec<String> {
    let mut doc = docs::lines(&op.docs);
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.push(format!(" `{} {}`", op.method, op.path.replace('`', "'")));
    if let Some(idem) = &op.idempotency {
        doc.push(String::new());
        let given = if streams {
            ""
        } else {
            ", or the one `.idempotency_key(..)` gives"
        };
        doc.push(format!(
            " Sends an idempotency key in `{}`: a new UUID v4{given}. Retries reuse it, and the response reports it.",
            idem.header.replace('`', "'")
        ));
    }
    doc
}
