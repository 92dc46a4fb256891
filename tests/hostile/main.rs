//! Hostile answers: real ArchivesSpace answers (the shared corpus, the
//! backend's own answer forms) served mutated, truncated, mis-framed,
//! stalled or without end by a local server, to every kind of call the
//! client makes. Every call must come back, Ok or with an `Error`: never a
//! panic, never a hang (each call is bounded here, and failing that bound
//! fails the test), never a buffer that grows without end.
//!
//! The property tests run a bounded number of cases (`CASES`), each in
//! milliseconds except those whose answer stalls or trickles, which the
//! client's request timeout (kept short here) ends.

#![cfg(feature = "bundled")]

mod mutate;
mod regressions;
mod retry_after;
mod server;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use archivesspace::requests::archival_objects;
use archivesspace::{ArchivalObject, Client, Error, RetryPolicy, Tree};
use futures::StreamExt;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde_json::{json, Value};

use mutate::{mutation, Mutation};
use server::{Answer, Framing, Server};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// Cases per property: enough to meet every mutation and framing several
/// times, few enough for CI.
const CASES: u32 = 48;

/// The client's request timeout in the property tests: it ends the stalled
/// and trickling answers, and leaves a whole answer from this machine time
/// to arrive even while CI's other suites load both cores.
const REQUEST_TIMEOUT: Duration = Duration::from_millis(1500);

/// No call may take longer than this; one that does has hung.
const CALL_BOUND: Duration = Duration::from_secs(20);

/// The fuzzed client's limit on answers read whole.
const LIMIT: u64 = 4 << 20;

/// The session token the client sends; it must appear in no error.
const TOKEN: &str = "hostile-session-5f2e9a";

type TestResult = Result<(), Box<dyn std::error::Error>>;

// ---------------------------------------------------------------- harness

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// The name of the runtimes' worker threads, where the client's spawned
/// tasks run.
const WORKER: &str = "hostile-worker";

/// Counts panics on the runtimes' worker threads: a spawned task's panic
/// would otherwise only end its stream early. (A panic on a test's own
/// thread fails that test already.)
fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(WORKER) {
                PANICS.fetch_add(1, Ordering::SeqCst);
            }
            default(info);
        }));
    });
}

fn runtime() -> tokio::runtime::Runtime {
    count_panics();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(WORKER)
        .enable_all()
        .build()
        .expect("a Tokio runtime")
}

fn client(server: &Server, timeout: Duration, limit: u64) -> Result<Client, Error> {
    Client::builder()
        .base_url(server.base_url())
        .session_token(TOKEN)
        .connect_timeout(Duration::from_secs(5))
        .request_timeout(timeout)
        .retry(RetryPolicy::none())
        .max_response_size(limit)
        .build()
}

/// How an answer is altered on its way.
#[derive(Debug, Clone)]
struct Wire {
    mutation: Mutation,
    framing: Framing,
    content_type: Option<&'static str>,
}

fn framing() -> impl Strategy<Value = Framing> {
    prop_oneof![
        10 => Just(Framing::Length),
        2 => (-64i64..64).prop_map(Framing::LengthOff),
        1 => Just(Framing::Close),
        2 => (1usize..4096).prop_map(Framing::Chunked),
        1 => (0usize..100_000).prop_map(Framing::ChunkedCut),
        1 => (0usize..100_000).prop_map(Framing::ChunkedStall),
        1 => Just(Framing::Stall),
        1 => Just(Framing::Trickle),
        1 => Just(Framing::Endless),
    ]
}

fn wire() -> impl Strategy<Value = Wire> {
    let content_type = prop_oneof![
        6 => Just(Some("application/json")),
        1 => Just(None),
        1 => Just(Some("text/html")),
        1 => Just(Some("application/json; charset=utf-16")),
        1 => Just(Some("application/xml")),
    ];
    (mutation(), framing(), content_type).prop_map(|(mutation, framing, content_type)| Wire {
        mutation,
        framing,
        content_type,
    })
}

impl Wire {
    fn answer(&self, status: u16, body: &[u8]) -> Answer {
        Answer {
            status,
            headers: self
                .content_type
                .map(|t| ("Content-Type".to_owned(), t.to_owned()))
                .into_iter()
                .collect(),
            body: self.mutation.apply(body),
            framing: self.framing.clone(),
        }
    }

