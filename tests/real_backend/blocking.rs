//! The blocking client against the real backend, from a plain `#[test]` as
//! a script's `main` would call it: a batch import, a harvest and a page
//! walk that see every record once, a sync, a lossless update and a
//! conflict.

use std::collections::BTreeSet;
use std::time::Duration;

use archivesspace::requests::{archival_objects, repositories, resources};
use archivesspace::{
    blocking, ArchivalObject, Change, ConflictKind, Error, Paging, Repository, Resource, Uri,
};
use serde_json::json;

use crate::support::{id_of, resource_json, unique, Backend, TestResult};

const RECORDS: usize = 60;

fn ids(records: &[ArchivalObject]) -> Vec<i64> {
    records
        .iter()
        .filter_map(|r| r.uri.as_deref().and_then(id_of))
        .collect()
}

#[test]
fn blocking_client_harvests_and_updates() -> TestResult {
    let Some(backend) = Backend::from_env("blocking_client_harvests_and_updates")? else {
        return Ok(());
    };
    // Alongside the other tests, as `backend!` does for async ones.
    let _database = tokio::runtime::Builder::new_current_thread()
        .build()?
        .block_on(crate::support::shared());
    let client = blocking::Client::new(backend.client()?)?;

    let code = unique("blk");
    let repo = client
        .send(&repositories::Create::new(Repository {
            repo_code: Some(code.clone()),
            name: Some(format!("archivesspace-rs test {code}")),
            ..Default::default()
        }))?
        .id;
    let resource: Resource = serde_json::from_value(resource_json("Blocking"))?;
    let resource = client.send(&resources::Create::new(repo, resource))?.id;
    let batch: Vec<_> = (0..RECORDS)
        .map(|i| {
            json!({
                "jsonmodel_type": "archival_object",
                "uri": format!("/repositories/{repo}/archival_objects/import_{i}"),
                "title": format!("Item {i}"), "level": "item",
                "resource": {"ref": format!("/repositories/{repo}/resources/{resource}")}
            })
        })
        .collect();
    let imported = client.batch_import(repo, &batch, |_| {})?;
    let mut saved: Vec<i64> = imported
        .saved
        .values()
        .filter_map(|s| id_of(&s.uri))
        .collect();
    saved.sort_unstable();
    assert_eq!(saved.len(), RECORDS);

    // A full sync, which is where syncing starts. `system_mtime` has a
    // resolution of seconds and a sync point is a second early: it begins
    // two seconds after the import, and the changes come two seconds later,
    // so that the point falls between them.
    std::thread::sleep(Duration::from_millis(2100));
    let full = client.changes(archival_objects::List::new(repo), None, Paging::new())?;
    let point = full.next;
    let first = full
        .changes
        .collect::<Result<Vec<Change<ArchivalObject>>, Error>>()?;
    assert_eq!(first.len(), RECORDS);
    std::thread::sleep(Duration::from_millis(2100));

    // By ids, in chunks smaller than the listing, several at once.
    let harvested = client
        .harvest_with(
            archival_objects::List::new(repo),
            Paging::new().with_page_size(7).with_concurrency(3),
        )
        .collect::<Result<Vec<ArchivalObject>, Error>>()?;
    assert_eq!(ids(&harvested), saved, "every record once, in id order");
    let unique_ids: BTreeSet<i64> = ids(&harvested).into_iter().collect();
    assert_eq!(unique_ids.len(), RECORDS);

    // Page by page, and a walk stopped after the first page.
    let paged = client
        .paginate_with(
            archival_objects::List::new(repo),
            Paging::new().with_page_size(25),
        )
        .collect::<Result<Vec<ArchivalObject>, Error>>()?;
    assert_eq!(ids(&paged), saved);
    let first = client
        .paginate_with(
            archival_objects::List::new(repo),
            Paging::new().with_page_size(25),
        )
        .take(3)
        .collect::<Result<Vec<ArchivalObject>, Error>>()?;
    assert_eq!(ids(&first), saved[..3]);

    // A lossless update: the title changes, nothing else the client sent.
    let id = saved[0];
    let uri = Uri::<ArchivalObject>::new(format!("/repositories/{repo}/archival_objects/{id}"));
    let before = client.send(&archival_objects::Get::new(repo, id))?;
    let done = client.update_record(&uri, |record| {
        record.title = Some("Renamed by the blocking client".into());
    })?;
    assert_eq!(done.id, id);
    let after = client.send(&archival_objects::Get::new(repo, id))?;
    assert_eq!(
        after.title.as_deref(),
        Some("Renamed by the blocking client")
    );
    assert_eq!(after.ref_id, before.ref_id);
    assert_eq!(after.component_id, before.component_id);

    // Another client saves the record between this one's GET and POST.
    let other = blocking::Client::new(backend.client()?)?;
    let e = client
        .update_record(&uri, |record| {
            let saved_meanwhile = other.update_record(&uri, |r| r.title = Some("Theirs".into()));
            assert!(saved_meanwhile.is_ok(), "{saved_meanwhile:?}");
            record.title = Some("Mine".into());
        })
        .err();
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
    let now = client.send(&archival_objects::Get::new(repo, id))?;
    assert_eq!(now.title.as_deref(), Some("Theirs"));

    // What changed since the full sync: that record, and one deleted.
    let deleted = saved[1];
    client.send(&archival_objects::Delete::new(repo, deleted))?;
    let sync = client.changes(
        archival_objects::List::new(repo),
        Some(point),
        Paging::new(),
    )?;
    let (mut modified, mut gone) = (Vec::new(), Vec::new());
    for change in sync.changes {
        match change? {
            Change::Modified(record) => modified.extend(record.uri.as_deref().and_then(id_of)),
            Change::Deleted(uri) => gone.push(uri),
        }
    }
    assert_eq!(modified, [id]);
    assert_eq!(
        gone,
        [format!("/repositories/{repo}/archival_objects/{deleted}")]
    );
    assert!(sync.next.modified_since > point.modified_since);
    Ok(())
}
