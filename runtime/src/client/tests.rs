//! Tests of `client`.

use super::*;

#[test]
fn fixed_credentials_become_sensitive_headers_once() {
    static SCHEMES: &[SecurityScheme] = &[
        SecurityScheme {
            name: "bearer",
            kind: SchemeKind::Bearer,
            used: true,
        },
        SecurityScheme {
            name: "key",
            kind: SchemeKind::ApiKeyHeader("X-Api-Key"),
            used: true,
        },
        SecurityScheme {
            name: "broken",
            kind: SchemeKind::ApiKeyHeader("X-Other"),
            used: true,
        },
        SecurityScheme {
            name: "refreshed",
            kind: SchemeKind::Bearer,
            used: true,
        },
        SecurityScheme {
            name: "query",
            kind: SchemeKind::ApiKeyQuery("key"),
            used: true,
        },
    ];
    let mut credentials: BTreeMap<&'static str, Arc<dyn CredentialProvider>> = BTreeMap::new();
    credentials.insert("bearer", Arc::new(Secret::new("tok")));
    credentials.insert("key", Arc::new(Secret::new("k1")));
    credentials.insert("broken", Arc::new(Secret::new("a\nb")));
    credentials.insert(
        "refreshed",
        Arc::new(|| async { Ok::<_, crate::auth::ProviderError>(Secret::new("new")) }),
    );
    credentials.insert("query", Arc::new(Secret::new("q")));
    let prepared = prepare_fixed_headers(SCHEMES, &credentials);
    assert_eq!(
        prepared.keys().copied().collect::<Vec<_>>(),
        ["bearer", "key"]
    );
    let (name, value) = &prepared["bearer"];
    assert_eq!(
        (name.as_str(), value.to_str().unwrap()),
        ("authorization", "Bearer tok")
    );
    assert!(value.is_sensitive());
    let (name, value) = &prepared["key"];
    assert_eq!(
        (name.as_str(), value.to_str().unwrap()),
        ("x-api-key", "k1")
    );
    assert!(value.is_sensitive());
}

#[test]
fn server_variables_are_substituted_safely() {
    let org = ServerInfo {
        url: "https://api.rebilly.com/organizations/{organizationId}",
    };
    assert_eq!(
        org.resolve(&[("organizationId", "acme/../x")]).unwrap(),
        "https://api.rebilly.com/organizations/acme%2F..%2Fx"
    );
    let whole = ServerInfo { url: "{baseUrl}" };
    assert_eq!(
        whole
            .resolve(&[("baseUrl", "https://kadosei.example")])
            .unwrap(),
        "https://kadosei.example"
    );
    let host = ServerInfo {
        url: "https://{region}.api.example.com",
    };
    assert_eq!(
        host.resolve(&[("region", "eu")]).unwrap(),
        "https://eu.api.example.com"
    );
    assert!(host.resolve(&[("region", "evil.com/")]).is_err());
}
