//! TLS and proxies end to end: the test makes its own CA and certificates
//! (rcgen), puts a TLS endpoint (tokio-rustls) on 127.0.0.1 in front of the
//! fake ArchivesSpace (and of a real one when `ASPACE_TEST_URL` names it),
//! and runs a CONNECT proxy of its own.
//!
//! The proxy variables (`HTTPS_PROXY`, ...) and `ASPACE_CA_FILE` are read
//! from the process's environment, which every test of a binary shares; so
//! the tests that need them set run this binary again as a child process
//! (`child_client`) with its own environment, rather than set variables
//! under the feet of other tests.

use std::io;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use archivesspace::{Certificate, Client, Config, Error, Identity, RetryPolicy};
use archivesspace_fake::{FakeConfig, FakeServer};
use serde_json::Value;
use tokio::net::TcpListener;

#[path = "tls/front.rs"]
mod front;

use front::{pki, server_config, TestProxy, TlsFront};

type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// A retry policy whose first wait is long: a failure that comes back well
/// within it was not retried.
fn slow_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .initial_backoff(Duration::from_secs(4))
}

// ---------------------------------------------------------------------------
// Helpers

async fn fake() -> io::Result<FakeServer> {
    FakeServer::start(FakeConfig::default()).await
}

/// A record URI the fake serves.
fn a_record(server: &FakeServer) -> Result<String, &'static str> {
    let id = server
        .record_ids()
        .first()
        .copied()
        .ok_or("the fake has no records")?;
    Ok(format!("/repositories/2/archival_objects/{id}"))
}

/// Logs in and reads a record: the client works.
async fn works(client: &Client, server: &FakeServer) -> TestResult {
    client.login().await?;
    let record: Value = client.get_json(&a_record(server)?).await?;
    assert!(record.get("title").is_some(), "{record}");
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) -> io::Result<String> {
    let path = dir.join(name);
    std::fs::write(&path, text)?;
    Ok(path.to_string_lossy().into_owned())
}

// ---------------------------------------------------------------------------
// Trust

#[tokio::test]
async fn the_ca_given_to_the_builder_is_trusted() -> TestResult {
    let pki = pki()?;
    let server = fake().await?;
    let front = TlsFront::start(server_config(&pki, false)?, server.addr()).await?;
    let client = Client::builder()
        .base_url(front.base_url())
        .credentials(server.username(), server.password())
        .add_root_certificate(Certificate::from_pem(&pki.ca_pem)?)
        .build()?;
    works(&client, &server).await
}

#[tokio::test]
async fn the_ca_file_of_the_config_file_and_of_aspace_ca_file_is_trusted() -> TestResult {
    let pki = pki()?;
    let server = fake().await?;
    let front = TlsFront::start(server_config(&pki, false)?, server.addr()).await?;
    let dir = tempfile::tempdir()?;
    write(dir.path(), "site-ca.pem", &pki.ca_pem)?;
    // A path relative to the config file's folder.
    let file = write(
        dir.path(),
        "asnake.yml",
        &format!(
            "baseurl: {}\nusername: {}\npassword: {}\nca_file: site-ca.pem\n",
            front.base_url(),
            server.username(),
            server.password()
        ),
    )?;
    let config = Config::from_sources(|name| (name == "ASNAKE_CONFIG_FILE").then(|| file.clone()))?;
    works(&Client::builder().config(config).build()?, &server).await?;

    // The variable, read through the same code as Config::from_env.
    let ca = dir
        .path()
        .join("site-ca.pem")
        .to_string_lossy()
        .into_owned();
    let (url, user, password) = (front.base_url(), server.username(), server.password());
    let config = Config::from_sources(|name| match name {
        "ASPACE_BASEURL" => Some(url.clone()),
        "ASPACE_USERNAME" => Some(user.to_owned()),
        "ASPACE_PASSWORD" => Some(password.to_owned()),
        "ASPACE_CA_FILE" => Some(ca.clone()),
        _ => None,
    })?;
    works(&Client::builder().config(config).build()?, &server).await
}

