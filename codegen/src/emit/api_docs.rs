//! Sections of the `Client` docs for what a spec says beyond operations:
//! where OAuth2 tokens come from (device authorization included) and which
//! schemes are deprecated, and the tag hierarchy with its cargo features.
//! Each section is there only when the spec has something for it.

use crate::model::{Api, Docs, Tag};

/// Extra doc lines of `Client` (each with its leading space), possibly none.
pub fn lines(api: &Api) -> Vec<String> {
    let mut out = Vec::new();
    let schemes: Vec<String> = api
        .security_schemes
        .iter()
        .filter(|s| s.deprecated || !s.flows.is_empty())
        .map(|s| {
            let mut line = format!("- `{}`", s.name.replace('`', "'"));
            let flows: Vec<String> = s
                .flows
                .iter()
                .map(|f| {
                    let at: Vec<String> = f
                        .endpoints
                        .iter()
                        .map(|(what, url)| {
                            // An autolink needs a scheme; `</token>` would be an HTML tag.
                            if url.contains("://") {
                                format!("{what} at <{}>", url.replace(['<', '>'], ""))
                            } else {
                                format!("{what} at {}", crate::shared::code_span(url))
                            }
                        })
                        .collect();
                    if at.is_empty() {
                        f.grant.clone()
                    } else {
                        format!("{} ({})", f.grant, at.join(", "))
                    }
                })
                .collect();
            if !flows.is_empty() {
                line.push_str(&format!(": {}", flows.join("; ")));
            }
            line.push('.');
            if s.deprecated {
                line.push_str(" **Deprecated**: the API may stop accepting it.");
            }
            line
        })
        .collect();
    if !schemes.is_empty() {
        out.push(String::new());
        out.push("# Authentication".into());
        out.push(String::new());
        out.push(
            "Tokens of OAuth2 and OpenID Connect schemes are bearer tokens: get them from the endpoints below and give them with `bearer_token` or, to refresh, `bearer_provider`.".into(),
        );
        out.push(String::new());
        out.extend(schemes);
    }
    if api
        .tags
        .iter()
        .any(|t| t.parent.is_some() || t.summary.is_some() || t.kind.is_some())
    {
        out.push(String::new());
        out.push("# Tags".into());
        out.push(String::new());
        out.push("Each tag has a cargo feature (with per-tag features on); a tag's feature turns on those of the tags nested under it.".into());
        out.push(String::new());
        let roots: Vec<&Tag> = api.tags.iter().filter(|t| t.parent.is_none()).collect();
        for tag in roots {
            tree(api, tag, 0, &mut out);
        }
    }
    out.into_iter()
        .map(|l| if l.is_empty() { l } else { format!(" {l}") })
        .collect()
}

fn tree(api: &Api, tag: &Tag, depth: usize, out: &mut Vec<String>) {
    if depth > api.tags.len() {
        return;
    }
    let kind = tag
        .kind
        .as_ref()
        .map(|k| format!(", {}", k.replace(['`', '[', ']', '<', '>'], "")))
        .unwrap_or_default();
    let mut line = format!(
        "{}- `{}` (`{}`{kind})",
        "  ".repeat(depth),
        tag.name.replace('`', "'"),
        crate::ident::feature(&tag.name)
    );
    let summary = tag.summary.as_ref().or(tag.description.as_ref());
    if let Some(summary) = summary {
        let text = super::docs::lines(&Docs {
            summary: Some(summary.clone()),
            ..Docs::default()
        });
        let first = text
            .first()
            .map(|l| l.trim().to_string())
            .unwrap_or_default();
        if !first.is_empty() {
            line.push_str(&format!(": {first}"));
        }
    }
    out.push(line);
    for child in api
        .tags
        .iter()
        .filter(|t| t.parent.as_deref() == Some(tag.name.as_str()))
    {
        tree(api, child, depth + 1, out);
    }
}
