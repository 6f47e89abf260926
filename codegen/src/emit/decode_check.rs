//! The decode check: an example program for a generated crate
//! (`examples/decode_check.rs`) that tells whether values a schema allows
//! decode into the schema's Rust type, and whether they encode back.
//!
//! It knows every type of the model by where it comes from (`TypeDef::origin`,
//! a JSON pointer such as `#/components/schemas/Pet`; component aliases and
//! inline types too). `--list` prints one line per type: the pointer, the
//! Rust type and what the check does with it. Otherwise it reads
//! `pointer<TAB>json` lines and answers each with one line:
//!
//! - `same`: decoded, and encoded back to the same JSON value;
//! - `changed<TAB>json`: decoded, and encoded back to this different JSON
//!   (the caller judges whether the difference matters: `1.0` for `1`, a
//!   default filled in, an undeclared property dropped);
//! - `decoded`: decoded; the type has no `Serialize` (only answers carry it);
//! - `error<TAB>message`: serde's reason the type refused the value;
//! - `panic<TAB>message`, `unknown` (no type comes from the pointer),
//!   `skipped` (a multipart type holding file parts, never JSON).
//!
//! `scripts/decode_check.py` makes the values (valid instances of each
//! schema) and judges the answers. Decoding goes through
//! `serde_json::from_slice`, as the client decodes answers; a type whose
//! values the client reads through a codec (decimals, date-times) is read
//! through it here too. JSON `null` at the top is `None`: a nullable schema
//! is `Option` where it is used.

use std::collections::HashSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Scope, rust_type};
use crate::model::{Api, Role, TypeDef, TypeId, TypeKind, TypeRef};

/// What the check does with one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Decode, encode, compare.
    RoundTrip,
    /// Decode only: the type has no `Serialize`.
    Decode,
    /// Nothing: it holds file parts of a multipart body.
    Skip,
}

impl Check {
    fn word(self) -> &'static str {
        match self {
            Check::RoundTrip => "round-trip",
            Check::Decode => "decode",
            Check::Skip => "skip",
        }
    }
}

/// One row of the harness's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub pointer: String,
    /// The Rust type, as the harness names it (`types::Pet`).
    pub rust: String,
    pub check: Check,
    /// The type is `serde_json::Value`: every value decodes, and nothing
    /// about the schema is checked.
    pub value: bool,
}

/// The types the harness checks: one per origin pointer (the first type
/// that comes from it), in model order.
pub fn entries(api: &Api) -> Vec<Entry> {
    let mut seen = HashSet::new();
    api.types
        .iter()
        .enumerate()
        .filter(|(_, def)| seen.insert(def.origin.as_str()))
        .map(|(i, def)| entry(api, TypeId::new(i), def))
        .collect()
}

fn entry(api: &Api, id: TypeId, def: &TypeDef) -> Entry {
    let named = TypeRef::Named(id);
    let check = if holds_file(api, &named, &mut HashSet::new()) {
        Check::Skip
    } else if encodes(api, &named, 0) {
        Check::RoundTrip
    } else {
        Check::Decode
    };
    let value = matches!(&def.kind, TypeKind::Alias(TypeRef::Json));
    Entry {
        pointer: def.origin.clone(),
        rust: rust_type(api, &named, Scope::Client)
            .to_string()
            .replace(" :: ", "::"),
        check,
        value,
    }
}

/// Whether the type implements `Serialize`.
fn encodes(api: &Api, ty: &TypeRef, depth: usize) -> bool {
    match ty {
        TypeRef::Named(id) => match api.type_def(*id) {
            Some(TypeDef {
                kind: TypeKind::Alias(target),
                ..
            }) => depth < 64 && encodes(api, target, depth + 1),
            Some(def) => def.serialize,
            None => false,
        },
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            encodes(api, inner, depth)
        }
        _ => true,
    }
}

/// Whether a value of the type can hold a file part.
fn holds_file(api: &Api, ty: &TypeRef, seen: &mut HashSet<TypeId>) -> bool {
    match ty {
        TypeRef::File => true,
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            holds_file(api, inner, seen)
        }
        TypeRef::Named(id) => {
            if !seen.insert(*id) {
                return false;
            }
            api.type_def(*id).is_some_and(|d| {
                d.kind
                    .children()
                    .filter(|c| !matches!(c.role, Role::Extra))
                    .any(|c| holds_file(api, c.ty, seen))
            })
        }
        _ => false,
    }
}

