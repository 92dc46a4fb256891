//! Where Ruby constructs begin and end, from tokens alone: brackets and the
//! keywords that open a `... end` construct, paired up.
//!
//! Two readers need it: a file is split into its top-level statements (the
//! schema importer evaluates them one by one), and the parser passes over a
//! lambda's body, which is code, never read. The subtle part is telling
//! `if`/`unless`/`while`/`until` that open a construct from the same words
//! used as modifiers (`x = 1 if y`), which Ruby decides by what comes before
//! them.

use std::ops::Range;

use super::error::{snippet, Error, ErrorKind};
use super::lexer::{Keyword, Token, TokenKind};

#[derive(Debug, Clone, Copy)]
enum Opener {
    Bracket(&'static str),
    Block(Keyword),
}

impl Opener {
    fn text(self) -> &'static str {
        match self {
            Opener::Bracket(p) => p,
            Opener::Block(k) => k.as_str(),
        }
    }
}

struct Open {
    opener: Opener,
    at: usize,
    /// `while`/`until`/`for` take an optional `do` on the same line that
    /// belongs to them and opens nothing.
    loop_do: bool,
}

/// What one token did to the nesting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// A line break or `;` outside every construct: a statement ends.
    StatementEnd,
    /// The outermost open construct was closed by this token.
    Closed,
    Other,
}

/// The open constructs while walking a token list.
struct Pairing<'t> {
    file: &'t str,
    source: &'t str,
    tokens: &'t [Token],
    stack: Vec<Open>,
}

impl<'t> Pairing<'t> {
    fn new(file: &'t str, source: &'t str, tokens: &'t [Token]) -> Self {
        Pairing {
            file,
            source,
            tokens,
            stack: Vec::new(),
        }
    }

    fn located(&self, token: &Token, kind: ErrorKind) -> Error {
        Error::new(
            self.file,
            token.span.line,
            token.span.column,
            kind,
            snippet(self.source, token.span.start, token.span.end),
        )
    }

    fn mismatch(&self, token: &Token, open: &Open) -> Error {
        let opener = self
            .tokens
            .get(open.at)
            .map_or((0, 0), |t| (t.span.line, t.span.column));
        let closer = token.span.text(self.source);
        self.located(
            token,
            ErrorKind::Unbalanced(format!(
                "`{closer}` does not close `{}` opened at {}:{}",
                open.opener.text(),
                opener.0,
                opener.1
            )),
        )
    }

    fn push(&mut self, opener: Opener, at: usize, loop_do: bool) -> Event {
        self.stack.push(Open {
            opener,
            at,
            loop_do,
        });
        Event::Other
    }

    fn popped(&self) -> Event {
        if self.stack.is_empty() {
            Event::Closed
        } else {
            Event::Other
        }
    }

