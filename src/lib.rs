//! Typed client for the ArchivesSpace REST API.
//!
//! The record types and request builders are generated from ArchivesSpace's
//! own schemas and endpoint declarations by `archivesspace-codegen`, for
//! any release and a site's plugins; this crate is the runtime that sends
//! them. It depends on no release of its own: every method takes the
//! requests and records of whichever generated crate the program uses.
//!
//! - With the default `bundled` feature, the bindings of the release this
//!   crate is released with (the `archivesspace-api` crate, also reachable
//!   as `api`) are re-exported here: a struct per JSONModel record type
//!   (`ArchivalObject`, `Accession`, ... and `Record` for any of them), and
//!   a request type per route in `requests` (`requests::accessions::Get`,
//!   `requests::archival_objects::List`, ...).
//! - With `default-features = false`, depend on the crate
//!   `archivesspace-codegen generate` made for your site's release and
//!   plugins, and pass its requests and records to the same client.
//!
//! The runtime:
//!
//! - [`Client`]: logs in, sends the session token, logs in again (once, for
//!   all requests in flight) when ArchivesSpace answers 412 `SESSION_GONE` or
//!   `SESSION_EXPIRED`, limits concurrency and retries transient failures;
//! - [`Client::send`] for any generated request, answering its typed
//!   response ([`Modified`] for creates and updates, [`Deleted`] for
//!   deletes); [`Client::send_raw`] for a [`RawRequest`] whose method, path,
//!   query and body are known only at run time;
//! - [`Client::paginate`] and [`Client::harvest`] to stream whole listings;
//! - [`Client::update_with`] and [`Client::update_record`] for a lossless
//!   read-modify-write under `lock_version`;
//! - [`Client::search`] and [`Client::search_all`], each hit's record decoded;
//! - [`blocking::Client`], the same methods for code that does not want
//!   async, with iterators instead of streams;
//! - [`Error`], one variant per way ArchivesSpace says no; what a release
//!   lacks is [`Error::Unsupported`], naming the release of the generated
//!   request that asked for it.
//!
//! Records decode losslessly: members a type does not declare, explicit
//! `null`s and empty lists are kept and written back, so a record read,
//! changed and posted loses nothing.
//!
//! Secrets (the password and the session token) never appear in `Debug`
//! output, error messages or logs.
//!
//! ```no_run
//! # #[cfg(feature = "bundled")]
//! # mod example {
//! // The bundled bindings; a site's generated crate is used the same way
//! // (`use site_api::requests::archival_objects;`).
//! use archivesspace::requests::archival_objects;
//! use archivesspace::{ArchivalObject, Client, Error, Record, Search, SearchPage, Uri};
//! use futures::TryStreamExt;
//!
//! # async fn run() -> Result<(), Error> {
//! // ASPACE_BASEURL, ASPACE_USERNAME, ASPACE_PASSWORD, or ~/.archivessnake.yml
//! let client = Client::from_env()?;
//!
//! // One record, typed.
//! let record: ArchivalObject = client.send(&archival_objects::Get::new(2, 7)).await?;
//! println!("{:?} ({:?})", record.title, record.level);
//!
//! // Every archival object of repository 2, page by page (or by id with
//! // `client.harvest`, which is safe while records are added or deleted).
//! let all: Vec<ArchivalObject> = client
//!     .paginate(archival_objects::List::new(2))
//!     .try_collect()
//!     .await?;
//! println!("{} records", all.len());
//!
//! // Lossless read-modify-write; a 409 comes back as `Error::Conflict`
//! // (`update_with_attempts` re-applies the edit on a fresh copy instead).
//! let uri = Uri::<ArchivalObject>::new("/repositories/2/archival_objects/7");
//! let done = client
//!     .update_record(&uri, |record| {
//!         record.title = Some("Correspondence, 1920-1925".into());
//!     })
//!     .await?;
//! println!("now at lock_version {:?}", done.lock_version);
//!
//! // Search, each hit's record decoded by its `jsonmodel_type`.
//! let page: SearchPage<Record> = client
//!     .search(Search::repository(2).query("correspondence").facet("level"))
//!     .await?;
//! println!("{} hits; levels {:?}", page.total_hits, page.facet_counts("level"));
//! # Ok(())
//! # }
//! # }
//! ```

// The hand-written core every generated crate stands on, at the paths the
// generated crates re-export it: `archivesspace::request::Request`,
// `archivesspace::jsonmodel::Uri`, `archivesspace::Modified`.
pub use archivesspace_core::jsonmodel::{self, JsonModel, Ref, Uri};
pub use archivesspace_core::request::{self, Page, PaginatedRequest, Request, MAX_PAGE_SIZE};
pub use archivesspace_core::responses::{
    Deleted, Modified, RawResponse, SortDirection, Suppressed, UploadFile,
};
pub use archivesspace_core::trees;
pub use archivesspace_core::validate::{self, Enumerations, Validate, Validation};

#[cfg(feature = "bundled")]
pub use archivesspace_api as api;

// The bundled generated crate's records, requests and helpers, so that users
// of the default features depend on this crate alone:
// `archivesspace::ArchivalObject`, `archivesspace::requests::accessions::Get`.
// The record types are re-exported wholesale (a glob) so a record type added
// by a new ArchivesSpace release needs no change here; none of their names
// collides with this crate's own items.
#[cfg(feature = "bundled")]
pub use archivesspace_api::requests;
#[cfg(feature = "bundled")]
#[doc(no_inline)]
pub use archivesspace_api::*;
#[cfg(feature = "bundled")]
pub use archivesspace_api::{decode_record, Record, ARCHIVESSPACE_VERSION, JSONMODEL_TYPES};

mod batch;
pub mod blocking;
mod client;
mod config;
mod error;
mod in_flight;
mod jobs;
mod paging;
mod raw;
mod retry;
mod routes;
mod search;
mod secret;
mod streaming;
mod sync;
mod tls;
mod transport;
mod tree_walk;
mod update;

pub use batch::{BatchImported, ImportEvent, SavedRecord};
pub use client::{Client, ClientBuilder, Priority};
pub use config::Config;
pub use error::{ConflictKind, Error, FieldMessages, SessionFailure};
pub use jobs::JobWait;
pub use paging::Paging;
pub use raw::RawRequest;
pub use retry::RetryPolicy;
pub use search::{Hit, Search, SearchPage};
pub use secret::Secret;
pub use streaming::BodyStream;
pub use sync::{Change, Changes, SyncPoint};
pub use tls::{Certificate, Identity};
pub use tree_walk::{Tree, TreeEntry};
