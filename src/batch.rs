//! Batch imports (`POST /repositories/:repo_id/batch_imports`), read as the
//! server writes them.
//!
//! ArchivesSpace answers a batch import with 200 at once and then writes a
//! JSON array as the import goes: status objects (`{"status": [...]}`),
//! progress (`{"ticks": n, "total": m}`) every second, and last the results
//! (`{"saved": {temporary URI: [URI, id]}, "errors": [...]}`), then `]`. A
//! failed import is still a 200: only the results say so. This module reads
//! the array element by element as it arrives, hands each event to the
//! caller, maps the temporary URIs to the saved ones and turns reported
//! errors into [`Error::BatchImport`], never an `Ok`.

use std::collections::BTreeMap;

use archivesspace_core::request::{Method, Request};
use serde::Serialize;
use serde_json::Value;

use crate::routes::BatchImport;
use crate::{Client, Error};

/// What the server reports while a batch import runs.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportEvent {
    /// Records processed so far, of an estimated total.
    Progress {
        /// Records done.
        ticks: u64,
        /// The estimate, when the server has one.
        total: Option<u64>,
    },
    /// Status updates (each an object with a `type`, an `id` and a
    /// `label`, as the importer writes them).
    Status(Vec<Value>),
    /// An element of another shape, as sent.
    Other(Value),
}

/// A record a batch import saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRecord {
    /// Its URI.
    pub uri: String,
    /// Its id.
    pub id: i64,
}

/// The outcome of a batch import that succeeded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchImported {
    /// Each temporary URI of the batch with the record saved for it (empty
    /// when the request set `skip_results`).
    pub saved: BTreeMap<String, SavedRecord>,
}

impl BatchImported {
    /// The URI saved for the batch's temporary URI `temporary`.
    pub fn uri_of(&self, temporary: &str) -> Option<&str> {
        self.saved.get(temporary).map(|s| s.uri.as_str())
    }
}

impl Client {
    /// Imports `records` (JSONModel documents whose `uri`s are temporary,
    /// `/repositories/2/archival_objects/import_1`, and may reference each
    /// other by them) into repository `repo_id` in one batch; calls
    /// `on_event` for each event as the server reports it.
    ///
    /// ```no_run
    /// # async fn run(client: archivesspace::Client) -> Result<(), archivesspace::Error> {
    /// use archivesspace::ImportEvent;
    /// use serde_json::json;
    ///
    /// let batch = vec![
    ///     json!({"jsonmodel_type": "resource", "uri": "/repositories/2/resources/import_1",
    ///            "title": "Papers", "id_0": "MS 1", "level": "collection",
    ///            "dates": [{"date_type": "single", "label": "creation", "expression": "1900"}],
    ///            "extents": [{"portion": "whole", "number": "1", "extent_type": "linear_feet"}]}),
    ///     json!({"jsonmodel_type": "archival_object", "uri": "/repositories/2/archival_objects/import_2",
    ///            "title": "Letters", "level": "file",
    ///            "resource": {"ref": "/repositories/2/resources/import_1"}}),
    /// ];
    /// let imported = client
    ///     .batch_import(2, &batch, |event| {
    ///         if let ImportEvent::Progress { ticks, total } = event {
    ///             eprintln!("{ticks} of {total:?}");
    ///         }
    ///     })
    ///     .await?;
    /// println!("{:?}", imported.uri_of("/repositories/2/resources/import_1"));
    /// # Ok(()) }
    /// ```
    pub async fn batch_import<T: Serialize>(
        &self,
        repo_id: i64,
        records: &[T],
        on_event: impl FnMut(&ImportEvent),
    ) -> Result<BatchImported, Error> {
        let path = format!("/repositories/{repo_id}/batch_imports");
        let body = serde_json::to_vec(records).map_err(|source| Error::Encode {
            method: Method::Post,
            path,
            source,
        })?;
        self.batch_import_with(&BatchImport::new(repo_id, body), on_event)
            .await
    }

    /// [`Client::batch_import`] with the request built by the caller: the
    /// generated `batch_imports::Create` of the bindings in use, to set
    /// `migration` or `skip_results`.
    pub async fn batch_import_with<R: Request>(
        &self,
        request: &R,
        mut on_event: impl FnMut(&ImportEvent),
    ) -> Result<BatchImported, Error> {
        let mut body = self.send_streaming(request).await?;
        let path = body.path().to_owned();
        let mut elements = ArrayElements::default();
        let mut results: Option<Value> = None;
        let mut handle = |element: Value| match event(element) {
            Ok(event) => on_event(&event),
            Err(found) => results = Some(found),
        };
        while let Some(chunk) = body.chunk().await? {
            for element in elements.push(&chunk).map_err(|e| decode_error(&path, e))? {
                handle(element);
            }
            // One element never ending must not fill the memory.
            if u64::try_from(elements.pending()).unwrap_or(u64::MAX) > self.max_response_size() {
                return Err(self.too_large(Method::Post, &path, body.status()));
            }
        }
        if !elements.finished() {
            return Err(decode_error(
                &path,
                "the answer ended before its closing `]`".to_owned(),
            ));
        }
        let results = results
            .ok_or_else(|| decode_error(&path, "the answer has no results (`saved`)".to_owned()))?;
        outcome(&path, &results)
    }
}

fn decode_error(path: &str, message: String) -> Error {
    Error::malformed(Method::Post, path, ".", message)
}

/// An element as an event, or `Err` with it when it is the results.
fn event(element: Value) -> Result<ImportEvent, Value> {
    if element.get("saved").is_some() || element.get("errors").is_some() {
        return Err(element);
    }
    if let Some(ticks) = element.get("ticks").and_then(Value::as_u64) {
        return Ok(ImportEvent::Progress {
            ticks,
            total: element.get("total").and_then(Value::as_u64),
        });
    }
    match element.get("status") {
        Some(Value::Array(statuses)) => Ok(ImportEvent::Status(statuses.clone())),
        _ => Ok(ImportEvent::Other(element)),
    }
}

