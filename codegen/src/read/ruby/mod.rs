//! A reader for the Ruby that ArchivesSpace's JSONModel schemas and
//! controller DSL are written in. It never runs Ruby.
//!
//! One reader serves both: [`lexer`] tokenizes, `ast` parses an expression
//! into a tree, and `eval` evaluates the tree to a [`Value`], reading names
//! in a `Scope`. A schema file's scope holds the variables its own statements
//! bind; the controllers' scope holds the constants any controller file binds
//! (`BASE_SEARCH_PARAMS`, `TreeDocs::ROOT_DOCS`), found by Ruby's lexical
//! lookup and evaluated when first read. `blocks` pairs brackets and
//! `do`/`end` blocks, to split a file into statements and to pass over a
//! lambda's body. Every error carries file:line:col and the offending text;
//! nesting is bounded, so no input panics or exhausts the stack.
//!
//! A schema file is a Ruby hash literal (`{ :schema => { ... } }`), sometimes
//! preceded by statements that bind constants or compute values from server
//! configuration. [`evaluate`] (the statements are `schema`'s job) gives the
//! value Ruby would compute for the literal parts, exactly (Ruby's escape
//! rules, key order and duplicate-key rules), and keeps the parts only Ruby
//! code can compute as [`Value::Computed`], carrying their source; it never
//! guesses a value.
//!
//! The endpoint reader (`crate::read::endpoints`) finds the route chains itself
//! and has their arguments parsed and evaluated here, in the controllers'
//! scope.

pub(crate) mod ast;
mod blocks;
mod error;
pub(crate) mod eval;
pub mod lexer;
mod schema;
pub mod validations;

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod tests;

use std::fmt;

use indexmap::IndexMap;

pub use error::{Error, ErrorKind};

/// Deepest nesting of brackets and interpolations read, and of constants
/// evaluated through one another; keeps recursion bounded on hostile input
/// (real schemas and controllers nest under 15 levels).
pub(crate) const MAX_DEPTH: usize = 128;

/// A Ruby value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Sym(String),
    Array(Vec<Value>),
    Hash(Hash),
    /// A value only Ruby code (reading server configuration, say) can give.
    Computed(Computed),
    /// A constant that no file read binds: a class or module defined by
    /// code (`Integer`, `BooleanParam`), named as written. Only controller
    /// code reads these.
    Class(String),
    /// `JSONModel(:name)`, the model class of a record type (controller
    /// code only).
    JsonModel(String),
    /// A regular expression literal, as written (controller code only).
    Regex(String),
    /// A lambda or proc: code, never run (controller code only).
    Lambda,
}

/// A Ruby hash: insertion ordered, with Ruby's key identity (the string
/// `"schema"` and the symbol `:schema` are different keys).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Hash {
    entries: IndexMap<Key, Value>,
}

/// A hash key. Only the kinds of key a literal schema can use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Nil,
    Bool(bool),
    Int(i64),
    Str(String),
    Sym(String),
}

/// A value computed by Ruby code that this reader does not run.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The Ruby statements that compute the value, in file order.
    pub source: String,
    /// Where the computation starts (1-based line, column in characters).
    pub line: u32,
    pub column: u32,
    /// What is known: for `{ ... }.merge(computed)`, the literal hash; the
    /// computation may add keys to it or replace their values.
    pub base: Option<Box<Value>>,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The value of the file's last statement.
    pub value: Value,
    /// Things worth knowing that are not errors (computed variables, ignored
    /// statements, duplicate keys).
    pub warnings: Vec<Warning>,
}

/// A located remark about the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// A computed part of a value, reported by [`Value::to_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedAt {
    /// JSON pointer (RFC 6901) of the computed value. Array indexes are those
    /// of the Ruby array, before computed elements were dropped.
    pub pointer: String,
    pub source: String,
    pub line: u32,
    pub column: u32,
    /// True if the JSON holds the known base hash at `pointer` (which the
    /// computation extends); false if the value was left out of the JSON.
    pub merged: bool,
}

