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

mod config;
mod faults;
mod rack;
mod records;
mod responses;
mod search;
mod state;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::FakeConfig;
use config::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, NONEXPIRING_SESSION_SECONDS, REPO_ID};
use faults::Faults;
use rack::Param;
use responses::{
    access_denied, bad_params, json_array, json_response, ok, ok_text, record_not_found,
    repository_not_found, ruby_exception,
};
use state::{bump, lock, unix_now, AppState, Caller, Counters, SessionInfo, Shared};

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
        let app = router(shared.clone());
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

fn router(shared: AppState) -> Router {
    Router::new()
        .route("/", get(system_info))
        .route("/schemas", get(schemas))
        .route("/users/{username}/login", post(login))
        .route(
            "/repositories/{repo_id}/archival_objects",
            get(list).post(create),
        )
        .route(
            "/repositories/{repo_id}/archival_objects/{id}",
            get(read).post(update).delete(delete),
        )
        .route("/repositories/{repo_id}/search", get(search::repository))
        .route("/search", get(search::global))
        .fallback(route_not_found)
        // Sinatra knows no "405": a known path with another method is just
        // another unknown route.
        .method_not_allowed_fallback(route_not_found)
        .layer(middleware::from_fn_with_state(shared.clone(), gate))
        .with_state(shared)
}

/// Decrements the in-flight gauge however the request ends.
struct InFlight<'a>(&'a Counters);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Runs before every route: counting, fault injection, then the session
/// check that ArchivesSpace's `RequestWrappingMiddleware` does.
async fn gate(State(shared): State<AppState>, mut request: Request, next: Next) -> Response {
    let counters = &shared.counters;
    bump(&counters.requests);
    let now_in_flight = counters.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
    counters
        .max_in_flight
        .fetch_max(now_in_flight, Ordering::Relaxed);
    let _in_flight = InFlight(counters);

    // ArchivesSpace's WEBrick server waits for the body of a POST that
    // declares no length, until the client gives up; the fake refuses such
    // a request at once, so that a client that sends one fails its tests.
    let declares_length = request.headers().contains_key(header::CONTENT_LENGTH)
        || request.headers().contains_key(header::TRANSFER_ENCODING);
    if request.method() == axum::http::Method::POST && !declares_length {
        return (
            StatusCode::LENGTH_REQUIRED,
            [(header::CONTENT_TYPE, "text/html")],
            "<h1>411 Length Required</h1>\n",
        )
            .into_response();
    }

    let path = request.uri().path().to_owned();
    let is_login = path.starts_with("/users/") && path.ends_with("/login");
    let (delay, fault) = shared.take_fault(is_login);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if let Some(fault) = fault {
        bump(&counters.injected_faults);
        return fault.response();
    }

    let token = request
        .headers()
        .get("x-archivesspace-session")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let caller = match token {
        None => Caller::Anonymous,
        Some(token) => match check_session(&shared, &token) {
            Ok(()) => Caller::User,
            Err(response) => {
                bump(&counters.session_rejections);
                return response;
            }
        },
    };
    request.extensions_mut().insert(caller);
    next.run(request).await
}

fn check_session(shared: &Shared, token: &str) -> Result<(), Response> {
    let mut sessions = lock(&shared.sessions);
    let Some(session) = sessions.get_mut(token) else {
        return Err(json_response(
            StatusCode::PRECONDITION_FAILED,
            json!({"code": "SESSION_GONE", "error": format!("No session found for {token}")}),
        ));
    };
    session.requests += 1;
    let too_old = shared
        .config
        .session_ttl
        .is_some_and(|ttl| session.created.elapsed() > ttl);
    let too_used = shared
        .config
        .session_max_requests
        .is_some_and(|max| session.requests > max);
    if too_old || too_used {
        sessions.remove(token);
        return Err(json_response(
            StatusCode::PRECONDITION_FAILED,
            json!({"code": "SESSION_EXPIRED", "error": format!("Session timed out for {token}")}),
        ));
    }
    Ok(())
}

