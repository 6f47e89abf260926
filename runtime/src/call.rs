//! The future an operation's method returns.
//!
//! A method builds its request at once and hands it over with the function
//! that decodes the answer by status. The sending is one future shared by
//! every operation (retries, credentials, tracing), so a generated method is
//! a plain function: it holds no state machine of its own, and nothing in it
//! waits. Until it is first polled, a call takes the caller's choices for
//! this one request: an idempotency key, a timeout, a header, a retry policy.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::auth::BoxFuture;
use crate::client::ClientCore;
use crate::error::Error;
use crate::headers::TypedHeaders;
use crate::request::RequestParts;
use crate::response::{RawResponse, ReadError, Reading, Response};
use crate::retry::RetryPolicy;
use crate::validate::{Path, ValidationError, Validator};

/// How an operation reads an answer it got, whatever the status.
pub type Decode<T, E, H> = fn(RawResponse) -> Result<Response<T, H>, Error<E>>;

type Exchange<'a> =
    Pin<Box<dyn Future<Output = Result<RawResponse, Error<Infallible>>> + Send + 'a>>;

/// An operation's call: `.await` it for the typed answer. Nothing is sent
/// until it is first polled, and dropping it cancels the request.
///
/// Before awaiting it, a call takes options for this request alone:
///
/// ```no_run
/// # async fn example<T, E>(call: codegen_runtime::Call<'_, T, E>) {
/// use std::time::Duration;
/// let answer = call
///     .idempotency_key("order-2024-001")
///     .timeout(Duration::from_secs(5))
///     .header("x-request-id", "req-7")
///     .retry_policy(codegen_runtime::RetryPolicy::none())
///     .await;
/// # }
/// ```
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<'a, T, E, H = ()> {
    step: Step<'a>,
    read: Read<T, E, H>,
}

/// How a call reads the answer it gets.
enum Read<T, E, H> {
    /// The operation's own dispatch by status.
    ByStatus(Decode<T, E, H>),
    /// Any 2XX by `read` (as the one status the spec documents, `declared`,
    /// when it documents one), any other status by `error`.
    Success {
        declared: Option<u16>,
        read: Reading<T, E>,
        headers: fn(Response<T>) -> Response<T, H>,
        error: fn(RawResponse) -> Error<E>,
    },
}

impl<T, E, H> Read<T, E, H> {
    fn answer(&self, raw: RawResponse) -> Result<Response<T, H>, Error<E>> {
        match *self {
            Read::ByStatus(decode) => decode(raw),
            Read::Success { error, .. } if !raw.status.is_success() => Err(error(raw)),
            Read::Success {
                declared,
                read,
                headers,
                ..
            } => match declared {
                Some(code) => raw.success(code, read),
                None => read(raw),
            }
            .map(headers),
        }
    }
}

enum Step<'a> {
    /// Described, not sent yet: options may still change it.
    Ready(&'a ClientCore, Box<RequestParts>),
    Exchange(Exchange<'a>),
    /// The arguments broke the spec's constraints: nothing is sent.
    Refused(ValidationError),
    Done,
}

impl<'a, T, E, H> Call<'a, T, E, H> {
    /// A call that sends `parts` through `core` and reads the answer with `decode`.
    pub fn new(core: &'a ClientCore, parts: RequestParts, decode: Decode<T, E, H>) -> Self {
        Call {
            step: Step::Ready(core, Box::new(parts)),
            read: Read::ByStatus(decode),
        }
    }

    /// A call refused before sending: it ends in [`Error::Validation`].
    pub fn refused(error: ValidationError) -> Self {
        Call {
            step: Step::Refused(error),
            read: Read::ByStatus(|raw| Err(raw.unexpected())),
        }
    }

    /// Sends `key` as this request's idempotency key, in the header the
    /// operation's spec names (`Idempotency-Key` when it names none), and
    /// reuses it on every retry; the response reports it. A request with a
    /// key may be retried whatever its method. Without this, an operation
    /// whose spec declares an idempotency header sends a new UUID v4. A key
    /// longer than the spec allows refuses the call before sending.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.step.idempotency_key(key.into());
        self
    }

    /// Gives up on each attempt after `timeout` (instead of the client's).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        if let Some(parts) = self.step.parts() {
            parts.timeout = Some(timeout);
        }
        self
    }

    /// Sends this header too, over any the client or the operation sets
    /// under the same name. A name or value that is not a valid header
    /// fails the call with [`Error::InvalidRequest`] before sending.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        if let Some(parts) = self.step.parts() {
            parts.extra_headers.push((name.into(), value.into()));
        }
        self
    }

    /// Retries this request by `policy` instead of the client's
    /// ([`RetryPolicy::none`] for no retries). Only what may be retried
    /// is: a request with an idempotent method or an idempotency key.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        if let Some(parts) = self.step.parts() {
            parts.retry = Some(policy);
        }
        self
    }
}

