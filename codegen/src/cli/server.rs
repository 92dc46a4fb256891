//! Talking to a live ArchivesSpace backend for `import --server` and
//! `drift --server`.
//!
//! The password goes only into the login form's body and the session only
//! into a header: neither is ever part of a URL or a message.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::CliError;

/// What a server told us about its schemas.
pub struct FetchedSchemas {
    /// The body of `GET /schemas`.
    pub body: String,
    /// The release from `GET /` (`archivesSpaceVersion`), or `unknown`.
    pub release: String,
}

/// The header that carries the session token.
const SESSION_HEADER: &str = "X-ArchivesSpace-Session";

/// The largest `GET /schemas` answer read: v4.2.1's is about 2 MB, and a
/// site's plugins add little; the limit only stops a runaway answer.
const SCHEMAS_LIMIT: u64 = 64 * 1024 * 1024;

fn env(name: &str) -> Result<String, CliError> {
    std::env::var(name)
        .map_err(|_| CliError::Usage(format!("{name} is not set (the login for --server)")))
}

/// Logs in with ASPACE_USERNAME / ASPACE_PASSWORD and fetches `GET /schemas`.
pub fn fetch_schemas(base_url: &str) -> Result<FetchedSchemas, CliError> {
    let base = base_url.trim_end_matches('/');
    let username = env("ASPACE_USERNAME")?;
    let password = env("ASPACE_PASSWORD")?;

    let agent = ureq::Agent::new_with_defaults();
    let login_url = format!(
        "{base}/users/{}/login",
        utf8_percent_encode(&username, NON_ALPHANUMERIC)
    );
    let mut response = agent
        .post(&login_url)
        .send_form([("password", password.as_str())])
        .map_err(|e| CliError::Server(format!("logging in as {username} at {base}: {e}")))?;
    let login: serde_json::Value = response
        .body_mut()
        .read_json()
        .map_err(|e| CliError::Server(format!("reading the login answer of {base}: {e}")))?;
    let Some(session) = login.get("session").and_then(|s| s.as_str()) else {
        return Err(CliError::Server(format!(
            "the login answer of {base} holds no session"
        )));
    };

    // Older releases answer `GET /` without a version, or not as JSON: the
    // release is then `unknown` (or what --release says), not an error.
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
        .map_err(|e| CliError::Server(format!("GET {base}/schemas: {e}")))?
        .body_mut()
        .with_config()
        .limit(SCHEMAS_LIMIT)
        .read_to_string()
        .map_err(|e| CliError::Server(format!("reading GET {base}/schemas: {e}")))?;
    Ok(FetchedSchemas { body, release })
}
