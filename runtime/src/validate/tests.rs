//! Tests of `validate`.

use super::*;

struct Item {
    sku: String,
    quantity: i64,
}
impl Validate for Item {
    fn validate_at(&self, v: &mut Validator, path: &Path<'_>) {
        static SKU: Pattern = Pattern::new("^[A-Z]+-[0-9]+$");
        v.pattern(&path.field("sku"), &self.sku, &SKU);
        v.range(
            &path.field("quantity"),
            self.quantity,
            Range {
                minimum: Some(1.0),
                ..Range::default()
            },
        );
    }
}

/// An optional body is passed as `Option<&T>`: absent, it is valid;
/// present, its own checks run.
#[test]
fn an_optional_borrowed_value_is_checked_when_present() {
    let bad = Item {
        sku: "bad".into(),
        quantity: 1,
    };
    assert!(Validate::validate(&None::<&Item>).is_ok());
    let err = Validate::validate(&Some(&bad)).unwrap_err();
    let paths: Vec<_> = err.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["sku"]);
}

#[test]
fn paths_name_every_violation() {
    let items = vec![
        Item {
            sku: "WH-100".into(),
            quantity: 1,
        },
        Item {
            sku: "bad".into(),
            quantity: 0,
        },
    ];
    let err = items.validate().unwrap_err();
    let paths: Vec<_> = err.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["[1].sku", "[1].quantity"]);
    assert!(
        err.to_string()
            .contains("[1].quantity: 0 is below the minimum of 1"),
        "{err}"
    );
}

#[test]
fn exclusive_bounds_and_multiples() {
    let mut v = Validator::default();
    let r = Range {
        minimum: Some(0.0),
        exclusive_minimum: true,
        multiple_of: Some(0.01),
        ..Range::default()
    };
    v.range(&Path::ROOT.field("a"), 0.0_f64, r);
    v.range(
        &Path::ROOT.field("b"),
        rust_decimal::Decimal::new(1234, 3),
        r,
    );
    v.range(
        &Path::ROOT.field("c"),
        rust_decimal::Decimal::new(123, 2),
        r,
    );
    let err = v.finish().unwrap_err();
    assert_eq!(err.violations.len(), 2, "{err}");
    assert_eq!(err.violations[0].path, "a");
    assert_eq!(err.violations[1].path, "b");
}

#[test]
fn lengths_count_characters() {
    let mut v = Validator::default();
    v.length(&Path::ROOT, "ééé", Some(3), Some(3));
    assert!(v.finish().is_ok());
}
