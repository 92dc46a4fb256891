//! `components.schemas`: every record type as a JSON Schema 2020-12,
//! faithful to its JSONModel schema for validation, plus the answers
//! ArchivesSpace builds in code (`Modified`, `Deleted`, error bodies, page
//! envelopes), which no JSONModel schema describes.
//!
//! The JSONModel words become JSON Schema:
//!
//! - `ifmissing: error` (and draft 3's `required: true`) is the object's
//!   `required`, except on read-only properties, which the backend drops
//!   before it validates; a required string is also `minLength: 1`, since
//!   the backend drops an empty string first and then finds it missing;
//!   `ifmissing: warn` is kept as `x-archivesspace-ifmissing`;
//! - `JSONModel(:x) object` is a `$ref` to `x`; `uri` a string whose pattern
//!   is the one `JSONModel(:x).id_for` reads (the record's URI template, then
//!   an id); `uri_or_object` either; a union (`type` as a list) is `anyOf`,
//!   its embedded records required to name their `jsonmodel_type`, by which
//!   the backend picks the member;
//! - a reference (`subtype: ref`) is an object whose `ref` is such a URI,
//!   with `_resolved` and the link's own properties;
//! - `dynamic_enum` is a string with `x-archivesspace-dynamic-enum` naming
//!   the enumeration, whose values each site configures; `enum`, lengths,
//!   item counts, `minimum`/`maximum` and defaults are as written;
//! - `pattern` is translated to ECMA-262 ([`super::pattern`]); one that
//!   cannot be is kept as `x-archivesspace-ruby-pattern`, with a note;
//! - `date` is a string that Ruby's `Date.parse` must read (`format: date`
//!   and a pattern of the notations it accepts), `date-time` a string
//!   (`format: date-time`);
//! - `readonly` is `readOnly`; `jsonmodel_type` is the type's name
//!   (`const`);
//! - no schema sets `additionalProperties`: the backend drops the keys it
//!   does not know, and a site's plugins add properties of their own.

use serde_json::{json, Map, Value};

use super::pattern;
use super::OpenApiError;
use crate::ir::{IfMissing, Model, RecordType, RefType, Schema, Type};

/// One page of a listing (`page=N`) of `item`s: the records, with where
/// the page lies among all of them (`RESTHelpers`' paging).
pub fn page_schema(item: Value) -> Value {
    json!({
        "type": "object",
        "description": "One page of a listing: the records, with where the page lies \
                        among all of them.",
        "properties": {
            "first_page": {"type": "integer"},
            "last_page": {"type": "integer"},
            "this_page": {"type": "integer"},
            "total": {"type": "integer"},
            "results": {"type": "array", "items": item}
        },
        "required": ["first_page", "last_page", "this_page", "total", "results"]
    })
}

/// The `$ref` to a component schema.
pub fn component_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Names of the schemas added beside the record types. A record type of
/// the same name would clash, which [`component_schemas`] refuses.
pub const MODIFIED: &str = "ArchivesSpaceModified";
/// See [`MODIFIED`].
pub const DELETED: &str = "ArchivesSpaceDeleted";
/// See [`MODIFIED`].
pub const SUPPRESSED: &str = "ArchivesSpaceSuppressed";
/// See [`MODIFIED`].
pub const ERROR: &str = "ArchivesSpaceError";
/// See [`MODIFIED`].
pub const VALIDATION_ERROR: &str = "ArchivesSpaceValidationError";
/// See [`MODIFIED`].
pub const SESSION_ERROR: &str = "ArchivesSpaceSessionError";
/// See [`MODIFIED`].
pub const LOGIN: &str = "ArchivesSpaceLogin";

/// Every record type's schema by its JSONModel name, then the answers
/// built in code.
pub fn component_schemas(model: &Model) -> Result<Map<String, Value>, OpenApiError> {
    let mut out = Map::new();
    for record in model.types.values() {
        out.insert(record.name.clone(), record_schema(model, record)?);
    }
    for (name, schema) in built_in() {
        if out.contains_key(name) {
            return Err(OpenApiError(format!(
                "a record type is named `{name}`, the name of a schema the document adds"
            )));
        }
        out.insert(name.to_owned(), schema);
    }
    Ok(out)
}

