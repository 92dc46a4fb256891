//! Generation from the committed snapshot: deterministic, complete, and what
//! `generated/` holds; `write` and `check` manage exactly the crate's `src/`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use archivesspace_codegen::emit::{self, GeneratedFile};
use archivesspace_codegen::snapshot::Snapshot;

const WORKSPACE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn generate() -> Vec<GeneratedFile> {
    let snapshot = Snapshot::read(&Path::new(WORKSPACE).join("schemas")).expect("snapshot");
    emit::generate(&snapshot).expect("generates")
}

/// One generation shared by the tests that only read it (a debug build
/// takes seconds to generate).
fn generated() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(generate)
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    files
        .iter()
        .find(|f| f.path == Path::new(path))
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(), generated());
}

#[test]
fn one_type_per_record_type_and_the_core_as_a_dependency() {
    let files = generated();
    let snapshot = Snapshot::read(&Path::new(WORKSPACE).join("schemas")).expect("snapshot");
    let records: BTreeSet<String> = files
        .iter()
        .filter_map(|f| {
            let name = f.path.strip_prefix("src/records").ok()?.file_stem()?;
            (name != "mod").then(|| name.to_string_lossy().into_owned())
        })
        .collect();
    let expected: BTreeSet<String> = snapshot.schemas.keys().cloned().collect();
    assert_eq!(records, expected);
    assert_eq!(records.len(), 162, "v4.2.1 has 162 record types");

    // The hand-written core is a dependency, not copied text.
    for copied in [
        "src/support.rs",
        "src/jsonmodel.rs",
        "src/requests/common.rs",
    ] {
        assert!(
            !files.iter().any(|f| f.path == Path::new(copied)),
            "{copied}"
        );
    }
    let lib = file(files, "src/lib.rs");
    assert!(
        lib.contains("pub use archivesspace_core::{jsonmodel, request, trees, validate};"),
        "{lib}"
    );
    assert!(
        lib.contains(&format!(
            "pub const SNAPSHOT_DIGEST: &str = \"{}\";",
            snapshot.content_digest()
        )),
        "{lib}"
    );
}

#[test]
fn inherited_properties_are_declared_once_and_present_everywhere() {
    let files = generated();
    let ancestor = file(files, "src/records/abstract_archival_object.rs");
    assert!(ancestor.contains("pub struct AbstractArchivalObjectLinkedAgent {"));
    for child in ["resource", "archival_object"] {
        let text = file(files, &format!("src/records/{child}.rs"));
        assert!(
            text.contains("pub linked_agents: Vec<AbstractArchivalObjectLinkedAgent>,"),
            "{child}"
        );
        assert!(text.contains("/// Inherited from `abstract_archival_object`."));
        assert!(!text.contains("pub struct AbstractArchivalObjectLinkedAgent"));
    }
}

#[test]
fn fields_document_the_schema() {
    let files = generated();
    let accession = file(files, "src/records/accession.rs");
    assert!(accession.contains("/// Records live at `/repositories/:repo_id/accessions`."));
    assert!(accession.contains("/// `id_0`: string."));
    assert!(accession.contains("/// Required when creating or updating (`ifmissing: error`)."));
    assert!(accession.contains("/// Schema limits: at most 255 characters."));
    assert!(accession.contains("dynamic enum `accession_acquisition_type`"));
    assert!(accession.contains("/// Read-only: computed by the server and ignored when sent."));
}

