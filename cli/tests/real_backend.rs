//! `aspace` against the real ArchivesSpace backend: one scenario through
//! every command the backend can answer, running the built binary as a
//! person would.
//!
//! Set `ASPACE_TEST_URL` to a backend's URL (`.ci/run` boots
//! `../shared/realaspace`); without it the test says it skipped and passes,
//! unless `ASPACE_TEST_REQUIRED=1` is set, when it fails.
//! `ASPACE_TEST_USERNAME` / `ASPACE_TEST_PASSWORD` name an administrator
//! (default `admin` / `admin`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The backend's URL, `None` when the test should skip.
fn backend() -> Option<String> {
    let url = env("ASPACE_TEST_URL");
    // As the root package's real-backend suite: `.ci/run` sets both for the
    // run of `--test real_backend` (this test among them), and runs the
    // README's test command beside it without them.
    let required = env("ASPACE_TEST_REQUIRED").is_some_and(|v| v != "0");
    match url {
        Some(url) => Some(url.trim_end_matches('/').to_owned()),
        None if required => panic!("ASPACE_TEST_REQUIRED is set but ASPACE_TEST_URL is not"),
        None => {
            eprintln!("aspace real-backend scenario: skipped (set ASPACE_TEST_URL)");
            None
        }
    }
}

/// Runs `aspace` with only the settings given: no variables of the test's
/// own environment, and a home folder without a config file.
struct Aspace<'a> {
    url: &'a str,
    home: &'a Path,
}

impl Aspace<'_> {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_aspace"));
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home)
            .env("ASPACE_BASEURL", self.url)
            .env(
                "ASPACE_USERNAME",
                env("ASPACE_TEST_USERNAME").unwrap_or_else(|| "admin".into()),
            )
            .env(
                "ASPACE_PASSWORD",
                env("ASPACE_TEST_PASSWORD").unwrap_or_else(|| "admin".into()),
            )
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("aspace runs")
    }

    fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("aspace runs");
        if let Some(mut input) = child.stdin.take() {
            input.write_all(stdin.as_bytes()).expect("stdin written");
        }
        child.wait_with_output().expect("aspace ends")
    }

    /// Runs a command that must succeed; answers its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_status(&output, 0, args);
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs a command that must print one JSON document.
    fn json(&self, args: &[&str]) -> Value {
        let text = self.ok(args);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {text}"))
    }
}

