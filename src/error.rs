//! The one error type of the crate, shaped after ArchivesSpace's own error
//! responses (see `backend/app/lib/exceptions.rb` in ArchivesSpace).

use std::collections::BTreeMap;
use std::fmt;

use archivesspace_core::request::Method;
use serde_json::Value;

/// Field name → messages, as ArchivesSpace reports validation problems
/// (`{"error": {"title": ["Property is required but was missing"]}}`).
pub type FieldMessages = BTreeMap<String, Vec<String>>;

/// Why ArchivesSpace refused an update with 409 Conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConflictKind {
    /// The record changed since it was fetched: its `lock_version` is stale.
    StaleLockVersion,
    /// The update carried no `lock_version` at all.
    MissingLockVersion,
    /// Any other conflict (uniqueness, transfers, a repository that is not empty...).
    Other,
}

/// Which kind of session failure ArchivesSpace reported with 412.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionFailure {
    /// `SESSION_GONE`: the server does not know the token.
    Gone,
    /// `SESSION_EXPIRED`: the token timed out.
    Expired,
}

impl fmt::Display for SessionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SessionFailure::Gone => "SESSION_GONE",
            SessionFailure::Expired => "SESSION_EXPIRED",
        })
    }
}

/// Everything that can go wrong talking to ArchivesSpace.
///
/// Request-level variants carry the HTTP method and the path (without the
/// query) of the request that failed. No variant ever holds the password or
/// a session token: ArchivesSpace echoes the token in its 412 messages, so
/// server messages are scrubbed of it before they are stored here.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 400 from record validation (`JSONModel::ValidationException` or a
    /// model-level check such as a uniqueness constraint).
    #[error("{method} {path}: validation failed: {}", summarize(errors))]
    Validation {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// Field → error messages.
        errors: FieldMessages,
        /// Field → warning messages (often empty).
        warnings: FieldMessages,
    },

    /// 400 because the route's declared parameters were missing or of the
    /// wrong type.
    #[error("{method} {path}: bad parameters: {}", summarize(params))]
    BadParameters {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// Parameter → messages.
        params: FieldMessages,
    },

    /// Any other 400 (a JSON parse error, a reference error, ...).
    #[error("{method} {path}: bad request: {message}")]
    BadRequest {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The server's message.
        message: String,
    },

    /// 409 Conflict.
    #[error("{method} {path}: conflict ({kind:?}): {message}")]
    Conflict {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// What kind of conflict this is.
        kind: ConflictKind,
        /// The server's message (or the conflicts rendered as JSON).
        message: String,
        /// The `error` member of the response as sent (boxed to keep
        /// `Error` small).
        details: Box<Value>,
    },

    /// 403: the user may not do this.
    #[error("{method} {path}: access denied: {message}")]
    AccessDenied {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The server's message.
        message: String,
    },

    /// The server refused the username and password.
    #[error("login failed for user {username:?}")]
    LoginFailed {
        /// The user that tried to log in.
        username: String,
    },

    /// 404 with a JSON body: the route exists but the record does not.
    #[error("{method} {path}: not found: {message}")]
    NotFound {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The server's message, such as `ArchivalObject not found`.
        message: String,
    },

    /// 404 for a path no route matches: ArchivesSpace's `Sinatra::NotFound`
    /// (a JSON body since the Sinatra 3 releases, an HTML page before).
    #[error("{method} {path}: no such route")]
    RouteNotFound {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
    },

    /// 412 (session gone or expired) even after logging in again.
    #[error("{method} {path}: session rejected ({failure}) after logging in again")]
    Session {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// What the server said.
        failure: SessionFailure,
    },

    /// 500: an unhandled exception on the server.
    #[error("{method} {path}: server error {status}: {}", first_line(message))]
    Server {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The HTTP status.
        status: u16,
        /// The server's message (ArchivesSpace appends the Ruby backtrace).
        message: String,
    },

    /// Any other status (for instance 502/503/504 once retries ran out).
    #[error("{method} {path}: unexpected HTTP status {status}")]
    Status {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The HTTP status.
        status: u16,
        /// The start of the body, for diagnosis.
        body: String,
    },

    /// An answer the client reads whole was larger than the limit set with
    /// `ClientBuilder::max_response_size` (for a streamed batch import:
    /// one element of its array was). Nothing more of it was read.
    #[error("{method} {path}: the answer (HTTP {status}) is larger than the limit of {limit} bytes on answers read whole (ClientBuilder::max_response_size)")]
    TooLarge {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The answer's HTTP status.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
    },

    /// A 429 or 503 (or another status retried) whose `Retry-After` asks
    /// for a longer wait than the retry policy allows
    /// (`RetryPolicy::max_retry_after`): the client gave up at once
    /// rather than wait that long.
    #[error("{method} {path}: HTTP {status}: the server asked to wait {}s before trying again, longer than the retry policy allows ({}s)", wait.as_secs(), max.as_secs())]
    RetryAfter {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The HTTP status.
        status: u16,
        /// How long the server asked to wait.
        wait: std::time::Duration,
        /// The longest wait the policy allows.
        max: std::time::Duration,
    },

    /// The request did not complete: an untrusted certificate, a host name
    /// that does not resolve, a connection refused or reset, a timeout...
    /// The message says which (the cause, found down `source`'s chain), and
    /// the request's URL without its query.
    #[error(
        "{method} {}: {}",
        crate::transport::target(path, source),
        crate::transport::describe(source)
    )]
    Transport {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },

    /// The response was not the JSON the request type expects.
    #[error("{method} {path}: cannot decode response at `{json_path}`: {source}")]
    Decode {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// Where in the document decoding failed, such as `results[3].dates[0].begin`.
        json_path: String,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },

    /// A request body could not be serialized.
    #[error("{method} {path}: cannot encode request body: {source}")]
    Encode {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },

    /// A record URI passed to the client was not a path such as `/repositories/2/accessions/1`.
    #[error("not a record URI: {uri:?}")]
    InvalidUri {
        /// The offending URI.
        uri: String,
    },

    /// The request needs something that the ArchivesSpace release the
    /// bindings were generated for does not have (a parameter, a route).
    #[error("{feature} is not in ArchivesSpace {release}, the release these bindings were generated for")]
    Unsupported {
        /// What was asked for.
        feature: String,
        /// The release of the bindings (`ARCHIVESSPACE_VERSION`).
        release: &'static str,
    },

    /// A streamed answer could not be written where it was going.
    #[error("{method} {path}: cannot write the answer: {source}")]
    Write {
        /// The request's method.
        method: Method,
        /// The request's path.
        path: String,
        /// The writer's error.
        #[source]
        source: std::io::Error,
    },

    /// A batch import that ArchivesSpace answered with 200 but that failed:
    /// the `errors` of its results. On a database with MVCC (MySQL) the
    /// import is one transaction and nothing was saved; on others the
    /// records saved before the failure stay, and are listed.
    #[error("{path}: the batch import failed: {}", errors.join("; "))]
    BatchImport {
        /// The request's path.
        path: String,
        /// The messages, as the server wrote them.
        errors: Vec<String>,
        /// URIs of the records saved all the same.
        saved: Vec<String>,
    },

    /// A background job that failed or was canceled, or did not finish in
    /// the time allowed.
    #[error("job {id} of repository {repo_id}: {status}")]
    Job {
        /// The job's repository.
        repo_id: i64,
        /// The job.
        id: i64,
        /// Its final status (`failed`, `canceled`), or how long it was
        /// waited for.
        status: String,
        /// The end of its log, where the job says what went wrong.
        log_tail: String,
    },

    /// The client could not be configured.
    #[error("configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The HTTP status the error came with, when it came from a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Validation { .. } | Error::BadParameters { .. } | Error::BadRequest { .. } => {
                Some(400)
            }
            Error::Conflict { .. } => Some(409),
            Error::AccessDenied { .. } | Error::LoginFailed { .. } => Some(403),
            Error::NotFound { .. } | Error::RouteNotFound { .. } => Some(404),
            Error::Session { .. } => Some(412),
            Error::Server { status, .. }
            | Error::Status { status, .. }
            | Error::TooLarge { status, .. }
            | Error::RetryAfter { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status().map(|s| s.as_u16()),
            _ => None,
        }
    }

    /// Whether this is a 409 because the record's `lock_version` was stale.
    pub fn is_stale(&self) -> bool {
        matches!(
            self,
            Error::Conflict {
                kind: ConflictKind::StaleLockVersion,
                ..
            }
        )
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_timeout())
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// A response whose body is not what the route answers: `message` says
    /// what is wrong at `json_path`.
    pub(crate) fn malformed(
        method: Method,
        path: &str,
        json_path: &str,
        message: impl fmt::Display,
    ) -> Self {
        Error::Decode {
            method,
            path: path.to_owned(),
            json_path: json_path.to_owned(),
            source: serde::de::Error::custom(message),
        }
    }
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or("")
}

