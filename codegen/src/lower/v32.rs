//! What OpenAPI 3.2 adds, read from where loading put it (the extensions
//! of `crate::load::ext`, the same for 3.0 and 3.1 documents that use the
//! registered `x-oai-*` extensions): tags with parents, OAuth2 device
//! flows and deprecated schemes, server names, querystring parameters,
//! examples' data and serialized values, `defaultMapping`, response
//! summaries, and the operations of other methods.

use std::collections::HashSet;

use openapiv3::{ReferenceOr, SecurityScheme as S};
use serde_json::Value;

use super::Lowerer;
use super::schemas::Sch;
use crate::diagnostics::child;
use crate::ident::{self, Scope};
use crate::load::ext;
use crate::model::{OAuthFlow, PartEncodings, QueryString, Tag, TypeRef, UnionVariant};

/// An extension's text.
pub(super) fn ext_str<'v>(
    extensions: &'v indexmap::IndexMap<String, Value>,
    key: &str,
) -> Option<&'v str> {
    extensions.get(key).and_then(Value::as_str)
}

fn ext_true(extensions: &indexmap::IndexMap<String, Value>, key: &str) -> bool {
    extensions.get(key).is_some_and(|v| v == true)
}

/// The example's value: `value` (or 3.2 `dataValue`), else, for a JSON
/// media type, its `serializedValue` read as JSON.
pub(super) fn example_value(example: &openapiv3::Example, json: bool) -> Option<Value> {
    if let Some(value) = &example.value {
        return Some(value.clone());
    }
    let serialized = ext_str(&example.extensions, ext::SERIALIZED_VALUE)?;
    json.then(|| serde_json::from_str(serialized).ok())
        .flatten()
}

/// The examples of a media type or parameter: `example`, then each of `examples`.
pub(super) fn examples(
    example: &Option<Value>,
    examples: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>,
    json: bool,
) -> Vec<Value> {
    example
        .iter()
        .cloned()
        .chain(examples.values().filter_map(|e| match e {
            ReferenceOr::Item(e) => example_value(e, json),
            ReferenceOr::Reference { .. } => None,
        }))
        .collect()
}

/// The parts of a multipart body by position: when the media type has
/// `prefixEncoding`/`itemEncoding` (3.2, or `x-oai-*`), or its schema is an array.
pub(super) fn positional(media: &openapiv3::MediaType, array: bool) -> Option<PartEncodings> {
    let content_type = |e: &Value| {
        e.get("contentType")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let prefix: Vec<Option<String>> = match media.extensions.get(ext::PREFIX_ENCODING) {
        Some(Value::Array(list)) => list.iter().map(content_type).collect(),
        _ => Vec::new(),
    };
    let item = media
        .extensions
        .get(ext::ITEM_ENCODING)
        .and_then(content_type);
    let given = media.extensions.contains_key(ext::PREFIX_ENCODING)
        || media.extensions.contains_key(ext::ITEM_ENCODING);
    (given || array).then_some(PartEncodings { prefix, item })
}

/// A response's summary (3.2).
pub(super) fn response_summary(response: &openapiv3::Response) -> Option<&String> {
    match response.extensions.get(ext::SUMMARY) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// How a parameter `in: querystring` is written, by its media type;
/// `None` for any other parameter. `raw` is the parameter as written (its
/// `explode`s are only known there).
pub(super) fn querystring(
    param: &openapiv3::Parameter,
    raw: Option<&Value>,
) -> Option<QueryString> {
    let data = param.parameter_data_ref();
    if !ext_true(&data.extensions, ext::QUERYSTRING) {
        return None;
    }
    Some(match &data.format {
        openapiv3::ParameterSchemaOrContent::Content(content) => match content.iter().next() {
            Some((ct, media)) => {
                let essence = ct.split(';').next().unwrap_or_default().trim();
                if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
                    let raw_media = raw.and_then(|p| p.get("content")?.get(ct));
                    QueryString::Form(super::operations::property_encodings(media, raw_media))
                } else if super::operations::is_json(ct) {
                    QueryString::Json
                } else {
                    QueryString::Text
                }
            }
            None => QueryString::Text,
        },
        openapiv3::ParameterSchemaOrContent::Schema(_) => QueryString::Text,
    })
}

impl Lowerer<'_> {
    /// The parameter at `pointer` as written, through one `$ref`.
    pub(super) fn raw_parameter(&self, pointer: &str) -> Option<&Value> {
        let at = |p: &str| self.doc.raw.pointer(p.trim_start_matches('#'));
        let written = at(pointer)?;
        match written.get("$ref").and_then(Value::as_str) {
            Some(reference) if reference.starts_with("#/") => at(reference),
            _ => Some(written),
        }
    }
}

