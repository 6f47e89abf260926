//! The model of what a client does: servers, security schemes, operations
//! with their parameters, bodies and outcomes, pagination and streams.

use serde_json::Value;

use super::{Constraints, Docs, Field, RustIdent, TypeRef};

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The constructor's name (`production`, `sandbox`).
    pub name: RustIdent,
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
    pub name: RustIdent,
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
    pub name: RustIdent,
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
    /// The error enum its documented error responses make (one of
    /// [`Api::error_enums`](super::Api::error_enums), shared by every
    /// operation with the same ones); `None`: it documents none, and its
    /// error type is the runtime's `NoDocumentedErrors`.
    pub error_type: Option<RustIdent>,
    /// Set when several success statuses carry different meanings.
    pub response_enum: Option<String>,
    /// Set when one reading serves every 2XX and no documented error is a
    /// 2XX: the runtime's `Call::json` (`text`, `empty`) reads the answer,
    /// the error type's `ReadError` impl any other status. `None`: the
    /// method dispatches by status itself.
    pub plain: Option<PlainReading>,
    /// Set when the operation has optional parameters.
    pub params_struct: Option<String>,
    /// Set with `params_struct`, or for a streamed answer (an `async`
    /// method, with no `Call` to take per-call options): the builder the
    /// method returns, on which the optional parameters and the per-call
    /// options are set (`ListCustomersCall`).
    pub builder: Option<String>,
    /// The API trait's method that sends its call, given the optional
    /// parameters as a struct and the call's options
    /// (`send_list_customers`), which a stand-in implements; the trait's
    /// own `list_customers` returns the call. Never another operation's
    /// method name. Set once every operation is named.
    pub send_method: Option<RustIdent>,
    /// Set when its responses declare headers.
    pub headers: Option<ResponseHeaders>,
    /// The media types the client reads from its answers (its `Accept`).
    pub accept: Vec<String>,
    /// The spec's `x-pagination` for the operation, as written.
    pub pagination_hint: Option<Value>,
    /// How to page through the operation's answers, when it is a list.
    pub pagination: Option<Pagination>,
    /// Which features build it: those of its tags (`--tag-features`).
    pub gate: super::Gate,
    /// The feature whose own module file holds it; `None`: the shared one.
    pub part: Option<String>,
}

/// How an operation with one success reads it (see [`Operation::plain`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainReading {
    pub body: PlainBody,
    /// The one success status the spec documents; `None`: a range.
    pub declared: Option<u16>,
}

/// The body of a [`PlainReading`] success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainBody {
    Json,
    Text,
    Empty,
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
    pub name: RustIdent,
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
    pub name: RustIdent,
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
    pub name: RustIdent,
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
    pub name: RustIdent,
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

impl Body {
    /// An optional body other than bytes is set on the call's builder
    /// (`.body(..)`) and held in the operation's `…Params` struct, like an
    /// optional parameter; a required body, and bytes, are an argument.
    pub fn on_builder(&self) -> bool {
        !self.required && self.media != MediaKind::Binary
    }
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

/// An enum of documented error responses, shared by the operations whose
/// error responses are the same (statuses, variants, payload types), named
/// after what it holds when shared and after its operation otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorEnum {
    pub name: RustIdent,
    /// The variants; a description only where every user's agrees.
    pub outcomes: Vec<Outcome>,
    /// The methods that answer with it, in the API's order.
    pub users: Vec<RustIdent>,
    /// Some user reads its errors through the enum's `ReadError` impl
    /// (its [`Operation::plain`] is set), so the enum has one.
    pub read_error: bool,
    /// Which features build it: any of its users'.
    pub gate: super::Gate,
    /// The feature whose own module file holds it; `None`: the shared one.
    pub part: Option<String>,
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
    /// Every type the operation names: its parameters', its body's, its
    /// answers' (successes and errors) and its response headers'.
    pub fn type_refs(&self) -> impl Iterator<Item = &TypeRef> {
        let answers = self
            .success
            .iter()
            .chain(&self.errors)
            .filter_map(|o| o.body.as_ref().map(|(_, t)| t));
        let headers = self
            .headers
            .iter()
            .flat_map(|h| h.fields.iter().map(|f| &f.ty));
        self.params
            .iter()
            .map(|p| &p.ty)
            .chain(self.body.iter().map(|b| &b.ty))
            .chain(answers)
            .chain(headers)
    }

    /// [`Self::type_refs`], to change in place, in the same order, then
    /// the paginated item's.
    pub fn type_refs_mut(&mut self) -> impl Iterator<Item = &mut TypeRef> {
        let answers = self
            .success
            .iter_mut()
            .chain(&mut self.errors)
            .filter_map(|o| o.body.as_mut().map(|(_, t)| t));
        let headers = self
            .headers
            .iter_mut()
            .flat_map(|h| h.fields.iter_mut().map(|f| &mut f.ty));
        self.params
            .iter_mut()
            .map(|p| &mut p.ty)
            .chain(self.body.iter_mut().map(|b| &mut b.ty))
            .chain(answers)
            .chain(headers)
            .chain(self.pagination.iter_mut().map(|p| &mut p.item))
    }

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
