//! The parser: tokens to an expression tree ([`Expr`]).
//!
//! It reads the expressions ArchivesSpace writes data in, whether in a
//! schema file or in the arguments of a controller's route DSL: literals
//! (adjacent strings joined, `#{...}` parsed in place), arrays with splats
//! and brace-less trailing hashes, hashes with `**`, names (`x`, `A::B`),
//! calls written with parentheses (`JSONModel(:x)`), method chains
//! (`.merge(...)`, `.join(", ")`), `+`, and lambdas, whose bodies are passed
//! over, never read. What a name or call means is left to the evaluator
//! (`super::eval`); the parser refuses what is not an expression of this
//! kind, code it can tell needs Ruby to run (a method given a block or
//! arguments without parentheses, indexing), and, as it reads them, the
//! names and calls the scope the code is read for cannot evaluate
//! ([`Readable`]), with the error located at the code and showing it.
//!
//! Nesting is bounded by [`MAX_DEPTH`](super::MAX_DEPTH), so hostile input
//! cannot exhaust the stack; sums and method chains are kept as lists, so
//! their length costs no depth.

use super::blocks;
use super::error::{snippet, Error, ErrorKind};
use super::lexer::{Keyword, Span, StrLit, StrPart, Token, TokenKind};
use super::MAX_DEPTH;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expr {
    pub kind: ExprKind,
    /// From its first token to its last, with any parentheses around it.
    pub span: Span,
    /// The text errors show when the expression is code the reader does not
    /// run: a name or call with the method chain written after it
    /// (`foo.bar(1)`); for other expressions the same as `span`.
    pub code: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExprKind {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string: adjacent literals already joined (`"a" 'b'`).
    Str(Vec<Piece>),
    Sym(String),
    /// `:"...#{...}..."`.
    DSym(Vec<Piece>),
    /// `%w[]`, `%i[]`: the pieces of each word.
    Words {
        symbols: bool,
        words: Vec<Vec<Piece>>,
    },
    /// A regular expression literal, as written (`/body/flags`).
    Regex(String),
    Array(Vec<Elem>),
    Hash(Vec<Pair>),
    /// A local variable (or a method called without arguments).
    Ident(String),
    /// A constant path: `A`, `A::B::C`.
    Const(Vec<String>),
    /// `::A::B`, the path from the top level.
    TopConst(Vec<String>),
    /// A method called without a receiver, with parentheses: `JSONModel(:x)`.
    Call {
        name: String,
        args: Vec<Elem>,
    },
    /// A value and the methods called on it in turn: `x.merge(y).freeze`.
    Chain {
        head: Box<Expr>,
        links: Vec<Link>,
    },
    /// `first + term + term ...`, added left to right.
    Sum {
        first: Box<Expr>,
        terms: Vec<Term>,
    },
    /// A lambda or proc (`->(v) { ... }`, `lambda { ... }`): code.
    Lambda,
}

/// A piece of a string literal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Text(String),
    /// `#{...}`: the code, parsed, or why it does not parse (which a reader
    /// that keeps such code as written does not need to know).
    Interp {
        code: Result<Box<Expr>, Error>,
        /// The whole interpolation, `#{` and `}` included.
        span: Span,
    },
}

/// An element of an array literal or of an argument list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Elem {
    Item(Expr),
    /// `*expr`; the span covers the `*` and the expression.
    Splat {
        expr: Expr,
        span: Span,
    },
    /// `key => value` pairs (or `key: value`) written without braces at the
    /// end: Ruby gathers them into one hash.
    Pairs(Vec<Pair>),
}

/// An entry of a hash literal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pair {
    /// `key => value` or `key: value` (whose key is a symbol spanning the
    /// label).
    Entry { key: Expr, value: Expr },
    /// `**expr`; the span covers the `**` and the expression.
    DoubleSplat { expr: Expr, span: Span },
}

