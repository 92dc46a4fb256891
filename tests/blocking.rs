//! The blocking client against the fake ArchivesSpace, with the bundled
//! bindings' requests and records. The tests are plain `#[test]`s, as a
//! script's `main` is: the fake runs on a runtime of its own in the
//! background.

use std::collections::HashSet;
use std::time::Duration;

use archivesspace::requests::{archival_objects, resource_descriptions};
use archivesspace::{
    blocking, ArchivalObject, Error, Hit, Modified, Paging, Record, RetryPolicy, Search, Tree, Uri,
};
use archivesspace_fake::{FakeConfig, FakeServer};
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// A fake served by a runtime the test owns, so that the code under test
/// runs outside any async context.
struct Fake {
    server: FakeServer,
    // Dropped after the server (fields drop in order).
    _runtime: tokio::runtime::Runtime,
}

impl std::ops::Deref for Fake {
    type Target = FakeServer;
    fn deref(&self) -> &FakeServer {
        &self.server
    }
}

fn fake(config: FakeConfig) -> Result<Fake, Box<dyn std::error::Error + Send + Sync>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let server = runtime.block_on(FakeServer::start(config))?;
    Ok(Fake {
        server,
        _runtime: runtime,
    })
}

/// A blocking client for `server` with short waits, so that retries are quick.
fn client_for(server: &FakeServer) -> Result<blocking::Client, Error> {
    blocking::Client::builder()
        .base_url(server.base_url())
        .credentials(server.username(), server.password())
        .request_timeout(Duration::from_secs(10))
        .retry(
            RetryPolicy::default()
                .max_retries(10)
                .initial_backoff(Duration::from_millis(2))
                .max_backoff(Duration::from_millis(40)),
        )
        .build_blocking()
}

fn ao(id: i64) -> String {
    format!("/repositories/2/archival_objects/{id}")
}

fn id_of(record: &ArchivalObject) -> Option<i64> {
    record.uri.as_deref()?.rsplit('/').next()?.parse().ok()
}

#[test]
fn send_decodes_typed_records_and_errors() -> TestResult {
    let server = fake(FakeConfig::default().records(5))?;
    let client = client_for(&server)?;

    let record: ArchivalObject = client.send(&archival_objects::Get::new(2, 3))?;
    let served = server.record(3).ok_or("record 3")?;
    assert_eq!(serde_json::to_value(&record)?, served, "lossless");
    assert_eq!(client.login_count(), 1);

    let missing = client.send(&archival_objects::Get::new(2, 999)).err();
    assert!(
        matches!(missing, Some(Error::NotFound { .. })),
        "{missing:?}"
    );
    let raw: Value = client.get_json(&ao(2))?;
    assert_eq!(Some(raw), server.record(2));

    // The same errors as the async client's: a wrong password.
    let wrong = blocking::Client::builder()
        .base_url(server.base_url())
        .credentials(server.username(), "not-the-password-5e4d")
        .build_blocking()?;
    let e = wrong.send(&archival_objects::Get::new(2, 1)).err();
    assert!(matches!(e, Some(Error::LoginFailed { .. })), "{e:?}");
    assert!(!format!("{e:?} {wrong:?}").contains("not-the-password-5e4d"));
    Ok(())
}

#[test]
fn paginate_and_harvest_yield_every_record_once() -> TestResult {
    let server = fake(FakeConfig::default().records(613).seed(7))?;
    let client = client_for(&server)?;

    for concurrency in [1, 4] {
        let paging = Paging::new()
            .with_page_size(100)
            .with_concurrency(concurrency);
        let records = client
            .paginate_with(archival_objects::List::new(2), paging)
            .collect::<Result<Vec<ArchivalObject>, Error>>()?;
        let ids: Vec<i64> = records.iter().filter_map(id_of).collect();
        assert_eq!(ids, server.record_ids(), "in listing order");
    }

    // By ids, through injected failures: each record exactly once.
    server.set_error_rate(0.2, 503);
    server.abort_next(2);
    let mut ids = Vec::new();
    for record in client.harvest_with(
        archival_objects::List::new(2),
        Paging::new().with_page_size(50),
    ) {
        ids.extend(id_of(&record?));
    }
    server.clear_faults();
    let unique: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a record was yielded twice");
    assert_eq!(ids, server.record_ids(), "every record, in id order");

    // The default paging too, and an iterator ends for good.
    let mut all = client.harvest(archival_objects::List::new(2));
    assert_eq!(all.by_ref().count(), 613);
    assert!(all.next().is_none());
    Ok(())
}

