//! The decode-check program of a generated crate (`codegen generate
//! --decode-check`), built and run: values a schema allows decode into its
//! type and come back as the same JSON; values it refuses are reported with
//! serde's reason, one answer per line. `scripts/decode_check.py` runs it
//! on schema-generated values at scale.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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
        .spec("tests/decode_check/fixture.yaml")
        .crate_name("pets-api")
        .decode_check(true)
        .standalone_crate(&dir)
        .unwrap_or_else(|e| panic!("{e}"));
    codegen::write::write_tree(&dir, &files).unwrap();
    std::fs::copy("Cargo.lock", dir.join("Cargo.lock")).unwrap();
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
        // A date-time with an offset comes back in UTC.
        (
            PET,
            r#"{"name":"Tom","kind":"cat","born":"2024-01-02T03:04:05+01:00"}"#,
            "changed\t{\"name\":\"Tom\",\"kind\":\"cat\",\"born\":\"2024-01-02T02:04:05Z\"}",
        ),
        (
            PET,
            r#"{"name":"Tom","kind":"cat","age":2147483648}"#,
            "error\tinvalid value: integer `2147483648`, expected i32 at line 1 column 42",
        ),
        (
            PET,
            r#"{"name":"Tom"}"#,
            "error\tmissing field `kind` at line 1 column 14",
        ),
        ("#/components/schemas/Money", "12.50", "same"),
        (
            "#/components/schemas/Money",
            "true",
            "error\tinvalid type: boolean `true`, expected a decimal number at line 1 column 4",
        ),
        ("#/components/schemas/Receipt", r#"{"id":7}"#, "decoded"),
        ("#/components/schemas/Anything", r#"{"a":[1,null]}"#, "same"),
        (
            "#/components/schemas/Shape",
            r#"{"shape":"round","radius":1.5}"#,
            "same",
        ),
        ("#/components/schemas/Shape", r#"{"shape":"Square","side":2.0}"#, "same"),
        ("#/components/schemas/Upload", r#"{}"#, "skipped"),
        ("#/components/schemas/Nothing", r#"{}"#, "unknown"),
    ];
    let lines: Vec<(&str, &str)> = cases.iter().map(|(p, j, _)| (*p, *j)).collect();
    let answers = ask(&program, &lines);
    assert_eq!(answers.len(), cases.len(), "{answers:#?}");
    for ((pointer, json, expected), answer) in cases.iter().zip(&answers) {
        assert_eq!(answer, expected, "{pointer} {json}");
    }
    let _ = std::fs::remove_dir_all(program.parent().unwrap());
}
