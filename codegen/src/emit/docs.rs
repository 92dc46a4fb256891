//! Documentation text for generated types and fields, written from the IR.
//!
//! Everything the schema says about a property that the Rust type cannot
//! enforce (and, for losslessness, must not enforce on decode) ends up here:
//! whether it is required on create, read-only, its length and item limits,
//! its pattern, its enum values or dynamic enum, its server-side default.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::ir::{IfMissing, Origin, RecordType, Schema, Type};

/// `a`, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
fn or_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn dedup(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.contains(n) {
            out.push(n.clone());
        }
    }
    out
}

/// `a` or `an`, for the word that follows (code ticks ignored).
pub fn article(word: &str) -> &'static str {
    let first = word.trim_start_matches('`').chars().next();
    // "an accession", "an event", but "a user", "a used_language".
    match first {
        Some('a' | 'e' | 'i' | 'o' | 'A' | 'E' | 'I' | 'O') => "an",
        _ => "a",
    }
}

/// `an` `x` or `y`: the list with the article its first word needs.
fn a_list(names: &[String]) -> String {
    let list = or_list(names);
    format!("{} {list}", article(&list))
}

/// A short phrase for what a schema node holds.
pub fn type_phrase(schema: &Schema) -> String {
    phrase(schema, false)
}

/// [`type_phrase`], in the singular or the plural (for a list's items).
fn phrase(schema: &Schema, plural: bool) -> String {
    let noun = |one: &str, many: &str| {
        if plural {
            many.to_owned()
        } else {
            one.to_owned()
        }
    };
    match &schema.ty {
        Type::Any => noun("any JSON value", "JSON values"),
        Type::String => noun("string", "strings"),
        Type::Integer => noun("integer", "integers"),
        Type::Number => noun("number", "numbers"),
        Type::Boolean => noun("boolean", "booleans"),
        Type::Null => noun("null", "nulls"),
        Type::Date => noun("date (`YYYY-MM-DD`)", "dates (`YYYY-MM-DD`)"),
        Type::DateTime => noun("timestamp (ISO 8601)", "timestamps (ISO 8601)"),
        Type::Array(items) => format!("{} of {}", noun("list", "lists"), phrase(items, true)),
        Type::Object(_) => noun("object", "objects"),
        Type::Ref(r) => {
            let targets = dedup(&r.targets);
            if plural {
                format!("references to {}", a_list(&targets))
            } else {
                format!("reference to {}", a_list(&targets))
            }
        }
        Type::Record(name) => format!("embedded `{name}` {}", noun("record", "records")),
        Type::Uri(name) => {
            if plural {
                format!("URIs of `{name}` records")
            } else {
                format!("URI of {} `{name}`", article(name))
            }
        }
        Type::UriOrObject(name) => {
            if plural {
                format!("URIs of `{name}` records, or embedded `{name}` records")
            } else {
                format!("URI of {} `{name}`, or an embedded `{name}`", article(name))
            }
        }
        Type::Union(_) if schema.is_listed_union() => {
            let items = Schema {
                ty: schema.ty.clone(),
                ..Schema::default()
            };
            format!("{} of {}", noun("list", "lists"), phrase(&items, true))
        }
        Type::Union(members) => {
            let records: Vec<String> = members
                .iter()
                .filter_map(|m| match &m.ty {
                    Type::Record(name) => Some(name.clone()),
                    _ => None,
                })
                .collect();
            let uris: Vec<String> = members
                .iter()
                .filter_map(|m| match &m.ty {
                    Type::Uri(name) => Some(name.clone()),
                    _ => None,
                })
                .collect();
            if records.len() == members.len() {
                if plural {
                    format!("{} records", or_list(&dedup(&records)))
                } else {
                    format!("{} record", a_list(&dedup(&records)))
                }
            } else if uris.len() == members.len() {
                if plural {
                    format!("URIs of {} records", or_list(&dedup(&uris)))
                } else {
                    format!("URI of {}", a_list(&dedup(&uris)))
                }
            } else {
                let phrases: Vec<String> = members.iter().map(|m| phrase(m, false)).collect();
                format!("{}: {}", noun("one of", "each one of"), phrases.join("; "))
            }
        }
    }
}

