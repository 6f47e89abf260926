//! Objects to structs: properties to fields (with their docs, defaults,
//! constraints and encodings), additional properties, and allOf merged
//! into one struct.

use super::*;

impl<'a> Lowerer<'a> {
    /// `ty` as `Option<ty>` when `schema` allows null (see
    /// [`Self::admits_null`]), for what has no `nullable` flag of its own:
    /// a map's values, a union's members. JSON holds null already.
    pub(in crate::lower) fn or_null(&self, schema: Sch<'a>, ty: TypeRef) -> TypeRef {
        let nullable = self.resolve(schema).is_some_and(|s| self.admits_null(s));
        if nullable && !matches!(ty, TypeRef::Json | TypeRef::Nullable(_)) {
            TypeRef::Nullable(Box::new(ty))
        } else {
            ty
        }
    }

    /// Whether a value of `schema` may be null: it is `nullable` (3.1's
    /// `null` member of a `oneOf` or `anyOf` says so too), or it is an
    /// `anyOf` one of whose members is (mist.com's `anyOf` of nullable
    /// object, integer, number and string). An anyOf keeps every member
    /// that matches, and null is held by none of them: it is the value's
    /// own `None`. (A `oneOf` holds null in its first nullable member.)
    /// A schema with a `type` of its own beside the anyOf refuses null
    /// whatever its members allow: every keyword of a schema must hold.
    pub(in crate::lower) fn admits_null(&self, schema: &'a Schema) -> bool {
        let any_of = match &schema.schema_kind {
            SchemaKind::AnyOf { any_of } => any_of,
            SchemaKind::Any(any) if any.one_of.is_empty() && any.typ.is_none() => &any.any_of,
            _ => return schema.schema_data.nullable,
        };
        schema.schema_data.nullable
            || any_of.iter().any(|member| match member {
                ReferenceOr::Item(item) if unions::is_null_schema(item) => true,
                member => self
                    .resolve(Sch::from(member))
                    .is_some_and(|m| m.schema_data.nullable),
            })
    }

    pub(super) fn object(
        &mut self,
        naming: Naming<'_>,
        pointer: &str,
        data: &SchemaData,
        parts: ObjectParts<'a>,
    ) -> TypeRef {
        if parts.properties.is_empty() {
            // A map, or a free-form object.
            let value = match parts.additional {
                Some(AdditionalProperties::Schema(s)) => {
                    let hint = format!("{}Value", self.hint_of(naming));
                    let ty = self.type_of(
                        Sch::from(&**s),
                        &hint,
                        &child(pointer, "additionalProperties"),
                    );
                    self.or_null(Sch::from(&**s), ty)
                }
                _ => TypeRef::Json,
            };
            return TypeRef::Map(Box::new(value));
        }
        let name = self.name_for(naming);
        self.defining(pointer, &name);
        let mut docs = self.schema_docs(data);
        let extra = match parts.additional {
            Some(AdditionalProperties::Any(false)) => ExtraFields::Deny,
            Some(AdditionalProperties::Schema(s)) => {
                let hint = format!("{name}Value");
                let ty = self.type_of(
                    Sch::from(&**s),
                    &hint,
                    &child(pointer, "additionalProperties"),
                );
                ExtraFields::Keep(self.or_null(Sch::from(&**s), ty))
            }
            Some(AdditionalProperties::Any(true)) => ExtraFields::Keep(TypeRef::Json),
            None => ExtraFields::Ignore,
        };
        let mut scope = Scope::new();
        if matches!(extra, ExtraFields::Keep(_)) {
            scope.reserve("additional_properties");
        }
        let mut fields = Vec::with_capacity(parts.properties.len());
        for (wire, prop, prop_pointer) in parts.properties {
            let required = parts.required.contains(&wire);
            let field = self.field(&name, wire, prop, required, &prop_pointer, &mut scope);
            fields.push(field);
        }
        for missing in parts
            .required
            .iter()
            .filter(|r| !fields.iter().any(|f| f.wire_name == **r))
        {
            docs.notes.push(format!(
                "The spec requires {}, which it does not define; it is not checked.",
                crate::shared::code_span(missing)
            ));
        }
        let examples = data.example.iter().cloned().collect();
        self.push_type(TypeDef {
            examples,
            ..TypeDef::new(
                name.clone(),
                pointer,
                docs,
                TypeKind::Struct(Struct { fields, extra }),
            )
        });
        self.named(&name)
    }

