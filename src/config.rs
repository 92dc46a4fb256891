//! Connection settings from the environment or ArchivesSnake's config file.

use std::path::{Path, PathBuf};

use crate::{Error, Secret};

/// Where to connect and as whom.
///
/// [`Config::from_env`] reads `ASPACE_BASEURL`, `ASPACE_USERNAME` and
/// `ASPACE_PASSWORD`; any of them that is unset is taken from ArchivesSnake's
/// YAML file (`$ASNAKE_CONFIG_FILE`, else `~/.archivessnake.yml`, keys
/// `baseurl`, `username`, `password`), so scripts moving over from
/// ArchivesSnake keep working with the file they already have.
///
/// The file may also hold named profiles, for sites side by side (a
/// production and a test backend): a `profiles` mapping of name to the same
/// keys. `ASPACE_PROFILE` (or [`Config::from_env_profile`]) picks one; its
/// keys win over the file's top-level ones, which stay the defaults. A
/// profile may also set `session_header`, for a proxy that forwards the
/// session token under another header name.
///
/// For sites behind a private CA or asking for a client certificate,
/// `ca_file` (`ASPACE_CA_FILE`) names PEM certificates to trust besides the
/// system's, and `client_cert` / `client_key` (`ASPACE_CLIENT_CERT` /
/// `ASPACE_CLIENT_KEY`) the client's PEM certificate and key (the key may
/// be in the certificate's file). `proxy` names a proxy for every request
/// (else `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` apply). A relative path
/// in the file is relative to the file's folder; `~/` is the home folder.
/// The file is not read at all when the environment sets the base URL, the
/// username and the password and names no profile.
///
/// ```yaml
/// baseurl: http://localhost:8089
/// username: admin
/// password: admin
/// profiles:
///   production:
///     baseurl: https://archives.example.org/api
///     username: harvester
///     password: not-this-one
///   test:
///     baseurl: https://test.archives.example.org/api
///     ca_file: test-ca.pem
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The backend's base URL, such as `http://localhost:8089`.
    pub base_url: Option<String>,
    /// The user to log in as.
    pub username: Option<String>,
    /// That user's password.
    pub password: Option<Secret>,
    /// The header the session token is sent in, when not
    /// `X-ArchivesSpace-Session`.
    pub session_header: Option<String>,
    /// PEM certificates to trust besides the system's (a private CA).
    pub ca_file: Option<PathBuf>,
    /// The client certificate (PEM, chain after it), for servers that ask.
    pub client_cert: Option<PathBuf>,
    /// The client certificate's private key (PEM); without it, it is read
    /// from `client_cert`.
    pub client_key: Option<PathBuf>,
    /// A proxy for every request (`http://proxy.example.org:3128`), instead
    /// of the `HTTPS_PROXY` / `HTTP_PROXY` variables; a secret, since it may
    /// carry the proxy's credentials.
    pub proxy: Option<Secret>,
}

impl Config {
    /// Reads the environment, then ArchivesSnake's config file for what is
    /// missing (the profile `ASPACE_PROFILE` names, if set).
    pub fn from_env() -> Result<Config, Error> {
        Config::from_sources(|name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], with the config file's profile `profile`.
    pub fn from_env_profile(profile: &str) -> Result<Config, Error> {
        Config::from_sources(|name| match name {
            "ASPACE_PROFILE" => Some(profile.to_owned()),
            other => std::env::var(other).ok(),
        })
    }

    /// Like [`Config::from_env`], with `env` standing in for the environment
    /// (so that tests need not touch the process's variables).
    pub fn from_sources(env: impl Fn(&str) -> Option<String>) -> Result<Config, Error> {
        let nonempty = |name: &str| env(name).filter(|v| !v.is_empty());
        let profile = nonempty("ASPACE_PROFILE");
        let mut config = Config {
            base_url: nonempty("ASPACE_BASEURL"),
            username: nonempty("ASPACE_USERNAME"),
            password: nonempty("ASPACE_PASSWORD").map(Secret::from),
            session_header: nonempty("ASPACE_SESSION_HEADER"),
            ca_file: nonempty("ASPACE_CA_FILE").map(PathBuf::from),
            client_cert: nonempty("ASPACE_CLIENT_CERT").map(PathBuf::from),
            client_key: nonempty("ASPACE_CLIENT_KEY").map(PathBuf::from),
            proxy: None,
        };
        if config.is_complete() && profile.is_none() {
            return Ok(config);
        }
        let file = match nonempty("ASNAKE_CONFIG_FILE") {
            Some(path) => Some(expand_home(&path, nonempty("HOME"))),
            None => nonempty("HOME").map(|home| Path::new(&home).join(".archivessnake.yml")),
        };
        let shown = file.as_ref().map(|f| f.display().to_string());
        // ArchivesSnake ignores a config file that does not exist; so do we.
        match file.filter(|f| f.is_file()) {
            Some(file) => {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| Error::config(format!("cannot read {}: {e}", file.display())))?;
                let mut from_file =
                    Config::from_yaml_profile(&text, profile.as_deref()).map_err(|e| match e {
                        Error::Config { message } => {
                            Error::config(format!("{}: {message}", file.display()))
                        }
                        other => other,
                    })?;
                let folder = file.parent().unwrap_or(Path::new(""));
                let home = nonempty("HOME");
                for path in [
                    &mut from_file.ca_file,
                    &mut from_file.client_cert,
                    &mut from_file.client_key,
                ]
                .into_iter()
                .flatten()
                {
                    *path = folder.join(expand_home(&path.to_string_lossy(), home.clone()));
                }
                config.fill_from(from_file);
            }
            None => {
                if let Some(profile) = profile {
                    return Err(Error::config(format!(
                        "ASPACE_PROFILE names the profile `{profile}`, but there is no config \
                         file to hold it ({})",
                        shown.unwrap_or_else(|| "set ASNAKE_CONFIG_FILE or HOME".to_owned())
                    )));
                }
            }
        }
        Ok(config)
    }

