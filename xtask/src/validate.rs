//! `cargo xtask validate <PATH>...`: checks records as the backend would,
//! with its messages, before they are sent.
//!
//! Files and folders are read as `roundtrip` reads them (a record, an array
//! of records, a page, search documents). Each record is validated as its
//! `jsonmodel_type` against the rules of the generated crate's release.
//! Dynamic enumeration values are checked only with `--enumerations`, a
//! saved answer of `GET /config/enumerations`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};

#[derive(Args)]
pub struct ValidateArgs {
    /// JSON files, or folders searched for `.json` files.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// `text`: one line per invalid record and a summary; `json`: one JSON
    /// object per record, one per line.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The site's dynamic enumerations: a file holding what
    /// `GET /config/enumerations` answers. Without it their values go
    /// unchecked.
    #[arg(long, value_name = "FILE")]
    enumerations: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Plain xtask does not link the generated crate, so this runs in one built
/// with it.
#[cfg(not(feature = "types"))]
pub fn run(_args: ValidateArgs, workspace: &Path) -> Result<ExitCode> {
    crate::rerun_with_feature(workspace, "types", false)
}

/// Validates every record under the paths; exit 1 if one is invalid.
#[cfg(feature = "types")]
pub fn run(args: ValidateArgs, _workspace: &Path) -> Result<ExitCode> {
    use std::io::{self, Write};

    use anyhow::Context;
    use archivesspace_api::validate::{validate_value, Enumerations, Validation};
    use archivesspace_api::validation::CATALOG;
    use archivesspace_codegen::roundtrip::{json_files, records_in};
    use serde_json::{json, Value};

    let enums = match &args.enumerations {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let answer: Value = serde_json::from_str(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}:{}:{}: not JSON: {e}",
                    path.display(),
                    e.line(),
                    e.column()
                )
            })?;
            let enums = Enumerations::from_config(&answer);
            if enums.is_empty() {
                anyhow::bail!(
                    "{} holds no enumerations (expected the answer of GET /config/enumerations)",
                    path.display()
                );
            }
            Some(enums)
        }
        None => None,
    };

    let stdout = io::stdout();
    let mut out = stdout.lock();
    let (mut passed, mut failed) = (0usize, 0usize);
    let files = json_files(&args.paths)?;
    for file in &files {
        let shown = file.display().to_string();
        let parsed = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|text| {
                serde_json::from_str::<Value>(&text)
                    .map_err(|e| format!("{}:{}: not JSON: {e}", e.line(), e.column()))
            });
        let value = match parsed {
            Ok(value) => value,
            Err(why) => {
                failed += 1;
                let why = if why.starts_with("cannot") {
                    format!("{shown}: {why}")
                } else {
                    format!("{shown}:{why}")
                };
                match args.format {
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
                .unwrap_or_default()
                .to_owned();
            let verdict = validate_value(&CATALOG, &record_type, &record.value, enums.as_ref())
                .unwrap_or_else(|error| {
                    let mut verdict = Validation::default();
                    verdict
                        .errors
                        .insert("jsonmodel_type".to_owned(), vec![error.to_string()]);
                    verdict
                });
            let valid = verdict.is_valid();
            if valid {
                passed += 1;
            } else {
                failed += 1;
            }
            let at = if record.path == "." {
                shown.clone()
            } else {
                format!("{shown} {}", record.path)
            };
            match args.format {
                Format::Text if !valid => {
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
    if args.format == Format::Text {
        writeln!(out, "{passed} passed, {failed} failed")?;
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