/// What does not depend on the call's types is written here, once, where
/// each of `Call`'s methods would be compiled again for every answer type.
impl Step<'_> {
    /// The request, while it can still change (not refused, not sent).
    fn parts(&mut self) -> Option<&mut RequestParts> {
        match self {
            Step::Ready(_, parts) => Some(parts),
            _ => None,
        }
    }

    fn idempotency_key(&mut self, key: String) {
        let Some(parts) = self.parts() else {
            return;
        };
        if let Err(e) = keyed(parts, key) {
            *self = Step::Refused(e);
        }
    }

    /// Sends the request when first polled; the raw answer, or why there
    /// is none (refused, failed on the way, polled again once done).
    fn poll_answer(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Result<RawResponse, Error<Infallible>>> {
        let mut exchange = match std::mem::replace(self, Step::Done) {
            Step::Ready(core, parts) => Box::pin(core.send::<Infallible>(*parts)),
            Step::Exchange(exchange) => exchange,
            Step::Refused(error) => return Poll::Ready(Err(Error::Validation(error))),
            Step::Done => {
                return Poll::Ready(Err(Error::InvalidRequest(
                    "the call was polled again after it completed".into(),
                )));
            }
        };
        let answer = exchange.as_mut().poll(cx);
        if answer.is_pending() {
            *self = Step::Exchange(exchange);
        }
        answer
    }
}

/// A call's options held until the call is made: what an operation with
/// optional parameters (or a streamed answer) keeps while its parameters
/// are set (its `…Call` builder), then gives to its [`Call`] (or puts on
/// the request it streams, [`CallOptions::apply_to_parts`]), or, for another implementation of
/// the API's trait (a stand-in), to its sending method, which may read
/// them.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    idempotency_key: Option<String>,
    timeout: Option<Duration>,
    headers: Vec<(String, String)>,
    retry: Option<RetryPolicy>,
}

impl CallOptions {
    #[doc(hidden)]
    pub fn set_idempotency_key(&mut self, key: String) {
        self.idempotency_key = Some(key);
    }

    #[doc(hidden)]
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }

    #[doc(hidden)]
    pub fn add_header(&mut self, name: String, value: String) {
        self.headers.push((name, value));
    }

    #[doc(hidden)]
    pub fn set_retry_policy(&mut self, policy: RetryPolicy) {
        self.retry = Some(policy);
    }

    /// The idempotency key the caller set.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// The timeout per attempt the caller set.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// The headers the caller added, by name and value, in order.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The retry policy the caller set.
    pub fn retry_policy(&self) -> Option<&RetryPolicy> {
        self.retry.as_ref()
    }

    /// `call` with these options.
    pub fn apply<'a, T, E, H>(self, call: Call<'a, T, E, H>) -> Call<'a, T, E, H> {
        let mut call = call;
        self.apply_to(&mut call.step);
        call
    }

    /// Puts these options on a request sent without a [`Call`] (an answer
    /// that streams): its idempotency key, refused when longer than the
    /// spec allows, its timeout, headers and retry policy.
    pub fn apply_to_parts(self, parts: &mut RequestParts) -> Result<(), ValidationError> {
        if let Some(key) = self.idempotency_key {
            keyed(parts, key)?;
        }
        if let Some(timeout) = self.timeout {
            parts.timeout = Some(timeout);
        }
        parts.extra_headers.extend(self.headers);
        if let Some(policy) = self.retry {
            parts.retry = Some(policy);
        }
        Ok(())
    }

    fn apply_to(self, step: &mut Step<'_>) {
        let Some(parts) = step.parts() else {
            return;
        };
        if let Err(e) = self.apply_to_parts(parts) {
            *step = Step::Refused(e);
        }
    }
}

