//! The first pass over the controller files: their class and module
//! nesting, the route declarations (`Endpoint.get(...)...returns(...)`,
//! parsed, not evaluated) and the constants they bind, which go into one
//! scope for all the files. Everything else (route bodies, helper methods,
//! `include`) is skipped.
//!
//! Reading happens in two passes because a route may use a constant bound in
//! a file read later (`classification.rb` uses `TreeDocs::ROOT_DOCS` from
//! `tree_docs.rb`): this pass parses every file, [`super::routes`] then
//! evaluates.

use crate::read::ruby::ast::{Elem, Expr, Parser};
use crate::read::ruby::eval::{Binding, Bound, Scope, ScopeKind};
use crate::read::ruby::lexer::{tokenize, Keyword, Span, Token, TokenKind};
use crate::read::ruby::ErrorKind;

use super::rest::Tables;
use super::routes::{self, ChainCall, Declared, IGNORED_METHODS, READ_METHODS};
use super::skip::{is_route_start, skip, Until};
use super::{EndpointError, Located, Route, SourceFile};

/// Everything read from the controller files.
pub(super) struct Program<'f> {
    /// The files, numbered as in `scope`.
    files: Vec<&'f SourceFile>,
    routes: Vec<Declared>,
    /// The constants every file binds.
    scope: Scope<'f>,
}

impl<'f> Program<'f> {
    pub fn new() -> Self {
        Program {
            files: Vec::new(),
            routes: Vec::new(),
            scope: Scope::new(ScopeKind::Constants),
        }
    }

    /// Tokenizes `file` and adds its routes and constants.
    pub fn add(&mut self, file: &'f SourceFile) -> Result<(), EndpointError> {
        let number = self.scope.add_file(&file.shown_as, &file.text);
        self.files.push(file);
        self.walk(number, file)
    }

