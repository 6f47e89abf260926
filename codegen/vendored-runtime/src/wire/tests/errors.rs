//! Values a style cannot express: errors naming the parameter, recorded
//! before anything is sent.

use std::collections::BTreeMap;

use serde::Serialize;

use super::params::{parts, refused};
use crate::runtime::wire::{Param, Style};

#[derive(Debug, Clone, Copy)]
enum At {
    Query,
    Path,
    Header,
    Cookie,
}

fn attempt<T: Serialize + ?Sized>(at: At, param: Param, value: &T) -> String {
    refused(|p| {
        match at {
            At::Query => p.query_param(&param, value),
            At::Path => p.path_param(&param, value),
            At::Header => p.header_param(&param, value),
            At::Cookie => p.cookie_param(&param, value),
        };
    })
}

#[test]
fn values_a_style_cannot_express_are_errors_naming_the_parameter() {
    use serde_json::json;
    let in_array = "an array or object inside an array";
    let in_object = "an array or object inside an object";
    let cases = [
        (At::Query, Style::Form, false, json!([[1, 2]]), in_array),
        (At::Query, Style::Form, true, json!([{"a": 1}]), in_array),
        (
            At::Query,
            Style::Form,
            false,
            json!({"u": {"a": 1}}),
            in_object,
        ),
        (
            At::Query,
            Style::Form,
            true,
            json!({"tags": [1]}),
            in_object,
        ),
        (
            At::Query,
            Style::SpaceDelimited,
            false,
            json!([[1]]),
            in_array,
        ),
        (
            At::Query,
            Style::PipeDelimited,
            true,
            json!([{"a": 1}]),
            in_array,
        ),
        (At::Path, Style::Simple, false, json!([[1]]), in_array),
        (
            At::Path,
            Style::Label,
            true,
            json!({"u": {"a": 1}}),
            in_object,
        ),
        (At::Path, Style::Matrix, true, json!([{"a": 1}]), in_array),
        (
            At::Header,
            Style::Simple,
            true,
            json!({"u": [1]}),
            in_object,
        ),
        (At::Cookie, Style::Form, true, json!([[1]]), in_array),
        (
            At::Query,
            Style::Label,
            false,
            json!(1),
            "the style is not one for the query or form bodies",
        ),
        (
            At::Path,
            Style::Form,
            false,
            json!(1),
            "the style is not one for paths",
        ),
        (
            At::Header,
            Style::Form,
            false,
            json!(1),
            "the style is not one for headers",
        ),
        (
            At::Cookie,
            Style::Simple,
            false,
            json!(1),
            "the style is not one for cookies",
        ),
    ];
    for (at, style, explode, value, why) in cases {
        let problem = attempt(at, Param::new("ids", style, explode), &value);
        let expected =
            format!("\"ids\" cannot be written in style {style} (explode {explode}): {why}");
        assert!(problem.ends_with(&expected), "{at:?}: {problem}");
    }
    assert_eq!(
        attempt(At::Query, Param::new("ids", Style::Form, false), &[[1]]),
        "the query parameter \"ids\" cannot be written in style form (explode false): \
         an array or object inside an array"
    );
    let deep = Param::new("ids", Style::DeepObject, true);
    let file = attempt(At::Query, deep, &crate::runtime::FilePart::new("x"));
    assert!(file.ends_with("\"ids\" cannot be written in style deepObject (explode true): a file cannot be a parameter"), "{file}");
    assert_eq!(
        attempt(At::Query, deep, &f64::NAN),
        "the query parameter \"ids\" could not be serialized: the number NaN cannot be written"
    );
    let key = attempt(At::Cookie, deep, &BTreeMap::from([((1, 2), 3)]));
    assert!(
        key.ends_with("\"ids\" could not be serialized: a map key must be a string or a number"),
        "{key}"
    );
}

#[test]
fn the_first_problem_is_kept_and_nothing_is_half_written() {
    let mut p = parts();
    p.query_param(&Param::new("a", Style::Form, true), &[1]);
    p.query_param(
        &Param::new("b", Style::DeepObject, true),
        &vec![vec![1], vec![2, 3]],
    );
    p.query_param(&Param::new("c", Style::Form, false), &vec![vec![1]]);
    p.query_param(&Param::new("d", Style::Form, false), &vec![vec![1]]);
    assert_eq!(p.query, "a=1&b[0][0]=1&b[1][0]=2&b[1][1]=3");
    assert!(p.invalid.unwrap().contains("\"c\""));
}
