//! Reads ArchivesSpace's JSONModel schema definitions and endpoint DSL
//! without running Ruby, and generates the `archivesspace-api` crate.
