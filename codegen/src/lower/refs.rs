//! `$ref` resolution. Component schemas are looked up by key; references
//! to any other place in the document are parsed once, up front.

use crate::shared::HashMap;

use openapiv3::{Header, Parameter, ReferenceOr, RequestBody, Response, Schema};
use serde_json::Value;

use crate::load::{Document, percent_decode, pointer_segments};

mod misplaced;

/// What a schema reference points at.
pub enum SchemaTarget<'a> {
    /// `#/components/schemas/{key}`.
    Component(&'a str),
    /// Any other schema in the document, with its pointer.
    Inline(&'a Schema, &'a str),
}

pub struct Resolver<'a> {
    doc: &'a Document,
    /// Schemas at pointers other than `#/components/schemas/{key}`.
    elsewhere: HashMap<String, Schema>,
    /// Parameters, responses, request bodies and headers at pointers other
    /// than their components (`#/paths/~1chargers/get/parameters/0`).
    parameters: HashMap<String, ReferenceOr<Parameter>>,
    responses: HashMap<String, ReferenceOr<Response>>,
    request_bodies: HashMap<String, ReferenceOr<RequestBody>>,
    headers: HashMap<String, ReferenceOr<Header>>,
    /// With `--lenient`, the schemas that misplaced references to a
    /// parameter or a response stand for, with the pointer of each
    /// (`…/parameters/1/schema`), by reference (see `read_misplaced`).
    read_as_schema: HashMap<String, (String, Schema)>,
    /// Why the target of a reference could not be read as what it is.
    invalid: HashMap<String, String>,
    /// `--lenient`: misplaced references are read (see `read_misplaced`).
    lenient: bool,
    /// What checking the keyword values of schemas referred to elsewhere
    /// found (`load::schema_values`): notes, and values with no reading.
    pub(super) repaired: crate::load::schema_values::Repaired,
}

const COMPONENT_SCHEMA: &str = "#/components/schemas/";

/// What the object at a JSON pointer is, read from where it stands: the
/// item of a `parameters` list, an entry of `responses` or `headers`, an
/// operation's `requestBody`; anything else is taken for a schema.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Parameter,
    Response,
    RequestBody,
    Header,
    Schema,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Parameter => "parameter",
            Kind::Response => "response",
            Kind::RequestBody => "request body",
            Kind::Header => "header",
            Kind::Schema => "schema",
        }
    }
}

/// What a reference's target is, by its segments: a component by its
/// kind, anything else by where it stands; `None` for a component kind
/// that is none of these.
fn kind_of(segments: &[String]) -> Option<Kind> {
    match segments {
        [first, kind, _] if first == "components" => match kind.as_str() {
            "schemas" => Some(Kind::Schema),
            "parameters" => Some(Kind::Parameter),
            "responses" => Some(Kind::Response),
            "requestBodies" => Some(Kind::RequestBody),
            "headers" => Some(Kind::Header),
            _ => None,
        },
        _ => Some(kind_at(segments)),
    }
}

fn kind_at(segments: &[String]) -> Kind {
    match segments {
        [.., parent, _] if parent == "parameters" => Kind::Parameter,
        [.., parent, _] if parent == "responses" => Kind::Response,
        [.., parent, _] if parent == "headers" => Kind::Header,
        [.., parent, _] if parent == "requestBodies" => Kind::RequestBody,
        [.., last] if last == "requestBody" => Kind::RequestBody,
        _ => Kind::Schema,
    }
}

/// Reads the value at a pointer as a `T` into `map`, once; says why it
/// is not one.
fn read_into<T: serde::de::DeserializeOwned>(
    map: &mut HashMap<String, T>,
    reference: &str,
    target: &Value,
) -> Option<String> {
    if map.contains_key(reference) {
        return None;
    }
    match T::deserialize(target) {
        Ok(item) => {
            map.insert(reference.to_string(), item);
            None
        }
        Err(e) => Some(e.to_string()),
    }
}

