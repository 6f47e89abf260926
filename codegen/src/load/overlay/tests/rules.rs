//! The merge rules, targets that select nothing, and what is refused,
//! each placed (file, line, column) in the overlay.

use std::path::Path;

use serde_json::json;

use super::super::Origin;
use super::{PETS, refused, run};
use crate::diagnostics::{GenerateError, Severity};

#[test]
fn merge_rules_objects_recurse_lists_append_primitives_replace() {
    let doc = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-a: {keep: 1, list: [1, 2], n: 1, nested: {x: old}}\nx-list: [a]\nx-null: null\n";
    let (result, applied) = run(
        doc,
        &[
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $['x-a']\n    update: {list: [3], n: 2, nested: {x: new, y: 1}, added: true}\n  - target: $['x-list']\n    update: [b, c]\n  - target: $['x-list']\n    update: d\n  - target: $\n    update: {x-null: {now: object}}\n",
        ],
    );
    assert_eq!(
        result["x-a"],
        json!({"keep": 1, "list": [1, 2, 3], "n": 2, "nested": {"x": "new", "y": 1}, "added": true})
    );
    // 1.1: a list update is concatenated; anything else is one more item.
    assert_eq!(result["x-list"], json!(["a", "b", "c", "d"]));
    assert_eq!(result["x-null"], json!({"now": "object"}));
    assert_eq!(
        applied.origin("#/x-a/list/2"),
        Origin::Overlay(0, "#/actions/0/update/list/0".into())
    );
    assert_eq!(
        applied.origin("#/x-a/keep"),
        Origin::Document("#/x-a/keep".into())
    );
    assert_eq!(
        applied.origin("#/x-list/3"),
        Origin::Overlay(0, "#/actions/2/update".into())
    );
    // 1.0: the update of a list is one new item, even a list.
    let (v10, _) = run(
        doc,
        &[
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $['x-list']\n    update: [b, c]\n",
        ],
    );
    assert_eq!(v10["x-list"], json!(["a", ["b", "c"]]));
    // Two overlays apply in order, each to the other's result.
    let (both, applied) = run(
        doc,
        &[
            "overlay: 1.1.0\ninfo: {title: one, version: '1'}\nactions:\n  - target: $.info\n    update: {x-step: 1}\n",
            "overlay: 1.1.0\ninfo: {title: two, version: '1'}\nactions:\n  - target: $.info['x-step']\n    update: 2\n",
        ],
    );
    assert_eq!(both["info"]["x-step"], 2);
    assert_eq!(
        applied.origin("#/info/x-step"),
        Origin::Overlay(1, "#/actions/0/update".into())
    );
}

#[test]
fn a_target_that_selects_nothing_is_a_warning_where_it_is_written() {
    let (doc, applied) = run(
        PETS,
        &[
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {x-a: 1}\n  - target: $.paths['/nothing'].get\n    update: {x-a: 1}\n",
        ],
    );
    assert_eq!(doc["info"]["x-a"], 1);
    let [warning] = applied.warnings.as_slice() else {
        panic!("one warning: {:?}", applied.warnings)
    };
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.file, Path::new("fix.yaml"));
    assert_eq!(warning.position, Some((6, 5)));
    assert_eq!(warning.pointer, "#/actions/1/target");
    assert!(
        warning.message.contains("selects nothing in api.yaml"),
        "{}",
        warning.message
    );
}

/// The first error's `line:col: message`.
fn first_error(e: &GenerateError) -> String {
    let d = e.errors().next().expect("an error");
    let (line, col) = d.position.expect("a position");
    assert_eq!(d.file, Path::new("fix.yaml"));
    format!("{line}:{col}: {}", d.message)
}

