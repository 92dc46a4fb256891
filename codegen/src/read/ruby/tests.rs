//! Tests of the Ruby reader against the real schema files of two
//! ArchivesSpace releases, plus Ruby's literal rules and located errors.
//! Expected values were worked out from Ruby's rules (and agree with what
//! Ruby itself gives for these inputs).

use serde_json::json;

use super::lexer::{tokenize, Keyword, StrLit, StrPart, TokenKind};
use super::*;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/archivesspace");
const RELEASES: [&str; 2] = ["v3.5.1", "v4.2.1"];

/// `(file name, source)` of every schema file of a release, sorted.
fn schema_sources(release: &str) -> Vec<(String, String)> {
    let dir = format!("{SHARED}/{release}/common/schemas");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rb"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let source = std::fs::read_to_string(&path).expect("schema source");
            (name, source)
        })
        .collect();
    files.sort();
    files
}

fn evaluate_schema(release: &str, name: &str) -> Evaluation {
    let path = format!("{SHARED}/{release}/common/schemas/{name}");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    evaluate(name, &source).unwrap_or_else(|e| panic!("{release}: {e}"))
}

/// The value at a path of string keys below the `:schema` key.
fn schema_at<'v>(value: &'v Value, path: &[&str]) -> &'v Value {
    let mut at = value
        .as_hash()
        .and_then(|h| h.get_sym("schema"))
        .expect(":schema key");
    for key in path {
        at = at
            .as_hash()
            .and_then(|h| h.get_str(key))
            .unwrap_or_else(|| panic!("no {key:?} on the way to {path:?}"));
    }
    at
}

fn str(s: &str) -> Value {
    Value::Str(s.to_owned())
}

fn hash(pairs: &[(&str, Value)]) -> Value {
    let mut h = Hash::new();
    for (k, v) in pairs {
        h.insert(Key::Str((*k).to_owned()), v.clone());
    }
    Value::Hash(h)
}

fn value_of(source: &str) -> Value {
    evaluate("t.rb", source)
        .unwrap_or_else(|e| panic!("{e}"))
        .value
}

fn error_of(source: &str) -> String {
    match evaluate("t.rb", source) {
        Ok(ev) => panic!("expected an error for {source:?}, got {:?}", ev.value),
        Err(e) => e.to_string(),
    }
}

// ---- the real schema files ----

#[test]
fn every_schema_file_of_both_releases_evaluates() {
    for (release, count) in [("v3.5.1", 160), ("v4.2.1", 162)] {
        let files = schema_sources(release);
        assert_eq!(files.len(), count, "{release}");
        for (name, source) in &files {
            let ev = evaluate(name, source).unwrap_or_else(|e| panic!("{release}: {e}"));
            let (json, computed) = ev.value.to_json();
            assert!(json["schema"]["properties"].is_object(), "{release}/{name}");
            assert_eq!(
                computed.is_empty(),
                name != "defaults.rb",
                "{release}/{name}"
            );
            let warnings = match name.as_str() {
                "defaults.rb" => 5,
                // Each has one repeated key in a hash literal.
                "classification_term.rb" | "event.rb" => 1,
                _ => 0,
            };
            assert_eq!(
                ev.warnings.len(),
                warnings,
                "{release}/{name}: {:?}",
                ev.warnings
            );
        }
    }
}

