//! oneOf and anyOf. A discriminated oneOf writes its tag exactly once and
//! keeps unknown tags; an untagged oneOf tries its variants most specific
//! first; an anyOf keeps every member that matches.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, derive_list, derives, docs, ident, rust_type, validates};
use crate::model::{Api, ExtraFields, TypeDef, TypeKind, TypeRef, Union, UnionMode, UnionVariant};

fn variant_type(api: &Api, v: &UnionVariant) -> TokenStream {
    let ty = rust_type(api, &v.ty, Scope::Types);
    if v.boxed { quote!(Box<#ty>) } else { ty }
}

pub fn emit(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    match &u.mode {
        UnionMode::Tagged {
            property,
            unknown,
            default,
        } => tagged(api, def, u, property, unknown, default.as_deref()),
        UnionMode::Untagged => untagged(api, def, u),
        UnionMode::AnyOf => any_of(api, def, u),
    }
}

/// The variants whose payload has checks to run, and whether the enum has
/// others (a tagged union always has its catch-all).
fn validated_variants(api: &Api, u: &Union) -> (Vec<proc_macro2::Ident>, bool) {
    let checked: Vec<_> = u
        .variants
        .iter()
        .filter(|v| validates(api, &v.ty))
        .map(|v| ident(&v.name))
        .collect();
    let others = checked.len() < u.variants.len() || matches!(u.mode, UnionMode::Tagged { .. });
    (checked, others)
}

fn validate_impl(
    name: &proc_macro2::Ident,
    (variants, others): (Vec<proc_macro2::Ident>, bool),
) -> TokenStream {
    let check = quote!(codegen_runtime::Validate::validate_at(value, v, path));
    let body = match variants.as_slice() {
        [] => {
            return quote! {
                impl codegen_runtime::Validate for #name {
                    fn validate_at(&self, _: &mut codegen_runtime::validate::Validator, _: &codegen_runtime::validate::Path<'_>) {}
                }
            };
        }
        all if !others => quote!(match self { #(Self::#all(value) => #check,)* }),
        [one] => quote!(if let Self::#one(value) = self { #check }),
        many => quote!(match self { #(Self::#many(value) => #check,)* _ => {} }),
    };
    quote! {
        impl codegen_runtime::Validate for #name {
            fn validate_at(&self, v: &mut codegen_runtime::validate::Validator, path: &codegen_runtime::validate::Path<'_>) {
                #body
            }
        }
    }
}

fn tagged(
    api: &Api,
    def: &TypeDef,
    u: &Union,
    property: &str,
    unknown: &str,
    default: Option<&str>,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let derive = derives(def, true, false);
    let unknown = ident(unknown);
    let prop = Literal::string(property);
    let variants = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        let ty = variant_type(api, v);
        let mut tags: Vec<String> = v
            .tags
            .iter()
            .map(|t| {
                let (property, tag) = (
                    crate::shared::code_span(property),
                    crate::shared::code_span(t),
                );
                format!(" {property} = {tag}")
            })
            .collect();
        if default == Some(v.name.as_str()) {
            tags.push(format!(
                " Any other `{property}`, or none: the discriminator's default."
            ));
        }
        let tags = docs::line_attrs(&tags);
        quote!(#tags #vname(#ty),)
    });
    let ser_arms = u.variants.iter().map(|v| {
        let vname = ident(&v.name);
        if default == Some(v.name.as_str()) {
            // It may hold any tag (or none): written as it is.
            return quote!(Self::#vname(value) => return value.serialize(serializer),);
        }
        let tag = Literal::string(v.tags.first().map(String::as_str).unwrap_or(&v.name));
        quote!(Self::#vname(value) => (#tag, serde_json::to_value(value)),)
    });
    let fallback = match default.and_then(|d| u.variants.iter().find(|v| v.name == d)) {
        Some(v) => {
            let vname = ident(&v.name);
            let convert = if v.boxed {
                quote!(|v| Self::#vname(Box::new(v)))
            } else {
                quote!(Self::#vname)
            };
            // Unmapped or missing tags are the default's; a value it does not
            // fit is kept as unknown.
            quote!(_ => Ok(serde_json::from_value(value.clone()).map(#convert).unwrap_or(Self::#unknown(value))),)
        }
        None => quote!(_ => Ok(Self::#unknown(value)),),
    };
    let convert_of = |v: &UnionVariant| {
        let vname = ident(&v.name);
        if v.boxed {
            quote!(|v| Self::#vname(Box::new(v)))
        } else {
            quote!(Self::#vname)
        }
    };
    let default_variant = default.and_then(|d| u.variants.iter().find(|v| v.name == d));
    let de_arms = u.variants.iter().filter(|v| !v.tags.is_empty()).map(|v| {
        let tags = v.tags.iter().map(|t| Literal::string(t));
        let convert = convert_of(v);
        match default_variant.filter(|d| d.name != v.name) {
            // A value its tag's member does not fit is the default's when
            // it fits that (a base extended through allOf holds any value
            // of its own schema); else the member's error.
            Some(d) => {
                let fallback = convert_of(d);
                quote!(Some(#(#tags)|*) => serde_json::from_value(value.clone()).map(#convert).or_else(|e| serde_json::from_value(value).map(#fallback).map_err(|_| e)).map_err(serde::de::Error::custom),)
            }
            None => quote!(Some(#(#tags)|*) => serde_json::from_value(value).map(#convert).map_err(serde::de::Error::custom),),
        }
    });
    let validate = def
        .validates
        .then(|| validate_impl(&name, validated_variants(api, u)));
    let serialize_impl = def.serialize.then(|| {
        quote! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    let (tag, value) = match self {
                        #(#ser_arms)*
                        Self::#unknown(value) => return value.serialize(serializer),
                    };
                    let mut value = value.map_err(serde::ser::Error::custom)?;
                    // The tag is written once: the member's own field, if it has
                    // one, is overwritten with the variant's tag.
                    if let serde_json::Value::Object(map) = &mut value {
                        map.insert(#prop.to_string(), serde_json::Value::String(tag.to_string()));
                    }
                    value.serialize(serializer)
                }
            }
        }
    });
    quote! {
        #doc
        #derive
        pub enum #name {
            #(#variants)*
            /// A tag this version of the client does not know; the value is kept as received.
            #unknown(serde_json::Value),
        }

        #serialize_impl

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#prop).and_then(serde_json::Value::as_str).map(str::to_string);
                match tag.as_deref() {
                    #(#de_arms)*
                    #fallback
                }
            }
        }

        #validate
    }
}

fn untagged(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let keys: Vec<Option<Vec<&str>>> = u.variants.iter().map(|v| object_keys(api, v)).collect();
    // Two members that are objects ignoring unknown properties: a value
    // goes to the one that declares the most of its keys (the runtime's
    // `de::untagged`), not to the first that reads it; otherwise serde's
    // untagged derive reads it.
    let by_keys = (keys.iter().flatten().count() >= 2).then(|| deserialize_by_keys(def, u, &keys));
    let (derive, how) = match &by_keys {
        None => (
            derives(def, true, true),
            quote!(#[doc = " Variants are tried in order, most specific first."]),
        ),
        Some(_) => (
            derive_list(def, true, if def.serialize { &["Serialize"] } else { &[] }),
            quote! {
                /// An object goes to the member that declares the most of its
                /// properties, then to the first member that reads it, most
                /// specific first.
            },
        ),
    };
    // A serde derive reads the attributes.
    let serde = by_keys.is_none() || def.serialize;
    let variants = untagged_variants(api, u, serde);
    let untagged = serde.then(|| quote!(#[serde(untagged)]));
    let validate = def
        .validates
        .then(|| validate_impl(&name, validated_variants(api, u)));
    quote! {
        #doc
        ///
        #how
        #derive
        #untagged
        pub enum #name {
            #(#variants)*
        }
        #by_keys
        #validate
    }
}

/// The variants of an untagged enum; `serde`: with the codec a variant's
/// payload is written through (when a serde derive reads the attribute).
fn untagged_variants<'a>(
    api: &'a Api,
    u: &'a Union,
    serde: bool,
) -> impl Iterator<Item = TokenStream> + 'a {
    u.variants.iter().map(move |v| {
        let vname = ident(&v.name);
        let ty = variant_type(api, v);
        match v.ty.codec() {
            Some(codec) if serde => quote!(#vname(#[serde(with = #codec)] #ty),),
            _ => quote!(#vname(#ty),),
        }
    })
}

/// The wire names a member declares, when it is an object that ignores
/// properties it does not declare.
fn object_keys<'a>(api: &'a Api, v: &UnionVariant) -> Option<Vec<&'a str>> {
    let TypeRef::Named(n) = &v.ty else {
        return None;
    };
    match &api.type_def(*n)?.kind {
        TypeKind::Struct(s) if s.extra == ExtraFields::Ignore => {
            Some(s.fields.iter().map(|f| f.wire_name.as_str()).collect())
        }
        _ => None,
    }
}

/// The `Deserialize` impl of an untagged union read through
/// `codegen_runtime::de::untagged`, given each member's declared keys.
fn deserialize_by_keys(def: &TypeDef, u: &Union, keys: &[Option<Vec<&str>>]) -> TokenStream {
    let name = ident(&def.name);
    let members = u.variants.iter().zip(keys).map(|(v, keys)| {
        let vname = ident(&v.name);
        let keys = match keys {
            Some(keys) => quote!(Some(&[#(#keys),*])),
            None => quote!(None),
        };
        let read = match v.ty.codec() {
            Some(codec) => {
                let codec: TokenStream = codec.parse().unwrap_or_default();
                quote!(#codec::deserialize(v))
            }
            None => quote!(serde::Deserialize::deserialize(v)),
        };
        let wrap = v.boxed.then(|| quote!(.map(Box::new)));
        quote!((#keys, |v| #read #wrap .map(Self::#vname)))
    });
    let label = Literal::string(&def.name);
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                codegen_runtime::de::untagged(&value, #label, &[#(#members),*])
                    .map_err(serde::de::Error::custom)
            }
        }
    }
}

fn any_of(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    let derive = derives(def, true, false);
    let fields: Vec<_> = u
        .variants
        .iter()
        .map(|v| ident(&crate::ident::snake(&v.name)))
        .collect();
    let types: Vec<_> = u.variants.iter().map(|v| variant_type(api, v)).collect();
    let labels: Vec<_> = u
        .variants
        .iter()
        .map(|v| Literal::string(&v.name))
        .collect();
    let checks = u.variants.iter().zip(&fields).filter(|(v, _)| validates(api, &v.ty)).map(|(_, f)| {
        quote!(if let Some(value) = &self.#f { codegen_runtime::Validate::validate_at(value, v, path); })
    });
    let checks: Vec<_> = checks.collect();
    let validate = def.validates.then(|| quote! {
        impl codegen_runtime::Validate for #name {
            fn validate_at(&self, v: &mut codegen_runtime::validate::Validator, path: &codegen_runtime::validate::Path<'_>) {
                #(#checks)*
            }
        }
    });
    let label = Literal::string(&def.name);
    let serialize_impl = def.serialize.then(|| {
        quote! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    codegen_runtime::any_of::serialize(serializer, #label, [
                        #(codegen_runtime::any_of::member(&self.#fields),)*
                    ])
                }
            }
        }
    });
    quote! {
        #doc
        ///
        /// Every member the value matches is kept (anyOf).
        #derive
        #[derive(Default)]
        pub struct #name {
            #(pub #fields: Option<#types>,)*
        }

        #serialize_impl

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let out = Self { #(#fields: codegen_runtime::any_of::read(&value),)* };
                if #(out.#fields.is_none())&&* {
                    return Err(codegen_runtime::any_of::none_matched(&[#(#labels),*]));
                }
                Ok(out)
            }
        }

        #validate
    }
}
