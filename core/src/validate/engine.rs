//! The walk over a cleaned record: ArchivesSpace's validator (the
//! `json-schema` gem's draft 3 validator, version 1.0.12, with the
//! attributes ArchivesSpace replaces in `common/archivesspace_json_schema.rb`)
//! re-enacted over the static schemas.
//!
//! It produces the validator's raw failures, each at its path; `messages`
//! turns them into ArchivesSpace's texts. The order of the failures
//! matters, because a later message for a path replaces an earlier one, so
//! the walk keeps the validator's order: a node's type first, then its other
//! rules; a record's properties in schema order, then the ones missing.

use serde_json::{Map, Value};

use super::checks::{self, Check};

/// Why a registered check the client has no port of goes unchecked.
const NO_PORT: &str =
    "the client has no port of this check (a plugin's, or a release's it does not know)";
use super::enums::Enumerations;
use super::ruby;
use super::schema::{Catalog, IfMissing, Node, Property, Rule, Schema, Ty};
use super::{CheckContext, Finding, Level, Unchecked, UncheckedKind};

/// One failure, as the validator records it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Failure {
    /// Where: the path segments of the value that failed (for a missing
    /// property, of the object that lacks it).
    pub at: Vec<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// A property is missing: `required` (no level: ArchivesSpace reports
    /// it as a warning) or `ifmissing`.
    Missing {
        property: String,
        level: Option<IfMissing>,
    },
    /// A `date` that `Date.parse` refuses.
    BadDate,
    Pattern {
        value: String,
        pattern: &'static str,
    },
    MinLength(u64),
    MaxLength(u64),
    MinItems(u64),
    /// `maxItems`, which ArchivesSpace has no message for.
    MaxItems(u64),
    Enum {
        value: String,
        allowed: Vec<String>,
    },
    DynamicEnum {
        value: String,
        allowed: Vec<String>,
        editable: bool,
    },
    /// A value of the wrong type; `desired` is the type as the schema
    /// writes it.
    Type {
        actual: &'static str,
        desired: String,
    },
    /// None of a union's members matched; the members' own failures.
    Union(Vec<Failure>),
    /// A finding of a check from `validations.rb`.
    Check {
        level: Level,
        field: String,
        message: String,
    },
    /// A bare error code from a check.
    Code(String),
}

/// The validator gives up on a record that holds another record of the
/// wrong `jsonmodel_type` (`ArchivesSpaceTypeAttribute` raises instead of
/// recording); inside a union that only rules the member out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mismatch {
    pub at: Vec<String>,
    pub expected: String,
}

pub(super) struct Walk<'a> {
    pub catalog: &'a Catalog,
    pub enums: Option<&'a Enumerations>,
    pub failures: Vec<Failure>,
    pub unchecked: Vec<Unchecked>,
    path: Vec<String>,
}

impl CheckContext for Catalog {
    fn has_property(&self, record_type: &str, property: &str) -> Option<bool> {
        self.get(record_type)
            .map(|schema| schema.properties.iter().any(|p| p.name == property))
    }
}

impl<'a> Walk<'a> {
    pub fn new(catalog: &'a Catalog, enums: Option<&'a Enumerations>) -> Self {
        Walk {
            catalog,
            enums,
            failures: Vec::new(),
            unchecked: Vec::new(),
            path: Vec::new(),
        }
    }

    fn fail(&mut self, kind: Kind) {
        self.failures.push(Failure {
            at: self.path.clone(),
            kind,
        });
    }

    /// A record against its schema (`ArchivesSpaceSchema#validate`): the
    /// object type, its properties, then, when nothing failed at the
    /// record itself, the checks `validations.rb` registers for its type.
    pub fn record(&mut self, schema: &Schema, data: &Value) -> Result<(), Mismatch> {
        let Value::Object(map) = data else {
            self.fail(Kind::Type {
                actual: ruby::class_name(data),
                desired: "object".to_owned(),
            });
            return Ok(());
        };
        self.properties(schema.properties, map)?;
        let failed_here = self.failures.iter().any(|f| f.at == self.path);
        if !failed_here {
            self.checks(schema, map);
        }
        Ok(())
    }

    /// The custom checks of the record's type: those its release registers,
    /// at their levels, or without word from the release, those of the
    /// newest release the client knows.
    fn checks(&mut self, schema: &Schema, map: &Map<String, Value>) {
        match schema.checks {
            Some(registered) => {
                for registration in registered {
                    match checks::by_name(registration.name) {
                        Some(check) => self.check(check, registration.level, map),
                        None => self.unchecked(registration.name, NO_PORT),
                    }
                }
            }
            None => {
                for check in checks::registered(schema.name) {
                    self.check(check, check.level, map);
                }
            }
        }
    }

    fn unchecked(&mut self, name: &'static str, why: &'static str) {
        self.unchecked.push(Unchecked {
            path: self.path.join("/"),
            kind: UncheckedKind::Check { name, why },
        });
    }

