//! Reads ArchivesSpace's endpoint DSL from the controller files, without
//! running Ruby, into the route list committed as `schemas/endpoints.json`.
//!
//! Controllers declare routes as method chains:
//!
//! ```ruby
//! Endpoint.get('/repositories/:repo_id/accessions/:id')
//!   .description("Get an Accession by ID")
//!   .params(["id", :id], ["repo_id", :repo_id], ["resolve", :resolve])
//!   .permissions([:view_repository])
//!   .returns([200, "(:accession)"]) \
//! do
//!   ...route body...
//! end
//! ```
//!
//! Each chain becomes one [`Route`] per HTTP method (`get_or_post` gives a GET
//! and a POST), in declaration order, files in name order. Route bodies and
//! helper methods are skipped, never interpreted. What the chain's arguments
//! hold is evaluated as far as data goes: literals, `JSONModel(:x)`, constants
//! bound in any controller file (`*BASE_SEARCH_PARAMS`,
//! `TreeDocs::ROOT_DOCS`), string `+`, adjacent literals, heredocs, and
//! `#{...}` when its value is known (`#{LEVELS.join(", ")}`); an interpolation
//! that needs the running server (`#{AppConfig[:x]}`) is kept as written.
//!
//! The standard parameter types (`:repo_id`, `:id`, `:resolve`) and return
//! types (`:created`, `:updated`, ...) are expanded from the tables in the
//! same tree's `backend/app/lib/rest.rb`, exactly as `Endpoint#params` and
//! `Endpoint#returns` do; a return symbol the table lacks (`:deleted`) is
//! kept as `":deleted"`.
//!
//! Anything the reader cannot read faithfully is an error located at
//! file:line:col with the offending text, never a guess: an unknown chain
//! method, a constant bound twice, a route declared inside a method, block or
//! condition (whether it exists depends on running Ruby), a method and URI
//! declared twice.
//!
//! Besides the keys of the issue's shape, each route records `no_data`,
//! `documentation` (from `.documentation`) and `examples` (language →
//! text, from `.example`). Options ArchivesSpace ignores (`:validation`
//! lambdas) and chain methods that only affect how the server runs a route
//! (`.use_transaction`, `.request_context`, `.preconditions`, `.deprecated`)
//! are read past but not recorded.
//!
//! This module holds the DSL only: `reader` is the first pass (class
//! nesting, route chains, constant bindings), `skip` passes over route
//! bodies and helper methods, `rest` reads the standard tables, and `routes`
//! is the second pass, which builds routes from the evaluated chains. Ruby
//! expressions are parsed and evaluated by [`crate::read::ruby`], in one scope for
//! the constants of all the controller files.

mod reader;
mod rest;
mod routes;
mod skip;

use std::path::{Path, PathBuf};

use crate::read::ruby;
use crate::read::ruby::lexer::Span;

/// Where core controllers live in a source tree.
pub const CONTROLLERS_DIR: &str = "backend/app/controllers";
/// The file holding the standard parameter and return types.
pub const REST_RB: &str = "backend/app/lib/rest.rb";
/// Where a plugin's controllers live, inside the plugin directory.
pub const PLUGIN_CONTROLLERS_DIR: &str = "backend/controllers";

/// One declared parameter, as `endpoints.json` keeps it.
pub use crate::ir::route::ParamDecl as Param;
/// One route as the DSL declares it, in the words `endpoints.json` keeps;
/// [`import_endpoints`] types it into [`crate::ir::Route`].
pub use crate::ir::route::RouteDecl as Route;

pub use crate::read::source_tree::SourceFile;
use crate::read::source_tree::{digest, plugin_name, read_source, ruby_files, ReadError};

