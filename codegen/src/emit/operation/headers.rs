//! Typed response headers: the struct of an operation's declared headers,
//! its `TypedHeaders` impl, and the hooks that make the operation's
//! `Response` and error enum lead to it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Scope, docs, ident, rust_type};
use crate::model::{Api, Operation, StatusMatch, TypeRef};

/// The headers struct of `op` with its impls; nothing when it declares none.
pub fn emit(api: &Api, op: &Operation) -> TokenStream {
    let Some(headers) = &op.headers else {
        return quote!();
    };
    let name = ident(&headers.name);
    let method = op.name.plain();
    let mut reach = Vec::new();
    if headers.on_success {
        reach.push("its `Response`");
    }
    if headers.on_error {
        reach.push("an `ApiError` (or `Error`) of its error enum");
    }
    let doc = docs::lit(&format!(
        " The response headers [`Client::{method}`] declares, typed; `typed_headers()` on {} reads them.",
        reach.join(" or on ")
    ));
    let fields = headers.fields.iter().map(|h| {
        let field = ident(&h.name);
        let ty = rust_type(api, &h.ty, Scope::Client);
        let mut lines = docs::lines(&h.docs);
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let statuses: Vec<String> = h.statuses.iter().map(status).collect();
        lines.push(format!(
            " `{}`, declared for {}.",
            h.wire_name.replace('`', "'"),
            statuses.join(", ")
        ));
        let deprecated = h.docs.deprecated.then(|| quote!(#[deprecated]));
        let doc = docs::line_attrs(&lines);
        quote!(#doc #deprecated pub #field: Option<#ty>,)
    });
    let reads = headers.fields.iter().map(|h| {
        let field = ident(&h.name);
        let wire = Literal::string(&h.wire_name);
        match &h.ty {
            TypeRef::Vec(_) => quote!(#field: h.values(#wire),),
            _ => quote!(#field: h.value(#wire),),
        }
    });
    let link = op
        .error_type
        .as_ref()
        .filter(|_| headers.on_error)
        .map(|error| {
            let error = ident(error);
            quote! {
                impl codegen_runtime::ErrorHeaders for #error {
                    type Headers = #name;
                }
            }
        });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
            /// Declared headers that were present but not readable as their type, by
            /// name: their field is `None`, their text is still in the header map.
            pub malformed: Vec<&'static str>,
        }

        impl codegen_runtime::TypedHeaders for #name {
            fn from_headers(headers: &codegen_runtime::reexport::reqwest::header::HeaderMap) -> Self {
                let mut h = codegen_runtime::HeaderReader::new(headers);
                Self { #(#reads)* malformed: h.finish() }
            }
        }

        #link
    }
}

/// The second argument of the operation's `Response`, when its success
/// responses declare headers (`, CreateCashierHeaders`).
pub fn response_param(op: &Operation) -> Option<TokenStream> {
    let headers = op.headers.as_ref().filter(|h| h.on_success)?;
    let name = ident(&headers.name);
    Some(quote!(, #name))
}

/// The status dispatch of a method, its success made to read the declared
/// headers when there are any.
pub fn dispatch(op: &Operation, dispatch: TokenStream) -> TokenStream {
    if response_param(op).is_none() {
        return dispatch;
    }
    quote! {
        let response = #dispatch;
        response.map(codegen_runtime::Response::with_typed_headers)
    }
}

fn status(s: &StatusMatch) -> String {
    match s {
        StatusMatch::Code(c) => format!("HTTP {c}"),
        StatusMatch::Range(r) => format!("HTTP {r}xx"),
        StatusMatch::Default => "other statuses".into(),
    }
}
