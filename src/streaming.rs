//! Answers read as they arrive: exports written to any `AsyncWrite` without
//! holding the whole body, and the chunks other readers (batch imports)
//! parse as they come.

use archivesspace_core::request::{Method, Request};
use bytes::Bytes;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::{Client, Error};

/// The body of a successful answer, read chunk by chunk.
///
/// Failed answers never get here: they are errors, with the server's
/// message, as for [`Client::send`].
#[derive(Debug)]
pub struct BodyStream {
    response: reqwest::Response,
    method: Method,
    path: String,
}

impl BodyStream {
    pub(crate) fn new(response: reqwest::Response, method: Method, path: String) -> Self {
        BodyStream {
            response,
            method,
            path,
        }
    }

    /// The answer's `Content-Type`, if it has one.
    pub fn content_type(&self) -> Option<&str> {
        self.response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)?
            .to_str()
            .ok()
    }

    /// The next chunk of the body; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        self.response
            .chunk()
            .await
            .map_err(|source| Error::Transport {
                method: self.method,
                path: self.path.clone(),
                source,
            })
    }

    /// Writes the rest of the body to `writer` as it arrives and flushes
    /// it; returns the number of bytes written.
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(
        mut self,
        writer: &mut W,
    ) -> Result<u64, Error> {
        let mut written = 0u64;
        while let Some(chunk) = self.chunk().await? {
            writer
                .write_all(&chunk)
                .await
                .map_err(|source| self.write_error(source))?;
            written += chunk.len() as u64;
        }
        writer
            .flush()
            .await
            .map_err(|source| self.write_error(source))?;
        Ok(written)
    }

    fn write_error(&self, source: std::io::Error) -> Error {
        Error::Write {
            method: self.method,
            path: self.path.clone(),
            source,
        }
    }

    /// The request's path, for messages.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// The answer's HTTP status.
    pub(crate) fn status(&self) -> u16 {
        self.response.status().as_u16()
    }
}

impl Client {
    /// Sends a request and returns its body unread, to be streamed; the
    /// request's own response type is not decoded. Sessions, retries and
    /// errors are as for [`Client::send`], up to the answer's headers.
    pub async fn send_streaming<R: Request>(&self, request: &R) -> Result<BodyStream, Error> {
        let path = request.path();
        let response = self
            .execute_streaming(self.request_call(request, &path)?)
            .await?;
        Ok(BodyStream::new(response, R::METHOD, path))
    }

    /// Sends an export request (EAD, EAD3, MARC21, METS, MODS, Dublin Core,
    /// labels, ...: the routes under `requests::*::…::Xml`, `Tsv`, ...) and
    /// writes its body to `writer` as it arrives, without holding it whole;
    /// returns the number of bytes written.
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # async fn run(client: archivesspace::Client) -> Result<(), archivesspace::Error> {
    /// // The bundled bindings' request; any generated crate's does the same.
    /// use archivesspace::requests::resource_descriptions;
    ///
    /// let mut ead = resource_descriptions::Xml::new(2, 7);
    /// ead.include_unpublished = Some(true);
    /// ead.ead3 = Some(true);
    /// // Any `tokio::io::AsyncWrite`: a file, a socket, a buffer.
    /// let mut xml: Vec<u8> = Vec::new();
    /// let bytes = client.export(&ead, &mut xml).await?;
    /// # Ok(()) }
    /// ```
    pub async fn export<R: Request, W: AsyncWrite + Unpin + ?Sized>(
        &self,
        request: &R,
        writer: &mut W,
    ) -> Result<u64, Error> {
        self.send_streaming(request).await?.write_to(writer).await
    }
}
