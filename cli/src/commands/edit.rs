//! `aspace edit URI`: the record in `$VISUAL` / `$EDITOR`, as JSON or YAML,
//! checked on the client before it is sent. When the edit cannot be saved
//! (invalid, not JSON, or someone else saved the record meanwhile) it is
//! kept in a file, and the message says where, as `kubectl edit` does.

use std::path::{Path, PathBuf};
use std::process::Command;

use archivesspace::{Client, Modified};
use clap::Args;
use serde_json::Value;

use crate::commands::records::{check, messages, site_enumerations};
use crate::error::{Failure, Outcome};
use crate::output::{Format, OutputArgs, Printer};
use crate::record_types::RecordType;

/// `edit`'s arguments.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The record's URI.
    pub uri: String,
    /// Edit YAML instead of JSON.
    #[arg(long)]
    pub yaml: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Fetches, edits, checks and saves the record.
pub async fn run(client: &Client, args: &EditArgs) -> Outcome {
    let record: Value = client.get_json(&args.uri).await?;
    let original = render(&record, args.yaml)?;
    let suffix = if args.yaml { ".yaml" } else { ".json" };
    let file = tempfile::Builder::new()
        .prefix("aspace-edit-")
        .suffix(suffix)
        .tempfile()
        .map_err(|e| Failure::failed(format!("cannot make a file to edit in: {e}")))?;
    std::fs::write(file.path(), &original)
        .map_err(|e| Failure::failed(format!("cannot write {}: {e}", file.path().display())))?;
    run_editor(file.path())?;
    let edited = std::fs::read_to_string(file.path())
        .map_err(|e| Failure::failed(format!("cannot read {}: {e}", file.path().display())))?;
    if edited == original {
        eprintln!("{}: no changes", args.uri);
        return Ok(());
    }
    // From here on a failure keeps the edit.
    let keep = |failure: Failure| -> Failure {
        match keep_edit(file.path(), &edited) {
            Ok(kept) => Failure {
                status: failure.status,
                message: format!(
                    "{}; your edit is kept in {}",
                    failure.message,
                    kept.display()
                ),
            },
            Err(e) => failure.context(format!("and the edit could not be kept ({e})")),
        }
    };
    let changed = parse(&edited, args.yaml, file.path()).map_err(keep)?;
    let record_type = changed
        .get("jsonmodel_type")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| RecordType::of_uri(&args.uri).map(|t| t.name.to_owned()));
    if let Some(record_type) = record_type {
        let enumerations = site_enumerations(client).await;
        let verdict = check(&record_type, &changed, enumerations.as_ref()).map_err(keep)?;
        if !verdict.is_valid() {
            return Err(keep(Failure::failed(format!(
                "{}: invalid {record_type}: {}",
                args.uri,
                messages(&verdict)
            ))));
        }
    }
    let done: Modified = client
        .post_json(&args.uri, &changed)
        .await
        .map_err(|e| keep(e.into()))?;
    let mut printer = Printer::new(&args.output, Format::Json)?;
    let value = serde_json::to_value(&done)
        .map_err(|e| Failure::failed(format!("cannot write the answer: {e}")))?;
    printer.print(&value)?;
    printer.finish()
}

fn render(record: &Value, yaml: bool) -> Outcome<String> {
    if yaml {
        serde_norway::to_string(record)
            .map_err(|e| Failure::failed(format!("cannot write the record as YAML: {e}")))
    } else {
        serde_json::to_string_pretty(record)
            .map(|text| text + "\n")
            .map_err(|e| Failure::failed(format!("cannot write the record as JSON: {e}")))
    }
}

fn parse(text: &str, yaml: bool, path: &Path) -> Outcome<Value> {
    if yaml {
        serde_norway::from_str(text).map_err(|e| {
            let place = e
                .location()
                .map(|l| format!(":{}:{}", l.line(), l.column()))
                .unwrap_or_default();
            Failure::failed(format!("{}{place}: invalid YAML: {e}", path.display()))
        })
    } else {
        crate::input::parse_json(&path.display().to_string(), text.as_bytes(), 0)
    }
}

/// Runs the user's editor on `path`: `$VISUAL`, else `$EDITOR`, else `vi`,
/// through the shell so that `EDITOR="code --wait"` works.
fn run_editor(path: &Path) -> Outcome {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_owned());
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| Failure::usage(format!("cannot run the editor `{editor}`: {e}")))?;
    if !status.success() {
        return Err(Failure::failed(format!(
            "the editor `{editor}` failed ({status}); nothing was saved"
        )));
    }
    Ok(())
}

/// Copies the edit to a file that outlives the command.
fn keep_edit(edited_in: &Path, text: &str) -> std::io::Result<PathBuf> {
    let suffix = edited_in
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let kept = tempfile::Builder::new()
        .prefix("aspace-edit-kept-")
        .suffix(&suffix)
        .tempfile()?;
    std::fs::write(kept.path(), text)?;
    let (_, path) = kept.keep().map_err(|e| e.error)?;
    Ok(path)
}
