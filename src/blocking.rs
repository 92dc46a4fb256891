//! A blocking client, for scripts that do not want async: the methods of
//! [`crate::Client`], each returning when its answer is in, and iterators
//! where the async client has streams.
//!
//! ```no_run
//! # #[cfg(feature = "bundled")]
//! # mod example {
//! // The bundled bindings; a site's generated crate is used the same way
//! // (`use site_api::requests::archival_objects;`).
//! use archivesspace::requests::{archival_objects, resource_descriptions};
//! use archivesspace::{blocking, ArchivalObject, Error, Hit, Record, Search, Tree, Uri};
//!
//! # fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // ASPACE_BASEURL, ASPACE_USERNAME, ASPACE_PASSWORD, or ~/.archivessnake.yml
//! let client = blocking::Client::from_env()?;
//!
//! // One record, typed.
//! let record: ArchivalObject = client.send(&archival_objects::Get::new(2, 7))?;
//! println!("{:?}", record.title);
//!
//! // Every archival object of repository 2, fetched a chunk of ids at a
//! // time as the loop asks for them.
//! for record in client.harvest(archival_objects::List::new(2)) {
//!     println!("{:?}", record?.uri);
//! }
//!
//! // Lossless read-modify-write; a concurrent save is `Error::Conflict`.
//! let uri = Uri::<ArchivalObject>::new("/repositories/2/archival_objects/7");
//! client.update_record(&uri, |r| r.title = Some("Correspondence".into()))?;
//!
//! // The first 100 hits of a search; the rest are never fetched.
//! let hits: Vec<Hit<Record>> = client
//!     .search_all(Search::repository(2).query("letters"))
//!     .take(100)
//!     .collect::<Result<_, Error>>()?;
//!
//! // A whole tree, depth first.
//! for entry in client.walk_tree(Tree::Resource { repo_id: 2, id: 7 }, 4) {
//!     let entry = entry?;
//!     println!("{}{}", "  ".repeat(entry.depth - 1), entry.node.uri);
//! }
//!
//! // An EAD export written to a file as it arrives.
//! let mut file = std::fs::File::create("7.xml")?;
//! client.export(&resource_descriptions::Xml::new(2, 7), &mut file)?;
//! # Ok(()) }
//! # }
//! ```
//!
//! # How it runs
//!
//! The blocking client wraps a [`crate::Client`] and owns a Tokio runtime
//! (current-thread) on a thread of its own, which drives the connections,
//! timers and the requests a harvest sends in the background. Each call
//! runs its work on the calling thread with that runtime's context
//! entered, and parks the thread until the work can go on. So borrowed
//! requests and closures (`update_with`'s edit) need not be `Send` or
//! `'static`, several threads can share one client (clones share the
//! session, connections and the runtime), and iterators fetch ahead on the
//! runtime's thread while the caller works on a record.
//!
//! # Inside async code
//!
//! Unlike `reqwest::blocking`, calling it from an async context (a Tokio
//! task, `#[tokio::main]`) does not panic: the work is driven by the
//! client's own thread, so it completes. But it blocks the calling thread
//! for as long, which stalls every other task of a current-thread runtime,
//! and deadlocks when the server it talks to is served by that same
//! runtime (as a test's fake server may be). In async code use
//! [`crate::Client`], or call the blocking client inside
//! `tokio::task::spawn_blocking`.
//!
//! # Iterators
//!
//! [`Client::paginate`], [`Client::harvest`], [`Client::search_all`],
//! [`Client::walk_tree`], [`Client::follow_job_log`] and
//! [`Client::changes`] answer an [`Iter`]: lazy (nothing is sent before
//! the first `next`), a page (or `id_set` chunk, or waypoint) at a time
//! with the same bounded read-ahead as the async streams, ending after the
//! first error, which it yields. Dropping an `Iter` cancels the requests it
//! has in flight.
//!
//! Answers that are not JSON ([`Client::export`], [`Client::send_streaming`],
//! [`Client::download_job_file`]) are read as they arrive, never held
//! whole: written to a [`std::io::Write`], or read from a [`Body`], which
//! is a [`std::io::Read`].

use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, JoinHandle, Thread};
use std::time::Duration;

use archivesspace_core::jsonmodel::{JsonModel, Uri};
use archivesspace_core::request::{Method, PaginatedRequest, Request};
use archivesspace_core::responses::{Modified, UploadFile};
use archivesspace_core::validate::Enumerations;
use bytes::Bytes;
use futures::stream::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::runtime::Handle;
use tokio::sync::oneshot;
use url::Url;

