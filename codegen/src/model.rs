//! The intermediate model: what to generate, with every name decided and
//! every reference resolved. It holds no tokens and no openapiv3 types, so
//! emitters never look at the spec.

use serde_json::Value;

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
    pub servers: Vec<Server>,
    pub security_schemes: Vec<SecurityScheme>,
    /// Constant headers every request carries (`X-API-VERSION: 2.4`).
    pub default_headers: Vec<(String, String)>,
    /// Notifications the API sends (OpenAPI 3.1 `webhooks`).
    pub webhooks: Vec<Webhook>,
    /// The tags the spec declares, in its order.
    pub tags: Vec<Tag>,
    /// `types` by name; built once `types` is final.
    pub type_index: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
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
    /// The type named `name` (indexed on first use).
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        let index = self.type_index.get_or_init(|| {
            self.types
                .iter()
                .enumerate()
                .map(|(i, t)| (t.name.clone(), i))
                .collect()
        });
        index.get(name).and_then(|i| self.types.get(*i))
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
    pub name: String,
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
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// `pub type Name = Target;`
    Alias(TypeRef),
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
    pub name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    /// The component alias the spec refers to for this type (`Currency`
    /// for `$ref: Currency`, an alias of `String`): it spells the type.
    pub alias: Option<String>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub name: String,
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
    pub name: String,
    pub ty: TypeRef,
    /// Held behind a `Box` because the type contains itself.
    pub boxed: bool,
    /// The discriminator values that select this variant.
    pub tags: Vec<String>,
}

/// A reference to a type from a field, parameter, body or response.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    Named(String),
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
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named(n) => Some(n),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.named(),
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

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The constructor's name (`production`, `sandbox`).
    pub name: String,
    /// The URL; with `relative`, its path on the origin the constructor
    /// takes (`/api`, or empty for the origin itself).
    pub url: String,
    pub description: Option<String>,
    pub variables: Vec<ServerVariable>,
    /// A relative server URL (`/api`) of a document read from a file: the
    /// constructor takes the origin (`http://127.0.0.1:8000`).
    pub relative: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    pub name: String,
    pub wire_name: String,
    pub default: String,
    pub description: Option<String>,
    pub allowed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
    pub deprecated: bool,
    /// OAuth2 flows, where their tokens come from (documented).
    pub flows: Vec<OAuthFlow>,
    /// Whether some operation asks for it: a credential for a scheme none
    /// asks for is refused when the client is built, unless the user says
    /// to send it on every request.
    pub used: bool,
}

/// An OAuth2 flow: its grant and endpoints.
#[derive(Debug, Clone, PartialEq)]
pub struct OAuthFlow {
    /// `client credentials`, `device authorization`, ...
    pub grant: String,
    /// (what, URL): `token`, `device authorization`, `authorization`, `refresh`.
    pub endpoints: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    Bearer,
    Basic,
    ApiKeyHeader(String),
    ApiKeyQuery(String),
    ApiKeyCookie(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The method's name (`create_payout`).
    pub name: String,
    /// The operationId, or the name derived from method and path.
    pub id: String,
    pub method: String,
    /// The path as in the spec (`/public/payout/{payoutId}/confirm`).
    pub path: String,
    /// The path the client requests: the spec's, less the templated pairs
    /// of a query some documents write into the key (those are query
    /// parameters).
    pub request_path: String,
    /// The spec's tags, for per-tag cargo features.
    pub tags: Vec<String>,
    pub docs: Docs,
    pub params: Vec<Param>,
    pub idempotency: Option<Idempotency>,
    pub body: Option<Body>,
    pub success: Vec<Outcome>,
    pub errors: Vec<Outcome>,
    /// Alternatives, each a set of scheme names applied together.
    pub security: Vec<Vec<String>>,
    /// Type names the emitters use for this operation.
    pub error_type: String,
    /// Set when several success statuses carry different meanings.
    pub response_enum: Option<String>,
    /// Set when the operation has optional parameters.
    pub params_struct: Option<String>,
    /// Set when its responses declare headers.
    pub headers: Option<ResponseHeaders>,
    /// The media types the client reads from its answers (its `Accept`).
    pub accept: Vec<String>,
    /// The spec's `x-pagination` for the operation, as written.
    pub pagination_hint: Option<Value>,
    /// How to page through the operation's answers, when it is a list.
    pub pagination: Option<Pagination>,
}

/// A list operation's paging convention: its answers hold items, and say
/// (or imply) how to ask for the next page.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The answer's field that holds the items; `None` when the answer is
    /// the array itself.
    pub items: Option<FieldRef>,
    pub item: TypeRef,
    pub kind: PageKind,
    /// Why the operation got a paginator, for the generation log.
    pub reason: String,
}

/// A struct field by its Rust name, and how its value is held.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRef {
    pub name: String,
    pub held: Held,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Plain,
    /// `Option<T>`.
    Optional,
    /// `Nullable<T>` (optional and nullable).
    Nullable,
}

