//! Client-side validation over the shared corpus of real records, offline.
//!
//! The records come from sites running many releases; validated by the
//! rules of the release this crate was generated for, a record is valid
//! unless it lacks something that release requires (older resources have
//! no `finding_aid_language`, say; a ref holding only its `_resolved` has
//! no `ref`), and then every message must be at a path that is missing
//! from the record as the backend cleans it. Whether the backend agrees,
//! record by record and on mutated copies, is tested against the real
//! backend (`tests/real_backend/validation.rs`).

use std::path::PathBuf;

use archivesspace_api::validate::{validate_value, Validate};
use archivesspace_api::validation::CATALOG;
use archivesspace_api::{decode_record, Accession, Date};
use archivesspace_codegen::roundtrip;
use archivesspace_codegen::validation_report::{self, Tally, Verdict};
use serde_json::{json, Value};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The value at a path such as `dates/0/begin`, treating an empty string,
/// null, or an object holding only read-only `_resolved` as absent, as the
/// backend's cleaning does.
fn present(record: &Value, path: &str) -> bool {
    let mut at = record;
    for segment in path.split('/') {
        let next = match at {
            Value::Object(map) => map.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(value) => at = value,
            None => return false,
        }
    }
    match at {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Object(map) => map.keys().any(|k| k != "_resolved"),
        _ => true,
    }
}

#[test]
fn corpus_records_are_valid_but_for_what_their_release_did_not_require() {
    let files = roundtrip::json_files(&[PathBuf::from(CORPUS)]).expect("the corpus is readable");
    let (mut valid, mut lacking) = (0, 0);
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        for record in roundtrip::records_in(&value) {
            let record_type = record.value["jsonmodel_type"].as_str().unwrap_or_default();
            let verdict = validate_value(&CATALOG, record_type, &record.value, None)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            if verdict.is_valid() {
                valid += 1;
                continue;
            }
            lacking += 1;
            for path in verdict.errors.keys() {
                assert!(
                    !present(&record.value, path),
                    "{} {}: {path} is reported missing but is there",
                    file.display(),
                    record.path
                );
            }
        }
    }
    assert!(valid > 900, "only {valid} valid records");
    assert!(lacking < 40, "{lacking} records lack required properties");
}

#[test]
fn typed_records_validate_with_the_backends_messages() {
    let accession = Accession {
        title: Some("x".repeat(8193)),
        dates: vec![Date {
            begin: Some("2020-05-01".into()),
            end: Some("2019".into()),
            date_type: Some("inclusive".into()),
            label: Some("creation".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let verdict = accession.validate();
    assert_eq!(
        verdict.errors["title"],
        ["Must be 8192 characters or fewer"]
    );
    assert_eq!(
        verdict.errors["id_0"],
        ["Property is required but was missing"]
    );
    assert_eq!(verdict.errors["dates/0/end"], ["must not be before begin"]);
    assert_eq!(verdict.errors.len(), 3, "{:?}", verdict.errors);

    // `Record` validates as the type it holds.
    let record = decode_record(json!({
        "jsonmodel_type": "subject", "title": "t", "source": "local",
        "vocabulary": "/vocabularies/1", "terms": []
    }))
    .expect("decodes");
    assert_eq!(
        record.validate().errors["terms"],
        ["At least 1 item(s) is required"]
    );
}

/// `cargo xtask validate`'s report, with the generated rules.
fn report(dir: &std::path::Path, format: validation_report::Format) -> (String, Tally) {
    let validator = |record_type: &str, record: &Value| -> Verdict {
        match validate_value(&CATALOG, record_type, record, None) {
            Ok(v) => Verdict {
                errors: v.errors,
                warnings: v.warnings,
            },
            Err(e) => Verdict {
                errors: [("jsonmodel_type".to_owned(), vec![e.to_string()])].into(),
                warnings: Default::default(),
            },
        }
    };
    let mut out = Vec::new();
    let tally = validation_report::run(&[dir.to_path_buf()], &validator, format, &mut out)
        .expect("the files are readable");
    (String::from_utf8(out).expect("UTF-8"), tally)
}

#[test]
fn the_validate_report_names_each_invalid_record_and_counts() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.path().join(name), text).expect("writable");
    };
    write(
        "a_valid.json",
        r#"{"jsonmodel_type": "subject", "title": "t", "source": "local",
            "vocabulary": "/vocabularies/1",
            "terms": [{"term": "x", "term_type": "topical", "vocabulary": "/vocabularies/1"}]}"#,
    );
    write(
        "b_invalid.json",
        r#"[{"jsonmodel_type": "accession", "title": "t", "publish": "yes",
             "accession_date": "2020-01-01"},
            {"jsonmodel_type": "date", "date_type": "inclusive", "label": "creation",
             "begin": "2001", "end": "1999"}]"#,
    );
    write("c_broken.json", "{\n  \"title\": ,\n}");

    let (text, tally) = report(dir.path(), validation_report::Format::Text);
    let shown = |name: &str| dir.path().join(name).display().to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{} [0]: accession: id_0: Property is required but was missing | \
                 publish: Must be a boolean (you provided a String)",
                shown("b_invalid.json")
            )
            .as_str(),
            &format!(
                "{} [1]: date: end: must not be before begin",
                shown("b_invalid.json")
            ),
            &format!(
                "{}:2:12: not JSON: expected value at line 2 column 12",
                shown("c_broken.json")
            ),
            "1 passed, 3 failed",
        ]
    );
    assert_eq!(
        tally,
        Tally {
            passed: 1,
            failed: 3
        }
    );

    let (json_lines, _) = report(dir.path(), validation_report::Format::Json);
    let objects: Vec<Value> = json_lines
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(objects.len(), 4);
    assert_eq!(
        objects[0],
        json!({"file": shown("a_valid.json"), "type": "subject", "valid": true,
               "errors": {}, "warnings": {}})
    );
    assert_eq!(
        objects[1]["errors"],
        json!({"id_0": ["Property is required but was missing"],
               "publish": ["Must be a boolean (you provided a String)"]})
    );
    assert_eq!(objects[1]["record"], "[0]");
    assert_eq!(
        objects[2]["errors"],
        json!({"end": ["must not be before begin"]})
    );
    assert_eq!(objects[3]["valid"], false);
}
