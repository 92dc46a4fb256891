//! Read-modify-write of a record under ArchivesSpace's optimistic locking.

use archivesspace_core::jsonmodel::{JsonModel, Uri};
use archivesspace_core::request::Method;
use archivesspace_core::responses::Modified;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::client::decode_value;
use crate::{Client, Error};

impl Client {
    /// Fetches the record at `uri`, lets `edit` change it, and posts it back
    /// with the `lock_version` it was read at.
    ///
    /// `T` is a generated record type (`ArchivalObject`, `Accession`, ...)
    /// or `serde_json::Value`. Either way the round trip is lossless: every
    /// member the server sent goes back with the same value, changed only by
    /// `edit`, including members the type does not model (kept in the
    /// record's `extra` map), explicit `null`s and empty lists. A generated
    /// type writes its members in its own order and `Value` in the order
    /// received; ArchivesSpace does not care about member order. If the
    /// edited record carries no `lock_version`, the one read is put back.
    ///
    /// `uri` is a record URI such as `/repositories/2/accessions/7`: a
    /// string, a typed [`Uri`], or a generated request's `path()`. With a
    /// typed [`Uri`], [`Client::update_record`] infers `T` from it.
    ///
    /// If someone else saved the record in between, ArchivesSpace answers 409
    /// and this returns [`Error::Conflict`] with
    /// [`ConflictKind::StaleLockVersion`](crate::ConflictKind::StaleLockVersion);
    /// see [`Client::update_with_attempts`] to re-apply the edit instead.
    pub async fn update_with<T, F>(&self, uri: impl AsRef<str>, edit: F) -> Result<Modified, Error>
    where
        T: DeserializeOwned + Serialize,
        F: FnMut(&mut T),
    {
        self.update_with_attempts(uri, 1, edit).await
    }

    /// [`Client::update_with`] for a typed URI, which names the record type:
    /// `client.update_record(&Uri::<Accession>::new(uri), |a| a.title = ...)`.
    pub async fn update_record<T, F>(&self, uri: &Uri<T>, edit: F) -> Result<Modified, Error>
    where
        T: JsonModel + DeserializeOwned + Serialize,
        F: FnMut(&mut T),
    {
        self.update_with_attempts(uri, 1, edit).await
    }

    /// Like [`Client::update_with`], but on a stale `lock_version` re-reads
    /// the record and runs `edit` again on the fresh copy, up to `attempts`
    /// times in all. `edit` must therefore be safe to apply to any version of
    /// the record (set a title, not append to it blindly).
    pub async fn update_with_attempts<T, F>(
        &self,
        uri: impl AsRef<str>,
        attempts: u32,
        mut edit: F,
    ) -> Result<Modified, Error>
    where
        T: DeserializeOwned + Serialize,
        F: FnMut(&mut T),
    {
        let uri = uri.as_ref();
        let attempts = attempts.max(1);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let document: Value = self.get_json(uri).await?;
            let lock_version = document.get("lock_version").cloned();
            let mut record: T = decode_value(Method::Get, uri, document)?;
            edit(&mut record);
            let mut body = serde_json::to_value(&record).map_err(|source| Error::Encode {
                method: Method::Post,
                path: uri.to_owned(),
                source,
            })?;
            if let (Some(lock_version), Value::Object(members)) = (lock_version, &mut body) {
                let missing = members.get("lock_version").is_none_or(Value::is_null);
                if missing {
                    members.insert("lock_version".to_owned(), lock_version);
                }
            }
            match self.post_json::<_, Modified>(uri, &body).await {
                Err(e) if e.is_stale() && attempt < attempts => {
                    tracing::info!(
                        uri,
                        attempt,
                        attempts,
                        "record changed since it was read; reading it again"
                    );
                }
                result => return result,
            }
        }
    }
}
