//! The committed snapshot of ArchivesSpace's schemas and endpoints.
//!
//! Layout of a snapshot directory (by default `schemas/` at the workspace
//! root):
//!
//! ```text
//! source.json              where the snapshot came from (see [`SourceInfo`])
//! jsonmodel/<name>.json    one JSONModel schema a file: the value of the
//!                          `:schema` hash, every key and value as Ruby
//!                          evaluates it, in Ruby's key order
//! endpoints.json           the routes (present when the source had controllers)
//! ```
//!
//! Parts of a schema that ArchivesSpace computes with Ruby code at start-up
//! (in `defaults.rb`, the locale list and the browse-column preferences) have
//! no literal value. They are left out of the schema's JSON and listed under the
//! schema's [`COMPUTED_KEY`], so nothing is silently dropped or guessed.
//!
//! Writing is atomic at the directory level: the new snapshot is written
//! next to the old one and swapped in only once every file is on disk, so a
//! failed import leaves the previous snapshot untouched.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub use crate::ir::COMPUTED_KEY;
use crate::ir::{IrError, Model, Route};

/// The version of the snapshot layout written by this crate.
pub const FORMAT_VERSION: u32 = 1;

/// How the schemas in a snapshot were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchemaForm {
    /// Read from the `.rb` files of a source tree: each schema as written,
    /// with `parent` unresolved and without the properties ArchivesSpace
    /// injects at load time.
    Source,
    /// Fetched from a running server's `GET /schemas`: each schema already
    /// merged with its parent and with the injected properties present.
    Server,
}

/// What `source.json` records about a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Layout version ([`FORMAT_VERSION`]).
    pub format: u32,
    /// The ArchivesSpace release, e.g. `v4.2.1`, or `unknown`.
    pub archivesspace_version: String,
    /// How the schemas were obtained.
    pub form: SchemaForm,
    /// `sha256:<hex>` over the schema inputs (file names and bytes, in name
    /// order; for a server, the response body).
    pub schemas_digest: String,
    /// `sha256:<hex>` over the controller inputs, when endpoints were imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints_digest: Option<String>,
    /// Names of the plugins merged in, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plugins: Vec<String>,
}

/// A snapshot in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Provenance.
    pub source: SourceInfo,
    /// Schemas by JSONModel type name, in name order.
    pub schemas: BTreeMap<String, Value>,
    /// The routes, when endpoints were imported.
    pub endpoints: Option<Vec<Route>>,
}

