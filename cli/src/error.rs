//! The tool's one error type: a one-line message and the exit status it
//! stands for.
//!
//! Exit statuses: 0 done; 1 the operation failed (validation, conflict, not
//! found, refused by the server, an invalid input file, a failed job); 2
//! usage, configuration or connection (no base URL, a failed login, an
//! unreachable server). `--help` says the same.

use std::fmt;

use archivesspace::Error as ApiError;

/// Why a command stopped.
#[derive(Debug)]
pub struct Failure {
    /// 1 or 2; 0 when the reader of the output went away.
    pub status: u8,
    /// What failed and where, one line.
    pub message: String,
}

/// What a command answers.
pub type Outcome<T = ()> = Result<T, Failure>;

impl Failure {
    /// The operation failed: exit status 1.
    pub fn failed(message: impl Into<String>) -> Failure {
        Failure {
            status: 1,
            message: message.into(),
        }
    }

    /// The reader of standard output went away (`aspace ... | head`): the
    /// command stops, and the tool exits quietly with status 0, as a filter
    /// in a pipe does.
    pub fn reader_gone() -> Failure {
        Failure {
            status: 0,
            message: String::new(),
        }
    }

    /// Usage, configuration or connection: exit status 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            status: 2,
            message: message.into(),
        }
    }

    /// The same failure, its message prefixed with `context: `.
    pub fn context(self, context: impl fmt::Display) -> Failure {
        Failure {
            status: self.status,
            message: format!("{context}: {}", self.message),
        }
    }

    /// The message on one line, as printed after `error: `.
    pub fn line(&self) -> String {
        self.message
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Failure {
        // The runtime's messages never hold the password or the session
        // token (it scrubs them), so they are shown as they are.
        let message = error.to_string();
        match error {
            ApiError::Config { .. }
            | ApiError::LoginFailed { .. }
            | ApiError::Transport { .. }
            | ApiError::Session { .. }
            | ApiError::RetryAfter { .. } => Failure::usage(message),
            _ => Failure::failed(message),
        }
    }
}

/// Writing to standard output or a file failed.
pub fn write_failed(what: impl fmt::Display, error: std::io::Error) -> Failure {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        return Failure::reader_gone();
    }
    Failure::failed(format!("cannot write {what}: {error}"))
}
