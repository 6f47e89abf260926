//! Doc comments from spec text. Descriptions are Markdown written for a
//! web page; rustdoc would run their code blocks as tests, warn about bare
//! URLs and unknown HTML tags, and read `[x]` as a link. This makes them
//! inert. The text goes into `#[doc = "..."]` string literals, so nothing in
//! it can ever become code.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// `#[doc]` attributes for `docs`, and a `#[deprecated]` when it says so.
pub fn attrs(docs: &Docs) -> TokenStream {
    let lines = lines(docs);
    let deprecated = docs.deprecated.then(|| quote!(#[deprecated]));
    quote! { #(#[doc = #lines])* #deprecated }
}

/// The doc lines, each with a leading space as `///` would give.
pub fn lines(docs: &Docs) -> Vec<String> {
    let mut paragraphs: Vec<&str> = Vec::new();
    if let Some(s) = &docs.summary {
        paragraphs.push(s);
    }
    if let Some(d) = &docs.description
        && docs.summary.as_deref() != Some(d.as_str())
    {
        paragraphs.push(d);
    }
    let mut out = Vec::new();
    for (i, p) in paragraphs
        .iter()
        .chain(
            docs.notes
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .iter(),
        )
        .enumerate()
    {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(markdown_lines(p));
    }
    out.into_iter()
        .map(|l| if l.is_empty() { l } else { format!(" {l}") })
        .collect()
}

fn markdown_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            // Every fence becomes a `text` block: never compiled as a doctest.
            out.push(if in_fence {
                "```".to_string()
            } else {
                "```text".to_string()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
            continue;
        }
        // Indented lines would be an (unfenced) code block: a doctest.
        out.push(escape_inline(trimmed));
    }
    if in_fence {
        out.push("```".to_string());
    }
    out
}

/// Escapes what rustdoc would interpret: link brackets, HTML-like tags,
/// emphasis and code marks, and bare URLs (wrapped in `<...>`).
fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        let url_start = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let before = &rest[..url_start.unwrap_or(rest.len())];
        for c in before.chars() {
            if matches!(
                c,
                '[' | ']' | '<' | '>' | '*' | '_' | '`' | '#' | '|' | '\\'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        rest = &rest[before.len()..];
        if url_start.is_some() {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']' | '`')
                })
                .unwrap_or(rest.len());
            let link = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(link);
            out.push('>');
            rest = &rest[link.len()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_made_inert() {
        let docs = Docs {
            description: Some("See https://x.io/a. Use [id] or <PAYMENT_METHOD_TYPE>.\n```js\nfoo()\n```\n    indented */ }".into()),
            ..Docs::default()
        };
        assert_eq!(
            lines(&docs),
            [
                " See <https://x.io/a>. Use \\[id\\] or \\<PAYMENT\\_METHOD\\_TYPE\\>.",
                " ```text",
                " foo()",
                " ```",
                " indented \\*/ }",
            ]
        );
    }
}
