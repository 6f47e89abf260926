//! Typed response headers.
//!
//! For an operation whose responses declare headers, the generator emits a
//! struct with one `Option` field per declared header (`CreateCashierHeaders`)
//! and implements [`TypedHeaders`] for it. A successful call returns a
//! [`Response<T, H>`](crate::Response) whose
//! [`typed_headers`](crate::Response::typed_headers) decodes it; a documented
//! error's [`ApiError::typed_headers`](crate::ApiError::typed_headers) does the
//! same through [`ErrorHeaders`], implemented for the operation's error enum.
//!
//! Decoding never fails: an absent header is `None`, and so is a header that
//! is present but does not read as its declared type; the struct lists the
//! latter by name (`malformed`), and the raw text stays in the header map. A
//! created payment is never reported as failed because of a header.

use std::str::FromStr;

use reqwest::header::HeaderMap;

/// The typed headers of one operation's responses, decoded from a header map.
pub trait TypedHeaders: Sized {
    /// Reads every declared header; never fails (see the module docs).
    fn from_headers(headers: &HeaderMap) -> Self;
}

/// An operation that declares no response headers.
impl TypedHeaders for () {
    fn from_headers(_: &HeaderMap) -> Self {}
}

/// Links an operation's error enum to the typed headers of its responses,
/// so that [`ApiError::typed_headers`](crate::ApiError::typed_headers) knows
/// what to decode.
pub trait ErrorHeaders {
    type Headers: TypedHeaders;
}

/// Reads declared headers one by one and remembers which did not parse;
/// used by the generated [`TypedHeaders`] impls.
#[derive(Debug)]
pub struct HeaderReader<'a> {
    headers: &'a HeaderMap,
    malformed: Vec<&'static str>,
}

impl<'a> HeaderReader<'a> {
    pub fn new(headers: &'a HeaderMap) -> Self {
        HeaderReader {
            headers,
            malformed: Vec::new(),
        }
    }

    /// The first value of `name` as a `T`; `None` when absent or malformed.
    pub fn value<T: FromStr>(&mut self, name: &'static str) -> Option<T> {
        let value = self.headers.get(name)?;
        let parsed = value
            .to_str()
            .ok()
            .and_then(|text| text.trim().parse().ok());
        if parsed.is_none() {
            self.malformed.push(name);
        }
        parsed
    }

    /// Every comma-separated value of `name`, over all its lines (the
    /// `simple` style of an array header); `None` when absent or when any
    /// element is malformed.
    pub fn values<T: FromStr>(&mut self, name: &'static str) -> Option<Vec<T>> {
        let mut lines = self.headers.get_all(name).iter().peekable();
        lines.peek()?;
        let mut out = Vec::new();
        for line in lines {
            let Ok(text) = line.to_str() else {
                self.malformed.push(name);
                return None;
            };
            for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match part.parse() {
                    Ok(v) => out.push(v),
                    Err(_) => {
                        self.malformed.push(name);
                        return None;
                    }
                }
            }
        }
        Some(out)
    }

    /// The declared headers that were present but malformed, by name.
    pub fn finish(self) -> Vec<&'static str> {
        self.malformed
    }
}

#[cfg(test)]
mod tests;
