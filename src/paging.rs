//! Streaming whole listings: page by page, or by ids for bulk harvests.

use std::future::Future;
use std::time::{Duration, Instant};

use archivesspace_core::request::{PaginatedRequest, MAX_PAGE_SIZE};
use futures::stream::{FuturesOrdered, Stream, StreamExt};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::in_flight::InFlight;
use crate::{Client, Error};

/// How a listing is fetched by [`Client::paginate_with`] and
/// [`Client::harvest_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    page_size: u64,
    concurrency: usize,
    adaptive: bool,
}

impl Default for Paging {
    fn default() -> Self {
        Paging {
            page_size: MAX_PAGE_SIZE,
            // At most eight, as many as hide about 20 ms of latency a
            // request where the server is quick, and well inside
            // ArchivesSpace's database pool (`db_max_connections` defaults
            // to 28); fewer while the server queues them (`in_flight`).
            concurrency: 8,
            adaptive: true,
        }
    }
}

impl Paging {
    /// The defaults: pages (and `id_set` chunks) of 250, and up to eight in
    /// flight, as many as the server answers without queueing them.
    ///
    /// A backend's CPU bounds a harvest: building each record costs it a
    /// few milliseconds, whatever the paging, so more requests in flight
    /// than it has cores to spare buy no records/s and only queue the
    /// site's other users behind the harvest; latency, on the other hand,
    /// is hidden by many in flight. So the number adapts: it starts at two,
    /// grows while answers come back as quick as the quickest, and shrinks
    /// when they take twice as long. [`Client::harvest`] (`all_ids`, then
    /// `id_set` chunks) asks the least of a backend: a page walk also has
    /// it count the listing for every page.
    pub fn new() -> Self {
        Paging::default()
    }

    /// Records per page or per `id_set` request, clamped to 1..=250 because
    /// ArchivesSpace silently clamps larger sizes and rejects larger id sets.
    pub fn with_page_size(mut self, size: u64) -> Self {
        self.page_size = size.clamp(1, MAX_PAGE_SIZE);
        self
    }

    /// How many pages may be fetched at once (at least 1), always that
    /// many. With 1, pages are fetched strictly in sequence, the next one
    /// while the current one is being consumed. Records always come out in
    /// listing order.
    pub fn with_concurrency(mut self, pages: usize) -> Self {
        self.concurrency = pages.max(1);
        self.adaptive = false;
        self
    }

    /// At most `pages` at once, fewer while the server queues them (what
    /// the defaults do, with eight).
    pub fn with_adaptive_concurrency(mut self, pages: usize) -> Self {
        self.concurrency = pages.max(1);
        self.adaptive = true;
        self
    }

    /// Whether the number in flight adapts to the server.
    pub fn is_adaptive(&self) -> bool {
        self.adaptive
    }

    /// The page size in use.
    pub fn page_size(&self) -> u64 {
        self.page_size
    }

    /// The concurrency in use (the most in flight, when it adapts).
    pub fn concurrency(&self) -> usize {
        self.concurrency
    }
}

type Batch<T> = Result<Vec<T>, Error>;

