//! One list of wire-level scenarios, run against the fake
//! (`tests/fake_server.rs`) and against the real backend
//! (`tests/real_backend.rs`): a request goes in, a status and a body come
//! out, and both servers must give the same answer. The fake is only worth
//! testing against while it answers as ArchivesSpace does; this list is what
//! keeps it so.
//!
//! Requests are sent with plain reqwest, not with the client, so that the
//! scenarios describe the servers and not our reading of them.
//!
//! Bodies are matched against a JSON pattern: objects must have exactly the
//! pattern's keys unless the pattern has `"..": "<rest>"`; arrays match
//! element by element; the strings `<string>`, `<int>`, `<bool>`, `<any>`
//! and `<array>` match any value of that kind, `<prefix:TEXT>` any string
//! starting with TEXT, and `<repeat:N>` as an array's only element any
//! array of N elements matching the pattern that follows it.

// Each test binary runs the scenarios against one of the two servers, so
// the other's variant is unused in it.
#![allow(dead_code)]

use serde_json::{json, Value};

/// What a scenario runs against: the ids it refers to, on one server.
#[derive(Debug, Clone)]
pub struct Context {
    pub base_url: String,
    pub username: String,
    pub password: String,
    /// A repository holding the archival objects below.
    pub repo: i64,
    /// An archival object the scenarios read and update.
    pub ao: i64,
    /// An archival object the scenarios delete.
    pub spare: i64,
    /// How many archival objects the repository holds.
    pub count: usize,
    /// A valid session token.
    pub session: String,
}

/// Which session a scenario's request carries.
#[derive(Debug, Clone, Copy)]
pub enum Auth {
    None,
    Session,
    /// A token the server never issued.
    Bogus,
}

/// A scenario's request body.
#[derive(Debug, Clone, Copy)]
pub enum Payload {
    None,
    /// `application/x-www-form-urlencoded`, placeholders filled in.
    Form(&'static str),
    /// JSON text as is (it need not be valid JSON).
    Json(&'static str),
    /// The archival object `{ao}` as the server sends it, changed by the
    /// function, as JSON.
    Record(fn(&mut Value)),
}

#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    pub name: &'static str,
    pub method: &'static str,
    /// Path and query, with `{repo}`, `{ao}`, `{spare}`, `{user}`,
    /// `{password}` and `{ids:N}` (the ids 1..=N, comma-separated) filled in.
    pub target: &'static str,
    pub auth: Auth,
    pub payload: Payload,
    pub status: u16,
    /// The pattern the body must match; `{count}` is filled in first.
    pub body: &'static str,
    /// Where the fake must answer otherwise, and why.
    pub fake: Option<Difference>,
}

#[derive(Debug, Clone, Copy)]
pub struct Difference {
    pub why: &'static str,
    pub status: u16,
    pub body: &'static str,
}

const fn scenario(
    name: &'static str,
    method: &'static str,
    target: &'static str,
    auth: Auth,
    payload: Payload,
    status: u16,
    body: &'static str,
) -> Scenario {
    Scenario {
        name,
        method,
        target,
        auth,
        payload,
        status,
        body,
        fake: None,
    }
}

/// The keys of an archival object as ArchivesSpace sends it; the values are
/// whatever the server holds.
const RECORD: &str = r#"{"jsonmodel_type": "archival_object", "uri": "<string>",
    "lock_version": "<int>", "title": "<string>", "level": "<string>", "..": "<rest>"}"#;

