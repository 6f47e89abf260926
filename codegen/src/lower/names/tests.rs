//! Tests of `lower::names`.

use super::*;

#[test]
fn titles_that_read_as_names_are_names() {
    let t = |s: &str| title_name(Some(&s.to_string()));
    assert_eq!(t("range_query_specs").as_deref(), Some("RangeQuerySpecs"));
    assert_eq!(t("Billing Address").as_deref(), Some("BillingAddress"));
    assert_eq!(t("v1.Pod").as_deref(), Some("V1Pod"));
    assert_eq!(t("The address the customer bills to, if any"), None);
    assert_eq!(t("Amount (in cents)"), None);
    assert_eq!(t("Result").as_deref(), Some("ResultModel"));
    assert_eq!(t(""), None);
}
