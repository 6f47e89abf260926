//! anyOf unions: a struct of one optional field per member, holding each
//! member the value is. What their generated `Serialize` and `Deserialize`
//! impls share, so each impl is a list of its members.

use serde::{Serialize, Serializer, de, ser};
use serde_json::Value;

/// A member as JSON, when it is present: one item of [`serialize`]'s list.
pub fn member<T: Serialize>(field: &Option<T>) -> Option<Result<Value, serde_json::Error>> {
    field.as_ref().map(serde_json::to_value)
}

/// Writes the members present as one value: objects merged into one object,
/// otherwise the first member present. An error when a member cannot be
/// written or none is present (`name` is the union's).
///
/// Each member is a view of the one value that was read, so the merge is
/// deep: a key both hold merges its two objects, and its two arrays of
/// the same length item by item (members whose `results` items declare
/// different properties give one array of items holding all of them);
/// otherwise the later member's value wins.
///
/// ```
/// use codegen_runtime::any_of;
///
/// struct Named { name: Option<String>, labels: Option<serde_json::Value> }
///
/// impl serde::Serialize for Named {
///     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
///         any_of::serialize(serializer, "Named", [any_of::member(&self.name), any_of::member(&self.labels)])
///     }
/// }
///
/// let both = Named { name: Some("a".into()), labels: Some(serde_json::json!({"x": 1})) };
/// assert_eq!(serde_json::to_string(&both).unwrap(), r#""a""#);
/// ```
pub fn serialize<S: Serializer>(
    serializer: S,
    name: &str,
    members: impl IntoIterator<Item = Option<Result<Value, serde_json::Error>>>,
) -> Result<S::Ok, S::Error> {
    let mut merged: Option<Value> = None;
    for member in members.into_iter().flatten() {
        let value = member.map_err(ser::Error::custom)?;
        merged = Some(match (merged, value) {
            (Some(mut a @ Value::Object(_)), b @ Value::Object(_)) => {
                merge(&mut a, b);
                a
            }
            (Some(existing), _) => existing,
            (None, value) => value,
        });
    }
    match merged {
        Some(value) => value.serialize(serializer),
        None => Err(ser::Error::custom(format_args!("{name}: no member is set"))),
    }
}

/// `from` merged into `into`: objects key by key, arrays of one length
/// item by item, anything else replaced.
fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                match a.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        a.insert(key, value);
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (existing, value) in a.iter_mut().zip(b) {
                merge(existing, value);
            }
        }
        (into, from) => *into = from,
    }
}

/// The whole value read as one member: `None` when it is not one.
pub fn read<T: de::DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The error for a value that is none of the members (their names).
pub fn none_matched<E: de::Error>(members: &[&str]) -> E {
    E::custom(format_args!(
        "the value matches none of {}",
        members.join(", ")
    ))
}

#[cfg(test)]
mod tests;
