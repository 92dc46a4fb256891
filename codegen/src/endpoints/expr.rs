//! The expressions the endpoint DSL passes around, read (not run) from tokens.
//!
//! Only what the controllers use as data is understood: literals, arrays
//! (with splats and brace-less trailing options), hashes, constant paths,
//! `JSONModel(:x)`, string `+` and adjacent literals, a few value-preserving
//! methods (`.strip`, `.join(", ")`), and lambdas, which are kept opaque. The
//! parse keeps constants unresolved; [`super::reader`] resolves them.

use crate::ruby::lexer::{Keyword, Span, StrLit, StrPart, Token, TokenKind};

use super::skip::{skip, Until};
use super::Located;

/// Deepest nesting of expressions accepted; keeps recursion bounded on
/// hostile input.
pub(super) const MAX_DEPTH: usize = 64;

/// A parsed expression and where it starts.
#[derive(Debug, Clone)]
pub(super) struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub(super) enum ExprKind {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Sym(String),
    /// A regex literal, as written (`/body/flags`).
    Regex(String),
    /// A string: adjacent literals already joined.
    Str(Vec<Piece>),
    Array(Vec<Elem>),
    Hash(Vec<(Expr, Expr)>),
    /// `A::B::C`, unresolved.
    Const(Vec<String>),
    /// `JSONModel(arg)`.
    JsonModel(Box<Expr>),
    /// `recv.name(args)`; indexing (`recv[args]`) is the method `[]`.
    Call {
        recv: Box<Expr>,
        name: String,
        args: Vec<Elem>,
    },
    /// `left + right`.
    Add(Box<Expr>, Box<Expr>),
    /// A lambda or proc: code, never interpreted.
    Opaque,
}

/// A piece of a string literal.
#[derive(Debug, Clone)]
pub(super) enum Piece {
    Text(String),
    /// `#{...}`: the code if it parses as an expression, and its source text
    /// (kept verbatim when the value needs Ruby to compute).
    Interp {
        expr: Option<Box<Expr>>,
        source: String,
    },
}

/// An element of an array literal or an argument list.
#[derive(Debug, Clone)]
pub(super) enum Elem {
    Item(Expr),
    Splat(Expr),
    /// `key => value` pairs (or `key: value`) written without braces: Ruby
    /// gathers them into one hash element.
    Pairs(Vec<(Expr, Expr)>),
}

/// Reads expressions from a token list.
pub(super) struct Parser<'a> {
    pub tokens: &'a [Token],
    pub pos: usize,
    pub src: &'a str,
    depth: usize,
}

pub(super) type Parsed<T> = Result<T, Located>;

impl<'a> Parser<'a> {
    pub fn new(tokens: &'a [Token], pos: usize, src: &'a str) -> Self {
        Parser {
            tokens,
            pos,
            src,
            depth: 0,
        }
    }

