//! The OpenAPI documents, held to other people's tools: an independent
//! OpenAPI 3.1 validator (`openapi-spec-validator`) on the documents of
//! v4.2.1 (the committed snapshot), v3.5.1 and v3.5.1 with its
//! `hello_world` plugin (both imported from `../shared/archivesspace` here);
//! a Python client generated from the bundled document
//! (`openapi-python-client`) that imports; every route an operation; and
//! every pattern of both releases' schemas translated to ECMA-262 and
//! matching what Ruby matches.
//!
//! The Python tools come from the virtualenv `.ci/python-venv` makes, found
//! by `ASPACE_TEST_PYTHON`; without it these tests say they skipped, except
//! in CI (`CI` set), where they fail.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use archivesspace_codegen::openapi::pattern;
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn release_dir(release: &str) -> PathBuf {
    let dir = workspace().join("../shared/archivesspace").join(release);
    assert!(
        dir.join("common/schemas").is_dir(),
        "no ArchivesSpace {release} in {}: these tests read the real release",
        dir.display()
    );
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn codegen(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_archivesspace-codegen"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the archivesspace-codegen binary runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The venv's python, or `None` (after saying so) where the tests may
/// skip.
fn python(test: &str) -> Option<PathBuf> {
    match std::env::var_os("ASPACE_TEST_PYTHON") {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var_os("CI").is_some() => panic!(
            "{test}: ASPACE_TEST_PYTHON is not set; in CI it must name the python of \
             .ci/python-venv"
        ),
        None => {
            eprintln!(
                "{test}: skipped (set ASPACE_TEST_PYTHON to the python `.ci/python-venv` prints)"
            );
            None
        }
    }
}

fn run_python(python: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(python)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the test python runs")
}

/// Imports v3.5.1 (with `hello_world` when `plugin`) into `dir/schemas`.
fn import_v351(dir: &Path, plugin: bool) -> PathBuf {
    let v3 = release_dir("v3.5.1");
    let source = v3.display().to_string();
    let plugin_dir = v3.join("plugins/hello_world").display().to_string();
    let mut args = vec!["import", "--aspace-src", source.as_str()];
    if plugin {
        args.extend(["--plugin", plugin_dir.as_str()]);
    }
    codegen(dir, &args);
    dir.join("schemas")
}

/// `METHOD /openapi/{path}` of every route of a snapshot.
fn snapshot_routes(snapshot: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(snapshot.join("endpoints.json")).expect("endpoints.json");
    let routes: Vec<Value> = serde_json::from_str(&text).expect("endpoints.json is JSON");
    routes
        .iter()
        .map(|r| {
            let method = r["method"].as_str().expect("a method").to_lowercase();
            let uri = r["uri"].as_str().expect("a uri");
            let path: Vec<String> = uri
                .split('/')
                .map(|segment| {
                    let mut out = String::new();
                    let mut rest = segment;
                    while !rest.is_empty() {
                        if let Some(after) = rest.strip_prefix(':') {
                            let end = after
                                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                                .unwrap_or(after.len());
                            out.push_str(&format!("{{{}}}", &after[..end]));
                            rest = &after[end..];
                        } else if let Some(after) = rest.strip_prefix('*') {
                            out.push_str("{splat}");
                            rest = after;
                        } else {
                            let end = rest.find([':', '*']).unwrap_or(rest.len());
                            out.push_str(&rest[..end]);
                            rest = &rest[end..];
                        }
                    }
                    out
                })
                .collect();
            (method, path.join("/"))
        })
        .collect()
}

/// Asserts that every route of the snapshot is an operation of the
/// document and that the document has no other; answers how many.
fn every_route_is_an_operation(snapshot: &Path, document: &Value) -> usize {
    let routes = snapshot_routes(snapshot);
    let wanted: BTreeSet<(String, String)> = routes.iter().cloned().collect();
    assert_eq!(wanted.len(), routes.len(), "a route is declared twice");
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            assert!(
                operation["operationId"].is_string(),
                "{method} {path} has no operationId"
            );
            operations.insert((method.clone(), path.clone()));
        }
    }
    let missing: Vec<_> = wanted.difference(&operations).collect();
    let extra: Vec<_> = operations.difference(&wanted).collect();
    assert!(
        missing.is_empty(),
        "routes without an operation: {missing:?}"
    );
    assert!(extra.is_empty(), "operations of no route: {extra:?}");
    operations.len()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).expect("the document")).expect("JSON")
}