#[tokio::test]
async fn an_untrusted_certificate_fails_at_once_and_says_so() -> TestResult {
    let pki = pki()?;
    let server = fake().await?;
    let front = TlsFront::start(server_config(&pki, false)?, server.addr()).await?;
    let client = Client::builder()
        .base_url(front.base_url())
        .credentials(server.username(), server.password())
        .retry(slow_retries())
        .build()?;
    let started = Instant::now();
    let outcome = client.login().await;
    let took = started.elapsed();
    let Err(error @ Error::Transport { .. }) = outcome else {
        panic!("expected a transport error, got {outcome:?}");
    };
    let message = error.to_string();
    assert_eq!(
        message,
        format!(
            "POST {}/users/admin/login: the server's certificate is not trusted: invalid peer \
             certificate: UnknownIssuer",
            front.base_url()
        )
    );
    assert!(!message.contains('\n'));
    // The first retry would have waited at least 2 s.
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert_eq!(front.connections.load(Ordering::SeqCst), 1);
    assert_eq!(server.stats().requests, 0);
    Ok(())
}

#[tokio::test]
async fn a_server_asking_for_a_client_certificate_gets_it() -> TestResult {
    let pki = pki()?;
    let server = fake().await?;
    let front = TlsFront::start(server_config(&pki, true)?, server.addr()).await?;
    let client = Client::builder()
        .base_url(front.base_url())
        .credentials(server.username(), server.password())
        .add_root_certificate(Certificate::from_pem(&pki.ca_pem)?)
        .identity(Identity::from_pem(&pki.client_pem, &pki.client_key_pem)?)
        .build()?;
    works(&client, &server).await?;

    // From the config file's keys, the key in a file of its own and then
    // in the certificate's file.
    let dir = tempfile::tempdir()?;
    let ca = write(dir.path(), "ca.pem", &pki.ca_pem)?;
    let cert = write(dir.path(), "client.pem", &pki.client_pem)?;
    let key = write(dir.path(), "client.key", &pki.client_key_pem)?;
    let combined = write(
        dir.path(),
        "combined.pem",
        &format!("{}{}", pki.client_pem, pki.client_key_pem),
    )?;
    for yaml in [
        format!("ca_file: {ca}\nclient_cert: {cert}\nclient_key: {key}\n"),
        format!("ca_file: {ca}\nclient_cert: {combined}\n"),
    ] {
        let client = Client::builder()
            .base_url(front.base_url())
            .credentials(server.username(), server.password())
            .config(Config::from_yaml(&yaml)?)
            .build()?;
        works(&client, &server).await?;
    }
    Ok(())
}

#[tokio::test]
async fn without_the_client_certificate_the_error_says_so_at_once() -> TestResult {
    let pki = pki()?;
    let server = fake().await?;
    let front = TlsFront::start(server_config(&pki, true)?, server.addr()).await?;
    let client = Client::builder()
        .base_url(front.base_url())
        .credentials(server.username(), server.password())
        .add_root_certificate(Certificate::from_pem(&pki.ca_pem)?)
        .retry(slow_retries())
        .build()?;
    let started = Instant::now();
    let outcome = client.login().await;
    let took = started.elapsed();
    let Err(error @ Error::Transport { .. }) = outcome else {
        panic!("expected a transport error, got {outcome:?}");
    };
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "POST {}/users/admin/login: the server requires a client certificate: ",
            front.base_url()
        )),
        "{message}"
    );
    assert!(!message.contains('\n'));
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert_eq!(front.connections.load(Ordering::SeqCst), 1);
    Ok(())
}

