//! The endpoint DSL reader on hand-written controller snippets: each one
//! exercises a construct the real controllers use (or a way they could go
//! wrong), so these run everywhere, without an ArchivesSpace checkout.

use archivesspace_codegen::read::endpoints::{read_endpoints, EndpointError, SourceFile};
use serde_json::{json, Value};

/// A cut-down `rest.rb`: the two tables the reader expands, written the way
/// ArchivesSpace writes them (a lambda inside, brace-less options, a class
/// body with methods around them).
const REST_RB: &str = r##"module RESTHelpers
  include JSONModel

  class Endpoint
    @@endpoints = []

    @@param_types = {
      :repo_id => [Integer,
                   "The Repository ID",
                   {:validation => ["The Repository must exist", ->(v) {Repository.exists?(v)}]}],
      :resolve => [[String], "A list of references to resolve and embed in the response",
                   :optional => true],
      :id => [Integer, "The ID of the record"]
    }

    @@return_types = {
      :created => '{:status => "Created", :id => (id of created object), :warnings => {(warnings)}}',
      :updated => '{:status => "Updated", :id => (id of updated object)}',
      :error => '{:error => (description of error)}'
    }

    def self.get(uri); self.method(:get).uri(uri); end

    def returns(*returns, &block)
      @returns = returns.map { |r| r[1] = @@return_types[r[1]] || r[1]; r }
      self
    end
  end
end
"##;

fn rest() -> SourceFile {
    SourceFile::new("backend/app/lib/rest.rb", REST_RB)
}

fn controller(name: &str, text: &str) -> SourceFile {
    SourceFile::new(format!("backend/app/controllers/{name}"), text)
}

/// Reads `files` against the cut-down `rest.rb` and returns the JSON list.
fn read(files: &[SourceFile]) -> Result<Value, EndpointError> {
    let routes = read_endpoints(&rest(), files)?;
    Ok(serde_json::to_value(routes).expect("routes serialise"))
}

fn read_one(text: &str) -> Value {
    read(&[controller("snippet.rb", text)]).unwrap_or_else(|e| panic!("{e}"))
}

