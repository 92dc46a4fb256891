//! `aspace job submit|wait|log`: background jobs (imports, reports, batch
//! updates) through the runtime's job support.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use archivesspace::{Client, Error, JobWait};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use serde_json::Value;

use crate::error::{write_failed, Failure, Outcome};
use crate::output::{Format, OutputArgs, Printer};
use crate::route_call::Input;

/// `job`'s subcommands.
#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Submits a job (a `job` record as JSON) and prints its id.
    Submit(SubmitArgs),
    /// Waits for a job to finish; fails (exit 1) when it failed or was canceled.
    Wait(WaitArgs),
    /// Prints a job's log, or follows it until the job finishes.
    Log(LogArgs),
}

/// `job submit`'s arguments.
#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// The repository.
    #[arg(long, value_name = "N")]
    pub repo: i64,
    /// The job record (`{"jsonmodel_type": "job", "job": {...}}`), from FILE
    /// or `-` for standard input.
    #[arg(value_name = "FILE|-")]
    pub job: String,
    /// An input file of the job (an import's EAD, a CSV, ...); repeat, in
    /// the order of the job's `filenames`.
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// Wait for the job to finish, then print it.
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `job wait`'s arguments.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The repository.
    #[arg(long, value_name = "N")]
    pub repo: i64,
    /// The job's id.
    pub id: i64,
    /// Seconds to wait in all.
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    pub timeout: u64,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `job log`'s arguments.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The repository.
    #[arg(long, value_name = "N")]
    pub repo: i64,
    /// The job's id.
    pub id: i64,
    /// Keep printing as the log grows, until the job finishes.
    #[arg(short = 'f', long)]
    pub follow: bool,
}

/// Runs a `job` subcommand.
pub async fn run(client: &Client, command: &JobCommand) -> Outcome {
    match command {
        JobCommand::Submit(args) => submit(client, args).await,
        JobCommand::Wait(args) => {
            wait(client, args.repo, args.id, args.timeout, &args.output).await
        }
        JobCommand::Log(args) => log(client, args).await,
    }
}

async fn submit(client: &Client, args: &SubmitArgs) -> Outcome {
    let job = Input::from_arg(&args.job).json()?;
    let files = args
        .files
        .iter()
        .map(|path| crate::send::upload(path))
        .collect::<Outcome<Vec<_>>>()?;
    let id = client.submit_job(args.repo, &job, files).await?;
    if args.wait {
        return wait(client, args.repo, id, 3600, &args.output).await;
    }
    let mut printer = Printer::new(&args.output, Format::Json)?;
    printer.print(&serde_json::json!({
        "id": id,
        "uri": format!("/repositories/{}/jobs/{id}", args.repo),
    }))?;
    printer.finish()
}

async fn wait(client: &Client, repo: i64, id: i64, timeout: u64, output: &OutputArgs) -> Outcome {
    let wait = JobWait {
        poll: Duration::from_secs(1),
        timeout: Duration::from_secs(timeout),
    };
    match client.wait_for_job::<Value>(repo, id, wait).await {
        Ok(job) => {
            let mut printer = Printer::new(output, Format::Json)?;
            printer.print(&job)?;
            printer.finish()
        }
        Err(Error::Job {
            status, log_tail, ..
        }) => {
            let last = log_tail
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("(empty log)")
                .trim()
                .to_owned();
            Err(Failure::failed(format!(
                "job {id} of repository {repo}: {status}; the log ends: {last}"
            )))
        }
        Err(other) => Err(other.into()),
    }
}

async fn log(client: &Client, args: &LogArgs) -> Outcome {
    let mut out = std::io::stdout().lock();
    let fail = |e| write_failed("standard output", e);
    if args.follow {
        let mut parts =
            std::pin::pin!(client.follow_job_log(args.repo, args.id, Duration::from_secs(1)));
        while let Some(part) = parts.try_next().await? {
            out.write_all(&part).map_err(fail)?;
            out.flush().map_err(fail)?;
        }
    } else {
        let text = client.job_log(args.repo, args.id, 0).await?;
        out.write_all(&text).map_err(fail)?;
    }
    out.flush().map_err(fail)
}
