//! Located errors for the Ruby reader.

use thiserror::Error;

/// An error found while reading a Ruby file, located at the offending text.
///
/// Displays as `file:line:col: message: `snippet``, with a 1-based line and a
/// 1-based column counted in characters (not bytes), so editors can jump to it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}:{line}:{column}: {kind}: `{snippet}`")]
pub struct Error {
    /// The file name exactly as it was passed in.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What went wrong.
    pub kind: ErrorKind,
    /// A short excerpt of the offending text (one line at most, truncated).
    pub snippet: String,
}

/// What went wrong; the `Display` text is the message part of an
/// [`Error`](struct@Error).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("unterminated string")]
    UnterminatedString,
    #[error("unterminated heredoc (no line `{0}` ends it)")]
    UnterminatedHeredoc(String),
    #[error("unterminated regular expression")]
    UnterminatedRegex,
    #[error("unterminated `=begin` comment (no `=end` line)")]
    UnterminatedComment,
    /// Ruby rejects the escape too (e.g. `\xZZ`), or it is one this reader
    /// does not support (`\M-x`, nested control escapes like `\c\M-x`).
    #[error("invalid escape sequence: {0}")]
    BadEscape(&'static str),
    #[error("invalid number: {0}")]
    BadNumber(&'static str),
    #[error("string is not valid UTF-8 after escapes")]
    InvalidUtf8,
    #[error("unexpected character")]
    UnexpectedChar,
    /// Brackets or `do`/`end`-style blocks that do not pair up.
    #[error("unbalanced: {0}")]
    Unbalanced(String),
    /// A method call, identifier or other code that is neither a literal nor
    /// a variable bound earlier in the file, where a value is needed.
    #[error("unknown construct")]
    UnknownConstruct,
    #[error("syntax error: {0}")]
    Syntax(String),
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// An operation Ruby itself would reject at run time (e.g. `"a" + 1`).
    #[error("type error: {0}")]
    Type(String),
    #[error("nested deeper than {0} levels")]
    TooDeep(usize),
    /// A name bound in more than one place, so which value code reads
    /// depends on the order Ruby loads the files in.
    #[error(
        "`{name}` is bound more than once ({}); which value is read depends on load order",
        places.join(" and ")
    )]
    BoundTwice {
        name: String,
        /// `file:line` of the bindings.
        places: Vec<String>,
    },
    /// A name whose value needs its own value.
    #[error("`{name}` refers to itself (through {through})")]
    SelfReference {
        name: String,
        /// The names being evaluated, outermost first.
        through: String,
    },
    /// A constant no file binds, used where its value (not the class it
    /// names) is needed, as in `*NAME`.
    #[error("`{0}` is not bound to a value in the files read")]
    Unbound(String),
    /// An error in the value bound to `name`, which the error's location is
    /// inside of; `used_at` (`file:line:col`) is where the name was read.
    #[error("{error} (in `{name}`, used at {used_at})")]
    InBinding {
        error: Box<ErrorKind>,
        name: String,
        used_at: String,
    },
    /// A bug guard: the lexer stopped advancing. Never expected.
    #[error("internal error: the lexer stopped making progress")]
    NoProgress,
}

/// The longest snippet kept in an error, in characters.
const SNIPPET_CHARS: usize = 40;

impl Error {
    pub(crate) fn new(
        file: &str,
        line: u32,
        column: u32,
        kind: ErrorKind,
        snippet: String,
    ) -> Self {
        Error {
            file: file.to_owned(),
            line,
            column,
            kind,
            snippet,
        }
    }
}

/// The text of `source[start..end]` cut at the first line break and to
/// [`SNIPPET_CHARS`] characters; when `end <= start` the rest of the line from
/// `start` is used, so that errors at a single point still show context.
pub(crate) fn snippet(source: &str, start: usize, end: usize) -> String {
    let text = if end > start {
        source.get(start..end)
    } else {
        source.get(start..)
    }
    .unwrap_or("");
    let line = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let mut out: String = line.chars().take(SNIPPET_CHARS).collect();
    if line.chars().nth(SNIPPET_CHARS).is_some() {
        out.push('…');
    }
    out
}
