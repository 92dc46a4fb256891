//! The few pieces of Ruby behaviour that ArchivesSpace's validation messages
//! and rules depend on: class names, `inspect`, `Date.parse`, regular
//! expressions, and `JSONModel.id_for`'s reading of a URI.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::Regex;
use serde_json::Value;

/// The Ruby class of a parsed JSON value, as messages name it.
pub(super) fn class_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NilClass",
        Value::Bool(true) => "TrueClass",
        Value::Bool(false) => "FalseClass",
        Value::Number(n) if n.is_f64() => "Float",
        Value::Number(_) => "Integer",
        Value::String(_) => "String",
        Value::Array(_) => "Array",
        Value::Object(_) => "Hash",
    }
}

/// `inspect` of a parsed JSON value, for the values messages quote.
pub(super) fn inspect(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{}\"", inspect_inner(s)),
        Value::Null => "nil".to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        // Ruby prints hashes and arrays in its own syntax; messages about
        // them match no rule of ArchivesSpace's, so the exact text matters
        // little.
        other => other.to_string(),
    }
}

/// `String#inspect` without its quotes.
pub(super) fn inspect_inner(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '#' if matches!(chars.peek(), Some('{' | '$' | '@')) => out.push_str("\\#"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Whether Ruby's `Date.parse` reads the string as a date.
///
/// `Date.parse` finds a date anywhere in free text, in many notations; this
/// accepts the ones records use: year-month-day with `-` or `/` (a real
/// calendar day), eight digits `YYYYMMDD`, day/month/year, and English
/// month names (with or without day and year). It refuses what
/// `Date.parse` refuses in those notations, such as `2020-13-01`,
/// `2020-02-30`, a bare year or a year and month (`2020`, `2020-01`).
pub(super) fn date_parses(s: &str) -> bool {
    static NOTATIONS: OnceLock<Option<[Regex; 4]>> = OnceLock::new();
    let Some([ymd, compact, dmy, month_name]) = NOTATIONS
        .get_or_init(|| {
            Some([
                Regex::new(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})").ok()?,
                Regex::new(r"(?:^|\D)(\d{4})(\d{2})(\d{2})(?:\D|$)").ok()?,
                Regex::new(r"(\d{1,2})/(\d{1,2})/(\d{4})").ok()?,
                Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
                    .ok()?,
            ])
        })
        .as_ref()
    else {
        return false;
    };
    let number = |caps: &regex::Captures<'_>, i: usize| -> Option<u32> {
        caps.get(i).and_then(|m| m.as_str().parse().ok())
    };
    if let Some(caps) = ymd.captures(s).or_else(|| compact.captures(s)) {
        return match (number(&caps, 1), number(&caps, 2), number(&caps, 3)) {
            (Some(y), Some(m), Some(d)) => is_calendar_day(y, m, d),
            _ => false,
        };
    }
    if let Some(caps) = dmy.captures(s) {
        return match (number(&caps, 3), number(&caps, 2), number(&caps, 1)) {
            (Some(y), Some(m), Some(d)) => is_calendar_day(y, m, d),
            _ => false,
        };
    }
    month_name.is_match(s)
}

fn is_calendar_day(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Compiled patterns, by their Ruby text.
fn compiled(pattern: &str) -> Option<Regex> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = match cache.lock() {
        Ok(cache) => cache,
        Err(poisoned) => poisoned.into_inner(),
    };
    cache
        .entry(pattern.to_owned())
        .or_insert_with(|| {
            // Ruby's `^` and `$` always match at line ends; `\Z` is the end
            // or before a final newline.
            let translated = pattern.replace(r"\Z", r"\n?\z");
            Regex::new(&format!("(?m){translated}")).ok()
        })
        .clone()
}

/// Whether the string matches a schema's `pattern` (unanchored, as Ruby's
/// `Regexp#match`). A pattern this engine cannot compile passes.
pub(super) fn pattern_matches(pattern: &str, s: &str) -> bool {
    compiled(pattern).is_none_or(|re| re.is_match(s))
}

/// Whether `JSONModel(:x).id_for(uri)` makes an id of the URI, for the
/// record type whose URI template is `template` (such as
/// `/repositories/:repo_id/accessions`): the template with each parameter
/// as any segment, then an id (a number or an `import_` one), at the end of
/// a line; or the same with `/tree` or `/ordered_records` after the id.
pub(super) fn uri_names_record(template: &str, uri: &str) -> bool {
    const ID: &str = "([0-9]+|import_[a-f0-9-]+)";
    let mut pattern = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("/:") {
        pattern.push_str(&regex::escape(&rest[..start]));
        let after = &rest[start + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .unwrap_or(after.len());
        if end == 0 || !(after[end..].is_empty() || after[end..].starts_with('/')) {
            // Not a parameter as `id_for` reads one: kept as text.
            pattern.push_str("/:");
            rest = after;
            continue;
        }
        pattern.push_str("/[^/ ]+");
        rest = &after[end..];
    }
    pattern.push_str(&regex::escape(rest));
    let tree = pattern.replace("[^/ ]+/tree", "");
    let direct = format!(r"{pattern}/{ID}(#.*)?$");
    let nested = format!(r"{tree}{ID}/(tree|ordered_records)$");
    [direct, nested]
        .iter()
        .any(|p| compiled(p).is_some_and(|re| re.is_match(uri)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_ruby_reads_them() {
        for good in [
            "2020-01-01",
            "2020-1-5",
            "20200101",
            "1/2/2020",
            "Jan 2020",
            "x2020-01-01",
        ] {
            assert!(date_parses(good), "{good}");
        }
        for bad in ["2020", "2020-01", "2020-13-01", "2020-02-30", "foo"] {
            assert!(!date_parses(bad), "{bad}");
        }
    }

    #[test]
    fn uris_as_id_for_reads_them() {
        let accessions = "/repositories/:repo_id/accessions";
        assert!(uri_names_record(accessions, "/repositories/2/accessions/7"));
        assert!(uri_names_record(
            accessions,
            "/repositories/2/accessions/import_1f-a"
        ));
        assert!(!uri_names_record(accessions, "/repositories/2/resources/7"));
        assert!(!uri_names_record(
            accessions,
            "/repositories/2/accessions/x"
        ));
        assert!(uri_names_record("/subjects", "/subjects/3"));
        assert!(!uri_names_record("/subjects", "subjects/3/"));
    }

    #[test]
    fn strings_as_inspect_prints_them() {
        assert_eq!(inspect_inner("a\"b\\c\n"), r#"a\"b\\c\n"#);
        assert_eq!(inspect(&Value::from(5)), "5");
    }
}
