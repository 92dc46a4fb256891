//! `aspace`: the ArchivesSpace command-line tool.
//!
//! `main` builds the command line (the hand-written commands here, clap
//! derive; the generated per-route commands from `routes`), connects, and
//! turns the outcome into one `error: ...` line and an exit status.

mod commands;
mod connect;
mod error;
mod input;
mod jq;
mod listing;
mod output;
mod record_types;
mod route_call;
#[cfg(test)]
mod route_tests;
// Written by `archivesspace-codegen` and laid out by prettyplease; rustfmt
// laying it out otherwise would make `cargo xtask codegen --check` fail.
#[rustfmt::skip]
mod routes;
mod send;
mod terminal;

use std::process::ExitCode;

use clap::{
    Arg, ArgAction, ArgMatches, Args, Command, CommandFactory, FromArgMatches, Parser, Subcommand,
};

use crate::commands::{
    api, docs, drift, edit, export, harvest, import, job, records, tree, validate,
};
use crate::connect::ConnectArgs;
use crate::error::{Failure, Outcome};
use crate::output::{Format, OutputArgs, Printer};

const AFTER_HELP: &str = "\
Connection: --base-url, --user and --profile, else ASPACE_BASEURL, ASPACE_USERNAME and \
ASPACE_PROFILE, else ~/.archivessnake.yml (ASNAKE_CONFIG_FILE). The password is never an \
argument: ASPACE_PASSWORD, the config file, --password-stdin, or a prompt on a terminal.

Exit status: 0 done; 1 the operation failed (invalid record, conflict, not found, refused by \
the server, failed job, drift found); 2 usage, configuration or connection (bad arguments, no \
base URL or password, failed login, server unreachable).";

/// ArchivesSpace from the command line.
#[derive(Debug, Parser)]
#[command(name = "aspace", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(flatten)]
    connect: ConnectArgs,
    #[command(subcommand)]
    command: Commands,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// Any route: `aspace api GET /repositories/2/accessions -q page=1`.
    Api(api::ApiArgs),
    /// One record by its URI.
    Get(api::GetArgs),
    /// Sets members of a record (lossless read-modify-write).
    Set(records::SetArgs),
    /// Applies a JSON merge patch (RFC 7396) to a record.
    Patch(records::PatchArgs),
    /// Edits a record in $VISUAL / $EDITOR, validated before it is saved.
    Edit(edit::EditArgs),
    /// Creates a record, validated on the client first.
    Create(records::CreateArgs),
    /// Deletes a record (asking first on a terminal, unless --yes).
    Delete(records::DeleteArgs),
    /// Validates records on the client, as the backend would (no server).
    Validate(validate::ValidateArgs),
    /// Every record of a listing as JSON Lines, or what changed since --state.
    Harvest(harvest::HarvestArgs),
    /// A batch import of records from JSON or JSON Lines files.
    Import(import::ImportArgs),
    /// A record's EAD, MARC, MODS, METS or Dublin Core export, streamed.
    Export(export::ExportArgs),
    /// A resource's, digital object's or classification's tree.
    Tree(tree::TreeArgs),
    /// Background jobs: submit, wait, log.
    Job {
        #[command(subcommand)]
        command: job::JobCommand,
    },
    /// Compares the server's schemas with a snapshot.
    Drift(drift::DriftArgs),
    /// A shell completion script, on standard output.
    Completions(docs::CompletionsArgs),
    /// The man page (roff), on standard output.
    Man,
}

/// The whole command line: the hand-written commands and the generated
/// route groups (a group whose name a hand-written command has is left out).
fn command() -> Command {
    let mut command = Cli::command();
    let taken: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for group in routes::commands() {
        if taken.iter().any(|name| name == group.get_name()) {
            continue;
        }
        let leaves: Vec<String> = group
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        let mut group = group;
        for leaf in leaves {
            group = group.mut_subcommand(leaf, with_output_flags);
        }
        command = command.subcommand(group);
    }
    command
}

