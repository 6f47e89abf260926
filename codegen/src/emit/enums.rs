//! Open enums: known values as variants, and a catch-all that keeps any
//! value the server adds later, so decoding never breaks on it. A schema
//! that allows one value only (`const`, an `enum` of one) is a closed enum
//! of that value: any other fails to decode, and it is its own default.
//! Their impls are the runtime's macros (`runtime/src/enums.rs`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{derives, docs, ident};
use crate::model::{Enum, EnumRepr, TypeDef};

pub fn emit(def: &TypeDef, e: &Enum, vendored: bool) -> TokenStream {
    let Some(other) = &e.other else {
        return closed(def, e, vendored);
    };
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let other = ident(other);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let derive = derives(def, true, false);
    let variant_docs = e
        .variants
        .iter()
        .map(|v| docs::lit(&format!(" {}", crate::shared::code_span(&v.wire))));
    let (other_ty, wires): (_, Vec<Literal>) = match e.repr {
        EnumRepr::String => (
            quote!(String),
            e.variants
                .iter()
                .map(|v| Literal::string(&v.wire))
                .collect(),
        ),
        EnumRepr::Integer => (
            quote!(i64),
            e.variants
                .iter()
                .map(|v| Literal::i64_unsuffixed(v.wire.parse::<i64>().unwrap_or(0)))
                .collect(),
        ),
    };
    // The wire value, `Display`, `FromStr`, serde: the runtime's, from
    // one list of the variants.
    let impls = super::runtime_macro("__open_enum", vendored);
    let serialize = def.serialize.then(|| quote!(serialize));
    // Values written as another JSON type than the schema's: either reads.
    let loose = e.loose.then(|| quote!(, loose));
    quote! {
        #doc
        #derive
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A value this version of the client does not know; kept as received.
            #other(#other_ty),
        }

        #impls! { #name { #(#variants = #wires),* } #other(#other_ty #loose) #serialize }
    }
}

/// The enum of the one value a schema allows.
fn closed(def: &TypeDef, e: &Enum, vendored: bool) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let derive = derives(def, true, false);
    let Some(only) = e.variants.first() else {
        return quote!();
    };
    let variant = ident(&only.name);
    let variant_doc = docs::lit(&format!(
        " {}, the only value.",
        crate::shared::code_span(&only.wire)
    ));
    let text = Literal::string(&only.wire);
    let (wire, repr) = match e.repr {
        EnumRepr::String => (text, quote!(String)),
        EnumRepr::Integer => (
            Literal::i64_unsuffixed(only.wire.parse::<i64>().unwrap_or(0)),
            quote!(i64 #text),
        ),
    };
    // The wire value, `Display`, `FromStr`, serde: the runtime's.
    let impls = super::runtime_macro("__closed_enum", vendored);
    let serialize = def.serialize.then(|| quote!(serialize));
    quote! {
        #doc
        #derive
        #[derive(Copy, Default)]
        pub enum #name {
            #[doc = #variant_doc]
            #[default]
            #variant,
        }

        #impls! { #name { #variant = #wire } #repr #serialize }
    }
}
