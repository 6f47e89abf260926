//! Structs from object schemas: one field per property, their `serde`
//! impls from one list of wire names (`de.rs`), a `new` taking the
//! required fields, and `with_*` setters for the rest.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::fields::{default_fn, field_type, init};
use super::{Scope, derives, docs, ident, rust_type, validate};
use crate::model::{Api, ExtraFields, Field, Struct, TypeDef, TypeRef};

pub fn emit(api: &Api, def: &TypeDef, s: &Struct, vendored: bool) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let redacts = s.fields.iter().any(|f| f.sensitive);
    // `Serialize` and `Deserialize` are written out, from one list of the
    // fields (`de::struct_impl`): each wire name is stated once.
    let mut derive = derives(def, !redacts, false);
    let no_required = s
        .fields
        .iter()
        .all(|f| f.optional() || f.defaulted() || f.constant);
    // A constant's default is the type's own, which a derive gives.
    let any_default = s.fields.iter().any(|f| f.defaulted() && !f.constant);
    if no_required && !any_default {
        derive = quote!(#derive #[derive(Default)]);
    }
    let fields = s.fields.iter().map(|f| field(api, f));
    let extra = match &s.extra {
        ExtraFields::Keep(ty) => {
            let ty = rust_type(api, ty, Scope::Types);
            quote! {
                /// Properties the schema does not name, kept as received.
                pub additional_properties: std::collections::BTreeMap<String, #ty>,
            }
        }
        _ => quote!(),
    };
    let debug = redacts.then(|| debug_impl(def, s));
    let deserialize = super::de::struct_impl(def, s, vendored);
    let validate = def.validates.then(|| validate::struct_impl(api, def, s));
    let constructors = def
        .builder
        .then(|| super::builders::constructors(api, def, s));
    let manual_default = (no_required && any_default).then(|| {
        let inits = s.fields.iter().map(|f| {
            let n = ident(&f.name);
            let value = init(f);
            quote!(#n: #value)
        });
        let extra = matches!(s.extra, ExtraFields::Keep(_))
            .then(|| quote!(additional_properties: Default::default(),));
        quote! {
            impl Default for #name {
                fn default() -> Self { Self { #(#inits,)* #extra } }
            }
        }
    });
    quote! {
        #doc
        #derive
        pub struct #name {
            #(#fields)*
            #extra
        }
        #deserialize
        #constructors
        #manual_default
        #debug
        #validate
    }
}

fn field(api: &Api, f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let doc = docs::attrs(&f.docs);
    let ty = field_type(api, f);
    quote! {
        #doc
        pub #name: #ty,
    }
}

/// The default functions of a types module (`defaults::cashier_currency`).
pub fn default_fns(api: &Api, cfg_of: &dyn Fn(&TypeDef) -> TokenStream) -> TokenStream {
    let mut fns = Vec::new();
    for def in &api.types {
        let crate::model::TypeKind::Struct(s) = &def.kind else {
            continue;
        };
        for f in s.fields.iter().filter(|f| f.defaulted()) {
            let Some(expr) = f.default.as_ref().and_then(|v| default_expr(&f.ty, v)) else {
                continue;
            };
            let Some(name) = default_fn(f) else { continue };
            let ty = rust_type(api, &f.ty, Scope::Types);
            let cfg = cfg_of(def);
            fns.push(quote!(#cfg pub(super) fn #name() -> #ty { #expr }));
        }
    }
    if fns.is_empty() {
        return quote!();
    }
    quote! {
        /// Defaults the spec gives for absent fields.
        mod defaults {
            #[allow(unused_imports)]
            use super::*;
            #(#fns)*
        }
    }
}

fn default_expr(ty: &TypeRef, value: &Value) -> Option<TokenStream> {
    Some(match (ty, value) {
        (TypeRef::String, Value::String(s)) => quote!(String::from(#s)),
        (TypeRef::Bool, Value::Bool(b)) => quote!(#b),
        (TypeRef::I32 | TypeRef::I64, Value::Number(n)) => {
            let n = Literal::i64_unsuffixed(n.as_i64()?);
            quote!(#n)
        }
        (TypeRef::F32 | TypeRef::F64, Value::Number(n)) => {
            let n = Literal::f64_unsuffixed(n.as_f64()?);
            quote!(#n)
        }
        (TypeRef::Decimal, Value::Number(n)) => {
            let text = n.to_string();
            quote!(#text.parse().unwrap_or_default())
        }
        (TypeRef::Date | TypeRef::DateTime | TypeRef::Uuid, Value::String(s)) => {
            quote!(#s.parse().unwrap_or_default())
        }
        (TypeRef::Named(_), Value::String(s)) => {
            quote!(match #s.parse() { Ok(v) => v, Err(never) => match never {} })
        }
        _ => return None,
    })
}

fn debug_impl(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let label = Literal::string(&def.name);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let label = Literal::string(f.name.plain());
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
