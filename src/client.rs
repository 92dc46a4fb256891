//! The HTTP client: configuration, sessions, sending requests, retries.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex as StdMutex, RwLock as StdRwLock};
use std::time::Duration;

use archivesspace_core::request::{Body, Method, Query, Request, ResponseFormat};
use archivesspace_core::validate::Enumerations;
use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, DATE, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, Semaphore};
use url::Url;

use crate::error::{from_response, rolled_back, scrub, session_failure};
use crate::{Certificate, Config, Error, Identity, RetryPolicy, Secret};

/// The header ArchivesSpace reads the session token from.
const SESSION_HEADER: &str = "X-ArchivesSpace-Session";

/// The header that asks ArchivesSpace to treat a request as high priority.
const PRIORITY_HEADER: &str = "X-ArchivesSpace-Priority";

/// How urgently ArchivesSpace should treat a client's writes.
///
/// With [`Priority::High`] each request carries `X-ArchivesSpace-Priority:
/// high`, as the staff interface's do: ArchivesSpace then hands every record
/// it saves to the real-time indexer (`GET /update-feed`) as soon as the
/// transaction commits, so that it shows up in search without waiting for
/// the periodic indexer. Bulk scripts should leave it `Normal`, which costs
/// the server nothing extra.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Priority {
    /// No priority header (the server's default).
    #[default]
    Normal,
    /// `X-ArchivesSpace-Priority: high`.
    High,
}

/// Statuses that a proxy or an overloaded server sends for a request that may
/// well succeed a moment later. ArchivesSpace itself answers 500 only for
/// genuine application errors, which are not retried.
const RETRY_STATUSES: [u16; 4] = [429, 502, 503, 504];

/// Builds a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: Option<String>,
    username: Option<String>,
    password: Option<Secret>,
    connect_timeout: Duration,
    request_timeout: Duration,
    concurrency: usize,
    retry: RetryPolicy,
    user_agent: String,
    expiring: Option<bool>,
    session_token: Option<Secret>,
    session_header: Option<String>,
    priority: Priority,
    validate_writes: bool,
    enumerations: Option<Enumerations>,
    max_response_size: u64,
    tls: TlsSettings,
}

/// The TLS and proxy settings of a [`ClientBuilder`]; files are read when
/// the client is built, so that their errors come from `build`.
#[derive(Debug, Clone, Default)]
struct TlsSettings {
    roots: Vec<Certificate>,
    ca_files: Vec<PathBuf>,
    identity: Option<IdentitySource>,
    /// A secret: a proxy URL may carry credentials.
    proxy: Option<Secret>,
}

#[derive(Debug, Clone)]
enum IdentitySource {
    Given(Identity),
    Files { cert: PathBuf, key: Option<PathBuf> },
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: None,
            username: None,
            password: None,
            connect_timeout: Duration::from_secs(10),
            // Large `id_set` pages with resolved refs can take a while.
            request_timeout: Duration::from_secs(120),
            concurrency: 8,
            retry: RetryPolicy::default(),
            user_agent: concat!("archivesspace-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            expiring: None,
            session_token: None,
            session_header: None,
            priority: Priority::Normal,
            validate_writes: false,
            enumerations: None,
            max_response_size: ClientBuilder::DEFAULT_MAX_RESPONSE_SIZE,
            tls: TlsSettings::default(),
        }
    }
}

impl ClientBuilder {
    /// The default of [`ClientBuilder::max_response_size`]: 256 MiB, far
    /// above any record, any page of 250 records, or the `all_ids` of
    /// millions.
    pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 256 * 1024 * 1024;

    /// A builder preloaded from [`Config::from_env`].
    pub fn from_env() -> Result<Self, Error> {
        Ok(ClientBuilder::default().config(Config::from_env()?))
    }

    /// Takes whatever `config` sets.
    pub fn config(mut self, config: Config) -> Self {
        if let Some(url) = config.base_url {
            self.base_url = Some(url);
        }
        if let Some(username) = config.username {
            self.username = Some(username);
        }
        if let Some(password) = config.password {
            self.password = Some(password);
        }
        if let Some(header) = config.session_header {
            self.session_header = Some(header);
        }
        if let Some(file) = config.ca_file {
            self.tls.ca_files.push(file);
        }
        match (config.client_cert, config.client_key) {
            (Some(cert), key) => self.tls.identity = Some(IdentitySource::Files { cert, key }),
            // Reported by `build`, which can fail.
            (None, Some(key)) => {
                self.tls.identity = Some(IdentitySource::Files {
                    cert: PathBuf::new(),
                    key: Some(key),
                })
            }
            (None, None) => {}
        }
        if let Some(proxy) = config.proxy {
            self.tls.proxy = Some(proxy);
        }
        self
    }

