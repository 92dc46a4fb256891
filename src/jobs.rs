//! Background jobs: submit one (with its input files), wait for it, follow
//! its log as it grows, fetch its output files, cancel it.
//!
//! ArchivesSpace runs jobs (imports, reports, container and location
//! updates, ...) in the backend's own queue and reports their `status`:
//! `queued`, `running`, then `completed`, `failed` or `canceled`. The log is
//! a file the job appends to; `GET .../jobs/:id/log?offset=n` answers the
//! bytes from `n` to its current end.

use std::time::{Duration, Instant};

use archivesspace_core::request::{Method, Query, Request};
use archivesspace_core::responses::{multipart, UploadFile};
use futures::stream::{self, Stream};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use tokio::io::AsyncWrite;

use crate::client::decode_value;
use crate::routes::{
    CancelJob, CreateJob, CreateJobWithFiles, GetJob, JobLog, JobOutputFile, JobOutputFiles,
};
use crate::{Client, Error};

/// How much of a failed job's log its error keeps.
const LOG_TAIL_BYTES: usize = 4096;

/// A job's `status` as text (`queued` when it has none yet).
fn status(job: &Value) -> &str {
    job.get("status")
        .and_then(Value::as_str)
        .unwrap_or("queued")
}

/// Whether a job in `status` will not change any more.
fn is_finished(status: &str) -> bool {
    matches!(status, "completed" | "failed" | "canceled")
}

/// How [`Client::wait_for_job`] polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobWait {
    /// Time between two looks at the job.
    pub poll: Duration,
    /// How long to wait in all before giving up.
    pub timeout: Duration,
}

impl Default for JobWait {
    fn default() -> Self {
        JobWait {
            poll: Duration::from_secs(2),
            timeout: Duration::from_secs(3600),
        }
    }
}

impl Client {
    /// Submits `job` (the `Job` record of the bindings in use) to
    /// repository `repo_id`, with `files` as its input files (the multipart
    /// form `jobs_with_files` reads) or, without files, as plain JSON;
    /// answers the job's id.
    pub async fn submit_job<J: Serialize>(
        &self,
        repo_id: i64,
        job: &J,
        files: Vec<UploadFile>,
    ) -> Result<i64, Error> {
        let encode_error = |path: String| {
            move |source| Error::Encode {
                method: Method::Post,
                path,
                source,
            }
        };
        let created = if files.is_empty() {
            let path = format!("/repositories/{repo_id}/jobs");
            let json = serde_json::to_vec(job).map_err(encode_error(path))?;
            self.send(&CreateJob::new(repo_id, json)).await?
        } else {
            let path = format!("/repositories/{repo_id}/jobs_with_files");
            let json = serde_json::to_string(job).map_err(encode_error(path))?;
            let mut form = Query::new();
            form.push("job", json);
            let body = multipart(&form, "files", true, &files);
            self.send(&CreateJobWithFiles::new(repo_id, body)).await?
        };
        Ok(created.id)
    }

    /// Polls job `id` until it finishes: answers it, as the `Job` record
    /// of the bindings in use (or `serde_json::Value`), when it completed,
    /// and an [`Error::Job`] with the end of its log when it failed or was
    /// canceled, or when `wait.timeout` passed first.
    pub async fn wait_for_job<J: DeserializeOwned>(
        &self,
        repo_id: i64,
        id: i64,
        wait: JobWait,
    ) -> Result<J, Error> {
        let start = Instant::now();
        loop {
            let request = GetJob::new(repo_id, id);
            let job = self.send(&request).await?;
            match status(&job) {
                "completed" => return decode_value(Method::Get, &request.path(), job),
                "failed" | "canceled" => {
                    return Err(Error::Job {
                        repo_id,
                        id,
                        status: status(&job).to_owned(),
                        log_tail: self.job_log_tail(repo_id, id).await,
                    })
                }
                current if start.elapsed() + wait.poll > wait.timeout => {
                    return Err(Error::Job {
                        repo_id,
                        id,
                        status: format!("still {current} after {} s", wait.timeout.as_secs()),
                        log_tail: self.job_log_tail(repo_id, id).await,
                    });
                }
                _ => tokio::time::sleep(wait.poll).await,
            }
        }
    }

    /// The bytes of job `id`'s log from byte `offset` to its current end.
    pub async fn job_log(&self, repo_id: i64, id: i64, offset: u64) -> Result<Vec<u8>, Error> {
        Ok(self
            .send(&JobLog::new(repo_id, id, offset))
            .await?
            .into_bytes())
    }

    /// Job `id`'s log as it grows: each item is the text added since the
    /// last one (looking every `poll`), and the stream ends once the job has
    /// finished and its log is read to the end.
    pub fn follow_job_log(
        &self,
        repo_id: i64,
        id: i64,
        poll: Duration,
    ) -> impl Stream<Item = Result<Vec<u8>, Error>> + Send + 'static {
        struct Follow {
            client: Client,
            offset: u64,
            done: bool,
        }
        let start = Follow {
            client: self.clone(),
            offset: 0,
            done: false,
        };
        stream::try_unfold(start, move |mut state| async move {
            loop {
                if state.done {
                    return Ok(None);
                }
                // Whether the job had finished before this read: then the
                // read has the whole rest of the log.
                let job = state.client.send(&GetJob::new(repo_id, id)).await?;
                let finished = is_finished(status(&job));
                let chunk = state.client.job_log(repo_id, id, state.offset).await?;
                state.offset += chunk.len() as u64;
                state.done = finished;
                if !chunk.is_empty() {
                    return Ok(Some((chunk, state)));
                }
                if !finished {
                    tokio::time::sleep(poll).await;
                }
            }
        })
    }

    /// The ids of job `id`'s output files.
    pub async fn job_output_files(&self, repo_id: i64, id: i64) -> Result<Vec<i64>, Error> {
        let answer = self.send(&JobOutputFiles::new(repo_id, id)).await?;
        let path = format!("/repositories/{repo_id}/jobs/{id}/output_files");
        answer
            .as_array()
            .map(|ids| ids.iter().filter_map(Value::as_i64).collect())
            .ok_or_else(|| {
                Error::malformed(
                    Method::Get,
                    &path,
                    ".",
                    format!("expected a list of ids, got {answer}"),
                )
            })
    }

    /// Writes output file `file_id` of job `id` to `writer` as it arrives;
    /// answers the number of bytes.
    pub async fn download_job_file<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        repo_id: i64,
        id: i64,
        file_id: i64,
        writer: &mut W,
    ) -> Result<u64, Error> {
        self.export(&JobOutputFile::new(repo_id, id, file_id), writer)
            .await
    }

    /// Asks the queue to cancel job `id`.
    pub async fn cancel_job(&self, repo_id: i64, id: i64) -> Result<(), Error> {
        self.send(&CancelJob::new(repo_id, id)).await?;
        Ok(())
    }

    /// The end of a job's log, as text, for an error; what cannot be read
    /// is left out rather than hiding the job's own failure.
    async fn job_log_tail(&self, repo_id: i64, id: i64) -> String {
        let log = self.job_log(repo_id, id, 0).await.unwrap_or_default();
        let start = log.len().saturating_sub(LOG_TAIL_BYTES);
        String::from_utf8_lossy(&log[start..]).into_owned()
    }
}
