//! The generated route subcommands (`routes.rs`) on real v4.2.1 routes:
//! argument lists parsed through `routes::commands()` and read back with
//! `routes::call()`, and the `RouteCall` each gives.

use std::path::PathBuf;

use archivesspace::request::{Method, Query};
use clap::Command;

use crate::route_call::{Input, RouteBody, RouteCall};
use crate::routes;

fn aspace() -> Command {
    Command::new("aspace").subcommands(routes::commands())
}

/// The call an argument list (after `aspace`) asks for.
fn call(args: &[&str]) -> RouteCall {
    let matches = aspace()
        .try_get_matches_from(std::iter::once("aspace").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let (group, sub) = matches.subcommand().expect("a group");
    routes::call(group, sub).unwrap_or_else(|| panic!("{args:?}: no call"))
}

/// The clap error an argument list gives.
fn refused(args: &[&str]) -> clap::Error {
    match aspace().try_get_matches_from(std::iter::once("aspace").chain(args.iter().copied())) {
        Ok(_) => panic!("{args:?} was accepted"),
        Err(e) => e,
    }
}

fn pairs(query: &Query) -> Vec<(&str, &str)> {
    query.pairs().collect()
}

#[test]
fn every_command_is_well_formed() {
    // clap's own checks of every argument of every subcommand (ids that
    // `conflicts_with` names exist, no two flags alike, ...).
    aspace().debug_assert();
}

#[test]
fn a_get_with_resolve_repeated() {
    let call = call(&[
        "accessions",
        "get",
        "--repo",
        "2",
        "--id",
        "5",
        "--resolve",
        "subjects",
        "--resolve",
        "linked_agents",
    ]);
    assert_eq!(call.method, Method::Get);
    assert_eq!(call.template, "/repositories/:repo_id/accessions/:id");
    assert_eq!(call.path, "/repositories/2/accessions/5");
    assert_eq!(
        pairs(&call.query),
        [("resolve[]", "subjects"), ("resolve[]", "linked_agents")]
    );
    assert_eq!(call.body, RouteBody::None);
    assert!(!call.paged);
}

#[test]
fn a_listing_pages() {
    let list = |extra: &[&str]| {
        let mut args = vec!["archival-objects", "list", "--repo", "2"];
        args.extend_from_slice(extra);
        call(&args)
    };
    let first = list(&[]);
    assert_eq!(first.path, "/repositories/2/archival_objects");
    assert_eq!(pairs(&first.query), [("page", "1")]);
    assert!(first.paged);
    let third = list(&[
        "--page",
        "3",
        "--page-size",
        "50",
        "--sort-direction",
        "desc",
    ]);
    assert_eq!(
        pairs(&third.query),
        [
            ("page", "3"),
            ("page_size", "50"),
            ("sort_direction", "desc")
        ]
    );
    let ids = list(&["--all-ids"]);
    assert_eq!(pairs(&ids.query), [("all_ids", "true")]);
    let some = list(&["--id-set", "1,2", "--id-set", "3"]);
    assert_eq!(pairs(&some.query), [("id_set", "1,2,3")]);

    for bad in [
        &["--page", "0"][..],
        &["--page-size", "251"],
        &["--all-ids", "--page", "2"],
        &["--sort-direction", "up"],
    ] {
        let mut args = vec!["archival-objects", "list", "--repo", "2"];
        args.extend_from_slice(bad);
        refused(&args);
    }
}

#[test]
fn a_create_takes_its_record_from_a_file_or_stdin() {
    let call_with = |file: &str| call(&["accessions", "create", "--repo", "2", file]);
    let from_file = call_with("accession.json");
    assert_eq!(from_file.method, Method::Post);
    assert_eq!(from_file.path, "/repositories/2/accessions");
    assert!(from_file.query.is_empty());
    assert_eq!(
        from_file.body,
        RouteBody::Json(Input::File(PathBuf::from("accession.json")))
    );
    assert_eq!(call_with("-").body, RouteBody::Json(Input::Stdin));
    // The record is required.
    refused(&["accessions", "create", "--repo", "2"]);
}

#[test]
fn a_delete() {
    let call = call(&["resources", "delete", "--repo", "2", "--id", "7"]);
    assert_eq!(call.method, Method::Delete);
    assert_eq!(call.path, "/repositories/2/resources/7");
    assert!(call.query.is_empty());
    assert_eq!(call.body, RouteBody::None);
    // Ids are integers, and required.
    refused(&["resources", "delete", "--repo", "2", "--id", "seven"]);
    refused(&["resources", "delete", "--repo", "2"]);
}

#[test]
fn a_boolean_query_parameter() {
    let tree = |extra: &[&str]| {
        let mut args = vec!["resources", "tree-root", "--repo", "2", "--id", "7"];
        args.extend_from_slice(extra);
        call(&args)
    };
    let plain = tree(&[]);
    assert_eq!(plain.path, "/repositories/2/resources/7/tree/root");
    assert!(plain.query.is_empty(), "the default is the server's");
    assert_eq!(
        pairs(&tree(&["--published-only"]).query),
        [("published_only", "true")]
    );
    assert_eq!(
        pairs(&tree(&["--published-only=false"]).query),
        [("published_only", "false")]
    );
    refused(&[
        "resources",
        "tree-root",
        "--repo",
        "2",
        "--id",
        "7",
        "--published-only=maybe",
    ]);
}

#[test]
fn jobs_with_files_sends_the_job_and_each_file() {
    let call = call(&[
        "jobs-with-files",
        "create",
        "--repo",
        "2",
        "--job",
        "job.json",
        "--file",
        "a.csv",
        "--file",
        "b.csv",
    ]);
    assert_eq!(call.method, Method::Post);
    assert_eq!(call.path, "/repositories/2/jobs_with_files");
    assert_eq!(
        call.body,
        RouteBody::Multipart {
            json: Some(("job", Input::File(PathBuf::from("job.json")))),
            files: vec![
                ("files", PathBuf::from("a.csv")),
                ("files", PathBuf::from("b.csv")),
            ],
        }
    );
}

#[test]
fn a_post_without_a_body_sends_a_form_and_encodes_text_in_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "pw\nsecond line\n").unwrap();
    let secret = secret.to_str().unwrap();
    let call = call(&[
        "users",
        "login",
        "--username",
        "a/b c",
        "--password-file",
        secret,
    ]);
    assert_eq!(call.path, "/users/a%2Fb%20c/login");
    assert!(call.query.is_empty(), "nothing of a login in the URL");
    let RouteBody::Form(form) = &call.body else {
        panic!("a form body, not {:?}", call.body);
    };
    assert_eq!(pairs(form), [("password", "pw")]);
    // Nor in Debug output.
    let shown = format!("{call:?}");
    assert!(!shown.contains("pw"), "{shown}");
    assert!(shown.contains(r#"("password", "(hidden)")"#), "{shown}");
}

#[test]
fn a_password_is_never_an_argument() {
    // Only from a file (or standard input): `--password TEXT` is no flag.
    refused(&["users", "login", "--username", "admin", "--password", "pw"]);
    refused(&["users", "password", "--id", "1", "--password", "pw"]);
    let empty = tempfile::NamedTempFile::new().unwrap();
    refused(&[
        "users",
        "login",
        "--username",
        "admin",
        "--password-file",
        empty.path().to_str().unwrap(),
    ]);
}

#[test]
fn json_parameters_must_be_json() {
    let base = [
        "repositories",
        "search",
        "--repo",
        "2",
        "--type",
        "resource",
    ];
    let mut args = base.to_vec();
    args.extend_from_slice(&["--aq", r#"{"query": {"jsonmodel_type": "boolean_query"}}"#]);
    let call = call(&args);
    assert!(
        pairs(&call.query).contains(&("aq", r#"{"query": {"jsonmodel_type": "boolean_query"}}"#)),
        "{:?}",
        call.query
    );
    let mut bad = base.to_vec();
    bad.extend_from_slice(&["--aq", "{not json"]);
    refused(&bad);
}

#[test]
fn a_group_the_routes_do_not_have_is_not_theirs() {
    let matches = Command::new("aspace")
        .subcommand(Command::new("api").subcommand(Command::new("x")))
        .get_matches_from(["aspace", "api", "x"]);
    let (group, sub) = matches.subcommand().expect("a group");
    assert_eq!(routes::call(group, sub), None);
}

#[test]
fn the_tool_keeps_each_route_commands_own_help() {
    let tool = crate::command();
    // clap's checks over the whole tool: the global connection flags and
    // the output flags added to every route command clash with none of the
    // routes' own.
    tool.clone().debug_assert();
    let get = tool
        .find_subcommand("accessions")
        .and_then(|group| group.find_subcommand("get"))
        .expect("accessions get");
    assert_eq!(
        get.get_about().map(ToString::to_string).as_deref(),
        Some("Get an Accession by ID")
    );
    for flag in ["repo", "id", "resolve", "jq", "output", "all", "base-url"] {
        assert!(
            get.get_arguments().any(|a| a.get_long() == Some(flag))
                || tool.get_arguments().any(|a| a.get_long() == Some(flag)),
            "--{flag}"
        );
    }
}
