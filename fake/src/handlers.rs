//! The route handlers of the records API: login, the system information,
//! the schemas, and listing, reading, creating, updating and deleting
//! archival objects, with the checks the search routes share.

use std::collections::HashMap;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::config::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, NONEXPIRING_SESSION_SECONDS, REPO_ID};
use crate::rack::{self, Param};
use crate::records;
use crate::responses::{
    access_denied, bad_params, json_array, json_response, ok, ok_text, record_not_found,
    repository_not_found, ruby_exception,
};
use crate::state::{bump, lock, unix_now, AppState, Caller, SessionInfo};

/// What ArchivesSpace v4 (on Sinatra 3) answers for a path no route matches:
/// `exceptions.rb` renders the `Sinatra::NotFound` exception as JSON.
pub(crate) async fn route_not_found() -> Response {
    json_response(StatusCode::NOT_FOUND, json!({"error": "Sinatra::NotFound"}))
}

pub(crate) async fn login(
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
pub(crate) fn authorize(caller: &Caller, repo_id: &str) -> Result<(), Response> {
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

pub(crate) async fn list(
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
pub(crate) async fn system_info(State(shared): State<AppState>) -> Response {
    json_response(
        StatusCode::OK,
        json!({"archivesSpaceVersion": shared.config.version}),
    )
}

/// `GET /schemas`: every schema, for a logged-in user (the route declares
/// no permission, but the fake, like a locked-down site, wants a session).
pub(crate) async fn schemas(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Response {
    if matches!(caller, Caller::Anonymous) {
        return json_response(StatusCode::FORBIDDEN, json!({"error": "Access denied"}));
    }
    match &shared.config.schemas {
        Some(body) => ok_text(body.to_string()),
        None => route_not_found().await,
    }
}

pub(crate) async fn read(
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

pub(crate) async fn update(
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

pub(crate) async fn create(
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

pub(crate) async fn delete(
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