use crate::routes::JobOutputFile;
use crate::{
    BatchImported, BodyStream, Changes, ClientBuilder, Error, Hit, ImportEvent, JobWait, Paging,
    Priority, Search, SearchPage, Secret, SyncPoint, Tree, TreeEntry,
};

/// The runtime a blocking client owns: a current-thread Tokio runtime
/// running on a thread of its own until the last client and iterator using
/// it are dropped.
struct Runtime {
    handle: Handle,
    /// Dropped to stop the runtime's thread.
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Runtime {
    fn start() -> Result<Runtime, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Error::config(format!("cannot start the blocking client's runtime: {e}"))
            })?;
        let handle = runtime.handle().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = thread::Builder::new()
            .name("archivesspace-blocking".to_owned())
            .spawn(move || {
                // A current-thread runtime runs its spawned tasks, its
                // timers and its I/O only inside `block_on`: this thread
                // stays in it until the runtime is no longer wanted.
                runtime.block_on(async move {
                    let _ = stopped.await;
                });
                // Dropped here, outside any async context: the tasks still
                // on it (fetches of dropped iterators) are cancelled.
                drop(runtime);
            })
            .map_err(|e| {
                Error::config(format!("cannot start the blocking client's thread: {e}"))
            })?;
        Ok(Runtime {
            handle,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Runs `work` to completion on the calling thread, with the runtime's
    /// context entered (so that what it spawns, its sockets and its timers
    /// belong to the runtime, whose thread drives them), parking the thread
    /// whenever the work waits.
    fn block_on<F: Future>(&self, work: F) -> F::Output {
        let _context = self.handle.enter();
        let mut work = pin!(work);
        let waker = Waker::from(Arc::new(Unpark(thread::current())));
        let mut cx = Context::from_waker(&waker);
        loop {
            if let Poll::Ready(value) = work.as_mut().poll(&mut cx) {
                return value;
            }
            // A wake that came before the park makes it return at once, so
            // none is lost; a spurious return only polls once more.
            thread::park();
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        drop(self.stop.take());
        // Waited for, so that the connections are closed when the client
        // is gone; never from the runtime's own thread, which would wait
        // for itself.
        if let Some(thread) = self.thread.take() {
            if thread.thread().id() != thread::current().id() {
                let _ = thread.join();
            }
        }
    }
}

/// Wakes a parked thread.
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// A blocking client for one ArchivesSpace backend: [`crate::Client`]'s
/// methods, each returning when its answer is in. Cheap to clone: clones
/// share the session, the connections, the limits and the runtime. See the
/// [module docs](self) for how it runs and the rule for async code.
#[derive(Clone)]
pub struct Client {
    client: crate::Client,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The async client's Debug, which keeps the secrets out.
        f.debug_tuple("blocking::Client")
            .field(&self.client)
            .finish()
    }
}

impl ClientBuilder {
    /// Checks the settings and builds a [blocking client](Client), which
    /// starts its runtime's thread. Does not contact the server: the first
    /// request logs in.
    ///
    /// ```
    /// # fn main() -> Result<(), archivesspace::Error> {
    /// let client = archivesspace::blocking::Client::builder()
    ///     .base_url("http://localhost:8089")
    ///     .credentials("admin", "admin")
    ///     .build_blocking()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn build_blocking(self) -> Result<Client, Error> {
        Client::new(self.build()?)
    }
}

