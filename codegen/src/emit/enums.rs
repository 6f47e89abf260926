//! Open enums: known values as variants, and a catch-all that keeps any
//! value the server adds later, so decoding never breaks on it. A schema
//! that allows one value only (`const`, an `enum` of one) is a closed enum
//! of that value: any other fails to decode, and it is its own default.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{derives, docs, ident};
use crate::model::{Enum, EnumRepr, TypeDef};

pub fn emit(def: &TypeDef, e: &Enum, vendored: bool) -> TokenStream {
    let Some(other) = &e.other else {
        return closed(def, e);
    };
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let other = ident(other);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let derive = derives(def, true, false);
    let variant_docs = e
        .variants
        .iter()
        .map(|v| format!(" {}", crate::shared::code_span(&v.wire)));
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
    quote! {
        #doc
        #derive
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A value this version of the client does not know; kept as received.
            #other(#other_ty),
        }

        #impls! { #name { #(#variants = #wires),* } #other(#other_ty) #serialize }
    }
}

/// The enum of the one value a schema allows.
fn closed(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let derive = derives(def, true, false);
    let Some(only) = e.variants.first() else {
        return quote!();
    };
    let variant = ident(&only.name);
    let variant_doc = format!(" {}, the only value.", crate::shared::code_span(&only.wire));
    let wire = Literal::string(&only.wire);
    let (accessor, serialize, deserialize, display) = match e.repr {
        EnumRepr::String => (
            quote! {
                /// The value as it appears on the wire.
                pub fn as_str(&self) -> &'static str { #wire }
            },
            quote!(serializer.serialize_str(self.as_str())),
            quote! {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                value.parse().map_err(serde::de::Error::custom)
            },
            quote!(f.write_str(self.as_str())),
        ),
        EnumRepr::Integer => {
            let value = Literal::i64_unsuffixed(only.wire.parse::<i64>().unwrap_or(0));
            (
                quote! {
                    /// The value as it appears on the wire.
                    pub fn value(&self) -> i64 { #value }
                },
                quote!(serializer.serialize_i64(self.value())),
                quote! {
                    match <i64 as serde::Deserialize>::deserialize(deserializer)? {
                        #value => Ok(Self::#variant),
                        other => Err(serde::de::Error::custom(codegen_runtime::NotAllowed {
                            expected: #wire,
                            found: other.to_string(),
                        })),
                    }
                },
                quote!(write!(f, "{}", self.value())),
            )
        }
    };
    let from_str = (e.repr == EnumRepr::String).then(|| {
        quote! {
            impl std::str::FromStr for #name {
                type Err = codegen_runtime::NotAllowed;
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    match value {
                        #wire => Ok(Self::#variant),
                        other => Err(codegen_runtime::NotAllowed { expected: #wire, found: other.to_string() }),
                    }
                }
            }
        }
    });
    let serialize_impl = def.serialize.then(|| {
        quote! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> { #serialize }
            }
        }
    });
    quote! {
        #doc
        #derive
        #[derive(Copy, Default)]
        pub enum #name {
            #[doc = #variant_doc]
            #[default]
            #variant,
        }

        impl #name {
            #accessor
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { #display }
        }

        #from_str

        #serialize_impl

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #deserialize
            }
        }
    }
}