    /// Parses an ArchivesSnake YAML config (its top-level keys); keys other
    /// than `baseurl`, `username`, `password`, `session_header`, `ca_file`,
    /// `client_cert`, `client_key` and `proxy` are ignored. Paths are kept
    /// as written ([`Config::from_env`] resolves them against the file's
    /// folder).
    pub fn from_yaml(text: &str) -> Result<Config, Error> {
        Config::from_yaml_profile(text, None)
    }

    /// Parses a YAML config with the profile `profile` (under `profiles`)
    /// laid over its top-level keys; an unknown profile is an error that
    /// lists the ones the file has.
    pub fn from_yaml_profile(text: &str, profile: Option<&str>) -> Result<Config, Error> {
        let doc: serde_norway::Value = serde_norway::from_str(text)
            .map_err(|e| Error::config(format!("invalid YAML: {e}")))?;
        let map = match doc {
            serde_norway::Value::Null => serde_norway::Mapping::new(),
            serde_norway::Value::Mapping(map) => map,
            _ => return Err(Error::config("expected a YAML mapping")),
        };
        let mut config = keys(&map, "")?;
        if let Some(name) = profile {
            let profiles = match map.get("profiles") {
                None | Some(serde_norway::Value::Null) => serde_norway::Mapping::new(),
                Some(serde_norway::Value::Mapping(profiles)) => profiles.clone(),
                Some(_) => return Err(Error::config("`profiles` must be a mapping")),
            };
            let chosen = match profiles.get(name) {
                Some(serde_norway::Value::Mapping(chosen)) => chosen.clone(),
                Some(_) => {
                    return Err(Error::config(format!(
                        "the profile `{name}` must be a mapping"
                    )))
                }
                None => {
                    let known: Vec<String> = profiles
                        .keys()
                        .filter_map(|k| k.as_str().map(|k| format!("`{k}`")))
                        .collect();
                    return Err(Error::config(format!(
                        "no profile `{name}` (the file has {})",
                        if known.is_empty() {
                            "none".to_owned()
                        } else {
                            known.join(", ")
                        }
                    )));
                }
            };
            let mut from_profile = keys(&chosen, &format!("profiles.{name}."))?;
            from_profile.fill_from(config);
            config = from_profile;
        }
        Ok(config)
    }

    fn is_complete(&self) -> bool {
        self.base_url.is_some() && self.username.is_some() && self.password.is_some()
    }

    fn fill_from(&mut self, other: Config) {
        self.base_url = self.base_url.take().or(other.base_url);
        self.username = self.username.take().or(other.username);
        self.password = self.password.take().or(other.password);
        self.session_header = self.session_header.take().or(other.session_header);
        self.ca_file = self.ca_file.take().or(other.ca_file);
        self.client_cert = self.client_cert.take().or(other.client_cert);
        self.client_key = self.client_key.take().or(other.client_key);
        self.proxy = self.proxy.take().or(other.proxy);
    }
}