    pub fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    pub fn peek_kind(&self) -> Option<&'a TokenKind> {
        self.peek().map(|t| &t.kind)
    }

    pub fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek_kind(), Some(TokenKind::Punct(q)) if *q == p)
    }

    pub fn is_keyword(&self, k: Keyword) -> bool {
        matches!(self.peek_kind(), Some(TokenKind::Keyword(q)) if *q == k)
    }

    pub fn eat_punct(&mut self, p: &str) -> bool {
        let found = self.is_punct(p);
        if found {
            self.pos += 1;
        }
        found
    }

    /// The span of the current token, or of the last one at the end.
    pub fn here(&self) -> Span {
        self.peek()
            .or_else(|| self.tokens.last())
            .map_or(START, |t| t.span)
    }

    /// An error at the current token.
    pub fn error(&self, message: impl Into<String>) -> Located {
        let mut located = Located::new(self.here(), message.into());
        if self.peek().is_none() {
            located.message.push_str(" (at the end of the code)");
        }
        located
    }

    pub fn expect_punct(&mut self, p: &str, context: &str) -> Parsed<()> {
        if self.eat_punct(p) {
            Ok(())
        } else {
            Err(self.error(format!("expected `{p}` {context}")))
        }
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// `term { + term }`.
    pub fn expr(&mut self) -> Parsed<Expr> {
        self.enter()?;
        let mut left = self.postfix()?;
        while self.is_punct("+") {
            let span = self.here();
            self.pos += 1;
            let right = self.postfix()?;
            left = Expr {
                kind: ExprKind::Add(Box::new(left), Box::new(right)),
                span,
            };
        }
        self.depth -= 1;
        Ok(left)
    }

    fn postfix(&mut self) -> Parsed<Expr> {
        let mut expr = self.primary()?;
        loop {
            if self.is_punct(".") || self.is_punct("&.") {
                let Some(TokenKind::Ident(name) | TokenKind::Const(name)) =
                    self.tokens.get(self.pos + 1).map(|t| &t.kind)
                else {
                    return Err(self.error("expected a method name after `.`"));
                };
                let span = self.tokens.get(self.pos + 1).map_or(expr.span, |t| t.span);
                self.pos += 2;
                let args = if self.peek().is_some_and(|t| t.kind == TokenKind::Punct("(")) {
                    self.pos += 1;
                    self.elems(")")?
                } else {
                    Vec::new()
                };
                expr = Expr {
                    kind: ExprKind::Call {
                        recv: Box::new(expr),
                        name: name.clone(),
                        args,
                    },
                    span,
                };
            } else if self
                .peek()
                .is_some_and(|t| t.kind == TokenKind::Punct("[") && !t.space_before)
            {
                let span = self.here();
                self.pos += 1;
                let args = self.elems("]")?;
                expr = Expr {
                    kind: ExprKind::Call {
                        recv: Box::new(expr),
                        name: "[]".into(),
                        args,
                    },
                    span,
                };
            } else {
                return Ok(expr);
            }
        }
    }

    fn primary(&mut self) -> Parsed<Expr> {
        let Some(token) = self.peek() else {
            return Err(self.error("expected a value"));
        };
        let span = token.span;
        let simple = |kind| Expr { kind, span };
        let kind =
            match &token.kind {
                TokenKind::Int(n) => ExprKind::Int(*n),
                TokenKind::Float(f) => ExprKind::Float(*f),
                TokenKind::Sym(s) => ExprKind::Sym(s.clone()),
                TokenKind::Keyword(Keyword::Nil) => ExprKind::Nil,
                TokenKind::Keyword(Keyword::True) => ExprKind::Bool(true),
                TokenKind::Keyword(Keyword::False) => ExprKind::Bool(false),
                TokenKind::Regex { .. } => ExprKind::Regex(span.text(self.src).to_owned()),
                TokenKind::DSym(lit) => match lit.plain() {
                    Some(name) => ExprKind::Sym(name),
                    None => return Err(self.error("a symbol with interpolation is not supported")),
                },
                TokenKind::Words { symbols, words } => {
                    let items = words
                        .iter()
                        .map(|w| {
                            let pieces = self.pieces(w)?;
                            Ok(Elem::Item(Expr {
                                kind: match (symbols, plain_text(&pieces)) {
                                    (true, Some(name)) => ExprKind::Sym(name),
                                    (true, None) => {
                                        return Err(Located::new(
                                            span,
                                            "a symbol with interpolation is not supported".into(),
                                        ))
                                    }
                                    (false, _) => ExprKind::Str(pieces),
                                },
                                span,
                            }))
                        })
                        .collect::<Parsed<Vec<_>>>()?;
                    ExprKind::Array(items)
                }
                TokenKind::Str(_) => return self.string(),
                TokenKind::Punct("[") => {
                    self.pos += 1;
                    return Ok(simple(ExprKind::Array(self.elems("]")?)));
                }
                TokenKind::Punct("{") => {
                    self.pos += 1;
                    return Ok(simple(ExprKind::Hash(self.pairs()?)));
                }
                TokenKind::Punct("(") => {
                    self.pos += 1;
                    let inner = self.expr()?;
                    self.expect_punct(")", "to close the `(`")?;
                    return Ok(inner);
                }
                TokenKind::Punct("->") => {
                    self.pos += 1;
                    self.skip_lambda()?;
                    return Ok(simple(ExprKind::Opaque));
                }
                TokenKind::Ident(name) if name == "lambda" || name == "proc" => {
                    self.pos += 1;
                    self.skip_block()?;
                    return Ok(simple(ExprKind::Opaque));
                }
                TokenKind::Const(_) => return self.constant(),
                TokenKind::Punct("::") => {
                    // `::Top` is the top-level constant `Top`.
                    self.pos += 1;
                    if !matches!(self.peek_kind(), Some(TokenKind::Const(_))) {
                        return Err(self.error("expected a constant after `::`"));
                    }
                    return self.constant();
                }
                _ => return Err(self.error(
                    "expected a value the reader understands (a literal, array, hash, constant \
                     or JSONModel(:type))",
                )),
            };
        self.pos += 1;
        Ok(simple(kind))
    }

    /// `A::B::C`, or `JSONModel(:x)`.
    fn constant(&mut self) -> Parsed<Expr> {
        let span = self.here();
        let mut path = Vec::new();
        while let Some(TokenKind::Const(name)) = self.peek_kind() {
            path.push(name.clone());
            self.pos += 1;
            let continues = self.is_punct("::")
                && matches!(
                    self.tokens.get(self.pos + 1).map(|t| &t.kind),
                    Some(TokenKind::Const(_))
                );
            if !continues {
                break;
            }
            self.pos += 1;
        }
        if path == ["JSONModel"] && self.is_punct("(") {
            self.pos += 1;
            let arg = self.expr()?;
            self.expect_punct(")", "to close `JSONModel(`")?;
            return Ok(Expr {
                kind: ExprKind::JsonModel(Box::new(arg)),
                span,
            });
        }
        Ok(Expr {
            kind: ExprKind::Const(path),
            span,
        })
    }

    /// A string literal and any literals written right after it, which Ruby
    /// joins into one string (`"a" "b"`, also across a `\` line join).
    fn string(&mut self) -> Parsed<Expr> {
        let span = self.here();
        let mut pieces = Vec::new();
        while let Some(TokenKind::Str(lit)) = self.peek_kind() {
            pieces.extend(self.pieces(lit)?);
            self.pos += 1;
        }
        Ok(Expr {
            kind: ExprKind::Str(pieces),
            span,
        })
    }

    fn pieces(&self, lit: &StrLit) -> Parsed<Vec<Piece>> {
        lit.parts
            .iter()
            .map(|part| {
                Ok(match part {
                    StrPart::Text(text) => Piece::Text(text.clone()),
                    StrPart::Interp { tokens, span } => {
                        let mut inner = Parser::new(tokens, 0, self.src);
                        inner.depth = self.depth + 1;
                        if inner.depth > MAX_DEPTH {
                            return Err(
                                self.error(format!("nested deeper than {MAX_DEPTH} levels"))
                            );
                        }
                        // Code that is not a whole expression of the kind
                        // understood here is kept as written.
                        let expr = inner
                            .expr()
                            .ok()
                            .filter(|_| inner.peek().is_none())
                            .map(Box::new);
                        Piece::Interp {
                            expr,
                            source: span.text(self.src).to_owned(),
                        }
                    }
                })
            })
            .collect()
    }

    /// Elements up to `close`: items, `*splats`, and `key => value` or
    /// `key: value` pairs, which are gathered into one hash element.
    pub fn elems(&mut self, close: &str) -> Parsed<Vec<Elem>> {
        self.enter()?;
        let mut elems: Vec<Elem> = Vec::new();
        loop {
            self.skip_newlines();
            if self.eat_punct(close) {
                break;
            }
            if self.is_punct("*") {
                self.pos += 1;
                elems.push(Elem::Splat(self.expr()?));
            } else if self.is_punct("**") || self.is_punct("&") {
                return Err(self.error("`**` and `&` arguments are not supported"));
            } else {
                let pair = if let Some(TokenKind::Label(name)) = self.peek_kind() {
                    let key = Expr {
                        kind: ExprKind::Sym(name.clone()),
                        span: self.here(),
                    };
                    self.pos += 1;
                    Some((key, self.expr()?))
                } else {
                    let item = self.expr()?;
                    if self.eat_punct("=>") {
                        Some((item, self.expr()?))
                    } else {
                        elems.push(Elem::Item(item));
                        None
                    }
                };
                if let Some(pair) = pair {
                    match elems.last_mut() {
                        Some(Elem::Pairs(pairs)) => pairs.push(pair),
                        _ => elems.push(Elem::Pairs(vec![pair])),
                    }
                }
            }
            self.skip_newlines();
            if !self.eat_punct(",") {
                self.skip_newlines();
                self.expect_punct(close, "or `,` after an element")?;
                break;
            }
        }
        self.depth -= 1;
        Ok(elems)
    }

    /// Hash entries up to `}`.
    fn pairs(&mut self) -> Parsed<Vec<(Expr, Expr)>> {
        let mut pairs = Vec::new();
        for elem in self.elems("}")? {
            match elem {
                Elem::Pairs(p) => pairs.extend(p),
                Elem::Item(e) | Elem::Splat(e) => {
                    return Err(Located::new(
                        e.span,
                        "expected `key => value` in a hash".into(),
                    ))
                }
            }
        }
        Ok(pairs)
    }

    /// Newlines inside brackets do not end anything; the lexer already drops
    /// most, but not those after a value (`[1\n]`).
    fn skip_newlines(&mut self) {
        while matches!(self.peek_kind(), Some(TokenKind::Newline)) {
            self.pos += 1;
        }
    }

    /// After `->`: optional parameters, then a `{ }` or `do end` body.
    fn skip_lambda(&mut self) -> Parsed<()> {
        if self.is_punct("(") {
            self.pos = skip(self.tokens, self.pos, Until::Closed, false)?;
        } else {
            while matches!(
                self.peek_kind(),
                Some(TokenKind::Ident(_) | TokenKind::Punct(","))
            ) {
                self.pos += 1;
            }
        }
        self.skip_block()
    }

    /// A `{ ... }` or `do ... end` block, skipped.
    pub fn skip_block(&mut self) -> Parsed<()> {
        if self.is_punct("{") || self.is_keyword(Keyword::Do) {
            self.pos = skip(self.tokens, self.pos, Until::Closed, false)?;
            Ok(())
        } else {
            Err(self.error("expected a `{ ... }` or `do ... end` block"))
        }
    }
}

