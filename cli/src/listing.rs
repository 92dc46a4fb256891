//! Any paginated listing, by its path, each record kept as the JSON text
//! the server sent: written out as is it stays exactly what the server
//! holds, and a harvest never builds and re-serializes a document tree.

use archivesspace::request::{Method, Page, PaginatedRequest, Query, Request, MAX_PAGE_SIZE};
use serde_json::value::RawValue;

/// `GET <path>` for a listing that takes `page`, `page_size`, `all_ids`,
/// `id_set` and `modified_since`.
#[derive(Debug, Clone)]
pub struct Listing {
    path: String,
    /// The caller's own parameters (`resolve[]`, ...).
    query: Query,
    page: Option<(u64, u64)>,
    modified_since: Option<u64>,
}

impl Listing {
    /// The listing at `path`, with `query` besides the paging parameters.
    pub fn new(path: impl Into<String>, query: Query) -> Self {
        let mut query = query;
        for name in ["page", "page_size", "all_ids", "id_set", "modified_since"] {
            query.remove(name);
        }
        Listing {
            path: path.into(),
            query,
            page: None,
            modified_since: None,
        }
    }
}

impl Request for Listing {
    type Response = Page<Box<RawValue>>;
    const METHOD: Method = Method::Get;
    const URI_TEMPLATE: &'static str = "/repositories/:repo_id/:type";

    fn path(&self) -> String {
        self.path.clone()
    }

    fn query(&self) -> Query {
        let mut query = self.query.clone();
        if let Some((page, page_size)) = self.page {
            query.push("page", page);
            query.push("page_size", page_size);
        }
        if let Some(since) = self.modified_since {
            query.push("modified_since", since);
        }
        query
    }
}

impl PaginatedRequest for Listing {
    type Item = Box<RawValue>;

    fn set_page(&mut self, page: u64, page_size: u64) {
        self.page = Some((page, page_size.min(MAX_PAGE_SIZE)));
    }

    fn set_modified_since(&mut self, since: Option<u64>) {
        self.modified_since = since;
    }
}
