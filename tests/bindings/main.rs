//! The bundled generated crate's (`generated/`, `archivesspace-api`) tests on
//! real inputs: the shared corpus of records, real routes, and the validation
//! rules.
//!
//! One test binary with a module per subject, not a binary per file: each
//! binary would compile the serde code of every generated type again.

mod corpus;
mod lossless;
mod requests;
mod roundtrip;
mod typed;
mod validation;
