//! The round-trip check behind `cargo xtask roundtrip`, run with the real
//! generated types over files of each shape it accepts.

use std::fs;
use std::path::PathBuf;

use archivesspace_api::decode_record;
use archivesspace_codegen::roundtrip::{self, DecodeFailure};
use serde_json::{json, Value};

/// The codec `cargo xtask roundtrip` uses.
fn codec(value: Value) -> Result<Value, DecodeFailure> {
    let record = decode_record(value).map_err(|e| DecodeFailure {
        path: e.path,
        message: e.message,
    })?;
    serde_json::to_value(&record).map_err(|e| DecodeFailure {
        path: ".".into(),
        message: e.to_string(),
    })
}

#[test]
fn reports_each_failing_or_skipped_file_then_the_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, value: &Value| {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, serde_json::to_string_pretty(value).expect("json")).expect("write");
    };
    write(
        "a_record.json",
        &json!({"jsonmodel_type": "subject", "title": "Cats", "terms": [], "x": null}),
    );
    write(
        "b_array.json",
        &json!([
            {"jsonmodel_type": "location", "building": "Main", "temporary": null},
            {"jsonmodel_type": "top_container", "indicator": "1"}
        ]),
    );
    write(
        "nested/c_page.json",
        &json!({"first_page": 1, "last_page": 1, "this_page": 1, "total": 1, "results": [
            {"jsonmodel_type": "resource", "title": "R", "notes": [
                {"jsonmodel_type": "note_multipart", "publish": "True"}
            ]}
        ]}),
    );
    write("d_login.json", &json!({"session": "abc", "user": {}}));
    fs::write(dir.path().join("e_broken.json"), "{not json").expect("write");
    fs::write(dir.path().join("ignored.txt"), "not a .json file").expect("write");

    let mut out = Vec::new();
    let summary = roundtrip::run(&[dir.path().to_path_buf()], &codec, &mut out).expect("runs");
    let text = String::from_utf8(out).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    let root = dir.path().display().to_string();

    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(
        lines[0],
        format!("{root}/d_login.json: skipped (no record)"),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!("{root}/e_broken.json: not JSON")),
        "{text}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "{root}/nested/c_page.json: decode error at results[0].notes[0]: "
        )),
        "{text}"
    );
    assert!(lines[2].contains("publish"), "{text}");
    assert_eq!(lines[3], "2 passed, 2 failed");
    assert_eq!((summary.passed, summary.failed, summary.skipped), (2, 2, 1));
}

#[test]
fn explicit_files_are_checked_whatever_their_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path: PathBuf = dir.path().join("record.txt");
    fs::write(
        &path,
        r#"{"jsonmodel_type": "extent", "number": "10", "portion": "whole"}"#,
    )
    .expect("write");
    let mut out = Vec::new();
    let summary = roundtrip::run(&[path], &codec, &mut out).expect("runs");
    assert_eq!(
        String::from_utf8(out).expect("utf-8"),
        "1 passed, 0 failed\n"
    );
    assert_eq!(summary.failed, 0);
}