    /// Trusts `certificate` (a site's private CA) besides the platform's
    /// trust store, which stays trusted; each call adds to the last. The
    /// config file's `ca_file` and `ASPACE_CA_FILE` do the same from a file.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use archivesspace::{Certificate, Client};
    ///
    /// let ca = Certificate::from_pem(std::fs::read("/etc/ssl/site-ca.pem")?)?;
    /// let client = Client::builder()
    ///     .base_url("https://archives.example.org/api")
    ///     .credentials("harvester", "secret")
    ///     .add_root_certificate(ca)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_root_certificate(mut self, certificate: Certificate) -> Self {
        self.tls.roots.push(certificate);
        self
    }

    /// The client certificate and key to show a server that asks for one
    /// (mutual TLS); the config file's `client_cert` / `client_key` and
    /// `ASPACE_CLIENT_CERT` / `ASPACE_CLIENT_KEY` do the same from files.
    /// The last one given wins.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use archivesspace::{Client, Identity};
    ///
    /// let me = Identity::from_pem(std::fs::read("harvester.crt")?, std::fs::read("harvester.key")?)?;
    /// let client = Client::builder()
    ///     .base_url("https://archives.example.org/api")
    ///     .credentials("harvester", "secret")
    ///     .identity(me)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn identity(mut self, identity: Identity) -> Self {
        self.tls.identity = Some(IdentitySource::Given(identity));
        self
    }

    /// Sends every request through the proxy at `url`
    /// (`http://proxy.example.org:3128`, credentials in the URL if it needs
    /// them), except to the hosts `NO_PROXY` lists. Without it the client
    /// follows `HTTPS_PROXY` / `HTTP_PROXY` / `ALL_PROXY` and `NO_PROXY` (or
    /// their lowercase forms), and on macOS and Windows the system's proxy
    /// settings. The config file's key is `proxy`.
    ///
    /// ```
    /// # fn main() -> Result<(), archivesspace::Error> {
    /// let client = archivesspace::Client::builder()
    ///     .base_url("https://archives.example.org/api")
    ///     .proxy("http://proxy.example.org:3128")
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn proxy(mut self, url: impl Into<Secret>) -> Self {
        self.tls.proxy = Some(url.into());
        self
    }

    /// The backend's base URL, such as `http://localhost:8089` (a path
    /// prefix, as in `https://example.org/api`, is kept).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The user to log in as; without credentials requests are anonymous.
    pub fn credentials(mut self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.username = Some(username.into());
        self.password = Some(password.into());
        self
    }

    /// How long to wait for a TCP (and TLS) connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt of a request may take, body included.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The largest answer the client reads whole, in bytes
    /// ([`ClientBuilder::DEFAULT_MAX_RESPONSE_SIZE`] unless set): records, pages, id lists,
    /// error bodies. A larger one (by its `Content-Length`, or once that
    /// much has arrived) is an [`Error::TooLarge`] naming the limit, so that
    /// a server or proxy sending without end cannot fill the memory.
    /// Streamed answers (exports, [`Client::send_streaming`]) are not
    /// limited, except that one element of a batch import's array is.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// How many requests may be in flight at once across the whole client
    /// (at least 1).
    pub fn concurrency(mut self, limit: usize) -> Self {
        self.concurrency = limit;
        self
    }

    /// How failed requests are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether the sessions this client logs in to expire after the server's
    /// idle timeout (`expiring` on `POST /users/:username/login`).
    ///
    /// By default the flag is not sent and ArchivesSpace's default applies:
    /// an expiring session, ended after `session_expire_after_seconds` of
    /// idleness (an hour unless configured). `false` asks for a session that
    /// only `session_nonexpirable_force_expire_after_seconds` ends (a week
    /// unless configured), for long-running scripts. Either way the client
    /// logs in again when the server reports the session gone or expired.
    pub fn expiring_session(mut self, expiring: bool) -> Self {
        self.expiring = Some(expiring);
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }

    /// Starts with a session that already exists (one another tool logged
    /// in to, or [`Client::session_token`] of another client) instead of
    /// logging in. With credentials as well, the client logs in when the
    /// server ends that session; without, a rejected token is an
    /// [`Error::Session`] saying whether the session is gone or expired.
    pub fn session_token(mut self, token: impl Into<Secret>) -> Self {
        self.session_token = Some(token.into());
        self
    }

    /// The header to send the session token in, for a proxy in front of
    /// ArchivesSpace that takes it under another name and forwards it as
    /// `X-ArchivesSpace-Session` (the default).
    pub fn session_header(mut self, name: impl Into<String>) -> Self {
        self.session_header = Some(name.into());
        self
    }

    /// The [`Priority`] of every request of the client; a handle with
    /// another one is [`Client::with_priority`].
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = priority;
        self
    }

    /// Validates every record a typed request sends (creates and updates)
    /// before sending it, as the backend would validate it, and fails with
    /// the [`Error::Validation`] the backend would answer, without a round
    /// trip. Dynamic enumeration values are checked only once the client
    /// has the site's enumerations ([`ClientBuilder::enumerations`],
    /// [`Client::use_enumerations`]). See [`crate::validate`] for what the
    /// client cannot decide.
    ///
    /// ```
    /// # fn main() -> Result<(), archivesspace::Error> {
    /// let client = archivesspace::Client::builder()
    ///     .base_url("http://localhost:8089")
    ///     .credentials("admin", "admin")
    ///     .validate_writes(true)
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn validate_writes(mut self, on: bool) -> Self {
        self.validate_writes = on;
        self
    }

    /// The site's dynamic enumerations, for [`ClientBuilder::validate_writes`]
    /// (fetch them with [`Client::fetch_enumerations`]).
    pub fn enumerations(mut self, enumerations: Enumerations) -> Self {
        self.enumerations = Some(enumerations);
        self
    }

    /// Checks the settings and builds the client. Does not contact the server:
    /// the first request logs in.
    pub fn build(self) -> Result<Client, Error> {
        let raw = self.base_url.ok_or_else(|| {
            Error::config(
                "no base URL (set ASPACE_BASEURL or `baseurl` in the ArchivesSnake config)",
            )
        })?;
        let base_url =
            Url::parse(&raw).map_err(|e| Error::config(format!("invalid base URL: {e}")))?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(Error::config("the base URL must be an http or https URL"));
        }
        // Credentials in the URL would end up in every error message and log
        // line that shows a URL.
        if !base_url.username().is_empty() || base_url.password().is_some() {
            return Err(Error::config(
                "the base URL must not contain credentials; use ClientBuilder::credentials",
            ));
        }
        if base_url.query().is_some() || base_url.fragment().is_some() {
            return Err(Error::config(
                "the base URL must not have a query or fragment",
            ));
        }
        let credentials =
            match (self.username, self.password) {
                (Some(username), Some(password)) if !username.is_empty() => {
                    Some(Credentials { username, password })
                }
                (None, None) => None,
                _ => return Err(Error::config(
                    "both a username and a password are needed (or neither, for anonymous access)",
                )),
            };
        if self.concurrency == 0 {
            return Err(Error::config("concurrency must be at least 1"));
        }
        let name = self.session_header.as_deref().unwrap_or(SESSION_HEADER);
        let session_header = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| Error::config(format!("`{name}` is not a valid header name")))?;
        let generations = AtomicU64::new(0);
        let session = match self.session_token {
            None => None,
            Some(token) => Some(Arc::new(Session {
                header: token_header(&token).ok_or_else(|| {
                    Error::config("the session token is not a valid header value")
                })?,
                token,
                generation: generations.fetch_add(1, Ordering::Relaxed) + 1,
            })),
        };
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.request_timeout)
            .user_agent(self.user_agent)
            .tls_backend_preconfigured(self.tls.client_config(base_url.scheme() == "https")?);
        if let Some(proxy) = &self.tls.proxy {
            // reqwest's message would quote the URL, credentials and all.
            let proxy = reqwest::Proxy::all(proxy.expose())
                .map_err(|_| Error::config("the proxy is not a valid URL"))?
                .no_proxy(reqwest::NoProxy::from_env());
            http = http.proxy(proxy);
        }
        let http = http
            .build()
            .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                credentials,
                session: StdMutex::new(session),
                login_lock: Mutex::new(()),
                limiter: Semaphore::new(self.concurrency),
                concurrency: self.concurrency,
                retry: self.retry,
                generations,
                logins: AtomicU64::new(0),
                expiring: self.expiring,
                session_header,
                server_time: AtomicU64::new(0),
                validate_writes: self.validate_writes,
                enumerations: StdRwLock::new(self.enumerations.map(Arc::new)),
                max_response_size: self.max_response_size,
            }),
            priority: self.priority,
        })
    }
}

