//! [`Download`]: a binary answer read chunk by chunk as it arrives, to be
//! written to a file or any writer without holding it all in memory.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use super::StreamError;
use super::items::{Chunks, MapErr, Source, SourceError};

/// The body of a binary answer (`application/octet-stream`, `image/png`,
/// `application/pdf`, ...), not read yet: a [`Stream`] of byte chunks.
///
/// Write it somewhere with [`Download::write_to`], take the chunks one at a
/// time with [`Download::chunk`], or read it whole with
/// [`Download::bytes`].
///
/// ```
/// use codegen_runtime::stream::Download;
///
/// # async fn run() -> std::io::Result<()> {
/// // A stand-in for an answer: a download made of three chunks.
/// let download = Download::from_chunks(["%PDF-", "1.7\n", "..."]);
/// let mut file = Vec::new(); // or a tokio::fs::File
/// let written = download.write_to(&mut file).await?;
/// assert_eq!((written, file.as_slice()), (12, b"%PDF-1.7\n...".as_slice()));
/// # Ok(())
/// # }
/// ```
pub struct Download {
    source: Option<Source>,
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("open", &self.source.is_some())
            .finish()
    }
}

impl Download {
    /// A download read from `bytes`, a stream of chunks.
    pub fn new<S, E>(bytes: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<SourceError>,
    {
        Download {
            source: Some(Box::pin(MapErr(Box::pin(bytes)))),
        }
    }

    /// A download of chunks already at hand (a stand-in in tests).
    pub fn from_chunks<C: Into<Bytes>>(chunks: impl IntoIterator<Item = C>) -> Self {
        let chunks: Vec<Result<Bytes, SourceError>> =
            chunks.into_iter().map(|c| Ok(c.into())).collect();
        Self::new(Chunks(chunks.into_iter()))
    }

    /// The next chunk as it arrives; `None` at the end of the answer. A
    /// transport error is the last item.
    pub async fn chunk(&mut self) -> Option<Result<Bytes, StreamError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Writes every chunk to `writer` as it arrives, then flushes it;
    /// returns the number of bytes written. A failure to read the answer
    /// is an error of kind `Other` whose source is the [`StreamError`].
    pub async fn write_to<W>(mut self, writer: &mut W) -> std::io::Result<u64>
    where
        W: AsyncWrite + Unpin + ?Sized,
    {
        let mut written = 0u64;
        while let Some(chunk) = self.chunk().await {
            let chunk = chunk.map_err(std::io::Error::other)?;
            writer.write_all(&chunk).await?;
            written += chunk.len() as u64;
        }
        writer.flush().await?;
        Ok(written)
    }

    /// Reads the rest of the answer into memory.
    pub async fn bytes(mut self) -> Result<Bytes, StreamError> {
        let mut chunks = Vec::new();
        while let Some(chunk) = self.chunk().await {
            chunks.push(chunk?);
        }
        // One chunk is handed back as it came, without a copy.
        if chunks.len() == 1
            && let Some(only) = chunks.pop()
        {
            return Ok(only);
        }
        Ok(Bytes::from(chunks.concat()))
    }

    /// Stops reading: the connection is released.
    pub fn close(&mut self) {
        self.source = None;
    }
}

impl Stream for Download {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let Some(source) = self.source.as_mut() else {
            return Poll::Ready(None);
        };
        match source.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => Poll::Ready(Some(Ok(chunk))),
            Poll::Ready(Some(Err(e))) => {
                self.source = None;
                Poll::Ready(Some(Err(StreamError::Transport(e))))
            }
            Poll::Ready(None) => {
                self.source = None;
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
