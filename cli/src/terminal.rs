//! What the tool does only when a person is there: questions on the
//! terminal and progress bars on standard error.

use std::io::{BufRead, IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::{Failure, Outcome};

/// Whether someone can answer a question (standard input and standard
/// error are a terminal).
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks `question` on standard error; `true` for an answer starting with y.
pub fn confirm(question: &str) -> Outcome<bool> {
    let mut err = std::io::stderr().lock();
    write!(err, "{question} [y/N] ")
        .and_then(|()| err.flush())
        .map_err(|e| Failure::usage(format!("cannot ask on the terminal: {e}")))?;
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::usage(format!("cannot read the answer: {e}")))?;
    Ok(answer.trim_start().starts_with(['y', 'Y']))
}

/// A progress bar on standard error when it is a terminal, hidden
/// otherwise (so that logs and pipes get no control characters).
pub fn progress(template: &str) -> ProgressBar {
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
