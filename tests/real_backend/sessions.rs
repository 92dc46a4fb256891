//! Logins, permissions and sessions that end under the client.

use std::time::Duration;

use archivesspace::requests::{accessions, groups, users};
use archivesspace::{Accession, Client, Error, Group, Modified, User};
use futures::future::join_all;
use serde_json::json;

use crate::support::{new_repository, unique, Backend, TestResult};

#[tokio::test]
async fn logins_and_permissions() -> TestResult {
    let (backend, _database) = crate::backend!("logins_and_permissions");
    let client = backend.client()?;
    client.login().await?;
    assert_eq!(client.login_count(), 1);
    assert!(client.session_token().is_some());

    let wrong = backend.client_as(&backend.username, "not-the-password")?;
    match wrong.login().await {
        Err(Error::LoginFailed { username }) => assert_eq!(username, backend.username),
        other => panic!("a wrong password answered {other:?}"),
    }
    // A request needing a login fails the same way.
    let repo = new_repository(&client, "perm").await?;
    match wrong.send(&accessions::List::new(repo)).await {
        Err(Error::LoginFailed { .. }) => {}
        other => panic!("a request with a wrong password answered {other:?}"),
    }

    // A user whose only group grants view_repository.
    let username = unique("viewer");
    let password = unique("pw");
    let user: User = serde_json::from_value(json!({"username": username, "name": "Viewer"}))?;
    client.send(&users::Create::new(&password, user)).await?;
    let group: Group = serde_json::from_value(json!({
        "group_code": unique("viewers"), "description": "Can only view",
        "grants_permissions": ["view_repository"], "member_usernames": [username]
    }))?;
    client.send(&groups::Create::new(repo, group)).await?;

    let viewer = backend.client_as(&username, &password)?;
    let page = viewer.send(&accessions::List::new(repo)).await?;
    assert_eq!(page.total, 0);
    let accession = Accession {
        id_0: Some(unique("A")),
        title: Some("Not allowed".into()),
        accession_date: Some("2024-01-02".into()),
        ..Default::default()
    };
    match viewer.send(&accessions::Create::new(repo, accession)).await {
        Err(Error::AccessDenied { message, .. }) => assert_eq!(message, "Access denied"),
        other => panic!("a write by a viewer answered {other:?}"),
    }
    Ok(())
}

/// Sends `count` creates at once and checks that each made exactly one
/// record: none lost, none made twice by a replay.
async fn creates_in_flight(client: &Client, repo: i64, label: &str, count: usize) -> TestResult {
    let titles: Vec<String> = (0..count).map(|i| format!("{label} {i}")).collect();
    let creates = titles.iter().map(|title| {
        let accession = Accession {
            id_0: Some(unique("A")),
            title: Some(title.clone()),
            accession_date: Some("2024-01-02".into()),
            ..Default::default()
        };
        let request = accessions::Create::new(repo, accession);
        async move { client.send(&request).await }
    });
    let results: Vec<Result<Modified, Error>> = join_all(creates).await;
    for result in &results {
        if let Err(e) = result {
            return Err(format!("a create in flight failed: {e}").into());
        }
    }
    let mut seen: Vec<String> = Vec::new();
    let mut page = accessions::List::new(repo);
    page.page_size = Some(250);
    for accession in client.send(&page).await?.results {
        seen.extend(accession.title);
    }
    seen.retain(|t| t.starts_with(label));
    seen.sort();
    let mut expected = titles;
    expected.sort();
    assert_eq!(seen, expected, "every create in flight saved exactly once");
    Ok(())
}

#[tokio::test]
async fn a_session_logged_out_elsewhere_is_renewed_once() -> TestResult {
    let (backend, _database) = crate::backend!("a_session_logged_out_elsewhere_is_renewed_once");
    let client = backend.client()?;
    let repo = new_repository(&client, "gone").await?;
    assert_eq!(client.login_count(), 1);
    let token = client.session_token().ok_or("no session")?;

    // The same token logged out from another connection.
    let http = crate::scenarios::raw_http();
    let logout = http
        .post(format!("{}/logout", backend.url))
        .header("X-ArchivesSpace-Session", token.expose())
        .header("Content-Length", "0")
        .send()
        .await?;
    assert_eq!(logout.status().as_u16(), 200);
    let probe = http
        .get(format!("{}/repositories/{repo}", backend.url))
        .header("X-ArchivesSpace-Session", token.expose())
        .send()
        .await?;
    assert_eq!(probe.status().as_u16(), 412);
    let body: serde_json::Value = serde_json::from_str(&probe.text().await?)?;
    assert_eq!(body["code"], "SESSION_GONE");

    creates_in_flight(&client, repo, "Gone", 24).await?;
    assert_eq!(client.login_count(), 2, "one login again for all requests");
    Ok(())
}

#[tokio::test]
async fn an_idle_expiring_session_is_renewed_once() -> TestResult {
    let (backend, _database): (Backend, _) =
        crate::backend!("an_idle_expiring_session_is_renewed_once");
    let Some(expiry) = backend.session_expiry else {
        if crate::support::required() {
            return Err("ASPACE_TEST_SESSION_EXPIRY is needed in CI".into());
        }
        eprintln!(
            "an_idle_expiring_session_is_renewed_once: skipped: start the backend with \
             APPCONFIG_SESSION_EXPIRE_AFTER_SECONDS=3 and set ASPACE_TEST_SESSION_EXPIRY=3"
        );
        return Ok(());
    };
    let admin = backend.client()?;
    let repo = new_repository(&admin, "exp").await?;
    let client = Client::builder()
        .base_url(&backend.url)
        .credentials(&backend.username, backend.password.as_str())
        .expiring_session(true)
        .build()?;
    client.login().await?;
    // A second expiring session, to see the server's answer for itself.
    let http = crate::scenarios::raw_http();
    let login = http
        .post(format!("{}/users/{}/login", backend.url, backend.username))
        .form(&[
            ("password", backend.password.as_str()),
            ("expiring", "true"),
        ])
        .send()
        .await?
        .text()
        .await?;
    let login: serde_json::Value = serde_json::from_str(&login)?;
    let token = login["session"].as_str().ok_or("no session")?.to_owned();

    tokio::time::sleep(Duration::from_secs(expiry + 2)).await;

    let probe = http
        .get(format!("{}/repositories/{repo}", backend.url))
        .header("X-ArchivesSpace-Session", &token)
        .send()
        .await?;
    assert_eq!(probe.status().as_u16(), 412);
    let body: serde_json::Value = serde_json::from_str(&probe.text().await?)?;
    assert_eq!(body["code"], "SESSION_EXPIRED");

    creates_in_flight(&client, repo, "Expired", 24).await?;
    assert_eq!(client.login_count(), 2, "one login again for all requests");
    Ok(())
}
