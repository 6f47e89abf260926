//! Parameter styles: a [`Wire`] value written for the path, the query, a
//! header or a cookie, as the OpenAPI style tables define them.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, utf8_percent_encode};

use super::{
    COOKIE, COOKIE_NAME, FORM_RESERVED, Param, QUERY_NAME, QUERY_RESERVED, Style, UNRESERVED, Wire,
};

/// Where a parameter goes, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Path,
    Query,
    Header,
    Cookie,
    FormBody,
}

impl Location {
    fn what(self) -> &'static str {
        match self {
            Location::Path => "path parameter",
            Location::Query => "query parameter",
            Location::Header => "header parameter",
            Location::Cookie => "cookie parameter",
            Location::FormBody => "form property",
        }
    }
}

/// The message for a value `style` cannot express.
pub(crate) fn problem(
    location: Location,
    name: &str,
    style: Style,
    explode: bool,
    why: &str,
) -> String {
    format!(
        "the {} {name:?} cannot be written in style {style} (explode {explode}): {why}",
        location.what()
    )
}

fn failing(location: Location, param: Param) -> impl Fn(&str) -> String {
    move |why| problem(location, param.name, param.style, param.explode, why)
}

fn encode<'a>(text: &'a str, set: &'static AsciiSet) -> Cow<'a, str> {
    utf8_percent_encode(text, set).into()
}

/// A value with at most one level of nesting, as the RFC 6570 styles take
/// them. Null items and properties are left out.
enum Flat<'a> {
    Scalar(&'a str),
    List(Vec<&'a str>),
    Object(Vec<(&'a str, &'a str)>),
}

fn flatten(value: &Wire) -> Result<Option<Flat<'_>>, &'static str> {
    Ok(Some(match value {
        Wire::Null => return Ok(None),
        Wire::File(_) => return Err("a file cannot be a parameter"),
        Wire::Seq(items) => Flat::List(
            items
                .iter()
                .filter(|item| !matches!(item, Wire::Null))
                .map(|item| item.as_text().ok_or("an array or object inside an array"))
                .collect::<Result<_, _>>()?,
        ),
        Wire::Map(props) => Flat::Object(
            props
                .iter()
                .filter(|(_, v)| !matches!(v, Wire::Null))
                .map(|(k, v)| {
                    v.as_text()
                        .map(|v| (k.as_str(), v))
                        .ok_or("an array or object inside an object")
                })
                .collect::<Result<_, _>>()?,
        ),
        scalar => Flat::Scalar(scalar.as_text().unwrap_or_default()),
    }))
}

/// The items of a list or object (keys and values alternating, or
/// `key=value` when exploded), each encoded with `enc`.
fn items(flat: &Flat<'_>, explode: bool, enc: &dyn Fn(&str) -> String) -> Vec<String> {
    match flat {
        Flat::Scalar(v) => vec![enc(v)],
        Flat::List(items) => items.iter().map(|v| enc(v)).collect(),
        Flat::Object(props) if explode => props
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect(),
        Flat::Object(props) => props.iter().flat_map(|(k, v)| [enc(k), enc(v)]).collect(),
    }
}

fn json(value: &Wire) -> Result<String, &'static str> {
    value.to_json().map_err(|_| "the value has no JSON text")
}

/// A path parameter: `simple`, `label`, `matrix` or JSON.
pub(crate) fn path(param: &Param, value: &Wire) -> Result<String, String> {
    let fail = failing(Location::Path, *param);
    if *value == Wire::Null {
        return Err(format!("the path parameter {:?} has no value", param.name));
    }
    let enc = |s: &str| encode(s, UNRESERVED).into_owned();
    let flat = match param.style {
        Style::Json => return Ok(enc(&json(value).map_err(&fail)?)),
        Style::Simple | Style::Label | Style::Matrix => match flatten(value).map_err(&fail)? {
            Some(flat) => flat,
            None => return Err(fail("no value")),
        },
        _ => return Err(fail("the style is not one for paths")),
    };
    let explode = param.explode;
    Ok(match param.style {
        Style::Label => format!(
            ".{}",
            items(&flat, explode, &enc).join(if explode { "." } else { "," })
        ),
        Style::Matrix => {
            let pair = |n: &str, v: &str| match v {
                "" => format!(";{n}"),
                v => format!(";{n}={v}"),
            };
            let name = enc(param.name);
            match &flat {
                Flat::List(list) if explode => list.iter().map(|v| pair(&name, &enc(v))).collect(),
                Flat::Object(props) if explode => {
                    props.iter().map(|(k, v)| pair(&enc(k), &enc(v))).collect()
                }
                _ => pair(&name, &items(&flat, false, &enc).join(",")),
            }
        }
        _ => items(&flat, explode, &enc).join(","),
    })
}

/// A header parameter: `simple` or JSON, nothing encoded.
pub(crate) fn header(param: &Param, value: &Wire) -> Result<Option<String>, String> {
    let fail = failing(Location::Header, *param);
    let text = match param.style {
        Style::Json if *value == Wire::Null => return Ok(None),
        Style::Json => json(value).map_err(&fail)?,
        Style::Simple => match flatten(value).map_err(&fail)? {
            Some(flat) => items(&flat, param.explode, &|s| s.to_string()).join(","),
            None => return Ok(None),
        },
        _ => return Err(fail("the style is not one for headers")),
    };
    Ok(Some(text))
}