#[test]
fn malformed_overlays_are_errors_at_their_place() {
    let head = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n";
    for (text, expected) in [
        (
            "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: []\n",
            "1:1: Overlay version \"2.0.0\" is not supported",
        ),
        (
            "info: {title: t, version: '1'}\nactions: []\n",
            "1:1: the `overlay` version field is missing",
        ),
        (
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "1:1: this is an OpenAPI document, not an overlay",
        ),
        (
            "overlay: 1.0.0\ninfo: {version: '1'}\nactions:\n  - {target: $, remove: true}\n",
            "2:1: `info.title` is required",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: []\n",
            "3:1: `actions` holds no action",
        ),
        (
            &format!("{head}  - target: paths\n    remove: true\n"),
            "4:5: not an RFC 9535 JSONPath",
        ),
        // The 1.0 Traits example's target is not RFC 9535 (`x-oai-traits` needs brackets).
        (
            &format!("{head}  - target: $.paths.*.get[?@.x-oai-traits.paged]\n    update: {{}}\n"),
            "4:5: not an RFC 9535 JSONPath",
        ),
        (
            &format!("{head}  - target: $.info\n"),
            "4:3: the action has neither `update` nor `remove: true`",
        ),
        (
            &format!("{head}  - target: $.info\n    copy: $.paths\n"),
            "5:5: `copy` is an Overlay 1.1 field",
        ),
        (
            &format!("{head}  - target: $.info\n    updte: {{}}\n"),
            "5:5: `updte` is not a field here",
        ),
        (
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {}\n    copy: $.paths\n",
            "4:3: the action has both `update` and `copy`",
        ),
        (
            &format!("{head}  - target: $.info\n    remove: yes please\n"),
            "5:5: `remove` is `true` or `false`",
        ),
    ] {
        let e = refused(PETS, text);
        let got = first_error(&e);
        assert!(
            got.starts_with(expected),
            "{text}\ngot: {got}\nwanted: {expected}"
        );
    }
}

#[test]
fn updates_that_do_not_fit_the_document_are_errors_in_the_overlay() {
    for (text, expected) in [
        // An object merged into a list.
        (
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/pets'].get\n    update:\n      tags: {not: a list}\n",
            "6:7: cannot merge an object into `#/paths/~1pets/get/tags`, which is a list",
        ),
        // A list where the target is an object.
        (
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: [1]\n",
            "5:5: the target `#/info` is an object",
        ),
        // Values of different kinds selected together.
        (
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/pets'].get.*\n    update: {x: 1}\n",
            "4:5: this target selects values of different kinds",
        ),
        // A copy needs exactly one source.
        (
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    copy: $.paths.*\n",
            "5:5: `$.paths.*` selects 2 values",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $\n    remove: true\n",
            "4:5: `remove` cannot remove the document itself",
        ),
    ] {
        let e = refused(PETS, text);
        let got = first_error(&e);
        assert!(
            got.starts_with(expected),
            "{text}\ngot: {got}\nwanted: {expected}"
        );
    }
}

#[test]
fn overlay_1_0_primitive_targets_are_applied_as_1_1_with_a_warning() {
    let (doc, applied) = run(
        PETS,
        &[
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info.title\n    update: Renamed\n  - target: $.paths['/pets'].get.summary\n    remove: true\n",
        ],
    );
    assert_eq!(doc["info"]["title"], "Renamed");
    assert!(doc["paths"]["/pets"]["get"].get("summary").is_none());
    assert_eq!(applied.warnings.len(), 2);
    assert!(
        applied
            .warnings
            .iter()
            .all(|w| w.message.contains("overlay: 1.1.0"))
    );
}

#[test]
fn extends_naming_another_document_is_a_warning() {
    let (_, applied) = run(
        PETS,
        &[
            "overlay: 1.1.0\ninfo: {title: t, version: '1', description: for another}\nextends: https://example.com/specs/other.yaml\nactions:\n  - target: $.info\n    update: {x-a: 1}\n",
        ],
    );
    let [w] = applied.warnings.as_slice() else {
        panic!("{:?}", applied.warnings)
    };
    assert_eq!(w.pointer, "#/extends");
    assert!(
        w.message.contains("is applied to `api.yaml`"),
        "{}",
        w.message
    );
    let (_, applied) = run(
        PETS,
        &[
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nextends: ./api.yaml\nactions:\n  - target: $.info\n    update: {x-a: 1}\n",
        ],
    );
    assert!(applied.warnings.is_empty());
}
