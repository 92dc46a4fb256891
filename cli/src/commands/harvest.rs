//! `aspace harvest TYPE --repo N`: every record of a listing as JSON Lines
//! (the JSON text the server sent, never re-encoded), fetched by id several
//! requests at once; with `--state FILE`, only what changed since the sync
//! point saved there, deletions as `{"deleted": URI}` lines, and the new
//! point saved once everything is written.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use archivesspace::request::Query;
use archivesspace::{Change, Client, Error, Paging, SyncPoint};
use clap::{Args, ValueEnum};
use futures::{Stream, StreamExt};
use serde_json::value::RawValue;

use crate::error::{write_failed, Failure, Outcome};
use crate::input::write_atomically;
use crate::listing::Listing;
use crate::terminal;

/// How harvested records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HarvestFormat {
    /// One record a line.
    Jsonl,
    /// One JSON array.
    Json,
}

/// `harvest`'s arguments.
#[derive(Debug, Args)]
pub struct HarvestArgs {
    /// The listing, as in its URL: archival_objects, resources, accessions,
    /// digital_objects, top_containers, subjects, agents/people, ...
    #[arg(value_name = "TYPE")]
    pub record_type: String,
    /// The repository (for types that belong to one).
    #[arg(long, value_name = "N")]
    pub repo: Option<i64>,
    /// Output format.
    #[arg(short = 'o', long = "output", value_enum, default_value_t = HarvestFormat::Jsonl)]
    pub format: HarvestFormat,
    /// A sync point file: read if it exists (only changes since it are
    /// written), then saved with the new point.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Records a request (at most 250).
    #[arg(long, default_value_t = archivesspace::MAX_PAGE_SIZE, value_name = "N")]
    pub page_size: u64,
    /// Requests in flight at once [default: adapted to the server, up to 8].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
}

/// What the harvest writes records to.
struct Sink {
    out: BufWriter<std::io::StdoutLock<'static>>,
    format: HarvestFormat,
    count: u64,
}

impl Sink {
    fn record(&mut self, json: &str) -> Outcome {
        let fail = |e| write_failed("standard output", e);
        if self.format == HarvestFormat::Json {
            let separator: &[u8] = if self.count == 0 { b"[\n" } else { b",\n" };
            self.out.write_all(separator).map_err(fail)?;
        }
        if json.contains('\n') {
            // A server that pretty-prints: one line per record all the same.
            let value: serde_json::Value = serde_json::from_str(json)
                .map_err(|e| Failure::failed(format!("a harvested record is not JSON: {e}")))?;
            serde_json::to_writer(&mut self.out, &value).map_err(|e| fail(e.into()))?;
        } else {
            self.out.write_all(json.as_bytes()).map_err(fail)?;
        }
        if self.format == HarvestFormat::Jsonl {
            self.out.write_all(b"\n").map_err(fail)?;
        }
        self.count += 1;
        Ok(())
    }

    fn deleted(&mut self, uri: &str) -> Outcome {
        let line = serde_json::json!({ "deleted": uri }).to_string();
        self.record(&line)
    }

    fn finish(mut self) -> Outcome<u64> {
        let fail = |e| write_failed("standard output", e);
        if self.format == HarvestFormat::Json {
            let end: &[u8] = if self.count == 0 { b"[]\n" } else { b"\n]\n" };
            self.out.write_all(end).map_err(fail)?;
        }
        self.out.flush().map_err(fail)?;
        Ok(self.count)
    }
}

/// Harvests (or syncs) the listing to standard output.
pub async fn run(client: &Client, args: &HarvestArgs) -> Outcome {
    let kind = args.record_type.trim_matches('/');
    let path = match args.repo {
        Some(repo) => format!("/repositories/{repo}/{kind}"),
        None => format!("/{kind}"),
    };
    let listing = Listing::new(path, Query::new());
    let mut paging = Paging::new().with_page_size(args.page_size);
    if let Some(concurrency) = args.concurrency {
        paging = paging.with_concurrency(concurrency);
    }
    let bar = terminal::progress("{bar:40} {pos}/{len} records, {per_sec}, eta {eta}");
    if !bar.is_hidden() {
        // One record's page tells the total: asked for beside the harvest,
        // and only when the bar is drawn, since it costs a count query.
        let (client, bar, mut probe) = (client.clone(), bar.clone(), listing.clone());
        archivesspace::request::PaginatedRequest::set_page(&mut probe, 1, 1);
        tokio::spawn(async move {
            if let Ok(page) = client.send(&probe).await {
                bar.set_length(page.total);
            }
        });
    }
    let mut sink = Sink {
        out: BufWriter::with_capacity(1 << 20, std::io::stdout().lock()),
        format: args.format,
        count: 0,
    };
    match &args.state {
        None => {
            let records = client.harvest_with(listing, paging);
            drain(records.map(|r| r.map(Change::Modified)), &mut sink, &bar).await?;
            sink.finish()?;
        }
        Some(state) => {
            let since = read_state(state)?;
            let sync = client.changes(listing, since, paging).await?;
            drain(sync.changes, &mut sink, &bar).await?;
            sink.finish()?;
            let text = serde_json::to_vec(&sync.next)
                .map_err(|e| Failure::failed(format!("cannot write the sync point: {e}")))?;
            write_atomically(state, &text)?;
        }
    }
    bar.finish_and_clear();
    Ok(())
}

async fn drain(
    changes: impl Stream<Item = Result<Change<Box<RawValue>>, Error>>,
    sink: &mut Sink,
    bar: &indicatif::ProgressBar,
) -> Outcome {
    let mut changes = std::pin::pin!(changes);
    while let Some(change) = changes.next().await {
        match change? {
            Change::Modified(record) => sink.record(record.get())?,
            Change::Deleted(uri) => sink.deleted(&uri)?,
        }
        bar.inc(1);
    }
    Ok(())
}

/// The sync point saved in `path`; none when the file does not exist yet.
fn read_state(path: &Path) -> Outcome<Option<SyncPoint>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Failure::failed(format!(
                "cannot read {}: {e}",
                path.display()
            )))
        }
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| {
        Failure::failed(format!(
            "{}:{}:{}: not a sync point ({{\"modified_since\": SECONDS}}): {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}
