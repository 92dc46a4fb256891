//! `aspace validate FILE...`: every record checked on the client as the
//! backend would check it, with the bundled release's rules; no server.

use std::io::Write;

use clap::Args;
use serde_json::Value;

use crate::commands::records::check;
use crate::error::{write_failed, Failure, Outcome};
use crate::input::records;
use crate::route_call::Input;

/// `validate`'s arguments.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files of records: a JSON record, a JSON array of them, or JSON Lines;
    /// `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// The record type of records without a `jsonmodel_type`.
    #[arg(long = "type", value_name = "JSONMODEL_TYPE")]
    pub record_type: Option<String>,
}

/// Prints each invalid record's messages (`place: type: path: message`) and
/// fails when any record is invalid.
pub fn run(args: &ValidateArgs) -> Outcome {
    let mut out = std::io::stdout().lock();
    let (mut total, mut invalid) = (0usize, 0usize);
    for file in &args.files {
        let input = Input::from_arg(file);
        let found = match input
            .read()
            .and_then(|bytes| records(&input.name(), &bytes))
        {
            Ok(found) => found,
            Err(failure) => {
                // A file that is not JSON is a file of invalid records.
                total += 1;
                invalid += 1;
                writeln!(out, "{}", failure.line())
                    .map_err(|e| write_failed("standard output", e))?;
                continue;
            }
        };
        for record in found {
            total += 1;
            let record_type = record
                .value
                .get("jsonmodel_type")
                .and_then(Value::as_str)
                .or(args.record_type.as_deref());
            let Some(record_type) = record_type else {
                invalid += 1;
                writeln!(
                    out,
                    "{}: no jsonmodel_type (give --type for records without one)",
                    record.place
                )
                .map_err(|e| write_failed("standard output", e))?;
                continue;
            };
            let verdict = match check(record_type, &record.value, None) {
                Ok(verdict) => verdict,
                Err(failure) => {
                    invalid += 1;
                    writeln!(out, "{}: {}", record.place, failure.line())
                        .map_err(|e| write_failed("standard output", e))?;
                    continue;
                }
            };
            if !verdict.is_valid() {
                invalid += 1;
            }
            for (level, messages) in [("error", &verdict.errors), ("warning", &verdict.warnings)] {
                for (path, texts) in messages {
                    for text in texts {
                        writeln!(
                            out,
                            "{}: {record_type}: {level}: {path}: {text}",
                            record.place
                        )
                        .map_err(|e| write_failed("standard output", e))?;
                    }
                }
            }
        }
    }
    out.flush()
        .map_err(|e| write_failed("standard output", e))?;
    if invalid > 0 {
        Err(Failure::failed(format!(
            "{invalid} of {total} records invalid"
        )))
    } else {
        eprintln!("{total} records valid");
        Ok(())
    }
}
