//! The hand-written commands, one module each (or a few that share their
//! arguments), each a `run` taking its arguments.

pub mod api;
pub mod docs;
pub mod drift;
pub mod edit;
pub mod export;
pub mod harvest;
pub mod import;
pub mod job;
pub mod records;
pub mod tree;
pub mod validate;