    pub(super) fn field(
        &mut self,
        parent: &str,
        wire: &str,
        prop: Sch<'a>,
        required: bool,
        pointer: &str,
        scope: &mut Scope,
    ) -> Field {
        let hint = format!("{parent}{}", ident::camel(wire));
        // `allOf: [$ref, {description: ...}]` is how 3.0 specs attach flags
        // or docs to a reference.
        let mut alias = None;
        let mut annotations = Vec::new();
        let (ty, own, target) = match prop {
            Sch::Item(schema) => match ref_wrapper(schema) {
                Some(wrapper) => {
                    let member_pointer =
                        child(&child(pointer, "allOf"), &wrapper.index.to_string());
                    let ty = self.type_of(Sch::from(wrapper.member), &hint, &member_pointer);
                    if let ReferenceOr::Reference { reference } = wrapper.member {
                        alias = self.alias_named(reference);
                    }
                    annotations = wrapper.annotations;
                    (ty, Some(schema), self.resolve(Sch::from(wrapper.member)))
                }
                None => (
                    self.type_of(prop, &hint, pointer),
                    Some(schema),
                    Some(schema),
                ),
            },
            Sch::Ref(reference) => {
                let ty = self.type_of(prop, &hint, pointer);
                alias = self.alias_named(reference);
                (ty, None, self.resolve(prop))
            }
        };
        // The field's own schema first, then what the allOf adds beside the
        // reference, then the referenced schema.
        let datas: Vec<&SchemaData> = own
            .iter()
            .map(|s| &s.schema_data)
            .chain(annotations.iter().map(|s| &s.schema_data))
            .chain(target.map(|s| &s.schema_data))
            .collect();
        let flag = |f: fn(&SchemaData) -> bool| datas.iter().any(|d| f(d));
        let sensitive = flag(|d| {
            d.extensions
                .get("x-sensitive")
                .is_some_and(|v| v == &Value::Bool(true))
        }) || self
            .options
            .sensitive_fields
            .iter()
            .any(|s| s.eq_ignore_ascii_case(wire));
        let mut docs = match own {
            Some(schema) => self.schema_docs(
                std::iter::once(schema)
                    .chain(annotations.iter().copied())
                    .map(|s| &s.schema_data)
                    .find(|d| d.description.is_some() || d.title.is_some())
                    .unwrap_or(&schema.schema_data),
            ),
            None => Docs {
                deprecated: flag(|d| d.deprecated),
                ..Docs::default()
            },
        };
        if let Some(reason) = target.and_then(json_fallback) {
            docs.notes
                .push(format!("Kept as `serde_json::Value`: {reason}."));
        }
        let mut constraints = target.map(|s| self.constraints(s)).unwrap_or_default();
        for extra in &annotations {
            constraints.narrow(self.constraints(extra));
        }
        let constraints = super::constraints::without_implied(constraints, &ty);
        // The extension beside a reference (`allOf: [$ref]`) belongs on a
        // date-time (a named alias of one counts).
        let date_time = ty == TypeRef::DateTime
            || matches!(&ty, TypeRef::Named(n) if self.type_def(*n).is_some_and(|t| {
                matches!(t.kind, TypeKind::Alias(TypeRef::DateTime))
            }));
        if let Some(own) = own
            && ref_wrapper(own).is_some()
            && without_offset(&own.schema_data)
            && !date_time
        {
            self.warn(pointer, OFFSET_MISPLACED);
        }
        let nullable =
            flag(|d| d.nullable) || own.iter().chain(&target).any(|s| self.admits_null(s));
        let constant = !nullable && self.is_constant(&ty);
        // `x-rust-name` on the property names the field.
        let rust_name = own.and_then(|s| ext::text(&s.schema_data.extensions, ext::RUST_NAME));
        Field {
            name: scope.claim(&ident::snake(rust_name.unwrap_or(wire))).into(),
            wire_name: wire.to_string(),
            ty,
            alias: alias.map(|name| self.handles.id(&name)),
            required,
            nullable,
            docs,
            read_only: flag(|d| d.read_only),
            write_only: flag(|d| d.write_only),
            sensitive,
            boxed: false,
            default: datas.iter().find_map(|d| d.default.clone()),
            constraints,
            examples: own
                .into_iter()
                .chain(annotations.iter().copied())
                .find_map(|s| s.schema_data.example.clone())
                .into_iter()
                .collect(),
            example_tests: Vec::new(),
            default_fn: None,
            constant,
        }
    }

