//! Stage 3, emit: the model to token trees, one module per construct.
//! Emitters read only the model (and the options), never the spec, and
//! never re-decide what the model says. A module is handed to `write` as
//! pieces of complete items, formatted in parallel.

mod api_docs;
mod api_trait;
mod builders;
mod client;
mod contract;
pub mod crate_files;
mod de;
mod decode_check;
pub mod docs;
mod enums;
mod examples;
pub mod features;
mod fields;
pub mod guide;
mod operation;
mod samples;
mod split;
mod structs;
mod unions;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

/// Operations per piece of an `impl Client` block or an API trait.
pub(crate) const METHODS_PER_PIECE: usize = 16;

use crate::model::{Api, TypeDef, TypeKind, TypeRef};
use crate::shared::{Options, Piece};

/// The client modules: the shared one (`Client`, its methods and their
/// outcome types), then one per feature with operations of its own.
pub fn client_modules<'a>(api: &'a Api, options: &Options) -> Vec<Module<'a>> {
    client::modules(api, options)
}

/// An operation's method as users' code calls it, as Rust text: the
/// arguments, the success type, the error type and the typed headers.
/// What `codegen diff` compares.
pub fn method_shape(api: &Api, op: &crate::model::Operation) -> (Vec<String>, [String; 3]) {
    let sig = operation::signature::signature(api, op);
    let text = |t: TokenStream| t.to_string();
    (
        sig.args.into_iter().map(text).collect(),
        [
            text(sig.success),
            text(sig.error),
            sig.typed.map(text).unwrap_or_default(),
        ],
    )
}

pub use fields::field_type;

/// In a crate that carries the runtime as its `runtime` module, generated
/// code names it as it would the `codegen_runtime` crate.
pub fn runtime_import(vendored: bool) -> TokenStream {
    if vendored {
        quote! {
            #[allow(unused_imports)]
            use crate::runtime as codegen_runtime;
        }
    } else {
        quote!()
    }
}

/// The path of one of the runtime's macros: a vendored runtime's are
/// exported at the crate's root.
pub fn runtime_macro(name: &str, vendored: bool) -> TokenStream {
    let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
    if vendored {
        quote!(crate::#name)
    } else {
        quote!(codegen_runtime::#name)
    }
}

/// The contract tests of `api` (a crate's `tests/contract.rs`).
pub fn contract_tests(api: &Api) -> TokenStream {
    contract::tests(api)
}

/// The decode-check program of `api` (a crate's `examples/decode_check.rs`).
pub fn decode_check(api: &Api) -> TokenStream {
    decode_check::harness(api)
}

/// Types per piece: small enough that no piece's syntax tree is large,
/// large enough that threads do not contend for work.
const TYPES_PER_PIECE: usize = 32;

/// The pieces of a generated module, with the module's file stem for a
/// feature's own module (`None`: the shared one).
pub type Module<'a> = (Option<String>, Vec<Piece<'a>>);

/// The types modules: the shared one (one Rust type per schema), then one
/// per feature that alone builds some types (see the `split` module).
pub fn types_modules<'a>(api: &'a Api, options: &Options) -> Vec<Module<'a>> {
    let vendored = options.vendored_runtime;
    let mut shared: Vec<Piece<'a>> = vec![Piece::Items(Box::new(move || {
        let runtime = runtime_import(vendored);
        quote! {
            #![cfg_attr(rustfmt, rustfmt::skip)]
            #![allow(deprecated, clippy::large_enum_variant, clippy::too_many_arguments, clippy::doc_lazy_continuation)]
            #runtime
        }
    }))];
    let mut by_part = split::types_by_part(api);
    let own = by_part.remove(&None).unwrap_or_default();
    push_types(&mut shared, api, vendored, own, true);
    let cfg = move |def: &TypeDef| features::cfg_of(&def.gate);
    shared.push(Piece::Items(Box::new(move || {
        structs::default_fns(api, &cfg)
    })));
    if options.example_tests {
        shared.push(Piece::Items(Box::new(move || examples::tests(api, &cfg))));
    }
    let mut parts = Vec::new();
    let mut modules = Vec::new();
    for (feature, types) in by_part.into_iter().filter_map(|(f, t)| Some((f?, t))) {
        let mut pieces: Vec<Piece<'a>> = vec![Piece::Items(Box::new(split::prelude))];
        push_types(&mut pieces, api, vendored, types, false);
        modules.push((Some(split::file_stem(&feature)), pieces));
        parts.push(feature);
    }
    shared.push(Piece::Items(Box::new(move || split::declarations(&parts))));
    modules.insert(0, (None, shared));
    modules
}

