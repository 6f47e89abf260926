//! The `*_stream` method of a list operation: every item across pages,
//! through the operation's own method and the runtime's `paginate::pages`.

use proc_macro2::{Ident, TokenStream};

use super::builder::args_of;
use super::signature::with_lifetime;
use quote::{format_ident, quote};

use crate::emit::{Scope, ident, rust_type};
use crate::model::{Api, FieldRef, Held, Operation, PageKind};

/// The field's value, with `or` for an absent one (`unwrap_or_default()`).
fn value(of: TokenStream, field: &FieldRef, or: TokenStream) -> TokenStream {
    let name = ident(&field.name);
    match field.held {
        Held::Plain => quote!(#of.#name),
        Held::Optional => quote!(#of.#name.#or),
        Held::Nullable => quote!(#of.#name.into_option().#or),
    }
}

/// The field's value as an `Option`, cloned.
fn option(of: TokenStream, field: &FieldRef) -> TokenStream {
    let name = ident(&field.name);
    match field.held {
        Held::Plain => quote!(Some(#of.#name.clone())),
        Held::Optional => quote!(#of.#name.clone()),
        Held::Nullable => quote!(#of.#name.clone().into_option()),
    }
}

/// `Some` for an operation the lowering gave a paginator: a `*_stream`
/// method of `Client`, or with a builder (optional parameters) its
/// `stream()`.
pub fn stream(
    api: &Api,
    op: &Operation,
    args: &[TokenStream],
    names: &[Ident],
) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let builder = op.builder.is_some();
    let method = if builder {
        super::signature::send_name(op)
    } else {
        ident(&op.name)
    };
    let stream = format_ident!("{}_stream", op.name.plain());
    let error = super::outcomes::error_type(op);
    let item = rust_type(api, &pagination.item, Scope::Client);
    // The call for one page: its own copy of the optional parameters.
    let call: Vec<TokenStream> = names
        .iter()
        .map(|n| {
            if n == "params" {
                quote!(&params)
            } else {
                quote!(#n)
            }
        })
        .collect();
    let page_call = if builder {
        let kept = names.iter().filter(|n| *n != "params").count();
        let args = args_of(kept, quote!(args));
        quote!(options.apply(client.#method(#(#args,)* &params)))
    } else {
        quote!(self.#method(#(#call),*))
    };
    let items = match &pagination.items {
        Some(field) => value(quote!(page), field, quote!(unwrap_or_default())),
        None => quote!(page),
    };
    let (first, cursor_ty, set, fetch) = match &pagination.kind {
        PageKind::HasMore { flag, id, param } => {
            let param = ident(param);
            let flag = value(quote!(page), flag, quote!(unwrap_or(false)));
            let last = match id.held {
                Held::Plain => {
                    let id = ident(&id.name);
                    quote!(items.last().map(|item| item.#id.clone()))
                }
                _ => {
                    let id_value = option(quote!(item), id);
                    quote!(items.last().and_then(|item| #id_value))
                }
            };
            (
                quote!(None),
                quote!(Option<String>),
                quote!(if cursor.is_some() { params.#param = cursor; }),
                quote! {
                    let page = #page_call.await?.body;
                    let more = #flag;
                    let items = #items;
                    let next = if more { #last.map(Some) } else { None };
                },
            )
        }
        PageKind::Cursor { next, param } => {
            let param = ident(param);
            let cursor = option(quote!(page), next);
            (
                quote!(None),
                quote!(Option<String>),
                quote!(if cursor.is_some() { params.#param = cursor; }),
                quote! {
                    let page = #page_call.await?.body;
                    let next = #cursor.filter(|c| !c.is_empty()).map(Some);
                    let items = #items;
                },
            )
        }
        PageKind::Number { param, start, link } => {
            let wire = op
                .params
                .iter()
                .find(|p| &p.name == param)
                .map(|p| p.wire_name.clone())
                .unwrap_or_default();
            let number = op
                .params
                .iter()
                .find(|p| &p.name == param)
                .map_or(quote!(i64), |p| rust_type(api, &p.ty, Scope::Client));
            let param = ident(param);
            let start = proc_macro2::Literal::i64_unsuffixed(*start);
            let next = if *link {
                quote! {
                    let next = codegen_runtime::paginate::next_link_param(&response.headers, #wire)
                        .and_then(|n| n.parse::<#number>().ok());
                }
            } else {
                quote!(let next = (!items.is_empty()).then(|| cursor + 1);)
            };
            (
                quote!(params.#param.unwrap_or(#start)),
                number.clone(),
                quote!(params.#param = Some(cursor);),
                quote! {
                    let response = #page_call.await?;
                    let page = response.body;
                    let items = #items;
                    #next
                },
            )
        }
    };
    // Every borrowed argument lives as long as the stream.
    let args: Vec<TokenStream> = args.iter().map(|a| with_lifetime(a.clone())).collect();
    let doc = crate::emit::docs::lit(&format!(
        " Every item of [`Client::{}`], page after page ({}). Pages are fetched as the stream is read, each like a single call (same retries, same typed errors); an error is the last item.",
        op.name.plain(),
        pagination.reason
    ));
    let pages = quote!(codegen_runtime::paginate::Pages<'a, #item, #cursor_ty, #error>);
    let options = builder.then(|| quote!(let options = options.clone();));
    let body = |prelude: TokenStream| {
        quote! {
            #prelude
            codegen_runtime::paginate::pages(#first, move |cursor: #cursor_ty| {
                let mut params = params.clone();
                #options
                #set
                async move {
                    #fetch
                    Ok(codegen_runtime::paginate::Page { items, next })
                }
            })
        }
    };
    if builder {
        let has_args = names.iter().any(|n| n != "params");
        let args = has_args.then(|| quote!(args,));
        let body = body(quote!(let Self { client, #args params, options } = self;));
        let builder = ident(op.builder.as_deref().unwrap_or_default());
        return Some(quote! {
            impl<'a> #builder<'a> {
                #[doc = #doc]
                pub fn stream(self) -> #pages {
                    #body
                }
            }
        });
    }
    let body = body(quote!(let params = params.clone();));
    Some(quote! {
        #[doc = #doc]
        pub fn #stream<'a>(&'a self, #(#args),*) -> #pages {
            #body
        }
    })
}