/// A cookie parameter: `form` or JSON; each entry is one `name=value`.
pub(crate) fn cookie(param: &Param, value: &Wire) -> Result<Vec<String>, String> {
    let fail = failing(Location::Cookie, *param);
    let enc = |s: &str| encode(s, COOKIE).into_owned();
    let name = encode(param.name, COOKIE_NAME);
    let flat = match param.style {
        Style::Json if *value == Wire::Null => return Ok(Vec::new()),
        Style::Json => {
            return Ok(vec![format!(
                "{name}={}",
                enc(&json(value).map_err(&fail)?)
            )]);
        }
        Style::Form => match flatten(value).map_err(&fail)? {
            Some(flat) => flat,
            None => return Ok(Vec::new()),
        },
        _ => return Err(fail("the style is not one for cookies")),
    };
    Ok(match flat {
        Flat::List(list) if param.explode => {
            list.iter().map(|v| format!("{name}={}", enc(v))).collect()
        }
        Flat::Object(props) if param.explode => props
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k, COOKIE_NAME), enc(v)))
            .collect(),
        flat => vec![format!("{name}={}", items(&flat, false, &enc).join(","))],
    })
}

/// How names and values of `name=value` pairs are encoded: a query
/// string, or an `application/x-www-form-urlencoded` body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Codec {
    Query,
    Form,
}

impl Codec {
    /// A name from the spec.
    fn name(self, name: &str) -> String {
        match self {
            Codec::Query => encode(name, QUERY_NAME).into_owned(),
            Codec::Form => form_urlencoded::byte_serialize(name.as_bytes()).collect(),
        }
    }

    /// A key or value from the data.
    fn value(self, text: &str, reserved: bool) -> String {
        match (self, reserved) {
            (Codec::Query, false) => encode(text, UNRESERVED).into_owned(),
            (Codec::Query, true) => encode(text, QUERY_RESERVED).into_owned(),
            (Codec::Form, false) => form_urlencoded::byte_serialize(text.as_bytes()).collect(),
            // `%` is encoded, so every `%20` left is a space.
            (Codec::Form, true) => encode(text, FORM_RESERVED).replace("%20", "+"),
        }
    }
}

/// Collects `name=value` pairs joined by `&`.
#[derive(Debug, Default)]
pub(crate) struct Pairs(pub(crate) String);

impl Pairs {
    fn push(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(name);
        self.0.push('=');
        self.0.push_str(value);
    }
}

/// How a `name=value` parameter (query) or property (form body) is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PairStyle {
    pub(crate) codec: Codec,
    pub(crate) style: Style,
    pub(crate) explode: bool,
    pub(crate) reserved: bool,
    /// Form bodies: nested objects and arrays in form, explode style go
    /// out in bracket notation instead of being refused.
    pub(crate) brackets: bool,
}

/// Writes one query parameter or form property into `out`.
pub(crate) fn pairs(
    out: &mut Pairs,
    how: PairStyle,
    name: &str,
    value: &Wire,
) -> Result<(), &'static str> {
    let PairStyle {
        codec,
        style,
        explode,
        reserved,
        brackets,
    } = how;
    let enc = |s: &str| codec.value(s, reserved);
    let name = codec.name(name);
    match style {
        Style::Json => {
            if *value != Wire::Null {
                out.push(&name, &enc(&json(value)?));
            }
            return Ok(());
        }
        Style::DeepObject => return nested(out, codec, reserved, name, value),
        Style::Form | Style::SpaceDelimited | Style::PipeDelimited => {}
        _ => return Err("the style is not one for the query or form bodies"),
    }
    if brackets && explode && style == Style::Form {
        let composite = |w: &Wire| matches!(w, Wire::Seq(_) | Wire::Map(_));
        let deep = match value {
            Wire::Map(_) => true,
            Wire::Seq(items) => items.iter().any(composite),
            _ => false,
        };
        if deep {
            return nested(out, codec, reserved, name, value);
        }
    }
    let Some(flat) = flatten(value)? else {
        return Ok(());
    };
    match flat {
        Flat::Scalar(v) => out.push(&name, &enc(v)),
        Flat::List(list) if explode => list.iter().for_each(|v| out.push(&name, &enc(v))),
        Flat::Object(props) if explode => props
            .iter()
            .for_each(|(k, v)| out.push(&codec.value(k, false), &enc(v))),
        flat => {
            let separator = match style {
                Style::SpaceDelimited => "%20",
                Style::PipeDelimited => "|",
                _ => ",",
            };
            out.push(&name, &items(&flat, false, &enc).join(separator));
        }
    }
    Ok(())
}

/// Bracket notation: `name[key]=v`, `name[0]=v`, `name[0][key]=v`.
fn nested(
    out: &mut Pairs,
    codec: Codec,
    reserved: bool,
    name: String,
    value: &Wire,
) -> Result<(), &'static str> {
    match value {
        Wire::Null => {}
        Wire::File(_) => return Err("a file cannot be a parameter"),
        Wire::Seq(items) => {
            for (index, item) in items.iter().enumerate() {
                nested(out, codec, reserved, format!("{name}[{index}]"), item)?;
            }
        }
        Wire::Map(props) => {
            for (key, item) in props {
                let key = codec.value(key, false);
                nested(out, codec, reserved, format!("{name}[{key}]"), item)?;
            }
        }
        scalar => out.push(
            &name,
            &codec.value(scalar.as_text().unwrap_or_default(), reserved),
        ),
    }
    Ok(())
}
