//! Changes to what every call shares: the client's server constructors, the
//! credentials it can be given, the headers every request carries, and the
//! notification parsers.

use super::{Changes, Side};
use crate::diagnostics::child;
use crate::model::{Api, SchemeKind};

pub(super) fn compare(old: &Api, new: &Api, out: &mut Changes) {
    if old.api_trait != new.api_trait {
        out.breaking(
            &new.api_trait,
            format!(
                "the API trait is `{}` (was `{}`)",
                new.api_trait, old.api_trait
            ),
            Side::New,
            "#/info/title",
        );
    }
    for (i, s) in new.servers.iter().enumerate() {
        let item = format!("Client::{}", s.name);
        let at = format!("#/servers/{i}");
        match old.servers.iter().find(|o| o.name == s.name) {
            None => out.additive(&item, format!("new server: {}", s.url), Side::New, &at),
            Some(o) if o.url != s.url => out.breaking(
                &item,
                format!("sends requests to {} (was {})", s.url, o.url),
                Side::New,
                &at,
            ),
            Some(o) => {
                let names = |v: &[crate::model::ServerVariable]| {
                    v.iter().map(|v| v.name.clone()).collect::<Vec<_>>()
                };
                if names(&o.variables) != names(&s.variables) {
                    out.breaking(&item, "its URL's variables changed".into(), Side::New, &at);
                }
            }
        }
    }
    for (i, o) in old.servers.iter().enumerate() {
        if !new.servers.iter().any(|s| s.name == o.name) {
            out.breaking(
                &format!("Client::{}", o.name),
                format!("server constructor removed ({})", o.url),
                Side::Old,
                &format!("#/servers/{i}"),
            );
        }
    }
    for s in &new.security_schemes {
        let item = format!("credential `{}`", s.name);
        let at = child("#/components/securitySchemes", &s.name);
        match old.security_schemes.iter().find(|o| o.name == s.name) {
            None => out.additive(
                &item,
                format!("new scheme: {}", kind(&s.kind)),
                Side::New,
                &at,
            ),
            Some(o) if o.kind != s.kind => out.breaking(
                &item,
                format!("is {} (was {})", kind(&s.kind), kind(&o.kind)),
                Side::New,
                &at,
            ),
            Some(_) => {}
        }
    }
    for o in &old.security_schemes {
        if !new.security_schemes.iter().any(|s| s.name == o.name) {
            out.breaking(
                &format!("credential `{}`", o.name),
                "scheme removed".into(),
                Side::Old,
                &child("#/components/securitySchemes", &o.name),
            );
        }
    }
    if old.default_headers != new.default_headers {
        let show = |h: &[(String, String)]| {
            h.iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.breaking(
            "Client",
            format!(
                "every request carries [{}] (was [{}])",
                show(&new.default_headers),
                show(&old.default_headers)
            ),
            Side::New,
            "#/info",
        );
    }
    for w in &new.webhooks {
        let at = child("#/webhooks", &w.wire_name);
        match old.webhooks.iter().find(|o| o.parser == w.parser) {
            None => out.additive(&w.parser, "new notification parser".into(), Side::New, &at),
            Some(o) if !out.same_ref(&o.payload, &w.payload) => out.breaking(
                &w.parser,
                format!(
                    "parses `{}` (was `{}`)",
                    out.new_spelling(&w.payload),
                    out.old_spelling(&o.payload)
                ),
                Side::New,
                &at,
            ),
            Some(_) => {}
        }
    }
    for o in &old.webhooks {
        if !new.webhooks.iter().any(|w| w.parser == o.parser) {
            out.breaking(
                &o.parser,
                "notification parser removed".into(),
                Side::Old,
                &child("#/webhooks", &o.wire_name),
            );
        }
    }
}

fn kind(k: &SchemeKind) -> String {
    match k {
        SchemeKind::Bearer => "a bearer token".into(),
        SchemeKind::Basic => "basic authentication".into(),
        SchemeKind::ApiKeyHeader(h) => format!("an API key in header `{h}`"),
        SchemeKind::ApiKeyQuery(q) => format!("an API key in query parameter `{q}`"),
        SchemeKind::ApiKeyCookie(c) => format!("an API key in cookie `{c}`"),
    }
}
