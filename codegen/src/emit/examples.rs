//! Tests made from the spec's examples: each must decode into its type and,
//! where the type is encoded, encode back to the same JSON.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, ident, rust_type};
use crate::model::{Api, TypeKind, TypeRef};

pub fn tests(api: &Api) -> TokenStream {
    let mut tests = Vec::new();
    // A type only answers carry has no `Serialize`: its examples are decoded.
    let round_trips = std::cell::Cell::new(false);
    let check = |encoded: bool| {
        round_trips.set(round_trips.get() || encoded);
        if encoded {
            quote!(round_trip)
        } else {
            quote!(decodes)
        }
    };
    let encoded = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => api.type_def(name).is_none_or(|d| d.serialize),
        _ => true,
    };
    for def in &api.types {
        let name = ident(&def.name);
        let check_def = check(def.serialize);
        for (example, test) in def.examples.iter().zip(&def.example_tests) {
            let test = ident(test);
            let json = Literal::string(&example.to_string());
            tests.push(quote!(#[test] fn #test() { #check_def::<super::#name>(#json); }));
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
                        let check_field = check(encoded(&f.ty));
                        quote!(#check_field::<#ty>(#json);)
                    };
                    tests.push(quote!(#[test] fn #test() { #call }));
                }
            }
        }
    }
    if tests.is_empty() {
        return quote!();
    }
    let round_trip = round_trips.get().then(|| {
        quote! {
            /// Decodes `json` as `T` and checks that encoding gives the same JSON back.
            fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str) {
                let expected: serde_json::Value = serde_json::from_str(json).expect("the example is JSON");
                let value: T = decodes(json);
                let encoded = serde_json::to_string(&value).expect("encodes");
                let back: serde_json::Value = serde_json::from_str(&encoded).expect("encodes as JSON");
                assert_eq!(back, expected, "the example does not round-trip through {}", std::any::type_name::<T>());
            }
        }
    });
    quote! {
        #[cfg(test)]
        mod spec_examples {
            #[allow(unused_imports)]
            use super::*;

            /// Decodes `json` as `T`.
            fn decodes<T: serde::de::DeserializeOwned>(json: &str) -> T {
                serde_json::from_str(json)
                    .unwrap_or_else(|e| panic!("the example does not decode as {}: {e}\n{json}", std::any::type_name::<T>()))
            }

            #round_trip

            #(#tests)*
        }
    }
}
