//! The API's traits (`OmnoApi`): one method per operation, implemented by
//! `Client` through its own methods, so application code can take
//! `impl OmnoApi` and tests can pass a stand-in.
//!
//! With tag features each tag has a trait of its own (`ReposApi`, in the
//! tag's module), holding the operations whose first tag it is; the API's
//! trait keeps the operations without a tag. Besides fitting the features,
//! this keeps each trait small: rustc checks the `impl Future` methods of
//! one trait against each other, so one trait of 1,200 methods costs more
//! to check than 47 traits of 25 (GitHub's description: 9.6 s of 104 s).

use std::collections::{BTreeMap, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use super::operation::builder::{self, Owner};
use super::operation::signature::{Signature, signature};
use super::{METHODS_PER_PIECE, docs, ident};
use crate::model::{Api, Gate, Operation};
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

/// The trait each operation with optional parameters is in, by the
/// operation's method name: its builder is sent through it.
pub fn owners(api: &Api, tag_features: bool) -> HashMap<String, Owner> {
    let mut out = HashMap::new();
    for api_trait in traits(api, tag_features) {
        for op in api_trait.ops.iter().filter(|op| op.builder.is_some()) {
            let only_with = api_trait.feature.as_ref().filter(|feature| match &op.gate {
                Gate::Any(set) => set.len() != 1 || !set.contains(*feature),
                _ => true,
            });
            let owner = Owner {
                name: api_trait.name.clone(),
                only_with: only_with.cloned(),
            };
            out.insert(op.name.plain().to_string(), owner);
        }
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
    let cfg = move || match &gate {
        Some(feature) => quote!(#[cfg(feature = #feature)]),
        None => quote!(),
    };
    // The two blocks, empty.
    let (trait_cfg, trait_name) = (cfg.clone(), name.clone());
    let declare: MakeTokens<'a> = Box::new(move || {
        let (name, cfg) = (ident(&trait_name), trait_cfg());
        quote! {
            #[doc = #doc]
            #cfg
            pub trait #name: Send + Sync {}
        }
    });
    let implement: MakeTokens<'a> = Box::new(move || {
        let (name, cfg) = (ident(&name), cfg());
        // Its sending methods name the `Call` they return, where the trait
        // says `impl Future`.
        quote! {
            #cfg
            #[allow(refining_impl_trait)]
            impl #name for Client {}
        }
    });
    // A trait and its impl are one block each, made in parts, so a trait
    // of thousands of methods is never one token tree.
    let chunks: Vec<Vec<&Operation>> = ops.chunks(METHODS_PER_PIECE).map(<[_]>::to_vec).collect();
    let declarations = chunks
        .iter()
        .cloned()
        .map(|chunk| -> MakeTokens<'a> {
            Box::new(move || {
                let declarations = super::braced(chunk.iter().map(|op| declaration(api, op)));
                quote!(pub trait Api #declarations)
            })
        })
        .collect();
    let delegations = chunks
        .into_iter()
        .map(|chunk| -> MakeTokens<'a> {
            Box::new(move || {
                let delegations = super::braced(chunk.iter().map(|op| delegation(api, op)));
                quote!(impl Api for Client #delegations)
            })
        })
        .collect();
    vec![
        Piece::Block {
            open: declare,
            parts: declarations,
        },
        Piece::Block {
            open: implement,
            parts: delegations,
        },
    ]
}

/// The operation's two methods in the API's trait: the one a caller uses,
/// provided, which returns the operation's call over the implementation
/// (its builder, with optional parameters; else the runtime's `ApiCall`):
/// `api.list_customers().limit(10).idempotency_key(k).await`; and the one
/// an implementation writes, which sends it (`send_list_customers`, given
/// the optional parameters as a struct and the call's options).
fn declaration(api: &Api, op: &Operation) -> TokenStream {
    let sig = signature(api, op);
    let (deprecated, success, error, typed) =
        (&sig.deprecated, &sig.success, &sig.error, &sig.typed);
    let summary = docs::lit(&format!(
        " `{} {}`: see [`Client::{}`].",
        op.method,
        op.path.replace('`', "'"),
        op.name.plain()
    ));
    let sender = ident(op.send_method.as_deref().unwrap_or_default());
    let starter = match op.builder {
        Some(_) => builder::starter(op, &sig, true),
        None => builder::api_call(op, &sig),
    };
    let args = builder::send_args(op, &sig);
    let more = docs::lit(&format!(
        " Sends a [`{name}`](Self::{name}) call: what an implementation writes, given {}the call's options.",
        match op.params_struct {
            Some(_) => "the optional parameters and ",
            None => "",
        },
        name = op.name.plain()
    ));
    let set_on = docs::lit(&format!(
        " {} on the call it returns; `.await` it to send.",
        builder::set_on(op)
    ));
    quote! {
        #[doc = #summary]
        #[doc = #set_on]
        #starter
        #[doc = #more]
        #deprecated
        fn #sender(&self, #(#args),*) -> impl codegen_runtime::Answer<#success, #error #typed>;
    }
}

/// The trait's sending method for `Client`: the client's own method (with
/// optional parameters, the one that takes them as a struct), given the
/// call's options.
fn delegation(api: &Api, op: &Operation) -> TokenStream {
    let sig = signature(api, op);
    let Signature {
        name,
        names,
        output,
        success,
        error,
        typed,
        ..
    } = &sig;
    let sender = ident(op.send_method.as_deref().unwrap_or_default());
    let send = match op.builder {
        Some(_) => super::operation::signature::send_name(op),
        None => name.clone(),
    };
    let streams = super::operation::streams_answer(op);
    let args = builder::send_args(op, &sig);
    let names = names.iter().map(|n| match n == "params" {
        true => quote!(&params),
        false => quote!(#n),
    });
    // A streamed answer's method is `async`: so is this one, to hold the
    // parameters while it runs.
    match streams {
        true => quote! {
            async fn #sender(&self, #(#args),*) -> #output {
                Client::#send(self, #(#names,)* options).await
            }
        },
        // The future named, not opaque: nothing for rustc to infer.
        false => quote! {
            fn #sender(&self, #(#args),*) -> codegen_runtime::Call<'_, #success, #error #typed> {
                options.apply(Client::#send(self, #(#names),*))
            }
        },
    }
}
