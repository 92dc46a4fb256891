//! Turning token streams into the generated crate's source files: shortening
//! the full paths the earlier stages write into `use` lines, and printing
//! with prettyplease.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use syn::visit_mut::VisitMut;

use super::EmitError;

/// Paths written in full by the earlier stages, by the prefix they start
/// with: what the prefix becomes, and the `use` line it needs (if any).
const SHORTEN: &[(&str, &str, Option<&str>)] = &[
    ("::std::option::Option::Some", "Some", None),
    ("::std::option::Option::None", "None", None),
    ("::std::result::Result::Ok", "Ok", None),
    ("::std::result::Result::Err", "Err", None),
    ("::std::option::Option", "Option", None),
    ("::std::result::Result", "Result", None),
    ("::std::string::String", "String", None),
    ("::std::vec::Vec", "Vec", None),
    ("::std::boxed::Box", "Box", None),
    ("::std::default::Default", "Default", None),
    ("::std::convert::From", "From", None),
    ("::std::fmt", "fmt", Some("std::fmt")),
    ("::serde_json::Value", "Value", Some("serde_json::Value")),
    ("::serde_json::Map", "Map", Some("serde_json::Map")),
    ("::serde_json::Number", "Number", Some("serde_json::Number")),
    ("::serde::Serialize", "Serialize", Some("serde::Serialize")),
    (
        "::serde::Serializer",
        "Serializer",
        Some("serde::Serializer"),
    ),
    (
        "::serde::Deserialize",
        "Deserialize",
        Some("serde::Deserialize"),
    ),
    (
        "::serde::Deserializer",
        "Deserializer",
        Some("serde::Deserializer"),
    ),
    (
        "::serde::de::MapAccess",
        "MapAccess",
        Some("serde::de::MapAccess"),
    ),
    (
        "::serde::ser::SerializeMap",
        "SerializeMap",
        Some("serde::ser::SerializeMap"),
    ),
];

/// Names that generated types must not take, because generated code refers
/// to these by their short names.
pub const RESERVED: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Default",
    "From",
    "Value",
    "Map",
    "Number",
    "Serialize",
    "Serializer",
    "Deserialize",
    "Deserializer",
    "MapAccess",
    "SerializeMap",
    "Uri",
    "Ref",
    "Resolved",
    "UriOrObject",
    "StringOrNumber",
    "Presence",
    "Fields",
    "JsonModel",
    "DecodeError",
];

/// Modules of the generated crate whose items generated code names
/// directly (`Uri`, `Method::Post`, `Modified`) after a `use` line.
const IMPORTED_BY_NAME: &[&str] = &["jsonmodel", "request", "requests", "trees"];

struct Shortener<'a> {
    /// Types defined in the file being written (need no `use`).
    local: &'a BTreeSet<String>,
    /// Every type the crate root exports: typify refers to them by bare
    /// name, as if they were all in one module.
    global: &'a BTreeSet<String>,
    /// `use` paths collected.
    uses: BTreeSet<String>,
    /// Whether the file's types are the crate root's (record files, whose
    /// types the root re-exports) rather than a module's own.
    at_root: bool,
}

