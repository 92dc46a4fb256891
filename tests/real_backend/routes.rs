//! Routes beyond create, read, update and delete, each answer decoded into
//! the type its generated request declares.

use archivesspace::requests::{
    archival_objects, find_by_id, jobs, jobs_with_files, merge_requests, resources, subjects,
    UploadFile,
};
use archivesspace::{ArchivalObject, Job, MergeRequest, Resource, Subject};
use serde_json::{json, Value};

use crate::support::{id_of, new_repository, resource_json, unique, TestResult};

#[tokio::test]
async fn trees_find_by_id_jobs_batches_and_merges_decode() -> TestResult {
    let (backend, _database) = crate::backend!("trees_find_by_id_jobs_batches_and_merges_decode");
    let client = backend.client()?;
    let repo = new_repository(&client, "rts").await?;
    let r = format!("/repositories/{repo}");

    let resource: Resource = serde_json::from_value(resource_json("Tree"))?;
    let resource_id = client
        .send(&resources::Create::new(repo, resource))
        .await?
        .id;
    let resource_ref = json!({"ref": format!("{r}/resources/{resource_id}")});
    let ref_id = unique("ref");
    let parent: ArchivalObject = serde_json::from_value(json!({
        "title": "Series", "level": "series", "ref_id": ref_id, "resource": resource_ref
    }))?;
    let parent_id = client
        .send(&archival_objects::Create::new(repo, parent))
        .await?
        .id;
    let child: ArchivalObject = serde_json::from_value(json!({
        "title": "File", "level": "file", "resource": resource_ref,
        "parent": {"ref": format!("{r}/archival_objects/{parent_id}")}
    }))?;
    let child_id = client
        .send(&archival_objects::Create::new(repo, child))
        .await?
        .id;

    // Trees.
    let root = client
        .send(&resources::tree::Root::new(repo, resource_id))
        .await?;
    assert_eq!(root.child_count, 1, "{root:?}");
    assert_eq!(root.waypoint_size, 200);
    assert_eq!(root.uri, format!("{r}/resources/{resource_id}"));
    let mut waypoint = resources::tree::Waypoint::new(repo, resource_id, 0);
    waypoint.parent_node = Some(format!("{r}/archival_objects/{parent_id}"));
    let children = client.send(&waypoint).await?;
    let uris: Vec<&str> = children.iter().map(|n| n.uri.as_str()).collect();
    assert_eq!(uris, [format!("{r}/archival_objects/{child_id}")]);
    let node = client
        .send(&resources::tree::Node::new(
            repo,
            resource_id,
            format!("{r}/archival_objects/{parent_id}"),
        ))
        .await?;
    assert_eq!(node.child_count, 1, "{node:?}");
    assert_eq!(node.position, Some(1));

    // find_by_id with resolve[].
    let mut find = find_by_id::archival_objects::List::new(repo);
    find.ref_id = vec![ref_id.clone()];
    find.resolve = vec!["archival_objects".into()];
    let found: Value = client.send(&find).await?;
    let hit = &found["archival_objects"][0];
    assert_eq!(hit["ref"], format!("{r}/archival_objects/{parent_id}"));
    let resolved: ArchivalObject = serde_json::from_value(hit["_resolved"].clone())?;
    assert_eq!(resolved.ref_id.as_deref(), Some(ref_id.as_str()));

    // A job with an uploaded file.
    let job: Job = serde_json::from_value(json!({
        "job_type": "import_job",
        "job": {"jsonmodel_type": "import_job", "import_type": "accession_csv",
            "filenames": ["accessions.csv"]}
    }))?;
    let csv = "accession_title,accession_number_1,accession_accession_date\n\
               Imported by a job,JOB1,2024-01-02\n";
    let upload = UploadFile {
        filename: "accessions.csv".into(),
        content_type: "text/csv".into(),
        contents: csv.as_bytes().to_vec(),
    };
    let submitted = client
        .send(&jobs_with_files::Create::new(repo, job, vec![upload]))
        .await?;
    assert_eq!(submitted.status, "Created");
    let stored: Job = client.send(&jobs::Get::new(repo, submitted.id)).await?;
    assert_eq!(stored.job_type.as_deref(), Some("import_job"));

    // A batch import (through the runtime, which reads the streamed answer).
    let batch = json!([{
        "jsonmodel_type": "archival_object", "uri": format!("{r}/archival_objects/import_b1"),
        "title": "Batch", "level": "file", "resource": resource_ref
    }]);
    let imported = client
        .batch_import(repo, batch.as_array().ok_or("a batch")?, |_| {})
        .await?;
    let saved: Vec<&str> = imported.saved.values().map(|s| s.uri.as_str()).collect();
    assert_eq!(saved.len(), 1);
    let id = id_of(saved[0]).ok_or("a saved URI")?;
    let imported: ArchivalObject = client.send(&archival_objects::Get::new(repo, id)).await?;
    assert_eq!(imported.title.as_deref(), Some("Batch"));

    // A merge of two subjects.
    let subject = |term: String| -> Result<Subject, serde_json::Error> {
        serde_json::from_value(json!({"terms": [{"term": term, "term_type": "topical",
            "vocabulary": "/vocabularies/1"}], "source": "local", "vocabulary": "/vocabularies/1"}))
    };
    let target = client
        .send(&subjects::Create::new(subject(unique("Keep "))?))
        .await?;
    let victim = client
        .send(&subjects::Create::new(subject(unique("Merge "))?))
        .await?;
    let merge: MergeRequest = serde_json::from_value(json!({
        "merge_destination": {"ref": format!("/subjects/{}", target.id)},
        "merge_candidates": [{"ref": format!("/subjects/{}", victim.id)}]
    }))?;
    let merged = client
        .send(&merge_requests::PostSubject::new(merge))
        .await?;
    assert_eq!(merged.status, "Merged", "{merged:?}");
    match client.send(&subjects::Get::new(victim.id)).await {
        Err(archivesspace::Error::NotFound { .. }) => {}
        other => panic!("the merged subject still answers {other:?}"),
    }
    Ok(())
}