/// `.name(args)` in a method chain.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub name: String,
    pub args: Vec<Elem>,
    /// The `.` (or `&.`).
    pub dot: Span,
    /// From the `.` to the end of the chain: the code shown in errors.
    pub code: Span,
    /// From the start of the chain to the end of this call.
    pub span: Span,
}

/// `+ expr` in a sum.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Term {
    pub expr: Expr,
    /// The `+`.
    pub op: Span,
    /// From the start of the sum to the end of this term.
    pub span: Span,
}

/// What the scope an expression is read for can evaluate. The parser asks
/// as it reads each name, call, lambda and regex, so that code the scope
/// cannot evaluate is reported where it is written, before any syntax error
/// further on: errors come in the order they are met in the source.
pub(crate) trait Readable {
    /// Why `expr` (a name, a call whose arguments are not read yet, a
    /// lambda or a regex) cannot be evaluated, if it cannot.
    fn refuses(&self, expr: &Expr) -> Option<ErrorKind>;
    /// Whether a method of this name may be evaluated (on some receiver).
    fn runs_method(&self, name: &str) -> bool;
    /// Whether an interpolation whose code cannot be read is kept in its
    /// string as written (else it is an error, reported as it is read).
    fn keeps_unreadable_interpolation(&self) -> bool;
}

/// A parse result. The error is boxed: results are moved through every
/// level of the recursion, and a small one keeps its frames small.
pub(crate) type Parsed<T> = Result<T, Box<Error>>;

/// Reads expressions from a token list, from a position on.
pub(crate) struct Parser<'a> {
    file: &'a str,
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    depth: usize,
    readable: Option<&'a dyn Readable>,
}

/// A position for errors in empty input.
const START: Span = Span {
    start: 0,
    end: 0,
    line: 1,
    column: 1,
};

impl<'a> Parser<'a> {
    /// A parser of `tokens` (read from `source`, named `file` in errors)
    /// starting at token `pos`.
    pub fn new(file: &'a str, source: &'a str, tokens: &'a [Token], pos: usize) -> Self {
        Parser {
            file,
            source,
            tokens,
            pos,
            depth: 0,
            readable: None,
        }
    }

    /// Reports code that `readable` cannot evaluate as soon as it is read.
    pub fn reading_for(mut self, readable: &'a dyn Readable) -> Self {
        self.readable = Some(readable);
        self
    }

    /// `expr`, or the error for it if the scope refuses it.
    fn checked(&self, expr: Expr) -> Parsed<Expr> {
        match self.readable.and_then(|r| r.refuses(&expr)) {
            Some(kind) => Err(self.error_at(expr.code, kind)),
            None => Ok(expr),
        }
    }

    /// The index of the next token to read.
    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn peek_kind(&self) -> Option<&'a TokenKind> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    /// Whether the next token is `punct`.
    fn at(&self, punct: &str) -> bool {
        matches!(self.peek_kind(), Some(TokenKind::Punct(p)) if *p == punct)
    }

    /// At `punct` written directly after the previous token (`f(` not `f (`).
    fn at_glued(&self, punct: &str) -> bool {
        self.at(punct) && self.tokens.get(self.pos).is_some_and(|t| !t.space_before)
    }

    fn at_keyword(&self, keyword: Keyword) -> bool {
        self.peek_kind() == Some(&TokenKind::Keyword(keyword))
    }

    fn skip_newlines(&mut self) {
        while self.peek_kind() == Some(&TokenKind::Newline) {
            self.pos += 1;
        }
    }

    /// The span from token `range.start` to the end of token `range.end - 1`.
    fn span_of(&self, start: usize, end: usize) -> Span {
        let first = self.tokens.get(start).or(self.tokens.last());
        let last = end.checked_sub(1).and_then(|j| self.tokens.get(j));
        match (first, last) {
            (Some(a), Some(b)) if a.span.start <= b.span.end => Span {
                end: b.span.end,
                ..a.span
            },
            (Some(a), _) => a.span,
            _ => START,
        }
    }

    /// An error at the span, showing its text.
    fn error_at(&self, span: Span, kind: ErrorKind) -> Box<Error> {
        Box::new(Error::new(
            self.file,
            span.line,
            span.column,
            kind,
            snippet(self.source, span.start, span.end),
        ))
    }

