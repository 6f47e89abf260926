//! The [`RequestParts`] methods that put parameters and bodies on the
//! wire through this module's styles and encodings.

use std::fmt;

use reqwest::Method;
use serde::Serialize;

use super::params::{self, Codec, Location, PairStyle, Pairs, problem};
use super::{Param, PropertyEncoding, Wire, body, to_wire};
use crate::request::{RequestParts, is_dot_segment};

impl RequestParts {
    /// Starts a request. `template` is the path with a placeholder for each
    /// path parameter (`{}`, or `{name}` as the spec writes it), filled in
    /// order by [`path_param`](Self::path_param); a placeholder left
    /// unfilled makes the request invalid.
    pub fn start(method: Method, template: &str) -> Self {
        let mut parts = RequestParts::empty(method);
        match split_placeholder(template) {
            Some((first, rest)) => {
                parts.path.push_str(first);
                parts.path_rest = Some(rest.to_string());
            }
            None => parts.path.push_str(template),
        }
        parts
    }

    /// Starts the request of operation `name` (`fetch_payout`), sent with
    /// HTTP method `method` (`GET`, or one without a `Method` constant such
    /// as `QUERY`; a name that is not an HTTP token makes the request
    /// invalid), whose path the spec writes as `path`
    /// (`/public/payout/{payoutId}`): each `{..}` placeholder is filled in
    /// order by [`path_param`](Self::path_param). Traces show `name` and
    /// `path`, never the filled path.
    pub fn for_operation(method: &str, name: &'static str, path: &'static str) -> Self {
        let mut parts = Self::start_custom(method, path);
        parts.operation(name, path);
        parts
    }

    /// Puts an encoded path segment in the next placeholder.
    pub(crate) fn fill_path(&mut self, segment: Result<String, String>) {
        let Some(rest) = self.path_rest.take() else {
            self.fail("more path parameters than placeholders in the path".into());
            return;
        };
        match segment {
            Ok(segment) => self.path.push_str(&segment),
            Err(problem) => self.fail(problem),
        }
        match split_placeholder(&rest) {
            Some((piece, after)) => {
                self.path.push_str(piece);
                self.path_rest = Some(after.to_string());
            }
            None => self.path.push_str(&rest),
        }
    }

    /// `value` as a wire value; `what` names it in the problem recorded
    /// when it cannot be serialized (made only then: this runs for every
    /// parameter of every request).
    fn wire<T: Serialize + ?Sized, W: fmt::Display>(
        &mut self,
        what: impl FnOnce() -> W,
        value: &T,
    ) -> Option<Wire> {
        match to_wire(value) {
            Ok(wire) => Some(wire),
            Err(e) => {
                self.fail(format!("the {} could not be serialized: {e}", what()));
                None
            }
        }
    }

    /// A path parameter in the default style, `simple` and not exploded:
    /// [`path_param`](Self::path_param) of [`Param::simple`].
    pub fn path<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> &mut Self {
        self.path_param(&Param::simple(name, false), value)
    }

    /// A query parameter in the default style, `form` and exploded:
    /// [`query_param`](Self::query_param) of [`Param::form`].
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> &mut Self {
        self.query_param(&Param::form(name, true), value)
    }

    /// A header parameter in the default style, `simple` and not exploded:
    /// [`header_param`](Self::header_param) of [`Param::simple`].
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> &mut Self {
        self.header_param(&Param::simple(name, false), value)
    }

    /// A cookie parameter in the default style, `form` and exploded:
    /// [`cookie_param`](Self::cookie_param) of [`Param::form`].
    pub fn cookie<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> &mut Self {
        self.cookie_param(&Param::form(name, true), value)
    }

    /// A path parameter in `simple`, `label` or `matrix` style (or JSON):
    /// everything but RFC 3986 unreserved characters is percent-encoded,
    /// the style's `.`, `;`, `=` and `,` are literal. A value that would
    /// leave its segment or change the path (empty, `.`, `..`) is refused.
    pub fn path_param<T: Serialize + ?Sized>(&mut self, param: &Param, value: &T) -> &mut Self {
        let what = || format!("path parameter {:?}", param.name);
        let segment = match self.wire(what, value) {
            Some(wire) => params::path(param, &wire).and_then(|text| {
                if text.is_empty() {
                    Err(format!("the {} is empty", what()))
                } else if is_dot_segment(&text) {
                    Err(format!("the {} would change the path: {text:?}", what()))
                } else {
                    Ok(text)
                }
            }),
            None => Ok(String::new()),
        };
        self.fill_path(segment);
        self
    }

