//! Security schemes: how credentials are sent, OAuth2 flows, deprecated
//! schemes.

use openapiv3::{ReferenceOr, SecurityScheme as S};
use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::child;
use crate::load::ext;
use crate::model::{OAuthFlow, SchemeKind, SecurityScheme};

impl<'a> Lowerer<'a> {
    pub(super) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = &self.doc.spec.components else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let pointer = child("#/components/securitySchemes", name);
            let scheme = match scheme {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => {
                    self.error(
                        &pointer,
                        format!("security scheme $ref '{reference}' is not supported"),
                    );
                    continue;
                }
            };
            use openapiv3::{APIKeyLocation, SecurityScheme as S};
            let (kind, description) = match scheme {
                S::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => (
                    match location {
                        APIKeyLocation::Header => SchemeKind::ApiKeyHeader(name.clone()),
                        APIKeyLocation::Query => SchemeKind::ApiKeyQuery(name.clone()),
                        APIKeyLocation::Cookie => SchemeKind::ApiKeyCookie(name.clone()),
                    },
                    description,
                ),
                S::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("bearer") => (SchemeKind::Bearer, description),
                S::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("basic") => (SchemeKind::Basic, description),
                S::HTTP { scheme, .. } => {
                    self.warn(&pointer, format!("HTTP auth scheme {scheme:?} is not supported; operations that need it must be authenticated with a default header"));
                    continue;
                }
                S::OAuth2 { description, .. } | S::OpenIDConnect { description, .. } => {
                    (SchemeKind::Bearer, description)
                }
            };
            let deprecated = self.check_scheme(scheme, &pointer);
            out.push(SecurityScheme {
                name: name.clone(),
                kind,
                description: description.clone(),
                deprecated,
                flows: oauth_flows(scheme),
                used: false,
            });
        }
        out
    }
}

impl<'a> Lowerer<'a> {
    /// A deprecated scheme is warned about (it is still usable).
    pub(super) fn check_scheme(&mut self, scheme: &S, pointer: &str) -> bool {
        let deprecated = scheme_deprecated(scheme);
        if deprecated {
            self.warn(
                pointer,
                "this security scheme is deprecated; credentials for it still work, but the API may stop accepting them",
            );
        }
        deprecated
    }
}

/// Whether a security scheme is deprecated (3.2 `deprecated`).
pub(super) fn scheme_deprecated(scheme: &S) -> bool {
    let extensions = match scheme {
        S::APIKey { extensions, .. }
        | S::HTTP { extensions, .. }
        | S::OAuth2 { extensions, .. }
        | S::OpenIDConnect { extensions, .. } => extensions,
    };
    ext::is_true(extensions, ext::DEPRECATED)
}

/// The flows of an OAuth2 scheme, with their endpoints, device
/// authorization (RFC 8628) included; an OpenID Connect scheme's discovery URL.
pub(super) fn oauth_flows(scheme: &S) -> Vec<OAuthFlow> {
    let mut out = Vec::new();
    let endpoint = |what: &str, url: &str| (what.to_string(), url.to_string());
    let device = |extensions: &indexmap::IndexMap<String, Value>| {
        ext::text(extensions, ext::DEVICE_AUTHORIZATION_URL)
            .map(|url| endpoint("device codes", url))
    };
    match scheme {
        S::OAuth2 {
            flows, extensions, ..
        } => {
            if let Some(f) = &flows.implicit {
                let mut e = vec![endpoint("authorization", &f.authorization_url)];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "implicit".into(),
                    endpoints: e,
                });
            }
            if let Some(f) = &flows.password {
                let mut e = vec![endpoint("token", &f.token_url)];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "password".into(),
                    endpoints: e,
                });
            }
            if let Some(f) = &flows.client_credentials {
                let mut e = vec![endpoint("token", &f.token_url)];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "client credentials".into(),
                    endpoints: e,
                });
            }
            if let Some(f) = &flows.authorization_code {
                let mut e = vec![
                    endpoint("authorization", &f.authorization_url),
                    endpoint("token", &f.token_url),
                ];
                e.extend(device(&f.extensions));
                out.push(OAuthFlow {
                    grant: "authorization code".into(),
                    endpoints: e,
                });
            }
            if let Some(Value::Object(f)) = flows.extensions.get(ext::DEVICE_AUTHORIZATION) {
                let url = |key: &str| f.get(key).and_then(Value::as_str);
                let mut e = Vec::new();
                e.extend(url(ext::DEVICE_AUTHORIZATION_URL).map(|u| endpoint("device codes", u)));
                e.extend(url("tokenUrl").map(|u| endpoint("token", u)));
                out.push(OAuthFlow {
                    grant: "device authorization".into(),
                    endpoints: e,
                });
            }
            if let Some(url) = ext::text(extensions, ext::OAUTH2_METADATA_URL) {
                out.push(OAuthFlow {
                    grant: "server metadata".into(),
                    endpoints: vec![endpoint("metadata", url)],
                });
            }
        }
        S::OpenIDConnect {
            open_id_connect_url,
            ..
        } => out.push(OAuthFlow {
            grant: "OpenID Connect".into(),
            endpoints: vec![endpoint("discovery", open_id_connect_url)],
        }),
        _ => {}
    }
    out
}
