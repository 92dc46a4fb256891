//! The bodies ArchivesSpace answers with, shaped as its `json_response` and
//! its exception handlers (`lib/rest.rb`, `lib/exceptions.rb`) shape them, for
//! the handlers, the search routes and the injected faults alike.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// ArchivesSpace's `json_response`: the document plus a newline.
pub(crate) fn json_response(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        format!("{body}\n"),
    )
        .into_response()
}

pub(crate) fn ok(body: Value) -> Response {
    json_response(StatusCode::OK, body)
}

/// A 200 whose JSON text is already written (newline included).
pub(crate) fn ok_text(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// `head`, a JSON array of the stored records, `tail` and a newline.
pub(crate) fn json_array<'a>(
    head: String,
    records: impl Iterator<Item = &'a String>,
    tail: &str,
) -> String {
    let mut body = head;
    body.push('[');
    for (i, record) in records.enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(record);
    }
    body.push(']');
    body.push_str(tail);
    body.push('\n');
    body
}

pub(crate) fn access_denied() -> Response {
    json_response(StatusCode::FORBIDDEN, json!({"error": "Access denied"}))
}

pub(crate) fn record_not_found() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        json!({"error": "ArchivalObject not found"}),
    )
}

/// What `rest.rb` answers when a route's `repo_id` names no repository: the
/// `:repo_id` param type's own check fails, before the route runs.
pub(crate) fn repository_not_found() -> Response {
    bad_params(json!({"repo_id": ["Failed validation -- The Repository must exist"]}))
}

/// An unhandled Ruby exception: 500 with the message and a backtrace.
pub(crate) fn ruby_exception(class: &str, message: &str) -> Response {
    json_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({"error": format!("{message}: {class}\n\tbackend/app/lib/rest.rb:1:in `coerce_type'")}),
    )
}

pub(crate) fn bad_params(params: Value) -> Response {
    json_response(StatusCode::BAD_REQUEST, json!({"error": params}))
}
