//! Typed client for the ArchivesSpace REST API.
//!
//! The record types and request builders live in [`api`] (the generated
//! `archivesspace-api` crate); this crate adds the runtime around them:
//!
//! - [`Client`]: logs in, sends the session token, logs in again (once, for
//!   all requests in flight) when ArchivesSpace answers 412 `SESSION_GONE` or
//!   `SESSION_EXPIRED`, limits concurrency and retries transient failures;
//! - [`Client::send`] for any [`api::support::Request`];
//! - [`Client::paginate`] and [`Client::harvest`] to stream whole listings;
//! - [`Client::update_with`] for read-modify-write under `lock_version`;
//! - [`Error`], one variant per way ArchivesSpace says no.
//!
//! Secrets (the password and the session token) never appear in `Debug`
//! output, error messages or logs.
//!
//! ```no_run
//! use archivesspace::{Client, Error};
//! use futures::TryStreamExt;
//!
//! # async fn run() -> Result<(), Error> {
//! // ASPACE_BASEURL, ASPACE_USERNAME, ASPACE_PASSWORD, or ~/.archivessnake.yml
//! let client = Client::from_env()?;
//!
//! // Lossless read-modify-write of one record.
//! let updated = client
//!     .update_with("/repositories/2/archival_objects/7", |record: &mut serde_json::Value| {
//!         record["title"] = "Correspondence, 1920-1925".into();
//!     })
//!     .await?;
//! println!("now at lock_version {:?}", updated.lock_version);
//!
//! // Every archival object of repository 2, given a listing request type
//! // (generated ones live in `archivesspace::api`):
//! # #[derive(Clone)] struct ListArchivalObjects;
//! # impl archivesspace::api::support::Request for ListArchivalObjects {
//! #     type Response = archivesspace::api::support::Page<serde_json::Value>;
//! #     const METHOD: archivesspace::api::support::Method = archivesspace::api::support::Method::Get;
//! #     const URI_TEMPLATE: &'static str = "/repositories/:repo_id/archival_objects";
//! #     fn path(&self) -> String { "/repositories/2/archival_objects".into() }
//! # }
//! # impl archivesspace::api::support::PaginatedRequest for ListArchivalObjects {
//! #     type Item = serde_json::Value;
//! #     fn set_page(&mut self, _page: u64, _page_size: u64) {}
//! # }
//! let records: Vec<serde_json::Value> = client.harvest(ListArchivalObjects).try_collect().await?;
//! println!("{} records", records.len());
//! # Ok(())
//! # }
//! ```

pub use archivesspace_api as api;

// The generated crate's records, requests and helpers, so that users depend
// on this crate alone: `archivesspace::ArchivalObject`,
// `archivesspace::requests::accessions::Get`, `archivesspace::Modified`.
// The record types are re-exported wholesale (a glob) so a record type added
// by a new ArchivesSpace release needs no change here; none of their names
// collides with this crate's own items.
pub use archivesspace_api::jsonmodel::{self, JsonModel, Ref, Uri};
pub use archivesspace_api::requests::{self, Deleted, Modified, SortDirection, Suppressed};
pub use archivesspace_api::support::{self, Page, PaginatedRequest, Request, MAX_PAGE_SIZE};
#[doc(no_inline)]
pub use archivesspace_api::*;
pub use archivesspace_api::{decode_record, Record, ARCHIVESSPACE_VERSION, JSONMODEL_TYPES};

mod client;
mod config;
mod error;
mod paging;
mod retry;
mod search;
mod secret;
mod update;

#[cfg(feature = "fake-server")]
pub mod fake;

pub use client::{Client, ClientBuilder};
pub use config::Config;
pub use error::{ConflictKind, Error, FieldMessages, SessionFailure};
pub use paging::Paging;
pub use retry::RetryPolicy;
pub use search::{Hit, Search, SearchPage};
pub use secret::Secret;
