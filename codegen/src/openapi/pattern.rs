//! Ruby regular expressions (the schemas' `pattern`s, which the backend
//! matches with Ruby's `Regexp`) rewritten as ECMA-262 ones, the dialect
//! JSON Schema 2020-12 and OpenAPI 3.1 name.
//!
//! The two dialects share most of their syntax; they differ in anchors and
//! in a few constructs only Ruby (Onigmo) has:
//!
//! - `\A` (start of the string) is `^`, and `\z` (its end) is `$`, since an
//!   ECMA-262 pattern without flags anchors `^` and `$` to the string;
//! - `\Z` (the end, or before a final newline) is `(?=\n?$)`;
//! - Ruby's `^` and `$` match at every line, which ECMA-262 writes with
//!   lookarounds: `(?<=^|\n)` and `(?=$|\n)`;
//! - `\h` (a hex digit) is `[0-9a-fA-F]` (`\H` its complement), and inside
//!   a class its ranges;
//! - inline options (`(?i)`, `(?m:...)`), atomic groups `(?>...)`,
//!   possessive quantifiers, `\G`, `\K`, `\R`, `\X`, `\p{...}` of Ruby's
//!   own properties, comments `(?#...)` and conditionals have no ECMA-262
//!   form: such a pattern is not translated, and the caller keeps the Ruby
//!   text under its own key.

/// Why a Ruby pattern has no ECMA-262 form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untranslatable {
    /// The construct, as written in the pattern.
    pub construct: String,
}

/// The ECMA-262 form of a Ruby pattern, or the construct that has none.
pub fn translate(ruby: &str) -> Result<String, Untranslatable> {
    let chars: Vec<char> = ruby.chars().collect();
    let mut out = String::with_capacity(ruby.len() + 8);
    let mut in_class = false;
    let mut i = 0;
    let refuse = |construct: &str| {
        Err(Untranslatable {
            construct: construct.to_owned(),
        })
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&next) = chars.get(i + 1) else {
                    return refuse("a trailing `\\`");
                };
                i += 2;
                match next {
                    'A' if !in_class => out.push('^'),
                    'z' if !in_class => out.push('$'),
                    'Z' if !in_class => out.push_str("(?=\\n?$)"),
                    'h' if in_class => out.push_str("0-9a-fA-F"),
                    'h' => out.push_str("[0-9a-fA-F]"),
                    'H' if !in_class => out.push_str("[^0-9a-fA-F]"),
                    'G' | 'K' | 'R' | 'X' | 'H' | 'p' | 'P' | 'g' | 'k' => {
                        return refuse(&format!("\\{next}"));
                    }
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
                continue;
            }
            '[' if in_class => {
                // Ruby's nested classes and `&&` intersections.
                return refuse("a class inside a class");
            }
            '[' => {
                in_class = true;
                out.push('[');
                // A `^` that negates, and a `]` first in the class, are
                // both literal text of the class's opening.
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' if in_class && chars.get(i + 1) == Some(&'&') => {
                return refuse("&&");
            }
            '^' if !in_class => out.push_str("(?<=^|\\n)"),
            '$' if !in_class => out.push_str("(?=$|\\n)"),
            '(' if !in_class && chars.get(i + 1) == Some(&'?') => {
                let rest: String = chars[i + 2..].iter().take(2).collect();
                let plain = rest.starts_with(':')
                    || rest.starts_with('=')
                    || rest.starts_with('!')
                    || rest.starts_with("<=")
                    || rest.starts_with("<!")
                    || (rest.starts_with('<')
                        && chars.get(i + 3).is_some_and(|c| c.is_ascii_alphabetic()));
                if !plain {
                    return refuse(&format!("(?{rest}"));
                }
                out.push('(');
            }
            '+' | '?' if !in_class && i > 0 && is_quantifier_end(&chars, i) => {
                // A `+` after a quantifier makes it possessive; a `?` makes it
                // lazy, which ECMA-262 has too.
                if c == '+' {
                    return refuse("a possessive quantifier");
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_class {
        return refuse("an unclosed `[`");
    }
    Ok(out)
}

/// Whether the character before `at` ends a quantifier (`*`, `+`, `?` or
/// `{n,m}`), itself not escaped.
fn is_quantifier_end(chars: &[char], at: usize) -> bool {
    let before = chars[at - 1];
    let escaped = at >= 2 && chars[at - 2] == '\\';
    matches!(before, '*' | '+' | '?' | '}') && !escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_shorthands() {
        assert_eq!(
            translate(r"\A[a-zA-Z0-9\-_:\.]*\z").unwrap(),
            r"^[a-zA-Z0-9\-_:\.]*$"
        );
        assert_eq!(
            translate(r"\Ahttps?:\/\/[\S]+\z").unwrap(),
            r"^https?:\/\/[\S]+$"
        );
        assert_eq!(translate(r"x\Z").unwrap(), r"x(?=\n?$)");
        assert_eq!(translate(r"^a$").unwrap(), r"(?<=^|\n)a(?=$|\n)");
        assert_eq!(translate(r"[^\h]\h").unwrap(), r"[^0-9a-fA-F][0-9a-fA-F]");
        assert_eq!(translate(r"[]a]").unwrap(), r"[\]a]");
        assert_eq!(translate(r"a*?(?:b)(?<n>c)").unwrap(), r"a*?(?:b)(?<n>c)");
    }

    #[test]
    fn what_has_no_ecma_form_is_named() {
        for (pattern, construct) in [
            ("(?i)abc", "(?i)"),
            ("(?>a)", "(?>a"),
            ("a++", "a possessive quantifier"),
            (r"\Gx", r"\G"),
            (r"\p{Alpha}", r"\p"),
            ("[a-z&&[^b]]", "&&"),
            ("[a", "an unclosed `[`"),
            ("a\\", "a trailing `\\`"),
        ] {
            assert_eq!(
                translate(pattern).unwrap_err().construct,
                construct,
                "{pattern}"
            );
        }
    }
}