fn summarize(messages: &FieldMessages) -> String {
    let parts: Vec<String> = messages
        .iter()
        .map(|(field, msgs)| format!("{field}: {}", msgs.join("; ")))
        .collect();
    parts.join(", ")
}

/// The longest body excerpt kept in [`Error::Status`].
const BODY_EXCERPT: usize = 512;

/// The stale-lock message of `Sequel::Plugins::OptimisticLocking::Error`.
const STALE_MESSAGE: &str = "modified since you fetched it";
/// The message `ASModel_crud.rb` raises when an update lacks a lock_version.
const MISSING_LOCK_MESSAGE: &str = "must provide a lock_version";

/// The `error` member of ArchivesSpace's 404 for a path no route matches
/// (`exceptions.rb` renders the `Sinatra::NotFound` exception as JSON).
const NO_ROUTE_MESSAGE: &str = "Sinatra::NotFound";

/// The messages `rest.rb` builds in `ensure_params`; a 400 whose every message
/// starts with one of these is about parameters, not the record.
const BAD_PARAM_PREFIXES: [&str; 3] = [
    "Parameter required but no value provided",
    "Wanted type ",
    "Failed validation -- ",
];

/// Turns a non-success response into an [`Error`].
///
/// `secret` is the session token the request carried: ArchivesSpace echoes it
/// in 412 messages, and it is cut out of every message kept.
pub(crate) fn from_response(
    method: Method,
    path: &str,
    status: u16,
    is_html: bool,
    body: &[u8],
    secret: Option<&str>,
) -> Error {
    let path = path.to_owned();
    let json: Option<Value> = if is_html {
        None
    } else {
        serde_json::from_slice(body).ok()
    };
    let error_member = json.as_ref().and_then(|v| v.get("error")).cloned();
    let message = || {
        scrub(
            &error_member.as_ref().map(message_of).unwrap_or_default(),
            secret,
        )
    };

    match status {
        400 => match &error_member {
            Some(Value::Object(_)) => {
                let fields = field_messages(error_member.as_ref(), secret);
                let is_jsonmodel_validation = json.as_ref().is_some_and(|v| {
                    v.get("warning").is_some() || v.get("invalid_object").is_some()
                });
                let all_param_messages = !fields.is_empty()
                    && fields.values().flatten().all(|m| {
                        BAD_PARAM_PREFIXES
                            .iter()
                            .any(|prefix| m.starts_with(prefix))
                    });
                if !is_jsonmodel_validation && all_param_messages {
                    Error::BadParameters {
                        method,
                        path,
                        params: fields,
                    }
                } else {
                    let warnings =
                        field_messages(json.as_ref().and_then(|v| v.get("warning")), secret);
                    Error::Validation {
                        method,
                        path,
                        errors: fields,
                        warnings,
                    }
                }
            }
            _ => Error::BadRequest {
                method,
                path,
                message: message(),
            },
        },
        403 => Error::AccessDenied {
            method,
            path,
            message: message(),
        },
        404 => match error_member {
            Some(Value::String(name)) if name == NO_ROUTE_MESSAGE => {
                Error::RouteNotFound { method, path }
            }
            Some(_) => Error::NotFound {
                method,
                path,
                message: message(),
            },
            None => Error::RouteNotFound { method, path },
        },
        409 => {
            let message = message();
            let kind = if message.contains(STALE_MESSAGE) {
                ConflictKind::StaleLockVersion
            } else if message.contains(MISSING_LOCK_MESSAGE) {
                ConflictKind::MissingLockVersion
            } else {
                ConflictKind::Other
            };
            Error::Conflict {
                method,
                path,
                kind,
                message,
                details: Box::new(error_member.unwrap_or(Value::Null)),
            }
        }
        412 => Error::Session {
            method,
            path,
            failure: session_failure(body).unwrap_or(SessionFailure::Gone),
        },
        500..=599 if error_member.is_some() => Error::Server {
            method,
            path,
            status,
            message: message(),
        },
        _ => Error::Status {
            method,
            path,
            status,
            body: scrub(&excerpt(body), secret),
        },
    }
}

