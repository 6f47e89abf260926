//! Unions whose members tell themselves apart by a constant property,
//! though the schema names no `discriminator`: what Pydantic writes for a
//! union of models with a `Literal` field (`type: {const: "do-nothing"}`),
//! and what many hand-written documents do with an `enum` of one value.
//! When every member is an object with the same such property, each with
//! its own value, the union is tagged by it, as if the discriminator were
//! written: a value decodes into exactly one member, and a value no member
//! has is kept as unknown.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::schemas::Sch;

impl<'a> Lowerer<'a> {
    /// The property that tags the members (in order), with each member's
    /// value, when there is one.
    pub(super) fn implicit_tags(
        &self,
        members: &[(usize, &'a ReferenceOr<Schema>)],
    ) -> Option<(String, Vec<String>)> {
        let objects: Vec<&Schema> = members
            .iter()
            .map(|(_, m)| self.resolve(Sch::from(*m)))
            .collect::<Option<_>>()?;
        let first = objects.first()?;
        // The first property, in the first member's order, that every
        // member holds as a constant, all different.
        'property: for name in property_names(first) {
            let mut values: Vec<String> = Vec::with_capacity(objects.len());
            for object in &objects {
                let Some(value) = self.constant_property(object, name) else {
                    continue 'property;
                };
                if values.contains(&value) {
                    continue 'property;
                }
                values.push(value);
            }
            return Some((name.to_string(), values));
        }
        None
    }

    /// The one value a property of an object schema allows, when its
    /// schema (inline or referenced) is a string `enum` of one value (a
    /// `const` reads as one).
    pub(super) fn constant_property(&self, object: &'a Schema, property: &str) -> Option<String> {
        let schema = match properties(object)?.get(property)? {
            ReferenceOr::Item(s) => s.as_ref(),
            ReferenceOr::Reference { reference } => self.resolver.schema_item(reference)?,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => match s.enumeration.as_slice() {
                [Some(only)] => Some(only.clone()),
                _ => None,
            },
            SchemaKind::Any(a) => match a.enumeration.as_slice() {
                [serde_json::Value::String(only)] => Some(only.clone()),
                _ => None,
            },
            _ => None,
        }
    }
}

type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

fn properties(schema: &Schema) -> Option<&Properties> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Some(&o.properties),
        SchemaKind::Any(a) if !a.properties.is_empty() => Some(&a.properties),
        _ => None,
    }
}

fn property_names(schema: &Schema) -> impl Iterator<Item = &str> {
    properties(schema)
        .into_iter()
        .flat_map(|p| p.keys().map(String::as_str))
}