/// Reads the schema a reference points at elsewhere into the resolver;
/// one openapiv3 refuses is read again with its keyword values checked
/// (`load::schema_values`), which says what it took out.
fn read_schema(resolver: &mut Resolver<'_>, reference: &str, target: &Value) -> Option<String> {
    let why = read_into(&mut resolver.elsewhere, reference, target)?;
    let mut checked = target.clone();
    let found = crate::load::schema_values::repair_schema(&mut checked, reference);
    if found.notes.is_empty() && found.invalid.is_empty() {
        return Some(why);
    }
    let still = read_into(&mut resolver.elsewhere, reference, &checked);
    if still.is_none() {
        resolver.repaired.notes.extend(found.notes);
        resolver.repaired.invalid.extend(found.invalid);
    }
    still
}

impl<'a> Resolver<'a> {
    /// Reads, once, every reference of the document that points elsewhere
    /// than a component by key: any JSON pointer into the document.
    /// With `lenient`, a reference whose place holds another kind of
    /// object than it points at is read as the kind its place holds (see
    /// [`Resolver::read_misplaced`]).
    pub fn new(doc: &'a Document, lenient: bool) -> Self {
        let mut resolver = Resolver {
            doc,
            elsewhere: HashMap::default(),
            parameters: HashMap::default(),
            responses: HashMap::default(),
            request_bodies: HashMap::default(),
            headers: HashMap::default(),
            read_as_schema: HashMap::default(),
            invalid: HashMap::default(),
            lenient,
            repaired: Default::default(),
        };
        for (reference, target) in doc.written.elsewhere() {
            let segments = pointer_segments(&reference[1..]);
            let invalid = match kind_at(&segments) {
                Kind::Parameter => read_into(&mut resolver.parameters, reference, target),
                Kind::Response => read_into(&mut resolver.responses, reference, target),
                Kind::RequestBody => read_into(&mut resolver.request_bodies, reference, target),
                Kind::Header => read_into(&mut resolver.headers, reference, target),
                Kind::Schema => read_schema(&mut resolver, reference, target),
            };
            if let Some(why) = invalid {
                resolver.invalid.insert(reference.to_string(), why);
            }
        }
        if lenient {
            resolver.read_all_misplaced();
        }
        resolver
    }

