//! `archivesspace-codegen`: typed Rust bindings for an ArchivesSpace site.
//!
//! ```sh
//! archivesspace-codegen import --aspace-src ../archivesspace --plugin ../plugins/local
//! archivesspace-codegen generate --snapshot schemas --out site-api --name site-api
//! archivesspace-codegen check --snapshot schemas --crate site-api   # CI: exit 1 when stale
//! archivesspace-codegen openapi --snapshot schemas -o archivesspace.json   # OpenAPI 3.1
//! ```
//!
//! Every command is in the library's `cli` module, which `cargo xtask`
//! runs too; this is only its entry point.

use std::process::ExitCode;

use archivesspace_codegen::cli::{self, Cli, Defaults};
use clap::Parser;

fn main() -> ExitCode {
    let args = Cli::parse();
    cli::report(cli::run(args.command, &Defaults::current_dir()))
}
