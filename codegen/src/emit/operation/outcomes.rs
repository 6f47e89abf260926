//! Per-operation types of the client module: the error enums (shared by
//! shape), the success enum when statuses differ in meaning, and the
//! struct of optional parameters.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Scope, docs, ident, rust_type};
use crate::model::{Api, Body, ErrorEnum, MediaKind, Operation, Outcome, StatusMatch, TypeRef};

/// The payload type an outcome's variant carries, if any.
pub fn payload(api: &Api, outcome: &Outcome, errors: bool) -> Option<TokenStream> {
    match &outcome.body {
        Some((MediaKind::Json | MediaKind::Form | MediaKind::Multipart, ty)) => {
            Some(rust_type(api, ty, Scope::Client))
        }
        Some((MediaKind::Text, _)) if !errors => Some(quote!(String)),
        Some((MediaKind::Binary, _)) if !errors => Some(quote!(codegen_runtime::stream::Download)),
        Some((MediaKind::Stream(_), ty)) if !errors => Some(items_type(api, ty)),
        _ => None,
    }
}

fn status_doc(status: &StatusMatch) -> String {
    match status {
        StatusMatch::Code(c) => format!(" HTTP {c}."),
        StatusMatch::Range(r) => format!(" HTTP {r}xx."),
        StatusMatch::Default => " Any other status (the spec's `default` response).".to_string(),
    }
}

/// The type a variant of the response or error enum carries.
fn variant_payload(api: &Api, outcome: &Outcome, errors: bool) -> Option<TokenStream> {
    let ty = payload(api, outcome, errors)?;
    Some(if outcome.boxed { quote!(Box<#ty>) } else { ty })
}

/// The constructor of `variant` as a function of the decoded body.
pub fn construct(variant: TokenStream, outcome: &Outcome) -> TokenStream {
    if outcome.boxed {
        quote!(|body| #variant(Box::new(body)))
    } else {
        variant
    }
}

fn variants(api: &Api, outcomes: &[Outcome], errors: bool) -> Vec<TokenStream> {
    outcomes
        .iter()
        .map(|o| {
            let name = ident(&o.variant);
            let described = !docs::lines(&o.docs).is_empty();
            let doc = docs::attrs(&o.docs);
            let gap = described.then(|| quote!(#[doc = ""]));
            let status = docs::lit(&status_doc(&o.status));
            match variant_payload(api, o, errors) {
                Some(ty) => quote!(#doc #gap #[doc = #status] #name(#ty),),
                None => quote!(#doc #gap #[doc = #status] #name,),
            }
        })
        .collect()
}

/// The operation's error type: the enum of its documented error responses
/// (shared by the operations with the same ones), or the runtime's
/// uninhabited one when it documents none.
pub fn error_type(op: &Operation) -> TokenStream {
    match &op.error_type {
        Some(name) => {
            let name = ident(name);
            quote!(#name)
        }
        None => quote!(codegen_runtime::NoDocumentedErrors),
    }
}

/// An enum of documented error responses, with its `kind()`.
pub fn error_enum(api: &Api, e: &ErrorEnum) -> TokenStream {
    let name = ident(&e.name);
    let doc = match e.users.as_slice() {
        [one] => format!(
            " The documented error responses of [`Client::{}`].",
            one.plain()
        ),
        users => {
            // Five by name, or four and how many more.
            let shown = if users.len() <= 5 { users.len() } else { 4 };
            let mut names: Vec<String> = users
                .iter()
                .take(shown)
                .map(|u| format!("`{}`", u.plain()))
                .collect();
            if users.len() > shown {
                names.push(format!("{} more", users.len() - shown));
            }
            let last = names.pop().unwrap_or_default();
            format!(
                " The documented error responses of {} operations: {} and {last}.",
                users.len(),
                names.join(", ")
            )
        }
    };
    let doc = docs::lit(&doc);
    let variants = variants(api, &e.outcomes, true);
    let codes = e.outcomes.iter().map(|o| {
        let name = ident(&o.variant);
        let pattern = if payload(api, o, true).is_some() {
            quote!(Self::#name(_))
        } else {
            quote!(Self::#name)
        };
        let label = Literal::string(&o.variant);
        quote!(#pattern => #label,)
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The variant's name, for logs and metrics.
            pub fn kind(&self) -> &'static str {
                match self { #(#codes)* }
            }
        }
    }
}

pub fn response_enum(api: &Api, op: &Operation) -> Option<TokenStream> {
    let name = ident(op.response_enum.as_ref()?);
    let doc = docs::lit(&format!(
        " The success responses of [`Client::{}`]; the status tells them apart.",
        op.name.plain()
    ));
    let variants = variants(api, &op.success, false);
    // A body still being read (a stream, a download) is neither cloned nor compared.
    let derives = if op.streamed().is_empty() {
        quote!(#[derive(Debug, Clone, PartialEq)])
    } else {
        quote!(#[derive(Debug)])
    };
    Some(quote! {
        #[doc = #doc]
        #derives
        pub enum #name {
            #(#variants)*
        }
    })
}

/// The Rust type of a parameter as stored or passed by value.
pub fn param_type(api: &Api, ty: &TypeRef) -> TokenStream {
    rust_type(api, ty, Scope::Client)
}

pub fn params_struct(api: &Api, op: &Operation) -> Option<TokenStream> {
    let name = ident(op.params_struct.as_ref()?);
    let doc = docs::lit(&format!(
        " Optional parameters of [`Client::{}`].",
        op.name.plain()
    ));
    let fields = op.params.iter().filter(|p| !p.required).map(|p| {
        let field = ident(&p.name);
        let ty = param_type(api, &p.ty);
        let doc = docs::attrs(&p.docs);
        quote!(#doc pub #field: Option<#ty>,)
    });
    let body = op.body.as_ref().filter(|b| b.on_builder()).map(|b| {
        let ty = body_type(api, b);
        let doc = docs::line_attrs(&body_doc(b));
        quote!(#doc pub body: Option<#ty>,)
    });
    Some(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
            #body
        }
    })
}

/// The type an optional body is held as, owned, in the `…Params` struct.
pub fn body_type(api: &Api, body: &Body) -> TokenStream {
    match body.media {
        MediaKind::Stream(_) => {
            let item = rust_type(api, &body.ty, Scope::Client);
            quote!(Vec<#item>)
        }
        MediaKind::Text => quote!(String),
        _ => rust_type(api, &body.ty, Scope::Client),
    }
}

/// The doc of an optional body's field and setter: the request body's
/// description, or what it is.
pub fn body_doc(body: &Body) -> Vec<String> {
    let doc = docs::lines(&body.docs);
    if doc.is_empty() {
        vec![" The request body (optional).".to_string()]
    } else {
        doc
    }
}

/// `codegen_runtime::stream::Items<T>` for an item type.
fn items_type(api: &Api, item: &TypeRef) -> TokenStream {
    let item = rust_type(api, item, Scope::Client);
    quote!(codegen_runtime::stream::Items<#item>)
}