#[tokio::test]
async fn unreadable_or_invalid_files_are_configuration_errors_naming_them() -> TestResult {
    let pki = pki()?;
    let dir = tempfile::tempdir()?;
    let not_pem = write(dir.path(), "notes.txt", "not a certificate\n")?;
    let key_only = write(dir.path(), "key.pem", &pki.client_key_pem)?;
    let cert = write(dir.path(), "client.pem", &pki.client_pem)?;
    let missing = dir
        .path()
        .join("missing.pem")
        .to_string_lossy()
        .into_owned();
    let cases = [
        (
            format!("ca_file: {missing}\n"),
            format!("configuration: cannot read the CA file {missing}: "),
        ),
        (
            format!("ca_file: {not_pem}\n"),
            format!("configuration: CA file {not_pem}: no PEM certificate in it"),
        ),
        (
            format!("ca_file: {key_only}\n"),
            format!("configuration: CA file {key_only}: no PEM certificate in it"),
        ),
        (
            format!("client_cert: {cert}\n"),
            format!("configuration: client key file {cert}: no PEM private key in it"),
        ),
        (
            format!("client_cert: {cert}\nclient_key: {not_pem}\n"),
            format!("configuration: client key file {not_pem}: no PEM private key in it"),
        ),
        (
            format!("client_key: {key_only}\n"),
            "configuration: a client key but no client certificate".to_owned(),
        ),
    ];
    for (yaml, expected) in cases {
        let built = Client::builder()
            .base_url("https://127.0.0.1:9")
            .config(Config::from_yaml(&yaml)?)
            .build();
        let Err(error @ Error::Config { .. }) = built else {
            panic!("{yaml}: expected a configuration error, got {built:?}");
        };
        let message = error.to_string();
        assert!(message.starts_with(&expected), "{yaml}: {message}");
        // Not a line of the key's text.
        let key_line = pki.client_key_pem.lines().nth(1).unwrap_or("-");
        assert!(!message.contains(key_line), "{message}");
    }
    Ok(())
}

#[tokio::test]
async fn a_host_that_does_not_exist_is_named_and_not_retried() -> TestResult {
    // `.invalid` never resolves (RFC 6761).
    let client = Client::builder()
        .base_url("https://archives.invalid/api")
        .retry(
            RetryPolicy::default()
                .max_retries(1)
                .initial_backoff(Duration::from_secs(4)),
        )
        .build()?;
    let started = Instant::now();
    let outcome = client.get_json::<Value>("/version").await;
    let took = started.elapsed();
    let Err(error @ Error::Transport { .. }) = outcome else {
        panic!("expected a transport error, got {outcome:?}");
    };
    let message = error.to_string();
    assert!(
        message.starts_with(
            "GET https://archives.invalid/api/version: cannot resolve the host name archives.invalid"
        ),
        "{message}"
    );
    // A resolver that cannot answer at all (no network) says so, and that
    // may pass, so it is retried; a name that does not exist is not.
    if !message.contains("Temporary failure") {
        assert!(took < Duration::from_secs(2), "took {took:?}: {message}");
    }
    Ok(())
}

#[tokio::test]
async fn a_refused_connection_is_still_retried() -> TestResult {
    // A port nothing listens on: bound, then let go.
    let addr = TcpListener::bind("127.0.0.1:0").await?.local_addr()?;
    let client = Client::builder()
        .base_url(format!("http://{addr}"))
        .retry(
            RetryPolicy::default()
                .max_retries(2)
                .initial_backoff(Duration::from_millis(100)),
        )
        .build()?;
    let started = Instant::now();
    let outcome = client.get_json::<Value>("/version").await;
    let took = started.elapsed();
    let Err(error @ Error::Transport { .. }) = outcome else {
        panic!("expected a transport error, got {outcome:?}");
    };
    assert_eq!(
        error.to_string(),
        format!("GET http://{addr}/version: connection refused")
    );
    // Two waits of at least 50 ms and 100 ms.
    assert!(took >= Duration::from_millis(150), "took {took:?}");
    Ok(())
}

// ---------------------------------------------------------------------------
// Proxies

#[tokio::test]
async fn a_proxy_given_to_the_builder_carries_the_requests() -> TestResult {
    let pki = pki()?;
    let server = fake().await?;
    let front = TlsFront::start(server_config(&pki, false)?, server.addr()).await?;
    let proxy = TestProxy::start().await?;
    let client = Client::builder()
        .base_url(front.base_url())
        .credentials(server.username(), server.password())
        .add_root_certificate(Certificate::from_pem(&pki.ca_pem)?)
        .proxy(proxy.url())
        .build()?;
    works(&client, &server).await?;
    assert_eq!(proxy.seen(), [format!("CONNECT {} HTTP/1.1", front.addr)]);
    Ok(())
}

