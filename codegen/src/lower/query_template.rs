//! Path keys that carry a query (`/rides?page={page}&per_page={per_page}`,
//! `/rest?method=flickr.photos.getInfo`). OpenAPI says a path key has no
//! query, yet public documents write them: the templated pairs become
//! query parameters, and literal pairs stay on the path the client sends.

use crate::ident;
use crate::model::{Docs, Operation, Param, ParamLocation, Serialization, Style, TypeRef};

/// A path key split at its `?`.
pub(super) struct Split {
    /// What the client requests: the path, and the literal pairs of the
    /// query (`/rest?method=flickr.photos.getInfo`).
    pub request_path: String,
    /// The templated pairs, as (query key, placeholder).
    pub templated: Vec<(String, String)>,
}

/// Splits a path key; a key without a query is its own request path.
pub(super) fn split(key: &str) -> Split {
    let Some((path, query)) = key.split_once('?') else {
        return Split {
            request_path: key.to_string(),
            templated: Vec::new(),
        };
    };
    let mut literal = Vec::new();
    let mut templated = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match value.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
            Some(placeholder) if !placeholder.is_empty() => {
                templated.push((name.to_string(), placeholder.to_string()));
            }
            _ => literal.push(pair),
        }
    }
    let mut request_path = path.to_string();
    if !literal.is_empty() {
        request_path.push('?');
        request_path.push_str(&literal.join("&"));
    }
    Split {
        request_path,
        templated,
    }
}

/// Makes each templated pair of the key a query parameter of `op`: the
/// parameter the document declares for its placeholder (in the path, or
/// already in the query), else a required string. Returns the note to
/// log, when there was a query template.
pub(super) fn apply(op: &mut Operation, split: &Split, scope: &mut ident::Scope) -> Option<String> {
    if split.templated.is_empty() {
        return None;
    }
    let mut names = Vec::new();
    for (key, placeholder) in &split.templated {
        let declared = op.params.iter_mut().find(|p| {
            &p.wire_name == placeholder
                && matches!(p.location, ParamLocation::Path | ParamLocation::Query)
        });
        match declared {
            Some(param) => {
                if param.location == ParamLocation::Path {
                    param.serialization = form();
                }
                param.location = ParamLocation::Query;
                param.wire_name = key.clone();
                param.required = true;
            }
            None => op.params.push(Param {
                name: scope.claim(&ident::snake(placeholder)).into(),
                wire_name: key.clone(),
                location: ParamLocation::Query,
                ty: TypeRef::String,
                required: true,
                serialization: form(),
                docs: Docs {
                    notes: vec![format!(
                        "Not declared by the spec: taken from the path's query template `{key}={{{placeholder}}}`."
                    )],
                    ..Docs::default()
                },
                sensitive: false,
                constraints: Default::default(),
                examples: Vec::new(),
            }),
        }
        names.push(key.as_str());
    }
    Some(format!(
        "the path carries a query template; it is requested as {} with the query parameter{} {}",
        split.request_path,
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    ))
}

fn form() -> Serialization {
    Serialization {
        style: Style::Form,
        explode: true,
        allow_reserved: false,
    }
}

#[cfg(test)]
mod tests;
