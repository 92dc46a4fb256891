//! Batch imports through `Client::batch_import`: the answer read as the
//! server writes it, temporary URIs mapped, a failed import an error.
//! (Temporary URIs end in `import_` and hex digits, as ArchivesSpace's
//! batch importer requires.)

use archivesspace::requests::archival_objects;
use archivesspace::{ArchivalObject, Error, ImportEvent};
use serde_json::json;

use crate::support::{new_repository, resource_json, TestResult};

#[tokio::test]
async fn batch_imports_map_uris_and_report_failures() -> TestResult {
    let (backend, _database) =
        crate::backend!("batch_imports_map_uris_and_report_failures", exclusive);
    let client = backend.client()?;
    let repo = new_repository(&client, "batch").await?;
    let r = format!("/repositories/{repo}");
    let mut resource = resource_json("Batch");
    resource["jsonmodel_type"] = json!("resource");
    resource["uri"] = json!(format!("{r}/resources/import_ff"));
    let file_in = |n: u32, resource: &str| {
        json!({"jsonmodel_type": "archival_object", "uri": format!("{r}/archival_objects/import_{n}"),
            "title": format!("File {n}"), "level": "file",
            "resource": {"ref": format!("{r}/resources/{resource}")}})
    };
    let file = |n: u32| file_in(n, "import_ff");

    let mut events = Vec::new();
    let imported = client
        .batch_import(repo, &[resource.clone(), file(1), file(2)], |e| {
            events.push(e.clone())
        })
        .await?;
    assert_eq!(imported.saved.len(), 3, "{imported:?}");
    let uri = imported
        .uri_of(&format!("{r}/archival_objects/import_2"))
        .ok_or("no URI for the second file")?;
    let saved = imported.saved[&format!("{r}/archival_objects/import_2")].id;
    assert_eq!(uri, format!("{r}/archival_objects/{saved}"));
    let record: ArchivalObject = client
        .send(&archival_objects::Get::new(repo, saved))
        .await?;
    assert_eq!(record.title.as_deref(), Some("File 2"));
    // The importer reports what it does as status updates.
    assert!(
        events.iter().any(|e| matches!(e, ImportEvent::Status(_))),
        "{events:?}"
    );

    // One record without its required level: a 200 whose results hold
    // the error, which must come back as an error.
    let mut invalid = file_in(4, "import_fe");
    invalid.as_object_mut().ok_or("an object")?.remove("level");
    let mut again = resource;
    again["uri"] = json!(format!("{r}/resources/import_fe"));
    again["id_0"] = json!(crate::support::unique("R"));
    match client
        .batch_import(repo, &[again, file_in(3, "import_fe"), invalid], |_| {})
        .await
    {
        Err(Error::BatchImport { errors, .. }) => {
            assert!(
                errors.iter().any(|e| e.contains("level")),
                "the error names the missing field: {errors:?}"
            );
        }
        other => panic!("a batch with an invalid record answered {other:?}"),
    }
    Ok(())
}
