//! A fake ArchivesSpace backend for the tests, examples and benchmarks of
//! archivesspace-rs (`publish = false`).
//!
//! It serves the slice of the API the runtime needs, with ArchivesSpace's
//! own status codes and bodies (`backend/app/main.rb`, `lib/rest.rb`,
//! `lib/exceptions.rb`):
//!
//! - `POST /users/:username/login` (password in the form body only: a
//!   password in the query is refused, to catch clients that leak it);
//! - `GET /repositories/2/archival_objects` with `page`/`page_size` (clamped
//!   to 250), `all_ids=true`, `id_set=1,2` or `id_set[]=1&id_set[]=2` (a
//!   repeated bare key keeps its last value, as in Rack);
//! - `GET`, `POST` (update, 409 on a stale or missing `lock_version`, 400
//!   with validation errors) and `DELETE` on
//!   `/repositories/2/archival_objects/:id`, and `POST` to create;
//! - `GET /search` and `GET /repositories/2/search` (`q`, `type[]`,
//!   `filter_query[]`, `facet[]`, `page`, `page_size`), each hit an index
//!   document carrying the record as a JSON string in `json`;
//! - `GET /repositories/2/resources/:id/tree/root` and `tree/waypoint`
//!   (`offset`, `parent_node`): a two-level tree over the archival objects
//!   that name the resource (see `trees.rs`);
//! - `GET /repositories/2/resource_descriptions/:id.xml`: an EAD (EAD3 with
//!   `ead3=true`) of about [`FakeConfig::export_bytes`], streamed in chunks;
//! - 403 `Access denied` without a session, 412 `SESSION_GONE` /
//!   `SESSION_EXPIRED`, 404 JSON for a missing record and for an unknown
//!   route (`{"error":"Sinatra::NotFound"}`, as v4 sends);
//! - 411 for a `POST` that declares no body length, where ArchivesSpace's
//!   WEBrick server would wait for a body until the client times out;
//! - fault injection: bursts of 5xx, dropped connections, slow responses,
//!   sessions expiring after a time or a number of requests.
//!
//! It only ever binds to 127.0.0.1.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use archivesspace_fake::{FakeConfig, FakeServer};
//! let server = FakeServer::start(FakeConfig::default().records(500)).await?;
//! server.fail_next(3, 503);
//! println!("listening on {}", server.base_url());
//! # Ok(())
//! # }
//! ```

// Handlers bail out early with a ready `Response` as the error; boxing them
// would only add noise to a test fixture that builds one response a request.
#![allow(clippy::result_large_err)]

// The modules are layered so that none uses one that uses it back: router
// uses search, trees and handlers, search and trees use handlers, all four
// use state, state uses faults and config, faults use responses; config,
// rack, records and responses use no other module, and none uses the crate
// root.
mod config;
mod exports;
mod faults;
mod handlers;
mod rack;
mod records;
mod responses;
mod router;
mod search;
mod state;
mod trees;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::FakeConfig;
use faults::Faults;
use state::{lock, unix_now, Shared};

/// Counters of what the fake has seen, from [`FakeServer::stats`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FakeStats {
    /// Successful logins.
    pub logins: u64,
    /// Refused logins.
    pub failed_logins: u64,
    /// Login attempts that carried the password in the query string.
    pub password_in_url: u64,
    /// Every request received, logins and faults included.
    pub requests: u64,
    /// Requests answered with an injected fault.
    pub injected_faults: u64,
    /// 412 answers.
    pub session_rejections: u64,
    /// The most requests in progress at once.
    pub max_in_flight: u64,
    /// Successful updates.
    pub updates: u64,
    /// 409 answers.
    pub conflicts: u64,
}

/// A running fake backend; stops when dropped.
pub struct FakeServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FakeServer {
    /// Starts a fake on 127.0.0.1 at a free port.
    pub async fn start(config: FakeConfig) -> std::io::Result<FakeServer> {
        FakeServer::start_on_port(config, 0).await
    }

