//! Searching: `/search` and `/repositories/:repo_id/search`, each hit's
//! `json` string decoded into a record type of the bindings in use.

use std::fmt;
use std::marker::PhantomData;

use archivesspace_core::request::{Method, Page, PaginatedRequest, Query, Request, MAX_PAGE_SIZE};
use futures::future::Either;
use futures::stream::Stream;
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::client::decode_value;
use crate::{Client, Error, Paging};

/// A search of `GET /search` (every repository; the `view_all_records`
/// permission) or `GET /repositories/:repo_id/search`, and its parameters.
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
///
/// Built from a generated search request instead ([`Search::new`]), it
/// starts from what that request sets and knows which parameters the
/// request's release takes: asking for one it lacks (`filter_query` in
/// v2.8) is an [`Error::Unsupported`] naming the release, before anything
/// is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    path: String,
    /// The query of the request the search was built from.
    base: Query,
    /// The parameters the route takes and the release that says so, when
    /// the search was built from a generated request.
    declared: Option<Declared>,
    /// What the builder set, replacing any pair of the same name in `base`.
    params: Query,
    page: u64,
    page_size: Option<u64>,
    /// A `filter` that could not be encoded, reported when sent.
    unencodable: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Declared {
    template: &'static str,
    params: &'static [&'static str],
    release: &'static str,
}

impl Search {
    /// A search of every repository (`/search`).
    pub fn all() -> Self {
        Search::at("/search".to_owned())
    }

    /// A search of one repository (`/repositories/:repo_id/search`).
    pub fn repository(repo_id: i64) -> Self {
        Search::at(format!("/repositories/{repo_id}/search"))
    }

    /// A search starting from a generated search request
    /// (`requests::search::Get`, `requests::repositories::Search` of any
    /// generated crate): its path, the parameters it sets, and the
    /// parameters its release declares, which the builder's are checked
    /// against.
    ///
    /// ```
    /// # #[cfg(feature = "bundled")] {
    /// use archivesspace::requests::repositories;
    /// use archivesspace::Search;
    ///
    /// let mut request = repositories::Search::new(2);
    /// request.q = Some("letters".into());
    /// let search = Search::new(request).facet("level");
    /// # }
    /// ```
    pub fn new<R: Request>(request: R) -> Self {
        let mut search = Search::at(request.path());
        search.base = request.query();
        search.declared = R::RELEASE.map(|release| Declared {
            template: R::URI_TEMPLATE,
            params: R::QUERY_PARAMS,
            release,
        });
        search
    }

    fn at(path: String) -> Self {
        Search {
            path,
            base: Query::new(),
            declared: None,
            params: Query::new(),
            page: 1,
            page_size: None,
            unencodable: None,
        }
    }

    /// Sets `name` to `value`, replacing what was there.
    fn set(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.remove(name);
        self.params.push(name, value);
        self
    }

    /// Appends `value` to the array `name[]`.
    fn add(mut self, name: &str, value: impl ToString) -> Self {
        self.params.push_array(name, &[value.to_string()]);
        self
    }

    /// The query string (`q`, Lucene syntax); without one every record
    /// matches.
    pub fn query(self, q: impl Into<String>) -> Self {
        self.set("q", q.into())
    }

    /// Adds a record type to search (`type[]`, such as `accession`); without
    /// any, all types.
    pub fn record_type(self, jsonmodel_type: impl Into<String>) -> Self {
        self.add("type", jsonmodel_type.into())
    }

    /// Adds a filter query (`filter_query[]`), in Solr's syntax, that every
    /// hit must match.
    pub fn filter_query(self, query: impl Into<String>) -> Self {
        self.add("filter_query", query.into())
    }

    /// Keeps only hits whose index `field` holds `value` exactly: the
    /// staff interface's `filter_term[]`, which the backend takes as the
    /// filter query `field:"value"` (quotes and backslashes escaped).
    pub fn filter_term(self, field: &str, value: &str) -> Self {
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        self.filter_query(format!("{field}:\"{escaped}\""))
    }

    /// Filters by an advanced query (`filter`): the `AdvancedQuery` record
    /// of the bindings in use, or its JSON.
    pub fn filter(mut self, query: &impl Serialize) -> Self {
        match serde_json::to_string(query) {
            Ok(json) => self.set("filter", json),
            Err(e) => {
                self.unencodable = Some(e.to_string());
                self
            }
        }
    }