pub fn all() -> Vec<Scenario> {
    use Auth::{Bogus, None as Anonymous, Session};
    use Payload::{Form, Json, None as Empty, Record};
    vec![
        scenario(
            "login",
            "POST",
            "/users/{user}/login",
            Anonymous,
            Form("password={password}&expiring=false"),
            200,
            r#"{"session": "<string>", "expire_after_seconds": "<int>",
                "user": {"username": "<string>", "..": "<rest>"}}"#,
        ),
        scenario(
            "login with a wrong password",
            "POST",
            "/users/{user}/login",
            Anonymous,
            Form("password=not-{password}"),
            403,
            r#"{"error": "Login failed"}"#,
        ),
        Scenario {
            fake: Some(Difference {
                why: "Sinatra merges query and form parameters, so ArchivesSpace takes a \
                      password from the URL too; the fake refuses it so that a client that \
                      puts the password where access logs keep it fails its tests",
                status: 403,
                body: r#"{"error": "Login failed"}"#,
            }),
            ..scenario(
                "login with the password in the query",
                "POST",
                "/users/{user}/login?password={password}",
                Anonymous,
                Empty,
                200,
                r#"{"session": "<string>", "user": {"..": "<rest>"}}"#,
            )
        },
        scenario(
            "listing without a session",
            "GET",
            "/repositories/{repo}/archival_objects?page=1",
            Anonymous,
            Empty,
            403,
            r#"{"error": "Access denied"}"#,
        ),
        scenario(
            "a token the server never issued",
            "GET",
            "/repositories/{repo}/archival_objects?page=1",
            Bogus,
            Empty,
            412,
            r#"{"code": "SESSION_GONE", "error": "No session found for not-a-session-token"}"#,
        ),
        scenario(
            "an unknown path",
            "GET",
            "/no/such/route",
            Session,
            Empty,
            404,
            r#"{"error": "Sinatra::NotFound"}"#,
        ),
        scenario(
            "an unknown path without a session",
            "GET",
            "/no/such/route",
            Anonymous,
            Empty,
            404,
            r#"{"error": "Sinatra::NotFound"}"#,
        ),
        scenario(
            "a known path with another method",
            "DELETE",
            "/repositories/{repo}/archival_objects",
            Session,
            Empty,
            404,
            r#"{"error": "Sinatra::NotFound"}"#,
        ),
        scenario(
            "a record",
            "GET",
            "/repositories/{repo}/archival_objects/{ao}",
            Session,
            Empty,
            200,
            RECORD,
        ),
        scenario(
            "a record that does not exist",
            "GET",
            "/repositories/{repo}/archival_objects/999999999",
            Session,
            Empty,
            404,
            r#"{"error": "ArchivalObject not found"}"#,
        ),
        scenario(
            "an id that is not a number",
            "GET",
            "/repositories/{repo}/archival_objects/abc",
            Session,
            Empty,
            400,
            r#"{"error": {"id": ["Wanted type Integer but got 'abc'"]}}"#,
        ),
        scenario(
            "a repository that does not exist",
            "GET",
            "/repositories/999999/archival_objects/{ao}",
            Session,
            Empty,
            400,
            r#"{"error": {"repo_id": ["Failed validation -- The Repository must exist"]}}"#,
        ),
        scenario(
            "a listing without page, id_set or all_ids",
            "GET",
            "/repositories/{repo}/archival_objects",
            Session,
            Empty,
            400,
            r#"{"error": {"page": ["Parameter required but no value provided"],
                "id_set": ["Parameter required but no value provided"],
                "all_ids": ["Parameter required but no value provided"]}}"#,
        ),
        scenario(
            "the first page",
            "GET",
            "/repositories/{repo}/archival_objects?page=1&page_size=2",
            Session,
            Empty,
            200,
            r#"{"first_page": 1, "last_page": "<int>", "this_page": 1, "total": {count},
                "results": ["<repeat:2>", {"jsonmodel_type": "archival_object", "..": "<rest>"}]}"#,
        ),
        scenario(
            "a page size above 250 is clamped",
            "GET",
            "/repositories/{repo}/archival_objects?page=1&page_size=300",
            Session,
            Empty,
            200,
            r#"{"first_page": 1, "last_page": 1, "this_page": 1, "total": {count},
                "results": ["<repeat:{count}>", {"jsonmodel_type": "archival_object", "..": "<rest>"}]}"#,
        ),
        scenario(
            "a page that is not a number",
            "GET",
            "/repositories/{repo}/archival_objects?page=abc",
            Session,
            Empty,
            // `process_pagination_params` coerces outside the code that turns
            // bad values into 400s, so ArchivesSpace answers 500.
            500,
            r#"{"error": "<prefix:invalid value for Integer(): \"abc\": >"}"#,
        ),
        scenario(
            "a negative page",
            "GET",
            "/repositories/{repo}/archival_objects?page=-1",
            Session,
            Empty,
            500,
            r#"{"error": "<prefix:Invalid non-negative integer value: -1: >"}"#,
        ),
        scenario(
            "page 0",
            "GET",
            "/repositories/{repo}/archival_objects?page=0",
            Session,
            Empty,
            500,
            r#"{"error": "<prefix:Offsets must be greater than or equal to 0: >"}"#,
        ),
        scenario(
            "all ids",
            "GET",
            "/repositories/{repo}/archival_objects?all_ids=true",
            Session,
            Empty,
            200,
            r#"["<repeat:{count}>", "<int>"]"#,
        ),
        scenario(
            "an id set",
            "GET",
            "/repositories/{repo}/archival_objects?id_set={ao},{spare}",
            Session,
            Empty,
            200,
            r#"["<repeat:2>", {"jsonmodel_type": "archival_object", "..": "<rest>"}]"#,
        ),
        scenario(
            "an id set of more than 250 ids",
            "GET",
            "/repositories/{repo}/archival_objects?id_set={ids:251}",
            Session,
            Empty,
            500,
            r#"{"error": "<prefix:ID set cannot contain more than 250n IDs: >"}"#,
        ),
        scenario(
            "a create without level or title",
            "POST",
            "/repositories/{repo}/archival_objects",
            Session,
            Json("{}"),
            400,
            r#"{"error": {"level": ["Property is required but was missing"],
                "resource": ["Property is required but was missing"]},
                "warning": {}, "invalid_object": "<prefix:#<JSONModel(:archival_object) >"}"#,
        ),
        scenario(
            "a body that is not JSON",
            "POST",
            "/repositories/{repo}/archival_objects/{ao}",
            Session,
            Json("not json"),
            400,
            r#"{"error": "<prefix:Had some trouble parsing your request: >"}"#,
        ),
        scenario(
            "an update at the current lock_version",
            "POST",
            "/repositories/{repo}/archival_objects/{ao}",
            Session,
            Record(|record| record["title"] = json!("Updated by a scenario")),
            200,
            r#"{"status": "Updated", "id": "<int>", "lock_version": "<int>", "stale": "<any>",
                "uri": "<string>", "warnings": []}"#,
        ),
        scenario(
            "an update at a stale lock_version",
            "POST",
            "/repositories/{repo}/archival_objects/{ao}",
            Session,
            Record(|record| {
                let stale = record["lock_version"].as_i64().unwrap_or(0) + 7;
                record["lock_version"] = json!(stale);
            }),
            409,
            r#"{"error": "The record you tried to update has been modified since you fetched it."}"#,
        ),
        scenario(
            "an update without lock_version",
            "POST",
            "/repositories/{repo}/archival_objects/{ao}",
            Session,
            Record(|record| {
                if let Some(members) = record.as_object_mut() {
                    members.remove("lock_version");
                }
            }),
            409,
            r#"{"error": "You must provide a lock_version in your request"}"#,
        ),
        scenario(
            "a delete",
            "DELETE",
            "/repositories/{repo}/archival_objects/{spare}",
            Session,
            Empty,
            200,
            r#"{"status": "Deleted", "id": "<int>"}"#,
        ),
        scenario(
            "the deleted record",
            "GET",
            "/repositories/{repo}/archival_objects/{spare}",
            Session,
            Empty,
            404,
            r#"{"error": "ArchivalObject not found"}"#,
        ),
        scenario(
            "a delete of a deleted record",
            "DELETE",
            "/repositories/{repo}/archival_objects/{spare}",
            Session,
            Empty,
            404,
            r#"{"error": "ArchivalObject not found"}"#,
        ),
    ]
}

