//! The generated crate's `validation` module: every record type's rules as
//! static data for `archivesspace_core::validate`; and the `Validate` impl
//! each record type's file carries.
//!
//! Written from the IR, which holds each record's properties as the backend
//! validates against them (the parent's merged in, `JSONModel`'s injected
//! ones added). Read-only properties are left out unless they are required:
//! the backend drops their values before it validates, exactly as it drops
//! undeclared keys.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{IfMissing, Model, Schema, Type};

/// The `Validate` impl of one record type, for its own file.
pub fn record_impl(rust: &str, jsonmodel: &str) -> TokenStream {
    let ty = format_ident!("{rust}");
    quote! {
        impl crate::validate::Validate for #ty {
            fn catalog(&self) -> &'static crate::validate::schema::Catalog {
                &crate::validation::CATALOG
            }
            fn record_type(&self) -> &str {
                #jsonmodel
            }
        }
    }
}

/// The module's items: the catalog, and `Validate` for `Record`.
pub fn module(model: &Model) -> TokenStream {
    let release = &model.release;
    // A snapshot says which custom checks its release registers when any of
    // its types lists some (`validations`, from the server or from
    // `common/validations.rb`); one from before that was recorded does not.
    let checks_known = model
        .types
        .values()
        .any(|record| record.extra.contains_key("validations"));
    let mut consts = TokenStream::new();
    let mut entries = Vec::new();
    for (name, record) in &model.types {
        let ident = const_name(name);
        let uri = match &record.uri {
            Some(uri) => quote!(Some(#uri)),
            None => quote!(None),
        };
        let properties = record
            .properties
            .values()
            .filter(|p| keeps(&p.schema))
            .map(|p| property(&p.name, &p.schema));
        let checks = if checks_known {
            let registered = registered_checks(record.extra.get("validations"));
            quote!(Some(&[#(#registered),*]))
        } else {
            quote!(None)
        };
        consts.extend(quote! {
            const #ident: Schema = Schema {
                name: #name,
                uri: #uri,
                properties: &[#(#properties),*],
                checks: #checks,
            };
        });
        entries.push(ident);
    }
    let catalog_doc =
        format!(" The rules of every record type of ArchivesSpace {release}, sorted by name.");
    let registered_import = checks_known.then(|| quote!(Registered,));
    quote! {
        use crate::validate::schema::{Catalog, IfMissing, Node, Property, #registered_import Rule, Schema, Ty};
        use crate::validate::Validate;
        use crate::Record;

        #[doc = #catalog_doc]
        pub static CATALOG: Catalog = Catalog {
            release: #release,
            schemas: &[#(#entries),*],
        };

        #consts

        impl Validate for Record {
            fn catalog(&self) -> &'static Catalog {
                &CATALOG
            }
            fn record_type(&self) -> &str {
                self.jsonmodel_type()
            }
        }
    }
}

/// A schema's `validations` (`[[level, name], ...]`, as the backend records
/// `add_validation` calls) as `Registered` values; the backend treats every
/// level but `warning` as an error.
fn registered_checks(validations: Option<&serde_json::Value>) -> Vec<TokenStream> {
    let Some(serde_json::Value::Array(list)) = validations else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|entry| match entry.as_array().map(Vec::as_slice) {
            Some([level, serde_json::Value::String(name)]) => Some(match level.as_str() {
                Some("warning") => quote!(Registered::warning(#name)),
                _ => quote!(Registered::error(#name)),
            }),
            _ => None,
        })
        .collect()
}

fn const_name(jsonmodel: &str) -> proc_macro2::Ident {
    format_ident!("{}", jsonmodel.to_ascii_uppercase().replace('-', "_"))
}

/// Whether the backend looks at a property at all.
fn keeps(schema: &Schema) -> bool {
    !schema.readonly || schema.ifmissing.is_some() || schema.required == Some(true)
}

fn property(name: &str, schema: &Schema) -> TokenStream {
    let node = node(schema);
    quote!(Property::new(#name, #node))
}

/// A schema node as a `Node` expression, its rules in the order the
/// schemas write them.
fn node(schema: &Schema) -> TokenStream {
    let mut rules = Vec::new();
    let ty = match &schema.ty {
        Type::Any | Type::DateTime => quote!(Ty::Any),
        Type::String => quote!(Ty::String),
        Type::Integer => quote!(Ty::Integer),
        Type::Number => quote!(Ty::Number),
        Type::Boolean => quote!(Ty::Boolean),
        Type::Null => quote!(Ty::Null),
        Type::Date => quote!(Ty::Date),
        Type::Record(name) => quote!(Ty::Record(#name)),
        Type::Uri(name) => quote!(Ty::Uri(#name)),
        Type::UriOrObject(name) => quote!(Ty::UriOrObject(#name)),
        Type::Union(members) => {
            let members = members.iter().map(node);
            quote!(Ty::Union(&[#(#members),*]))
        }
        Type::Array(_) | Type::Object(_) | Type::Ref(_) => quote!(),
    };
    let ty = match &schema.ty {
        Type::Array(items) => {
            if items.ty != Type::Any || has_rules(items) {
                let items = node(items);
                rules.push(quote!(Rule::Items(&#items)));
            }
            quote!(Ty::Array)
        }
        Type::Object(object) => {
            if !object.properties.is_empty() {
                let properties = object
                    .properties
                    .iter()
                    .filter(|(_, s)| keeps(s))
                    .map(|(n, s)| property(n, s));
                rules.push(quote!(Rule::Properties(&[#(#properties),*])));
            }
            quote!(Ty::Object)
        }
        Type::Ref(reference) => {
            rules.push(quote!(Rule::SubtypeRef));
            let properties = reference
                .properties
                .iter()
                .filter(|(_, s)| keeps(s))
                .map(|(n, s)| property(n, s));
            rules.push(quote!(Rule::Properties(&[#(#properties),*])));
            quote!(Ty::Object)
        }
        _ => ty,
    };
    let mut before = Vec::new();
    if let Some(values) = &schema.enum_values {
        let values = values.iter().filter_map(|v| v.as_str());
        before.push(quote!(Rule::Enum(&[#(#values),*])));
    }
    if let Some(name) = &schema.dynamic_enum {
        before.push(quote!(Rule::DynamicEnum(#name)));
    }
    if let Some(n) = schema.min_length.map(Literal::u64_unsuffixed) {
        before.push(quote!(Rule::MinLength(#n)));
    }
    if let Some(n) = schema.max_length.map(Literal::u64_unsuffixed) {
        before.push(quote!(Rule::MaxLength(#n)));
    }
    if let Some(pattern) = &schema.pattern {
        before.push(quote!(Rule::Pattern(#pattern)));
    }
    if let Some(n) = schema.min_items.map(Literal::u64_unsuffixed) {
        before.push(quote!(Rule::MinItems(#n)));
    }
    if let Some(n) = schema.max_items.map(Literal::u64_unsuffixed) {
        before.push(quote!(Rule::MaxItems(#n)));
    }
    before.extend(rules);
    let mut node = quote!(Node::new(#ty));
    if schema.required == Some(true) {
        node.extend(quote!(.required()));
    }
    match schema.ifmissing {
        Some(IfMissing::Error) => node.extend(quote!(.if_missing(IfMissing::Error))),
        Some(IfMissing::Warn) => node.extend(quote!(.if_missing(IfMissing::Warn))),
        None => {}
    }
    if schema.readonly {
        node.extend(quote!(.readonly()));
    }
    if !before.is_empty() {
        node.extend(quote!(.rules(&[#(#before),*])));
    }
    node
}

fn has_rules(schema: &Schema) -> bool {
    schema.enum_values.is_some()
        || schema.dynamic_enum.is_some()
        || schema.min_length.is_some()
        || schema.max_length.is_some()
        || schema.pattern.is_some()
        || schema.min_items.is_some()
        || schema.max_items.is_some()
}
