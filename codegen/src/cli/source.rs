//! `import` and `drift`: ArchivesSpace's schemas, from a source tree (with
//! plugins) or a live backend, into a snapshot or against one.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::{server, CliError, Defaults, Format, Status};
use crate::drift;
use crate::read::import::{self, Imported, SourceImport};
use crate::snapshot::Snapshot;

/// Where ArchivesSpace's schemas come from.
#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// An ArchivesSpace source tree or unpacked release (the folder holding
    /// `common/schemas`; its `backend/app/controllers` give the routes).
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "server",
        conflicts_with = "server"
    )]
    pub aspace_src: Option<PathBuf>,
    /// A running ArchivesSpace backend, e.g. http://localhost:8089; the
    /// login comes from ASPACE_USERNAME and ASPACE_PASSWORD.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// A plugin folder (holding `schemas/`, and `backend/controllers` for
    /// routes); repeat for several, in load order.
    #[arg(long = "plugin", value_name = "DIR", conflicts_with = "server")]
    pub plugins: Vec<PathBuf>,
    /// The release to record (default: from the source folder's name, such
    /// as `v4.2.1`, or what the server says it runs).
    #[arg(long, value_name = "VERSION")]
    pub release: Option<String>,
}

/// `import`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// Where the schemas come from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// The snapshot folder to write (default `schemas/`). A server import
    /// keeps the routes of the snapshot already there, since a backend does
    /// not serve its route declarations.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `drift`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct DriftArgs {
    /// Where the current schemas come from.
    #[command(flatten)]
    pub source: SourceArgs,
    /// The snapshot to compare against (default `schemas/`).
    #[arg(long, value_name = "DIR")]
    pub snapshot: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Count description-only changes as drift too.
    #[arg(long)]
    pub strict: bool,
}

/// Imports from the source the arguments name.
pub fn load(source: &SourceArgs) -> Result<Imported, CliError> {
    match (&source.aspace_src, &source.server) {
        (Some(src), _) => Ok(import::import_source(&SourceImport {
            aspace_src: src.clone(),
            plugins: source.plugins.clone(),
            release: source.release.clone(),
        })?),
        (None, Some(url)) => {
            let fetched = server::fetch_schemas(url)?;
            let release = source.release.clone().unwrap_or(fetched.release);
            Ok(import::import_server_schemas(&fetched.body, &release)?)
        }
        (None, None) => Err(CliError::Usage(
            "give --aspace-src DIR or --server URL".into(),
        )),
    }
}

/// `import`: writes the snapshot, printing the import's warnings and a
/// summary on standard error.
pub fn run_import(args: &ImportArgs, defaults: &Defaults) -> Result<Status, CliError> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| defaults.snapshot.clone());
    let mut imported = load(&args.source)?;
    if imported.snapshot.endpoints.is_none() {
        keep_routes(&mut imported, &out);
    }
    for warning in &imported.warnings {
        eprintln!("warning: {warning}");
    }
    imported.snapshot.write(&out)?;
    let source = &imported.snapshot.source;
    eprintln!(
        "imported {} schemas of ArchivesSpace {} into {}",
        imported.snapshot.schemas.len(),
        source.archivesspace_version,
        out.display()
    );
    Ok(Status::Yes)
}

/// A backend serves its schemas but not its route declarations, so an
/// import from a server keeps the routes of the snapshot it replaces (and
/// says so, louder when that snapshot is of another release).
fn keep_routes(imported: &mut Imported, out: &Path) {
    let Ok(previous) = Snapshot::read(out) else {
        imported.warnings.push(format!(
            "the server does not list its routes and {} holds no snapshot to keep them from: \
             the bindings will have no requests; import from the release's sources \
             (--aspace-src) to get them",
            out.display()
        ));
        return;
    };
    let Some(endpoints) = previous.endpoints else {
        return;
    };
    let count = endpoints.len();
    let kept = &previous.source.archivesspace_version;
    let serving = &imported.snapshot.source.archivesspace_version;
    imported.warnings.push(if kept == serving {
        format!(
            "the server does not list its routes: kept the {count} routes of {kept} already in {}",
            out.display()
        )
    } else {
        format!(
            "the server does not list its routes: kept the {count} routes of {kept} already in {}, \
             but the server runs {serving}; import its sources (--aspace-src) for its own",
            out.display()
        )
    });
    imported.snapshot.source.endpoints_digest = previous.source.endpoints_digest;
    imported.snapshot.endpoints = Some(endpoints);
}

/// `drift`: prints what changed between the snapshot and the source.
pub fn run_drift(args: &DriftArgs, defaults: &Defaults) -> Result<Status, CliError> {
    let snapshot_dir = args
        .snapshot
        .clone()
        .unwrap_or_else(|| defaults.snapshot.clone());
    let committed = Snapshot::read(&snapshot_dir)?;
    let current = load(&args.source)?.snapshot;
    let before = committed.model().map_err(|source| CliError::Model {
        snapshot: snapshot_dir.display().to_string(),
        source,
    })?;
    let after = current.model().map_err(|source| CliError::Model {
        snapshot: "the imported schemas".into(),
        source,
    })?;
    let report = drift::compare(&before, &after);
    let text = match args.format {
        Format::Text => drift::render_text(&report, args.strict),
        Format::Json => crate::snapshot::to_pretty_json(&report),
    };
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(CliError::Output)?;
    Ok(if report.has_drift(args.strict) {
        Status::No
    } else {
        Status::Yes
    })
}
