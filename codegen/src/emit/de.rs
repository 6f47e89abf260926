//! `Deserialize` for structs, written out instead of derived: one
//! `__deserialize_struct!` invocation from the runtime per struct, naming
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
    // A vendored runtime's macro is exported at the crate's root.
    let path = if vendored {
        quote!(crate::__deserialize_struct)
    } else {
        quote!(codegen_runtime::__deserialize_struct)
    };
    quote! {
        #path! {
            #name { #(#fields),* }
            #unknown
        }
    }
}
