//! The checks a method makes of its arguments before sending anything:
//! the constraints of its parameters and body (an idempotency key the
//! caller gives is checked by the runtime's `Call::idempotency_key`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::validate::value_check;
use crate::emit::{ident, validates};
use crate::model::{Api, Body, MediaKind, Operation, TypeRef};

/// What a method checks before sending.
pub(super) enum Checks {
    /// Nothing can fail.
    None,
    /// Only its body: the body type's own `validate()`; an optional body
    /// (an `Option<&T>`) is valid when absent.
    Body { required: bool },
    /// Its parameters' constraints (and the body's), collected together.
    Each(Vec<TokenStream>),
}

/// The checks of an operation's arguments.
pub(super) fn checks(api: &Api, op: &Operation) -> Checks {
    let body = checked_body(api, op);
    let each = each(api, op, body.is_some());
    match (each.as_slice(), body) {
        ([], None) => Checks::None,
        ([_], Some(b)) => Checks::Body {
            required: b.required,
        },
        _ => Checks::Each(each),
    }
}

/// The body, when its type has constraints to check.
fn checked_body<'a>(api: &Api, op: &'a Operation) -> Option<&'a Body> {
    op.body.as_ref().filter(|b| {
        matches!(
            b.media,
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart | MediaKind::Stream(_)
        ) && validates(api, &b.ty)
    })
}

/// One check per argument that has constraints (the body's when
/// `body_checked`).
fn each(api: &Api, op: &Operation, body_checked: bool) -> Vec<TokenStream> {
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
    if let Some(body) = op.body.as_ref().filter(|_| body_checked) {
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
    checks
}

/// The checks run together, refusing the call on any failure: an error
/// from an `async` method, a refused `Call` otherwise.
pub(super) fn block(checks: Checks, streams: bool) -> Option<TokenStream> {
    let (run, failed) = match checks {
        Checks::None => return None,
        Checks::Body { required } => (
            TokenStream::new(),
            if required {
                quote!(codegen_runtime::Validate::validate(body))
            } else {
                quote!(codegen_runtime::Validate::validate(&body))
            },
        ),
        Checks::Each(checks) => (
            quote! {
                let mut validator = codegen_runtime::validate::Validator::default();
                let v = &mut validator;
                #(#checks)*
            },
            quote!(validator.finish()),
        ),
    };
    let refuse = if streams {
        quote!(#failed?;)
    } else {
        quote!(if let Err(e) = #failed {
            return codegen_runtime::Call::refused(e);
        })
    };
    Some(quote!(#run #refuse))
}
