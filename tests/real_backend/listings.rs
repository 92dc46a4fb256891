//! Whole listings over a few thousand archival objects: every record exactly
//! once, whatever the page size, by pages or by ids.

use std::collections::BTreeSet;

use archivesspace::request::PaginatedRequest;
use archivesspace::requests::archival_objects;
use archivesspace::{ArchivalObject, Client, Error, ImportEvent, Paging};
use futures::TryStreamExt;
use serde_json::json;

use crate::support::{id_of, new_repository, resource_json, TestResult};

/// How many archival objects the pages of one record go over.
const SMALL: usize = 120;

/// A new repository with one resource and `count` archival objects, made in
/// one batch import; answers the repository and the archival objects' ids,
/// ascending.
async fn import_archival_objects(
    client: &Client,
    count: usize,
) -> Result<(i64, Vec<i64>), Box<dyn std::error::Error + Send + Sync>> {
    let repo = new_repository(client, "list").await?;
    let r = format!("/repositories/{repo}");
    let mut resource = resource_json("Listing");
    resource["jsonmodel_type"] = json!("resource");
    resource["uri"] = json!(format!("{r}/resources/import_1"));
    let mut batch = vec![resource];
    for i in 0..count {
        batch.push(json!({
            "jsonmodel_type": "archival_object",
            "uri": format!("{r}/archival_objects/import_a{i:x}"),
            "title": format!("Item {i}"), "level": "item",
            "resource": {"ref": format!("{r}/resources/import_1")}
        }));
    }
    let mut progress = 0;
    let imported = client
        .batch_import(repo, &batch, |event| {
            if let ImportEvent::Progress { .. } = event {
                progress += 1;
            }
        })
        .await?;
    // The server reports progress once a second while it imports.
    assert!(progress > 0, "no progress reported");
    let saved: Vec<String> = imported.saved.values().map(|s| s.uri.clone()).collect();
    assert_eq!(
        saved.len(),
        count + 1,
        "the resource and every archival object saved"
    );
    let mut ids: Vec<i64> = saved
        .iter()
        .filter(|uri| uri.contains("/archival_objects/"))
        .filter_map(|uri| id_of(uri))
        .collect();
    ids.sort_unstable();
    Ok((repo, ids))
}

fn ids(records: &[ArchivalObject]) -> Vec<i64> {
    records
        .iter()
        .filter_map(|r| r.uri.as_deref().and_then(id_of))
        .collect()
}

#[tokio::test]
async fn listings_yield_every_record_exactly_once() -> TestResult {
    let (backend, database) =
        crate::backend!("listings_yield_every_record_exactly_once", exclusive);
    let client = backend.client()?;

    let (repo, saved) = import_archival_objects(&client, backend.records).await?;
    // Pages of one record cost a request each, and on this backend each
    // request counts the whole listing: they page over a smaller repository.
    let (small_repo, small_saved) = import_archival_objects(&client, SMALL).await?;
    drop(database);
    let _database = crate::support::shared().await;

    let listing = archival_objects::List::new(repo);
    let mut all: Vec<i64> = client.send(&listing.all_ids()).await?;
    all.sort_unstable();
    assert_eq!(all.len(), backend.records);
    assert_eq!(all, saved, "all_ids lists what the import saved");

    let small: Vec<ArchivalObject> = client
        .paginate_with(
            archival_objects::List::new(small_repo),
            Paging::new().with_page_size(1),
        )
        .try_collect()
        .await?;
    assert_eq!(
        ids(&small),
        small_saved,
        "pages of 1: every record once, in id order"
    );

    for page_size in [37, 250, 300] {
        let records: Vec<ArchivalObject> = client
            .paginate_with(listing.clone(), Paging::new().with_page_size(page_size))
            .try_collect()
            .await?;
        assert_eq!(
            ids(&records),
            all,
            "pages of {page_size}: every record once, in id order"
        );
    }

    // A page of 300 asked for directly comes back as a page of 250.
    let mut big = listing.clone();
    big.page_size = Some(300);
    let page = client.send(&big).await?;
    assert_eq!(page.results.len(), 250.min(backend.records));
    assert_eq!(page.last_page, (backend.records as u64).div_ceil(250));

    // By ids: all_ids, then id_set chunks (of at most 250 ids, the most
    // ArchivesSpace takes), several at once.
    for paging in [
        Paging::new(),
        Paging::new().with_page_size(100).with_concurrency(3),
    ] {
        let records: Vec<ArchivalObject> = client
            .harvest_with(listing.clone(), paging)
            .try_collect()
            .await?;
        let harvested = ids(&records);
        assert_eq!(harvested, all, "harvest with {paging:?}");
        let unique_ids: BTreeSet<i64> = harvested.iter().copied().collect();
        assert_eq!(unique_ids.len(), harvested.len());
    }

    // An id_set of more than 250 ids is refused by the server, with a 500.
    if all.len() > 250 {
        match client.send(&listing.by_ids(&all[..251])).await {
            Err(Error::Server {
                status: 500,
                message,
                ..
            }) => assert!(
                message.starts_with("ID set cannot contain more than 250"),
                "{message}"
            ),
            other => panic!("an id_set of 251 answered {other:?}"),
        }
    }
    Ok(())
}
