//! The IR of one route: what the controller DSL declares for an HTTP method
//! and URI, typed.
//!
//! The endpoint reader fills [`Route`]s; the snapshot stores them as
//! `endpoints.json`; drift compares them; `emit::requests` names and renders
//! them. Everything here is a fact the source states (or the standard
//! expansion `rest.rb` gives it): no Rust names and no doc text, which only
//! emit decides.
//!
//! In `endpoints.json` a route keeps the shape of the DSL's own words
//! (`"type": "[String]"`, `"returns": [[200, "(:accession)"]]`, `"paginated"`
//! and `"paged"` flags): [`RouteDecl`] is that file form, and converting to
//! it and back gives the same text for every route of every release, so the
//! snapshot says exactly what the source says.

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One route: an HTTP method and a URI template with what the DSL declares
/// for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RouteDecl", into = "RouteDecl")]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// Sinatra's pattern, e.g. `/repositories/:repo_id/accessions/:id`.
    pub path: PathTemplate,
    /// `.description`, if any.
    pub description: Option<String>,
    /// Declared parameters, in declared order, standard types expanded.
    /// Path parameters the route does not declare are only in [`Self::path`].
    pub params: Vec<Param>,
    /// Whether ArchivesSpace adds its paging parameters.
    pub paging: Paging,
    /// Declared responses, in declared order.
    pub returns: Vec<Return>,
    /// Permission names, in declared order.
    pub permissions: Vec<String>,
    /// `.no_data(true)`: the route takes no request body.
    pub no_data: bool,
    /// Longer documentation from `.documentation`, if any.
    pub documentation: Option<String>,
    /// `.example` texts by language (`shell`, `python`), in declared order.
    pub examples: IndexMap<String, String>,
    /// `file:line` of the `Endpoint` that declares the route.
    pub source: String,
}

impl Route {
    /// The route's response on success: the first `200` it declares.
    pub fn success(&self) -> Option<&Return> {
        self.returns.iter().find(|r| r.status == 200)
    }

    /// `GET /x/:id`, for messages.
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// An HTTP method a route answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    /// `GET`, `POST`, `PUT`, `DELETE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// The method named `name` (upper case, as HTTP spells it).
    pub fn parse(name: &str) -> Option<Method> {
        Some(match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Sinatra URI pattern, split into `/`-separated segments of pieces:
/// `/x/:id.:fmt` is `[[Literal("x")], [Param("id"), Literal("."),
/// Param("fmt")]]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PathTemplate {
    segments: Vec<Vec<PathPiece>>,
    /// A `/` after the last segment.
    trailing_slash: bool,
}

/// One piece of a path segment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathPiece {
    /// Literal text.
    Literal(String),
    /// A named parameter, `:name`.
    Param(String),
    /// Sinatra's `*`, which the server reads as the parameter `splat`.
    Splat,
}

impl PathPiece {
    /// The parameter this piece fills, if it is one (`splat` for `*`).
    pub fn param_name(&self) -> Option<&str> {
        match self {
            PathPiece::Literal(_) => None,
            PathPiece::Param(name) => Some(name),
            PathPiece::Splat => Some("splat"),
        }
    }
}

impl PathTemplate {
    /// Reads a Sinatra pattern. Every string is one: text that is not a
    /// parameter is literal (a lone `:` included).
    pub fn parse(uri: &str) -> PathTemplate {
        let trimmed = uri.strip_prefix('/').unwrap_or(uri);
        let trailing_slash = trimmed.ends_with('/');
        let body = trimmed.strip_suffix('/').unwrap_or(trimmed);
        let segments = if body.is_empty() {
            Vec::new()
        } else {
            body.split('/').map(segment).collect()
        };
        PathTemplate {
            segments,
            trailing_slash,
        }
    }

    /// The segments, each as its pieces.
    pub fn segments(&self) -> &[Vec<PathPiece>] {
        &self.segments
    }

