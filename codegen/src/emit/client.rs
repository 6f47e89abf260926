//! The client module: `Client`, its environment constructors, and one
//! method per operation, which returns the operation's `Call`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::Module;
use super::dispatch::{pattern, response_arms};
use super::outcomes::{self, payload};
use super::request::{
    json_content_type, param_descriptor, path_template, property_encoding, query_string,
};
use super::split::Split;
use super::validate::value_check;
use super::{Scope, docs, ident, rust_type};
use crate::model::{
    Api, MediaKind, Operation, Param, ParamLocation, SchemeKind, StatusMatch, TypeRef,
};
use crate::shared::{Options, Piece, code_span};

/// Operations per piece of the `impl Client` block.
pub(super) const METHODS_PER_PIECE: usize = 16;

/// The client modules. The shared one: the head with `impl Client` left
/// open, its methods in groups, the closing brace, then outcome types, the
/// API's trait and webhooks. Then each feature's own module (see
/// [`super::split`]): its methods in an `impl Client` of their own, and
/// their outcome types.
pub fn modules<'a>(api: &'a Api, options: &Options, split: &Split) -> Vec<Module<'a>> {
    let (tag_features, vendored) = (options.tag_features, options.vendored_runtime);
    let webhooks_part = split.webhooks_part(api);
    let mut by_part = split.operations_by_part(api);
    let own = by_part.remove(&None).unwrap_or_default();
    let mut shared = vec![Piece::OpenImpl(Box::new(move || head(api, vendored)))];
    push_operations(&mut shared, api, own, tag_features);
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
        let mut pieces = vec![Piece::OpenImpl(Box::new(|| {
            let prelude = super::split::prelude();
            quote!(#prelude impl Client {})
        }))];
        push_operations(&mut pieces, api, ops, false);
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
        let feature = super::features::WEBHOOKS;
        quote!(#[cfg(feature = #feature)])
    } else {
        quote!()
    }
}

