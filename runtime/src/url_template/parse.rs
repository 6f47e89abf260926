//! Reading a template's text into its pieces, and a URL back into the
//! values of its placeholders.

use percent_encoding::{percent_decode_str, utf8_percent_encode};

use super::{Hole, Piece, Placeholders, UrlTemplate, UrlTemplateError};
use crate::wire::UNRESERVED;

pub(super) fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn err<T>(message: impl Into<String>) -> Result<T, UrlTemplateError> {
    Err(UrlTemplateError(message.into()))
}

pub(super) fn parse(text: &str) -> Result<UrlTemplate, UrlTemplateError> {
    check_characters(text)?;
    let Some((scheme, rest)) = text.split_once("://") else {
        return err(format!("{text:?} is not an absolute http(s) URL"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return err(format!("the scheme {scheme:?} is not http or https"));
    }
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(authority_end);
    if authority.is_empty() {
        return err("the URL has no host");
    }
    if authority.contains(['{', '}']) {
        return err("a placeholder in the host is not supported");
    }
    if authority.contains('@') {
        return err("user information (user:password@) does not belong in a URL an API stores");
    }
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let path = path
        .strip_prefix('/')
        .map(|p| p.split('/').map(|s| piece(s, false)).collect())
        .transpose()?
        .unwrap_or_default();
    let mut pairs: Vec<(String, Piece)> = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key.contains('{') {
            return err(format!(
                "a placeholder in the query key {key:?} is not supported"
            ));
        }
        let key =
            decode(key, true).ok_or_else(|| UrlTemplateError(format!("{key:?} is not UTF-8")))?;
        if pairs.iter().any(|(k, _)| *k == key) {
            return err(format!(
                "the query parameter {key:?} is given twice, so it could not be read back"
            ));
        }
        pairs.push((key, piece(value, true)?));
    }
    Ok(UrlTemplate {
        text: text.to_string(),
        origin: origin(&scheme, authority),
        path,
        query: pairs,
    })
}

/// Only what a URL may hold, `%` escapes complete, braces only around a
/// placeholder's name.
fn check_characters(text: &str) -> Result<(), UrlTemplateError> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'%' => {
                let ok = bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                if !ok {
                    return err(format!("an incomplete %-escape at byte {i}"));
                }
                i += 3;
                continue;
            }
            b'{' => {
                let close = text[i..].find('}').map(|c| i + c);
                let name = close.map(|c| &text[i + 1..c]);
                match name {
                    Some(name)
                        if !name.is_empty()
                            && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') =>
                    {
                        i = close.expect("found") + 1;
                        continue;
                    }
                    _ => {
                        return err(format!(
                            "a placeholder at byte {i} is not {{name}} (ASCII letters, digits, _)"
                        ));
                    }
                }
            }
            b'}' => return err(format!("a }} at byte {i} closes no placeholder")),
            b'#' => return err("a fragment (#...) is never sent to the server"),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => {}
            b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'?' | b'[' | b']' | b'@' | b'!' | b'$'
            | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            _ => {
                let c = text[i..].chars().next().expect("in bounds");
                return err(format!(
                    "{c:?} at byte {i} cannot be in a URL; percent-encode it (the builder does)"
                ));
            }
        }
        i += 1;
    }
    Ok(())
}

/// A path segment or query value of the template.
fn piece(raw: &str, query: bool) -> Result<Piece, UrlTemplateError> {
    let undecodable = || UrlTemplateError(format!("{raw:?} is not UTF-8 once decoded"));
    let Some(open) = raw.find('{') else {
        return Ok(Piece {
            prefix: decode(raw, query).ok_or_else(undecodable)?,
            hole: None,
        });
    };
    let close = open + raw[open..].find('}').expect("checked");
    let suffix = &raw[close + 1..];
    if suffix.contains('{') {
        return err(format!(
            "{raw:?} holds two placeholders, which could not be told apart when read back; \
             put them in two path segments or two query parameters"
        ));
    }
    Ok(Piece {
        prefix: decode(&raw[..open], query).ok_or_else(undecodable)?,
        hole: Some(Hole {
            name: raw[open + 1..close].to_string(),
            suffix: decode(suffix, query).ok_or_else(undecodable)?,
        }),
    })
}