    /// A query parameter in `form`, `spaceDelimited`, `pipeDelimited` or
    /// `deepObject` style, or JSON (`content: application/json`). `None`
    /// leaves it out. Values are percent-encoded (a space is `%20`) except
    /// for the reserved characters [`Param::allow_reserved`] keeps; see the
    /// [module docs](crate::wire) for the exact sets.
    pub fn query_param<T: Serialize + ?Sized>(&mut self, param: &Param, value: &T) -> &mut Self {
        let Some(wire) = self.wire(|| format!("query parameter {:?}", param.name), value) else {
            return self;
        };
        let how = PairStyle {
            codec: Codec::Query,
            style: param.style,
            explode: param.explode,
            reserved: param.allow_reserved,
            brackets: false,
        };
        let mut out = Pairs::default();
        match params::pairs(&mut out, how, param.name, &wire) {
            Ok(()) => self.push_query(&out.0),
            Err(why) => self.fail(problem(
                Location::Query,
                param.name,
                param.style,
                param.explode,
                why,
            )),
        }
        self
    }

    /// A header parameter in `simple` style (or JSON), not percent-encoded.
    /// `None` leaves it out; control characters are refused.
    pub fn header_param<T: Serialize + ?Sized>(&mut self, param: &Param, value: &T) -> &mut Self {
        let Some(wire) = self.wire(|| format!("header parameter {:?}", param.name), value) else {
            return self;
        };
        match params::header(param, &wire) {
            Ok(Some(text)) => self.push_header(param.name, text),
            Ok(None) => {}
            Err(problem) => self.fail(problem),
        }
        self
    }

    /// A cookie parameter in `form` style (or JSON): `name=value`, exploded
    /// arrays and objects as separate cookies; characters outside RFC
    /// 6265's cookie-octets are percent-encoded. All cookies of a request
    /// share one `Cookie` header. `None` leaves it out.
    pub fn cookie_param<T: Serialize + ?Sized>(&mut self, param: &Param, value: &T) -> &mut Self {
        let Some(wire) = self.wire(|| format!("cookie parameter {:?}", param.name), value) else {
            return self;
        };
        match params::cookie(param, &wire) {
            Ok(cookies) => self.cookies.extend(cookies),
            Err(problem) => self.fail(problem),
        }
        self
    }

    /// An `application/x-www-form-urlencoded` body from an object,
    /// following `encoding` for the properties it names. Properties
    /// without an entry: `k=v`, arrays `k=a&k=b`, nested objects and
    /// arrays of objects in bracket notation (`address[city]=Atlanta`,
    /// `items[0][price]=p`). Null properties are left out.
    pub fn form_body<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        encoding: &[PropertyEncoding],
    ) -> &mut Self {
        let Some(wire) = self.wire(|| "form body", body) else {
            return self;
        };
        match body::form(&wire, encoding) {
            Ok(text) => {
                self.body = Some(("application/x-www-form-urlencoded".into(), text.into()));
            }
            Err(problem) => self.fail(problem),
        }
        self
    }

    /// A `multipart/form-data` body from an object: one part per property,
    /// one per item of an array. Text parts have no `Content-Type`, objects
    /// and arrays are JSON, a [`FilePart`](super::FilePart) is a file part
    /// with its name and type; an `encoding` entry's `content_type`
    /// replaces the default. Null properties are left out.
    pub fn multipart_body<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        encoding: &[PropertyEncoding],
    ) -> &mut Self {
        let Some(wire) = self.wire(|| "multipart body", body) else {
            return self;
        };
        let boundary = format!("codegen-{}", uuid::Uuid::new_v4().simple());
        match body::multipart(&wire, encoding, &boundary) {
            Ok(bytes) => {
                let content_type = format!("multipart/form-data; boundary={boundary}");
                self.body = Some((content_type.into(), bytes.into()));
            }
            Err(problem) => self.fail(problem),
        }
        self
    }

    /// A JSON body under `content_type`, any JSON media type
    /// (`application/merge-patch+json`, `application/vnd.api+json`).
    pub fn json_body<T: Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        body: &T,
    ) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((content_type.into(), bytes.into())),
            Err(e) => self.fail(format!("the body could not be serialized: {e}")),
        }
        self
    }
}

/// The text before a path template's first placeholder (`{..}`) and the
/// text after it; `None` without one (an unclosed `{` is text).
fn split_placeholder(template: &str) -> Option<(&str, &str)> {
    let open = template.find('{')?;
    let close = open + template[open..].find('}')?;
    Some((&template[..open], &template[close + 1..]))
}

#[cfg(test)]
mod placeholder_tests {
    #[test]
    fn each_template_expression_is_one_placeholder() {
        let p = super::split_placeholder;
        assert_eq!(
            p("/public/payout/{payoutId}/confirm"),
            Some(("/public/payout/", "/confirm"))
        );
        assert_eq!(p("/a/{}.{c}"), Some(("/a/", ".{c}")));
        assert_eq!(p("/plain"), None);
        assert_eq!(p("/open/{x"), None);
    }
}
