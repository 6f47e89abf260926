//! Per-tag files. With tag features in a crate, what only one feature
//! builds (a tag's operations, their outcome types, the types only they
//! reach; the webhook parsers and their payloads) is written in that
//! feature's own module file, declared `#[cfg(feature = "tag-x")] mod
//! tag_x;`, so rustc does not even read what a user left out. What several
//! features share stays in the shared module, gated item by item.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Api, Operation, TypeDef};

/// The types by the feature whose module holds them (decided in lower),
/// in their order; the shared module's first (`None`).
pub fn types_by_part(api: &Api) -> Parts<'_, TypeDef> {
    by_part(&api.types, |t| t.part.clone())
}

/// The operations by the feature whose module holds them, in their
/// order; with the webhooks' feature when split, even without any.
pub fn operations_by_part(api: &Api) -> Parts<'_, Operation> {
    let mut parts = by_part(&api.operations, |op| op.part.clone());
    if let Some(webhooks) = &api.webhooks_part {
        parts.entry(Some(webhooks.clone())).or_default();
    }
    parts
}

/// Items by the feature whose module holds them (`None`: the shared one).
pub type Parts<'a, T> = BTreeMap<Option<String>, Vec<&'a T>>;

fn by_part<'a, T>(items: &'a [T], part: impl Fn(&T) -> Option<String>) -> Parts<'a, T> {
    let mut parts: Parts<'a, T> = BTreeMap::new();
    parts.entry(None).or_default();
    for item in items {
        parts.entry(part(item)).or_default().push(item);
    }
    parts
}

/// The module of a feature's own code (`tag-pull-requests` -> `tag_pull_requests`).
pub fn module(feature: &str) -> Ident {
    format_ident!("{}", file_stem(feature))
}

/// The file name of a feature's module, without `.rs`.
pub fn file_stem(feature: &str) -> String {
    feature.replace('-', "_")
}

/// Declares each feature's module behind its feature, its items re-exported.
pub fn declarations(parts: &[String]) -> TokenStream {
    let items = parts.iter().map(|f| {
        let m = module(f);
        quote! {
            #[cfg(feature = #f)]
            mod #m;
            #[cfg(feature = #f)]
            pub use #m::*;
        }
    });
    quote!(#(#items)*)
}

/// What a feature's module starts with: everything of the shared module
/// in scope (its types, the runtime, the other features' items).
pub fn prelude() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use super::*;
    }
}
