//! The client module: `Client`, its environment constructors, and one
//! method per operation, which returns the operation's `Call`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use std::collections::HashMap;
use std::sync::Arc;

use super::operation::builder::Owner;
use super::operation::{self, headers, outcomes};
use super::{METHODS_PER_PIECE, Module, Scope, docs, ident, rust_type};
use crate::model::{Api, ErrorEnum, Gate, Operation, SchemeKind};
use crate::shared::{Options, Piece, code_span};

/// The client modules. The shared one: the head (`Client` and its
/// constructors), its methods in `impl Client` blocks of a few each, their
/// outcome types, the API's trait and webhooks. Then each feature's own
/// module (see [`super::split`]): its methods in `impl Client` blocks of
/// their own, and their outcome types.
pub fn modules<'a>(api: &'a Api, options: &Options) -> Vec<Module<'a>> {
    let (tag_features, vendored) = (options.tag_features, options.vendored_runtime);
    let webhooks_part = api.webhooks_part.as_deref();
    let mut by_part = super::split::operations_by_part(api);
    let own = by_part.remove(&None).unwrap_or_default();
    let mut shared: Vec<Piece<'a>> = vec![Piece::Items(Box::new(move || head(api, vendored)))];
    let owners = Arc::new(super::api_trait::owners(api, tag_features));
    let sites = |part| Sites {
        api,
        part,
        vendored,
        owners: owners.clone(),
    };
    push_operations(&mut shared, sites(None), own, tag_features);
    // Each tag's trait goes in the tag's module; one whose operations all
    // have several tags (so no module of its own) in the shared one, gated.
    let mut own_traits = std::collections::BTreeMap::new();
    for api_trait in super::api_trait::traits(api, tag_features) {
        match api_trait.feature.clone() {
            Some(feature) if by_part.contains_key(&Some(feature.clone())) => {
                own_traits.insert(feature, api_trait);
            }
            gate => shared.extend(super::api_trait::pieces(api_trait, gate)),
        }
    }
    if webhooks_part.is_none() {
        shared.push(Piece::Items(Box::new(move || {
            super::features::gate_items(webhooks(api), &webhooks_cfg(api, tag_features))
        })));
    }
    let mut parts = Vec::new();
    let mut modules = Vec::new();
    for (feature, ops) in by_part.into_iter().filter_map(|(f, o)| Some((f?, o))) {
        let mut pieces: Vec<Piece<'a>> = vec![Piece::Items(Box::new(super::split::prelude))];
        push_operations(&mut pieces, sites(Some(feature.clone())), ops, false);
        if let Some(api_trait) = own_traits.remove(&feature) {
            pieces.extend(super::api_trait::pieces(api_trait, None));
        }
        if webhooks_part == Some(feature.as_str()) {
            pieces.push(Piece::Items(Box::new(move || webhooks(api))));
        }
        modules.push((Some(super::split::file_stem(&feature)), pieces));
        parts.push(feature);
    }
    shared.push(Piece::Items(Box::new(move || {
        super::split::declarations(&parts)
    })));
    modules.insert(0, (None, shared));
    modules
}

/// The webhook parsers' `#[cfg]` with tag features.
fn webhooks_cfg(api: &Api, tag_features: bool) -> TokenStream {
    if tag_features && !api.webhooks.is_empty() {
        let feature = crate::ident::WEBHOOKS_FEATURE;
        quote!(#[cfg(feature = #feature)])
    } else {
        quote!()
    }
}

/// The `#[cfg]` of an item built under `gate` in the shared module
/// (`gated`); in a feature's own module the module is gated as a whole.
fn cfg(gate: &Gate, gated: bool) -> TokenStream {
    if gated {
        super::features::cfg_of(gate)
    } else {
        quote!()
    }
}

/// Where a module's operations are emitted: the API, the module's part
/// (`None`: the shared module), and what every piece reads.
struct Sites<'a> {
    api: &'a Api,
    part: Option<String>,
    vendored: bool,
    /// The API trait each builder is sent through, by method name.
    owners: Arc<HashMap<String, Owner>>,
}

