//! Tests of `wire::querystring`.

use serde::Serialize;
use serde_json::json;

use super::*;
use crate::wire::Style;
use reqwest::Method;

#[derive(Serialize)]
struct Search {
    q: &'static str,
    tags: Vec<&'static str>,
    page: Option<u32>,
    filter: Filter,
}

#[derive(Serialize)]
struct Filter {
    min: u32,
}

fn query(how: QueryString<'_>, value: &impl Serialize) -> Result<String, String> {
    let mut parts = RequestParts::start(Method::GET, "/search");
    parts.query_string("search", how, value);
    match parts.problem() {
        Some(problem) => Err(problem),
        None => Ok(parts.query),
    }
}

#[test]
fn a_form_query_string_is_the_form_body_encoder_s_output() {
    let search = Search {
        q: "red shoes & more",
        tags: vec!["a", "b"],
        page: None,
        filter: Filter { min: 3 },
    };
    assert_eq!(
        query(QueryString::Form(&[]), &search).unwrap(),
        "q=red+shoes+%26+more&tags=a&tags=b&filter[min]=3"
    );
    static ENCODING: &[PropertyEncoding] =
        &[PropertyEncoding::new("tags").style(Style::Form, false)];
    assert_eq!(
        query(QueryString::Form(ENCODING), &search).unwrap(),
        "q=red+shoes+%26+more&tags=a,b&filter[min]=3"
    );
    assert!(
        query(QueryString::Form(&[]), &json!([1, 2]))
            .unwrap_err()
            .contains("\"search\"")
    );
}

#[test]
fn json_and_text_query_strings() {
    assert_eq!(
        query(QueryString::Json, &json!({"a": [1, "x y"]})).unwrap(),
        "%7B%22a%22%3A%5B1%2C%22x%20y%22%5D%7D"
    );
    assert_eq!(
        query(QueryString::Text, &"a=1&b=c d&e=%2F&f=100%").unwrap(),
        "a=1&b=c%20d&e=%2F&f=100%25"
    );
    assert!(query(QueryString::Text, &5).is_err());
}

#[test]
fn an_absent_query_string_is_left_out_and_others_follow_it() {
    assert_eq!(query(QueryString::Json, &None::<u8>).unwrap(), "");
    let mut parts = RequestParts::start(Method::GET, "/search");
    parts.query_param(&crate::wire::Param::new("x", Style::Form, true), &1);
    parts.query_string("search", QueryString::Text, "q=1");
    assert_eq!(parts.query, "q=1&x=1");
}
