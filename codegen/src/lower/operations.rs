//! Operations and webhooks: names, parameters, bodies, answers and security per
//! operation (the parts in `parameters`, `media`), and the methods of a path
//! item (3.2 `additionalOperations` included).

use openapiv3::{ReferenceOr, SecurityRequirement};

use super::Lowerer;
use super::method_names::{MethodNames, Named};
use super::schemas::Sch;
use crate::diagnostics::child;
use crate::ident::{self, Scope};
use crate::load::ext;
use crate::model::{Body, Operation, TypeRef};

/// Names a generated `Client` already uses for itself.
pub(super) const CLIENT_METHODS: &[&str] = &[
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
        let names = self.method_names();
        let spec = &self.doc.spec;
        // Sized once: an operation is large, and growing a vector of
        // thousands (Microsoft Graph beta: 13,478) copies them each time.
        let mut operations = Vec::with_capacity(
            spec.paths
                .paths
                .iter()
                .map(|(path, item)| {
                    let own = item.as_item().map_or(0, |item| item.iter().count());
                    own + self.doc.additional_operations.get(path).map_or(0, Vec::len)
                })
                .sum(),
        );
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
            for (method, pointer, op) in operations_of(item, additional, &item_pointer) {
                let request_path = super::query_template::split(path).request_path;
                let id = operation_id(op, &method, path);
                let (base, renamed) = names
                    .of(path, &method)
                    .cloned()
                    .unwrap_or_else(|| (ident::snake(&id), None));
                let name = scope.claim(&base);
                if let Some(note) = renamed {
                    self.note(&pointer, note);
                }
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
                    name: name.into(),
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
                    error_type: None,
                    response_enum: None,
                    plain: None,
                    params_struct: None,
                    builder: None,
                    send_method: None,
                    headers: None,
                    accept: Vec::new(),
                    pagination_hint: op.extensions.get("x-pagination").cloned(),
                    pagination: None,
                    gate: Default::default(),
                    part: None,
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
                // A call with optional parameters, or whose answer streams
                // (an `async` method, which has no `Call` to take the
                // per-call options), is a builder.
                let optional_body = operation.body.as_ref().is_some_and(Body::on_builder);
                if optional_body || operation.params.iter().any(|p| !p.required) {
                    operation.params_struct = Some(format!("{camel}Params"));
                }
                if operation.params_struct.is_some() || !operation.streamed().is_empty() {
                    operation.builder = Some(format!("{camel}Call"));
                }
                operations.push(operation);
            }
        }
        // Claimed after every operation has its name: an operation's own
        // name is never displaced by another's sending method.
        for op in operations.iter_mut() {
            op.send_method = Some(scope.claim(&format!("send_{}", op.name.plain())).into());
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
                let Some((content_type, media, _)) = super::media::pick_media(&body.content) else {
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

    pub(super) fn security(
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
}

/// The operationId, or the one derived from the method and the path
/// requested.
fn operation_id(op: &openapiv3::Operation, method: &str, path: &str) -> String {
    op.operation_id.clone().unwrap_or_else(|| {
        let request_path = super::query_template::split(path).request_path;
        derived_id(&method.to_ascii_lowercase(), &request_path)
    })
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

impl Lowerer<'_> {
    /// Every operation's method name, decided together: a framework's
    /// decoration is dropped only where the name stays unique.
    fn method_names(&self) -> MethodNames {
        let mut ops = Vec::new();
        for (path, item) in &self.doc.spec.paths.paths {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            let additional = self.doc.additional_operations.get(path);
            let item_pointer = child("#/paths", path);
            for (method, _, op) in operations_of(item, additional, &item_pointer) {
                let id = operation_id(op, &method, path);
                let rust_name = ext::text(&op.extensions, ext::RUST_NAME);
                ops.push((path.as_str(), method, id, rust_name));
            }
        }
        let named: Vec<Named<'_>> = ops
            .iter()
            .map(|(path, method, id, rust_name)| Named {
                path,
                method,
                id,
                rust_name: *rust_name,
            })
            .collect();
        MethodNames::decide(&named)
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
