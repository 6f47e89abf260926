//! `--decode-check` (`Config::decode_check`): a standalone crate gets
//! `examples/decode_check.rs`, whose table names every generated type by
//! the JSON pointer of its schema, with what the check does with it; without
//! the option nothing changes. Built and run, the program decodes values a
//! schema allows into its type and gives the same JSON back, and reports
//! serde's reason for values the type refuses, one answer per line.
//! `scripts/decode_check.py` runs it on schema-generated values at scale.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/decode_check/fixture.yaml")
}

fn crate_files(decode_check: bool) -> codegen::write::FileSet {
    let (files, _) = codegen::Config::new()
        .spec(fixture())
        .crate_name("pets-api")
        .decode_check(decode_check)
        .standalone_crate(Path::new("pets-api"))
        .unwrap_or_else(|e| panic!("{e}"));
    files
}

fn harness() -> String {
    let files = crate_files(true);
    files
        .get(Path::new("examples/decode_check.rs"))
        .expect("the crate has the program")
        .clone()
}

#[test]
fn every_schema_is_listed_by_its_pointer_with_its_check() {
    let text = harness();
    for row in [
        r##"("#/components/schemas/Pet", "types::Pet", "round-trip")"##,
        r##"("#/components/schemas/Kind", "types::Kind", "round-trip")"##,
        r##"("#/components/schemas/Money", "types::Money", "round-trip")"##,
        // Only an answer carries it: no Serialize, so it is only decoded.
        r##"("#/components/schemas/Receipt", "types::Receipt", "decode")"##,
        r##"("#/components/schemas/Anything", "types::Anything", "round-trip,value")"##,
        // Neither requests nor answers carry it.
        r##"("#/components/schemas/Shape", "types::Shape", "decode")"##,
        // File parts of a multipart body are never JSON.
        r##"("#/components/schemas/Upload", "types::Upload", "skip")"##,
        // Inline schemas are listed too, at their own pointers.
        r##"("#/components/schemas/Pet/properties/owner", "types::PetOwner", "round-trip")"##,
    ] {
        let row: String = row.split_whitespace().collect();
        let table: String = text.split_whitespace().collect();
        assert!(table.contains(&row), "{row} is not in\n{text}");
    }
    assert!(text.contains("use pets_api::types;"), "{text}");
    assert!(
        text.contains("use pets_api::runtime as codegen_runtime;"),
        "{text}"
    );
    // A decimal alias is read through the codec its fields use.
    let flat: String = text.split_whitespace().collect();
    assert!(
        flat.contains(r#"#[serde(with="codegen_runtime::decimal")]rust_decimal::Decimal"#),
        "{text}"
    );
    assert!(
        !text.contains("Upload>"),
        "a skipped type is never decoded:\n{text}"
    );
}

#[test]
fn the_option_adds_one_file_and_changes_nothing_else() {
    let plain = crate_files(false);
    let checked = crate_files(true);
    let extra: Vec<_> = checked.keys().filter(|p| !plain.contains_key(*p)).collect();
    assert_eq!(extra, [Path::new("examples/decode_check.rs")]);
    for (path, text) in &plain {
        assert_eq!(checked.get(path), Some(text), "{} changed", path.display());
    }
    assert_eq!(harness(), harness(), "the same spec gives the same program");
}

/// A target directory of its own inside this build's, shared with the other
/// generated-crate tests.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows where it is");
    let target = exe.ancestors().nth(3).expect("inside a target directory");
    target.join("standalone-crates")
}

fn build() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-decode-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (files, _) = codegen::Config::new()
        .spec(fixture())
        .crate_name("pets-api")
        .decode_check(true)
        .standalone_crate(&dir)
        .unwrap_or_else(|e| panic!("{e}"));
    codegen::write::write_tree(&dir, &files).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    let target = target_dir();
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--quiet", "--example", "decode_check"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let program = dir.join("decode_check");
    std::fs::copy(target.join("debug/examples/decode_check"), &program).unwrap();
    program
}

fn ask(program: &Path, lines: &[(&str, &str)]) -> Vec<String> {
    let mut child = Command::new(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the program runs");
    let mut input = child.stdin.take().unwrap();
    for (pointer, json) in lines {
        writeln!(input, "{pointer}\t{json}").unwrap();
    }
    drop(input);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn known_good_values_come_back_and_bad_ones_are_refused_with_a_reason() {
    let program = build();
    let listed = Command::new(&program).arg("--list").output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(
        listed.contains("#/components/schemas/Pet\ttypes::Pet\tround-trip\n"),
        "{listed}"
    );

    const PET: &str = "#/components/schemas/Pet";
    let cases: &[(&str, &str, &str)] = &[
        (
            PET,
            r#"{"name":"Tom","kind":"cat","age":3,"born":"2024-01-02T03:04:05Z","price":12.50,"owner":null}"#,
            "same",
        ),
        // An open enum keeps a value it does not know.
        (PET, r#"{"name":"Tom","kind":"bird"}"#, "same"),
        // JSON null at the top: a nullable schema is an Option where it is used.
        (PET, "null", "same"),
        // Properties the schema does not declare are dropped.
        (
            PET,
            r#"{"name":"Tom","kind":"cat","extra":1}"#,
            "changed\t{\"name\":\"Tom\",\"kind\":\"cat\"}",
        ),
        // A date-time comes back as it was written, with its offset or
        // without one.
        (
            PET,
            r#"{"name":"Tom","kind":"cat","born":"2024-01-02T03:04:05+01:00"}"#,
            "same",
        ),
        (
            PET,
            r#"{"name":"Tom","kind":"cat","born":"2024-01-02T03:04:05"}"#,
            "same",
        ),
        (
            PET,
            r#"{"name":"Tom","kind":"cat","age":2147483648}"#,
            "error\tinvalid value: integer `2147483648`, expected i32",
        ),
        (PET, r#"{"name":"Tom"}"#, "error\tmissing field `kind`"),
        ("#/components/schemas/Money", "12.50", "same"),
        (
            "#/components/schemas/Money",
            "true",
            "error\tinvalid decimal \"true\": Invalid decimal: unknown character",
        ),
        ("#/components/schemas/Receipt", r#"{"id":7}"#, "decoded"),
        ("#/components/schemas/Anything", r#"{"a":[1,null]}"#, "same"),
        // Only decoded: no request carries it.
        (
            "#/components/schemas/Shape",
            r#"{"shape":"round","radius":1.5}"#,
            "decoded",
        ),
        (
            "#/components/schemas/Shape",
            r#"{"shape":"Square","side":"two"}"#,
            "error\tinvalid type: string \"two\", expected f64",
        ),
        ("#/components/schemas/Upload", r#"{}"#, "skipped"),
        ("#/components/schemas/Nothing", r#"{}"#, "unknown"),
    ];
    let lines: Vec<(&str, &str)> = cases.iter().map(|(p, j, _)| (*p, *j)).collect();
    let answers = ask(&program, &lines);
    assert_eq!(answers.len(), cases.len(), "{answers:#?}");
    for ((pointer, json, expected), answer) in cases.iter().zip(&answers) {
        // serde's position ("at line 1 column 14") is left out.
        let answer = answer.split(" at line ").next().unwrap_or_default();
        assert_eq!(answer, *expected, "{pointer} {json}");
    }
    let _ = std::fs::remove_dir_all(program.parent().unwrap());
}
