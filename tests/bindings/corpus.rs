//! Every record of the shared corpus of real ArchivesSpace output decodes
//! into its generated type and encodes back to the same JSON.

use std::path::{Path, PathBuf};

use archivesspace_api::{decode_record, Record};
use archivesspace_codegen::roundtrip::{self, DecodeFailure, FileOutcome};
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn codec(value: Value) -> Result<Value, DecodeFailure> {
    let record = decode_record(value).map_err(|e| DecodeFailure {
        path: e.path,
        message: e.message,
    })?;
    serde_json::to_value(&record).map_err(|e| DecodeFailure {
        path: ".".into(),
        message: format!("encoding failed: {e}"),
    })
}

fn corpus_files() -> Vec<PathBuf> {
    let files = roundtrip::json_files(&[PathBuf::from(CORPUS)]).expect("the corpus is readable");
    assert!(!files.is_empty(), "no corpus at {CORPUS}");
    files
}

fn is_invalid(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "_invalid")
}

#[test]
fn every_corpus_record_round_trips() {
    let mut failures = Vec::new();
    let mut records = 0;
    let mut files = 0;
    for file in corpus_files().iter().filter(|f| !is_invalid(f)) {
        match roundtrip::check_file(file, &codec) {
            FileOutcome::Passed(n) => {
                records += n;
                files += 1;
            }
            FileOutcome::Skipped => {}
            FileOutcome::Failed(why) => failures.push(format!("{}: {why}", file.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} files failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The corpus holds ~500 files; make sure they were all looked at.
    assert!(files > 450, "only {files} files with records");
    assert!(records > 900, "only {records} records");
}

#[test]
fn altered_records_fail_to_decode_naming_the_field() {
    let invalid: Vec<PathBuf> = corpus_files()
        .into_iter()
        .filter(|f| is_invalid(f))
        .collect();
    assert!(!invalid.is_empty(), "no files under _invalid/");
    for file in invalid {
        let text = std::fs::read_to_string(&file).expect("readable");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        let records = roundtrip::records_in(&value);
        assert!(!records.is_empty(), "{}: no record", file.display());
        for record in records {
            let error = decode_record(record.value).expect_err("an altered record decodes");
            // Booleans written as the strings "True"/"False".
            assert!(
                error.path == "is_linked_to_published_record" || error.path == "restricted",
                "{}: {error}",
                file.display()
            );
            assert!(
                error.message.contains("boolean"),
                "{}: {error}",
                file.display()
            );
        }
    }
}

/// The records of `<jsonmodel_type>/*.json` (one record a file), with the
/// type their folder names.
fn typed_corpus_files() -> Vec<(String, PathBuf)> {
    corpus_files()
        .into_iter()
        .filter_map(|file| {
            let folder = file.parent()?.file_name()?.to_str()?.to_owned();
            let top = file.parent()?.parent()? == Path::new(CORPUS);
            (top && !folder.starts_with('_')).then_some((folder, file))
        })
        .collect()
}

/// Decoding straight from the text (unions and `_resolved` embeds buffer
/// their text, borrowed from the input) and from a reader (where the text
/// is copied) loses nothing either: every record encodes back to its JSON.
#[test]
fn every_corpus_record_round_trips_from_its_text_and_from_a_reader() {
    let files = typed_corpus_files();
    assert!(files.len() > 400, "only {} record files", files.len());
    let mut failures = Vec::new();
    for (type_name, file) in &files {
        let bytes = std::fs::read(file).expect("readable");
        let expected: Value = serde_json::from_slice(&bytes).expect("JSON");
        let decoded: [(&str, Result<Option<Record>, serde_json::Error>); 3] = [
            ("text", {
                let mut de = serde_json::Deserializer::from_slice(&bytes);
                Record::deserialize_as(type_name, &mut de)
            }),
            ("reader", {
                let mut de = serde_json::Deserializer::from_reader(bytes.as_slice());
                Record::deserialize_as(type_name, &mut de)
            }),
            (
                "Record from text",
                serde_json::from_slice::<Record>(&bytes).map(Some),
            ),
        ];
        for (how, record) in decoded {
            let outcome = match record {
                Ok(Some(record)) => serde_json::to_value(&record)
                    .map_err(|e| e.to_string())
                    .and_then(|encoded| {
                        roundtrip::first_difference(&expected, &encoded)
                            .map_or(Ok(()), |d| Err(format!("differs at {d}")))
                    }),
                Ok(None) => Err(format!("no record type is named {type_name}")),
                Err(e) => Err(format!("decode error: {e}")),
            };
            if let Err(why) = outcome {
                failures.push(format!("{} ({how}): {why}", file.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
