//! `Retry-After` on 429 and 503: the retry comes no sooner than the server
//! asked (seconds or an HTTP date), whatever the backoff; a wait longer
//! than the policy allows fails at once, saying how long was asked for.
//! Times are measured where the requests arrive, and only as minimums
//! (plus generous maximums), never as tight windows.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use archivesspace::{Client, Error, RetryPolicy};
use serde_json::Value;

use crate::server::{Answer, Server};
use crate::{runtime, within, TestResult, TOKEN};

/// A backoff far shorter than any `Retry-After` below, so that only
/// honouring the header can explain the wait.
fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(10))
}

fn client(server: &Server, policy: RetryPolicy) -> Result<Client, Error> {
    Client::builder()
        .base_url(server.base_url())
        .session_token(TOKEN)
        .request_timeout(Duration::from_secs(10))
        .retry(policy)
        .build()
}

const RECORD: &str = r#"{"jsonmodel_type":"archival_object","uri":"/repositories/2/archival_objects/7","lock_version":0,"title":"Letters","level":"file"}"#;

/// The first request gets `status` with `headers`, the others the record.
fn refuse_once(server: &Server, status: u16, headers: Vec<(String, String)>) {
    let count = Arc::new(AtomicUsize::new(0));
    server.answer(move |_, _| {
        if count.fetch_add(1, Ordering::SeqCst) == 0 {
            let mut answer = Answer::json(status, r#"{"error":"busy"}"#);
            answer.headers.extend(headers.clone());
            answer
        } else {
            Answer::json(200, RECORD)
        }
    });
}

/// The time between the first two requests the server saw.
fn gap(server: &Server) -> Result<Duration, Box<dyn std::error::Error>> {
    let seen = server.seen();
    match seen.as_slice() {
        [first, second] if first.target == second.target => Ok(second.at.duration_since(first.at)),
        other => Err(format!("{} requests, not 2", other.len()).into()),
    }
}

#[test]
fn retry_after_seconds_on_429_are_waited_for() -> TestResult {
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    refuse_once(&server, 429, vec![("Retry-After".into(), "1".into())]);
    let client = client(&server, policy())?;
    let record: Value = within(&rt, client.get_json("/repositories/2/archival_objects/7"))??;
    assert_eq!(record["title"], "Letters");
    let gap = gap(&server)?;
    assert!(gap >= Duration::from_secs(1), "retried after {gap:?}");
    assert!(gap < Duration::from_secs(8), "retried after {gap:?}");
    Ok(())
}

#[test]
fn a_retry_after_date_on_503_is_waited_for() -> TestResult {
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    // An HTTP date is whole seconds; measured from the answer's own `Date`,
    // two seconds later is two seconds, whatever the clocks.
    let now = SystemTime::now();
    refuse_once(
        &server,
        503,
        vec![
            ("Date".into(), httpdate::fmt_http_date(now)),
            (
                "Retry-After".into(),
                httpdate::fmt_http_date(now + Duration::from_secs(2)),
            ),
        ],
    );
    let client = client(&server, policy())?;
    within(
        &rt,
        client.get_json::<Value>("/repositories/2/archival_objects/7"),
    )??;
    let gap = gap(&server)?;
    assert!(gap >= Duration::from_secs(2), "retried after {gap:?}");
    assert!(gap < Duration::from_secs(10), "retried after {gap:?}");
    Ok(())
}

#[test]
fn a_retry_after_beyond_the_policy_fails_at_once() -> TestResult {
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    refuse_once(&server, 429, vec![("Retry-After".into(), "3600".into())]);
    let client = client(&server, policy().max_retry_after(Duration::from_secs(30)))?;
    let started = std::time::Instant::now();
    let got = within(
        &rt,
        client.get_json::<Value>("/repositories/2/archival_objects/7"),
    )?;
    assert!(started.elapsed() < Duration::from_secs(5));
    match got {
        Err(e @ Error::RetryAfter { status: 429, .. }) => {
            let text = e.to_string();
            assert!(text.contains("asked to wait 3600s"), "{text}");
            assert!(text.contains("(30s)"), "{text}");
            assert_eq!(e.status(), Some(429));
        }
        other => return Err(format!("{other:?}").into()),
    }
    assert_eq!(server.seen().len(), 1);
    Ok(())
}

#[test]
fn a_post_is_not_repeated_after_a_503_with_retry_after() -> TestResult {
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    refuse_once(&server, 503, vec![("Retry-After".into(), "1".into())]);
    let client = client(&server, policy())?;
    let got = within(
        &rt,
        client.post_json::<_, Value>("/repositories/2/archival_objects", &serde_json::json!({})),
    )?;
    assert!(matches!(&got, Err(e) if e.status() == Some(503)), "{got:?}");
    assert_eq!(
        server.seen().len(),
        1,
        "a create may have been saved: never sent twice"
    );
    assert_eq!(server.seen()[0].method, "POST");
    Ok(())
}
