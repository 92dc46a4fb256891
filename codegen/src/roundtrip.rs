//! `cargo xtask roundtrip <PATH>...`: checks that records decode into the
//! generated types and encode back to the same JSON.
//!
//! This module knows nothing of the generated types (the codegen crate is
//! built before them); the caller passes a [`Codec`] that decodes a record by
//! its `jsonmodel_type` and encodes it again. What this module does is find
//! the records in a file, compare, and report.
//!
//! A file may hold a record, an array of records, or a page
//! (`{"results": [...]}`). A search result document is not a record, but its
//! `json` string holds one, which is checked instead.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// A record that did not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    /// The JSON path, within the record, of the value that did not decode.
    pub path: String,
    /// Why.
    pub message: String,
}

/// Decodes a record into its generated type and encodes it again.
pub type Codec<'a> = &'a dyn Fn(Value) -> Result<Value, DecodeFailure>;

/// One record found in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundRecord {
    /// Where it is in the file (`.`, `[3]`, `results[3]`, `results[0].json`).
    pub path: String,
    /// The record.
    pub value: Value,
}

fn join(base: &str, child: &str) -> String {
    match (base, child.starts_with('[')) {
        (".", true) => child.to_owned(),
        (".", false) => child.to_owned(),
        (_, true) => format!("{base}{child}"),
        (_, false) => format!("{base}.{child}"),
    }
}

/// The record an object is, if any: the record in a search document's
/// `json` string, or the object itself when it has a `jsonmodel_type`.
fn record_of(value: &Value, path: &str) -> Option<FoundRecord> {
    let object = value.as_object()?;
    if let Some(Value::String(text)) = object.get("json") {
        if let Ok(inner @ Value::Object(_)) = serde_json::from_str::<Value>(text) {
            if inner
                .get("jsonmodel_type")
                .and_then(Value::as_str)
                .is_some()
            {
                return Some(FoundRecord {
                    path: join(path, "json"),
                    value: inner,
                });
            }
        }
    }
    object.get("jsonmodel_type")?.as_str()?;
    Some(FoundRecord {
        path: path.to_owned(),
        value: value.clone(),
    })
}

/// The records in a file's JSON: a record, an array of records, or a page.
pub fn records_in(value: &Value) -> Vec<FoundRecord> {
    let items = |array: &Vec<Value>, base: &str| -> Vec<FoundRecord> {
        array
            .iter()
            .enumerate()
            .filter_map(|(i, v)| record_of(v, &join(base, &format!("[{i}]"))))
            .collect()
    };
    match value {
        Value::Array(array) => items(array, "."),
        Value::Object(object) => match record_of(value, ".") {
            Some(record) => vec![record],
            None => match object.get("results") {
                Some(Value::Array(results)) => items(results, "results"),
                _ => Vec::new(),
            },
        },
        _ => Vec::new(),
    }
}

fn snippet(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "nothing".into();
    };
    let text = value.to_string();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// The JSON path of the first place where `expected` and `actual` differ
/// (object keys in sorted order; key order itself is not a difference),
/// with what each side has there.
pub fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    fn walk(path: &str, expected: &Value, actual: &Value) -> Option<String> {
        match (expected, actual) {
            (Value::Object(e), Value::Object(a)) => {
                let mut keys: Vec<&String> = e.keys().chain(a.keys()).collect();
                keys.sort();
                keys.dedup();
                for key in keys {
                    let child = join(path, key);
                    match (e.get(key), a.get(key)) {
                        (Some(ev), Some(av)) => {
                            if let Some(found) = walk(&child, ev, av) {
                                return Some(found);
                            }
                        }
                        (ev, av) => {
                            return Some(format!(
                                "{child}: expected {}, got {}",
                                snippet(ev),
                                snippet(av)
                            ))
                        }
                    }
                }
                None
            }
            (Value::Array(e), Value::Array(a)) => {
                for i in 0..e.len().max(a.len()) {
                    let child = join(path, &format!("[{i}]"));
                    match (e.get(i), a.get(i)) {
                        (Some(ev), Some(av)) => {
                            if let Some(found) = walk(&child, ev, av) {
                                return Some(found);
                            }
                        }
                        (ev, av) => {
                            return Some(format!(
                                "{child}: expected {}, got {}",
                                snippet(ev),
                                snippet(av)
                            ))
                        }
                    }
                }
                None
            }
            (e, a) if e == a => None,
            (e, a) => Some(format!(
                "{path}: expected {}, got {}",
                snippet(Some(e)),
                snippet(Some(a))
            )),
        }
    }
    walk(".", expected, actual)
}

/// What checking one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    /// Every record round-tripped; how many there were.
    Passed(usize),
    /// The file holds no record.
    Skipped,
    /// The first record that failed, and how.
    Failed(String),
}

