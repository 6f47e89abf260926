//! The CLI on bad, hostile and ordinary input: exact exit codes, messages
//! that point at the file, line, column and JSON pointer, and output that is
//! either complete or untouched.

mod common;

use std::path::Path;

use common::{TempDir, codegen, stderr};

const PAYOUT: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths: {}
components:
  schemas:
    Payout:
      type: object
      properties:
        value:
          $ref: '#/components/schemas/Money'
        fee:
          $ref: '#/components/schemas/Fee'
";

#[test]
fn an_unresolved_ref_names_file_line_column_and_pointer() {
    let dir = TempDir::new("ref");
    let spec = dir.write("spec.yaml", PAYOUT);
    let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = format!(
        "{spec}:11:9: error: #/components/schemas/Payout/properties/value: unresolved $ref '#/components/schemas/Money'"
    );
    assert!(err.contains(&expected), "{err}");
    // Independent problems are reported together.
    assert!(
        err.contains(
            "#/components/schemas/Payout/properties/fee: unresolved $ref '#/components/schemas/Fee'"
        ),
        "{err}"
    );
    assert!(err.contains("2 problems"), "{err}");
    assert!(!Path::new(&dir.path("out")).exists(), "nothing is written");
}

#[test]
fn yaml_syntax_errors_show_their_line() {
    let dir = TempDir::new("yaml");
    let spec = dir.write(
        "spec.yaml",
        "openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n",
    );
    let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{spec}:")) && err.contains("invalid YAML"),
        "{err}"
    );
    let position = err.split(&format!("{spec}:")).nth(1).unwrap();
    let line: usize = position
        .split(':')
        .next()
        .unwrap()
        .parse()
        .expect("a line number");
    assert!((3..=5).contains(&line), "{err}");
}

