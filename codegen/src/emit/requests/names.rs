//! Rust names for routes: a module path and a type name, from the route's own
//! method and URI and nothing else, so that a route added to ArchivesSpace
//! never renames another.
//!
//! The rules (documented for users in the generated `requests` module):
//!
//! 1. A `repositories/:repo_id` pair followed by more of the path is dropped:
//!    `/repositories/:repo_id/accessions/:id` is named like
//!    `/accessions/:id`. Routes on the repository itself or on records that
//!    also exist outside repositories keep it (see [`KEPT_UNDER_REPOSITORY`]).
//! 2. Every literal segment is a module, except a last segment that names an
//!    action or a single thing (see 5).
//! 3. A path ending in a parameter is an item: `Get`, `Update` (`POST`),
//!    `Delete`. With several trailing parameters the name adds them:
//!    `UpdateByUsernameToken`.
//! 4. A path ending in a plural segment is a collection: `List` (`GET`),
//!    `Create` (`POST`).
//! 5. Otherwise the last segment is the name, prefixed with the method unless
//!    it is a `GET`: `resources::tree::Root`, `users::PostLogin`. When that
//!    segment is the only one, the module is named after it and the type
//!    after the method: `version::Get`, `search::Post`.
//!
//! Segment text becomes an identifier by keeping ASCII letters and digits
//! (other characters separate words), so `/by-external-id` is
//! `by_external_id` and `top_container_creation.csv` is
//! `TopContainerCreationCsv`. `:id.xml` is a parameter followed by the
//! literal `xml`.

use crate::emit::naming::{pascal, singular};
use crate::ir::route::{Method, PathPiece, PathTemplate};

/// Segments after `/repositories/:repo_id` that keep the route under
/// `repositories`: actions on the repository itself (`search`, `transfer`,
/// `position`), and `users`, which ArchivesSpace also serves globally
/// (`/users/:id` and `/repositories/:repo_id/users/:id` would otherwise both
/// be `users::Get`).
pub const KEPT_UNDER_REPOSITORY: &[&str] = &["search", "transfer", "position", "users"];

/// Plurals that do not end in `s`, for telling collections apart.
const IRREGULAR_PLURALS: &[&str] = &["people", "children", "software"];

/// Names generated types in a request module must not take: prelude names
/// the generated code uses unqualified.
const RESERVED: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Default", "Self",
];

/// A route's Rust name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteName {
    /// Module path under `requests`, e.g. `["resources", "tree"]`.
    pub module: Vec<String>,
    /// The type's name, e.g. `Root`.
    pub name: String,
}

impl RouteName {
    /// `resources::tree::Root`.
    pub fn path(&self) -> String {
        let mut parts = self.module.clone();
        parts.push(self.name.clone());
        parts.join("::")
    }
}

/// A word of the name: literal text (trimmed of separators) or a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Word {
    Literal(String),
    Param(String),
}