    /// Starts a fake on 127.0.0.1 at `port` (0 for any free port).
    pub async fn start_on_port(config: FakeConfig, port: u16) -> std::io::Result<FakeServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(config));
        let app = router::router(shared.clone());
        let (shutdown, signal) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = signal.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "fake ArchivesSpace stopped");
            }
        });
        Ok(FakeServer {
            addr,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The username it accepts.
    pub fn username(&self) -> &str {
        &self.shared.config.username
    }

    /// The password it accepts.
    pub fn password(&self) -> &str {
        &self.shared.config.password
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> FakeStats {
        let c = &self.shared.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        FakeStats {
            logins: get(&c.logins),
            failed_logins: get(&c.failed_logins),
            password_in_url: get(&c.password_in_url),
            requests: get(&c.requests),
            injected_faults: get(&c.injected_faults),
            session_rejections: get(&c.session_rejections),
            max_in_flight: get(&c.max_in_flight),
            updates: get(&c.updates),
            conflicts: get(&c.conflicts),
        }
    }

    /// The ids of the archival objects held now.
    pub fn record_ids(&self) -> Vec<i64> {
        lock(&self.shared.db).records.keys().copied().collect()
    }

    /// The archival object with this id, as stored.
    pub fn record(&self, id: i64) -> Option<Value> {
        lock(&self.shared.db).get(id)
    }

    /// Adds a freshly generated archival object and returns its id.
    pub fn add_record(&self) -> i64 {
        let now = records::iso8601(unix_now());
        let mut db = lock(&self.shared.db);
        let id = db.next_id;
        db.next_id += 1;
        db.insert(
            id,
            &records::archival_object(self.shared.config.seed, id, &now),
        );
        id
    }

    /// Deletes an archival object; whether it existed.
    pub fn delete_record(&self, id: i64) -> bool {
        lock(&self.shared.db).records.remove(&id).is_some()
    }

    /// Bumps a record's `lock_version`, as a concurrent edit would.
    pub fn touch_record(&self, id: i64) -> bool {
        let mut db = lock(&self.shared.db);
        match db.get(id) {
            Some(mut record) => {
                let next = record["lock_version"].as_i64().unwrap_or(0) + 1;
                record["lock_version"] = json!(next);
                db.insert(id, &record);
                true
            }
            None => false,
        }
    }

    /// The session tokens currently valid (for tests that check no token
    /// leaks into logs or errors).
    pub fn session_tokens(&self) -> Vec<String> {
        lock(&self.shared.sessions).keys().cloned().collect()
    }

    /// Every session token ever issued, expired ones included.
    pub fn issued_tokens(&self) -> Vec<String> {
        lock(&self.shared.issued).clone()
    }

    /// Forgets every session: the next request with an old token gets
    /// 412 `SESSION_GONE`, as after a backend restart.
    pub fn expire_sessions(&self) {
        lock(&self.shared.sessions).clear();
    }

    /// The next `count` requests are answered with `status` (502, 503 and
    /// 504 come with a proxy's HTML page, 400 with the `db_error` of a
    /// transaction rolled back over a lock, others with a JSON error).
    pub fn fail_next(&self, count: u32, status: u16) {
        lock(&self.shared.faults).fail_next(count, status);
    }

    /// The next `count` requests have their connection dropped halfway
    /// through the response body.
    pub fn abort_next(&self, count: u32) {
        lock(&self.shared.faults).abort_next(count);
    }

    /// Each request fails with `status` with probability `rate` (drawn from
    /// the seeded generator).
    pub fn set_error_rate(&self, rate: f64, status: u16) {
        lock(&self.shared.faults).set_error_rate(rate, status);
    }

    /// Every response is delayed by `delay`.
    pub fn set_delay(&self, delay: Duration) {
        lock(&self.shared.faults).set_delay(delay);
    }

    /// Stops injecting faults and delays.
    pub fn clear_faults(&self) {
        *lock(&self.shared.faults) = Faults::default();
    }

    /// Stops the server and waits for it to finish.
    pub async fn shutdown(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Serves until the task is cancelled (for running the fake standalone).
    pub async fn wait(mut self) {
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
