//! Tests of `wire::file`.

use super::*;

#[test]
fn base64_matches_rfc_4648() {
    for (input, expected) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("user:pass", "dXNlcjpwYXNz"),
    ] {
        assert_eq!(base64(input.as_bytes()), expected);
    }
}

#[test]
fn json_sees_base64_and_reads_it_back() {
    let file = FilePart::new(&b"\x00\xffhi"[..]).with_file_name("a.bin");
    let json = serde_json::to_string(&file).unwrap();
    assert_eq!(json, r#""AP9oaQ==""#);
    let back: FilePart = serde_json::from_str(&json).unwrap();
    assert_eq!(back, FilePart::new(&b"\x00\xffhi"[..]));
    assert!(serde_json::from_str::<FilePart>(r#""!!""#).is_err());
    assert!(take_pending_file().is_none());
}

#[test]
fn debug_shows_no_bytes() {
    let file = FilePart::new("secret")
        .with_file_name("a.txt")
        .with_content_type("text/plain");
    assert_eq!(
        format!("{file:?}"),
        r#"FilePart { file_name: Some("a.txt"), content_type: Some("text/plain"), len: 6 }"#
    );
}
