//! Evaluation of a schema file: top-level statements, variable bindings, and
//! literal expressions with Ruby's semantics.

use std::collections::HashSet;
use std::ops::Range;

use indexmap::IndexMap;

use super::error::{snippet, Error, ErrorKind};
use super::lexer::{self, Keyword, StrLit, StrPart, Token, TokenKind};
use super::{Computed, Evaluation, Hash, Key, Value, Warning};

/// Deepest nesting of brackets/interpolations evaluated; keeps recursion
/// bounded on hostile input (real schemas nest under 15 levels).
const MAX_DEPTH: usize = 128;

pub(crate) fn evaluate(file: &str, source: &str) -> Result<Evaluation, Error> {
    let tokens = lexer::tokenize(file, source)?;
    let statements = split_statements(file, source, &tokens)?;
    let mut ev = Evaluator {
        file,
        source,
        env: IndexMap::new(),
        warnings: Vec::new(),
    };
    let Some((last, init)) = statements.split_last() else {
        // An empty file evaluates to nil in Ruby.
        return Ok(Evaluation {
            value: Value::Nil,
            warnings: ev.warnings,
        });
    };
    for range in init {
        ev.statement(tokens.get(range.clone()).unwrap_or(&[]));
    }
    let value = ev.last_statement(tokens.get(last.clone()).unwrap_or(&[]))?;
    Ok(Evaluation {
        value,
        warnings: ev.warnings,
    })
}

// ---- statements ----

#[derive(Debug, Clone, Copy)]
enum Opener {
    Bracket(&'static str),
    Block(Keyword),
}

struct Open {
    opener: Opener,
    at: usize,
    /// `while`/`until`/`for` take an optional `do` on the same line that
    /// belongs to them and opens nothing.
    loop_do: bool,
}

impl Opener {
    fn text(self) -> &'static str {
        match self {
            Opener::Bracket(p) => p,
            Opener::Block(k) => k.as_str(),
        }
    }
}

