//! Contract tests: one test per operation, for a generated crate's
//! `tests/contract.rs`. Each sends a request built from the spec's examples
//! (or, without them, from values made to satisfy the schema) through the
//! generated client to the server at `CONTRACT_BASE_URL` (a Prism mock of
//! the same document, or a sandbox), and passes when the answer decodes into
//! the operation's typed response and the mock reports no violation
//! (`codegen_runtime::contract` judges the result).

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value, json};

use super::{Scope, ident, rust_type};
use crate::model::{
    Api, Constraints, EnumRepr, MediaKind, Operation, SchemeKind, TypeKind, TypeRef, UnionMode,
};

/// How deep a sample value nests before required recursion is cut off.
const DEPTH: usize = 8;

/// The contract test file of `api`.
pub fn tests(api: &Api) -> TokenStream {
    let credentials = api.security_schemes.iter().map(|s| {
        let name = Literal::string(&s.name);
        let secret = match s.kind {
            SchemeKind::Basic => "contract:test",
            _ => "contract-test",
        };
        quote!(.credential(#name, codegen_runtime::Secret::new(#secret)))
    });
    let tests = api.operations.iter().map(|op| test(api, op));
    quote! {
        //! Contract tests, one per operation: set `CONTRACT_BASE_URL` to a
        //! mock of the spec (Prism with `--errors`) or a sandbox.
        #![allow(deprecated)]

        use codegen_runtime::contract::{report, sample};
        use my_api::{Client, types};

        fn client() -> Option<Client> {
            let Ok(url) = std::env::var("CONTRACT_BASE_URL") else {
                println!("skipped: CONTRACT_BASE_URL is not set");
                return None;
            };
            let client = Client::with_base_url(url) #(#credentials)* .build();
            Some(client.expect("the client builds"))
        }

        #(#tests)*
    }
}

fn test(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let label = Literal::string(op.name.trim_start_matches("r#"));
    let mut setup = Vec::new();
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        let value = p
            .examples
            .first()
            .cloned()
            .unwrap_or_else(|| Sampler::new(api).value(&p.ty, &p.constraints, 0));
        let var = ident(&format!("{}_value", p.name.trim_start_matches("r#")));
        let ty = rust_type(&p.ty, Scope::Client);
        let text = Literal::string(&value.to_string());
        setup.push(quote!(let #var: #ty = sample(#label, #text);));
        args.push(match &p.ty {
            TypeRef::String
            | TypeRef::Vec(_)
            | TypeRef::Named(_)
            | TypeRef::Map(_)
            | TypeRef::Json => quote!(&#var),
            _ => quote!(#var),
        });
    }
    if let Some(body) = &op.body {
        let value = Sampler::new(api).body(&body.ty);
        let arg = match body.media {
            MediaKind::Json | MediaKind::Form | MediaKind::Multipart => {
                let ty = rust_type(&body.ty, Scope::Client);
                let text = Literal::string(&value.to_string());
                setup.push(quote!(let body: #ty = sample(#label, #text);));
                quote!(&body)
            }
            MediaKind::Text => {
                let text = Literal::string(value.as_str().unwrap_or("text"));
                quote!(#text)
            }
            MediaKind::Binary => quote!(b"contract".to_vec()),
            MediaKind::Stream(_) => {
                let ty = rust_type(&body.ty, Scope::Client);
                let text = Literal::string(&format!("[{value}]"));
                setup.push(quote!(let body: Vec<#ty> = sample(#label, #text);));
                quote!(&body)
            }
        };
        args.push(if body.required || body.media == MediaKind::Binary {
            arg
        } else {
            quote!(Some(#arg))
        });
    }
    if op.params_struct.is_some() {
        args.push(quote!(&Default::default()));
    }
    if op.idempotency.is_some() {
        args.push(quote!(None));
    }
    quote! {
        #[tokio::test]
        async fn #name() {
            let Some(client) = client() else { return };
            #(#setup)*
            report(#label, client.#name(#(#args),*).await);
        }
    }
}

/// Makes values that satisfy a type's schema: examples first, then the
/// least value every constraint accepts.
struct Sampler<'a> {
    api: &'a Api,
}

impl<'a> Sampler<'a> {
    fn new(api: &'a Api) -> Self {
        Sampler { api }
    }

    /// A request body: the type's first example when the spec gives one.
    fn body(&self, ty: &TypeRef) -> Value {
        if let TypeRef::Named(name) = ty
            && let Some(example) = self.api.type_def(name).and_then(|d| d.examples.first())
        {
            return example.clone();
        }
        self.value(ty, &Constraints::default(), 0)
    }

    fn value(&self, ty: &TypeRef, c: &Constraints, depth: usize) -> Value {
        match ty {
            TypeRef::String => Value::String(string(c)),
            TypeRef::Bool => Value::Bool(true),
            TypeRef::I32 | TypeRef::I64 => json!(integer(c)),
            TypeRef::F32 | TypeRef::F64 | TypeRef::Decimal => number(c),
            TypeRef::Date => json!("2024-01-15"),
            TypeRef::DateTime | TypeRef::LenientDateTime => json!("2024-01-15T10:30:00Z"),
            TypeRef::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            TypeRef::Json => json!({}),
            // A file part reads its bytes from base64.
            TypeRef::File => json!("Y29udHJhY3Q="),
            TypeRef::Vec(inner) => {
                let item_constraints = c.items.as_deref().cloned().unwrap_or_default();
                let count = c
                    .min_items
                    .unwrap_or(1)
                    .max(1)
                    .min(c.max_items.unwrap_or(1));
                let item = self.value(inner, &item_constraints, depth + 1);
                Value::Array(vec![item; count as usize])
            }
            TypeRef::Map(_) => json!({}),
            TypeRef::Nullable(inner) => self.value(inner, c, depth),
            TypeRef::Named(name) => self.named(name, depth),
        }
    }

    fn named(&self, name: &str, depth: usize) -> Value {
        let Some(def) = self.api.type_def(name) else {
            return json!({});
        };
        if depth > DEPTH {
            return json!({});
        }
        match &def.kind {
            TypeKind::Struct(s) => {
                let mut object = Map::new();
                for f in s.fields.iter().filter(|f| f.required && !f.read_only) {
                    let value = match f.examples.first() {
                        Some(example) => example.clone(),
                        None => self.value(&f.ty, &f.constraints, depth + 1),
                    };
                    object.insert(f.wire_name.clone(), value);
                }
                Value::Object(object)
            }
            TypeKind::Enum(e) => match (e.repr, e.variants.first()) {
                (EnumRepr::Integer, Some(v)) => v
                    .wire
                    .parse::<i64>()
                    .map_or_else(|_| json!(v.wire), |n| json!(n)),
                (EnumRepr::String, Some(v)) => json!(v.wire),
                (_, None) => json!("value"),
            },
            TypeKind::Union(u) => {
                let Some(first) = u.variants.first() else {
                    return json!({});
                };
                let mut value = self.value(&first.ty, &Constraints::default(), depth + 1);
                if let (UnionMode::Tagged { property, .. }, Some(tag), Value::Object(o)) =
                    (&u.mode, first.tags.first(), &mut value)
                {
                    o.insert(property.clone(), json!(tag));
                }
                value
            }
            TypeKind::Alias(target) => self.value(target, &Constraints::default(), depth + 1),
        }
    }
}

/// A string of a legal length in the string's format.
fn string(c: &Constraints) -> String {
    let formatted = match c.format.as_deref() {
        Some("email") => Some("contract@example.com"),
        Some("uri" | "url" | "uri-reference" | "iri") => Some("https://example.com/contract"),
        Some("hostname") => Some("example.com"),
        Some("ipv4") => Some("192.0.2.1"),
        Some("ipv6") => Some("2001:db8::1"),
        Some("date") => Some("2024-01-15"),
        Some("date-time") => Some("2024-01-15T10:30:00Z"),
        Some("time") => Some("10:30:00Z"),
        Some("uuid") => Some("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        Some("byte") => Some("Y29udHJhY3Q="),
        _ => None,
    };
    if let Some(text) = formatted {
        return text.to_string();
    }
    let min = c.min_length.unwrap_or(1).max(1) as usize;
    let max = c.max_length.map_or(usize::MAX, |m| m as usize);
    let mut text = "string".to_string();
    while text.len() < min {
        text.push('x');
    }
    text.truncate(max.max(min.min(max)));
    text
}

/// The least integer inside the range and on the step, near 1.
fn integer(c: &Constraints) -> i64 {
    let step = c.multiple_of.map_or(1, |m| (m as i64).max(1));
    let mut low = c.minimum.map_or(1, |m| {
        let m = m.ceil() as i64;
        if c.exclusive_minimum && m as f64 == c.minimum.unwrap_or_default() {
            m + 1
        } else {
            m
        }
    });
    if c.minimum.is_none() && c.maximum.is_some_and(|max| max < 1.0) {
        low = c.maximum.unwrap_or_default().floor() as i64 - i64::from(c.exclusive_maximum);
    }
    let rounded = low.div_euclid(step) * step;
    if rounded < low {
        rounded + step
    } else {
        rounded
    }
}

/// A number inside the range, on the step when there is one.
fn number(c: &Constraints) -> Value {
    if c.multiple_of.is_some() || c.minimum.is_some() || c.maximum.is_some() {
        if let Some(step) = c.multiple_of.filter(|s| *s > 0.0) {
            let low = c.minimum.unwrap_or(step);
            let mut n = (low / step).ceil() * step;
            if c.exclusive_minimum && n <= low {
                n += step;
            }
            return json!(n);
        }
        let low = c.minimum.unwrap_or(1.0);
        let high = c.maximum.unwrap_or(low + 2.0);
        return json!((low + high) / 2.0);
    }
    json!(1.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_satisfy_their_constraints() {
        let c = Constraints {
            min_length: Some(10),
            max_length: Some(12),
            ..Constraints::default()
        };
        assert_eq!(string(&c).len(), 10);
        let c = Constraints {
            max_length: Some(3),
            ..Constraints::default()
        };
        assert_eq!(string(&c), "str");
        let c = Constraints {
            minimum: Some(5.0),
            exclusive_minimum: true,
            multiple_of: Some(5.0),
            ..Constraints::default()
        };
        assert_eq!(integer(&c), 10);
        let c = Constraints {
            maximum: Some(-3.0),
            ..Constraints::default()
        };
        assert_eq!(integer(&c), -3);
        let c = Constraints {
            minimum: Some(0.0),
            exclusive_minimum: true,
            multiple_of: Some(0.01),
            ..Constraints::default()
        };
        assert!(number(&c).as_f64().unwrap() > 0.0);
        let c = Constraints {
            format: Some("email".into()),
            ..Constraints::default()
        };
        assert_eq!(string(&c), "contract@example.com");
    }
}
