//! `Validate` impls: the spec's constraints checked before a request is sent.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, validates};
use crate::model::{Api, Constraints, Field, Struct, TypeDef, TypeRef};

pub fn struct_impl(api: &Api, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let checks: Vec<TokenStream> = s
        .fields
        .iter()
        .filter_map(|f| field_check(api, f))
        .collect();
    let (v, path) = if checks.is_empty() {
        (quote!(_), quote!(_))
    } else {
        (quote!(v), quote!(path))
    };
    quote! {
        impl codegen_runtime::Validate for #name {
            fn validate_at(&self, #v: &mut codegen_runtime::validate::Validator, #path: &codegen_runtime::validate::Path<'_>) {
                #(#checks)*
            }
        }
    }
}

fn field_check(api: &Api, f: &Field) -> Option<TokenStream> {
    let check = value_check(api, &f.ty, &f.constraints, quote!(value), quote!(p))?;
    let field = ident(&f.name);
    let wire = Literal::string(&f.wire_name);
    let body = match (f.optional(), f.nullable) {
        (false, false) => quote!({ let value = &self.#field; #check }),
        (true, true) => {
            quote!(if let codegen_runtime::Nullable::Value(value) = &self.#field { #check })
        }
        _ => quote!(if let Some(value) = &self.#field { #check }),
    };
    Some(quote!({ let p = path.field(#wire); #body }))
}

/// Checks for `value` (a reference) at path `p`, or `None` when nothing
/// about this type and these constraints can fail.
pub fn value_check(
    api: &Api,
    ty: &TypeRef,
    c: &Constraints,
    value: TokenStream,
    p: TokenStream,
) -> Option<TokenStream> {
    let mut checks = Vec::new();
    let opt = |v: Option<u64>| match v {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    match ty {
        TypeRef::String => {
            if c.min_length.is_some() || c.max_length.is_some() {
                let (min, max) = (opt(c.min_length), opt(c.max_length));
                checks.push(quote!(v.length(&#p, #value, #min, #max);));
            }
            if let Some(pattern) = &c.pattern {
                let pattern = Literal::string(pattern);
                checks.push(quote! {
                    static PATTERN: codegen_runtime::validate::Pattern = codegen_runtime::validate::Pattern::new(#pattern);
                    v.pattern(&#p, #value, &PATTERN);
                });
            }
        }
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Decimal
            if c.has_range() =>
        {
            let f = |v: Option<f64>| match v {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            let (min, max) = (f(c.minimum), f(c.maximum));
            let (emin, emax) = (c.exclusive_minimum, c.exclusive_maximum);
            let exclusive = (emin || emax).then(|| quote!(.exclusive(#emin, #emax)));
            let multiple = c.multiple_of.map(|m| quote!(.multiple_of(#m)));
            checks.push(quote! {
                v.range(&#p, *#value, codegen_runtime::validate::Range::new(#min, #max) #exclusive #multiple);
            });
        }
        TypeRef::Vec(inner) => {
            if c.min_items.is_some() || c.max_items.is_some() {
                let (min, max) = (opt(c.min_items), opt(c.max_items));
                checks.push(quote!(v.items(&#p, #value.len(), #min, #max);));
            }
            let item_constraints = c.items.as_deref().cloned().unwrap_or_default();
            if let Some(item) = value_check(api, inner, &item_constraints, quote!(item), quote!(p))
            {
                checks.push(quote! {
                    for (i, item) in #value.iter().enumerate() {
                        let p = #p.index(i);
                        #item
                    }
                });
            }
        }
        TypeRef::Named(_) | TypeRef::Map(_) | TypeRef::Nullable(_) if validates(api, ty) => {
            checks.push(quote!(codegen_runtime::Validate::validate_at(#value, v, &#p);));
        }
        _ => {}
    }
    (!checks.is_empty()).then(|| quote!(#(#checks)*))
}
