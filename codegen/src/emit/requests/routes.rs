//! From a route of `endpoints.json` to what its request type holds: fields
//! with Rust types and where each is sent, the body, the response type and
//! paging. Rendering is [`super::render`]'s job.

use std::collections::{BTreeMap, BTreeSet};

use crate::endpoints::{Param, Route};

use super::corrections::{correction, Actual};
use super::names::{self, field_ident, Piece, RouteName};

/// The largest page ArchivesSpace serves (`AppConfig[:max_page_size]`'s
/// default), as the runtime's `MAX_PAGE_SIZE`.
const MAX_PAGE_SIZE: u64 = 250;

/// A value's Rust type, before `Option`/`Vec` wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    /// `Integer` → `i64`.
    I64,
    /// `NonNegativeInteger` → `u64`.
    U64,
    /// `BooleanParam` → `bool`.
    Bool,
    /// `String`, `Username`, no type, or a type the generator does not know.
    String,
    /// `JSONModel(:x)` of a known record type: its Rust name.
    Record(String),
    /// `JSONModel(:x)` of a type the snapshot lacks: `serde_json::Value`.
    Json,
    /// `body_stream`: the raw body.
    Bytes,
    /// `UploadFile`.
    Upload,
    /// `sort_direction` of paginated routes.
    SortDirection,
}

/// Where a field is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// Rendered into the path.
    Path,
    /// A query parameter.
    Query,
    /// A field of a `application/x-www-form-urlencoded` body.
    Form,
    /// A text field of a `multipart/form-data` body.
    Multipart,
    /// The files of a `multipart/form-data` body.
    Files,
    /// The whole body.
    Body,
}

/// Paging parameters ArchivesSpace adds to paginated and paged routes
/// (`RESTHelpers#process_pagination_params` in `rest.rb`), which are not
/// declared by the routes themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `page`: always sent (at least 1).
    Page,
    /// `page_size`: clamped to 1..=250 when sent.
    PageSize,
    /// Sent like a declared parameter.
    Plain,
}

/// One field of a request type.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Rust field name.
    pub ident: String,
    /// The name on the wire.
    pub wire: String,
    /// The type.
    pub scalar: Scalar,
    /// `Vec<_>` (Rack's `name[]` array).
    pub list: bool,
    /// `Option<_>` (lists are never wrapped: empty means left out).
    pub optional: bool,
    /// Where it goes.
    pub location: Location,
    /// Set when the field is one of the paging parameters.
    pub paging: Option<Paging>,
    /// Doc lines (Markdown, already escaped).
    pub doc: Vec<String>,
    /// The declared type as text, for the type's docs.
    pub declared: String,
}

impl Field {
    /// Whether `new` takes it: path parameters, and declared parameters
    /// that are neither optional nor defaulted (lists included).
    pub fn required(&self) -> bool {
        self.location == Location::Path || (self.paging.is_none() && !self.optional)
    }
}

/// A request's response type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// A record type (Rust name).
    Record(String),
    /// `Vec` of a record type.
    Records(String),
    /// `Vec<Ref<T>>`.
    Refs(String),
    /// `Page<T>`, `Page<Value>` when `None`.
    Page(Option<String>),
    /// The shared create/update answer.
    Modified,
    /// The shared delete answer.
    Deleted,
    /// The shared suppression answer.
    Suppressed,
    /// `serde_json::Value`.
    Json,
    /// `RawResponse`, read with `ResponseFormat::Raw`.
    Raw,
}

/// Whether a route pages, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    /// Neither.
    No,
    /// `.paginated(true)`: `page`, or `id_set`, or `all_ids`.
    Paginated,
    /// `.paged(true)`: `page` only.
    Paged,
}

/// Everything needed to render one request type.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The route as imported.
    pub route: Route,
    /// Its name.
    pub name: RouteName,
    /// Fields in order: path parameters (in path order), declared parameters
    /// (in declared order), paging parameters.
    pub fields: Vec<Field>,
    /// The response type.
    pub response: Response,
    /// Notes on the response for the docs (declared text, corrections).
    pub response_doc: Vec<String>,
    /// Paging.
    pub pages: Pages,
}

