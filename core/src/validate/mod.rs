//! Validating records on the client, with ArchivesSpace's own verdicts.
//!
//! The backend validates every record it is sent (`JSONModel.validate`):
//! it cleans the record (empty values and unknown or read-only keys go),
//! checks it against its JSONModel schema with its JSON-schema validator,
//! runs the checks `common/validations.rb` registers for its type (and for
//! every record nested in it), and answers a 400 with messages by property
//! path. [`validate_value`] does the same on the client, from the schemas
//! the generator turned into a [`schema::Catalog`], and gives the same
//! paths and texts, so a migration script finds every mistake of a record
//! at once, before any round trip.
//!
//! Which custom checks run on a type, and whether each rejects or only
//! warns, is what the release the bindings were generated for registers
//! ([`schema::Schema::checks`]: the generator reads the registrations from
//! `common/validations.rb`, or from the `validations` of a server's
//! `GET /schemas`), so bindings for v2.8 do not run a check that v3.0
//! added, and warn where v3.1 warned. The checks' code is ported from
//! v4.2.1's; a registered check the client has no port of (a plugin's) is
//! listed in [`Validation::unchecked`].
//!
//! ```
//! use archivesspace_core::validate::{validate_value, Validation};
//! # use archivesspace_core::validate::schema::*;
//! # static CATALOG: Catalog = Catalog { release: "test", schemas: &[Schema {
//! #     name: "subject", uri: Some("/subjects"), properties: &[Property { name: "title",
//! #     node: Node { ty: Ty::String, required: false, if_missing: Some(IfMissing::Error),
//! #     readonly: false, rules: &[Rule::MaxLength(8)] } }], checks: None }] };
//! // `CATALOG` is the generated crate's `validation::CATALOG`.
//! let record = serde_json::json!({"jsonmodel_type": "subject", "title": "Far too long"});
//! let verdict: Validation = validate_value(&CATALOG, "subject", &record, None).unwrap();
//! assert!(!verdict.is_valid());
//! assert_eq!(verdict.errors["title"], ["Must be 8 characters or fewer"]);
//! ```
//!
//! What the client cannot decide, and [`Validation::unchecked`] lists for
//! each record:
//!
//! - whether a referenced record exists (`ref` URIs are checked for their
//!   form only);
//! - values of dynamic enumerations, unless [`Enumerations`] fetched from
//!   the site are given;
//! - registered checks the client has no port of.
//!
//! Never checked on the client, and not listed: uniqueness (identifiers of
//! accessions and resources, EAD ids, repository codes, usernames), which
//! the database enforces on save; the checks the backend's models make on
//! save rather than in `validations.rb` (a top container's barcode length,
//! which a site configures); and the schema rules of a site's plugins when
//! the bindings were not generated with them.

mod checks;
mod clean;
mod engine;
mod enums;
mod messages;
mod ruby;
pub mod schema;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

pub use enums::{Enumeration, Enumerations};
use schema::Catalog;

/// Whether a finding rejects the record or only warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// The record is rejected.
    Error,
    /// The record is accepted; the backend reports it.
    Warning,
}

/// What one check of `validations.rb` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Finding {
    /// A field (relative to the record checked; may be empty for the record
    /// itself) and its message.
    Field { field: String, message: String },
    /// A bare error code.
    Code(String),
}

/// What a check may ask about the schemas.
pub(crate) trait CheckContext {
    /// Whether `record_type` has a property named `property`; `None` when
    /// the type is unknown.
    fn has_property(&self, record_type: &str, property: &str) -> Option<bool>;
}

/// The verdict on one record, shaped like ArchivesSpace's 400 answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Validation {
    /// Messages that reject the record, by property path (`dates/0/begin`).
    pub errors: BTreeMap<String, Vec<String>>,
    /// Messages that do not.
    pub warnings: BTreeMap<String, Vec<String>>,
    /// What was left to the server.
    #[serde(skip)]
    pub unchecked: Vec<Unchecked>,
}

impl Validation {
    /// Whether the backend would accept the record (as far as the client
    /// can tell; see [`Validation::unchecked`]).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    fn refused(message: String) -> Self {
        let mut validation = Validation::default();
        validation.errors.insert("record".to_owned(), vec![message]);
        validation
    }
}

/// Something the client left to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchecked {
    /// The value's path.
    pub path: String,
    /// What was not checked.
    pub kind: UncheckedKind,
}

/// What was left to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UncheckedKind {
    /// A dynamic enumeration value, since no values for it were given.
    DynamicEnum {
        /// The enumeration's name.
        enumeration: String,
    },
    /// That the record a URI names exists.
    ReferenceExists {
        /// The URI.
        uri: String,
    },
    /// A registered check the client cannot run: one it has no port of.
    Check {
        /// Its name.
        name: &'static str,
        /// Why the client cannot decide it.
        why: &'static str,
    },
}

