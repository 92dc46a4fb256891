//! Routes whose declared `returns` do not say what the route answers.
//!
//! ArchivesSpace's `.returns` text is documentation the server never checks,
//! and some of it is copied from a neighbouring route. Typing such a route
//! from its declaration would make every successful call fail to decode
//! (`GET /users` declares resources), so the routes below are typed from what
//! their bodies in `backend/app/controllers` send instead, as read in
//! v3.5.1 and v4.2.1.
//!
//! A correction applies only while the declaration is the one it corrects: a
//! release that fixes (or changes) the declaration is typed from it again.
//! Declarations not listed here are trusted.

/// What a route answers, when its declaration is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actual {
    /// One record of this JSONModel type.
    Record(&'static str),
    /// A JSON array of records of this type.
    Records(&'static str),
    /// A JSON array of `{"ref": uri}` objects pointing at this type.
    Refs(&'static str),
    /// A page (`first_page`, `results`, ...) of records of this type, although
    /// the route takes no page parameters.
    Page(&'static str),
    /// A delete confirmation (`{"status": "Deleted", "id": ...}`).
    Deleted,
    /// JSON of no fixed shape.
    Json,
    /// Not JSON at all: XML, CSV, a file, plain text.
    Raw,
}

/// One correction.
#[derive(Debug, Clone, Copy)]
pub struct Correction {
    /// `GET`, `POST`, `DELETE`.
    pub method: &'static str,
    /// The URI template.
    pub uri: &'static str,
    /// The declared text of the `200` return this corrects.
    pub declared: &'static str,
    /// What the route answers.
    pub actual: Actual,
    /// Why, for the generated docs.
    pub why: &'static str,
}

const CREATED: &str =
    r#"{:status => "Created", :id => (id of created object), :warnings => {(warnings)}}"#;
const UPDATED: &str = r#"{:status => "Updated", :id => (id of updated object)}"#;

/// The corrections, by method and URI.
pub const CORRECTIONS: &[Correction] = &[
    // Declared as a create or update, but answering something else.
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/resources/:id/ark_name",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers `{\"status\": \"Updated\"}`, without an id",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/archival_objects/:id/ark_name",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers `{\"status\": \"Updated\"}`, without an id",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/assessment_attribute_definitions",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers `{\"status\": \"Updated\"}`, without an id",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/batch_imports",
        declared: CREATED,
        actual: Actual::Raw,
        why: "the route streams its progress as `text/plain` (a JSON array written \
              piece by piece, with the created records' URIs at the end)",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/top_containers/batch/ils_holding_id",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers the batch update's summary",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/top_containers/batch/container_profile",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers the batch update's summary",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/top_containers/batch/location",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers the batch update's summary",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/top_containers/bulk/barcodes",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers `{\"updated\": [...]}`",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/top_containers/bulk/indicators",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers `{\"updated\": [...]}`",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/top_containers/bulk/locations",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers the bulk update's summary",
    },
    Correction {
        method: "POST",
        uri: "/batch_delete",
        declared: ":deleted",
        actual: Actual::Json,
        why: "the route answers `{\"status\": \"OK\", \"results\": [...]}`, one result per URI",
    },
    Correction {
        method: "POST",
        uri: "/repositories/:repo_id/component_transfers",
        declared: CREATED,
        actual: Actual::Json,
        why: "the route answers `{\"component\": ..., \"resource\": ..., \"event\": ...}`",
    },
    Correction {
        method: "POST",
        uri: "/locations/batch",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers the created locations' URIs (their titles with `dry_run`)",
    },
    Correction {
        method: "POST",
        uri: "/locations/batch_update",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers the batch update's result",
    },
    Correction {
        method: "POST",
        uri: "/users/:id/groups",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers `{\"status\": \"OK\"}`",
    },
    Correction {
        method: "POST",
        uri: "/users/:id/password",
        declared: UPDATED,
        actual: Actual::Json,
        why: "the route answers `{\"success\": \"password updated\"}`",
    },
    Correction {
        method: "POST",
        uri: "/config/enumerations/migration",
        declared: UPDATED,
        actual: Actual::Record("enumeration"),
        why: "the route answers the enumeration after the migration",
    },
    Correction {
        method: "GET",
        uri: "/repositories/:repo_id/default_values/:record_type",
        declared: CREATED,
        actual: Actual::Record("default_values"),
        why: "the route answers the default values record",
    },
    Correction {
        method: "GET",
        uri: "/repositories/:repo_id/required_fields/:record_type",
        declared: CREATED,
        actual: Actual::Record("required_fields"),
        why: "the route answers the required fields record",
    },
    // Declared as records of the wrong type or shape.
    Correction {
        method: "GET",
        uri: "/users",
        declared: "[(:resource)]",
        actual: Actual::Records("user"),
        why: "the route lists users",
    },
    Correction {
        method: "GET",
        uri: "/repositories/:repo_id/groups",
        declared: "[(:resource)]",
        actual: Actual::Records("group"),
        why: "the route lists groups",
    },
    Correction {
        method: "DELETE",
        uri: "/repositories/:repo_id/groups/:id",
        declared: "(:group)",
        actual: Actual::Deleted,
        why: "the route deletes the group like any other record",
    },
    Correction {
        method: "GET",
        uri: "/terms",
        declared: "[(:term)]",
        actual: Actual::Page("term"),
        why: "the route answers the first page (of 20) of matching terms",
    },
    Correction {
        method: "GET",
        uri: "/repositories/:repo_id/accessions/:id/top_containers",
        declared: "[(:top_container)]",
        actual: Actual::Refs("top_container"),
        why: "the route answers the references of the accession's instances",
    },
    Correction {
        method: "GET",
        uri: "/repositories/:repo_id/top_containers/search",
        declared: "[(:top_container)]",
        actual: Actual::Json,
        why: "the route answers the search engine's response as it comes",
    },
    Correction {
        method: "GET",
        uri: "/system/info",
        declared: "(:repository)",
        actual: Actual::Json,
        why: "the route answers diagnostics about the system, database and search engine",
    },
    // Not JSON at all.
    Correction {
        method: "GET",
        uri: "/config/enumerations/csv",
        declared: "(csv)",
        actual: Actual::Raw,
        why: "the route answers `text/csv`",
    },
    Correction {
        method: "GET",
        uri: "/oai",
        declared: "OAI response",
        actual: Actual::Raw,
        why: "the route answers OAI-PMH XML",
    },
    Correction {
        method: "GET",
        uri: "/oai_sample",
        declared: "HTML",
        actual: Actual::Raw,
        why: "the route answers an HTML page",
    },
    Correction {
        method: "GET",
        uri: "/reports/static/*",
        declared: "the asset",
        actual: Actual::Raw,
        why: "the route answers a file",
    },
    Correction {
        method: "GET",
        uri: "/repositories/:repo_id/jobs/:id/output_files/:file_id",
        declared: "Returns the file",
        actual: Actual::Raw,
        why: "the route answers the file's bytes",
    },
    Correction {
        method: "GET",
        uri: "/repositories/:repo_id/jobs/:id/log",
        declared: "The section of the import log between 'offset' and the end of file",
        actual: Actual::Raw,
        why: "the route answers `text/plain`",
    },
    Correction {
        method: "GET",
        uri: "/system/log",
        declared: "String",
        actual: Actual::Raw,
        why: "the route answers the log as plain text",
    },
    Correction {
        method: "GET",
        uri: "/version",
        declared: "ArchivesSpace (version)",
        actual: Actual::Raw,
        why: "the route answers plain text such as `ArchivesSpace (4.2.1)`",
    },
    Correction {
        method: "POST",
        uri: "/bulk_archival_object_updater/repositories/:repo_id/generate_spreadsheet",
        declared: "spreadsheet",
        actual: Actual::Raw,
        why: "the route answers an Excel spreadsheet",
    },
];

/// The correction for a route, if its declaration is one listed.
pub fn correction(method: &str, uri: &str, declared: &str) -> Option<&'static Correction> {
    CORRECTIONS
        .iter()
        .find(|c| c.method == method && c.uri == uri && c.declared == declared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn one_correction_per_route() {
        let mut seen = BTreeSet::new();
        for c in CORRECTIONS {
            assert!(
                seen.insert((c.method, c.uri)),
                "{} {} twice",
                c.method,
                c.uri
            );
        }
    }
}
