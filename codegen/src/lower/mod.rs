//! Stage 2, lower: resolve references, decide every name, and build the
//! intermediate model from the parsed spec. Everything a later stage would
//! otherwise work out again is decided here and recorded in the model:
//! boxing of recursive and oversized types (`analysis`, `sizes`), which
//! cargo feature builds each item (`features`), pagination, how union
//! members are told apart.

mod analysis;
mod errors;
mod features;
mod handles;
mod headers;
mod implicit_tags;
mod media;
mod method_names;
mod names;
mod operations;
mod pagination;
mod parameters;
mod query_template;
mod refs;
mod schemas;
mod security;
mod servers;
mod shapes;
mod sizes;
mod streams;
mod tags;

use crate::shared::HashMap;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::diagnostics::{Diagnostic, Severity, child};
use crate::ident::{self, Scope};
use crate::load::Document;
use crate::model::{Api, Docs, TypeDef, TypeId, TypeRef};
use crate::shared::Options;
pub use refs::Resolver;

/// The model and the warnings met on the way; errors stop generation.
pub struct Lowered {
    pub api: Api,
    pub diagnostics: Vec<Diagnostic>,
}

/// The component schemas that multipart request bodies refer to directly.
fn multipart_components(doc: &Document) -> crate::shared::HashSet<String> {
    let spec = &doc.spec;
    let bodies = spec
        .components
        .iter()
        .flat_map(|c| c.request_bodies.values());
    let additional = doc
        .additional_operations
        .values()
        .flatten()
        .map(|(_, op)| op);
    let inline = spec
        .operations()
        .map(|(_, _, op)| op)
        .chain(additional)
        .filter_map(|op| op.request_body.as_ref());
    bodies
        .chain(inline)
        .filter_map(|b| b.as_item())
        .flat_map(|b| &b.content)
        .filter(|(ct, _)| ct.starts_with("multipart/"))
        .filter_map(|(_, media)| match media.schema.as_ref()? {
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/schemas/")
                .map(crate::diagnostics::unescape_segment),
            ReferenceOr::Item(_) => None,
        })
        .collect()
}

/// Lowers a document. Returns every diagnostic: the caller stops when one
/// of them is an error.
pub fn lower(doc: &Document, options: &Options) -> Lowered {
    let resolver = Resolver::new(doc, options.lenient);
    let mut cx = Lowerer::new(doc, &resolver, options);
    let repaired = &resolver.repaired;
    for (pointer, message) in doc.notes.iter().chain(&repaired.notes) {
        cx.warn(pointer, message.clone());
    }
    for (pointer, message) in doc.invalid_values.iter().chain(&repaired.invalid) {
        cx.invalid_value(pointer, message);
    }
    // Already placed, in the overlay files.
    cx.diagnostics.extend(doc.overlays.warnings.iter().cloned());
    cx.name_components();
    if let Some(components) = &doc.spec.components {
        for key in components.schemas.keys() {
            cx.component(key);
        }
    }
    let operations = cx.operations();
    let webhooks = cx.webhooks();
    let servers = cx.servers();
    let mut security_schemes = cx.security_schemes();
    for scheme in &mut security_schemes {
        scheme.used = operations
            .iter()
            .any(|op| op.security.iter().flatten().any(|n| *n == scheme.name));
    }
    let tags = cx.tags();
    let spec: &OpenAPI = &doc.spec;
    let stem = doc
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("api");
    let mut api = Api {
        api_trait: format!("{}Api", crate::ident::camel(stem)),
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: spec.info.description.clone(),
        types: std::mem::take(&mut cx.handles.types),
        operations,
        error_enums: Vec::new(),
        servers,
        security_schemes,
        default_headers: std::mem::take(&mut cx.default_headers),
        webhooks,
        tags,
        features: Vec::new(),
        webhooks_part: None,
    };
    let dangling = cx.handles.renumber(&mut api);
    shapes::merge(&mut api, &mut cx.type_scope);
    analysis::finish(&mut api);
    for def in &mut api.types {
        def.serialize = def.builder || options.serialize_all;
    }
    for (id, message) in pagination::decide(&mut api) {
        let pointer = api
            .operations
            .iter()
            .find(|op| op.id == id)
            .map(|op| child(&child("#/paths", &op.path), &op.method.to_ascii_lowercase()))
            .unwrap_or_else(|| "#/paths".into());
        cx.warn(&pointer, message);
    }
    for op in &api.operations {
        if let Some(p) = &op.pagination {
            let pointer = child(&child("#/paths", &op.path), &op.method.to_ascii_lowercase());
            let message = format!(
                "{} gets {}_stream: {}",
                op.name.plain(),
                op.name.plain(),
                p.reason
            );
            cx.note(&pointer, message);
        }
    }
    names::helpers(&mut api);
    errors::share(&mut api);
    features::decide(&mut api, options);
    for (pointer, message) in analysis::unresolvable(&api, dangling) {
        cx.error(&pointer, message);
    }
    let mut diagnostics = cx.diagnostics;
    doc.place(&mut diagnostics);
    Lowered { api, diagnostics }
}

