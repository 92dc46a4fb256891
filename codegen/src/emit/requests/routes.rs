//! From a route of the IR to what its request type holds: fields with Rust
//! types and where each is sent, the body, the response type and paging.
//! Nothing here is doc text: notes are facts for [`super::render`], which
//! writes (and escapes) every word.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::route::{Method, Paging, Param, ParamType, Place, ReturnBody, Route};

use super::corrections::{correction, Actual};
use super::names::{self, field_ident, RouteName};

/// The largest page ArchivesSpace serves (`AppConfig[:max_page_size]`'s
/// default), as the runtime's `MAX_PAGE_SIZE`.
pub const MAX_PAGE_SIZE: u64 = 250;

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
pub enum PagingParam {
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
    pub paging: Option<PagingParam>,
    /// What the route declares for it; `None` for a path parameter the
    /// route leaves undeclared and for the paging parameters.
    pub param: Option<Param>,
    /// Facts about how the declaration was read, for the docs.
    pub notes: Vec<Note>,
}

/// A fact about how a parameter's declaration was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// No type is declared; the field is text.
    NoType,
    /// A path parameter the route does not declare.
    UndeclaredPathParam,
    /// A path parameter declared optional (or with a default).
    OptionalPathParam,
    /// `JSONModel(:x)` of a type the snapshot lacks; any JSON is sent.
    UnknownRecord(String),
    /// A type the generator does not know, as declared; sent as text.
    UnknownType(String),
    /// A list of lists, as declared; sent as text.
    NestedList(String),
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
    /// One of the tree answers, typed in the core's `trees` module.
    Tree(TreeAnswer),
}

/// What a tree route answers (ArchivesSpace's `LargeTree`), which no schema
/// describes: the route's last segment says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeAnswer {
    /// `tree/root`: `TreeRoot`.
    Root,
    /// `tree/node`: `TreeNode`.
    Node,
    /// `tree/waypoint`: `Vec<TreeChild>`.
    Waypoint,
    /// `tree/node_from_root`: `TreePaths`.
    Paths,
}

impl TreeAnswer {
    /// The answer of a `GET …/tree/<leaf>` route, by its leaf.
    fn of(route: &Route) -> Option<TreeAnswer> {
        use crate::ir::route::PathPiece;
        if route.method != Method::Get {
            return None;
        }
        fn literal(segment: &[PathPiece]) -> Option<&str> {
            match segment {
                [PathPiece::Literal(text)] => Some(text.as_str()),
                _ => None,
            }
        }
        let segments = route.path.segments();
        let [.., tree, leaf] = segments else {
            return None;
        };
        if literal(tree) != Some("tree") {
            return None;
        }
        Some(match literal(leaf)? {
            "root" => TreeAnswer::Root,
            "node" => TreeAnswer::Node,
            "waypoint" => TreeAnswer::Waypoint,
            "node_from_root" => TreeAnswer::Paths,
            _ => return None,
        })
    }
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
    /// Facts about the response, for the docs.
    pub response_notes: Vec<ResponseNote>,
    /// Paging.
    pub pages: Paging,
}

/// A fact about how a route's response type was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseNote {
    /// The declared return is known to be wrong.
    Corrected {
        /// What ArchivesSpace declares.
        declared: &'static str,
        /// Why the generator types it otherwise.
        why: &'static str,
    },
    /// The URI names a file, so the answer is its bytes.
    FileBytes {
        /// The declared return text, if not empty.
        declared: Option<String>,
    },
    /// The declared return text, typed as it says.
    Declared(String),
    /// A tree answer, typed from ArchivesSpace's `LargeTree` rather than
    /// the declared text.
    TreeShape {
        /// The declared return text, if not empty.
        declared: Option<String>,
    },
}

