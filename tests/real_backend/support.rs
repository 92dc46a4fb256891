//! Finding the backend, making clients, and naming test data.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use archivesspace::request::{Body, Method, Query, Request};
use archivesspace::requests::repositories;
use archivesspace::{Client, Error, Repository, RetryPolicy};
use serde_json::Value;

pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// The backend under test, from the environment:
///
/// - `ASPACE_TEST_URL`: its base URL; without it the suite skips, unless
///   `ASPACE_TEST_REQUIRED=1` (as `.ci/run` sets), when it fails;
/// - `ASPACE_TEST_USERNAME` / `ASPACE_TEST_PASSWORD`: an administrator
///   (default `admin` / `admin`);
/// - `ASPACE_TEST_SESSION_EXPIRY`: the backend's
///   `session_expire_after_seconds`, when it was started with a short one;
///   the expiry test needs it;
/// - `ASPACE_TEST_RECORDS`: how many archival objects the listing test
///   imports (default 2000).
#[derive(Debug, Clone)]
pub struct Backend {
    pub url: String,
    pub username: String,
    pub password: String,
    pub session_expiry: Option<u64>,
    pub records: usize,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Whether a missing backend is a failure rather than a skip.
pub fn required() -> bool {
    env("ASPACE_TEST_REQUIRED").is_some_and(|v| v != "0")
}

impl Backend {
    /// The backend to test against, or `None` (after saying so) when there
    /// is none and none is required.
    pub fn from_env(test: &str) -> Result<Option<Backend>, String> {
        let Some(url) = env("ASPACE_TEST_URL") else {
            if required() {
                return Err(
                    "ASPACE_TEST_REQUIRED is set but ASPACE_TEST_URL is not: no backend to test"
                        .to_owned(),
                );
            }
            eprintln!(
                "{test}: skipped: no real backend (set ASPACE_TEST_URL, e.g. http://localhost:8089)"
            );
            return Ok(None);
        };
        let number = |name: &str| env(name).and_then(|v| v.parse::<u64>().ok());
        Ok(Some(Backend {
            url: url.trim_end_matches('/').to_owned(),
            username: env("ASPACE_TEST_USERNAME").unwrap_or_else(|| "admin".to_owned()),
            password: env("ASPACE_TEST_PASSWORD").unwrap_or_else(|| "admin".to_owned()),
            session_expiry: number("ASPACE_TEST_SESSION_EXPIRY"),
            records: number("ASPACE_TEST_RECORDS")
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(2000),
        }))
    }

    /// A client logged in as the administrator, with a session that does
    /// not expire when idle (the CI backend expires idle sessions after a
    /// few seconds, for the expiry test).
    pub fn client(&self) -> Result<Client, Error> {
        self.client_as(&self.username, &self.password)
    }

    pub fn client_as(&self, username: &str, password: &str) -> Result<Client, Error> {
        Client::builder()
            .base_url(&self.url)
            .credentials(username, password)
            .expiring_session(false)
            .request_timeout(Duration::from_secs(300))
            .retry(
                RetryPolicy::default()
                    .initial_backoff(Duration::from_millis(50))
                    .max_backoff(Duration::from_secs(2)),
            )
            .build()
    }
}

/// Resolves to the backend, or returns from the test when it skips. The
/// test shares the database with the others from here on (see [`shared`]),
/// unless it asks for it `alone`.
#[macro_export]
macro_rules! backend {
    ($test:literal) => {
        $crate::backend!($test, shared)
    };
    ($test:literal, $access:ident) => {
        match $crate::support::Backend::from_env($test)? {
            Some(backend) => (backend, $crate::support::$access().await),
            None => return Ok(()),
        }
    };
}

/// Tests hold this shared while they run, and the one that loads the
/// database with a long batch import holds it alone: on the embedded Derby
/// database a transaction of minutes makes everyone else's wait for locks
/// time out, and theirs make it fail the same way.
static DATABASE: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// Held by a test that works alongside others.
pub async fn shared() -> tokio::sync::RwLockReadGuard<'static, ()> {
    DATABASE.read().await
}

/// Held by the test that needs the database to itself.
pub async fn exclusive() -> tokio::sync::RwLockWriteGuard<'static, ()> {
    DATABASE.write().await
}

/// A string unique to this run and call, for codes and names that the
/// backend wants unique (repository codes, identifiers, usernames).
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{prefix}{:x}{:x}{n}",
        now.as_secs() % 0x100_0000,
        std::process::id()
    )
}

/// A new repository, for a test's own records.
pub async fn new_repository(client: &Client, label: &str) -> Result<i64, Error> {
    let code = unique(label);
    let repository = Repository {
        repo_code: Some(code.clone()),
        name: Some(format!("archivesspace-rs test {code}")),
        ..Default::default()
    };
    Ok(client
        .send(&repositories::Create::new(repository))
        .await?
        .id)
}

/// A resource with what ArchivesSpace requires of one (an identifier, a
/// level, a date, an extent, languages), as JSON; `id_0` is unique.
pub fn resource_json(title: &str) -> Value {
    serde_json::json!({
        "title": title, "id_0": unique("R"), "level": "collection",
        "dates": [{"date_type": "single", "label": "creation", "expression": "2001"}],
        "extents": [{"portion": "whole", "number": "1", "extent_type": "linear_feet"}],
        "finding_aid_language": "eng", "finding_aid_script": "Latn",
        "lang_materials": [{"language_and_script": {"language": "eng", "script": "Latn"}}]
    })
}

/// The same request, answered as the JSON the server sent.
#[derive(Debug, Clone)]
pub struct AsJson<R>(pub R);

impl<R: Request> Request for AsJson<R> {
    type Response = Value;
    const METHOD: Method = R::METHOD;
    const URI_TEMPLATE: &'static str = R::URI_TEMPLATE;

    fn path(&self) -> String {
        self.0.path()
    }

    fn query(&self) -> Query {
        self.0.query()
    }

    fn body(&self) -> Result<Option<Body>, serde_json::Error> {
        self.0.body()
    }
}

/// The id at the end of a record URI.
pub fn id_of(uri: &str) -> Option<i64> {
    uri.rsplit('/').next()?.parse().ok()
}
