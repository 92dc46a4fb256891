//! Searching: `/search` and `/repositories/:repo_id/search`, each hit's
//! `json` string decoded into a generated record type.

use std::fmt;
use std::marker::PhantomData;

use archivesspace_api::request::{Body, Method, Page, PaginatedRequest, Query, Request};
use archivesspace_api::requests::{repositories, search};
use archivesspace_api::{AdvancedQuery, Record};
use futures::future::Either;
use futures::stream::Stream;
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::client::decode_value;
use crate::{Client, Error, Paging};

/// A search, built from the generated request of one of the two routes,
/// whose parameters it sets: `GET /search` (every repository; the
/// `view_all_records` permission) or `GET /repositories/:repo_id/search`.
///
/// ```
/// use archivesspace::Search;
///
/// let search = Search::repository(2)
///     .query("correspondence")
///     .record_type("archival_object")
///     .filter_term("level", "file")
///     .facet("subjects");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    route: Route,
    /// Kept here rather than in the generated request, whose field exists
    /// only in releases whose routes declare `filter_query` (v3.0 and
    /// later; not v2.8).
    filter_queries: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Route {
    All(search::Get),
    Repository(repositories::Search),
}

/// Runs `$body` with `$r` bound to whichever generated request the search
/// holds: both have the same parameter fields.
macro_rules! with_params {
    ($route:expr, $r:ident => $body:expr) => {
        match $route {
            Route::All($r) => $body,
            Route::Repository($r) => $body,
        }
    };
}

impl From<search::Get> for Search {
    fn from(request: search::Get) -> Self {
        Search {
            route: Route::All(request),
            filter_queries: Vec::new(),
        }
    }
}

impl From<repositories::Search> for Search {
    fn from(request: repositories::Search) -> Self {
        Search {
            route: Route::Repository(request),
            filter_queries: Vec::new(),
        }
    }
}

impl Search {
    /// A search of every repository (`/search`).
    pub fn all() -> Self {
        search::Get::new().into()
    }

    /// A search of one repository (`/repositories/:repo_id/search`).
    pub fn repository(repo_id: i64) -> Self {
        repositories::Search::new(repo_id).into()
    }

    /// The query string (`q`, Lucene syntax); without one every record
    /// matches.
    pub fn query(mut self, q: impl Into<String>) -> Self {
        let q = q.into();
        with_params!(&mut self.route, r => r.q = Some(q));
        self
    }

    /// Adds a record type to search (`type[]`, such as `accession`); without
    /// any, all types.
    pub fn record_type(mut self, jsonmodel_type: impl Into<String>) -> Self {
        let t = jsonmodel_type.into();
        with_params!(&mut self.route, r => r.type_.push(t));
        self
    }

    /// Adds a filter query (`filter_query[]`), in Solr's syntax, that every
    /// hit must match.
    ///
    /// Releases whose search routes take no `filter_query` (v2.8) answer
    /// such a search with [`Error::Unsupported`], before anything is sent.
    pub fn filter_query(mut self, query: impl Into<String>) -> Self {
        self.filter_queries.push(query.into());
        self
    }

    /// Keeps only hits whose index `field` holds `value` exactly: the
    /// staff interface's `filter_term[]`, which the backend takes as the
    /// filter query `field:"value"` (quotes and backslashes escaped).
    pub fn filter_term(self, field: &str, value: &str) -> Self {
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        self.filter_query(format!("{field}:\"{escaped}\""))
    }

    /// Filters by an advanced query (`filter`).
    pub fn filter(mut self, query: AdvancedQuery) -> Self {
        with_params!(&mut self.route, r => r.filter = Some(query));
        self
    }

    /// Asks for the counts of `field`'s values among all hits (`facet[]`);
    /// read them with [`SearchPage::facet_counts`].
    pub fn facet(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        with_params!(&mut self.route, r => r.facet.push(field));
        self
    }

    /// Leaves out facet values with fewer hits (`facet_mincount`).
    pub fn facet_mincount(mut self, count: i64) -> Self {
        with_params!(&mut self.route, r => r.facet_mincount = Some(count));
        self
    }

    /// The sort order, such as `title_sort asc` (`sort`).
    pub fn sort(mut self, sort: impl Into<String>) -> Self {
        let sort = sort.into();
        with_params!(&mut self.route, r => r.sort = Some(sort));
        self
    }