/// Analyses one route. `records` maps JSONModel names to Rust type names.
pub fn spec(route: &Route, records: &BTreeMap<String, String>) -> Result<Spec, String> {
    let here = format!("{} {}", route.method, route.uri);
    let name = names::route_name(&route.method, &route.uri)?;
    let pages = if route.paginated {
        Pages::Paginated
    } else if route.paged {
        Pages::Paged
    } else {
        Pages::No
    };

    let mut path_params: Vec<String> = Vec::new();
    for segment in names::segments(&route.uri) {
        for piece in segment {
            if let Piece::Param(p) = piece {
                if !path_params.contains(&p) {
                    path_params.push(p);
                }
            }
        }
    }

    let declared: BTreeMap<&str, &Param> =
        route.params.iter().map(|p| (p.name.as_str(), p)).collect();
    if declared.len() != route.params.len() {
        return Err(format!("{here}: a parameter is declared twice"));
    }
    let has_body = route
        .params
        .iter()
        .any(|p| p.body || p.ty.as_deref() == Some("body_stream"));
    let has_files = route
        .params
        .iter()
        .any(|p| matches!(p.ty.as_deref(), Some("UploadFile" | "[UploadFile]")));
    // ArchivesSpace reads parameters from the query and from a form body
    // alike (Sinatra's `params`). A POST that has no body of its own sends
    // them as a form, which keeps passwords and long search queries out of
    // URLs (and so out of proxy and access logs); a route with a JSON body
    // can only take them in the query.
    let other_location = if has_files {
        Location::Multipart
    } else if route.method == "POST" && !has_body {
        Location::Form
    } else {
        Location::Query
    };

    let mut fields = Vec::new();
    for p in &path_params {
        let param = declared.get(p.as_str()).copied();
        let (scalar, list, mut notes) = match param {
            Some(param) => param_type(param.ty.as_deref(), records),
            None => (
                Scalar::String,
                false,
                vec!["Not declared by the route; part of its path.".to_owned()],
            ),
        };
        if list || !matches!(scalar, Scalar::I64 | Scalar::U64 | Scalar::String) {
            return Err(format!(
                "{here}: the path parameter `{p}` is declared as `{}`, which cannot be part of a path",
                param.and_then(|p| p.ty.clone()).unwrap_or_default()
            ));
        }
        if param.is_some_and(|p| p.optional || !p.default.is_null()) {
            notes.push("Declared optional, but the path cannot do without it.".to_owned());
        }
        fields.push(field(p, param, scalar, false, false, Location::Path, notes));
    }
    for param in &route.params {
        if path_params.contains(&param.name) {
            continue;
        }
        let (scalar, list, notes) = param_type(param.ty.as_deref(), records);
        let is_body = param.body || param.ty.as_deref() == Some("body_stream");
        let location = if is_body {
            Location::Body
        } else if scalar == Scalar::Upload {
            Location::Files
        } else {
            other_location
        };
        if scalar == Scalar::Upload && location != Location::Files {
            return Err(format!(
                "{here}: `{}` uploads a file as the body",
                param.name
            ));
        }
        let optional = (param.optional || !param.default.is_null()) && location != Location::Body;
        fields.push(field(
            &param.name,
            Some(param),
            scalar,
            list,
            optional,
            location,
            notes,
        ));
    }
    if fields
        .iter()
        .filter(|f| f.location == Location::Body)
        .count()
        > 1
    {
        return Err(format!("{here}: more than one parameter is the body"));
    }
    if fields
        .iter()
        .filter(|f| f.location == Location::Files)
        .count()
        > 1
    {
        return Err(format!("{here}: more than one parameter uploads files"));
    }
    if pages != Pages::No {
        add_paging(&mut fields, pages, other_location);
    }

    let mut idents = BTreeSet::new();
    for f in &fields {
        if !idents.insert(f.ident.as_str()) {
            return Err(format!(
                "{here}: two parameters would both be the field `{}`",
                f.ident
            ));
        }
    }

    let (response, response_doc) = response(route, records, pages);
    Ok(Spec {
        route: route.clone(),
        name,
        fields,
        response,
        response_doc,
        pages,
    })
}