/// `1 character`, `2 characters`.
fn count(n: u64, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn json(value: &Value) -> String {
    value.to_string()
}

/// The sentences describing a schema node's constraints, one a line.
fn constraints(schema: &Schema) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(description) = &schema.description {
        lines.push(description.trim().to_owned());
    }
    match schema.ifmissing {
        Some(IfMissing::Error) => {
            lines.push("Required when creating or updating (`ifmissing: error`).".into())
        }
        Some(IfMissing::Warn) => {
            lines.push("ArchivesSpace warns when it is missing (`ifmissing: warn`).".into())
        }
        None if schema.required == Some(true) => {
            lines.push("Required when creating or updating (`required: true`).".into())
        }
        None => {}
    }
    if schema.readonly {
        lines.push("Read-only: computed by the server and ignored when sent.".into());
    }
    let mut limits = Vec::new();
    if let Some(n) = schema.min_length {
        limits.push(format!("at least {}", count(n, "character")));
    }
    if let Some(n) = schema.max_length {
        limits.push(format!("at most {}", count(n, "character")));
    }
    if let Some(n) = schema.min_items {
        limits.push(format!("at least {}", count(n, "item")));
    }
    if let Some(n) = schema.max_items {
        limits.push(format!("at most {}", count(n, "item")));
    }
    if let Some(v) = &schema.minimum {
        limits.push(format!("minimum {}", json(v)));
    }
    if let Some(v) = &schema.maximum {
        limits.push(format!("maximum {}", json(v)));
    }
    if !limits.is_empty() {
        lines.push(format!("Schema limits: {}.", limits.join(", ")));
    }
    if let Some(pattern) = &schema.pattern {
        lines.push(format!(
            "Schema pattern: `{}`.",
            pattern.replace('`', "\\`")
        ));
    }
    if let Some(values) = &schema.enum_values {
        let listed: Vec<String> = values
            .iter()
            .map(|v| format!("`{}`", enum_text(v)))
            .collect();
        lines.push(format!("Schema values: {}.", listed.join(", ")));
    }
    if let Some(name) = &schema.dynamic_enum {
        lines.push(format!(
            "Values come from the dynamic enum `{name}`, which each site configures."
        ));
    }
    if let Some(default) = &schema.default {
        lines.push(format!(
            "The server assumes `{}` when it is missing.",
            json(default)
        ));
    }
    lines
}

fn enum_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => json(other),
    }
}

/// The doc comment of a record's field.
pub fn field_doc(key: &str, schema: &Schema, origin: Option<&Origin>) -> String {
    let mut paragraphs = vec![format!("`{key}`: {}.", type_phrase(schema))];
    let lines = constraints(schema);
    if !lines.is_empty() {
        paragraphs.push(lines.join("\n"));
    }
    match origin {
        Some(Origin::Inherited(ancestor)) => {
            paragraphs.push(format!("Inherited from `{ancestor}`."));
        }
        Some(Origin::Injected) => paragraphs
            .push("Added by ArchivesSpace to every record type when it loads the schemas.".into()),
        Some(Origin::Own) | None => {}
    }
    paragraphs.join("\n\n")
}

/// The doc comment of a record type.
pub fn record_doc(record: &RecordType) -> String {
    let mut paragraphs = vec![format!("The JSONModel `{}` record type.", record.name)];
    let mut facts = Vec::new();
    if let Some(uri) = &record.uri {
        facts.push(format!("Records live at `{uri}`."));
    }
    if let Some(parent) = &record.parent {
        facts.push(format!("It inherits the properties of `{parent}`."));
    }
    if let Some(version) = record.version {
        facts.push(format!("Schema version {version}."));
    }
    if !facts.is_empty() {
        paragraphs.push(facts.join(" "));
    }
    if record.has_computed_properties() {
        paragraphs.push(
            "ArchivesSpace computes some of its properties at start-up (from its \
             configuration); those arrive in `extra`."
                .into(),
        );
    }
    paragraphs.push(
        "Decoding keeps undeclared keys (in `extra`), explicit `null`s and empty lists, \
         so encoding gives back the same JSON; `jsonmodel_type` is not a field and is \
         always written."
            .into(),
    );
    paragraphs.join("\n\n")
}

/// Splits a line longer than `width` at spaces, so that generated docs read
/// like hand-wrapped comments. Markdown joins the lines again.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.len() + 1 + word.len() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out
}

/// Doc attributes, one a line (wrapped at 80 columns of text), each with
/// the space `///` comments have.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let wrapped: Vec<String> = lines.iter().flat_map(|line| wrap(line, 80)).collect();
    let attrs = wrapped.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {}", line.trim_end())
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_doc_lists_constraints() {
        let schema = Schema {
            ty: Type::String,
            ifmissing: Some(IfMissing::Error),
            max_length: Some(255),
            dynamic_enum: Some("extent_extent_type".into()),
            ..Default::default()
        };
        let doc = field_doc(
            "extent_type",
            &schema,
            Some(&Origin::Inherited("abstract_x".into())),
        );
        assert!(doc.starts_with("`extent_type`: string."), "{doc}");
        assert!(doc.contains("ifmissing: error"));
        assert!(doc.contains("at most 255 characters"));
        assert!(doc.contains("`extent_extent_type`"));
        assert!(doc.contains("Inherited from `abstract_x`."));
    }

    #[test]
    fn phrases_read_as_english() {
        let agents = Schema {
            ty: Type::Ref(crate::ir::RefType {
                targets: vec!["agent_person".into(), "agent_family".into()],
                ..Default::default()
            }),
            ..Default::default()
        };
        let list = Schema {
            ty: Type::Array(Box::new(agents.clone())),
            ..Default::default()
        };
        assert_eq!(
            type_phrase(&agents),
            "reference to an `agent_person` or `agent_family`"
        );
        assert_eq!(
            type_phrase(&list),
            "list of references to an `agent_person` or `agent_family`"
        );
        let user = Schema {
            ty: Type::Uri("user".into()),
            ..Default::default()
        };
        assert_eq!(type_phrase(&user), "URI of a `user`");
        assert_eq!(count(1, "item"), "1 item");
    }

    #[test]
    fn or_lists() {
        let names: Vec<String> = vec!["a".into(), "b".into(), "c".into()];
        assert_eq!(or_list(&names), "`a`, `b` or `c`");
        assert_eq!(or_list(&names[..1]), "`a`");
    }
}
