//! `generate` and `check`: a whole crate (`Cargo.toml`, `README.md`,
//! `src/`) from a snapshot, and the check that a crate on disk is exactly
//! that; and xtask's `codegen [--check]`, the same for the bundled crate
//! and for the `aspace` tool's route subcommands (`cli/src/routes.rs`).

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use clap::Args;

use super::{CliError, Status};
use crate::emit::package::{self, CrateOptions, DEFAULT_CRATE_NAME};
use crate::emit::{self, GeneratedFile};
use crate::snapshot::Snapshot;

/// `generate`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// The snapshot to generate from (what `import` wrote).
    #[arg(long, value_name = "DIR")]
    pub snapshot: PathBuf,
    /// The crate's folder. Its Cargo.toml, README.md and src/ are written
    /// (`.rs` files under src/ that generation does not produce are
    /// removed); anything else in it is left alone.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The crate's package name.
    #[arg(long, value_name = "CRATE", default_value = DEFAULT_CRATE_NAME)]
    pub name: String,
}

/// `check`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The snapshot the crate should be generated from.
    #[arg(long, value_name = "DIR")]
    pub snapshot: PathBuf,
    /// The crate's folder.
    #[arg(long = "crate", value_name = "DIR")]
    pub crate_dir: PathBuf,
    /// The crate's package name (default: the name in the crate's
    /// Cargo.toml, else `archivesspace-api`).
    #[arg(long, value_name = "CRATE")]
    pub name: Option<String>,
}

/// xtask's `codegen` arguments: the bundled crate, by default from the
/// workspace's `schemas/` into its `generated/`.
#[derive(Debug, Clone, Args)]
pub struct CodegenArgs {
    /// Do not write: exit 1 and list the files that are not what the
    /// snapshot generates.
    #[arg(long)]
    pub check: bool,
    /// The snapshot to generate from (default `schemas/`).
    #[arg(long, value_name = "DIR")]
    pub snapshot: Option<PathBuf>,
    /// The crate directory to write (default `generated/`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The `archivesspace-cli` crate whose `src/routes.rs` (the route
    /// subcommands of `aspace`) is written too (default `cli/`).
    #[arg(long, value_name = "DIR")]
    pub cli: Option<PathBuf>,
}

/// Reads a snapshot and generates every file of the crate `name` for the
/// folder `crate_dir`.
pub fn crate_files(
    snapshot_dir: &Path,
    crate_dir: &Path,
    name: &str,
) -> Result<Vec<GeneratedFile>, CliError> {
    let snapshot = Snapshot::read(snapshot_dir)?;
    let options = CrateOptions {
        name: name.to_owned(),
        snapshot_from_crate: relative_path(crate_dir, snapshot_dir),
    };
    Ok(emit::generate_crate(&snapshot, &options)?)
}

/// Writes a generated crate over `crate_dir`, unless that folder holds a
/// crate this generator did not write: writing removes the `.rs` files of
/// `src/` that generation does not produce, which in someone's own crate
/// would be their code.
fn write_crate(crate_dir: &Path, files: &[GeneratedFile]) -> Result<(), CliError> {
    let manifest = crate_dir.join("Cargo.toml");
    match std::fs::read_to_string(&manifest) {
        Ok(text) if !text.starts_with(package::MANIFEST_MARK) => {
            return Err(CliError::Usage(format!(
                "{}: not written by archivesspace-codegen; generate into a new folder or \
                 the generated crate's own",
                manifest.display()
            )));
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(CliError::Io {
                path: manifest,
                source,
            })
        }
    }
    emit::write(crate_dir, files)?;
    Ok(())
}

/// `generate`: writes the crate.
pub fn run_generate(args: &GenerateArgs) -> Result<Status, CliError> {
    let files = crate_files(&args.snapshot, &args.out, &args.name)?;
    write_crate(&args.out, &files)?;
    println!(
        "wrote {} files of {} under {}",
        files.len(),
        args.name,
        args.out.display()
    );
    Ok(Status::Yes)
}

