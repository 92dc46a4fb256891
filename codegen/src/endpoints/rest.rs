//! The standard parameter and return types, read from the `@@param_types`
//! and `@@return_types` tables in the same tree's `backend/app/lib/rest.rb`
//! (never hard-coded, so a release that changes them is followed).

use std::collections::HashMap;

use crate::ruby::lexer::{tokenize, TokenKind};

use super::expr::{Parser, Val};
use super::reader::eval_standalone;
use super::{EndpointError, SourceFile};

/// The two tables.
#[derive(Debug, Clone, Default)]
pub(super) struct Tables {
    /// `:repo_id` → `[Integer, "The Repository ID", {options}]`.
    pub params: HashMap<String, Vec<Val>>,
    /// `:created` → the text ArchivesSpace documents for it.
    pub returns: HashMap<String, String>,
}

/// Reads both tables from `rest.rb`.
pub(super) fn read_tables(file: &SourceFile) -> Result<Tables, EndpointError> {
    let tokens = tokenize(&file.shown_as, &file.text)?;
    let table = |name: &str| -> Result<Vec<(String, Val)>, EndpointError> {
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
        let mut parser = Parser::new(&tokens, at + 2, &file.text);
        let expr = parser
            .expr()
            .map_err(|e| EndpointError::at(file, e.span, e.message))?;
        let span = expr.span;
        let Val::Hash(pairs) = eval_standalone(file, &expr)? else {
            return Err(EndpointError::at(
                file,
                span,
                format!("`{name}` is not a hash"),
            ));
        };
        pairs
            .into_iter()
            .map(|(key, value)| match key {
                Val::Sym(key) => Ok((key, value)),
                other => Err(EndpointError::at(
                    file,
                    span,
                    format!(
                        "`{name}` has the key {}, expected symbols",
                        other.describe()
                    ),
                )),
            })
            .collect()
    };
    let mut tables = Tables::default();
    for (key, value) in table("@@param_types")? {
        let Val::Array(definition) = value else {
            return Err(EndpointError::Layout {
                path: file.shown_as.clone().into(),
                reason: format!("`@@param_types[:{key}]` is not an array"),
            });
        };
        tables.params.insert(key, definition);
    }
    for (key, value) in table("@@return_types")? {
        let Val::Str(text) = value else {
            return Err(EndpointError::Layout {
                path: file.shown_as.clone().into(),
                reason: format!("`@@return_types[:{key}]` is not a string"),
            });
        };
        tables.returns.insert(key, text);
    }
    Ok(tables)
}
