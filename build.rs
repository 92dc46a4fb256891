//! Guards against a stale generated crate.
//!
//! Inside the project's workspace, `generated/src/lib.rs` records the digest
//! of the `schemas/` snapshot it was generated from (`SNAPSHOT_DIGEST`). When
//! `schemas/` has changed since (a new import, a hand edit), building on with
//! the old bindings would silently ship types that disagree with the
//! snapshot, so the build stops and says which command fixes it.
//!
//! Built from a registry package there is no `schemas/` beside the crate,
//! and without the `bundled` feature there are no bindings of its own to
//! guard: the script then does nothing and costs nothing.

use std::path::PathBuf;

#[path = "build/guard.rs"]
mod guard;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=build/guard.rs");
    if std::env::var_os("CARGO_FEATURE_BUNDLED").is_none() {
        return;
    }
    if root.join("schemas").is_dir() {
        println!("cargo::rerun-if-changed=schemas");
        println!("cargo::rerun-if-changed=generated/src/lib.rs");
    }
    match guard::check(&root) {
        guard::Verdict::NotApplicable | guard::Verdict::Fresh => {}
        guard::Verdict::Unreadable(message) => println!("cargo::warning={message}"),
        guard::Verdict::Stale(message) => println!("cargo::error={message}"),
    }
}
