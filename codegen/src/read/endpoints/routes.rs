//! The second pass: each declared route's chain, its arguments evaluated in
//! the controllers' scope of constants, becomes one [`Route`] per HTTP
//! method, with the standard parameter and return types expanded the way
//! `Endpoint#params` and `Endpoint#returns` do.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::Value as Json;

use crate::read::ruby::ast::{Elem, Expr};
use crate::read::ruby::eval::Scope;
use crate::read::ruby::lexer::Span;
use crate::read::ruby::Value;

use super::rest::Tables;
use super::{EndpointError, Param, Route, SourceFile};

/// Chain methods whose arguments only affect how the server runs the route
/// (transactions, request context, access checks done in code) or that this
/// reader does not record; their arguments are parsed but not evaluated.
pub(super) const IGNORED_METHODS: &[&str] = &[
    "request_context",
    "use_transaction",
    "preconditions",
    "deprecated",
];

/// Chain methods that are read.
pub(super) const READ_METHODS: &[&str] = &[
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

/// One call in a route's chain, parsed.
pub(super) struct ChainCall {
    pub name: String,
    /// The method name.
    pub span: Span,
    pub args: Vec<Elem>,
    /// The value of a `do ... end` / `{ }` block given to `.example` or
    /// `.documentation` (`Some(None)` for an empty block).
    pub block: Option<Option<Expr>>,
}

/// A route declaration, parsed but not evaluated.
pub(super) struct Declared {
    /// The file, as numbered in the scope.
    pub file: usize,
    /// The modules the declaration is written in, outermost first.
    pub nesting: Vec<String>,
    /// The `Endpoint` token.
    pub span: Span,
    pub calls: Vec<ChainCall>,
}

/// Every declared route, evaluated, in declaration order; `files` are
/// numbered as in `scope`.
pub(super) fn build(
    declared: &[Declared],
    files: &[&SourceFile],
    scope: &mut Scope<'_>,
    tables: &Tables,
) -> Result<Vec<Route>, EndpointError> {
    let mut routes: Vec<Route> = Vec::new();
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    for declaration in declared {
        let Some(file) = files.get(declaration.file) else {
            return Err(EndpointError::Internal(format!(
                "no file number {}",
                declaration.file
            )));
        };
        let builder = RouteBuilder {
            file,
            declared: declaration,
            tables,
        };
        for route in builder.routes(scope)? {
            let key = (route.method.clone(), route.uri.clone());
            if let Some(first) = seen.get(&key) {
                return Err(EndpointError::at(
                    file,
                    declaration.span,
                    format!("{} {} is already declared at {first}", key.0, key.1),
                ));
            }
            seen.insert(key, route.source.clone());
            routes.push(route);
        }
    }
    Ok(routes)
}

/// One declaration being turned into routes.
struct RouteBuilder<'b> {
    file: &'b SourceFile,
    declared: &'b Declared,
    tables: &'b Tables,
}

