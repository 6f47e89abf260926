//! Schemas to types: objects to structs, enums to open enums, oneOf/anyOf
//! to unions, allOf to merged structs, and formats to Rust types.

mod constraints;
pub(crate) use constraints::without_implied;
pub(in crate::lower) mod inheritance;
mod objects;
mod spread;
mod unions;

use objects::*;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;
use spread::Alternatives;

use super::Lowerer;
use super::names::{member_hint, title_name, variant_name};
use super::refs::SchemaTarget;
use crate::diagnostics::child;
use crate::ident::{self, Scope};
use crate::load::ext;
use crate::model::{
    Constraints, Docs, Enum, EnumRepr, EnumVariant, ExtraFields, Field, Struct, TypeDef, TypeKind,
    TypeRef, Union, UnionMode, UnionVariant,
};

/// A schema or a reference to one, whatever box it came in.
#[derive(Clone, Copy)]
pub(crate) enum Sch<'a> {
    Ref(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for Sch<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Sch::Ref(reference),
            ReferenceOr::Item(s) => Sch::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for Sch<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => Sch::Ref(reference),
            ReferenceOr::Item(s) => Sch::Item(s),
        }
    }
}

/// How a type that needs a definition gets its name.
#[derive(Clone, Copy)]
enum Naming<'n> {
    /// A component: this exact name.
    Fixed(&'n str),
    /// Inline: claim a name from this context.
    Hint(&'n str),
    /// Inline with a title that reads as a name: that name while it is
    /// free, else one from the context.
    Titled { title: &'n str, hint: &'n str },
}

/// The object-shaped parts of a schema, whichever variant holds them.
#[derive(Clone, Default)]
struct ObjectParts<'a> {
    properties: Vec<(&'a str, Sch<'a>, String)>,
    required: Vec<&'a str>,
    additional: Option<&'a AdditionalProperties>,
}

impl<'a> ObjectParts<'a> {
    /// The properties (each with its pointer under `pointer`), required
    /// names and additional properties of an object schema.
    fn new(
        pointer: &str,
        properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &'a [String],
        additional: Option<&'a AdditionalProperties>,
    ) -> Self {
        let at = child(pointer, "properties");
        ObjectParts {
            properties: properties
                .iter()
                .map(|(k, v)| (k.as_str(), Sch::from(v), child(&at, k)))
                .collect(),
            required: required.iter().map(String::as_str).collect(),
            additional,
        }
    }
}

impl<'a> Lowerer<'a> {
    /// The type a `$ref` stands for.
    pub(crate) fn reference(&mut self, reference: &'a str, hint: &str, pointer: &str) -> TypeRef {
        match self.resolver.schema(reference) {
            Ok(SchemaTarget::Component(key)) => self.component_as_referred(key),
            Ok(SchemaTarget::Inline(schema, target)) => {
                let target = target.to_string();
                self.inline(schema, &target, hint)
            }
            Err(message) => {
                self.error(pointer, message);
                TypeRef::Json
            }
        }
    }

    /// The type of a schema or reference met in context `hint` at `pointer`.
    pub(crate) fn type_of(&mut self, s: Sch<'a>, hint: &str, pointer: &str) -> TypeRef {
        match s {
            Sch::Ref(reference) => self.reference(reference, hint, pointer),
            Sch::Item(schema) => self.inline(schema, pointer, hint),
        }
    }

    /// The type of the schema written at `pointer`, lowered once: a schema
    /// reached again (a shared path-item parameter, a property an allOf
    /// merges into several structs, or a recursive one through an allOf
    /// that restates a reference) is the type it got the first time. A
    /// named type records itself here as soon as it has its name, so
    /// recursion ends at it instead of unfolding the schema forever.
    fn inline(&mut self, schema: &'a Schema, pointer: &str, hint: &str) -> TypeRef {
        let key = (pointer.to_string(), self.multipart);
        if let Some(known) = self.pointer_types.get(&key) {
            return known.clone();
        }
        let ty = self.schema_type(schema, pointer, Naming::Hint(hint));
        self.pointer_types.insert(key, ty.clone());
        ty
    }

