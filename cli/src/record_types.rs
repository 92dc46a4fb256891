//! Record types by the names people type: a `jsonmodel_type` (`accession`)
//! or the word of its URI (`accessions`, `agents/people`), and the
//! collection path a record of it is created at, from the bundled bindings'
//! validation catalog.

use archivesspace::api::validation::CATALOG;
use archivesspace::validate::schema::Schema;

use crate::error::{Failure, Outcome};

/// A record type that has a collection to create records in.
#[derive(Debug, Clone, Copy)]
pub struct RecordType {
    /// The `jsonmodel_type`.
    pub name: &'static str,
    /// Its collection's URI template (`/repositories/:repo_id/accessions`).
    pub uri: &'static str,
}

impl RecordType {
    /// The type `word` names: `accession`, `accessions`, `agent_person`,
    /// `agents/people`.
    pub fn find(word: &str) -> Outcome<RecordType> {
        let word = word.trim_matches('/');
        let found = CATALOG.schemas.iter().find_map(|schema| {
            let uri = creatable(schema)?;
            let tail = uri
                .trim_start_matches("/repositories/:repo_id")
                .trim_matches('/');
            (schema.name == word || tail == word).then_some(RecordType {
                name: schema.name,
                uri,
            })
        });
        found.ok_or_else(|| {
            Failure::usage(format!(
                "no record type `{word}` in ArchivesSpace {}: give a type such as accessions, \
                 resources, archival_objects, digital_objects, subjects or agents/people",
                CATALOG.release
            ))
        })
    }

    /// Whether its records belong to a repository.
    pub fn in_repository(&self) -> bool {
        self.uri.starts_with("/repositories/:repo_id/")
    }

    /// Its collection's path, for repository `repo` where it has one.
    pub fn collection(&self, repo: Option<i64>) -> Outcome<String> {
        match (self.in_repository(), repo) {
            (true, Some(repo)) => Ok(self.uri.replace(":repo_id", &repo.to_string())),
            (true, None) => Err(Failure::usage(format!(
                "{} records belong to a repository: give --repo N",
                self.name
            ))),
            (false, _) => Ok(self.uri.to_owned()),
        }
    }

    /// The type of the record at `uri` (`/repositories/2/accessions/5`).
    pub fn of_uri(uri: &str) -> Option<RecordType> {
        let (collection, id) = uri.trim_end_matches('/').rsplit_once('/')?;
        id.parse::<i64>().ok()?;
        let tail = match collection.strip_prefix("/repositories/") {
            Some(rest) => rest.split_once('/')?.1,
            None => collection.trim_start_matches('/'),
        };
        RecordType::find(tail).ok()
    }
}

/// A schema's collection URI when records of it are made by a `POST` to it
/// (no placeholder but the repository).
fn creatable(schema: &Schema) -> Option<&'static str> {
    let uri = schema.uri?;
    let rest = uri.trim_start_matches("/repositories/:repo_id");
    (!rest.contains(':') && rest.len() > 1).then_some(uri)
}