/// What ArchivesSpace v4 (on Sinatra 3) answers for a path no route matches:
/// `exceptions.rb` renders the `Sinatra::NotFound` exception as JSON.
async fn route_not_found() -> Response {
    json_response(StatusCode::NOT_FOUND, json!({"error": "Sinatra::NotFound"}))
}

async fn login(
    State(shared): State<AppState>,
    Path(username): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let counters = &shared.counters;
    if query
        .as_deref()
        .is_some_and(|q| rack::parse(q).contains_key("password"))
    {
        bump(&counters.password_in_url);
        bump(&counters.failed_logins);
        return json_response(StatusCode::FORBIDDEN, json!({"error": "Login failed"}));
    }
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    if !shared.config.login_delay.is_zero() {
        tokio::time::sleep(shared.config.login_delay).await;
    }
    let Some(password) = form.get("password") else {
        return bad_params(json!({"password": ["Parameter required but no value provided"]}));
    };
    if username != shared.config.username || *password != shared.config.password {
        bump(&counters.failed_logins);
        return json_response(StatusCode::FORBIDDEN, json!({"error": "Login failed"}));
    }
    let token = shared.new_token();
    lock(&shared.issued).push(token.clone());
    lock(&shared.sessions).insert(
        token.clone(),
        SessionInfo {
            created: Instant::now(),
            requests: 0,
        },
    );
    bump(&counters.logins);
    // `users.rb` tells a non-expiring session how long it may last.
    let expire_after = (form.get("expiring").map(String::as_str) == Some("false"))
        .then_some(NONEXPIRING_SESSION_SECONDS);
    let mut reply = json!({
        "session": token,
        "user": {
            "lock_version": 0,
            "username": username,
            "name": "Administrator",
            "is_system_user": true,
            "jsonmodel_type": "user",
            "groups": [],
            "is_admin": true,
            "uri": "/users/1",
            "agent_record": {"ref": "/agents/people/1"},
            "permissions": {"/repositories/2": ["view_repository", "update_resource_record"], "_archivesspace": []}
        }
    });
    if let Some(seconds) = expire_after {
        reply["expire_after_seconds"] = json!(seconds);
    }
    ok(reply)
}

/// The common checks of the record routes: a logged-in caller, repository 2.
fn authorize(caller: &Caller, repo_id: &str) -> Result<(), Response> {
    match caller {
        Caller::Anonymous => Err(access_denied()),
        Caller::User if repo_id != REPO_ID => Err(repository_not_found()),
        Caller::User => Ok(()),
    }
}

fn parse_id(text: &str) -> Result<i64, Response> {
    text.parse::<i64>()
        .map_err(|_| bad_params(json!({"id": [format!("Wanted type Integer but got '{text}'")]})))
}