/// `check`: lists what differs, naming the command that fixes it.
pub fn run_check(args: &CheckArgs) -> Result<Status, CliError> {
    let name = match &args.name {
        Some(name) => name.clone(),
        None => name_in_manifest(&args.crate_dir)?,
    };
    let files = crate_files(&args.snapshot, &args.crate_dir, &name)?;
    let fix = format!(
        "archivesspace-codegen generate --snapshot {} --out {} --name {name}",
        args.snapshot.display(),
        args.crate_dir.display()
    );
    check_files(&args.crate_dir, &args.snapshot, &files, &fix)
}

/// Compares a crate folder with the files generation gives and prints the
/// verdict: `up to date`, or each file that differs and the command that
/// fixes it.
fn check_files(
    crate_dir: &Path,
    snapshot_dir: &Path,
    files: &[GeneratedFile],
    fix: &str,
) -> Result<Status, CliError> {
    if !crate_dir.is_dir() {
        return Err(CliError::Usage(format!(
            "{}: no such folder (the crate to check)",
            crate_dir.display()
        )));
    }
    let differences = emit::compare(crate_dir, files)?;
    let mut text = String::new();
    if differences.is_empty() {
        text.push_str(&format!("{} is up to date\n", crate_dir.display()));
    } else {
        text.push_str(&format!(
            "{} is not what {} generates; run `{fix}`:\n",
            crate_dir.display(),
            snapshot_dir.display()
        ));
        for (path, difference) in &differences {
            text.push_str(&format!("  {:<8} {}\n", difference.word(), path.display()));
        }
    }
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(CliError::Output)?;
    Ok(if differences.is_empty() {
        Status::Yes
    } else {
        Status::No
    })
}

/// xtask's `codegen [--check]`: the bundled `archivesspace-api` crate, as
/// `generate --name archivesspace-api` writes it.
pub fn run_codegen(args: &CodegenArgs, workspace: &Path) -> Result<Status, CliError> {
    let snapshot_dir = args
        .snapshot
        .clone()
        .unwrap_or_else(|| crate::snapshot::default_dir(workspace));
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| workspace.join("generated"));
    let cli_dir = args.cli.clone().unwrap_or_else(|| workspace.join("cli"));
    let files = crate_files(&snapshot_dir, &out, DEFAULT_CRATE_NAME)?;
    let cli = cli_files(&snapshot_dir)?;
    if args.check {
        let crate_status = check_files(&out, &snapshot_dir, &files, "cargo xtask codegen")?;
        let cli_status = check_cli_files(&cli_dir, &cli)?;
        return Ok(
            if crate_status == Status::Yes && cli_status == Status::Yes {
                Status::Yes
            } else {
                Status::No
            },
        );
    }
    write_crate(&out, &files)?;
    println!("wrote {} files under {}", files.len(), out.display());
    for file in &cli {
        let path = cli_dir.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            std::fs::write(&path, &file.contents).map_err(|source| CliError::Io {
                path: path.clone(),
                source,
            })?;
        }
        println!("wrote {}", path.display());
    }
    Ok(Status::Yes)
}

/// Where in the CLI crate the bundled snapshot goes, which `aspace drift`
/// compares a server with when given no snapshot of its own.
pub const CLI_SNAPSHOT_BUNDLE: &str = "src/bundled_snapshot.json";

/// The files codegen writes into the `aspace` tool's crate: the route
/// subcommands (`src/routes.rs`) and the snapshot they were made from, as
/// one document ([`CLI_SNAPSHOT_BUNDLE`]).
pub fn cli_files(snapshot_dir: &Path) -> Result<Vec<GeneratedFile>, CliError> {
    let snapshot = Snapshot::read(snapshot_dir)?;
    let model = snapshot.model().map_err(|source| CliError::Model {
        snapshot: snapshot_dir.display().to_string(),
        source,
    })?;
    Ok(vec![
        emit::commands::generate(&model)?,
        GeneratedFile {
            path: PathBuf::from(CLI_SNAPSHOT_BUNDLE),
            contents: snapshot.to_bundle(),
        },
    ])
}