    /// An error located at token `idx`, showing its text up to `end_idx`.
    fn error_range(&self, idx: usize, end_idx: usize, kind: ErrorKind) -> Box<Error> {
        let Some(token) = self.tokens.get(idx).or(self.tokens.last()) else {
            return Box::new(Error::new(self.file, 1, 1, kind, String::new()));
        };
        let end = end_idx
            .checked_sub(1)
            .and_then(|j| self.tokens.get(j))
            .map_or(token.span.end, |t| t.span.end.max(token.span.end));
        Box::new(Error::new(
            self.file,
            token.span.line,
            token.span.column,
            kind,
            snippet(self.source, token.span.start, end),
        ))
    }

    fn error(&self, idx: usize, kind: ErrorKind) -> Box<Error> {
        self.error_range(idx, idx + 1, kind)
    }

    /// An error at the next token (or the last, at the end).
    pub fn error_here(&self, kind: ErrorKind) -> Box<Error> {
        self.error(self.pos, kind)
    }

    fn end_error(&self, expected: &str) -> Box<Error> {
        let idx = self.tokens.len().saturating_sub(1);
        self.error(
            idx,
            ErrorKind::Syntax(format!("unexpected end of input; expected {expected}")),
        )
    }

    /// Code that is not a value: reported with the whole call chain
    /// (`foo.bar(1)`) as the snippet.
    fn unknown(&self, idx: usize) -> Box<Error> {
        self.error_range(
            idx,
            chain_end(self.tokens, idx),
            ErrorKind::UnknownConstruct,
        )
    }

    /// The span of the chain starting at token `idx` (see [`chain_end`]).
    fn chain_span(&self, idx: usize) -> Span {
        self.span_of(idx, chain_end(self.tokens, idx))
    }

    /// The error for a token where something else was expected.
    fn unexpected(&self, idx: usize, expected: &str) -> Box<Error> {
        match self.tokens.get(idx).map(|t| &t.kind) {
            None => self.end_error(expected),
            Some(
                TokenKind::Ident(_)
                | TokenKind::Const(_)
                | TokenKind::IVar(_)
                | TokenKind::CVar(_)
                | TokenKind::GVar(_)
                | TokenKind::XStr(_)
                | TokenKind::Keyword(_)
                | TokenKind::Punct("->" | "::" | "." | "&."),
            ) => self.unknown(idx),
            Some(TokenKind::Regex { .. }) => self.error(
                idx,
                ErrorKind::Unsupported("regular expression literal".to_owned()),
            ),
            Some(TokenKind::Punct(p))
                if !matches!(*p, "(" | ")" | "[" | "]" | "{" | "}" | "," | ";") =>
            {
                self.error(idx, ErrorKind::Unsupported(format!("operator `{p}`")))
            }
            Some(_) => self.error(idx, ErrorKind::Syntax(format!("expected {expected}"))),
        }
    }

    fn unclosed(&self, open: usize) -> Box<Error> {
        let opener = self
            .tokens
            .get(open)
            .map_or("", |t| t.span.text(self.source));
        self.error(
            open,
            ErrorKind::Unbalanced(format!("`{opener}` is never closed")),
        )
    }

