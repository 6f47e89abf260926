//! How a [`ClientCore`] sends a request: the URL, headers and
//! credentials of each attempt, the retries its policy allows, and the
//! answer's body read whole.

use std::time::{Duration, Instant};

use reqwest::header::{COOKIE, HeaderMap, HeaderName, HeaderValue};

use super::{ClientCore, SchemeKind, auth_header};
use crate::error::Error;
use crate::request::RequestParts;
use crate::response::RawResponse;
use crate::retry::retry_after;
use crate::trace;
use crate::transport::Failure;

impl ClientCore {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends a request, retrying when the policy and the request allow it,
    /// and returns the answer whatever its status.
    pub async fn send<E>(&self, parts: RequestParts) -> Result<RawResponse, Error<E>> {
        let response = self.exchange(&parts, false).await?;
        Self::read(response, &parts).await
    }

    /// Sends a request, retrying as the policy and the request allow, and
    /// returns the last answer with its body unread (inside the call's span
    /// when traced). A `streaming` request has no overall timeout unless
    /// its call set one: its body may last as long as the server sends.
    pub(crate) async fn exchange<E>(
        &self,
        parts: &RequestParts,
        streaming: bool,
    ) -> Result<reqwest::Response, Error<E>> {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            let span = crate::trace::span(self.title, parts);
            // No subscriber wants it: the call is not wrapped or timed.
            if span.is_disabled() {
                return self.attempts(parts, streaming, false).await;
            }
            self.attempts(parts, streaming, true).instrument(span).await
        }
        #[cfg(not(feature = "tracing"))]
        self.attempts(parts, streaming, false).await
    }

    /// The attempts of one request; `traced`: its span records the time.
    async fn attempts<E>(
        &self,
        parts: &RequestParts,
        streaming: bool,
        traced: bool,
    ) -> Result<reqwest::Response, Error<E>> {
        if let Some(problem) = parts.problem() {
            return Err(Error::InvalidRequest(problem));
        }
        let mut url = Some(self.url(parts)?);
        let policy = parts.retry.as_ref().unwrap_or(&self.retry);
        let may_retry = parts.may_retry() && policy.max_attempts > 1;
        // Only a request that may be retried (or is traced) needs its start time.
        let started = (may_retry || traced).then(Instant::now);
        let elapsed = || started.map_or(Duration::ZERO, |s| s.elapsed());
        let mut attempts = 0;
        loop {
            attempts += 1;
            // A request that is not retried takes the URL; one that may be,
            // a copy for each attempt.
            let this_url = if may_retry { url.clone() } else { url.take() };
            let this_url = this_url.ok_or_else(|| {
                Error::InvalidRequest("internal error: a request without retries retried".into())
            })?;
            let mut request = self.build_request(parts, this_url).await?;
            // The client's timeout is not for a stream; the call's own is,
            // body included.
            if streaming && parts.timeout.is_none() {
                *request.timeout_mut() = None;
            }
            let wait = match self.transport.execute(request).await {
                Ok(response) => {
                    let status = response.status();
                    let asked = retry_after(response.headers());
                    let wait = (may_retry && policy.retries_status(status))
                        .then(|| policy.delay(attempts, elapsed(), asked))
                        .flatten();
                    match wait {
                        Some(wait) => {
                            trace::retrying(attempts, wait, status.as_str(), asked.is_some());
                            wait
                        }
                        None => {
                            trace::finished(Some(status.as_u16()), attempts, elapsed());
                            return Ok(response);
                        }
                    }
                }
                Err(Failure::Layer(e)) => {
                    trace::finished(None, attempts, elapsed());
                    return Err(Error::Middleware(e));
                }
                Err(Failure::Http(e)) => {
                    let retry = may_retry && policy.retry_connect_errors && e.is_connect();
                    match retry
                        .then(|| policy.delay(attempts, elapsed(), None))
                        .flatten()
                    {
                        Some(wait) => {
                            trace::retrying(attempts, wait, "connect error", false);
                            wait
                        }
                        None => {
                            trace::finished(None, attempts, elapsed());
                            return Err(transport_error(e));
                        }
                    }
                }
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// Reads an answer's whole body.
    pub(crate) async fn read<E>(
        mut response: reqwest::Response,
        parts: &RequestParts,
    ) -> Result<RawResponse, Error<E>> {
        let status = response.status();
        // Taken, not cloned: the body no longer needs them.
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await.map_err(transport_error)?;
        let idempotency_key = parts.idempotency.as_ref().map(|(_, key)| key.clone());
        Ok(RawResponse {
            status,
            headers,
            body,
            idempotency_key,
        })
    }

    /// The request's URL: the base URL, the filled path and the query as
    /// built, byte for byte (its characters are ones URL parsers leave
    /// alone), after a query the path template had; parsed once.
    fn url<E>(&self, parts: &RequestParts) -> Result<reqwest::Url, Error<E>> {
        let (base, path, query) = (&self.base_url, &parts.path, &parts.query);
        let parse = |text: &str| {
            reqwest::Url::parse(text)
                .map_err(|e| Error::InvalidRequest(format!("the URL could not be formed: {e}")))
        };
        let text = match path.split_once('?') {
            _ if query.is_empty() => format!("{base}{path}"),
            // A `#` (a literal one that allowReserved keeps) would start a
            // fragment: the query is set apart, where it is encoded.
            _ if path.contains('#') || query.contains('#') => {
                let mut url = parse(&format!("{base}{path}"))?;
                let query = match url.query().filter(|q| !q.is_empty()) {
                    Some(existing) => format!("{existing}&{query}"),
                    None => query.clone(),
                };
                url.set_query(Some(&query));
                return Ok(url);
            }
            None => format!("{base}{path}?{query}"),
            Some((_, "")) => format!("{base}{path}{query}"),
            Some(_) => format!("{base}{path}&{query}"),
        };
        parse(&text)
    }

    async fn build_request<E>(
        &self,
        parts: &RequestParts,
        mut url: reqwest::Url,
    ) -> Result<reqwest::Request, Error<E>> {
        let mut headers = self.headers.clone();
        let mut cookies = parts.cookies.clone();
        for (name, value) in &parts.headers {
            insert_header(&mut headers, name, value, false)?;
        }
        if let Some((name, key)) = &parts.idempotency {
            insert_header(&mut headers, name, key, false)?;
        }
        let alternative = self.pick_security(parts.security)?.unwrap_or_default();
        // Credentials sent on every request go first, so that the ones the
        // operation asks for win where both set the same header.
        let everywhere = self
            .credentials
            .keys()
            .filter(|name| self.every_request && !alternative.contains(name));
        for scheme in everywhere
            .chain(alternative)
            .filter_map(|n| self.schemes.iter().find(|s| s.name == *n))
        {
            if let Some((name, value)) = self.prepared.get(scheme.name) {
                headers.insert(name.clone(), value.clone());
                continue;
            }
            let Some(provider) = self.credentials.get(scheme.name) else {
                continue;
            };
            let fetched;
            let secret = match provider.fixed() {
                Some(secret) => secret.expose(),
                None => {
                    trace::fetching_credentials(scheme.name);
                    fetched = provider
                        .credential()
                        .await
                        .map_err(|source| Error::Credentials {
                            scheme: scheme.name,
                            source,
                        })?;
                    fetched.expose()
                }
            };
            if let Some((name, value)) = auth_header(scheme.kind, secret) {
                insert_header(&mut headers, name, &value, true)?;
            }
            match scheme.kind {
                SchemeKind::ApiKeyQuery(name) => {
                    url.query_pairs_mut().append_pair(name, secret);
                }
                SchemeKind::ApiKeyCookie(name) => cookies.push(format!("{name}={secret}")),
                _ => {}
            }
        }
        if !cookies.is_empty() {
            insert_header(&mut headers, COOKIE.as_str(), &cookies.join("; "), true)?;
        }
        let mut request = reqwest::Request::new(parts.method.clone(), url);
        if let Some((content_type, body)) = &parts.body {
            let content_type: &str = content_type;
            insert_header(&mut headers, "content-type", content_type, false)?;
            *request.body_mut() = Some(body.clone().into());
        }
        // The caller's headers for this call go last: they win.
        for (name, value) in &parts.extra_headers {
            let secret = ["authorization", "proxy-authorization", "cookie"]
                .iter()
                .any(|s| name.eq_ignore_ascii_case(s));
            insert_header(&mut headers, name, value, secret)?;
        }
        *request.headers_mut() = headers;
        *request.timeout_mut() = parts.timeout.or(self.timeout);
        Ok(request)
    }

    /// The first alternative whose schemes all have credentials; else the
    /// first whose other schemes are ones the client cannot apply itself
    /// (not in the API's `schemes`: an HTTP scheme other than basic and
    /// bearer, mutual TLS), which the caller authenticates with a default
    /// header or its HTTP client, as the generator's warning says.
    fn pick_security<E>(
        &self,
        requirement: &'static [&'static [&'static str]],
    ) -> Result<Option<&'static [&'static str]>, Error<E>> {
        if requirement.is_empty() {
            return Ok(None);
        }
        let configured = |name: &&str| self.credentials.contains_key(name);
        let foreign = |name: &&str| !self.schemes.iter().any(|s| s.name == *name);
        requirement
            .iter()
            .find(|alt| alt.iter().all(configured))
            .or_else(|| {
                requirement
                    .iter()
                    .find(|alt| alt.iter().all(|name| configured(name) || foreign(name)))
            })
            .map(|alt| Some(*alt))
            .ok_or_else(|| {
                let wanted: Vec<String> = requirement.iter().map(|alt| alt.join(" + ")).collect();
                Error::InvalidRequest(format!(
                    "no credentials configured for this operation; it needs one of: {}",
                    wanted.join(", ")
                ))
            })
    }
}

fn insert_header<E>(
    headers: &mut HeaderMap,
    name: &str,
    value: &str,
    sensitive: bool,
) -> Result<(), Error<E>> {
    let name = HeaderName::try_from(name)
        .map_err(|_| Error::InvalidRequest(format!("{name:?} is not a valid header name")))?;
    let mut value = HeaderValue::try_from(value).map_err(|_| {
        Error::InvalidRequest(format!(
            "the value of header {name} contains a line break or control character"
        ))
    })?;
    value.set_sensitive(sensitive);
    headers.insert(name, value);
    Ok(())
}

fn transport_error<E>(e: reqwest::Error) -> Error<E> {
    if e.is_timeout() {
        Error::Timeout(e)
    } else {
        Error::Transport(e)
    }
}