/// Methods of `ops` continuing an open `impl Client`, its closing brace,
/// then their outcome types; each gated when `gated`.
fn push_operations<'a>(
    pieces: &mut Vec<Piece<'a>>,
    api: &'a Api,
    ops: Vec<&'a Operation>,
    gated: bool,
) {
    for chunk in ops.chunks(METHODS_PER_PIECE) {
        let chunk = chunk.to_vec();
        pieces.push(Piece::ImplItems(Box::new(move || {
            let methods = chunk.iter().map(|op| {
                let cfg = super::features::op_cfg(op, gated);
                let method = method(api, op);
                let (def, stream) = (method.def, method.stream);
                let stream = stream.map(|s| quote!(#cfg #s));
                quote!(#cfg #def #stream)
            });
            quote!(impl Client { #(#methods)* })
        })));
    }
    pieces.push(Piece::Text("}\n"));
    for chunk in ops.chunks(METHODS_PER_PIECE) {
        let chunk = chunk.to_vec();
        pieces.push(Piece::Items(Box::new(move || {
            let outcome_types = chunk.iter().map(|op| {
                let error = outcomes::error_enum(op);
                let response = outcomes::response_enum(op);
                let params = outcomes::params_struct(op);
                let headers = super::headers::emit(op);
                super::features::gate_items(
                    quote!(#error #response #params #headers),
                    &super::features::op_cfg(op, gated),
                )
            });
            quote!(#(#outcome_types)*)
        })));
    }
}

/// Everything before the methods: `Client`, its `Api` impl, and the open
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
            doc.push(format!(" - `{}`:{desc} Default {}.{allowed}", v.name.trim_start_matches("r#"), code_span(&v.default)));
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
                    s.name.trim_start_matches("r#"),
                    code_span(&example),
                ),
            ];
            quote! {
                #(#[doc = #doc])*
                pub fn #name(origin: impl AsRef<str>) -> codegen_runtime::ClientBuilder<Self> {
                    let mut base_url = origin.as_ref().trim_end_matches('/').to_string();
                    base_url.push_str(#url);
                    codegen_runtime::ClientBuilder::new(base_url)
                }
            }
        } else if s.variables.is_empty() {
            quote! {
                #(#[doc = #doc])*
                pub fn #name() -> codegen_runtime::ClientBuilder<Self> {
                    codegen_runtime::ClientBuilder::new(#url)
                }
            }
        } else {
            let args: Vec<_> = s.variables.iter().map(|v| ident(&v.name)).collect();
            let wires = s.variables.iter().map(|v| Literal::string(&v.wire_name));
            quote! {
                #(#[doc = #doc])*
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
    let more_docs = super::api_docs::lines(api);
    quote! {
        #![cfg_attr(rustfmt, rustfmt::skip)]
        // Deprecated types and parameters are still sent and decoded.
        #![allow(deprecated)]
        #[allow(unused_imports)]
        use super::types;
        #runtime

        #[doc = #title]
        ///
        /// Build one with an environment constructor or [`Client::with_base_url`],
        /// add credentials, then call `build()`. `Debug` and `Display` never show credentials.
        #(#[doc = #more_docs])*
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

        #[allow(clippy::too_many_arguments)]
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
        let payload = rust_type(&w.payload, Scope::Client);
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
        quote! {
            #(#[doc = #doc])*
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

/// The argument type of a required parameter.
fn arg_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(&str),
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner, Scope::Client);
            quote!(&[#inner])
        }
        TypeRef::Named(_) | TypeRef::Map(_) | TypeRef::Json => {
            let ty = rust_type(ty, Scope::Client);
            quote!(&#ty)
        }
        _ => rust_type(ty, Scope::Client),
    }
}

/// One operation's client method, and its paginator (`*_stream`) if it is
/// a list operation.
struct Method {
    def: TokenStream,
    stream: Option<TokenStream>,
}

/// What an operation's method takes and returns: the same for the client's
/// method, its declaration in the API's trait and the delegation to it.
pub(super) struct Signature {
    pub name: Ident,
    pub deprecated: Option<TokenStream>,
    pub args: Vec<TokenStream>,
    pub names: Vec<Ident>,
    pub output: TokenStream,
}

/// The body of a success, the error type and the typed headers (`, H`) of
/// an operation's answers.
fn outcome_types(op: &Operation) -> (TokenStream, TokenStream, Option<TokenStream>) {
    let success = match &op.response_enum {
        Some(e) => {
            let e = ident(e);
            quote!(#e)
        }
        None => op
            .success
            .first()
            .and_then(|o| payload(o, false))
            .unwrap_or(quote!(())),
    };
    let error = ident(&op.error_type);
    (success, quote!(#error), super::headers::response_param(op))
}

pub(super) fn signature(op: &Operation) -> Signature {
    let (success, error, typed) = outcome_types(op);
    let mut args = Vec::new();
    let mut names = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let arg = ident(&p.name);
        let ty = arg_type(&p.ty);
        args.push(quote!(#arg: #ty));
        names.push(arg);
    }
    if let Some(body) = &op.body {
        let ty = match body.media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => arg_type(&body.ty),
            MediaKind::Stream(_) => arg_type(&TypeRef::Vec(Box::new(body.ty.clone()))),
            MediaKind::Text => quote!(&str),
            MediaKind::Binary => quote!(impl Into<codegen_runtime::reexport::bytes::Bytes> + Send),
        };
        let ty = if body.required || body.media == MediaKind::Binary {
            ty
        } else {
            quote!(Option<#ty>)
        };
        args.push(quote!(body: #ty));
        names.push(ident("body"));
    }
    if let Some(params) = &op.params_struct {
        let params = ident(params);
        args.push(quote!(params: &#params));
        names.push(ident("params"));
    }
    if op.idempotency.is_some() {
        args.push(quote!(idempotency_key: Option<&str>));
        names.push(ident("idempotency_key"));
    }
    Signature {
        name: ident(&op.name),
        deprecated: op.docs.deprecated.then(|| quote!(#[deprecated])),
        args,
        names,
        output: quote!(Result<codegen_runtime::Response<#success #typed>, codegen_runtime::Error<#error>>),
    }
}

fn method(api: &Api, op: &Operation) -> Method {
    let Signature {
        name,
        deprecated,
        args,
        names,
        output,
    } = signature(op);
    let mut doc = docs::lines(&op.docs);
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.push(format!(" `{} {}`", op.method, op.path.replace('`', "'")));
    let mut checks = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let arg = ident(&p.name);
        let wire = Literal::string(&p.wire_name);
        // Checks take a reference; scalars are passed by value, so borrow
        // them once (a `*&arg` in the check would trip clippy).
        let by_ref = matches!(
            p.ty,
            TypeRef::String | TypeRef::Vec(_) | TypeRef::Named(_) | TypeRef::Map(_) | TypeRef::Json
        );
        let value = if by_ref { quote!(#arg) } else { quote!(value) };
        if let Some(check) = value_check(api, &p.ty, &p.constraints, value, quote!(p)) {
            let borrow = (!by_ref).then(|| quote!(let value = &#arg;));
            checks.push(
                quote!({ let p = codegen_runtime::validate::Path::ROOT.field(#wire); #borrow #check }),
            );
        }
    }
    if let Some(body) = &op.body
        && matches!(
            body.media,
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart | MediaKind::Stream(_)
        )
        && super::validates(api, &body.ty)
    {
        let path = quote!(codegen_runtime::validate::Path::ROOT);
        checks.push(if body.required {
            quote!(codegen_runtime::Validate::validate_at(body, v, &#path);)
        } else {
            quote!(if let Some(body) = body { codegen_runtime::Validate::validate_at(body, v, &#path); })
        });
    }
    if op.params_struct.is_some() {
        for p in op.params.iter().filter(|p| !p.required) {
            let field = ident(&p.name);
            let wire = Literal::string(&p.wire_name);
            if let Some(check) = value_check(api, &p.ty, &p.constraints, quote!(value), quote!(p)) {
                checks.push(quote!(if let Some(value) = &params.#field { let p = codegen_runtime::validate::Path::ROOT.field(#wire); #check }));
            }
        }
    }
    if let Some(idem) = &op.idempotency
        && let Some(max) = idem.max_length
    {
        let wire = Literal::string(&idem.header);
        checks.push(quote!(if let Some(key) = idempotency_key { v.length(&codegen_runtime::validate::Path::ROOT.field(#wire), key, None, Some(#max)); }));
    }
    if op.idempotency.is_some() {
        doc.push(String::new());
        doc.push(" `idempotency_key`: sent as the idempotency header; a new UUID v4 when `None`. Retries reuse it, and the response reports it.".into());
    }
    // A method whose answers are all read whole returns a `Call`: a plain
    // function, the sending shared in the runtime. One that streams an
    // answer is `async`, as it returns the stream before the body is read.
    let streamed: Vec<&StatusMatch> = super::streams::streamed(op)
        .iter()
        .map(|(o, _)| &o.status)
        .collect();
    let streams = !streamed.is_empty();
    let refuse = if streams {
        quote!(validator.finish()?;)
    } else {
        quote!(if let Err(e) = validator.finish() {
            return codegen_runtime::Call::refused(e);
        })
    };
    let validation = (!checks.is_empty()).then(|| {
        quote! {
            let mut validator = codegen_runtime::validate::Validator::default();
            let v = &mut validator;
            #(#checks)*
            #refuse
        }
    });

    let template = Literal::string(&path_template(&op.request_path));
    let start = match op.method.as_str() {
        "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE" => {
            let method = ident(&op.method);
            quote!(codegen_runtime::RequestParts::start(codegen_runtime::reexport::reqwest::Method::#method, #template))
        }
        // QUERY and other methods, named as they are sent.
        other => {
            let method = Literal::string(other);
            quote!(codegen_runtime::RequestParts::start_custom(#method, #template))
        }
    };
    let security = op.security.iter().map(|alt| quote!(&[#(#alt),*]));
    let operation = Literal::string(op.name.trim_start_matches("r#"));
    let spec_path = Literal::string(&op.request_path);
    let mut setup = vec![quote!(parts.operation(#operation, #spec_path);)];
    if !op.security.is_empty() {
        setup.push(quote!(parts.security(&[#(#security),*]);));
    }
    if !op.accept.is_empty() {
        let accept = Literal::string(&op.accept.join(", "));
        setup.push(quote!(parts.accept(#accept);));
    }
    // Path parameters fill the template in order, then the others.
    let (path_params, others): (Vec<&Param>, Vec<&Param>) = op
        .params
        .iter()
        .partition(|p| p.location == ParamLocation::Path);
    for p in path_params.into_iter().chain(others) {
        let descriptor = param_descriptor(p);
        let put = match &p.location {
            ParamLocation::Path => quote!(path_param),
            ParamLocation::Query => quote!(query_param),
            ParamLocation::Header => quote!(header_param),
            ParamLocation::Cookie => quote!(cookie_param),
            ParamLocation::QueryString(_) => quote!(query_string),
        };
        let arg = ident(&p.name);
        // An absent optional parameter (`None`) is left out.
        let value = if p.required {
            quote!(&#arg)
        } else {
            quote!(&params.#arg)
        };
        let descriptor = match &p.location {
            ParamLocation::QueryString(how) => query_string(&p.wire_name, how),
            _ => quote!(&#descriptor),
        };
        setup.push(quote!(parts.#put(#descriptor, #value);));
    }
    if let Some(idem) = &op.idempotency {
        let header = Literal::string(&idem.header);
        setup.push(quote!(parts.idempotency_key(#header, idempotency_key);));
    }
    if let Some(body) = &op.body {
        let encodings = body.encoding.iter().map(property_encoding);
        let put = match body.media {
            MediaKind::Json => {
                let ct = Literal::string(json_content_type(&body.content_type));
                quote!(parts.json_body(#ct, body);)
            }
            MediaKind::Form => quote!(parts.form_body(body, &[#(#encodings),*]);),
            MediaKind::Multipart => match &body.positional {
                Some(by_position) => {
                    let ct = Literal::string(&body.content_type);
                    let prefix = by_position.prefix.iter().map(|p| match p {
                        Some(ct) => quote!(Some(#ct)),
                        None => quote!(None),
                    });
                    let item = match &by_position.item {
                        Some(ct) => quote!(Some(#ct)),
                        None => quote!(None),
                    };
                    quote!(parts.multipart_parts(#ct, body, &[#(#prefix),*], #item);)
                }
                None => quote!(parts.multipart_body(body, &[#(#encodings),*]);),
            },
            MediaKind::Text => {
                let ct = Literal::string(&body.content_type);
                quote!(parts.raw_body(#ct, body.to_string());)
            }
            MediaKind::Binary => {
                let ct = Literal::string(&body.content_type);
                quote!(parts.raw_body(#ct, body);)
            }
            MediaKind::Stream(format) => super::streams::body(&body.content_type, format),
        };
        setup.push(if body.required || body.media == MediaKind::Binary {
            put
        } else {
            quote!(if let Some(body) = body { #put })
        });
    }
    let arms = response_arms(op);
    let all_streamed = op.success.iter().all(|o| streamed.contains(&&o.status));
    let dispatch = if op.errors.is_empty() && all_streamed {
        // Only a stream is documented: any other answer is unexpected.
        quote!(Err(raw.unexpected()))
    } else if all_streamed {
        // Every success returned as a stream (with its headers) already:
        // what is left are errors.
        quote!(match raw.status.as_u16() { #(#arms)* })
    } else {
        super::headers::dispatch(op, quote!(match raw.status.as_u16() { #(#arms)* }))
    };
    let def = if streams {
        let send = super::streams::send(
            op,
            |o| pattern(&o.status, true),
            super::headers::response_param(op).is_some(),
        );
        quote! {
            #(#[doc = #doc])*
            #deprecated
            pub async fn #name(&self, #(#args),*) -> #output {
                #validation
                let mut parts = #start;
                #(#setup)*
                #send
                #dispatch
            }
        }
    } else {
        let (success, error, typed) = outcome_types(op);
        let dispatch = if typed.is_some() {
            quote!({ #dispatch })
        } else {
            dispatch
        };
        quote! {
            #(#[doc = #doc])*
            #deprecated
            pub fn #name(&self, #(#args),*) -> codegen_runtime::Call<'_, #success, #error #typed> {
                #validation
                let mut parts = #start;
                #(#setup)*
                codegen_runtime::Call::new(&self.core, parts, |raw| #dispatch)
            }
        }
    };
    let stream = super::paginate::stream(op, &args, &names);
    Method { def, stream }
}