/// Parts of the messages with which a database says it rolled a
/// transaction back because of a lock conflict: Derby's
/// `SQLTransactionRollbackException` (lock timeouts and deadlocks) and
/// MySQL's `Deadlock found` and `Lock wait timeout exceeded`.
const ROLLBACK_MESSAGES: [&str; 4] = [
    "SQLTransactionRollbackException",
    "Deadlock found when trying to get lock",
    "Lock wait timeout exceeded",
    "A lock could not be obtained",
];

/// Whether a 400 body is ArchivesSpace's `db_error` for a transaction the
/// database rolled back over a lock conflict.
///
/// ArchivesSpace runs each request in one transaction and retries such
/// rollbacks itself (`DB.open`), but under load one can still reach the
/// client, rendered as a 400 `{"error": {"db_error": [...]}}`. Nothing of
/// the request was saved, so it can be sent again whatever its method.
pub(crate) fn rolled_back(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct DbError {
        error: DbErrorMessages,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DbErrorMessages {
        db_error: Vec<String>,
    }
    serde_json::from_slice::<DbError>(body).is_ok_and(|e| {
        e.error
            .db_error
            .iter()
            .any(|m| ROLLBACK_MESSAGES.iter().any(|r| m.contains(r)))
    })
}

/// The session failure a 412 body names, if it is one.
pub(crate) fn session_failure(body: &[u8]) -> Option<SessionFailure> {
    #[derive(serde::Deserialize)]
    struct Code {
        code: String,
    }
    let code: Code = serde_json::from_slice(body).ok()?;
    match code.code.as_str() {
        "SESSION_GONE" => Some(SessionFailure::Gone),
        "SESSION_EXPIRED" => Some(SessionFailure::Expired),
        _ => None,
    }
}

fn message_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn field_messages(value: Option<&Value>, secret: Option<&str>) -> FieldMessages {
    let mut out = FieldMessages::new();
    if let Some(Value::Object(map)) = value {
        for (field, messages) in map {
            let messages = match messages {
                Value::Array(items) => items.iter().map(message_of).collect(),
                other => vec![message_of(other)],
            };
            out.insert(
                field.clone(),
                messages.iter().map(|m| scrub(m, secret)).collect(),
            );
        }
    }
    out
}

fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    match text.char_indices().nth(BODY_EXCERPT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

/// Removes a secret from a message that is about to be kept in an error.
pub(crate) fn scrub(message: &str, secret: Option<&str>) -> String {
    match secret {
        Some(secret) if !secret.is_empty() => message.replace(secret, "[redacted]"),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(status: u16, body: &str) -> Error {
        from_response(
            Method::Post,
            "/repositories/2/accessions",
            status,
            false,
            body.as_bytes(),
            Some("tok123"),
        )
    }

    #[test]
    fn validation_with_warnings() {
        let e = map(
            400,
            r##"{"error":{"title":["must not be an empty string (or enter a Date)"]},"warning":{},"invalid_object":"#<JSONModel>"}"##,
        );
        match e {
            Error::Validation {
                errors, warnings, ..
            } => {
                assert_eq!(
                    errors["title"],
                    vec!["must not be an empty string (or enter a Date)"]
                );
                assert!(warnings.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn model_validation_without_warning_key() {
        let e = map(400, r#"{"error":{"id_0":["That ID is already in use"]}}"#);
        assert!(matches!(e, Error::Validation { .. }), "{e:?}");
    }

    #[test]
    fn bad_params() {
        let e = map(
            400,
            r#"{"error":{"page":["Parameter required but no value provided"],"page_size":["Wanted type PageSize but got 'x'"]}}"#,
        );
        assert!(matches!(e, Error::BadParameters { .. }), "{e:?}");
    }

    #[test]
    fn conflicts() {
        let stale = map(
            409,
            r#"{"error":"The record you tried to update has been modified since you fetched it."}"#,
        );
        assert!(stale.is_stale());
        let missing = map(
            409,
            r#"{"error":"You must provide a lock_version in your request"}"#,
        );
        assert!(matches!(
            missing,
            Error::Conflict {
                kind: ConflictKind::MissingLockVersion,
                ..
            }
        ));
        let other = map(409, r#"{"error":{"/repositories/2":["has records"]}}"#);
        assert!(matches!(
            other,
            Error::Conflict {
                kind: ConflictKind::Other,
                ..
            }
        ));
    }

    #[test]
    fn not_found_vs_route() {
        assert!(matches!(
            map(404, r#"{"error":"ArchivalObject not found"}"#),
            Error::NotFound { .. }
        ));
        let html = from_response(Method::Get, "/nope", 404, true, b"<h1>Not Found</h1>", None);
        assert!(matches!(html, Error::RouteNotFound { .. }));
        assert!(matches!(
            map(404, "<h1>Not Found</h1>"),
            Error::RouteNotFound { .. }
        ));
        // What v4.2.1 (Sinatra 3) sends for an unknown path.
        assert!(matches!(
            map(404, r#"{"error":"Sinatra::NotFound"}"#),
            Error::RouteNotFound { .. }
        ));
    }

    #[test]
    fn session_token_is_scrubbed() {
        let e = map(
            500,
            r#"{"error":"No session found for tok123\n\tbacktrace"}"#,
        );
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains("tok123"), "{shown}");
        assert_eq!(e.status(), Some(500));
    }

    #[test]
    fn error_stays_small() {
        // Large errors make every `Result` in user code large too.
        assert!(
            std::mem::size_of::<Error>() <= 96,
            "{}",
            std::mem::size_of::<Error>()
        );
    }

    #[test]
    fn lock_conflicts_are_rolled_back() {
        // As the real backend (Derby) sent it under concurrent updates.
        let derby = br#"{"error":{"db_error":["Database integrity constraint conflict: Java::JavaSql::SQLTransactionRollbackException: A lock could not be obtained within the time requested"]}}"#;
        assert!(rolled_back(derby));
        let mysql = br#"{"error":{"db_error":["Database integrity constraint conflict: Java::JavaSql::SQLException: Deadlock found when trying to get lock; try restarting transaction"]}}"#;
        assert!(rolled_back(mysql));
        // A genuine constraint violation is not retried.
        let duplicate = br#"{"error":{"db_error":["Database integrity constraint conflict: Java::JavaSql::SQLIntegrityConstraintViolationException: duplicate key"]}}"#;
        assert!(!rolled_back(duplicate));
        assert!(!rolled_back(
            br#"{"error":{"title":["Property is required but was missing"]}}"#
        ));
    }

    #[test]
    fn session_codes() {
        assert_eq!(
            session_failure(br#"{"code":"SESSION_EXPIRED","error":"x"}"#),
            Some(SessionFailure::Expired)
        );
        assert_eq!(session_failure(b"{}"), None);
    }

    #[test]
    fn other_statuses_keep_an_excerpt() {
        let long = "x".repeat(2000);
        match map(502, &long) {
            Error::Status { status, body, .. } => {
                assert_eq!(status, 502);
                assert!(body.chars().count() <= BODY_EXCERPT + 1);
            }
            other => panic!("{other:?}"),
        }
    }
}
