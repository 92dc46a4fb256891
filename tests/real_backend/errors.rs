//! ArchivesSpace's error bodies, decoded into the client's error variants.

use archivesspace::request::{Method, Query, Request};
use archivesspace::requests::{accessions, subjects};
use archivesspace::{Accession, Error, Subject};
use serde_json::{json, Value};

use crate::support::{new_repository, unique, TestResult};

/// A GET of any path and query, answered as JSON.
struct RawGet {
    path: String,
    query: Vec<(&'static str, &'static str)>,
}

impl Request for RawGet {
    type Response = Value;
    const METHOD: Method = Method::Get;
    const URI_TEMPLATE: &'static str = "(any)";

    fn path(&self) -> String {
        self.path.clone()
    }

    fn query(&self) -> Query {
        let mut query = Query::new();
        for (name, value) in &self.query {
            query.push(*name, *value);
        }
        query
    }
}

fn raw_get(path: impl Into<String>, query: &[(&'static str, &'static str)]) -> RawGet {
    RawGet {
        path: path.into(),
        query: query.to_vec(),
    }
}

/// The field messages of a validation error, or a panic naming what came.
fn validation(result: Result<impl std::fmt::Debug, Error>) -> archivesspace::FieldMessages {
    match result {
        Err(Error::Validation { errors, .. }) => errors,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn accession(body: Value) -> Result<Accession, serde_json::Error> {
    serde_json::from_value(body)
}

#[tokio::test]
async fn error_bodies_decode_into_their_variants() -> TestResult {
    let (backend, _database) = crate::backend!("error_bodies_decode_into_their_variants");
    let client = backend.client()?;
    let repo = new_repository(&client, "err").await?;
    let create = |body: Value| -> Result<accessions::Create, serde_json::Error> {
        Ok(accessions::Create::new(repo, accession(body)?))
    };

    // A required field missing.
    let errors = validation(
        client
            .send(&create(
                json!({"title": "No id", "accession_date": "2024-01-02"}),
            )?)
            .await,
    );
    assert_eq!(
        errors.get("id_0"),
        Some(&vec!["Property is required but was missing".to_owned()]),
        "{errors:?}"
    );

    // A nested required field: the path names the list item.
    let errors = validation(
        client
            .send(&create(json!({"id_0": unique("A"), "title": "Bad date",
                "accession_date": "2024-01-02", "dates": [{"label": "creation"}]}))?)
            .await,
    );
    assert_eq!(
        errors.get("dates/0/date_type"),
        Some(&vec!["Property is required but was missing".to_owned()]),
        "{errors:?}"
    );

    // A value outside an enum.
    let errors = validation(
        client
            .send(&create(json!({"id_0": unique("A"), "title": "Bad enum",
                "accession_date": "2024-01-02", "acquisition_type": "stolen"}))?)
            .await,
    );
    let messages = errors
        .get("acquisition_type")
        .ok_or("no acquisition_type")?;
    assert!(
        messages[0].starts_with("Invalid value 'stolen'.  Must be one of: "),
        "{messages:?}"
    );

    // A date that is no date.
    let errors = validation(
        client
            .send(&create(json!({"id_0": unique("A"), "title": "Bad date",
                "accession_date": "2024-13-45"}))?)
            .await,
    );
    assert_eq!(
        errors.get("accession_date"),
        Some(&vec!["Not a valid date".to_owned()])
    );

    // A uniqueness conflict names the record it conflicts with.
    let term = unique("Unique ");
    let subject = || -> Result<Subject, serde_json::Error> {
        serde_json::from_value(json!({"terms": [{"term": term, "term_type": "topical",
            "vocabulary": "/vocabularies/1"}], "source": "local", "vocabulary": "/vocabularies/1"}))
    };
    let first = client.send(&subjects::Create::new(subject()?)).await?;
    let errors = validation(client.send(&subjects::Create::new(subject()?)).await);
    assert_eq!(
        errors.get("terms"),
        Some(&vec!["Subject must be unique".to_owned()])
    );
    assert_eq!(
        errors.get("conflicting_record"),
        Some(&vec![format!("/subjects/{}", first.id)])
    );
    // The same id_0 twice.
    let id_0 = unique("A");
    let twice = json!({"id_0": id_0, "title": "Twice", "accession_date": "2024-01-02"});
    client.send(&create(twice.clone())?).await?;
    let errors = validation(client.send(&create(twice)?).await);
    assert_eq!(
        errors.get("id_0"),
        Some(&vec!["That ID is already in use".to_owned()])
    );

    // A listing without page, id_set or all_ids.
    match client
        .send(&raw_get(format!("/repositories/{repo}/accessions"), &[]))
        .await
    {
        Err(Error::BadParameters { params, .. }) => {
            let names: Vec<&str> = params.keys().map(String::as_str).collect();
            assert_eq!(names, ["all_ids", "id_set", "page"]);
        }
        other => panic!("a listing without page answered {other:?}"),
    }
    // all_ids on a route that only pages (`paged`, not `paginated`): rest.rb
    // lets it through and the route fails computing pages, so ArchivesSpace
    // answers 500. The generated request for such a route offers no
    // `all_ids` (it is no `PaginatedRequest`); only a hand-made one gets here.
    match client
        .send(&raw_get("/delete-feed", &[("all_ids", "true")]))
        .await
    {
        Err(Error::Server {
            status: 500,
            message,
            ..
        }) => assert!(
            // The page count is 0 / 0 on an empty feed, n / 0 otherwise.
            message.starts_with("NaN: ") || message.starts_with("Infinity: "),
            "{message}"
        ),
        other => panic!("all_ids on /delete-feed answered {other:?}"),
    }
    // A repository that does not exist fails the repo_id param's check.
    match client.send(&accessions::Get::new(999_999, 1)).await {
        Err(Error::BadParameters { params, .. }) => assert_eq!(
            params.get("repo_id"),
            Some(&vec![
                "Failed validation -- The Repository must exist".to_owned()
            ])
        ),
        other => panic!("a missing repository answered {other:?}"),
    }
    // A page that is no number: ArchivesSpace answers 500, with its message.
    match client
        .send(&raw_get(
            format!("/repositories/{repo}/accessions"),
            &[("page", "abc")],
        ))
        .await
    {
        Err(Error::Server {
            status: 500,
            message,
            ..
        }) => assert!(
            message.starts_with("invalid value for Integer(): \"abc\""),
            "{message}"
        ),
        other => panic!("page=abc answered {other:?}"),
    }
    // Records and routes that do not exist.
    match client.send(&accessions::Get::new(repo, 999_999_999)).await {
        Err(Error::NotFound { message, .. }) => assert_eq!(message, "Accession not found"),
        other => panic!("a missing accession answered {other:?}"),
    }
    match client.send(&raw_get("/no/such/route", &[])).await {
        Err(Error::RouteNotFound { method, path }) => {
            assert_eq!(method, Method::Get);
            assert_eq!(path, "/no/such/route");
        }
        other => panic!("an unknown route answered {other:?}"),
    }
    Ok(())
}