/// State while lowering one document.
pub(crate) struct Lowerer<'a> {
    doc: &'a Document,
    resolver: &'a Resolver<'a>,
    options: &'a Options,
    diagnostics: Vec<Diagnostic>,
    /// The types made so far, and the ids of their names.
    handles: handles::Handles,
    type_scope: Scope,
    /// Component schema key → its Rust type name.
    component_names: HashMap<String, String>,
    /// Component schema key → what a reference to it means (the alias
    /// target for primitives, the named type otherwise).
    component_refs: HashMap<String, TypeRef>,
    /// Schemas already lowered (or being lowered) by where they are
    /// written, and whether as a multipart part: a schema reached twice
    /// gives one type.
    pointer_types: HashMap<(String, bool), TypeRef>,
    /// How many inline schemas are being lowered inside each other.
    depth: usize,
    /// Enums by their values, string enums first and integer ones second,
    /// so identical inline enums share a type (looked up by the borrowed
    /// values: most of Microsoft Graph's inline enums are such repeats).
    enums: [HashMap<Vec<String>, String>; 2],
    /// Inline schemas named by their title, so equal ones share a type.
    titled: HashMap<String, Vec<(&'a openapiv3::Schema, TypeRef)>>,
    default_headers: Vec<(String, String)>,
    /// Component schemas that a multipart body is made of.
    multipart_components: crate::shared::HashSet<String>,
    /// Lowering a multipart body's schema: binary strings are file parts.
    multipart: bool,
    /// Component key → the components extending it through `allOf`.
    extended_by: HashMap<String, Vec<String>>,
    /// Component key → the union a reference to it means, if it is a base
    /// with a discriminator that others extend (`schemas::inheritance`).
    polymorphic: HashMap<String, Option<TypeRef>>,
}

impl<'a> Lowerer<'a> {
    fn new(doc: &'a Document, resolver: &'a Resolver<'a>, options: &'a Options) -> Self {
        Lowerer {
            doc,
            resolver,
            options,
            diagnostics: Vec::new(),
            handles: Default::default(),
            type_scope: Scope::new(),
            component_names: HashMap::default(),
            component_refs: HashMap::default(),
            pointer_types: HashMap::default(),
            depth: 0,
            enums: Default::default(),
            titled: HashMap::default(),
            default_headers: Vec::new(),
            multipart_components: multipart_components(doc),
            multipart: false,
            extended_by: schemas::inheritance::extended_by(&doc.spec),
            polymorphic: HashMap::default(),
        }
    }

    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        let d = self.doc.diagnostic(Severity::Error, pointer, message);
        self.diagnostics.push(d);
    }

    /// A decision worth logging that is nobody's mistake (`--verbose`).
    fn note(&mut self, pointer: &str, message: impl Into<String>) {
        let d = self.doc.diagnostic(Severity::Note, pointer, message);
        self.diagnostics.push(d);
    }

    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let d = self.doc.diagnostic(Severity::Warning, pointer, message);
        self.diagnostics.push(d);
    }

    /// Component schemas keep their names (made valid Rust) in spec order,
    /// before any inline type claims one.
    fn name_components(&mut self) {
        let Some(components) = &self.doc.spec.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            // `x-rust-name` on the schema names its type.
            let given = match schema {
                openapiv3::ReferenceOr::Item(s) => {
                    crate::load::ext::text(&s.schema_data.extensions, crate::load::ext::RUST_NAME)
                }
                openapiv3::ReferenceOr::Reference { .. } => None,
            };
            let name = self
                .type_scope
                .claim(&ident::type_name(given.unwrap_or(key)));
            self.component_names.insert(key.clone(), name);
        }
    }

    /// A fresh type name from context (`CustomerBilling`, `CreatePayoutRequest`).
    fn claim_type_name(&mut self, hint: &str) -> String {
        self.type_scope.claim(&ident::type_name(hint))
    }

    fn push_type(&mut self, def: TypeDef) {
        self.handles.push(def);
    }

    /// A type made so far.
    fn type_def(&self, id: TypeId) -> Option<&TypeDef> {
        self.handles.get(id)
    }

    /// A reference to the type named `name` (made or still to be made).
    fn named(&mut self, name: &str) -> TypeRef {
        self.handles.named(name)
    }

    /// The meaning of a reference to component schema `key`, lowering it
    /// on first use.
    fn component(&mut self, key: &str) -> TypeRef {
        if let Some(known) = self.component_refs.get(key) {
            return known.clone();
        }
        let Some(name) = self.component_names.get(key).cloned() else {
            return TypeRef::Json;
        };
        // Until it is lowered, a reference to it (recursion) means the named
        // type; only structs and unions can refer to themselves.
        let itself = self.named(&name);
        self.component_refs.insert(key.to_string(), itself);
        let pointer = child("#/components/schemas", key);
        let schema = match self
            .doc
            .spec
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(key))
        {
            Some(ReferenceOr::Item(schema)) => schema,
            Some(ReferenceOr::Reference { reference }) => {
                let target = self.reference(reference, &name, &pointer);
                self.push_alias(&name, &pointer, Docs::default(), target.clone());
                self.component_refs.insert(key.to_string(), target.clone());
                return target;
            }
            None => return TypeRef::Json,
        };
        let outer = self.multipart;
        self.multipart = self.multipart_components.contains(key);
        let meaning = self.named_schema(&name, &pointer, schema);
        self.multipart = outer;
        self.component_refs.insert(key.to_string(), meaning.clone());
        meaning
    }

    fn push_alias(&mut self, name: &str, pointer: &str, docs: Docs, target: TypeRef) {
        let kind = crate::model::TypeKind::Alias(target);
        self.push_type(TypeDef::new(name.to_string(), pointer, docs, kind));
    }
}

/// Docs from a description and summary, normalised.
pub(crate) fn docs(
    summary: Option<&String>,
    description: Option<&String>,
    deprecated: bool,
) -> Docs {
    let clean = |s: Option<&String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Docs {
        summary: clean(summary),
        description: clean(description),
        notes: Vec::new(),
        deprecated,
    }
}