/// The name of the constructor for a server: its `name` (3.2), made a Rust name.
pub(super) fn server_name(server: &openapiv3::Server) -> Option<String> {
    ext_str(&server.extensions, ext::SERVER_NAME)
        .map(ident::snake)
        .filter(|n| !n.is_empty() && n != "field")
}

/// Whether a security scheme is deprecated (3.2 `deprecated`).
pub(super) fn scheme_deprecated(scheme: &S) -> bool {
    let extensions = match scheme {
        S::APIKey { extensions, .. }
        | S::HTTP { extensions, .. }
        | S::OAuth2 { extensions, .. }
        | S::OpenIDConnect { extensions, .. } => extensions,
    };
    ext_true(extensions, ext::DEPRECATED)
}

/// The flows of an OAuth2 scheme, with their endpoints, device
/// authorization (RFC 8628) included; an OpenID Connect scheme's discovery URL.
pub(super) fn oauth_flows(scheme: &S) -> Vec<OAuthFlow> {
    let mut out = Vec::new();
    let endpoint = |what: &str, url: &str| (what.to_string(), url.to_string());
    let device = |extensions: &indexmap::IndexMap<String, Value>| {
        ext_str(extensions, ext::DEVICE_AUTHORIZATION_URL).map(|url| endpoint("device codes", url))
    };
    match scheme {
        S::OAuth2 {
            flows, extensions, ..
        } => {
            if let Some(f) = &flows.implicit {
                let mut e = vec![endpoint("authorization", &f.authorization_url)];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "implicit".into(),
                    endpoints: e,
                });
            }
            if let Some(f) = &flows.password {
                let mut e = vec![endpoint("token", &f.token_url)];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "password".into(),
                    endpoints: e,
                });
            }
            if let Some(f) = &flows.client_credentials {
                let mut e = vec![endpoint("token", &f.token_url)];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "client credentials".into(),
                    endpoints: e,
                });
            }
            if let Some(f) = &flows.authorization_code {
                let mut e = vec![
                    endpoint("authorization", &f.authorization_url),
                    endpoint("token", &f.token_url),
                ];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "authorization code".into(),
                    endpoints: e,
                });
            }
            if let Some(Value::Object(f)) = flows.extensions.get(ext::DEVICE_AUTHORIZATION) {
                let url = |key: &str| f.get(key).and_then(Value::as_str);
                let mut e = Vec::new();
                e.extend(url(ext::DEVICE_AUTHORIZATION_URL).map(|u| endpoint("device codes", u)));
                e.extend(url("tokenUrl").map(|u| endpoint("token", u)));
                out.push(OAuthFlow {
                    grant: "device authorization".into(),
                    endpoints: e,
                });
            }
            if let Some(url) = ext_str(extensions, ext::OAUTH2_METADATA_URL) {
                out.push(OAuthFlow {
                    grant: "server metadata".into(),
                    endpoints: vec![endpoint("metadata", url)],
                });
            }
        }
        S::OpenIDConnect {
            open_id_connect_url,
            ..
        } => out.push(OAuthFlow {
            grant: "OpenID Connect".into(),
            endpoints: vec![endpoint("discovery", open_id_connect_url)],
        }),
        _ => {}
    }
    out
}

