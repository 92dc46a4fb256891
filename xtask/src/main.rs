//! Project tasks: `cargo xtask <command>`.
//!
//! - `import`, `drift`, `roundtrip`, `validate`: the `archivesspace-codegen`
//!   binary's commands (`archivesspace_codegen::cli`), with this workspace's
//!   `schemas/` as the default snapshot and, for `roundtrip` and `validate`,
//!   the bundled `generated/` crate linked in unless `--crate DIR` names
//!   another.
//! - `codegen [--check]`: generate the bundled `archivesspace-api` crate
//!   (`generated/`: Cargo.toml, README.md, src/) from `schemas/`, as
//!   `archivesspace-codegen generate --name archivesspace-api` does, or check
//!   that it is up to date.
//! - `openapi [--check]`: write the OpenAPI 3.1 document of the snapshot's
//!   release beside it (`openapi/archivesspace-<release>.json`), or check
//!   that it is up to date.
//! - `bench`: run the benchmarks and update BENCHMARKS.md.
//! - `fake-server`: run the fake ArchivesSpace (`archivesspace-fake`) on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use archivesspace_codegen::cli::{self, crate_files, openapi, records, source, Defaults};
use clap::{Parser, Subcommand};

mod bench;
#[cfg(feature = "types")]
mod bundled;
mod fake_server;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "archivesspace-rs project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import ArchivesSpace's schemas into the snapshot (default `schemas/`).
    Import(source::ImportArgs),
    /// Compare a source tree or a live server with the snapshot. Exit status:
    /// 0 no drift, 1 drift, 2 error.
    Drift(source::DriftArgs),
    /// Run the benchmarks and rewrite their figures in BENCHMARKS.md.
    Bench(bench::BenchArgs),
    /// Serve the fake ArchivesSpace backend (seeded archival objects in
    /// repository 2) on 127.0.0.1 until Ctrl-C.
    FakeServer(fake_server::FakeServerArgs),
    /// Generate the bundled `archivesspace-api` crate (`generated/`) from the
    /// snapshot. Exit status with `--check`: 0 up to date, 1 stale.
    Codegen(crate_files::CodegenArgs),
    /// Write the OpenAPI 3.1 document of the snapshot's release
    /// (`openapi/archivesspace-<release>.json`). Exit status with `--check`:
    /// 0 up to date, 1 stale.
    Openapi(openapi::BundledOpenApiArgs),
    /// Decode records into the generated types and encode them again. Exit
    /// status: 0 all round-tripped, 1 some did not, 2 error.
    Roundtrip(records::RoundtripArgs),
    /// Validate records as the backend would, with its messages. Exit
    /// status: 0 all valid, 1 some invalid, 2 error.
    Validate(records::ValidateArgs),
}

/// The workspace root: the parent of this crate's folder.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs this same command line in an xtask built with `feature` (in
/// release when `release`), and exits as it does.
///
/// Commands that need the generated crate or the runtime use this, so that
/// plain xtask, and with it `cargo xtask codegen`, never depends on them.
#[cfg(not(feature = "types"))]
fn rerun_with_feature(workspace: &Path, feature: &str, release: bool) -> Result<ExitCode> {
    use anyhow::Context;

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command.current_dir(workspace).args([
        "run",
        "--quiet",
        "--package",
        "xtask",
        "--features",
        feature,
    ]);
    if release {
        command.arg("--release");
    }
    let status = command
        .arg("--")
        .args(std::env::args_os().skip(1))
        .status()
        .context("running cargo")?;
    Ok(match status.code() {
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        None => ExitCode::from(2),
    })
}

/// `roundtrip` or `validate` through the bundled crate: linked in when this
/// xtask has the `types` feature, else in an xtask rebuilt with it.
#[cfg(not(feature = "types"))]
fn with_bundled(
    _run: impl FnOnce(&mut dyn cli::Bindings) -> Result<cli::Status, cli::CliError>,
) -> ExitCode {
    match rerun_with_feature(&workspace_root(), "types", false) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "types")]
fn with_bundled(
    run: impl FnOnce(&mut dyn cli::Bindings) -> Result<cli::Status, cli::CliError>,
) -> ExitCode {
    cli::report(run(&mut bundled::Bundled::default()))
}

/// `roundtrip` or `validate` through the crate `--crate` names, or the
/// bundled one.
fn through_bindings(
    target: &records::CrateTarget,
    run: impl FnOnce(&mut dyn cli::Bindings) -> Result<cli::Status, cli::CliError>,
) -> ExitCode {
    match &target.dir {
        Some(dir) => {
            cli::report(cli::harness::Harness::start(dir).and_then(|mut harness| run(&mut harness)))
        }
        None => with_bundled(run),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let defaults = Defaults {
        snapshot: archivesspace_codegen::snapshot::default_dir(&root),
    };
    let other = match cli.command {
        Command::Import(args) => return cli::report(source::run_import(&args, &defaults)),
        Command::Drift(args) => return cli::report(source::run_drift(&args, &defaults)),
        Command::Codegen(args) => return cli::report(crate_files::run_codegen(&args, &root)),
        Command::Openapi(args) => return cli::report(openapi::run_bundled(&args, &root)),
        Command::Roundtrip(args) => {
            return through_bindings(&args.target, |b| records::run_roundtrip(&args, b))
        }
        Command::Validate(args) => {
            return through_bindings(&args.target, |b| records::run_validate(&args, b))
        }
        Command::Bench(args) => bench::run(args, &root),
        Command::FakeServer(args) => fake_server::run(args, &root),
    };
    match other {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
