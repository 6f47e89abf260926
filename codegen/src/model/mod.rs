//! The intermediate model: what to generate, with every name decided and
//! every reference resolved. It holds no tokens and no openapiv3 types, so
//! emitters never look at the spec.

mod operation;

use serde_json::Value;

pub use crate::ident::RustIdent;

pub use operation::*;

/// One API: the input of every emitter.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    /// The name of the trait with one method per operation (`OmnoApi`).
    pub api_trait: String,
    pub version: String,
    pub description: Option<String>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The error enums of the operations, in order of first use.
    pub error_enums: Vec<ErrorEnum>,
    pub servers: Vec<Server>,
    pub security_schemes: Vec<SecurityScheme>,
    /// Constant headers every request carries (`X-API-VERSION: 2.4`).
    pub default_headers: Vec<(String, String)>,
    /// Notifications the API sends (OpenAPI 3.1 `webhooks`).
    pub webhooks: Vec<Webhook>,
    /// The tags the spec declares, in its order.
    pub tags: Vec<Tag>,
    /// Every per-tag cargo feature (`--tag-features`), sorted, with the
    /// features it turns on (a parent tag's, its children's); empty
    /// without tag features.
    pub features: Vec<(String, Vec<String>)>,
    /// The feature whose own module holds the webhook parsers (tag
    /// features written in per-feature files); `None`: the shared module.
    pub webhooks_part: Option<String>,
}

/// A declared tag: per-tag features follow its `parent` (OpenAPI 3.2).
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub name: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The tag it is nested under; a parent's feature enables its children.
    pub parent: Option<String>,
    /// What sort of tag it is (`nav`, `badge`, `audience`).
    pub kind: Option<String>,
}

/// An incoming notification: its payload type gets a parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The parser's name (`parse_new_pet_webhook`).
    pub parser: String,
    /// The webhook's name in the spec.
    pub wire_name: String,
    pub method: String,
    pub docs: Docs,
    pub payload: TypeRef,
}

impl Api {
    /// The type `id` stands for.
    pub fn type_def(&self, id: TypeId) -> Option<&TypeDef> {
        self.types.get(id.index())
    }

    /// The Rust name of type `id`. Lower hands out only ids of types it
    /// defined (a reference that reaches none is an error), so every id
    /// in a finished model has a name.
    pub fn type_name(&self, id: TypeId) -> &str {
        &self.types[id.index()].name
    }
}

/// A named type: its place in [`Api::types`]. Lower resolves every
/// reference to one once; emit reads the definition through
/// [`Api::type_def`] and the name through [`Api::type_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(u32);

impl TypeId {
    pub fn new(index: usize) -> Self {
        TypeId(u32::try_from(index).expect("fewer than 2^32 types"))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Documentation carried to doc comments.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Notes the generator adds (a fallback it took, a constraint it could not express).
    pub notes: Vec<String>,
    pub deprecated: bool,
}

/// A named Rust type to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: RustIdent,
    /// Where it comes from, as a JSON pointer.
    pub origin: String,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Whether every value of the type supports `Eq` / `Hash`.
    pub eq: bool,
    pub hash: bool,
    /// Spec examples for this type, checked by generated tests.
    pub examples: Vec<Value>,
    /// The test function of each example, in the same order.
    pub example_tests: Vec<String>,
    /// Whether some constraint inside it can fail: only then does it get a
    /// `Validate` impl.
    pub validates: bool,
    /// Whether requests carry it (or the API has no operations): only then
    /// does it get `new` and `with_*` builders.
    pub builder: bool,
    /// Whether it implements `Serialize`: requests carry it, or the options
    /// ask for every type. What only answers carry is decoded, never encoded.
    pub serialize: bool,
    /// Which features build it (`--tag-features`).
    pub gate: Gate,
    /// The feature whose own module file holds it; `None`: the shared one.
    pub part: Option<String>,
}

impl TypeDef {
    /// A type as lower first makes it: no examples; `Eq`, `Hash`,
    /// validation, builders, `Serialize` and features decided later, once
    /// every type is known (`lower/analysis.rs`, `lower/features.rs`).
    pub fn new(name: String, origin: &str, docs: Docs, kind: TypeKind) -> Self {
        TypeDef {
            name: name.into(),
            origin: origin.to_string(),
            docs,
            kind,
            eq: true,
            hash: true,
            examples: Vec::new(),
            example_tests: Vec::new(),
            validates: false,
            builder: false,
            serialize: false,
            gate: Gate::Always,
            part: None,
        }
    }
}

/// Which cargo features build an item, with tag features: decided in
/// lower (`lower/features.rs`), read by emit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Gate {
    /// Always built: no tag features, or something ungated needs it.
    #[default]
    Always,
    /// Built when any of these features is on (never empty).
    Any(std::collections::BTreeSet<String>),
    /// Nothing reaches it (an unused schema): built with every feature on.
    Unreached,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// `pub type Name = Target;`
    Alias(TypeRef),
}

