//! The endpoint reader on every controller of real ArchivesSpace releases:
//! the full trees of v3.5.1 and v4.2.1 in `../shared/archivesspace`, or the
//! trees these variables name instead (`git archive <tag> backend/app common
//! | tar -x -C DIR`):
//!
//! - `ASPACE_SRC_V3_5_1`: ArchivesSpace v3.5.1
//! - `ASPACE_SRC_V4_2_1`: ArchivesSpace v4.2.1
//!
//! The committed `schemas/endpoints.json` must be what the reader produces
//! from v4.2.1, byte for byte. To rewrite it after a change to the reader,
//! set `ENDPOINTS_JSON_WRITE=1`.

use std::fs;
use std::path::{Path, PathBuf};

use archivesspace_codegen::read::endpoints::{import_endpoints, read_endpoints, source_files};
use archivesspace_codegen::snapshot::to_pretty_json;
use serde_json::{json, Value};

/// The tree named by `var`, else the release's tree in `../shared`. A
/// missing tree fails the test: these are the endpoint reader's checks on
/// real controllers, and must not pass without them.
fn tree(var: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os(var) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => {
            let release = var.trim_start_matches("ASPACE_SRC_V").replace('_', ".");
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/archivesspace")
                .join(format!("v{release}"))
        }
    };
    assert!(
        dir.join("backend/app/controllers").is_dir(),
        "no ArchivesSpace controllers in {} (set {var} to a source tree)",
        dir.display()
    );
    Some(dir)
}

fn routes(dir: &Path) -> Vec<Value> {
    let (typed, digest) =
        import_endpoints(dir, &[]).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    // The routes as `endpoints.json` writes them: typing a route and writing
    // it back gives exactly what the DSL declares, for every route.
    let json = serde_json::to_value(&typed).expect("routes to JSON");
    let (rest, controllers) = source_files(dir, &[]).expect("sources");
    let declared = read_endpoints(&rest, &controllers).expect("routes");
    assert_eq!(
        json,
        serde_json::to_value(&declared).expect("declared routes to JSON")
    );
    assert!(
        digest.starts_with("sha256:") && digest.len() == 7 + 64,
        "{digest}"
    );
    match json {
        Value::Array(routes) => routes,
        other => panic!("not a list: {other}"),
    }
}

fn find<'a>(routes: &'a [Value], method: &str, uri: &str) -> &'a Value {
    routes
        .iter()
        .find(|r| r["method"] == method && r["uri"] == uri)
        .unwrap_or_else(|| panic!("no {method} {uri}"))
}