#[test]
fn the_key_and_the_proxy_credentials_stay_out_of_debug_and_errors() -> TestResult {
    let pki = pki()?;
    let proxy = "http://harvester:proxy-pw-4711@127.0.0.1:3128";
    let builder = Client::builder()
        .base_url("https://127.0.0.1:9")
        .identity(Identity::from_pem(&pki.client_pem, &pki.client_key_pem)?)
        .proxy(proxy);
    let client = builder.clone().build()?;
    let config = Config::from_yaml(&format!("proxy: {proxy}\n"))?;
    let shown = format!("{builder:?} {client:?} {config:?}");
    let key_line = pki.client_key_pem.lines().nth(1).unwrap_or("-");
    assert!(!shown.contains("proxy-pw-4711"), "{shown}");
    assert!(!shown.contains(key_line), "{shown}");

    let bad = Client::builder()
        .base_url("https://127.0.0.1:9")
        .proxy("http://harvester:proxy-pw-4711@[::1")
        .build();
    let Err(error @ Error::Config { .. }) = bad else {
        panic!("expected a configuration error, got {bad:?}");
    };
    assert_eq!(
        error.to_string(),
        "configuration: the proxy is not a valid URL"
    );
    Ok(())
}

#[tokio::test]
async fn a_proxy_that_cannot_be_reached_is_not_taken_for_the_server() -> TestResult {
    let closed = TcpListener::bind("127.0.0.1:0").await?.local_addr()?;
    // A host that does not resolve: only the proxy would resolve it.
    let client = Client::builder()
        .base_url("https://archives.invalid/api")
        .proxy(format!("http://{closed}"))
        .retry(RetryPolicy::none())
        .build()?;
    let outcome = client.get_json::<Value>("/version").await;
    let Err(error @ Error::Transport { .. }) = outcome else {
        panic!("expected a transport error, got {outcome:?}");
    };
    let message = error.to_string();
    assert!(
        message.starts_with(
            "GET https://archives.invalid/api/version: cannot reach the server through the \
             proxy: tunnel error: failed to create underlying connection: "
        ),
        "{message}"
    );
    assert!(!message.contains("cannot resolve"), "{message}");
    Ok(())
}

/// A proxy that answers every `CONNECT` with 407: credentials no retry
/// will supply, so the client asks once and says what to do.
#[tokio::test]
async fn a_proxy_that_wants_credentials_is_asked_once_and_named() -> TestResult {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let proxy = listener.local_addr()?;
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = connections.clone();
    let server = tokio::spawn(async move {
        for _ in 0..front::MAX_CONNECTIONS {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            counted.fetch_add(1, Ordering::SeqCst);
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 8192 {
                match stream.read(&mut byte).await {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let _ = stream
                .write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n\
                      Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 0\r\n\r\n",
                )
                .await;
        }
    });
    let client = Client::builder()
        .base_url("https://archives.example.org/api")
        .proxy(format!("http://{proxy}"))
        .retry(
            RetryPolicy::default()
                .initial_backoff(Duration::from_secs(2))
                .max_retries(3),
        )
        .build()?;
    let outcome = client.get_json::<Value>("/version").await;
    server.abort();
    let Err(error @ Error::Transport { .. }) = outcome else {
        panic!("expected a transport error, got {outcome:?}");
    };
    assert_eq!(
        error.to_string(),
        "GET https://archives.example.org/api/version: the proxy requires authentication \
         (HTTP 407): give its user and password in the proxy URL (http://user:password@proxy:port)"
    );
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "asked once, not retried"
    );
    Ok(())
}

/// The variable that makes `child_client` run.
const CHILD: &str = "ARCHIVESSPACE_TLS_TEST_CHILD";

/// Runs `child_client` in a child process with `vars` (and no proxy or
/// ArchivesSpace variables of this process's own).
async fn run_child(vars: Vec<(&'static str, String)>) -> Result<Output, io::Error> {
    let home = tempfile::tempdir()?;
    let mut command = Command::new(std::env::current_exe()?);
    command.args(["child_client", "--exact", "--ignored", "--nocapture"]);
    for name in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "ASPACE_BASEURL",
        "ASPACE_USERNAME",
        "ASPACE_PASSWORD",
        "ASPACE_PROFILE",
        "ASPACE_CA_FILE",
        "ASPACE_CLIENT_CERT",
        "ASPACE_CLIENT_KEY",
        "ASPACE_SESSION_HEADER",
        "ASNAKE_CONFIG_FILE",
    ] {
        command.env_remove(name);
    }
    // No ~/.archivessnake.yml of the machine's.
    command.env("HOME", home.path()).env(CHILD, "1").envs(vars);
    let output = tokio::time::timeout(
        Duration::from_secs(120),
        tokio::task::spawn_blocking(move || command.output()),
    )
    .await
    .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "the child ran over 120 s"))?
    .map_err(io::Error::other)??;
    drop(home);
    Ok(output)
}

