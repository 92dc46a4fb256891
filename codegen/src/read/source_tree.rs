//! Reading the Ruby files of an ArchivesSpace source tree or plugin: which
//! files, under what name they are shown, and the digest of what was read.
//! Shared by the schema import and the endpoint reader.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// A Ruby file to read: the name it is shown under (in errors, warnings and
/// `source` fields; relative to the tree, never a machine path) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// E.g. `common/schemas/accession.rb` or `my_plugin/schemas/accession_ext.rb`.
    pub shown_as: String,
    /// The file's contents.
    pub text: String,
}

impl SourceFile {
    /// A file from its shown name and text.
    pub fn new(shown_as: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            shown_as: shown_as.into(),
            text: text.into(),
        }
    }
}

/// A file or directory that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not UTF-8, as every Ruby source of ArchivesSpace is.
    #[error("{path}: not UTF-8 (the first {valid_up_to} bytes are)")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// How many leading bytes are valid.
        valid_up_to: usize,
    },
}

/// The `.rb` files directly in `dir` as (file name, path), in name order.
pub fn ruby_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, ReadError> {
    let io = |source| ReadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "rb") && path.is_file() {
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                files.push((name.to_owned(), path.clone()));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Reads one file, to be shown as `shown_as`.
pub fn read_source(path: &Path, shown_as: String) -> Result<SourceFile, ReadError> {
    let bytes = fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        path: path.to_path_buf(),
        valid_up_to: e.utf8_error().valid_up_to(),
    })?;
    Ok(SourceFile { shown_as, text })
}

/// The name a plugin directory is recorded and shown under: its own folder
/// name, as ArchivesSpace's `AppConfig[:plugins]` lists it.
pub fn plugin_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string())
}

/// `sha256:<hex>` over (name, text) inputs in the order given; each part is
/// length-prefixed so that no two different input lists hash alike.
pub fn digest<'a>(inputs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut hasher = Sha256::new();
    for (name, text) in inputs {
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    }
    finish(hasher)
}

/// The `sha256:<hex>` form every digest in a snapshot is written in.
pub fn finish(hasher: Sha256) -> String {
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}
