//! Reads ArchivesSpace's JSONModel schema definitions and endpoint DSL
//! without running Ruby, and generates a crate of typed bindings from them
//! (`archivesspace-api`, or a site's own).
//!
//! The pipeline, one folder a stage:
//!
//! - [`read`] reads the sources: the Ruby of the schema and controller
//!   files ([`read::ruby`]), the route DSL ([`read::endpoints`]), and a
//!   source tree or a live server into a [`snapshot`] ([`read::import`]);
//! - [`snapshot`] is what is committed in `schemas/`;
//! - [`ir`] is the typed model of one release, record types and routes;
//! - [`emit`] names and renders the generated crate, and [`roundtrip`]
//!   checks that real records survive it;
//! - [`drift`] compares two models;
//! - [`openapi`] describes a release's API as an OpenAPI 3.1 document;
//! - [`cli`] is the `archivesspace-codegen` binary's commands (`import`,
//!   `generate`, `check`, `drift`, `validate`, `roundtrip`, `openapi`), which
//!   `cargo xtask` runs too.

pub mod cli;
pub mod drift;
pub mod emit;
pub mod ir;
pub mod openapi;
pub mod read;
pub mod roundtrip;
pub mod snapshot;
pub mod validation_report;
