//! The custom validations ArchivesSpace registers in `common/validations.rb`
//! (release v4.2.1), ported by hand.
//!
//! Each check gets a record (or subrecord) as the backend hands it to the
//! Ruby: cleaned of `null`, `""` and `{}` values and of unknown and
//! read-only keys. A few conventions cover what the Ruby leaves implicit:
//!
//! - A `null` value counts as absent (Ruby `nil`), which is what the
//!   backend's cleaning makes of it anyway; `has_key?` is therefore "present
//!   and not null".
//! - Where the Ruby calls a method that raises on the value it finds (for
//!   instance `5.empty?`, `"2000".start_with?(5)`, `nil.map`), ArchivesSpace
//!   answers with an exception instead of validation errors. The port then
//!   reports nothing for that check (all of its findings, since the
//!   exception discards them) and leaves the type error to the schema
//!   engine. The one departure is an array-typed property that is missing
//!   altogether (`subjects`, `notes`, `lang_materials`): the backend also
//!   validates the record after `apply_schema_defaults`, which fills such a
//!   property with `[]`, so the port treats it as `[]`.
//! - Regular expressions use Ruby's line anchors: `^` matches at the start
//!   of the text and after every `"\n"` except a final one, `$` at the end
//!   of the text and before every `"\n"`; `\d` is ASCII only and `\s` is
//!   `[ \t\n\v\f\r]`. A value that is not a string never matches
//!   (`Object#=~` answers `nil`), so `!~` holds for it.
//! - `Date.strptime(s, '%Y-%m-%d')` follows JRuby (which ArchivesSpace runs
//!   on) as measured on JRuby 9.3.9 and Ruby 3.1.2: see [`strptime_ymd`].
//! - `Time.parse` is approximated, erring towards accepting: see
//!   [`time_parse_ok`].
//!
//! `check_source` is defined in `validations.rb` but its registrations are
//! commented out there, so it is not ported. Of the releases this project
//! knows, v3.5.1 differs from v4.2.1 only in `check_location_profile` (see
//! there); the port follows v4.2.1.
//!
//! Which of these run on a type, and at which level, comes from the
//! generated rules ([`super::schema::Schema::checks`]) when the snapshot
//! recorded the release's registrations; [`registered`], v4.2.1's own,
//! applies only when it did not.

use serde_json::{Map, Value};
use std::borrow::Cow;

use super::{CheckContext, Finding, Level};

/// One validation ArchivesSpace registers with `add_validation`.
pub(crate) struct Check {
    /// The name it registers under (e.g. "check_date", "archival_object_check_identifier").
    pub name: &'static str,
    /// `:error` (the default) or `:warning`.
    pub level: Level,
    /// The check itself: gets the record's (or subrecord's) JSON object, already cleaned as the backend cleans it (no null, "" or {} values, no unknown or read-only keys).
    pub run: fn(&Map<String, Value>, &dyn CheckContext) -> Vec<Finding>,
}

/// Checks that cannot be decided on the client (for instance, ones that need the database), with why; empty if none.
///
/// Every check `validations.rb` registers looks only at the record itself,
/// or (for `find_and_replace_job`) at the schemas through [`CheckContext`].
/// What needs the database or the backend's configuration (uniqueness, the
/// barcode lengths `common/barcode_check.rb` reads from `AppConfig`, which
/// the backend's `top_container` model applies) is not registered in
/// `validations.rb`.
pub(crate) const UNDECIDABLE: &[(&str, &str)] = &[];

type Obj = Map<String, Value>;

const fn check(name: &'static str, run: fn(&Obj, &dyn CheckContext) -> Vec<Finding>) -> Check {
    Check {
        name,
        level: Level::Error,
        run,
    }
}

const fn warning(name: &'static str, run: fn(&Obj, &dyn CheckContext) -> Vec<Finding>) -> Check {
    Check {
        name,
        level: Level::Warning,
        run,
    }
}

/// Every record type with checks, and its checks in the order
/// validations.rb registers them (order matters: a later finding for the
/// same field replaces an earlier one).
const REGISTRATIONS: &[(&str, &[Check])] = &[
    (
        "archival_object",
        &[
            check("archival_object_check_identifier", check_identifier),
            check("check_archival_object", check_archival_object),
            check("check_archival_object_otherlevel", check_otherlevel),
        ],
    ),
    (
        "accession",
        &[check("accession_check_identifier", check_identifier)],
    ),
    (
        "resource",
        &[
            check("resource_check_identifier", check_identifier),
            check("check_language", check_language),
            check("check_resource_otherlevel", check_otherlevel),
        ],
    ),
    (
        "agent_software",
        &[
            check(
                "check_agent_software_subrecords",
                check_agent_software_subrecords,
            ),
            check("check_agent_software", check_agent_dates_of_existence),
        ],
    ),
    (
        "agent_function",
        &[check(
            "check_agent_function_subject_subrecord",
            check_agent_subject_subrecord,
        )],
    ),
    (
        "agent_place",
        &[check(
            "check_agent_place_subject_subrecord",
            check_agent_subject_subrecord,
        )],
    ),
    (
        "agent_occupation",
        &[check(
            "check_agent_occupation_subject_subrecord",
            check_agent_subject_subrecord,
        )],
    ),
    (
        "agent_topic",
        &[check(
            "check_agent_topic_subject_subrecord",
            check_agent_subject_subrecord,
        )],
    ),
    (
        "structured_date_label",
        &[check(
            "check_structured_date_label",
            check_structured_date_label,
        )],
    ),
    (
        "structured_date_single",
        &[check(
            "check_structured_date_single",
            check_structured_date_single,
        )],
    ),
    (
        "structured_date_range",
        &[check(
            "check_structured_date_range",
            check_structured_date_range,
        )],
    ),
    (
        "used_language",
        &[check("check_used_language", check_used_language)],
    ),
    (
        "agent_sources",
        &[check("check_agent_sources", check_agent_sources)],
    ),
    (
        "agent_alternate_set",
        &[check(
            "check_agent_alternate_set",
            check_agent_alternate_set,
        )],
    ),
    (
        "name_person",
        &[
            check("name_person_check_name", check_name),
            warning("name_person_check_authority_id", check_authority_id),
        ],
    ),
    (
        "name_family",
        &[
            check("name_family_check_name", check_name),
            warning("name_family_check_authority_id", check_authority_id),
        ],
    ),
    (
        "name_corporate_entity",
        &[
            check("name_corporate_entity_check_name", check_name),
            warning(
                "name_corporate_entity_check_authority_id",
                check_authority_id,
            ),
        ],
    ),
    (
        "name_software",
        &[
            check("name_software_check_name", check_name),
            warning("name_software_check_authority_id", check_authority_id),
        ],
    ),
    ("date", &[check("check_date", check_date)]),
    (
        "rights_statement",
        &[check("check_rights_statement", check_rights_statement)],
    ),
    ("location", &[check("check_location", check_location)]),
    (
        "container_location",
        &[check("check_container_location", check_container_location)],
    ),
    ("instance", &[check("check_instance", check_instance)]),
    (
        "sub_container",
        &[check("check_sub_container", check_sub_container)],
    ),
    (
        "container_profile",
        &[check("check_container_profile", check_container_profile)],
    ),
    (
        "collection_management",
        &[check(
            "check_collection_management",
            check_collection_management,
        )],
    ),
    (
        "user_defined",
        &[check("check_user-defined", check_user_defined)],
    ),
    (
        "digital_object_component",
        &[check(
            "check_digital_object_component",
            check_digital_object_component,
        )],
    ),
    ("event", &[check("check_event", check_event)]),
    (
        "agent_person",
        &[check("check_agent_person", check_agent_dates_of_existence)],
    ),
    (
        "agent_family",
        &[check("check_agent_family", check_agent_dates_of_existence)],
    ),
    (
        "agent_corporate_entity",
        &[check(
            "check_agent_corporate_entity",
            check_agent_dates_of_existence,
        )],
    ),
    (
        "note_multipart",
        &[
            check(
                "note_multipart_check_at_least_one_subnote",
                check_at_least_one_subnote,
            ),
            check("check_restriction_date", check_restriction_date),
        ],
    ),
    (
        "note_bioghist",
        &[check(
            "note_bioghist_check_at_least_one_subnote",
            check_at_least_one_subnote,
        )],
    ),
    (
        "find_and_replace_job",
        &[check(
            "only target properties on the target schemas",
            check_find_and_replace_target,
        )],
    ),
    (
        "location_profile",
        &[check("check_location_profile", check_location_profile)],
    ),
    (
        "field_query",
        &[check("check_field_query", check_field_query)],
    ),
    (
        "date_field_query",
        &[check("check_date_field_query", check_field_query)],
    ),
    (
        "rights_statement_external_document",
        &[check(
            "check_rights_statement_external_document",
            check_rights_statement_external_document,
        )],
    ),
    (
        "assessment",
        &[
            check(
                "check_assessment_monetary_value",
                check_assessment_monetary_value,
            ),
            check("check_survey_dates", check_survey_dates),
        ],
    ),
];

/// The client's port of the check registered under `name`, whichever type
/// it is registered on (ArchivesSpace refuses to register a name twice).
pub(crate) fn by_name(name: &str) -> Option<&'static Check> {
    REGISTRATIONS
        .iter()
        .flat_map(|(_, checks)| checks.iter())
        .find(|check| check.name == name)
}

/// The checks registered for one JSONModel type, in the order
/// validations.rb registers them; none for a type without any.
pub(crate) fn registered(record_type: &str) -> &'static [Check] {
    REGISTRATIONS
        .iter()
        .find(|(name, _)| *name == record_type)
        .map_or(&[], |(_, checks)| checks)
}

// ---------------------------------------------------------------------------
// Ruby semantics
// ---------------------------------------------------------------------------

/// The Ruby would raise here: the check reports nothing.
struct Raised;

type R<T> = Result<T, Raised>;

/// Runs a check body that may hit a Ruby exception.
fn ruby(body: impl FnOnce() -> R<Vec<Finding>>) -> Vec<Finding> {
    body().unwrap_or_default()
}

fn field(field: &str, message: impl Into<String>) -> Finding {
    Finding::Field {
        field: field.to_owned(),
        message: message.into(),
    }
}

fn code(code: &str) -> Finding {
    Finding::Code(code.to_owned())
}

/// `hash[key]`: `None` is `nil` (missing or null).
fn get<'a>(h: &'a Obj, key: &str) -> Option<&'a Value> {
    h.get(key).filter(|v| !v.is_null())
}

/// `hash[key].nil?`
fn is_nil(h: &Obj, key: &str) -> bool {
    get(h, key).is_none()
}

/// Ruby truthiness of `hash[key]`: anything but `nil` and `false`.
fn truthy(h: &Obj, key: &str) -> bool {
    truthy_value(get(h, key))
}

fn truthy_value(v: Option<&Value>) -> bool {
    !matches!(v, None | Some(Value::Null) | Some(Value::Bool(false)))
}

/// `hash[key] == "text"`
fn eq_str(h: &Obj, key: &str, text: &str) -> bool {
    get(h, key).and_then(Value::as_str) == Some(text)
}

/// `value.empty?`, which only strings, arrays and hashes answer.
fn empty(v: &Value) -> R<bool> {
    match v {
        Value::String(s) => Ok(s.is_empty()),
        Value::Array(a) => Ok(a.is_empty()),
        Value::Object(o) => Ok(o.is_empty()),
        _ => Err(Raised),
    }
}

/// `hash[key].nil? || hash[key].empty?`, and equally
/// `!hash.has_key?(key) || hash[key].empty?`.
fn nil_or_empty(h: &Obj, key: &str) -> R<bool> {
    match get(h, key) {
        None => Ok(true),
        Some(v) => empty(v),
    }
}