/// What a child of a type is to it.
#[derive(Debug, Clone, Copy)]
pub enum Role<'a> {
    /// A struct's field.
    Field(&'a Field),
    /// The value type of the properties a struct keeps beyond its fields.
    Extra,
    /// A union's member.
    Member(&'a UnionVariant),
    /// An alias's target.
    Target,
}

/// A type reference a type holds, and what it is to it.
#[derive(Debug, Clone, Copy)]
pub struct Child<'a> {
    pub ty: &'a TypeRef,
    pub role: Role<'a>,
}

impl Child<'_> {
    /// Held behind a `Box`: recursion, or a much larger member.
    pub fn boxed(&self) -> bool {
        match self.role {
            Role::Field(f) => f.boxed,
            Role::Member(v) => v.boxed,
            Role::Extra | Role::Target => false,
        }
    }
}

impl TypeKind {
    /// The type references of [`Self::children`], in its order, to
    /// change in place (lower renumbers them once every type is made).
    pub fn children_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        let (fields, extra, members, target) = match self {
            TypeKind::Struct(s) => (
                &mut s.fields[..],
                match &mut s.extra {
                    ExtraFields::Keep(t) => Some(t),
                    _ => None,
                },
                &mut [][..],
                None,
            ),
            TypeKind::Union(u) => (&mut [][..], None, &mut u.variants[..], None),
            TypeKind::Alias(t) => (&mut [][..], None, &mut [][..], Some(t)),
            TypeKind::Enum(_) => (&mut [][..], None, &mut [][..], None),
        };
        let fields = fields.iter_mut().map(|f| &mut f.ty);
        let members = members.iter_mut().map(|v| &mut v.ty);
        fields.chain(extra).chain(members).chain(target)
    }

    /// The one walk of a type's children: each type reference it holds
    /// (its fields' and its kept extra properties' types, its union
    /// members', its alias's target; an enum holds none), in order.
    pub fn children(&self) -> impl Iterator<Item = Child<'_>> {
        let (fields, extra, members, target) = match self {
            TypeKind::Struct(s) => (
                &s.fields[..],
                match &s.extra {
                    ExtraFields::Keep(t) => Some(t),
                    _ => None,
                },
                &[][..],
                None,
            ),
            TypeKind::Union(u) => (&[][..], None, &u.variants[..], None),
            TypeKind::Alias(t) => (&[][..], None, &[][..], Some(t)),
            TypeKind::Enum(_) => (&[][..], None, &[][..], None),
        };
        let fields = fields.iter().map(|f| Child {
            ty: &f.ty,
            role: Role::Field(f),
        });
        let extra = extra.map(|ty| Child {
            ty,
            role: Role::Extra,
        });
        let members = members.iter().map(|v| Child {
            ty: &v.ty,
            role: Role::Member(v),
        });
        let target = target.map(|ty| Child {
            ty,
            role: Role::Target,
        });
        fields.chain(extra).chain(members).chain(target)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    pub extra: ExtraFields,
}

/// What happens to properties the schema does not list.
#[derive(Debug, Clone, PartialEq)]
pub enum ExtraFields {
    /// Ignored on input (servers add fields; decoding must not break).
    Ignore,
    /// Kept in a flattened map of this value type.
    Keep(TypeRef),
    /// `additionalProperties: false`.
    Deny,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: RustIdent,
    pub wire_name: String,
    pub ty: TypeRef,
    /// The component alias the spec refers to for this type (`Currency`
    /// for `$ref: Currency`, an alias of `String`): it spells the type.
    pub alias: Option<TypeId>,
    pub required: bool,
    pub nullable: bool,
    pub docs: Docs,
    pub read_only: bool,
    pub write_only: bool,
    /// Personal data or a secret: redacted in `Debug`.
    pub sensitive: bool,
    /// Held behind a `Box` because the type contains itself.
    pub boxed: bool,
    pub default: Option<Value>,
    pub constraints: Constraints,
    /// The property's own `example` values.
    pub examples: Vec<Value>,
    /// The test function of each example, in the same order.
    pub example_tests: Vec<String>,
    /// The function of the `defaults` module that gives its default.
    pub default_fn: Option<String>,
    /// The schema allows one value (`const`, an `enum` of one): required,
    /// it is filled by `new()`, which takes no argument for it.
    pub constant: bool,
}

impl Field {
    /// A required field of type `ty`, named `name` in Rust and on the
    /// wire, with nothing else said: what tests build models from.
    #[cfg(test)]
    pub(crate) fn required(name: &str, ty: TypeRef) -> Field {
        Field {
            name: name.into(),
            wire_name: name.into(),
            ty,
            alias: None,
            required: true,
            nullable: false,
            docs: Docs::default(),
            read_only: false,
            write_only: false,
            sensitive: false,
            boxed: false,
            default: None,
            constraints: Constraints::default(),
            examples: Vec::new(),
            example_tests: Vec::new(),
            default_fn: None,
            constant: false,
        }
    }

    /// Present on the wire only sometimes: `Option`/`Nullable` in Rust.
    pub fn optional(&self) -> bool {
        (!self.required || self.read_only || self.write_only) && !self.defaulted()
    }

