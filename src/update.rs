//! Read-modify-write of a record under ArchivesSpace's optimistic locking.

use archivesspace_api::support::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::client::decode_value;
use archivesspace_api::requests::Modified;

use crate::{Client, Error};

impl Client {
    /// Fetches the record at `uri`, lets `edit` change it, and posts it back
    /// with the `lock_version` it was read at.
    ///
    /// With `T = serde_json::Value` the round trip is lossless: every member
    /// the server sent goes back in the same order, changed only by `edit`.
    /// With a typed record, members the type does not model are dropped. If
    /// the edited record carries no `lock_version`, the one read is put back.
    ///
    /// If someone else saved the record in between, ArchivesSpace answers 409
    /// and this returns [`Error::Conflict`] with
    /// [`ConflictKind::StaleLockVersion`](crate::ConflictKind::StaleLockVersion);
    /// see [`Client::update_with_attempts`] to re-apply the edit instead.
    pub async fn update_with<T, F>(&self, uri: &str, edit: F) -> Result<Modified, Error>
    where
        T: DeserializeOwned + Serialize,
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
        uri: &str,
        attempts: u32,
        mut edit: F,
    ) -> Result<Modified, Error>
    where
        T: DeserializeOwned + Serialize,
        F: FnMut(&mut T),
    {
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