/// `hash[key].empty?` on an array-typed property, missing meaning `[]`.
fn array_empty(h: &Obj, key: &str) -> R<bool> {
    nil_or_empty(h, key)
}

/// `value.to_s.empty?`
fn to_s_empty(v: Option<&Value>) -> bool {
    match v {
        None => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

/// `value[key]` for a value of any type: a hash looks the key up, a string
/// answers the key itself if it contains it as a substring (`String#[]`),
/// and anything else raises.
fn index<'a>(v: &'a Value, key: &str) -> R<Option<Cow<'a, Value>>> {
    match v {
        Value::Object(o) => Ok(get(o, key).map(Cow::Borrowed)),
        Value::String(s) => Ok(s
            .contains(key)
            .then(|| Cow::Owned(Value::String(key.to_owned())))),
        _ => Err(Raised),
    }
}

/// The lines of `s` at which a regex starting with `^` may start and one
/// ending with `$` may end: every `"\n"`-separated segment but an empty one
/// after a final `"\n"`.
fn ruby_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut segments: Vec<&str> = s.split('\n').collect();
    if segments.len() > 1 && segments.last() == Some(&"") {
        segments.pop();
    }
    segments.into_iter()
}

/// `value =~ /^…$/` for a pattern that cannot match a `"\n"`, as a match on
/// some line.
fn matches_some_line(v: &Value, line_matches: fn(&str) -> bool) -> bool {
    match v {
        Value::String(s) => ruby_lines(s).any(line_matches),
        _ => false,
    }
}

fn ascii_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Ruby's `\s`.
fn ruby_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r')
}

/// `^\s*(?=.*[0-9])\d*(?:\.\d{1,2})?\s*$` on one line: a number with at most
/// two decimals and at least one digit, with blanks around it. (The leading
/// and trailing `\s*` may cross lines, but whatever matches that way also
/// matches on a single line.)
fn two_decimals_line(line: &str) -> bool {
    let number = line.trim_matches(ruby_space);
    let (int, frac) = match number.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (number, None),
    };
    ascii_digits(int)
        && frac.is_none_or(|f| (1..=2).contains(&f.len()) && ascii_digits(f))
        && !number.is_empty()
}

/// `^\-?\d{0,9}(\.\d{1,5})?$` on one line (an empty line matches).
fn nine_five_line(line: &str) -> bool {
    let number = line.strip_prefix('-').unwrap_or(line);
    let (int, frac) = match number.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (number, None),
    };
    int.len() <= 9
        && ascii_digits(int)
        && frac.is_none_or(|f| (1..=5).contains(&f.len()) && ascii_digits(f))
}

/// `^\-?\d+$` on one line.
fn signed_integer_line(line: &str) -> bool {
    let digits = line.strip_prefix('-').unwrap_or(line);
    !digits.is_empty() && ascii_digits(digits)
}

/// `^\d+$` on one line.
fn unsigned_integer_line(line: &str) -> bool {
    !line.is_empty() && ascii_digits(line)
}

/// A date as `Date` compares it: year, month, day. Within the valid dates
/// (see [`valid_civil`]) this order is the order of the days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ymd(i64, u32, u32);

/// The years JRuby's `Date` accepts (JRuby keeps dates in Joda-Time, whose
/// range this is; MRI accepts any year). Just outside the lower end JRuby
/// answers some years with a wrong date instead of an error; the port
/// rejects them all.
const YEARS: std::ops::RangeInclusive<i64> = -292_269_053..=292_278_994;

/// Whether `Date` (with its default calendar reform of 1582-10-15) has this
/// day: Julian calendar before the reform, Gregorian from it, and the ten
/// days 1582-10-05 to 1582-10-14 do not exist.
fn valid_civil(Ymd(y, m, d): Ymd) -> bool {
    if !YEARS.contains(&y) || !(1..=12).contains(&m) || d < 1 {
        return false;
    }
    let julian = Ymd(y, m, d) < Ymd(1582, 10, 15);
    if y == 1582 && m == 10 && (5..=14).contains(&d) {
        return false;
    }
    let leap = if julian {
        y.rem_euclid(4) == 0
    } else {
        y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
    };
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// Reads between 1 and `max` ASCII digits at `*at`.
fn read_digits<'a>(s: &'a [u8], at: &mut usize, max: usize) -> Option<&'a [u8]> {
    let start = *at;
    while *at < s.len() && *at - start < max && s[*at].is_ascii_digit() {
        *at += 1;
    }
    (*at > start).then(|| &s[start..*at])
}

fn digits_value(digits: &[u8]) -> Option<i64> {
    digits.iter().try_fold(0i64, |n, &b| {
        n.checked_mul(10)?.checked_add(i64::from(b - b'0'))
    })
}

/// `Date.strptime(s, '%Y-%m-%d')`, `None` where it raises.
///
/// As measured on JRuby 9.3.9 and Ruby 3.1.2: `%Y` is an optional `+` or
/// `-` and one or more digits; `%m` is one or two digits (1 to 12); `%d` is
/// one or two digits, or a space and one digit (1 to 31); the `-` must be
/// there; nothing may come before the year, but anything may follow the day
/// (`"2020-01-05x"` and `"2020-01-031"`, read as 2020-01-03, are accepted);
/// and the day must exist (see [`valid_civil`]).
fn strptime_ymd(s: &str) -> Option<Ymd> {
    let s = s.as_bytes();
    let mut at = 0;
    let negative = match s.first() {
        Some(b'-') => {
            at += 1;
            true
        }
        Some(b'+') => {
            at += 1;
            false
        }
        _ => false,
    };
    let year = read_digits(s, &mut at, usize::MAX)?;
    let year = digits_value(year).unwrap_or(i64::MAX);
    let year = if negative { -year } else { year };
    if s.get(at) != Some(&b'-') {
        return None;
    }
    at += 1;
    let month = digits_value(read_digits(s, &mut at, 2)?)?;
    if s.get(at) != Some(&b'-') {
        return None;
    }
    at += 1;
    let day = if s.get(at) == Some(&b' ') {
        at += 1;
        read_digits(s, &mut at, 1)?
    } else {
        read_digits(s, &mut at, 2)?
    };
    let day = digits_value(day)?;
    let (Ok(month), Ok(day)) = (u32::try_from(month), u32::try_from(day)) else {
        return None;
    };
    if !(1..=31).contains(&day) {
        return None;
    }
    let date = Ymd(year, month, day);
    valid_civil(date).then_some(date)
}

/// `normalise_date`: pads `YYYY` or `YYYY-MM` out to `YYYY-MM-DD` with
/// `01`s, keeping a leading `-`.
fn normalise_date(s: &str) -> String {
    let negated = s.starts_with('-');
    // `gsub(/^-/, '')`: a `-` at the start of any line.
    let unsigned = s
        .split('\n')
        .map(|line| line.strip_prefix('-').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n");
    // `split(/-/)` drops trailing empty fields.
    let mut parts: Vec<&str> = unsigned.split('-').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    parts.extend(["01", "01"]);
    parts.truncate(3);
    let padded = parts.join("-");
    if negated {
        format!("-{padded}")
    } else {
        padded
    }
}

/// `parse_sloppy_date`: `None` where it raises (which it also does for a
/// value that is not a string, `nil` included).
fn parse_sloppy_date(v: Option<&Value>) -> Option<Ymd> {
    strptime_ymd(&normalise_date(v?.as_str()?))
}

/// Whether `Time.parse(s)` succeeds: an approximation, since `Time.parse`
/// rests on `Date._parse`, which guesses at dates in dozens of formats.
///
/// - A string that is an ISO 8601 date, `[+-]YYYY-MM-DD`, optionally with a
///   time `[T ]hh:mm[:ss[.fff]]` and a zone (`Z`, `±hh[[:]mm]`, ` UTC`,
///   ` GMT`), blanks around, succeeds when its parts are in the ranges
///   `Time` accepts: month 1 to 12, day 1 to 31 (`Time` rolls
///   `2020-02-31` over to March), hour 0 to 24 (24 only as `24:00:00`),
///   minute 0 to 59, second 0 to 60, offset under 24 hours.
/// - A string of digits is read as `Date._parse` reads it: see
///   [`digits_time_ok`].
/// - A string without an ASCII digit succeeds only when a word in it starts
///   with an English month abbreviation (`"January"`, `"Jann"`), since
///   otherwise `Date._parse` finds no date or time in it.
/// - Any other string is taken to succeed: the backend has the last word.
fn time_parse_ok(s: &str) -> bool {
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return has_month_word(s);
    }
    let trimmed = s.trim_matches(ruby_space);
    digits_time_ok(trimmed)
        .or_else(|| iso_time_ok(trimmed))
        .unwrap_or(true)
}

/// For a string of digits (after an optional sign, which does not count,
/// and before an optional zone offset `±h` to `±hhmm`, which `Date._parse`
/// takes `2000-05` to end with), whether `Date._parse` reads a date out of
/// it that `Time` accepts; `None` when `s` is not such a string.
///
/// Two digits are a day of the month, four a month and day, six `YYMMDD`,
/// eight `YYYYMMDD`; ten, twelve and fourteen add the hour, minute and
/// second; three, five and seven digits are a day of the year (`DDD`,
/// `YYDDD`, `YYYYDDD`); other lengths are not a date. (Ruby checks three
/// digits against the current year; the port allows up to 366.)
fn digits_time_ok(s: &str) -> Option<bool> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let end = unsigned
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(unsigned.len());
    let (digits, zone) = unsigned.split_at(end);
    let zone_ok = zone.is_empty()
        || zone
            .strip_prefix(['+', '-'])
            .is_some_and(|z| (1..=4).contains(&z.len()) && ascii_digits(z));
    if digits.is_empty() || !zone_ok {
        return None;
    }
    let n = |range: std::ops::Range<usize>| digits_value(&digits.as_bytes()[range]).unwrap_or(0);
    let days_in_year = |y: i64| {
        let leap = if y < 1582 {
            y % 4 == 0
        } else {
            y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        };
        if leap {
            366
        } else {
            365
        }
    };
    let century = |yy: i64| if yy >= 69 { 1900 + yy } else { 2000 + yy };
    let month_day = |m: i64, d: i64| (1..=12).contains(&m) && (1..=31).contains(&d);
    let ok = match digits.len() {
        2 => (1..=31).contains(&n(0..2)),
        3 => (1..=366).contains(&n(0..3)),
        4 => month_day(n(0..2), n(2..4)),
        5 => (1..=days_in_year(century(n(0..2)))).contains(&n(2..5)),
        6 => month_day(n(2..4), n(4..6)),
        7 => (1..=days_in_year(n(0..4))).contains(&n(4..7)),
        8 | 10 | 12 | 14 => {
            let len = digits.len();
            let hour = if len >= 10 { n(8..10) } else { 0 };
            let minute = if len >= 12 { n(10..12) } else { 0 };
            let second = if len >= 14 { n(12..14) } else { 0 };
            month_day(n(4..6), n(6..8))
                && (hour < 24 || (hour == 24 && minute == 0 && second == 0))
                && minute <= 59
                && second <= 60
        }
        _ => false,
    };
    Some(ok)
}

fn has_month_word(s: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = s.to_lowercase();
    let mut previous_is_word = false;
    for (i, c) in lower.char_indices() {
        if !previous_is_word && MONTHS.iter().any(|m| lower[i..].starts_with(m)) {
            return true;
        }
        previous_is_word = c.is_alphanumeric() || c == '_';
    }
    false
}

