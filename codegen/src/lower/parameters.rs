//! Parameters: where each goes and how it is written (styles, querystring
//! parameters, constants).

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};

use super::Lowerer;
use super::schemas::Sch;
use crate::diagnostics::child;
use crate::ident::{self, Scope};
use crate::load::{Written, ext, fragment_pointer};
use crate::model::{
    Idempotency, Operation, Param, ParamLocation, QueryString, Serialization, Style, TypeRef,
};

impl<'a> Lowerer<'a> {
    pub(super) fn parameters(
        &mut self,
        op: &mut Operation,
        camel: &str,
        shared: &'a [ReferenceOr<Parameter>],
        own: &'a [ReferenceOr<Parameter>],
        pointer: &str,
    ) {
        // Operation parameters override path-item ones of the same name and place.
        let mut all: Vec<(&'a Parameter, String, Option<&'a str>)> = Vec::new();
        let lists = [
            (
                shared,
                format!(
                    "{}/parameters",
                    pointer.rsplit_once('/').map_or("#", |p| p.0)
                ),
            ),
            (own, child(pointer, "parameters")),
        ];
        for (list, list_pointer) in lists {
            for (i, p) in list.iter().enumerate() {
                let p_pointer = child(&list_pointer, &i.to_string());
                match self.resolver.parameter(p) {
                    Ok((param, reference)) => {
                        let data = param.parameter_data_ref();
                        all.retain(|(q, _, _)| {
                            !(q.parameter_data_ref().name == data.name && same_location(q, param))
                        });
                        all.push((param, p_pointer, reference));
                    }
                    Err(message) => self.error(&p_pointer, message),
                }
            }
        }
        let mut scope = Scope::new();
        // Besides the names a method's arguments may not take (`options`:
        // a call's options, given to a sending method), those of the
        // locals its body binds before it reads them: the checks'
        // `validator`, `v` and `p`, and the request's `parts`.
        for reserved in [
            "body",
            "params",
            "options",
            "idempotency_key",
            "self_",
            "parts",
            "validator",
            "v",
            "p",
        ] {
            scope.reserve(reserved);
        }
        // What the path key can carry: its placeholders, and those of a
        // query template in it (taken as query parameters below).
        let split = super::query_template::split(&op.path);
        let mut carried = placeholders(&op.request_path);
        carried.extend(split.templated.iter().map(|(_, name)| name.clone()));
        for (param, p_pointer, reference) in all {
            let data = param.parameter_data_ref();
            let (mut location, serialization) = serialization(param);
            if location == ParamLocation::Path && !carried.contains(&data.name) {
                self.warn(
                    &p_pointer,
                    format!(
                        "path parameter {:?} does not appear in the path `{}`, as OpenAPI requires; nothing could carry its value, so it is not an argument",
                        data.name, op.path
                    ),
                );
                continue;
            }
            if let Some(how) = querystring(param, &self.doc.written, &p_pointer, reference) {
                location = ParamLocation::QueryString(how);
            }
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(s) => Some(Sch::from(s)),
                ParameterSchemaOrContent::Content(content) => content
                    .values()
                    .next()
                    .and_then(|m| m.schema.as_ref())
                    .map(Sch::from),
            };
            let resolved = schema.and_then(|s| self.resolve(s));
            if location == ParamLocation::Header {
                let lower = data.name.to_ascii_lowercase();
                if lower == "idempotency-key" || lower == "x-idempotency-key" {
                    let max_length = resolved
                        .map(|s| self.constraints(s))
                        .and_then(|c| c.max_length);
                    op.idempotency = Some(Idempotency {
                        header: data.name.clone(),
                        max_length,
                    });
                    continue;
                }
                if matches!(lower.as_str(), "content-type" | "accept" | "authorization") {
                    // OpenAPI says such parameters are ignored: a decision to log, not a defect.
                    self.note(&p_pointer, format!("header parameter {:?} is set by the client itself and is not an argument", data.name));
                    continue;
                }
                if data.required
                    && let Some(value) = resolved.and_then(constant_value)
                {
                    if !self
                        .default_headers
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case(&data.name))
                    {
                        self.default_headers.push((data.name.clone(), value));
                    }
                    continue;
                }
            }
            let hint = format!("{camel}{}", ident::camel(&data.name));
            let ty = match schema {
                Some(s) => self.type_of(s, &hint, &child(&p_pointer, "schema")),
                None => TypeRef::String,
            };
            let sensitive = data
                .extensions
                .get("x-sensitive")
                .is_some_and(|v| v == true)
                || resolved.is_some_and(|s| {
                    s.schema_data
                        .extensions
                        .get("x-sensitive")
                        .is_some_and(|v| v == true)
                });
            let constraints = super::schemas::without_implied(
                resolved.map(|s| self.constraints(s)).unwrap_or_default(),
                &ty,
            );
            op.params.push(Param {
                name: scope.claim(&ident::snake(&data.name)).into(),
                wire_name: data.name.clone(),
                location: location.clone(),
                ty,
                required: data.required || location == ParamLocation::Path,
                serialization,
                docs: super::docs(
                    None,
                    data.description.as_ref(),
                    data.deprecated.unwrap_or(false),
                ),
                sensitive,
                constraints,
                examples: super::media::examples(&data.example, &data.examples, false),
            });
        }
        if let Some(note) = super::query_template::apply(op, &split, &mut scope) {
            self.warn(pointer, note);
        }
        // Path parameters in the order they appear in the path.
        let path = op.request_path.clone();
        op.params.sort_by_key(|p| match p.location {
            ParamLocation::Path => path
                .find(&format!("{{{}}}", p.wire_name))
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        for placeholder in placeholders(&path) {
            if !op
                .params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire_name == placeholder)
            {
                self.error(pointer, format!("the path uses {{{placeholder}}} but no path parameter of that name is declared"));
            }
        }
    }
}

