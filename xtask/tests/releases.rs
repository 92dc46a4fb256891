//! Bindings regenerated as a user regenerates them, for the other release in
//! `../shared` and for a release with a plugin, in a copy of this workspace:
//! `cargo xtask import` and `cargo xtask codegen` there, then the generated
//! crate and the runtime on top must compile without a warning, and a
//! record holding the plugin's field must round-trip through its type.
//!
//! The copy builds into this workspace's own target folder: cargo lets go of
//! it once the tests are built, and the copy's crates sit at other paths, so
//! they get artifacts of their own while every registry dependency already
//! built for this workspace is reused instead of being compiled again.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The target folder this test was built in: its xtask binary sits in
/// `<target>/debug/`.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_xtask"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| workspace().join("target"))
}

fn release(name: &str) -> PathBuf {
    workspace().join("../shared/archivesspace").join(name)
}

/// Copies the workspace's sources (not its build output, history, or
/// generated sources, which codegen writes anew).
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let source = entry.path();
        if name == "target" || name == ".git" || source == workspace().join("generated/src") {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type()?.is_dir() {
            copy_tree(&source, &target)?;
        } else {
            std::fs::copy(&source, &target)?;
        }
    }
    Ok(())
}

/// Runs a command, failing the test with its output when it fails; answers
/// its standard error.
fn run(command: &mut Command, what: &str) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{stderr}",
        String::from_utf8_lossy(&output.stdout)
    );
    stderr
}

struct Copy {
    root: PathBuf,
    target: PathBuf,
}

impl Copy {
    fn xtask(&self, args: &[&str], what: &str) {
        run(Command::new(env!("CARGO_BIN_EXE_xtask")).args(args), what);
    }

    /// Imports `args` into the copy's snapshot and generates its crate.
    fn regenerate(&self, import: &[&str]) {
        let schemas = self.root.join("schemas").display().to_string();
        let generated = self.root.join("generated").display().to_string();
        let mut args = vec!["import"];
        args.extend_from_slice(import);
        args.extend(["--out", &schemas]);
        self.xtask(&args, "cargo xtask import");
        self.xtask(
            &["codegen", "--snapshot", &schemas, "--out", &generated],
            "cargo xtask codegen",
        );
    }

    fn cargo(&self, args: &[&str], what: &str) -> String {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        run(
            Command::new(cargo)
                .args(args)
                .current_dir(&self.root)
                .env("CARGO_TARGET_DIR", &self.target),
            what,
        )
    }

    /// The runtime on top of the copy's bindings compiles, warning-free.
    fn check_runtime(&self, release: &str) {
        let stderr = self.cargo(
            &[
                "check",
                "-p",
                "archivesspace",
                "--lib",
                "--message-format",
                "short",
            ],
            &format!("the runtime on bindings for {release}"),
        );
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains("warning"))
            .collect();
        assert!(warnings.is_empty(), "{release}: {}", warnings.join("\n"));
    }
}

#[test]
fn bindings_for_other_releases_and_plugins_compile_with_the_runtime() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let copy = Copy {
        root: scratch.path().join("workspace"),
        target: target_dir(),
    };
    copy_tree(&workspace(), &copy.root).expect("copying the workspace");

    // v3.5.1, from its source tree (schemas and controllers).
    let v3 = release("v3.5.1").display().to_string();
    copy.regenerate(&["--aspace-src", &v3]);
    let lib = std::fs::read_to_string(copy.root.join("generated/src/lib.rs")).expect("lib.rs");
    assert!(lib.contains(r#"ARCHIVESSPACE_VERSION: &str = "v3.5.1""#));
    copy.check_runtime("v3.5.1");

    // v4.2.1 with the hello_world plugin: its `*_ext.rb` fields land on the
    // extended types, its own schema becomes a record type, its controller's
    // routes become requests.
    let v4 = release("v4.2.1");
    let plugin = v4.join("plugins/hello_world").display().to_string();
    copy.regenerate(&[
        "--aspace-src",
        &v4.display().to_string(),
        "--plugin",
        &plugin,
    ]);
    // The generated crate has no tests of its own: this one is the copy's.
    std::fs::create_dir_all(copy.root.join("generated/tests")).expect("a tests folder");
    std::fs::write(
        copy.root.join("generated/tests/hello_world_plugin.rs"),
        PLUGIN_TEST,
    )
    .expect("writing the plugin test");
    copy.cargo(
        &[
            "test",
            "-p",
            "archivesspace-api",
            "--test",
            "hello_world_plugin",
        ],
        "the round trip of a record holding the plugin's field",
    );
    copy.check_runtime("v4.2.1 with hello_world");

    // `roundtrip` and `validate` on a crate they are not built with (as the
    // installed binary always is): through the program they build on it.
    let records = scratch.path().join("records");
    std::fs::create_dir_all(&records).expect("a records folder");
    let greeting = |who: serde_json::Value| {
        serde_json::json!({
            "jsonmodel_type": "accession",
            "id_0": "2024.001",
            "title": "Greetings",
            "accession_date": "2024-01-02",
            "hello_worlds": [{"jsonmodel_type": "hello_world", "who": who}]
        })
    };
    std::fs::write(
        records.join("good.json"),
        greeting("Anna".into()).to_string(),
    )
    .expect("writing a record");
    let crate_dir = copy.root.join("generated").display().to_string();
    let records_dir = records.display().to_string();
    let through_crate = |command: &str| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args([command, "--crate", &crate_dir, &records_dir])
            .output()
            .expect("xtask runs")
    };
    for command in ["roundtrip", "validate"] {
        let out = through_crate(command);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{command}: {stdout}\n{stderr}");
        assert!(
            stdout.ends_with("1 passed, 0 failed\n"),
            "{command}: {stdout}"
        );
    }
    // The plugin's field has a type: a number where its schema says string
    // does not decode, and the backend's rules say so too.
    std::fs::write(records.join("bad.json"), greeting(5.into()).to_string())
        .expect("writing a record");
    let out = through_crate("roundtrip");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("bad.json: decode error at hello_worlds[0].who"),
        "{stdout}"
    );
    let out = through_crate("validate");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("bad.json: accession: hello_worlds/0/who"),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 passed, 1 failed\n"), "{stdout}");
}

/// Compiled and run inside the copy, against the bindings generated with
/// the plugin.
const PLUGIN_TEST: &str = r#"
use archivesspace_api::requests::{helloworld, whosaidhello};
use archivesspace_api::request::Request;
use archivesspace_api::{Accession, HelloWorld, Record};

#[test]
fn a_record_with_the_plugins_field_round_trips_typed() {
    let sent = serde_json::json!({
        "jsonmodel_type": "accession",
        "id_0": "2024.001",
        "title": "Greetings",
        "accession_date": "2024-01-02",
        "lock_version": 3,
        "hello_worlds": [{"jsonmodel_type": "hello_world", "who": "Anna"}]
    });
    let accession: Accession = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(accession.hello_worlds.len(), 1);
    let greeting: &HelloWorld = &accession.hello_worlds[0];
    assert_eq!(greeting.who.as_deref(), Some("Anna"));
    assert!(accession.extra.is_empty(), "{:?}", accession.extra);
    assert_eq!(serde_json::to_value(&accession).unwrap(), sent);

    let record: Record = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(serde_json::to_value(&record).unwrap(), sent);

    let hello = helloworld::Get { who: Some("Anna".into()) };
    assert_eq!(hello.path(), "/helloworld");
    assert_eq!(whosaidhello::Get::new().path(), "/whosaidhello");
}
"#;