/// For an ISO 8601 timestamp, whether its parts are in range; `None` when
/// `s` is not one.
fn iso_time_ok(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    let mut at = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        at += 1;
    }
    read_digits(b, &mut at, usize::MAX)?;
    let number = |at: &mut usize, max: usize| read_digits(b, at, max).and_then(digits_value);
    let expect = |at: &mut usize, c: u8| (b.get(*at) == Some(&c)).then(|| *at += 1);
    expect(&mut at, b'-')?;
    let month = number(&mut at, 2)?;
    expect(&mut at, b'-')?;
    let day = number(&mut at, 2)?;
    let mut ok = (1..=12).contains(&month) && (1..=31).contains(&day);
    if at == b.len() {
        return Some(ok);
    }
    if !matches!(b[at], b'T' | b't' | b' ') {
        return None;
    }
    at += 1;
    let hour = number(&mut at, 2)?;
    expect(&mut at, b':')?;
    let minute = number(&mut at, 2)?;
    let mut second = 0;
    if expect(&mut at, b':').is_some() {
        second = number(&mut at, 2)?;
        if matches!(b.get(at), Some(b'.' | b',')) {
            at += 1;
            read_digits(b, &mut at, usize::MAX)?;
        }
    }
    ok &= (hour < 24 || (hour == 24 && minute == 0 && second == 0)) && minute <= 59 && second <= 60;
    let zone = &s[at..];
    let zone_ok = match zone {
        "" | "Z" | "z" | " UTC" | " GMT" | " utc" | " gmt" => true,
        _ => {
            let z = zone.strip_prefix(' ').unwrap_or(zone).as_bytes();
            let mut at = 0;
            if !matches!(z.first(), Some(b'+' | b'-')) {
                return None;
            }
            at += 1;
            let hours = read_digits(z, &mut at, 2).and_then(digits_value)?;
            if z.get(at) == Some(&b':') {
                at += 1;
            }
            let minutes = if at < z.len() {
                read_digits(z, &mut at, 2).and_then(digits_value)?
            } else {
                0
            };
            if at != z.len() {
                return None;
            }
            hours < 24 && minutes <= 59
        }
    };
    Some(ok && zone_ok)
}

// ---------------------------------------------------------------------------
// The checks, in the order validations.rb defines them
// ---------------------------------------------------------------------------

/// Mirrors `check_identifier` in ArchivesSpace's `common/validations.rb`
/// (registered as `archival_object_check_identifier`,
/// `accession_check_identifier` and `resource_check_identifier`): the four
/// parts `id_0` to `id_3` may end in blank parts, but no blank part may come
/// before a filled one. A part is blank when missing or an empty string
/// (`to_s.empty?`).
fn check_identifier(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let blank: Vec<bool> = (0..4)
        .map(|i| to_s_empty(get(h, &format!("id_{i}"))))
        .collect();
    if blank.iter().rev().skip_while(|&&b| b).any(|&b| b) {
        vec![field("identifier", "must not contain blank entries")]
    } else {
        vec![]
    }
}

/// Mirrors `check_agent_software_subrecords` in ArchivesSpace's
/// `common/validations.rb`: a software agent may not carry any of the
/// record-control or relation subrecord lists (each must be missing or
/// `[]`), one finding per list that has something in it.
fn check_agent_software_subrecords(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    const DISALLOWED: [&str; 8] = [
        "agent_record_identifiers",
        "agent_record_controls",
        "agent_other_agency_codes",
        "agent_conventions_declarations",
        "agent_maintenance_histories",
        "agent_sources",
        "agent_alternate_sets",
        "agent_resources",
    ];
    DISALLOWED
        .iter()
        .filter(|&&key| match get(h, key) {
            None => false,
            Some(Value::Array(a)) => !a.is_empty(),
            Some(_) => true,
        })
        .map(|key| field(key, "subrecord not allowed for agent software"))
        .collect()
}

/// Mirrors `check_agent_subject_subrecord` in ArchivesSpace's
/// `common/validations.rb` (registered as `check_agent_function_subject_subrecord`
/// and likewise for `agent_place`, `agent_occupation` and `agent_topic`):
/// `subjects` must not be empty. Differs in that a missing `subjects`, on
/// which the Ruby raises, counts as `[]` (see the module docs).
fn check_agent_subject_subrecord(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        Ok(if array_empty(h, "subjects")? {
            vec![field("subjects", "Must specify a primary subject")]
        } else {
            vec![]
        })
    })
}

/// Mirrors `check_structured_date_label` in ArchivesSpace's
/// `common/validations.rb`: a structured date label needs exactly one of a
/// single and a ranged date, and that one must agree with
/// `date_type_structured`.
fn check_structured_date_label(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let range = truthy(h, "structured_date_range");
    let single = truthy(h, "structured_date_single");
    let mut errors = vec![];
    if !range && !single {
        errors.push(field(
            "structured_date_label",
            "must_specify_either_a_single_or_ranged_date",
        ));
    }
    if range && single {
        errors.push(field(
            "structured_date_single",
            "cannot specify both a single and ranged date",
        ));
    }
    if range && eq_str(h, "date_type_structured", "single") {
        errors.push(field(
            "structured_date_range",
            "Must specify single date for date type of single",
        ));
    }
    if single && eq_str(h, "date_type_structured", "range") {
        errors.push(field(
            "structured_date_range",
            "Must specify range date for date type of range",
        ));
    }
    errors
}

/// Mirrors `check_structured_date_single` in ArchivesSpace's
/// `common/validations.rb`: a single structured date needs a role and
/// either an expression or a standardized date, and a standardized date
/// must have one of the shapes `check_standard_date` allows.
fn check_structured_date_single(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        let mut errors = vec![];
        if is_nil(h, "date_role") {
            errors.push(field("date_role", "is required"));
        }
        let has_expr_date = !nil_or_empty(h, "date_expression")?;
        let std_date = get(h, "date_standardized");
        if !(has_expr_date || std_date.is_some()) {
            errors.push(field("date_standardized", "or date expression is required"));
        }
        if let Some(date) = std_date {
            check_standard_date(date, &mut errors, "date_standardized");
        }
        Ok(errors)
    })
}

/// Mirrors `check_structured_date_range` in ArchivesSpace's
/// `common/validations.rb`: a ranged structured date needs a begin (an
/// expression or a standardized date), an end expression or standardized
/// end only alongside its begin counterpart, standardized dates of the
/// shapes `check_standard_date` allows, and (when all that holds) a
/// standardized end that is not before the standardized begin.
fn check_structured_date_range(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        let has_begin_expr = !nil_or_empty(h, "begin_date_expression")?;
        let has_end_expr = !nil_or_empty(h, "end_date_expression")?;
        let has_begin_std = !nil_or_empty(h, "begin_date_standardized")?;
        let has_end_std = !nil_or_empty(h, "end_date_standardized")?;
        let mut errors = vec![];
        if !has_begin_expr && !has_begin_std && !has_end_std {
            errors.push(field("begin_date_expression", "is required"));
        }
        if !has_begin_expr && has_end_expr {
            errors.push(field(
                "end_date_expression",
                "requires begin date expression to be defined",
            ));
        }
        if !has_begin_std && has_end_std {
            errors.push(field(
                "end_date_standardized",
                "requires begin_date_standardized to be defined",
            ));
        }
        for (has, key) in [
            (has_begin_std, "begin_date_standardized"),
            (has_end_std, "end_date_standardized"),
        ] {
            if let Some(date) = get(h, key).filter(|_| has) {
                check_standard_date(date, &mut errors, key);
            }
        }
        let begin = get(h, "begin_date_standardized");
        let end = get(h, "end_date_standardized");
        if errors.is_empty() && truthy_value(begin) && truthy_value(end) {
            // The begin date is parsed first; if it fails, the end date is
            // not parsed at all.
            let bt = parse_sloppy_date(begin);
            let et = bt.and_then(|_| parse_sloppy_date(end));
            if bt.is_none() || et.is_none() {
                errors.push(field(
                    "begin_date_standardized",
                    "Error attempting to parsing dates",
                ));
            }
            if let (Some(bt), Some(et)) = (bt, et) {
                if bt > et {
                    errors.push(field(
                        "begin_date_standardized",
                        "requires that end dates are after begin dates",
                    ));
                }
            }
        }
        Ok(errors)
    })
}

/// Mirrors `check_agent_sources` in ArchivesSpace's `common/validations.rb`:
/// an agent source needs one of `source_entry`, `descriptive_note` and
/// `file_uri`.
fn check_agent_sources(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        Ok(
            if nil_or_empty(h, "source_entry")?
                && nil_or_empty(h, "descriptive_note")?
                && nil_or_empty(h, "file_uri")?
            {
                vec![field(
                    "agent_sources",
                    "Must specify one of Source Entry, Descriptive Note or File URI",
                )]
            } else {
                vec![]
            },
        )
    })
}

/// Mirrors `check_agent_alternate_set` in ArchivesSpace's
/// `common/validations.rb`: an alternate set needs one of `set_component`,
/// `descriptive_note` and `file_uri`. (The Ruby reports it on the field
/// `agent_sources`, and so does the port.)
fn check_agent_alternate_set(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        Ok(
            if nil_or_empty(h, "set_component")?
                && nil_or_empty(h, "descriptive_note")?
                && nil_or_empty(h, "file_uri")?
            {
                vec![field(
                    "agent_sources",
                    "Must specify one of Set Component, Descriptive Note or File URI",
                )]
            } else {
                vec![]
            },
        )
    })
}

/// Mirrors `check_used_language` in ArchivesSpace's `common/validations.rb`:
/// a used language needs a `language` or at least one note. Differs in that
/// a missing `notes`, on which the Ruby raises, counts as `[]` (see the
/// module docs).
fn check_used_language(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        Ok(if is_nil(h, "language") && array_empty(h, "notes")? {
            vec![field("language", "Must specify either language or a note.")]
        } else {
            vec![]
        })
    })
}

/// Mirrors `check_authority_id` in ArchivesSpace's `common/validations.rb`
/// (registered as a warning, `name_person_check_authority_id` and likewise
/// for `name_family`, `name_corporate_entity` and `name_software`): a name
/// with an authority id should say its `source`.
fn check_authority_id(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    if is_nil(h, "source") && truthy(h, "authority_id") {
        vec![field("source", "is required if there is an authority id")]
    } else {
        vec![]
    }
}

/// Mirrors `check_name` in ArchivesSpace's `common/validations.rb`
/// (registered as `name_person_check_name` and likewise for `name_family`,
/// `name_corporate_entity` and `name_software`): a name needs a
/// `sort_name` unless `sort_name_auto_generate` is set.
fn check_name(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    if is_nil(h, "sort_name") && !truthy(h, "sort_name_auto_generate") {
        vec![field("sort_name", "Property is required but was missing")]
    } else {
        vec![]
    }
}

/// The begin/end logic shared by `check_date` and `check_survey_dates`: each
/// date must parse as a sloppy date (an end that is a prefix of the begin
/// date stands for the begin date), and the end must not be before the
/// begin. `begin_always`: whether the begin date is parsed even when absent
/// (as `check_survey_dates` does).
fn begin_end_dates(
    h: &Obj,
    begin_key: &str,
    end_key: &str,
    begin_always: bool,
    errors: &mut Vec<Finding>,
) -> R<()> {
    let begin = get(h, begin_key);
    let begin_date = if begin_always || truthy_value(begin) {
        let parsed = parse_sloppy_date(begin);
        if parsed.is_none() {
            errors.push(field(begin_key, "not a valid date"));
        }
        parsed
    } else {
        None
    };
    let end = get(h, end_key);
    let mut end_date = None;
    if truthy_value(end) {
        // `hash['begin'].start_with?(hash['end'])`, which raises a TypeError
        // (not rescued) for an end that is not a string.
        let end_s = match (begin_date, begin.and_then(Value::as_str)) {
            (Some(_), Some(begin_s)) => {
                let end_s = end.and_then(Value::as_str).ok_or(Raised)?;
                if begin_s.starts_with(end_s) {
                    begin
                } else {
                    end
                }
            }
            _ => end,
        };
        end_date = parse_sloppy_date(end_s);
        if end_date.is_none() {
            errors.push(field(end_key, "not a valid date"));
        }
    }
    if let (Some(b), Some(e)) = (begin_date, end_date) {
        if e < b {
            errors.push(field(end_key, "must not be before begin"));
        }
    }
    Ok(())
}