    /// Optional with a `default:` the Rust type can hold: the field is a
    /// plain value that decodes to the default when absent.
    pub fn defaulted(&self) -> bool {
        self.default.is_some()
            && !self.required
            && !self.nullable
            && !self.read_only
            && !self.write_only
    }
}

/// Validation keywords of a value (and of an array's items).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub items: Option<Box<Constraints>>,
    /// A string's `format` (`email`, `uri`, ...): documentation and sample
    /// values, not a check.
    pub format: Option<String>,
}

impl Constraints {
    /// Whether nothing here can be checked (`format` is not checked).
    pub fn is_empty(&self) -> bool {
        Constraints {
            format: None,
            ..self.clone()
        } == Constraints::default()
    }
    /// Adds what `other` says and this does not, or says more strictly
    /// (an `allOf` member restating a reference with tighter bounds).
    pub fn narrow(&mut self, other: Constraints) {
        fn min<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<T> {
            match (a, b) {
                (Some(a), Some(b)) => Some(if b < a { b } else { a }),
                (a, b) => a.or(b),
            }
        }
        fn max<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<T> {
            match (a, b) {
                (Some(a), Some(b)) => Some(if b > a { b } else { a }),
                (a, b) => a.or(b),
            }
        }
        self.min_length = max(self.min_length, other.min_length);
        self.max_length = min(self.max_length, other.max_length);
        self.min_items = max(self.min_items, other.min_items);
        self.max_items = min(self.max_items, other.max_items);
        if other.minimum.is_some() && max(self.minimum, other.minimum) == other.minimum {
            self.exclusive_minimum = other.exclusive_minimum;
        }
        self.minimum = max(self.minimum, other.minimum);
        if other.maximum.is_some() && min(self.maximum, other.maximum) == other.maximum {
            self.exclusive_maximum = other.exclusive_maximum;
        }
        self.maximum = min(self.maximum, other.maximum);
        self.pattern = self.pattern.take().or(other.pattern);
        self.multiple_of = self.multiple_of.or(other.multiple_of);
        self.format = self.format.take().or(other.format);
    }

    pub fn has_range(&self) -> bool {
        self.minimum.is_some() || self.maximum.is_some() || self.multiple_of.is_some()
    }
}

/// An open enum: known values plus a catch-all that keeps unknown ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub repr: EnumRepr,
    pub variants: Vec<EnumVariant>,
    /// The catch-all variant's name, which keeps a value the server adds
    /// later. `None` when the schema allows one value only (`const`, or an
    /// `enum` of one): any other fails to decode, which is what tells the
    /// members of a union apart.
    pub other: Option<String>,
    /// The schema writes its values as another JSON type than its `type`
    /// (`type: integer, enum: ["1", "2"]`): an answer may carry either
    /// form (`1` or `"1"`), and both decode.
    pub loose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: RustIdent,
    /// The value on the wire, as text (`"CREATED"`, `"3"`).
    pub wire: String,
}

/// oneOf / anyOf.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub mode: UnionMode,
    pub variants: Vec<UnionVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UnionMode {
    /// oneOf with a discriminator: the tag picks the variant; unknown tags
    /// are kept in the variant named `unknown`.
    Tagged {
        property: String,
        unknown: String,
        /// The variant for tags no mapping names, and for a missing tag
        /// (OpenAPI 3.2 `defaultMapping`).
        default: Option<String>,
    },
    /// oneOf without one: the first variant that decodes wins; variants are
    /// ordered most specific first.
    Untagged,
    /// anyOf: every member that decodes is kept.
    AnyOf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub name: RustIdent,
    pub ty: TypeRef,
    /// Held behind a `Box` because the type contains itself.
    pub boxed: bool,
    /// The discriminator values that select this variant.
    pub tags: Vec<String>,
}

/// A reference to a type from a field, parameter, body or response.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    Named(TypeId),
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    Decimal,
    Date,
    /// `format: date-time`: `codegen_runtime::LenientDateTime`, RFC 3339
    /// read with or without an offset (then UTC) and written back as read.
    DateTime,
    Uuid,
    /// Any JSON value.
    Json,
    /// A file part of a multipart body (`format: binary`): bytes, name, type.
    File,
    Vec(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// An array item or map value that may be `null`.
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// The named type this reference holds, through arrays, maps and
    /// nullability (`Vec<Pet>` holds `Pet`).
    pub fn named(&self) -> Option<TypeId> {
        match self {
            TypeRef::Named(n) => Some(*n),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.named(),
            _ => None,
        }
    }

    /// [`Self::named`], to change in place.
    pub fn named_mut(&mut self) -> Option<&mut TypeId> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.named_mut()
            }
            _ => None,
        }
    }

    /// The runtime serde helper the type needs (`with = ...`), if any:
    /// decimals keep their exact digits.
    pub fn codec(&self) -> Option<&'static str> {
        match self {
            TypeRef::Decimal => Some("codegen_runtime::decimal"),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.codec(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