impl TlsSettings {
    /// The rustls configuration: files read, certificates and key checked.
    fn client_config(&self, https: bool) -> Result<rustls::ClientConfig, Error> {
        let mut roots = self.roots.clone();
        for file in &self.ca_files {
            roots.push(Certificate::from_pem_file(file)?);
        }
        let identity = match &self.identity {
            None => None,
            Some(IdentitySource::Given(identity)) => Some(identity.clone()),
            Some(IdentitySource::Files { cert, .. }) if cert.as_os_str().is_empty() => {
                return Err(Error::config(
                    "a client key but no client certificate (set `client_cert` or \
                     ASPACE_CLIENT_CERT too)",
                ))
            }
            Some(IdentitySource::Files { cert, key }) => {
                Some(Identity::from_pem_files(cert, key.as_deref())?)
            }
        };
        crate::tls::client_config(&roots, identity.as_ref(), https)
    }
}

#[derive(Debug, Clone)]
struct Credentials {
    username: String,
    password: Secret,
}

/// A session token together with a number telling logins apart, so that a
/// request that saw its token rejected can tell whether someone else has
/// already logged in again since.
struct Session {
    token: Secret,
    header: HeaderValue,
    generation: u64,
}

/// A client for one ArchivesSpace backend. Cheap to clone: clones share the
/// connection pool, the session and the concurrency limit.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// This handle's priority (handles of one client may differ).
    priority: Priority,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    credentials: Option<Credentials>,
    /// The current session; a std mutex since it is held only to copy an Arc.
    session: StdMutex<Option<Arc<Session>>>,
    /// Held while logging in, so that concurrent requests wait for one login
    /// instead of each starting their own.
    login_lock: Mutex<()>,
    limiter: Semaphore,
    concurrency: usize,
    retry: RetryPolicy,
    generations: AtomicU64,
    logins: AtomicU64,
    /// The login's `expiring` flag; the server's default when `None`.
    expiring: Option<bool>,
    /// The header the session token goes in.
    session_header: HeaderName,
    /// The server's clock (seconds since the epoch) by the `Date` of its
    /// latest answer; 0 before any.
    server_time: AtomicU64,
    /// Whether typed requests' records are validated before sending.
    validate_writes: bool,
    /// The site's enumerations, for that validation.
    enumerations: StdRwLock<Option<Arc<Enumerations>>>,
    /// The largest answer read whole, in bytes.
    max_response_size: u64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field(
                "username",
                &self.inner.credentials.as_ref().map(|c| c.username.as_str()),
            )
            .field("concurrency", &self.inner.concurrency)
            .field("retry", &self.inner.retry)
            .field("priority", &self.priority)
            .finish_non_exhaustive()
    }
}

