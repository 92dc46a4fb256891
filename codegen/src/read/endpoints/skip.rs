//! Passing over Ruby code without interpreting it: route bodies, helper
//! methods, lambdas and whatever else a controller holds besides routes.
//!
//! Skipping only needs to know where a construct ends, so it pairs brackets
//! and the keywords that open a `... end` construct. The one subtle part is
//! telling `if`/`unless`/`while`/`until` that open a construct from the same
//! words used as modifiers (`x = 1 if y`), which Ruby decides by what comes
//! before them: after a complete value they are modifiers.

use crate::read::ruby::lexer::{Keyword, Token, TokenKind};

use super::Located;

/// The `Endpoint` class methods that start a route.
pub(super) const ROUTE_VERBS: &[&str] = &["get", "post", "delete", "get_or_post", "method"];

/// A route declaration inside code that is skipped: the reader would have to
/// run Ruby to know whether, or how often, it is declared.
const HIDDEN_ROUTE: &str = "a route declared inside a method, block or condition; the reader \
     does not run Ruby, so it cannot tell whether (or how often) this route exists";

/// What closes an open construct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closer {
    /// `end`; `loop_header` is true for `while`/`until`/`for` until their
    /// condition line ends, during which a `do` belongs to them.
    End {
        loop_header: bool,
    },
    Paren,
    Bracket,
    Brace,
}

impl Closer {
    fn text(self) -> &'static str {
        match self {
            Closer::End { .. } => "end",
            Closer::Paren => ")",
            Closer::Bracket => "]",
            Closer::Brace => "}",
        }
    }
}

/// Whether a token ends a value, so that a following `if` is a modifier.
fn ends_value(token: &Token) -> bool {
    match &token.kind {
        TokenKind::Int(_)
        | TokenKind::Float(_)
        | TokenKind::Str(_)
        | TokenKind::XStr(_)
        | TokenKind::Sym(_)
        | TokenKind::DSym(_)
        | TokenKind::Regex { .. }
        | TokenKind::Words { .. }
        | TokenKind::Ident(_)
        | TokenKind::Const(_)
        | TokenKind::IVar(_)
        | TokenKind::CVar(_)
        | TokenKind::GVar(_) => true,
        // `return if x`, `break unless y`: these take an optional value, so
        // a condition keyword right after them is a modifier.
        TokenKind::Keyword(
            Keyword::Return | Keyword::Break | Keyword::Next | Keyword::Yield | Keyword::Super,
        ) => true,
        TokenKind::Keyword(k) => k.is_value(),
        TokenKind::Punct(p) => matches!(*p, ")" | "]" | "}"),
        TokenKind::Label(_) | TokenKind::Newline => false,
    }
}

/// Whether the `def` at `at` is an endless method (`def name(args) = expr`),
/// which has no `end`.
fn is_endless_def(tokens: &[Token], at: usize) -> bool {
    let mut i = at + 1;
    // The name: `name`, `self.name`, `Const.name`, or an operator.
    if matches!(
        tokens.get(i + 1).map(|t| &t.kind),
        Some(TokenKind::Punct("."))
    ) {
        i += 2;
    }
    i += 1;
    // A setter's `=` is glued to its name and followed by the parameters.
    if let (Some(eq), Some(open)) = (tokens.get(i), tokens.get(i + 1)) {
        if eq.kind == TokenKind::Punct("=")
            && !eq.space_before
            && open.kind == TokenKind::Punct("(")
        {
            i += 1;
        }
    }
    if matches!(tokens.get(i).map(|t| &t.kind), Some(TokenKind::Punct("("))) {
        let mut depth = 0usize;
        while let Some(token) = tokens.get(i) {
            match token.kind {
                TokenKind::Punct("(") => depth += 1,
                TokenKind::Punct(")") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                TokenKind::Newline => return false,
                _ => {}
            }
            i += 1;
        }
    }
    matches!(tokens.get(i).map(|t| &t.kind), Some(TokenKind::Punct("=")))
}

/// Whether `tokens[at..]` starts `Endpoint.<verb>`.
pub(super) fn is_route_start(tokens: &[Token], at: usize) -> bool {
    let is = |i: usize, f: &dyn Fn(&TokenKind) -> bool| tokens.get(i).is_some_and(|t| f(&t.kind));
    is(at, &|k| matches!(k, TokenKind::Const(c) if c == "Endpoint"))
        && is(at + 1, &|k| *k == TokenKind::Punct("."))
        && is(
            at + 2,
            &|k| matches!(k, TokenKind::Ident(m) if ROUTE_VERBS.contains(&m.as_str())),
        )
}