/// The answers ArchivesSpace builds in code (`rest.rb`'s responses,
/// `exceptions.rb`'s and `main.rb`'s error bodies), as its source writes
/// them.
fn built_in() -> Vec<(&'static str, Value)> {
    let warnings = json!({
        "type": "object",
        "description": "Messages that did not stop the save, by property path.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}}
    });
    vec![
        (
            MODIFIED,
            json!({
                "type": "object",
                "description": "The answer to a create or an update (`created_response`, `updated_response`).",
                "properties": {
                    "status": {"type": "string", "examples": ["Created", "Updated"]},
                    "id": {"type": "integer"},
                    "lock_version": {"type": ["integer", "null"]},
                    "stale": {"type": ["boolean", "null"]},
                    "uri": {"type": "string"},
                    "warnings": warnings
                },
                "required": ["status", "id"]
            }),
        ),
        (
            DELETED,
            json!({
                "type": "object",
                "description": "The answer to a delete (`deleted_response`).",
                "properties": {
                    "status": {"const": "Deleted"},
                    "id": {"type": "integer"}
                },
                "required": ["status", "id"]
            }),
        ),
        (
            SUPPRESSED,
            json!({
                "type": "object",
                "description": "The answer to a suppression (`suppressed_response`).",
                "properties": {
                    "status": {"const": "Suppressed"},
                    "id": {"type": "integer"},
                    "suppressed_state": {"type": "boolean"}
                },
                "required": ["status", "id", "suppressed_state"]
            }),
        ),
        (
            ERROR,
            json!({
                "type": "object",
                "description": "ArchivesSpace's error body: `error` is a message, or messages by \
                                parameter or property (a 400 for bad parameters, `db_error` for a \
                                database constraint), or the conflicts of a 409.",
                "properties": {
                    "error": {
                        "anyOf": [
                            {"type": "string"},
                            {"type": "object"},
                            {"type": "array", "items": {}}
                        ]
                    }
                },
                "required": ["error"]
            }),
        ),
        (
            VALIDATION_ERROR,
            json!({
                "type": "object",
                "description": "A record that failed validation (a 400): messages by property \
                                path (`dates/0/begin`), the warnings, and the record as Ruby \
                                prints it.",
                "properties": {
                    "error": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}}
                    },
                    "warning": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}}
                    },
                    "invalid_object": {"type": "string"}
                },
                "required": ["error"]
            }),
        ),
        (
            SESSION_ERROR,
            json!({
                "type": "object",
                "description": "The session in `X-ArchivesSpace-Session` is unknown \
                                (`SESSION_GONE`) or timed out (`SESSION_EXPIRED`): log in again.",
                "properties": {
                    "code": {"enum": ["SESSION_GONE", "SESSION_EXPIRED"]},
                    "error": {"type": "string"}
                },
                "required": ["code", "error"]
            }),
        ),
        (
            LOGIN,
            json!({
                "type": "object",
                "description": "A login's answer: the session to send as \
                                `X-ArchivesSpace-Session`, and the user.",
                "properties": {
                    "session": {"type": "string"},
                    "user": component_ref("user")
                },
                "required": ["session"]
            }),
        ),
    ]
}

fn record_schema(model: &Model, record: &RecordType) -> Result<Value, OpenApiError> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for property in record.properties.values() {
        let site = format!("{}.{}", record.name, property.name);
        let value = if property.name == "jsonmodel_type" {
            json!({
                "const": record.name,
                "description": "The record's type. Embedded records may leave it out where \
                                their property names one type; in a list of several types it \
                                says which."
            })
        } else {
            node(model, &property.schema, &site)?
        };
        if property.name != "jsonmodel_type" && is_required(&property.schema) {
            required.push(Value::String(property.name.clone()));
        }
        properties.insert(property.name.clone(), value);
    }
    let mut out = Map::new();
    out.insert("type".into(), json!("object"));
    out.insert("title".into(), json!(record.name));
    let mut description = format!("The JSONModel record type `{}`", record.name);
    if let Some(parent) = &record.parent {
        description.push_str(&format!(", whose schema extends `{parent}`'s"));
    }
    description.push('.');
    if let Some(uri) = &record.uri {
        description.push_str(&format!(" Its records live at `{uri}/:id`."));
    }
    out.insert("description".into(), json!(description));
    if let Some(uri) = &record.uri {
        out.insert("x-archivesspace-uri".into(), json!(uri));
    }
    out.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    Ok(Value::Object(out))
}

/// Whether the backend refuses a record without it: required and
/// writable (read-only properties are dropped before validation).
fn is_required(schema: &Schema) -> bool {
    schema.is_required() && !schema.readonly
}

