//! What an operation's method takes and returns: the same for the client's
//! method, its declaration in an API trait and the delegation to it.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::outcomes::payload;
use crate::emit::{Scope, ident, rust_type};
use crate::model::{Api, MediaKind, Operation, TypeRef};

/// The argument type of a required parameter.
fn arg_type(api: &Api, ty: &TypeRef) -> TokenStream {
    if by_value(ty) {
        return rust_type(api, ty, Scope::Client);
    }
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::Vec(inner) => {
            let inner = rust_type(api, inner, Scope::Client);
            quote!(&[#inner])
        }
        _ => {
            let ty = rust_type(api, ty, Scope::Client);
            quote!(&#ty)
        }
    }
}

/// Whether a method takes an argument of this type by value (a number, a
/// bool, a date: what is `Copy` or small), not by reference.
pub(super) fn by_value(ty: &TypeRef) -> bool {
    !matches!(
        ty,
        TypeRef::String | TypeRef::Vec(_) | TypeRef::Named(_) | TypeRef::Map(_) | TypeRef::Json
    )
}

/// What an operation's method takes and returns: the same for the client's
/// method, its declaration in the API's trait and the delegation to it.
pub struct Signature {
    pub name: Ident,
    pub deprecated: Option<TokenStream>,
    pub args: Vec<TokenStream>,
    pub names: Vec<Ident>,
    /// Each argument's type, in the order of `args`.
    pub types: Vec<TokenStream>,
    pub output: TokenStream,
    /// `output`'s parts: see [`outcome_types`].
    pub success: TokenStream,
    pub error: TokenStream,
    pub typed: Option<TokenStream>,
}

/// The body of a success, the error type and the typed headers (`, H`) of
/// an operation's answers.
pub(crate) fn outcome_types(
    api: &Api,
    op: &Operation,
) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let success = match &op.response_enum {
        Some(e) => {
            let e = ident(e);
            quote!(#e)
        }
        None => op
            .success
            .first()
            .and_then(|o| payload(api, o, false))
            .unwrap_or(quote!(())),
    };
    (
        success,
        super::outcomes::error_type(op),
        super::headers::response_param(op),
    )
}

pub fn signature(api: &Api, op: &Operation) -> Signature {
    let (success, error, typed) = outcome_types(api, op);
    let mut args = Vec::new();
    let mut names = Vec::new();
    let mut types = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let arg = ident(&p.name);
        let ty = arg_type(api, &p.ty);
        args.push(quote!(#arg: #ty));
        types.push(ty);
        names.push(arg);
    }
    if let Some(body) = op.body.as_ref().filter(|b| !b.on_builder()) {
        let ty = match body.media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => arg_type(api, &body.ty),
            MediaKind::Stream(_) => arg_type(api, &TypeRef::Vec(Box::new(body.ty.clone()))),
            MediaKind::Text => quote!(&str),
            MediaKind::Binary => quote!(impl Into<codegen_runtime::reexport::bytes::Bytes> + Send),
        };
        args.push(quote!(body: #ty));
        types.push(ty);
        names.push(ident("body"));
    }
    if let Some(params) = &op.params_struct {
        let params = ident(params);
        args.push(quote!(params: &#params));
        types.push(quote!(&#params));
        names.push(ident("params"));
    }
    Signature {
        name: ident(&op.name),
        deprecated: op.docs.deprecated.then(|| quote!(#[deprecated])),
        args,
        names,
        types,
        output: quote!(codegen_runtime::Result<#success, #error #typed>),
        success,
        error,
        typed,
    }
}

/// `&T` → `&'a T`, anywhere in an argument's tokens.
pub(super) fn with_lifetime(tokens: TokenStream) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(p) if p.as_char() == '&' => {
                out.push(TokenTree::Punct(p));
                let has_lifetime =
                    matches!(tokens.peek(), Some(TokenTree::Punct(q)) if q.as_char() == '\'');
                if !has_lifetime {
                    out.extend(quote!('a));
                }
            }
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), with_lifetime(g.stream()));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// The private method that sends an operation with optional parameters:
/// its method as it was, the parameters as a struct (`__list_customers`);
/// the public one returns the builder.
pub fn send_name(op: &Operation) -> Ident {
    quote::format_ident!("__{}", op.name.plain())
}
