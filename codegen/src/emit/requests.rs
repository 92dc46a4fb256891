//! One request type per route of `endpoints.json`, in the generated crate's
//! `requests` module.
//!
//! Requests are sans-IO: plain structs with a public field per parameter and
//! a `new` taking the required ones, implementing the `request` module's
//! `Request` (and, for paginated listings, `PaginatedRequest`), which the
//! runtime sends. They are deliberately lean (no builders, no generics) so
//! the generated crate stays quick to build.
//!
//! - [`names`] names each route from its own method and URI;
//! - [`routes`] works out fields, body, response type and paging;
//! - [`corrections`] lists the routes whose declared return is wrong;
//! - [`render`] writes the Rust.
//!
//! Every name is checked for collisions before anything is written: two
//! routes that would get the same name stop generation with an error naming
//! both, rather than one of them being renamed.

pub mod corrections;
pub mod names;
pub mod render;
pub mod routes;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use proc_macro2::TokenStream;

use super::{EmitError, GeneratedFile};
use crate::ir::Route;
use names::RouteName;
use routes::Spec;

/// Every route's name, in route order, or an error naming the first routes
/// that cannot be named or would share a name.
pub fn route_names(routes: &[Route]) -> Result<Vec<RouteName>, EmitError> {
    let mut seen: BTreeMap<RouteName, String> = BTreeMap::new();
    let mut out = Vec::with_capacity(routes.len());
    for route in routes {
        let here = route.label();
        let name = names::route_name(route.method, &route.path)
            .map_err(|e| EmitError::Requests(format!("{here} ({}): {e}", route.source)))?;
        if let Some(other) = seen.insert(name.clone(), here.clone()) {
            return Err(EmitError::Requests(format!(
                "`{other}` and `{here}` would both be named `requests::{}`; the naming rules in \
                 codegen/src/emit/requests/names.rs need a case for them (names never depend on \
                 which other routes exist, so one is not silently renamed)",
                name.path()
            )));
        }
        out.push(name);
    }
    Ok(out)
}

/// The files of `src/requests/` for `routes`. `records` maps record types' Rust names to
/// their JSONModel names (the plan's table), so that a route's
/// `JSONModel(:accession)` is typed with the same `Accession` the records
/// module defines.
pub fn generate(
    release: &str,
    routes: &[Route],
    records: &BTreeMap<String, String>,
) -> Result<Vec<GeneratedFile>, EmitError> {
    route_names(routes)?;
    let by_jsonmodel: BTreeMap<String, String> = records
        .iter()
        .map(|(rust, jsonmodel)| (jsonmodel.clone(), rust.clone()))
        .collect();
    let mut specs = Vec::with_capacity(routes.len());
    for route in routes {
        let spec = routes::spec(route, &by_jsonmodel)
            .map_err(|e| EmitError::Requests(format!("{e} ({})", route.source)))?;
        specs.push(spec);
    }

    // Module path → the specs named in it; every ancestor module exists too.
    let mut modules: BTreeMap<Vec<String>, Vec<&Spec>> = BTreeMap::new();
    for spec in &specs {
        let module = &spec.name.module;
        for depth in 1..module.len() {
            modules.entry(module[..depth].to_vec()).or_default();
        }
        modules.entry(module.clone()).or_default().push(spec);
    }

    let mut files = Vec::new();
    for (module, members) in &modules {
        let children: BTreeSet<&String> = modules
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .filter_map(|m| m.last())
            .collect();
        let mut items = Vec::new();
        for spec in members {
            let tokens = render::request_items(spec)
                .map_err(|e| EmitError::Requests(format!("{e} ({})", spec.route.source)))?;
            items.extend(tokens);
        }
        files.push(GeneratedFile {
            path: module_file(module),
            contents: module_source(module, members, &children, items)?,
        });
    }
    let top: BTreeSet<&String> = modules
        .keys()
        .filter(|m| m.len() == 1)
        .filter_map(|m| m.first())
        .collect();
    files.push(GeneratedFile {
        path: PathBuf::from("src/requests/mod.rs"),
        contents: root_source(release, &specs, &top),
    });
    Ok(files)
}

fn module_file(module: &[String]) -> PathBuf {
    let mut path = PathBuf::from("src/requests");
    for part in module {
        path.push(part);
    }
    path.set_extension("rs");
    path
}

