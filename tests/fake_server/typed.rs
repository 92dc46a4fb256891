//! The client with the generated requests and records, against the fake.

use archivesspace::requests::archival_objects;
use archivesspace::{
    requests, ArchivalObject, ConflictKind, Error, Hit, IntegerOrString, Modified, Paging, Record,
    Ref, Search, SearchPage, Uri,
};
use archivesspace_fake::FakeConfig;
use futures::TryStreamExt;
use serde_json::{json, Value};

use super::{client_for, fake, TestResult};

/// The record's id, from its typed URI.
fn id_of(record: &ArchivalObject) -> Option<i64> {
    record.uri.as_deref()?.rsplit('/').next()?.parse().ok()
}

#[tokio::test]
async fn generated_get_decodes_a_typed_record() -> TestResult {
    let server = fake(FakeConfig::default().records(5)).await?;
    let client = client_for(&server)?;

    let record: ArchivalObject = client.send(&archival_objects::Get::new(2, 3)).await?;
    let served = server.record(3).ok_or("record 3")?;
    assert_eq!(record.title.as_deref(), served["title"].as_str());
    assert_eq!(record.level.as_deref(), served["level"].as_str());
    assert_eq!(record.lock_version, Some(IntegerOrString::Integer(0)));
    assert_eq!(id_of(&record), Some(3));
    let repository = record.repository.as_ref().ok_or("repository")?;
    assert_eq!(repository.ref_.as_str(), "/repositories/2");
    assert_eq!(repository.ref_.id(), Some(2));
    assert!(!record.dates.is_empty());
    // Lossless: encoding gives back what the server sent.
    assert_eq!(serde_json::to_value(&record)?, served);

    let missing = client.send(&archival_objects::Get::new(2, 999)).await.err();
    assert!(
        matches!(missing, Some(Error::NotFound { .. })),
        "{missing:?}"
    );
    Ok(())
}

#[tokio::test]
async fn generated_list_paginates_and_harvests_typed_records() -> TestResult {
    let server = fake(FakeConfig::default().records(613)).await?;
    let client = client_for(&server)?;

    for concurrency in [1, 4] {
        let paging = Paging::new()
            .with_page_size(100)
            .with_concurrency(concurrency);
        let records: Vec<ArchivalObject> = client
            .paginate_with(archival_objects::List::new(2), paging)
            .try_collect()
            .await?;
        let ids: Vec<i64> = records.iter().filter_map(id_of).collect();
        assert_eq!(ids, server.record_ids());
    }

    // Default paging: pages of 250.
    let records: Vec<ArchivalObject> = client
        .paginate(archival_objects::List::new(2))
        .try_collect()
        .await?;
    assert_eq!(records.len(), 613);

    // all_ids then id_set chunks, with the generated listing's encoding.
    server.set_error_rate(0.2, 503);
    let records: Vec<ArchivalObject> = client
        .harvest_with(
            archival_objects::List::new(2),
            Paging::new().with_page_size(50),
        )
        .try_collect()
        .await?;
    server.clear_faults();
    let ids: Vec<i64> = records.iter().filter_map(id_of).collect();
    assert_eq!(ids, server.record_ids(), "every record once, in id order");
    Ok(())
}