/// Mirrors `check_date` in ArchivesSpace's `common/validations.rb`: `begin`
/// and `end` must be dates of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
/// (padded out and read with `Date.strptime`, see [`strptime_ymd`]), the end
/// not before the begin (an end such as `2000` with a begin of `2000-05`
/// counts as the begin), and a date needs at least one of `expression`,
/// `begin` and `end`.
fn check_date(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        let mut errors = vec![];
        begin_end_dates(h, "begin", "end", false, &mut errors)?;
        if is_nil(h, "expression") && is_nil(h, "begin") && is_nil(h, "end") {
            errors.push(field(
                "expression",
                "is required unless a begin or end date is given",
            ));
            errors.push(field(
                "begin",
                "is required unless an expression or an end date is given",
            ));
            errors.push(field(
                "end",
                "is required unless an expression or a begin date is given",
            ));
        }
        Ok(errors)
    })
}

/// Mirrors `check_language` in ArchivesSpace's `common/validations.rb`: a
/// resource needs at least one `lang_materials` entry with a
/// `language_and_script` (one that is not `[]`, nor an array of nothing but
/// such arrays); reported as the code `must_contain_at_least_one_language`.
/// Differs in that a missing `lang_materials`, on which the Ruby raises,
/// counts as `[]` (see the module docs).
fn check_language(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    /// Whether `flatten` leaves nothing of `v`.
    fn flattens_to_nothing(v: &Value) -> bool {
        match v {
            Value::Array(a) => a.iter().all(flattens_to_nothing),
            _ => false,
        }
    }
    ruby(|| {
        let materials = match get(h, "lang_materials") {
            None => &[][..],
            Some(Value::Array(a)) => a.as_slice(),
            Some(Value::Object(o)) if o.is_empty() => &[][..],
            // `Hash#map` yields pairs, which `['language_and_script']`
            // raises on; strings and the rest have no `map`.
            Some(_) => return Err(Raised),
        };
        let mut has_language = false;
        for material in materials {
            if let Some(lang) = index(material, "language_and_script")? {
                has_language |= !flattens_to_nothing(&lang);
            }
        }
        Ok(if has_language {
            vec![]
        } else {
            vec![code("must_contain_at_least_one_language")]
        })
    })
}

/// Mirrors `check_rights_statement` in ArchivesSpace's
/// `common/validations.rb`: each `rights_type` (`copyright`, `license`,
/// `statute`, `other`) requires its own properties and a `start_date`.
fn check_rights_statement(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let required: &[&str] = match get(h, "rights_type").and_then(Value::as_str) {
        Some("copyright") => &["status", "jurisdiction", "start_date"],
        Some("license") => &["license_terms", "start_date"],
        Some("statute") => &["statute_citation", "jurisdiction", "start_date"],
        Some("other") => &["other_rights_basis", "start_date"],
        _ => &[],
    };
    required
        .iter()
        .filter(|key| is_nil(h, key))
        .map(|key| field(key, "missing required property"))
        .collect()
}

/// Mirrors `check_location` in ArchivesSpace's `common/validations.rb`: a
/// location needs a `barcode`, a `classification`, or both
/// `coordinate_1_indicator` and `coordinate_1_label`; reported as the code
/// `location_fields_error`.
fn check_location(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let fieldsets: [&[&str]; 3] = [
        &["barcode"],
        &["classification"],
        &["coordinate_1_indicator", "coordinate_1_label"],
    ];
    if fieldsets
        .iter()
        .any(|set| set.iter().all(|key| truthy(h, key)))
    {
        vec![]
    } else {
        vec![code("location_fields_error")]
    }
}

/// Mirrors `check_container_location` in ArchivesSpace's
/// `common/validations.rb`: a container location whose `status` is
/// `previous` needs an `end_date`.
fn check_container_location(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    if is_nil(h, "end_date") && eq_str(h, "status", "previous") {
        vec![field("end_date", "is required if status is previous")]
    } else {
        vec![]
    }
}

/// Mirrors `check_instance` in ArchivesSpace's `common/validations.rb`: a
/// `digital_object` instance needs its digital object, only such an
/// instance may have one, and any other typed instance needs a
/// `sub_container`.
fn check_instance(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let mut errors = vec![];
    if eq_str(h, "instance_type", "digital_object") {
        if is_nil(h, "digital_object") {
            errors.push(field("digital_object", "Can't be empty"));
        }
    } else if truthy(h, "digital_object") {
        errors.push(field(
            "instance_type",
            "An instance with a digital object reference must be of type 'digital_object'",
        ));
    } else if truthy(h, "instance_type") && is_nil(h, "sub_container") {
        errors.push(field("sub_container", "Can't be empty"));
    }
    errors
}

/// Mirrors `check_sub_container` in ArchivesSpace's `common/validations.rb`:
/// containers 2 and 3 each need both a type and an indicator or neither,
/// and container 3 needs container 2.
fn check_sub_container(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let has = |key| !is_nil(h, key);
    let mut errors = vec![];
    if has("type_2") != has("indicator_2") {
        errors.push(field(
            "type_2",
            "container 2 requires both a type and indicator",
        ));
    }
    if !has("type_2") && !has("indicator_2") && (has("type_3") || has("indicator_3")) {
        errors.push(field(
            "type_2",
            "container 2 is required if container 3 is provided",
        ));
    }
    if has("type_3") != has("indicator_3") {
        errors.push(field(
            "type_3",
            "container 3 requires both a type and indicator",
        ));
    }
    errors
}

/// Mirrors `check_container_profile` in ArchivesSpace's
/// `common/validations.rb`: `depth`, `width` and `height` must be numbers
/// (strings) with at most two decimals (so a missing one fails too), and a
/// `stacking_limit` must be a string of digits.
fn check_container_profile(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let mut errors = vec![];
    for key in ["depth", "width", "height"] {
        if !get(h, key).is_some_and(|v| matches_some_line(v, two_decimals_line)) {
            errors.push(field(
                key,
                "must be a number with no more than 2 decimal places",
            ));
        }
    }
    if let Some(limit) = get(h, "stacking_limit") {
        if !matches_some_line(limit, unsigned_integer_line) {
            errors.push(field("stacking_limit", "must be a positive integer"));
        }
    }
    errors
}

/// Mirrors `check_collection_management` in ArchivesSpace's
/// `common/validations.rb`: a total extent needs its type, and the
/// processing estimates must be numbers (strings) with at most nine digits
/// and five decimals.
fn check_collection_management(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let mut errors = vec![];
    if !is_nil(h, "processing_total_extent") && is_nil(h, "processing_total_extent_type") {
        errors.push(field(
            "processing_total_extent_type",
            "is required if total extent is specified",
        ));
    }
    for key in [
        "processing_hours_per_foot_estimate",
        "processing_total_extent",
        "processing_hours_total",
    ] {
        if get(h, key).is_some_and(|v| !matches_some_line(v, nine_five_line)) {
            errors.push(field(
                key,
                "must be a number with no more than nine digits and five decimal places",
            ));
        }
    }
    errors
}

/// Mirrors `check_user_defined` in ArchivesSpace's `common/validations.rb`
/// (registered as `check_user-defined`): `integer_1` to `integer_3` must be
/// integers and `real_1` to `real_3` numbers with at most nine digits and
/// five decimals (all as strings).
fn check_user_defined(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let mut errors = vec![];
    for key in ["integer_1", "integer_2", "integer_3"] {
        if get(h, key).is_some_and(|v| !matches_some_line(v, signed_integer_line)) {
            errors.push(field(key, "must be an integer"));
        }
    }
    for key in ["real_1", "real_2", "real_3"] {
        if get(h, key).is_some_and(|v| !matches_some_line(v, nine_five_line)) {
            errors.push(field(
                key,
                "must be a number with no more than nine digits and five decimal places",
            ));
        }
    }
    errors
}

/// Mirrors `check_otherlevel` in ArchivesSpace's `common/validations.rb`
/// (registered as `check_resource_otherlevel` and
/// `check_archival_object_otherlevel`): a `level` of `otherlevel` needs an
/// `other_level`.
fn check_otherlevel(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    if eq_str(h, "level", "otherlevel") && is_nil(h, "other_level") {
        vec![field("other_level", "missing required property")]
    } else {
        vec![]
    }
}

/// Mirrors `check_archival_object` in ArchivesSpace's
/// `common/validations.rb`: an archival object needs dates or a title.
fn check_archival_object(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        Ok(if nil_or_empty(h, "dates")? && nil_or_empty(h, "title")? {
            vec![
                field("dates", "one or more required (or enter a Title)"),
                field("title", "must not be an empty string (or enter a Date)"),
            ]
        } else {
            vec![]
        })
    })
}

/// Mirrors `check_digital_object_component` in ArchivesSpace's
/// `common/validations.rb`: a digital object component needs dates, a title
/// or a label; otherwise each of the three gets the finding.
fn check_digital_object_component(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    const FIELDS: [&str; 3] = ["dates", "title", "label"];
    ruby(|| {
        // `all?` stops at the first field that has something.
        for key in FIELDS {
            if !nil_or_empty(h, key)? {
                return Ok(vec![]);
            }
        }
        Ok(FIELDS
            .iter()
            .map(|key| field(key, "you must provide a label, title or date"))
            .collect())
    })
}

/// Mirrors the `check_event` block in ArchivesSpace's
/// `common/validations.rb`: an event has exactly one of `date` and
/// `timestamp`, and a timestamp must be one `Time.parse` reads. Differs in
/// that `Time.parse` is approximated (see [`time_parse_ok`]): a timestamp
/// the port does not recognise is let through.
fn check_event(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        let has_date = get(h, "date").is_some();
        let has_timestamp = get(h, "timestamp").is_some();
        let mut errors = vec![];
        if has_date && has_timestamp {
            errors.push(field("date", "Can't specify both a date and a timestamp"));
            errors.push(field(
                "timestamp",
                "Can't specify both a date and a timestamp",
            ));
        }
        if !has_date && !has_timestamp {
            errors.push(field("date", "Must specify either a date or a timestamp"));
            errors.push(field(
                "timestamp",
                "Must specify either a date or a timestamp",
            ));
        }
        let timestamp = get(h, "timestamp");
        if truthy_value(timestamp) {
            // `Time.parse` of anything but a string raises a TypeError,
            // which is not rescued.
            let timestamp = timestamp.and_then(Value::as_str).ok_or(Raised)?;
            if !time_parse_ok(timestamp) {
                errors.push(field("timestamp", "Must be an ISO8601-formatted string"));
            }
        }
        Ok(errors)
    })
}

/// Mirrors the `check_agent_person` (`check_agent_family`,
/// `check_agent_software`, `check_agent_corporate_entity`) block in
/// ArchivesSpace's `common/validations.rb`: every date of existence must
/// have the label `existence`.
fn check_agent_dates_of_existence(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        let dates = match get(h, "dates_of_existence") {
            None => return Ok(vec![]),
            Some(Value::Array(dates)) => dates,
            Some(Value::Object(o)) if o.is_empty() => return Ok(vec![]),
            // `Hash#find` yields pairs, which `['date_label']` raises on;
            // the rest have no `find`.
            Some(_) => return Err(Raised),
        };
        for date in dates {
            let label = index(date, "date_label")?;
            if label.as_deref().and_then(Value::as_str) != Some("existence") {
                return Ok(vec![field(
                    "dates_of_existence",
                    "Label must be 'existence' in this context",
                )]);
            }
        }
        Ok(vec![])
    })
}

