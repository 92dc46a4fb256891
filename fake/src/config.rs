//! How a fake is set up: the [`FakeConfig`] a test chooses, and the values
//! a real backend takes from its `AppConfig` that the fake fixes.

use std::sync::Arc;
use std::time::Duration;

/// The largest page and id set the fake accepts, as `AppConfig[:max_page_size]`.
pub(crate) const MAX_PAGE_SIZE: i64 = 250;
/// `AppConfig[:default_page_size]`.
pub(crate) const DEFAULT_PAGE_SIZE: i64 = 10;
/// `AppConfig[:session_nonexpirable_force_expire_after_seconds]`.
pub(crate) const NONEXPIRING_SESSION_SECONDS: u64 = 604_800;
/// The one repository the fake holds.
pub(crate) const REPO_ID: &str = "2";

/// How to set up a [`FakeServer`](crate::FakeServer).
#[derive(Debug, Clone)]
pub struct FakeConfig {
    pub(crate) username: String,
    pub(crate) password: String,
    pub(crate) records: usize,
    pub(crate) seed: u64,
    pub(crate) session_ttl: Option<Duration>,
    pub(crate) session_max_requests: Option<u64>,
    pub(crate) login_delay: Duration,
    pub(crate) faults_affect_login: bool,
    pub(crate) schemas: Option<Arc<str>>,
    pub(crate) version: String,
    pub(crate) session_header: String,
    pub(crate) export_bytes: usize,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            username: "admin".into(),
            password: "admin".into(),
            records: 100,
            seed: 1,
            session_ttl: None,
            session_max_requests: None,
            login_delay: Duration::ZERO,
            faults_affect_login: false,
            schemas: None,
            version: "v4.2.1".into(),
            session_header: "x-archivesspace-session".into(),
            export_bytes: 256 * 1024,
        }
    }
}

impl FakeConfig {
    /// The one user that can log in (default `admin` / `admin`).
    pub fn user(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.username = username.into();
        self.password = password.into();
        self
    }

    /// How many archival objects to seed (ids 1..=n; default 100).
    pub fn records(mut self, count: usize) -> Self {
        self.records = count;
        self
    }

    /// The seed the records are generated from (default 1).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sessions expire this long after login (`SESSION_EXPIRED`).
    pub fn session_ttl(mut self, ttl: Duration) -> Self {
        self.session_ttl = Some(ttl);
        self
    }

    /// Sessions expire after serving this many requests (`SESSION_EXPIRED`).
    pub fn session_max_requests(mut self, requests: u64) -> Self {
        self.session_max_requests = Some(requests);
        self
    }

    /// Each login takes this long, which widens the window in which
    /// concurrent clients could race to log in.
    pub fn login_delay(mut self, delay: Duration) -> Self {
        self.login_delay = delay;
        self
    }

    /// The body `GET /schemas` answers with (a JSON object of schema name to
    /// schema); without one the route is unknown, as on a backend whose
    /// schema route was removed.
    pub fn schemas(mut self, body: impl Into<Arc<str>>) -> Self {
        self.schemas = Some(body.into());
        self
    }

    /// The release `GET /` reports as `archivesSpaceVersion` (default `v4.2.1`).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Reads the session token from the header `name` instead of
    /// `X-ArchivesSpace-Session`, as a proxy in front of ArchivesSpace that
    /// takes it under another name would.
    pub fn session_header(mut self, name: impl Into<String>) -> Self {
        self.session_header = name.into().to_ascii_lowercase();
        self
    }

    /// About how many bytes an export (`resource_descriptions/:id.xml`)
    /// has (256 KiB by default).
    pub fn export_bytes(mut self, bytes: usize) -> Self {
        self.export_bytes = bytes;
        self
    }

    /// Whether injected faults also hit logins (default: no).
    pub fn faults_affect_login(mut self, affect: bool) -> Self {
        self.faults_affect_login = affect;
        self
    }
}
