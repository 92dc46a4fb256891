//! The evaluator: an expression tree ([`Expr`]) to a [`Value`], with the
//! names it reads looked up in a [`Scope`].
//!
//! Ruby's semantics are followed exactly for what is evaluated: string
//! escapes and interpolation, `+`, `Hash#merge` (key order, duplicate keys),
//! splats, and the few methods that only reshape data: `freeze` and `merge`
//! in a schema file; `freeze`, `dup`, `to_s`, `strip`, `lstrip`, `rstrip`,
//! `chomp` and `join` in controller code. Anything else is code this reader
//! does not run, an error located at that code.
//!
//! Two kinds of scope exist, one per reader:
//!
//! - a schema file's variables ([`ScopeKind::Variables`]), bound by the
//!   file's own statements in order; a name bound to nothing is an error,
//!   and a value only Ruby code can give is [`Value::Computed`];
//! - the constants of a set of controller files ([`ScopeKind::Constants`]),
//!   bound in any of them and found by Ruby's lexical lookup (from the
//!   innermost enclosing module outwards), each evaluated when first read.
//!   A constant no file binds is a class defined by code (`Integer`,
//!   `BooleanParam`) and stands for itself; the data the route DSL writes
//!   (`JSONModel(:x)`, regexes, lambdas) are values; an interpolation whose
//!   value needs the running server (`#{AppConfig[:x]}`) is kept as written.
//!
//! What a scope refuses to evaluate (a name it does not bind, a call) it
//! also tells the parser as the code is read (the [`Readable`] trait), and
//! the evaluator asks the same question, so the two never disagree. Nesting,
//! including constants read through one another, is bounded by
//! [`MAX_DEPTH`].

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;

use super::ast::{Elem, Expr, ExprKind, Link, Pair, Piece, Readable, Term};
use super::error::{snippet, Error, ErrorKind};
use super::lexer::Span;
use super::{Computed, Hash, Key, Value, Warning, MAX_DEPTH};

/// An evaluation result. The error is boxed: results are moved through
/// every level of the recursion, and a small one keeps its frames small.
type Evaluated<T> = Result<T, Box<Error>>;

/// Which names a scope holds and what a name bound to nothing means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    /// A schema file's local variables and constants, read by name.
    Variables,
    /// Controller constants, read by lexical lookup, evaluated lazily.
    Constants,
}

/// The names code can read, with the files their values are written in.
pub(crate) struct Scope<'src> {
    kind: ScopeKind,
    files: Vec<SourceText<'src>>,
    /// By name, or for constants by full path (`TreeDocs::ROOT_DOCS`); a
    /// constant may be bound in several places, which is an error only when
    /// it is read.
    bindings: IndexMap<String, Vec<Binding>>,
    /// Constants already evaluated.
    evaluated: HashMap<String, Value>,
}

struct SourceText<'src> {
    name: &'src str,
    text: &'src str,
}

/// A name's value and where it is bound.
pub(crate) struct Binding {
    /// The file (as numbered by [`Scope::add_file`]).
    pub file: usize,
    /// The name where it is bound.
    pub span: Span,
    /// The modules the binding is written in (`["TreeDocs"]`), outermost
    /// first: names in its value are looked up from there.
    pub nesting: Vec<String>,
    pub value: Bound,
}

/// What a name is bound to.
pub(crate) enum Bound {
    Value(Value),
    /// Code to evaluate when the name is read (or why it does not parse,
    /// reported then).
    Code(Result<Expr, Error>),
}