    fn check(&mut self, check: &Check, level: Level, map: &Map<String, Value>) {
        if let Some((_, why)) = checks::UNDECIDABLE.iter().find(|(n, _)| *n == check.name) {
            self.unchecked(check.name, why);
            return;
        }
        for finding in (check.run)(map, self.catalog) {
            let kind = match finding {
                Finding::Field { field, message } => Kind::Check {
                    level,
                    field,
                    message,
                },
                Finding::Code(code) => Kind::Code(code),
            };
            self.fail(kind);
        }
    }

    /// `IfMissingAttribute`: draft 3's `properties` (each present value
    /// checked, `required` ones missing reported as they come), then the
    /// `ifmissing` ones missing.
    fn properties(
        &mut self,
        properties: &[Property],
        map: &Map<String, Value>,
    ) -> Result<(), Mismatch> {
        for property in properties {
            match map.get(property.name) {
                Some(value) => {
                    self.path.push(property.name.to_owned());
                    let walked = self.node(&property.node, value);
                    self.path.pop();
                    walked?;
                }
                None if property.node.required => self.fail(Kind::Missing {
                    property: property.name.to_owned(),
                    level: None,
                }),
                None => {}
            }
        }
        for property in properties {
            if let (Some(level), false) =
                (property.node.if_missing, map.contains_key(property.name))
            {
                self.fail(Kind::Missing {
                    property: property.name.to_owned(),
                    level: Some(level),
                });
            }
        }
        Ok(())
    }

    /// One value against one node: its type, then its other rules.
    fn node(&mut self, node: &Node, data: &Value) -> Result<(), Mismatch> {
        self.ty(&node.ty, data)?;
        for rule in node.rules {
            self.rule(rule, data)?;
        }
        Ok(())
    }

    /// `ArchivesSpaceTypeAttribute`, falling back to draft 3's `type`.
    fn ty(&mut self, ty: &Ty, data: &Value) -> Result<(), Mismatch> {
        if let Ty::Date = ty {
            if !data.as_str().is_some_and(ruby::date_parses) {
                self.fail(Kind::BadDate);
            }
            return Ok(());
        }
        if let Some(Value::String(jsonmodel_type)) = data.get("jsonmodel_type") {
            if names_record_type(ty) && !mentions_record_type(ty, jsonmodel_type) {
                return Err(Mismatch {
                    at: self.path.clone(),
                    expected: jsonmodel_type.clone(),
                });
            }
        }
        match ty {
            Ty::Uri(name) => self.uri(name, data, "uri"),
            Ty::UriOrObject(name) if data.is_string() => self.uri(name, data, "uri_or_object"),
            Ty::Record(name) | Ty::UriOrObject(name) => {
                let form = if matches!(ty, Ty::Record(_)) {
                    "object"
                } else {
                    "uri_or_object"
                };
                match (data, self.catalog.get(name)) {
                    (Value::Object(map), Some(schema)) => {
                        // The validator names the type of an embedded record
                        // that does not name it; copied only then, since a
                        // nested record would otherwise be copied once for
                        // each record it is nested in.
                        if map.contains_key("jsonmodel_type") {
                            self.record(schema, data)?;
                        } else {
                            let mut named = map.clone();
                            named.insert(
                                "jsonmodel_type".to_owned(),
                                Value::String((*name).to_owned()),
                            );
                            self.record(schema, &Value::Object(named))?;
                        }
                    }
                    (Value::Object(_), None) => {}
                    _ => self.fail(Kind::Type {
                        actual: ruby::class_name(data),
                        desired: format!("JSONModel(:{name}) {form}"),
                    }),
                }
                Ok(())
            }
            Ty::Union(members) => self.union(members, data),
            simple => {
                if let Some(name) = simple_name(simple) {
                    if !simple_matches(simple, data) {
                        self.fail(Kind::Type {
                            actual: ruby::class_name(data),
                            desired: name.to_owned(),
                        });
                    }
                }
                Ok(())
            }
        }
    }

    /// `JSONModel(:x) uri`: `JSONModel(:x).id_for` must make an id of it.
    fn uri(&mut self, name: &str, data: &Value, form: &str) -> Result<(), Mismatch> {
        let template = self.catalog.get(name).and_then(|schema| schema.uri);
        let matches = match (data, template) {
            (Value::String(uri), Some(template)) => ruby::uri_names_record(template, uri),
            _ => false,
        };
        if matches {
            if let Value::String(uri) = data {
                self.unchecked.push(Unchecked {
                    path: self.path.join("/"),
                    kind: UncheckedKind::ReferenceExists { uri: uri.clone() },
                });
            }
        } else {
            self.fail(Kind::Type {
                actual: ruby::class_name(data),
                desired: format!("JSONModel(:{name}) {form}"),
            });
        }
        Ok(())
    }