/// A module's file: docs listing its requests, its submodules, and the
/// items, with the paths they name shortened into `use` lines as in the
/// record files.
fn module_source(
    module: &[String],
    members: &[&Spec],
    children: &BTreeSet<&String>,
    items: Vec<TokenStream>,
) -> Result<String, EmitError> {
    let path = module.join("::");
    let mut doc = Vec::new();
    if members.is_empty() {
        doc.push(format!("Requests under `requests::{path}`."));
    } else {
        doc.push(format!(
            "Requests named `requests::{path}::*`: {} route{}.",
            members.len(),
            if members.len() == 1 { "" } else { "s" }
        ));
        doc.push(String::new());
        for spec in members {
            doc.push(format!(
                "- [`{}`]: `{} {}`: {}",
                spec.name.name,
                spec.route.method,
                render::code_text(&spec.route.path.to_string()),
                render::summary(spec)
            ));
        }
    }
    doc.push(String::new());
    doc.push(
        "Generated by `archivesspace-codegen` from the snapshot's `endpoints.json`; do not edit."
            .into(),
    );
    let mut tokens = TokenStream::new();
    for child in children {
        let child: syn::Ident = syn::parse_str(child)
            .map_err(|e| EmitError::Requests(format!("`{child}` is not a module name: {e}")))?;
        tokens.extend(quote::quote!(pub mod #child;));
    }
    tokens.extend(items);
    let local: BTreeSet<String> = members.iter().map(|s| s.name.name.clone()).collect();
    super::files::module_file(&doc, tokens, &local)
        .map_err(|e| EmitError::Requests(format!("requests::{path}: {e}")))
}

/// `src/requests/mod.rs`: how requests are named and used, and the index of
/// every route.
fn root_source(release: &str, specs: &[Spec], top: &BTreeSet<&String>) -> String {
    let mut out = format!(
        r#"//! One request type per ArchivesSpace route ({count} routes of ArchivesSpace
//! {release}).
//!
//! Each request is a plain struct: a public field per parameter, and `new`
//! taking the required ones (optional parameters start as `None` or empty,
//! and are then left out of the request). It implements
//! [`Request`](crate::request::Request): the method, the path with its
//! parameters filled in (text percent-encoded), the query (Rack's encoding:
//! arrays as `name[]=a&name[]=b`), the body, and the response type. Nothing is
//! sent here; the `archivesspace` crate's client sends any `Request`.
//!
//! ```
//! use archivesspace_api::requests::accessions;
//! use archivesspace_api::request::Request;
//!
//! let mut get = accessions::Get::new(2, 7);
//! get.resolve = vec!["subjects".into()];
//! assert_eq!(get.path(), "/repositories/2/accessions/7");
//! assert_eq!(get.query().pairs().collect::<Vec<_>>(), [("resolve[]", "subjects")]);
//! ```
//!
//! # Names
//!
//! A request is named after its route's method and URI, never after which
//! other routes exist, so a route added to ArchivesSpace never renames
//! another:
//!
//! - `/repositories/:repo_id` is dropped from the front of a longer path:
//!   `/repositories/:repo_id/accessions/:id` is named like `/accessions/:id`.
//!   It stays before these segments, which are under `repositories`
//!   (`repositories::Search`, `repositories::users::Get`):
//!   {kept}.
//! - Every literal segment is a module (`-` and `.` become `_`, a keyword gets
//!   a trailing `_`): `resources::tree`, `by_external_id`, `reports::static_`.
//! - A path ending in a parameter is an item: `Get`, `Update` (`POST`),
//!   `Delete`. Several trailing parameters are added to the name
//!   (`users::UpdateByUsernameToken`).
//! - A path ending in a plural is a collection: `List` (`GET`), `Create`
//!   (`POST`): `accessions::List`, `agents::people::Create`,
//!   `archival_objects::children::List`.
//! - Any other last segment is the type's name, prefixed with the method
//!   unless it is a `GET`: `resources::tree::Root`, `users::PostLogin`,
//!   `archival_objects::PostPublish`, `digital_objects::dublin_core::Xml`
//!   (`:id.xml`). A route of one such segment is named after its method:
//!   `version::Get`, `search::Post`.
//!
//! # Parameters
//!
//! Types follow the declarations: `Integer` is `i64`, `NonNegativeInteger`
//! `u64`, `BooleanParam` `bool`, `String` and `Username` `String`, `[T]` a
//! `Vec`, `JSONModel(:x)` the record type (sent as JSON text when it is not
//! the body), `body_stream` the body's bytes, `UploadFile` an
//! [`UploadFile`]. A parameter ArchivesSpace declares without a type is a
//! `String`. Parameters of a `GET` or `DELETE`, and of a `POST` with a JSON
//! body, go in the query; a `POST` without a body sends them as a form (never
//! in the URL, where passwords and long searches would end up in logs), and
//! a route taking files as `multipart/form-data`.
//!
//! Paginated listings (`List` of most records) also have `page` (from 1),
//! `page_size` (at most 250), `modified_since`, `sort_field`,
//! `sort_direction` and `resolve`, and implement
//! [`PaginatedRequest`](crate::request::PaginatedRequest), whose `all_ids()`
//! and `by_ids(..)` ask for every id and for given ids (`id_set`, one comma
//! list) instead of a page. Paged routes (searches) have `page` and
//! `page_size`.
//!
//! # Responses
//!
//! The `200` return of the declaration: `(:accession)` is
//! [`Accession`](crate::Accession), `[(:accession)]` a `Vec` (a
//! [`Page`](crate::request::Page) for paginated listings), creates and
//! updates [`Modified`], deletes [`Deleted`], suppression [`Suppressed`], any
//! other text `serde_json::Value`. Routes that answer XML, CSV, files or
//! plain text give a [`RawResponse`]. Where ArchivesSpace's declaration is
//! wrong (`GET /users` declares resources), the route is typed from what it
//! answers, and its docs say so. Unknown keys in a response never fail
//! decoding.
//!
//! # Index
//!
//! | Route | Request |
//! | --- | --- |
"#,
        count = specs.len(),
        kept = names::KEPT_UNDER_REPOSITORY
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let mut index: Vec<(String, &str, String)> = specs
        .iter()
        .map(|s| {
            (
                s.route.path.to_string(),
                s.route.method.as_str(),
                s.name.path(),
            )
        })
        .collect();
    index.sort();
    for (uri, method, path) in index {
        out.push_str(&format!(
            "//! | `{method} {}` | [`{path}`] |\n",
            render::code_text(&uri).replace('|', "\\|")
        ));
    }
    out.push_str("//!\n//! Generated by `archivesspace-codegen` from the snapshot's `endpoints.json`; do not edit.\n\n");
    out.push_str("pub use archivesspace_core::responses::*;\n");
    if !top.is_empty() {
        out.push('\n');
        for module in top {
            out.push_str(&format!("pub mod {module};\n"));
        }
    }
    out
}
