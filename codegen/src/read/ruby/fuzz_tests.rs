//! Mutation fuzzing: the real schema and controller files, damaged, must
//! give a value or a located error, never a panic or a hang, through the
//! schema importer and through the parser and evaluator the endpoint reader
//! uses (controller code, read in a scope of constants).

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;

use super::ast::Parser;
use super::eval::{Binding, Bound, Scope, ScopeKind};
use super::lexer::TokenKind;
use super::{evaluate, lexer, Error};

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

/// Every controller file of v4.2.1 and its `rest.rb`, read once.
fn controllers() -> &'static [(String, String)] {
    static CORPUS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = format!("{SHARED}/v4.2.1/backend/app");
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(format!("{root}/controllers"))
            .unwrap_or_else(|e| panic!("{root}: {e}"))
            .map(|entry| entry.expect("directory entry").path())
            .collect();
        paths.push(format!("{root}/lib/rest.rb").into());
        let mut files: Vec<_> = paths
            .iter()
            .map(|path| {
                let source = std::fs::read_to_string(path).expect("controller source");
                (path.display().to_string(), source)
            })
            .collect();
        files.sort();
        files
    })
}

fn located(error: &Error, file: &str) -> Result<(), TestCaseError> {
    prop_assert!(error.line >= 1 && error.column >= 1, "{error}");
    prop_assert_eq!(&error.file, file);
    Ok(())
}

/// Reads `source` the way the endpoint reader does: every `NAME = ...` a
/// constant of one scope, and an expression (or argument list) parsed and
/// evaluated at each of the first `limit` tokens that may start one, as
/// route arguments are.
fn read_as_controller(file: &str, source: &str, limit: usize) -> Result<(), TestCaseError> {
    let Ok(tokens) = lexer::tokenize(file, source) else {
        return Ok(());
    };
    let mut scope = Scope::new(ScopeKind::Constants);
    let number = scope.add_file(file, source);
    for (i, pair) in tokens.windows(2).enumerate() {
        if let (TokenKind::Const(name), TokenKind::Punct("=")) = (&pair[0].kind, &pair[1].kind) {
            let code = Parser::new(file, source, &tokens, i + 2)
                .reading_for(&scope)
                .expr()
                .map_err(|e| *e);
            let binding = Binding {
                file: number,
                span: pair[0].span,
                nesting: vec!["Outer".to_owned()],
                value: Bound::Code(code),
            };
            scope.declare(name.clone(), binding);
        }
    }
    let starts: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            matches!(
                t.kind,
                TokenKind::Punct("(" | "[" | "{" | "->")
                    | TokenKind::Const(_)
                    | TokenKind::Str(_)
                    | TokenKind::Words { .. }
            )
        })
        .map(|(i, _)| i)
        .take(limit)
        .collect();
    let nesting = ["Outer".to_owned()];
    for i in starts {
        let mut parser = Parser::new(file, source, &tokens, i).reading_for(&scope);
        let parsed = if tokens[i].kind == TokenKind::Punct("(") {
            parser.call_args().map(|args| (None, args))
        } else {
            parser.expr().map(|expr| (Some(expr), Vec::new()))
        };
        let (expr, args) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                located(&error, file)?;
                continue;
            }
        };
        prop_assert!(parser.pos() > i);
        let mut evaluator = scope.evaluator(number, &nesting);
        if let Some(Err(error)) = expr.map(|e| evaluator.value_of(&e)) {
            located(&error, file)?;
        }
        if let Err(error) = evaluator.elements(&args) {
            located(&error, file)?;
        }
    }
    Ok(())
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
    "JSONModel(:a)",
    "lambda {",
    "%i[",
    ".join(\", \")",
    ".strip",
    "A::B",
    "Integer",
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
        read_as_controller("soup.rb", &source, 40)?;
    }

    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        let _ = lexer::tokenize("any.rb", &source);
        let _ = evaluate("any.rb", &source);
        read_as_controller("any.rb", &source, 40)?;
    }

    #[test]
    fn mutated_controller_code_never_panics(
        file in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let files = controllers();
        let (name, source) = &files[file.index(files.len())];
        let mutated = mutate(source, &mutations);
        read_as_controller(name, &mutated, 200)?;
    }
}
