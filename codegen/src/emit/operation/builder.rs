//! The call of an operation with optional parameters: its method takes
//! what the operation requires and returns a builder (`ListCustomersCall`)
//! with one setter per optional parameter (and `body` for an optional
//! body), the per-call options, and, for
//! a list operation, `stream()`; awaiting it sends the request.
//!
//! ```text
//! client.list_customers().limit(10).starting_after("cus_1").await
//! ```

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::signature::{Signature, send_name, with_lifetime};
use crate::emit::{Scope, docs, ident, rust_type};
use crate::model::{Api, MediaKind, Operation, TypeRef};

/// Names a setter may not take: the builder's own methods.
const TAKEN: [&str; 6] = [
    "idempotency_key",
    "timeout",
    "header",
    "retry_policy",
    "stream",
    "into_future",
];

/// The required arguments: (name, type as the method takes it, type as the
/// builder keeps it, how it is kept, and whether that converts it).
struct Kept {
    name: Ident,
    arg: TokenStream,
    field: TokenStream,
    keep: TokenStream,
    converts: bool,
}

fn kept(op: &Operation, sig: &Signature) -> Vec<Kept> {
    sig.names
        .iter()
        .zip(&sig.types)
        .filter(|(n, _)| *n != "params")
        .map(|(name, ty)| {
            let binary = *name == "body"
                && op
                    .body
                    .as_ref()
                    .is_some_and(|b| b.media == MediaKind::Binary);
            if binary {
                Kept {
                    name: name.clone(),
                    arg: ty.clone(),
                    field: quote!(codegen_runtime::reexport::bytes::Bytes),
                    keep: quote!(#name.into()),
                    converts: true,
                }
            } else {
                let ty = with_lifetime(ty.clone());
                Kept {
                    name: name.clone(),
                    arg: ty.clone(),
                    field: ty,
                    keep: quote!(#name),
                    converts: false,
                }
            }
        })
        .collect()
}

/// The method that starts a call, for `Client` and as the API trait's
/// provided method (`generic`: the builder over `Self`): the required
/// arguments, into the builder.
pub fn starter(op: &Operation, sig: &Signature, generic: bool) -> TokenStream {
    let builder = ident(op.builder.as_deref().unwrap_or_default());
    let name = &sig.name;
    let deprecated = &sig.deprecated;
    let kept = kept(op, sig);
    let args = kept.iter().map(|k| {
        let (name, ty) = (&k.name, &k.arg);
        quote!(#name: #ty)
    });
    let keeps = kept.iter().map(|k| &k.keep);
    let args_field = (!kept.is_empty()).then(|| quote!(args: (#(#keeps,)*),));
    let params = op
        .params_struct
        .as_ref()
        .map(|_| quote!(params: Default::default(),));
    let (vis, of) = match generic {
        true => (quote!(), quote!(, Self)),
        false => (quote!(pub), quote!()),
    };
    quote! {
        #deprecated
        #vis fn #name<'a>(&'a self, #(#args),*) -> #builder<'a #of> {
            #builder { client: self, #args_field #params options: Default::default() }
        }
    }
}

/// The API trait's method for an operation without optional parameters:
/// the required arguments, into the runtime's `ApiCall`, which takes the
/// per-call options and sends them through the implementation's sending
/// method.
pub fn api_call(op: &Operation, sig: &Signature) -> TokenStream {
    let name = &sig.name;
    let deprecated = &sig.deprecated;
    let (success, error, typed) = (&sig.success, &sig.error, &sig.typed);
    let sender = ident(op.send_method.as_deref().unwrap_or_default());
    let kept = kept(op, sig);
    let args = kept.iter().map(|k| {
        let (name, ty) = (&k.name, &k.arg);
        quote!(#name: #ty)
    });
    // What the closure cannot hold as given (bytes, as `impl Into`), as
    // it is kept.
    let converted = kept.iter().filter(|k| k.converts).map(|k| {
        let (name, field, keep) = (&k.name, &k.field, &k.keep);
        quote!(let #name: #field = #keep;)
    });
    let names = kept.iter().map(|k| &k.name);
    quote! {
        #deprecated
        fn #name<'a>(&'a self, #(#args),*) -> codegen_runtime::ApiCall<'a, #success, #error #typed> {
            #(#converted)*
            codegen_runtime::ApiCall::new(move |options| self.#sender(#(#names,)* options))
        }
    }
}

/// The public method: the required arguments, into the builder.
pub fn method(op: &Operation, sig: &Signature, doc: &[String]) -> TokenStream {
    let builder = op.builder.as_deref().unwrap_or_default();
    let more = docs::lit(&format!(
        " {} on the [`{builder}`] it returns; `.await` it to send.",
        set_on(op)
    ));
    let doc = docs::line_attrs(doc);
    let starter = starter(op, sig, false);
    quote! {
        #doc
        ///
        #[doc = #more]
        #starter
    }
}

/// What is set on an operation's call: its optional parameters, if it has
/// any, and the per-call options.
pub fn set_on(op: &Operation) -> &'static str {
    match op.params_struct {
        Some(_) => "Optional parameters and per-call options are set",
        None => "Per-call options are set",
    }
}

/// What the API trait's sending method takes (`send_list_customers`):
/// the required arguments as the method takes them, the optional
/// parameters' struct by value and the per-call options.
pub fn send_args(op: &Operation, sig: &Signature) -> Vec<TokenStream> {
    let mut args: Vec<TokenStream> = sig
        .names
        .iter()
        .zip(&sig.args)
        .filter(|(n, _)| *n != "params")
        .map(|(_, a)| a.clone())
        .collect();
    if let Some(params) = &op.params_struct {
        let params = ident(params);
        args.push(quote!(params: #params));
    }
    args.push(quote!(options: codegen_runtime::CallOptions));
    args
}

/// The builder: its struct, setters, options, `stream()` and `IntoFuture`.
pub fn items(
    api: &Api,
    op: &Operation,
    sig: &Signature,
    streams: bool,
    vendored: bool,
    stream: Option<TokenStream>,
    owner: &Owner,
) -> Option<TokenStream> {
    let builder = ident(op.builder.as_deref()?);
    // The optional parameters: the field, and how it is given on.
    let (params_field, params_by_ref) = match &op.params_struct {
        Some(params) => {
            let params = ident(params);
            (Some(quote!(params: #params,)), Some(quote!(&self.params,)))
        }
        None => (None, None),
    };
    let kept = kept(op, sig);
    let doc = docs::lit(&format!(
        " The call of [`Client::{}`] (or of the API trait's method, for any implementation): set its {}, then `.await` it.",
        op.name.plain(),
        match op.params_struct {
            Some(_) => "optional parameters and per-call options",
            None => "per-call options",
        }
    ));
    // The required arguments in one tuple, so that no parameter's name
    // meets the builder's own (`client`, `params`).
    let field_types = kept.iter().map(|k| &k.field);
    let args_field = (!kept.is_empty()).then(|| quote!(args: (#(#field_types,)*),));
    let args = args_of(kept.len(), quote!(self.args));
    let setters = op.params.iter().filter(|p| !p.required).map(|p| {
        let field = ident(&p.name);
        let setter = if TAKEN.contains(&p.name.plain()) {
            format_ident!("{}_param", p.name.plain())
        } else {
            field.clone()
        };
        let mut doc = docs::lines(&p.docs);
        if doc.is_empty() {
            doc.push(format!(" Sets `{}`.", p.wire_name.replace('`', "'")));
        }
        let doc = docs::line_attrs(&doc);
        let deprecated = p.docs.deprecated.then(|| quote!(#[deprecated]));
        let (ty, value) = match &p.ty {
            TypeRef::String => (quote!(impl Into<String>), quote!(value.into())),
            ty => (rust_type(api, ty, Scope::Client), quote!(value)),
        };
        quote! {
            #doc
            #deprecated
            pub fn #setter(mut self, value: #ty) -> Self {
                self.params.#field = Some(#value);
                self
            }
        }
    });
    let body_setter = op.body.as_ref().filter(|b| b.on_builder()).map(|b| {
        let ty = super::outcomes::body_type(api, b);
        let doc = docs::line_attrs(&super::outcomes::body_doc(b));
        quote! {
            #doc
            pub fn body(mut self, value: impl Into<#ty>) -> Self {
                self.params.body = Some(value.into());
                self
            }
        }
    });
    let output = &sig.output;
    // Through the API trait: any implementation's sending method, boxed
    // (the runtime's `__send_through!` writes the `IntoFuture`).
    let sender = op.send_method.as_deref().map(ident)?;
    let trait_name = ident(&owner.name);
    let send_through = crate::emit::runtime_macro("__send_through", vendored);
    let mut fields = args_of(kept.len(), quote!(args));
    fields.extend(op.params_struct.as_ref().map(|_| quote!(params)));
    let options_methods = crate::emit::runtime_macro("__call_options", vendored);
    // Without the trait's feature (an operation of several tags, built
    // for another), `Client` sends directly.
    let (trait_cfg, fallback) = match &owner.only_with {
        Some(feature) => {
            let direct = direct(op, sig, streams, &builder, &args, params_by_ref);
            (
                quote!(#[cfg(feature = #feature)]),
                quote!(#[cfg(not(feature = #feature))] #direct),
            )
        }
        None => (quote!(), quote!()),
    };
    Some(quote! {
        #[doc = #doc]
        #[must_use = "a call sends nothing until it is awaited"]
        pub struct #builder<'a, A: ?Sized = Client> {
            client: &'a A,
            #args_field
            #params_field
            options: codegen_runtime::CallOptions,
        }
        impl<A: ?Sized> #builder<'_, A> {
            #(#setters)*
            #body_setter
            #options_methods!();
        }
        #stream
        #trait_cfg
        impl<'a, A: #trait_name + ?Sized> std::future::IntoFuture for #builder<'a, A> {
            type Output = #output;
            #send_through!(#sender(#(#fields),*));
        }
        #fallback
    })
}

/// `Client` sending an operation's call itself, when its API trait is not
/// built (`cfg(not(feature))`): as its own `Call`, or, for a streamed
/// answer, its boxed `async` method.
fn direct(
    op: &Operation,
    sig: &Signature,
    streams: bool,
    builder: &Ident,
    args: &[TokenStream],
    params: Option<TokenStream>,
) -> TokenStream {
    let send = send_name(op);
    let output = &sig.output;
    let future = if streams {
        quote! {
            type Output = #output;
            type IntoFuture = codegen_runtime::BoxFuture<'a, Self::Output>;
            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move { self.client.#send(#(#args,)* #params self.options).await })
            }
        }
    } else {
        let (success, error, typed) = (&sig.success, &sig.error, &sig.typed);
        quote! {
            type Output = <Self::IntoFuture as std::future::Future>::Output;
            type IntoFuture = codegen_runtime::Call<'a, #success, #error #typed>;
            fn into_future(self) -> Self::IntoFuture {
                self.options.apply(self.client.#send(#(#args,)* #params))
            }
        }
    };
    quote! {
        impl<'a> std::future::IntoFuture for #builder<'a> {
            #future
        }
    }
}

/// The API trait an operation's call is sent through when it is awaited.
pub struct Owner {
    /// The trait's name (`ReposApi`).
    pub name: String,
    /// The trait's tag feature, when the operation is built without it
    /// (it has several tags, and the trait is its first's): the call is
    /// then sent by `Client` directly.
    pub only_with: Option<String>,
}

/// `args.0`, `args.1`, ... for `n` kept arguments of the tuple `args`.
pub(super) fn args_of(n: usize, args: TokenStream) -> Vec<TokenStream> {
    (0..n)
        .map(|i| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#args.#i)
        })
        .collect()
}
