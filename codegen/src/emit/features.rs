//! Per-tag cargo features: every operation is compiled only when a feature
//! of one of its tags is on, and every type only when an operation that
//! reaches it is. A user who needs one tag of a large API compiles that tag.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Operation, Role, TypeKind, TypeRef};

/// The cargo feature of a tag (`tag-pull-requests`).
pub fn feature(tag: &str) -> String {
    format!(
        "tag-{}",
        crate::ident::snake(tag)
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .replace('_', "-")
    )
}

/// The feature of the webhook parsers and the types only they reach.
pub const WEBHOOKS: &str = "webhooks";

/// Every tag feature of an API, sorted: the tags of its operations and
/// their ancestors (OpenAPI 3.2 `parent`), and `webhooks` if it has any.
pub fn all(api: &Api) -> Vec<String> {
    let mut set: BTreeSet<String> = BTreeSet::new();
    if !api.webhooks.is_empty() {
        set.insert(WEBHOOKS.to_string());
    }
    for tag in api.operations.iter().flat_map(|o| &o.tags) {
        set.insert(feature(tag));
        for ancestor in ancestors(api, tag) {
            set.insert(feature(ancestor));
        }
    }
    set.into_iter().collect()
}

/// The tags `tag` is nested under, nearest first (cycles were cut when lowering).
fn ancestors<'a>(api: &'a Api, tag: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut at = api.tags.iter().find(|t| t.name == tag);
    while let Some(parent) = at.and_then(|t| t.parent.as_deref()) {
        if out.contains(&parent) || out.len() > api.tags.len() {
            break;
        }
        out.push(parent);
        at = api.tags.iter().find(|t| t.name == parent);
    }
    out
}

/// Every tag feature with the features it turns on: a parent tag's
/// feature enables its children's (`tag-payments = ["tag-cards"]`).
pub fn with_children(api: &Api) -> Vec<(String, Vec<String>)> {
    let features = all(api);
    features
        .iter()
        .map(|f| {
            let children: BTreeSet<String> = api
                .tags
                .iter()
                .filter(|t| t.parent.as_deref().is_some_and(|p| feature(p) == *f))
                .map(|t| feature(&t.name))
                .filter(|c| features.contains(c) && c != f)
                .collect();
            (f.clone(), children.into_iter().collect())
        })
        .collect()
}

/// Which features gate each operation and type; `None` means always built.
pub struct Gates {
    types: HashMap<String, Option<BTreeSet<String>>>,
}

impl Gates {
    /// No gating at all.
    pub fn none() -> Gates {
        Gates {
            types: HashMap::new(),
        }
    }

    pub fn compute(api: &Api) -> Gates {
        let defs: HashMap<&str, &TypeKind> = api
            .types
            .iter()
            .map(|t| (t.name.as_str(), &t.kind))
            .collect();
        // None = reached by something ungated; Some(set) = only by these features.
        let mut types: HashMap<String, Option<BTreeSet<String>>> = api
            .types
            .iter()
            .map(|t| (t.name.clone(), Some(BTreeSet::new())))
            .collect();
        let mut roots: Vec<(Option<BTreeSet<String>>, Vec<&TypeRef>)> = Vec::new();
        for op in &api.operations {
            roots.push((op_features(op), op_types(op)));
        }
        for w in &api.webhooks {
            roots.push((
                Some(BTreeSet::from([WEBHOOKS.to_string()])),
                vec![&w.payload],
            ));
        }
        for (features, tys) in roots {
            let mut stack: Vec<&str> = tys.iter().filter_map(|t| named(t)).collect();
            let mut seen = BTreeSet::new();
            while let Some(name) = stack.pop() {
                if !seen.insert(name) {
                    continue;
                }
                if let Some(entry) = types.get_mut(name) {
                    match (&features, entry.as_mut()) {
                        (None, _) => *entry = None,
                        (Some(f), Some(set)) => set.extend(f.iter().cloned()),
                        (Some(_), None) => {}
                    }
                }
                if let Some(kind) = defs.get(name) {
                    stack.extend(children(kind));
                }
            }
        }
        Gates { types }
    }

    /// The features that build a type; `None` when it is always built.
    /// Empty: no operation reaches it.
    pub fn features_of(&self, name: &str) -> Option<&BTreeSet<String>> {
        self.types.get(name).and_then(Option::as_ref)
    }

    /// The `#[cfg(...)]` of a type. A type is built whenever an operation
    /// that reaches it is, and everything it holds is reached with it, so its
    /// fields' types are always there. Types no operation reaches (unused
    /// schemas, aliases of shared enums) are built only with every tag on.
    pub fn type_cfg(&self, name: &str, all: &[String]) -> TokenStream {
        match self.types.get(name) {
            None | Some(None) => quote!(),
            Some(Some(set)) if set.is_empty() && !all.is_empty() => {
                quote!(#[cfg(all(#(feature = #all),*))])
            }
            Some(Some(set)) => cfg(set.iter()),
        }
    }
}

/// The `#[cfg(...)]` of an operation.
pub fn op_cfg(op: &Operation, enabled: bool) -> TokenStream {
    match op_features(op).filter(|_| enabled) {
        Some(set) => cfg(set.iter()),
        None => quote!(),
    }
}

fn cfg<'a>(features: impl Iterator<Item = &'a String>) -> TokenStream {
    let features: Vec<&String> = features.collect();
    match features.as_slice() {
        [] => quote!(),
        [one] => quote!(#[cfg(feature = #one)]),
        _ => quote!(#[cfg(any(#(feature = #features),*))]),
    }
}

/// The features of an operation's tags; `None` when it has none.
pub fn op_features(op: &Operation) -> Option<BTreeSet<String>> {
    (!op.tags.is_empty()).then(|| op.tags.iter().map(|t| feature(t)).collect())
}

fn op_types(op: &Operation) -> Vec<&TypeRef> {
    let mut out: Vec<&TypeRef> = op.params.iter().map(|p| &p.ty).collect();
    out.extend(op.body.iter().map(|b| &b.ty));
    out.extend(
        op.success
            .iter()
            .chain(&op.errors)
            .filter_map(|o| o.body.as_ref().map(|(_, t)| t)),
    );
    out.extend(
        op.headers
            .iter()
            .flat_map(|h| h.fields.iter().map(|f| &f.ty)),
    );
    out
}

fn named(ty: &TypeRef) -> Option<&str> {
    ty.named()
}

/// The types a type needs built with it: those it holds, and the aliases
/// its fields are spelt with.
fn children(kind: &TypeKind) -> impl Iterator<Item = &str> {
    kind.children().flat_map(|c| {
        let alias = match c.role {
            Role::Field(f) => f.alias.as_deref(),
            _ => None,
        };
        named(c.ty).into_iter().chain(alias)
    })
}

/// Puts `cfg` on every item of `tokens` (a type and its impls).
pub fn gate_items(tokens: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return tokens;
    }
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => {
            let items = file.items.into_iter().map(|item| quote!(#cfg #item));
            quote!(#(#items)*)
        }
        // Unreachable for tokens the emitters made; never drop code.
        Err(_) => tokens,
    }
}
