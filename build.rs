//! Guards against a stale generated crate.
//!
//! Inside the project's workspace, `generated/src/lib.rs` records the digest
//! of the `schemas/` snapshot it was generated from (`SNAPSHOT_DIGEST`). When
//! `schemas/` has changed since (a new import, a hand edit), building on with
//! the old bindings would silently ship types that disagree with the
//! snapshot, so the build stops and says which command fixes it.
//!
//! Built from a registry package there is no `schemas/` beside the crate:
//! the script then does nothing and costs nothing.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let schemas = root.join("schemas");
    let generated_lib = root.join("generated").join("src").join("lib.rs");
    println!("cargo::rerun-if-changed=build.rs");
    if !schemas.join("source.json").is_file() || !generated_lib.is_file() {
        return;
    }
    println!("cargo::rerun-if-changed=schemas");
    println!("cargo::rerun-if-changed=generated/src/lib.rs");

    let Some(recorded) = recorded_digest(&generated_lib) else {
        // A generated crate from before digests were recorded: nothing to compare.
        return;
    };
    let current = match snapshot_digest(&schemas) {
        Ok(digest) => digest,
        Err(error) => {
            println!(
                "cargo::warning=could not read schemas/ to check the generated crate: {error}"
            );
            return;
        }
    };
    if current != recorded {
        println!(
            "cargo::error=generated/ was made from a different schemas/ snapshot than the one present \
             (generated from {recorded}, snapshot is {current}); run `cargo xtask codegen` to regenerate it"
        );
    }
}

/// The `SNAPSHOT_DIGEST` string recorded in the generated crate.
fn recorded_digest(lib: &Path) -> Option<String> {
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
fn snapshot_digest(dir: &Path) -> std::io::Result<String> {
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