/// Whether a scenario runs against the fake or the real backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    Fake,
    Real,
}

/// A bare reqwest client, for requests the runtime would not send. The
/// runtime turns on reqwest's rustls without a crypto provider (it gives
/// its own clients ring); a client reqwest builds itself needs a provider
/// installed for the process, which a test binary, unlike a library, may
/// do. Installing it a second time changes nothing.
pub fn raw_http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// Runs every scenario in order and returns one line per disagreement.
pub async fn run(server: Server, context: &Context) -> Vec<String> {
    let http = raw_http();
    let mut failures = Vec::new();
    for scenario in all() {
        let (status, pattern) = match (server, scenario.fake) {
            (Server::Fake, Some(difference)) => {
                eprintln!(
                    "{}: the fake answers otherwise: {}",
                    scenario.name, difference.why
                );
                (difference.status, difference.body)
            }
            _ => (scenario.status, scenario.body),
        };
        match send_settled(&http, context, &scenario).await {
            Ok((got_status, got_body)) => {
                let pattern = pattern.replace("{count}", &context.count.to_string());
                let expected: Value = match serde_json::from_str(&pattern) {
                    Ok(value) => value,
                    Err(e) => {
                        failures.push(format!("{}: bad pattern: {e}", scenario.name));
                        continue;
                    }
                };
                let body: Value = serde_json::from_str(&got_body)
                    .unwrap_or_else(|_| Value::String(format!("(not JSON) {got_body}")));
                let mut mismatches = Vec::new();
                if got_status != status {
                    mismatches.push(format!("status {got_status}, expected {status}"));
                }
                matches(&expected, &body, "", &mut mismatches);
                if !mismatches.is_empty() {
                    let mut shown = got_body.clone();
                    shown.truncate(300);
                    failures.push(format!(
                        "{} ({} {}): {} -- body: {shown}",
                        scenario.name,
                        scenario.method,
                        scenario.target,
                        mismatches.join("; ")
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", scenario.name)),
        }
    }
    failures
}

fn fill(template: &str, context: &Context) -> String {
    let mut text = template
        .replace("{repo}", &context.repo.to_string())
        .replace("{ao}", &context.ao.to_string())
        .replace("{spare}", &context.spare.to_string())
        .replace("{user}", &context.username)
        .replace("{password}", &context.password);
    while let Some(start) = text.find("{ids:") {
        let Some(len) = text[start..].find('}') else {
            break;
        };
        let count: i64 = text[start + 5..start + len].parse().unwrap_or(0);
        let ids: Vec<String> = (1..=count).map(|id| id.to_string()).collect();
        text.replace_range(start..start + len + 1, &ids.join(","));
    }
    text
}

/// Sends the scenario's request; sends it again (at most twice) when the
/// embedded Derby database of the real backend rolled its transaction back
/// for a deadlock or a lock timeout with another test's writes. That is the
/// test database's doing, not the scenario's (the runtime's retry policy
/// sends such requests again for the same reason).
async fn send_settled(
    http: &reqwest::Client,
    context: &Context,
    scenario: &Scenario,
) -> Result<(u16, String), reqwest::Error> {
    let mut attempt = 0;
    loop {
        let (status, body) = send(http, context, scenario).await?;
        attempt += 1;
        if status != 400 || !body.contains("SQLTransactionRollbackException") || attempt == 3 {
            return Ok((status, body));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200 * attempt)).await;
    }
}

async fn send(
    http: &reqwest::Client,
    context: &Context,
    scenario: &Scenario,
) -> Result<(u16, String), reqwest::Error> {
    let url = format!("{}{}", context.base_url, fill(scenario.target, context));
    let method = match scenario.method {
        "POST" => reqwest::Method::POST,
        "DELETE" => reqwest::Method::DELETE,
        _ => reqwest::Method::GET,
    };
    let mut request = http.request(method, &url);
    request = match scenario.auth {
        Auth::None => request,
        Auth::Session => request.header("X-ArchivesSpace-Session", &context.session),
        Auth::Bogus => request.header("X-ArchivesSpace-Session", "not-a-session-token"),
    };
    request = match scenario.payload {
        // A bodiless POST must say so, or WEBrick waits for a body.
        Payload::None if scenario.method == "POST" => request.header("Content-Length", "0"),
        Payload::None => request,
        Payload::Form(form) => request
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(fill(form, context)),
        Payload::Json(text) => request
            .header("Content-Type", "application/json")
            .body(text),
        Payload::Record(change) => {
            let uri = format!(
                "{}/repositories/{}/archival_objects/{}",
                context.base_url, context.repo, context.ao
            );
            let text = http
                .get(&uri)
                .header("X-ArchivesSpace-Session", &context.session)
                .send()
                .await?
                .text()
                .await?;
            let mut record: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            change(&mut record);
            request
                .header("Content-Type", "application/json")
                .body(record.to_string())
        }
    };
    let response = request.send().await?;
    let status = response.status().as_u16();
    Ok((status, response.text().await?))
}

/// Checks `actual` against `pattern`, adding a line per mismatch.
fn matches(pattern: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
    let here = if at.is_empty() { "." } else { at };
    match pattern {
        Value::String(kind) if kind.starts_with('<') && kind.ends_with('>') => {
            let ok = match kind.as_str() {
                "<any>" => true,
                "<string>" => actual.is_string(),
                "<int>" => actual.is_i64() || actual.is_u64(),
                "<bool>" => actual.is_boolean(),
                "<array>" => actual.is_array(),
                "<rest>" => true,
                _ => match kind.strip_prefix("<prefix:") {
                    Some(prefix) => {
                        let prefix = &prefix[..prefix.len() - 1];
                        actual.as_str().is_some_and(|s| s.starts_with(prefix))
                    }
                    None => pattern == actual,
                },
            };
            if !ok {
                out.push(format!("{here}: {actual} does not match {kind}"));
            }
        }
        Value::Object(expected) => {
            let Some(members) = actual.as_object() else {
                out.push(format!("{here}: expected an object, got {actual}"));
                return;
            };
            let open = expected.contains_key("..");
            for (key, value) in expected {
                if key == ".." {
                    continue;
                }
                match members.get(key) {
                    Some(got) => matches(value, got, &format!("{at}/{key}"), out),
                    None => out.push(format!("{here}: missing key {key:?}")),
                }
            }
            if !open {
                for key in members.keys().filter(|k| !expected.contains_key(*k)) {
                    out.push(format!("{here}: unexpected key {key:?}"));
                }
            }
        }
        Value::Array(expected) => {
            let Some(items) = actual.as_array() else {
                out.push(format!("{here}: expected an array, got {actual}"));
                return;
            };
            let repeat = match expected.as_slice() {
                [Value::String(head), item] => head
                    .strip_prefix("<repeat:")
                    .and_then(|n| n.strip_suffix('>'))
                    .and_then(|n| n.parse::<usize>().ok())
                    .map(|n| (n, item)),
                _ => None,
            };
            match repeat {
                Some((count, item)) => {
                    if items.len() != count {
                        out.push(format!("{here}: {} items, expected {count}", items.len()));
                    }
                    for (i, got) in items.iter().enumerate() {
                        matches(item, got, &format!("{at}/{i}"), out);
                    }
                }
                None => {
                    if items.len() != expected.len() {
                        out.push(format!(
                            "{here}: {} items, expected {}",
                            items.len(),
                            expected.len()
                        ));
                    }
                    for (i, (want, got)) in expected.iter().zip(items).enumerate() {
                        matches(want, got, &format!("{at}/{i}"), out);
                    }
                }
            }
        }
        _ => {
            if pattern != actual {
                out.push(format!("{here}: {actual}, expected {pattern}"));
            }
        }
    }
}