impl Client {
    /// The same builder as [`crate::Client::builder`]; finish it with
    /// [`ClientBuilder::build_blocking`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A blocking client configured from the environment; see
    /// [`crate::Config::from_env`].
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build_blocking()
    }

    /// A blocking client over `client`, sharing its session and
    /// connections: for a program that has both kinds of code. Starts the
    /// runtime's thread; fails only if that cannot be done.
    ///
    /// A pooled connection stays with the runtime that opened it: one the
    /// async client opened on the program's runtime is driven by that
    /// runtime when this client reuses it. So keep that runtime running,
    /// and its threads free of this client's calls, while both are in use.
    pub fn new(client: crate::Client) -> Result<Client, Error> {
        Ok(Client {
            client,
            runtime: Arc::new(Runtime::start()?),
        })
    }

    /// The async client underneath, for what only it offers (see
    /// [`Client::new`] on sharing connections between runtimes).
    pub fn as_async(&self) -> &crate::Client {
        &self.client
    }

    /// Runs the async client's `work` to completion; see [`Runtime::block_on`].
    fn wait<F: Future>(&self, work: F) -> F::Output {
        self.runtime.block_on(work)
    }

    /// An iterator over `stream`, polled on the calling thread.
    fn iter<T: 'static>(
        &self,
        stream: impl Stream<Item = Result<T, Error>> + Send + 'static,
    ) -> Iter<T> {
        Iter {
            stream: Some(Box::pin(stream)),
            runtime: self.runtime.clone(),
        }
    }

    /// The backend's base URL.
    pub fn base_url(&self) -> &Url {
        self.client.base_url()
    }

    /// The server's clock by the `Date` header of its latest answer, in
    /// seconds since the Unix epoch; `None` before any answer with one.
    pub fn server_time(&self) -> Option<u64> {
        self.client.server_time()
    }

    /// How many times this client has logged in (successfully).
    pub fn login_count(&self) -> u64 {
        self.client.login_count()
    }

    /// The token of the current session; see [`crate::Client::session_token`].
    pub fn session_token(&self) -> Option<Secret> {
        self.client.session_token()
    }

    /// Logs in now, replacing any current session.
    pub fn login(&self) -> Result<(), Error> {
        self.wait(self.client.login())
    }

    /// Ends the current session on the server; see [`crate::Client::logout`].
    pub fn logout(&self) -> Result<(), Error> {
        self.wait(self.client.logout())
    }

    /// A handle to the same client whose requests carry `priority`.
    pub fn with_priority(&self, priority: Priority) -> Client {
        Client {
            client: self.client.with_priority(priority),
            runtime: self.runtime.clone(),
        }
    }

    /// The [`Priority`] of this handle's requests.
    pub fn priority(&self) -> Priority {
        self.client.priority()
    }

    /// Sends any generated request and decodes its typed response.
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # fn run(client: archivesspace::blocking::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::requests::accessions;
    ///
    /// let accession = client.send(&accessions::Get::new(2, 1))?;
    /// println!("{:?}", accession.title);
    /// # Ok(()) }
    /// ```
    pub fn send<R: Request>(&self, request: &R) -> Result<R::Response, Error> {
        self.wait(self.client.send(request))
    }

    /// The site's dynamic enumerations (`GET /config/enumerations`).
    pub fn fetch_enumerations(&self) -> Result<Enumerations, Error> {
        self.wait(self.client.fetch_enumerations())
    }

    /// Checks dynamic enumeration values against `enumerations` from now
    /// on; see [`crate::Client::use_enumerations`].
    pub fn use_enumerations(&self, enumerations: Enumerations) {
        self.client.use_enumerations(enumerations);
    }

    /// `GET`s a record URI and decodes the JSON; see [`crate::Client::get_json`].
    pub fn get_json<T: DeserializeOwned>(&self, uri: &str) -> Result<T, Error> {
        self.wait(self.client.get_json(uri))
    }

    /// `POST`s a JSON document to a URI (a create or an update).
    pub fn post_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        uri: &str,
        body: &B,
    ) -> Result<T, Error> {
        self.wait(self.client.post_json(uri, body))
    }

    /// Every record of a paginated listing, page by page, with the default
    /// [`Paging`]; see [`crate::Client::paginate_with`].
    pub fn paginate<R>(&self, listing: R) -> Iter<R::Item>
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        self.paginate_with(listing, Paging::default())
    }

    /// [`Client::paginate`] with explicit page size and concurrency.
    pub fn paginate_with<R>(&self, listing: R, paging: Paging) -> Iter<R::Item>
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        self.iter(self.client.paginate_with(listing, paging))
    }

    /// Every record of a paginated listing, fetched by id (`all_ids`, then
    /// `id_set` chunks), each once, with the default [`Paging`]; see
    /// [`crate::Client::harvest_with`].
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # fn run(client: archivesspace::blocking::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::requests::accessions;
    ///
    /// for accession in client.harvest(accessions::List::new(2)) {
    ///     println!("{:?}", accession?.title);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn harvest<R>(&self, listing: R) -> Iter<R::Item>
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        self.harvest_with(listing, Paging::default())
    }

    /// [`Client::harvest`] with explicit chunk size and concurrency.
    pub fn harvest_with<R>(&self, listing: R, paging: Paging) -> Iter<R::Item>
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        self.iter(self.client.harvest_with(listing, paging))
    }

    /// Lossless read-modify-write of the record at `uri` under its
    /// `lock_version`; a concurrent save is [`Error::Conflict`]. See
    /// [`crate::Client::update_with`].
    pub fn update_with<T, F>(&self, uri: impl AsRef<str>, edit: F) -> Result<Modified, Error>
    where
        T: DeserializeOwned + Serialize,
        F: FnMut(&mut T),
    {
        self.wait(self.client.update_with(uri, edit))
    }

    /// [`Client::update_with`] for a typed URI, which names the record type.
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # fn run(client: archivesspace::blocking::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::{Accession, Uri};
    ///
    /// let uri = Uri::<Accession>::new("/repositories/2/accessions/1");
    /// let done = client.update_record(&uri, |a| a.title = Some("Papers".into()))?;
    /// println!("now at lock_version {:?}", done.lock_version);
    /// # Ok(()) }
    /// ```
    pub fn update_record<T, F>(&self, uri: &Uri<T>, edit: F) -> Result<Modified, Error>
    where
        T: JsonModel + DeserializeOwned + Serialize,
        F: FnMut(&mut T),
    {
        self.wait(self.client.update_record(uri, edit))
    }

    /// [`Client::update_with`], re-applying `edit` to a fresh copy on a
    /// stale `lock_version`, up to `attempts` times in all.
    pub fn update_with_attempts<T, F>(
        &self,
        uri: impl AsRef<str>,
        attempts: u32,
        edit: F,
    ) -> Result<Modified, Error>
    where
        T: DeserializeOwned + Serialize,
        F: FnMut(&mut T),
    {
        self.wait(self.client.update_with_attempts(uri, attempts, edit))
    }

    /// One page of a search, each hit's record decoded into `T`; see
    /// [`crate::Client::search`].
    pub fn search<T: DeserializeOwned>(
        &self,
        search: impl Into<Search>,
    ) -> Result<SearchPage<T>, Error> {
        self.wait(self.client.search(search))
    }

    /// Every hit of a search, page after page; see
    /// [`crate::Client::search_all`].
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # fn run(client: archivesspace::blocking::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::{Record, Search};
    ///
    /// for hit in client.search_all::<Record>(Search::repository(2).query("letters")) {
    ///     println!("{}", hit?.uri);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn search_all<T>(&self, search: impl Into<Search>) -> Iter<Hit<T>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.iter(self.client.search_all(search))
    }

    /// [`Client::search_all`] with explicit page size and concurrency.
    pub fn search_all_with<T>(&self, search: impl Into<Search>, paging: Paging) -> Iter<Hit<T>>
    where
        T: DeserializeOwned + Send + 'static,
    {
        self.iter(self.client.search_all_with(search, paging))
    }

    /// Every record of `tree` in order, depth first, each with its depth
    /// and parent; see [`crate::Client::walk_tree`].
    ///
    /// ```no_run
    /// # fn run(client: archivesspace::blocking::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::Tree;
    ///
    /// for entry in client.walk_tree(Tree::Resource { repo_id: 2, id: 7 }, 4) {
    ///     let entry = entry?;
    ///     println!("{}{}", "  ".repeat(entry.depth - 1), entry.node.uri);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn walk_tree(&self, tree: Tree, concurrency: usize) -> Iter<TreeEntry> {
        self.iter(self.client.walk_tree(tree, concurrency))
    }

    /// Sends a batch import, reporting each event the server writes as it
    /// comes; see [`crate::Client::batch_import`].
    pub fn batch_import<T: Serialize>(
        &self,
        repo_id: i64,
        records: &[T],
        on_event: impl FnMut(&ImportEvent),
    ) -> Result<BatchImported, Error> {
        self.wait(self.client.batch_import(repo_id, records, on_event))
    }

    /// [`Client::batch_import`] with the request built by the caller.
    pub fn batch_import_with<R: Request>(
        &self,
        request: &R,
        on_event: impl FnMut(&ImportEvent),
    ) -> Result<BatchImported, Error> {
        self.wait(self.client.batch_import_with(request, on_event))
    }

    /// Sends an export request (EAD, MARC21, ...) and writes its body to
    /// `writer` as it arrives, never holding it whole; returns the number
    /// of bytes written. The writing happens on the calling thread.
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # fn run(client: archivesspace::blocking::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use archivesspace::requests::resource_descriptions;
    ///
    /// let mut file = std::io::BufWriter::new(std::fs::File::create("ead.xml")?);
    /// client.export(&resource_descriptions::Xml::new(2, 7), &mut file)?;
    /// # Ok(()) }
    /// ```
    pub fn export<R: Request, W: std::io::Write + ?Sized>(
        &self,
        request: &R,
        writer: &mut W,
    ) -> Result<u64, Error> {
        self.send_streaming(request)?.write_to(writer)
    }

    /// Sends a request and returns its body unread, to be read as it
    /// arrives ([`Body`] is a [`std::io::Read`]); sessions, retries and
    /// errors are as for [`Client::send`], up to the answer's headers.
    pub fn send_streaming<R: Request>(&self, request: &R) -> Result<Body, Error> {
        let stream = self.wait(self.client.send_streaming(request))?;
        Ok(Body {
            stream,
            method: R::METHOD,
            chunk: Bytes::new(),
            runtime: self.runtime.clone(),
        })
    }

    /// Submits a job with its input files; answers its id. See
    /// [`crate::Client::submit_job`].
    pub fn submit_job<J: Serialize>(
        &self,
        repo_id: i64,
        job: &J,
        files: Vec<UploadFile>,
    ) -> Result<i64, Error> {
        self.wait(self.client.submit_job(repo_id, job, files))
    }

    /// Polls job `id` until it finishes; see [`crate::Client::wait_for_job`].
    pub fn wait_for_job<J: DeserializeOwned>(
        &self,
        repo_id: i64,
        id: i64,
        wait: JobWait,
    ) -> Result<J, Error> {
        self.wait(self.client.wait_for_job(repo_id, id, wait))
    }

    /// The bytes of job `id`'s log from byte `offset` to its current end.
    pub fn job_log(&self, repo_id: i64, id: i64, offset: u64) -> Result<Vec<u8>, Error> {
        self.wait(self.client.job_log(repo_id, id, offset))
    }

    /// Job `id`'s log as it grows, each item the text added since the last
    /// (looking every `poll`), until the job has finished and its log is
    /// read to the end.
    pub fn follow_job_log(&self, repo_id: i64, id: i64, poll: Duration) -> Iter<Vec<u8>> {
        self.iter(self.client.follow_job_log(repo_id, id, poll))
    }

    /// The ids of job `id`'s output files.
    pub fn job_output_files(&self, repo_id: i64, id: i64) -> Result<Vec<i64>, Error> {
        self.wait(self.client.job_output_files(repo_id, id))
    }

    /// Writes output file `file_id` of job `id` to `writer` as it arrives;
    /// answers the number of bytes.
    pub fn download_job_file<W: std::io::Write + ?Sized>(
        &self,
        repo_id: i64,
        id: i64,
        file_id: i64,
        writer: &mut W,
    ) -> Result<u64, Error> {
        self.export(&JobOutputFile::new(repo_id, id, file_id), writer)
    }

    /// Asks the queue to cancel job `id`.
    pub fn cancel_job(&self, repo_id: i64, id: i64) -> Result<(), Error> {
        self.wait(self.client.cancel_job(repo_id, id))
    }

    /// What changed in `listing` since `since`: the deletions and the
    /// records modified, as an iterator, and the point the next sync
    /// resumes from. See [`crate::Client::changes`].
    ///
    /// ```no_run
    /// # #[cfg(feature = "bundled")]
    /// # fn run(client: archivesspace::blocking::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::requests::archival_objects;
    /// use archivesspace::{Change, Paging, SyncPoint};
    ///
    /// let saved: Option<SyncPoint> = None; // read from where the last run left it
    /// let sync = client.changes(archival_objects::List::new(2), saved, Paging::new())?;
    /// for change in sync.changes {
    ///     match change? {
    ///         Change::Modified(record) => println!("now: {:?}", record.title),
    ///         Change::Deleted(uri) => println!("gone: {uri}"),
    ///     }
    /// }
    /// let resume_from = sync.next; // save for the next run
    /// # Ok(()) }
    /// ```
    pub fn changes<R>(
        &self,
        listing: R,
        since: Option<SyncPoint>,
        paging: Paging,
    ) -> Result<Changes<Iter<crate::Change<R::Item>>>, Error>
    where
        R: PaginatedRequest + Send + Sync + 'static,
        R::Item: Send + 'static,
    {
        let sync = self.wait(self.client.changes(listing, since, paging))?;
        Ok(Changes {
            changes: self.iter(sync.changes),
            next: sync.next,
        })
    }
}

