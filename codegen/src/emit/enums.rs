//! Open enums: known values as variants, and a catch-all that keeps any
//! value the server adds later, so decoding never breaks on it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{derives, docs, ident};
use crate::model::{Enum, EnumRepr, TypeDef};

pub fn emit(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let other = ident(&e.other);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let derive = derives(def, true, false);
    let variant_docs = e
        .variants
        .iter()
        .map(|v| format!(" {}", crate::shared::code_span(&v.wire)));
    let (other_ty, wire_values, serialize, deserialize, from_str) = match e.repr {
        EnumRepr::String => {
            let wires: Vec<_> = e
                .variants
                .iter()
                .map(|v| Literal::string(&v.wire))
                .collect();
            (
                quote!(String),
                quote!(#(Self::#variants => #wires,)* Self::#other(value) => value.as_str(),),
                quote!(serializer.serialize_str(self.as_str())),
                quote! {
                    let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                    Ok(value.parse().unwrap_or_else(|never: std::convert::Infallible| match never {}))
                },
                quote! {
                    impl std::str::FromStr for #name {
                        type Err = std::convert::Infallible;
                        fn from_str(value: &str) -> Result<Self, Self::Err> {
                            Ok(match value {
                                #(#wires => Self::#variants,)*
                                other => Self::#other(other.to_string()),
                            })
                        }
                    }
                },
            )
        }
        EnumRepr::Integer => {
            let wires: Vec<_> = e
                .variants
                .iter()
                .map(|v| {
                    v.wire
                        .parse::<i64>()
                        .map(Literal::i64_unsuffixed)
                        .unwrap_or_else(|_| Literal::i64_unsuffixed(0))
                })
                .collect();
            (
                quote!(i64),
                quote!(#(Self::#variants => #wires,)* Self::#other(value) => *value,),
                quote!(serializer.serialize_i64(self.value())),
                quote! {
                    let value = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                    Ok(match value {
                        #(#wires => Self::#variants,)*
                        other => Self::#other(other),
                    })
                },
                quote!(),
            )
        }
    };
    let accessor = match e.repr {
        EnumRepr::String => quote! {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str { match self { #wire_values } }
        },
        EnumRepr::Integer => quote! {
            /// The value as it appears on the wire.
            pub fn value(&self) -> i64 { match self { #wire_values } }
        },
    };
    let display = match e.repr {
        EnumRepr::String => quote!(f.write_str(self.as_str())),
        EnumRepr::Integer => quote!(write!(f, "{}", self.value())),
    };
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
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A value this version of the client does not know; kept as received.
            #other(#other_ty),
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
