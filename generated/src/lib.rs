//! Generated types and requests for the ArchivesSpace REST API.
//!
//! This crate is produced by `archivesspace-codegen` from a snapshot of
//! ArchivesSpace v4.2.1's schemas (162 record types); do not edit
//! it by hand: its README says how to regenerate it.
//!
//! Every JSONModel record type is a struct named after it (`accession` is
//! [`Accession`], `note_multipart` is [`NoteMultipart`]) with every property,
//! inherited ones included. Records decode losslessly: decoding and encoding
//! gives back the same JSON, unknown keys and explicit `null`s included (see
//! [`jsonmodel`]). [`Record`] and [`decode_record`] decode a record of any
//! type by its `jsonmodel_type`. [`requests`] has one request type per
//! route. Every record type implements [`Validate`]: `record.validate()`
//! checks it as the backend would, with the backend's messages (see
//! [`validate`]).
#![warn(missing_docs)]

// The hand-written core every generated crate shares.
pub use archivesspace_core::{jsonmodel, request, trees, validate};

// Every module is written by `archivesspace-codegen` and laid out by
// prettyplease; rustfmt laying them out differently would make
// `archivesspace-codegen check` report drift.
#[rustfmt::skip]
mod record;
#[rustfmt::skip]
mod records;
#[rustfmt::skip]
mod unions;
#[rustfmt::skip]
pub mod requests;
#[rustfmt::skip]
pub mod validation;

pub use record::{decode_record, Record, JSONMODEL_TYPES};
pub use records::*;
pub use unions::*;
pub use validate::Validate;

/// The ArchivesSpace release the types were generated from.
pub const ARCHIVESSPACE_VERSION: &str = "v4.2.1";

/// The digest of the snapshot the types were generated from
/// (`Snapshot::content_digest` of `archivesspace-codegen`), so that a build
/// beside the snapshot can tell when the crate is stale.
#[rustfmt::skip]
pub const SNAPSHOT_DIGEST: &str = "sha256:da8578aaec00551cb4176d6402d2452c4500d31c2540dfa8c5d23bd943b5a4b2";
