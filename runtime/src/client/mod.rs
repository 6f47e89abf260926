//! The HTTP core every generated `Client` wraps, and the builder that
//! configures it: base URL, credentials, timeouts, headers and retries.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::auth::{BasicCredentials, CredentialProvider, Secret};
use crate::error::BuildError;
use crate::request::encode_path_segment;
use crate::retry::RetryPolicy;
use crate::transport::Transport;
use crate::wire::base64;

mod send;

/// How a security scheme puts its credential on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (also OAuth2 and OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// An API key in the named header.
    ApiKeyHeader(&'static str),
    /// An API key in the named query parameter.
    ApiKeyQuery(&'static str),
    /// An API key in the named cookie.
    ApiKeyCookie(&'static str),
}

/// A security scheme of the spec, by its name in `securitySchemes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityScheme {
    pub name: &'static str,
    pub kind: SchemeKind,
    /// Whether some operation asks for it. A credential configured for a
    /// scheme no operation asks for would never be sent: `build` refuses
    /// it, unless [`ClientBuilder::authenticate_every_request`] says to send
    /// it anyway.
    pub used: bool,
}

/// What a generated API tells the runtime about itself.
#[derive(Debug, Clone, Copy)]
pub struct ApiInfo {
    /// The API's title, for the default user agent.
    pub title: &'static str,
    pub version: &'static str,
    pub schemes: &'static [SecurityScheme],
    /// Headers every request carries unless overridden (constant headers
    /// the spec requires, such as an API version).
    pub default_headers: &'static [(&'static str, &'static str)],
}

/// Implemented by each generated `Client`.
pub trait Api: Sized {
    const INFO: ApiInfo;
    fn from_core(core: ClientCore) -> Self;
}

/// A server URL template of the spec and its variables.
#[derive(Debug, Clone, Copy)]
pub struct ServerInfo {
    pub url: &'static str,
}

impl ServerInfo {
    /// The URL with its `{variables}` filled in. A variable in the path is
    /// percent-encoded; one that is the whole URL must be an absolute URL.
    pub fn resolve(&self, variables: &[(&str, &str)]) -> Result<String, BuildError> {
        let mut url = self.url.to_string();
        for (name, value) in variables {
            let placeholder = format!("{{{name}}}");
            let Some(at) = url.find(&placeholder) else {
                continue;
            };
            let in_path = url[..at].contains("://")
                && url[..at]
                    .split("://")
                    .nth(1)
                    .is_some_and(|rest| rest.contains('/'));
            let value = if url == placeholder {
                value.to_string()
            } else if in_path {
                encode_path_segment(value)
                    .map_err(|e| BuildError(format!("server variable {name}: {e}")))?
            } else if !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
            {
                value.to_string()
            } else {
                return Err(BuildError(format!(
                    "server variable {name}: {value:?} is not a valid host part"
                )));
            };
            url = url.replacen(&placeholder, &value, 1);
        }
        Ok(url)
    }
}

/// Configures a client; from `Client::production()`, `Client::with_base_url()`
/// and the other constructors of a generated client.
pub struct ClientBuilder<A> {
    base_url: Result<String, BuildError>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    headers: Vec<(String, String)>,
    credentials: BTreeMap<&'static str, Arc<dyn CredentialProvider>>,
    every_request: bool,
    problems: Vec<String>,
    retry: RetryPolicy,
    #[cfg(feature = "middleware")]
    middleware: Option<reqwest_middleware::ClientWithMiddleware>,
    api: PhantomData<fn() -> A>,
}

impl<A> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials.keys().collect::<Vec<_>>())
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<A: Api> ClientBuilder<A> {
    /// A builder for any base URL (a mock server, a proxy, a new region).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self::from_result(Ok(base_url.into()))
    }

    /// A builder for a server of the spec, with its variables.
    pub fn for_server(server: ServerInfo, variables: &[(&str, &str)]) -> Self {
        Self::from_result(server.resolve(variables))
    }

    fn from_result(base_url: Result<String, BuildError>) -> Self {
        ClientBuilder {
            base_url,
            http: None,
            timeout: Some(Duration::from_secs(30)),
            connect_timeout: Some(Duration::from_secs(10)),
            user_agent: None,
            headers: Vec::new(),
            credentials: BTreeMap::new(),
            every_request: false,
            problems: Vec::new(),
            retry: RetryPolicy::default(),
            #[cfg(feature = "middleware")]
            middleware: None,
            api: PhantomData,
        }
    }

    /// Sends every attempt through this `reqwest-middleware` chain (feature
    /// `middleware`): your own layers see each attempt of each call, after
    /// this client has put in its headers and credentials. The chain's
    /// `reqwest::Client` is used as it is (its timeouts and user agent);
    /// retries stay this client's, so leave retry middleware out.
    #[cfg(feature = "middleware")]
    pub fn middleware(mut self, client: reqwest_middleware::ClientWithMiddleware) -> Self {
        self.middleware = Some(client);
        self
    }

    /// Uses this `reqwest::Client` (connection pool, proxy, TLS settings).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Time allowed for each attempt, from sending to the end of the body
    /// (30 s unless set; `None` waits forever).
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// Time allowed to connect (10 s unless set). Ignored with `http_client`.
    pub fn connect_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.connect_timeout = timeout.into();
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request; replaces a default of the same
    /// name (for instance an API version the spec sets).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The retry policy; [`RetryPolicy::none`] turns retries off.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The credential for the security scheme named `scheme` in the spec.
    pub fn credential(mut self, scheme: &str, provider: impl CredentialProvider + 'static) -> Self {
        match A::INFO.schemes.iter().find(|s| s.name == scheme) {
            Some(s) => {
                self.credentials.insert(s.name, Arc::new(provider));
            }
            None => self
                .problems
                .push(format!("the API has no security scheme named {scheme:?}")),
        }
        self
    }

    /// Sends every configured credential on every request, also on the
    /// operations the document says need none: for a server that requires
    /// credentials its document does not declare (a `security: []` where
    /// the server wants basic auth). Without it, a credential for a scheme
    /// no operation asks for is refused by `build`, never silently dropped.
    pub fn authenticate_every_request(mut self) -> Self {
        self.every_request = true;
        self
    }

    fn credential_of_kind(
        self,
        what: &str,
        matches: fn(&SchemeKind) -> bool,
        provider: impl CredentialProvider + 'static,
    ) -> Self {
        let found: Vec<&'static str> = A::INFO
            .schemes
            .iter()
            .filter(|s| matches(&s.kind))
            .map(|s| s.name)
            .collect();
        match found.as_slice() {
            [one] => self.credential(one, provider),
            _ => {
                let mut this = self;
                let names: Vec<_> = A::INFO.schemes.iter().map(|s| s.name).collect();
                this.problems.push(format!(
                    "{} {what} schemes match; name one with .credential(scheme, ..) among {names:?}",
                    found.len()
                ));
                this
            }
        }
    }

    /// The token for the API's bearer scheme (HTTP bearer, OAuth2, OpenID).
    pub fn bearer_token(self, token: impl Into<Secret>) -> Self {
        self.bearer_provider(token.into())
    }

    /// A provider of the current bearer token, asked before every attempt.
    pub fn bearer_provider(self, provider: impl CredentialProvider + 'static) -> Self {
        self.credential_of_kind("bearer", |k| matches!(k, SchemeKind::Bearer), provider)
    }

    /// The key for the API's API-key scheme.
    pub fn api_key(self, key: impl Into<Secret>) -> Self {
        self.api_key_provider(key.into())
    }

    /// A provider of the current API key.
    pub fn api_key_provider(self, provider: impl CredentialProvider + 'static) -> Self {
        let is_key = |k: &SchemeKind| {
            matches!(
                k,
                SchemeKind::ApiKeyHeader(_)
                    | SchemeKind::ApiKeyQuery(_)
                    | SchemeKind::ApiKeyCookie(_)
            )
        };
        self.credential_of_kind("API key", is_key, provider)
    }

    /// User name and password for the API's HTTP basic scheme.
    pub fn basic_auth(self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        let creds = BasicCredentials {
            username: username.into(),
            password: password.into(),
        };
        self.credential_of_kind("basic", |k| matches!(k, SchemeKind::Basic), creds)
    }

    /// Builds the client, or says everything that is wrong with the setup.
    pub fn build(self) -> Result<A, BuildError> {
        let mut problems = self.problems;
        if !self.every_request {
            for scheme in A::INFO.schemes {
                if !scheme.used && self.credentials.contains_key(scheme.name) {
                    problems.push(format!(
                        "the credential for {:?} would never be sent: no operation of the API asks for that scheme; \
                         call .authenticate_every_request() to send it on every request anyway",
                        scheme.name
                    ));
                }
            }
        }
        let base_url = match self.base_url {
            Ok(url) => {
                let trimmed = url.trim_end_matches('/').to_string();
                match reqwest::Url::parse(&trimmed) {
                    Ok(u) if u.scheme() == "http" || u.scheme() == "https" => Some(trimmed),
                    _ => {
                        problems.push(format!(
                            "the base URL {url:?} is not an absolute http(s) URL"
                        ));
                        None
                    }
                }
            }
            Err(e) => {
                problems.push(e.0);
                None
            }
        };
        let mut headers = HeaderMap::new();
        let defaults = A::INFO
            .default_headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()));
        for (name, value) in defaults.chain(self.headers) {
            match (
                HeaderName::try_from(name.as_str()),
                HeaderValue::try_from(value.as_str()),
            ) {
                (Ok(n), Ok(v)) => {
                    headers.insert(n, v);
                }
                _ => problems.push(format!("the default header {name:?} is not a valid header")),
            }
        }
        let user_agent = self.user_agent.unwrap_or_else(|| {
            format!(
                "{}/{} (codegen-runtime)",
                A::INFO.title.replace(' ', "-"),
                A::INFO.version
            )
        });
        let http = match self.http {
            Some(client) => Some(client),
            None => {
                let mut b = reqwest::Client::builder().user_agent(user_agent);
                if let Some(t) = self.connect_timeout {
                    b = b.connect_timeout(t);
                }
                match b.build() {
                    Ok(c) => Some(c),
                    Err(e) => {
                        problems.push(format!("the HTTP client could not be created: {e}"));
                        None
                    }
                }
            }
        };
        let prepared = prepare_fixed_headers(A::INFO.schemes, &self.credentials);
        let transport = http.map(Transport::Plain);
        #[cfg(feature = "middleware")]
        let transport = match self.middleware {
            Some(chain) => Some(Transport::Middleware(chain)),
            None => transport,
        };
        match (base_url, transport) {
            (Some(base_url), Some(transport)) if problems.is_empty() => {
                Ok(A::from_core(ClientCore {
                    transport,
                    title: A::INFO.title,
                    base_url,
                    headers,
                    timeout: self.timeout,
                    credentials: self.credentials,
                    every_request: self.every_request,
                    prepared,
                    schemes: A::INFO.schemes,
                    retry: self.retry,
                }))
            }
            _ => Err(BuildError(problems.join("; "))),
        }
    }
}

