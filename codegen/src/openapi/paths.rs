//! `paths`: one operation per route of the model.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::parameters::{
    field_description, field_required, field_schema, id_parameters, parameter, wire_name,
};
use super::responses::responses;
use super::OpenApiError;
use crate::emit::requests::routes::{spec, Field, Location, Scalar, Spec};
use crate::ir::route::{Paging, PathPiece, PathTemplate};
use crate::ir::{Model, Route};

/// The security scheme of the session header.
pub const SESSION_SCHEME: &str = "session";

/// Every route of the model as an operation, under its path.
pub fn paths(model: &Model, routes: &[Route]) -> Result<Map<String, Value>, OpenApiError> {
    // Each record type named after itself, so that the specs hold
    // JSONModel names where the Rust generator holds type names.
    let records: BTreeMap<String, String> =
        model.types.keys().map(|k| (k.clone(), k.clone())).collect();
    let mut out: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut operation_ids: BTreeMap<String, String> = BTreeMap::new();
    for route in routes {
        let spec = spec(route, &records).map_err(OpenApiError)?;
        let key = openapi_path(&route.path);
        let method = route.method.as_str().to_lowercase();
        let id = operation_id(route);
        if let Some(other) = operation_ids.insert(id.clone(), route.label()) {
            return Err(OpenApiError(format!(
                "{} and {other} would both be the operation `{id}`",
                route.label()
            )));
        }
        let item = out.entry(key.clone()).or_default();
        if item.contains_key(&method) {
            return Err(OpenApiError(format!(
                "{} is declared twice (as the OpenAPI path {key})",
                route.label()
            )));
        }
        item.insert(method, operation(&spec, id));
    }
    Ok(out
        .into_iter()
        .map(|(k, v)| (k, Value::Object(v)))
        .collect())
}

/// `/x/:id.:fmt/*` as OpenAPI writes it: `/x/{id}.{fmt}/{splat}`.
pub fn openapi_path(path: &PathTemplate) -> String {
    let mut out = String::new();
    for segment in path.segments() {
        out.push('/');
        for piece in segment {
            match piece {
                PathPiece::Literal(text) => out.push_str(text),
                PathPiece::Param(name) => out.push_str(&format!("{{{name}}}")),
                PathPiece::Splat => out.push_str("{splat}"),
            }
        }
    }
    // `/` alone, or a pattern's trailing slash.
    let text = path.to_string();
    if out.is_empty() || (text.ends_with('/') && text != "/") {
        out.push('/');
    }
    out
}

/// `get_repositories_repo_id_accessions_id` for `GET
/// /repositories/:repo_id/accessions/:id`: the method and the path's words.
fn operation_id(route: &Route) -> String {
    let mut id = route.method.as_str().to_lowercase();
    let path = route.path.to_string();
    for word in path.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            id.push('_');
            id.push_str(word);
        }
    }
    if path.contains('*') {
        id.push_str("_splat");
    }
    id
}

/// The tag of a route: its first path word after the repository.
fn tag(route: &Route) -> String {
    let words: Vec<&str> = route
        .path
        .segments()
        .iter()
        .filter_map(|s| match s.as_slice() {
            [PathPiece::Literal(text)] => Some(text.as_str()),
            _ => None,
        })
        .collect();
    match words.as_slice() {
        ["repositories", next, ..] => next,
        [first, ..] => first,
        [] => "root",
    }
    .to_string()
}

fn needs_session(route: &Route) -> bool {
    !route.permissions.is_empty()
}

fn is_login(route: &Route) -> bool {
    route.path.to_string().ends_with("/login")
}