/// Why a record could not be validated at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidateError {
    /// The catalog has no record type of that name.
    #[error("ArchivesSpace {release} has no record type `{record_type}`")]
    UnknownType {
        /// The name asked for.
        record_type: String,
        /// The catalog's release.
        release: &'static str,
    },
}

/// Validates a record, as JSON, as the backend validates a record of type
/// `record_type` sent to it. `enums` are the site's dynamic enumerations;
/// without them their values go unchecked (and are listed as such).
pub fn validate_value(
    catalog: &Catalog,
    record_type: &str,
    record: &Value,
    enums: Option<&Enumerations>,
) -> Result<Validation, ValidateError> {
    let schema = catalog
        .get(record_type)
        .ok_or_else(|| ValidateError::UnknownType {
            record_type: record_type.to_owned(),
            release: catalog.release,
        })?;
    let mut cleaned = match clean::clean(catalog, schema, record) {
        Ok(cleaned) => cleaned,
        Err(unmatched) => {
            return Ok(Validation::refused(format!(
                "The value at {} has no `jsonmodel_type` the schema allows there",
                unmatched.path
            )))
        }
    };
    // `from_hash` sets the type of the record it was asked to make.
    if let Value::Object(map) = &mut cleaned {
        map.insert(
            "jsonmodel_type".to_owned(),
            Value::String(record_type.to_owned()),
        );
    }
    let mut walk = engine::Walk::new(catalog, enums);
    if let Err(mismatch) = walk.record(schema, &cleaned) {
        return Ok(Validation::refused(format!(
            "Schema type mismatch at {}: a {} record where the schema wants another type",
            mismatch.at.join("/"),
            mismatch.expected
        )));
    }
    let (errors, warnings) = messages::messages(walk.failures);
    Ok(Validation {
        errors,
        warnings,
        unchecked: walk.unchecked,
    })
}

/// A record type that can be validated on the client.
///
/// The generated crate implements it for every record type and for its
/// `Record` enum.
pub trait Validate: Serialize {
    /// The schemas of the release the type was generated for.
    fn catalog(&self) -> &'static Catalog;

    /// The record type (`jsonmodel_type`) to validate as.
    fn record_type(&self) -> &str;

    /// Validates the record as the backend would; dynamic enumeration
    /// values go unchecked.
    fn validate(&self) -> Validation {
        self.validate_with(None)
    }

