//! Placeholder until `archivesspace-codegen` writes this file: one
//! subcommand group per first path word, one subcommand per route.

use clap::{ArgMatches, Command};

use crate::route_call::RouteCall;

/// The generated subcommand groups, to add to the top-level command.
pub fn commands() -> Vec<Command> {
    Vec::new()
}

/// The call the generated subcommand `group` (with its own subcommand in
/// `matches`) asks for; `None` when `group` is not a generated group.
pub fn call(group: &str, matches: &ArgMatches) -> Option<RouteCall> {
    let _ = (group, matches);
    None
}