fn same_location(a: &Parameter, b: &Parameter) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Where a parameter goes and how it is written: the spec's `style`,
/// `explode` (true by default for `form` only) and `allowReserved`; a
/// parameter described by a JSON `content` is its JSON text.
fn serialization(param: &Parameter) -> (ParamLocation, Serialization) {
    let data = param.parameter_data_ref();
    let (location, style, allow_reserved) = match param {
        Parameter::Path { style, .. } => (
            ParamLocation::Path,
            match style {
                openapiv3::PathStyle::Simple => Style::Simple,
                openapiv3::PathStyle::Label => Style::Label,
                openapiv3::PathStyle::Matrix => Style::Matrix,
            },
            false,
        ),
        Parameter::Query {
            style,
            allow_reserved,
            ..
        } => (
            ParamLocation::Query,
            match style {
                openapiv3::QueryStyle::Form => Style::Form,
                openapiv3::QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                openapiv3::QueryStyle::PipeDelimited => Style::PipeDelimited,
                openapiv3::QueryStyle::DeepObject => Style::DeepObject,
            },
            *allow_reserved,
        ),
        Parameter::Header { .. } => (ParamLocation::Header, Style::Simple, false),
        Parameter::Cookie { .. } => (ParamLocation::Cookie, Style::Form, false),
    };
    let style = match &data.format {
        ParameterSchemaOrContent::Content(content)
            if content
                .keys()
                .next()
                .is_some_and(|ct| super::media::is_json(ct)) =>
        {
            Style::Json
        }
        _ => style,
    };
    let explode = data.explode.unwrap_or(style == Style::Form);
    (
        location,
        Serialization {
            style,
            explode,
            allow_reserved,
        },
    )
}

/// The fixed value of a required header: a single-valued enum, or a default.
fn constant_value(schema: &openapiv3::Schema) -> Option<String> {
    use openapiv3::{SchemaKind, Type};
    if let SchemaKind::Type(Type::String(s)) = &schema.schema_kind
        && let [Some(only)] = s.enumeration.as_slice()
    {
        return Some(only.clone());
    }
    match &schema.schema_data.default {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
            Some(v.to_string())
        }
        _ => None,
    }
}

/// How a parameter `in: querystring` is written, by its media type;
/// `None` for any other parameter. The parameter is written at `pointer`,
/// or where its last `reference` points (its `explode`s are only known
/// there).
pub(super) fn querystring(
    param: &openapiv3::Parameter,
    written: &Written,
    pointer: &str,
    reference: Option<&str>,
) -> Option<QueryString> {
    let data = param.parameter_data_ref();
    if !ext::is_true(&data.extensions, ext::QUERYSTRING) {
        return None;
    }
    Some(match &data.format {
        openapiv3::ParameterSchemaOrContent::Content(content) => match content.iter().next() {
            Some((ct, media)) => {
                let essence = ct.split(';').next().unwrap_or_default().trim();
                if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
                    let at = reference.map_or_else(|| pointer.to_string(), fragment_pointer);
                    let media_pointer = child(&child(&at, "content"), ct);
                    QueryString::Form(super::media::property_encodings(
                        media,
                        written,
                        &media_pointer,
                    ))
                } else if super::media::is_json(ct) {
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

fn placeholders(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[cfg(test)]
mod tests;
