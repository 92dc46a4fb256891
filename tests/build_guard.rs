//! The build script's staleness guard, run on real snapshots.

use std::fs;
use std::path::Path;

use archivesspace_codegen::snapshot::Snapshot;

#[path = "../build/guard.rs"]
mod guard;

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn build_script_and_codegen_compute_the_same_digest() {
    let dir = workspace().join("schemas");
    let snapshot = Snapshot::read(&dir).unwrap();
    assert_eq!(
        guard::snapshot_digest(&dir).unwrap(),
        snapshot.content_digest()
    );
}

#[test]
fn the_committed_generated_crate_is_not_stale() {
    let verdict = guard::check(workspace());
    assert!(
        !matches!(
            verdict,
            guard::Verdict::Stale(_) | guard::Verdict::Unreadable(_)
        ),
        "{verdict:?}"
    );
}

#[test]
fn a_changed_snapshot_stops_the_build_with_the_command_to_run() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let snapshot = Snapshot::read(&workspace().join("schemas")).unwrap();
    snapshot.write(&root.join("schemas")).unwrap();
    fs::create_dir_all(root.join("generated/src")).unwrap();
    fs::write(
        root.join("generated/src/lib.rs"),
        format!(
            "//! Generated.\n\n/// Digest of the snapshot.\npub const SNAPSHOT_DIGEST: &str = \"{}\";\n",
            snapshot.content_digest()
        ),
    )
    .unwrap();
    assert_eq!(guard::check(root), guard::Verdict::Fresh);

    // A re-import (here: a hand edit) without regenerating.
    let accession = root.join("schemas/jsonmodel/accession.json");
    let text = fs::read_to_string(&accession).unwrap();
    fs::write(
        &accession,
        text.replace("\"maxLength\": 255", "\"maxLength\": 256"),
    )
    .unwrap();
    match guard::check(root) {
        guard::Verdict::Stale(message) => {
            assert!(message.contains("cargo xtask codegen"), "{message}")
        }
        other => panic!("expected a stale verdict, got {other:?}"),
    }
}

#[test]
fn outside_the_workspace_the_guard_does_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("src")).unwrap();
    assert_eq!(guard::check(tmp.path()), guard::Verdict::NotApplicable);
}