    /// Searches only within the tree of this resource or digital object URI
    /// (`root_record`).
    pub fn root_record(mut self, uri: impl Into<String>) -> Self {
        let uri = uri.into();
        with_params!(&mut self.route, r => r.root_record = Some(uri));
        self
    }

    /// The page [`Client::search`] fetches (from 1; default 1).
    pub fn page(mut self, page: u64) -> Self {
        with_params!(&mut self.route, r => r.page = page.max(1));
        self
    }

    /// Hits per page (at most 250; the server's default, 10, if unset).
    pub fn page_size(mut self, size: u64) -> Self {
        let size = size.clamp(1, archivesspace_api::request::MAX_PAGE_SIZE);
        with_params!(&mut self.route, r => r.page_size = Some(size));
        self
    }

    fn requested_page_size(&self) -> Option<u64> {
        with_params!(&self.route, r => r.page_size)
    }
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(bound(deserialize = "T: DeserializeOwned", serialize = "T: Serialize"))]
pub struct SearchPage<T = Record> {
    /// Always 1.
    pub first_page: u64,
    /// The last page number; 0 when nothing matched.
    pub last_page: u64,
    /// This page's number.
    pub this_page: u64,
    /// How many records matched in all.
    pub total_hits: u64,
    /// The hits on this page.
    pub results: Vec<Hit<T>>,
    /// Solr's `facet_counts` (`facet_fields`: field → `[value, count, value,
    /// count, ...]`); see [`SearchPage::facet_counts`].
    #[serde(default)]
    pub facets: Value,
    /// Any other members (`page_size`, `offset_first`, `offset_last`,
    /// `highlighting`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> SearchPage<T> {
    /// The value → count pairs of a facet asked for with [`Search::facet`],
    /// in the server's order (most hits first); empty if there are none.
    pub fn facet_counts(&self, field: &str) -> Vec<(String, u64)> {
        let Some(Value::Array(flat)) = self.facets.get("facet_fields").and_then(|f| f.get(field))
        else {
            return Vec::new();
        };
        flat.chunks(2)
            .filter_map(|pair| match pair {
                [value, count] => Some((
                    match value {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    },
                    count.as_u64()?,
                )),
                _ => None,
            })
            .collect()
    }
}

/// One search hit: the index document, with its `json` member (the record as
/// a string) decoded into `T`.
#[derive(Clone, PartialEq)]
pub struct Hit<T = Record> {
    /// The document id (usually the record's URI).
    pub id: String,
    /// The record's URI.
    pub uri: String,
    /// The record's `jsonmodel_type` (the document's primary type).
    pub jsonmodel_type: String,
    /// The record, decoded from the document's `json` string; `None` when
    /// the document has none (a search limited with `fields`, or a public
    /// interface document).
    pub record: Option<T>,
    /// The document's other index fields (`title`, `types`, facets' fields,
    /// `_resolved_*`, ...).
    pub fields: Map<String, Value>,
}

impl<T: fmt::Debug> fmt::Debug for Hit<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The fields repeat the record's text in a dozen forms; the URI and
        // the record are what a reader needs.
        f.debug_struct("Hit")
            .field("uri", &self.uri)
            .field("jsonmodel_type", &self.jsonmodel_type)
            .field("record", &self.record)
            .finish_non_exhaustive()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Hit<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut fields = Map::<String, Value>::deserialize(deserializer)?;
        let text = |fields: &mut Map<String, Value>, key: &str| match fields.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let id = text(&mut fields, "id").unwrap_or_default();
        let uri = text(&mut fields, "uri").unwrap_or_else(|| id.clone());
        let jsonmodel_type = match fields.get("jsonmodel_type").or(fields.get("primary_type")) {
            Some(Value::String(s)) => s.clone(),
            _ => String::new(),
        };
        fields.remove("jsonmodel_type");
        let record = match fields.remove("json") {
            Some(Value::String(json)) => {
                let mut json = serde_json::Deserializer::from_str(&json);
                let record = serde_path_to_error::deserialize(&mut json).map_err(|e| {
                    de::Error::custom(format_args!(
                        "the `json` of {uri}, at {}: {}",
                        e.path(),
                        e.inner()
                    ))
                })?;
                Some(record)
            }
            Some(Value::Null) | None => None,
            Some(_) => return Err(de::Error::custom("`json` is not a string")),
        };
        Ok(Hit {
            id,
            uri,
            jsonmodel_type,
            record,
            fields,
        })
    }
}