/// Why reading the endpoints failed.
#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    /// A file or directory could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The tree is not laid out as expected.
    #[error("{path}: {reason}")]
    Layout { path: PathBuf, reason: String },
    /// The Ruby could not be read (tokenized, parsed or evaluated); the
    /// message carries file:line:col.
    #[error(transparent)]
    Ruby(#[from] ruby::Error),
    /// The DSL could not be read.
    #[error("{file}:{line}:{column}: {message}: `{snippet}`")]
    Dsl {
        file: String,
        /// 1-based.
        line: u32,
        /// 1-based, in characters.
        column: u32,
        message: String,
        /// The offending text (to the end of its line, shortened).
        snippet: String,
    },
    /// A route the DSL declares that the IR cannot hold (an unknown HTTP
    /// method, a URI that is not a path).
    #[error("{source_at}: {error}")]
    Route {
        /// `file:line` of the declaring `Endpoint`.
        source_at: String,
        error: crate::ir::route::RouteError,
    },
    /// A bug in the reader, reported rather than panicking.
    #[error("internal error in the endpoint reader: {0}")]
    Internal(String),
}

/// The longest snippet kept in an error, in characters.
const SNIPPET_CHARS: usize = 60;

impl EndpointError {
    fn at(file: &SourceFile, span: Span, message: String) -> Self {
        let rest = file.text.get(span.start..).unwrap_or("");
        let line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
        let mut snippet: String = line.chars().take(SNIPPET_CHARS).collect();
        if line.chars().nth(SNIPPET_CHARS).is_some() {
            snippet.push('…');
        }
        EndpointError::Dsl {
            file: file.shown_as.clone(),
            line: span.line,
            column: span.column,
            message,
            snippet,
        }
    }
}

/// An error message and where it is, before the file is known.
#[derive(Debug, Clone)]
struct Located {
    span: Span,
    message: String,
}

impl Located {
    fn new(span: Span, message: String) -> Self {
        Located { span, message }
    }
}

/// Reads the routes declared in `controllers` (in the order given), with the
/// standard types from `rest_rb`.
pub fn read_endpoints(
    rest_rb: &SourceFile,
    controllers: &[SourceFile],
) -> Result<Vec<Route>, EndpointError> {
    let tables = rest::read_tables(rest_rb)?;
    let mut program = reader::Program::new();
    for file in controllers {
        program.add(file)?;
    }
    program.routes(&tables)
}

/// The inputs of an import: `rest.rb`, then the core controllers in name
/// order, then each plugin's controllers (plugins in the order given, files
/// in name order), which is the order ArchivesSpace loads them in.
pub fn source_files(
    aspace_src: &Path,
    plugins: &[PathBuf],
) -> Result<(SourceFile, Vec<SourceFile>), EndpointError> {
    let rest = read_source(&aspace_src.join(REST_RB), REST_RB.to_owned())?;
    let mut controllers = Vec::new();
    for (name, path) in ruby_files(&aspace_src.join(CONTROLLERS_DIR))? {
        controllers.push(read_source(&path, format!("{CONTROLLERS_DIR}/{name}"))?);
    }
    for plugin in plugins {
        let dir = plugin.join(PLUGIN_CONTROLLERS_DIR);
        if !dir.is_dir() {
            continue;
        }
        let plugin_name = plugin_name(plugin);
        for (name, path) in ruby_files(&dir)? {
            controllers.push(read_source(
                &path,
                format!("{plugin_name}/{PLUGIN_CONTROLLERS_DIR}/{name}"),
            )?);
        }
    }
    Ok((rest, controllers))
}

/// Reads the routes of a source tree and its plugins, typed, and the digest
/// of the inputs:
/// `sha256:<hex>` over each input's shown name and bytes, in name order
/// (length-prefixed, so that no two different input sets collide).
pub fn import_endpoints(
    aspace_src: &Path,
    plugins: &[PathBuf],
) -> Result<(Vec<crate::ir::Route>, String), EndpointError> {
    let (rest, controllers) = source_files(aspace_src, plugins)?;
    let mut routes = Vec::new();
    for declared in read_endpoints(&rest, &controllers)? {
        let source_at = declared.source.clone();
        routes.push(
            crate::ir::Route::try_from(declared)
                .map_err(|error| EndpointError::Route { source_at, error })?,
        );
    }
    let mut inputs: Vec<&SourceFile> = std::iter::once(&rest).chain(&controllers).collect();
    inputs.sort_by(|a, b| a.shown_as.cmp(&b.shown_as));
    Ok((
        routes,
        digest(
            inputs
                .iter()
                .map(|f| (f.shown_as.as_str(), f.text.as_str())),
        ),
    ))
}
