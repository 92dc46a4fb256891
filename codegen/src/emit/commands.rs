//! The `aspace` tool's generated route subcommands: `cli/src/routes.rs` of
//! the `archivesspace-cli` crate, one group per first path word and one
//! subcommand per route (`aspace accessions get --repo 2 --id 5`).
//!
//! What goes where on the wire is decided once, for the request types:
//! each route's [`requests::routes::Spec`](super::requests::routes::Spec)
//! says which parameters fill the path, which go in the query or a form,
//! which is the body and which are files, and which paging parameters
//! ArchivesSpace adds. This module only turns those facts into clap
//! arguments and into the code that reads them back into a `RouteCall`:
//!
//! - [`names`] names the groups, subcommands and flags;
//! - [`render`] writes the Rust.
//!
//! Names are checked before anything is written: two routes of a group with
//! one subcommand name, or two parameters of a route with one flag, stop
//! generation with an error naming both.

pub mod names;
pub mod render;

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::requests::names::route_name;
use super::requests::routes::{self, Location, Spec};
use super::{EmitError, GeneratedFile};
use crate::ir::route::Method;
use crate::ir::Model;

/// Where the file goes, relative to the CLI crate's folder.
pub const FILE: &str = "src/routes.rs";

/// The command that regenerates the file, for its header.
pub const REGENERATE: &str = "cargo xtask codegen";

/// One group: a first path word and its routes, by subcommand name.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group's name (`archival-objects`).
    pub name: String,
    /// Its subcommands, by name.
    pub commands: BTreeMap<String, Spec>,
}

/// `cli/src/routes.rs` for the model's routes.
pub fn generate(model: &Model) -> Result<GeneratedFile, EmitError> {
    let routes = model.routes.as_deref().unwrap_or_default();
    let groups = groups(routes)?;
    Ok(GeneratedFile {
        path: PathBuf::from(FILE),
        contents: render::file(&model.release, routes.len(), &groups)?,
    })
}

/// Every route in its group under its subcommand name, or an error naming
/// the routes that cannot be named or would share a name.
pub fn groups(routes: &[crate::ir::Route]) -> Result<Vec<Group>, EmitError> {
    let fail = |text: String| EmitError::Requests(format!("aspace subcommands: {text}"));
    // Record types are only told apart from other JSON here, so no table
    // of their Rust names is needed.
    let no_records = BTreeMap::new();
    let mut named: BTreeMap<String, Vec<(String, Spec)>> = BTreeMap::new();
    for route in routes {
        if route.method == Method::Put {
            return Err(fail(format!(
                "{} ({}): ArchivesSpace routes are sent with GET, POST or DELETE",
                route.label(),
                route.source
            )));
        }
        let name = route_name(route.method, &route.path)
            .map_err(|e| fail(format!("{} ({}): {e}", route.label(), route.source)))?;
        let spec = routes::spec(route, &no_records)
            .map_err(|e| fail(format!("{e} ({})", route.source)))?;
        let group = names::group(&name);
        let sub = names::subcommand(route.method, &name);
        named.entry(group).or_default().push((sub, spec));
    }
    let mut out = Vec::with_capacity(named.len());
    for (group, members) in named {
        // A POST action named like a GET of its group says its method.
        let gets: Vec<String> = members
            .iter()
            .filter(|(_, s)| s.route.method == Method::Get)
            .map(|(n, _)| n.clone())
            .collect();
        let mut commands: BTreeMap<String, Spec> = BTreeMap::new();
        for (sub, spec) in members {
            let sub = if spec.route.method != Method::Get && gets.contains(&sub) {
                names::with_method(spec.route.method, &sub)
            } else {
                sub
            };
            check_flags(&group, &sub, &spec).map_err(fail)?;
            let here = spec.route.label();
            if let Some(other) = commands.insert(sub.clone(), spec) {
                return Err(fail(format!(
                    "`{}` and `{here}` would both be `aspace {group} {sub}`; the naming rules in \
                     codegen/src/emit/commands/names.rs need a case for them",
                    other.route.label()
                )));
            }
        }
        out.push(Group {
            name: group,
            commands,
        });
    }
    Ok(out)
}

/// The arguments a subcommand has: one per field, plus `--all-ids` and
/// `--id-set` on paginated listings.
pub fn argument_ids(spec: &Spec) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = spec
        .fields
        .iter()
        .map(|f| {
            let long = match f.location {
                Location::Body => None,
                Location::Files => Some(names::file_flag(&f.wire)),
                _ => Some(names::flag(&f.wire)),
            };
            (f.wire.clone(), long)
        })
        .collect();
    if spec.pages == crate::ir::route::Paging::Paginated {
        out.push(("all_ids".into(), Some("all-ids".into())));
        out.push(("id_set".into(), Some("id-set".into())));
    }
    out
}

/// Two arguments of one subcommand with one id or one flag, or a flag clap
/// keeps for itself, stop generation.
fn check_flags(group: &str, sub: &str, spec: &Spec) -> Result<(), String> {
    let mut ids: BTreeMap<String, ()> = BTreeMap::new();
    let mut longs: BTreeMap<String, String> = BTreeMap::new();
    for (id, long) in argument_ids(spec) {
        if ids.insert(id.clone(), ()).is_some() {
            return Err(format!(
                "`aspace {group} {sub}` ({}) has the parameter `{id}` twice",
                spec.route.label()
            ));
        }
        if let Some(long) = long {
            if long == "help" || long.is_empty() {
                return Err(format!(
                    "`aspace {group} {sub}` ({}): the parameter `{id}` cannot be the flag `--{long}`",
                    spec.route.label()
                ));
            }
            if let Some(other) = longs.insert(long.clone(), id.clone()) {
                return Err(format!(
                    "`aspace {group} {sub}` ({}): `{other}` and `{id}` would both be `--{long}`",
                    spec.route.label()
                ));
            }
        }
    }
    Ok(())
}