/// The saved records, or the reported errors as an error.
fn outcome(path: &str, results: &Value) -> Result<BatchImported, Error> {
    let mut saved = BTreeMap::new();
    if let Some(map) = results.get("saved").and_then(Value::as_object) {
        for (temporary, record) in map {
            let uri = record.get(0).and_then(Value::as_str);
            let id = record.get(1).and_then(Value::as_i64);
            let (Some(uri), Some(id)) = (uri, id) else {
                return Err(decode_error(
                    path,
                    format!("`saved` has `{temporary}` as {record}, not [URI, id]"),
                ));
            };
            saved.insert(
                temporary.clone(),
                SavedRecord {
                    uri: uri.to_owned(),
                    id,
                },
            );
        }
    }
    let errors: Vec<String> = results
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|e| match e {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        })
        .collect();
    if errors.is_empty() {
        Ok(BatchImported { saved })
    } else {
        Err(Error::BatchImport {
            path: path.to_owned(),
            errors,
            saved: saved.into_values().map(|s| s.uri).collect(),
        })
    }
}

/// Splits a JSON array arriving in pieces into its elements, each parsed as
/// soon as its last byte is in.
#[derive(Debug, Default)]
struct ArrayElements {
    /// Bytes of the element being read.
    current: Vec<u8>,
    /// Whether the opening `[` was seen.
    opened: bool,
    /// Whether the closing `]` was seen.
    closed: bool,
    /// Nesting inside the current element.
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl ArrayElements {
    fn finished(&self) -> bool {
        self.closed
    }

    /// The bytes held of an element not yet complete.
    fn pending(&self) -> usize {
        self.current.len()
    }

    /// Takes more bytes; answers the elements they complete.
    fn push(&mut self, bytes: &[u8]) -> Result<Vec<Value>, String> {
        let mut out = Vec::new();
        for &b in bytes {
            if self.closed {
                if !b.is_ascii_whitespace() {
                    return Err("text after the closing `]`".to_owned());
                }
                continue;
            }
            if !self.opened {
                match b {
                    b'[' => self.opened = true,
                    b if b.is_ascii_whitespace() => {}
                    _ => return Err("the answer is not a JSON array".to_owned()),
                }
                continue;
            }
            if self.depth == 0 {
                match b {
                    b',' | b' ' | b'\n' | b'\r' | b'\t' => continue,
                    b']' => {
                        self.closed = true;
                        continue;
                    }
                    _ => {}
                }
            }
            self.current.push(b);
            if self.in_string {
                match (self.escaped, b) {
                    (true, _) => self.escaped = false,
                    (false, b'\\') => self.escaped = true,
                    (false, b'"') => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self
                        .depth
                        .checked_sub(1)
                        .ok_or_else(|| format!("an unmatched `{}`", b as char))?;
                }
                _ => {}
            }
            if self.depth == 0 {
                let element = std::mem::take(&mut self.current);
                out.push(
                    serde_json::from_slice(&element)
                        .map_err(|e| format!("an element of the answer: {e}"))?,
                );
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An answer as ArchivesSpace's `ProgressTicker` writes it.
    const ANSWER: &str = "[\n{\"status\":[{\"type\":\"started\",\"label\":\"Processing\",\"id\":1}]},\n\
        {\"ticks\":1,\"total\":2},\n{\"ticks\":2,\"total\":2},\n\
        {\"saved\":{\"/repositories/2/resources/import_1\":[\"/repositories/2/resources/5\",5]}}\n\n]";

    #[test]
    fn elements_come_out_whatever_the_chunks() {
        for size in [1, 2, 7, ANSWER.len()] {
            let mut elements = ArrayElements::default();
            let mut all = Vec::new();
            for chunk in ANSWER.as_bytes().chunks(size) {
                all.extend(elements.push(chunk).unwrap());
            }
            assert!(elements.finished());
            assert_eq!(all.len(), 4, "chunks of {size}");
            assert_eq!(all[1], json!({"ticks": 1, "total": 2}));
        }
    }

    #[test]
    fn strings_with_brackets_and_escapes_stay_whole() {
        let mut elements = ArrayElements::default();
        let all = elements
            .push(br#"[{"errors":["Server error: a \"}]\" in [text]"]}]"#)
            .unwrap();
        assert_eq!(
            all,
            [json!({"errors": ["Server error: a \"}]\" in [text]"]})]
        );
    }

    #[test]
    fn broken_answers_are_errors() {
        assert!(ArrayElements::default().push(b"{\"saved\":{}}").is_err());
        assert!(ArrayElements::default().push(b"[{\"a\":1}}]").is_err());
        assert!(ArrayElements::default().push(b"[] x").is_err());
        let mut open = ArrayElements::default();
        open.push(b"[{\"ticks\":1}").unwrap();
        assert!(!open.finished());
    }

    #[test]
    fn results_map_temporary_uris_and_errors_are_errors() {
        let ok = outcome(
            "/x",
            &json!({"saved": {"/repositories/2/resources/import_1": ["/repositories/2/resources/5", 5]}}),
        )
        .unwrap();
        assert_eq!(
            ok.uri_of("/repositories/2/resources/import_1"),
            Some("/repositories/2/resources/5")
        );
        match outcome("/x", &json!({"saved": {}, "errors": ["Server error: bad"]})) {
            Err(Error::BatchImport { errors, saved, .. }) => {
                assert_eq!(errors, ["Server error: bad"]);
                assert!(saved.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}
