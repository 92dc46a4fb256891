//! Items emitted with quote: structs with `#[derive(Fields)]` (their
//! lossless serde impls come from the derive), open enums, unions and the
//! `Record` enum over every record type.
//!
//! Paths are written in full (`crate::jsonmodel::read_field`,
//! `::serde::Serialize`); [`super::files`] shortens them and writes the `use`
//! lines.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{article, doc_attrs};
use super::naming::{pascal, variant_names};
use super::plan::{Member, Union};
use super::typespace::{FieldInfo, VariantInfo};

/// What a struct is, for its `Fields` impl.
pub struct StructKind<'a> {
    /// `jsonmodel_type` and URI template, for record types.
    pub record: Option<(&'a str, Option<&'a str>)>,
    /// What decoding expects, for error messages.
    pub expecting: &'a str,
}

/// A struct with `#[derive(Fields)]` (its `Fields`, `Serialize` and
/// `Deserialize` impls, written once in `archivesspace-core-derive`), and
/// `JsonModel` for records.
pub fn struct_impls(
    item: &syn::ItemStruct,
    fields: &[FieldInfo],
    kind: &StructKind<'_>,
) -> TokenStream {
    let mut item = item.clone();
    let name = &item.ident;
    let expecting = kind.expecting;
    item.attrs.retain(|a| !a.path().is_ident("derive"));
    item.attrs.push(syn::parse_quote! {
        #[derive(Clone, Debug, Default, PartialEq, crate::jsonmodel::Fields)]
    });
    item.attrs.push(match kind.record {
        Some((type_name, _)) => {
            syn::parse_quote!(#[fields(jsonmodel_type = #type_name, expecting = #expecting)])
        }
        None => syn::parse_quote!(#[fields(expecting = #expecting)]),
    });
    if let syn::Fields::Named(named) = &mut item.fields {
        for field in named.named.iter_mut() {
            let Some(info) = fields
                .iter()
                .find(|f| Some(&f.ident) == field.ident.as_ref())
            else {
                continue;
            };
            if info.ident != info.key.as_str() {
                let key = &info.key;
                field
                    .attrs
                    .push(syn::parse_quote!(#[fields(rename = #key)]));
            }
        }
    }
    let json_model = kind.record.map(|(type_name, uri)| {
        let uri = match uri {
            Some(uri) => quote!(::std::option::Option::Some(#uri)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            impl crate::jsonmodel::JsonModel for #name {
                const JSONMODEL_TYPE: &'static str = #type_name;
                const URI_TEMPLATE: ::std::option::Option<&'static str> = #uri;
            }
        }
    });
    quote! {
        #item

        #json_model
    }
}

/// An open string enum: the listed values as unit variants plus `Other`.
pub fn open_enum(docs: &[String], ident: &syn::Ident, variants: &[VariantInfo]) -> TokenStream {
    let docs = doc_attrs(docs);
    let names: Vec<&syn::Ident> = variants.iter().map(|v| &v.ident).collect();
    let values: Vec<&String> = variants.iter().map(|v| &v.value).collect();
    let variant_docs: Vec<String> = variants.iter().map(|v| format!(" `{}`", v.value)).collect();
    let default = names.first().map(|_| quote!(#[default]));
    let rest_defaults = names.iter().skip(1).map(|_| quote!());
    let default_attrs: Vec<TokenStream> = default.into_iter().chain(rest_defaults).collect();
    quote! {
        #docs
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(
                #[doc = #variant_docs]
                #default_attrs
                #names,
            )*
            /// A value the schema does not list, kept as it came.
            Other(::std::string::String),
        }

        impl #ident {
            /// The value as written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#names => #values, )*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#names, )*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #ident {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    #( #values => Self::#names, )*
                    _ => Self::Other(value),
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::std::string::String::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

/// `an` `x` or `y`.
fn a_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let list = match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    };
    format!("{} {list}", article(&list))
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A union: one variant per member, told apart by the JSON value's kind and,
/// for records, by `jsonmodel_type`; anything else is kept in `Other`.
pub fn union(union: &Union) -> TokenStream {
    let ident = format_ident!("{}", union.name);
    let records = union.records();
    // JSONModel name → (variant, record type).
    let record_idents: BTreeMap<&str, (syn::Ident, syn::Ident)> = records
        .iter()
        .zip(variant_names(&records))
        .map(|(r, v)| {
            (
                r.as_str(),
                (format_ident!("{}", v), format_ident!("{}", pascal(r))),
            )
        })
        .collect();

    let mut docs = Vec::new();
    let mut kinds = Vec::new();
    if !records.is_empty() {
        kinds.push(format!(
            "{} record (told apart by `jsonmodel_type`)",
            a_list(&records)
        ));
    }
    let mut variants = Vec::new();
    let mut default = None;
    let mut string_arm = None;
    let mut number_arms = Vec::new();
    let mut bool_arm = None;
    let mut type_arms = Vec::new();
    for member in &union.members {
        match member {
            Member::Record(record) => {
                let Some((variant, ty)) = record_idents.get(record.as_str()) else {
                    continue;
                };
                let doc = format!(" {} `{record}` record.", capitalized(article(record)));
                variants.push(quote! { #[doc = #doc] #variant(::std::boxed::Box<crate::#ty>), });
                default.get_or_insert_with(|| quote!(Self::#variant(::std::boxed::Box::default())));
                type_arms.push((record.clone(), variant.clone(), ty.clone()));
            }
            Member::Uri { targets, rust } => {
                let target = format_ident!("{}", rust);
                kinds.push(format!("the URI of {}", a_list(targets)));
                let doc = format!(" The URI of {}.", a_list(targets));
                variants.push(quote! { #[doc = #doc] Uri(crate::jsonmodel::Uri<crate::#target>), });
                default.get_or_insert_with(|| quote!(Self::Uri(crate::jsonmodel::Uri::default())));
                string_arm.get_or_insert_with(|| quote! {
                    ::serde_json::Value::String(uri) => ::std::result::Result::Ok(Self::Uri(crate::jsonmodel::Uri::new(uri))),
                });
            }
            Member::String => {
                kinds.push("a string".into());
                variants.push(quote! { /// A string.
                String(::std::string::String), });
                default.get_or_insert_with(|| quote!(Self::String(::std::string::String::new())));
                string_arm = Some(quote! {
                    ::serde_json::Value::String(text) => ::std::result::Result::Ok(Self::String(text)),
                });
            }
            Member::Integer => {
                kinds.push("an integer".into());
                variants.push(quote! { /// An integer.
                Integer(i64), });
                default.get_or_insert_with(|| quote!(Self::Integer(0)));
                number_arms.insert(0, quote! {
                    ::serde_json::Value::Number(number) if number.is_i64() => {
                        ::std::result::Result::Ok(Self::Integer(number.as_i64().unwrap_or_default()))
                    }
                });
            }
            Member::Number => {
                kinds.push("a number".into());
                variants.push(quote! { /// A number, exactly as written.
                Number(::serde_json::Number), });
                default.get_or_insert_with(|| quote!(Self::Number(::serde_json::Number::from(0))));
                number_arms.push(quote! {
                    ::serde_json::Value::Number(number) => ::std::result::Result::Ok(Self::Number(number)),
                });
            }
            Member::Boolean => {
                kinds.push("a boolean".into());
                variants.push(quote! { /// A boolean.
                Boolean(bool), });
                default.get_or_insert_with(|| quote!(Self::Boolean(false)));
                bool_arm = Some(quote! {
                    ::serde_json::Value::Bool(flag) => ::std::result::Result::Ok(Self::Boolean(flag)),
                });
            }
        }
    }
    docs.push(format!("One of: {}.", kinds.join("; ")));
    docs.push(String::new());
    let sites: Vec<String> = union.sites.iter().map(|s| format!("`{s}`")).collect();
    docs.push(format!("Used by {}.", sites.join(", ")));
    docs.push(String::new());
    docs.push(
        "Values of any other kind or `jsonmodel_type` decode as `Other` and are written back \
         unchanged."
            .into(),
    );
    let docs = doc_attrs(&docs);
    let default = default.unwrap_or_else(|| quote!(Self::Other(::serde_json::Value::Null)));

    // Objects are told apart by `jsonmodel_type` read from the buffered
    // text, and decoded straight from it into their member; only other
    // kinds of value (strings, numbers, booleans) become a `Value`.
    let object_branch = (!type_arms.is_empty()).then(|| {
        let names = type_arms.iter().map(|(name, _, _)| name);
        let variants = type_arms.iter().map(|(_, v, _)| v);
        quote! {
            if crate::jsonmodel::is_object(&raw) {
                return match crate::jsonmodel::jsonmodel_type_in(&raw)?.as_deref() {
                    #( ::std::option::Option::Some(#names) => crate::jsonmodel::decode_raw_member(&raw).map(Self::#variants), )*
                    _ => crate::jsonmodel::raw_value(&raw).map(Self::Other),
                };
            }
        }
    });
    let scalars = string_arm.is_some() || !number_arms.is_empty() || bool_arm.is_some();
    let rest = if scalars {
        quote! {
            let value: ::serde_json::Value = crate::jsonmodel::raw_value(&raw)?;
            match value {
                #string_arm
                #( #number_arms )*
                #bool_arm
                other => ::std::result::Result::Ok(Self::Other(other)),
            }
        }
    } else {
        quote!(crate::jsonmodel::raw_value(&raw).map(Self::Other))
    };
    let decode = quote! {
        let raw = crate::jsonmodel::buffer(deserializer)?;
        #object_branch
        #rest
    };

    let serialize_arms = union.members.iter().map(|member| match member {
        Member::Record(record) => {
            let variant = record_idents.get(record.as_str()).map(|(v, _)| v);
            quote!(Self::#variant(record) => record.serialize(serializer),)
        }
        Member::Uri { .. } => quote!(Self::Uri(uri) => uri.serialize(serializer),),
        Member::String => quote!(Self::String(text) => serializer.serialize_str(text),),
        Member::Integer => quote!(Self::Integer(number) => serializer.serialize_i64(*number),),
        Member::Number => quote!(Self::Number(number) => number.serialize(serializer),),
        Member::Boolean => quote!(Self::Boolean(flag) => serializer.serialize_bool(*flag),),
    });
    let type_name_arms = type_arms
        .iter()
        .map(|(name, variant, _)| quote!(Self::#variant(_) => ::std::option::Option::Some(#name),));
    let other_kinds = union
        .members
        .iter()
        .any(|m| !matches!(m, Member::Record(_)))
        .then(|| quote!(_ => ::std::option::Option::None,));
    let jsonmodel_type = (!type_arms.is_empty()).then(|| {
        quote! {
            impl #ident {
                /// The `jsonmodel_type` of the record held, if it is a record.
                pub fn jsonmodel_type(&self) -> ::std::option::Option<&str> {
                    match self {
                        #( #type_name_arms )*
                        Self::Other(value) => crate::jsonmodel::jsonmodel_type_of(value),
                        #other_kinds
                    }
                }
            }
        }
    });
    let primitive_froms = union.members.iter().filter_map(|member| {
        let (ty, variant) = match member {
            Member::String => (quote!(::std::string::String), quote!(String)),
            Member::Integer => (quote!(i64), quote!(Integer)),
            Member::Boolean => (quote!(bool), quote!(Boolean)),
            _ => return None,
        };
        Some(quote! {
            impl ::std::convert::From<#ty> for #ident {
                fn from(value: #ty) -> Self {
                    Self::#variant(value)
                }
            }
        })
    });
    let from_impls = type_arms.iter().map(|(_, variant, ty)| {
        quote! {
            impl ::std::convert::From<crate::#ty> for #ident {
                fn from(record: crate::#ty) -> Self {
                    Self::#variant(::std::boxed::Box::new(record))
                }
            }
        }
    });

    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #( #variants )*
            /// A value of another kind, kept as JSON.
            Other(::serde_json::Value),
        }

        impl ::std::default::Default for #ident {
            fn default() -> Self {
                #default
            }
        }

        #jsonmodel_type

        #( #from_impls )*

        #( #primitive_froms )*

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( #serialize_arms )*
                    Self::Other(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                #decode
            }
        }
    }
}

/// The `Record` enum over every record type, and `decode_record`.
pub fn record_enum(records: &[(String, String)]) -> TokenStream {
    let variants: Vec<syn::Ident> = records
        .iter()
        .map(|(rust, _)| format_ident!("{}", rust))
        .collect();
    let names: Vec<&String> = records.iter().map(|(_, name)| name).collect();
    let variant_docs: Vec<String> = names
        .iter()
        .map(|n| format!(" {} `{n}` record.", capitalized(article(n))))
        .collect();
    quote! {
        /// Any record, as told apart by its `jsonmodel_type`.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Record {
            #(
                #[doc = #variant_docs]
                #variants(::std::boxed::Box<crate::#variants>),
            )*
        }

        /// The `jsonmodel_type` of every record type, in name order.
        pub const JSONMODEL_TYPES: &[&str] = &[#( #names ),*];

        impl Record {
            /// The record's `jsonmodel_type`.
            pub fn jsonmodel_type(&self) -> &'static str {
                match self {
                    #( Self::#variants(_) => #names, )*
                }
            }

            /// Decodes a record of the type named `jsonmodel_type` from any
            /// deserializer; `Ok(None)` when no record type has that name.
            ///
            /// Wrap the deserializer in `serde_path_to_error` to learn where
            /// decoding failed.
            pub fn deserialize_as<'de, D: ::serde::Deserializer<'de>>(
                jsonmodel_type: &str,
                deserializer: D,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                ::std::result::Result::Ok(::std::option::Option::Some(match jsonmodel_type {
                    #( #names => Self::#variants(::serde::Deserialize::deserialize(deserializer)?), )*
                    _ => return ::std::result::Result::Ok(::std::option::Option::None),
                }))
            }
        }

        impl ::serde::Serialize for Record {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( Self::#variants(record) => record.serialize(serializer), )*
                }
            }
        }

        /// Decodes like [`decode_record`]; the error message carries the path
        /// of the value that did not decode.
        impl<'de> ::serde::Deserialize<'de> for Record {
            /// Reads the `jsonmodel_type` from the buffered text, then decodes
            /// the record straight from it (no `Value` in between).
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let fail = |error: crate::jsonmodel::DecodeError| <D::Error as ::serde::de::Error>::custom(error);
                let raw = crate::jsonmodel::buffer(deserializer)?;
                let ::std::option::Option::Some(type_name) = crate::jsonmodel::jsonmodel_type_in::<D::Error>(&raw)? else {
                    return ::std::result::Result::Err(fail(crate::jsonmodel::DecodeError {
                        path: ".".into(),
                        message: "the value has no `jsonmodel_type`".into(),
                    }));
                };
                let mut track = ::serde_path_to_error::Track::new();
                let mut json = ::serde_json::Deserializer::from_str(raw.get());
                let deserializer = ::serde_path_to_error::Deserializer::new(&mut json, &mut track);
                match Record::deserialize_as(&type_name, deserializer) {
                    ::std::result::Result::Ok(::std::option::Option::Some(record)) => ::std::result::Result::Ok(record),
                    ::std::result::Result::Ok(::std::option::Option::None) => ::std::result::Result::Err(fail(crate::jsonmodel::DecodeError {
                        path: "jsonmodel_type".into(),
                        message: format!("no record type is named `{type_name}`"),
                    })),
                    ::std::result::Result::Err(error) => ::std::result::Result::Err(fail(crate::jsonmodel::DecodeError {
                        path: track.path().to_string(),
                        message: error.to_string(),
                    })),
                }
            }
        }

        /// Decodes a record into the type named by its `jsonmodel_type`.
        ///
        /// The error names the JSON path of the value that did not decode.
        ///
        /// It is `#[inline]` so that its code, which instantiates the decoder
        /// of every record type, is generated only in crates that call it:
        /// building this crate stays fast.
        #[inline]
        pub fn decode_record(value: ::serde_json::Value) -> ::std::result::Result<Record, crate::jsonmodel::DecodeError> {
            let Some(type_name) = crate::jsonmodel::jsonmodel_type_of(&value).map(str::to_owned) else {
                return ::std::result::Result::Err(crate::jsonmodel::DecodeError {
                    path: ".".into(),
                    message: "the value has no `jsonmodel_type`".into(),
                });
            };
            let mut track = ::serde_path_to_error::Track::new();
            let deserializer = ::serde_path_to_error::Deserializer::new(value, &mut track);
            match Record::deserialize_as(&type_name, deserializer) {
                ::std::result::Result::Ok(::std::option::Option::Some(record)) => ::std::result::Result::Ok(record),
                ::std::result::Result::Ok(::std::option::Option::None) => ::std::result::Result::Err(crate::jsonmodel::DecodeError {
                    path: "jsonmodel_type".into(),
                    message: format!("no record type is named `{type_name}`"),
                }),
                ::std::result::Result::Err(error) => ::std::result::Result::Err(crate::jsonmodel::DecodeError {
                    path: track.path().to_string(),
                    message: error.to_string(),
                }),
            }
        }
    }
}
