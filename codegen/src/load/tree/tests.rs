//! Tests of `load::tree`.

use super::*;

#[test]
fn duplicates_are_found_in_both_syntaxes() {
    let yaml = from_yaml("a:\n  b: 1\n  c: 2\n  b: 3\nd: [{e: 1, e: 2}]\n").unwrap();
    assert_eq!(yaml.duplicates, ["#/a/b", "#/d/0/e"]);
    // The last one is kept, as serde_json and YAML parsers do.
    assert_eq!(yaml.value["a"]["b"], 3);
    let json = from_json(r#"{"a/b": {"x": 1, "x": 2}}"#).unwrap();
    assert_eq!(json.duplicates, ["#/a~1b/x"]);
    assert_eq!(json.value, serde_json::json!({"a/b": {"x": 2}}));
}

#[test]
fn the_tree_matches_serde_json() {
    let text = r#"{"n": -1, "u": 18446744073709551615, "f": 1.5, "s": "x", "t": true, "z": null, "a": [1, {}]}"#;
    let ours = from_json(text).unwrap();
    assert!(ours.duplicates.is_empty());
    assert_eq!(ours.value, serde_json::from_str::<Value>(text).unwrap());
    assert!(from_json("{} trailing").is_err());
}
