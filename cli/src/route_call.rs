//! What a generated route subcommand (`aspace accessions get --repo 2 --id 5`)
//! turns its arguments into: one call of one route, which the hand-written
//! runtime part of the tool sends. `routes.rs`, written by
//! `archivesspace-codegen`, builds these; nothing here knows a route.

use std::path::PathBuf;

use archivesspace::request::{Method, Query};

/// One call of one route, its arguments read.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteCall {
    /// The route's method.
    pub method: Method,
    /// The route's URI template as declared (`/repositories/:repo_id/accessions/:id`).
    pub template: &'static str,
    /// The path with its parameters filled in.
    pub path: String,
    /// The query parameters, Rack-encoded (`resolve[]=subjects`).
    pub query: Query,
    /// The request body, as the user gave it.
    pub body: RouteBody,
    /// Whether the route takes ArchivesSpace's paging parameters
    /// (`page`, `page_size`, ...), so that `--all` can walk its pages.
    pub paged: bool,
}

/// Where a request body comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteBody {
    /// The route takes no body.
    None,
    /// A JSON document (a record, usually) from a file or stdin.
    Json(Input),
    /// Bytes of the given media type from a file or stdin (the routes whose
    /// body is raw text, such as an EAD upload for conversion).
    Raw {
        content_type: &'static str,
        input: Input,
    },
    /// `multipart/form-data`: a JSON part (the job) and file parts, as
    /// `jobs_with_files` takes them.
    Multipart {
        json: Option<(&'static str, Input)>,
        files: Vec<(&'static str, PathBuf)>,
    },
}

/// A file argument, or `-` for stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// `-` is stdin; anything else a path.
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::File(PathBuf::from(arg))
        }
    }
}
