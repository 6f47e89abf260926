//! The fixed fields OpenAPI 3.2 adds to those of 3.1.

use super::fields::{Fields, Holds, Kind};

use Holds::{List, Map as MapOf, One, Value as Plain};

/// What 3.2 adds to `kind`.
pub(in crate::load) fn added_in_3_2(kind: Kind) -> Fields {
    match kind {
        Kind::Root => &[("$self", Plain)],
        Kind::Server => &[("name", Plain)],
        Kind::Components => &[("mediaTypes", MapOf(Kind::MediaType))],
        Kind::PathItem => &[
            ("query", One(Kind::Operation)),
            ("additionalOperations", MapOf(Kind::Operation)),
        ],
        Kind::MediaType => &[
            ("itemSchema", One(Kind::Schema)),
            ("itemEncoding", One(Kind::Encoding)),
            ("prefixEncoding", List(Kind::Encoding)),
        ],
        Kind::Encoding => &[
            ("encoding", MapOf(Kind::Encoding)),
            ("itemEncoding", One(Kind::Encoding)),
            ("prefixEncoding", List(Kind::Encoding)),
        ],
        Kind::Response => &[("summary", Plain)],
        Kind::Example => &[("dataValue", Plain), ("serializedValue", Plain)],
        Kind::Tag => &[("summary", Plain), ("parent", Plain), ("kind", Plain)],
        Kind::Discriminator => &[("defaultMapping", Plain)],
        Kind::Xml => &[("nodeType", Plain)],
        Kind::SecurityScheme => &[("deprecated", Plain), ("oauth2MetadataUrl", Plain)],
        Kind::OAuthFlows => &[("deviceAuthorization", One(Kind::OAuthFlow))],
        Kind::OAuthFlow => &[("deviceAuthorizationUrl", Plain)],
        _ => &[],
    }
}
