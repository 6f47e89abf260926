//! Tests made from the spec's examples: each must decode into its type and
//! encode back to the same JSON.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, ident, rust_type};
use crate::model::{Api, TypeKind, TypeRef};

pub fn tests(api: &Api) -> TokenStream {
    let mut tests = Vec::new();
    for def in &api.types {
        let name = ident(&def.name);
        for (example, test) in def.examples.iter().zip(&def.example_tests) {
            let test = ident(test);
            let json = Literal::string(&example.to_string());
            tests.push(quote!(#[test] fn #test() { round_trip::<super::#name>(#json); }));
        }
        if let TypeKind::Struct(s) = &def.kind {
            for f in &s.fields {
                for (example, test) in f.examples.iter().zip(&f.example_tests) {
                    let test = ident(test);
                    let json = Literal::string(&example.to_string());
                    let call = if let Some(codec) = f.ty.codec() {
                        let ty = rust_type(&f.ty, Scope::Types);
                        quote! {
                            #[derive(serde::Serialize, serde::Deserialize)]
                            #[serde(transparent)]
                            struct Value(#[serde(with = #codec)] #ty);
                            round_trip::<Value>(#json);
                        }
                    } else {
                        let ty = rust_type(&f.ty, Scope::Types);
                        let ty = if matches!(f.ty, TypeRef::Named(_)) {
                            quote!(super::#ty)
                        } else {
                            ty
                        };
                        quote!(round_trip::<#ty>(#json);)
                    };
                    tests.push(quote!(#[test] fn #test() { #call }));
                }
            }
        }
    }
    if tests.is_empty() {
        return quote!();
    }
    quote! {
        #[cfg(test)]
        mod spec_examples {
            #[allow(unused_imports)]
            use super::*;

            /// Decodes `json` as `T` and checks that encoding gives the same JSON back.
            fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str) {
                let expected: serde_json::Value = serde_json::from_str(json).expect("the example is JSON");
                let value: T = serde_json::from_str(json)
                    .unwrap_or_else(|e| panic!("the example does not decode as {}: {e}\n{json}", std::any::type_name::<T>()));
                let encoded = serde_json::to_string(&value).expect("encodes");
                let back: serde_json::Value = serde_json::from_str(&encoded).expect("encodes as JSON");
                assert_eq!(back, expected, "the example does not round-trip through {}", std::any::type_name::<T>());
            }

            #(#tests)*
        }
    }
}