#[test]
fn defaults_keeps_what_ruby_code_computes_and_everything_literal() {
    for release in RELEASES {
        let ev = evaluate_schema(release, "defaults.rb");

        // `{ ... }.merge(browse_columns)`: the literal properties are the base.
        let Value::Computed(properties) = schema_at(&ev.value, &["properties"]) else {
            panic!("{release}: properties should be computed");
        };
        assert_eq!((properties.line, properties.column), (4, 1));
        assert!(properties
            .source
            .starts_with("browse_columns = {}\ncolumn_opts.keys.each do |type|\n"));
        assert!(properties.source.ends_with(
            "\nbrowse_columns['top_container_mgmt_sort_column']['enum'].delete('score')"
        ));
        let base = properties
            .base
            .as_deref()
            .and_then(Value::as_hash)
            .expect("base hash");
        let keys: Vec<String> = base.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(
            keys,
            [
                "\"show_suppressed\"",
                "\"publish\"",
                "\"rde_sort_alpha\"",
                "\"include_unpublished\"",
                "\"locale\"",
                "\"default_values\"",
                "\"note_order\"",
                "\"digital_object_spawn\""
            ]
        );
        let locale = base
            .get_str("locale")
            .and_then(Value::as_hash)
            .expect("locale");
        let Some(Value::Computed(locale_enum)) = locale.get_str("enum") else {
            panic!("{release}: locale enum should be computed");
        };
        assert_eq!(
            locale_enum.source,
            "locale_enum = I18n.supported_locales.keys"
        );
        assert_eq!((locale_enum.line, locale_enum.column), (1, 1));
        assert!(locale_enum.base.is_none());

        let (json, computed) = ev.value.to_json();
        assert_eq!(
            json["schema"]["properties"]["locale"],
            json!({"type": "string", "required": false})
        );
        assert_eq!(
            json["schema"]["properties"]["rde_sort_alpha"],
            json!({"type": "boolean", "required": false, "default": true})
        );
        let at: Vec<(&str, bool, u32, u32)> = computed
            .iter()
            .map(|c| (c.pointer.as_str(), c.merged, c.line, c.column))
            .collect();
        assert_eq!(
            at,
            [
                ("/schema/properties", true, 4, 1),
                ("/schema/properties/locale/enum", false, 1, 1)
            ]
        );

        let messages: Vec<&str> = ev.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(messages
            .contains(&"variable `locale_enum` is computed by Ruby code at 1:1; kept as computed"));
        assert!(messages
            .contains(&"variable `column_opts` is computed by Ruby code at 2:1; kept as computed"));
        assert!(messages.contains(
            &"variable `browse_columns` (assigned at 4:1) is changed by Ruby code at 5:1; kept as computed"
        ));
    }
}

#[test]
fn accession_id_0() {
    for release in RELEASES {
        let ev = evaluate_schema(release, "accession.rb");
        let id_0 = schema_at(&ev.value, &["properties", "id_0"]);
        assert_eq!(
            id_0,
            &hash(&[
                ("type", str("string")),
                ("ifmissing", str("error")),
                ("maxLength", Value::Int(255)),
            ])
        );
        assert_eq!(
            schema_at(&ev.value, &["uri"]),
            &str("/repositories/:repo_id/accessions")
        );
        // `nil` stays nil.
        assert_eq!(
            schema_at(&ev.value, &["properties", "title", "ifmissing"]),
            &Value::Nil
        );
    }
}

#[test]
fn repository_url_pattern_follows_ruby_escapes() {
    // The source is "\\Ahttps?:\\/\\/[\\\S]+\\z": `\\` is one backslash and
    // the unknown escape `\S` is just `S`.
    const PATTERN: &str = r"\Ahttps?:\/\/[\S]+\z";
    assert_eq!(PATTERN.chars().count(), 20);
    for release in RELEASES {
        let ev = evaluate_schema(release, "repository.rb");
        for field in ["url", "image_url"] {
            assert_eq!(
                schema_at(&ev.value, &["properties", field, "pattern"]),
                &str(PATTERN)
            );
        }
    }
}

#[test]
fn merge_request_expands_the_mergeable_types_constant() {
    let types = [
        "subject",
        "agent_person",
        "agent_corporate_entity",
        "agent_software",
        "agent_family",
        "resource",
        "top_container",
        "container_profile",
        "top_container",
        "digital_object",
    ];
    let expected: Vec<Value> = types
        .iter()
        .map(|t| hash(&[("type", str(&format!("JSONModel(:{t}) uri")))]))
        .collect();
    // v3.5.1 calls the two properties `target` and `victims`.
    for (release, one, many) in [
        ("v3.5.1", "target", "victims"),
        ("v4.2.1", "merge_destination", "merge_candidates"),
    ] {
        let ev = evaluate_schema(release, "merge_request.rb");
        assert!(ev.warnings.is_empty(), "{:?}", ev.warnings);
        for path in [
            &["properties", one, "properties", "ref", "type"][..],
            &["properties", many, "items", "properties", "ref", "type"][..],
        ] {
            let found = schema_at(&ev.value, path).as_array().expect("array");
            assert_eq!(found.len(), 10);
            assert_eq!(found, &expected[..], "{release} {path:?}");
        }
    }
}

