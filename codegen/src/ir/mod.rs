//! The intermediate representation of one ArchivesSpace release: its record
//! types and, side by side, its routes ([`route`]).
//!
//! [`Model::new`] (or [`crate::snapshot::Snapshot::model`]) turns the raw
//! schemas into typed [`RecordType`]s the way ArchivesSpace's
//! `JSONModel.load_schema` sees them:
//!
//! 1. a schema with a `parent` gets the parent's (already resolved)
//!    properties deep-merged under its own;
//! 2. every record type gets the properties ArchivesSpace injects at load time
//!    (`lock_version`, `jsonmodel_type`, the audit fields, and `repository`
//!    unless the schema declares its own);
//! 3. every schema node is read into a [`Schema`], with the JSONModel type
//!    words (`"JSONModel(:date) object"`, `uri`, `uri_or_object`, `date`,
//!    `date-time`, unions) and ArchivesSpace's own keywords (`ifmissing`,
//!    `dynamic_enum`, `readonly`, `subtype => ref`) made explicit.
//!
//! Keys the IR does not model are kept in [`Schema::extra`], so nothing the
//! schema says is lost on the way to code generation.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde_json::{Map, Value};

use merge::deep_merge;

pub mod merge;
pub mod route;

pub use route::Route;

/// The key, at the top of a schema's JSON, listing the parts that Ruby code
/// computes at start-up (see [`crate::snapshot`]).
pub const COMPUTED_KEY: &str = "x-archivesspace-computed";

/// Every record type and route of one ArchivesSpace release.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The release, as recorded in the snapshot.
    pub release: String,
    /// Record types by JSONModel name, in name order.
    pub types: BTreeMap<String, RecordType>,
    /// The routes, in declaration order, when the source had controllers.
    pub routes: Option<Vec<Route>>,
}

/// One JSONModel record type (`accession`, `date`, `note_multipart`, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct RecordType {
    /// The JSONModel name.
    pub name: String,
    /// The schema this one inherits from (`parent`).
    pub parent: Option<String>,
    /// The record URI template (`/repositories/:repo_id/accessions`), for
    /// types that are top-level records.
    pub uri: Option<String>,
    /// The schema `version`.
    pub version: Option<i64>,
    /// Every property after inheritance and injection, in ArchivesSpace's
    /// order (inherited first, then the type's own, then injected ones).
    pub properties: IndexMap<String, Property>,
    /// Parts of the schema computed by Ruby code at server start-up; when
    /// one of them adds properties (a computed `.merge`), the type also
    /// accepts properties beyond those listed.
    pub computed: Vec<ComputedPart>,
    /// Keys of the schema's top level that the IR does not model.
    pub extra: Map<String, Value>,
}

impl RecordType {
    /// Whether the server may add properties the schema does not list,
    /// because Ruby code computes part of the property set.
    pub fn has_computed_properties(&self) -> bool {
        self.computed
            .iter()
            .any(|c| c.merged && c.pointer == "/properties")
    }
}

/// A part of a schema that Ruby code computes at start-up (see
/// [`COMPUTED_KEY`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputedPart {
    /// JSON pointer of the computed value within the schema.
    pub pointer: String,
    /// The Ruby expression.
    pub ruby: String,
    /// Whether it merges computed keys into a literal hash (as opposed to
    /// replacing a value outright).
    pub merged: bool,
}

/// Where a property's definition comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Declared (or partly overridden) by the type itself.
    Own,
    /// Inherited unchanged from this ancestor.
    Inherited(String),
    /// Added by ArchivesSpace to every record type at load time.
    Injected,
}

/// One property of a record type.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The property's JSON key.
    pub name: String,
    /// Its schema.
    pub schema: Schema,
    /// Where it is defined.
    pub origin: Origin,
}

/// What ArchivesSpace does when a property is missing (`ifmissing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMissing {
    /// The record is rejected (required on create).
    Error,
    /// The record is accepted with a warning.
    Warn,
}

