//! The `aspace` tool's generated route subcommands (`cli/src/routes.rs`):
//! the committed file is what the committed snapshot generates, and both
//! releases in `../shared` give every route a subcommand of its own, in a
//! group no hand-written command has.

use std::collections::BTreeSet;
use std::path::Path;

use archivesspace_codegen::emit::commands::{self, names, Group};
use archivesspace_codegen::ir::Route;
use archivesspace_codegen::snapshot::Snapshot;

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn committed() -> Snapshot {
    Snapshot::read(&Path::new(WORKSPACE).join("schemas")).expect("the committed snapshot")
}

fn v351() -> Snapshot {
    archivesspace_codegen::read::import::import_source(
        &archivesspace_codegen::read::import::SourceImport {
            aspace_src: Path::new(WORKSPACE).join("../shared/archivesspace/v3.5.1"),
            ..Default::default()
        },
    )
    .expect("importing v3.5.1 from ../shared")
    .snapshot
}

/// Every route has its subcommand, each (group, subcommand) once, no group
/// has a hand-written command's name, and every name is kebab case.
fn check_names(routes: &[Route], groups: &[Group]) {
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut templates: BTreeSet<(String, String)> = BTreeSet::new();
    for group in groups {
        assert!(
            !names::HAND_WRITTEN.contains(&group.name.as_str()),
            "{}",
            group.name
        );
        for (sub, spec) in &group.commands {
            for name in [&group.name, sub] {
                assert!(
                    name.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        && !name.starts_with('-')
                        && !name.ends_with('-'),
                    "`{name}` is not kebab case"
                );
            }
            assert!(seen.insert((group.name.clone(), sub.clone())));
            templates.insert((spec.route.method.to_string(), spec.route.path.to_string()));
        }
    }
    assert_eq!(seen.len(), routes.len(), "one subcommand per route");
    assert_eq!(templates.len(), routes.len(), "every route has one");
}

#[test]
fn the_committed_routes_file_is_what_codegen_writes() {
    let model = committed().model().expect("the committed model");
    let file = commands::generate(&model).expect("the route subcommands generate");
    let path = Path::new(WORKSPACE).join("cli").join(&file.path);
    let on_disk = std::fs::read_to_string(&path).expect("cli/src/routes.rs");
    assert!(
        on_disk == file.contents,
        "{} is stale; run `cargo xtask codegen`",
        path.display()
    );
}

/// The snapshot the CLI carries for `aspace drift` is the committed one,
/// whole: read back, it is the same snapshot, and gives the same model.
#[test]
fn the_cli_carries_the_committed_snapshot() {
    use archivesspace_codegen::cli::crate_files::CLI_SNAPSHOT_BUNDLE;
    let snapshot = committed();
    let path = Path::new(WORKSPACE).join("cli").join(CLI_SNAPSHOT_BUNDLE);
    let on_disk = std::fs::read_to_string(&path).expect("the CLI's snapshot bundle");
    assert!(
        on_disk == snapshot.to_bundle(),
        "{} is stale; run `cargo xtask codegen`",
        path.display()
    );
    let read = Snapshot::from_bundle(&path, &on_disk).expect("the bundle reads back");
    assert_eq!(read, snapshot);
    assert_eq!(read.content_digest(), snapshot.content_digest());
    // A broken bundle says where.
    let error = Snapshot::from_bundle(&path, &on_disk[..100]).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}:1:100:", path.display())),
        "{error}"
    );
}

#[test]
fn v421_names_are_unique_and_as_documented() {
    let model = committed().model().expect("the committed model");
    let routes = model.routes.clone().expect("routes");
    let groups = commands::groups(&routes).expect("names");
    check_names(&routes, &groups);
    let has = |group: &str, sub: &str| {
        groups
            .iter()
            .any(|g| g.name == group && g.commands.contains_key(sub))
    };
    for (group, sub) in [
        ("accessions", "get"),
        ("accessions", "list"),
        ("accessions", "create"),
        ("accessions", "update"),
        ("accessions", "delete"),
        ("archival-objects", "list"),
        ("archival-objects", "publish"),
        ("resources", "tree-root"),
        ("resources", "tree-node"),
        ("repositories", "get"),
        ("repositories", "list"),
        ("agents", "people-get"),
        ("jobs-with-files", "create"),
        // A GET and a POST on one path: the POST says its method.
        ("resources", "ark-name"),
        ("resources", "post-ark-name"),
    ] {
        assert!(has(group, sub), "no `aspace {group} {sub}`");
    }
}

#[test]
fn v351_generates_with_unique_names() {
    let model = v351().model().expect("the v3.5.1 model");
    let routes = model.routes.clone().expect("v3.5.1 routes");
    assert!(routes.len() > 300, "{} routes", routes.len());
    let groups = commands::groups(&routes).expect("v3.5.1 names");
    check_names(&routes, &groups);
    let file = commands::generate(&model).expect("v3.5.1 renders");
    syn::parse_file(&file.contents).expect("the v3.5.1 file parses");
    assert!(file.contents.contains("ArchivesSpace v3.5.1"));
}
