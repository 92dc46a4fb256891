//! A schema file, statement by statement: what [`super::evaluate`] does.
//!
//! The file is split into top-level statements. `NAME = expr` binds a
//! variable in the file's scope; a variable whose value needs Ruby code to
//! compute, or that a later statement may change, becomes
//! [`Value::Computed`], with a warning. Ruby assigns references, so code that
//! may change one variable may change every variable sharing its value; the
//! statements that gave a variable its value are kept as its source. The last
//! statement is the file's value; in it, an error is an error.

use std::collections::HashSet;

use indexmap::IndexMap;

use super::ast::Parser;
use super::blocks::split_statements;
use super::error::Error;
use super::eval::{Binding, Bound, Scope, ScopeKind};
use super::lexer::{self, StrLit, StrPart, Token, TokenKind};
use super::{Computed, Evaluation, Value, Warning};

pub(crate) fn evaluate(file: &str, source: &str) -> Result<Evaluation, Error> {
    let tokens = lexer::tokenize(file, source)?;
    let statements = split_statements(file, source, &tokens)?;
    let mut scope = Scope::new(ScopeKind::Variables);
    scope.add_file(file, source);
    let mut schema = SchemaFile {
        file,
        source,
        scope,
        history: IndexMap::new(),
        warnings: Vec::new(),
    };
    let Some((last, init)) = statements.split_last() else {
        // An empty file evaluates to nil in Ruby.
        return Ok(Evaluation {
            value: Value::Nil,
            warnings: schema.warnings,
        });
    };
    for range in init {
        schema.statement(tokens.get(range.clone()).unwrap_or(&[]));
    }
    let value = schema.last_statement(tokens.get(last.clone()).unwrap_or(&[]))?;
    Ok(Evaluation {
        value,
        warnings: schema.warnings,
    })
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

/// How a variable got its value.
struct History {
    /// The start of the statement that assigned it.
    at: lexer::Span,
    /// The statements that produced the value, in file order.
    source: String,
    /// Variables whose values this one may share (Ruby assigns references,
    /// so changing one may change the other).
    refs: HashSet<String>,
}

/// A value and what evaluating it found: warnings, and the variables read.
type Evaluated = (Value, Vec<Warning>, HashSet<String>);

struct SchemaFile<'a> {
    file: &'a str,
    source: &'a str,
    scope: Scope<'a>,
    /// The file's variables, in the order they were first bound.
    history: IndexMap<String, History>,
    warnings: Vec<Warning>,
}

impl<'a> SchemaFile<'a> {
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

    /// The value of the expression `tokens` hold, in the file's scope.
    fn value_of(&mut self, tokens: &[Token]) -> Result<Evaluated, Error> {
        let expr = Parser::new(self.file, self.source, tokens, 0)
            .reading_for(&self.scope)
            .statement_value()
            .map_err(|e| *e)?;
        let mut evaluator = self.scope.evaluator(0, &[]);
        let value = evaluator.value_of(&expr)?;
        let (warnings, read) = evaluator.finish();
        Ok((value, warnings, read))
    }

    /// Binds `name` to `value`, as `history` tells.
    fn bind(&mut self, name: String, value: Value, history: History) {
        self.set(&name, value, history.at);
        self.history.insert(name, history);
    }

    /// Sets the value of `name`, assigned at `at`.
    fn set(&mut self, name: &str, value: Value, at: lexer::Span) {
        let binding = Binding {
            file: 0,
            span: at,
            nesting: Vec::new(),
            value: Bound::Value(value),
        };
        self.scope.set(name, binding);
    }

    fn statement(&mut self, tokens: &[Token]) {
        let Some(first) = tokens.first() else {
            return;
        };
        let at = first.span;
        let (line, column) = (at.line, at.column);
        let text = self.text(tokens).to_owned();

        if let Some((name, rhs)) = assignment(tokens) {
            let (value, refs) = match self.value_of(rhs) {
                Ok((value, warnings, read)) => {
                    self.warnings.extend(warnings);
                    (value, read)
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
            let history = History {
                at,
                source: text,
                refs,
            };
            self.bind(name.to_owned(), value, history);
            return;
        }

        let assigned = assigned_names(tokens);
        if !assigned.is_empty() {
            let refs: HashSet<String> = self.mentioned(tokens).into_iter().collect();
            for name in assigned {
                if self.scope.is_bound(&name) {
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
                    let history = History {
                        at,
                        source: text.clone(),
                        refs: refs.clone(),
                    };
                    self.bind(name, Value::Computed(computed), history);
                }
            }
            return;
        }

        // A literal, or a read of variables, changes nothing.
        if self.value_of(tokens).is_ok() {
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
        let (value, warnings, _) = self.value_of(rhs)?;
        self.warnings.extend(warnings);
        Ok(value)
    }

    /// Makes a bound variable computed because the statement `text` at
    /// `line:column` may change it.
    fn taint(&mut self, name: &str, line: u32, column: u32, text: &str) {
        let was_computed = matches!(self.scope.value(name), Some(Value::Computed(_)));
        let Some(history) = self.history.get_mut(name) else {
            return;
        };
        history.source.push('\n');
        history.source.push_str(text);
        let at = history.at;
        let value = Value::Computed(Computed {
            source: history.source.clone(),
            line: at.line,
            column: at.column,
            base: None,
        });
        let assigned = format!("{}:{}", at.line, at.column);
        self.set(name, value, at);
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
                    if !after_dot && self.scope.is_bound(n) && !out.contains(n) =>
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
            let own_refs = self.history.get(&name).map(|h| &h.refs);
            for (other, history) in &self.history {
                let shared =
                    history.refs.contains(&name) || own_refs.is_some_and(|r| r.contains(other));
                if shared && !all.contains(other) {
                    all.push(other.clone());
                    queue.push(other.clone());
                }
            }
        }
        all
    }
}
