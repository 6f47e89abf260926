//! Contract tests: one test per operation, for a generated crate's
//! `tests/contract.rs`. Each sends a request built from the spec's examples
//! (made to satisfy every constraint of their schemas: each part that breaks
//! one is replaced by a made value) or, without them, from values made to
//! satisfy the schema, through the generated client to the server at
//! `CONTRACT_BASE_URL` (a Prism mock of the same document, or a sandbox),
//! with a stand-in credential for every security scheme. It passes when the
//! answer decodes into the operation's typed response and the mock reports
//! no violation (`codegen_runtime::contract` judges the result). Each test's
//! doc line names the operation's method and path, for the runner.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::samples::Sampler;
use super::{Scope, ident, rust_type};
use crate::model::{Api, Constraints, MediaKind, Operation, SchemeKind, TypeRef};

/// The contract test file of `api`.
pub fn tests(api: &Api) -> TokenStream {
    // A stand-in credential of the scheme's own form: `user:password` for
    // basic, a token for bearer, OAuth2 and OpenID Connect, a key in its
    // header, query parameter or cookie.
    let credentials = api.security_schemes.iter().map(|s| {
        let name = Literal::string(&s.name);
        let secret = match s.kind {
            SchemeKind::Basic => "contract:test",
            _ => "contract-test",
        };
        quote!(.credential(#name, codegen_runtime::Secret::new(#secret)))
    });
    // Schemes operations require that the client cannot apply itself (HTTP
    // schemes other than basic and bearer, mutual TLS): a caller
    // authenticates those with a default header, and so does the test.
    let declared: BTreeSet<&str> = api
        .security_schemes
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let foreign = api
        .operations
        .iter()
        .flat_map(|op| op.security.iter().flatten())
        .any(|name| !declared.contains(name.as_str()));
    let foreign = foreign.then(|| quote!(.default_header("Authorization", "contract-test")));
    let tests = api.operations.iter().map(|op| test(api, op));
    // `types` is imported when a test names one of them: a required
    // parameter's or a body's value (text and bytes are not).
    let uses_types = api.operations.iter().any(|op| {
        let param = op.params.iter().filter(|p| p.required);
        let body = op
            .body
            .iter()
            .filter(|b| !matches!(b.media, MediaKind::Text | MediaKind::Binary));
        param
            .map(|p| &p.ty)
            .chain(body.map(|b| &b.ty))
            .any(|ty| ty.named().is_some())
    });
    let import = if uses_types {
        quote!(
            use my_api::{Client, types};
        )
    } else {
        quote!(
            use my_api::Client;
        )
    };
    quote! {
        //! Contract tests, one per operation: set `CONTRACT_BASE_URL` to a
        //! mock of the spec (Prism with `--errors`) or a sandbox.
        #![allow(deprecated)]

        use codegen_runtime::contract::{report, sample};
        #import

        fn client() -> Option<Client> {
            let Ok(url) = std::env::var("CONTRACT_BASE_URL") else {
                println!("skipped: CONTRACT_BASE_URL is not set");
                return None;
            };
            let client = Client::with_base_url(url) #(#credentials)* #foreign .build();
            Some(client.expect("the client builds"))
        }

        #(#tests)*
    }
}

fn test(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let label = Literal::string(op.name.plain());
    let mut setup = Vec::new();
    let mut args = Vec::new();
    let mut setters = Vec::new();
    let sampler = Sampler::new(api);
    for p in op.params.iter().filter(|p| p.required) {
        let made = sampler.value(&p.ty, &p.constraints, 0);
        let fitted = p
            .examples
            .first()
            .map(|e| sampler.fit(&unquoted(e), &p.ty, &p.constraints));
        let candidates = candidates(fitted, made);
        let var = ident(&format!("{}_value", p.name.plain()));
        let ty = rust_type(api, &p.ty, Scope::Client);
        setup.push(quote!(let #var: #ty = sample(#label, &[#(#candidates),*]);));
        args.push(match &p.ty {
            TypeRef::String
            | TypeRef::Vec(_)
            | TypeRef::Named(_)
            | TypeRef::Map(_)
            | TypeRef::Json => quote!(&#var),
            _ => quote!(#var),
        });
    }
    if let Some(body) = &op.body {
        let none = Constraints::default();
        let made = sampler.value(&body.ty, &none, 0);
        let fitted = sampler
            .example(&body.ty)
            .map(|e| sampler.fit(&unquoted(e), &body.ty, &none));
        let arg = match body.media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => {
                let ty = rust_type(api, &body.ty, Scope::Client);
                let candidates = candidates(fitted, made);
                setup.push(quote!(let body: #ty = sample(#label, &[#(#candidates),*]);));
                quote!(&body)
            }
            MediaKind::Text => {
                let text = sampler
                    .example(&body.ty)
                    .and_then(Value::as_str)
                    .unwrap_or("text");
                let text = Literal::string(text);
                quote!(#text)
            }
            MediaKind::Binary => quote!(b"contract".to_vec()),
            MediaKind::Stream(_) => {
                let ty = rust_type(api, &body.ty, Scope::Client);
                let one = |v: Value| Value::Array(vec![v]);
                let candidates = candidates(fitted.map(one), one(made));
                setup.push(quote!(let body: Vec<#ty> = sample(#label, &[#(#candidates),*]);));
                quote!(&body)
            }
        };
        if body.on_builder() {
            let owned = match body.media {
                MediaKind::Text => arg,
                _ => quote!(body),
            };
            setters.push(quote!(.body(#owned)));
        } else {
            args.push(arg);
        }
    }
    let route = format!(" {} {}", op.method.to_uppercase(), op.path);
    quote! {
        #[doc = #route]
        #[tokio::test]
        async fn #name() {
            let Some(client) = client() else { return };
            #(#setup)*
            report(#label, client.#name(#(#args),*) #(#setters)* .await);
        }
    }
}

/// The JSON texts a test tries in order: the spec's example made to fit
/// its schema, then the value made from the schema.
fn candidates(fitted: Option<Value>, made: Value) -> Vec<Literal> {
    let mut texts: Vec<String> = fitted.iter().map(Value::to_string).collect();
    let made = made.to_string();
    if !texts.contains(&made) {
        texts.push(made);
    }
    texts.iter().map(|t| Literal::string(t)).collect()
}

/// An example written as a JSON string holding a JSON document (some specs
/// quote theirs) read as that document.
fn unquoted(example: &Value) -> Value {
    match example {
        Value::String(text) if text.trim_start().starts_with(['{', '[']) => {
            serde_json::from_str(text).unwrap_or_else(|_| example.clone())
        }
        other => other.clone(),
    }
}