/// A generated route command with `-o`, `--jq` and `--all`, each unless the
/// command has a flag of that name already.
fn with_output_flags(leaf: Command) -> Command {
    let has = |id: &str, long: &str| {
        leaf.get_arguments()
            .any(|a| a.get_id() == id || a.get_long() == Some(long))
    };
    let (format, jq, all) = (has("format", "output"), has("jq", "jq"), has("all", "all"));
    let has_short_o = leaf.get_arguments().any(|a| a.get_short() == Some('o'));
    let mut leaf = leaf;
    if !format && !jq && !has_short_o {
        leaf = OutputArgs::augment_args(leaf);
    }
    if !all {
        leaf = leaf.arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Every page of a paged listing, a record a line"),
        );
    }
    leaf
}

fn main() -> ExitCode {
    let command = command();
    let matches = match command.clone().try_get_matches() {
        Ok(matches) => matches,
        Err(e) => {
            if e.use_stderr() {
                // clap's message on one line: its paragraph before the usage.
                let text = e.render().to_string();
                let message: Vec<&str> = text
                    .lines()
                    .take_while(|l| !l.trim().is_empty())
                    .map(str::trim)
                    .collect();
                eprintln!("{} (see --help)", message.join(" "));
            } else {
                // --help, --version
                let _ = e.print();
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(command, &matches) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) if failure.status == 0 => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.line());
            ExitCode::from(failure.status)
        }
    }
}

fn runtime() -> Outcome<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))
}

fn run(command: Command, matches: &ArgMatches) -> Outcome {
    if let Some((group, sub)) = matches.subcommand() {
        if let Some(call) = routes::call(group, sub) {
            return run_generated(&call, sub);
        }
    }
    let cli = Cli::from_arg_matches(matches).map_err(|e| Failure::usage(e.to_string()))?;
    // The commands that need no server.
    match &cli.command {
        Commands::Validate(args) => return validate::run(args),
        Commands::Completions(args) => return docs::completions(command, args),
        Commands::Man => return docs::man(command),
        _ => {}
    }
    let client = cli.connect.client()?;
    let runtime = runtime()?;
    runtime.block_on(async {
        match &cli.command {
            Commands::Api(args) => api::run(&client, args).await,
            Commands::Get(args) => api::get(&client, args).await,
            Commands::Set(args) => records::set(&client, args).await,
            Commands::Patch(args) => records::patch(&client, args).await,
            Commands::Edit(args) => edit::run(&client, args).await,
            Commands::Create(args) => records::create(&client, args).await,
            Commands::Delete(args) => records::delete(&client, args).await,
            Commands::Harvest(args) => harvest::run(&client, args).await,
            Commands::Import(args) => import::run(&client, args).await,
            Commands::Export(args) => export::run(&client, args).await,
            Commands::Tree(args) => tree::run(&client, args).await,
            Commands::Job { command } => job::run(&client, command).await,
            Commands::Drift(args) => {
                let client = match &args.server {
                    Some(url) => ConnectArgs {
                        base_url: Some(url.clone()),
                        ..cli.connect.clone()
                    }
                    .client()?,
                    None => client.clone(),
                };
                drift::run(&client, args).await
            }
            Commands::Validate(_) | Commands::Completions(_) | Commands::Man => Ok(()),
        }
    })
}

/// A generated route subcommand: its call sent, the answer printed.
fn run_generated(call: &route_call::RouteCall, group: &ArgMatches) -> Outcome {
    // The route's own matches hold the global options too.
    let leaf = group.subcommand().map_or(group, |(_, leaf)| leaf);
    let connect = ConnectArgs::from_arg_matches(leaf).map_err(|e| Failure::usage(e.to_string()))?;
    let output = OutputArgs {
        format: leaf.try_get_one::<Format>("format").ok().flatten().copied(),
        jq: leaf.try_get_one::<String>("jq").ok().flatten().cloned(),
    };
    let all = leaf
        .try_get_one::<bool>("all")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    let client = connect.client()?;
    let mut printer = Printer::new(&output, if all { Format::Jsonl } else { Format::Json })?;
    runtime()?.block_on(send::run_route(&client, call, all, &mut printer))?;
    printer.finish()
}