fn path_text(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

impl VisitMut for Shortener<'_> {
    /// Derive lists are attribute tokens, which syn does not visit as
    /// paths: read them as paths, shorten those, and write them back.
    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if !attr.path().is_ident("derive") {
            return;
        }
        let parser = syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated;
        let Ok(mut paths) = attr.parse_args_with(parser) else {
            return;
        };
        for path in paths.iter_mut() {
            self.visit_path_mut(path);
        }
        *attr = syn::parse_quote!(#[derive(#paths)]);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        // Shorten the generic arguments first.
        syn::visit_mut::visit_path_mut(self, path);
        let segments = path_text(path);
        if path.leading_colon.is_some() {
            let full = format!("::{}", segments.join("::"));
            for (prefix, short, import) in SHORTEN {
                let prefix_len = prefix.matches("::").count();
                let matches = full == *prefix || full.starts_with(&format!("{prefix}::"));
                if matches {
                    let short_len = short.matches("::").count() + 1;
                    let drop = prefix_len - short_len;
                    let kept: Vec<syn::PathSegment> =
                        path.segments.iter().skip(drop).cloned().collect();
                    path.leading_colon = None;
                    path.segments = kept.into_iter().collect();
                    if let Some(import) = import {
                        self.uses.insert((*import).to_owned());
                    }
                    return;
                }
            }
            // Other crates' paths read better without the leading `::`.
            path.leading_colon = None;
            return;
        }
        if let Some(first) = segments.first() {
            if self.global.contains(first) && !self.local.contains(first) {
                self.uses.insert(format!("crate::{first}"));
            }
        }
        if segments.first().map(String::as_str) == Some("crate") {
            let rest = &segments[1..];
            let import = match rest {
                // Items of the core's modules are imported by name, unless
                // the file defines a type of the same name.
                [module, item, ..]
                    if IMPORTED_BY_NAME.contains(&module.as_str())
                        && !self.local.contains(item) =>
                {
                    Some((format!("crate::{module}::{item}"), 2))
                }
                [module, _, ..] if IMPORTED_BY_NAME.contains(&module.as_str()) => None,
                [item, ..] if !self.local.contains(item) => Some((format!("crate::{item}"), 1)),
                [_, ..] if self.at_root => Some((String::new(), 1)),
                // A root type named like one of the module's own stays in
                // full.
                [_, ..] => None,
                [] => None,
            };
            if let Some((import, drop)) = import {
                let kept: Vec<syn::PathSegment> =
                    path.segments.iter().skip(drop).cloned().collect();
                path.segments = kept.into_iter().collect();
                if !import.is_empty() {
                    self.uses.insert(import);
                }
            }
        }
    }
}

/// Drops the target of doc links that name an item the file imports
/// (``[`Modified`](crate::requests::Modified)`` becomes ``[`Modified`]``),
/// which rustdoc then finds by the label; the docs are written with full
/// paths before the imports are known.
struct DocLinks<'a> {
    imported: &'a BTreeSet<String>,
}

impl VisitMut for DocLinks<'_> {
    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if !attr.path().is_ident("doc") {
            return;
        }
        let syn::Meta::NameValue(nv) = &mut attr.meta else {
            return;
        };
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) = &mut nv.value
        else {
            return;
        };
        let mut doc = text.value();
        let mut changed = false;
        for path in self.imported {
            let Some((_, name)) = path.rsplit_once("::") else {
                continue;
            };
            let link = format!("[`{name}`]({path})");
            if doc.contains(&link) {
                doc = doc.replace(&link, &format!("[`{name}`]"));
                changed = true;
            }
        }
        if changed {
            *text = syn::LitStr::new(&doc, text.span());
        }
    }
}

/// The `use` items for a set of item paths, one per module, in the order
/// rustfmt sorts them (`crate` last).
fn use_items(uses: &BTreeSet<String>) -> Result<Vec<syn::Item>, EmitError> {
    let mut groups: BTreeMap<(u8, String), BTreeSet<String>> = BTreeMap::new();
    for path in uses {
        let Some((module, item)) = path.rsplit_once("::") else {
            continue;
        };
        let rank = u8::from(module.starts_with("crate"));
        groups
            .entry((rank, module.to_owned()))
            .or_default()
            .insert(item.to_owned());
    }
    let mut items = Vec::new();
    for ((_, module), names) in &groups {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = match names.as_slice() {
            [single] => format!("use {module}::{single};"),
            _ => format!("use {module}::{{{}}};", names.join(", ")),
        };
        let item = syn::parse_str(&text)
            .map_err(|e| EmitError::Typify(format!("bad use line `{text}`: {e}")))?;
        items.push(item);
    }
    Ok(items)
}

/// A source file of types the crate root re-exports: module docs, `use`
/// lines and the items, printed by prettyplease. `local` lists the types the
/// file defines.
pub fn source_file(
    module_doc: &[String],
    items: TokenStream,
    local: &BTreeSet<String>,
    global: &BTreeSet<String>,
) -> Result<String, EmitError> {
    print_file(module_doc, items, local, global, true)
}

/// A source file of a module with types of its own (the request modules):
/// like [`source_file`], except that `crate::X` stays in full where the
/// module defines an `X` of its own.
pub fn module_file(
    module_doc: &[String],
    items: TokenStream,
    local: &BTreeSet<String>,
) -> Result<String, EmitError> {
    print_file(module_doc, items, local, &BTreeSet::new(), false)
}

