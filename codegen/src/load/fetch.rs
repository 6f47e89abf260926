//! Reading a document from where it is served (`codegen generate
//! http://127.0.0.1:8000/openapi.json`), and the files it references
//! relative to it.
//!
//! The network is reached only where the user pointed: the document's URL,
//! redirects and references on that URL's origin (scheme, host and port).
//! A reference to another origin, or any `http(s)` reference inside a
//! document read from a file, is refused with its location unless remote
//! references are allowed (`--allow-remote-refs`,
//! `Config::allow_remote_refs(true)`), so a document cannot make a build
//! reach an address of its choosing. Every answer is bounded in time
//! ([`TIMEOUT`]) and size ([`SIZE_LIMIT`]), and every failure is an error
//! naming the URL, never a panic.

use std::time::Duration;

use serde_json::Value;

/// How long one document may take, from connecting to its last byte.
pub const TIMEOUT: Duration = Duration::from_secs(60);
/// The largest document read (64 MiB; GitHub's description is 13 MB).
pub const SIZE_LIMIT: u64 = 64 * 1024 * 1024;
/// Redirects followed within the origin.
const MAX_REDIRECTS: usize = 5;

/// Whether a spec names a URL to fetch rather than a file.
pub fn is_url(spec: &str) -> bool {
    let lower = spec.get(..8).unwrap_or(spec).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// An `http` or `https` URL: lower-case scheme and host, default port
/// dropped, no fragment; `path` keeps its query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Url {
    scheme: String,
    authority: String,
    path: String,
}

impl Url {
    /// Parses an absolute `http(s)` URL.
    pub fn parse(text: &str) -> Result<Url, String> {
        let text = text.trim();
        let without_fragment = text.split('#').next().unwrap_or_default();
        let (scheme, rest) = without_fragment
            .split_once("://")
            .ok_or_else(|| format!("{text:?} is not an http or https URL"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(format!(
                "{text:?}: only http and https URLs are read, not {scheme}"
            ));
        }
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        if authority.contains('@') {
            return Err(format!(
                "{text:?}: a URL with credentials in it is refused (they would be written into the generated files); serve the document without them"
            ));
        }
        if authority.is_empty() || authority.chars().any(|c| c.is_whitespace() || c == '\\') {
            return Err(format!("{text:?} has no valid host"));
        }
        if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(format!(
                "{text:?}: the path holds spaces or control characters"
            ));
        }
        let mut authority = authority.to_ascii_lowercase();
        let default_port = if scheme == "http" { ":80" } else { ":443" };
        if let Some(host) = authority.strip_suffix(default_port) {
            authority = host.to_string();
        }
        let path = match path {
            "" => "/".to_string(),
            p if p.starts_with('?') => format!("/{p}"),
            p => p.to_string(),
        };
        Ok(Url {
            scheme,
            authority,
            path,
        })
    }

    /// `scheme://host[:port]`.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }

    /// `reference` (a URI reference without its fragment) resolved against
    /// this URL (RFC 3986, section 5.2).
    pub fn join(&self, reference: &str) -> Result<Url, String> {
        let reference = reference.split('#').next().unwrap_or_default();
        if let Some((scheme, _)) = reference.split_once(':')
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return Url::parse(reference);
        }
        if let Some(rest) = reference.strip_prefix("//") {
            return Url::parse(&format!("{}://{rest}", self.scheme));
        }
        let (own_path, _) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let path = if reference.is_empty() {
            self.path.clone()
        } else if reference.starts_with('?') {
            format!("{own_path}{reference}")
        } else if reference.starts_with('/') {
            remove_dot_segments(reference)
        } else {
            let dir = &own_path[..own_path.rfind('/').map_or(0, |i| i + 1)];
            remove_dot_segments(&format!("{dir}{reference}"))
        };
        Ok(Url {
            scheme: self.scheme.clone(),
            authority: self.authority.clone(),
            path: if path.starts_with('/') {
                path
            } else {
                format!("/{path}")
            },
        })
    }

    /// The last path segment without its extension (`openapi` of
    /// `/api/openapi.json`), to name the module.
    pub fn stem(&self) -> Option<&str> {
        let (path, _) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let last = path.rsplit('/').next().filter(|s| !s.is_empty())?;
        Some(
            last.split('.')
                .next()
                .filter(|s| !s.is_empty())
                .unwrap_or(last),
        )
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.authority, self.path)
    }
}

/// RFC 3986, section 5.2.4, on a path that may carry a query.
fn remove_dot_segments(path: &str) -> String {
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | ".." => {
                if *segment == ".." && out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut joined = out.join("/");
    if !joined.starts_with('/') {
        joined.insert(0, '/');
    }
    match query {
        Some(q) => format!("{joined}?{q}"),
        None => joined,
    }
}

/// Fetches documents, each bounded in time and size.
pub struct Fetcher {
    agent: ureq::Agent,
    limit: u64,
    timeout: Duration,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new(TIMEOUT, SIZE_LIMIT)
    }
}

