//! Tests of `request`.

use super::*;
use crate::wire::{Param, Style};

#[test]
fn path_parameters_stay_inside_their_segment() {
    let id = Param::new("id", Style::Simple, false);
    let mut p = RequestParts::start(Method::PUT, "/public/payout/{}/confirm");
    p.path_param(&id, "../x?y#z");
    assert_eq!(p.path, "/public/payout/..%2Fx%3Fy%23z/confirm");
    assert!(p.problem().is_none());
    for bad in ["..", ".", ""] {
        let mut p = RequestParts::start(Method::PUT, "/p/{}/c");
        p.path_param(&id, bad);
        assert!(p.problem().is_some(), "{bad:?} accepted");
    }
    let p = RequestParts::start(Method::GET, "/p/{}");
    assert_eq!(p.problem().as_deref(), Some("a path parameter is missing"));
}

#[test]
fn headers_with_line_breaks_are_refused() {
    let mut p = RequestParts::start(Method::GET, "/");
    p.header_param(
        &Param::new("X-Test", Style::Simple, false),
        "a\r\nInjected: yes",
    );
    assert!(p.problem().unwrap().contains("X-Test"));
}

#[test]
fn only_safe_requests_may_retry() {
    assert!(RequestParts::start(Method::PUT, "/").may_retry());
    assert!(!RequestParts::start(Method::POST, "/").may_retry());
    let mut keyed = RequestParts::start(Method::POST, "/");
    keyed.idempotency_key("Idempotency-Key", None);
    assert!(keyed.may_retry());
    assert_eq!(keyed.idempotency.unwrap().1.len(), 36);
    // QUERY is safe and idempotent; other extension methods are not.
    assert!(RequestParts::start_custom("QUERY", "/").may_retry());
    let link = RequestParts::start_custom("LINK", "/");
    assert!(!link.may_retry());
    assert_eq!(link.method.as_str(), "LINK");
    let bad = RequestParts::start_custom("NOT A METHOD", "/");
    assert!(bad.problem().unwrap().contains("not a valid HTTP method"));
}