/// Sends `key` as the request's idempotency key, in the header the
/// operation's spec names (`Idempotency-Key` when it names none); refused
/// when longer than the spec allows.
fn keyed(parts: &mut RequestParts, key: String) -> Result<(), ValidationError> {
    let header = parts
        .idempotency
        .as_ref()
        .map_or_else(|| "Idempotency-Key".to_string(), |(h, _)| h.clone());
    if let Some(max) = parts.idempotency_max {
        let mut v = Validator::default();
        v.length(&Path::ROOT.field(&header), &key, None, Some(max));
        v.finish()?;
    }
    parts.idempotency_key(&header, Some(&key));
    Ok(())
}

/// What an API trait's sending method returns (`send_create_payout`): a
/// future of the operation's answer that can be sent between threads. An
/// `async fn` in an implementation is one.
pub trait Answer<T, E, H = ()>: Future<Output = crate::Result<T, E, H>> + Send {}

impl<F, T, E, H> Answer<T, E, H> for F where F: Future<Output = crate::Result<T, E, H>> + Send {}

/// A call made through an API's trait, for an operation without optional
/// parameters: the per-call options set on it, and what sends it, the
/// implementation's sending method (`send_create_payout`) given its
/// arguments; `.await` it for the answer, the future boxed once.
/// `api.create_payout(&request).idempotency_key("po-1").await`.
#[must_use = "a call sends nothing until it is awaited"]
pub struct ApiCall<'a, T, E, H = ()> {
    options: CallOptions,
    send: Sender<'a, T, E, H>,
}

/// What sends an [`ApiCall`], given its options.
type Sender<'a, T, E, H> =
    Box<dyn FnOnce(CallOptions) -> BoxFuture<'a, crate::Result<T, E, H>> + Send + 'a>;

impl<'a, T, E, H> ApiCall<'a, T, E, H> {
    /// The call that `send` makes, given the options set on it.
    #[doc(hidden)]
    pub fn new<F: Answer<T, E, H> + 'a>(send: impl FnOnce(CallOptions) -> F + Send + 'a) -> Self {
        ApiCall {
            options: CallOptions::default(),
            send: Box::new(move |options| Box::pin(send(options))),
        }
    }

    crate::__call_options!();
}

impl<'a, T, E, H> std::future::IntoFuture for ApiCall<'a, T, E, H> {
    type Output = crate::Result<T, E, H>;
    type IntoFuture = BoxFuture<'a, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        (self.send)(self.options)
    }
}

impl<T, E, H> fmt::Debug for ApiCall<'_, T, E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiCall")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// The per-call options of a generated call builder (a struct with an
/// `options: CallOptions` field), written once here.
#[doc(hidden)]
#[macro_export]
macro_rules! __call_options {
    () => {
        /// Sends this idempotency key (in the header the spec names, or
        /// `Idempotency-Key`); every retry reuses it.
        pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
            self.options.set_idempotency_key(key.into());
            self
        }

        /// Gives up on each attempt after `timeout` (instead of the client's).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.set_timeout(timeout);
            self
        }

        /// Sends this header too, over the client's and the operation's.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.add_header(name.into(), value.into());
            self
        }

        /// Retries this request by `policy` instead of the client's.
        pub fn retry_policy(mut self, policy: $crate::RetryPolicy) -> Self {
            self.options.set_retry_policy(policy);
            self
        }
    };
}