    /// Asks for the counts of `field`'s values among all hits (`facet[]`);
    /// read them with [`SearchPage::facet_counts`].
    pub fn facet(self, field: impl Into<String>) -> Self {
        self.add("facet", field.into())
    }

    /// Leaves out facet values with fewer hits (`facet_mincount`).
    pub fn facet_mincount(self, count: i64) -> Self {
        self.set("facet_mincount", count)
    }

    /// The sort order, such as `title_sort asc` (`sort`).
    pub fn sort(self, sort: impl Into<String>) -> Self {
        self.set("sort", sort.into())
    }

    /// Searches only within the tree of this resource or digital object URI
    /// (`root_record`).
    pub fn root_record(self, uri: impl Into<String>) -> Self {
        self.set("root_record", uri.into())
    }

    /// The page [`Client::search`] fetches (from 1; default 1).
    pub fn page(mut self, page: u64) -> Self {
        self.page = page.max(1);
        self
    }

    /// Hits per page (at most 250; the server's default, 10, if unset).
    pub fn page_size(mut self, size: u64) -> Self {
        self.page_size = Some(size.clamp(1, MAX_PAGE_SIZE));
        self
    }

    /// The request, if the route takes everything the search asks for.
    fn into_hits<T>(self) -> Result<Hits<T>, Error> {
        if let Some(message) = &self.unencodable {
            return Err(Error::Encode {
                method: Method::Get,
                path: self.path.clone(),
                source: serde::ser::Error::custom(message),
            });
        }
        if let Some(declared) = self.declared {
            let missing = self.params.pairs().map(|(name, _)| name).find(|name| {
                let bare = name.strip_suffix("[]").unwrap_or(name);
                !declared.params.contains(&bare)
            });
            if let Some(name) = missing {
                return Err(Error::Unsupported {
                    feature: format!("{name} on {}", declared.template),
                    release: declared.release,
                });
            }
        }
        Ok(Hits {
            search: self,
            item: PhantomData,
        })
    }
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(bound(deserialize = "T: DeserializeOwned", serialize = "T: Serialize"))]
pub struct SearchPage<T> {
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
pub struct Hit<T> {
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

/// A search as a request, whose response is read as `T` (a JSON value, or
/// a page of hits).
struct Hits<T> {
    search: Search,
    item: PhantomData<fn() -> T>,
}

impl<T> Clone for Hits<T> {
    fn clone(&self) -> Self {
        Hits {
            search: self.search.clone(),
            item: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Request for Hits<T> {
    type Response = T;
    const METHOD: Method = Method::Get;
    const URI_TEMPLATE: &'static str = "/search";

    fn path(&self) -> String {
        self.search.path.clone()
    }

    fn query(&self) -> Query {
        let search = &self.search;
        let mut query = search.base.clone();
        for name in ["page", "page_size"] {
            query.remove(name);
        }
        for (name, _) in search.params.pairs() {
            query.remove(name.strip_suffix("[]").unwrap_or(name));
        }
        for (name, value) in search.params.pairs() {
            query.push(name.to_owned(), value);
        }
        query.push("page", search.page);
        query.push_opt("page_size", search.page_size.as_ref());
        query
    }
}

impl<T: DeserializeOwned> PaginatedRequest for Hits<Page<Hit<T>>> {
    type Item = Hit<T>;

    fn set_page(&mut self, page: u64, page_size: u64) {
        self.search.page = page;
        self.search.page_size = Some(page_size);
    }

    /// Searches select by their query; ArchivesSpace's search reads no
    /// `modified_since` (filter on `system_mtime` in the query instead).
    fn set_modified_since(&mut self, _since: Option<u64>) {}
}

impl Client {
    /// One page of a search (the one set with [`Search::page`], else the
    /// first), each hit's record decoded into `T`: the bindings' `Record`
    /// picks the type by `jsonmodel_type`; a generated type such as
    /// `Accession` suits a search of one [`Search::record_type`];
    /// `serde_json::Value` keeps records as sent.
    pub async fn search<T: DeserializeOwned>(
        &self,
        search: impl Into<Search>,
    ) -> Result<SearchPage<T>, Error> {
        // Read as a JSON value first, then into the page type, so that a
        // mismatch is reported with its path in the document.
        let request: Hits<Value> = search.into().into_hits()?;
        let path = request.path();
        let document = self.send(&request).await?;
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
        if let Some(size) = search.page_size {
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
        match search.into().into_hits::<Page<Hit<T>>>() {
            Ok(hits) => Either::Left(self.paginate_with(hits, paging)),
            Err(e) => Either::Right(futures::stream::once(async move { Err(e) })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(request: &impl Request) -> Vec<(String, String)> {
        request
            .query()
            .pairs()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[test]
    fn builder_sets_the_routes_parameters() -> Result<(), Error> {
        let search = Search::repository(2)
            .query("letters")
            .record_type("accession")
            .record_type("resource")
            .filter_term("level", "a \"b\"")
            .facet("subjects")
            .page_size(1000);
        let request: Hits<Value> = search.into_hits()?;
        assert_eq!(request.path(), "/repositories/2/search");
        let pairs = pairs(&request);
        for (name, value) in [
            ("q", "letters"),
            ("type[]", "accession"),
            ("type[]", "resource"),
            ("filter_query[]", "level:\"a \\\"b\\\"\""),
            ("facet[]", "subjects"),
            ("page", "1"),
            ("page_size", "250"),
        ] {
            let pair = (name.to_owned(), value.to_owned());
            assert!(pairs.contains(&pair), "{pair:?} in {pairs:?}");
        }
        Ok(())
    }

    /// A search request as a generated crate declares it: here one of a
    /// release whose search takes no `filter_query`, as in v2.8.
    #[derive(Clone)]
    struct OldSearch {
        q: Option<String>,
        page: u64,
    }

    impl Request for OldSearch {
        type Response = Value;
        const METHOD: Method = Method::Get;
        const URI_TEMPLATE: &'static str = "/repositories/:repo_id/search";
        const QUERY_PARAMS: &'static [&'static str] = &["q", "type", "facet", "page", "page_size"];
        const RELEASE: Option<&'static str> = Some("v2.8.0");

        fn path(&self) -> String {
            "/repositories/3/search".into()
        }

        fn query(&self) -> Query {
            let mut query = Query::new();
            query.push_opt("q", self.q.as_ref());
            query.push("page", self.page);
            query
        }
    }

    #[test]
    fn a_generated_request_sets_the_start_and_the_release_the_limits() -> Result<(), Error> {
        let request = OldSearch {
            q: Some("papers".into()),
            page: 1,
        };
        let search = Search::new(request.clone())
            .record_type("accession")
            .page(3);
        let hits: Hits<Value> = search.clone().into_hits()?;
        assert_eq!(hits.path(), "/repositories/3/search");
        assert_eq!(
            pairs(&hits),
            [
                ("q".to_owned(), "papers".to_owned()),
                ("type[]".to_owned(), "accession".to_owned()),
                ("page".to_owned(), "3".to_owned()),
            ]
        );
        // What the builder sets replaces what the request set.
        let hits: Hits<Value> = search.query("letters").into_hits()?;
        assert_eq!(
            pairs(&hits)[0],
            ("type[]".to_owned(), "accession".to_owned())
        );
        assert!(pairs(&hits).contains(&("q".to_owned(), "letters".to_owned())));

        match Search::new(request)
            .filter_term("level", "file")
            .into_hits::<Value>()
        {
            Err(e @ Error::Unsupported { release, .. }) => {
                assert_eq!(release, "v2.8.0");
                assert_eq!(
                    e.to_string(),
                    "filter_query[] on /repositories/:repo_id/search is not in ArchivesSpace \
                     v2.8.0, the release these bindings were generated for"
                );
            }
            other => panic!("expected Unsupported, got {:?}", other.map(|_| ())),
        }
        Ok(())
    }

    #[test]
    fn hits_decode_the_json_string() -> Result<(), serde_json::Error> {
        #[derive(Debug, Deserialize, Serialize)]
        struct Accession {
            title: String,
            x_local: i64,
        }
        let page: SearchPage<Accession> = serde_json::from_value(serde_json::json!({
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
        let record = hit.record.as_ref().map(|r| (r.title.as_str(), r.x_local));
        assert_eq!(record, Some(("Gift", 1)));
        assert_eq!(hit.fields["title"], "Gift");
        assert_eq!(page.extra["offset_last"], 1);
        Ok(())
    }
}
