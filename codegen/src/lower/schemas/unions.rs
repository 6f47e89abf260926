//! oneOf and anyOf to unions (tagged, implicitly tagged, untagged), enums
//! to open or closed enums, and the default variant a discriminator names.

use super::*;

impl<'a> Lowerer<'a> {
    /// Whether the members hold values of different JSON types (a string,
    /// an integer, a list): no value can match two of them.
    pub(super) fn disjoint(&self, variants: &[UnionVariant]) -> bool {
        let kinds: Vec<Option<&str>> = variants.iter().map(|v| self.json_kind(&v.ty)).collect();
        kinds.iter().all(Option::is_some)
            && kinds
                .iter()
                .enumerate()
                .all(|(i, k)| !kinds[..i].contains(k))
    }

    /// The JSON type of a scalar or list type; `None` for objects and
    /// anything that may take more than one.
    pub(super) fn json_kind(&self, ty: &TypeRef) -> Option<&'static str> {
        match ty {
            TypeRef::String | TypeRef::Date | TypeRef::DateTime | TypeRef::Uuid => Some("string"),
            TypeRef::I32 | TypeRef::I64 => Some("integer"),
            TypeRef::F32 | TypeRef::F64 | TypeRef::Decimal => Some("number"),
            TypeRef::Bool => Some("boolean"),
            TypeRef::Vec(_) => Some("array"),
            TypeRef::Named(n) => match &self.type_def(*n)?.kind {
                TypeKind::Enum(e) if e.repr == EnumRepr::String => Some("string"),
                TypeKind::Enum(_) => Some("integer"),
                TypeKind::Alias(target) => self.json_kind(target),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether `ty` allows one value only: a closed enum (`const`, an
    /// `enum` of one), directly or through aliases.
    pub(super) fn is_constant(&self, ty: &TypeRef) -> bool {
        let mut ty = ty;
        for _ in 0..32 {
            let TypeRef::Named(n) = ty else {
                return false;
            };
            match self.type_def(*n).map(|t| &t.kind) {
                Some(TypeKind::Enum(e)) => return e.other.is_none(),
                Some(TypeKind::Alias(target)) => ty = target,
                _ => return false,
            }
        }
        false
    }

    /// The enum of a schema whose declared `type` is `string` or
    /// `integer`: each value read as that type where it has one reading,
    /// so the declared type wins over how the values are written (Bungie's
    /// `type: integer, enum: ["1", "2", "4"]`, whose server sends numbers;
    /// `type: string, enum: [1, 2]`, a YAML number left unquoted), with a
    /// warning when any value is not of the type. `None` without such a
    /// type, or when a value has no reading as it (`type: integer, enum:
    /// [low, high]`: the values make the type).
    pub(super) fn enum_of_type(
        &mut self,
        naming: Naming<'_>,
        pointer: &str,
        data: &SchemaData,
        typ: Option<&str>,
        values: &[Value],
    ) -> Option<TypeRef> {
        let values: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
        let typ = typ?;
        let (repr, of_type): (EnumRepr, fn(&Value) -> bool) = match typ {
            "string" => (EnumRepr::String, Value::is_string),
            "integer" => (EnumRepr::Integer, Value::is_i64),
            _ => return None,
        };
        let read: Option<Vec<String>> = values.iter().map(|v| read_as(repr, v)).collect();
        let read = read.filter(|read| !read.is_empty())?;
        let loose = !values.iter().all(|v| of_type(v));
        if loose {
            self.warn(
                &child(pointer, "enum"),
                format!("`enum` values that are not of the schema's type {typ}: each is read as the {typ} it writes, as the type says what the API sends, and an answer may carry either form (1 or \"1\")"),
            );
        }
        Some(self.enum_def(naming, pointer, data, repr, read, loose))
    }

    pub(super) fn enum_def(
        &mut self,
        naming: Naming<'_>,
        pointer: &str,
        data: &SchemaData,
        repr: EnumRepr,
        values: Vec<String>,
        loose: bool,
    ) -> TypeRef {
        // An inline enum with the same values as one already made is that
        // enum: one type, and an alias under this context's name (a loose
        // one is kept apart: it reads values the other refuses).
        let integer = usize::from(repr == EnumRepr::Integer);
        let existing = self.enums[integer]
            .get(values.as_slice())
            .filter(|_| !loose)
            .cloned();
        let known = existing.is_some();
        if let (Naming::Hint(_), Some(existing)) = (naming, existing) {
            let name = self.name_for(naming);
            let mut docs = self.schema_docs(data);
            docs.notes
                .push(format!("The same values as [`{existing}`]."));
            let existing = self.named(&existing);
            self.push_alias(&name, pointer, docs, existing.clone());
            return existing;
        }
        let name = self.name_for(naming);
        if !loose && !known {
            self.enums[integer].insert(values.clone(), name.clone());
        }
        let mut scope = Scope::new();
        let mut variants = Vec::with_capacity(values.len());
        // A value written twice is one variant.
        let first: Vec<bool> = {
            let mut seen = crate::shared::HashSet::default();
            values.iter().map(|v| seen.insert(v.as_str())).collect()
        };
        for (wire, first) in values.into_iter().zip(first) {
            if !first {
                continue;
            }
            let base = match repr {
                EnumRepr::String if wire.is_empty() => "Empty".to_string(),
                EnumRepr::String => ident::camel(&wire),
                EnumRepr::Integer => ident::camel(&format!("V{}", wire.replace('-', "Minus"))),
            };
            variants.push(EnumVariant {
                name: scope.claim(&base).into(),
                wire,
            });
        }
        let other = (variants.len() > 1).then(|| scope.claim("Other"));
        let examples = data.example.iter().cloned().collect();
        let kind = TypeKind::Enum(Enum {
            repr,
            variants,
            other,
            loose,
        });
        self.push_type(TypeDef {
            examples,
            ..TypeDef::new(name.clone(), pointer, self.schema_docs(data), kind)
        });
        self.named(&name)
    }

    pub(super) fn union(
        &mut self,
        naming: Naming<'_>,
        pointer: &str,
        schema: &'a Schema,
        alternatives: Alternatives<'a>,
    ) -> TypeRef {
        let non_null = alternatives.non_null();
        let Alternatives {
            word,
            keep_all,
            at,
            shared,
            ..
        } = alternatives;
        let data = &schema.schema_data;
        // One member is that member, unless a default (3.2) makes a second.
        let default = data
            .discriminator
            .as_ref()
            .filter(|_| !keep_all)
            .is_some_and(|d| d.extensions.contains_key(crate::load::ext::DEFAULT_MAPPING));
        if let [(i, only)] = non_null.as_slice()
            && !default
        {
            let hint = self.hint_of(naming);
            let member_pointer = child(&at, &i.to_string());
            return match &shared {
                Some(shared) => self.spread_object(shared, only, naming, &member_pointer),
                None => self.type_of(Sch::from(*only), &hint, &member_pointer),
            };
        }
        let name = self.name_for(naming);
        self.defining(pointer, &name);
        if let Some(shared) = &shared {
            self.name_shared(shared, &name);
        }
        let mut scope = Scope::new();
        let mut variants = Vec::with_capacity(non_null.len());
        let discriminator = data.discriminator.as_ref().filter(|_| !keep_all);
        // Without a discriminator, a property every member holds as a
        // different constant tags them (Pydantic's unions of models).
        let implicit = match discriminator {
            None => self.implicit_tags(&non_null),
            Some(_) => None,
        };
        let mut null_taken = false;
        for (k, (i, member)) in non_null.into_iter().enumerate() {
            let member_pointer = child(&at, &i.to_string());
            // An inline member of a union tagged by a constant is named for
            // its tag (`RecordA`, `RecordSrv`).
            let hint = match (&implicit, member) {
                (Some((_, values)), ReferenceOr::Item(_)) => {
                    format!("{name}{}", ident::camel(&values[k]))
                }
                _ => member_hint(&name, member),
            };
            let ty = match &shared {
                Some(shared) => self.spread_member(shared, member, &name, &hint, &member_pointer),
                None => self.type_of(Sch::from(member), &hint, &member_pointer),
            };
            // A oneOf member that allows null holds it (`Option`): the first
            // such member only, so null has one home; in an anyOf every
            // member that matches is kept, and the struct's fields are
            // optional already.
            let ty = if !keep_all && !null_taken {
                let held = self.or_null(Sch::from(member), ty);
                null_taken = matches!(held, TypeRef::Nullable(_));
                held
            } else {
                ty
            };
            let alias = match member {
                ReferenceOr::Reference { reference } => self.alias_named(reference),
                ReferenceOr::Item(_) => None,
            };
            let base = alias.unwrap_or_else(|| variant_name(&ty, &name, &self.handles));
            let mut tags = Vec::new();
            if let Some(d) = discriminator {
                if let ReferenceOr::Reference { reference } = member {
                    tags.extend(
                        d.mapping
                            .iter()
                            .filter(|(_, target)| *target == reference)
                            .map(|(tag, _)| tag.clone()),
                    );
                    if tags.is_empty() {
                        tags.push(
                            reference
                                .rsplit('/')
                                .next()
                                .unwrap_or(reference)
                                .to_string(),
                        );
                    }
                } else if let Some(tag) = self
                    .resolve(Sch::from(member))
                    .and_then(|s| self.constant_property(s, &d.property_name))
                {
                    tags.push(tag);
                } else {
                    self.warn(&member_pointer, format!("no discriminator value for this inline member of {word}; it is only reachable as unknown"));
                }
            }
            if let Some((_, values)) = &implicit {
                tags.push(values[k].clone());
            }
            // A value selects one member: the first that claims it.
            let (kept, taken): (Vec<String>, Vec<String>) = tags
                .into_iter()
                .partition(|t| !variants.iter().any(|v: &UnionVariant| v.tags.contains(t)));
            if !taken.is_empty() {
                self.warn(&member_pointer, format!("discriminator value{} {} already select{} an earlier member of {word}; this member is not chosen by {}", if taken.len() == 1 { "" } else { "s" }, taken.join(", "), if taken.len() == 1 { "s" } else { "" }, if taken.len() == 1 { "it" } else { "them" }));
            }
            variants.push(UnionVariant {
                name: scope.claim(&base).into(),
                ty,
                tags: kept,
                boxed: false,
            });
        }
        let mode = match (discriminator, implicit) {
            (Some(d), _) => UnionMode::Tagged {
                property: d.property_name.clone(),
                default: self.default_variant(d, &mut variants, &mut scope, &name, pointer),
                unknown: scope.claim("Unknown"),
            },
            (None, Some((property, _))) => UnionMode::Tagged {
                property,
                default: None,
                unknown: scope.claim("Unknown"),
            },
            // anyOf of values of different JSON types (Pydantic's
            // `Union[str, int]`): one member matches, as in a oneOf.
            (None, None) if keep_all && !self.disjoint(&variants) => UnionMode::AnyOf,
            (None, None) => {
                let handles = &self.handles;
                crate::lower::analysis::order_untagged(&mut variants, |id| {
                    handles.get(id).map(|t| &t.kind)
                });
                UnionMode::Untagged
            }
        };
        let examples = data.example.iter().cloned().collect();
        let kind = TypeKind::Union(Union { mode, variants });
        self.push_type(TypeDef {
            examples,
            ..TypeDef::new(name.clone(), pointer, self.schema_docs(data), kind)
        });
        self.named(&name)
    }

    /// The variant `defaultMapping` names: a member's, or one added for it.
    pub(super) fn default_variant(
        &mut self,
        discriminator: &'a openapiv3::Discriminator,
        variants: &mut Vec<UnionVariant>,
        scope: &mut Scope,
        union_name: &str,
        pointer: &str,
    ) -> Option<String> {
        let target = ext::text(&discriminator.extensions, ext::DEFAULT_MAPPING)?;
        // A schema name (`OtherPet`) or a reference (`#/components/schemas/OtherPet`).
        let key = match target.strip_prefix("#/components/schemas/") {
            Some(key) if !key.contains('/') => Some(crate::diagnostics::unescape_segment(key)),
            Some(_) => None,
            None => (!target.contains(['/', '#'])).then(|| target.to_string()),
        };
        let ty = match key {
            Some(key) if self.component_names.contains_key(&key) => self.component(&key),
            None if target.starts_with('#') => self.type_of(
                Sch::Ref(target),
                &format!("{union_name}Default"),
                &child(pointer, "discriminator"),
            ),
            _ => {
                self.warn(
                    &child(pointer, "discriminator"),
                    format!("defaultMapping {target:?} names no schema of this document; unmapped tags are kept as unknown"),
                );
                return None;
            }
        };
        if let Some(v) = variants.iter().find(|v| v.ty == ty) {
            return Some(v.name.to_string());
        }
        let base = match &ty {
            TypeRef::Named(n) => self.handles.name(*n).to_string(),
            _ => "Default".to_string(),
        };
        let name = scope.claim(&base);
        variants.push(UnionVariant {
            name: name.clone().into(),
            ty,
            boxed: false,
            tags: Vec::new(),
        });
        Some(name)
    }
}

pub(super) fn is_null_schema(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if any.typ.as_deref() == Some("null"))
}

/// An enum value as a value of `repr`, where it has one reading: a
/// string's text, a number's or a flag's (`10` as `"10"`); an integer, or
/// a string that holds one (`"4"` as `4`).
fn read_as(repr: EnumRepr, value: &Value) -> Option<String> {
    match (repr, value) {
        (EnumRepr::String, Value::String(s)) => Some(s.clone()),
        (EnumRepr::String, Value::Number(n)) => Some(n.to_string()),
        (EnumRepr::String, Value::Bool(b)) => Some(b.to_string()),
        (EnumRepr::Integer, Value::Number(n)) => n.as_i64().map(|i| i.to_string()),
        (EnumRepr::Integer, Value::String(s)) => s.parse::<i64>().ok().map(|i| i.to_string()),
        _ => None,
    }
}
