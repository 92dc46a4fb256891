//! ArchivesSpace's texts for the validator's failures
//! (`JSONSchemaUtils.parse_schema_messages` in `common/json_schema_utils.rb`).
//!
//! A union's failure is replaced by its members' own; each failure then
//! writes one message at its path, replacing what an earlier one wrote
//! there, except that type failures at the same path add up to one
//! "Must be one of" message.

use std::collections::BTreeMap;

use super::engine::{Failure, Kind};
use super::schema::IfMissing;
use super::Level;

/// Messages by path: `(errors, warnings)`.
pub(super) type Messages = (BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<String>>);

pub(super) fn messages(failures: Vec<Failure>) -> Messages {
    let mut flat = Vec::new();
    flatten(failures, &mut flat);
    let mut errors = BTreeMap::new();
    let mut warnings = BTreeMap::new();
    let mut desired_types: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for failure in flat {
        let here = failure.at.join("/");
        match failure.kind {
            Kind::Missing { property, level } => {
                let path = join(&here, &property);
                if level == Some(IfMissing::Error) {
                    errors.insert(
                        path,
                        vec!["Property is required but was missing".to_owned()],
                    );
                } else {
                    warnings.insert(path, vec!["Property was missing".to_owned()]);
                }
            }
            Kind::BadDate => {
                errors.insert(here, vec!["Not a valid date".to_owned()]);
            }
            Kind::Pattern { value, pattern } => {
                errors.insert(
                    here,
                    vec![format!(
                        "Value '{value}' did not match regular expression: {pattern}"
                    )],
                );
            }
            Kind::MinLength(n) => {
                errors.insert(here, vec![format!("Must be at least {n} characters")]);
            }
            Kind::MaxLength(n) => {
                errors.insert(here, vec![format!("Must be {n} characters or fewer")]);
            }
            Kind::MinItems(n) => {
                errors.insert(here, vec![format!("At least {n} item(s) is required")]);
            }
            Kind::MaxItems(n) => {
                // No rule of ArchivesSpace's matches this one, so it lands
                // under `unknown` with the validator's own words.
                errors.insert(
                    "unknown".to_owned(),
                    vec![format!(
                        "The property '#/{here}' did not contain a maximum number of items {n}"
                    )],
                );
            }
            Kind::Enum { value, allowed } => {
                let (path, message) = enum_message(&here, &value, &allowed, None);
                errors.insert(path, vec![message]);
            }
            Kind::DynamicEnum {
                value,
                allowed,
                editable,
            } => {
                let (path, message) = enum_message(&here, &value, &allowed, Some(editable));
                errors.insert(path, vec![message]);
            }
            Kind::Type { actual, desired } => {
                let seen = desired_types.entry(here.clone()).or_default();
                seen.push(desired.clone());
                let message = if seen.len() == 1 {
                    let mut message = format!("Must be a {desired} (you provided a {actual})");
                    if desired.ends_with("uri") {
                        message.push_str(
                            " (malformed or invalid uri? check if referenced object exists.)",
                        );
                    }
                    message
                } else {
                    format!(
                        "Must be one of: {} (you provided a {actual})",
                        seen.join(", ")
                    )
                };
                errors.insert(here, vec![message]);
            }
            Kind::Union(members) => {
                // Only a union with no failures of its members gets here
                // (flatten replaced the rest), which the gem reports in its
                // own words.
                debug_assert!(members.is_empty());
                errors.insert(
                    "unknown".to_owned(),
                    vec![format!(
                        "The property '#/{here}' did not match one or more of the following types"
                    )],
                );
            }
            Kind::Check {
                level,
                field,
                message,
            } => {
                let path = if field.is_empty() && level == Level::Error {
                    here
                } else {
                    join(&here, &field)
                };
                match level {
                    Level::Error => errors.insert(path, vec![message]),
                    Level::Warning => warnings.insert(path, vec![message]),
                };
            }
            Kind::Code(code) => {
                errors.insert("coded_errors".to_owned(), vec![code]);
            }
        }
    }
    (errors, warnings)
}

/// `extract_suberrors`: a failure with failures of its own is replaced by
/// them, at any depth.
fn flatten(failures: Vec<Failure>, out: &mut Vec<Failure>) {
    for failure in failures {
        match failure.kind {
            Kind::Union(members) if !members.is_empty() => flatten(members, out),
            _ => out.push(failure),
        }
    }
}

/// `fragment_join`.
fn join(fragment: &str, property: &str) -> String {
    if fragment.is_empty() {
        property.to_owned()
    } else if fragment.ends_with('/') {
        format!("{fragment}{property}")
    } else {
        format!("{fragment}/{property}")
    }
}

/// An enumeration's message. The rule reads the value from between the
/// quotes of its `inspect`, so a value that is not a string (no quotes)
/// matches no rule and lands under `unknown`.
fn enum_message(
    here: &str,
    value: &str,
    allowed: &[String],
    editable: Option<bool>,
) -> (String, String) {
    let listed = allowed.join(", ");
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let message = match editable {
                Some(false) => format!(
                    "Protected read-only list #/{here}. Invalid value '{inner}'.  Must be one of: {listed}"
                ),
                _ => format!("Invalid value '{inner}'.  Must be one of: {listed}"),
            };
            (here.to_owned(), message)
        }
        None => {
            let kind = if editable.is_some() {
                "configurable values"
            } else {
                "values"
            };
            (
                "unknown".to_owned(),
                format!(
                    "The property '#/{here}' value {value} did not match one of the following {kind}: {listed}"
                ),
            )
        }
    }
}
