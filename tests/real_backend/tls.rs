//! The real backend behind a TLS endpoint of the test's own (its own CA, a
//! client certificate required): the client trusts what it is given, shows
//! its certificate, and an untrusted server fails at once.

use std::time::{Duration, Instant};

use archivesspace::{Certificate, Client, Error, Identity, RetryPolicy};
use serde_json::Value;

use crate::support::TestResult;
use crate::tls_front::{pki, server_config, TlsFront};

#[tokio::test]
async fn the_backend_behind_tls_with_a_client_certificate() -> TestResult {
    let (backend, _database) = crate::backend!("the_backend_behind_tls_with_a_client_certificate");
    let url = url::Url::parse(&backend.url)?;
    let upstream = url
        .socket_addrs(|| None)?
        .into_iter()
        .next()
        .ok_or("ASPACE_TEST_URL does not resolve")?;
    let pki = pki()?;
    let front = TlsFront::start(server_config(&pki, true)?, upstream).await?;
    // The backend's path prefix, if any, behind the endpoint's address.
    let base = format!("{}{}", front.base_url(), url.path().trim_end_matches('/'));

    let client = Client::builder()
        .base_url(&base)
        .credentials(&backend.username, backend.password.as_str())
        .add_root_certificate(Certificate::from_pem(&pki.ca_pem)?)
        .identity(Identity::from_pem(&pki.client_pem, &pki.client_key_pem)?)
        .build()?;
    client.login().await?;
    let repositories: Value = client.get_json("/repositories").await?;
    assert!(repositories.is_array(), "{repositories}");

    let untrusted = Client::builder()
        .base_url(&base)
        .credentials(&backend.username, backend.password.as_str())
        .retry(RetryPolicy::default().initial_backoff(Duration::from_secs(4)))
        .build()?;
    let connections = front.connections.load(std::sync::atomic::Ordering::SeqCst);
    let started = Instant::now();
    let message = match untrusted.login().await {
        Err(error @ Error::Transport { .. }) => error.to_string(),
        other => return Err(format!("expected a transport error, got {other:?}").into()),
    };
    assert!(
        message.ends_with(
            ": the server's certificate is not trusted: invalid peer certificate: UnknownIssuer"
        ),
        "{message}"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(
        front.connections.load(std::sync::atomic::Ordering::SeqCst),
        connections + 1
    );
    Ok(())
}