impl TryFrom<crate::Client> for Client {
    type Error = Error;

    /// [`Client::new`].
    fn try_from(client: crate::Client) -> Result<Client, Error> {
        Client::new(client)
    }
}

/// An async client's stream, boxed to be named.
type Items<T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>;

/// The items of a listing, a search, a tree walk, a job's log or a sync,
/// fetched as they are asked for; see the [module docs](self#iterators).
///
/// It ends after the first error, which it yields. Dropping it cancels the
/// requests it has in flight.
pub struct Iter<T> {
    /// `None` once it has ended: the streams underneath must not be polled
    /// after their end.
    stream: Option<Items<T>>,
    runtime: Arc<Runtime>,
}

impl<T> std::fmt::Debug for Iter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Iter")
            .field("ended", &self.stream.is_none())
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for Iter<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let stream = self.stream.as_mut()?;
        let item = self.runtime.block_on(stream.next());
        if item.is_none() {
            // What it held (the fetching task's handle) goes now.
            self.stream = None;
        }
        item
    }
}

impl<T> std::iter::FusedIterator for Iter<T> {}

/// The body of a successful answer ([`Client::send_streaming`]), read as it
/// arrives: chunk by chunk, through [`std::io::Read`], or written whole to
/// a [`std::io::Write`].
pub struct Body {
    stream: BodyStream,
    method: Method,
    /// What a `read` has not yet handed out of the latest chunk.
    chunk: Bytes,
    runtime: Arc<Runtime>,
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("method", &self.method)
            .field("path", &self.stream.path())
            .finish_non_exhaustive()
    }
}

