//! Credentials: secrets that never print, and providers that hand out the
//! current token so short-lived tokens can be refreshed without rebuilding
//! the client.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A credential value. `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Arc::from(value.into()))
    }

    /// The secret itself, for putting on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

/// A user name and password for HTTP basic authentication.
#[derive(Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    pub username: String,
    pub password: Secret,
}

impl fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("username", &self.username)
            .field("password", &self.password)
            .finish()
    }
}

/// A boxed future, as returned by [`CredentialProvider::credential`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An error a credential provider reports (a failed token refresh, say).
pub type ProviderError = Box<dyn std::error::Error + Send + Sync>;

/// Hands out the current credential for one security scheme. It is asked
/// before every attempt of every request, so an implementation can cache a
/// short-lived OAuth2 token and refresh it when it nears expiry.
///
/// For HTTP basic schemes the secret is `user:password`; see
/// [`BasicCredentials`].
pub trait CredentialProvider: Send + Sync {
    fn credential(&self) -> BoxFuture<'_, Result<Secret, ProviderError>>;

    /// The credential, when it never changes: the client then reads it in
    /// place instead of awaiting (and allocating) a future per request.
    fn fixed(&self) -> Option<&Secret> {
        None
    }
}

impl CredentialProvider for Secret {
    fn credential(&self) -> BoxFuture<'_, Result<Secret, ProviderError>> {
        let secret = self.clone();
        Box::pin(async move { Ok(secret) })
    }

    fn fixed(&self) -> Option<&Secret> {
        Some(self)
    }
}

impl CredentialProvider for BasicCredentials {
    fn credential(&self) -> BoxFuture<'_, Result<Secret, ProviderError>> {
        let joined = Secret::new(format!("{}:{}", self.username, self.password.expose()));
        Box::pin(async move { Ok(joined) })
    }
}

/// Any async closure returning a token works as a provider.
impl<F, Fut> CredentialProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<Secret, ProviderError>> + Send + 'static,
{
    fn credential(&self) -> BoxFuture<'_, Result<Secret, ProviderError>> {
        Box::pin((self)())
    }
}
