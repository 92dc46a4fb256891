//! What the backend does to a record before it validates it.
//!
//! `JSONModel.from_hash` (ArchivesSpace's `common/jsonmodel_type.rb`) first
//! drops every empty value (`nil`, `""`, `{}`, at any depth, and the same
//! elements of arrays), then every key the schema does not declare and every
//! read-only one (`JSONSchemaUtils.drop_unknown_properties`). So an empty
//! string counts as missing, and a stray key is never an error. It then
//! drops empty values once more, before validating. Walking
//! into arrays of union members, that code picks each element's schema by its
//! `jsonmodel_type`; an element without one is refused outright, with the
//! message built here.

use serde_json::{Map, Value};

use super::schema::{Catalog, Node, Property, Schema, Ty};

/// An element the backend cannot match to a schema while cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unmatched {
    /// Its path, `notes/0`.
    pub path: String,
}

/// The record as the backend validates it.
pub(super) fn clean(
    catalog: &Catalog,
    schema: &Schema,
    record: &Value,
) -> Result<Value, Unmatched> {
    let mut record = record.clone();
    drop_empty(&mut record);
    let mut path = Vec::new();
    let mut record = map_record(catalog, schema.properties, record, &mut path)?;
    // `JSONModel.validate` cleans once more, so what dropping read-only
    // keys emptied (a ref object whose `ref` is read-only) goes as well.
    drop_empty(&mut record);
    Ok(record)
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// `JSONSchemaUtils.drop_empty_elements`: innermost first, so that an object
/// emptied by its own blanks goes too.
fn drop_empty(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for child in map.values_mut() {
                drop_empty(child);
            }
            map.retain(|_, child| !is_blank(child));
        }
        Value::Array(items) => {
            for child in items.iter_mut() {
                drop_empty(child);
            }
            items.retain(|child| !is_blank(child));
        }
        _ => {}
    }
}

/// `map_hash_with_schema` with the transformation that keeps declared,
/// writable keys only.
fn map_record(
    catalog: &Catalog,
    properties: &[Property],
    record: Value,
    path: &mut Vec<String>,
) -> Result<Value, Unmatched> {
    let Value::Object(map) = record else {
        return Ok(record);
    };
    let mut result = Map::with_capacity(map.len());
    for (key, value) in map {
        let Some(property) = properties.iter().find(|p| p.name == key) else {
            continue;
        };
        if property.node.readonly {
            continue;
        }
        path.push(key.clone());
        let value = map_property(catalog, &property.node, value, path)?;
        path.pop();
        result.insert(key, value);
    }
    Ok(Value::Object(result))
}

fn map_property(
    catalog: &Catalog,
    node: &Node,
    value: Value,
    path: &mut Vec<String>,
) -> Result<Value, Unmatched> {
    match (&node.ty, value) {
        (Ty::Object, value) => map_node(catalog, node, value, path),
        (Ty::Array, Value::Array(items)) => {
            let Some(item) = node.items() else {
                return Ok(Value::Array(items));
            };
            let mut mapped = Vec::with_capacity(items.len());
            for (index, element) in items.into_iter().enumerate() {
                path.push(index.to_string());
                let element = match &item.ty {
                    Ty::Union(members) => map_member(catalog, members, element, path)?,
                    Ty::Object => map_node(catalog, item, element, path)?,
                    ty => map_named(catalog, ty, element, path)?,
                };
                path.pop();
                mapped.push(element);
            }
            Ok(Value::Array(mapped))
        }
        (Ty::Union(members), Value::Array(items)) => {
            let mut mapped = Vec::with_capacity(items.len());
            for element in items {
                mapped.push(map_member(catalog, members, element, path)?);
            }
            Ok(Value::Array(mapped))
        }
        (Ty::Union(members), value @ Value::Object(_)) => map_member(catalog, members, value, path),
        (ty, value) => map_named(catalog, ty, value, path),
    }
}

/// An anonymous object: mapped by its own properties when it declares any.
fn map_node(
    catalog: &Catalog,
    node: &Node,
    value: Value,
    path: &mut Vec<String>,
) -> Result<Value, Unmatched> {
    match node.properties() {
        Some(properties) => map_record(catalog, properties, value, path),
        None => Ok(value),
    }
}

/// A value whose schema is a record type named by `JSONModel(:x) ...`.
fn map_named(
    catalog: &Catalog,
    ty: &Ty,
    value: Value,
    path: &mut Vec<String>,
) -> Result<Value, Unmatched> {
    match ty {
        Ty::Record(name) | Ty::Uri(name) | Ty::UriOrObject(name) => match catalog.get(name) {
            Some(schema) => map_record(catalog, schema.properties, value, path),
            None => Ok(value),
        },
        _ => Ok(value),
    }
}

/// `determine_schema_for`: a union member is picked by the element's
/// `jsonmodel_type`.
fn map_member(
    catalog: &Catalog,
    members: &[Node],
    value: Value,
    path: &mut Vec<String>,
) -> Result<Value, Unmatched> {
    if !value.is_object() {
        return Ok(value);
    }
    let Some(Value::String(jsonmodel_type)) = value.get("jsonmodel_type") else {
        return Err(Unmatched {
            path: path.join("/"),
        });
    };
    let member = members.iter().find(|member| {
        matches!(&member.ty, Ty::Record(name) | Ty::Uri(name) | Ty::UriOrObject(name)
            if name == jsonmodel_type)
    });
    match member {
        Some(member) => map_named(catalog, &member.ty, value, path),
        None => Err(Unmatched {
            path: path.join("/"),
        }),
    }
}