/// The types as pieces of [`TYPES_PER_PIECE`], each item gated (in the
/// shared module) or not (in a feature's own, gated as a whole).
fn push_types<'a>(
    pieces: &mut Vec<Piece<'a>>,
    api: &'a Api,
    vendored: bool,
    types: Vec<&'a TypeDef>,
    gated: bool,
) {
    for chunk in types.chunks(TYPES_PER_PIECE) {
        let chunk = chunk.to_vec();
        pieces.push(Piece::Items(Box::new(move || {
            let defs = chunk.iter().map(|def| {
                let tokens = type_def(api, def, vendored);
                if gated {
                    features::gate_items(tokens, &features::cfg_of(&def.gate))
                } else {
                    tokens
                }
            });
            defs.collect()
        })));
    }
}

fn type_def(api: &Api, def: &TypeDef, vendored: bool) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => structs::emit(api, def, s, vendored),
        TypeKind::Enum(e) => enums::emit(def, e, vendored),
        TypeKind::Union(u) => unions::emit(api, def, u),
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let docs = docs::attrs(&def.docs);
            let target = rust_type(api, target, Scope::Types);
            quote! { #docs pub type #name = #target; }
        }
    }
}

/// Where a type is named from: inside `types`, or from the client module.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Types,
    Client,
}

/// Items in braces (a block's body) as one token, which `quote!` takes as
/// it is: a stream interpolated as `#stream` is copied token by token.
pub fn braced(items: impl Iterator<Item = TokenStream>) -> proc_macro2::Group {
    proc_macro2::Group::new(proc_macro2::Delimiter::Brace, items.collect())
}

/// An identifier that may be a raw identifier (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type for a model type reference.
pub fn rust_type(api: &Api, ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Named(id) => {
            let name = ident(api.type_name(*id));
            match scope {
                Scope::Types => quote!(#name),
                Scope::Client => quote!(types::#name),
            }
        }
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Decimal => quote!(rust_decimal::Decimal),
        TypeRef::Date => quote!(chrono::NaiveDate),
        TypeRef::DateTime => quote!(codegen_runtime::LenientDateTime),
        TypeRef::Uuid => quote!(uuid::Uuid),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::File => quote!(codegen_runtime::FilePart),
        TypeRef::Vec(inner) => {
            let inner = rust_type(api, inner, scope);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(api, inner, scope);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(api, inner, scope);
            quote!(Option<#inner>)
        }
    }
}

/// The derives every generated type has, plus `Eq`/`Hash` where they hold;
/// with `serde`, `Deserialize` and, where the type is encoded, `Serialize`.
/// `Debug` is left out when the type writes its own (to redact fields).
pub fn derives(def: &TypeDef, debug: bool, serde: bool) -> TokenStream {
    let traits: &[&str] = match (serde, def.serialize) {
        (false, _) => &[],
        (true, true) => &["Serialize", "Deserialize"],
        (true, false) => &["Deserialize"],
    };
    derive_list(def, debug, traits)
}

pub(crate) fn derive_list(def: &TypeDef, debug: bool, serde: &[&str]) -> TokenStream {
    let mut list = Vec::new();
    if debug {
        list.push(quote!(Debug));
    }
    list.push(quote!(Clone));
    list.push(quote!(PartialEq));
    if def.eq {
        list.push(quote!(Eq));
    }
    if def.hash {
        list.push(quote!(Hash));
    }
    for name in serde {
        let name = format_ident!("{name}");
        list.push(quote!(serde::#name));
    }
    quote!(#[derive(#(#list),*)])
}

/// Whether a type reference names a type that implements `Validate`.
pub fn validates(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(n) => api.type_def(*n).is_some_and(|d| d.validates),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            validates(api, inner)
        }
        _ => false,
    }
}