    /// Every parameter the path fills, in path order, each once.
    pub fn params(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for name in self
            .segments
            .iter()
            .flatten()
            .filter_map(PathPiece::param_name)
        {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// Whether the path fills the parameter `name`.
    pub fn has_param(&self, name: &str) -> bool {
        self.segments
            .iter()
            .flatten()
            .any(|p| p.param_name() == Some(name))
    }

    /// Whether the last segment names a file (`:id.xml`,
    /// `digital_object_creation.csv`): a literal extension after a dot.
    pub fn names_a_file(&self) -> bool {
        let Some(PathPiece::Literal(text)) = self.segments.last().and_then(|s| s.last()) else {
            return false;
        };
        match text.rsplit_once('.') {
            Some((_, ext)) => !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()),
            None => false,
        }
    }
}

fn segment(text: &str) -> Vec<PathPiece> {
    let mut pieces: Vec<PathPiece> = Vec::new();
    let literal = |pieces: &mut Vec<PathPiece>, text: &str| {
        if let Some(PathPiece::Literal(last)) = pieces.last_mut() {
            last.push_str(text);
        } else {
            pieces.push(PathPiece::Literal(text.to_owned()));
        }
    };
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(':') {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if end == 0 {
                literal(&mut pieces, ":");
            } else {
                pieces.push(PathPiece::Param(after[..end].to_owned()));
            }
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('*') {
            pieces.push(PathPiece::Splat);
            rest = after;
        } else {
            let end = rest.find([':', '*']).unwrap_or(rest.len());
            literal(&mut pieces, &rest[..end]);
            rest = &rest[end..];
        }
    }
    pieces
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for segment in &self.segments {
            f.write_str("/")?;
            for piece in segment {
                match piece {
                    PathPiece::Literal(text) => f.write_str(text)?,
                    PathPiece::Param(name) => write!(f, ":{name}")?,
                    PathPiece::Splat => f.write_str("*")?,
                }
            }
        }
        if self.trailing_slash {
            f.write_str("/")?;
        }
        Ok(())
    }
}

/// One declared parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub name: String,
    /// The declared type; `None` where only a name is declared.
    pub ty: Option<ParamType>,
    /// The declared doc text.
    pub doc: Option<String>,
    /// Where the server reads it from.
    pub place: Place,
    /// `:optional => true` as declared. ArchivesSpace also does not require
    /// a parameter that has a `default`.
    pub optional: bool,
    /// `:default => value`, as JSON; `Null` when none is declared.
    pub default: Value,
}

impl Param {
    /// Whether the server accepts the request without it: declared
    /// optional, or with a default.
    pub fn may_be_left_out(&self) -> bool {
        self.optional || !self.default.is_null()
    }
}

/// Where the server reads a parameter from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A `:name` of the path template.
    Path,
    /// Sinatra's `params`: the query string or a form body alike.
    Params,
    /// The request body: `:body => true`, or the `body_stream` type.
    Body,
}

/// A parameter's declared type, as `Endpoint#params` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamType {
    /// `Integer`.
    Integer,
    /// `NonNegativeInteger`.
    NonNegativeInteger,
    /// `BooleanParam`.
    Boolean,
    /// `String`.
    String,
    /// `Username`.
    Username,
    /// `body_stream`: the raw request body.
    BodyStream,
    /// `UploadFile`: a file part of a multipart body.
    UploadFile,
    /// `JSONModel(:name)`: a record as JSON.
    Record(String),
    /// `[T]`: Rack's `name[]` list.
    List(Box<ParamType>),
    /// A type this model does not know, as declared.
    Other(String),
}

impl ParamType {
    /// Reads a declared type. Every text is one: what is not known is
    /// [`ParamType::Other`].
    pub fn parse(text: &str) -> ParamType {
        if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            return ParamType::List(Box::new(ParamType::parse(inner)));
        }
        match text {
            "Integer" => ParamType::Integer,
            "NonNegativeInteger" => ParamType::NonNegativeInteger,
            "BooleanParam" => ParamType::Boolean,
            "String" => ParamType::String,
            "Username" => ParamType::Username,
            "body_stream" => ParamType::BodyStream,
            "UploadFile" => ParamType::UploadFile,
            other => match record_name(other) {
                Some(name) => ParamType::Record(name.to_owned()),
                None => ParamType::Other(other.to_owned()),
            },
        }
    }
}

/// `x` of `JSONModel(:x)`.
fn record_name(text: &str) -> Option<&str> {
    text.strip_prefix("JSONModel(:")
        .and_then(|t| t.strip_suffix(')'))
        .filter(|t| !t.is_empty())
}

impl fmt::Display for ParamType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamType::Integer => f.write_str("Integer"),
            ParamType::NonNegativeInteger => f.write_str("NonNegativeInteger"),
            ParamType::Boolean => f.write_str("BooleanParam"),
            ParamType::String => f.write_str("String"),
            ParamType::Username => f.write_str("Username"),
            ParamType::BodyStream => f.write_str("body_stream"),
            ParamType::UploadFile => f.write_str("UploadFile"),
            ParamType::Record(name) => write!(f, "JSONModel(:{name})"),
            ParamType::List(inner) => write!(f, "[{inner}]"),
            ParamType::Other(text) => f.write_str(text),
        }
    }
}

/// Whether, and how, a route pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// Neither flag.
    None,
    /// `.paginated(true)`: `page`, or `id_set`, or `all_ids`.
    Paginated,
    /// `.paged(true)`: `page` only.
    Paged,
}

/// One declared response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Return {
    /// The HTTP status.
    pub status: u16,
    /// What the DSL says the body is, as written (standard return symbols
    /// expanded to `rest.rb`'s text; another symbol kept as `:name`).
    pub text: String,
    /// What that text means.
    pub body: ReturnBody,
}