/// A position for errors in empty input.
const START: Span = Span {
    start: 0,
    end: 0,
    line: 1,
    column: 1,
};

/// The text of pieces without interpolation.
fn plain_text(pieces: &[Piece]) -> Option<String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Interp { .. } => return None,
        }
    }
    Some(out)
}

/// A value, as far as the reader evaluates.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Val {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Sym(String),
    Array(Vec<Val>),
    Hash(Vec<(Val, Val)>),
    /// A constant no controller file binds: a class such as `Integer` or
    /// `BooleanParam`, named as written.
    Class(String),
    /// `JSONModel(:name)`.
    JsonModel(String),
    /// A regex literal, as written.
    Regex(String),
    /// A lambda or proc.
    Opaque,
}

impl Val {
    /// A short description for messages.
    pub fn describe(&self) -> String {
        match self {
            Val::Nil => "nil".into(),
            Val::Bool(b) => b.to_string(),
            Val::Int(n) => n.to_string(),
            Val::Float(f) => f.to_string(),
            Val::Str(_) => "a string".into(),
            Val::Sym(s) => format!(":{s}"),
            Val::Array(_) => "an array".into(),
            Val::Hash(_) => "a hash".into(),
            Val::Class(name) => format!("the constant `{name}`"),
            Val::JsonModel(name) => format!("JSONModel(:{name})"),
            Val::Regex(r) => r.clone(),
            Val::Opaque => "a lambda".into(),
        }
    }

    /// Ruby's truthiness: everything but `nil` and `false`.
    pub fn truthy(&self) -> bool {
        !matches!(self, Val::Nil | Val::Bool(false))
    }

    /// The value of a symbol key in a hash.
    pub fn get_sym(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Hash(pairs) => pairs
                .iter()
                .rev()
                .find(|(k, _)| matches!(k, Val::Sym(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}
