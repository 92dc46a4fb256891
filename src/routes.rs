//! The few routes the client's workflows call by themselves: a sync's
//! delete feed and clock, a tree's root and waypoints, a batch import, a
//! job's polls, log and files.
//!
//! They are written here, not taken from a generated crate, because the
//! runtime works with the bindings of any release and depends on none.
//! Every release from v2.8.0 declares them with these paths and
//! parameters, so nothing here belongs to one release. Records they carry
//! (a job) are the caller's, of whichever generated crate it uses, or
//! read as `serde_json::Value`.

use archivesspace_core::request::{Body, Method, Query, Request, ResponseFormat};
use archivesspace_core::responses::RawResponse;
use archivesspace_core::trees::{TreeChild, TreeRoot};
use serde_json::Value;

/// Declares a request to one fixed route: its path and query are built by
/// the workflow that sends it, which knows the route's parameters.
macro_rules! fixed_route {
    ($(#[$doc:meta])* $name:ident: $method:ident $template:literal => $response:ty $(, $format:ident)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub(crate) struct $name {
            path: String,
            query: Query,
            body: Option<Body>,
        }

        impl $name {
            fn at(path: String) -> Self {
                $name { path, query: Query::new(), body: None }
            }
        }

        impl Request for $name {
            type Response = $response;
            const METHOD: Method = Method::$method;
            const URI_TEMPLATE: &'static str = $template;
            $(const RESPONSE_FORMAT: ResponseFormat = ResponseFormat::$format;)?

            fn path(&self) -> String {
                self.path.clone()
            }

            fn query(&self) -> Query {
                self.query.clone()
            }

            fn body(&self) -> Result<Option<Body>, serde_json::Error> {
                Ok(self.body.clone())
            }
        }
    };
}

fixed_route! {
    /// `GET /version`: any cheap answer carries the server's `Date`.
    Version: Get "/version" => RawResponse, Raw
}

impl Version {
    pub(crate) fn new() -> Self {
        Self::at("/version".to_owned())
    }
}

fixed_route! {
    /// `GET /delete-feed`: a page of the URIs deleted since a time.
    DeleteFeed: Get "/delete-feed" => Value
}

impl DeleteFeed {
    pub(crate) fn new(page: u64, page_size: u64, modified_since: u64) -> Self {
        let mut request = Self::at("/delete-feed".to_owned());
        request.query.push("page", page);
        request.query.push("page_size", page_size);
        request.query.push("modified_since", modified_since);
        request
    }
}

/// The record types whose trees the walk knows, by their path's segment.
fn tree_path(kind: &str, repo_id: i64, id: i64, leaf: &str) -> String {
    format!("/repositories/{repo_id}/{kind}/{id}/tree/{leaf}")
}

fixed_route! {
    /// `GET /repositories/:repo_id/{resources,digital_objects,classifications}/:id/tree/root`.
    TreeRootOf: Get "/repositories/:repo_id/:tree/:id/tree/root" => TreeRoot
}

impl TreeRootOf {
    pub(crate) fn new(kind: &str, repo_id: i64, id: i64) -> Self {
        Self::at(tree_path(kind, repo_id, id, "root"))
    }
}

fixed_route! {
    /// `GET .../tree/waypoint`: one waypoint (up to 200) of a node's children.
    TreeWaypoint: Get "/repositories/:repo_id/:tree/:id/tree/waypoint" => Vec<TreeChild>
}

impl TreeWaypoint {
    pub(crate) fn new(
        kind: &str,
        repo_id: i64,
        id: i64,
        offset: u64,
        parent_node: Option<&str>,
    ) -> Self {
        let mut request = Self::at(tree_path(kind, repo_id, id, "waypoint"));
        request.query.push("offset", offset);
        if let Some(parent) = parent_node {
            request.query.push("parent_node", parent);
        }
        request
    }
}

fixed_route! {
    /// `POST /repositories/:repo_id/batch_imports`, answered as a stream.
    BatchImport: Post "/repositories/:repo_id/batch_imports" => RawResponse, Raw
}

impl BatchImport {
    pub(crate) fn new(repo_id: i64, body: Vec<u8>) -> Self {
        let mut request = Self::at(format!("/repositories/{repo_id}/batch_imports"));
        request.body = Some(Body::Json(body));
        request
    }
}

fn job_path(repo_id: i64, id: i64) -> String {
    format!("/repositories/{repo_id}/jobs/{id}")
}

