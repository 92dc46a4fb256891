//! The commands of the `archivesspace-codegen` binary, which `cargo xtask`
//! runs too: one copy of each command's arguments (clap derive) and of its
//! run function, called by both.
//!
//! - [`source`]: `import` (a source tree, plugins or a live server into a
//!   snapshot) and `drift` (a source or server against a snapshot);
//! - [`crate_files`]: `generate` (a whole crate: `Cargo.toml`, `README.md`
//!   and `src/`), `check` (the CI guard: is the crate what the snapshot
//!   generates?) and xtask's `codegen [--check]` of the bundled crate;
//! - [`records`]: `roundtrip` and `validate`, which run records through a
//!   generated crate's types and rules;
//! - [`harness`]: how the installed binary reaches a generated crate it
//!   cannot link: it builds a small program that depends on that crate and
//!   talks to it over a pipe;
//! - [`openapi`]: `openapi`, the OpenAPI 3.1 document of a snapshot's
//!   release, and xtask's `openapi [--check]` of the bundled one;
//! - [`server`]: logging in to a backend and fetching `GET /schemas`.
//!
//! Every command answers a [`Status`]: 0 yes, 1 no (stale, drift, records
//! that fail), and [`report`] turns an error into `error: ...` and exit
//! status 2.

pub mod crate_files;
pub mod harness;
pub mod openapi;
pub mod records;
pub mod server;
pub mod source;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::Value;

use crate::emit::EmitError;
use crate::ir::IrError;
use crate::openapi::OpenApiError;
use crate::read::import::ImportError;
use crate::roundtrip::DecodeFailure;
use crate::snapshot::SnapshotError;
use crate::validation_report::Verdict;

/// A command's answer when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Done, up to date, no drift, every record passed: exit status 0.
    Yes,
    /// Stale, drift, records that did not pass: exit status 1.
    No,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        match status {
            Status::Yes => ExitCode::SUCCESS,
            Status::No => ExitCode::from(1),
        }
    }
}

/// Prints a command's error as one `error: ...` line and answers its exit
/// status: 2 for errors, leaving 1 to commands whose answer is "no".
pub fn report(result: Result<Status, CliError>) -> ExitCode {
    match result {
        Ok(status) => status.into(),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Why a command could not run. Each message says what failed and on
/// which file, folder or URL.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments do not make a command.
    #[error("{0}")]
    Usage(String),
    /// The snapshot could not be read or written.
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    /// The import failed.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The crate could not be generated, read or written.
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// A snapshot does not make an OpenAPI document.
    #[error(transparent)]
    OpenApi(#[from] OpenApiError),
    /// A snapshot does not make a model.
    #[error("{snapshot}: {source}")]
    Model {
        /// The snapshot's folder (or what it came from).
        snapshot: String,
        /// What is wrong with it.
        source: IrError,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A file is not the JSON expected.
    #[error("{path}:{line}:{column}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Talking to a backend failed; the message names the URL and never
    /// holds the password or the session.
    #[error("{0}")]
    Server(String),
    /// The program that runs records through a generated crate could not
    /// be built or stopped answering.
    #[error("{0}")]
    Harness(String),
    /// The files of records could not be listed, or the report written.
    #[error("reading the records or writing the report: {0}")]
    Records(io::Error),
    /// The report could not be written to standard output.
    #[error("writing the report: {0}")]
    Output(io::Error),
}

/// How `drift` and `validate` write their reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// For other programs.
    Json,
}

/// A generated crate as `roundtrip` and `validate` use it: linked in (the
/// bundled crate in `cargo xtask`) or reached through [`harness`].
pub trait Bindings {
    /// Decodes a record into the type its `jsonmodel_type` names and
    /// encodes it again.
    fn roundtrip(&self, record: Value) -> Result<Value, DecodeFailure>;
    /// Validates a record as `record_type`, as the backend would.
    fn validate(&self, record_type: &str, record: &Value) -> Verdict;
    /// Checks dynamic enumerations against `answer`, a saved answer of
    /// `GET /config/enumerations`, from now on; answers how many it holds.
    fn use_enumerations(&mut self, answer: &Value) -> Result<usize, CliError>;
    /// Why the crate stopped answering, if it did: the calls above have no
    /// error of their own, so a run asks this at its end.
    fn failure(&self) -> Option<String> {
        None
    }
}

/// The binary's command line.
#[derive(Parser)]
#[command(
    name = "archivesspace-codegen",
    version,
    about = "Typed Rust bindings for an ArchivesSpace site: import its schemas \
             into a snapshot, generate a crate from it, and keep both checked",
    long_about = None
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The binary's subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Import ArchivesSpace's schemas (and routes) into a snapshot folder
    /// (default `schemas/` in the current folder).
    Import(source::ImportArgs),
    /// Write a complete crate (Cargo.toml, README.md, src/) from a snapshot.
    Generate(crate_files::GenerateArgs),
    /// Check that a crate is what a snapshot generates, writing nothing.
    /// Exit status: 0 up to date, 1 stale (the files are listed), 2 error.
    Check(crate_files::CheckArgs),
    /// Compare a source tree or a live server with a snapshot. Exit status:
    /// 0 no drift, 1 drift, 2 error.
    Drift(source::DriftArgs),
    /// Validate records as the backend would, with its messages, by a
    /// generated crate's rules. Exit status: 0 all valid, 1 some invalid,
    /// 2 error.
    Validate(records::ValidateArgs),
    /// Decode records into a generated crate's types and encode them again.
    /// Exit status: 0 all round-tripped, 1 some did not, 2 error.
    Roundtrip(records::RoundtripArgs),
    /// Write the OpenAPI 3.1 document (JSON) of a snapshot's release, or
    /// with `--check` compare it with a file. Exit status: 0 written or up
    /// to date, 1 stale, 2 error.
    Openapi(openapi::OpenApiArgs),
}

/// Where a command looks when no folder is given.
#[derive(Debug, Clone)]
pub struct Defaults {
    /// The snapshot `import` writes and `drift` reads.
    pub snapshot: PathBuf,
}

impl Defaults {
    /// The binary's: `schemas/` in the current folder.
    pub fn current_dir() -> Self {
        Defaults {
            snapshot: PathBuf::from("schemas"),
        }
    }
}

/// Runs one of the binary's commands. `roundtrip` and `validate` reach the
/// crate that `--crate` names (the current folder by default) through
/// [`harness`].
pub fn run(command: Command, defaults: &Defaults) -> Result<Status, CliError> {
    match command {
        Command::Import(args) => source::run_import(&args, defaults),
        Command::Generate(args) => crate_files::run_generate(&args),
        Command::Check(args) => crate_files::run_check(&args),
        Command::Drift(args) => source::run_drift(&args, defaults),
        Command::Openapi(args) => openapi::run_openapi(&args),
        Command::Validate(args) => {
            let mut bindings = harness::Harness::start(&args.target.dir_or_current())?;
            records::run_validate(&args, &mut bindings)
        }
        Command::Roundtrip(args) => {
            let mut bindings = harness::Harness::start(&args.target.dir_or_current())?;
            records::run_roundtrip(&args, &mut bindings)
        }
    }
}
