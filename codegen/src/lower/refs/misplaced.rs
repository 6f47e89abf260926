//! `--lenient` readings of misplaced references (`load::Misplaced`): a
//! `$ref` whose place holds one kind of object (a schema, a response, a
//! request body) and whose target is another, read as the kind its place
//! holds.

use openapiv3::{
    AnySchema, MediaType, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, Schema,
    SchemaData, SchemaKind,
};

use std::collections::HashMap;

use super::{Kind, Resolver, kind_of, unescape_segment};
use crate::diagnostics::child;
use crate::load::{Belongs, Misplaced, pointer_segments};

/// What the target of a misplaced reference is read as.
enum Reading {
    /// A schema, with the pointer it was taken from.
    Schema(String, Box<Schema>),
    Response(Response),
    RequestBody(RequestBody),
}

impl<'a> Resolver<'a> {
    /// Reads every misplaced reference of the document (`--lenient`),
    /// each target once however often it is met, and notes each place.
    pub(super) fn read_all_misplaced(&mut self) {
        let doc = self.doc;
        let mut read: HashMap<(&str, Belongs), Option<String>> = HashMap::new();
        for misplaced in doc.written.misplaced() {
            let key = (misplaced.reference.as_str(), misplaced.belongs);
            let reading = match read.get(&key) {
                Some(reading) => reading.clone(),
                None => {
                    let reading = self.read_misplaced(misplaced);
                    read.insert(key, reading.clone());
                    reading
                }
            };
            if let Some(message) = reading {
                self.repaired.notes.push((misplaced.site.clone(), message));
            }
        }
    }

    /// Whether [`Resolver::read_misplaced`] would read `reference`, met
    /// where an `expected` belongs and pointing at a `found`: what the
    /// error without `--lenient` may promise.
    pub(super) fn can_read_misplaced(
        &self,
        reference: &'a str,
        expected: Kind,
        found: Kind,
    ) -> bool {
        self.reading(reference, expected, found).is_some()
    }

    /// Reads the target of a misplaced reference as the kind of object
    /// its place holds (see [`Resolver::reading`]) and keeps it for the
    /// reference, saying how it was read. A target that cannot be read so
    /// keeps the error (`None`).
    pub(super) fn read_misplaced(&mut self, misplaced: &'a Misplaced) -> Option<String> {
        let reference = misplaced.reference.as_str();
        let found = kind_of(&pointer_segments(reference.strip_prefix('#')?))?;
        let expected = match misplaced.belongs {
            Belongs::Schema => Kind::Schema,
            Belongs::Response => Kind::Response,
            Belongs::RequestBody => Kind::RequestBody,
        };
        let (read, how) = self.reading(reference, expected, found)?;
        let reference_key = reference.to_string();
        match read {
            Reading::Schema(pointer, schema) => {
                self.read_as_schema
                    .insert(reference_key, (pointer, *schema));
            }
            Reading::Response(response) => {
                self.responses
                    .insert(reference_key, ReferenceOr::Item(response));
            }
            Reading::RequestBody(body) => {
                self.request_bodies
                    .insert(reference_key, ReferenceOr::Item(body));
            }
        }
        Some(format!(
            "$ref '{reference}' points at a {}, where a {} belongs; {how}",
            found.noun(),
            expected.noun()
        ))
    }

    /// The target of a misplaced reference read as the kind of object its
    /// place holds, and how: where a schema belongs, a parameter is its
    /// schema and a response its JSON content's schema (any value, when it
    /// declares none); where a response belongs, a schema is a response
    /// whose `application/json` content is that schema, or, when the
    /// schema says nothing but a description (a response object filed
    /// under schemas), a response with that description and no content;
    /// where a request body belongs, a schema is an optional request body
    /// (OpenAPI's default) whose `application/json` content is that
    /// schema. `None` when the target cannot be read so.
    fn reading(
        &self,
        reference: &'a str,
        expected: Kind,
        found: Kind,
    ) -> Option<(Reading, &'static str)> {
        match (expected, found) {
            (Kind::Schema, Kind::Parameter | Kind::Response) => {
                let (pointer, schema, how) = self.schema_of(reference, found)?;
                Some((Reading::Schema(pointer, Box::new(schema)), how))
            }
            (Kind::Response, Kind::Schema) => {
                let (response, how) = self.response_of(reference)?;
                Some((Reading::Response(response), how))
            }
            (Kind::RequestBody, Kind::Schema) => {
                let schema = self.schema_item(reference)?;
                let body = RequestBody {
                    description: schema.schema_data.description.clone(),
                    content: json_content(reference),
                    ..RequestBody::default()
                };
                let how = "--lenient reads it as an optional request body whose `application/json` content is that schema";
                Some((Reading::RequestBody(body), how))
            }
            _ => None,
        }
    }