/// Analyses one route. `records` maps JSONModel names to Rust type names.
pub fn spec(route: &Route, records: &BTreeMap<String, String>) -> Result<Spec, String> {
    let here = route.label();
    let name = names::route_name(route.method, &route.path)?;
    let pages = route.paging;
    let path_params = route.path.params();

    let declared: BTreeMap<&str, &Param> =
        route.params.iter().map(|p| (p.name.as_str(), p)).collect();
    if declared.len() != route.params.len() {
        return Err(format!("{here}: a parameter is declared twice"));
    }
    let has_body = route.params.iter().any(|p| p.place == Place::Body);
    let has_files = route.params.iter().any(|p| match &p.ty {
        Some(ParamType::UploadFile) => true,
        Some(ParamType::List(inner)) => **inner == ParamType::UploadFile,
        _ => false,
    });
    // ArchivesSpace reads parameters from the query and from a form body
    // alike (Sinatra's `params`). A POST that has no body of its own sends
    // them as a form, which keeps passwords and long search queries out of
    // URLs (and so out of proxy and access logs); a route with a JSON body
    // can only take them in the query.
    let other_location = if has_files {
        Location::Multipart
    } else if route.method == Method::Post && !has_body {
        Location::Form
    } else {
        Location::Query
    };

    let mut fields = Vec::new();
    for &p in &path_params {
        let param = declared.get(p).copied();
        let (scalar, list, mut notes) = match param {
            Some(param) => param_type(param.ty.as_ref(), records),
            None => (Scalar::String, false, vec![Note::UndeclaredPathParam]),
        };
        if list || !matches!(scalar, Scalar::I64 | Scalar::U64 | Scalar::String) {
            return Err(format!(
                "{here}: the path parameter `{p}` is declared as `{}`, which cannot be part of a path",
                param
                    .and_then(|p| p.ty.as_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default()
            ));
        }
        if param.is_some_and(Param::may_be_left_out) {
            notes.push(Note::OptionalPathParam);
        }
        fields.push(field(p, param, scalar, false, false, Location::Path, notes));
    }
    for param in &route.params {
        if path_params.contains(&param.name.as_str()) {
            continue;
        }
        let (scalar, list, notes) = param_type(param.ty.as_ref(), records);
        let location = if param.place == Place::Body {
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
        let optional = param.may_be_left_out() && location != Location::Body;
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
    if pages != Paging::None {
        add_paging(&mut fields, other_location);
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

    let (response, response_notes) = response(route, records);
    Ok(Spec {
        route: route.clone(),
        name,
        fields,
        response,
        response_notes,
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
    notes: Vec<Note>,
) -> Field {
    Field {
        ident: field_ident(name),
        wire: name.to_owned(),
        scalar,
        list,
        optional,
        location,
        paging: None,
        param: param.cloned(),
        notes,
    }
}

/// The Rust type of a declared parameter type, with notes for the docs.
pub fn param_type(
    ty: Option<&ParamType>,
    records: &BTreeMap<String, String>,
) -> (Scalar, bool, Vec<Note>) {
    let Some(ty) = ty else {
        return (Scalar::String, false, vec![Note::NoType]);
    };
    let scalar = match ty {
        ParamType::List(inner) => {
            if let ParamType::List(_) = **inner {
                return (Scalar::String, true, vec![Note::NestedList(ty.to_string())]);
            }
            let (scalar, _, notes) = param_type(Some(inner), records);
            return (scalar, true, notes);
        }
        ParamType::Integer => Scalar::I64,
        ParamType::NonNegativeInteger => Scalar::U64,
        ParamType::Boolean => Scalar::Bool,
        ParamType::String | ParamType::Username => Scalar::String,
        ParamType::BodyStream => Scalar::Bytes,
        ParamType::UploadFile => Scalar::Upload,
        ParamType::Record(name) => match records.get(name) {
            Some(rust) => Scalar::Record(rust.clone()),
            None => return (Scalar::Json, false, vec![Note::UnknownRecord(name.clone())]),
        },
        ParamType::Other(text) => {
            return (Scalar::String, false, vec![Note::UnknownType(text.clone())])
        }
    };
    (scalar, false, Vec::new())
}

/// Adds the paging parameters the route does not declare itself: `page`,
/// `page_size` and the listing options (`modified_since`, sorting,
/// `resolve`), which ArchivesSpace adds to paged and paginated routes alike.
fn add_paging(fields: &mut Vec<Field>, location: Location) {
    let location = if location == Location::Form {
        Location::Form
    } else {
        Location::Query
    };
    let paged = [
        ("page", Scalar::U64, false, PagingParam::Page),
        ("page_size", Scalar::U64, false, PagingParam::PageSize),
    ];
    let listing = [
        ("modified_since", Scalar::U64, false, PagingParam::Plain),
        ("sort_field", Scalar::String, false, PagingParam::Plain),
        (
            "sort_direction",
            Scalar::SortDirection,
            false,
            PagingParam::Plain,
        ),
        ("resolve", Scalar::String, true, PagingParam::Plain),
    ];
    // `process_pagination_params` makes them known on paged routes too
    // (the delete feed reads `modified_since`).
    let listing = &listing[..];
    for (wire, scalar, list, paging) in paged.into_iter().chain(listing.iter().cloned()) {
        if fields.iter().any(|f| f.wire == wire) {
            continue;
        }
        fields.push(Field {
            ident: field_ident(wire),
            wire: wire.to_owned(),
            scalar,
            list,
            optional: paging != PagingParam::Page && !list,
            location,
            paging: Some(paging),
            param: None,
            notes: Vec::new(),
        });
    }
}

/// The response type from the route's `200` return, corrections and shape.
fn response(route: &Route, records: &BTreeMap<String, String>) -> (Response, Vec<ResponseNote>) {
    let declared = route.success();
    let declared_text = declared.map(|r| r.text.as_str());
    let mut notes = Vec::new();
    let record = |name: &str| records.get(name).cloned();
    let uri = route.path.to_string();
    let correction = declared_text.and_then(|d| correction(route.method.as_str(), &uri, d));
    let mut response = match correction {
        Some(c) => {
            notes.push(ResponseNote::Corrected {
                declared: c.declared,
                why: c.why,
            });
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
        None if TreeAnswer::of(route).is_some() => {
            notes.push(ResponseNote::TreeShape {
                declared: declared_text.filter(|d| !d.is_empty()).map(str::to_owned),
            });
            TreeAnswer::of(route).map_or(Response::Json, Response::Tree)
        }
        None if route.path.names_a_file() => {
            notes.push(ResponseNote::FileBytes {
                declared: declared_text.filter(|d| !d.is_empty()).map(str::to_owned),
            });
            Response::Raw
        }
        None => match declared.map(|r| &r.body) {
            Some(ReturnBody::Records(name)) => {
                record(name).map_or(Response::Json, Response::Records)
            }
            Some(ReturnBody::Record(name)) => record(name).map_or(Response::Json, Response::Record),
            Some(ReturnBody::Modified) => Response::Modified,
            Some(ReturnBody::Deleted) => Response::Deleted,
            Some(ReturnBody::Suppressed) => Response::Suppressed,
            Some(ReturnBody::Described) | None => Response::Json,
        },
    };
    if route.paging == Paging::Paginated {
        response = match response {
            Response::Records(x) | Response::Record(x) => Response::Page(Some(x)),
            Response::Page(x) => Response::Page(x),
            _ => Response::Page(None),
        };
    }
    if let Some(d) = declared_text.filter(|d| !d.is_empty()) {
        if notes.is_empty() {
            notes.push(ResponseNote::Declared(d.to_owned()));
        }
    }
    (response, notes)
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
    fn types() {
        let r = records();
        let of = |text: &str| param_type(Some(&ParamType::parse(text)), &r);
        assert_eq!(of("[String]").0, Scalar::String);
        assert!(of("[String]").1);
        assert_eq!(
            of("JSONModel(:accession)").0,
            Scalar::Record("Accession".into())
        );
        assert_eq!(of("JSONModel(:gone)").0, Scalar::Json);
        assert_eq!(
            of("JSONModel(:gone)").2,
            [Note::UnknownRecord("gone".into())]
        );
        assert_eq!(param_type(None, &r).0, Scalar::String);
        assert_eq!(of("Weird").0, Scalar::String);
        assert_eq!(of("[[Integer]]").0, Scalar::String);
        assert_eq!(
            of("[[Integer]]").2,
            [Note::NestedList("[[Integer]]".into())]
        );
    }
}