    /// Draft 3's union: the first member that records no failure wins; the
    /// members' failures are reported only when none does.
    fn union(&mut self, members: &[Node], data: &Value) -> Result<(), Mismatch> {
        let mut member_failures = Vec::new();
        let unchecked_before = self.unchecked.len();
        for member in members {
            let before = self.failures.len();
            let walked = self.node(member, data);
            let recorded = self.failures.len() - before;
            // The gem pops them off the end, so they come out reversed.
            member_failures.extend(self.failures.drain(before..).rev());
            if walked.is_ok() && recorded == 0 {
                // Only the winner's notes stand.
                return Ok(());
            }
            self.unchecked.truncate(unchecked_before);
        }
        self.fail(Kind::Union(member_failures));
        Ok(())
    }

    fn rule(&mut self, rule: &Rule, data: &Value) -> Result<(), Mismatch> {
        match rule {
            Rule::Enum(allowed) => {
                if !data.as_str().is_some_and(|s| allowed.contains(&s)) {
                    self.fail(Kind::Enum {
                        value: ruby::inspect(data),
                        allowed: allowed.iter().map(|s| (*s).to_owned()).collect(),
                    });
                }
            }
            Rule::DynamicEnum(name) => self.dynamic_enum(name, data),
            Rule::MinLength(min) => {
                if let Value::String(s) = data {
                    if (s.chars().count() as u64) < *min {
                        self.fail(Kind::MinLength(*min));
                    }
                }
            }
            Rule::MaxLength(max) => {
                if let Value::String(s) = data {
                    if s.chars().count() as u64 > *max {
                        self.fail(Kind::MaxLength(*max));
                    }
                }
            }
            Rule::Pattern(pattern) => {
                if let Value::String(s) = data {
                    if !ruby::pattern_matches(pattern, s) {
                        self.fail(Kind::Pattern {
                            value: ruby::inspect_inner(s),
                            pattern,
                        });
                    }
                }
            }
            Rule::MinItems(min) => {
                if let Value::Array(items) = data {
                    if (items.iter().filter(|v| !v.is_null()).count() as u64) < *min {
                        self.fail(Kind::MinItems(*min));
                    }
                }
            }
            Rule::MaxItems(max) => {
                if let Value::Array(items) = data {
                    if items.len() as u64 > *max {
                        self.fail(Kind::MaxItems(*max));
                    }
                }
            }
            Rule::SubtypeRef => {
                if let Value::Object(map) = data {
                    if !map.contains_key("ref") {
                        self.fail(Kind::Missing {
                            property: "ref".to_owned(),
                            level: Some(IfMissing::Error),
                        });
                    }
                }
            }
            Rule::Properties(properties) => {
                if let Value::Object(map) = data {
                    self.properties(properties, map)?;
                }
            }
            Rule::Items(item) => {
                if let Value::Array(items) = data {
                    for (index, element) in items.iter().enumerate() {
                        self.path.push(index.to_string());
                        let walked = self.node(item, element);
                        self.path.pop();
                        walked?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `ArchivesSpaceDynamicEnumAttribute`, against the values a client
    /// fetched; noted as unchecked without them.
    fn dynamic_enum(&mut self, name: &str, data: &Value) {
        let Some(enumeration) = self.enums.and_then(|enums| enums.get(name)) else {
            self.unchecked.push(Unchecked {
                path: self.path.join("/"),
                kind: UncheckedKind::DynamicEnum {
                    enumeration: name.to_owned(),
                },
            });
            return;
        };
        let valid = data
            .as_str()
            .is_some_and(|s| enumeration.values.iter().any(|v| v == s));
        if !valid {
            self.fail(Kind::DynamicEnum {
                value: ruby::inspect(data),
                allowed: enumeration.values.clone(),
                editable: enumeration.editable,
            });
        }
    }
}

/// Whether the type's text (as Ruby prints it) mentions a `JSONModel`.
fn names_record_type(ty: &Ty) -> bool {
    match ty {
        Ty::Record(_) | Ty::Uri(_) | Ty::UriOrObject(_) => true,
        Ty::Union(members) => members.iter().any(|m| names_record_type(&m.ty)),
        _ => false,
    }
}

/// Whether the type's text mentions `JSONModel(:name)`.
fn mentions_record_type(ty: &Ty, name: &str) -> bool {
    match ty {
        Ty::Record(n) | Ty::Uri(n) | Ty::UriOrObject(n) => *n == name,
        Ty::Union(members) => members.iter().any(|m| mentions_record_type(&m.ty, name)),
        _ => false,
    }
}

fn simple_name(ty: &Ty) -> Option<&'static str> {
    Some(match ty {
        Ty::String => "string",
        Ty::Integer => "integer",
        Ty::Number => "number",
        Ty::Boolean => "boolean",
        Ty::Null => "null",
        Ty::Object => "object",
        Ty::Array => "array",
        _ => return None,
    })
}

/// Draft 3's `data_valid_for_type?`.
fn simple_matches(ty: &Ty, data: &Value) -> bool {
    match ty {
        Ty::String => data.is_string(),
        Ty::Integer => data.is_i64() || data.is_u64(),
        Ty::Number => data.is_number(),
        Ty::Boolean => data.is_boolean(),
        Ty::Null => data.is_null(),
        Ty::Object => data.is_object(),
        Ty::Array => data.is_array(),
        _ => true,
    }
}
