//! The xtask commands as users run them, on the real releases in `../shared`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn release(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/archivesspace")
        .join(name)
        .display()
        .to_string()
}

fn snapshot() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .display()
        .to_string()
}

#[test]
fn drift_against_the_snapshots_own_release_is_clean() {
    let out = xtask(&[
        "drift",
        "--aspace-src",
        &release("v4.2.1"),
        "--snapshot",
        &snapshot(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("no drift"), "{stdout}");
}

#[test]
fn drift_against_another_release_exits_1_and_lists_the_changes() {
    let out = xtask(&[
        "drift",
        "--aspace-src",
        &release("v3.5.1"),
        "--snapshot",
        &snapshot(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // The snapshot is v4.2.1, the source v3.5.1: seen from the snapshot,
    // v3.5.1 still has fax and lacks the 4.x job types.
    assert!(stdout.contains("+ agent_contact.fax (string)"), "{stdout}");
    assert!(stdout.contains("- type resource_duplicate_job"), "{stdout}");

    let out = xtask(&[
        "drift",
        "--aspace-src",
        &release("v3.5.1"),
        "--snapshot",
        &snapshot(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let changes = report["changes"].as_array().expect("changes");
    assert!(changes
        .iter()
        .any(|c| c["kind"] == "type_removed" && c["name"] == "bulk_archival_object_updater_job"));
}

#[test]
fn errors_exit_2_and_say_what_is_wrong() {
    let missing = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("no-such-tree");
    let out = xtask(&[
        "drift",
        "--aspace-src",
        &missing.display().to_string(),
        "--snapshot",
        &snapshot(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("common/schemas"), "{stderr}");
}

#[test]
fn import_writes_a_snapshot_equal_to_the_committed_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("schemas");
    let out = xtask(&[
        "import",
        "--aspace-src",
        &release("v4.2.1"),
        "--out",
        &out_dir.display().to_string(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("imported 162 schemas of ArchivesSpace v4.2.1"),
        "{stderr}"
    );
    // The computed parts of defaults.rb are reported, not guessed.
    assert!(
        stderr.contains("warning: common/schemas/defaults.rb"),
        "{stderr}"
    );
    for name in ["accession", "resource", "defaults", "merge_request"] {
        let relative = format!("jsonmodel/{name}.json");
        let fresh = std::fs::read_to_string(out_dir.join(&relative)).unwrap();
        let committed = std::fs::read_to_string(Path::new(&snapshot()).join(&relative)).unwrap();
        assert_eq!(fresh, committed, "{relative}");
    }
}