/// The route's name. Errors say why a URI cannot be named.
pub fn route_name(method: Method, path: &PathTemplate) -> Result<RouteName, String> {
    let uri = path.to_string();
    let mut words: Vec<Word> = Vec::new();
    for segment in path.segments() {
        for piece in segment {
            match piece {
                PathPiece::Param(_) | PathPiece::Splat => {
                    let name = piece.param_name().unwrap_or_default();
                    words.push(Word::Param(name.to_owned()));
                }
                PathPiece::Literal(text) => {
                    // `.xml` after a parameter is the literal `xml`; a lone
                    // separator between two parameters (`:id.:fmt`) is nothing.
                    let text = text.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                    if !text.is_empty() {
                        words.push(Word::Literal(text.to_owned()));
                    }
                }
            }
        }
    }
    let words = drop_repository_scope(words);
    let literal_count = words
        .iter()
        .filter(|w| matches!(w, Word::Literal(_)))
        .count();
    if literal_count == 0 {
        return Err(format!("`{uri}` has no literal segment to name it by"));
    }
    let literals = || {
        words.iter().filter_map(|w| match w {
            Word::Literal(text) => Some(text.as_str()),
            Word::Param(_) => None,
        })
    };
    let trailing_params: Vec<&str> = words
        .iter()
        .rev()
        .map_while(|w| match w {
            Word::Param(name) => Some(name.as_str()),
            Word::Literal(_) => None,
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();

    let (module_words, name): (Vec<&str>, String) = if !trailing_params.is_empty() {
        let mut name = item_verb(method)?.to_owned();
        if trailing_params.len() > 1 {
            name.push_str("By");
            for param in &trailing_params {
                name.push_str(&pascal(param));
            }
        }
        (literals().collect(), name)
    } else {
        let all: Vec<&str> = literals().collect();
        let (leaf, parents) = match all.split_last() {
            Some(split) => split,
            None => return Err(format!("`{uri}` has no literal segment to name it by")),
        };
        if is_plural(leaf) {
            (all.clone(), collection_verb(method)?.to_owned())
        } else if parents.is_empty() {
            (all.clone(), pascal(&method.as_str().to_ascii_lowercase()))
        } else {
            let prefix = match method {
                Method::Get => String::new(),
                other => pascal(&other.as_str().to_ascii_lowercase()),
            };
            (parents.to_vec(), format!("{prefix}{}", pascal(leaf)))
        }
    };

    let module = module_words
        .iter()
        .map(|w| module_ident(w))
        .collect::<Vec<_>>();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return Err(format!(
            "`{method} {uri}` gives the unusable type name `{name}`"
        ));
    }
    if RESERVED.contains(&name.as_str()) {
        return Err(format!(
            "`{method} {uri}` would be named `{name}`, which generated code uses for something else"
        ));
    }
    Ok(RouteName { module, name })
}

/// Drops every `repositories/:repo_id` pair that has more of the path after
/// it, unless what follows is in [`KEPT_UNDER_REPOSITORY`].
fn drop_repository_scope(words: Vec<Word>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let is_scope = matches!(&words[i], Word::Literal(l) if l == "repositories")
            && matches!(words.get(i + 1), Some(Word::Param(p)) if p == "repo_id");
        let next = words.get(i + 2);
        let droppable = match next {
            Some(Word::Literal(l)) => !KEPT_UNDER_REPOSITORY.contains(&l.as_str()),
            Some(Word::Param(_)) => true,
            None => false,
        };
        if is_scope && droppable {
            i += 2;
            continue;
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

fn item_verb(method: Method) -> Result<&'static str, String> {
    match method {
        Method::Get => Ok("Get"),
        Method::Post => Ok("Update"),
        Method::Delete => Ok("Delete"),
        other => Err(format!("no name for the method `{other}`")),
    }
}

fn collection_verb(method: Method) -> Result<&'static str, String> {
    match method {
        Method::Get => Ok("List"),
        Method::Post => Ok("Create"),
        Method::Delete => Ok("DeleteAll"),
        other => Err(format!("no name for the method `{other}`")),
    }
}

/// Whether a segment names a collection: an English plural.
fn is_plural(segment: &str) -> bool {
    let word = segment.to_ascii_lowercase();
    IRREGULAR_PLURALS.contains(&word.as_str()) || singular(&word) != word
}

/// A module name for a literal segment: lower-case words joined by `_`,
/// `x` before a leading digit, `_` after a Rust keyword.
pub fn module_ident(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for word in segment
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'x');
    }
    if syn::parse_str::<syn::Ident>(&out).is_err() {
        out.push('_');
    }
    out
}