#[test]
fn repeated_keys_keep_first_position_and_last_value() {
    // event.rb defines "suppressed" at line 25 and again at line 88.
    let ev = evaluate_schema("v4.2.1", "event.rb");
    let properties = schema_at(&ev.value, &["properties"])
        .as_hash()
        .expect("hash");
    let position = properties
        .iter()
        .position(|(k, _)| k == &Key::Str("suppressed".to_owned()));
    assert_eq!(position, Some(9));
    assert_eq!(
        properties.get_str("suppressed"),
        Some(&hash(&[
            ("type", str("boolean")),
            ("readonly", str("true"))
        ]))
    );
    assert_eq!((ev.warnings[0].line, ev.warnings[0].column), (88, 7));
    assert!(ev.warnings[0]
        .message
        .starts_with("duplicate key \"suppressed\""));

    // "a" and :a are different keys.
    let ev = evaluate("t.rb", r#"{ "a" => 1, :a => 2, "b" => 3, "a" => 4 }"#).expect("evaluates");
    let h = ev.value.as_hash().expect("hash");
    let keys: Vec<&Key> = h.iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        [
            &Key::Str("a".to_owned()),
            &Key::Sym("a".to_owned()),
            &Key::Str("b".to_owned())
        ]
    );
    assert_eq!(h.get_str("a"), Some(&Value::Int(4)));
    assert_eq!(h.get_sym("a"), Some(&Value::Int(2)));
    assert_eq!((ev.warnings[0].line, ev.warnings[0].column), (1, 32));
}

// ---- Ruby literal rules ----