/// One schema node.
fn node(model: &Model, schema: &Schema, site: &str) -> Result<Value, OpenApiError> {
    let mut out = match &schema.ty {
        Type::Any => Map::new(),
        Type::Null => object([("type", json!("null"))]),
        Type::String => object([("type", json!("string"))]),
        Type::Integer => object([("type", json!("integer"))]),
        Type::Number => object([("type", json!("number"))]),
        Type::Boolean => object([("type", json!("boolean"))]),
        Type::Date => object([
            ("type", json!("string")),
            ("format", json!("date")),
            ("pattern", json!(DATE_PATTERN)),
            (
                "x-archivesspace-type",
                json!("date: a string Ruby's `Date.parse` reads as a calendar day"),
            ),
        ]),
        Type::DateTime => object([("type", json!("string")), ("format", json!("date-time"))]),
        Type::Array(items) => object([
            ("type", json!("array")),
            ("items", node(model, items, &format!("{site}[]"))?),
        ]),
        Type::Object(object_type) => {
            let mut map = object([("type", json!("object"))]);
            properties_into(model, &object_type.properties, site, &mut map)?;
            map
        }
        Type::Ref(reference) => reference_schema(model, reference, site)?,
        Type::Record(target) => as_map(record_ref(model, target, site)?),
        Type::Uri(target) => as_map(uri_schema(model, target)),
        Type::UriOrObject(target) => object([(
            "anyOf",
            json!([uri_schema(model, target), record_ref(model, target, site)?]),
        )]),
        Type::Union(members) => {
            let any_of = union_members(model, members, site)?;
            if schema.is_listed_union() {
                // The item limits say the value is a list of the members
                // (`boolean_query.subqueries`).
                object([
                    ("type", json!("array")),
                    ("items", json!({ "anyOf": any_of })),
                ])
            } else {
                object([("anyOf", Value::Array(any_of))])
            }
        }
    };
    constraints(schema, &mut out);
    Ok(Value::Object(out))
}

/// The notations `Date.parse` reads a calendar day from, as records write
/// them: year-month-day with `-` or `/`, eight digits, day/month/year, or
/// an English month name.
const DATE_PATTERN: &str =
    "[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}|[0-9]{8}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|\
[Jj][Aa][Nn]|[Ff][Ee][Bb]|[Mm][Aa][Rr]|[Aa][Pp][Rr]|[Mm][Aa][Yy]|[Jj][Uu][Nn]|[Jj][Uu][Ll]|\
[Aa][Uu][Gg]|[Ss][Ee][Pp]|[Oo][Cc][Tt]|[Nn][Oo][Vv]|[Dd][Ee][Cc]";

fn object<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

fn as_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The rules beside the type, and the annotations.
fn constraints(schema: &Schema, out: &mut Map<String, Value>) {
    if let Some(description) = &schema.description {
        out.insert("description".into(), json!(description));
    }
    if let Some(values) = &schema.enum_values {
        out.insert("enum".into(), Value::Array(values.clone()));
    }
    if let Some(name) = &schema.dynamic_enum {
        out.insert("x-archivesspace-dynamic-enum".into(), json!(name));
    }
    let min_length = match schema.min_length {
        // An empty string is dropped before validation, and so missing.
        None if is_required(schema) && is_string(&schema.ty) => Some(1),
        other => other,
    };
    let numbers = [
        ("minLength", min_length),
        ("maxLength", schema.max_length),
        ("minItems", schema.min_items),
        ("maxItems", schema.max_items),
    ];
    for (key, value) in numbers {
        if let Some(n) = value {
            out.insert(key.into(), json!(n));
        }
    }
    if let Some(ruby) = &schema.pattern {
        match pattern::translate(ruby) {
            Ok(ecma) => {
                out.insert("pattern".into(), json!(ecma));
            }
            Err(untranslatable) => {
                out.insert("x-archivesspace-ruby-pattern".into(), json!(ruby));
                out.insert(
                    "x-archivesspace-note".into(),
                    json!(format!(
                        "The backend matches `x-archivesspace-ruby-pattern` with Ruby's Regexp; \
                         it has no ECMA-262 form ({}), so `pattern` is left out.",
                        untranslatable.construct
                    )),
                );
            }
        }
    }
    if let Some(minimum) = &schema.minimum {
        out.insert("minimum".into(), minimum.clone());
    }
    if let Some(maximum) = &schema.maximum {
        out.insert("maximum".into(), maximum.clone());
    }
    // An empty default says nothing: the backend drops empty values
    // before it validates.
    if let Some(default) = schema.default.as_ref().filter(|d| !is_empty(d)) {
        out.insert("default".into(), default.clone());
    }
    if schema.readonly {
        out.insert("readOnly".into(), json!(true));
    }
    if schema.ifmissing == Some(IfMissing::Warn) {
        out.insert("x-archivesspace-ifmissing".into(), json!("warn"));
    }
}

