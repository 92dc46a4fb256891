//! A site's whole flow, outside this workspace, against the real v3.5.1
//! backend: the generator binary imports ArchivesSpace v3.5.1 (from
//! `../shared/archivesspace/v3.5.1`) with its `hello_world` plugin and
//! generates a crate named `site-api`; a new cargo project depends on it
//! and on the runtime without its default features (local paths through
//! `[patch.crates-io]`, since nothing is on the registry), builds with no
//! warnings, and runs `site_flow/program.rs` against the backend: an
//! accession with the plugin's field, read back typed, a harvest,
//! `update_record`, and the typed conflict of a stale update. Then the same
//! again from a server-form import of that backend.
//!
//! The backend comes from `ASPACE_TEST_URL_V351` (as `.ci/run` boots it,
//! with the plugin enabled; login `ASPACE_TEST_USERNAME` /
//! `ASPACE_TEST_PASSWORD`, default admin/admin). Without it the test says
//! it skipped, unless `ASPACE_TEST_REQUIRED=1` is set, when it fails:
//! `.ci/run` runs it with the real-backend suites, beside the README's test
//! command, in which it skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BINARY: &str = env!("CARGO_BIN_EXE_archivesspace-codegen");

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The backend to run against, or `None` to skip.
fn backend() -> Result<Option<String>, String> {
    match env("ASPACE_TEST_URL_V351") {
        Some(url) => Ok(Some(url)),
        None if env("ASPACE_TEST_REQUIRED").is_some_and(|v| v != "0") => Err(
            "ASPACE_TEST_REQUIRED is set but ASPACE_TEST_URL_V351 is not: no v3.5.1 backend".into(),
        ),
        None => {
            eprintln!(
                "site_flow: skipped: no real v3.5.1 backend (set ASPACE_TEST_URL_V351, \
                 e.g. http://localhost:18351)"
            );
            Ok(None)
        }
    }
}

/// Runs `command`, failing with its output when it does not succeed.
fn run(command: &mut Command, what: &str) -> Result<Output, String> {
    let output = command
        .output()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{what}: {}\n--- stdout\n{}\n--- stderr\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(output)
}

fn codegen(args: &[&str], what: &str) -> Result<Output, String> {
    run(Command::new(BINARY).args(args), what)
}

fn path_str(path: &Path) -> Result<&str, String> {
    path.to_str()
        .ok_or_else(|| format!("{} is not UTF-8", path.display()))
}

/// The site's own cargo project: its manifest, the program, and the
/// workspace's lock file, so that it builds the versions the workspace
/// already built.
fn write_project(site: &Path, root: &Path) -> TestResult {
    let root = path_str(root)?;
    let manifest = format!(
        r#"[package]
name = "site-flow"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
archivesspace = {{ version = "0.1.0", default-features = false }}
site-api = {{ path = "site-api" }}
anyhow = "1"
futures = "0.3"
tokio = {{ version = "1", features = ["macros", "rt"] }}

# Nothing is on the registry yet: the runtime and its core from this
# repository, at the versions the manifests ask for.
[patch.crates-io]
archivesspace = {{ path = "{root}" }}
archivesspace-core = {{ path = "{root}/core" }}
archivesspace-core-derive = {{ path = "{root}/core/derive" }}

[workspace]
"#
    );
    std::fs::create_dir_all(site.join("src"))?;
    std::fs::write(site.join("Cargo.toml"), manifest)?;
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site_flow/program.rs"),
        site.join("src/main.rs"),
    )?;
    std::fs::copy(Path::new(root).join("Cargo.lock"), site.join("Cargo.lock"))?;
    Ok(())
}

/// Builds the site's project into a target folder of its own, failing on
/// any warning; answers the program.
fn build(site: &Path, target: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = run(
        Command::new(cargo)
            .current_dir(site)
            .env("CARGO_TARGET_DIR", target)
            .args(["build", "--message-format", "short"]),
        "building the site's project",
    )?;
    let log = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("warning"))
        .collect();
    if !warnings.is_empty() {
        return Err(format!(
            "the site's project built with warnings:\n{}",
            warnings.join("\n")
        ));
    }
    Ok(target.join("debug/site-flow"))
}

/// Runs the program against the backend; it prints `site flow: ok` last.
fn run_program(program: &Path, url: &str, form: &str) -> TestResult {
    let (username, password) = login();
    let output = run(
        Command::new(program)
            .env("ASPACE_BASEURL", url)
            .env("ASPACE_USERNAME", username)
            .env("ASPACE_PASSWORD", password),
        &format!("the site's program ({form} import)"),
    )?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{form} import:\n{stdout}");
    assert!(stdout.lines().any(|l| l == "site flow: ok"), "{stdout}");
    Ok(())
}

fn login() -> (String, String) {
    (
        env("ASPACE_TEST_USERNAME").unwrap_or_else(|| "admin".into()),
        env("ASPACE_TEST_PASSWORD").unwrap_or_else(|| "admin".into()),
    )
}

#[test]
fn a_site_generates_its_bindings_and_uses_them_against_the_real_backend() -> TestResult {
    let Some(url) = backend()? else {
        return Ok(());
    };
    let root = workspace_root();
    let release = root.join("../shared/archivesspace/v3.5.1");
    if !release.join("common/schemas").is_dir() {
        return Err(format!("{} is not an ArchivesSpace source tree", release.display()).into());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    // A folder of its own inside the workspace's: a build in the
    // workspace's own folder would write crates that tests compiling beside
    // it (doctests, in `.ci/run`) may be reading.
    let target = if target.is_absolute() {
        target
    } else {
        root.join(target)
    }
    .join("site-flow");

    let work = tempfile::tempdir()?;
    let snapshot = work.path().join("schemas");
    let site = work.path().join("site");
    let bindings = site.join("site-api");
    let (snapshot_arg, bindings_arg) = (path_str(&snapshot)?, path_str(&bindings)?);
    let plugin = release.join("plugins/hello_world");

    // 1. The release's sources and the plugin, into a snapshot.
    codegen(
        &[
            "import",
            "--aspace-src",
            path_str(&release)?,
            "--plugin",
            path_str(&plugin)?,
            "--out",
            snapshot_arg,
        ],
        "import from the sources",
    )?;
    // 2. The crate, into the site's project.
    let generate = [
        "generate",
        "--snapshot",
        snapshot_arg,
        "--out",
        bindings_arg,
        "--name",
        "site-api",
    ];
    codegen(&generate, "generate")?;
    codegen(
        &["check", "--snapshot", snapshot_arg, "--crate", bindings_arg],
        "check right after generate",
    )?;
    // 3. A project on the runtime without its bundled bindings.
    write_project(&site, &root)?;
    let program = build(&site, &target)?;
    run_program(&program, &url, "source-form")?;

    // The same from the running backend's `GET /schemas` (the routes, which
    // a server does not list, are kept from the snapshot it replaces).
    let (username, password) = login();
    run(
        Command::new(BINARY)
            .args(["import", "--server", &url, "--out", snapshot_arg])
            .env("ASPACE_USERNAME", username)
            .env("ASPACE_PASSWORD", password),
        "import from the server",
    )?;
    let source = std::fs::read_to_string(snapshot.join("source.json"))?;
    assert!(source.contains("\"server\""), "{source}");
    codegen(&generate, "generate from the server's schemas")?;
    let program = build(&site, &target)?;
    run_program(&program, &url, "server-form")?;
    Ok(())
}
