//! The parts of a request to ArchivesSpace: the [`Request`] trait every
//! generated request implements and the runtime sends, methods, Rack-encoded
//! queries, bodies, pages of listings and the `all_ids` / `id_set` forms of
//! a listing.
//!
//! The generated crate re-exports this module as its `request` (and the
//! runtime as `archivesspace::api::request`).

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::validate::{Enumerations, Validation};

/// The HTTP method of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method's name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    /// Whether repeating the request cannot change the outcome, so that a
    /// failed attempt may be retried without asking the caller.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a request carries in its body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A JSON document (`Content-Type: application/json`).
    Json(Vec<u8>),
    /// Form fields (`application/x-www-form-urlencoded`); used where a
    /// parameter must not appear in the URL, such as the login password.
    Form(Vec<(String, String)>),
    /// Bytes of another media type, such as a `multipart/form-data` upload.
    Raw {
        /// The `Content-Type` header to send.
        content_type: String,
        /// The body.
        bytes: Vec<u8>,
    },
}

/// How a response body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResponseFormat {
    /// A JSON document, decoded into [`Request::Response`].
    Json,
    /// Anything else (XML, CSV, plain text): the bytes are handed as they are
    /// to [`Request::Response`]'s `Deserialize` (as a byte buffer).
    Raw,
}

/// Query parameters, encoded the way Rack parses them.
///
/// Arrays are written as repeated `name[]=value` pairs; everything else is a
/// single `name=value` pair. Optional parameters that are `None` are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `name=value`.
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, value: impl ToString) {
        self.pairs.push((name.into(), value.to_string()));
    }

    /// Appends `name=value` when `value` is `Some`.
    pub fn push_opt<T: ToString>(&mut self, name: impl Into<Cow<'static, str>>, value: Option<&T>) {
        if let Some(value) = value {
            self.push(name, value.to_string());
        }
    }

    /// Appends one `name[]=item` pair per item (Rack's array syntax).
    pub fn push_array<T: ToString>(&mut self, name: &str, items: &[T]) {
        for item in items {
            self.pairs
                .push((Cow::Owned(format!("{name}[]")), item.to_string()));
        }
    }

    /// Removes every pair named `name` (or `name[]`).
    pub fn remove(&mut self, name: &str) {
        self.pairs
            .retain(|(k, _)| k.as_ref() != name && k.strip_suffix("[]") != Some(name));
    }

    /// The pairs in order, not yet percent-encoded.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    /// Whether the query has no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// A request to one ArchivesSpace route.
///
/// Every generated request type implements this trait; the runtime crate's
/// client sends any `Request` and decodes its [`Request::Response`].
pub trait Request {
    /// What a successful response decodes into.
    type Response: DeserializeOwned;

    /// The route's HTTP method.
    const METHOD: Method;

    /// The route's URI template as ArchivesSpace declares it,
    /// e.g. `/repositories/:repo_id/accessions/:id`.
    const URI_TEMPLATE: &'static str;

    /// The query parameters the route declares, by their names on the wire
    /// (without Rack's `[]`), so that code written for several releases can
    /// tell whether this one takes a parameter.
    const QUERY_PARAMS: &'static [&'static str] = &[];

    /// The ArchivesSpace release whose route declarations the request was
    /// generated from (`v4.2.1`); `None` for a request written by hand.
    /// A client names it when the release lacks something asked of it.
    const RELEASE: Option<&'static str> = None;

    /// How the response body is read; JSON unless the route answers with
    /// something else.
    const RESPONSE_FORMAT: ResponseFormat = ResponseFormat::Json;

    /// The path with its parameters filled in, e.g. `/repositories/2/accessions/7`.
    fn path(&self) -> String;

    /// The query parameters.
    fn query(&self) -> Query {
        Query::new()
    }

    /// The body, if the route takes one.
    fn body(&self) -> Result<Option<Body>, serde_json::Error> {
        Ok(None)
    }

    /// The verdict on the record the request sends, as the backend would
    /// give it (see [`crate::validate`]); `None` for a request that sends
    /// no record. Clients call it before sending, when asked to.
    fn validate_body(&self, enums: Option<&Enumerations>) -> Option<Validation> {
        let _ = enums;
        None
    }
}

