//! Overlays from the outside: `codegen generate --overlay` (repeatable, in
//! order), `codegen overlay`, `Config::overlay` and the `specs/overlays/`
//! convention of `bindings_config`. What a target that selects nothing and
//! a malformed overlay do, with their place in the overlay file, and that
//! nothing is written when an overlay is refused.

mod common;

use std::path::{Path, PathBuf};

use common::{TempDir, codegen, stderr};

const SHOP: &str = "openapi: 3.0.3
info:
  title: Shop
  version: '1'
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Order'
components:
  schemas:
    Order:
      type: object
      description: An order, as the vendor wrote it.
      properties:
        id:
          type: string
";

/// Adds a field and rewrites the description.
const FIRST: &str = "overlay: 1.0.0
info: {title: first, version: '1'}
actions:
  - target: $.components.schemas.Order
    update:
      description: Written by the first overlay.
      properties:
        total: {type: integer, format: int64}
";

/// Rewrites the description again.
const SECOND: &str = "overlay: 1.1.0
info: {title: second, version: '1'}
actions:
  - target: $.components.schemas.Order.description
    update: Written by the second overlay.
";

#[test]
fn overlays_apply_in_the_order_given_and_the_headers_name_them() {
    let dir = TempDir::new("order");
    let spec = dir.write("shop.yaml", SHOP);
    let first = dir.write("first.yaml", FIRST);
    let second = dir.write("second.yaml", SECOND);
    let out = codegen(&[
        "generate",
        &spec,
        "--out",
        &dir.path("a"),
        "--overlay",
        &first,
        "--overlay",
        &second,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let types = dir.read("a/src/types.rs");
    assert!(types.contains("pub total: Option<i64>"), "{types}");
    assert!(types.contains("Written by the second overlay."), "{types}");
    assert!(!types.contains("first overlay"), "{types}");
    assert!(
        types.contains(&format!(
            "from {spec} with the overlays {first}, {second}. Do not edit"
        )),
        "{}",
        types.lines().next().unwrap_or_default()
    );

    // The other way round, the first overlay's description is the last word.
    let out = codegen(&[
        "generate",
        &spec,
        "--out",
        &dir.path("b"),
        "--overlay",
        &second,
        "--overlay",
        &first,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let types = dir.read("b/src/types.rs");
    assert!(types.contains("Written by the first overlay."), "{types}");
    assert!(!types.contains("second overlay"), "{types}");

    // The document itself is untouched.
    assert_eq!(dir.read("shop.yaml"), SHOP);
}

#[test]
fn a_target_that_selects_nothing_is_a_warning_at_its_place_in_the_overlay() {
    let dir = TempDir::new("nothing");
    let spec = dir.write("shop.yaml", SHOP);
    let overlay = dir.write(
        "fix.yaml",
        "overlay: 1.0.0
info: {title: fix, version: '1'}
actions:
  - target: $.components.schemas.Order
    update: {description: Fixed.}
  - target: $.components.schemas.Refund
    update: {description: There is no refund.}
",
    );
    let out = codegen(&[
        "generate",
        &spec,
        "--out",
        &dir.path("out"),
        "--overlay",
        &overlay,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{overlay}:6:5: warning: #/actions/1/target: `$.components.schemas.Refund` selects nothing in shop.yaml"
        )),
        "{err}"
    );
    assert!(dir.read("out/src/types.rs").contains("Fixed."));
}

#[test]
fn a_malformed_overlay_is_an_error_at_its_place_and_nothing_is_written() {
    let dir = TempDir::new("malformed");
    let spec = dir.write("shop.yaml", SHOP);
    let good = dir.write("first.yaml", FIRST);
    for (name, text, place, message) in [
        (
            "typo.yaml",
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    updte: {description: x}\n",
            "5:5",
            "`updte` is not a field here",
        ),
        (
            "path.yaml",
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: components.schemas\n    remove: true\n",
            "4:5",
            "not an RFC 9535 JSONPath",
        ),
        (
            "yaml.yaml",
            "overlay: 1.1.0\ninfo: {title: [unclosed\nactions: []\n",
            "",
            "invalid YAML",
        ),
        (
            // Read, but it cannot apply: a list merged into an object.
            "misfit.yaml",
            "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.Order\n    update:\n      properties: [total]\n",
            "6:7",
            "cannot merge a list into `#/components/schemas/Order/properties`",
        ),
    ] {
        let bad = dir.write(name, text);
        let out_dir = dir.path(&format!("out-{name}"));
        // After a good overlay, too: all or nothing.
        let out = codegen(&[
            "generate",
            &spec,
            "--out",
            &out_dir,
            "--overlay",
            &good,
            "--overlay",
            &bad,
        ]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{bad}:{place}")) && err.contains(message),
            "{name}: {err}"
        );
        assert!(err.contains("nothing was written"), "{name}: {err}");
        assert!(
            !Path::new(&out_dir).exists(),
            "{name}: no output directory is written"
        );
        // `codegen overlay` refuses it the same way, writing no file.
        let written = dir.path(&format!("{name}.json"));
        let out = codegen(&[
            "overlay",
            &spec,
            "--overlay",
            &good,
            "--overlay",
            &bad,
            "--out",
            &written,
        ]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{name}: {}", stderr(&out));
        assert!(!Path::new(&written).exists(), "{name}: no file is written");
    }
    // A previous output stays exactly as it was.
    let out_dir = dir.path("kept");
    let made = codegen(&["generate", &spec, "--out", &out_dir]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let before = dir.read("kept/src/types.rs");
    let bad = dir.path("typo.yaml");
    let out = codegen(&["generate", &spec, "--out", &out_dir, "--overlay", &bad]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(dir.read("kept/src/types.rs"), before);
}

#[test]
fn a_problem_in_what_an_overlay_wrote_is_placed_in_the_overlay() {
    let dir = TempDir::new("placed");
    let spec = dir.write("shop.yaml", SHOP);
    let overlay = dir.write(
        "fix.yaml",
        "overlay: 1.0.0
info: {title: fix, version: '1'}
actions:
  - target: $.components.schemas.Order.properties
    update:
      total:
        type: integr
",
    );
    let out = codegen(&[
        "generate",
        &spec,
        "--out",
        &dir.path("out"),
        "--overlay",
        &overlay,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{overlay}:7:9: error: #/actions/0/update/total/type:"
        )),
        "{err}"
    );
    assert!(!Path::new(&dir.path("out")).exists());
    // A problem in what the document wrote stays in the document.
    let broken = dir.write(
        "broken.yaml",
        &SHOP.replace("          type: string", "          type: strng"),
    );
    let out = codegen(&[
        "generate",
        &broken,
        "--out",
        &dir.path("out"),
        "--overlay",
        &dir.write("first.yaml", FIRST),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{broken}:23:11: error: #/components/schemas/Order/properties/id/type:"
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn codegen_overlay_writes_the_document_the_generator_reads() {
    let dir = TempDir::new("write");
    let spec = dir.write("shop.yaml", SHOP);
    let first = dir.write("first.yaml", FIRST);
    let second = dir.write("second.yaml", SECOND);
    let json = dir.path("fixed.json");
    let out = codegen(&[
        "overlay",
        &spec,
        "--overlay",
        &first,
        "--overlay",
        &second,
        "--out",
        &json,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&dir.read("fixed.json")).unwrap();
    let order = &value["components"]["schemas"]["Order"];
    assert_eq!(order["description"], "Written by the second overlay.");
    assert_eq!(order["properties"]["total"]["format"], "int64");
    // Nothing else changes, and keys keep their order.
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["openapi", "info", "paths", "components"]);
    assert_eq!(
        value["paths"]["/orders"]["get"]["operationId"],
        "listOrders"
    );

    // YAML for a `.yaml` name; the same document.
    let yaml = dir.path("fixed.yaml");
    let out = codegen(&[
        "overlay",
        &spec,
        "--overlay",
        &first,
        "--overlay",
        &second,
        "-o",
        &yaml,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let again: serde_json::Value = serde_yaml::from_str(&dir.read("fixed.yaml")).unwrap();
    assert_eq!(again, value);

    // Generating from the written document is generating with the overlays.
    let from_written = codegen(&["generate", &yaml, "--out", &dir.path("w")]);
    let with_overlays = codegen(&[
        "generate",
        &spec,
        "--out",
        &dir.path("o"),
        "--overlay",
        &first,
        "--overlay",
        &second,
    ]);
    assert_eq!(from_written.status.code(), Some(0));
    assert_eq!(with_overlays.status.code(), Some(0));
    let body = |text: String| text.split_once('\n').unwrap().1.to_string();
    assert_eq!(
        body(dir.read("w/src/types.rs")),
        body(dir.read("o/src/types.rs"))
    );

    // --check compares instead of writing.
    let fresh = codegen(&[
        "--check",
        "overlay",
        &spec,
        "--overlay",
        &first,
        "--overlay",
        &second,
        "-o",
        &yaml,
    ]);
    assert_eq!(fresh.status.code(), Some(0), "{}", stderr(&fresh));
    let stale = codegen(&[
        "--check",
        "overlay",
        &spec,
        "--overlay",
        &first,
        "-o",
        &yaml,
    ]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(stderr(&stale).contains("stale:"), "{}", stderr(&stale));

    // Without --out, the document's own format on standard output.
    let printed = codegen(&["overlay", &spec, "--overlay", &second]);
    assert_eq!(printed.status.code(), Some(0));
    let text = String::from_utf8(printed.stdout).unwrap();
    assert!(text.starts_with("openapi: 3.0.3\n"), "{text}");

    // The document is never overwritten, and an overlay is required.
    let over = codegen(&["overlay", &spec, "--overlay", &first, "-o", &spec]);
    assert_eq!(over.status.code(), Some(2), "{}", stderr(&over));
    assert_eq!(dir.read("shop.yaml"), SHOP);
    assert_eq!(codegen(&["overlay", &spec]).status.code(), Some(2));
}

#[test]
fn config_overlay_applies_to_the_spec_added_last_or_to_every_spec() {
    let dir = TempDir::new("config");
    let shop = dir.write("shop.yaml", SHOP);
    let other = dir.write("store.yaml", &SHOP.replace("title: Shop", "title: Store"));
    let first = dir.write("first.yaml", FIRST);
    let second = dir.write("second.yaml", SECOND);

    let config = codegen::Config::new()
        .spec(&shop)
        .overlay(&first)
        .overlay(&second);
    let (files, warnings) = config
        .standalone_crate(Path::new(&dir.path("out")))
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let types = &files[Path::new("src/types.rs")];
    assert!(types.contains("pub total: Option<i64>"), "{types}");
    assert!(types.contains("Written by the second overlay."), "{types}");

    // Per spec: the second spec has none.
    let config = codegen::Config::new()
        .spec(&shop)
        .overlay(&first)
        .spec(&other);
    assert_eq!(
        config.specs(),
        [
            (PathBuf::from(&shop), vec![PathBuf::from(&first)]),
            (PathBuf::from(&other), vec![]),
        ]
    );
    let modules = dir.path("modules");
    let written = config.write_modules(Path::new(&modules)).unwrap();
    assert_eq!(written.len(), 2);
    assert!(
        dir.read("modules/shop.rs")
            .contains("pub total: Option<i64>")
    );
    assert!(!dir.read("modules/store.rs").contains("total"));

    // Before any spec: every spec, first.
    let config = codegen::Config::new()
        .overlay(&second)
        .spec(&shop)
        .overlay(&first)
        .spec(&other);
    assert_eq!(
        config.specs(),
        [
            (
                PathBuf::from(&shop),
                vec![PathBuf::from(&second), PathBuf::from(&first)]
            ),
            (PathBuf::from(&other), vec![PathBuf::from(&second)]),
        ]
    );

    // A malformed overlay stops the build script, placed in the overlay.
    let bad = dir.write("bad.yaml", "overlay: 1.0.0\ninfo: {title: t}\n");
    let e = codegen::Config::new()
        .spec(&shop)
        .overlay(&bad)
        .write_modules(Path::new(&dir.path("none")))
        .unwrap_err();
    let error = e.errors().next().unwrap();
    assert_eq!(error.file, Path::new(&bad));
    assert!(error.position.is_some());
    assert!(!Path::new(&dir.path("none")).exists());
}

#[test]
fn bindings_config_takes_the_overlay_named_after_each_spec() {
    let dir = TempDir::new("bindings");
    dir.write("specs/b_shop.yaml", SHOP);
    dir.write(
        "specs/a_store.yaml",
        &SHOP.replace("title: Shop", "title: Store"),
    );
    dir.write("specs/overlays/b_shop.yaml", FIRST);
    let specs = dir.0.join("specs");
    let config = codegen::bindings_config(&specs).unwrap();
    assert_eq!(
        config.specs(),
        [
            (specs.join("a_store.yaml"), vec![]),
            (
                specs.join("b_shop.yaml"),
                vec![specs.join("overlays/b_shop.yaml")]
            ),
        ]
    );
    let (files, _) = config
        .multi_api_crate(Path::new(&dir.path("generated")))
        .unwrap();
    assert!(files[Path::new("src/b_shop/types.rs")].contains("pub total: Option<i64>"));
    assert!(!files[Path::new("src/a_store/types.rs")].contains("total"));

    // An overlay that names no spec is refused, never silently unapplied.
    dir.write("specs/overlays/shop.yaml", FIRST);
    let e = codegen::bindings_config(&specs).unwrap_err();
    assert!(
        e.to_string().contains("shop.yaml fixes no spec")
            && e.to_string().contains("a_store.yaml, b_shop.yaml"),
        "{e}"
    );
}

/// The repair `scripts/contract.py` runs openbankingproject.ch with: its
/// answer to a PSU data update, a `oneOf` of five overlapping schemas no
/// answer can satisfy, becomes an `anyOf` of the same five, and nothing
/// else of the vendor's document changes. (Against Prism, the four
/// operations that answer it pass with the overlay and fail without.)
#[test]
fn the_openbankingproject_overlay_makes_its_overlapping_one_of_an_any_of() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let document = root.join("../shared/corpus/payments/openbankingproject.ch.json");
    let overlay = root.join("tests/overlays/openbankingproject.ch.overlay.yaml");
    if !document.exists() {
        eprintln!("skipped: {} is not there", document.display());
        return;
    }
    let overlaid = codegen::load::overlaid(&document, std::slice::from_ref(&overlay)).unwrap();
    assert!(overlaid.warnings.is_empty(), "{:?}", overlaid.warnings);
    assert!(overlaid.json);
    let at = "/components/responses/OK_200_UpdatePsuData/content/application~1json/schema";
    let mut vendor: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&document).unwrap()).unwrap();
    let alternatives = vendor.pointer(&format!("{at}/oneOf")).unwrap().clone();
    assert_eq!(alternatives.as_array().unwrap().len(), 5);
    assert_eq!(
        overlaid.value.pointer(at).unwrap(),
        &serde_json::json!({ "anyOf": alternatives })
    );
    *vendor.pointer_mut(at).unwrap() = serde_json::json!({ "anyOf": alternatives });
    assert_eq!(overlaid.value, vendor, "only the one schema changes");

    // The generator reads the same: the answer keeps each alternative it
    // matches, where the `oneOf` made it the first that decoded.
    let dir = TempDir::new("obp");
    let (files, _) = codegen::Config::new()
        .spec(&document)
        .overlay(&overlay)
        .standalone_crate(Path::new(&dir.path("out")))
        .unwrap();
    let types = &files[Path::new("src/types.rs")];
    let body = types
        .split("pub struct UpdateConsentsPsuDataResponseBody {")
        .nth(1)
        .expect("the answer is a struct of the alternatives");
    assert!(
        body.contains(
            "pub authorisation_confirmation_response: Option<AuthorisationConfirmationResponse>,"
        ),
        "{}",
        &body[..body.len().min(600)]
    );
}

/// Spec text given to `Config::generate_text` is read with the overlays
/// given before any spec, as a document named on the command line is.
#[test]
fn generate_text_applies_the_overlays_given_before_any_spec() {
    let dir = TempDir::new("text");
    let first = dir.write("first.yaml", FIRST);
    let api = codegen::Config::new()
        .overlay(&first)
        .generate_text(dir.path("shop.yaml"), SHOP.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        api.types.contains("pub total: Option<i64>"),
        "{}",
        api.types
    );
    assert!(
        api.types.contains("Written by the first overlay."),
        "{}",
        api.types
    );
}
