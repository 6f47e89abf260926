//! `$self`: the document's own URI, the base of its relative references.
//!
//! The generator takes the document's location (its folder, or the URL it
//! was read from) to stand for the folder of its `$self`. So every `$ref`
//! is resolved against `$self` (RFC 3986) and made relative again: one
//! that names the document itself becomes a local `#...` reference, one
//! beside it a path relative to the document; one on another host is left
//! as written (and refused unless remote references are allowed, as any
//! remote reference is; see `load::fetch`).

use serde_json::{Map, Value};

/// A URI reference split into its parts; `path` keeps its query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Uri {
    scheme: Option<String>,
    authority: Option<String>,
    path: String,
}

fn parse(text: &str) -> Uri {
    let scheme_end = text
        .find(':')
        .filter(|&i| {
            i > 0
                && text[..i].starts_with(|c: char| c.is_ascii_alphabetic())
                && text[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
        .filter(|&i| !text[..i].contains(['/', '?', '#']));
    let (scheme, rest) = match scheme_end {
        Some(i) => (Some(text[..i].to_ascii_lowercase()), &text[i + 1..]),
        None => (None, text),
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            (Some(after[..end].to_ascii_lowercase()), &after[end..])
        }
        None => (None, rest),
    };
    Uri {
        scheme,
        authority,
        path: path.to_string(),
    }
}

/// RFC 3986 5.2.4.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > usize::from(absolute) {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if absolute && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `reference` resolved against `base` (RFC 3986 5.2.2, without fragments).
fn resolve(base: &Uri, reference: &Uri) -> Uri {
    if reference.scheme.is_some() {
        return Uri {
            path: remove_dot_segments(&reference.path),
            ..reference.clone()
        };
    }
    if reference.authority.is_some() {
        return Uri {
            scheme: base.scheme.clone(),
            authority: reference.authority.clone(),
            path: remove_dot_segments(&reference.path),
        };
    }
    let path = if reference.path.is_empty() {
        base.path.clone()
    } else if reference.path.starts_with('/') {
        remove_dot_segments(&reference.path)
    } else {
        let dir = match base.path.rfind('/') {
            Some(i) => &base.path[..=i],
            None if base.authority.is_some() => "/",
            None => "",
        };
        remove_dot_segments(&format!("{dir}{}", reference.path))
    };
    Uri {
        scheme: base.scheme.clone(),
        authority: base.authority.clone(),
        path,
    }
}

/// `target` as a path relative to the folder of `base` (same host).
fn relative(base: &str, target: &str) -> String {
    let base_dir: Vec<&str> = base.split('/').collect();
    let base_dir = &base_dir[..base_dir.len().saturating_sub(1)];
    let target: Vec<&str> = target.split('/').collect();
    let (target_dir, file) = target.split_at(target.len().saturating_sub(1));
    let common = base_dir
        .iter()
        .zip(target_dir)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; base_dir.len() - common];
    parts.extend(&target_dir[common..]);
    parts.extend(file);
    parts.join("/")
}

/// The reference `reference` becomes, seen from the document whose URI
/// is `base`; `None` when it stays as written.
fn rebased(base: &Uri, reference: &str) -> Option<String> {
    if reference.starts_with('#') {
        return None;
    }
    let (document, fragment) = match reference.split_once('#') {
        Some((d, f)) => (d, Some(f)),
        None => (reference, None),
    };
    let target = resolve(base, &parse(document));
    if target.scheme != base.scheme || target.authority != base.authority {
        return None;
    }
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    if target.path == base.path {
        return Some(if fragment.is_empty() {
            "#".to_string()
        } else {
            fragment
        });
    }
    let path = relative(&base.path, &target.path);
    let rewritten = format!("{path}{fragment}");
    (rewritten != reference).then_some(rewritten)
}

/// Rebases every `$ref` of the document on `base` (its `$self`).
pub(super) fn rebase(root: &mut Map<String, Value>, base: &str, notes: &mut Vec<(String, String)>) {
    let base_uri = parse(base.split('#').next().unwrap_or(base));
    if base.contains('#') {
        notes.push((
            "#/$self".into(),
            "`$self` must not have a fragment; the fragment is ignored".into(),
        ));
    }
    let base_uri = Uri {
        path: remove_dot_segments(&base_uri.path),
        ..base_uri
    };
    let mut stack: Vec<&mut Value> = root.values_mut().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(reference)) = object.get_mut("$ref")
                    && let Some(new) = rebased(&base_uri, reference)
                {
                    *reference = new;
                }
                stack.extend(object.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