/// Methods of `ops` in `impl Client` blocks of [`METHODS_PER_PIECE`], then
/// their outcome types, then the error enums the module's part holds; each
/// gated when `gated`.
fn push_operations<'a>(
    pieces: &mut Vec<Piece<'a>>,
    sites: Sites<'a>,
    ops: Vec<&'a Operation>,
    gated: bool,
) {
    let Sites {
        api,
        part,
        vendored,
        owners,
    } = sites;
    for chunk in ops.chunks(METHODS_PER_PIECE) {
        let chunk = chunk.to_vec();
        pieces.push(Piece::Items(Box::new(move || {
            let methods = chunk.iter().map(|op| {
                let attr = cfg(&op.gate, gated);
                let method = operation::method(api, op);
                let companion = method.companion.map(|s| quote!(#attr #s));
                let def = method.def;
                quote!(#attr #def #companion)
            });
            let methods = super::braced(methods);
            quote!(impl Client #methods)
        })));
    }
    for chunk in ops.chunks(METHODS_PER_PIECE) {
        let chunk = chunk.to_vec();
        let owners = owners.clone();
        pieces.push(Piece::Items(Box::new(move || {
            let outcome_types = chunk.iter().map(|op| {
                let response = outcomes::response_enum(api, op);
                let params = outcomes::params_struct(api, op);
                let owner = owners.get(op.name.plain());
                let builder = operation::builder_items(api, op, vendored, owner);
                let headers = headers::emit(api, op);
                super::features::gate_items(
                    quote!(#response #params #builder #headers),
                    &cfg(&op.gate, gated),
                )
            });
            outcome_types.collect()
        })));
    }
    let errors: Vec<&ErrorEnum> = api.error_enums.iter().filter(|e| e.part == part).collect();
    for chunk in errors.chunks(METHODS_PER_PIECE) {
        let chunk = chunk.to_vec();
        pieces.push(Piece::Items(Box::new(move || {
            let enums = chunk.iter().map(|e| {
                let items = outcomes::error_enum(api, e);
                let read = operation::read_error_impl(api, e);
                super::features::gate_items(quote!(#items #read), &cfg(&e.gate, gated))
            });
            enums.collect()
        })));
    }
}

/// Everything before the methods: `Client`, its `Api` impl, and an
/// `impl Client` block with its constructors.
fn head(api: &Api, vendored: bool) -> TokenStream {
    let runtime = super::runtime_import(vendored);
    let info = api_info(api);
    let constructors = api.servers.iter().map(|s| {
        let name = ident(&s.name);
        let mut doc = vec![format!(" {}: {}.", docs::inline(s.description.as_deref().unwrap_or("Server")), code_span(&s.url))];
        for v in &s.variables {
            let allowed = if v.allowed.is_empty() { String::new() } else { format!(" One of: {}.", v.allowed.iter().map(|a| code_span(a)).collect::<Vec<_>>().join(", ")) };
            let desc = v.description.as_deref().map(|d| format!(" {}", docs::inline(d))).unwrap_or_default();
            doc.push(format!(" - `{}`:{desc} Default {}.{allowed}", v.name.plain(), code_span(&v.default)));
        }
        let url = Literal::string(&s.url);
        if s.relative {
            let example = format!("http://127.0.0.1:8000{}", s.url);
            let doc = [
                format!(
                    " {}: {} on the server at `origin`, its scheme, host and port.",
                    docs::inline(s.description.as_deref().unwrap_or("The API")),
                    code_span(if s.url.is_empty() { "/" } else { &s.url }),
                ),
                String::new(),
                format!(
                    " The document gives this server relative to where it is served: `Client::{}(\"http://127.0.0.1:8000\")` sends requests to {}.",
                    s.name.plain(),
                    code_span(&example),
                ),
            ];
            let doc = docs::line_attrs(&doc);
            quote! {
                #doc
                pub fn #name(origin: impl AsRef<str>) -> codegen_runtime::ClientBuilder<Self> {
                    let mut base_url = origin.as_ref().trim_end_matches('/').to_string();
                    base_url.push_str(#url);
                    codegen_runtime::ClientBuilder::new(base_url)
                }
            }
        } else if s.variables.is_empty() {
            let doc = docs::line_attrs(&doc);
            quote! {
                #doc
                pub fn #name() -> codegen_runtime::ClientBuilder<Self> {
                    codegen_runtime::ClientBuilder::new(#url)
                }
            }
        } else {
            let args: Vec<_> = s.variables.iter().map(|v| ident(&v.name)).collect();
            let wires = s.variables.iter().map(|v| Literal::string(&v.wire_name));
            let doc = docs::line_attrs(&doc);
            quote! {
                #doc
                pub fn #name(#(#args: &str),*) -> codegen_runtime::ClientBuilder<Self> {
                    codegen_runtime::ClientBuilder::for_server(codegen_runtime::ServerInfo { url: #url }, &[#((#wires, #args)),*])
                }
            }
        }
    });
    let title = format!(
        " A client for {}.",
        docs::inline(&format!("{} {}", api.title, api.version))
    );
    let title = docs::lit(&title);
    let more_docs = docs::line_attrs(&super::api_docs::lines(api));
    quote! {
        #![cfg_attr(rustfmt, rustfmt::skip)]
        // Deprecated types and parameters are still sent and decoded.
        #![allow(deprecated, clippy::too_many_arguments)]
        #[allow(unused_imports)]
        use super::types;
        #runtime

        #[doc = #title]
        ///
        /// Build one with an environment constructor or [`Client::with_base_url`],
        /// add credentials, then call `build()`. `Debug` and `Display` never show credentials.
        #more_docs
        #[derive(Debug, Clone)]
        pub struct Client {
            core: codegen_runtime::ClientCore,
        }

        #info

        impl std::fmt::Display for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.core, f)
            }
        }

        impl Client {
            #(#constructors)*

            /// A client for any base URL: a mock server, a proxy, another region.
            pub fn with_base_url(base_url: impl Into<String>) -> codegen_runtime::ClientBuilder<Self> {
                codegen_runtime::ClientBuilder::new(base_url)
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

        }
    }
}

/// A parser per webhook of the spec.
fn webhooks(api: &Api) -> TokenStream {
    let webhooks = api.webhooks.iter().map(|w| {
        let name = ident(&w.parser);
        let payload = rust_type(api, &w.payload, Scope::Client);
        let mut doc = vec![format!(
            " Parses the body of an incoming `{}` notification (`{}` webhook).",
            w.wire_name.replace('`', "'"),
            w.method
        )];
        let more = docs::lines(&w.docs);
        if !more.is_empty() {
            doc.push(String::new());
            doc.extend(more);
        }
        let doc = docs::line_attrs(&doc);
        quote! {
            #doc
            pub fn #name(body: &[u8]) -> Result<#payload, serde_json::Error> {
                serde_json::from_slice(body)
            }
        }
    });
    quote!(#(#webhooks)*)
}

fn api_info(api: &Api) -> TokenStream {
    let title = Literal::string(&api.title);
    let version = Literal::string(&api.version);
    let schemes = api.security_schemes.iter().map(|s| {
        let name = Literal::string(&s.name);
        let kind = match &s.kind {
            SchemeKind::Bearer => quote!(Bearer),
            SchemeKind::Basic => quote!(Basic),
            SchemeKind::ApiKeyHeader(n) => quote!(ApiKeyHeader(#n)),
            SchemeKind::ApiKeyQuery(n) => quote!(ApiKeyQuery(#n)),
            SchemeKind::ApiKeyCookie(n) => quote!(ApiKeyCookie(#n)),
        };
        let used = s.used;
        quote!(codegen_runtime::SecurityScheme { name: #name, kind: codegen_runtime::SchemeKind::#kind, used: #used })
    });
    let headers = api.default_headers.iter().map(|(n, v)| quote!((#n, #v)));
    quote! {
        impl codegen_runtime::Api for Client {
            const INFO: codegen_runtime::ApiInfo = codegen_runtime::ApiInfo {
                title: #title,
                version: #version,
                schemes: &[#(#schemes),*],
                default_headers: &[#(#headers),*],
            };
            fn from_core(core: codegen_runtime::ClientCore) -> Self {
                Client { core }
            }
        }
    }
}
