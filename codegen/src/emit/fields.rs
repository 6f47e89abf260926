//! How a struct field is spelled: the type it holds, the type its value
//! has, and its value in a fresh instance. Structs and their constructors
//! both read them.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Scope, ident, rust_type};
use crate::model::{Api, Field};

/// The field's value type as the spec names it: its alias when it refers
/// to one (`Currency`), else the type itself.
pub(super) fn value_type(api: &Api, f: &Field) -> TokenStream {
    match &f.alias {
        Some(alias) => {
            let alias = ident(api.type_name(*alias));
            quote!(#alias)
        }
        None => rust_type(api, &f.ty, Scope::Types),
    }
}

/// The field's Rust type: boxed for recursion, wrapped for optionality.
pub fn field_type(api: &Api, f: &Field) -> TokenStream {
    let mut ty = value_type(api, f);
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    match (f.optional(), f.nullable) {
        (false, false) => ty,
        (true, false) | (false, true) => quote!(Option<#ty>),
        (true, true) => quote!(codegen_runtime::Nullable<#ty>),
    }
}

/// The function that gives a field's default (named in lower).
pub(super) fn default_fn(f: &Field) -> Option<proc_macro2::Ident> {
    f.default_fn.as_deref().map(ident)
}

/// A field's value in a fresh instance: its default, absent, or the
/// constructor argument of the same name.
pub(super) fn init(f: &Field) -> TokenStream {
    if let (true, Some(func)) = (f.defaulted(), default_fn(f)) {
        quote!(defaults::#func())
    } else if f.defaulted() {
        quote!(Default::default())
    } else if f.optional() && f.nullable {
        quote!(codegen_runtime::Nullable::Absent)
    } else if f.optional() {
        quote!(None)
    } else if f.constant {
        quote!(Default::default())
    } else {
        let n = ident(&f.name);
        quote!(#n)
    }
}