/// One request on the wire, ready to be attempted (and re-attempted).
pub(crate) struct Call<'a> {
    pub(crate) method: Method,
    /// The path, for messages.
    pub(crate) path: &'a str,
    pub(crate) url: Url,
    pub(crate) body: Option<Body>,
    /// Whether repeating the call after an unclear failure is harmless.
    pub(crate) idempotent: bool,
    /// Whether to send (and renew) the session token.
    pub(crate) authenticate: bool,
}

/// What a call came to: a body read whole, or a successful answer left
/// unread for streaming.
enum Answer {
    Body(Bytes),
    Stream(reqwest::Response),
}

/// What one attempt came to.
enum Attempted {
    Reply(Reply),
    Stream(reqwest::Response),
    /// An answer of this status larger than the size limit, left unread.
    TooLarge(u16),
}

struct Reply {
    status: u16,
    is_html: bool,
    retry_after: Option<Duration>,
    body: Bytes,
}

impl Client {
    /// A builder with the default timeouts, concurrency and retry policy.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from the environment; see [`Config::from_env`].
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// The backend's base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The server's clock by the `Date` header of its latest answer, in
    /// seconds since the Unix epoch; `None` before any answer with one.
    pub fn server_time(&self) -> Option<u64> {
        Some(self.inner.server_time.load(Ordering::Relaxed)).filter(|&t| t > 0)
    }

    /// How many times this client has logged in (successfully).
    pub fn login_count(&self) -> u64 {
        self.inner.logins.load(Ordering::Relaxed)
    }

    /// The token of the current session, if the client has logged in: for
    /// handing the session to another tool. The [`Secret`] keeps it out of
    /// `Debug` output; [`Secret::expose`] gives the text.
    pub fn session_token(&self) -> Option<Secret> {
        self.current_session().map(|session| session.token.clone())
    }

    /// Logs in now, replacing any current session; useful to check the
    /// credentials before starting work.
    pub async fn login(&self) -> Result<(), Error> {
        let current = self.current_session().map(|s| s.generation);
        match current {
            Some(generation) => self.session(Some(generation)).await.map(|_| ()),
            None => self.session(None).await.map(|_| ()),
        }
    }

    /// Ends the current session on the server (`POST /logout`) and forgets
    /// it. A later request logs in again if the client has credentials, and
    /// is anonymous otherwise. Without a session this does nothing.
    pub async fn logout(&self) -> Result<(), Error> {
        let Some(session) = self.current_session() else {
            return Ok(());
        };
        let call = Call {
            method: Method::Post,
            path: "/logout",
            url: self.url("/logout", &Query::new())?,
            body: None,
            idempotent: true,
            authenticate: false,
        };
        let reply = match self.attempt(&call, Some(&session), false).await {
            Ok(Attempted::Reply(reply)) => reply,
            // A streamed answer is only ever asked for; this is not one.
            Ok(Attempted::Stream(_)) => {
                self.forget_session(session.generation);
                return Ok(());
            }
            Ok(Attempted::TooLarge(status)) => {
                return Err(self.too_large(Method::Post, "/logout", status))
            }
            Err(source) => {
                return Err(Error::Transport {
                    method: Method::Post,
                    path: "/logout".to_owned(),
                    source,
                })
            }
        };
        match reply.status {
            // A session the server had already ended is as good as ended.
            200..=299 | 412 => {
                self.forget_session(session.generation);
                Ok(())
            }
            status => Err(from_response(
                Method::Post,
                "/logout",
                status,
                reply.is_html,
                &reply.body,
                Some(session.token.expose()),
            )),
        }
    }

    /// A handle to the same client (session, connections, limits) whose
    /// requests carry `priority`; see [`Priority`].
    pub fn with_priority(&self, priority: Priority) -> Client {
        Client {
            inner: self.inner.clone(),
            priority,
        }
    }

    /// The [`Priority`] of this handle's requests.
    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// Sends a request and decodes its response.
    pub async fn send<R: Request>(&self, request: &R) -> Result<R::Response, Error> {
        let path = request.path();
        let bytes = self.execute(self.request_call(request, &path)?).await?;
        match R::RESPONSE_FORMAT {
            ResponseFormat::Json => decode(R::METHOD, &path, &bytes),
            ResponseFormat::Raw => decode_raw(R::METHOD, &path, &bytes),
        }
    }

