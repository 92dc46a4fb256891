//! The records the real-backend benchmarks harvest: a repository of their
//! own holding one resource and its archival objects, loaded in one batch
//! import.

use anyhow::{Context, Result};
use archivesspace::Client;
use serde_json::json;

/// Makes repository `code` (named `name`) holding a resource titled
/// `title` with `records` archival objects under it; answers its id.
pub async fn repository_with_items(
    client: &Client,
    code: &str,
    name: &str,
    title: &str,
    records: usize,
) -> Result<i64> {
    let repo: archivesspace::Modified = client
        .post_json("/repositories", &json!({"repo_code": code, "name": name}))
        .await
        .context("making the benchmark's repository")?;
    let r = format!("/repositories/{}", repo.id);
    // What ArchivesSpace requires of a resource: an identifier, a level, a
    // date, an extent and languages.
    let mut batch = vec![json!({"jsonmodel_type": "resource",
        "uri": format!("{r}/resources/import_0"), "title": title,
        "id_0": code, "level": "collection",
        "dates": [{"date_type": "single", "label": "creation", "expression": "2001"}],
        "extents": [{"portion": "whole", "number": "1", "extent_type": "linear_feet"}],
        "finding_aid_language": "eng", "finding_aid_script": "Latn",
        "lang_materials": [{"language_and_script": {"language": "eng", "script": "Latn"}}]})];
    for i in 1..=records {
        batch.push(json!({"jsonmodel_type": "archival_object",
            "uri": format!("{r}/archival_objects/import_{i:x}"),
            "title": format!("Item {i}"), "level": "item",
            "resource": {"ref": format!("{r}/resources/import_0")}}));
    }
    client
        .batch_import(repo.id, &batch, |_| {})
        .await
        .context("loading the benchmark's records")?;
    Ok(repo.id)
}
