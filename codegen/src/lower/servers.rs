//! Servers: the base URLs an API is reached at, and their constructors' names.

use super::Lowerer;
use crate::diagnostics::child;
use crate::ident::{self, RustIdent, Scope};
use crate::load::ext;
use crate::model::{Server, ServerVariable};

impl<'a> Lowerer<'a> {
    pub(super) fn server_names(&self) -> Vec<String> {
        let mut scope = Scope::new();
        for reserved in super::operations::CLIENT_METHODS {
            scope.reserve(reserved);
        }
        self.doc
            .spec
            .servers
            .iter()
            .enumerate()
            .map(|(i, server)| {
                let from_description = server
                    .description
                    .as_deref()
                    .map(ident::snake)
                    .filter(|n| n.len() <= 40 && n != "field");
                let name = server_name(server).or(from_description);
                let fallback = if is_absolute(&server.url) {
                    format!("server_{}", i + 1).into()
                } else {
                    "at_origin".into()
                };
                scope.claim(&name.unwrap_or(fallback))
            })
            .collect()
    }

    pub(super) fn servers(&mut self) -> Vec<Server> {
        let names = self.server_names();
        let mut servers = Vec::new();
        for (i, (server, name)) in self.doc.spec.servers.iter().zip(names).enumerate() {
            let pointer = child("#/servers", &i.to_string());
            let relative = !is_absolute(&server.url);
            if relative && server.url.contains('{') {
                self.warn(&child(&pointer, "url"), format!("server URL {:?} is relative and has variables; no constructor is generated for it (use Client::with_base_url)", server.url));
                continue;
            }
            // A relative URL is a path on the origin the constructor takes
            // (documents read from a URL have theirs resolved when loaded).
            let url = if relative {
                let path = server.url.trim_start_matches("./").trim_end_matches('/');
                let path = path.strip_prefix('.').unwrap_or(path);
                match path {
                    "" => String::new(),
                    p if p.starts_with('/') => p.to_string(),
                    p => format!("/{p}"),
                }
            } else {
                server.url.clone()
            };
            let mut scope = Scope::new();
            let variables = server
                .variables
                .iter()
                .flatten()
                .filter(|(wire, _)| server.url.contains(&format!("{{{wire}}}")))
                .map(|(wire, v)| ServerVariable {
                    name: scope.claim(&ident::snake(wire)).into(),
                    wire_name: wire.clone(),
                    default: v.default.clone(),
                    description: v.description.clone(),
                    allowed: v.enumeration.clone(),
                })
                .collect();
            servers.push(Server {
                name: name.into(),
                url,
                description: server.description.clone(),
                variables,
                relative,
            });
        }
        servers
    }
}

/// Whether a server URL is absolute (or a variable that is the whole URL).
fn is_absolute(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with('{')
}

/// The name of the constructor for a server: its `name` (3.2), made a Rust name.
pub(super) fn server_name(server: &openapiv3::Server) -> Option<RustIdent> {
    ext::text(&server.extensions, ext::SERVER_NAME)
        .map(ident::snake)
        .filter(|n| !n.is_empty() && n != "field")
}
