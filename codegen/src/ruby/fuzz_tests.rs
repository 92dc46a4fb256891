//! Mutation fuzzing: the real schema files, damaged, must give a value or
//! an error, never a panic or a hang.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;

use super::{evaluate, lexer};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/archivesspace");

/// Every schema file of both releases, read once.
fn corpus() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        for release in ["v3.5.1", "v4.2.1"] {
            let dir = format!("{SHARED}/{release}/common/schemas");
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
                let path = entry.expect("directory entry").path();
                let source = std::fs::read_to_string(&path).expect("schema source");
                files.push((path.display().to_string(), source));
            }
        }
        files.sort();
        files
    })
}

/// Characters that open, close or escape things in Ruby.
const INSERTS: &[char] = &[
    '"', '{', '}', '[', ']', '#', '\\', '\'', ':', '=', '>', ',', '\n', '%', '<', '~', '/', '?',
    '-', '0', '_', '(', ')', '`', '@', '$', 'é',
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index),
    Insert(Index, Index),
    Truncate(Index),
    Swap(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Delete),
        (any::<Index>(), any::<Index>()).prop_map(|(at, c)| Mutation::Insert(at, c)),
        any::<Index>().prop_map(Mutation::Truncate),
        any::<Index>().prop_map(Mutation::Swap),
    ]
}

fn mutate(source: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = source.chars().collect();
    for m in mutations {
        if chars.is_empty() {
            break;
        }
        match m {
            Mutation::Delete(at) => {
                chars.remove(at.index(chars.len()));
            }
            Mutation::Insert(at, c) => {
                let at = at.index(chars.len() + 1);
                chars.insert(at, INSERTS[c.index(INSERTS.len())]);
            }
            Mutation::Truncate(at) => chars.truncate(at.index(chars.len())),
            Mutation::Swap(at) => {
                let at = at.index(chars.len());
                if at + 1 < chars.len() {
                    chars.swap(at, at + 1);
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Pieces of Ruby that make the lexer change state.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"a\"",
    "'b'",
    "=>",
    ",",
    "\n",
    "<<~A\n",
    "A\n",
    "<<-'B'",
    "#{",
    "\"#{x}\"",
    "%w[",
    "%q(",
    "do",
    "end",
    "if",
    "while",
    "\\\n",
    "?a",
    ":",
    "::",
    "/x/",
    "1_0",
    "-1",
    "0x",
    "x",
    "X = ",
    "+",
    ".merge(",
    ".freeze",
    "=begin\n",
    "=end\n",
    "# c\n",
    "key:",
    "\"k\":",
    "*",
    "**",
    "->",
    "|",
    " ",
    "\\u{41}",
    "\"\\",
    "__END__\n",
];

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_schema_files_never_panic(
        file in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let files = corpus();
        let (name, source) = &files[file.index(files.len())];
        let mutated = mutate(source, &mutations);
        let _ = lexer::tokenize(name, &mutated);
        if let Err(e) = evaluate(name, &mutated) {
            prop_assert!(e.line >= 1 && e.column >= 1);
            prop_assert_eq!(&e.file, name);
        }
    }

    #[test]
    fn ruby_fragment_soup_never_panics(pieces in prop::collection::vec(any::<Index>(), 0..40)) {
        let source: String = pieces.iter().map(|i| FRAGMENTS[i.index(FRAGMENTS.len())]).collect();
        let _ = lexer::tokenize("soup.rb", &source);
        let _ = evaluate("soup.rb", &source);
    }

    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        let _ = lexer::tokenize("any.rb", &source);
        let _ = evaluate("any.rb", &source);
    }
}