#[test]
fn every_route_is_an_operation_and_the_documents_are_valid_openapi_3_1() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let v4_snapshot = workspace().join("schemas");
    let v4 = scratch.path().join("v4.2.1.json");
    codegen(
        scratch.path(),
        &[
            "openapi",
            "--snapshot",
            &v4_snapshot.display().to_string(),
            "-o",
            &v4.display().to_string(),
        ],
    );
    let plain = scratch.path().join("plain");
    let plugin = scratch.path().join("plugin");
    fs::create_dir_all(&plain).expect("a folder");
    fs::create_dir_all(&plugin).expect("a folder");
    let v3_snapshot = import_v351(&plain, false);
    let v3p_snapshot = import_v351(&plugin, true);
    let v3 = scratch.path().join("v3.5.1.json");
    let v3p = scratch.path().join("v3.5.1-hello_world.json");
    for (snapshot, out) in [(&v3_snapshot, &v3), (&v3p_snapshot, &v3p)] {
        // Standard output, as a site would pipe it.
        let document = codegen(
            scratch.path(),
            &["openapi", "--snapshot", &snapshot.display().to_string()],
        );
        fs::write(out, document).expect("write the document");
    }

    let counts = [
        every_route_is_an_operation(&v4_snapshot, &read_json(&v4)),
        every_route_is_an_operation(&v3_snapshot, &read_json(&v3)),
        every_route_is_an_operation(&v3p_snapshot, &read_json(&v3p)),
    ];
    println!(
        "operations: v4.2.1 {}, v3.5.1 {}, v3.5.1 with hello_world {}",
        counts[0], counts[1], counts[2]
    );
    // The releases' own numbers of routes, counted in their controllers'
    // `Endpoint.get(`, `.post(`, `.delete(` and `.get_or_post(` (two
    // routes each): v4.2.1 161 + 127 + 25 + 2 × 5, v3.5.1 160 + 126 + 25 +
    // 2 × 5, and `hello_world`'s two `Endpoint.get(`.
    assert_eq!(counts, [323, 321, 323]);
    let with_plugin = read_json(&v3p);
    assert!(
        with_plugin["components"]["schemas"]["hello_world"].is_object(),
        "the plugin's record type is a schema"
    );
    assert!(
        with_plugin["components"]["schemas"]["accession"]["properties"]["hello_worlds"].is_object(),
        "the plugin's property of accessions is described"
    );
    assert!(
        with_plugin["info"]["title"]
            .as_str()
            .is_some_and(|t| t.contains("hello_world")),
        "{}",
        with_plugin["info"]["title"]
    );

    // The committed document is what the snapshot gives.
    let bundled = workspace().join("openapi/archivesspace-v4.2.1.json");
    assert!(
        fs::read(&bundled).expect("the bundled document") == fs::read(&v4).expect("v4"),
        "{} is stale: run `cargo xtask openapi`",
        bundled.display()
    );

    let Some(python) = python("openapi-spec-validator") else {
        return;
    };
    // One validator a document, side by side: each takes seconds.
    let validators: Vec<_> = [&v4, &v3, &v3p]
        .iter()
        .map(|document| {
            let child = Command::new(&python)
                .current_dir(scratch.path())
                .args(["-m", "openapi_spec_validator"])
                .arg(document)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("the test python runs");
            (document.display().to_string(), child)
        })
        .collect();
    for (document, child) in validators {
        let out = child.wait_with_output().expect("the validator ends");
        let stdout = text(&out.stdout);
        println!("{}", stdout.trim_end());
        assert!(
            out.status.success() && stdout.contains(": OK"),
            "openapi-spec-validator refuses {document}:\n{stdout}\n{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_python_client_generated_from_the_bundled_document_imports() {
    let Some(python) = python("openapi-python-client") else {
        return;
    };
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let bundled = workspace().join("openapi/archivesspace-v4.2.1.json");
    // No post hooks: the generator would run ruff from the venv's `bin/`.
    // It types only JSON and binary bodies, and says so of the XML, CSV and
    // text answers (exports, templates, `/version`): read as bytes.
    fs::write(
        scratch.path().join("config.yaml"),
        "post_hooks: []\n\
         project_name_override: aspace-client\n\
         package_name_override: aspace_client\n\
         content_type_overrides:\n\
         \x20 application/xml: application/octet-stream\n\
         \x20 text/xml: application/octet-stream\n\
         \x20 text/csv: application/octet-stream\n\
         \x20 text/tab-separated-values: application/octet-stream\n\
         \x20 text/html: application/octet-stream\n\
         \x20 text/plain: application/octet-stream\n",
    )
    .expect("write the config");
    let bundled = bundled.display().to_string();
    let out = run_python(
        &python,
        scratch.path(),
        &[
            "-c",
            "from openapi_python_client.cli import app; app()",
            "generate",
            "--path",
            &bundled,
            "--config",
            "config.yaml",
            "--meta",
            "none",
        ],
    );
    let log = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "the generator failed:\n{log}");
    // The generator warns of each part of a document it had to leave out.
    assert!(
        !log.contains("Warning") && !log.contains("WARNING"),
        "the generator left parts out:\n{log}"
    );
    let out = run_python(
        &python,
        scratch.path(),
        &[
            "-c",
            "import aspace_client\n\
             from aspace_client.api.accessions import get_repositories_repo_id_accessions_id as get\n\
             from aspace_client.api.users import post_users_username_login as login\n\
             from aspace_client.api.version import get_version\n\
             from aspace_client.models import Accession, ArchivesSpaceModified\n\
             assert callable(get.sync) and callable(login.sync) and callable(get_version.sync)\n\
             a = Accession.from_dict({'jsonmodel_type': 'accession', 'id_0': 'A1', 'title': 'Papers'})\n\
             assert a.to_dict()['id_0'] == 'A1', a.to_dict()\n\
             print('imported')",
        ],
    );
    assert!(
        out.status.success() && text(&out.stdout).contains("imported"),
        "the generated client does not import:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// Every `pattern` in a snapshot's schemas, each once.
fn patterns(snapshot: &Path, out: &mut BTreeSet<String>) {
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("pattern", Value::String(p)) => {
                            out.insert(p.clone());
                        }
                        _ => walk(child, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    for entry in fs::read_dir(snapshot.join("jsonmodel")).expect("jsonmodel/") {
        let path = entry.expect("an entry").path();
        walk(&read_json(&path), out);
    }
}

#[test]
fn every_pattern_of_both_releases_translates_and_matches_as_in_ruby() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let v3 = import_v351(scratch.path(), true);
    let mut all = BTreeSet::new();
    patterns(&workspace().join("schemas"), &mut all);
    patterns(&v3, &mut all);
    assert!(all.len() >= 2, "only {} patterns: {all:?}", all.len());
    let found = all.len();
    // And the anchors the releases do not use yet, which differ most
    // between the two dialects.
    for extra in [r"^abc$", r"\Aa\Z", r"b$", r"^x", r"[$^]"] {
        all.insert(extra.to_owned());
    }
    let probes = [
        "",
        "abc",
        "ref-01_a:b.c",
        "has space",
        "https://example.org/x",
        "http://example.org/a b",
        "ftp://example.org",
        "https://",
        "line one\nhttps://example.org",
        "https://example.org\n",
        "https://example.org\nmore",
        "ünïcödé",
        "/repositories/2/accessions/7",
        "abc\n",
        "x\nabc",
        "a\n",
        "a\n\n",
        "ab\nc",
        "$",
    ];
    for ruby in &all {
        let ecma = pattern::translate(ruby)
            .unwrap_or_else(|e| panic!("{ruby} has no ECMA-262 form: {}", e.construct));
        let ecma_regex = regress::Regex::new(&ecma)
            .unwrap_or_else(|e| panic!("{ecma} (from {ruby}) is not ECMA-262: {e}"));
        // Ruby's semantics in Rust's regex: `^` and `$` at every line, `\Z`
        // before a final newline.
        let ruby_regex = regex::Regex::new(&format!("(?m){}", ruby.replace(r"\Z", r"\n?\z")))
            .expect("the Ruby pattern compiles");
        for probe in probes {
            assert_eq!(
                ecma_regex.find(probe).is_some(),
                ruby_regex.is_match(probe),
                "{ruby:?} → {ecma:?} on {probe:?}"
            );
        }
    }
    println!(
        "{found} patterns of the releases translated, and {} others: {all:?}",
        all.len() - found
    );
}

#[test]
fn check_says_whether_a_file_is_the_document() {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let snapshot = workspace().join("schemas").display().to_string();
    let file = scratch.path().join("openapi.json");
    let file_arg = file.display().to_string();
    let check = |expected: i32| {
        let out = Command::new(env!("CARGO_BIN_EXE_archivesspace-codegen"))
            .args([
                "openapi",
                "--snapshot",
                &snapshot,
                "-o",
                &file_arg,
                "--check",
            ])
            .output()
            .expect("the binary runs");
        assert_eq!(out.status.code(), Some(expected), "{}", text(&out.stdout));
        text(&out.stdout)
    };
    assert!(check(1).contains("is missing"));
    codegen(
        scratch.path(),
        &["openapi", "--snapshot", &snapshot, "-o", &file_arg],
    );
    assert!(check(0).contains("is up to date"));
    let mut document = read_json(&file);
    document["info"]["version"] = Value::String("v0".into());
    fs::write(
        &file,
        serde_json::to_string_pretty(&document).expect("JSON"),
    )
    .expect("write");
    assert!(check(1).contains("is stale"));

    // A snapshot imported from a server has no routes to describe.
    let from_server = scratch.path().join("server");
    fs::create_dir_all(from_server.join("jsonmodel")).expect("a folder");
    fs::write(
        from_server.join("source.json"),
        r#"{"format": 1, "archivesspace_version": "v4.2.1", "form": "server", "schemas_digest": "sha256:00"}"#,
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_archivesspace-codegen"))
        .args(["openapi", "--snapshot", &from_server.display().to_string()])
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("no routes"),
        "{stderr}"
    );
}