fixed_route! {
    /// `POST /repositories/:repo_id/jobs`: a job without input files.
    CreateJob: Post "/repositories/:repo_id/jobs" => archivesspace_core::responses::Modified
}

impl CreateJob {
    pub(crate) fn new(repo_id: i64, job: Vec<u8>) -> Self {
        let mut request = Self::at(format!("/repositories/{repo_id}/jobs"));
        request.body = Some(Body::Json(job));
        request
    }
}

fixed_route! {
    /// `POST /repositories/:repo_id/jobs_with_files`: a job and its input
    /// files, as the multipart form the backend reads.
    CreateJobWithFiles: Post "/repositories/:repo_id/jobs_with_files" => archivesspace_core::responses::Modified
}

impl CreateJobWithFiles {
    pub(crate) fn new(repo_id: i64, form: Body) -> Self {
        let mut request = Self::at(format!("/repositories/{repo_id}/jobs_with_files"));
        request.body = Some(form);
        request
    }
}

fixed_route! {
    /// `GET /repositories/:repo_id/jobs/:id`, read as JSON whatever the
    /// release's job record holds.
    GetJob: Get "/repositories/:repo_id/jobs/:id" => Value
}

impl GetJob {
    pub(crate) fn new(repo_id: i64, id: i64) -> Self {
        Self::at(job_path(repo_id, id))
    }
}

fixed_route! {
    /// `GET /repositories/:repo_id/jobs/:id/log`: the log from a byte offset.
    JobLog: Get "/repositories/:repo_id/jobs/:id/log" => RawResponse, Raw
}

impl JobLog {
    pub(crate) fn new(repo_id: i64, id: i64, offset: u64) -> Self {
        let mut request = Self::at(format!("{}/log", job_path(repo_id, id)));
        request.query.push("offset", offset);
        request
    }
}

fixed_route! {
    /// `GET /repositories/:repo_id/jobs/:id/output_files`: the files' ids.
    JobOutputFiles: Get "/repositories/:repo_id/jobs/:id/output_files" => Value
}

impl JobOutputFiles {
    pub(crate) fn new(repo_id: i64, id: i64) -> Self {
        Self::at(format!("{}/output_files", job_path(repo_id, id)))
    }
}

fixed_route! {
    /// `GET /repositories/:repo_id/jobs/:id/output_files/:file_id`.
    JobOutputFile: Get "/repositories/:repo_id/jobs/:id/output_files/:file_id" => RawResponse, Raw
}

impl JobOutputFile {
    pub(crate) fn new(repo_id: i64, id: i64, file_id: i64) -> Self {
        Self::at(format!("{}/output_files/{file_id}", job_path(repo_id, id)))
    }
}

fixed_route! {
    /// `POST /repositories/:repo_id/jobs/:id/cancel`.
    CancelJob: Post "/repositories/:repo_id/jobs/:id/cancel" => Value
}

impl CancelJob {
    pub(crate) fn new(repo_id: i64, id: i64) -> Self {
        Self::at(format!("{}/cancel", job_path(repo_id, id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_queries_are_the_routes_declarations() {
        let waypoint = TreeWaypoint::new(
            "resources",
            2,
            7,
            3,
            Some("/repositories/2/archival_objects/9"),
        );
        assert_eq!(waypoint.path(), "/repositories/2/resources/7/tree/waypoint");
        assert_eq!(
            waypoint.query().pairs().collect::<Vec<_>>(),
            [
                ("offset", "3"),
                ("parent_node", "/repositories/2/archival_objects/9")
            ]
        );
        let feed = DeleteFeed::new(2, 250, 1_700_000_000);
        assert_eq!(
            feed.query().pairs().collect::<Vec<_>>(),
            [
                ("page", "2"),
                ("page_size", "250"),
                ("modified_since", "1700000000")
            ]
        );
        assert_eq!(JobLog::new(2, 5, 10).path(), "/repositories/2/jobs/5/log");
        assert_eq!(
            JobOutputFile::new(2, 5, 1).path(),
            "/repositories/2/jobs/5/output_files/1"
        );
        assert_eq!(CancelJob::new(2, 5).path(), "/repositories/2/jobs/5/cancel");
        assert_eq!(
            BatchImport::new(3, b"[]".to_vec()).path(),
            "/repositories/3/batch_imports"
        );
    }
}
