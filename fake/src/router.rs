//! The router and the gate every request passes through before its route:
//! counting, the refusal of a `POST` without a body length, fault injection
//! and the session check.

use std::sync::atomic::Ordering;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;

use crate::exports;
use crate::handlers::{
    create, delete, list, login, read, route_not_found, schemas, system_info, update,
};
use crate::responses::json_response;
use crate::search;
use crate::state::{bump, lock, AppState, Caller, Counters, Shared};
use crate::trees;

/// The routes the fake serves, each behind the gate.
pub(crate) fn router(shared: AppState) -> Router {
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
        .route(
            "/repositories/{repo_id}/resource_descriptions/{file}",
            get(exports::resource_description),
        )
        .route("/repositories/{repo_id}/search", get(search::repository))
        .route("/search", get(search::global))
        .route(
            "/repositories/{repo_id}/resources/{id}/tree/root",
            get(trees::root),
        )
        .route(
            "/repositories/{repo_id}/resources/{id}/tree/waypoint",
            get(trees::waypoint_route),
        )
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
        .get(shared.config.session_header.as_str())
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