    /// Whether the answer arrives whole, as sent.
    fn complete(&self) -> bool {
        matches!(
            self.framing,
            Framing::Length | Framing::Close | Framing::Chunked(_)
        )
    }

    /// Whether the answer is the real one, whole.
    fn intact(&self) -> bool {
        self.complete() && self.mutation.is_none()
    }
}

/// Runs `cases` through `check`, each call bounded by [`CALL_BOUND`]; a
/// hang, a panic (on any thread) or a failed check fails with the case.
fn run_cases<S: Strategy>(
    strategy: S,
    check: impl Fn(&tokio::runtime::Runtime, &Server, S::Value) -> Result<(), TestCaseError>,
) -> TestResult
where
    S::Value: std::fmt::Debug,
{
    count_panics();
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    // HOSTILE_CASES=2000 for a longer hunt by hand.
    let cases = std::env::var("HOSTILE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        // Shrinking re-runs cases, some of which wait for a timeout.
        max_shrink_iters: 64,
        ..Config::default()
    });
    let outcome = runner.run(&strategy, |case| {
        let before = PANICS.load(Ordering::SeqCst);
        check(&rt, &server, case)?;
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), before, "a panic");
        Ok(())
    });
    match outcome {
        Ok(()) => Ok(()),
        Err(TestError::Fail(why, case)) => Err(format!("{why}\nminimal case: {case:?}").into()),
        Err(TestError::Abort(why)) => Err(format!("aborted: {why}").into()),
    }
}

/// Awaits `work`, failing the case if it takes longer than [`CALL_BOUND`].
fn bounded<T>(
    rt: &tokio::runtime::Runtime,
    work: impl std::future::Future<Output = T>,
) -> Result<T, TestCaseError> {
    within(rt, work)
        .map_err(|_| TestCaseError::fail(format!("the call hung (over {CALL_BOUND:?})")))
}

/// Awaits `work` on `rt`, for at most [`CALL_BOUND`].
fn within<T>(
    rt: &tokio::runtime::Runtime,
    work: impl std::future::Future<Output = T>,
) -> Result<T, tokio::time::error::Elapsed> {
    rt.block_on(async { tokio::time::timeout(CALL_BOUND, work).await })
}

/// An error must say something, and never the session token.
fn check_error(e: &Error) -> Result<(), TestCaseError> {
    let shown = format!("{e} {e:?}");
    prop_assert!(!shown.contains(TOKEN), "the token leaked: {}", shown);
    prop_assert!(!e.to_string().is_empty());
    Ok(())
}

/// Results of a stream: every one checked, and nothing after an error.
fn check_stream<T>(results: &[Result<T, Error>]) -> Result<(), TestCaseError> {
    for (i, result) in results.iter().enumerate() {
        if let Err(e) = result {
            check_error(e)?;
            prop_assert_eq!(i + 1, results.len(), "items after an error");
        }
    }
    Ok(())
}

