//! Mutation fuzzing of the Ruby reader with the real schema files.