/// The part of a generated client that talks HTTP. Its `Debug` shows the
/// configured schemes, never the credentials.
#[derive(Clone)]
pub struct ClientCore {
    transport: Transport,
    /// The API's title, for traces.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    title: &'static str,
    base_url: String,
    headers: HeaderMap,
    timeout: Option<Duration>,
    credentials: BTreeMap<&'static str, Arc<dyn CredentialProvider>>,
    /// Every credential goes on every request
    /// ([`ClientBuilder::authenticate_every_request`]).
    every_request: bool,
    /// The header of each scheme whose credential never changes, made once
    /// (marked sensitive) instead of on every request.
    prepared: BTreeMap<&'static str, (HeaderName, HeaderValue)>,
    schemes: &'static [SecurityScheme],
    retry: RetryPolicy,
}

/// Headers for the schemes whose credential is fixed. A value that is not a
/// valid header is left out, so the request reports it as before.
fn prepare_fixed_headers(
    schemes: &'static [SecurityScheme],
    credentials: &BTreeMap<&'static str, Arc<dyn CredentialProvider>>,
) -> BTreeMap<&'static str, (HeaderName, HeaderValue)> {
    let mut prepared = BTreeMap::new();
    for scheme in schemes {
        let Some(secret) = credentials.get(scheme.name).and_then(|p| p.fixed()) else {
            continue;
        };
        let Some((name, value)) = auth_header(scheme.kind, secret.expose()) else {
            continue;
        };
        if let (Ok(name), Ok(mut value)) =
            (HeaderName::try_from(name), HeaderValue::try_from(value))
        {
            value.set_sensitive(true);
            prepared.insert(scheme.name, (name, value));
        }
    }
    prepared
}

/// The header a scheme carried in a header puts on a request, as name and
/// value; `None` for query and cookie API keys.
fn auth_header(kind: SchemeKind, secret: &str) -> Option<(&'static str, String)> {
    match kind {
        SchemeKind::Bearer => Some((AUTHORIZATION.as_str(), format!("Bearer {secret}"))),
        SchemeKind::Basic => Some((
            AUTHORIZATION.as_str(),
            format!("Basic {}", base64(secret.as_bytes())),
        )),
        SchemeKind::ApiKeyHeader(name) => Some((name, secret.to_string())),
        SchemeKind::ApiKeyQuery(_) | SchemeKind::ApiKeyCookie(_) => None,
    }
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field(
                "credentials",
                &self
                    .credentials
                    .keys()
                    .map(|k| (k, "[redacted]"))
                    .collect::<BTreeMap<_, _>>(),
            )
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client for {}", self.base_url)
    }
}

#[cfg(test)]
mod tests;
