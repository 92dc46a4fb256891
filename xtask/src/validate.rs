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
use clap::Args;

use crate::Format;

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
    use archivesspace_api::validate::{validate_value, Enumerations};
    use archivesspace_api::validation::CATALOG;
    use archivesspace_codegen::validation_report::{self, Verdict};
    use serde_json::Value;

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
    let validator = |record_type: &str, record: &Value| -> Verdict {
        match validate_value(&CATALOG, record_type, record, enums.as_ref()) {
            Ok(verdict) => Verdict {
                errors: verdict.errors,
                warnings: verdict.warnings,
            },
            Err(error) => Verdict {
                errors: [("jsonmodel_type".to_owned(), vec![error.to_string()])].into(),
                warnings: Default::default(),
            },
        }
    };
    let format = match args.format {
        Format::Text => validation_report::Format::Text,
        Format::Json => validation_report::Format::Json,
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let tally = validation_report::run(&args.paths, &validator, format, &mut out)?;
    out.flush()?;
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