impl Body {
    /// The answer's `Content-Type`, if it has one.
    pub fn content_type(&self) -> Option<&str> {
        self.stream.content_type()
    }

    /// The next chunk of the body (first what a `read` left of the last
    /// one); `None` at its end.
    pub fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        if !self.chunk.is_empty() {
            return Ok(Some(std::mem::take(&mut self.chunk)));
        }
        self.runtime.block_on(self.stream.chunk())
    }

    /// Writes the rest of the body to `writer` as it arrives and flushes
    /// it; returns the number of bytes written. The writing happens on the
    /// calling thread.
    pub fn write_to<W: std::io::Write + ?Sized>(mut self, writer: &mut W) -> Result<u64, Error> {
        let mut written = 0u64;
        while let Some(chunk) = self.chunk()? {
            writer
                .write_all(&chunk)
                .map_err(|source| self.write_error(source))?;
            written += chunk.len() as u64;
        }
        writer.flush().map_err(|source| self.write_error(source))?;
        Ok(written)
    }

    fn write_error(&self, source: std::io::Error) -> Error {
        Error::Write {
            method: self.method,
            path: self.stream.path().to_owned(),
            source,
        }
    }
}

impl std::io::Read for Body {
    /// Reads from the body as it arrives; a failed read is an
    /// [`std::io::Error`] carrying the [`Error`], which
    /// `std::io::Error::into_inner` and `downcast` give back.
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        while self.chunk.is_empty() {
            match self.runtime.block_on(self.stream.chunk()) {
                Ok(Some(chunk)) => self.chunk = chunk,
                Ok(None) => return Ok(0),
                Err(e) => return Err(std::io::Error::other(e)),
            }
        }
        let n = buf.len().min(self.chunk.len());
        buf[..n].copy_from_slice(&self.chunk.split_to(n));
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sent on when dropped.
    struct Signal(std::sync::mpsc::Sender<()>);

