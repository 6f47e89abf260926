//! Names that come from what a schema says about itself (its `title`, the
//! shape of a union member) and the names of the helpers around types
//! (serde default functions, example tests), each claimed in its module's
//! scope like type names are.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::handles::Handles;
use super::refs::SchemaTarget;
use crate::ident::{self, Scope};
use crate::model::{Api, TypeKind, TypeRef};

impl<'a> Lowerer<'a> {
    /// The type already made for a schema equal to `schema` under `title`.
    pub(super) fn same_titled(&mut self, title: &str, schema: &'a Schema) -> Option<TypeRef> {
        if let Some((_, ty)) = self
            .titled
            .get(title)
            .and_then(|made| made.iter().find(|(s, _)| *s == schema))
        {
            return Some(ty.clone());
        }
        // A bundled document inlines a component and keeps its name as title.
        let key = self
            .component_names
            .iter()
            .find(|(_, name)| name.as_str() == title)
            .map(|(key, _)| key.clone())?;
        let same = matches!(
            self.doc.spec.components.as_ref().and_then(|c| c.schemas.get(&key)),
            Some(ReferenceOr::Item(component)) if component == schema
        );
        same.then(|| self.component(&key))
    }

    /// The name of the component alias `reference` points to (a component
    /// whose type is another type, `Currency` for `String`), if it is one.
    pub(super) fn alias_named(&mut self, reference: &str) -> Option<String> {
        let Ok(SchemaTarget::Component(key)) = self.resolver.schema(reference) else {
            return None;
        };
        let name = self.component_names.get(key)?.clone();
        let meaning = self.component(key);
        (meaning != self.named(&name)).then_some(name)
    }
}

/// The type name an inline schema's `title` gives, when the title reads as
/// a name (`range_query_specs`, `Billing Address`) rather than a sentence.
pub(super) fn title_name(title: Option<&String>) -> Option<String> {
    let title = title?.trim();
    let name_like = !title.is_empty()
        && title.len() <= 48
        && title.split_whitespace().count() <= 4
        && title
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'))
        && title.starts_with(|c: char| c.is_ascii_alphabetic());
    name_like.then(|| ident::type_name(title))
}

/// The context name for an inline member of union `union` that has no
/// title: after its only property (`card`), or the kind of value it is.
pub(super) fn member_hint(union: &str, member: &ReferenceOr<Schema>) -> String {
    let ReferenceOr::Item(schema) = member else {
        return format!("{union}Member");
    };
    let (properties, enumerated) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => (Some(o.properties.keys()), false),
        SchemaKind::Any(a) if !a.properties.is_empty() => (Some(a.properties.keys()), false),
        SchemaKind::Type(Type::String(s)) => (None, !s.enumeration.is_empty()),
        SchemaKind::Type(Type::Integer(i)) => (None, !i.enumeration.is_empty()),
        SchemaKind::Any(a) => (None, !a.enumeration.is_empty()),
        SchemaKind::Type(Type::Array(_)) => return union.to_string(),
        _ => (None, false),
    };
    let word = match properties {
        Some(mut keys) => match (keys.next(), keys.next()) {
            (Some(only), None) => ident::camel(only),
            _ => "Object".to_string(),
        },
        None if enumerated => "Enum".to_string(),
        None => "Value".to_string(),
    };
    format!("{union}{word}")
}

/// A variant's name from its type: the type's own name (less the union's
/// name when it starts with it), or the kind of value.
pub(super) fn variant_name(ty: &TypeRef, union_name: &str, handles: &Handles) -> String {
    match ty {
        TypeRef::Named(n) => handles
            .name(*n)
            .strip_prefix(union_name)
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
            .unwrap_or(handles.name(*n))
            .to_string(),
        TypeRef::String => "String".into(),
        TypeRef::File => "File".into(),
        TypeRef::Bool => "Boolean".into(),
        TypeRef::I32 | TypeRef::I64 => "Integer".into(),
        TypeRef::F32 | TypeRef::F64 | TypeRef::Decimal => "Number".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Uuid => "Uuid".into(),
        TypeRef::Json => "Value".into(),
        TypeRef::Vec(inner) => format!("{}List", variant_name(inner, union_name, handles)),
        TypeRef::Map(_) => "Map".into(),
        TypeRef::Nullable(inner) => variant_name(inner, union_name, handles),
    }
}

/// Names the functions of the `defaults` module and the example tests:
/// one scope each, so type `FooBar` field `baz` and type `Foo` field
/// `bar_baz` get two functions, not one name twice.
pub(super) fn helpers(api: &mut Api) {
    let mut defaults = Scope::new();
    let mut tests = Scope::new();
    tests.reserve("round_trip");
    for def in &mut api.types {
        let base = ident::snake(&def.name).plain().to_string();
        def.example_tests = (1..=def.examples.len())
            .map(|i| tests.claim(&format!("{base}_example_{i}")))
            .collect();
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        for f in &mut s.fields {
            let field = f.name.plain();
            // A constant is its own default: no function gives it.
            f.default_fn =
                (f.defaulted() && !f.constant).then(|| defaults.claim(&format!("{base}_{field}")));
            f.example_tests = (1..=f.examples.len())
                .map(|i| tests.claim(&format!("{base}_{field}_example_{i}")))
                .collect();
        }
    }
}

#[cfg(test)]
mod tests;