/// One schema node: a property, an array's items, or a union member.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    /// The value's type.
    pub ty: Type,
    /// `ifmissing`.
    pub ifmissing: Option<IfMissing>,
    /// Draft-03 `required`.
    pub required: Option<bool>,
    /// `readonly` (the schemas write both `true` and `"true"`).
    pub readonly: bool,
    /// `default`.
    pub default: Option<Value>,
    /// `enum`: the values allowed.
    pub enum_values: Option<Vec<Value>>,
    /// `dynamic_enum`: the name of a site-configurable enumeration.
    pub dynamic_enum: Option<String>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern` (a Ruby regular expression).
    pub pattern: Option<String>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `minimum`.
    pub minimum: Option<Value>,
    /// `maximum`.
    pub maximum: Option<Value>,
    /// `description`.
    pub description: Option<String>,
    /// Keys the IR does not model, kept as written.
    pub extra: Map<String, Value>,
}

impl Schema {
    /// Whether this is a union with item limits, which only make sense for
    /// a list of its members (`boolean_query.subqueries`).
    pub fn is_listed_union(&self) -> bool {
        matches!(self.ty, Type::Union(_)) && (self.min_items.is_some() || self.max_items.is_some())
    }

    /// Whether ArchivesSpace rejects a record without this property
    /// (`ifmissing => "error"` or `required => true`).
    pub fn is_required(&self) -> bool {
        self.ifmissing == Some(IfMissing::Error) || self.required == Some(true)
    }
}

/// The type of a schema node.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Type {
    /// No `type`: any JSON value.
    #[default]
    Any,
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `null`.
    Null,
    /// `date`: a string `YYYY-MM-DD`.
    Date,
    /// `date-time`: an ISO 8601 timestamp string.
    DateTime,
    /// `array`, with its `items` schema (`Any` when absent).
    Array(Box<Schema>),
    /// An anonymous `object` with its own properties.
    Object(ObjectType),
    /// A reference object (`"subtype" => "ref"`): `ref` (a URI),
    /// `_resolved` and extra properties such as `role` or `relator`.
    Ref(RefType),
    /// `"JSONModel(:x) object"`: an embedded record of type `x`.
    Record(String),
    /// `"JSONModel(:x) uri"`: the URI of a record of type `x`.
    Uri(String),
    /// `"JSONModel(:x) uri_or_object"`: either the URI of an `x` or an
    /// embedded `x`.
    UriOrObject(String),
    /// One of several types (`"type" => [{...}, {...}]` or
    /// `"type" => ["integer", "string"]`).
    Union(Vec<Schema>),
}

/// An anonymous object type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObjectType {
    /// Its properties, in order.
    pub properties: IndexMap<String, Schema>,
}

/// A reference object.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RefType {
    /// The record types `ref` may point to.
    pub targets: Vec<String>,
    /// Every property of the ref object, `ref` and `_resolved` included.
    pub properties: IndexMap<String, Schema>,
}

impl RefType {
    /// The properties beside `ref` and `_resolved` (`role`, `relator`, ...).
    pub fn extra_properties(&self) -> impl Iterator<Item = (&String, &Schema)> {
        self.properties
            .iter()
            .filter(|(k, _)| k.as_str() != "ref" && k.as_str() != "_resolved")
    }
}

/// Why a snapshot could not be turned into the IR.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("schema `{type_name}` at {pointer}: {message}")]
pub struct IrError {
    /// The record type.
    pub type_name: String,
    /// JSON pointer of the problem within the schema.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

/// Properties ArchivesSpace's `JSONModel.load_schema` adds to every record
/// type, overriding any declaration of the same name. Read from
/// `common/jsonmodel.rb`; the same in v3.5.1 and v4.2.1.
pub(crate) fn injected_properties() -> Vec<(&'static str, Value)> {
    use serde_json::json;
    vec![
        (
            "lock_version",
            json!({"type": ["integer", "string"], "required": false}),
        ),
        (
            "jsonmodel_type",
            json!({"type": "string", "ifmissing": "error"}),
        ),
        ("created_by", json!({"type": "string", "readonly": true})),
        (
            "last_modified_by",
            json!({"type": "string", "readonly": true}),
        ),
        ("user_mtime", json!({"type": "date-time", "readonly": true})),
        (
            "system_mtime",
            json!({"type": "date-time", "readonly": true}),
        ),
        (
            "create_time",
            json!({"type": "date-time", "readonly": true}),
        ),
    ]
}

/// The `repository` ref ArchivesSpace adds when a schema declares none.
pub(crate) fn injected_repository() -> Value {
    serde_json::json!({
        "type": "object",
        "subtype": "ref",
        "readonly": "true",
        "properties": {
            "ref": {
                "type": "JSONModel(:repository) uri",
                "ifmissing": "error",
                "readonly": "true"
            },
            "_resolved": {"type": "object", "readonly": "true"}
        }
    })
}

/// The schema's `properties`, or an empty map.
fn properties_of(schema: &Value) -> Map<String, Value> {
    match schema.get("properties") {
        Some(Value::Object(p)) => p.clone(),
        _ => Map::new(),
    }
}

struct Resolver<'a> {
    raw: &'a BTreeMap<String, Value>,
    /// Properties after parent merge (before injection), by type.
    merged: BTreeMap<String, Map<String, Value>>,
}

impl Resolver<'_> {
    /// The type's properties with its ancestors' merged under them.
    fn merged_properties(
        &mut self,
        name: &str,
        chain: &mut Vec<String>,
    ) -> Result<Map<String, Value>, IrError> {
        if let Some(done) = self.merged.get(name) {
            return Ok(done.clone());
        }
        let error = |message: String| IrError {
            type_name: name.to_owned(),
            pointer: "/parent".into(),
            message,
        };
        if chain.iter().any(|n| n == name) {
            chain.push(name.to_owned());
            return Err(error(format!("inheritance cycle: {}", chain.join(" -> "))));
        }
        let schema = self
            .raw
            .get(name)
            .ok_or_else(|| error(format!("no schema named `{name}`")))?;
        let own = properties_of(schema);
        let merged = match schema.get("parent") {
            None | Some(Value::Null) => own,
            Some(Value::String(parent)) => {
                if !self.raw.contains_key(parent) {
                    return Err(error(format!("parent `{parent}` is not in the snapshot")));
                }
                chain.push(name.to_owned());
                let base = self.merged_properties(parent, chain)?;
                chain.pop();
                deep_merge(&base, &own)
            }
            Some(other) => return Err(error(format!("parent must be a type name, not {other}"))),
        };
        self.merged.insert(name.to_owned(), merged.clone());
        Ok(merged)
    }

    /// The nearest ancestor of `name` whose own schema declares `property`.
    fn declaring_ancestor(&self, name: &str, property: &str) -> Option<String> {
        let mut current = self.raw.get(name)?.get("parent")?.as_str()?.to_owned();
        let mut seen = BTreeSet::new();
        loop {
            if !seen.insert(current.clone()) {
                return None;
            }
            let schema = self.raw.get(&current)?;
            if properties_of(schema).contains_key(property) {
                return Some(current);
            }
            current = schema.get("parent")?.as_str()?.to_owned();
        }
    }
}

impl Model {
    /// Builds the IR of a release from its raw schemas (by JSONModel name)
    /// and its routes.
    pub fn new(
        release: &str,
        schemas: &BTreeMap<String, Value>,
        routes: Option<Vec<Route>>,
    ) -> Result<Self, IrError> {
        let mut resolver = Resolver {
            raw: schemas,
            merged: BTreeMap::new(),
        };
        let mut types = BTreeMap::new();
        for (name, schema) in schemas {
            let mut properties = resolver.merged_properties(name, &mut Vec::new())?;
            let own = properties_of(schema);
            let parent = match schema.get("parent").and_then(Value::as_str) {
                Some(parent) => resolver.merged_properties(parent, &mut Vec::new())?,
                None => Map::new(),
            };
            // `repository` is injected with `||=`: a declaration anywhere in
            // the inheritance chain wins over the injected ref.
            let declares_repository = properties.contains_key("repository");
            for (key, value) in injected_properties() {
                properties.insert(key.to_owned(), value);
            }
            if !declares_repository {
                properties.insert("repository".into(), injected_repository());
            }
            let injected: BTreeSet<&str> = injected_properties()
                .iter()
                .map(|(k, _)| *k)
                .chain((!declares_repository).then_some("repository"))
                .collect();

            let mut typed = IndexMap::new();
            for (key, value) in &properties {
                let pointer = format!("/properties/{}", escape_pointer(key));
                let schema = read_schema(value, name, &pointer)?;
                // A property the type declares again, unchanged, is still
                // its ancestor's: the server's merged schemas cannot tell
                // such a declaration apart, and both forms must agree.
                let redeclared_unchanged = parent.get(key) == Some(value);
                let origin = if injected.contains(key.as_str()) {
                    Origin::Injected
                } else if own.contains_key(key) && !redeclared_unchanged {
                    Origin::Own
                } else {
                    match resolver.declaring_ancestor(name, key) {
                        Some(ancestor) => Origin::Inherited(ancestor),
                        None => Origin::Own,
                    }
                };
                typed.insert(
                    key.clone(),
                    Property {
                        name: key.clone(),
                        schema,
                        origin,
                    },
                );
            }
            types.insert(name.clone(), record_type(name, schema, typed)?);
        }
        Ok(Model {
            release: release.to_owned(),
            types,
            routes,
        })
    }
}

fn record_type(
    name: &str,
    schema: &Value,
    properties: IndexMap<String, Property>,
) -> Result<RecordType, IrError> {
    let error = |pointer: &str, message: String| IrError {
        type_name: name.to_owned(),
        pointer: pointer.to_owned(),
        message,
    };
    let Value::Object(top) = schema else {
        return Err(error("", "a schema must be an object".into()));
    };
    let mut computed = Vec::new();
    if let Some(parts) = top.get(COMPUTED_KEY) {
        for part in parts.as_array().into_iter().flatten() {
            computed.push(ComputedPart {
                pointer: part
                    .get("pointer")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                ruby: part
                    .get("ruby")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                merged: part.get("merged").and_then(Value::as_bool).unwrap_or(false),
            });
        }
    }
    let string_key = |key: &str| -> Result<Option<String>, IrError> {
        match top.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(error(
                &format!("/{key}"),
                format!("expected a string, found {other}"),
            )),
        }
    };
    let modelled = [
        "$schema",
        "version",
        "type",
        "uri",
        "parent",
        "properties",
        COMPUTED_KEY,
    ];
    let extra = top
        .iter()
        .filter(|(k, _)| !modelled.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(RecordType {
        name: name.to_owned(),
        parent: string_key("parent")?,
        uri: string_key("uri")?,
        version: top.get("version").and_then(Value::as_i64),
        properties,
        computed,
        extra,
    })
}

/// RFC 6901 escaping of one pointer segment.
pub(crate) fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Reads one schema node.
fn read_schema(value: &Value, type_name: &str, pointer: &str) -> Result<Schema, IrError> {
    let error = |at: &str, message: String| IrError {
        type_name: type_name.to_owned(),
        pointer: at.to_owned(),
        message,
    };
    let Value::Object(node) = value else {
        return Err(error(
            pointer,
            format!("expected a schema object, found {value}"),
        ));
    };
    let at = |key: &str| format!("{pointer}/{}", escape_pointer(key));
    let uint = |key: &str| -> Result<Option<u64>, IrError> {
        match node.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().map(Some).ok_or_else(|| {
                error(
                    &at(key),
                    format!("expected a non-negative integer, found {v}"),
                )
            }),
        }
    };
    let string = |key: &str| -> Result<Option<String>, IrError> {
        match node.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(error(&at(key), format!("expected a string, found {v}"))),
        }
    };
    let flag = |key: &str| -> Result<Option<bool>, IrError> {
        match node.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            // The schemas write `"readonly" => "true"` as often as `true`.
            Some(Value::String(s)) if s == "true" => Ok(Some(true)),
            Some(Value::String(s)) if s == "false" => Ok(Some(false)),
            Some(v) => Err(error(&at(key), format!("expected a boolean, found {v}"))),
        }
    };

    let ifmissing = match node.get("ifmissing") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "error" => Some(IfMissing::Error),
        Some(Value::String(s)) if s == "warn" => Some(IfMissing::Warn),
        Some(v) => {
            return Err(error(
                &at("ifmissing"),
                format!("expected \"error\" or \"warn\", found {v}"),
            ))
        }
    };
    let enum_values = match node.get("enum") {
        None | Some(Value::Null) => None,
        Some(Value::Array(values)) => Some(values.clone()),
        Some(v) => return Err(error(&at("enum"), format!("expected an array, found {v}"))),
    };

    let ty = read_type(node, type_name, pointer)?;
    let modelled = [
        "type",
        "subtype",
        "properties",
        "items",
        "ifmissing",
        "required",
        "readonly",
        "default",
        "enum",
        "dynamic_enum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "description",
    ];
    Ok(Schema {
        ty,
        ifmissing,
        required: flag("required")?,
        readonly: flag("readonly")?.unwrap_or(false),
        default: node.get("default").cloned(),
        enum_values,
        dynamic_enum: string("dynamic_enum")?,
        min_length: uint("minLength")?,
        max_length: uint("maxLength")?,
        pattern: string("pattern")?,
        min_items: uint("minItems")?,
        max_items: uint("maxItems")?,
        minimum: node.get("minimum").cloned(),
        maximum: node.get("maximum").cloned(),
        description: string("description")?,
        extra: node
            .iter()
            .filter(|(k, _)| !modelled.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    })
}

/// Parses `JSONModel(:name) kind` into (name, kind).
fn parse_jsonmodel_word(word: &str) -> Option<(&str, &str)> {
    let rest = word.strip_prefix("JSONModel(:")?;
    let (name, kind) = rest.split_once(')')?;
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    valid.then_some((name, kind.trim()))
}

fn read_type(node: &Map<String, Value>, type_name: &str, pointer: &str) -> Result<Type, IrError> {
    let error = |message: String| IrError {
        type_name: type_name.to_owned(),
        pointer: format!("{pointer}/type"),
        message,
    };
    let object_properties = || -> Result<IndexMap<String, Schema>, IrError> {
        let mut properties = IndexMap::new();
        if let Some(Value::Object(props)) = node.get("properties") {
            for (key, value) in props {
                let at = format!("{pointer}/properties/{}", escape_pointer(key));
                properties.insert(key.clone(), read_schema(value, type_name, &at)?);
            }
        }
        Ok(properties)
    };
    match node.get("type") {
        None | Some(Value::Null) => Ok(Type::Any),
        Some(Value::String(word)) => match word.as_str() {
            "any" => Ok(Type::Any),
            "string" => Ok(Type::String),
            "integer" => Ok(Type::Integer),
            "number" => Ok(Type::Number),
            "boolean" => Ok(Type::Boolean),
            "null" => Ok(Type::Null),
            "date" => Ok(Type::Date),
            "date-time" => Ok(Type::DateTime),
            "array" => {
                let items = match node.get("items") {
                    None | Some(Value::Null) => Schema::default(),
                    Some(items) => read_schema(items, type_name, &format!("{pointer}/items"))?,
                };
                Ok(Type::Array(Box::new(items)))
            }
            "object" => {
                let properties = object_properties()?;
                if node.get("subtype").and_then(Value::as_str) == Some("ref") {
                    let targets = properties
                        .get("ref")
                        .map(|r| uri_targets(&r.ty))
                        .unwrap_or_default();
                    Ok(Type::Ref(RefType {
                        targets,
                        properties,
                    }))
                } else {
                    Ok(Type::Object(ObjectType { properties }))
                }
            }
            other => match parse_jsonmodel_word(other) {
                Some((name, "object")) => Ok(Type::Record(name.to_owned())),
                Some((name, "uri")) => Ok(Type::Uri(name.to_owned())),
                Some((name, "uri_or_object")) => Ok(Type::UriOrObject(name.to_owned())),
                _ => Err(error(format!("unknown type word `{other}`"))),
            },
        },
        Some(Value::Array(members)) => {
            let mut schemas = Vec::with_capacity(members.len());
            for (i, member) in members.iter().enumerate() {
                let at = format!("{pointer}/type/{i}");
                let schema = match member {
                    Value::String(_) => {
                        let mut wrapped = Map::new();
                        wrapped.insert("type".into(), member.clone());
                        read_schema(&Value::Object(wrapped), type_name, &at)?
                    }
                    Value::Object(_) => read_schema(member, type_name, &at)?,
                    other => {
                        return Err(error(format!(
                            "a union member must be a type word or a schema, found {other}"
                        )))
                    }
                };
                schemas.push(schema);
            }
            Ok(Type::Union(schemas))
        }
        Some(other) => Err(error(format!(
            "expected a type word or a list, found {other}"
        ))),
    }
}

/// The record types a `ref` property may point to.
fn uri_targets(ty: &Type) -> Vec<String> {
    match ty {
        Type::Uri(name) | Type::UriOrObject(name) => vec![name.clone()],
        Type::Union(members) => members.iter().flat_map(|m| uri_targets(&m.ty)).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model(schemas: Vec<(&str, Value)>) -> Result<Model, IrError> {
        let schemas = schemas
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        Model::new("test", &schemas, None)
    }

    #[test]
    fn inheritance_cycle_is_an_error_not_a_hang() {
        let err = model(vec![
            ("a", json!({"parent": "b", "properties": {}})),
            ("b", json!({"parent": "a", "properties": {}})),
        ])
        .unwrap_err();
        assert!(err.message.contains("cycle"), "{err}");
    }

    #[test]
    fn unknown_type_word_names_type_and_pointer() {
        let err = model(vec![(
            "a",
            json!({"properties": {"x": {"type": "JSONModel(:b) thing"}}}),
        )])
        .unwrap_err();
        assert_eq!(err.type_name, "a");
        assert_eq!(err.pointer, "/properties/x/type");
        assert!(err.to_string().contains("JSONModel(:b) thing"));
    }

    #[test]
    fn declared_repository_is_kept_and_injected_fields_override() {
        let model = model(vec![(
            "a",
            json!({"properties": {
                "repository": {"type": "string"},
                "lock_version": {"type": "string"}
            }}),
        )])
        .unwrap();
        let a = &model.types["a"];
        assert_eq!(a.properties["repository"].schema.ty, Type::String);
        assert_eq!(a.properties["repository"].origin, Origin::Own);
        assert!(matches!(
            a.properties["lock_version"].schema.ty,
            Type::Union(_)
        ));
        assert_eq!(a.properties["lock_version"].origin, Origin::Injected);
    }
}
