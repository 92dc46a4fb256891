//! From the global options to a logged-in client: flags over `ASPACE_*`
//! variables over `~/.archivessnake.yml` (with `--profile`), and the
//! password from the environment, the config file, standard input
//! (`--password-stdin`) or a prompt without echo on a terminal; never from
//! the command line.

use std::io::{BufRead, IsTerminal};

use archivesspace::{Client, Config, Secret};
use clap::Args;

use crate::error::{Failure, Outcome};

/// Where to connect and as whom.
#[derive(Debug, Clone, Args)]
pub struct ConnectArgs {
    /// The backend's URL, such as http://localhost:8089 [default: ASPACE_BASEURL, else
    /// `baseurl` in ~/.archivessnake.yml]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// The user to log in as [default: ASPACE_USERNAME, else `username` in the config file]
    #[arg(short = 'u', long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    /// A profile of ~/.archivessnake.yml (its `profiles` mapping) [default: ASPACE_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Read the password from the first line of standard input (else
    /// ASPACE_PASSWORD, the config file, or a prompt on a terminal).
    #[arg(long, global = true)]
    pub password_stdin: bool,
}

impl ConnectArgs {
    /// The settings these flags, the environment and the config file give.
    pub fn config(&self) -> Outcome<Config> {
        let mut config = match &self.profile {
            Some(profile) => Config::from_env_profile(profile),
            None => Config::from_env(),
        }?;
        if let Some(url) = &self.base_url {
            config.base_url = Some(url.clone());
        }
        if let Some(user) = &self.user {
            if config.username.as_deref() != Some(user.as_str()) {
                // Another user's password is not this one's.
                config.password = None;
            }
            config.username = Some(user.clone());
        }
        if self.password_stdin {
            config.password = Some(password_from_stdin()?);
        }
        Ok(config)
    }

    /// A client for the backend, the password asked for if none is set.
    /// It logs in with its first request.
    pub fn client(&self) -> Outcome<Client> {
        let mut config = self.config()?;
        let Some(base_url) = config.base_url.clone() else {
            return Err(Failure::usage(
                "no backend URL: give --base-url, set ASPACE_BASEURL, or put `baseurl` in \
                 ~/.archivessnake.yml",
            ));
        };
        let Some(username) = config.username.clone() else {
            return Err(Failure::usage(
                "no user: give --user, set ASPACE_USERNAME, or put `username` in \
                 ~/.archivessnake.yml",
            ));
        };
        if config.password.is_none() {
            config.password = Some(prompt_password(&username, &base_url)?);
        }
        Ok(Client::builder()
            .config(config)
            .user_agent(concat!("aspace/", env!("CARGO_PKG_VERSION")))
            .build()?)
    }
}

fn password_from_stdin() -> Outcome<Secret> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        Failure::usage(format!("--password-stdin: cannot read standard input: {e}"))
    })?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        return Err(Failure::usage(
            "--password-stdin: standard input holds no password",
        ));
    }
    Ok(Secret::new(password.to_owned()))
}

/// Asks on the terminal, without echo; off a terminal there is no one to ask.
fn prompt_password(username: &str, base_url: &str) -> Outcome<Secret> {
    if !std::io::stdin().is_terminal() && !std::io::stderr().is_terminal() {
        return Err(Failure::usage(format!(
            "no password for {username}: set ASPACE_PASSWORD, use --password-stdin, or run on a \
             terminal to be asked"
        )));
    }
    let password = rpassword::prompt_password(format!("Password for {username} at {base_url}: "))
        .map_err(|e| {
        Failure::usage(format!("cannot read the password from the terminal: {e}"))
    })?;
    Ok(Secret::new(password))
}