/// What `drop_empty_elements` drops: `null`, `""` and `{}`.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Date | Type::DateTime)
}

fn properties_into(
    model: &Model,
    properties: &indexmap::IndexMap<String, Schema>,
    site: &str,
    out: &mut Map<String, Value>,
) -> Result<(), OpenApiError> {
    if properties.is_empty() {
        return Ok(());
    }
    let mut schemas = Map::new();
    let mut required = Vec::new();
    for (key, schema) in properties {
        schemas.insert(key.clone(), node(model, schema, &format!("{site}.{key}"))?);
        if is_required(schema) {
            required.push(Value::String(key.clone()));
        }
    }
    out.insert("properties".into(), Value::Object(schemas));
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    Ok(())
}

fn reference_schema(
    model: &Model,
    reference: &RefType,
    site: &str,
) -> Result<Map<String, Value>, OpenApiError> {
    let mut out = object([("type", json!("object"))]);
    // Named after its property, so that generators which name inline
    // objects by their place (`resource` + `tree`) do not give a link the
    // name of a record type (`resource_tree`).
    let property = site
        .rsplit('.')
        .next()
        .unwrap_or(site)
        .trim_end_matches("[]");
    out.insert("title".into(), json!(format!("{property} link")));
    if !reference.targets.is_empty() {
        let targets: Vec<String> = reference.targets.iter().map(|t| format!("`{t}`")).collect();
        out.insert(
            "description".into(),
            json!(format!(
                "A link to a {} record: `ref` is its URI; `_resolved` holds the record when \
                 the request asked for it with `resolve[]`.",
                targets.join(" or ")
            )),
        );
    }
    properties_into(model, &reference.properties, site, &mut out)?;
    Ok(out)
}

/// A `$ref` to an embedded record's schema.
fn record_ref(model: &Model, target: &str, site: &str) -> Result<Value, OpenApiError> {
    if !model.types.contains_key(target) {
        return Err(OpenApiError(format!(
            "{site} embeds `{target}`, which is not in the snapshot"
        )));
    }
    Ok(component_ref(target))
}

/// The members of a union; embedded records must name their type, since
/// the backend picks the member by it.
fn union_members(
    model: &Model,
    members: &[Schema],
    site: &str,
) -> Result<Vec<Value>, OpenApiError> {
    let mut out = Vec::with_capacity(members.len());
    for member in members {
        let value = match &member.ty {
            Type::Record(target) => {
                let mut reference = as_map(record_ref(model, target, site)?);
                reference.insert("required".into(), json!(["jsonmodel_type"]));
                Value::Object(reference)
            }
            _ => node(model, member, site)?,
        };
        out.push(value);
    }
    Ok(out)
}

/// A URI of a record of type `target`: what `JSONModel(:target).id_for`
/// reads an id from.
fn uri_schema(model: &Model, target: &str) -> Value {
    let template = model.types.get(target).and_then(|t| t.uri.as_deref());
    match template {
        Some(template) => json!({
            "type": "string",
            "pattern": uri_pattern(template),
            "x-archivesspace-uri-of": target,
        }),
        // `id_for` makes no id for a type without a URI: no string is one.
        None => json!({
            "type": "string",
            "not": {},
            "x-archivesspace-uri-of": target,
        }),
    }
}