    /// Takes the token at `i` into account.
    fn feed(&mut self, i: usize) -> Result<Event, Error> {
        let Some(token) = self.tokens.get(i) else {
            return Ok(Event::Other);
        };
        Ok(match &token.kind {
            TokenKind::Newline | TokenKind::Punct(";") => match self.stack.last_mut() {
                Some(top) => {
                    top.loop_do = false;
                    Event::Other
                }
                None => Event::StatementEnd,
            },
            TokenKind::Punct(p @ ("(" | "[" | "{")) => self.push(Opener::Bracket(p), i, false),
            TokenKind::Punct(p @ (")" | "]" | "}")) => {
                let wanted = match *p {
                    ")" => "(",
                    "]" => "[",
                    _ => "{",
                };
                match self.stack.pop() {
                    Some(Open {
                        opener: Opener::Bracket(o),
                        ..
                    }) if o == wanted => self.popped(),
                    Some(open) => return Err(self.mismatch(token, &open)),
                    None => {
                        return Err(self.located(
                            token,
                            ErrorKind::Unbalanced(format!("`{p}` closes nothing")),
                        ))
                    }
                }
            }
            TokenKind::Keyword(k) => match k {
                Keyword::Do => match self.stack.last_mut() {
                    Some(top) if top.loop_do => {
                        top.loop_do = false;
                        Event::Other
                    }
                    _ => self.push(Opener::Block(*k), i, false),
                },
                Keyword::Begin
                | Keyword::Def
                | Keyword::Class
                | Keyword::Module
                | Keyword::Case => self.push(Opener::Block(*k), i, false),
                // As modifiers (`x = 1 if y`) these open nothing.
                Keyword::If | Keyword::Unless | Keyword::While | Keyword::Until
                    if starts_expression(self.tokens, i) =>
                {
                    self.push(
                        Opener::Block(*k),
                        i,
                        matches!(k, Keyword::While | Keyword::Until),
                    )
                }
                Keyword::For => self.push(Opener::Block(*k), i, true),
                Keyword::End => match self.stack.pop() {
                    Some(Open {
                        opener: Opener::Block(_),
                        ..
                    }) => self.popped(),
                    Some(open) => return Err(self.mismatch(token, &open)),
                    None => {
                        return Err(self.located(
                            token,
                            ErrorKind::Unbalanced("`end` closes nothing".to_owned()),
                        ))
                    }
                },
                _ => Event::Other,
            },
            _ => Event::Other,
        })
    }

    /// The error for a construct still open at the end of the tokens.
    fn never_closed(&self) -> Option<Error> {
        let open = self.stack.last()?;
        let token = self.tokens.get(open.at)?;
        Some(Error::new(
            self.file,
            token.span.line,
            token.span.column,
            ErrorKind::Unbalanced(format!("`{}` is never closed", open.opener.text())),
            snippet(self.source, token.span.start, token.span.start),
        ))
    }
}

/// Splits the tokens into top-level statements (token index ranges, none
/// empty), checking that brackets and `do`/`end`-style blocks pair up.
pub(crate) fn split_statements(
    file: &str,
    source: &str,
    tokens: &[Token],
) -> Result<Vec<Range<usize>>, Error> {
    let mut pairing = Pairing::new(file, source, tokens);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        if pairing.feed(i)? == Event::StatementEnd {
            if start < i {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if let Some(error) = pairing.never_closed() {
        return Err(error);
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    Ok(out)
}

/// The index just past the construct that the token at `open` (a bracket or
/// `do`) opens.
pub(crate) fn closing(
    file: &str,
    source: &str,
    tokens: &[Token],
    open: usize,
) -> Result<usize, Error> {
    let mut pairing = Pairing::new(file, source, tokens);
    for i in open..tokens.len() {
        if pairing.feed(i)? == Event::Closed {
            return Ok(i + 1);
        }
    }
    Err(pairing.never_closed().unwrap_or_else(|| {
        let (line, column, start) = tokens
            .get(open)
            .or(tokens.last())
            .map_or((1, 1, 0), |t| (t.span.line, t.span.column, t.span.start));
        Error::new(
            file,
            line,
            column,
            ErrorKind::Syntax("expected a bracket or `do` that opens a block".to_owned()),
            snippet(source, start, start),
        )
    }))
}

/// Whether the token at `i` begins an expression (so `if` there is a
/// conditional, not a modifier).
fn starts_expression(tokens: &[Token], i: usize) -> bool {
    let previous = i
        .checked_sub(1)
        .and_then(|j| tokens.get(j))
        .map(|t| &t.kind);
    match previous {
        None | Some(TokenKind::Newline) | Some(TokenKind::Label(_)) => true,
        Some(TokenKind::Punct(p)) => !matches!(*p, ")" | "]" | "}"),
        Some(TokenKind::Keyword(k)) => {
            !(k.is_value() || matches!(k, Keyword::Return | Keyword::Break | Keyword::Next))
        }
        Some(_) => false,
    }
}
