//! Tests of `config`.

use super::*;

#[test]
fn runtime_dependencies_are_read_as_cargo_lines() {
    for (spec, line) in [
        ("0.1", r#"codegen-runtime = "0.1""#),
        ("\"=0.1.2\"", r#"codegen-runtime = "=0.1.2""#),
        (
            r#"{ git = "https://example.com/x.git" }"#,
            r#"codegen-runtime = { git = "https://example.com/x.git" }"#,
        ),
        (
            r#"codegen-runtime = { path = "../rt" }"#,
            r#"codegen-runtime = { path = "../rt" }"#,
        ),
    ] {
        assert_eq!(Runtime::line(spec).as_deref(), Ok(line), "{spec}");
    }
    assert!(Runtime::line("not a version!").is_err());
    assert!(Runtime::line("").is_err());
}