impl Fetcher {
    pub fn new(timeout: Duration, limit: u64) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            // Statuses and redirects are read here: a redirect is followed
            // only within the origin.
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("codegen/", env!("CARGO_PKG_VERSION")))
            .build();
        Fetcher {
            agent: config.into(),
            limit,
            timeout,
        }
    }

    /// The text at `url` and the URL it was finally read from (after
    /// redirects within the origin): the base of its relative references.
    pub fn get(&self, url: &Url) -> Result<(Url, String), String> {
        let mut at = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            let response = self
                .agent
                .get(at.to_string())
                .header(
                    "Accept",
                    "application/json, application/yaml;q=0.9, */*;q=0.5",
                )
                .call()
                .map_err(|e| self.describe(&at, e))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .ok_or_else(|| {
                        format!("{at} answered HTTP {status} without a Location to follow")
                    })?;
                let next = at.join(location).map_err(|e| {
                    format!("{at} redirects to {location:?}, which cannot be followed: {e}")
                })?;
                if next.origin() != url.origin() {
                    return Err(format!(
                        "{at} redirects to {next}, on another origin; it is not followed: give that URL if it is the one you mean"
                    ));
                }
                at = next;
                continue;
            }
            if !status.is_success() {
                let reason = status.canonical_reason().unwrap_or_default();
                return Err(format!(
                    "{at} answered HTTP {} {reason}; expected 200 with the document",
                    status.as_u16()
                ));
            }
            if let Some(length) = response
                .headers()
                .get("content-length")
                .and_then(|l| l.to_str().ok()?.trim().parse::<u64>().ok())
                && length > self.limit
            {
                return Err(self.too_large(&at));
            }
            let bytes = response
                .into_body()
                .with_config()
                .limit(self.limit)
                .read_to_vec()
                .map_err(|e| self.describe(&at, e))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                format!(
                    "{at}: the document is not UTF-8 (byte {} is not valid)",
                    e.utf8_error().valid_up_to()
                )
            })?;
            return Ok((at, text));
        }
        Err(format!(
            "{url} redirects more than {MAX_REDIRECTS} times; it is not followed further"
        ))
    }

    /// Fetches and parses a referenced document (YAML or JSON).
    pub fn get_value(&self, url: &Url) -> Result<(Url, Value), String> {
        let (at, text) = self.get(url)?;
        let value = if text.trim_start().starts_with('{') {
            serde_json::from_str(&text).map_err(|e| format!("{at}: invalid JSON: {e}"))?
        } else {
            serde_yaml::from_str(&text).map_err(|e| format!("{at}: invalid YAML: {e}"))?
        };
        Ok((at, value))
    }

    fn too_large(&self, url: &Url) -> String {
        format!(
            "{url}: the document is larger than {} (the limit); download it and generate from the file",
            size(self.limit)
        )
    }

    fn describe(&self, url: &Url, error: ureq::Error) -> String {
        use std::io::ErrorKind;
        match error {
            ureq::Error::BodyExceedsLimit(_) => self.too_large(url),
            ureq::Error::Timeout(_) => format!(
                "{url}: no complete answer within {} s (the timeout)",
                self.timeout.as_secs_f64()
            ),
            ureq::Error::Io(e) if e.kind() == ErrorKind::ConnectionRefused => format!(
                "cannot fetch {url}: connection refused (is the server running, on that port?)"
            ),
            ureq::Error::Io(e) if e.kind() == ErrorKind::TimedOut => format!(
                "{url}: no complete answer within {} s (the timeout)",
                self.timeout.as_secs_f64()
            ),
            ureq::Error::HostNotFound => format!("cannot fetch {url}: the host is not found"),
            other => format!("cannot fetch {url}: {other}"),
        }
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// Relative server URLs of a document read from `base` made absolute
/// against it, and a document without servers given the one OpenAPI
/// implies (`/`, the document's origin), named `served` unless it has a
/// name: each is a constructor that reaches the server the document came
/// from.
pub fn absolute_servers(raw: &mut Value, base: &Url) {
    let Some(root) = raw.as_object_mut() else {
        return;
    };
    let servers = root
        .entry("servers")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(list) = servers else {
        return;
    };
    if list.is_empty() {
        list.push(serde_json::json!({"url": "/"}));
    }
    let mut named = false;
    for server in list.iter_mut() {
        let Some(server) = server.as_object_mut() else {
            continue;
        };
        let Some(url) = server
            .get("url")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            continue;
        };
        if is_url(&url) || url.contains('{') {
            continue;
        }
        let Ok(absolute) = base.join(&url) else {
            continue;
        };
        // `/api/` and `/api` are one base: no trailing slash.
        let text = absolute.to_string();
        let text = match text.strip_suffix('/') {
            Some(t) if !t.ends_with(':') && !t.ends_with('/') => t.to_string(),
            _ => text,
        };
        server.insert("url".into(), Value::String(text));
        let has_name = server.contains_key("description")
            || server.contains_key(super::ext::SERVER_NAME)
            || server.contains_key("name");
        if !has_name && !named {
            server.insert(
                super::ext::SERVER_NAME.into(),
                Value::String("served".into()),
            );
            server.insert(
                "description".into(),
                Value::String(format!(
                    "Where the document was read from ({} relative to {base})",
                    if url.is_empty() { "/" } else { url.as_str() }
                )),
            );
            named = true;
        }
    }
}
