//! Generated types and requests for the ArchivesSpace REST API.
//!
//! This crate is produced by `cargo xtask codegen` from the snapshot in
//! `schemas/`; do not edit it by hand.

pub mod support;
