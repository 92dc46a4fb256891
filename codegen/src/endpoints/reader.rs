//! Walks controller files, collects route declarations and constant bindings,
//! then evaluates each route's chain into a [`Route`].
//!
//! Reading happens in two passes because a route may use a constant bound in
//! a file read later (`classification.rb` uses `TreeDocs::ROOT_DOCS` from
//! `tree_docs.rb`): the first pass parses every file, the second evaluates.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::Value as Json;

use crate::ruby::lexer::{tokenize, Keyword, Span, Token, TokenKind};

use super::expr::{Elem, Expr, ExprKind, Parser, Piece, Val, MAX_DEPTH};
use super::rest::Tables;
use super::skip::{is_route_start, skip, Until};
use super::{EndpointError, Located, Param, Route, SourceFile};

/// The `Endpoint` class methods that start a route.
pub(super) const ROUTE_VERBS: &[&str] = &["get", "post", "delete", "get_or_post", "method"];

/// Chain methods whose arguments only affect how the server runs the route
/// (transactions, request context, access checks done in code) or that this
/// reader does not record; their arguments are parsed but not evaluated.
const IGNORED_METHODS: &[&str] = &[
    "request_context",
    "use_transaction",
    "preconditions",
    "deprecated",
];

/// Chain methods that are read.
const READ_METHODS: &[&str] = &[
    "uri",
    "description",
    "params",
    "paginated",
    "paged",
    "no_data",
    "permissions",
    "sufficient_permissions",
    "example",
    "documentation",
    "returns",
];

/// A file and its tokens.
pub(super) struct Unit<'f> {
    pub file: &'f SourceFile,
    pub tokens: Vec<Token>,
}

/// One call in a route's chain.
struct Call {
    name: String,
    span: Span,
    args: Vec<Elem>,
    /// The value of a `do ... end` / `{ }` block given to `.example` or
    /// `.documentation` (`Some(None)` for an empty block).
    block: Option<Option<Expr>>,
}

/// A route declaration, parsed but not evaluated.
struct Declared {
    unit: usize,
    scope: Vec<String>,
    /// The `Endpoint` token.
    span: Span,
    calls: Vec<Call>,
}

/// A constant binding, parsed but not evaluated.
struct Binding {
    unit: usize,
    scope: Vec<String>,
    span: Span,
    value: Result<Expr, Located>,
}

/// Everything read from the controller files.
pub(super) struct Program<'f> {
    units: Vec<Unit<'f>>,
    routes: Vec<Declared>,
    constants: HashMap<String, Vec<Binding>>,
}

impl<'f> Program<'f> {
    pub fn new() -> Self {
        Program {
            units: Vec::new(),
            routes: Vec::new(),
            constants: HashMap::new(),
        }
    }

    /// Tokenizes `file` and adds its routes and constants.
    pub fn add(&mut self, file: &'f SourceFile) -> Result<(), EndpointError> {
        let tokens = tokenize(&file.shown_as, &file.text)?;
        let unit = self.units.len();
        self.units.push(Unit { file, tokens });
        self.walk(unit)
    }