impl RouteBuilder<'_> {
    fn fail(&self, span: Span, message: impl Into<String>) -> EndpointError {
        EndpointError::at(self.file, span, message.into())
    }

    /// The routes the declaration makes, one per HTTP method.
    fn routes(&self, scope: &mut Scope<'_>) -> Result<Vec<Route>, EndpointError> {
        let declared = self.declared;
        let source = format!("{}:{}", self.file.shown_as, declared.span.line);
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
            let args = scope
                .evaluator(declared.file, &declared.nesting)
                .elements(&call.args)?;
            let fail = |message: String| self.fail(call.span, message);
            let one = || -> Result<&Value, EndpointError> {
                match args.as_slice() {
                    [value] => Ok(value),
                    _ => Err(fail(format!(
                        "`.{name}` takes one argument, given {}",
                        args.len()
                    ))),
                }
            };
            match (index, name) {
                (0, "get" | "post" | "delete" | "get_or_post") => {
                    methods = match name {
                        "get_or_post" => vec!["GET".into(), "POST".into()],
                        _ => vec![name.to_ascii_uppercase()],
                    };
                    uri = Some(self.text(one()?, call.span, "the URI")?);
                }
                (0, "method") => {
                    methods = match one()? {
                        Value::Sym(m) => vec![m.to_ascii_uppercase()],
                        Value::Array(items) => items
                            .iter()
                            .map(|m| match m {
                                Value::Sym(m) => Ok(m.to_ascii_uppercase()),
                                other => Err(fail(format!(
                                    "an HTTP method must be a symbol, not {}",
                                    describe(other)
                                ))),
                            })
                            .collect::<Result<_, _>>()?,
                        other => {
                            return Err(fail(format!(
                                "HTTP methods must be symbols, not {}",
                                describe(other)
                            )))
                        }
                    };
                }
                (_, "uri") => uri = Some(self.text(one()?, call.span, "the URI")?),
                (_, "description") => {
                    route.description = Some(self.text(one()?, call.span, "the description")?)
                }
                (_, "params") => {
                    route.params = args
                        .iter()
                        .map(|p| param(p, self.tables).map_err(&fail))
                        .collect::<Result<_, _>>()?;
                }
                (_, "paginated" | "paged" | "no_data") => {
                    let flag = match one()? {
                        Value::Bool(b) => *b,
                        Value::Nil => false,
                        other => {
                            return Err(fail(format!(
                                "`.{name}` takes true or false, not {}",
                                describe(other)
                            )))
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
                    let Value::Array(items) = one()? else {
                        return Err(fail(format!("`.{name}` takes an array")));
                    };
                    for item in items {
                        match item {
                            Value::Sym(p) | Value::Str(p) => route.permissions.push(p.clone()),
                            other => {
                                return Err(fail(format!(
                                    "a permission must be a symbol, not {}",
                                    describe(other)
                                )))
                            }
                        }
                    }
                }
                (_, "example") => {
                    let highlighter = match args.first() {
                        Some(Value::Str(h) | Value::Sym(h)) => h.clone(),
                        _ => return Err(fail("`.example` takes a language name first".into())),
                    };
                    let contents = match self.block_value(scope, call)? {
                        Some(value) => value,
                        None => args.get(1).cloned().unwrap_or(Value::Nil),
                    };
                    match contents {
                        Value::Str(text) => {
                            route.examples.insert(highlighter, text);
                        }
                        Value::Nil => {}
                        other => {
                            return Err(fail(format!(
                                "an example must be a string, not {}",
                                describe(&other)
                            )))
                        }
                    }
                }
                (_, "documentation") => {
                    // `documentation(docs = nil, prepend: true)`; a block's
                    // value takes the place of `docs`.
                    let docs = match self.block_value(scope, call)? {
                        Some(value) => value,
                        None => match args.first() {
                            Some(Value::Hash(_)) | None => Value::Nil,
                            Some(value) => value.clone(),
                        },
                    };
                    match docs {
                        Value::Str(text) => route.documentation = Some(text),
                        Value::Nil => {}
                        other => {
                            return Err(fail(format!(
                                "documentation must be a string, not {}",
                                describe(&other)
                            )))
                        }
                    }
                }
                (_, "returns") => {
                    if !has_permissions {
                        // ArchivesSpace raises here at start-up.
                        return Err(fail(
                            "no `.permissions` declared before `.returns`; ArchivesSpace refuses \
                             to start with this route"
                                .into(),
                        ));
                    }
                    route.returns = returns_list(&args, self.tables).map_err(&fail)?;
                    registered = true;
                }
                (_, other) => return Err(fail(format!("`.{other}` cannot be used here"))),
            }
        }
        let start_error = |message: &str| self.fail(declared.span, message);
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

    /// The value of the block given to `call`, if one is.
    fn block_value(
        &self,
        scope: &mut Scope<'_>,
        call: &ChainCall,
    ) -> Result<Option<Value>, EndpointError> {
        Ok(match &call.block {
            Some(Some(expr)) => Some(
                scope
                    .evaluator(self.declared.file, &self.declared.nesting)
                    .value_of(expr)?,
            ),
            Some(None) => Some(Value::Nil),
            None => None,
        })
    }

    fn text(&self, value: &Value, span: Span, what: &str) -> Result<String, EndpointError> {
        match value {
            Value::Str(s) => Ok(s.clone()),
            other => Err(self.fail(
                span,
                format!("{what} must be a string, not {}", describe(other)),
            )),
        }
    }
}

/// A short description of a value for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Nil => "nil".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(_) => "a string".into(),
        Value::Sym(s) => format!(":{s}"),
        Value::Array(_) => "an array".into(),
        Value::Hash(_) => "a hash".into(),
        Value::Class(name) => format!("the constant `{name}`"),
        Value::JsonModel(name) => format!("JSONModel(:{name})"),
        Value::Regex(r) => r.clone(),
        Value::Lambda => "a lambda".into(),
        Value::Computed(c) => format!("a value computed by `{}`", c.source),
    }
}