    /// Validates the record as the backend would, checking dynamic
    /// enumeration values against `enums` when given.
    fn validate_with(&self, enums: Option<&Enumerations>) -> Validation {
        match serde_json::to_value(self) {
            Ok(record) => validate_value(self.catalog(), self.record_type(), &record, enums)
                .unwrap_or_else(|error| Validation::refused(error.to_string())),
            Err(error) => Validation::refused(format!("could not be encoded as JSON: {error}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::schema::*;
    use super::*;

    const AGENT_URI: Node = Node::new(Ty::Union(&[
        Node::new(Ty::Uri("agent_person")),
        Node::new(Ty::Uri("agent_family")),
    ]));

    static CATALOG: Catalog = Catalog {
        release: "test",
        schemas: &[
            Schema {
                name: "agent_family",
                uri: Some("/agents/families"),
                properties: &[],
                checks: None,
            },
            Schema {
                name: "agent_person",
                uri: Some("/agents/people"),
                properties: &[],
                checks: None,
            },
            Schema {
                name: "date",
                uri: None,
                properties: &[
                    Property::new(
                        "date_type",
                        Node::new(Ty::String).if_missing(IfMissing::Error),
                    ),
                    Property::new("begin", Node::new(Ty::String)),
                    Property::new("end", Node::new(Ty::String)),
                    Property::new("expression", Node::new(Ty::String)),
                ],
                checks: None,
            },
            // A date as a release might register its checks: `check_date`
            // only warns, and a plugin adds one the client has no port of.
            Schema {
                name: "other_date",
                uri: None,
                properties: &[
                    Property::new("date_type", Node::new(Ty::String)),
                    Property::new("begin", Node::new(Ty::String)),
                    Property::new("end", Node::new(Ty::String)),
                ],
                checks: Some(&[
                    Registered::warning("check_date"),
                    Registered::error("check_from_a_plugin"),
                ]),
            },
            Schema {
                name: "thing",
                uri: Some("/things"),
                properties: &[
                    Property::new(
                        "title",
                        Node::new(Ty::String)
                            .if_missing(IfMissing::Error)
                            .rules(&[Rule::MaxLength(5)]),
                    ),
                    Property::new("note", Node::new(Ty::String).required()),
                    Property::new(
                        "level",
                        Node::new(Ty::String).rules(&[Rule::Enum(&["file", "item"])]),
                    ),
                    Property::new(
                        "agent",
                        Node::new(Ty::Object).rules(&[
                            Rule::SubtypeRef,
                            Rule::Properties(&[Property::new("ref", AGENT_URI)]),
                        ]),
                    ),
                    Property::new(
                        "owner",
                        Node::new(Ty::Object).rules(&[
                            Rule::SubtypeRef,
                            Rule::Properties(&[Property::new(
                                "ref",
                                Node::new(Ty::Uri("agent_person"))
                                    .if_missing(IfMissing::Error)
                                    .readonly(),
                            )]),
                        ]),
                    ),
                    Property::new(
                        "dates",
                        Node::new(Ty::Array).rules(&[
                            Rule::MinItems(1),
                            Rule::Items(&Node::new(Ty::Record("date"))),
                        ]),
                    ),
                    Property::new("created_by", Node::new(Ty::String).readonly()),
                ],
                checks: None,
            },
        ],
    };

    fn verdict(record: Value) -> Validation {
        validate_value(&CATALOG, "thing", &record, None).expect("a known type")
    }

    #[test]
    fn missing_values_and_blanks_are_reported_at_their_paths() {
        let v = verdict(json!({"title": "", "dates": [{"begin": "2001"}]}));
        assert_eq!(v.errors["title"], ["Property is required but was missing"]);
        assert_eq!(
            v.errors["dates/0/date_type"],
            ["Property is required but was missing"]
        );
        // Draft 3's `required` without `ifmissing` only warns.
        assert_eq!(v.warnings["note"], ["Property was missing"]);
        // `check_date` does not run on a date that failed at its own level.
        assert!(!v.errors.contains_key("dates/0/end"), "{:?}", v.errors);
    }

    #[test]
    fn rules_speak_in_archivesspaces_words() {
        let v = verdict(json!({
            "title": "too long", "note": "n", "level": "box", "dates": [],
            "agent": {"ref": "/people/1"}
        }));
        assert_eq!(v.errors["title"], ["Must be 5 characters or fewer"]);
        assert_eq!(
            v.errors["level"],
            ["Invalid value 'box'.  Must be one of: file, item"]
        );
        assert_eq!(v.errors["dates"], ["At least 1 item(s) is required"]);
        // Every member of the union refused the URI, so their messages add up.
        assert_eq!(
            v.errors["agent/ref"],
            [
                "Must be one of: JSONModel(:agent_person) uri, JSONModel(:agent_family) uri \
              (you provided a String)"
            ]
        );
    }

    #[test]
    fn a_union_takes_any_member_and_a_single_uri_gets_the_hint() {
        let v = verdict(json!({
            "title": "t", "note": "n", "agent": {"ref": "/agents/families/3"},
            "dates": [{"date_type": "single", "begin": "2001", "end": "1990"}]
        }));
        assert!(!v.errors.contains_key("agent/ref"), "{:?}", v.errors);
        assert_eq!(v.errors["dates/0/end"], ["must not be before begin"]);
        assert!(v.unchecked.iter().any(|u| u.kind
            == UncheckedKind::ReferenceExists {
                uri: "/agents/families/3".into()
            }));

        let v = verdict(
            json!({"title": 7, "note": "n", "dates": [{"date_type": "single", "expression": "x"}]}),
        );
        assert_eq!(
            v.errors["title"],
            ["Must be a string (you provided a Integer)"]
        );
    }

    #[test]
    fn read_only_values_are_dropped_first() {
        // `owner` holds only its read-only `ref`: dropping it empties the
        // object, which then goes too, so nothing is reported; and a
        // read-only value of the wrong type is never looked at.
        let v = verdict(json!({
            "title": "t", "note": "n", "owner": {"ref": "/agents/people/1"}, "created_by": 5,
            "dates": [{"date_type": "single", "expression": "x"}], "stray": true
        }));
        assert!(v.is_valid(), "{:?}", v.errors);
    }

    #[test]
    fn a_types_checks_run_at_the_levels_its_release_registers() {
        let date = json!({"date_type": "single", "begin": "2001", "end": "1990"});
        let v = validate_value(&CATALOG, "date", &date, None).expect("a known type");
        assert_eq!(v.errors["end"], ["must not be before begin"]);

        let v = validate_value(&CATALOG, "other_date", &date, None).expect("a known type");
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        assert_eq!(v.warnings["end"], ["must not be before begin"]);
        assert_eq!(
            v.unchecked
                .iter()
                .map(|u| &u.kind)
                .filter(|k| matches!(
                    k,
                    UncheckedKind::Check {
                        name: "check_from_a_plugin",
                        ..
                    }
                ))
                .count(),
            1,
            "{:?}",
            v.unchecked
        );
    }

    #[test]
    fn an_unknown_type_is_an_error() {
        let error = validate_value(&CATALOG, "nothing", &json!({}), None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "ArchivesSpace test has no record type `nothing`"
        );
    }
}