/// Splits the tokens into top-level statements (token index ranges, none
/// empty), checking that brackets and `do`/`end`-style blocks pair up.
fn split_statements(
    file: &str,
    source: &str,
    tokens: &[Token],
) -> Result<Vec<Range<usize>>, Error> {
    let located = |token: &Token, kind: ErrorKind| {
        Error::new(
            file,
            token.span.line,
            token.span.column,
            kind,
            snippet(source, token.span.start, token.span.end),
        )
    };
    let mismatch = |token: &Token, open: &Open| {
        let opener = tokens
            .get(open.at)
            .map_or((0, 0), |t| (t.span.line, t.span.column));
        let closer = token.span.text(source);
        located(
            token,
            ErrorKind::Unbalanced(format!(
                "`{closer}` does not close `{}` opened at {}:{}",
                open.opener.text(),
                opener.0,
                opener.1
            )),
        )
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        let open = |opener, loop_do| Open {
            opener,
            at: i,
            loop_do,
        };
        match &token.kind {
            TokenKind::Newline | TokenKind::Punct(";") => {
                if let Some(top) = stack.last_mut() {
                    top.loop_do = false;
                    continue;
                }
                if start < i {
                    out.push(start..i);
                }
                start = i + 1;
            }
            TokenKind::Punct(p @ ("(" | "[" | "{")) => stack.push(open(Opener::Bracket(p), false)),
            TokenKind::Punct(p @ (")" | "]" | "}")) => {
                let wanted = match *p {
                    ")" => "(",
                    "]" => "[",
                    _ => "{",
                };
                match stack.pop() {
                    Some(Open {
                        opener: Opener::Bracket(o),
                        ..
                    }) if o == wanted => {}
                    Some(open) => return Err(mismatch(token, &open)),
                    None => {
                        return Err(located(
                            token,
                            ErrorKind::Unbalanced(format!("`{p}` closes nothing")),
                        ))
                    }
                }
            }
            TokenKind::Keyword(k) => match k {
                Keyword::Do => match stack.last_mut() {
                    Some(top) if top.loop_do => top.loop_do = false,
                    _ => stack.push(open(Opener::Block(*k), false)),
                },
                Keyword::Begin
                | Keyword::Def
                | Keyword::Class
                | Keyword::Module
                | Keyword::Case => stack.push(open(Opener::Block(*k), false)),
                // As modifiers (`x = 1 if y`) these open nothing.
                Keyword::If | Keyword::Unless | Keyword::While | Keyword::Until
                    if starts_expression(tokens, i) =>
                {
                    stack.push(open(
                        Opener::Block(*k),
                        matches!(k, Keyword::While | Keyword::Until),
                    ))
                }
                Keyword::For => stack.push(open(Opener::Block(*k), true)),
                Keyword::End => match stack.pop() {
                    Some(Open {
                        opener: Opener::Block(_),
                        ..
                    }) => {}
                    Some(open) => return Err(mismatch(token, &open)),
                    None => {
                        return Err(located(
                            token,
                            ErrorKind::Unbalanced("`end` closes nothing".to_owned()),
                        ))
                    }
                },
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(open) = stack.pop() {
        if let Some(token) = tokens.get(open.at) {
            return Err(Error::new(
                file,
                token.span.line,
                token.span.column,
                ErrorKind::Unbalanced(format!("`{}` is never closed", open.opener.text())),
                snippet(source, token.span.start, token.span.start),
            ));
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    Ok(out)
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

/// `NAME = expr`: the name and the right side.
fn assignment(tokens: &[Token]) -> Option<(&str, &[Token])> {
    match tokens {
        [name, eq, rhs @ ..] if !rhs.is_empty() && eq.kind == TokenKind::Punct("=") => {
            match &name.kind {
                TokenKind::Ident(n) | TokenKind::Const(n) => Some((n, rhs)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Names assigned by `x += ...`, `x ||= ...` or `a, b = ...`.
fn assigned_names(tokens: &[Token]) -> Vec<String> {
    const OP_ASSIGN: &[&str] = &[
        "+=", "-=", "*=", "/=", "%=", "**=", "||=", "&&=", "|=", "&=", "^=", "<<=", ">>=",
    ];
    let name = |t: Option<&Token>| match t.map(|t| &t.kind) {
        Some(TokenKind::Ident(n) | TokenKind::Const(n)) => Some(n.clone()),
        _ => None,
    };
    if let (Some(n), Some(TokenKind::Punct(op))) =
        (name(tokens.first()), tokens.get(1).map(|t| &t.kind))
    {
        if OP_ASSIGN.contains(op) {
            return vec![n];
        }
    }
    let mut names = Vec::new();
    let mut i = 0;
    loop {
        if tokens.get(i).map(|t| &t.kind) == Some(&TokenKind::Punct("*")) {
            i += 1;
        }
        let Some(n) = name(tokens.get(i)) else {
            return Vec::new();
        };
        names.push(n);
        match tokens.get(i + 1).map(|t| &t.kind) {
            Some(TokenKind::Punct(",")) => i += 2,
            Some(TokenKind::Punct("=")) if names.len() > 1 => return names,
            _ => return Vec::new(),
        }
    }
}

struct Binding {
    value: Value,
    line: u32,
    column: u32,
    /// The statements that produced the value, in file order.
    source: String,
    /// Variables whose values this one may share (Ruby assigns references,
    /// so changing one may change the other).
    refs: HashSet<String>,
}

struct Evaluator<'a> {
    file: &'a str,
    source: &'a str,
    env: IndexMap<String, Binding>,
    warnings: Vec<Warning>,
}

impl<'a> Evaluator<'a> {
    fn text(&self, tokens: &[Token]) -> &'a str {
        match (tokens.first(), tokens.last()) {
            (Some(a), Some(b)) => self.source.get(a.span.start..b.span.end).unwrap_or(""),
            _ => "",
        }
    }

    fn warn(&mut self, line: u32, column: u32, message: String) {
        self.warnings.push(Warning {
            line,
            column,
            message,
        });
    }

    fn statement(&mut self, tokens: &[Token]) {
        let Some(first) = tokens.first() else {
            return;
        };
        let (line, column) = (first.span.line, first.span.column);
        let text = self.text(tokens).to_owned();

        if let Some((name, rhs)) = assignment(tokens) {
            let mut parser = Parser::new(self, rhs, 0);
            let result = parser.parse_all();
            let Parser { refs, warnings, .. } = parser;
            let (value, refs) = match result {
                Ok(value) => {
                    self.warnings.extend(warnings);
                    (value, refs)
                }
                Err(_) => {
                    self.warn(
                        line,
                        column,
                        format!("variable `{name}` is computed by Ruby code at {line}:{column}; kept as computed"),
                    );
                    let computed = Computed {
                        source: text.clone(),
                        line,
                        column,
                        base: None,
                    };
                    (
                        Value::Computed(computed),
                        self.mentioned(rhs).into_iter().collect(),
                    )
                }
            };
            let binding = Binding {
                value,
                line,
                column,
                source: text,
                refs,
            };
            self.env.insert(name.to_owned(), binding);
            return;
        }

        let assigned = assigned_names(tokens);
        if !assigned.is_empty() {
            let refs: HashSet<String> = self.mentioned(tokens).into_iter().collect();
            for name in assigned {
                if self.env.contains_key(&name) {
                    self.taint(&name, line, column, &text);
                } else {
                    self.warn(
                        line,
                        column,
                        format!("variable `{name}` is computed by Ruby code at {line}:{column}; kept as computed"),
                    );
                    let computed = Computed {
                        source: text.clone(),
                        line,
                        column,
                        base: None,
                    };
                    let binding = Binding {
                        value: Value::Computed(computed),
                        line,
                        column,
                        source: text.clone(),
                        refs: refs.clone(),
                    };
                    self.env.insert(name, binding);
                }
            }
            return;
        }

        // A literal, or a read of variables, changes nothing.
        if Parser::new(self, tokens, 0).parse_all().is_ok() {
            return;
        }
        let mentioned = self.mentioned(tokens);
        if mentioned.is_empty() {
            self.warn(
                line,
                column,
                "statement ignored: it is not a literal and uses no variable bound in this file"
                    .to_owned(),
            );
            return;
        }
        // Unknown code may change any variable it mentions, and through
        // shared references, the variables those share values with.
        for name in self.sharing(mentioned) {
            self.taint(&name, line, column, &text);
        }
    }

    fn last_statement(&mut self, tokens: &[Token]) -> Result<Value, Error> {
        // `X = value` as the last statement has the value `value`.
        let rhs = assignment(tokens).map_or(tokens, |(_, rhs)| rhs);
        let mut parser = Parser::new(self, rhs, 0);
        let value = parser.parse_all()?;
        let Parser { warnings, .. } = parser;
        self.warnings.extend(warnings);
        Ok(value)
    }

    /// Makes a bound variable computed because the statement `text` at
    /// `line:column` may change it.
    fn taint(&mut self, name: &str, line: u32, column: u32, text: &str) {
        let Some(binding) = self.env.get_mut(name) else {
            return;
        };
        let was_computed = matches!(binding.value, Value::Computed(_));
        binding.source.push('\n');
        binding.source.push_str(text);
        binding.value = Value::Computed(Computed {
            source: binding.source.clone(),
            line: binding.line,
            column: binding.column,
            base: None,
        });
        let assigned = format!("{}:{}", binding.line, binding.column);
        let message = if was_computed {
            format!("variable `{name}` (computed, assigned at {assigned}) is changed again by Ruby code at {line}:{column}")
        } else {
            format!("variable `{name}` (assigned at {assigned}) is changed by Ruby code at {line}:{column}; kept as computed")
        };
        self.warn(line, column, message);
    }

    /// Bound variables named in `tokens` (not as method names), in order.
    fn mentioned(&self, tokens: &[Token]) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_mentions(tokens, &mut out);
        out
    }

    fn collect_mentions(&self, tokens: &[Token], out: &mut Vec<String>) {
        let mut previous: Option<&TokenKind> = None;
        for token in tokens {
            let after_dot = matches!(previous, Some(TokenKind::Punct("." | "&." | "::")));
            match &token.kind {
                TokenKind::Ident(n) | TokenKind::Const(n)
                    if !after_dot && self.env.contains_key(n) && !out.contains(n) =>
                {
                    out.push(n.clone())
                }
                TokenKind::Str(lit)
                | TokenKind::XStr(lit)
                | TokenKind::DSym(lit)
                | TokenKind::Regex { body: lit, .. } => self.collect_lit_mentions(lit, out),
                TokenKind::Words { words, .. } => {
                    for word in words {
                        self.collect_lit_mentions(word, out);
                    }
                }
                _ => {}
            }
            previous = Some(&token.kind);
        }
    }

    fn collect_lit_mentions(&self, lit: &StrLit, out: &mut Vec<String>) {
        for part in &lit.parts {
            if let StrPart::Interp { tokens, .. } = part {
                self.collect_mentions(tokens, out);
            }
        }
    }

    /// `names` plus every bound variable that shares a value with one of
    /// them, transitively.
    fn sharing(&self, names: Vec<String>) -> Vec<String> {
        let mut all = names.clone();
        let mut queue = names;
        while let Some(name) = queue.pop() {
            let own_refs = self.env.get(&name).map(|b| &b.refs);
            for (other, binding) in &self.env {
                let shared =
                    binding.refs.contains(&name) || own_refs.is_some_and(|r| r.contains(other));
                if shared && !all.contains(other) {
                    all.push(other.clone());
                    queue.push(other.clone());
                }
            }
        }
        all
    }
}

// ---- expressions ----

/// Evaluates one expression made of literals, bound variables, `+`,
/// `.merge(...)` and `.freeze`.
struct Parser<'p, 'a> {
    ev: &'p Evaluator<'a>,
    tokens: &'p [Token],
    i: usize,
    depth: usize,
    warnings: Vec<Warning>,
    /// Bound variables read.
    refs: HashSet<String>,
}

impl<'p, 'a> Parser<'p, 'a> {
    fn new(ev: &'p Evaluator<'a>, tokens: &'p [Token], depth: usize) -> Self {
        Parser {
            ev,
            tokens,
            i: 0,
            depth,
            warnings: Vec::new(),
            refs: HashSet::new(),
        }
    }

    fn kind(&self) -> Option<&'p TokenKind> {
        self.tokens.get(self.i).map(|t| &t.kind)
    }

    fn at(&self, punct: &str) -> bool {
        matches!(self.kind(), Some(TokenKind::Punct(p)) if *p == punct)
    }

    /// At `punct` written directly after the previous token (`f(` not `f (`).
    fn at_glued(&self, punct: &str) -> bool {
        self.at(punct) && self.tokens.get(self.i).is_some_and(|t| !t.space_before)
    }

    fn skip_newlines(&mut self) {
        while self.kind() == Some(&TokenKind::Newline) {
            self.i += 1;
        }
    }

    fn text(&self, range: Range<usize>) -> &'a str {
        let first = self.tokens.get(range.start);
        let last = range.end.checked_sub(1).and_then(|j| self.tokens.get(j));
        match (first, last) {
            (Some(a), Some(b)) if a.span.start <= b.span.end => {
                self.ev.source.get(a.span.start..b.span.end).unwrap_or("")
            }
            _ => "",
        }
    }

    /// An error located at token `idx`, showing its text up to `end_idx`.
    fn error_range(&self, idx: usize, end_idx: usize, kind: ErrorKind) -> Error {
        let Some(token) = self.tokens.get(idx).or(self.tokens.last()) else {
            return Error::new(self.ev.file, 1, 1, kind, String::new());
        };
        let end = end_idx
            .checked_sub(1)
            .and_then(|j| self.tokens.get(j))
            .map_or(token.span.end, |t| t.span.end.max(token.span.end));
        Error::new(
            self.ev.file,
            token.span.line,
            token.span.column,
            kind,
            snippet(self.ev.source, token.span.start, end),
        )
    }

    fn error(&self, idx: usize, kind: ErrorKind) -> Error {
        self.error_range(idx, idx + 1, kind)
    }

    fn end_error(&self, expected: &str) -> Error {
        let idx = self.tokens.len().saturating_sub(1);
        self.error(
            idx,
            ErrorKind::Syntax(format!("unexpected end of input; expected {expected}")),
        )
    }

    /// Code that is not a value: reported with the whole call chain
    /// (`foo.bar(1)`) as the snippet.
    fn unknown(&self, idx: usize) -> Error {
        self.error_range(idx, self.chain_end(idx), ErrorKind::UnknownConstruct)
    }

    /// A method call `.name(...)` on a value that this reader does not run,
    /// located at the `.` at token `dot`.
    fn unknown_call(&self, dot: usize) -> Error {
        self.error_range(dot, self.chain_end(dot + 1), ErrorKind::UnknownConstruct)
    }

    /// The index just past a chain like `foo.bar(x)[1]::Baz` starting at `idx`.
    fn chain_end(&self, idx: usize) -> usize {
        let kind = |j: usize| self.tokens.get(j).map(|t| &t.kind);
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
                    if self.tokens.get(j).is_some_and(|t| !t.space_before) =>
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

    /// The error for a token where something else was expected.
    fn unexpected(&self, idx: usize, expected: &str) -> Error {
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

    fn unclosed(&self, open: usize) -> Error {
        let opener = self.text(open..open + 1);
        self.error(
            open,
            ErrorKind::Unbalanced(format!("`{opener}` is never closed")),
        )
    }

    fn expect(&mut self, punct: &str) -> Result<(), Error> {
        if self.at(punct) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.unexpected(self.i, &format!("`{punct}`")))
        }
    }

    fn parse_all(&mut self) -> Result<Value, Error> {
        self.skip_newlines();
        let value = self.expr()?;
        self.skip_newlines();
        if self.i < self.tokens.len() {
            return Err(self.unexpected(self.i, "the end of the statement"));
        }
        Ok(value)
    }

    fn expr(&mut self) -> Result<Value, Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(self.i, ErrorKind::TooDeep(MAX_DEPTH)));
        }
        self.depth += 1;
        let result = self.sum();
        self.depth -= 1;
        result
    }

    fn sum(&mut self) -> Result<Value, Error> {
        let start = self.i;
        let mut value = self.postfix()?;
        while self.at("+") {
            let op = self.i;
            self.i += 1;
            self.skip_newlines();
            let rhs = self.postfix()?;
            value = self.add(value, rhs, start, op)?;
        }
        Ok(value)
    }

    fn postfix(&mut self) -> Result<Value, Error> {
        let start = self.i;
        let mut value = self.primary()?;
        loop {
            match self.kind() {
                Some(TokenKind::Punct("." | "&.")) => {
                    let dot = self.i;
                    let name = match self.tokens.get(dot + 1).map(|t| &t.kind) {
                        Some(TokenKind::Ident(n) | TokenKind::Const(n)) => n.as_str(),
                        _ => return Err(self.unknown(dot)),
                    };
                    self.i += 2;
                    let args = if self.at_glued("(") {
                        self.args()?
                    } else {
                        Vec::new()
                    };
                    if self.at("{") || self.kind() == Some(&TokenKind::Keyword(Keyword::Do)) {
                        // A block: code to run.
                        return Err(self.unknown_call(dot));
                    }
                    value = self.call(value, name, args, start, dot)?;
                }
                Some(TokenKind::Punct("[")) if self.at_glued("[") => {
                    return Err(self.unknown(start))
                }
                Some(TokenKind::Punct("::")) => return Err(self.unknown(start)),
                _ => return Ok(value),
            }
        }
    }

    fn call(
        &self,
        receiver: Value,
        name: &str,
        args: Vec<Value>,
        start: usize,
        dot: usize,
    ) -> Result<Value, Error> {
        let mut args = args.into_iter();
        match (name, args.next(), args.next()) {
            // `freeze` returns its receiver.
            ("freeze", None, None) => Ok(receiver),
            ("merge", Some(arg), None) => self.merge(receiver, arg, start, dot),
            _ => Err(self.unknown_call(dot)),
        }
    }

    /// Ruby's `Hash#merge`: the receiver's keys keep their order, keys of the
    /// argument replace values or are appended.
    fn merge(&self, receiver: Value, arg: Value, start: usize, dot: usize) -> Result<Value, Error> {
        match (receiver, arg) {
            (Value::Hash(mut base), Value::Hash(other)) => {
                for (k, v) in &other {
                    base.insert(k.clone(), v.clone());
                }
                Ok(Value::Hash(base))
            }
            // The literal hash is known; what the computed hash adds to it
            // (or replaces in it) is not.
            (Value::Hash(mut base), Value::Computed(c)) => {
                let known = match c.base.map(|b| *b) {
                    None => None,
                    Some(Value::Hash(known)) => Some(known),
                    Some(_) => return Ok(self.computed(start)),
                };
                if let Some(known) = known {
                    for (k, v) in &known {
                        base.insert(k.clone(), v.clone());
                    }
                }
                Ok(Value::Computed(Computed {
                    source: c.source,
                    line: c.line,
                    column: c.column,
                    base: Some(Box::new(Value::Hash(base))),
                }))
            }
            (Value::Computed(_), _) | (_, Value::Computed(_)) => Ok(self.computed(start)),
            (a, b) => Err(self.error(
                dot,
                ErrorKind::Type(format!(
                    "{}.merge({}): both must be hashes",
                    type_name(&a),
                    type_name(&b)
                )),
            )),
        }
    }

    /// A computed value for the expression from token `start` to here.
    fn computed(&self, start: usize) -> Value {
        let (line, column) = self
            .tokens
            .get(start)
            .map_or((0, 0), |t| (t.span.line, t.span.column));
        Value::Computed(Computed {
            source: self.text(start..self.i).to_owned(),
            line,
            column,
            base: None,
        })
    }

    fn add(&self, lhs: Value, rhs: Value, start: usize, op: usize) -> Result<Value, Error> {
        Ok(match (lhs, rhs) {
            (Value::Str(a), Value::Str(b)) => Value::Str(a + &b),
            (Value::Array(mut a), Value::Array(b)) => {
                a.extend(b);
                Value::Array(a)
            }
            (Value::Int(a), Value::Int(b)) => match a.checked_add(b) {
                Some(n) => Value::Int(n),
                None => {
                    return Err(self.error(
                        op,
                        ErrorKind::Unsupported(
                            "integer overflow (bignums are not supported)".to_owned(),
                        ),
                    ))
                }
            },
            (Value::Int(a), Value::Float(b)) => self.float(a as f64 + b, op)?,
            (Value::Float(a), Value::Int(b)) => self.float(a + b as f64, op)?,
            (Value::Float(a), Value::Float(b)) => self.float(a + b, op)?,
            (Value::Computed(_), _) | (_, Value::Computed(_)) => self.computed(start),
            (a, b) => {
                return Err(self.error(
                    op,
                    ErrorKind::Type(format!(
                        "{} + {} is not defined",
                        type_name(&a),
                        type_name(&b)
                    )),
                ))
            }
        })
    }

    fn float(&self, f: f64, op: usize) -> Result<Value, Error> {
        if f.is_finite() {
            Ok(Value::Float(f))
        } else {
            Err(self.error(op, ErrorKind::Unsupported("float overflow".to_owned())))
        }
    }

    /// `(a, b, key => value)` after a method name; the cursor is at `(`.
    fn args(&mut self) -> Result<Vec<Value>, Error> {
        let open = self.i;
        self.i += 1;
        let mut args = Vec::new();
        loop {
            self.skip_newlines();
            match self.kind() {
                None => return Err(self.unclosed(open)),
                Some(TokenKind::Punct(")")) => {
                    self.i += 1;
                    return Ok(args);
                }
                Some(TokenKind::Label(_)) => {
                    args.push(Value::Hash(self.implicit_hash(None, ")", open)?));
                    return Ok(args);
                }
                _ => {
                    let key_at = self.i;
                    let value = self.expr()?;
                    self.skip_newlines();
                    if self.at("=>") {
                        args.push(Value::Hash(self.implicit_hash(
                            Some((value, key_at)),
                            ")",
                            open,
                        )?));
                        return Ok(args);
                    }
                    args.push(value);
                }
            }
            if !self.separator(")", open)? {
                return Ok(args);
            }
        }
    }

    /// After an element: consumes `,` (true: more may follow) or `close`
    /// (false: done).
    fn separator(&mut self, close: &str, open: usize) -> Result<bool, Error> {
        self.skip_newlines();
        match self.kind() {
            Some(TokenKind::Punct(",")) => {
                self.i += 1;
                Ok(true)
            }
            Some(TokenKind::Punct(p)) if *p == close => {
                self.i += 1;
                Ok(false)
            }
            Some(_) => Err(self.unexpected(self.i, &format!("`,` or `{close}`"))),
            None => Err(self.unclosed(open)),
        }
    }

    fn primary(&mut self) -> Result<Value, Error> {
        let idx = self.i;
        let Some(token) = self.tokens.get(idx) else {
            return Err(self.end_error("a value"));
        };
        self.i += 1;
        Ok(match &token.kind {
            TokenKind::Int(n) => Value::Int(*n),
            TokenKind::Float(f) => Value::Float(*f),
            TokenKind::Str(lit) => {
                let mut value = self.string(lit, idx)?;
                // Adjacent literals concatenate: "a" "b" is "ab".
                while let Some(TokenKind::Str(next)) = self.kind() {
                    let next_idx = self.i;
                    self.i += 1;
                    let more = self.string(next, next_idx)?;
                    value = match (value, more) {
                        (Value::Str(a), Value::Str(b)) => Value::Str(a + &b),
                        _ => self.computed(idx),
                    };
                }
                value
            }
            TokenKind::Sym(s) => Value::Sym(s.clone()),
            TokenKind::DSym(lit) => match self.string(lit, idx)? {
                Value::Str(s) => Value::Sym(s),
                other => other,
            },
            TokenKind::Words { symbols, words } => {
                let mut items = Vec::new();
                for word in words {
                    items.push(match self.string(word, idx)? {
                        Value::Str(s) if *symbols => Value::Sym(s),
                        other => other,
                    });
                }
                Value::Array(items)
            }
            TokenKind::Keyword(Keyword::Nil) => Value::Nil,
            TokenKind::Keyword(Keyword::True) => Value::Bool(true),
            TokenKind::Keyword(Keyword::False) => Value::Bool(false),
            TokenKind::Punct("[") => self.array(idx)?,
            TokenKind::Punct("{") => {
                let mut hash = Hash::new();
                self.pairs(&mut hash, "}", idx)?;
                Value::Hash(hash)
            }
            TokenKind::Punct("(") => {
                self.skip_newlines();
                if self.at(")") {
                    self.i += 1;
                    return Ok(Value::Nil);
                }
                let value = self.expr()?;
                self.skip_newlines();
                if self.kind().is_none() {
                    return Err(self.unclosed(idx));
                }
                self.expect(")")?;
                value
            }
            TokenKind::Ident(name) | TokenKind::Const(name) => {
                let call = self.at_glued("(");
                match self.ev.env.get(name) {
                    Some(binding) if !call => {
                        self.refs.insert(name.clone());
                        binding.value.clone()
                    }
                    _ => return Err(self.unknown(idx)),
                }
            }
            _ => return Err(self.unexpected(idx, "a value")),
        })
    }

    /// A string literal's value; a computed interpolation makes the whole
    /// string computed.
    fn string(&mut self, lit: &'p StrLit, idx: usize) -> Result<Value, Error> {
        let mut out = String::new();
        let mut computed = false;
        for part in &lit.parts {
            let (tokens, span) = match part {
                StrPart::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                StrPart::Interp { tokens, span } => (tokens, span),
            };
            // `#{}` interpolates nil, which is "".
            if tokens.iter().all(|t| t.kind == TokenKind::Newline) {
                continue;
            }
            let mut sub = Parser::new(self.ev, tokens, self.depth + 1);
            if sub.depth >= MAX_DEPTH {
                return Err(self.error(idx, ErrorKind::TooDeep(MAX_DEPTH)));
            }
            let value = sub.parse_all()?;
            self.refs.extend(sub.refs);
            self.warnings.extend(sub.warnings);
            let unsupported = |what: &str| {
                Error::new(
                    self.ev.file,
                    span.line,
                    span.column,
                    ErrorKind::Unsupported(format!("interpolating {what}")),
                    snippet(self.ev.source, span.start, span.end),
                )
            };
            match value {
                Value::Str(s) | Value::Sym(s) => out.push_str(&s),
                Value::Int(n) => out.push_str(&n.to_string()),
                Value::Nil => {}
                Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
                Value::Computed(_) => computed = true,
                // Ruby's float and inspect formats are not reproduced.
                Value::Float(_) => return Err(unsupported("a float")),
                Value::Array(_) | Value::Hash(_) => return Err(unsupported("an array or hash")),
            }
        }
        Ok(if computed {
            self.computed(idx)
        } else {
            Value::Str(out)
        })
    }

    /// After `[`: elements, splats, and a trailing braceless hash.
    fn array(&mut self, open: usize) -> Result<Value, Error> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            match self.kind() {
                None => return Err(self.unclosed(open)),
                Some(TokenKind::Punct("]")) => {
                    self.i += 1;
                    break;
                }
                Some(TokenKind::Punct("*")) => {
                    let star = self.i;
                    self.i += 1;
                    match self.expr()? {
                        Value::Array(more) => items.extend(more),
                        Value::Nil => {}
                        // Unknown length: one computed element stands for it.
                        Value::Computed(_) => items.push(self.computed(star)),
                        other => items.push(other),
                    }
                }
                Some(TokenKind::Label(_)) => {
                    items.push(Value::Hash(self.implicit_hash(None, "]", open)?));
                    break;
                }
                _ => {
                    let key_at = self.i;
                    let value = self.expr()?;
                    self.skip_newlines();
                    if self.at("=>") {
                        items.push(Value::Hash(self.implicit_hash(
                            Some((value, key_at)),
                            "]",
                            open,
                        )?));
                        break;
                    }
                    items.push(value);
                }
            }
            if !self.separator("]", open)? {
                break;
            }
        }
        Ok(Value::Array(items))
    }

    /// A hash without braces as the last element of an array or argument
    /// list (`[1, :a => 2]`), ending with `close`.
    fn implicit_hash(
        &mut self,
        first_key: Option<(Value, usize)>,
        close: &str,
        open: usize,
    ) -> Result<Hash, Error> {
        let mut hash = Hash::new();
        if let Some((key, key_at)) = first_key {
            self.expect("=>")?;
            self.skip_newlines();
            let value = self.expr()?;
            let key = self.key(key, key_at)?;
            self.insert(&mut hash, key, value, key_at);
            if !self.separator(close, open)? {
                return Ok(hash);
            }
        }
        self.pairs(&mut hash, close, open)?;
        Ok(hash)
    }

    /// `key => value` and `label: value` pairs up to and including `close`.
    fn pairs(&mut self, hash: &mut Hash, close: &str, open: usize) -> Result<(), Error> {
        loop {
            self.skip_newlines();
            let key_at = self.i;
            match self.kind() {
                None => return Err(self.unclosed(open)),
                Some(TokenKind::Punct(p)) if *p == close => {
                    self.i += 1;
                    return Ok(());
                }
                Some(TokenKind::Label(name)) => {
                    self.i += 1;
                    self.skip_newlines();
                    let value = self.expr()?;
                    self.insert(hash, Key::Sym(name.clone()), value, key_at);
                }
                Some(TokenKind::Punct("**")) => {
                    self.i += 1;
                    match self.expr()? {
                        Value::Hash(more) => {
                            for (k, v) in &more {
                                hash.insert(k.clone(), v.clone());
                            }
                        }
                        Value::Nil => {}
                        _ => {
                            return Err(self.error_range(
                                key_at,
                                self.i,
                                ErrorKind::Unsupported(
                                    "`**` of something other than a literal hash".to_owned(),
                                ),
                            ))
                        }
                    }
                }
                Some(_) => {
                    let key = self.expr()?;
                    self.skip_newlines();
                    self.expect("=>")?;
                    self.skip_newlines();
                    let value = self.expr()?;
                    let key = self.key(key, key_at)?;
                    self.insert(hash, key, value, key_at);
                }
            }
            if !self.separator(close, open)? {
                return Ok(());
            }
        }
    }

    fn key(&self, value: Value, at: usize) -> Result<Key, Error> {
        Ok(match value {
            Value::Nil => Key::Nil,
            Value::Bool(b) => Key::Bool(b),
            Value::Int(n) => Key::Int(n),
            Value::Str(s) => Key::Str(s),
            Value::Sym(s) => Key::Sym(s),
            other => {
                return Err(self.error(
                    at,
                    ErrorKind::Unsupported(format!("a hash key that is {}", type_name(&other))),
                ))
            }
        })
    }

    /// A repeated key in a literal: the last value wins and the key stays
    /// where it first appeared (what `Hash::insert` does). That is JRuby's
    /// behaviour, which ArchivesSpace runs on: its parser only warns and the
    /// pairs are inserted in order. (CRuby's parser instead drops the earlier
    /// pair, moving the key to its last position.)
    fn insert(&mut self, hash: &mut Hash, key: Key, value: Value, at: usize) {
        let shown = key.to_string();
        if hash.insert(key, value).is_some() {
            let (line, column) = self
                .tokens
                .get(at)
                .map_or((0, 0), |t| (t.span.line, t.span.column));
            self.warnings.push(Warning {
                line,
                column,
                message: format!(
                    "duplicate key {shown} in hash literal; the last value wins and the key keeps its first position"
                ),
            });
        }
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Nil => "nil",
        Value::Bool(_) => "a boolean",
        Value::Int(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Str(_) => "a string",
        Value::Sym(_) => "a symbol",
        Value::Array(_) => "an array",
        Value::Hash(_) => "a hash",
        Value::Computed(_) => "a computed value",
    }
}
