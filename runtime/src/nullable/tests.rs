//! Tests of `nullable`.

use super::*;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Patch {
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    note: Nullable<String>,
}

#[test]
fn three_states_round_trip() {
    for (json, value) in [
        ("{}", Nullable::Absent),
        (r#"{"note":null}"#, Nullable::Null),
        (r#"{"note":"x"}"#, Nullable::Value("x".to_string())),
    ] {
        let parsed: Patch = serde_json::from_str(json).unwrap();
        assert_eq!(parsed.note, value);
        assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
    }
}

#[test]
fn text_and_optional_text_convert_like_strings_do() {
    fn set(value: impl Into<Nullable<String>>) -> Nullable<String> {
        value.into()
    }
    assert_eq!(set("x"), Nullable::Value("x".to_string()));
    assert_eq!(set(String::from("y")), Nullable::Value("y".to_string()));
    // `None` is an explicit null, and infers as it did.
    assert_eq!(set(None), Nullable::Null);
}
