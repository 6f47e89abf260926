//! Response headers: every header an operation's responses declare becomes a
//! typed field of one struct per operation (`CreateCashierHeaders`).

use indexmap::IndexMap;
use openapiv3::{Header, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::schemas::Sch;
use crate::diagnostics::child;
use crate::ident::{self, Scope};
use crate::model::{
    Docs, EnumRepr, ResponseHeader, ResponseHeaders, StatusMatch, TypeKind, TypeRef,
};

/// The headers met so far in an operation's responses, in order of first
/// appearance; names are decided when all are known.
#[derive(Default)]
pub(super) struct Collected {
    fields: Vec<(String, TypeRef, Docs, Vec<StatusMatch>)>,
    on_success: bool,
    on_error: bool,
}

impl<'a> Lowerer<'a> {
    /// Adds the headers one response declares.
    pub(super) fn collect_headers(
        &mut self,
        into: &mut Collected,
        camel: &str,
        status: &StatusMatch,
        success: bool,
        headers: &'a IndexMap<String, ReferenceOr<Header>>,
        pointer: &str,
    ) {
        for (wire, header) in headers {
            // OpenAPI: a response header named Content-Type is ignored.
            if wire.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let h_pointer = child(&child(pointer, "headers"), wire);
            let header = match self.resolver.header(header) {
                Ok((header, _)) => header,
                Err(message) => {
                    self.error(&h_pointer, message);
                    continue;
                }
            };
            let (ty, mut docs) = self.header_type(header, camel, wire, &h_pointer);
            if success {
                into.on_success = true;
            } else {
                into.on_error = true;
            }
            let known = into
                .fields
                .iter_mut()
                .find(|(w, ..)| w.eq_ignore_ascii_case(wire));
            match known {
                Some((_, known_ty, _, statuses)) => {
                    if *known_ty != ty {
                        self.warn(&h_pointer, format!("`{wire}` is declared with another type by an earlier response; that type is used"));
                    }
                    statuses.push(status.clone());
                }
                None => {
                    if header.required {
                        docs.notes.push(
                            "The spec marks it required; a response without it still succeeds."
                                .into(),
                        );
                    }
                    into.fields
                        .push((wire.clone(), ty, docs, vec![status.clone()]));
                }
            }
        }
    }

    /// The operation's headers struct, if its responses declare any.
    pub(super) fn finish_headers(
        &mut self,
        camel: &str,
        collected: Collected,
    ) -> Option<ResponseHeaders> {
        if collected.fields.is_empty() {
            return None;
        }
        let mut scope = Scope::new();
        scope.reserve("malformed");
        let fields = collected
            .fields
            .into_iter()
            .map(|(wire_name, ty, docs, statuses)| ResponseHeader {
                name: scope.claim(&ident::snake(&wire_name)).into(),
                wire_name,
                ty,
                docs,
                statuses,
            })
            .collect();
        Some(ResponseHeaders {
            name: format!("{camel}Headers").into(),
            fields,
            on_success: collected.on_success,
            on_error: collected.on_error,
        })
    }

    /// A header's Rust type: scalars, string enums and lists of them are
    /// read as such; anything else is kept as text.
    fn header_type(
        &mut self,
        header: &'a Header,
        camel: &str,
        wire: &str,
        pointer: &str,
    ) -> (TypeRef, Docs) {
        let mut docs = super::docs(
            None,
            header.description.as_ref(),
            header.deprecated.unwrap_or(false),
        );
        let schema = match &header.format {
            ParameterSchemaOrContent::Schema(s) => s,
            ParameterSchemaOrContent::Content(_) => {
                docs.notes
                    .push("Declared with `content`; kept as text.".into());
                return (TypeRef::String, docs);
            }
        };
        let hint = format!("{camel}{}Header", ident::camel(wire));
        // Only scalars (and lists of them) are lowered: an object would
        // make a type nothing uses.
        let scalar = match self.resolve(Sch::from(schema)).map(|s| &s.schema_kind) {
            Some(SchemaKind::Type(Type::Array(a))) => a
                .items
                .as_ref()
                .and_then(|i| self.resolve(Sch::from(i)))
                .is_some_and(is_scalar),
            _ => self.resolve(Sch::from(schema)).is_some_and(is_scalar),
        };
        if scalar {
            let ty = self.type_of(Sch::from(schema), &hint, &child(pointer, "schema"));
            let readable = match &ty {
                TypeRef::Vec(inner) => self.readable(inner),
                other => self.readable(other),
            };
            if readable {
                return (ty, docs);
            }
        }
        self.warn(
            &child(pointer, "schema"),
            "a header that is not a scalar, a string enum or a list of them is kept as text",
        );
        docs.notes
            .push("Its schema is not a scalar or a list of them; kept as text.".into());
        (TypeRef::String, docs)
    }

    /// Whether header text can be read as `ty` (with `FromStr`).
    fn readable(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::Decimal
            | TypeRef::Date
            | TypeRef::DateTime
            | TypeRef::Uuid => true,
            TypeRef::Named(id) => self.type_def(*id).is_some_and(
                |t| matches!(&t.kind, TypeKind::Enum(e) if e.repr == EnumRepr::String),
            ),
            _ => false,
        }
    }
}

/// A string, number, integer or boolean schema.
fn is_scalar(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(t) => !matches!(t, Type::Object(_) | Type::Array(_)),
        SchemaKind::Any(any) => {
            matches!(
                any.typ.as_deref(),
                Some("string" | "number" | "integer" | "boolean")
            ) && any.properties.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.all_of.is_empty()
        }
        _ => false,
    }
}