/// Where skipping stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Until {
    /// After the construct opened by the first token is closed.
    Closed,
    /// At the end of the statement that starts at the first token: a newline
    /// or `;` outside any construct, or an `end` (or closing bracket) that
    /// belongs to an enclosing construct. That token is not consumed.
    StatementEnd,
}

/// Skips tokens from `start` and returns the index where skipping stopped.
///
/// With `report_routes`, a route declaration met on the way is an error:
/// skipped statements and methods may not hide routes (route bodies may
/// mention `Endpoint` freely, so they are skipped without the check).
pub(super) fn skip(
    tokens: &[Token],
    start: usize,
    until: Until,
    report_routes: bool,
) -> Result<usize, Located> {
    let mut open: Vec<(Closer, usize)> = Vec::new();
    let mut i = start;
    while let Some(token) = tokens.get(i) {
        let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
        let modifier = i > start && prev.is_some_and(ends_value);
        let opener = match &token.kind {
            TokenKind::Keyword(
                Keyword::Class | Keyword::Module | Keyword::Begin | Keyword::Case,
            ) => Some(Closer::End { loop_header: false }),
            TokenKind::Keyword(Keyword::Def) => {
                (!is_endless_def(tokens, i)).then_some(Closer::End { loop_header: false })
            }
            TokenKind::Keyword(Keyword::If | Keyword::Unless) if !modifier => {
                Some(Closer::End { loop_header: false })
            }
            TokenKind::Keyword(Keyword::While | Keyword::Until) if !modifier => {
                Some(Closer::End { loop_header: true })
            }
            TokenKind::Keyword(Keyword::For) => Some(Closer::End { loop_header: true }),
            TokenKind::Keyword(Keyword::Do) => {
                // `while cond do`: the `do` belongs to the loop.
                match open.last_mut() {
                    Some((Closer::End { loop_header }, _)) if *loop_header => {
                        *loop_header = false;
                        None
                    }
                    _ => Some(Closer::End { loop_header: false }),
                }
            }
            TokenKind::Punct("(") => Some(Closer::Paren),
            TokenKind::Punct("[") => Some(Closer::Bracket),
            TokenKind::Punct("{") => Some(Closer::Brace),
            _ => None,
        };
        if let Some(closer) = opener {
            open.push((closer, i));
            i += 1;
            continue;
        }
        let closer = match &token.kind {
            TokenKind::Keyword(Keyword::End) => Some(Closer::End { loop_header: false }),
            TokenKind::Punct(")") => Some(Closer::Paren),
            TokenKind::Punct("]") => Some(Closer::Bracket),
            TokenKind::Punct("}") => Some(Closer::Brace),
            _ => None,
        };
        if let Some(closer) = closer {
            match open.pop() {
                None => {
                    if until == Until::StatementEnd {
                        return Ok(i);
                    }
                    return Err(Located::new(
                        token.span,
                        format!("unbalanced: `{}` closes nothing", closer.text()),
                    ));
                }
                Some((expected, at)) => {
                    let same =
                        matches!((expected, closer), (Closer::End { .. }, Closer::End { .. }))
                            || expected == closer;
                    if !same {
                        let opened = tokens.get(at).map_or(token.span, |t| t.span);
                        return Err(Located::new(
                            token.span,
                            format!(
                                "unbalanced: expected `{}` (for what opens at {}:{}), found `{}`",
                                expected.text(),
                                opened.line,
                                opened.column,
                                closer.text()
                            ),
                        ));
                    }
                    if open.is_empty() && until == Until::Closed {
                        return Ok(i + 1);
                    }
                }
            }
            i += 1;
            continue;
        }
        match &token.kind {
            TokenKind::Newline | TokenKind::Punct(";") => {
                if open.is_empty() && until == Until::StatementEnd {
                    return Ok(i);
                }
                // The condition of a `while` ends with its line.
                if let Some((Closer::End { loop_header }, _)) = open.last_mut() {
                    *loop_header = false;
                }
            }
            TokenKind::Const(_) if report_routes && is_route_start(tokens, i) => {
                return Err(Located::new(token.span, HIDDEN_ROUTE.to_owned()));
            }
            _ => {}
        }
        i += 1;
    }
    match open
        .last()
        .and_then(|(closer, at)| Some((closer, tokens.get(*at)?)))
    {
        Some((closer, token)) => Err(Located::new(
            token.span,
            format!(
                "unbalanced: the code ends before the `{}` that closes this",
                closer.text()
            ),
        )),
        None => Ok(i),
    }
}
