//! `aspace import --repo N FILE...`: records from JSON or JSON Lines files
//! in one batch import, the server's progress shown; what was saved printed
//! as JSON Lines (`{"temporary": ..., "uri": ..., "id": ...}`).

use std::io::Write;

use archivesspace::{Client, Error, ImportEvent};
use clap::Args;
use serde_json::Value;

use crate::error::{write_failed, Failure, Outcome};
use crate::input::records;
use crate::record_types::RecordType;
use crate::route_call::Input;
use crate::terminal;

/// `import`'s arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The repository to import into.
    #[arg(long, value_name = "N")]
    pub repo: i64,
    /// Files of records (a JSON array, a JSON record, or JSON Lines); `-`
    /// for standard input. Records may reference each other by temporary
    /// URIs (`/repositories/2/resources/import_1`); a record without a `uri`
    /// is given one.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
}

/// Runs the batch import.
pub async fn run(client: &Client, args: &ImportArgs) -> Outcome {
    let mut batch = Vec::new();
    for file in &args.files {
        let input = Input::from_arg(file);
        for mut record in records(&input.name(), &input.read()?)? {
            give_uri(&mut record.value, args.repo, batch.len(), &record.place)?;
            batch.push(record.value);
        }
    }
    if batch.is_empty() {
        return Err(Failure::usage("import: the files hold no records"));
    }
    let bar = terminal::progress("{bar:40} {pos}/{len} records imported {msg}");
    bar.set_length(batch.len() as u64);
    let outcome = client
        .batch_import(args.repo, &batch, |event| {
            if let ImportEvent::Progress { ticks, total } = event {
                if let Some(total) = total {
                    bar.set_length(*total);
                }
                bar.set_position(*ticks);
            }
        })
        .await;
    bar.finish_and_clear();
    let imported = match outcome {
        Ok(imported) => imported,
        Err(Error::BatchImport { errors, saved, .. }) => {
            let saved = if saved.is_empty() {
                "nothing was saved".to_owned()
            } else {
                format!("saved all the same: {}", saved.join(", "))
            };
            return Err(Failure::failed(format!(
                "the batch import into repository {} failed: {}; {saved}",
                args.repo,
                errors.join("; ")
            )));
        }
        Err(other) => return Err(other.into()),
    };
    let mut out = std::io::stdout().lock();
    for (temporary, saved) in &imported.saved {
        let line = serde_json::json!({"temporary": temporary, "uri": saved.uri, "id": saved.id});
        writeln!(out, "{line}").map_err(|e| write_failed("standard output", e))?;
    }
    out.flush()
        .map_err(|e| write_failed("standard output", e))?;
    eprintln!(
        "imported {} records into repository {}",
        imported.saved.len(),
        args.repo
    );
    Ok(())
}

/// A temporary URI for a record that has none, from its `jsonmodel_type`.
fn give_uri(record: &mut Value, repo: i64, index: usize, place: &str) -> Outcome {
    let Value::Object(members) = record else {
        return Err(Failure::failed(format!("{place}: not a JSON object")));
    };
    if members.get("uri").and_then(Value::as_str).is_some() {
        return Ok(());
    }
    let Some(kind) = members.get("jsonmodel_type").and_then(Value::as_str) else {
        return Err(Failure::failed(format!(
            "{place}: a record needs a jsonmodel_type (or a uri)"
        )));
    };
    let collection = RecordType::find(kind)
        .and_then(|t| t.collection(Some(repo)))
        .map_err(|f| f.context(place))?;
    members.insert(
        "uri".to_owned(),
        Value::String(format!("{collection}/import_{}", index + 1)),
    );
    Ok(())
}
