//! `new` with a struct's required fields and a `with_*` setter for each
//! other one, taking what callers have: `impl Into<String>` for text,
//! `impl Into<T>` for named types and JSON, and `impl IntoIterator` for
//! lists and maps. Numbers, decimals, booleans, dates and UUIDs are taken
//! as they are: a literal is never read as the wrong width, and
//! `"12.50".parse()?` still knows what to parse into.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::fields::{field_type, init, value_type};
use super::{Scope, docs, ident, rust_type};
use crate::model::{Api, ExtraFields, Field, Struct, TypeDef, TypeRef};

/// The parameter type that takes a value of `f`'s type, and the
/// expression that turns `value` into what the field holds (boxed when
/// the field is).
fn takes(api: &Api, f: &Field, value: &TokenStream) -> (TokenStream, TokenStream) {
    let ty = value_type(api, f);
    let (param, expr) = match &f.ty {
        TypeRef::Vec(item) => {
            let item = rust_type(api, item, Scope::Types);
            (
                quote!(impl IntoIterator<Item = #item>),
                quote!(#value.into_iter().collect()),
            )
        }
        TypeRef::Map(v) => {
            let v = rust_type(api, v, Scope::Types);
            (
                quote!(impl IntoIterator<Item = (String, #v)>),
                quote!(#value.into_iter().collect()),
            )
        }
        TypeRef::String | TypeRef::Named(_) | TypeRef::Json => {
            (quote!(impl Into<#ty>), quote!(#value.into()))
        }
        _ => (ty, quote!(#value)),
    };
    let expr = if f.boxed {
        quote!(Box::new(#expr))
    } else {
        expr
    };
    (param, expr)
}

/// `new` with the required fields, and a `with_*` setter for every other.
pub fn constructors(api: &Api, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| !f.optional() && !f.defaulted() && !f.constant)
        .collect();
    let params = required.iter().map(|f| {
        let n = ident(&f.name);
        let ty = if f.nullable {
            field_type(api, f)
        } else {
            takes(api, f, &quote!(#n)).0
        };
        quote!(#n: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        if f.optional() || f.defaulted() {
            let value = init(f);
            quote!(#n: #value)
        } else if f.constant {
            // The one value the schema allows.
            let value = init(f);
            quote!(#n: #value)
        } else if f.nullable {
            quote!(#n)
        } else {
            let value = takes(api, f, &quote!(#n)).1;
            // `name: name` is written `name`.
            if n == value.to_string() {
                quote!(#n)
            } else {
                quote!(#n: #value)
            }
        }
    });
    let extra = matches!(s.extra, ExtraFields::Keep(_))
        .then(|| quote!(additional_properties: Default::default(),));
    let setters = s
        .fields
        .iter()
        .filter(|f| f.optional() || f.defaulted())
        .map(|f| {
            let n = ident(&f.name);
            let setter = format_ident!("with_{}", f.name.plain());
            let doc = docs::lit(&format!(" Sets `{}`.", f.wire_name.replace('`', "'")));
            let deprecated = f.docs.deprecated.then(|| quote!(#[deprecated]));
            let (param, assign) = if f.optional() && f.nullable {
                let mut ty = value_type(api, f);
                if f.boxed {
                    ty = quote!(Box<#ty>);
                }
                (
                    quote!(impl Into<codegen_runtime::Nullable<#ty>>),
                    quote!(value.into()),
                )
            } else {
                let (param, value) = takes(api, f, &quote!(value));
                if f.optional() {
                    (param, quote!(Some(#value)))
                } else {
                    (param, value)
                }
            };
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #setter(mut self, value: #param) -> Self {
                    self.#n = #assign;
                    self
                }
            }
        });
    let new_doc = if required.is_empty() {
        " A value with every field absent (or at its default).".to_string()
    } else {
        " A value with the required fields; the others are absent (or at their defaults)."
            .to_string()
    };
    // Without required fields the struct is `Default` (`structs.rs`).
    let body = if required.is_empty() {
        quote!(Self::default())
    } else {
        quote!(Self { #(#inits,)* #extra })
    };
    quote! {
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#params),*) -> Self {
                #body
            }
            #(#setters)*
        }
    }
}
