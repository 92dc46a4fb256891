//! Exports on the real backend here, which has no Nokogiri and so cannot
//! make them: the 500 it answers comes back as `Error::Server` with the
//! backend's message, and nothing is written.

use archivesspace::requests::{resource_descriptions, resources};
use archivesspace::{Error, Resource};

use crate::support::{new_repository, resource_json, TestResult};

#[tokio::test]
async fn an_export_the_backend_cannot_make_is_a_server_error() -> TestResult {
    let (backend, _database) =
        crate::backend!("an_export_the_backend_cannot_make_is_a_server_error");
    let client = backend.client()?;
    let repo = new_repository(&client, "export").await?;
    let resource: Resource = serde_json::from_value(resource_json("Export"))?;
    let id = client
        .send(&resources::Create::new(repo, resource))
        .await?
        .id;
    let mut written: Vec<u8> = Vec::new();
    match client
        .export(&resource_descriptions::Xml::new(repo, id), &mut written)
        .await
    {
        Err(Error::Server {
            status, message, ..
        }) => {
            assert_eq!(status, 500);
            assert!(!message.trim().is_empty(), "the backend's message is kept");
        }
        other => panic!("an export without Nokogiri answered {other:?}"),
    }
    assert!(written.is_empty(), "nothing of a failed export is written");
    Ok(())
}