impl Client {
    /// Every record of a paginated listing, with the default [`Paging`].
    ///
    /// The stream ends after the first error, which it yields. Dropping it
    /// cancels the requests still in flight. It must be polled inside a Tokio
    /// runtime.
    pub fn paginate<R>(
        &self,
        listing: R,
    ) -> impl Stream<Item = Result<R::Item, Error>> + Send + 'static
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        self.paginate_with(listing, Paging::default())
    }

    /// Every record of a paginated listing, page by page (`page`, `page_size`).
    ///
    /// The number of pages comes from the first page and grows if a later
    /// page reports more; an empty listing (`last_page` 0) yields nothing.
    /// Records added or deleted while paging shift the pages, so a record can
    /// be missed or seen twice; [`Client::harvest`] does not have that problem.
    pub fn paginate_with<R>(
        &self,
        listing: R,
        paging: Paging,
    ) -> impl Stream<Item = Result<R::Item, Error>> + Send + 'static
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        let client = self.clone();
        feed(move |tx: mpsc::Sender<Batch<R::Item>>| async move {
            let fetch = |page: u64| {
                let client = client.clone();
                let mut request = listing.clone();
                request.set_page(page, paging.page_size);
                spawn(timed(async move { client.send(&request).await }))
            };
            let mut limit = InFlight::new(paging.concurrency, paging.adaptive);
            let first = match fetch(1).await {
                Some((Ok(page), latency)) => {
                    limit.observe(latency);
                    page
                }
                Some((Err(e), _)) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
                None => return,
            };
            let mut last_page = first.last_page;
            let mut next_page = 2;
            let empty = first.results.is_empty();
            if tx.send(Ok(first.results)).await.is_err() || empty {
                return;
            }
            let mut in_flight = FuturesOrdered::new();
            loop {
                while in_flight.len() < limit.limit() && next_page <= last_page {
                    in_flight.push_back(fetch(next_page));
                    next_page += 1;
                }
                let batch = match in_flight.next().await {
                    Some(Some((Ok(page), latency))) => {
                        limit.observe(latency);
                        last_page = last_page.max(page.last_page);
                        Ok(page.results)
                    }
                    Some(Some((Err(e), _))) => Err(e),
                    Some(None) | None => return,
                };
                // Pages are slices of one listing: after an empty one
                // (records deleted meanwhile, or a `last_page` no listing
                // has) there is nothing more, and asking on would never end.
                let done = !matches!(&batch, Ok(records) if !records.is_empty());
                if tx.send(batch).await.is_err() || done {
                    return;
                }
            }
        })
    }

    /// Every record of a paginated listing, fetched by id, with the default
    /// [`Paging`].
    pub fn harvest<R>(
        &self,
        listing: R,
    ) -> impl Stream<Item = Result<R::Item, Error>> + Send + 'static
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        self.harvest_with(listing, Paging::default())
    }

    /// Every record of a paginated listing, fetched by id: first all ids
    /// (`all_ids=true`), then chunks of at most 250 (`id_set`) several at once.
    ///
    /// Each record is yielded at most once and in id order; the set harvested
    /// is the ids listed at the start, minus any deleted before their chunk is
    /// fetched. Records created meanwhile are left for the next harvest.
    pub fn harvest_with<R>(
        &self,
        listing: R,
        paging: Paging,
    ) -> impl Stream<Item = Result<R::Item, Error>> + Send + 'static
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        let client = self.clone();
        feed(move |tx: mpsc::Sender<Batch<R::Item>>| async move {
            let ids = match client.send(&listing.all_ids()).await {
                Ok(ids) => ids,
                Err(e) => {
                    let _ = tx.send(Err(e)).await;
                    return;
                }
            };
            // The server's ids are unique and ascending, but a duplicate here
            // would mean a record yielded twice, so make sure. In place: a
            // set of seen ids would cost several times the list's memory,
            // and the harvest's memory should not grow with the record count.
            let mut ids = ids;
            ids.sort_unstable();
            ids.dedup();
            ids.shrink_to_fit();
            let chunk_size = usize::try_from(paging.page_size).unwrap_or(1).max(1);
            let mut chunks = ids.chunks(chunk_size).map(<[i64]>::to_vec);
            let mut in_flight = FuturesOrdered::new();
            let mut limit = InFlight::new(paging.concurrency, paging.adaptive);
            loop {
                while in_flight.len() < limit.limit() {
                    let Some(chunk) = chunks.next() else { break };
                    let client = client.clone();
                    let request = listing.by_ids(&chunk);
                    in_flight.push_back(spawn(timed(async move { client.send(&request).await })));
                }
                let batch = match in_flight.next().await {
                    Some(Some((result, latency))) => {
                        limit.observe(latency);
                        result
                    }
                    Some(None) | None => return,
                };
                let failed = batch.is_err();
                if tx.send(batch).await.is_err() || failed {
                    return;
                }
            }
        })
    }
}

/// The future's output and how long it took, from its first poll (when
/// the request is sent) to its end.
async fn timed<T>(work: impl Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let value = work.await;
    (value, started.elapsed())
}

/// A spawned task that is aborted when this handle is dropped, so that
/// dropping a stream stops its requests.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `work` on its own task, so that it makes progress while the stream's
/// consumer is busy. Resolves to `None` if the task was cancelled; a panic in
/// the task is passed on to the awaiting task.
fn spawn<T: Send + 'static>(
    work: impl Future<Output = T> + Send + 'static,
) -> impl Future<Output = Option<T>> + Send + 'static {
    let handle = AbortOnDrop(tokio::spawn(work));
    async move {
        let mut handle = handle;
        match (&mut handle.0).await {
            Ok(value) => Some(value),
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(_) => None,
        }
    }
}

/// Turns a producer of record batches into a stream of records. The producer
/// starts on the stream's first poll (inside the caller's runtime) and runs
/// on its own task, one batch ahead of the consumer.
fn feed<T, F, Fut>(producer: F) -> impl Stream<Item = Result<T, Error>> + Send + 'static
where
    T: Send + 'static,
    F: FnOnce(mpsc::Sender<Batch<T>>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    struct State<T, F> {
        producer: Option<F>,
        receiver: Option<mpsc::Receiver<Batch<T>>>,
        batch: std::vec::IntoIter<T>,
        _task: Option<AbortOnDrop<()>>,
    }
    let state = State {
        producer: Some(producer),
        receiver: None,
        batch: Vec::new().into_iter(),
        _task: None,
    };
    futures::stream::unfold(state, |mut state| async move {
        if let Some(producer) = state.producer.take() {
            let (tx, rx) = mpsc::channel(1);
            state._task = Some(AbortOnDrop(tokio::spawn(producer(tx))));
            state.receiver = Some(rx);
        }
        loop {
            if let Some(record) = state.batch.next() {
                return Some((Ok(record), state));
            }
            match state.receiver.as_mut()?.recv().await {
                Some(Ok(batch)) => state.batch = batch.into_iter(),
                Some(Err(e)) => return Some((Err(e), state)),
                None => return None,
            }
        }
    })
}
