//! Which custom validations `common/validations.rb` registers, for which
//! record types and at which level, read from its tokens.
//!
//! The file registers each check with
//! `JSONModel(:type).add_validation("name")` (or `..., :warning)`), often
//! inside a loop over record types whose variable is both the receiver and
//! part of the name:
//!
//! ```ruby
//! [:archival_object, :accession, :resource].each do |type|
//!   JSONModel(type).add_validation("#{type}_check_identifier") do |hash| ... end
//! end
//! ```
//!
//! Only these two shapes are read; the checks' bodies are code and are
//! passed over. A registration whose type or name cannot be told from its
//! tokens (another variable, a computed string) is an error at its place,
//! so that no check is silently left out.

use super::blocks::closing;
use super::error::{snippet, Error, ErrorKind};
use super::lexer::{self, StrLit, StrPart, Token, TokenKind};

/// One `add_validation` call, as the backend records it in the type's
/// schema (`schema["validations"] << [level, name]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// The record type it is registered on.
    pub record_type: String,
    /// `"error"` (the default) or `"warning"`.
    pub level: String,
    /// The name it is registered under.
    pub name: String,
}

/// A loop `[:a, :b].each do |var|` and the token index its block ends at.
struct Loop {
    var: String,
    types: Vec<String>,
    end: usize,
}

/// Every registration in the file, in the order the backend makes them.
pub fn registrations(file: &str, source: &str) -> Result<Vec<Registration>, Error> {
    let tokens = lexer::tokenize(file, source)?;
    let mut loops: Vec<Loop> = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        loops.retain(|l| l.end > i);
        if let Some((types, var, open)) = loop_header(&tokens, i) {
            let end = closing(file, source, &tokens, open)?;
            loops.push(Loop { var, types, end });
            i = open + 1;
            continue;
        }
        if let Some(call) = registration_call(&tokens, i) {
            let error = |message: String| {
                let token = &tokens[i];
                Error::new(
                    file,
                    token.span.line,
                    token.span.column,
                    ErrorKind::Syntax(message),
                    snippet(source, token.span.start, token.span.end),
                )
            };
            let (types, var) = match call.receiver {
                Receiver::Type(name) => (vec![name.to_owned()], None),
                Receiver::Var(var) => match loops.iter().rev().find(|l| l.var == var) {
                    Some(l) => (l.types.clone(), Some(var)),
                    None => {
                        return Err(error(format!(
                            "cannot tell which record type `{var}` is: it is not the variable of a loop over symbols"
                        )))
                    }
                },
            };
            for record_type in types {
                let name = name_for(call.name, var, &record_type).ok_or_else(|| {
                    error(
                        "the validation's name is computed by code this reader does not run".into(),
                    )
                })?;
                out.push(Registration {
                    record_type,
                    level: call.level.to_owned(),
                    name,
                });
            }
            i = call.next;
            continue;
        }
        // Any other call of `add_validation` registers a check this reader
        // would miss.
        if ident(&tokens, i, "add_validation") && !defines(&tokens, i) {
            let token = &tokens[i];
            return Err(Error::new(
                file,
                token.span.line,
                token.span.column,
                ErrorKind::Syntax(
                    "a registration this reader cannot read: expected \
                     `JSONModel(:type).add_validation(\"name\"[, :level])`"
                        .into(),
                ),
                snippet(source, token.span.start, token.span.end),
            ));
        }
        i += 1;
    }
    Ok(out)
}

/// Whether the `add_validation` at `i` is a method being defined
/// (`def add_validation` or `def self.add_validation`), not a call.
fn defines(tokens: &[Token], i: usize) -> bool {
    let is_def = |at: usize| {
        matches!(
            tokens.get(at).map(|t| &t.kind),
            Some(TokenKind::Keyword(lexer::Keyword::Def))
        )
    };
    (i >= 1 && is_def(i - 1)) || (i >= 3 && punct(tokens, i - 1, ".") && is_def(i - 3))
}

fn punct(tokens: &[Token], i: usize, text: &str) -> bool {
    matches!(tokens.get(i).map(|t| &t.kind), Some(TokenKind::Punct(p)) if *p == text)
}

