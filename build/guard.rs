//! The staleness check behind `build.rs`, in a file of its own so that the
//! tests can run it too (`tests/build_guard.rs`).

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha256};

/// The verdict on a workspace's generated crate.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not inside the workspace (built from a registry package), or the
    /// generated crate records no digest: nothing to check.
    NotApplicable,
    /// `generated/` was made from the `schemas/` present.
    Fresh,
    /// `generated/` was made from another snapshot; the message says what to run.
    Stale(String),
    /// `schemas/` could not be read.
    Unreadable(String),
}

/// Checks the workspace rooted at `root`.
pub fn check(root: &Path) -> Verdict {
    let schemas = root.join("schemas");
    let generated_lib = root.join("generated").join("src").join("lib.rs");
    if !schemas.join("source.json").is_file() || !generated_lib.is_file() {
        return Verdict::NotApplicable;
    }
    let Some(recorded) = recorded_digest(&generated_lib) else {
        return Verdict::NotApplicable;
    };
    match snapshot_digest(&schemas) {
        Err(error) => Verdict::Unreadable(format!(
            "could not read schemas/ to check the generated crate: {error}"
        )),
        Ok(current) if current == recorded => Verdict::Fresh,
        Ok(current) => Verdict::Stale(format!(
            "generated/ was made from a different schemas/ snapshot than the one present \
             (generated from {recorded}, snapshot is {current}); run `cargo xtask codegen` to regenerate it"
        )),
    }
}

/// The `SNAPSHOT_DIGEST` string recorded in the generated crate.
pub fn recorded_digest(lib: &Path) -> Option<String> {
    let text = fs::read_to_string(lib).ok()?;
    let line = text
        .lines()
        .find(|l| l.contains("SNAPSHOT_DIGEST") && l.contains("sha256:"))?;
    let start = line.find("sha256:")?;
    let digest: String = line[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
        .collect();
    Some(digest)
}

/// Every file under `dir` as (relative path with `/`, contents).
fn files(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let relative = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let path = entry.path();
        if path.is_dir() {
            files(&path, &relative, out)?;
        } else if relative.ends_with(".json") {
            out.push((relative, fs::read(&path)?));
        }
    }
    Ok(())
}

/// The snapshot digest, by the recipe of `Snapshot::content_digest` in
/// `archivesspace-codegen` (path, NUL, length as 8 little-endian bytes,
/// contents; files in path order).
pub fn snapshot_digest(dir: &Path) -> std::io::Result<String> {
    let mut all = Vec::new();
    files(dir, "", &mut all)?;
    all.sort();
    let mut hasher = Sha256::new();
    for (path, contents) in &all {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update((contents.len() as u64).to_le_bytes());
        hasher.update(contents);
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(format!("sha256:{hex}"))
}