    pub(super) fn all_of(
        &mut self,
        naming: Naming<'_>,
        pointer: &str,
        data: &SchemaData,
        all_of: &'a [ReferenceOr<Schema>],
        own: Option<ObjectParts<'a>>,
    ) -> TypeRef {
        if own.is_none()
            && let Some(wrapper) = wrapped(all_of)
        {
            let hint = self.hint_of(naming);
            let member_pointer = child(&child(pointer, "allOf"), &wrapper.index.to_string());
            // A component extending a base through allOf alone is the base.
            if let ReferenceOr::Reference { reference } = wrapper.member
                && let Ok(SchemaTarget::Component(key)) = self.resolver.schema(reference)
                && self.extends(pointer, key)
            {
                return self.component(key);
            }
            return self.type_of(Sch::from(wrapper.member), &hint, &member_pointer);
        }
        // One union among object members spreads over them.
        if let Some((schema, alternatives)) = self.spread_all_of(pointer, all_of, &own) {
            return self.union(naming, pointer, schema, alternatives);
        }
        let mut merged = ObjectParts::default();
        let mut seen = Vec::new();
        for (i, member) in all_of.iter().enumerate() {
            self.collect_parts(
                Sch::from(member),
                &child(&child(pointer, "allOf"), &i.to_string()),
                &mut merged,
                &mut seen,
                0,
            );
        }
        if let Some(own) = own {
            merge_parts(&mut merged, own);
        }
        self.object(naming, pointer, data, merged)
    }

    /// Gathers the properties of an allOf member, through references and
    /// nested allOfs; later members override earlier ones.
    pub(super) fn collect_parts(
        &mut self,
        member: Sch<'a>,
        pointer: &str,
        into: &mut ObjectParts<'a>,
        seen: &mut Vec<&'a str>,
        depth: usize,
    ) {
        if depth > 32 {
            return;
        }
        let (schema, pointer) = match member {
            Sch::Ref(reference) => {
                if seen.contains(&reference) {
                    return;
                }
                seen.push(reference);
                match self.resolver.schema_item(reference) {
                    Some(s) => (s, reference.to_string()),
                    None => {
                        self.error(
                            &child(pointer, "$ref"),
                            format!("unresolved $ref '{reference}'"),
                        );
                        return;
                    }
                }
            }
            Sch::Item(s) => (s, pointer.to_string()),
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => merge_parts(into, ObjectParts {
                properties: o.properties.iter().map(|(k, v)| (k.as_str(), Sch::from(v), child(&child(&pointer, "properties"), k))).collect(),
                required: o.required.iter().map(String::as_str).collect(),
                additional: o.additional_properties.as_ref(),
            }),
            SchemaKind::AllOf { all_of } => {
                for (i, m) in all_of.iter().enumerate() {
                    self.collect_parts(Sch::from(m), &child(&child(&pointer, "allOf"), &i.to_string()), into, seen, depth + 1);
                }
            }
            SchemaKind::Any(any) => {
                for (i, m) in any.all_of.iter().enumerate() {
                    self.collect_parts(Sch::from(m), &child(&child(&pointer, "allOf"), &i.to_string()), into, seen, depth + 1);
                }
                let own = self.parts_of_any(&pointer, any);
                merge_parts(into, own);
            }
            _ => self.warn(&pointer, "an allOf member that is not an object is not merged into the struct; its constraints are not enforced"),
        }
    }
}

pub(super) fn merge_parts<'a>(into: &mut ObjectParts<'a>, part: ObjectParts<'a>) {
    for (name, schema, pointer) in part.properties {
        match into.properties.iter_mut().find(|(n, _, _)| *n == name) {
            // A later member restating a property usually narrows it; the
            // last statement wins, in the first position.
            Some(slot) => *slot = (name, schema, pointer),
            None => into.properties.push((name, schema, pointer)),
        }
    }
    for r in part.required {
        if !into.required.contains(&r) {
            into.required.push(r);
        }
    }
    if part.additional.is_some() {
        into.additional = part.additional;
    }
}

/// An `allOf` with one member that shapes the value and others that only
/// annotate or constrain it (`[{$ref: String}, {description: ...}]`): the
/// value is that member's.
pub(super) struct Wrapper<'a> {
    pub(super) member: &'a ReferenceOr<Schema>,
    /// Its place in the `allOf`.
    pub(super) index: usize,
    /// The other members.
    pub(super) annotations: Vec<&'a Schema>,
}

pub(super) fn wrapped(all_of: &[ReferenceOr<Schema>]) -> Option<Wrapper<'_>> {
    let mut shaping = None;
    let mut annotations = Vec::new();
    for (index, member) in all_of.iter().enumerate() {
        match member {
            ReferenceOr::Item(s) if is_shapeless(s) => annotations.push(s),
            _ if shaping.is_none() => shaping = Some((index, member)),
            _ => return None,
        }
    }
    let (index, member) = shaping?;
    Some(Wrapper {
        member,
        index,
        annotations,
    })
}

/// The wrapper a schema is, when it is an `allOf` and nothing else.
pub(super) fn ref_wrapper(schema: &Schema) -> Option<Wrapper<'_>> {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => wrapped(all_of),
        _ => None,
    }
}