/// One page of a paginated listing, as ArchivesSpace returns it for `page=N`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The first page number (always 1).
    pub first_page: u64,
    /// The last page number; 0 when the listing is empty.
    pub last_page: u64,
    /// This page's number.
    pub this_page: u64,
    /// How many records the whole listing holds; 0 when the server leaves it
    /// out, as some older ArchivesSpace releases do.
    #[serde(default)]
    pub total: u64,
    /// The records on this page.
    pub results: Vec<T>,
}

/// The largest `page_size` ArchivesSpace honours; larger values are clamped
/// by the server without notice.
pub const MAX_PAGE_SIZE: u64 = 250;

/// A listing route that takes `page` and `page_size`.
pub trait PaginatedRequest: Request<Response = Page<Self::Item>> + Clone {
    /// The record type the listing returns.
    type Item: DeserializeOwned;

    /// Sets the page to fetch and its size (clamped to [`MAX_PAGE_SIZE`]).
    fn set_page(&mut self, page: u64, page_size: u64);

    /// Limits the listing to records modified at or after `since` (seconds
    /// since the Unix epoch, by the server's clock); `None` for all. It
    /// applies to pages, `all_ids` and `id_set` alike.
    fn set_modified_since(&mut self, since: Option<u64>);

    /// The same listing asking for every id (`all_ids=true`) instead of a page.
    fn all_ids(&self) -> AllIds<Self> {
        AllIds(self.clone())
    }

    /// The same listing asking for the records with these ids (`id_set`).
    fn by_ids(&self, ids: &[i64]) -> ByIds<Self> {
        ByIds {
            listing: self.clone(),
            ids: ids.to_vec(),
        }
    }
}

const PAGING_PARAMS: [&str; 4] = ["page", "page_size", "all_ids", "id_set"];

fn listing_query<R: Request>(listing: &R) -> Query {
    let mut query = listing.query();
    for name in PAGING_PARAMS {
        query.remove(name);
    }
    query
}

/// A listing asked for every record id (`all_ids=true`).
#[derive(Debug, Clone)]
pub struct AllIds<R>(pub R);

impl<R: PaginatedRequest> Request for AllIds<R> {
    type Response = Vec<i64>;
    const METHOD: Method = R::METHOD;
    const URI_TEMPLATE: &'static str = R::URI_TEMPLATE;
    const QUERY_PARAMS: &'static [&'static str] = R::QUERY_PARAMS;
    const RELEASE: Option<&'static str> = R::RELEASE;

    fn path(&self) -> String {
        self.0.path()
    }

    fn query(&self) -> Query {
        let mut query = listing_query(&self.0);
        query.push("all_ids", true);
        query
    }
}

/// A listing asked for the records with the given ids (`id_set`).
///
/// The ids go in one comma-separated `id_set` value: Rack keeps only the
/// last of repeated bare keys, so `id_set=1&id_set=2` would ask for id 2 alone.
#[derive(Debug, Clone)]
pub struct ByIds<R> {
    /// The listing the ids belong to.
    pub listing: R,
    /// The ids to fetch (ArchivesSpace accepts at most 250 a request).
    pub ids: Vec<i64>,
}

impl<R: PaginatedRequest> Request for ByIds<R> {
    type Response = Vec<R::Item>;
    const METHOD: Method = R::METHOD;
    const URI_TEMPLATE: &'static str = R::URI_TEMPLATE;
    const QUERY_PARAMS: &'static [&'static str] = R::QUERY_PARAMS;
    const RELEASE: Option<&'static str> = R::RELEASE;

    fn path(&self) -> String {
        self.listing.path()
    }

    fn query(&self) -> Query {
        let mut query = listing_query(&self.listing);
        let ids: Vec<String> = self.ids.iter().map(i64::to_string).collect();
        query.push("id_set", ids.join(","));
        query
    }
}
