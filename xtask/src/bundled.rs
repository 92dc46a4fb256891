//! The bundled `archivesspace-api` crate, linked in, as the
//! [`Bindings`] that `roundtrip` and `validate` run records through (only
//! with the `types` feature: see Cargo.toml).

use archivesspace_api::validate::{validate_value, Enumerations};
use archivesspace_api::validation::CATALOG;
use archivesspace_codegen::cli::{Bindings, CliError};
use archivesspace_codegen::roundtrip::DecodeFailure;
use archivesspace_codegen::validation_report::Verdict;
use serde_json::Value;

/// The bundled crate, with the site's dynamic enumerations once given.
#[derive(Default)]
pub struct Bundled {
    enums: Option<Enumerations>,
}

impl Bindings for Bundled {
    fn roundtrip(&self, record: Value) -> Result<Value, DecodeFailure> {
        let decoded = archivesspace_api::decode_record(record).map_err(|e| DecodeFailure {
            path: e.path,
            message: e.message,
        })?;
        serde_json::to_value(&decoded).map_err(|e| DecodeFailure {
            path: ".".into(),
            message: format!("encoding failed: {e}"),
        })
    }

    fn validate(&self, record_type: &str, record: &Value) -> Verdict {
        match validate_value(&CATALOG, record_type, record, self.enums.as_ref()) {
            Ok(verdict) => Verdict {
                errors: verdict.errors,
                warnings: verdict.warnings,
            },
            Err(error) => Verdict {
                errors: [("jsonmodel_type".to_owned(), vec![error.to_string()])].into(),
                warnings: Default::default(),
            },
        }
    }

    fn use_enumerations(&mut self, answer: &Value) -> Result<usize, CliError> {
        let enums = Enumerations::from_config(answer);
        let count = enums.len();
        self.enums = Some(enums);
        Ok(count)
    }
}