    /// The first pass over one file: statements at class/module level.
    fn walk(&mut self, number: usize, file: &'f SourceFile) -> Result<(), EndpointError> {
        let tokens = tokenize(&file.shown_as, &file.text)?;
        let tokens = tokens.as_slice();
        let fail = |located: Located| EndpointError::at(file, located.span, located.message);
        // The class/module nesting: full path and the opening token.
        let mut modules: Vec<(Vec<String>, Span)> = Vec::new();
        let mut found_routes = Vec::new();
        let mut found_constants = Vec::new();
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            let nesting: Vec<String> = modules.last().map(|(m, _)| m.clone()).unwrap_or_default();
            match &token.kind {
                TokenKind::Newline | TokenKind::Punct(";") => i += 1,
                TokenKind::Keyword(Keyword::End) => {
                    if modules.pop().is_none() {
                        return Err(fail(Located::new(
                            token.span,
                            "unbalanced: `end` closes nothing".into(),
                        )));
                    }
                    i += 1;
                }
                TokenKind::Keyword(Keyword::Class | Keyword::Module)
                    if matches!(
                        tokens.get(i + 1).map(|t| &t.kind),
                        Some(TokenKind::Const(_))
                    ) =>
                {
                    let mut path = nesting.clone();
                    let mut j = i + 1;
                    while let Some(TokenKind::Const(name)) = tokens.get(j).map(|t| &t.kind) {
                        path.push(name.clone());
                        j += 1;
                        if matches!(tokens.get(j).map(|t| &t.kind), Some(TokenKind::Punct("::"))) {
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    // The rest of the header (`< Sinatra::Base`) is not needed.
                    i = skip(tokens, j, Until::StatementEnd, true).map_err(fail)?;
                    modules.push((path, token.span));
                }
                TokenKind::Const(name)
                    if matches!(
                        tokens.get(i + 1).map(|t| &t.kind),
                        Some(TokenKind::Punct("="))
                    ) =>
                {
                    let mut parser = Parser::new(&file.shown_as, &file.text, tokens, i + 2)
                        .reading_for(&self.scope);
                    let value = parser.expr().and_then(|e| {
                        if at_statement_end(parser.peek_kind()) {
                            Ok(e)
                        } else {
                            Err(parser.error_here(ErrorKind::Unsupported(
                                "only a literal value is read for a constant; this needs Ruby to \
                                 evaluate"
                                    .to_owned(),
                            )))
                        }
                    });
                    let mut path = nesting.clone();
                    path.push(name.clone());
                    found_constants.push((
                        path.join("::"),
                        Binding {
                            file: number,
                            span: token.span,
                            nesting: nesting.clone(),
                            value: Bound::Code(value.map_err(|e| *e)),
                        },
                    ));
                    i = skip(tokens, i + 2, Until::StatementEnd, true).map_err(fail)?;
                }
                TokenKind::Const(_) if is_route_start(tokens, i) => {
                    let mut chain = Chain {
                        file,
                        tokens,
                        scope: &self.scope,
                        pos: i,
                    };
                    let calls = chain.read()?;
                    found_routes.push(Declared {
                        file: number,
                        nesting: nesting.clone(),
                        span: token.span,
                        calls,
                    });
                    i = chain.pos;
                }
                _ => {
                    let next = skip(tokens, i, Until::StatementEnd, true).map_err(fail)?;
                    if next == i {
                        return Err(fail(Located::new(
                            token.span,
                            "unexpected token at the start of a statement".into(),
                        )));
                    }
                    i = next;
                }
            }
        }
        if let Some((path, span)) = modules.last() {
            return Err(fail(Located::new(
                *span,
                format!("unbalanced: no `end` for `{}`", path.join("::")),
            )));
        }
        self.routes.extend(found_routes);
        for (key, binding) in found_constants {
            self.scope.declare(key, binding);
        }
        Ok(())
    }

    /// The second pass: every declared route, evaluated, in declaration
    /// order; one [`Route`] per HTTP method.
    pub fn routes(&mut self, tables: &Tables) -> Result<Vec<Route>, EndpointError> {
        routes::build(&self.routes, &self.files, &mut self.scope, tables)
    }
}

/// Whether a statement may end before this token.
fn at_statement_end(kind: Option<&TokenKind>) -> bool {
    matches!(
        kind,
        None | Some(
            TokenKind::Newline | TokenKind::Punct(";" | "}") | TokenKind::Keyword(Keyword::End)
        )
    )
}

/// A cursor over a file's tokens that reads one route declaration.
struct Chain<'c> {
    file: &'c SourceFile,
    tokens: &'c [Token],
    /// The scope the arguments will be evaluated in.
    scope: &'c Scope<'c>,
    pos: usize,
}

/// A position for errors in empty input.
const START: Span = Span {
    start: 0,
    end: 0,
    line: 1,
    column: 1,
};

