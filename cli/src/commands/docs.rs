//! `aspace completions SHELL` and `aspace man`: shell completions and the
//! man page, both from the same clap command as `--help`.

use std::io::Write;

use clap::{Args, Command};
use clap_complete::Shell;

use crate::error::{write_failed, Outcome};

/// `completions`' arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: Shell,
}

/// Writes the completion script to standard output.
pub fn completions(mut command: Command, args: &CompletionsArgs) -> Outcome {
    // Into memory first: clap_complete panics when its writer fails (a
    // closed pipe), and writing here turns that into an error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "aspace", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)
        .and_then(|()| out.flush())
        .map_err(|e| write_failed("standard output", e))
}

/// Writes the man page (roff) to standard output: `aspace man > aspace.1`.
pub fn man(command: Command) -> Outcome {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(|e| write_failed("standard output", e))?;
    out.flush().map_err(|e| write_failed("standard output", e))
}