/// Percent-decoded text (`+` a space in the query), if UTF-8.
fn decode(raw: &str, query: bool) -> Option<String> {
    let spaced;
    let raw = if query && raw.contains('+') {
        spaced = raw.replace('+', " ");
        spaced.as_str()
    } else {
        raw
    };
    percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// `scheme://host[:port]`, lowercased, a default port left out.
fn origin(scheme: &str, authority: &str) -> String {
    let authority = authority.to_ascii_lowercase();
    let default = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default).unwrap_or(&authority);
    format!("{scheme}://{authority}")
}

pub(super) fn read(template: &UrlTemplate, url: &str) -> Result<Placeholders, String> {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let target = if url.starts_with('/') {
        url
    } else {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("{url:?} is neither a path nor an absolute URL"))?;
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let received = origin(&scheme.to_ascii_lowercase(), &rest[..end]);
        if received != template.origin {
            return Err(format!("{received} is not {}", template.origin));
        }
        &rest[end..]
    };
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, query),
        None => (target, ""),
    };
    let mut found = Placeholders::default();
    let segments: Vec<&str> = match path.strip_prefix('/') {
        Some(p) => p.split('/').collect(),
        None => Vec::new(),
    };
    // An empty path and `/` are the same resource.
    let empty = |s: &[&str]| s.is_empty() || s == [""];
    let expected_empty = template.path.is_empty()
        || (template.path.len() == 1
            && template.path[0]
                == Piece {
                    prefix: String::new(),
                    hole: None,
                });
    if !(expected_empty && empty(&segments)) {
        if segments.len() != template.path.len() {
            return Err(format!("the path {path:?} has another number of segments"));
        }
        for (raw, piece) in segments.iter().zip(&template.path) {
            let value = decode(raw, false).ok_or_else(|| format!("{raw:?} is not UTF-8"))?;
            take(piece, &value, &mut found).map_err(|m| format!("path segment {raw:?}: {m}"))?;
        }
    }
    let received: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match (decode(k, true), decode(v, true)) {
                (Some(k), Some(v)) => Ok((k, v)),
                _ => Err(format!("the query parameter {pair:?} is not UTF-8")),
            }
        })
        .collect::<Result<_, _>>()?;
    for (key, piece) in &template.query {
        let mut values = received.iter().filter(|(k, _)| k == key);
        let value = match (values.next(), values.next()) {
            (Some((_, v)), None) => v,
            (None, _) => return Err(format!("the query parameter {key:?} is missing")),
            (Some(_), Some(_)) => {
                return Err(format!("the query parameter {key:?} is given twice"));
            }
        };
        take(piece, value, &mut found).map_err(|m| format!("query parameter {key:?}: {m}"))?;
    }
    Ok(found)
}

/// Matches one decoded segment or value; records its placeholder's value.
fn take(piece: &Piece, value: &str, found: &mut Placeholders) -> Result<(), String> {
    let Some(hole) = &piece.hole else {
        return if value == piece.prefix {
            Ok(())
        } else {
            Err(format!("{value:?} is not {:?}", piece.prefix))
        };
    };
    let filled = value
        .strip_prefix(piece.prefix.as_str())
        .and_then(|v| v.strip_suffix(hole.suffix.as_str()))
        .ok_or_else(|| {
            format!(
                "{value:?} is not the template's text around {{{}}}",
                hole.name
            )
        })?;
    let name = &hole.name;
    if filled.is_empty() || filled == format!("{{{name}}}") {
        return Err(format!("the placeholder {{{name}}} was not filled"));
    }
    match found.get(name) {
        Some(earlier) if earlier != filled => Err(format!(
            "the placeholder {{{name}}} has two values, {earlier:?} and {filled:?}"
        )),
        Some(_) => Ok(()),
        None => {
            found.values.push((name.clone(), filled.to_string()));
            Ok(())
        }
    }
}