/// Checks that hold on both releases.
fn common_checks(routes: &[Value]) {
    let accession = find(routes, "GET", "/repositories/:repo_id/accessions/:id");
    assert_eq!(
        accession,
        &json!({
            "method": "GET",
            "uri": "/repositories/:repo_id/accessions/:id",
            "description": "Get an Accession by ID",
            "params": [
                {"name": "id", "type": "Integer", "doc": "The ID of the record",
                 "body": false, "optional": false, "default": null},
                {"name": "repo_id", "type": "Integer", "doc": "The Repository ID",
                 "body": false, "optional": false, "default": null},
                {"name": "resolve", "type": "[String]",
                 "doc": "A list of references to resolve and embed in the response",
                 "body": false, "optional": true, "default": null}
            ],
            "paginated": false,
            "paged": false,
            "returns": [[200, "(:accession)"]],
            "permissions": ["view_repository"],
            "no_data": false,
            "documentation": null,
            "examples": {},
            "source": "backend/app/controllers/accession.rb:37"
        })
    );

    let list = find(routes, "GET", "/repositories/:repo_id/accessions");
    assert_eq!(list["paginated"], true);
    assert_eq!(list["returns"], json!([[200, "[(:accession)]"]]));

    let create = find(routes, "POST", "/repositories/:repo_id/accessions");
    assert_eq!(
        create["returns"],
        json!([[
            200,
            "{:status => \"Created\", :id => (id of created object), :warnings => {(warnings)}}"
        ]])
    );
    assert_eq!(create["params"][0]["type"], "JSONModel(:accession)");
    assert_eq!(create["params"][0]["body"], true);

    let delete = find(routes, "DELETE", "/repositories/:repo_id/accessions/:id");
    assert_eq!(delete["returns"], json!([[200, ":deleted"]]));

    // get_or_post: one entry per method, the same declaration.
    let get = find(routes, "GET", "/search");
    let post = find(routes, "POST", "/search");
    assert_eq!(get["source"], post["source"]);
    assert_eq!(get["paged"], true);
    // *BASE_SEARCH_PARAMS expanded in place.
    let names: Vec<&str> = get["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(&names[..3], ["q", "aq", "type"]);
    assert_eq!(get["params"][1]["type"], "JSONModel(:advanced_query)");

    // A constant from another file (tree_docs.rb), from a `<<~EOS.strip`.
    let root = find(
        routes,
        "GET",
        "/repositories/:repo_id/resources/:id/tree/root",
    );
    let text = root["returns"][0][1].as_str().unwrap();
    assert!(
        text.starts_with("Returns a JSON object describing enough information"),
        "{text}"
    );
    assert!(
        text.ends_with("(e.g. still_image)") || text.contains("file_uri_summary"),
        "{text}"
    );

    // Interpolation the reader can evaluate, and one it keeps as written.
    let permissions = find(routes, "GET", "/permissions");
    assert_eq!(
        permissions["params"][0]["doc"],
        "The permission level to get (one of: repository, global, all)"
    );
    let login = find(routes, "POST", "/users/:username/login");
    let expiring = &login["params"][2];
    assert_eq!(expiring["type"], "BooleanParam");
    assert_eq!(expiring["default"], true);
    assert!(expiring["doc"]
        .as_str()
        .unwrap()
        .starts_with("If true, the session will expire after #{AppConfig[:session_expire_after_seconds]} seconds of inactivity."));

    let batch = find(routes, "POST", "/repositories/:repo_id/batch_imports");
    assert_eq!(batch["params"][0]["type"], "body_stream");

    // Every route has a method, URI and source; params keep their order.
    for route in routes {
        assert!(route["uri"].as_str().unwrap().starts_with('/'), "{route}");
        assert!(["GET", "POST", "DELETE"].contains(&route["method"].as_str().unwrap()));
        assert!(route["source"]
            .as_str()
            .unwrap()
            .starts_with("backend/app/controllers/"));
    }
}

#[test]
fn v3_5_1_every_controller_reads() {
    let Some(dir) = tree("ASPACE_SRC_V3_5_1") else {
        return;
    };
    let routes = routes(&dir);
    assert_eq!(routes.len(), 321);
    common_checks(&routes);
}

#[test]
fn v4_2_1_every_controller_reads() {
    let Some(dir) = tree("ASPACE_SRC_V4_2_1") else {
        return;
    };
    let routes = routes(&dir);
    assert_eq!(routes.len(), 323);
    common_checks(&routes);
    let examples: usize = routes
        .iter()
        .map(|r| r["examples"].as_object().map_or(0, |e| e.len()))
        .sum();
    assert_eq!(examples, 143);
    let container = find(
        &routes,
        "POST",
        "/repositories/:repo_id/top_containers/batch/location",
    );
    assert_eq!(
        container["documentation"],
        "This route takes the `ids` of one or more containers, and associates the containers\nwith the location referenced by `location_uri`.\n"
    );
    let shell = container["examples"]["shell"].as_str().unwrap();
    assert!(
        shell.starts_with(
            "curl -H \"X-ArchivesSpace-Session: $SESSION\" \\\n -d 'ids[]=[1,2,3,4,5]' \\\n"
        ),
        "{shell}"
    );
}

/// The committed `schemas/endpoints.json` is what the reader makes of v4.2.1.
#[test]
fn committed_endpoints_json_is_v4_2_1() {
    let Some(dir) = tree("ASPACE_SRC_V4_2_1") else {
        return;
    };
    let (json, _) = import_endpoints(&dir, &[]).unwrap_or_else(|e| panic!("{e}"));
    let text = to_pretty_json(&json);
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/endpoints.json");
    if std::env::var_os("ENDPOINTS_JSON_WRITE").is_some_and(|v| v == "1") {
        fs::write(&committed, &text).unwrap_or_else(|e| panic!("writing endpoints.json: {e}"));
        return;
    }
    let on_disk = fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        on_disk == text,
        "schemas/endpoints.json differs from the reader's output on v4.2.1; rerun with \
         ENDPOINTS_JSON_WRITE=1 if the change is intended"
    );
}

/// A plugin's controllers come after the core ones, shown under the plugin's
/// folder name.
#[test]
fn plugin_controllers_follow_core_ones() {
    let Some(dir) = tree("ASPACE_SRC_V4_2_1") else {
        return;
    };
    let plugin = tempfile::tempdir().unwrap();
    let plugin_dir = plugin.path().join("hello_world");
    fs::create_dir_all(plugin_dir.join("backend/controllers")).unwrap();
    fs::write(
        plugin_dir.join("backend/controllers/hello_world.rb"),
        "class ArchivesSpaceService < Sinatra::Base\n\n  Endpoint.get('/helloworld')\n    .description(\"Hello World!\")\n    .params([\"who\", String, \"Someone to say hello to\", :default => 'Anonymous'])\n    .permissions([])\n    .returns([200, \"{'reply', 'Hello (who)!'}\"]) \\\n  do\n    json_response('reply' => \"Hello #{params[:who]}!\")\n  end\nend\n",
    )
    .unwrap();
    let (core, core_digest) = import_endpoints(&dir, &[]).unwrap();
    let (typed, digest) = import_endpoints(&dir, std::slice::from_ref(&plugin_dir)).unwrap();
    assert_ne!(core_digest, digest);
    let json = serde_json::to_value(&typed).unwrap();
    let routes = json.as_array().unwrap();
    assert_eq!(routes.len(), core.len() + 1);
    let last = routes.last().unwrap();
    assert_eq!(last["uri"], "/helloworld");
    assert_eq!(last["params"][0]["default"], "Anonymous");
    assert_eq!(
        last["source"],
        "hello_world/backend/controllers/hello_world.rb:3"
    );

    // Reading the files directly gives the same routes.
    let (rest, controllers) = source_files(&dir, &[plugin_dir]).unwrap();
    let direct = read_endpoints(&rest, &controllers).unwrap();
    assert_eq!(serde_json::to_value(direct).unwrap(), json);
}