/// Mirrors the `note_multipart_check_at_least_one_subnote` and
/// `note_bioghist_check_at_least_one_subnote` blocks in ArchivesSpace's
/// `common/validations.rb`: the note needs at least one subnote
/// (`Array(subnotes)` is empty only for a missing value, `[]` or `{}`).
fn check_at_least_one_subnote(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    let none = match get(h, "subnotes") {
        None => true,
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    };
    if none {
        vec![field("subnotes", "Must contain at least one subnote")]
    } else {
        vec![]
    }
}

/// Mirrors `check_restriction_date` in ArchivesSpace's
/// `common/validations.rb`: a note's `rights_restriction` `begin` and `end`
/// must be read by `Date.strptime(…, '%Y-%m-%d')` (see [`strptime_ymd`]:
/// one-digit months and days and trailing text pass), and the end must not
/// be before the begin.
fn check_restriction_date(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    /// `Date.strptime(value, …)`: `Err` for a value that is not a string
    /// (a TypeError, which is not rescued), `Ok(None)` where it fails.
    fn strptime(v: &Value) -> R<Option<Ymd>> {
        Ok(strptime_ymd(v.as_str().ok_or(Raised)?))
    }
    ruby(|| {
        let mut errors = vec![];
        let Some(rr) = get(h, "rights_restriction").filter(|v| truthy_value(Some(v))) else {
            return Ok(errors);
        };
        let mut dates = [None, None];
        for (slot, (key, name)) in dates.iter_mut().zip([
            ("begin", "rights_restriction__begin"),
            ("end", "rights_restriction__end"),
        ]) {
            if let Some(value) = index(rr, key)?.filter(|v| truthy_value(Some(v))) {
                *slot = strptime(&value)?;
                if slot.is_none() {
                    errors.push(field(name, "must be in YYYY-MM-DD format"));
                }
            }
        }
        if let [Some(begin), Some(end)] = dates {
            if end < begin {
                errors.push(field("rights_restriction__end", "must not be before begin"));
            }
        }
        Ok(errors)
    })
}

/// Mirrors the `only target properties on the target schemas` block in
/// ArchivesSpace's `common/validations.rb`: a find-and-replace job's
/// `property` must be a property of its `record_type`. Asks the schemas
/// through [`CheckContext::has_property`]; a missing or unknown record type
/// (on which the Ruby raises) gives no finding. A `property` that is not a
/// string is never a property; the message then shows it as JSON, which
/// for integers and booleans is what Ruby's `to_s` gives too.
fn check_find_and_replace_target(h: &Obj, cx: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        let record_type = get(h, "record_type")
            .and_then(Value::as_str)
            .ok_or(Raised)?;
        let property = get(h, "property");
        let name = property.and_then(Value::as_str);
        // `JSONModel(type)` raises for an unknown type, whatever the property.
        let has = cx
            .has_property(record_type, name.unwrap_or_default())
            .ok_or(Raised)?
            && name.is_some();
        let shown = match property {
            None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        };
        Ok(if has {
            vec![]
        } else {
            vec![field(
                "property",
                format!("JSONModel(:{record_type}) does not have a property named '{shown}'"),
            )]
        })
    })
}

/// Mirrors `check_location_profile` in ArchivesSpace's
/// `common/validations.rb`: a `depth`, `width` or `height`, where given,
/// must be a number (string) with at most two decimals. This is v4.2.1's
/// rule; v3.5.1 used `\A\d+(\.\d\d?)?\Z` instead (no blanks around the
/// number, no leading `.`), which the port does not follow.
fn check_location_profile(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ["depth", "width", "height"]
        .into_iter()
        .filter(|key| get(h, key).is_some_and(|v| !matches_some_line(v, two_decimals_line)))
        .map(|key| field(key, "must be a number with no more than 2 decimal places"))
        .collect()
}

/// Mirrors `check_field_query` in ArchivesSpace's `common/validations.rb`
/// (registered as `check_field_query` and, for `date_field_query`,
/// `check_date_field_query`): a query needs a `value` unless its
/// `comparator` is `empty`.
fn check_field_query(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        Ok(
            if nil_or_empty(h, "value")? && !eq_str(h, "comparator", "empty") {
                vec![field(
                    "value",
                    "Must specify either a value or use the 'empty' comparator",
                )]
            } else {
                vec![]
            },
        )
    })
}

/// Mirrors `check_rights_statement_external_document` in ArchivesSpace's
/// `common/validations.rb`: an external document of a rights statement
/// needs an `identifier_type`.
fn check_rights_statement_external_document(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    if is_nil(h, "identifier_type") {
        vec![field("identifier_type", "missing required property")]
    } else {
        vec![]
    }
}

/// Mirrors `check_assessment_monetary_value` in ArchivesSpace's
/// `common/validations.rb`: an assessment's `monetary_value`, where given,
/// must be digits with at most two decimals (no sign, no blanks).
fn check_assessment_monetary_value(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    if !truthy(h, "monetary_value") {
        return vec![];
    }
    let ok = get(h, "monetary_value")
        .and_then(Value::as_str)
        .is_some_and(|s| {
            let (int, frac) = match s.split_once('.') {
                Some((int, frac)) => (int, Some(frac)),
                None => (s, None),
            };
            !int.is_empty()
                && ascii_digits(int)
                && frac.is_none_or(|f| (1..=2).contains(&f.len()) && ascii_digits(f))
        });
    if ok {
        vec![]
    } else {
        vec![field(
            "monetary_value",
            "must be a number with no more than 2 decimal places",
        )]
    }
}

/// Mirrors `check_survey_dates` in ArchivesSpace's `common/validations.rb`:
/// `survey_begin` must be a date of the form `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` (so a missing one fails too), a `survey_end` likewise, and
/// the end must not be before the begin, as in [`check_date`].
fn check_survey_dates(h: &Obj, _: &dyn CheckContext) -> Vec<Finding> {
    ruby(|| {
        let mut errors = vec![];
        begin_end_dates(h, "survey_begin", "survey_end", true, &mut errors)?;
        Ok(errors)
    })
}

/// Mirrors `check_standard_date` in ArchivesSpace's `common/validations.rb`
/// (a helper of the structured date checks): the standardized date must
/// start with a line of the form `Y`, `YY`, `YYY`, `YYYY` (each optionally
/// followed by `-MM`), `YYY-MM-DD`, `YYYY-MM-DD` or `MM-YYYY`, all ASCII
/// digits (the Ruby asks for a match at position 0 of the text).
fn check_standard_date(date: &Value, errors: &mut Vec<Finding>, field_name: &str) {
    let first_line_ok = date.as_str().is_some_and(|s| {
        let line = s.split('\n').next().unwrap_or_default();
        let parts: Vec<&str> = line.split('-').collect();
        let digits = |part: &str, lens: std::ops::RangeInclusive<usize>| {
            lens.contains(&part.len()) && ascii_digits(part)
        };
        match parts.as_slice() {
            [y] => digits(y, 1..=4),
            [y, m] => {
                (digits(y, 1..=4) && digits(m, 2..=2)) || (digits(y, 2..=2) && digits(m, 4..=4))
            }
            [y, m, d] => digits(y, 3..=4) && digits(m, 2..=2) && digits(d, 2..=2),
            _ => false,
        }
    });
    if !first_line_ok {
        errors.push(field(
            field_name,
            "must be in YYYY[YYY][YY][Y], YYYY[YYY][YY][Y]-MM, or YYYY-MM-DD format",
        ));
    }
}

#[cfg(test)]
mod tests {
    //! The expected findings are written from reading `validations.rb`, and
    //! were cross-checked by running the Ruby checks on the same records
    //! (ruby 3.1.2, a stub `JSONModel`); the records where the Ruby raises
    //! say so.
    use super::*;
    use serde_json::json;

    /// The schemas `find_and_replace_job` may ask about: only `resource`,
    /// with `title` and `level`.
    struct Schemas;

    impl CheckContext for Schemas {
        fn has_property(&self, record_type: &str, property: &str) -> Option<bool> {
            (record_type == "resource").then(|| ["title", "level"].contains(&property))
        }
    }

    /// The check registered on a record type (`.0`) under a name (`.1`).
    struct Case(&'static str, &'static str);

    impl Case {
        fn run(&self, record: &Value) -> Vec<Finding> {
            let check = registered(self.0)
                .iter()
                .find(|c| c.name == self.1)
                .expect("check registered");
            let Value::Object(record) = record else {
                panic!("record is not an object")
            };
            (check.run)(record, &Schemas)
        }

        /// The check finds nothing in `record`.
        fn passes(&self, record: Value) {
            assert_eq!(self.run(&record), vec![], "{} on {record}", self.1);
        }

        /// The check finds exactly these `[field, message]` pairs.
        fn finds(&self, record: Value, expected: &[(&str, &str)]) {
            let expected: Vec<Finding> = expected.iter().map(|&(f, m)| field(f, m)).collect();
            assert_eq!(self.run(&record), expected, "{} on {record}", self.1);
        }

        /// The check finds exactly these coded errors.
        fn codes(&self, record: Value, expected: &[&str]) {
            let expected: Vec<Finding> = expected.iter().map(|c| code(c)).collect();
            assert_eq!(self.run(&record), expected, "{} on {record}", self.1);
        }
    }

    /// Every type with checks, and their names, as the Ruby registers them
    /// (listed by loading validations.rb with a stub JSONModel).
    const REGISTRY: &[(&str, &[&str])] = &[
        ("accession", &["accession_check_identifier"]),
        ("agent_alternate_set", &["check_agent_alternate_set"]),
        ("agent_corporate_entity", &["check_agent_corporate_entity"]),
        ("agent_family", &["check_agent_family"]),
        (
            "agent_function",
            &["check_agent_function_subject_subrecord"],
        ),
        (
            "agent_occupation",
            &["check_agent_occupation_subject_subrecord"],
        ),
        ("agent_person", &["check_agent_person"]),
        ("agent_place", &["check_agent_place_subject_subrecord"]),
        (
            "agent_software",
            &["check_agent_software_subrecords", "check_agent_software"],
        ),
        ("agent_sources", &["check_agent_sources"]),
        ("agent_topic", &["check_agent_topic_subject_subrecord"]),
        (
            "archival_object",
            &[
                "archival_object_check_identifier",
                "check_archival_object",
                "check_archival_object_otherlevel",
            ],
        ),
        (
            "assessment",
            &["check_assessment_monetary_value", "check_survey_dates"],
        ),
        ("collection_management", &["check_collection_management"]),
        ("container_location", &["check_container_location"]),
        ("container_profile", &["check_container_profile"]),
        ("date", &["check_date"]),
        ("date_field_query", &["check_date_field_query"]),
        (
            "digital_object_component",
            &["check_digital_object_component"],
        ),
        ("event", &["check_event"]),
        ("field_query", &["check_field_query"]),
        (
            "find_and_replace_job",
            &["only target properties on the target schemas"],
        ),
        ("instance", &["check_instance"]),
        ("location", &["check_location"]),
        ("location_profile", &["check_location_profile"]),
        (
            "name_corporate_entity",
            &[
                "name_corporate_entity_check_name",
                "name_corporate_entity_check_authority_id",
            ],
        ),
        (
            "name_family",
            &["name_family_check_name", "name_family_check_authority_id"],
        ),
        (
            "name_person",
            &["name_person_check_name", "name_person_check_authority_id"],
        ),
        (
            "name_software",
            &[
                "name_software_check_name",
                "name_software_check_authority_id",
            ],
        ),
        (
            "note_bioghist",
            &["note_bioghist_check_at_least_one_subnote"],
        ),
        (
            "note_multipart",
            &[
                "note_multipart_check_at_least_one_subnote",
                "check_restriction_date",
            ],
        ),
        (
            "resource",
            &[
                "resource_check_identifier",
                "check_language",
                "check_resource_otherlevel",
            ],
        ),
        ("rights_statement", &["check_rights_statement"]),
        (
            "rights_statement_external_document",
            &["check_rights_statement_external_document"],
        ),
        ("structured_date_label", &["check_structured_date_label"]),
        ("structured_date_range", &["check_structured_date_range"]),
        ("structured_date_single", &["check_structured_date_single"]),
        ("sub_container", &["check_sub_container"]),
        ("used_language", &["check_used_language"]),
        ("user_defined", &["check_user-defined"]),
    ];

