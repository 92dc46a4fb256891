//! Incremental sync against a real ArchivesSpace backend: a full harvest
//! of a listing, then a sync after 1% of its records changed, with the
//! records each fetched and the time each took.
//!
//! It needs a backend (`--aspace-url`, e.g. `../shared/realaspace`'s), which
//! it loads with its own repository of archival objects.

use std::time::{Duration, Instant};

use anyhow::Result;
use archivesspace::requests::archival_objects;
use archivesspace::{ArchivalObject, Change, Client, Paging};
use futures::TryStreamExt;

use super::{millis, Section};

/// What the sync benchmark runs against and over how many records.
pub struct Plan {
    pub url: String,
    pub username: String,
    pub password: String,
    pub records: usize,
}

struct Run {
    fetched: usize,
    time: Duration,
}

async fn sync(
    client: &Client,
    listing: &archival_objects::List,
    since: Option<archivesspace::SyncPoint>,
) -> Result<(Run, archivesspace::SyncPoint, Vec<i64>)> {
    let start = Instant::now();
    let sync = client
        .changes(listing.clone(), since, Paging::new())
        .await?;
    let changes: Vec<Change<ArchivalObject>> = sync.changes.try_collect().await?;
    let ids = changes
        .iter()
        .filter_map(|c| match c {
            Change::Modified(ao) => ao.uri.as_deref()?.rsplit('/').next()?.parse().ok(),
            Change::Deleted(_) => None,
        })
        .collect();
    Ok((
        Run {
            fetched: changes.len(),
            time: start.elapsed(),
        },
        sync.next,
        ids,
    ))
}

pub fn bench(plan: &Plan) -> Result<Section> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = Client::builder()
            .base_url(&plan.url)
            .credentials(&plan.username, plan.password.as_str())
            .expiring_session(false)
            .request_timeout(Duration::from_secs(600))
            .build()?;
        let code = format!("sync{}", std::process::id());
        let repo_id = super::seed::repository_with_items(
            &client,
            &code,
            &format!("Sync benchmark {code}"),
            "Sync benchmark",
            plan.records,
        )
        .await?;
        // Sync points have a resolution of a second and are a second early.
        let settle = Duration::from_millis(2100);
        tokio::time::sleep(settle).await;

        let listing = archival_objects::List::new(repo_id);
        let (full, point, ids) = sync(&client, &listing, None).await?;
        tokio::time::sleep(settle).await;
        let changed = (plan.records / 100).max(1);
        for &id in ids
            .iter()
            .step_by((ids.len() / changed).max(1))
            .take(changed)
        {
            client
                .update_with(
                    format!("/repositories/{repo_id}/archival_objects/{id}"),
                    |ao: &mut ArchivalObject| {
                        ao.title = Some(format!("Changed {id}"));
                    },
                )
                .await?;
        }
        let (incremental, _, _) = sync(&client, &listing, Some(point)).await?;

        let share = |run: &Run| 100.0 * run.time.as_secs_f64() / full.time.as_secs_f64();
        let mut markdown = format!(
            "## Incremental sync (real backend)\n\n\
             `Client::changes` over a repository of {} archival objects on the real \
             ArchivesSpace backend (`../shared/realaspace`: Derby, WEBrick), this client's \
             default paging; then again from the point the first run handed back, after \
             {changed} of the records ({:.0}%) were changed.\n\n\
             | sync | records fetched | time | time ÷ full |\n| --- | ---: | ---: | ---: |\n",
            plan.records,
            100.0 * changed as f64 / plan.records as f64
        );
        for (name, run) in [("full", &full), ("incremental", &incremental)] {
            markdown.push_str(&format!(
                "| {name} | {} | {} | {:.1}% |\n",
                run.fetched,
                millis(run.time),
                share(run)
            ));
        }
        markdown.push_str(
            "\nThe incremental run asks for the ids modified since the point (`all_ids` with \
             `modified_since`) and the delete feed, then fetches only those records; its fixed \
             cost is those two requests (the delete feed's answer also gives the server's \
             clock, which becomes the next sync point), about a tenth of a second each on this \
             Derby backend, so its share of the full harvest's time falls toward the share of \
             records changed as the listing grows.\n",
        );
        Ok(Section {
            name: "sync",
            markdown,
        })
    })
}