impl Chain<'_> {
    fn kind(&self) -> Option<&TokenKind> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(self.kind(), Some(TokenKind::Punct(q)) if *q == p)
    }

    fn is_keyword(&self, k: Keyword) -> bool {
        matches!(self.kind(), Some(TokenKind::Keyword(q)) if *q == k)
    }

    fn eat_punct(&mut self, p: &str) -> bool {
        let found = self.is_punct(p);
        if found {
            self.pos += 1;
        }
        found
    }

    /// The span of the current token, or of the last one at the end.
    fn here(&self) -> Span {
        self.tokens
            .get(self.pos)
            .or_else(|| self.tokens.last())
            .map_or(START, |t| t.span)
    }

    /// An error at the current token.
    fn error(&self, message: impl Into<String>) -> EndpointError {
        let mut message = message.into();
        if self.kind().is_none() {
            message.push_str(" (at the end of the code)");
        }
        EndpointError::at(self.file, self.here(), message)
    }

    fn parser(&self) -> Parser<'_> {
        Parser::new(&self.file.shown_as, &self.file.text, self.tokens, self.pos)
            .reading_for(self.scope)
    }

    /// `(args)`; the cursor is at `(`.
    fn args(&mut self) -> Result<Vec<Elem>, EndpointError> {
        let mut parser = self.parser();
        let args = parser.call_args().map_err(|e| *e)?;
        self.pos = parser.pos();
        Ok(args)
    }

    fn expr(&mut self) -> Result<Expr, EndpointError> {
        let mut parser = self.parser();
        let expr = parser.expr().map_err(|e| *e)?;
        self.pos = parser.pos();
        Ok(expr)
    }

    /// Reads `Endpoint.verb(...)` and the chain of calls after it, up to and
    /// including `.returns(...)` and the route body, which is skipped.
    fn read(&mut self) -> Result<Vec<ChainCall>, EndpointError> {
        let fail = |located: Located| EndpointError::at(self.file, located.span, located.message);
        // `Endpoint` and `.`; the caller checked both and the verb.
        self.pos += 2;
        let mut calls = Vec::new();
        let mut first = true;
        loop {
            let Some(TokenKind::Ident(name)) = self.kind() else {
                return Err(self.error("expected a method name after `.`"));
            };
            let name = name.clone();
            let span = self.here();
            if !first
                && !READ_METHODS.contains(&name.as_str())
                && !IGNORED_METHODS.contains(&name.as_str())
            {
                return Err(EndpointError::at(
                    self.file,
                    span,
                    format!("`.{name}` is not an Endpoint method this reader knows"),
                ));
            }
            self.pos += 1;
            let args = if self.is_punct("(") {
                self.args()?
            } else {
                Vec::new()
            };
            let mut block = None;
            if self.is_keyword(Keyword::Do) || self.is_punct("{") {
                match name.as_str() {
                    "example" | "documentation" => block = Some(self.block_value()?),
                    "returns" => {
                        // The route body: Ruby the server runs, never read here.
                        self.pos =
                            skip(self.tokens, self.pos, Until::Closed, false).map_err(fail)?;
                    }
                    _ => {
                        return Err(self.error(format!(
                            "a block given to `.{name}` is not something this reader expects"
                        )))
                    }
                }
            }
            let returns = name == "returns";
            calls.push(ChainCall {
                name,
                span,
                args,
                block,
            });
            first = false;
            if returns {
                break;
            }
            if self.is_punct(".") {
                self.pos += 1;
            } else {
                break;
            }
        }
        if !at_statement_end(self.kind()) {
            let what = if self.is_punct(".") {
                "methods after `.returns` are not part of the route (ArchivesSpace registers it in \
                 `.returns`)"
            } else {
                "unexpected code after the route declaration"
            };
            return Err(self.error(what));
        }
        Ok(calls)
    }

    /// The value of a block given to `.example` / `.documentation`: its
    /// single expression (usually a heredoc).
    fn block_value(&mut self) -> Result<Option<Expr>, EndpointError> {
        let brace = self.is_punct("{");
        let open = self.here();
        self.pos += 1;
        // Block parameters (`|docs, prepend|`) are not used for the value.
        if self.eat_punct("||") {
        } else if self.eat_punct("|") {
            while !self.eat_punct("|") {
                if self.kind().is_none() {
                    return Err(EndpointError::at(
                        self.file,
                        open,
                        "unterminated block parameters".into(),
                    ));
                }
                self.pos += 1;
            }
        }
        let closes = |chain: &Self| {
            if brace {
                chain.is_punct("}")
            } else {
                chain.is_keyword(Keyword::End)
            }
        };
        let skip_separators = |chain: &mut Self| {
            while matches!(
                chain.kind(),
                Some(TokenKind::Newline | TokenKind::Punct(";"))
            ) {
                chain.pos += 1;
            }
        };
        skip_separators(self);
        if closes(self) {
            self.pos += 1;
            return Ok(None);
        }
        let value = self.expr()?;
        skip_separators(self);
        if !closes(self) {
            return Err(self.error(
                "only a block holding one expression (its value, such as a heredoc) is read here",
            ));
        }
        self.pos += 1;
        Ok(Some(value))
    }
}
