//! The program of the site flow test: a site's own crate, on the runtime
//! without its bundled bindings and on the crate `archivesspace-codegen
//! generate` made for the site's release and plugin. The test writes it
//! as `src/main.rs` of a new cargo project, outside the workspace, and
//! runs it against the real backend (ASPACE_BASEURL, ASPACE_USERNAME,
//! ASPACE_PASSWORD). It prints one line per step and exits non-zero on
//! the first that does not hold.

use anyhow::{bail, ensure, Context, Result};
use archivesspace::{Client, ConflictKind, Error, Uri};
use futures::TryStreamExt;
use site_api::requests::{accessions, repositories};
use site_api::{Accession, HelloWorld, Repository};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let client = Client::from_env()?;
    let stamp = std::process::id();

    // A repository of the program's own, so that runs do not meet.
    let repository = Repository {
        repo_code: Some(format!("site{stamp}")),
        name: Some(format!("Site flow {stamp}")),
        ..Default::default()
    };
    let repo_id = client
        .send(&repositories::Create::new(repository))
        .await
        .context("creating a repository")?
        .id;
    println!("repository {repo_id}");

    // An accession with the plugin's field set, typed.
    let accession = Accession {
        id_0: Some(format!("SF{stamp}")),
        title: Some("Greetings".into()),
        accession_date: Some("2024-01-02".into()),
        hello_worlds: vec![HelloWorld {
            who: Some("Ada".into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let id = client
        .send(&accessions::Create::new(repo_id, accession))
        .await
        .context("creating an accession with hello_worlds")?
        .id;

    // Read back typed: the plugin's records come back in their field.
    let read: Accession = client.send(&accessions::Get::new(repo_id, id)).await?;
    let who: Vec<Option<&str>> = read.hello_worlds.iter().map(|h| h.who.as_deref()).collect();
    ensure!(who == [Some("Ada")], "hello_worlds read back as {who:?}");
    println!("accession {id} read back with hello_worlds {who:?}");

    // A harvest of the listing (all_ids, then id_set).
    let all: Vec<Accession> = client
        .harvest(accessions::List::new(repo_id))
        .try_collect()
        .await?;
    ensure!(
        all.iter().any(|a| a.uri == read.uri),
        "the harvest has {} accessions, not ours",
        all.len()
    );
    println!("harvested {} accession(s)", all.len());

    // A lossless read-modify-write under lock_version.
    let uri = Uri::<Accession>::new(read.uri.clone().context("the accession's uri")?);
    client
        .update_record(&uri, |record| record.title = Some("Greetings, edited".into()))
        .await?;
    let edited: Accession = client.send(&accessions::Get::new(repo_id, id)).await?;
    ensure!(
        edited.title.as_deref() == Some("Greetings, edited") && edited.hello_worlds.len() == 1,
        "after update_with: {:?} with {} hello_worlds",
        edited.title,
        edited.hello_worlds.len()
    );
    println!("updated: {:?}", edited.title);

    // The copy read before that update is stale now: a typed conflict.
    let mut stale = read;
    stale.title = Some("A stale edit".into());
    match client
        .send(&accessions::Update::new(repo_id, id, stale))
        .await
    {
        Err(Error::Conflict {
            kind: ConflictKind::StaleLockVersion,
            ..
        }) => println!("stale update: Conflict(StaleLockVersion)"),
        Err(other) => bail!("a stale update answered {other}"),
        Ok(answer) => bail!("a stale update was saved: {answer:?}"),
    }
    println!("site flow: ok");
    Ok(())
}
