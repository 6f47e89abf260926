//! Per-tag cargo features as `#[cfg]` attributes: which features build
//! each item is decided in lower (`lower/features.rs`) and recorded in the
//! model; this writes it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::FULL_FEATURE;
use crate::model::Gate;

/// The `#[cfg(...)]` of an item built under `gate`. A type is built
/// whenever an operation that reaches it is, and everything it holds is
/// reached with it, so its fields' types are always there. What no
/// operation reaches (unused schemas, aliases of shared enums) is built
/// with `full` (every feature, and these), the default.
pub fn cfg_of(gate: &Gate) -> TokenStream {
    match gate {
        Gate::Always => quote!(),
        Gate::Any(set) => cfg(set.iter()),
        Gate::Unreached => {
            let full = FULL_FEATURE;
            quote!(#[cfg(feature = #full)])
        }
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