/// A field name for a parameter: snake case (`metadataPrefix` →
/// `metadata_prefix`), `_` after a Rust keyword.
pub fn field_ident(param: &str) -> String {
    let mut out = String::with_capacity(param.len() + 4);
    let mut prev_lower = false;
    for c in param.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            prev_lower = true;
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let mut out = out.trim_end_matches('_').to_owned();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'x');
    }
    if syn::parse_str::<syn::Ident>(&out).is_err() {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(method: &str, uri: &str) -> String {
        let Some(method) = Method::parse(method) else {
            return format!("no method {method}");
        };
        route_name(method, &PathTemplate::parse(uri))
            .map(|n| n.path())
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn crud_routes() {
        let base = "/repositories/:repo_id/accessions";
        assert_eq!(name("GET", base), "accessions::List");
        assert_eq!(name("POST", base), "accessions::Create");
        assert_eq!(name("GET", &format!("{base}/:id")), "accessions::Get");
        assert_eq!(name("POST", &format!("{base}/:id")), "accessions::Update");
        assert_eq!(name("DELETE", &format!("{base}/:id")), "accessions::Delete");
        assert_eq!(name("GET", "/agents/people"), "agents::people::List");
        assert_eq!(name("GET", "/agents/software/:id"), "agents::software::Get");
    }

    #[test]
    fn other_routes() {
        assert_eq!(
            name("GET", "/repositories/:repo_id/resources/:id/tree/root"),
            "resources::tree::Root"
        );
        assert_eq!(name("POST", "/users/:username/login"), "users::PostLogin");
        assert_eq!(name("GET", "/version"), "version::Get");
        assert_eq!(name("POST", "/search"), "search::Post");
        assert_eq!(
            name("GET", "/repositories/:repo_id/search"),
            "repositories::Search"
        );
        assert_eq!(
            name("GET", "/repositories/:repo_id/users/:id"),
            "repositories::users::Get"
        );
        assert_eq!(
            name("DELETE", "/repositories/:repo_id"),
            "repositories::Delete"
        );
        assert_eq!(name("GET", "/by-external-id"), "by_external_id::Get");
        assert_eq!(name("GET", "/reports/static/*"), "reports::static_::Get");
        assert_eq!(
            name(
                "GET",
                "/repositories/:repo_id/digital_objects/dublin_core/:id.xml"
            ),
            "digital_objects::dublin_core::Xml"
        );
        assert_eq!(
            name(
                "GET",
                "/repositories/:repo_id/digital_objects/dublin_core/:id.:fmt/metadata"
            ),
            "digital_objects::dublin_core::Metadata"
        );
        assert_eq!(
            name(
                "GET",
                "/repositories/:repo_id/resources/:id/templates/top_container_creation.csv"
            ),
            "resources::templates::TopContainerCreationCsv"
        );
        assert_eq!(
            name("POST", "/users/:username/:token"),
            "users::UpdateByUsernameToken"
        );
        assert_eq!(
            name(
                "GET",
                "/bulk_archival_object_updater/repositories/:repo_id/resources/:id/small_tree"
            ),
            "bulk_archival_object_updater::resources::SmallTree"
        );
        assert_eq!(
            name(
                "POST",
                "/repositories/:repo_id/archival_objects/:id/accept_children"
            ),
            "archival_objects::PostAcceptChildren"
        );
        assert_eq!(
            name(
                "POST",
                "/repositories/:repo_id/archival_objects/:id/children"
            ),
            "archival_objects::children::Create"
        );
    }

    #[test]
    fn odd_input_is_named_or_refused_without_panicking() {
        for uri in [
            "", "/", "/:id", "/*", "/:", "/a/:/b", "/é/ü", "/1/2", "/self",
        ] {
            let _ = route_name(Method::Get, &PathTemplate::parse(uri));
        }
        assert!(route_name(Method::Get, &PathTemplate::parse("/:id")).is_err());
        assert!(route_name(Method::Put, &PathTemplate::parse("/things/:id")).is_err());
        assert_eq!(name("GET", "/self/x"), "self_::X");
        assert_eq!(name("GET", "/1things"), "x1things::List");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_ident("metadataPrefix"), "metadata_prefix");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("repo_id"), "repo_id");
        assert_eq!(field_ident("resumptionToken"), "resumption_token");
        assert_eq!(field_ident("a-b"), "a_b");
    }
}
