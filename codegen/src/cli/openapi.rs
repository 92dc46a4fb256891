//! `openapi`: the OpenAPI 3.1 document of a snapshot's release, written to
//! a file or standard output, or checked against a file; and xtask's
//! `openapi [--check]`, the same for the bundled document beside `schemas/`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, Status};
use crate::openapi;
use crate::snapshot::Snapshot;

/// `openapi`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct OpenApiArgs {
    /// The snapshot to describe (what `import` wrote, from a source tree).
    #[arg(long, value_name = "DIR")]
    pub snapshot: PathBuf,
    /// The file to write (default: standard output).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Do not write: exit 1 when `--out`'s file is not the document.
    #[arg(long, requires = "out")]
    pub check: bool,
}

/// xtask's `openapi` arguments: the bundled document, by default from the
/// workspace's `schemas/` into `openapi/archivesspace-<release>.json`.
#[derive(Debug, Clone, Args)]
pub struct BundledOpenApiArgs {
    /// Do not write: exit 1 when the file is not what the snapshot gives.
    #[arg(long)]
    pub check: bool,
    /// The snapshot (default `schemas/`).
    #[arg(long, value_name = "DIR")]
    pub snapshot: Option<PathBuf>,
    /// The file (default `openapi/archivesspace-<release>.json`).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The document's text for the snapshot in `dir`.
pub fn document_text(dir: &Path) -> Result<(Snapshot, String), CliError> {
    let snapshot = Snapshot::read(dir)?;
    let document = openapi::document(&snapshot)?;
    Ok((snapshot, openapi::to_text(&document)))
}

/// Runs `openapi`.
pub fn run_openapi(args: &OpenApiArgs) -> Result<Status, CliError> {
    let (_, text) = document_text(&args.snapshot)?;
    let command = format!(
        "archivesspace-codegen openapi --snapshot {} -o FILE",
        args.snapshot.display()
    );
    match &args.out {
        None => {
            io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .map_err(CliError::Output)?;
            Ok(Status::Yes)
        }
        Some(out) if args.check => check(out, &text, &command),
        Some(out) => write(out, &text),
    }
}

/// Runs xtask's `openapi [--check]`.
pub fn run_bundled(args: &BundledOpenApiArgs, workspace: &Path) -> Result<Status, CliError> {
    let snapshot_dir = args
        .snapshot
        .clone()
        .unwrap_or_else(|| crate::snapshot::default_dir(workspace));
    let (snapshot, text) = document_text(&snapshot_dir)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| bundled_path(workspace, &snapshot.source.archivesspace_version));
    if args.check {
        check(&out, &text, "cargo xtask openapi")
    } else {
        write(&out, &text)
    }
}

/// Where the workspace keeps the bundled release's document: beside
/// `schemas/` rather than in it, because `schemas/` is the snapshot whole
/// (an import replaces the folder, and the snapshot's digest covers every
/// `.json` file in it).
pub fn bundled_path(workspace: &Path, release: &str) -> PathBuf {
    workspace
        .join("openapi")
        .join(format!("archivesspace-{release}.json"))
}

fn write(out: &Path, text: &str) -> Result<Status, CliError> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|source| CliError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    fs::write(out, text).map_err(|source| CliError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    println!("wrote {}", out.display());
    Ok(Status::Yes)
}

fn check(out: &Path, text: &str, fix: &str) -> Result<Status, CliError> {
    let current = match fs::read_to_string(out) {
        Ok(current) => Some(current),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(CliError::Io {
                path: out.to_path_buf(),
                source,
            })
        }
    };
    let message = match current {
        Some(current) if current == text => {
            println!("{} is up to date", out.display());
            return Ok(Status::Yes);
        }
        Some(_) => format!("{} is stale; run `{fix}`", out.display()),
        None => format!("{} is missing; run `{fix}`", out.display()),
    };
    println!("{message}");
    Ok(Status::No)
}