/// Evaluates the Ruby schema file `source`; `file` is used in messages only.
///
/// The file is split into top-level statements. `NAME = literal` binds a
/// variable; a variable whose value needs Ruby code to compute (or that a
/// later statement may change) becomes [`Value::Computed`], with a warning.
/// The last statement is the file's value; in it, anything that is neither a
/// literal nor a bound variable is an error.
pub fn evaluate(file: &str, source: &str) -> Result<Evaluation, Error> {
    schema::evaluate(file, source)
}

impl Hash {
    pub fn new() -> Self {
        Self::default()
    }

    /// Inserts like Ruby's `[]=`: a new key goes last, an existing key keeps
    /// its position and gets the new value. Returns the previous value.
    pub fn insert(&mut self, key: Key, value: Value) -> Option<Value> {
        self.entries.insert(key, value)
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.entries.get(key)
    }

    /// The value for the string key `"key"`.
    pub fn get_str(&self, key: &str) -> Option<&Value> {
        self.entries.get(&Key::Str(key.to_owned()))
    }

    /// The value for the symbol key `:key`.
    pub fn get_sym(&self, key: &str) -> Option<&Value> {
        self.entries.get(&Key::Sym(key.to_owned()))
    }

    /// Entries in Ruby's order.
    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Value)> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<'h> IntoIterator for &'h Hash {
    type Item = (&'h Key, &'h Value);
    type IntoIter = indexmap::map::Iter<'h, Key, Value>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl Key {
    /// The key as a JSON object key, as Ruby's JSON generator writes it
    /// (`to_s`: symbols lose the colon, `nil` is the empty string).
    pub fn to_json_key(&self) -> String {
        match self {
            Key::Nil => String::new(),
            Key::Bool(b) => b.to_string(),
            Key::Int(n) => n.to_string(),
            Key::Str(s) | Key::Sym(s) => s.clone(),
        }
    }
}

impl fmt::Display for Key {
    /// Ruby's `inspect` form: `"text"`, `:sym`, `1`, `nil`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Nil => f.write_str("nil"),
            Key::Bool(b) => write!(f, "{b}"),
            Key::Int(n) => write!(f, "{n}"),
            Key::Str(s) => write!(f, "{s:?}"),
            Key::Sym(s) => write!(f, ":{s}"),
        }
    }
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_hash(&self) -> Option<&Hash> {
        match self {
            Value::Hash(h) => Some(h),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Ruby's truthiness: everything but `nil` and `false`.
    pub fn is_truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }

    /// The value as JSON, the way ArchivesSpace serves it (symbols and keys
    /// become strings), plus where computed parts were.
    ///
    /// A [`Value::Computed`] without a base is left out (its hash entry or
    /// array element is dropped; at the top it becomes `null`); one with a
    /// base becomes the base's JSON. Both are reported as [`ComputedAt`].
    /// Values that stand for code (a class, a JSONModel, a regex, a lambda),
    /// which schema files never hold, are left out the same way.
    pub fn to_json(&self) -> (serde_json::Value, Vec<ComputedAt>) {
        let mut computed = Vec::new();
        let json = json_of(self, "", &mut computed).unwrap_or(serde_json::Value::Null);
        (json, computed)
    }
}

fn json_of(value: &Value, pointer: &str, out: &mut Vec<ComputedAt>) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match value {
        Value::Nil => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(n) => J::from(*n),
        // Literals are finite (the lexer rejects overflow); NaN cannot occur.
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::Str(s) | Value::Sym(s) => J::String(s.clone()),
        Value::Array(items) => J::Array(
            items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| json_of(item, &format!("{pointer}/{i}"), out))
                .collect(),
        ),
        Value::Hash(hash) => {
            let mut map = serde_json::Map::new();
            for (key, item) in hash {
                let key = key.to_json_key();
                let escaped = key.replace('~', "~0").replace('/', "~1");
                if let Some(json) = json_of(item, &format!("{pointer}/{escaped}"), out) {
                    map.insert(key, json);
                }
            }
            J::Object(map)
        }
        Value::Class(_) | Value::JsonModel(_) | Value::Regex(_) | Value::Lambda => return None,
        Value::Computed(c) => {
            out.push(ComputedAt {
                pointer: pointer.to_owned(),
                source: c.source.clone(),
                line: c.line,
                column: c.column,
                merged: c.base.is_some(),
            });
            return json_of(c.base.as_deref()?, pointer, out);
        }
    })
}
