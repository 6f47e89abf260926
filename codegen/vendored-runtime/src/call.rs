//! The future an operation's method returns.
//!
//! A method builds its request at once and hands it over with the function
//! that decodes the answer by status. The sending is one future shared by
//! every operation (retries, credentials, tracing), so a generated method is
//! a plain function: it holds no state machine of its own, and nothing in it
//! waits.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::runtime::client::ClientCore;
use crate::runtime::error::Error;
use crate::runtime::request::RequestParts;
use crate::runtime::response::{RawResponse, Response};
use crate::runtime::validate::ValidationError;

/// How an operation reads an answer it got, whatever the status.
pub type Decode<T, E, H> = fn(RawResponse) -> Result<Response<T, H>, Error<E>>;

type Exchange<'a> =
    Pin<Box<dyn Future<Output = Result<RawResponse, Error<Infallible>>> + Send + 'a>>;

/// An operation's call: `.await` it for the typed answer. Nothing is sent
/// until it is first polled, and dropping it cancels the request.
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<'a, T, E, H = ()> {
    step: Step<'a>,
    decode: Decode<T, E, H>,
}

enum Step<'a> {
    Exchange(Exchange<'a>),
    /// The arguments broke the spec's constraints: nothing is sent.
    Refused(ValidationError),
    Done,
}

impl<'a, T, E, H> Call<'a, T, E, H> {
    /// A call that sends `parts` through `core` and reads the answer with `decode`.
    pub fn new(core: &'a ClientCore, parts: RequestParts, decode: Decode<T, E, H>) -> Self {
        Call {
            step: Step::Exchange(Box::pin(core.send::<Infallible>(parts))),
            decode,
        }
    }

    /// A call refused before sending: it ends in [`Error::Validation`].
    pub fn refused(error: ValidationError) -> Self {
        Call {
            step: Step::Refused(error),
            decode: |raw| Err(raw.unexpected()),
        }
    }
}

impl<T, E, H> Future for Call<'_, T, E, H> {
    type Output = Result<Response<T, H>, Error<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let answer = match std::mem::replace(&mut this.step, Step::Done) {
            Step::Exchange(mut exchange) => match exchange.as_mut().poll(cx) {
                Poll::Pending => {
                    this.step = Step::Exchange(exchange);
                    return Poll::Pending;
                }
                Poll::Ready(Ok(raw)) => (this.decode)(raw),
                Poll::Ready(Err(e)) => Err(e.widen()),
            },
            Step::Refused(error) => Err(Error::Validation(error)),
            Step::Done => Err(Error::InvalidRequest(
                "the call was polled again after it completed".into(),
            )),
        };
        Poll::Ready(answer)
    }
}

impl<T, E, H> fmt::Debug for Call<'_, T, E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let step = match self.step {
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
