//! Tests of `lower::analysis`.

use super::{is_date, is_date_time, is_uuid, tarjan};

#[test]
fn defaults_that_are_not_dates_or_identifiers_are_not_defaults() {
    assert!(is_date("2026-12-05"));
    assert!(is_date_time("2026-12-05T12:03:12") && is_date_time("2026-12-05 12:03"));
    assert!(is_uuid("0b5a3b6e-4f5e-4a0b-9a1e-6c0e0c7a1f00"));
    // What biapi.pro's document gives `created` as a default.
    assert!(!is_date_time("<function datetime.now at 0x7f>"));
    assert!(!is_date("now") && !is_date_time("2026-12-05") && !is_uuid("0b5a3b6e"));
}

#[test]
fn cycles_share_a_component_and_others_do_not() {
    // 0 -> 1 -> 0 (mutual), 2 -> 2 (self), 3 -> 0 (no cycle)
    let c = tarjan(&[vec![1], vec![0], vec![2], vec![0]]);
    assert_eq!(c[0], c[1]);
    assert_ne!(c[3], c[0]);
    assert_ne!(c[2], c[0]);
    let self_only = tarjan(&[vec![]]);
    let looped = tarjan(&[vec![0]]);
    assert_ne!(self_only[0], 0);
    assert_eq!(looped[0], 0);
}