fn assert_child_succeeded(output: &Output) {
    assert!(
        output.status.success(),
        "child failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The client of the proxy tests, configured wholly by its environment
/// (`Client::from_env`): it logs in and reads `CHILD_RECORD`.
#[tokio::test]
#[ignore = "run by the proxy tests in a process of its own"]
async fn child_client() -> TestResult {
    if std::env::var_os(CHILD).is_none() {
        eprintln!("child_client: nothing to do outside the proxy tests");
        return Ok(());
    }
    let client = Client::from_env()?;
    client.login().await?;
    let uri = std::env::var("CHILD_RECORD")?;
    let record: Value = client.get_json(&uri).await?;
    assert!(record.get("title").is_some(), "{record}");
    Ok(())
}

/// Everything a child needs to reach the fake through `front` (or directly
/// at `base_url`).
fn child_vars(
    server: &FakeServer,
    base_url: String,
    ca_file: &str,
) -> Result<Vec<(&'static str, String)>, &'static str> {
    Ok(vec![
        ("ASPACE_BASEURL", base_url),
        ("ASPACE_USERNAME", server.username().to_owned()),
        ("ASPACE_PASSWORD", server.password().to_owned()),
        ("ASPACE_CA_FILE", ca_file.to_owned()),
        ("CHILD_RECORD", a_record(server)?),
    ])
}

#[tokio::test]
async fn https_proxy_and_http_proxy_are_followed_and_no_proxy_bypasses_them() -> TestResult {
    let pki = pki()?;
    let server = fake().await?;
    let front = TlsFront::start(server_config(&pki, false)?, server.addr()).await?;
    let proxy = TestProxy::start().await?;
    let dir = tempfile::tempdir()?;
    let ca = write(dir.path(), "ca.pem", &pki.ca_pem)?;

    // https through HTTPS_PROXY: a tunnel, and ASPACE_CA_FILE from the
    // real environment.
    let mut vars = child_vars(&server, front.base_url(), &ca)?;
    vars.push(("HTTPS_PROXY", proxy.url()));
    assert_child_succeeded(&run_child(vars).await?);
    let connect = format!("CONNECT {} HTTP/1.1", front.addr);
    assert!(!proxy.seen().is_empty());
    assert!(
        proxy.seen().iter().all(|line| *line == connect),
        "{:?}",
        proxy.seen()
    );
    let tunnels = proxy.seen().len();

    // Lowercase too.
    let mut vars = child_vars(&server, front.base_url(), &ca)?;
    vars.push(("https_proxy", proxy.url()));
    assert_child_succeeded(&run_child(vars).await?);
    assert!(proxy.seen().len() > tunnels, "{:?}", proxy.seen());
    let before = proxy.seen().len();

    // http through HTTP_PROXY: requests in absolute form.
    let mut vars = child_vars(&server, server.base_url(), &ca)?;
    vars.push(("HTTP_PROXY", proxy.url()));
    assert_child_succeeded(&run_child(vars).await?);
    let plain = proxy.seen()[before..].to_vec();
    assert!(
        plain.contains(&format!(
            "POST {}/users/admin/login HTTP/1.1",
            server.base_url()
        )),
        "{plain:?}"
    );

    // NO_PROXY: straight to the endpoint, the proxy never asked.
    let before = proxy.seen().len();
    let connections = front.connections.load(Ordering::SeqCst);
    let mut vars = child_vars(&server, front.base_url(), &ca)?;
    vars.push(("HTTPS_PROXY", proxy.url()));
    vars.push(("HTTP_PROXY", proxy.url()));
    vars.push(("NO_PROXY", "localhost,127.0.0.1".to_owned()));
    assert_child_succeeded(&run_child(vars).await?);
    assert_eq!(proxy.seen().len(), before, "{:?}", proxy.seen());
    assert!(front.connections.load(Ordering::SeqCst) > connections);
    Ok(())
}
