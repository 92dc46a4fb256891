//! Changes an archival object's title with a lossless read-modify-write,
//! using the generated request and record types: `archival_objects::Get`
//! decodes an `ArchivalObject`, the title is changed, and
//! `archival_objects::Update` posts it back with the `lock_version` it was
//! read at. Every other member goes back as ArchivesSpace sent it, including
//! members the generated type does not declare (kept in `extra`), explicit
//! `null`s and empty lists.
//!
//! ```text
//! cargo run --example update_title -- --uri /repositories/2/archival_objects/7 --title "Correspondence"
//! ```
//!
//! Connection settings as for the `harvest` example: flags, else
//! `ASPACE_*` variables, else `~/.archivessnake.yml`. `Client::update_with`
//! does the same loop for any record type in one call.

use anyhow::Context;
use archivesspace::requests::archival_objects;
use archivesspace::{Client, Config, Error, Secret};
use clap::Parser;

#[derive(Parser)]
#[command(about = "Set the title of an ArchivesSpace record")]
struct Args {
    /// Backend URL, such as http://localhost:8089.
    #[arg(long)]
    base_url: Option<String>,
    /// User to log in as.
    #[arg(long)]
    username: Option<String>,
    /// That user's password.
    #[arg(long)]
    password: Option<String>,
    /// The archival object's URI, such as /repositories/2/archival_objects/7.
    #[arg(long)]
    uri: String,
    /// The new title.
    #[arg(long)]
    title: String,
    /// How often to re-read and retry if someone else saves the record meanwhile.
    #[arg(long, default_value_t = 3)]
    attempts: u32,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();

    let mut config = Config::from_env()?;
    if let Some(url) = args.base_url {
        config.base_url = Some(url);
    }
    if let Some(username) = args.username {
        config.username = Some(username);
    }
    if let Some(password) = args.password {
        config.password = Some(Secret::new(password));
    }
    let client = Client::builder().config(config).build()?;

    let (repo_id, id) = parse_uri(&args.uri)?;

    let mut attempt = 0;
    let (old_title, done) = loop {
        attempt += 1;
        let mut record = client
            .send(&archival_objects::Get::new(repo_id, id))
            .await
            .with_context(|| format!("reading {}", args.uri))?;
        let old_title = record.title.replace(args.title.clone());
        // `record` still holds the lock_version it was read at, which is
        // what makes ArchivesSpace refuse the update if someone else saved
        // the record in between.
        match client
            .send(&archival_objects::Update::new(repo_id, id, record))
            .await
        {
            Ok(done) => break (old_title, done),
            Err(e) if e.is_stale() && attempt < args.attempts.max(1) => {
                eprintln!("{}: changed by someone else; reading it again", args.uri);
            }
            Err(Error::Validation { errors, .. }) => {
                for (field, messages) in errors {
                    eprintln!("{field}: {}", messages.join("; "));
                }
                anyhow::bail!("ArchivesSpace rejected the record")
            }
            Err(e) => return Err(e.into()),
        }
    };
    println!(
        "{}: {:?} -> {:?} (lock_version {})",
        args.uri,
        old_title.unwrap_or_default(),
        args.title,
        done.lock_version.map_or("?".to_owned(), |v| v.to_string()),
    );
    Ok(())
}

/// `(repo_id, id)` of `/repositories/:repo_id/archival_objects/:id`.
fn parse_uri(uri: &str) -> anyhow::Result<(i64, i64)> {
    let parts: Vec<&str> = uri.trim_end_matches('/').split('/').collect();
    match parts.as_slice() {
        ["", "repositories", repo_id, "archival_objects", id] => Ok((
            repo_id
                .parse()
                .context("the repository id is not a number")?,
            id.parse().context("the record id is not a number")?,
        )),
        _ => anyhow::bail!(
            "{uri:?} is not an archival object URI (/repositories/:repo_id/archival_objects/:id)"
        ),
    }
}
