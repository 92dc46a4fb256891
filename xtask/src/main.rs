//! Project tasks: `cargo xtask <command>`.
//!
//! - `import`: read ArchivesSpace's schemas (from a source tree, plugins, or a
//!   live server) into the committed snapshot `schemas/`.
//! - `drift`: compare a source tree or a live server with the snapshot.
//! - `bench`: run the benchmarks and update BENCHMARKS.md.
//! - `fake-server`: run the fake ArchivesSpace (`archivesspace-fake`) on 127.0.0.1.
//! - `codegen [--check]`: generate the `archivesspace-api` crate from the
//!   snapshot (or check that it is up to date).
//! - `roundtrip <PATH>...`: check that records decode into the generated
//!   types and encode back to the same JSON.
//! - `validate <PATH>...`: check records as the backend would, with its
//!   messages.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use archivesspace_codegen::drift;
use archivesspace_codegen::read::import::{self, SourceImport};
use archivesspace_codegen::snapshot::Snapshot;
use clap::{Args, Parser, Subcommand};

mod bench;
mod codegen;
mod fake_server;
mod server;
mod validate;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "archivesspace-rs project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import ArchivesSpace's schemas into the snapshot (default `schemas/`).
    Import(ImportArgs),
    /// Compare a source tree or a live server with the snapshot. Exit status:
    /// 0 no drift, 1 drift, 2 error.
    Drift(DriftArgs),
    /// Run the benchmarks and rewrite their figures in BENCHMARKS.md.
    Bench(bench::BenchArgs),
    /// Serve the fake ArchivesSpace backend (seeded archival objects in
    /// repository 2) on 127.0.0.1 until Ctrl-C.
    FakeServer(fake_server::FakeServerArgs),
    /// Generate the `archivesspace-api` crate from the snapshot. Exit status
    /// with `--check`: 0 up to date, 1 stale.
    Codegen(codegen::CodegenArgs),
    /// Decode records into the generated types and encode them again. Exit
    /// status: 0 all round-tripped, 1 some did not, 2 error.
    Roundtrip(codegen::RoundtripArgs),
    /// Validate records as the backend would, with its messages. Exit
    /// status: 0 all valid, 1 some invalid, 2 error.
    Validate(validate::ValidateArgs),
}

#[derive(Args)]
struct DriftArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The snapshot to compare against (default `schemas/`).
    #[arg(long, value_name = "DIR")]
    snapshot: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Count description-only changes as drift too.
    #[arg(long)]
    strict: bool,
}

/// How `drift` and `validate` write their reports.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people.
    Text,
    /// For other programs.
    Json,
}

#[derive(Args)]
struct ImportArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// Where to write the snapshot.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Where ArchivesSpace's schemas come from.
#[derive(Args)]
struct SourceArgs {
    /// An ArchivesSpace source tree (the folder holding `common/schemas`).
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "server",
        conflicts_with = "server"
    )]
    aspace_src: Option<PathBuf>,
    /// A running ArchivesSpace backend, e.g. http://localhost:8089; the
    /// login comes from ASPACE_USERNAME and ASPACE_PASSWORD.
    #[arg(long, value_name = "URL")]
    server: Option<String>,
    /// A plugin folder (holding `schemas/`); repeat for several, in load order.
    #[arg(long = "plugin", value_name = "DIR", conflicts_with = "server")]
    plugins: Vec<PathBuf>,
    /// The release to record (default: from the source folder's name).
    #[arg(long, value_name = "VERSION")]
    release: Option<String>,
}

/// The workspace root: the parent of this crate's folder.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Imports from the source the arguments name.
fn load(source: &SourceArgs) -> Result<import::Imported> {
    Ok(match (&source.aspace_src, &source.server) {
        (Some(src), _) => import::import_source(&SourceImport {
            aspace_src: src.clone(),
            plugins: source.plugins.clone(),
            release: source.release.clone(),
        })?,
        (None, Some(url)) => {
            let fetched = server::fetch_schemas(url)?;
            let release = source.release.clone().unwrap_or(fetched.release);
            import::import_server_schemas(&fetched.body, &release)?
        }
        (None, None) => bail!("give --aspace-src DIR or --server URL"),
    })
}

fn run_import(args: ImportArgs) -> Result<ExitCode> {
    let out = args
        .out
        .unwrap_or_else(|| archivesspace_codegen::snapshot::default_dir(&workspace_root()));
    let mut imported = load(&args.source)?;
    if imported.snapshot.endpoints.is_none() {
        keep_routes(&mut imported, &out);
    }
    for warning in &imported.warnings {
        eprintln!("warning: {warning}");
    }
    imported
        .snapshot
        .write(&out)
        .with_context(|| format!("writing the snapshot to {}", out.display()))?;
    let source = &imported.snapshot.source;
    eprintln!(
        "imported {} schemas of ArchivesSpace {} into {}",
        imported.snapshot.schemas.len(),
        source.archivesspace_version,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// A backend serves its schemas but not its route declarations, so an
/// import from a server keeps the routes of the snapshot it replaces (and
/// says so, louder when that snapshot is of another release).
fn keep_routes(imported: &mut import::Imported, out: &Path) {
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

fn run_drift(args: DriftArgs) -> Result<ExitCode> {
    let snapshot_dir = args
        .snapshot
        .unwrap_or_else(|| archivesspace_codegen::snapshot::default_dir(&workspace_root()));
    let committed = Snapshot::read(&snapshot_dir)?;
    let current = load(&args.source)?.snapshot;
    let before = committed
        .model()
        .with_context(|| format!("reading {}", snapshot_dir.display()))?;
    let after = current.model()?;
    let report = drift::compare(&before, &after);
    match args.format {
        Format::Text => print!("{}", drift::render_text(&report, args.strict)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&report)?),
    }
    Ok(if report.has_drift(args.strict) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs this same command line in an xtask built with `feature` (in
/// release when `release`), and exits as it does.
///
/// Commands that need the generated crate or the runtime use this, so that
/// plain xtask, and with it `cargo xtask codegen`, never depends on them.
#[cfg(not(feature = "types"))]
pub(crate) fn rerun_with_feature(
    workspace: &Path,
    feature: &str,
    release: bool,
) -> Result<ExitCode> {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Import(args) => run_import(args),
        Command::Drift(args) => run_drift(args),
        Command::Bench(args) => bench::run(args, &workspace_root()).map(|()| ExitCode::SUCCESS),
        Command::FakeServer(args) => {
            fake_server::run(args, &workspace_root()).map(|()| ExitCode::SUCCESS)
        }
        Command::Codegen(args) => codegen::run_codegen(args, &workspace_root()),
        Command::Roundtrip(args) => codegen::run_roundtrip(args, &workspace_root()),
        Command::Validate(args) => validate::run(args, &workspace_root()),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            // 2 for errors, leaving 1 to commands whose answer is "no"
            // (stale code, drift, failed round trips).
            ExitCode::from(2)
        }
    }
}