/// Failure to read or write a snapshot.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// A file is not valid JSON of the expected shape.
    #[error("{path}:{line}:{column}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The directory is not a snapshot.
    #[error("{path}: not a snapshot ({reason})")]
    Layout {
        /// The directory.
        path: PathBuf,
        /// What is missing.
        reason: String,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> SnapshotError + '_ {
    move |source| SnapshotError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, SnapshotError> {
    let text = fs::read_to_string(path).map_err(io_error(path))?;
    serde_json::from_str(&text).map_err(|e| SnapshotError::Json {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Serialises a JSON value the way every snapshot file is written: two-space
/// indentation, keys in their stored order, a final newline. One fixed form
/// keeps regenerated snapshots byte-identical.
pub fn to_pretty_json(value: &impl Serialize) -> String {
    // Serialising a `serde_json::Value` or a plain derive cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

impl Snapshot {
    /// The IR of this snapshot's release: its record types and routes.
    pub fn model(&self) -> Result<Model, IrError> {
        Model::new(
            &self.source.archivesspace_version,
            &self.schemas,
            self.endpoints.clone(),
        )
    }

    /// Reads the snapshot in `dir`.
    pub fn read(dir: &Path) -> Result<Self, SnapshotError> {
        let source_path = dir.join("source.json");
        if !source_path.is_file() {
            return Err(SnapshotError::Layout {
                path: dir.to_path_buf(),
                reason: "no source.json".into(),
            });
        }
        let source: SourceInfo = read_json(&source_path)?;
        let jsonmodel = dir.join("jsonmodel");
        let mut schemas = BTreeMap::new();
        for entry in fs::read_dir(&jsonmodel).map_err(io_error(&jsonmodel))? {
            let path = entry.map_err(io_error(&jsonmodel))?.path();
            let Some(name) = json_file_stem(&path) else {
                continue;
            };
            schemas.insert(name, read_json(&path)?);
        }
        let endpoints_path = dir.join("endpoints.json");
        let endpoints = if endpoints_path.is_file() {
            Some(read_json(&endpoints_path)?)
        } else {
            None
        };
        Ok(Snapshot {
            source,
            schemas,
            endpoints,
        })
    }

    /// The files of this snapshot as (relative path, contents), in a fixed order.
    pub fn files(&self) -> Vec<(PathBuf, String)> {
        let mut files = vec![(PathBuf::from("source.json"), to_pretty_json(&self.source))];
        for (name, schema) in &self.schemas {
            files.push((
                Path::new("jsonmodel").join(format!("{name}.json")),
                to_pretty_json(schema),
            ));
        }
        if let Some(endpoints) = &self.endpoints {
            files.push((PathBuf::from("endpoints.json"), to_pretty_json(endpoints)));
        }
        files
    }

    /// `sha256:<hex>` over the snapshot's files as written: for each file in
    /// order of its relative path (with `/` separators), the path, a NUL,
    /// the contents' length as 8 little-endian bytes, and the contents.
    ///
    /// The generated crate records this digest; the runtime crate's build
    /// script recomputes it from `schemas/` with the same recipe to spot a
    /// stale `generated/`.
    pub fn content_digest(&self) -> String {
        let mut files: Vec<(String, String)> = self
            .files()
            .into_iter()
            .map(|(path, contents)| (relative_key(&path), contents))
            .collect();
        files.sort();
        let mut hasher = Sha256::new();
        for (path, contents) in &files {
            hasher.update(path.as_bytes());
            hasher.update([0]);
            hasher.update((contents.len() as u64).to_le_bytes());
            hasher.update(contents.as_bytes());
        }
        crate::read::source_tree::finish(hasher)
    }

    /// The whole snapshot as one compact JSON document, for a program to
    /// carry inside itself (`aspace drift` compares a server with the
    /// bundled release's): `{"source": ..., "schemas": {...}, "endpoints":
    /// [...]}`, in a fixed order, with a final newline.
    pub fn to_bundle(&self) -> String {
        let bundle = serde_json::json!({
            "source": self.source,
            "schemas": self.schemas,
            "endpoints": self.endpoints,
        });
        format!("{bundle}\n")
    }

    /// Reads what [`Snapshot::to_bundle`] wrote; `name` says where the text
    /// came from, for errors.
    pub fn from_bundle(name: &Path, text: &str) -> Result<Self, SnapshotError> {
        #[derive(serde::Deserialize)]
        struct Bundle {
            source: SourceInfo,
            schemas: BTreeMap<String, Value>,
            endpoints: Option<Vec<Route>>,
        }
        let bundle: Bundle = serde_json::from_str(text).map_err(|e| SnapshotError::Json {
            path: name.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        Ok(Snapshot {
            source: bundle.source,
            schemas: bundle.schemas,
            endpoints: bundle.endpoints,
        })
    }

    /// Writes the snapshot to `dir`, replacing whatever snapshot was there.
    ///
    /// The files are first written to a sibling directory; only when all of
    /// them are written is the old directory moved aside and the new one moved
    /// into place. On failure `dir` is left as it was.
    pub fn write(&self, dir: &Path) -> Result<(), SnapshotError> {
        write_dir_atomically(dir, &self.files())
    }
}

/// Writes `files` (relative path, contents) as the whole content of `dir`,
/// swapping the new directory in only when every file is written.
pub fn write_dir_atomically(dir: &Path, files: &[(PathBuf, String)]) -> Result<(), SnapshotError> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "snapshot".into());
    let staging = parent.join(format!(".{base}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{base}.old-{}", std::process::id()));

    let result = (|| {
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(io_error(&staging))?;
        }
        for (relative, contents) in files {
            let path = staging.join(relative);
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder).map_err(io_error(folder))?;
            }
            fs::write(&path, contents).map_err(io_error(&path))?;
        }
        if dir.exists() {
            fs::rename(dir, &retired).map_err(io_error(dir))?;
        }
        if let Err(e) = fs::rename(&staging, dir) {
            // Put the previous snapshot back before reporting.
            let _ = fs::rename(&retired, dir);
            return Err(io_error(dir)(e));
        }
        if retired.exists() {
            fs::remove_dir_all(&retired).map_err(io_error(&retired))?;
        }
        Ok(())
    })();
    if result.is_err() && staging.exists() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// A relative path with `/` separators, the same on every platform.
fn relative_key(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `foo` for a path `.../foo.json`.
fn json_file_stem(path: &Path) -> Option<String> {
    if path.extension()? != "json" {
        return None;
    }
    Some(path.file_stem()?.to_str()?.to_owned())
}

/// The default snapshot directory: `schemas/` at the workspace root.
pub fn default_dir(workspace_root: &Path) -> PathBuf {
    workspace_root.join("schemas")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Snapshot {
        Snapshot {
            source: SourceInfo {
                format: FORMAT_VERSION,
                archivesspace_version: "v0.0.0".into(),
                form: SchemaForm::Source,
                schemas_digest: "sha256:00".into(),
                endpoints_digest: None,
                plugins: vec![],
            },
            schemas: BTreeMap::from([(
                "thing".to_string(),
                json!({"type": "object", "properties": {"b": {}, "a": {}}}),
            )]),
            endpoints: None,
        }
    }

    #[test]
    fn write_then_read_gives_the_same_snapshot_and_key_order() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("schemas");
        sample().write(&dir).unwrap();
        let back = Snapshot::read(&dir).unwrap();
        assert_eq!(back, sample());
        let text = fs::read_to_string(dir.join("jsonmodel/thing.json")).unwrap();
        assert!(text.find("\"b\"").unwrap() < text.find("\"a\"").unwrap());
    }

    #[test]
    fn failed_write_leaves_previous_snapshot() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("schemas");
        sample().write(&dir).unwrap();
        // A relative path that climbs out of the staging directory into a
        // file that exists as a directory cannot be written.
        let blocker = tmp.path().join("blocked");
        fs::create_dir_all(&blocker).unwrap();
        let bad = vec![
            (PathBuf::from("source.json"), "{}".to_string()),
            (PathBuf::from("../blocked"), "x".to_string()),
        ];
        assert!(write_dir_atomically(&dir, &bad).is_err());
        assert_eq!(Snapshot::read(&dir).unwrap(), sample());
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    }

    #[test]
    fn reading_a_non_snapshot_names_the_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let err = Snapshot::read(tmp.path()).unwrap_err().to_string();
        assert!(err.contains("not a snapshot"), "{err}");
    }
}
