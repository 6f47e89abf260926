//! The Overlay Specification's own examples (1.0 and 1.1): Structured,
//! Targeted, Wildcard, Array Modification, Traits and Copy.

use serde_json::json;

use super::super::Origin;
use super::{PETS, run, yaml};

#[test]
fn structured_overlay_example_merges_a_mirror_of_the_document() {
    let (doc, _) = run(
        PETS,
        &[r#"
overlay: 1.0.0
info:
  title: Structured Overlay
  version: 1.0.0
actions:
  - target: '$' # Root of document
    update:
      info:
        x-overlay-applied: structured-overlay
      paths:
        '/':
          summary: 'The root resource'
          get:
            summary: 'Retrieve the root resource'
            x-rate-limit: 100
        '/pets':
          get:
            summary: 'Retrieve a list of pets'
            x-rate-limit: 100
      components:
      tags:
"#],
    );
    assert_eq!(doc["info"]["x-overlay-applied"], "structured-overlay");
    assert_eq!(doc["info"]["title"], "Pets");
    assert_eq!(doc["paths"]["/"]["summary"], "The root resource");
    assert_eq!(
        doc["paths"]["/"]["get"]["summary"],
        "Retrieve the root resource"
    );
    assert_eq!(doc["paths"]["/"]["get"]["x-rate-limit"], 100);
    assert!(doc["paths"]["/"]["get"]["responses"]["200"].is_object());
    // A primitive replaces a primitive.
    assert_eq!(
        doc["paths"]["/pets"]["get"]["summary"],
        "Retrieve a list of pets"
    );
    assert_eq!(
        doc["paths"]["/pets"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // The empty `components:` and `tags:` mirror the structure: unchanged.
    assert_eq!(doc["components"], yaml(PETS)["components"]);
    assert_eq!(doc["tags"], yaml(PETS)["tags"]);
    // ... and are not inserted where the document has none.
    let (bare, _) = run(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
        &[
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $\n    update:\n      components:\n      tags:\n",
        ],
    );
    assert_eq!(
        bare,
        yaml("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")
    );
}

#[test]
fn targeted_overlay_example_in_both_versions() {
    let doc = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /foo:\n    get: {description: old foo}\n  /bar:\n    get: {description: old bar}\n";
    // 1.1: targets may be primitives, replaced by the update.
    let (v11, _) = run(
        doc,
        &[r#"
overlay: 1.1.0
info:
  title: Targeted Overlay
  version: 1.0.0
actions:
  - target: $.paths['/foo'].get.description
    update: This is the new description
  - target: $.paths['/bar'].get.description
    update: This is the updated description
  - target: $.paths['/bar']
    update:
      post:
        description: This is an updated description of a child object
        x-safe: false
"#],
    );
    // 1.0: the containing objects are targeted.
    let (v10, applied) = run(
        doc,
        &[r#"
overlay: 1.0.0
info:
  title: Targeted Overlay
  version: 1.0.0
actions:
  - target: $.paths['/foo'].get
    update:
      description: This is the new description
  - target: $.paths['/bar'].get
    update:
      description: This is the updated description
  - target: $.paths['/bar']
    update:
      post:
        description: This is an updated description of a child object
        x-safe: false
"#],
    );
    assert_eq!(v10, v11);
    assert!(applied.warnings.is_empty(), "{:?}", applied.warnings);
    assert_eq!(
        v11["paths"]["/foo"]["get"]["description"],
        "This is the new description"
    );
    assert_eq!(
        v11["paths"]["/bar"]["get"]["description"],
        "This is the updated description"
    );
    assert_eq!(
        v11["paths"]["/bar"]["post"],
        json!({"description": "This is an updated description of a child object", "x-safe": false})
    );
}

#[test]
fn wildcard_overlay_example_updates_every_match() {
    let (doc, _) = run(
        PETS,
        &[r#"
overlay: 1.0.0
info:
  title: Update many objects at once
  version: 1.0.0
actions:
  - target: $.paths.*.get
    update:
      x-safe: true
  - target: $.paths.*.get.parameters[?@.name=='filter' && @.in=='query']
    update:
      schema:
        $ref: '#/components/schemas/filterSchema'
"#],
    );
    assert_eq!(doc["paths"]["/"]["get"]["x-safe"], true);
    assert_eq!(doc["paths"]["/pets"]["get"]["x-safe"], true);
    assert!(doc["paths"]["/pets"]["post"].get("x-safe").is_none());
    let params = &doc["paths"]["/pets"]["get"]["parameters"];
    // `schema` merges into the filter's schema: `$ref` is added beside `type`.
    assert_eq!(
        params[0]["schema"],
        json!({"type": "string", "$ref": "#/components/schemas/filterSchema"})
    );
    assert_eq!(params[2]["schema"], json!({"type": "string"}));
}

#[test]
fn array_modification_examples_add_and_remove_items() {
    let (added, _) = run(
        PETS,
        &[r#"
overlay: 1.0.0
info:
  title: Add an array element
  version: 1.0.0
actions:
  - target: $.paths.*.get.parameters
    update:
      name: newParam
      in: query
"#],
    );
    let params = added["paths"]["/pets"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert_eq!(params.len(), 4);
    assert_eq!(params[3], json!({"name": "newParam", "in": "query"}));
    let (removed, applied) = run(
        PETS,
        &[r#"
overlay: 1.0.0
info:
  title: Remove an array element
  version: 1.0.0
actions:
  - target: $.paths.*.get.parameters[?@.name == 'dummy']
    remove: true
"#],
    );
    let names: Vec<&str> = removed["paths"]["/pets"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["filter", "filter"]);
    // The item after the removed one is traced back to where it was written.
    assert_eq!(
        applied.origin("#/paths/~1pets/get/parameters/1/in"),
        Origin::Document("#/paths/~1pets/get/parameters/2/in".into())
    );
    let (tags, applied) = run(
        PETS,
        &[r#"
overlay: 1.1.0
info:
  title: Remove a primitive array element
  version: 1.0.0
actions:
  - target: $.paths.*.get.tags[?@ == 'dummy']
    remove: true
"#],
    );
    assert_eq!(tags["paths"]["/pets"]["get"]["tags"], json!(["pets"]));
    assert!(applied.warnings.is_empty());
}

#[test]
fn traits_example_appends_parameters_where_the_trait_is() {
    let doc = r#"
openapi: 3.1.0
info:
  title: API with a paged collection
  version: 1.0.0
paths:
  /items:
    get:
      x-oai-traits: ['paged']
      responses:
        200:
          description: OK
  /items/{id}/subitems:
    get:
      x-oai-traits: ['paged']
      parameters:
        - name: id
          in: path
          required: true
      responses:
        200:
          description: OK
  /other:
    get:
      responses:
        200:
          description: OK
"#;
    let (result, applied) = run(
        doc,
        &[r#"
overlay: 1.1.0
info:
  title: Apply Traits
  version: 1.0.0
actions:
  - target: $.paths[?(@.get['x-oai-traits'][?(@ == 'paged')])].get
    update:
      parameters:
        - name: top
          in: query
        - name: skip
          in: query
"#],
    );
    let names = |path: &str| -> Vec<String> {
        result["paths"][path]["get"]["parameters"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| p["name"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(names("/items"), ["top", "skip"]);
    assert_eq!(names("/items/{id}/subitems"), ["id", "top", "skip"]);
    assert!(names("/other").is_empty());
    // The appended parameters are the overlay's.
    assert_eq!(
        applied.origin("#/paths/~1items~1{id}~1subitems/get/parameters/2/name"),
        Origin::Overlay(0, "#/actions/0/update/parameters/1/name".into())
    );
    assert_eq!(
        applied.origin("#/paths/~1items~1{id}~1subitems/get/parameters/0/name"),
        Origin::Document("#/paths/~1items~1{id}~1subitems/get/parameters/0/name".into())
    );
}

const ITEMS: &str = r#"
openapi: 3.1.0
info:
  title: Example API
  version: 1.0.0
paths:
  /items:
    get:
      responses:
        200:
          description: OK
  /some-items:
    delete:
      responses:
        200:
          description: OK
"#;

#[test]
fn copy_examples_copy_ensure_and_move() {
    // Simple copy: into an existing path item.
    let (copied, applied) = run(
        ITEMS,
        &[r#"
overlay: 1.1.0
info:
  title: Copy contents of an existing path to a new location
  version: 1.0.0
actions:
  - target: '$.paths["/some-items"]'
    copy: '$.paths["/items"]'
"#],
    );
    let expected = yaml(
        r#"
openapi: 3.1.0
info:
  title: Example API
  version: 1.0.0
paths:
  /items:
    get:
      responses:
        200:
          description: OK
  /some-items:
    delete:
      responses:
        200:
          description: OK
    get:
      responses:
        200:
          description: OK
"#,
    );
    assert_eq!(copied, expected);
    // A copied value is traced to the value it copies.
    assert_eq!(
        applied.origin("#/paths/~1some-items/get/responses/200"),
        Origin::Document("#/paths/~1items/get/responses/200".into())
    );
    // Ensure the target exists, then copy.
    let (ensured, _) = run(
        ITEMS,
        &[r#"
overlay: 1.1.0
info:
  title: Create a path and copy the contents of an existing path to the new path
  version: 1.0.0
actions:
  - target: '$.paths'
    update: { "/other-items": {} }
  - target: '$.paths["/other-items"]'
    copy: '$.paths["/items"]'
"#],
    );
    assert_eq!(ensured["paths"]["/other-items"], ensured["paths"]["/items"]);
    // Move: ensure, copy, remove the source.
    let (moved, applied) = run(
        ITEMS,
        &[r#"
overlay: 1.1.0
info:
  title: Update the path for an API endpoint
  version: 1.0.0
actions:
  - target: '$.paths'
    update: { "/new-items": {} }
  - target: '$.paths["/new-items"]'
    copy: '$.paths["/items"]'
  - target: '$.paths["/items"]'
    remove: true
    description: 'moves (renames) the "items" path item to "new-items"'
"#],
    );
    let keys: Vec<&String> = moved["paths"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["/some-items", "/new-items"]);
    assert_eq!(moved["paths"]["/new-items"], yaml(ITEMS)["paths"]["/items"]);
    assert_eq!(
        applied.origin("#/paths/~1new-items/get"),
        Origin::Document("#/paths/~1items/get".into())
    );
}