fn assert_status(output: &Output, status: i32, args: &[&str]) {
    assert_eq!(
        output.status.code(),
        Some(status),
        "aspace {args:?}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn every_command_against_the_real_backend() -> TestResult {
    let Some(url) = backend() else {
        return Ok(());
    };
    let home = tempfile::tempdir()?;
    let work = tempfile::tempdir()?;
    let aspace = Aspace {
        url: &url,
        home: home.path(),
    };
    let file = |name: &str, text: &str| -> Result<String, std::io::Error> {
        let path = work.path().join(name);
        std::fs::write(&path, text)?;
        Ok(path.display().to_string())
    };
    let unique = format!(
        "{:x}{:x}",
        SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() % 0x100_0000,
        std::process::id()
    );

    // api: a repository of the scenario's own, from standard input.
    let created = aspace.run_with_stdin(
        &["api", "POST", "/repositories", "--data", "-"],
        &json!({"repo_code": format!("CLI{unique}"), "name": "aspace scenario"}).to_string(),
    );
    assert_status(&created, 0, &["api", "POST"]);
    let created: Value = serde_json::from_slice(&created.stdout)?;
    let repo = created["id"].as_i64().ok_or("no repository id")?;
    let repo_arg = repo.to_string();
    let repo_uri = format!("/repositories/{repo}");
    // -q, --jq and -o together.
    let code = aspace.ok(&["api", "GET", &repo_uri, "--jq", ".repo_code", "-o", "jsonl"]);
    assert_eq!(code.trim(), format!("\"CLI{unique}\""));

    // create: validated on the client first; an invalid record is refused
    // (exit 1) before anything is sent, with the backend's message.
    let bad = file(
        "bad.json",
        r#"{"jsonmodel_type": "accession", "id_0": "B1", "accession_date": "not a date"}"#,
    )?;
    let refused = aspace.run(&["create", "accessions", "--repo", &repo_arg, &bad]);
    assert_status(&refused, 1, &["create", "bad"]);
    assert!(
        stderr(&refused).contains("accession_date: Not a valid date"),
        "{}",
        stderr(&refused)
    );
    let good = file(
        "good.json",
        r#"{"jsonmodel_type": "accession", "title": "Letters", "id_0": "A1", "accession_date": "2024-01-02"}"#,
    )?;
    let made = aspace.json(&["create", "accessions", "--repo", &repo_arg, &good]);
    let accession = made["uri"].as_str().ok_or("no uri")?.to_owned();

    // validate: no server; 0 all valid, 1 some invalid, each message placed.
    aspace.ok(&["validate", &good]);
    let invalid = aspace.run(&["validate", &good, &bad]);
    assert_status(&invalid, 1, &["validate"]);
    let report = String::from_utf8_lossy(&invalid.stdout);
    assert!(
        report.contains(&format!(
            "{bad}:1: accession: error: accession_date: Not a valid date"
        )),
        "{report}"
    );

    // set and patch: lossless read-modify-write.
    aspace.ok(&[
        "set",
        &accession,
        "title=Correspondence",
        "user_defined.boolean_1:=true",
    ]);
    let patch = file(
        "patch.json",
        r#"{"content_description": "Letters, 1920s", "title": null}"#,
    )?;
    aspace.ok(&["patch", &accession, "--merge", &patch]);
    let now = aspace.json(&["get", &accession]);
    assert_eq!(now["title"], Value::Null);
    assert_eq!(now["content_description"], "Letters, 1920s");
    assert_eq!(now["user_defined"]["boolean_1"], true);
    assert_eq!(now["lock_version"], 2);
    // A path that cannot apply is refused before anything is written.
    let wrong = aspace.run(&["set", &accession, "id_0.x=1"]);
    assert_status(&wrong, 1, &["set", "id_0.x"]);
    assert!(
        stderr(&wrong).contains("`id_0` is a string"),
        "{}",
        stderr(&wrong)
    );

    // edit: a scripted editor; an invalid edit is kept in a file.
    let edited = aspace
        .command(&["edit", &accession, "-o", "jsonl"])
        .env("EDITOR", "sed -i 's/Letters, 1920s/Letters, 1930s/'")
        .output()?;
    assert_status(&edited, 0, &["edit"]);
    let kept = aspace
        .command(&["edit", &accession, "--yaml"])
        .env(
            "EDITOR",
            "sed -i 's/^accession_date: .*/accession_date: not a date/'",
        )
        .output()?;
    assert_status(&kept, 1, &["edit", "invalid"]);
    let message = stderr(&kept);
    let kept_in = message
        .split("your edit is kept in ")
        .nth(1)
        .map(str::trim)
        .ok_or_else(|| format!("no kept file named: {message}"))?;
    assert!(std::fs::read_to_string(kept_in)?.contains("accession_date: not a date"));
    std::fs::remove_file(kept_in)?;
    let now = aspace.json(&["get", &accession]);
    assert_eq!(now["content_description"], "Letters, 1930s");
    assert_eq!(now["accession_date"], "2024-01-02");

    // import: a resource and its tree in one batch, from JSON Lines.
    let batch = [
        json!({"jsonmodel_type": "resource", "uri": format!("{repo_uri}/resources/import_1"),
               "title": "Papers", "id_0": format!("MS {unique}"), "level": "collection",
               "dates": [{"date_type": "single", "label": "creation", "expression": "1900"}],
               "extents": [{"portion": "whole", "number": "1", "extent_type": "linear_feet"}],
               "lang_materials": [{"language_and_script": {"language": "eng", "script": "Latn"}}],
               "finding_aid_language": "eng", "finding_aid_script": "Latn"}),
        json!({"jsonmodel_type": "archival_object", "uri": format!("{repo_uri}/archival_objects/import_2"),
               "title": "Letters", "level": "series",
               "resource": {"ref": format!("{repo_uri}/resources/import_1")}}),
        json!({"jsonmodel_type": "archival_object", "title": "Letter to Ann", "level": "file",
               "resource": {"ref": format!("{repo_uri}/resources/import_1")},
               "parent": {"ref": format!("{repo_uri}/archival_objects/import_2")}}),
    ];
    let batch_file = file(
        "batch.jsonl",
        &batch
            .iter()
            .map(|r| r.to_string() + "\n")
            .collect::<String>(),
    )?;
    let saved = lines(&aspace.ok(&["import", "--repo", &repo_arg, &batch_file]));
    assert_eq!(saved.len(), 3);
    let resource = saved
        .iter()
        .find(|s| s["temporary"] == format!("{repo_uri}/resources/import_1"))
        .and_then(|s| s["uri"].as_str())
        .ok_or("the resource was not saved")?
        .to_owned();
    // A failing batch: exit 1 with the server's message, nothing saved.
    let failing = aspace.run_with_stdin(
        &["import", "--repo", &repo_arg, "-"],
        &json!({"jsonmodel_type": "archival_object", "level": "file",
                "resource": {"ref": resource}})
        .to_string(),
    );
    assert_status(&failing, 1, &["import", "failing"]);
    assert!(
        stderr(&failing).contains("nothing was saved"),
        "{}",
        stderr(&failing)
    );

    // tree: indented titles, and JSON Lines with depth and parent.
    let text = aspace.ok(&["tree", &resource]);
    let shown: Vec<&str> = text
        .lines()
        .map(|l| l.split("  /").next().unwrap_or(""))
        .collect();
    assert_eq!(shown, ["Letters", "  Letter to Ann"]);
    let entries = lines(&aspace.ok(&["tree", &resource, "-o", "jsonl"]));
    assert_eq!(entries[1]["depth"], 2);
    assert_eq!(entries[1]["parent"], entries[0]["uri"]);

    // The generated route subcommands, sent as their routes declare them.
    let resource_id = resource.rsplit('/').next().ok_or("no resource id")?;
    let root = aspace.json(&[
        "resources",
        "tree-root",
        "--repo",
        &repo_arg,
        "--id",
        resource_id,
    ]);
    assert_eq!(root["child_count"], 1, "{root}");
    let titles = aspace.ok(&[
        "archival-objects",
        "list",
        "--repo",
        &repo_arg,
        "--all",
        "--jq",
        ".title",
        "-o",
        "jsonl",
    ]);
    let mut titles: Vec<&str> = titles.lines().collect();
    titles.sort_unstable();
    assert_eq!(titles, ["\"Letter to Ann\"", "\"Letters\""]);
    let accession_id = accession.rsplit('/').next().ok_or("no accession id")?;
    let code = aspace.ok(&[
        "accessions",
        "get",
        "--repo",
        &repo_arg,
        "--id",
        accession_id,
        "--resolve",
        "repository",
        "--jq",
        ".repository._resolved.repo_code",
        "-o",
        "jsonl",
    ]);
    assert_eq!(code.trim(), format!("\"CLI{unique}\""));
    assert_eq!(aspace.ok(&["version", "get"]), "ArchivesSpace (v4.2.1)\n");
    // A login through its route: the password from a file, and the answer's
    // session never printed.
    let password = file("password", "admin\n")?;
    let login = aspace.ok(&[
        "users",
        "login",
        "--username",
        "admin",
        "--password-file",
        &password,
        "--expiring=false",
    ]);
    let login: Value = serde_json::from_str(&login)?;
    assert_eq!(login["user"]["username"], "admin");
    let session = login["session"].as_str().ok_or("no session member")?;
    assert!(session.starts_with("(hidden"), "{login}");

    // harvest: everything, then with a sync point only what changed, and
    // a deletion as {"deleted": URI}.
    let state = work.path().join("state.json");
    let state_arg = state.display().to_string();
    let all = lines(&aspace.ok(&[
        "harvest",
        "archival_objects",
        "--repo",
        &repo_arg,
        "--state",
        &state_arg,
    ]));
    assert_eq!(all.len(), 2);
    assert!(std::fs::read_to_string(&state)?.contains("modified_since"));
    let as_array: Value = serde_json::from_str(&aspace.ok(&[
        "harvest",
        "accessions",
        "--repo",
        &repo_arg,
        "-o",
        "json",
    ]))?;
    assert_eq!(as_array.as_array().map(Vec::len), Some(1));
    // The sync point is a second before the harvest's start: wait past it.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let leaf = entries[1]["uri"].as_str().ok_or("no leaf uri")?.to_owned();
    let deleted = aspace.json(&["delete", &leaf]);
    assert_eq!(deleted["status"], "Deleted");
    let changes = lines(&aspace.ok(&[
        "harvest",
        "archival_objects",
        "--repo",
        &repo_arg,
        "--state",
        &state_arg,
    ]));
    assert!(changes.contains(&json!({"deleted": leaf})), "{changes:?}");
    // Deleting it again: not found, exit 1.
    assert_status(
        &aspace.run(&["delete", "--yes", &leaf]),
        1,
        &["delete", "again"],
    );

    // api --paginate: each record of each page a line.
    let titles = aspace.ok(&[
        "api",
        "GET",
        &format!("{repo_uri}/accessions"),
        "--paginate",
        "--jq",
        ".id_0",
    ]);
    assert_eq!(titles.trim(), "\"A1\"");

    // export: this backend has no XML exports (it answers 500): exit 1,
    // the server's message, and no file left behind.
    let out = work.path().join("ead.xml");
    let export = aspace.run(&["export", "ead", &resource, "-o", &out.display().to_string()]);
    assert_status(&export, 1, &["export"]);
    assert!(
        stderr(&export).contains("server error 500"),
        "{}",
        stderr(&export)
    );
    assert!(!out.exists());

    // job: an accession CSV import, submitted with its file, waited for,
    // its log read; a failing one exits 1 with the end of its log.
    let csv = file(
        "jobs.csv",
        &format!("accession_title,accession_number_1,accession_accession_date\nBy a job,J{unique},2024-01-02\n"),
    )?;
    let job = file(
        "job.json",
        r#"{"job_type": "import_job", "job": {"jsonmodel_type": "import_job", "import_type": "accession_csv", "filenames": ["jobs.csv"]}}"#,
    )?;
    let submitted = aspace.json(&["job", "submit", "--repo", &repo_arg, &job, "--file", &csv]);
    let id = submitted["id"].as_i64().ok_or("no job id")?.to_string();
    let waited = aspace.json(&["job", "wait", "--repo", &repo_arg, &id]);
    assert_eq!(waited["status"], "completed");
    assert!(aspace
        .ok(&["job", "log", "--repo", &repo_arg, &id])
        .contains("DONE"));

    // drift: the backend against the snapshot the tool carries (the same
    // release): none, the columns `defaults` computes at start-up listed
    // apart. Against the sources' folder the same; against v3.5.1's, drift.
    let drift = aspace.run(&["drift"]);
    let report = String::from_utf8_lossy(&drift.stdout);
    assert_status(&drift, 0, &[]);
    assert!(report.contains("no drift"), "{report}");
    assert!(report.contains("computed at start-up"), "{report}");
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let drift = aspace.run(&["drift", "--snapshot", &snapshot.display().to_string()]);
    assert_status(&drift, 0, &[]);
    let older = tempfile::tempdir()?;
    archivesspace_codegen::read::import::import_source(
        &archivesspace_codegen::read::import::SourceImport {
            aspace_src: Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/archivesspace/v3.5.1"),
            ..Default::default()
        },
    )?
    .snapshot
    .write(older.path())?;
    let drift = aspace.run(&["drift", "--snapshot", &older.path().display().to_string()]);
    let report = String::from_utf8_lossy(&drift.stdout);
    assert!(
        report.contains("snapshot v3.5.1 vs source v4.2.1"),
        "{report}"
    );
    assert_status(&drift, 1, &["drift", "differ"]);

    // The connection from a config file's profile, the password on stdin.
    let config = file(
        "archivessnake.yml",
        &format!("baseurl: http://localhost:1\nprofiles:\n  test:\n    baseurl: {url}\n    username: admin\n"),
    )?;
    let from_profile = aspace
        .command(&[
            "get",
            &accession,
            "--profile",
            "test",
            "--password-stdin",
            "--jq",
            ".id_0",
        ])
        .env_remove("ASPACE_BASEURL")
        .env_remove("ASPACE_USERNAME")
        .env_remove("ASPACE_PASSWORD")
        .env("ASNAKE_CONFIG_FILE", &config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut from_profile = from_profile;
    if let Some(mut input) = from_profile.stdin.take() {
        input.write_all(
            env("ASPACE_TEST_PASSWORD")
                .unwrap_or_else(|| "admin".into())
                .as_bytes(),
        )?;
        input.write_all(b"\n")?;
    }
    let from_profile = from_profile.wait_with_output()?;
    assert_status(&from_profile, 0, &["--profile"]);
    assert_eq!(
        String::from_utf8_lossy(&from_profile.stdout).trim(),
        "\"A1\""
    );

    // Usage and connection: exit 2, one line, no password.
    let no_url = aspace
        .command(&["get", &accession])
        .env_remove("ASPACE_BASEURL")
        .output()?;
    assert_status(&no_url, 2, &["get", "no url"]);
    let refused = aspace
        .command(&["get", &accession])
        .env("ASPACE_PASSWORD", "not-the-password-9f8e")
        .output()?;
    assert_status(&refused, 2, &["get", "wrong password"]);
    let message = stderr(&refused);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.starts_with("error: login failed"), "{message}");
    assert!(!message.contains("not-the-password-9f8e"));
    let missing = aspace.run(&["get", &format!("{repo_uri}/accessions/999999")]);
    assert_status(&missing, 1, &["get", "missing"]);
    Ok(())
}