fn field(
    name: &str,
    param: Option<&Param>,
    scalar: Scalar,
    list: bool,
    optional: bool,
    location: Location,
    notes: Vec<String>,
) -> Field {
    let mut doc = Vec::new();
    if let Some(text) = param.and_then(|p| p.doc.as_deref()) {
        let text = super::render::escape(text);
        if !text.is_empty() {
            doc.push(text);
        }
    }
    let declared = param
        .and_then(|p| p.ty.clone())
        .unwrap_or_else(|| "(none)".to_owned());
    let mut detail = match location {
        Location::Path => format!("Path parameter `:{name}`"),
        Location::Query if list => format!("Query parameter `{name}[]`"),
        Location::Query => format!("Query parameter `{name}`"),
        Location::Form if list => format!("Form field `{name}[]`"),
        Location::Form => format!("Form field `{name}`"),
        Location::Multipart => format!("Multipart field `{name}`"),
        Location::Files if list => format!(
            "Multipart files `{name}[0]`, `{name}[1]`, ... (indexes zero-padded to one width)"
        ),
        Location::Files => format!("Multipart file `{name}`"),
        Location::Body => "The request body".to_owned(),
    };
    detail.push_str(&format!(
        "; declared type `{}`",
        super::render::code_text(&declared)
    ));
    if matches!(scalar, Scalar::Record(_) | Scalar::Json)
        && matches!(
            location,
            Location::Query | Location::Form | Location::Multipart
        )
    {
        detail.push_str(", sent as JSON text");
    }
    if optional || list {
        detail.push_str(if list {
            "; left out when empty"
        } else {
            "; left out when `None`"
        });
    }
    if let Some(default) = param.map(|p| &p.default).filter(|d| !d.is_null()) {
        detail.push_str(&format!(
            "; the server's default is `{}`",
            super::render::code_text(&default.to_string())
        ));
    }
    detail.push('.');
    doc.push(detail);
    doc.extend(notes);
    if name == "password" && location == Location::Query {
        doc.push(
            "ArchivesSpace reads it from the query on this route (the body is the record), \
             so it is part of the URL: keep such URLs out of logs."
                .to_owned(),
        );
    }
    // One paragraph each, so rustdoc shows the parameter's own doc as the
    // field's summary.
    let doc = doc
        .into_iter()
        .enumerate()
        .flat_map(|(i, line)| {
            if i == 0 {
                vec![line]
            } else {
                vec![String::new(), line]
            }
        })
        .collect();
    Field {
        ident: field_ident(name),
        wire: name.to_owned(),
        scalar,
        list,
        optional,
        location,
        paging: None,
        doc,
        declared,
    }
}

/// The Rust type of a declared parameter type, with notes for the docs.
pub fn param_type(
    ty: Option<&str>,
    records: &BTreeMap<String, String>,
) -> (Scalar, bool, Vec<String>) {
    let Some(ty) = ty else {
        return (
            Scalar::String,
            false,
            vec!["ArchivesSpace declares no type for it; sent as text.".to_owned()],
        );
    };
    if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        let (scalar, list, notes) = param_type(Some(inner), records);
        if !list {
            return (scalar, true, notes);
        }
        return (
            Scalar::String,
            true,
            vec![format!(
                "ArchivesSpace declares the nested array `{}`; sent as text.",
                super::render::code_text(ty)
            )],
        );
    }
    let scalar = match ty {
        "Integer" => Scalar::I64,
        "NonNegativeInteger" => Scalar::U64,
        "BooleanParam" => Scalar::Bool,
        "String" | "Username" => Scalar::String,
        "body_stream" => Scalar::Bytes,
        "UploadFile" => Scalar::Upload,
        other => match jsonmodel_name(other) {
            Some(name) => match records.get(name) {
                Some(rust) => Scalar::Record(rust.clone()),
                None => {
                    return (
                        Scalar::Json,
                        false,
                        vec![format!(
                            "The record type `{name}` is not in the snapshot; any JSON is sent."
                        )],
                    )
                }
            },
            None => {
                return (
                    Scalar::String,
                    false,
                    vec![format!(
                        "The declared type `{}` is not one the generator knows; sent as text.",
                        super::render::code_text(other)
                    )],
                )
            }
        },
    };
    (scalar, false, Vec::new())
}