impl<'src> Scope<'src> {
    /// An empty scope; files are added with [`Scope::add_file`].
    pub fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            files: Vec::new(),
            bindings: IndexMap::new(),
            evaluated: HashMap::new(),
        }
    }

    /// Adds a file that code and bindings are read from; returns its number.
    pub fn add_file(&mut self, name: &'src str, text: &'src str) -> usize {
        self.files.push(SourceText { name, text });
        self.files.len() - 1
    }

    /// Binds `name` as `binding` says, replacing what it was bound to (an
    /// assignment).
    pub fn set(&mut self, name: &str, binding: Binding) {
        self.bindings.insert(name.to_owned(), vec![binding]);
    }

    /// Adds a binding of `name` to those already made (a constant may be
    /// bound in more than one file).
    pub fn declare(&mut self, name: String, binding: Binding) {
        self.bindings.entry(name).or_default().push(binding);
    }

    /// Whether anything binds `name` (a value, or code not yet evaluated).
    pub fn is_bound(&self, name: &str) -> bool {
        self.bindings.contains_key(name)
    }

    /// The value bound to `name`, if it is bound to one value.
    pub fn value(&self, name: &str) -> Option<&Value> {
        match self.bindings.get(name).map(Vec::as_slice) {
            Some(
                [Binding {
                    value: Bound::Value(value),
                    ..
                }],
            ) => Some(value),
            _ => None,
        }
    }

    /// An evaluator of code written in file `file`, inside the modules
    /// `nesting`.
    pub fn evaluator(&mut self, file: usize, nesting: &[String]) -> Evaluator<'_, 'src> {
        Evaluator {
            scope: self,
            file,
            nesting: nesting.to_vec(),
            depth: 0,
            active: Vec::new(),
            warnings: Vec::new(),
            read: HashSet::new(),
        }
    }
}

impl ScopeKind {
    /// The methods code of this kind may call (on the receivers
    /// [`Evaluator::call`] takes): a schema's values are hashes, merged and
    /// frozen; controller data are texts and lists, trimmed and joined. Any
    /// other method is code to run.
    fn methods(self) -> &'static [&'static str] {
        match self {
            ScopeKind::Variables => &["freeze", "merge"],
            ScopeKind::Constants => &[
                "freeze", "dup", "to_s", "strip", "lstrip", "rstrip", "chomp", "join",
            ],
        }
    }
}

impl Readable for Scope<'_> {
    /// In a schema file, a name bound to nothing, a call, a lambda and a
    /// regex are code. In controller code, a local name and a call other
    /// than `JSONModel(...)` are.
    fn refuses(&self, expr: &Expr) -> Option<ErrorKind> {
        let unknown = Some(ErrorKind::UnknownConstruct);
        match (self.kind, &expr.kind) {
            (ScopeKind::Variables, ExprKind::Ident(name)) => {
                if self.is_bound(name) {
                    None
                } else {
                    unknown
                }
            }
            (ScopeKind::Variables, ExprKind::Const(path)) => match path.as_slice() {
                [name] if self.is_bound(name) => None,
                _ => unknown,
            },
            (ScopeKind::Variables, ExprKind::Regex(_)) => Some(ErrorKind::Unsupported(
                "regular expression literal".to_owned(),
            )),
            (
                ScopeKind::Variables,
                ExprKind::TopConst(_) | ExprKind::Call { .. } | ExprKind::Lambda,
            ) => unknown,
            (ScopeKind::Constants, ExprKind::Ident(_)) => unknown,
            (ScopeKind::Constants, ExprKind::Call { name, .. }) if name != "JSONModel" => unknown,
            _ => None,
        }
    }

    /// In a schema file only its methods; controller code's calls are
    /// checked when evaluated, after every file has been read.
    fn runs_method(&self, name: &str) -> bool {
        self.kind == ScopeKind::Constants || self.kind.methods().contains(&name)
    }

    /// Controller code keeps it as written; in a schema file it is an error.
    fn keeps_unreadable_interpolation(&self) -> bool {
        self.kind == ScopeKind::Constants
    }
}

/// Evaluates expressions in a scope.
pub(crate) struct Evaluator<'s, 'src> {
    scope: &'s mut Scope<'src>,
    /// The file the code being evaluated is written in.
    file: usize,
    nesting: Vec<String>,
    depth: usize,
    /// Constants being evaluated, outermost first, to catch cycles.
    active: Vec<String>,
    warnings: Vec<Warning>,
    read: HashSet<String>,
}

impl Evaluator<'_, '_> {
    /// The warnings so far (duplicate hash keys) and the names read.
    pub fn finish(self) -> (Vec<Warning>, HashSet<String>) {
        (self.warnings, self.read)
    }

    fn source(&self) -> (&str, &str) {
        self.scope
            .files
            .get(self.file)
            .map_or(("", ""), |f| (f.name, f.text))
    }

    fn text(&self, span: Span) -> &str {
        span.text(self.source().1)
    }

    fn error(&self, span: Span, kind: ErrorKind) -> Box<Error> {
        let (file, text) = self.source();
        Box::new(Error::new(
            file,
            span.line,
            span.column,
            kind,
            snippet(text, span.start, span.end),
        ))
    }

