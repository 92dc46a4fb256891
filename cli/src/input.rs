//! Reading what the user hands the tool: a file or `-` for standard input,
//! as one JSON document or as records (a JSON array, one object, or JSON
//! Lines), every parse error with its file:line:col.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::error::{Failure, Outcome};
use crate::route_call::Input;

impl Input {
    /// How messages name it.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// Its bytes, read whole.
    pub fn read(&self) -> Outcome<Vec<u8>> {
        let mut bytes = Vec::new();
        match self {
            Input::Stdin => std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map(|_| ())
                .map_err(|e| Failure::failed(format!("cannot read standard input: {e}")))?,
            Input::File(path) => {
                bytes = std::fs::read(path)
                    .map_err(|e| Failure::failed(format!("cannot read {}: {e}", path.display())))?
            }
        }
        Ok(bytes)
    }

    /// One JSON document.
    pub fn json(&self) -> Outcome<Value> {
        parse_json(&self.name(), &self.read()?, 0)
    }
}

/// Parses one JSON document; an error names `name:line:col` (`line_offset`
/// lines are added, for a line of a JSON Lines file).
pub fn parse_json(name: &str, bytes: &[u8], line_offset: usize) -> Outcome<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        Failure::failed(format!(
            "{name}:{}:{}: invalid JSON: {}",
            e.line() + line_offset,
            e.column(),
            strip_position(&e.to_string())
        ))
    })
}

/// serde_json's message without its own " at line L column C".
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

/// A record read from a file, with where it was.
#[derive(Debug)]
pub struct Located {
    /// `file:line` (the line its document starts on).
    pub place: String,
    /// The record.
    pub value: Value,
}

/// The records in `bytes`: a JSON array's elements, a single JSON object,
/// or JSON Lines (one object per line, blank lines skipped).
pub fn records(name: &str, bytes: &[u8]) -> Outcome<Vec<Located>> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let one_document = match first {
        None => return Ok(Vec::new()),
        Some(b'[') => true,
        // An object over several lines is one document; an object a line
        // is JSON Lines.
        Some(_) => serde_json::from_slice::<Value>(bytes).is_ok(),
    };
    if one_document {
        return Ok(match parse_json(name, bytes, 0)? {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(index, value)| Located {
                    place: format!("{name}[{index}]"),
                    value,
                })
                .collect(),
            value => vec![Located {
                place: format!("{name}:1"),
                value,
            }],
        });
    }
    let mut found = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value = parse_json(name, line, index)?;
        found.push(Located {
            place: format!("{name}:{}", index + 1),
            value,
        });
    }
    Ok(found)
}

/// Writes `bytes` to `path` through a sibling temporary file renamed over
/// it, so that a reader never sees half of it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Outcome {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| Failure::failed(format!("cannot write {}: {e}", path.display()));
    let mut file = tempfile::NamedTempFile::new_in(folder).map_err(fail)?;
    std::io::Write::write_all(&mut file, bytes).map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
