//! What a generated route subcommand (`aspace accessions get --repo 2 --id 5`)
//! turns its arguments into: one call of one route, which the hand-written
//! runtime part of the tool sends. `routes.rs`, written by
//! `archivesspace-codegen`, builds these with the argument readers at the
//! end of this file; nothing here knows a route.

use std::any::Any;
use std::fmt;
use std::path::PathBuf;

use archivesspace::request::{Method, Query};
use clap::ArgMatches;

/// One call of one route, its arguments read. Its `Debug` hides the values
/// of password parameters.
#[derive(Clone, PartialEq)]
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

/// Where a request body comes from. Its `Debug` hides the values of
/// password parameters.
#[derive(Clone, PartialEq, Eq)]
pub enum RouteBody {
    /// The route takes no body.
    None,
    /// The route's parameters as an `application/x-www-form-urlencoded`
    /// body, as the bindings send them for a `POST` without a body of its
    /// own: ArchivesSpace reads them as it reads a query, and they stay out
    /// of URLs (and so out of logs), which matters for passwords and long
    /// searches. Never empty: no parameters given is [`RouteBody::None`].
    Form(Query),
    /// A JSON document (a record, usually) from a file or stdin.
    Json(Input),
    /// `multipart/form-data`: a JSON part (the job) and file parts, as
    /// `jobs_with_files` takes them. A file's name is its parameter's
    /// (`files`); for a list parameter (`[UploadFile]`) the parts are sent
    /// as the bindings' `multipart` sends them, `files[0]`, `files[1]`, ...
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

/// A query's or form's pairs for `Debug`, a password's value hidden.
struct Redacted<'a>(&'a Query);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.pairs().map(|(name, value)| {
                let secret = name.trim_end_matches("[]").ends_with("password");
                (name, if secret { "(hidden)" } else { value })
            }))
            .finish()
    }
}

impl fmt::Debug for RouteCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RouteCall")
            .field("method", &self.method)
            .field("template", &self.template)
            .field("path", &self.path)
            .field("query", &Redacted(&self.query))
            .field("body", &self.body)
            .field("paged", &self.paged)
            .finish()
    }
}

impl fmt::Debug for RouteBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteBody::None => f.write_str("None"),
            RouteBody::Form(fields) => f.debug_tuple("Form").field(&Redacted(fields)).finish(),
            RouteBody::Json(input) => f.debug_tuple("Json").field(input).finish(),
            RouteBody::Multipart { json, files } => f
                .debug_struct("Multipart")
                .field("json", json)
                .field("files", files)
                .finish(),
        }
    }
}

impl RouteBody {
    /// Form fields as a body: [`RouteBody::Form`], or [`RouteBody::None`]
    /// when there are none.
    pub fn form(fields: Query) -> RouteBody {
        if fields.is_empty() {
            RouteBody::None
        } else {
            RouteBody::Form(fields)
        }
    }
}

// The argument readers of the generated subcommands. Arguments are looked
// up with clap's `try_` readers: an id a subcommand does not have reads as
// absent rather than panicking.

/// The value of the argument `id`, if given.
pub fn value<T: Any + Clone + Send + Sync + 'static>(args: &ArgMatches, id: &str) -> Option<T> {
    args.try_get_one::<T>(id).ok().flatten().cloned()
}

/// Appends `name=value` when the argument `name` is given.
pub fn push<T: Any + Clone + Send + Sync + ToString + 'static>(
    query: &mut Query,
    args: &ArgMatches,
    name: &'static str,
) {
    if let Some(value) = value::<T>(args, name) {
        query.push(name, value);
    }
}

/// Appends `name[]=value` for each value of the repeatable argument `name`
/// (Rack's array syntax).
pub fn push_list<T: Any + Clone + Send + Sync + ToString + 'static>(
    query: &mut Query,
    args: &ArgMatches,
    name: &'static str,
) {
    let values: Vec<T> = match args.try_get_many::<T>(name) {
        Ok(Some(values)) => values.cloned().collect(),
        _ => Vec::new(),
    };
    query.push_array(name, &values);
}

/// Appends what page of a listing to answer: `all_ids=true` for
/// `--all-ids`, the ids of `--id-set` as one comma list (Rack keeps only
/// the last of repeated bare keys), else `page` (1 unless `--page` says).
/// ArchivesSpace refuses a paged route's call without one of them.
pub fn push_paging(query: &mut Query, args: &ArgMatches) {
    if value::<bool>(args, "all_ids") == Some(true) {
        query.push("all_ids", true);
        return;
    }
    let ids: Vec<String> = match args.try_get_many::<i64>("id_set") {
        Ok(Some(ids)) => ids.map(ToString::to_string).collect(),
        _ => Vec::new(),
    };
    if ids.is_empty() {
        query.push("page", value::<u64>(args, "page").unwrap_or(1));
    } else {
        query.push("id_set", ids.join(","));
    }
}

/// The text argument `id` as one path segment, percent-encoded so that a
/// `/` or `?` in it cannot change which route is called.
pub fn segment(args: &ArgMatches, id: &str) -> Option<String> {
    value::<String>(args, id).map(|text| archivesspace::requests::encode_segment(&text))
}

/// The argument `id` as a Sinatra splat (`*`): segments percent-encoded,
/// the `/` between them kept.
pub fn splat(args: &ArgMatches, id: &str) -> Option<String> {
    value::<String>(args, id).map(|text| archivesspace::requests::encode_splat(&text))
}

/// The file argument `id` (`-` for stdin).
pub fn input(args: &ArgMatches, id: &str) -> Option<Input> {
    value::<String>(args, id).map(|arg| Input::from_arg(&arg))
}

/// The files of the repeatable argument `name`, each as a part named
/// `name`.
pub fn files(args: &ArgMatches, name: &'static str) -> Vec<(&'static str, PathBuf)> {
    match args.try_get_many::<PathBuf>(name) {
        Ok(Some(paths)) => paths.map(|path| (name, path.clone())).collect(),
        _ => Vec::new(),
    }
}

/// clap's value parser for a password parameter (`--password-file FILE`):
/// the first line of FILE, or of standard input for `-`, without its line
/// ending. The error names the file, never what it holds.
pub fn secret_from_file(arg: &str) -> Result<String, String> {
    let text = match Input::from_arg(arg) {
        Input::Stdin => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            line
        }
        Input::File(path) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
    };
    let first = text.lines().next().unwrap_or("");
    if first.is_empty() {
        return Err(format!("{arg}: the first line is empty"));
    }
    Ok(first.to_owned())
}

/// clap's value parser for a parameter ArchivesSpace reads as JSON text
/// (`aq`, an advanced query): the text, when it is JSON.
pub fn json_text(text: &str) -> Result<String, String> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => Ok(text.to_owned()),
        Err(e) => Err(format!("not JSON: {e}")),
    }
}