fn read_err(text: &str) -> String {
    match read(&[controller("snippet.rb", text)]) {
        Ok(v) => panic!("expected an error, read {v:#}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_plain_route_with_standard_params_and_returns() {
    let routes = read_one(
        r##"class ArchivesSpaceService < Sinatra::Base

  Endpoint.get('/repositories/:repo_id/accessions/:id')
    .description("Get an Accession by ID")
    .params(["id", :id],
            ["repo_id", :repo_id],
            ["resolve", :resolve])
    .permissions([:view_repository])
    .returns([200, "(:accession)"]) \
  do
    json = Accession.to_jsonmodel(params[:id])

    json_response(resolve_references(json, params[:resolve]))
  end

  Endpoint.post('/repositories/:repo_id/accessions')
    .description("Create an Accession")
    .params(["accession", JSONModel(:accession), "The record to create", :body => true],
            ["repo_id", :repo_id])
    .permissions([:update_accession_record])
    .returns([200, :created],
             [400, :error],
             [404, :deleted]) \
  do
    handle_create(Accession, params[:accession])
  end
end
"##,
    );
    assert_eq!(
        routes,
        json!([
            {
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
                "source": "backend/app/controllers/snippet.rb:3"
            },
            {
                "method": "POST",
                "uri": "/repositories/:repo_id/accessions",
                "description": "Create an Accession",
                "params": [
                    {"name": "accession", "type": "JSONModel(:accession)",
                     "doc": "The record to create",
                     "body": true, "optional": false, "default": null},
                    {"name": "repo_id", "type": "Integer", "doc": "The Repository ID",
                     "body": false, "optional": false, "default": null}
                ],
                "paginated": false,
                "paged": false,
                "returns": [
                    [200, "{:status => \"Created\", :id => (id of created object), :warnings => {(warnings)}}"],
                    [400, "{:error => (description of error)}"],
                    [404, ":deleted"]
                ],
                "permissions": ["update_accession_record"],
                "no_data": false,
                "documentation": null,
                "examples": {},
                "source": "backend/app/controllers/snippet.rb:16"
            }
        ])
    );
}

#[test]
fn route_bodies_are_skipped_whatever_they_hold() {
    // Each body below holds something a naive `do`/`end` counter gets wrong:
    // modifiers, `end` inside strings, symbols and heredocs, blocks in braces,
    // `while ... do`, a method called `end`, and a look-alike route.
    let routes = read_one(
        r##"class ArchivesSpaceService < Sinatra::Base
  Endpoint.get('/one')
    .description("one")
    .permissions([])
    .returns([200, "OK"]) \
  do
    x = 1 if params[:a]
    y = 2 unless x
    if x
      puts "end"
    elsif y then z = :end
    else
      [1, 2].each { |i| i }
    end
    s = <<~TEXT
      end end do
    TEXT
    while x < 3 do
      x += 1
    end
    r = (1..2).end
    h = {if: 1, end: 2, do: 3}
    begin
      raise 'Endpoint.get("/not_a_route")'
    rescue => e
      retry if false
    ensure
      nil
    end
    case x
    when 1 then :end
    end
    until x; x = 1; end
    json_response(x)
  end

  def helper_method(a)
    return a unless a
    a.each do |b|
      b
    end
  end

  private

  include Something

  Endpoint.post('/two')
    .description("two")
    .permissions([])
    .returns([200, "OK"]) do
    stream_response(params) { |y| y << "end" }
  end

  Endpoint.delete('/three').description('three').permissions([]).returns([200, :deleted]) { handle_delete(Foo, params[:id]) }
end
"##,
    );
    let seen: Vec<(&str, &str, &str)> = routes
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap(),
                r["uri"].as_str().unwrap(),
                r["source"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("GET", "/one", "backend/app/controllers/snippet.rb:2"),
            ("POST", "/two", "backend/app/controllers/snippet.rb:48"),
            ("DELETE", "/three", "backend/app/controllers/snippet.rb:55"),
        ]
    );
}

#[test]
fn get_or_post_gives_a_get_and_a_post() {
    let routes = read_one(
        r##"class ArchivesSpaceService < Sinatra::Base
  Endpoint.get_or_post('/search/records')
    .description("Return a set of records by URI")
    .params(["uri",
             [String],
             "The list of record URIs to fetch"],
             )
    .permissions([:view_all_records])
    .returns([200, "a JSON map of records"]) \
  do
    json_response({})
  end
end
"##,
    );
    let routes = routes.as_array().unwrap();
    assert_eq!(routes.len(), 2);
    assert_eq!(routes[0]["method"], "GET");
    assert_eq!(routes[1]["method"], "POST");
    for r in routes {
        assert_eq!(r["uri"], "/search/records");
        assert_eq!(r["params"][0]["type"], "[String]");
        assert_eq!(r["source"], "backend/app/controllers/snippet.rb:2");
    }
}

#[test]
fn splatted_constants_and_constants_from_other_files() {
    let tree_docs = controller(
        "tree_docs.rb",
        r##"# Docs shared by every tree type.
class TreeDocs

  ROOT_DOCS = <<~EOS.strip
    Returns a JSON object.  Includes:

      * child_count (Integer) -- Number of "children"

  EOS

end
"##,
    );
    let search = controller(
        "search.rb",
        r##"class ArchivesSpaceService < Sinatra::Base

  BASE_SEARCH_PARAMS =
    [["q", String, "A search query string.",
      :optional => true],
     ["type",
      [String],
      "The record type to search",
      :optional => true],
     ["page_size", NonNegativeInteger, "Results per page", :default => 10]]

  Endpoint.get('/repositories/:repo_id/search')
    .description("Search this repository")
    .params(["repo_id", :repo_id],
            *BASE_SEARCH_PARAMS)
    .paged(true)
    .permissions([:view_repository])
    .returns([200, TreeDocs::ROOT_DOCS]) \
  do
    json_response(Search.search(params, params[:repo_id]))
  end
end
"##,
    );
    let routes = read(&[search, tree_docs]).unwrap_or_else(|e| panic!("{e}"));
    let route = &routes[0];
    let names: Vec<&str> = route["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["repo_id", "q", "type", "page_size"]);
    assert_eq!(route["params"][2]["type"], "[String]");
    assert_eq!(route["params"][2]["optional"], true);
    assert_eq!(route["params"][3]["type"], "NonNegativeInteger");
    assert_eq!(route["params"][3]["default"], 10);
    assert_eq!(route["paged"], true);
    assert_eq!(route["paginated"], false);
    assert_eq!(
        route["returns"],
        json!([[200, "Returns a JSON object.  Includes:\n\n  * child_count (Integer) -- Number of \"children\""]])
    );
}

#[test]
fn brace_less_options_with_validation_lambdas_and_defaults() {
    let routes = read_one(
        r##"class ArchivesSpaceService < Sinatra::Base

  ALLOWED_PERMISSION_LEVELS = ["repository", "global", "all"]

  Endpoint.get('/permissions')
    .description("Get a list of Permissions")
    .params(["level",
             String,
             "The permission level to get (one of: #{ALLOWED_PERMISSION_LEVELS.join(", ")})",
             :validation => ["Must be one of #{ALLOWED_PERMISSION_LEVELS.join(", ")}",
                             ->(v) { ALLOWED_PERMISSION_LEVELS.include?(v) }]],
            ["flag", BooleanParam, "A flag", :default => false, :optional => true],
            ["who", String, "Someone", :default => 'Anonymous'],
            ["count", Integer, "How many", default: 3],
            ["file", UploadFile, "A file", :body => true],
            ["stream", :body_stream, "The batch of records"],
            ["files", [UploadFile], "Files"],
            ["bare"])
    .permissions([])
    .returns([200, "[(:permission)]"]) \
  do
    handle_unlimited_listing(Permission, {})
  end
end
"##,
    );
    assert_eq!(
        routes[0]["params"],
        json!([
            {"name": "level", "type": "String",
             "doc": "The permission level to get (one of: repository, global, all)",
             "body": false, "optional": false, "default": null},
            {"name": "flag", "type": "BooleanParam", "doc": "A flag",
             "body": false, "optional": true, "default": false},
            {"name": "who", "type": "String", "doc": "Someone",
             "body": false, "optional": false, "default": "Anonymous"},
            {"name": "count", "type": "Integer", "doc": "How many",
             "body": false, "optional": false, "default": 3},
            {"name": "file", "type": "UploadFile", "doc": "A file",
             "body": true, "optional": false, "default": null},
            {"name": "stream", "type": "body_stream", "doc": "The batch of records",
             "body": false, "optional": false, "default": null},
            {"name": "files", "type": "[UploadFile]", "doc": "Files",
             "body": false, "optional": false, "default": null},
            {"name": "bare", "type": null, "doc": null,
             "body": false, "optional": false, "default": null}
        ])
    );
}

#[test]
fn string_concatenation_adjacent_literals_and_interpolation() {
    let routes = read_one(
        r##"class ArchivesSpaceService < Sinatra::Base
  Endpoint.post('/users/:username/login')
    .description("Log " 'in')
    .params(["expiring", BooleanParam,
             "If true, the session will expire after " +
             "#{AppConfig[:session_expire_after_seconds]}" +
             " seconds.\tThen " \
             "it ends." +
             "\n\n" +
             'NOTE: #{not interpolated} \n stays',
             :default => true])
    .permissions([])
    .no_data(true)
    .returns([200, "Login accepted"],
             [403, "Login failed"]) \
  do
    json_response({})
  end
end
"##,
    );
    let route = &routes[0];
    assert_eq!(route["description"], "Log in");
    assert_eq!(route["no_data"], true);
    assert_eq!(
        route["params"][0]["doc"],
        "If true, the session will expire after #{AppConfig[:session_expire_after_seconds]} seconds.\tThen it ends.\n\nNOTE: #{not interpolated} \\n stays"
    );
    assert_eq!(route["params"][0]["default"], true);
    assert_eq!(
        route["returns"],
        json!([[200, "Login accepted"], [403, "Login failed"]])
    );
}

#[test]
fn examples_and_documentation_from_heredoc_blocks() {
    let routes = read_one(
        r##"class ArchivesSpaceService < Sinatra::Base
  Endpoint.post('/repositories/:repo_id/top_containers/batch/location')
    .description("Update location for a batch of top containers")
    .example('shell') do
      <<~SHELL
        curl -H "X-ArchivesSpace-Session: $SESSION" \\
         -d 'ids[]=[1,2,3,4,5]' \
         "http://localhost:8089/repositories/2/top_containers/batch/location"
      SHELL
    end
    .example("python") do
      <<~PYTHON
        client.post('repositories/2/top_containers/batch/location')
      PYTHON
    end
    .documentation do
      <<~DOCS
        This route takes the `ids` of one or more containers.
      DOCS
    end
    .params(["ids", [Integer]],
            ["repo_id", :repo_id])
    .permissions([:manage_container_record])
    .returns([200, :updated]) \
  do
    json_response(TopContainer.bulk_update_location(params[:ids]))
  end

  Endpoint.get('/repositories/:repo_id/classifications/:id/tree/root')
    .description("Fetch tree information for the top-level classification record")
    .params(["id", :id],
            ["repo_id", :repo_id])
    .documentation("Includes the first set of immediate children.")
    .paginated(true)
    .permissions([:view_repository])
    .returns([200, "OK"]) \
  do
    json_response({})
  end
end
"##,
    );
    let first = &routes[0];
    assert_eq!(
        first["examples"],
        json!({
            "shell": "curl -H \"X-ArchivesSpace-Session: $SESSION\" \\\n -d 'ids[]=[1,2,3,4,5]'  \"http://localhost:8089/repositories/2/top_containers/batch/location\"\n",
            "python": "client.post('repositories/2/top_containers/batch/location')\n"
        })
    );
    assert_eq!(
        first["documentation"],
        "This route takes the `ids` of one or more containers.\n"
    );
    assert_eq!(first["params"][0]["type"], "[Integer]");
    assert_eq!(first["params"][0]["doc"], Value::Null);
    let second = &routes[1];
    assert_eq!(
        second["documentation"],
        "Includes the first set of immediate children."
    );
    assert_eq!(second["paginated"], true);
}

#[test]
fn errors_are_located_with_the_offending_text() {
    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  Endpoint.get('/x')\n    .describe(\"typo\")\n    .permissions([])\n    .returns([200, \"OK\"]) do\n  end\nend\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:3:6:"),
        "{err}"
    );
    assert!(err.contains("describe"), "{err}");

    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  Endpoint.get('/x')\n    .params(*NO_SUCH_PARAMS)\n    .permissions([])\n    .returns([200, \"OK\"]) do\n  end\nend\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:3:14:"),
        "{err}"
    );
    assert!(err.contains("NO_SUCH_PARAMS"), "{err}");

    // A route declared where the reader would have to run Ruby to know
    // whether (or how often) it exists is reported, not silently dropped.
    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  [:a, :b].each do |t|\n    Endpoint.get(\"/#{t}\")\n      .permissions([])\n      .returns([200, \"OK\"]) do\n    end\n  end\nend\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:3:5:"),
        "{err}"
    );

    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  Endpoint.get('/x')\n    .permissions([])\n    .returns([200, \"OK\"]) do\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:"),
        "{err}"
    );

    // No `.returns`: ArchivesSpace would never register the route.
    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  Endpoint.get('/x')\n    .permissions([])\nend\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:2:3:"),
        "{err}"
    );
}