fn print_file(
    module_doc: &[String],
    items: TokenStream,
    local: &BTreeSet<String>,
    global: &BTreeSet<String>,
    at_root: bool,
) -> Result<String, EmitError> {
    let mut file: syn::File = syn::parse2(items)
        .map_err(|e| EmitError::Typify(format!("generated code does not parse: {e}")))?;
    let mut shortener = Shortener {
        local,
        global,
        uses: BTreeSet::new(),
        at_root,
    };
    shortener.visit_file_mut(&mut file);
    let mut links = DocLinks {
        imported: &shortener.uses,
    };
    links.visit_file_mut(&mut file);
    let mut items = use_items(&shortener.uses)?;
    items.append(&mut file.items);
    file.items = items;
    let mut out = String::new();
    // List items (a request module's index: name, route and summary) stay
    // on one line each, so that no wrap splits a code span or leaves a
    // line that reads as a link definition.
    let lines = module_doc.iter().flat_map(|l| {
        if l.starts_with("- ") {
            vec![l.clone()]
        } else {
            super::docs::wrap(l, 80)
        }
    });
    for line in lines {
        if line.is_empty() {
            out.push_str("//!\n");
        } else {
            out.push_str(&format!("//! {line}\n"));
        }
    }
    if !module_doc.is_empty() {
        out.push('\n');
    }
    out.push_str(&space_items(&prettyplease::unparse(&file)));
    Ok(out)
}

/// Puts a blank line between items and between the items of `impl` blocks,
/// as hand-written code has; prettyplease prints them back to back.
pub fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev: Option<&str> = None;
    let mut in_impl = false;
    let mut in_use = false;
    let mut prev_was_use = false;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        let opens_item = indent == 0
            && !trimmed.is_empty()
            && !trimmed.starts_with('}')
            && !trimmed.starts_with("///")
            && !trimmed.starts_with("#[");
        if opens_item {
            in_impl = trimmed.starts_with("impl");
        }
        let level_applies = indent == 0 || (indent == 4 && in_impl);
        if let Some(p) = prev {
            let p_indent = p.len() - p.trim_start().len();
            let p_trim = p.trim();
            let ends_item = p_indent == indent && (p_trim == "}" || p_trim.ends_with(';'));
            let starts_item = !trimmed.is_empty() && !trimmed.starts_with('}');
            let use_run = prev_was_use && trimmed.starts_with("use ");
            if level_applies && ends_item && starts_item && !use_run {
                out.push('\n');
            }
        }
        if indent == 0 && trimmed.starts_with("use ") {
            in_use = true;
        }
        if in_use && indent == 0 && trimmed.ends_with(';') {
            in_use = false;
            prev_was_use = true;
        } else if indent == 0 && !in_use && !trimmed.is_empty() {
            prev_was_use = false;
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn paths_become_use_lines() {
        let local: BTreeSet<String> = ["Here".to_string()].into_iter().collect();
        let items = quote! {
            pub struct Here {
                pub a: ::std::option::Option<::serde_json::Value>,
                pub b: crate::jsonmodel::Uri<crate::There>,
                pub c: ::std::vec::Vec<crate::Here>,
            }
            fn f() -> ::std::option::Option<u8> { ::std::option::Option::Some(1) }
        };
        let text = source_file(&["Doc.".into()], items, &local, &BTreeSet::new()).unwrap();
        assert!(
            text.starts_with("//! Doc.\n\nuse serde_json::Value;\nuse crate::There;\nuse crate::jsonmodel::Uri;\n\npub struct"),
            "{text}"
        );
        assert!(text.contains("pub a: Option<Value>"), "{text}");
        assert!(text.contains("pub b: Uri<There>"), "{text}");
        assert!(text.contains("pub c: Vec<Here>"), "{text}");
        assert!(text.contains("Some(1)"), "{text}");
    }

    #[test]
    fn a_module_type_never_stands_for_a_root_type_of_its_name() {
        let local: BTreeSet<String> = ["Get".to_string(), "Job".to_string()].into();
        let items = quote! {
            pub struct Get { pub job: crate::Job, pub other: crate::Accession }
            pub struct Job;
            impl crate::request::Request for Get {}
        };
        let text = module_file(&[], items, &local).unwrap();
        assert!(text.contains("pub job: crate::Job,"), "{text}");
        assert!(text.contains("pub other: Accession,"), "{text}");
        assert!(text.contains("use crate::request::Request;"), "{text}");
        assert!(text.contains("impl Request for Get"), "{text}");
    }
}
