//! Schema drift: what differs between two snapshots.
//!
//! Both sides are compared through the [`ir`](crate::ir), so a snapshot read
//! from `.rb` files (parents unresolved) and one fetched from a server's
//! `GET /schemas` (parents merged) compare equal when they describe the same
//! types.
//!
//! Each property is flattened into facets (`type`, `ifmissing`, `enum`,
//! `items.type`, `properties.role.dynamic_enum`, ...), and facets that differ
//! become [`Change`]s. Changes to descriptions and docs only are kept apart:
//! they do not count as drift unless the caller asks for strictness.
//!
//! What Ruby code computes at start-up (the browse columns of `defaults`
//! from the server's configuration, its `locale` enum from the server's
//! locales) is in a server's form and not in a source's: changes under a
//! part the source marks as computed are kept apart too, and never count as
//! drift, so that a release compared with its own running server shows
//! none.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::ir::route::{Paging, Place};
use crate::ir::{IfMissing, Model, RecordType, Route, Schema, Type};

/// One difference between the committed snapshot (`before`) and the
/// compared source (`after`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A record type the source has and the snapshot lacks.
    TypeAdded {
        /// The JSONModel name.
        name: String,
    },
    /// A record type the snapshot has and the source lacks.
    TypeRemoved {
        /// The JSONModel name.
        name: String,
    },
    /// A record type's URI template changed.
    TypeUriChanged {
        /// The JSONModel name.
        name: String,
        /// In the snapshot.
        before: Option<String>,
        /// In the source.
        after: Option<String>,
    },
    /// A property was added to a type.
    PropertyAdded {
        /// The record type.
        record: String,
        /// The property.
        property: String,
        /// Its type, rendered.
        ty: String,
    },
    /// A property was removed from a type.
    PropertyRemoved {
        /// The record type.
        record: String,
        /// The property.
        property: String,
        /// Its type, rendered.
        ty: String,
    },
    /// One facet of a property changed.
    PropertyChanged {
        /// The record type.
        record: String,
        /// The property.
        property: String,
        /// The facet, e.g. `type`, `ifmissing`, `enum`, `items.maxLength`.
        facet: String,
        /// In the snapshot (`None`: absent).
        before: Option<String>,
        /// In the source (`None`: absent).
        after: Option<String>,
    },
    /// A route the source has and the snapshot lacks.
    RouteAdded {
        /// `GET`, `POST`, `DELETE`.
        method: String,
        /// The URI template.
        uri: String,
    },
    /// A route the snapshot has and the source lacks.
    RouteRemoved {
        /// `GET`, `POST`, `DELETE`.
        method: String,
        /// The URI template.
        uri: String,
    },
    /// One aspect of a route changed (a param added, removed or retyped,
    /// pagination, return types, permissions).
    RouteChanged {
        /// `GET`, `POST`, `DELETE`.
        method: String,
        /// The URI template.
        uri: String,
        /// What changed, e.g. `paginated`, `params.id_set` (a param added,
        /// removed or retyped: the values are its types), `params.q.optional`.
        facet: String,
        /// In the snapshot (`None`: absent).
        before: Option<String>,
        /// In the source (`None`: absent).
        after: Option<String>,
    },
}

impl Change {
    /// Whether only documentation differs (a description or a param doc).
    pub fn is_description_only(&self) -> bool {
        let facet = match self {
            Change::PropertyChanged { facet, .. } | Change::RouteChanged { facet, .. } => facet,
            _ => return false,
        };
        let last = facet.rsplit('.').next().unwrap_or(facet);
        last == "description" || last == "doc"
    }
}

/// The differences between two snapshots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DriftReport {
    /// The snapshot's release.
    pub before_release: String,
    /// The source's release.
    pub after_release: String,
    /// Changes that count as drift.
    pub changes: Vec<Change>,
    /// Changes to descriptions and docs only.
    pub description_changes: Vec<Change>,
    /// Changes under the parts of a type that Ruby code computes at
    /// start-up (present in a server's form only).
    pub computed_changes: Vec<Change>,
}

impl DriftReport {
    /// Whether there is drift: any change, or with `strict` also a
    /// description-only change.
    pub fn has_drift(&self, strict: bool) -> bool {
        !self.changes.is_empty() || (strict && !self.description_changes.is_empty())
    }
}

