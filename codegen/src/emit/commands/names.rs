//! Command-line names for routes: the group (`accessions`), the subcommand
//! (`get`, `tree-root`) and the flags (`--repo`, `--published-only`).
//!
//! They are read off the request names of `emit::requests::names`, so the
//! tool and the bindings say the same thing the same way:
//! `requests::resources::tree::Root` is `aspace resources tree-root`.
//!
//! 1. The group is the request's first module, in kebab case
//!    (`archival_objects` → `archival-objects`); `repositories/:repo_id` in
//!    front of a longer path is not a word of it, as for request names. A
//!    group that would take the name of one of the tool's own commands
//!    ([`HAND_WRITTEN`]) gets [`GROUP_SUFFIX`] after it.
//! 2. The subcommand is the request's other modules and then its type name,
//!    in kebab case: `agents::people::List` is `agents people-list`,
//!    `resources::tree::Root` is `resources tree-root`. A `POST` action
//!    drops the method in front of its name (`PostPublish` is `publish`),
//!    unless a `GET` of the same group has that name (`ark-name` and
//!    `post-ark-name`).
//! 3. A flag is its parameter's name in kebab case, except `repo_id`, which
//!    is `--repo`; the files of an upload are named in the singular
//!    (`--file`), one flag per file.

use heck::ToKebabCase;

use crate::emit::naming::singular;
use crate::emit::requests::names::RouteName;
use crate::ir::route::Method;

/// The tool's hand-written commands, which generated groups must not shadow.
pub const HAND_WRITTEN: &[&str] = &[
    "api",
    "get",
    "harvest",
    "set",
    "patch",
    "edit",
    "create",
    "delete",
    "validate",
    "import",
    "export",
    "tree",
    "job",
    "drift",
    "completions",
    "help",
];

/// What a group whose name is in [`HAND_WRITTEN`] gets after it.
pub const GROUP_SUFFIX: &str = "-routes";

/// A route's group: its request's first module in kebab case, suffixed when
/// a hand-written command has that name.
pub fn group(name: &RouteName) -> String {
    let first = name.module.first().map(String::as_str).unwrap_or_default();
    let group = kebab(first);
    if HAND_WRITTEN.contains(&group.as_str()) {
        format!("{group}{GROUP_SUFFIX}")
    } else {
        group
    }
}

/// A route's subcommand, before telling a `POST` apart from a `GET` of the
/// same name (see [`with_method`]).
pub fn subcommand(method: Method, name: &RouteName) -> String {
    let mut words: Vec<String> = name.module.iter().skip(1).map(|m| kebab(m)).collect();
    let leaf = match method {
        Method::Post => name
            .name
            .strip_prefix("Post")
            .filter(|rest| !rest.is_empty())
            .unwrap_or(&name.name),
        _ => &name.name,
    };
    words.push(kebab(leaf));
    words.join("-")
}

/// The subcommand of a route whose [`subcommand`] a `GET` of its group
/// already has: the method in front (`post-ark-name`).
pub fn with_method(method: Method, subcommand: &str) -> String {
    format!("{}-{subcommand}", method.as_str().to_ascii_lowercase())
}

/// The long flag of a parameter.
pub fn flag(wire: &str) -> String {
    if wire == "repo_id" {
        return "repo".to_owned();
    }
    kebab(wire)
}

/// The long flag of a file upload parameter: one file per flag, so the
/// singular (`files` → `--file`).
pub fn file_flag(wire: &str) -> String {
    flag(&singular(wire))
}

/// Kebab case of an identifier or a module name (a keyword's trailing `_`
/// and a leading digit's `x` of module names are taken back off).
fn kebab(text: &str) -> String {
    text.trim_end_matches('_').to_kebab_case()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::requests::names::route_name;
    use crate::ir::route::PathTemplate;

    fn names(method: &str, uri: &str) -> (String, String) {
        let method = Method::parse(method).expect("a method");
        let name = route_name(method, &PathTemplate::parse(uri)).expect("a name");
        (group(&name), subcommand(method, &name))
    }

    #[test]
    fn groups_and_subcommands() {
        let pair = |g: &str, s: &str| (g.to_owned(), s.to_owned());
        let acc = "/repositories/:repo_id/accessions";
        assert_eq!(names("GET", acc), pair("accessions", "list"));
        assert_eq!(names("POST", acc), pair("accessions", "create"));
        assert_eq!(
            names("GET", &format!("{acc}/:id")),
            pair("accessions", "get")
        );
        assert_eq!(
            names("POST", &format!("{acc}/:id")),
            pair("accessions", "update")
        );
        assert_eq!(
            names("DELETE", &format!("{acc}/:id")),
            pair("accessions", "delete")
        );
        assert_eq!(
            names("GET", "/repositories/:repo_id/resources/:id/tree/root"),
            pair("resources", "tree-root")
        );
        assert_eq!(
            names("GET", "/repositories/:repo_id/archival_objects"),
            pair("archival-objects", "list")
        );
        assert_eq!(
            names(
                "POST",
                "/repositories/:repo_id/archival_objects/:id/publish"
            ),
            pair("archival-objects", "publish")
        );
        assert_eq!(
            names("GET", "/agents/people/:id"),
            pair("agents", "people-get")
        );
        assert_eq!(
            names("GET", "/repositories/:id"),
            pair("repositories", "get")
        );
        assert_eq!(names("GET", "/repositories"), pair("repositories", "list"));
        assert_eq!(
            names("GET", "/repositories/:repo_id/search"),
            pair("repositories", "search")
        );
        assert_eq!(
            names(
                "GET",
                "/repositories/:repo_id/resources/:id/templates/top_container_creation.csv"
            ),
            pair("resources", "templates-top-container-creation-csv")
        );
        assert_eq!(
            names("GET", "/by-external-id"),
            pair("by-external-id", "get")
        );
        assert_eq!(names("POST", "/search"), pair("search", "post"));
        assert_eq!(
            names("GET", "/reports/static/*"),
            pair("reports", "static-get")
        );
    }

    #[test]
    fn hand_written_command_names_are_left_to_them() {
        assert_eq!(names("GET", "/tree/:id").0, "tree-routes");
        assert_eq!(names("POST", "/export/things").0, "export-routes");
        assert_eq!(names("GET", "/jobs").0, "jobs");
    }

    #[test]
    fn flags() {
        assert_eq!(flag("repo_id"), "repo");
        assert_eq!(flag("id"), "id");
        assert_eq!(flag("published_only"), "published-only");
        assert_eq!(flag("metadataPrefix"), "metadata-prefix");
        assert_eq!(file_flag("files"), "file");
        assert_eq!(with_method(Method::Post, "ark-name"), "post-ark-name");
    }
}
