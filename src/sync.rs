//! Incremental sync: what changed in a listing since the last look.
//!
//! ArchivesSpace's paginated listings take `modified_since` (seconds since
//! the epoch, compared with each record's `system_mtime`), for pages,
//! `all_ids` and `id_set` alike, and `GET /delete-feed` lists the URIs of
//! records deleted since a time (its tombstones). A sync asks for both, and
//! hands back the point to resume from next time: the server's clock when
//! it began, a second early, so that nothing saved while it ran is missed
//! (such a record comes again next time rather than never).

use std::time::{SystemTime, UNIX_EPOCH};

use archivesspace_core::request::{Method, PaginatedRequest, MAX_PAGE_SIZE};
use futures::stream::{self, Stream, StreamExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::routes::{DeleteFeed, Version};
use crate::{Client, Error, Paging};

/// How far back a sync point is set when the server sends no `Date`, for
/// the difference between this machine's clock and the server's.
const CLOCK_MARGIN_SECONDS: u64 = 300;

/// Where an incremental sync resumes. Save it (it is plain JSON:
/// `{"modified_since": 1733100000}`) and pass it to the next sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncPoint {
    /// Seconds since the Unix epoch, by the server's clock.
    pub modified_since: u64,
}

/// One change a sync reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<T> {
    /// A record created or modified since the sync point, as it is now.
    Modified(T),
    /// The URI of a record deleted since the sync point.
    Deleted(String),
}

/// The changes of one sync and the point the next one starts from.
pub struct Changes<S> {
    /// Deletions first, then the records modified, in listing order. The
    /// stream ends after the first error, which it yields.
    pub changes: S,
    /// Where the next sync resumes; save it once `changes` is consumed.
    pub next: SyncPoint,
}

impl Client {
    /// What changed in `listing` (any generated paginated listing) since
    /// `since`: every record modified at or after it and every deletion of
    /// one of its records, or, without a point, every record (a full
    /// harvest, which is where a sync starts). Records are fetched as by
    /// [`Client::harvest_with`] with `paging`, but only the changed ones.
    ///
    /// Deletions come from the delete feed, which needs the `index_system`
    /// permission (administrators have it).
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # async fn run(client: archivesspace::Client) -> Result<(), archivesspace::Error> {
    /// // The bundled bindings' listing; any generated crate's does the same.
    /// use archivesspace::requests::archival_objects;
    /// use archivesspace::{Change, Paging, SyncPoint};
    /// use futures::TryStreamExt;
    ///
    /// let saved: Option<SyncPoint> = None; // read from where the last run left it
    /// let sync = client
    ///     .changes(archival_objects::List::new(2), saved, Paging::new())
    ///     .await?;
    /// let mut changes = Box::pin(sync.changes);
    /// while let Some(change) = changes.try_next().await? {
    ///     match change {
    ///         Change::Modified(record) => println!("now: {:?}", record.title),
    ///         Change::Deleted(uri) => println!("gone: {uri}"),
    ///     }
    /// }
    /// let resume_from = sync.next; // save for the next run
    /// # Ok(()) }
    /// ```
    pub async fn changes<R>(
        &self,
        listing: R,
        since: Option<SyncPoint>,
        paging: Paging,
    ) -> Result<Changes<impl Stream<Item = Result<Change<R::Item>, Error>> + Send>, Error>
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        // The server's clock before anything is read: from the delete feed,
        // which an incremental sync reads first anyway, or else from a
        // request of its own.
        let deleted = match since {
            Some(point) => self.deleted_since(&listing.path(), point).await?,
            None => {
                self.send(&Version::new()).await?;
                Vec::new()
            }
        };
        let now = self.server_time().unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
                .saturating_sub(CLOCK_MARGIN_SECONDS)
        });
        let next = SyncPoint {
            modified_since: now.saturating_sub(1),
        };
        let mut modified = listing;
        modified.set_modified_since(since.map(|p| p.modified_since));
        let records = self
            .harvest_with(modified, paging)
            .map(|r| r.map(Change::Modified));
        let changes =
            stream::iter(deleted.into_iter().map(|uri| Ok(Change::Deleted(uri)))).chain(records);
        Ok(Changes { changes, next })
    }

    /// URIs under `prefix` (a listing's path) deleted since `point`.
    async fn deleted_since(&self, prefix: &str, point: SyncPoint) -> Result<Vec<String>, Error> {
        let under = format!("{}/", prefix.trim_end_matches('/'));
        let mut uris = Vec::new();
        let mut page = 1;
        loop {
            let request = DeleteFeed::new(page, MAX_PAGE_SIZE, point.modified_since);
            let answer: Value = self.send(&request).await?;
            let results = answer
                .get("results")
                .and_then(Value::as_array)
                .ok_or_else(|| {
                    Error::malformed(
                        Method::Get,
                        "/delete-feed",
                        "results",
                        "expected a list of URIs",
                    )
                })?;
            uris.extend(
                results
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|uri| uri.starts_with(&under))
                    .map(str::to_owned),
            );
            // Each page says which it is: an answer that is not the page
            // asked for (a proxy's cached first page, say) would have the
            // loop ask on without end, gathering the same URIs.
            if let Some(this_page) = answer.get("this_page").and_then(Value::as_u64) {
                if this_page != page {
                    return Err(Error::malformed(
                        Method::Get,
                        "/delete-feed",
                        "this_page",
                        format!("page {page} was asked for, the answer is page {this_page}"),
                    ));
                }
            }
            let last = answer.get("last_page").and_then(Value::as_u64).unwrap_or(0);
            if page >= last || results.is_empty() {
                return Ok(uris);
            }
            page += 1;
        }
    }
}
