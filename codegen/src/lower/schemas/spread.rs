//! Object parts beside alternatives. `{properties: P, oneOf: [A, B]}` and
//! `allOf: [P, {oneOf: [A, B]}]` allow exactly the values of
//! `oneOf: [P + A, P + B]`, so each member becomes a struct holding P's
//! properties and its own; the union is made of those.

use super::objects::merge_parts;
use super::*;
use crate::lower::refs::SchemaTarget;

/// The members of a `oneOf` or `anyOf`, and what each member takes besides
/// its own properties.
pub(super) struct Alternatives<'a> {
    pub(super) members: &'a [ReferenceOr<Schema>],
    /// `oneOf` or `anyOf`.
    pub(super) word: &'static str,
    /// anyOf: a value may match several members.
    pub(super) keep_all: bool,
    /// The pointer of the member list.
    pub(super) at: String,
    /// Properties every member takes (from beside the list, or from the
    /// other members of an allOf holding it).
    pub(super) shared: Option<ObjectParts<'a>>,
}

impl<'a> Alternatives<'a> {
    /// The members other than `{type: null}`, each with its place in the
    /// list.
    pub(super) fn non_null(&self) -> Vec<(usize, &'a ReferenceOr<Schema>)> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| !matches!(m, ReferenceOr::Item(s) if unions::is_null_schema(s)))
            .collect()
    }

    /// The members of `oneOf` (or `anyOf` when there is no `oneOf`) at
    /// `pointer`.
    pub(super) fn of(
        pointer: &str,
        one_of: &'a [ReferenceOr<Schema>],
        any_of: &'a [ReferenceOr<Schema>],
    ) -> Self {
        let (members, word, keep_all) = if one_of.is_empty() {
            (any_of, "anyOf", true)
        } else {
            (one_of, "oneOf", false)
        };
        Alternatives {
            members,
            word,
            keep_all,
            at: child(pointer, word),
            shared: None,
        }
    }

    /// The alternatives a schema is made of, its members at `pointer`: its
    /// oneOf or anyOf, alone or beside other keywords.
    pub(super) fn in_schema(schema: &'a Schema, pointer: &str) -> Option<Self> {
        match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => Some(Self::of(pointer, one_of, &[])),
            SchemaKind::AnyOf { any_of } => Some(Self::of(pointer, &[], any_of)),
            SchemaKind::Any(a) if !a.one_of.is_empty() || !a.any_of.is_empty() => {
                Some(Self::of(pointer, &a.one_of, &a.any_of))
            }
            _ => None,
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Whether the alternatives take the properties beside them: every
    /// member (other than `null`) holds objects whose properties can be
    /// merged with others (an object schema, through references and
    /// allOf), and a value selects one member (a oneOf, or an anyOf tagged
    /// by a discriminator or by a constant property). An untagged anyOf of
    /// objects stays one struct: a value may match every member, and two
    /// structs of nearly the same fields help nobody.
    pub(super) fn spreads(&self, alternatives: &Alternatives<'a>, schema: &'a Schema) -> bool {
        let members = alternatives.non_null();
        self.objects(&members)
            && (!alternatives.keep_all
                || schema.schema_data.discriminator.is_some()
                || self.implicit_tags(&members).is_some())
    }

    /// An untagged anyOf of objects beside properties, as one struct: the
    /// properties beside it and every member's (through references and
    /// allOf), the members' optional, as a value may match any of them.
    /// `None` when a member is not an object, or two members give one
    /// property different schemas.
    pub(super) fn any_of_beside(
        &mut self,
        pointer: &str,
        any: &'a AnySchema,
        alternatives: &Alternatives<'a>,
    ) -> Option<ObjectParts<'a>> {
        let members = alternatives.non_null();
        if !alternatives.keep_all || !self.objects(&members) {
            return None;
        }
        let mut parts = self.parts_of_any(pointer, any);
        let own = parts.properties.len();
        for (i, member) in members {
            let mut theirs = ObjectParts::default();
            let at = child(&alternatives.at, &i.to_string());
            self.collect_parts(Sch::from(member), &at, &mut theirs, &mut Vec::new(), 0);
            for (name, schema, at) in theirs.properties {
                match parts.properties.iter().position(|(n, _, _)| *n == name) {
                    // The properties beside the anyOf hold for every value.
                    Some(k) if k < own => {}
                    Some(k) if !self.same_schema(parts.properties[k].1, schema) => return None,
                    Some(_) => {}
                    None => parts.properties.push((name, schema, at)),
                }
            }
        }
        Some(parts)
    }

