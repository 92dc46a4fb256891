//! `#[derive(Fields)]`: the lossless field I/O of a generated JSONModel
//! struct, from the struct alone.
//!
//! Used through `archivesspace_core::jsonmodel::Fields` (the derive and the
//! trait share the name, as serde's do). The struct has named fields; two
//! of them are the derive's own: `extra` (a `serde_json::Map` of the keys
//! the schema does not declare) and `_presence` (the wire details:
//! explicit `null`s, empty lists, the `jsonmodel_type` as written). Every
//! other field is one JSON key, named like the field unless
//! `#[fields(rename = "key")]` says otherwise, read and written in
//! declaration order.
//!
//! On the struct, `#[fields(expecting = "...")]` (required) is what
//! decoding says it expected, and `#[fields(jsonmodel_type = "...")]` marks
//! a record type: its `jsonmodel_type` key is checked and written back.
//!
//! The expansion implements `jsonmodel::Fields` (a key's index among the
//! declared keys, reading and writing a field by index), `serde::Serialize`
//! and `serde::Deserialize` through `archivesspace_core`'s `read_field`,
//! `write_field`, `serialize_fields` and `deserialize_fields`: the same
//! code for every record, written once.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields as SynFields, LitStr};

/// Derives `Fields`, `Serialize` and `Deserialize`; see the crate docs.
#[proc_macro_derive(Fields, attributes(fields))]
pub fn derive_fields(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// What the struct's `#[fields(...)]` says.
struct StructOptions {
    expecting: LitStr,
    jsonmodel_type: Option<LitStr>,
}

fn struct_options(input: &DeriveInput) -> syn::Result<StructOptions> {
    let mut expecting = None;
    let mut jsonmodel_type = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("fields")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("expecting") {
                expecting = Some(meta.value()?.parse::<LitStr>()?);
            } else if meta.path.is_ident("jsonmodel_type") {
                jsonmodel_type = Some(meta.value()?.parse::<LitStr>()?);
            } else {
                return Err(meta.error("expected `expecting` or `jsonmodel_type`"));
            }
            Ok(())
        })?;
    }
    let expecting = expecting.ok_or_else(|| {
        syn::Error::new_spanned(
            &input.ident,
            "`#[derive(Fields)]` needs `#[fields(expecting = \"...\")]`",
        )
    })?;
    Ok(StructOptions {
        expecting,
        jsonmodel_type,
    })
}

/// The JSON key of a field: its `rename`, else its name.
fn key_of(field: &syn::Field, ident: &syn::Ident) -> syn::Result<LitStr> {
    let mut key = None;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("fields")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                key = Some(meta.value()?.parse::<LitStr>()?);
                Ok(())
            } else {
                Err(meta.error("expected `rename`"))
            }
        })?;
    }
    Ok(key.unwrap_or_else(|| LitStr::new(&ident.to_string(), ident.span())))
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let name = &input.ident;
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            name,
            "`#[derive(Fields)]` is for structs",
        ));
    };
    let SynFields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(
            name,
            "`#[derive(Fields)]` needs named fields",
        ));
    };
    let options = struct_options(input)?;
    let (mut has_extra, mut has_presence) = (false, false);
    let mut idents = Vec::new();
    let mut keys = Vec::new();
    for field in &named.named {
        let Some(ident) = &field.ident else {
            continue;
        };
        if ident == "extra" {
            has_extra = true;
        } else if ident == "_presence" {
            has_presence = true;
        } else {
            keys.push(key_of(field, ident)?);
            idents.push(ident);
        }
    }
    if !has_extra || !has_presence {
        return Err(syn::Error::new_spanned(
            name,
            "`#[derive(Fields)]` needs the fields `extra` (the undeclared keys) and `_presence`",
        ));
    }

    let indices: Vec<usize> = (0..keys.len()).collect();
    let core = quote!(::archivesspace_core);
    let serde = quote!(#core::__private::serde);
    let json = quote!(#core::__private::serde_json);
    let expecting = &options.expecting;
    let jsonmodel_type = match &options.jsonmodel_type {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    };
    Ok(quote! {
        impl #core::jsonmodel::Fields for #name {
            const EXPECTING: &'static str = #expecting;
            const JSONMODEL_TYPE: ::core::option::Option<&'static str> = #jsonmodel_type;

            fn presence(&self) -> &#core::jsonmodel::Presence {
                &self._presence
            }

            fn presence_mut(&mut self) -> &mut #core::jsonmodel::Presence {
                &mut self._presence
            }

            fn extra(&self) -> &#json::Map<::std::string::String, #json::Value> {
                &self.extra
            }

            fn extra_mut(&mut self) -> &mut #json::Map<::std::string::String, #json::Value> {
                &mut self.extra
            }

            #[inline]
            fn field_index(key: &str) -> ::core::option::Option<usize> {
                // One match on the key's text for each key read; the
                // compiler sorts the arms by length before comparing bytes.
                match key {
                    #( #keys => ::core::option::Option::Some(#indices), )*
                    _ => ::core::option::Option::None,
                }
            }

            fn read<'de, A: #serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> ::core::result::Result<(), A::Error> {
                match index {
                    #( #indices => #core::jsonmodel::read_field(
                        map, &mut self._presence, #keys, &mut self.#idents,
                    ), )*
                    _ => {
                        let _ = map;
                        ::core::result::Result::Err(<A::Error as #serde::de::Error>::custom(
                            #core::jsonmodel::NO_SUCH_FIELD,
                        ))
                    }
                }
            }

            fn write<M: #serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> ::core::result::Result<(), M::Error> {
                #( #core::jsonmodel::write_field(map, &self._presence, #keys, &self.#idents)?; )*
                let _ = map;
                ::core::result::Result::Ok(())
            }
        }

        impl #serde::Serialize for #name {
            fn serialize<S: #serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                #core::jsonmodel::serialize_fields(self, serializer)
            }
        }

        impl<'de> #serde::Deserialize<'de> for #name {
            fn deserialize<D: #serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #core::jsonmodel::deserialize_fields(deserializer)
            }
        }
    })
}
