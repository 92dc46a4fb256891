//! The OpenAPI document's record schemas, run through an independent JSON
//! Schema 2020-12 validator (Python's `jsonschema`), against the real
//! backend's verdicts on corpus records and mutated ones: the records the
//! real-backend test `validation` sent, with what the backend answered,
//! which it writes to the file `ASPACE_OPENAPI_VERDICTS` names. Only what
//! JSON Schema can express is counted (see `VerdictLog` there); the
//! agreement is printed and must be at least 99%.
//!
//! `.ci/run` runs it after the real-backend suite, with that file and the
//! python of `.ci/python-venv` (`ASPACE_TEST_PYTHON`). Without the file it
//! says it skipped: the suite that writes it runs elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn the_record_schemas_agree_with_the_backend() {
    let Some(verdicts) = std::env::var_os("ASPACE_OPENAPI_VERDICTS").map(PathBuf::from) else {
        eprintln!(
            "skipped: set ASPACE_OPENAPI_VERDICTS to the file the real-backend test \
             `validation` wrote"
        );
        return;
    };
    assert!(
        verdicts.is_file(),
        "{}: no verdicts (the real-backend test `validation` writes them)",
        verdicts.display()
    );
    let python = std::env::var_os("ASPACE_TEST_PYTHON")
        .map(PathBuf::from)
        .expect("ASPACE_TEST_PYTHON names the python of .ci/python-venv");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let document = here.join("../openapi/archivesspace-v4.2.1.json");
    let out = Command::new(python)
        .arg(here.join("tests/openapi/agreement.py"))
        .arg(&document)
        .arg(&verdicts)
        .output()
        .expect("the test python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (agreed, counted) = stdout
        .lines()
        .find_map(|l| l.strip_prefix("agreement: "))
        .and_then(|l| l.split_once('/'))
        .and_then(|(a, c)| Some((a.parse::<usize>().ok()?, c.trim().parse::<usize>().ok()?)))
        .expect("the check prints `agreement: N/M`");
    assert!(counted >= 200, "only {counted} records counted");
    let rate = agreed as f64 / counted as f64;
    println!(
        "JSON Schema agreement with the backend: {agreed}/{counted} ({:.1}%)",
        rate * 100.0
    );
    assert!(rate >= 0.99, "agreement below 99%: {agreed}/{counted}");
}