/// What a declared response's text says the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnBody {
    /// `(:x)` or `JSONModel(:x)`: one record.
    Record(String),
    /// `[(:x)]`: a list of records.
    Records(String),
    /// ArchivesSpace's create or update answer (`:created`, `:updated` or
    /// their `{:status => "Created", ...}` text).
    Modified,
    /// The delete answer.
    Deleted,
    /// The suppression answer.
    Suppressed,
    /// Anything else: free text describing the body.
    Described,
}

impl ReturnBody {
    /// Reads a declared return text.
    pub fn parse(text: &str) -> ReturnBody {
        let text = text.trim();
        if let Some(name) = text.strip_prefix("[(:").and_then(|t| t.strip_suffix(")]")) {
            return ReturnBody::Records(name.to_owned());
        }
        if let Some(name) = text
            .strip_prefix("(:")
            .and_then(|t| t.strip_suffix(')'))
            .or_else(|| record_name(text))
        {
            return ReturnBody::Record(name.to_owned());
        }
        match text {
            ":created" | ":updated" => return ReturnBody::Modified,
            ":deleted" => return ReturnBody::Deleted,
            ":suppressed" => return ReturnBody::Suppressed,
            _ => {}
        }
        let status = text
            .strip_prefix("{:status => \"")
            .and_then(|t| t.split('"').next());
        match status {
            Some("Created" | "Updated") => ReturnBody::Modified,
            Some("Deleted") => ReturnBody::Deleted,
            Some("Suppressed") => ReturnBody::Suppressed,
            _ => ReturnBody::Described,
        }
    }
}

/// A route as `endpoints.json` writes it: the DSL's own words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RouteDecl {
    /// `GET`, `POST`, `DELETE`.
    pub method: String,
    /// Sinatra's pattern.
    pub uri: String,
    /// `null` if the chain has no `.description`.
    pub description: Option<String>,
    /// In declared order, standard types expanded.
    pub params: Vec<ParamDecl>,
    /// Takes `page`/`page_size`, `id_set` or `all_ids`.
    pub paginated: bool,
    /// Takes `page`/`page_size` only.
    pub paged: bool,
    /// `[status, text]`.
    pub returns: Vec<(i64, String)>,
    /// Permission names, in declared order.
    pub permissions: Vec<String>,
    /// The route takes no request body.
    #[serde(default)]
    pub no_data: bool,
    /// Longer documentation from `.documentation`, if any.
    #[serde(default)]
    pub documentation: Option<String>,
    /// `.example` texts by language, in declared order.
    #[serde(default)]
    pub examples: IndexMap<String, String>,
    /// `file:line` of the declaring `Endpoint`.
    #[serde(default)]
    pub source: String,
}

/// A parameter as `endpoints.json` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamDecl {
    pub name: String,
    /// The declared type as text; `null` where only a name is declared.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub doc: Option<String>,
    /// `:body => true`.
    pub body: bool,
    /// `:optional => true`.
    pub optional: bool,
    /// `:default => value`; `null` when none is declared.
    pub default: Value,
}

/// Why a declared route is not a [`Route`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{route}: {reason}")]
pub struct RouteError {
    /// `METHOD uri` of the route.
    pub route: String,
    /// What is wrong.
    pub reason: String,
}

impl TryFrom<RouteDecl> for Route {
    type Error = RouteError;

    fn try_from(decl: RouteDecl) -> Result<Route, RouteError> {
        let error = |reason: String| RouteError {
            route: format!("{} {}", decl.method, decl.uri),
            reason,
        };
        let method = Method::parse(&decl.method)
            .ok_or_else(|| error(format!("`{}` is not an HTTP method", decl.method)))?;
        if decl.paginated && decl.paged {
            return Err(error("declared both paginated and paged".to_owned()));
        }
        let paging = if decl.paginated {
            Paging::Paginated
        } else if decl.paged {
            Paging::Paged
        } else {
            Paging::None
        };
        let path = PathTemplate::parse(&decl.uri);
        if path.to_string() != decl.uri {
            return Err(error("the URI is not a path from `/`".to_owned()));
        }
        let mut params = Vec::with_capacity(decl.params.len());
        for p in &decl.params {
            let ty = p.ty.as_deref().map(ParamType::parse);
            let is_stream = ty == Some(ParamType::BodyStream);
            if is_stream && p.body {
                // Both say "the body"; the file form could not tell them
                // apart on the way back.
                return Err(error(format!(
                    "`{}` is a `body_stream` and also declared `:body => true`",
                    p.name
                )));
            }
            let place = if p.body || is_stream {
                Place::Body
            } else if path.has_param(&p.name) {
                Place::Path
            } else {
                Place::Params
            };
            params.push(Param {
                name: p.name.clone(),
                ty,
                doc: p.doc.clone(),
                place,
                optional: p.optional,
                default: p.default.clone(),
            });
        }
        let mut returns = Vec::with_capacity(decl.returns.len());
        for (status, text) in &decl.returns {
            let status = u16::try_from(*status)
                .map_err(|_| error(format!("{status} is not an HTTP status")))?;
            returns.push(Return {
                status,
                body: ReturnBody::parse(text),
                text: text.clone(),
            });
        }
        Ok(Route {
            method,
            path,
            description: decl.description,
            params,
            paging,
            returns,
            permissions: decl.permissions,
            no_data: decl.no_data,
            documentation: decl.documentation,
            examples: decl.examples,
            source: decl.source,
        })
    }
}