/// `x` of `JSONModel(:x)`.
fn jsonmodel_name(ty: &str) -> Option<&str> {
    ty.strip_prefix("JSONModel(:")
        .and_then(|t| t.strip_suffix(')'))
        .filter(|t| !t.is_empty())
}

/// Adds the paging parameters the route does not declare itself.
fn add_paging(fields: &mut Vec<Field>, pages: Pages, location: Location) {
    let has = |fields: &Vec<Field>, wire: &str| fields.iter().any(|f| f.wire == wire);
    let mut add = |wire: &str, scalar: Scalar, list: bool, paging: Paging, doc: &str| {
        if has(fields, wire) {
            return;
        }
        let sent = match (location, list) {
            (Location::Form, false) => format!("Form field `{wire}`"),
            (Location::Form, true) => format!("Form field `{wire}[]`"),
            (_, false) => format!("Query parameter `{wire}`"),
            (_, true) => format!("Query parameter `{wire}[]`"),
        };
        fields.push(Field {
            ident: field_ident(wire),
            wire: wire.to_owned(),
            scalar,
            list,
            optional: paging != Paging::Page && !list,
            location: if location == Location::Form {
                Location::Form
            } else {
                Location::Query
            },
            paging: Some(paging),
            doc: vec![
                doc.to_owned(),
                String::new(),
                format!(
                    "{sent}; added by ArchivesSpace to every {} route.",
                    if pages == Pages::Paginated {
                        "paginated"
                    } else {
                        "paged"
                    }
                ),
            ],
            declared: String::new(),
        });
    };
    add(
        "page",
        Scalar::U64,
        false,
        Paging::Page,
        "The page to fetch, from 1 (`new` sets 1; 0 is sent as 1).",
    );
    add(
        "page_size",
        Scalar::U64,
        false,
        Paging::PageSize,
        &format!(
            "Records per page; the server's default when `None` (10 unless configured). \
             Clamped to 1..={MAX_PAGE_SIZE}, the most ArchivesSpace serves."
        ),
    );
    if pages == Pages::Paginated {
        add(
            "modified_since",
            Scalar::U64,
            false,
            Paging::Plain,
            "Only records modified at or after this time (seconds since the Unix epoch).",
        );
        add(
            "sort_field",
            Scalar::String,
            false,
            Paging::Plain,
            "The database column to sort by; the server sorts by `id` when `None`.",
        );
        add(
            "sort_direction",
            Scalar::SortDirection,
            false,
            Paging::Plain,
            "The sort order; ascending when `None`.",
        );
        add(
            "resolve",
            Scalar::String,
            true,
            Paging::Plain,
            "References to resolve and embed in each record.",
        );
    }
}

/// The response type from the route's `200` return, corrections and shape.
fn response(
    route: &Route,
    records: &BTreeMap<String, String>,
    pages: Pages,
) -> (Response, Vec<String>) {
    let declared = route
        .returns
        .iter()
        .find(|(status, _)| *status == 200)
        .map(|(_, text)| text.as_str());
    let mut doc = Vec::new();
    let record = |name: &str| records.get(name).cloned();
    let mut response = match declared.and_then(|d| correction(&route.method, &route.uri, d)) {
        Some(c) => {
            doc.push(format!(
                "ArchivesSpace declares `{}`, but {}.",
                super::render::code_text(c.declared),
                c.why
            ));
            match c.actual {
                Actual::Record(x) => record(x).map_or(Response::Json, Response::Record),
                Actual::Records(x) => record(x).map_or(Response::Json, Response::Records),
                Actual::Refs(x) => record(x).map_or(Response::Json, Response::Refs),
                Actual::Page(x) => Response::Page(record(x)),
                Actual::Deleted => Response::Deleted,
                Actual::Json => Response::Json,
                Actual::Raw => Response::Raw,
            }
        }
        None if is_file_uri(&route.uri) => {
            doc.push(format!(
                "The URI names a file, so the route answers with the file's bytes{}.",
                declared
                    .filter(|d| !d.is_empty())
                    .map(|d| format!(
                        " (ArchivesSpace declares `{}`)",
                        super::render::code_text(d)
                    ))
                    .unwrap_or_default()
            ));
            Response::Raw
        }
        None => declared.map_or(Response::Json, |d| parse_return(d, records)),
    };
    if pages == Pages::Paginated {
        response = match response {
            Response::Records(x) | Response::Record(x) => Response::Page(Some(x)),
            Response::Page(x) => Response::Page(x),
            _ => Response::Page(None),
        };
    }
    if let Some(d) = declared.filter(|d| !d.is_empty()) {
        if doc.is_empty() {
            let short = super::render::code_text(d);
            doc.push(if short.len() <= 100 {
                format!("ArchivesSpace declares `{short}`.")
            } else {
                format!("ArchivesSpace declares: {}", super::render::escape(d))
            });
        }
    }
    (response, doc)
}