    /// Resolves a schema reference, or says why it cannot be.
    pub fn schema(&self, reference: &'a str) -> Result<SchemaTarget<'_>, String> {
        if let Some(key) = reference
            .strip_prefix(COMPONENT_SCHEMA)
            .filter(|k| !k.contains('/'))
        {
            let key = unescape_segment(key);
            let components = self.doc.spec.components.as_ref();
            return match components.and_then(|c| c.schemas.get_key_value(&key)) {
                Some((key, _)) => Ok(SchemaTarget::Component(key.as_str())),
                None => Err(self.describe_unresolved(reference, Kind::Schema)),
            };
        }
        if let Some((pointer, schema)) = self.elsewhere.get_key_value(reference) {
            return Ok(SchemaTarget::Inline(schema, pointer.as_str()));
        }
        if let Some((pointer, schema)) = self.read_as_schema.get(reference) {
            return Ok(SchemaTarget::Inline(schema, pointer.as_str()));
        }
        Err(self.describe_unresolved(reference, Kind::Schema))
    }

    /// The schema a reference finally points at (following component aliases).
    pub fn schema_item(&self, reference: &'a str) -> Option<&Schema> {
        let mut reference = reference;
        for _ in 0..32 {
            match self.schema(reference).ok()? {
                SchemaTarget::Inline(schema, _) => return Some(schema),
                SchemaTarget::Component(key) => {
                    match self.doc.spec.components.as_ref()?.schemas.get(key)? {
                        ReferenceOr::Item(schema) => return Some(schema),
                        ReferenceOr::Reference { reference: next } => reference = next,
                    }
                }
            }
        }
        None
    }

    pub fn parameter(
        &'a self,
        item: &'a ReferenceOr<Parameter>,
    ) -> Result<(&'a Parameter, Option<&'a str>), String> {
        self.follow(item, Kind::Parameter, &self.parameters, |c, key| {
            c.parameters.get(key)
        })
    }

    pub fn request_body(
        &'a self,
        item: &'a ReferenceOr<RequestBody>,
    ) -> Result<(&'a RequestBody, Option<&'a str>), String> {
        self.follow(item, Kind::RequestBody, &self.request_bodies, |c, key| {
            c.request_bodies.get(key)
        })
    }

    pub fn response(
        &'a self,
        item: &'a ReferenceOr<Response>,
    ) -> Result<(&'a Response, Option<&'a str>), String> {
        self.follow(item, Kind::Response, &self.responses, |c, key| {
            c.responses.get(key)
        })
    }

    pub fn header(
        &'a self,
        item: &'a ReferenceOr<Header>,
    ) -> Result<(&'a Header, Option<&'a str>), String> {
        self.follow(item, Kind::Header, &self.headers, |c, key| {
            c.headers.get(key)
        })
    }

    /// Follows a chain of references, to components of `kind` by key or to
    /// any other place in the document; returns the item and the last
    /// reference taken (its pointer is where the item lives).
    fn follow<T>(
        &'a self,
        mut item: &'a ReferenceOr<T>,
        kind: Kind,
        elsewhere: &'a HashMap<String, ReferenceOr<T>>,
        component: impl Fn(&'a openapiv3::Components, &str) -> Option<&'a ReferenceOr<T>>,
    ) -> Result<(&'a T, Option<&'a str>), String> {
        let prefix = format!(
            "#/components/{}/",
            match kind {
                Kind::Parameter => "parameters",
                Kind::Response => "responses",
                Kind::RequestBody => "requestBodies",
                Kind::Header => "headers",
                Kind::Schema => "schemas",
            }
        );
        let mut last = None;
        for _ in 0..32 {
            match item {
                ReferenceOr::Item(t) => return Ok((t, last)),
                ReferenceOr::Reference { reference } => {
                    let by_key = reference
                        .strip_prefix(&prefix)
                        .filter(|key| !key.contains('/'));
                    item = match by_key {
                        Some(key) => self
                            .doc
                            .spec
                            .components
                            .as_ref()
                            .and_then(|c| component(c, &unescape_segment(key))),
                        None => elsewhere.get(reference.as_str()),
                    }
                    .ok_or_else(|| self.describe_unresolved(reference, kind))?;
                    last = Some(reference.as_str());
                }
            }
        }
        Err("a cycle of $ref that never reaches a definition".to_string())
    }
}

impl Resolver<'_> {
    /// Why `reference`, met where a `expected` belongs, resolves to none.
    fn describe_unresolved(&self, reference: &str, expected: Kind) -> String {
        if let Some(why) = self.doc.unresolved_files.get(reference) {
            return why.clone();
        }
        let Some(fragment) = reference.strip_prefix('#') else {
            return describe_unresolved(reference);
        };
        let found = kind_of(&pointer_segments(fragment));
        match (self.doc.written.resolves(reference), found) {
            (false, _) => {
                format!("unresolved $ref '{reference}': the document has nothing at that pointer")
            }
            (true, Some(found)) if found == expected => format!(
                "$ref '{reference}' points at something that is not a valid {}{}",
                expected.noun(),
                self.invalid
                    .get(reference)
                    .map(|why| format!(": {why}"))
                    .unwrap_or_default()
            ),
            (true, Some(found)) => format!(
                "$ref '{reference}' points at a {}, where a {} belongs{}",
                found.noun(),
                expected.noun(),
                if !self.lenient && self.can_read_misplaced(reference, expected, found) {
                    " (--lenient reads it as one, with a warning)"
                } else {
                    ""
                }
            ),
            (true, None) => format!(
                "$ref '{reference}' points at something that is not a {}",
                expected.noun()
            ),
        }
    }
}

fn describe_unresolved(reference: &str) -> String {
    if reference.starts_with("http://") || reference.starts_with("https://") {
        format!(
            "remote $ref '{reference}' is not followed: generation never touches the network; download the file and refer to it by a relative path"
        )
    } else if !reference.starts_with('#') {
        format!("$ref '{reference}' points into another file that could not be read")
    } else {
        format!("unresolved $ref '{reference}'")
    }
}

fn unescape_segment(segment: &str) -> String {
    percent_decode(segment)
        .replace("~1", "/")
        .replace("~0", "~")
}
