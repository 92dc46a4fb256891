//! How fast `aspace` answers `--help`: the whole command tree (the
//! hand-written commands and one generated subcommand per route) is built
//! on every run, so this is what a person waits for at each `--help` and
//! each mistyped flag. Each run is a process of its own, as a shell runs it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::{millis, tools, Section};

/// The goal, for the section's last line.
const GOAL: Duration = Duration::from_millis(50);

/// Builds `aspace` (optimized when `release`), then times each help
/// command `runs` times.
pub fn bench(workspace: &Path, runs: usize, release: bool) -> Result<Section> {
    let aspace = build(workspace, release)?;
    let commands: [&[&str]; 3] = [
        &["--help"],
        &["accessions", "--help"],
        &["accessions", "get", "--help"],
    ];
    let mut markdown = String::new();
    let _ = writeln!(markdown, "## `aspace --help`\n");
    let _ = writeln!(
        markdown,
        "Wall time of one `aspace` process answering help, from spawn to exit, output \
         discarded; {runs} runs each, {} build. Every run builds the whole command tree, \
         every generated route subcommand included.\n",
        if release { "release" } else { "debug" }
    );
    let _ = writeln!(markdown, "| command | median | fastest | slowest |");
    let _ = writeln!(markdown, "| --- | --- | --- | --- |");
    for args in commands {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs.max(1) {
            let started = Instant::now();
            let status = Command::new(&aspace)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .with_context(|| format!("running {}", aspace.display()))?;
            times.push(started.elapsed());
            if !status.success() {
                bail!("`aspace {}` failed ({status})", args.join(" "));
            }
        }
        times.sort();
        let _ = writeln!(
            markdown,
            "| `aspace {}` | {} | {} | {} |",
            args.join(" "),
            millis(times[times.len() / 2]),
            millis(times[0]),
            millis(times[times.len() - 1]),
        );
    }
    let _ = writeln!(markdown, "\nGoal: under {} ms.", GOAL.as_millis());
    Ok(Section {
        name: "cli-help",
        markdown,
    })
}

/// Builds the `aspace` binary and answers its path.
pub(super) fn build(workspace: &Path, release: bool) -> Result<PathBuf> {
    let mut command = tools::cargo();
    command
        .current_dir(workspace)
        .args(["build", "--message-format=json-render-diagnostics"])
        .args(["--package", "archivesspace-cli", "--bin", "aspace"])
        .stdout(Stdio::piped());
    if release {
        command.arg("--release");
    }
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo build")?;
    if !output.status.success() {
        bail!("building aspace failed ({})", output.status);
    }
    // One JSON message a line; the artifact's names the executable.
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find_map(|message| {
            let named = message["target"]["name"].as_str() == Some("aspace");
            let executable = message["executable"].as_str()?;
            named.then(|| PathBuf::from(executable))
        })
        .context("cargo named no aspace executable")
}
