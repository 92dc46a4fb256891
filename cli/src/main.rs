//! `aspace`: the ArchivesSpace command-line tool.

#[allow(dead_code)] // until the commands that send route calls land
mod route_call;
#[cfg(test)]
mod route_tests;
// Written by `archivesspace-codegen` and laid out by prettyplease; rustfmt
// laying it out otherwise would make `cargo xtask codegen --check` fail.
#[rustfmt::skip]
mod routes;

use clap::Command;

fn main() {
    let command = Command::new("aspace")
        .about("ArchivesSpace from the command line")
        .subcommands(routes::commands());
    let matches = command.get_matches();
    if let Some((group, sub)) = matches.subcommand() {
        if let Some(call) = routes::call(group, sub) {
            println!("{} {}", call.method, call.path);
        }
    }
}
