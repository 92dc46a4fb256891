//! The syn pass over typify's output.
//!
//! typify gives each struct and enum its shape, names and docs. This pass:
//!
//! - drops the serde derives and attributes from structs, adds the `extra`
//!   map and the hidden `_presence` field, and records each field's JSON key
//!   so that [`super::impls`] can emit the lossless serde impls;
//! - turns typify's closed string enums into open ones (an `Other(String)`
//!   variant) and drops typify's impls for them (`FromStr`, `TryFrom` and
//!   `Display` that reject unknown values);
//! - drops typify's `error` module, which only those impls used;
//! - splits doc attributes into one line each, so prettyplease prints `///`
//!   comments.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Attribute, Expr, Fields as SynFields, Item, Lit, Meta};

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
        /// The struct item, rewritten.
        item: syn::ItemStruct,
        /// Its fields, in declaration order.
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

/// Rewrites typify's output into the types of the plan, by Rust name.
pub fn rewrite(file: syn::File, plan: &Plan) -> Result<BTreeMap<String, TypeDef>, EmitError> {
    let mut out = BTreeMap::new();
    for item in file.items {
        match item {
            Item::Struct(item) => {
                let name = item.ident.to_string();
                let known = plan.records.contains_key(&name)
                    || matches!(plan.nested.get(&name), Some(n) if n.kind == NestedKind::Object);
                if !known {
                    return Err(EmitError::Typify(format!(
                        "typify generated a struct `{name}` the plan does not know"
                    )));
                }
                let def = rewrite_struct(item)?;
                out.insert(name, def);
            }
            Item::Enum(item) => {
                let name = item.ident.to_string();
                if !matches!(plan.nested.get(&name), Some(n) if n.kind == NestedKind::Enum) {
                    return Err(EmitError::Typify(format!(
                        "typify generated an enum `{name}` the plan does not know"
                    )));
                }
                let def = rewrite_enum(item)?;
                out.insert(name, def);
            }
            // typify's conversions for the enums replaced above, and its
            // conversion error type.
            Item::Impl(_) | Item::Mod(_) => {}
            other => {
                return Err(EmitError::Typify(format!(
                    "unexpected item in typify's output: {}",
                    quote!(#other)
                )))
            }
        }
    }
    for name in plan.records.keys() {
        if !out.contains_key(name) {
            return Err(EmitError::Typify(format!(
                "typify generated no type for record `{name}`"
            )));
        }
    }
    Ok(out)
}

/// The text of the `#[doc = "..."]` attributes, in order.
pub fn doc_lines(attrs: &[Attribute]) -> Vec<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(nv) = &attr.meta {
            if let Expr::Lit(lit) = &nv.value {
                if let Lit::Str(s) = &lit.lit {
                    lines.extend(s.value().lines().map(str::to_owned));
                }
            }
        }
    }
    lines
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

/// The `rename = "..."` value of a `#[serde(...)]` attribute, if any.
fn serde_rename(attr: &Attribute) -> Result<Option<String>, EmitError> {
    let mut rename = None;
    attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("rename") {
            let value: syn::LitStr = meta.value()?.parse()?;
            rename = Some(value.value());
        } else if meta.input.peek(syn::Token![=]) {
            // `skip_serializing_if = "..."`, `default = "..."`: not needed.
            let _: Expr = meta.value()?.parse()?;
        }
        Ok(())
    })
    .map_err(|e| EmitError::Typify(format!("cannot read a serde attribute: {e}")))?;
    Ok(rename)
}

fn rewrite_struct(mut item: syn::ItemStruct) -> Result<TypeDef, EmitError> {
    let name = item.ident.to_string();
    let docs = doc_lines(&item.attrs);
    let SynFields::Named(named) = &mut item.fields else {
        return Err(EmitError::Typify(format!(
            "typify generated `{name}` without named fields"
        )));
    };
    let mut fields = Vec::new();
    for field in named.named.iter_mut() {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let mut key = ident.to_string();
        for attr in &field.attrs {
            if attr.path().is_ident("serde") {
                if let Some(rename) = serde_rename(attr)? {
                    key = rename;
                }
            }
        }
        if ident == "extra" || ident == "_presence" {
            return Err(EmitError::Naming(format!(
                "`{name}` has a property named `{key}`, which clashes with the field that keeps \
                 undeclared keys"
            )));
        }
        let field_docs = doc_lines(&field.attrs);
        let docs = doc_attrs(&field_docs);
        field.attrs = syn::parse_quote!(#docs);
        fields.push(FieldInfo { ident, key });
    }
    named.named.push(syn::parse_quote! {
        /// Keys the schema does not declare (from plugins, other releases or
        /// server-side computation), written back unchanged.
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>
    });
    named.named.push(syn::parse_quote! {
        #[doc(hidden)]
        pub _presence: crate::jsonmodel::Presence
    });
    let docs = doc_attrs(&docs);
    item.attrs = syn::parse_quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq)]
    };
    Ok(TypeDef::Struct { item, fields })
}

fn rewrite_enum(item: syn::ItemEnum) -> Result<TypeDef, EmitError> {
    let name = item.ident.to_string();
    let mut variants = Vec::new();
    for variant in &item.variants {
        if !matches!(variant.fields, SynFields::Unit) {
            return Err(EmitError::Typify(format!(
                "enum `{name}` has a variant with data; only string enums are expected"
            )));
        }
        let mut value = variant.ident.to_string();
        for attr in &variant.attrs {
            if attr.path().is_ident("serde") {
                if let Some(rename) = serde_rename(attr)? {
                    value = rename;
                }
            }
        }
        variants.push(VariantInfo {
            ident: variant.ident.clone(),
            value,
        });
    }
    if variants.iter().any(|v| v.ident == "Other") {
        return Err(EmitError::Naming(format!(
            "enum `{name}` lists a value named `Other`, which clashes with the variant for \
             unlisted values"
        )));
    }
    Ok(TypeDef::Enum {
        docs: doc_lines(&item.attrs),
        ident: format_ident!("{}", name),
        variants,
    })
}
