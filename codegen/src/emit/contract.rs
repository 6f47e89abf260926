//! Contract tests: one test per operation, for a generated crate's
//! `tests/contract.rs`. Each sends a request built from the spec's examples
//! (or, without them, from values made to satisfy the schema) through the
//! generated client to the server at `CONTRACT_BASE_URL` (a Prism mock of
//! the same document, or a sandbox), and passes when the answer decodes into
//! the operation's typed response and the mock reports no violation
//! (`codegen_runtime::contract` judges the result).

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::samples::Sampler;
use super::{Scope, ident, rust_type};
use crate::model::{Api, Constraints, MediaKind, Operation, SchemeKind, TypeRef};

/// The contract test file of `api`.
pub fn tests(api: &Api) -> TokenStream {
    let credentials = api.security_schemes.iter().map(|s| {
        let name = Literal::string(&s.name);
        let secret = match s.kind {
            SchemeKind::Basic => "contract:test",
            _ => "contract-test",
        };
        quote!(.credential(#name, codegen_runtime::Secret::new(#secret)))
    });
    let tests = api.operations.iter().map(|op| test(api, op));
    quote! {
        //! Contract tests, one per operation: set `CONTRACT_BASE_URL` to a
        //! mock of the spec (Prism with `--errors`) or a sandbox.
        #![allow(deprecated)]

        use codegen_runtime::contract::{report, sample};
        use my_api::{Client, types};

        fn client() -> Option<Client> {
            let Ok(url) = std::env::var("CONTRACT_BASE_URL") else {
                println!("skipped: CONTRACT_BASE_URL is not set");
                return None;
            };
            let client = Client::with_base_url(url) #(#credentials)* .build();
            Some(client.expect("the client builds"))
        }

        #(#tests)*
    }
}

fn test(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let label = Literal::string(op.name.trim_start_matches("r#"));
    let mut setup = Vec::new();
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let made = Sampler::new(api).value(&p.ty, &p.constraints, 0);
        let candidates = candidates(p.examples.first(), made);
        let var = ident(&format!("{}_value", p.name.trim_start_matches("r#")));
        let ty = rust_type(&p.ty, Scope::Client);
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
        let sampler = Sampler::new(api);
        let made = sampler.value(&body.ty, &Constraints::default(), 0);
        let arg = match body.media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => {
                let ty = rust_type(&body.ty, Scope::Client);
                let candidates = candidates(sampler.example(&body.ty), made);
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
                let ty = rust_type(&body.ty, Scope::Client);
                let one = |v: Value| Value::Array(vec![v]);
                let candidates = candidates(
                    sampler.example(&body.ty).cloned().map(one).as_ref(),
                    one(made),
                );
                setup.push(quote!(let body: Vec<#ty> = sample(#label, &[#(#candidates),*]);));
                quote!(&body)
            }
        };
        args.push(if body.required || body.media == MediaKind::Binary {
            arg
        } else {
            quote!(Some(#arg))
        });
    }
    if op.params_struct.is_some() {
        args.push(quote!(&Default::default()));
    }
    if op.idempotency.is_some() {
        args.push(quote!(None));
    }
    quote! {
        #[tokio::test]
        async fn #name() {
            let Some(client) = client() else { return };
            #(#setup)*
            report(#label, client.#name(#(#args),*).await);
        }
    }
}

/// The JSON texts a test tries in order: the spec's example, then the value
/// made from the schema. An example written as a JSON string holding a
/// JSON document (some specs quote theirs) is read as that document.
fn candidates(example: Option<&Value>, made: Value) -> Vec<Literal> {
    let example = example.map(|e| match e {
        Value::String(text) if text.trim_start().starts_with(['{', '[']) => {
            serde_json::from_str(text).unwrap_or_else(|_| e.clone())
        }
        other => other.clone(),
    });
    let mut texts: Vec<String> = example.iter().map(Value::to_string).collect();
    let made = made.to_string();
    if !texts.contains(&made) {
        texts.push(made);
    }
    texts.iter().map(|t| Literal::string(t)).collect()
}
