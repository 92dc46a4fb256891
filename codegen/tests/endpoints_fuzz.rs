//! The endpoint reader never panics (nor loops forever) on any input: real and
//! hand-written controller text, mutated at random.

use archivesspace_codegen::read::endpoints::{read_endpoints, EndpointError, SourceFile};
use proptest::prelude::*;

const REST_RB: &str = r##"module RESTHelpers
  class Endpoint
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
      :updated => '{:status => "Updated", :id => (id of updated object)}'
    }
  end
end
"##;

/// Controller text with every construct the reader handles, to mutate.
const CONTROLLER: &str = r##"require_relative 'tree_docs'

class ArchivesSpaceService < Sinatra::Base

  LEVELS = ["repository", "global", "all"]

  BASE_SEARCH_PARAMS =
    [["q", String, "A search query string.",
      :optional => true],
     ["type", [String], "The record type to search (one of: #{LEVELS.join(", ")})",
      :optional => true, :default => ['a', :b]]]

  Endpoint.post('/repositories/:repo_id/accessions/:id')
    .description("Update " 'an Accession')
    .example("shell") do
      <<~SHELL
        curl -H "X-ArchivesSpace-Session: $SESSION" \\
          -d '{}' \
          "http://localhost:8089/repositories/2/accessions/1"
      SHELL
    end
    .documentation do
      <<~DOCS.strip
        Takes #{AppConfig[:x]} and `ids`.
      DOCS
    end
    .params(["id", :id],
            ["accession", JSONModel(:accession), "The updated record", :body => true],
            ["repo_id", :repo_id],
            *BASE_SEARCH_PARAMS,
            ["level", String, "Level " +
             "text", :validation => ["Must be one", ->(v) { LEVELS.include?(v) }]],
           )
    .paginated(true)
    .permissions([:update_accession_record])
    .returns([200, :updated],
             [400, TreeDocs::ROOT_DOCS]) \
  do
    x = 1 if params[:a]
    while x < 3 do x += 1 end
    { end: 1 }.each { |k, v| k }
    handle_update(Accession, params[:id], params[:accession])
  end

  Endpoint.get_or_post('/search')
    .params(*BASE_SEARCH_PARAMS)
    .permissions([])
    .returns([200, ""]) { json_response(1) }

  def helper(a) = a + 1

  def other
    [1].map do |i| i end
  end
end
"##;

const TREE_DOCS: &str = r##"class TreeDocs
  ROOT_DOCS = <<~EOS.strip
    Returns a JSON object.
  EOS
end
"##;

/// Fragments that matter to the reader, for insertion.
const FRAGMENTS: &[&str] = &[
    "do",
    "end",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "<<~EOS\n",
    "EOS\n",
    "\\\n",
    "#{",
    "*",
    "=>",
    ":",
    ".",
    ",",
    "\n",
    ";",
    "|",
    "if ",
    " if x",
    "Endpoint.get('/z')",
    ".returns(",
    ".params(",
    "JSONModel(",
    "::",
    "->",
    "%w[",
    "/",
    "?",
    "#",
    "=begin\n",
    "\u{e9}",
    "\r\n",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, fragment: usize },
    Duplicate { at: usize, len: usize, to: usize },
    Truncate { at: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..12).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), 0..FRAGMENTS.len())
            .prop_map(|(at, fragment)| Edit::Insert { at, fragment }),
        (any::<usize>(), 1usize..40, any::<usize>()).prop_map(|(at, len, to)| Edit::Duplicate {
            at,
            len,
            to
        }),
        any::<usize>().prop_map(|at| Edit::Truncate { at }),
    ]
}

/// Applies the edits on characters, so the text stays valid UTF-8.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let n = chars.len().max(1);
        match *edit {
            Edit::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(chars.len());
                if at < end {
                    chars.drain(at..end);
                }
            }
            Edit::Insert { at, fragment } => {
                let at = at % (chars.len() + 1);
                let piece = FRAGMENTS[fragment % FRAGMENTS.len()];
                chars.splice(at..at, piece.chars());
            }
            Edit::Duplicate { at, len, to } => {
                let at = at % n;
                let end = (at + len).min(chars.len());
                let piece: Vec<char> = chars.get(at..end).unwrap_or(&[]).to_vec();
                let to = to % (chars.len() + 1);
                chars.splice(to..to, piece);
            }
            Edit::Truncate { at } => chars.truncate(at % n),
        }
    }
    chars.into_iter().collect()
}

/// Reading must end in routes or in a located error, never a panic or an
/// internal error.
fn check(rest: &str, controllers: &[(&str, String)]) {
    let files: Vec<SourceFile> = controllers
        .iter()
        .map(|(name, text)| {
            SourceFile::new(format!("backend/app/controllers/{name}"), text.clone())
        })
        .collect();
    match read_endpoints(&SourceFile::new("backend/app/lib/rest.rb", rest), &files) {
        Ok(_) => {}
        Err(EndpointError::Internal(message)) => panic!("internal error: {message}"),
        Err(e @ (EndpointError::Dsl { .. } | EndpointError::Ruby(_))) => {
            assert!(e.to_string().starts_with("backend/app/"), "{e}");
        }
        Err(_) => {}
    }
}

#[test]
fn the_unmutated_corpus_reads() {
    let files = [
        SourceFile::new("backend/app/controllers/accession.rb", CONTROLLER),
        SourceFile::new("backend/app/controllers/tree_docs.rb", TREE_DOCS),
    ];
    let routes = read_endpoints(&SourceFile::new("backend/app/lib/rest.rb", REST_RB), &files)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(routes.len(), 3);
    assert_eq!(routes[0].params.len(), 6);
    assert_eq!(
        routes[0].documentation.as_deref(),
        Some("Takes #{AppConfig[:x]} and `ids`.")
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["[", "(", "{:a => ", "\"#{"] {
        let deep = format!(
            "class A\n  X = {}1\nend\nclass ArchivesSpaceService\n  Endpoint.get('/x').permissions([]).returns([200, X]) do\n  end\nend\n",
            open.repeat(5000)
        );
        check(REST_RB, &[("deep.rb", deep)]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_controllers_never_panic(edits in proptest::collection::vec(edit(), 1..6)) {
        check(
            REST_RB,
            &[("accession.rb", mutate(CONTROLLER, &edits)), ("tree_docs.rb", TREE_DOCS.to_owned())],
        );
    }

    #[test]
    fn mutated_rest_rb_never_panics(edits in proptest::collection::vec(edit(), 1..4)) {
        check(&mutate(REST_RB, &edits), &[("accession.rb", CONTROLLER.to_owned())]);
    }
}

/// The same on the real controllers of v4.2.1 (in `../shared`, or the tree
/// `ASPACE_SRC_V4_2_1` names).
#[test]
fn mutated_real_controllers_never_panic() {
    let dir = match std::env::var_os("ASPACE_SRC_V4_2_1").filter(|d| !d.is_empty()) {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/archivesspace/v4.2.1"),
    };
    let rest = std::fs::read_to_string(dir.join("backend/app/lib/rest.rb")).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(dir.join("backend/app/controllers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let texts: Vec<String> = names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 300,
        ..ProptestConfig::default()
    });
    let strategy = (0..texts.len(), proptest::collection::vec(edit(), 1..6));
    runner
        .run(&strategy, |(file, edits)| {
            check(&rest, &[("mutated.rb", mutate(&texts[file], &edits))]);
            Ok(())
        })
        .unwrap();
}
