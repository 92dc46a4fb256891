//! The standard parameter and return types, read from the `@@param_types`
//! and `@@return_types` tables in the same tree's `backend/app/lib/rest.rb`
//! (never hard-coded, so a release that changes them is followed).

use std::collections::HashMap;

use crate::read::ruby::ast::Parser;
use crate::read::ruby::eval::{Scope, ScopeKind};
use crate::read::ruby::lexer::{tokenize, TokenKind};
use crate::read::ruby::{Key, Value};

use super::{EndpointError, SourceFile};

/// The two tables.
#[derive(Debug, Clone, Default)]
pub(super) struct Tables {
    /// `:repo_id` → `[Integer, "The Repository ID", {options}]`.
    pub params: HashMap<String, Vec<Value>>,
    /// `:created` → the text ArchivesSpace documents for it.
    pub returns: HashMap<String, String>,
}

/// Reads both tables from `rest.rb`. They hold only literals, class names
/// and lambdas, so they are evaluated with no constant bound.
pub(super) fn read_tables(file: &SourceFile) -> Result<Tables, EndpointError> {
    let tokens = tokenize(&file.shown_as, &file.text)?;
    let table = |name: &str| -> Result<Vec<(String, Value)>, EndpointError> {
        let at = tokens
            .windows(2)
            .position(|w| {
                matches!(&w[0].kind, TokenKind::CVar(v) if v == name)
                    && w[1].kind == TokenKind::Punct("=")
            })
            .ok_or_else(|| EndpointError::Layout {
                path: file.shown_as.clone().into(),
                reason: format!("no `{name} = {{...}}` table"),
            })?;
        let mut scope = Scope::new(ScopeKind::Constants);
        let number = scope.add_file(&file.shown_as, &file.text);
        let expr = Parser::new(&file.shown_as, &file.text, &tokens, at + 2)
            .reading_for(&scope)
            .expr()
            .map_err(|e| *e)?;
        let value = scope.evaluator(number, &[]).value_of(&expr)?;
        let Value::Hash(hash) = value else {
            return Err(EndpointError::at(
                file,
                expr.span,
                format!("`{name}` is not a hash"),
            ));
        };
        hash.iter()
            .map(|(key, value)| match key {
                Key::Sym(key) => Ok((key.clone(), value.clone())),
                other => Err(EndpointError::at(
                    file,
                    expr.span,
                    format!("`{name}` has the key {other}, expected symbols"),
                )),
            })
            .collect()
    };
    let mut tables = Tables::default();
    for (key, value) in table("@@param_types")? {
        let Value::Array(definition) = value else {
            return Err(EndpointError::Layout {
                path: file.shown_as.clone().into(),
                reason: format!("`@@param_types[:{key}]` is not an array"),
            });
        };
        tables.params.insert(key, definition);
    }
    for (key, value) in table("@@return_types")? {
        let Value::Str(text) = value else {
            return Err(EndpointError::Layout {
                path: file.shown_as.clone().into(),
                reason: format!("`@@return_types[:{key}]` is not a string"),
            });
        };
        tables.returns.insert(key, text);
    }
    Ok(tables)
}