impl<T: Serialize> Serialize for Hit<T> {
    /// Writes the document back as the server sent it, `json` as a string.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut document = self.fields.clone();
        document.insert("id".into(), Value::String(self.id.clone()));
        document.insert("uri".into(), Value::String(self.uri.clone()));
        document.insert(
            "jsonmodel_type".into(),
            Value::String(self.jsonmodel_type.clone()),
        );
        if let Some(record) = &self.record {
            let json = serde_json::to_string(record).map_err(serde::ser::Error::custom)?;
            document.insert("json".into(), Value::String(json));
        }
        document.serialize(serializer)
    }
}

/// The generated search requests, as pages of hits for
/// [`Client::paginate_with`].
trait SearchRoute: Request + Clone + Send + Sync + 'static {
    fn set_page(&mut self, page: u64, page_size: u64);
}

impl SearchRoute for search::Get {
    fn set_page(&mut self, page: u64, page_size: u64) {
        self.page = page;
        self.page_size = Some(page_size);
    }
}

impl SearchRoute for repositories::Search {
    fn set_page(&mut self, page: u64, page_size: u64) {
        self.page = page;
        self.page_size = Some(page_size);
    }
}

/// A generated search request with the search's filter queries, whose
/// response is read as `T` (the generated `Value`, or a page of hits).
struct Hits<R, T> {
    route: R,
    filter_queries: Vec<String>,
    item: PhantomData<fn() -> T>,
}

impl<R: Request, T> Hits<R, T> {
    /// The request, if the route takes what the search asks for.
    fn new(route: R, filter_queries: Vec<String>) -> Result<Self, Error> {
        if !filter_queries.is_empty() && !R::QUERY_PARAMS.contains(&"filter_query") {
            return Err(Error::Unsupported {
                feature: format!("filter_query[] on {}", R::URI_TEMPLATE),
                release: archivesspace_api::ARCHIVESSPACE_VERSION,
            });
        }
        Ok(Hits {
            route,
            filter_queries,
            item: PhantomData,
        })
    }
}

impl<R: Clone, T> Clone for Hits<R, T> {
    fn clone(&self) -> Self {
        Hits {
            route: self.route.clone(),
            filter_queries: self.filter_queries.clone(),
            item: PhantomData,
        }
    }
}

impl<R: Request, T: DeserializeOwned> Request for Hits<R, T> {
    type Response = T;
    const METHOD: Method = R::METHOD;
    const URI_TEMPLATE: &'static str = R::URI_TEMPLATE;
    const QUERY_PARAMS: &'static [&'static str] = R::QUERY_PARAMS;

    fn path(&self) -> String {
        self.route.path()
    }

    fn query(&self) -> Query {
        let mut query = self.route.query();
        query.push_array("filter_query", &self.filter_queries);
        query
    }

    fn body(&self) -> Result<Option<Body>, serde_json::Error> {
        self.route.body()
    }
}

impl<R: SearchRoute, T: DeserializeOwned> PaginatedRequest for Hits<R, Page<Hit<T>>> {
    type Item = Hit<T>;

    fn set_page(&mut self, page: u64, page_size: u64) {
        self.route.set_page(page, page_size);
    }

    /// Searches select by their query; ArchivesSpace's search reads no
    /// `modified_since` (filter on `system_mtime` in the query instead).
    fn set_modified_since(&mut self, _since: Option<u64>) {}
}

impl Client {
    /// One page of a search (the one set with [`Search::page`], else the
    /// first), each hit's record decoded into `T`: [`Record`] (the default
    /// when annotated as `SearchPage`) picks the type by `jsonmodel_type`;
    /// a generated type such as `Accession` suits a search of one
    /// [`Search::record_type`]; `serde_json::Value` keeps records as sent.
    ///
    /// Takes a [`Search`] or either generated search request.
    pub async fn search<T: DeserializeOwned>(
        &self,
        search: impl Into<Search>,
    ) -> Result<SearchPage<T>, Error> {
        let search = search.into();
        // The generated requests answer `serde_json::Value`: decoded here a
        // second time, into the page type, with the path of any mismatch.
        let filter_queries = search.filter_queries;
        let (path, document) = with_params!(search.route, r => {
            let request: Hits<_, Value> = Hits::new(r, filter_queries)?;
            (request.path(), self.send(&request).await?)
        });
        decode_value(Method::Get, &path, document)
    }

