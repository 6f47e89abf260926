//! The API's trait (`OmnoApi`): one method per operation, implemented by
//! `Client` through its own methods, so application code can take
//! `impl OmnoApi` and tests can pass a stand-in.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::{METHODS_PER_PIECE, Signature, signature};
use super::ident;
use crate::model::{Api, Operation};
use crate::shared::Piece;

/// The API's trait, one method per operation, and its implementation by
/// `Client`: application code takes `impl OmnoApi`, tests pass a stand-in.
pub fn pieces(api: &Api, tag_features: bool) -> Vec<Piece<'_>> {
    let doc = format!(
        " Every operation of {}, as a trait: code that takes `impl {}` can be given [`Client`], or a stand-in in tests.",
        api.title, api.api_trait
    );
    let mut pieces = vec![Piece::OpenImpl(Box::new(move || {
        let name = ident(&api.api_trait);
        quote! {
            #[doc = #doc]
            #[allow(clippy::too_many_arguments)]
            pub trait #name: Send + Sync {}
        }
    }))];
    for ops in api.operations.chunks(METHODS_PER_PIECE) {
        pieces.push(Piece::ImplItems(Box::new(move || {
            let name = ident(&api.api_trait);
            let declarations = ops.iter().map(|op| {
                let cfg = super::features::op_cfg(op, tag_features);
                let declaration = declaration(op);
                quote!(#cfg #declaration)
            });
            quote!(pub trait #name { #(#declarations)* })
        })));
    }
    pieces.push(Piece::Text("}\n"));
    pieces.push(Piece::OpenImpl(Box::new(move || {
        let name = ident(&api.api_trait);
        quote! {
            #[allow(clippy::too_many_arguments)]
            impl #name for Client {}
        }
    })));
    for ops in api.operations.chunks(METHODS_PER_PIECE) {
        pieces.push(Piece::ImplItems(Box::new(move || {
            let delegations = ops.iter().map(|op| {
                let cfg = super::features::op_cfg(op, tag_features);
                let delegation = delegation(op);
                quote!(#cfg #delegation)
            });
            quote!(impl Client { #(#delegations)* })
        })));
    }
    pieces.push(Piece::Text("}\n"));
    pieces
}

/// The operation's method in the API's trait.
fn declaration(op: &Operation) -> TokenStream {
    let Signature {
        name,
        deprecated,
        args,
        output,
        ..
    } = signature(op);
    let summary = format!(
        " `{} {}`: see [`Client::{}`].",
        op.method,
        op.path.replace('`', "'"),
        op.name.trim_start_matches("r#")
    );
    quote! {
        #[doc = #summary]
        #deprecated
        fn #name(&self, #(#args),*) -> impl std::future::Future<Output = #output> + Send;
    }
}

/// The trait's method for `Client`: the client's own method.
fn delegation(op: &Operation) -> TokenStream {
    let Signature {
        name,
        args,
        names,
        output,
        ..
    } = signature(op);
    quote! {
        fn #name(&self, #(#args),*) -> impl std::future::Future<Output = #output> + Send {
            Client::#name(self, #(#names),*)
        }
    }
}
