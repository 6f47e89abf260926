//! Tests of `lower::query_template`.

use super::split;

#[test]
fn templated_pairs_leave_the_path_and_literal_ones_stay() {
    let s = split("/rides?page={page}&per_page={per_page}");
    assert_eq!(s.request_path, "/rides");
    assert_eq!(
        s.templated,
        [
            ("page".to_string(), "page".to_string()),
            ("per_page".to_string(), "per_page".to_string())
        ]
    );
    let s = split("/templates/{id}?full=true&key={APIKEY}");
    assert_eq!(s.request_path, "/templates/{id}?full=true");
    assert_eq!(s.templated, [("key".to_string(), "APIKEY".to_string())]);
    let s = split("/pets/{id}");
    assert_eq!(s.request_path, "/pets/{id}");
    assert!(s.templated.is_empty());
}
