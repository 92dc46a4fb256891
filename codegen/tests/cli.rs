//! The `archivesspace-codegen` binary as a site runs it, on the real v3.5.1
//! release in `../shared/archivesspace` with its `hello_world` plugin:
//! import, generate a crate of the site's own name, and check it.
//! (Building that crate is left to the tests that build it with the
//! runtime.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn release_dir(release: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/archivesspace")
        .join(release);
    assert!(
        dir.join("common/schemas").is_dir(),
        "no ArchivesSpace {release} in {}: these tests read the real release",
        dir.display()
    );
    dir
}

fn codegen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archivesspace-codegen"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the archivesspace-codegen binary runs")
}

/// The crate of the site's own name, from `schemas/` into `site-api/`.
const GENERATE_SITE_API: [&str; 7] = [
    "generate",
    "--snapshot",
    "schemas",
    "--out",
    "site-api",
    "--name",
    "site-api",
];

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a command that must succeed; answers its standard output.
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = codegen(dir, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Every file under `dir` as (relative path, bytes), in order.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside").to_path_buf();
                out.push((relative, fs::read(&path).expect("a file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_site_imports_generates_and_checks_its_own_crate() {
    let v3 = release_dir("v3.5.1");
    let plugin = v3.join("plugins/hello_world");
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let site = scratch.path();

    // Without --out, the snapshot goes to schemas/ in the current folder.
    let out = codegen(
        site,
        &[
            "import",
            "--aspace-src",
            &v3.display().to_string(),
            "--plugin",
            &plugin.display().to_string(),
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("imported 161 schemas of ArchivesSpace v3.5.1 into schemas"),
        "{stderr}"
    );
    assert!(site.join("schemas/jsonmodel/hello_world.json").is_file());

    let stdout = ok(site, &GENERATE_SITE_API);
    assert!(
        stdout.contains("files of site-api under site-api"),
        "{stdout}"
    );
    let krate = site.join("site-api");

    // A crate that builds anywhere: registry versions, nothing of a
    // workspace, no paths.
    let manifest = fs::read_to_string(krate.join("Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("\nname = \"site-api\"\n"), "{manifest}");
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        manifest.contains(&format!("\narchivesspace-core = \"{version}\"\n")),
        "{manifest}"
    );
    for line in manifest
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
    {
        assert!(!line.contains("workspace"), "{line}");
        assert!(
            !line.contains("path =") && !line.contains("path="),
            "{line}"
        );
    }
    // It says what it was made from, and how to make it again.
    let readme = fs::read_to_string(krate.join("README.md")).expect("README.md");
    assert!(
        readme.contains("| ArchivesSpace release | v3.5.1 |"),
        "{readme}"
    );
    assert!(readme.contains("| plugins | `hello_world` |"), "{readme}");
    assert!(
        readme.contains(
            "archivesspace-codegen generate --snapshot ../schemas --out . --name site-api"
        ),
        "{readme}"
    );
    let lib = fs::read_to_string(krate.join("src/lib.rs")).expect("lib.rs");
    assert!(lib.contains(r#"ARCHIVESSPACE_VERSION: &str = "v3.5.1""#));
    assert!(krate.join("src/records/hello_world.rs").is_file());

    // The README's command, run where it says, gives the same bytes.
    let before = tree(&krate);
    ok(
        &krate,
        &[
            "generate",
            "--snapshot",
            "../schemas",
            "--out",
            ".",
            "--name",
            "site-api",
        ],
    );
    assert_eq!(tree(&krate), before, "generation is deterministic");

    // Up to date, with the name read from the crate's Cargo.toml.
    let check = ["check", "--snapshot", "schemas", "--crate", "site-api"];
    let stdout = ok(site, &check);
    assert!(stdout.contains("site-api is up to date"), "{stdout}");

    // An edited file, a deleted one, a file generation does not make, and
    // the manifest: each named, with what is wrong with it.
    let accession = krate.join("src/records/accession.rs");
    let edited = fs::read_to_string(&accession)
        .expect("accession.rs")
        .replace(
            "pub struct Accession {",
            "pub struct Accession {\n    pub mine: u8,",
        );
    fs::write(&accession, edited).expect("edit");
    fs::remove_file(krate.join("src/unions.rs")).expect("delete");
    fs::write(krate.join("src/records/old.rs"), "// left over").expect("write");
    let readme_path = krate.join("README.md");
    fs::write(&readme_path, readme.replace("v3.5.1", "v3.5.2")).expect("edit");
    let out = codegen(site, &check);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("site-api is not what schemas generates"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "run `archivesspace-codegen generate --snapshot schemas --out site-api --name site-api`"
        ),
        "{stdout}"
    );
    let listed: Vec<&str> = stdout.lines().skip(1).map(str::trim).collect();
    assert_eq!(
        listed,
        [
            "stale    README.md",
            "stale    src/records/accession.rs",
            "extra    src/records/old.rs",
            "missing  src/unions.rs",
        ],
        "{stdout}"
    );

    // Another name is another crate: its manifest and README differ.
    let out = codegen(
        site,
        &[
            "check",
            "--snapshot",
            "schemas",
            "--crate",
            "site-api",
            "--name",
            "other-api",
        ],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("stale    Cargo.toml"), "{stdout}");

    // Regenerating repairs it all, and removes what it does not make.
    ok(site, &GENERATE_SITE_API);
    assert!(!krate.join("src/records/old.rs").exists());
    assert_eq!(tree(&krate), before);
    ok(site, &check);
}

#[test]
fn errors_exit_2_with_one_line_saying_what_and_where() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let dir = scratch.path();
    for (args, says) in [
        (
            vec!["check", "--snapshot", "nowhere", "--crate", "."],
            "nowhere: not a snapshot (no source.json)",
        ),
        (
            vec!["generate", "--snapshot", "nowhere", "--out", "x"],
            "nowhere: not a snapshot",
        ),
        (
            vec!["import", "--aspace-src", "no-such-tree"],
            "common/schemas",
        ),
    ] {
        let out = codegen(dir, &args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }

    // A name cargo would refuse never reaches a manifest.
    let v3 = release_dir("v3.5.1");
    ok(dir, &["import", "--aspace-src", &v3.display().to_string()]);
    let out = codegen(
        dir,
        &[
            "generate",
            "--snapshot",
            "schemas",
            "--out",
            "x",
            "--name",
            "site api",
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`site api` is not a crate name"),
        "{stderr}"
    );
    assert!(!dir.join("x").exists());

    // A folder holding someone's own crate is not taken over: nothing of
    // it is written or removed.
    let mine = dir.join("mine");
    fs::create_dir_all(mine.join("src")).expect("mkdir");
    fs::write(mine.join("Cargo.toml"), "[package]\nname = \"mine\"\n").expect("write");
    fs::write(mine.join("src/main.rs"), "fn main() {}\n").expect("write");
    let out = codegen(dir, &["generate", "--snapshot", "schemas", "--out", "mine"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Cargo.toml: not written by archivesspace-codegen"),
        "{stderr}"
    );
    assert!(mine.join("src/main.rs").is_file());
    assert!(!mine.join("README.md").exists());

    // `roundtrip` and `validate` need a crate to run the records through.
    let out = codegen(dir, &["validate", "--crate", "schemas", "records.json"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("schemas: no Cargo.toml"), "{stderr}");
}

#[test]
fn the_bundled_crate_is_what_generate_writes() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = codegen(
        &workspace,
        &[
            "check",
            "--snapshot",
            "schemas",
            "--crate",
            "generated",
            "--name",
            "archivesspace-api",
        ],
    );
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}; run `cargo xtask codegen`",
        text(&out.stderr)
    );
    assert_eq!(stdout, "generated is up to date\n");
}
