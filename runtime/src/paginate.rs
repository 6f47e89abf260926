//! Paging through a list operation: a stream of items across pages,
//! fetched lazily, one page at a time, through the operation's own method
//! (so retries and typed errors are those of a single call).
//!
//! The generated `*_stream` methods build a [`Pages`] from a first cursor
//! and a function that fetches the page for a cursor. The stream ends after
//! the last page, after an error (yielded once), or when a server hands
//! back the cursor it was just given (which would loop forever).

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest::header::{HeaderMap, LINK};

use crate::Error;

/// One fetched page: its items, and the cursor of the next page if any.
pub struct Page<T, C> {
    pub items: Vec<T>,
    pub next: Option<C>,
}

/// A page being fetched.
type Pending<'a, T, C, E> = Pin<Box<dyn Future<Output = Result<Page<T, C>, Error<E>>> + Send + 'a>>;
type Fetch<'a, T, C, E> = Box<dyn FnMut(C) -> Pending<'a, T, C, E> + Send + 'a>;

/// The items of every page, in order. A [`futures_core::Stream`]; without
/// a stream library, `while let Some(item) = pages.next().await` reads it.
pub struct Pages<'a, T, C, E> {
    fetch: Fetch<'a, T, C, E>,
    pending: Option<Pending<'a, T, C, E>>,
    buffer: VecDeque<T>,
    next: Option<C>,
    last: Option<C>,
}

/// Pages from `first`, fetching each page with `fetch`.
pub fn pages<'a, T, C, E, F, Fut>(first: C, mut fetch: F) -> Pages<'a, T, C, E>
where
    C: Clone + PartialEq + Send + 'a,
    F: FnMut(C) -> Fut + Send + 'a,
    Fut: Future<Output = Result<Page<T, C>, Error<E>>> + Send + 'a,
{
    Pages {
        fetch: Box::new(move |cursor| Box::pin(fetch(cursor))),
        pending: None,
        buffer: VecDeque::new(),
        next: Some(first),
        last: None,
    }
}

impl<T, C: Clone + PartialEq, E> Pages<'_, T, C, E> {
    /// The next item, fetching the next page when this one is used up.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.poll(cx)).await
    }

    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error<E>>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if self.pending.is_none() {
                let Some(cursor) = self.next.take() else {
                    return Poll::Ready(None);
                };
                if self.last.as_ref() == Some(&cursor) {
                    return Poll::Ready(None);
                }
                self.last = Some(cursor.clone());
                self.pending = Some((self.fetch)(cursor));
            }
            let Some(pending) = self.pending.as_mut() else {
                return Poll::Ready(None);
            };
            match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => {
                    self.pending = None;
                    match result {
                        Ok(page) => {
                            self.buffer.extend(page.items);
                            self.next = page.next;
                        }
                        Err(e) => {
                            self.next = None;
                            return Poll::Ready(Some(Err(e)));
                        }
                    }
                }
            }
        }
    }
}

impl<T, C: Clone + PartialEq, E> futures_core::Stream for Pages<'_, T, C, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // Nothing in `Pages` is self-referential; its futures are boxed.
        self.get_mut().poll(cx)
    }
}

impl<T, C, E> Unpin for Pages<'_, T, C, E> {}

/// The value of query parameter `param` in the answer's
/// `Link: <...>; rel="next"` URL (RFC 8288), if there is such a link.
pub fn next_link_param(headers: &HeaderMap, param: &str) -> Option<String> {
    headers
        .get_all(LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find_map(|link| {
            let (target, params) = link.trim().split_once(';')?;
            let next = params.split(';').any(|p| {
                let p = p.trim().replace(' ', "");
                p.eq_ignore_ascii_case("rel=\"next\"") || p.eq_ignore_ascii_case("rel=next")
            });
            let url = target.trim().strip_prefix('<')?.strip_suffix('>')?;
            next.then(|| reqwest::Url::parse(url).ok())?.and_then(|u| {
                u.query_pairs()
                    .find(|(k, _)| k == param)
                    .map(|(_, v)| v.into_owned())
            })
        })
}

#[cfg(test)]
mod tests;
