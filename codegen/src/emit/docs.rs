//! Doc comments from spec text. OpenAPI descriptions are CommonMark, and
//! so are rustdoc comments: code spans, emphasis, lists, links, headings and
//! tables pass through as the spec wrote them. Only what would break or run
//! is changed: a fenced or indented code block becomes a `text` block (never
//! a doc-test), raw HTML is escaped, a bare URL is wrapped in `<...>`, and
//! brackets that rustdoc would read as an intra-doc link it cannot resolve
//! are escaped. The text goes into `#[doc = "..."]` string literals, so
//! nothing in it can ever become code.

use std::ops::Range;

use proc_macro2::TokenStream;
use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use quote::quote;

use crate::model::Docs;

/// `#[doc]` attributes for `docs`, and a `#[deprecated]` when it says so.
pub fn attrs(docs: &Docs) -> TokenStream {
    let lines = line_attrs(&lines(docs));
    let deprecated = docs.deprecated.then(|| quote!(#[deprecated]));
    quote! { #lines #deprecated }
}

/// `#[doc]` attributes for doc lines, each with its leading space.
pub fn line_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| lit(l));
    quote! { #(#[doc = #lines])* }
}

/// The string literal of one doc line (`#[doc = #line]`), written raw
/// (`r"..."`) where prettyplease prints it as a `///` or `//!` comment:
/// the comment reads the same, and a raw literal costs neither escaping
/// here nor unescaping in syn (twice: parsing it and prettyplease reading
/// its value). Doc text is a large part of a big API's output (a tenth of
/// the instructions generating Microsoft Graph spent escaping and
/// unescaping it). A line prettyplease prints as an attribute (one that
/// holds a line break or starts with `/`) keeps the escaped form.
pub fn lit(line: &str) -> proc_macro2::Literal {
    if line.contains(['\n', '\r']) || line.starts_with('/') {
        return proc_macro2::Literal::string(line);
    }
    // Enough `#`s that no `"` of the text followed by `#`s closes it.
    let mut hashes = 0;
    for (at, _) in line.match_indices('"') {
        let run = line[at + 1..].bytes().take_while(|&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let mut repr = String::with_capacity(line.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(line);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    // SAFETY: `repr` is a well-formed raw string literal: the text holds
    // no carriage return (refused above, the one character a raw string
    // may not hold bare) and cannot close it early (`hashes` is longer
    // than any run of `#` after a quote in it). The unit tests parse it
    // back for hostile lines.
    unsafe { proc_macro2::Literal::from_str_unchecked(&repr) }
}

/// The doc lines, each with a leading space as `///` would give. Summary
/// and description come from the spec; notes are the generator's own
/// Markdown, whose intra-doc links name generated types and are kept.
pub fn lines(docs: &Docs) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    if let Some(s) = &docs.summary {
        paragraphs.push(markdown(s));
    }
    if let Some(d) = &docs.description
        && docs.summary.as_deref() != Some(d.as_str())
    {
        paragraphs.push(markdown(d));
    }
    paragraphs.extend(docs.notes.iter().map(|n| sanitize(n, false)));
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(p.lines().map(|l| l.trim_end().to_string()));
    }
    out.into_iter()
        .map(|l| if l.is_empty() { l } else { format!(" {l}") })
        .collect()
}

/// Spec text as one line of safe Markdown (a title, a server's description).
pub fn inline(text: &str) -> String {
    markdown(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The parser options rustdoc reads doc comments with.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// `text` as Markdown rustdoc renders the same way, with nothing that runs
/// as a doc-test or trips a rustdoc lint.
pub fn markdown(text: &str) -> String {
    sanitize(text, true)
}

/// [`markdown`], escaping unresolvable links only when `links` is set.
/// Escaping HTML can uncover Markdown the HTML block hid (the rest of a
/// comment's line), so passes repeat until nothing changes.
fn sanitize(text: &str, links: bool) -> String {
    // Descriptions repeat (a large API gives hundreds of operations the
    // same parameter text): each thread remembers the short texts it has
    // sanitized. A pure function, so the output is the same; the memory
    // is bounded by forgetting everything past a limit.
    const SHORT: usize = 512;
    const REMEMBERED: usize = 4_096;
    thread_local! {
        /// By `links`: the texts sanitized, looked up by borrowed text.
        static SEEN: std::cell::RefCell<[crate::shared::HashMap<String, String>; 2]> =
            Default::default();
    }
    if text.len() > SHORT {
        return sanitize_uncached(text, links);
    }
    let which = usize::from(links);
    if let Some(done) = SEEN.with(|seen| seen.borrow()[which].get(text).cloned()) {
        return done;
    }
    let done = sanitize_uncached(text, links);
    SEEN.with(|seen| {
        let seen = &mut seen.borrow_mut()[which];
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(text.to_string(), done.clone());
    });
    done
}

fn sanitize_uncached(text: &str, links: bool) -> String {
    // Tabs: four spaces (what `clippy::tabs_in_doc_comments` asks).
    let mut text = dedent(&plain_lines(text).replace('\t', "    "));
    for _ in 0..4 {
        let next = sanitize_once(&text, links);
        if next == text {
            break;
        }
        text = next;
    }
    text
}

/// Line breaks as `\n` alone and no other control character: a carriage
/// return left in a doc comment is an error ("bare CR not allowed in
/// doc-comment"), and the rest are invisible or break the line.
fn plain_lines(text: &str) -> String {
    let kept = |c: char| {
        !(c.is_control() && c != '\n' && c != '\t' || matches!(c, '\u{2028}' | '\u{2029}'))
    };
    // Most descriptions have nothing to change: copied whole.
    if text.chars().all(kept) {
        return text.to_string();
    }
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0b}' | '\u{0c}' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn sanitize_once(text: &str, links: bool) -> String {
    let mut broken: Vec<Range<usize>> = Vec::new();
    let mut note_broken = |link: BrokenLink<'_>| {
        broken.push(link.span);
        None
    };
    let parser = Parser::new_with_broken_link_callback(text, options(), Some(&mut note_broken));
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut code_spans: Vec<Range<usize>> = Vec::new();
    let mut intra: Vec<Range<usize>> = Vec::new();
    let mut in_code_block = false;
    let mut in_link = 0usize;
    let mut containers: Vec<Container> = Vec::new();
    for (event, range) in TextMergeWithOffset::new(parser.into_offset_iter()) {
        match event {
            Event::Start(Tag::Item) => containers.push(Container::Item {
                column: item_content_column(text, range.start),
            }),
            Event::Start(Tag::BlockQuote(_)) => containers.push(Container::Quote),
            Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => {
                containers.pop();
            }
            Event::SoftBreak if !in_code_block => {
                if let Some(container) = containers.last() {
                    edits.extend(lazy_continuation(text, range.end, container));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                edits.push(code_block(text, &range, &kind));
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ if in_code_block => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                in_link += 1;
                if intra_doc_candidate(link_type, &dest_url) {
                    intra.push(range);
                }
            }
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.push((range.clone(), escape_html(&text[range])));
            }
            Event::Code(_) => code_spans.push(range),
            Event::Text(_) if in_link == 0 => {
                edits.extend(bare_urls(&text[range.clone()], range.start));
            }
            _ => {}
        }
    }
    if !links {
        broken.clear();
        intra.clear();
    }
    // Each bracket once, though a link nests in another (JSON in prose).
    let mut brackets: Vec<usize> = broken
        .iter()
        .chain(&intra)
        .flat_map(|range| {
            text[range.clone()]
                .match_indices(['[', ']'])
                .map(|(i, _)| range.start + i)
        })
        .filter(|at| !code_spans.iter().any(|c| c.contains(at)) && !escaped(text, *at))
        .collect();
    brackets.sort_unstable();
    brackets.dedup();
    edits.extend(brackets.into_iter().map(|at| (at..at, "\\".to_string())));
    apply(text, edits)
}

/// Whether the character at `at` is escaped: an odd number of
/// backslashes before it (an earlier pass escaped an inner link).
fn escaped(text: &str, at: usize) -> bool {
    text[..at].bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1
}

/// A list item or block quote open around a paragraph.
enum Container {
    /// A list item, whose text starts at `column`.
    Item {
        column: usize,
    },
    Quote,
}

/// The column where the text of the list item whose marker is at `at`
/// starts (`- x`: 2, `10. x`: 4).
fn item_content_column(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[at..];
    let marker = match rest.chars().next() {
        Some('-' | '*' | '+') => 1,
        _ => rest.find(['.', ')']).map_or(0, |i| i + 1),
    };
    let after = &rest[marker.min(rest.len())..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    // Five spaces or more after the marker: the text starts after one.
    let spaces = if (1..=4).contains(&spaces) { spaces } else { 1 };
    (at - line_start) + marker + spaces
}

/// A paragraph line that continues `container` without its markup
/// (Markdown's lazy continuation, which `clippy::doc_lazy_continuation`
/// denies): a list item's line starting left of the item's text is
/// indented to it, a block quote's line gets its `>`. `from` is where the
/// line break ended.
fn lazy_continuation(
    text: &str,
    from: usize,
    container: &Container,
) -> Option<(Range<usize>, String)> {
    let line_start = next_line_start(text, from)?;
    let line = &text[line_start..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    match *container {
        Container::Item { column } => {
            (indent < column).then(|| (line_start..line_start, " ".repeat(column - indent)))
        }
        Container::Quote => {
            let at = line_start + indent;
            (!line[indent..].starts_with('>')).then(|| (at..at, "> ".to_string()))
        }
    }
}

/// The start of the line a line break ending at `from` leads to.
fn next_line_start(text: &str, from: usize) -> Option<usize> {
    let from = from.min(text.len());
    match text[..from].rfind('\n') {
        Some(i) if text[i + 1..from].trim().is_empty() => Some(i + 1),
        _ => text[from..].find('\n').map(|i| from + i + 1),
    }
}

/// A fenced block's info string becomes `text`; an indented block gets
/// fences around it (rustdoc would compile either as Rust).
fn code_block(
    text: &str,
    range: &Range<usize>,
    kind: &CodeBlockKind<'_>,
) -> (Range<usize>, String) {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    match kind {
        CodeBlockKind::Fenced(_) => {
            let line_end = text[range.start..]
                .find('\n')
                .map_or(text.len(), |i| range.start + i);
            let line = &text[range.start..line_end];
            let marks = line.trim_start();
            let fence = marks.chars().next().unwrap_or('`');
            let open = line.len() - marks.len() + marks.chars().take_while(|c| *c == fence).count();
            (range.start + open..line_end, "text".to_string())
        }
        CodeBlockKind::Indented => {
            // The container's prefix (a list item's indent, a quote's `>`),
            // less the four columns that made the block.
            let prefix = &text[line_start..range.start];
            let keep = prefix.len().saturating_sub(4);
            let prefix = prefix.get(..keep).unwrap_or("");
            let body = text[range.clone()].trim_end_matches('\n');
            (
                line_start..range.start + body.len(),
                format!("{prefix}```text\n{prefix}    {body}\n{prefix}```"),
            )
        }
    }
}

/// Whether rustdoc would try to resolve a link as a Rust path: a reference
/// with no definition, or a destination that is a bare name (`[x](Pet)`).
fn intra_doc_candidate(link_type: LinkType, dest: &str) -> bool {
    if matches!(
        link_type,
        LinkType::Autolink | LinkType::Email | LinkType::WikiLink { .. }
    ) {
        return false;
    }
    let path = dest.split('#').next().unwrap_or("").trim();
    !path.is_empty()
        && path.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ':' | '_' | '<' | '>' | '!' | '@' | '(' | ')' | ',')
        })
}

fn escape_html(html: &str) -> String {
    html.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `<...>` around every `http(s)://` URL in plain text at `offset`.
fn bare_urls(text: &str, offset: usize) -> Vec<(Range<usize>, String)> {
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(found) = ["https://", "http://"]
        .iter()
        .filter_map(|p| text[from..].find(p))
        .min()
    {
        let start = from + found;
        let rest = &text[start..];
        let end = rest
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`' | '[' | ']')
            })
            .unwrap_or(rest.len());
        let mut url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
        // A closing parenthesis the URL did not open is the sentence's.
        while url.ends_with(')') && url.matches('(').count() < url.matches(')').count() {
            url = &url[..url.len() - 1];
        }
        if url.len() > "https://".len() {
            edits.push((offset + start..offset + start, "<".to_string()));
            edits.push((
                offset + start + url.len()..offset + start + url.len(),
                ">".to_string(),
            ));
        }
        from = start + url.len().max(1);
    }
    edits
}

/// Applies non-overlapping edits in order of position; an edit inside one
/// already applied is dropped.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at || range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Removes the indentation every non-blank line shares, so text indented
/// as a whole is not read as a code block.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
