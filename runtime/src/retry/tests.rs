//! Tests of `retry`.

use super::*;

#[test]
fn backoff_doubles_within_bounds() {
    let p = RetryPolicy {
        max_attempts: 10,
        max_elapsed: Duration::from_secs(3600),
        ..RetryPolicy::default()
    };
    for (attempts, base) in [(1, 250), (2, 500), (3, 1000), (9, 10_000)] {
        let d = p.delay(attempts, Duration::ZERO, None).unwrap();
        let base = Duration::from_millis(base);
        assert!(d >= base / 2 && d <= base, "{attempts}: {d:?}");
    }
}

#[test]
fn stops_at_attempt_and_time_limits() {
    let p = RetryPolicy::default();
    assert!(p.delay(3, Duration::ZERO, None).is_none());
    assert!(p.delay(1, Duration::from_secs(30), None).is_none());
    assert!(RetryPolicy::none().delay(1, Duration::ZERO, None).is_none());
}

#[test]
fn retry_after_takes_precedence_unless_too_long() {
    let p = RetryPolicy::default();
    assert_eq!(
        p.delay(1, Duration::ZERO, Some(Duration::from_secs(2))),
        Some(Duration::from_secs(2))
    );
    assert_eq!(
        p.delay(1, Duration::ZERO, Some(Duration::from_secs(60))),
        None
    );
}

#[test]
fn parses_both_retry_after_forms() {
    let mut h = HeaderMap::new();
    h.insert(RETRY_AFTER, "7".parse().unwrap());
    assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
    h.insert(
        RETRY_AFTER,
        "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
    );
    assert_eq!(retry_after(&h), Some(Duration::ZERO));
    h.insert(RETRY_AFTER, "soon".parse().unwrap());
    assert_eq!(retry_after(&h), None);
}
