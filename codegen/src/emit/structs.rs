//! Structs from object schemas: one field per property, with the serde
//! attributes that make absent, `null` and present values round-trip.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, derives, docs, ident, rust_type, validate};
use crate::model::{Api, ExtraFields, Field, Struct, TypeDef};

pub fn emit(api: &Api, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let redacts = s.fields.iter().any(|f| f.sensitive);
    let mut derive = derives(def, !redacts, true);
    if s.fields.iter().all(Field::optional) {
        derive = quote!(#derive #[derive(Default)]);
    }
    let deny = matches!(s.extra, ExtraFields::Deny).then(|| quote!(#[serde(deny_unknown_fields)]));
    let fields = s.fields.iter().map(field);
    let extra = match &s.extra {
        ExtraFields::Keep(ty) => {
            let ty = rust_type(ty, Scope::Types);
            quote! {
                /// Properties the schema does not name, kept as received.
                #[serde(flatten)]
                pub additional_properties: std::collections::BTreeMap<String, #ty>,
            }
        }
        _ => quote!(),
    };
    let debug = redacts.then(|| debug_impl(def, s));
    let validate = validate::struct_impl(api, def, s);
    quote! {
        #doc
        #derive
        #deny
        pub struct #name {
            #(#fields)*
            #extra
        }
        #debug
        #validate
    }
}

/// The field's Rust type: boxed for recursion, wrapped for optionality.
pub fn field_type(f: &Field) -> TokenStream {
    let mut ty = rust_type(&f.ty, Scope::Types);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    match (f.optional(), f.nullable) {
        (false, false) => ty,
        (true, false) | (false, true) => quote!(Option<#ty>),
        (true, true) => quote!(codegen_runtime::Nullable<#ty>),
    }
}

fn field(f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let doc = docs::attrs(&f.docs);
    let ty = field_type(f);
    let mut serde = Vec::new();
    if f.name.trim_start_matches("r#") != f.wire_name {
        let wire = Literal::string(&f.wire_name);
        serde.push(quote!(rename = #wire));
    }
    let decimal = f.ty.contains_decimal();
    match (f.optional(), f.nullable) {
        (true, false) => serde.push(quote!(default, skip_serializing_if = "Option::is_none")),
        (true, true) => serde.push(quote!(
            default,
            skip_serializing_if = "codegen_runtime::Nullable::is_absent"
        )),
        // Present but possibly null: `Option` alone would accept a missing key.
        (false, true) if !decimal => serde.push(quote!(
            deserialize_with = "codegen_runtime::nullable::required::deserialize"
        )),
        _ => {}
    }
    if decimal {
        serde.push(quote!(with = "codegen_runtime::decimal"));
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #doc
        #serde
        pub #name: #ty,
    }
}

fn debug_impl(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let label = Literal::string(&def.name);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let label = Literal::string(f.name.trim_start_matches("r#"));
        if f.sensitive {
            quote!(.field(#label, &codegen_runtime::redact::REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let extra = matches!(s.extra, ExtraFields::Keep(_))
        .then(|| quote!(.field("additional_properties", &self.additional_properties)));
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #extra .finish()
            }
        }
    }
}
