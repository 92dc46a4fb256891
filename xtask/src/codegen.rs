//! `cargo xtask codegen [--check]` and `cargo xtask roundtrip <PATH>...`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use archivesspace_codegen::emit;
use archivesspace_codegen::snapshot::Snapshot;
use clap::Args;

#[derive(Args)]
pub struct CodegenArgs {
    /// Do not write: exit 1 and list the files that are not what the
    /// snapshot generates.
    #[arg(long)]
    check: bool,
    /// The snapshot to generate from (default `schemas/`).
    #[arg(long, value_name = "DIR")]
    snapshot: Option<PathBuf>,
    /// The crate directory to write (default `generated/`).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Generates (or checks) the `archivesspace-api` crate.
pub fn run_codegen(args: CodegenArgs, root: &Path) -> Result<ExitCode> {
    let snapshot_dir = args.snapshot.unwrap_or_else(|| root.join("schemas"));
    let out = args.out.unwrap_or_else(|| root.join("generated"));
    let snapshot = Snapshot::read(&snapshot_dir)
        .with_context(|| format!("reading the snapshot in {}", snapshot_dir.display()))?;
    let files = emit::generate(&snapshot).context("generating the crate")?;
    if args.check {
        let stale = emit::check(&out, &files)?;
        if stale.is_empty() {
            println!("{} is up to date", out.display());
            return Ok(ExitCode::SUCCESS);
        }
        println!(
            "{} is not what {} generates; run `cargo xtask codegen`:",
            out.display(),
            snapshot_dir.display()
        );
        for path in stale {
            println!("  {}", path.display());
        }
        return Ok(ExitCode::from(1));
    }
    emit::write(&out, &files)?;
    println!("wrote {} files under {}", files.len(), out.display());
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct RoundtripArgs {
    /// JSON files, or folders searched for `.json` files: a record, an
    /// array of records, or a page (`{"results": [...]}`).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Checks that every record under `paths` round-trips through the generated
/// types; exit 1 if one does not. Plain xtask does not link the generated
/// crate, so this runs in one built with it.
#[cfg(not(feature = "types"))]
pub fn run_roundtrip(_args: RoundtripArgs, workspace: &Path) -> Result<ExitCode> {
    crate::rerun_with_feature(workspace, "types", false)
}

/// Checks that every record under `paths` round-trips through the generated
/// types; exit 1 if one does not.
#[cfg(feature = "types")]
pub fn run_roundtrip(args: RoundtripArgs, _workspace: &Path) -> Result<ExitCode> {
    use std::io::{self, Write};

    use archivesspace_codegen::roundtrip::{self, DecodeFailure};
    use serde_json::Value;

    // Decodes a record into the generated type its `jsonmodel_type` names
    // and encodes it again.
    let codec = |value: Value| -> Result<Value, DecodeFailure> {
        let record = archivesspace_api::decode_record(value).map_err(|e| DecodeFailure {
            path: e.path,
            message: e.message,
        })?;
        serde_json::to_value(&record).map_err(|e| DecodeFailure {
            path: ".".into(),
            message: format!("encoding failed: {e}"),
        })
    };

    let stdout = io::stdout();
    let mut out = stdout.lock();
    let summary = roundtrip::run(&args.paths, &codec, &mut out)?;
    out.flush()?;
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