    /// Whether every member holds objects whose properties can be merged
    /// with others (not one that only annotates).
    fn objects(&self, members: &[(usize, &'a ReferenceOr<Schema>)]) -> bool {
        members.iter().all(|(_, m)| {
            self.resolve(Sch::from(*m))
                .is_some_and(|s| !is_shapeless(s))
                && self.mergeable(Sch::from(*m), 0)
        })
    }

    /// Whether two schemas give the same shape: one reference, or equal
    /// schemas.
    fn same_schema(&self, a: Sch<'a>, b: Sch<'a>) -> bool {
        match (a, b) {
            (Sch::Ref(a), Sch::Ref(b)) => a == b,
            (Sch::Item(a), Sch::Item(b)) => a.schema_kind == b.schema_kind,
            _ => false,
        }
    }

    /// Lowers the shared properties' types under the union's name, before
    /// any member claims them under its own (each is lowered once).
    pub(super) fn name_shared(&mut self, shared: &ObjectParts<'a>, union: &str) {
        for (wire, prop, pointer) in &shared.properties {
            if let Sch::Item(_) = prop {
                let hint = format!("{union}{}", ident::camel(wire));
                self.type_of(*prop, &hint, pointer);
            }
        }
    }

    /// An object schema, or one that only annotates, through references
    /// and allOf: what `collect_parts` merges without loss.
    fn mergeable(&self, s: Sch<'a>, depth: usize) -> bool {
        if depth > 32 {
            return false;
        }
        let Some(schema) = self.resolve(s) else {
            return false;
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(_)) => true,
            SchemaKind::AllOf { all_of } => all_of
                .iter()
                .all(|m| self.mergeable(Sch::from(m), depth + 1)),
            SchemaKind::Any(a) => {
                is_shapeless(schema)
                    || (a.one_of.is_empty()
                        && a.any_of.is_empty()
                        && a.not.is_none()
                        && a.items.is_none()
                        && a.enumeration.is_empty()
                        && matches!(a.typ.as_deref(), None | Some("object"))
                        && (a.typ.is_some()
                            || !a.properties.is_empty()
                            || a.additional_properties.is_some()
                            || !a.all_of.is_empty())
                        && a.all_of
                            .iter()
                            .all(|m| self.mergeable(Sch::from(m), depth + 1)))
            }
            _ => false,
        }
    }

    /// An allOf whose one union member spreads over the others: the union
    /// with the others' properties shared by each of its members. `None`
    /// when the allOf is not that shape (no union member, two of them, or
    /// members that are not objects).
    pub(super) fn spread_all_of(
        &mut self,
        pointer: &str,
        all_of: &'a [ReferenceOr<Schema>],
        own: &Option<ObjectParts<'a>>,
    ) -> Option<(&'a Schema, Alternatives<'a>)> {
        let mut union = None;
        for (i, member) in all_of.iter().enumerate() {
            let alternatives = self.resolve(Sch::from(member)).and_then(|s| {
                let at = match member {
                    ReferenceOr::Reference { reference } => reference.to_string(),
                    ReferenceOr::Item(_) => child(&child(pointer, "allOf"), &i.to_string()),
                };
                // Only the union itself: properties or an allOf beside it
                // make it a shape of its own.
                let plain = match &s.schema_kind {
                    SchemaKind::Any(a) => a.properties.is_empty() && a.all_of.is_empty(),
                    _ => true,
                };
                Alternatives::in_schema(s, &at)
                    .filter(|_| plain)
                    .map(|found| (s, found))
            });
            match alternatives {
                Some(found) if union.is_none() => union = Some((i, found)),
                Some(_) => return None,
                None if self.mergeable(Sch::from(member), 0) => {}
                None => return None,
            }
        }
        let (index, (schema, mut alternatives)) = union?;
        if !self.spreads(&alternatives, schema) {
            return None;
        }
        let mut shared = ObjectParts::default();
        let mut seen = Vec::new();
        for (i, member) in all_of.iter().enumerate().filter(|(i, _)| *i != index) {
            let at = child(&child(pointer, "allOf"), &i.to_string());
            self.collect_parts(Sch::from(member), &at, &mut shared, &mut seen, 0);
        }
        if let Some(own) = own {
            merge_parts(&mut shared, own.clone());
        }
        alternatives.shared = Some(shared);
        Some((schema, alternatives))
    }

    /// A member of a union that shares properties: a struct of those and
    /// the member's own (the member's statement of a property wins).
    pub(super) fn spread_member(
        &mut self,
        shared: &ObjectParts<'a>,
        member: &'a ReferenceOr<Schema>,
        union: &str,
        hint: &str,
        pointer: &str,
    ) -> TypeRef {
        let hint = match member {
            ReferenceOr::Reference { reference } => match self.resolver.schema(reference) {
                Ok(SchemaTarget::Component(key)) => self
                    .component_names
                    .get(key)
                    .map(|n| format!("{union}{n}"))
                    .unwrap_or_else(|| hint.to_string()),
                _ => hint.to_string(),
            },
            ReferenceOr::Item(_) => hint.to_string(),
        };
        let title = self
            .resolve(Sch::from(member))
            .and_then(|s| title_name(s.schema_data.title.as_ref()));
        // A titled member is `{Union}{Title}` when its title is taken (the
        // member alone has it, often).
        let titled_hint = title.as_ref().map(|t| format!("{union}{t}"));
        let naming = match (&title, &titled_hint) {
            (Some(title), Some(hint)) => Naming::Titled { title, hint },
            _ => Naming::Hint(&hint),
        };
        self.spread_object(shared, member, naming, pointer)
    }

    /// The struct of `shared` and `member`'s properties, named by `naming`.
    pub(super) fn spread_object(
        &mut self,
        shared: &ObjectParts<'a>,
        member: &'a ReferenceOr<Schema>,
        naming: Naming<'_>,
        pointer: &str,
    ) -> TypeRef {
        let Some(schema) = self.resolve(Sch::from(member)) else {
            return TypeRef::Json;
        };
        let mut parts = shared.clone();
        let mut seen = Vec::new();
        self.collect_parts(Sch::from(member), pointer, &mut parts, &mut seen, 0);
        self.object(naming, pointer, &schema.schema_data, parts)
    }
}
