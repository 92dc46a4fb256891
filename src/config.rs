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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The backend's base URL, such as `http://localhost:8089`.
    pub base_url: Option<String>,
    /// The user to log in as.
    pub username: Option<String>,
    /// That user's password.
    pub password: Option<Secret>,
}

impl Config {
    /// Reads the environment, then ArchivesSnake's config file for what is missing.
    pub fn from_env() -> Result<Config, Error> {
        Config::from_sources(|name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], with `env` standing in for the environment
    /// (so that tests need not touch the process's variables).
    pub fn from_sources(env: impl Fn(&str) -> Option<String>) -> Result<Config, Error> {
        let nonempty = |name: &str| env(name).filter(|v| !v.is_empty());
        let mut config = Config {
            base_url: nonempty("ASPACE_BASEURL"),
            username: nonempty("ASPACE_USERNAME"),
            password: nonempty("ASPACE_PASSWORD").map(Secret::from),
        };
        if config.is_complete() {
            return Ok(config);
        }
        let file = match nonempty("ASNAKE_CONFIG_FILE") {
            Some(path) => Some(expand_home(&path, nonempty("HOME"))),
            None => nonempty("HOME").map(|home| Path::new(&home).join(".archivessnake.yml")),
        };
        if let Some(file) = file {
            // ArchivesSnake ignores a config file that does not exist; so do we.
            if file.is_file() {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| Error::config(format!("cannot read {}: {e}", file.display())))?;
                let from_file = Config::from_yaml(&text).map_err(|e| match e {
                    Error::Config { message } => {
                        Error::config(format!("{}: {message}", file.display()))
                    }
                    other => other,
                })?;
                config.fill_from(from_file);
            }
        }
        Ok(config)
    }

    /// Parses an ArchivesSnake YAML config; keys other than `baseurl`,
    /// `username` and `password` are ignored.
    pub fn from_yaml(text: &str) -> Result<Config, Error> {
        let doc: serde_norway::Value = serde_norway::from_str(text)
            .map_err(|e| Error::config(format!("invalid YAML: {e}")))?;
        if doc.is_null() {
            return Ok(Config::default());
        }
        let serde_norway::Value::Mapping(map) = doc else {
            return Err(Error::config("expected a YAML mapping"));
        };
        let scalar = |key: &str| -> Result<Option<String>, Error> {
            match map.get(key) {
                None | Some(serde_norway::Value::Null) => Ok(None),
                Some(serde_norway::Value::String(s)) => Ok(Some(s.clone())),
                // A numeric password is common enough to accept as text.
                Some(serde_norway::Value::Number(n)) => Ok(Some(n.to_string())),
                Some(serde_norway::Value::Bool(b)) => Ok(Some(b.to_string())),
                Some(_) => Err(Error::config(format!("`{key}` must be a string"))),
            }
        };
        Ok(Config {
            base_url: scalar("baseurl")?,
            username: scalar("username")?,
            password: scalar("password")?.map(Secret::from),
        })
    }

    fn is_complete(&self) -> bool {
        self.base_url.is_some() && self.username.is_some() && self.password.is_some()
    }

    fn fill_from(&mut self, other: Config) {
        self.base_url = self.base_url.take().or(other.base_url);
        self.username = self.username.take().or(other.username);
        self.password = self.password.take().or(other.password);
    }
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

    #[test]
    fn bad_yaml_is_an_error_without_secrets() {
        let e = Config::from_yaml("password: [oops").map(|_| ());
        assert!(matches!(e, Err(Error::Config { .. })));
        let e = Config::from_yaml("- a\n- b\n").map(|_| ());
        assert!(matches!(e, Err(Error::Config { .. })));
    }
}
