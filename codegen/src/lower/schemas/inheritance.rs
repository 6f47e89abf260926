//! Inheritance through `allOf` with a discriminator on the base (OpenAPI's
//! `Pet` with `discriminator: {propertyName: petType}`, and `Cat: allOf:
//! [$ref: Pet, {…}]`): where the base is referred to, a value may be any
//! schema that extends it, told apart by the discriminator. Such a
//! reference is a tagged union of the base and every schema extending it
//! (directly or through another), the base holding what no tag names.

use crate::shared::HashMap;

use super::*;

/// Azure's (AutoRest's) tag of a schema extending a base, where the base's
/// discriminator has no mapping for it.
const MS_DISCRIMINATOR_VALUE: &str = "x-ms-discriminator-value";

/// Component schema key → the keys of the component schemas whose `allOf`
/// refers to it directly, in document order.
pub(in crate::lower) fn extended_by(spec: &openapiv3::OpenAPI) -> HashMap<String, Vec<String>> {
    let mut by_base: HashMap<String, Vec<String>> = HashMap::default();
    let Some(components) = &spec.components else {
        return by_base;
    };
    for (key, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let members = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) => &any.all_of,
            _ => continue,
        };
        for member in members {
            let ReferenceOr::Reference { reference } = member else {
                continue;
            };
            let Some(base) = reference
                .strip_prefix("#/components/schemas/")
                .filter(|k| !k.contains('/'))
            else {
                continue;
            };
            let base = crate::diagnostics::unescape_segment(base);
            if base != *key {
                let list = by_base.entry(base).or_default();
                if !list.contains(key) {
                    list.push(key.clone());
                }
            }
        }
    }
    by_base
}

impl<'a> Lowerer<'a> {
    /// What a reference to component `key` means: the union of it and the
    /// schemas extending it when it is a base with a discriminator (see the
    /// module), else its own type.
    pub(in crate::lower) fn component_as_referred(&mut self, key: &str) -> TypeRef {
        match self.polymorphic(key) {
            Some(union) => union,
            None => self.component(key),
        }
    }

    /// The discriminator of component `key` when it is a base that others
    /// extend through `allOf`, with a discriminator of its own (and no
    /// oneOf or anyOf, whose discriminator tells those apart).
    fn base_discriminator(&self, key: &str) -> Option<&'a openapiv3::Discriminator> {
        let components = self.doc.spec.components.as_ref()?;
        let Some(ReferenceOr::Item(base)) = components.schemas.get(key) else {
            return None;
        };
        let discriminator = base.schema_data.discriminator.as_ref()?;
        let extended = self
            .extended_by
            .get(key)
            .is_some_and(|subs| !subs.is_empty());
        (extended && Alternatives::in_schema(base, "").is_none()).then_some(discriminator)
    }

    /// Such a base's discriminator and the schemas extending it, directly
    /// or through another (each once, nearest first).
    fn inheritance(&self, key: &str) -> Option<(&'a openapiv3::Discriminator, Vec<String>)> {
        let discriminator = self.base_discriminator(key)?;
        let mut extending: Vec<String> = Vec::new();
        let mut next = 0;
        let mut frontier = vec![key.to_string()];
        while let Some(at) = frontier.get(next).cloned() {
            next += 1;
            for sub in self.extended_by.get(&at).into_iter().flatten() {
                if sub != key && !extending.contains(sub) {
                    extending.push(sub.clone());
                    frontier.push(sub.clone());
                }
            }
        }
        Some((discriminator, extending))
    }

    /// The union standing for references to base `key` (made on first use).
    fn polymorphic(&mut self, key: &str) -> Option<TypeRef> {
        if let Some(known) = self.polymorphic.get(key) {
            return known.clone();
        }
        let Some((discriminator, extending)) = self.inheritance(key) else {
            self.polymorphic.insert(key.to_string(), None);
            return None;
        };
        let base_name = self.component_names.get(key)?.clone();
        let name = self.claim_type_name(&format!("Any{base_name}"));
        let itself = self.named(&name);
        self.polymorphic
            .insert(key.to_string(), Some(itself.clone()));
        let mut scope = Scope::new();
        let mut variants: Vec<UnionVariant> = Vec::with_capacity(extending.len() + 1);
        let pointer = child("#/components/schemas", key);
        for member in std::iter::once(key.to_string()).chain(extending) {
            let ty = self.component(&member);
            let mut tags = self.tags_of(discriminator, &member, member == key);
            tags.retain(|t| !variants.iter().any(|v| v.tags.contains(t)));
            let base = self
                .component_names
                .get(&member)
                .cloned()
                .unwrap_or_else(|| member.clone());
            variants.push(UnionVariant {
                name: scope.claim(&base).into(),
                ty,
                tags,
                boxed: false,
            });
        }
        let default = Some(variants[0].name.to_string());
        let mode = UnionMode::Tagged {
            property: discriminator.property_name.clone(),
            default,
            unknown: scope.claim("Unknown"),
        };
        let docs = Docs {
            notes: vec![format!(
                "A [`{base_name}`] or any schema that extends it (`allOf`), told apart by `{}`.",
                discriminator.property_name
            )],
            ..Docs::default()
        };
        let kind = TypeKind::Union(Union { mode, variants });
        self.push_type(TypeDef::new(name, &pointer, docs, kind));
        Some(itself)
    }

    /// The discriminator values that select component `member`: the
    /// mapping's (by reference or by schema name), else its
    /// `x-ms-discriminator-value`, else (not for the base) its name.
    fn tags_of(
        &self,
        discriminator: &openapiv3::Discriminator,
        member: &str,
        is_base: bool,
    ) -> Vec<String> {
        let reference = child("#/components/schemas", member);
        let mapped: Vec<String> = discriminator
            .mapping
            .iter()
            .filter(|(_, target)| **target == reference || *target == member)
            .map(|(tag, _)| tag.clone())
            .collect();
        if !mapped.is_empty() {
            return mapped;
        }
        let own = self
            .doc
            .spec
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(member))
            .and_then(|s| s.as_item())
            .and_then(|s| ext::text(&s.schema_data.extensions, MS_DISCRIMINATOR_VALUE));
        match own {
            Some(tag) => vec![tag.to_string()],
            None if is_base => Vec::new(),
            None => vec![member.to_string()],
        }
    }

    /// Whether the schema at `pointer` is a component extending base
    /// `key`: its `allOf` member referring to the base is the base itself,
    /// not the union of what extends it.
    pub(in crate::lower) fn extends(&self, pointer: &str, key: &str) -> bool {
        self.extended_by.get(key).is_some_and(|subs| {
            subs.iter()
                .any(|s| child("#/components/schemas", s) == pointer)
        })
    }

    /// Whether `pointer` is a component schema that is such a base.
    pub(in crate::lower) fn is_extended_base(&self, pointer: &str) -> bool {
        pointer
            .strip_prefix("#/components/schemas/")
            .filter(|k| !k.contains('/'))
            .is_some_and(|k| {
                let key = crate::diagnostics::unescape_segment(k);
                self.base_discriminator(&key).is_some()
            })
    }
}