    #[test]
    fn registered_as_validations_rb_registers() {
        let mut types: Vec<&str> = REGISTRY
            .iter()
            .map(|(record_type, _)| *record_type)
            .collect();
        let mut ported: Vec<&str> = REGISTRATIONS.iter().map(|(name, _)| *name).collect();
        types.sort_unstable();
        ported.sort_unstable();
        assert_eq!(types, ported);
        for (record_type, names) in REGISTRY {
            for name in *names {
                assert_eq!(by_name(name).map(|c| c.name), Some(*name));
            }
            let got: Vec<&str> = registered(record_type).iter().map(|c| c.name).collect();
            assert_eq!(&got, names, "{record_type}");
            for check in registered(record_type) {
                let warning = check.name.ends_with("_check_authority_id");
                assert_eq!(check.level == Level::Warning, warning, "{}", check.name);
            }
        }
        for unregistered in [
            "abstract_agent",
            "agent_contact",
            "digital_object",
            "top_container",
            "nope",
        ] {
            assert!(registered(unregistered).is_empty(), "{unregistered}");
        }
        assert!(UNDECIDABLE.is_empty());
    }

    #[test]
    fn no_panic_on_odd_values() {
        let odd = json!([
            null, true, false, 0, -1.5, "x", "", "-", "\n", "2000-", [], [null], [[]], [5], {},
            {"a": 1}, [{"a": "b"}]
        ]);
        let source = include_str!("checks.rs");
        // Every name between quotes in this file, which covers every key a
        // check reads.
        let mut keys: Vec<&str> = source
            .split('"')
            .filter(|k| {
                !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for value in odd.as_array().into_iter().flatten() {
            let record: Obj = keys
                .iter()
                .map(|k| (k.to_string(), value.clone()))
                .collect();
            for (record_type, _) in REGISTRY {
                for check in registered(record_type) {
                    let _ = (check.run)(&record, &Schemas);
                    for key in &keys {
                        let one: Obj = [(key.to_string(), value.clone())].into_iter().collect();
                        let _ = (check.run)(&one, &Schemas);
                    }
                }
            }
        }
    }

    #[test]
    fn strptime_as_ruby() {
        // What Date.strptime(s, '%Y-%m-%d') answered on JRuby 9.3.9 and Ruby 3.1.2.
        for (s, ymd) in [
            ("2020-1-5", (2020, 1, 5)),
            ("2020-01-05x", (2020, 1, 5)),
            ("+2020-01-05", (2020, 1, 5)),
            ("-44-03-15", (-44, 3, 15)),
            ("0-01-01", (0, 1, 1)),
            ("2020-01- 5", (2020, 1, 5)),
            ("2020-01- 5x", (2020, 1, 5)),
            ("020-01-01", (20, 1, 1)),
            ("2020-01-05\n", (2020, 1, 5)),
            ("2020-01-031", (2020, 1, 3)),
            ("2020-01-1x", (2020, 1, 1)),
            ("1500-02-29", (1500, 2, 29)),
            ("1300-02-29", (1300, 2, 29)),
            ("1582-10-04", (1582, 10, 4)),
            ("1582-10-15", (1582, 10, 15)),
            ("-44-02-29", (-44, 2, 29)),
            ("2000-02-29", (2000, 2, 29)),
            ("2020-01-01\u{e9}", (2020, 1, 1)),
            ("0000000000000000000002020-01-01", (2020, 1, 1)),
            ("292278994-01-01", (292_278_994, 1, 1)),
            ("-292269053-01-01", (-292_269_053, 1, 1)),
        ] {
            assert_eq!(strptime_ymd(s), Some(Ymd(ymd.0, ymd.1, ymd.2)), "{s:?}");
        }
        for s in [
            "2020-02-30",
            "2020-01-  5",
            " 2020-01-01",
            "2020-13-01",
            "2020-00-01",
            "2020-01-00",
            "2021-02-29",
            "--5-01-01",
            "2020-+1-01",
            "2020-001-01",
            "1582-10-10",
            "-1-02-29",
            "1900-02-29",
            "99999999999-02-29",
            "999999999-01-01",
            "2020-01-0x",
            "2020-01-+5",
            "2020 -01-01",
            "\u{662}\u{660}\u{662}\u{660}-01-01",
            "",
            "2020",
            "2020-01",
            "12345678901234567890123456789012345678901234-01-01",
        ] {
            assert_eq!(strptime_ymd(s), None, "{s:?}");
        }
        assert!(strptime_ymd("1582-10-04") < strptime_ymd("1582-10-15"));
    }

    #[test]
    fn normalise_date_as_ruby() {
        // What the Ruby normalise_date answered.
        for (s, normalised) in [
            ("2000", "2000-01-01"),
            ("2000-05", "2000-05-01"),
            ("-44", "-44-01-01"),
            ("2000-", "2000-01-01"),
            ("", "01-01"),
            ("--2020", "--2020-01"),
            ("2000-05-03-07", "2000-05-03"),
            ("-a\n-b", "-a\nb-01-01"),
            ("2000--5", "2000--5"),
        ] {
            assert_eq!(normalise_date(s), normalised, "{s:?}");
        }
    }

    #[test]
    fn time_parse_approximation() {
        // Strings Time.parse accepted (ruby 3.1.2).
        for s in [
            "2020-01-01",
            "2020-01-01T10:00:00Z",
            "10:00",
            "Jan 5",
            "12",
            "2020-01-01T24:00:00Z",
            "2020-01-01T23:59:60",
            "2020-01-01 10:00:00 +0500",
            "2020-01-01T10:00:00+05:00",
            "2020-01-01T10:00:00.123Z",
            "2020-02-31",
            "January",
            "Jann",
            "  2020-01-01  ",
            "-2020-01-01",
            "20200-01-01",
            "2020-1-1",
            "2020-01-01T10",
            "2020-01-01T1:2:3",
            "2020-01-01T10:00:00 UTC",
            "2020-01-01T10:00:00 EST",
            "2020-01-01T10:00:00+0530",
            "00-01-01",
            "2020-01-01 10:00 pm",
            "0000-01-01",
            "2020-01-01T10:00:00,5Z",
            "2020-01-01T10:00Z",
            "\n2020-01-01",
            "12:00 foo",
        ] {
            assert!(time_parse_ok(s), "{s:?}");
        }
        // Strings Time.parse rejected, which the approximation catches.
        for s in [
            "garbage",
            "",
            "x",
            "foo bar",
            "monday",
            "T",
            "sat",
            "UTC",
            "xjan",
            "2020-13-01",
            "2020-01-01T24:00:01Z",
            "2020-01-01T23:60",
            "2020-01-01T23:59:61",
            "2020-01-32",
            "2020-00-10",
            "2020-01-00",
            "2020-01-01T10:00:00+25:00",
            "1999-12-31 25:00",
        ] {
            assert!(!time_parse_ok(s), "{s:?}");
        }
        // Strings Time.parse rejected, which the approximation lets through
        // ("366" only fails in a year that is not a leap year).
        for s in ["abc 2020", "366"] {
            assert!(time_parse_ok(s), "{s:?}");
        }
    }

    #[test]
    fn time_parse_of_digits() {
        // What Time.parse answered (ruby 3.1.2, in 2026), string by string.
        let accepted = "01 12 31 001 365 0101 1231 0229 20001 20366 000101 991231 690229 \
            680229 2020001 2020366 20200101 20200230 20200231 2020010112 \
            2020010124 2020010100 20200101123456 20200101123460 -12 +12 -0101 \
            -2020001 -20200101 05-2020 05-13"
            .split(' ')
            .chain([" 12 ", "12\n", "12\t"]);
        let rejected = "0 1 9 00 32 99 000 367 999 0000 1232 1301 0012 2001 3112 1200 00000 \
            20000 20367 000000 000001 991232 990001 991301 0000000 2020000 2021366 \
            2020367 00000000 20201301 20200132 20200001 20200100 2020010125 \
            202001011260 20200101123461 202001011 20200101121 2020010112345 \
            123456789012345 1234567890123456 -3 +3 -1 +2001 -2001 2000-05 2000-13 \
            2000-1 2000-00 -0044-03"
            .split(' ')
            .chain([" 2001 ", "2001\n"]);
        for s in accepted {
            assert!(time_parse_ok(s), "{s:?}");
        }
        for s in rejected {
            assert!(!time_parse_ok(s), "{s:?}");
        }
    }

    #[test]
    fn ruby_line_anchors() {
        // `"a\n" =~ /^$/` is nil, `"a\n\n" =~ /^$/` is 2.
        assert!(!ruby_lines("a\n").any(str::is_empty));
        assert!(ruby_lines("a\n\n").any(str::is_empty));
        assert!(matches_some_line(&json!("12\nabc"), unsigned_integer_line));
        assert!(!matches_some_line(&json!("abc\n"), nine_five_line));
        assert!(matches_some_line(&json!("\n5"), two_decimals_line));
        assert!(!matches_some_line(&json!("5\u{a0}"), two_decimals_line));
        assert!(matches_some_line(&json!("5\u{b}"), two_decimals_line));
        assert!(!matches_some_line(&json!(5), unsigned_integer_line));
    }

    #[test]
    fn check_identifier() {
        let c0 = Case("accession", "accession_check_identifier");
        let c1 = Case("resource", "resource_check_identifier");
        let c2 = Case("archival_object", "archival_object_check_identifier");
        c0.passes(json!({"id_0": "A", "id_1": "B"}));
        c0.passes(json!({"id_0": 0, "id_1": "x"}));
        c0.passes(json!({}));
        c1.finds(
            json!({"id_0": "A", "id_2": "C"}),
            &[("identifier", "must not contain blank entries")],
        );
        c2.finds(
            json!({"id_1": "B"}),
            &[("identifier", "must not contain blank entries")],
        );
    }

    #[test]
    fn check_agent_software_subrecords() {
        let c = Case("agent_software", "check_agent_software_subrecords");
        c.passes(json!({"agent_sources": [], "agent_resources": []}));
        c.finds(json!({"agent_record_controls": [{"x": 1}], "agent_resources": [{"y": 1}], "agent_sources": []}), &[("agent_record_controls", "subrecord not allowed for agent software"), ("agent_resources", "subrecord not allowed for agent software")]);
    }

    #[test]
    fn check_agent_subject_subrecord() {
        let c0 = Case("agent_function", "check_agent_function_subject_subrecord");
        let c1 = Case("agent_place", "check_agent_place_subject_subrecord");
        let c2 = Case(
            "agent_occupation",
            "check_agent_occupation_subject_subrecord",
        );
        let c3 = Case("agent_topic", "check_agent_topic_subject_subrecord");
        c0.passes(json!({"subjects": [{"ref": "/subjects/1"}]}));
        c1.finds(
            json!({"subjects": []}),
            &[("subjects", "Must specify a primary subject")],
        );
        // The Ruby raises on the missing array; the port counts it as [].
        c2.finds(json!({}), &[("subjects", "Must specify a primary subject")]);
        // The Ruby raises on this value: nothing reported.
        c3.passes(json!({"subjects": 5}));
    }

    #[test]
    fn check_structured_date_label() {
        let c = Case("structured_date_label", "check_structured_date_label");
        c.passes(json!({"structured_date_single": {"x": 1}, "date_type_structured": "single"}));
        c.finds(
            json!({}),
            &[(
                "structured_date_label",
                "must_specify_either_a_single_or_ranged_date",
            )],
        );
        c.finds(json!({"structured_date_range": {"x": 1}, "structured_date_single": {"x": 1}, "date_type_structured": "range"}), &[("structured_date_single", "cannot specify both a single and ranged date"), ("structured_date_range", "Must specify range date for date type of range")]);
        c.finds(
            json!({"structured_date_range": {"x": 1}, "date_type_structured": "single"}),
            &[(
                "structured_date_range",
                "Must specify single date for date type of single",
            )],
        );
    }

    #[test]
    fn check_structured_date_single() {
        let c = Case("structured_date_single", "check_structured_date_single");
        c.passes(json!({"date_role": "begin", "date_standardized": "2020-05-01"}));
        c.passes(json!({"date_role": "begin", "date_expression": "ca. 1900"}));
        c.passes(json!({"date_role": "begin", "date_standardized": "05-2020"}));
        c.passes(json!({"date_role": "begin", "date_standardized": "2020\nfoo"}));
        c.finds(
            json!({"date_standardized": "2020/05"}),
            &[
                ("date_role", "is required"),
                (
                    "date_standardized",
                    "must be in YYYY[YYY][YY][Y], YYYY[YYY][YY][Y]-MM, or YYYY-MM-DD format",
                ),
            ],
        );
        c.finds(
            json!({"date_role": "begin"}),
            &[("date_standardized", "or date expression is required")],
        );
        c.finds(
            json!({"date_role": "begin", "date_standardized": 2020}),
            &[(
                "date_standardized",
                "must be in YYYY[YYY][YY][Y], YYYY[YYY][YY][Y]-MM, or YYYY-MM-DD format",
            )],
        );
        c.finds(
            json!({"date_role": "begin", "date_standardized": "12345"}),
            &[(
                "date_standardized",
                "must be in YYYY[YYY][YY][Y], YYYY[YYY][YY][Y]-MM, or YYYY-MM-DD format",
            )],
        );
    }

    #[test]
    fn check_structured_date_range() {
        let c = Case("structured_date_range", "check_structured_date_range");
        c.passes(json!({"begin_date_standardized": "2000", "end_date_standardized": "2010-05"}));
        c.passes(json!({"begin_date_expression": "1900s"}));
        c.finds(
            json!({"begin_date_standardized": "2010", "end_date_standardized": "2000"}),
            &[(
                "begin_date_standardized",
                "requires that end dates are after begin dates",
            )],
        );
        c.finds(
            json!({"begin_date_standardized": "2000-05", "end_date_standardized": "2000"}),
            &[(
                "begin_date_standardized",
                "requires that end dates are after begin dates",
            )],
        );
        c.finds(json!({}), &[("begin_date_expression", "is required")]);
        c.finds(
            json!({"end_date_expression": "x"}),
            &[
                ("begin_date_expression", "is required"),
                (
                    "end_date_expression",
                    "requires begin date expression to be defined",
                ),
            ],
        );
        c.finds(
            json!({"end_date_standardized": "2000"}),
            &[(
                "end_date_standardized",
                "requires begin_date_standardized to be defined",
            )],
        );
        c.finds(
            json!({"begin_date_standardized": "2000-13", "end_date_standardized": "2001"}),
            &[(
                "begin_date_standardized",
                "Error attempting to parsing dates",
            )],
        );
        c.finds(
            json!({"begin_date_standardized": "2000-1", "end_date_standardized": "20011"}),
            &[
                (
                    "begin_date_standardized",
                    "must be in YYYY[YYY][YY][Y], YYYY[YYY][YY][Y]-MM, or YYYY-MM-DD format",
                ),
                (
                    "end_date_standardized",
                    "must be in YYYY[YYY][YY][Y], YYYY[YYY][YY][Y]-MM, or YYYY-MM-DD format",
                ),
            ],
        );
        c.finds(json!({"begin_date_expression": "x", "begin_date_standardized": "2000", "end_date_standardized": []}), &[("begin_date_standardized", "Error attempting to parsing dates")]);
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"begin_date_expression": 5}));
    }

    #[test]
    fn check_used_language() {
        let c = Case("used_language", "check_used_language");
        c.passes(json!({"language": "eng"}));
        c.passes(json!({"notes": [{"x": 1}]}));
        c.finds(
            json!({"notes": []}),
            &[("language", "Must specify either language or a note.")],
        );
        // The Ruby raises on the missing array; the port counts it as [].
        c.finds(
            json!({}),
            &[("language", "Must specify either language or a note.")],
        );
    }

    #[test]
    fn check_agent_sources() {
        let c = Case("agent_sources", "check_agent_sources");
        c.passes(json!({"file_uri": "http://x"}));
        c.finds(
            json!({}),
            &[(
                "agent_sources",
                "Must specify one of Source Entry, Descriptive Note or File URI",
            )],
        );
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"source_entry": 5}));
    }

    #[test]
    fn check_agent_alternate_set() {
        let c = Case("agent_alternate_set", "check_agent_alternate_set");
        c.passes(json!({"set_component": "x"}));
        c.finds(
            json!({"descriptive_note": []}),
            &[(
                "agent_sources",
                "Must specify one of Set Component, Descriptive Note or File URI",
            )],
        );
    }

    #[test]
    fn check_name() {
        let c0 = Case("name_person", "name_person_check_name");
        let c1 = Case("name_corporate_entity", "name_corporate_entity_check_name");
        let c2 = Case("name_software", "name_software_check_name");
        let c3 = Case("name_family", "name_family_check_name");
        c0.passes(json!({"sort_name": "X"}));
        c1.passes(json!({"sort_name_auto_generate": true}));
        c2.finds(
            json!({"sort_name_auto_generate": false}),
            &[("sort_name", "Property is required but was missing")],
        );
        c3.finds(
            json!({}),
            &[("sort_name", "Property is required but was missing")],
        );
    }

    #[test]
    fn check_authority_id() {
        let c0 = Case("name_family", "name_family_check_authority_id");
        let c1 = Case("name_person", "name_person_check_authority_id");
        let c2 = Case("name_software", "name_software_check_authority_id");
        let c3 = Case(
            "name_corporate_entity",
            "name_corporate_entity_check_authority_id",
        );
        c0.passes(json!({"authority_id": "n123", "source": "lcnaf"}));
        c1.passes(json!({}));
        c2.finds(
            json!({"authority_id": "n123"}),
            &[("source", "is required if there is an authority id")],
        );
        c3.finds(
            json!({"authority_id": "n123"}),
            &[("source", "is required if there is an authority id")],
        );
    }

    #[test]
    fn check_date() {
        let c = Case("date", "check_date");
        c.passes(json!({"begin": "2000-05", "end": "2000"}));
        c.passes(json!({"begin": "2000-05-03", "end": "2000-05"}));
        c.passes(json!({"begin": "2000", "end": "2000-05"}));
        c.passes(json!({"begin": "-0044-03-15", "end": "-0044"}));
        c.passes(json!({"begin": "2020-1-5"}));
        c.passes(json!({"expression": "circa 1900"}));
        c.finds(
            json!({"begin": "2001", "end": "2000"}),
            &[("end", "must not be before begin")],
        );
        c.finds(
            json!({"begin": "2000-02-30", "end": "x"}),
            &[("begin", "not a valid date"), ("end", "not a valid date")],
        );
        c.finds(
            json!({"begin": "1582-10-10"}),
            &[("begin", "not a valid date")],
        );
        c.finds(json!({"begin": 2000}), &[("begin", "not a valid date")]);
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"begin": "2000", "end": 2001}));
        c.finds(
            json!({}),
            &[
                (
                    "expression",
                    "is required unless a begin or end date is given",
                ),
                (
                    "begin",
                    "is required unless an expression or an end date is given",
                ),
                (
                    "end",
                    "is required unless an expression or a begin date is given",
                ),
            ],
        );
    }

    #[test]
    fn check_language() {
        let c = Case("resource", "check_language");
        c.passes(json!({"lang_materials": [{"notes": [{"x": 1}]}, {"language_and_script": {"language": "eng"}}]}));
        c.codes(
            json!({"lang_materials": [{"notes": [{"x": 1}]}]}),
            &["must_contain_at_least_one_language"],
        );
        c.codes(
            json!({"lang_materials": [{"language_and_script": [[]]}]}),
            &["must_contain_at_least_one_language"],
        );
        // The Ruby raises on the missing array; the port counts it as [].
        c.codes(json!({}), &["must_contain_at_least_one_language"]);
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"lang_materials": "x"}));
    }

    #[test]
    fn check_rights_statement() {
        let c = Case("rights_statement", "check_rights_statement");
        c.passes(json!({"rights_type": "copyright", "status": "x", "jurisdiction": "US", "start_date": "2000"}));
        c.passes(json!({"rights_type": "institutional_policy"}));
        c.finds(
            json!({"rights_type": "copyright", "jurisdiction": "US"}),
            &[
                ("status", "missing required property"),
                ("start_date", "missing required property"),
            ],
        );
        c.finds(
            json!({"rights_type": "statute"}),
            &[
                ("statute_citation", "missing required property"),
                ("jurisdiction", "missing required property"),
                ("start_date", "missing required property"),
            ],
        );
        c.finds(
            json!({"rights_type": "license", "license_terms": "x"}),
            &[("start_date", "missing required property")],
        );
        c.finds(
            json!({"rights_type": "other"}),
            &[
                ("other_rights_basis", "missing required property"),
                ("start_date", "missing required property"),
            ],
        );
    }

    #[test]
    fn check_location() {
        let c = Case("location", "check_location");
        c.passes(json!({"barcode": "123"}));
        c.passes(json!({"coordinate_1_label": "Shelf", "coordinate_1_indicator": "1"}));
        c.codes(
            json!({"coordinate_1_label": "Shelf", "barcode": false}),
            &["location_fields_error"],
        );
    }

    #[test]
    fn check_container_location() {
        let c = Case("container_location", "check_container_location");
        c.passes(json!({"status": "previous", "end_date": "2000"}));
        c.passes(json!({"status": "current"}));
        c.finds(
            json!({"status": "previous"}),
            &[("end_date", "is required if status is previous")],
        );
    }

    #[test]
    fn check_instance() {
        let c = Case("instance", "check_instance");
        c.passes(json!({"instance_type": "digital_object", "digital_object": {"ref": "/x"}}));
        c.passes(json!({"instance_type": "box", "sub_container": {"x": 1}}));
        c.passes(json!({}));
        c.finds(
            json!({"instance_type": "digital_object"}),
            &[("digital_object", "Can't be empty")],
        );
        c.finds(
            json!({"instance_type": "box", "digital_object": {"ref": "/x"}}),
            &[(
                "instance_type",
                "An instance with a digital object reference must be of type 'digital_object'",
            )],
        );
        c.finds(
            json!({"instance_type": "box"}),
            &[("sub_container", "Can't be empty")],
        );
    }

    #[test]
    fn check_sub_container() {
        let c = Case("sub_container", "check_sub_container");
        c.passes(
            json!({"type_2": "box", "indicator_2": "1", "type_3": "folder", "indicator_3": "2"}),
        );
        c.finds(
            json!({"type_2": "box"}),
            &[("type_2", "container 2 requires both a type and indicator")],
        );
        c.finds(
            json!({"type_3": "box", "indicator_3": "1"}),
            &[(
                "type_2",
                "container 2 is required if container 3 is provided",
            )],
        );
        c.finds(
            json!({"indicator_3": "1"}),
            &[
                (
                    "type_2",
                    "container 2 is required if container 3 is provided",
                ),
                ("type_3", "container 3 requires both a type and indicator"),
            ],
        );
    }

    #[test]
    fn check_container_profile() {
        let c = Case("container_profile", "check_container_profile");
        c.passes(
            json!({"depth": "10", "width": "10.5", "height": " 3.25 ", "stacking_limit": "4"}),
        );
        c.passes(json!({"depth": ".5", "width": "5\n", "height": "abc\n7"}));
        c.finds(
            json!({"depth": "10.123", "width": "x", "stacking_limit": "-1"}),
            &[
                (
                    "depth",
                    "must be a number with no more than 2 decimal places",
                ),
                (
                    "width",
                    "must be a number with no more than 2 decimal places",
                ),
                (
                    "height",
                    "must be a number with no more than 2 decimal places",
                ),
                ("stacking_limit", "must be a positive integer"),
            ],
        );
        c.finds(
            json!({"depth": 10, "width": "5.", "height": "\t"}),
            &[
                (
                    "depth",
                    "must be a number with no more than 2 decimal places",
                ),
                (
                    "width",
                    "must be a number with no more than 2 decimal places",
                ),
                (
                    "height",
                    "must be a number with no more than 2 decimal places",
                ),
            ],
        );
    }

    #[test]
    fn check_collection_management() {
        let c = Case("collection_management", "check_collection_management");
        c.passes(json!({"processing_total_extent": "10.5", "processing_total_extent_type": "cubic_feet", "processing_hours_total": "-3"}));
        c.finds(
            json!({"processing_hours_total": "abc\n"}),
            &[(
                "processing_hours_total",
                "must be a number with no more than nine digits and five decimal places",
            )],
        );
        c.finds(json!({"processing_total_extent": "1234567890", "processing_hours_per_foot_estimate": "1.123456"}), &[("processing_total_extent_type", "is required if total extent is specified"), ("processing_hours_per_foot_estimate", "must be a number with no more than nine digits and five decimal places"), ("processing_total_extent", "must be a number with no more than nine digits and five decimal places")]);
    }

    #[test]
    fn check_user_defined() {
        let c = Case("user_defined", "check_user-defined");
        c.passes(
            json!({"integer_1": "-12", "integer_3": "7", "real_1": "3.14159", "real_3": "-.5"}),
        );
        c.finds(
            json!({"integer_1": "1.5", "integer_2": 3, "real_2": "1.234567"}),
            &[
                ("integer_1", "must be an integer"),
                ("integer_2", "must be an integer"),
                (
                    "real_2",
                    "must be a number with no more than nine digits and five decimal places",
                ),
            ],
        );
    }

    #[test]
    fn check_otherlevel() {
        let c0 = Case("resource", "check_resource_otherlevel");
        let c1 = Case("archival_object", "check_archival_object_otherlevel");
        c0.passes(json!({"level": "otherlevel", "other_level": "Sub-fonds"}));
        c0.passes(json!({"level": "series"}));
        c0.finds(
            json!({"level": "otherlevel"}),
            &[("other_level", "missing required property")],
        );
        c1.finds(
            json!({"level": "otherlevel"}),
            &[("other_level", "missing required property")],
        );
    }

    #[test]
    fn check_archival_object() {
        let c = Case("archival_object", "check_archival_object");
        c.passes(json!({"title": "X"}));
        c.passes(json!({"dates": [{"x": 1}]}));
        c.passes(json!({"dates": [], "title": "X"}));
        c.finds(
            json!({}),
            &[
                ("dates", "one or more required (or enter a Title)"),
                ("title", "must not be an empty string (or enter a Date)"),
            ],
        );
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"title": 5}));
    }

    #[test]
    fn check_digital_object_component() {
        let c = Case("digital_object_component", "check_digital_object_component");
        c.passes(json!({"label": "x"}));
        c.passes(json!({"dates": [{"x": 1}], "title": 5}));
        c.finds(
            json!({"dates": []}),
            &[
                ("dates", "you must provide a label, title or date"),
                ("title", "you must provide a label, title or date"),
                ("label", "you must provide a label, title or date"),
            ],
        );
    }

    #[test]
    fn check_event() {
        let c = Case("event", "check_event");
        c.passes(json!({"date": {"x": 1}}));
        c.passes(json!({"timestamp": "2020-01-01T10:00:00Z"}));
        c.passes(json!({"timestamp": "January"}));
        c.finds(
            json!({}),
            &[
                ("date", "Must specify either a date or a timestamp"),
                ("timestamp", "Must specify either a date or a timestamp"),
            ],
        );
        c.finds(
            json!({"date": {"x": 1}, "timestamp": "2020-01-01"}),
            &[
                ("date", "Can't specify both a date and a timestamp"),
                ("timestamp", "Can't specify both a date and a timestamp"),
            ],
        );
        c.finds(
            json!({"timestamp": "garbage"}),
            &[("timestamp", "Must be an ISO8601-formatted string")],
        );
        c.finds(
            json!({"timestamp": "2020-13-01"}),
            &[("timestamp", "Must be an ISO8601-formatted string")],
        );
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"timestamp": 5}));
    }

    #[test]
    fn check_agent_dates_of_existence() {
        let c0 = Case("agent_person", "check_agent_person");
        let c1 = Case("agent_family", "check_agent_family");
        let c2 = Case("agent_corporate_entity", "check_agent_corporate_entity");
        let c3 = Case("agent_software", "check_agent_software");
        c0.passes(json!({"dates_of_existence": [{"date_label": "existence"}]}));
        c0.passes(json!({}));
        c1.finds(
            json!({"dates_of_existence": [{"date_label": "existence"}, {"date_label": "usage"}]}),
            &[(
                "dates_of_existence",
                "Label must be 'existence' in this context",
            )],
        );
        c2.finds(
            json!({"dates_of_existence": [{"date_type": "single"}]}),
            &[(
                "dates_of_existence",
                "Label must be 'existence' in this context",
            )],
        );
        c3.finds(
            json!({"dates_of_existence": [{"date_label": "usage"}, 5]}),
            &[(
                "dates_of_existence",
                "Label must be 'existence' in this context",
            )],
        );
        // The Ruby raises on this value: nothing reported.
        c3.passes(json!({"dates_of_existence": [5, {"date_label": "usage"}]}));
    }

    #[test]
    fn check_at_least_one_subnote() {
        let c0 = Case(
            "note_multipart",
            "note_multipart_check_at_least_one_subnote",
        );
        let c1 = Case("note_bioghist", "note_bioghist_check_at_least_one_subnote");
        c0.passes(json!({"subnotes": [{"x": 1}]}));
        c1.passes(json!({"subnotes": "x"}));
        c0.finds(
            json!({}),
            &[("subnotes", "Must contain at least one subnote")],
        );
        c1.finds(
            json!({"subnotes": []}),
            &[("subnotes", "Must contain at least one subnote")],
        );
    }

    #[test]
    fn check_restriction_date() {
        let c = Case("note_multipart", "check_restriction_date");
        c.passes(json!({"rights_restriction": {"begin": "2020-01-01", "end": "2021-1-5"}}));
        c.passes(json!({}));
        c.finds(
            json!({"rights_restriction": {"begin": "2020", "end": "2019-12-31"}}),
            &[("rights_restriction__begin", "must be in YYYY-MM-DD format")],
        );
        c.finds(
            json!({"rights_restriction": {"end": "2020-02-30"}}),
            &[("rights_restriction__end", "must be in YYYY-MM-DD format")],
        );
        c.finds(
            json!({"rights_restriction": {"begin": "2020-06-01", "end": "2020-05-31"}}),
            &[("rights_restriction__end", "must not be before begin")],
        );
        c.finds(
            json!({"rights_restriction": "the beginning"}),
            &[("rights_restriction__begin", "must be in YYYY-MM-DD format")],
        );
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"rights_restriction": {"begin": 5}}));
    }

    #[test]
    fn check_find_and_replace_target() {
        let c = Case(
            "find_and_replace_job",
            "only target properties on the target schemas",
        );
        c.passes(json!({"record_type": "resource", "property": "title"}));
        c.finds(
            json!({"record_type": "resource", "property": "nope"}),
            &[(
                "property",
                "JSONModel(:resource) does not have a property named 'nope'",
            )],
        );
        c.finds(
            json!({"record_type": "resource"}),
            &[(
                "property",
                "JSONModel(:resource) does not have a property named ''",
            )],
        );
        c.finds(
            json!({"record_type": "resource", "property": 5}),
            &[(
                "property",
                "JSONModel(:resource) does not have a property named '5'",
            )],
        );
        // The Ruby raises on this value: nothing reported.
        c.passes(json!({"record_type": "unknown", "property": "x"}));
    }

    #[test]
    fn check_location_profile() {
        let c = Case("location_profile", "check_location_profile");
        c.passes(json!({"depth": "5.25"}));
        c.passes(json!({}));
        c.finds(
            json!({"width": "5.255", "height": " "}),
            &[
                (
                    "width",
                    "must be a number with no more than 2 decimal places",
                ),
                (
                    "height",
                    "must be a number with no more than 2 decimal places",
                ),
            ],
        );
    }

    #[test]
    fn check_field_query() {
        let c0 = Case("field_query", "check_field_query");
        let c1 = Case("date_field_query", "check_date_field_query");
        c0.passes(json!({"value": "x", "comparator": "contains"}));
        c0.passes(json!({"comparator": "empty"}));
        c0.finds(
            json!({"comparator": "contains"}),
            &[(
                "value",
                "Must specify either a value or use the 'empty' comparator",
            )],
        );
        c1.passes(json!({"value": "2020", "comparator": "equal"}));
        c1.finds(
            json!({"comparator": "equal"}),
            &[(
                "value",
                "Must specify either a value or use the 'empty' comparator",
            )],
        );
    }

    #[test]
    fn check_rights_statement_external_document() {
        let c = Case(
            "rights_statement_external_document",
            "check_rights_statement_external_document",
        );
        c.passes(json!({"identifier_type": "uri"}));
        c.finds(
            json!({}),
            &[("identifier_type", "missing required property")],
        );
    }

    #[test]
    fn check_assessment_monetary_value() {
        let c = Case("assessment", "check_assessment_monetary_value");
        c.passes(json!({"monetary_value": "12.50"}));
        c.passes(json!({}));
        c.finds(
            json!({"monetary_value": "12.505"}),
            &[(
                "monetary_value",
                "must be a number with no more than 2 decimal places",
            )],
        );
        c.finds(
            json!({"monetary_value": " 12"}),
            &[(
                "monetary_value",
                "must be a number with no more than 2 decimal places",
            )],
        );
        c.finds(
            json!({"monetary_value": "12\n"}),
            &[(
                "monetary_value",
                "must be a number with no more than 2 decimal places",
            )],
        );
        c.finds(
            json!({"monetary_value": 12}),
            &[(
                "monetary_value",
                "must be a number with no more than 2 decimal places",
            )],
        );
    }

    #[test]
    fn check_survey_dates() {
        let c = Case("assessment", "check_survey_dates");
        c.passes(json!({"survey_begin": "2020-01-01", "survey_end": "2020"}));
        c.finds(json!({}), &[("survey_begin", "not a valid date")]);
        c.finds(
            json!({"survey_begin": "2021", "survey_end": "2020-12-31"}),
            &[("survey_end", "must not be before begin")],
        );
        c.finds(
            json!({"survey_begin": "2021", "survey_end": "2021-02-29"}),
            &[("survey_end", "not a valid date")],
        );
    }
}