fn read(path: impl AsRef<Path>) -> Vec<u8> {
    std::fs::read(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

fn files(dir: &str, contains: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(Path::new(CORPUS).join(dir))
        .unwrap_or_else(|e| panic!("no corpus at {CORPUS}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains(contains))
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no {contains} files in {dir}");
    found
}

// ------------------------------------------------------------ real answers

/// Archival objects as real backends sent them, with whether the typed
/// decode takes them.
fn records() -> Vec<(Vec<u8>, bool)> {
    files("archival_object", "")
        .iter()
        .map(|path| {
            let bytes = read(path);
            let typed = serde_json::from_slice::<ArchivalObject>(&bytes).is_ok();
            (bytes, typed)
        })
        .collect()
}

/// Pages of archival objects (10 records, `last_page` 25).
fn pages() -> Vec<Vec<u8>> {
    files("_responses/paginated", "archival_objects")
        .iter()
        .map(read)
        .collect()
}

/// The records of the pages, as `id_set` answers them (a bare array), and
/// their ids as `all_ids` does.
fn id_set_and_ids() -> (Vec<u8>, Vec<u8>) {
    let mut records = Vec::new();
    for page in pages() {
        let page: Value = serde_json::from_slice(&page).expect("a corpus page");
        records.extend(page["results"].as_array().cloned().unwrap_or_default());
    }
    let ids: Vec<i64> = records
        .iter()
        .filter_map(|r| r["uri"].as_str()?.rsplit('/').next()?.parse().ok())
        .collect();
    assert_eq!(ids.len(), records.len());
    (
        serde_json::to_vec(&records).expect("JSON"),
        serde_json::to_vec(&ids).expect("JSON"),
    )
}

/// A batch import's answer as `ProgressTicker#each` writes it
/// (`backend/app/lib/progress_ticker.rb`: `"[\n"`, statuses and ticks each
/// followed by `",\n"`, the results, `"\n]"`), with the results
/// `batch_import.rb` builds.
const BATCH_ANSWER: &str = "[\n{\"status\":[{\"type\":\"started\",\"label\":\"Processing\",\"id\":1}]},\n\
    {\"ticks\":1,\"total\":2},\n{\"ticks\":2,\"total\":2},\n\
    {\"status\":[{\"type\":\"done\",\"label\":\"Processing\",\"id\":1}]},\n\
    {\"saved\":{\"/repositories/2/resources/import_1\":[\"/repositories/2/resources/5\",5],\
    \"/repositories/2/archival_objects/import_2\":[\"/repositories/2/archival_objects/9\",9]}}\n\n]";

/// Error answers as the backend sends them: the corpus's and the
/// scenarios' (`tests/scenarios/mod.rs`), the 412 with the token it
/// echoes.
fn error_answers() -> Vec<(u16, String)> {
    let mut answers = vec![
        (
            400,
            r#"{"error":{"id":["Wanted type Integer but got 'abc'"]}}"#.to_owned(),
        ),
        (
            400,
            r##"{"error":{"level":["Property is required but was missing"],"resource":["Property is required but was missing"]},"warning":{},"invalid_object":"#<JSONModel(:archival_object) {}>"}"##.to_owned(),
        ),
        (403, r#"{"error":"Access denied"}"#.to_owned()),
        (404, r#"{"error":"ArchivalObject not found"}"#.to_owned()),
        (404, r#"{"error":"Sinatra::NotFound"}"#.to_owned()),
        (
            409,
            r#"{"error":"The record you tried to update has been modified since you fetched it."}"#
                .to_owned(),
        ),
        (
            412,
            format!(r#"{{"code":"SESSION_GONE","error":"No session found for {TOKEN}"}}"#),
        ),
        (
            500,
            "{\"error\":\"invalid value for Integer(): \\\"abc\\\": \\n\\t/archivesspace/backend/app/lib/rest.rb:300\"}"
                .to_owned(),
        ),
        (
            503,
            "<html><body><h1>503 Service Unavailable</h1></body></html>\n".to_owned(),
        ),
        (429, r#"{"error":"Too many requests"}"#.to_owned()),
    ];
    for path in files("_responses/error", "") {
        let body = String::from_utf8_lossy(&read(&path)).into_owned();
        let status = if body.contains("SESSION_GONE") {
            412
        } else if body.contains("Access denied") {
            403
        } else if body.contains("not found") {
            404
        } else {
            400
        };
        answers.push((status, body));
    }
    answers
}

/// A resource tree from the real `tree/node` answer in the corpus: the
/// root has two children in two waypoints of one (so the walk fetches
/// waypoint 1 of the root), the first of them one child of its own.
struct TreeAnswers {
    root: Vec<u8>,
    root_waypoint_1: Vec<u8>,
    node_waypoint_0: Vec<u8>,
}

const FIRST_CHILD: &str = "/repositories/2/archival_objects/1134638";

fn tree_answers() -> TreeAnswers {
    let node: Value =
        serde_json::from_slice(&read(files("_responses/tree", "tree-node")[0].clone()))
            .expect("the corpus tree node");
    let child = |uri: &str, position: u64, child_count: u64, parent_id: Option<i64>| {
        let mut child = node.clone();
        if let Some(members) = child.as_object_mut() {
            members.remove("precomputed_waypoints");
            members.insert("uri".into(), json!(uri));
            members.insert("position".into(), json!(position));
            members.insert("child_count".into(), json!(child_count));
            members.insert("waypoints".into(), json!(child_count.min(1)));
            members.insert("parent_id".into(), json!(parent_id));
        }
        child
    };
    let first = child(FIRST_CHILD, 0, 1, None);
    let second = child("/repositories/2/archival_objects/1134639", 1, 0, None);
    let grandchild = child(
        "/repositories/2/archival_objects/1134640",
        0,
        0,
        Some(1134638),
    );
    let root = json!({
        "child_count": 2, "waypoints": 2, "waypoint_size": 1,
        "title": node["title"], "uri": "/repositories/2/resources/7",
        "jsonmodel_type": "resource", "level": "collection", "identifier": "CHUL-1",
        "precomputed_waypoints": {"": {"0": [first]}},
    });
    TreeAnswers {
        root: serde_json::to_vec(&root).expect("JSON"),
        root_waypoint_1: serde_json::to_vec(&[second]).expect("JSON"),
        node_waypoint_0: serde_json::to_vec(&[grandchild]).expect("JSON"),
    }
}

// ------------------------------------------------------------- properties

#[test]
fn records_survive_hostile_answers() -> TestResult {
    let records = Arc::new(records());
    let count = records.len();
    run_cases((0..count, wire()), move |rt, server, (pick, wire)| {
        let (body, typed) = records[pick].clone();
        let answer = wire.answer(200, &body);
        server.answer(move |_, _| answer.clone());
        let client = client(server, REQUEST_TIMEOUT, LIMIT)?;
        let got = bounded(rt, client.send(&archival_objects::Get::new(2, 7)))?;
        let value = bounded(
            rt,
            client.get_json::<Value>("/repositories/2/archival_objects/7"),
        )?;
        for e in [got.as_ref().err(), value.as_ref().err()]
            .into_iter()
            .flatten()
        {
            check_error(e)?;
        }
        if wire.intact() {
            prop_assert!(value.is_ok(), "{:?}", value.err());
            prop_assert_eq!(got.is_ok(), typed, "{:?}", got.err());
        }
        Ok(())
    })
}

#[test]
fn pages_survive_hostile_answers() -> TestResult {
    let pages = Arc::new(pages());
    let count = pages.len();
    run_cases((0..count, wire()), move |rt, server, (pick, wire)| {
        let answer = wire.answer(200, &pages[pick]);
        server.answer(move |_, _| answer.clone());
        let client = client(server, REQUEST_TIMEOUT, LIMIT)?;
        // A `last_page` mutated huge has the same page answered for ever:
        // the stream yields records, so it is taken only so far.
        let results: Vec<_> = bounded(
            rt,
            client
                .paginate(archival_objects::List::new(2))
                .take(1000)
                .collect::<Vec<_>>(),
        )?;
        check_stream(&results)?;
        if wire.intact() {
            prop_assert_eq!(results.len(), 250);
            prop_assert!(results.iter().all(Result::is_ok));
        }
        Ok(())
    })
}

#[test]
fn harvests_survive_hostile_answers() -> TestResult {
    let (id_set, all_ids) = id_set_and_ids();
    let expected = serde_json::from_slice::<Vec<i64>>(&all_ids)?.len();
    run_cases((any::<bool>(), wire()), move |rt, server, (ids, wire)| {
        // One of the two answers is hostile, the other real.
        let (hostile, real) = if ids {
            (
                wire.answer(200, &all_ids),
                Answer::json(200, id_set.clone()),
            )
        } else {
            (
                wire.answer(200, &id_set),
                Answer::json(200, all_ids.clone()),
            )
        };
        server.answer(move |_, target| {
            if target.contains("all_ids=true") == ids {
                hostile.clone()
            } else {
                real.clone()
            }
        });
        let client = client(server, REQUEST_TIMEOUT, LIMIT)?;
        let results: Vec<_> = bounded(
            rt,
            client
                .harvest(archival_objects::List::new(2))
                .take(1000)
                .collect::<Vec<_>>(),
        )?;
        check_stream(&results)?;
        if wire.intact() {
            prop_assert_eq!(results.len(), expected);
            prop_assert!(results.iter().all(Result::is_ok));
        }
        Ok(())
    })
}

#[test]
fn batch_imports_survive_hostile_answers() -> TestResult {
    run_cases(wire(), |rt, server, wire| {
        let answer = wire.answer(200, BATCH_ANSWER.as_bytes());
        server.answer(move |_, _| answer.clone());
        let client = client(server, REQUEST_TIMEOUT, LIMIT)?;
        let mut events = 0usize;
        let batch =
            [json!({"jsonmodel_type": "resource", "uri": "/repositories/2/resources/import_1"})];
        let imported = bounded(rt, client.batch_import(2, &batch, |_| events += 1))?;
        match &imported {
            Ok(imported) if wire.intact() => {
                prop_assert_eq!(
                    imported.uri_of("/repositories/2/archival_objects/import_2"),
                    Some("/repositories/2/archival_objects/9")
                );
                prop_assert_eq!(events, 4);
            }
            Ok(_) => {}
            Err(e) => {
                check_error(e)?;
                prop_assert!(!wire.intact(), "{}", e);
            }
        }
        Ok(())
    })
}

#[test]
fn tree_walks_survive_hostile_answers() -> TestResult {
    let tree = Arc::new(tree_answers());
    run_cases((0..3usize, wire()), move |rt, server, (which, wire)| {
        let tree = tree.clone();
        let hostile = wire.answer(
            200,
            [&tree.root, &tree.root_waypoint_1, &tree.node_waypoint_0][which],
        );
        server.answer(move |_, target| {
            let route = if target.ends_with("/tree/root") {
                0
            } else if target.contains("parent_node") {
                2
            } else {
                1
            };
            if route == which {
                hostile.clone()
            } else {
                Answer::json(
                    200,
                    [&tree.root, &tree.root_waypoint_1, &tree.node_waypoint_0][route].clone(),
                )
            }
        });
        let client = client(server, REQUEST_TIMEOUT, LIMIT)?;
        let results: Vec<_> = bounded(
            rt,
            client
                .walk_tree(Tree::Resource { repo_id: 2, id: 7 }, 2)
                .take(1000)
                .collect::<Vec<_>>(),
        )?;
        check_stream(&results)?;
        if wire.intact() {
            let uris: Vec<_> = results
                .iter()
                .filter_map(|r| r.as_ref().ok().map(|e| (e.node.uri.clone(), e.depth)))
                .collect();
            prop_assert_eq!(
                uris,
                vec![
                    (FIRST_CHILD.to_owned(), 1),
                    ("/repositories/2/archival_objects/1134640".to_owned(), 2),
                    ("/repositories/2/archival_objects/1134639".to_owned(), 1),
                ]
            );
        }
        Ok(())
    })
}

/// The delete feed's first page as a real backend sent it (10 URIs of a
/// repository's records, 8 of them archival objects; `last_page` 11), as
/// page `page`.
fn delete_feed_page(page: u64) -> Vec<u8> {
    let path = files("_responses/paginated", "delete-feed")[0].clone();
    let mut answer: Value = serde_json::from_slice(&read(path)).expect("the corpus delete feed");
    answer["this_page"] = json!(page);
    serde_json::to_vec(&answer).expect("JSON")
}

/// The page a listing or feed request asks for.
fn page_of(target: &str) -> u64 {
    target
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

#[test]
fn changes_survive_hostile_delete_feeds() -> TestResult {
    let (id_set, all_ids) = id_set_and_ids();
    let modified = serde_json::from_slice::<Vec<i64>>(&all_ids)?.len();
    run_cases(wire(), move |rt, server, wire| {
        let (id_set, all_ids) = (id_set.clone(), all_ids.clone());
        let hostile = wire.clone();
        server.answer(move |_, target| {
            if target.starts_with("/delete-feed") {
                hostile.answer(200, &delete_feed_page(page_of(target)))
            } else if target.contains("all_ids=true") {
                Answer::json(200, all_ids.clone())
            } else {
                Answer::json(200, id_set.clone())
            }
        });
        let client = client(server, REQUEST_TIMEOUT, LIMIT)?;
        let since = Some(archivesspace::SyncPoint {
            modified_since: 1_600_000_000,
        });
        let changes = bounded(
            rt,
            client.changes(archival_objects::List::new(2), since, Default::default()),
        )?;
        let changes = match changes {
            Ok(changes) => changes,
            Err(e) => {
                check_error(&e)?;
                prop_assert!(!wire.intact(), "{}", e);
                return Ok(());
            }
        };
        let results: Vec<_> = bounded(rt, changes.changes.take(1000).collect::<Vec<_>>())?;
        check_stream(&results)?;
        if wire.intact() {
            // 8 archival objects deleted a page, 11 pages; and the records.
            prop_assert_eq!(results.len(), 11 * 8 + modified);
        }
        Ok(())
    })
}

#[test]
fn error_answers_survive_mangling() -> TestResult {
    let answers = Arc::new(error_answers());
    let count = answers.len();
    run_cases((0..count, wire()), move |rt, server, (pick, wire)| {
        let (status, body) = answers[pick].clone();
        let answer = wire.answer(status, body.as_bytes());
        server.answer(move |_, _| answer.clone());
        let client = client(server, REQUEST_TIMEOUT, LIMIT)?;
        let got = bounded(rt, client.send(&archival_objects::Get::new(2, 7)))?;
        let e = match got {
            Ok(record) => {
                return Err(TestCaseError::fail(format!(
                    "HTTP {status} was Ok: {record:?}"
                )))
            }
            Err(e) => e,
        };
        check_error(&e)?;
        if wire.complete() {
            prop_assert_eq!(e.status(), Some(status), "{}", e);
        }
        Ok(())
    })
}

// ------------------------------------------------ endless and slow bodies

fn bodies_test(
    framing: Framing,
    body: &[u8],
    timeout: Duration,
    limit: u64,
    call: impl FnOnce(Client) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Error>>>>,
) -> Result<(Error, Duration), Box<dyn std::error::Error>> {
    count_panics();
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    let answer = Answer {
        framing,
        ..Answer::json(200, body.to_vec())
    };
    server.answer(move |_, _| answer.clone());
    let client = client(&server, timeout, limit)?;
    let started = Instant::now();
    let outcome = within(&rt, call(client));
    let elapsed = started.elapsed();
    match outcome {
        Err(_) => Err("the call hung".into()),
        Ok(Ok(())) => Err("an answer without end was Ok".into()),
        Ok(Err(e)) => Ok((e, elapsed)),
    }
}

fn get_record(
    client: Client,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Error>>>> {
    Box::pin(async move {
        client
            .get_json::<Value>("/repositories/2/archival_objects/7")
            .await
            .map(|_| ())
    })
}

#[test]
fn an_endless_answer_stops_at_the_size_limit() -> TestResult {
    // A generous timeout: the limit, not the clock, must end it.
    let (e, _) = bodies_test(
        Framing::Endless,
        b"{\"title\":\"x\"}",
        Duration::from_secs(60),
        1 << 20,
        get_record,
    )?;
    assert!(
        matches!(
            e,
            Error::TooLarge {
                limit: 1048576,
                status: 200,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("1048576 bytes"), "{e}");
    Ok(())
}

#[test]
fn a_declared_length_over_the_limit_is_refused_unread() -> TestResult {
    let (e, _) = bodies_test(
        Framing::LengthOff(1 << 40),
        b"{}",
        Duration::from_secs(60),
        1 << 20,
        get_record,
    )?;
    assert!(matches!(e, Error::TooLarge { .. }), "{e:?}");
    Ok(())
}

#[test]
fn a_trickling_answer_is_ended_by_the_request_timeout() -> TestResult {
    // reqwest's `timeout` is a deadline for the whole exchange, body
    // included: a byte every 20 ms does not keep it alive.
    let (e, elapsed) = bodies_test(
        Framing::Trickle,
        b"{\"title\":\"x\"}",
        Duration::from_secs(1),
        LIMIT,
        get_record,
    )?;
    assert!(e.is_timeout(), "{e:?}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    Ok(())
}

#[test]
fn a_trickling_stream_is_ended_by_the_request_timeout() -> TestResult {
    let (e, elapsed) = bodies_test(
        Framing::Trickle,
        b"<ead>",
        Duration::from_secs(1),
        LIMIT,
        |client| {
            Box::pin(async move {
                let mut out = Vec::new();
                client
                    .export(
                        &archivesspace::requests::resource_descriptions::Xml::new(2, 7),
                        &mut out,
                    )
                    .await
                    .map(|_| ())
            })
        },
    )?;
    assert!(e.is_timeout(), "{e:?}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    Ok(())
}

#[test]
fn a_batch_import_element_without_end_stops_at_the_size_limit() -> TestResult {
    // `[` over and over: one element nested ever deeper, never complete.
    let (e, _) = bodies_test(
        Framing::Endless,
        b"[",
        Duration::from_secs(60),
        1 << 20,
        |client| {
            Box::pin(async move {
                client
                    .batch_import(2, &[json!({})], |_| {})
                    .await
                    .map(|_| ())
            })
        },
    )?;
    assert!(matches!(e, Error::TooLarge { limit: 1048576, .. }), "{e:?}");
    Ok(())
}