    /// Records the type being defined at `pointer` before its members are
    /// lowered (see [`Self::inline`]).
    fn defining(&mut self, pointer: &str, name: &str) {
        let itself = self.named(name);
        self.pointer_types
            .entry((pointer.to_string(), self.multipart))
            .or_insert(itself);
    }

    /// A component schema's type, defined under `name`.
    pub(crate) fn named_schema(
        &mut self,
        name: &str,
        pointer: &str,
        schema: &'a Schema,
    ) -> TypeRef {
        let ty = self.schema_type(schema, pointer, Naming::Fixed(name));
        if ty != self.named(name) {
            let docs = self.schema_docs(&schema.schema_data);
            self.push_alias(name, pointer, docs, ty.clone());
        }
        ty
    }

    /// The schema a `Sch` finally stands for (following references).
    pub(crate) fn resolve(&self, s: Sch<'a>) -> Option<&'a Schema> {
        match s {
            Sch::Item(schema) => Some(schema),
            Sch::Ref(reference) => self.resolver.schema_item(reference),
        }
    }

    fn schema_docs(&self, data: &SchemaData) -> Docs {
        super::docs(
            data.title.as_ref(),
            data.description.as_ref(),
            data.deprecated,
        )
    }

    fn name_for(&mut self, naming: Naming<'_>) -> String {
        match naming {
            Naming::Fixed(name) => name.to_string(),
            Naming::Hint(hint) => self.claim_type_name(hint),
            Naming::Titled { title, hint } => match self.type_scope.try_claim(title) {
                Some(name) => name,
                None => self.claim_type_name(hint),
            },
        }
    }

    fn hint_of(&self, naming: Naming<'_>) -> String {
        match naming {
            Naming::Fixed(name) | Naming::Hint(name) | Naming::Titled { title: name, .. } => {
                name.to_string()
            }
        }
    }

    /// The type of a schema met at `pointer`. An inline schema with a title
    /// that reads as a name is named by it; one equal to a schema already
    /// lowered under that title (or to the component of that name) is that
    /// type.
    fn schema_type(&mut self, schema: &'a Schema, pointer: &str, naming: Naming<'_>) -> TypeRef {
        if self.depth >= MAX_DEPTH {
            self.warn(pointer, format!("schemas nest more than {MAX_DEPTH} levels deep here (through properties, items and references); this one is kept as serde_json::Value"));
            return TypeRef::Json;
        }
        self.depth += 1;
        let ty = self.titled_type(schema, pointer, naming);
        self.depth -= 1;
        ty
    }

    fn titled_type(&mut self, schema: &'a Schema, pointer: &str, naming: Naming<'_>) -> TypeRef {
        // A constant's title that only restates the end of the context
        // (Pydantic titles every property after its name: `Type` in
        // `DoNothingType`) names less than the context does; each
        // constant differs, so no two contexts share it.
        let title = match naming {
            Naming::Hint(hint) => title_name(schema.schema_data.title.as_ref()).filter(|t| {
                let context = ident::type_name(hint);
                !is_constant_schema(schema) || context == *t || !context.ends_with(t.as_str())
            }),
            _ => None,
        };
        let Some(title) = title else {
            return self.shaped_type(schema, pointer, naming);
        };
        if let Some(known) = self.same_titled(&title, schema) {
            return known;
        }
        let hint = self.hint_of(naming);
        let ty = self.shaped_type(
            schema,
            pointer,
            Naming::Titled {
                title: &title,
                hint: &hint,
            },
        );
        if matches!(ty, TypeRef::Named(_)) {
            self.titled
                .entry(title)
                .or_default()
                .push((schema, ty.clone()));
        }
        ty
    }

    fn shaped_type(&mut self, schema: &'a Schema, pointer: &str, naming: Naming<'_>) -> TypeRef {
        let data = &schema.schema_data;
        let is_union = Alternatives::in_schema(schema, pointer).is_some();
        let is_date_time = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                matches!(
                    s.format,
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime)
                )
            }
            SchemaKind::Any(any) => any.format.as_deref() == Some("date-time"),
            _ => false,
        };
        if without_offset(data) && !is_date_time {
            self.warn(pointer, OFFSET_MISPLACED);
        }
        if data.discriminator.is_some() && !is_union && !self.is_extended_base(pointer) {
            self.warn(
                &child(pointer, "discriminator"),
                "a discriminator outside oneOf/anyOf, on a schema no component extends through allOf, is not followed: values decode as this schema",
            );
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<&str> =
                    s.enumeration.iter().flatten().map(String::as_str).collect();
                if !values.is_empty() {
                    let values = values.iter().map(|v| v.to_string()).collect();
                    return self.enum_def(naming, pointer, data, EnumRepr::String, values, false);
                }
                match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                    VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => TypeRef::Uuid,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) if self.multipart => {
                        TypeRef::File
                    }
                    _ => TypeRef::String,
                }
            }
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Unknown(f) if f == "decimal" => TypeRef::Decimal,
                VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Integer(i)) => {
                let values: Vec<String> = i
                    .enumeration
                    .iter()
                    .flatten()
                    .map(|v| v.to_string())
                    .collect();
                if !values.is_empty() {
                    return self.enum_def(naming, pointer, data, EnumRepr::Integer, values, false);
                }
                match &i.format {
                    VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::I32,
                    _ => TypeRef::I64,
                }
            }
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(a)) => {
                let hint = format!("{}Item", self.hint_of(naming));
                self.array_of(a.items.as_ref().map(Sch::from), &hint, pointer)
            }
            SchemaKind::Type(Type::Object(o)) => {
                let parts = ObjectParts::new(
                    pointer,
                    &o.properties,
                    &o.required,
                    o.additional_properties.as_ref(),
                );
                self.object(naming, pointer, data, parts)
            }
            SchemaKind::OneOf { one_of } => self.union(
                naming,
                pointer,
                schema,
                Alternatives::of(pointer, one_of, &[]),
            ),
            SchemaKind::AnyOf { any_of } => self.union(
                naming,
                pointer,
                schema,
                Alternatives::of(pointer, &[], any_of),
            ),
            SchemaKind::AllOf { all_of } => self.all_of(naming, pointer, data, all_of, None),
            SchemaKind::Not { .. } => {
                self.warn(pointer, "`not` cannot be expressed as a Rust type; the value is kept as serde_json::Value");
                TypeRef::Json
            }
            SchemaKind::Any(any) => self.any_schema(naming, pointer, schema, any),
        }
    }

    fn array_of(&mut self, items: Option<Sch<'a>>, hint: &str, pointer: &str) -> TypeRef {
        match items {
            Some(items) => {
                let item_pointer = child(pointer, "items");
                let item = self.type_of(items, hint, &item_pointer);
                let nullable = self.resolve(items).is_some_and(|s| self.admits_null(s));
                TypeRef::Vec(Box::new(if nullable {
                    TypeRef::Nullable(Box::new(item))
                } else {
                    item
                }))
            }
            None => TypeRef::Vec(Box::new(TypeRef::Json)),
        }
    }

    /// Schemas openapiv3 could not put in one of its typed shapes.
    fn any_schema(
        &mut self,
        naming: Naming<'_>,
        pointer: &str,
        schema: &'a Schema,
        any: &'a AnySchema,
    ) -> TypeRef {
        let data = &schema.schema_data;
        if !any.all_of.is_empty() {
            let own = (!any.properties.is_empty()).then(|| self.parts_of_any(pointer, any));
            return self.all_of(naming, pointer, data, &any.all_of, own);
        }
        let has_object_parts = !any.properties.is_empty() || any.additional_properties.is_some();
        if !any.one_of.is_empty() || !any.any_of.is_empty() {
            let mut alternatives = Alternatives::of(pointer, &any.one_of, &any.any_of);
            if any.properties.is_empty() {
                return self.union(naming, pointer, schema, alternatives);
            }
            // Properties beside alternatives that are objects: each member
            // takes the properties too.
            if self.spreads(&alternatives, schema) {
                alternatives.shared = Some(self.parts_of_any(pointer, any));
                return self.union(naming, pointer, schema, alternatives);
            }
            if let Some(parts) = self.any_of_beside(pointer, any, &alternatives) {
                self.warn(pointer, "anyOf beside properties, of objects nothing tells apart: one struct with the properties and each member's, the members' optional; which members a value matches is not checked");
                return self.object(naming, pointer, data, parts);
            }
            self.warn(pointer, "oneOf/anyOf beside properties, with members that are not objects: the properties make the type; the alternatives are not enforced");
        }
        let typ = any.typ.as_deref();
        // `type: array` (or a scalar type) says what every instance is:
        // object keywords beside it constrain objects, which it never is
        // (GitHub's hook delivery payload: a string with
        // `additionalProperties: true`, which is no more than the default).
        let not_object = matches!(
            typ,
            Some("array" | "string" | "integer" | "number" | "boolean")
        );
        let says_something = !any.properties.is_empty()
            || !matches!(
                any.additional_properties,
                None | Some(AdditionalProperties::Any(true))
            );
        if not_object && says_something {
            let typ = typ.unwrap_or_default();
            let what = if matches!(typ, "array" | "integer") {
                "an"
            } else {
                "a"
            };
            self.warn(
                pointer,
                format!("properties beside type: {typ} apply to no instance ({what} {typ} is not an object); the type is the {typ}"),
            );
        }
        if typ == Some("object") || (has_object_parts && !not_object) {
            let parts = self.parts_of_any(pointer, any);
            return self.object(naming, pointer, data, parts);
        }
        if typ == Some("array") || any.items.is_some() {
            let hint = format!("{}Item", self.hint_of(naming));
            return self.array_of(any.items.as_ref().map(Sch::from), &hint, pointer);
        }
        if !any.enumeration.is_empty() {
            if let Some(ty) = self.enum_of_type(naming, pointer, data, typ, &any.enumeration) {
                return ty;
            }
            let strings: Option<Vec<String>> = any
                .enumeration
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| v.as_str().map(str::to_string))
                .collect();
            let ints: Option<Vec<String>> = any
                .enumeration
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| v.as_i64().map(|i| i.to_string()))
                .collect();
            if let Some(values) = strings.filter(|v| !v.is_empty()) {
                return self.enum_def(naming, pointer, data, EnumRepr::String, values, false);
            }
            if let Some(values) = ints.filter(|v| !v.is_empty()) {
                return self.enum_def(naming, pointer, data, EnumRepr::Integer, values, false);
            }
        }
        match (typ, any.format.as_deref()) {
            (Some("string"), Some("date")) => TypeRef::Date,
            (Some("string"), Some("date-time")) => TypeRef::DateTime,
            (Some("string"), Some("uuid")) => TypeRef::Uuid,
            (Some("string"), Some("binary")) if self.multipart => TypeRef::File,
            (Some("string"), _) => TypeRef::String,
            (Some("integer"), Some("int32")) => TypeRef::I32,
            (Some("integer"), _) => TypeRef::I64,
            (Some("number"), Some("decimal")) => TypeRef::Decimal,
            (Some("number"), Some("float")) => TypeRef::F32,
            (Some("number"), _) => TypeRef::F64,
            (Some("boolean"), _) => TypeRef::Bool,
            (None, _) => TypeRef::Json,
            (Some("null"), _) => {
                // 3.1's null type, met in a 3.0 document (3.1 ones are normalised).
                self.warn(
                    &child(pointer, "type"),
                    "type null is OpenAPI 3.1 (3.0 uses nullable); the value is kept as serde_json::Value",
                );
                TypeRef::Json
            }
            (Some(other), _) => {
                self.unknown_type(pointer, other);
                TypeRef::Json
            }
        }
    }

    /// A schema keyword whose value has no reading (taken out by
    /// `load::schema_values`): an error, or with `--lenient` a warning.
    pub(in crate::lower) fn invalid_value(&mut self, pointer: &str, message: &str) {
        if self.options.lenient {
            self.warn(pointer, format!("{message}; the keyword is ignored"));
        } else {
            self.error(
                pointer,
                format!("{message} (--lenient ignores the keyword with a warning)"),
            );
        }
    }

    /// `type` with a value OpenAPI does not define: an error, or with
    /// `--lenient` a warning and `serde_json::Value`.
    fn unknown_type(&mut self, pointer: &str, typ: &str) {
        const TYPES: [&str; 7] = [
            "string", "number", "integer", "boolean", "array", "object", "null",
        ];
        let close = crate::load::suggestion(typ, TYPES.into_iter())
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        let pointer = child(pointer, "type");
        let message = format!(
            "unknown type {typ:?}: OpenAPI defines string, number, integer, boolean, array and object (and null in 3.1){close}"
        );
        if self.options.lenient {
            self.warn(&pointer, format!("{message} (kept as serde_json::Value)"));
        } else {
            self.error(
                &pointer,
                format!("{message} (--lenient keeps it as serde_json::Value with a warning)"),
            );
        }
    }

    fn parts_of_any(&self, pointer: &str, any: &'a AnySchema) -> ObjectParts<'a> {
        ObjectParts::new(
            pointer,
            &any.properties,
            &any.required,
            any.additional_properties.as_ref(),
        )
    }
}