#[test]
fn the_committed_crate_is_what_the_snapshot_generates() {
    let stale = emit::check(&Path::new(WORKSPACE).join("generated"), generated()).expect("check");
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`: {stale:?}"
    );
}

#[test]
fn write_replaces_stale_files_and_check_names_them() {
    let files = generated();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path();
    assert_eq!(
        emit::check(out, files).expect("check").len(),
        files.len(),
        "everything is missing at first"
    );

    emit::write(out, files).expect("write");
    assert!(emit::check(out, files).expect("check").is_empty());

    // A file generation no longer produces, an edited file, a missing file,
    // and files that generation does not own.
    fs::write(out.join("src/records/gone.rs"), "// old").expect("write");
    fs::write(out.join("src/records/subject.rs"), "// edited").expect("write");
    fs::remove_file(out.join("src/unions.rs")).expect("remove");
    fs::create_dir_all(out.join("tests")).expect("mkdir");
    fs::write(out.join("tests/mine.rs"), "// hand-written").expect("write");
    fs::write(out.join("Cargo.toml"), "[package]").expect("write");

    let stale = emit::check(out, files).expect("check");
    let expected: Vec<PathBuf> = [
        "src/records/gone.rs",
        "src/records/subject.rs",
        "src/unions.rs",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    assert_eq!(stale, expected);

    emit::write(out, files).expect("write");
    assert!(emit::check(out, files).expect("check").is_empty());
    assert!(!out.join("src/records/gone.rs").exists());
    assert!(out.join("tests/mine.rs").exists());
    assert!(out.join("Cargo.toml").exists());
}

#[test]
fn each_type_runs_the_custom_checks_its_release_registers() {
    let validation = file(generated(), "src/validation.rs");
    // As `common/validations.rb` registers them: a loop's two checks, the
    // second a warning; and a type with none gets none.
    let name_family = validation
        .split("const NAME_FAMILY: Schema")
        .nth(1)
        .and_then(|rest| rest.split("\n};").next())
        .expect("name_family's rules");
    let compact: String = name_family.split_whitespace().collect();
    assert!(
        compact.contains(
            r#"checks:Some(&[Registered::error("name_family_check_name"),Registered::warning("name_family_check_authority_id"),],),"#
        ),
        "{name_family}"
    );
    let digital_object = validation
        .split("const DIGITAL_OBJECT: Schema")
        .nth(1)
        .and_then(|rest| rest.split("\n};").next())
        .expect("digital_object's rules");
    assert!(
        digital_object.contains("checks: Some(&[]),"),
        "{digital_object}"
    );

    // A snapshot that does not say (made before the checks were recorded)
    // leaves every type to the newest release's checks.
    let mut snapshot = Snapshot::read(&Path::new(WORKSPACE).join("schemas")).expect("snapshot");
    for schema in snapshot.schemas.values_mut() {
        if let Some(schema) = schema.as_object_mut() {
            schema.remove("validations");
        }
    }
    let files = emit::generate(&snapshot).expect("generates");
    let validation = file(&files, "src/validation.rs");
    assert!(!validation.contains("Registered"));
    assert!(!validation.contains("checks: Some"));
    assert!(validation.contains("checks: None,"));
}

#[test]
fn the_manifest_depends_on_exactly_the_crates_the_sources_use() {
    let files = generated();
    let sources: Vec<&str> = files.iter().map(|f| f.contents.as_str()).collect();
    let dependencies: Vec<String> = emit::package::dependency_names()
        .iter()
        .map(|name| name.replace('-', "_"))
        .collect();
    for dependency in &dependencies {
        let path = format!("{dependency}::");
        assert!(
            sources.iter().any(|text| text.contains(&path)),
            "{dependency} is a dependency that no generated file uses"
        );
    }
    // Every crate a path starts from is this crate, std, a dependency, or a
    // module the crate declares or imports (use lines may span lines, so
    // the names are gathered from every file).
    let mut modules: Vec<&str> = Vec::new();
    for text in &sources {
        let mut in_use = false;
        for line in text.lines().map(str::trim_start) {
            let rest = line.strip_prefix("pub ").unwrap_or(line);
            if let Some(name) = rest.strip_prefix("mod ") {
                modules.push(name.trim_end_matches([';', '{', ' ']));
                continue;
            }
            in_use |= rest.starts_with("use ");
            if in_use {
                let imported = rest.rsplit("::").next().unwrap_or_default();
                modules.extend(
                    imported
                        .split([',', '{', '}', ';', ' '])
                        .filter(|name| !name.is_empty()),
                );
                in_use = !rest.ends_with(';');
            }
        }
    }
    for text in &sources {
        // Paths' first segments (`serde_path_to_error::Track`), outside
        // comments.
        for line in text.lines().map(str::trim_start) {
            if line.starts_with("//") {
                continue;
            }
            let bytes = line.as_bytes();
            let mut at = 0;
            while let Some(found) = line[at..].find("::") {
                let end = at + found;
                let start = line[..end]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(0, |i| i + 1);
                let root = &line[start..end];
                let after_path = start >= 1 && bytes[start - 1] == b':';
                let lowercase = root.starts_with(|c: char| c.is_ascii_lowercase());
                if !after_path && lowercase {
                    // `rustfmt::skip` is a tool's attribute and
                    // `str::to_owned` a primitive's method, not crates.
                    let known = [
                        "crate", "self", "super", "std", "rustfmt", "str", "bool", "char", "u8",
                        "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32",
                        "f64",
                    ]
                    .contains(&root)
                        || dependencies.iter().any(|d| d == root)
                        || modules.contains(&root);
                    assert!(known, "`{line}` names `{root}`, which the manifest lacks");
                }
                at = end + 2;
            }
        }
    }
}

#[test]
fn the_committed_manifest_and_readme_are_what_generate_writes() {
    let snapshot = Snapshot::read(&Path::new(WORKSPACE).join("schemas")).expect("snapshot");
    let options = emit::package::CrateOptions {
        name: emit::package::DEFAULT_CRATE_NAME.into(),
        snapshot_from_crate: Some("../schemas".into()),
    };
    for (path, expected) in [
        ("Cargo.toml", emit::package::cargo_toml(&snapshot, &options)),
        ("README.md", emit::package::readme(&snapshot, &options)),
    ] {
        let committed = fs::read_to_string(Path::new(WORKSPACE).join("generated").join(path))
            .expect("the committed file");
        assert_eq!(
            committed, expected,
            "generated/{path}; run `cargo xtask codegen`"
        );
    }
}