    /// The call that sends `request`, whose path is `path`: its body encoded,
    /// its query on the URL, the session sent.
    pub(crate) fn request_call<'a, R: Request>(
        &self,
        request: &R,
        path: &'a str,
    ) -> Result<Call<'a>, Error> {
        if self.inner.validate_writes {
            let enumerations = self.enumerations();
            if let Some(verdict) = request.validate_body(enumerations.as_deref()) {
                if !verdict.is_valid() {
                    tracing::debug!(
                        method = %R::METHOD,
                        path,
                        "refused before sending: the record is invalid"
                    );
                    return Err(Error::Validation {
                        method: R::METHOD,
                        path: path.to_owned(),
                        errors: verdict.errors,
                        warnings: verdict.warnings,
                    });
                }
            }
        }
        let body = request.body().map_err(|source| Error::Encode {
            method: R::METHOD,
            path: path.to_owned(),
            source,
        })?;
        Ok(Call {
            method: R::METHOD,
            path,
            url: self.url(path, &request.query())?,
            body,
            idempotent: R::METHOD.is_idempotent(),
            authenticate: true,
        })
    }

    /// The site's dynamic enumerations (`GET /config/enumerations`), for
    /// validating records on the client.
    pub async fn fetch_enumerations(&self) -> Result<Enumerations, Error> {
        let answer: serde_json::Value = self.get_json("/config/enumerations").await?;
        Ok(Enumerations::from_config(&answer))
    }

    /// Checks dynamic enumeration values against `enumerations` from now on,
    /// when the client validates what it sends
    /// ([`ClientBuilder::validate_writes`]).
    pub fn use_enumerations(&self, enumerations: Enumerations) {
        let mut slot = match self.inner.enumerations.write() {
            Ok(slot) => slot,
            Err(poisoned) => poisoned.into_inner(),
        };
        *slot = Some(Arc::new(enumerations));
    }

    fn enumerations(&self) -> Option<Arc<Enumerations>> {
        match self.inner.enumerations.read() {
            Ok(slot) => slot.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// `GET`s a record URI (such as `/repositories/2/archival_objects/7`) and
    /// decodes the JSON; with `serde_json::Value` the document is kept as sent,
    /// member order included.
    pub async fn get_json<T: DeserializeOwned>(&self, uri: &str) -> Result<T, Error> {
        check_uri(uri)?;
        let call = Call {
            method: Method::Get,
            path: uri,
            url: self.url(uri, &Query::new())?,
            body: None,
            idempotent: true,
            authenticate: true,
        };
        let bytes = self.execute(call).await?;
        decode(Method::Get, uri, &bytes)
    }

    /// `POST`s a JSON document to a URI (a create or an update).
    pub async fn post_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        uri: &str,
        body: &B,
    ) -> Result<T, Error> {
        check_uri(uri)?;
        let json = serde_json::to_vec(body).map_err(|source| Error::Encode {
            method: Method::Post,
            path: uri.to_owned(),
            source,
        })?;
        let call = Call {
            method: Method::Post,
            path: uri,
            url: self.url(uri, &Query::new())?,
            body: Some(Body::Json(json)),
            idempotent: false,
            authenticate: true,
        };
        let bytes = self.execute(call).await?;
        decode(Method::Post, uri, &bytes)
    }

    /// The base URL with `path` appended (after any prefix the base URL has)
    /// and the query encoded.
    pub(crate) fn url(&self, path: &str, query: &Query) -> Result<Url, Error> {
        let mut url = self.inner.base_url.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query.pairs() {
                pairs.append_pair(name, value);
            }
        }
        Ok(url)
    }

    fn current_session(&self) -> Option<Arc<Session>> {
        match self.inner.session.lock() {
            Ok(guard) => guard.clone(),
            // A panic while holding this lock cannot leave the Option torn.
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Drops the session numbered `generation`, if it is still the current one.
    fn forget_session(&self, generation: u64) {
        let mut guard = match self.inner.session.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if guard.as_ref().is_some_and(|s| s.generation == generation) {
            *guard = None;
        }
    }

    fn store_session(&self, session: Arc<Session>) {
        match self.inner.session.lock() {
            Ok(mut guard) => *guard = Some(session),
            Err(poisoned) => *poisoned.into_inner() = Some(session),
        }
    }

    /// The session to use, logging in first if there is none or if the
    /// current one is the one numbered `rejected`.
    ///
    /// Single flight: of many requests whose token was rejected at the same
    /// time, the first to take the login lock logs in; the others find a
    /// session newer than the one they saw rejected and use that.
    async fn session(&self, rejected: Option<u64>) -> Result<Option<Arc<Session>>, Error> {
        let usable = |s: &Arc<Session>| Some(s.generation) != rejected;
        let Some(credentials) = &self.inner.credentials else {
            // A token given to the builder, or anonymous access.
            return Ok(self.current_session().filter(usable));
        };
        if let Some(session) = self.current_session().filter(usable) {
            return Ok(Some(session));
        }
        let _login = self.inner.login_lock.lock().await;
        if let Some(session) = self.current_session().filter(usable) {
            return Ok(Some(session));
        }
        let token = self.log_in(credentials).await?;
        let header = token_header(&token).ok_or_else(|| {
            Error::malformed(
                Method::Post,
                &login_path(&credentials.username),
                "session",
                "the session token is not a valid header value",
            )
        })?;
        let session = Arc::new(Session {
            token,
            header,
            generation: self.inner.generations.fetch_add(1, Ordering::Relaxed) + 1,
        });
        self.store_session(session.clone());
        self.inner.logins.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(username = %credentials.username, "logged in to ArchivesSpace");
        Ok(Some(session))
    }

    async fn log_in(&self, credentials: &Credentials) -> Result<Secret, Error> {
        #[derive(Deserialize)]
        struct LoginReply {
            session: String,
        }
        let path = login_path(&credentials.username);
        let mut url = self.inner.base_url.clone();
        url.path_segments_mut()
            .map_err(|()| Error::config("the base URL cannot take a path"))?
            .pop_if_empty()
            .extend(["users", credentials.username.as_str(), "login"]);
        let call = Call {
            method: Method::Post,
            path: &path,
            url,
            // The password goes in the form body, never in the URL, where
            // proxies and access logs would keep it.
            body: Some(Body::Form(login_form(
                credentials.password.expose(),
                self.inner.expiring,
            ))),
            // An extra session from a repeated login is harmless.
            idempotent: true,
            authenticate: false,
        };
        // Boxed because `execute` calls back into `session` and so into here.
        match Box::pin(self.execute(call)).await {
            Ok(bytes) => {
                // Decoded without serde_path_to_error detail: the body holds the token.
                let reply: LoginReply = serde_json::from_slice(&bytes).map_err(|_| {
                    Error::malformed(
                        Method::Post,
                        &path,
                        "session",
                        "the login response has no session token",
                    )
                })?;
                Ok(Secret::new(reply.session))
            }
            Err(Error::AccessDenied { .. }) => Err(Error::LoginFailed {
                username: credentials.username.clone(),
            }),
            Err(other) => Err(other),
        }
    }

    /// Runs a call to completion: logs in as needed, replays once after a
    /// rejected session, retries transient failures per the retry policy.
    pub(crate) async fn execute(&self, call: Call<'_>) -> Result<Bytes, Error> {
        let (method, path) = (call.method, call.path.to_owned());
        match self.run(call, false).await? {
            Answer::Body(bytes) => Ok(bytes),
            // Not asked for; read it whole all the same.
            Answer::Stream(response) => {
                let status = response.status().as_u16();
                match read_limited(response, self.inner.max_response_size).await {
                    Ok(Some(bytes)) => Ok(bytes),
                    Ok(None) => Err(self.too_large(method, &path, status)),
                    Err(source) => Err(Error::Transport {
                        method,
                        path,
                        source,
                    }),
                }
            }
        }
    }

    /// The limit on answers read whole, in bytes.
    pub(crate) fn max_response_size(&self) -> u64 {
        self.inner.max_response_size
    }

    /// The error for an answer over the size limit.
    pub(crate) fn too_large(&self, method: Method, path: &str, status: u16) -> Error {
        Error::TooLarge {
            method,
            path: path.to_owned(),
            status,
            limit: self.inner.max_response_size,
        }
    }

    /// Like [`Client::execute`], but a successful answer comes back unread,
    /// for its body to be streamed.
    pub(crate) async fn execute_streaming(
        &self,
        call: Call<'_>,
    ) -> Result<reqwest::Response, Error> {
        let method = call.method;
        let path = call.path.to_owned();
        match self.run(call, true).await? {
            Answer::Stream(response) => Ok(response),
            Answer::Body(bytes) => Err(Error::malformed(
                method,
                &path,
                ".",
                format!(
                    "a {}-byte answer was read whole instead of streamed",
                    bytes.len()
                ),
            )),
        }
    }

    async fn run(&self, call: Call<'_>, stream: bool) -> Result<Answer, Error> {
        let policy = &self.inner.retry;
        let mut retries = 0u32;
        let mut logged_in_again = false;
        loop {
            let session = if call.authenticate {
                self.session(None).await?
            } else {
                None
            };
            let secret = session.as_ref().map(|s| s.token.expose());
            let outcome = match self.attempt(&call, session.as_deref(), stream).await {
                Ok(Attempted::Stream(response)) => return Ok(Answer::Stream(response)),
                Ok(Attempted::TooLarge(status)) => {
                    return Err(self.too_large(call.method, call.path, status))
                }
                Ok(Attempted::Reply(reply)) => Ok(reply),
                Err(e) => Err(e),
            };
            let may_retry = retries < policy.retries();
            let repeatable = call.idempotent || policy.retries_non_idempotent();
            let (wait, reason) = match outcome {
                Ok(reply) if (200..300).contains(&reply.status) => {
                    return Ok(Answer::Body(reply.body))
                }
                Ok(reply) if reply.status == 412 => {
                    let failure = session_failure(&reply.body);
                    let can_log_in = self.inner.credentials.is_some();
                    match (&session, failure) {
                        // ArchivesSpace checks the session before running the
                        // route, so even a POST did nothing and can be replayed.
                        (Some(rejected), Some(failure)) if !logged_in_again && can_log_in => {
                            logged_in_again = true;
                            tracing::info!(
                                method = %call.method,
                                path = call.path,
                                %failure,
                                "ArchivesSpace rejected the session; logging in again"
                            );
                            self.session(Some(rejected.generation)).await?;
                            continue;
                        }
                        _ => {
                            return Err(from_response(
                                call.method,
                                call.path,
                                reply.status,
                                reply.is_html,
                                &reply.body,
                                secret,
                            ))
                        }
                    }
                }
                // Rolled back by the database: nothing was saved, so even a
                // create can be sent again.
                Ok(reply) if reply.status == 400 && may_retry && rolled_back(&reply.body) => (
                    policy.backoff(retries),
                    "a transaction rolled back over a lock conflict".to_owned(),
                ),
                // Asked to come back later than the policy allows: saying
                // so now beats waiting, or failing later with a bare status.
                Ok(reply)
                    if RETRY_STATUSES.contains(&reply.status)
                        && repeatable
                        && reply
                            .retry_after
                            .is_some_and(|after| after > policy.max_retry_after_wait()) =>
                {
                    return Err(Error::RetryAfter {
                        method: call.method,
                        path: call.path.to_owned(),
                        status: reply.status,
                        wait: reply.retry_after.unwrap_or_default(),
                        max: policy.max_retry_after_wait(),
                    });
                }
                Ok(reply) if RETRY_STATUSES.contains(&reply.status) && may_retry && repeatable => {
                    // At least what the server asks for, not less.
                    let wait = match reply.retry_after {
                        Some(after) => after,
                        None => policy.backoff(retries),
                    };
                    (wait, format!("HTTP {}", reply.status))
                }
                Ok(reply) => {
                    return Err(from_response(
                        call.method,
                        call.path,
                        reply.status,
                        reply.is_html,
                        &reply.body,
                        secret,
                    ))
                }
                // A failed connect never reached the server: safe to repeat
                // whatever the method. What no retry mends (an untrusted
                // certificate, a host that does not exist) fails at once.
                Err(source)
                    if may_retry
                        && (repeatable || source.is_connect())
                        && !crate::transport::is_permanent(&source) =>
                {
                    (
                        policy.backoff(retries),
                        scrub(&crate::transport::describe(&source), secret),
                    )
                }
                Err(source) => {
                    return Err(Error::Transport {
                        method: call.method,
                        path: call.path.to_owned(),
                        source,
                    })
                }
            };
            retries += 1;
            tracing::warn!(
                method = %call.method,
                path = call.path,
                retry = retries,
                max_retries = policy.retries(),
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                reason = %reason,
                "retrying ArchivesSpace request"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt, under the concurrency limit.
    async fn attempt(
        &self,
        call: &Call<'_>,
        session: Option<&Session>,
        stream: bool,
    ) -> Result<Attempted, reqwest::Error> {
        // The semaphore is never closed, so acquiring cannot fail; if it ever
        // did, going ahead unthrottled beats failing the request.
        let _permit = self.inner.limiter.acquire().await.ok();
        let method = match call.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = self.inner.http.request(method, call.url.clone());
        if let Some(session) = session {
            request = request.header(&self.inner.session_header, session.header.clone());
        }
        if self.priority == Priority::High {
            request = request.header(PRIORITY_HEADER, "high");
        }
        match &call.body {
            Some(Body::Json(json)) => {
                request = request
                    .header(CONTENT_TYPE, "application/json")
                    .body(json.clone());
            }
            Some(Body::Form(fields)) => request = request.form(fields),
            Some(Body::Raw {
                content_type,
                bytes,
            }) => {
                request = request
                    .header(CONTENT_TYPE, content_type.as_str())
                    .body(bytes.clone());
            }
            // Without a length, a bodiless POST leaves ArchivesSpace's
            // WEBrick server waiting for a body that never comes.
            None if call.method == Method::Post => {
                request = request.header(CONTENT_LENGTH, "0");
            }
            None => {}
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers();
        let server_date = headers
            .get(DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok());
        if let Some(date) = server_date.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()) {
            self.inner
                .server_time
                .store(date.as_secs(), Ordering::Relaxed);
        }
        let is_html = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("text/html"));
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                crate::retry::retry_after(v, server_date.unwrap_or_else(std::time::SystemTime::now))
            });
        if stream && (200..300).contains(&status) {
            return Ok(Attempted::Stream(response));
        }
        let Some(body) = read_limited(response, self.inner.max_response_size).await? else {
            return Ok(Attempted::TooLarge(status));
        };
        Ok(Attempted::Reply(Reply {
            status,
            is_html,
            retry_after,
            body,
        }))
    }
}

/// The whole body of `response`, or `None` as soon as it is known to be
/// longer than `limit` bytes (by its `Content-Length`, or by what arrived),
/// without reading more of it.
async fn read_limited(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Option<Bytes>, reqwest::Error> {
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit) {
        return Ok(None);
    }
    // Trust a declared length only as far as the limit, and a small
    // buffer to start with.
    let capacity = declared.unwrap_or(0).min(limit).min(1 << 20);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await? {
        if u64::try_from(body.len().saturating_add(chunk.len())).unwrap_or(u64::MAX) > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(Bytes::from(body)))
}

/// The token as a header value marked sensitive, which keeps it out of
/// reqwest's and hyper's debug output; `None` if it cannot be a header.
fn token_header(token: &Secret) -> Option<HeaderValue> {
    let mut header = HeaderValue::from_str(token.expose()).ok()?;
    header.set_sensitive(true);
    Some(header)
}

/// The fields of a login request.
fn login_form(password: &str, expiring: Option<bool>) -> Vec<(String, String)> {
    let mut fields = vec![("password".to_owned(), password.to_owned())];
    if let Some(expiring) = expiring {
        fields.push(("expiring".to_owned(), expiring.to_string()));
    }
    fields
}

fn login_path(username: &str) -> String {
    format!("/users/{username}/login")
}

fn check_uri(uri: &str) -> Result<(), Error> {
    if uri.starts_with('/') && !uri.contains(['?', '#']) && !uri.split('/').any(|s| s == "..") {
        Ok(())
    } else {
        Err(Error::InvalidUri {
            uri: uri.to_owned(),
        })
    }
}

/// Decodes a response, reporting where in the document a mismatch is.
pub(crate) fn decode<T: DeserializeOwned>(
    method: Method,
    path: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    // A plain decode first: tracking the JSON path costs an allocation for
    // every key passed (BENCHMARKS.md, typed decode), and is only needed to
    // say where a failure is, so it runs only then, on the same bytes.
    match serde_json::from_slice(bytes) {
        Ok(value) => Ok(value),
        Err(_) => decode_tracked(method, path, bytes),
    }
}

/// Decodes while tracking the JSON path, for the error.
fn decode_tracked<T: DeserializeOwned>(
    method: Method,
    path: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| Error::Decode {
        method,
        path: path.to_owned(),
        json_path: e.path().to_string(),
        source: e.into_inner(),
    })?;
    deserializer.end().map_err(|source| Error::Decode {
        method,
        path: path.to_owned(),
        json_path: ".".to_owned(),
        source,
    })?;
    Ok(value)
}