/// Checks every record of one file's JSON.
pub fn check_value(value: &Value, codec: Codec<'_>) -> FileOutcome {
    let records = records_in(value);
    if records.is_empty() {
        return FileOutcome::Skipped;
    }
    for record in &records {
        let at = |inner: &str| -> String {
            match (record.path.as_str(), inner) {
                (".", inner) => inner.to_owned(),
                (outer, ".") => outer.to_owned(),
                (outer, inner) if inner.starts_with('[') => format!("{outer}{inner}"),
                (outer, inner) => format!("{outer}.{inner}"),
            }
        };
        match codec(record.value.clone()) {
            Err(failure) => {
                return FileOutcome::Failed(format!(
                    "decode error at {}: {}",
                    at(&failure.path),
                    failure.message
                ))
            }
            Ok(encoded) => {
                if let Some(difference) = first_difference(&record.value, &encoded) {
                    let difference = match record.path.as_str() {
                        "." => difference,
                        outer if difference.starts_with('.') => {
                            format!("{outer}{}", &difference[1..])
                        }
                        outer if difference.starts_with('[') => format!("{outer}{difference}"),
                        outer => format!("{outer}.{difference}"),
                    };
                    return FileOutcome::Failed(format!("differs at {difference}"));
                }
            }
        }
    }
    FileOutcome::Passed(records.len())
}

/// Checks one file.
pub fn check_file(path: &Path, codec: Codec<'_>) -> FileOutcome {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return FileOutcome::Failed(format!("cannot read: {e}")),
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(value) => check_value(&value, codec),
        Err(e) => FileOutcome::Failed(format!("not JSON: {e}")),
    }
}

/// The `.json` files at or under `paths`, in order.
pub fn json_files(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut pending = vec![path.clone()];
            while let Some(dir) = pending.pop() {
                for entry in fs::read_dir(&dir)? {
                    let entry = entry?;
                    let child = entry.path();
                    if entry.file_type()?.is_dir() {
                        pending.push(child);
                    } else if child.extension().is_some_and(|e| e == "json") {
                        out.push(child);
                    }
                }
            }
        } else {
            out.push(path.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files whose records all round-tripped.
    pub passed: usize,
    /// Files with a record that did not.
    pub failed: usize,
    /// Files holding no record.
    pub skipped: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}

/// Checks every JSON file at or under `paths`, writing a line per failing
/// or skipped file and then the summary line (`N passed, M failed`).
pub fn run(paths: &[PathBuf], codec: Codec<'_>, out: &mut dyn Write) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for file in json_files(paths)? {
        match check_file(&file, codec) {
            FileOutcome::Passed(_) => summary.passed += 1,
            FileOutcome::Skipped => {
                summary.skipped += 1;
                writeln!(out, "{}: skipped (no record)", file.display())?;
            }
            FileOutcome::Failed(why) => {
                summary.failed += 1;
                writeln!(out, "{}: {why}", file.display())?;
            }
        }
    }
    writeln!(out, "{summary}")?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn identity(value: Value) -> Result<Value, DecodeFailure> {
        Ok(value)
    }

    #[test]
    fn finds_records_in_pages_arrays_and_search_documents() {
        let page = json!({"first_page": 1, "results": [
            {"jsonmodel_type": "subject", "title": "a"},
            {"no": "type"},
            {"jsonmodel_type": "accession", "json": "{\"jsonmodel_type\":\"accession\"}"},
            {"jsonmodel_type": null, "json": "{\"jsonmodel_type\":\"resource\"}"}
        ]});
        let found = records_in(&page);
        let paths: Vec<&str> = found.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["results[0]", "results[2].json", "results[3].json"]);
        assert_eq!(found[1].value, json!({"jsonmodel_type": "accession"}));
        assert_eq!(records_in(&json!([{"jsonmodel_type": "x"}]))[0].path, "[0]");
        assert!(records_in(&json!({"error": "nope"})).is_empty());
    }

    #[test]
    fn first_difference_names_the_path() {
        let a = json!({"a": [1, {"b": null}], "c": 1});
        let b = json!({"c": 1, "a": [1, {}]});
        assert_eq!(
            first_difference(&a, &b).as_deref(),
            Some("a[1].b: expected null, got nothing")
        );
        assert_eq!(first_difference(&a, &a), None);
        assert_eq!(
            first_difference(&json!(1), &json!(1.0)).as_deref(),
            Some(".: expected 1, got 1.0")
        );
    }

    #[test]
    fn outcomes_and_summary() {
        let codec: Codec<'_> = &identity;
        assert_eq!(
            check_value(&json!({"jsonmodel_type": "x"}), codec),
            FileOutcome::Passed(1)
        );
        assert_eq!(
            check_value(&json!({"session": "s"}), codec),
            FileOutcome::Skipped
        );
        let failing: Codec<'_> = &|_| {
            Err(DecodeFailure {
                path: "publish".into(),
                message: "invalid type".into(),
            })
        };
        assert_eq!(
            check_value(&json!([{"jsonmodel_type": "x"}]), failing),
            FileOutcome::Failed("decode error at [0].publish: invalid type".into())
        );
        let dropping: Codec<'_> = &|_| Ok(json!({"jsonmodel_type": "x"}));
        assert_eq!(
            check_value(
                &json!({"results": [{"jsonmodel_type": "x", "k": 1}]}),
                dropping
            ),
            FileOutcome::Failed("differs at results[0].k: expected 1, got nothing".into())
        );
        let summary = Summary {
            passed: 3,
            failed: 1,
            skipped: 2,
        };
        assert_eq!(summary.to_string(), "3 passed, 1 failed");
    }
}
