//! `aspace` against the fake ArchivesSpace (started in this process): what
//! the real backend cannot answer here (search, XML exports), and what
//! needs a person at a terminal (the password prompt, the delete
//! question, the progress bar, `edit`), driven through a pseudo-terminal.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use archivesspace_fake::{FakeConfig, FakeServer};
use expectrl::{Eof, Session, WaitStatus};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A fake with 300 archival objects, on a runtime of its own.
fn fake() -> Result<(tokio::runtime::Runtime, FakeServer), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let server = runtime.block_on(FakeServer::start(
        FakeConfig::default().records(300).export_bytes(100_000),
    ))?;
    Ok((runtime, server))
}

/// `aspace` with the fake's URL and user, no other settings; the password
/// only when `password` is set.
fn aspace(server: &FakeServer, home: &Path, password: bool, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aspace"));
    command.args(args);
    settings(&mut command, server, home, password);
    command
}

/// Only the fake's settings in `command`'s environment.
fn settings(command: &mut Command, server: &FakeServer, home: &Path, password: bool) {
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("TERM", "xterm")
        .env("ASPACE_BASEURL", server.base_url())
        .env("ASPACE_USERNAME", server.username());
    if password {
        command.env("ASPACE_PASSWORD", server.password());
    }
}

fn ok(output: Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn search_exports_and_listings() -> TestResult {
    let (_runtime, server) = fake()?;
    let home = tempfile::tempdir()?;
    let run = |args: &[&str]| aspace(&server, home.path(), true, args).output();

    // Search, through `api`, with jq over the answer.
    let hits = ok(run(&[
        "api",
        "GET",
        "/repositories/2/search",
        "-q",
        "q=*",
        "-q",
        "page=1",
        "--jq",
        ".total_hits",
    ])?);
    assert_eq!(hits.trim(), "300");

    // An EAD export streamed to a file, whole.
    let out = home.path().join("ead.xml");
    ok(run(&[
        "export",
        "ead",
        "/repositories/2/resources/1",
        "-o",
        &out.display().to_string(),
    ])?);
    let ead = std::fs::read(&out)?;
    // The fake writes components up to 100,000 bytes, then closes.
    assert!((100_000..101_000).contains(&ead.len()), "{}", ead.len());
    assert!(ead.starts_with(b"<?xml"));
    assert!(ead.ends_with(b"</ead>\n"));

    // A harvest and a paginated listing give every record once.
    let harvested = ok(run(&["harvest", "archival_objects", "--repo", "2"])?);
    assert_eq!(harvested.lines().count(), 300);
    let paged = ok(run(&[
        "api",
        "GET",
        "/repositories/2/archival_objects",
        "--paginate",
        "--jq",
        ".uri",
    ])?);
    let mut uris: Vec<&str> = paged.lines().collect();
    uris.sort_unstable();
    uris.dedup();
    assert_eq!(uris.len(), 300);
    // A table of a page.
    let table = ok(run(&[
        "api",
        "GET",
        "/repositories/2/archival_objects",
        "-q",
        "page=1",
        "-q",
        "page_size=2",
        "-o",
        "table",
    ])?);
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(
        table.lines().next().is_some_and(|h| h.contains("URI")),
        "{table}"
    );

    // A reader that stops early (`| head -1`): the harvest stops quietly,
    // exit status 0, nothing on standard error.
    let mut harvest = aspace(
        &server,
        home.path(),
        true,
        &["harvest", "archival_objects", "--repo", "2"],
    )
    .stdout(std::process::Stdio::piped())
    .stderr(std::process::Stdio::piped())
    .spawn()?;
    let mut stdout = harvest.stdout.take().ok_or("no stdout")?;
    let mut first = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut first)?;
    assert_eq!(&first, b"{");
    drop(stdout);
    let done = harvest.wait_with_output()?;
    assert_eq!(
        done.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&done.stderr), "");
    Ok(())
}

/// The session's exit status once it has ended.
fn exit_code(session: &mut Session) -> Result<i32, Box<dyn std::error::Error>> {
    session.expect(Eof)?;
    match session.get_process().wait()? {
        WaitStatus::Exited(_, code) => Ok(code),
        other => Err(format!("aspace ended with {other:?}").into()),
    }
}

#[test]
fn at_a_terminal() -> TestResult {
    let (_runtime, server) = fake()?;
    let home = tempfile::tempdir()?;
    let uri = format!(
        "/repositories/2/archival_objects/{}",
        server.record_ids()[0]
    );

    // The password is asked for without echo, and never shown.
    let mut session = Session::spawn(aspace(
        &server,
        home.path(),
        false,
        &["get", &uri, "--jq", ".uri"],
    ))?;
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session.expect("Password for admin at")?;
    session.send_line(server.password())?;
    let answer = session.expect(format!("\"{uri}\"").as_str())?;
    assert!(!String::from_utf8_lossy(answer.before()).contains(server.password()));
    assert_eq!(exit_code(&mut session)?, 0);

    // A delete asks first; "n" keeps the record (exit 1), "y" deletes it.
    let mut session = Session::spawn(aspace(&server, home.path(), true, &["delete", &uri]))?;
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session.expect(format!("Delete {uri}? [y/N]").as_str())?;
    session.send_line("n")?;
    session.expect("not deleted")?;
    assert_eq!(exit_code(&mut session)?, 1);
    assert!(server.record(server.record_ids()[0]).is_some());
    let mut session = Session::spawn(aspace(&server, home.path(), true, &["delete", &uri]))?;
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session.expect("[y/N]")?;
    session.send_line("y")?;
    session.expect("Deleted")?;
    assert_eq!(exit_code(&mut session)?, 0);

    // The harvest's progress bar is drawn on the terminal; the records go
    // to the file, without it.
    let out = home.path().join("harvest.jsonl");
    let mut command = Command::new("sh");
    command.arg("-c").arg(format!(
        "exec \"{}\" harvest archival_objects --repo 2 --page-size 10 --concurrency 1 > \"$OUT\"",
        env!("CARGO_BIN_EXE_aspace")
    ));
    settings(&mut command, &server, home.path(), true);
    command.env("OUT", &out);
    let mut session = Session::spawn(command)?;
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session.expect("/299 records")?;
    assert_eq!(exit_code(&mut session)?, 0);
    let written = std::fs::read_to_string(&out)?;
    assert_eq!(written.lines().count(), 299);
    assert!(!written.contains('\x1b'));
    assert!(written
        .lines()
        .all(|l| l.starts_with('{') && l.ends_with('}')));

    // edit: the editor gets the terminal; the change is saved.
    let second = server.record_ids()[0];
    let uri = format!("/repositories/2/archival_objects/{second}");
    let mut edit = aspace(&server, home.path(), true, &["edit", &uri, "-o", "jsonl"]);
    edit.env(
        "EDITOR",
        "printf 'editing\\n' > /dev/tty; sed -i 's/\"title\": \"[^\"]*\"/\"title\": \"Edited at a terminal\"/'",
    );
    let mut session = Session::spawn(edit)?;
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session.expect("editing")?;
    session.expect("\"status\":\"Updated\"")?;
    assert_eq!(exit_code(&mut session)?, 0);
    let record = server.record(second).ok_or("the record is gone")?;
    assert_eq!(record["title"], "Edited at a terminal");
    Ok(())
}
