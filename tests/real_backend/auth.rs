//! Sessions the client did not make itself, logging out, the session header
//! and request priority.

use archivesspace::requests::{accessions, update_feed};
use archivesspace::{Accession, Client, Error, Priority, SessionFailure};
use serde_json::Value;

use crate::support::{new_repository, unique, TestResult};

fn accession(title: &str) -> Accession {
    Accession {
        id_0: Some(unique("A")),
        title: Some(title.into()),
        accession_date: Some("2024-01-02".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_existing_session_is_used_until_it_is_logged_out() -> TestResult {
    let (backend, _database) =
        crate::backend!("an_existing_session_is_used_until_it_is_logged_out");
    let owner = backend.client()?;
    let repo = new_repository(&owner, "token").await?;
    let token = owner.session_token().ok_or("no session after a request")?;

    // A client with the token and no credentials: it never logs in.
    let borrower = Client::builder()
        .base_url(&backend.url)
        .session_token(token.expose())
        .build()?;
    let page = borrower.send(&accessions::List::new(repo)).await?;
    assert_eq!(page.total, 0);
    assert_eq!(borrower.login_count(), 0);
    assert_eq!(borrower.session_token(), Some(token.clone()));

    // The same token under another header name does not reach
    // ArchivesSpace, which reads only X-ArchivesSpace-Session: the request
    // is anonymous and refused.
    let renamed = Client::builder()
        .base_url(&backend.url)
        .session_token(token.expose())
        .session_header("X-Forwarded-Session")
        .build()?;
    match renamed.send(&accessions::List::new(repo)).await {
        Err(Error::AccessDenied { .. }) => {}
        other => panic!("a token under another header answered {other:?}"),
    }

    // Logging out ends the session on the server: the borrower, which
    // cannot log in, gets the server's verdict; the owner logs in again.
    owner.logout().await?;
    assert!(owner.session_token().is_none());
    match borrower.send(&accessions::List::new(repo)).await {
        Err(Error::Session { failure, .. }) => assert_eq!(failure, SessionFailure::Gone),
        other => panic!("a logged-out token answered {other:?}"),
    }
    owner.send(&accessions::List::new(repo)).await?;
    assert_eq!(owner.login_count(), 2);
    assert_ne!(owner.session_token(), Some(token));
    // Without a session, logging out sends nothing and succeeds.
    Client::builder()
        .base_url(&backend.url)
        .build()?
        .logout()
        .await?;
    Ok(())
}

#[tokio::test]
async fn high_priority_writes_reach_the_update_feed() -> TestResult {
    let (backend, _database) = crate::backend!("high_priority_writes_reach_the_update_feed");
    let client = backend.client()?;
    let repo = new_repository(&client, "priority").await?;
    let normal = client
        .send(&accessions::Create::new(repo, accession("Normal priority")))
        .await?;
    let urgent = client.with_priority(Priority::High);
    assert_eq!(urgent.priority(), Priority::High);
    let high = urgent
        .send(&accessions::Create::new(repo, accession("High priority")))
        .await?;
    // The feed has at least the high-priority record, so it answers at once
    // (an empty feed waits for an update).
    let feed = client.send(&update_feed::Get::new()).await?;
    let uris: Vec<&str> = feed
        .as_array()
        .ok_or("the update feed is not a list")?
        .iter()
        .filter_map(|entry| entry.get("uri").and_then(Value::as_str))
        .collect();
    let uri = |id: i64| format!("/repositories/{repo}/accessions/{id}");
    assert!(uris.contains(&uri(high.id).as_str()), "{uris:?}");
    assert!(!uris.contains(&uri(normal.id).as_str()), "{uris:?}");
    Ok(())
}
