//! The exact answers that made the client hang or grow without end before
//! it guarded against them; each must now end, with an error or with what
//! the listing really holds.

use std::time::Duration;

use archivesspace::requests::archival_objects;
use archivesspace::{Error, Tree};
use futures::StreamExt;
use serde_json::{json, Value};

use crate::server::{Answer, Server};
use crate::{client, runtime, within, TestResult, FIRST_CHILD, LIMIT};

fn walk(
    root: Value,
    waypoint: Value,
) -> Result<Vec<Result<String, Error>>, Box<dyn std::error::Error>> {
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    server.answer(move |_, target| {
        if target.ends_with("/tree/root") {
            Answer::json(200, root.to_string())
        } else {
            Answer::json(200, waypoint.to_string())
        }
    });
    let client = client(&server, Duration::from_secs(10), LIMIT)?;
    let walk = client
        .walk_tree(Tree::Resource { repo_id: 2, id: 7 }, 2)
        .map(|entry| entry.map(|e| e.node.uri))
        // Without the guard these walks never end; taken only so far, so
        // that the old behaviour fails the assertions rather than hangs.
        .take(10_000)
        .collect::<Vec<_>>();
    Ok(within(&rt, walk)?)
}

fn child(child_count: u64, waypoints: u64) -> Value {
    json!({"title": "Series 1", "uri": FIRST_CHILD, "position": 0, "parent_id": null,
           "jsonmodel_type": "archival_object", "child_count": child_count,
           "waypoints": waypoints, "waypoint_size": 200})
}

#[test]
fn a_record_listed_as_its_own_child_ends_the_walk() -> TestResult {
    // The waypoint of the record answers the record itself: walked
    // depth first, that was a walk ever deeper, one request a level.
    let root = json!({"uri": "/repositories/2/resources/7", "title": "Papers",
        "child_count": 1, "waypoints": 1, "waypoint_size": 200,
        "precomputed_waypoints": {"": {"0": [child(1, 1)]}}});
    let entries = walk(root, json!([child(1, 1)]))?;
    assert_eq!(entries.len(), 2, "{entries:?}");
    match &entries[1] {
        Err(e @ Error::Decode { .. }) => {
            assert!(e.to_string().contains("among its own descendants"), "{e}")
        }
        other => return Err(format!("{other:?}").into()),
    }
    Ok(())
}

#[test]
fn more_waypoints_than_children_is_an_error_not_a_walk_without_end() -> TestResult {
    // A huge `waypoints` had the walk fetch (and hold) waypoint after
    // waypoint before yielding anything.
    let root = json!({"uri": "/repositories/2/resources/7", "title": "Papers",
        "child_count": 1, "waypoints": 1_000_000_000_000u64, "waypoint_size": 200,
        "precomputed_waypoints": {"": {"0": [child(0, 0)]}}});
    let entries = walk(root, json!([child(0, 0)]))?;
    match entries.as_slice() {
        [Err(e @ Error::Decode { .. })] => {
            assert!(
                e.to_string()
                    .contains("1000000000000 waypoints for 1 children"),
                "{e}"
            )
        }
        other => return Err(format!("{other:?}").into()),
    }
    Ok(())
}

#[test]
fn an_empty_page_ends_a_listing_whatever_its_last_page() -> TestResult {
    // Every page answered empty with a `last_page` of a billion: the
    // stream asked page after page and yielded nothing, for ever.
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    server.answer(|_, target| {
        let first = target.contains("page=1&") || target.ends_with("page=1");
        let results = if first {
            json!([{"jsonmodel_type": "archival_object", "uri": "/repositories/2/archival_objects/1",
                    "lock_version": 0, "title": "Letters", "level": "file"}])
        } else {
            json!([])
        };
        Answer::json(
            200,
            json!({"first_page": 1, "last_page": 1_000_000_000u64, "this_page": 1,
                   "total": 1, "results": results})
            .to_string(),
        )
    });
    let client = client(&server, Duration::from_secs(10), LIMIT)?;
    let records = within(
        &rt,
        client
            .paginate(archival_objects::List::new(2))
            .collect::<Vec<_>>(),
    )?;
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(records[0].is_ok());
    // Page 1, then pages in flight until the empty one was seen.
    assert!(server.seen().len() < 20, "{} requests", server.seen().len());
    Ok(())
}

#[test]
fn a_delete_feed_that_answers_its_first_page_for_every_page_is_an_error() -> TestResult {
    // The real first page with a `last_page` of a trillion, answered for
    // every page asked: the sync asked on, gathering the same URIs, and
    // never returned.
    let rt = runtime();
    let server = rt.block_on(Server::start())?;
    let mut page: Value = serde_json::from_slice(&crate::delete_feed_page(1))?;
    page["last_page"] = json!(1_000_000_000_000u64);
    server.answer(move |_, _| Answer::json(200, page.to_string()));
    let client = client(&server, Duration::from_secs(10), LIMIT)?;
    let since = Some(archivesspace::SyncPoint {
        modified_since: 1_600_000_000,
    });
    let got = within(
        &rt,
        client.changes(archival_objects::List::new(2), since, Default::default()),
    )?;
    match got {
        Err(e @ Error::Decode { .. }) => assert!(
            e.to_string()
                .contains("page 2 was asked for, the answer is page 1"),
            "{e}"
        ),
        Err(other) => return Err(format!("{other:?}").into()),
        Ok(_) => return Err("a feed without end was Ok".into()),
    }
    assert_eq!(server.seen().len(), 2);
    Ok(())
}
