//! A route's parameters as OpenAPI describes them: path and query
//! parameters, and the fields of form and multipart bodies.
//!
//! Where each goes is decided once, for the generated Rust requests too, by
//! [`crate::emit::requests::routes`]: path parameters in the path, a body
//! parameter as the body, files and the fields beside them as a multipart
//! body, the other parameters of a `POST` without a body as a form (which
//! keeps passwords and long queries out of URLs), and the rest in the
//! query. A list is Rack's `name[]` array: the bracketed name, each value
//! a parameter of its own (`style: form`, `explode: true`).

use serde_json::{json, Map, Value};

use super::schemas::component_ref;
use crate::emit::requests::routes::{Field, Location, PagingParam, Scalar};
use crate::ir::route::Paging;

/// The JSON Schema of one value of a field.
pub fn scalar_schema(scalar: &Scalar) -> Value {
    match scalar {
        Scalar::I64 => json!({"type": "integer"}),
        Scalar::U64 => json!({"type": "integer", "minimum": 0}),
        Scalar::Bool => json!({"type": "boolean"}),
        Scalar::String => json!({"type": "string"}),
        // `Scalar::Record` holds the JSONModel name here: the document
        // builds its specs with each record type named after itself.
        Scalar::Record(name) => component_ref(name),
        Scalar::Json => json!({}),
        Scalar::Bytes | Scalar::Upload => {
            json!({"type": "string", "contentMediaType": "application/octet-stream"})
        }
        Scalar::SortDirection => json!({"enum": ["asc", "desc"], "default": "asc"}),
    }
}

/// The name on the wire: Rack reads a list from `name[]`.
pub fn wire_name(field: &Field) -> String {
    if field.list && !field.wire.ends_with("[]") {
        format!("{}[]", field.wire)
    } else {
        field.wire.clone()
    }
}

/// The schema of a field's value, its list and its default.
pub fn field_schema(field: &Field) -> Value {
    let mut schema = scalar_schema(&field.scalar);
    if field.list {
        schema = json!({"type": "array", "items": schema});
    }
    if let (Some(param), Value::Object(map)) = (&field.param, &mut schema) {
        if !param.default.is_null() {
            map.insert("default".into(), param.default.clone());
        }
    }
    if field.paging == Some(PagingParam::PageSize) {
        schema = json!({"type": "integer", "minimum": 1, "maximum": 250, "default": 10});
    }
    schema
}

/// Whether the server refuses a request without the field.
pub fn field_required(field: &Field, paging: Paging) -> bool {
    match (&field.param, field.paging) {
        (_, _) if field.location == Location::Path => true,
        (Some(param), _) => !param.may_be_left_out(),
        // A paged route needs `page`; a paginated one `page`, `id_set` or
        // `all_ids`, which OpenAPI cannot say: none of them is required.
        (None, Some(PagingParam::Page)) => paging == Paging::Paged,
        (None, _) => false,
    }
}

/// A field's description: the route's doc text, and what its
/// declaration says.
pub fn field_description(field: &Field) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(doc) = field.param.as_ref().and_then(|p| p.doc.as_deref()) {
        let doc = doc.trim();
        if doc.ends_with(['.', '!', '?', ')']) {
            parts.push(doc.to_owned());
        } else if !doc.is_empty() {
            parts.push(format!("{doc}."));
        }
    }
    if let Some(ty) = field.param.as_ref().and_then(|p| p.ty.as_ref()) {
        parts.push(format!("Declared type: `{ty}`."));
    }
    match field.paging {
        Some(PagingParam::Page) => parts.push("The page to fetch, from 1.".to_owned()),
        Some(PagingParam::PageSize) => parts.push(
            "Records per page (at most the site's `max_page_size`, 250 by default).".to_owned(),
        ),
        Some(PagingParam::Plain) => parts.push(plain_paging_doc(&field.wire).to_owned()),
        None => {}
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn plain_paging_doc(wire: &str) -> &'static str {
    match wire {
        "modified_since" => "Only records modified since this time (seconds since the epoch).",
        "sort_field" => "The field to sort by (`id` by default).",
        "sort_direction" => "`asc` (the default) or `desc`.",
        "resolve" => "References to resolve and embed in the answer, by property name.",
        _ => "A listing option ArchivesSpace adds to paged routes.",
    }
}

/// A path or query parameter object.
pub fn parameter(field: &Field, paging: Paging) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(wire_name(field)));
    let place = if field.location == Location::Path {
        "path"
    } else {
        "query"
    };
    out.insert("in".into(), json!(place));
    if let Some(description) = field_description(field) {
        out.insert("description".into(), json!(description));
    }
    out.insert("required".into(), json!(field_required(field, paging)));
    if field.list {
        out.insert("style".into(), json!("form"));
        out.insert("explode".into(), json!(true));
    }
    let schema = match &field.scalar {
        // A record in the query is its JSON text (`aq` of the searches).
        Scalar::Record(_) | Scalar::Json if !field.list => json!({
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": field_schema(field),
        }),
        _ => field_schema(field),
    };
    out.insert("schema".into(), schema);
    Value::Object(out)
}

/// The parameters a paginated route takes besides a page, which
/// ArchivesSpace's paging adds: every id, or the records of some ids.
pub fn id_parameters() -> Vec<Value> {
    vec![
        json!({
            "name": "all_ids",
            "in": "query",
            "description": "Answer every record's id (an array of integers) instead of a page.",
            "required": false,
            "schema": {"type": "boolean"}
        }),
        json!({
            "name": "id_set",
            "in": "query",
            "description": "Answer the records with these ids (at most the site's \
                            `max_page_size`), instead of a page: one comma-separated value.",
            "required": false,
            "style": "form",
            "explode": false,
            "schema": {"type": "array", "items": {"type": "integer"}}
        }),
    ]
}
