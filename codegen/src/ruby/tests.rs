//! Tests of the Ruby reader against the real schema files.
