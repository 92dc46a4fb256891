//! Fault injection: the faults a test has asked for, which one the next
//! request gets, and the responses they produce (a failing status with the
//! body a proxy or a busy backend would send, or a connection cut off
//! halfway through the body).

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::responses::json_response;

/// The faults pending, as set by the `FakeServer` methods of the same names.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    fail_next: u32,
    fail_status: u16,
    abort_next: u32,
    error_rate: f64,
    error_rate_status: u16,
    delay: Duration,
}

/// What an unlucky request gets instead of its route's answer.
pub(crate) enum Fault {
    Status(u16),
    Abort,
}

impl Faults {
    pub(crate) fn fail_next(&mut self, count: u32, status: u16) {
        self.fail_next = count;
        self.fail_status = status;
    }

    pub(crate) fn abort_next(&mut self, count: u32) {
        self.abort_next = count;
    }

    pub(crate) fn set_error_rate(&mut self, rate: f64, status: u16) {
        self.error_rate = rate.clamp(0.0, 1.0);
        self.error_rate_status = status;
    }

    pub(crate) fn set_delay(&mut self, delay: Duration) {
        self.delay = delay;
    }

    /// The delay and the fault for one request, using up a counted fault.
    /// `draw` gives a number in `0..1` for the error rate; it is called only
    /// when a rate is set, so that requests without one leave the seeded
    /// generator (which also makes the session tokens) where it was.
    pub(crate) fn take(&mut self, draw: impl FnOnce() -> f64) -> (Duration, Option<Fault>) {
        let delay = self.delay;
        if self.abort_next > 0 {
            self.abort_next -= 1;
            return (delay, Some(Fault::Abort));
        }
        if self.fail_next > 0 {
            self.fail_next -= 1;
            return (delay, Some(Fault::Status(self.fail_status)));
        }
        if self.error_rate > 0.0 && draw() < self.error_rate {
            return (delay, Some(Fault::Status(self.error_rate_status)));
        }
        (delay, None)
    }
}

impl Fault {
    /// The response that stands in for the route's.
    pub(crate) fn response(self) -> Response {
        match self {
            Fault::Status(status) => injected(status),
            Fault::Abort => aborted(),
        }
    }
}

fn injected(status: u16) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if matches!(status, 502..=504) {
        let reason = code.canonical_reason().unwrap_or("Error");
        (
            code,
            [(header::CONTENT_TYPE, "text/html")],
            format!("<html><body><h1>{status} {reason}</h1></body></html>\n"),
        )
            .into_response()
    } else if status == 400 {
        // What a backend under load renders when its database rolled the
        // request's transaction back over a lock (here as Derby words it).
        json_response(
            code,
            json!({"error": {"db_error": ["Database integrity constraint conflict: \
                Java::JavaSql::SQLTransactionRollbackException: A lock could not be obtained \
                within the time requested"]}}),
        )
    } else {
        json_response(
            code,
            json!({"error": "injected fault: RuntimeError\n\tfake.rb:1:in `block'"}),
        )
    }
}

/// A response whose body breaks off: hyper resets the connection when the
/// body stream fails, which the client sees as a transport error.
fn aborted() -> Response {
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"{\"first_page\":1,\"last_page\"")),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "injected connection drop",
        )),
    ];
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(futures::stream::iter(chunks)),
    )
        .into_response()
}