/// `id_for`'s pattern for the record type whose URI template is
/// `template` (`/repositories/:repo_id/accessions`): the template with each
/// parameter as any segment, then an id (a number, or an `import_` one of
/// a batch import), at the end; or the same with `/tree` or
/// `/ordered_records` after the id. Unanchored at the start, as Ruby's
/// `=~` is.
pub fn uri_pattern(template: &str) -> String {
    const ID: &str = "(?:[0-9]+|import_[a-f0-9-]+)";
    let mut pattern = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("/:") {
        pattern.push_str(&escape(&rest[..start]));
        let after = &rest[start + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .unwrap_or(after.len());
        if end == 0 || !(after[end..].is_empty() || after[end..].starts_with('/')) {
            pattern.push_str("/:");
            rest = after;
            continue;
        }
        pattern.push_str("/[^/ ]+");
        rest = &after[end..];
    }
    pattern.push_str(&escape(rest));
    let tree = pattern.replace("[^/ ]+/tree", "");
    format!("{pattern}/{ID}(?:#.*)?$|{tree}{ID}/(?:tree|ordered_records)$")
}

/// Text matched as itself in an ECMA-262 pattern.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let schemas = [
            (
                "thing",
                json!({
                    "uri": "/things",
                    "properties": {
                        "title": {"type": "string", "ifmissing": "error", "maxLength": 8},
                        "kind": {"type": "string", "dynamic_enum": "thing_kind"},
                        "level": {"type": "string", "enum": ["high", "low"], "ifmissing": "warn"},
                        "code": {"type": "string", "pattern": "\\A[a-z]+\\z", "default": ""},
                        "loose": {"type": "string", "pattern": "(?i)\\Aabc"},
                        "stamp": {"type": "string", "readonly": "true", "ifmissing": "error"},
                        "notes": {"type": "array", "items": {"type": [
                            {"type": "JSONModel(:note) object"},
                            {"type": "JSONModel(:thing) uri"}
                        ]}},
                        "parts": {"type": "array", "items": {
                            "type": "object",
                            "subtype": "ref",
                            "properties": {
                                "ref": {"type": "JSONModel(:thing) uri", "ifmissing": "error"},
                                "_resolved": {"type": "object", "readonly": "true"}
                            }
                        }}
                    }
                }),
            ),
            ("note", json!({"properties": {"text": {"type": "string"}}})),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        Model::new("test", &schemas, None).unwrap()
    }

    #[test]
    fn jsonmodel_words_become_json_schema() {
        let model = model();
        let schemas = component_schemas(&model).unwrap();
        let thing = &schemas["thing"];
        // Read-only and warn-only properties are not required; a required
        // string must not be empty.
        assert_eq!(thing["required"], json!(["title"]));
        assert_eq!(thing["properties"]["title"]["minLength"], 1);
        assert_eq!(thing["properties"]["title"]["maxLength"], 8);
        assert_eq!(thing["properties"]["stamp"]["readOnly"], true);
        assert_eq!(thing["properties"]["jsonmodel_type"]["const"], "thing");
        assert_eq!(
            thing["properties"]["kind"]["x-archivesspace-dynamic-enum"],
            "thing_kind"
        );
        assert!(thing["properties"]["kind"].get("enum").is_none());
        assert_eq!(thing["properties"]["level"]["enum"], json!(["high", "low"]));
        assert_eq!(
            thing["properties"]["level"]["x-archivesspace-ifmissing"],
            "warn"
        );
        assert_eq!(thing["properties"]["code"]["pattern"], "^[a-z]+$");
        assert!(thing["properties"]["code"].get("default").is_none());
        // A pattern with no ECMA-262 form is kept as Ruby wrote it, and said so.
        let loose = &thing["properties"]["loose"];
        assert!(loose.get("pattern").is_none());
        assert_eq!(loose["x-archivesspace-ruby-pattern"], "(?i)\\Aabc");
        assert!(loose["x-archivesspace-note"]
            .as_str()
            .is_some_and(|n| n.contains("(?i)")));
        // Undeclared properties stay allowed.
        assert!(thing.get("additionalProperties").is_none());
        let members = &thing["properties"]["notes"]["items"]["anyOf"];
        assert_eq!(
            members[0],
            json!({"$ref": "#/components/schemas/note", "required": ["jsonmodel_type"]})
        );
        assert_eq!(members[1]["pattern"], uri_pattern("/things"));
        let link = &thing["properties"]["parts"]["items"];
        assert_eq!(link["required"], json!(["ref"]));
        assert_eq!(link["properties"]["ref"]["x-archivesspace-uri-of"], "thing");
        assert_eq!(link["properties"]["_resolved"]["readOnly"], true);
        assert!(schemas.contains_key(MODIFIED) && schemas.contains_key(ERROR));
    }

    #[test]
    fn uri_patterns_as_id_for_reads_them() {
        // `id_for` in `common/jsonmodel_type.rb`: `#{pattern}\/#{ID_REGEXP}(\#.*)?$`,
        // else the pattern less `[^/ ]+/tree`, then `#{ID_REGEXP}\/(tree|ordered_records)$`
        // (no `/` before the id: the tree form is for templates ending in
        // `/:id/tree`).
        assert_eq!(
            uri_pattern("/repositories/:repo_id/accessions"),
            "/repositories/[^/ ]+/accessions/(?:[0-9]+|import_[a-f0-9-]+)(?:#.*)?$|\
             /repositories/[^/ ]+/accessions(?:[0-9]+|import_[a-f0-9-]+)/(?:tree|ordered_records)$"
        );
        assert_eq!(
            uri_pattern("/subjects"),
            "/subjects/(?:[0-9]+|import_[a-f0-9-]+)(?:#.*)?$|\
             /subjects(?:[0-9]+|import_[a-f0-9-]+)/(?:tree|ordered_records)$"
        );
    }
}