    /// The first pass over one file: statements at class/module level.
    fn walk(&mut self, unit: usize) -> Result<(), EndpointError> {
        let Some(u) = self.units.get(unit) else {
            return Ok(());
        };
        let tokens = &u.tokens;
        let src = u.file.text.as_str();
        let fail = |located: Located| EndpointError::at(u.file, located.span, located.message);
        // The class/module nesting: full path and the opening token.
        let mut scopes: Vec<(Vec<String>, Span)> = Vec::new();
        let mut found_routes = Vec::new();
        let mut found_constants = Vec::new();
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            let scope: Vec<String> = scopes.last().map(|(s, _)| s.clone()).unwrap_or_default();
            match &token.kind {
                TokenKind::Newline | TokenKind::Punct(";") => i += 1,
                TokenKind::Keyword(Keyword::End) => {
                    if scopes.pop().is_none() {
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
                    let mut path = scope.clone();
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
                    scopes.push((path, token.span));
                }
                TokenKind::Const(name)
                    if matches!(
                        tokens.get(i + 1).map(|t| &t.kind),
                        Some(TokenKind::Punct("="))
                    ) =>
                {
                    let mut parser = Parser::new(tokens, i + 2, src);
                    let value = parser.expr().and_then(|e| {
                        if at_statement_end(parser.peek_kind()) {
                            Ok(e)
                        } else {
                            Err(parser.error(
                                "only a literal value is read for a constant; this needs Ruby to \
                                 evaluate",
                            ))
                        }
                    });
                    let mut path = scope.clone();
                    path.push(name.clone());
                    found_constants.push((
                        path.join("::"),
                        Binding {
                            unit,
                            scope: scope.clone(),
                            span: token.span,
                            value,
                        },
                    ));
                    i = skip(tokens, i + 2, Until::StatementEnd, true).map_err(fail)?;
                }
                TokenKind::Const(_) if is_route_start(tokens, i) => {
                    let mut parser = Parser::new(tokens, i, src);
                    let calls = read_chain(&mut parser).map_err(fail)?;
                    found_routes.push(Declared {
                        unit,
                        scope: scope.clone(),
                        span: token.span,
                        calls,
                    });
                    i = parser.pos;
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
        if let Some((path, span)) = scopes.last() {
            return Err(fail(Located::new(
                *span,
                format!("unbalanced: no `end` for `{}`", path.join("::")),
            )));
        }
        self.routes.extend(found_routes);
        for (key, binding) in found_constants {
            self.constants.entry(key).or_default().push(binding);
        }
        Ok(())
    }

    /// The second pass: every declared route, evaluated, in declaration
    /// order; one [`Route`] per HTTP method.
    pub fn routes(&self, tables: &Tables) -> Result<Vec<Route>, EndpointError> {
        let mut env = Env {
            program: self,
            memo: HashMap::new(),
            active: Vec::new(),
        };
        let mut routes: Vec<Route> = Vec::new();
        let mut seen: HashMap<(String, String), String> = HashMap::new();
        for declared in &self.routes {
            let Some(unit) = self.units.get(declared.unit) else {
                continue;
            };
            for route in env.route(declared, tables)? {
                let key = (route.method.clone(), route.uri.clone());
                if let Some(first) = seen.get(&key) {
                    return Err(EndpointError::at(
                        unit.file,
                        declared.span,
                        format!("{} {} is already declared at {first}", key.0, key.1),
                    ));
                }
                seen.insert(key, route.source.clone());
                routes.push(route);
            }
        }
        Ok(routes)
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

/// Reads `Endpoint.verb(...)` and the chain of calls after it, up to and
/// including `.returns(...)` and the route body, which is skipped.
fn read_chain(p: &mut Parser<'_>) -> Result<Vec<Call>, Located> {
    // `Endpoint` and `.`; the caller checked both and the verb.
    p.pos += 2;
    let mut calls = Vec::new();
    let mut first = true;
    loop {
        let Some(TokenKind::Ident(name)) = p.peek_kind() else {
            return Err(p.error("expected a method name after `.`"));
        };
        let span = p.here();
        if !first
            && !READ_METHODS.contains(&name.as_str())
            && !IGNORED_METHODS.contains(&name.as_str())
        {
            return Err(Located::new(
                span,
                format!("`.{name}` is not an Endpoint method this reader knows"),
            ));
        }
        p.pos += 1;
        let args = if p.is_punct("(") {
            p.pos += 1;
            p.elems(")")?
        } else {
            Vec::new()
        };
        let mut block = None;
        if p.is_keyword(Keyword::Do) || p.is_punct("{") {
            match name.as_str() {
                "example" | "documentation" => block = Some(block_value(p)?),
                "returns" => {
                    // The route body: Ruby the server runs, never read here.
                    p.pos = skip(p.tokens, p.pos, Until::Closed, false)?;
                }
                _ => {
                    return Err(p.error(format!(
                        "a block given to `.{name}` is not something this reader expects"
                    )))
                }
            }
        }
        let returns = name == "returns";
        calls.push(Call {
            name: name.clone(),
            span,
            args,
            block,
        });
        first = false;
        if returns {
            break;
        }
        if p.is_punct(".") {
            p.pos += 1;
        } else {
            break;
        }
    }
    if !at_statement_end(p.peek_kind()) {
        let what = if p.is_punct(".") {
            "methods after `.returns` are not part of the route (ArchivesSpace registers it in \
             `.returns`)"
        } else {
            "unexpected code after the route declaration"
        };
        return Err(p.error(what));
    }
    Ok(calls)
}

/// The value of a block given to `.example` / `.documentation`: its single
/// expression (usually a heredoc).
fn block_value(p: &mut Parser<'_>) -> Result<Option<Expr>, Located> {
    let brace = p.is_punct("{");
    let open = p.here();
    p.pos += 1;
    // Block parameters (`|docs, prepend|`) are not used for the value.
    if p.eat_punct("||") {
    } else if p.eat_punct("|") {
        while !p.eat_punct("|") {
            if p.peek().is_none() {
                return Err(Located::new(open, "unterminated block parameters".into()));
            }
            p.pos += 1;
        }
    }
    let closes = |p: &Parser<'_>| {
        if brace {
            p.is_punct("}")
        } else {
            p.is_keyword(Keyword::End)
        }
    };
    let skip_separators = |p: &mut Parser<'_>| {
        while matches!(
            p.peek_kind(),
            Some(TokenKind::Newline | TokenKind::Punct(";"))
        ) {
            p.pos += 1;
        }
    };
    skip_separators(p);
    if closes(p) {
        p.pos += 1;
        return Ok(None);
    }
    let value = p.expr()?;
    skip_separators(p);
    if !closes(p) {
        return Err(p.error(
            "only a block holding one expression (its value, such as a heredoc) is read here",
        ));
    }
    p.pos += 1;
    Ok(Some(value))
}

/// Evaluation state for the second pass.
struct Env<'p, 'f> {
    program: &'p Program<'f>,
    memo: HashMap<String, Val>,
    /// Constants being evaluated, to catch cycles.
    active: Vec<String>,
}

impl Env<'_, '_> {
    fn unit(&self, unit: usize) -> Result<&Unit<'_>, EndpointError> {
        self.program
            .units
            .get(unit)
            .ok_or_else(|| EndpointError::Internal(format!("no file number {unit}")))
    }

    fn fail(&self, unit: usize, span: Span, message: impl Into<String>) -> EndpointError {
        match self.program.units.get(unit) {
            Some(u) => EndpointError::at(u.file, span, message.into()),
            None => EndpointError::Internal(message.into()),
        }
    }

    /// Resolves a constant path the way Ruby's lexical lookup does: from the
    /// innermost enclosing class outwards. A constant no file binds is a class
    /// (`Integer`, `BooleanParam`) and stands for itself.
    fn constant(
        &mut self,
        unit: usize,
        scope: &[String],
        path: &[String],
        span: Span,
    ) -> Result<Val, EndpointError> {
        for depth in (0..=scope.len()).rev() {
            let key = scope
                .iter()
                .take(depth)
                .chain(path)
                .cloned()
                .collect::<Vec<_>>()
                .join("::");
            let Some(bindings) = self.program.constants.get(&key) else {
                continue;
            };
            if let Some(value) = self.memo.get(&key) {
                return Ok(value.clone());
            }
            if let [first, second, ..] = bindings.as_slice() {
                let (a, b) = (self.unit(first.unit)?, self.unit(second.unit)?);
                return Err(self.fail(
                    unit,
                    span,
                    format!(
                        "`{key}` is bound more than once ({}:{} and {}:{}); which value a route \
                         sees depends on load order",
                        a.file.shown_as, first.span.line, b.file.shown_as, second.span.line
                    ),
                ));
            }
            let Some(binding) = bindings.first() else {
                continue;
            };
            if self.active.contains(&key) || self.active.len() > MAX_DEPTH {
                return Err(self.fail(
                    unit,
                    span,
                    format!(
                        "`{key}` refers to itself (through {})",
                        self.active.join(", ")
                    ),
                ));
            }
            let expr = match &binding.value {
                Ok(expr) => expr,
                Err(located) => {
                    let u = self.unit(binding.unit)?;
                    let error = EndpointError::at(u.file, located.span, located.message.clone());
                    return Err(self.used_at(error, &key, unit, span));
                }
            };
            self.active.push(key.clone());
            let value = self.eval(binding.unit, &binding.scope, expr);
            self.active.pop();
            let value = value.map_err(|e| self.used_at(e, &key, unit, span))?;
            self.memo.insert(key, value.clone());
            return Ok(value);
        }
        Ok(Val::Class(path.join("::")))
    }

    /// Adds to an error inside a constant's value where the constant is used
    /// (once: the innermost use is the informative one).
    fn used_at(&self, error: EndpointError, key: &str, unit: usize, span: Span) -> EndpointError {
        match error {
            EndpointError::Dsl {
                file,
                line,
                column,
                message,
                snippet,
            } if !message.contains(" used at ") => {
                let used = self
                    .program
                    .units
                    .get(unit)
                    .map_or("?", |u| u.file.shown_as.as_str());
                EndpointError::Dsl {
                    file,
                    line,
                    column,
                    message: format!(
                        "{message} (in `{key}`, used at {used}:{}:{})",
                        span.line, span.column
                    ),
                    snippet,
                }
            }
            other => other,
        }
    }

    fn eval(&mut self, unit: usize, scope: &[String], expr: &Expr) -> Result<Val, EndpointError> {
        Ok(match &expr.kind {
            ExprKind::Nil => Val::Nil,
            ExprKind::Bool(b) => Val::Bool(*b),
            ExprKind::Int(n) => Val::Int(*n),
            ExprKind::Float(f) => Val::Float(*f),
            ExprKind::Sym(s) => Val::Sym(s.clone()),
            ExprKind::Regex(r) => Val::Regex(r.clone()),
            ExprKind::Opaque => Val::Opaque,
            ExprKind::Str(pieces) => {
                let mut text = String::new();
                for piece in pieces {
                    match piece {
                        Piece::Text(t) => text.push_str(t),
                        Piece::Interp { expr, source } => {
                            text.push_str(&self.interpolate(unit, scope, expr.as_deref(), source))
                        }
                    }
                }
                Val::Str(text)
            }
            ExprKind::Array(elems) => Val::Array(self.elems(unit, scope, elems)?),
            ExprKind::Hash(pairs) => Val::Hash(self.pairs(unit, scope, pairs)?),
            ExprKind::Const(path) => self.constant(unit, scope, path, expr.span)?,
            ExprKind::JsonModel(arg) => match self.eval(unit, scope, arg)? {
                Val::Sym(name) | Val::Str(name) => Val::JsonModel(name),
                other => {
                    return Err(self.fail(
                        unit,
                        arg.span,
                        format!("JSONModel of {}: expected a symbol", other.describe()),
                    ))
                }
            },
            ExprKind::Add(left, right) => {
                let (l, r) = (
                    self.eval(unit, scope, left)?,
                    self.eval(unit, scope, right)?,
                );
                match (l, r) {
                    (Val::Str(a), Val::Str(b)) => Val::Str(a + &b),
                    (Val::Array(mut a), Val::Array(b)) => {
                        a.extend(b);
                        Val::Array(a)
                    }
                    (Val::Int(a), Val::Int(b)) => match a.checked_add(b) {
                        Some(n) => Val::Int(n),
                        None => return Err(self.fail(unit, expr.span, "integer overflow")),
                    },
                    (l, r) => {
                        return Err(self.fail(
                            unit,
                            expr.span,
                            format!("cannot add {} and {}", l.describe(), r.describe()),
                        ))
                    }
                }
            }
            ExprKind::Call { recv, name, args } => {
                let recv_val = self.eval(unit, scope, recv)?;
                let args = self.elems(unit, scope, args)?;
                match call(&recv_val, name, &args) {
                    Some(value) => value,
                    None => {
                        return Err(self.fail(
                            unit,
                            expr.span,
                            format!("`{name}` on {} needs Ruby to evaluate", recv_val.describe()),
                        ))
                    }
                }
            }
        })
    }

    /// The text of `#{...}`: its value when the reader can evaluate it to a
    /// string, symbol or integer, else the code as written.
    fn interpolate(
        &mut self,
        unit: usize,
        scope: &[String],
        expr: Option<&Expr>,
        source: &str,
    ) -> String {
        let value = expr.map(|e| self.eval(unit, scope, e));
        match value {
            Some(Ok(Val::Str(s) | Val::Sym(s))) => s,
            Some(Ok(Val::Int(n))) => n.to_string(),
            Some(Ok(Val::Nil)) => String::new(),
            _ => source.to_owned(),
        }
    }

    fn elems(
        &mut self,
        unit: usize,
        scope: &[String],
        elems: &[Elem],
    ) -> Result<Vec<Val>, EndpointError> {
        let mut out = Vec::new();
        for elem in elems {
            match elem {
                Elem::Item(e) => out.push(self.eval(unit, scope, e)?),
                Elem::Splat(e) => match self.eval(unit, scope, e)? {
                    Val::Array(items) => out.extend(items),
                    Val::Nil => {}
                    Val::Class(name) => {
                        return Err(self.fail(
                            unit,
                            e.span,
                            format!("`{name}` is not bound to a value in any controller file"),
                        ))
                    }
                    other => {
                        return Err(self.fail(
                            unit,
                            e.span,
                            format!("cannot splat {}", other.describe()),
                        ))
                    }
                },
                Elem::Pairs(pairs) => out.push(Val::Hash(self.pairs(unit, scope, pairs)?)),
            }
        }
        Ok(out)
    }

    fn pairs(
        &mut self,
        unit: usize,
        scope: &[String],
        pairs: &[(Expr, Expr)],
    ) -> Result<Vec<(Val, Val)>, EndpointError> {
        pairs
            .iter()
            .map(|(k, v)| Ok((self.eval(unit, scope, k)?, self.eval(unit, scope, v)?)))
            .collect()
    }

    /// Evaluates one route declaration.
    fn route(&mut self, declared: &Declared, tables: &Tables) -> Result<Vec<Route>, EndpointError> {
        let unit = declared.unit;
        let scope = declared.scope.as_slice();
        let u = self.unit(unit)?;
        let source = format!("{}:{}", u.file.shown_as, declared.span.line);
        let mut methods: Vec<String> = Vec::new();
        let mut uri: Option<String> = None;
        let mut route = Route {
            method: String::new(),
            uri: String::new(),
            description: None,
            params: Vec::new(),
            paginated: false,
            paged: false,
            returns: Vec::new(),
            permissions: Vec::new(),
            no_data: false,
            documentation: None,
            examples: IndexMap::new(),
            source,
        };
        let mut has_permissions = false;
        let mut registered = false;
        for (index, call) in declared.calls.iter().enumerate() {
            let name = call.name.as_str();
            if IGNORED_METHODS.contains(&name) {
                continue;
            }
            let args = self.elems(unit, scope, &call.args)?;
            let fail = |env: &Self, message: String| env.fail(unit, call.span, message);
            let one = |env: &Self| -> Result<&Val, EndpointError> {
                match args.as_slice() {
                    [value] => Ok(value),
                    _ => Err(fail(
                        env,
                        format!("`.{name}` takes one argument, given {}", args.len()),
                    )),
                }
            };
            match (index, name) {
                (0, "get" | "post" | "delete" | "get_or_post") => {
                    methods = match name {
                        "get_or_post" => vec!["GET".into(), "POST".into()],
                        _ => vec![name.to_ascii_uppercase()],
                    };
                    uri = Some(self.text(one(self)?, unit, call.span, "the URI")?);
                }
                (0, "method") => {
                    methods = match one(self)? {
                        Val::Sym(m) => vec![m.to_ascii_uppercase()],
                        Val::Array(items) => items
                            .iter()
                            .map(|m| match m {
                                Val::Sym(m) => Ok(m.to_ascii_uppercase()),
                                other => Err(fail(
                                    self,
                                    format!(
                                        "an HTTP method must be a symbol, not {}",
                                        other.describe()
                                    ),
                                )),
                            })
                            .collect::<Result<_, _>>()?,
                        other => {
                            return Err(fail(
                                self,
                                format!("HTTP methods must be symbols, not {}", other.describe()),
                            ))
                        }
                    };
                }
                (_, "uri") => uri = Some(self.text(one(self)?, unit, call.span, "the URI")?),
                (_, "description") => {
                    route.description =
                        Some(self.text(one(self)?, unit, call.span, "the description")?)
                }
                (_, "params") => {
                    route.params = args
                        .iter()
                        .map(|p| param(p, tables).map_err(|m| fail(self, m)))
                        .collect::<Result<_, _>>()?;
                }
                (_, "paginated" | "paged" | "no_data") => {
                    let flag = match one(self)? {
                        Val::Bool(b) => *b,
                        Val::Nil => false,
                        other => {
                            return Err(fail(
                                self,
                                format!("`.{name}` takes true or false, not {}", other.describe()),
                            ))
                        }
                    };
                    match name {
                        "paginated" => route.paginated = flag,
                        "paged" => route.paged = flag,
                        _ => route.no_data = flag,
                    }
                }
                (_, "permissions" | "sufficient_permissions") => {
                    has_permissions = true;
                    let Val::Array(items) = one(self)? else {
                        return Err(fail(self, format!("`.{name}` takes an array")));
                    };
                    for item in items {
                        match item {
                            Val::Sym(p) | Val::Str(p) => route.permissions.push(p.clone()),
                            other => {
                                return Err(fail(
                                    self,
                                    format!(
                                        "a permission must be a symbol, not {}",
                                        other.describe()
                                    ),
                                ))
                            }
                        }
                    }
                }
                (_, "example") => {
                    let highlighter = match args.first() {
                        Some(Val::Str(h) | Val::Sym(h)) => h.clone(),
                        _ => {
                            return Err(fail(self, "`.example` takes a language name first".into()))
                        }
                    };
                    let contents = match &call.block {
                        Some(Some(expr)) => self.eval(unit, scope, expr)?,
                        Some(None) => Val::Nil,
                        None => args.get(1).cloned().unwrap_or(Val::Nil),
                    };
                    match contents {
                        Val::Str(text) => {
                            route.examples.insert(highlighter, text);
                        }
                        Val::Nil => {}
                        other => {
                            return Err(fail(
                                self,
                                format!("an example must be a string, not {}", other.describe()),
                            ))
                        }
                    }
                }
                (_, "documentation") => {
                    // `documentation(docs = nil, prepend: true)`; a block's
                    // value takes the place of `docs`.
                    let docs = match &call.block {
                        Some(Some(expr)) => self.eval(unit, scope, expr)?,
                        Some(None) => Val::Nil,
                        None => match args.first() {
                            Some(Val::Hash(_)) | None => Val::Nil,
                            Some(value) => value.clone(),
                        },
                    };
                    match docs {
                        Val::Str(text) => route.documentation = Some(text),
                        Val::Nil => {}
                        other => {
                            return Err(fail(
                                self,
                                format!("documentation must be a string, not {}", other.describe()),
                            ))
                        }
                    }
                }
                (_, "returns") => {
                    if !has_permissions {
                        // ArchivesSpace raises here at start-up.
                        return Err(fail(
                            self,
                            "no `.permissions` declared before `.returns`; ArchivesSpace refuses \
                             to start with this route"
                                .into(),
                        ));
                    }
                    route.returns = returns_list(&args, tables).map_err(|m| fail(self, m))?;
                    registered = true;
                }
                (_, other) => return Err(fail(self, format!("`.{other}` cannot be used here"))),
            }
        }
        let start_error = |message: &str| self.fail(unit, declared.span, message);
        if !registered {
            return Err(start_error(
                "the route has no `.returns`, so ArchivesSpace never registers it",
            ));
        }
        let Some(uri) = uri else {
            return Err(start_error("the route has no URI"));
        };
        if methods.is_empty() {
            return Err(start_error("the route has no HTTP method"));
        }
        route.uri = uri;
        Ok(methods
            .into_iter()
            .map(|method| Route {
                method,
                ..route.clone()
            })
            .collect())
    }

    fn text(
        &self,
        value: &Val,
        unit: usize,
        span: Span,
        what: &str,
    ) -> Result<String, EndpointError> {
        match value {
            Val::Str(s) => Ok(s.clone()),
            other => Err(self.fail(
                unit,
                span,
                format!("{what} must be a string, not {}", other.describe()),
            )),
        }
    }
}

/// The few methods the reader evaluates; `None` for any other.
fn call(recv: &Val, name: &str, args: &[Val]) -> Option<Val> {
    // Ruby's `strip` removes ASCII whitespace and NUL.
    let space = |c: char| c.is_ascii_whitespace() || c == '\0' || c == '\x0b';
    Some(match (recv, name, args) {
        (_, "freeze" | "dup", []) => recv.clone(),
        (Val::Str(s), "to_s", []) => Val::Str(s.clone()),
        (Val::Str(s), "strip", []) => Val::Str(s.trim_matches(space).to_owned()),
        (Val::Str(s), "lstrip", []) => Val::Str(s.trim_start_matches(space).to_owned()),
        (Val::Str(s), "rstrip", []) => Val::Str(s.trim_end_matches(space).to_owned()),
        (Val::Str(s), "chomp", []) => {
            let t = s
                .strip_suffix("\r\n")
                .or_else(|| s.strip_suffix('\n'))
                .or_else(|| s.strip_suffix('\r'))
                .unwrap_or(s);
            Val::Str(t.to_owned())
        }
        (Val::Sym(s), "to_s", []) => Val::Str(s.clone()),
        (Val::Array(items), "join", [] | [Val::Str(_)]) => {
            let sep = match args {
                [Val::Str(sep)] => sep.as_str(),
                _ => "",
            };
            let parts = items
                .iter()
                .map(|item| match item {
                    Val::Str(s) | Val::Sym(s) => Some(s.clone()),
                    Val::Int(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?;
            Val::Str(parts.join(sep))
        }
        _ => return None,
    })
}

/// One parameter declaration, with a standard type (`:repo_id`) expanded
/// from `rest.rb`'s table the way `Endpoint#params` does it.
///
/// A bare name (`.params('slug', 'controller')`) declares the name only:
/// Ruby's `name, type = p` leaves the type `nil` for a non-array `p`.
fn param(value: &Val, tables: &Tables) -> Result<Param, String> {
    let bare: Vec<Val>;
    let items = match value {
        Val::Array(items) => items,
        Val::Str(_) | Val::Sym(_) => {
            bare = vec![value.clone()];
            &bare
        }
        _ => {
            return Err(format!(
                "a parameter must be an array `[name, type, doc, options]` or a name, not {}",
                value.describe()
            ))
        }
    };
    let name = match items.first() {
        Some(Val::Str(n) | Val::Sym(n)) => n.clone(),
        other => {
            return Err(format!(
                "a parameter's name must be a string, not {}",
                other.map_or("nothing".into(), Val::describe)
            ))
        }
    };
    let expanded: Vec<Val>;
    let items = match items.get(1) {
        Some(Val::Sym(standard)) if tables.params.contains_key(standard) => {
            expanded = std::iter::once(Val::Str(name.clone()))
                .chain(tables.params.get(standard).into_iter().flatten().cloned())
                .collect();
            &expanded
        }
        _ => items,
    };
    let ty = match items.get(1) {
        None | Some(Val::Nil) => None,
        Some(t) => Some(
            type_text(t)
                .ok_or_else(|| format!("parameter `{name}`: {} is not a type", t.describe()))?,
        ),
    };
    // `(name, type, doc, opts) = definition`: options written where the doc
    // goes are taken as the doc by ArchivesSpace, and so do not apply.
    let doc = match items.get(2) {
        Some(Val::Str(d)) => Some(d.clone()),
        None | Some(Val::Nil | Val::Hash(_)) => None,
        Some(other) => {
            return Err(format!(
                "parameter `{name}`: the doc must be a string, not {}",
                other.describe()
            ))
        }
    };
    let mut param = Param {
        name,
        ty,
        doc,
        body: false,
        optional: false,
        default: Json::Null,
    };
    match items.get(3) {
        None | Some(Val::Nil) => {}
        Some(options @ Val::Hash(_)) => {
            param.body = options.get_sym("body").is_some_and(Val::truthy);
            param.optional = options.get_sym("optional").is_some_and(Val::truthy);
            if let Some(default) = options.get_sym("default") {
                param.default = json(default).ok_or_else(|| {
                    format!(
                        "parameter `{}`: the default {} has no JSON form",
                        param.name,
                        default.describe()
                    )
                })?;
            }
        }
        Some(other) => {
            return Err(format!(
                "parameter `{}`: options must be a hash, not {}",
                param.name,
                other.describe()
            ))
        }
    }
    Ok(param)
}

/// A declared type as text: `Integer`, `[String]`, `JSONModel(:accession)`,
/// `body_stream`.
fn type_text(value: &Val) -> Option<String> {
    Some(match value {
        Val::Class(name) => name.clone(),
        Val::Sym(name) | Val::Str(name) => name.clone(),
        Val::JsonModel(name) => format!("JSONModel(:{name})"),
        Val::Regex(r) => r.clone(),
        Val::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(type_text)
                .collect::<Option<Vec<_>>>()?
                .join(", ")
        ),
        _ => return None,
    })
}

/// A default value as JSON (symbols become their names, as in a request).
fn json(value: &Val) -> Option<Json> {
    Some(match value {
        Val::Nil => Json::Null,
        Val::Bool(b) => Json::Bool(*b),
        Val::Int(n) => Json::from(*n),
        Val::Float(f) => Json::Number(serde_json::Number::from_f64(*f)?),
        Val::Str(s) | Val::Sym(s) => Json::String(s.clone()),
        Val::Array(items) => Json::Array(items.iter().map(json).collect::<Option<_>>()?),
        Val::Hash(pairs) => Json::Object(
            pairs
                .iter()
                .map(|(k, v)| match k {
                    Val::Str(k) | Val::Sym(k) => Some((k.clone(), json(v)?)),
                    _ => None,
                })
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

/// The arguments of `.returns`.
///
/// Both releases declare one route as `.returns([200], "hash of availiable
/// options")`: the description slipped out of its array. Ruby keeps
/// `[[200, nil], "hash of..."]`, which is not a list of pairs; the reader takes
/// a string right after a status-only array as that status's description, and
/// nothing looser than that.
fn returns_list(args: &[Val], tables: &Tables) -> Result<Vec<(i64, String)>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if let (Val::Array(items), Some(Val::Str(text))) = (arg, args.get(i + 1)) {
            if let [status @ Val::Int(_)] = items.as_slice() {
                let pair = Val::Array(vec![status.clone(), Val::Str(text.clone())]);
                out.push(returned(&pair, tables)?);
                i += 2;
                continue;
            }
        }
        out.push(returned(arg, tables)?);
        i += 1;
    }
    Ok(out)
}

/// One `[status, what]` of `.returns`, with a standard return type
/// (`:created`) replaced by `rest.rb`'s text; another symbol is kept as
/// `:name`.
fn returned(value: &Val, tables: &Tables) -> Result<(i64, String), String> {
    let Val::Array(items) = value else {
        return Err(format!(
            "`.returns` takes `[status, description]` arrays, not {}",
            value.describe()
        ));
    };
    let status = match items.first() {
        Some(Val::Int(n)) => *n,
        _ => return Err("a return's status must be an integer".into()),
    };
    let text = match items.get(1) {
        Some(Val::Sym(s)) => match tables.returns.get(s) {
            Some(text) => text.clone(),
            None => format!(":{s}"),
        },
        Some(Val::Str(s)) => s.clone(),
        other => {
            return Err(format!(
                "a return's description must be a string or symbol, not {}",
                other.map_or("nothing".into(), Val::describe)
            ))
        }
    };
    Ok((status, text))
}

/// Evaluates `expr`, read from `file`, with no constants bound (for the
/// tables in `rest.rb`, which hold only literals and class names).
pub(super) fn eval_standalone(file: &SourceFile, expr: &Expr) -> Result<Val, EndpointError> {
    let program = Program {
        units: vec![Unit {
            file,
            tokens: Vec::new(),
        }],
        routes: Vec::new(),
        constants: HashMap::new(),
    };
    let mut env = Env {
        program: &program,
        memo: HashMap::new(),
        active: Vec::new(),
    };
    env.eval(0, &[], expr)
}