/// Whether the CLI crate's generated files are what the snapshot
/// generates; says so, or which are stale and the command that fixes them.
/// Only those files are compared: the rest of the crate is written by hand.
fn check_cli_files(cli_dir: &Path, files: &[GeneratedFile]) -> Result<Status, CliError> {
    let stale = emit::compare_files(cli_dir, files)?;
    let text = if stale.is_empty() {
        files
            .iter()
            .map(|file| format!("{} is up to date\n", cli_dir.join(&file.path).display()))
            .collect()
    } else {
        let mut text = format!(
            "{} is not what the snapshot generates; run `cargo xtask codegen`:\n",
            cli_dir.display()
        );
        for (path, difference) in &stale {
            text.push_str(&format!("  {:<8} {}\n", difference.word(), path.display()));
        }
        text
    };
    io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(CliError::Output)?;
    Ok(if stale.is_empty() {
        Status::Yes
    } else {
        Status::No
    })
}

/// The package name in a crate's `Cargo.toml`, as `generate` writes it (a
/// `name = "..."` line in the `[package]` table); the default name when
/// there is no `Cargo.toml`, which `check` then reports missing.
fn name_in_manifest(crate_dir: &Path) -> Result<String, CliError> {
    let path = crate_dir.join("Cargo.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(DEFAULT_CRATE_NAME.into()),
        Err(source) => return Err(CliError::Io { path, source }),
    };
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        let Some(value) = line
            .strip_prefix("name")
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix('='))
        else {
            continue;
        };
        if !in_package {
            continue;
        }
        let name = value.trim().trim_matches('"');
        return match package::check_crate_name(name) {
            Ok(()) => Ok(name.to_owned()),
            Err(e) => Err(CliError::Usage(format!(
                "{}: {e}; give the crate's name with --name",
                path.display()
            ))),
        };
    }
    Err(CliError::Usage(format!(
        "{}: no `name` in its [package] table; give the crate's name with --name",
        path.display()
    )))
}

/// A path with `.` and `..` taken out where they can be, after making it
/// absolute against the current folder. Lexical: links are not followed.
fn normalized(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// `to` as seen from the folder `from`, with `/` between the parts (it goes
/// into the README's command); `None` when the two share no root or a part
/// is not UTF-8.
pub fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from = normalized(from)?;
    let to = normalized(to)?;
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    // Paths on different drives (Windows) have nothing in common.
    if shared == 0 {
        return None;
    }
    let mut parts: Vec<&str> = vec![".."; from.len() - shared];
    for component in &to[shared..] {
        parts.push(component.as_os_str().to_str()?);
    }
    Some(if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_then_down() {
        let rel = |from: &str, to: &str| relative_path(Path::new(from), Path::new(to));
        assert_eq!(
            rel("/w/generated", "/w/schemas").as_deref(),
            Some("../schemas")
        );
        assert_eq!(rel("/w/a/b", "/w/s").as_deref(), Some("../../s"));
        assert_eq!(rel("/w", "/w/schemas").as_deref(), Some("schemas"));
        assert_eq!(rel("/w/x", "/w/x").as_deref(), Some("."));
        assert_eq!(rel("/w/x/../y", "/w/./s").as_deref(), Some("../s"));
    }

    #[test]
    fn the_name_comes_from_the_package_table() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        assert_eq!(
            name_in_manifest(dir.path()).expect("no manifest"),
            DEFAULT_CRATE_NAME
        );
        let manifest = dir.path().join("Cargo.toml");
        std::fs::write(
            &manifest,
            "[workspace]\nname = \"no\"\n\n[package]\nversion = \"1\"\nname = \"site-api\"\n",
        )
        .expect("write");
        assert_eq!(name_in_manifest(dir.path()).expect("name"), "site-api");
        std::fs::write(&manifest, "[package]\nname = \"a b\"\n").expect("write");
        let error = name_in_manifest(dir.path()).expect_err("not a name");
        assert!(error.to_string().contains("--name"), "{error}");
        std::fs::write(&manifest, "[package]\nversion = \"1\"\n").expect("write");
        let error = name_in_manifest(dir.path()).expect_err("no name");
        assert!(error.to_string().contains("Cargo.toml"), "{error}");
    }
}