    /// The schema a parameter or a response holds, as a schema of its
    /// own, with its pointer and how it was read; `None` when the target
    /// is itself a reference or not of that kind.
    fn schema_of(&self, reference: &str, found: Kind) -> Option<(String, Schema, &'static str)> {
        let at = crate::load::fragment_pointer(reference);
        let components = self.doc.spec.components.as_ref();
        let key = reference
            .strip_prefix(match found {
                Kind::Parameter => "#/components/parameters/",
                _ => "#/components/responses/",
            })
            .filter(|key| !key.contains('/'))
            .map(unescape_segment);
        let (pointer, schema, reading) = if found == Kind::Parameter {
            let item = match &key {
                Some(key) => components.and_then(|c| c.parameters.get(key)),
                None => self.parameters.get(reference),
            };
            let ReferenceOr::Item(parameter) = item? else {
                return None;
            };
            let (pointer, schema) = match &parameter.parameter_data_ref().format {
                ParameterSchemaOrContent::Schema(schema) => (child(&at, "schema"), schema.clone()),
                ParameterSchemaOrContent::Content(content) => {
                    let (media, schema) = content
                        .iter()
                        .find_map(|(media, m)| Some((media, m.schema.clone()?)))?;
                    (media_schema(&at, media), schema)
                }
            };
            (pointer, schema, "--lenient takes the parameter's schema")
        } else {
            let item = match &key {
                Some(key) => components.and_then(|c| c.responses.get(key)),
                None => self.responses.get(reference),
            };
            let ReferenceOr::Item(response) = item? else {
                return None;
            };
            let json = response.content.get_key_value("application/json");
            let media = json
                .filter(|(_, m)| m.schema.is_some())
                .or_else(|| response.content.iter().find(|(_, m)| m.schema.is_some()));
            match media.and_then(|(media, m)| Some((media, m.schema.clone()?))) {
                Some((media, schema)) => (
                    media_schema(&at, media),
                    schema,
                    "--lenient takes the response's content schema",
                ),
                None => (
                    at,
                    ReferenceOr::Item(Schema {
                        schema_data: SchemaData::default(),
                        schema_kind: SchemaKind::Any(AnySchema::default()),
                    }),
                    "the response declares no content, so --lenient takes any JSON value",
                ),
            }
        };
        let schema = match schema {
            ReferenceOr::Item(schema) => schema,
            // A reference as a schema of its own: an allOf of it alone.
            reference @ ReferenceOr::Reference { .. } => Schema {
                schema_data: SchemaData::default(),
                schema_kind: SchemaKind::AllOf {
                    all_of: vec![reference],
                },
            },
        };
        Some((pointer, schema, reading))
    }

    /// A schema read as a response (see [`Resolver::read_misplaced`]).
    fn response_of(&self, reference: &'a str) -> Option<(Response, &'static str)> {
        let schema = self.schema_item(reference)?;
        let description = schema.schema_data.description.clone().unwrap_or_default();
        let only_described = SchemaData {
            description: schema.schema_data.description.clone(),
            ..SchemaData::default()
        } == schema.schema_data
            && matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default());
        if only_described && !description.is_empty() {
            let response = Response {
                description,
                ..Response::default()
            };
            let reading = "the schema says nothing but a description, so --lenient reads it as a response with no content";
            return Some((response, reading));
        }
        let response = Response {
            description,
            content: json_content(reference),
            ..Response::default()
        };
        Some((
            response,
            "--lenient reads it as a response whose `application/json` content is that schema",
        ))
    }
}

/// The content of a response or request body read from a schema: the
/// schema as `application/json`.
fn json_content(reference: &str) -> indexmap::IndexMap<String, MediaType> {
    let media = MediaType {
        schema: Some(ReferenceOr::Reference {
            reference: reference.to_string(),
        }),
        ..MediaType::default()
    };
    [("application/json".to_string(), media)]
        .into_iter()
        .collect()
}

/// The pointer of the schema of a media type entry of the object at `at`.
fn media_schema(at: &str, media: &str) -> String {
    child(&child(&child(at, "content"), media), "schema")
}