async fn list(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(repo_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let params = rack::parse(query.as_deref().unwrap_or(""));
    let one = |name: &str| match params.get(name) {
        Some(Param::One(v)) => Some(v.clone()),
        Some(Param::Many(vs)) => vs.last().cloned(),
        None => None,
    };
    // The same precedence as `process_pagination_params`: page, then
    // id_set, then all_ids. Its coercions raise ArgumentError outside any
    // rescue, so bad values surface as 500s, as they do on a real backend.
    if let Some(page) = one("page") {
        let page = match rack::integer(&page) {
            Ok(p) if p >= 0 => p,
            Ok(p) => {
                return ruby_exception(
                    "ArgumentError",
                    &format!("Invalid non-negative integer value: {p}"),
                )
            }
            Err(msg) => return ruby_exception("ArgumentError", &msg),
        };
        let page_size = match one("page_size").map(|s| rack::integer(&s)) {
            None => DEFAULT_PAGE_SIZE,
            Some(Ok(size)) if size >= 0 => size.min(MAX_PAGE_SIZE),
            Some(Ok(size)) => {
                return ruby_exception(
                    "ArgumentError",
                    &format!("Invalid non-negative integer value: {size}"),
                )
            }
            Some(Err(msg)) => return ruby_exception("ArgumentError", &msg),
        };
        if page_size == 0 {
            return ruby_exception("FloatDomainError", "Infinity");
        }
        if page == 0 {
            return ruby_exception(
                "Sequel::Error",
                "Offsets must be greater than or equal to 0",
            );
        }
        let db = lock(&shared.db);
        let total = i64::try_from(db.records.len()).unwrap_or(i64::MAX);
        let last_page = (total + page_size - 1) / page_size;
        let skip = usize::try_from((page - 1).saturating_mul(page_size)).unwrap_or(usize::MAX);
        let take = usize::try_from(page_size).unwrap_or(0);
        // The same members in the same order as ArchivesSpace's page hash.
        let head = format!(
            "{{\"first_page\":1,\"last_page\":{last_page},\"this_page\":{page},\"total\":{total},\"results\":"
        );
        let body = json_array(head, db.records.values().skip(skip).take(take), "}");
        return ok_text(body);
    }
    if let Some(id_set) = params.get("id_set") {
        let raw: Vec<String> = match id_set {
            Param::One(v) => v.split(',').map(str::to_owned).collect(),
            Param::Many(vs) => vs.clone(),
        };
        let mut ids = Vec::with_capacity(raw.len());
        for text in &raw {
            match rack::integer(text) {
                Ok(id) if !ids.contains(&id) => ids.push(id),
                Ok(_) => {}
                Err(msg) => return ruby_exception("ArgumentError", &msg),
            }
        }
        if ids.len() > usize::try_from(MAX_PAGE_SIZE).unwrap_or(usize::MAX) {
            return ruby_exception(
                "ArgumentError",
                &format!("ID set cannot contain more than {MAX_PAGE_SIZE}n IDs"),
            );
        }
        ids.sort_unstable();
        let db = lock(&shared.db);
        let results = ids.iter().filter_map(|id| db.records.get(id));
        return ok_text(json_array(String::new(), results, ""));
    }
    if one("all_ids").is_some() {
        let ids: Vec<i64> = lock(&shared.db).records.keys().copied().collect();
        return ok(json!(ids));
    }
    bad_params(json!({
        "page": ["Parameter required but no value provided"],
        "id_set": ["Parameter required but no value provided"],
        "all_ids": ["Parameter required but no value provided"]
    }))
}

/// `GET /`: the system information ArchivesSpace's `DB.sysinfo` returns
/// (only the key clients read).
async fn system_info(State(shared): State<AppState>) -> Response {
    json_response(
        StatusCode::OK,
        json!({"archivesSpaceVersion": shared.config.version}),
    )
}

/// `GET /schemas`: every schema, for a logged-in user (the route declares
/// no permission, but the fake, like a locked-down site, wants a session).
async fn schemas(State(shared): State<AppState>, Extension(caller): Extension<Caller>) -> Response {
    if matches!(caller, Caller::Anonymous) {
        return json_response(StatusCode::FORBIDDEN, json!({"error": "Access denied"}));
    }
    match &shared.config.schemas {
        Some(body) => ok_text(body.to_string()),
        None => route_not_found().await,
    }
}

async fn read(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((repo_id, id)): Path<(String, String)>,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    match lock(&shared.db).records.get(&id) {
        Some(record) => ok_text(format!("{record}\n")),
        None => record_not_found(),
    }
}

/// The schema's required properties, then the checks of
/// `check_archival_object`, reported as `JSONModel::ValidationException`
/// does. As in JSONModel, the record's own checks run only once the schema
/// is satisfied: a record without `level` is told only that.
fn validate(record: &Value) -> Result<(), Response> {
    let mut errors = serde_json::Map::new();
    let empty = |key: &str| match record.get(key) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    };
    for required in ["level", "resource"] {
        if empty(required) {
            errors.insert(
                required.into(),
                json!(["Property is required but was missing"]),
            );
        }
    }
    if errors.is_empty() && empty("dates") && empty("title") {
        errors.insert(
            "dates".into(),
            json!(["one or more required (or enter a Title)"]),
        );
        errors.insert(
            "title".into(),
            json!(["must not be an empty string (or enter a Date)"]),
        );
    }
    if let Some(kind) = record.get("jsonmodel_type").and_then(Value::as_str) {
        if kind != "archival_object" {
            errors.insert(
                "jsonmodel_type".into(),
                json!([format!("Expected archival_object but got {kind}")]),
            );
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(json_response(
        StatusCode::BAD_REQUEST,
        json!({
            "error": errors,
            "warning": {},
            "invalid_object": "#<JSONModel(:archival_object) {...}>"
        }),
    ))
}

fn parse_body(body: &[u8]) -> Result<Value, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(json_response(
            StatusCode::BAD_REQUEST,
            json!({"error": "Had some trouble parsing your request: expected a JSON object"}),
        )),
        Err(e) => Err(json_response(
            StatusCode::BAD_REQUEST,
            json!({"error": format!("Had some trouble parsing your request: {e}")}),
        )),
    }
}

