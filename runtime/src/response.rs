//! Responses: the raw answer, and typed success values with their status
//! and headers still reachable.

use std::marker::PhantomData;
use std::ops::Deref;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Error, NoDocumentedErrors};
use crate::headers::TypedHeaders;

/// A successful, decoded response.
///
/// `H` is the operation's struct of declared response headers
/// (`CreateCashierHeaders`), read by [`Response::typed_headers`]; `()` for an
/// operation that declares none.
#[derive(Debug, Clone)]
pub struct Response<T, H = ()> {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: T,
    /// The idempotency key the request carried, whether given or generated,
    /// so a caller can retry the same operation later with the same key.
    pub idempotency_key: Option<String>,
    typed: PhantomData<fn() -> H>,
}

impl<T> Response<T> {
    /// A response from its parts (for the runtime's own answers, such as streams).
    pub(crate) fn from_parts(
        status: StatusCode,
        headers: HeaderMap,
        body: T,
        idempotency_key: Option<String>,
    ) -> Self {
        Response {
            status,
            headers,
            body,
            idempotency_key,
            typed: PhantomData,
        }
    }
}

impl<T, H> Response<T, H> {
    /// A response with this status and body, no headers: what a stand-in
    /// for the API (an implementation of its trait in tests) returns.
    pub fn new(status: u16, body: T) -> Self {
        Response {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            headers: HeaderMap::new(),
            body,
            idempotency_key: None,
            typed: PhantomData,
        }
    }

    /// The decoded body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U, H> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
            idempotency_key: self.idempotency_key,
            typed: PhantomData,
        }
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The same response, reading its declared headers as `H2` (generated
    /// code uses it for operations that declare response headers).
    pub fn with_typed_headers<H2: TypedHeaders>(self) -> Response<T, H2> {
        Response {
            status: self.status,
            headers: self.headers,
            body: self.body,
            idempotency_key: self.idempotency_key,
            typed: PhantomData,
        }
    }
}

impl<T, H: TypedHeaders> Response<T, H> {
    /// The headers the spec declares for this operation, typed (`Location`,
    /// rate-limit counters), decoded from [`Response::headers`] on each call.
    /// Never fails: see [`crate::headers`].
    pub fn typed_headers(&self) -> H {
        H::from_headers(&self.headers)
    }
}

impl<T, H> Deref for Response<T, H> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.body
    }
}

/// One way to read an answer: a documented success's decoding.
pub type Reading<T, E> = fn(RawResponse) -> Result<Response<T>, Error<E>>;

/// An operation's documented error responses, read from an answer whose
/// status is not a success. Each error enum whose operations read their
/// one success with [`Call::json`](crate::Call::json) (or `text`, `empty`)
/// implements it, so the status dispatch of its errors is written once.
pub trait ReadError: Sized {
    /// The error `raw` is: a documented one, or an unexpected status.
    fn read_error(raw: RawResponse) -> Error<Self>;
}

/// Every status is unexpected where none is documented.
impl ReadError for NoDocumentedErrors {
    fn read_error(raw: RawResponse) -> Error<Self> {
        raw.unexpected()
    }
}

/// The answer as it came off the wire, before the generated code decodes
/// it according to its status.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub idempotency_key: Option<String>,
}

impl RawResponse {
    fn wrap<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            body,
            idempotency_key: self.idempotency_key,
            typed: PhantomData,
        }
    }

    fn decode<T: DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
        serde_json::from_slice(self.json_body()).map_err(|source| self.decode_error(source))
    }

    /// The body as JSON text. An empty body decodes as JSON `null`, so an
    /// empty object type or `()` still decodes when a server sends nothing.
    fn json_body(&self) -> &[u8] {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        }
    }

    /// The error of a body that does not decode: apart from
    /// [`RawResponse::decode`], which is compiled for every type read, as
    /// it depends on the error type alone.
    fn decode_error<E>(&self, source: serde_json::Error) -> Error<E> {
        Error::Decode {
            status: self.status,
            headers: Box::new(self.headers.clone()),
            body: self.body.clone(),
            source,
        }
    }

    /// Decodes a JSON success body.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        let body = self.decode::<T, E>()?;
        Ok(self.wrap(body))
    }

    /// A success without a body (the body, if any, is ignored).
    pub fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(self.wrap(()))
    }

    /// A success whose body is text.
    pub fn text<E>(self) -> Result<Response<String>, Error<E>> {
        let text = String::from_utf8_lossy(&self.body).into_owned();
        Ok(self.wrap(text))
    }

    /// A success whose body is bytes (`application/octet-stream` and others).
    pub fn bytes<E>(self) -> Result<Response<Bytes>, Error<E>> {
        let body = self.body.clone();
        Ok(self.wrap(body))
    }

    /// A documented error status with a JSON body, typed through `wrap`.
    pub fn api_error<T: DeserializeOwned, E>(self, wrap: impl FnOnce(T) -> E) -> Error<E> {
        match self.decode::<T, E>() {
            Ok(body) => self.api_error_with(wrap(body)),
            Err(e) => e,
        }
    }

    /// A documented error status whose body is not JSON, or absent.
    pub fn api_error_with<E>(self, body: E) -> Error<E> {
        Error::Api(Box::new(ApiError {
            status: self.status,
            headers: self.headers,
            body,
            raw: self.body,
        }))
    }

    /// A success status the spec does not document (a `201` where it says
    /// `200`): the first documented success whose reading fits the body,
    /// tried in the order given, keeping the status the server sent. A
    /// body none of them fits is [`Error::UnexpectedStatus`].
    pub fn undeclared_success<T, E>(
        self,
        readings: &[Reading<T, E>],
    ) -> Result<Response<T>, Error<E>> {
        for read in readings {
            if let Ok(response) = read(self.clone()) {
                return Ok(response);
            }
        }
        Err(self.unexpected())
    }

    /// Any 2XX of an operation that documents one success status whole,
    /// `declared`: read as documented when the status is `declared`;
    /// otherwise (a `201` where the spec says `200`) as
    /// [`undeclared_success`](Self::undeclared_success) with that one reading.
    pub fn success<T, E>(
        self,
        declared: u16,
        read: Reading<T, E>,
    ) -> Result<Response<T>, Error<E>> {
        if self.status.as_u16() == declared {
            read(self)
        } else {
            self.undeclared_success(&[read])
        }
    }

    /// A status the spec does not document.
    pub fn unexpected<E>(self) -> Error<E> {
        Error::UnexpectedStatus {
            status: self.status,
            headers: Box::new(self.headers),
            body: self.body,
        }
    }
}
