//! `$ref` resolution. Component schemas are looked up by key; references
//! to any other place in the document are parsed once, up front.

use std::collections::HashMap;

use openapiv3::{Header, Parameter, ReferenceOr, RequestBody, Response, Schema};
use serde_json::Value;

use crate::load::Document;

/// What a schema reference points at.
pub enum SchemaTarget<'a> {
    /// `#/components/schemas/{key}`.
    Component(&'a str),
    /// Any other schema in the document, with its pointer.
    Inline(&'a Schema, &'a str),
}

pub struct Resolver<'a> {
    doc: &'a Document,
    /// Schemas at pointers other than `#/components/schemas/{key}`.
    elsewhere: HashMap<String, Schema>,
}

const COMPONENT_SCHEMA: &str = "#/components/schemas/";

impl<'a> Resolver<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut refs = Vec::new();
        collect_refs(&doc.raw, &mut refs);
        let mut elsewhere = HashMap::new();
        for reference in refs {
            let is_component = reference
                .strip_prefix(COMPONENT_SCHEMA)
                .is_some_and(|key| !key.contains('/'));
            let is_other_component = [
                "parameters",
                "responses",
                "requestBodies",
                "headers",
                "examples",
                "securitySchemes",
            ]
            .iter()
            .any(|kind| reference.starts_with(&format!("#/components/{kind}/")));
            if is_component
                || is_other_component
                || !reference.starts_with("#/")
                || elsewhere.contains_key(reference)
            {
                continue;
            }
            let target = doc.raw.pointer(&unescape_fragment(&reference[1..]));
            if let Some(schema) =
                target.and_then(|v| serde_json::from_value::<Schema>(v.clone()).ok())
            {
                elsewhere.insert(reference.to_string(), schema);
            }
        }
        Resolver { doc, elsewhere }
    }

    /// Resolves a schema reference, or says why it cannot be.
    pub fn schema(&self, reference: &'a str) -> Result<SchemaTarget<'_>, String> {
        if let Some(key) = reference
            .strip_prefix(COMPONENT_SCHEMA)
            .filter(|k| !k.contains('/'))
        {
            let key = unescape_segment(key);
            let components = self.doc.spec.components.as_ref();
            return match components.and_then(|c| c.schemas.get_key_value(&key)) {
                Some((key, _)) => Ok(SchemaTarget::Component(key.as_str())),
                None => Err(format!("unresolved $ref '{reference}'")),
            };
        }
        if let Some((pointer, schema)) = self.elsewhere.get_key_value(reference) {
            return Ok(SchemaTarget::Inline(schema, pointer.as_str()));
        }
        Err(self.describe_unresolved(reference))
    }

    /// The schema a reference finally points at (following component aliases).
    pub fn schema_item(&self, reference: &'a str) -> Option<&Schema> {
        let mut reference = reference;
        for _ in 0..32 {
            match self.schema(reference).ok()? {
                SchemaTarget::Inline(schema, _) => return Some(schema),
                SchemaTarget::Component(key) => {
                    match self.doc.spec.components.as_ref()?.schemas.get(key)? {
                        ReferenceOr::Item(schema) => return Some(schema),
                        ReferenceOr::Reference { reference: next } => reference = next,
                    }
                }
            }
        }
        None
    }

    pub fn parameter(
        &self,
        item: &'a ReferenceOr<Parameter>,
    ) -> Result<(&'a Parameter, Option<&'a str>), String> {
        follow(
            item,
            |key| self.doc.spec.components.as_ref()?.parameters.get(key),
            "#/components/parameters/",
        )
    }

    pub fn request_body(
        &self,
        item: &'a ReferenceOr<RequestBody>,
    ) -> Result<(&'a RequestBody, Option<&'a str>), String> {
        follow(
            item,
            |key| self.doc.spec.components.as_ref()?.request_bodies.get(key),
            "#/components/requestBodies/",
        )
    }

    pub fn response(
        &self,
        item: &'a ReferenceOr<Response>,
    ) -> Result<(&'a Response, Option<&'a str>), String> {
        follow(
            item,
            |key| self.doc.spec.components.as_ref()?.responses.get(key),
            "#/components/responses/",
        )
    }

    pub fn header(
        &self,
        item: &'a ReferenceOr<Header>,
    ) -> Result<(&'a Header, Option<&'a str>), String> {
        follow(
            item,
            |key| self.doc.spec.components.as_ref()?.headers.get(key),
            "#/components/headers/",
        )
    }
}

/// Follows a chain of component references; returns the item and the last
/// reference taken (its pointer is where the item lives).
fn follow<'a, T>(
    mut item: &'a ReferenceOr<T>,
    lookup: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
    prefix: &str,
) -> Result<(&'a T, Option<&'a str>), String> {
    let mut last = None;
    for _ in 0..32 {
        match item {
            ReferenceOr::Item(t) => return Ok((t, last)),
            ReferenceOr::Reference { reference } => {
                let key = reference
                    .strip_prefix(prefix)
                    .ok_or_else(|| describe_unresolved(reference))?;
                item = lookup(&unescape_segment(key))
                    .ok_or_else(|| format!("unresolved $ref '{reference}'"))?;
                last = Some(reference.as_str());
            }
        }
    }
    Err("a cycle of $ref that never reaches a definition".to_string())
}

impl Resolver<'_> {
    fn describe_unresolved(&self, reference: &str) -> String {
        match self.doc.unresolved_files.get(reference) {
            Some(why) => why.clone(),
            None => describe_unresolved(reference),
        }
    }
}

fn describe_unresolved(reference: &str) -> String {
    if reference.starts_with("http://") || reference.starts_with("https://") {
        format!(
            "remote $ref '{reference}' is not followed: generation never touches the network; download the file and refer to it by a relative path"
        )
    } else if !reference.starts_with('#') {
        format!("$ref '{reference}' points into another file that could not be read")
    } else {
        format!("unresolved $ref '{reference}'")
    }
}

fn unescape_segment(segment: &str) -> String {
    percent_decode(segment)
        .replace("~1", "/")
        .replace("~0", "~")
}

/// A URI fragment (`/components/schemas/a%20b`) as a JSON pointer.
fn unescape_fragment(fragment: &str) -> String {
    percent_decode(fragment)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn collect_refs<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", Value::String(s)) => out.push(s),
                    // Examples are payloads: a `$ref` key there is data.
                    ("example" | "examples", _) => {}
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