/// How deep schemas may nest inside each other (properties, items,
/// members and references to schemas not yet lowered) before the rest is
/// kept as JSON: far beyond any real document, and well inside the stack.
const MAX_DEPTH: usize = 256;

const OFFSET_MISPLACED: &str =
    "x-datetime-without-offset applies only to `format: date-time`; ignored here";

/// A schema that allows one value: an `enum` of one (a `const` reads as one).
fn is_constant_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.len() == 1,
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.len() == 1,
        SchemaKind::Any(a) => a.enumeration.len() == 1,
        _ => false,
    }
}

/// Whether a schema says its date-times may come without an offset.
fn without_offset(data: &SchemaData) -> bool {
    data.extensions.get("x-datetime-without-offset") == Some(&Value::Bool(true))
}

/// A schema that gives a value no shape of its own: docs, examples,
/// flags, extensions and validation keywords, but no type, properties,
/// items, format, enum or composition.
fn is_shapeless(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(a) => {
            a.typ.is_none()
                && a.format.is_none()
                && a.properties.is_empty()
                && a.required.is_empty()
                && a.additional_properties.is_none()
                && a.items.is_none()
                && a.enumeration.is_empty()
                && a.one_of.is_empty()
                && a.all_of.is_empty()
                && a.any_of.is_empty()
                && a.not.is_none()
        }
        _ => false,
    }
}

/// Why a schema becomes `serde_json::Value` though it says something.
fn json_fallback(schema: &Schema) -> Option<&'static str> {
    match &schema.schema_kind {
        SchemaKind::Not { .. } => Some("the schema uses `not`, which no Rust type expresses"),
        SchemaKind::Any(any) => match any.typ.as_deref() {
            Some("string" | "integer" | "number" | "boolean" | "object" | "array" | "null")
            | None => None,
            Some(_) => Some("the schema's type is not one OpenAPI defines"),
        },
        _ => None,
    }
}
