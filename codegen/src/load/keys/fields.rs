//! The fixed fields of every OpenAPI object, by version, and what each
//! holds: the table the unknown-key walk checks against.

/// What an object is, by where it stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::load) enum Kind {
    Root,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Paths,
    PathItem,
    Operation,
    ExternalDocs,
    Parameter,
    RequestBody,
    MediaType,
    Encoding,
    Responses,
    Response,
    Header,
    Example,
    Link,
    Callback,
    Components,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
    Tag,
    Schema,
    Discriminator,
    Xml,
}

/// What a fixed field holds.
#[derive(Debug, Clone, Copy)]
pub(in crate::load) enum Holds {
    /// A value with no OpenAPI objects inside (strings, examples, scopes).
    Value,
    One(Kind),
    /// A map of names to objects of the kind.
    Map(Kind),
    List(Kind),
}

use Holds::{List, Map as MapOf, One, Value as Plain};

/// A kind's fixed fields: those of OpenAPI 3.0, and what 3.1 adds.
pub(in crate::load) type Fields = &'static [(&'static str, Holds)];

pub(in crate::load) fn fields(kind: Kind, v31: bool) -> (Fields, Fields) {
    const NONE: &[(&str, Holds)] = &[];
    match kind {
        Kind::Root => (
            &[
                ("openapi", Plain),
                ("info", One(Kind::Info)),
                ("servers", List(Kind::Server)),
                ("paths", One(Kind::Paths)),
                ("components", One(Kind::Components)),
                ("security", Plain),
                ("tags", List(Kind::Tag)),
                ("externalDocs", One(Kind::ExternalDocs)),
            ],
            if v31 {
                &[
                    ("jsonSchemaDialect", Plain),
                    ("webhooks", MapOf(Kind::PathItem)),
                ]
            } else {
                NONE
            },
        ),
        Kind::Info => (
            &[
                ("title", Plain),
                ("description", Plain),
                ("termsOfService", Plain),
                ("contact", One(Kind::Contact)),
                ("license", One(Kind::License)),
                ("version", Plain),
            ],
            if v31 { &[("summary", Plain)] } else { NONE },
        ),
        Kind::Contact => (&[("name", Plain), ("url", Plain), ("email", Plain)], NONE),
        Kind::License => (
            &[("name", Plain), ("url", Plain)],
            if v31 { &[("identifier", Plain)] } else { NONE },
        ),
        Kind::Server => (
            &[
                ("url", Plain),
                ("description", Plain),
                ("variables", MapOf(Kind::ServerVariable)),
            ],
            NONE,
        ),
        Kind::ServerVariable => (
            &[("enum", Plain), ("default", Plain), ("description", Plain)],
            NONE,
        ),
        // Keys are paths: checked by `paths`.
        Kind::Paths | Kind::Responses | Kind::Callback => (NONE, NONE),
        Kind::PathItem => (
            &[
                ("$ref", Plain),
                ("summary", Plain),
                ("description", Plain),
                ("get", One(Kind::Operation)),
                ("put", One(Kind::Operation)),
                ("post", One(Kind::Operation)),
                ("delete", One(Kind::Operation)),
                ("options", One(Kind::Operation)),
                ("head", One(Kind::Operation)),
                ("patch", One(Kind::Operation)),
                ("trace", One(Kind::Operation)),
                ("servers", List(Kind::Server)),
                ("parameters", List(Kind::Parameter)),
            ],
            NONE,
        ),
        Kind::Operation => (
            &[
                ("tags", Plain),
                ("summary", Plain),
                ("description", Plain),
                ("externalDocs", One(Kind::ExternalDocs)),
                ("operationId", Plain),
                ("parameters", List(Kind::Parameter)),
                ("requestBody", One(Kind::RequestBody)),
                ("responses", One(Kind::Responses)),
                ("callbacks", MapOf(Kind::Callback)),
                ("deprecated", Plain),
                ("security", Plain),
                ("servers", List(Kind::Server)),
            ],
            NONE,
        ),
        Kind::ExternalDocs => (&[("description", Plain), ("url", Plain)], NONE),
        Kind::Parameter => (
            &[
                ("name", Plain),
                ("in", Plain),
                ("description", Plain),
                ("required", Plain),
                ("deprecated", Plain),
                ("allowEmptyValue", Plain),
                ("style", Plain),
                ("explode", Plain),
                ("allowReserved", Plain),
                ("schema", One(Kind::Schema)),
                ("example", Plain),
                ("examples", MapOf(Kind::Example)),
                ("content", MapOf(Kind::MediaType)),
            ],
            NONE,
        ),
        Kind::Header => (
            &[
                ("description", Plain),
                ("required", Plain),
                ("deprecated", Plain),
                ("allowEmptyValue", Plain),
                ("style", Plain),
                ("explode", Plain),
                ("allowReserved", Plain),
                ("schema", One(Kind::Schema)),
                ("example", Plain),
                ("examples", MapOf(Kind::Example)),
                ("content", MapOf(Kind::MediaType)),
            ],
            NONE,
        ),
        Kind::RequestBody => (
            &[
                ("description", Plain),
                ("content", MapOf(Kind::MediaType)),
                ("required", Plain),
            ],
            NONE,
        ),
        Kind::MediaType => (
            &[
                ("schema", One(Kind::Schema)),
                ("example", Plain),
                ("examples", MapOf(Kind::Example)),
                ("encoding", MapOf(Kind::Encoding)),
            ],
            NONE,
        ),
        Kind::Encoding => (
            &[
                ("contentType", Plain),
                ("headers", MapOf(Kind::Header)),
                ("style", Plain),
                ("explode", Plain),
                ("allowReserved", Plain),
            ],
            NONE,
        ),
        Kind::Response => (
            &[
                ("description", Plain),
                ("headers", MapOf(Kind::Header)),
                ("content", MapOf(Kind::MediaType)),
                ("links", MapOf(Kind::Link)),
            ],
            NONE,
        ),
        Kind::Example => (
            &[
                ("summary", Plain),
                ("description", Plain),
                ("value", Plain),
                ("externalValue", Plain),
            ],
            NONE,
        ),
        Kind::Link => (
            &[
                ("operationRef", Plain),
                ("operationId", Plain),
                ("parameters", Plain),
                ("requestBody", Plain),
                ("description", Plain),
                ("server", One(Kind::Server)),
            ],
            NONE,
        ),
        Kind::Components => (
            &[
                ("schemas", MapOf(Kind::Schema)),
                ("responses", MapOf(Kind::Response)),
                ("parameters", MapOf(Kind::Parameter)),
                ("examples", MapOf(Kind::Example)),
                ("requestBodies", MapOf(Kind::RequestBody)),
                ("headers", MapOf(Kind::Header)),
                ("securitySchemes", MapOf(Kind::SecurityScheme)),
                ("links", MapOf(Kind::Link)),
                ("callbacks", MapOf(Kind::Callback)),
            ],
            if v31 {
                &[("pathItems", MapOf(Kind::PathItem))]
            } else {
                NONE
            },
        ),
        Kind::SecurityScheme => (
            &[
                ("type", Plain),
                ("description", Plain),
                ("name", Plain),
                ("in", Plain),
                ("scheme", Plain),
                ("bearerFormat", Plain),
                ("flows", One(Kind::OAuthFlows)),
                ("openIdConnectUrl", Plain),
            ],
            NONE,
        ),
        Kind::OAuthFlows => (
            &[
                ("implicit", One(Kind::OAuthFlow)),
                ("password", One(Kind::OAuthFlow)),
                ("clientCredentials", One(Kind::OAuthFlow)),
                ("authorizationCode", One(Kind::OAuthFlow)),
            ],
            NONE,
        ),
        Kind::OAuthFlow => (
            &[
                ("authorizationUrl", Plain),
                ("tokenUrl", Plain),
                ("refreshUrl", Plain),
                ("scopes", Plain),
            ],
            NONE,
        ),
        Kind::Tag => (
            &[
                ("name", Plain),
                ("description", Plain),
                ("externalDocs", One(Kind::ExternalDocs)),
            ],
            NONE,
        ),
        Kind::Schema => (SCHEMA, if v31 { SCHEMA_2020_12 } else { NONE }),
        Kind::Discriminator => (&[("propertyName", Plain), ("mapping", Plain)], NONE),
        Kind::Xml => (
            &[
                ("name", Plain),
                ("namespace", Plain),
                ("prefix", Plain),
                ("attribute", Plain),
                ("wrapped", Plain),
            ],
            NONE,
        ),
    }
}

