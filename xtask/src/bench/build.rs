//! Compile times: a clean debug build of the generated crate, and the
//! rebuild of a crate that depends on it after one of its files changed;
//! and the cold build of the runtime, everything it needs included, as a
//! user's first build of a program that depends on it is.

use std::fmt::Write as _;
use std::fs::File;
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use anyhow::{ensure, Context, Result};

use super::process::{measure, Measured};
use super::tools::cargo;
use super::Section;

/// The dependent crate's file that is touched.
const TOUCHED: &str = "src/lib.rs";

/// Runs `cargo build ARGS` in `target` and checks that it compiled `krate`
/// (cargo says so on stderr), so that a build found fresh is never timed.
fn cargo_build(workspace: &Path, target: &Path, args: &[&str], krate: &str) -> Result<Measured> {
    let mut command: Command = cargo();
    command
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .args(["build", "--color", "never"])
        .args(args);
    let run = measure(&command)?;
    ensure!(
        run.stderr.contains(&format!("Compiling {krate} v")),
        "cargo build {} did not compile {krate}:\n{}",
        args.join(" "),
        run.stderr
    );
    Ok(run)
}

/// Sets a file's modification time, as `touch` does.
fn set_mtime(path: &Path, time: SystemTime) -> Result<()> {
    File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .with_context(|| format!("setting the modification time of {}", path.display()))
}

pub fn bench(workspace: &Path) -> Result<Section> {
    // A fresh target folder, so that nothing is reused from other builds.
    let target = tempfile::tempdir().context("making a target folder")?;
    eprintln!("bench: clean debug build of archivesspace-api");
    let clean = cargo_build(
        workspace,
        target.path(),
        &["--package", "archivesspace-api"],
        "archivesspace-api",
    )?;
    eprintln!("bench: archivesspace-api alone, its dependencies built");
    let status = cargo()
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target.path())
        .args(["clean", "--quiet", "--package", "archivesspace-api"])
        .status()
        .context("running cargo clean")?;
    ensure!(status.success(), "cargo clean failed ({status})");
    let alone = cargo_build(
        workspace,
        target.path(),
        &["--package", "archivesspace-api"],
        "archivesspace-api",
    )?;
    eprintln!("bench: building archivesspace on top of it");
    let runtime = ["--package", "archivesspace", "--lib"];
    let first = cargo_build(workspace, target.path(), &runtime, "archivesspace")?;

    let touched = workspace.join(TOUCHED);
    let original = std::fs::metadata(&touched)?.modified()?;
    set_mtime(&touched, SystemTime::now())?;
    eprintln!("bench: rebuilding archivesspace after touching {TOUCHED}");
    let rebuild = cargo_build(workspace, target.path(), &runtime, "archivesspace");
    // Put the old time back, so that other target folders (other people's
    // builds in this tree) see no change.
    set_mtime(&touched, original)?;
    let rebuild = rebuild?;

    // Its own empty target folder: nothing of the builds above reused.
    let cold_target = tempfile::tempdir().context("making a target folder")?;
    eprintln!("bench: cold build of archivesspace");
    let cold = cargo_build(
        workspace,
        cold_target.path(),
        &["--package", "archivesspace"],
        "archivesspace",
    )?;

    let mut md = String::new();
    let _ = writeln!(md, "## Build times\n");
    let _ = writeln!(
        md,
        "`cargo build` (dev profile) run by the bench in a fresh, empty target folder; CPU \
         is cargo's and every compiler's it ran, added up (a 2-core machine gives at most \
         2 s of CPU a second).\n"
    );
    let _ = writeln!(md, "| build | wall | CPU |");
    let _ = writeln!(md, "| --- | ---: | ---: |");
    for (what, run) in [
        (
            "clean: `cargo build -p archivesspace-api` (with its dependencies)".to_owned(),
            &clean,
        ),
        (
            "`archivesspace-api` alone: the same after `cargo clean -p archivesspace-api`"
                .to_owned(),
            &alone,
        ),
        (
            "then `cargo build -p archivesspace --lib` (the runtime, on top)".to_owned(),
            &first,
        ),
        (
            format!("incremental: the same after touching the runtime's `{TOUCHED}`"),
            &rebuild,
        ),
        (
            "cold: `cargo build -p archivesspace` in another empty target folder (TLS \
             included)"
                .to_owned(),
            &cold,
        ),
    ] {
        let _ = writeln!(
            md,
            "| {what} | {:.1} s | {:.1} s |",
            run.wall.as_secs_f64(),
            run.cpu.as_secs_f64()
        );
    }
    Ok(Section {
        name: "build",
        markdown: md,
    })
}