    /// Every hit of a search, page after page ([`Paging`]'s defaults, or the
    /// search's own page size), as a stream; see [`Client::search`] for `T`.
    ///
    /// Pages are numbered from 1 whatever [`Search::page`] says. Like any
    /// paging of a live index, records indexed or deleted meanwhile shift the
    /// pages, so a hit can be missed or seen twice.
    pub fn search_all<T>(
        &self,
        search: impl Into<Search>,
    ) -> impl Stream<Item = Result<Hit<T>, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        let search = search.into();
        let mut paging = Paging::default();
        if let Some(size) = search.requested_page_size() {
            paging = paging.with_page_size(size);
        }
        self.search_all_with(search, paging)
    }

    /// [`Client::search_all`] with explicit page size and concurrency.
    pub fn search_all_with<T>(
        &self,
        search: impl Into<Search>,
        paging: Paging,
    ) -> impl Stream<Item = Result<Hit<T>, Error>> + Send + 'static
    where
        T: DeserializeOwned + Send + 'static,
    {
        let search = search.into();
        let refused = |e: Error| Either::Right(futures::stream::once(async move { Err(e) }));
        match search.route {
            Route::All(route) => match Hits::new(route, search.filter_queries) {
                Ok(hits) => Either::Left(Either::Left(self.paginate_with(hits, paging))),
                Err(e) => refused(e),
            },
            Route::Repository(route) => match Hits::new(route, search.filter_queries) {
                Ok(hits) => Either::Left(Either::Right(self.paginate_with(hits, paging))),
                Err(e) => refused(e),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_sets_the_generated_parameters() {
        let search = Search::repository(2)
            .query("letters")
            .record_type("accession")
            .record_type("resource")
            .filter_term("level", "a \"b\"")
            .facet("subjects")
            .page_size(1000);
        let Route::Repository(route) = search.route else {
            panic!("a repository search");
        };
        let request: Hits<_, Value> = match Hits::new(route, search.filter_queries) {
            Ok(request) => request,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(request.path(), "/repositories/2/search");
        let query = request.query();
        let pairs: Vec<(&str, &str)> = query.pairs().collect();
        for pair in [
            ("q", "letters"),
            ("type[]", "accession"),
            ("type[]", "resource"),
            ("filter_query[]", "level:\"a \\\"b\\\"\""),
            ("facet[]", "subjects"),
            ("page", "1"),
            ("page_size", "250"),
        ] {
            assert!(pairs.contains(&pair), "{pair:?} in {pairs:?}");
        }
    }

    #[test]
    fn hits_decode_the_json_string() -> Result<(), serde_json::Error> {
        let page: SearchPage = serde_json::from_value(serde_json::json!({
            "page_size": 10, "first_page": 1, "last_page": 1, "this_page": 1,
            "offset_first": 1, "offset_last": 1, "total_hits": 1,
            "results": [{
                "id": "/repositories/2/accessions/5",
                "uri": "/repositories/2/accessions/5",
                "title": "Gift",
                "primary_type": "accession",
                "jsonmodel_type": "accession",
                "json": "{\"jsonmodel_type\":\"accession\",\"title\":\"Gift\",\"x_local\":1}"
            }],
            "facets": {"facet_fields": {"level": ["file", 3, "item", 1]}}
        }))?;
        assert_eq!(
            page.facet_counts("level"),
            [("file".into(), 3), ("item".into(), 1)]
        );
        let hit = &page.results[0];
        assert_eq!(hit.jsonmodel_type, "accession");
        match &hit.record {
            Some(Record::Accession(accession)) => {
                assert_eq!(accession.title.as_deref(), Some("Gift"));
                assert_eq!(accession.extra["x_local"], 1);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(hit.fields["title"], "Gift");
        assert_eq!(page.extra["offset_last"], 1);
        Ok(())
    }
}
