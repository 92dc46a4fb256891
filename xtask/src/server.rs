//! Talking to a live ArchivesSpace backend for `import --server`.

use anyhow::{bail, Context, Result};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

/// What a server told us about its schemas.
pub struct FetchedSchemas {
    /// The body of `GET /schemas`.
    pub body: String,
    /// The release from `GET /` (`archivesSpaceVersion`), or `unknown`.
    pub release: String,
}

/// The header that carries the session token.
const SESSION_HEADER: &str = "X-ArchivesSpace-Session";

/// Logs in with ASPACE_USERNAME / ASPACE_PASSWORD and fetches `GET /schemas`.
pub fn fetch_schemas(base_url: &str) -> Result<FetchedSchemas> {
    let base = base_url.trim_end_matches('/');
    let username = std::env::var("ASPACE_USERNAME")
        .context("ASPACE_USERNAME is not set (the login for --server)")?;
    let password = std::env::var("ASPACE_PASSWORD")
        .context("ASPACE_PASSWORD is not set (the login for --server)")?;

    let agent = ureq::Agent::new_with_defaults();
    // The password goes in the form body, never in the URL.
    let login_url = format!(
        "{base}/users/{}/login",
        utf8_percent_encode(&username, NON_ALPHANUMERIC)
    );
    let mut response = agent
        .post(&login_url)
        .send_form([("password", password.as_str())])
        .with_context(|| format!("logging in as {username} at {base}"))?;
    let login: serde_json::Value = response
        .body_mut()
        .read_json()
        .context("reading the login response")?;
    let Some(session) = login.get("session").and_then(|s| s.as_str()) else {
        bail!("the login response from {base} holds no session");
    };

    let release = agent
        .get(format!("{base}/"))
        .header("Accept", "application/json")
        .call()
        .ok()
        .and_then(|mut r| r.body_mut().read_json::<serde_json::Value>().ok())
        .and_then(|info| {
            info.get("archivesSpaceVersion")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "unknown".into());

    let body = agent
        .get(format!("{base}/schemas"))
        .header(SESSION_HEADER, session)
        .call()
        .with_context(|| format!("GET {base}/schemas"))?
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .context("reading GET /schemas")?;
    Ok(FetchedSchemas { body, release })
}
