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

/// A fake ArchivesSpace serving the committed schemas, on its own runtime.
fn fake_with_schemas() -> (tokio::runtime::Runtime, archivesspace_fake::FakeServer) {
    let dir = Path::new(&snapshot()).join("jsonmodel");
    let mut all = serde_json::Map::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        all.insert(name, schema);
    }
    let body = serde_json::Value::Object(all).to_string();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let config = archivesspace_fake::FakeConfig::default()
        .user("archivist", "s3cret-pass")
        .schemas(body)
        .version("v4.2.1");
    let server = runtime
        .block_on(archivesspace_fake::FakeServer::start(config))
        .unwrap();
    (runtime, server)
}

#[test]
fn import_from_a_server_logs_in_and_records_the_server_form() {
    let (_runtime, server) = fake_with_schemas();
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("schemas");
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["import", "--server", &server.base_url(), "--out"])
        .arg(&out_dir)
        .env("ASPACE_USERNAME", "archivist")
        .env("ASPACE_PASSWORD", "s3cret-pass")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let source: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("source.json")).unwrap())
            .unwrap();
    assert_eq!(source["form"], "server");
    assert_eq!(source["archivesspace_version"], "v4.2.1");
    assert_eq!(
        std::fs::read_dir(out_dir.join("jsonmodel"))
            .unwrap()
            .count(),
        162
    );
    // The password travelled in the form body only: the fake rejects a
    // password in the URL, and the login succeeded.
    assert_eq!(server.stats().logins, 1);
}

#[test]
fn a_refused_server_login_exits_2_without_showing_the_password() {
    let (_runtime, server) = fake_with_schemas();
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["import", "--server", &server.base_url(), "--out"])
        .arg(tmp.path().join("schemas"))
        .env("ASPACE_USERNAME", "archivist")
        .env("ASPACE_PASSWORD", "wrong-pass-123")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("logging in as archivist"), "{stderr}");
    assert!(!stderr.contains("wrong-pass-123"), "{stderr}");
    assert!(!tmp.path().join("schemas").exists());
}
