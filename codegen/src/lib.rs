//! Reads ArchivesSpace's JSONModel schema definitions and endpoint DSL
//! without running Ruby, and generates the `archivesspace-api` crate.
//!
//! The pipeline, one module a step:
//!
//! - [`ruby`] reads the Ruby the schema and controller files are written in;
//! - [`endpoints`] reads the route DSL of the controller files;
//! - [`import`] turns a source tree (or a live server) into a [`snapshot`];
//! - [`ir`] builds the typed model of every record type from a snapshot;
//! - [`emit`] writes the generated crate, and [`roundtrip`] checks that
//!   real records survive it;
//! - [`drift`] compares two snapshots.

pub mod drift;
pub mod emit;
pub mod endpoints;
pub mod import;
pub mod ir;
pub mod merge;
pub mod roundtrip;
pub mod ruby;
pub mod snapshot;
pub mod source_tree;
