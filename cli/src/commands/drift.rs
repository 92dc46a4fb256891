//! `aspace drift --server URL`: the server's `GET /schemas` against a
//! snapshot of schemas (by default the one the tool was built from, which
//! it carries: `src/bundled_snapshot.json`, written by codegen), compared
//! as `archivesspace-codegen drift` compares them. Exit 1 when they differ.

use std::path::{Path, PathBuf};

use archivesspace::request::Method;
use archivesspace::{Client, RawRequest};
use archivesspace_codegen::drift;
use archivesspace_codegen::read::import::import_server_schemas;
use archivesspace_codegen::snapshot::{to_pretty_json, Snapshot};
use clap::{Args, ValueEnum};
use serde_json::Value;

use crate::error::{Failure, Outcome};

/// The snapshot of the release this tool was built for, as codegen wrote
/// it beside the route subcommands.
const BUNDLED_SNAPSHOT: &str = include_str!("../bundled_snapshot.json");

/// The bundle's name in errors.
const BUNDLE_NAME: &str = "bundled_snapshot.json";

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DriftFormat {
    /// One line a change.
    Text,
    /// The report as JSON.
    Json,
}

/// `drift`'s arguments.
#[derive(Debug, Args)]
pub struct DriftArgs {
    /// The backend to compare [default: the connection's base URL]; the
    /// login is the tool's (--user, ASPACE_*, the config file).
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// A snapshot folder (what `archivesspace-codegen import` wrote for a
    /// site) [default: the release this tool was built for, which it
    /// carries].
    #[arg(long, value_name = "DIR")]
    pub snapshot: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DriftFormat::Text)]
    pub format: DriftFormat,
    /// Count description-only changes as drift too.
    #[arg(long)]
    pub strict: bool,
}

/// Fetches the server's schemas and prints what differs.
pub async fn run(client: &Client, args: &DriftArgs) -> Outcome {
    let (committed, snapshot_name) = match &args.snapshot {
        Some(dir) => (
            Snapshot::read(dir).map_err(|e| {
                Failure::usage(format!("{}: cannot read the snapshot ({e})", dir.display()))
            })?,
            dir.display().to_string(),
        ),
        None => {
            let snapshot = Snapshot::from_bundle(Path::new(BUNDLE_NAME), BUNDLED_SNAPSHOT)
                .map_err(|e| Failure::failed(format!("the bundled snapshot: {e}")))?;
            let name = format!(
                "the bundled {} snapshot",
                snapshot.source.archivesspace_version
            );
            (snapshot, name)
        }
    };
    let info = client.send_raw(&RawRequest::new(Method::Get, "/")).await?;
    let release = serde_json::from_slice::<Value>(&info)
        .ok()
        .and_then(|v| v.get("archivesSpaceVersion")?.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned());
    let body = client
        .send_raw(&RawRequest::new(Method::Get, "/schemas"))
        .await?;
    let body = String::from_utf8(body.to_vec())
        .map_err(|e| Failure::failed(format!("GET /schemas: the answer is not UTF-8: {e}")))?;
    let current = import_server_schemas(&body, &release)
        .map_err(|e| Failure::failed(format!("GET /schemas: {e}")))?
        .snapshot;
    let before = committed
        .model()
        .map_err(|e| Failure::failed(format!("{snapshot_name}: {e}")))?;
    let after = current
        .model()
        .map_err(|e| Failure::failed(format!("the schemas of {}: {e}", client.base_url())))?;
    let report = drift::compare(&before, &after);
    match args.format {
        DriftFormat::Text => print!("{}", drift::render_text(&report, args.strict)),
        DriftFormat::Json => print!("{}", to_pretty_json(&report)),
    }
    if report.has_drift(args.strict) {
        Err(Failure::failed(format!(
            "the schemas of {} (ArchivesSpace {release}) differ from {}",
            client.base_url(),
            snapshot_name
        )))
    } else {
        Ok(())
    }
}