fn ident(tokens: &[Token], i: usize, text: &str) -> bool {
    matches!(tokens.get(i).map(|t| &t.kind), Some(TokenKind::Ident(name)) if name == text)
}

/// `[:a, :b].each do |var|` (or `%i[a b].each do |var|`) at `i`: the
/// symbols, the variable and the index of `do`.
fn loop_header(tokens: &[Token], i: usize) -> Option<(Vec<String>, String, usize)> {
    let (types, mut at) = match &tokens.get(i)?.kind {
        TokenKind::Words {
            symbols: true,
            words,
        } => (words.iter().filter_map(StrLit::plain).collect(), i + 1),
        TokenKind::Punct("[") => {
            let mut types = Vec::new();
            let mut at = i + 1;
            loop {
                match &tokens.get(at)?.kind {
                    TokenKind::Sym(name) => types.push(name.clone()),
                    _ => return None,
                }
                at += 1;
                if punct(tokens, at, ",") {
                    at += 1;
                } else if punct(tokens, at, "]") {
                    break (types, at + 1);
                } else {
                    return None;
                }
            }
        }
        _ => return None,
    };
    if !(punct(tokens, at, ".") && ident(tokens, at + 1, "each")) {
        return None;
    }
    at += 2;
    let open = at;
    if !matches!(
        tokens.get(open)?.kind,
        TokenKind::Keyword(lexer::Keyword::Do)
    ) {
        return None;
    }
    at += 1;
    // `|` may come as one token or as part of `||`; only `|var|` is a loop
    // over record types.
    if !punct(tokens, at, "|") {
        return None;
    }
    let TokenKind::Ident(var) = &tokens.get(at + 1)?.kind else {
        return None;
    };
    punct(tokens, at + 2, "|").then(|| (types, var.clone(), open))
}

/// What `JSONModel(...)` is given.
enum Receiver<'t> {
    /// `:accession`.
    Type(&'t str),
    /// `type`, a variable.
    Var(&'t str),
}

struct Call<'t> {
    receiver: Receiver<'t>,
    name: &'t StrLit,
    level: &'static str,
    /// The index just past the call's closing parenthesis.
    next: usize,
}

/// `JSONModel(<receiver>).add_validation("name"[, :level])` at `i`.
fn registration_call(tokens: &[Token], i: usize) -> Option<Call<'_>> {
    if !matches!(&tokens.get(i)?.kind, TokenKind::Const(name) if name == "JSONModel") {
        return None;
    }
    if !punct(tokens, i + 1, "(") {
        return None;
    }
    let receiver = match &tokens.get(i + 2)?.kind {
        TokenKind::Sym(name) => Receiver::Type(name),
        TokenKind::Ident(var) => Receiver::Var(var),
        _ => return None,
    };
    if !(punct(tokens, i + 3, ")")
        && punct(tokens, i + 4, ".")
        && ident(tokens, i + 5, "add_validation")
        && punct(tokens, i + 6, "("))
    {
        return None;
    }
    let TokenKind::Str(name) = &tokens.get(i + 7)?.kind else {
        return None;
    };
    if punct(tokens, i + 8, ")") {
        return Some(Call {
            receiver,
            name,
            level: "error",
            next: i + 9,
        });
    }
    if !punct(tokens, i + 8, ",") || !punct(tokens, i + 10, ")") {
        return None;
    }
    let level = match &tokens.get(i + 9)?.kind {
        TokenKind::Sym(level) if level == "warning" => "warning",
        TokenKind::Sym(level) if level == "error" => "error",
        _ => return None,
    };
    Some(Call {
        receiver,
        name,
        level,
        next: i + 11,
    })
}

