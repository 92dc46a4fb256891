//! The runtime re-exports the generated crate wholesale at its root
//! (`pub use archivesspace_api::*`), beside names of its own. An item of its
//! own silently wins over a generated one of the same name, so a record type
//! called, say, `Search` would vanish from `archivesspace::`. This checks the
//! generated crate in this workspace against the runtime's own root names.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const WORKSPACE: &str = env!("CARGO_MANIFEST_DIR");

/// The names the runtime's `lib.rs` defines or re-exports from its own
/// modules (not from the generated crate).
fn runtime_names() -> BTreeSet<String> {
    let lib = fs::read_to_string(Path::new(WORKSPACE).join("src/lib.rs")).expect("src/lib.rs");
    let mut names = BTreeSet::new();
    for line in lib.lines().map(str::trim) {
        let Some(item) = line.strip_prefix("pub use ") else {
            continue;
        };
        if item.starts_with("archivesspace_api") {
            continue;
        }
        let item = item.trim_end_matches(';');
        let listed = match item.split_once('{') {
            Some((_, list)) => list.trim_end_matches('}').to_owned(),
            None => item.rsplit("::").next().unwrap_or_default().to_owned(),
        };
        names.extend(
            listed
                .split(',')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty()),
        );
    }
    names
}

/// Every type the generated crate defines at its root: records, their
/// nested types and the unions.
fn generated_names() -> BTreeSet<String> {
    let src = Path::new(WORKSPACE).join("generated/src");
    let mut files = vec![src.join("unions.rs"), src.join("record.rs")];
    for entry in fs::read_dir(src.join("records")).expect("generated/src/records") {
        files.push(entry.expect("a records entry").path());
    }
    let mut names = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a generated file");
        for line in text.lines() {
            for keyword in ["pub struct ", "pub enum ", "pub type "] {
                if let Some(rest) = line.strip_prefix(keyword) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    names.insert(name);
                }
            }
        }
    }
    names
}

#[test]
fn no_generated_type_is_shadowed_by_a_runtime_name() {
    let runtime = runtime_names();
    assert!(
        runtime.contains("Client") && runtime.contains("Search"),
        "{runtime:?}"
    );
    let generated = generated_names();
    assert!(generated.contains("Accession") && generated.contains("Record"));
    let shadowed: Vec<&String> = runtime.intersection(&generated).collect();
    assert!(
        shadowed.is_empty(),
        "the runtime's own names hide these generated types at `archivesspace::`: {shadowed:?}"
    );
}
