//! The client against the real ArchivesSpace backend.
//!
//! Set `ASPACE_TEST_URL` to a backend's URL (`.ci/run` boots
//! `../shared/realaspace` and does); without it every test here says it
//! skipped and passes, unless `ASPACE_TEST_REQUIRED=1`, when it fails. The
//! tests make their own data through the generated typed requests, each in
//! a repository of its own, so they run side by side and on a backend that
//! already holds records. See `support.rs` for the other settings.
//!
//! One test binary, for the same reason as `tests/fake_server.rs`.

#[path = "real_backend/auth.rs"]
mod auth;
#[path = "real_backend/batches.rs"]
mod batches;
#[path = "real_backend/blocking.rs"]
mod blocking;
#[path = "real_backend/errors.rs"]
mod errors;
#[path = "real_backend/exports.rs"]
mod exports;
#[path = "real_backend/jobs.rs"]
mod jobs;
#[path = "real_backend/listings.rs"]
mod listings;
#[path = "real_backend/records.rs"]
mod records;
#[path = "real_backend/routes.rs"]
mod routes;
#[path = "scenarios/mod.rs"]
mod scenarios;
#[path = "real_backend/schemas.rs"]
mod schemas;
#[path = "real_backend/sessions.rs"]
mod sessions;
#[path = "real_backend/support.rs"]
mod support;
#[path = "real_backend/sync.rs"]
mod sync;
#[path = "real_backend/tls.rs"]
mod tls;
#[path = "tls/front.rs"]
mod tls_front;
#[path = "real_backend/trees.rs"]
mod trees;
#[path = "real_backend/validation.rs"]
mod validation;

use archivesspace::requests::{archival_objects, resources};
use archivesspace::{ArchivalObject, Resource};
use serde_json::json;

use support::{new_repository, TestResult};

/// A resource with archival objects, made through the typed requests, for
/// the scenarios to read, change and delete.
#[tokio::test]
async fn scenarios_answer_as_the_fake_does() -> TestResult {
    let (backend, _database) = backend!("scenarios_answer_as_the_fake_does");
    let client = backend.client()?;
    let repo = new_repository(&client, "scn").await?;
    let resource: Resource = serde_json::from_value(support::resource_json("Scenarios"))?;
    let resource = client
        .send(&resources::Create::new(repo, resource))
        .await?
        .id;
    let mut ids = Vec::new();
    for title in ["First", "Second", "Third"] {
        let record: ArchivalObject = serde_json::from_value(json!({
            "title": title, "level": "file",
            "resource": {"ref": format!("/repositories/{repo}/resources/{resource}")}
        }))?;
        ids.push(
            client
                .send(&archival_objects::Create::new(repo, record))
                .await?
                .id,
        );
    }
    client.login().await?;
    let session = client.session_token().ok_or("no session after login")?;
    let context = scenarios::Context {
        base_url: backend.url.clone(),
        username: backend.username.clone(),
        password: backend.password.clone(),
        repo,
        ao: ids[0],
        spare: ids[1],
        count: ids.len(),
        session: session.expose().to_owned(),
    };
    let failures = scenarios::run(scenarios::Server::Real, &context).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}