/// Compares two models: their record types and, when both have them,
/// their routes.
pub fn compare(before: &Model, after: &Model) -> DriftReport {
    let mut all = Vec::new();
    compare_types(before, after, &mut all);
    if let (Some(b), Some(a)) = (&before.routes, &after.routes) {
        compare_routes(b, a, &mut all);
    }
    let (computed_changes, all): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|change| is_computed(before, after, change));
    let (description_changes, changes) = all.into_iter().partition(Change::is_description_only);
    DriftReport {
        before_release: before.release.clone(),
        after_release: after.release.clone(),
        changes,
        description_changes,
        computed_changes,
    }
}

/// Whether `change` touches a part of a record type that either side says
/// Ruby code computes at start-up: a property added to or removed from a
/// computed property set, or a facet under a computed value (`defaults`'
/// `locale` enum, from the server's locales).
fn is_computed(before: &Model, after: &Model, change: &Change) -> bool {
    let (record, pointer) = match change {
        Change::PropertyAdded {
            record, property, ..
        }
        | Change::PropertyRemoved {
            record, property, ..
        } => (record, format!("/properties/{property}")),
        Change::PropertyChanged {
            record,
            property,
            facet,
            ..
        } => (
            record,
            format!("/properties/{property}/{}", facet.replace('.', "/")),
        ),
        _ => return false,
    };
    [before, after].iter().any(|model| {
        model.types.get(record).is_some_and(|ty| {
            ty.computed.iter().any(|part| {
                let under = pointer
                    .strip_prefix(part.pointer.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
                // A merged part adds keys beside the literal ones: a whole
                // property added or removed under it.
                let beside = part.merged
                    && matches!(
                        change,
                        Change::PropertyAdded { .. } | Change::PropertyRemoved { .. }
                    )
                    && pointer
                        .rsplit_once('/')
                        .is_some_and(|(parent, _)| parent == part.pointer);
                under || beside
            })
        })
    })
}

fn compare_types(before: &Model, after: &Model, out: &mut Vec<Change>) {
    let names: BTreeSet<&String> = before.types.keys().chain(after.types.keys()).collect();
    for name in names {
        match (before.types.get(name), after.types.get(name)) {
            (Some(_), None) => out.push(Change::TypeRemoved { name: name.clone() }),
            (None, Some(_)) => out.push(Change::TypeAdded { name: name.clone() }),
            (Some(b), Some(a)) => compare_record(b, a, out),
            (None, None) => {}
        }
    }
}

fn compare_record(before: &RecordType, after: &RecordType, out: &mut Vec<Change>) {
    let record = &before.name;
    if before.uri != after.uri {
        out.push(Change::TypeUriChanged {
            name: record.clone(),
            before: before.uri.clone(),
            after: after.uri.clone(),
        });
    }
    // Keep the source's property order for added ones, the snapshot's for
    // the rest, so the report reads in schema order.
    for (name, property) in &before.properties {
        match after.properties.get(name) {
            None => out.push(Change::PropertyRemoved {
                record: record.clone(),
                property: name.clone(),
                ty: render_type(&property.schema.ty),
            }),
            Some(new) => {
                let old_facets = facets(&property.schema);
                let new_facets = facets(&new.schema);
                diff_facets(&old_facets, &new_facets, |facet, before, after| {
                    out.push(Change::PropertyChanged {
                        record: record.clone(),
                        property: name.clone(),
                        facet,
                        before,
                        after,
                    })
                });
            }
        }
    }
    for (name, property) in &after.properties {
        if !before.properties.contains_key(name) {
            out.push(Change::PropertyAdded {
                record: record.clone(),
                property: name.clone(),
                ty: render_type(&property.schema.ty),
            });
        }
    }
}

/// Calls `report(facet, before, after)` for every facet that differs.
fn diff_facets(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
    mut report: impl FnMut(String, Option<String>, Option<String>),
) {
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for key in keys {
        let (b, a) = (before.get(key), after.get(key));
        if b != a {
            report(key.clone(), b.cloned(), a.cloned());
        }
    }
}

/// A short, readable rendering of a type.
pub fn render_type(ty: &Type) -> String {
    match ty {
        Type::Any => "any".into(),
        Type::String => "string".into(),
        Type::Integer => "integer".into(),
        Type::Number => "number".into(),
        Type::Boolean => "boolean".into(),
        Type::Null => "null".into(),
        Type::Date => "date".into(),
        Type::DateTime => "date-time".into(),
        Type::Array(items) => format!("array of {}", render_type(&items.ty)),
        Type::Object(_) => "object".into(),
        Type::Ref(r) => format!("ref to {}", r.targets.join(" | ")),
        Type::Record(name) => format!("JSONModel(:{name}) object"),
        Type::Uri(name) => format!("JSONModel(:{name}) uri"),
        Type::UriOrObject(name) => format!("JSONModel(:{name}) uri_or_object"),
        Type::Union(members) => members
            .iter()
            .map(|m| render_type(&m.ty))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

fn compact(value: &Value) -> String {
    value.to_string()
}

/// Flattens a schema into facet → rendered value.
fn facets(schema: &Schema) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    collect_facets(schema, "", &mut out);
    out
}

fn collect_facets(schema: &Schema, prefix: &str, out: &mut BTreeMap<String, String>) {
    let mut put = |name: &str, value: String| {
        out.insert(format!("{prefix}{name}"), value);
    };
    put("type", render_type(&schema.ty));
    if let Some(ifmissing) = schema.ifmissing {
        put(
            "ifmissing",
            match ifmissing {
                IfMissing::Error => "error".into(),
                IfMissing::Warn => "warn".into(),
            },
        );
    }
    if let Some(required) = schema.required {
        put("required", required.to_string());
    }
    if schema.readonly {
        put("readonly", "true".into());
    }
    if let Some(default) = &schema.default {
        put("default", compact(default));
    }
    if let Some(values) = &schema.enum_values {
        put("enum", compact(&Value::Array(values.clone())));
    }
    if let Some(name) = &schema.dynamic_enum {
        put("dynamic_enum", name.clone());
    }
    let numbers = [
        ("minLength", schema.min_length),
        ("maxLength", schema.max_length),
        ("minItems", schema.min_items),
        ("maxItems", schema.max_items),
    ];
    for (name, value) in numbers {
        if let Some(value) = value {
            put(name, value.to_string());
        }
    }
    if let Some(pattern) = &schema.pattern {
        put("pattern", pattern.clone());
    }
    if let Some(v) = &schema.minimum {
        put("minimum", compact(v));
    }
    if let Some(v) = &schema.maximum {
        put("maximum", compact(v));
    }
    if let Some(description) = &schema.description {
        put("description", description.clone());
    }
    for (key, value) in &schema.extra {
        put(key, compact(value));
    }
    match &schema.ty {
        Type::Array(items) => collect_facets(items, &format!("{prefix}items."), out),
        Type::Object(object) => {
            for (name, property) in &object.properties {
                collect_facets(property, &format!("{prefix}properties.{name}."), out);
            }
        }
        Type::Ref(reference) => {
            for (name, property) in &reference.properties {
                collect_facets(property, &format!("{prefix}properties.{name}."), out);
            }
        }
        Type::Union(members) => {
            for (i, member) in members.iter().enumerate() {
                collect_facets(member, &format!("{prefix}type[{i}]."), out);
            }
        }
        _ => {}
    }
}

/// (method, uri) → route.
fn routes(routes: &[Route]) -> BTreeMap<(String, String), &Route> {
    routes
        .iter()
        .map(|r| ((r.method.to_string(), r.path.to_string()), r))
        .collect()
}

/// Flattens a route into facet → value as text: its own facts, and each
/// param as `params.NAME` (its type) plus `params.NAME.KEY` for the rest.
fn route_facets(route: &Route) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(description) = &route.description {
        out.insert("description".to_owned(), description.clone());
    }
    out.insert(
        "paginated".to_owned(),
        (route.paging == Paging::Paginated).to_string(),
    );
    out.insert(
        "paged".to_owned(),
        (route.paging == Paging::Paged).to_string(),
    );
    let returns: Vec<Value> = route
        .returns
        .iter()
        .map(|r| Value::from(vec![Value::from(r.status), Value::from(r.text.as_str())]))
        .collect();
    out.insert("returns".to_owned(), compact(&Value::from(returns)));
    out.insert(
        "permissions".to_owned(),
        compact(&Value::from(route.permissions.clone())),
    );
    for param in &route.params {
        let name = &param.name;
        let ty = param
            .ty
            .as_ref()
            .map_or_else(|| "null".to_owned(), ToString::to_string);
        out.insert(format!("params.{name}"), ty);
        if let Some(doc) = &param.doc {
            out.insert(format!("params.{name}.doc"), doc.clone());
        }
        out.insert(
            format!("params.{name}.body"),
            (param.place == Place::Body).to_string(),
        );
        out.insert(
            format!("params.{name}.optional"),
            param.optional.to_string(),
        );
        out.insert(format!("params.{name}.default"), compact(&param.default));
    }
    out
}

/// Whether `facet` describes a detail of a param that only one side has
/// (reported once, as the param being added or removed).
fn detail_of_one_sided_param(
    facet: &str,
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> bool {
    let Some(rest) = facet.strip_prefix("params.") else {
        return false;
    };
    let Some((name, _detail)) = rest.split_once('.') else {
        return false;
    };
    let param = format!("params.{name}");
    before.contains_key(&param) != after.contains_key(&param)
}

fn compare_routes(before: &[Route], after: &[Route], out: &mut Vec<Change>) {
    let (old, new) = (routes(before), routes(after));
    for ((method, uri), route) in &old {
        match new.get(&(method.clone(), uri.clone())) {
            None => out.push(Change::RouteRemoved {
                method: method.clone(),
                uri: uri.clone(),
            }),
            Some(new_route) => {
                let (old_facets, new_facets) = (route_facets(route), route_facets(new_route));
                diff_facets(&old_facets, &new_facets, |facet, before, after| {
                    if detail_of_one_sided_param(&facet, &old_facets, &new_facets) {
                        return;
                    }
                    out.push(Change::RouteChanged {
                        method: method.clone(),
                        uri: uri.clone(),
                        facet,
                        before,
                        after,
                    })
                });
            }
        }
    }
    for (method, uri) in new.keys() {
        if !old.contains_key(&(method.clone(), uri.clone())) {
            out.push(Change::RouteAdded {
                method: method.clone(),
                uri: uri.clone(),
            });
        }
    }
}

/// Renders the report for people, one line a change, grouped.
pub fn render_text(report: &DriftReport, strict: bool) -> String {
    use std::fmt::Write;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "schema drift: snapshot {} vs source {}",
        report.before_release, report.after_release
    );
    if !report.has_drift(strict) {
        let _ = writeln!(text, "no drift");
    }
    for change in &report.changes {
        let _ = writeln!(text, "  {}", describe(change));
    }
    if !report.description_changes.is_empty() {
        let _ = writeln!(
            text,
            "description changes ({}){}:",
            report.description_changes.len(),
            if strict { "" } else { ", not counted as drift" }
        );
        for change in &report.description_changes {
            let _ = writeln!(text, "  {}", describe(change));
        }
    }
    if !report.computed_changes.is_empty() {
        let _ = writeln!(
            text,
            "computed at start-up ({}), not counted as drift:",
            report.computed_changes.len()
        );
        for change in &report.computed_changes {
            let _ = writeln!(text, "  {}", describe(change));
        }
    }
    let _ = writeln!(
        text,
        "{} changes, {} description changes, {} computed at start-up",
        report.changes.len(),
        report.description_changes.len(),
        report.computed_changes.len()
    );
    text
}

fn show(value: &Option<String>) -> String {
    match value {
        Some(v) => v.clone(),
        None => "(absent)".into(),
    }
}

fn describe(change: &Change) -> String {
    match change {
        Change::TypeAdded { name } => format!("+ type {name}"),
        Change::TypeRemoved { name } => format!("- type {name}"),
        Change::TypeUriChanged {
            name,
            before,
            after,
        } => format!("~ type {name}: uri {} -> {}", show(before), show(after)),
        Change::PropertyAdded {
            record,
            property,
            ty,
        } => format!("+ {record}.{property} ({ty})"),
        Change::PropertyRemoved {
            record,
            property,
            ty,
        } => format!("- {record}.{property} ({ty})"),
        Change::PropertyChanged {
            record,
            property,
            facet,
            before,
            after,
        } => format!(
            "~ {record}.{property} {facet}: {} -> {}",
            show(before),
            show(after)
        ),
        Change::RouteAdded { method, uri } => format!("+ route {method} {uri}"),
        Change::RouteRemoved { method, uri } => format!("- route {method} {uri}"),
        Change::RouteChanged {
            method,
            uri,
            facet,
            before,
            after,
        } => format!(
            "~ route {method} {uri} {facet}: {} -> {}",
            show(before),
            show(after)
        ),
    }
}