impl FieldRef {
    pub fn of(f: &Field) -> Self {
        let held = match (f.optional(), f.nullable) {
            (false, false) => Held::Plain,
            (true, true) => Held::Nullable,
            _ => Held::Optional,
        };
        FieldRef {
            name: f.name.clone(),
            held,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageKind {
    /// A `has_more` flag; the last item's id goes back in `param`
    /// (`starting_after`).
    HasMore {
        flag: FieldRef,
        id: FieldRef,
        param: String,
    },
    /// A cursor in the answer (`next_cursor`) goes back in `param`.
    Cursor { next: FieldRef, param: String },
    /// Page numbers in `param`, from `start`; the last page is the first
    /// empty one or, with `link`, the one without a `Link: <..>; rel="next"`.
    Number {
        param: String,
        start: i64,
        link: bool,
    },
}

/// The headers an operation's responses declare, read into one struct.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeaders {
    /// The struct's name (`CreateCashierHeaders`).
    pub name: String,
    pub fields: Vec<ResponseHeader>,
    /// Whether a success response declares one: only then does the
    /// operation's `Response` name the struct.
    pub on_success: bool,
    /// Whether an error response declares one: only then is the struct
    /// linked to the error enum.
    pub on_error: bool,
}

/// One declared response header.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The field's name (`x_rate_limit_limit`).
    pub name: String,
    /// As the spec spells it (`X-RateLimit-Limit`).
    pub wire_name: String,
    /// A scalar, a string enum, or a list of those (`simple` style).
    pub ty: TypeRef,
    pub docs: Docs,
    /// The statuses whose responses declare it.
    pub statuses: Vec<StatusMatch>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
    /// The whole query string (OpenAPI 3.2 `in: querystring`).
    QueryString(QueryString),
}

/// How a querystring parameter is written, by its `content` media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryString {
    /// `application/x-www-form-urlencoded`, with per-property encodings.
    Form(Vec<PropertyEncoding>),
    Json,
    /// Any other media type: the value is the text.
    Text,
}

/// How a parameter or form property is written (OpenAPI's `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple,
    Label,
    Matrix,
    /// Described by `content` with a JSON media type: the value's JSON text.
    Json,
}

/// A parameter's serialization: style, explode and allowReserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Serialization {
    pub style: Style,
    pub explode: bool,
    pub allow_reserved: bool,
}

/// A property's `encoding` in a form or multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyEncoding {
    /// The property's wire name.
    pub name: String,
    pub content_type: Option<String>,
    /// `style` and `explode`, when the spec sets either.
    pub style: Option<(Style, bool)>,
    pub allow_reserved: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub serialization: Serialization,
    pub docs: Docs,
    pub sensitive: bool,
    pub constraints: Constraints,
    /// The parameter's own `example` values.
    pub examples: Vec<Value>,
}

/// The idempotency-key header of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Idempotency {
    pub header: String,
    pub max_length: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
    /// A sequential media type with an item schema: the type is an item's.
    Stream(StreamFormat),
}

/// How the items of a stream are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    /// `text/event-stream`.
    Sse(SseItem),
    /// `application/jsonl`, `application/x-ndjson`.
    JsonLines,
    /// `application/json-seq`.
    JsonSeq,
}

/// What an item of a server-sent event stream is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SseItem {
    /// The event object (`data`, `event`, `id`, `retry`); `json_data`:
    /// its `data` is JSON text.
    Event { json_data: bool },
    /// The event's `data`, as JSON.
    Data,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub media: MediaKind,
    pub content_type: String,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    /// Per-property encodings of a form or multipart body.
    pub encoding: Vec<PropertyEncoding>,
    /// A multipart body whose parts go by position: the body is an array.
    pub positional: Option<PartEncodings>,
}

/// The part types of a multipart body by position (OpenAPI 3.2
/// `prefixEncoding` and `itemEncoding`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartEncodings {
    /// The content type of the first parts, in order.
    pub prefix: Vec<Option<String>>,
    /// The content type of the others.
    pub item: Option<String>,
}

/// Which statuses an outcome covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Range(u16),
    Default,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: StatusMatch,
    /// The variant's name in the response or error enum.
    pub variant: String,
    pub docs: Docs,
    /// `None`: no body.
    pub body: Option<(MediaKind, TypeRef)>,
    /// The payload is held in a `Box` in its enum: it is much larger than
    /// the other variants.
    pub boxed: bool,
}

/// How a streamed answer's body is read.
#[derive(Debug, Clone, Copy)]
pub enum StreamRead<'a> {
    /// Typed items in a stream format.
    Items(StreamFormat, &'a TypeRef),
    /// Bytes, chunk by chunk: a `codegen_runtime::stream::Download`.
    Download,
}

impl Operation {
    /// The success outcomes whose bodies are read as they arrive: streams
    /// of items, and binary answers (downloads). The most specific status
    /// first (a code, then a range, then `default`), as OpenAPI matches them.
    pub fn streamed(&self) -> Vec<(&Outcome, StreamRead<'_>)> {
        let mut streamed: Vec<_> = self
            .success
            .iter()
            .filter_map(|o| Some((o, o.stream_read()?)))
            .collect();
        streamed.sort_by_key(|(o, _)| o.status.specificity());
        streamed
    }
}

impl Outcome {
    /// How the body is read as it arrives; `None`: read whole.
    pub fn stream_read(&self) -> Option<StreamRead<'_>> {
        match &self.body {
            Some((MediaKind::Stream(f), ty)) => Some(StreamRead::Items(*f, ty)),
            Some((MediaKind::Binary, _)) => Some(StreamRead::Download),
            _ => None,
        }
    }
}

impl StatusMatch {
    /// How narrowly the status matches: a code, a range, `default`.
    pub fn specificity(&self) -> u8 {
        match self {
            StatusMatch::Code(_) => 0,
            StatusMatch::Range(_) => 1,
            StatusMatch::Default => 2,
        }
    }
}
