//! Dispatch by status: the `match raw.status.as_u16()` arms of a client
//! method, each documented success decoded into its type (or its variant
//! of the response enum) and each documented error into the error enum.
//! A method with one plain success (`Operation::plain`) ends in the
//! runtime's `Call::json` (`text`, `empty`) instead, and its error enum's
//! `ReadError` impl, written here too, holds the error arms.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::outcomes::{self, payload};
use crate::emit::{Scope, ident, rust_type};
use crate::model::{
    Api, ErrorEnum, MediaKind, Operation, Outcome, PlainBody, PlainReading, StatusMatch,
};

/// How the method reads `raw`, the answer not streamed: each documented
/// status into its outcome, typed headers read where declared.
pub(super) fn dispatch(api: &Api, op: &Operation, streamed: &[&StatusMatch]) -> TokenStream {
    let arms = response_arms(api, op);
    let all_streamed = op.success.iter().all(|o| streamed.contains(&&o.status));
    if op.errors.is_empty() && all_streamed {
        // Only a stream is documented: any other answer is unexpected.
        quote!(Err(raw.unexpected()))
    } else if all_streamed {
        // Every success returned as a stream (with its headers) already:
        // what is left are errors.
        quote!(match raw.status.as_u16() { #(#arms)* })
    } else {
        super::headers::dispatch(op, quote!(match raw.status.as_u16() { #(#arms)* }))
    }
}

/// An outcome's status as a match pattern; a success's `default` is any 2XX.
pub(super) fn pattern(status: &StatusMatch, success_default: bool) -> TokenStream {
    match status {
        StatusMatch::Code(c) => {
            let c = Literal::u16_unsuffixed(*c);
            quote!(#c)
        }
        StatusMatch::Range(r) => {
            let (lo, hi) = (
                Literal::u16_unsuffixed(r * 100),
                Literal::u16_unsuffixed(r * 100 + 99),
            );
            quote!(#lo..=#hi)
        }
        StatusMatch::Default if success_default => quote!(200..=299),
        StatusMatch::Default => quote!(_),
    }
}

/// The variant of the response enum an outcome reads into, when the
/// operation has one (several successes).
fn variant(op: &Operation, o: &Outcome) -> Option<TokenStream> {
    op.response_enum.as_ref().map(|e| {
        let e = ident(e);
        let v = ident(&o.variant);
        quote!(#e::#v)
    })
}

/// How a success is read; with `infer`, where the method's return type
/// decides what `raw.json()` decodes, the type is not written out.
fn decode_success(api: &Api, o: &Outcome, wrap: Option<TokenStream>, infer: bool) -> TokenStream {
    let decode = match &o.body {
        Some((MediaKind::Json | MediaKind::Form | MediaKind::Multipart, _))
            if infer && wrap.is_none() =>
        {
            quote!(raw.json())
        }
        Some((MediaKind::Json | MediaKind::Form | MediaKind::Multipart, ty)) => {
            let ty = rust_type(api, ty, Scope::Client);
            quote!(raw.json::<#ty, _>())
        }
        Some((MediaKind::Text, _)) => quote!(raw.text()),
        // Streams are answered before the status dispatch (see `streams::send`).
        Some((MediaKind::Binary | MediaKind::Stream(_), _)) => quote!(raw.bytes()),
        None => quote!(raw.empty()),
    };
    match wrap {
        Some(variant) if o.body.is_some() => {
            let variant = outcomes::construct(variant, o);
            quote!(#decode.map(|r| r.map(#variant)))
        }
        Some(variant) => quote!(#decode.map(|r| r.map(|()| #variant))),
        None => decode,
    }
}

/// The arm for a success status the spec does not document (a `201`
/// where it says `200`), when some 2XX is undocumented: the documented
/// successes read whole, tried in order, the first that fits the body.
fn undeclared_success(api: &Api, op: &Operation, streamed: &[StatusMatch]) -> Option<TokenStream> {
    let covers_all = op
        .success
        .iter()
        .any(|o| matches!(o.status, StatusMatch::Range(2) | StatusMatch::Default));
    let whole: Vec<&Outcome> = op
        .success
        .iter()
        .filter(|o| !streamed.contains(&o.status))
        .collect();
    if covers_all || whole.is_empty() {
        return None;
    }
    // Bodies first: a reading that ignores the body fits anything.
    let mut ordered: Vec<&Outcome> = whole.iter().copied().filter(|o| o.body.is_some()).collect();
    ordered.extend(whole.iter().copied().filter(|o| o.body.is_none()));
    let readings = ordered.iter().map(|o| {
        let decode = decode_success(api, o, variant(op, o), false);
        quote!(|raw| #decode)
    });
    // The range starts past the exact codes at its start (`200 =>` then
    // `201..=299`), so no two arms begin at the same code.
    let exact: Vec<u16> = op
        .success
        .iter()
        .chain(&op.errors)
        .filter_map(|o| match o.status {
            StatusMatch::Code(c) => Some(c),
            _ => None,
        })
        .collect();
    let start = (200..=299).find(|c| !exact.contains(c))?;
    let start = Literal::u16_unsuffixed(start);
    Some(quote!(#start..=299 => raw.undeclared_success(&[#(#readings),*]),))
}

/// How each documented error is read from `raw`, into `error` (the enum's
/// path): the `Error` value, in the order of `outcomes`.
fn error_reads(api: &Api, outcomes: &[Outcome], error: &TokenStream) -> Vec<TokenStream> {
    outcomes
        .iter()
        .map(|o| {
            let v = ident(&o.variant);
            if payload(api, o, true).is_some() {
                let variant = outcomes::construct(quote!(#error::#v), o);
                quote!(raw.api_error(#variant))
            } else {
                quote!(raw.api_error_with(#error::#v))
            }
        })
        .collect()
}

/// The `ReadError` impl of an error enum whose users read their one
/// success with `Call::json` (and kin): each documented error by status,
/// exact codes first, then ranges, then the catch-all. Nothing when no
/// user does ([`ErrorEnum::read_error`]).
pub fn read_error_impl(api: &Api, e: &ErrorEnum) -> TokenStream {
    if !e.read_error {
        return TokenStream::new();
    }
    let name = ident(&e.name);
    let mut reads = error_reads(api, &e.outcomes, &quote!(Self));
    let read = match e.outcomes.as_slice() {
        // `default` alone: every status is it.
        [only] if only.status == StatusMatch::Default => reads.remove(0),
        _ => {
            let mut arms: Vec<(&StatusMatch, TokenStream)> = e
                .outcomes
                .iter()
                .zip(reads)
                .map(|(o, read)| {
                    let pat = pattern(&o.status, false);
                    (&o.status, quote!(#pat => #read,))
                })
                .collect();
            arms.sort_by(|a, b| a.0.cmp(b.0));
            let arms = arms.into_iter().map(|(_, t)| t);
            let fallback = (!e.outcomes.iter().any(|o| o.status == StatusMatch::Default))
                .then(|| quote!(_ => raw.unexpected(),));
            quote!(match raw.status.as_u16() { #(#arms)* #fallback })
        }
    };
    quote! {
        impl codegen_runtime::ReadError for #name {
            fn read_error(raw: codegen_runtime::RawResponse) -> codegen_runtime::Error<Self> {
                #read
            }
        }
    }
}

/// The `Call` of an operation with one plain success (`Call::json`,
/// `text` or `empty`), its errors read by the error type.
pub(super) fn plain_call(plain: &PlainReading) -> TokenStream {
    let make = match plain.body {
        PlainBody::Json => quote!(json),
        PlainBody::Text => quote!(text),
        PlainBody::Empty => quote!(empty),
    };
    let declared = match plain.declared {
        Some(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(Some(#code))
        }
        None => quote!(None),
    };
    quote!(codegen_runtime::Call::#make(&self.core, parts, #declared))
}

fn response_arms(api: &Api, op: &Operation) -> Vec<TokenStream> {
    let error = super::outcomes::error_type(op);
    let mut arms: Vec<(StatusMatch, TokenStream)> = Vec::new();
    let streamed: Vec<StatusMatch> = op
        .streamed()
        .iter()
        .map(|(o, _)| o.status.clone())
        .collect();
    // A `Call`'s success is its method's return type, which `raw.json()`
    // is inferred from; a streaming (`async`) method's or one reading typed
    // headers names the type (its match is not the returned value).
    let infer = streamed.is_empty() && super::headers::response_param(op).is_none();
    let whole: Vec<&Outcome> = op
        .success
        .iter()
        .filter(|o| !streamed.contains(&o.status))
        .collect();
    // One documented success status, read whole: one arm for every 2XX,
    // the runtime telling the documented status from an undeclared one.
    let undeclared = undeclared_success(api, op, &streamed);
    let single = match (whole.as_slice(), &undeclared) {
        ([o], Some(_)) => match o.status {
            StatusMatch::Code(code) => Some((*o, Literal::u16_unsuffixed(code))),
            _ => None,
        },
        _ => None,
    };
    if let Some((o, code)) = &single {
        let decode = decode_success(api, o, variant(op, o), infer);
        // Where the documented status sorts: successes read first.
        arms.push((
            o.status.clone(),
            quote!(200..=299 => raw.success(#code, |raw| #decode),),
        ));
    }
    for o in whole.iter().filter(|_| single.is_none()) {
        let pat = pattern(&o.status, true);
        let decode = decode_success(api, o, variant(op, o), infer);
        let key = if o.status == StatusMatch::Default {
            StatusMatch::Range(2)
        } else {
            o.status.clone()
        };
        arms.push((key, quote!(#pat => #decode,)));
    }
    for (o, read) in op.errors.iter().zip(error_reads(api, &op.errors, &error)) {
        let pat = pattern(&o.status, false);
        arms.push((o.status.clone(), quote!(#pat => Err(#read),)));
    }
    if op.success.is_empty() {
        arms.push((StatusMatch::Range(2), quote!(200..=299 => raw.empty(),)));
    } else if let Some(arm) = undeclared.filter(|_| single.is_none()) {
        arms.push((StatusMatch::Range(2), arm));
    }
    // Exact codes first, then ranges, then the catch-all.
    arms.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<TokenStream> = arms.into_iter().map(|(_, t)| t).collect();
    if !op.errors.iter().any(|o| o.status == StatusMatch::Default) {
        out.push(quote!(_ => Err(raw.unexpected()),));
    }
    out
}
