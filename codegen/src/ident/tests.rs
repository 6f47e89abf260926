//! Tests of `ident`.

use super::*;

#[test]
fn hostile_names_become_identifiers() {
    for (raw, expected) in [
        ("type", "r#type"),
        ("self", "self_"),
        ("Self", "self_"),
        ("crate", "crate_"),
        ("super", "super_"),
        ("1st", "n_1st"),
        ("e-mail", "e_mail"),
        ("$ref", "r#ref"),
        ("__proto__", "proto"),
        ("r#type", "r_type"),
        ("😀", "u1f600"),
        ("", "field"),
        ("<PAYMENT_METHOD_TYPE>", "payment_method_type"),
    ] {
        assert_eq!(snake(raw), expected, "{raw:?}");
    }
    assert_eq!(camel("<PAYMENT_METHOD_TYPE>"), "PaymentMethodType");
    assert_eq!(camel("3DS"), "V3ds");
    assert_eq!(type_name("Result"), "ResultModel");
    assert_eq!(camel("self"), "SelfValue");
}

#[test]
fn scopes_keep_names_distinct() {
    let mut s = Scope::new();
    assert_eq!(s.claim("e_mail"), "e_mail");
    assert_eq!(s.claim("e_mail"), "e_mail_2");
    assert_eq!(s.claim("Pet"), "Pet");
    assert_eq!(s.claim("Pet"), "Pet2");
}
