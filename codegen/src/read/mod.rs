//! The first stage: reading ArchivesSpace's own definitions, from a source
//! tree (and its plugins) or a running server, without running Ruby.
//!
//! - [`ruby`] reads the Ruby the schema and controller files are written in:
//!   a lexer, a parser to one expression tree, an evaluator in a scope;
//! - [`endpoints`] reads the route DSL of the controller files into the
//!   IR's typed routes;
//! - [`import`] turns a source tree or a server's `GET /schemas` into a
//!   [`crate::snapshot`];
//! - [`source_tree`] lists, reads, names and digests the Ruby inputs.

pub mod endpoints;
pub mod import;
pub mod ruby;
pub mod source_tree;
