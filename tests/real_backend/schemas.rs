//! The bindings generated from a live backend's `GET /schemas` are the ones
//! generated from the same release's sources.

use std::path::{Path, PathBuf};

use archivesspace_codegen::drift::{compare, render_text, Change};
use archivesspace_codegen::emit::generate;
use archivesspace_codegen::read::import::{import_server_schemas, import_source, SourceImport};
use archivesspace_codegen::snapshot::Snapshot;
use serde_json::Value;

use crate::support::TestResult;

fn files(
    snapshot: &Snapshot,
) -> Result<Vec<(PathBuf, String)>, Box<dyn std::error::Error + Send + Sync>> {
    Ok(generate(snapshot)?
        .into_iter()
        .map(|file| {
            let text: Vec<&str> = file
                .contents
                .lines()
                .filter(|line| !line.starts_with("pub const SNAPSHOT_DIGEST"))
                .collect();
            (file.path, text.join("\n"))
        })
        .collect())
}

#[tokio::test]
async fn a_live_backends_schemas_generate_the_sources_crate() -> TestResult {
    let (backend, _database) =
        crate::backend!("a_live_backends_schemas_generate_the_sources_crate");
    let client = backend.client()?;
    let info: Value = client.get_json("/").await?;
    let release = info["archivesSpaceVersion"]
        .as_str()
        .ok_or("GET / names no release")?
        .to_owned();
    let tree = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/archivesspace")
        .join(&release);
    if !tree.join("common/schemas").is_dir() {
        eprintln!(
            "a_live_backends_schemas_generate_the_sources_crate: skipped: no sources of {release} in ../shared/archivesspace"
        );
        return Ok(());
    }
    let served: Value = client.get_json("/schemas").await?;
    let mut from_server = import_server_schemas(&served.to_string(), &release)?.snapshot;
    let from_source = import_source(&SourceImport {
        aspace_src: tree,
        ..Default::default()
    })?
    .snapshot;
    // The backend serves no route declarations; `import --server` keeps the
    // snapshot's.
    from_server.endpoints = from_source.endpoints.clone();

    let (ours, theirs) = (files(&from_source)?, files(&from_server)?);
    assert_eq!(ours.len(), theirs.len());
    for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
        // `defaults` gets its browse-column properties from Ruby code at
        // start-up: the sources record that code, the server answers what it
        // computed, so only the server's form has them as fields.
        if path.ends_with("records/defaults.rs") {
            continue;
        }
        // The same goes for the rules of `defaults` among the validation
        // rules; every other record type's must be the same.
        let (a, b) = if path.ends_with("src/validation.rs") {
            (without_defaults_rules(a), without_defaults_rules(b))
        } else {
            (a.clone(), b.clone())
        };
        assert!(
            a == b,
            "{} differs between the server's and the sources' form",
            path.display()
        );
    }
    let (source_model, server_model) = (from_source.model()?, from_server.model()?);
    let defaults = &source_model.types["defaults"];
    assert!(defaults.has_computed_properties());
    let served_defaults = &server_model.types["defaults"];
    for key in defaults.properties.keys() {
        assert!(
            served_defaults.properties.contains_key(key),
            "defaults.{key}"
        );
    }
    assert!(served_defaults
        .properties
        .contains_key("accession_browse_column_1"));
    // So `drift --server` finds no drift between a release and its own
    // running server: the computed columns are listed apart.
    let report = compare(&source_model, &server_model);
    assert!(!report.has_drift(true), "{}", render_text(&report, true));
    assert!(report.computed_changes.iter().all(|change| matches!(
        change,
        Change::PropertyAdded { record, .. } | Change::PropertyChanged { record, .. }
            if record == "defaults"
    )));
    assert!(!report.computed_changes.is_empty());
    Ok(())
}

/// The generated validation rules without those of `defaults`.
fn without_defaults_rules(text: &str) -> String {
    let Some(start) = text.find("const DEFAULTS: Schema") else {
        return text.to_owned();
    };
    let end = text[start..]
        .find("\n};\n")
        .map_or(text.len(), |end| start + end + 4);
    format!("{}{}", &text[..start], &text[end..])
}