    fn unknown(&self, expr: &Expr) -> Box<Error> {
        self.error(expr.code, ErrorKind::UnknownConstruct)
    }

    /// A computed value for the code at `span`.
    fn computed(&self, span: Span) -> Value {
        Value::Computed(Computed {
            source: self.text(span).to_owned(),
            line: span.line,
            column: span.column,
            base: None,
        })
    }

    /// Runs `f` one level deeper, refusing to go past [`MAX_DEPTH`].
    fn nested<T>(&mut self, at: Span, f: impl FnOnce(&mut Self) -> Evaluated<T>) -> Evaluated<T> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(at, ErrorKind::TooDeep(MAX_DEPTH)));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// The value of `expr`.
    pub fn value_of(&mut self, expr: &Expr) -> Result<Value, Error> {
        self.eval(expr).map_err(|e| *e)
    }

    /// The values of array elements or arguments, splats spread.
    pub fn elements(&mut self, elems: &[Elem]) -> Result<Vec<Value>, Error> {
        self.elems(elems).map_err(|e| *e)
    }

    // Each kind of expression is evaluated by a function of its own, so that
    // the frames of this recursion stay small.
    fn eval(&mut self, expr: &Expr) -> Evaluated<Value> {
        match &expr.kind {
            ExprKind::Nil => Ok(Value::Nil),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Int(n) => Ok(Value::Int(*n)),
            ExprKind::Float(f) => Ok(Value::Float(*f)),
            ExprKind::Sym(s) => Ok(Value::Sym(s.clone())),
            ExprKind::Str(pieces) => self.string(pieces, expr.span),
            ExprKind::DSym(pieces) => self.dsym(pieces, expr.span),
            ExprKind::Words { symbols, words } => self.words(*symbols, words, expr.span),
            ExprKind::Regex(text) => self.regex(text, expr),
            ExprKind::Lambda => self.lambda(expr),
            ExprKind::Array(elems) => self.array(elems, expr.span),
            ExprKind::Hash(pairs) => self.hash_literal(pairs, expr.span),
            ExprKind::Ident(name) => self.ident(name, expr),
            ExprKind::Const(path) => self.const_path(path, expr),
            ExprKind::TopConst(path) => self.top_const_path(path, expr),
            ExprKind::Call { name, args } => self.function(name, args, expr),
            ExprKind::Chain { head, links } => self.chain(head, links),
            ExprKind::Sum { first, terms } => self.sum(first, terms),
        }
    }

    fn dsym(&mut self, pieces: &[Piece], span: Span) -> Evaluated<Value> {
        Ok(match self.string(pieces, span)? {
            Value::Str(s) => Value::Sym(s),
            other => other,
        })
    }

    fn words(&mut self, symbols: bool, words: &[Vec<Piece>], span: Span) -> Evaluated<Value> {
        let mut items = Vec::new();
        for word in words {
            items.push(match self.string(word, span)? {
                Value::Str(s) if symbols => Value::Sym(s),
                other => other,
            });
        }
        Ok(Value::Array(items))
    }

    fn regex(&self, text: &str, expr: &Expr) -> Evaluated<Value> {
        self.refused(expr)?;
        Ok(Value::Regex(text.to_owned()))
    }

    fn lambda(&self, expr: &Expr) -> Evaluated<Value> {
        self.refused(expr)?;
        Ok(Value::Lambda)
    }

    fn array(&mut self, elems: &[Elem], span: Span) -> Evaluated<Value> {
        self.nested(span, |ev| ev.elems(elems)).map(Value::Array)
    }

    fn hash_literal(&mut self, pairs: &[Pair], span: Span) -> Evaluated<Value> {
        self.nested(span, |ev| ev.hash(pairs)).map(Value::Hash)
    }

    fn ident(&mut self, name: &str, expr: &Expr) -> Evaluated<Value> {
        self.refused(expr)?;
        self.variable(name, expr)
    }

    fn const_path(&mut self, path: &[String], expr: &Expr) -> Evaluated<Value> {
        self.refused(expr)?;
        match (self.scope.kind, path) {
            (ScopeKind::Variables, [name]) => self.variable(name, expr),
            (ScopeKind::Variables, _) => Err(self.unknown(expr)),
            (ScopeKind::Constants, _) => self.constant(path, expr),
        }
    }

    /// `::A`: looked up like `A`, as the controllers' constants never
    /// differ between the two.
    fn top_const_path(&mut self, path: &[String], expr: &Expr) -> Evaluated<Value> {
        self.refused(expr)?;
        self.constant(path, expr)
    }

    /// The error for `expr` if the scope refuses it (see [`Readable`]).
    fn refused(&self, expr: &Expr) -> Evaluated<()> {
        match self.scope.refuses(expr) {
            Some(kind) => Err(self.error(expr.code, kind)),
            None => Ok(()),
        }
    }

    fn chain(&mut self, head: &Expr, links: &[Link]) -> Evaluated<Value> {
        let mut value = self.eval(head)?;
        for link in links {
            let args = self.elems(&link.args)?;
            value = self.call(value, link, args)?;
        }
        Ok(value)
    }

    fn sum(&mut self, first: &Expr, terms: &[Term]) -> Evaluated<Value> {
        let mut value = self.eval(first)?;
        for term in terms {
            let rhs = self.eval(&term.expr)?;
            value = self.add(value, rhs, term)?;
        }
        Ok(value)
    }

    fn elems(&mut self, elems: &[Elem]) -> Evaluated<Vec<Value>> {
        let mut items = Vec::new();
        for elem in elems {
            match elem {
                Elem::Item(expr) => items.push(self.eval(expr)?),
                Elem::Splat { expr, span } => match self.eval(expr)? {
                    Value::Array(more) => items.extend(more),
                    Value::Nil => {}
                    // Unknown length: one computed element stands for it.
                    Value::Computed(_) => items.push(self.computed(*span)),
                    Value::Class(name) => {
                        return Err(self.error(expr.span, ErrorKind::Unbound(name)))
                    }
                    other => items.push(other),
                },
                Elem::Pairs(pairs) => items.push(Value::Hash(self.hash(pairs)?)),
            }
        }
        Ok(items)
    }

    fn hash(&mut self, pairs: &[Pair]) -> Evaluated<Hash> {
        let mut hash = Hash::new();
        for pair in pairs {
            match pair {
                Pair::Entry { key, value } => {
                    let key_value = self.eval(key)?;
                    let value = self.eval(value)?;
                    let key_value = self.key(key_value, key.span)?;
                    self.insert(&mut hash, key_value, value, key.span);
                }
                Pair::DoubleSplat { expr, span } => match self.eval(expr)? {
                    Value::Hash(more) => {
                        for (k, v) in &more {
                            hash.insert(k.clone(), v.clone());
                        }
                    }
                    Value::Nil => {}
                    _ => {
                        return Err(self.error(
                            *span,
                            ErrorKind::Unsupported(
                                "`**` of something other than a literal hash".to_owned(),
                            ),
                        ))
                    }
                },
            }
        }
        Ok(hash)
    }

    fn key(&self, value: Value, at: Span) -> Evaluated<Key> {
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
    fn insert(&mut self, hash: &mut Hash, key: Key, value: Value, at: Span) {
        let shown = key.to_string();
        if hash.insert(key, value).is_some() {
            self.warnings.push(Warning {
                line: at.line,
                column: at.column,
                message: format!(
                    "duplicate key {shown} in hash literal; the last value wins and the key keeps its first position"
                ),
            });
        }
    }

    /// A string literal's value. In a schema file a computed interpolation
    /// makes the whole string computed; in controller code an interpolation
    /// that does not give text is kept as written.
    fn string(&mut self, pieces: &[Piece], span: Span) -> Evaluated<Value> {
        let mut out = String::new();
        let mut computed = false;
        for piece in pieces {
            let (code, at) = match piece {
                Piece::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                Piece::Interp { code, span } => (code, *span),
            };
            if self.scope.kind == ScopeKind::Constants {
                let text = match code {
                    Ok(expr) => match self.nested(at, |ev| ev.eval(expr)) {
                        Ok(Value::Str(s) | Value::Sym(s)) => Some(s),
                        Ok(Value::Int(n)) => Some(n.to_string()),
                        Ok(Value::Nil) => Some(String::new()),
                        _ => None,
                    },
                    Err(_) => None,
                };
                match text {
                    Some(text) => out.push_str(&text),
                    None => out.push_str(self.text(at)),
                }
                continue;
            }
            let expr = code.as_ref().map_err(|e| Box::new(e.clone()))?;
            let value = self.nested(at, |ev| ev.eval(expr))?;
            let unsupported = |ev: &Self, what: &str| {
                ev.error(at, ErrorKind::Unsupported(format!("interpolating {what}")))
            };
            match value {
                Value::Str(s) | Value::Sym(s) => out.push_str(&s),
                Value::Int(n) => out.push_str(&n.to_string()),
                Value::Nil => {}
                Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
                Value::Computed(_) => computed = true,
                // Ruby's float and inspect formats are not reproduced.
                Value::Float(_) => return Err(unsupported(self, "a float")),
                Value::Array(_) | Value::Hash(_) => {
                    return Err(unsupported(self, "an array or hash"))
                }
                other => return Err(unsupported(self, type_name(&other))),
            }
        }
        Ok(if computed {
            self.computed(span)
        } else {
            Value::Str(out)
        })
    }

    /// A name read in a schema file.
    fn variable(&mut self, name: &str, expr: &Expr) -> Evaluated<Value> {
        match self.scope.value(name) {
            Some(value) => {
                let value = value.clone();
                self.read.insert(name.to_owned());
                Ok(value)
            }
            None => Err(self.unknown(expr)),
        }
    }

    /// A constant path read in controller code, looked up the way Ruby's
    /// lexical lookup does: from the innermost enclosing module outwards.
    fn constant(&mut self, path: &[String], expr: &Expr) -> Evaluated<Value> {
        for depth in (0..=self.nesting.len()).rev() {
            let key = self
                .nesting
                .iter()
                .take(depth)
                .chain(path)
                .cloned()
                .collect::<Vec<_>>()
                .join("::");
            if let Some(value) = self.scope.evaluated.get(&key) {
                return Ok(value.clone());
            }
            let Some(bindings) = self.scope.bindings.get(&key) else {
                continue;
            };
            let (file, nesting, code) = match bindings.as_slice() {
                [] => continue,
                [first, second, ..] => {
                    let place = |b: &Binding| {
                        let file = self.scope.files.get(b.file).map_or("", |f| f.name);
                        format!("{file}:{}", b.span.line)
                    };
                    return Err(self.error(
                        expr.code,
                        ErrorKind::BoundTwice {
                            name: key,
                            places: vec![place(first), place(second)],
                        },
                    ));
                }
                [binding] => match &binding.value {
                    Bound::Value(value) => return Ok(value.clone()),
                    Bound::Code(Err(error)) => {
                        let error = Box::new(error.clone());
                        return Err(self.used_at(error, &key, expr));
                    }
                    Bound::Code(Ok(code)) => (binding.file, binding.nesting.clone(), code.clone()),
                },
            };
            if self.active.contains(&key) {
                return Err(self.error(
                    expr.code,
                    ErrorKind::SelfReference {
                        name: key,
                        through: self.active.join(", "),
                    },
                ));
            }
            let saved_file = std::mem::replace(&mut self.file, file);
            let saved_nesting = std::mem::replace(&mut self.nesting, nesting);
            self.active.push(key.clone());
            let value = self.nested(code.span, |ev| ev.eval(&code));
            self.active.pop();
            self.file = saved_file;
            self.nesting = saved_nesting;
            let value = value.map_err(|e| self.used_at(e, &key, expr))?;
            self.scope.evaluated.insert(key, value.clone());
            return Ok(value);
        }
        Ok(Value::Class(path.join("::")))
    }

    /// Adds to an error inside a constant's value where the constant is read
    /// (once: the innermost use is the informative one).
    fn used_at(&self, mut error: Box<Error>, name: &str, expr: &Expr) -> Box<Error> {
        if matches!(error.kind, ErrorKind::InBinding { .. }) {
            return error;
        }
        let used_at = format!(
            "{}:{}:{}",
            self.source().0,
            expr.span.line,
            expr.span.column
        );
        let inner = std::mem::replace(&mut error.kind, ErrorKind::UnknownConstruct);
        error.kind = ErrorKind::InBinding {
            error: Box::new(inner),
            name: name.to_owned(),
            used_at,
        };
        error
    }

    /// `name(args)`: only `JSONModel(:type)` in controller code.
    fn function(&mut self, name: &str, args: &[Elem], expr: &Expr) -> Evaluated<Value> {
        self.refused(expr)?;
        if name != "JSONModel" {
            return Err(self.unknown(expr));
        }
        let [Elem::Item(arg)] = args else {
            return Err(self.unknown(expr));
        };
        match self.eval(arg)? {
            Value::Sym(model) | Value::Str(model) => Ok(Value::JsonModel(model)),
            other => Err(self.error(
                arg.span,
                ErrorKind::Type(format!(
                    "JSONModel of {}: expected a symbol",
                    type_name(&other)
                )),
            )),
        }
    }

    /// A method call in a chain: the methods that only reshape data.
    fn call(&self, receiver: Value, link: &Link, args: Vec<Value>) -> Evaluated<Value> {
        // Ruby's `strip` removes ASCII whitespace and NUL.
        let space = |c: char| c.is_ascii_whitespace() || c == '\0' || c == '\x0b';
        if !self.scope.kind.methods().contains(&link.name.as_str()) {
            return Err(self.error(link.code, ErrorKind::UnknownConstruct));
        }
        let mut args = args.into_iter();
        let (first, second) = (args.next(), args.next());
        Ok(match (receiver, link.name.as_str(), first, second) {
            // `freeze` and `dup` return their receiver (or an equal copy).
            (receiver, "freeze" | "dup", None, None) => receiver,
            (receiver, "merge", Some(arg), None) => self.merge(receiver, arg, link)?,
            (Value::Str(s) | Value::Sym(s), "to_s", None, None) => Value::Str(s),
            (Value::Str(s), "strip", None, None) => Value::Str(s.trim_matches(space).to_owned()),
            (Value::Str(s), "lstrip", None, None) => {
                Value::Str(s.trim_start_matches(space).to_owned())
            }
            (Value::Str(s), "rstrip", None, None) => {
                Value::Str(s.trim_end_matches(space).to_owned())
            }
            (Value::Str(s), "chomp", None, None) => {
                let t = s
                    .strip_suffix("\r\n")
                    .or_else(|| s.strip_suffix('\n'))
                    .or_else(|| s.strip_suffix('\r'))
                    .unwrap_or(&s);
                Value::Str(t.to_owned())
            }
            (Value::Array(items), "join", separator @ (None | Some(Value::Str(_))), None) => {
                let separator = match &separator {
                    Some(Value::Str(s)) => s.as_str(),
                    _ => "",
                };
                let parts = items
                    .iter()
                    .map(|item| match item {
                        Value::Str(s) | Value::Sym(s) => Some(s.clone()),
                        Value::Int(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| self.error(link.code, ErrorKind::UnknownConstruct))?;
                Value::Str(parts.join(separator))
            }
            _ => return Err(self.error(link.code, ErrorKind::UnknownConstruct)),
        })
    }

    /// Ruby's `Hash#merge`: the receiver's keys keep their order, keys of the
    /// argument replace values or are appended.
    fn merge(&self, receiver: Value, arg: Value, link: &Link) -> Evaluated<Value> {
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
                    Some(_) => return Ok(self.computed(link.span)),
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
            (Value::Computed(_), _) | (_, Value::Computed(_)) => Ok(self.computed(link.span)),
            (a, b) => Err(self.error(
                link.dot,
                ErrorKind::Type(format!(
                    "{}.merge({}): both must be hashes",
                    type_name(&a),
                    type_name(&b)
                )),
            )),
        }
    }

    fn add(&self, lhs: Value, rhs: Value, term: &Term) -> Evaluated<Value> {
        let float = |f: f64| {
            if f.is_finite() {
                Ok(Value::Float(f))
            } else {
                Err(self.error(term.op, ErrorKind::Unsupported("float overflow".to_owned())))
            }
        };
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
                        term.op,
                        ErrorKind::Unsupported(
                            "integer overflow (bignums are not supported)".to_owned(),
                        ),
                    ))
                }
            },
            (Value::Int(a), Value::Float(b)) => float(a as f64 + b)?,
            (Value::Float(a), Value::Int(b)) => float(a + b as f64)?,
            (Value::Float(a), Value::Float(b)) => float(a + b)?,
            (Value::Computed(_), _) | (_, Value::Computed(_)) => self.computed(term.span),
            (a, b) => {
                return Err(self.error(
                    term.op,
                    ErrorKind::Type(format!(
                        "{} + {} is not defined",
                        type_name(&a),
                        type_name(&b)
                    )),
                ))
            }
        })
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
        Value::Class(_) => "a class",
        Value::JsonModel(_) => "a JSONModel class",
        Value::Regex(_) => "a regular expression",
        Value::Lambda => "a lambda",
    }
}
