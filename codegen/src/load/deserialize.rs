//! The tree deserialized into openapiv3's types, with the place of the
//! first value they do not accept.

use serde_json::{Map, Value};

/// Deserializes the tree into openapiv3, consuming it: `paths` and
/// `components`, the bulk of a large document, on two threads, a few
/// hundred entries at a time, each dropped once read; the small rest here.
///
/// In pieces because openapiv3's `Paths` and `Components` flatten their
/// extensions, which makes serde buffer the whole map once more before
/// reading it; a piece at a time, that copy stays small, and what is
/// read frees the tree as it goes (Microsoft Graph beta: 47 MB of JSON,
/// 345 MB as a tree, 540 MB as openapiv3's model).
///
/// Always from the tree, never from the text: openapiv3's `ReferenceOr`
/// buffers its input and parses it a second time on failure, and the two
/// parses disagree on input only text can hold (a key given twice), which
/// makes openapiv3 panic (`src/reference.rs:56`; see docs/openapiv3-reference-panic.md).
/// A tree has no duplicate keys, so both parses see the same value.
pub(super) fn deserialize_spec(raw: Value) -> Result<openapiv3::OpenAPI, (String, String)> {
    let Value::Object(mut root) = raw else {
        return Err(("#".into(), "the document is not an object".into()));
    };
    let mut take = |key: &str| match root.get_mut(key) {
        Some(Value::Object(map)) => Some(std::mem::take(map)),
        _ => None,
    };
    let paths = take("paths");
    let components = take("components");
    // The rest of the document, with empty objects where the parts were.
    let rest = Value::Object(root);
    std::thread::scope(|scope| {
        let components = components.map(|components| {
            scope.spawn(move || -> Result<openapiv3::Components, (String, String)> {
                let mut whole = openapiv3::Components::default();
                for piece in pieces(components, true) {
                    merge_components(&mut whole, part(&piece, "#/components")?);
                }
                Ok(whole)
            })
        });
        let mut spec = part::<openapiv3::OpenAPI>(&rest, "#")?;
        drop(rest);
        if let Some(paths) = paths {
            for piece in pieces(paths, false) {
                let piece = part::<openapiv3::Paths>(&piece, "#/paths")?;
                spec.paths.paths.extend(piece.paths);
                spec.paths.extensions.extend(piece.extensions);
            }
        }
        if let Some(components) = components {
            let components = components
                .join()
                .map_err(|_| ("#/components".to_string(), "could not be read".to_string()))?;
            spec.components = Some(components?);
        }
        Ok(spec)
    })
}

/// Entries a piece holds at most.
const PIECE: usize = 256;

/// `map` as objects of at most `PIECE` entries, in order; with `nested`
/// (components), the maps it holds are cut too, each piece keeping its
/// map's key: `{"schemas": {…256 schemas}}`.
fn pieces(map: Map<String, Value>, nested: bool) -> impl Iterator<Item = Value> {
    let mut pieces: Vec<Map<String, Value>> = Vec::new();
    let mut current = Map::new();
    for (key, value) in map {
        match value {
            Value::Object(inner) if nested && inner.len() > PIECE => {
                let mut chunk = Map::new();
                for (k, v) in inner {
                    chunk.insert(k, v);
                    if chunk.len() == PIECE {
                        let mut piece = Map::new();
                        piece.insert(key.clone(), Value::Object(std::mem::take(&mut chunk)));
                        pieces.push(piece);
                    }
                }
                if !chunk.is_empty() {
                    let mut piece = Map::new();
                    piece.insert(key, Value::Object(chunk));
                    pieces.push(piece);
                }
            }
            value => {
                current.insert(key, value);
                if current.len() == PIECE {
                    pieces.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() || pieces.is_empty() {
        pieces.push(current);
    }
    pieces.into_iter().map(Value::Object)
}

/// Adds what a piece of `components` read to the whole.
fn merge_components(whole: &mut openapiv3::Components, piece: openapiv3::Components) {
    let openapiv3::Components {
        schemas,
        responses,
        parameters,
        examples,
        request_bodies,
        headers,
        security_schemes,
        links,
        callbacks,
        extensions,
    } = piece;
    whole.schemas.extend(schemas);
    whole.responses.extend(responses);
    whole.parameters.extend(parameters);
    whole.examples.extend(examples);
    whole.request_bodies.extend(request_bodies);
    whole.headers.extend(headers);
    whole.security_schemes.extend(security_schemes);
    whole.links.extend(links);
    whole.callbacks.extend(callbacks);
    whole.extensions.extend(extensions);
}

/// Reads `value` as a `T`; says where it is not one.
fn part<T: serde::de::DeserializeOwned>(
    value: &Value,
    prefix: &str,
) -> Result<T, (String, String)> {
    T::deserialize(value).map_err(|_| {
        // Again, slowly, for the place of the error.
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(_) => (
                prefix.to_string(),
                "the value could not be read".to_string(),
            ),
            Err(e) => {
                let pointer = to_pointer(e.path());
                (format!("{prefix}{}", &pointer[1..]), e.inner().to_string())
            }
        }
    })
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push_str(&format!("/{}", crate::diagnostics::pointer_segment(key)))
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}
