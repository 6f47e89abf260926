//! `Deserialize` for structs (and `Serialize` for those requests carry),
//! written out instead of derived: one `__deserialize_struct!` (or
//! `__serde_struct!`) invocation from the runtime per struct, naming
//! each field's key, whether it is required, optional or defaulted, and its
//! codec. The macro reads the object in one loop (duplicates and missing
//! fields are errors; unknown keys are skipped, kept or refused as the
//! schema says), which reads JSON exactly as the derive does in a sixth of
//! the code rustc has to check.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ident;
use crate::model::{ExtraFields, Struct, TypeDef};

pub fn struct_impl(def: &TypeDef, s: &Struct, vendored: bool) -> TokenStream {
    let name = ident(&def.name);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let wire = Literal::string(&f.wire_name);
        let mode = match f.default_fn.as_deref().filter(|_| f.defaulted()) {
            Some(func) => {
                let func = ident(func);
                quote!(default(defaults::#func))
            }
            None if f.defaulted() => quote!(default(Default::default)),
            None if f.optional() => quote!(optional),
            None => quote!(required),
        };
        let via = f.ty.codec().map(|codec| {
            let codec: TokenStream = codec.parse().unwrap_or_default();
            quote!(via #codec)
        });
        quote!(#field: #wire #mode #via)
    });
    let unknown = match &s.extra {
        ExtraFields::Keep(_) => quote!(keep(additional_properties)),
        ExtraFields::Deny => quote!(deny),
        _ => quote!(skip),
    };
    // Requests carry it: `Serialize` too, from the same list.
    let mac = if def.serialize {
        "__serde_struct"
    } else {
        "__deserialize_struct"
    };
    let path = super::runtime_macro(mac, vendored);
    quote! {
        #path! {
            #name { #(#fields),* }
            #unknown
        }
    }
}
