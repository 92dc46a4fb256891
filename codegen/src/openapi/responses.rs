//! A route's responses: its `200` answer, typed as the generated Rust
//! requests type it ([`crate::emit::requests::routes`], with the known
//! corrections of declared returns), and the error bodies ArchivesSpace
//! sends (`exceptions.rb`'s handlers and `main.rb`'s session check).

use serde_json::{json, Map, Value};

use super::schemas::{
    component_ref, page_schema, DELETED, ERROR, LOGIN, MODIFIED, SESSION_ERROR, SUPPRESSED,
    VALIDATION_ERROR,
};
use crate::emit::requests::routes::{Response, Spec, TreeAnswer};
use crate::ir::route::{Method, Paging};

/// The `responses` object of one route.
pub fn responses(spec: &Spec, needs_session: bool) -> Value {
    let route = &spec.route;
    let mut out = Map::new();
    let declared = |status: u16| {
        route
            .returns
            .iter()
            .filter(|r| r.status == status && !r.text.trim().is_empty())
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
    };
    let mut success = Map::new();
    let mut description = declared(200).join("; ");
    if description.is_empty() {
        description = "Success.".to_owned();
    }
    if route.paging == Paging::Paginated {
        description.push_str(
            " With `page`, one page of the records; with `all_ids`, every id; with \
             `id_set`, the records of those ids.",
        );
    }
    success.insert("description".into(), json!(description));
    if let Some((media, schema)) = success_body(spec) {
        success.insert("content".into(), json!({ media: { "schema": schema } }));
    }
    out.insert("200".into(), Value::Object(success));

    let mut errors: Vec<(u16, &str, Value)> = vec![(
        400,
        "Bad parameters (`{\"error\": {param: [messages]}}`), a record that failed validation \
         (`error` and `warning` by property path), a reference to a record that does not \
         exist, or a database constraint (`db_error`).",
        json!({"anyOf": [component_ref(VALIDATION_ERROR), component_ref(ERROR)]}),
    )];
    if needs_session {
        errors.push((
            403,
            "Access denied: the session's user lacks a permission the route needs.",
            component_ref(ERROR),
        ));
    }
    errors.push((
        404,
        "No such record, or no such route (`{\"error\": \"Sinatra::NotFound\"}`).",
        component_ref(ERROR),
    ));
    if route.method != Method::Get {
        errors.push((
            409,
            "A conflict: the record changed since it was read (a stale `lock_version`), or \
             the change would break a rule between records.",
            component_ref(ERROR),
        ));
    }
    errors.push((
        412,
        "The session sent in `X-ArchivesSpace-Session` is unknown or has expired.",
        component_ref(SESSION_ERROR),
    ));
    for (status, text, schema) in errors {
        let mut description = text.to_owned();
        let own = declared(status);
        if !own.is_empty() {
            description = format!("{}. {description}", own.join("; "));
        }
        out.insert(
            status.to_string(),
            json!({
                "description": description,
                "content": {"application/json": {"schema": schema}}
            }),
        );
    }
    // Other statuses the route declares.
    for r in &route.returns {
        let key = r.status.to_string();
        if !out.contains_key(&key) {
            let text = if r.text.trim().is_empty() {
                format!("Status {}.", r.status)
            } else {
                r.text.clone()
            };
            out.insert(key, json!({ "description": text }));
        }
    }
    Value::Object(out)
}

/// The media type and schema of the `200` body, if it has one.
fn success_body(spec: &Spec) -> Option<(&'static str, Value)> {
    let route = &spec.route;
    let path = route.path.to_string();
    if path.ends_with("/login") {
        return Some(("application/json", component_ref(LOGIN)));
    }
    if path.ends_with("/batch_imports") {
        // Written as the import runs: a JSON array of status objects, the
        // last of which says what was saved or what failed.
        return Some((
            "application/json",
            json!({
                "type": "array",
                "description": "Streamed while the import runs: status objects, the last one \
                                with `saved` (the URIs made) or `errors`.",
                "items": {"type": "object"}
            }),
        ));
    }
    let json = |schema: Value| Some(("application/json", schema));
    match &spec.response {
        Response::Record(name) => json(component_ref(name)),
        Response::Records(name) => json(json!({"type": "array", "items": component_ref(name)})),
        Response::Refs(name) => json(json!({
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"ref": {"type": "string"}},
                "required": ["ref"],
                "description": format!("A link to a `{name}` record.")
            }
        })),
        Response::Page(item) => {
            let item = item.as_deref().map_or_else(|| json!({}), component_ref);
            let page = page_schema(item.clone());
            match route.paging {
                Paging::Paginated => json(json!({
                    "anyOf": [
                        page,
                        {"type": "array", "items": {"type": "integer"},
                         "description": "`all_ids`: every record's id."},
                        {"type": "array", "items": item,
                         "description": "`id_set`: the records of those ids."}
                    ]
                })),
                _ => json(page),
            }
        }
        Response::Modified => json(component_ref(MODIFIED)),
        Response::Deleted => json(component_ref(DELETED)),
        Response::Suppressed => json(component_ref(SUPPRESSED)),
        Response::Json => json(json!({})),
        Response::Raw => {
            let media = raw_media(&path);
            Some((media, json!({"type": "string", "contentMediaType": media})))
        }
        Response::Tree(answer) => json(match answer {
            TreeAnswer::Waypoint => json!({"type": "array", "items": {"type": "object"}}),
            TreeAnswer::Root | TreeAnswer::Node | TreeAnswer::Paths => json!({"type": "object"}),
        }),
    }
}

/// The media type of a route that answers bytes rather than JSON, as its
/// code labels them: by the file its path names (`:id.xml`, `.tsv`,
/// `.csv`), or the type the route sets; any other bytes (a static asset, a
/// job's output file, a spreadsheet) are `application/octet-stream`.
fn raw_media(path: &str) -> &'static str {
    let last = path.rsplit('/').next().unwrap_or(path);
    match last.rsplit_once('.').map(|(_, ext)| ext) {
        Some("xml") => return "application/xml",
        Some("csv") => return "text/csv",
        Some("tsv") => return "text/tab-separated-values",
        _ => {}
    }
    match last {
        // `/config/enumerations/csv`.
        "csv" => "text/csv",
        // A job's log (`job.rb`) is sent as plain text.
        "log" if path.contains("/jobs/") => "text/plain",
        // `/version` and `/system/log` set no type: Sinatra's default.
        "version" | "log" | "oai_sample" => "text/html",
        // The OAI-PMH responder (`oai.rb`).
        "oai" => "text/xml",
        _ => "application/octet-stream",
    }
}
