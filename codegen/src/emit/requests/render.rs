//! One request type as Rust: the struct, `new`, and the `Request` (and
//! `PaginatedRequest`) impls, with docs.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::routes::{
    Field, Location, Note, PagingParam, Response, ResponseNote, Scalar, Spec, TreeAnswer,
    MAX_PAGE_SIZE,
};
use crate::ir::route::{Method, Paging, PathPiece};

/// Clippy's `too_many_arguments` threshold; `new` with more arguments says
/// why it has them.
const MAX_ARGUMENTS: usize = 7;

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A type path from a `::`-separated string the generator built itself.
fn path_tokens(path: &str) -> Result<TokenStream, String> {
    syn::parse_str::<syn::Type>(path)
        .map(|t| quote!(#t))
        .map_err(|e| format!("`{path}` is not a Rust type: {e}"))
}

/// Free text from ArchivesSpace as one line of Markdown that renders as
/// written: whitespace collapsed, and the characters that would start
/// emphasis, links, HTML, headings or code escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // A bare URL becomes an autolink, which rustdoc wants.
        let is_url = (word.starts_with("http://") || word.starts_with("https://"))
            && !word.contains(['<', '>']);
        if is_url {
            let url = word.trim_end_matches(['.', ',', ';', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&word[url.len()..]);
            continue;
        }
        for c in word.chars() {
            if matches!(c, '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '#' | '|') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Text for inside a Markdown code span: whitespace collapsed, backticks
/// (which would end the span) replaced.
pub fn code_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('`', "'")
}

fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

fn scalar_tokens(scalar: &Scalar) -> Result<TokenStream, String> {
    Ok(match scalar {
        Scalar::I64 => quote!(i64),
        Scalar::U64 => quote!(u64),
        Scalar::Bool => quote!(bool),
        Scalar::String => quote!(String),
        Scalar::Record(rust) => path_tokens(&format!("crate::{rust}"))?,
        Scalar::Json => quote!(serde_json::Value),
        Scalar::Bytes => quote!(Vec<u8>),
        Scalar::Upload => quote!(crate::requests::UploadFile),
        Scalar::SortDirection => quote!(crate::requests::SortDirection),
    })
}

fn field_type(field: &Field) -> Result<TokenStream, String> {
    let inner = scalar_tokens(&field.scalar)?;
    Ok(if field.list {
        quote!(Vec<#inner>)
    } else if field.optional {
        quote!(Option<#inner>)
    } else {
        inner
    })
}

/// The response type, as tokens and as a Markdown link for the docs.
fn response_tokens(response: &Response) -> Result<(TokenStream, String), String> {
    let record = |rust: &str| path_tokens(&format!("crate::{rust}"));
    Ok(match response {
        Response::Record(r) => {
            let t = record(r)?;
            (quote!(#t), format!("[`{r}`](crate::{r})"))
        }
        Response::Records(r) => {
            let t = record(r)?;
            (quote!(Vec<#t>), format!("a list of [`{r}`](crate::{r})"))
        }
        Response::Refs(r) => {
            let t = record(r)?;
            (
                quote!(Vec<crate::jsonmodel::Ref<#t>>),
                format!("a list of [references](crate::jsonmodel::Ref) to [`{r}`](crate::{r})"),
            )
        }
        Response::Page(Some(r)) => {
            let t = record(r)?;
            (
                quote!(crate::request::Page<#t>),
                format!("a [`Page`](crate::request::Page) of [`{r}`](crate::{r})"),
            )
        }
        Response::Page(None) => (
            quote!(crate::request::Page<serde_json::Value>),
            "a [`Page`](crate::request::Page) of JSON values".into(),
        ),
        Response::Modified => (
            quote!(crate::requests::Modified),
            "[`Modified`](crate::requests::Modified)".into(),
        ),
        Response::Deleted => (
            quote!(crate::requests::Deleted),
            "[`Deleted`](crate::requests::Deleted)".into(),
        ),
        Response::Suppressed => (
            quote!(crate::requests::Suppressed),
            "[`Suppressed`](crate::requests::Suppressed)".into(),
        ),
        Response::Json => (
            quote!(serde_json::Value),
            "JSON (a `serde_json::Value`)".into(),
        ),
        Response::Tree(TreeAnswer::Root) => (
            quote!(crate::trees::TreeRoot),
            "[`TreeRoot`](crate::trees::TreeRoot)".into(),
        ),
        Response::Tree(TreeAnswer::Node) => (
            quote!(crate::trees::TreeNode),
            "[`TreeNode`](crate::trees::TreeNode)".into(),
        ),
        Response::Tree(TreeAnswer::Waypoint) => (
            quote!(Vec<crate::trees::TreeChild>),
            "a list of [`TreeChild`](crate::trees::TreeChild)".into(),
        ),
        Response::Tree(TreeAnswer::Paths) => (
            quote!(crate::trees::TreePaths),
            "[`TreePaths`](crate::trees::TreePaths) (node id → steps from the root)".into(),
        ),
        Response::Raw => (
            quote!(crate::requests::RawResponse),
            "the body as sent, not JSON ([`RawResponse`](crate::requests::RawResponse))".into(),
        ),
    })
}

/// The one-line summary of a route: its description, or a stand-in.
pub fn summary(spec: &Spec) -> String {
    match spec.route.description.as_deref().map(escape) {
        Some(d) if !d.is_empty() => d,
        _ => "ArchivesSpace gives no description.".to_owned(),
    }
}

fn struct_docs(spec: &Spec, response_link: &str) -> Vec<String> {
    let route = &spec.route;
    let mut doc = vec![
        summary(spec),
        String::new(),
        format!("`{} {}`", route.method, code_text(&route.path.to_string())),
        String::new(),
    ];
    if route.permissions.is_empty() {
        doc.push("Permissions: none declared.".to_owned());
    } else {
        let list: Vec<String> = route
            .permissions
            .iter()
            .map(|p| format!("`{}`", code_text(p)))
            .collect();
        doc.push(format!("Permissions: {}.", list.join(", ")));
    }
    doc.push(String::new());
    doc.push(format!("Responds with {response_link}."));
    doc.extend(spec.response_notes.iter().map(response_note));
    match spec.pages {
        Paging::Paginated => {
            doc.push(String::new());
            doc.push(
                "A paginated listing: it fetches one page (`page`, `page_size`); as a \
                 [`PaginatedRequest`](crate::request::PaginatedRequest), \
                 `.all_ids()` asks for every id instead (`all_ids=true`) and \
                 `.by_ids(&ids)` for the records with those ids (`id_set`), which is \
                 how the runtime streams whole listings."
                    .to_owned(),
            );
        }
        Paging::Paged => {
            doc.push(String::new());
            doc.push("A paged route: it fetches one page (`page`, `page_size`).".to_owned());
        }
        Paging::None => {}
    }
    let others: Vec<String> = route
        .returns
        .iter()
        .filter(|r| r.status != 200)
        .map(|r| {
            let (status, text) = (r.status, escape(&r.text));
            if text.is_empty() {
                format!("`{status}`")
            } else {
                format!("`{status}` {text}")
            }
        })
        .collect();
    if !others.is_empty() {
        doc.push(String::new());
        doc.push(format!("Other declared answers: {}.", others.join("; ")));
    }
    // Each parameter is documented once, on its field.
    doc.push(String::new());
    doc.push(format!(
        "Declared at `{}` in ArchivesSpace's sources.",
        code_text(&route.source)
    ));
    doc
}

/// A response note as one paragraph of Markdown.
fn response_note(note: &ResponseNote) -> String {
    match note {
        ResponseNote::Corrected { declared, why } => {
            format!(
                "ArchivesSpace declares `{}`, but {why}.",
                code_text(declared)
            )
        }
        ResponseNote::FileBytes { declared } => format!(
            "The URI names a file, so the route answers with the file's bytes{}.",
            declared
                .as_deref()
                .map(|d| format!(" (ArchivesSpace declares `{}`)", code_text(d)))
                .unwrap_or_default()
        ),
        ResponseNote::TreeShape { declared } => format!(
            "The answer has the shape of ArchivesSpace's `LargeTree`, which no schema \
             describes{}.",
            declared
                .as_deref()
                .map(|d| format!("; ArchivesSpace declares: {}", escape(d)))
                .unwrap_or_default()
        ),
        ResponseNote::Declared(text) => {
            let short = code_text(text);
            if short.len() <= 100 {
                format!("ArchivesSpace declares `{short}`.")
            } else {
                format!("ArchivesSpace declares: {}", escape(text))
            }
        }
    }
}

/// What a paging parameter does, for the fields the generator adds.
fn paging_summary(wire: &str) -> String {
    match wire {
        "page" => "The page to fetch, from 1 (`new` sets 1; 0 is sent as 1).".to_owned(),
        "page_size" => format!(
            "Records per page; the server's default when `None` (10 unless configured). \
             Clamped to 1..={MAX_PAGE_SIZE}, the most ArchivesSpace serves."
        ),
        "modified_since" => {
            "Only records modified at or after this time (seconds since the Unix epoch).".to_owned()
        }
        "sort_field" => {
            "The database column to sort by; the server sorts by `id` when `None`.".to_owned()
        }
        "sort_direction" => "The sort order; ascending when `None`.".to_owned(),
        "resolve" => "References to resolve and embed in each record.".to_owned(),
        _ => String::new(),
    }
}

fn note_text(note: &Note) -> String {
    match note {
        Note::NoType => "ArchivesSpace declares no type for it; sent as text.".to_owned(),
        Note::UndeclaredPathParam => "Not declared by the route; part of its path.".to_owned(),
        Note::OptionalPathParam => {
            "Declared optional, but the path cannot do without it.".to_owned()
        }
        Note::UnknownRecord(name) => {
            format!("The record type `{name}` is not in the snapshot; any JSON is sent.")
        }
        Note::UnknownType(text) => format!(
            "The declared type `{}` is not one the generator knows; sent as text.",
            code_text(text)
        ),
        Note::NestedList(text) => format!(
            "ArchivesSpace declares the nested array `{}`; sent as text.",
            code_text(text)
        ),
    }
}

/// A field's docs: the declared doc as its summary, then how it is sent,
/// then what the generator noted; one paragraph each, so rustdoc shows the
/// parameter's own doc as the field's summary.
fn field_docs(f: &Field, pages: Paging) -> Vec<String> {
    let name = f.wire.as_str();
    let mut paragraphs = Vec::new();
    if f.paging.is_some() {
        paragraphs.push(paging_summary(name));
    } else if let Some(text) = f.param.as_ref().and_then(|p| p.doc.as_deref()) {
        let text = escape(text);
        if !text.is_empty() {
            paragraphs.push(text);
        }
    }
    let list = f.list;
    let mut detail = match f.location {
        Location::Path => format!("Path parameter `:{name}`"),
        Location::Query if list => format!("Query parameter `{name}[]`"),
        Location::Query => format!("Query parameter `{name}`"),
        Location::Form if list => format!("Form field `{name}[]`"),
        Location::Form => format!("Form field `{name}`"),
        Location::Multipart => format!("Multipart field `{name}`"),
        Location::Files if list => format!(
            "Multipart files `{name}[0]`, `{name}[1]`, ... (indexes zero-padded to one width)"
        ),
        Location::Files => format!("Multipart file `{name}`"),
        Location::Body => "The request body".to_owned(),
    };
    if f.paging.is_some() {
        detail.push_str(&format!(
            "; added by ArchivesSpace to every {} route.",
            if pages == Paging::Paginated {
                "paginated"
            } else {
                "paged"
            }
        ));
        paragraphs.push(detail);
        return spaced(paragraphs);
    }
    let declared = f
        .param
        .as_ref()
        .and_then(|p| p.ty.as_ref())
        .map_or_else(|| "(none)".to_owned(), ToString::to_string);
    detail.push_str(&format!("; declared type `{}`", code_text(&declared)));
    if matches!(f.scalar, Scalar::Record(_) | Scalar::Json)
        && matches!(
            f.location,
            Location::Query | Location::Form | Location::Multipart
        )
    {
        detail.push_str(", sent as JSON text");
    }
    if f.optional || list {
        detail.push_str(if list {
            "; left out when empty"
        } else {
            "; left out when `None`"
        });
    }
    if let Some(default) = f
        .param
        .as_ref()
        .map(|p| &p.default)
        .filter(|d| !d.is_null())
    {
        detail.push_str(&format!(
            "; the server's default is `{}`",
            code_text(&default.to_string())
        ));
    }
    detail.push('.');
    paragraphs.push(detail);
    paragraphs.extend(f.notes.iter().map(note_text));
    if name == "password" && f.location == Location::Query {
        paragraphs.push(
            "ArchivesSpace reads it from the query on this route (the body is the record), \
             so it is part of the URL: keep such URLs out of logs."
                .to_owned(),
        );
    }
    spaced(paragraphs)
}

/// Paragraphs as doc lines, a blank line between each two.
fn spaced(paragraphs: Vec<String>) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, paragraph) in paragraphs.into_iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.push(paragraph);
    }
    lines
}

/// The struct, `new`, `Default` when `new` takes nothing, and the trait
/// impls of one request.
pub fn request_items(spec: &Spec) -> Result<Vec<TokenStream>, String> {
    let here = spec.route.label();
    let name = ident(&spec.name.name);
    let (response, response_link) = response_tokens(&spec.response)?;

    let mut field_defs = Vec::new();
    for f in &spec.fields {
        let docs = doc_attrs(&field_docs(f, spec.pages));
        let id = ident(&f.ident);
        let ty = field_type(f)?;
        field_defs.push(quote!(#docs pub #id: #ty,));
    }
    let docs = doc_attrs(&struct_docs(spec, &response_link));
    let mut items = vec![quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#field_defs)*
        }
    }];

    // `new`.
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for f in &spec.fields {
        let id = ident(&f.ident);
        if f.required() {
            if f.scalar == Scalar::String && !f.list {
                args.push(quote!(#id: impl Into<String>));
                inits.push(quote!(#id: #id.into()));
            } else {
                let ty = field_type(f)?;
                args.push(quote!(#id: #ty));
                inits.push(quote!(#id));
            }
        } else if f.paging == Some(PagingParam::Page) {
            inits.push(quote!(#id: 1));
        } else if f.list {
            inits.push(quote!(#id: Vec::new()));
        } else {
            inits.push(quote!(#id: None));
        }
    }
    let allow = (args.len() > MAX_ARGUMENTS).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required parameter")])
    });
    let new_doc = if args.is_empty() {
        " A request with every optional parameter left out."
    } else {
        " A request with the required parameters; the optional ones are left out."
    };
    items.push(quote! {
        impl #name {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }
    });
    if args.is_empty() {
        items.push(quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        });
    }

    // `Request`.
    let method = match spec.route.method {
        Method::Get => quote!(crate::request::Method::Get),
        Method::Post => quote!(crate::request::Method::Post),
        Method::Delete => quote!(crate::request::Method::Delete),
        other => return Err(format!("{here}: no `Method` for `{other}`")),
    };
    let uri = spec.route.path.to_string();
    let format = if spec.response == Response::Raw {
        Some(quote!(
            const RESPONSE_FORMAT: crate::request::ResponseFormat =
                crate::request::ResponseFormat::Raw;
        ))
    } else {
        None
    };
    let path = path_fn(spec)?;
    let query = query_fn(spec)?;
    let body = body_fn(spec)?;
    let validate = validate_fn(spec);
    let query_names: Vec<&str> = spec
        .fields
        .iter()
        .filter(|f| f.location == Location::Query)
        .map(|f| f.wire.as_str())
        .collect();
    let query_params = (!query_names.is_empty()).then(|| {
        quote! { const QUERY_PARAMS: &'static [&'static str] = &[#(#query_names),*]; }
    });
    items.push(quote! {
        impl crate::request::Request for #name {
            type Response = #response;
            const METHOD: crate::request::Method = #method;
            const URI_TEMPLATE: &'static str = #uri;
            #query_params
            const RELEASE: ::std::option::Option<&'static str> =
                ::std::option::Option::Some(crate::ARCHIVESSPACE_VERSION);
            #format
            #path
            #query
            #body
            #validate
        }
    });

    if spec.pages == Paging::Paginated {
        let has = |paging: PagingParam, scalar: Scalar, optional: bool| {
            spec.fields.iter().any(|f| {
                f.paging == Some(paging) && f.scalar == scalar && f.optional == optional && !f.list
            })
        };
        if !has(PagingParam::Page, Scalar::U64, false)
            || !has(PagingParam::PageSize, Scalar::U64, true)
        {
            return Err(format!(
                "{here}: the route declares `page` or `page_size` itself, so it cannot be paged \
                 like other listings"
            ));
        }
        let item = match &spec.response {
            Response::Page(Some(r)) => path_tokens(&format!("crate::{r}"))?,
            Response::Page(None) => quote!(serde_json::Value),
            _ => return Err(format!("{here}: a paginated route must answer a page")),
        };
        let since = spec
            .fields
            .iter()
            .find(|f| f.wire == "modified_since" && f.location != Location::Path && !f.list);
        let set_since = match since {
            Some(f) if f.optional && f.scalar == Scalar::U64 => {
                let id = ident(&f.ident);
                quote!(self.#id = since;)
            }
            Some(f) if f.optional && f.scalar == Scalar::I64 => {
                let id = ident(&f.ident);
                quote!(self.#id = since.map(|s| i64::try_from(s).unwrap_or(i64::MAX));)
            }
            _ => {
                return Err(format!(
                    "{here}: a paginated route needs an optional integer `modified_since`"
                ))
            }
        };
        items.push(quote! {
            impl crate::request::PaginatedRequest for #name {
                type Item = #item;

                fn set_page(&mut self, page: u64, page_size: u64) {
                    self.page = page;
                    self.page_size = Some(page_size.clamp(1, crate::request::MAX_PAGE_SIZE));
                }

                fn set_modified_since(&mut self, since: Option<u64>) {
                    #set_since
                }
            }
        });
    }
    Ok(items)
}

fn field_by_wire<'a>(spec: &'a Spec, wire: &str) -> Result<&'a Field, String> {
    spec.fields
        .iter()
        .find(|f| f.wire == wire && f.location == Location::Path)
        .ok_or_else(|| format!("{}: no field for `:{wire}`", spec.route.path))
}

fn path_fn(spec: &Spec) -> Result<TokenStream, String> {
    let mut template = String::new();
    let mut args = Vec::new();
    // Encoded text parameters are bound first and named inline in the
    // template, which reads better than calls inside `format!`.
    let mut bindings = Vec::new();
    for segment in spec.route.path.segments() {
        template.push('/');
        for piece in segment {
            match piece {
                PathPiece::Literal(text) => {
                    template.push_str(&text.replace('{', "{{").replace('}', "}}"))
                }
                PathPiece::Param(_) | PathPiece::Splat => {
                    let p = piece.param_name().unwrap_or_default();
                    let field = field_by_wire(spec, p)?;
                    let id = ident(&field.ident);
                    if field.scalar == Scalar::String {
                        let encode = if p == "splat" {
                            quote!(crate::requests::encode_splat)
                        } else {
                            quote!(crate::requests::encode_segment)
                        };
                        if !bindings.iter().any(|(name, _)| *name == field.ident) {
                            bindings
                                .push((field.ident.clone(), quote!(let #id = #encode(&self.#id);)));
                        }
                        template.push_str(&format!("{{{}}}", field.ident));
                    } else {
                        template.push_str("{}");
                        args.push(quote!(self.#id));
                    }
                }
            }
        }
    }
    if template.is_empty() {
        template.push('/');
    }
    let bindings = bindings.into_iter().map(|(_, tokens)| tokens);
    Ok(if args.is_empty() && !template.contains('{') {
        quote! {
            fn path(&self) -> String {
                #template.to_owned()
            }
        }
    } else if args.is_empty() && !template.contains("{{") && !template.contains("}}") {
        quote! {
            fn path(&self) -> String {
                #(#bindings)*
                format!(#template)
            }
        }
    } else {
        quote! {
            fn path(&self) -> String {
                #(#bindings)*
                format!(#template, #(#args),*)
            }
        }
    })
}

/// Statements appending `fields` to the `Query` named `var`.
fn push_statements(var: &Ident, fields: &[&Field]) -> Result<Vec<TokenStream>, String> {
    let mut out = Vec::new();
    for f in fields {
        let id = ident(&f.ident);
        let wire = f.wire.as_str();
        let json = matches!(f.scalar, Scalar::Record(_) | Scalar::Json);
        out.push(match (f.paging, f.list, f.optional, json) {
            (Some(PagingParam::Page), _, _, _) => quote!(#var.push(#wire, self.#id.max(1));),
            (Some(PagingParam::PageSize), _, _, _) => quote! {
                #var.push_opt(
                    #wire,
                    self.#id.map(|size| size.clamp(1, crate::request::MAX_PAGE_SIZE)).as_ref(),
                );
            },
            (_, true, _, true) => {
                let array = format!("{wire}[]");
                quote! {
                    for item in &self.#id {
                        crate::requests::push_json(&mut #var, #array, item);
                    }
                }
            }
            (_, true, _, false) => quote!(#var.push_array(#wire, &self.#id);),
            (_, false, true, true) => quote! {
                if let Some(value) = &self.#id {
                    crate::requests::push_json(&mut #var, #wire, value);
                }
            },
            (_, false, false, true) => {
                quote!(crate::requests::push_json(&mut #var, #wire, &self.#id);)
            }
            (_, false, true, false) => quote!(#var.push_opt(#wire, self.#id.as_ref());),
            (_, false, false, false) if f.scalar == Scalar::String => {
                quote!(#var.push(#wire, &self.#id);)
            }
            (_, false, false, false) => quote!(#var.push(#wire, self.#id);),
        });
    }
    Ok(out)
}

fn query_fn(spec: &Spec) -> Result<Option<TokenStream>, String> {
    let fields: Vec<&Field> = spec
        .fields
        .iter()
        .filter(|f| f.location == Location::Query)
        .collect();
    if fields.is_empty() {
        return Ok(None);
    }
    let var = ident("query");
    let statements = push_statements(&var, &fields)?;
    // `#[inline]` for the same reason as `body`: the pushes are generic.
    Ok(Some(quote! {
        #[inline]
        fn query(&self) -> crate::request::Query {
            let mut query = crate::request::Query::new();
            #(#statements)*
            query
        }
    }))
}

/// `validate_body` for a route whose body is one record.
fn validate_fn(spec: &Spec) -> Option<TokenStream> {
    let field = spec.fields.iter().find(|f| {
        f.location == Location::Body && matches!(f.scalar, Scalar::Record(_)) && !f.list
    })?;
    let id = ident(&field.ident);
    let verdict = if field.optional {
        quote!(self.#id.as_ref().map(|record| crate::validate::Validate::validate_with(record, enums)))
    } else {
        quote!(Some(crate::validate::Validate::validate_with(&self.#id, enums)))
    };
    Some(quote! {
        #[inline]
        fn validate_body(
            &self,
            enums: Option<&crate::validate::Enumerations>,
        ) -> Option<crate::validate::Validation> {
            #verdict
        }
    })
}

fn body_fn(spec: &Spec) -> Result<Option<TokenStream>, String> {
    // JSON sent as text can only fail to encode here, where the error can
    // be returned; see `push_json`.
    let checks: Vec<TokenStream> = spec
        .fields
        .iter()
        .filter(|f| {
            matches!(f.scalar, Scalar::Record(_) | Scalar::Json)
                && matches!(
                    f.location,
                    Location::Query | Location::Form | Location::Multipart
                )
        })
        .map(|f| {
            let id = ident(&f.ident);
            quote!(crate::requests::check_json(&self.#id)?;)
        })
        .collect();
    let body = spec.fields.iter().find(|f| f.location == Location::Body);
    let files = spec.fields.iter().find(|f| f.location == Location::Files);
    let form_fields: Vec<&Field> = spec
        .fields
        .iter()
        .filter(|f| matches!(f.location, Location::Form | Location::Multipart))
        .collect();
    let var = ident("form");
    let result = if let Some(f) = body {
        let id = ident(&f.ident);
        match (&f.scalar, f.list) {
            (Scalar::Record(_) | Scalar::Json, _) | (_, true) => quote! {
                Ok(Some(crate::request::Body::Json(serde_json::to_vec(&self.#id)?)))
            },
            (Scalar::Bytes, false) => {
                quote!(Ok(Some(crate::request::Body::Json(self.#id.clone()))))
            }
            (Scalar::String, false) => {
                quote!(Ok(Some(crate::request::Body::Json(self.#id.clone().into_bytes()))))
            }
            _ => quote!(Ok(Some(crate::request::Body::Json(self.#id.to_string().into_bytes())))),
        }
    } else if let Some(f) = files {
        let statements = push_statements(&var, &form_fields)?;
        let id = ident(&f.ident);
        let wire = f.wire.as_str();
        let (array, slice) = if f.list {
            (true, quote!(&self.#id))
        } else if f.optional {
            (false, quote!(self.#id.as_slice()))
        } else {
            (false, quote!(std::slice::from_ref(&self.#id)))
        };
        let declare = if statements.is_empty() {
            quote!(let form = crate::request::Query::new();)
        } else {
            quote!(let mut form = crate::request::Query::new();)
        };
        quote! {
            #declare
            #(#statements)*
            Ok(Some(crate::requests::multipart(&form, #wire, #array, #slice)))
        }
    } else if !form_fields.is_empty() {
        let statements = push_statements(&var, &form_fields)?;
        quote! {
            let mut form = crate::request::Query::new();
            #(#statements)*
            Ok(crate::requests::form_body(form))
        }
    } else if !checks.is_empty() {
        quote!(Ok(None))
    } else {
        return Ok(None);
    };
    // `#[inline]` defers the body's code to the crate that sends it: encoding
    // a record instantiates its whole `Serialize` for serde_json, which for
    // every route here would make this crate much slower to build.
    Ok(Some(quote! {
        #[inline]
        fn body(&self) -> Result<Option<crate::request::Body>, serde_json::Error> {
            #(#checks)*
            #result
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape("a  *b*\n[c](d) <e>"), r"a \*b\* \[c\](d) \<e\>");
        assert_eq!(escape("#1 `x`"), r"\#1 \`x\`");
        assert_eq!(
            escape("see http://example.org/a_b. Then"),
            "see <http://example.org/a_b>. Then"
        );
        assert_eq!(code_text("a `b`\n c"), "a 'b' c");
    }
}