#[test]
fn double_quoted_escapes() {
    let cases = [
        (r#""\s\e\a\b\f\v\r\0""#, " \x1b\x07\x08\x0c\x0b\r\0"),
        // Octal takes up to three digits: \010 then "1"; \123 then "4".
        (r#""\101\0101\1234""#, "A\x081S4"),
        // Hex takes up to two digits.
        (r#""\x41\x4g\x7F""#, "A\x04g\x7f"),
        (r#""\u00e9\u{1F600 41}\u{}""#, "é😀A"),
        // Unknown escapes give the character; `\#` stops interpolation.
        (r#""\S\/\A\#{x}\q\!""#, "S/A#{x}q!"),
        ("\"a\\\nb\"", "ab"),
        (r#""\cA\C-a""#, "\x01\x01"),
        (r#""tab\there""#, "tab\there"),
    ];
    for (source, expected) in cases {
        assert_eq!(value_of(source), str(expected), "{source}");
    }
}

#[test]
fn other_string_literals() {
    let cases = [
        // Single quotes: only \\ and \' are escapes.
        (r"'a\b\\c\'d\n'", r"a\b\c'd\n"),
        (r"%q(a (b) \) c)", "a (b) ) c"),
        (r"%Q[x [y] \] #{1} \t]", "x [y] ] 1 \t"),
        (r"%(a\tb)", "a\tb"),
        (r#""a" "b" 'c' "d#{1}""#, "abcd1"),
        (r#""a" + "b" + 'c'"#, "abc"),
        (r##""#{nil}#{true}#{:s}#{12}""##, "trues12"),
        ("?a", "a"),
        ("?\\n", "\n"),
    ];
    for (source, expected) in cases {
        assert_eq!(value_of(source), str(expected), "{source}");
    }
    let words = value_of(r"[%w[a b\ c  d\\e], %i[x y]]");
    assert_eq!(
        words,
        Value::Array(vec![
            Value::Array(vec![str("a"), str("b c"), str(r"d\e")]),
            Value::Array(vec![Value::Sym("x".into()), Value::Sym("y".into())]),
        ])
    );
}

#[test]
fn heredocs() {
    let squiggly = "<<~EOS\n    a\n      b\\tc\n\n    #{'d'}\nEOS\n";
    assert_eq!(value_of(squiggly), str("a\n  b\tc\n\nd\n"));
    // A `\` line join; the joined line is dedented like any other.
    assert_eq!(
        value_of("<<~EOS\n  x \\\n  y\n    z\nEOS\n"),
        str("x y\n  z\n")
    );
    assert_eq!(value_of("<<-EOS\n    a\n    EOS\n"), str("    a\n"));
    assert_eq!(
        value_of("<<~'EOS'\n  raw \\n #{x}\n    y\nEOS\n"),
        str("raw \\n #{x}\n  y\n")
    );
    assert_eq!(
        value_of("[<<~A, <<~B]\n  first\nA\n  second\nB\n"),
        Value::Array(vec![str("first\n"), str("second\n")])
    );
}

#[test]
fn numbers_symbols_and_keywords() {
    let value = value_of(
        "[1_000, -5, 0x1f, 0b101, 0o17, 017, 0d19, 1.5e3, -2.5, 1e-2, 00, nil, true, false]",
    );
    let expected = Value::Array(vec![
        Value::Int(1000),
        Value::Int(-5),
        Value::Int(31),
        Value::Int(5),
        Value::Int(15),
        Value::Int(15),
        Value::Int(19),
        Value::Float(1500.0),
        Value::Float(-2.5),
        Value::Float(0.01),
        Value::Int(0),
        Value::Nil,
        Value::Bool(true),
        Value::Bool(false),
    ]);
    assert_eq!(value, expected);

    let symbols = value_of(r#"[:schema, :"quoted sym", :"a#{1}b", :a?, :c=, :+, :[]]"#);
    let names = ["schema", "quoted sym", "a1b", "a?", "c=", "+", "[]"];
    assert_eq!(
        symbols,
        Value::Array(names.iter().map(|s| Value::Sym((*s).to_owned())).collect())
    );

    // `key:` and `"key":` are symbol keys.
    let h = value_of(r#"{ key: 1, "k2": 2, :k3 => 3, if: 4, "k5" => 5, }"#);
    let h = h.as_hash().expect("hash");
    for key in ["key", "k2", "k3", "if"] {
        assert!(h.get_sym(key).is_some(), "{key}");
    }
    assert_eq!(h.get_str("k5"), Some(&Value::Int(5)));
}

#[test]
fn comments_trailing_commas_and_concatenation() {
    let source = "# -*- coding: utf-8 -*-\n=begin\n{ not ruby\n=end\n{\n  \"a\" => [1, 2,], # note\n  \"b\" => [1] + [2, [3]] + [],\n}\n__END__\nignored {";
    assert_eq!(
        value_of(source),
        hash(&[
            ("a", Value::Array(vec![Value::Int(1), Value::Int(2)])),
            (
                "b",
                Value::Array(vec![
                    Value::Int(1),
                    Value::Int(2),
                    Value::Array(vec![Value::Int(3)])
                ])
            ),
        ])
    );
}

#[test]
fn variables_bound_before_the_value() {
    let source = "TYPES = [\"a\", \"b\"]\nlocal = { \"t\" => TYPES }.freeze\nN = 2\n\n{ \"x\" => local, \"y\" => TYPES + [\"c\"], \"z\" => \"n#{N}\" }\n";
    let ev = evaluate("t.rb", source).expect("evaluates");
    assert!(ev.warnings.is_empty());
    let (json, computed) = ev.value.to_json();
    assert!(computed.is_empty());
    assert_eq!(
        json,
        json!({"x": {"t": ["a", "b"]}, "y": ["a", "b", "c"], "z": "n2"})
    );
}

#[test]
fn code_that_may_change_a_variable_makes_it_computed() {
    // B shares A's array, so `B << 2` may change A too.
    let source = "require 'thing'\nA = [1]\nB = A\nB << 2\nC = [3]\n{ \"a\" => A, \"c\" => C, \"m\" => { \"k\" => 1 }.merge(Config.extra) }\n";
    let ev = evaluate("t.rb", source);
    // `Config.extra` is not bound: in the final value it is an error.
    assert_eq!(
        ev.expect_err("unbound").to_string(),
        "t.rb:6:49: unknown construct: `Config.extra`"
    );

    let source = "require 'thing'\nA = [1]\nB = A\nB << 2\nC = [3]\nextra = Config.extra\n{ \"a\" => A, \"c\" => C, \"m\" => { \"k\" => 1 }.merge(extra) }\n";
    let ev = evaluate("t.rb", source).expect("evaluates");
    let messages: Vec<String> = ev.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "1:1: statement ignored: it is not a literal and uses no variable bound in this file",
            "4:1: variable `B` (assigned at 3:1) is changed by Ruby code at 4:1; kept as computed",
            "4:1: variable `A` (assigned at 2:1) is changed by Ruby code at 4:1; kept as computed",
            "6:1: variable `extra` is computed by Ruby code at 6:1; kept as computed",
        ]
    );
    let (json, computed) = ev.value.to_json();
    assert_eq!(json, json!({"c": [3], "m": {"k": 1}}));
    let at: Vec<(&str, &str, bool)> = computed
        .iter()
        .map(|c| (c.pointer.as_str(), c.source.as_str(), c.merged))
        .collect();
    assert_eq!(
        at,
        [
            ("/a", "A = [1]\nB << 2", false),
            ("/m", "extra = Config.extra", true)
        ]
    );
}

#[test]
fn json_pointers_escape_and_arrays_drop_computed_elements() {
    let source = "x = foo\n{ \"a/b~c\" => [1, x, 2] }";
    let (json, computed) = value_of(source).to_json();
    assert_eq!(json, json!({"a/b~c": [1, 2]}));
    assert_eq!(computed.len(), 1);
    assert_eq!(computed[0].pointer, "/a~1b~0c/1");
}

// ---- errors ----

#[test]
fn errors_are_located_with_the_offending_text() {
    let cases = [
        (
            r#"{ "a" => "abc }"#,
            r#"t.rb:1:10: unterminated string: `"abc }`"#,
        ),
        // The first string swallows the line break; the second never ends.
        (
            "# header\n{\n  \"a\" => \"abc,\n  \"b\" => 1\n}\n",
            r#"t.rb:4:5: unterminated string: `" => 1`"#,
        ),
        (
            r#"{ "a" => foo.bar }"#,
            "t.rb:1:10: unknown construct: `foo.bar`",
        ),
        (
            "{\n  \"a\" => [1].flatten\n}",
            "t.rb:2:13: unknown construct: `.flatten`",
        ),
        // Columns count characters, not bytes.
        (
            r#"{ "é" => MISSING }"#,
            "t.rb:1:10: unknown construct: `MISSING`",
        ),
        (
            r##"{ "a" => "x#{foo}y" }"##,
            "t.rb:1:14: unknown construct: `foo`",
        ),
        (r#"puts "hi""#, "t.rb:1:1: unknown construct: `puts`"),
        (
            r#"{ "a" => "\u{zz}" }"#,
            r"t.rb:1:11: invalid escape sequence: invalid Unicode escape: `\u{zz}`",
        ),
        (
            r#"{ "a" => "\xZZ" }"#,
            r"t.rb:1:11: invalid escape sequence: invalid hex escape: `\xZZ`",
        ),
        (
            r#"{ "a" => "\u12" }"#,
            r"t.rb:1:11: invalid escape sequence: invalid Unicode escape: `\u12`",
        ),
        (
            r#"{ "a" => [1, 2 }"#,
            "t.rb:1:16: unbalanced: `}` does not close `[` opened at 1:10: `}`",
        ),
        (
            "{\n  \"a\" => 1\n",
            "t.rb:1:1: unbalanced: `{` is never closed: `{`",
        ),
        (
            r#"{ "a" => 1 } }"#,
            "t.rb:1:14: unbalanced: `}` closes nothing: `}`",
        ),
        (
            r#"{ "a" => 1__0 }"#,
            "t.rb:1:10: invalid number: `_` must separate digits: `1__0`",
        ),
        (
            r#"{ "a" => 09 }"#,
            "t.rb:1:10: invalid number: invalid octal digit: `09`",
        ),
        (
            r#"{ "a" => 0x }"#,
            "t.rb:1:10: invalid number: numeric literal without digits: `0x`",
        ),
        (
            r#"{ "a" => 12abc }"#,
            "t.rb:1:10: invalid number: unexpected character after the digits: `12abc`",
        ),
        (
            "x = <<~EOS\n  text\n",
            "t.rb:1:5: unterminated heredoc (no line `EOS` ends it): `<<~EOS`",
        ),
        (
            "=begin\nnot closed\n",
            "t.rb:1:1: unterminated `=begin` comment (no `=end` line): `=begin`",
        ),
        (
            r#"{ "a" => "x" + 1 }"#,
            "t.rb:1:14: type error: a string + an integer is not defined: `+`",
        ),
        // A schema calls only `freeze` and `merge`.
        (
            r#"{ "a" => "x".strip }"#,
            "t.rb:1:13: unknown construct: `.strip`",
        ),
        // Errors come in source order: the unknown name before the stray `{`.
        (
            r##"{ "a" => "#{x}" {} }"##,
            "t.rb:1:13: unknown construct: `x`",
        ),
        (r#"{ "a" => foo 1 }"#, "t.rb:1:10: unknown construct: `foo`"),
    ];
    for (source, expected) in cases {
        assert_eq!(error_of(source), expected, "{source:?}");
    }
    let e = evaluate("dir/x.rb", "\n\n  [1,\n   2 3]").expect_err("syntax");
    assert_eq!((e.file.as_str(), e.line, e.column), ("dir/x.rb", 4, 6));
}

// ---- the lexer on controller DSL ----

const CONTROLLER: &str = r#"class ArchivesSpaceService < Sinatra::Base

  Endpoint.get('/repositories/:repo_id/widgets/:id')
    .description("Get a widget")
    # a comment between chained calls
    .params(["id", Integer, "The ID", :optional => true],
            ["repo_id", :repo_id],
            *PAGINATED)
    .example("shell") do
      <<~SHELL
        curl -H "X-Session: #{session}" \\
          "http://localhost:8089/widgets/1"
      SHELL
    end
    .returns([200, "(:widget)"],
             [404, "Not found"]) \
  do
    valid = ->(v) { v =~ /\A\d+\z/ && v.to_i > 0 }
    kinds = %w[a b] + %i(c d)
    note = %q(it's (nested))
    json_response(JSONModel(:widget).find(params[:id]))
  end
end
"#;

#[test]
fn lexer_reads_controller_dsl() {
    let tokens = tokenize("widget.rb", CONTROLLER).expect("tokenizes");
    let kinds: Vec<&TokenKind> = tokens.iter().map(|t| &t.kind).collect();

    // Line breaks inside the call chain (before `.x`, after `,`, `\`) end nothing.
    let newline_lines: Vec<u32> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Newline)
        .map(|t| t.span.line)
        .collect();
    assert_eq!(newline_lines, [1, 9, 10, 17, 18, 19, 20, 21, 22, 23]);

    // `\` joins `.returns(...)` and the route's `do`.
    let do_at = tokens
        .iter()
        .position(|t| t.kind == TokenKind::Keyword(Keyword::Do) && t.span.line == 17)
        .expect("route do");
    assert_eq!(kinds[do_at - 1], &TokenKind::Punct(")"));
    assert_eq!(
        (tokens[do_at].span.column, tokens[do_at].space_before),
        (3, true)
    );

    let heredoc = tokens
        .iter()
        .find(|t| t.span.line == 10)
        .expect("heredoc token");
    assert_eq!(heredoc.span.text(CONTROLLER), "<<~SHELL");
    let TokenKind::Str(StrLit { parts }) = &heredoc.kind else {
        panic!("heredoc is a string: {:?}", heredoc.kind);
    };
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0], StrPart::Text("curl -H \"X-Session: ".to_owned()));
    let StrPart::Interp {
        tokens: inner,
        span,
    } = &parts[1]
    else {
        panic!("interpolation expected");
    };
    assert_eq!(inner[0].kind, TokenKind::Ident("session".to_owned()));
    assert_eq!((span.line, span.column), (11, 29));
    assert_eq!(
        parts[2],
        StrPart::Text("\" \\\n  \"http://localhost:8089/widgets/1\"\n".to_owned())
    );

    let regex = tokens
        .iter()
        .find_map(|t| match &t.kind {
            TokenKind::Regex { body, flags } => Some((body.plain(), flags.clone())),
            _ => None,
        })
        .expect("regex");
    assert_eq!(regex, (Some(r"\A\d+\z".to_owned()), String::new()));

    let words: Vec<(bool, Vec<Option<String>>)> = tokens
        .iter()
        .filter_map(|t| match &t.kind {
            TokenKind::Words { symbols, words } => {
                Some((*symbols, words.iter().map(StrLit::plain).collect()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        words,
        [
            (false, vec![Some("a".to_owned()), Some("b".to_owned())]),
            (true, vec![Some("c".to_owned()), Some("d".to_owned())])
        ]
    );

    let has = |kind: &TokenKind| kinds.contains(&kind);
    assert!(has(&TokenKind::Punct("::")));
    assert!(has(&TokenKind::Punct("->")));
    assert!(has(&TokenKind::Sym("optional".to_owned())));
    assert!(has(&TokenKind::Str(StrLit {
        parts: vec![StrPart::Text("it's (nested)".to_owned())]
    })));
    let json_model = kinds
        .iter()
        .position(|k| **k == TokenKind::Const("JSONModel".to_owned()))
        .expect("JSONModel");
    assert_eq!(kinds[json_model + 1], &TokenKind::Punct("("));
    assert_eq!(kinds[json_model + 2], &TokenKind::Sym("widget".to_owned()));
    let splat = kinds
        .iter()
        .position(|k| **k == TokenKind::Const("PAGINATED".to_owned()))
        .expect("PAGINATED");
    assert_eq!(kinds[splat - 1], &TokenKind::Punct("*"));

    // The whole file is two balanced statements' worth of blocks: the
    // evaluator's statement splitter accepts it, then rejects the class body.
    assert!(matches!(
        evaluate("widget.rb", CONTROLLER).map_err(|e| e.kind),
        Err(ErrorKind::UnknownConstruct)
    ));
}

#[test]
fn token_positions_are_bytes_and_characters() {
    let tokens = tokenize("t.rb", "\"é\" + x\n  y").expect("tokenizes");
    let plus = &tokens[1];
    assert_eq!(plus.kind, TokenKind::Punct("+"));
    assert_eq!(
        (plus.span.start, plus.span.line, plus.span.column),
        (5, 1, 5)
    );
    let y = tokens.last().expect("y");
    assert_eq!((y.span.start, y.span.line, y.span.column), (11, 2, 3));
}

#[test]
fn odd_inputs_end_in_a_value_or_a_located_error() {
    let inputs = [
        "",
        "\"",
        "'",
        "%w[",
        "<<~A",
        "<<~A\n",
        "=begin",
        "#{",
        "\"#{",
        "\"#{\"#{",
        "?",
        ":",
        "$",
        "@",
        "\\",
        "0x",
        "/",
        "%",
        "__END__\nrest",
        "\u{feff}{}",
        "\r\n{}\r\n",
        "{ a: }",
        "[*]",
        "{**}",
        "x = ",
        "a, b = 1, 2\n[a]",
        "-",
        "1..2",
        "\"\\",
        "?\\",
        ":\"",
        "%q(",
        "`",
        "{ \"a\" => 1 }.merge",
        "(",
        ")",
        "end",
        "do",
        "if x",
        "while x do\n end\n1",
    ];
    for input in inputs {
        let _ = tokenize("t.rb", input);
        if let Err(e) = evaluate("t.rb", input) {
            assert!(e.line >= 1 && e.column >= 1, "{input:?}: {e}");
        }
    }
    assert_eq!(value_of("while x do\n y\nend\n1"), Value::Int(1));

    // Nesting is bounded, so hostile input cannot exhaust the stack.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(matches!(
        evaluate("t.rb", &deep).map_err(|e| e.kind),
        Err(ErrorKind::TooDeep(_))
    ));
    let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(evaluate("t.rb", &fine).is_ok());
    let interpolations = "\"#{".repeat(100);
    assert!(evaluate("t.rb", &interpolations).is_err());
}

// ---- controller code: a scope of constants ----

/// Binds `name` (a full path) in `scope` to the expression `code`, written in
/// a file of its own inside the modules `nesting`.
fn declare(
    scope: &mut super::eval::Scope<'static>,
    name: &str,
    nesting: &[&str],
    code: &'static str,
) {
    use super::eval::{Binding, Bound};
    let file = scope.add_file("bindings.rb", code);
    let tokens = tokenize("bindings.rb", code).expect("tokenizes");
    let expr = super::ast::Parser::new("bindings.rb", code, &tokens, 0)
        .statement_value()
        .map_err(|e| *e);
    let span = tokens.first().expect("a token").span;
    let binding = Binding {
        file,
        span,
        nesting: nesting.iter().map(|m| (*m).to_owned()).collect(),
        value: Bound::Code(expr),
    };
    scope.declare(name.to_owned(), binding);
}

/// The value of `code`, read in a file of its own inside the modules
/// `nesting`.
fn controller_value(
    scope: &mut super::eval::Scope<'static>,
    nesting: &[&str],
    code: &'static str,
) -> Result<Value, Error> {
    let file = scope.add_file("routes.rb", code);
    let tokens = tokenize("routes.rb", code).expect("tokenizes");
    let expr = super::ast::Parser::new("routes.rb", code, &tokens, 0)
        .reading_for(scope)
        .statement_value()
        .map_err(|e| *e)?;
    let nesting: Vec<String> = nesting.iter().map(|m| (*m).to_owned()).collect();
    scope.evaluator(file, &nesting).value_of(&expr)
}

#[test]
fn controller_constants_are_found_lexically_and_read_when_used() {
    use super::eval::{Scope, ScopeKind};
    let mut scope = Scope::new(ScopeKind::Constants);
    declare(&mut scope, "Service::LEVELS", &["Service"], "[\"a\", :b]");
    declare(
        &mut scope,
        "TreeDocs::ROOT",
        &["TreeDocs"],
        "<<~EOS.strip\n  Root.\nEOS\n",
    );
    // Read from inside `Service`, `LEVELS` is `Service::LEVELS`; a constant
    // no file binds is a class, named as written.
    let value = controller_value(
        &mut scope,
        &["Service"],
        "[*LEVELS, TreeDocs::ROOT, Integer, JSONModel(:accession), ->(v) { v }]",
    );
    assert_eq!(
        value,
        Ok(Value::Array(vec![
            str("a"),
            Value::Sym("b".into()),
            str("Root."),
            Value::Class("Integer".into()),
            Value::JsonModel("accession".into()),
            Value::Lambda,
        ]))
    );
    // Outside `Service` there is no `LEVELS` to splat.
    let error = controller_value(&mut scope, &[], "[*LEVELS]").expect_err("unbound");
    assert_eq!(
        error.to_string(),
        "routes.rb:1:3: `LEVELS` is not bound to a value in the files read: `LEVELS`"
    );
    // What needs the running server is kept as written in a string.
    assert_eq!(
        controller_value(
            &mut scope,
            &["Service"],
            r##""#{LEVELS.join(", ")} #{AppConfig[:x]} #{1}#{nil}""##
        ),
        Ok(str("a, b #{AppConfig[:x]} 1"))
    );
    // Local names and calls are code, reported where they are written.
    let error = controller_value(&mut scope, &[], "[1, helper, 2]").expect_err("code");
    assert_eq!(
        error.to_string(),
        "routes.rb:1:5: unknown construct: `helper`"
    );
}

#[test]
fn controller_constants_bound_twice_in_a_cycle_or_broken_fail_where_read() {
    use super::eval::{Scope, ScopeKind};
    let mut scope = Scope::new(ScopeKind::Constants);
    declare(&mut scope, "DOC", &[], "'a'");
    declare(&mut scope, "DOC", &[], "'b'");
    declare(&mut scope, "A", &[], "B");
    declare(&mut scope, "B", &[], "[A]");
    declare(&mut scope, "BROKEN", &[], "[1].flatten");
    let error = controller_value(&mut scope, &[], "DOC").expect_err("twice");
    assert_eq!(
        error.to_string(),
        "routes.rb:1:1: `DOC` is bound more than once (bindings.rb:1 and bindings.rb:1); which \
         value is read depends on load order: `DOC`"
    );
    let error = controller_value(&mut scope, &[], "A").expect_err("cycle");
    assert!(
        error
            .to_string()
            .contains("`A` refers to itself (through A, B)"),
        "{error}"
    );
    let error = controller_value(&mut scope, &[], "[0, BROKEN]").expect_err("broken");
    assert_eq!(
        error.to_string(),
        "bindings.rb:1:4: unknown construct (in `BROKEN`, used at routes.rb:1:5): `.flatten`"
    );
}
