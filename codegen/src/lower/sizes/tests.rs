//! Tests of `lower::sizes`.

use super::to_box;

#[test]
fn boxes_only_what_stands_out() {
    assert!(to_box(vec![400, 0]).contains(&0));
    assert!(to_box(vec![100, 0]).is_empty());
    // Both large and alike: nothing stands out.
    assert!(to_box(vec![400, 380]).is_empty());
    // Two large beside a small one: the largest is boxed, then the next.
    assert_eq!(to_box(vec![1000, 0, 600]), vec![0, 2]);
    assert!(to_box(vec![900]).is_empty());
}