/// The number of requests the fake has seen, once it stops changing: what
/// was on the wire when an iterator was dropped may still be arriving.
fn settled(server: &FakeServer) -> u64 {
    let mut seen = server.stats().requests;
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(100));
        let now = server.stats().requests;
        if now == seen {
            break;
        }
        seen = now;
    }
    seen
}

#[test]
fn iterators_are_lazy_and_dropping_one_stops_its_requests() -> TestResult {
    let server = fake(FakeConfig::default().records(2_000))?;
    let client = client_for(&server)?;
    client.login()?;
    let before = settled(&server);

    let paging = Paging::new().with_page_size(100).with_concurrency(4);
    let mut pages = client.paginate_with(archival_objects::List::new(2), paging);
    assert_eq!(settled(&server), before, "nothing sent before `next`");

    let first: Vec<ArchivalObject> = pages.by_ref().take(10).collect::<Result<_, _>>()?;
    assert_eq!(
        first.iter().filter_map(id_of).collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );
    drop(pages);
    let after_drop = settled(&server);
    // One page read, a few ahead at most: far fewer than the 20 pages.
    assert!(after_drop - before < 10, "{:?}", server.stats());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.stats().requests,
        after_drop,
        "nothing sent after drop"
    );

    // A harvest dropped after its first chunk of 20 of the 100.
    let mut harvest = client.harvest_with(
        archival_objects::List::new(2),
        Paging::new().with_page_size(20),
    );
    assert!(harvest.next().transpose()?.is_some());
    drop(harvest);
    let after_harvest = settled(&server);
    assert!(
        after_harvest - after_drop < 12,
        "all_ids and a few chunks, not all 100: {:?}",
        server.stats()
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.stats().requests, after_harvest);
    Ok(())
}

#[test]
fn update_record_and_conflicts() -> TestResult {
    let server = fake(FakeConfig::default().records(10))?;
    let client = client_for(&server)?;

    let uri = Uri::<ArchivalObject>::new(ao(3));
    let done = client.update_record(&uri, |record| {
        record.title = Some("Renamed".into());
    })?;
    assert_eq!(
        (done.status.as_str(), done.id, done.lock_version),
        ("Updated", 3, Some(1))
    );
    assert_eq!(
        server.record(3).ok_or("record 3")?["title"],
        json!("Renamed")
    );

    // Someone saves the record between the GET and the POST; the edit
    // borrows the test's state, which no async task could.
    let e = client
        .update_record(&Uri::<ArchivalObject>::new(ao(4)), |record| {
            server.touch_record(4);
            record.title = Some("Mine".into());
        })
        .err();
    assert!(matches!(&e, Some(e) if e.is_stale()), "{e:?}");
    assert_ne!(server.record(4).ok_or("record 4")?["title"], json!("Mine"));

    // With attempts, the edit is re-applied to the fresh copy.
    let mut calls = 0;
    let done: Modified = client.update_with_attempts(ao(5), 3, |record: &mut Value| {
        calls += 1;
        if calls == 1 {
            server.touch_record(5);
        }
        record["title"] = json!("Mine at last");
    })?;
    assert_eq!((calls, done.lock_version), (2, Some(2)));
    Ok(())
}

#[test]
fn search_all_pages_through_every_hit() -> TestResult {
    let server = fake(FakeConfig::default().records(120))?;
    let client = client_for(&server)?;
    let files: Vec<Value> = server
        .record_ids()
        .into_iter()
        .filter_map(|id| server.record(id))
        .filter(|r| r["level"] == "file")
        .collect();
    assert!(files.len() > 7, "{} files", files.len());

    let search = Search::repository(2)
        .record_type("archival_object")
        .filter_term("level", "file")
        .page_size(7);
    let hits = client
        .search_all::<ArchivalObject>(search.clone())
        .collect::<Result<Vec<Hit<ArchivalObject>>, Error>>()?;
    let uris: Vec<&str> = hits.iter().map(|h| h.uri.as_str()).collect();
    let expected: Vec<&str> = files.iter().filter_map(|r| r["uri"].as_str()).collect();
    assert_eq!(uris, expected);
    let first = hits
        .first()
        .and_then(|h| h.record.as_ref())
        .ok_or("a record")?;
    assert_eq!(serde_json::to_value(first)?, files[0]);

    let page = client.search::<Record>(search)?;
    assert_eq!(page.total_hits, files.len() as u64);

    // Refused searches are errors, yielded once, then the end.
    let anonymous = blocking::Client::builder()
        .base_url(server.base_url())
        .build_blocking()?;
    let mut refused = anonymous.search_all::<Record>(Search::all());
    assert!(matches!(
        refused.next(),
        Some(Err(Error::AccessDenied { .. }))
    ));
    assert!(refused.next().is_none());
    Ok(())
}

