//! The API's traits (`OmnoApi`): one method per operation, so application
//! code can take `impl OmnoApi` and tests can pass a stand-in. Each method
//! is provided: it sends the operation with the client the trait's
//! `client()` names (`Client` names itself), or fails with
//! `Error::NotImplemented` where it names none. A stand-in implements the
//! operations its test calls, and `Client`'s implementation is one method.
//!
//! With tag features each tag has a trait of its own (`ReposApi`, in the
//! tag's module), holding the operations whose first tag it is; the API's
//! trait keeps the operations without a tag. Besides fitting the features,
//! this keeps each trait small: rustc checks the `impl Future` methods of
//! one trait against each other, so one trait of 1,200 methods costs more
//! to check than 47 traits of 25 (GitHub's description: 9.6 s of 104 s).

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::operation::signature::{Signature, signature};
use super::{METHODS_PER_PIECE, ident};
use crate::model::{Api, Operation};
use crate::shared::{MakeTokens, Piece};

/// One API trait: its name, what it covers (for its doc) and its operations.
pub struct ApiTrait<'a> {
    api: &'a Api,
    pub name: String,
    /// The tag feature it belongs to; `None`: the API's own trait.
    pub feature: Option<String>,
    covers: String,
    pub ops: Vec<&'a Operation>,
}

/// The API's traits: without tag features, one of every operation; with
/// them, one per tag feature and the API's own for untagged operations
/// (left out when it would be empty).
pub fn traits(api: &Api, tag_features: bool) -> Vec<ApiTrait<'_>> {
    let own = |covers: String, ops| ApiTrait {
        api,
        name: api.api_trait.clone(),
        feature: None,
        covers,
        ops,
    };
    if !tag_features {
        return vec![own(
            format!("Every operation of {}", api.title),
            api.operations.iter().collect(),
        )];
    }
    let mut by_tag: BTreeMap<String, (&str, Vec<&Operation>)> = BTreeMap::new();
    let mut untagged = Vec::new();
    for op in &api.operations {
        match op.tags.first() {
            Some(tag) => by_tag
                .entry(crate::ident::feature(tag))
                .or_insert_with(|| (tag, Vec::new()))
                .1
                .push(op),
            None => untagged.push(op),
        }
    }
    let mut out = Vec::new();
    if !untagged.is_empty() || by_tag.is_empty() {
        out.push(own(
            format!("The operations of {} without a tag", api.title),
            untagged,
        ));
    }
    let mut taken = vec![api.api_trait.clone()];
    for (feature, (tag, ops)) in by_tag {
        out.push(ApiTrait {
            api,
            name: unique(&mut taken, trait_name(&feature)),
            covers: format!(
                "The operations of {} whose first tag is {}",
                api.title,
                crate::shared::code_span(tag)
            ),
            feature: Some(feature),
            ops,
        });
    }
    out
}

/// `tag-pull-requests` -> `PullRequestsApi`.
fn trait_name(feature: &str) -> String {
    let stem = feature.trim_start_matches("tag-");
    format!("{}Api", crate::ident::camel(stem))
}

/// `name`, or `name` with `Tag` and then a number before `Api`, the first
/// not in `taken`.
fn unique(taken: &mut Vec<String>, name: String) -> String {
    let stem = name.trim_end_matches("Api");
    let mut candidate = name.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        candidate = match n {
            1 => format!("{stem}TagApi"),
            _ => format!("{stem}Tag{n}Api"),
        };
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// A trait and its implementation by `Client`, as pieces; both gated on
/// `gate` when given (a feature).
pub fn pieces<'a>(api_trait: ApiTrait<'a>, gate: Option<String>) -> Vec<Piece<'a>> {
    let ApiTrait {
        api,
        name,
        covers,
        ops,
        ..
    } = api_trait;
    let doc = format!(
        " {covers}, as a trait: code that takes `impl {name}` can be given [`Client`], or a stand-in in tests."
    );
    let provided = format!(
        " Every method is provided: it sends the operation with the client [`{name}::client`] names. \
         A stand-in implements the operations it answers; any other fails with \
         [`Error::NotImplemented`](codegen_runtime::Error::NotImplemented), or goes to the client its `client()` returns."
    );
    let cfg = move || match &gate {
        Some(feature) => quote!(#[cfg(feature = #feature)]),
        None => quote!(),
    };
    let (trait_cfg, trait_name) = (cfg.clone(), name.clone());
    let declare: MakeTokens<'a> = Box::new(move || {
        let (name, cfg) = (ident(&trait_name), trait_cfg());
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #provided]
            #cfg
            pub trait #name: Send + Sync {
                /// The client the provided methods send with: none by
                /// default (they fail with `Error::NotImplemented`);
                /// [`Client`] names itself, and a stand-in may name a real
                /// client for the operations it does not answer.
                fn client(&self) -> Option<&Client> {
                    None
                }
            }
        }
    });
    let implement: MakeTokens<'a> = Box::new(move || {
        let (name, cfg) = (ident(&name), cfg());
        quote! {
            #cfg
            impl #name for Client {
                fn client(&self) -> Option<&Client> {
                    Some(self)
                }
            }
        }
    });
    // The trait is one block, made in parts, so a trait of thousands of
    // methods is never one token tree.
    let declarations = ops
        .chunks(METHODS_PER_PIECE)
        .map(<[_]>::to_vec)
        .map(|chunk| -> MakeTokens<'a> {
            Box::new(move || {
                let declarations = chunk.iter().map(|op| declaration(api, op));
                quote!(pub trait Api { #(#declarations)* })
            })
        })
        .collect();
    vec![
        Piece::Block {
            open: declare,
            parts: declarations,
        },
        Piece::Items(implement),
    ]
}

/// The operation's method in the API's trait: sent with the client the
/// trait names (with optional parameters, by the method that takes them
/// as a struct).
fn declaration(api: &Api, op: &Operation) -> TokenStream {
    let Signature {
        name,
        deprecated,
        args,
        names,
        output,
        ..
    } = signature(api, op);
    let summary = format!(
        " `{} {}`: see [`Client::{}`].",
        op.method,
        op.path.replace('`', "'"),
        op.name.plain()
    );
    let send = match op.builder {
        Some(_) => super::operation::signature::send_name(op),
        None => name.clone(),
    };
    let operation = op.name.plain();
    // A method that streams an answer is `async`: its future and a refused
    // `Call` are not one type.
    let body = if super::operation::is_async(op) {
        quote! {
            async move {
                match self.client() {
                    Some(this) => this.#send(#(#names),*).await,
                    None => Err(codegen_runtime::Error::NotImplemented(#operation)),
                }
            }
        }
    } else {
        quote! {
            match self.client() {
                Some(this) => this.#send(#(#names),*),
                None => codegen_runtime::Call::not_implemented(#operation),
            }
        }
    };
    quote! {
        #[doc = #summary]
        #deprecated
        fn #name(&self, #(#args),*) -> impl std::future::Future<Output = #output> + Send {
            #body
        }
    }
}