/// The name with `#{var}` replaced by the record type; `None` when it
/// interpolates anything else.
fn name_for(name: &StrLit, var: Option<&str>, record_type: &str) -> Option<String> {
    let mut out = String::new();
    for part in &name.parts {
        match part {
            StrPart::Text(text) => out.push_str(text),
            StrPart::Interp { tokens, .. } => {
                let is_var = |token: &Token| matches!((&token.kind, var), (TokenKind::Ident(v), Some(var)) if v == var);
                match tokens.as_slice() {
                    // `#{type}`, or `#{type.to_s}`: a symbol's name either way.
                    [token] if is_var(token) => out.push_str(record_type),
                    [token, dot, to_s]
                        if is_var(token)
                            && matches!(dot.kind, TokenKind::Punct("."))
                            && matches!(&to_s.kind, TokenKind::Ident(m) if m == "to_s") =>
                    {
                        out.push_str(record_type)
                    }
                    _ => return None,
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Vec<(String, String, String)> {
        registrations("validations.rb", source)
            .unwrap()
            .into_iter()
            .map(|r| (r.record_type, r.level, r.name))
            .collect()
    }

    fn triple(t: &str, level: &str, name: &str) -> (String, String, String) {
        (t.to_owned(), level.to_owned(), name.to_owned())
    }

    #[test]
    fn direct_and_looped_registrations_in_order() {
        let source = r##"
module JSONModel::Validations
  extend JSONModel

  [:archival_object, :accession].each do |type|
    if JSONModel(type)
      JSONModel(type).add_validation("#{type}_check_identifier") do |hash|
        check_identifier(hash)
      end
    end
  end

  # JSONModel(:note).add_validation("commented_out") do |hash|
  if JSONModel(:date)
    JSONModel(:date).add_validation("check_date") do |hash|
      errors = []
      [:begin, :end].each do |k|
        errors << [k.to_s, "x"] if hash[k.to_s] == ""
      end
      errors
    end
  end

  [:agent_person].each do |agent_type|
    JSONModel(agent_type).add_validation("check_#{agent_type.to_s}") do |hash|
    end
  end

  %i[name_person name_family].each do |type|
    JSONModel(type).add_validation("#{type}_check_name") { |hash| check_name(hash) }
    JSONModel(type).add_validation("#{type}_check_authority_id", :warning) do |hash|
      []
    end
  end
end
"##;
        assert_eq!(
            read(source),
            [
                triple(
                    "archival_object",
                    "error",
                    "archival_object_check_identifier"
                ),
                triple("accession", "error", "accession_check_identifier"),
                triple("date", "error", "check_date"),
                triple("agent_person", "error", "check_agent_person"),
                triple("name_person", "error", "name_person_check_name"),
                triple("name_family", "error", "name_family_check_name"),
                triple("name_person", "warning", "name_person_check_authority_id"),
                triple("name_family", "warning", "name_family_check_authority_id"),
            ]
        );
    }

    #[test]
    fn a_type_or_name_it_cannot_tell_is_an_error_at_its_place() {
        let error = registrations(
            "validations.rb",
            "\nJSONModel(kind).add_validation(\"check\") do |h|\nend\n",
        )
        .unwrap_err();
        let text = error.to_string();
        assert!(text.contains("validations.rb:2:1"), "{text}");
        assert!(text.contains("`kind`"), "{text}");

        let error = registrations(
            "validations.rb",
            "[:a].each do |t|\n  JSONModel(t).add_validation(\"#{t.upcase}\") do |h|\n  end\nend\n",
        )
        .unwrap_err();
        assert!(error.to_string().contains("validations.rb:2:3"), "{error}");

        // A call in another shape (no parentheses) is not passed over.
        let error = registrations(
            "validations.rb",
            "JSONModel(:a).add_validation \"check_a\" do |h|\nend\n",
        )
        .unwrap_err();
        assert!(error.to_string().contains("validations.rb:1:15"), "{error}");
        // A definition of the method is no registration.
        assert!(
            registrations("jsonmodel_type.rb", "def self.add_validation(name)\nend\n")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn broken_files_fail_without_panicking() {
        for source in [
            "[:a].each do |t|\n JSONModel(t).add_validation(\"x\")",
            "JSONModel(:a).add_validation(",
            "JSONModel(:a).add_validation(\"x\", :later)",
            "[:a, .each do |t|",
            "\"#{",
        ] {
            let _ = registrations("validations.rb", source);
        }
    }
}