/// The body of a generated call builder's `IntoFuture` (its `Output`
/// written beside): awaited, the builder is sent through its API trait's
/// sending method, given the builder's kept arguments (`args.0`, ...), its
/// optional parameters (`params`) and its options, the future boxed once.
/// Written once here instead of in every builder:
/// `__send_through!(send_list_customers(args.0, params));`
#[doc(hidden)]
#[macro_export]
macro_rules! __send_through {
    ($send:ident ($($field:ident $(. $index:tt)?),*)) => {
        type IntoFuture = $crate::BoxFuture<'a, Self::Output>;

        fn into_future(self) -> Self::IntoFuture {
            ::std::boxed::Box::pin(self.client.$send($(self.$field $(. $index)?,)* self.options))
        }
    };
}

/// The calls of operations with one success, read the same way whatever
/// 2XX the server answers (the spec documents one status, `declared`, or a
/// range); any other status is read by the error type, `E`.
impl<'a, T, E: ReadError, H: TypedHeaders> Call<'a, T, E, H> {
    fn reading(
        core: &'a ClientCore,
        parts: RequestParts,
        declared: Option<u16>,
        read: Reading<T, E>,
    ) -> Self {
        Call {
            step: Step::Ready(core, Box::new(parts)),
            read: Read::Success {
                declared,
                read,
                headers: Response::with_typed_headers,
                error: E::read_error,
            },
        }
    }

    /// A call whose success is a JSON body of `T`. A 2XX other than the
    /// `declared` one is read the same way, as
    /// [`RawResponse::success`] does.
    pub fn json(core: &'a ClientCore, parts: RequestParts, declared: Option<u16>) -> Self
    where
        T: DeserializeOwned,
    {
        Self::reading(core, parts, declared, RawResponse::json)
    }
}

impl<'a, E: ReadError, H: TypedHeaders> Call<'a, String, E, H> {
    /// A call whose success is text (see [`Call::json`] for `declared`).
    pub fn text(core: &'a ClientCore, parts: RequestParts, declared: Option<u16>) -> Self {
        Self::reading(core, parts, declared, RawResponse::text)
    }
}

impl<'a, E: ReadError, H: TypedHeaders> Call<'a, (), E, H> {
    /// A call whose success has no body, or one that is ignored (see
    /// [`Call::json`] for `declared`).
    pub fn empty(core: &'a ClientCore, parts: RequestParts, declared: Option<u16>) -> Self {
        Self::reading(core, parts, declared, RawResponse::empty)
    }
}

impl<T, E, H> Future for Call<'_, T, E, H> {
    type Output = Result<Response<T, H>, Error<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        this.step.poll_answer(cx).map(|answer| match answer {
            Ok(raw) => this.read.answer(raw),
            Err(e) => Err(e.widen()),
        })
    }
}

impl<T, E, H> fmt::Debug for Call<'_, T, E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = match self.step {
            Step::Ready(..) => "ready",
            Step::Exchange(_) => "sending",
            Step::Refused(_) => "refused",
            Step::Done => "done",
        };
        f.debug_struct("Call").field("step", &step).finish()
    }
}

impl Error<Infallible> {
    /// The same failure, as an operation with error type `E` reports it:
    /// before its status is read no failure is one of its documented errors.
    pub(crate) fn widen<E>(self) -> Error<E> {
        match self {
            Error::Api(api) => match api.body {},
            Error::UnexpectedStatus {
                status,
                headers,
                body,
            } => Error::UnexpectedStatus {
                status,
                headers,
                body,
            },
            Error::Decode {
                status,
                headers,
                body,
                source,
            } => Error::Decode {
                status,
                headers,
                body,
                source,
            },
            Error::Timeout(e) => Error::Timeout(e),
            Error::Transport(e) => Error::Transport(e),
            Error::Validation(e) => Error::Validation(e),
            Error::InvalidRequest(e) => Error::InvalidRequest(e),
            Error::Middleware(e) => Error::Middleware(e),
            Error::Credentials { scheme, source } => Error::Credentials { scheme, source },
        }
    }
}
