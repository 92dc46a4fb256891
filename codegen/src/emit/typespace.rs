//! What typify decided, read from its type space.
//!
//! typify gets the plan's JSON Schema and decides each type's shape: which
//! definitions are structs and which string enums, every field's Rust name
//! (`ref` → `ref_`, `_resolved` → `resolved`) and type (`Option`/`Vec`
//! wrapping, boxing of recursive fields, the placeholders replaced by the
//! `jsonmodel` generics). This module asks its `TypeSpace` for those
//! decisions (`iter_types`, `details`, `properties_info`, `ident`) and
//! builds the generated structs and enums from them with quote; typify's
//! own printed code (derives, serde attributes, conversions) is never used.
//!
//! Docs come from the plan, which wrote them, and the JSON keys too: the
//! type space does not say which key a field reads, so each plan key is
//! named the way typify names properties, and every field typify made must
//! be the name of exactly one key.

use std::collections::BTreeMap;

use heck::{ToPascalCase, ToSnakeCase};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;
use typify::{TypeDetails, TypeSpace};

use super::docs::doc_attrs;
use super::plan::{NestedKind, Plan};
use super::EmitError;

/// A struct field and its JSON key.
#[derive(Debug, Clone)]
pub struct FieldInfo {
    /// The Rust field name.
    pub ident: syn::Ident,
    /// The JSON key.
    pub key: String,
}

/// A variant of an open enum and the string it stands for.
#[derive(Debug, Clone)]
pub struct VariantInfo {
    /// The Rust variant name.
    pub ident: syn::Ident,
    /// The JSON string.
    pub value: String,
}

/// One generated type, ready for the impls stage.
#[derive(Debug, Clone)]
pub enum TypeDef {
    /// A struct with lossless serde impls.
    Struct {
        /// The struct item: docs, fields (with the `extra` map and the
        /// hidden `_presence`), no derives yet.
        item: syn::ItemStruct,
        /// Its JSON fields, in declaration order.
        fields: Vec<FieldInfo>,
    },
    /// An open string enum.
    Enum {
        /// Type docs.
        docs: Vec<String>,
        /// The type name.
        ident: syn::Ident,
        /// The listed values.
        variants: Vec<VariantInfo>,
    },
}

/// Every type typify made for the plan, by Rust name.
pub fn types(space: &TypeSpace, plan: &Plan) -> Result<BTreeMap<String, TypeDef>, EmitError> {
    let mut out = BTreeMap::new();
    for ty in space.iter_types() {
        let name = ty.name();
        match ty.details() {
            TypeDetails::Struct(details) => {
                let known = plan.records.contains_key(&name)
                    || matches!(plan.nested.get(&name), Some(n) if n.kind == NestedKind::Object);
                if !known {
                    return Err(EmitError::Typify(format!(
                        "typify made a struct `{name}` the plan does not know"
                    )));
                }
                let definition = definition(plan, &name)?;
                let mut fields = Vec::new();
                let keys = keys_by_field_name(&name, definition)?;
                for property in details.properties_info() {
                    let key = keys.get(property.name).ok_or_else(|| {
                        EmitError::Typify(format!(
                            "typify named a field of `{name}` `{}`, which no key of the plan \
                             is named",
                            property.name
                        ))
                    })?;
                    let ty = space.get_type(&property.type_id).map_err(|e| {
                        EmitError::Typify(format!("the type of `{name}.{key}`: {e}"))
                    })?;
                    fields.push(Field {
                        ident: ident(property.name)?,
                        key: key.clone(),
                        ty: ty.ident(),
                        docs: lines(property.description),
                    });
                }
                if fields.len() != keys.len() {
                    return Err(EmitError::Typify(format!(
                        "typify made {} fields for the {} keys of `{name}`",
                        fields.len(),
                        keys.len()
                    )));
                }
                out.insert(name.clone(), structure(&name, definition, fields)?);
            }
            TypeDetails::Enum(details) => {
                if !matches!(plan.nested.get(&name), Some(n) if n.kind == NestedKind::Enum) {
                    return Err(EmitError::Typify(format!(
                        "typify made an enum `{name}` the plan does not know"
                    )));
                }
                let definition = definition(plan, &name)?;
                let values: Vec<&str> = definition
                    .get("enum")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let mut variants = Vec::new();
                for (i, variant) in details.variants_info().enumerate() {
                    let value = values.get(i).ok_or_else(|| {
                        EmitError::Typify(format!(
                            "typify made more variants of `{name}` than it has values"
                        ))
                    })?;
                    if variant.name != variant_name(value) {
                        return Err(EmitError::Typify(format!(
                            "typify named the value `{value}` of `{name}` `{}`",
                            variant.name
                        )));
                    }
                    variants.push(VariantInfo {
                        ident: ident(variant.name)?,
                        value: (*value).to_owned(),
                    });
                }
                if variants.iter().any(|v| v.ident == "Other") {
                    return Err(EmitError::Naming(format!(
                        "enum `{name}` lists a value named `Other`, which clashes with the \
                         variant for unlisted values"
                    )));
                }
                out.insert(
                    name.clone(),
                    TypeDef::Enum {
                        docs: type_docs(&name, definition),
                        ident: ident(&name)?,
                        variants,
                    },
                );
            }
            TypeDetails::Newtype(_) => {
                return Err(EmitError::Typify(format!(
                    "typify made `{name}` a newtype; the plan has only objects and enums"
                )))
            }
            // Options, lists, boxes and built-in types: parts of the above.
            _ => {}
        }
    }
    for name in plan.records.keys() {
        if !out.contains_key(name) {
            return Err(EmitError::Typify(format!(
                "typify made no type for record `{name}`"
            )));
        }
    }
    Ok(out)
}