fn operation(spec: &Spec, id: String) -> Value {
    let route = &spec.route;
    let mut out = Map::new();
    out.insert("operationId".into(), json!(id));
    out.insert("tags".into(), json!([tag(route)]));
    if let Some(summary) = route
        .description
        .as_deref()
        .and_then(|d| d.lines().next())
        .filter(|d| !d.trim().is_empty())
    {
        out.insert("summary".into(), json!(summary.trim()));
    }
    out.insert("description".into(), json!(description(route)));
    if is_login(route) {
        out.insert("security".into(), json!([]));
    } else if !needs_session(route) {
        // No permission is checked: the route answers without a session
        // too (as the anonymous user), and with one.
        out.insert("security".into(), json!([{}, { SESSION_SCHEME: [] }]));
    }

    let mut parameters = Vec::new();
    for field in &spec.fields {
        if matches!(field.location, Location::Path | Location::Query) {
            parameters.push(parameter(field, route.paging));
        }
    }
    if route.paging == Paging::Paginated {
        parameters.extend(id_parameters());
    }
    if !parameters.is_empty() {
        out.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = request_body(spec) {
        out.insert("requestBody".into(), body);
    }
    out.insert("responses".into(), responses(spec, !is_login(route)));
    out.insert("x-archivesspace-source".into(), json!(route.source));
    if !route.permissions.is_empty() {
        out.insert(
            "x-archivesspace-permissions".into(),
            json!(route.permissions),
        );
    }
    Value::Object(out)
}

fn description(route: &Route) -> String {
    let mut parts = Vec::new();
    if let Some(description) = route.description.as_deref() {
        parts.push(description.trim().to_owned());
    }
    if let Some(documentation) = route.documentation.as_deref() {
        parts.push(documentation.trim().to_owned());
    }
    if route.permissions.is_empty() {
        parts.push("Permissions: none.".to_owned());
    } else {
        let names: Vec<String> = route.permissions.iter().map(|p| format!("`{p}`")).collect();
        parts.push(format!("Permissions: {}.", names.join(", ")));
    }
    match route.paging {
        Paging::Paginated => parts.push(
            "Paginated: give `page` (and `page_size`), `all_ids=true` or `id_set`.".to_owned(),
        ),
        Paging::Paged => parts.push("Paged: give `page` (and `page_size`).".to_owned()),
        Paging::None => {}
    }
    parts.push(format!("Declared at `{}`.", route.source));
    parts.join("\n\n")
}

/// The body: a record or raw bytes, a form of the other parameters of a
/// `POST`, or a multipart body of files and the fields beside them.
fn request_body(spec: &Spec) -> Option<Value> {
    let route = &spec.route;
    if let Some(body) = spec.fields.iter().find(|f| f.location == Location::Body) {
        // ArchivesSpace reads a raw body (`body_stream`, or a `String`
        // declared the body) as the JSON text it holds: a batch import's
        // records, a map of barcodes.
        let schema = match &body.scalar {
            Scalar::Bytes | Scalar::String => json!({}),
            _ => field_schema(body),
        };
        let media = "application/json";
        let mut out = Map::new();
        if let Some(description) = field_description(body) {
            out.insert("description".into(), json!(description));
        }
        out.insert("required".into(), json!(true));
        out.insert("content".into(), json!({ media: { "schema": schema } }));
        return Some(Value::Object(out));
    }
    let multipart: Vec<&Field> = spec
        .fields
        .iter()
        .filter(|f| matches!(f.location, Location::Multipart | Location::Files))
        .collect();
    if !multipart.is_empty() {
        let (schema, encoding) = form_schema(&multipart, route.paging);
        return Some(json!({
            "required": true,
            "content": {"multipart/form-data": {"schema": schema, "encoding": encoding}}
        }));
    }
    let form: Vec<&Field> = spec
        .fields
        .iter()
        .filter(|f| f.location == Location::Form)
        .collect();
    if !form.is_empty() {
        let required = form.iter().any(|f| field_required(f, route.paging));
        let (schema, encoding) = form_schema(&form, route.paging);
        let mut media = Map::new();
        media.insert("schema".into(), schema);
        if encoding.as_object().is_some_and(|e| !e.is_empty()) {
            media.insert("encoding".into(), encoding);
        }
        return Some(json!({
            "required": required,
            "content": {"application/x-www-form-urlencoded": Value::Object(media)}
        }));
    }
    None
}

/// The object schema of a form or multipart body, and its `encoding`:
/// lists as Rack's repeated `name[]` fields, records as JSON parts.
fn form_schema(fields: &[&Field], paging: Paging) -> (Value, Value) {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut encoding = Map::new();
    for field in fields {
        let name = wire_name(field);
        let mut schema = field_schema(field);
        if let (Some(description), Value::Object(map)) = (field_description(field), &mut schema) {
            if !map.contains_key("$ref") {
                map.insert("description".into(), json!(description));
            }
        }
        properties.insert(name.clone(), schema);
        if field_required(field, paging) {
            required.push(json!(name));
        }
        if field.list {
            encoding.insert(name.clone(), json!({"style": "form", "explode": true}));
        }
        if matches!(field.scalar, Scalar::Record(_) | Scalar::Json) {
            encoding.insert(name, json!({"contentType": "application/json"}));
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required));
    }
    (Value::Object(schema), Value::Object(encoding))
}
