//! A whole query string from one value (OpenAPI 3.2 `in: querystring`):
//! written by the same encoders as the rest of this module.

use percent_encoding::{AsciiSet, utf8_percent_encode};
use serde::Serialize;

use super::{PropertyEncoding, UNRESERVED, Wire, body};
use crate::request::RequestParts;

/// How a parameter `in: querystring` writes its value, by the media type
/// of its `content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryString<'e> {
    /// `application/x-www-form-urlencoded`: an object's properties as
    /// `name=value` pairs, exactly as a form body writes them (a space is
    /// `+`, nested values in bracket notation), following the `encoding`
    /// entries of the properties they name.
    Form(&'e [PropertyEncoding]),
    /// A JSON media type: the value's JSON text, percent-encoded.
    Json,
    /// Any other media type (`text/plain`): the value, a string, is the
    /// query string; characters a query cannot hold are percent-encoded
    /// (`%` too, unless it starts a percent-encoded triple).
    Text,
}

/// What a query may hold as it is (RFC 3986 `query`): unreserved
/// characters, sub-delimiters, `:`, `@`, `/` and `?`. `%` is decided
/// apart, since a valid triple stays.
const QUERY_TEXT: &AsciiSet = &UNRESERVED
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?');

/// `text` made fit for a query: percent-encoded triples are kept.
fn query_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.extend(utf8_percent_encode(&rest[..at], QUERY_TEXT));
        let after = &rest.as_bytes()[at + 1..];
        let triple =
            after.len() >= 2 && after[0].is_ascii_hexdigit() && after[1].is_ascii_hexdigit();
        out.push_str(if triple { "%" } else { "%25" });
        rest = &rest[at + 1..];
    }
    out.extend(utf8_percent_encode(rest, QUERY_TEXT));
    out
}

impl RequestParts {
    /// The whole query string from `value` (a parameter `in: querystring`,
    /// named `name` in errors), written as `how` says; `None` leaves it
    /// out. Other query parameters, if any, follow it.
    pub fn query_string<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        how: QueryString<'_>,
        value: &T,
    ) -> &mut Self {
        let wire = match super::to_wire(value) {
            Ok(Wire::Null) => return self,
            Ok(wire) => wire,
            Err(e) => {
                self.fail(format!(
                    "the query string {name:?} could not be serialized: {e}"
                ));
                return self;
            }
        };
        let written = match how {
            QueryString::Form(encoding) => body::form(&wire, encoding)
                .map_err(|why| format!("the query string {name:?}: {why}")),
            QueryString::Json => wire
                .to_json()
                .map(|json| utf8_percent_encode(&json, UNRESERVED).to_string())
                .map_err(|e| format!("the query string {name:?} has no JSON text: {e}")),
            QueryString::Text => match &wire {
                Wire::String(text) => Ok(query_text(text)),
                _ => Err(format!(
                    "the query string {name:?} is not a string, which its media type needs"
                )),
            },
        };
        match written {
            Ok(query) => {
                // Ahead of any other query parameter: it is the query string.
                let rest = std::mem::take(&mut self.query);
                self.push_query(&query);
                self.push_query(&rest);
            }
            Err(problem) => self.fail(problem),
        }
        self
    }
}

#[cfg(test)]
mod tests {
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
}