impl From<Route> for RouteDecl {
    fn from(route: Route) -> RouteDecl {
        RouteDecl {
            method: route.method.as_str().to_owned(),
            uri: route.path.to_string(),
            description: route.description,
            params: route
                .params
                .into_iter()
                .map(|p| ParamDecl {
                    body: p.place == Place::Body && p.ty != Some(ParamType::BodyStream),
                    ty: p.ty.map(|t| t.to_string()),
                    name: p.name,
                    doc: p.doc,
                    optional: p.optional,
                    default: p.default,
                })
                .collect(),
            paginated: route.paging == Paging::Paginated,
            paged: route.paging == Paging::Paged,
            returns: route
                .returns
                .into_iter()
                .map(|r| (i64::from(r.status), r.text))
                .collect(),
            permissions: route.permissions,
            no_data: route.no_data,
            documentation: route.documentation,
            examples: route.examples,
            source: route.source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_pieces_and_print_back() {
        for uri in [
            "/",
            "/repositories/:repo_id/accessions/:id",
            "/repositories/:repo_id/resource_descriptions/:id.:fmt/metadata",
            "/reports/static/*",
            "/x/a:b/",
            "/x/:",
        ] {
            assert_eq!(PathTemplate::parse(uri).to_string(), uri);
        }
        let path = PathTemplate::parse("/x/:id.:fmt/*");
        assert_eq!(path.params(), ["id", "fmt", "splat"]);
        assert_eq!(
            path.segments()[1],
            [
                PathPiece::Param("id".into()),
                PathPiece::Literal(".".into()),
                PathPiece::Param("fmt".into())
            ]
        );
    }

    #[test]
    fn file_paths() {
        let file = |uri| PathTemplate::parse(uri).names_a_file();
        assert!(file("/repositories/:repo_id/resource_labels/:id.tsv"));
        assert!(file("/x/templates/top_container_creation.csv"));
        assert!(!file("/x/:id.:fmt/metadata"));
        assert!(!file("/x/:id"));
    }

    #[test]
    fn types_print_back_as_declared() {
        for text in [
            "Integer",
            "[String]",
            "[[Integer]]",
            "JSONModel(:accession)",
            "JSONModel(:)",
            "Weird",
            "[UploadFile]",
            "body_stream",
        ] {
            assert_eq!(ParamType::parse(text).to_string(), text);
        }
        assert_eq!(
            ParamType::parse("[JSONModel(:user)]"),
            ParamType::List(Box::new(ParamType::Record("user".into())))
        );
    }

    #[test]
    fn returns() {
        use ReturnBody::*;
        for (text, body) in [
            ("(:accession)", Record("accession".into())),
            ("JSONModel(:accession)", Record("accession".into())),
            ("[(:accession)]", Records("accession".into())),
            (
                r#"{:status => "Created", :id => (id of created object), :warnings => {(warnings)}}"#,
                Modified,
            ),
            (":deleted", Deleted),
            (r#"{:status => "Suppressed", :id => 1}"#, Suppressed),
            ("OK", Described),
            ("", Described),
        ] {
            assert_eq!(ReturnBody::parse(text), body, "{text}");
        }
    }

    #[test]
    fn a_route_that_cannot_be_typed_says_which_and_why() {
        let decl = |method: &str, uri: &str| RouteDecl {
            method: method.into(),
            uri: uri.into(),
            description: None,
            params: vec![],
            paginated: false,
            paged: false,
            returns: vec![(200, "OK".into())],
            permissions: vec![],
            no_data: false,
            documentation: None,
            examples: IndexMap::new(),
            source: String::new(),
        };
        let err = Route::try_from(decl("FETCH", "/x")).unwrap_err();
        assert_eq!(err.to_string(), "FETCH /x: `FETCH` is not an HTTP method");
        let err = Route::try_from(decl("GET", "x")).unwrap_err();
        assert!(err.to_string().contains("not a path"), "{err}");
        let mut bad_status = decl("GET", "/x");
        bad_status.returns = vec![(70000, "OK".into())];
        assert!(Route::try_from(bad_status).is_err());
    }
}
