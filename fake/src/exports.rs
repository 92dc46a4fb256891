//! The export routes the fake serves: `GET
//! /repositories/:repo_id/resource_descriptions/:id.xml` (EAD, or EAD3 with
//! `ead3=true`), streamed in chunks the way ArchivesSpace's `stream_response`
//! sends its exports, so that clients can be checked to write them as they
//! arrive.

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures::stream;

use crate::handlers::authorize;
use crate::rack::{self, Param};
use crate::responses::record_not_found;
use crate::state::{AppState, Caller};

/// The size of each chunk of an export.
const CHUNK: usize = 16 * 1024;

/// The export of resource `file` (`7.xml`): a document of about
/// `export_bytes` bytes whose first lines name the options asked for.
pub(crate) async fn resource_description(
    State(shared): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((repo_id, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Response {
    if let Err(response) = authorize(&caller, &repo_id) {
        return response;
    }
    let Some(id) = file
        .strip_suffix(".xml")
        .and_then(|id| id.parse::<u64>().ok())
    else {
        return record_not_found();
    };
    let params = query.as_deref().map(rack::parse).unwrap_or_default();
    let flag = |name: &str| matches!(params.get(name), Some(Param::One(v)) if v == "true");
    let namespace = if flag("ead3") {
        "http://ead3.archivists.org/schema/"
    } else {
        "urn:isbn:1-931666-22-9"
    };
    let mut head = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ead xmlns=\"{namespace}\">\n\
         <!-- resource {id} of repository {repo_id}; include_unpublished={}, include_daos={}, \
         numbered_cs={} -->\n",
        flag("include_unpublished"),
        flag("include_daos"),
        flag("numbered_cs"),
    );
    let mut n = 0u64;
    while head.len() < shared.config.export_bytes {
        head.push_str(&format!(
            "<c id=\"aspace_{n:08}\"><did><unittitle>Component {n}</unittitle></did></c>\n"
        ));
        n += 1;
    }
    head.push_str("</ead>\n");
    let bytes = Bytes::from(head);
    let chunks: Vec<Result<Bytes, std::io::Error>> = (0..bytes.len())
        .step_by(CHUNK)
        .map(|start| Ok(bytes.slice(start..(start + CHUNK).min(bytes.len()))))
        .collect();
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/xml")],
        Body::from_stream(stream::iter(chunks)),
    )
        .into_response()
}