    impl Drop for Signal {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }

    /// Work runs with the runtime's timers and tasks; the runtime lives as
    /// long as any clone, and its tasks are cancelled by the time the last
    /// one is dropped.
    #[test]
    fn the_runtime_runs_timers_and_tasks_and_ends_with_the_last_clone() -> Result<(), Error> {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9")
            .build_blocking()?;
        let waited = client.wait(async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            tokio::spawn(async { 7 }).await.ok()
        });
        assert_eq!(waited, Some(7));

        // A task that would run for an hour, holding a signal.
        let (tx, rx) = std::sync::mpsc::channel();
        let signal = Signal(tx);
        client.wait(async move {
            tokio::spawn(async move {
                let _signal = signal;
                tokio::time::sleep(Duration::from_secs(3600)).await;
            });
        });
        let clone = client.clone();
        drop(client);
        assert_eq!(clone.wait(async { 8 }), 8, "a clone keeps the runtime");
        assert!(rx.try_recv().is_err(), "the task still runs");
        drop(clone);
        assert!(rx.try_recv().is_ok(), "the task was cancelled");
        Ok(())
    }

    #[test]
    fn clients_are_send_and_sync_and_iterators_send() {
        fn send_sync<T: Send + Sync>() {}
        fn send<T: Send>() {}
        send_sync::<Client>();
        send::<Iter<serde_json::Value>>();
    }

    #[test]
    fn calls_from_inside_an_async_runtime_do_not_panic() -> Result<(), Box<dyn std::error::Error>> {
        let outer = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let answer = outer.block_on(async {
            // Nothing listens on port 9: a transport error, not a panic.
            let client = Client::builder()
                .base_url("http://127.0.0.1:9")
                .retry(crate::RetryPolicy::default().max_retries(0))
                .build_blocking()?;
            let answer = client.get_json::<serde_json::Value>("/version");
            drop(client);
            Ok::<_, Error>(answer)
        })?;
        assert!(matches!(answer, Err(Error::Transport { .. })), "{answer:?}");
        Ok(())
    }

    /// `GET /repositories/2/archival_objects`, written by hand as any
    /// generated crate writes it: the blocking client takes the requests of
    /// whichever bindings the program uses, with or without `bundled`.
    #[derive(Clone)]
    struct Listing {
        page: Option<(u64, u64)>,
    }

    impl Request for Listing {
        type Response = archivesspace_core::request::Page<serde_json::Value>;
        const METHOD: Method = Method::Get;
        const URI_TEMPLATE: &'static str = "/repositories/:repo_id/archival_objects";

        fn path(&self) -> String {
            "/repositories/2/archival_objects".to_owned()
        }

        fn query(&self) -> archivesspace_core::request::Query {
            let mut query = archivesspace_core::request::Query::new();
            if let Some((page, size)) = self.page {
                query.push("page", page);
                query.push("page_size", size);
            }
            query
        }
    }

    impl PaginatedRequest for Listing {
        type Item = serde_json::Value;

        fn set_page(&mut self, page: u64, page_size: u64) {
            self.page = Some((page, page_size));
        }

        // The fake keeps no modification times.
        fn set_modified_since(&mut self, _since: Option<u64>) {}
    }

    #[test]
    fn any_bindings_requests_page_and_harvest_against_the_fake(
    ) -> Result<(), Box<dyn std::error::Error>> {
        use archivesspace_fake::{FakeConfig, FakeServer};

        let background = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()?;
        let server = background.block_on(FakeServer::start(FakeConfig::default().records(321)))?;
        let client = Client::builder()
            .base_url(server.base_url())
            .credentials(server.username(), server.password())
            .build_blocking()?;
        let uris = |records: Vec<serde_json::Value>| -> Vec<String> {
            records
                .iter()
                .filter_map(|r| r["uri"].as_str().map(str::to_owned))
                .collect()
        };
        let expected: Vec<String> = server
            .record_ids()
            .iter()
            .map(|id| format!("/repositories/2/archival_objects/{id}"))
            .collect();

        let page = client.send(&Listing {
            page: Some((2, 10)),
        })?;
        assert_eq!((page.total, page.results.len()), (321, 10));
        let paged = client
            .paginate_with(Listing { page: None }, Paging::new().with_page_size(100))
            .collect::<Result<Vec<_>, Error>>()?;
        assert_eq!(uris(paged), expected);
        let harvested = client
            .harvest(Listing { page: None })
            .collect::<Result<Vec<_>, Error>>()?;
        assert_eq!(uris(harvested), expected);
        Ok(())
    }

    #[test]
    fn debug_hides_the_password() -> Result<(), Error> {
        let client = Client::builder()
            .base_url("http://localhost:8089")
            .credentials("admin", "pw-7a6b5c")
            .build_blocking()?;
        let shown = format!("{client:?}");
        assert!(!shown.contains("pw-7a6b5c"), "{shown}");
        assert!(shown.contains("localhost:8089"), "{shown}");
        Ok(())
    }
}
