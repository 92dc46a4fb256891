//! `roundtrip` and `validate`: files of records run through a generated
//! crate's types and rules, reported by [`crate::roundtrip`] and
//! [`crate::validation_report`].
//!
//! Files and folders are read the same way for both: a record, an array of
//! records, a page (`{"results": [...]}`), or search documents (their `json`
//! string). Each record is taken as the type its `jsonmodel_type` names.
//! `validate` checks dynamic enumeration values only with
//! `--enumerations`, a saved answer of `GET /config/enumerations`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::Value;

use super::{Bindings, CliError, Format, Status};
use crate::roundtrip;
use crate::validation_report;

/// Which generated crate the records go through.
#[derive(Debug, Clone, Default, Args)]
pub struct CrateTarget {
    /// The generated crate's folder. The installed binary builds a small
    /// program on it (under the crate's target folder) and runs the records
    /// through that; default: the current folder. In `cargo xtask`, the
    /// default is the bundled crate, linked in.
    #[arg(long = "crate", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

impl CrateTarget {
    /// The folder given, else the current folder.
    pub fn dir_or_current(&self) -> PathBuf {
        self.dir.clone().unwrap_or_else(|| PathBuf::from("."))
    }
}

/// `roundtrip`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct RoundtripArgs {
    /// JSON files, or folders searched for `.json` files: a record, an
    /// array of records, or a page (`{"results": [...]}`).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The generated crate.
    #[command(flatten)]
    pub target: CrateTarget,
}

/// `validate`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    /// JSON files, or folders searched for `.json` files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// `text`: one line per invalid record and a summary; `json`: one JSON
    /// object per record, one per line.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The site's dynamic enumerations: a file holding what
    /// `GET /config/enumerations` answers. Without it their values go
    /// unchecked.
    #[arg(long, value_name = "FILE")]
    pub enumerations: Option<PathBuf>,
    /// The generated crate.
    #[command(flatten)]
    pub target: CrateTarget,
}

/// `roundtrip`: one line per failing file, then `N passed, M failed`.
pub fn run_roundtrip(
    args: &RoundtripArgs,
    bindings: &mut dyn Bindings,
) -> Result<Status, CliError> {
    let codec = |value: Value| bindings.roundtrip(value);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let summary = roundtrip::run(&args.paths, &codec, &mut out).map_err(CliError::Records)?;
    out.flush().map_err(CliError::Output)?;
    if let Some(failure) = bindings.failure() {
        return Err(CliError::Harness(failure));
    }
    Ok(if summary.failed > 0 {
        Status::No
    } else {
        Status::Yes
    })
}

/// `validate`: the report in the format asked for.
pub fn run_validate(args: &ValidateArgs, bindings: &mut dyn Bindings) -> Result<Status, CliError> {
    if let Some(path) = &args.enumerations {
        let answer = read_json(path)?;
        if bindings.use_enumerations(&answer)? == 0 {
            return Err(CliError::Usage(format!(
                "{} holds no enumerations (expected the answer of GET /config/enumerations)",
                path.display()
            )));
        }
    }
    let validator = |record_type: &str, record: &Value| bindings.validate(record_type, record);
    let format = match args.format {
        Format::Text => validation_report::Format::Text,
        Format::Json => validation_report::Format::Json,
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let tally = validation_report::run(&args.paths, &validator, format, &mut out)
        .map_err(CliError::Records)?;
    out.flush().map_err(CliError::Output)?;
    if let Some(failure) = bindings.failure() {
        return Err(CliError::Harness(failure));
    }
    Ok(if tally.failed > 0 {
        Status::No
    } else {
        Status::Yes
    })
}

fn read_json(path: &Path) -> Result<Value, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| CliError::Json {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: format!("not JSON: {e}"),
    })
}
