//! The tree deserialized into openapiv3's types, with the place of the
//! first value they do not accept.

use serde_json::Value;

/// Deserializes the tree into openapiv3: `paths` and `components`, the
/// bulk of a large document, on two threads, the small rest here.
///
/// Always from the tree, never from the text: openapiv3's `ReferenceOr`
/// buffers its input and parses it a second time on failure, and the two
/// parses disagree on input only text can hold (a key given twice), which
/// makes openapiv3 panic (`src/reference.rs:56`; see docs/openapiv3-reference-panic.md).
/// A tree has no duplicate keys, so both parses see the same value.
pub(super) fn deserialize_spec(raw: &Value) -> Result<openapiv3::OpenAPI, (String, String)> {
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
    let Value::Object(root) = raw else {
        return Err(("#".into(), "the document is not an object".into()));
    };
    // The rest of the document, with placeholders where the parts go.
    let rest: serde_json::Map<String, Value> = root
        .iter()
        .map(|(key, value)| match (key.as_str(), value) {
            ("paths" | "components", Value::Object(_)) => {
                (key.clone(), Value::Object(Default::default()))
            }
            _ => (key.clone(), value.clone()),
        })
        .collect();
    let object = |key: &str| root.get(key).filter(|v| v.is_object());
    std::thread::scope(|scope| {
        let components = object("components").map(|components| {
            scope.spawn(move || part::<openapiv3::Components>(components, "#/components"))
        });
        let paths = object("paths").map(|paths| part::<openapiv3::Paths>(paths, "#/paths"));
        let mut spec = part::<openapiv3::OpenAPI>(&Value::Object(rest), "#")?;
        if let Some(paths) = paths {
            spec.paths = paths?;
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