#[test]
fn walk_tree_visits_every_record_depth_first() -> TestResult {
    let server = fake(FakeConfig::default().records(1_500))?;
    let client = client_for(&server)?;
    // The fake's resource 1 holds the archival objects whose id is a
    // multiple of 7; every tenth of them is at the top, the nine after it
    // below it, so depth first is id order.
    let members: Vec<i64> = server
        .record_ids()
        .into_iter()
        .filter(|id| id % 7 == 0)
        .collect();
    assert!(members.len() > 200, "{}", members.len());

    let entries = client
        .walk_tree(Tree::Resource { repo_id: 2, id: 1 }, 4)
        .collect::<Result<Vec<_>, Error>>()?;
    let uris: Vec<String> = entries.iter().map(|e| e.node.uri.clone()).collect();
    let expected: Vec<String> = members.iter().map(|&id| ao(id)).collect();
    assert_eq!(uris, expected);
    for (index, entry) in entries.iter().enumerate() {
        let head = index - index % 10;
        if index == head {
            assert_eq!(entry.depth, 1);
            assert_eq!(entry.parent, "/repositories/2/resources/1");
        } else {
            assert_eq!(entry.depth, 2);
            assert_eq!(entry.parent, ao(members[head]));
        }
    }

    // A tree that does not exist: the error, then the end.
    let mut missing = client.walk_tree(Tree::Resource { repo_id: 2, id: 99 }, 4);
    assert!(
        matches!(missing.next(), Some(Err(Error::NotFound { .. }))),
        "a missing resource"
    );
    assert!(missing.next().is_none());
    Ok(())
}

#[test]
fn exports_are_written_to_a_std_writer() -> TestResult {
    /// Counts what it is given, and how.
    #[derive(Default)]
    struct Recorder {
        bytes: Vec<u8>,
        writes: usize,
        flushed: bool,
    }
    impl std::io::Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.writes += 1;
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.flushed = true;
            Ok(())
        }
    }
    let server = fake(FakeConfig::default().export_bytes(512 * 1024))?;
    let client = client_for(&server)?;
    let mut out = Recorder::default();
    let written = client.export(&resource_descriptions::Xml::new(2, 7), &mut out)?;
    assert_eq!(written, out.bytes.len() as u64);
    assert!(out.bytes.len() > 512 * 1024);
    assert!(out.bytes.starts_with(b"<?xml"));
    assert!(out.bytes.ends_with(b"</ead>\n"));
    assert!(out.writes > 1 && out.flushed, "{} writes", out.writes);

    // The same answer through `std::io::Read`, in small reads.
    let mut body = client.send_streaming(&resource_descriptions::Xml::new(2, 7))?;
    assert!(body.content_type().is_some_and(|t| t.contains("xml")));
    let mut read = Vec::new();
    let mut buffer = [0u8; 1000];
    loop {
        match std::io::Read::read(&mut body, &mut buffer)? {
            0 => break,
            n => read.extend_from_slice(&buffer[..n]),
        }
    }
    assert_eq!(read, out.bytes);

    // A writer that fails: Error::Write, with the request's path.
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    match client.export(&resource_descriptions::Xml::new(2, 7), &mut Full) {
        Err(Error::Write { path, .. }) => assert!(path.ends_with("/7.xml"), "{path}"),
        other => return Err(format!("a failing writer gave {other:?}").into()),
    }
    Ok(())
}

#[test]
fn threads_share_one_client_and_async_callers_do_not_panic() -> TestResult {
    let server = fake(FakeConfig::default().records(20))?;
    let client = client_for(&server)?;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..=4)
            .map(|id| {
                let client = &client;
                scope.spawn(move || client.send(&archival_objects::Get::new(2, id)))
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(answer) => assert!(answer.is_ok(), "{answer:?}"),
                Err(_) => panic!("a worker panicked"),
            }
        }
    });
    // One session for all threads.
    assert_eq!(client.login_count(), 1);

    // Called from inside an async runtime (the fake runs elsewhere): it
    // blocks that thread but completes.
    let outer = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let record = outer.block_on(async { client.send(&archival_objects::Get::new(2, 9)) })?;
    assert_eq!(id_of(&record), Some(9));

    // A blocking client over an async one shares its session.
    let shared = blocking::Client::new(client.as_async().clone())?;
    shared.send(&archival_objects::Get::new(2, 10))?;
    assert_eq!(shared.login_count(), 1);
    Ok(())
}
