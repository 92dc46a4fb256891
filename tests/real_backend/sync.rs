//! Incremental sync on the real backend: after a full harvest, a sync from
//! its point brings exactly the records changed and deleted since.

use std::collections::BTreeSet;
use std::time::Duration;

use archivesspace::requests::archival_objects;
use archivesspace::{ArchivalObject, Change, Paging};
use futures::TryStreamExt;
use serde_json::json;

use crate::support::{id_of, new_repository, resource_json, TestResult};

#[tokio::test]
async fn a_sync_brings_what_changed_since_its_point() -> TestResult {
    let (backend, _database) =
        crate::backend!("a_sync_brings_what_changed_since_its_point", exclusive);
    let client = backend.client()?;
    let repo = new_repository(&client, "sync").await?;
    let r = format!("/repositories/{repo}");
    let mut resource = resource_json("Sync");
    resource["jsonmodel_type"] = json!("resource");
    resource["uri"] = json!(format!("{r}/resources/import_0"));
    let mut batch = vec![resource];
    for i in 1..=40u32 {
        batch.push(json!({"jsonmodel_type": "archival_object",
            "uri": format!("{r}/archival_objects/import_{i:x}"),
            "title": format!("Item {i}"), "level": "item",
            "resource": {"ref": format!("{r}/resources/import_0")}}));
    }
    client.batch_import(repo, &batch, |_| {}).await?;
    // `system_mtime` has a resolution of seconds and a sync point is a
    // second early: begin two seconds after the import, so that the point
    // is past the imported records.
    tokio::time::sleep(Duration::from_millis(2100)).await;

    let listing = archival_objects::List::new(repo);
    let full = client.changes(listing.clone(), None, Paging::new()).await?;
    let first: Vec<Change<ArchivalObject>> = full.changes.try_collect().await?;
    assert_eq!(first.len(), 40);
    let point = full.next;
    // The point survives being saved as JSON.
    let point: archivesspace::SyncPoint = serde_json::from_str(&serde_json::to_string(&point)?)?;

    // And change things in a later second than the point's.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let ids: Vec<i64> = first
        .iter()
        .filter_map(|c| match c {
            Change::Modified(ao) => ao.uri.as_deref().and_then(id_of),
            Change::Deleted(_) => None,
        })
        .collect();
    let (changed, deleted) = (ids[3], ids[7]);
    client
        .update_with(
            format!("{r}/archival_objects/{changed}"),
            |ao: &mut ArchivalObject| ao.title = Some("Changed".into()),
        )
        .await?;
    client
        .send(&archival_objects::Delete::new(repo, deleted))
        .await?;

    let sync = client.changes(listing, Some(point), Paging::new()).await?;
    let second: Vec<Change<ArchivalObject>> = sync.changes.try_collect().await?;
    let modified: BTreeSet<i64> = second
        .iter()
        .filter_map(|c| match c {
            Change::Modified(ao) => ao.uri.as_deref().and_then(id_of),
            Change::Deleted(_) => None,
        })
        .collect();
    let gone: Vec<&str> = second
        .iter()
        .filter_map(|c| match c {
            Change::Deleted(uri) => Some(uri.as_str()),
            Change::Modified(_) => None,
        })
        .collect();
    assert_eq!(modified, BTreeSet::from([changed]), "{second:?}");
    assert_eq!(gone, [format!("{r}/archival_objects/{deleted}")]);
    assert!(sync.next.modified_since >= point.modified_since);
    Ok(())
}