/// One parameter declaration, with a standard type (`:repo_id`) expanded
/// from `rest.rb`'s table the way `Endpoint#params` does it.
///
/// A bare name (`.params('slug', 'controller')`) declares the name only:
/// Ruby's `name, type = p` leaves the type `nil` for a non-array `p`.
fn param(value: &Value, tables: &Tables) -> Result<Param, String> {
    let bare: Vec<Value>;
    let items = match value {
        Value::Array(items) => items,
        Value::Str(_) | Value::Sym(_) => {
            bare = vec![value.clone()];
            &bare
        }
        _ => {
            return Err(format!(
                "a parameter must be an array `[name, type, doc, options]` or a name, not {}",
                describe(value)
            ))
        }
    };
    let name = match items.first() {
        Some(Value::Str(n) | Value::Sym(n)) => n.clone(),
        other => {
            return Err(format!(
                "a parameter's name must be a string, not {}",
                other.map_or("nothing".into(), describe)
            ))
        }
    };
    let expanded: Vec<Value>;
    let items = match items.get(1) {
        Some(Value::Sym(standard)) if tables.params.contains_key(standard) => {
            expanded = std::iter::once(Value::Str(name.clone()))
                .chain(tables.params.get(standard).into_iter().flatten().cloned())
                .collect();
            &expanded
        }
        _ => items,
    };
    let ty = match items.get(1) {
        None | Some(Value::Nil) => None,
        Some(t) => Some(
            type_text(t)
                .ok_or_else(|| format!("parameter `{name}`: {} is not a type", describe(t)))?,
        ),
    };
    // `(name, type, doc, opts) = definition`: options written where the doc
    // goes are taken as the doc by ArchivesSpace, and so do not apply.
    let doc = match items.get(2) {
        Some(Value::Str(d)) => Some(d.clone()),
        None | Some(Value::Nil | Value::Hash(_)) => None,
        Some(other) => {
            return Err(format!(
                "parameter `{name}`: the doc must be a string, not {}",
                describe(other)
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
        None | Some(Value::Nil) => {}
        Some(Value::Hash(options)) => {
            param.body = options.get_sym("body").is_some_and(Value::is_truthy);
            param.optional = options.get_sym("optional").is_some_and(Value::is_truthy);
            if let Some(default) = options.get_sym("default") {
                param.default = json(default).ok_or_else(|| {
                    format!(
                        "parameter `{}`: the default {} has no JSON form",
                        param.name,
                        describe(default)
                    )
                })?;
            }
        }
        Some(other) => {
            return Err(format!(
                "parameter `{}`: options must be a hash, not {}",
                param.name,
                describe(other)
            ))
        }
    }
    Ok(param)
}

/// A declared type as text: `Integer`, `[String]`, `JSONModel(:accession)`,
/// `body_stream`.
fn type_text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Class(name) => name.clone(),
        Value::Sym(name) | Value::Str(name) => name.clone(),
        Value::JsonModel(name) => format!("JSONModel(:{name})"),
        Value::Regex(r) => r.clone(),
        Value::Array(items) => format!(
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
fn json(value: &Value) -> Option<Json> {
    use crate::read::ruby::Key;
    Some(match value {
        Value::Nil => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(n) => Json::from(*n),
        Value::Float(f) => Json::Number(serde_json::Number::from_f64(*f)?),
        Value::Str(s) | Value::Sym(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(json).collect::<Option<_>>()?),
        Value::Hash(hash) => Json::Object(
            hash.iter()
                .map(|(k, v)| match k {
                    Key::Str(k) | Key::Sym(k) => Some((k.clone(), json(v)?)),
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
fn returns_list(args: &[Value], tables: &Tables) -> Result<Vec<(i64, String)>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if let (Value::Array(items), Some(Value::Str(text))) = (arg, args.get(i + 1)) {
            if let [status @ Value::Int(_)] = items.as_slice() {
                let pair = Value::Array(vec![status.clone(), Value::Str(text.clone())]);
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
fn returned(value: &Value, tables: &Tables) -> Result<(i64, String), String> {
    let Value::Array(items) = value else {
        return Err(format!(
            "`.returns` takes `[status, description]` arrays, not {}",
            describe(value)
        ));
    };
    let status = match items.first() {
        Some(Value::Int(n)) => *n,
        _ => return Err("a return's status must be an integer".into()),
    };
    let text = match items.get(1) {
        Some(Value::Sym(s)) => match tables.returns.get(s) {
            Some(text) => text.clone(),
            None => format!(":{s}"),
        },
        Some(Value::Str(s)) => s.clone(),
        other => {
            return Err(format!(
                "a return's description must be a string or symbol, not {}",
                other.map_or("nothing".into(), describe)
            ))
        }
    };
    Ok((status, text))
}
