//! Operations, servers and security schemes.

use openapiv3::{
    Parameter, ParameterSchemaOrContent, ReferenceOr, SecurityRequirement, StatusCode,
};

use super::Lowerer;
use super::schemas::Sch;
use crate::diagnostics::child;
use crate::ident::{self, Scope};
use crate::model::{
    Body, Idempotency, MediaKind, Operation, Outcome, Param, ParamLocation, PropertyEncoding,
    SchemeKind, SecurityScheme, Serialization, Server, ServerVariable, StatusMatch, StreamFormat,
    Style, TypeRef,
};

/// Names a generated `Client` already uses for itself.
const CLIENT_METHODS: &[&str] = &[
    "with_base_url",
    "builder",
    "core",
    "base_url",
    "clone",
    "fmt",
    "from_core",
];

impl<'a> Lowerer<'a> {
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let mut scope = Scope::new();
        for name in CLIENT_METHODS {
            scope.reserve(name);
        }
        for server in self.server_names() {
            scope.reserve(&server);
        }
        let spec = &self.doc.spec;
        let mut operations = Vec::new();
        for (path, item) in &spec.paths.paths {
            let item_pointer = child("#/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.error(
                        &item_pointer,
                        format!("path item $ref '{reference}' is not supported"),
                    );
                    continue;
                }
            };
            let additional = self.doc.additional_operations.get(path);
            for (method, pointer, op) in super::v32::operations_of(item, additional, &item_pointer)
            {
                let request_path = super::query_template::split(path).request_path;
                let id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| derived_id(&method.to_ascii_lowercase(), &request_path));
                let name = scope.claim(&ident::snake(&id));
                let camel = ident::camel(&name);
                let mut docs =
                    super::docs(op.summary.as_ref(), op.description.as_ref(), op.deprecated);
                if op.operation_id.is_none() {
                    docs.notes.push(format!(
                        "The spec gives no operationId; the name comes from {}.",
                        crate::shared::code_span(&format!("{} {path}", method.to_uppercase()))
                    ));
                }
                let mut operation = Operation {
                    name,
                    id,
                    method,
                    path: path.clone(),
                    request_path,
                    tags: op.tags.clone(),
                    docs,
                    params: Vec::new(),
                    idempotency: None,
                    body: None,
                    success: Vec::new(),
                    errors: Vec::new(),
                    security: Vec::new(),
                    error_type: format!("{camel}Error"),
                    response_enum: None,
                    params_struct: None,
                    headers: None,
                    accept: Vec::new(),
                    pagination_hint: op.extensions.get("x-pagination").cloned(),
                    pagination: None,
                };
                if !op.callbacks.is_empty() {
                    self.warn(
                        &child(&pointer, "callbacks"),
                        "callbacks are not generated: the client only makes requests",
                    );
                }
                self.parameters(
                    &mut operation,
                    &camel,
                    &item.parameters,
                    &op.parameters,
                    &pointer,
                );
                if let Some(body) = &op.request_body {
                    operation.body =
                        self.request_body(body, &camel, &child(&pointer, "requestBody"));
                }
                self.responses(
                    &mut operation,
                    &camel,
                    &op.responses,
                    &child(&pointer, "responses"),
                );
                let security = op.security.as_ref().or(spec.security.as_ref());
                operation.security = self.security(security, &pointer);
                if operation.success.len() > 1 {
                    operation.response_enum = Some(format!("{camel}Response"));
                }
                if operation.params.iter().any(|p| !p.required) {
                    operation.params_struct = Some(format!("{camel}Params"));
                }
                operations.push(operation);
            }
        }
        operations
    }

    /// Webhooks (3.1): each operation's request body is the payload the
    /// API sends; it gets a type and a parser.
    pub(super) fn webhooks(&mut self) -> Vec<crate::model::Webhook> {
        let mut scope = Scope::new();
        let mut out = Vec::new();
        for (name, item) in &self.doc.webhooks {
            for (method, op) in item.iter() {
                let pointer = child(&child("#/webhooks", name), method);
                let camel = ident::camel(name);
                let Some(body) = &op.request_body else {
                    self.warn(
                        &pointer,
                        "this webhook has no request body; there is nothing to parse",
                    );
                    continue;
                };
                let (body, _) = match self.resolver.request_body(body) {
                    Ok(b) => b,
                    Err(message) => {
                        self.error(&child(&pointer, "requestBody"), message);
                        continue;
                    }
                };
                let Some((content_type, media, _)) = pick_media(&body.content) else {
                    continue;
                };
                let schema_pointer = child(
                    &child(&child(&pointer, "requestBody/content"), content_type),
                    "schema",
                );
                let payload = match &media.schema {
                    Some(s) => {
                        self.type_of(Sch::from(s), &format!("{camel}Payload"), &schema_pointer)
                    }
                    None => TypeRef::Json,
                };
                let base = if item.iter().count() > 1 {
                    format!("parse_{name}_{method}_webhook")
                } else {
                    format!("parse_{name}_webhook")
                };
                out.push(crate::model::Webhook {
                    parser: scope.claim(&ident::snake(&base)),
                    wire_name: name.clone(),
                    method: method.to_uppercase(),
                    docs: super::docs(op.summary.as_ref(), op.description.as_ref(), op.deprecated),
                    payload,
                });
            }
        }
        out
    }

    fn parameters(
        &mut self,
        op: &mut Operation,
        camel: &str,
        shared: &'a [ReferenceOr<Parameter>],
        own: &'a [ReferenceOr<Parameter>],
        pointer: &str,
    ) {
        // Operation parameters override path-item ones of the same name and place.
        let mut all: Vec<(&'a Parameter, String)> = Vec::new();
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
                    Ok((param, _)) => {
                        let data = param.parameter_data_ref();
                        all.retain(|(q, _)| {
                            !(q.parameter_data_ref().name == data.name && same_location(q, param))
                        });
                        all.push((param, p_pointer));
                    }
                    Err(message) => self.error(&p_pointer, message),
                }
            }
        }
        let mut scope = Scope::new();
        for reserved in ["body", "params", "idempotency_key", "self_"] {
            scope.reserve(reserved);
        }
        for (param, p_pointer) in all {
            let data = param.parameter_data_ref();
            let (mut location, serialization) = serialization(param);
            if let Some(how) = super::v32::querystring(param, self.raw_parameter(&p_pointer)) {
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
            op.params.push(Param {
                name: scope.claim(&ident::snake(&data.name)),
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
                constraints: resolved.map(|s| self.constraints(s)).unwrap_or_default(),
                examples: super::v32::examples(&data.example, &data.examples, false),
            });
        }
        let split = super::query_template::split(&op.path);
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

    fn request_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        camel: &str,
        pointer: &str,
    ) -> Option<Body> {
        let (body, reference) = match self.resolver.request_body(body) {
            Ok(b) => b,
            Err(message) => {
                self.error(pointer, message);
                return None;
            }
        };
        let content_pointer = child(pointer, "content");
        let (content_type, media, kind) = pick_media(&body.content)?;
        let mut kind = self.stream_kind(kind, media);
        if let MediaKind::Stream(StreamFormat::Sse(_)) = kind {
            self.warn(
                &child(&content_pointer, content_type),
                "a request body of server-sent events is sent as text, not as typed items",
            );
            kind = MediaKind::Text;
        }
        for other in body.content.keys().filter(|k| *k != content_type) {
            self.note(&child(&content_pointer, other), format!("request media type {other:?} is not generated; the client sends {content_type:?}"));
        }
        // Binary strings of a multipart body are file parts.
        self.multipart = kind == MediaKind::Multipart;
        let ty = match (kind, &media.schema) {
            (
                MediaKind::Json | MediaKind::Form | MediaKind::Multipart | MediaKind::Stream(_),
                Some(s),
            ) => self.type_of(
                Sch::from(s),
                &format!(
                    "{camel}Request{}",
                    if matches!(kind, MediaKind::Stream(_)) {
                        "Item"
                    } else {
                        ""
                    }
                ),
                &child(&child(&content_pointer, content_type), "schema"),
            ),
            (
                MediaKind::Json | MediaKind::Form | MediaKind::Multipart | MediaKind::Stream(_),
                None,
            ) => TypeRef::Json,
            (MediaKind::Text, _) => TypeRef::String,
            (MediaKind::Binary, _) => TypeRef::Json,
        };
        self.multipart = false;
        let examples = super::v32::examples(&media.example, &media.examples, is_json(content_type));
        self.attach_examples(&ty, examples);
        let positional = (kind == MediaKind::Multipart)
            .then(|| super::v32::positional(media, matches!(ty, TypeRef::Vec(_))))
            .flatten();
        Some(Body {
            positional,
            media: kind,
            content_type: content_type.to_string(),
            ty,
            required: body.required,
            docs: super::docs(None, body.description.as_ref(), false),
            encoding: match kind {
                MediaKind::Form | MediaKind::Multipart => {
                    // openapiv3 reads a missing `explode` as false; the tree
                    // tells whether the spec said so.
                    let at = reference.unwrap_or(pointer);
                    let media_pointer = child(&child(at, "content"), content_type);
                    let raw = self.doc.raw.pointer(media_pointer.trim_start_matches('#'));
                    property_encodings(media, raw)
                }
                _ => Vec::new(),
            },
        })
    }

    fn responses(
        &mut self,
        op: &mut Operation,
        camel: &str,
        responses: &'a openapiv3::Responses,
        pointer: &str,
    ) {
        let mut cases: Vec<(StatusMatch, &'a ReferenceOr<openapiv3::Response>, String)> = responses
            .responses
            .iter()
            .map(|(code, r)| {
                let status = match code {
                    StatusCode::Code(c) => StatusMatch::Code(*c),
                    StatusCode::Range(r) => StatusMatch::Range(*r),
                };
                (status, r, child(pointer, &code.to_string()))
            })
            .collect();
        if let Some(default) = &responses.default {
            cases.push((StatusMatch::Default, default, child(pointer, "default")));
        }
        let is_success =
            |s: &StatusMatch| matches!(s, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
        let any_success = cases.iter().any(|(s, _, _)| is_success(s));
        let mut success_scope = Scope::new();
        let mut error_scope = Scope::new();
        error_scope.reserve("Other");
        let success_count = cases.iter().filter(|(s, _, _)| is_success(s)).count();
        let mut headers = super::headers::Collected::default();
        for (status, response, r_pointer) in cases {
            let (response, _) = match self.resolver.response(response) {
                Ok(r) => r,
                Err(message) => {
                    self.error(&r_pointer, message);
                    continue;
                }
            };
            if !response.links.is_empty() {
                self.warn(
                    &child(&r_pointer, "links"),
                    "links are not generated; follow them by calling the linked operation",
                );
            }
            let success = is_success(&status) || (!any_success && status == StatusMatch::Default);
            self.collect_headers(
                &mut headers,
                camel,
                &status,
                success,
                &response.headers,
                &r_pointer,
            );
            let word = status_word(&status);
            let hint = if success {
                if success_count > 1 {
                    format!("{camel}{word}Body")
                } else {
                    format!("{camel}ResponseBody")
                }
            } else {
                format!("{camel}{word}Body")
            };
            let content_pointer = child(&r_pointer, "content");
            let body = match pick_media(&response.content) {
                Some((content_type, media, kind)) => {
                    let accepted = if content_type.contains('*') {
                        None
                    } else {
                        Some(
                            content_type
                                .split(';')
                                .next()
                                .unwrap_or(content_type)
                                .trim(),
                        )
                    };
                    if let Some(ct) = accepted.filter(|ct| !op.accept.iter().any(|a| a == ct)) {
                        op.accept.push(ct.to_string());
                    }
                    let kind = self.stream_kind(kind, media);
                    let ty = match (kind, &media.schema) {
                        (MediaKind::Json, Some(s)) => self.type_of(
                            Sch::from(s),
                            &hint,
                            &child(&child(&content_pointer, content_type), "schema"),
                        ),
                        (MediaKind::Stream(_), Some(s)) => self.type_of(
                            Sch::from(s),
                            &if success && success_count == 1 {
                                format!("{camel}Item")
                            } else {
                                format!("{camel}{word}Item")
                            },
                            &child(&child(&content_pointer, content_type), "schema"),
                        ),
                        (MediaKind::Json | MediaKind::Stream(_), None)
                        | (MediaKind::Form | MediaKind::Multipart, _) => TypeRef::Json,
                        (MediaKind::Text, _) => TypeRef::String,
                        (MediaKind::Binary, _) => TypeRef::Json,
                    };
                    // Form and multipart answers are rare; they are handed over as bytes.
                    let kind = if matches!(kind, MediaKind::Form | MediaKind::Multipart) {
                        MediaKind::Binary
                    } else {
                        kind
                    };
                    let examples = super::v32::examples(
                        &media.example,
                        &media.examples,
                        is_json(content_type),
                    );
                    self.attach_examples(&ty, examples);
                    Some((kind, ty))
                }
                None => None,
            };
            let scope = if success {
                &mut success_scope
            } else {
                &mut error_scope
            };
            let outcome = Outcome {
                variant: scope.claim(&word),
                status,
                docs: super::docs(
                    super::v32::response_summary(response),
                    Some(&response.description),
                    false,
                ),
                body,
                boxed: false,
            };
            if success {
                op.success.push(outcome)
            } else {
                op.errors.push(outcome)
            }
        }
        op.headers = self.finish_headers(camel, headers);
    }

    /// Examples of a body that is a named type become tests of that type.
    fn attach_examples(&mut self, ty: &TypeRef, examples: Vec<serde_json::Value>) {
        if let TypeRef::Named(name) = ty
            && let Some(&at) = self.type_at.get(name)
            && let Some(def) = self.types.get_mut(at)
        {
            for example in examples {
                if !def.examples.contains(&example) {
                    def.examples.push(example);
                }
            }
        }
    }

    fn security(
        &mut self,
        requirements: Option<&'a Vec<SecurityRequirement>>,
        pointer: &str,
    ) -> Vec<Vec<String>> {
        let schemes = self
            .doc
            .spec
            .components
            .as_ref()
            .map(|c| &c.security_schemes);
        let mut out = Vec::new();
        for requirement in requirements.into_iter().flatten() {
            let mut alternative = Vec::new();
            for name in requirement.keys() {
                if schemes.is_some_and(|s| s.contains_key(name)) {
                    alternative.push(name.clone());
                } else {
                    self.error(&child(pointer, "security"), format!("security requirement names {name:?}, which is not in components/securitySchemes"));
                }
            }
            out.push(alternative);
        }
        out
    }

    fn server_names(&self) -> Vec<String> {
        let mut scope = Scope::new();
        for reserved in CLIENT_METHODS {
            scope.reserve(reserved);
        }
        self.doc
            .spec
            .servers
            .iter()
            .enumerate()
            .map(|(i, server)| {
                let from_description = server
                    .description
                    .as_deref()
                    .map(ident::snake)
                    .filter(|n| n.len() <= 40 && n != "field");
                let name = super::v32::server_name(server).or(from_description);
                let fallback = if is_absolute(&server.url) {
                    format!("server_{}", i + 1)
                } else {
                    "at_origin".to_string()
                };
                scope.claim(&name.unwrap_or(fallback))
            })
            .collect()
    }

    pub(super) fn servers(&mut self) -> Vec<Server> {
        let names = self.server_names();
        let mut servers = Vec::new();
        for (i, (server, name)) in self.doc.spec.servers.iter().zip(names).enumerate() {
            let pointer = child("#/servers", &i.to_string());
            let relative = !is_absolute(&server.url);
            if relative && server.url.contains('{') {
                self.warn(&child(&pointer, "url"), format!("server URL {:?} is relative and has variables; no constructor is generated for it (use Client::with_base_url)", server.url));
                continue;
            }
            // A relative URL is a path on the origin the constructor takes
            // (documents read from a URL have theirs resolved when loaded).
            let url = if relative {
                let path = server.url.trim_start_matches("./").trim_end_matches('/');
                let path = path.strip_prefix('.').unwrap_or(path);
                match path {
                    "" => String::new(),
                    p if p.starts_with('/') => p.to_string(),
                    p => format!("/{p}"),
                }
            } else {
                server.url.clone()
            };
            let mut scope = Scope::new();
            let variables = server
                .variables
                .iter()
                .flatten()
                .filter(|(wire, _)| server.url.contains(&format!("{{{wire}}}")))
                .map(|(wire, v)| ServerVariable {
                    name: scope.claim(&ident::snake(wire)),
                    wire_name: wire.clone(),
                    default: v.default.clone(),
                    description: v.description.clone(),
                    allowed: v.enumeration.clone(),
                })
                .collect();
            servers.push(Server {
                name,
                url,
                description: server.description.clone(),
                variables,
                relative,
            });
        }
        servers
    }

    pub(super) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = &self.doc.spec.components else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let pointer = child("#/components/securitySchemes", name);
            let scheme = match scheme {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => {
                    self.error(
                        &pointer,
                        format!("security scheme $ref '{reference}' is not supported"),
                    );
                    continue;
                }
            };
            use openapiv3::{APIKeyLocation, SecurityScheme as S};
            let (kind, description) = match scheme {
                S::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => (
                    match location {
                        APIKeyLocation::Header => SchemeKind::ApiKeyHeader(name.clone()),
                        APIKeyLocation::Query => SchemeKind::ApiKeyQuery(name.clone()),
                        APIKeyLocation::Cookie => SchemeKind::ApiKeyCookie(name.clone()),
                    },
                    description,
                ),
                S::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("bearer") => (SchemeKind::Bearer, description),
                S::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("basic") => (SchemeKind::Basic, description),
                S::HTTP { scheme, .. } => {
                    self.warn(&pointer, format!("HTTP auth scheme {scheme:?} is not supported; operations that need it must be authenticated with a default header"));
                    continue;
                }
                S::OAuth2 { description, .. } | S::OpenIDConnect { description, .. } => {
                    (SchemeKind::Bearer, description)
                }
            };
            let deprecated = self.check_scheme(scheme, &pointer);
            out.push(SecurityScheme {
                name: name.clone(),
                kind,
                description: description.clone(),
                deprecated,
                flows: super::v32::oauth_flows(scheme),
                used: false,
            });
        }
        out
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
            if content.keys().next().is_some_and(|ct| is_json(ct)) =>
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

/// `application/json` and every `+json` type (`application/problem+json`).
pub(crate) fn is_json(content_type: &str) -> bool {
    let ct = content_type
        .split(';')
        .next()
        .unwrap_or(content_type)
        .trim()
        .to_ascii_lowercase();
    ct == "application/json" || ct.ends_with("+json") || ct.ends_with("/json")
}

/// The `encoding` entries of a form or multipart body, in spec order.
pub(super) fn property_encodings(
    media: &openapiv3::MediaType,
    raw: Option<&serde_json::Value>,
) -> Vec<PropertyEncoding> {
    media
        .encoding
        .iter()
        .map(|(name, e)| {
            let explode = raw
                .and_then(|m| m.get("encoding")?.get(name)?.get("explode")?.as_bool())
                .or(e.explode.then_some(true));
            let style = e.style.as_ref().map(|s| match s {
                openapiv3::QueryStyle::Form => Style::Form,
                openapiv3::QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                openapiv3::QueryStyle::PipeDelimited => Style::PipeDelimited,
                openapiv3::QueryStyle::DeepObject => Style::DeepObject,
            });
            let style = match (style, explode) {
                (Some(style), explode) => Some((style, explode.unwrap_or(style == Style::Form))),
                (None, Some(explode)) => Some((Style::Form, explode)),
                (None, None) => None,
            };
            PropertyEncoding {
                name: name.clone(),
                content_type: e.content_type.clone(),
                style,
                allow_reserved: e.allow_reserved,
            }
        })
        .collect()
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

fn placeholders(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

/// `get /pets/{petId}/toys` → `get_pets_by_pet_id_toys`.
fn derived_id(method: &str, path: &str) -> String {
    let mut id = method.to_string();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => id.push_str(&format!("_by_{param}")),
            None => id.push_str(&format!("_{segment}")),
        }
    }
    id
}

/// The media type the client uses: JSON first, then form, text, bytes.
fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType, MediaKind)> {
    let kind_of = |ct: &str| {
        let ct = ct
            .split(';')
            .next()
            .unwrap_or(ct)
            .trim()
            .to_ascii_lowercase();
        if ct == "application/json" {
            Some((0, MediaKind::Json))
        } else if ct.ends_with("+json")
            || ct.ends_with("/json")
            || ct == "*/*"
            || ct == "application/*"
        {
            Some((1, MediaKind::Json))
        } else if ct == "application/x-www-form-urlencoded" {
            Some((2, MediaKind::Form))
        } else if ct == "multipart/form-data" || ct == "multipart/mixed" {
            Some((2, MediaKind::Multipart))
        } else if ct.starts_with("text/") {
            Some((3, MediaKind::Text))
        } else {
            Some((4, MediaKind::Binary))
        }
    };
    content
        .iter()
        .filter_map(|(ct, m)| {
            // A stream of typed items, after JSON itself.
            let kind = match super::streams::streamed(ct, m) {
                Some(format) => Some((2, MediaKind::Stream(format))),
                None => kind_of(ct),
            };
            kind.map(|(rank, kind)| (rank, ct.as_str(), m, kind))
        })
        .min_by_key(|(rank, ..)| *rank)
        .map(|(_, ct, m, kind)| (ct, m, kind))
}

/// A variant name for a status.
pub(crate) fn status_word(status: &StatusMatch) -> String {
    let code = match status {
        StatusMatch::Code(c) => *c,
        StatusMatch::Range(r) => return format!("Status{r}xx"),
        StatusMatch::Default => return "Default".into(),
    };
    let word = match code {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritative",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        418 => "ImATeapot",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    };
    word.to_string()
}

/// Whether a server URL is absolute (or a variable that is the whole URL).
fn is_absolute(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with('{')
}
