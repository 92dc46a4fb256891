//! Building the programs the benchmarks run, with cargo as a subprocess.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// The cargo that runs us (cargo sets `CARGO` for `cargo run`), else the
/// one on the PATH.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The programs the benchmarks run as subprocesses.
pub struct Tools {
    /// xtask built with the `runtime` feature: the fake server, and the
    /// process that runs the benchmarks themselves.
    pub xtask: PathBuf,
    /// The runtime's `examples/harvest.rs`: the client under test.
    #[cfg_attr(not(feature = "runtime"), allow(dead_code))]
    pub harvest: PathBuf,
    /// Whether they are optimized builds.
    #[cfg_attr(not(feature = "runtime"), allow(dead_code))]
    pub release: bool,
}

/// Builds xtask (with the runtime) and the harvest example in one cargo
/// invocation, so that both get one feature resolution and share every
/// dependency's build. A no-op when both are fresh.
pub fn build(workspace: &Path, release: bool) -> Result<Tools> {
    let mut command = cargo();
    command
        .current_dir(workspace)
        .args(["build", "--message-format=json-render-diagnostics"])
        .args([
            "--package",
            "xtask",
            "--features",
            "xtask/runtime",
            "--bin",
            "xtask",
        ])
        .args(["--package", "archivesspace", "--example", "harvest"])
        .stdout(Stdio::piped());
    if release {
        command.arg("--release");
    }
    let mut child = command.spawn().context("running cargo build")?;
    let stdout = child.stdout.take().context("cargo's stdout")?;
    let mut xtask = None;
    let mut harvest = None;
    // Diagnostics go to stderr as usual; stdout carries one JSON message a
    // line, and the artifacts' messages name the executables.
    for line in BufReader::new(stdout).lines() {
        let message: Value = match serde_json::from_str(&line?) {
            Ok(message) => message,
            Err(_) => continue,
        };
        let Some(executable) = message["executable"].as_str() else {
            continue;
        };
        match message["target"]["name"].as_str() {
            Some("xtask") => xtask = Some(PathBuf::from(executable)),
            Some("harvest") => harvest = Some(PathBuf::from(executable)),
            _ => {}
        }
    }
    let status = child.wait().context("waiting for cargo build")?;
    if !status.success() {
        bail!("building the benchmark programs failed ({status})");
    }
    Ok(Tools {
        xtask: xtask.context("cargo named no xtask executable")?,
        harvest: harvest.context("cargo named no harvest executable")?,
        release,
    })
}

/// The workspace's target directory.
#[cfg(feature = "runtime")]
pub fn target_dir(workspace: &Path) -> Result<PathBuf> {
    let output = cargo()
        .current_dir(workspace)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo metadata")?;
    if !output.status.success() {
        bail!("cargo metadata failed ({})", output.status);
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)?;
    let dir = metadata["target_directory"]
        .as_str()
        .context("cargo metadata names no target directory")?;
    Ok(PathBuf::from(dir))
}
