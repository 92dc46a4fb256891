//! The client against the fake ArchivesSpace: sessions, retries, errors,
//! pagination and harvests under injected faults.
//!
//! One test binary on purpose: every binary links reqwest and axum, and the
//! project builds on two cores.

use std::collections::{BTreeSet, HashSet};
use std::io::Write;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use archivesspace::request::{Method, Page, PaginatedRequest, Query, Request, MAX_PAGE_SIZE};
use archivesspace::{Client, ConflictKind, Error, Modified, Paging, RetryPolicy};
use archivesspace_fake::{FakeConfig, FakeServer};
use futures::{StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

// Exports and the session header; modules of this binary rather than
// binaries of their own (see above).
#[path = "fake_server/streams.rs"]
mod streams;
// The same tests with the generated requests and record types.
#[path = "fake_server/typed.rs"]
mod typed;

type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// `GET /repositories/:repo_id/archival_objects`, hand-written the way the
/// generated request types will be.
struct ListArchivalObjects<T = Value> {
    repo_id: i64,
    page: Option<u64>,
    page_size: Option<u64>,
    item: PhantomData<fn() -> T>,
}

impl<T> Clone for ListArchivalObjects<T> {
    fn clone(&self) -> Self {
        ListArchivalObjects {
            repo_id: self.repo_id,
            page: self.page,
            page_size: self.page_size,
            item: PhantomData,
        }
    }
}

fn list() -> ListArchivalObjects {
    list_of()
}

fn list_of<T>() -> ListArchivalObjects<T> {
    ListArchivalObjects {
        repo_id: 2,
        page: None,
        page_size: None,
        item: PhantomData,
    }
}

impl<T: DeserializeOwned> Request for ListArchivalObjects<T> {
    type Response = Page<T>;
    const METHOD: Method = Method::Get;
    const URI_TEMPLATE: &'static str = "/repositories/:repo_id/archival_objects";

    fn path(&self) -> String {
        format!("/repositories/{}/archival_objects", self.repo_id)
    }

    fn query(&self) -> Query {
        let mut query = Query::new();
        query.push_opt("page", self.page.as_ref());
        query.push_opt("page_size", self.page_size.as_ref());
        query
    }
}

impl<T: DeserializeOwned> PaginatedRequest for ListArchivalObjects<T> {
    type Item = T;

    fn set_page(&mut self, page: u64, page_size: u64) {
        self.page = Some(page);
        self.page_size = Some(page_size.min(MAX_PAGE_SIZE));
    }

    // The fake keeps no modification times.
    fn set_modified_since(&mut self, _since: Option<u64>) {}
}

async fn fake(config: FakeConfig) -> std::io::Result<FakeServer> {
    FakeServer::start(config).await
}

/// A client for `server` with short waits, so that retry tests run fast.
fn client_for(server: &FakeServer) -> Result<Client, Error> {
    Client::builder()
        .base_url(server.base_url())
        .credentials(server.username(), server.password())
        .request_timeout(Duration::from_secs(10))
        .retry(
            RetryPolicy::default()
                .max_retries(10)
                .initial_backoff(Duration::from_millis(2))
                .max_backoff(Duration::from_millis(40)),
        )
        .build()
}

fn ids_of(records: &[Value]) -> Vec<i64> {
    records
        .iter()
        .filter_map(|r| r["uri"].as_str())
        .filter_map(|uri| uri.rsplit('/').next())
        .filter_map(|id| id.parse().ok())
        .collect()
}

fn ao(id: i64) -> String {
    format!("/repositories/2/archival_objects/{id}")
}

#[tokio::test]
async fn harvest_under_faults_yields_every_record_exactly_once() -> TestResult {
    let server = fake(FakeConfig::default().records(1_234).seed(42)).await?;
    let client = client_for(&server)?;
    server.set_error_rate(0.25, 503);
    server.abort_next(3);
    server.set_delay(Duration::from_millis(2));

    let records: Vec<Value> = client
        .harvest_with(
            list(),
            Paging::new().with_page_size(100).with_concurrency(4),
        )
        .try_collect()
        .await?;

    let ids = ids_of(&records);
    let unique: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a record was yielded twice");
    assert_eq!(ids, server.record_ids(), "every record, in id order");
    let stats = server.stats();
    assert!(stats.injected_faults >= 3, "{stats:?}");
    Ok(())
}

#[tokio::test]
async fn paginate_under_faults_in_order_for_any_concurrency() -> TestResult {
    let server = fake(FakeConfig::default().records(523)).await?;
    let client = client_for(&server)?;
    server.set_error_rate(0.2, 502);
    for concurrency in [1, 3, 8] {
        let records: Vec<Value> = client
            .paginate_with(
                list(),
                Paging::new()
                    .with_page_size(50)
                    .with_concurrency(concurrency),
            )
            .try_collect()
            .await?;
        assert_eq!(
            ids_of(&records),
            (1..=523).collect::<Vec<_>>(),
            "concurrency {concurrency}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn harvest_while_records_are_added_and_deleted() -> TestResult {
    let server = Arc::new(fake(FakeConfig::default().records(1_000)).await?);
    let client = client_for(&server)?;
    server.set_delay(Duration::from_millis(5));
    let before: BTreeSet<i64> = server.record_ids().into_iter().collect();

    let stream = client.harvest_with(list(), Paging::new().with_page_size(50).with_concurrency(2));
    let mutator = {
        let server = server.clone();
        tokio::spawn(async move {
            // Start once the ids are listed (login, all_ids, then a first
            // id_set request), so that every addition postdates the listing.
            while server.stats().requests < 3 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let mut deleted = Vec::new();
            let mut added = Vec::new();
            for round in 0..20 {
                tokio::time::sleep(Duration::from_millis(3)).await;
                let id = 1 + (round * 97) % 1_000;
                if server.delete_record(id) {
                    deleted.push(id);
                }
                added.push(server.add_record());
            }
            (deleted, added)
        })
    };
    let records: Vec<Value> = stream.try_collect().await?;
    let (deleted, added) = mutator.await?;

    let ids = ids_of(&records);
    let seen: BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(seen.len(), ids.len(), "a record was yielded twice");
    assert!(
        seen.is_subset(&before),
        "records created during the harvest are left out"
    );
    let kept: BTreeSet<i64> = before
        .difference(&deleted.iter().copied().collect())
        .copied()
        .collect();
    assert!(
        kept.is_subset(&seen),
        "every record that survived was harvested"
    );
    assert!(added.iter().all(|id| !seen.contains(id)));
    Ok(())
}

#[tokio::test]
async fn empty_listing_yields_nothing() -> TestResult {
    let server = fake(FakeConfig::default().records(0)).await?;
    let client = client_for(&server)?;

    let mut first = list();
    first.set_page(1, 10);
    let page = client.send(&first).await?;
    assert_eq!((page.last_page, page.total, page.results.len()), (0, 0, 0));

    let paged: Vec<Value> = client.paginate(list()).try_collect().await?;
    assert!(paged.is_empty());
    let harvested: Vec<Value> = client.harvest(list()).try_collect().await?;
    assert!(harvested.is_empty());
    Ok(())
}

#[tokio::test]
async fn page_size_is_clamped_to_250() -> TestResult {
    let server = fake(FakeConfig::default().records(600)).await?;
    let client = client_for(&server)?;

    // The server clamps an oversized page silently...
    let oversized = ListArchivalObjects {
        page: Some(1),
        page_size: Some(1_000),
        ..list()
    };
    let page = client.send(&oversized).await?;
    assert_eq!((page.results.len(), page.last_page), (250, 3));

    // ...and the client never asks for more than 250, so it knows how many
    // pages there are.
    let paging = Paging::new().with_page_size(1_000);
    assert_eq!(paging.page_size(), 250);
    let requests_before = server.stats().requests;
    let records: Vec<Value> = client.paginate_with(list(), paging).try_collect().await?;
    assert_eq!(records.len(), 600);
    assert_eq!(server.stats().requests - requests_before, 3);

    // An id_set beyond 250 is an error on a real backend (a 500, as the
    // coercion raises outside any rescue); harvest chunks stay under it.
    let too_many: Vec<i64> = (1..=300).collect();
    let e = client.send(&list().by_ids(&too_many)).await.err();
    assert!(
        matches!(e, Some(Error::Server { status: 500, .. })),
        "{e:?}"
    );
    Ok(())
}

#[tokio::test]
async fn id_set_and_all_ids_follow_rack() -> TestResult {
    let server = fake(FakeConfig::default().records(30)).await?;
    let client = client_for(&server)?;
    let ids = client.send(&list().all_ids()).await?;
    assert_eq!(ids, (1..=30).collect::<Vec<_>>());
    let some = client.send(&list().by_ids(&[7, 3, 3, 99, 12])).await?;
    assert_eq!(ids_of(&some), vec![3, 7, 12]);

    // Rack keeps the last of repeated bare keys: `id_set=1&id_set=2` is {2}.
    #[derive(Clone)]
    struct RepeatedKeys;
    impl Request for RepeatedKeys {
        type Response = Vec<Value>;
        const METHOD: Method = Method::Get;
        const URI_TEMPLATE: &'static str = "/repositories/:repo_id/archival_objects";
        fn path(&self) -> String {
            "/repositories/2/archival_objects".into()
        }
        fn query(&self) -> Query {
            let mut query = Query::new();
            query.push("id_set", 1);
            query.push("id_set", 2);
            query
        }
    }
    assert_eq!(ids_of(&client.send(&RepeatedKeys).await?), vec![2]);

    // No paging parameter at all: 400 naming all three.
    let e = client.send(&list()).await.err();
    match e {
        Some(Error::BadParameters { params, .. }) => {
            assert!(params.contains_key("page") && params.contains_key("all_ids"))
        }
        other => panic!("{other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn relogin_is_single_flight() -> TestResult {
    let server = fake(
        FakeConfig::default()
            .records(50)
            .login_delay(Duration::from_millis(100)),
    )
    .await?;
    let client = client_for(&server)?;
    client.login().await?;
    assert_eq!(server.stats().logins, 1);

    server.expire_sessions();
    let gets = (1..=20).map(|id| {
        let client = client.clone();
        async move { client.get_json::<Value>(&ao(id)).await }
    });
    let results = futures::future::join_all(gets).await;
    for result in results {
        result?;
    }
    let stats = server.stats();
    assert_eq!(
        stats.logins, 2,
        "twenty rejected requests, one login: {stats:?}"
    );
    assert_eq!(stats.session_rejections, 20);
    assert_eq!(client.login_count(), 2);
    Ok(())
}

#[tokio::test]
async fn sessions_expiring_mid_harvest_are_renewed() -> TestResult {
    // Each session serves 4 requests, the harvest keeps 3 in flight: a
    // renewed session always outlives the replay of the request that renewed it.
    let server = fake(FakeConfig::default().records(1_000).session_max_requests(4)).await?;
    let client = client_for(&server)?;
    let records: Vec<Value> = client
        .harvest_with(list(), Paging::new().with_page_size(40).with_concurrency(3))
        .try_collect()
        .await?;
    assert_eq!(ids_of(&records), server.record_ids());
    let stats = server.stats();
    assert!(stats.logins >= 5, "{stats:?}");
    Ok(())
}

#[tokio::test]
async fn expired_session_by_time_is_renewed() -> TestResult {
    let server = fake(
        FakeConfig::default()
            .records(5)
            .session_ttl(Duration::from_millis(150)),
    )
    .await?;
    let client = client_for(&server)?;
    client.get_json::<Value>(&ao(1)).await?;
    tokio::time::sleep(Duration::from_millis(250)).await;
    client.get_json::<Value>(&ao(2)).await?;
    assert_eq!(server.stats().logins, 2);
    Ok(())
}

#[tokio::test]
async fn updates_and_conflicts() -> TestResult {
    let server = fake(FakeConfig::default().records(10)).await?;
    let client = client_for(&server)?;
    let before = server.record(3).ok_or("record 3")?;

    // Lossless: only the title and the server-managed members change.
    let done = client
        .update_with(&ao(3), |record: &mut Value| {
            record["title"] = json!("Renamed");
        })
        .await?;
    assert_eq!(
        (done.status.as_str(), done.id, done.lock_version),
        ("Updated", 3, Some(1))
    );
    let after = server.record(3).ok_or("record 3")?;
    let (Value::Object(b), Value::Object(a)) = (&before, &after) else {
        panic!("records are objects");
    };
    let changed: Vec<&String> = b.keys().filter(|k| b.get(*k) != a.get(*k)).collect();
    let expected = ["lock_version", "system_mtime", "title", "user_mtime"];
    assert!(
        changed.iter().all(|k| expected.contains(&k.as_str())),
        "{changed:?}"
    );
    assert_eq!(a["title"], "Renamed");
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "member order kept"
    );

    // Someone saves the record between our GET and POST.
    let e = client
        .update_with(&ao(4), |record: &mut Value| {
            server.touch_record(4);
            record["title"] = json!("Mine");
        })
        .await
        .err();
    assert!(matches!(&e, Some(e) if e.is_stale()), "{e:?}");

    // With attempts, the edit is re-applied to the fresh copy.
    let mut calls = 0;
    let done: Modified = client
        .update_with_attempts(&ao(5), 3, |record: &mut Value| {
            calls += 1;
            if calls == 1 {
                server.touch_record(5);
            }
            record["title"] = json!("Mine at last");
        })
        .await?;
    assert_eq!(calls, 2);
    assert_eq!(done.lock_version, Some(2));

    // A stale lock_version posted directly; then none at all.
    let mut stale = server.record(6).ok_or("record 6")?;
    server.touch_record(6);
    let e = client.post_json::<_, Modified>(&ao(6), &stale).await.err();
    assert!(
        matches!(
            e,
            Some(Error::Conflict {
                kind: ConflictKind::StaleLockVersion,
                ..
            })
        ),
        "{e:?}"
    );
    stale
        .as_object_mut()
        .ok_or("object")?
        .remove("lock_version");
    let e = client.post_json::<_, Modified>(&ao(6), &stale).await.err();
    assert!(
        matches!(
            e,
            Some(Error::Conflict {
                kind: ConflictKind::MissingLockVersion,
                ..
            })
        ),
        "{e:?}"
    );
    assert_eq!(e.and_then(|e| e.status()), Some(409));
    Ok(())
}

#[tokio::test]
async fn validation_and_not_found_errors() -> TestResult {
    let server = fake(FakeConfig::default().records(3)).await?;
    let client = client_for(&server)?;

    let e = client
        .update_with(&ao(1), |record: &mut Value| {
            record["title"] = json!("");
            record["dates"] = json!([]);
        })
        .await
        .err();
    match e {
        Some(Error::Validation {
            errors,
            warnings,
            method,
            path,
        }) => {
            assert_eq!(
                errors["title"],
                ["must not be an empty string (or enter a Date)"]
            );
            assert!(errors.contains_key("dates"));
            assert!(warnings.is_empty());
            assert_eq!((method, path.as_str()), (Method::Post, ao(1).as_str()));
        }
        other => panic!("{other:?}"),
    }

    let e = client.get_json::<Value>(&ao(999)).await.err();
    assert!(
        matches!(&e, Some(Error::NotFound { message, .. }) if message == "ArchivalObject not found"),
        "{e:?}"
    );
    let e = client.get_json::<Value>("/no/such/route").await.err();
    assert!(matches!(e, Some(Error::RouteNotFound { .. })), "{e:?}");
    let e = client
        .post_json::<_, Value>("/users/admin", &json!({}))
        .await
        .err();
    assert!(matches!(e, Some(Error::RouteNotFound { .. })), "{e:?}");
    let e = client.get_json::<Value>("repositories/2").await.err();
    assert!(matches!(e, Some(Error::InvalidUri { .. })), "{e:?}");

    // Created records come back with the server's usual answer.
    let created: Modified = client
        .post_json(
            "/repositories/2/archival_objects",
            &json!({"title": "New", "level": "file",
                "resource": {"ref": "/repositories/2/resources/1"}}),
        )
        .await?;
    assert_eq!((created.status.as_str(), created.id), ("Created", 4));
    assert_eq!(created.uri.as_deref(), Some(ao(4).as_str()));
    Ok(())
}

#[tokio::test]
async fn anonymous_and_wrong_password() -> TestResult {
    let server = fake(
        FakeConfig::default()
            .records(3)
            .user("archivist", "correct horse"),
    )
    .await?;

    let anonymous = Client::builder().base_url(server.base_url()).build()?;
    let e = anonymous.get_json::<Value>(&ao(1)).await.err();
    assert!(
        matches!(&e, Some(Error::AccessDenied { message, .. }) if message == "Access denied"),
        "{e:?}"
    );

    let wrong = Client::builder()
        .base_url(server.base_url())
        .credentials("archivist", "battery staple")
        .build()?;
    let e = wrong
        .get_json::<Value>(&ao(1))
        .await
        .err()
        .ok_or("login should fail")?;
    assert!(
        matches!(&e, Error::LoginFailed { username } if username == "archivist"),
        "{e:?}"
    );
    let shown = format!("{e} {e:?} {wrong:?}");
    assert!(!shown.contains("battery staple"), "{shown}");
    // The fake refuses passwords in the query string: none was sent there.
    assert_eq!(server.stats().password_in_url, 0);
    assert_eq!(server.stats().failed_logins, 1);
    Ok(())
}

#[tokio::test]
async fn post_is_not_retried_blindly_but_get_is() -> TestResult {
    let server = fake(FakeConfig::default().records(3)).await?;
    let client = client_for(&server)?;
    client.login().await?;

    server.fail_next(1, 503);
    let e = client
        .post_json::<_, Modified>(
            "/repositories/2/archival_objects",
            &json!({"title": "x", "level": "file"}),
        )
        .await
        .err();
    assert!(
        matches!(e, Some(Error::Status { status: 503, .. })),
        "{e:?}"
    );
    assert_eq!(server.record_ids(), vec![1, 2, 3], "nothing created");

    server.fail_next(3, 504);
    client.get_json::<Value>(&ao(1)).await?;

    // Retries run out.
    let stingy = Client::builder()
        .base_url(server.base_url())
        .credentials(server.username(), server.password())
        .retry(
            RetryPolicy::default()
                .max_retries(2)
                .initial_backoff(Duration::from_millis(1)),
        )
        .build()?;
    stingy.login().await?;
    let before = server.stats().requests;
    server.fail_next(10, 502);
    let e = stingy.get_json::<Value>(&ao(1)).await.err();
    assert!(
        matches!(e, Some(Error::Status { status: 502, .. })),
        "{e:?}"
    );
    assert_eq!(
        server.stats().requests - before,
        3,
        "one attempt and two retries"
    );
    server.clear_faults();

    // A 500 is the application's verdict, not retried.
    server.fail_next(1, 500);
    let before = server.stats().requests;
    let e = client.get_json::<Value>(&ao(1)).await.err();
    assert!(
        matches!(&e, Some(Error::Server { status: 500, message, .. }) if message.starts_with("injected fault")),
        "{e:?}"
    );
    assert_eq!(server.stats().requests - before, 1);
    Ok(())
}

#[tokio::test]
async fn client_concurrency_limit_holds() -> TestResult {
    let server = fake(FakeConfig::default().records(400)).await?;
    let client = Client::builder()
        .base_url(server.base_url())
        .credentials(server.username(), server.password())
        .concurrency(3)
        .build()?;
    client.login().await?;
    server.set_delay(Duration::from_millis(20));
    let records: Vec<Value> = client
        .harvest_with(
            list(),
            Paging::new().with_page_size(20).with_concurrency(10),
        )
        .try_collect()
        .await?;
    assert_eq!(records.len(), 400);
    let stats = server.stats();
    assert!(stats.max_in_flight <= 3, "{stats:?}");
    assert!(stats.max_in_flight >= 2, "{stats:?}");
    Ok(())
}

#[tokio::test]
async fn decode_errors_name_the_json_path() -> TestResult {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Typed {
        title: String,
        dates: Vec<TypedDate>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct TypedDate {
        // ArchivesSpace sends years as strings; this type is wrong on purpose.
        begin: u64,
    }
    let server = fake(FakeConfig::default().records(3)).await?;
    let client = client_for(&server)?;
    let mut first = list_of::<Typed>();
    first.set_page(1, 10);
    let e = client.send(&first).await.err();
    match e {
        Some(Error::Decode {
            json_path, path, ..
        }) => {
            assert_eq!(json_path, "results[0].dates[0].begin");
            assert_eq!(path, "/repositories/2/archival_objects");
        }
        other => panic!("{other:?}"),
    }
    // The stream reports the error and ends.
    let items: Vec<Result<Typed, Error>> = client.paginate(list_of::<Typed>()).collect().await;
    assert_eq!(items.len(), 1);
    assert!(matches!(items[0], Err(Error::Decode { .. })));
    Ok(())
}

/// Collects everything `tracing` writes while the test runs.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// The subscriber is process-wide (a thread-local one misses events whose
// callsites other test threads reached first), so it also sees the other
// tests' logs: none of them may leak secrets either.
#[tokio::test]
async fn secrets_stay_out_of_logs_errors_and_debug() -> TestResult {
    let password = "pw-d41d8cd98f00b204";
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber)?;

    let server = fake(
        FakeConfig::default()
            .records(300)
            .user("admin", password)
            // At least the harvest's concurrency (4), so that a renewed
            // session survives until the request that renewed it replays.
            .session_max_requests(6),
    )
    .await?;
    let client = client_for(&server)?;
    server.fail_next(2, 503);
    let records: Vec<Value> = client
        .harvest_with(list(), Paging::new().with_page_size(25).with_concurrency(4))
        .try_collect()
        .await?;
    assert_eq!(records.len(), 300);
    server.clear_faults();

    // Errors that carry server messages echoing the token.
    server.expire_sessions();
    let mut errors: Vec<Error> = Vec::new();
    errors.extend(client.get_json::<Value>(&ao(1000)).await.err());
    errors.extend(client.get_json::<Value>("/nope").await.err());
    let wrong = Client::builder()
        .base_url(server.base_url())
        .credentials("admin", format!("{password}-wrong"))
        .build()?;
    errors.extend(wrong.login().await.err());
    assert_eq!(errors.len(), 3);

    let tokens = server.issued_tokens();
    assert!(tokens.len() >= 3, "sessions were renewed: {}", tokens.len());
    let logs = String::from_utf8_lossy(&captured.0.lock().map_err(|_| "poisoned")?).into_owned();
    assert!(
        logs.contains("retrying ArchivesSpace request"),
        "retries are logged"
    );
    let mut shown = logs;
    shown.push_str(&format!("{client:?} {wrong:?}"));
    for e in &errors {
        shown.push_str(&format!("{e} {e:?}"));
    }
    assert!(!shown.contains(password), "the password leaked");
    for token in &tokens {
        assert!(!shown.contains(token.as_str()), "a session token leaked");
    }
    Ok(())
}

#[tokio::test]
async fn stream_can_be_dropped_early() -> TestResult {
    let server = fake(FakeConfig::default().records(2_000)).await?;
    let client = client_for(&server)?;
    let first_ten: Vec<Value> = client
        .paginate_with(
            list(),
            Paging::new().with_page_size(100).with_concurrency(4),
        )
        .take(10)
        .try_collect()
        .await?;
    assert_eq!(ids_of(&first_ten), (1..=10).collect::<Vec<_>>());
    // Dropping the stream stops the fetching: far fewer than 20 pages asked for.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(server.stats().requests < 10, "{:?}", server.stats());
    Ok(())
}

/// The client's futures and streams can be spawned onto a multi-threaded runtime.
#[test]
fn futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    if let Ok(client) = Client::builder().base_url("http://127.0.0.1:9").build() {
        assert_send(&client.send(&list().all_ids()));
        assert_send(&client.get_json::<Value>("/repositories/2"));
        assert_send(&client.update_with("/repositories/2/archival_objects/1", |_: &mut Value| {}));
        assert_send(&client.paginate(list()));
        assert_send(&client.harvest(list()));
    }
}

#[test]
fn from_env_style_config_builds_a_client() -> TestResult {
    let config = archivesspace::Config::from_yaml(
        "baseurl: http://localhost:8089\nusername: admin\npassword: admin\nretry_with_auth: false\n",
    )?;
    let client = Client::builder().config(config).build()?;
    assert_eq!(client.base_url().as_str(), "http://localhost:8089/");
    Ok(())
}

#[path = "scenarios/mod.rs"]
mod scenarios;

/// The scenarios that the real backend suite (`tests/real_backend.rs`) also
/// runs: the fake must answer each as ArchivesSpace does.
#[tokio::test]
async fn scenarios_answer_as_the_real_backend_does() -> TestResult {
    let server = fake(FakeConfig::default().records(3)).await?;
    let http = scenarios::raw_http();
    let login = http
        .post(format!(
            "{}/users/{}/login",
            server.base_url(),
            server.username()
        ))
        .form(&[("password", server.password())])
        .send()
        .await?
        .text()
        .await?;
    let login: Value = serde_json::from_str(&login)?;
    let context = scenarios::Context {
        base_url: server.base_url(),
        username: server.username().to_owned(),
        password: server.password().to_owned(),
        repo: 2,
        ao: 1,
        spare: 2,
        count: 3,
        session: login["session"].as_str().ok_or("no session")?.to_owned(),
    };
    let failures = scenarios::run(scenarios::Server::Fake, &context).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

/// A POST without a body still declares its length (`Content-Length: 0`):
/// ArchivesSpace's WEBrick server waits for a body otherwise, and the fake
/// answers 411.
#[tokio::test]
async fn bodiless_posts_declare_their_length() -> TestResult {
    let server = fake(FakeConfig::default().records(1)).await?;
    let client = client_for(&server)?;
    // The fake has no logout route: getting past the length check to the
    // router's 404 is the point.
    let e = client
        .send(&archivesspace::requests::logout::Post::new())
        .await
        .err();
    assert!(matches!(e, Some(Error::RouteNotFound { .. })), "{e:?}");
    // What the client sent before it declared the length.
    let raw = scenarios::raw_http()
        .post(format!("{}/logout", server.base_url()))
        .send()
        .await?;
    assert_eq!(raw.status().as_u16(), 411);
    Ok(())
}

/// A transaction the database rolled back saved nothing, so even a create
/// is sent again, and makes one record.
#[tokio::test]
async fn rolled_back_creates_are_sent_again() -> TestResult {
    let server = fake(FakeConfig::default().records(2)).await?;
    let client = client_for(&server)?;
    let record = json!({"title": "Retried", "level": "file",
        "resource": {"ref": "/repositories/2/resources/1"}});
    // The first login does not count: faults spare it.
    client.login().await?;
    server.fail_next(2, 400);
    let created: Modified = client
        .post_json("/repositories/2/archival_objects", &record)
        .await?;
    assert_eq!(server.record_ids(), [1, 2, created.id]);

    // Without retries the rollback is the caller's to see.
    let once = Client::builder()
        .base_url(server.base_url())
        .credentials(server.username(), server.password())
        .retry(RetryPolicy::none())
        .build()?;
    once.login().await?;
    server.fail_next(1, 400);
    match once
        .post_json::<_, Modified>("/repositories/2/archival_objects", &record)
        .await
    {
        Err(Error::Validation { errors, .. }) => assert!(errors.contains_key("db_error")),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.record_ids().len(), 3);
    Ok(())
}
