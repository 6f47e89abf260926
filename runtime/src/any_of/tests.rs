use serde_json::{Value, json};

use super::*;

/// Members present, as `serialize` takes them.
fn write(members: Vec<Option<Value>>) -> Result<Value, serde_json::Error> {
    let members = members.into_iter().map(|m| member(&m));
    serialize(serde_json::value::Serializer, "Union", members)
}

#[test]
fn object_members_are_merged_the_later_key_winning() {
    let merged = write(vec![
        Some(json!({"a": 1, "b": 2})),
        None,
        Some(json!({"b": 3, "c": 4})),
    ])
    .unwrap();
    assert_eq!(merged, json!({"a": 1, "b": 3, "c": 4}));
}

#[test]
fn members_merge_deeply_arrays_of_one_length_item_by_item() {
    // mist.com's sites-sle answer: an anyOf of three responses whose
    // `results` items each declare their own properties.
    let merged = write(vec![
        Some(
            json!({"page": 1, "results": [{"id": "a", "wifi": 1}, {"id": "b"}], "meta": {"x": 1}}),
        ),
        Some(
            json!({"page": 1, "results": [{"id": "a"}, {"id": "b", "wired": 2}], "meta": {"y": 2}}),
        ),
        Some(json!({"results": [{"id": "a", "wan": 3}], "tags": ["t"]})),
    ])
    .unwrap();
    assert_eq!(
        merged,
        json!({
            "page": 1,
            // The third member's array is of another length: it wins.
            "results": [{"id": "a", "wan": 3}],
            "meta": {"x": 1, "y": 2},
            "tags": ["t"],
        })
    );
    let merged = write(vec![
        Some(json!({"results": [{"id": "a", "wifi": 1}, {"id": "b"}], "n": 1})),
        Some(json!({"results": [{"id": "a"}, {"id": "b", "wired": 2}], "n": {"k": 1}})),
    ])
    .unwrap();
    assert_eq!(
        merged,
        json!({"results": [{"id": "a", "wifi": 1}, {"id": "b", "wired": 2}], "n": {"k": 1}})
    );
}

#[test]
fn otherwise_the_first_member_present_is_the_value() {
    assert_eq!(
        write(vec![None, Some(json!("x")), Some(json!({"a": 1}))]).unwrap(),
        json!("x")
    );
    assert_eq!(
        write(vec![Some(json!({"a": 1})), Some(json!(7))]).unwrap(),
        json!({"a": 1})
    );
}

#[test]
fn no_member_present_is_an_error_naming_the_union() {
    let e = write(vec![None, None]).unwrap_err();
    assert_eq!(e.to_string(), "Union: no member is set");
}

#[test]
fn a_member_that_cannot_be_written_is_an_error() {
    // A map with non-string keys is no JSON object.
    let bad: Option<std::collections::BTreeMap<(u8, u8), u8>> = Some([((1, 2), 3)].into());
    let e = serialize(serde_json::value::Serializer, "Union", [member(&bad)]).unwrap_err();
    assert!(e.to_string().contains("key must be a string"), "{e}");
}

#[test]
fn a_member_is_read_from_the_whole_value_or_is_none() {
    let value = json!({"id": "a", "n": 1});
    let as_map: Option<std::collections::BTreeMap<String, Value>> = read(&value);
    assert_eq!(as_map.map(|m| m.len()), Some(2));
    let as_text: Option<String> = read(&value);
    assert_eq!(as_text, None);
    assert_eq!(read::<String>(&json!("s")), Some("s".to_string()));
}

#[test]
fn none_matched_names_the_members() {
    let e: serde_json::Error = none_matched(&["Cat", "Dog"]);
    assert_eq!(e.to_string(), "the value matches none of Cat, Dog");
}