impl<'a> Lowerer<'a> {
    /// The declared tags, their parents checked.
    pub(super) fn tags(&mut self) -> Vec<Tag> {
        let spec = &self.doc.spec;
        let names: HashSet<&str> = spec.tags.iter().map(|t| t.name.as_str()).collect();
        let mut tags = Vec::new();
        for (i, tag) in spec.tags.iter().enumerate() {
            let pointer = child("#/tags", &i.to_string());
            let text = |key: &str| ext_str(&tag.extensions, key).map(str::to_string);
            let mut parent = text(ext::PARENT);
            if let Some(p) = &parent
                && (!names.contains(p.as_str()) || *p == tag.name)
            {
                self.warn(
                    &pointer,
                    format!("tag {:?} names {p:?} as its parent, which is not a declared tag (or is itself); it is read as a top-level tag", tag.name),
                );
                parent = None;
            }
            tags.push(Tag {
                name: tag.name.clone(),
                summary: text(ext::SUMMARY),
                description: tag.description.clone(),
                parent,
                kind: text(ext::KIND),
            });
        }
        // A parent chain that comes back to where it started is cut there.
        for i in 0..tags.len() {
            let mut seen = vec![tags[i].name.clone()];
            let mut at = tags[i].parent.clone();
            while let Some(name) = at {
                if seen.contains(&name) {
                    self.warn(
                        &child("#/tags", &i.to_string()),
                        format!(
                            "the parents of tag {:?} form a cycle; it is read as a top-level tag",
                            tags[i].name
                        ),
                    );
                    tags[i].parent = None;
                    break;
                }
                seen.push(name.clone());
                at = tags
                    .iter()
                    .find(|t| t.name == name)
                    .and_then(|t| t.parent.clone());
            }
        }
        tags
    }

    /// A deprecated scheme is warned about (it is still usable).
    pub(super) fn check_scheme(&mut self, scheme: &S, pointer: &str) -> bool {
        let deprecated = scheme_deprecated(scheme);
        if deprecated {
            self.warn(
                pointer,
                "this security scheme is deprecated; credentials for it still work, but the API may stop accepting them",
            );
        }
        deprecated
    }

    /// The variant `defaultMapping` names: a member's, or one added for it.
    pub(super) fn default_variant(
        &mut self,
        discriminator: &'a openapiv3::Discriminator,
        variants: &mut Vec<UnionVariant>,
        scope: &mut Scope,
        union_name: &str,
        pointer: &str,
    ) -> Option<String> {
        let target = ext_str(&discriminator.extensions, ext::DEFAULT_MAPPING)?;
        // A schema name (`OtherPet`) or a reference (`#/components/schemas/OtherPet`).
        let key = match target.strip_prefix("#/components/schemas/") {
            Some(key) if !key.contains('/') => Some(crate::diagnostics::unescape_segment(key)),
            Some(_) => None,
            None => (!target.contains(['/', '#'])).then(|| target.to_string()),
        };
        let ty = match key {
            Some(key) if self.component_names.contains_key(&key) => self.component(&key),
            None if target.starts_with('#') => self.type_of(
                Sch::Ref(target),
                &format!("{union_name}Default"),
                &child(pointer, "discriminator"),
            ),
            _ => {
                self.warn(
                    &child(pointer, "discriminator"),
                    format!("defaultMapping {target:?} names no schema of this document; unmapped tags are kept as unknown"),
                );
                return None;
            }
        };
        if let Some(v) = variants.iter().find(|v| v.ty == ty) {
            return Some(v.name.clone());
        }
        let base = match &ty {
            TypeRef::Named(n) => n.clone(),
            _ => "Default".to_string(),
        };
        let name = scope.claim(&base);
        variants.push(UnionVariant {
            name: name.clone(),
            ty,
            boxed: false,
            tags: Vec::new(),
        });
        Some(name)
    }
}

/// The operations of a path item: its fixed methods, then the others
/// (3.2 `query` first), each with its pointer and method as sent.
pub(super) fn operations_of<'a>(
    item: &'a openapiv3::PathItem,
    additional: Option<&'a Vec<(String, openapiv3::Operation)>>,
    item_pointer: &str,
) -> Vec<(String, String, &'a openapiv3::Operation)> {
    let mut out: Vec<(String, String, &'a openapiv3::Operation)> = item
        .iter()
        .map(|(method, op)| (method.to_uppercase(), child(item_pointer, method), op))
        .collect();
    let at = child(item_pointer, ext::ADDITIONAL_OPERATIONS);
    for (method, op) in additional.into_iter().flatten() {
        out.push((method.clone(), child(&at, method), op));
    }
    out
}
