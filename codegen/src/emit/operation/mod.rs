//! One operation's emission: its method's signature, the checks of its
//! arguments, the request it builds, how it sends it and how it reads the
//! answer by status; and the types and paginator that go with it.

pub mod builder;
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
pub use dispatch::read_error_impl;
use signature::Signature;

/// One operation's client methods.
pub struct Method {
    pub def: TokenStream,
    /// A second method of `Client`, gated like the first: the paginator
    /// (`*_stream`), or, for an operation with optional parameters, the
    /// public method that returns its builder (`def` is then the private
    /// one that sends).
    pub companion: Option<TokenStream>,
}

pub fn method(api: &Api, op: &Operation) -> Method {
    let sig = signature::signature(api, op);
    let Signature {
        name,
        deprecated,
        args,
        names,
        output,
        ..
    } = &sig;
    // A method whose answers are all read whole returns a `Call`: a plain
    // function, the sending shared in the runtime. One that streams an
    // answer is `async`, as it returns the stream before the body is read.
    let streamed = streams::streamed_statuses(op);
    let streams = !streamed.is_empty();
    let doc = doc_lines(op, streams);
    // An optional body is held in the parameters struct; the checks and
    // the request read it as an argument.
    let body = op
        .body
        .as_ref()
        .filter(|b| b.on_builder())
        .map(|_| quote!(let body = params.body.as_ref();));
    let validation = validation::block(validation::checks(api, op), streams);
    let start = request::start(op);
    let setup = request::setup(op);
    // An operation without parameters, credentials or body adds nothing.
    let mutable = (!setup.is_empty()).then(|| quote!(mut));
    // With optional parameters, the public method returns the builder, and
    // this one (private, the parameters as a struct) sends.
    let (public, name, vis, doc) = match &op.builder {
        Some(_) => (
            Some(builder::method(op, &sig, &doc)),
            signature::send_name(op),
            quote!(pub(crate)),
            Vec::new(),
        ),
        None => (None, name.clone(), quote!(pub), doc),
    };
    let doc = docs::line_attrs(&doc);
    let def = if streams {
        // Its call's options go on the request here: there is no `Call`.
        let (options, apply) = match op.builder {
            Some(_) => (
                Some(quote!(options: codegen_runtime::CallOptions)),
                Some(quote! {
                    options.apply_to_parts(&mut parts).map_err(codegen_runtime::Error::Validation)?;
                }),
            ),
            None => (None, None),
        };
        let args = args.iter().chain(&options);
        let mutable = mutable.or(apply.as_ref().map(|_| quote!(mut)));
        let dispatch = dispatch::dispatch(api, op, &streamed);
        let send = streams::send(
            api,
            op,
            |o| dispatch::pattern(&o.status, true),
            headers::response_param(op).is_some(),
        );
        quote! {
            #doc
            #deprecated
            #vis async fn #name(&self, #(#args),*) -> #output {
                #body
                #validation
                let #mutable parts = #start;
                #(#setup)*
                #apply
                #send
                #dispatch
            }
        }
    } else {
        let (success, error, typed) = (&sig.success, &sig.error, &sig.typed);
        let call = match &op.plain {
            Some(plain) => dispatch::plain_call(plain),
            None => {
                let dispatch = dispatch::dispatch(api, op, &streamed);
                let dispatch = if typed.is_some() {
                    quote!({ #dispatch })
                } else {
                    dispatch
                };
                quote!(codegen_runtime::Call::new(&self.core, parts, |raw| #dispatch))
            }
        };
        quote! {
            #doc
            #deprecated
            #vis fn #name(&self, #(#args),*) -> codegen_runtime::Call<'_, #success, #error #typed> {
                #body
                #validation
                let #mutable parts = #start;
                #(#setup)*
                #call
            }
        }
    };
    // A builder's paginator is its `stream()`, among the builder's items.
    let companion = match op.builder {
        Some(_) => public,
        None => paginate::stream(api, op, args, names),
    };
    Method { def, companion }
}

/// The builder of an operation with optional parameters (see
/// [`builder`]), with its paginator.
pub fn builder_items(
    api: &Api,
    op: &Operation,
    vendored: bool,
    owner: Option<&builder::Owner>,
) -> Option<TokenStream> {
    op.builder.as_ref()?;
    let sig = signature::signature(api, op);
    builder::items(
        api,
        op,
        &sig,
        streams_answer(op),
        vendored,
        paginate::stream(api, op, &sig.args, &sig.names),
        owner?,
    )
}

/// Whether a success of the operation is streamed (its method is `async`).
pub fn streams_answer(op: &Operation) -> bool {
    !streams::streamed_statuses(op).is_empty()
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
