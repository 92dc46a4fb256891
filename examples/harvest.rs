//! Harvests every record of one type in a repository to a JSON Lines file.
//!
//! ```text
//! cargo run --example harvest -- --repo 2 --type archival_objects --out aos.jsonl
//! ```
//!
//! Connection settings come from `--base-url`, `--username`, `--password`,
//! else from `ASPACE_BASEURL`, `ASPACE_USERNAME`, `ASPACE_PASSWORD`, else
//! from ArchivesSnake's `~/.archivessnake.yml`. Prefer the environment or the
//! file for the password: command lines are visible to other users.
//!
//! Records are written as the JSON text the server sent, never decoded:
//! that is the fastest way (nothing is parsed into a tree or re-serialized)
//! and the exact one (every member, in the server's order), and it works for
//! any `--type`. To work with typed records instead, harvest with a
//! generated listing, which streams `archivesspace::ArchivalObject`s:
//! `client.harvest(archivesspace::requests::archival_objects::List::new(2))`.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use archivesspace::request::{Method, Page, PaginatedRequest, Query, Request, MAX_PAGE_SIZE};
use archivesspace::{Client, Config, Paging, Secret};
use clap::Parser;
use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::value::RawValue;

#[derive(Parser)]
#[command(about = "Harvest ArchivesSpace records to JSON Lines")]
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
    /// Repository id.
    #[arg(long, default_value_t = 2)]
    repo: u64,
    /// Record type, as in the URL: archival_objects, resources, accessions, ...
    #[arg(long = "type", default_value = "archival_objects")]
    record_type: String,
    /// Records per id_set request (at most 250).
    #[arg(long, default_value_t = MAX_PAGE_SIZE)]
    page_size: u64,
    /// Requests in flight at once, always that many. By default, up to
    /// eight: as many as the server answers without queueing them.
    #[arg(long)]
    concurrency: Option<usize>,
    /// Walk the listing page by page instead of by ids.
    #[arg(long)]
    by_page: bool,
    /// Output file (JSON Lines); `-` for standard output.
    #[arg(long, default_value = "-")]
    out: PathBuf,
}

/// `GET /repositories/:repo_id/<type>` for any record type, each record kept
/// as the JSON text the server sent: written out as is, it stays exactly what
/// the server holds (every key, in its order), and the harvest never spends
/// time building and re-serializing a document tree.
#[derive(Clone)]
struct Listing {
    path: String,
    page: Option<(u64, u64)>,
}

impl Request for Listing {
    type Response = Page<Box<RawValue>>;
    const METHOD: Method = Method::Get;
    const URI_TEMPLATE: &'static str = "/repositories/:repo_id/:type";

    fn path(&self) -> String {
        self.path.clone()
    }

    fn query(&self) -> Query {
        let mut query = Query::new();
        if let Some((page, page_size)) = self.page {
            query.push("page", page);
            query.push("page_size", page_size);
        }
        query
    }
}

impl PaginatedRequest for Listing {
    type Item = Box<RawValue>;

    fn set_page(&mut self, page: u64, page_size: u64) {
        self.page = Some((page, page_size.min(MAX_PAGE_SIZE)));
    }

    // A whole harvest, never an incremental one.
    fn set_modified_since(&mut self, _since: Option<u64>) {}
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
    let client = Client::builder()
        .config(config)
        // Leave headroom for the login next to the listing's requests.
        .concurrency(
            args.concurrency
                .unwrap_or(Paging::new().concurrency())
                .max(1)
                + 1,
        )
        .build()?;

    let listing = Listing {
        path: format!("/repositories/{}/{}", args.repo, args.record_type),
        page: None,
    };
    // A buffer of about a page of records: one write system call per page
    // rather than one per few records.
    let buffer = 1 << 20;
    let mut out: Box<dyn Write> = if args.out.as_os_str() == "-" {
        Box::new(BufWriter::with_capacity(buffer, std::io::stdout().lock()))
    } else {
        let file =
            File::create(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
        Box::new(BufWriter::with_capacity(buffer, file))
    };

    // The bar is drawn only on a terminal. Its total costs a request of its
    // own (and, on the server, a count query), so it is asked for only when
    // the bar is drawn, and beside the harvest rather than before it: the
    // harvest's first request does not wait for it.
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} records, {per_sec}, eta {eta}",
    )?);
    if !bar.is_hidden() {
        let client = client.clone();
        let bar = bar.clone();
        // One record's page tells the total.
        let mut probe = listing.clone();
        probe.set_page(1, 1);
        tokio::spawn(async move {
            if let Ok(page) = client.send(&probe).await {
                bar.set_length(page.total);
            }
        });
    }
    let mut paging = Paging::new().with_page_size(args.page_size);
    if let Some(concurrency) = args.concurrency {
        paging = paging.with_concurrency(concurrency);
    }
    let started = Instant::now();
    let mut records = if args.by_page {
        client.paginate_with(listing, paging).boxed()
    } else {
        client.harvest_with(listing, paging).boxed()
    };
    let mut count: u64 = 0;
    while let Some(record) = records.next().await {
        let record = record?;
        let json = record.get();
        if json.contains('\n') {
            // A server that pretty-prints: one line per record all the same.
            let value: serde_json::Value = serde_json::from_str(json)?;
            serde_json::to_writer(&mut out, &value)?;
        } else {
            out.write_all(json.as_bytes())?;
        }
        out.write_all(b"\n")?;
        count += 1;
        bar.inc(1);
    }
    out.flush()?;
    bar.finish_and_clear();

    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{count} records in {seconds:.3} s ({:.0} records/s)",
        count as f64 / seconds.max(f64::EPSILON)
    );
    Ok(())
}