/// The connection keys of one YAML mapping; `at` prefixes key names in
/// messages.
fn keys(map: &serde_norway::Mapping, at: &str) -> Result<Config, Error> {
    let scalar = |key: &str| -> Result<Option<String>, Error> {
        match map.get(key) {
            None | Some(serde_norway::Value::Null) => Ok(None),
            Some(serde_norway::Value::String(s)) => Ok(Some(s.clone())),
            // A numeric password is common enough to accept as text.
            Some(serde_norway::Value::Number(n)) => Ok(Some(n.to_string())),
            Some(serde_norway::Value::Bool(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(Error::config(format!("`{at}{key}` must be a string"))),
        }
    };
    Ok(Config {
        base_url: scalar("baseurl")?,
        username: scalar("username")?,
        password: scalar("password")?.map(Secret::from),
        session_header: scalar("session_header")?,
        ca_file: scalar("ca_file")?.map(PathBuf::from),
        client_cert: scalar("client_cert")?.map(PathBuf::from),
        client_key: scalar("client_key")?.map(PathBuf::from),
        proxy: scalar("proxy")?.map(Secret::from),
    })
}

fn expand_home(path: &str, home: Option<String>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.get(name).cloned()
    }

    #[test]
    fn env_wins_over_file() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("asnake.yml");
        std::fs::write(
            &file,
            "baseurl: http://file:4567\nusername: fileuser\npassword: 12345\nlogging_config:\n  level: INFO\n",
        )?;
        let file = file.to_string_lossy().into_owned();
        let config = Config::from_sources(env(&[
            ("ASNAKE_CONFIG_FILE", &file),
            ("ASPACE_USERNAME", "envuser"),
        ]))?;
        assert_eq!(config.base_url.as_deref(), Some("http://file:4567"));
        assert_eq!(config.username.as_deref(), Some("envuser"));
        assert_eq!(config.password, Some(Secret::from("12345")));
        Ok(())
    }

    #[test]
    fn default_file_in_home_and_missing_file_ignored() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(
            dir.path().join(".archivessnake.yml"),
            "baseurl: http://home:8089\n",
        )?;
        let home = dir.path().to_string_lossy().into_owned();
        let config = Config::from_sources(env(&[("HOME", &home)]))?;
        assert_eq!(config.base_url.as_deref(), Some("http://home:8089"));

        let config = Config::from_sources(env(&[("ASNAKE_CONFIG_FILE", "/nonexistent/x.yml")]))?;
        assert_eq!(config, Config::default());
        Ok(())
    }

    const PROFILES: &str = "baseurl: http://localhost:8089\nusername: admin\npassword: admin\n\
        profiles:\n  production:\n    baseurl: https://archives.example.org/api\n    \
        username: harvester\n    password: s3cret\n  test:\n    baseurl: http://test:8089\n    \
        session_header: X-Forwarded-Session\n";

    #[test]
    fn a_profile_is_laid_over_the_top_level_keys() -> Result<(), Box<dyn std::error::Error>> {
        let top = Config::from_yaml(PROFILES)?;
        assert_eq!(top.base_url.as_deref(), Some("http://localhost:8089"));
        let production = Config::from_yaml_profile(PROFILES, Some("production"))?;
        assert_eq!(
            production.base_url.as_deref(),
            Some("https://archives.example.org/api")
        );
        assert_eq!(production.username.as_deref(), Some("harvester"));
        assert_eq!(production.password, Some(Secret::from("s3cret")));
        let test = Config::from_yaml_profile(PROFILES, Some("test"))?;
        assert_eq!(test.base_url.as_deref(), Some("http://test:8089"));
        assert_eq!(
            test.username.as_deref(),
            Some("admin"),
            "from the top level"
        );
        assert_eq!(test.session_header.as_deref(), Some("X-Forwarded-Session"));
        let Err(Error::Config { message }) = Config::from_yaml_profile(PROFILES, Some("stage"))
        else {
            panic!("an unknown profile is an error");
        };
        assert_eq!(
            message,
            "no profile `stage` (the file has `production`, `test`)"
        );
        Ok(())
    }

    #[test]
    fn aspace_profile_picks_the_profile_and_env_still_wins(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("asnake.yml");
        std::fs::write(&file, PROFILES)?;
        let file = file.to_string_lossy().into_owned();
        let config = Config::from_sources(env(&[
            ("ASNAKE_CONFIG_FILE", &file),
            ("ASPACE_PROFILE", "production"),
            ("ASPACE_PASSWORD", "from-env"),
        ]))?;
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://archives.example.org/api")
        );
        assert_eq!(config.password, Some(Secret::from("from-env")));
        let missing = Config::from_sources(env(&[
            ("ASNAKE_CONFIG_FILE", "/nonexistent/x.yml"),
            ("ASPACE_PROFILE", "production"),
        ]));
        assert!(matches!(missing, Err(Error::Config { .. })));
        Ok(())
    }

    #[test]
    fn bad_yaml_is_an_error_without_secrets() {
        let e = Config::from_yaml("password: [oops").map(|_| ());
        assert!(matches!(e, Err(Error::Config { .. })));
        let e = Config::from_yaml("- a\n- b\n").map(|_| ());
        assert!(matches!(e, Err(Error::Config { .. })));
    }
}