#[test]
fn versions_other_than_3_0_are_refused_clearly() {
    let dir = TempDir::new("version");
    let swagger = dir.write(
        "swagger.yaml",
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n",
    );
    let out = codegen(&["generate", &swagger, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{swagger}:1:1: error: #/swagger: this is a Swagger 2.0 document"
        )),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("Convert it first"));
    let future = dir.write(
        "future.yaml",
        "openapi: 4.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
    );
    let out = codegen(&["generate", &future, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("#/openapi: OpenAPI version \"4.0.0\" is not supported"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn remote_refs_are_refused_without_touching_the_network() {
    let dir = TempDir::new("remote");
    let spec = dir.write(
        "spec.yaml",
        &PAYOUT.replace(
            "'#/components/schemas/Money'",
            "'https://example.com/money.yaml#/Money'",
        ),
    );
    let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(1));
    // Refused where it is written, saying how to allow it.
    let err = stderr(&out);
    assert!(
        err.contains("$ref 'https://example.com/money.yaml#/Money' is refused")
            && err.contains("read from a file")
            && err.contains("--allow-remote-refs")
            && err.contains("#/components/schemas/Payout/properties/value"),
        "{err}"
    );
}

#[test]
fn garbage_input_is_an_error_not_a_panic() {
    let dir = TempDir::new("garbage");
    for (name, text) in [
        ("empty.yaml", ""),
        ("list.json", "[1, 2, 3]"),
        ("binary.yaml", "\u{0}\u{1}\u{2}garbage: [\u{7f}"),
        (
            "shape.yaml",
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 5\n",
        ),
        ("missing.yaml", "openapi: 3.0.3\n"),
    ] {
        let spec = dir.write(name, text);
        let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(&spec), "{name}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{name}: {}",
            stderr(&out)
        );
    }
    let out = codegen(&[
        "generate",
        &dir.path("does-not-exist.yaml"),
        "--out",
        &dir.path("out"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read the spec"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(codegen(&["generate"]).status.code(), Some(2));
    assert_eq!(codegen(&["--no-such-flag"]).status.code(), Some(2));
    assert_eq!(codegen(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn generation_is_atomic_and_check_names_stale_files() {
    let dir = TempDir::new("atomic");
    let good = dir.write(
        "good.yaml",
        &PAYOUT
            .replace(
                "'#/components/schemas/Money'",
                "{type: number, format: decimal}",
            )
            .replace("'#/components/schemas/Fee'", "{type: integer}"),
    );
    let out_dir = dir.path("crate");
    let out = codegen(&[
        "generate",
        &good,
        "--out",
        &out_dir,
        "--crate-name",
        "good-client",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let types = Path::new(&out_dir).join("src/types.rs");
    let before = std::fs::read_to_string(&types).unwrap();
    let mtime = std::fs::metadata(&types).unwrap().modified().unwrap();
    assert!(
        std::fs::read_to_string(Path::new(&out_dir).join("Cargo.toml"))
            .unwrap()
            .contains("name = \"good-client\"")
    );

    // A failed run leaves the previous output exactly as it was.
    let bad = dir.write("bad.yaml", PAYOUT);
    assert_eq!(
        codegen(&["generate", &bad, "--out", &out_dir])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(std::fs::read_to_string(&types).unwrap(), before);

    // Regenerating the same spec keeps unchanged files' modification time.
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(
        codegen(&[
            "generate",
            &good,
            "--out",
            &out_dir,
            "--crate-name",
            "good-client"
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        std::fs::metadata(&types).unwrap().modified().unwrap(),
        mtime
    );

    // --check: fresh is 0; a changed file is named and exits 1.
    assert_eq!(
        codegen(&[
            "--check",
            "generate",
            &good,
            "--out",
            &out_dir,
            "--crate-name",
            "good-client"
        ])
        .status
        .code(),
        Some(0)
    );
    std::fs::write(&types, "// edited\n").unwrap();
    let out = codegen(&[
        "--check",
        "generate",
        &good,
        "--out",
        &out_dir,
        "--crate-name",
        "good-client",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("stale:") && stderr(&out).contains("types.rs"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&types).unwrap(),
        "// edited\n",
        "--check writes nothing"
    );
}

#[test]
fn a_foreign_directory_is_never_replaced() {
    let dir = TempDir::new("foreign");
    let good = dir.write(
        "good.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n",
    );
    let target = dir.path("mine");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(Path::new(&target).join("notes.txt"), "mine").unwrap();
    let out = codegen(&["generate", &good, "--out", &target]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("refusing to replace"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(Path::new(&target).join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn ref_cycles_are_reported() {
    let dir = TempDir::new("cycle");
    let spec = dir.write(
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n",
    );
    let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("cycle"), "{}", stderr(&out));
}

const TYPO: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths: {}
components:
  schemas:
    Payout:
      type: object
      properties:
        reference:
          type: strin
";

/// Generates `text` without `--lenient`, which must refuse it and write
/// nothing, then with it, which must generate: (the spec's path, the
/// first run's stderr, the second's, the types and client modules written, one after the other).
fn strict_then_lenient(name: &str, text: &str) -> (String, String, String, String) {
    let dir = TempDir::new(name);
    let spec = dir.write("spec.yaml", text);
    let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let strict = stderr(&out);
    assert!(!Path::new(&dir.path("out")).exists(), "nothing is written");
    let out = codegen(&["generate", &spec, "--out", &dir.path("out"), "--lenient"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The types, then the client.
    let code = ["out/src/types.rs", "out/src/client.rs"]
        .map(|file| std::fs::read_to_string(dir.path(file)).unwrap())
        .concat();
    (spec, strict, stderr(&out), code)
}

#[test]
fn an_unknown_type_is_an_error_unless_lenient() {
    let (spec, err, lenient, code) = strict_then_lenient("typo", TYPO);
    let expected = format!(
        "{spec}:12:11: error: #/components/schemas/Payout/properties/reference/type: unknown type \"strin\""
    );
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("did you mean `string`?"), "{err}");
    assert!(
        lenient.contains(&format!("{spec}:12:11: warning:"))
            && lenient.contains("kept as serde_json::Value"),
        "{lenient}"
    );
    assert!(
        code.contains("pub reference: Option<serde_json::Value>"),
        "{code}"
    );
}

const WRONG_TYPES: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths: {}
components:
  schemas:
    Payout:
      type: object
      properties:
        reference:
          type: string
          pattern: 0
        amount:
          type: integer
          minimum: '1'
          required: true
        note:
          type: {type: string}
";

#[test]
fn keyword_values_of_the_wrong_json_type_are_named_at_the_keyword() {
    let (spec, err, lenient, code) = strict_then_lenient("wrong-types", WRONG_TYPES);
    // Both values with no reading, each at its keyword, in one run.
    for expected in [
        format!(
            "{spec}:13:11: error: #/components/schemas/Payout/properties/reference/pattern: `pattern` is `0`, where OpenAPI allows a string (--lenient ignores the keyword with a warning)"
        ),
        format!(
            "{spec}:19:11: error: #/components/schemas/Payout/properties/note/type: `type` is `{{\"type\":\"string\"}}`, where OpenAPI allows a string"
        ),
    ] {
        assert!(err.contains(&expected), "{expected}\n{err}");
    }
    for expected in [
        "`pattern` is `0`, where OpenAPI allows a string; the keyword is ignored",
        // Values with one reading are read so, with a warning.
        "`minimum` is `\"1\"`; read as the number 1",
        "read as `amount` listed in its object's `required`",
    ] {
        assert!(lenient.contains(expected), "{expected}\n{lenient}");
    }
    for expected in [
        "pub amount: i64,",
        "pub reference: Option<String>,",
        "pub note: Option<serde_json::Value>,",
    ] {
        assert!(code.contains(expected), "{expected}\n{code}");
    }
}

/// codat.io's accounting document: a reference into `definitions`, which
/// openapiv3 does not read, to a schema whose `type` holds a schema.
const WRONG_TYPE_ELSEWHERE: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths: {}
components:
  schemas:
    Item:
      type: object
      properties:
        kind:
          $ref: '#/components/schemas/Item/definitions/kind'
      definitions:
        kind:
          type: {type: string, enum: [a, b]}
";

#[test]
fn a_wrong_value_where_a_reference_points_elsewhere_is_named_too() {
    let (_, err, _, code) = strict_then_lenient("wrong-elsewhere", WRONG_TYPE_ELSEWHERE);
    let expected = "#/components/schemas/Item/definitions/kind/type: `type` is `{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}`, where OpenAPI allows a string (--lenient ignores the keyword with a warning)";
    assert!(err.contains(expected), "{err}");
    assert!(
        code.contains("pub kind: Option<serde_json::Value>,"),
        "{code}"
    );
}

/// enode.io's, rumble.run's and swaggerhub.com's references (a schema's
/// place pointing at a parameter and at a response, a response's place
/// at a schema), and a request body's place pointing at a schema.
const MISPLACED_REFERENCES: &str = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /vehicles:
    get:
      operationId: listVehicles
      parameters:
        - name: field
          in: query
          schema:
            type: array
            items:
              $ref: '#/components/parameters/Field'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/responses/Status'
        '400':
          $ref: '#/components/schemas/BadRequest'
        '401':
          $ref: '#/components/schemas/BadRequest'
        '404':
          $ref: '#/components/schemas/Vehicle'
    post:
      operationId: addVehicle
      requestBody:
        $ref: '#/components/schemas/Vehicle'
      responses:
        '204':
          description: added
components:
  parameters:
    Field:
      name: field
      in: query
      schema:
        type: string
        enum: [location, odometer]
  responses:
    Status:
      description: Summary of results
  schemas:
    BadRequest:
      description: Bad request
    Vehicle:
      description: A vehicle
      type: object
      properties:
        id: {type: string}
";

#[test]
fn a_reference_to_the_wrong_kind_of_object_is_read_as_its_place_needs_when_lenient() {
    let (spec, err, lenient, code) =
        strict_then_lenient("misplaced-references", MISPLACED_REFERENCES);
    let hint = "(--lenient reads it as one, with a warning)";
    for expected in [
        "#/paths/~1vehicles/get/parameters/0/schema/items: $ref '#/components/parameters/Field' points at a parameter, where a schema belongs",
        "#/paths/~1vehicles/get/responses/200/content/application~1json/schema: $ref '#/components/responses/Status' points at a response, where a schema belongs",
        "#/paths/~1vehicles/get/responses/400: $ref '#/components/schemas/BadRequest' points at a schema, where a response belongs",
        "#/paths/~1vehicles/post/requestBody: $ref '#/components/schemas/Vehicle' points at a schema, where a request body belongs",
    ] {
        assert!(
            err.contains(&format!("{expected} {hint}")),
            "{expected}\n{err}"
        );
    }
    for expected in [
        format!("{spec}:14:13: warning: #/paths/~1vehicles/get/parameters/0/schema/items: $ref '#/components/parameters/Field' points at a parameter, where a schema belongs; --lenient takes the parameter's schema"),
        "points at a response, where a schema belongs; the response declares no content, so --lenient takes any JSON value".to_string(),
        "$ref '#/components/schemas/BadRequest' points at a schema, where a response belongs; the schema says nothing but a description, so --lenient reads it as a response with no content".to_string(),
        "the same at 1 more place".to_string(),
        "$ref '#/components/schemas/Vehicle' points at a schema, where a request body belongs; --lenient reads it as an optional request body whose `application/json` content is that schema".to_string(),
        "$ref '#/components/schemas/Vehicle' points at a schema, where a response belongs; --lenient reads it as a response whose `application/json` content is that schema".to_string(),
    ] {
        assert!(lenient.contains(&expected), "{expected}\n{lenient}");
    }
    for expected in [
        "pub field: Option<Vec<types::ListVehiclesFieldItem>>,",
        "codegen_runtime::Call<'_, serde_json::Value, ListVehiclesError>",
        "BadRequest,",
        "Unauthorized,",
        "NotFound(types::Vehicle),",
    ] {
        assert!(code.contains(expected), "{expected}\n{code}");
    }
}

/// A schema's place pointing at a parameter that is itself a reference:
/// --lenient cannot read it, so neither error promises it does.
const MISPLACED_UNREADABLE: &str = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /vehicles:
    get:
      operationId: listVehicles
      parameters:
        - name: field
          in: query
          schema:
            $ref: '#/components/parameters/Alias'
      responses:
        '204': {description: ok}
components:
  parameters:
    Alias:
      $ref: '#/components/parameters/Field'
    Field:
      name: field
      in: query
      schema: {type: string}
";

#[test]
fn a_misplaced_reference_lenient_cannot_read_does_not_promise_it() {
    let dir = TempDir::new("misplaced-unreadable");
    let spec = dir.write("spec.yaml", MISPLACED_UNREADABLE);
    let expected = "#/paths/~1vehicles/get/parameters/0/schema: $ref '#/components/parameters/Alias' points at a parameter, where a schema belongs";
    let out_dir = dir.path("out");
    for lenient in [false, true] {
        let mut args = vec!["generate", spec.as_str(), "--out", out_dir.as_str()];
        args.extend(lenient.then_some("--lenient"));
        let out = codegen(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(expected), "{err}");
        assert!(!err.contains("--lenient reads it"), "{err}");
        assert!(!Path::new(&out_dir).exists(), "nothing is written");
    }
}

#[test]
fn help_names_the_openapi_versions() {
    let out = codegen(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("OpenAPI 3.0.x, 3.1.x and 3.2.x"), "{help}");
}

#[test]
fn a_runtime_dependency_replaces_the_vendored_copy() {
    let dir = TempDir::new("runtime-dep");
    let spec = dir.write(
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n",
    );
    let out = codegen(&["generate", &spec, "--out", &dir.path("vendored")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(dir.path("vendored/Cargo.toml")).unwrap();
    assert!(
        !manifest.contains("codegen-runtime") && manifest.contains("reqwest"),
        "{manifest}"
    );
    assert!(Path::new(&dir.path("vendored/src/runtime/mod.rs")).is_file());

    let out = codegen(&[
        "generate",
        &spec,
        "--out",
        &dir.path("dep"),
        "--runtime-dep",
        "0.1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(dir.path("dep/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\ncodegen-runtime = \"0.1\"\n"),
        "{manifest}"
    );
    assert!(!Path::new(&dir.path("dep/src/runtime")).exists());
    let lib = std::fs::read_to_string(dir.path("dep/src/lib.rs")).unwrap();
    assert!(lib.contains("pub use codegen_runtime as runtime;"), "{lib}");

    let out = codegen(&[
        "generate",
        &spec,
        "--out",
        &dir.path("bad"),
        "--runtime-dep",
        "what?",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--runtime-dep"), "{}", stderr(&out));
}

/// Twelve operations that each declare an `Accept` header (OpenAPI says it
/// is ignored: a note) and each send a `not` schema (a warning).
fn repetitive() -> String {
    let mut spec = String::from("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n");
    for i in 0..12 {
        spec.push_str(&format!(
            "  /r{i}:\n    post:\n      operationId: r{i}\n      parameters:\n        - {{name: Accept, in: header, schema: {{type: string}}}}\n      requestBody:\n        content:\n          application/json:\n            schema: {{not: {{type: string}}}}\n      responses:\n        '204': {{description: ok}}\n"
        ));
    }
    spec
}

#[test]
fn a_cause_repeated_is_printed_once_and_quiet_and_verbose_say_less_and_more() {
    let dir = TempDir::new("verbosity");
    let spec = dir.write("spec.yaml", &repetitive());
    let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches(": warning: ").count(), 1, "{err}");
    assert!(
        err.contains("= the same at 11 more places: ")
            && err.contains("and 8 more (--verbose lists each)"),
        "{err}"
    );
    assert!(
        err.contains("note: 12 decisions the generator took"),
        "{err}"
    );
    assert!(!err.contains(": note: "), "{err}");

    let out = codegen(&["generate", &spec, "--out", &dir.path("out"), "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));

    let out = codegen(&["generate", &spec, "--out", &dir.path("out"), "-v"]);
    let err = stderr(&out);
    assert_eq!(err.matches(": warning: ").count(), 12, "{err}");
    assert_eq!(err.matches(": note: ").count(), 12, "{err}");
}

#[test]
fn a_3_1_schema_may_carry_any_keyword_but_a_near_miss_is_named() {
    let dir = TempDir::new("keywords31");
    let spec = dir.write(
        "spec.yaml",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      requried: [name]\n      examples: [{name: Rex}]\n      discriminatorHint: kind\n      properties:\n        name: {type: string, title: Name, deprecated: false, readOnly: true}\n",
    );
    let out = codegen(&["generate", &spec, "--out", &dir.path("out")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches(": warning: ").count(), 1, "{err}");
    assert!(err.contains("did you mean `required`?"), "{err}");
}
