//! Tests made from the spec's examples: each must decode into its type and,
//! where the type is encoded, encode back to the same JSON.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, ident, rust_type};
use crate::model::{Api, TypeDef, TypeKind, TypeRef};

/// `cfg_of` gives a type's `#[cfg]` (with tag features): its tests have it too.
pub fn tests(api: &Api, cfg_of: &dyn Fn(&TypeDef) -> TokenStream) -> TokenStream {
    // Each test, and whether it round-trips: a type only answers carry has
    // no `Serialize`, so its examples are only decoded.
    let mut tests: Vec<(bool, TokenStream)> = Vec::new();
    // With tag features a helper may be left without a test that calls it.
    let mut gated = false;
    let check = |encoded: bool| {
        if encoded {
            quote!(round_trip)
        } else {
            quote!(decodes)
        }
    };
    let encoded = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => api.type_def(*id).is_none_or(|d| d.serialize),
        _ => true,
    };
    for def in &api.types {
        let name = ident(&def.name);
        let cfg = cfg_of(def);
        gated |= !cfg.is_empty();
        for (example, test) in def.examples.iter().zip(&def.example_tests) {
            let test = ident(test);
            let json = Literal::string(&example.to_string());
            let check_def = check(def.serialize);
            tests.push((
                def.serialize,
                quote!(#cfg #[test] fn #test() { #check_def::<super::#name>(#json); }),
            ));
        }
        if let TypeKind::Struct(s) = &def.kind {
            for f in &s.fields {
                for (example, test) in f.examples.iter().zip(&f.example_tests) {
                    let test = ident(test);
                    let json = Literal::string(&example.to_string());
                    let ty = rust_type(api, &f.ty, Scope::Types);
                    let (round_trips, call) = if let Some(codec) = f.ty.codec() {
                        let call = quote! {
                            #[derive(serde::Serialize, serde::Deserialize)]
                            #[serde(transparent)]
                            struct Value(#[serde(with = #codec)] #ty);
                            round_trip::<Value>(#json);
                        };
                        (true, call)
                    } else {
                        let ty = if matches!(f.ty, TypeRef::Named(_)) {
                            quote!(super::#ty)
                        } else {
                            ty
                        };
                        let round_trips = encoded(&f.ty);
                        let check_field = check(round_trips);
                        (round_trips, quote!(#check_field::<#ty>(#json);))
                    };
                    tests.push((round_trips, quote!(#cfg #[test] fn #test() { #call })));
                }
            }
        }
    }
    if tests.is_empty() {
        return quote!();
    }
    let bodies = tests.iter().map(|(_, body)| body);
    let allow = gated.then(|| quote!(#[allow(dead_code)]));
    let round_trip = tests.iter().any(|(round_trips, _)| *round_trips).then(|| {
        quote! {
            /// Decodes `json` as `T` and checks that encoding gives the same JSON back.
            #allow
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
            #allow
            fn decodes<T: serde::de::DeserializeOwned>(json: &str) -> T {
                serde_json::from_str(json)
                    .unwrap_or_else(|e| panic!("the example does not decode as {}: {e}\n{json}", std::any::type_name::<T>()))
            }

            #round_trip

            #(#bodies)*
        }
    }
}