/// The alias target whose values a codec reads, when the type is an alias
/// of a decimal or date-time (or a list, map or option of those).
fn codec_target<'a>(api: &'a Api, def: &'a TypeDef) -> Option<(&'a TypeRef, &'static str)> {
    let mut ty = match &def.kind {
        TypeKind::Alias(target) => target,
        _ => return None,
    };
    for _ in 0..64 {
        if let Some(codec) = ty.codec() {
            return Some((ty, codec));
        }
        match ty {
            TypeRef::Named(id) => match api.type_def(*id).map(|d| &d.kind) {
                Some(TypeKind::Alias(target)) => ty = target,
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}

/// The program's source, naming the crate `my_api` (the caller puts the
/// crate's name in).
pub fn harness(api: &Api) -> TokenStream {
    let entries = entries(api);
    let rows = entries.iter().map(|e| {
        let pointer = Literal::string(&e.pointer);
        let rust = Literal::string(&e.rust);
        let mut flags = e.check.word().to_string();
        if e.value {
            flags.push_str(",value");
        }
        let flags = Literal::string(&flags);
        quote!((#pointer, #rust, #flags),)
    });
    let mut seen = HashSet::new();
    let arms = api
        .types
        .iter()
        .enumerate()
        .filter(|(_, def)| seen.insert(def.origin.as_str()))
        .zip(&entries)
        .enumerate()
        .filter(|(_, (_, e))| e.check != Check::Skip)
        .map(|(i, ((id, def), e))| {
            let index = Literal::usize_unsuffixed(i);
            let check = match e.check {
                Check::RoundTrip => quote!(round_trip),
                _ => quote!(decode),
            };
            match codec_target(api, def) {
                Some((target, codec)) => {
                    let ty = rust_type(api, target, Scope::Client);
                    let derive = if e.check == Check::RoundTrip {
                        quote!(#[derive(serde::Serialize, serde::Deserialize)])
                    } else {
                        quote!(#[derive(serde::Deserialize)])
                    };
                    quote! {
                        #index => {
                            #derive
                            #[serde(transparent)]
                            struct Codec(#[serde(with = #codec)] #ty);
                            #check::<Codec>(json)
                        }
                    }
                }
                None => {
                    let ty = rust_type(api, &TypeRef::Named(TypeId::new(id)), Scope::Client);
                    quote!(#index => #check::<#ty>(json),)
                }
            }
        });
    quote! {
        //! Decode check (`codegen generate --decode-check`): does each value
        //! a schema allows decode into the schema's type, and encode back?
        //!
        //! `cargo run --example decode_check -- --list` prints the types
        //! (pointer, Rust type, check); given `pointer<TAB>json` lines on
        //! standard input, it answers each with a line: `same`,
        //! `changed<TAB>json` (the value encoded back), `decoded` (the type
        //! is not encoded), `error<TAB>message`, `panic<TAB>message` or
        //! `unknown`. `scripts/decode_check.py` makes the values.
        #![allow(deprecated, clippy::all)]

        use std::io::{BufRead, Write};

        #[allow(unused_imports)]
        use my_api::runtime as codegen_runtime;
        #[allow(unused_imports)]
        use my_api::types;

        /// Each type: its schema's pointer, its Rust type, and the check.
        const TYPES: &[(&str, &str, &str)] = &[#(#rows)*];

        #[allow(dead_code)]
        enum Outcome {
            Same,
            Changed(String),
            Decoded,
        }

        fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<Option<T>, String> {
            if json.trim() == "null" {
                return Ok(None);
            }
            serde_json::from_slice(json.as_bytes())
                .map(Some)
                .map_err(|e| e.to_string())
        }

        #[allow(dead_code)]
        fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<Outcome, String> {
            read::<T>(json).map(|_| Outcome::Decoded)
        }

        #[allow(dead_code)]
        fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
            json: &str,
        ) -> Result<Outcome, String> {
            let value = read::<T>(json)?;
            let text = serde_json::to_string(&value).map_err(|e| format!("does not encode: {e}"))?;
            let before: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
            let after: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("encodes as bad JSON: {e}"))?;
            Ok(if before == after { Outcome::Same } else { Outcome::Changed(text) })
        }

        #[allow(unused_variables)]
        fn check(index: usize, json: &str) -> Result<Outcome, String> {
            match index {
                #(#arms)*
                _ => Err("skipped".into()),
            }
        }

        /// One line: no tabs or line breaks inside a field.
        fn field(text: &str) -> String {
            text.replace(['\t', '\n', '\r'], " ")
        }

        fn main() {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            if std::env::args().nth(1).as_deref() == Some("--list") {
                for (pointer, rust, check) in TYPES {
                    writeln!(out, "{pointer}\t{rust}\t{check}").expect("stdout");
                }
                return;
            }
            let index: std::collections::HashMap<&str, usize> = TYPES
                .iter()
                .enumerate()
                .map(|(i, (pointer, _, _))| (*pointer, i))
                .collect();
            std::panic::set_hook(Box::new(|_| {}));
            for line in std::io::stdin().lock().lines() {
                let line = line.expect("standard input is text");
                let answer = match line.rsplit_once('\t') {
                    None => "error\texpected pointer<TAB>json".to_string(),
                    Some((pointer, json)) => match index.get(pointer) {
                        None => "unknown".to_string(),
                        Some(&i) if TYPES[i].2.starts_with("skip") => "skipped".to_string(),
                        Some(&i) => match std::panic::catch_unwind(|| check(i, json)) {
                            Ok(Ok(Outcome::Same)) => "same".to_string(),
                            Ok(Ok(Outcome::Changed(text))) => format!("changed\t{text}"),
                            Ok(Ok(Outcome::Decoded)) => "decoded".to_string(),
                            Ok(Err(message)) => format!("error\t{}", field(&message)),
                            Err(panic) => {
                                let message = panic
                                    .downcast_ref::<String>()
                                    .cloned()
                                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                                    .unwrap_or_default();
                                format!("panic\t{}", field(&message))
                            }
                        },
                    },
                };
                writeln!(out, "{answer}").expect("stdout");
                out.flush().expect("stdout");
            }
        }
    }
}