/// Whether the URI ends in a file name (`:id.xml`, `digital_object_creation.csv`).
fn is_file_uri(uri: &str) -> bool {
    let last = uri.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((_, ext)) => {
            !ext.is_empty() && !ext.contains(':') && ext.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// The response type a declared return text gives.
fn parse_return(text: &str, records: &BTreeMap<String, String>) -> Response {
    let text = text.trim();
    let record = |name: &str| records.get(name).cloned();
    if let Some(name) = text.strip_prefix("[(:").and_then(|t| t.strip_suffix(")]")) {
        return record(name).map_or(Response::Json, Response::Records);
    }
    if let Some(name) = text
        .strip_prefix("(:")
        .and_then(|t| t.strip_suffix(')'))
        .or_else(|| jsonmodel_name(text))
    {
        return record(name).map_or(Response::Json, Response::Record);
    }
    match text {
        ":created" | ":updated" => return Response::Modified,
        ":deleted" => return Response::Deleted,
        ":suppressed" => return Response::Suppressed,
        _ => {}
    }
    let status = text
        .strip_prefix("{:status => \"")
        .and_then(|t| t.split('"').next());
    match status {
        Some("Created" | "Updated") => Response::Modified,
        Some("Deleted") => Response::Deleted,
        Some("Suppressed") => Response::Suppressed,
        _ => Response::Json,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records() -> BTreeMap<String, String> {
        [("accession", "Accession"), ("user", "User")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn returns() {
        let r = records();
        assert_eq!(
            parse_return("(:accession)", &r),
            Response::Record("Accession".into())
        );
        assert_eq!(
            parse_return("[(:accession)]", &r),
            Response::Records("Accession".into())
        );
        assert_eq!(parse_return("(:nothing)", &r), Response::Json);
        assert_eq!(
            parse_return(
                r#"{:status => "Created", :id => (id of created object), :warnings => {(warnings)}}"#,
                &r
            ),
            Response::Modified
        );
        assert_eq!(parse_return(":deleted", &r), Response::Deleted);
        assert_eq!(
            parse_return(r#"{:status => "Suppressed", :id => 1}"#, &r),
            Response::Suppressed
        );
        assert_eq!(parse_return("OK", &r), Response::Json);
        assert_eq!(parse_return("", &r), Response::Json);
    }

    #[test]
    fn file_uris() {
        assert!(is_file_uri(
            "/repositories/:repo_id/resource_labels/:id.tsv"
        ));
        assert!(is_file_uri("/x/templates/top_container_creation.csv"));
        assert!(!is_file_uri("/x/:id.:fmt/metadata"));
        assert!(!is_file_uri("/x/:id"));
    }

    #[test]
    fn types() {
        let r = records();
        assert_eq!(param_type(Some("[String]"), &r).0, Scalar::String);
        assert!(param_type(Some("[String]"), &r).1);
        assert_eq!(
            param_type(Some("JSONModel(:accession)"), &r).0,
            Scalar::Record("Accession".into())
        );
        assert_eq!(param_type(Some("JSONModel(:gone)"), &r).0, Scalar::Json);
        assert_eq!(param_type(None, &r).0, Scalar::String);
        assert_eq!(param_type(Some("Weird"), &r).0, Scalar::String);
        assert_eq!(param_type(Some("[[Integer]]"), &r).0, Scalar::String);
    }
}
