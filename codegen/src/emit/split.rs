//! Per-tag files. With tag features in a crate, what only one feature
//! builds (a tag's operations, their outcome types, the types only they
//! reach; the webhook parsers and their payloads) is written in that
//! feature's own module file, declared `#[cfg(feature = "tag-x")] mod
//! tag_x;`, so rustc does not even read what a user left out. What several
//! features share stays in the shared module, gated item by item.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::features::{self, Gates, WEBHOOKS};
use crate::model::{Api, Operation, TypeDef};

/// Which module each type and operation is written in.
pub struct Split {
    on: bool,
    /// Type name -> the one feature that builds it.
    types: BTreeMap<String, String>,
}

impl Split {
    /// Everything in the shared modules.
    pub fn none() -> Split {
        Split {
            on: false,
            types: BTreeMap::new(),
        }
    }

    pub fn compute(api: &Api, gates: &Gates) -> Split {
        let types = api
            .types
            .iter()
            .filter_map(|t| {
                let set = gates.features_of(&t.name)?;
                let only = (set.len() == 1).then(|| set.iter().next())??;
                Some((t.name.clone(), only.clone()))
            })
            .collect();
        Split { on: true, types }
    }

    /// The feature whose module holds this type; `None`: the shared module.
    pub fn type_part(&self, def: &TypeDef) -> Option<&str> {
        self.types.get(&def.name).map(String::as_str)
    }

    /// The feature whose module holds this operation; `None`: shared.
    pub fn op_part(&self, op: &Operation) -> Option<String> {
        if !self.on {
            return None;
        }
        let set = features::op_features(op)?;
        (set.len() == 1).then(|| set.into_iter().next())?
    }

    /// The feature of the webhook parsers' module, if split.
    pub fn webhooks_part(&self, api: &Api) -> Option<&'static str> {
        (self.on && !api.webhooks.is_empty()).then_some(WEBHOOKS)
    }

    /// The types by the feature whose module holds them, in their order;
    /// the shared module's first (`None`).
    pub fn types_by_part<'a>(&self, api: &'a Api) -> Parts<'a, TypeDef> {
        by_part(&api.types, |t| self.type_part(t).map(str::to_string))
    }

    /// The operations by the feature whose module holds them, in their
    /// order; with the webhooks' feature when split, even without any.
    pub fn operations_by_part<'a>(&self, api: &'a Api) -> Parts<'a, Operation> {
        let mut parts = by_part(&api.operations, |op| self.op_part(op));
        if let Some(webhooks) = self.webhooks_part(api) {
            parts.entry(Some(webhooks.to_string())).or_default();
        }
        parts
    }
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
