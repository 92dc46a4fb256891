//! An OpenAPI 3.1 description of a release's API, from the IR: every route
//! an operation ([`paths`]) with its parameters ([`parameters`]) and
//! responses ([`responses`]), every record type a JSON Schema 2020-12
//! ([`schemas`], its Ruby patterns translated by [`pattern`]), and the
//! session header as the security scheme.
//!
//! The document is a [`serde_json::Value`] built in a fixed order, so the
//! same snapshot always gives the same text ([`to_text`]).

pub mod parameters;
pub mod paths;
pub mod pattern;
pub mod responses;
pub mod schemas;

use serde_json::{json, Map, Value};

use crate::snapshot::Snapshot;

/// Why a model has no OpenAPI document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("OpenAPI document: {0}")]
pub struct OpenApiError(pub String);

/// The OpenAPI document of a snapshot's release.
pub fn document(snapshot: &Snapshot) -> Result<Value, OpenApiError> {
    let model = snapshot
        .model()
        .map_err(|e| OpenApiError(format!("the snapshot does not make a model: {e}")))?;
    let model = &model;
    let source = &snapshot.source;
    let Some(routes) = &model.routes else {
        return Err(OpenApiError(
            "the snapshot has no routes (no endpoints.json): it was imported from a server, \
             whose GET /schemas holds only the record types; import it from a source tree"
                .to_owned(),
        ));
    };
    let paths = paths::paths(model, routes)?;
    let schemas = schemas::component_schemas(model)?;
    let plugins = if source.plugins.is_empty() {
        String::new()
    } else {
        format!(" with the plugins {}", source.plugins.join(", "))
    };
    let description = format!(
        "The REST API of the ArchivesSpace backend, {release}{plugins}, read from its \
         controllers' endpoint DSL and its JSONModel schemas by archivesspace-codegen \
         (snapshot {digest}).\n\n\
         Log in with `POST /users/{{username}}/login` (form field `password`) and send the \
         `session` it answers in the `X-ArchivesSpace-Session` header.\n\n\
         The record schemas are JSON Schema 2020-12, faithful to JSONModel for validation, \
         with two differences that JSON Schema cannot express: the backend drops empty \
         values (`null`, `\"\"`, `{{}}`), read-only properties and properties it does not \
         know before it validates, so such values never fail there; and values of dynamic \
         enumerations (`x-archivesspace-dynamic-enum`), references to records that do not \
         exist, uniqueness and the checks of `common/validations.rb` are decided by the \
         backend alone.",
        release = model.release,
        digest = snapshot.content_digest(),
    );
    let mut info = Map::new();
    info.insert(
        "title".into(),
        json!(format!("ArchivesSpace {}{plugins}", model.release)),
    );
    info.insert("version".into(), json!(model.release));
    info.insert("description".into(), json!(description));
    info.insert(
        "license".into(),
        json!({"name": "ECL-2.0", "identifier": "ECL-2.0"}),
    );

    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.1.0"));
    out.insert("info".into(), Value::Object(info));
    out.insert(
        "jsonSchemaDialect".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    out.insert(
        "servers".into(),
        json!([{
            "url": "{backend}",
            "description": "An ArchivesSpace backend.",
            "variables": {"backend": {"default": "http://localhost:8089"}}
        }]),
    );
    out.insert("security".into(), json!([{ paths::SESSION_SCHEME: [] }]));
    out.insert("paths".into(), Value::Object(paths));
    out.insert(
        "components".into(),
        json!({
            "schemas": Value::Object(schemas),
            "securitySchemes": {
                paths::SESSION_SCHEME: {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-ArchivesSpace-Session",
                    "description": "The `session` a login answers."
                }
            }
        }),
    );
    Ok(Value::Object(out))
}

/// The document's text: pretty JSON in the document's own key order, with
/// a final newline.
pub fn to_text(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}