fn modified(status: &str, id: i64, lock_version: i64) -> Response {
    ok(json!({
        "status": status,
        "id": id,
        "lock_version": lock_version,
        "stale": null,
        "uri": format!("/repositories/{REPO_ID}/archival_objects/{id}"),
        "warnings": []
    }))
}

async fn update(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((repo_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let mut record = match parse_body(&body).and_then(|r| validate(&r).map(|()| r)) {
        Ok(record) => record,
        Err(response) => return response,
    };
    let mut db = lock(&shared.db);
    let Some(current) = db.get(id) else {
        return record_not_found();
    };
    let current_version = current["lock_version"].as_i64().unwrap_or(0);
    let conflict = match record.get("lock_version") {
        None | Some(Value::Null) => Some("You must provide a lock_version in your request"),
        Some(v) if v.as_i64() != Some(current_version) => {
            Some("The record you tried to update has been modified since you fetched it.")
        }
        Some(_) => None,
    };
    if let Some(message) = conflict {
        bump(&shared.counters.conflicts);
        return json_response(StatusCode::CONFLICT, json!({"error": message}));
    }
    let next_version = current_version + 1;
    let create_time = current.get("create_time").cloned().unwrap_or(Value::Null);
    let now = records::iso8601(unix_now());
    if let Value::Object(members) = &mut record {
        members.insert("lock_version".into(), json!(next_version));
        members.insert("create_time".into(), create_time);
        members.insert("system_mtime".into(), json!(now));
        members.insert("user_mtime".into(), json!(now));
        members.insert(
            "uri".into(),
            json!(format!("/repositories/{REPO_ID}/archival_objects/{id}")),
        );
    }
    db.insert(id, &record);
    bump(&shared.counters.updates);
    modified("Updated", id, next_version)
}

async fn create(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(repo_id): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let mut record = match parse_body(&body).and_then(|r| validate(&r).map(|()| r)) {
        Ok(record) => record,
        Err(response) => return response,
    };
    let now = records::iso8601(unix_now());
    let mut db = lock(&shared.db);
    let id = db.next_id;
    db.next_id += 1;
    if let Value::Object(members) = &mut record {
        members.insert("lock_version".into(), json!(0));
        members.insert("create_time".into(), json!(now));
        members.insert("system_mtime".into(), json!(now));
        members.insert("user_mtime".into(), json!(now));
        members.insert("jsonmodel_type".into(), json!("archival_object"));
        members.insert(
            "uri".into(),
            json!(format!("/repositories/{REPO_ID}/archival_objects/{id}")),
        );
        members.insert(
            "repository".into(),
            json!({"ref": format!("/repositories/{REPO_ID}")}),
        );
    }
    db.insert(id, &record);
    modified("Created", id, 0)
}

async fn delete(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((repo_id, id)): Path<(String, String)>,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(response) => return response,
    };
    match lock(&shared.db).records.remove(&id) {
        Some(_) => ok(json!({"status": "Deleted", "id": id})),
        None => record_not_found(),
    }
}
