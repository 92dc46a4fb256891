//! Changes a record's title with a lossless read-modify-write: every other
//! member goes back exactly as ArchivesSpace sent it.
//!
//! ```text
//! cargo run --example update_title -- --uri /repositories/2/archival_objects/7 --title "Correspondence"
//! ```
//!
//! Connection settings as for the `harvest` example: flags, else
//! `ASPACE_*` variables, else `~/.archivessnake.yml`.

use archivesspace::{Client, Config, Error, Secret};
use clap::Parser;
use serde_json::Value;

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
    /// The record's URI, such as /repositories/2/archival_objects/7.
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

    let mut old_title = None;
    let result = client
        .update_with_attempts(&args.uri, args.attempts, |record: &mut Value| {
            old_title = record.get("title").cloned();
            record["title"] = Value::String(args.title.clone());
        })
        .await;
    match result {
        Ok(done) => {
            println!(
                "{}: {} -> {:?} (lock_version {})",
                args.uri,
                old_title.unwrap_or(Value::Null),
                args.title,
                done.lock_version.map_or("?".to_owned(), |v| v.to_string()),
            );
            Ok(())
        }
        Err(Error::Validation { errors, .. }) => {
            for (field, messages) in errors {
                eprintln!("{field}: {}", messages.join("; "));
            }
            anyhow::bail!("ArchivesSpace rejected the record")
        }
        Err(e) => Err(e.into()),
    }
}