#[test]
fn a_method_and_uri_declared_twice_is_an_error() {
    let text = "class ArchivesSpaceService < Sinatra::Base\n  Endpoint.get('/x').permissions([]).returns([200, 'OK']) do\n  end\nend\n";
    let err =
        read(&[controller("a.rb", text), controller("b.rb", text)]).expect_err("duplicate route");
    let err = err.to_string();
    assert!(
        err.starts_with("backend/app/controllers/b.rb:2:3:"),
        "{err}"
    );
    assert!(err.contains("backend/app/controllers/a.rb:2"), "{err}");
}

#[test]
fn less_common_forms_the_real_controllers_use() {
    let routes = read_one(
        r##"require_relative '../lib/slugs/slug_helpers'

class ArchivesSpaceService < Sinatra::Base
  include SlugHelpers

  Endpoint.get('/slug')
    .description("Find the record given the slug")
    .params('slug', 'controller', 'action')
    .permissions([])
    .returns([200, ""]) \
  do
    json_response({})
  end

  Endpoint.post('/repositories/:repo_id/batch_imports')
    .description("Import a batch of records")
    .params(["batch_import", :body_stream, "The batch of records"],
            ["repo_id", :repo_id])
    .request_context(:create_enums => true)
    .use_transaction(false)
    .sufficient_permissions(['create_job', 'import_records'])
    .documentation(prepend: false) do |docs, prepend|
      "Replaces the generated docs."
    end
    .returns([200], "a list of results") \
  do
    json_response([])
  end

  Endpoint.method([:get, :post]).uri('/both')
    .params()
    .permissions([:view_all_records])
    .returns([200, :suppressed]) \
  do
  end
end
"##,
    );
    let routes = routes.as_array().unwrap();
    assert_eq!(routes.len(), 4);
    let slug_params: Vec<(&str, &Value)> = routes[0]["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), &p["type"]))
        .collect();
    assert_eq!(
        slug_params,
        [
            ("slug", &Value::Null),
            ("controller", &Value::Null),
            ("action", &Value::Null)
        ]
    );
    let batch = &routes[1];
    assert_eq!(batch["params"][0]["type"], "body_stream");
    assert_eq!(
        batch["permissions"],
        json!(["create_job", "import_records"])
    );
    assert_eq!(batch["documentation"], "Replaces the generated docs.");
    // `[200], "text"`: the description that slipped out of its array.
    assert_eq!(batch["returns"], json!([[200, "a list of results"]]));
    assert_eq!(routes[2]["method"], "GET");
    assert_eq!(routes[3]["method"], "POST");
    assert_eq!(routes[3]["uri"], "/both");
    assert_eq!(routes[3]["params"], json!([]));
    // Not in the cut-down table: kept as the symbol.
    assert_eq!(routes[3]["returns"], json!([[200, ":suppressed"]]));
}

#[test]
fn constants_bound_twice_or_in_a_cycle_are_errors() {
    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  DOC = 'a'\n  DOC = 'b'\n  Endpoint.get('/x').description(DOC).permissions([]).returns([200, 'OK']) do\n  end\nend\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:4:34:"),
        "{err}"
    );
    assert!(err.contains("bound more than once"), "{err}");

    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  A = B\n  B = [A]\n  Endpoint.get('/x').params(*A).permissions([]).returns([200, 'OK']) do\n  end\nend\n",
    );
    assert!(err.contains("refers to itself"), "{err}");

    // A constant whose value needs Ruby is an error only where it is used.
    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  UNUSED = compute_something(1)\n  USED = Time.now.year\n  Endpoint.get('/x').description(USED).permissions([]).returns([200, 'OK']) do\n  end\nend\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:3:"),
        "{err}"
    );
    assert!(
        err.contains("used at backend/app/controllers/snippet.rb:4:34"),
        "{err}"
    );
}

#[test]
fn a_missing_permissions_declaration_is_reported_like_archivesspace_does() {
    let err = read_err(
        "class ArchivesSpaceService < Sinatra::Base\n  Endpoint.get('/x')\n    .returns([200, 'OK']) do\n  end\nend\n",
    );
    assert!(
        err.starts_with("backend/app/controllers/snippet.rb:3:6:"),
        "{err}"
    );
    assert!(err.contains("no `.permissions`"), "{err}");
}
