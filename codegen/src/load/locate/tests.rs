//! Tests of `load::locate`.

use super::*;

#[test]
fn yaml_keys_and_items() {
    let text = "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      description: |\n        text: not a key\n      responses:\n        '200':\n          description: ok\ntags:\n- name: x\n- name: y\n  description: z\n";
    let map = SourceMap::build(text);
    assert_eq!(
        map.locate("#/paths/~1a/get/responses/200/description"),
        Some((9, 11))
    );
    assert_eq!(map.locate("#/tags/1/description"), Some((13, 3)));
    assert_eq!(map.locate("#/tags/1"), Some((12, 1)));
    assert_eq!(map.locate("#/paths/~1a/get/description/text"), Some((5, 7)));
    assert_eq!(map.locate("#/paths/~1a/get/nothing/here"), Some((4, 5)));
}

#[test]
fn json_keys_and_items() {
    let text = "{\n  \"a\": {\"b\": [1, {\"c\": true}]}\n}";
    let map = SourceMap::build(text);
    assert_eq!(map.locate("#/a/b/1/c"), Some((2, 19)));
    assert_eq!(map.locate("#/a"), Some((2, 3)));
}

/// Skipping unwanted subtrees keeps lines and columns exact: every
/// position found by a pruned scan is the full scan's.
#[test]
fn pruned_json_scans_place_like_full_ones() {
    let text = "{\n  \"skip\": {\"k\\\"ey\": [1, \"é\\\\\", {\"x\": null}],\n   \"more\": [\n  {\"deep\": [[], {}]}\n ]},\n  \"été\": \"ü\", \"n\": -1.5e3,\n  \"keep\": {\"a\": [true, {\"b\": \"c\"}],\n    \"z\": {}}, \"last\": [ {\"q\": 1} ]\n}";
    assert!(
        serde_json::from_str::<serde_json::Value>(text).is_ok(),
        "{text}"
    );
    let full = SourceMap::build(text);
    let wanted = ["#/keep/a/1/b", "#/keep/z", "#/last/0/q", "#/n"];
    let pruned = SourceMap::for_pointers(text, wanted);
    for pointer in wanted {
        assert!(full.positions.contains_key(pointer), "{pointer}");
        assert_eq!(pruned.locate(pointer), full.locate(pointer), "{pointer}");
    }
    assert_eq!(pruned.locate("#/last/0/q"), Some((8, 26)));
}
