//! Exports streamed to a writer as they arrive, and the session header
//! under another name, against the fake.

use std::pin::Pin;
use std::task::{Context, Poll};

use archivesspace::requests::{archival_objects, resource_descriptions};
use archivesspace::{Client, Error};
use archivesspace_fake::FakeConfig;
use tokio::io::AsyncWrite;

use crate::{client_for, fake, TestResult};

/// A writer that keeps what it is given and how it came.
#[derive(Default)]
struct Recorder {
    bytes: Vec<u8>,
    writes: usize,
    largest_write: usize,
    flushed: bool,
}

impl AsyncWrite for Recorder {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.writes += 1;
        self.largest_write = self.largest_write.max(buf.len());
        self.bytes.extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.flushed = true;
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn exports_are_written_as_they_arrive() -> TestResult {
    let server = fake(FakeConfig::default().export_bytes(2 * 1024 * 1024)).await?;
    let client = client_for(&server)?;
    let mut ead = resource_descriptions::Xml::new(2, 7);
    ead.ead3 = Some(true);
    ead.include_unpublished = Some(true);
    let mut out = Recorder::default();
    let written = client.export(&ead, &mut out).await?;
    assert_eq!(written, out.bytes.len() as u64);
    assert!(out.bytes.len() > 2 * 1024 * 1024);
    let text = String::from_utf8(out.bytes)?;
    assert!(text.starts_with("<?xml"), "{}", &text[..80]);
    assert!(text.contains("xmlns=\"http://ead3.archivists.org/schema/\""));
    assert!(text.contains("include_unpublished=true, include_daos=false"));
    assert!(text.ends_with("</ead>\n"));
    // In pieces as they came, never the whole body at once.
    assert!(out.writes > 10, "{} writes", out.writes);
    assert!(out.largest_write < 1024 * 1024, "{}", out.largest_write);
    assert!(out.flushed);

    // A refused export is an error, and nothing is written: here a
    // repository that does not exist (400, as ArchivesSpace answers).
    let mut nothing = Recorder::default();
    let missing = resource_descriptions::Xml::new(3, 7);
    match client.export(&missing, &mut nothing).await {
        Err(Error::BadParameters { .. }) => {}
        other => panic!("an export from another repository answered {other:?}"),
    }
    assert!(nothing.bytes.is_empty());
    Ok(())
}

#[tokio::test]
async fn the_session_header_can_have_another_name() -> TestResult {
    let server = fake(FakeConfig::default().session_header("X-Proxy-Session")).await?;
    let renamed = Client::builder()
        .base_url(server.base_url())
        .credentials(server.username(), server.password())
        .session_header("X-Proxy-Session")
        .build()?;
    let page = renamed.send(&archival_objects::List::new(2)).await?;
    assert!(page.total > 0);
    // Under the usual name the fake (like this proxy) does not see it.
    let usual = client_for(&server)?;
    match usual.send(&archival_objects::List::new(2)).await {
        Err(Error::AccessDenied { .. }) => {}
        other => panic!("the token under the usual header answered {other:?}"),
    }
    // A name that cannot be a header is a configuration error.
    let bad = Client::builder()
        .base_url(server.base_url())
        .session_header("not a header")
        .build();
    assert!(matches!(bad, Err(Error::Config { .. })));
    Ok(())
}