/// A field as typify decided it.
struct Field {
    ident: syn::Ident,
    key: String,
    ty: TokenStream,
    docs: Vec<String>,
}

fn definition<'p>(plan: &'p Plan, name: &str) -> Result<&'p Value, EmitError> {
    plan.root
        .get("definitions")
        .and_then(|d| d.get(name))
        .ok_or_else(|| EmitError::Typify(format!("`{name}` is not a definition of the plan")))
}

fn ident(name: &str) -> Result<syn::Ident, EmitError> {
    syn::parse_str(name)
        .map_err(|e| EmitError::Typify(format!("typify's name `{name}` is not an identifier: {e}")))
}

fn lines(text: Option<&str>) -> Vec<String> {
    text.map(|t| t.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// The type's docs: its description, or its name in code, as typify would
/// write them.
fn type_docs(name: &str, definition: &Value) -> Vec<String> {
    match definition.get("description").and_then(Value::as_str) {
        Some(text) => lines(Some(text)),
        None => vec![format!("`{name}`")],
    }
}

/// Each key of an object definition by the field name typify gives it.
fn keys_by_field_name(
    name: &str,
    definition: &Value,
) -> Result<BTreeMap<String, String>, EmitError> {
    let mut out = BTreeMap::new();
    for key in definition
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|p| p.keys())
    {
        if let Some(other) = out.insert(field_name(key), key.clone()) {
            return Err(EmitError::Naming(format!(
                "the keys `{other}` and `{key}` of `{name}` would be one field"
            )));
        }
    }
    Ok(out)
}

/// How typify names a property's field: snake case of the key with
/// characters that cannot be in an identifier as separators, `x` in front
/// of what cannot start one, and `_` after a keyword.
fn field_name(key: &str) -> String {
    typify_case(key, |s| s.to_snake_case())
}

/// How typify names a string enum's variant: the same in Pascal case.
fn variant_name(value: &str) -> String {
    typify_case(value, |s| s.to_pascal_case())
}

fn typify_case(input: &str, case: fn(&str) -> String) -> String {
    let out = match input {
        "+1" => "plus1".to_owned(),
        "-1" => "minus1".to_owned(),
        _ => case(
            &input
                .replace('\'', "")
                .replace(|c| !unicode_ident::is_xid_continue(c), "-"),
        ),
    };
    let out = match out.chars().next() {
        None => case("x"),
        Some(c) if unicode_ident::is_xid_start(c) => out,
        Some(_) => format!("{}{out}", case("x")),
    };
    if is_keyword(&out) {
        format!("{out}_")
    } else {
        out
    }
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "_" | "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "gen"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "Self"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

/// The struct of a record or nested object: typify's fields with the
/// plan's docs, then the `extra` map and the hidden `_presence`.
fn structure(name: &str, definition: &Value, fields: Vec<Field>) -> Result<TypeDef, EmitError> {
    let mut infos = Vec::with_capacity(fields.len());
    let mut defs = Vec::with_capacity(fields.len());
    for field in fields {
        if field.ident == "extra" || field.ident == "_presence" {
            return Err(EmitError::Naming(format!(
                "`{name}` has a property named `{}`, which clashes with the field that keeps \
                 undeclared keys",
                field.key
            )));
        }
        let docs = doc_attrs(&field.docs);
        let (id, ty) = (&field.ident, &field.ty);
        defs.push(quote!(#docs pub #id: #ty,));
        infos.push(FieldInfo {
            ident: field.ident,
            key: field.key,
        });
    }
    let docs = doc_attrs(&type_docs(name, definition));
    let type_name = format_ident!("{}", name);
    let item: syn::ItemStruct = syn::parse2(quote! {
        #docs
        pub struct #type_name {
            #(#defs)*
            /// Keys the schema does not declare (from plugins, other releases or
            /// server-side computation), written back unchanged.
            pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            #[doc(hidden)]
            pub _presence: crate::jsonmodel::Presence,
        }
    })
    .map_err(|e| EmitError::Typify(format!("the struct `{name}` does not parse: {e}")))?;
    Ok(TypeDef::Struct {
        item,
        fields: infos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_variants_are_named_as_typify_names_them() {
        for (key, field) in [
            ("title", "title"),
            ("ref", "ref_"),
            ("type", "type_"),
            ("_resolved", "resolved"),
            ("lock_version", "lock_version"),
            ("sortName", "sort_name"),
            ("dates-of-existence", "dates_of_existence"),
            ("1st", "x1st"),
            ("", "x"),
        ] {
            assert_eq!(field_name(key), field, "{key}");
        }
        for (value, variant) in [
            ("single", "Single"),
            ("inclusive", "Inclusive"),
            ("box", "Box"),
            ("self", "Self_"),
            ("+1", "plus1"),
            ("3.5", "X35"),
        ] {
            assert_eq!(variant_name(value), variant, "{value}");
        }
    }
}