    fn expect(&mut self, punct: &str) -> Parsed<()> {
        if self.at(punct) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(self.pos, &format!("`{punct}`")))
        }
    }

    /// A whole statement that is one expression: nothing may follow it.
    pub fn statement_value(&mut self) -> Parsed<Expr> {
        self.skip_newlines();
        let value = self.expr()?;
        self.skip_newlines();
        if self.pos < self.tokens.len() {
            return Err(self.unexpected(self.pos, "the end of the statement"));
        }
        Ok(value)
    }

    /// One expression (`a + b + ...`); the parser stops at the first token
    /// after it.
    pub fn expr(&mut self) -> Parsed<Expr> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(self.pos, ErrorKind::TooDeep(MAX_DEPTH)));
        }
        self.depth += 1;
        let start = self.pos;
        let first = self.postfix();
        let result = match first {
            Ok(first) if self.at("+") => self.sum(start, first),
            other => other,
        };
        self.depth -= 1;
        result
    }

    /// The terms after `first` (which starts at token `start`), at a `+`.
    fn sum(&mut self, start: usize, first: Expr) -> Parsed<Expr> {
        let mut terms = Vec::new();
        while self.at("+") {
            let op = self.pos;
            self.pos += 1;
            self.skip_newlines();
            let expr = self.postfix()?;
            terms.push(Term {
                expr,
                op: self.span_of(op, op + 1),
                span: self.span_of(start, self.pos),
            });
        }
        let span = self.span_of(start, self.pos);
        Ok(Expr {
            kind: ExprKind::Sum {
                first: Box::new(first),
                terms,
            },
            span,
            code: span,
        })
    }

    fn postfix(&mut self) -> Parsed<Expr> {
        let start = self.pos;
        let head = self.primary()?;
        let mut links = Vec::new();
        loop {
            match self.peek_kind() {
                Some(TokenKind::Punct("." | "&.")) => {
                    let dot = self.pos;
                    let name = match self.tokens.get(dot + 1).map(|t| &t.kind) {
                        Some(TokenKind::Ident(n) | TokenKind::Const(n)) => n.clone(),
                        _ => return Err(self.unknown(dot)),
                    };
                    let code = self.span_of(dot, chain_end(self.tokens, dot + 1));
                    if self.readable.is_some_and(|r| !r.runs_method(&name)) {
                        return Err(self.error_at(code, ErrorKind::UnknownConstruct));
                    }
                    self.pos += 2;
                    let args = if self.at("(") {
                        self.call_args()?
                    } else if self.at_argument() {
                        // `x.name arg`: a call this reader does not run.
                        return Err(self.error_at(code, ErrorKind::UnknownConstruct));
                    } else {
                        Vec::new()
                    };
                    if self.at("{") || self.at_keyword(Keyword::Do) {
                        // A block: code to run.
                        return Err(self.error_at(code, ErrorKind::UnknownConstruct));
                    }
                    links.push(Link {
                        name,
                        args,
                        dot: self.span_of(dot, dot + 1),
                        code,
                        span: self.span_of(start, self.pos),
                    });
                }
                // Indexing, and `::` after a value, need Ruby to evaluate.
                Some(TokenKind::Punct("[")) if self.at_glued("[") => {
                    return Err(self.unknown(start))
                }
                Some(TokenKind::Punct("::")) => return Err(self.unknown(start)),
                _ => break,
            }
        }
        if links.is_empty() {
            return Ok(head);
        }
        let span = self.span_of(start, self.pos);
        Ok(Expr {
            code: head.code,
            kind: ExprKind::Chain {
                head: Box::new(head),
                links,
            },
            span,
        })
    }

    /// Whether the next token, written after a space, starts an argument of
    /// a method called without parentheses (`puts "hi"`).
    fn at_argument(&self) -> bool {
        let Some(token) = self.tokens.get(self.pos) else {
            return false;
        };
        token.space_before
            && matches!(
                token.kind,
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
                    | TokenKind::Label(_)
                    | TokenKind::IVar(_)
                    | TokenKind::CVar(_)
                    | TokenKind::GVar(_)
                    | TokenKind::Keyword(
                        Keyword::Nil | Keyword::True | Keyword::False | Keyword::SelfValue
                    )
                    | TokenKind::Punct("->" | "(")
            )
    }

    fn simple(&mut self, kind: ExprKind, idx: usize) -> Expr {
        self.pos = idx + 1;
        let span = self.span_of(idx, idx + 1);
        Expr {
            kind,
            span,
            code: span,
        }
    }

    fn primary(&mut self) -> Parsed<Expr> {
        let idx = self.pos;
        let Some(token) = self.tokens.get(idx) else {
            return Err(self.end_error("a value"));
        };
        // Each kind of expression is read by a function of its own, so that
        // the frames of this recursion stay small.
        match &token.kind {
            TokenKind::Int(n) => Ok(self.simple(ExprKind::Int(*n), idx)),
            TokenKind::Float(f) => Ok(self.simple(ExprKind::Float(*f), idx)),
            TokenKind::Sym(s) => Ok(self.simple(ExprKind::Sym(s.clone()), idx)),
            TokenKind::Keyword(Keyword::Nil) => Ok(self.simple(ExprKind::Nil, idx)),
            TokenKind::Keyword(Keyword::True) => Ok(self.simple(ExprKind::Bool(true), idx)),
            TokenKind::Keyword(Keyword::False) => Ok(self.simple(ExprKind::Bool(false), idx)),
            TokenKind::Regex { .. } => {
                let text = token.span.text(self.source).to_owned();
                let regex = self.simple(ExprKind::Regex(text), idx);
                self.checked(regex)
            }
            TokenKind::Str(_) => self.strings(idx),
            TokenKind::DSym(lit) => self.dsym(lit, idx),
            TokenKind::Words { symbols, words } => self.words(*symbols, words, idx),
            TokenKind::Punct("[") => self.array(idx),
            TokenKind::Punct("{") => self.hash(idx),
            TokenKind::Punct("(") => self.parenthesized(idx),
            TokenKind::Punct("->") => self.arrow_lambda(idx),
            TokenKind::Ident(name)
                if (name == "lambda" || name == "proc")
                    && matches!(
                        self.tokens.get(idx + 1).map(|t| &t.kind),
                        Some(TokenKind::Punct("{") | TokenKind::Keyword(Keyword::Do))
                    ) =>
            {
                self.refuse_lambda(idx)?;
                self.pos += 1;
                self.lambda_body(idx)
            }
            TokenKind::Ident(name) => {
                self.pos += 1;
                self.name(ExprKind::Ident(name.clone()), name, idx)
            }
            TokenKind::Const(_) => self.constant(idx),
            // `::Top` is the top-level constant `Top`.
            TokenKind::Punct("::")
                if matches!(
                    self.tokens.get(idx + 1).map(|t| &t.kind),
                    Some(TokenKind::Const(_))
                ) =>
            {
                self.top_constant(idx)
            }
            _ => Err(self.unexpected(idx, "a value")),
        }
    }

    /// A string literal at `idx` and the literals right after it, which Ruby
    /// joins into one string (`"a" "b"`, also across a `\` line join).
    fn strings(&mut self, idx: usize) -> Parsed<Expr> {
        let mut pieces = Vec::new();
        while let Some(TokenKind::Str(lit)) = self.peek_kind() {
            pieces.extend(self.pieces(lit, self.pos)?);
            self.pos += 1;
        }
        Ok(self.spanning(ExprKind::Str(pieces), idx))
    }

    fn dsym(&mut self, lit: &StrLit, idx: usize) -> Parsed<Expr> {
        let pieces = self.pieces(lit, idx)?;
        Ok(self.simple(ExprKind::DSym(pieces), idx))
    }

    fn words(&mut self, symbols: bool, words: &[StrLit], idx: usize) -> Parsed<Expr> {
        let words = words
            .iter()
            .map(|word| self.pieces(word, idx))
            .collect::<Result<_, _>>()?;
        Ok(self.simple(ExprKind::Words { symbols, words }, idx))
    }

    fn array(&mut self, idx: usize) -> Parsed<Expr> {
        self.pos = idx + 1;
        let elems = self.elements(idx, "]")?;
        Ok(self.spanning(ExprKind::Array(elems), idx))
    }

    fn hash(&mut self, idx: usize) -> Parsed<Expr> {
        self.pos = idx + 1;
        let pairs = self.pairs("}", idx)?;
        Ok(self.spanning(ExprKind::Hash(pairs), idx))
    }

    /// `( expr )`, with the parentheses in its span; `()` is nil.
    fn parenthesized(&mut self, idx: usize) -> Parsed<Expr> {
        self.pos = idx + 1;
        self.skip_newlines();
        if self.at(")") {
            self.pos += 1;
            return Ok(self.spanning(ExprKind::Nil, idx));
        }
        let inner = self.expr()?;
        self.skip_newlines();
        if self.peek_kind().is_none() {
            return Err(self.unclosed(idx));
        }
        self.expect(")")?;
        Ok(Expr {
            span: self.span_of(idx, self.pos),
            ..inner
        })
    }

    /// `->(params) { body }` or `-> x do body end`.
    fn arrow_lambda(&mut self, idx: usize) -> Parsed<Expr> {
        self.refuse_lambda(idx)?;
        self.pos = idx + 1;
        if self.at("(") {
            self.pos =
                blocks::closing(self.file, self.source, self.tokens, self.pos).map_err(Box::new)?;
        } else {
            while matches!(
                self.peek_kind(),
                Some(TokenKind::Ident(_) | TokenKind::Punct(","))
            ) {
                self.pos += 1;
            }
        }
        self.lambda_body(idx)
    }

    /// The error for a lambda at `idx` if the scope cannot evaluate one
    /// (asked before its parameters and body are read).
    fn refuse_lambda(&self, idx: usize) -> Parsed<()> {
        let span = self.span_of(idx, idx + 1);
        self.checked(Expr {
            kind: ExprKind::Lambda,
            span,
            code: self.chain_span(idx),
        })
        .map(drop)
    }

    /// `::A::B` at `idx`.
    fn top_constant(&mut self, idx: usize) -> Parsed<Expr> {
        self.pos = idx + 1;
        let path = self.const_path();
        let expr = self.checked(Expr {
            kind: ExprKind::TopConst(path),
            span: self.span_of(idx, self.pos),
            code: self.chain_span(idx),
        })?;
        if self.at_argument() {
            return Err(self.unknown(idx));
        }
        Ok(expr)
    }

    /// The names of `A::B::C` from here.
    fn const_path(&mut self) -> Vec<String> {
        let mut path = Vec::new();
        while let Some(TokenKind::Const(name)) = self.peek_kind() {
            path.push(name.clone());
            self.pos += 1;
            let continues = self.at("::")
                && matches!(
                    self.tokens.get(self.pos + 1).map(|t| &t.kind),
                    Some(TokenKind::Const(_))
                );
            if !continues {
                break;
            }
            self.pos += 1;
        }
        path
    }

    /// An expression from token `idx` to here.
    fn spanning(&self, kind: ExprKind, idx: usize) -> Expr {
        let span = self.span_of(idx, self.pos);
        Expr {
            kind,
            span,
            code: span,
        }
    }

    /// After a name read at `idx`: a call with parentheses, a value, or a
    /// call without parentheses (an error).
    fn name(&mut self, kind: ExprKind, name: &str, idx: usize) -> Parsed<Expr> {
        if self.at_glued("(") {
            let mut call = Expr {
                kind: ExprKind::Call {
                    name: name.to_owned(),
                    args: Vec::new(),
                },
                span: self.span_of(idx, self.pos),
                code: self.chain_span(idx),
            };
            call = self.checked(call)?;
            let args = self.call_args()?;
            if let ExprKind::Call { args: slot, .. } = &mut call.kind {
                *slot = args;
            }
            call.span = self.span_of(idx, self.pos);
            return Ok(call);
        }
        let expr = self.checked(Expr {
            kind,
            span: self.span_of(idx, self.pos),
            code: self.chain_span(idx),
        })?;
        if self.at_argument() || self.at("{") || self.at_keyword(Keyword::Do) {
            // Arguments without parentheses, or a block: a call to run.
            return Err(self.unknown(idx));
        }
        Ok(expr)
    }

    /// `A::B::C` from token `idx`, or a call `A(...)`.
    fn constant(&mut self, idx: usize) -> Parsed<Expr> {
        self.pos = idx;
        let path = self.const_path();
        let name = match path.as_slice() {
            [single] => single.clone(),
            _ => String::new(),
        };
        if name.is_empty() {
            let expr = self.checked(Expr {
                kind: ExprKind::Const(path),
                span: self.span_of(idx, self.pos),
                code: self.chain_span(idx),
            })?;
            if self.at_argument() {
                return Err(self.unknown(idx));
            }
            return Ok(expr);
        }
        self.name(ExprKind::Const(path), &name, idx)
    }

    /// A lambda's `{ ... }` or `do ... end` body, passed over; the lambda
    /// starts at token `idx`.
    fn lambda_body(&mut self, idx: usize) -> Parsed<Expr> {
        if !(self.at("{") || self.at_keyword(Keyword::Do)) {
            return Err(self.unexpected(self.pos, "a `{ ... }` or `do ... end` block"));
        }
        self.pos =
            blocks::closing(self.file, self.source, self.tokens, self.pos).map_err(Box::new)?;
        Ok(Expr {
            kind: ExprKind::Lambda,
            span: self.span_of(idx, self.pos),
            code: self.chain_span(idx),
        })
    }

    /// The pieces of the string literal at token `idx`, each interpolation
    /// parsed.
    fn pieces(&self, lit: &StrLit, idx: usize) -> Parsed<Vec<Piece>> {
        let mut pieces = Vec::new();
        for part in &lit.parts {
            match part {
                StrPart::Text(text) => pieces.push(Piece::Text(text.clone())),
                StrPart::Interp { tokens, span } => {
                    // `#{}` interpolates nil, which is "".
                    if tokens.iter().all(|t| t.kind == TokenKind::Newline) {
                        continue;
                    }
                    let mut inner = Parser::new(self.file, self.source, tokens, 0);
                    inner.depth = self.depth + 1;
                    inner.readable = self.readable;
                    if inner.depth >= MAX_DEPTH {
                        return Err(self.error(idx, ErrorKind::TooDeep(MAX_DEPTH)));
                    }
                    let code = match inner.statement_value() {
                        Ok(expr) => Ok(Box::new(expr)),
                        Err(error)
                            if self
                                .readable
                                .is_some_and(|r| !r.keeps_unreadable_interpolation()) =>
                        {
                            return Err(error)
                        }
                        Err(error) => Err(*error),
                    };
                    pieces.push(Piece::Interp { code, span: *span });
                }
            }
        }
        Ok(pieces)
    }

    /// `(a, *b, key => value)`; the parser is at `(`.
    pub fn call_args(&mut self) -> Parsed<Vec<Elem>> {
        let open = self.pos;
        self.pos += 1;
        self.elements(open, ")")
    }

    /// Elements up to and including `close`, after the bracket at `open`:
    /// items, splats, and a trailing braceless hash.
    fn elements(&mut self, open: usize, close: &str) -> Parsed<Vec<Elem>> {
        let mut elems = Vec::new();
        loop {
            self.skip_newlines();
            let last = match self.peek_kind() {
                None => return Err(self.unclosed(open)),
                Some(TokenKind::Punct(p)) if *p == close => {
                    self.pos += 1;
                    return Ok(elems);
                }
                _ => self.element(&mut elems, close, open),
            };
            match last {
                Ok(false) => {}
                Ok(true) => return Ok(elems),
                Err(error) => return Err(error),
            }
            match self.separator(close, open) {
                Ok(true) => {}
                Ok(false) => return Ok(elems),
                Err(error) => return Err(error),
            }
        }
    }

    /// One element, added to `elems`; true if it was the trailing hash,
    /// which consumed `close`.
    fn element(&mut self, elems: &mut Vec<Elem>, close: &str, open: usize) -> Parsed<bool> {
        match self.peek_kind() {
            Some(TokenKind::Punct("*")) => {
                let star = self.pos;
                self.pos += 1;
                let expr = self.expr()?;
                elems.push(Elem::Splat {
                    expr,
                    span: self.span_of(star, self.pos),
                });
                Ok(false)
            }
            Some(TokenKind::Label(_)) => {
                elems.push(Elem::Pairs(self.implicit_hash(None, close, open)?));
                Ok(true)
            }
            _ => {
                let value = self.expr()?;
                self.skip_newlines();
                if self.at("=>") {
                    elems.push(Elem::Pairs(self.implicit_hash(Some(value), close, open)?));
                    return Ok(true);
                }
                elems.push(Elem::Item(value));
                Ok(false)
            }
        }
    }

    /// A hash without braces as the last element of an array or argument
    /// list (`[1, :a => 2]`), ending with `close`.
    fn implicit_hash(
        &mut self,
        first_key: Option<Expr>,
        close: &str,
        open: usize,
    ) -> Parsed<Vec<Pair>> {
        let mut pairs = Vec::new();
        if let Some(key) = first_key {
            self.expect("=>")?;
            self.skip_newlines();
            let value = self.expr()?;
            pairs.push(Pair::Entry { key, value });
            if !self.separator(close, open)? {
                return Ok(pairs);
            }
        }
        pairs.extend(self.pairs(close, open)?);
        Ok(pairs)
    }

    /// `key => value`, `label: value` and `**hash` up to and including
    /// `close`.
    fn pairs(&mut self, close: &str, open: usize) -> Parsed<Vec<Pair>> {
        let mut pairs = Vec::new();
        loop {
            self.skip_newlines();
            let key_at = self.pos;
            match self.peek_kind() {
                None => return Err(self.unclosed(open)),
                Some(TokenKind::Punct(p)) if *p == close => {
                    self.pos += 1;
                    return Ok(pairs);
                }
                Some(TokenKind::Label(name)) => {
                    let key = self.simple(ExprKind::Sym(name.clone()), key_at);
                    self.skip_newlines();
                    let value = self.expr()?;
                    pairs.push(Pair::Entry { key, value });
                }
                Some(TokenKind::Punct("**")) => {
                    self.pos += 1;
                    let expr = self.expr()?;
                    pairs.push(Pair::DoubleSplat {
                        expr,
                        span: self.span_of(key_at, self.pos),
                    });
                }
                Some(_) => {
                    let key = self.expr()?;
                    self.skip_newlines();
                    self.expect("=>")?;
                    self.skip_newlines();
                    let value = self.expr()?;
                    pairs.push(Pair::Entry { key, value });
                }
            }
            if !self.separator(close, open)? {
                return Ok(pairs);
            }
        }
    }

    /// After an element: consumes `,` (true: more may follow) or `close`
    /// (false: done).
    fn separator(&mut self, close: &str, open: usize) -> Parsed<bool> {
        self.skip_newlines();
        match self.peek_kind() {
            Some(TokenKind::Punct(",")) => {
                self.pos += 1;
                Ok(true)
            }
            Some(TokenKind::Punct(p)) if *p == close => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => Err(self.unexpected(self.pos, &format!("`,` or `{close}`"))),
            None => Err(self.unclosed(open)),
        }
    }
}

/// The index just past a chain like `foo.bar(x)[1]::Baz` whose first token
/// is at `idx`: the code an error about it shows.
fn chain_end(tokens: &[Token], idx: usize) -> usize {
    let kind = |j: usize| tokens.get(j).map(|t| &t.kind);
    let mut j = idx + 1;
    loop {
        match kind(j) {
            Some(TokenKind::Punct("." | "&." | "::"))
                if matches!(
                    kind(j + 1),
                    Some(TokenKind::Ident(_) | TokenKind::Const(_) | TokenKind::Keyword(_))
                ) =>
            {
                j += 2
            }
            Some(TokenKind::Punct(open @ ("(" | "[")))
                if tokens.get(j).is_some_and(|t| !t.space_before) =>
            {
                let close = if *open == "(" { ")" } else { "]" };
                let mut depth = 0usize;
                while let Some(k) = kind(j) {
                    j += 1;
                    match k {
                        TokenKind::Punct(p) if p == open => depth += 1,
                        TokenKind::Punct(p) if *p == close => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => return j,
        }
    }
}
