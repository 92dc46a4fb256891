//! `cargo xtask validate <PATH>...`: the report over files of records.
//!
//! Like [`crate::roundtrip`], this module knows nothing of the generated
//! crate: the caller passes a [`Validator`] (the generated crate's rules and
//! `archivesspace_core::validate`). What this module does is find the records
//! in files and folders, and write one line per record: text for people,
//! JSON for programs.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::roundtrip::{json_files, records_in};

/// Messages by property path.
pub type Messages = BTreeMap<String, Vec<String>>;

/// What the validator says of one record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verdict {
    /// Messages that reject the record.
    pub errors: Messages,
    /// Messages that do not.
    pub warnings: Messages,
}

/// Validates a record as the type it names.
pub type Validator<'a> = &'a dyn Fn(&str, &Value) -> Verdict;

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line per invalid record with its messages, then `N passed, M failed`.
    Text,
    /// One JSON object per record, one per line.
    Json,
}

/// The counts of a run, by record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Valid records.
    pub passed: usize,
    /// Invalid records, and files that could not be read as JSON.
    pub failed: usize,
}

/// Validates every record of every JSON file at or under `paths`.
pub fn run(
    paths: &[PathBuf],
    validator: Validator<'_>,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<Tally> {
    let mut tally = Tally::default();
    for file in json_files(paths)? {
        let shown = file.display().to_string();
        let value = match fs::read_to_string(&file) {
            Err(e) => Err(format!("{shown}: cannot read: {e}")),
            Ok(text) => serde_json::from_str::<Value>(&text)
                .map_err(|e| format!("{shown}:{}:{}: not JSON: {e}", e.line(), e.column())),
        };
        let value = match value {
            Ok(value) => value,
            Err(why) => {
                tally.failed += 1;
                match format {
                    Format::Text => writeln!(out, "{why}")?,
                    Format::Json => writeln!(
                        out,
                        "{}",
                        json!({"file": shown, "type": null, "valid": false,
                               "errors": {"record": [why]}, "warnings": {}})
                    )?,
                }
                continue;
            }
        };
        for record in records_in(&value) {
            let record_type = record
                .value
                .get("jsonmodel_type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let verdict = validator(record_type, &record.value);
            let valid = verdict.errors.is_empty();
            if valid {
                tally.passed += 1;
            } else {
                tally.failed += 1;
            }
            match format {
                Format::Text if !valid => {
                    let at = match record.path.as_str() {
                        "." => shown.clone(),
                        inner => format!("{shown} {inner}"),
                    };
                    let messages: Vec<String> = verdict
                        .errors
                        .iter()
                        .map(|(path, messages)| format!("{path}: {}", messages.join("; ")))
                        .collect();
                    writeln!(out, "{at}: {record_type}: {}", messages.join(" | "))?;
                }
                Format::Text => {}
                Format::Json => {
                    let mut line = json!({
                        "file": shown,
                        "type": record_type,
                        "valid": valid,
                        "errors": verdict.errors,
                        "warnings": verdict.warnings,
                    });
                    if record.path != "." {
                        line["record"] = Value::String(record.path.clone());
                    }
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    if format == Format::Text {
        writeln!(out, "{} passed, {} failed", tally.passed, tally.failed)?;
    }
    Ok(tally)
}