/// The Schema Object of OpenAPI 3.0.
pub(super) const SCHEMA: &[(&str, Holds)] = &[
    ("title", Plain),
    ("multipleOf", Plain),
    ("maximum", Plain),
    ("exclusiveMaximum", Plain),
    ("minimum", Plain),
    ("exclusiveMinimum", Plain),
    ("maxLength", Plain),
    ("minLength", Plain),
    ("pattern", Plain),
    ("maxItems", Plain),
    ("minItems", Plain),
    ("uniqueItems", Plain),
    ("maxProperties", Plain),
    ("minProperties", Plain),
    ("required", Plain),
    ("enum", Plain),
    ("type", Plain),
    ("allOf", List(Kind::Schema)),
    ("oneOf", List(Kind::Schema)),
    ("anyOf", List(Kind::Schema)),
    ("not", One(Kind::Schema)),
    ("items", One(Kind::Schema)),
    ("properties", MapOf(Kind::Schema)),
    ("additionalProperties", One(Kind::Schema)),
    ("description", Plain),
    ("format", Plain),
    ("default", Plain),
    ("nullable", Plain),
    ("discriminator", One(Kind::Discriminator)),
    ("readOnly", Plain),
    ("writeOnly", Plain),
    ("xml", One(Kind::Xml)),
    ("externalDocs", One(Kind::ExternalDocs)),
    ("example", Plain),
    ("deprecated", Plain),
];

/// What a 3.1 schema (JSON Schema 2020-12) adds.
const SCHEMA_2020_12: &[(&str, Holds)] = &[
    ("$ref", Plain),
    ("$schema", Plain),
    ("$id", Plain),
    ("$anchor", Plain),
    ("$dynamicAnchor", Plain),
    ("$dynamicRef", Plain),
    ("$defs", MapOf(Kind::Schema)),
    ("$comment", Plain),
    ("$vocabulary", Plain),
    ("const", Plain),
    ("examples", Plain),
    ("contentEncoding", Plain),
    ("contentMediaType", Plain),
    ("contentSchema", One(Kind::Schema)),
    ("prefixItems", List(Kind::Schema)),
    ("contains", One(Kind::Schema)),
    ("minContains", Plain),
    ("maxContains", Plain),
    ("patternProperties", MapOf(Kind::Schema)),
    ("propertyNames", One(Kind::Schema)),
    ("unevaluatedItems", One(Kind::Schema)),
    ("unevaluatedProperties", One(Kind::Schema)),
    ("dependentRequired", Plain),
    ("dependentSchemas", MapOf(Kind::Schema)),
    ("if", One(Kind::Schema)),
    ("then", One(Kind::Schema)),
    ("else", One(Kind::Schema)),
];