/// Hands a body that is not JSON (an XML export, a file) to the response
/// type as bytes.
pub(crate) fn decode_raw<T: DeserializeOwned>(
    method: Method,
    path: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    let deserializer = serde::de::value::BytesDeserializer::<serde_json::Error>::new(bytes);
    T::deserialize(deserializer).map_err(|source| Error::Decode {
        method,
        path: path.to_owned(),
        json_path: ".".to_owned(),
        source,
    })
}

/// Decodes an already-parsed document, reporting where a mismatch is.
pub(crate) fn decode_value<T: DeserializeOwned>(
    method: Method,
    path: &str,
    value: serde_json::Value,
) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| Error::Decode {
        method,
        path: path.to_owned(),
        json_path: e.path().to_string(),
        source: e.into_inner(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_rejects_credentials_in_url() {
        let e = Client::builder()
            .base_url("http://admin:secretpw@localhost:8089")
            .build()
            .map(|_| ());
        match e {
            Err(err @ Error::Config { .. }) => {
                assert!(!format!("{err} {err:?}").contains("secretpw"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn builder_needs_both_credentials() {
        let mut builder = Client::builder().base_url("http://localhost:8089");
        builder.username = Some("admin".into());
        assert!(matches!(builder.build(), Err(Error::Config { .. })));
    }

    #[test]
    fn urls_keep_the_base_prefix() -> Result<(), Error> {
        let client = Client::builder()
            .base_url("https://example.org/api/")
            .build()?;
        let mut query = Query::new();
        query.push("id_set", "1,2");
        query.push_array("resolve", &["subjects"]);
        let url = client.url("/repositories/2/accessions", &query)?;
        assert_eq!(
            url.as_str(),
            "https://example.org/api/repositories/2/accessions?id_set=1%2C2&resolve%5B%5D=subjects"
        );
        Ok(())
    }

    #[test]
    fn debug_hides_the_password() -> Result<(), Error> {
        let builder = Client::builder()
            .base_url("http://localhost:8089")
            .credentials("admin", "pw-9f8e7d");
        let client = builder.clone().build()?;
        let shown = format!("{builder:?} {client:?}");
        assert!(!shown.contains("pw-9f8e7d"), "{shown}");
        Ok(())
    }

    #[test]
    fn decode_reports_the_json_path() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Page {
            results: Vec<Rec>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Rec {
            id: i64,
        }
        let e = decode::<Page>(Method::Get, "/x", br#"{"results":[{"id":1},{"id":"two"}]}"#);
        match e {
            Err(Error::Decode { json_path, .. }) => assert_eq!(json_path, "results[1].id"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn raw_responses_keep_the_bytes() -> Result<(), Error> {
        let raw: archivesspace_core::responses::RawResponse =
            decode_raw(Method::Get, "/x/1.xml", b"<ead/>\xff")?;
        assert_eq!(raw.as_bytes(), b"<ead/>\xff");
        Ok(())
    }

    #[test]
    fn uri_checks() {
        assert!(check_uri("/repositories/2/archival_objects/1").is_ok());
        assert!(check_uri("repositories/2").is_err());
        assert!(check_uri("/a?b=c").is_err());
        assert!(check_uri("/a/../users").is_err());
    }
}
