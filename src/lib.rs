//! Typed client for the ArchivesSpace REST API.
//!
//! The record types and request builders live in [`api`] (the generated
//! `archivesspace-api` crate); this crate adds the runtime around them.

pub use archivesspace_api as api;