#[tokio::test]
async fn generated_create_update_and_their_errors() -> TestResult {
    let server = fake(FakeConfig::default().records(3)).await?;
    let client = client_for(&server)?;

    let new = ArchivalObject {
        title: Some("Letters from abroad".into()),
        level: Some("file".into()),
        resource: Some(Ref::new("/repositories/2/resources/1")),
        ..Default::default()
    };
    let created: Modified = client.send(&archival_objects::Create::new(2, new)).await?;
    assert_eq!(created.status, "Created");
    assert_eq!(created.lock_version, Some(0));
    let stored = server.record(created.id).ok_or("created record")?;
    assert_eq!(stored["title"], "Letters from abroad");
    assert_eq!(stored["jsonmodel_type"], "archival_object");

    // A typed update at the version read.
    let mut record = client
        .send(&archival_objects::Get::new(2, created.id))
        .await?;
    record.title = Some("Letters from abroad, 1920".into());
    let updated = client
        .send(&archival_objects::Update::new(
            2,
            created.id,
            record.clone(),
        ))
        .await?;
    assert_eq!(updated.lock_version, Some(1));

    // The same copy again: its lock_version is now stale.
    let e = client
        .send(&archival_objects::Update::new(
            2,
            created.id,
            record.clone(),
        ))
        .await
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
    assert!(e.as_ref().is_some_and(Error::is_stale));

    // No lock_version at all.
    record.lock_version = None;
    let e = client
        .send(&archival_objects::Update::new(2, created.id, record))
        .await
        .err();
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

    // No level: the schema's check fails, and only it is reported (the
    // record's own title-or-dates check waits for a valid schema, as on a
    // real backend).
    let mut fresh = client.send(&archival_objects::Get::new(2, 1)).await?;
    fresh.title = None;
    fresh.dates.clear();
    fresh.level = None;
    let e = client
        .send(&archival_objects::Update::new(2, 1, fresh))
        .await
        .err();
    match e {
        Some(Error::Validation { errors, .. }) => {
            let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
            assert_eq!(fields, ["level"]);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    // With a level, neither a title nor dates: both named.
    let mut fresh = client.send(&archival_objects::Get::new(2, 1)).await?;
    fresh.title = None;
    fresh.dates.clear();
    let e = client
        .send(&archival_objects::Update::new(2, 1, fresh))
        .await
        .err();
    match e {
        Some(Error::Validation { errors, .. }) => {
            let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
            assert_eq!(fields, ["dates", "title"]);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    // Nothing changed on the server.
    assert_eq!(
        server.record(1).ok_or("record 1")?["lock_version"],
        json!(0)
    );
    let _: Option<Value> = server.record(2);
    Ok(())
}

#[tokio::test]
async fn typed_update_with_is_lossless_and_handles_conflicts() -> TestResult {
    let server = fake(FakeConfig::default().records(3)).await?;
    let client = client_for(&server)?;

    // A record with members the generated type does not declare, an
    // explicit null and an empty list.
    let mut document = server.record(1).ok_or("record 1")?;
    let members = document.as_object_mut().ok_or("object")?;
    for key in [
        "uri",
        "lock_version",
        "create_time",
        "system_mtime",
        "user_mtime",
    ] {
        members.remove(key);
    }
    members.insert("x_local_field".into(), json!({"box": [1, null, "b"]}));
    members.insert("component_id".into(), Value::Null);
    members.insert("external_documents".into(), json!([]));
    let created: Modified = client
        .post_json("/repositories/2/archival_objects", &document)
        .await?;
    let uri =
        Uri::<ArchivalObject>::new(format!("/repositories/2/archival_objects/{}", created.id));
    let before = server.record(created.id).ok_or("created")?;

    let done = client
        .update_record(&uri, |record| {
            record.title = Some("Renamed".into());
        })
        .await?;
    assert_eq!(done.lock_version, Some(1));
    let mut after = server.record(created.id).ok_or("updated")?;
    assert_eq!(after["title"], "Renamed");
    assert_eq!(after["x_local_field"], json!({"box": [1, null, "b"]}));
    // Everything but the title and what the server stamps is as it was.
    let stamped = ["title", "lock_version", "system_mtime", "user_mtime"];
    let (mut expected, members) = (before, after.as_object_mut().ok_or("object")?);
    let expected_members = expected.as_object_mut().ok_or("object")?;
    for key in stamped {
        members.remove(key);
        expected_members.remove(key);
    }
    assert_eq!(after, expected);

    // Someone saves the record between our GET and POST: the conflict comes
    // back, typed as a stale lock_version.
    let e = client
        .update_with::<ArchivalObject, _>(uri.as_str(), |record| {
            server.touch_record(created.id);
            record.title = Some("Mine".into());
        })
        .await
        .err();
    assert!(matches!(&e, Some(e) if e.is_stale()), "{e:?}");

    // With attempts, the edit runs again on a fresh copy.
    let mut calls = 0;
    let done = client
        .update_with_attempts(&uri, 3, |record: &mut ArchivalObject| {
            calls += 1;
            if calls == 1 {
                server.touch_record(created.id);
            }
            record.title = Some("Mine at last".into());
        })
        .await?;
    assert_eq!(calls, 2);
    assert_eq!(done.status, "Updated");
    let after = server.record(created.id).ok_or("updated")?;
    assert_eq!(after["title"], "Mine at last");
    assert_eq!(after["x_local_field"], json!({"box": [1, null, "b"]}));
    Ok(())
}

#[tokio::test]
async fn search_decodes_hits_and_streams_every_page() -> TestResult {
    let server = fake(FakeConfig::default().records(120)).await?;
    let client = client_for(&server)?;
    let all: Vec<Value> = server
        .record_ids()
        .into_iter()
        .filter_map(|id| server.record(id))
        .collect();
    let files: Vec<&Value> = all.iter().filter(|r| r["level"] == "file").collect();
    assert!(!files.is_empty());

    // One page, typed by the default `Record`, with a facet and a filter.
    let search = Search::repository(2)
        .record_type("archival_object")
        .filter_term("level", "file")
        .facet("level")
        .page_size(7);
    let page: SearchPage<Record> = client.search(search.clone()).await?;
    assert_eq!(page.total_hits, files.len() as u64);
    assert_eq!(page.this_page, 1);
    assert_eq!(page.results.len(), files.len().min(7));
    assert_eq!(
        page.facet_counts("level"),
        [("file".to_owned(), files.len() as u64)]
    );
    for hit in &page.results {
        match &hit.record {
            Some(Record::ArchivalObject(record)) => {
                assert_eq!(record.level.as_deref(), Some("file"));
                assert_eq!(record.uri.as_deref(), Some(hit.uri.as_str()));
            }
            other => panic!("expected an archival object, got {other:?}"),
        }
    }

    // Every page as a stream, decoded into the requested type.
    let hits: Vec<Hit<ArchivalObject>> = client.search_all(search).try_collect().await?;
    let uris: Vec<&str> = hits.iter().map(|h| h.uri.as_str()).collect();
    let expected: Vec<&str> = files.iter().filter_map(|r| r["uri"].as_str()).collect();
    assert_eq!(uris, expected);
    let record = hits[0].record.as_ref().ok_or("a record")?;
    assert_eq!(serde_json::to_value(record)?, *files[0]);

    // The generated requests work as well, and `/search` too.
    let mut request = requests::search::Get::new();
    request.q = Some(all[0]["title"].as_str().ok_or("title")?.to_owned());
    let page: SearchPage<Value> = client.search(Search::new(request)).await?;
    assert!(page.results.iter().any(|h| h.uri == all[0]["uri"]));

    // A type with no records: an empty listing, and an empty stream.
    let none = Search::all().record_type("accession");
    let page: SearchPage<Record> = client.search(none.clone()).await?;
    assert_eq!((page.total_hits, page.last_page), (0, 0));
    let hits: Vec<Hit<Record>> = client.search_all(none).try_collect().await?;
    assert!(hits.is_empty());

    // Anonymous callers are refused, as by ArchivesSpace.
    let anonymous = archivesspace::Client::builder()
        .base_url(server.base_url())
        .build()?;
    let e = anonymous.search::<Record>(Search::all()).await.err();
    assert!(matches!(e, Some(Error::AccessDenied { .. })), "{e:?}");
    Ok(())
}
